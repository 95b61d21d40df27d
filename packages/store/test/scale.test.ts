/**
 * The time layout (migration 0007) against the real embedded ClickHouse: rollups that a
 * re-delivery or a re-analysis never double-counts, trends from the rollups equal to trends from
 * the findings, a store filled by the previous schema (up to 0006) migrated with its reads intact,
 * lifetimes (TTL) on every table family that remove an expired row at a merge, and the cluster
 * DDL of the new migration.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding } from '@faultline/core';
import t from 'tap';
import { clusterize, DEFAULT_RETENTION, EVERY_ORG, migrationStatements, Store, TTL_TABLES } from '../src/index.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-scale-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `s${dirs++}`);

const analysis = (
  id: string,
  o: { category?: string; fingerprint?: string; version?: string; codes?: string[]; org?: string; analyzedAt?: string } = {},
): Analysis => ({
  subject_kind: 'episode',
  subject_id: id,
  org_id: o.org ?? 'acme',
  analyzer_version: o.version ?? '1.0.0',
  analyzed_at: o.analyzedAt ?? new Date().toISOString(),
  fingerprint: o.fingerprint ?? 'fp-battery',
  signature: 's',
  source: 'heuristic',
  findings: (o.codes ?? ['battery_low']).map((code, i) =>
    finding({
      code,
      title: code,
      description: code,
      category: (o.category ?? 'hardware') as 'unknown',
      contributing_factor: 'unknown',
      severity: 'high',
      confidence: 0.9 - i * 0.1,
      evidence: {},
      suggested_action: 'look',
    }),
  ),
});

const HOUR = 3_600_000;
/** An hour-aligned window around `at` (the trends take the rollup path), and the same window shifted by a minute (findings at the edges). */
function windows(at: number) {
  const from = Math.floor(at / HOUR) * HOUR - 24 * HOUR;
  return {
    aligned: { from: new Date(from).toISOString(), to: new Date(from + 48 * HOUR).toISOString() },
    ragged: { from: new Date(from - 60_000).toISOString(), to: new Date(from + 48 * HOUR - 60_000).toISOString() },
  };
}

async function rollupByCategory(store: Store, org: string): Promise<Record<string, number>> {
  const rows = await store.rows<{ category: string; n: string }>(
    `SELECT category, sum(failures) AS n FROM faultline.failures_hourly WHERE org_id = {org:String} GROUP BY category ORDER BY category`,
    { org },
  );
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
}

