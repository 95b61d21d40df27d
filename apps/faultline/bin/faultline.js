#!/usr/bin/env node
/**
 * The `faultline` command as npm links it (node_modules/.bin/faultline, what `npx faultline` runs).
 *
 * Invariant: this file is committed and never built. npm links a package's bin while it installs,
 * before the root's `prepare` script (tsc -b) has written dist/; a bin that pointed into dist/
 * would be skipped on the first install of a fresh clone ("faultline: not found"). This file
 * exists from the clone on, and loads the build when it runs.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    `faultline: the build is missing (${fileURLToPath(main)}): run \`npm install\` or \`npm run build\` (tsc -b) at the repository root\n`,
  );
  process.exit(1);
}
await import(main.href);
