#!/usr/bin/env node
/**
 * `node load-tests/burst.js [--seconds 20 --clients 8 --batch 20 --kb 50]`: a hostile burst of
 * large logs against `faultline start` (a child process, its own data directory, default
 * settings unless FAULTLINE_* variables are set in the environment), as the hardening issue
 * probed it: several clients post batches of 50 KB logs to /api/ingest/logs as fast as the
 * service answers, for a fixed time, then stop.
 *
 * It prints: the service's RSS before, its peak (VmHWM of the child) and at the end; the
 * answers (202 acknowledged, 503 refused and whether each carried Retry-After, other); how long
 * /readyz said "not ready" during the burst; the time from the end of the burst until the bus
 * is drained (faultline_bus_depth 0) and /readyz is ready again; and, with --verify, whether
 * every acknowledged log is readable from the API afterwards.
 *
 * With --until-refused the burst goes on past --seconds until the service has answered 503 for
 * 3 s (at most 120 s in all): on a slow or shared machine a fixed time may not fill the bus.
 *
 * With --json the figures are printed as one JSON object (used by test/service/hostile-burst).
 *
 * What the peak is made of: the anonymous and file pages of the highest RSS sample, and the main
 * thread's heap and external peaks (/metrics every second). --service DIR runs the build of another
 * checkout (a scratch worktree of an older commit: the bisect in load-tests/README.md);
 * --node-args '…' goes to the child's node (e.g. --trace-gc, whose lines
 * FAULTLINE_BENCH_STDOUT=FILE keeps).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { mainOf, startService } from './lib/service.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '8' },
    batch: { type: 'string', default: '20' },
    kb: { type: 'string', default: '50' },
    'drain-timeout': { type: 'string', default: '600' },
    verify: { type: 'boolean', default: false },
    'until-refused': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    service: { type: 'string' },
    'node-args': { type: 'string', default: '' },
  },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const batchSize = Number(values.batch);
const logBytes = Number(values.kb) * 1024;
const drainTimeoutMs = Number(values['drain-timeout']) * 1000;
const ADMIN = 'burst-admin-key-0123456789';
const log = (line) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};

const { child, url, stop } = await startService({
  prefix: 'faultline-burst-',
  env: { KAFKA_BROKERS: '', SCHEMA_REGISTRY_URL: '', FAULTLINE_ADMIN_KEY: ADMIN },
  ...(values.service ? { main: mainOf(values.service) } : {}),
  nodeArgs: values['node-args'].split(' ').filter(Boolean),
});

/** VmRSS and VmHWM of the child, in MiB (Linux /proc). */
function memory() {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024, anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 };
}

