/**
 * The pipeline's pure steps, without a store or a pool: validate, join (over a staged state),
 * settle, report and the audit rows. What they decide is what a user later reads in the store
 * and in each item's result; the pipeline tests check the same through the real store.
 */
import type { Analysis } from '@faultline/core';
import t from 'tap';
import { key, StagedState, StateCache, type TaskResult } from '../src/index.js';
import { auditRows } from '../src/steps/audit.js';
import { join } from '../src/steps/join.js';
import { report } from '../src/steps/report.js';
import { settle } from '../src/steps/settle.js';
import type { ValidRecord } from '../src/steps/types.js';
import { validateItem } from '../src/steps/validate.js';

const RULES = {} as never; // the join passes the rule config through to the tasks
const episode = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  kind: 'episode',
  episode_id: id,
  org_id: 'acme',
  robot_id: 'r-1',
  status,
  ...extra,
});
/** Valid records, as validate makes them (it must accept every one). */
function valid(values: unknown[], merge = false): ValidRecord[] {
  return values.map((value, index) => {
    const v = validateItem({ value, merge }, index);
    if (v.status !== 'ok') throw new Error(`fixture rejected: ${v.reason}`);
    return v.valid;
  });
}

t.test('validate: rejections carry their reason to the dead-letter path; the producer org wins', async (t) => {
  const parse = validateItem({ line: 3, parseError: 'Unexpected token } in JSON' }, 0, 'run-1');
  t.match(parse, {
    status: 'rejected',
    result: { line: 3, kind: null, ref: '', status: 'rejected', deadLetter: { step: 'validation' } },
    error: { error_kind: 'rejected', step: 'validation', run_id: 'run-1', org_id: 'default' },
  });
  const hostile = validateItem({ value: { kind: `log\uD800${'x'.repeat(100)}`, org_id: 'evil\uDC00' }, org: 'acme' }, 1);
  t.equal(hostile.status, 'rejected');
  if (hostile.status === 'rejected') {
    t.ok((hostile.kind ?? '').length <= 40 && !/[\uD800-\uDFFF]/.test(hostile.kind ?? ''), 'the kind is cut and well-formed');
    t.notMatch(hostile.error.org_id, /[\uD800-\uDFFF]/, 'the org named in the error row is well-formed');
  }
  for (const value of [null, 42, 'text', [], { kind: 'episode' }]) t.equal(validateItem({ value }, 0).status, 'rejected');

  const ok = validateItem({ value: episode('e-1', 'failed'), org: 'producer-org', merge: true }, 7);
  t.match(ok, { status: 'ok', valid: { index: 7, org: 'producer-org', merge: true, record: { org_id: 'producer-org' } } });
  t.match(ok.result, { kind: 'episode', ref: 'e-1', status: 'accepted' });
});

t.test('join: state as of each position, staged until commit; late results re-analyze last', async (t) => {
  const cache = new StateCache(20);
  const staged = new StagedState(cache);
  const records = valid([
    ...[10, 20, 30, 40, 50].map((d, i) => episode(`ok-${i}`, 'succeeded', { duration_s: d })),
    episode('bad-1', 'failed', { duration_s: 5 }),
    { kind: 'eval_result', eval_run_id: 'ev-1', org_id: 'acme', candidate_episode_id: 'bad-1', metrics: {} },
    { kind: 'log', log_id: 'l-1', org_id: 'acme', logs: 'RuntimeError: CUDA out of memory' },
  ]);
  const j = join(records, staged, RULES, (i) => `topic/0/${i}`);
  t.same(
    j.tasks.map((x) => [x.id, x.kind]),
    [
      [0, 'log'],
      [1, 'episode'],
      [2, 'episode'],
    ],
    'text tasks, then failed episodes, then re-analyses',
  );
  const [first, again] = j.tasks.slice(1) as Extract<(typeof j.tasks)[number], { kind: 'episode' }>[];
  t.same(first?.ctx.successfulDurations, [50, 40, 30, 20, 10], 'the five successes before it, newest first');
  t.same(first?.ctx.evalResults, [], 'the eval came later');
  t.same(
    again?.ctx.evalResults.map((e) => e.eval_run_id),
    ['ev-1'],
    'the re-analysis sees the late eval',
  );
  t.same(j.subjects[2], {
    itemIndex: -1,
    trigger: 'topic/0/6',
    kind: 'episode',
    org: 'acme',
    ref: 'bad-1',
    occurredAt: null,
    robotId: 'r-1',
  });
  t.same(j.lateIndexes.get(2), [6]);
  t.same(j.textRecords.get(0)?.kind, 'log');
  t.same(
    j.toStore.episodes.map((e) => e.index),
    [0, 1, 2, 3, 4, 5],
  );

  t.equal(cache.durations.get(key('acme', 'r-1')), undefined, 'nothing reaches the cache before commit');
  t.equal(staged.episode('acme', 'bad-1')?.status, 'failed', 'the batch reads its own changes');
  staged.commit();
  t.same(cache.successfulDurations('acme', 'r-1', ''), [50, 40, 30, 20, 10], 'commit applies them');
  t.same(
    cache.evals.get(key('acme', 'bad-1'))?.map((e) => e.eval_run_id),
    ['ev-1'],
  );

  // A failed episode later in the batch supersedes the late result's re-analysis.
  const later = join(
    valid([
      { kind: 'eval_result', eval_run_id: 'ev-2', org_id: 'acme', candidate_episode_id: 'bad-1', metrics: {} },
      episode('bad-1', 'failed', { duration_s: 6 }),
    ]),
    new StagedState(cache),
    RULES,
    () => undefined,
  );
  t.same(
    later.subjects.map((s) => s.itemIndex),
    [1],
    'one analysis, of the failed episode itself',
  );
});

