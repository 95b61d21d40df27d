#!/usr/bin/env node
/**
 * `node load-tests/store-scale.js [--sizes 1000000,10000000] [--big] [--reps 5]` (after
 * `npx tsc -b`): how the store's reads grow with the history. Runs the embedded service
 * (`startEmbedded`, what `npm start` runs) in this process on a fresh data directory, measures the
 * reads on the empty store, then fills ClickHouse inside chdb (INSERT ... SELECT FROM numbers(),
 * 1 M rows per statement: one org, one finding per analysis, analyses spread over the last 365
 * days, 5,000 fingerprints over 8 rule codes — a code has one category, factor and severity —,
 * 10,000 robots, 1 % of analyses by an older analyzer version) up to each
 * size and measures again. `--big` adds 100,000,000 (not for CI: hours and tens of GB on a small
 * machine).
 *
 * Reads (median of `--reps` after one warm-up): through the HTTP API with the bootstrap key —
 * trends for 1 day (hourly, by category) and 7 days (daily, by category), the groups-like read
 * (7 days by fingerprint), one episode with its analysis and fingerprint peers; in process, the
 * store calls the service makes — the stale gauge's `countStale` and the scheduled run's
 * `subjectsToRerun`. Then bytes on disk per row of every table that holds rows (active parts).
 * Prints one JSON line per size and a table; the schema is whatever the checkout's migrations make,
 * so the same command measures before and after a schema change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYZER_VERSION } from '../packages/core/dist/src/index.js';
import { EVERY_ORG } from '../packages/store/dist/src/index.js';
import { startInProcess } from './lib/service.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,10000000' },
    big: { type: 'boolean', default: false },
    reps: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    records: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
if (values.big) sizes.push(100_000_000);
const reps = Number(values.reps);
const ORG = 'fleet';
const ADMIN = 'store-scale-bootstrap-key-0123456789';
const CHUNK = 1_000_000;
const YEAR_MS = 365 * 86_400_000;

// `--data-dir D`: fill (or keep filling) the store in D and keep it, so a later checkout measures
// the same rows without filling them again (sizes already filled are measured, not refilled).
const dir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'faultline-store-scale-'));
const keep = values.keep || values['data-dir'] !== undefined;
const opened = Date.now(); // opening applies the migrations a kept store lacks
const svc = await startInProcess(dir, ADMIN);
const store = svc.store;
const db = store.database;

async function columns(table) {
  const rows = await store.rows(`SELECT name FROM system.columns WHERE database = {db:String} AND table = {t:String}`, {
    db,
    t: table,
  });
  return new Set(rows.map((r) => r.name));
}

/** Rule codes with the category, factor and severity each one always has (as the rule registry does). */
const CODES = [
  ['battery_low', 'hardware', 'battery', 'high'],
  ['duration_anomaly', 'software', 'timeout', 'medium'],
  ['adapter_upload_error', 'infrastructure', 'network', 'low'],
  ['policy_timeout', 'model', 'timeout', 'high'],
  ['cuda_oom', 'infrastructure', 'oom', 'critical'],
  ['rate_limited', 'infrastructure', 'network', 'medium'],
  ['replay_regression', 'model', 'perception', 'high'],
  ['verification_failed', 'environment', 'config', 'medium'],
];
const arr = (i) => `[${CODES.map((c) => `'${c[i]}'`).join(',')}]`;

/** The synthetic analysis of row `number` (columns shared by `analyses` and `findings`). */
function synthetic(from, n) {
  return `SELECT number,
      concat('ep-', toString(number)) AS subject_id,
      if(number % 100 = 7, '0.0.1', '${ANALYZER_VERSION}') AS analyzer_version,
      fromUnixTimestamp64Milli(toInt64(${Date.now()} - cityHash64(number, 'at') % ${YEAR_MS})) AS at,
      concat('robot-', toString(number % 10000)) AS robot_id,
      lower(hex(cityHash64(number % 5000))) AS fingerprint,
      cityHash64(number % 5000) AS fp,
      fp % ${CODES.length} + 1 AS c,
      arrayElement(${arr(0)}, c) AS code,
      arrayElement(${arr(1)}, c) AS category,
      arrayElement(${arr(2)}, c) AS factor,
      arrayElement(${arr(3)}, c) AS severity
    FROM numbers(${from}, ${n})`;
}

