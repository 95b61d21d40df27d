/**
 * The analyzer worker (a piscina thread). Pure computation: it never touches the store.
 * Each record checks its own deadline (piscina's abort would kill the thread); the output
 * is validated against its JSON Schema here, before it can reach the store. The library is
 * warmed when the thread starts (warmUp): a record's budget is its own analysis only.
 */
import { readlinkSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import {
  analyzeEpisode,
  analyzeLog,
  analyzeTrace,
  cut,
  Deadline,
  DeadlineExceeded,
  redact,
  validateAnalysis,
  warmUp,
} from '@faultline/core';
import type { AnalysisTask, TaskResult, WorkerBatch, WorkerBatchResult } from './tasks.js';

// The library's lazily built parts (patterns, readers, the second opinion: seconds under load) are
// built when the thread loads this module, before its first task, so no record's deadline pays them.
warmUp();

export function runTask(task: AnalysisTask, budgetMs: number): TaskResult {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  // The record's budget starts when its analysis starts (not while its batch waits in line).
  const deadline = new Deadline(budgetMs);
  try {
    deadline.check('start');
    const analysis =
      task.kind === 'episode'
        ? analyzeEpisode(task.ctx, deadline)
        : task.kind === 'trace'
          ? analyzeTrace(task.record, deadline)
          : analyzeLog(task.record, deadline);
    deadline.check('output validation');
    const valid = validateAnalysis(analysis);
    if (!valid.ok) return { id: task.id, status: 'validation_failed', error: valid.reason, durationMs: elapsed() };
    return { id: task.id, status: 'analyzed', analysis, durationMs: elapsed() };
  } catch (err) {
    if (err instanceof DeadlineExceeded) {
      return { id: task.id, status: 'timed_out', error: err.message, step: err.step, durationMs: elapsed() };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { id: task.id, status: 'error', error: cut(redact(message), 500), durationMs: elapsed() };
  }
}

/** This thread's id in the OS ("PID/task/TID"; absent where /proc is not). */
const osThreadId = (() => {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : undefined;
  } catch {
    return undefined;
  }
})();

export default function analyzeBatch(batch: WorkerBatch): WorkerBatchResult {
  const started = performance.now();
  const tasks = JSON.parse(batch.tasks) as AnalysisTask[];
  const results = tasks.map((t) => runTask(t, batch.budgetMs));
  return { results, busyMs: performance.now() - started, threadId, ...(osThreadId !== undefined ? { osThreadId } : {}) };
}
