/**
 * Fleet insight over HTTP (issue 15 item 2), the whole service in-process (embedded bus, chdb):
 * - a seeded fleet of 2,000 episodes over 50 robots where firmware 2.3.1 causes most
 *   actuator_fault failures and the robot model is irrelevant: GET /api/insights/dimensions ranks
 *   firmware 2.3.1 first, says so in a sentence, and finds no significant robot model;
 * - another org's runs are never counted (and its own insight sees them: the positive control);
 * - bad tags are a 400 naming the field and nothing of the record is stored (good tags, the same
 *   call otherwise, are stored: the positive control); in a batch (the offline CLI) only the bad
 *   record is rejected;
 * - secrets in tags are redacted before anything is stored;
 * - traces get their dimensions from OTel attributes, through /api/ingest/traces and /v1/traces.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { apiCaller, keyMaker, MAIN, until } from './harness.js';
import { startInProcess } from './in-process.js';

const ADMIN = 'insights-admin-key-0123456789';
const { svc, dir } = await startInProcess(t, 'faultline-insights-', {
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_WORKERS: '1',
  FAULTLINE_LOG_LEVEL: 'warn',
});
const call = apiCaller(svc.url);

const keyFor = keyMaker(svc.url, ADMIN);
const producer = await keyFor('acme', 'producer');
const member = await keyFor('acme', 'member');
const producerB = await keyFor('globex', 'producer');
const memberB = await keyFor('globex', 'member');

/** mulberry32: a small seeded RNG, so the fleet is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, weighted: [T, number][]): T => {
  let x = r();
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return (weighted.at(-1) as [T, number])[0];
};

const HOUR = 3_600_000;
const now = Date.now();
const window = `from=${new Date(now - 72 * HOUR).toISOString()}&to=${new Date(now + HOUR).toISOString()}`;
const ACTUATOR = 'Joint 3 motor overcurrent fault: servo drive tripped';

/** The seeded fleet's finalize bodies (see the module comment). */
function fleet(seed: number, episodes: number, robots: number) {
  const r = rng(seed);
  const robot = Array.from({ length: robots }, (_, i) => ({
    id: `robot-${i}`,
    model: pick(r, [
      ['ur5e', 1 / 3],
      ['franka-fr3', 1 / 3],
      ['xarm7', 1 / 3],
    ]),
    site: pick(r, [
      ['lyon', 0.5],
      ['austin', 0.5],
    ]),
  }));
  return Array.from({ length: episodes }, (_, i) => {
    const rb = robot[i % robots] as (typeof robot)[number];
    const firmware = pick(r, [
      ['2.2.0', 0.45],
      ['2.2.4', 0.35],
      ['2.3.1', 0.1],
      ['2.1.9', 0.1],
    ]);
    const actuator = r() < (firmware === '2.3.1' ? 0.55 : 0.02);
    const battery = !actuator && r() < 0.03;
    return {
      id: `fleet-${i}`,
      body: {
        robot_id: rb.id,
        status: actuator || battery ? 'failed' : 'succeeded',
        started_at: new Date(now - 48 * HOUR + Math.floor(r() * 46 * HOUR)).toISOString(),
        duration_s: 30 + Math.floor(r() * 30),
        tags: { robot_model: rb.model, site: rb.site, firmware, policy_version: 'pick-v14' },
        ...(actuator ? { metadata: { failure_reason: ACTUATOR } } : {}),
        ...(battery ? { metadata: { typed: [{ type: 'Battery', percent: 8 }] } } : {}),
      },
    };
  });
}

