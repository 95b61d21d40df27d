/**
 * The dashboards and alerts are true of the running service.
 *
 * faultline runs in distributed mode (the real Kafka broker and schema registry from
 * deploy/local, an LLM behind a local server speaking the OpenAI API), takes a realistic
 * mix of traffic (failed and successful episodes of several robots and orgs, traces, logs,
 * malformed records, a poison Kafka message, good and bad LLM answers), and a real
 * Prometheus (Debian's package) scrapes it and evaluates the rule file. Then:
 *
 * - every PromQL expression of every dashboard panel and variable, and of every recording
 *   and alerting rule (each operand of an alert's comparison), parses and returns at least
 *   one series;
 * - every metric name the dashboards and rules mention is one the service exports, so
 *   renaming or removing a metric in the code fails here, naming it;
 * - the service is stopped and its store opened here: every ClickHouse variable and panel
 *   query, with the grafana-clickhouse-datasource macros and the variables expanded the
 *   way Grafana does, runs and returns rows, and the fields the panel links use exist;
 * - the committed dashboard JSON is what dashboards/build.mjs renders, and every panel has
 *   a description, a unit and thresholds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '@faultline/store';
import { Kafka, logLevel } from 'kafkajs';
import t, { type Test } from 'tap';
import { parse as parseYaml } from 'yaml';
import { GPU_OOM_ANSWER, requireTool, type Service, startService, until } from '../service/harness.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const brokers = process.env.KAFKA_BROKERS;
const registry = process.env.SCHEMA_REGISTRY_URL;
if (!brokers || !registry) {
  t.fail('KAFKA_BROKERS and SCHEMA_REGISTRY_URL must be set: run through deploy/local/with-stack.sh (npm test does)');
  process.exit(1);
}
const PROMETHEUS = requireTool('PROMETHEUS_BIN', '/usr/bin/prometheus', 'prometheus', (m) => t.fail(m));

type Json = Record<string, unknown>;
interface Target {
  refId: string;
  datasource: { type: string; uid: string };
  expr?: string;
  rawSql?: string;
}
interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  targets?: Target[];
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps?: unknown[] }; links?: { url: string }[] } };
  gridPos: { x: number; y: number; w: number; h: number };
}
interface Variable {
  name: string;
  type: string;
  datasource?: { type: string };
  query: string | { query: string };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
}

const dashboardFiles = ['fleet-failures.json', 'pipeline-health.json'];
const dashboards = dashboardFiles.map(
  (f) => [f, JSON.parse(readFileSync(join(repo, 'dashboards', f), 'utf8')) as Dashboard] as const,
);
const rulesFile = join(repo, 'deploy/prometheus/rules/faultline.rules.yml');
const rules = (
  parseYaml(readFileSync(rulesFile, 'utf8')) as { groups: { rules: { record?: string; alert?: string; expr: string }[] }[] }
).groups.flatMap((g) => g.rules);
const panelsOf = (d: Dashboard) => d.panels.filter((p) => p.type !== 'row');

// ---------------------------------------------------------------------------------------
// Static checks: the JSON is the generator's, every panel is documented.
// ---------------------------------------------------------------------------------------

t.test('the committed dashboards are what dashboards/build.mjs renders', async (t) => {
  const { render } = (await import(join(repo, 'dashboards/build.mjs'))) as { render(): Record<string, string> };
  const rendered = render();
  for (const f of dashboardFiles) {
    t.equal(readFileSync(join(repo, 'dashboards', f), 'utf8'), rendered[f], `${f} is up to date (node dashboards/build.mjs)`);
  }
});

t.test('every panel has a description, a unit, thresholds and a provisioned datasource', async (t) => {
  const uids = new Set<string>();
  for (const [file, d] of dashboards) {
    t.ok(d.schemaVersion >= 41, `${file}: current schema version (${d.schemaVersion})`);
    t.notOk(uids.has(d.uid), `${file}: uid ${d.uid} is unique`);
    uids.add(d.uid);
    const ids = new Set<number>();
    for (const p of d.panels) {
      t.notOk(ids.has(p.id), `${file}: panel id ${p.id} unique`);
      ids.add(p.id);
      t.ok(p.gridPos.x + p.gridPos.w <= 24, `${file}: "${p.title}" fits the 24-column grid`);
    }
    for (const p of panelsOf(d)) {
      const where = `${file}: "${p.title}"`;
      t.ok((p.description ?? '').length >= 20, `${where} has a description`);
      t.ok(p.fieldConfig?.defaults?.unit, `${where} has a unit`);
      t.ok((p.fieldConfig?.defaults?.thresholds?.steps ?? []).length >= 1, `${where} has thresholds`);
      t.ok((p.targets ?? []).length >= 1, `${where} has queries`);
      for (const q of p.targets ?? []) {
        t.ok(
          ['faultline-prometheus', 'faultline-clickhouse'].includes(q.datasource.uid),
          `${where} uses a provisioned datasource (${q.datasource.uid})`,
        );
      }
    }
  }
  const fleet = dashboards.find(([f]) => f === 'fleet-failures.json')?.[1] as Dashboard;
  t.strictSame(
    ['org', 'robot', 'category'].filter((v) => !fleet.templating.list.some((x) => x.name === v)),
    [],
    'the fleet dashboard has org, robot and category variables',
  );
  const linked = panelsOf(fleet).filter((p) => (p.fieldConfig?.defaults?.links ?? []).some((l) => l.url.includes('/api/')));
  t.ok(linked.length >= 1, `finding panels link to the read API (${linked.map((p) => p.title).join(', ')})`);
});

// ---------------------------------------------------------------------------------------
// The running service, traffic, and a real Prometheus.
// ---------------------------------------------------------------------------------------

const ADMIN = 'monitoring-admin-key-0123456789';
/** /metrics is protected as a deployment that wants org names in its metrics would run it. */
const METRICS_TOKEN = 'monitoring-metrics-token-0123456789';
const scrape = () => fetch(`${svc?.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
const prefix = `flmon-${randomBytes(3).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'faultline-monitoring-'));
const promDir = mkdtempSync(join(tmpdir(), 'faultline-prometheus-'));
let prometheus: ChildProcess | undefined;
let svc: Service | undefined;

