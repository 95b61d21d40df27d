/**
 * One rollup table fed by one view (migration 0013) against the real embedded ClickHouse: a store
 * filled by the previous schema (0012) moves its four rollups into rollup_hourly and answers the
 * same reads; the old names read the same rows; after it, redeliveries, re-analyses, new subjects
 * and analyses without a finding keep every rollup equal to a recount from `analyses FINAL`; the
 * migration run again changes nothing; the 'versions' rows keep the analyses' lifetime, the others
 * the rollups'; and the cluster DDL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding } from '@faultline/core';
import t from 'tap';
import { DEFAULT_RETENTION, migrationStatements, Store } from '../src/index.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-one-rollup-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `s${dirs++}`);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Math.floor(Date.now() / HOUR) * HOUR;

const analysis = (
  id: string,
  o: { fingerprint?: string; category?: string; code?: string | null; version?: string } = {},
): Analysis => ({
  subject_kind: 'episode',
  subject_id: id,
  org_id: 'acme',
  analyzer_version: o.version ?? '1.0.0',
  analyzed_at: new Date().toISOString(),
  fingerprint: o.fingerprint ?? 'fp-battery',
  signature: 's',
  source: 'heuristic',
  findings:
    o.code === null
      ? []
      : [
          finding({
            code: o.code ?? 'battery_low',
            title: 't',
            description: 'd',
            category: (o.category ?? 'hardware') as 'unknown',
            contributing_factor: 'unknown',
            severity: 'high',
            confidence: 0.9,
            evidence: {},
            suggested_action: 'look',
          }),
        ],
});

/** Each rollup as its old table name reads it (non-zero sums by every key), and as a recount from analyses FINAL. */
const ROLLUPS: Record<string, { read: string; recount: string }> = {
  failures_hourly: {
    read: `SELECT org_id, toString(hour) AS h, subject_kind, category, contributing_factor, severity, code, sum(failures) AS n
           FROM faultline.failures_hourly GROUP BY ALL HAVING n != 0 ORDER BY ALL`,
    recount: `SELECT org_id, toString(toStartOfHour(occurred_at)) AS h, subject_kind, category, contributing_factor, severity,
           primary_code AS code, count() AS n FROM faultline.analyses FINAL GROUP BY ALL ORDER BY ALL`,
  },
  fingerprints_hourly: {
    read: `SELECT org_id, fingerprint, toString(hour) AS h, subject_kind, category, contributing_factor, severity, code,
           sum(subjects) AS s, sum(failures) AS n FROM faultline.fingerprints_hourly GROUP BY ALL HAVING s != 0 OR n != 0 ORDER BY ALL`,
    recount: `SELECT org_id, fingerprint, toString(toStartOfHour(occurred_at)) AS h, subject_kind, category, contributing_factor,
           severity, primary_code AS code, count() AS s, countIf(primary_code != '') AS n
           FROM faultline.analyses FINAL GROUP BY ALL ORDER BY ALL`,
  },
  groups_hourly: {
    read: `SELECT org_id, toString(hour) AS h, fingerprint, subject_kind, category, contributing_factor, severity, sum(failures) AS n
           FROM faultline.groups_hourly GROUP BY ALL HAVING n != 0 ORDER BY ALL`,
    recount: `SELECT org_id, toString(toStartOfHour(occurred_at)) AS h, fingerprint, subject_kind, category, contributing_factor,
           severity, count() AS n FROM faultline.analyses FINAL WHERE primary_code != '' GROUP BY ALL ORDER BY ALL`,
  },
  analyses_by_version: {
    read: `SELECT org_id, subject_kind, analyzer_version, sum(subjects) AS s
           FROM faultline.analyses_by_version GROUP BY ALL HAVING s != 0 ORDER BY ALL`,
    recount: `SELECT org_id, subject_kind, analyzer_version, count() AS s FROM faultline.analyses FINAL GROUP BY ALL ORDER BY ALL`,
  },
};

async function rollups(store: Store, which: 'read' | 'recount'): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, q] of Object.entries(ROLLUPS)) out[name] = await store.rows(q[which]);
  return out;
}

