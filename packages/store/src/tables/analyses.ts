/**
 * Analyses (one row per (org, kind, subject): re-analysis writes a newer version of the same
 * row) and their flattened findings (one row per (subject, code), for trends). A re-analysis
 * tombstones (is_deleted = 1) the codes the earlier analysis had and this one does not, so a
 * read with FINAL never double-counts a subject. Findings are written before the analysis: an
 * analysis is only visible once its findings are.
 */
import type { Analysis, SubjectKind } from '@faultline/core';
import { orgKey, redact } from '@faultline/core';
import { chTime, type Db, isoTime, nextVersion, type OrgScope, orgParam, orgWhere, pairParams, requireOrg } from '../db.js';

export interface AnalysisRow {
  analysis: Analysis;
  occurredAt: string | null;
  robotId?: string;
  service?: string;
}

export interface StoredAnalysis {
  analysis: Analysis;
  occurredAt: string;
  robotId: string;
  service: string;
}

interface AnalysisDbRow {
  org_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  analyzer_version: string;
  analyzed_at: string;
  occurred_at: string;
  robot_id: string;
  service: string;
  fingerprint: string;
  signature: string;
  findings: string;
  pattern: string;
  source: 'heuristic' | 'llm';
  rule_errors: string;
  llm?: string;
}

const subjectKey = (a: { org_id: string; subject_kind: string; subject_id: string }) =>
  orgKey(a.org_id, a.subject_kind, a.subject_id);

/** The stored row of one analysis. */
export function toAnalysisRow({ analysis: a, occurredAt, robotId, service }: AnalysisRow, version: number) {
  const primary = a.findings[0];
  return {
    org_id: a.org_id,
    subject_kind: a.subject_kind,
    subject_id: a.subject_id,
    analyzer_version: a.analyzer_version,
    analyzed_at: chTime(a.analyzed_at),
    occurred_at: chTime(occurredAt ?? a.analyzed_at),
    robot_id: robotId ?? '',
    service: redact(service ?? ''),
    fingerprint: a.fingerprint,
    signature: a.signature,
    primary_code: primary?.code ?? '',
    category: primary?.category ?? 'unknown',
    contributing_factor: primary?.contributing_factor ?? 'unknown',
    severity: primary?.severity ?? 'low',
    confidence: primary?.confidence ?? 0,
    finding_codes: a.findings.map((f) => f.code),
    findings: JSON.stringify(a.findings),
    pattern: a.pattern ? JSON.stringify(a.pattern) : '',
    source: a.source,
    rule_errors: a.rule_errors ? JSON.stringify(a.rule_errors) : '',
    llm: a.llm ? JSON.stringify(a.llm) : '',
    version,
  };
}

/** The finding rows of one analysis: its findings by rank, and a tombstone per code it dropped. */
export function toFindingRows(
  { analysis: a, occurredAt, robotId, service }: AnalysisRow,
  version: number,
  previousCodes: string[],
): Record<string, unknown>[] {
  const base = {
    org_id: a.org_id,
    subject_kind: a.subject_kind,
    subject_id: a.subject_id,
    fingerprint: a.fingerprint,
    robot_id: robotId ?? '',
    service: redact(service ?? ''),
    occurred_at: chTime(occurredAt ?? a.analyzed_at),
    analyzed_at: chTime(a.analyzed_at),
    analyzer_version: a.analyzer_version,
    version,
  };
  const codes = a.findings.map((f) => f.code);
  const rows: Record<string, unknown>[] = a.findings.map((f, rank) => ({
    ...base,
    code: f.code,
    rank,
    category: f.category,
    contributing_factor: f.contributing_factor,
    severity: f.severity,
    confidence: f.confidence,
    confidence_band: f.confidence_band,
    is_deleted: 0,
  }));
  for (const old of previousCodes) {
    if (codes.includes(old)) continue;
    rows.push({
      ...base,
      code: old,
      rank: 255,
      category: 'unknown',
      contributing_factor: 'unknown',
      severity: 'low',
      confidence: 0,
      confidence_band: 'low',
      is_deleted: 1,
    });
  }
  return rows;
}

/** Upserts analyses and their flattened findings (see the module comment). */
export async function writeAnalyses(db: Db, input: AnalysisRow[]): Promise<void> {
  if (input.length === 0) return;
  // One subject analyzed twice in a batch (a failure, then a late eval result): the last one stands.
  const latest = new Map<string, AnalysisRow>();
  for (const r of input) latest.set(subjectKey(r.analysis), r);
  const rows = [...latest.values()];
  const previous = await db.rows<{ subject_kind: string; subject_id: string; org_id: string; finding_codes: string[] }>(
    `SELECT org_id, subject_kind, subject_id, finding_codes FROM ${db.t('analyses')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND subject_id IN {ids:Array(String)}`,
    pairParams(
      rows,
      (r) => r.analysis.org_id,
      (r) => r.analysis.subject_id,
    ),
  );
  const prevCodes = new Map(previous.map((p) => [subjectKey(p), p.finding_codes]));
  const analysisRows: Record<string, unknown>[] = [];
  const findingRows: Record<string, unknown>[] = [];
  for (const row of rows) {
    const version = nextVersion();
    analysisRows.push(toAnalysisRow(row, version));
    findingRows.push(...toFindingRows(row, version, prevCodes.get(subjectKey(row.analysis)) ?? []));
  }
  await db.insert('findings', findingRows);
  await db.insert('analyses', analysisRows);
}

