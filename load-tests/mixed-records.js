/**
 * A deterministic generator of realistic mixed records (every kind of contract.md, about
 * 1% malformed), shared by the benchmarks. Error texts are shaped like real ones (Python,
 * Node, JVM, Go, CUDA, provider errors, ROS logs) with varying ids, hosts and numbers.
 */
import { Readable } from 'node:stream';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ERRORS = [
  [
    'openai.RateLimitError',
    "Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o in organization org-{id} on tokens per min (TPM): Limit 30000, Used 29{n}, Requested 1{n}.', 'type': 'tokens', 'code': 'rate_limit_exceeded'}}",
  ],
  [
    'openai.RateLimitError',
    "Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota'}}",
  ],
  [
    'openai.BadRequestError',
    "Error code: 400 - {'error': {'message': \"This model's maximum context length is 128000 tokens. However, your messages resulted in 13{n}0 tokens.\", 'code': 'context_length_exceeded'}}",
  ],
  [
    'anthropic.InternalServerError',
    "Error code: 529 - {'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}}",
  ],
  ['KeyError', "'OPENAI_API_KEY'"],
  ['ModuleNotFoundError', "No module named 'torchvision'"],
  [
    'torch.OutOfMemoryError',
    'CUDA out of memory. Tried to allocate {n}.00 MiB (GPU 0; 23.65 GiB total capacity; 21.{n} GiB already allocated)',
  ],
  ['ConnectionRefusedError', '[Errno 111] Connection refused: 10.0.{n}.{n}:5432'],
  ['langgraph.errors.GraphRecursionError', 'Recursion limit of 25 reached without hitting a stop condition.'],
  ['json.decoder.JSONDecodeError', 'Expecting value: line 1 column {n} (char {n})'],
  ['TimeoutError', 'Request to https://api-{id}.example.com/v1/infer timed out after 30000 ms'],
  ['PermissionError', "[Errno 13] Permission denied: '/data/run-{id}/checkpoint.pt'"],
];

const LOG_TAILS = [
  'Traceback (most recent call last):\n  File "/app/train.py", line {n}, in <module>\n    loss.backward()\nRuntimeError: CUDA error: an illegal memory access was encountered',
  'Error: connect ECONNREFUSED 127.0.0.1:{n}\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
  'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays.copyOf(Arrays.java:3332)',
  'panic: runtime error: index out of range [{n}] with length {n}\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:{n} +0x1d',
  '[ERROR] [1700000{n}.123] [motor_controller]: Joint 3 overcurrent fault, drive disabled',
  'Forbidden import from: torchvision; Forbidden attribute: eval',
  'Iteration {n}: loss = nan',
  'Result: 0.{n} is not better than baseline 0.9{n}',
  "OSError: [Errno 28] No space left on device: '/tmp/ckpt-{id}'",
  'step {n} done',
];

const fill = (s, r) =>
  s.replaceAll('{n}', () => String(Math.floor(r() * 1000))).replaceAll('{id}', () => Math.floor(r() * 1e9).toString(36));

/** Yields `count` JSONL lines. Each kind's line is made by its own function; `r` is drawn in the same order as ever. */
export function* mixedRecords(count, seed = 42) {
  const r = rng(seed);
  const robots = Array.from({ length: 200 }, (_, i) => `robot-${i}`);
  for (let i = 0; i < count; i++) {
    const x = r();
    const at = { i, org: `org-${Math.floor(r() * 5)}`, ts: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() };
    if (x < 0.01) yield i % 2 ? '{"kind": "trace", "spans": [' : JSON.stringify({ kind: 'trace', org_id: at.org, spans: [] });
    else if (x < 0.35) yield episode(r, at, robots);
    else if (x < 0.42) yield evalResult(r, at);
    else if (x < 0.48) yield verification(r, at);
    else if (x < 0.75) yield trace(r, at);
    else yield log(r, at);
  }
}

/** A failed episode's metadata: one of the readings the rules look for, or none. */
function failedMetadata(r, i) {
  const metadata = {};
  const y = r();
  if (y < 0.3) metadata.typed = [{ type: 'EpisodeOutcome', success: false, reason: 'object not in bin' }];
  else if (y < 0.45) metadata.typed = [{ type: 'Battery', percent: Math.floor(r() * 30) }];
  else if (y < 0.6)
    metadata.failure_reason = `Traceback (most recent call last):\n  File "rollout.py", line ${i % 300}\n${fill(ERRORS[Math.floor(r() * ERRORS.length)].join(': '), r)}`;
  else if (y < 0.7) metadata.adapter_upload_error = { adapter: 'ros2', message: 'PUT https://bucket.example.com/x.npz 503' };
  else if (y < 0.85) Object.assign(metadata, { terminated: false, truncated: true });
  return metadata;
}

