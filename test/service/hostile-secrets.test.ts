/**
 * No secret is kept: a corpus of secrets (secrets-corpus.ts, 40+ kinds) placed in every
 * free-text field, metadata key and value (past the nesting limit too) and span attribute of
 * every kind of record, sent to the real embedded service (ingest routes and an uploaded run).
 * Once the analyses are readable (the positive control: findings exist), the store's files,
 * the store's tables (dumped after the service stops), the bus's files, every read answer and
 * /metrics are scanned for each secret and for any 12-character run of it: 0 hits. A marker
 * that is not a secret, sent in the same fields, is found by the same scans (the scans work);
 * prompt text under attribute names off the allow-list is found nowhere. An LLM is configured
 * (a local server): every request sent to it is scanned too.
 *
 * The same runs on Kafka (the schema registry and the broker of deploy/local): there the
 * scan reads every topic's messages (inputs, findings, dead letters) instead of bus files.
 *
 * Ids (episode_id, robot_id, trace_id, …) are kept as sent, so a user can look the record up:
 * a record whose id carries a credential is refused (at ingest, and in an uploaded run, whose
 * error report does not repeat the id), while a sibling in the same batch is accepted.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialIn, HEAD_CHARS, TAIL_CHARS } from '@faultline/core';
import { topicsFor } from '@faultline/kafka';
import { Store } from '@faultline/store';
import { Kafka, logLevel } from 'kafkajs';
import t, { type Test } from 'tap';
import { GPU_OOM_ANSWER, startService, until } from './harness.js';
import { SECRETS } from './secrets-corpus.js';

const ADMIN = 'hostile-secrets-admin-0123456789';
const ORG = 'hostile-secrets';
const dirs: string[] = [];
t.teardown(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Not a secret: must be found wherever the scans look (stored, published, answered). */
const MARK = `FLMARKER${randomBytes(6).toString('hex')}`;
/** Prompt and tool content: must be found nowhere (attributes off the allow-list are dropped). */
const PROMPT = `PROMPTCANARY${randomBytes(6).toString('hex')} my patient Jane Roe has condition X`;
const CONTENT_ATTRIBUTES = [
  'gen_ai.prompt',
  'gen_ai.completion',
  'gen_ai.input.messages',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  'llm.prompt_template.variables',
  'llm.input_messages.0.message.content',
  'input.value',
  'output.value',
  'tool.parameters',
  'mlflow.spanInputs',
  'mlflow.spanOutputs',
  'user.custom_note',
];
/** Allowed attributes that carry text: kept, so redacted. */
const TEXT_ATTRIBUTES = [
  'error.message',
  'otel.status_description',
  'service.name',
  'gen_ai.request.model',
  'gen_ai.response.id',
];

// ───────────── the scan ─────────────

const WINDOW = 12;
/** Every 12-character run of every needle → the secret's kind. */
const windows = new Map<string, string>();
for (const s of SECRETS) {
  for (const n of s.needles) {
    if (n.length < WINDOW) throw new Error(`${s.kind}: needle ${n} is shorter than ${WINDOW}`);
    for (let i = 0; i + WINDOW <= n.length; i++) windows.set(n.slice(i, i + WINDOW), s.kind);
  }
}
for (let i = 0; i + WINDOW <= PROMPT.length; i++) windows.set(PROMPT.slice(i, i + WINDOW), 'prompt');

interface Hits {
  secrets: Map<string, string>;
  marker: number;
}

/** Kinds whose secret (or a 12-character run of it) occurs in `hay`, with where; and marker count. */
function scan(hay: string, where: string, into: Hits): void {
  for (let i = 0; i + WINDOW <= hay.length; i++) {
    const kind = windows.get(hay.slice(i, i + WINDOW));
    if (kind && !into.secrets.has(kind)) into.secrets.set(kind, `${where}: …${hay.slice(Math.max(0, i - 40), i + 52)}…`);
  }
  into.marker += hay.split(MARK).length - 1;
}
const hits = (): Hits => ({ secrets: new Map(), marker: 0 });

function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(p);
    }
  };
  walk(root);
  return out;
}

function scanFiles(root: string, into: Hits): number {
  const files = filesUnder(root);
  for (const f of files) scan(readFileSync(f).toString('latin1'), f.slice(root.length + 1), into);
  return files.length;
}

/**
 * The embedded bus deletes a segment about a second after its records are committed, so its
 * files are watched while records flow: every 100 ms, what was appended to each segment since
 * the last look (append-only files) is scanned. Returns a stop function giving the files seen.
 */
