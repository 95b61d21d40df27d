/**
 * Failure groups (a fingerprint within an org, migration 0008): the groups active in a window with
 * their counts, status and sparklines, one group's members, and the marks people set.
 *
 * Invariants: every read names the org; the window's groups come from the hour-first rollup
 * (groups_hourly), so a listing reads the window's hours, not the org's history; everything else
 * is read by (org, fingerprint) for the window's groups only (fingerprint_groups, group_status,
 * fingerprints_hourly for the counts before the window) or from the hour-sorted findings inside the
 * window (distinct robots and services, members). Counts are by whole hours: the window is widened
 * to them (`from` down, `to` up). Rollups never double-count a redelivery or a re-analysis (0007's
 * rollup_change). The status is `groupStatus` of core, computed here from what was read.
 */
import {
  type GroupFacts,
  type GroupMark,
  type GroupStatus,
  type GroupStatusSettings,
  groupStatus,
  maskedParts,
  type SubjectKind,
} from '@faultline/core';
import { chTime, type Db, isoTime, nextVersion, requireOrg } from '../db.js';

const HOUR_MS = 3_600_000;

export interface GroupFilter {
  kind?: SubjectKind | undefined;
  category?: string | undefined;
  factor?: string | undefined;
  severity?: string | undefined;
  robot?: string | undefined;
  service?: string | undefined;
}

export interface GroupQuery extends GroupFilter {
  org: string;
  /** The window (ISO or epoch ms); widened to whole hours. */
  from: number;
  to: number;
  now: number;
  resolveAfterMs: number;
  growingMin: number;
}

/** A group as the API shows it, without its page-only parts (sparkline, reach). */
export interface GroupSummary {
  fingerprint: string;
  kind: string;
  code: string;
  category: string;
  contributing_factor: string;
  severity: string;
  /** The masked template (`type|template`) and which parts of it were masked. */
  signature: string;
  error_type: string;
  template: string;
  masked: Record<string, number>;
  count_in_range: number;
  count_before: number;
  first_seen: string;
  last_seen: string;
  status: GroupStatus;
  /** A person's mark, if any: what, when, by which key. */
  mark: { status: GroupMark; at: string; actor: string } | null;
}

export interface GroupReach {
  robots: number;
  services: number;
}

export interface SparkPoint {
  bucket: string;
  count: number;
}

interface GroupDbRow {
  fingerprint: string;
  n: string;
  before: string;
  kind: string;
  code: string;
  category: string;
  contributing_factor: string;
  severity: string;
  signature: string;
  first_seen: string;
  last_seen: string;
  mark: string;
  mark_at: string;
  mark_actor: string;
  came_back: number | boolean;
}

/** The window widened to whole hours, as the rollups count. */
export function hourWindow(from: number, to: number): { h1: number; h2: number } {
  return { h1: Math.floor(from / HOUR_MS) * HOUR_MS, h2: Math.ceil(to / HOUR_MS) * HOUR_MS };
}

function filterSql(db: Db, f: GroupFilter, window: string): string {
  const parts = [
    f.kind ? 'subject_kind = {kind:String}' : '',
    f.category ? 'category = {category:String}' : '',
    f.factor ? 'contributing_factor = {factor:String}' : '',
    f.severity ? 'severity = {severity:String}' : '',
  ].filter(Boolean);
  // Robots and services are not in the rollup: the window's primary findings name them (hour-sorted, FINAL).
  if (f.robot || f.service) {
    parts.push(`fingerprint IN (SELECT fingerprint FROM ${db.t('findings')} FINAL
      WHERE org_id = {org:String} AND ${window} AND rank = 0 AND is_deleted = 0
      ${f.robot ? 'AND robot_id = {robot:String}' : ''} ${f.service ? 'AND service = {service:String}' : ''})`);
  }
  return parts.length ? `AND ${parts.join(' AND ')}` : '';
}

/** The findings' rows of the window [h1, h2): the sorting key's hour bounds the read. */
const FINDINGS_WINDOW = `toStartOfHour(occurred_at) >= toDateTime({h1:DateTime64(3)}) AND toStartOfHour(occurred_at) < toDateTime({h2:DateTime64(3)})`;

/**
 * The rows of the groups: `base` selects the fingerprints (the window's, or one), joined by key
 * with their state, mark, and count before the window; and whether one came back inside the
 * window after a silence of the resolve time (`came_back`): from its hours with failures in the
 * window and the resolve time before it (hour-first rollup), either two consecutive ones that far
 * apart, or a first one inside the window with the group seen before it.
 */
