/**
 * One tags rollup fed by one view (migration 0017) against the real embedded ClickHouse: a store
 * filled by the previous schema (0016) moves tags_hourly and fingerprint_tags_hourly into
 * tags_rollup_hourly, the old names read the same rows and the fleet insight answers the same; a
 * run_dims insert then writes two parts instead of three; after it, redeliveries, outcome, tag and
 * fingerprint changes and new runs keep both rollups equal to a recount from `run_dims FINAL`; the
 * migration run again changes nothing; the table keeps the rollups' lifetime; and the cluster DDL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, type EpisodeRecord, finding } from '@faultline/core';
import t, { type Test } from 'tap';
import { type AnalysisRow, migrationStatements, Store } from '../src/index.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-tags-rollup-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

const HOUR = 3_600_000;
const AT = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const episode = (id: string, status: EpisodeRecord['status'], tags: Record<string, string>): EpisodeRecord => ({
  kind: 'episode',
  episode_id: id,
  org_id: 'acme',
  robot_id: 'r1',
  status,
  started_at: iso(AT + 60_000),
  duration_s: 10,
  tags,
});

const failure = (id: string, factor: string, tags: Record<string, string>, fingerprint = `fp-${factor}`): AnalysisRow => {
  const analysis: Analysis = {
    subject_kind: 'episode',
    subject_id: id,
    org_id: 'acme',
    analyzer_version: '1.0.0',
    analyzed_at: iso(AT + 120_000),
    fingerprint,
    signature: 's',
    source: 'heuristic',
    findings: [
      finding({
        code: factor,
        title: factor,
        description: factor,
        category: 'hardware_fault',
        contributing_factor: factor as 'unknown',
        severity: 'high',
        confidence: 0.9,
        evidence: {},
        suggested_action: 'look',
      }),
    ],
  };
  return { analysis, occurredAt: iso(AT + 60_000), tags };
};

/** Both rollups as their old names read them (non-zero sums by every key), and as a recount from run_dims FINAL. */
const TAG = `ARRAY JOIN arrayPushFront(arrayZip(mapKeys(tags), mapValues(tags)), tuple('', '')) AS tag`;
const ROLLUPS: Record<string, { read: string; recount: string }> = {
  tags_hourly: {
    read: `SELECT org_id, subject_kind, toString(hour) AS h, tag_key, tag_value, outcome, category, contributing_factor, sum(runs) AS n
           FROM faultline.tags_hourly GROUP BY ALL HAVING n != 0 ORDER BY ALL`,
    recount: `SELECT org_id, subject_kind, toString(toStartOfHour(occurred_at)) AS h, tag.1 AS tag_key, tag.2 AS tag_value, outcome,
           category, contributing_factor, count() AS n FROM faultline.run_dims FINAL ${TAG} GROUP BY ALL ORDER BY ALL`,
  },
  fingerprint_tags_hourly: {
    read: `SELECT org_id, subject_kind, fingerprint, toString(hour) AS h, tag_key, tag_value, category, contributing_factor,
           sum(failures) AS n FROM faultline.fingerprint_tags_hourly GROUP BY ALL HAVING n != 0 ORDER BY ALL`,
    recount: `SELECT org_id, subject_kind, fingerprint, toString(toStartOfHour(occurred_at)) AS h, tag.1 AS tag_key, tag.2 AS tag_value,
           category, contributing_factor, count() AS n FROM faultline.run_dims FINAL ${TAG} WHERE outcome = 'failure'
           GROUP BY ALL ORDER BY ALL`,
  },
};

async function rollups(store: Store, how: 'read' | 'recount'): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, q] of Object.entries(ROLLUPS)) out[name] = await store.rows(q[how]);
  return out;
}

/** What the fleet insight answers: all failures, one factor, one fingerprint (its own rollup). */
async function insights(store: Store) {
  const q = {
    org: 'acme',
    kind: 'episode' as const,
    from: iso(AT - 24 * HOUR),
    to: iso(AT + 24 * HOUR),
    minSupport: 1,
    alpha: 0.05,
    limit: 100,
  };
  return {
    all: await store.dimensionInsight(q),
    factor: await store.dimensionInsight({ ...q, factor: 'actuator_fault' }),
    fingerprint: await store.dimensionInsight({ ...q, fingerprint: 'fp-actuator_fault' }),
  };
}

const viewsOnRunDims = async (store: Store) =>
  (
    await store.rows<{ d: string[] }>(
      `SELECT dependencies_table AS d FROM system.tables WHERE database = 'faultline' AND name = 'run_dims'`,
    )
  )[0]?.d.sort();

/** The parts a write adds to `tables` (merges stopped, so every part it writes is still there). */
async function partsWritten(store: Store, tables: string[], write: () => Promise<void>): Promise<number> {
  for (const table of tables) await store.client.command({ query: `SYSTEM STOP MERGES faultline.${table}` });
  const active = async () =>
    (
      await store.rows<{ p: string }>(
        `SELECT concat(table, '/', name) AS p FROM system.parts
         WHERE database = 'faultline' AND table IN {tables:Array(String)} AND active`,
        { tables },
      )
    ).map((r) => r.p);
  const before = new Set(await active());
  await write();
  const added = (await active()).filter((p) => !before.has(p)).length;
  for (const table of tables) await store.client.command({ query: `SYSTEM START MERGES faultline.${table}` });
  return added;
}

