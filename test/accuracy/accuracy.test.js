/** The dev-set targets of the foundation issue, enforced on every `npm test`. */

import { join } from 'node:path';
import t from 'tap';
import { auditCases, CASES_DIR, evaluate, loadCases } from './evaluate.js';

const cases = loadCases();

t.test('the development set is well formed: real sources, taxonomy labels, unique ids', async (t) => {
  t.same(auditCases(cases), []);
  t.ok(cases.length >= 120, `at least 120 cases (has ${cases.length})`);
});

t.test('accuracy and calibration meet the targets', async (t) => {
  const r = evaluate(cases);
  t.ok(r.accuracy >= 0.9, `category + factor accuracy ${(100 * r.accuracy).toFixed(1)}% >= 90%`);
  t.ok(r.confidentPrecision >= 0.9, `right among confidence >= 0.8: ${(100 * r.confidentPrecision).toFixed(1)}% >= 90%`);
  t.ok(
    Number.isNaN(r.meanConfidenceWrong) || r.meanConfidenceRight - r.meanConfidenceWrong >= 0.2,
    'right answers are at least 0.2 more confident than wrong ones (when there are wrong ones)',
  );
  t.ok(r.unknownMaxConfidence < 0.5, '"unknown" is only ever said with low confidence');
  t.ok(
    r.confidentWrong.length <= Math.floor(0.1 * r.confidentCount),
    `confident wrong answers stay under 10%: ${r.confidentWrong.map((x) => `${x.id} (expected ${x.expected}, got ${x.got} at ${x.confidence})`).join('; ') || 'none'}`,
  );
});

t.test('the held-out set (never tuned on) does not regress, and confidence >= 0.8 means >= 80% right there', async (t) => {
  const holdout = loadCases(join(CASES_DIR, '..', 'holdout'));
  t.same(auditCases(holdout), []);
  const devSources = new Set(cases.map((c) => c.source));
  t.same(
    holdout.filter((c) => devSources.has(c.source)).map((c) => c.id),
    [],
    'no held-out case shares a source with the development set',
  );
  const r = evaluate(holdout);
  // Measured 2026-11-24 on the fourth held-out set, blind (sets 1-3 were measured blind at
  // 76.3%, 65.0% and 66.3%, then tuned on, and joined the development set as
  // cases/heldout-*.jsonl): 75.0% category + factor (78.8% category), 82.4% right among
  // confidence >= 0.8 (51 answers).
  t.ok(r.accuracy >= 0.72, `held-out category + factor accuracy ${(100 * r.accuracy).toFixed(1)}% >= 72% (no regression)`);
  t.ok(
    r.confidentPrecision >= 0.8,
    `held-out right among confidence >= 0.8: ${(100 * r.confidentPrecision).toFixed(1)}% >= 80% (taxonomy.md)`,
  );
  t.ok(r.unknownMaxConfidence < 0.5, '"unknown" only with low confidence');
});
