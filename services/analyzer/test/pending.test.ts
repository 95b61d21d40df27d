/**
 * Pending finalizes (a finalize whose robot ingest could not tell, see services/ingest): the
 * consumer resolves the robot from the batch or the stored episode and forwards the finalize
 * under the robot's key; while none is known it is put back under the episode's key; past the
 * limit it is dead-lettered with its reason. Real embedded bus, real store (chdb), real pipeline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Delivered, EmbeddedBus, readDeadLetters } from '@faultline/bus';
import { type Envelope, type EpisodeRecord, fromMessage, pendingKey, toMessage } from '@faultline/core';
import t, { type Test } from 'tap';
import { Pipeline, settlePending } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-pending-');
const pipeline = new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 });
const robotOf = async (org: string, id: string) => (await store.getEpisode(org, id))?.robot_id;

async function openBus(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-pending-bus-'));
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(async () => {
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { bus, dir };
}

const episode = (id: string, extra: Partial<EpisodeRecord>): EpisodeRecord =>
  ({ kind: 'episode', episode_id: id, org_id: 'acme', robot_id: '', ...extra }) as EpisodeRecord;

/** A delivered message of `env`, published `ageMs` ago. */
function delivered(env: Envelope, offset: number, ageMs = 0): Delivered {
  return { ...toMessage(env), partition: 0, offset, publishedAt: Date.now() - ageMs };
}

const pendingFinalize = (id: string, receivedAgoMs = 0): Envelope => ({
  record: episode(id, { status: 'failed', duration_s: 3 }),
  org: 'acme',
  merge: true,
  pendingRobot: true,
  received_at: new Date(Date.now() - receivedAgoMs).toISOString(),
});

/** Everything on the bus now (consumed and committed). */
async function drain(bus: EmbeddedBus, expect: number): Promise<Delivered[]> {
  const seen: Delivered[] = [];
  await new Promise<void>((resolve) => {
    bus.consume(
      async (batch) => {
        seen.push(...batch);
        if (seen.length >= expect) resolve();
      },
      { maxBatch: 100 },
    );
  });
  return seen;
}

t.test('a stored start resolves the robot: the finalize is forwarded under the robot key', async (t) => {
  const { bus } = await openBus(t);
  await pipeline.processBatch([
    { value: episode('pe-1', { robot_id: 'robot-pe', status: 'running' }), org: 'acme', merge: true },
  ]);
  t.equal(await robotOf('acme', 'pe-1'), 'robot-pe', 'positive control: the start is stored');
  const settled = await settlePending(bus, [delivered(pendingFinalize('pe-1'), 0, 10_000)], robotOf, {
    maxMs: 60_000,
    retryMs: 10,
  });
  t.same({ ...settled, ready: settled.ready.length }, { ready: 0, forwarded: 1, retried: 0, deadLettered: 0 });
  const [out] = await drain(bus, 1);
  t.equal(out?.key, 'robot-pe', 'forwarded under the robot key, after the start on that key');
  const env = fromMessage(out?.value ?? '');
  t.ok(env.ok && (env.envelope.record as EpisodeRecord).robot_id === 'robot-pe', 'with the robot filled in');
  t.ok(env.ok && !env.envelope.pendingRobot, 'no longer pending');
});

t.test('a start in the same batch resolves it; an unknown one is put back; a too-old one is dead-lettered', async (t) => {
  const { bus, dir } = await openBus(t);
  const start: Envelope = {
    record: episode('pe-2', { robot_id: 'robot-two', status: 'running' }),
    org: 'acme',
    merge: true,
    received_at: new Date().toISOString(),
  };
  const batch = [
    delivered(pendingFinalize('pe-2'), 0, 10_000),
    delivered(start, 1),
    delivered(pendingFinalize('pe-unknown'), 2, 10_000),
    delivered(pendingFinalize('pe-ancient', 120_000), 3, 10_000),
  ];
  const settled = await settlePending(bus, batch, robotOf, { maxMs: 60_000, retryMs: 10 });
  t.same(
    settled.ready.map((d) => d.offset),
    [1],
    'the pipeline gets the start only: the pending finalizes left the batch',
  );
  t.same([settled.forwarded, settled.retried, settled.deadLettered], [1, 1, 1]);
  const out = await drain(bus, 2);
  t.same(
    out.map((d) => d.key).sort(),
    [pendingKey('acme', 'pe-unknown'), 'robot-two'].sort(),
    'pe-2 forwarded under its robot, pe-unknown put back under its episode key',
  );
  const letters = await readDeadLetters(join(dir));
  t.equal(letters.length, 1, 'one dead letter');
  t.equal(letters[0]?.step, 'resolve');
  t.match(letters[0]?.reason, /pe-ancient: finalized without robot_id/);
});

t.test('without pending finalizes the batch is handed on as it is', async (t) => {
  const { bus } = await openBus(t);
  const batch = [delivered({ ...pendingFinalize('x'), pendingRobot: false, record: episode('x', { robot_id: 'r' }) }, 0)];
  const settled = await settlePending(bus, batch, robotOf, { maxMs: 1, retryMs: 1 });
  t.equal(settled.ready[0], batch[0]);
  t.equal(bus.stats().published, 0, 'nothing published');
});

t.test('one consumer for every key (embedded bus): a resolved finalize is analyzed in place, after its start', async (t) => {
  const { bus } = await openBus(t);
  const start: Envelope = {
    record: episode('pe-3', { robot_id: 'robot-three', status: 'running' }),
    org: 'acme',
    merge: true,
    received_at: new Date().toISOString(),
  };
  const batch = [delivered(pendingFinalize('pe-3'), 0, 10_000), delivered(start, 1)];
  const settled = await settlePending(bus, batch, robotOf, { maxMs: 60_000, retryMs: 10, forward: false });
  t.same(
    settled.ready.map((d) => d.offset),
    [1, 0],
    'the start, then the finalize',
  );
  const fin = fromMessage(settled.ready[1]?.value ?? '');
  t.ok(fin.ok && (fin.envelope.record as EpisodeRecord).robot_id === 'robot-three', 'with its robot');
  t.equal(bus.stats().published, 0, 'nothing forwarded');
});
