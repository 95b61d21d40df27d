#!/usr/bin/env node
/**
 * `node load-tests/http-floor.js [--rounds 10] [--sizes 1,10,100]`: what one batch and one read
 * cost the embedded service at light load, as CPU of the service process (all its threads, Linux
 * /proc) and wall time:
 * - `GET /api/episodes/:id` of an episode that does not exist (one store read) and of an analyzed
 *   one (the episode, its analysis, evals, verifications, fingerprint peers): what every poll of
 *   http-ingest.js's probes costs the service it measures;
 * - N failed-episode finalizes sent at once and waited for until the last one reads as analyzed
 *   (polled every 200 ms), `--rounds` times: a batch's cost whatever its size (the parts and
 *   statements of the store), the floor under http-ingest.js's latency at light load.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startService } from './lib/service.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '10' }, sizes: { type: 'string', default: '1,10,100' } },
});
const rounds = Number(values.rounds);
const sizes = values.sizes.split(',').map(Number);
const ADMIN = 'bench-admin-key-0123456789';
const { child, url, stop } = await startService({ env: { FAULTLINE_ADMIN_KEY: ADMIN } });
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
/** CPU seconds of the service process so far (user + system, all threads). */
const cpu = () => {
  const f = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};
const body = (i) =>
  JSON.stringify({
    robot_id: `robot-${i % 200}`,
    status: 'failed',
    duration_s: 10 + (i % 50),
    metadata: {
      failure_reason: `Traceback (most recent call last):\n  File "rollout.py", line ${i % 300}\nRuntimeError: joint ${i % 7} exceeded torque limit`,
    },
  });
const finalize = (id, i) =>
  fetch(`${url}/api/ingest/episode/${id}/finalize?org=default`, { method: 'POST', headers, body: body(i) });
const analyzed = async (id) => {
  const r = await fetch(`${url}/api/episodes/${id}?org=default`, { headers });
  return r.status === 200 && (await r.json()).analysis !== null;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

console.log(
  `faultline embedded service at light load (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`,
);
await finalize('warm-0', 0);
while (!(await analyzed('warm-0'))) await sleep(100);
for (const [label, id] of [
  ['GET /api/episodes/:id, no such episode', 'no-such-episode'],
  ['GET /api/episodes/:id, analyzed', 'warm-0'],
]) {
  const c0 = cpu();
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) await fetch(`${url}/api/episodes/${id}?org=default`, { headers });
  console.log(
    `  ${label}: ${(((cpu() - c0) * 1e6) / 100).toFixed(0)} µs CPU, ${((performance.now() - t0) / 100).toFixed(1)} ms wall each (100, one at a time)`,
  );
}
let seq = 1;
for (const n of sizes) {
  const c0 = cpu();
  const t0 = performance.now();
  for (let k = 0; k < rounds; k++) {
    const ids = Array.from({ length: n }, () => `floor-${seq++}`);
    await Promise.all(ids.map((id, j) => finalize(id, seq + j)));
    while (!(await analyzed(ids.at(-1)))) await sleep(200);
  }
  const ms = ((cpu() - c0) * 1e3) / rounds;
  console.log(
    `  ${n} finalizes at once, until analyzed: ${ms.toFixed(0)} ms CPU (${((ms * 1e3) / n).toFixed(0)} µs per finalize), ${((performance.now() - t0) / rounds).toFixed(0)} ms wall, per round (${rounds} rounds; the polls' GETs included)`,
  );
}
await stop();
