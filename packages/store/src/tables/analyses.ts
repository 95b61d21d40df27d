/**
 * Analyses (one row per (org, kind, subject): re-analysis writes a newer version of the same
 * row) and their flattened findings (one row per (subject, code), for trends). A re-analysis
 * tombstones (is_deleted = 1) the codes the earlier analysis had and this one does not, so a
 * read with FINAL never double-counts a subject. Findings are written before the analysis: an
 * analysis is only visible once its findings are.
 *
 * Invariants the time layout (migration 0007) rests on: a subject's `occurred_at` is fixed by its
 * first stored analysis (a re-analysis keeps it, so it replaces its row in the same partition and
 * hour); each analyses row carries its change to the rollups (`rollup_change`, `prev_*`, computed
 * here from the previous analysis read with FINAL), so ClickHouse's materialized views count a
 * subject once however often it is re-delivered or re-analyzed. One writer per subject at a time
 * (the bus keys a subject to one consumer) keeps the previous analysis read here the one replaced.
 */
import type { Analysis, SubjectKind } from '@faultline/core';
import { orgKey, redact } from '@faultline/core';
import {
  chTime,
  type Db,
  isoTime,
  jsonColumn,
  nextVersion,
  type OrgScope,
  orgParam,
  orgWhere,
  pairParams,
  requireOrg,
} from '../db.js';

export interface AnalysisRow {
  analysis: Analysis;
  occurredAt: string | null;
  robotId?: string;
  service?: string;
  /** The run's dimensions (an episode's tags, a trace's from its attributes): run_dims, tables/dims.ts. */
  tags?: Record<string, string>;
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
    // The JSON columns as values, serialized once by the insert's payload (db.ts jsonColumn).
    findings: jsonColumn(a.findings),
    pattern: a.pattern ? jsonColumn(a.pattern) : '',
    source: a.source,
    rule_errors: a.rule_errors ? jsonColumn(a.rule_errors) : '',
    llm: a.llm ? jsonColumn(a.llm) : '',
    version,
  };
}

/** The finding rows of one analysis: its findings by rank, and a tombstone per code it dropped. */
export function toFindingRows(
  { analysis: a, occurredAt, robotId, service }: AnalysisRow,
  version: number,
  previousCodes: string[],
  /** The row's redacted service and ClickHouse times, when the caller has them (its analyses row). */
  known?: { service: string; occurred_at: string | null; analyzed_at: string | null },
): Record<string, unknown>[] {
  // Every row is written out key by key (one object shape, no spread of a shared base per row):
  // the spread was the main thread's largest cost in the store's converters (load-tests/README.md,
  // seventh landing). The keys and their order are the same as the base-and-spread rows'.
  const org_id = a.org_id;
  const subject_kind = a.subject_kind;
  const subject_id = a.subject_id;
  const fingerprint = a.fingerprint;
  const robot_id = robotId ?? '';
  const serviceText = known ? known.service : redact(service ?? '');
  const occurred_at = known ? known.occurred_at : chTime(occurredAt ?? a.analyzed_at);
  const analyzed_at = known ? known.analyzed_at : chTime(a.analyzed_at);
  const analyzer_version = a.analyzer_version;
  const row = (
    code: string,
    rank: number,
    category: string,
    contributing_factor: string,
    severity: string,
    confidence: number,
    confidence_band: string,
    is_deleted: number,
  ): Record<string, unknown> => ({
    org_id,
    subject_kind,
    subject_id,
    fingerprint,
    robot_id,
    service: serviceText,
    occurred_at,
    analyzed_at,
    analyzer_version,
    version,
    code,
    rank,
    category,
    contributing_factor,
    severity,
    confidence,
    confidence_band,
    is_deleted,
  });
  const rows: Record<string, unknown>[] = [];
  const findings = a.findings;
  for (let rank = 0; rank < findings.length; rank++) {
    const f = findings[rank] as (typeof findings)[number];
    rows.push(row(f.code, rank, f.category, f.contributing_factor, f.severity, f.confidence, f.confidence_band, 0));
  }
  for (const old of previousCodes) {
    if (findings.some((f) => f.code === old)) continue;
    rows.push(row(old, 255, 'unknown', 'unknown', 'low', 0, 'low', 1));
  }
  return rows;
}

/** What the rollups count of an analysis; a change in any of them moves the subject between rollup rows. */
interface Counted {
  occurred_at: string;
  fingerprint: string;
  primary_code: string;
  category: string;
  contributing_factor: string;
  severity: string;
  analyzer_version: string;
  finding_codes: string[];
}

