#!/usr/bin/env node
/**
 * `npm run accuracy`: the blind sets' accuracy (sets.json: first measured blind, and now), blind
 * sets not yet listed (blind/: their first measurement), and, apart, the development set's fit.
 *   node test/accuracy/report.js                   all of it
 *   node test/accuracy/report.js --set NAME|FILE   per-category detail of one set or case file
 *   ... --misses                                   with every wrong answer of that set (default: development)
 *   node test/accuracy/report.js --first FILE      measure only this unlisted blind file (e.g. blind/agent-1.jsonl),
 *                                                  leaving other unlisted files (still being collected) unread
 *   node test/accuracy/report.js --by-form         also: per set (tuned and not) and overall, cases / right / share right
 *                                                  for each form of text (evaluate.js formOf: prose or output)
 * Every set with a `slice` field on its cases is also printed per slice (robotics, agent, infrastructure).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCURACY_DIR,
  auditCases,
  blindFilesNotListed,
  bySlice,
  bySource,
  countsOf,
  evaluate,
  firstFigures,
  formOf,
  loadCases,
  loadFiles,
  loadSets,
} from './evaluate.js';

const pct = (x) => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)}%`);
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const registry = loadSets();
const margin = registry.margin_points;
let problems = 0;
const audited = (label, cases) => {
  for (const p of auditCases(cases)) {
    console.error(`case problem (${label}): ${p}`);
    problems++;
  }
  return cases;
};
const share = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
/** One line per slice: category | +factor, right at conf >= 0.8, unknown. */
const printSlices = (rows, indent) => {
  for (const s of bySlice(rows)) {
    if (s.slice === 'unsliced') continue;
    console.log(
      `${indent}${s.slice.padEnd(15)} ${String(s.cases).padStart(3)} cases: category ${share(s.category, s.cases)}, ` +
        `+factor ${share(s.category_factor, s.cases)}, right at conf >= 0.8 ${share(s.confident_right, s.confident)} of ${s.confident}, ` +
        `"unknown" ${s.unknown}`,
    );
  }
};
/** "answered by model 2 (1 right), none 15 (1 right), patterns 60 (57 right), structure 5 (4 right)". */
const sources = (rows) =>
  `answered by ${Object.entries(bySource(rows))
    .sort()
    .map(([name, s]) => `${name} ${s.answers} (${s.right} right)`)
    .join(', ')}`;
const row = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' ');

console.log('BLIND SETS: accuracy is the figure each scored when first measured, blind (sets.json)');
const widths = [16, 22, 6, 18, 22, 14];
console.log(row(['set', 'status', 'cases', 'category | +factor', 'right at conf >= 0.8', 'gate (+factor)'], widths));
for (const set of registry.sets) {
  const first = firstFigures(set, margin);
  const now = evaluate(audited(set.name, loadFiles(set.files)));
  const status = set.tuned_on ? 'tuned on since' : 'never tuned on';
  console.log(
    row(
      [
        set.name,
        `first, ${set.first.date}`,
        set.first.cases,
        `${pct(first.category)} | ${pct(first.accuracy)}`,
        `${pct(first.confidentPrecision)} of ${set.first.confident}`,
        '',
      ],
      widths,
    ),
  );
  console.log(
    row(
      [
        '',
        `now (${status})`,
        now.cases,
        `${pct(now.categoryAccuracy)} | ${pct(now.accuracy)}`,
        `${pct(now.confidentPrecision)} of ${now.confidentCount}`,
        `>= ${pct(first.gate.accuracy)}`,
      ],
      widths,
    ),
  );
  const firstSlices = set.first.slices ?? {};
  for (const [name, s] of Object.entries(firstSlices))
    console.log(
      `${''.padEnd(17)}first  ${name.padEnd(15)} ${String(s.cases).padStart(3)} cases: category ${share(s.category, s.cases)}, ` +
        `+factor ${share(s.category_factor, s.cases)}, right at conf >= 0.8 ${share(s.confident_right, s.confident)} of ${s.confident}` +
        (s.unknown === undefined ? '' : `, "unknown" ${s.unknown}`),
    );
  if (Object.keys(firstSlices).length) printSlices(now.rows, `${''.padEnd(17)}now    `);
  console.log(`${''.padEnd(17)}now    ${sources(now.rows)}`);
}
console.log(
  `Gates (npm test): first figure - ${margin} points. For a set tuned on since, "now" is fit and its gate a floor;\n` +
    'only sets never tuned on say how the library does on failures it has not seen.',
);

const only = arg('--first');
const unlisted = blindFilesNotListed(registry).filter((f) => !only || f === only);
if (only && !unlisted.length) console.error(`--first ${only}: not an unlisted file of blind/`);
if (unlisted.length) {
  console.log('\nBLIND SETS NOT YET IN sets.json: their first measurement (record it in sets.json before any tuning)');
  for (const file of unlisted) {
    const r = evaluate(audited(file, loadFiles([file])));
    const first = { date: new Date().toISOString().slice(0, 10), ...countsOf(r) };
    console.log(
      `${file.padEnd(30)} ${r.cases} cases: category ${pct(r.categoryAccuracy)}, +factor ${pct(r.accuracy)}, ` +
        `right at conf >= 0.8 ${pct(r.confidentPrecision)} of ${r.confidentCount}, "unknown" ${r.unknownAnswers}`,
    );
    printSlices(r.rows, `${''.padEnd(31)}`);
    console.log(`${''.padEnd(30)} "first": ${JSON.stringify(first)}`);
  }
}