/** A store filled under 0016 (runs, failures, a re-analysis), checked, closed: what it read then. */
async function fillUnder0016(t: Test, dir: string) {
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate('0016_versions_by_hour.sql')).at(-1), '0016_versions_by_hour.sql');
  await old.saveEpisodes([
    episode('s1', 'succeeded', { firmware: 'good', site: 'lab' }),
    episode('s2', 'succeeded', { firmware: 'bad' }),
    episode('f1', 'failed', { firmware: 'bad' }),
    episode('f2', 'failed', { firmware: 'bad', site: 'yard' }),
    episode('f3', 'failed', {}),
  ]);
  await old.writeFailureDims([
    failure('f1', 'actuator_fault', { firmware: 'bad' }),
    failure('f2', 'actuator_fault', { firmware: 'bad', site: 'yard' }),
    failure('f3', 'battery_low', {}),
  ]);
  // Re-analyzed under 0016: f3 moves to another fingerprint and factor, with a tag.
  await old.writeFailureDims([failure('f3', 'actuator_fault', { site: 'lab' }, 'fp-other')]);
  const before = await rollups(old, 'read');
  t.same(before, await rollups(old, 'recount'), 'positive control: the 0016 rollups equal a recount');
  t.ok(
    Object.values(before).every((rows) => rows.length >= 4),
    'positive control: rows in both rollups',
  );
  t.same(
    await viewsOnRunDims(old),
    ['fingerprint_tags_hourly_mv', 'tags_hourly_mv'],
    'positive control: two views on run_dims under 0016',
  );
  const partsBefore = await partsWritten(old, ['run_dims', 'tags_hourly', 'fingerprint_tags_hourly'], () =>
    old.writeFailureDims([failure('f4', 'battery_low', { firmware: 'good' })]),
  );
  t.equal(partsBefore, 3, 'positive control: a run_dims insert writes three parts under 0016');
  const rollupsBefore = await rollups(old, 'read');
  t.same(rollupsBefore, await rollups(old, 'recount'), 'positive control: f4 counted');
  const insightsBefore = await insights(old);
  t.match(
    insightsBefore.fingerprint,
    { selected: 2, runs: 6 },
    'positive control: fp-actuator_fault has two failures of six runs',
  );
  t.match(insightsBefore.all, { selected: 4, runs: 6 }, 'positive control: four failures of six runs');
  t.ok(insightsBefore.fingerprint.values.length > 0, 'positive control: the fingerprint insight has values');
  await old.close();
  return { rollupsBefore, insightsBefore };
}

t.test('a store filled by 0016 moves both tags rollups into one, reads the same, and counts new writes exactly', async (t) => {
  const dir = join(root, 'a');
  const { rollupsBefore, insightsBefore } = await fillUnder0016(t, dir);

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  t.same(await viewsOnRunDims(store), ['tags_rollup_hourly_mv'], 'one view on run_dims');
  const engines = await store.rows<{ name: string; engine: string }>(
    `SELECT name, engine FROM system.tables WHERE database = 'faultline'
     AND name IN ('tags_hourly', 'fingerprint_tags_hourly', 'tags_rollup_hourly') ORDER BY name`,
  );
  t.same(
    engines.map((e) => [e.name, e.engine]),
    [
      ['fingerprint_tags_hourly', 'View'],
      ['tags_hourly', 'View'],
      ['tags_rollup_hourly', 'SummingMergeTree'],
    ],
    'the old names are plain views over the one table',
  );
  t.same(await rollups(store, 'read'), rollupsBefore, 'both rollups moved, read by their old names');
  t.same(await insights(store), insightsBefore, 'the fleet insight answers the same (all, by factor, by fingerprint)');

  // Through the one view: a redelivery adds nothing; changes move; new runs count.
  const batch = [
    failure('f1', 'actuator_fault', { firmware: 'bad' }),
    failure('f5', 'actuator_fault', { firmware: 'bad', site: 'lab' }),
  ];
  const parts = await partsWritten(store, ['run_dims', 'tags_rollup_hourly'], () => store.writeFailureDims(batch));
  t.equal(parts, 2, 'a run_dims insert writes two parts: run_dims and the one rollup');
  const once = await rollups(store, 'read');
  await store.writeFailureDims(batch);
  t.same(await rollups(store, 'read'), once, 'a batch redelivered changes no rollup');
  await store.writeFailureDims([
    failure('f2', 'battery_low', { firmware: 'good', site: 'yard' }), // factor, fingerprint and a tag change
    failure('f3', 'actuator_fault', { site: 'lab' }, 'fp-other'), // the same again: nothing
  ]);
  await store.saveEpisodes([episode('s3', 'succeeded', { firmware: 'good' })]);
  const after = await rollups(store, 'read');
  t.notSame(after, rollupsBefore, 'positive control: the writes changed the rollups');
  t.same(after, await rollups(store, 'recount'), 'both rollups equal a recount from run_dims FINAL');
  t.match(
    (await insights(store)).fingerprint,
    { selected: 2, runs: 8 },
    'fp-actuator_fault: f1 and f5 (f2 left it), of eight runs',
  );

  for (const statement of migrationStatements('0017_one_tags_rollup.sql', 'faultline', undefined))
    await store.client.command({ query: statement });
  t.same(await rollups(store, 'read'), after, 'the migration run again moves nothing twice');
  const [engine] = await store.rows<{ e: string }>(
    `SELECT engine_full AS e FROM system.tables WHERE database = 'faultline' AND name = 'tags_rollup_hourly'`,
  );
  t.match(engine?.e, /TTL stored_at \+ toIntervalDay\(1096\)/, "the rollups' lifetime");
});

t.test('cluster DDL of 0017: every statement but the INSERTs ON CLUSTER, the engine Replicated', async (t) => {
  clusterDdlHolds(t, '0017_one_tags_rollup.sql', { exactly: 10 }, /ENGINE = ReplicatedSummingMergeTree\(n\)/);
});
