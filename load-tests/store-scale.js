#!/usr/bin/env node
/**
 * `node load-tests/store-scale.js [--sizes 0,10000000] [--big] [--reps 30] [--dirs SIZE=DIR,…] [--keep] [--records N] [--explain]
 * [--fast] [--check N]`
 * (after `npx tsc -b`): how the store's reads grow with the history, the sizes measured side by
 * side in one run.
 *
 * One child process per size runs the embedded service (`startEmbedded`, what `npm start` runs) on
 * its own data directory (a fresh temporary one, or `--dirs SIZE=DIR`: a kept store, filled only
 * up to SIZE if it holds fewer rows, so a later run or checkout measures the same rows without
 * filling them again; opening it applies the migrations it lacks, and the time that took is
 * printed). Each store is filled, one after the other, inside ClickHouse through the real engine
 * at the checkout's schema (lib/seed.js: INSERT … SELECT FROM numbers(), 1 M rows per statement, as a first
 * analysis is written: rollup_change = 1, so every materialized view fires as in production): one
 * org, one finding per analysis, analyses spread over the last 365 days, 5,000 fingerprints over 8
 * rule codes (a code has one category, factor and severity), 10,000 robots, 1 % of analyses by an
 * older analyzer version; plus one probe episode an hour ago whose fingerprint has size/5,000 peers.
 * `--big` adds 100,000,000 (not for CI: hours and about 17 GB on a small machine).
 * `--fast`: the fill detaches the rollup views and writes their tables once per 10 M rows
 * (lib/seed.js `insertFailuresFast`), each 10 M a consistent store; `touch DIR.stop` ends it at
 * the next 10 M, and the reads then measure the rows filled. `--check N`: fills N rows both ways
 * in two fresh stores and compares their tables row by row (exit 1 on any difference).
 *
 * Reads, interleaved: after one warm-up of every read on every store, `--reps` rounds, each timing
 * every read once on every store (the store order rotating each round), so the sizes share the
 * machine's load. Through the HTTP API with the bootstrap key: trends for 1 day (hourly, by
 * category) and 7 days (daily, by category), 7 days by fingerprint, one episode with its analysis
 * and fingerprint peers; in the child's process, the store calls the service makes: the stale
 * gauge's `countStale` and the scheduled run's `subjectsToRerun`. Prints, per size and read, the
 * median and p95 in ms and the mean 1-minute load average while its samples were taken, the
 * ratio of each median to the empty store's, one JSON line per size with the bytes on disk per row
 * of every table that holds rows (active parts), and a table. `--records N`: N mixed records
 * (mixed-records.js) through the store's writers into the first store, for the raw records' bytes
 * per row. `--explain`: after the timings, every store query each read makes (captured from the
 * store's `rows`) with ClickHouse's `EXPLAIN ESTIMATE`: parts / marks / rows per table it reads.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ANALYZER_VERSION } from '../packages/core/dist/src/index.js';
import { EVERY_ORG } from '../packages/store/dist/src/index.js';
import { column, inChunks, insertFailures, insertFailuresFast, rollupsMatch } from './lib/seed.js';
import { startInProcess } from './lib/service.js';
import { mixedRecords } from './mixed-records.js';

const ORG = 'fleet';
const ADMIN = 'store-scale-bootstrap-key-0123456789';
const CHUNK = 1_000_000;
/** Rows per consistent step of a fast fill (views detached, then their tables written). */
const FAST_BATCH = 10_000_000;
const YEAR_MS = 365 * 86_400_000;
const READS = ['trends_1d', 'trends_7d', 'groups_7d_by_fingerprint', 'episode_with_peers', 'stale_gauge', 'rerun_selection'];
/** The reads the issue's done-when names (within 2× of the empty store at 10 M, 3× at 100 M). */
const DONE_WHEN = ['trends_1d', 'episode_with_peers', 'stale_gauge'];

// ---- the child: one store, its service, and the reads, on request from the parent ----

/** @type {any} */ let svc;
/** @type {any} */ let store;
/** @type {string} */ let db;

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
const arr = (i) => column(CODES, i);

