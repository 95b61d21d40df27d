/**
 * The trace and log extractors: the failing span, the telling line of a log, the shape of the
 * extracted pattern, redaction of what is stored, the three traps of the seed "Log Analysis",
 * and bounded work on huge input.
 */
import { Worker } from 'node:worker_threads';
import t, { type Test } from 'tap';
import {
  type Analysis,
  analyzeLog,
  analyzeTrace,
  type FailurePattern,
  failingSpan,
  type LogRecord,
  SEVERITIES,
  type Span,
  type SpanEvent,
  type TraceRecord,
  validateAnalysis,
} from '../src/index.js';

const exception = (type: string, message: string, stacktrace?: string): SpanEvent => ({
  name: 'exception',
  attributes: {
    'exception.type': type,
    'exception.message': message,
    ...(stacktrace ? { 'exception.stacktrace': stacktrace } : {}),
  },
});

const trace = (spans: Span[] | undefined, extra: Partial<TraceRecord> = {}): TraceRecord => ({
  kind: 'trace',
  trace_id: 't-9',
  timestamp: '2026-11-01T10:00:00Z',
  org_id: 'acme',
  service: 'support-agent',
  ...(spans ? { spans } : {}),
  ...extra,
});

const log = (error_message: string, logs: string, extra: Partial<LogRecord> = {}): LogRecord => ({
  kind: 'log',
  log_id: 'exp-1234',
  org_id: 'acme',
  timestamp: '2026-11-01T10:00:00Z',
  error_message,
  logs,
  ...extra,
});

function patternOf(a: Analysis): FailurePattern {
  if (!a.pattern) throw new Error('no pattern');
  return a.pattern;
}

const signal = (p: FailurePattern, name: string) => p.evidence.signals.find((s) => s.name === name)?.value;
const label = (a: Analysis) => `${a.pattern?.category}/${a.pattern?.contributing_factor}`;

// ───────────── traces ─────────────

/** An agent whose LLM call hit a rate limit; the error propagates up through the tool and the agent. */
const nested: Span[] = [
  {
    span_id: 'root',
    parent_span_id: null,
    name: 'agent.run',
    end_time: '2026-11-01T10:00:09Z',
    status: { code: 'ERROR', message: 'agent stopped' },
    events: [exception('RuntimeError', 'Agent stopped: tool call failed')],
  },
  {
    span_id: 'ok',
    parent_span_id: 'root',
    name: 'retriever.search',
    end_time: '2026-11-01T10:00:01Z',
    status: { code: 'OK' },
  },
  {
    span_id: 'leaf',
    parent_span_id: 'mid',
    name: 'llm.chat',
    end_time: '2026-11-01T10:00:07Z',
    status: { code: 'ERROR' },
    attributes: { 'gen_ai.request.model': 'gpt-4o', 'gen_ai.system': 'openai' },
    events: [exception('openai.RateLimitError', 'Error code: 429 - Rate limit reached for gpt-4o on tokens per min (TPM)')],
  },
  {
    span_id: 'mid',
    parent_span_id: 'root',
    name: 'tool.answer',
    end_time: '2026-11-01T10:00:08Z',
    status: { code: 'ERROR' },
    events: [exception('ToolException', 'answer tool failed')],
  },
];

t.test('analyzeTrace picks the deepest span with an exception, not its failing parents', async (t) => {
  t.equal(failingSpan(nested)?.span_id, 'leaf');
  t.equal(failingSpan([...nested].reverse())?.span_id, 'leaf', 'whatever the order of the spans');
  const p = patternOf(analyzeTrace(trace(nested)));
  t.equal(signal(p, 'failing_span'), 'llm.chat');
  t.equal(signal(p, 'exception_type'), 'openai.RateLimitError');
  t.equal(signal(p, 'model'), 'gpt-4o', "the failing span's model");
  t.equal(signal(p, 'span_count'), 4);
  t.equal(signal(p, 'error_span_count'), 3);
  t.equal(`${p.category}/${p.contributing_factor}`, 'rate_limit/provider_rate_limit', "the leaf's failure, not the agent's");
  t.match(p.summary, /llm\.chat/);
  t.notOk(failingSpan([{ span_id: 'a', status: { code: 'OK' } }]), 'no failing span in a trace that did not fail');
});

