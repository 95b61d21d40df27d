/**
 * GET /api/episodes/:id and GET /api/traces/:id against the real embedded service: the answer
 * (analysis, fingerprint peers, eval and verification results naming the episode) and what it
 * costs the store: an analyzed episode's answer is four store statements (the episode; the
 * analysis with the rows its peers' count needs; the eval and verification results together; the
 * fingerprint's count), a missing one's one. Every client that waits for an analysis polls this
 * read (the deploy gate, the console, http-ingest.js's probes), and each statement is a fixed cost
 * in chdb (load-tests/README.md, "The read API's cost").
 */
import t from 'tap';
import { apiCaller, until } from './harness.js';
import { startInProcess } from './in-process.js';

const BOOT = 'episode-read-bootstrap-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-episode-read-', {
  FAULTLINE_ADMIN_KEY: BOOT,
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});
const call = apiCaller(svc.url);
const q = '?org=default';

const jammed = { failure_reason: 'Traceback (most recent call last):\nRuntimeError: gripper jammed at station 4' };
for (const [id, robot] of [
  ['rd-1', 'r1'],
  ['rd-2', 'r2'],
  ['rd-3', 'r1'],
] as const) {
  const r = await call('POST', `/api/ingest/episode/${id}/finalize${q}`, BOOT, {
    robot_id: robot,
    status: 'failed',
    duration_s: 12,
    metadata: id === 'rd-3' ? { typed: [{ type: 'Battery', percent: 3 }] } : jammed,
  });
  if (r.status !== 202) throw new Error(`finalize ${id}: ${JSON.stringify(r.body)}`);
}
await call('POST', `/api/ingest/eval-results${q}`, BOOT, [
  { eval_run_id: 'run-1', candidate_episode_id: 'rd-3', baseline_episode_id: 'base-1', metrics: { success_delta: -0.2 } },
]);
await call('POST', `/api/ingest/verification-results${q}`, BOOT, [
  { scenario_id: 'sc-1', candidate_episode_id: 'rd-3', status: 'fail', message: 'dropped the part' },
]);
for (const id of ['rd-1', 'rd-2', 'rd-3'])
  await until(`${id} analyzed`, 30_000, async () => (await call('GET', `/api/episodes/${id}${q}`, BOOT)).body?.analysis);
await until('rd-3 results stored', 30_000, async () => {
  const b = (await call('GET', `/api/episodes/rd-3${q}`, BOOT)).body;
  return b.eval_results.length === 1 && b.verification_results.length === 1;
});

t.test('an analyzed episode: its analysis, its fingerprint peers, the results naming it', async (t) => {
  const one = (await call('GET', `/api/episodes/rd-1${q}`, BOOT)).body;
  t.equal(one.episode.episode_id, 'rd-1');
  t.equal(one.analysis.subject_id, 'rd-1');
  t.equal(one.analysis.fingerprint_peers, 1, 'rd-2 failed the same way: one peer, not counting itself');
  t.equal((await call('GET', `/api/episodes/rd-2${q}`, BOOT)).body.analysis.fingerprint_peers, 1, "and rd-1 is rd-2's one peer");
  t.equal(one.analysis.stale, false);
  t.same(one.eval_results, [], 'no results name rd-1');
  t.same(one.verification_results, []);
  const other = (await call('GET', `/api/episodes/rd-3${q}`, BOOT)).body;
  t.not(other.analysis.fingerprint, one.analysis.fingerprint, 'positive control: another failure, another fingerprint');
  t.equal(other.analysis.fingerprint_peers, 0);
  t.same(other.eval_results, [{ eval_run_id: 'run-1', baseline_episode_id: 'base-1', metrics: { success_delta: -0.2 } }]);
  t.same(other.verification_results, [{ scenario_id: 'sc-1', status: 'fail', message: 'dropped the part' }]);
  t.equal((await call('GET', `/api/episodes/never-sent${q}`, BOOT)).status, 404);
  t.equal((await call('GET', `/api/traces/never-sent${q}`, BOOT)).status, 404);
});

/** The store's SELECT statements since the process started (ClickHouse's counter, process-wide). */
async function selects(): Promise<number> {
  const rows = await svc.store.rows<{ value: string }>(`SELECT value FROM system.events WHERE event = 'SelectQuery'`);
  return Number(rows[0]?.value ?? 0);
}

/** The fewest statements one call of `f` made, over five tries (a background read may fall in one). */
async function statementsOf(f: () => Promise<unknown>): Promise<number> {
  let fewest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const s0 = await selects();
    const idle = (await selects()) - s0; // the counter's own read
    const s1 = await selects();
    await f();
    fewest = Math.min(fewest, (await selects()) - s1 - idle);
  }
  return fewest;
}

t.test('what one read costs the store: four statements for an analyzed episode, one for a missing one', async (t) => {
  t.equal(await statementsOf(() => call('GET', `/api/episodes/rd-1${q}`, BOOT)), 4, 'analyzed: four statements (five before)');
  t.equal(await statementsOf(() => call('GET', `/api/episodes/never-sent${q}`, BOOT)), 1, 'missing: one');
});