const COUNTED = ['fingerprint', 'primary_code', 'category', 'contributing_factor', 'severity', 'analyzer_version'] as const;

/** No previous analysis: the prev_* columns' defaults, written out (see `rollupChange`). */
const NO_PREVIOUS = {
  prev_fingerprint: '',
  prev_primary_code: '',
  prev_category: '',
  prev_contributing_factor: '',
  prev_severity: '',
  prev_analyzer_version: '',
} as const;

/**
 * The rollup delta of a new analysis row against the previous one (see migration 0007). Every row
 * carries the same columns (the prev_* defaults written out when there is nothing to replace):
 * `Db.insert` writes one statement per shape of row, so a batch of new and re-analyzed subjects
 * stays one insert into analyses, and one run of its views, instead of two.
 */
export function rollupChange(row: Record<string, unknown>, previous: Counted | undefined): Record<string, unknown> {
  if (!previous) return { rollup_change: 1, ...NO_PREVIOUS };
  if (COUNTED.every((c) => row[c] === previous[c])) return { rollup_change: 0, ...NO_PREVIOUS };
  return {
    rollup_change: 2,
    prev_fingerprint: previous.fingerprint,
    prev_primary_code: previous.primary_code,
    prev_category: previous.category,
    prev_contributing_factor: previous.contributing_factor,
    prev_severity: previous.severity,
    prev_analyzer_version: previous.analyzer_version,
  };
}

/** Upserts analyses and their flattened findings (see the module comment). */
export async function writeAnalyses(db: Db, input: AnalysisRow[], options: { findings?: boolean } = {}): Promise<void> {
  if (input.length === 0) return;
  // One subject analyzed twice in a batch (a failure, then a late eval result): the last one stands.
  const latest = new Map<string, AnalysisRow>();
  for (const r of input) latest.set(subjectKey(r.analysis), r);
  const rows = [...latest.values()];
  const previous = await db.rows<Counted & { subject_kind: string; subject_id: string; org_id: string }>(
    `SELECT org_id, subject_kind, subject_id, occurred_at, fingerprint, primary_code, category, contributing_factor, severity,
       analyzer_version, finding_codes
     FROM ${db.t('analyses')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND subject_id IN {ids:Array(String)}`,
    pairParams(
      rows,
      (r) => r.analysis.org_id,
      (r) => r.analysis.subject_id,
    ),
  );
  const prev = new Map(previous.map((p) => [subjectKey(p), p]));
  const analysisRows: Record<string, unknown>[] = [];
  const findingRows: Record<string, unknown>[] = [];
  for (const row of rows) {
    const version = nextVersion();
    const before = prev.get(subjectKey(row.analysis));
    // The first analysis dates the subject: a re-analysis stays in its partition and hour.
    const dated = before ? { ...row, occurredAt: isoTime(before.occurred_at) } : row;
    const analysisRow = toAnalysisRow(dated, version);
    analysisRows.push(Object.assign(analysisRow, rollupChange(analysisRow, before)));
    if (options.findings !== false)
      for (const f of toFindingRows(dated, version, before?.finding_codes ?? [], analysisRow)) findingRows.push(f);
  }
  if (options.findings !== false) await db.insert('findings', findingRows);
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
    // The newest version, as FINAL would keep it, without FINAL's merge of every partition's granule.
    `SELECT * FROM ${db.t('analyses')}
     WHERE org_id = {org:String} AND subject_kind = {kind:String} AND subject_id = {id:String}
     ORDER BY version DESC LIMIT 1`,
    { kind, id, org: requireOrg(org) },
  );
  const r = rows[0];
  return r ? fromDbRow(r) : null;
}

/**
 * How many other subjects of the org share this fingerprint, within the rollups' lifetime: the
 * fingerprint's rows of the hourly rollup (an index range, not a scan of the org), less the
 * subject itself when its current analysis (the newest version, read by key) has this fingerprint.
 */
export async function fingerprintPeers(db: Db, org: string, fingerprint: string, subjectId: string): Promise<number> {
  const rows = await db.rows<{ total: string; self: string }>(
    `SELECT
       (SELECT sum(subjects) FROM ${db.t('fingerprints_hourly')}
        WHERE org_id = {org:String} AND fingerprint = {fp:String}) AS total,
       (SELECT countIf(current = {fp:String}) FROM (
          SELECT argMax(fingerprint, version) AS current FROM ${db.t('analyses')}
          WHERE org_id = {org:String} AND subject_kind IN ('episode', 'trace', 'log') AND subject_id = {id:String}
          GROUP BY subject_kind)) AS self`,
    { org: requireOrg(org), fp: fingerprint, id: subjectId },
  );
  return Math.max(0, Number(rows[0]?.total ?? 0) - Number(rows[0]?.self ?? 0));
}