// An LLM provider: good structured answers, except for logs that mention "flaky-llm" (malformed JSON).
const llm = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const content = body.includes('flaky-llm') ? '{"title": "cut off' : JSON.stringify(GPU_OOM_ANSWER);
    res.end(
      JSON.stringify({
        choices: [{ message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 900, completion_tokens: 150 },
      }),
    );
  });
});
await new Promise<void>((r) => llm.listen(0, '127.0.0.1', r));

t.teardown(async () => {
  prometheus?.kill('SIGKILL');
  await svc?.stop('SIGKILL');
  llm.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(promDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
const post = async (path: string, body: unknown) => {
  const r = await fetch(`${svc?.url}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Json };
};

const now = Date.now();
const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
const trace = (id: string, org: string, service: string, type: string, message: string) => ({
  trace_id: id,
  org_id: org,
  timestamp: iso(60_000),
  service,
  spans: [
    {
      span_id: 's1',
      parent_span_id: null,
      name: 'llm.chat',
      start_time: iso(62_000),
      end_time: iso(60_000),
      status: { code: 'ERROR', message },
      attributes: { 'gen_ai.request.model': 'gpt-4o' },
      events: [{ name: 'exception', attributes: { 'exception.type': type, 'exception.message': message } }],
    },
  ],
});
const log = (id: string, org: string, text: string) => ({
  log_id: id,
  org_id: org,
  timestamp: iso(30_000),
  error_message: '',
  logs: `INFO step ok\n${text}`,
});

/** The service's settings: distributed on Kafka, with the LLM above (started twice: before and after the store check). */
const serviceEnv = (): Record<string, string> => ({
  KAFKA_BROKERS: brokers,
  SCHEMA_REGISTRY_URL: registry,
  KAFKA_TOPIC_PREFIX: prefix,
  KAFKA_GROUP_ID: `${prefix}-analyzers`,
  KAFKA_TOPIC_PARTITIONS: '4',
  FAULTLINE_DATA_DIR: dataDir,
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_METRICS_TOKEN: METRICS_TOKEN,
  FAULTLINE_WORKERS: '1',
  FAULTLINE_BATCH_LINGER_MS: '100',
  FAULTLINE_LLM_PROVIDER: 'openai',
  FAULTLINE_LLM_MODEL: 'local-model',
  FAULTLINE_LLM_BASE_URL: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
  FAULTLINE_LLM_PRICE_IN: '0.15',
  FAULTLINE_LLM_PRICE_OUT: '0.6',
});

t.test('start the service on Kafka with an LLM, send a realistic mix, let Prometheus scrape it', async (t) => {
  svc = await startService('start', serviceEnv());
  const target = svc.url.replace('http://', '');
  const promLogOf = await startPrometheus(target);
  const n = await sendEpisodes(t);
  await sendTracesAndLogs(t);
  await sendPoison(brokers);
  await until('every subject analyzed', 60_000, async () => {
    const text = await (await scrape()).text();
    const analyzed = [...text.matchAll(/^faultline_analyses_total\{[^}]*status="analyzed"[^}]*\} (\d+)/gm)].reduce(
      (a, m) => a + Number(m[1]),
      0,
    );
    return analyzed >= n / 2 + 5 && /^faultline_dead_letters_total\{step="decode"\} 1$/m.test(text);
  });
  for (const path of ['episodes/acme-ep-1-0', 'traces/mon-t-1', 'logs/mon-l-1']) {
    const status = await until(`GET /api/${path}`, 30_000, async () => {
      // The admin key is the bootstrap (platform) key: a read names the org (the three subjects are acme's).
      const r = await fetch(`${svc?.url}/api/${path}?org=acme`, { headers: auth });
      await r.arrayBuffer();
      return r.status === 200 ? r.status : null;
    }); // a timeout fails the test, naming the path
    t.equal(status, 200, `GET /api/${path}`);
    if (status === 200) readable.add(path);
  }
  // Prometheus: the target is up, and the rules had a few evaluations over the scraped data.
  await until(`Prometheus scraping ${target}`, 60_000, async () => {
    const r = await promQuery('up{job="faultline"} == 1').catch(() => null);
    return r && r.result.length === 1;
  }).catch((err) => {
    throw new Error(`${(err as Error).message}\n${promLogOf().slice(-2000)}`);
  });
  await until('recording rules evaluated', 30_000, async () => (await promQuery('faultline:findings:rate5m')).result.length > 0);
  await new Promise((r) => setTimeout(r, 4_000)); // a few more scrapes: rates over [1m] need two samples after the burst
  t.pass('scraped');
  const open = await fetch(`${svc?.url}/metrics`);
  t.equal(open.status, 401, '/metrics without the token is refused');
  t.notMatch(await open.text(), /acme|globex/, 'and shows no org name');
  t.match(await (await scrape()).text(), /faultline_findings_total\{org="acme"/, 'with the token, findings carry the org');
});

/** Prometheus scraping `target` every second with the token, with the rules loaded; returns its log so far. */
async function startPrometheus(target: string): Promise<() => string> {
  const promPort = await freePort();
  writeFileSync(
    join(promDir, 'prometheus.yml'),
    [
      'global: {scrape_interval: 1s, evaluation_interval: 1s}',
      `rule_files: [${JSON.stringify(rulesFile)}]`,
      'scrape_configs:',
      '  - job_name: faultline',
      `    static_configs: [{targets: [${JSON.stringify(target)}]}]`,
      `    authorization: {credentials: ${JSON.stringify(METRICS_TOKEN)}}`,
      '',
    ].join('\n'),
  );
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(promDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(promDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let promLog = '';
  prometheus.stderr?.on('data', (d) => {
    promLog += d;
  });
  promUrl = `http://127.0.0.1:${promPort}`;

  return () => promLog;
}

/** Episodes: several robots in two orgs, failed with rule-triggering metadata, and successes. Returns how many. */
async function sendEpisodes(t: Test): Promise<number> {
  let n = 0;
  for (const org of ['acme', 'globex']) {
    for (let r = 1; r <= 4; r++) {
      for (let e = 0; e < 5; e++) {
        const id = `${org}-ep-${r}-${e}`;
        const failed = e % 2 === 0;
        const res = await post(`/api/ingest/episode/${id}/finalize`, {
          org_id: org,
          robot_id: `${org}-robot-${r}`,
          status: failed ? 'failed' : 'succeeded',
          started_at: iso(600_000 + e * 1000),
          ended_at: iso(300_000 + e * 1000),
          duration_s: failed ? 900 : 300,
          metadata: failed ? { typed: [{ type: 'Battery', percent: 5 + e }] } : {},
          // Dimensions: robots 1-2 fail on firmware 2.3.1 (the over-represented value panel's rows).
          tags: { firmware: failed && r <= 2 ? '2.3.1' : '2.2.0', robot_model: r % 2 ? 'ur5e' : 'xarm7' },
        });
        t.equal(res.status, 202, `episode ${id} accepted`);
        n += 1;
      }
    }
  }
  return n;
}

/** Traces and logs (some for the LLM, one it answers badly), and malformed ones. */
async function sendTracesAndLogs(t: Test): Promise<void> {
  t.equal(
    (
      await post('/api/ingest/traces', [
        trace('mon-t-1', 'acme', 'support-agent', 'openai.RateLimitError', 'Error code: 429 - Rate limit reached for requests'),
        trace('mon-t-2', 'globex', 'planner', 'anthropic.APITimeoutError', 'Request timed out.'),
        { trace_id: 'mon-t-bad', spans: [] },
      ])
    ).status,
    202,
  );
  t.equal(
    (
      await post('/api/ingest/logs', [
        log('mon-l-1', 'acme', 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB'),
        log('mon-l-2', 'globex', "KeyError: 'WANDB_API_KEY'"),
        log('mon-l-3', 'acme', 'flaky-llm\nModuleNotFoundError: No module named torchvision'),
        { log_id: 'mon-l-bad' },
      ])
    ).status,
    202,
  );
}

/** A poison message straight on the logs topic: dead-lettered at decode. */
async function sendPoison(brokerList: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'faultline-monitoring-test', brokers: brokerList.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: `${prefix}.logs`, messages: [{ key: 'poison', value: Buffer.from('not avro') }] });
  await producer.disconnect();
}

let promUrl = '';
const readable = new Set<string>();

async function promQuery(expr: string): Promise<{ resultType: string; result: unknown[] }> {
  const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await r.json()) as { status: string; error?: string; data: { resultType: string; result: unknown[] } };
  if (body.status !== 'success') throw new Error(`Prometheus refused ${expr}: ${body.error}`);
  return body.data;
}

/** A dashboard PromQL expression as Grafana sends it with every variable at "All". */
function expandPromql(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '15s')
    .replaceAll('$__range', '1h')
    .replace(/\$\{(\w+):regex\}/g, '.+')
    .replace(/\$(\w+)/g, '.+');
}

/** The operands of a rule expression's top-level comparisons and set operators (modifiers dropped). */
function operands(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const src = expr.replace(/\s+/g, ' ');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0) {
      const m = /^ (and|or|unless) |^(>=|<=|==|!=|>|<)/.exec(src.slice(i));
      if (m) {
        parts.push(src.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(src.slice(start));
  return parts
    .map((p) =>
      p
        .replace(/^\s*bool\b/, '')
        .replace(/^\s*(on|ignoring)\s*\([^)]*\)/, '')
        .replace(/^\s*group_(left|right)\s*(\([^)]*\))?/, '')
        .trim(),
    )
    .filter((p) => !/^[\d.\s/*+-]+$/.test(p)); // scalar thresholds
}

t.test('every PromQL expression of every dashboard returns series', async (t) => {
  for (const [file, d] of dashboards) {
    for (const p of panelsOf(d)) {
      for (const q of p.targets ?? []) {
        if (!q.expr) continue;
        const expr = expandPromql(q.expr);
        const data = await promQuery(expr);
        t.ok(data.result.length > 0, `${file} "${p.title}" ${q.refId}: ${expr}`);
      }
    }
    for (const v of d.templating.list) {
      if (v.datasource?.type !== 'prometheus') continue;
      const m = /label_values\((\w+),\s*(\w+)\)/.exec(typeof v.query === 'string' ? v.query : v.query.query);
      t.ok(m, `${file} variable ${v.name} is a label_values query`);
      if (!m) continue;
      const r = await fetch(`${promUrl}/api/v1/label/${m[2]}/values?match[]=${encodeURIComponent(m[1] as string)}`);
      const values = ((await r.json()) as { data: string[] }).data;
      t.ok(values.length > 0, `${file} variable ${v.name}: ${values.join(', ')}`);
    }
  }
});

t.test('every rule parses in Prometheus, and every operand of every rule returns series', async (t) => {
  const loaded = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as {
    data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
  };
  const health = loaded.data.groups.flatMap((g) => g.rules);
  t.equal(health.length, rules.length, 'Prometheus loaded every rule of the file');
  for (const r of health) t.equal(r.health, 'ok', `rule ${r.name} evaluates without error ${r.lastError ?? ''}`);
  for (const rule of rules) {
    const name = rule.record ?? rule.alert;
    await promQuery(rule.expr); // parses (may be empty: an alert that is not firing)
    if (rule.record) {
      t.ok((await promQuery(rule.record)).result.length > 0, `recorded series ${rule.record} exists`);
    }
    for (const operand of operands(rule.expr)) {
      t.ok((await promQuery(operand)).result.length > 0, `${name}: ${operand}`);
    }
  }
});

t.test('every metric the dashboards and rules name is exported by the service', async (t) => {
  const exported = new Set([...(await (await scrape()).text()).matchAll(/^# TYPE (faultline_\w+) /gm)].map((m) => m[1]));
  const texts = [
    ...dashboards.flatMap(([, d]) => panelsOf(d).flatMap((p) => (p.targets ?? []).map((q) => q.expr ?? ''))),
    ...dashboards.flatMap(([, d]) => d.templating.list.map((v) => JSON.stringify(v.query))),
    ...rules.map((r) => r.expr),
  ];
  const named = new Set(texts.flatMap((x) => [...x.matchAll(/\b(faultline_[a-z0-9_]+)/g)].map((m) => m[1] as string)));
  const base = (m: string) => m.replace(/_(bucket|count|sum)$/, '');
  const missing = [...named].filter((m) => !exported.has(m) && !exported.has(base(m)));
  t.strictSame(missing, [], `${named.size} metric names used, all exported`);
});

// ---------------------------------------------------------------------------------------
// ClickHouse panels against the store
// ---------------------------------------------------------------------------------------

const FROM = Math.floor((now - 24 * 3600_000) / 1000);
const TO = Math.floor((now + 3600_000) / 1000);

/** Expands the grafana-clickhouse-datasource macros and Grafana's variable formats. */
function expandSql(sql: string, vars: Record<string, string[]>): string {
  return (
    sql
      .replace(/\$__timeFilter\(([^)]+)\)/g, `$1 >= toDateTime(${FROM}) AND $1 <= toDateTime(${TO})`)
      .replace(/\$__timeInterval\(([^)]+)\)/g, 'toStartOfInterval(toDateTime($1), INTERVAL 60 second)')
      // Every value of each variable is selected here (as Grafana's default, All).
      .replace(/\$__conditionalAll\([^,]+,\s*\$\w+\)/g, '1=1')
      .replaceAll('$__fromTime', `toDateTime(${FROM})`)
      .replaceAll('$__toTime', `toDateTime(${TO})`)
      .replaceAll('$__interval_s', '60')
      .replace(/\$\{(\w+):singlequote\}/g, (_m, name: string) => {
        const values = vars[name];
        if (!values) throw new Error(`variable ${name} is not defined (or defined after its use)`);
        return values.map((v) => `'${v.replaceAll("'", "\\'")}'`).join(',');
      })
  );
}

t.test('every ClickHouse variable and panel query runs against the store and returns rows', async (t) => {
  const stopped = await svc?.stop('SIGTERM');
  t.equal(stopped?.code, 0, 'the service drained and stopped');
  const store = await Store.open({ dataDir });
  let storeOpen = true;
  t.teardown(() => (storeOpen ? store.close() : undefined));
  const linkPaths = new Map<string, string>(); // path after /api/ -> the panel whose rows link it
  for (const [file, d] of dashboards) {
    const vars: Record<string, string[]> = {};
    for (const v of d.templating.list) {
      if (v.datasource?.type !== 'grafana-clickhouse-datasource') continue;
      const sql = expandSql(v.query as string, vars);
      const rows = await store.rows<Record<string, string>>(sql);
      vars[v.name] = rows.map((r) => String(Object.values(r)[0]));
      t.ok(rows.length > 0, `${file} variable ${v.name}: ${vars[v.name]?.slice(0, 6).join(', ')}`);
    }
    for (const p of panelsOf(d)) {
      for (const q of p.targets ?? []) {
        if (!q.rawSql) continue;
        const sql = expandSql(q.rawSql, vars);
        const rows = await store.rows<Record<string, unknown>>(sql);
        t.ok(rows.length > 0, `${file} "${p.title}": ${rows.length} rows`);
        for (const link of p.fieldConfig?.defaults?.links ?? []) {
          for (const [, field] of link.url.matchAll(/__data\.fields\.(\w+)/g)) {
            t.ok(rows[0] && field && field in rows[0], `${file} "${p.title}" link field ${field} is a column`);
            if (!field) continue;
            for (const row of rows) linkPaths.set(String(row[field]), `${file} "${p.title}"`);
          }
        }
      }
    }
  }
  t.equal(readable.size, 3, 'the read API answered for an episode, a trace and a log before the stop');
  t.ok(linkPaths.size >= 3, `the linking panels' rows give link paths (${linkPaths.size})`);

  // Each link path is one the read API answers for: the store is handed back to a restarted
  // service, and every path a panel links to is requested as Grafana's link would.
  await store.close();
  storeOpen = false;
  svc = await startService('start', serviceEnv());
  for (const [path, panel] of linkPaths) {
    const res = await fetch(`${svc.url}/api/${path}`, { headers: auth });
    const body = await res.text();
    t.equal(res.status, 200, `${panel}: GET /api/${path} answers`);
    const id = path.split('?')[0]?.split('/').pop() as string; // <kind>s/<id>?org=<org>
    t.ok(body.includes(JSON.stringify(id)), `${panel}: the answer to /api/${path} is about ${id}`);
  }
  // The same request for a path no panel gives is refused: the check above can fail.
  const missing = await fetch(`${svc.url}/api/episodes/${prefix}-never-sent?org=acme`, { headers: auth });
  await missing.arrayBuffer();
  t.equal(missing.status, 404, 'a path that was never sent answers 404');
});
