#!/usr/bin/env node
/**
 * `node load-tests/insert-format.js [N]`: what the insert format costs. The inserts the pipeline
 * makes for N (default 5,000) mixed records are captured, then replayed into the same store three
 * times as JSONEachRow and as JSONCompactEachRow (with the column list), alternating; prints wall
 * and CPU ms per replay and the wall ms per table (the materialized views' work included).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../packages/store/dist/src/index.js';
import { AnalyzerPool, Pipeline } from '../services/analyzer/dist/src/index.js';
import { mixedRecords } from './mixed-records.js';

const n = Number(process.argv[2] ?? 5000);
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
const store = await Store.open({ dataDir: join(dir, 'a') });
const captured = [];
const orig = store.insert.bind(store);
store.insert = (table, values) => {
  if (values.length) captured.push({ table, values });
  return orig(table, values);
};
const pool = new AnalyzerPool({ workers: 1, budgetMs: 10000 });
const p = new Pipeline({ store, pool, budgetMs: 10000 });
const lines = [...mixedRecords(n)];
for (let i = 0; i < lines.length; i += 1000) {
  await p.processBatch(
    lines.slice(i, i + 1000).map((l, j) => {
      try {
        return { line: i + j + 1, value: JSON.parse(l) };
      } catch {
        return { line: i + j + 1, parseError: 'x' };
      }
    }),
  );
}
await pool.close();
const byTable = {};
for (const c of captured) byTable[c.table] = (byTable[c.table] ?? 0) + c.values.length;
console.log('captured inserts', captured.length, JSON.stringify(byTable));
const client = store.client;
const t = (name) => store.t(name);
async function replay(format) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const per = {};
  for (const { table, values } of captured) {
    const s = performance.now();
    if (format === 'JSONEachRow') await client.insert({ table: t(table), values, format });
    else {
      const columns = [...new Set(values.flatMap((v) => Object.keys(v)))];
      await client.insert({
        table: t(table),
        columns,
        values: values.map((v) => columns.map((c) => v[c] ?? null)),
        format: 'JSONCompactEachRow',
      });
    }
    per[table] = (per[table] ?? 0) + performance.now() - s;
  }
  const c = process.cpuUsage(c0);
  return {
    wall: Math.round(performance.now() - w0),
    cpu: Math.round((c.user + c.system) / 1000),
    per: Object.fromEntries(Object.entries(per).map(([k, v]) => [k, Math.round(v)])),
  };
}
for (let r = 0; r < 3; r++)
  for (const f of ['JSONEachRow', 'JSONCompactEachRow']) console.log(f, JSON.stringify(await replay(f)));
await store.close();
rmSync(dir, { recursive: true, force: true });