function episode(r, { i, org, ts }, robots) {
  const failed = r() < 0.4;
  const metadata = failed ? failedMetadata(r, i) : {};
  return JSON.stringify({
    kind: 'episode',
    episode_id: `ep-${i}`,
    org_id: org,
    robot_id: robots[Math.floor(r() * robots.length)],
    source: r() < 0.1 ? 'replay' : 'live',
    status: failed ? 'failed' : 'succeeded',
    started_at: ts,
    duration_s: Math.round((failed ? 10 + r() * 80 : 60 + r() * 40) * 10) / 10,
    metadata,
  });
}

function evalResult(r, { i, org }) {
  return JSON.stringify({
    kind: 'eval_result',
    org_id: org,
    eval_run_id: `ev-${i}`,
    baseline_episode_id: `ep-${Math.max(0, i - 50)}`,
    candidate_episode_id: `ep-${Math.max(0, i - 3)}`,
    metrics: { success_delta: r() < 0.3 ? -1 : 0, reward_delta: Math.round((r() - 0.6) * 100) / 100 },
  });
}

function verification(r, { i, org }) {
  return JSON.stringify({
    kind: 'verification_result',
    org_id: org,
    scenario_id: `sc-${Math.floor(r() * 20)}`,
    candidate_episode_id: `ep-${Math.max(0, i - 5)}`,
    status: r() < 0.3 ? 'fail' : 'pass',
  });
}

/** An agent trace whose LLM span failed with one of ERRORS. */
function trace(r, { i, org, ts }) {
  const [type, message] = ERRORS[Math.floor(r() * ERRORS.length)];
  return JSON.stringify({
    kind: 'trace',
    trace_id: `tr-${i}`,
    timestamp: ts,
    org_id: org,
    service: `agent-${Math.floor(r() * 10)}`,
    spans: [
      {
        span_id: 'a',
        parent_span_id: null,
        name: 'agent.run',
        start_time: ts,
        end_time: ts,
        status: { code: 'ERROR', message: 'failed' },
      },
      {
        span_id: 'b',
        parent_span_id: 'a',
        name: 'llm.chat',
        start_time: ts,
        end_time: ts,
        status: { code: 'ERROR', message: '' },
        attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.prompt': 'user question ...' },
        events: [
          {
            name: 'exception',
            attributes: {
              'exception.type': type,
              'exception.message': fill(message, r),
              'exception.stacktrace': `Traceback (most recent call last):\n  File "agent.py", line 12\n${type}: ${fill(message, r)}`,
            },
          },
        ],
      },
    ],
  });
}

/** A training log: progress lines, then one of LOG_TAILS. */
function log(r, { i, org, ts }) {
  const lines = Array.from({ length: 20 + Math.floor(r() * 200) }, (_, j) => `INFO step ${j} loss=${(r() * 2).toFixed(4)}`);
  lines.push(fill(LOG_TAILS[Math.floor(r() * LOG_TAILS.length)], r));
  return JSON.stringify({
    kind: 'log',
    log_id: `log-${i}`,
    org_id: org,
    timestamp: ts,
    experiment_type: 'training',
    error_message: r() < 0.5 ? '' : lines[lines.length - 1].split('\n').pop(),
    logs: lines.join('\n'),
  });
}

/**
 * The lines as the CLI's stdin: a Readable that hands over 256 lines at a time as the pipeline pulls
 * them (nothing read ahead beyond what the stream asks for), `onRead(i, now)` called for each line as
 * it is handed over (cli-replay.js timestamps them), and the input's size in bytes for `stdinBytes`
 * (the CLI's temporary store decides RAM or disk by it, apps/faultline/src/temp-place.ts).
 */
export function linesInput(lines, onRead) {
  let i = 0;
  const stdin = new Readable({
    read() {
      const end = Math.min(lines.length, i + 256);
      let chunk = '';
      const now = onRead ? performance.now() : 0;
      for (; i < end; i++) {
        if (onRead) onRead(i, now);
        chunk += `${lines[i]}\n`;
      }
      this.push(chunk || null);
      if (i >= lines.length) this.push(null);
    },
  });
  return { stdin, bytes: lines.reduce((a, l) => a + Buffer.byteLength(l) + 1, 0) };
}
