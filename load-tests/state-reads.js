#!/usr/bin/env node
/**
 * `node load-tests/state-reads.js [--records N] [--rounds R]`: what the analyzer's state prefetch
 * costs ClickHouse, and how much of it is the statements rather than the rows. The four reads the
 * pipeline makes for each batch of N (default 5,000) mixed records (robot_success_durations,
 * eval_results, verification_results, episodes: services/analyzer state.ts `prefetch`) are
 * captured on a throwaway store opened as the CLI opens its temporary store, then replayed on that
 * store R rounds (default 5), alternating with:
 *
 * - `as made`: the captured reads, the four of a batch side by side, as the pipeline runs them;
 * - `one absent key`: the same four statements with one key of no org (the index skips every
 *   granule): what a read costs whatever its rows;
 * - `SELECT 1 x4`: four statements that read no table: the client's and chdb's floor.
 *
 * Prints per way and round the process's CPU (chdb's threads included) and wall time over all the
 * captured batches, per record and per batch; then each read's CPU per batch, as made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TEMP_STORE_OPTIONS } from '../apps/faultline/dist/src/analyze.js';
import { Store } from '../packages/store/dist/src/index.js';
import { AnalyzerPool, Pipeline } from '../services/analyzer/dist/src/index.js';
import { feedMixedRecords } from './lib/captured-inserts.js';

const { values: args } = parseArgs({
  options: { records: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '5' } },
});
const n = Number(args.records);
const rounds = Number(args.rounds);
const dir = mkdtempSync(join(tmpdir(), 'state-reads-'));
const store = await Store.open({ dataDir: join(dir, 'a'), ...TEMP_STORE_OPTIONS });
const reads = ['successDurations', 'evalResultsFor', 'verificationResultsFor', 'episodes'];
const own = Object.fromEntries(reads.map((m) => [m, store[m].bind(store)]));
/** One entry per batch: the reads its prefetch made, by method. */
const batches = [];
let current;
for (const m of reads) {
  store[m] = (...a) => {
    current[m] = structuredClone(a);
    return own[m](...a);
  };
}
const pool = new AnalyzerPool({ workers: 1, budgetMs: 10000 });
const pipeline = new Pipeline({ store, pool, budgetMs: 10000 });
await feedMixedRecords(pipeline, n, () => {
  current = {};
  batches.push(current);
});
await pool.close();
Object.assign(store, own);
console.log(
  `captured the prefetches of ${batches.length} batches (${n} records); keys per read of each batch (durations/evals/verifications/episodes): ${batches
    .map((b) => reads.map((m) => b[m]?.[0].length ?? 0).join('/'))
    .join(', ')}`,
);

const absent = [{ org: 'no-such-org', robot: 'x', episode: 'x' }];
const ways = {
  'as made': (b) => Promise.all(reads.filter((m) => b[m]).map((m) => own[m](...b[m]))),
  'one absent key': (b) => Promise.all(reads.filter((m) => b[m]).map((m) => own[m](absent, ...b[m].slice(1)))),
  'SELECT 1 x4': (b) => Promise.all(reads.filter((m) => b[m]).map(() => store.rows('SELECT 1'))),
};
for (let round = 1; round <= rounds; round++) {
  const order = round % 2 ? Object.keys(ways) : Object.keys(ways).reverse();
  for (const name of order) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    for (const b of batches) await ways[name](b);
    const wall = performance.now() - w0;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    console.log(
      `round ${round} ${name.padEnd(14)} CPU ${cpu.toFixed(1)} ms (${((cpu * 1000) / n).toFixed(1)} µs per record, ${(cpu / batches.length).toFixed(1)} ms per batch), wall ${(wall / batches.length).toFixed(1)} ms per batch`,
    );
  }
}
// By read, as made (chdb runs a process's statements one at a time: the four of a batch add up).
const byRead = {};
for (let round = 1; round <= rounds; round++) {
  for (const m of reads) {
    const c0 = process.cpuUsage();
    for (const b of batches) if (b[m]) await own[m](...b[m]);
    const c = process.cpuUsage(c0);
    (byRead[m] ??= []).push((c.user + c.system) / 1000 / batches.length);
  }
}
console.log(
  `CPU ms per batch by read, as made, rounds in order: ${reads.map((m) => `${m} ${byRead[m].map((v) => v.toFixed(1)).join('/')}`).join('; ')}`,
);
await store.close();
rmSync(dir, { recursive: true, force: true });