// Hostile: thousands of failing spans, each with an exception event (review 20 F8). failingSpan's sort
// once scanned every failing span twice per comparison (10,000 spans: about a minute on a3da370, 50,000
// far more); its keys are now read once per span. The failing span is the one with the
// exception, no failing child, ending first ('c', last in the array), as with 3 spans above.
t.test('failingSpan and analyzeTrace over 10,000 and 50,000 failing spans are bounded', async (t) => {
  const warning = 'ik.py:87: RuntimeWarning: invalid value encountered in arccos\n';
  const events = [exception('RuntimeWarning', 'invalid value encountered in arccos\n'.repeat(50), warning.repeat(20))];
  for (const n of [10_000, 50_000]) {
    const spans: Span[] = [{ span_id: 'r', parent_span_id: null, name: 'run', status: { code: 'ERROR' }, events }];
    for (let i = 0; i < n; i++) {
      const status = { code: 'ERROR', message: 'RuntimeWarning: invalid value encountered in arccos' };
      // End times in no order (a permutation of 10…n+9), so the sort compares n log n times.
      spans.push({ span_id: `s${i}`, parent_span_id: 'r', name: `s${i}`, status, end_time: ((i * 7919) % n) + 10, events });
    }
    spans.push({ span_id: 'c', parent_span_id: 'r', name: 'c', status: { code: 'ERROR' }, end_time: 1, events });
    let start = performance.now();
    t.equal(failingSpan(spans)?.span_id, 'c', `${n} spans: the failing span`);
    const ms = performance.now() - start;
    t.ok(ms < 1000, `${n} spans: failingSpan in ${ms.toFixed(0)} ms`);
    start = performance.now();
    const p = patternOf(analyzeTrace(trace(spans)));
    const total = performance.now() - start;
    t.equal(signal(p, 'failing_span'), 'c', `${n} spans: analyzeTrace's failing span`);
    t.ok(total < 5000, `${n} spans: analyzeTrace in ${total.toFixed(0)} ms`);
  }
});

t.test('analyzeTrace works when exception.message is empty', async (t) => {
  const fromStatus = analyzeTrace(
    trace([
      {
        span_id: 's1',
        name: 'http.request',
        status: { code: 'ERROR', message: 'connect ECONNREFUSED 10.0.0.5:443: connection refused' },
        events: [exception('httpx.ConnectError', '')],
      },
    ]),
  );
  const p = patternOf(fromStatus);
  t.equal(label(fromStatus), 'network_error/connection_refused', 'classified from the status message');
  t.ok(
    p.evidence.excerpts.some((e) => /ECONNREFUSED/.test(e)),
    'the status message is in the evidence',
  );
  t.notMatch(JSON.stringify(fromStatus), /10\.0\.0\.5/, 'its IP redacted');

  const fromStack = analyzeTrace(
    trace([
      {
        span_id: 's1',
        name: 'loader',
        status: { code: 'ERROR' },
        events: [
          {
            name: 'exception',
            attributes: {
              'exception.message': '',
              'exception.stacktrace':
                'Traceback (most recent call last):\n  File "/srv/app.py", line 3, in <module>\n    import langchain_community\nModuleNotFoundError: No module named \'langchain_community\'',
            },
          },
        ],
      },
    ]),
  );
  t.equal(label(fromStack), 'import_error/module_not_found', 'classified from the stack trace');
  t.match(patternOf(fromStack).summary, /No module named 'langchain_community'/, 'the telling line of the stack trace leads');
});

