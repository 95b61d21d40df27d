/**
 * The state cache changes of a batch are staged and applied only once the batch is stored:
 * a batch whose store write fails leaves the cache as it was, and its redelivery stores the
 * same analysis as a clean first delivery. Against the real embedded ClickHouse (chdb), made to
 * fail by renaming its `analyses` table away (the records of the batch are written, its
 * analyses are not: the partial write a crash or an outage leaves), and a real piscina pool.
 *
 * Why it matters: a robot's duration history counts each success once. Applied ahead of a
 * failed write, the history was thrown away and read back from the store, which by then held
 * the batch's success too, so the redelivery counted it twice and moved the median.
 */
import type { EpisodeRecord } from '@faultline/core';
import t from 'tap';
import { key, Pipeline, type PipelineItem, StoreOutageError } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-staged-');
const p = new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 });

const episode = (org: string, id: string, status: string, extra: Record<string, unknown> = {}) => ({
  kind: 'episode',
  episode_id: id,
  org_id: org,
  robot_id: 'r-st',
  status,
  ...extra,
});
const merges = (values: unknown[]): PipelineItem[] => values.map((value, i) => ({ line: i + 1, value, merge: true }));

/** Four successes (10, 20, 30, 40 s) of robot r-st, and two started episodes. */
const history = (org: string) =>
  merges([
    ...[10, 20, 30, 40].map((d, i) => episode(org, `st-${i + 1}`, 'succeeded', { duration_s: d })),
    episode(org, 'st-5', 'running', { started_at: '2026-11-01T10:00:00Z' }),
    episode(org, 'st-6', 'running', {
      started_at: '2026-11-01T11:00:00Z',
      metadata: { typed: [{ type: 'Battery', percent: 80 }] },
    }),
  ]);
/** An eval of st-6, st-5 finalized as a success (50 s), st-6 finalized as a failure after 5 s. */
const batch = (org: string) =>
  merges([
    { kind: 'eval_result', eval_run_id: 'ev-1', org_id: org, candidate_episode_id: 'st-6', metrics: { success_delta: -0.4 } },
    episode(org, 'st-5', 'succeeded', { duration_s: 50 }),
    episode(org, 'st-6', 'failed', { duration_s: 5, metadata: { typed: [{ type: 'Battery', percent: 9 }] } }),
  ]);

/** What the pipeline's cache holds for every key the batch touches. */
const cached = (org: string) => ({
  durations: p.state.durations.get(key(org, 'r-st')),
  st5: p.state.episodes.get(key(org, 'st-5')),
  st6: p.state.episodes.get(key(org, 'st-6')),
  evals: p.state.evals.get(key(org, 'st-6')),
  verifications: p.state.verifications.get(key(org, 'st-6')),
});

/** The stored analysis of st-6 as a user reads it (what does not name the org). */
async function analysisOf(org: string) {
  const a = await store.getAnalysis(org, 'episode', 'st-6');
  return a?.analysis.findings.map((f) => ({ code: f.code, title: f.title, evidence: f.evidence }));
}
async function storedEpisode(org: string, id: string): Promise<Omit<EpisodeRecord, 'org_id'> | null> {
  const ep = await store.getEpisode(org, id);
  if (!ep) return null;
  const { org_id: _org, ...rest } = ep;
  return rest;
}

const analyses = `${store.database}.analyses`;
const away = `${store.database}.analyses_away`;

t.test(
  'a batch whose analyses cannot be stored leaves the cache as before; its redelivery stores what a clean delivery stores',
  async (t) => {
    await p.processBatch([...history('clean'), ...history('acme')]);
    const clean = await p.processBatch(batch('clean'));
    t.same(
      clean.map((r) => r.status),
      ['accepted', 'accepted', 'analyzed'],
      'positive control: the clean delivery analyzes st-6',
    );
    const expected = await analysisOf('clean');
    t.match(
      expected?.find((f) => f.code === 'duration_anomaly'),
      { evidence: { samples: 5, median_success_s: 30 } },
      'four earlier successes and st-5: five samples, median 30 s',
    );

    const before = cached('acme');
    t.ok(before.durations && before.st6 && before.evals, 'positive control: the keys of the batch are cached');
    await store.client.command({ query: `RENAME TABLE ${analyses} TO ${away}` });
    try {
      await t.rejects(p.processBatch(batch('acme')), StoreOutageError, 'the batch fails: its analyses cannot be stored');
    } finally {
      await store.client.command({ query: `RENAME TABLE ${away} TO ${analyses}` });
    }
    t.equal((await store.getEpisode('acme', 'st-5'))?.status, 'succeeded', 'positive control: the records were written before');
    t.equal(await analysisOf('acme'), undefined, 'no analysis was stored');
    t.same(cached('acme'), before, 'the cache is as it was before the batch');

    const redelivered = await p.processBatch(batch('acme'));
    t.same(
      redelivered.map((r) => r.status),
      ['accepted', 'accepted', 'analyzed'],
    );
    t.same(await analysisOf('acme'), expected, 'the redelivery stores the analysis a clean first delivery stores');
    t.same(
      redelivered[2]?.analysis?.findings.map((f) => f.title),
      clean[2]?.analysis?.findings.map((f) => f.title),
    );
    for (const id of ['st-5', 'st-6'])
      t.same(await storedEpisode('acme', id), await storedEpisode('clean', id), `${id} stored alike`);
    t.same(
      (await storedEpisode('acme', 'st-6'))?.metadata?.typed?.length,
      2,
      'the typed payloads of start and finalize, once each',
    );
  },
);

t.test('after a restart, the redelivery of a batch whose records were stored stores what a clean delivery stores', async (t) => {
  await p.processBatch(history('restart'));
  await store.client.command({ query: `RENAME TABLE ${analyses} TO ${away}` });
  try {
    await t.rejects(p.processBatch(batch('restart')), StoreOutageError);
  } finally {
    await store.client.command({ query: `RENAME TABLE ${away} TO ${analyses}` });
  }
  t.equal((await store.getEpisode('restart', 'st-5'))?.status, 'succeeded', 'positive control: st-5 was stored as a success');

  // A new process knows the robot's history only from the store, which holds st-5's success already.
  const restarted = new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 });
  const results = await restarted.processBatch(batch('restart'));
  t.equal(results[2]?.status, 'analyzed');
  t.same(await analysisOf('restart'), await analysisOf('clean'), 'st-5 counted once: five samples, median 30 s');
});
