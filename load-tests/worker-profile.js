#!/usr/bin/env node
/**
 * `node load-tests/worker-profile.js CHECKOUT [--records N] [--rounds R] [--out FILE.cpuprofile]`: where
 * the analyzer worker's CPU goes, as the seventh and eighth landings measured it (issue 18). A
 * worker-like driver: the mix's trace/log tasks in chunks of 64 go through the worker's own
 * `analyzeBatch` (JSON.parse of the chunk, then per task `runTask`: deadline, analysis, output
 * validation), and each answer through `structuredClone` (what crossing back to the main thread
 * costs, serialization and deserialization both); 3 warm-up rounds, then R rounds under
 * `node:inspector`'s profiler at 200 µs. Prints the CPU µs per task under the profiler (which costs
 * about as much again as the work) and the self time grouped by file, native frames (the regexes,
 * ajv's compiled checks) counted in their JS caller.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cpuOf, traceAndLogRecords } from './lib/ab.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    records: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '5' },
    out: { type: 'string' },
  },
});
if (positionals.length !== 1) {
  console.error('usage: node load-tests/worker-profile.js CHECKOUT [--records N] [--rounds R] [--out FILE.cpuprofile]');
  process.exit(2);
}
const root = resolve(positionals[0]);
const rounds = Number(values.rounds);
const core = await import(`${root}/packages/core/dist/src/index.js`);
const worker = await import(`${root}/services/analyzer/dist/src/worker.js`);
const tasks = traceAndLogRecords(core, Number(values.records)).map((record, id) => ({ id, kind: record.kind, record }));
const chunks = [];
for (let i = 0; i < tasks.length; i += 64) chunks.push({ tasks: JSON.stringify(tasks.slice(i, i + 64)), budgetMs: 30_000 });
const round = () => {
  for (const chunk of chunks) structuredClone(worker.default(chunk));
};
for (let i = 0; i < 3; i++) round();

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');
const cpu = cpuOf(() => {
  for (let i = 0; i < rounds; i++) round();
});
const { profile } = await session.post('Profiler.stop');
session.disconnect();
if (values.out) writeFileSync(values.out, JSON.stringify(profile));
const perTask = cpu / rounds / tasks.length;

/** The groups of the landings' tables, by the file of the frame (or of its nearest JS caller). */
const GROUPS = [
  ["prefilter: the patterns' word scan and requirement checks (prefilter)", /patterns\/prefilter\.js/],
  ["package messages: the anchors' scan and candidates (parts/messages)", /parts\/messages\.js/],
  ['structure readers (parts/read)', /parts\/read\.js/],
  ['robot reading (parts/robot)', /parts\/robot\.js/],
  ['telling lines (telling, gate)', /patterns\/(telling|gate)\.js/],
  [
    'pattern library: the regexes tried, classify, resolvers, wrappers, calibration',
    /patterns\/(classify|library|resolvers|wrappers|calibration|families\/)/,
  ],
  ['second opinion (model/)', /patterns\/model\//],
  [
    'extraction, findings, fingerprint (extract/, findings, fingerprint, text, crypto)',
    /src\/(extract\/|findings|fingerprint|text|taxonomy|limits)|internal\/crypto/,
  ],
  ['output validation (validate, ajv)', /validate\.js|ajv/],
  ['redaction (redact)', /redact\.js/],
  [
    "worker: analyzeBatch (the chunk's JSON.parse), runTask, deadline",
    /analyzer\/dist\/src\/worker|deadline\.js|perf\/performance/,
  ],
  ["the answers' structured clone (this driver)", /worker-profile\.js/],
  ['garbage collector', /^\(garbage collector\)$/],
];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const sums = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const t = profile.timeDeltas[i] ?? 0;
  let key = byId.get(id).callFrame.functionName;
  if (!['(garbage collector)', '(idle)', '(program)', '(root)'].includes(key)) {
    let x = id;
    while (x !== undefined && !byId.get(x).callFrame.url) x = parent.get(x);
    key = x === undefined ? '' : byId.get(x).callFrame.url;
  }
  const group = (GROUPS.find(([, re]) => re.test(key)) ?? ['other (node:inspector, builtins without a JS caller)'])[0];
  sums.set(group, (sums.get(group) ?? 0) + t);
  total += t;
});
console.log(
  `${root}: ${tasks.length} trace/log tasks, ${rounds} rounds profiled; ${perTask.toFixed(1)} CPU-µs per task under the profiler`,
);
for (const [group, t] of [...sums].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}% (~${((perTask * t) / total).toFixed(0)} µs)  ${group}`);
}
