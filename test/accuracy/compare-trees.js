/**
 * Case by case, what a change of the rules does: `node test/accuracy/compare-trees.js <before> <after>`
 * (two checkouts of this repository, each built with `npx tsc -b`) replays the development set and
 * every blind set already tuned on through both builds and prints each case whose answer changed
 * (`+` right now, `-` wrong now, blank: still wrong), then the totals. The never-tuned sets
 * (sets.json `tuned_on: false`) are left out on purpose: choosing between alternatives by their
 * figures would be tuning on them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [before, after] = process.argv.slice(2).map((p) => resolve(p));
if (!before || !after) {
  console.error('usage: node test/accuracy/compare-trees.js <checkout before> <checkout after>');
  process.exit(2);
}
const accuracy = (root) => `${root}/test/accuracy`;
const { loadSets } = await import(`${accuracy(after)}/evaluate.js`);
const neverTuned = new Set(
  loadSets(`${accuracy(after)}/sets.json`)
    .sets.filter((s) => !s.tuned_on)
    .flatMap((s) => s.files),
);
const files = ['cases', 'blind']
  .flatMap((dir) => readdirSync(`${accuracy(after)}/${dir}`).map((f) => `${dir}/${f}`))
  .filter((f) => f.endsWith('.jsonl') && !neverTuned.has(f));
const cases = files.flatMap((file) =>
  readFileSync(`${accuracy(after)}/${file}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => ({ ...JSON.parse(line), file })),
);
// Each checkout's evaluate.js imports its own build of @faultline/core (its node_modules link).
const rowsBefore = (await import(`${accuracy(before)}/evaluate.js`)).evaluate(cases).rows;
const rowsAfter = (await import(`${accuracy(after)}/evaluate.js`)).evaluate(cases).rows;
let rightNow = 0;
let wrongNow = 0;
let changed = 0;
rowsBefore.forEach((b, i) => {
  const a = rowsAfter[i];
  if (a.got === b.got && a.right === b.right) return;
  changed++;
  const mark = a.right === b.right ? ' ' : a.right ? '+' : '-';
  if (mark === '+') rightNow++;
  if (mark === '-') wrongNow++;
  console.log(`${mark} ${cases[i].file} ${b.id} expected ${b.expected}: ${b.got} (${b.code}) -> ${a.got} (${a.code})`);
});
console.log(
  `${cases.length} cases (development set and tuned sets), ${changed} answers changed: +${rightNow} right now, -${wrongNow} wrong now`,
);
