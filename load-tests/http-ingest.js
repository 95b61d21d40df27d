#!/usr/bin/env node
/**
 * `npm run bench:http [-- --seconds 10 --levels 1,8,32]`: HTTP ingest → findings stored, at
 * rising load (level 0: no load, the probes alone), with autocannon against the embedded service (a child process, its own
 * data directory), next to a bare Fastify route in the same run (the ratio is the figure).
 *
 * For each load level it reports: accepted finalizes/s (HTTP 202), failed-episode findings
 * stored per second (sustained, measured until the backlog is analyzed), and the time from
 * finalize to readable findings (p50/p95/p99) of probe episodes sent during the load (each probe
 * a new episode id: a probe id reused at the next level would read the earlier level's analysis),
 * and on Linux the service process's CPU (all its threads) per finding stored, which the other
 * processes on a shared machine disturb less than the rates.
 *
 * `--hops`: also where a probe's time goes, hop by hop — the service process is started with
 * lib/hops-preload.js, which records when each probe reached each hop of the path (ingest publish,
 * bus durable, delivered, pipeline joined / analyzed / stored, committed; packages/bus/src/hops.ts);
 * printed per level as p50/p99 of each hop's share, with the client's send, 202 and readable.
 * `--cpu-prof-dir DIR`: the service process (main thread and workers) writes V8 CPU profiles there.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startService } from './lib/service.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    levels: { type: 'string', default: '1,8,32' },
    hops: { type: 'boolean', default: false },
    'cpu-prof-dir': { type: 'string' },
    threads: { type: 'boolean', default: false },
    'poll-ms': { type: 'string', default: '10' },
  },
});
const seconds = Number(values.seconds);
const levels = values.levels.split(',').map(Number);
const ADMIN = 'bench-admin-key-0123456789';
const hopsFile = values.hops ? join(tmpdir(), `faultline-hops-${process.pid}.ndjson`) : undefined;
const tidsFile = values.threads ? join(tmpdir(), `faultline-tids-${process.pid}.json`) : undefined;
const { url, stop, child } = await startService({
  env: {
    FAULTLINE_ADMIN_KEY: ADMIN,
    ...(hopsFile ? { FAULTLINE_HOPS_FILE: hopsFile } : {}),
    ...(tidsFile ? { FAULTLINE_WORKER_TIDS_FILE: tidsFile } : {}),
  },
  nodeArgs: [
    ...(hopsFile || tidsFile ? ['--import', fileURLToPath(new URL('./lib/hops-preload.js', import.meta.url))] : []),
    ...(values['cpu-prof-dir'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof-dir']] : []),
  ],
});
/** CPU seconds (user + system, all threads) of the service process so far; undefined off Linux. */
function serviceCpu() {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}
/**
 * CPU seconds of the service's threads so far by thread name (Linux /proc; node names its main
 * thread after the process, V8 and libuv threads by their role, chdb's by ClickHouse's pools).
 */
function threadCpu() {
  const out = new Map();
  let workers = new Set();
  try {
    workers = new Set(JSON.parse(readFileSync(tidsFile, 'utf8')).map(String));
  } catch {
    // not written yet
  }
  try {
    for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '#');
        const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
        const name2 = tid === String(child.pid) ? 'main' : workers.has(tid) ? 'analyzer workers' : name;
        out.set(name2, (out.get(name2) ?? 0) + (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // the thread ended
      }
    }
  } catch {
    return undefined;
  }
  return out;
}
/** Epoch ms with sub-ms resolution, comparable with the service's hop marks. */
const wall = () => performance.timeOrigin + performance.now();

const bare = Fastify();
bare.post('/api/ingest/episode/:id/finalize', async (req, reply) => reply.code(202).send({ accepted: true, ref: req.params.id }));
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

// The admin key is the bootstrap (platform) key: every call names the org (?org=default).
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
let seq = 0;
const finalizeBody = (i) =>
  JSON.stringify({
    robot_id: `robot-${i % 200}`,
    status: 'failed',
    duration_s: 10 + (i % 50),
    metadata: {
      typed: [
        { type: 'EpisodeOutcome', success: false, reason: 'object not in bin' },
        { type: 'Battery', percent: i % 30 },
      ],
      failure_reason: `Traceback (most recent call last):\n  File "rollout.py", line ${i % 300}\nRuntimeError: joint ${i % 7} exceeded torque limit`,
    },
  });

