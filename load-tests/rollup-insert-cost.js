#!/usr/bin/env node
/**
 * `node load-tests/rollup-insert-cost.js [--batches 60] [--size 200] [--rounds 3]` (after
 * `npx tsc -b`): what the materialized views on `analyses` (the rollups of migrations 0007, 0008,
 * 0011, …) cost per write batch. Writes the same batches of analyses through `store.writeAnalyses`
 * (the pipeline's write: the previous analyses read, findings, analyses and every view) into fresh
 * embedded stores, alternating a store with its views and one whose views were dropped, `--rounds`
 * times each, and prints the median milliseconds per batch of each, their difference (the views'
 * cost) and its share, and the CPU time the process spent per batch (every thread: chdb runs in
 * this process, so its inserts, views and merges count; less moved by other load than wall time).
 * Half of each batch is new subjects, a quarter re-deliveries, a quarter
 * re-analyses that move a subject to another category (the views' three cases).
 * `--drop a_mv,b_mv` drops only those views in the "without" store (the cost of some views).
 * `--settings k=v,…` adds ClickHouse settings to every insert of the "with views" store (to
 * measure e.g. `parallel_view_processing=1`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from '../packages/store/dist/src/index.js';

const { values } = parseArgs({
  options: {
    batches: { type: 'string', default: '60' },
    size: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    settings: { type: 'string', default: '' },
    drop: { type: 'string', default: '' },
  },
});
const BATCHES = Number(values.batches);
const SIZE = Number(values.size);
const ROUNDS = Number(values.rounds);
const SETTINGS = Object.fromEntries(
  values.settings
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('=')),
);
const CATEGORIES = ['hardware', 'software', 'infrastructure', 'model', 'environment'];

function analysis(id, n) {
  const category = CATEGORIES[n % CATEGORIES.length];
  return {
    subject_kind: 'episode',
    subject_id: id,
    org_id: 'fleet',
    analyzer_version: '1.0.0',
    analyzed_at: new Date().toISOString(),
    fingerprint: `fp-${n % 50}`,
    signature: 's',
    source: 'heuristic',
    findings: [
      {
        code: `${category}_code`,
        title: `${category} failure on robot-${n % 100}`,
        description: 'synthetic',
        category,
        contributing_factor: 'unknown',
        severity: 'high',
        confidence: 0.9,
        confidence_band: 'high',
        evidence: { episode: id },
        suggested_action: 'look',
      },
    ],
  };
}

/** Batch b: half new subjects, a quarter re-delivered from the previous batch, a quarter moved to another category. */
function batch(b) {
  const rows = [];
  for (let i = 0; i < SIZE; i++) {
    const fresh = i < SIZE / 2;
    const prev = b > 0 && !fresh;
    const id = prev ? `ep-${b - 1}-${i - SIZE / 2}` : `ep-${b}-${i}`;
    const moved = prev && i >= (3 * SIZE) / 4;
    rows.push({
      analysis: analysis(id, moved ? i + 1 : i - (prev ? SIZE / 2 : 0)),
      occurredAt: new Date(Date.now() - (i % 48) * 3_600_000).toISOString(),
      robotId: `robot-${i % 100}`,
    });
  }
  return rows;
}

async function run(withViews) {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-insert-cost-'));
  const store = await Store.open({ dataDir: dir });
  try {
    const views = await store.rows(
      `SELECT name FROM system.tables WHERE database = {db:String} AND engine = 'MaterializedView' ORDER BY name`,
      { db: store.database },
    );
    const dropped = values.drop ? values.drop.split(',') : views.map((v) => v.name);
    if (!withViews) for (const v of dropped) await store.client.command({ query: `DROP VIEW ${store.database}.${v}` });
    if (withViews && Object.keys(SETTINGS).length) {
      store.insert = async (table, rows) => {
        if (rows.length === 0) return;
        await store.client.insert({ table: store.t(table), values: rows, format: 'JSONEachRow', clickhouse_settings: SETTINGS });
      };
    }
    const times = [];
    const cpu0 = process.cpuUsage();
    for (let b = 0; b < BATCHES; b++) {
      const rows = batch(b);
      const t0 = performance.now();
      await store.writeAnalyses(rows);
      times.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    return {
      ms: times[Math.floor(times.length / 2)],
      cpuMs: (cpu.user + cpu.system) / 1000 / BATCHES,
      views: withViews ? views.map((v) => v.name) : [],
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const withTimes = [];
const withoutTimes = [];
const withCpu = [];
const withoutCpu = [];
let viewNames = [];
for (let r = 0; r < ROUNDS; r++) {
  const w = await run(true);
  viewNames = w.views;
  withTimes.push(w.ms);
  withCpu.push(w.cpuMs);
  const wo = await run(false);
  withoutTimes.push(wo.ms);
  withoutCpu.push(wo.cpuMs);
  console.log(
    JSON.stringify({
      round: r + 1,
      with_views_ms: round(w.ms),
      without_views_ms: round(wo.ms),
      with_views_cpu_ms: round(w.cpuMs),
      without_views_cpu_ms: round(wo.cpuMs),
      load: loadavg()[0],
    }),
  );
}
const med = (l) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)];
const withMs = med(withTimes);
const withoutMs = med(withoutTimes);
console.log(
  JSON.stringify({
    batch: SIZE,
    batches: BATCHES,
    views: viewNames,
    dropped_without: values.drop || 'all',
    settings: SETTINGS,
    with_views_ms_per_batch: round(withMs),
    without_views_ms_per_batch: round(withoutMs),
    views_ms_per_batch: round(withMs - withoutMs),
    views_share: round((withMs - withoutMs) / withMs),
    with_views_cpu_ms_per_batch: round(med(withCpu)),
    without_views_cpu_ms_per_batch: round(med(withoutCpu)),
  }),
);

function round(x) {
  return Math.round(x * 100) / 100;
}
