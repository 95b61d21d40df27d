/**
 * State joins: the per-robot history of successful durations, the eval and verification
 * results of each candidate episode, and the episodes themselves (for late results).
 * The store is the truth; this process keeps what it has read or stored in bounded
 * caches and reads the misses of a whole batch in one query per table.
 *
 * Invariants:
 * - The cache holds only what the store holds: what `prefetch` read from it, and the changes
 *   of batches whose store writes succeeded. A batch changes the state through a `StagedState`
 *   (its own overlay over the cache); `commit` applies the overlay after the batch is stored,
 *   and a batch that fails simply drops its overlay, so the cache is left as it was and a
 *   redelivery of the batch joins against the same state as its first delivery.
 * - Keys whose records the store refused are forgotten on commit (`forget`): read again from
 *   the store next time, never taken from the refused batch.
 */
import { DEFAULT_ORG, type EpisodeRecord, type EvalResultRecord, orgKey, type VerificationResultRecord } from '@faultline/core';
import type { Store } from '@faultline/store';

/** A Map that forgets its least recently used entries past `max`. */
export class LruMap<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  get size(): number {
    return this.map.size;
  }
}

/** The cache key of an org's robot or episode: core's one composite key (the store keys its answers alike). */
export const key = (org: string, id: string): string => orgKey(org, id);

/** The id prefix of a duration sample read from the store (NUL: no real id starts with it). */
const STORED = '\u0000stored-';

export interface DurationSample {
  episode_id: string;
  duration_s: number;
}

export class StateCache {
  /** Newest first, at most `window` samples; loaded entries only. */
  readonly durations: LruMap<DurationSample[]>;
  readonly evals: LruMap<EvalResultRecord[]>;
  readonly verifications: LruMap<VerificationResultRecord[]>;
  /** The latest known record of each episode (null: looked up, not stored). */
  readonly episodes: LruMap<EpisodeRecord | null>;

  constructor(
    readonly window: number,
    capacity = 200_000,
  ) {
    this.durations = new LruMap(capacity);
    this.evals = new LruMap(capacity);
    this.verifications = new LruMap(capacity);
    this.episodes = new LruMap(capacity);
  }

  /** Forgets the given keys (read again from the store when next needed). */
  forget(keys: StateKeys): void {
    for (const k of keys.durations) this.durations.delete(k);
    for (const k of keys.evals) this.evals.delete(k);
    for (const k of keys.verifications) this.verifications.delete(k);
    for (const k of keys.episodes) this.episodes.delete(k);
  }

  /** Loads from `store`, in one query per table, whatever the batch needs and the caches lack. */
  async prefetch(
    store: Store,
    robots: { org: string; robot: string }[],
    episodes: { org: string; episode: string }[],
  ): Promise<void> {
    const robotMiss = dedupe(
      robots.filter((r) => !this.durations.has(key(r.org, r.robot))),
      (r) => key(r.org, r.robot),
    );
    const evalMiss = dedupe(
      episodes.filter((e) => !this.evals.has(key(e.org, e.episode))),
      (e) => key(e.org, e.episode),
    );
    const verMiss = dedupe(
      episodes.filter((e) => !this.verifications.has(key(e.org, e.episode))),
      (e) => key(e.org, e.episode),
    );
    const epMiss = dedupe(
      episodes.filter((e) => !this.episodes.has(key(e.org, e.episode))),
      (e) => key(e.org, e.episode),
    );
    const [durations, evals, vers, eps] = await Promise.all([
      robotMiss.length ? store.successDurations(robotMiss, this.window) : Promise.resolve(new Map<string, number[]>()),
      evalMiss.length ? store.evalResultsFor(evalMiss) : Promise.resolve([]),
      verMiss.length ? store.verificationResultsFor(verMiss) : Promise.resolve([]),
      epMiss.length ? store.episodes(epMiss) : Promise.resolve([]),
    ]);
    for (const r of robotMiss) {
      const list = durations.get(key(r.org, r.robot)) ?? [];
      // The store answers durations without their episodes: each sample gets a placeholder id.
      this.durations.set(
        key(r.org, r.robot),
        list.map((d, i) => ({ episode_id: `${STORED}${i}`, duration_s: d })),
      );
    }
    for (const e of evalMiss) this.evals.set(key(e.org, e.episode), []);
    for (const r of evals) this.evals.get(key(r.org_id ?? '', r.candidate_episode_id))?.push(r);
    for (const e of verMiss) this.verifications.set(key(e.org, e.episode), []);
    for (const r of vers) this.verifications.get(key(r.org_id ?? '', r.candidate_episode_id))?.push(r);
    for (const e of epMiss) this.episodes.set(key(e.org, e.episode), null);
    for (const ep of eps) this.episodes.set(key(ep.org_id ?? '', ep.episode_id), ep);
    this.nameStoredSamples(new Set(robotMiss.map((r) => key(r.org, r.robot))), episodes);
  }

