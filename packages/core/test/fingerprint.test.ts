/**
 * One failure, one fingerprint: the same failure on two robots or in two traces groups
 * together whatever numbers, ids, paths, hosts, addresses or timestamps it carries, and two
 * different failures never share a fingerprint.
 */
import t from 'tap';
import {
  analyzeEpisode,
  analyzeLog,
  analyzeTrace,
  DEFAULT_RULE_CONFIG,
  type EpisodeContext,
  type EpisodeRecord,
  fingerprintOf,
  type LogRecord,
  normalizeMessage,
  signature,
  type TraceRecord,
} from '../src/index.js';

const HEX16 = /^[0-9a-f]{16}$/;

t.test('a fingerprint is 16 hex characters and stable across releases', async (t) => {
  const fp = fingerprintOf(signature('KeyError', "'OPENAI_API_KEY'"));
  t.match(fp, HEX16);
  // Computed once: sha256("keyerror|'OPENAI_API_KEY'")[0:16]. A change here regroups every stored failure.
  t.equal(fp, 'd9e242ebe0f6fc2a');
  t.equal(signature('KeyError', "'OPENAI_API_KEY'"), "keyerror|'OPENAI_API_KEY'");
  t.equal(fingerprintOf('valueerror|expected <n> items, got <n> at <path> line <n>'), '96e9e79ce6f5def0');
  t.equal(fingerprintOf('x|y'), fingerprintOf('x|y'), 'deterministic');
});

t.test('the signature is the error type plus the message template', async (t) => {
  t.equal(
    signature('ValueError', 'expected 3 items, got 7 at /home/u/x.py line 42'),
    'valueerror|expected <n> items, got <n> at <path> line <n>',
  );
  t.equal(
    signature(' ConnectionRefusedError ', 'Connection refused to 10.0.3.17:5432 (db-7.internal) at 2026-11-01T10:00:03.123Z'),
    'connectionrefusederror|Connection refused to <ip> (<host>) at <ts>',
  );
  t.equal(
    normalizeMessage('episode 3f2b8c1e-9a7d-4e6f-8b5a-1c2d3e4f5a6b   failed\nafter 0x7ffde2a3'),
    'episode <uuid> failed after <hex>',
  );
  t.equal(normalizeMessage('see https://api.example.com/v1/x?id=7 or ops@example.com'), 'see <url> or <email>');
  t.ok(normalizeMessage('x'.repeat(10_000)).length <= 400, 'a huge message gives a bounded template');
});

/** Pairs of messages of the same failure, seen on two robots / in two runs. */
const SAME: [string, string, string][] = [
  [
    'FileNotFoundError',
    "[Errno 2] No such file or directory: '/data/robot-7/episodes/2026-11-01/ep_1234.npz'",
    "[Errno 2] No such file or directory: '/mnt/fleet/r12/episodes/2026-12-24/ep_98.npz'",
  ],
  [
    'ConnectionRefusedError',
    'Connection refused to 10.0.3.17:5432 (db-7.internal) at 2026-11-01T10:00:03.123Z',
    'Connection refused to 172.16.0.2:6543 (db-12.internal) at 2026-12-24 23:59:59',
  ],
  [
    'RuntimeError',
    'episode 3f2b8c1e-9a7d-4e6f-8b5a-1c2d3e4f5a6b failed after 41.5s on robot r-7 (request id 9fe2a7c4b1d8)',
    'episode 0a1b2c3d-4e5f-6789-abcd-ef0123456789 failed after 3s on robot r-12 (request id 0c4d7e1f2a3b)',
  ],
  [
    'TimeoutError',
    'upload of s3://fleet-bucket/r-7/ep-1.npz to storage.googleapis.com timed out after 30000 ms',
    'upload of s3://fleet-bucket/r-12/ep-88.npz to storage.googleapis.com timed out after 120000 ms',
  ],
];