function watchBus(root: string, into: Hits): () => number {
  const seen = new Map<string, number>();
  const look = () => {
    let files: string[] = [];
    try {
      files = filesUnder(root);
    } catch {
      return;
    }
    for (const f of files) {
      try {
        const buf = readFileSync(f);
        const from = seen.get(f) ?? 0;
        if (buf.length <= from) continue;
        // Overlap by one window so a secret across two looks is still seen whole.
        const start = Math.max(0, from - 256);
        const part = buf.subarray(start, buf.length).toString('latin1');
        const before = into.marker;
        scan(part, f.slice(root.length + 1), into);
        // The overlap may count a marker twice: count only markers wholly in the new bytes.
        if (start < from) into.marker = before + (buf.subarray(from).toString('latin1').split(MARK).length - 1);
        seen.set(f, buf.length);
      } catch {
        // deleted between the listing and the read: its records were committed
      }
    }
  };
  const timer = setInterval(look, 100);
  return () => {
    clearInterval(timer);
    look();
    return seen.size;
  };
}

/** Every message of every topic, from the beginning, until none has come for 5 s: keys, headers, values. */
async function scanTopics(brokers: string, topics: readonly string[], into: Hits): Promise<number> {
  const kafka = new Kafka({ clientId: 'faultline-secrets-scan', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `secrets-scan-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  let count = 0;
  let lastAt = Date.now();
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      count++;
      lastAt = Date.now();
      const headers = Object.entries(message.headers ?? {})
        .map(([k, v]) => `${k}=${String(v)}`)
        .join('\n');
      const text = `${message.key?.toString('latin1') ?? ''}\n${headers}\n${message.value?.toString('latin1') ?? ''}`;
      scan(text, `topic ${topic}`, into);
    },
  });
  const started = Date.now();
  while (Date.now() - lastAt < 5_000 && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 250));
  await consumer.disconnect();
  return count;
}

// ───────────── the records ─────────────

const withMark = (text: string) => `${text}\n${MARK}`;
/** `text` nested `levels` deep under "level" keys. */
const nested = (levels: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < levels; i++) v = { level: v };
  return v;
};
/**
 * A log body longer than the stored head+tail, with the secret straddling each cut: the head
 * cut falls in its last third, the tail cut 8 characters into its distinctive part.
 */
function longLog(secret: { text: string; needles: string[] }, text: string): string {
  const total = HEAD_CHARS + TAIL_CHARS + 20_000;
  const filler = (n: number) => 'INFO step ok loss=0.1234\n'.repeat(Math.ceil(n / 25)).slice(0, n);
  const headStart = HEAD_CHARS - Math.floor(secret.text.length / 3);
  const into = Math.max(0, secret.text.indexOf(secret.needles[0] as string)) + 8;
  const tailStart = total - TAIL_CHARS - into;
  const body = `${filler(headStart)}${secret.text}${filler(tailStart - headStart - secret.text.length)}${secret.text}`;
  return `${body}${filler(total - body.length - text.length - 60)}\n${text}\nRuntimeError: job failed\n`;
}

const episodeMetadata = (i: number, text: string) => {
  const s = SECRETS[i] as (typeof SECRETS)[number];
  const needle = s.needles[0] as string;
  return {
    failure_reason: withMark(text),
    typed: [
      { type: 'EpisodeOutcome', success: false, reason: withMark(text) },
      { type: 'Battery', percent: 40, note: text },
    ],
    adapter_upload_error: { adapter: `r2 ${text}`, message: withMark(text) },
    operator: { note: text, list: [text, { inner: text }] },
    [text]: `a secret used as a key ${MARK}`,
    [`${MARK}-key`]: 'the marker as a key',
    password: needle,
    apiToken: needle,
    deep: nested(36, { leaf: text }),
  };
};

function records(i: number) {
  const s = SECRETS[i] as (typeof SECRETS)[number];
  const text = s.text;
  const contentAttrs = Object.fromEntries(CONTENT_ATTRIBUTES.map((a) => [a, `${PROMPT} ${text} ${MARK}`]));
  const textAttrs = Object.fromEntries(TEXT_ATTRIBUTES.map((a) => [a, withMark(text)]));
  return {
    episodeStart: {
      episode_id: `hs-ep-${i}`,
      robot_id: `hs-robot-${i % 3}`,
      org_id: ORG,
      source: 'live',
      started_at: '2026-11-01T10:00:00Z',
      metadata: episodeMetadata(i, text),
    },
    episodeFinal: {
      status: 'failed',
      robot_id: `hs-robot-${i % 3}`,
      org_id: ORG,
      duration_s: 12,
      ended_at: '2026-11-01T10:05:00Z',
      metadata: { ...episodeMetadata(i, text), terminated: true },
    },
    evalResult: {
      eval_run_id: `hs-eval-${i}`,
      org_id: ORG,
      baseline_episode_id: `hs-base-${i}`,
      candidate_episode_id: `hs-ep-${i}`,
      metrics: { success_delta: -0.4, reward_delta: -1, note: withMark(text), [text]: 1, deep: nested(36, text) },
    },
    verification: {
      scenario_id: `hs-scn-${i}`,
      org_id: ORG,
      candidate_episode_id: `hs-ep-${i}`,
      status: 'fail',
      message: withMark(text),
    },
    trace: {
      trace_id: `hs-tr-${i}`,
      org_id: ORG,
      timestamp: '2026-11-01T10:00:00Z',
      // The field holds 256 characters: the longest secrets are left out of it.
      service: text.length <= 200 ? `svc ${text} ${MARK}` : `svc ${MARK}`,
      spans: [
        {
          span_id: 'root',
          parent_span_id: null,
          name: `agent.run ${text}`,
          start_time: '2026-11-01T10:00:00Z',
          end_time: '2026-11-01T10:00:02Z',
          status: { code: 'ERROR', message: withMark(text) },
          attributes: { ...contentAttrs, 'gen_ai.system': 'openai', 'gen_ai.usage.input_tokens': 812 },
        },
        {
          span_id: 'call',
          parent_span_id: 'root',
          name: `llm.call ${text}`,
          start_time: '2026-11-01T10:00:00Z',
          end_time: '2026-11-01T10:00:01Z',
          status: { code: 'ERROR', message: withMark(text) },
          attributes: { ...contentAttrs, ...textAttrs, 'http.status_code': 401, nested: { value: text } },
          events: [
            {
              name: `exception ${text}`,
              attributes: {
                'exception.type': 'openai.AuthenticationError',
                'exception.message': withMark(text),
                'exception.stacktrace': `Traceback (most recent call last):\n  File "/srv/app.py", line 9, in call\n${text}\nopenai.AuthenticationError: ${text}\n${MARK}`,
                ...contentAttrs,
              },
            },
          ],
          input: { prompt: PROMPT },
        },
      ],
      input: PROMPT,
    },
    log: {
      log_id: `hs-lg-${i}`,
      org_id: ORG,
      timestamp: '2026-11-01T10:00:00Z',
      experiment_type: text.length <= 200 ? `sweep ${text} ${MARK}` : `sweep ${MARK}`,
      error_message: `RuntimeError: ${withMark(text)}`,
      logs: longLog(s, withMark(text)),
      code_snippet: `client = connect("${text}")  # ${MARK}`,
    },
    runLog: {
      kind: 'log',
      log_id: `hs-run-${i}`,
      org_id: ORG,
      error_message: `ConnectionError: ${withMark(text)}`,
      logs: withMark(text),
      experiment_type: `upload ${MARK}`,
    },
  };
}

