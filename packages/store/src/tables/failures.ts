/**
 * The failures list: failed subjects of one kind (episodes, traces, logs), newest first, one page
 * at a time, from `failure_list` (migration 0011, sorted by (org, kind, occurred_at, id)).
 *
 * Invariants:
 * - Keyset pagination on (occurred_at, subject_id, org_id), descending: a page is "the rows
 *   strictly before the cursor"; rows written after the first page never shift later pages, and a
 *   page's cost follows its size, not the history (the read is in the table's order and stops).
 * - One row per subject, its newest analysis: versions not merged yet are read by key for the
 *   page's subjects and the filters are checked again on the newest, so a filter never matches a
 *   version a re-analysis replaced (`listFailures`).
 * - "Seen N times" is the fingerprint's count in the fingerprint rollup (fingerprints_hourly, by
 *   its key), never a count over analyses.
 */
import type { SubjectKind } from '@faultline/core';
import { chTime, type Db, EVERY_ORG, isoTime, type OrgScope, orgParam, orgWhere } from '../db.js';

export interface FailureListQuery {
  org: OrgScope;
  kind: SubjectKind;
  limit: number;
  /** The last row of the previous page (exclusive). */
  after?: FailureCursor;
  from?: string;
  to?: string;
  robot?: string;
  service?: string;
  fingerprint?: string;
  category?: string;
  contributingFactor?: string;
  severity?: string;
  confidenceBand?: string;
  /** true: only analyses by another analyzer version than `currentVersion`; false: only current ones. */
  stale?: boolean;
  currentVersion: string;
}

export interface FailureCursor {
  occurredAt: string;
  id: string;
  org: string;
}

export interface FailureListRow {
  org_id: string;
  kind: SubjectKind;
  id: string;
  occurred_at: string;
  analyzed_at: string;
  analyzer_version: string;
  robot_id: string;
  service: string;
  fingerprint: string;
  code: string;
  title: string;
  category: string;
  contributing_factor: string;
  severity: string;
  confidence: number;
  confidence_band: string;
  findings_count: number;
  /** Subjects of the org with this fingerprint (this one included), from the rollup. */
  seen: number;
}

export interface FailurePage {
  rows: FailureListRow[];
  /** The cursor of the page after this one; null when this page is the last. */
  next: FailureCursor | null;
}

interface DbRow {
  org_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  occurred_at: string;
  analyzed_at: string;
  analyzer_version: string;
  robot_id: string;
  service: string;
  fingerprint: string;
  primary_code: string;
  title: string;
  category: string;
  contributing_factor: string;
  severity: string;
  confidence: number;
  confidence_band: string;
  findings_count: number;
}

/** The filters of a query as SQL conditions on the newest version of each subject. */
function filterConditions(q: FailureListQuery): string[] {
  const out: string[] = [];
  if (q.robot !== undefined) out.push('robot_id = {robot:String}');
  if (q.service !== undefined) out.push('service = {service:String}');
  if (q.fingerprint !== undefined) out.push('fingerprint = {fp:String}');
  if (q.category !== undefined) out.push('category = {category:String}');
  if (q.contributingFactor !== undefined) out.push('contributing_factor = {factor:String}');
  if (q.severity !== undefined) out.push('severity = {severity:String}');
  if (q.confidenceBand !== undefined) out.push('confidence_band = {band:String}');
  if (q.stale === true) out.push('analyzer_version != {current:String}');
  if (q.stale === false) out.push('analyzer_version = {current:String}');
  return out;
}

/** The range conditions on the sorting key: org, kind, window, and the cursor. */
function rangeConditions(q: FailureListQuery): string[] {
  const out = [orgWhere(q.org), 'subject_kind = {kind:String}'];
  if (q.from !== undefined) out.push('occurred_at >= {from:DateTime64(3)}');
  if (q.to !== undefined) out.push('occurred_at < {to:DateTime64(3)}');
  if (q.after) {
    // The first condition bounds the key range; the tuple is the exact "strictly before".
    out.push('occurred_at <= {c_at:DateTime64(3)}');
    out.push('(occurred_at, subject_id, org_id) < ({c_at:DateTime64(3)}, {c_id:String}, {c_org:String})');
  }
  return out;
}

const NEWEST = [
  'analyzed_at',
  'analyzer_version',
  'robot_id',
  'service',
  'fingerprint',
  'primary_code',
  'title',
  'category',
  'contributing_factor',
  'severity',
  'confidence',
  'confidence_band',
  'findings_count',
] as const;

/** Whether the newest version of a subject matches the query's filters (the same ones as `filterConditions`). */
function matches(r: DbRow, q: FailureListQuery): boolean {
  return (
    (q.robot === undefined || r.robot_id === q.robot) &&
    (q.service === undefined || r.service === q.service) &&
    (q.fingerprint === undefined || r.fingerprint === q.fingerprint) &&
    (q.category === undefined || r.category === q.category) &&
    (q.contributingFactor === undefined || r.contributing_factor === q.contributingFactor) &&
    (q.severity === undefined || r.severity === q.severity) &&
    (q.confidenceBand === undefined || r.confidence_band === q.confidenceBand) &&
    (q.stale === undefined || (r.analyzer_version !== q.currentVersion) === q.stale)
  );
}

const keyOf = (r: { org_id: string; subject_id: string; occurred_at: string }) =>
  `${r.org_id}\u0000${r.occurred_at}\u0000${r.subject_id}`;

