/**
 * Case by case, what a change of the rules does: `node test/accuracy/compare-trees.js <before> <after>`
 * (two checkouts of this repository, each built with `npx tsc -b`) replays the development set and
 * every blind set already tuned on through both builds and prints each case whose answer changed
 * (`+` right now, `-` wrong now, blank: still wrong), then the totals. The never-tuned sets
 * (sets.json `tuned_on: false`) are left out on purpose: choosing between alternatives by their
 * figures would be tuning on them.
 *
 * `--rules-alone` switches the learned second opinion off in both builds: the model is trained on
 * these very cases, so it already answers many of them; the rules' own change shows only without it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const rulesAlone = args.includes('--rules-alone');
const [before, after] = args.filter((a) => !a.startsWith('--')).map((p) => resolve(p));
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
async function rowsOf(root) {
  const evaluate = await import(`${accuracy(root)}/evaluate.js`);
  // The same module instance evaluate.js imports (its node_modules link resolves to this file).
  if (rulesAlone) (await import(`${root}/packages/core/dist/src/index.js`)).useSecondOpinionModel(null);
  return evaluate.evaluate(cases).rows;
}
const rowsBefore = await rowsOf(before);
const rowsAfter = await rowsOf(after);
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
  `${cases.length} cases (development set and tuned sets${rulesAlone ? ', rules alone' : ''}), ${changed} answers changed: +${rightNow} right now, -${wrongNow} wrong now`,
);
