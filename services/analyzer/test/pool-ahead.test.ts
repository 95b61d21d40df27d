/**
 * The pool hands each thread several chunks at once (pool.ts, `chunksPerThread`): a thread goes on
 * to its next chunk while the main thread is busy, instead of waiting for the main thread to take
 * each answer and hand over the next chunk (load-tests/README.md, thirteenth landing). The results
 * still come back in the tasks' order, each task once; and a chunk's watchdog measures its own run,
 * not its wait behind the chunks handed to its thread before it.
 */
import { CONTRACT_EXAMPLES } from '@faultline/core';
import t from 'tap';
import { type AnalysisTask, AnalyzerPool } from '../src/index.js';

/** `n` small log tasks, each its own text (ids 0..n-1). */
function tasks(n: number, from = 0): AnalysisTask[] {
  return Array.from({ length: n }, (_, i) => ({
    id: from + i,
    kind: 'log' as const,
    record: {
      ...CONTRACT_EXAMPLES.log,
      log_id: `ahead-${from + i}`,
      logs: `epoch ${i}\nstep ${i * 7} loss=0.${i}\nRuntimeError: CUDA out of memory. Tried to allocate ${i}.00 MiB (GPU 0)`,
    },
  }));
}

/** Keeps the main thread busy for `ms` (the stretches of a batch's encoding, settling and output). */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** A warm pool's time for one chunk of 64 tasks (ms), the median of five. */
async function chunkTime(pool: AnalyzerPool): Promise<number> {
  await pool.run(tasks(64));
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    await pool.run(tasks(64));
    times.push(performance.now() - t0);
  }
  return times.sort((x, y) => x - y)[2] as number;
}

/** Runs four chunks of 64, keeps the main thread busy meanwhile, and returns how long the run took once the main thread was free again. */
async function afterBusy(pool: AnalyzerPool, busyMs: number): Promise<{ ms: number; ids: number[] }> {
  const run = pool.run(tasks(256));
  busy(busyMs);
  const free = performance.now();
  const results = await run;
  return { ms: performance.now() - free, ids: results.map((r) => r.id) };
}

t.test('a thread goes on with the chunks handed to it while the main thread is busy', async (t) => {
  const ahead = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
  const oneByOne = new AnalyzerPool({ workers: 1, budgetMs: 10_000, chunksPerThread: 1 });
  t.teardown(async () => {
    await ahead.close();
    await oneByOne.close();
  });
  const chunk = Math.max(await chunkTime(ahead), await chunkTime(oneByOne));
  // Long enough for the thread to analyze all four chunks while the main thread is busy.
  const busyMs = Math.max(600, 10 * chunk);

  const a = await afterBusy(ahead, busyMs);
  t.same(
    a.ids,
    tasks(256).map((x) => x.id),
    'every task answered once, in order',
  );
  t.ok(
    a.ms < chunk,
    `four chunks handed over at once: answered ${a.ms.toFixed(1)} ms after the main thread was free (a chunk takes ${chunk.toFixed(1)} ms)`,
  );

  // One chunk at a time (the pool before): the thread waited for the main thread after its first chunk.
  const b = await afterBusy(oneByOne, busyMs);
  t.same(
    b.ids,
    tasks(256).map((x) => x.id),
    'one by one: every task answered once, in order',
  );
  t.ok(b.ms > a.ms, `one chunk at a time: ${b.ms.toFixed(1)} ms after the main thread was free (three chunks left)`);
});

t.test('results in order over several threads and overlapping runs, each task once', async (t) => {
  const pool = new AnalyzerPool({ workers: 2, budgetMs: 10_000, chunkSize: 8 });
  t.teardown(() => pool.close());
  // Two runs at once (two batches in flight share the pool), then one run after.
  const [first, second] = await Promise.all([pool.run(tasks(200)), pool.run(tasks(150, 1000))]);
  const third = await pool.run(tasks(37, 5000));
  t.same(
    first.map((r) => r.id),
    tasks(200).map((x) => x.id),
  );
  t.same(
    second.map((r) => r.id),
    tasks(150, 1000).map((x) => x.id),
  );
  t.same(
    third.map((r) => r.id),
    tasks(37, 5000).map((x) => x.id),
  );
  for (const r of [...first, ...second, ...third]) if (r.status !== 'analyzed') t.fail(`task ${r.id}: ${r.status}`);
  t.equal(pool.stats().watchdogTimeouts, 0, 'no watchdog fired');
  t.equal(pool.pending, 0, 'nothing left in flight');
});

t.test("a chunk's watchdog measures its own run, not its wait behind the chunks before it", async (t) => {
  // The budget per record is a few times one record's analysis, so a chunk's watchdog (64 records x
  // the budget + the grace) is far above its own run but below the wait behind seven chunks plus its
  // run: a watchdog started at hand-over would fire for the last chunks handed to the thread.
  const probe = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
  const perRecord = (await chunkTime(probe)) / 64;
  await probe.close();
  const budgetMs = 3 * perRecord;
  const pool = new AnalyzerPool({ workers: 1, budgetMs, graceMs: 0, chunksPerThread: 8 });
  t.teardown(() => pool.close());
  await pool.run(tasks(64)); // warm
  const before = pool.stats().watchdogTimeouts;
  const results = await pool.run(tasks(64 * 16));
  t.equal(results.length, 64 * 16);
  // A record may run out of its own budget on a loaded machine (its own check, step not "worker"); none may be given up on by the watchdog.
  const byWatchdog = results.filter((r) => r.status === 'timed_out' && r.step === 'worker');
  t.equal(byWatchdog.length, 0, `no record given up on by the watchdog (budget ${budgetMs.toFixed(2)} ms per record)`);
  t.equal(pool.stats().watchdogTimeouts - before, 0, 'no watchdog fired');
});
