#!/usr/bin/env node
/**
 * `node load-tests/insights.js [--episodes 1000000] [--reps 20]` (after `npx tsc -b`): the fleet
 * insight's read time (GET /api/insights/dimensions, issue 15) on a store of a million tagged
 * episodes, against the same reads on the empty store.
 *
 * Runs the embedded service (`startEmbedded`, what `npm start` runs) in this process on a fresh
 * data directory and measures the reads through the HTTP API with the bootstrap key on the empty
 * store; then fills ClickHouse inside chdb: `--episodes` runs (INSERT ... SELECT FROM numbers(),
 * 250,000 per statement) into `run_dims` with rollup_change = 1, so the materialized view builds
 * `tags_hourly` exactly as the writer's inserts do. One org, 1,000 robots, all runs inside the
 * last 7 days (the whole history is in the window: the worst case), 6 tags per run (robot_model 5
 * values by robot, firmware 8, site 10, policy_version 20, environment 3, operator 50), about 10%
 * failures over 8 factors, firmware 2.3.1 causing extra actuator faults, 500 fingerprints.
 * Then the same reads again.
 *
 * Reads (after one warm-up, `--reps` each, p50 and p95): the 7-day insight selected by factor
 * (actuator_fault), by category (hardware_fault), and by fingerprint (the raw rows' path).
 * Prints one JSON line per store state, the ratios full / empty, and the answer of the first read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startInProcess } from './lib/service.js';

const { values } = parseArgs({
  options: {
    episodes: { type: 'string', default: '1000000' },
    reps: { type: 'string', default: '20' },
  },
});
const EPISODES = Number(values.episodes);
const reps = Number(values.reps);
const ORG = 'fleet';
const ADMIN = 'insights-bench-bootstrap-key-0123456789';
const CHUNK = 250_000;
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'faultline-insights-bench-'));
const svc = await startInProcess(dir, ADMIN);
const store = svc.store;
const db = store.database;
const now = Date.now();
const to = new Date(now + 60_000).toISOString();
const from = new Date(now - 7 * DAY).toISOString();

const READS = {
  by_factor: 'factor=actuator_fault',
  by_category: 'category=hardware_fault',
  by_fingerprint: 'fingerprint=fp-actuator-1',
};

async function read(query) {
  const res = await fetch(`${svc.url}/api/insights/dimensions?org=${ORG}&${query}&from=${from}&to=${to}`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  if (res.status !== 200) throw new Error(`${query}: ${res.status} ${await res.text()}`);
  return res.json();
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(state) {
  const out = { state, episodes: 0, tags_hourly_rows: 0 };
  const counted = await store.rows(`SELECT count() AS n FROM ${db}.run_dims`);
  out.episodes = Number(counted[0]?.n ?? 0);
  const rollup = await store.rows(`SELECT count() AS n FROM ${db}.tags_hourly`);
  out.tags_hourly_rows = Number(rollup[0]?.n ?? 0);
  let first;
  for (const [name, query] of Object.entries(READS)) {
    first ??= await read(query);
    await read(query);
    const ms = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      await read(query);
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    out[name] = { p50_ms: Number(pct(ms, 50).toFixed(1)), p95_ms: Number(pct(ms, 95).toFixed(1)) };
  }
  console.log(JSON.stringify(out));
  return { out, first };
}

async function fill() {
  const start = now - 7 * DAY + 60_000;
  for (let offset = 0; offset < EPISODES; offset += CHUNK) {
    const n = Math.min(CHUNK, EPISODES - offset);
    await store.client.command({
      query: `INSERT INTO ${db}.run_dims (org_id, subject_kind, subject_id, occurred_at, outcome, category, contributing_factor,
          fingerprint, tags, version, rollup_change)
        SELECT '${ORG}', 'episode', concat('ep-', toString(number)),
          fromUnixTimestamp64Milli(toInt64(${start} + cityHash64(number, 1) % ${7 * DAY - 120_000}), 'UTC'),
          if(failed, 'failure', 'success'), if(failed, category, ''), if(failed, factor, ''),
          if(failed, if(factor = 'actuator_fault', concat('fp-actuator-', toString(number % 5)), concat('fp', toString(cityHash64(number, 5) % 500))), ''),
          map('robot_model', ['ur5e', 'franka-fr3', 'xarm7', 'kinova-gen3', 'spot-arm'][1 + robot % 5],
              'firmware', firmware,
              'site', concat('site-', toString(robot % 10)),
              'policy_version', concat('pick-v', toString(10 + cityHash64(number, 4) % 20)),
              'environment', ['prod', 'staging', 'lab'][1 + robot % 3],
              'operator', concat('op-', toString(robot % 50))),
          1, 1
        FROM (
          SELECT number, number % 1000 AS robot,
            ['2.2.0', '2.2.4', '2.1.9', '2.3.0', '2.3.1', '2.0.5', '2.2.1', '1.9.8'][1 + cityHash64(number, 2) % 8] AS firmware,
            cityHash64(number, 3) % 1000 AS draw,
            draw < 80 OR (firmware = '2.3.1' AND draw < 240) AS failed,
            if(draw >= 80, 'actuator_fault',
               ['actuator_fault', 'battery_low', 'sensor_fault', 'emergency_stop', 'grasp_failure', 'collision', 'timeout', 'unhandled_exception'][1 + cityHash64(number, 6) % 8]) AS factor,
            if(factor IN ('actuator_fault', 'battery_low', 'sensor_fault', 'emergency_stop'), 'hardware_fault',
               if(factor IN ('grasp_failure', 'collision'), 'policy_failure', 'runtime_error')) AS category
          FROM numbers(${offset}, ${n})
        )`,
    });
  }
}

try {
  const empty = await measure('empty');
  const t0 = performance.now();
  await fill();
  const fillSeconds = (performance.now() - t0) / 1000;
  const full = await measure(`${EPISODES} episodes`);
  const ratio = {};
  for (const name of Object.keys(READS)) {
    ratio[name] = Number((full.out[name].p95_ms / empty.out[name].p95_ms).toFixed(2));
  }
  const failures = await store.rows(`SELECT countIf(outcome = 'failure') AS f FROM ${db}.run_dims`);
  console.log(
    JSON.stringify({
      fill_seconds: Number(fillSeconds.toFixed(1)),
      failures: Number(failures[0]?.f),
      p95_ratio_full_over_empty: ratio,
    }),
  );
  const a = full.first;
  console.log(
    JSON.stringify(
      {
        summary: a.summary,
        selected: a.selected,
        runs: a.runs,
        test: a.test,
        dimensions: a.dimensions.slice(0, 3),
        values: a.values.slice(0, 3),
      },
      null,
      2,
    ),
  );
} finally {
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
}