t.test('a redelivered analysis is counted once; a re-analysis moves the subject between rollup rows', async (t) => {
  const store = await Store.open({ dataDir: freshDir() });
  t.teardown(() => store.close());
  const occurred = new Date(Date.now() - 5 * HOUR).toISOString();
  const write = (a: Analysis) => store.writeAnalyses([{ analysis: a, occurredAt: occurred, robotId: 'r1' }]);
  await write(analysis('e1'));
  await write(analysis('e2', { fingerprint: 'fp-battery' }));
  t.same(await rollupByCategory(store, 'acme'), { hardware: 2 }, 'positive control: two subjects counted');
  // The same analysis delivered again twice (a batch re-delivered after a crash).
  await write(analysis('e1'));
  await write(analysis('e1'));
  t.same(await rollupByCategory(store, 'acme'), { hardware: 2 }, 'redeliveries add nothing');
  const { aligned, ragged } = windows(Date.parse(occurred));
  const q = { org: 'acme', by: 'category' as const, intervalSeconds: 86_400 };
  const total = (points: { key: string; count: number }[]) =>
    points.reduce<Record<string, number>>((m, p) => {
      m[p.key] = (m[p.key] ?? 0) + p.count;
      return m;
    }, {});
  t.same(total(await store.trends({ ...q, ...aligned })), { hardware: 2 }, 'trends (rollup) count each subject once');
  t.equal(await store.fingerprintPeers('acme', 'fp-battery', 'e1'), 1, 'one peer (e2), not three');

  // A re-analysis that changes the category and the fingerprint, with a later occurred_at that must not move it.
  await store.writeAnalyses([
    {
      analysis: analysis('e1', { category: 'software', fingerprint: 'fp-crash', version: '1.1.0' }),
      occurredAt: new Date().toISOString(),
      robotId: 'r1',
    },
  ]);
  t.same(await rollupByCategory(store, 'acme'), { hardware: 1, software: 1 }, 'moved from hardware to software');
  t.same(total(await store.trends({ ...q, ...aligned })), { hardware: 1, software: 1 });
  t.equal((await store.getAnalysis('acme', 'episode', 'e1'))?.occurredAt, occurred, 'the first analysis dates the subject');
  t.equal(await store.fingerprintPeers('acme', 'fp-battery', 'e2'), 0, 'e1 left the fingerprint');
  t.equal(await store.fingerprintPeers('acme', 'fp-crash', 'e2'), 1);
  t.same(await store.countStale('1.1.0'), [{ subject_kind: 'episode', count: 1 }], 'e2 is stale at 1.1.0');
  t.same(await store.countStale('1.0.0'), [{ subject_kind: 'episode', count: 1 }], 'e1 is stale at 1.0.0');
  t.same(
    (await store.subjectsToRerun('1.1.0', EVERY_ORG, 10)).map((s) => s.subject_id),
    ['e2'],
    'the scheduled run selects the stale one',
  );

  // The same answer from the findings alone: a window whose edges are not whole hours, and all findings.
  const fromFindings = total(await store.trends({ ...q, ...ragged }));
  t.same(fromFindings, { hardware: 1, software: 1 }, 'findings (edges) and rollups (whole hours) agree');
  const byHour = await store.trends({ ...q, ...aligned, intervalSeconds: 3600 });
  const byHourFindings = await store.trends({ ...q, ...aligned, intervalSeconds: 3600, allFindings: true });
  t.same(byHour, byHourFindings, 'one finding per subject: primary (rollup) = all (findings), bucket for bucket');
  t.match(byHour[0]?.bucket, /^\d{4}-\d\d-\d\dT\d\d:00:00Z$/, 'buckets as the findings write them');
});