/**
 * One page of failed subjects, newest first (see the module comment), in two reads:
 * 1. the candidates: rows of any version that match the filters, in the sorting key's order,
 *    limit + 1 of them (the read stops there: read-in-order, no sort of the org's rows);
 * 2. the newest version of each candidate subject, by key (the page's time span and ids), kept
 *    when it still matches the filters (a re-analysis may have moved the subject out of them).
 * The cursor is the last candidate key of the page, so a page shortened by step 2 still
 * continues exactly where it stopped.
 */
export async function listFailures(db: Db, q: FailureListQuery): Promise<FailurePage> {
  const filters = filterConditions(q);
  const every = q.org === EVERY_ORG;
  const params = {
    org: orgParam(q.org),
    kind: q.kind,
    from: chTime(q.from),
    to: chTime(q.to),
    c_at: chTime(q.after?.occurredAt),
    c_id: q.after?.id ?? '',
    c_org: q.after?.org ?? '',
    robot: q.robot ?? '',
    service: q.service ?? '',
    fp: q.fingerprint ?? '',
    category: q.category ?? '',
    factor: q.contributingFactor ?? '',
    severity: q.severity ?? '',
    band: q.confidenceBand ?? '',
    current: q.currentVersion,
    // One more than the page: whether a next page exists, without a count.
    limit: q.limit + 1,
  };
  const candidates = await db.rows<{ org_id: string; subject_id: string; occurred_at: string }>(
    `SELECT org_id, subject_id, occurred_at FROM ${db.t('failure_list')}
     WHERE ${[...rangeConditions(q), ...filters].join(' AND ')}
     ORDER BY occurred_at DESC, subject_id DESC${every ? ', org_id DESC' : ''}
     LIMIT {limit:UInt32}`,
    params,
  );
  const keys: typeof candidates = [];
  const seenKeys = new Set<string>();
  for (const c of candidates) {
    if (seenKeys.has(keyOf(c))) continue;
    seenKeys.add(keyOf(c));
    keys.push(c);
  }
  const pageKeys = keys.slice(0, q.limit);
  const more = candidates.length > q.limit;
  const lastKey = pageKeys[pageKeys.length - 1];
  if (pageKeys.length === 0) return { rows: [], next: null };

  const times = pageKeys.map((k) => k.occurred_at).sort();
  const newest = await db
    .rows<DbRow>(
      `SELECT org_id, subject_kind, subject_id, occurred_at, ${NEWEST.map((c) => `argMax(${c}, version) AS n_${c}`).join(', ')}
     FROM ${db.t('failure_list')}
     WHERE org_id IN {orgs:Array(String)} AND subject_kind = {kind:String}
       AND occurred_at >= {t0:DateTime64(3)} AND occurred_at <= {t1:DateTime64(3)} AND subject_id IN {ids:Array(String)}
     GROUP BY org_id, subject_kind, subject_id, occurred_at`,
      {
        kind: q.kind,
        orgs: [...new Set(pageKeys.map((k) => k.org_id))],
        ids: [...new Set(pageKeys.map((k) => k.subject_id))],
        t0: times[0],
        t1: times[times.length - 1],
      },
    )
    .then((rows) =>
      rows.map((r) => {
        const out = { ...r } as unknown as Record<string, unknown>;
        for (const c of NEWEST) out[c] = out[`n_${c}`];
        return out as unknown as DbRow;
      }),
    );
  const byKey = new Map(newest.map((r) => [keyOf(r), r]));
  const page = pageKeys.map((k) => byKey.get(keyOf(k))).filter((r): r is DbRow => r !== undefined && matches(r, q));
  const seen = await seenCounts(db, page);
  return {
    rows: page.map((r) => ({
      org_id: r.org_id,
      kind: r.subject_kind,
      id: r.subject_id,
      occurred_at: isoTime(r.occurred_at) as string,
      analyzed_at: isoTime(r.analyzed_at) as string,
      analyzer_version: r.analyzer_version,
      robot_id: r.robot_id,
      service: r.service,
      fingerprint: r.fingerprint,
      code: r.primary_code,
      title: r.title,
      category: r.category,
      contributing_factor: r.contributing_factor,
      severity: r.severity,
      confidence: Math.round(Number(r.confidence) * 100) / 100,
      confidence_band: r.confidence_band,
      findings_count: Number(r.findings_count),
      seen: Math.max(1, seen.get(`${r.org_id}\u0000${r.fingerprint}`) ?? 1),
    })),
    next:
      more && lastKey
        ? { occurredAt: isoTime(lastKey.occurred_at) as string, id: lastKey.subject_id, org: lastKey.org_id }
        : null,
  };
}

/** Subjects per (org, fingerprint) of a page, from the fingerprint rollup's key range. */
async function seenCounts(db: Db, page: DbRow[]): Promise<Map<string, number>> {
  if (page.length === 0) return new Map();
  const orgs = [...new Set(page.map((r) => r.org_id))];
  const fps = [...new Set(page.map((r) => r.fingerprint))];
  const counts = await db.rows<{ org_id: string; fingerprint: string; n: string }>(
    `SELECT org_id, fingerprint, sum(subjects) AS n FROM ${db.t('fingerprints_hourly')}
     WHERE org_id IN {orgs:Array(String)} AND fingerprint IN {fps:Array(String)}
     GROUP BY org_id, fingerprint`,
    { orgs, fps },
  );
  return new Map(counts.map((c) => [`${c.org_id}\u0000${c.fingerprint}`, Number(c.n)]));
}
