/**
 * Analysis errors: everything that did not become a stored analysis, with the subject reference
 * and a redacted, bounded reason (rejections, output validation failures, time-outs, rule errors,
 * store refusals). Append-only.
 */
import type { SubjectKind } from '@faultline/core';
import { cut, redact } from '@faultline/core';
import { type Db, isoTime, requireOrg } from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';

export type ErrorKind =
  | 'rejected'
  | 'validation_failed'
  | 'timed_out'
  | 'rule_error'
  | 'analyzer_error'
  | 'llm_failed'
  | 'llm_invalid'
  /** The store refused the record or its analysis on its own (isolated, dead-lettered). */
  | 'store_failed';

export interface AnalysisErrorRow {
  org_id: string;
  subject_kind: string;
  subject_ref: string;
  error_kind: ErrorKind;
  step: string;
  reason: string;
  run_id?: string;
  analyzer_version: string;
}

export const ANALYSIS_ERRORS: RowWriter<AnalysisErrorRow> = {
  table: 'analysis_errors',
  row: (e, now) => ({ ...e, reason: cut(redact(e.reason), 2000), run_id: e.run_id ?? '', occurred_at: now }),
};

export const writeErrors = (db: Db, errors: AnalysisErrorRow[]) => writeRows(db, ANALYSIS_ERRORS, errors);

export interface LastError {
  org_id: string;
  error_kind: string;
  step: string;
  reason: string;
  analyzer_version: string;
  occurred_at: string;
}

/** The latest recorded error of a subject (a time-out, a refused output, an analyzer failure), or null. */
export async function lastError(db: Db, org: string, kind: SubjectKind, id: string): Promise<LastError | null> {
  const rows = await db.rows<LastError>(
    `SELECT org_id, error_kind, step, reason, analyzer_version, occurred_at FROM ${db.t('analysis_errors')}
     WHERE org_id = {org:String} AND subject_kind = {kind:String} AND subject_ref = {id:String} AND error_kind != 'rejected'
     ORDER BY occurred_at DESC LIMIT 1`,
    { kind, id, org: requireOrg(org) },
  );
  const r = rows[0];
  return r ? { ...r, occurred_at: isoTime(r.occurred_at) as string } : null;
}