// ───────────── the test ─────────────

interface Mode {
  name: string;
  env: Record<string, string>;
  /** Kafka: the broker list and the topics to read back. */
  kafka?: { brokers: string; topics: readonly string[] };
}

/** The raw text of an answer: secrets are looked for in what is sent back, byte for byte. */
type Call = (
  method: string,
  path: string,
  key: string,
  body?: unknown,
  contentType?: string,
) => Promise<{ status: number; text: string }>;
type Records = ReturnType<typeof records>;

/**
 * One mode, in four steps: send every record kind with a secret in every field (and credentials
 * as ids), read everything back once analyzed, scan every output while the service runs (answers,
 * /metrics, its own logs, the prompts, the bus), then stop it and scan the store.
 */
async function scenario(t: Test, mode: Mode) {
  t.ok(SECRETS.length >= 30, `${SECRETS.length} kinds of secret in the corpus`);
  const dir = mkdtempSync(join(tmpdir(), `faultline-secrets-${mode.name}-`));
  dirs.push(dir);
  // An LLM is configured (a local OpenAI-compatible server): what is sent to it leaves the
  // machine, so every prompt is scanned too.
  const prompts: string[] = [];
  const llm = await fakeLlm(prompts);
  const svc = await startService('start', {
    ...mode.env,
    FAULTLINE_DATA_DIR: dir,
    FAULTLINE_ADMIN_KEY: ADMIN,
    FAULTLINE_WORKERS: '1',
    // Request logs on: the service's own output (what a log collector keeps) is scanned too.
    FAULTLINE_LOG_LEVEL: 'info',
    FAULTLINE_LLM_PROVIDER: 'openai',
    FAULTLINE_LLM_MODEL: 'local-model',
    FAULTLINE_LLM_BASE_URL: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
  });
  let stopped = false;
  t.teardown(async () => {
    if (!stopped) await svc.stop();
    llm.close();
  });
  const call = textCaller(svc.url);
  const made = await call('POST', '/api/admin/keys', ADMIN, { org_id: ORG, role: 'admin' });
  t.equal(made.status, 201, 'an admin key for the org');
  const key = JSON.parse(made.text).key as string;

  // 1. Send everything (the bus's files are watched from now on: committed segments are deleted).
  const busHits = hits();
  const stopWatching = mode.kafka ? () => 0 : watchBus(join(dir, 'bus'), busHits);
  const all = SECRETS.map((_, i) => records(i));
  const { asIds, runId } = await sendEverything(t, call, key, all);

  // 2. Wait until every subject is analyzed (the positive control that the records went through), read everything.
  const answers = await readEverything(t, call, key, all, runId);
  await readNamingCredentials(t, call, key, asIds);
  const metricsText = await (await fetch(`${svc.url}/metrics`)).text();
  t.match(metricsText, /faultline_/, 'metrics answered');

  // 3. Scan the answers, /metrics and what was published (the bus's files or the topics).
  scanOutputs(t, { answers, metricsText, serviceOutput: svc.output(), prompts });
  if (mode.kafka) {
    const messages = await scanTopics(mode.kafka.brokers, mode.kafka.topics, busHits);
    t.ok(messages >= all.length * 6, `${messages} messages read back from the topics`);
    t.same([...busHits.secrets.entries()], [], `no secret in the ${messages} messages of the topics`);
    t.ok(busHits.marker > 0, `the marker is in the topics (${busHits.marker} times): the scan sees what was published`);
  } else {
    const busFiles = stopWatching();
    t.same([...busHits.secrets.entries()], [], `no secret in the bus's ${busFiles} segment files, watched while records flowed`);
    t.ok(busHits.marker > 0, `the marker is in the bus's files (${busHits.marker} times): the scan sees what was published`);
  }

  // 4. Stop the service; scan the store's files, then every table's rows.
  await svc.stop();
  stopped = true;
  await scanStore(t, dir);
}