function groupsSql(db: Db, base: string): string {
  const ofBase = `org_id = {org:String} AND fingerprint IN (SELECT fingerprint FROM base)`;
  return `WITH base AS (${base})
    SELECT base.fingerprint AS fingerprint, base.n AS n, b.before AS before, g.kind AS kind, g.code AS code,
      g.category AS category, g.contributing_factor AS contributing_factor, g.severity AS severity, g.signature AS signature,
      g.first_seen AS first_seen, g.last_seen AS last_seen, s.mark AS mark, s.mark_at AS mark_at, s.mark_actor AS mark_actor,
      length(r.hours) > 0 AND (
        (r.hours[1] >= toDateTime({h1:DateTime64(3)}) AND toStartOfHour(g.first_seen) < r.hours[1])
        OR arrayExists((a, b) -> b >= toDateTime({h1:DateTime64(3)}) AND dateDiff('second', a, b) >= {quiet:UInt64},
             arrayPopBack(r.hours), arrayPopFront(r.hours))) AS came_back
    FROM base
    INNER JOIN (
      SELECT fingerprint, anyLast(subject_kind) AS kind, anyLast(primary_code) AS code, anyLast(category) AS category,
        anyLast(contributing_factor) AS contributing_factor, anyLast(severity) AS severity, anyLast(signature) AS signature,
        min(first_seen) AS first_seen, max(last_seen) AS last_seen
      FROM ${db.t('fingerprint_groups')} WHERE ${ofBase} GROUP BY fingerprint
    ) AS g ON g.fingerprint = base.fingerprint
    LEFT JOIN (
      SELECT fingerprint, argMax(status, version) AS mark, argMax(set_at, version) AS mark_at, argMax(actor, version) AS mark_actor
      FROM ${db.t('group_status')} WHERE ${ofBase} GROUP BY fingerprint
    ) AS s ON s.fingerprint = base.fingerprint
    LEFT JOIN (
      SELECT fingerprint, sum(failures) AS before FROM ${db.t('fingerprints_hourly')}
      WHERE ${ofBase} AND hour < toDateTime({h1:DateTime64(3)}) GROUP BY fingerprint
    ) AS b ON b.fingerprint = base.fingerprint
    LEFT JOIN (
      SELECT fingerprint, arraySort(groupArray(hour)) AS hours FROM (
        SELECT fingerprint, hour, sum(failures) AS n FROM ${db.t('groups_hourly')}
        WHERE ${ofBase} AND hour >= toDateTime({lookback:DateTime64(3)}) AND hour < toDateTime({h2:DateTime64(3)})
        GROUP BY fingerprint, hour HAVING n > 0
      ) GROUP BY fingerprint
    ) AS r ON r.fingerprint = base.fingerprint
    SETTINGS join_use_nulls = 0`;
}

function params(q: GroupQuery, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { h1, h2 } = hourWindow(q.from, q.to);
  return {
    org: requireOrg(q.org),
    lookback: chTime(h1 - q.resolveAfterMs),
    quiet: Math.ceil(q.resolveAfterMs / 1000),
    h1: chTime(h1),
    h2: chTime(h2),
    kind: q.kind ?? '',
    category: q.category ?? '',
    factor: q.factor ?? '',
    severity: q.severity ?? '',
    robot: q.robot ?? '',
    service: q.service ?? '',
    ...extra,
  };
}

function toSummary(r: GroupDbRow, q: GroupQuery): GroupSummary {
  const { h1, h2 } = hourWindow(q.from, q.to);
  const markAt = Date.parse(isoTime(r.mark_at) as string);
  const mark = r.mark === 'resolved' || r.mark === 'ignored' ? { status: r.mark as GroupMark, at: markAt } : undefined;
  const facts: GroupFacts = {
    inRange: Number(r.n),
    before: Number(r.before),
    firstSeen: Date.parse(isoTime(r.first_seen) as string),
    lastSeen: Date.parse(isoTime(r.last_seen) as string),
    mark,
    cameBack: Number(r.came_back) === 1,
  };
  const settings: GroupStatusSettings = {
    from: h1,
    to: h2,
    now: q.now,
    resolveAfterMs: q.resolveAfterMs,
    growingMin: q.growingMin,
  };
  return {
    fingerprint: r.fingerprint,
    kind: r.kind,
    code: r.code,
    category: r.category,
    contributing_factor: r.contributing_factor,
    severity: r.severity,
    signature: r.signature,
    ...maskedParts(r.signature),
    count_in_range: facts.inRange,
    count_before: facts.before,
    first_seen: isoTime(r.first_seen) as string,
    last_seen: isoTime(r.last_seen) as string,
    status: groupStatus(facts, settings),
    mark: r.mark ? { status: r.mark as GroupMark, at: isoTime(r.mark_at) as string, actor: r.mark_actor } : null,
  };
}

