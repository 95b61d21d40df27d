#!/usr/bin/env node
/**
 * `node load-tests/json-columns.js [--records N] [--rounds R]`: what the analyses rows' JSON
 * columns (findings, pattern, rule_errors, llm: JSON text in String columns) cost to encode and
 * parse, written as escaped strings (the store's path) or as the JSON values themselves, which
 * ClickHouse reads into the String column as their text (input_format_json_read_objects_as_strings,
 * input_format_json_read_arrays_as_strings). The analyses rows of N (default 3,000) mixed records
 * are captured from the pipeline, then inserted R times (default 10) each way, alternating, into a
 * Null table of analyses' columns (parsing only) and once into a MergeTree copy to compare the
 * stored text. Prints main-thread encode ms and process CPU ms per insert (medians).
 */
import { parseArgs } from 'node:util';
import { captureInserts } from './lib/captured-inserts.js';

const { values: args } = parseArgs({
  options: { records: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '10' } },
});
const n = Number(args.records);
const rounds = Number(args.rounds);
const { store, captured: inserts, done } = await captureInserts(n, 'json-columns');
const captured = inserts.filter((c) => c.table === 'analyses').map((c) => c.values);
const raw = store.client.connection?.chdb ?? store.connection?.chdb;
const JSON_COLUMNS = ['findings', 'pattern', 'rule_errors', 'llm'];
const groups = captured.map((values) => {
  const columns = Object.keys(values[0]);
  const asText = values.map((v) => columns.map((c) => v[c]));
  const asValue = values.map((v) => columns.map((c) => (JSON_COLUMNS.includes(c) && v[c] !== '' ? JSON.parse(v[c]) : v[c])));
  return { columns, asText, asValue };
});
console.log(`${groups.length} analyses inserts, ${groups.reduce((a, g) => a + g.asText.length, 0)} rows`);
await store.client.command({ query: `CREATE TABLE ${store.t('an_null')} AS ${store.t('analyses')} ENGINE = Null` });
await store.client.command({ query: `CREATE TABLE ${store.t('an_text')} AS ${store.t('analyses')}` });
await store.client.command({ query: `CREATE TABLE ${store.t('an_value')} AS ${store.t('analyses')}` });
const base = { date_time_input_format: 'best_effort' };
const objects = { ...base, input_format_json_read_objects_as_strings: '1', input_format_json_read_arrays_as_strings: '1' };
const insert = async (table, columns, rows, settings) => {
  const t0 = performance.now();
  const payload = Buffer.from(JSON.stringify(rows).slice(1, -1));
  const encode = performance.now() - t0;
  const c0 = process.cpuUsage();
  await raw.rawInsert({ table: store.t(table), columns, values: payload, format: 'JSONCompactEachRow', settings });
  const c = process.cpuUsage(c0);
  return { encode, cpu: (c.user + c.system) / 1000, bytes: payload.length };
};
for (const g of groups) {
  await insert('an_text', g.columns, g.asText, base);
  await insert('an_value', g.columns, g.asValue, objects);
}
const same = await store.rows(
  `SELECT (SELECT groupBitXor(cityHash64(subject_id, findings, pattern, rule_errors, llm)) FROM ${store.t('an_text')}) AS a,
          (SELECT groupBitXor(cityHash64(subject_id, findings, pattern, rule_errors, llm)) FROM ${store.t('an_value')}) AS b,
          (SELECT count() FROM ${store.t('an_text')}) AS n`,
);
console.log(`stored text identical: ${same[0].a === same[0].b} (${same[0].n} rows each)`);
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const res = { text: { encode: [], cpu: [], bytes: 0 }, value: { encode: [], cpu: [], bytes: 0 } };
for (let r = 0; r < rounds; r++) {
  for (const way of r % 2 ? ['value', 'text'] : ['text', 'value']) {
    for (const g of groups) {
      const o =
        way === 'text'
          ? await insert('an_null', g.columns, g.asText, base)
          : await insert('an_null', g.columns, g.asValue, objects);
      res[way].encode.push(o.encode);
      res[way].cpu.push(o.cpu);
      res[way].bytes = o.bytes;
    }
  }
}
for (const [way, r] of Object.entries(res))
  console.log(
    `${way === 'text' ? 'escaped strings' : 'JSON values    '}: encode ${med(r.encode).toFixed(2)} ms (main thread), insert ${med(r.cpu).toFixed(2)} ms CPU (median per insert of ~${Math.round(groups.reduce((a, g) => a + g.asText.length, 0) / groups.length)} rows), last payload ${(r.bytes / 1024).toFixed(0)} kB`,
  );
await done();
