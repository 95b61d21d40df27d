/**
 * The shared pipeline against the real embedded ClickHouse (chdb) and a real piscina pool:
 * what a user of the CLI or the service would notice in the store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@faultline/store';
import t from 'tap';
import { AnalyzerPool, Pipeline } from '../src/index.js';
import { episode, items } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-pipeline-'));
const store = await Store.open({ dataDir: dir });
const pool = new AnalyzerPool({ workers: 2, budgetMs: 10_000 });
t.teardown(async () => {
  await pool.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const newPipeline = () => new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 });

async function count(sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const rows = await store.rows<{ c: string | number }>(sql, params);
  return Number(rows[0]?.c ?? 0);
}

t.test('a mixed batch: valid records analyzed or accepted, malformed ones rejected with a reason, batch goes on', async (t) => {
  const results = await newPipeline().processBatch([
    ...items([
      episode('mix-1', 'r-1', 'failed', { metadata: { typed: [{ type: 'Battery', percent: 9 }] } }),
      { kind: 'trace', timestamp: '2026-11-01T10:00:00Z', spans: [] },
      {
        kind: 'log',
        log_id: 'mix-log',
        org_id: 'acme',
        error_message: '',
        logs: 'epoch 1\nTraceback (most recent call last):\n  File "train.py", line 2\nModuleNotFoundError: No module named \'torchvision\'',
      },
    ]),
    { line: 4, parseError: 'invalid JSON: Unexpected token' },
    ...items([{ kind: 'episode', episode_id: 'mix-2', robot_id: 'r-1', status: 'exploded' }]).map((i) => ({ ...i, line: 5 })),
  ]);
  t.same(
    results.map((r) => r.status),
    ['analyzed', 'rejected', 'analyzed', 'rejected', 'rejected'],
  );
  t.match(results[1]?.error, /trace_id/);
  t.match(results[3]?.error, /invalid JSON/);
  t.match(results[4]?.error, /status/);
  t.equal(results[0]?.analysis?.findings[0]?.code, 'battery_low');
  t.equal(results[2]?.analysis?.pattern?.category, 'import_error');
  t.equal(await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id IN ('mix-1','mix-log')`), 2);
  t.equal(
    await count(`SELECT count() c FROM faultline.analysis_errors WHERE error_kind = 'rejected' AND reason LIKE '%trace_id%'`),
    1,
    'the rejection is recorded with its reason',
  );
  t.equal(
    await count(`SELECT count() c FROM faultline.episodes FINAL WHERE episode_id = 'mix-2'`),
    0,
    'nothing invalid is stored',
  );
});

t.test('re-analysis upserts: one analysis per episode, trends never double-count', async (t) => {
  const p = newPipeline();
  const failed = episode('up-1', 'r-2', 'failed', {
    metadata: { typed: [{ type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' }] },
  });
  await p.processBatch(items([failed]));
  await p.processBatch(items([failed]));
  // The third finalize changes the metadata: the old code must leave the trend.
  await p.processBatch(items([episode('up-1', 'r-2', 'failed', { metadata: { terminated: false, truncated: true } })]));
  t.equal(await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id = 'up-1'`), 1);
  const trend = await store.rows<{ code: string; c: string }>(
    `SELECT code, count() c FROM faultline.findings FINAL WHERE subject_id = 'up-1' AND is_deleted = 0 GROUP BY code ORDER BY code`,
  );
  t.same(
    trend.map((r) => [r.code, Number(r.c)]),
    [['gymnasium_truncated', 1]],
  );
});

t.test('duration history: 5 stored successes make a short failure an anomaly, also after a restart', async (t) => {
  const successes = [100, 110, 90, 105, 95].map((d, i) =>
    episode(`dur-ok-${i}`, 'r-3', 'succeeded', { duration_s: d, started_at: `2026-11-01T1${i}:00:00Z` }),
  );
  await newPipeline().processBatch(items(successes));
  // A new pipeline (a restarted process) must read the history from the store.
  const results = await newPipeline().processBatch(items([episode('dur-bad', 'r-3', 'failed', { duration_s: 40 })]));
  const codes = results[0]?.analysis?.findings.map((f) => f.code);
  t.same(codes, ['duration_anomaly'], 'duration_anomaly fires and status_failed_no_reason does not');
  t.equal(results[0]?.analysis?.findings[0]?.evidence.median_success_s, 100);

  const fewer = await newPipeline().processBatch(
    items([
      ...[100, 110, 90, 105].map((d, i) => episode(`few-ok-${i}`, 'r-4', 'succeeded', { duration_s: d })),
      episode('few-bad', 'r-4', 'failed', { duration_s: 40 }),
    ]),
  );
  t.same(
    fewer[4]?.analysis?.findings.map((f) => f.code),
    ['status_failed_no_reason'],
    'four samples are not enough',
  );
});

t.test('a late eval result re-runs the failed episode analysis, still one analysis', async (t) => {
  const p = newPipeline();
  const ep = episode('late-1', 'r-5', 'failed', { source: 'replay', metadata: { eval_run_id: 'ev-late' } });
  const first = await p.processBatch(items([ep]));
  t.same(
    first[0]?.analysis?.findings.map((f) => f.code),
    ['status_failed_no_reason'],
  );
  // Another process (fresh state) receives the eval result later.
  const late = await newPipeline().processBatch(
    items([
      {
        kind: 'eval_result',
        org_id: 'acme',
        eval_run_id: 'ev-late',
        baseline_episode_id: 'b-1',
        candidate_episode_id: 'late-1',
        metrics: { success_delta: -1, reward_delta: -0.42 },
      },
      { kind: 'verification_result', org_id: 'acme', scenario_id: 'sc-pick', candidate_episode_id: 'late-1', status: 'fail' },
    ]),
  );
  t.equal(late[0]?.status, 'accepted');
  t.same(late[0]?.reanalyzed, ['late-1']);
  const stored = await store.getAnalysis('acme', 'episode', 'late-1');
  t.same(stored?.analysis.findings.map((f) => f.code).sort(), ['replay_regression', 'verification_failed']);
  t.equal(await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id = 'late-1'`), 1);
  t.equal(
    await count(`SELECT count() c FROM faultline.findings FINAL WHERE subject_id = 'late-1' AND is_deleted = 0`),
    2,
    'the catch-all finding left the trend',
  );
});

t.test('an overrun is recorded as timed_out and the batch goes on', async (t) => {
  const tight = new AnalyzerPool({ workers: 1, budgetMs: 1 });
  t.teardown(() => tight.close());
  const p = new Pipeline({ store, pool: tight, budgetMs: 1 });
  const huge = `${'INFO step ok\n'.repeat(400_000)}ValueError: boom`;
  const results = await p.processBatch(
    items([
      { kind: 'log', log_id: 'slow-1', org_id: 'acme', error_message: '', logs: huge },
      episode('after-slow', 'r-6', 'succeeded', { duration_s: 10 }),
    ]),
  );
  t.equal(results[0]?.status, 'timed_out');
  t.match(results[0]?.error, /budget of 1 ms/);
  t.equal(results[1]?.status, 'accepted');
  t.equal(
    await count(`SELECT count() c FROM faultline.analysis_errors WHERE subject_ref = 'slow-1' AND error_kind = 'timed_out'`),
    1,
  );
});

t.test('nothing sensitive is stored unredacted', async (t) => {
  const secret = 'sk-proj-abcdefghijklmnopqrstuvwx1234';
  await newPipeline().processBatch(
    items([
      {
        kind: 'log',
        log_id: 'secret-log',
        org_id: 'acme',
        error_message: `openai.AuthenticationError: Incorrect API key provided: ${secret}`,
        logs: `connecting to postgres://admin:hunter2pass@10.1.2.3:5432/db as ops@example.com\n`,
      },
      episode('secret-ep', 'r-7', 'failed', { metadata: { failure_reason: `RuntimeError: token=${secret}` } }),
    ]),
  );
  const dump = JSON.stringify(
    await store.rows(
      `SELECT * FROM (SELECT logs AS a, error_message AS b FROM faultline.logs WHERE log_id = 'secret-log')
       UNION ALL (SELECT metadata AS a, '' AS b FROM faultline.episodes WHERE episode_id = 'secret-ep')
       UNION ALL (SELECT findings AS a, pattern AS b FROM faultline.analyses WHERE subject_id IN ('secret-log','secret-ep'))`,
    ),
  );
  for (const s of [secret, 'hunter2pass', '10.1.2.3', 'ops@example.com']) t.notOk(dump.includes(s), `${s} is not stored`);
  t.ok(dump.includes('[REDACTED:'), 'placeholders are stored instead');
});

t.test("a batch's runs reach run_dims in one write: successes and failures both counted, the insight sees them", async (t) => {
  const inserts: string[] = [];
  const counting = Object.create(store) as Store;
  counting.insert = (table: string, values: Record<string, unknown>[]) => {
    inserts.push(table);
    return store.insert(table, values);
  };
  const p = new Pipeline({ store: counting, pool, budgetMs: 10_000 });
  const tags = { tags: { firmware: 'rd-1' } };
  const results = await p.processBatch(
    items([
      episode('rd-ok-1', 'r-rd', 'succeeded', tags),
      episode('rd-ok-2', 'r-rd', 'succeeded', tags),
      episode('rd-fail-1', 'r-rd', 'failed', { ...tags, error_message: 'RuntimeError: CUDA out of memory' }),
      // Updated within the batch, failed last: its failure row stands, its success is not counted.
      episode('rd-both', 'r-rd', 'succeeded', tags),
      episode('rd-both', 'r-rd', 'failed', { ...tags, error_message: 'collision detected, emergency stop' }),
    ]),
  );
  t.same(
    results.map((r) => r.status),
    ['accepted', 'accepted', 'analyzed', 'accepted', 'analyzed'],
    'the positive control: the batch went through',
  );
  t.equal(inserts.filter((x) => x === 'run_dims').length, 1, 'one run_dims insert for the batch');
  const rows = await store.rows<{ subject_id: string; outcome: string }>(
    `SELECT subject_id, outcome FROM faultline.run_dims FINAL WHERE org_id = 'acme' AND subject_id LIKE 'rd-%' ORDER BY subject_id`,
  );
  t.same(
    rows.map((r) => [r.subject_id, r.outcome]),
    [
      ['rd-both', 'failure'],
      ['rd-fail-1', 'failure'],
      ['rd-ok-1', 'success'],
      ['rd-ok-2', 'success'],
    ],
    'every run once, with its last outcome',
  );
  const runs = await store.rows<{ outcome: string; runs: string }>(
    `SELECT outcome, sum(runs) AS runs FROM faultline.tags_hourly
     WHERE org_id = 'acme' AND tag_key = 'firmware' AND tag_value = 'rd-1' GROUP BY outcome ORDER BY outcome`,
  );
  t.same(
    runs.map((r) => [r.outcome, Number(r.runs)]),
    [
      ['failure', 2],
      ['success', 2],
    ],
    'the rollup counts two failures and two successes (the run updated within the batch once, as a failure)',
  );
});
