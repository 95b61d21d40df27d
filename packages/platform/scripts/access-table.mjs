#!/usr/bin/env node
/**
 * Writes the README's access table from packages/platform/src/access.ts (built: run `npx tsc -b`
 * first), between the `<!-- access-table:begin -->` and `<!-- access-table:end -->` markers, so
 * the README cannot drift from the table the access-matrix test runs. Edit access.ts, run
 * `node packages/platform/scripts/access-table.mjs`, commit both;
 * packages/platform/test/access.test.ts fails when they disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderAccessTable } from '../dist/src/access.js';

export const README = new URL('../../../README.md', import.meta.url);
export const BEGIN = '<!-- access-table:begin -->';
export const END = '<!-- access-table:end -->';

/** The README with its access table replaced by the rendered one. */
export function render(readme = readFileSync(README, 'utf8')) {
  const i = readme.indexOf(BEGIN);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) throw new Error(`README.md: the markers ${BEGIN} … ${END} are missing`);
  return `${readme.slice(0, i + BEGIN.length)}\n${renderAccessTable()}\n${readme.slice(j)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(README, render());
  process.stdout.write('wrote the access table of README.md\n');
}