/** The synthetic failures of rows [from, from + n): the row source lib/seed.js inserts as analyses and findings. */
function synthetic(from, n, now) {
  return `SELECT number,
      concat('ep-', toString(number)) AS subject_id,
      if(number % 100 = 7, '0.0.1', '${ANALYZER_VERSION}') AS analyzer_version,
      fromUnixTimestamp64Milli(toInt64(${now} - cityHash64(number, 'at') % ${YEAR_MS})) AS at,
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

const SIGNATURE = "concat(code, '|', factor)";

/**
 * Fills rows [from, to): analyses and findings, 1 M per statement, their times `now` minus up to a
 * year. `fast`: with the rollup views detached and their tables written once at the end
 * (lib/seed.js insertFailuresFast; `--check` proves both fills store the same).
 */
async function fill(from, to, { fast, now, chunk = CHUNK, batch = FAST_BATCH }) {
  const t0 = Date.now();
  if (!fast) {
    await inChunks(from, to, chunk, (at, n) =>
      insertFailures(store, { org: ORG, rows: synthetic(at, n, now), signature: SIGNATURE }),
    );
  } else {
    // Batches of FAST_BATCH rows, each consistent when done: a fill stopped between batches is a smaller store.
    for (let b = from; b < to; b += batch) {
      if (existsSync(`${storeDir}.stop`)) break; // asked to stop: the store holds the batches done
      const end = Math.min(to, b + batch);
      const n = `toUInt64OrZero(substring(subject_id, 4))`;
      await insertFailuresFast(store, {
        org: ORG,
        signature: SIGNATURE,
        filled: `org_id = '${ORG}' AND startsWith(subject_id, 'ep-') AND ${n} >= ${b} AND ${n} < ${end}`,
        inChunksOf: (insert) => inChunks(b, end, chunk, (at, k) => insert(synthetic(at, k, now))),
      });
      console.error(`store-scale: ${end} rows after ${Date.now() - t0} ms`);
    }
  }
  return Date.now() - t0;
}

/**
 * The derived tables' contents after a merge, one line per row in key order (stored_at, the time
 * a row was written, left out): what `--check` compares between a fill through the views and a
 * fast one, with the analyses' and findings' own rows.
 */
async function contents() {
  const out = {};
  for (const table of ['rollup_hourly', 'fingerprint_groups', 'failure_list', 'analyses', 'findings']) {
    await store.client.command({ query: `OPTIMIZE TABLE ${db}.${table} FINAL` });
    const cols = (
      await store.rows(
        `SELECT name FROM system.columns WHERE database = {db:String} AND table = {table:String} AND name != 'stored_at' ORDER BY position`,
        { db, table },
      )
    ).map((r) => r.name);
    const rows = await store.rows(
      `SELECT ${cols.map((c) => `toString(${c}) AS ${c}`).join(', ')} FROM ${db}.${table} ORDER BY ${cols.join(', ')}`,
    );
    out[table] = rows.map((r) => cols.map((c) => r[c]).join('\t'));
  }
  return out;
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

const iso = (ms) => new Date(ms).toISOString();
/** One call of each read (windows end now). */
const READ = {
  trends_1d: () =>
    api(`/api/trends?org=${ORG}&by=category&interval=1h&from=${iso(Date.now() - 86_400_000)}&to=${iso(Date.now())}`),
  trends_7d: () =>
    api(`/api/trends?org=${ORG}&by=category&interval=1d&from=${iso(Date.now() - 7 * 86_400_000)}&to=${iso(Date.now())}`),
  groups_7d_by_fingerprint: () =>
    api(`/api/trends?org=${ORG}&by=fingerprint&interval=1d&from=${iso(Date.now() - 7 * 86_400_000)}&to=${iso(Date.now())}`),
  episode_with_peers: () => api(`/api/episodes/probe?org=${ORG}`),
  stale_gauge: () => store.countStale(ANALYZER_VERSION),
  rerun_selection: () => store.subjectsToRerun(ANALYZER_VERSION, EVERY_ORG, 1000),
};

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

async function filledRows() {
  const [{ n }] = await store.rows(
    `SELECT count() AS n FROM ${db}.analyses WHERE org_id = {org:String} AND startsWith(subject_id, 'ep-')`,
    { org: ORG },
  );
  return Number(n);
}

/** The child's answers to the parent's messages: fill, read (one timed call), bytes, close. */
const HANDLERS = {
  async fill({ size, fast, now, chunk, batch, noProbe }) {
    const filled = await filledRows();
    if (fast && filled > 0) {
      const m = await rollupsMatch(store, ORG);
      if (!m.ok)
        throw new Error(
          `${db}: the rollups count ${m.counted} analyses of ${m.stored} (a fast fill died part-way): fill a new store`,
        );
    }
    // A size the store already holds is measured as it is (a kept --dirs store), not refilled.
    const fill_ms = size > filled ? await fill(filled, size, { fast, now: now ?? Date.now(), chunk, batch }) : 0;
    const rows = fill_ms > 0 ? await filledRows() : filled; // a fast fill asked to stop holds fewer than size
    if (noProbe) return { fill_ms, rows };
    await probe();
    const episode = await api(`/api/episodes/probe?org=${ORG}`);
    return { fill_ms, rows, peers: episode.analysis?.fingerprint_peers };
  },
  async read({ name }) {
    const t0 = performance.now();
    await READ[name]();
    return { ms: performance.now() - t0, load: loadavg()[0] };
  },
  bytes: () => bytesPerRow(),
  contents: () => contents(),
  /** The store queries one call of the read makes, each with ClickHouse's EXPLAIN ESTIMATE (parts, marks, rows per table). */
  async explain({ name }) {
    const queries = [];
    const rows = store.rows;
    store.rows = (query, params) => {
      queries.push([query, params]);
      return rows.call(store, query, params);
    };
    try {
      await READ[name]();
    } finally {
      store.rows = rows;
    }
    const out = [];
    for (const [query, params] of queries) {
      if (/^\s*(SELECT\s+name\s+FROM\s+system|EXPLAIN)/i.test(query)) continue;
      const est = await rows.call(store, `EXPLAIN ESTIMATE ${query}`, params);
      out.push(est.map((e) => `${e.table} ${e.parts}/${e.marks}/${e.rows}`).join(' + ') || 'no table read');
    }
    return out;
  },
  records: ({ n }) => writeRecords(n),
  async close() {
    await svc.close();
    return {};
  },
};

/** The child's data directory (`DIR.stop` existing ends a fast fill at its next batch). */
let storeDir = '';

async function child(dir) {
  storeDir = dir;
  const opened = Date.now(); // opening applies the migrations a kept store lacks
  svc = await startInProcess(dir, ADMIN);
  store = svc.store;
  db = store.database;
  const open_ms = Date.now() - opened;
  const migrations = (await store.rows(`SELECT name FROM ${db}.schema_migrations FINAL ORDER BY name`)).map((r) => r.name);
  process.on('message', async (m) => {
    try {
      process.send({ id: m.id, ok: await HANDLERS[m.op](m) });
    } catch (e) {
      process.send({ id: m.id, error: String(e?.stack ?? e) });
    }
    if (m.op === 'close') process.disconnect();
  });
  process.send({ id: 0, ok: { open_ms, schema: migrations.at(-1), rows: await filledRows() } });
}

// ---- the parent: one child per size, the fills one after the other, the reads interleaved ----

/** A child process on `dir`, with `call(op, args)` answered in order. */
function startChild(dir) {
  const proc = fork(fileURLToPath(import.meta.url), ['--store', dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map();
  let next = 1;
  proc.on('message', (m) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve(m.ok);
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`store child exited (${code})`));
  });
  const ready = new Promise((resolve, reject) => waiting.set(0, { resolve, reject }));
  const call = (op, args = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      proc.send({ id, op, ...args });
    });
  return { proc, ready, call, exited };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const r1 = (x) => Math.round(x * 10) / 10;

async function parent() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '0,10000000' },
      big: { type: 'boolean', default: false },
      reps: { type: 'string', default: '30' },
      dirs: { type: 'string', default: '' },
      keep: { type: 'boolean', default: false },
      records: { type: 'string', default: '0' },
      explain: { type: 'boolean', default: false },
      fast: { type: 'boolean', default: false },
      check: { type: 'string', default: '' },
    },
  });
  if (values.check) return check(Number(values.check));
  const sizes = values.sizes.split(',').map(Number);
  if (values.big) sizes.push(100_000_000);
  const reps = Number(values.reps);
  const dirs = new Map(
    values.dirs
      .split(',')
      .filter(Boolean)
      .map((kv) => {
        const [size, dir] = kv.split('=');
        return [Number(size), dir];
      }),
  );
  const stores = [];
  try {
    for (const size of sizes) {
      const dir = dirs.get(size) ?? mkdtempSync(join(tmpdir(), 'faultline-store-scale-'));
      const c = startChild(dir);
      const opened = await c.ready;
      console.log(
        `store-scale: size ${size.toLocaleString('en')} in ${dir}: schema ${opened.schema}, opened in ${opened.open_ms} ms`,
      );
      const filled = await c.call('fill', { size, fast: values.fast });
      console.log(`store-scale: size ${size.toLocaleString('en')} filled in ${filled.fill_ms} ms, probe peers ${filled.peers}`);
      if (stores.length === 0 && Number(values.records) > 0)
        console.log(
          JSON.stringify({ records: Number(values.records), tables: await c.call('records', { n: Number(values.records) }) }),
        );
      stores.push({ size, dir, temp: !dirs.has(size), c, ...opened, ...filled, samples: {} });
    }
    for (const s of stores) for (const name of READS) await s.c.call('read', { name }); // warm-up
    for (let r = 0; r < reps; r++) {
      for (const name of READS) {
        for (let i = 0; i < stores.length; i++) {
          const s = stores[(i + r) % stores.length];
          const sample = await s.c.call('read', { name });
          (s.samples[name] ??= []).push(sample);
        }
      }
    }
    const summary = stores.map((s) => {
      const reads = {};
      for (const name of READS) {
        const ms = s.samples[name].map((x) => x.ms).sort((a, b) => a - b);
        const load = s.samples[name].reduce((a, x) => a + x.load, 0) / s.samples[name].length;
        reads[name] = { p50: r1(quantile(ms, 0.5)), p95: r1(quantile(ms, 0.95)), load: r1(load) };
      }
      return { size: s.size, rows: s.rows, open_ms: s.open_ms, fill_ms: s.fill_ms, peers: s.peers, reads };
    });
    for (const [i, s] of stores.entries()) console.log(JSON.stringify({ ...summary[i], tables: await s.c.call('bytes') }));
    const base = summary.find((s) => s.size === 0);
    console.log(`\nms, median / p95 (mean load average) of ${reps} interleaved calls; ratio: median / the empty store's median`);
    console.log(`| read | ${summary.map((s) => `${s.rows.toLocaleString('en')} rows`).join(' | ')} |`);
    console.log(`|---|${summary.map(() => '---|').join('')}`);
    for (const name of READS) {
      const cells = summary.map((s) => {
        const x = s.reads[name];
        const ratio = base && s !== base ? `, ×${(x.p50 / base.reads[name].p50).toFixed(2)}` : '';
        return `${x.p50} / ${x.p95} (${x.load}${ratio})`;
      });
      console.log(`| ${name}${DONE_WHEN.includes(name) ? ' *' : ''} | ${cells.join(' | ')} |`);
    }
    console.log('* a done-when read: within 2× of the empty store at 10 M, 3× at 100 M (medians)');
    if (values.explain) {
      console.log('\nEXPLAIN ESTIMATE of the store queries each read makes: table parts/marks/rows, one entry per query');
      console.log(`| read | ${summary.map((s) => `${s.rows.toLocaleString('en')} rows`).join(' | ')} |`);
      console.log(`|---|${summary.map(() => '---|').join('')}`);
      for (const name of READS) {
        const cells = [];
        for (const s of stores) cells.push((await s.c.call('explain', { name })).join('; '));
        console.log(`| ${name} | ${cells.join(' | ')} |`);
      }
    }
  } finally {
    for (const s of stores) {
      await s.c.call('close').catch(() => {});
      await s.c.exited;
      if (s.temp && !values.keep) rmSync(s.dir, { recursive: true, force: true });
    }
  }
}