function run(target, connections, auth) {
  // Level 0: no load, the probes alone (one finalize every 200 ms): the latency of light load.
  if (connections === 0)
    return new Promise((resolve) =>
      setTimeout(
        () => resolve({ '2xx': 0, non2xx: 0, latency: { p50: 0, p99: 0 }, requests: { average: Number.NaN } }),
        auth ? seconds * 1000 : 0,
      ),
    );
  return new Promise((resolve, reject) => {
    const inst = autocannon(
      {
        url: target,
        connections,
        duration: seconds,
        method: 'POST',
        headers: auth ? headers : { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const i = seq++;
              return { ...req, path: `/api/ingest/episode/bench-${i}/finalize?org=default`, body: finalizeBody(i) };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

async function analyzedCount() {
  const r = await fetch(
    `${url}/api/trends?org=default&kind=episode&by=severity&interval=1w&from=2026-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`,
    { headers },
  );
  const body = await r.json();
  return body.points.reduce((a, p) => a + p.count, 0);
}

const pollMs = Number(values['poll-ms']);
let probes = 0;
/** GETs the probes made (each a store read or four: the service's own load, counted per level). */
let polls = 0;
/**
 * Sends one probe finalize every 200 ms during the load and measures finalize → readable findings.
 * Every probe is a new episode (ids never repeat across levels). Resolves with the sorted
 * latencies and each probe's client-side times (sent, accepted, readable; epoch ms).
 */
function probe(stopAt) {
  const samples = [];
  const clientTimes = new Map();
  const pending = [];
  const timer = setInterval(() => {
    if (Date.now() > stopAt) return;
    const n = probes++;
    const id = `probe-${n}`;
    pending.push(
      (async () => {
        const t0 = performance.now();
        const times = { sent: wall() };
        const res = await fetch(`${url}/api/ingest/episode/${id}/finalize?org=default`, {
          method: 'POST',
          headers,
          body: finalizeBody(n),
        });
        if (res.status !== 202) return;
        times.accepted = wall();
        for (;;) {
          polls++;
          const r = await fetch(`${url}/api/episodes/${id}?org=default`, { headers });
          if (r.status === 200 && (await r.json()).analysis) break;
          await new Promise((x) => setTimeout(x, pollMs));
          if (performance.now() - t0 > 60_000) return;
        }
        times.readable = wall();
        samples.push(performance.now() - t0);
        clientTimes.set(id, times);
      })(),
    );
  }, 200);
  return async () => {
    clearInterval(timer);
    await Promise.all(pending);
    return { latencies: samples.sort((a, b) => a - b), clientTimes };
  };
}

/** The path's hops in order (client: the benchmark's own times); each row is the time from the one before. */
const HOPS = [
  ['sent', 'client: finalize sent'],
  ['ingest.publish', 'ingest: route ran, publish called'],
  ['ingest.durable', 'bus: durable (write + fsync)'],
  ['accepted', 'client: 202 received'],
  ['bus.delivered', 'bus: handed to the consumer'],
  ['consumer.handed', 'consumer: batch handed to the pipeline'],
  ['pipeline.joined', 'pipeline: validated, state prefetched, joined'],
  ['pipeline.analyzed', 'pipeline: analyzed on the pool'],
  ['pipeline.recordsStored', 'store: records written'],
  ['pipeline.persisted', 'store: analyses, errors, audit written'],
  ['consumer.finished', 'consumer: after-store steps done'],
  ['bus.committed', 'bus: offsets committed'],
  ['readable', 'client: GET shows the analysis'],
];

/** Per hop, p50/p99 of the time since the hop before, over the probes that passed every hop. */
function hopTable(clientTimes) {
  const marks = new Map();
  const sizes = [];
  for (const line of readFileSync(hopsFile, 'utf8').split('\n')) {
    if (!line) continue;
    const { id, hop, at, n } = JSON.parse(line);
    if (!clientTimes.has(id)) continue;
    const m = marks.get(id) ?? {};
    m[hop] ??= at; // a redelivery's marks come later: the first pass counts
    if (hop === 'bus.delivered' && m[hop] === at) sizes.push(n);
    marks.set(id, m);
  }
  const deltas = HOPS.map(() => []);
  let complete = 0;
  for (const [id, times] of clientTimes) {
    const t = { ...marks.get(id), ...times };
    if (HOPS.some(([h]) => t[h] === undefined)) continue;
    complete++;
    for (let i = 1; i < HOPS.length; i++) deltas[i].push(t[HOPS[i][0]] - t[HOPS[i - 1][0]]);
  }
  const rows = HOPS.slice(1).map(([, label], i) => {
    const d = deltas[i + 1].sort((a, b) => a - b);
    return `      ${label.padEnd(48)} p50 ${pct(d, 50).padStart(5)} ms  p99 ${pct(d, 99).padStart(5)} ms`;
  });
  sizes.sort((a, b) => a - b);
  return [
    `    hops of ${complete} probes (time since the hop before; bus batch size p50 ${pct(sizes, 50, 0)}, p99 ${pct(sizes, 99, 0)}):`,
    ...rows,
  ].join('\n');
}

const pct = (s, p, digits = 0) =>
  s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(digits) : 'n/a';
console.log(`faultline HTTP ingest benchmark: ${seconds}s per level, levels ${levels.join(', ')} connections`);
let before = 0;
for (const c of levels) {
  const baseline = await run(bareUrl, c, false);
  const polls0 = polls;
  const stop = probe(Date.now() + seconds * 1000);
  const cpu0 = serviceCpu();
  const threads0 = values.threads ? threadCpu() : undefined;
  const t0 = performance.now();
  const result = await run(url, c, true);
  const accepted = result['2xx'];
  const sent = seq;
  // Sustained: wait until every accepted failed episode (and the probes) has findings stored.
  let count = await analyzedCount();
  while (count - before < accepted) {
    await new Promise((x) => setTimeout(x, 200));
    count = await analyzedCount();
  }
  const drainedSeconds = (performance.now() - t0) / 1000;
  const { latencies, clientTimes } = await stop();
  const stored = count - before;
  const cpu1 = serviceCpu();
  const cpu =
    cpu0 === undefined || cpu1 === undefined
      ? ''
      : `, service CPU ${(((cpu1 - cpu0) * 1e6) / Math.max(1, stored)).toFixed(0)} µs per finding`;
  before = count;
  console.log(
    `  ${String(c).padStart(3)} conn: ingest ${(accepted / seconds).toFixed(0)} finalizes/s (HTTP p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}), ` +
      `bare Fastify ${baseline.requests.average.toFixed(0)} req/s, ratio ${(accepted / seconds / baseline.requests.average).toFixed(3)}; ` +
      `findings stored ${(stored / drainedSeconds).toFixed(0)}/s sustained; finalize→readable p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms, p99 ${pct(latencies, 99)} ms (${latencies.length} probes, ${polls - polls0} GETs every ${pollMs} ms)${cpu}`,
  );
  void sent;
  if (hopsFile) console.log(hopTable(clientTimes));
  const threads1 = threads0 ? threadCpu() : undefined;
  if (threads0 && threads1) {
    // Threads that ended during the level are missed; a new thread counts from 0.
    const used = [...threads1].map(([name, s]) => [name, s - (threads0.get(name) ?? 0)]).filter(([, s]) => s > 0);
    const all = used.reduce((a, [, s]) => a + s, 0);
    used.sort((a, b) => b[1] - a[1]);
    console.log(
      `    service CPU by thread (µs per finding): ${used
        .slice(0, 10)
        .map(([name, s]) => `${name} ${((s * 1e6) / Math.max(1, stored)).toFixed(0)}`)
        .join(', ')}; all ${((all * 1e6) / Math.max(1, stored)).toFixed(0)}`,
    );
  }
}
await bare.close();
await stop();
for (const f of [hopsFile, tidsFile]) if (f) rmSync(f, { force: true });
