/**
 * Dimensions of runs (migration 0009) and the fleet insight that compares them.
 *
 * `run_dims` holds one row per finished run whose outcome the store knows: a failed episode or
 * trace with its analysis (outcome `failure`: primary category, factor, fingerprint; written by the
 * analyzer right after the analyses, `failureDims`) and a succeeded episode (outcome `success`,
 * written with the episode, tables/episodes.ts), each with its tags. `tags_hourly` is ClickHouse's hourly
 * rollup of it (org × kind × hour × tag key × value × outcome × category × factor → runs; every run
 * also under the empty key, the totals). Since migration 0017, `tags_hourly` and
 * `fingerprint_tags_hourly` are plain views over one table, `tags_rollup_hourly`, fed by one view
 * (one part and one view run per run_dims insert instead of two): the reads here are unchanged.
 *
 * Invariants:
 * - One writer per subject at a time (the bus keys a subject to one consumer); `writeRunDims` reads
 *   the previous row (FINAL) before it writes, keeps its `occurred_at` (the first row dates the
 *   run), and says what the new row changes in the rollups (`rollup_change`, `prev_*`, as migration
 *   0007 does for analyses), so a redelivery or a re-analysis with the same outcome, fingerprint
 *   and tags counts nothing, and a change of any of them moves the run from its old rollup rows to
 *   the new.
 * - The insight is computed by ClickHouse in one query: per tag key, the share of each value among
 *   the selected failures against its share among all runs of the kind in the range (only runs
 *   that carry the key count towards that key's shares), ranked by lift, with a two-proportion
 *   z-test of the selected failures against the other runs (Bonferroni-adjusted over the values
 *   tested, a value is tested only with at least `minSupport` selected failures).
 * - The range is read in whole hours of the rollups: `from` rounded down and `to` rounded up to the
 *   hour (the answer says which hours it read). A fingerprint selection reads the selected
 *   failures from `fingerprint_tags_hourly` (migration 0012: sorted by fingerprint, one index
 *   range); the baseline always comes from `tags_hourly`.
 */
import { redactDeep } from '@faultline/core';
import { chTime, type Db, isoTime, nextVersion, type OrgScope, orgParam, orgWhere, pairParams } from '../db.js';
import type { AnalysisRow } from './analyses.js';

export type RunOutcome = 'success' | 'failure';

/** What the store keeps of one run's dimensions. */
export interface RunDim {
  org_id: string;
  subject_kind: 'episode' | 'trace';
  subject_id: string;
  /** ISO time (or ClickHouse DateTime64 text) the run occurred at; the first stored row's wins. */
  occurred_at: string;
  outcome: RunOutcome;
  category: string;
  contributing_factor: string;
  fingerprint: string;
  tags: Record<string, string>;
}

interface PreviousDim {
  org_id: string;
  subject_kind: string;
  subject_id: string;
  occurred_at: string;
  outcome: string;
  category: string;
  contributing_factor: string;
  fingerprint: string;
  tags: Record<string, string>;
}

const dimKey = (d: { org_id: string; subject_kind: string; subject_id: string }) =>
  `${d.org_id}\u0000${d.subject_kind}\u0000${d.subject_id}`;

