#!/usr/bin/env node
/**
 * Calibrates the rules' confidence (issue 13; packages/core/src/patterns/calibration.ts, whose
 * module comment states the invariants): every labelled case that may be learned from
 * (learning.js tunedCases: the development set and the blind sets tuned on since; never a set
 * still blind) is analyzed by the rules alone — no learned second opinion, no cap — and each
 * answer's code (findings[0].code: a pattern id or parts.<kind>) is counted with whether it was
 * right (category + factor). Beside it, each code's first sight: the rules' answers to each blind
 * set tuned on since as it was first measured (first-answers.json, written by first-answers.js
 * with each answer's code), counted for the code while it keeps its meaning (a pattern's answer
 * when it named the category + factor the pattern names today; a parts.<kind> answer always).
 * Per code: its counts, the 90% Wilson lower bounds, and its cap (core's calibrationOf). Written
 * to packages/core/model/pattern-calibration.json, which the engine loads.
 *
 *   node test/accuracy/calibrate.js            measure, print, write the table
 *   node test/accuracy/calibrate.js --check    measure and compare with the committed table: exit 1
 *                                              naming every code whose measurement changed (the
 *                                              rules or the first answers changed since it was written)
 *   node test/accuracy/calibrate.js --first    what the caps do to the first answers (the honest
 *                                              estimate): right at confidence >= 0.8 as shipped, under
 *                                              the tuned-only caps and under the table, each set's caps
 *                                              computed without its own first answers; the codes
 *                                              confident yet wrong at first sight
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CONFIDENT,
  calibrationOf,
  capOfShare,
  DEFAULT_CAP,
  PATTERN_BY_ID,
  usePatternCalibration,
  useSecondOpinionModel,
} from '@faultline/core';
import { ACCURACY_DIR, evaluate, loadFiles, loadSets } from './evaluate.js';
import { tunedBlindSets, tunedCases } from './learning.js';

export const CALIBRATION_FILE = join(ACCURACY_DIR, '..', '..', 'packages', 'core', 'model', 'pattern-calibration.json');
/** Codes that are not the rules' answers: "unknown" and the learned second opinion (calibrated by train-model.js). */
const NOT_RULES = new Set(['unknown', 'model.second_opinion']);
/** The rules' answers to each blind set when it was first measured (first-answers.js). */
const FIRST_ANSWERS_FILE = join(ACCURACY_DIR, 'first-answers.json');

/**
 * Every first answer to the blind sets tuned on since (sets.json tuned_on; never a set never tuned
 * on), as first measured: { set, id, code, right, confidence, counts }, `counts` when it measures
 * its code — an answer by a rule code (not "unknown", not the learned second opinion) whose code
 * keeps its meaning (calibration.ts).
 */
export function firstAnswers(registry = loadSets()) {
  const recorded = JSON.parse(readFileSync(FIRST_ANSWERS_FILE, 'utf8')).sets;
  const out = [];
  for (const set of registry.sets) {
    if (!set.tuned_on || !recorded[set.name]) continue;
    const answers = recorded[set.name].answers;
    for (const c of loadFiles(set.files)) {
      const a = answers[c.id];
      if (!a) throw new Error(`${set.name}: ${c.id} has no first answer in first-answers.json`);
      if (!a.code)
        throw new Error(`${set.name}: ${c.id}'s first answer has no code: node test/accuracy/first-answers.js "${set.name}"`);
      const pattern = PATTERN_BY_ID.get(a.code);
      const counts =
        !NOT_RULES.has(a.code) &&
        (a.code.startsWith('parts.') || (pattern !== undefined && `${pattern.category}/${pattern.factor}` === a.got));
      const right = a.got === `${c.expected.category}/${c.expected.contributing_factor}`;
      out.push({ set: set.name, id: c.id, code: a.code, right, confidence: a.confidence, counts });
    }
  }
  return out;
}

