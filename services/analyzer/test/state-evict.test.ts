/**
 * A batch's state keys are not lost to the cache's eviction between its prefetch and its commit
 * (state.ts): the prefetch makes the batch's hits the most recently used before it sets its misses
 * (a hit only checked stayed the least recently used, so the batch's own misses evicted it and the
 * join read it as nothing: robot A's durations as [] while the store held [11, 10]), and a commit
 * never writes an entry the cache let go of meanwhile from the batch's changes alone (a partial
 * entry): the entry is read from the store when next needed. Both with and without
 * storeStartsEmpty, over a map-backed store and a cache of capacity 2. A hit the batch before
 * forgets (or would evict) while the prefetch reads the store is read again (or kept).
 */
import type { Store } from '@faultline/store';
import t from 'tap';
import { type DurationSample, key, StagedState, StateCache, type StateCacheOptions } from '../src/index.js';

type RobotPair = { org: string; robot: string };

/** A store holding `stored` robot durations (newest first), nothing else. */
function durationStore(stored: Map<string, DurationSample[]>) {
  const reads: string[][] = [];
  const store = {
    successDurations: async (pairs: RobotPair[]) => {
      reads.push(pairs.map((p) => key(p.org, p.robot)));
      const found = pairs.map((p) => [key(p.org, p.robot), stored.get(key(p.org, p.robot)) ?? []] as const);
      return new Map(found.filter(([, v]) => v.length > 0));
    },
    evalResultsFor: async () => [],
    verificationResultsFor: async () => [],
    episodes: async () => [],
  };
  return { store: store as unknown as Store, reads };
}

const success = (id: string, robot: string, duration: number) => ({
  kind: 'episode' as const,
  episode_id: id,
  org_id: 'o',
  robot_id: robot,
  source: 'live',
  status: 'succeeded',
  started_at: '2026-11-01T10:00:00Z',
  duration_s: duration,
});
const robots = (...ids: string[]) => ids.map((robot) => ({ org: 'o', robot }));

/** Stages, "stores" (into `stored`) and commits the successes as one batch of view `s`. */
function storeAndCommit(stored: Map<string, DurationSample[]>, s: StagedState, list: ReturnType<typeof success>[]) {
  list.forEach((r, i) => {
    s.apply(i, 'o', r as never);
    const k = key('o', r.robot_id);
    stored.set(k, [{ episode_id: r.episode_id, duration_s: r.duration_s }, ...(stored.get(k) ?? [])]);
  });
  s.commit();
}

const MODES: [string, StateCacheOptions][] = [
  ['every miss read', {}],
  ['storeStartsEmpty', { storeStartsEmpty: true }],
];

for (const [mode, options] of MODES) {
  t.test(`${mode}: a batch's hits are not evicted by its own misses`, async (t) => {
    const stored = new Map<string, DurationSample[]>();
    const { store } = durationStore(stored);
    const cache = new StateCache(20, 2, options);
    // Batch 1: robot A succeeds twice.
    await cache.prefetch(store, robots('A'), []);
    storeAndCommit(stored, new StagedState(cache), [success('a1', 'A', 10), success('a2', 'A', 11)]);
    // Batch 2: robot A (a hit, the least recently used) and robots B, C (misses).
    await cache.prefetch(store, robots('A', 'B', 'C'), []);
    const s = new StagedState(cache);
    t.same(s.successfulDurations('o', 'A', 'x'), [11, 10], "batch 2 sees A's stored durations");
    storeAndCommit(stored, s, [success('a3', 'A', 12)]);
    await cache.prefetch(store, robots('A'), []);
    t.same(new StagedState(cache).successfulDurations('o', 'A', 'x'), [12, 11, 10], 'and its commit keeps them');
  });

  t.test(`${mode}: a commit does not write a partial entry for a key evicted since its prefetch`, async (t) => {
    const stored = new Map<string, DurationSample[]>([[key('o', 'A'), [{ episode_id: 'a0', duration_s: 9 }]]]);
    const { store } = durationStore(stored);
    const cache = new StateCache(20, 2, options);
    if (options.storeStartsEmpty) {
      // The cache knows a0 from a batch of its own, committed and then evicted.
      stored.clear();
      await cache.prefetch(store, robots('A'), []);
      storeAndCommit(stored, new StagedState(cache), [success('a0', 'A', 9)]);
      await cache.prefetch(store, robots('Y', 'Z'), []);
    }
    // Batch 1 joins over A's history [9] ...
    await cache.prefetch(store, robots('A'), []);
    const s1 = new StagedState(cache);
    t.same(s1.successfulDurations('o', 'A', 'x'), [9]);
    s1.apply(0, 'o', success('a1', 'A', 10) as never);
    stored.set(key('o', 'A'), [{ episode_id: 'a1', duration_s: 10 }, ...(stored.get(key('o', 'A')) ?? [])]);
    // ... and batch 2's prefetch (the pipeline overlaps them) evicts A before batch 1 commits.
    await cache.prefetch(store, robots('B', 'C'), []);
    s1.commit();
    await cache.prefetch(store, robots('A'), []);
    t.same(new StagedState(cache).successfulDurations('o', 'A', 'x'), [10, 9], "A's whole history, read from the store");
  });
}

t.test(
  "a hit forgotten or pushed out while the prefetch reads the store (the batch before commits) is still the batch's",
  async (t) => {
    const stored = new Map<string, DurationSample[]>([
      [key('o', 'A'), [{ episode_id: 'a1', duration_s: 10 }]],
      [key('o', 'D'), [{ episode_id: 'd1', duration_s: 7 }]],
    ]);
    const { store, reads } = durationStore(stored);
    const cache = new StateCache(20, 2);
    await cache.prefetch(store, robots('A', 'D'), []);
    // Batch 2 needs A and D (hits) and B (a miss); while B is read, the batch before it commits:
    // a record of robot A refused (A forgotten) and robot C's history set (which would evict D).
    const slow = Object.create(store) as Store;
    slow.successDurations = async (pairs, window) => {
      const answer = await store.successDurations(pairs, window);
      cache.forget({ durations: [key('o', 'A')], evals: [], verifications: [], episodes: [] });
      cache.durations.set(key('o', 'C'), []);
      return answer;
    };
    await cache.prefetch(slow, robots('A', 'B', 'D'), []);
    const s = new StagedState(cache);
    t.same(s.successfulDurations('o', 'A', 'x'), [10], 'A, forgotten, read again');
    t.same(s.successfulDurations('o', 'D', 'x'), [7], 'D kept');
    t.same(reads.slice(1), [[key('o', 'B')], [key('o', 'A')]]);
  },
);
