#!/usr/bin/env node
/**
 * `node load-tests/groups.js [--episodes 1000000] [--failures 100000] [--days 30] [--fingerprints 2000] [--reps 30]`
 * (after `npx tsc -b`): the failure groups' reads on the embedded store, empty and then filled, in
 * one run. Runs the embedded service (`startEmbedded`, what `npm start` runs) in this process on a
 * fresh data directory; measures `GET /api/groups` for the last 7 days (the default window), the
 * same filtered by category, and `GET /api/groups/:id` (members and example) on the empty store
 * (a group of one failure); then fills ClickHouse inside chdb: `--episodes` episodes spread over
 * the last `--days` days of which `--failures` failed, each failure an analysis (with its finding)
 * of one of `--fingerprints` fingerprints (Zipf-like: a few groups hold most failures) on 1,000
 * robots, inserted as the writer inserts a first analysis (rollup_change = 1), so ClickHouse's
 * materialized views fill the rollups exactly as in production. Then measures again.
 *
 * Prints p50 and p95 of `--reps` calls after one warm-up, per read, and the ratio filled / empty
 * (one JSON line per store, then a table). The goal (issue 15): the 7-day listing under 1 s p95.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYZER_VERSION, finding } from '../packages/core/dist/src/index.js';
import { column, insertFailures } from './lib/seed.js';
import { startInProcess } from './lib/service.js';

const { values } = parseArgs({
  options: {
    episodes: { type: 'string', default: '1000000' },
    failures: { type: 'string', default: '100000' },
    days: { type: 'string', default: '30' },
    fingerprints: { type: 'string', default: '2000' },
    reps: { type: 'string', default: '30' },
  },
});
const EPISODES = Number(values.episodes);
const FAILURES = Number(values.failures);
const DAYS = Number(values.days);
const FPS = Number(values.fingerprints);
const REPS = Number(values.reps);
const ORG = 'fleet';
const ADMIN = 'groups-bench-bootstrap-key-0123456789';
const DAY_MS = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'faultline-groups-bench-'));
const svc = await startInProcess(dir, ADMIN);
const store = svc.store;
const db = store.database;

const CODES = [
  ['battery_low', 'hardware_fault', 'battery', 'high'],
  ['actuator_fault', 'hardware_fault', 'actuator', 'high'],
  ['policy_timeout', 'timeout', 'policy', 'high'],
  ['cuda_oom', 'resource_error', 'gpu_oom', 'critical'],
  ['rate_limited', 'rate_limit', 'provider_quota', 'medium'],
  ['verification_failed', 'verification_failure', 'scenario', 'medium'],
];
const arr = (i) => column(CODES, i);

/**
 * Failure `number`: when (uniform over the window), which fingerprint (Zipf-like: the square of a
 * uniform draw picks low ranks most), which robot; the code follows the fingerprint.
 */
const failureRows = (n) => `SELECT number,
    concat('ep-', toString(number)) AS subject_id,
    fromUnixTimestamp64Milli(toInt64(${Date.now()} - cityHash64(number, 'at') % ${DAYS * DAY_MS})) AS at,
    concat('robot-', toString(cityHash64(number, 'robot') % 1000)) AS robot_id,
    toUInt64(pow((cityHash64(number, 'fp') % 1000000) / 1000000, 2) * ${FPS}) AS rank,
    lower(hex(cityHash64(rank))) AS fingerprint,
    rank % ${CODES.length} + 1 AS c,
    arrayElement(${arr(0)}, c) AS code,
    arrayElement(${arr(1)}, c) AS category,
    arrayElement(${arr(2)}, c) AS factor,
    arrayElement(${arr(3)}, c) AS severity,
    '${ANALYZER_VERSION}' AS analyzer_version
  FROM numbers(${n})`;

