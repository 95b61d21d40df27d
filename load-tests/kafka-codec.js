#!/usr/bin/env node
/**
 * `node load-tests/kafka-codec.js [--records 20000] [--rounds 3] [--root DIR]`: CPU of the Kafka
 * transport's Avro codec per message, in this process, with no broker: the benchmark's mixed
 * records encoded (AvroCodec.encodeRecord, what ingest's publish does) and decoded
 * (decodeRecord, what the analyzer's consume does), and the analyses of those records
 * (`faultline analyze` over them first, not timed) encoded (encodeAnalysis, the findings topic)
 * and decoded (decodeAnalysis, a findings reader). Needs the schema registry of deploy/local
 * (SCHEMA_REGISTRY_URL). --root DIR measures another checkout's built codec (before/after pairs);
 * the best of --rounds rounds is printed, in µs per message, next to a JSON.parse + JSON.stringify
 * of the same values (the raw baseline).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { validateRecord } from '../packages/core/dist/src/index.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
  },
});
const registry = process.env.SCHEMA_REGISTRY_URL;
if (!registry) {
  console.error('SCHEMA_REGISTRY_URL must be set (bash deploy/local/with-stack.sh node load-tests/kafka-codec.js)');
  process.exit(2);
}
const { AvroCodec } = await import(pathToFileURL(join(values.root, 'packages/kafka/dist/src/index.js')).href);

const lines = [...mixedRecords(Number(values.records))];
const records = [];
for (const line of lines) {
  try {
    const v = validateRecord(JSON.parse(line));
    if (v.ok) records.push(v.record);
  } catch {
    /* malformed line: not publishable */
  }
}
// The analyses of those records, as the CLI makes them (this checkout's analyzer).
const dir = mkdtempSync(join(tmpdir(), 'faultline-codec-'));
writeFileSync(join(dir, 'in.jsonl'), `${lines.join('\n')}\n`);
const out = execFileSync(
  process.execPath,
  [resolve(import.meta.dirname, '../apps/faultline/dist/src/main.js'), 'analyze', join(dir, 'in.jsonl')],
  { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, FAULTLINE_DATA_DIR: dir } },
).toString();
rmSync(dir, { recursive: true, force: true });
const analyses = out
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).analysis)
  .filter(Boolean);

const codec = await AvroCodec.connect(registry, { prefix: `codec-bench-${process.pid}` });

/** CPU µs per item of `fn` over `items` (best of the rounds). */
async function time(items, fn) {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < Number(values.rounds); r++) {
    const c0 = process.cpuUsage();
    for (const item of items) await fn(item);
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / items.length);
  }
  return best;
}

const encodedRecords = await Promise.all(records.map((r) => codec.encodeRecord(r)));
const encodedAnalyses = await Promise.all(analyses.map((a) => codec.encodeAnalysis(a)));
const json = (items) => time(items, (v) => JSON.parse(JSON.stringify(v)));
const rows = [
  [
    'records',
    records.length,
    await time(records, (r) => codec.encodeRecord(r)),
    await time(encodedRecords, (b) => codec.decodeRecord(b)),
    await json(records),
  ],
  [
    'analyses',
    analyses.length,
    await time(analyses, (a) => codec.encodeAnalysis(a)),
    await time(encodedAnalyses, (b) => codec.decodeAnalysis(b)),
    await json(analyses),
  ],
];
console.log(`faultline Kafka codec benchmark (codec of ${values.root}): CPU µs per message, best of ${values.rounds} rounds`);
for (const [what, n, enc, dec, raw] of rows)
  console.log(
    `  ${what} (${n}): encode ${enc.toFixed(1)}, decode ${dec.toFixed(1)}; JSON.stringify + JSON.parse ${raw.toFixed(1)}`,
  );
