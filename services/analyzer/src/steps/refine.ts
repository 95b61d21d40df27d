/**
 * Step "refine": with an LLM configured, the analyses of traces and logs go through the LLM
 * layer (llm.ts) with what is left of each record's budget. The model's answer replaces the
 * heuristic analysis only when it is usable; otherwise the heuristic analysis stays and the
 * reason is returned as an `llm_failed` / `llm_invalid` error for that task. Without an LLM the
 * results pass through unchanged. Returns new results; the input is not changed.
 */
import type { LogRecord, TraceRecord } from '@faultline/core';
import type { LlmRefiner, RefineOutcome } from '../llm.js';
import type { TaskResult } from '../tasks.js';

export type LlmError = NonNullable<RefineOutcome['error']>;

export interface Refined {
  results: TaskResult[];
  /** Why the model's answer was not used, by task id. */
  llmErrors: Map<number, LlmError>;
}

export async function refine(
  refiner: LlmRefiner | undefined,
  results: TaskResult[],
  textRecords: Map<number, TraceRecord | LogRecord>,
  budgetMs: number,
): Promise<Refined> {
  const llmErrors = new Map<number, LlmError>();
  if (!refiner) return { results, llmErrors };
  const picked = results.filter(
    (r): r is Extract<TaskResult, { status: 'analyzed' }> => r.status === 'analyzed' && textRecords.has(r.id),
  );
  const outcomes = await refiner.refine(
    picked.map((r) => ({
      analysis: r.analysis,
      record: textRecords.get(r.id) as TraceRecord | LogRecord,
      remainingMs: budgetMs - r.durationMs,
    })),
  );
  const refined = new Map<number, TaskResult>();
  picked.forEach((r, i) => {
    const o = outcomes[i];
    if (!o) return;
    refined.set(r.id, { ...r, analysis: o.analysis });
    if (o.error) llmErrors.set(r.id, o.error);
  });
  return { results: results.map((r) => refined.get(r.id) ?? r), llmErrors };
}