async function fillChunk(from, n, extraAnalyses, extraFindings) {
  const a = extraAnalyses.map(([c]) => `, ${c}`).join('');
  const av = extraAnalyses.map(([, v]) => `, ${v}`).join('');
  await store.client.command({
    query: `INSERT INTO ${db}.analyses (org_id, subject_kind, subject_id, analyzer_version, analyzed_at, occurred_at, robot_id, service,
        fingerprint, signature, primary_code, category, contributing_factor, severity, confidence, finding_codes, findings, pattern,
        source, rule_errors, version${a})
      SELECT '${ORG}', 'episode', subject_id, analyzer_version, at, at, robot_id, '', fingerprint, concat(code, '|', factor), code,
        category, factor, severity, 0.8, [code],
        concat('[{"code":"', code, '","title":"', code, ' on ', robot_id, '","category":"', category, '","contributing_factor":"', factor,
          '","severity":"', severity, '","confidence":0.8,"confidence_band":"high","evidence":{"episode":"', subject_id,
          '"},"suggested_action":"check ', factor, '"}]'),
        '', 'heuristic', '', 1${av}
      FROM (${synthetic(from, n)})`,
  });
  const f = extraFindings.map(([c]) => `, ${c}`).join('');
  const fv = extraFindings.map(([, v]) => `, ${v}`).join('');
  await store.client.command({
    query: `INSERT INTO ${db}.findings (org_id, subject_kind, subject_id, code, rank, category, contributing_factor, severity, confidence,
        confidence_band, fingerprint, robot_id, service, occurred_at, analyzed_at, analyzer_version, version, is_deleted${f})
      SELECT '${ORG}', 'episode', subject_id, code, 0, category, factor, severity, 0.8, 'high', fingerprint, robot_id, '', at, at,
        analyzer_version, 1, 0${fv}
      FROM (${synthetic(from, n)})`,
  });
}

/** Fills rows [from, to): analyses and findings, 1 M per statement. */
async function fill(from, to) {
  // A newer schema's extra columns get the values a first-seen analysis would have.
  const extraAnalyses = (await columns('analyses')).has('rollup_change') ? [['rollup_change', 1]] : [];
  const t0 = Date.now();
  for (let at = from; at < to; at += CHUNK) await fillChunk(at, Math.min(CHUNK, to - at), extraAnalyses, []);
  return Date.now() - t0;
}

/** The probe episode read through the API: a failed episode whose fingerprint 42 of 5,000 has N/5,000 peers. */
async function probe() {
  const occurred = new Date(Date.now() - 3_600_000).toISOString();
  await store.saveEpisodes([
    {
      kind: 'episode',
      org_id: ORG,
      episode_id: 'probe',
      robot_id: 'robot-42',
      status: 'failed',
      ended_at: occurred,
      duration_s: 12,
    },
  ]);
  const fp = (await store.rows(`SELECT lower(hex(cityHash64(toUInt64(42)))) AS fp`))[0].fp;
  await store.writeAnalyses([
    {
      analysis: {
        subject_kind: 'episode',
        subject_id: 'probe',
        org_id: ORG,
        analyzer_version: ANALYZER_VERSION,
        analyzed_at: new Date().toISOString(),
        fingerprint: fp,
        signature: 'probe',
        source: 'heuristic',
        findings: [],
      },
      occurredAt: occurred,
      robotId: 'robot-42',
    },
  ]);
}