/** A local OpenAI-compatible server that answers every call with GPU_OOM_ANSWER and keeps each request body. */
async function fakeLlm(prompts: string[]): Promise<Server> {
  const llm = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      prompts.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          choices: [{ message: { role: 'assistant', content: JSON.stringify(GPU_OOM_ANSWER) }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1000, completion_tokens: 200 },
        }),
      );
    });
  });
  await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));
  return llm;
}

function textCaller(url: string): Call {
  return async (method, path, key, body, contentType = 'application/json') => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, text };
  };
}

/**
 * Every record of every kind through its ingest route, credentials as ids (refused), and an
 * uploaded run; returns the secrets that were sent as ids and the run's id.
 */
async function sendEverything(
  t: Test,
  call: Call,
  key: string,
  all: Records[],
): Promise<{ asIds: typeof SECRETS; runId: string | undefined }> {
  for (const [i, r] of all.entries()) {
    const start = await call('POST', '/api/ingest/episode', key, r.episodeStart);
    t.equal(start.status, 202, `episode ${i} started`);
    const fin = await call('POST', `/api/ingest/episode/hs-ep-${i}/finalize`, key, r.episodeFinal);
    t.equal(fin.status, 202, `episode ${i} finalized`);
  }
  for (const [path, field] of [
    ['eval-results', 'evalResult'],
    ['verification-results', 'verification'],
    ['traces', 'trace'],
    ['logs', 'log'],
  ] as const) {
    // A few records per request: a batch of ~130 KB logs stays under a Kafka message's size limit.
    let accepted = 0;
    for (let from = 0; from < all.length; from += 4) {
      const batch = all.slice(from, from + 4).map((r) => r[field]);
      const res = await call('POST', `/api/ingest/${path}`, key, batch);
      t.equal(res.status, 202, `${path} from ${from}: accepted${res.status === 202 ? '' : ` (${res.text.slice(0, 200)})`}`);
      accepted += res.status === 202 ? (JSON.parse(res.text).accepted as number) : 0;
    }
    t.equal(accepted, all.length, `${path}: all ${all.length} records accepted`);
  }
  const asIds = await sendCredentialsAsIds(t, call, key);
  const runLines = [...all.map((r) => r.runLog), ...asIds.map((s) => ({ kind: 'log', log_id: s.text, org_id: ORG, logs: 'x' }))];
  const upload = await call('POST', '/api/runs', key, runLines.map((r) => JSON.stringify(r)).join('\n'), 'application/x-ndjson');
  t.ok(upload.status < 300, `an uploaded run is accepted (${upload.status})`);
  return { asIds, runId: JSON.parse(upload.text).run_id ?? JSON.parse(upload.text).id };
}

