/**
 * Robot records: episodes (one row per (org, episode), the newest version wins), the per-robot
 * history of successful durations (the duration rule's baseline; a success later marked failed
 * is deleted from it), and the eval and verification results joined to episodes.
 */
import type { EpisodeRecord, EvalResultRecord, VerificationResultRecord } from '@faultline/core';
import { cut, DEFAULT_ORG, orgKey, redact, redactDeep } from '@faultline/core';
import { chTime, type Db, isoTime, jsonColumn, nextVersion, pairParams } from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';
import { type RunDim, writeRunDims } from './dims.js';

export const EPISODES: RowWriter<EpisodeRecord> = {
  table: 'episodes',
  row: (e, now) => ({
    org_id: e.org_id ?? DEFAULT_ORG,
    episode_id: e.episode_id,
    robot_id: e.robot_id,
    source: e.source ?? 'live',
    status: e.status,
    started_at: chTime(e.started_at),
    ended_at: chTime(e.ended_at),
    duration_s: e.duration_s ?? null,
    metadata: jsonColumn(redactDeep(e.metadata ?? {})),
    tags: redactDeep(e.tags ?? {}),
    updated_at: now,
    version: nextVersion(),
  }),
};

/** Succeeded episodes feed the robot's duration history; any other status removes them from it. */
export const ROBOT_SUCCESS_DURATIONS: RowWriter<EpisodeRecord> = {
  table: 'robot_success_durations',
  keep: (e) => typeof e.duration_s === 'number' && e.status !== 'running',
  row: (e) => ({
    org_id: e.org_id ?? DEFAULT_ORG,
    robot_id: e.robot_id,
    episode_id: e.episode_id,
    finished_at: chTime(e.ended_at ?? e.started_at ?? new Date()),
    duration_s: e.duration_s as number,
    version: nextVersion(),
    is_deleted: e.status === 'succeeded' ? 0 : 1,
  }),
};

export const EVAL_RESULTS: RowWriter<EvalResultRecord> = {
  table: 'eval_results',
  row: (r, now) => ({
    org_id: r.org_id ?? DEFAULT_ORG,
    eval_run_id: r.eval_run_id,
    candidate_episode_id: r.candidate_episode_id,
    baseline_episode_id: r.baseline_episode_id ?? '',
    success_delta: typeof r.metrics.success_delta === 'number' ? r.metrics.success_delta : null,
    reward_delta: typeof r.metrics.reward_delta === 'number' ? r.metrics.reward_delta : null,
    metrics: jsonColumn(redactDeep(r.metrics)),
    received_at: now,
    version: nextVersion(),
  }),
};

export const VERIFICATION_RESULTS: RowWriter<VerificationResultRecord> = {
  table: 'verification_results',
  row: (r, now) => ({
    org_id: r.org_id ?? DEFAULT_ORG,
    scenario_id: r.scenario_id,
    candidate_episode_id: r.candidate_episode_id,
    status: r.status,
    message: cut(redact(r.message ?? ''), 4000),
    received_at: now,
    version: nextVersion(),
  }),
};

/**
 * The dimensions row of a succeeded episode (tables/dims.ts); a failed one gets its row with its
 * analysis (tables/analyses.ts), a running one has none yet.
 */
export function successDim(e: EpisodeRecord): RunDim {
  return {
    org_id: e.org_id ?? DEFAULT_ORG,
    subject_kind: 'episode',
    subject_id: e.episode_id,
    occurred_at: e.started_at ?? e.ended_at ?? new Date().toISOString(),
    outcome: 'success',
    category: '',
    contributing_factor: '',
    fingerprint: '',
    tags: redactDeep(e.tags ?? {}),
  };
}

/** The dimensions rows of the succeeded episodes among `episodes` (the last update of each decides). */
export function successDims(episodes: EpisodeRecord[]): RunDim[] {
  const last = new Map<string, EpisodeRecord>();
  for (const e of episodes) last.set(orgKey(e.org_id ?? DEFAULT_ORG, e.episode_id), e);
  return [...last.values()].filter((e) => e.status === 'succeeded').map(successDim);
}

/**
 * Stores episodes, their success durations and (unless `dims` is false) the dimensions rows of the
 * succeeded ones. The analyzer passes `dims: false` and writes those rows with the batch's failure
 * dimensions in one run_dims write (services/analyzer steps/persist.ts).
 */
