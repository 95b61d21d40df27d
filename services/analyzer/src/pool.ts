/**
 * The analyzer pool: batches of tasks go to piscina workers in chunks (a piscina task
 * costs tens of microseconds, so never one task per record). Each record's budget starts in
 * the worker when its analysis starts, and the record checks it itself; a watchdog per chunk
 * marks its records timed_out only if the worker stops answering altogether. The worker is
 * not killed (piscina's abort would kill the thread): a late answer is dropped.
 *
 * Each thread is handed up to four chunks at once (`chunksPerThread`): it starts the next as soon
 * as it has answered one, from its own message port, without waiting for the main thread to take
 * that answer and hand over another. With one chunk at a time the worker waited for the main
 * thread at every chunk whenever the main thread was busy (encoding a batch's rows, settling,
 * writing the output: stretches of 15-45 ms, a chunk of 64 records takes the worker ~10-13 ms):
 * in the CLI replay it was busy only 52-54% of the wall by its own clock (load-tests/README.md,
 * thirteenth landing). A chunk's watchdog still measures its run, not its wait behind the chunks
 * before it: it starts once fewer chunks than threads are running.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { AnalysisTask, TaskResult, WorkerBatch, WorkerBatchResult } from './tasks.js';

export interface PoolOptions {
  workers: number;
  budgetMs: number;
  /** Records per piscina task. */
  chunkSize?: number;
  /** Extra time past the deadline before the watchdog gives up on a chunk. */
  graceMs?: number;
  /**
   * Chunks handed to each thread at once (default 4; 1: the next chunk is handed over only once
   * the main thread has taken the answer to the one before). See the module comment.
   */
  chunksPerThread?: number;
}

/** A chunk's place among the running ones (its watchdog runs while it holds one). */
interface Place {
  settled: boolean;
  taken: boolean;
}

export interface PoolStats {
  threads: number;
  queueSize: number;
  /** Share of wall time the workers spent analyzing since start, in [0,1]. */
  utilization: number;
  completedTasks: number;
  watchdogTimeouts: number;
}

/** The OS thread ids of every analyzer worker that answered in this process (benchmarks read their CPU time). */
const workerThreads = new Set<number>();
export function analyzerThreadIds(): ReadonlySet<number> {
  return workerThreads;
}

export class AnalyzerPool {
  private readonly piscina: Piscina<WorkerBatch, WorkerBatchResult>;
  private readonly chunkSize: number;
  private readonly graceMs: number;
  private readonly chunksPerThread: number;
  /** The pool's threads (minThreads = maxThreads). */
  private readonly threads: number;
  /** Chunks whose watchdog runs (taken to be running on a thread): at most one per thread. */
  private running = 0;
  /** Chunks handed over behind others, in hand-over order: their watchdogs start as running ones end. */
  private readonly waiting: (() => void)[] = [];
  private readonly startedAt = performance.now();
  private busyMs = 0;
  private completed = 0;
  private watchdogTimeouts = 0;
  private inFlight = 0;
  /** Settles once every thread has loaded the worker module (which warms the library: worker.ts). */
  private readonly ready: Promise<void>;