/**
 * `--check N`: N rows filled through the views and N filled fast (the same rows: one time anchor,
 * chunks of N/3 and batches of two chunks, so the fast fill spans several inserts and batches), each in its own store; the derived tables
 * (and the analyses and findings) compared row by row after a merge. Exits 1 on any difference.
 */
async function check(n) {
  const now = Date.now();
  const chunk = Math.ceil(n / 3);
  const out = {};
  for (const fast of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-store-scale-check-'));
    const c = startChild(dir);
    try {
      await c.ready;
      const { fill_ms } = await c.call('fill', { size: n, fast, now, chunk, batch: 2 * chunk, noProbe: true });
      out[fast ? 'fast' : 'views'] = { fill_ms, tables: await c.call('contents') };
    } finally {
      await c.call('close').catch(() => {});
      await c.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  let differ = 0;
  for (const [table, rows] of Object.entries(out.views.tables)) {
    const fast = out.fast.tables[table];
    const bad = rows.map((_, i) => i).filter((i) => rows[i] !== fast[i]);
    if (rows.length !== fast.length) bad.push(Math.min(rows.length, fast.length));
    differ += bad.length;
    console.log(
      `store-scale --check: ${table}: ${rows.length} rows through the views, ${fast.length} fast, ${bad.length} differ`,
    );
    for (const i of bad.slice(0, 3)) console.log(`  row ${i}:\n    views ${rows[i]}\n    fast  ${fast[i]}`);
  }
  console.log(
    `store-scale --check: ${n.toLocaleString('en')} rows filled in ${out.views.fill_ms} ms through the views, ${out.fast.fill_ms} ms fast: ${differ === 0 ? 'same contents' : 'DIFFERENT'}`,
  );
  if (differ > 0) process.exitCode = 1;
}

if (process.argv[2] === '--store') await child(process.argv[3]);
else await parent();