/** Finalizes the episodes, 8 requests at a time. */
async function send(key: string, list: { id: string; body: unknown }[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < list.length) {
        const e = list[next++] as { id: string; body: unknown };
        const r = await call('POST', `/api/ingest/episode/${e.id}/finalize`, key, e.body);
        if (r.status !== 202) throw new Error(`${e.id}: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }),
  );
}

const insight = async (key: string, query: string) => {
  const r = await call('GET', `/api/insights/dimensions?${query}&${window}`, key);
  if (r.status !== 200) throw new Error(`insight ${query}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

t.test('the seeded fleet: firmware 2.3.1 first, no significant robot model; another org never counted', async (t) => {
  const acme = fleet(15, 2000, 50);
  const failures = acme.filter((e) => e.body.status === 'failed').length;
  t.ok(failures > 100, `${failures} failures in the fleet`);
  // globex: every failure on a firmware acme does not run, the same episode ids.
  const globex = Array.from({ length: 200 }, (_, i) => ({
    id: `fleet-${i}`,
    body: {
      robot_id: `g-${i % 5}`,
      status: 'failed',
      started_at: new Date(now - 10 * HOUR).toISOString(),
      tags: { robot_model: 'ur5e', firmware: '9.9.9' },
      metadata: { failure_reason: ACTUATOR },
    },
  }));
  await Promise.all([send(producer, acme), send(producerB, globex)]);
  await until('every acme run counted', 240_000, async () => (await insight(member, 'kind=episode')).runs === 2000);
  await until('every globex run counted', 60_000, async () => (await insight(memberB, 'kind=episode')).runs === 200);

  const body = await insight(member, 'factor=actuator_fault');
  const top = body.values[0];
  t.match(top, { key: 'firmware', value: '2.3.1', significant: true }, 'firmware 2.3.1 ranks first, significant');
  t.ok(top.lift > 3, `lift ${top.lift}`);
  t.match(
    body.summary,
    /^\d+% of actuator_fault failures are on firmware 2\.3\.1, which runs \d+(\.\d)?% of episodes$/,
    `what a user reads: ${body.summary}`,
  );
  t.equal(body.summary, top.sentence);
  t.match(body.test, /two-proportion z-test/, 'the answer states its test');
  const model = body.dimensions.find((d: { key: string }) => d.key === 'robot_model');
  t.ok(model && model.values === 3, 'positive control: the three robot models are compared');
  t.equal(model?.significant_values, 0, 'no robot model is significant');
  t.notOk(
    body.values.some((v: { key: string; significant: boolean }) => v.key === 'robot_model' && v.significant),
    'no robot model value is flagged',
  );
  t.equal(body.runs, 2000, "acme's 2,000 runs, not globex's 200");
  t.notOk(
    body.values.some((v: { value: string }) => v.value === '9.9.9'),
    "globex's firmware never appears in acme's insight",
  );
  const other = await insight(memberB, 'factor=actuator_fault');
  t.match(other.values[0], { key: 'firmware', value: '9.9.9', selected: 200 }, "positive control: globex's own insight sees it");
  t.equal((await call('GET', `/api/insights/dimensions?factor=actuator_fault&org=globex&${window}`, member)).status, 403);

  // The fingerprint of the actuator failures selects the same failures.
  const sample = acme.find((e) => e.body.status === 'failed' && 'metadata' in e.body && e.body.metadata?.failure_reason);
  const analysis = (await call('GET', `/api/episodes/${sample?.id}`, member)).body.analysis;
  const byFingerprint = await insight(member, `fingerprint=${analysis.fingerprint}`);
  t.equal(byFingerprint.selected, body.selected, 'the fingerprint selects the actuator failures');
  t.match(byFingerprint.values[0], { key: 'firmware', value: '2.3.1' });
  t.match(byFingerprint.summary, /failures with fingerprint [0-9a-f]{16} are on firmware 2\.3\.1/);
});

t.test('bad tags: a 400 naming the field, nothing stored; good tags are stored (positive control)', async (t) => {
  const base = { robot_id: 'r-tags', status: 'failed', metadata: { failure_reason: ACTUATOR } };
  const bad: [string, unknown, RegExp][] = [
    ['number', { firmware: 5 }, /tags\.firmware: must be a string \(got number\)/],
    ['object', { firmware: { v: '2' } }, /tags\.firmware: must be a string \(got object\)/],
    ['too many', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])), /tags: at most 32 keys \(got 33\)/],
    ['too long', { firmware: 'x'.repeat(257) }, /tags\.firmware: at most 256 characters \(got 257\)/],
    ['key too long', { ['k'.repeat(65)]: 'v' }, /tags\."k{40}…": a key is at most 64 characters \(got 65\)/],
    ['key charset', { 'robot model': 'v' }, /tags\."robot model": a key may only hold/],
    ['lone surrogate', { firmware: 'v\ud800' }, /tags\.firmware: not valid Unicode/],
    ['not an object', ['a'], /tags: must be an object/],
  ];
  for (const [what, tags, reason] of bad) {
    const id = `bad-tags-${what.replaceAll(' ', '-')}`;
    const r = await call('POST', `/api/ingest/episode/${id}/finalize`, producer, { ...base, tags });
    t.equal(r.status, 400, `${what}: 400`);
    t.match(String(r.body?.message ?? JSON.stringify(r.body)), reason, `${what}: ${JSON.stringify(r.body)}`);
  }
  const good = await call('POST', '/api/ingest/episode/good-tags/finalize', producer, {
    ...base,
    tags: { firmware: '2.3.1', 'ros/distro': 'jazzy', emoji: 'ü🤖' },
  });
  t.equal(good.status, 202, 'positive control: good tags are accepted');
  await until('good-tags analyzed', 30_000, async () => (await call('GET', '/api/episodes/good-tags', member)).body?.analysis);
  t.same((await call('GET', '/api/episodes/good-tags', member)).body.episode.tags, {
    firmware: '2.3.1',
    'ros/distro': 'jazzy',
    emoji: 'ü🤖',
  });
  for (const [what] of bad) {
    const id = `bad-tags-${what.replaceAll(' ', '-')}`;
    t.equal((await call('GET', `/api/episodes/${id}`, member)).status, 404, `${what}: nothing stored`);
  }
  const stored = await svc.store.rows<{ n: string }>(
    `SELECT count() AS n FROM faultline.run_dims WHERE subject_id LIKE 'bad-tags-%'`,
  );
  t.equal(Number(stored[0]?.n), 0, 'no dimensions row of a refused record');
});

