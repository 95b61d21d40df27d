/**
 * Step "validate": each batch item becomes a valid record (its org decided: the producer's
 * authenticated org wins over the record's own) or a rejection with its reason, which goes to
 * the dead-letter path and is stored as a `rejected` analysis error. Pure: no store, no state.
 */
import {
  ANALYZER_VERSION,
  cut,
  DEFAULT_ORG,
  type FaultlineRecord,
  looseRef,
  recordRef,
  validateRecord,
  wellFormed,
} from '@faultline/core';
import type { AnalysisErrorRow } from '@faultline/store';
import { errorFields, type ItemResult, type PipelineItem, type ValidRecord } from './types.js';

export type Validated =
  | { status: 'ok'; valid: ValidRecord; result: ItemResult }
  | { status: 'rejected'; reason: string; kind: string | null; result: ItemResult; error: AnalysisErrorRow };

function kindOf(value: unknown): string | null {
  const k = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  return typeof k === 'string' ? cut(wellFormed(k), 40) : null;
}

function orgOf(value: unknown, fallback: string): string {
  const o = value && typeof value === 'object' ? (value as { org_id?: unknown }).org_id : undefined;
  return typeof o === 'string' && o ? cut(wellFormed(o), 128) : fallback;
}

/** Validates batch item `index`. */
export function validateItem(item: PipelineItem, index: number, runId?: string): Validated {
  const base = item.line !== undefined ? { line: item.line } : {};
  const reject = (reason: string, kind: string | null, ref: string): Validated => ({
    status: 'rejected',
    reason,
    kind,
    result: { ...base, kind, ref, status: 'rejected', error: reason, deadLetter: { step: 'validation', reason } },
    error: {
      org_id: orgOf(item.value, wellFormed(item.org ?? DEFAULT_ORG)),
      subject_kind: kind ?? 'unknown',
      subject_ref: ref,
      error_kind: 'rejected',
      step: 'validation',
      reason,
      ...errorFields(runId, ANALYZER_VERSION),
    },
  });
  if (item.parseError !== undefined) return reject(item.parseError, null, '');
  const v = validateRecord(item.value);
  if (!v.ok) return reject(v.reason, kindOf(item.value), looseRef(item.value));
  const org = wellFormed(item.org ?? v.record.org_id ?? DEFAULT_ORG); // the envelope org too: well-formed text
  const record = { ...v.record, org_id: org } as FaultlineRecord;
  return {
    status: 'ok',
    valid: { index, org, record, merge: item.merge === true },
    result: { ...base, kind: record.kind, ref: recordRef(record), status: 'accepted' },
  };
}
