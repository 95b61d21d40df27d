/**
 * When the embedded bus's next batch goes to the pipeline (consumer.ts, `handover`;
 * FAULTLINE_BATCH_HANDOVER). `early`: at the store's start of the batch before, so it is analyzed
 * at once and then waits out that store; `stored` (the default): once that store is done, so what
 * arrives meanwhile joins it; when the batch before was full (a backlog), at its store's start as
 * with `early`; full by count (`maxBatch`) or by bytes (the bus stopped it at `maxBatchBytes`:
 * `DeliveryInfo.full`). Real bus, pipeline, pool and chdb; each store held 600 ms (the analyses write),
 * logs published every 10 ms; when a batch is handed over is read from the hop marks
 * (packages/bus/src/hops.ts): during a store (between `pipeline.analyzed` and `pipeline.persisted`)
 * or not. Nothing is lost either way.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, type HopMark } from '@faultline/bus';
import { toMessage } from '@faultline/core';
import type { Store } from '@faultline/store';
import t, { type Test } from 'tap';
import { type ConsumerOptions, Pipeline, startConsumer } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-handover-');
const HOLD_MS = 600;

/** The real store, its analyses writes held `HOLD_MS` first (a slow store). */
function slowStore(): Store {
  const s = Object.create(store) as Store;
  s.writeAnalyses = async (rows) => {
    await new Promise((r) => setTimeout(r, HOLD_MS));
    return store.writeAnalyses(rows);
  };
  return s;
}

/**
 * Publishes 150 logs, one every 10 ms, through a consumer with `handover`, `maxBatch` and
 * `maxBatchBytes`; how many batches were handed over during a store of the batch before, and how
 * many in all.
 */
async function run(
  t: Test,
  prefix: string,
  opts: { handover?: ConsumerOptions['handover']; maxBatch?: number; maxBatchBytes?: number },
): Promise<{ duringStore: number; handed: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-handover-bus-'));
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let storing = false;
  const seen = { duringStore: 0, handed: 0 };
  const onMark = (m: unknown) => {
    const { hop } = m as HopMark;
    if (hop === 'pipeline.analyzed') storing = true;
    else if (hop === 'pipeline.persisted') storing = false;
    else if (hop === 'consumer.handed') {
      seen.handed++;
      if (storing) seen.duringStore++;
    }
  };
  subscribe('faultline:hop', onMark);
  t.teardown(() => unsubscribe('faultline:hop', onMark));
  startConsumer(bus, new Pipeline({ store: slowStore(), pool, budgetMs: 10_000 }), {
    maxBatch: opts.maxBatch ?? 1000,
    ...(opts.maxBatchBytes ? { maxBatchBytes: opts.maxBatchBytes } : {}),
    ...(opts.handover ? { handover: opts.handover } : {}),
  });
  const n = 150;
  for (let i = 0; i < n; i++) {
    const record = {
      kind: 'log' as const,
      log_id: `${prefix}-${i}`,
      org_id: 'acme',
      error_message: '',
      logs: `RuntimeError: CUDA out of memory (${i})`,
    };
    await bus.publish([toMessage({ org: 'acme', received_at: new Date().toISOString(), record })]);
    await new Promise((r) => setTimeout(r, 10));
  }
  const deadline = Date.now() + 120_000;
  while (bus.stats().committed < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.equal(bus.stats().committed, n, 'every message committed');
  const [row] = await store.rows<{ n: string }>(
    `SELECT count() AS n FROM ${store.t('analyses')} FINAL WHERE org_id = 'acme' AND subject_id LIKE '${prefix}-%'`,
  );
  t.equal(Number(row?.n), n, `each of the ${n} logs analyzed and stored once`);
  return seen;
}

t.test('early: the next batch is handed over during the store before it', async (t) => {
  const { duringStore, handed } = await run(t, 'early', { handover: 'early' });
  t.ok(duringStore >= 1, `${duringStore} of ${handed} hand-overs during a store`);
});

t.test('stored (the default): the next batch is handed over once the store before it is done', async (t) => {
  const { duringStore, handed } = await run(t, 'stored', {});
  t.ok(handed >= 2, `${handed} hand-overs`);
  t.equal(duringStore, 0, 'none during a store');
});

t.test('stored, the batch before full (a backlog): handed over during its store, as early', async (t) => {
  const { duringStore, handed } = await run(t, 'full', { maxBatch: 10 });
  t.ok(duringStore >= 1, `${duringStore} of ${handed} hand-overs during a store`);
});

t.test('stored, the batch before full by bytes (the bus stopped it at maxBatchBytes): as early', async (t) => {
  // A log's frame is ~300 bytes: the bus cuts a backlog into batches of about 9, below maxBatch.
  const { duringStore, handed } = await run(t, 'bytes', { maxBatchBytes: 3000 });
  t.ok(duringStore >= 1, `${duringStore} of ${handed} hand-overs during a store`);
});