t.test('analyzeTrace lowers confidence for a trace with no spans', async (t) => {
  // A failed span that says nothing: as little text as no spans at all, but the failure is located.
  const silent = patternOf(analyzeTrace(trace([{ span_id: 's1', name: 'step', status: { code: 'ERROR' } }])));
  for (const spans of [[], undefined]) {
    const a = analyzeTrace(trace(spans));
    const p = patternOf(a);
    t.ok(p.confidence < 0.5, `confidence ${p.confidence} < 0.5`);
    t.equal(p.confidence_band, 'low');
    t.match(p.confidence_rationale, /no spans/i, 'the rationale says why');
    t.ok(p.confidence < silent.confidence, `${p.confidence} < ${silent.confidence} of a trace with one silent failed span`);
    t.equal(signal(p, 'span_count'), 0);
    t.ok(validateAnalysis(a).ok, 'still a valid analysis');
  }
});

t.test('analyzeTrace produces a complete, redacted pattern', async (t) => {
  const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  const message = `Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}`;
  const a = analyzeTrace(
    trace([
      {
        span_id: 'root',
        parent_span_id: null,
        name: 'agent.run',
        status: { code: 'ERROR', message: `AuthenticationError: ${message}` },
      },
      {
        span_id: 's1',
        parent_span_id: 'root',
        name: 'llm.chat',
        status: { code: 'ERROR', message },
        attributes: {
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.prompt': 'PATIENT Jane Roe, DOB 1970-01-01, asks about her dosage',
          'gen_ai.completion': 'MODEL SAYS take two',
        },
        events: [
          exception(
            'openai.AuthenticationError',
            message,
            `Traceback (most recent call last):\n  File "/srv/agent/app.py", line 42, in answer\n    resp = client.chat.completions.create(model="gpt-4o", messages=msgs)\nopenai.AuthenticationError: ${message}\nuser jane@example.com on 10.1.2.3`,
          ),
        ],
      },
    ]),
  );
  const p = patternOf(a);
  t.ok(p.title.length > 0, 'title');
  t.equal(p.category, 'auth_error');
  t.equal(p.contributing_factor, 'invalid_credentials');
  t.ok(SEVERITIES.includes(p.severity), 'severity is a taxonomy word');
  t.ok(p.summary.length > 0, 'summary');
  t.ok(p.root_cause_hypothesis.length > 0, 'root cause hypothesis');
  t.ok(p.evidence.signals.length >= 1, 'at least one signal');
  t.ok(p.evidence.excerpts.length >= 1, 'at least one excerpt');
  for (const e of p.evidence.excerpts) t.ok(e.length <= 300, `excerpt of ${e.length} chars ≤ 300`);
  t.ok(p.recommended_actions.length >= 1, 'at least one recommended action');
  t.ok(p.suggested_fix.length > 0, 'suggested fix');
  t.ok(p.confidence >= 0 && p.confidence <= 1, 'confidence in [0, 1]');
  t.ok(p.confidence_rationale.length > 0, 'confidence rationale');
  t.equal(p.subject_ref, 't-9');
  t.equal(a.subject_kind, 'trace');
  t.equal(a.findings[0]?.category, p.category, 'the primary finding is the pattern');
  t.ok(validateAnalysis(a).ok, 'valid against the schema');

  const json = JSON.stringify(a);
  t.notOk(json.includes(key), 'the API key is not stored');
  t.notOk(json.includes('AbCdEfGhIjKlMnOp'), 'not even in part');
  t.notOk(json.includes('jane@example.com'), 'nor the email');
  t.notOk(json.includes('10.1.2.3'), 'nor the IP');
  t.notOk(json.includes('PATIENT') || json.includes('MODEL SAYS'), 'prompts and completions never reach the analysis');
});

// ───────────── logs ─────────────

const trainingNoise = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `2026-11-01 10:${String(i % 60).padStart(2, '0')}:00 INFO epoch ${Math.floor(i / 100)} step ${i} loss=${(1 / (i + 1)).toFixed(4)}`,
  ).join('\n');