export async function saveEpisodes(db: Db, episodes: EpisodeRecord[], options: { dims?: boolean } = {}): Promise<void> {
  await writeRows(db, EPISODES, episodes);
  await writeRows(db, ROBOT_SUCCESS_DURATIONS, episodes);
  if (options.dims !== false) await writeRunDims(db, successDims(episodes));
}

type OrgEpisode = { org: string; episode: string };
const episodePairs = (pairs: OrgEpisode[]) =>
  pairParams(
    pairs,
    (p) => p.org,
    (p) => p.episode,
  );

/**
 * `org_id IN orgs AND id IN ids` (one statement for many pairs) also matches the crossed pairs: asked
 * for (a, e1) and (b, e2), a stored (a, e2) matches too. Every read by pairs keeps the pairs asked.
 */
function askedOnly<R extends { org_id: string }>(pairs: OrgEpisode[], rows: R[], episode: (r: R) => string): R[] {
  const wanted = new Set(pairs.map((p) => orgKey(p.org, p.episode)));
  return rows.filter((r) => wanted.has(orgKey(r.org_id, episode(r))));
}

/** The most recent successful durations per robot with their episodes, newest first: key `orgKey(org, robot)`. */
export async function successDurations(
  db: Db,
  pairs: { org: string; robot: string }[],
  limit: number,
): Promise<Map<string, { episode_id: string; duration_s: number }[]>> {
  const out = new Map<string, { episode_id: string; duration_s: number }[]>();
  if (pairs.length === 0) return out;
  const rows = await db.rows<{ org_id: string; robot_id: string; episode_id: string; duration_s: number }>(
    `SELECT org_id, robot_id, episode_id, duration_s FROM ${db.t('robot_success_durations')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND robot_id IN {robots:Array(String)}
     ORDER BY org_id, robot_id, finished_at DESC, episode_id DESC
     LIMIT {limit:UInt32} BY org_id, robot_id`,
    { orgs: [...new Set(pairs.map((p) => p.org))], robots: [...new Set(pairs.map((p) => p.robot))], limit },
  );
  for (const p of pairs) out.set(orgKey(p.org, p.robot), []);
  for (const r of rows) out.get(orgKey(r.org_id, r.robot_id))?.push({ episode_id: r.episode_id, duration_s: r.duration_s });
  return out;
}

export async function evalResultsFor(db: Db, pairs: OrgEpisode[]): Promise<EvalResultRecord[]> {
  if (pairs.length === 0) return [];
  const rows = await db.rows<{
    org_id: string;
    eval_run_id: string;
    candidate_episode_id: string;
    baseline_episode_id: string;
    metrics: string;
  }>(
    `SELECT org_id, eval_run_id, candidate_episode_id, baseline_episode_id, metrics FROM ${db.t('eval_results')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND candidate_episode_id IN {ids:Array(String)}`,
    episodePairs(pairs),
  );
  return askedOnly(pairs, rows, (r) => r.candidate_episode_id).map(fromEvalRow);
}

const fromEvalRow = (r: {
  org_id: string;
  eval_run_id: string;
  candidate_episode_id: string;
  baseline_episode_id: string;
  metrics: string;
}): EvalResultRecord => ({
  kind: 'eval_result',
  org_id: r.org_id,
  eval_run_id: r.eval_run_id,
  candidate_episode_id: r.candidate_episode_id,
  ...(r.baseline_episode_id ? { baseline_episode_id: r.baseline_episode_id } : {}),
  metrics: JSON.parse(r.metrics),
});

/** The distinct candidate episodes of an org's eval run, in id order, at most `limit`. */
export async function evalRunCandidates(db: Db, org: string, runId: string, limit: number): Promise<string[]> {
  const rows = await db.rows<{ candidate_episode_id: string }>(
    `SELECT DISTINCT candidate_episode_id FROM ${db.t('eval_results')} FINAL
     WHERE org_id = {org:String} AND eval_run_id = {run:String}
     ORDER BY candidate_episode_id LIMIT {limit:UInt32}`,
    { org, run: runId, limit },
  );
  return rows.map((r) => r.candidate_episode_id);
}

