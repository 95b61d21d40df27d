/**
 * The audit log: every analysis (failure_analysis.completed / .errored) and every admin action.
 * Append-only; a row written again with the same `audit_id` (a redelivered batch) is one entry:
 * reads keep one row per id.
 */
import { randomUUID } from 'node:crypto';
import { chTime, type Db, isoTime, type OrgScope, orgParam, orgWhere } from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';

export interface AuditRow {
  /** One entry per id: a row written again with the same id (a redelivered batch) is not a second entry. Default: random. */
  audit_id?: string;
  at?: string;
  org_id: string;
  action: string;
  actor: string;
  subject_kind: string;
  subject_id: string;
  metadata?: Record<string, unknown>;
}

export const AUDIT_LOG: RowWriter<AuditRow> = {
  table: 'audit_log',
  row: (r) => ({
    ...r,
    audit_id: r.audit_id ?? randomUUID(),
    at: chTime(r.at ?? new Date()),
    metadata: JSON.stringify(r.metadata ?? {}),
  }),
};

export const writeAudit = (db: Db, rows: AuditRow[]) => writeRows(db, AUDIT_LOG, rows);

/** Audit rows of one org, or of every org only when `EVERY_ORG` is passed (a platform listing). */
export async function listAudit(
  db: Db,
  q: { org: OrgScope; action?: string; subjectId?: string; limit: number },
): Promise<AuditRow[]> {
  const where = [
    orgWhere(q.org),
    q.action ? 'startsWith(action, {action:String})' : '1',
    q.subjectId ? 'subject_id = {sid:String}' : '1',
  ].join(' AND ');
  const rows = await db.rows<AuditRow & { metadata: string; at: string }>(
    `SELECT at, org_id, action, actor, subject_kind, subject_id, metadata FROM ${db.t('audit_log')}
     WHERE ${where} ORDER BY at DESC LIMIT 1 BY audit_id LIMIT {limit:UInt32}`,
    { org: orgParam(q.org), action: q.action ?? '', sid: q.subjectId ?? '', limit: q.limit },
  );
  return rows.map((r) => ({ ...r, at: isoTime(r.at) as string, metadata: JSON.parse(r.metadata || '{}') }));
}