async function api(path) {
  const r = await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

async function median(fn) {
  await fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

const iso = (ms) => new Date(ms).toISOString();
async function measure() {
  const now = Date.now();
  const day = `from=${iso(now - 86_400_000)}&to=${iso(now)}`;
  const week = `from=${iso(now - 7 * 86_400_000)}&to=${iso(now)}`;
  const episode = await api(`/api/episodes/probe?org=${ORG}`);
  return {
    trends_1d_ms: await median(() => api(`/api/trends?org=${ORG}&by=category&interval=1h&${day}`)),
    trends_7d_ms: await median(() => api(`/api/trends?org=${ORG}&by=category&interval=1d&${week}`)),
    groups_7d_by_fingerprint_ms: await median(() => api(`/api/trends?org=${ORG}&by=fingerprint&interval=1d&${week}`)),
    episode_with_peers_ms: await median(() => api(`/api/episodes/probe?org=${ORG}`)),
    peers: episode.analysis?.fingerprint_peers,
    stale_gauge_ms: await median(() => store.countStale(ANALYZER_VERSION)),
    rerun_selection_ms: await median(() => store.subjectsToRerun(ANALYZER_VERSION, EVERY_ORG, 1000)),
  };
}

async function bytesPerRow() {
  const rows = await store.rows(
    `SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts
     WHERE database = {db:String} AND active GROUP BY table HAVING rows > 0 ORDER BY table`,
    { db },
  );
  return Object.fromEntries(
    rows.map((r) => [r.table, { rows: Number(r.rows), bytes_per_row: Math.round((Number(r.bytes) / Number(r.rows)) * 10) / 10 }]),
  );
}

/** `--records N`: N mixed records (mixed-records.js) through the store's writers, for the raw records' bytes per row. */
async function writeRecords(n) {
  const byKind = { episode: [], trace: [], log: [], eval_result: [], verification_result: [] };
  for (const line of mixedRecords(n)) {
    let r;
    try {
      r = JSON.parse(line);
    } catch {
      continue; // the generator's malformed lines
    }
    if (r && byKind[r.kind]) byKind[r.kind].push({ ...r, org_id: ORG });
  }
  const ok = (list, id) => list.filter((r) => typeof r[id] === 'string' && r[id]);
  await store.saveEpisodes(ok(byKind.episode, 'episode_id').filter((e) => typeof e.robot_id === 'string'));
  await store.saveTraces(ok(byKind.trace, 'trace_id'));
  await store.saveLogs(ok(byKind.log, 'log_id'));
  await store.saveEvalResults(
    ok(byKind.eval_result, 'candidate_episode_id').filter((r) => r.metrics && typeof r.metrics === 'object'),
  );
  await store.saveVerificationResults(ok(byKind.verification_result, 'candidate_episode_id'));
  for (const table of ['episodes', 'traces', 'logs', 'eval_results', 'verification_results']) {
    await store.client.command({ query: `OPTIMIZE TABLE ${db}.${table} FINAL` });
  }
  return bytesPerRow();
}

const results = [];
try {
  if (Number(values.records) > 0)
    console.log(JSON.stringify({ records: Number(values.records), tables: await writeRecords(Number(values.records)) }));
  const migrations = (await store.rows(`SELECT name FROM ${db}.schema_migrations FINAL ORDER BY name`)).map((r) => r.name);
  console.log(`store-scale: schema ${migrations.at(-1)}, data in ${dir}, opened in ${Date.now() - opened} ms`);
  const [{ n }] = await store.rows(
    `SELECT count() AS n FROM ${db}.analyses WHERE org_id = {org:String} AND startsWith(subject_id, 'ep-')`,
    { org: ORG },
  );
  let filled = Number(n);
  await probe();
  if (filled === 0) {
    results.push({ size: 0, ...(await measure()) });
    console.log(JSON.stringify(results.at(-1)));
  }
  for (const size of sizes) {
    // A size the store already holds is measured as it is (a kept --data-dir), not refilled.
    const fill_ms = size > filled ? await fill(filled, size) : 0;
    filled = Math.max(filled, size);
    await probe();
    results.push({ size, fill_ms, ...(await measure()), tables: await bytesPerRow() });
    console.log(JSON.stringify(results.at(-1)));
  }
  const cols = [
    'trends_1d_ms',
    'trends_7d_ms',
    'groups_7d_by_fingerprint_ms',
    'episode_with_peers_ms',
    'stale_gauge_ms',
    'rerun_selection_ms',
  ];
  console.log(`\n| findings + analyses | ${cols.join(' | ')} |\n|---|${cols.map(() => '---|').join('')}`);
  for (const r of results) console.log(`| ${r.size.toLocaleString('en')} | ${cols.map((c) => r[c]).join(' | ')} |`);
} finally {
  await svc.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
