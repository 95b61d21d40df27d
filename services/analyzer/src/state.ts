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
 * - A cache made over a store that holds no state yet and that only this cache's commits write
 *   (`storeStartsEmpty`: the CLI's temporary store) knows the store's whole state: a key it never
 *   held has nothing stored, and `prefetch` reads only the keys it let go of (evicted or
 *   forgotten). `distrust` ends that (a failed batch may have stored records whose changes
 *   were never committed here): every miss is read from the store again.
 * - A batch's keys are not evicted while its prefetch runs (the hits are made the most recently
 *   used, and no set of the prefetch, nor of a commit meanwhile, lets go of a key of the batch), so
 *   its join, which follows at once, finds them all; a key its view read from the cache that the
 *   cache let go of before the batch's commit is not written by the commit (from the batch's changes
 *   alone it would be partial): it is read from the store when next needed.
 */
import { type EpisodeRecord, type EvalResultRecord, orgKey, type VerificationResultRecord } from '@faultline/core';
import type { Store } from '@faultline/store';

/** A Map that forgets its least recently used entries past `max`. */
export class LruMap<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly max: number,
    /** Told each key the map lets go of to stay within `max`. */
    private readonly evicted?: (key: string) => void,
    /** Keys not to let go of now (a batch's own, while its prefetch sets its misses): the map may then exceed `max` until a later set. */
    private readonly kept?: (key: string) => boolean,
  ) {}
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
    if (this.map.size <= this.max) return;
    for (const oldest of this.map.keys()) {
      if (this.map.size <= this.max) break;
      if (this.kept?.(oldest)) continue;
      this.map.delete(oldest);
      this.evicted?.(oldest);
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

export interface DurationSample {
  episode_id: string;
  duration_s: number;
}

export interface StateCacheOptions {
  /**
   * The store holds no episode, eval or verification result yet, and from now on only this cache's
   * pipeline writes them, committing each stored change here (the CLI's temporary store): a key the
   * cache never held then has nothing stored, and is not read (see the module comment).
   */
  storeStartsEmpty?: boolean;
}

/** Keys let go of past which a cache over a store that started empty reads every miss again (bounds their memory). */
const DROPPED_LIMIT = 100_000;

export class StateCache {
  /** Newest first, at most `window` samples; loaded entries only. */
  readonly durations: LruMap<DurationSample[]>;
  readonly evals: LruMap<EvalResultRecord[]>;
  readonly verifications: LruMap<VerificationResultRecord[]>;
  /** The latest known record of each episode (null: looked up, not stored). */
  readonly episodes: LruMap<EpisodeRecord | null>;
  /**
   * Whether a key missing from a map, and not in its `dropped` set, is known to have nothing in the
   * store (StateCacheOptions.storeStartsEmpty, until `distrust`).
   */
  private knowsAll: boolean;
  /** The keys (of every map) of each batch being prefetched, which no set evicts. */
  private readonly batchKeys = new Set<ReadonlySet<string>>();
  /** By map: the keys let go of (evicted, forgotten) while `knowsAll`; read from the store when missed. */
  private readonly dropped = {
    durations: new Set<string>(),
    evals: new Set<string>(),
    verifications: new Set<string>(),
    episodes: new Set<string>(),
  };

  constructor(
    readonly window: number,
    capacity = 200_000,
    options: StateCacheOptions = {},
  ) {
    this.knowsAll = options.storeStartsEmpty === true;
    const kept = (k: string) => {
      for (const keys of this.batchKeys) if (keys.has(k)) return true;
      return false;
    };
    this.durations = new LruMap(capacity, (k) => this.drop(this.dropped.durations, k), kept);
    this.evals = new LruMap(capacity, (k) => this.drop(this.dropped.evals, k), kept);
    this.verifications = new LruMap(capacity, (k) => this.drop(this.dropped.verifications, k), kept);
    this.episodes = new LruMap(capacity, (k) => this.drop(this.dropped.episodes, k), kept);
  }

  /** Whether a miss is read from the store only if its key was let go of (see StateCacheOptions.storeStartsEmpty). */
  get knowsWholeStore(): boolean {
    return this.knowsAll;
  }

  /**
   * From now on every miss is read from the store: it may hold state this cache never saw (a
   * batch whose records were stored failed before its commit). Idempotent.
   */
  distrust(): void {
    this.knowsAll = false;
    for (const set of Object.values(this.dropped)) set.clear();
  }

  private drop(set: Set<string>, k: string): void {
    if (!this.knowsAll) return;
    set.add(k);
    if (set.size > DROPPED_LIMIT) this.distrust();
  }

  /** Forgets the given keys (read again from the store when next needed). */
  forget(keys: StateKeys): void {
    for (const k of keys.durations) {
      this.durations.delete(k);
      this.drop(this.dropped.durations, k);
    }
    for (const k of keys.evals) {
      this.evals.delete(k);
      this.drop(this.dropped.evals, k);
    }
    for (const k of keys.verifications) {
      this.verifications.delete(k);
      this.drop(this.dropped.verifications, k);
    }
    for (const k of keys.episodes) {
      this.episodes.delete(k);
      this.drop(this.dropped.episodes, k);
    }
  }

  /**
   * Loads from `store`, in one query per table, whatever the batch needs and the caches lack (when
   * the cache knows the whole store, only the keys it let go of: a key never held is stored empty).
   */
  async prefetch(
    store: Store,
    robots: { org: string; robot: string }[],
    episodes: { org: string; episode: string }[],
  ): Promise<void> {
    // The batch's keys are kept from here until its misses are set (a map may exceed its capacity
    // until a later set): neither the batch's own misses nor the commit of the batch before
    // (which may run while the store is read) evict them, so a batch finds all its keys when it
    // joins, which it does at once (pipeline.ts). A key evicted after that, before the batch
    // commits, is not written by the commit (StagedState.commit).
    const keys = new Set([...robots.map((r) => key(r.org, r.robot)), ...episodes.map((e) => key(e.org, e.episode))]);
    this.batchKeys.add(keys);
    try {
      // A key forgotten meanwhile (the batch before refused its record) is missed again: read again.
      while (await this.load(store, robots, episodes));
    } finally {
      this.batchKeys.delete(keys);
    }
  }

  /** One round of `prefetch`: reads and sets the misses; whether there were any. */
  private async load(
    store: Store,
    robots: { org: string; robot: string }[],
    episodes: { org: string; episode: string }[],
  ): Promise<boolean> {
    // The hits are got, not just checked: that makes them the most recently used.
    const robotMiss = dedupe(
      robots.filter((r) => this.durations.get(key(r.org, r.robot)) === undefined),
      (r) => key(r.org, r.robot),
    );
    const evalMiss = dedupe(
      episodes.filter((e) => this.evals.get(key(e.org, e.episode)) === undefined),
      (e) => key(e.org, e.episode),
    );
    const verMiss = dedupe(
      episodes.filter((e) => this.verifications.get(key(e.org, e.episode)) === undefined),
      (e) => key(e.org, e.episode),
    );
    const epMiss = dedupe(
      episodes.filter((e) => this.episodes.get(key(e.org, e.episode)) === undefined),
      (e) => key(e.org, e.episode),
    );
    if (robotMiss.length + evalMiss.length + verMiss.length + epMiss.length === 0) return false;
    const robotRead = this.toRead(robotMiss, this.dropped.durations, (r) => key(r.org, r.robot));
    const evalRead = this.toRead(evalMiss, this.dropped.evals, (e) => key(e.org, e.episode));
    const verRead = this.toRead(verMiss, this.dropped.verifications, (e) => key(e.org, e.episode));
    const epRead = this.toRead(epMiss, this.dropped.episodes, (e) => key(e.org, e.episode));
    const [durations, evals, vers, eps] = await Promise.all([
      robotRead.length ? store.successDurations(robotRead, this.window) : Promise.resolve(new Map<string, DurationSample[]>()),
      evalRead.length ? store.evalResultsFor(evalRead) : Promise.resolve([]),
      verRead.length ? store.verificationResultsFor(verRead) : Promise.resolve([]),
      epRead.length ? store.episodes(epRead) : Promise.resolve([]),
    ]);
    this.setLoaded(robotMiss, durations, evalMiss, evals, verMiss, vers, epMiss, eps);
    return true;
  }

  private setLoaded(
    robotMiss: { org: string; robot: string }[],
    durations: Map<string, DurationSample[]>,
    evalMiss: { org: string; episode: string }[],
    evals: EvalResultRecord[],
    verMiss: { org: string; episode: string }[],
    vers: VerificationResultRecord[],
    epMiss: { org: string; episode: string }[],
    eps: EpisodeRecord[],
  ): void {
    for (const r of robotMiss) this.durations.set(key(r.org, r.robot), durations.get(key(r.org, r.robot)) ?? []);
    for (const e of evalMiss) this.evals.set(key(e.org, e.episode), []);
    for (const r of evals) this.evals.get(key(r.org_id ?? '', r.candidate_episode_id))?.push(r);
    for (const e of verMiss) this.verifications.set(key(e.org, e.episode), []);
    for (const r of vers) this.verifications.get(key(r.org_id ?? '', r.candidate_episode_id))?.push(r);
    for (const e of epMiss) this.episodes.set(key(e.org, e.episode), null);
    for (const ep of eps) this.episodes.set(key(ep.org_id ?? '', ep.episode_id), ep);
  }

  /** The misses to read from the store: all of them, or (knowing the whole store) those let go of. */
  private toRead<T>(misses: T[], dropped: Set<string>, keyOf: (t: T) => string): T[] {
    return this.knowsAll ? misses.filter((m) => dropped.has(keyOf(m))) : misses;
  }

  successfulDurations(org: string, robot: string, exclude: string): number[] {
    return (this.durations.get(key(org, robot)) ?? []).filter((s) => s.episode_id !== exclude).map((s) => s.duration_s);
  }
}

/** Cache keys by map: what to forget. */
export interface StateKeys {
  durations: Iterable<string>;
  evals: Iterable<string>;
  verifications: Iterable<string>;
  episodes: Iterable<string>;
}

/** A record that changes the state. */
export type StateRecord = EpisodeRecord | EvalResultRecord | VerificationResultRecord;

/** The cache keys the state changes of `records` touch. */
export function keysOf(records: { org: string; record: StateRecord }[]): StateKeys {
  const keys = { durations: [] as string[], evals: [] as string[], verifications: [] as string[], episodes: [] as string[] };
  for (const { org, record: r } of records) {
    if (r.kind === 'episode') {
      keys.durations.push(key(org, r.robot_id));
      keys.episodes.push(key(org, r.episode_id));
    } else if (r.kind === 'eval_result') keys.evals.push(key(org, r.candidate_episode_id));
    else keys.verifications.push(key(org, r.candidate_episode_id));
  }
  return keys;
}

interface MapLike<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/** The state's four maps as one layer of reads and writes: the cache itself, or a batch's overlay over it. */
interface Layer {
  durations: MapLike<DurationSample[]>;
  evals: MapLike<EvalResultRecord[]>;
  verifications: MapLike<VerificationResultRecord[]>;
  episodes: MapLike<EpisodeRecord | null>;
}

/**
 * Applies one record's state change to `layer`: an episode becomes the latest known record and
 * a success joins its robot's history (anything else leaves it); an eval or verification result
 * replaces the one of the same run or scenario.
 */
function applyTo(layer: Layer, window: number, org: string, r: StateRecord): void {
  if (r.kind === 'episode') {
    layer.episodes.set(key(org, r.episode_id), r);
    const k = key(org, r.robot_id);
    const list = (layer.durations.get(k) ?? []).filter((s) => s.episode_id !== r.episode_id);
    if (r.status === 'succeeded' && typeof r.duration_s === 'number')
      list.unshift({ episode_id: r.episode_id, duration_s: r.duration_s });
    layer.durations.set(k, list.slice(0, window));
  } else if (r.kind === 'eval_result') {
    const k = key(org, r.candidate_episode_id);
    layer.evals.set(k, [...(layer.evals.get(k) ?? []).filter((x) => x.eval_run_id !== r.eval_run_id), r]);
  } else {
    const k = key(org, r.candidate_episode_id);
    layer.verifications.set(k, [...(layer.verifications.get(k) ?? []).filter((x) => x.scenario_id !== r.scenario_id), r]);
  }
}

/**
 * `map` for a commit: a key the batch's view read as held (`seen`) that `map` no longer holds (let
 * go of since) is noted in `lost` and not written.
 */
function held<V>(map: MapLike<V>, seen: ReadonlySet<string>, lost: Set<string>): MapLike<V> {
  return {
    get(k) {
      if (lost.has(k)) return undefined;
      const v = map.get(k);
      if (v === undefined && seen.has(k)) lost.add(k);
      return v;
    },
    set(k, v) {
      if (!lost.has(k)) map.set(k, v);
    },
  };
}

/**
 * Reads the batch's own writes, then its base (the cache, or the view of the batch before it
 * while that one is not committed yet); writes only the batch's own map.
 */
class Overlay<V> implements MapLike<V> {
  private readonly own = new Map<string, V>();
  /** The keys read from the base and found there. */
  readonly seen = new Set<string>();
  constructor(public base: MapLike<V>) {}
  get(k: string): V | undefined {
    if (this.own.has(k)) return this.own.get(k);
    const v = this.base.get(k);
    if (v !== undefined) this.seen.add(k);
    return v;
  }
  set(k: string, v: V): void {
    this.own.set(k, v);
  }
}

/**
 * One batch's view of the state: reads see the batch's own changes over the cache; the changes
 * stay staged until `commit` (see the module comment). Nothing here touches the store.
 *
 * A batch may join while the batch before it is still being stored (pipeline.ts overlaps
 * them): its view is then built `over` that batch's view, so it sees that batch's changes
 * before they are committed. Such a view is valid only if that batch commits this very view
 * with nothing refused (pipeline.ts checks, and joins again otherwise). Once committed, a
 * view reads its own changes over the cache (which now holds everything it was built over),
 * so views never chain further back than the batches not yet committed.
 */
export class StagedState {
  private readonly layer: {
    durations: Overlay<DurationSample[]>;
    evals: Overlay<EvalResultRecord[]>;
    verifications: Overlay<VerificationResultRecord[]>;
    episodes: Overlay<EpisodeRecord | null>;
  };
  private readonly staged: { index: number; org: string; record: StateRecord }[] = [];

  constructor(
    private readonly cache: StateCache,
    over?: StagedState,
  ) {
    const base: Layer = over ? over.layer : cache;
    this.layer = {
      durations: new Overlay(base.durations),
      evals: new Overlay(base.evals),
      verifications: new Overlay(base.verifications),
      episodes: new Overlay(base.episodes),
    };
  }

  /** The latest known record of the episode (null: looked up, not stored; undefined: not known). */
  episode(org: string, id: string): EpisodeRecord | null | undefined {
    return this.layer.episodes.get(key(org, id));
  }

  evalsOf(org: string, episode: string): EvalResultRecord[] {
    return [...(this.layer.evals.get(key(org, episode)) ?? [])];
  }

  verificationsOf(org: string, episode: string): VerificationResultRecord[] {
    return [...(this.layer.verifications.get(key(org, episode)) ?? [])];
  }

  successfulDurations(org: string, robot: string, exclude: string): number[] {
    return (this.layer.durations.get(key(org, robot)) ?? []).filter((s) => s.episode_id !== exclude).map((s) => s.duration_s);
  }

  /** Stages the state change of batch item `index`'s record (read back at once by this batch). */
  apply(index: number, org: string, record: StateRecord): void {
    applyTo(this.layer, this.cache.window, org, record);
    this.staged.push({ index, org, record });
  }

  /**
   * Replays the staged changes, in their order, onto the cache as it is now (so that a batch
   * committed meanwhile keeps its changes), except those of the `refused` items, whose keys the
   * cache forgets (read from the store when next needed).
   */
  commit(refused: ReadonlySet<number> = new Set()): void {
    const forget: { org: string; record: StateRecord }[] = [];
    // A key the batch read from the cache that the cache let go of since (a later batch's prefetch,
    // or this commit's own writes, evicted it) is not written from the changes alone, which would
    // leave a partial entry: it stays out of the cache, and is read from the store (which now holds
    // the batch) when next needed.
    const lost = { durations: new Set<string>(), evals: new Set<string>(), verifications: new Set<string>() };
    const target: Layer = {
      durations: held(this.cache.durations, this.layer.durations.seen, lost.durations),
      evals: held(this.cache.evals, this.layer.evals.seen, lost.evals),
      verifications: held(this.cache.verifications, this.layer.verifications.seen, lost.verifications),
      episodes: this.cache.episodes,
    };
    for (const s of this.staged) {
      if (refused.has(s.index)) forget.push(s);
      else applyTo(target, this.cache.window, s.org, s.record);
    }
    if (forget.length > 0) this.cache.forget(keysOf(forget));
    if (lost.durations.size + lost.evals.size + lost.verifications.size > 0) this.cache.forget({ ...lost, episodes: [] });
    const { durations, evals, verifications, episodes } = this.layer;
    durations.base = this.cache.durations;
    evals.base = this.cache.evals;
    verifications.base = this.cache.verifications;
    episodes.base = this.cache.episodes;
  }

  /** Whether any staged change is of one of the `refused` items (then a view built over this one is not valid). */
  touches(refused: ReadonlySet<number>): boolean {
    return this.staged.some((s) => refused.has(s.index));
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
