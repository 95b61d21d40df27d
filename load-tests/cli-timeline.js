#!/usr/bin/env node
/**
 * `node load-tests/cli-timeline.js [--records N]` (default 30,000): where a batch's wall time goes in
 * the CLI replay (the benchmark's mixed records through `analyzeFile`, as cli-replay.js runs them).
 * Each batch's steps are timestamped (the pipeline's hop marks, the store's row encoding and chdb's
 * statements, each chunk handed to the pool and answered, the batch's last output line) and printed:
 * the first twelve batches, then the means over the steady batches (the first three and the last two
 * left out): the interval between commits, each step's duration, the pool's idle time between
 * batches, each statement's wall time; and the CPU the process, its main thread and its analyzer
 * worker used over the steady window (cores), and how much of that window the worker was busy by its
 * own clock. It wraps private methods of the store and the pool (`insertRaw`, `runChunk`): a
 * measuring tool, not an API (load-tests/README.md, "measured, not adopted" of session 17).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel } from 'node:diagnostics_channel';
import { readdirSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { analyzeFile } from '../apps/faultline/dist/src/analyze.js';
import { loadConfig } from '../packages/config/dist/src/index.js';
import { Store } from '../packages/store/dist/src/index.js';
import * as analyzer from '../services/analyzer/dist/src/index.js';
import { linesInput, mixedRecords } from './mixed-records.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '30000' } } });
const count = Number(values.records);

const als = new AsyncLocalStorage();
const batches = []; // per batch: events [{ev, t}]
let nextBatch = 0;
const t0 = performance.now();
const now = () => performance.now() - t0;
const threadCpu = () => {
  let main = 0,
    all = 0;
  const by = {};
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const v = (Number(f[11]) + Number(f[12])) * 10;
      all += v;
      by[tid] = v;
      if (tid === String(process.pid)) main = v;
    } catch {}
  }
  return { main, all, by };
};
const ev = (b, name, extra) => {
  if (b === undefined) return;
  batches[b].push({
    ev: name,
    t: now(),
    ...(extra ?? {}),
    ...(name === 'persisted' ? { cpu: process.cpuUsage(), th: threadCpu() } : {}),
  });
};

const origProcess = analyzer.Pipeline.prototype.processBatch;
analyzer.Pipeline.prototype.processBatch = function (items, runId) {
  const b = nextBatch++;
  batches[b] = [];
  ev(b, 'start');
  const lastLine = items.at(-1)?.line;
  lineToBatch.set(lastLine, b);
  const p = als.run(b, () => origProcess.call(this, items, runId));
  p.then(
    () => ev(b, 'resolved'),
    () => ev(b, 'rejected'),
  );
  return p;
};
const lineToBatch = new Map();
const chunks = []; // {posted, done, busyMs, osThreadId}
const origRunChunk = analyzer.AnalyzerPool.prototype.runChunk;
analyzer.AnalyzerPool.prototype.runChunk = function (chunk) {
  if (!this.__wrapped) {
    this.__wrapped = true;
    const run = this.piscina.run.bind(this.piscina);
    this.piscina.run = (task, opts) => {
      const c = { posted: now(), n: task.tasks.length };
      chunks.push(c);
      const p = run(task, opts);
      p.then((o) => {
        c.done = now();
        c.busyMs = o.busyMs;
        c.tid = o.osThreadId;
      });
      return p;
    };
  }
  return origRunChunk.call(this, chunk);
};

const hopNames = new Set(['pipeline.joined', 'pipeline.analyzed', 'pipeline.recordsStored', 'pipeline.persisted']);
channel('faultline:hop').subscribe((m) => {
  if (!hopNames.has(m.hop)) return;
  ev(als.getStore(), m.hop.slice(9));
});

const origInsertRaw = Store.prototype.insertRaw;
Store.prototype.insertRaw = async function (table, columns, rows, rawInsert) {
  const b = als.getStore();
  const short = table.replace(/^.*\./, '');
  ev(b, `enc:${short}`);
  const wrapped = async (params) => {
    ev(b, `ins:${short}`, { bytes: params.values.length });
    try {
      return await rawInsert(params);
    } finally {
      ev(b, `end:${short}`);
    }
  };
  return origInsertRaw.call(this, table, columns, rows, wrapped);
};
const origRows = Store.prototype.rows;
Store.prototype.rows = async function (q, p) {
  const b = als.getStore();
  const table = /\bFROM\s+(?:[\w`"]+\.)?[`"]?(\w+)/i.exec(q)?.[1] ?? '?';
  ev(b, `read:${table}`);
  try {
    return await origRows.call(this, q, p);
  } finally {
    ev(b, `readend:${table}`);
  }
};

const lines = [...mixedRecords(count)];
const { stdin, bytes } = linesInput(lines);
// The output of batch b: written when its last line is written.
const stdout = new Writable({
  write(chunk, _enc, cb) {
    // One line per write, or several (the CLI writes its lines in slices since the thirteenth landing).
    for (const m of chunk.toString().matchAll(/^\{"line":(\d+)/gm)) {
      if (lineToBatch.has(Number(m[1]))) ev(lineToBatch.get(Number(m[1])), 'output_last');
    }
    cb();
  },
});
const elu0 = performance.eventLoopUtilization();
const cpu0 = process.cpuUsage();
const started = performance.now();
await analyzeFile({ input: '-', stdin, stdinBytes: bytes, stdout, config: loadConfig(process.env), progressMs: 0 });
const secs = (performance.now() - started) / 1000;
const elu = performance.eventLoopUtilization(elu0);
const cpu = process.cpuUsage(cpu0);
console.log(
  `${count} records, ${secs.toFixed(2)} s, ${(count / secs).toFixed(0)} records/s, CPU ${((cpu.user + cpu.system) / count) | 0} µs/record, main-thread ELU ${elu.utilization.toFixed(3)}`,
);

// Per batch: durations relative to its start; and intervals of the store steps.
const rel = (b, name, which = 'first') => {
  const list = batches[b].filter((e) => e.ev === name);
  const e = which === 'first' ? list[0] : list.at(-1);
  return e?.t;
};
const rows = [];
for (let b = 0; b < batches.length; b++) {
  const s = rel(b, 'start');
  const recEnc = Math.min(
    ...batches[b].filter((e) => /^enc:(logs|traces|episodes|eval_results|verification_results)$/.test(e.ev)).map((e) => e.t),
  );
  const recInsEnds = batches[b]
    .filter((e) => /^end:(logs|traces|episodes|eval_results|verification_results)$/.test(e.ev))
    .map((e) => e.t);
  const r = {
    b,
    start: s,
    joined: rel(b, 'joined'),
    recEncStart: recEnc,
    recordsStored: rel(b, 'recordsStored'),
    analyzed: rel(b, 'analyzed'),
    anaEnc: rel(b, 'enc:analyses'),
    anaIns: rel(b, 'ins:analyses'),
    anaEnd: rel(b, 'end:analyses', 'last'),
    persisted: rel(b, 'persisted'),
    resolved: rel(b, 'resolved'),
    output: rel(b, 'output_last'),
    readsMs: 0,
  };
  r.recInsLast = Math.max(...recInsEnds);
  rows.push(r);
}
const fmt = (x) => (x === undefined || !Number.isFinite(x) ? '   -   ' : x.toFixed(1).padStart(7));
console.log(
  'batch | start | joined | recEnc | recStored | analyzed | anaEnc | anaIns | anaEnd | persisted | output   (ms since run start)',
);
for (const r of rows.slice(0, 12)) {
  console.log(
    [r.b, r.start, r.joined, r.recEncStart, r.recordsStored, r.analyzed, r.anaEnc, r.anaIns, r.anaEnd, r.persisted, r.output]
      .map(fmt)
      .join(' '),
  );
}
// Steady state (skip the first 3 batches and the last 2): means per batch
const mid = rows.slice(3, -2);
{
  const a = batches[3].find((e) => e.ev === 'persisted'),
    z = batches[batches.length - 3].find((e) => e.ev === 'persisted');
  const wall = z.t - a.t;
  const cpu = (z.cpu.user + z.cpu.system - a.cpu.user - a.cpu.system) / 1000;
  const wt = chunks.find((c) => c.tid)?.tid;
  const wcpu = (z.th.by[wt] ?? 0) - (a.th.by[wt] ?? 0);
  console.log(
    `worker thread CPU ${(wcpu / wall).toFixed(2)} cores; other threads ${((z.th.all - a.th.all - wcpu - (z.th.main - a.th.main)) / wall).toFixed(2)} cores`,
  );
  console.log(
    `steady window ${wall.toFixed(0)} ms: process CPU ${cpu.toFixed(0)} ms = ${(cpu / wall).toFixed(2)} cores; main thread ${((z.th.main - a.th.main) / wall).toFixed(2)} cores; ${((((batches.length - 6) * 1000) / wall) * 1000).toFixed(0)} records/s`,
  );
}
{
  const a = batches[3].find((e) => e.ev === 'persisted').t,
    z = batches[batches.length - 3].find((e) => e.ev === 'persisted').t;
  const inWin = chunks.filter((c) => c.posted >= a && c.done <= z && c.busyMs !== undefined);
  const busy = inWin.reduce((x, c) => x + c.busyMs, 0);
  const rt = inWin.reduce((x, c) => x + (c.done - c.posted), 0);
  console.log(
    `worker: ${inWin.length} chunks in the window; busy (its own clock) ${(busy / (z - a)).toFixed(3)} of the wall; post->result ${(rt / (z - a)).toFixed(3)} of the wall; mean chunk busy ${(busy / inWin.length).toFixed(1)} ms, post->result ${(rt / inWin.length).toFixed(1)} ms`,
  );
  // gaps: previous result -> next post
  let g = 0;
  for (let k = 1; k < inWin.length; k++) g += Math.max(0, inWin[k].posted - inWin[k - 1].done);
  console.log(`worker: sum of gaps (a result back -> next chunk posted) ${(g / (z - a)).toFixed(3)} of the wall`);
}
const gaps = [];
for (let k = 1; k < mid.length; k++) gaps.push(mid[k].persisted - mid[k - 1].persisted);
console.log(
  `steady batches: ${mid.length}; mean interval between commits ${(gaps.reduce((a, x) => a + x, 0) / gaps.length).toFixed(1)} ms`,
);
const stat = (label, f) => {
  const v = mid
    .map(f)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(52)} mean ${(v.reduce((a, x) => a + x, 0) / v.length).toFixed(1).padStart(6)} ms  p50 ${v[v.length >> 1].toFixed(1).padStart(6)}  p90 ${v[Math.floor(v.length * 0.9)].toFixed(1).padStart(6)}`,
  );
};
stat('start -> joined (validate, wait prev analyzed, prefetch, join)', (r) => r.joined - r.start);
stat('joined -> records encode start (wait prev committed)', (r) => r.recEncStart - r.joined);
stat('records encode start -> records stored', (r) => r.recordsStored - r.recEncStart);
stat('records encode start -> analyzed', (r) => r.analyzed - r.recEncStart);
stat('joined -> analyzed (analysis on the pool)', (r) => r.analyzed - r.joined);
stat('records stored -> analyses encode start', (r) => r.anaEnc - r.recordsStored);
stat('analyses encode (enc -> native call)', (r) => r.anaIns - r.anaEnc);
stat('analyses native insert', (r) => r.anaEnd - r.anaIns);
stat('analyses encode start -> persisted', (r) => r.persisted - r.anaEnc);
stat('persisted -> output last line', (r) => r.output - r.persisted);
stat('records encode start -> persisted (store steps)', (r) => r.persisted - r.recEncStart);
// what the next batch waits for: prev persisted -> this batch's records encode
const waits = [];
for (let k = 1; k < mid.length; k++) waits.push(mid[k].recEncStart - mid[k - 1].persisted);
waits.sort((a, b) => a - b);
console.log(
  `  prev persisted -> next records encode start: mean ${(waits.reduce((a, x) => a + x, 0) / waits.length).toFixed(1)} p50 ${waits[waits.length >> 1].toFixed(1)}`,
);
const bj = [];
for (let k = 1; k < mid.length; k++) bj.push(mid[k].joined - mid[k - 1].analyzed);
bj.sort((a, b) => a - b);
console.log(
  `  prev analyzed -> next joined (the pool idle between batches): mean ${(bj.reduce((a, x) => a + x, 0) / bj.length).toFixed(1)} p50 ${bj[bj.length >> 1].toFixed(1)} p90 ${bj[Math.floor(bj.length * 0.9)].toFixed(1)}`,
);
const aw = [];
for (let k = 1; k < mid.length; k++) aw.push(mid[k].analyzed - mid[k - 1].persisted);
aw.sort((a, b) => a - b);
console.log(
  `  next analyzed - prev persisted (negative: analysis done before store turn): mean ${(aw.reduce((a, x) => a + x, 0) / aw.length).toFixed(1)} p50 ${aw[aw.length >> 1].toFixed(1)}`,
);
// per-table native insert wall and encode
const per = new Map();
for (const list of batches.slice(3, -2)) {
  const enc = new Map();
  for (const e of list) {
    const [kind, table] = e.ev.split(':');
    if (kind === 'enc') enc.set(table, e.t);
    if (kind === 'ins') {
      const p = per.get(table) ?? { enc: 0, ins: 0, n: 0, bytes: 0, _s: 0 };
      p.enc += e.t - enc.get(table);
      p._s = e.t;
      p.bytes += e.bytes;
      per.set(table, p);
    }
    if (kind === 'end') {
      const p = per.get(table);
      p.ins += e.t - p._s;
      p.n += 1;
    }
    if (kind === 'read') enc.set(`r${table}`, e.t);
    if (kind === 'readend') {
      const p = per.get(`read ${table}`) ?? { enc: 0, ins: 0, n: 0, bytes: 0 };
      p.ins += e.t - enc.get(`r${table}`);
      p.n += 1;
      per.set(`read ${table}`, p);
    }
  }
}
for (const [t, p] of per)
  console.log(
    `  ${t.padEnd(24)} n ${String(p.n).padStart(4)}  encode ${(p.enc / p.n).toFixed(2).padStart(6)} ms  statement wall ${(p.ins / p.n).toFixed(2).padStart(6)} ms  bytes ${(p.bytes / p.n / 1024).toFixed(0)} KiB`,
  );