t.test('a store filled by the previous schema (0006) migrates with its reads intact', async (t) => {
  const dir = freshDir();
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate('0006_audit_id.sql')).at(-1), '0006_audit_id.sql');
  const at = Date.now() - 3 * HOUR;
  const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  // Rows as the 0006 writer stored them: e1 in two versions (re-analyzed: it was 'data', it is 'hardware'), e2, e3 stale.
  const analysisRow = (id: string, category: string, version: number, analyzer = '1.0.0', fp = 'fp-a') =>
    `('acme', 'episode', '${id}', '${analyzer}', '${ch(at)}', '${ch(at)}', 'r1', '', '${fp}', 's', 'code_${category}', '${category}',
      'unknown', 'high', 0.9, ['code_${category}'], '[]', '', 'heuristic', '', '', ${version})`;
  await old.client.command({
    query: `INSERT INTO faultline.analyses (org_id, subject_kind, subject_id, analyzer_version, analyzed_at, occurred_at, robot_id,
      service, fingerprint, signature, primary_code, category, contributing_factor, severity, confidence, finding_codes, findings,
      pattern, source, rule_errors, llm, version) VALUES ${[
        analysisRow('e1', 'data', 1),
        analysisRow('e1', 'hardware', 2),
        analysisRow('e2', 'hardware', 1),
        analysisRow('e3', 'software', 1, '0.9.0', 'fp-b'),
      ].join(',')}`,
  });
  const findingRow = (id: string, category: string, version: number, deleted = 0) =>
    `('acme', 'episode', '${id}', 'code_${category}', 0, '${category}', 'unknown', 'high', 0.9, 'high', 'fp-a', 'r1', '',
      '${ch(at)}', '${ch(at)}', '1.0.0', ${version}, ${deleted})`;
  await old.client.command({
    query: `INSERT INTO faultline.findings VALUES ${[
      findingRow('e1', 'data', 1),
      findingRow('e1', 'data', 2, 1),
      findingRow('e1', 'hardware', 2),
      findingRow('e2', 'hardware', 1),
      findingRow('e3', 'software', 1),
    ].join(',')}`,
  });
  const { aligned } = windows(at);
  const q = { org: 'acme', by: 'category' as const, intervalSeconds: 86_400 * 7, ...aligned };
  const before = await old.trends({ ...q, intervalSeconds: 900 });
  t.same(
    before.map((p) => [p.key, p.count]),
    [
      ['hardware', 2],
      ['software', 1],
    ],
    'positive control: the old layout answers',
  );
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const partitions = await store.rows<{ name: string; partition_key: string; sorting_key: string }>(
    `SELECT name, partition_key, sorting_key FROM system.tables WHERE database = 'faultline' AND name IN ('analyses', 'findings') ORDER BY name`,
  );
  t.same(
    partitions.map((p) => [p.name, p.partition_key]),
    [
      ['analyses', 'toYYYYMM(occurred_at)'],
      ['findings', 'toYYYYMM(occurred_at)'],
    ],
  );
  t.match(partitions[1]?.sorting_key, /^org_id, toStartOfHour\(occurred_at\)/, 'findings sorted by hour after org');
  const points = (await store.trends(q)).map((p) => [p.key, p.count]);
  t.same(
    points,
    [
      ['hardware', 2],
      ['software', 1],
    ],
    'trends from the rollups the migration filled',
  );
  t.same(await rollupByCategory(store, 'acme'), { hardware: 2, software: 1 }, 'the replaced version is not counted');
  t.equal((await store.getAnalysis('acme', 'episode', 'e1'))?.analysis.findings.length, 0, 'analyses moved (findings JSON)');
  t.equal(await store.fingerprintPeers('acme', 'fp-a', 'e1'), 1);
  t.same(await store.countStale('1.0.0'), [{ subject_kind: 'episode', count: 1 }]);
  t.same(
    (await store.subjectsToRerun('1.0.0', 'acme', 10)).map((s) => s.subject_id),
    ['e3'],
  );
  // A write after the migration goes through the views: a redelivery of e2 adds nothing.
  await store.writeAnalyses([{ analysis: analysis('e2', { category: 'hardware' }), occurredAt: new Date(at).toISOString() }]);
  t.same(await rollupByCategory(store, 'acme'), { hardware: 2, software: 1 }, 'e2 re-analyzed with the same outcome');
});

