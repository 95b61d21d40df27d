/**
 * Step "settle": the task results become what the batch stores and answers. Each analysis
 * becomes an analyses row; each failure an analysis error row (timed_out, validation_failed,
 * analyzer_error; rule errors and LLM fallbacks beside their stored analysis); each answered
 * item gets its outcome, and each late result the episodes it re-analyzed. Every row carries
 * the delivery that caused it (its audit id derives from it). Pure: no store, no state.
 */
import { ANALYZER_VERSION, type Analysis } from '@faultline/core';
import type { AnalysisErrorRow, AnalysisRow } from '@faultline/store';
import type { TaskResult } from '../tasks.js';
import type { LlmError } from './refine.js';
import { type ErrorRow, errorFields, type Subject, type Traced } from './types.js';

/** What one task's result means for the batch item it answers. */
export type SubjectOutcome =
  | { status: 'analyzed'; analysis: Analysis }
  | { status: 'timed_out'; error: string }
  /** The record was accepted and stored; its analysis could not be. */
  | { status: 'accepted'; error: string; failure: 'validation_failed' | 'analyzer_error' };

export interface AnalyzedSubject extends Traced<AnalysisRow> {
  subject: Subject;
}

export interface Settled {
  analyses: AnalyzedSubject[];
  errors: ErrorRow[];
  /** By batch item index (re-analyses answer no item of their own). */
  outcomes: Map<number, SubjectOutcome>;
  /** Batch item index of a late result → the episodes it re-analyzed. */
  reanalyzed: Map<number, string[]>;
}

export interface SettleInput {
  results: TaskResult[];
  subjects: Subject[];
  llmErrors: Map<number, LlmError>;
  lateIndexes: Map<number, number[]>;
  deliveryOf: (index: number) => string | undefined;
  runId?: string | undefined;
}

export function settle(input: SettleInput): Settled {
  const out: Settled = { analyses: [], errors: [], outcomes: new Map(), reanalyzed: new Map() };
  for (const r of input.results) {
    const subject = input.subjects[r.id] as Subject;
    for (const i of input.lateIndexes.get(r.id) ?? []) out.reanalyzed.set(i, [...(out.reanalyzed.get(i) ?? []), subject.ref]);
    const trigger = subject.itemIndex >= 0 ? input.deliveryOf(subject.itemIndex) : subject.trigger;
    const errorRow = (error_kind: AnalysisErrorRow['error_kind'], step: string, reason: string): ErrorRow => ({
      row: {
        org_id: subject.org,
        subject_kind: subject.kind,
        subject_ref: subject.ref,
        error_kind,
        step,
        reason,
        ...errorFields(input.runId, ANALYZER_VERSION),
      },
      ...(trigger !== undefined ? { trigger } : {}),
    });
    const outcome = outcomeOf(r);
    if (subject.itemIndex >= 0) out.outcomes.set(subject.itemIndex, outcome);
    if (r.status === 'analyzed') {
      out.analyses.push({ subject, row: analysisRow(subject, r.analysis), ...(trigger !== undefined ? { trigger } : {}) });
      const llmError = input.llmErrors.get(r.id);
      if (llmError) out.errors.push(errorRow(llmError.kind, 'llm', llmError.reason));
      for (const re of r.analysis.rule_errors ?? []) {
        out.errors.push(errorRow('rule_error', `rule ${re.code}`, `rule ${re.code} threw: ${re.error}`));
      }
    } else if (r.status === 'timed_out') {
      out.errors.push(errorRow('timed_out', r.step, r.error));
    } else if (outcome.status === 'accepted') {
      out.errors.push(
        errorRow(outcome.failure, r.status === 'validation_failed' ? 'output validation' : 'analysis', outcome.error),
      );
    }
  }
  return out;
}

function outcomeOf(r: TaskResult): SubjectOutcome {
  switch (r.status) {
    case 'analyzed':
      return { status: 'analyzed', analysis: r.analysis };
    case 'timed_out':
      return { status: 'timed_out', error: r.error };
    case 'validation_failed':
      return {
        status: 'accepted',
        error: `analysis output failed schema validation: ${r.error}`,
        failure: 'validation_failed',
      };
    case 'error':
      return { status: 'accepted', error: `analyzer failed: ${r.error}`, failure: 'analyzer_error' };
  }
}

function analysisRow(subject: Subject, analysis: Analysis): AnalysisRow {
  return {
    analysis,
    occurredAt: subject.occurredAt,
    ...(subject.robotId ? { robotId: subject.robotId } : {}),
    ...(subject.service ? { service: subject.service } : {}),
    ...(subject.tags ? { tags: subject.tags } : {}),
  };
}