/**
 * The analysis of (org, kind, id) and its fingerprint peers (as `fingerprintPeers` counts them),
 * in two reads instead of three (the read API's answer): the newest row of the id under each
 * subject kind in one read (the analysis, and which of the id's kinds have its fingerprint: the
 * "subject itself" that `fingerprintPeers` reads again), then the fingerprint's rollup count.
 * Null when there is no analysis (another org's subject is missing).
 */
export async function getAnalysisWithPeers(
  db: Db,
  org: string,
  kind: SubjectKind,
  id: string,
): Promise<{ stored: StoredAnalysis; peers: number } | null> {
  const rows = await db.rows<AnalysisDbRow>(
    `SELECT * FROM ${db.t('analyses')}
     WHERE org_id = {org:String} AND subject_kind IN ('episode', 'trace', 'log') AND subject_id = {id:String}
     ORDER BY version DESC LIMIT 1 BY subject_kind`,
    { id, org: requireOrg(org) },
  );
  const own = rows.find((r) => r.subject_kind === kind);
  if (!own) return null;
  const total = await db.rows<{ total: string }>(
    `SELECT sum(subjects) AS total FROM ${db.t('fingerprints_hourly')} WHERE org_id = {org:String} AND fingerprint = {fp:String}`,
    { org, fp: own.fingerprint },
  );
  const self = rows.filter((r) => r.fingerprint === own.fingerprint).length;
  return { stored: fromDbRow(own), peers: Math.max(0, Number(total[0]?.total ?? 0) - self) };
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

/** The rollup that answers a trend by this column, when one does (primary findings only). */
const ROLLUP_OF: Partial<Record<keyof typeof TREND_COLUMNS, string>> = {
  category: 'failures_hourly',
  contributing_factor: 'failures_hourly',
  severity: 'failures_hourly',
  code: 'failures_hourly',
  // Not fingerprint: fingerprints_hourly is sorted by fingerprint (peers, groups); a window of
  // every fingerprint reads fewer rows from the hour-sorted findings.
};

const HOUR_MS = 3_600_000;

/**
 * Failure counts over time. By default only each subject's primary finding counts. The whole
 * hours of the window come from the hourly rollup when the grouping has one and the buckets are
 * whole hours; the rest (the window's partial first and last hours, other groupings, all
 * findings, buckets under an hour) from the flattened findings (FINAL, tombstones excluded, so a
 * re-analysis never double-counts), read by hour through the sorting key. One query either way.
 * The rollup's code '' rows (analyses without a finding, migration 0010) are not findings.
 * FINAL merges within each month's partition only: a subject's rows share its first occurred_at
 * (module comment), so they are never in two partitions, and a month with one part is not merged
 * at all.
 */
export async function trends(db: Db, q: TrendQuery): Promise<TrendPoint[]> {
  const rollup = ROLLUP_OF[q.by];
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const lastHour = Math.floor(to / HOUR_MS) * HOUR_MS;
  const useRollup = rollup && !q.allFindings && q.intervalSeconds % 3600 === 0 && firstHour < lastHour;
  const column = TREND_COLUMNS[q.by];
  const common = [orgWhere(q.org), q.kind ? 'subject_kind = {kind:String}' : '1'];
  const bucket = (time: string) => `toDateTime(toStartOfInterval(${time}, INTERVAL {step:UInt32} SECOND), 'UTC')`;
  const fromFindings = (where: string) =>
    `SELECT ${bucket('occurred_at')} AS bucket, ${column} AS key, toInt64(count()) AS count
     FROM ${db.t('findings')} FINAL
     WHERE ${[...common, 'is_deleted = 0', q.allFindings ? '1' : 'rank = 0', where].join(' AND ')}
     GROUP BY bucket, key`;
  // The sorting key's hour bounds every findings read to the window's granules.
  const span = (a: string, b: string) =>
    `(occurred_at >= {${a}:DateTime64(3)} AND occurred_at < {${b}:DateTime64(3)}
      AND toStartOfHour(occurred_at) >= toStartOfHour({${a}:DateTime64(3)}) AND toStartOfHour(occurred_at) <= toStartOfHour({${b}:DateTime64(3)}))`;
  const parts = useRollup
    ? [
        `SELECT ${bucket("toDateTime64(hour, 3, 'UTC')")} AS bucket, ${column} AS key, sum(failures) AS count
         FROM ${db.t(rollup)}
         WHERE ${[...common, "code != ''", 'hour >= toDateTime({h1:DateTime64(3)})', 'hour < toDateTime({h2:DateTime64(3)})'].join(' AND ')}
         GROUP BY bucket, key`,
        ...(firstHour > from ? [fromFindings(span('from', 'h1'))] : []),
        ...(to > lastHour ? [fromFindings(span('h2', 'to'))] : []),
      ]
    : [fromFindings(span('from', 'to'))];
  const rows = await db.rows<{ bucket: string; key: string; count: string }>(
    `SELECT bucket, key, sum(count) AS count FROM (${parts.join('\n UNION ALL \n')})
     GROUP BY bucket, key HAVING count != 0 ORDER BY bucket, count DESC, key
     SETTINGS do_not_merge_across_partitions_select_final = 1`,
    {
      org: orgParam(q.org),
      kind: q.kind ?? '',
      from: chTime(from),
      to: chTime(to),
      h1: chTime(firstHour),
      h2: chTime(lastHour),
      step: q.intervalSeconds,
    },
  );
  return rows.map((r) => ({ bucket: isoTime(r.bucket) as string, key: r.key, count: Number(r.count) }));
}

/**
 * How many stored analyses were made by another analyzer version than `version`, by subject kind:
 * from the version rollup (one row per org, kind and version). Analyses removed by their TTL
 * before a re-run stay counted until their version's row is not written for the analyses' lifetime.
 */
export async function countStale(db: Db, version: string): Promise<{ subject_kind: string; count: number }[]> {
  const rows = await db.rows<{ subject_kind: string; c: string }>(
    `SELECT subject_kind, sum(subjects) AS c FROM ${db.t('analyses_by_version')}
     WHERE analyzer_version != {v:String}
     GROUP BY subject_kind HAVING c > 0`,
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

/**
 * Up to `limit` subjects whose current analysis is by another version: candidates from the rows
 * (no FINAL, so the read stops early), kept when their newest row (argMax by version, read by
 * key) is by another version too. An older row not merged away yet can take a candidate's place;
 * merges remove it in time, and the scheduled run comes back every hour.
 */
async function staleSubjects(db: Db, version: string, org: OrgScope, limit: number) {
  return db.rows<{ org_id: string; subject_kind: SubjectKind; subject_id: string }>(
    `WITH candidates AS (
       SELECT subject_id FROM ${db.t('analyses')}
       WHERE analyzer_version != {v:String} AND ${orgWhere(org)} LIMIT {candidates:UInt32}
     )
     SELECT org_id, subject_kind, subject_id FROM ${db.t('analyses')}
     WHERE subject_id IN (SELECT subject_id FROM candidates) AND ${orgWhere(org)}
     GROUP BY org_id, subject_kind, subject_id
     HAVING argMax(analyzer_version, version) != {v:String}
     LIMIT {limit:UInt32}`,
    { v: version, org: orgParam(org), limit, candidates: limit * 4 },
  );
}

/**
 * Subjects whose stored analysis is by another analyzer version than `version`, or that failed to
 * analyze and have no analysis. Stale ones: only when the version rollup counts any (the usual
 * answer, "none", reads a few rows), then as `staleSubjects` says. Failed
 * ones: the errors' subjects first, then which of those have an analysis (by key, not a scan).
 */
export async function subjectsToRerun(db: Db, version: string, org: OrgScope, limit: number): Promise<SubjectToRerun[]> {
  const orgFilter = `AND ${orgWhere(org)}`;
  const anyStale = await db.rows<{ c: string }>(
    `SELECT sum(subjects) AS c FROM ${db.t('analyses_by_version')}
     WHERE analyzer_version != {v:String} ${orgFilter}`,
    { v: version, org: orgParam(org) },
  );
  const stale = Number(anyStale[0]?.c ?? 0) > 0 ? await staleSubjects(db, version, org, limit) : [];
  const failed = await db.rows<{ org_id: string; subject_kind: SubjectKind; subject_ref: string }>(
    `WITH candidates AS (
       SELECT DISTINCT org_id, subject_kind, subject_ref FROM ${db.t('analysis_errors')}
       WHERE error_kind IN ('timed_out', 'analyzer_error', 'validation_failed') AND subject_kind IN ('episode', 'trace', 'log') ${orgFilter}
     )
     SELECT org_id, subject_kind, subject_ref FROM candidates
     WHERE (org_id, subject_kind, subject_ref) NOT IN (
       SELECT org_id, subject_kind, subject_id FROM ${db.t('analyses')} FINAL
       WHERE subject_id IN (SELECT subject_ref FROM candidates)
     )
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
