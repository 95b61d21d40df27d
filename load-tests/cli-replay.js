#!/usr/bin/env node
/**
 * `npm run bench:cli [-- --records N]`: replays N (default 100,000) mixed records through
 * the offline CLI's pipeline (analyzeFile: validation, state joins, the piscina pool under
 * per-record deadlines, output validation, the embedded ClickHouse store), and prints
 * records/s and p50/p95/p99 per-record latency (read → output line written), next to a
 * raw baseline on the same input in the same run (read + JSON.parse + JSON.stringify), and
 * the CPU time the whole process spent per record (every thread), and that of the main thread
 * alone (validation, joins, the store's row conversion and encoding, output), of the analyzer
 * workers, and of the other threads (ClickHouse's, libuv's, V8's; Linux only).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { analyzeFile } from '../apps/faultline/dist/src/analyze.js';
import { loadConfig } from '../packages/config/dist/src/index.js';
import * as analyzer from '../services/analyzer/dist/src/index.js';
import { linesInput, mixedRecords } from './mixed-records.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' } } });
const count = Number(values.records);
const lines = [...mixedRecords(count)];
// Each line timestamped as the pipeline pulls it (its latency runs from there to its output line).
const readAt = new Float64Array(count);
const { stdin, bytes } = linesInput(lines, (i, now) => {
  readAt[i] = now;
});

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// Raw baseline: the same bytes through read + parse + serialize, nothing else.
const rawStart = performance.now();
let sink = 0;
for (const l of lines) {
  try {
    sink += JSON.stringify({ line: 1, record: JSON.parse(l) }).length;
  } catch {
    sink += 1;
  }
}
const rawSeconds = (performance.now() - rawStart) / 1000;

const config = loadConfig(process.env);
const latencies = new Float64Array(count);
let pending = '';
const statuses = {};
const stdout = new Writable({
  write(chunk, _enc, cb) {
    const now = performance.now();
    pending += chunk.toString();
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const out = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const m = /^\{"line":(\d+),"kind":[^,]*,"ref":"(?:[^"\\]|\\.)*","status":"(\w+)"/.exec(out);
      if (m) {
        latencies[Number(m[1]) - 1] = now - readAt[Number(m[1]) - 1];
        statuses[m[2]] = (statuses[m[2]] ?? 0) + 1;
      }
      nl = pending.indexOf('\n');
    }
    cb();
  },
});

/**
 * CPU seconds per thread from /proc (utime + stime), sampled every 200 ms so threads that end
 * before the run does (the pool's workers) are counted up to their last sample: the main thread
 * (its id is the process id) and the rest (the analysis workers, libuv's pool running chdb's
 * queries and inserts, ClickHouse's own pools, V8's helpers).
 */
const threadCpu = new Map();
const tick = 100; // USER_HZ: Linux reports thread times in 1/100 s on every architecture node runs on
function sampleThreads() {
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threadCpu.set(tid, (Number(f[11]) + Number(f[12])) / tick);
    }
  } catch {
    // not Linux, or a thread ended while read: the figure is left out or sampled next time
  }
}
sampleThreads();
const cpuAtStart = new Map(threadCpu);
const sampler = setInterval(sampleThreads, 200);

const cpuBefore = process.cpuUsage();
const start = performance.now();
// The input's size is known (as a file's is): the temporary store is placed as for a file.
const summary = await analyzeFile({
  input: '-',
  stdin,
  stdinBytes: bytes,
  stdout,
  config,
  progressMs: 0,
});

const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuBefore);
sampleThreads();
clearInterval(sampler);
const mainTid = String(process.pid);
// The analyzer workers report their OS thread ids (builds before 2026-12-05 09:40 do not: then
// they are counted with the other threads).
const workerTids = new Set([...(analyzer.analyzerThreadIds?.() ?? [])].map(String));
let mainCpu = 0;
let workerCpu = 0;
let otherCpu = 0;
for (const [tid, seconds] of threadCpu) {
  const spent = seconds - (cpuAtStart.get(tid) ?? 0);
  if (tid === mainTid) mainCpu += spent;
  else if (workerTids.has(tid)) workerCpu += spent;
  else otherCpu += spent;
}
const sorted = Array.from(latencies).sort((a, b) => a - b);
const rate = count / seconds;
const rawRate = count / rawSeconds;
console.log(
  `faultline CLI replay benchmark: ${count} mixed records (${(bytes / 1e6).toFixed(1)} MB), ${config.workers} workers, batch ${config.batchSize}`,
);
console.log(
  `  outcomes: ${JSON.stringify(statuses)} (summary: ${summary.analyzed} analyzed, ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.timed_out} timed out)`,
);
// Where the CLI made its temporary store (apps/faultline/src/temp-place.ts; builds before it do not say).
if (summary.temporary_store)
  console.log(
    `  temporary store: ${summary.temporary_store.reason === 'ram' ? 'in RAM' : 'on disk'} (${summary.temporary_store.dir}; ${summary.temporary_store.reason})`,
  );
console.log(`  pipeline: ${rate.toFixed(0)} records/s (${seconds.toFixed(2)} s)`);
console.log(
  `  latency per record (read → output): p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
);
console.log(
  `  raw baseline (read + JSON.parse + JSON.stringify): ${rawRate.toFixed(0)} records/s; pipeline / raw = ${(rate / rawRate).toFixed(4)}`,
);
// CPU time of the whole process (every thread, the embedded ClickHouse's included) per record:
// unlike records/s, it barely moves when other processes share the cores.
console.log(
  `  CPU (user + system, all threads): ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${((cpu.user + cpu.system) / count).toFixed(0)} µs per record; wall ${seconds.toFixed(1)} s`,
);
if (threadCpu.size > 0)
  console.log(
    `  CPU by thread (/proc, 10 ms ticks): main ${((mainCpu * 1e6) / count).toFixed(0)} µs per record, ` +
      (workerTids.size > 0
        ? `analyzer workers ${((workerCpu * 1e6) / count).toFixed(0)} µs per record, other threads (ClickHouse, libuv, V8) ${((otherCpu * 1e6) / count).toFixed(0)} µs per record`
        : `other threads ${((otherCpu * 1e6) / count).toFixed(0)} µs per record (the workers' ids not reported by this build)`),
  );
if (sink < 0) console.log(sink);