/**
 * Ids are kept as sent, so an id that carries a credential is refused (at ingest, and in an
 * uploaded run, where the refusal is recorded as an analysis error without the id).
 */
async function sendCredentialsAsIds(t: Test, call: Call, key: string): Promise<typeof SECRETS> {
  const asIds = SECRETS.filter((s) => s.text.length <= 256 && credentialIn(s.text));
  t.ok(asIds.length >= 25, `${asIds.length} credentials used as ids`);
  for (const [i, s] of asIds.entries()) {
    const ep = await call('POST', '/api/ingest/episode', key, { episode_id: s.text, robot_id: `hs-robot-${i}`, org_id: ORG });
    t.equal(ep.status, 400, `episode_id with a ${s.kind}: refused`);
    const lg = await call('POST', '/api/ingest/logs', key, [
      { log_id: s.text, org_id: ORG, error_message: `boom ${MARK}` },
      { log_id: `hs-ok-${i}`, org_id: ORG, robot: s.text, error_message: `RuntimeError: ok ${MARK}` },
    ]);
    t.equal(lg.status, 202, `log_id with a ${s.kind}: the batch is answered`);
    t.same(
      (JSON.parse(lg.text).results as { status: string }[]).map((r) => r.status),
      ['rejected', 'accepted'],
      'the record with it refused, its sibling accepted (positive control)',
    );
  }
  return asIds;
}

