/**
 * The deploy gate as CI runs it: `faultline verify check` (the committed bin, a child process)
 * against the real service (in this process, so the test can also write a row into its chdb
 * store behind the pipeline's back: the stale-analysis case). Exit 0 when the
 * candidates have no replay_regression or verification_failed finding, 1 when one has (the
 * findings printed), 2 when it cannot tell: not analyzed / pending, not found, another org's,
 * no access, service unreachable. Every "2" is checked next to a candidate the same call judges,
 * so a gate that always answered 2 (or 0) fails here.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { apiCaller, keyMaker, until } from './harness.js';
import { startInProcess } from './in-process.js';

const BIN = fileURLToPath(new URL('../../../apps/faultline/bin/faultline.js', import.meta.url));
const ADMIN = 'verify-admin-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-verify-', {
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_WORKERS: '1',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});

const call = apiCaller(svc.url);

const keyFor = keyMaker(svc.url, ADMIN);
const producer = await keyFor('acme', 'producer');
const member = await keyFor('acme', 'member');
const otherProducer = await keyFor('globex', 'producer');

interface Gate {
  code: number | null;
  stdout: string;
  stderr: string;
}
/** Runs `faultline verify check ARGS` with the env a CI job would set (FAULTLINE_URL/FAULTLINE_API_KEY). */
function gate(args: string[], env: Record<string, string> = {}): Promise<Gate> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'verify', 'check', ...args],
      { env: { PATH: process.env.PATH ?? '', FAULTLINE_URL: svc.url, FAULTLINE_API_KEY: member, ...env }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const finalize = async (key: string, id: string, body: Record<string, unknown>) => {
  const r = await call('POST', `/api/ingest/episode/${id}/finalize`, key, { robot_id: 'r-gate', duration_s: 20, ...body });
  if (r.status !== 202) throw new Error(`finalize ${id}: ${JSON.stringify(r.body)}`);
};
const analyzed = (id: string) =>
  until(`${id} analyzed`, 30_000, async () => (await call('GET', `/api/episodes/${id}`, member)).body?.analysis);

// A failed candidate with nothing blocking, one that failed a verification scenario, a succeeded
// replay candidate that passed its eval run, and one of the same run that regressed.
await finalize(producer, 'cand-ok', { status: 'failed', metadata: { failure_reason: 'RuntimeError: gripper stalled' } });
await finalize(producer, 'cand-verif', { status: 'failed', metadata: { failure_reason: 'RuntimeError: arm drift' } });
await finalize(producer, 'cand-replay-ok', { status: 'succeeded', source: 'replay', metadata: { eval_run_id: 'run-1' } });
await finalize(producer, 'cand-replay-bad', { status: 'succeeded', source: 'replay', metadata: { eval_run_id: 'run-1' } });
await finalize(producer, 'cand-clean-run', { status: 'succeeded', source: 'replay', metadata: { eval_run_id: 'run-2' } });
await analyzed('cand-ok');
await analyzed('cand-verif');
const sent = await call('POST', '/api/ingest/verification-results', producer, [
  { scenario_id: 'sc-pick', candidate_episode_id: 'cand-verif', status: 'fail', message: 'dropped the cup' },
]);
const evals = await call('POST', '/api/ingest/eval-results', producer, [
  { eval_run_id: 'run-1', candidate_episode_id: 'cand-replay-ok', baseline_episode_id: 'b-1', metrics: { success_delta: 0 } },
  { eval_run_id: 'run-1', candidate_episode_id: 'cand-replay-bad', baseline_episode_id: 'b-1', metrics: { success_delta: -1 } },
  { eval_run_id: 'run-2', candidate_episode_id: 'cand-clean-run', baseline_episode_id: 'b-1', metrics: { reward_delta: 0.1 } },
]);
if (sent.status !== 202 || evals.status !== 202) throw new Error(`results: ${JSON.stringify([sent.body, evals.body])}`);
// Wait until the late verification result's re-analysis is stored (the API says fail, not pending).
await until(
  'cand-verif re-analyzed',
  30_000,
  async () => (await call('GET', '/api/verify/episodes/cand-verif', member)).body?.verdict === 'fail',
);
await until(
  'run-1 judged',
  30_000,
  async () => (await call('GET', '/api/verify/eval-runs/run-1', member)).body?.verdict === 'fail',
);

t.test('exit 0: candidates with no blocking finding pass', async (t) => {
  const one = await gate(['--candidate', 'cand-ok']);
  t.equal(one.code, 0, `a failed episode without a gate finding passes (${one.stdout}${one.stderr})`);
  t.match(one.stdout, /PASS cand-ok/);
  const two = await gate(['--candidate', 'cand-ok', '--candidate', 'cand-replay-ok']);
  t.equal(two.code, 0, `two passing candidates, one judged from its eval result (${two.stdout})`);
  const run = await gate(['--eval-run', 'run-2']);
  t.equal(run.code, 0, `an eval run whose candidates all pass (${run.stdout})`);
});

t.test('exit 1: a blocked candidate, its findings printed', async (t) => {
  const verif = await gate(['--candidate', 'cand-verif']);
  t.equal(verif.code, 1, `verification failed blocks (${verif.stdout})`);
  t.match(verif.stdout, /FAIL cand-verif/);
  t.match(verif.stdout, /verification_failed/, 'the finding code is printed');
  t.match(verif.stdout, /sc-pick/, 'the failing scenario is in the printed evidence');
  // Blocked wins over passing and over unknown candidates in the same call.
  const mixed = await gate(['--candidate', 'cand-ok', '--candidate', 'cand-verif', '--candidate', 'never-sent']);
  t.equal(mixed.code, 1, `one blocked among pass and unknown is 1 (${mixed.stdout})`);
  const run = await gate(['--eval-run', 'run-1', '--json']);
  t.equal(run.code, 1, 'an eval run with a regressed candidate blocks');
  const report = JSON.parse(run.stdout);
  t.equal(report.verdict, 'fail');
  t.equal(report.exit_code, 1);
  const byId = Object.fromEntries(
    report.targets[0].candidates.map((c: { candidate_episode_id: string }) => [c.candidate_episode_id, c]),
  );
  t.equal(byId['cand-replay-ok']?.verdict, 'pass', 'the passing candidate of the run passes (positive control)');
  t.equal(byId['cand-replay-bad']?.verdict, 'fail', 'the regressed candidate fails');
  t.same(
    byId['cand-replay-bad']?.findings.map((f: { code: string }) => f.code),
    ['replay_regression'],
    'judged by the replay_regression rule',
  );
});

t.test('exit 2: cannot tell (not found, another org, no access, unreachable, not finalized, pending)', async (t) => {
  // Positive control in the same setup: the same key and service judge cand-ok.
  t.equal((await gate(['--candidate', 'cand-ok'])).code, 0, 'cand-ok passes with this key');

  const missing = await gate(['--candidate', 'never-sent']);
  t.equal(missing.code, 2, `an episode never sent (${missing.stdout})`);
  t.match(missing.stdout, /not found/);
  t.equal((await gate(['--eval-run', 'no-such-run'])).code, 2, 'an eval run never sent');
  t.equal((await gate(['--candidate', 'cand-ok', '--candidate', 'never-sent'])).code, 2, 'a pass and an unknown: 2, not 0');

  // Another org's candidate answers like a missing one.
  await finalize(otherProducer, 'globex-ep', { status: 'failed', metadata: { failure_reason: 'ValueError: x' } });
  const globexMember = await keyFor('globex', 'member');
  await until(
    'globex-ep analyzed',
    30_000,
    async () => (await call('GET', '/api/episodes/globex-ep', globexMember)).body?.analysis,
  );
  t.equal((await gate(['--candidate', 'globex-ep'], { FAULTLINE_API_KEY: globexMember })).code, 0, "globex's own key judges it");
  t.equal((await gate(['--candidate', 'globex-ep'])).code, 2, "acme's key cannot see globex's candidate");

  const badKey = await gate(['--candidate', 'cand-ok'], { FAULTLINE_API_KEY: 'not-a-key-0123456789abcdef' });
  t.equal(badKey.code, 2, 'a wrong key');
  t.match(badKey.stdout, /no access \(HTTP 401/);
  const producerKey = await gate(['--candidate', 'cand-ok', '--api-key', producer]);
  t.equal(producerKey.code, 2, 'a producer key may not read (403)');
  t.match(producerKey.stdout, /HTTP 403/);

  const closed = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
  const down = await gate(['--candidate', 'cand-ok', '--url', `http://127.0.0.1:${closed}`]);
  t.equal(down.code, 2, 'the service unreachable');
  t.match(down.stdout, /unreachable/);

  // A running (not finalized) episode.
  t.equal((await call('POST', '/api/ingest/episode', producer, { episode_id: 'cand-running', robot_id: 'r-gate' })).status, 202);
  await until(
    'cand-running stored',
    30_000,
    async () => (await call('GET', '/api/episodes/cand-running', member)).status === 200,
  );
  const running = await gate(['--candidate', 'cand-running']);
  t.equal(running.code, 2, `a running episode (${running.stdout})`);
  t.match(running.stdout, /still running/);

  // A failed episode stored without its analysis (written behind the pipeline's back): not analyzed yet.
  await svc.store.saveEpisodes([
    { kind: 'episode', org_id: 'acme', episode_id: 'cand-unanalyzed', robot_id: 'r-gate', status: 'failed', metadata: {} },
  ]);
  const unanalyzed = await gate(['--candidate', 'cand-unanalyzed']);
  t.equal(unanalyzed.code, 2, `a failed episode not analyzed yet (${unanalyzed.stdout})`);
  t.match(unanalyzed.stdout, /not analyzed yet/);

  // Usage errors are 2 too, naming what is missing.
  const noUrl = await gate(['--candidate', 'cand-ok'], { FAULTLINE_URL: '' });
  t.equal(noUrl.code, 2);
  t.match(noUrl.stderr, /FAULTLINE_URL/);
  t.equal((await gate([])).code, 2, 'neither --candidate nor --eval-run');
});

t.test('--wait: a replay candidate whose eval result is not stored is pending, then judged', async (t) => {
  await finalize(producer, 'cand-late', { status: 'succeeded', source: 'replay', metadata: { eval_run_id: 'run-late' } });
  await until('cand-late stored', 30_000, async () => (await call('GET', '/api/episodes/cand-late', member)).status === 200);
  const early = await gate(['--candidate', 'cand-late']);
  t.equal(early.code, 2, `its eval result not received: cannot tell (${early.stdout})`);
  t.match(early.stdout, /eval result of run run-late/);
  const waiting = gate(['--candidate', 'cand-late', '--wait', '30']);
  await new Promise((r) => setTimeout(r, 500));
  const late = await call('POST', '/api/ingest/eval-results', producer, [
    { eval_run_id: 'run-late', candidate_episode_id: 'cand-late', metrics: { reward_delta: -0.5 } },
  ]);
  t.equal(late.status, 202);
  const judged = await waiting;
  t.equal(judged.code, 1, `once stored, the regression blocks (${judged.stdout})`);
  t.match(judged.stdout, /replay_regression/);
});

t.test('a failed candidate whose late result is not re-analyzed yet is pending, never a stale pass', async (t) => {
  await finalize(producer, 'cand-stale', { status: 'failed', metadata: { failure_reason: 'RuntimeError: slip' } });
  await analyzed('cand-stale');
  t.equal((await gate(['--candidate', 'cand-stale'])).code, 0, 'before any result: pass (positive control)');
  // A failing verification row stored without its re-analysis (written behind the pipeline's
  // back): the stored analysis is older than the results, so the gate cannot pass it.
  await svc.store.insert('verification_results', [
    {
      org_id: 'acme',
      scenario_id: 'sc-late',
      candidate_episode_id: 'cand-stale',
      status: 'fail',
      message: '',
      received_at: '2026-12-04 00:00:00.000',
      version: 1,
    },
  ]);
  const pending = await gate(['--candidate', 'cand-stale']);
  t.equal(pending.code, 2, `analysis without the stored result: cannot tell (${pending.stdout})`);
  t.match(pending.stdout, /re-analysis is pending/);
  // The same result through ingest: the pipeline re-analyzes, and the gate blocks.
  const r = await call('POST', '/api/ingest/verification-results', producer, [
    { scenario_id: 'sc-late', candidate_episode_id: 'cand-stale', status: 'fail' },
  ]);
  t.equal(r.status, 202);
  const blocked = await gate(['--candidate', 'cand-stale', '--wait', '30']);
  t.equal(blocked.code, 1, `after the re-analysis: blocked (${blocked.stdout})`);
});
