#!/usr/bin/env node
/**
 * `node load-tests/codecs.js [--records N] [--rounds R] [--codecs 'ZSTD(3),LZ4,ZSTD(1)']`: what the
 * compression codec of the store's large text columns (ZSTD(3) as migrated: analyses' findings,
 * pattern and llm, logs' texts, traces' payload, episodes' metadata) costs in CPU at insert and at
 * merge, and in bytes on disk. The inserts the pipeline makes for N (default 5,000) mixed records
 * are captured; for each codec every table that has such a column is copied (`CREATE TABLE … AS`,
 * then its ZSTD columns given the codec), and each round replays the captured inserts into each
 * copy in turn (the order alternating round by round), then merges each copy to one part
 * (`OPTIMIZE … FINAL`). Prints per codec and round the process's CPU ms for the inserts and for
 * the merges, and the bytes on disk of the copies.
 */
import { parseArgs } from 'node:util';
import { captureInserts } from './lib/captured-inserts.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    codecs: { type: 'string', default: 'ZSTD(3),LZ4,ZSTD(1)' },
  },
});
const n = Number(args.records);
const rounds = Number(args.rounds);
// A variant: a codec, optionally followed by table settings, e.g. `ZSTD(3)+merge_selector_base=10`.
const codecs = args.codecs.split(/,(?![^(]*\))/);
const variant = (v) => {
  const [codec, ...settings] = v.split('+');
  return { codec, settings };
};
const { store, captured, done } = await captureInserts(n, 'codecs');

const zstdColumns = await store.rows(
  `SELECT table, name, type FROM system.columns WHERE database = {db:String} AND compression_codec LIKE '%ZSTD%'
   AND table IN (SELECT name FROM system.tables WHERE database = {db:String} AND engine LIKE '%MergeTree') ORDER BY table, name`,
  { db: store.database },
);
const tables = [...new Set(zstdColumns.map((c) => c.table))].filter((t) => captured.some((c) => c.table === t));
console.log(
  `captured ${captured.length} inserts for ${n} records; ZSTD columns written: ${zstdColumns
    .filter((c) => tables.includes(c.table))
    .map((c) => `${c.table}.${c.name}`)
    .join(', ')}`,
);
const inserts = captured.filter((c) => tables.includes(c.table));
const copy = (table, i) => `${table}_codec${i}`;
const cmd = (query) => store.client.command({ query });
const cpuMs = async (fn) => {
  const c0 = process.cpuUsage();
  await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const results = codecs.map(() => ({ insert: [], merge: [], merged: [], parts: [], bytes: 0, raw: 0 }));
const mergeEvents = async () =>
  Object.fromEntries(
    (await store.rows(`SELECT name, value FROM system.events WHERE name IN ('MergedUncompressedBytes')`)).map((r) => [
      r.name,
      Number(r.value),
    ]),
  );
for (let round = 1; round <= rounds; round++) {
  const order = codecs.map((_, i) => i);
  if (round % 2 === 0) order.reverse();
  for (const i of order) {
    for (const table of tables) {
      await cmd(`DROP TABLE IF EXISTS ${store.t(copy(table, i))}`);
      await cmd(`CREATE TABLE ${store.t(copy(table, i))} AS ${store.t(table)}`);
      const { codec, settings } = variant(codecs[i]);
      for (const c of zstdColumns.filter((c) => c.table === table))
        await cmd(`ALTER TABLE ${store.t(copy(table, i))} MODIFY COLUMN ${c.name} ${c.type} CODEC(${codec})`);
      if (settings.length) await cmd(`ALTER TABLE ${store.t(copy(table, i))} MODIFY SETTING ${settings.join(', ')}`);
    }
    const e0 = await mergeEvents();
    results[i].insert.push(
      await cpuMs(async () => {
        for (const { table, values } of inserts) await store.insert(copy(table, i), values);
        // and the merges they started
        for (;;) {
          const [{ n }] = await store.rows(
            `SELECT count() AS n FROM system.merges WHERE database = {db:String} AND table IN {names:Array(String)}`,
            { db: store.database, names: tables.map((t) => copy(t, i)) },
          );
          if (Number(n) === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
      }),
    );
    const e1 = await mergeEvents();
    results[i].merged.push(e1.MergedUncompressedBytes - e0.MergedUncompressedBytes);
    const [{ parts }] = await store.rows(
      `SELECT count() AS parts FROM system.parts WHERE database = {db:String} AND active AND table IN {names:Array(String)}`,
      { db: store.database, names: tables.map((t) => copy(t, i)) },
    );
    results[i].parts.push(Number(parts));
    results[i].merge.push(
      await cpuMs(async () => {
        for (const table of tables) await cmd(`OPTIMIZE TABLE ${store.t(copy(table, i))} FINAL`);
      }),
    );
    const [size] = await store.rows(
      `SELECT sum(bytes_on_disk) AS bytes, sum(data_uncompressed_bytes) AS raw FROM system.parts
       WHERE database = {db:String} AND active AND table IN {names:Array(String)}`,
      { db: store.database, names: tables.map((t) => copy(t, i)) },
    );
    results[i].bytes = Number(size.bytes);
    results[i].raw = Number(size.raw);
  }
}
console.log(
  `variant: CPU ms of the ${inserts.length} inserts and the merges they started, by round; MB merged meanwhile; parts left; CPU ms of the merges to one part; bytes on disk (uncompressed)`,
);
codecs.forEach((codec, i) => {
  const r = results[i];
  console.log(
    `  ${codec.padEnd(10)} inserts ${r.insert.map((x) => x.toFixed(0)).join(' / ')}  merged ${r.merged.map((x) => (x / 1e6).toFixed(0)).join(' / ')} MB  parts ${r.parts.join(' / ')}  merges ${r.merge.map((x) => x.toFixed(0)).join(' / ')}  ${(r.bytes / 1e6).toFixed(2)} MB (${(r.raw / 1e6).toFixed(1)} MB)`,
  );
});
await done();
