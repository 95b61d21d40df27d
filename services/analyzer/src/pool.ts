/**
 * The analyzer pool: batches of tasks go to piscina workers in chunks (a piscina task
 * costs tens of microseconds, so never one task per record). Each record's budget starts in
 * the worker when its analysis starts, and the record checks it itself; a watchdog per chunk
 * marks its records timed_out only if the worker stops answering altogether. The worker is
 * not killed (piscina's abort would kill the thread): a late answer is dropped.
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
  private readonly startedAt = performance.now();
  private busyMs = 0;
  private completed = 0;
  private watchdogTimeouts = 0;
  private inFlight = 0;
  /** Settles once every thread has loaded the worker module (which warms the library: worker.ts). */
  private readonly ready: Promise<void>;

  constructor(readonly options: PoolOptions) {
    const threads = Math.max(1, Math.min(options.workers, availableParallelism() * 2));
    this.piscina = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
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
    // At most one chunk per thread in flight, so a chunk starts when it is handed over and
    // the watchdog measures its run, not its wait in piscina's queue.
    const parts: TaskResult[][] = new Array(chunks.length);
    let next = 0;
    const lane = async () => {
      while (next < chunks.length) {
        const i = next++;
        parts[i] = await this.runChunk(chunks[i] as AnalysisTask[]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(chunks.length, this.piscina.threads.length) }, lane));
    return parts.flat();
  }

  private async runChunk(chunk: AnalysisTask[]): Promise<TaskResult[]> {
    // Each record checks its own budget; the watchdog only catches a worker that stopped answering.
    // It starts once the threads are warm (a chunk handed over earlier waits for that in piscina).
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const watchdog = this.ready.then(
      () =>
        new Promise<'timeout'>((resolve) => {
          if (!settled) timer = setTimeout(() => resolve('timeout'), chunk.length * this.options.budgetMs + this.graceMs);
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
      settled = true;
      clearTimeout(timer);
      this.inFlight -= chunk.length;
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
