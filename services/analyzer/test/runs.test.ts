/**
 * Batch runs executed by the analyzer (issue 14, item 3): the Runner only records the run and
 * enqueues its records on the bus; the analyzer's RunTracker counts their results into the run's
 * summary, once per delivery (the consumer's side runs in test/service: service.test.ts's runs).
 * Real embedded bus, real store (chdb), real pipeline and pool.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Delivered, EmbeddedBus } from '@faultline/bus';
import { type Envelope, toMessage } from '@faultline/core';
import t from 'tap';
import { Pipeline, Runner, RunTracker } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-runs-');

const log = (id: string) => ({
  kind: 'log',
  log_id: id,
  error_message: '',
  logs: 'step 1\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB',
});

t.test('an uploaded run is analyzed by the consumer and counted once, also when its batch comes again', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-runs-bus-'));
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const enqueued: Envelope[] = [];
  const runner = new Runner(store, async (envs) => {
    enqueued.push(...envs);
    await bus.publish(envs.map(toMessage));
  });
  const run = await runner.start({
    org: 'acme',
    requestedBy: 'tester',
    source: {
      type: 'upload',
      items: [
        { line: 1, value: log('run-log-1'), org: 'acme' },
        { line: 2, parseError: 'invalid JSON: Unexpected token', org: 'acme' },
        { line: 3, value: log('run-log-2'), org: 'acme' },
      ],
    },
  });
  await runner.drain();
  const queued = await store.getRun('acme', run.run_id);
  t.equal(queued?.status, 'running', 'recorded and enqueued, not executed by the runner');
  t.equal((queued?.summary as { awaiting?: number } | undefined)?.awaiting, 2, 'two records await the analyzer');
  t.equal(await store.getAnalysis('acme', 'log', 'run-log-1'), null, 'nothing analyzed before a consumer runs');
  t.same(
    enqueued.map((e) => e.run?.id),
    [run.run_id, run.run_id],
    'the valid records are tagged with their run',
  );

  const tracker = new RunTracker(store);
  const pipeline = new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 });
  const delivered = await new Promise<Delivered[]>((resolve) => {
    const got: Delivered[] = [];
    bus.consume(
      async (batch) => {
        got.push(...batch);
        if (got.length >= 2) resolve(got);
      },
      { maxBatch: 100 },
    );
  });
  const analyze = (ds: Delivered[]) =>
    pipeline.processBatch(
      ds.map((d) => ({ value: JSON.parse(d.value).record, org: 'acme' })),
      run.run_id,
    );
  const summary = async () => (await store.getRun('acme', run.run_id)) as { status: string; summary: Record<string, number> };
  const first = delivered.slice(0, 1);
  await tracker.record({ id: run.run_id, org: 'acme' }, await analyze(first), first);
  t.same(
    [(await summary()).summary.processed, (await summary()).summary.awaiting, (await summary()).status],
    [1, 1, 'running'],
    'positive control: the first record is counted, one still awaited',
  );
  // The same delivery again (a crash after the summary was stored, before the commit).
  await tracker.record({ id: run.run_id, org: 'acme' }, await analyze(first), first);
  t.same(
    [(await summary()).summary.processed, (await summary()).summary.awaiting],
    [1, 1],
    'a redelivered record is not counted twice',
  );
  const second = delivered.slice(1, 2);
  await tracker.record({ id: run.run_id, org: 'acme' }, await analyze(second), second);
  const done = await summary();
  t.equal(done.status, 'completed', 'completed once nothing is awaited');
  t.same(
    [done.summary.total_received, done.summary.processed, done.summary.validation_failures, done.summary.awaiting],
    [3, 2, 1, 0],
    'three lines: two analyzed, one refused at enqueue',
  );
  t.ok(await store.getAnalysis('acme', 'log', 'run-log-1'), 'the run was analyzed');
});
