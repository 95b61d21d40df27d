/**
 * Step "join": the valid records, in input order, against the state (a batch's StagedState):
 * episode updates merge into what is known of the episode, each record's state change is
 * staged, and the analysis tasks are built. Pure given the state: no store, no pool.
 *
 * - Each failed episode is analyzed with the state as of its own position in the batch (the
 *   same answer whatever the batch boundaries).
 * - An eval or verification result that arrives after its episode failed re-runs that
 *   episode's analysis with the newer state; re-analyses come last, so that their (newer)
 *   analysis is the one stored. A failed episode later in the batch supersedes the re-analysis.
 */
import {
  DEFAULT_ORG,
  type EpisodeContext,
  type EpisodeRecord,
  type EpisodeRuleConfig,
  type LogRecord,
  type TraceRecord,
  traceTags,
} from '@faultline/core';
import { mergeEpisode } from '../merge.js';
import { key, type StagedState } from '../state.js';
import type { AnalysisTask } from '../tasks.js';
import type { PipelineObserver, RecordsToStore, Subject, ValidRecord } from './types.js';

export interface Joined {
  /** The records to store (merged episodes as merged), by table. */
  toStore: RecordsToStore;
  /** What each task is about: `subjects[task.id]`. */
  subjects: Subject[];
  tasks: AnalysisTask[];
  /** The trace and log records, by task id (what the LLM layer is shown). */
  textRecords: Map<number, TraceRecord | LogRecord>;
  /** Task id of a re-analysis → the indexes of the late results that asked for it. */
  lateIndexes: Map<number, number[]>;
}

/** What the join reads from the store before it runs: the robots and episodes of the batch. */
export function stateKeysOf(valid: ValidRecord[]): {
  robots: { org: string; robot: string }[];
  episodes: { org: string; episode: string }[];
} {
  const robots: { org: string; robot: string }[] = [];
  const episodes: { org: string; episode: string }[] = [];
  for (const { org, record } of valid) {
    if (record.kind === 'episode') {
      robots.push({ org, robot: record.robot_id });
      episodes.push({ org, episode: record.episode_id });
    } else if (record.kind === 'eval_result' || record.kind === 'verification_result') {
      episodes.push({ org, episode: record.candidate_episode_id });
    }
  }
  return { robots, episodes };
}

/** Joins the batch's valid records (see the module comment); `deliveryOf(index)` is the item's delivery. */
export function join(
  valid: ValidRecord[],
  state: StagedState,
  rules: EpisodeRuleConfig,
  deliveryOf: (index: number) => string | undefined,
  observer?: PipelineObserver,
): Joined {
  const out: Joined = {
    toStore: { episodes: [], evals: [], verifications: [], traces: [], logs: [] },
    subjects: [],
    tasks: [],
    textRecords: new Map(),
    lateIndexes: new Map(),
  };
  const pass: JoinPass = {
    out,
    state,
    observer,
    contextOf: (org, record) => ({
      episode: record,
      successfulDurations: state.successfulDurations(org, record.robot_id, record.episode_id),
      evalResults: state.evalsOf(org, record.episode_id),
      verificationResults: state.verificationsOf(org, record.episode_id),
      config: rules,
    }),
    failedEpisodes: [],
    toReanalyze: new Map(),
  };
  for (const v of valid) joinRecord(pass, v);
  for (const f of pass.failedEpisodes) episodeTask(out, f.index, f.org, f.ctx);
  for (const { org: lookupOrg, episode, indexes } of pass.toReanalyze.values()) {
    const ep = state.episode(lookupOrg, episode);
    if (!ep) continue;
    const org = ep.org_id ?? DEFAULT_ORG;
    const deliveries = indexes.map(deliveryOf);
    const trigger = deliveries.every((d) => d !== undefined) ? deliveries.join(',') : undefined;
    out.lateIndexes.set(episodeTask(out, -1, org, pass.contextOf(org, ep), trigger), indexes);
  }
  return out;
}

/** What one join pass accumulates while it walks the batch. */
interface JoinPass {
  out: Joined;
  state: StagedState;
  observer?: PipelineObserver | undefined;
  contextOf: (org: string, record: EpisodeRecord) => EpisodeContext;
  failedEpisodes: { index: number; org: string; ctx: EpisodeContext }[];
  /** Episode key → the late results that ask for its re-analysis. */
  toReanalyze: Map<string, { org: string; episode: string; indexes: number[] }>;
}

/** One valid record: merged if it is an episode update, staged, queued for storing and analysis. */
function joinRecord(pass: JoinPass, { index, org, record: input, merge }: ValidRecord): void {
  const { out, state } = pass;
  let record = input;
  if (record.kind === 'episode' && merge) {
    const prev = state.episode(org, record.episode_id);
    if (prev) record = mergeEpisode(prev, record);
  }
  switch (record.kind) {
    case 'episode':
      out.toStore.episodes.push({ index, record });
      pass.observer?.episodeSeen?.(record.status);
      if (record.status === 'failed') {
        pass.failedEpisodes.push({ index, org, ctx: pass.contextOf(org, record) });
        pass.toReanalyze.delete(key(org, record.episode_id));
      }
      state.apply(index, org, record);
      break;
    case 'eval_result':
      out.toStore.evals.push({ index, record });
      state.apply(index, org, record);
      lateResult(pass, index, org, record.candidate_episode_id);
      break;
    case 'verification_result':
      out.toStore.verifications.push({ index, record });
      state.apply(index, org, record);
      lateResult(pass, index, org, record.candidate_episode_id);
      break;
    case 'trace': {
      out.toStore.traces.push({ index, record });
      const service = record.service ? { service: record.service } : {};
      textTask(
        out,
        {
          itemIndex: index,
          kind: 'trace',
          org,
          ref: record.trace_id,
          occurredAt: record.timestamp,
          ...service,
          tags: traceTags(record),
        },
        record,
      );
      break;
    }
    case 'log':
      out.toStore.logs.push({ index, record });
      textTask(out, { itemIndex: index, kind: 'log', org, ref: record.log_id, occurredAt: record.timestamp ?? null }, record);
      break;
  }
}

/** An eval or verification result of an episode known to have failed asks for its re-analysis. */
function lateResult(pass: JoinPass, index: number, org: string, episode: string): void {
  if (pass.state.episode(org, episode)?.status !== 'failed') return;
  const k = key(org, episode);
  const late = pass.toReanalyze.get(k) ?? { org, episode, indexes: [] };
  late.indexes.push(index);
  pass.toReanalyze.set(k, late);
}

/** Adds the analysis task of a trace or log record. */
function textTask(out: Joined, subject: Subject, record: TraceRecord | LogRecord): void {
  out.subjects.push(subject);
  const id = out.subjects.length - 1;
  out.tasks.push(record.kind === 'trace' ? { id, kind: 'trace', record } : { id, kind: 'log', record });
  out.textRecords.set(id, record);
}

/** Adds the analysis task of a failed episode; returns its task id. */
function episodeTask(out: Joined, itemIndex: number, org: string, ctx: EpisodeContext, trigger?: string): number {
  const record = ctx.episode;
  out.subjects.push({
    itemIndex,
    ...(trigger !== undefined ? { trigger } : {}),
    kind: 'episode',
    org,
    ref: record.episode_id,
    occurredAt: record.started_at ?? record.ended_at ?? null,
    robotId: record.robot_id,
    ...(record.tags ? { tags: record.tags } : {}),
  });
  const id = out.subjects.length - 1;
  out.tasks.push({ id, kind: 'episode', ctx });
  return id;
}
