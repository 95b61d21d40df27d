#!/usr/bin/env node
/**
 * Would the learned second opinion do better overruling more of the rules' answers, or answering
 * more of their "unknown"s? (issue 13 item 3; findings in test/accuracy/README.md, "Overruling the
 * rules' answers"). A study, not part of the analyzer.
 *
 *   node test/accuracy/train-model.js --quick --check --dump=/tmp/held.jsonl
 *   node test/accuracy/overrule-study.js /tmp/held.jsonl
 *
 * Invariants:
 * - The rules' answers are the blind sets' first answers (first-answers.json), never today's (today's
 *   rules were tuned on these cases); where the model answered then, the rules had said "unknown"
 *   (train-model.js's firstRules).
 * - The model's answers are train-model.js's held-out ones (folds by source repository): the dump
 *   holds, per case, the pair the model named and its posterior.
 * - A policy: the model answers a rules' "unknown" when its posterior is >= P0, and overrules a
 *   rules' answer below confidence TR when its posterior is >= TP and it names another pair.
 *   Scored as category + factor right, per set and over all; the six most recent sets are printed
 *   apart, since the early sets' first rules were much weaker than today's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCURACY_DIR } from './evaluate.js';

const dumpFile = process.argv[2];
if (!dumpFile) throw new Error('usage: overrule-study.js <train-model.js --dump file>');
const FIRST = JSON.parse(readFileSync(join(ACCURACY_DIR, 'first-answers.json'), 'utf8')).sets;
const held = new Map(
  readFileSync(dumpFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((r) => [r.id, r]),
);
const UNKNOWN = 'unknown/unknown';
const rows = [];
for (const [set, s] of Object.entries(FIRST))
  for (const [id, a] of Object.entries(s.answers)) {
    const h = held.get(id);
    if (!h) continue;
    const rules = a.by === 'model' ? { got: UNKNOWN, confidence: 0.3 } : a;
    rows.push({
      set,
      slice: h.slice,
      label: h.label,
      rules: rules.got,
      confidence: rules.confidence,
      model: h.got,
      posterior: h.posterior,
    });
  }
const sets = Object.keys(FIRST).filter((s) => rows.some((r) => r.set === s));
const RECENT = sets.slice(-6);
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');

/** The pair a policy gives for one row. */
function answer(r, { p0, tr, tp }) {
  if (r.model === UNKNOWN) return r.rules;
  if (r.rules === UNKNOWN) return r.posterior >= p0 ? r.model : UNKNOWN;
  return r.confidence < tr && r.posterior >= tp ? r.model : r.rules;
}
function score(policy, of = rows) {
  const right = of.filter((r) => answer(r, policy) === r.label).length;
  const unknown = of.filter((r) => answer(r, policy) === UNKNOWN).length;
  return { right, unknown, n: of.length };
}
const NOW = { p0: 0.5, tr: 0, tp: 1 };
const POLICIES = [
  NOW,
  ...[0.4, 0.3, 0].map((p0) => ({ p0, tr: 0, tp: 1 })),
  ...[0.5, 0.6, 0.7, 0.8, 0.9].flatMap((tr) => [0.5, 0.8].map((tp) => ({ p0: 0.5, tr, tp }))),
];
console.log(
  `${rows.length} cases of ${sets.length} blind sets, first rules' answers x held-out model; recent: ${RECENT.join(', ')}`,
);
console.log(
  'policy (model answers unknowns from posterior P0; overrules rules below TR from posterior TP)   all   unknown   recent six sets: each',
);
for (const policy of POLICIES) {
  const all = score(policy);
  const recent = RECENT.map((s) => {
    const of = rows.filter((r) => r.set === s);
    const mine = score(policy, of).right;
    const base = score(NOW, of).right;
    return `${s} ${pct(mine, of.length)} (${mine - base >= 0 ? '+' : ''}${mine - base})`;
  });
  console.log(
    `  P0 ${policy.p0} TR ${policy.tr} TP ${policy.tp}`.padEnd(30) +
      `${pct(all.right, all.n)} (${all.right - score(NOW).right >= 0 ? '+' : ''}${all.right - score(NOW).right})  ${pct(all.unknown, all.n)}   ${recent.join(', ')}`,
  );
}
