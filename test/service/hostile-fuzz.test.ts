/**
 * A bounded, seeded fuzzer against the real embedded service over HTTP: valid records of
 * every kind, mutated (types, sizes, Unicode, depth, numbers, duplicate keys, huge strings,
 * broken bytes), sent to every ingest route, and reads of every read route with fuzzed ids
 * and queries. Invariants: no answer is a 5xx, no request hangs (each has its own timeout),
 * Object.prototype is untouched, and the service still ingests and analyzes an ordinary
 * record at the end (the positive control).
 *
 *   FAULTLINE_FUZZ_COUNT (default 300) requests, FAULTLINE_FUZZ_SEED (default 12) the seed.
 */
import { CONTRACT_EXAMPLES } from '@faultline/core';
import t from 'tap';
import { startInProcess } from './in-process.js';

const COUNT = Number(process.env.FAULTLINE_FUZZ_COUNT ?? 300);
const SEED = Number(process.env.FAULTLINE_FUZZ_SEED ?? 12);
const REQUEST_TIMEOUT_MS = 20_000;
const ADMIN = 'test-admin-key-fuzz-0123456789';
const MAX_BODY = 4 * 1024 * 1024;

const { svc } = await startInProcess(t, 'faultline-fuzz-', {
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_WORKERS: '1',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'error',
  FAULTLINE_MAX_BODY_BYTES: String(MAX_BODY),
});

/** mulberry32: small, seeded, the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;

/** Values a mutation can put anywhere; strings starting "\u0000RAW:" are spliced into the JSON text as is. */
const RAW = '\u0000RAW:';
const NASTY_STRINGS = [
  '',
  ' ',
  '.',
  '..',
  '/',
  'a/b?c#d%e',
  '%2e%2e',
  '\ud800',
  'x\udc00y',
  '\u0000',
  '😀'.repeat(300),
  '\u202etxt.exe',
  'e\u0301\u0301\u0301',
  'x'.repeat(200),
  'x'.repeat(256),
  'x'.repeat(257),
  '😀'.repeat(100),
  '2016-12-31T23:59:60Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  'not-a-date',
  "'; DROP TABLE analyses; --",
  '{{7*7}}',
  '__proto__',
];
const NASTY_NUMBERS = [
  `${RAW}1e999`,
  `${RAW}-1e999`,
  `${RAW}-0`,
  `${RAW}1e308`,
  `${RAW}123456789012345678901234567890`,
  -1,
  0,
  0.5,
  2 ** 53 + 1,
];

