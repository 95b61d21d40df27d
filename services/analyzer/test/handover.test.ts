/**
 * When the embedded bus's next batch goes to the pipeline while one is stored (consumer.ts,
 * `handover`; FAULTLINE_BATCH_HANDOVER). `early`: at the store's start, so it is analyzed at once
 * and then waits out that store; `in-time` (the default): about when its analysis would end with
 * that store, so what arrives meanwhile joins it and waits one store less. Real bus, pipeline,
 * pool and chdb; each store held 600 ms (the analyses write), logs published every 10 ms; when a
 * batch is handed over is read from the hop marks (packages/bus/src/hops.ts): the gap since the
 * last store began (`pipeline.analyzed`). Nothing is lost either way.
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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Publishes 150 logs, one every 10 ms, through a consumer with `handover`; the gaps (ms) from each store's start to the next hand-over. */
async function run(t: Test, prefix: string, handover: ConsumerOptions['handover']): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-handover-bus-'));
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let storeStart: number | undefined;
  const gaps: number[] = [];
  const onMark = (m: unknown) => {
    const { hop, at } = m as HopMark;
    if (hop === 'pipeline.analyzed') storeStart = at;
    else if (hop === 'consumer.handed' && storeStart !== undefined) gaps.push(at - storeStart);
  };
  subscribe('faultline:hop', onMark);
  t.teardown(() => unsubscribe('faultline:hop', onMark));
  startConsumer(bus, new Pipeline({ store: slowStore(), pool, budgetMs: 10_000 }), {
    maxBatch: 1000,
    ...(handover ? { handover } : {}),
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
  return gaps;
}

t.test('early: the next batch is handed over as the store before it starts', async (t) => {
  const gaps = await run(t, 'early', 'early');
  t.ok(gaps.length >= 2, `hand-overs during stores: ${gaps.length}`);
  t.ok(median(gaps) < HOLD_MS / 3, `median gap ${median(gaps).toFixed(0)} ms (${gaps.map((g) => g.toFixed(0)).join(', ')})`);
});

t.test('in time (the default): the next batch is handed over late in the store before it, not at its start', async (t) => {
  const gaps = await run(t, 'intime', undefined);
  t.ok(gaps.length >= 2, `hand-overs during stores: ${gaps.length}`);
  // After the first store (no timings before it), each hand-over waits for most of the store.
  const timed = gaps.slice(1);
  t.ok(median(timed) >= HOLD_MS / 3, `median gap ${median(timed).toFixed(0)} ms (${gaps.map((g) => g.toFixed(0)).join(', ')})`);
  t.ok(Math.max(...timed) < HOLD_MS * 3, 'and never long after the store ended');
});
