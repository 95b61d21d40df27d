/**
 * The store's reads by (org, episode) pairs answer those pairs only, against the real embedded
 * ClickHouse. Their statements filter by `org_id IN orgs AND episode_id IN ids` (one statement for
 * many pairs), which also matches the crossed pairs: asked for (acme, e1) and (globex, e2), a row
 * of (acme, e2) matches too. The analyzer's state cache asks for many orgs' episodes at once and
 * files each row under its own (org, episode): a crossed row landed in an entry already cached
 * (a duplicate eval or verification result). (The verify API asks for one org at a time, so it
 * could not cross.) With one pair the statement cannot cross, so every check here asks for two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpisodeRecord, EvalResultRecord, VerificationResultRecord } from '@faultline/core';
import t from 'tap';
import { Store } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-pairs-'));
const store = await Store.open({ dataDir: dir });
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const ORGS_EPISODES: [string, string][] = [
  ['acme', 'e1'],
  ['acme', 'e2'],
  ['globex', 'e1'],
  ['globex', 'e2'],
];
const evalOf = (org: string, ep: string): EvalResultRecord => ({
  kind: 'eval_result',
  org_id: org,
  eval_run_id: `run-${org}-${ep}`,
  candidate_episode_id: ep,
  metrics: { success_delta: -1 },
});
const verificationOf = (org: string, ep: string): VerificationResultRecord => ({
  kind: 'verification_result',
  org_id: org,
  scenario_id: `scn-${org}-${ep}`,
  candidate_episode_id: ep,
  status: 'fail',
});
const episodeOf = (org: string, ep: string): EpisodeRecord => ({
  kind: 'episode',
  org_id: org,
  episode_id: ep,
  robot_id: `robot-${org}`,
  status: 'failed',
  metadata: {},
});

await store.saveEvalResults(ORGS_EPISODES.map(([o, e]) => evalOf(o, e)));
await store.saveVerificationResults(ORGS_EPISODES.map(([o, e]) => verificationOf(o, e)));
await store.saveEpisodes(ORGS_EPISODES.map(([o, e]) => episodeOf(o, e)));

// Two pairs whose orgs and ids cross: (acme, e2) and (globex, e1) are stored but not asked for.
const asked = [
  { org: 'acme', episode: 'e1' },
  { org: 'globex', episode: 'e2' },
];
const pairsOf = (rows: { org_id?: string; candidate_episode_id?: string; episode_id?: string }[]) =>
  rows.map((r) => `${r.org_id}/${r.candidate_episode_id ?? r.episode_id}`).sort();

t.test('eval results of exactly the pairs asked', async (t) => {
  t.same(pairsOf(await store.evalResultsFor(asked)), ['acme/e1', 'globex/e2']);
});

t.test('verification results of exactly the pairs asked', async (t) => {
  t.same(pairsOf(await store.verificationResultsFor(asked)), ['acme/e1', 'globex/e2']);
});

t.test('both results in one read, of exactly the pairs asked', async (t) => {
  const { evals, verifications } = await store.resultsFor(asked);
  t.same(pairsOf(evals), ['acme/e1', 'globex/e2'], 'evals');
  t.same(pairsOf(verifications), ['acme/e1', 'globex/e2'], 'verifications');
});

// episodes() kept the pairs asked before askedOnly() too: this guards that it still does (it passed before the change).
t.test('episodes of exactly the pairs asked (as before)', async (t) => {
  t.same(pairsOf(await store.episodes(asked)), ['acme/e1', 'globex/e2']);
});