t.test('every table family has a lifetime; an expired row is gone after a merge; the lifetime is configurable', async (t) => {
  const dir = freshDir();
  const long = await Store.open({ dataDir: dir, retention: { ...DEFAULT_RETENTION, analysesDays: 1000 } });
  const oldAt = new Date(Date.now() - 500 * 86_400_000).toISOString();
  const newAt = new Date(Date.now() - 86_400_000).toISOString();
  await long.writeAnalyses([
    { analysis: analysis('old', { analyzedAt: oldAt }), occurredAt: oldAt },
    { analysis: analysis('recent'), occurredAt: newAt },
    // A backfill: a record that occurred 10 years ago, analyzed now, is kept (lifetimes count from the analysis).
    { analysis: analysis('backfill'), occurredAt: '2016-12-31T23:00:00Z' },
  ]);
  await long.client.command({ query: 'OPTIMIZE TABLE faultline.analyses FINAL' });
  t.ok(await long.getAnalysis('acme', 'episode', 'old'), 'positive control: kept while the lifetime is 1,000 days');
  await long.close();

  const store = await Store.open({ dataDir: dir }); // the defaults: analyses 395 days
  t.teardown(() => store.close());
  const engines = new Map(
    (
      await store.rows<{ name: string; engine_full: string }>(
        `SELECT name, engine_full FROM system.tables WHERE database = 'faultline'`,
      )
    ).map((r) => [r.name, r.engine_full]),
  );
  for (const table of Object.keys(TTL_TABLES)) t.match(engines.get(table), / TTL /, `${table} has a TTL`);
  t.match(engines.get('analyses'), /TTL toDateTime\(analyzed_at\) \+ toIntervalDay\(395\)/);
  t.match(engines.get('audit_log'), /TTL toDateTime\(at\) \+ toIntervalDay\(730\)/);
  t.match(engines.get('traces'), /TTL toDateTime\(received_at\) \+ toIntervalDay\(30\)/);
  t.match(
    engines.get('rollup_hourly'),
    /TTL stored_at \+ toIntervalDay\(1096\), stored_at \+ toIntervalDay\(395\) WHERE rollup = 'versions'/,
  );
  for (const table of ['analyses', 'findings']) await store.client.command({ query: `OPTIMIZE TABLE faultline.${table} FINAL` });
  t.equal(await store.getAnalysis('acme', 'episode', 'old'), null, 'the 500-day-old analysis is gone');
  t.ok(await store.getAnalysis('acme', 'episode', 'recent'), 'the recent one stays');
  t.ok(await store.getAnalysis('acme', 'episode', 'backfill'), 'the backfilled one stays');
  const findings = await store.rows<{ subject_id: string }>(`SELECT subject_id FROM faultline.findings ORDER BY subject_id`);
  t.same(
    findings.map((r) => r.subject_id),
    ['backfill', 'recent'],
    'its findings too',
  );
  const counted = await store.trends({
    org: 'acme',
    by: 'category',
    from: '2016-12-31T00:00:00Z',
    to: '2017-01-01T00:00:00Z',
    intervalSeconds: 86_400,
  });
  t.same(
    counted.map((p) => [p.key, p.count]),
    [['hardware', 1]],
    'and counted in the (rollup) trends of its day',
  );
});

t.test('cluster DDL of the time layout: every statement ON CLUSTER, every engine Replicated', async (t) => {
  clusterDdlHolds(t, '0007_time_rollups.sql', { atLeast: 20 }, /ENGINE = Replicated\w*MergeTree/);
  t.equal(clusterize('DROP TABLE IF EXISTS db.a SYNC', 'c'), 'DROP TABLE IF EXISTS db.a ON CLUSTER c SYNC');
  t.equal(clusterize('EXCHANGE TABLES db.a AND db.b', 'c'), 'EXCHANGE TABLES db.a AND db.b ON CLUSTER c');
  t.equal(clusterize('TRUNCATE TABLE db.a', 'c'), 'TRUNCATE TABLE db.a ON CLUSTER c');
  t.same(
    migrationStatements('0007_time_rollups.sql', 'faultline', undefined)
      .join('\n')
      .match(/ON CLUSTER/g),
    null,
    'no cluster: unchanged',
  );
});

const DAY = 86_400_000;
const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const month = (ms: number) => new Date(ms).toISOString().slice(0, 7).replace('-', '');
/** The months of a table that hold rows (active parts). */
async function months(s: Store, table: string): Promise<string[]> {
  const rows = await s.rows<{ partition: string }>(
    `SELECT DISTINCT partition FROM system.parts
     WHERE database = 'faultline' AND active AND rows > 0 AND table = {t:String} ORDER BY partition`,
    { t: table },
  );
  return rows.map((p) => p.partition);
}
const audited = async (s: Store) => (await s.listAudit({ org: 'acme', limit: 10 })).map((r) => r.subject_id).sort();
const auditEntry = (subject: string, at: number, id?: string) => ({
  ...(id ? { audit_id: id } : {}),
  at: new Date(at).toISOString(),
  org_id: 'acme',
  action: 'failure_analysis.completed',
  actor: 'analyzer',
  subject_kind: 'episode',
  subject_id: subject,
});
const errorRow = (ref: string, at: number) => `('acme', 'log', '${ref}', 'timed_out', 'rules', 'slow', '', '1.0.0', '${ch(at)}')`;