t.test('analyzeLog with an empty error_message finds the telling line in the logs', async (t) => {
  const logs = [
    trainingNoise(2000),
    'WARNING: the torch.cuda.amp.GradScaler API is deprecated',
    "ValueError: could not convert string to float: 'n/a' (row skipped)",
    trainingNoise(500),
    'Traceback (most recent call last):',
    '  File "/home/ci/eval.py", line 7, in <module>',
    '    import torchvision',
    "ModuleNotFoundError: No module named 'torchvision'",
    'Process finished with exit code 1',
  ].join('\n');
  t.ok(logs.length > 100_000, 'a long log');
  const a = analyzeLog(log('', logs));
  const p = patternOf(a);
  t.equal(label(a), 'import_error/module_not_found', 'the last exception, not the stray ValueError');
  t.match(p.summary, /No module named 'torchvision'/);
  t.ok(
    p.evidence.excerpts.some((e) => e.includes("No module named 'torchvision'")),
    'the telling line is evidence',
  );
  t.equal(signal(p, 'error_message_given'), false);
  t.equal(signal(p, 'exit_code'), 1);
  t.ok(p.confidence >= 0.5, 'a confident reading');
  t.ok(validateAnalysis(a).ok);
});

t.test('trap: a KeyError on an environment variable is a missing env var, not a key error', async (t) => {
  const traceback = [
    'Traceback (most recent call last):',
    '  File "/app/run_agent.py", line 12, in <module>',
    "    client = OpenAI(api_key=os.environ['OPENAI_API_KEY'])",
    '  File "/usr/lib/python3.11/os.py", line 679, in __getitem__',
    '    raise KeyError(key) from None',
    "KeyError: 'OPENAI_API_KEY'",
  ].join('\n');
  const fromLogs = analyzeLog(log('', `starting agent\n${traceback}`));
  t.equal(label(fromLogs), 'config_error/missing_env_var', 'found in the logs');
  t.match(patternOf(fromLogs).title, /OPENAI_API_KEY/, 'the title names the variable');
  const fromMessage = analyzeLog(log("KeyError: 'OPENAI_API_KEY'", traceback));
  t.equal(label(fromMessage), 'config_error/missing_env_var', 'given as the error message');
});

t.test('trap: a 429 that says the quota is exhausted is a quota problem, not a rate limit', async (t) => {
  const message =
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}";
  t.equal(label(analyzeLog(log(message, ''))), 'resource_error/quota_exceeded', 'as the error message');
  t.equal(
    label(analyzeLog(log('', `calling gpt-4o\nRetrying request in 2s\n${message}`))),
    'resource_error/quota_exceeded',
    'found in the logs',
  );
});

t.test('trap: a JSONDecodeError after finish_reason=length is a truncated answer, not bad JSON', async (t) => {
  const logs = [
    'POST https://api.openai.com/v1/chat/completions "HTTP/1.1 200 OK"',
    'response: finish_reason=length usage={"prompt_tokens": 812, "completion_tokens": 4096}',
    'Traceback (most recent call last):',
    '  File "/app/extract.py", line 51, in parse',
    '    data = json.loads(resp.choices[0].message.content)',
    'json.decoder.JSONDecodeError: Unterminated string starting at: line 1 column 2915 (char 2914)',
  ].join('\n');
  const a = analyzeLog(log('', logs));
  t.equal(label(a), 'context_overflow/max_tokens_truncated');
  t.match(patternOf(a).summary, /JSONDecodeError/);
});

t.test('a meaningless log is unknown, with low confidence', async (t) => {
  const a = analyzeLog(log('', 'hello\nstarting up\nall good\nbye'));
  const p = patternOf(a);
  t.equal(label(a), 'unknown/unknown');
  t.ok(p.confidence < 0.5, `confidence ${p.confidence} < 0.5`);
  t.equal(p.confidence_band, 'low');
  t.ok(p.recommended_actions.length >= 1, 'still says what to do');
  t.ok(validateAnalysis(a).ok);
});

t.test('analyzeLog redacts what it stores', async (t) => {
  const a = analyzeLog(
    log(
      '',
      [
        'connecting to postgres://etl:Sup3rS3cret@10.20.30.40:5432/warehouse as ops@example.com',
        'Traceback (most recent call last):',
        '  File "/jobs/etl.py", line 9, in <module>',
        'psycopg2.OperationalError: connection to server at "10.20.30.40", port 5432 failed: FATAL: password authentication failed for user "etl" (token ghp_AbCdEfGhIjKlMnOpQrStUvWxYz012345)',
      ].join('\n'),
    ),
  );
  const json = JSON.stringify(a);
  for (const secret of ['Sup3rS3cret', '10.20.30.40', 'ops@example.com', 'ghp_AbCdEfGhIjKl']) {
    t.notOk(json.includes(secret), `${secret} not stored`);
  }
  for (const e of patternOf(a).evidence.excerpts) t.ok(e.length <= 300);
});

