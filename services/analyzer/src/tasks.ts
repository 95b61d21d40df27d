/** The messages between the pipeline (main thread) and the analyzer workers. */
import type { Analysis, EpisodeContext, LogRecord, TraceRecord } from '@faultline/core';

interface TaskBase {
  id: number;
}

export type AnalysisTask =
  | (TaskBase & { kind: 'episode'; ctx: EpisodeContext })
  | (TaskBase & { kind: 'trace'; record: TraceRecord })
  | (TaskBase & { kind: 'log'; record: LogRecord });

export type TaskResult =
  | { id: number; status: 'analyzed'; analysis: Analysis; durationMs: number }
  | { id: number; status: 'timed_out'; error: string; step: string; durationMs: number }
  | { id: number; status: 'validation_failed'; error: string; durationMs: number }
  | { id: number; status: 'error'; error: string; durationMs: number };

/**
 * A chunk of tasks as the pool sends it: the tasks as one JSON string (AnalysisTask[]). A string
 * crosses to the worker as one copy; the structured clone of the records' object graphs cost the
 * main thread about three times JSON.stringify's time (14 against 4.6 CPU-µs per trace/log task
 * over the benchmark's records), and the worker's JSON.parse about what deserializing them did.
 * The tasks are JSON data (validated records: finite numbers, well-formed text), so the round
 * trip gives the worker the same values.
 */
export interface WorkerBatch {
  tasks: string;
  budgetMs: number;
}

/** What a worker reports back with its results (prom-client cannot see worker threads). */
export interface WorkerBatchResult {
  results: TaskResult[];
  busyMs: number;
  threadId: number;
  /** The worker's thread id in the OS (Linux: /proc/thread-self), so its CPU time can be told apart. */
  osThreadId?: number;
}