/** A store at 0007 with audit entries and errors of this month and of `older` (one without an audit id, as 0006 left them). */
async function storeAt0007(dir: string, recent: number, older: number): Promise<Store> {
  const old = await Store.connect({ dataDir: dir });
  await old.migrate('0007_time_rollups.sql');
  await old.writeAudit([auditEntry('e-new', recent, 'a-new'), auditEntry('e-old', older, 'a-old')]);
  await old.client.command({
    query: `INSERT INTO faultline.audit_log (at, org_id, action, actor, subject_kind, subject_id, metadata) VALUES
      ('${ch(recent)}', 'acme', 'episode.reanalyze', 'key-1', 'episode', 'e-hash', '{"why":"x"}')`,
  });
  await old.client.command({
    query: `INSERT INTO faultline.analysis_errors VALUES ${errorRow('l-new', recent)}, ${errorRow('l-old', older)}`,
  });
  return old;
}

t.test('audit log and analysis errors by month (0010): rows move, an expired month leaves at a merge', async (t) => {
  const dir = freshDir();
  const recent = Date.now() - DAY;
  const older = Date.now() - 100 * DAY; // another month, within every lifetime
  const expired = Date.now() - 800 * DAY; // past the audit's default 730 days and the errors' 395
  const old = await storeAt0007(dir, recent, older);
  const hashed = await old.rows<{ audit_id: string }>(`SELECT audit_id FROM faultline.audit_log WHERE subject_id = 'e-hash'`);
  t.match(hashed[0]?.audit_id, /^\d+$/, 'positive control: the old layout gave the id-less row its hash');
  await old.close();

  // Opened first with lifetimes long enough to keep every row; the defaults come after.
  const long = await Store.open({ dataDir: dir, retention: { ...DEFAULT_RETENTION, auditDays: 1000, analysesDays: 1000 } });
  const layout = await long.rows<{ name: string; partition_key: string; sorting_key: string }>(
    `SELECT name, partition_key, sorting_key FROM system.tables
     WHERE database = 'faultline' AND name IN ('analysis_errors', 'audit_log') ORDER BY name`,
  );
  t.same(
    layout.map((l) => [l.name, l.partition_key, l.sorting_key]),
    [
      ['analysis_errors', 'toYYYYMM(occurred_at)', 'org_id, occurred_at, subject_ref'],
      ['audit_log', 'toYYYYMM(at)', 'org_id, at, subject_id'],
    ],
    'partitioned by month, sorting keys unchanged',
  );
  t.same(await audited(long), ['e-hash', 'e-new', 'e-old'], 'every audit row moved and reads back');
  t.equal((await long.lastError('acme', 'log', 'l-old'))?.reason, 'slow', 'the older error moved');
  await long.writeAudit([auditEntry('e-new', recent, 'a-new')]);
  t.equal((await long.listAudit({ org: 'acme', subjectId: 'e-new', limit: 10 })).length, 1, 'a redelivered entry is one');
  // Rows past the default lifetimes, kept while the lifetimes are 1,000 days.
  await long.writeAudit([auditEntry('e-expired', expired)]);
  await long.client.command({ query: `INSERT INTO faultline.analysis_errors VALUES ${errorRow('l-expired', expired)}` });
  t.same(await audited(long), ['e-expired', 'e-hash', 'e-new', 'e-old'], 'positive control: the old entry is kept at 1,000 days');
  t.equal((await long.lastError('acme', 'log', 'l-expired'))?.reason, 'slow', 'positive control: the old error too');
  t.same(await months(long, 'audit_log'), [month(expired), month(older), month(recent)], 'one partition per month');
  t.same(await months(long, 'analysis_errors'), [month(expired), month(older), month(recent)], 'the same for the errors');
  await long.close();

  const store = await Store.open({ dataDir: dir }); // the defaults: audit 730 days, errors 395
  t.teardown(() => store.close());
  for (const table of ['audit_log', 'analysis_errors'])
    await store.client.command({ query: `OPTIMIZE TABLE faultline.${table} FINAL` });
  t.same(await audited(store), ['e-hash', 'e-new', 'e-old'], 'the expired audit entry is gone, the others stay');
  t.equal(await store.lastError('acme', 'log', 'l-expired'), null, 'the expired error is gone');
  t.equal((await store.lastError('acme', 'log', 'l-old'))?.reason, 'slow', 'the older error stays');
  t.same(await months(store, 'audit_log'), [month(older), month(recent)], 'the expired month has no rows left');
  t.same(await months(store, 'analysis_errors'), [month(older), month(recent)], 'the same for the errors');
});

