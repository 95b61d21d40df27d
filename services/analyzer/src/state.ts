/**
 * State joins: the per-robot history of successful durations, the eval and verification
 * results of each candidate episode, and the episodes themselves (for late results).
 * The store is the truth; this process keeps what it has read or written in bounded
 * caches and reads the misses of a whole batch in one query per table.
 */
import type { EpisodeRecord, EvalResultRecord, VerificationResultRecord } from '@faultline/core';
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
  clear(): void {
    this.map.clear();
  }
  get size(): number {
    return this.map.size;
  }
}

export const key = (org: string, id: string): string => `${org}\u0000${id}`;

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
    private readonly store: Store,
    readonly window: number,
    capacity = 200_000,
  ) {
    this.durations = new LruMap(capacity);
    this.evals = new LruMap(capacity);
    this.verifications = new LruMap(capacity);
    this.episodes = new LruMap(capacity);
  }

  /** Forgets everything: the store is the truth (after a batch whose records the store refused, or an outage). */
  invalidate(): void {
    this.durations.clear();
    this.evals.clear();
    this.verifications.clear();
    this.episodes.clear();
  }

  /** Loads, in one query per table, whatever the batch needs and the caches lack. */
  async prefetch(robots: { org: string; robot: string }[], episodes: { org: string; episode: string }[]): Promise<void> {
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
      robotMiss.length ? this.store.successDurations(robotMiss, this.window) : Promise.resolve(new Map<string, number[]>()),
      evalMiss.length ? this.store.evalResultsFor(evalMiss) : Promise.resolve([]),
      verMiss.length ? this.store.verificationResultsFor(verMiss) : Promise.resolve([]),
      epMiss.length ? this.store.episodes(epMiss) : Promise.resolve([]),
    ]);
    for (const r of robotMiss) {
      const list = durations.get(key(r.org, r.robot)) ?? [];
      // Stored samples carry no episode id here; old samples can't be re-sent, so a placeholder id is enough.
      this.durations.set(
        key(r.org, r.robot),
        list.map((d, i) => ({ episode_id: `\u0000stored-${i}`, duration_s: d })),
      );
    }
    for (const e of evalMiss) this.evals.set(key(e.org, e.episode), []);
    for (const r of evals) this.evals.get(key(r.org_id ?? '', r.candidate_episode_id))?.push(r);
    for (const e of verMiss) this.verifications.set(key(e.org, e.episode), []);
    for (const r of vers) this.verifications.get(key(r.org_id ?? '', r.candidate_episode_id))?.push(r);
    for (const e of epMiss) this.episodes.set(key(e.org, e.episode), null);
    for (const ep of eps) this.episodes.set(key(ep.org_id ?? '', ep.episode_id), ep);
  }

  /** Applies a finalized episode: a success joins the robot's history, anything else leaves it. */
  applyEpisode(org: string, ep: EpisodeRecord): void {
    this.episodes.set(key(org, ep.episode_id), ep);
    const k = key(org, ep.robot_id);
    const list = (this.durations.get(k) ?? []).filter((s) => s.episode_id !== ep.episode_id);
    if (ep.status === 'succeeded' && typeof ep.duration_s === 'number') {
      list.unshift({ episode_id: ep.episode_id, duration_s: ep.duration_s });
    }
    this.durations.set(k, list.slice(0, this.window));
  }

  successfulDurations(org: string, robot: string, exclude: string): number[] {
    return (this.durations.get(key(org, robot)) ?? []).filter((s) => s.episode_id !== exclude).map((s) => s.duration_s);
  }

  applyEval(org: string, r: EvalResultRecord): void {
    const k = key(org, r.candidate_episode_id);
    const list = (this.evals.get(k) ?? []).filter((x) => x.eval_run_id !== r.eval_run_id);
    list.push(r);
    this.evals.set(k, list);
  }

  applyVerification(org: string, r: VerificationResultRecord): void {
    const k = key(org, r.candidate_episode_id);
    const list = (this.verifications.get(k) ?? []).filter((x) => x.scenario_id !== r.scenario_id);
    list.push(r);
    this.verifications.set(k, list);
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