t.test('signature + fingerprintOf: the same failure with different details → one fingerprint', async (t) => {
  for (const [type, a, b] of SAME) {
    t.equal(fingerprintOf(signature(type, a)), fingerprintOf(signature(type, b)), `${type}: ${a.slice(0, 40)}…`);
  }
});

t.test('signature + fingerprintOf: different failures → different fingerprints', async (t) => {
  const fps = [
    signature('KeyError', "'OPENAI_API_KEY'"),
    signature('ValueError', "'OPENAI_API_KEY'"),
    signature('FileNotFoundError', "[Errno 2] No such file or directory: '/data/a.npz'"),
    signature('FileNotFoundError', "Permission denied: '/data/a.npz'"),
    signature('ConnectionRefusedError', 'Connection refused to 10.0.3.17:5432'),
    signature('ConnectionRefusedError', 'Connection reset by peer 10.0.3.17:5432'),
  ].map(fingerprintOf);
  t.equal(new Set(fps).size, fps.length, 'all distinct');
});

// ───────────── end to end ─────────────

const log = (id: string, logs: string, error_message = ''): LogRecord => ({
  kind: 'log',
  log_id: id,
  org_id: 'acme',
  timestamp: '2026-11-01T10:00:00Z',
  error_message,
  logs,
});

const failingLog = (robot: string, run: string, ip: string, when: string, n: number) =>
  [
    `${when} INFO starting run ${run} on ${robot}.fleet.internal (${ip})`,
    `${when} INFO loaded ${n} episodes from /mnt/${robot}/data/${run}`,
    'Traceback (most recent call last):',
    `  File "/home/${robot}/train.py", line ${n % 300}, in <module>`,
    `    loader = open_shard("/mnt/${robot}/data/${run}/shard-${n}.npz")`,
    `FileNotFoundError: [Errno 2] No such file or directory: '/mnt/${robot}/data/${run}/shard-${n}.npz'`,
  ].join('\n');

t.test('analyzeLog: the same failure on two robots → the same fingerprint', async (t) => {
  const a = analyzeLog(
    log('l-1', failingLog('r-7', '3f2b8c1e-9a7d-4e6f-8b5a-1c2d3e4f5a6b', '10.0.3.17', '2026-11-01T10:00:00Z', 12)),
  );
  const b = analyzeLog(
    log('l-2', failingLog('r-12', '0a1b2c3d-4e5f-6789-abcd-ef0123456789', '192.168.7.4', '2026-12-24 23:59:59', 731)),
  );
  t.match(a.fingerprint, HEX16);
  t.equal(a.fingerprint, b.fingerprint);
  t.equal(a.signature, b.signature);
  t.equal(a.fingerprint, fingerprintOf(a.signature), 'the fingerprint is the hash of the stored signature');

  // IPv6, emails and secrets differ too: they are redacted before the signature is taken.
  const c = analyzeLog(
    log(
      'l-3',
      '',
      'ConnectionError: cannot reach [2001:db8::7]:443 as ops@example.com with key sk-proj-AAAAAAAAAAAAAAAAAAAAAAAA',
    ),
  );
  const d = analyzeLog(
    log(
      'l-4',
      '',
      'ConnectionError: cannot reach [fe80::1ff:fe23:4567:890a]:8443 as dev@robots.io with key sk-proj-BBBBBBBBBBBBBBBBBBBBBBBB',
    ),
  );
  t.equal(c.fingerprint, d.fingerprint, 'IPv6 / email / key variants');
  t.notMatch(c.signature, /2001|example\.com|sk-proj/, 'nothing secret in the signature');
});