async function rollupByCode(s: Store): Promise<Record<string, number>> {
  const rows = await s.rows<{ code: string; n: string }>(
    `SELECT code, sum(failures) AS n FROM faultline.failures_hourly GROUP BY code HAVING n != 0 ORDER BY code`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
}

t.test('failures_hourly counts the analyses without a finding (0010); trends of findings do not', async (t) => {
  const dir = freshDir();
  const recent = new Date(Date.now() - DAY).toISOString();
  const old = await storeAt0007(dir, Date.now() - DAY, Date.now() - 100 * DAY);
  // Two analyses under 0007: one without a finding, which 0007's failures_hourly left out.
  await old.writeAnalyses([
    { analysis: analysis('quiet', { codes: [] }), occurredAt: recent },
    { analysis: analysis('loud'), occurredAt: recent },
  ]);
  t.same(await rollupByCode(old), { battery_low: 1 }, 'positive control: 0007 counts only the analysis with a finding');
  await old.close();

  // Up to 0012: re-running 0010 below is a re-run on the schema it was written for (0013 makes
  // failures_hourly a view over rollup_hourly, which 0010's INSERT cannot write to).
  const store = await Store.connect({ dataDir: dir });
  await store.migrate('0012_fingerprint_tags.sql');
  t.teardown(() => store.close());
  t.same(await rollupByCode(store), { '': 1, battery_low: 1 }, 'the migration adds the analysis without a finding (code "")');
  await store.writeAnalyses([
    { analysis: analysis('quiet2', { codes: [] }), occurredAt: recent },
    { analysis: analysis('quiet'), occurredAt: recent }, // re-analyzed: now it has one
  ]);
  t.same(await rollupByCode(store), { '': 1, battery_low: 2 }, 'through the view: +1 without, one moved to battery_low');
  const byCode = { org: 'acme', by: 'code' as const, intervalSeconds: 86_400, ...windows(Date.parse(recent)).aligned };
  t.same(
    (await store.trends(byCode)).map((p) => [p.key, p.count]),
    [['battery_low', 2]],
    'trends of findings (rollup path) leave the analyses without a finding out',
  );
  for (const statement of migrationStatements('0010_monthly_logs.sql', 'faultline', undefined))
    await store.client.command({ query: statement });
  t.same(await rollupByCode(store), { '': 1, battery_low: 2 }, 'the migration run again adds nothing twice');
  t.same(await audited(store), ['e-hash', 'e-new', 'e-old'], 'nor loses or doubles an audit row');
});

t.test('cluster DDL of 0010: every statement but the INSERTs ON CLUSTER, every engine Replicated', async (t) => {
  clusterDdlHolds(t, '0010_monthly_logs.sql', { exactly: 13 }, /ENGINE = ReplicatedMergeTree/);
});
