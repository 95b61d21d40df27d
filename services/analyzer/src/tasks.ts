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

export interface WorkerBatch {
  tasks: AnalysisTask[];
  budgetMs: number;
}

/** What a worker reports back with its results (prom-client cannot see worker threads). */
export interface WorkerBatchResult {
  results: TaskResult[];
  busyMs: number;
  threadId: number;
}
