#!/usr/bin/env node
/**
 * Calibrates the rules' confidence (issue 13; packages/core/src/patterns/calibration.ts): every
 * labelled case that may be learned from (learning.js tunedCases: the development set and the
 * blind sets tuned on since; never a set still blind) is analyzed by the rules alone — no learned
 * second opinion, no cap — and each answer's code (findings[0].code: a pattern id or parts.<kind>)
 * is counted with whether it was right (category + factor). Per code: answers n, right, the lower
 * bound of the 90% Wilson interval of right / n, and its cap (core's calibrationOf). Written to
 * packages/core/model/pattern-calibration.json, which the engine loads.
 *
 *   node test/accuracy/calibrate.js            measure, print, write the table
 *   node test/accuracy/calibrate.js --check    measure and compare with the committed table: exit 1
 *                                              naming every code whose measurement changed (the
 *                                              rules changed since the table was written)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIDENT, calibrationOf, DEFAULT_CAP, usePatternCalibration, useSecondOpinionModel } from '@faultline/core';
import { ACCURACY_DIR, evaluate, loadSets } from './evaluate.js';
import { tunedBlindSets, tunedCases } from './learning.js';

export const CALIBRATION_FILE = join(ACCURACY_DIR, '..', '..', 'packages', 'core', 'model', 'pattern-calibration.json');
/** Codes that are not the rules' answers: "unknown" and the learned second opinion (calibrated by train-model.js). */
const NOT_RULES = new Set(['unknown', 'model.second_opinion']);

/** The rules' answers on the tuned cases, uncapped and without the model; per code its calibration. */
export function measure() {
  const registry = loadSets();
  const cases = tunedCases(registry);
  useSecondOpinionModel(null);
  usePatternCalibration(null);
  let rows;
  try {
    rows = evaluate(cases).rows;
  } finally {
    useSecondOpinionModel(undefined);
    usePatternCalibration(undefined);
  }
  const counts = new Map();
  for (const r of rows) {
    if (!r.code || NOT_RULES.has(r.code)) continue;
    const c = counts.get(r.code) ?? { n: 0, right: 0 };
    c.n += 1;
    if (r.right) c.right += 1;
    counts.set(r.code, c);
  }
  const codes = Object.fromEntries(
    [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, c]) => [code, calibrationOf(c.right, c.n)]),
  );
  return {
    table: {
      about:
        "Calibration of the rules' confidence (packages/core/src/patterns/calibration.ts): per answer code, its answers n and right on the labelled sets it was tuned on, the lower bound of the 90% Wilson interval of right / n, and the cap on its confidence. Written by test/accuracy/calibrate.js; do not edit.",
      measured_on: { cases: cases.length, sets: ['development set', ...tunedBlindSets(registry).map((s) => s.name)] },
      default_cap: DEFAULT_CAP,
      codes,
    },
    rows,
  };
}

/** The table as committed: one code per line, so a change reads as a diff of the codes that moved. */
export function serialize(table) {
  const { codes, ...head } = table;
  const lines = Object.entries(codes).map(([code, c]) => `    ${JSON.stringify(code)}: ${JSON.stringify(c)}`);
  const top = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return `{\n${top.join('\n')}\n  "codes": {\n${lines.join(',\n')}\n  }\n}\n`;
}

/** The codes whose calibration differs between two tables (added, removed or changed). */
export function differences(committed, fresh) {
  const out = [];
  const keys = new Set([...Object.keys(committed?.codes ?? {}), ...Object.keys(fresh.codes)]);
  for (const code of [...keys].sort()) {
    const a = JSON.stringify(committed?.codes?.[code] ?? null);
    const b = JSON.stringify(fresh.codes[code] ?? null);
    if (a !== b) out.push(`${code}: committed ${a}, measured now ${b}`);
  }
  if (committed && JSON.stringify(committed.measured_on) !== JSON.stringify(fresh.measured_on))
    out.push(`measured_on: committed ${JSON.stringify(committed.measured_on)}, now ${JSON.stringify(fresh.measured_on)}`);
  if (committed && committed.default_cap !== fresh.default_cap)
    out.push(`default_cap: committed ${committed.default_cap}, now ${fresh.default_cap}`);
  return out;
}

function main() {
  const { table } = measure();
  const entries = Object.entries(table.codes);
  const confident = entries.filter(([, c]) => c.cap >= CONFIDENT);
  const answers = entries.reduce((a, [, c]) => a + c.n, 0);
  console.log(
    `rules' calibration: ${table.measured_on.cases} tuned cases (${table.measured_on.sets.join(', ')}); ` +
      `${answers} rules answers by ${entries.length} codes; ${confident.length} codes may answer at >= ${CONFIDENT} ` +
      `(${confident.reduce((a, [, c]) => a + c.n, 0)} answers), the rest at most ${DEFAULT_CAP}; codes never measured: ${DEFAULT_CAP}`,
  );
  const worst = entries.filter(([, c]) => c.n >= 3 && c.right / c.n < 0.8).sort(([, a], [, b]) => a.cap - b.cap);
  console.log(`codes right under 80% of at least 3 answers (${worst.length}):`);
  for (const [code, c] of worst) console.log(`  ${code.padEnd(34)} ${c.right}/${c.n}  lower ${c.lower}  cap ${c.cap}`);
  const committed = existsSync(CALIBRATION_FILE) ? JSON.parse(readFileSync(CALIBRATION_FILE, 'utf8')) : null;
  if (process.argv.includes('--check')) {
    const diff = differences(committed, table);
    if (!committed) console.error(`${CALIBRATION_FILE} is missing: run node test/accuracy/calibrate.js`);
    for (const d of diff) console.error(`stale: ${d}`);
    if (!committed || diff.length) {
      console.error('the committed calibration no longer matches the rules: run node test/accuracy/calibrate.js and commit it');
      process.exitCode = 1;
    } else console.log('the committed calibration matches the rules');
    return;
  }
  writeFileSync(CALIBRATION_FILE, serialize(table));
  console.log(`wrote ${CALIBRATION_FILE} (${entries.length} codes)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