/** One metric's value from /metrics text (the first sample of that name without labels). */
function metricIn(text, name) {
  const m = new RegExp(`^${name} ([\\d.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

async function metric(name) {
  return metricIn(await (await fetch(`${url}/metrics`)).text(), name);
}

/**
 * The main thread's V8 heap and external memory (prom-client's default metrics, MiB), their peaks
 * over the run: what of the RSS is the main isolate's JavaScript, the rest being the worker threads'
 * isolates, chdb's native memory and the code.
 */
const mainThread = { heapUsed: 0, heapTotal: 0, external: 0 };
async function sampleMainThread() {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const mib = (name) => metricIn(text, `faultline_nodejs_${name}`) / 1048576;
    mainThread.heapUsed = Math.max(mainThread.heapUsed, mib('heap_size_used_bytes') || 0);
    mainThread.heapTotal = Math.max(mainThread.heapTotal, mib('heap_size_total_bytes') || 0);
    mainThread.external = Math.max(mainThread.external, mib('external_memory_bytes') || 0);
  } catch {}
}

const ready = async () => (await fetch(`${url}/readyz`)).status === 200;

// The admin key is the bootstrap (platform) key: every call names the org (?org=default).
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
// One 50 KB log: many ordinary lines and a real failure at the end (what a job log looks like).
const line = 'INFO epoch 3 step 1200 loss=0.4311 lr=3e-4 grad_norm=1.02 throughput=812 samples/s\n';
const body = `${line.repeat(Math.ceil(logBytes / line.length)).slice(0, logBytes - 80)}RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB`;

const before = memory();
log(`service on ${url}; RSS before the burst ${before.rss.toFixed(0)} MiB`);
const counts = { accepted: 0, refused: 0, refusedWithRetryAfter: 0, other: 0, requests: 0, errors: 0 };
const acknowledged = [];
let readySamples = 0;
let notReadySamples = 0;
let seq = 0;
const start = Date.now();
let firstRefusal;
/** --seconds; with --until-refused, then on until 3 s after the first 503 (120 s at most). */
function bursting() {
  const elapsed = Date.now() - start;
  if (elapsed < seconds * 1000) return true;
  if (!values['until-refused'] || elapsed > 120_000) return false;
  return firstRefusal === undefined || Date.now() - firstRefusal < 3_000;
}

async function client(c) {
  while (bursting()) {
    const ids = Array.from({ length: batchSize }, () => `burst-${c}-${seq++}`);
    const payload = JSON.stringify(ids.map((log_id) => ({ log_id, error_message: '', logs: body })));
    counts.requests++;
    try {
      const res = await fetch(`${url}/api/ingest/logs?org=default`, { method: 'POST', headers, body: payload });
      await res.arrayBuffer();
      if (res.status === 202) {
        counts.accepted += ids.length;
        acknowledged.push(...ids);
      } else if (res.status === 503) {
        counts.refused++;
        firstRefusal ??= Date.now();
        const retry = Number(res.headers.get('retry-after'));
        if (retry >= 1) counts.refusedWithRetryAfter++;
        // A polite client waits a little, a hostile one does not: half and half.
        if (c % 2 === 0) await new Promise((r) => setTimeout(r, Math.min(retry, 2) * 1000));
      } else counts.other++;
    } catch {
      counts.errors++;
    }
  }
}

async function watchReadiness() {
  while (bursting()) {
    const t0 = Date.now();
    const ok = await ready().catch(() => false);
    if (ok) readySamples++;
    else notReadySamples++;
    await new Promise((r) => setTimeout(r, Math.max(0, 250 - (Date.now() - t0))));
  }
}

let peakRss = before.rss;
/** The sample with the highest RSS: how much of it was anonymous memory (heaps, chdb's allocations) and file pages (code). */
let peakSample = before;
const sampler = setInterval(() => {
  try {
    const now = memory();
    peakRss = Math.max(peakRss, now.rss);
    if (now.rss >= peakSample.rss) peakSample = now;
  } catch {}
}, 100);
const heapSampler = setInterval(sampleMainThread, 1000);

await Promise.all([...Array.from({ length: clients }, (_, c) => client(c)), watchReadiness()]);
const burstEnd = Date.now();
/** The peak by the end of the burst (ingest and what the analyzer did meanwhile), apart from the drain's. */
const burstHwm = memory().hwm;
const depthAtEnd = await metric('faultline_bus_depth');
const bytesAtEnd = await metric('faultline_bus_depth_bytes');
log(
  `burst over (${((burstEnd - start) / 1000).toFixed(0)} s, ${clients} clients, ${batchSize} logs of ${values.kb} KB per request): ` +
    `${counts.requests} requests, ${counts.accepted} logs acknowledged (202), ${counts.refused} answers 503 ` +
    `(${counts.refusedWithRetryAfter} with Retry-After), ${counts.other} other, ${counts.errors} connection errors; ` +
    `/readyz not ready in ${notReadySamples} of ${notReadySamples + readySamples} samples; ` +
    `bus depth at the end ${depthAtEnd} records, ${(bytesAtEnd / 1048576).toFixed(1)} MiB`,
);

let drainedAt;
while (Date.now() - burstEnd < drainTimeoutMs) {
  peakRss = Math.max(peakRss, memory().rss);
  if ((await metric('faultline_bus_depth')) === 0 && (await ready())) {
    drainedAt = Date.now();
    break;
  }
  await new Promise((r) => setTimeout(r, 250));
}
clearInterval(sampler);
clearInterval(heapSampler);
const after = memory();
const drainSeconds = drainedAt === undefined ? null : (drainedAt - burstEnd) / 1000;
log(
  drainSeconds === null
    ? `NOT drained ${drainTimeoutMs / 1000} s after the burst (bus depth ${await metric('faultline_bus_depth')})`
    : `drained and ready ${drainSeconds.toFixed(1)} s after the burst`,
);

let unreadable;
if (values.verify) {
  unreadable = [];
  for (let i = 0; i < acknowledged.length; i += 16) {
    await Promise.all(
      acknowledged.slice(i, i + 16).map(async (id) => {
        const res = await fetch(`${url}/api/logs/${id}?org=default`, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) unreadable.push(`${id}: ${res.status}`);
      }),
    );
  }
  log(`${acknowledged.length - unreadable.length} of ${acknowledged.length} acknowledged logs readable`);
}
log(
  `RSS: ${before.rss.toFixed(0)} MiB before, peak ${Math.max(peakRss, after.hwm).toFixed(0)} MiB (VmHWM ${after.hwm.toFixed(0)}; ${burstHwm.toFixed(0)} by the end of the burst), ${after.rss.toFixed(0)} MiB at the end`,
);
log(
  `at the highest sample: ${peakSample.anon.toFixed(0)} MiB anonymous, ${peakSample.file.toFixed(0)} MiB file pages (before the burst ${before.anon.toFixed(0)} and ${before.file.toFixed(0)})`,
);
log(
  `main thread (peaks): heap used ${mainThread.heapUsed.toFixed(0)} MiB of ${mainThread.heapTotal.toFixed(0)}, external ${mainThread.external.toFixed(0)} MiB`,
);

const figures = {
  seconds: (burstEnd - start) / 1000,
  clients,
  batch: batchSize,
  kb: Number(values.kb),
  requests: counts.requests,
  acknowledged: counts.accepted,
  refused: counts.refused,
  refusedWithRetryAfter: counts.refusedWithRetryAfter,
  other: counts.other,
  connectionErrors: counts.errors,
  notReadySamples,
  readySamples,
  depthAtEnd,
  drainSeconds,
  rssBeforeMiB: Math.round(before.rss),
  peakRssMiB: Math.round(Math.max(peakRss, after.hwm)),
  burstPeakRssMiB: Math.round(burstHwm),
  rssAfterMiB: Math.round(after.rss),
  peakAnonMiB: Math.round(peakSample.anon),
  peakFileMiB: Math.round(peakSample.file),
  beforeAnonMiB: Math.round(before.anon),
  beforeFileMiB: Math.round(before.file),
  mainHeapUsedPeakMiB: Math.round(mainThread.heapUsed),
  mainHeapTotalPeakMiB: Math.round(mainThread.heapTotal),
  mainExternalPeakMiB: Math.round(mainThread.external),
  ...(unreadable ? { unreadable: unreadable.length, unreadableSample: unreadable.slice(0, 5) } : {}),
};
if (values.json) process.stdout.write(`${JSON.stringify(figures)}\n`);
await stop();