const dev = audited('development set', loadCases());
const fit = evaluate(dev);
console.log('\nDEVELOPMENT SET: fit, not accuracy (the pattern library is tuned on it): test/accuracy/cases');
console.log(
  `${fit.cases} cases (${fit.rows.filter((x) => x.kind === 'trace').length} traces, ${fit.rows.filter((x) => x.kind === 'log').length} logs)`,
);
console.log(`fit, category:                            ${pct(fit.categoryAccuracy)}`);
console.log(`fit, category + contributing factor:      ${pct(fit.accuracy)}`);
console.log(`mean confidence, right answers:           ${fit.meanConfidenceRight.toFixed(3)}`);
console.log(`mean confidence, wrong answers:           ${fit.meanConfidenceWrong.toFixed(3)}`);
console.log(`right among confidence >= 0.8:           ${pct(fit.confidentPrecision)} of ${fit.confidentCount}`);
console.log(`${sources(fit.rows)}`);

// Per form of text (--by-form): the reporter's prose alone, or a text with error output in it.
if (process.argv.includes('--by-form')) {
  console.log(
    '\nBY FORM OF TEXT (evaluate.js formOf): cases / right now (category + factor) / share right;\n' +
      'first: right when the set was first measured, blind (first-answers.json; sets tuned on since only)',
  );
  const firstSets = JSON.parse(readFileSync(join(ACCURACY_DIR, 'first-answers.json'), 'utf8')).sets;
  /** Whether a case was answered right when its set was first measured (ids are unique across sets). */
  const rightAtFirst = (answers) => (c) => answers[c.id]?.got === `${c.expected.category}/${c.expected.contributing_factor}`;
  const line = (label, cases, firstOf) => {
    const r = evaluate(cases);
    const forms = cases.map(formOf);
    const cells = ['prose', 'output'].map((form) => {
      const idx = forms.map((f, i) => (f === form ? i : -1)).filter((i) => i >= 0);
      const right = idx.filter((i) => r.rows[i].right).length;
      let cell = `${form} ${String(idx.length).padStart(4)} / ${String(right).padStart(4)} / ${share(right, idx.length).padStart(6)}`;
      if (firstOf) {
        const firstRight = idx.filter((i) => firstOf(cases[i])).length;
        cell += ` (first ${share(firstRight, idx.length).padStart(6)})`;
      }
      return cell;
    });
    const prose = forms.filter((f) => f === 'prose').length;
    console.log(`${label.padEnd(16)} ${cells.join('   ')}   prose share ${share(prose, cases.length)}`);
  };
  const tuned = { cases: [], answers: {} };
  const neverTuned = [];
  for (const set of registry.sets) {
    const cases = loadFiles(set.files);
    const answers = set.tuned_on ? firstSets[set.name]?.answers : undefined;
    line(set.name, cases, answers && rightAtFirst(answers));
    if (answers) {
      tuned.cases.push(...cases);
      Object.assign(tuned.answers, answers);
    }
    if (!set.tuned_on) neverTuned.push(...cases);
  }
  for (const file of blindFilesNotListed(registry)) line(file, loadFiles([file]));
  line('tuned sets', tuned.cases, rightAtFirst(tuned.answers));
  // The sets never tuned on: "now" is still out of sample there (no first column: it is the now).
  if (neverTuned.length) line('never tuned', neverTuned);
  line('development set', dev);
}

// Detail of one set (or the development set with --misses alone).
const which = arg('--set');
if (which || process.argv.includes('--misses')) {
  const set = which && registry.sets.find((s) => s.name === which || s.files.includes(which));
  const label = set ? set.name : (which ?? 'development set');
  const r = set ? evaluate(loadFiles(set.files)) : which ? evaluate(loadFiles([which])) : fit;
  console.log(`\n${label}: per expected category (right / cases)`);
  const byCategory = new Map();
  for (const x of r.rows) {
    const cat = x.expected.split('/')[0];
    const s = byCategory.get(cat) ?? { n: 0, right: 0 };
    s.n += 1;
    if (x.right) s.right += 1;
    byCategory.set(cat, s);
  }
  for (const [cat, s] of [...byCategory].sort()) console.log(`  ${cat.padEnd(22)} ${s.right}/${s.n}`);
  printSlices(r.rows, '  slice ');
  const misses = r.rows.filter((x) => !x.right);
  if (process.argv.includes('--misses')) {
    console.log(`\n${label}: wrong answers`);
    for (const m of misses)
      console.log(
        `  ${m.slice.slice(0, 5).padEnd(6)}${m.id.padEnd(28)} expected ${m.expected.padEnd(44)} got ${m.got} (${m.code}, ${m.confidence})`,
      );
  } else console.log(`${misses.length} wrong answers (add --misses to list them)`);
}
process.exitCode = problems ? 1 : 0;