export async function verificationResultsFor(db: Db, pairs: OrgEpisode[]): Promise<VerificationResultRecord[]> {
  if (pairs.length === 0) return [];
  const rows = await db.rows<{
    org_id: string;
    scenario_id: string;
    candidate_episode_id: string;
    status: VerificationResultRecord['status'];
    message: string;
  }>(
    `SELECT org_id, scenario_id, candidate_episode_id, status, message FROM ${db.t('verification_results')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND candidate_episode_id IN {ids:Array(String)}`,
    episodePairs(pairs),
  );
  return askedOnly(pairs, rows, (r) => r.candidate_episode_id).map(fromVerificationRow);
}

const fromVerificationRow = (r: {
  org_id: string;
  scenario_id: string;
  candidate_episode_id: string;
  status: VerificationResultRecord['status'];
  message: string;
}): VerificationResultRecord => ({
  kind: 'verification_result',
  org_id: r.org_id,
  scenario_id: r.scenario_id,
  candidate_episode_id: r.candidate_episode_id,
  status: r.status,
  ...(r.message ? { message: r.message } : {}),
});

/**
 * `evalResultsFor` and `verificationResultsFor` of the same episodes in one read (a UNION ALL: one
 * statement's fixed cost instead of two; the read API's episode answer).
 */
export async function resultsFor(
  db: Db,
  pairs: OrgEpisode[],
): Promise<{ evals: EvalResultRecord[]; verifications: VerificationResultRecord[] }> {
  if (pairs.length === 0) return { evals: [], verifications: [] };
  const rows = await db.rows<{ k: 'e' | 'v'; org_id: string; candidate_episode_id: string; a: string; b: string; c: string }>(
    `SELECT 'e' AS k, org_id, candidate_episode_id, eval_run_id AS a, baseline_episode_id AS b, metrics AS c
     FROM ${db.t('eval_results')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND candidate_episode_id IN {ids:Array(String)}
     UNION ALL
     SELECT 'v' AS k, org_id, candidate_episode_id, scenario_id AS a, toString(status) AS b, message AS c
     FROM ${db.t('verification_results')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND candidate_episode_id IN {ids:Array(String)}`,
    episodePairs(pairs),
  );
  const evals: EvalResultRecord[] = [];
  const verifications: VerificationResultRecord[] = [];
  const asked = askedOnly(pairs, rows, (r) => r.candidate_episode_id);
  for (const { k, org_id, candidate_episode_id, a, b, c } of asked) {
    if (k === 'e') evals.push(fromEvalRow({ org_id, candidate_episode_id, eval_run_id: a, baseline_episode_id: b, metrics: c }));
    else
      verifications.push(
        fromVerificationRow({
          org_id,
          candidate_episode_id,
          scenario_id: a,
          status: b as VerificationResultRecord['status'],
          message: c,
        }),
      );
  }
  return { evals, verifications };
}

interface EpisodeDbRow {
  org_id: string;
  episode_id: string;
  robot_id: string;
  source: EpisodeRecord['source'];
  status: EpisodeRecord['status'];
  started_at: string | null;
  ended_at: string | null;
  duration_s: number | null;
  metadata: string;
  tags?: Record<string, string>;
}

function fromEpisodeRow(r: EpisodeDbRow): EpisodeRecord {
  return {
    kind: 'episode',
    org_id: r.org_id,
    episode_id: r.episode_id,
    robot_id: r.robot_id,
    ...(r.source ? { source: r.source } : {}),
    status: r.status,
    ...(r.started_at ? { started_at: isoTime(r.started_at) as string } : {}),
    ...(r.ended_at ? { ended_at: isoTime(r.ended_at) as string } : {}),
    ...(r.duration_s !== null ? { duration_s: r.duration_s } : {}),
    metadata: JSON.parse(r.metadata),
    ...(r.tags && Object.keys(r.tags).length > 0 ? { tags: r.tags } : {}),
  };
}

/** The stored episodes of exactly these (org, episode) pairs (another org's episode is missing). */
export async function episodes(db: Db, pairs: OrgEpisode[]): Promise<EpisodeRecord[]> {
  if (pairs.length === 0) return [];
  const rows = await db.rows<EpisodeDbRow>(
    `SELECT org_id, episode_id, robot_id, source, status, started_at, ended_at, duration_s, metadata, tags FROM ${db.t('episodes')} FINAL
     WHERE org_id IN {orgs:Array(String)} AND episode_id IN {ids:Array(String)}`,
    episodePairs(pairs),
  );
  return askedOnly(pairs, rows, (r) => r.episode_id).map(fromEpisodeRow);
}