/** Per code, { n, right } of rows ({ code, right }). */
function countByCode(rows) {
  const counts = new Map();
  for (const r of rows) {
    if (!r.code || NOT_RULES.has(r.code)) continue;
    const c = counts.get(r.code) ?? { n: 0, right: 0 };
    c.n += 1;
    if (r.right) c.right += 1;
    counts.set(r.code, c);
  }
  return counts;
}

/** The codes' calibration from the tuned counts and the first-sight counts (`first`: null for the caps of the tuned cases alone, the rule before). */
export function codesOf(tuned, first) {
  const codes = [...new Set([...tuned.keys(), ...(first?.keys() ?? [])])].sort();
  return Object.fromEntries(
    codes.map((code) => {
      const t = tuned.get(code) ?? { n: 0, right: 0 };
      if (!first) return [code, { n: t.n, right: t.right, ...capOfShare(t.right, t.n) }];
      const f = first.get(code) ?? { n: 0, right: 0 };
      return [code, calibrationOf(t.right, t.n, f.right, f.n)];
    }),
  );
}

/** The rules' answers on the tuned cases, uncapped and without the model, and the first answers; per code its calibration. */
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
  const allFirst = firstAnswers(registry);
  const first = allFirst.filter((f) => f.counts);
  const firstSets = [...new Set(allFirst.map((f) => f.set))];
  return {
    table: {
      about:
        "Calibration of the rules' confidence (packages/core/src/patterns/calibration.ts): per answer code, its answers n and right on the labelled sets it was tuned on and the lower bound of the 90% Wilson interval of right / n; its first answers to the blind sets tuned on since (first_n, first_right, as first measured) and the lower bound of the combined share (first answers, tuned ones at a quarter); the cap on its confidence, the smaller. Written by test/accuracy/calibrate.js; do not edit.",
      measured_on: { cases: cases.length, sets: ['development set', ...tunedBlindSets(registry).map((s) => s.name)] },
      first_answers: { answers: first.length, sets: firstSets },
      default_cap: DEFAULT_CAP,
      codes: codesOf(countByCode(rows), countByCode(first)),
    },
    rows,
    first: allFirst,
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
  if (committed && JSON.stringify(committed.first_answers) !== JSON.stringify(fresh.first_answers))
    out.push(`first_answers: committed ${JSON.stringify(committed.first_answers)}, now ${JSON.stringify(fresh.first_answers)}`);
  if (committed && committed.default_cap !== fresh.default_cap)
    out.push(`default_cap: committed ${committed.default_cap}, now ${fresh.default_cap}`);
  return out;
}

const pct = (right, n) => `${n ? ((100 * right) / n).toFixed(1) : '—'}% of ${n}`;

/** { n, right } at confidence >= 0.8 among first answers, each rule code's confidence capped by capsOf(set)[code] (null: as shipped). */
export function confidentAtFirst(first, capsOf) {
  let n = 0;
  let right = 0;
  for (const f of first) {
    const caps = NOT_RULES.has(f.code) ? null : capsOf(f.set);
    const confidence = caps ? Math.min(f.confidence, caps[f.code]?.cap ?? DEFAULT_CAP) : f.confidence;
    if (confidence < CONFIDENT) continue;
    n += 1;
    if (f.right) right += 1;
  }
  return { n, right };
}

/** The caps of measure()'s table for a set, computed without that set's first answers (the honest estimate of the next blind set). */
export function leaveSetOut({ rows, first }) {
  const tuned = countByCode(rows);
  const counted = first.filter((f) => f.counts);
  const without = new Map();
  return (set) => {
    if (!without.has(set)) without.set(set, codesOf(tuned, countByCode(counted.filter((f) => f.set !== set))));
    return without.get(set);
  };
}

const share = ({ n, right }) => pct(right, n);

