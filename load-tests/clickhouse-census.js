#!/usr/bin/env node
/**
 * `node load-tests/clickhouse-census.js [--records N] [--store temp|service] [--merges] [--events]`:
 * where ClickHouse's CPU goes in the CLI's pipeline, per kind of work. Runs N (default 100,000) of
 * the benchmark's mixed records through `analyzeFile` as cli-replay.js does, on the CLI's temporary
 * store (`--store temp`, the default: no rollup views, merges less) or on a store as migrated, every
 * view kept: the service's schema (`--store service`: a `--data-dir` store under the OS temp dir).
 * Prints:
 *
 * - CPU per record by thread name, sampled by a child process from /proc every 10 ms
 *   (lib/thread-sampler.js). ClickHouse's pool threads take the name of the job they run
 *   (`MergeMutate`: merges; `QueryPipelineEx`, `QueryCompPipeEx`, `QueryPullPipeEx`: a statement's
 *   pipeline; `RuntimeData`: the materialized views' pipelines; `ChunkParser`, `Segmentator`: an
 *   insert's parallel parsing; `BgSchPool`: cleanups, TTL scheduling) and `ThreadPool` between
 *   jobs; libuv's pool runs chdb's statements themselves (parse, plan, the raw insert, what the
 *   pipeline runs in the calling thread); V8's platform threads (garbage collection, compilation)
 *   are told from libuv's by starting with the process; the main thread and the analyzer workers
 *   by their ids.
 * - ClickHouse's own counters over the run (system.events; chdb 3.4 has no query_log, part_log or
 *   metric_log, not even with a config file naming them): statements, parts written, merges
 *   (count, source parts, rows and uncompressed bytes read and rewritten), mutations, rows read
 *   back, and the CPU its thread groups measured themselves. `--events` prints every counter that
 *   moved; `--merges` polls system.merges every 20 ms and prints the merges seen per table
 *   (shorter ones are missed); `--merge-base B` opens the store with merge_selector_base B.
 * - The parts and bytes on disk per table at the end (system.parts, active parts).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { analyzeFile } from '../apps/faultline/dist/src/analyze.js';
import { loadConfig } from '../packages/config/dist/src/index.js';
import { Store } from '../packages/store/dist/src/index.js';
import * as analyzer from '../services/analyzer/dist/src/index.js';
import { startThreadSampler } from './lib/thread-sampler.js';
import { linesInput, mixedRecords } from './mixed-records.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    store: { type: 'string', default: 'temp' },
    merges: { type: 'boolean', default: false },
    events: { type: 'boolean', default: false },
    'merge-base': { type: 'string' },
  },
});
const count = Number(values.records);
if (values.store !== 'temp' && values.store !== 'service') throw new Error('--store temp|service');
const lines = [...mixedRecords(count)];

// V8's platform threads (4 workers and its delayed-task runner) start with the process, before any
// script runs; libuv's pool (where chdb's statements run) starts at its first use, loading the
// modules included. Both are named "node": the platform's are the five first after the main thread.
const early = new Set(
  readdirSync('/proc/self/task')
    .filter((tid) => tid !== String(process.pid))
    .sort((a, b) => a - b)
    .slice(0, 5),
);
const sampler = startThreadSampler(process.pid);
await sampler.ready;

// The store analyzeFile opens: its system.events when it opens and just before it closes.
let store;
let eventsAtOpen;
let eventsAtClose;
let partsAtClose;
const events = async (s) =>
  new Map((await s.rows('SELECT name, value FROM system.events')).map((r) => [r.name, Number(r.value)]));
// --merges: system.merges polled every 20 ms (merges shorter than that are mostly missed):
// per table the merges seen, their source rows, uncompressed bytes and wall time.
const merges = new Map();
let watching = true;
function watchMerges(s) {
  const poll = async () => {
    while (watching) {
      try {
        for (const m of await s.rows(
          'SELECT table, result_part_name AS part, elapsed, rows_read, bytes_read_uncompressed AS bytes, is_mutation FROM system.merges',
        ))
          merges.set(`${m.table}/${m.part}`, m);
      } catch {
        // the store closed
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  poll();
}
const open = Store.open.bind(Store);
Store.open = async (options) => {
  // --merge-base B (for measuring a setting): the store opened with merge_selector_base B.
  const base = values['merge-base'];
  store = await open(base ? { ...options, mergeSelectorBase: Number(base) } : options);
  eventsAtOpen = await events(store);
  if (values.merges) watchMerges(store);
  const close = store.close.bind(store);
  store.close = async () => {
    eventsAtClose = await events(store);
    partsAtClose = await store.rows(
      `SELECT table, count() AS parts, sum(rows) AS rows, sum(bytes_on_disk) AS bytes, sum(data_uncompressed_bytes) AS raw, max(level) AS level
       FROM system.parts WHERE active AND database = {db:String} GROUP BY table ORDER BY bytes DESC`,
      { db: store.database },
    );
    return close();
  };
  return store;
};

const dataDir = values.store === 'service' ? mkdtempSync(join(tmpdir(), 'clickhouse-census-')) : undefined;
const config = loadConfig(process.env);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// The input's size is known (as a file's is): the temporary store is placed as the CLI's is.
const { stdin, bytes } = linesInput(lines);
const stdout = new Writable({ write: (_c, _e, cb) => cb() });
await analyzeFile({ input: '-', stdin, stdinBytes: bytes, stdout, config, progressMs: 0, ...(dataDir ? { dataDir } : {}) });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const threads = await sampler.stop();
if (dataDir) rmSync(dataDir, { recursive: true, force: true });

const perRecord = (s) => ((s * 1e6) / count).toFixed(0);
const workers = new Set([...(analyzer.analyzerThreadIds?.() ?? [])].map(String));
const byName = new Map();
let sampled = 0;
for (const [tid, names] of threads)
  for (const [name, spent] of names) {
    sampled += spent;
    const kind =
      tid === String(process.pid)
        ? 'main thread'
        : workers.has(tid)
          ? 'analyzer worker'
          : name === 'node'
            ? early.has(tid)
              ? "V8's platform"
              : "libuv's pool"
            : name;
    byName.set(kind, (byName.get(kind) ?? 0) + spent);
  }
const all = (cpu.user + cpu.system) / 1e6;
console.log(
  `ClickHouse census: ${count} mixed records, the CLI's pipeline on ${values.store === 'temp' ? "the CLI's temporary store" : 'a store as migrated (every view: the service schema)'}; ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(0)} records/s`,
);
console.log(`CPU of the process: ${perRecord(all)} µs per record (threads sampled: ${perRecord(sampled)})`);
console.log('CPU by thread name (µs per record, threads that spent any):');
for (const [name, spent] of [...byName].sort((a, b) => b[1] - a[1]))
  console.log(`  ${name.padEnd(24)} ${perRecord(spent).padStart(5)}`);

const delta = (name) => (eventsAtClose?.get(name) ?? 0) - (eventsAtOpen?.get(name) ?? 0);
const per = (name, unit = 1) => ((delta(name) * unit) / count).toFixed(2);
console.log("ClickHouse's counters over the run (system.events), per record:");
console.log(
  `  its thread groups' CPU: ${((delta('UserTimeMicroseconds') + delta('SystemTimeMicroseconds')) / count) | 0} µs (user ${per('UserTimeMicroseconds')}, system ${per('SystemTimeMicroseconds')})`,
);
console.log(
  `  statements per 1,000 records: ${per('InsertQuery', 1000)} inserts, ${per('SelectQuery', 1000)} selects, ${per('Query', 1000)} in all; parts written ${(((delta('InsertedCompactParts') + delta('InsertedWideParts')) * 1000) / count).toFixed(1)} (wide ${per('InsertedWideParts', 1000)})`,
);
console.log(
  `  inserted: ${per('InsertedRows')} rows, ${per('InsertedBytes')} bytes; written by inserts ${per('MergeTreeDataWriterUncompressedBytes')} bytes uncompressed -> ${per('MergeTreeDataWriterCompressedBytes')} compressed`,
);
console.log(
  `  merges per 1,000 records: ${per('Merge', 1000)} (of ${per('MergeSourceParts', 1000)} parts); merged per record ${per('MergedRows')} rows, ${per('MergedUncompressedBytes')} bytes uncompressed; merge time ${per('MergeTotalMilliseconds', 1000)} µs wall per record (execute ${per('MergeExecuteMilliseconds', 1000)})`,
);
console.log(
  `  mutations per 1,000 records: ${per('MutationTotalParts', 1000)} parts (${per('MutatedRows')} rows per record, ${per('MutationTotalMilliseconds', 1000)} µs wall per record)`,
);
console.log(
  `  read back: ${per('SelectedRows')} rows, ${per('SelectedBytes')} bytes per record; ${per('SelectedParts', 1000)} parts and ${per('SelectedMarks', 1000)} marks per 1,000 records`,
);
if (partsAtClose) {
  console.log('active parts at the end (table: parts, rows, bytes on disk / uncompressed, max level):');
  for (const p of partsAtClose)
    console.log(
      `  ${p.table.padEnd(28)} ${String(p.parts).padStart(4)} ${String(p.rows).padStart(8)} ${String(p.bytes).padStart(11)} / ${String(p.raw).padStart(11)}  L${p.level}`,
    );
}
watching = false;
if (values.merges) {
  const byTable = new Map();
  for (const m of merges.values()) {
    const e = byTable.get(m.table) ?? { merges: 0, rows: 0, bytes: 0, seconds: 0 };
    e.merges++;
    e.rows += Number(m.rows_read);
    e.bytes += Number(m.bytes);
    e.seconds += Number(m.elapsed);
    byTable.set(m.table, e);
  }
  console.log('merges seen in system.merges (table: merges, rows read, uncompressed MB read, wall s at the last poll):');
  for (const [t, e] of [...byTable].sort((a, b) => b[1].seconds - a[1].seconds))
    console.log(
      `  ${t.padEnd(28)} ${String(e.merges).padStart(4)} ${String(e.rows).padStart(9)} ${(e.bytes / 1e6).toFixed(1).padStart(8)} ${e.seconds.toFixed(2).padStart(7)}`,
    );
}
if (values.events) {
  console.log('every counter that moved:');
  for (const [name, v] of eventsAtClose)
    if (v !== (eventsAtOpen.get(name) ?? 0)) console.log(`  ${name} ${v - (eventsAtOpen.get(name) ?? 0)}`);
}
