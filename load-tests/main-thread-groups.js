#!/usr/bin/env node
/**
 * `node load-tests/main-thread-groups.js PROFILE [--findings N]`: the self time of the embedded
 * service's main thread, from a V8 CPU profile written by `node load-tests/http-ingest.js
 * --cpu-prof-dir DIR` (the main thread's file is the first of the run, `CPU.*.0.001.cpuprofile`),
 * over the load window only (from the first sample in the ingest route's `publishEpisode` to the
 * last in the store's `writeAnalyses` or the pipeline's `persist`: the service's start and the bare
 * route's run left out), grouped by the nearest frame of a known module (a stack with none falls in
 * "other", node's internals), share of the busy time and, with `--findings` (the findings the levels
 * stored), µs per finding. The profile samples wall time,
 * so on a loaded machine a group's µs include the time its thread waited for a core; the shares are
 * the comparable figure.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { findings: { type: 'string' } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error('usage: node load-tests/main-thread-groups.js PROFILE [--findings N]');
  process.exit(2);
}
const findings = values.findings ? Number(values.findings) : undefined;
const p = JSON.parse(readFileSync(positionals[0], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const at = [];
let t = p.startTime;
for (const d of p.timeDeltas) at.push((t += d));
function stack(id) {
  const s = [];
  for (let q = id; q !== undefined; q = parent.get(q)) s.push(byId.get(q));
  return s;
}

let first = Number.POSITIVE_INFINITY;
let last = Number.NEGATIVE_INFINITY;
for (let i = 0; i < p.samples.length; i++)
  if (stack(p.samples[i]).some((n) => /^(publishEpisode|writeAnalyses|persist)$/.test(n.callFrame.functionName))) {
    first = Math.min(first, at[i]);
    last = Math.max(last, at[i]);
  }

const GROUPS = [
  [/load-tests/, "the benchmark's preload (hops, thread ids)"],
  [/packages\/bus\//, 'packages/bus: publish, flush, delivery, commit (with its fs calls)'],
  [/services\/ingest\//, 'services/ingest: the routes'],
  [/packages\/core\//, "packages/core: validation and redaction (the route's and the pipeline's)"],
  [/packages\/store\/|node_modules\/chdb|@clickhouse/, "packages/store and chdb's JS: row encoding, the statements' calls"],
  [/services\/analyzer\/|piscina/, 'services/analyzer and piscina: join, settle, audit rows, hand-over'],
  [/packages\/platform\//, 'packages/platform: authentication (the key hash)'],
  [
    /fastify|find-my-way|secure-json-parse|fast-json-stringify|avvio|fast-querystring|fast-uri|toad-cache|pino|@fastify/,
    'Fastify and its plugins (a frame of theirs on the stack)',
  ],
  [/services\/api\/|apps\/faultline/, 'services/api, apps/faultline'],
  [/prom-client/, 'prom-client'],
];
function group(id) {
  const s = stack(id);
  const name = s[0].callFrame.functionName;
  if (name === '(idle)') return 'idle';
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(program)') return 'V8 and native, no JavaScript frame ("(program)")';
  for (const n of s) for (const [re, label] of GROUPS) if (re.test(n.callFrame.url || '')) return label;
  // No frame of a known module on the stack: node's own internals (mostly node:http's parser, sockets
  // and streams, but also piscina's MessagePort, the perf observer, AbortSignal/DOMException of stream
  // pipelines): not attributed to Fastify.
  return 'other: node internals, no known module frame (mostly node:http)';
}
const sums = new Map();
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  if (at[i] < first || at[i] > last) continue;
  const d = p.timeDeltas[i + 1] ?? 0;
  total += d;
  const g = group(p.samples[i]);
  sums.set(g, (sums.get(g) ?? 0) + d);
}
const busy = total - (sums.get('idle') ?? 0);
console.log(
  `load window ${((last - first) / 1e6).toFixed(1)} s, main thread busy ${(busy / 1e6).toFixed(2)} s (${((100 * busy) / total).toFixed(0)}%)` +
    (findings ? `, ${findings} findings: ${(busy / findings).toFixed(0)} µs busy per finding` : ''),
);
console.log(`| group | share of busy |${findings ? ' µs per finding |' : ''}`);
for (const [g, v] of [...sums].sort((a, b) => b[1] - a[1]))
  if (g !== 'idle')
    console.log(`| ${g} | ${((100 * v) / busy).toFixed(1)}% |${findings ? ` ${(v / findings).toFixed(0)} |` : ''}`);