function nastyValue(): unknown {
  switch (int(9)) {
    case 0:
      return pick(NASTY_STRINGS);
    case 1:
      return pick(NASTY_NUMBERS);
    case 2:
      return pick([null, true, false, [], {}, [[]], { a: {} }]);
    case 3:
      return 'y'.repeat(pick([1_000, 100_000, 1_000_000, 3_000_000]));
    case 4:
      return deep(pick([10, 63, 65, 500, 5_000]));
    case 5:
      return JSON.parse('{"__proto__":{"polluted":"yes"}}'); // an own key, as JSON.parse makes it
    case 6:
      return { constructor: { prototype: { polluted: 'yes' } } };
    case 7:
      return Array.from({ length: pick([0, 1, 1000, 20_000]) }, () => ({ span_id: 's', name: 'n' }));
    default:
      return String.fromCodePoint(...Array.from({ length: 1 + int(40) }, () => int(0x10ffff) & ~0x800));
  }
}
/** JSON texts spliced in at toJson time (too deep for JSON.stringify itself), by number. */
const rawTexts: string[] = [];
function deep(n: number): unknown {
  const open = Array.from({ length: n }, () => (int(2) ? '[' : '{"d":')).join('');
  const close = [...open.matchAll(/\[|\{/g)]
    .map((m) => (m[0] === '[' ? ']' : '}'))
    .reverse()
    .join('');
  rawTexts.push(`${open}"leaf"${close}`);
  return `${RAW}#${rawTexts.length - 1}`;
}

/** A JSON-like value with one mutation at a random path. */
function mutate(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || rand() < 0.25) return nastyValue();
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  const keys = Object.keys(copy);
  const op = int(4);
  if (op === 0 && keys.length) {
    delete (copy as Record<string, unknown>)[pick(keys)]; // a required field goes missing
  } else if (op === 1) {
    (copy as Record<string, unknown>)[pick(NASTY_STRINGS)] = nastyValue(); // a strange key
  } else if (keys.length) {
    const k = pick(keys);
    (copy as Record<string, unknown>)[k] = mutate((copy as Record<string, unknown>)[k]);
  }
  return copy;
}

/** JSON text of a value, with the RAW markers spliced in (1e999, -0, huge integers). */
function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000RAW:([^"]*)"/g, (_, raw: string) =>
    raw.startsWith('#') ? (rawTexts[Number(raw.slice(1))] as string) : raw,
  );
}

const BATCH_ROUTES = {
  'eval-results': 'eval_result',
  'verification-results': 'verification_result',
  traces: 'trace',
  logs: 'log',
} as const;
const EXAMPLES = CONTRACT_EXAMPLES as unknown as Record<string, Record<string, unknown>>;

interface Req {
  method: 'GET' | 'POST';
  path: string;
  body?: string | Buffer;
  contentType?: string;
}

/** A broken body: cut short, a duplicate key, bytes that are not UTF-8, or no JSON at all. */
function corrupt(text: string): string | Buffer {
  switch (int(5)) {
    case 0:
      return text.slice(0, int(text.length));
    case 1:
      return text.replace('{', '{"log_id":"dup-1","trace_id":"dup-1","episode_id":"dup-1",');
    case 2:
      return Buffer.concat([Buffer.from(text.slice(0, 20)), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from(text.slice(20))]);
    case 3:
      return pick(['', 'null', '[]', '{}', '[null]', '"x"', '1e999', '{"a":1}{"a":2}', '\n\n\n']);
    default:
      return text.replaceAll(':', int(2) ? '::' : ':\u0000');
  }
}

function ingestRequest(): Req {
  const route = pick(Object.keys(BATCH_ROUTES) as (keyof typeof BATCH_ROUTES)[]);
  const base = { ...EXAMPLES[BATCH_ROUTES[route]] };
  delete base.kind;
  const records = Array.from({ length: 1 + int(4) }, () => (rand() < 0.3 ? base : mutate(base)));
  const form = int(4);
  if (form === 0) return { method: 'POST', path: `/api/ingest/${route}`, body: toJson(records), contentType: 'application/json' };
  if (form === 1)
    return { method: 'POST', path: `/api/ingest/${route}`, body: toJson(records[0]), contentType: 'application/json' };
  if (form === 2) {
    const body = `${records.map(toJson).join('\n')}\n`;
    return { method: 'POST', path: `/api/ingest/${route}`, body, contentType: 'application/x-ndjson' };
  }
  return {
    method: 'POST',
    path: `/api/ingest/${route}`,
    body: corrupt(toJson(records)),
    contentType: pick(['application/json', 'application/x-ndjson', 'text/plain', 'application/octet-stream']),
  };
}

function episodeRequest(): Req {
  const { kind: _k, ...ep } = EXAMPLES.episode as Record<string, unknown>;
  const body = rand() < 0.8 ? mutate(ep) : ep;
  if (int(2)) return { method: 'POST', path: '/api/ingest/episode', body: toJson(body), contentType: 'application/json' };
  const id = rand() < 0.5 ? 'ep-1' : String(pick(NASTY_STRINGS));
  const text = rand() < 0.2 ? corrupt(toJson(body)) : toJson({ ...(body as object), status: pick(['failed', 'succeeded', 'x']) });
  return { method: 'POST', path: `/api/ingest/episode/${safeSegment(id)}/finalize`, body: text, contentType: 'application/json' };
}

function safeSegment(id: string): string {
  try {
    return encodeURIComponent(id);
  } catch {
    return id.replace(/[\ud800-\udfff]/g, '%ED%A0%80'); // what a careless client sends for a lone surrogate
  }
}

function readRequest(): Req {
  const id = safeSegment(rand() < 0.3 ? pick(['ep-1', 't-9', 'exp-1']) : String(pick(NASTY_STRINGS)));
  const DATES = ['2026-11-01T00:00:00Z', '2016-12-31T23:59:60Z', '0001-01-01T00:00:00Z', '2026-02-30T00:00:00Z', 'now'];
  const q = () => {
    const name = pick(['by', 'from', 'to', 'interval', 'kind', 'findings', 'org', 'limit', 'action', 'subject_id']);
    const values = name === 'from' || name === 'to' ? DATES : [...NASTY_STRINGS, ...NASTY_NUMBERS, 'category', '1h'];
    return `${name}=${safeSegment(String(pick(values)).replace(RAW, ''))}`;
  };
  const query = Array.from({ length: int(4) }, q).join('&');
  const path =
    rand() < 0.35
      ? `/api/trends?${query}`
      : pick([
          `/api/episodes/${id}`,
          `/api/traces/${id}`,
          `/api/logs/${id}`,
          `/api/runs/${id}`,
          `/api/audit?${query}`,
          `/api/runs?${query}`,
        ]);
  return { method: 'GET', path };
}

const counts = new Map<string, number>();
const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
const failures: string[] = [];
/** Traces and logs the service acknowledged: each must be readable afterwards. */
const accepted: { route: 'traces' | 'logs'; ref: string }[] = [];

/**
 * The admin key is the bootstrap (platform) key: a call names its org. `acme` is the contract
 * examples' org; a fuzzed query that names an org itself keeps its own (fuzzed) value.
 */
const inAcme = (path: string) => (/[?&]org=/.test(path) ? path : `${path}${path.includes('?') ? '&' : '?'}org=acme`);

async function send(r: Req): Promise<void> {
  try {
    const res = await fetch(`${svc.url}${inAcme(r.path)}`, {
      method: r.method,
      headers: { authorization: `Bearer ${ADMIN}`, ...(r.contentType ? { 'content-type': r.contentType } : {}) },
      ...(r.body !== undefined ? { body: r.body } : {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    count(String(res.status));
    if (res.status === 202 && r.path.startsWith('/api/ingest/') && (r.path.endsWith('/traces') || r.path.endsWith('/logs'))) {
      const route = r.path.endsWith('/traces') ? 'traces' : 'logs';
      for (const item of (JSON.parse(text) as { results: { status: string; ref: string }[] }).results) {
        if (item.status === 'accepted') accepted.push({ route, ref: item.ref });
      }
    }
    if (res.status >= 500) failures.push(`${res.status} ${r.method} ${r.path.slice(0, 120)}: ${text.slice(0, 200)}`);
  } catch (err) {
    const name = (err as Error).name === 'TimeoutError' ? 'hang' : 'network error';
    count(name);
    failures.push(`${name} ${r.method} ${r.path.slice(0, 120)}: ${(err as Error).message}`);
  }
}

t.test(`${COUNT} fuzzed requests (seed ${SEED}): no 5xx, no hang, the service still works`, async (t) => {
  for (let i = 0; i < COUNT; i++) {
    const kind = int(10);
    await send(kind < 5 ? ingestRequest() : kind < 7 ? episodeRequest() : readRequest());
  }
  const summary = [...counts.entries()].sort().map(([k, v]) => `${k}: ${v}`);
  t.comment(`fuzz: ${COUNT} requests, seed ${SEED} — ${summary.join(', ')}`);
  console.log(`fuzz: ${COUNT} requests, seed ${SEED} — ${summary.join(', ')}`);
  t.same(failures, [], 'no answer ≥ 500, no hang, no broken connection');
  t.ok(
    (counts.get('202') ?? 0) > 0 && [...counts.keys()].some((k) => k.startsWith('4')),
    'the fuzzer reached both accepted and refused inputs',
  );
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');

  // Acknowledged means readable: every accepted trace and log answers its read with an analysis.
  const unreadable: string[] = [];
  for (const { route, ref } of accepted.slice(0, 100)) {
    const end = Date.now() + 20_000;
    let last = '';
    for (;;) {
      const r = await fetch(`${svc.url}${inAcme(`/api/${route}/${safeSegment(ref)}`)}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      const b = (await r.json().catch(() => ({}))) as { status?: string };
      last = `${r.status} ${b.status ?? ''}`;
      if (r.status === 200 && b.status === 'analyzed') break;
      if (Date.now() > end || (r.status !== 404 && r.status !== 200)) {
        unreadable.push(`${route}/${ref.slice(0, 40)}: ${last}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  t.ok(accepted.length > 0, `${accepted.length} traces and logs were acknowledged`);
  t.same(unreadable, [], 'every acknowledged trace and log is readable with its analysis');

  // Positive control: an ordinary record after the storm is ingested and analyzed.
  const ok = await fetch(`${svc.url}${inAcme('/api/ingest/logs')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ log_id: 'after-fuzz', error_message: 'torch.cuda.OutOfMemoryError: CUDA out of memory' }]),
  });
  t.equal(ok.status, 202);
  const end = Date.now() + 30_000;
  let status = 0;
  let body: { status?: string; pattern?: { category?: string } } = {};
  while (Date.now() < end) {
    const r = await fetch(`${svc.url}${inAcme('/api/logs/after-fuzz')}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    status = r.status;
    body = (await r.json()) as typeof body;
    if (status === 200 && body.status === 'analyzed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(body.status, 'analyzed', 'the ordinary record after the fuzzing is analyzed');
  t.equal(body.pattern?.category, 'resource_error');
});
