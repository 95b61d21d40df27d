/**
 * No poison pill (issue 12, item 1), against the real embedded ClickHouse (chdb), the real
 * embedded bus and the analyzer loop: a record ClickHouse refuses is isolated from its batch,
 * dead-lettered through the transport with its reason and reported as an analysis error, while
 * the rest of the batch is stored and committed; a store that is down dead-letters nothing.
 *
 * Validation makes every accepted text well-formed, so to make ClickHouse refuse one row the
 * store's saveLogs is wrapped to put a lone surrogate back into one record after validation —
 * fed straight to the real store, which refuses it ("missing second part of surrogate pair").
 * For the outage, the store's client is pointed at a port where nothing listens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { EmbeddedBus, readDeadLetters } from '@faultline/bus';
import { type EpisodeRecord, type LogRecord, toMessage } from '@faultline/core';
import { Store } from '@faultline/store';
import t from 'tap';
import { AnalyzerPool, Pipeline, StoreOutageError, startConsumer } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-poison-'));
const store = await Store.open({ dataDir: join(dir, 'store') });
const pool = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
t.teardown(async () => {
  await pool.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const LONE = '\uD800';

/** The real store, except that the logs and episodes whose id starts with "poison" reach ClickHouse with a lone surrogate. */
function poisoningStore(): Store {
  const s = Object.create(store) as Store;
  s.saveLogs = (logs: LogRecord[]) =>
    store.saveLogs(logs.map((l) => (l.log_id.startsWith('poison') ? { ...l, logs: `${l.logs} boom ${LONE}` } : l)));
  s.saveEpisodes = (episodes: EpisodeRecord[], options) =>
    store.saveEpisodes(
      episodes.map((e) => (e.episode_id.startsWith('poison') ? { ...e, robot_id: `${e.robot_id}${LONE}` } : e)),
      options,
    );
  return s;
}

const log = (id: string) => ({
  kind: 'log',
  log_id: id,
  org_id: 'acme',
  error_message: '',
  logs: `epoch 3\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (${id})`,
});
const message = (record: Record<string, unknown>) =>
  toMessage({ record: record as unknown as LogRecord, org: 'acme', received_at: new Date().toISOString() });

async function count(sql: string, params: Record<string, unknown> = {}): Promise<number> {
  const rows = await store.rows<{ c: string | number }>(sql, params);
  return Number(rows[0]?.c ?? 0);
}

