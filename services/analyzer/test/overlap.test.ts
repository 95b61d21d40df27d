/**
 * Overlapped batches (pipeline.ts, "Overlap"), against the real embedded ClickHouse (chdb) and a
 * real pool: batch N+1 is analyzed while batch N is stored, and still sees N's state changes;
 * if N fails, N+1 stores nothing; if the store refused a record that changed N's state, N+1
 * joins again and never sees it.
 *
 * To make "N+1 is analyzed while N is stored" observable, batch N's analyses write waits until
 * the pipeline reports an analysis of batch N+1 (or 10 s, after which the test says so).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogRecord } from '@faultline/core';
import { type AnalysisRow, Store } from '@faultline/store';
import t from 'tap';
import { AnalyzerPool, EarlierBatchFailedError, Pipeline, type PipelineItem, StoreOutageError } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-overlap-'));
const store = await Store.open({ dataDir: dir });
const pool = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
t.teardown(async () => {
  await pool.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const LONE = '\uD800';
const items = (values: unknown[]): PipelineItem[] => values.map((value) => ({ value, org: 'acme' }));
const episode = (id: string, status: string) => ({
  kind: 'episode',
  episode_id: id,
  robot_id: 'r-ov',
  status,
  source: 'replay',
  metadata: { eval_run_id: 'ev' },
});
const evalFor = (id: string) => ({
  kind: 'eval_result',
  eval_run_id: 'ev',
  candidate_episode_id: id,
  metrics: { success_delta: -0.5 },
});
const log = (id: string) => ({ kind: 'log', log_id: id, error_message: '', logs: `RuntimeError: CUDA out of memory (${id})` });

async function count(sql: string): Promise<number> {
  const rows = await store.rows<{ c: string | number }>(sql);
  return Number(rows[0]?.c ?? 0);
}

/**
 * The real store, except: episodes whose id starts with "poison" reach ClickHouse with a lone
 * surrogate (refused on their own); logs whose id starts with "down" fail as an outage would;
 * and the first analyses write waits for `hold` (batch N's store step, held open).
 */
function testStore(hold: Promise<unknown>): Store {
  const s = Object.create(store) as Store;
  s.saveEpisodes = (episodes, options) =>
    store.saveEpisodes(
      episodes.map((e) => (e.episode_id.startsWith('poison') ? { ...e, robot_id: `${e.robot_id}${LONE}` } : e)),
      options,
    );
  s.saveLogs = (logs: LogRecord[]) =>
    logs.some((l) => l.log_id.startsWith('down')) ? Promise.reject(new Error('connect ECONNREFUSED')) : store.saveLogs(logs);
  let first = true;
  s.writeAnalyses = async (rows: AnalysisRow[]) => {
    if (first) {
      first = false;
      await hold;
    }
    return store.writeAnalyses(rows);
  };
  return s;
}

t.test('batch N+1 is analyzed while N is stored, and joins over N: a late result re-analyzes the episode N failed', async (t) => {
  let release: (v: unknown) => void = () => undefined;
  const hold = new Promise((r) => {
    release = r;
  });
  let overlapped = false;
  const pipeline = new Pipeline({
    store: testStore(hold),
    pool,
    budgetMs: 10_000,
    observer: {
      analysisFinished: (kind) => {
        // The first analysis of batch N+1 is the re-analysis of the episode (N has a log only then).
        if (kind === 'episode' && nStarted) {
          overlapped = true;
          release(undefined);
        }
      },
    },
  });
  setTimeout(() => release(undefined), 10_000).unref();
  let nStarted = false;
  const n = pipeline.processBatch(items([episode('ov-ep-1', 'failed'), log('ov-log-1')]));
  nStarted = true;
  const next = pipeline.processBatch(items([evalFor('ov-ep-1'), evalFor('ov-unknown')]));
  const [first, second] = await Promise.all([n, next]);
  t.ok(overlapped, "batch N+1's analysis finished while batch N's analyses write was held open");
  t.same(
    first.map((r) => r.status),
    ['analyzed', 'analyzed'],
  );
  t.same(second[0]?.reanalyzed, ['ov-ep-1'], 'N+1 saw the failed episode of N, not yet committed when N+1 joined');
  t.same(second[1]?.reanalyzed, undefined, 'the positive control: an eval of an episode nobody sent re-analyzes nothing');
  t.equal(await count(`SELECT count() c FROM faultline.eval_results FINAL WHERE candidate_episode_id = 'ov-ep-1'`), 1);
});

t.test('if batch N fails, batch N+1 (joined over it) stores nothing; both delivered again are stored', async (t) => {
  const pipeline = new Pipeline({ store: testStore(Promise.resolve()), pool, budgetMs: 10_000 });
  const n = pipeline.processBatch(items([episode('down-ep-1', 'failed'), log('down-log-1')]));
  const next = pipeline.processBatch(items([evalFor('down-ep-1'), log('after-log-1')]));
  await t.rejects(n, StoreOutageError, 'batch N: the store is down for its logs');
  await t.rejects(next, EarlierBatchFailedError, 'batch N+1 fails with it, naming why');
  t.equal(await count(`SELECT count() c FROM faultline.logs FINAL WHERE log_id = 'after-log-1'`), 0, 'nothing of N+1 stored');
  t.equal(await count(`SELECT count() c FROM faultline.eval_results FINAL WHERE candidate_episode_id = 'down-ep-1'`), 0);

  // The positive control: the same batches again, the store up, in order.
  const up = new Pipeline({ store, pool, budgetMs: 10_000 });
  const again = up.processBatch(items([episode('down-ep-1', 'failed'), log('up-log-1')]));
  const nextAgain = up.processBatch(items([evalFor('down-ep-1'), log('after-log-1')]));
  await again;
  t.same((await nextAgain)[0]?.reanalyzed, ['down-ep-1']);
  t.equal(await count(`SELECT count() c FROM faultline.logs FINAL WHERE log_id = 'after-log-1'`), 1);
});

t.test('a record of N the store refused is never seen by N+1: N+1 joins again over what is stored', async (t) => {
  const pipeline = new Pipeline({ store: testStore(Promise.resolve()), pool, budgetMs: 10_000 });
  const n = pipeline.processBatch(items([episode('poison-ov-1', 'failed'), episode('ok-ov-1', 'failed')]));
  const next = pipeline.processBatch(items([evalFor('poison-ov-1'), evalFor('ok-ov-1')]));
  const [first, second] = await Promise.all([n, next]);
  t.same(
    first.map((r) => [r.ref, r.status]),
    [
      ['poison-ov-1', 'rejected'],
      ['ok-ov-1', 'analyzed'],
    ],
  );
  t.same(second[0]?.reanalyzed, undefined, 'the refused episode is not re-analyzed');
  t.same(second[1]?.reanalyzed, ['ok-ov-1'], 'the positive control: the stored one is');
  t.equal(await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id = 'poison-ov-1'`), 0);
  t.equal(await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id = 'ok-ov-1'`), 1);
});
