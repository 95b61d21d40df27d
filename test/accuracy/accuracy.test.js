/**
 * Accuracy gates, on every `npm test`. Only sets measured blind make accuracy claims:
 * - the sets never tuned on (held-out set 4 today) are the blind gates: its category + factor accuracy and its
 *   share right at confidence >= 0.8 stay at the figures it scored when first measured, minus
 *   the stated margin (sets.json), and confidence >= 0.8 means >= 80% right (taxonomy.md);
 * - held-out sets 1-3, agent-1 and robotics-1 were tuned on after being measured: they stay at or above their blind
 *   figures minus the margin — a floor against regressions, not an accuracy claim;
 * - the development set (cases/, which includes sets 1-3) measures fit, checked separately.
 * Blind sets not yet listed in sets.json (blind/) are measured by report.js, not gated here.
 */

import { useSecondOpinionModel } from '@faultline/core';
import t from 'tap';
import { AGREEMENT_SETS, loadSecondLabels } from './agreement.js';
import { auditCases, evaluate, firstFigures, loadCases, loadFiles, loadSets } from './evaluate.js';

const registry = loadSets();
const margin = registry.margin_points;
const dev = loadCases();
const pct = (x) => `${(100 * x).toFixed(1)}%`;

t.test('every case file is well formed: real sources, taxonomy labels, unique ids', async (t) => {
  t.same(auditCases(dev), [], 'development set');
  t.ok(dev.length >= 120, `at least 120 development cases (has ${dev.length})`);
  for (const set of registry.sets) {
    const cases = loadFiles(set.files);
    t.same(auditCases(cases), [], set.name);
    t.equal(cases.length, set.first.cases, `${set.name}: the ${set.first.cases} cases it was first measured on`);
  }
});

t.test('the second labelling (label agreement) names every case of its sets once, in taxonomy words', async (t) => {
  const cases = loadFiles(AGREEMENT_SETS);
  const { labels, problems } = loadSecondLabels(cases);
  t.same(problems, [], 'no unknown id, no duplicate, no label off the taxonomy');
  t.equal(labels.size, cases.length, `all ${cases.length} cases labelled a second time`);
});

t.test('a set never tuned on shares no source with the development set', async (t) => {
  const devSources = new Set(dev.map((c) => c.source));
  const blind = registry.sets.filter((s) => !s.tuned_on);
  t.ok(blind.length >= 1, `at least one never-tuned set (${blind.map((s) => s.name).join(', ')})`);
  for (const set of blind) {
    const shared = loadFiles(set.files).filter((c) => devSources.has(c.source));
    t.same(
      shared.map((c) => c.id),
      [],
      `${set.name}: no source in common with the development set`,
    );
  }
  // Control: the development set's own held-out sets 1-3 are in it, so the check can see a share.
  const tuned = registry.sets.find((s) => s.tuned_on && s.files.some((f) => f.startsWith('cases/')));
  if (tuned)
    t.ok(
      loadFiles(tuned.files).some((c) => devSources.has(c.source)),
      `${tuned.name} is found in the development set`,
    );
});

for (const set of registry.sets) {
  const first = firstFigures(set, margin);
  const claim = set.tuned_on
    ? `${set.name} (tuned on since it was measured): a floor at its blind figures − ${margin} points, not an accuracy claim`
    : `${set.name} (never tuned on): blind accuracy stays at its first figures − ${margin} points`;
  t.test(claim, async (t) => {
    const r = evaluate(loadFiles(set.files));
    t.ok(
      r.accuracy >= first.gate.accuracy,
      `category + factor ${pct(r.accuracy)} >= ${pct(first.gate.accuracy)} (${pct(first.accuracy)} blind, ${set.first.date})`,
    );
    t.ok(
      r.confidentPrecision >= first.gate.confidentPrecision,
      `right among confidence >= 0.8: ${pct(r.confidentPrecision)} of ${r.confidentCount} >= ${pct(first.gate.confidentPrecision)} (${pct(first.confidentPrecision)} of ${set.first.confident} blind)`,
    );
    if (!set.tuned_on) {
      // A set that broke this promise when first measured (robotics-1: 75.7%) is a known
      // failure, reported as a TODO until the library keeps it there; a set that kept it must
      // keep it.
      const broken = first.confidentPrecision < 0.8;
      t.ok(
        r.confidentPrecision >= 0.8,
        `confidence >= 0.8 means >= 80% right (taxonomy.md): ${pct(r.confidentPrecision)}`,
        broken ? { todo: `broken when first measured: ${pct(first.confidentPrecision)} of ${set.first.confident}` } : {},
      );
    }
    t.ok(r.unknownMaxConfidence < 0.5, `"unknown" only with low confidence (highest ${r.unknownMaxConfidence})`);
  });
}

t.test('fit on the development set (tuned on, so not an accuracy figure) stays >= 90%', async (t) => {
  const r = evaluate(dev);
  t.ok(r.accuracy >= 0.9, `development set fit, category + factor: ${pct(r.accuracy)} >= 90%`);
  t.ok(r.confidentPrecision >= 0.9, `development set, right among confidence >= 0.8: ${pct(r.confidentPrecision)} >= 90%`);
  // The rules' calibration, without the learned second opinion: the model is trained on these
  // very cases, so its answers here are fit (all right) and would only hide the rules' wrong ones.
  useSecondOpinionModel(null);
  const rules = evaluate(dev);
  useSecondOpinionModel(undefined);
  t.ok(
    Number.isNaN(rules.meanConfidenceWrong) || rules.meanConfidenceRight - rules.meanConfidenceWrong >= 0.2,
    `the rules' right answers are at least 0.2 more confident than their wrong ones (${rules.meanConfidenceRight.toFixed(3)} vs ${rules.meanConfidenceWrong.toFixed(3)})`,
  );
  t.ok(r.unknownMaxConfidence < 0.5, '"unknown" is only ever said with low confidence');
});
