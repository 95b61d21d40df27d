/**
 * The audit rows of a batch (part of "persist"): failure_analysis.completed /
 * failure_analysis.errored, one per analysis outcome (seed "Failure intelligence"). A row whose
 * cause is known (the delivery behind it) gets an audit_id derived from that delivery and the
 * outcome, so a redelivered batch adds no entry. Pure.
 */
import { createHash } from 'node:crypto';
import { cut } from '@faultline/core';
import type { AnalysisRow, AuditRow } from '@faultline/store';
import type { ErrorRow, Traced } from './types.js';

/** A deterministic audit id: the same outcome of the same delivery gets the same id on every redelivery. */
export function auditId(trigger: string | undefined, ...parts: string[]): string | undefined {
  if (trigger === undefined) return undefined;
  return createHash('sha256')
    .update([trigger, ...parts].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

export function auditRows(analyses: Traced<AnalysisRow>[], errors: ErrorRow[], actor: string, runId?: string): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const { row, trigger } of analyses) {
    const a = row.analysis;
    const failedRules = a.rule_errors?.map((e) => e.code) ?? [];
    const action = failedRules.length ? 'failure_analysis.errored' : 'failure_analysis.completed';
    const id = auditId(trigger, a.org_id, action, a.subject_kind, a.subject_id);
    rows.push({
      ...(id ? { audit_id: id } : {}),
      org_id: a.org_id,
      action,
      actor,
      subject_kind: a.subject_kind,
      subject_id: a.subject_id,
      metadata: {
        finding_codes: a.findings.map((f) => f.code),
        analyzer_version: a.analyzer_version,
        fingerprint: a.fingerprint,
        source: a.source,
        ...(a.llm ? { llm: a.llm.status, ...(a.llm.reason ? { llm_reason: a.llm.reason } : {}) } : {}),
        ...(failedRules.length ? { failed_rules: failedRules } : {}),
        ...(runId ? { run_id: runId } : {}),
      },
    });
  }
  for (const { row: e, trigger } of errors) {
    // Rejections are not analyses; rule errors and LLM fallbacks are told by the completed row.
    if (e.error_kind === 'rejected' || e.error_kind === 'rule_error' || e.error_kind.startsWith('llm_')) continue;
    const id = auditId(trigger, e.org_id, 'failure_analysis.errored', e.subject_kind, e.subject_ref, e.error_kind);
    rows.push({
      ...(id ? { audit_id: id } : {}),
      org_id: e.org_id,
      action: 'failure_analysis.errored',
      actor,
      subject_kind: e.subject_kind,
      subject_id: e.subject_ref,
      metadata: {
        error_kind: e.error_kind,
        step: e.step,
        reason: cut(e.reason, 300),
        analyzer_version: e.analyzer_version,
        ...(runId ? { run_id: runId } : {}),
      },
    });
  }
  return rows;
}
