/**
 * Traces and logs as received, redacted (prompts and completions removed, secrets masked, huge
 * logs cut to head and tail), kept so that batch runs can re-analyze them. One row per
 * (org, id); a re-sent record replaces its earlier row.
 */
import type { LogRecord, TraceRecord } from '@faultline/core';
import { boundedText, DEFAULT_ORG, redact, redactRecord } from '@faultline/core';
import { chTime, type Db, isoTime, jsonColumn, nextVersion, requireOrg } from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';

export const TRACES: RowWriter<TraceRecord> = {
  table: 'traces',
  row: (t, now) => ({
    org_id: t.org_id ?? DEFAULT_ORG,
    trace_id: t.trace_id,
    service: redact(t.service ?? ''),
    timestamp: chTime(t.timestamp) ?? now,
    span_count: Array.isArray(t.spans) ? t.spans.length : 0,
    // Defense in depth: records arrive redacted (validateRecord); redacting again is idempotent.
    payload: jsonColumn(redactRecord({ ...t, spans: t.spans ?? [] })),
    received_at: now,
    version: nextVersion(),
  }),
};

export const LOGS: RowWriter<LogRecord> = {
  table: 'logs',
  row: (l, now) => ({
    org_id: l.org_id ?? DEFAULT_ORG,
    log_id: l.log_id,
    timestamp: chTime(l.timestamp) ?? now,
    experiment_type: redact(l.experiment_type ?? ''),
    // Redact, then cut: a cut can split a marker, never a secret.
    error_message: boundedText(redact(l.error_message ?? '')),
    logs: boundedText(redact(l.logs ?? '')),
    code_snippet: boundedText(redact(l.code_snippet ?? '')),
    received_at: now,
    version: nextVersion(),
  }),
};

export const saveTraces = (db: Db, traces: TraceRecord[]) => writeRows(db, TRACES, traces);
export const saveLogs = (db: Db, logs: LogRecord[]) => writeRows(db, LOGS, logs);

export interface SubjectQuery {
  /** Stored subjects are always read within one org. */
  org: string;
  ids?: string[];
  from?: string;
  to?: string;
  limit: number;
}

function subjectWhere(q: SubjectQuery, idColumn: string): string {
  return [
    'org_id = {org:String}',
    q.ids ? `${idColumn} IN {ids:Array(String)}` : '1',
    q.from ? 'timestamp >= {from:DateTime64(3)}' : '1',
    q.to ? 'timestamp < {to:DateTime64(3)}' : '1',
  ].join(' AND ');
}

function subjectParams(q: SubjectQuery): Record<string, unknown> {
  return { org: requireOrg(q.org), ids: q.ids ?? [], from: chTime(q.from) ?? '', to: chTime(q.to) ?? '', limit: q.limit };
}

/** Stored traces (redacted payloads) by ids or time range, for batch runs. */
export async function loadTraces(db: Db, q: SubjectQuery): Promise<TraceRecord[]> {
  const rows = await db.rows<{ payload: string }>(
    `SELECT payload FROM ${db.t('traces')} FINAL WHERE ${subjectWhere(q, 'trace_id')} ORDER BY timestamp LIMIT {limit:UInt32}`,
    subjectParams(q),
  );
  return rows.map((r) => ({ ...(JSON.parse(r.payload) as TraceRecord), kind: 'trace' as const }));
}

export async function loadLogs(db: Db, q: SubjectQuery): Promise<LogRecord[]> {
  const rows = await db.rows<{
    org_id: string;
    log_id: string;
    timestamp: string;
    experiment_type: string;
    error_message: string;
    logs: string;
    code_snippet: string;
  }>(
    `SELECT org_id, log_id, timestamp, experiment_type, error_message, logs, code_snippet FROM ${db.t('logs')} FINAL
     WHERE ${subjectWhere(q, 'log_id')} ORDER BY timestamp LIMIT {limit:UInt32}`,
    subjectParams(q),
  );
  return rows.map((r) => ({
    kind: 'log' as const,
    log_id: r.log_id,
    org_id: r.org_id,
    timestamp: isoTime(r.timestamp) as string,
    ...(r.experiment_type ? { experiment_type: r.experiment_type } : {}),
    error_message: r.error_message,
    logs: r.logs,
    ...(r.code_snippet ? { code_snippet: r.code_snippet } : {}),
  }));
}
