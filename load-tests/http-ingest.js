#!/usr/bin/env node
/**
 * `npm run bench:http [-- --seconds 10 --levels 1,8,32]`: HTTP ingest → findings stored, at
 * rising load, with autocannon against the embedded service (a child process, its own
 * data directory), next to a bare Fastify route in the same run (the ratio is the figure).
 *
 * For each load level it reports: accepted finalizes/s (HTTP 202), failed-episode findings
 * stored per second (sustained, measured until the backlog is analyzed), and the time from
 * finalize to readable findings (p50/p95/p99) of probe episodes sent during the load.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startService } from './lib/service.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, levels: { type: 'string', default: '1,8,32' } },
});
const seconds = Number(values.seconds);
const levels = values.levels.split(',').map(Number);
const ADMIN = 'bench-admin-key-0123456789';
const { url, stop } = await startService({ env: { FAULTLINE_ADMIN_KEY: ADMIN } });

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

/** Sends one probe finalize every 200 ms during the load and measures finalize → readable findings. */
function probe(stopAt) {
  const samples = [];
  const pending = [];
  let n = 0;
  const timer = setInterval(() => {
    if (Date.now() > stopAt) return;
    const id = `probe-${n++}`;
    pending.push(
      (async () => {
        const t0 = performance.now();
        const res = await fetch(`${url}/api/ingest/episode/${id}/finalize?org=default`, {
          method: 'POST',
          headers,
          body: finalizeBody(n),
        });
        if (res.status !== 202) return;
        for (;;) {
          const r = await fetch(`${url}/api/episodes/${id}?org=default`, { headers });
          if (r.status === 200 && (await r.json()).analysis) break;
          await new Promise((x) => setTimeout(x, 10));
          if (performance.now() - t0 > 60_000) return;
        }
        samples.push(performance.now() - t0);
      })(),
    );
  }, 200);
  return async () => {
    clearInterval(timer);
    await Promise.all(pending);
    return samples.sort((a, b) => a - b);
  };
}

const pct = (s, p) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(0) : 'n/a');
console.log(`faultline HTTP ingest benchmark: ${seconds}s per level, levels ${levels.join(', ')} connections`);
let before = 0;
for (const c of levels) {
  const baseline = await run(bareUrl, c, false);
  const stop = probe(Date.now() + seconds * 1000);
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
  const latencies = await stop();
  const stored = count - before;
  before = count;
  console.log(
    `  ${String(c).padStart(3)} conn: ingest ${(accepted / seconds).toFixed(0)} finalizes/s (HTTP p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}), ` +
      `bare Fastify ${baseline.requests.average.toFixed(0)} req/s, ratio ${(accepted / seconds / baseline.requests.average).toFixed(3)}; ` +
      `findings stored ${(stored / drainedSeconds).toFixed(0)}/s sustained; finalize→readable p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms, p99 ${pct(latencies, 99)} ms (${latencies.length} probes)`,
  );
  void sent;
}
await bare.close();
await stop();
