#!/usr/bin/env node
/**
 * Label agreement: how often two engineers labelling the same real failure texts by docs/taxonomy.md
 * (with its tie-breaking rules) give the same label, and how the analyzer scores against each.
 *   node test/accuracy/agreement.js
 * The second labelling (agreement/second-labeller.jsonl) was made on 2026-12-05 by engineers who saw
 * only the texts (ids hidden, order shuffled) and the taxonomy, never the first labels or the analyzer
 * (robotics-6/7 and agent-4; then robotics-10/11 and agent-6 while they were still unmeasured;
 * robotics-12/13 and agent-7; on 2026-12-06 robotics-14 and agent-8, then robotics-15 and agent-9, each
 * before its one measurement);
 * it is a measurement of the convention, not a set to tune on, and the sets keep their first labels.
 * Agreement bounds what any analyzer can be measured to score against one labeller; the analyzer's
 * figure on the cases both labellers agree on is its accuracy with label noise taken out.
 * Exits 1 when the second labelling names a case the sets do not have or a label off the taxonomy.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { factorBelongs } from '@faultline/core';
import { ACCURACY_DIR, evaluate, loadFiles, loadSets } from './evaluate.js';

export const AGREEMENT_FILE = join(ACCURACY_DIR, 'agreement', 'second-labeller.jsonl');
export const AGREEMENT_SETS = [
  'blind/robotics-6.jsonl',
  'blind/robotics-7.jsonl',
  'blind/agent-4.jsonl',
  'blind/robotics-10.jsonl',
  'blind/robotics-11.jsonl',
  'blind/agent-6.jsonl',
  'blind/robotics-12.jsonl',
  'blind/robotics-13.jsonl',
  'blind/agent-7.jsonl',
  'blind/robotics-14.jsonl',
  'blind/agent-8.jsonl',
  'blind/robotics-15.jsonl',
  'blind/agent-9.jsonl',
  'blind/robotics-16.jsonl',
  'blind/robotics-16b.jsonl',
  'blind/agent-10.jsonl',
  'blind/robotics-17a.jsonl',
  'blind/robotics-17b.jsonl',
  'blind/agent-11.jsonl',
  'blind/robotics-18a.jsonl',
  'blind/robotics-18b.jsonl',
  'blind/agent-12.jsonl',
  'blind/agent-12b.jsonl',
  'blind/agent-12c.jsonl',
  'blind/robotics-19a.jsonl',
  'blind/robotics-19b.jsonl',
  'blind/agent-13a.jsonl',
  'blind/agent-13b.jsonl',
  'blind/robotics-20a.jsonl',
  'blind/robotics-20b.jsonl',
  'blind/robotics-20c.jsonl',
  'blind/agent-14a.jsonl',
  'blind/agent-14b.jsonl',
  'blind/robotics-21a.jsonl',
  'blind/robotics-21b.jsonl',
  'blind/robotics-21c.jsonl',
  'blind/agent-15a.jsonl',
  'blind/agent-15b.jsonl',
  'blind/robotics-22a.jsonl',
  'blind/robotics-22b.jsonl',
  'blind/robotics-22c.jsonl',
  'blind/agent-16a.jsonl',
  'blind/agent-16b.jsonl',
  'blind/robotics-23a.jsonl',
  'blind/robotics-23b.jsonl',
  'blind/robotics-23c.jsonl',
  'blind/agent-17a.jsonl',
  'blind/agent-17b.jsonl',
  'blind/robotics-24a.jsonl',
  'blind/robotics-24b.jsonl',
  'blind/robotics-24c.jsonl',
  'blind/agent-18a.jsonl',
  'blind/agent-18b.jsonl',
  'blind/robotics-25a.jsonl',
  'blind/robotics-25b.jsonl',
  'blind/robotics-25c.jsonl',
  'blind/robotics-26a.jsonl',
  'blind/robotics-26b.jsonl',
  'blind/robotics-26c.jsonl',
  'blind/agent-19a.jsonl',
  'blind/agent-19b.jsonl',
  'blind/robotics-27a.jsonl',
  'blind/robotics-27b.jsonl',
  'blind/robotics-27c.jsonl',
  'blind/robotics-28a.jsonl',
  'blind/robotics-28b.jsonl',
  'blind/robotics-28c.jsonl',
  'blind/agent-20a.jsonl',
  'blind/agent-20b.jsonl',
  'blind/robotics-29a.jsonl',
  'blind/robotics-29b.jsonl',
  'blind/robotics-29c.jsonl',
  'blind/robotics-29d.jsonl',
  'blind/agent-21a.jsonl',
  'blind/agent-21b.jsonl',
  'blind/robotics-30a.jsonl',
  'blind/robotics-30b.jsonl',
  'blind/robotics-30c.jsonl',
  'blind/agent-22a.jsonl',
  'blind/agent-22b.jsonl',
  'blind/robotics-31a.jsonl',
  'blind/robotics-31b.jsonl',
  'blind/robotics-31c.jsonl',
  'blind/robotics-32a.jsonl',
  'blind/robotics-32b.jsonl',
];

/** The second labels by case id, and the problems with them (unknown id, off-taxonomy label). */
export function loadSecondLabels(cases) {
  const known = new Set(cases.map((c) => c.id));
  const labels = new Map();
  const problems = [];
  readFileSync(AGREEMENT_FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .forEach((line, i) => {
      const d = JSON.parse(line);
      const e = d.expected ?? {};
      if (!known.has(d.id)) problems.push(`line ${i + 1}: ${d.id} is in none of ${AGREEMENT_SETS.join(', ')}`);
      else if (labels.has(d.id)) problems.push(`line ${i + 1}: ${d.id} labelled twice`);
      if (!factorBelongs(e.category, e.contributing_factor)) {
        problems.push(`line ${i + 1}: ${e.category}/${e.contributing_factor} is not a taxonomy pair`);
      }
      labels.set(d.id, d);
    });
  return { labels, problems };
}

const label = (e) => `${e.category}/${e.contributing_factor}`;

/**
 * Per slice, per file and 'all': agreement of the two labellings and the analyzer against each.
 * `setOf` (a file's name -> its set's name) adds a line per blind set made of several files (robotics-10 +
 * robotics-11, robotics-16 + robotics-16b), the figure the README and the notes give for the set.
 */
export function agreement(cases, labels, setOf = () => undefined) {
  const { rows } = evaluate(cases);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const tally = new Map();
  const disagreements = new Map();
  for (const r of rows) {
    const second = labels.get(r.id);
    if (!second) continue;
    const first = byId.get(r.id).expected;
    const a = label(first);
    const b = label(second.expected);
    const file = byId.get(r.id).file;
    const set = setOf(file);
    for (const slice of ['all', r.slice, file, ...(set ? [set] : [])]) {
      const t = tally.get(slice) ?? {
        cases: 0,
        agree: 0,
        agreeCategory: 0,
        sure: 0,
        agreeSure: 0,
        vsFirst: 0,
        vsSecond: 0,
        both: 0,
        rightOnBoth: 0,
      };
      t.cases++;
      t.agree += a === b ? 1 : 0;
      t.agreeCategory += first.category === second.expected.category ? 1 : 0;
      t.sure += second.confidence === 'sure' ? 1 : 0;
      t.agreeSure += second.confidence === 'sure' && a === b ? 1 : 0;
      t.vsFirst += r.got === a ? 1 : 0;
      t.vsSecond += r.got === b ? 1 : 0;
      t.both += a === b ? 1 : 0;
      t.rightOnBoth += a === b && r.got === a ? 1 : 0;
      tally.set(slice, t);
    }
    if (a !== b) disagreements.set(`${a} | ${b}`, (disagreements.get(`${a} | ${b}`) ?? 0) + 1);
  }
  return { tally, disagreements };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cases = loadFiles(AGREEMENT_SETS);
  const { labels, problems } = loadSecondLabels(cases);
  for (const p of problems) console.error(`second labelling: ${p}`);
  // A set of several files (sets.json) gets a line of its own beside its files'.
  const setName = new Map(
    loadSets()
      .sets.filter((set) => set.files.length > 1)
      .flatMap((set) => set.files.map((f) => [basename(f), `${set.name} (set)`])),
  );
  const { tally, disagreements } = agreement(cases, labels, (file) => setName.get(file));
  const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
  console.log(`Label agreement on ${AGREEMENT_SETS.join(', ')} (${labels.size} of ${cases.length} cases labelled twice)`);
  const rank = (k) => (k === 'all' ? 0 : k.endsWith('.jsonl') ? 2 : k.endsWith('(set)') ? 3 : 1);
  for (const [slice, t] of [...tally].sort((x, y) => rank(x[0]) - rank(y[0]))) {
    console.log(
      `${slice.padEnd(18)} ${String(t.cases).padStart(3)} cases: labels agree ${pct(t.agree, t.cases)} ` +
        `(category ${pct(t.agreeCategory, t.cases)}; where the second labeller was sure ${pct(t.agreeSure, t.sure)} of ${t.sure}); ` +
        `analyzer right vs first ${pct(t.vsFirst, t.cases)}, vs second ${pct(t.vsSecond, t.cases)}, ` +
        `on the ${t.both} both agree ${pct(t.rightOnBoth, t.both)}`,
    );
  }
  console.log('most frequent disagreements (first | second):');
  for (const [pair, n] of [...disagreements].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`  ${n}  ${pair}`);
  if (problems.length) process.exit(1);
}
