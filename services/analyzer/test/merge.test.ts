/**
 * Episode merges are idempotent: a redelivered start or finalize, or a replay of the whole
 * stored episode as a merge, or a status-only merge (what mark-failed sends), changes nothing else.
 * Through the real pipeline, the real embedded ClickHouse (chdb) and a real piscina pool.
 */
import type { EpisodeRecord } from '@faultline/core';
import t from 'tap';
import { mergeEpisode, Pipeline, type PipelineItem } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-merge-');

const newPipeline = () => new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 });
const merges = (values: unknown[]): PipelineItem[] => values.map((value, i) => ({ line: i + 1, value, merge: true }));

const start = (id: string, typed: unknown[]) => ({
  kind: 'episode',
  episode_id: id,
  org_id: 'acme',
  robot_id: 'r-merge',
  source: 'live',
  status: 'running',
  started_at: '2026-11-01T10:00:00Z',
  metadata: { typed },
});
const finalize = (id: string, status: string, metadata: Record<string, unknown>) => ({
  kind: 'episode',
  episode_id: id,
  org_id: 'acme',
  robot_id: 'r-merge',
  status,
  duration_s: 42,
  metadata,
});

/** The stored episode as every reader sees it (FINAL: the latest version). */
async function stored(id: string): Promise<EpisodeRecord> {
  const ep = await store.getEpisode('acme', id);
  if (!ep) throw new Error(`episode ${id} is not stored`);
  return ep;
}

const outcome = { type: 'EpisodeOutcome', success: false, reason: 'cup not in bin (ops@example.com)' };
const battery = { type: 'Battery', percent: 12.5 };

t.test('a redelivered finalize leaves the stored metadata unchanged, in the same process and after a restart', async (t) => {
  const p = newPipeline();
  await p.processBatch(merges([start('re-1', [outcome])]));
  const fin = finalize('re-1', 'failed', { typed: [battery], truncated: true });
  const first = await p.processBatch(merges([fin]));
  t.equal(first[0]?.status, 'analyzed');
  const once = await stored('re-1');
  // Positive control: the merge did add the finalize's payload to the start's.
  t.same(
    once.metadata?.typed?.map((x) => x.type),
    ['EpisodeOutcome', 'Battery'],
    'start and finalize payloads are both kept',
  );
  t.equal(once.metadata?.truncated, true);
  t.equal(once.status, 'failed');

  await p.processBatch(merges([fin]));
  t.same(await stored('re-1'), once, 'redelivered to the same process: nothing changes');

  // A restarted process knows the episode only from the store (its typed text redacted there),
  // and the broker delivers the start and the finalize again, in their order.
  await newPipeline().processBatch(merges([start('re-1', [outcome]), fin]));
  const after = await stored('re-1');
  t.same(after.metadata, once.metadata, 'redelivered start and finalize after a restart: the metadata is unchanged');
  t.equal(after.metadata?.typed?.length, 2);
});

t.test('replaying the whole stored episode as a merge changes nothing but the status', async (t) => {
  const p = newPipeline();
  await p.processBatch(merges([start('mf-1', [outcome]), finalize('mf-1', 'succeeded', { typed: [battery] })]));
  const before = await stored('mf-1');
  t.equal(before.metadata?.typed?.length, 2, 'positive control: both payloads stored');
  const results = await newPipeline().processBatch(merges([{ ...before, status: 'failed' }]));
  t.equal(results[0]?.status, 'analyzed', 'the replay is analyzed as a failed finalize');
  const after = await stored('mf-1');
  t.equal(after.status, 'failed');
  t.same(after.metadata, before.metadata, 'typed payloads stored once, as before');
  // A replay through the same (warm) process gives the same answer.
  await p.processBatch(merges([{ ...after }]));
  t.same((await stored('mf-1')).metadata, before.metadata);
});

t.test('a status-only merge (what mark-failed sends) changes the status and nothing else', async (t) => {
  await newPipeline().processBatch(merges([start('so-1', [outcome]), finalize('so-1', 'succeeded', { typed: [battery] })]));
  const before = await stored('so-1');
  t.equal(before.metadata?.typed?.length, 2, 'positive control: both payloads stored');
  const update = { kind: 'episode', episode_id: 'so-1', org_id: 'acme', robot_id: 'r-merge', status: 'failed' };
  const [r] = await newPipeline().processBatch(merges([update]));
  t.equal(r?.status, 'analyzed', 'analyzed as a failed episode');
  const after = await stored('so-1');
  t.same(after, { ...before, status: 'failed' }, 'only the status changed');
});

t.test('mergeEpisode: fields replace, metadata keys merge, typed payloads are a multiset union', async (t) => {
  const prev: EpisodeRecord = {
    kind: 'episode',
    episode_id: 'u-1',
    robot_id: 'r-1',
    status: 'running',
    metadata: { typed: [{ type: 'Battery', percent: 40 }], eval_run_id: 'ev-1' },
  };
  const update: EpisodeRecord = {
    kind: 'episode',
    episode_id: 'u-1',
    robot_id: 'r-1',
    status: 'failed',
    duration_s: 3,
    metadata: {
      typed: [
        { percent: 40, type: 'Battery' },
        { type: 'Battery', percent: 9 },
      ],
      terminated: true,
    },
  };
  const once = mergeEpisode(prev, update);
  t.equal(once.status, 'failed');
  t.equal(once.duration_s, 3);
  t.same(once.metadata, {
    typed: [
      { type: 'Battery', percent: 40 },
      { type: 'Battery', percent: 9 },
    ],
    eval_run_id: 'ev-1',
    terminated: true,
  });
  t.same(mergeEpisode(once, update), once, 'merging the same update again changes nothing');
  t.same(mergeEpisode(once, once), once, 'merging a record into itself changes nothing');
  t.same(mergeEpisode(prev, { ...prev, metadata: {} }).metadata, prev.metadata, 'an update without metadata keeps it');

  // The same reading twice within one update is kept twice, and only twice however often it is replayed.
  const twice: EpisodeRecord = {
    ...update,
    metadata: {
      typed: [
        { type: 'Battery', percent: 5 },
        { type: 'Battery', percent: 5 },
      ],
    },
  };
  const m = mergeEpisode(mergeEpisode(prev, twice), twice);
  t.equal(m.metadata?.typed?.filter((x) => x.percent === 5).length, 2);

  // Hostile payloads: deep, odd keys, nulls, strings that redact; never thrown on, never duplicated.
  const odd = {
    type: 'X',
    constructor: 'c',
    'a"b': [null, { z: 1, a: [[]] }],
    deep: JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`),
  };
  const withOdd: EpisodeRecord = {
    ...update,
    metadata: { typed: [odd as never, { type: 'Note', text: 'token sk-proj-abcdefghijklmnopqrstuvwx1234' }] },
  };
  const a = mergeEpisode(prev, withOdd);
  t.same(mergeEpisode(a, withOdd), a);
  t.equal(a.metadata?.typed?.length, 3);
});