  /**
   * A batch's episode the store already holds as a success (its redelivery after a restart) is
   * among the samples just `loaded`, under a placeholder id: a sample of equal duration takes its
   * id, so that applying the episode again replaces its sample instead of counting it twice.
   * (Which of several equal samples is named does not matter: only the durations are read.)
   */
  private nameStoredSamples(loaded: Set<string>, episodes: { org: string; episode: string }[]): void {
    if (loaded.size === 0) return;
    for (const e of episodes) {
      const ep = this.episodes.get(key(e.org, e.episode));
      if (ep?.status !== 'succeeded' || typeof ep.duration_s !== 'number') continue;
      const k = key(e.org, ep.robot_id);
      if (!loaded.has(k)) continue;
      const samples = this.durations.get(k) ?? [];
      if (samples.some((s) => s.episode_id === ep.episode_id)) continue;
      const sample = samples.find((s) => s.episode_id.startsWith(STORED) && s.duration_s === ep.duration_s);
      if (sample) sample.episode_id = ep.episode_id;
    }
  }

  successfulDurations(org: string, robot: string, exclude: string): number[] {
    return (this.durations.get(key(org, robot)) ?? []).filter((s) => s.episode_id !== exclude).map((s) => s.duration_s);
  }
}

/** Cache keys by map: what a batch changed, or what to forget. */
export interface StateKeys {
  durations: Iterable<string>;
  evals: Iterable<string>;
  verifications: Iterable<string>;
  episodes: Iterable<string>;
}

/** The cache keys the state changes of `records` touch (each record keyed by its own org_id). */
export function keysOf(records: (EpisodeRecord | EvalResultRecord | VerificationResultRecord)[]): StateKeys {
  const keys = { durations: [] as string[], evals: [] as string[], verifications: [] as string[], episodes: [] as string[] };
  for (const r of records) {
    const org = r.org_id ?? DEFAULT_ORG;
    if (r.kind === 'episode') {
      keys.durations.push(key(org, r.robot_id));
      keys.episodes.push(key(org, r.episode_id));
    } else if (r.kind === 'eval_result') keys.evals.push(key(org, r.candidate_episode_id));
    else keys.verifications.push(key(org, r.candidate_episode_id));
  }
  return keys;
}

/**
 * One batch's view of the state: reads see the batch's own changes over the cache; changes
 * stay in the overlay until `commit` (see the module comment). Nothing here touches the store.
 */
export class StagedState {
  private readonly durations = new Map<string, DurationSample[]>();
  private readonly evals = new Map<string, EvalResultRecord[]>();
  private readonly verifications = new Map<string, VerificationResultRecord[]>();
  private readonly episodes = new Map<string, EpisodeRecord>();

  constructor(private readonly cache: StateCache) {}

  /** The latest known record of the episode (null: looked up, not stored; undefined: not known). */
  episode(org: string, id: string): EpisodeRecord | null | undefined {
    const k = key(org, id);
    return this.episodes.get(k) ?? this.cache.episodes.get(k);
  }

  evalsOf(org: string, episode: string): EvalResultRecord[] {
    const k = key(org, episode);
    return [...(this.evals.get(k) ?? this.cache.evals.get(k) ?? [])];
  }

  verificationsOf(org: string, episode: string): VerificationResultRecord[] {
    const k = key(org, episode);
    return [...(this.verifications.get(k) ?? this.cache.verifications.get(k) ?? [])];
  }

  successfulDurations(org: string, robot: string, exclude: string): number[] {
    return this.samples(key(org, robot))
      .filter((s) => s.episode_id !== exclude)
      .map((s) => s.duration_s);
  }

  /** Applies an episode record: a success joins the robot's history, anything else leaves it. */
  applyEpisode(org: string, ep: EpisodeRecord): void {
    this.episodes.set(key(org, ep.episode_id), ep);
    const k = key(org, ep.robot_id);
    const list = this.samples(k).filter((s) => s.episode_id !== ep.episode_id);
    if (ep.status === 'succeeded' && typeof ep.duration_s === 'number') {
      list.unshift({ episode_id: ep.episode_id, duration_s: ep.duration_s });
    }
    this.durations.set(k, list.slice(0, this.cache.window));
  }

  applyEval(org: string, r: EvalResultRecord): void {
    const list = this.evalsOf(org, r.candidate_episode_id).filter((x) => x.eval_run_id !== r.eval_run_id);
    list.push(r);
    this.evals.set(key(org, r.candidate_episode_id), list);
  }

  applyVerification(org: string, r: VerificationResultRecord): void {
    const list = this.verificationsOf(org, r.candidate_episode_id).filter((x) => x.scenario_id !== r.scenario_id);
    list.push(r);
    this.verifications.set(key(org, r.candidate_episode_id), list);
  }

  /** Applies the batch's changes to the cache, except the `refused` keys, which the cache forgets. */
  commit(refused?: StateKeys): void {
    const skip = {
      durations: new Set(refused?.durations),
      evals: new Set(refused?.evals),
      verifications: new Set(refused?.verifications),
      episodes: new Set(refused?.episodes),
    };
    for (const [k, v] of this.durations) if (!skip.durations.has(k)) this.cache.durations.set(k, v);
    for (const [k, v] of this.evals) if (!skip.evals.has(k)) this.cache.evals.set(k, v);
    for (const [k, v] of this.verifications) if (!skip.verifications.has(k)) this.cache.verifications.set(k, v);
    for (const [k, v] of this.episodes) if (!skip.episodes.has(k)) this.cache.episodes.set(k, v);
    if (refused) this.cache.forget(refused);
  }

  private samples(k: string): DurationSample[] {
    return this.durations.get(k) ?? this.cache.durations.get(k) ?? [];
  }
}

function dedupe<T>(items: T[], keyOf: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = keyOf(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
