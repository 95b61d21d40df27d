/**
 * The status of a failure group from its facts: the Poisson tail against values computed by hand,
 * the growth test on both sides of its threshold, the precedence of marks, and the masked parts
 * of a template.
 */
import t from 'tap';
import { groupStatus, growthTest, maskedParts, poissonUpperTail } from '../src/index.js';

const H = 3_600_000;
const D = 24 * H;

t.test('the Poisson upper tail', async (t) => {
  // P(X >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2)
  t.ok(Math.abs(poissonUpperTail(3, 1) - (1 - Math.exp(-1) * 2.5)) < 1e-12);
  // P(X >= 1 | 2) = 1 - e^-2
  t.ok(Math.abs(poissonUpperTail(1, 2) - (1 - Math.exp(-2))) < 1e-12);
  t.equal(poissonUpperTail(0, 5), 1);
  t.equal(poissonUpperTail(4, 0), 0, 'no earlier rate: any failure is beyond it');
  const big = poissonUpperTail(1100, 1000);
  t.ok(big > 0.0005 && big < 0.002, `P(X >= 1100 | 1000) ≈ 0.00093 (${big})`);
  t.ok(poissonUpperTail(500, 1000) > 0.999, 'far below the mean: about 1');
});

t.test('growing: well above its own earlier rate, with a minimum count', async (t) => {
  const s = { from: 30 * D, to: 37 * D, growingMin: 10 };
  // One a day for 30 days before; the window expects 7.
  const steady = { before: 30, firstSeen: 0, lastSeen: 37 * D };
  t.equal(growthTest({ ...steady, inRange: 7 }, s).growing, false, 'the same rate');
  t.equal(growthTest({ ...steady, inRange: 12 }, s).growing, false, '12 against 7 expected is not significant');
  t.equal(growthTest({ ...steady, inRange: 25 }, s).growing, true, '25 against 7 expected is');
  t.ok(Math.abs(growthTest({ ...steady, inRange: 25 }, s).expected - 7) < 1e-9);
  t.equal(growthTest({ before: 0, firstSeen: 0, lastSeen: 0, inRange: 9 }, s).growing, false, 'below the minimum count');
});

t.test('the precedence of the statuses', async (t) => {
  const s = { from: 30 * D, to: 37 * D, now: 37 * D, resolveAfterMs: 3 * D, growingMin: 10 };
  const base = { inRange: 7, before: 30, firstSeen: 0, lastSeen: 36 * D };
  t.equal(groupStatus(base, s), 'ongoing');
  t.equal(groupStatus({ ...base, firstSeen: 31 * D, before: 0 }, s), 'new');
  t.equal(groupStatus({ ...base, lastSeen: 33 * D }, s), 'resolved', 'not seen for 4 days');
  t.equal(groupStatus({ ...base, cameBack: true }, s), 'regressed', 'came back after a silence');
  t.equal(groupStatus({ ...base, lastSeen: 33 * D, cameBack: true }, s), 'resolved', 'and quiet again since');
  t.equal(groupStatus({ ...base, mark: { status: 'resolved', at: 35 * D } }, s), 'regressed');
  t.equal(groupStatus({ ...base, mark: { status: 'resolved', at: 36 * D + 1 } }, s), 'resolved');
  t.equal(groupStatus({ ...base, inRange: 50, mark: { status: 'ignored', at: 0 } }, s), 'ignored');
  t.equal(groupStatus({ ...base, inRange: 50 }, s), 'growing', 'positive control for ignored');
  t.equal(groupStatus({ ...base, mark: { status: 'open', at: 0 } }, s), 'ongoing', 'open clears a mark');
});

t.test('the masked parts of a template', async (t) => {
  t.same(maskedParts('timeouterror|connect to <ip> timed out after <dur> (<n> retries) on <id>'), {
    error_type: 'timeouterror',
    template: 'connect to <ip> timed out after <dur> (<n> retries) on <id>',
    masked: { '<ip>': 1, '<dur>': 1, '<n>': 1, '<id>': 1 },
  });
});
