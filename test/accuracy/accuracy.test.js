/** The dev-set targets of the foundation issue, enforced on every `npm test`. */
import t from 'tap';
import { auditCases, evaluate, loadCases } from './evaluate.js';

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
