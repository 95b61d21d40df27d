#!/usr/bin/env node
/**
 * `node load-tests/statement-overlap.js [--records N] [--rounds R]` (defaults 10,000 and 4): does
 * chdb run two statements of one process at once? The pipeline's inserts for N of the benchmark's
 * records are captured (lib/captured-inserts.js); each batch's logs insert and analyses insert are
 * replayed into a fresh store opened as the CLI's temporary store (in /dev/shm), either one after
 * the other or issued together (Promise.all), alternating the order of the two modes by round.
 * Prints per round the wall time and the process's CPU per pair (the main thread's row encoding
 * included): together ~ the longer of the two would mean they run side by side, ~ the sum that
 * they take turns (load-tests/README.md, "measured, not adopted" of session 17).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TEMP_STORE_OPTIONS } from '../apps/faultline/dist/src/analyze.js';
import { Store } from '../packages/store/dist/src/index.js';
import { captureInserts } from './lib/captured-inserts.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '4' } },
});
const records = Number(values.records);
const rounds = Number(values.rounds);

const { captured, done } = await captureInserts(records, 'perf18-conc');
await done();
// per batch (in order): the logs insert and the analyses insert
const pairs = [];
let cur = {};
for (const c of captured) {
  if (c.table === 'logs') cur.logs = c.values;
  if (c.table === 'analyses') {
    cur.analyses = c.values;
    if (cur.logs) pairs.push(cur);
    cur = {};
  }
}
console.log(`${pairs.length} pairs (logs ${pairs[0].logs.length} rows, analyses ${pairs[0].analyses.length} rows)`);
const dir = mkdtempSync('/dev/shm/perf18-conc-');
const res = { seq: [], par: [], logs: [], analyses: [] };
for (let r = 0; r < rounds; r++) {
  for (const mode of r % 2 === 0 ? ['seq', 'par'] : ['par', 'seq']) {
    const store = await Store.open({ dataDir: join(dir, `${mode}-${r}`), ...TEMP_STORE_OPTIONS });
    let wall = 0;
    let cpu = 0;
    let wl = 0;
    let wa = 0;
    for (const p of pairs) {
      const logs = structuredClone(p.logs);
      const analyses = structuredClone(p.analyses);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      if (mode === 'seq') {
        await store.insert('logs', logs);
        const t1 = performance.now();
        wl += t1 - t0;
        await store.insert('analyses', analyses);
        wa += performance.now() - t1;
      } else {
        await Promise.all([
          store.insert('logs', logs).then(() => (wl += performance.now() - t0)),
          store.insert('analyses', analyses).then(() => (wa += performance.now() - t0)),
        ]);
      }
      wall += performance.now() - t0;
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1000;
    }
    await store.close();
    const n = pairs.length;
    res[mode].push(wall / n);
    console.log(
      `round ${r} ${mode}: wall per pair ${(wall / n).toFixed(1)} ms (logs done at ${(wl / n).toFixed(1)}, analyses done at ${(wa / n).toFixed(1)}${mode === 'seq' ? ' after logs' : ''}), CPU per pair ${(cpu / n).toFixed(1)} ms`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