/**
 * Every group with failures in the window (filtered), with its status; most failures first, then
 * by fingerprint. The caller pages (the status filter needs every group's status first).
 */
export async function windowGroups(db: Db, q: GroupQuery): Promise<GroupSummary[]> {
  const base = `SELECT fingerprint, sum(failures) AS n FROM ${db.t('groups_hourly')}
    WHERE org_id = {org:String} AND hour >= toDateTime({h1:DateTime64(3)}) AND hour < toDateTime({h2:DateTime64(3)})
    ${filterSql(db, q, FINDINGS_WINDOW)}
    GROUP BY fingerprint HAVING n > 0`;
  const rows = await db.rows<GroupDbRow>(groupsSql(db, base), params(q));
  return rows
    .map((r) => toSummary(r, q))
    .sort((a, b) => b.count_in_range - a.count_in_range || (a.fingerprint < b.fingerprint ? -1 : 1));
}

/** One group of the org with its window's count (0 when it had none); null when the org has no such group. */
export async function oneGroup(db: Db, q: GroupQuery, fingerprint: string): Promise<GroupSummary | null> {
  const base = `SELECT {fp:String} AS fingerprint, (SELECT sum(failures) FROM ${db.t('groups_hourly')}
      WHERE org_id = {org:String} AND hour >= toDateTime({h1:DateTime64(3)}) AND hour < toDateTime({h2:DateTime64(3)})
      AND fingerprint = {fp:String}) AS n`;
  const rows = await db.rows<GroupDbRow>(groupsSql(db, base), params(q, { fp: fingerprint }));
  const r = rows[0];
  return r ? toSummary(r, q) : null;
}

/** Failures per bucket of `stepHours` hours across the window, for each of `fingerprints` (zeros included). */
export async function sparklines(
  db: Db,
  q: GroupQuery,
  fingerprints: string[],
  stepHours: number,
): Promise<Map<string, SparkPoint[]>> {
  const out = new Map<string, SparkPoint[]>();
  if (fingerprints.length === 0) return out;
  const { h1, h2 } = hourWindow(q.from, q.to);
  const rows = await db.rows<{ fingerprint: string; i: string; n: string }>(
    `SELECT fingerprint, intDiv(toUInt32(hour) - toUInt32(toDateTime({h1:DateTime64(3)})), {step:UInt32}) AS i, sum(failures) AS n
     FROM ${db.t('groups_hourly')}
     WHERE org_id = {org:String} AND hour >= toDateTime({h1:DateTime64(3)}) AND hour < toDateTime({h2:DateTime64(3)})
       AND fingerprint IN {fps:Array(String)} ${filterSql(db, { ...q, robot: undefined, service: undefined }, '1')}
     GROUP BY fingerprint, i`,
    params(q, { fps: fingerprints, step: stepHours * 3600 }),
  );
  const buckets = Math.ceil((h2 - h1) / (stepHours * HOUR_MS));
  for (const fp of fingerprints)
    out.set(
      fp,
      Array.from({ length: buckets }, (_, i) => ({ bucket: new Date(h1 + i * stepHours * HOUR_MS).toISOString(), count: 0 })),
    );
  for (const r of rows) {
    const point = out.get(r.fingerprint)?.[Number(r.i)];
    if (point) point.count += Number(r.n);
  }
  return out;
}

/** Distinct robots and services among the window's failures of each group (its primary findings, FINAL). */
export async function reach(db: Db, q: GroupQuery, fingerprints: string[]): Promise<Map<string, GroupReach>> {
  if (fingerprints.length === 0) return new Map();
  const rows = await db.rows<{ fingerprint: string; robots: string; services: string }>(
    `SELECT fingerprint, uniqExactIf(robot_id, robot_id != '') AS robots, uniqExactIf(service, service != '') AS services
     FROM ${db.t('findings')} FINAL
     WHERE org_id = {org:String} AND ${FINDINGS_WINDOW} AND rank = 0 AND is_deleted = 0 AND fingerprint IN {fps:Array(String)}
     GROUP BY fingerprint`,
    params(q, { fps: fingerprints }),
  );
  return new Map(rows.map((r) => [r.fingerprint, { robots: Number(r.robots), services: Number(r.services) }]));
}