t.test('in a batch only the record with bad tags is rejected, with its reason (offline CLI)', async (t) => {
  const file = join(dir, 'batch.jsonl');
  const line = (id: string, tags: unknown) =>
    JSON.stringify({ kind: 'episode', episode_id: id, robot_id: 'r1', status: 'succeeded', duration_s: 3, tags });
  writeFileSync(file, [line('b1', { site: 'lyon' }), line('b2', { site: 7 }), line('b3', { site: 'austin' })].join('\n'));
  const out = execFileSync(process.execPath, [MAIN, 'analyze', file], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  t.same(
    out.map((o) => [o.ref, o.status]),
    [
      ['b1', 'accepted'],
      ['b2', 'rejected'],
      ['b3', 'accepted'],
    ],
  );
  t.match(out[1].error, /tags\.site: must be a string \(got number\)/);
});

t.test('secrets in tags are redacted before they are stored', async (t) => {
  const secret = 'sk-live-0123456789abcdefghijklmnopqrstuv';
  const r = await call('POST', '/api/ingest/episode/secret-tags/finalize', producer, {
    robot_id: 'r-secret',
    status: 'succeeded',
    duration_s: 3,
    tags: { api_key: 'hunter2-plain', owner: 'alice@example.com', note: `key ${secret}`, site: 'lyon' },
  });
  t.equal(r.status, 202);
  await until('secret-tags stored', 30_000, async () => (await call('GET', '/api/episodes/secret-tags', member)).body?.episode);
  const tags = (await call('GET', '/api/episodes/secret-tags', member)).body.episode.tags;
  t.equal(tags.site, 'lyon', 'positive control: an ordinary tag is kept as sent');
  t.equal(tags.api_key, '[REDACTED:secret]', 'a value under a secret-named key is replaced');
  t.notMatch(tags.owner, /alice@example\.com/);
  t.notMatch(tags.note, /sk-live-0123/);
  await until('secret-tags counted', 30_000, async () => {
    const rows = await svc.store.rows(`SELECT 1 FROM faultline.run_dims WHERE subject_id = 'secret-tags'`);
    return rows.length > 0;
  });
  for (const raw of ['hunter2-plain', 'alice@example.com', secret]) {
    const hits = await svc.store.rows<{ n: string }>(
      `SELECT
         (SELECT count() FROM faultline.episodes WHERE position(toString(tags), {raw:String}) > 0) +
         (SELECT count() FROM faultline.run_dims WHERE position(toString(tags), {raw:String}) > 0) +
         (SELECT count() FROM faultline.tags_hourly WHERE position(tag_value, {raw:String}) > 0) AS n`,
      { raw },
    );
    t.equal(Number(hits[0]?.n), 0, `${raw.slice(0, 8)}…: stored nowhere`);
  }
  const site = await svc.store.rows<{ n: string }>(
    `SELECT count() AS n FROM faultline.run_dims WHERE subject_id = 'secret-tags' AND tags['site'] = 'lyon'`,
  );
  t.equal(Number(site[0]?.n), 1, 'positive control: the search finds what is stored');
});

t.test('traces get their dimensions from OTel attributes, through both ingest routes', async (t) => {
  const at = new Date(now - 2 * HOUR).toISOString();
  const json = await call('POST', '/api/ingest/traces', producer, [
    {
      trace_id: 'dims-json-1',
      timestamp: at,
      service: 'support-agent',
      spans: [
        {
          span_id: 'root',
          parent_span_id: null,
          name: 'agent.run',
          status: { code: 'ERROR', message: 'RateLimitError: Error code: 429 - rate limit exceeded' },
          attributes: {
            'service.version': '1.4.0',
            'deployment.environment': 'prod',
            'gen_ai.system': 'openai',
            'gen_ai.request.model': 'gpt-4o',
            'gen_ai.prompt': 'a user prompt that is never kept',
          },
        },
      ],
    },
  ]);
  t.equal(json.status, 202);
  const ns = BigInt(Date.parse(at)) * 1_000_000n;
  const otlp = await fetch(`${svc.url}/v1/traces`, {
    method: 'POST',
    headers: { authorization: `Bearer ${producer}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'service.name', value: { stringValue: 'support-agent' } },
              { key: 'service.version', value: { stringValue: '1.5.0' } },
              { key: 'deployment.environment.name', value: { stringValue: 'staging' } },
            ],
          },
          scopeSpans: [
            {
              scope: { name: 'openinference.instrumentation.langchain', version: '0.1.2' },
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId: 'b7ad6b7169203331',
                  name: 'chat',
                  startTimeUnixNano: String(ns),
                  endTimeUnixNano: String(ns + 1_000_000_000n),
                  attributes: [
                    { key: 'gen_ai.system', value: { stringValue: 'anthropic' } },
                    { key: 'gen_ai.request.model', value: { stringValue: 'claude-sonnet' } },
                  ],
                  status: { code: 2, message: 'APITimeoutError: Request timed out.' },
                },
              ],
            },
          ],
        },
      ],
    }),
  });
  t.equal(otlp.status, 200);
  const tagsOf = async (id: string) =>
    (
      await svc.store.rows<{ tags: Record<string, string> }>(
        `SELECT tags FROM faultline.run_dims FINAL WHERE org_id = 'acme' AND subject_kind = 'trace' AND subject_id = {id:String}`,
        { id },
      )
    )[0]?.tags;
  await until(
    'both traces counted',
    30_000,
    async () => (await tagsOf('dims-json-1')) && (await tagsOf('0af7651916cd43dd8448eb211c80319c')),
  );
  t.same(await tagsOf('dims-json-1'), {
    'service.version': '1.4.0',
    'deployment.environment': 'prod',
    'gen_ai.system': 'openai',
    'gen_ai.request.model': 'gpt-4o',
  });
  t.same(await tagsOf('0af7651916cd43dd8448eb211c80319c'), {
    'service.version': '1.5.0',
    'deployment.environment': 'staging',
    'gen_ai.system': 'anthropic',
    'gen_ai.request.model': 'claude-sonnet',
    'otel.scope.name': 'openinference.instrumentation.langchain',
  });
  const body = await insight(member, 'kind=trace');
  t.equal(body.runs, 2, 'the two traces');
  t.ok(
    body.values.some((v: { key: string; value: string }) => v.key === 'gen_ai.request.model' && v.value === 'claude-sonnet'),
    'the insight over traces compares their models',
  );
});