async function until(what: string, ms: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

t.test('a record the store refuses is isolated and dead-lettered; the rest of its batch is stored and committed', async (t) => {
  const busDir = join(dir, 'bus-refuse');
  const bus = await EmbeddedBus.open({ dir: busDir, partitions: 2, fsync: false });
  t.teardown(() => bus.close());
  const ids = ['ok-1', 'ok-2', 'ok-3', 'poison-1', 'ok-4', 'ok-5', 'ok-6', 'ok-7'];
  await bus.publish(ids.map((id) => message(log(id))));
  const refusedRows: [string, number][] = [];
  const observer = { storeRefused: (table: string, rows: number) => refusedRows.push([table, rows]) };
  startConsumer(bus, new Pipeline({ store: poisoningStore(), pool, budgetMs: 10_000, observer }), { maxBatch: 100 });

  // Without isolation the batch fails forever and nothing is ever committed.
  await until('the batch to be committed', 30_000, () => bus.stats().committed === ids.length);
  t.equal(bus.stats().depth, 0, 'nothing left on the bus');
  t.equal(
    await count(`SELECT count() c FROM faultline.logs FINAL WHERE org_id = 'acme' AND startsWith(log_id, 'ok-')`),
    7,
    'the seven good records are stored',
  );
  t.equal(
    await count(`SELECT count() c FROM faultline.analyses FINAL WHERE org_id = 'acme' AND startsWith(subject_id, 'ok-')`),
    7,
    'and analyzed',
  );
  t.equal(await count(`SELECT count() c FROM faultline.logs FINAL WHERE log_id = 'poison-1'`), 0, 'the refused one is not');
  t.equal(await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id = 'poison-1'`), 0, 'nor its analysis');

  const dead = await readDeadLetters(busDir);
  t.equal(dead.length, 1, 'one dead letter');
  t.equal(dead[0]?.step, 'store');
  t.match(dead[0]?.reason, /surrogate pair/, 'with the store reason');
  t.match(dead[0]?.value, /"log_id":"poison-1"/, 'the message as it was delivered');
  t.same(Object.fromEntries(bus.deadLetterCounts()), { store: 1 }, 'counted by step');
  t.same(refusedRows, [['logs', 1]], 'the observer (faultline_store_refused_rows_total) is told');

  const errors = await store.rows<{ error_kind: string; step: string; reason: string }>(
    `SELECT error_kind, step, reason FROM faultline.analysis_errors WHERE subject_ref = 'poison-1'`,
  );
  t.equal(errors.length, 1, 'one analysis_errors row');
  t.equal(errors[0]?.error_kind, 'store_failed');
  t.equal(errors[0]?.step, 'store logs');
  t.match(errors[0]?.reason, /the store refused the record: .*surrogate pair/);
  t.equal(
    await count(
      `SELECT count() c FROM faultline.audit_log WHERE subject_id = 'poison-1' AND action = 'failure_analysis.errored'`,
    ),
    1,
    'and an audit row',
  );
});

t.test('processBatch: the typed results say what was refused and what goes to the dead-letter path', async (t) => {
  const pipeline = new Pipeline({ store: poisoningStore(), pool, budgetMs: 10_000 });
  const results = await pipeline.processBatch(
    [log('pb-ok-1'), log('poison-pb'), { kind: 'log', log_id: 'pb-bad' }, log('pb-ok-2')].map((value, i) => ({
      line: i + 1,
      value,
      org: 'acme',
    })),
  );
  t.same(
    results.map((r) => [r.ref, r.status, r.deadLetter?.step ?? null]),
    [
      ['pb-ok-1', 'analyzed', null],
      ['poison-pb', 'rejected', 'store'],
      ['pb-bad', 'rejected', 'validation'],
      ['pb-ok-2', 'analyzed', null],
    ],
  );
  t.match(results[1]?.error, /the store refused the record/);
});

// Every row of a table refused: only the error's type (a data error) tells this from an outage
// (nothing written); the embedded store's raw insert must name it as the client's error does.
t.test('a batch whose every log the store refuses: each refused with its reason, not an outage', async (t) => {
  const pipeline = new Pipeline({ store: poisoningStore(), pool, budgetMs: 10_000 });
  const results = await pipeline.processBatch(
    [log('poison-all-1'), log('poison-all-2'), { kind: 'episode', episode_id: 'all-ep', robot_id: 'r', status: 'failed' }].map(
      (value) => ({ value, org: 'acme' }),
    ),
  );
  t.same(
    results.map((r) => [r.ref, r.status, r.deadLetter?.step ?? null]),
    [
      ['poison-all-1', 'rejected', 'store'],
      ['poison-all-2', 'rejected', 'store'],
      ['all-ep', 'analyzed', null],
    ],
  );
  t.match(results[0]?.error, /the store refused the record: .*surrogate pair/);
  t.equal(await count(`SELECT count() c FROM faultline.episodes FINAL WHERE episode_id = 'all-ep'`), 1, 'the episode is stored');
});

t.test('a rejected record whose envelope names an org with a lone surrogate still gets its analysis_errors row', async (t) => {
  const refused: string[] = [];
  const pipeline = new Pipeline({ store, pool, budgetMs: 10_000, observer: { storeRefused: (table) => refused.push(table) } });
  const [r] = await pipeline.processBatch([{ value: { kind: 'log', log_id: 'no-text-org' }, org: `org${LONE}` }]);
  t.equal(r?.status, 'rejected');
  t.same(refused, [], 'no row refused by the store');
  t.equal(
    await count(`SELECT count() c FROM faultline.analysis_errors WHERE subject_ref = 'no-text-org' AND org_id = {org:String}`, {
      org: 'org\uFFFD',
    }),
    1,
    'the rejection is recorded under the well-formed org',
  );
});

t.test('a refused episode leaves nothing behind: a late eval result for it re-analyzes nothing', async (t) => {
  const pipeline = new Pipeline({ store: poisoningStore(), pool, budgetMs: 10_000 });
  const episode = (id: string) => ({
    kind: 'episode',
    episode_id: id,
    robot_id: 'r-p',
    status: 'failed',
    source: 'replay',
    metadata: { eval_run_id: 'ev' },
  });
  const evalFor = (id: string) => ({
    kind: 'eval_result',
    eval_run_id: 'ev',
    candidate_episode_id: id,
    metrics: { success_delta: -0.5 },
  });
  const items = (values: unknown[]) => values.map((value) => ({ value, org: 'acme' }));

  const first = await pipeline.processBatch(
    items([episode('poison-ep-1'), episode('ok-ep-1'), episode('poison-ep-2'), evalFor('poison-ep-2')]),
  );
  t.same(
    first.map((r) => [r.ref, r.status, r.deadLetter?.step ?? null]),
    [
      ['poison-ep-1', 'rejected', 'store'],
      ['ok-ep-1', 'analyzed', null],
      ['poison-ep-2', 'rejected', 'store'],
      ['ev:poison-ep-2', 'accepted', null],
    ],
  );
  const second = await pipeline.processBatch(items([evalFor('poison-ep-1'), evalFor('ok-ep-1')]));
  t.same(second[0]?.reanalyzed, undefined, 'the refused episode is not re-analyzed');
  t.same(second[1]?.reanalyzed, ['ok-ep-1'], 'the positive control: the stored one is');
  t.equal(
    await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id IN ('poison-ep-1', 'poison-ep-2')`),
    0,
    'no analysis of an episode that was never stored (also not from a late result in the same batch)',
  );
  t.equal(await count(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id = 'ok-ep-1'`), 1);
});

t.test('a store that is down dead-letters nothing and commits nothing; after it is back the batch is stored', async (t) => {
  const busDir = join(dir, 'bus-outage');
  const bus = await EmbeddedBus.open({ dir: busDir, partitions: 2, fsync: false });
  t.teardown(() => bus.close());
  const nowhere = createClient({ url: 'http://127.0.0.1:9', request_timeout: 2_000, log: { level: ClickHouseLogLevel.OFF } });
  t.teardown(() => nowhere.close());
  let down = true;
  const flaky = Object.create(store) as Store;
  Object.defineProperty(flaky, 'client', { get: () => (down ? nowhere : store.client) });

  const direct = new Pipeline({ store: flaky, pool, budgetMs: 10_000 });
  await t.rejects(
    direct.processBatch([{ value: log('out-direct'), org: 'acme' }]),
    StoreOutageError,
    'processBatch throws an outage, it does not refuse the record',
  );

  const ids = ['out-1', 'out-2', 'out-3'];
  await bus.publish(ids.map((id) => message(log(id))));
  startConsumer(bus, new Pipeline({ store: flaky, pool, budgetMs: 10_000 }), { maxBatch: 100 });
  await until('the batch to be redelivered', 20_000, () => bus.stats().redelivered >= 6);
  t.equal(bus.stats().committed, 0, 'nothing committed during the outage');
  t.same((await readDeadLetters(busDir)).length, 0, 'nothing dead-lettered during the outage');
  t.equal(await count(`SELECT count() c FROM faultline.analysis_errors WHERE startsWith(subject_ref, 'out-')`), 0);

  down = false; // the positive control: the same batch, the store back
  await until('the batch to be committed after the outage', 30_000, () => bus.stats().committed === ids.length);
  t.equal(
    await count(`SELECT count() c FROM faultline.logs FINAL WHERE startsWith(log_id, 'out-') AND log_id != 'out-direct'`),
    3,
  );
  t.equal(
    await count(
      `SELECT count() c FROM faultline.analyses FINAL WHERE startsWith(subject_id, 'out-') AND subject_id != 'out-direct'`,
    ),
    3,
  );
  t.same((await readDeadLetters(busDir)).length, 0, 'still no dead letter');
});
