/**
 * A state cache over a store that starts empty and that only its pipeline writes (the CLI's
 * temporary store; state.ts, StateCacheOptions.storeStartsEmpty): a key the cache never held has
 * nothing stored and is not read; the keys it let go of (evicted, forgotten after a refusal) are;
 * after `distrust` (a failed batch) every miss is. Over the real embedded store, a pipeline with the
 * option answers as pipelines without it that read the state from the store (a cold one per
 * batch), and reads no state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogRecord } from '@faultline/core';
import { Store } from '@faultline/store';
import t from 'tap';
import { AnalyzerPool, type ItemResult, key, Pipeline, StateCache } from '../src/index.js';
import { episode, items } from './fixture.js';

type Pair = { org: string; episode: string } | { org: string; robot: string };

/** The four reads of the state prefetch, recorded (keys asked for), answering nothing stored. */
function recordingStore() {
  const reads: { table: string; keys: string[] }[] = [];
  const keysOf = (pairs: Pair[]) => pairs.map((p) => key(p.org, 'robot' in p ? p.robot : p.episode));
  const store = {
    successDurations: async (pairs: Pair[]) => {
      reads.push({ table: 'robot_success_durations', keys: keysOf(pairs) });
      return new Map();
    },
    evalResultsFor: async (pairs: Pair[]) => {
      reads.push({ table: 'eval_results', keys: keysOf(pairs) });
      return [];
    },
    verificationResultsFor: async (pairs: Pair[]) => {
      reads.push({ table: 'verification_results', keys: keysOf(pairs) });
      return [];
    },
    episodes: async (pairs: Pair[]) => {
      reads.push({ table: 'episodes', keys: keysOf(pairs) });
      return [];
    },
  };
  return { store: store as unknown as Store, reads };
}

const robots = (...ids: string[]) => ids.map((robot) => ({ org: 'acme', robot }));
const episodes = (...ids: string[]) => ids.map((episode) => ({ org: 'acme', episode }));

t.test('over an ordinary store every miss is read (the control)', async (t) => {
  const { store, reads } = recordingStore();
  const cache = new StateCache(20);
  await cache.prefetch(store, robots('r-1'), episodes('e-1', 'e-2'));
  t.same(
    reads.map((r) => r.table),
    ['robot_success_durations', 'eval_results', 'verification_results', 'episodes'],
  );
  t.equal(cache.knowsWholeStore, false);
});

t.test('over a store that started empty a key never held is not read, and is known to have nothing stored', async (t) => {
  const { store, reads } = recordingStore();
  const cache = new StateCache(20, undefined, { storeStartsEmpty: true });
  await cache.prefetch(store, robots('r-1'), episodes('e-1', 'e-2'));
  t.same(reads, [], 'no read');
  t.same(cache.durations.get(key('acme', 'r-1')), [], 'as a read that found nothing leaves it');
  t.same(cache.evals.get(key('acme', 'e-1')), []);
  t.same(cache.verifications.get(key('acme', 'e-2')), []);
  t.equal(cache.episodes.get(key('acme', 'e-1')), null);
});

t.test('the keys a cache over an empty store forgot (a refused record) are read, the others not', async (t) => {
  const { store, reads } = recordingStore();
  const cache = new StateCache(20, undefined, { storeStartsEmpty: true });
  await cache.prefetch(store, robots('r-1', 'r-2'), episodes('e-1', 'e-2'));
  cache.forget({
    durations: [key('acme', 'r-2')],
    evals: [key('acme', 'e-1')],
    verifications: [key('acme', 'e-2')],
    episodes: [key('acme', 'e-2')],
  });
  await cache.prefetch(store, robots('r-1', 'r-2', 'r-3'), episodes('e-1', 'e-2', 'e-3'));
  t.same(reads, [
    { table: 'robot_success_durations', keys: [key('acme', 'r-2')] },
    { table: 'eval_results', keys: [key('acme', 'e-1')] },
    { table: 'verification_results', keys: [key('acme', 'e-2')] },
    { table: 'episodes', keys: [key('acme', 'e-2')] },
  ]);
});

t.test('the keys a cache over an empty store evicted are read when missed again', async (t) => {
  const { store, reads } = recordingStore();
  const cache = new StateCache(20, 2, { storeStartsEmpty: true });
  await cache.prefetch(store, [], episodes('e-1', 'e-2'));
  await cache.prefetch(store, [], episodes('e-3'));
  t.same(reads, []);
  await cache.prefetch(store, [], episodes('e-1', 'e-3'));
  t.same(
    reads.map((r) => [r.table, r.keys]),
    [
      ['eval_results', [key('acme', 'e-1')]],
      ['verification_results', [key('acme', 'e-1')]],
      ['episodes', [key('acme', 'e-1')]],
    ],
    'e-1 was evicted by e-3; e-3 is still held',
  );
});

