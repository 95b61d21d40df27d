/**
 * Step "analyze": the batch's tasks on the piscina pool. Each record checks its own deadline in
 * the worker (the pool's watchdog only catches a worker that stopped answering), and each
 * analysis is schema-validated there before it comes back. Every task ends in a typed result:
 * analyzed / timed_out / validation_failed / error, one per task, by task id; never a throw
 * for one record's fault.
 */
import type { AnalyzerPool } from '../pool.js';
import type { AnalysisTask, TaskResult } from '../tasks.js';
import type { PipelineObserver, Subject } from './types.js';

export async function analyze(
  pool: AnalyzerPool,
  tasks: AnalysisTask[],
  subjects: Subject[],
  observer?: PipelineObserver,
): Promise<TaskResult[]> {
  const results = await pool.run(tasks);
  for (const r of results) observer?.analysisFinished?.((subjects[r.id] as Subject).kind, r);
  return results;
}