/**
 * What the caps do to the rules' first answers (the honest estimate: the rules had never seen
 * those cases): right at confidence >= 0.8 as shipped, under caps from the tuned cases alone, and
 * under the table — in sample, and with each set's caps computed without that set's first answers.
 */
function firstReport(measured) {
  const { table, rows, first } = measured;
  const tunedOnly = codesOf(countByCode(rows), null);
  const counted = first.filter((f) => f.counts);
  const leaveOut = leaveSetOut(measured);
  const groups = [
    ['all', first],
    ['robotics sets', first.filter((f) => f.set.startsWith('robotics'))],
    ['agent sets', first.filter((f) => f.set.startsWith('agent'))],
    ['held-out sets 1-3', first.filter((f) => f.set.startsWith('held-out'))],
  ];
  console.log(
    `first answers (${first.length}, ${new Set(first.map((f) => f.set)).size} tuned blind sets as first measured): right at confidence >= ${CONFIDENT}`,
  );
  console.log('  answers              as shipped         tuned-only caps    the table          the table, each set left out');
  for (const [name, fs] of groups)
    console.log(
      `  ${name.padEnd(20)} ${share(confidentAtFirst(fs, () => null)).padEnd(18)} ${share(confidentAtFirst(fs, () => tunedOnly)).padEnd(18)} ` +
        `${share(confidentAtFirst(fs, () => table.codes)).padEnd(18)} ${share(confidentAtFirst(fs, leaveOut))}`,
    );
  const byCode = countByCode(counted);
  const wrongAtFirst = Object.entries(tunedOnly)
    .filter(([code, c]) => c.cap >= CONFIDENT && (byCode.get(code)?.right ?? 0) < (byCode.get(code)?.n ?? 0))
    .map(([code, c]) => [code, c, byCode.get(code), table.codes[code]])
    .sort(([, , a], [, , b]) => a.right / a.n - b.right / b.n);
  console.log(`codes confident on the tuned cases alone, wrong at first sight (${wrongAtFirst.length}):`);
  for (const [code, c, f, now] of wrongAtFirst)
    console.log(
      `  ${code.padEnd(30)} tuned ${c.right}/${c.n} cap ${c.cap}; first ${f.right}/${f.n} (${pct(f.right, f.n).split(' ')[0]}); ` +
        `combined lower ${now.combined_lower}, cap ${now.cap}${now.cap < CONFIDENT ? ' (no longer confident)' : ''}`,
    );
}

function main() {
  const measured = measure();
  const { table } = measured;
  if (process.argv.includes('--first')) return firstReport(measured);
  const entries = Object.entries(table.codes);
  const confident = entries.filter(([, c]) => c.cap >= CONFIDENT);
  const answers = entries.reduce((a, [, c]) => a + c.n, 0);
  console.log(
    `rules' calibration: ${table.measured_on.cases} tuned cases (${table.measured_on.sets.join(', ')}); ` +
      `${answers} rules answers by ${entries.length} codes; ${table.first_answers.answers} first answers to ` +
      `${table.first_answers.sets.length} tuned blind sets measure their codes; ${confident.length} codes may answer at >= ${CONFIDENT} ` +
      `(${confident.reduce((a, [, c]) => a + c.n, 0)} answers), the rest at most ${DEFAULT_CAP}; codes never measured: ${DEFAULT_CAP}`,
  );
  const worst = entries
    .filter(([, c]) => (c.n >= 3 && c.right / c.n < 0.8) || (c.first_n >= 3 && c.first_right / c.first_n < 0.8))
    .sort(([, a], [, b]) => a.cap - b.cap);
  console.log(`codes right under 80% of at least 3 answers, tuned or at first sight (${worst.length}):`);
  for (const [code, c] of worst)
    console.log(
      `  ${code.padEnd(34)} ${c.right}/${c.n}  first ${c.first_right}/${c.first_n}  lower ${c.lower}  combined ${c.combined_lower}  cap ${c.cap}`,
    );
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