// ───────────── bounded work ─────────────

const FIVE_MB = 5 * 1024 * 1024;
/** The analysis of a 5 MB log may cost this many times a plain linear pass over it (measured 0.3-1.3 warm). */
const WORK_RATIO = 50;
/** Below this the ratio is noise (a garbage collection, a loaded machine); runaway work takes seconds. */
const FLOOR_MS = 1000;
/** Runaway work (a regex backtracking over a 5 MB line) fails here instead of hanging the suite. */
const HANG_MS = 60_000;

interface Timed {
  ms: number;
  baselineMs: number;
  label: string;
}

/**
 * Runs analyzeLog in a worker thread, after one small analysis (the library's first call compiles
 * its patterns and loads the model: seconds on a loaded machine, paid once per worker, not per
 * record), beside a raw baseline timed in the same thread on the same text: split into lines, each
 * tested against one case-insensitive alternation, and the whole text lower-cased. The assertion is
 * the ratio, so a slow machine slows both; a hang is cut after HANG_MS.
 */
function analyzeInWorker(record: LogRecord): Promise<Timed | 'timed out'> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.url).then((core) => {
      core.analyzeLog({ ...workerData.record, logs: 'warm-up\\nValueError: x' });
      const text = workerData.record.logs;
      const b0 = performance.now();
      let n = 0;
      for (const line of text.split('\\n')) if (/error|exception|fail|traceback/i.test(line)) n++;
      n += text.toLowerCase().length;
      const baselineMs = performance.now() - b0;
      const t0 = performance.now();
      const a = core.analyzeLog(workerData.record);
      parentPort.postMessage({ ms: performance.now() - t0, baselineMs, n, label: a.pattern.category + '/' + a.pattern.contributing_factor });
    });`;
  const url = new URL('../src/index.js', import.meta.url).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { url, record } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve('timed out');
    }, HANG_MS);
    worker.once('message', (m: Timed) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function assertBounded(t: Test, name: string, result: Timed | 'timed out'): void {
  t.not(result, 'timed out', `${name}: finished within ${HANG_MS} ms`);
  if (result === 'timed out') return;
  const bound = Math.max(WORK_RATIO * result.baselineMs, FLOOR_MS);
  t.ok(
    result.ms < bound,
    `${name}: analyzeLog ${Math.round(result.ms)} ms < ${Math.round(bound)} ms (${WORK_RATIO} x a plain pass, ${result.baselineMs.toFixed(1)} ms, or ${FLOOR_MS} ms)`,
  );
}

t.test('a 5 MB log is analysed in work linear in its size and is still read correctly', async (t) => {
  let logs = trainingNoise(80_000);
  while (logs.length < FIVE_MB) logs += `\n${trainingNoise(10_000)}`;
  logs +=
    '\nTraceback (most recent call last):\n  File "train.py", line 2, in <module>\nModuleNotFoundError: No module named \'torchvision\'';
  t.ok(logs.length >= FIVE_MB);
  const result = await analyzeInWorker(log('', logs));
  assertBounded(t, '5 MB of training output', result);
  if (result !== 'timed out')
    t.equal(result.label, 'import_error/module_not_found', 'the failure at the end of the log is found');
});

t.test('a 5 MB log made of long unbroken runs is analysed in linear work too', async (t) => {
  // Hex dumps and padding: long runs of letters and digits, no spaces, no newlines.
  const cases: [string, string][] = [
    ['one 5 MB hex line', 'deadbeef'.repeat(FIVE_MB / 8)],
    ['one 5 MB line of digits', '0'.repeat(FIVE_MB)],
  ];
  for (const [name, logs] of cases) assertBounded(t, name, await analyzeInWorker(log('', logs)));
});
