/**
 * Hostile input against the real service (issue 12, item 1): poison text never stops the
 * pipeline, and no poison record is lost silently.
 *
 * Sent as a hostile but ordinary client would: the record of the issue
 * (`{"log_id":"p","logs":"boom \ud800"}`, which ClickHouse refuses as "missing second part of
 * surrogate pair" and which on main stopped all analysis for every org), lone surrogates and
 * NUL in ids, keys, metadata, span attributes, robot_id and every text field of every record
 * kind, NDJSON lines with invalid UTF-8 bytes, and a long log with an emoji at each cut of the
 * text bounding. Then the positive control: a normal failed episode sent afterwards must be
 * readable within seconds. And every poison record that was accepted must be accounted for:
 * readable through the API (with well-formed text), or visible as a dead letter or an analysis
 * error — never silently gone.
 *
 * Runs on the embedded service, and on Kafka when KAFKA_BROKERS and SCHEMA_REGISTRY_URL are set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeadLetters } from '@faultline/bus';
import { HEAD_CHARS, isWellFormedDeep, TAIL_CHARS } from '@faultline/core';
import t, { type Test } from 'tap';
import { type Service, startService, until } from './harness.js';

const ADMIN = 'hostile-admin-key-0123456789';
const FFFD = '\uFFFD';
const EMOJI = '\u{1F4A5}';

/** A JSON text with `\uXXXX` escapes kept as written (JSON.stringify would too, but say it plainly). */
const raw = (text: string) => text;

interface Sent {
  /** Where it can be read once sanitized: /api/logs/<id>, /api/traces/<id>, /api/episodes/<id>. */
  read: string;
  /** The id as the service stores it (lone surrogates and NUL → U+FFFD). */
  id: string;
}

/** The admin key is the bootstrap (platform) key: every call names the org (`default`). */
const inDefault = (path: string) => `${path}${path.includes('?') ? '&' : '?'}org=default`;

async function post(url: string, path: string, body: string | Buffer, contentType = 'application/json') {
  const res = await fetch(`${url}${inDefault(path)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json: json as Record<string, unknown> };
}

async function get(url: string, path: string) {
  const res = await fetch(`${url}${inDefault(path)}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json: json as Record<string, unknown> };
}