/** Every subject once it has findings, then trends, audit and runs: the answers to scan. */
async function readEverything(
  t: Test,
  call: Call,
  key: string,
  all: Records[],
  runId: string | undefined,
): Promise<{ path: string; text: string }[]> {
  const answers: { path: string; text: string }[] = [];
  const read = async (path: string) => {
    const r = await call('GET', path, key);
    answers.push({ path, text: r.text });
    return r;
  };
  const last = all.length - 1;
  for (const path of [`/api/episodes/hs-ep-${last}`, `/api/traces/hs-tr-${last}`, `/api/logs/hs-lg-${last}`]) {
    await until(`${path} analyzed`, 120_000, async () => {
      const r = await call('GET', path, key);
      return r.status === 200 && /"findings":\[\{/.test(r.text);
    });
  }
  let findings = 0;
  for (let i = 0; i < all.length; i++) {
    for (const path of [`/api/episodes/hs-ep-${i}`, `/api/traces/hs-tr-${i}`, `/api/logs/hs-lg-${i}`, `/api/logs/hs-run-${i}`]) {
      const r = await until(`${path} analyzed`, 60_000, async () => {
        const r = await call('GET', path, key);
        return r.status === 200 && /"findings":\[\{/.test(r.text) ? r : null;
      });
      answers.push({ path, text: r.text });
      findings++;
    }
  }
  t.equal(findings, all.length * 4, `every subject has findings (${findings} answers read)`);
  for (const by of ['category', 'contributing_factor', 'severity', 'robot', 'service', 'fingerprint', 'code']) {
    for (const kind of ['episode', 'trace', 'log']) {
      const r = await read(`/api/trends?by=${by}&kind=${kind}&interval=1w&findings=all&from=2026-10-01T00:00:00Z`);
      t.equal(r.status, 200, `trends by ${by} for ${kind}s`);
    }
  }
  t.equal((await read('/api/audit?limit=1000')).status, 200, 'audit');
  t.equal((await read('/api/runs')).status, 200, 'runs');
  if (runId) t.equal((await read(`/api/runs/${runId}`)).status, 200, 'the uploaded run');
  return answers;
}

/** Reads that name a credential in the path or the query: answered (404 / 200), and logged. */
async function readNamingCredentials(t: Test, call: Call, key: string, asIds: typeof SECRETS): Promise<void> {
  for (const s of asIds.slice(0, 10)) {
    const id = encodeURIComponent(s.text);
    t.equal((await call('GET', `/api/logs/${id}`, key)).status, 404, `a read naming a ${s.kind}: not found`);
    await call('GET', `/api/audit?subject_id=${id}`, key);
    await call('POST', `/api/ingest/episode/${id}/finalize`, key, { status: 'failed', robot_id: 'hs-robot-0' });
  }
  await call('GET', `/api/logs/hs-lg-0?note=${MARK}`, key);
}

/** The read answers, /metrics, the service's own output and the prompts: no secret; the marker where it must be. */
function scanOutputs(
  t: Test,
  out: { answers: { path: string; text: string }[]; metricsText: string; serviceOutput: string; prompts: string[] },
): void {
  const answerHits = hits();
  for (const a of out.answers) scan(a.text, a.path, answerHits);
  t.same([...answerHits.secrets.entries()], [], 'no secret in any read answer');
  t.ok(answerHits.marker > 0, `the marker is in the answers (${answerHits.marker} times): the scan sees what is answered`);

  const metricsHits = hits();
  scan(out.metricsText, '/metrics', metricsHits);
  t.same([...metricsHits.secrets.entries()], [], 'no secret in /metrics');

  const outputHits = hits();
  scan(out.serviceOutput, "the service's output", outputHits);
  t.same([...outputHits.secrets.entries()], [], "no secret in the service's own output (its logs)");
  t.ok(outputHits.marker > 0, `the marker is in the service's output (${outputHits.marker} times): requests are logged`);

  const promptHits = hits();
  for (const p of out.prompts) scan(p, 'a request to the LLM', promptHits);
  t.ok(out.prompts.length > 0, `${out.prompts.length} requests reached the LLM`);
  t.same([...promptHits.secrets.entries()], [], 'no secret in what was sent to the LLM');
  t.ok(promptHits.marker > 0, `the marker is in the prompts (${promptHits.marker} times)`);
}

/** The stopped service's data directory, file by file, then every table's rows. */
async function scanStore(t: Test, dir: string): Promise<void> {
  const storeHits = hits();
  const storeFiles = scanFiles(dir, storeHits);
  t.same([...storeHits.secrets.entries()], [], `no secret in the data directory's ${storeFiles} files`);
  t.ok(storeHits.marker > 0, `the marker is in the data files (${storeHits.marker} times)`);

  const store = await Store.open({ dataDir: dir });
  try {
    const tables = await store.rows<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = {db:String} AND engine NOT LIKE '%View%'",
      { db: store.database },
    );
    t.ok(tables.length >= 8, `${tables.length} tables dumped`);
    const rowHits = hits();
    let rows = 0;
    for (const { name } of tables) {
      const dump = await store.rows<Record<string, unknown>>(`SELECT * FROM ${store.database}.${name}`);
      rows += dump.length;
      scan(JSON.stringify(dump), `table ${name}`, rowHits);
    }
    t.same([...rowHits.secrets.entries()], [], `no secret in any of the ${rows} stored rows`);
    t.ok(rowHits.marker > 0, `the marker is in the stored rows (${rowHits.marker} times)`);
  } finally {
    await store.close();
  }
}

t.test('embedded: secrets sent in every field of every record kind are found nowhere', (t) =>
  scenario(t, { name: 'embedded', env: {} }),
);

const brokers = process.env.KAFKA_BROKERS;
const registry = process.env.SCHEMA_REGISTRY_URL;
t.test(
  'Kafka: secrets sent in every field of every record kind are found nowhere, topics included',
  {
    skip:
      brokers && registry
        ? false
        : 'Kafka and the schema registry are not configured: run through deploy/local/with-stack.sh (npm test does)',
  },
  async (t) => {
    const prefix = `fltest-secrets-${randomBytes(3).toString('hex')}`;
    await scenario(t, {
      name: 'kafka',
      env: {
        KAFKA_BROKERS: brokers as string,
        SCHEMA_REGISTRY_URL: registry as string,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_ID: `${prefix}-analyzers`,
        KAFKA_TOPIC_PARTITIONS: '2',
      },
      kafka: { brokers: brokers as string, topics: topicsFor(prefix).all },
    });
  },
);