function fromDbRow(r: AnalysisDbRow): StoredAnalysis {
  const analysis: Analysis = {
    subject_kind: r.subject_kind,
    subject_id: r.subject_id,
    org_id: r.org_id,
    analyzer_version: r.analyzer_version,
    analyzed_at: isoTime(r.analyzed_at) as string,
    fingerprint: r.fingerprint,
    signature: r.signature,
    findings: JSON.parse(r.findings),
    source: r.source,
    ...(r.pattern ? { pattern: JSON.parse(r.pattern) } : {}),
    ...(r.rule_errors ? { rule_errors: JSON.parse(r.rule_errors) } : {}),
    ...(r.llm ? { llm: JSON.parse(r.llm) } : {}),
  };
  return { analysis, occurredAt: isoTime(r.occurred_at) as string, robotId: r.robot_id, service: r.service };
}

/** The analysis of (org, kind, id); null when missing (another org's subject is missing). */
export async function getAnalysis(db: Db, org: string, kind: SubjectKind, id: string): Promise<StoredAnalysis | null> {
  const rows = await db.rows<AnalysisDbRow>(
    `SELECT * FROM ${db.t('analyses')} FINAL
     WHERE org_id = {org:String} AND subject_kind = {kind:String} AND subject_id = {id:String}
     LIMIT 1`,
    { kind, id, org: requireOrg(org) },
  );
  const r = rows[0];
  return r ? fromDbRow(r) : null;
}

/** How many other subjects of the org share this fingerprint. */
export async function fingerprintPeers(db: Db, org: string, fingerprint: string, subjectId: string): Promise<number> {
  const rows = await db.rows<{ c: string }>(
    `SELECT count() AS c FROM ${db.t('analyses')} FINAL
     WHERE org_id = {org:String} AND fingerprint = {fp:String} AND subject_id != {id:String}`,
    { org: requireOrg(org), fp: fingerprint, id: subjectId },
  );
  return Number(rows[0]?.c ?? 0);
}

export const TREND_COLUMNS = {
  category: 'category',
  contributing_factor: 'contributing_factor',
  severity: 'severity',
  robot: 'robot_id',
  service: 'service',
  fingerprint: 'fingerprint',
  code: 'code',
} as const;

export interface TrendQuery {
  org: OrgScope;
  by: keyof typeof TREND_COLUMNS;
  from: string;
  to: string;
  intervalSeconds: number;
  kind?: SubjectKind;
  allFindings?: boolean;
}

export interface TrendPoint {
  bucket: string;
  key: string;
  count: number;
}

/**
 * Failure counts over time from the flattened findings (FINAL, tombstones excluded, so a
 * re-analysis never double-counts). By default only each subject's primary finding counts.
 */
export async function trends(db: Db, q: TrendQuery): Promise<TrendPoint[]> {
  const column = TREND_COLUMNS[q.by];
  const where = [
    'is_deleted = 0',
    orgWhere(q.org),
    q.kind ? 'subject_kind = {kind:String}' : '1',
    q.allFindings ? '1' : 'rank = 0',
    'occurred_at >= {from:DateTime64(3)}',
    'occurred_at < {to:DateTime64(3)}',
  ].join(' AND ');
  const rows = await db.rows<{ bucket: string; key: string; count: string }>(
    `SELECT toStartOfInterval(occurred_at, INTERVAL {step:UInt32} SECOND) AS bucket, ${column} AS key, count() AS count
     FROM ${db.t('findings')} FINAL
     WHERE ${where}
     GROUP BY bucket, key ORDER BY bucket, count DESC, key`,
    { org: orgParam(q.org), kind: q.kind ?? '', from: chTime(q.from), to: chTime(q.to), step: q.intervalSeconds },
  );
  return rows.map((r) => ({ bucket: isoTime(r.bucket) as string, key: r.key, count: Number(r.count) }));
}

/** How many stored analyses were made by another analyzer version than `version`, by subject kind. */
export async function countStale(db: Db, version: string): Promise<{ subject_kind: string; count: number }[]> {
  const rows = await db.rows<{ subject_kind: string; c: string }>(
    `SELECT subject_kind, count() AS c FROM ${db.t('analyses')} FINAL WHERE analyzer_version != {v:String} GROUP BY subject_kind`,
    { v: version },
  );
  return rows.map((r) => ({ subject_kind: r.subject_kind, count: Number(r.c) }));
}

export interface SubjectToRerun {
  org_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  why: 'stale' | 'failed';
}

/** Subjects whose stored analysis is older than `version`, or that failed to analyze and have no analysis. */
export async function subjectsToRerun(db: Db, version: string, org: OrgScope, limit: number): Promise<SubjectToRerun[]> {
  const orgFilter = `AND ${orgWhere(org)}`;
  const stale = await db.rows<{ org_id: string; subject_kind: SubjectKind; subject_id: string }>(
    `SELECT org_id, subject_kind, subject_id FROM ${db.t('analyses')} FINAL
     WHERE analyzer_version != {v:String} ${orgFilter} LIMIT {limit:UInt32}`,
    { v: version, org: orgParam(org), limit },
  );
  const failed = await db.rows<{ org_id: string; subject_kind: SubjectKind; subject_ref: string }>(
    `SELECT DISTINCT org_id, subject_kind, subject_ref FROM ${db.t('analysis_errors')}
     WHERE error_kind IN ('timed_out', 'analyzer_error', 'validation_failed') AND subject_kind IN ('episode', 'trace', 'log') ${orgFilter}
       AND (org_id, subject_kind, subject_ref) NOT IN (SELECT org_id, subject_kind, subject_id FROM ${db.t('analyses')} FINAL)
     LIMIT {limit:UInt32}`,
    { org: orgParam(org), limit },
  );
  return [
    ...stale.map((r) => ({ ...r, why: 'stale' as const })),
    ...failed.map((r) => ({
      org_id: r.org_id,
      subject_kind: r.subject_kind,
      subject_id: r.subject_ref,
      why: 'failed' as const,
    })),
  ];
}
