/**
 * Episode merges are idempotent, as a producer and an admin see them over HTTP: the service as
 * a child process (embedded bus, chdb store), an episode started and finalized with typed
 * payloads, then a finalize the producer sends again (a retry after a lost reply) and a
 * mark-failed (which requeues only the status change, as a merge). The typed payloads read
 * back through GET /api/episodes/:id stay the ones the producer sent, each once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { apiCaller, keyMaker, startService, until } from './harness.js';

const ADMIN = 'merge-admin-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'faultline-merge-svc-'));
const svc = await startService('start', { FAULTLINE_DATA_DIR: dir, FAULTLINE_ADMIN_KEY: ADMIN, FAULTLINE_WORKERS: '1' });
t.teardown(async () => {
  await svc.stop();
  rmSync(dir, { recursive: true, force: true });
});

const call = apiCaller(svc.url);

const makeKey = keyMaker(svc.url, ADMIN);
const keyFor = (role: string): Promise<string> => makeKey('acme', role);
const producer = await keyFor('producer');
const member = await keyFor('member');
const admin = await keyFor('admin');

const episode = async (id: string) => (await call('GET', `/api/episodes/${id}`, member)).body?.episode;
const typedOf = async (id: string): Promise<string[]> =>
  ((await episode(id))?.metadata?.typed ?? []).map((p: { type: string; percent?: number }) => `${p.type}:${p.percent ?? ''}`);

/** Finalizes a sentinel episode of the same robot and waits for it: the bus keeps a robot's events in order. */
let sentinels = 0;
async function drained(t: Test): Promise<void> {
  const id = `merge-sentinel-${++sentinels}`;
  t.equal((await call('POST', '/api/ingest/episode', producer, { episode_id: id, robot_id: 'r-merge' })).status, 202);
  t.equal(
    (await call('POST', `/api/ingest/episode/${id}/finalize`, producer, { status: 'succeeded', duration_s: 1 })).status,
    202,
  );
  await until(`${id} stored`, 30_000, async () => (await episode(id))?.status === 'succeeded');
}

const finalize = { status: 'succeeded', duration_s: 30, metadata: { typed: [{ type: 'Battery', percent: 40 }] } };

t.test('start + finalize store both typed payloads (the positive control)', async (t) => {
  const start = {
    episode_id: 'ep-merge',
    robot_id: 'r-merge',
    metadata: { typed: [{ type: 'EpisodeOutcome', success: true, reason: 'placed' }] },
  };
  t.equal((await call('POST', '/api/ingest/episode', producer, start)).status, 202);
  t.equal((await call('POST', '/api/ingest/episode/ep-merge/finalize', producer, finalize)).status, 202);
  await until('ep-merge finalized', 30_000, async () => (await episode('ep-merge'))?.status === 'succeeded');
  t.same(await typedOf('ep-merge'), ['EpisodeOutcome:', 'Battery:40']);
});

t.test('a finalize sent again leaves the typed payloads as they were', async (t) => {
  t.equal((await call('POST', '/api/ingest/episode/ep-merge/finalize', producer, finalize)).status, 202);
  await drained(t);
  t.same(await typedOf('ep-merge'), ['EpisodeOutcome:', 'Battery:40']);
});

t.test('mark-failed flips the status, analyzes, and leaves the typed payloads as they were', async (t) => {
  t.equal((await episode('ep-merge'))?.status, 'succeeded');
  t.equal((await call('POST', '/api/episodes/ep-merge/mark-failed', admin)).status, 202);
  const read = await until('ep-merge analyzed', 30_000, async () => {
    const r = await call('GET', '/api/episodes/ep-merge', member);
    return r.body?.analysis ? r.body : null;
  });
  t.equal(read.episode.status, 'failed');
  t.same(await typedOf('ep-merge'), ['EpisodeOutcome:', 'Battery:40'], 'each typed payload once');
  // A second mark-failed (an admin clicking twice) changes nothing either.
  t.equal((await call('POST', '/api/episodes/ep-merge/mark-failed', admin)).status, 202);
  await drained(t);
  t.same(await typedOf('ep-merge'), ['EpisodeOutcome:', 'Battery:40']);
});
