#!/usr/bin/env node
/** `npm run accuracy`: prints the dev-set figures (add --misses to list every wrong answer). */
import { join } from 'node:path';
import { auditCases, CASES_DIR, evaluate, loadCases } from './evaluate.js';

const holdoutMode = process.argv.includes('--holdout');
const cases = loadCases(holdoutMode ? join(CASES_DIR, '..', 'holdout') : CASES_DIR);
console.log(
  holdoutMode
    ? 'HELD-OUT set (never used for tuning): test/accuracy/holdout'
    : 'DEVELOPMENT set (used to tune the pattern library): test/accuracy/cases',
);
const problems = auditCases(cases);
for (const p of problems) console.error(`case problem: ${p}`);
const r = evaluate(cases);
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const byCategory = new Map();
for (const row of r.rows) {
  const cat = row.expected.split('/')[0];
  const s = byCategory.get(cat) ?? { n: 0, right: 0 };
  s.n += 1;
  if (row.right) s.right += 1;
  byCategory.set(cat, s);
}
console.log(
  `${r.cases} cases (${r.rows.filter((x) => x.kind === 'trace').length} traces, ${r.rows.filter((x) => x.kind === 'log').length} logs), ${byCategory.size} categories`,
);
console.log(`accuracy, category:                     ${pct(r.categoryAccuracy)}`);
console.log(`accuracy, category + contributing factor: ${pct(r.accuracy)}`);
console.log(`mean confidence, right answers:          ${r.meanConfidenceRight.toFixed(3)}`);
console.log(`mean confidence, wrong answers:          ${r.meanConfidenceWrong.toFixed(3)}`);
console.log(`right among confidence >= 0.8:           ${pct(r.confidentPrecision)} of ${r.confidentCount}`);
console.log(
  `"unknown" answers:                       ${r.unknownAnswers} (highest confidence ${r.unknownMaxConfidence.toFixed(2)})`,
);
console.log('\nper expected category (right / cases):');
for (const [cat, s] of [...byCategory].sort()) console.log(`  ${cat.padEnd(22)} ${s.right}/${s.n}`);
const misses = r.rows.filter((x) => !x.right);
if (process.argv.includes('--misses')) {
  console.log('\nwrong answers:');
  for (const m of misses)
    console.log(`  ${m.id.padEnd(28)} expected ${m.expected.padEnd(44)} got ${m.got} (${m.code}, ${m.confidence})`);
} else if (misses.length) console.log(`\n${misses.length} wrong answers (run with --misses to list them)`);
process.exitCode = problems.length ? 1 : 0;
