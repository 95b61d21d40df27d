/** The offline CLI of contract.md, run as a user runs it: a child process on a JSONL file. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-test-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [main, ...args], { input, encoding: 'utf8', env: { ...process.env, FAULTLINE_WORKERS: '2' } });

const lines = [
  JSON.stringify({
    kind: 'episode',
    episode_id: 'ep-ok-1',
    org_id: 'acme',
    robot_id: 'r-7',
    source: 'live',
    status: 'succeeded',
    duration_s: 80,
  }),
  JSON.stringify({
    kind: 'episode',
    episode_id: 'ep-1',
    org_id: 'acme',
    robot_id: 'r-7',
    source: 'replay',
    status: 'failed',
    started_at: '2026-11-01T10:00:00Z',
    duration_s: 41.5,
    metadata: {
      typed: [
        { type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' },
        { type: 'Battery', percent: 12.5 },
      ],
      failure_reason: 'Traceback (most recent call last):\n  File "run.py", line 9, in <module>\nKeyError: \'ROBOT_API_TOKEN\'',
      adapter_upload_error: { adapter: 'ros2', message: 'PUT https://bucket.example.com/ep-1.npz 503' },
      terminated: false,
      truncated: true,
      eval_run_id: 'ev-12',
    },
  }),
  '{"kind": "episode", "episode_id": ',
  '',
  JSON.stringify({
    kind: 'eval_result',
    eval_run_id: 'ev-12',
    baseline_episode_id: 'b-1',
    candidate_episode_id: 'ep-1',
    org_id: 'acme',
    metrics: { success_delta: -1.0, reward_delta: -0.42 },
  }),
  JSON.stringify({
    kind: 'verification_result',
    org_id: 'acme',
    scenario_id: 'sc-pick-place',
    candidate_episode_id: 'ep-1',
    status: 'fail',
  }),
  JSON.stringify({
    kind: 'trace',
    trace_id: 't-9',
    timestamp: '2026-11-01T10:00:00Z',
    org_id: 'acme',
    service: 'support-agent',
    spans: [
      { span_id: 's0', parent_span_id: null, name: 'agent.run', status: { code: 'ERROR', message: 'failed' } },
      {
        span_id: 's1',
        parent_span_id: 's0',
        name: 'llm.chat',
        status: { code: 'ERROR', message: 'rate limited' },
        attributes: { 'gen_ai.request.model': 'gpt-4o' },
        events: [
          {
            name: 'exception',
            attributes: {
              'exception.type': 'openai.RateLimitError',
              'exception.message':
                "Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o on tokens per min (TPM)'}}",
            },
          },
        ],
      },
    ],
  }),
  JSON.stringify({ kind: 'trace', timestamp: '2026-11-01T10:00:00Z', spans: [] }),
  JSON.stringify({
    kind: 'log',
    log_id: 'exp-1234',
    org_id: 'acme',
    timestamp: '2026-11-01T10:00:00Z',
    experiment_type: 'llm_generated_code',
    error_message: 'Forbidden import from: torchvision',
    logs: 'validating generated code\n',
  }),
  JSON.stringify({ kind: 'log', log_id: 'exp-empty', error_message: '', logs: '' }),
  JSON.stringify({ kind: 'mystery' }),
  '[1, 2, 3]',
];
const file = join(dir, 'mixed.jsonl');
writeFileSync(file, `${lines.join('\n')}\n`);

t.test('one output line per input line, in order, exit 0, on a file mixing every kind and malformed lines', async (t) => {
  const r = run(['analyze', file, '--quiet']);
  t.equal(r.status, 0, r.stderr);
  const out = r.stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.equal(out.length, lines.length);
  t.same(
    out.map((o) => o.line),
    lines.map((_, i) => i + 1),
  );
  t.same(
    out.map((o) => o.status),
    [
      'accepted',
      'analyzed',
      'rejected',
      'rejected',
      'accepted',
      'accepted',
      'analyzed',
      'rejected',
      'analyzed',
      'rejected',
      'rejected',
      'rejected',
    ],
  );
  for (const o of out.filter((o) => o.status === 'rejected')) t.type(o.error, 'string', `line ${o.line} says why`);
  t.match(out[7].error, /trace_id/);

  const ep = out[1].analysis;
  const codes = ep.findings.map((f: { code: string }) => f.code);
  t.same(codes.slice(0, 3).sort(), ['adapter_upload_error', 'explicit_outcome', 'failure_reason_in_metadata'].sort());
  t.ok(codes.includes('battery_low') && codes.includes('gymnasium_truncated'));
  const bands = ep.findings.map((f: { confidence_band: string }) => f.confidence_band);
  t.same(
    bands,
    [...bands].sort((a: string, b: string) => ['high', 'medium', 'low'].indexOf(a) - ['high', 'medium', 'low'].indexOf(b)),
  );
  const reason = ep.findings.find((f: { code: string }) => f.code === 'failure_reason_in_metadata');
  t.equal(reason.category, 'config_error');
  t.equal(reason.contributing_factor, 'missing_env_var');

  // The late eval and verification results re-run ep-1's analysis.
  t.same(out[4].reanalyzed, ['ep-1']);
  t.same(out[5].reanalyzed, ['ep-1']);

  // The trace: its extracted pattern is a provider rate limit, and the primary (first) finding is
  // that pattern's, ahead of the generic unhandled-exception finding the same trace also yields.
  const trace = out[6].analysis;
  t.equal(trace.pattern.category, 'rate_limit');
  t.equal(trace.pattern.contributing_factor, 'provider_rate_limit');
  t.equal(trace.findings[0].code, 'rate.limit', 'the primary finding is the rate-limit pattern');
  t.same(
    [trace.findings[0].category, trace.findings[0].contributing_factor, trace.findings[0].confidence],
    [trace.pattern.category, trace.pattern.contributing_factor, trace.pattern.confidence],
    'and says what the pattern says',
  );
  t.equal(out[8].analysis.pattern.category, 'validation_error');
  t.equal(out[8].analysis.pattern.contributing_factor, 'forbidden_import');
});

t.test('reads standard input with -, from a socket, a shell pipe or a redirect', async (t) => {
  const two = join(dir, 'two.jsonl');
  writeFileSync(two, `${lines[6]}\n${lines[8]}\n`);
  const refs = (stdout: string) =>
    stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).ref);
  const socket = run(['analyze', '-', '--quiet'], `${lines[6]}\n${lines[8]}\n`);
  t.equal(socket.status, 0, socket.stderr);
  t.same(refs(socket.stdout), ['t-9', 'exp-1234']);
  for (const shell of [
    `cat '${two}' | '${process.execPath}' '${main}' analyze - --quiet`,
    `'${process.execPath}' '${main}' analyze - --quiet < '${two}'`,
  ]) {
    const r = spawnSync('/bin/sh', ['-c', shell], { encoding: 'utf8' });
    t.equal(r.status, 0, r.stderr);
    t.same(refs(r.stdout), ['t-9', 'exp-1234'], shell);
  }
});

t.test('a run that cannot proceed exits non-zero with a clear message', async (t) => {
  const r = run(['analyze', join(dir, 'nope.jsonl')]);
  t.not(r.status, 0);
  t.match(r.stderr, /input file not found/);
  const bad = spawnSync(process.execPath, [main, 'analyze', file], {
    encoding: 'utf8',
    env: { ...process.env, FAULTLINE_BUDGET_MS: 'soon' },
  });
  t.not(bad.status, 0);
  t.match(bad.stderr, /FAULTLINE_BUDGET_MS/);
});

t.test('progress goes to stderr for long files, never to stdout', async (t) => {
  const many = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify({ kind: 'log', log_id: `p-${i}`, error_message: 'ECONNREFUSED 127.0.0.1:5432' }),
  ).join('\n');
  const big = join(dir, 'many.jsonl');
  writeFileSync(big, many);
  const r = spawnSync(process.execPath, [main, 'analyze', big, '--progress-ms', '1'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, FAULTLINE_BATCH_SIZE: '100' },
  });
  t.equal(r.status, 0);
  t.equal(r.stdout.trimEnd().split('\n').length, 3000);
  t.match(r.stderr, /3000 lines .*3000 analyzed/);
});

t.test('the temporary store is gone after the run: nothing is left in the temp directory', async (t) => {
  const temp = mkdtempSync(join(dir, 'tmp-'));
  // The input is a named pipe: the run opens its store, then waits for the lines.
  const fifo = join(dir, 'input.fifo');
  t.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  const child = spawn(process.execPath, [main, 'analyze', fifo, '--quiet'], {
    env: { ...process.env, TMPDIR: temp, FAULTLINE_WORKERS: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const stores = () => readdirSync(temp).filter((n) => n.startsWith('faultline-cli-'));
  const until = async (what: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end && !what(); ) await new Promise((r) => setTimeout(r, 50));
    return what();
  };
  // Positive control: while the run is open, its store lives in this temp directory.
  t.ok(await until(() => stores().length === 1, 60_000), 'the run keeps its store in TMPDIR while it runs');
  writeFileSync(fifo, `${lines.join('\n')}\n`);
  t.equal(await exited, 0, 'exit 0');
  t.equal(out.trimEnd().split('\n').length, lines.length, 'one output line per input line');
  t.ok(await until(() => stores().length === 0, 30_000), `removed after the run (left: ${stores().join(', ') || 'none'})`);
});
