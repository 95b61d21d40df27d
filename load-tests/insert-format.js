#!/usr/bin/env node
/**
 * `node load-tests/insert-format.js [--records N] [--rounds R]`: what the store's inserts cost, per
 * table and per insert path. The inserts the pipeline makes for N (default 5,000) mixed records
 * are captured (table, rows), then replayed into the same store R times (default 3) through each
 * path, alternating:
 *
 * - `client JSONEachRow`: @clickhouse/client, one JSON object per row;
 * - `client JSONCompactEachRow`: @clickhouse/client, the column list and one JSON array per row
 *   (the store's path before the raw insert);
 * - `raw JSONCompactEachRow`: the rows of a group encoded by one JSON.stringify and handed to
 *   chdb as one Buffer (`connection.chdb.rawInsert`, no client stream, no SQL string concatenation);
 * - `store.insert`: whatever this build's `Store.insert` does (to compare builds).
 *
 * Prints, per path and round, wall ms and the process's CPU ms for all the inserts (chdb's threads,
 * and so the materialized views' work, included), and per table the wall µs per captured record
 * and per row. The rows are the pipeline's own (same columns, same redaction), so the figures are
 * the store's share of the pipeline's time per record. `store.insert, one per table` replays the
 * same rows with each table's inserts merged into one: what the per-insert cost is. Last, the CPU
 * per insert of `analyses` and `run_dims` with all their materialized views, without each one in
 * turn, and without any (the views are detached and attached again in this throwaway store).
 */
import { parseArgs } from 'node:util';
import { captureInserts } from './lib/captured-inserts.js';

const { values: args } = parseArgs({
  options: { records: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' } },
});
const n = Number(args.records);
const rounds = Number(args.rounds);
const { store, captured, done } = await captureInserts(n, 'insert-format');
const rowsByTable = {};
for (const c of captured) rowsByTable[c.table] = (rowsByTable[c.table] ?? 0) + c.values.length;
console.log(`captured ${captured.length} inserts for ${n} records; rows per table ${JSON.stringify(rowsByTable)}`);
const bytesByTable = {};
for (const c of captured) bytesByTable[c.table] = (bytesByTable[c.table] ?? 0) + Buffer.byteLength(JSON.stringify(c.values));
console.log(
  `JSON bytes per record by table: ${Object.entries(bytesByTable)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${(v / n).toFixed(0)}`)
    .join(', ')}`,
);

const client = store.client;
const raw = client.connection?.chdb ?? store.connection?.chdb;
const t = (name) => store.t(name);
const columnsOf = (values) => [...new Set(values.flatMap((v) => Object.keys(v)))];
const settings = { date_time_input_format: 'best_effort' };
const paths = {
  'client JSONEachRow': (table, values) => client.insert({ table: t(table), values, format: 'JSONEachRow' }),
  'client JSONCompactEachRow': (table, values) => {
    const columns = columnsOf(values);
    return client.insert({
      table: t(table),
      columns,
      values: values.map((v) => columns.map((c) => v[c] ?? null)),
      format: 'JSONCompactEachRow',
    });
  },
  'raw JSONCompactEachRow': (table, values) => {
    const columns = columnsOf(values);
    const body = JSON.stringify(values.map((v) => columns.map((c) => v[c] ?? null))).slice(1, -1);
    return raw.rawInsert({ table: t(table), columns, values: Buffer.from(body), format: 'JSONCompactEachRow', settings });
  },
  'store.insert': (table, values) => store.insert(table, values),
};
if (!raw) delete paths['raw JSONCompactEachRow'];

// The same rows with every table's inserts merged into one (what the per-insert overhead costs).
const merged = Object.entries(
  captured.reduce((acc, { table, values }) => {
    acc[table] = [...(acc[table] ?? []), ...values];
    return acc;
  }, {}),
).map(([table, values]) => ({ table, values }));
paths['store.insert, one per table'] = (table, values) => store.insert(table, values);

async function replay(insert, inserts) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const per = {};
  for (const { table, values } of inserts) {
    const s = performance.now();
    await insert(table, values);
    per[table] = (per[table] ?? 0) + performance.now() - s;
  }
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - w0, cpu: (c.user + c.system) / 1000, per };
}
for (let r = 1; r <= rounds; r++) {
  for (const [name, insert] of Object.entries(paths)) {
    const { wall, cpu, per } = await replay(insert, name.endsWith('one per table') ? merged : captured);
    const tables = Object.entries(per)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${((v * 1000) / n).toFixed(0)} (${((v * 1000) / rowsByTable[k]).toFixed(0)}/row)`)
      .join(', ');
    console.log(
      `round ${r} ${name.padEnd(26)} wall ${wall.toFixed(0)} ms, CPU ${cpu.toFixed(0)} ms = ${((cpu * 1000) / n).toFixed(0)} µs per record; wall µs per record: ${tables}`,
    );
  }
}
// What each materialized view behind a table costs per insert: the table's captured inserts
// replayed with all its views, without each one in turn, and without any (DETACH/ATTACH here only).
async function viewCost(table) {
  const inserts = captured.filter((c) => c.table === table);
  const [{ views }] = await store.rows(
    `SELECT dependencies_table AS views FROM system.tables WHERE database = {db:String} AND name = {table:String}`,
    { db: store.database, table },
  );
  const cpuPerInsert = async () => {
    const c0 = process.cpuUsage();
    for (const { values } of inserts) await store.insert(table, values);
    const c = process.cpuUsage(c0);
    return ((c.user + c.system) / 1000 / inserts.length).toFixed(1);
  };
  const detach = (v) => store.client.command({ query: `DETACH TABLE ${store.t(v)}` });
  const attach = (v) => store.client.command({ query: `ATTACH TABLE ${store.t(v)}` });
  const out = [`all ${views.length} views ${await cpuPerInsert()}`];
  for (const v of views) {
    await detach(v);
    out.push(`without ${v} ${await cpuPerInsert()}`);
    await attach(v);
  }
  for (const v of views) await detach(v);
  out.push(`no view ${await cpuPerInsert()}`);
  for (const v of views) await attach(v);
  console.log(`${table}: CPU ms per insert (${inserts.length} inserts, ${rowsByTable[table]} rows): ${out.join(', ')}`);
}
for (let r = 1; r <= rounds; r++) for (const table of ['analyses', 'run_dims']) await viewCost(table);
await done();