t.test('commit forgets the keys of refused records; a dropped stage changes nothing', async (t) => {
  const cache = new StateCache(20);
  const one = new StagedState(cache);
  join(valid([episode('a', 'succeeded', { duration_s: 9 }), episode('b', 'running')]), one, RULES, () => undefined);
  one.commit();
  t.ok(cache.episodes.get(key('acme', 'b')), 'positive control: committed');

  const dropped = new StagedState(cache);
  join(valid([episode('b', 'failed', { duration_s: 1 })], true), dropped, RULES, () => undefined);
  t.equal(cache.episodes.get(key('acme', 'b'))?.status, 'running', 'an uncommitted stage leaves the cache as it was');

  const refused = new StagedState(cache);
  join(valid([episode('b', 'succeeded', { duration_s: 3 })]), refused, RULES, () => undefined);
  refused.commit(new Set([0])); // the store refused item 0, episode b
  t.equal(cache.episodes.has(key('acme', 'b')), false, 'the refused episode is forgotten (read from the store next time)');
  t.equal(cache.durations.has(key('acme', 'r-1')), false);
  t.ok(cache.episodes.get(key('acme', 'a')), 'other keys stay');
});

t.test('batches staged side by side (the consumer and a batch run) both keep their changes on commit', async (t) => {
  const cache = new StateCache(20);
  const first = new StagedState(cache);
  const second = new StagedState(cache);
  join(valid([episode('s-1', 'succeeded', { duration_s: 11 })]), first, RULES, () => undefined);
  join(
    valid([
      episode('s-2', 'succeeded', { duration_s: 22 }),
      { kind: 'eval_result', eval_run_id: 'ev-a', org_id: 'acme', candidate_episode_id: 's-9', metrics: {} },
    ]),
    second,
    RULES,
    () => undefined,
  );
  const other = new StagedState(cache);
  join(
    valid([{ kind: 'eval_result', eval_run_id: 'ev-b', org_id: 'acme', candidate_episode_id: 's-9', metrics: {} }]),
    other,
    RULES,
    () => undefined,
  );
  first.commit();
  second.commit();
  other.commit();
  t.same(cache.successfulDurations('acme', 'r-1', ''), [22, 11], 'both successes are in the history, the later commit first');
  t.same(
    cache.evals.get(key('acme', 's-9'))?.map((e) => e.eval_run_id),
    ['ev-a', 'ev-b'],
    'both eval runs are joined',
  );
});

const analysis = (id: string, extra: Partial<Analysis> = {}) =>
  ({ org_id: 'acme', subject_kind: 'log', subject_id: id, findings: [{ code: 'oom' }], ...extra }) as unknown as Analysis;
const subject = (itemIndex: number, ref: string) => ({ itemIndex, kind: 'log' as const, org: 'acme', ref, occurredAt: null });