t.test('analyzeLog: different failures → different fingerprints', async (t) => {
  const base = analyzeLog(log('l-1', failingLog('r-7', 'run-1', '10.0.0.1', '2026-11-01T10:00:00Z', 12)));
  const otherType = analyzeLog(
    log(
      'l-2',
      failingLog('r-7', 'run-1', '10.0.0.1', '2026-11-01T10:00:00Z', 12).replace('FileNotFoundError', 'PermissionError'),
    ),
  );
  const otherTemplate = analyzeLog(log('l-3', '', "ModuleNotFoundError: No module named 'torchvision'"));
  const otherTemplate2 = analyzeLog(log('l-4', '', 'ModuleNotFoundError: module loader crashed while scanning plugins'));
  const fps = [base, otherType, otherTemplate, otherTemplate2].map((a) => a.fingerprint);
  t.equal(new Set(fps).size, 4, fps.join(', '));
});

const trace = (id: string, message: string, extra: { model?: string; span?: string; ts?: string } = {}): TraceRecord => ({
  kind: 'trace',
  trace_id: id,
  timestamp: extra.ts ?? '2026-11-01T10:00:00Z',
  org_id: 'acme',
  service: 'support-agent',
  spans: [
    { span_id: `${id}-root`, parent_span_id: null, name: 'agent.run', status: { code: 'ERROR', message: 'agent failed' } },
    {
      span_id: extra.span ?? `${id}-llm`,
      parent_span_id: `${id}-root`,
      name: 'llm.chat',
      start_time: extra.ts ?? '2026-11-01T10:00:00Z',
      end_time: extra.ts ?? '2026-11-01T10:00:01Z',
      status: { code: 'ERROR', message },
      attributes: { 'gen_ai.request.model': extra.model ?? 'gpt-4o' },
      events: [
        {
          name: 'exception',
          attributes: {
            'exception.type': 'openai.RateLimitError',
            'exception.message': message,
            'exception.stacktrace': `Traceback (most recent call last):\n  File "/srv/${id}/agent.py", line 88\nopenai.RateLimitError: ${message}`,
          },
        },
      ],
    },
  ],
});

const rateLimit = (used: number, wait: string, req: string) =>
  `Error code: 429 - Rate limit reached for gpt-4o in organization org-Abc123 on tokens per min (TPM): Limit 30000, Used ${used}, Requested 1200. Please try again in ${wait}. (request id ${req})`;

t.test('analyzeTrace: the same failure in two traces → the same fingerprint', async (t) => {
  const a = analyzeTrace(trace('t-1', rateLimit(29950, '2.4s', 'req_7f3a9c1d2e4b5a6f'), { span: 'a1b2c3d4' }));
  const b = analyzeTrace(
    trace('t-2', rateLimit(29001, '380ms', 'req_0e9d8c7b6a5f4e3d'), { span: 'ffee0011', ts: '2026-12-24T23:59:59Z' }),
  );
  t.match(a.fingerprint, HEX16);
  t.equal(a.fingerprint, b.fingerprint);
  t.equal(a.signature, b.signature);

  const c = analyzeTrace(trace('t-3', 'Error code: 401 - Incorrect API key provided'));
  t.not(c.fingerprint, a.fingerprint, 'another failure, another fingerprint');
  const d = analyzeTrace(trace('t-4', 'Error code: 429 - You exceeded your current quota, please check your plan'));
  t.not(d.fingerprint, a.fingerprint, 'same type, another message template');
});

const episodeCtx = (episode: Partial<EpisodeRecord>): EpisodeContext => ({
  episode: {
    kind: 'episode',
    episode_id: 'ep-1',
    org_id: 'acme',
    robot_id: 'r-7',
    source: 'live',
    status: 'failed',
    ...episode,
  },
  successfulDurations: [],
  evalResults: [],
  verificationResults: [],
  config: { ...DEFAULT_RULE_CONFIG },
});

const crash = (robot: string, n: number, ip: string) =>
  [
    'Traceback (most recent call last):',
    `  File "/opt/${robot}/policy/rollout.py", line ${n}, in step`,
    '    arm.move_to(target)',
    `ConnectionResetError: [Errno 104] Connection reset by peer while talking to arm controller at ${ip}:${9000 + n} (joint ${n % 7})`,
  ].join('\n');