export interface GroupMember {
  subject_kind: string;
  subject_id: string;
  robot_id: string;
  service: string;
  occurred_at: string;
  code: string;
}

/** A position in the members (newest first): the last member of the page before. */
export interface MemberCursor {
  at: string;
  kind: string;
  id: string;
}

/** Up to `limit` members of a group in the window, newest first, after `cursor`. */
export async function members(
  db: Db,
  q: GroupQuery,
  fingerprint: string,
  limit: number,
  cursor?: MemberCursor,
): Promise<GroupMember[]> {
  const rows = await db.rows<GroupMember>(
    `SELECT subject_kind, subject_id, robot_id, service, occurred_at, code FROM ${db.t('findings')} FINAL
     WHERE org_id = {org:String} AND ${FINDINGS_WINDOW} AND rank = 0 AND is_deleted = 0 AND fingerprint = {fp:String}
       ${cursor ? 'AND (occurred_at, subject_kind, subject_id) < ({cat:DateTime64(3)}, {ckind:String}, {cid:String})' : ''}
     ORDER BY occurred_at DESC, subject_kind DESC, subject_id DESC
     LIMIT {limit:UInt32}`,
    params(q, {
      fp: fingerprint,
      limit,
      cat: cursor ? chTime(cursor.at) : '',
      ckind: cursor?.kind ?? '',
      cid: cursor?.id ?? '',
    }),
  );
  return rows.map((r) => ({ ...r, occurred_at: isoTime(r.occurred_at) as string }));
}

/** Records a person's mark on a group (the newest mark wins). */
export async function markGroup(db: Db, org: string, fingerprint: string, status: GroupMark, actor: string, at = new Date()) {
  await db.insert('group_status', [
    { org_id: requireOrg(org), fingerprint, status, set_at: chTime(at), actor, version: nextVersion() },
  ]);
}

/** Groups by status and category across every org, for the bounded Prometheus series. */
export interface GroupCount {
  status: GroupStatus;
  category: string;
  /** Groups with failures in the last day, by their status over that day. */
  groups: number;
  /** Their failures in the current and the previous clock hour (the rollup's whole hours). */
  recent_failures: number;
}

/**
 * The groups of every org with failures in the last day (`now` − 24 h to `now`), counted by status
 * and category: one read of the window's orgs, then each org's window groups (as the API lists
 * them) and the recent hours' failures by (org, fingerprint).
 */
export async function groupCounts(db: Db, s: Pick<GroupQuery, 'now' | 'resolveAfterMs' | 'growingMin'>): Promise<GroupCount[]> {
  const from = s.now - 24 * HOUR_MS;
  const { h1, h2 } = hourWindow(from, s.now);
  const recentFrom = Math.floor(s.now / HOUR_MS) * HOUR_MS - HOUR_MS;
  const [orgs, recent] = await Promise.all([
    db.rows<{ org_id: string }>(
      `SELECT DISTINCT org_id FROM ${db.t('groups_hourly')}
       WHERE hour >= toDateTime({h1:DateTime64(3)}) AND hour < toDateTime({h2:DateTime64(3)})`,
      { h1: chTime(h1), h2: chTime(h2) },
    ),
    db.rows<{ org_id: string; fingerprint: string; n: string }>(
      `SELECT org_id, fingerprint, sum(failures) AS n FROM ${db.t('groups_hourly')}
       WHERE hour >= toDateTime({r:DateTime64(3)}) GROUP BY org_id, fingerprint HAVING n > 0`,
      { r: chTime(recentFrom) },
    ),
  ]);
  const recentOf = new Map(recent.map((r) => [`${r.org_id}\u0000${r.fingerprint}`, Number(r.n)]));
  const counts = new Map<string, GroupCount>();
  for (const { org_id } of orgs) {
    for (const g of await windowGroups(db, { ...s, org: org_id, from, to: s.now })) {
      const key = `${g.status}\u0000${g.category}`;
      const c = counts.get(key) ?? { status: g.status, category: g.category, groups: 0, recent_failures: 0 };
      c.groups += 1;
      c.recent_failures += recentOf.get(`${org_id}\u0000${g.fingerprint}`) ?? 0;
      counts.set(key, c);
    }
  }
  return [...counts.values()];
}