async function fill() {
  const t0 = Date.now();
  // Every episode (failed ones are the first FAILURES numbers), as the ingest writer stores them.
  await store.client.command({
    query: `INSERT INTO ${db}.episodes (org_id, episode_id, robot_id, source, status, started_at, ended_at, duration_s, metadata, updated_at, version)
      SELECT '${ORG}', concat('ep-', toString(number)), concat('robot-', toString(cityHash64(number, 'robot') % 1000)), 'api',
        if(number < ${FAILURES}, 'failed', 'succeeded'), at, at, 30, '{}', at, 1
      FROM (SELECT number, fromUnixTimestamp64Milli(toInt64(${Date.now()} - cityHash64(number, 'at') % ${DAYS * DAY_MS})) AS at
            FROM numbers(${EPISODES}))`,
  });
  await insertFailures(store, {
    org: ORG,
    rows: failureRows(FAILURES),
    signature: `concat(code, '|', factor, ' fault on <id> after <n> cycles (group ', toString(rank), ')')`,
  });
  return Date.now() - t0;
}

async function api(path) {
  const r = await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

async function percentiles(fn) {
  await fn();
  const times = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
}

async function measure() {
  const list = await api(`/api/groups?org=${ORG}&limit=50`);
  const top = list.items[0];
  return {
    groups_in_7d: list.items.length === 50 && list.next_cursor ? '50+' : list.items.length,
    top_group_failures_7d: top?.count_in_range ?? 0,
    list_7d_ms: await percentiles(() => api(`/api/groups?org=${ORG}`)),
    list_7d_hardware_fault_ms: await percentiles(() => api(`/api/groups?org=${ORG}&category=hardware_fault`)),
    group_7d_ms: top ? await percentiles(() => api(`/api/groups/${top.fingerprint}?org=${ORG}`)) : null,
  };
}

try {
  // The empty store: one failure, so the detail read has a group.
  const at = new Date(Date.now() - 3_600_000).toISOString();
  await store.writeAnalyses([
    {
      analysis: {
        subject_kind: 'episode',
        subject_id: 'probe',
        org_id: ORG,
        analyzer_version: ANALYZER_VERSION,
        analyzed_at: new Date().toISOString(),
        fingerprint: '00000000000000aa',
        signature: 'battery_low|battery at <n>%',
        source: 'heuristic',
        findings: [
          finding({
            code: 'battery_low',
            title: 'Battery low',
            description: 'battery at 5%',
            category: 'hardware_fault',
            contributing_factor: 'battery',
            severity: 'high',
            confidence: 0.9,
            evidence: {},
            suggested_action: 'charge',
          }),
        ],
      },
      occurredAt: at,
      robotId: 'robot-1',
    },
  ]);
  const empty = await measure();
  console.log(JSON.stringify({ store: 'empty', ...empty }));
  const fillMs = await fill();
  const filled = await measure();
  console.log(
    JSON.stringify({
      store: 'filled',
      episodes: EPISODES,
      failures: FAILURES,
      days: DAYS,
      fingerprints: FPS,
      fill_ms: fillMs,
      ...filled,
    }),
  );
  const ratio = (k) => (filled[k] && empty[k] ? Math.round((filled[k].p95 / empty[k].p95) * 10) / 10 : null);
  console.log(`\n| read (${REPS} calls) | empty p50 / p95 ms | filled p50 / p95 ms | p95 ratio |`);
  console.log('|---|---|---|---|');
  for (const [k, label] of [
    ['list_7d_ms', 'GET /api/groups (7 days)'],
    ['list_7d_hardware_fault_ms', 'GET /api/groups?category=hardware_fault (7 days)'],
    ['group_7d_ms', 'GET /api/groups/:id (members, example)'],
  ]) {
    console.log(`| ${label} | ${empty[k].p50} / ${empty[k].p95} | ${filled[k].p50} / ${filled[k].p95} | ${ratio(k)} |`);
  }
  console.log(
    `\nfilled: ${EPISODES} episodes, ${FAILURES} failures over ${DAYS} days, ${FPS} fingerprints; groups in the 7-day window: ${filled.groups_in_7d}, top group ${filled.top_group_failures_7d} failures`,
  );
} finally {
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
}