/** Tags in one canonical order (the map a row is compared by). */
function canonicalTags(tags: Record<string, string>): string {
  return JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** No previous row: the prev_* columns' defaults, written out (see `dimsChange`). */
const NO_PREVIOUS = {
  prev_outcome: '',
  prev_category: '',
  prev_contributing_factor: '',
  prev_fingerprint: '',
  prev_tags: {},
} as const;

/**
 * The rollup delta of a run's new row against its previous one (see the module comment). Every row
 * carries the same columns (the prev_* defaults written out when there is nothing to replace), so a
 * batch of new and changed runs is one insert into run_dims (`Db.insert` writes one per row shape).
 */
export function dimsChange(row: RunDim, previous: PreviousDim | undefined): Record<string, unknown> {
  if (!previous) return { rollup_change: 1, ...NO_PREVIOUS };
  const same =
    previous.outcome === row.outcome &&
    previous.category === row.category &&
    previous.contributing_factor === row.contributing_factor &&
    previous.fingerprint === row.fingerprint &&
    canonicalTags(previous.tags) === canonicalTags(row.tags);
  if (same) return { rollup_change: 0, ...NO_PREVIOUS };
  return {
    rollup_change: 2,
    prev_outcome: previous.outcome,
    prev_category: previous.category,
    prev_contributing_factor: previous.contributing_factor,
    prev_fingerprint: previous.fingerprint,
    prev_tags: previous.tags,
  };
}

/**
 * The dimensions rows of stored analyses (failures): episodes and traces (logs have no dimensions),
 * with their primary finding and their tags, redacted. The analyzer writes them once the analyses
 * are stored (services/analyzer steps/persist.ts).
 */
export function failureDims(rows: AnalysisRow[]): RunDim[] {
  return rows
    .filter((r) => r.analysis.subject_kind !== 'log')
    .map(({ analysis: a, occurredAt, tags }) => {
      const primary = a.findings[0];
      return {
        org_id: a.org_id,
        subject_kind: a.subject_kind as 'episode' | 'trace',
        subject_id: a.subject_id,
        occurred_at: occurredAt ?? a.analyzed_at,
        outcome: 'failure' as const,
        category: primary?.category ?? 'unknown',
        contributing_factor: primary?.contributing_factor ?? 'unknown',
        fingerprint: a.fingerprint,
        tags: redactDeep(tags ?? {}),
      };
    });
}

/** Upserts runs' dimensions (see the module comment); the last row of a subject in `input` stands. */
export async function writeRunDims(db: Db, input: RunDim[]): Promise<void> {
  if (input.length === 0) return;
  const latest = new Map<string, RunDim>();
  for (const d of input) latest.set(dimKey(d), d);
  const rows = [...latest.values()];
  const previous = await db.rows<PreviousDim>(
    `SELECT org_id, subject_kind, subject_id, occurred_at, outcome, category, contributing_factor, fingerprint, tags
     FROM ${db.t('run_dims')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND subject_id IN {ids:Array(String)}`,
    pairParams(
      rows,
      (r) => r.org_id,
      (r) => r.subject_id,
    ),
  );
  const prev = new Map(previous.map((p) => [dimKey(p), p]));
  await db.insert(
    'run_dims',
    rows.map((row) => {
      const before = prev.get(dimKey(row));
      return {
        ...row,
        occurred_at: before ? before.occurred_at : chTime(row.occurred_at),
        version: nextVersion(),
        ...dimsChange(row, before),
      };
    }),
  );
}

export interface DimensionQuery {
  /** One org, or EVERY_ORG (a platform key's explicit `?org=*`). */
  org: OrgScope;
  kind: 'episode' | 'trace';
  category?: string | undefined;
  factor?: string | undefined;
  fingerprint?: string | undefined;
  from: string;
  to: string;
  /** Selected failures a value needs before it is tested (default 5). */
  minSupport: number;
  /** The family-wise error rate of the Bonferroni-adjusted test (default 0.05). */
  alpha: number;
  /** At most this many values in the answer (the most over-represented first). */
  limit: number;
}

export interface DimensionValue {
  key: string;
  value: string;
  /** Selected failures with this value, and with this key at all. */
  selected: number;
  selected_with_key: number;
  /** All runs of the kind in the range with this value, and with this key at all. */
  runs: number;
  runs_with_key: number;
  selected_share: number;
  baseline_share: number;
  /** selected_share / baseline_share. */
  lift: number;
  /** The two-proportion z statistic (selected failures against the other runs); null when untested. */
  z: number | null;
  p_value: number | null;
  /** Bonferroni: p × the number of values tested, at most 1. */
  p_adjusted: number | null;
  significant: boolean;
}

export interface DimensionSummary {
  key: string;
  values: number;
  selected_with_key: number;
  runs_with_key: number;
  /** The values of this key significantly over-represented among the selected failures. */
  significant_values: number;
  top_value: string | null;
  top_lift: number | null;
}

export interface DimensionInsight {
  /** The whole hours read: from rounded down, to rounded up. */
  from: string;
  to: string;
  /** Selected failures and all runs of the kind in the range, tagged or not. */
  selected: number;
  runs: number;
  /** How many values were tested (had at least minSupport selected failures). */
  tested: number;
  dimensions: DimensionSummary[];
  values: DimensionValue[];
}

const HOUR_MS = 3_600_000;

/** The insight (see the module comment): one ClickHouse query. */
export async function dimensionInsight(db: Db, q: DimensionQuery): Promise<DimensionInsight> {
  const h1 = Math.floor(Date.parse(q.from) / HOUR_MS) * HOUR_MS;
  const h2 = Math.max(h1 + HOUR_MS, Math.ceil(Date.parse(q.to) / HOUR_MS) * HOUR_MS);
  const filters = [q.category ? 'category = {category:String}' : '1', q.factor ? 'contributing_factor = {factor:String}' : '1'];
  const selectedIf = `outcome = 'failure' AND ${filters.join(' AND ')}`;
  const rollupWhere = `${orgWhere(q.org)} AND subject_kind = {kind:String}
       AND hour >= toDateTime({h1:DateTime64(3)}) AND hour < toDateTime({h2:DateTime64(3)})`;
  // Per (key, value): all runs from the rollup; the selected failures from the rollup too, or, for
  // a fingerprint, from the fingerprint's rollup (0012).
  const counts = q.fingerprint
    ? `SELECT b.tag_key AS tag_key, b.tag_value AS tag_value, toFloat64(s.n) AS selected, toFloat64(b.n) AS all_runs
       FROM (SELECT tag_key, tag_value, sum(runs) AS n FROM ${db.t('tags_hourly')} WHERE ${rollupWhere}
             GROUP BY tag_key, tag_value HAVING n > 0) AS b
       LEFT JOIN (
         SELECT tag_key, tag_value, sum(failures) AS n
         FROM ${db.t('fingerprint_tags_hourly')}
         WHERE ${rollupWhere} AND fingerprint = {fingerprint:String} AND ${filters.join(' AND ')}
         GROUP BY tag_key, tag_value
       ) AS s ON s.tag_key = b.tag_key AND s.tag_value = b.tag_value
       SETTINGS join_use_nulls = 0`
    : `SELECT tag_key, tag_value, toFloat64(sumIf(runs, ${selectedIf})) AS selected, toFloat64(sum(runs)) AS all_runs
       FROM ${db.t('tags_hourly')} WHERE ${rollupWhere}
       GROUP BY tag_key, tag_value HAVING all_runs > 0`;
  const rows = await db.rows<{
    tag_key: string;
    tag_value: string;
    selected: number;
    runs: number;
    n1: number;
    n2: number;
    z: number | null;
    p_value: number | null;
    tested: string;
  }>(
    `WITH counts AS (${counts}),
     shares AS (
       SELECT tag_key, tag_value, selected, all_runs AS runs,
         sum(selected) OVER (PARTITION BY tag_key) AS n1,
         sum(all_runs) OVER (PARTITION BY tag_key) AS n2
       FROM counts
     ),
     tests AS (
       SELECT *,
         -- the other runs of the key: all runs with the key less the selected failures
         if(tag_key != '' AND selected >= {support:UInt32} AND n2 > n1 AND runs < n2,
            (selected / n1 - (runs - selected) / (n2 - n1))
              / sqrt((runs / n2) * (1 - runs / n2) * (1 / n1 + 1 / (n2 - n1))),
            NULL) AS z,
         if(z IS NULL, NULL, erfc(abs(z) / sqrt(2))) AS p_value,
         countIf(z IS NOT NULL) OVER () AS tested
       FROM shares
     )
     SELECT tag_key, tag_value, selected, runs, n1, n2, z, p_value, tested FROM tests
     WHERE tag_key = '' OR selected > 0
     ORDER BY tag_key = '' DESC, (selected / n1) / (runs / n2) DESC, selected DESC, tag_key, tag_value`,
    {
      org: orgParam(q.org),
      kind: q.kind,
      category: q.category ?? '',
      factor: q.factor ?? '',
      fingerprint: q.fingerprint ?? '',
      h1: chTime(h1),
      h2: chTime(h2),
      support: q.minSupport,
    },
  );
  const total = rows.find((r) => r.tag_key === '');
  const tested = Number(rows[0]?.tested ?? 0);
  const values: DimensionValue[] = rows
    .filter((r) => r.tag_key !== '')
    .map((r) => {
      const selected_share = r.selected / r.n1;
      const baseline_share = r.runs / r.n2;
      const p_adjusted = r.p_value === null ? null : Math.min(1, r.p_value * tested);
      const lift = selected_share / baseline_share;
      return {
        key: r.tag_key,
        value: r.tag_value,
        selected: r.selected,
        selected_with_key: r.n1,
        runs: r.runs,
        runs_with_key: r.n2,
        selected_share,
        baseline_share,
        lift,
        z: r.z,
        p_value: r.p_value,
        p_adjusted,
        significant: p_adjusted !== null && p_adjusted < q.alpha && lift > 1,
      };
    });
  const dimensions = new Map<string, DimensionSummary>();
  for (const v of values) {
    const d = dimensions.get(v.key) ?? {
      key: v.key,
      values: 0,
      selected_with_key: v.selected_with_key,
      runs_with_key: v.runs_with_key,
      significant_values: 0,
      top_value: null,
      top_lift: null,
    };
    d.values++;
    if (v.significant) d.significant_values++;
    if (d.top_lift === null) {
      d.top_value = v.value;
      d.top_lift = v.lift;
    }
    dimensions.set(v.key, d);
  }
  return {
    from: isoTime(chTime(h1)) as string,
    to: isoTime(chTime(h2)) as string,
    selected: total?.selected ?? 0,
    runs: total?.runs ?? 0,
    tested,
    dimensions: [...dimensions.values()].sort(
      (a, b) => b.significant_values - a.significant_values || (b.top_lift ?? 0) - (a.top_lift ?? 0),
    ),
    values: values.slice(0, q.limit),
  };
}
