/** The store against the real embedded ClickHouse: migrations, idempotent upserts, trends without double counting. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding } from '@faultline/core';
import t from 'tap';
import { clusterize, EVERY_ORG, Store, splitStatements } from '../src/index.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-store-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const analysis = (id: string, codes: string[], version = '1.0.0'): Analysis => ({
  subject_kind: 'episode',
  subject_id: id,
  org_id: 'acme',
  analyzer_version: version,
  analyzed_at: '2026-11-01T10:00:00.000Z',
  fingerprint: 'abcdef0123456789',
  signature: 'x|y',
  source: 'heuristic',
  findings: codes.map((code, i) =>
    finding({
      code,
      title: code,
      description: code,
      category: 'unknown',
      contributing_factor: 'unknown',
      severity: 'low',
      confidence: 0.9 - i * 0.1,
      evidence: {},
      suggested_action: 'look',
    }),
  ),
});

t.test('migrations apply once and are idempotent across restarts', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.same(await store.migrate(), [], 'a second migrate applies nothing');
  const tables = (
    await store.rows<{ name: string }>(`SELECT name FROM system.tables WHERE database = 'faultline' ORDER BY name`)
  ).map((r) => r.name);
  for (const name of [
    'analyses',
    'analysis_errors',
    'api_keys',
    'audit_log',
    'episodes',
    'findings',
    'runs',
    'schema_migrations',
  ]) {
    t.ok(tables.includes(name), name);
  }
  await store.close();
  const again = await Store.open({ dataDir: dir });
  t.same(await again.migrate(), []);
  await again.close();
});

t.test('an analysis written three times is one row; dropped codes leave the trend', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  await store.writeAnalyses([{ analysis: analysis('e1', ['a', 'b']), occurredAt: '2026-11-01T10:00:00Z' }]);
  await store.writeAnalyses([{ analysis: analysis('e1', ['a', 'b']), occurredAt: '2026-11-01T10:00:00Z' }]);
  await store.writeAnalyses([{ analysis: analysis('e1', ['c']), occurredAt: '2026-11-01T10:00:00Z' }]);
  const stored = await store.getAnalysis('acme', 'episode', 'e1');
  t.same(
    stored?.analysis.findings.map((f) => f.code),
    ['c'],
  );
  const points = await store.trends({
    org: 'acme',
    by: 'code',
    from: '2026-10-01T00:00:00Z',
    to: '2026-12-01T00:00:00Z',
    intervalSeconds: 86_400 * 30,
    allFindings: true,
  });
  t.same(
    points.map((p) => [p.key, p.count]),
    [['c', 1]],
  );
  t.equal(await store.getAnalysis('other-org', 'episode', 'e1'), null, 'another org does not see it');
  t.same(await store.subjectsToRerun('1.0.0', EVERY_ORG, 10), [], 'nothing is stale at the running version');
  t.same(
    (await store.subjectsToRerun('1.1.0', EVERY_ORG, 10)).map((s) => [s.subject_id, s.why]),
    [['e1', 'stale']],
  );
});

t.test('lookups are by (org, id): two orgs with the same episode id each read their own; no org is an error', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  await store.saveEpisodes([
    { kind: 'episode', org_id: 'zz-org', episode_id: 'same-id', robot_id: 'robot-z', status: 'failed' },
    { kind: 'episode', org_id: 'aa-org', episode_id: 'same-id', robot_id: 'robot-a', status: 'succeeded' },
  ]);
  t.equal((await store.getEpisode('zz-org', 'same-id'))?.robot_id, 'robot-z', 'not the first org alphabetically');
  t.equal((await store.getEpisode('aa-org', 'same-id'))?.robot_id, 'robot-a');
  t.equal(await store.getEpisode('other-org', 'same-id'), null);
  await t.rejects(store.getEpisode('' as string, 'same-id'), /org is required/);
  await t.rejects(store.getAnalysis(null as unknown as string, 'episode', 'e1'), /org is required/);
});

t.test('splitStatements keeps statements and drops comments', async (t) => {
  t.same(splitStatements('-- c\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\n-- d\nSELECT 1;\n'), [
    'CREATE TABLE a (x UInt8) ENGINE = Memory',
    'SELECT 1',
  ]);
});

t.test('cluster DDL: ON CLUSTER and Replicated engines, unchanged without a cluster', async (t) => {
  const ddl =
    'CREATE TABLE IF NOT EXISTS faultline.findings\n(\n    x UInt8,\n    version UInt64\n)\nENGINE = ReplacingMergeTree(version, is_deleted)\nORDER BY x';
  t.equal(clusterize(ddl, undefined), ddl);
  const c = clusterize(ddl, 'prod');
  t.match(c, /^CREATE TABLE IF NOT EXISTS faultline\.findings ON CLUSTER prod\n/);
  t.match(c, /ENGINE = ReplicatedReplacingMergeTree\(version, is_deleted\)/);
  t.match(
    clusterize('CREATE TABLE IF NOT EXISTS db.a (x UInt8) ENGINE = MergeTree ORDER BY x', 'prod'),
    /ON CLUSTER prod .*ENGINE = ReplicatedMergeTree ORDER BY x/,
  );
  t.equal(
    clusterize('ALTER TABLE db.a ADD COLUMN IF NOT EXISTS y String', 'prod'),
    'ALTER TABLE db.a ON CLUSTER prod ADD COLUMN IF NOT EXISTS y String',
  );
});

t.test('revoked console sessions (0014): derived for a cluster, and a revoked cookie listed until it expires', async (t) => {
  clusterDdlHolds(t, '0014_revoked_sessions.sql', { exactly: 1 }, /ENGINE = ReplicatedReplacingMergeTree/);
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const later = new Date(Date.now() + 3_600_000).toISOString();
  const earlier = new Date(Date.now() - 1000).toISOString();
  await store.revokeSession({ session_hash: 'live', org_id: 'acme', expires_at: later });
  await store.revokeSession({ session_hash: 'live', org_id: 'acme', expires_at: later });
  await store.revokeSession({ session_hash: 'ended', org_id: 'acme', expires_at: earlier });
  t.same(await store.revokedSessionHashes(), ['live'], 'listed once while it would still be valid; an expired one is not');
});