/** The materialized views whose source is analyses. */
async function viewsOnAnalyses(store: Store): Promise<string[]> {
  const rows = await store.rows<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = 'faultline' AND engine = 'MaterializedView'
     AND create_table_query LIKE '%FROM faultline.analyses%' ORDER BY name`,
  );
  return rows.map((r) => r.name);
}

/** What the store's reads answer from the rollups: trends by category, peers, stale counts, the window's groups. */
async function reads(store: Store) {
  const from = new Date(NOW - 7 * DAY).toISOString();
  const to = new Date(NOW).toISOString();
  return {
    trends: (await store.trends({ org: 'acme', by: 'category', from, to, intervalSeconds: 86_400 })).map((p) => [p.key, p.count]),
    peers: await store.fingerprintPeers('acme', 'fp-battery', 'nobody'),
    hostilePeers: await store.fingerprintPeers('acme', "fp-'versions' OR 1=1", 'nobody'),
    stale: await store.countStale('1.0.0'),
    groups: (
      await store.windowGroups({
        org: 'acme',
        from: NOW - 7 * DAY,
        to: NOW,
        now: NOW,
        resolveAfterMs: 3 * DAY,
        growingMin: 10,
      })
    )
      .map((g) => [g.fingerprint, g.count_in_range, g.count_before])
      .sort(),
  };
}

const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR + 60_000).toISOString();

t.test('a store filled by 0012 moves its four rollups into one table and answers the same', async (t) => {
  const dir = freshDir();
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate('0012_fingerprint_tags.sql')).at(-1), '0012_fingerprint_tags.sql');
  await old.writeAnalyses([
    { analysis: analysis('e1'), occurredAt: at(5) },
    { analysis: analysis('e2'), occurredAt: at(5) },
    { analysis: analysis('e3', { fingerprint: 'fp-crash', code: 'crash', category: 'software' }), occurredAt: at(30) },
    { analysis: analysis('e4', { code: null, fingerprint: 'fp-quiet' }), occurredAt: at(2) },
    { analysis: analysis('e5', { version: '0.9.0', fingerprint: "fp-'versions' OR 1=1" }), occurredAt: at(50) },
  ]);
  // e2 re-analyzed into another group and category under 0012 (its previous values are counted -1).
  await old.writeAnalyses([
    { analysis: analysis('e2', { fingerprint: 'fp-crash', code: 'crash', category: 'software' }), occurredAt: at(5) },
  ]);
  const before = await rollups(old, 'read');
  t.same(before, await rollups(old, 'recount'), 'positive control: the 0012 rollups equal a recount');
  t.ok(
    Object.values(before).every((rows) => rows.length >= 2),
    'positive control: rows in every rollup',
  );
  t.same(
    await viewsOnAnalyses(old),
    [
      'analyses_by_version_mv',
      'failure_list_mv',
      'failures_hourly_mv',
      'fingerprint_groups_mv',
      'fingerprints_hourly_mv',
      'groups_hourly_mv',
    ],
    'positive control: six views on analyses under 0012',
  );
  const readsBefore = await reads(old);
  t.equal(readsBefore.peers, 1, 'positive control: fp-battery has a member');
  t.equal(readsBefore.hostilePeers, 1, 'positive control: the hostile fingerprint has a member');
  t.same(readsBefore.stale, [{ subject_kind: 'episode', count: 1 }], 'positive control: one stale analysis');
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  t.same(
    await viewsOnAnalyses(store),
    ['failure_list_mv', 'fingerprint_groups_mv', 'rollup_hourly_mv'],
    'three views on analyses: one for the four rollups',
  );
  const engines = await store.rows<{ name: string; engine: string }>(
    `SELECT name, engine FROM system.tables WHERE database = 'faultline'
     AND name IN ('failures_hourly', 'fingerprints_hourly', 'groups_hourly', 'analyses_by_version', 'rollup_hourly') ORDER BY name`,
  );
  t.same(
    engines.map((e) => [e.name, e.engine]),
    [
      ['analyses_by_version', 'View'],
      ['failures_hourly', 'View'],
      ['fingerprints_hourly', 'View'],
      ['groups_hourly', 'View'],
      ['rollup_hourly', 'SummingMergeTree'],
    ],
    'the old names are plain views over the one table',
  );
  t.same(await rollups(store, 'read'), before, 'every rollup moved, read by its old name');
  t.same(await reads(store), readsBefore, 'trends, peers, stale counts and groups answer the same');

  // Through the one view: redeliveries add nothing; a re-analysis moves; a new failure and an analysis without a finding count.
  const batch = [
    { analysis: analysis('e1'), occurredAt: at(5) },
    { analysis: analysis('e2', { fingerprint: 'fp-crash', code: 'crash', category: 'software' }), occurredAt: at(5) },
  ];
  await store.writeAnalyses(batch);
  await store.writeAnalyses(batch);
  t.same(await rollups(store, 'read'), before, 'a batch redelivered twice changes no rollup');
  await store.writeAnalyses([
    { analysis: analysis('e1', { code: null }), occurredAt: at(5) }, // re-analyzed: no finding any more
    { analysis: analysis('e6'), occurredAt: at(1) },
    { analysis: analysis('e7', { code: null, version: '0.9.0' }), occurredAt: at(1) },
    { analysis: analysis('e5', { fingerprint: 'fp-battery' }), occurredAt: at(50) }, // re-run by this version, another group
  ]);
  const after = await rollups(store, 'read');
  t.notSame(after, before, 'positive control: the writes changed the rollups');
  t.same(after, await rollups(store, 'recount'), 'every rollup equals a recount from analyses FINAL');
  const r = await reads(store);
  t.equal(r.peers, 4, 'fp-battery: e1 (now without a finding), e5 (moved in), e6 and e7 (new)');
  t.equal(r.hostilePeers, 0, 'the hostile fingerprint lost its member');
  t.same(r.stale, [{ subject_kind: 'episode', count: 1 }], 'e5 re-run by 1.0.0, e7 stale: one');

  // Run again, the migration changes nothing.
  for (const statement of migrationStatements('0013_one_rollup.sql', 'faultline', undefined))
    await store.client.command({ query: statement });
  t.same(await rollups(store, 'read'), after, 'the migration run again moves nothing twice');
});

t.test("the 'versions' rows keep the analyses' lifetime, the other rollups the rollups'", async (t) => {
  const dir = freshDir();
  // Written under lifetimes long enough that no merge can remove them before they are read.
  const long = await Store.open({ dataDir: dir, retention: { ...DEFAULT_RETENTION, analysesDays: 1000 } });
  const old = new Date(Date.now() - 500 * DAY).toISOString().slice(0, 19).replace('T', ' ');
  await long.client.command({
    query: `INSERT INTO faultline.rollup_hourly VALUES
      ('versions', 'acme', '', 0, '', 'episode', '', '', '', '', '0.9.0', 3, 0, '${old}'),
      ('failures', 'acme', '', '${old}', '', 'episode', 'hardware', 'unknown', 'high', 'battery_low', '', 2, 2, '${old}')`,
  });
  t.same(await long.countStale('1.0.0'), [{ subject_kind: 'episode', count: 3 }], 'positive control: the version row is read');
  await long.close();

  const store = await Store.open({ dataDir: dir }); // the defaults: analyses 395 days, rollups 1,096
  t.teardown(() => store.close());
  await store.client.command({ query: 'OPTIMIZE TABLE faultline.rollup_hourly FINAL' });
  t.same(await store.countStale('1.0.0'), [], 'the 500-day-old version row is gone (analyses: 395 days)');
  const failures = await store.rows<{ n: string }>(`SELECT sum(failures) AS n FROM faultline.failures_hourly`);
  t.equal(Number(failures[0]?.n), 2, 'the 500-day-old failures row stays (rollups: 1,096 days)');
});

t.test('cluster DDL of 0013: every statement but the INSERTs ON CLUSTER, every engine Replicated', async (t) => {
  clusterDdlHolds(t, '0013_one_rollup.sql', { atLeast: 15 }, /ENGINE = ReplicatedSummingMergeTree\(\(subjects, failures\)\)/);
});