/** Every poison input of the suite: the route, the body, and what it must become readable as. */
function poisonInputs(tag: string): { path: string; body: string | Buffer; type?: string; ack?: string; expect: Sent[] }[] {
  const longLog = `${'h'.repeat(HEAD_CHARS - 1)}${EMOJI}${'m'.repeat(5000)}\nRuntimeError: CUDA out of memory ${EMOJI}\n${EMOJI}${'t'.repeat(TAIL_CHARS - 1)}`;
  return [
    // The record of the issue, byte for byte (its producer sends the escape as text).
    {
      path: '/api/ingest/logs',
      body: raw(`{"log_id":"p-${tag}","logs":"boom \\ud800"}`),
      expect: [{ read: 'logs', id: `p-${tag}` }],
    },
    // Lone surrogates and NUL in every text field of a log, the id included.
    {
      path: '/api/ingest/logs',
      body: raw(
        `[{"log_id":"lid-${tag}\\udc00","error_message":"KeyError: \\ud83d","logs":"line\\u0000 1\\nValueError: bad \\udfff value",` +
          `"experiment_type":"train\\ud800","code_snippet":"x = 1 \\ud800"}]`,
      ),
      expect: [{ read: 'logs', id: `lid-${tag}${FFFD}` }],
    },
    // A trace: ids, service, span names, attribute keys and values, exception events.
    {
      path: '/api/ingest/traces',
      body: raw(
        `{"trace_id":"tr-${tag}\\ud800","timestamp":"2026-11-01T10:00:00Z","service":"svc\\udbff","spans":[` +
          `{"span_id":"s1\\udc00","name":"agent.run\\ud800","status":{"code":"ERROR","message":"boom \\ud800"},` +
          `"attributes":{"gen_ai.system\\ud800":"openai\\udc00","gen_ai.request.model":"gpt\\u0000x","error.type":"RateLimitError\\ud800"},` +
          `"events":[{"name":"exception","attributes":{"exception.type":"openai.RateLimitError","exception.message":"429 Too Many Requests \\ud800","exception.stacktrace":"at x \\udc00"}}]}]}`,
      ),
      expect: [{ read: 'traces', id: `tr-${tag}${FFFD}` }],
    },
    // An episode: start with poison ids and metadata keys, then a failed finalize.
    {
      path: '/api/ingest/episode',
      body: raw(
        `{"episode_id":"ep-${tag}\\ud800","robot_id":"robot\\udc00","status":"running","source":"replay","started_at":"2026-11-01T10:00:00Z",` +
          `"metadata":{"eval_run_id":"ev-${tag}\\ud800","k\\ud800ey":{"nested\\udc00":["v\\ud800",1]},"typed":[{"type":"Battery\\ud800","percent":9}]}}`,
      ),
      expect: [],
    },
    {
      path: `/api/ingest/episode/${encodeURIComponent(`ep-${tag}${FFFD}`)}/finalize`,
      body: raw(
        `{"robot_id":"robot\\udc00","status":"failed","duration_s":12,"metadata":{"failure_reason":"gripper \\ud800 slipped\\u0000",` +
          `"typed":[{"type":"EpisodeOutcome","success":false,"reason":"cup \\udc00 not in bin"}]}}`,
      ),
      expect: [{ read: 'episodes', id: `ep-${tag}${FFFD}` }],
    },
    // NUL in an episode id: the start in the body, the finalize in the path (%00, without robot_id).
    {
      path: '/api/ingest/episode',
      body: raw(`{"episode_id":"nul-${tag}\\u0000a","robot_id":"r-nul","status":"running"}`),
      expect: [],
    },
    {
      path: `/api/ingest/episode/nul-${tag}%00a/finalize`,
      body: raw(`{"status":"failed","duration_s":3,"metadata":{"failure_reason":"e-stop pressed"}}`),
      ack: `nul-${tag}${FFFD}a`,
      expect: [{ read: 'episodes', id: `nul-${tag}${FFFD}a` }],
    },
    // Late eval and verification results naming it, with poison in their own ids, keys and text.
    {
      path: '/api/ingest/eval-results',
      body: raw(
        `{"eval_run_id":"ev-${tag}\\ud800","candidate_episode_id":"ep-${tag}\\ud800","baseline_episode_id":"base\\udc00",` +
          `"metrics":{"success_delta":-0.4,"note\\ud800":"x\\udc00"}}`,
      ),
      expect: [],
    },
    {
      path: '/api/ingest/verification-results',
      body: raw(
        `{"scenario_id":"scn-${tag}\\udc00","candidate_episode_id":"ep-${tag}\\ud800","status":"fail","message":"arm \\ud800 collided"}`,
      ),
      expect: [],
    },
    // NDJSON with invalid UTF-8 bytes: a stray 0xFF, a cut 3-byte sequence, an encoded surrogate (CESU-8), one in an id.
    {
      path: '/api/ingest/logs',
      type: 'application/x-ndjson',
      body: Buffer.concat([
        Buffer.from(`{"log_id":"u8a-${tag}","logs":"KeyError: stray `),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`"}\n{"log_id":"u8b-${tag}","logs":"TimeoutError: cut `),
        Buffer.from([0xe2, 0x82]),
        Buffer.from(`"}\n{"log_id":"u8c-${tag}","logs":"OSError: cesu `),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from(`"}\n{"log_id":"u8d-${tag}`),
        Buffer.from([0xc3]),
        Buffer.from(`","logs":"ImportError: no module"}\n`),
      ]),
      expect: [
        { read: 'logs', id: `u8a-${tag}` },
        { read: 'logs', id: `u8b-${tag}` },
        { read: 'logs', id: `u8c-${tag}` },
        { read: 'logs', id: `u8d-${tag}${FFFD}` },
      ],
    },
    // Ordinary data: a long log with an emoji straddling both cuts of the text bounding.
    {
      path: '/api/ingest/logs',
      body: JSON.stringify({ log_id: `long-${tag}`, logs: longLog }),
      expect: [{ read: 'logs', id: `long-${tag}` }],
    },
  ];
}

/** Readable (analyzed, well-formed), or visible as an analysis error through the read API, or a dead letter: how it ended. */
async function accountFor(url: string, busDir: string | undefined, s: Sent): Promise<string | null> {
  const res = await get(url, `/api/${s.read}/${encodeURIComponent(s.id)}`);
  if (res.status === 200) {
    const analyzed = s.read === 'episodes' ? Boolean(res.json.analysis) : res.json.status === 'analyzed';
    if (analyzed) return isWellFormedDeep(res.json) ? 'readable' : 'readable but not well-formed';
    if (typeof res.json.status === 'string') return `analysis error: ${res.json.status}`;
  }
  if (busDir) {
    const dead = await readDeadLetters(busDir);
    if (dead.some((d) => d.value.includes(JSON.stringify(s.id).slice(1, -1)))) return 'dead letter';
  }
  return null;
}