t.test('settle and report: every task result becomes the item outcome and the rows a user reads', async (t) => {
  const results: TaskResult[] = [
    {
      id: 0,
      status: 'analyzed',
      analysis: analysis('a', { rule_errors: [{ code: 'r9', error: 'boom' }] } as never),
      durationMs: 1,
    },
    { id: 1, status: 'timed_out', error: 'over budget', step: 'heuristics', durationMs: 10 },
    { id: 2, status: 'validation_failed', error: '/findings: required', durationMs: 1 },
    { id: 3, status: 'error', error: 'TypeError: x', durationMs: 1 },
    { id: 4, status: 'analyzed', analysis: analysis('late'), durationMs: 1 },
  ];
  const subjects = [
    subject(0, 'a'),
    subject(1, 'b'),
    subject(2, 'c'),
    subject(3, 'd'),
    { ...subject(-1, 'late'), trigger: 'p/0/9' },
  ];
  const s = settle({
    results,
    subjects,
    llmErrors: new Map([[0, { kind: 'llm_failed' as const, reason: 'HTTP 500' }]]),
    lateIndexes: new Map([[4, [5]]]),
    deliveryOf: (i) => `p/0/${i}`,
    runId: 'run-2',
  });
  t.same(
    s.errors.map((e) => [e.row.subject_ref, e.row.error_kind, e.trigger]),
    [
      ['a', 'llm_failed', 'p/0/0'],
      ['a', 'rule_error', 'p/0/0'],
      ['b', 'timed_out', 'p/0/1'],
      ['c', 'validation_failed', 'p/0/2'],
      ['d', 'analyzer_error', 'p/0/3'],
    ],
  );
  t.same(
    s.analyses.map((a) => [a.subject.ref, a.trigger]),
    [
      ['a', 'p/0/0'],
      ['late', 'p/0/9'],
    ],
  );

  const validated = [0, 1, 2, 3, 4, 5].map((i) => ({ kind: 'log', ref: `r${i}`, status: 'accepted' as const }));
  const refusedAnalysis = s.analyses[0]!;
  const out = report(validated, s, {
    refusedRecords: new Map([[3, { table: 'logs', reason: 'CANNOT_PARSE_TEXT', org: 'acme', kind: 'log', ref: 'r3' }]]),
    refusedAnalyses: [{ analysis: refusedAnalysis, error: 'the store refused the analysis: x' }],
    stored: [],
  });
  t.same(
    out.map((r) => [r.status, r.failure, r.deadLetter?.step]),
    [
      ['accepted', 'store_failed', 'store'],
      ['timed_out', undefined, undefined],
      ['accepted', 'validation_failed', undefined],
      ['rejected', 'analyzer_error', 'store'],
      ['accepted', undefined, undefined],
      ['accepted', undefined, undefined],
    ],
  );
  t.same(out[5]?.reanalyzed, ['late'], 'the late result names the episode it re-analyzed');
  t.equal(out[0]?.analysis, undefined, 'a refused analysis is not reported as stored');
  t.equal(validated[0]?.status, 'accepted', 'report does not change its input');
});

t.test('audit rows: one per outcome; the same delivery gives the same id on every redelivery', async (t) => {
  const row = (id: string) => ({ analysis: analysis(id), occurredAt: null });
  const error = (kind: 'rejected' | 'timed_out' | 'rule_error') => ({
    org_id: 'acme',
    subject_kind: 'log',
    subject_ref: 'x',
    error_kind: kind,
    step: 's',
    reason: 'r'.repeat(500),
    analyzer_version: '1',
  });
  const once = auditRows(
    [{ row: row('a'), trigger: 'p/0/1' }, { row: row('b') }],
    [{ row: error('timed_out'), trigger: 'p/0/2' }],
    'analyzer',
  );
  const twice = auditRows([{ row: row('a'), trigger: 'p/0/1' }], [{ row: error('timed_out'), trigger: 'p/0/2' }], 'analyzer');
  t.equal(once.length, 3);
  t.ok(once[0]?.audit_id, 'positive control: a traced row gets an id');
  t.equal(once[0]?.audit_id, twice[0]?.audit_id, 'the same id for the same delivery');
  t.equal(once[2]?.audit_id, twice[1]?.audit_id);
  t.equal(once[1]?.audit_id, undefined, 'no delivery known: the store assigns one');
  t.ok(String(once[2]?.metadata?.reason).length <= 300, 'the reason is cut');
  t.equal(
    auditRows([], [{ row: error('rejected') }, { row: error('rule_error') }], 'a').length,
    0,
    'rejections and rule errors have none',
  );
});
