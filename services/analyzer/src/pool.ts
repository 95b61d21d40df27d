/**
 * The analyzer pool: batches of tasks go to piscina workers in chunks (a piscina task
 * costs tens of microseconds, so never one task per record). A watchdog per chunk marks
 * its records timed_out if the worker does not answer by the deadline plus a grace
 * period; the worker is not killed (it finishes and its late answer is dropped).
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

export class AnalyzerPool {
  private readonly piscina: Piscina<WorkerBatch, WorkerBatchResult>;
  private readonly chunkSize: number;
  private readonly graceMs: number;
  private readonly startedAt = performance.now();
  private busyMs = 0;
  private completed = 0;
  private watchdogTimeouts = 0;
  private inFlight = 0;

  constructor(readonly options: PoolOptions) {
    const threads = Math.max(1, Math.min(options.workers, availableParallelism() * 2));
    this.piscina = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    });
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
    const parts = await Promise.all(chunks.map((c) => this.runChunk(c)));
    return parts.flat();
  }

  private async runChunk(chunk: AnalysisTask[]): Promise<TaskResult[]> {
    const latest = Math.max(...chunk.map((t) => t.deadlineAt));
    let timer: NodeJS.Timeout | undefined;
    const watchdog = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, latest - Date.now()) + this.graceMs);
    });
    this.inFlight += chunk.length;
    try {
      const work = this.piscina.run({ tasks: chunk, budgetMs: this.options.budgetMs });
      const outcome = await Promise.race([work, watchdog]);
      if (outcome === 'timeout') {
        this.watchdogTimeouts += 1;
        work.catch(() => undefined);
        return chunk.map((t) => ({
          id: t.id,
          status: 'timed_out' as const,
          error: `analysis did not return within the per-record budget of ${this.options.budgetMs} ms`,
          step: 'worker',
          durationMs: this.options.budgetMs + this.graceMs,
        }));
      }
      this.busyMs += outcome.busyMs;
      this.completed += outcome.results.length;
      return outcome.results;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return chunk.map((t) => ({ id: t.id, status: 'error' as const, error: `worker failed: ${message}`, durationMs: 0 }));
    } finally {
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