async function run(t: Test, env: Record<string, string>, busDir: string | undefined) {
  const tag = randomBytes(3).toString('hex');
  const svc: Service = await startService('start', env);
  t.teardown(() => svc.stop('SIGKILL'));

  const expected: Sent[] = [];
  for (const input of poisonInputs(tag)) {
    const res = await post(svc.url, input.path, input.body, input.type);
    t.equal(res.status, 202, `${input.path} accepts the poison input (${JSON.stringify(res.json).slice(0, 200)})`);
    if (input.ack) t.equal(res.json.ref, input.ack, 'the acknowledgement names the id as stored');
    expected.push(...input.expect);
  }

  // The positive control: a normal failed episode sent after the poison is readable within seconds.
  const control = `control-${tag}`;
  const fin = await post(
    svc.url,
    `/api/ingest/episode/${control}/finalize`,
    JSON.stringify({ robot_id: 'r-7', status: 'failed', duration_s: 40, metadata: { typed: [{ type: 'Battery', percent: 9 }] } }),
  );
  t.equal(fin.status, 202);
  const t0 = Date.now();
  const analysis = await until(`the control episode ${control} analyzed`, 20_000, async () => {
    const r = await get(svc.url, `/api/episodes/${control}`);
    return r.status === 200 && r.json.analysis ? (r.json.analysis as { findings: { code: string }[] }) : null;
  });
  t.ok(
    analysis.findings.some((f) => f.code === 'battery_low'),
    `the control episode is analyzed ${Date.now() - t0} ms after its finalize, behind the poison`,
  );

  // Every accepted poison record is accounted for.
  const outcomes = new Map<string, string>();
  await until('every poison record accounted for', 20_000, async () => {
    for (const s of expected) {
      if (outcomes.has(s.id)) continue;
      const how = await accountFor(svc.url, busDir, s);
      if (how) outcomes.set(s.id, how);
    }
    return outcomes.size === expected.length;
  }).catch(() => undefined);
  for (const s of expected) {
    const how = outcomes.get(s.id);
    t.ok(
      how && how !== 'readable but not well-formed',
      `${s.read}/${JSON.stringify(s.id)}: ${how ?? 'NOT FOUND: lost silently'}`,
    );
  }
  // The record of the issue itself is readable: well-formed text replaced the lone surrogate.
  t.equal(outcomes.get(`p-${tag}`), 'readable', 'the issue record is stored and analyzed');

  // The late eval and verification results with poison text joined the episode's analysis.
  const ep = await get(svc.url, `/api/episodes/${encodeURIComponent(`ep-${tag}${FFFD}`)}`);
  t.equal((ep.json.episode as { robot_id?: string })?.robot_id, `robot${FFFD}`, 'robot_id stored sanitized');
  let codes: string[] = [];
  await until('the late results re-analyzed the episode', 20_000, async () => {
    const r = await get(svc.url, `/api/episodes/${encodeURIComponent(`ep-${tag}${FFFD}`)}`);
    codes = ((r.json.analysis as { findings?: { code: string }[] })?.findings ?? []).map((f) => f.code);
    return codes.includes('verification_failed') && codes.includes('replay_regression');
  }).catch((err) => t.fail(`${(err as Error).message}; finding codes: ${codes.join(', ')}`));
  t.pass('the eval and verification results with poison text are joined');

  // Read by the id as it was sent (a NUL in the path): the same record as under U+FFFD.
  const byRawId = await get(svc.url, `/api/episodes/nul-${tag}%00a`);
  t.equal(byRawId.status, 200, 'the episode sent with a NUL in its id is readable by that id');
  t.equal((byRawId.json.episode as { episode_id?: string })?.episode_id, `nul-${tag}${FFFD}a`);

  // An admin input that is stored too: a key's label (cut to 200 characters).
  const key = await post(
    svc.url,
    '/api/admin/keys',
    raw(`{"org_id":"acme","role":"member","label":"ops \\ud800 ${'x'.repeat(193)}\\ud83d\\udca5"}`),
  );
  t.ok(
    key.status >= 200 && key.status < 300,
    `a key whose label has a lone surrogate, and an emoji at the cut, is created (${key.status})`,
  );

  const ready = await fetch(`${svc.url}/readyz`);
  t.equal(ready.status, 200, 'still ready');
}

t.test('embedded: poison records never stop the pipeline and none is lost silently', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-hostile-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await run(t, { FAULTLINE_DATA_DIR: dir, FAULTLINE_ADMIN_KEY: ADMIN, FAULTLINE_WORKERS: '1' }, join(dir, 'bus'));
});

const brokers = process.env.KAFKA_BROKERS;
const registry = process.env.SCHEMA_REGISTRY_URL;
t.test(
  'on Kafka: the same',
  { skip: !brokers || !registry ? 'KAFKA_BROKERS / SCHEMA_REGISTRY_URL not set' : false },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-hostile-kafka-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const prefix = `fltest-hostile-${randomBytes(3).toString('hex')}`;
    await run(
      t,
      {
        KAFKA_BROKERS: brokers as string,
        SCHEMA_REGISTRY_URL: registry as string,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_ID: `${prefix}-analyzers`,
        KAFKA_TOPIC_PARTITIONS: '2',
        FAULTLINE_DATA_DIR: dir,
        FAULTLINE_ADMIN_KEY: ADMIN,
        FAULTLINE_WORKERS: '1',
      },
      undefined,
    );
  },
);