  constructor(readonly options: PoolOptions) {
    const threads = Math.max(1, Math.min(options.workers, availableParallelism() * 2));
    this.threads = threads;
    this.chunksPerThread = Math.max(1, Math.floor(options.chunksPerThread ?? 4));
    this.piscina = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: this.chunksPerThread,
    });
    // One empty batch per thread: each thread answers it once it has loaded worker.js, whose
    // warm-up takes seconds on a loaded machine. Piscina hands tasks to its first threads before
    // they have loaded it, so a watchdog started at hand-over would count the warm-up.
    this.ready = Promise.all(
      Array.from({ length: threads }, () => this.piscina.run({ tasks: '[]', budgetMs: options.budgetMs })),
    ).then(
      () => undefined,
      () => undefined,
    );
    this.chunkSize = options.chunkSize ?? 64;
    this.graceMs = options.graceMs ?? 1000;
  }

  /** Analyzes every task; the results come back in the tasks' order. Never throws for a task's failure. */
  async run(tasks: AnalysisTask[]): Promise<TaskResult[]> {
    if (tasks.length === 0) return [];
    const chunks: AnalysisTask[][] = [];
    // Spread small batches over every thread; cap chunks for large ones.
    const per = Math.max(1, Math.min(this.chunkSize, Math.ceil(tasks.length / this.piscina.threads.length)));
    for (let i = 0; i < tasks.length; i += per) chunks.push(tasks.slice(i, i + per));
    // At most `chunksPerThread` chunks per thread in flight (piscina hands a thread that many at
    // once; none waits in piscina's own queue once the threads are up): a thread goes on to its next
    // chunk without waiting for the main thread (module comment).
    const parts: TaskResult[][] = new Array(chunks.length);
    let next = 0;
    const lane = async () => {
      while (next < chunks.length) {
        const i = next++;
        parts[i] = await this.runChunk(chunks[i] as AnalysisTask[]);
      }
    };
    const lanes = Math.min(chunks.length, this.piscina.threads.length * this.chunksPerThread);
    await Promise.all(Array.from({ length: lanes }, lane));
    return parts.flat();
  }

  private async runChunk(chunk: AnalysisTask[]): Promise<TaskResult[]> {
    // Each record checks its own budget; the watchdog only catches a worker that stopped answering.
    // It starts once the threads are warm (a chunk handed over earlier waits for that in piscina),
    // and once fewer chunks than threads are running (a chunk handed over behind another waits for it).
    let timer: NodeJS.Timeout | undefined;
    const place: Place = { settled: false, taken: false };
    const watchdog = this.ready
      .then(() => this.slot(place))
      .then(
        () =>
          new Promise<'timeout'>((resolve) => {
            if (!place.settled) timer = setTimeout(() => resolve('timeout'), chunk.length * this.options.budgetMs + this.graceMs);
          }),
      );
    this.inFlight += chunk.length;
    try {
      const work = this.piscina.run({ tasks: JSON.stringify(chunk), budgetMs: this.options.budgetMs });
      const outcome = await Promise.race([work, watchdog]);
      if (outcome === 'timeout') {
        this.watchdogTimeouts += 1;
        work.catch(() => undefined);
        return chunk.map((t) => ({
          id: t.id,
          status: 'timed_out' as const,
          error: `the analyzer worker did not answer within ${chunk.length} x the per-record budget of ${this.options.budgetMs} ms`,
          step: 'worker',
          durationMs: this.options.budgetMs + this.graceMs,
        }));
      }
      this.busyMs += outcome.busyMs;
      if (outcome.osThreadId !== undefined) workerThreads.add(outcome.osThreadId);
      this.completed += outcome.results.length;
      return outcome.results;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return chunk.map((t) => ({ id: t.id, status: 'error' as const, error: `worker failed: ${message}`, durationMs: 0 }));
    } finally {
      place.settled = true;
      clearTimeout(timer);
      if (place.taken) this.release();
      this.inFlight -= chunk.length;
    }
  }

  /**
   * Resolves once the chunk may count as running (fewer chunks than threads running), taking a
   * place (`place.taken`); without one if the chunk has settled meanwhile.
   */
  private slot(place: Place): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(() => {
        if (!place.settled) {
          place.taken = true;
          this.running += 1;
        }
        resolve();
      });
      this.wake();
    });
  }

  /** A running chunk ended: the watchdog of the chunk handed over next behind it starts. */
  private release(): void {
    this.running -= 1;
    this.wake();
  }

  /** Starts the watchdogs waiting, in hand-over order, while fewer chunks than threads run. */
  private wake(): void {
    while (this.running < this.threads) {
      const next = this.waiting.shift();
      if (!next) return;
      next();
    }
  }

  stats(): PoolStats {
    const threads = this.piscina.threads.length;
    const wall = (performance.now() - this.startedAt) * Math.max(1, threads);
    return {
      threads,
      queueSize: this.piscina.queueSize,
      utilization: Math.min(1, this.busyMs / Math.max(1, wall)),
      completedTasks: this.completed,
      watchdogTimeouts: this.watchdogTimeouts,
    };
  }

  /** Records waiting in or running on the pool. */
  get pending(): number {
    return this.inFlight;
  }

  async close(): Promise<void> {
    await this.piscina.close();
  }
}