t.test('after distrust every miss is read', async (t) => {
  const { store, reads } = recordingStore();
  const cache = new StateCache(20, undefined, { storeStartsEmpty: true });
  cache.distrust();
  t.equal(cache.knowsWholeStore, false);
  await cache.prefetch(store, robots('r-1'), episodes('e-1'));
  t.equal(reads.length, 4);
});

// The pipeline over the real embedded store: the same answers with and without the option.
const dir = mkdtempSync(join(tmpdir(), 'faultline-empty-store-'));
const pool = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
const stores: Store[] = [];
t.teardown(async () => {
  await pool.close();
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});
// chdb binds one data directory per process: both stores are databases of it.
const open = async (database: string) => {
  const s = await Store.open({ dataDir: dir, database });
  stores.push(s);
  return s;
};

/**
 * `store` with its state reads counted (and the rows they found: robot histories, results,
 * episodes), and its logs refused as an outage when their id starts with "down".
 */
function watched(store: Store) {
  const counted = { reads: 0, rows: 0 };
  const s = Object.create(store) as Store;
  // The state cache's four reads, each counted with the rows (or robot histories) it found.
  for (const name of ['successDurations', 'evalResultsFor', 'verificationResultsFor', 'episodes'] as const) {
    const read = store[name].bind(store) as (...a: unknown[]) => Promise<Map<unknown, unknown> | unknown[]>;
    Reflect.set(s, name, async (...a: unknown[]) => {
      counted.reads++;
      const found = await read(...a);
      counted.rows += found instanceof Map ? found.size : found.length;
      return found;
    });
  }
  s.saveLogs = (logs: LogRecord[]) =>
    logs.some((l) => l.log_id.startsWith('down')) ? Promise.reject(new Error('connect ECONNREFUSED')) : store.saveLogs(logs);
  s.ping = async () => false;
  return { store: s, counted };
}

const evalFor = (id: string, run: string, delta: number) => ({
  kind: 'eval_result',
  org_id: 'acme',
  eval_run_id: run,
  candidate_episode_id: id,
  metrics: { success_delta: delta },
});
const verificationFor = (id: string, scenario: string) => ({
  kind: 'verification_result',
  org_id: 'acme',
  candidate_episode_id: id,
  scenario_id: scenario,
  status: 'fail',
});
/** Batches whose joins need the state: durations of a robot's successes, late eval and verification results, an episode updated. */
const BATCHES = [
  [
    ...[10, 11, 12, 9, 10].map((d, i) => episode(`es-ok-${i}`, 'es-r1', 'succeeded', { duration_s: d })),
    episode('es-fail-1', 'es-r1', 'failed', { metadata: { eval_run_id: 'ev-1' } }),
  ],
  [
    episode('es-slow', 'es-r1', 'succeeded', { duration_s: 95 }),
    evalFor('es-fail-1', 'ev-1', -0.4),
    verificationFor('es-fail-1', 'sc-1'),
    evalFor('es-nobody', 'ev-1', -0.2),
  ],
  [
    episode('es-fail-1', 'es-r1', 'failed', { metadata: { eval_run_id: 'ev-1' }, duration_s: 40 }),
    evalFor('es-fail-1', 'ev-2', -0.6),
  ],
];

/** An answer without its times of analysis (each run's own). */
function comparable(r: ItemResult) {
  return JSON.parse(JSON.stringify(r), (k, v) => (k === 'analyzed_at' || k === 'extracted_at' ? undefined : v));
}

t.test(
  'a pipeline over a store that started empty answers as pipelines that read the stored state, reading no state',
  async (t) => {
    const plain = watched(await open('es_plain'));
    const empty = watched(await open('es_empty'));
    const b = new Pipeline({ store: empty.store, pool, budgetMs: 10_000, storeStartsEmpty: true });
    for (const batch of BATCHES) {
      // The control: a pipeline of its own (a cold cache) for each batch, over the store the
      // earlier batches' pipelines wrote: the state it joins over is what it reads from the store.
      const a = new Pipeline({ store: plain.store, pool, budgetMs: 10_000 });
      const [ra, rb] = [await a.processBatch(items(batch)), await b.processBatch(items(batch))];
      t.same(rb.map(comparable), ra.map(comparable));
    }
    t.ok(plain.counted.rows > 0, 'the control read the stored state');
    t.equal(empty.counted.reads, 0, 'no state read');
    t.equal(b.state.knowsWholeStore, true);
    // The reanalysis of the late results is the joins' proof: they saw the state the cache held.
    const last = await b.processBatch(items([evalFor('es-fail-1', 'ev-3', -0.7)]));
    t.same(last[0]?.reanalyzed, ['es-fail-1']);

    // A failed batch (an outage while its records were stored): every miss is read from then on.
    await t.rejects(
      b.processBatch(
        items([{ kind: 'log', log_id: 'down-1', org_id: 'acme', logs: 'x' }, episode('es-after', 'es-r2', 'running')]),
      ),
    );
    t.equal(b.state.knowsWholeStore, false);
    await b.processBatch(items([episode('es-later', 'es-r3', 'running')]));
    t.ok(empty.counted.reads > 0, 'read after the failure');
  },
);
