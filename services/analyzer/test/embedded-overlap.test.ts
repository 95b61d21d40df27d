/**
 * The embedded bus through the consumer (the embedded service's path) under a backlog: the
 * consumer asks the bus for more than one call in flight, so batch N+1 is handed to the pipeline
 * while batch N is stored (before e4c3aad, the bus handed one batch at a time and waited for its
 * commit: join, analysis and store took turns). With the default hand-over (`stored`) that holds
 * after a full batch only: the 300 logs are published at once, so every batch of 50 is full (a
 * partial batch waits until the store before it is done: handover.test.ts covers both). Nothing is
 * lost and every record is analyzed once. Real bus, pipeline, pool and chdb; the order is read
 * from the hop marks (packages/bus/src/hops.ts): a hand-over during a store is one between
 * `pipeline.analyzed` and `pipeline.persisted`.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, type HopMark } from '@faultline/bus';
import { toMessage } from '@faultline/core';
import t from 'tap';
import { Pipeline, startConsumer } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-embedded-overlap-');

t.test('a backlog of full batches: batch N+1 is handed to the pipeline while N is stored; all 300 analyzed', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-embedded-overlap-bus-'));
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const events: string[] = [];
  let handed = 0;
  let finished = 0;
  let mostInPipeline = 0;
  let storing = false;
  let handedDuringStore = 0;
  const onMark = (m: unknown) => {
    const { hop } = m as HopMark;
    if (hop === 'pipeline.analyzed') storing = true;
    else if (hop === 'pipeline.persisted') storing = false;
    if (hop === 'consumer.handed') {
      handed++;
      if (storing) handedDuringStore++;
    } else if (hop === 'consumer.finished') finished++;
    else return;
    events.push(hop);
    mostInPipeline = Math.max(mostInPipeline, handed - finished);
  };
  subscribe('faultline:hop', onMark);
  t.teardown(() => unsubscribe('faultline:hop', onMark));

  const logs = Array.from({ length: 300 }, (_, i) => ({
    org: 'acme',
    received_at: new Date().toISOString(),
    record: {
      kind: 'log' as const,
      log_id: `overlap-${i}`,
      org_id: 'acme',
      error_message: '',
      logs: `step ${i}\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB`,
    },
  }));
  await bus.publish(logs.map(toMessage));
  startConsumer(bus, new Pipeline({ store, pool, budgetMs: 10_000 }), { maxBatch: 50 });

  const deadline = Date.now() + 120_000;
  while (bus.stats().committed < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  t.equal(bus.stats().committed, 300, 'every message committed');
  t.equal(bus.stats().redelivered, 0);
  t.ok(mostInPipeline >= 2, `two batches in the pipeline at once (most: ${mostInPipeline}; ${events.join(', ')})`);
  t.ok(handedDuringStore >= 1, `${handedDuringStore} of ${handed} hand-overs during the store of the batch before`);
  const [row] = await store.rows<{ n: string }>(
    `SELECT count() AS n FROM ${store.t('analyses')} FINAL WHERE org_id = 'acme' AND subject_id LIKE 'overlap-%'`,
  );
  t.equal(Number(row?.n), 300, 'each of the 300 logs analyzed and stored once');
});