t.test('analyzeEpisode: the same failure on two robots → the same fingerprint', async (t) => {
  const a = analyzeEpisode(
    episodeCtx({ episode_id: 'ep-1', robot_id: 'r-7', metadata: { failure_reason: crash('r-7', 12, '10.0.0.7') } }),
  );
  const b = analyzeEpisode(
    episodeCtx({ episode_id: 'ep-2', robot_id: 'r-12', metadata: { failure_reason: crash('r-12', 345, '10.0.1.12') } }),
  );
  t.equal(a.findings[0]?.code, 'failure_reason_in_metadata');
  t.match(a.fingerprint, HEX16);
  t.equal(a.fingerprint, b.fingerprint);

  const lowA = analyzeEpisode(episodeCtx({ robot_id: 'r-7', metadata: { typed: [{ type: 'Battery', percent: 12 }] } }));
  const lowB = analyzeEpisode(episodeCtx({ robot_id: 'r-9', metadata: { typed: [{ type: 'Battery', percent: 3.5 }] } }));
  t.equal(lowA.fingerprint, lowB.fingerprint, 'battery low at 12% and 3.5%: one failure');
});

t.test('analyzeEpisode: different failures → different fingerprints', async (t) => {
  const outcome = (reason: string) =>
    analyzeEpisode(episodeCtx({ metadata: { typed: [{ type: 'EpisodeOutcome', success: false, reason }] } })).fingerprint;
  const fps = [
    analyzeEpisode(episodeCtx({ metadata: { failure_reason: crash('r-7', 12, '10.0.0.7') } })).fingerprint,
    analyzeEpisode(
      episodeCtx({
        metadata: { failure_reason: crash('r-7', 12, '10.0.0.7').replace('ConnectionResetError', 'BrokenPipeError') },
      }),
    ).fingerprint,
    analyzeEpisode(episodeCtx({ metadata: { typed: [{ type: 'Battery', percent: 12 }] } })).fingerprint,
    analyzeEpisode(episodeCtx({ metadata: { terminated: false, truncated: true } })).fingerprint,
    analyzeEpisode(episodeCtx({})).fingerprint,
    outcome('cup not in bin'),
    outcome('gripper dropped the cup'),
  ];
  t.equal(new Set(fps).size, fps.length, fps.join(', '));
  t.equal(outcome('cup 3 not in bin 12'), outcome('cup 7 not in bin 4'), 'numbers in the reason do not split a failure');
});

t.test('masks that need a digit are skipped on a text without one, the others still apply', async (t) => {
  t.equal(
    normalizeMessage(
      'lost abcdefab-abcd-abcd-abcd-abcdefabcdef at /srv/app/main.py via https://api.example.com/v and db.internal',
    ),
    'lost <uuid> at <path> via <url> and <host>',
    'no digit: the uuid, path, url and host masks',
  );
  t.equal(normalizeMessage('cannot  reach\tthe   arm'), 'cannot reach the arm', 'no digit, no mask: whitespace only');
  t.equal(
    normalizeMessage(
      'lost abcdefab-abcd-abcd-abcd-abcdefabcdef on robot-7 after 2.5s at 10.0.0.2 (deadbeef42) 2026-11-01T10:00:03Z x 3',
    ),
    'lost <uuid> on <id> after <dur> at <ip> (<id>) <ts> x <n>',
    'digits: every mask',
  );
});

t.test('sha256Hex: the one-shot hash and a Hash object give the same digest', async (t) => {
  const { sha256Hex } = await import('../src/fingerprint.js');
  t.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'the empty text');
  for (const text of ['', 'keyerror|x', 'ünïcödé|余额不足', 'lone \ud800 surrogate', 'x'.repeat(100_000)]) {
    t.equal(sha256Hex(text), sha256Hex(text, null), `${JSON.stringify(text.slice(0, 30))}: one-shot = Hash object`);
  }
});
