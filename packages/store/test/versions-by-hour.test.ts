/**
 * The version rollup's rows dated by their hour (migration 0016) against the real embedded
 * ClickHouse: an insert into analyses writes one rollup_hourly part instead of two; a store filled
 * by the previous schema (0015) keeps its version counts (the store's stale counts, and
 * analyses_by_version read by its name); after it, new subjects, redeliveries and re-analyses by
 * another version keep the version rollup equal to a recount from `analyses FINAL`, old rows and new
 * together; the migration run again changes nothing; and the cluster DDL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding } from '@faultline/core';
import t from 'tap';
import { type AnalysisRow, migrationStatements, Store } from '../src/index.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-versions-by-hour-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * HOUR + 60_000).toISOString();

const analysis = (id: string, version: string, o: { kind?: 'episode' | 'trace'; code?: string | null } = {}): Analysis => ({
  subject_kind: o.kind ?? 'episode',
  subject_id: id,
  org_id: 'acme',
  analyzer_version: version,
  analyzed_at: new Date().toISOString(),
  fingerprint: 'fp-battery',
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
            category: 'hardware',
            contributing_factor: 'unknown',
            severity: 'high',
            confidence: 0.9,
            evidence: {},
            suggested_action: 'look',
          }),
        ],
});

/** The version rollup read by its name (non-zero sums), and recounted from analyses FINAL. */
const versions = async (store: Store) =>
  store.rows<{ org_id: string; subject_kind: string; analyzer_version: string; s: string }>(
    `SELECT org_id, subject_kind, analyzer_version, sum(subjects) AS s
     FROM faultline.analyses_by_version GROUP BY ALL HAVING s != 0 ORDER BY ALL`,
  );
const recount = async (store: Store) =>
  store.rows<{ org_id: string; subject_kind: string; analyzer_version: string; s: string }>(
    `SELECT org_id, subject_kind, analyzer_version, count() AS s FROM faultline.analyses FINAL GROUP BY ALL ORDER BY ALL`,
  );

/**
 * The parts a write adds to each of `tables` (merges stopped, so every part it writes is still
 * there), and the partitions of the rollup_hourly parts.
 */
async function partsWritten(
  store: Store,
  tables: string[],
  write: () => Promise<void>,
): Promise<{ parts: Record<string, number>; rollupPartitions: string[] }> {
  for (const table of tables) await store.client.command({ query: `SYSTEM STOP MERGES faultline.${table}` });
  const active = () =>
    store.rows<{ table: string; name: string; partition: string }>(
      `SELECT table, name, partition FROM system.parts WHERE database = 'faultline' AND table IN {tables:Array(String)} AND active`,
      { tables },
    );
  const before = new Set((await active()).map((p) => `${p.table}/${p.name}`));
  await write();
  const added = (await active()).filter((p) => !before.has(`${p.table}/${p.name}`));
  for (const table of tables) await store.client.command({ query: `SYSTEM START MERGES faultline.${table}` });
  const parts = Object.fromEntries(tables.map((table) => [table, added.filter((p) => p.table === table).length]));
  const rollupPartitions = [...new Set(added.filter((p) => p.table === 'rollup_hourly').map((p) => p.partition))].sort();
  return { parts, rollupPartitions };
}
const analysesParts = (store: Store, rows: AnalysisRow[]) =>
  partsWritten(store, ['analyses', 'rollup_hourly'], () => store.writeAnalyses(rows));

t.test('a store filled by 0015 keeps its version counts; each insert then writes one rollup part, counted exactly', async (t) => {
  const dir = join(root, 'a');
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate('0015_fine_findings.sql')).at(-1), '0015_fine_findings.sql');
  await old.writeAnalyses([
    { analysis: analysis('e1', '0.9.0'), occurredAt: at(30) },
    { analysis: analysis('e2', '0.9.0', { code: null }), occurredAt: at(30) },
    { analysis: analysis('t1', '1.0.0', { kind: 'trace' }), occurredAt: at(2) },
  ]);
  const month = (iso: string) => iso.slice(0, 7).replace('-', '');
  const oldWrite = await analysesParts(old, [{ analysis: analysis('e3', '0.9.0'), occurredAt: at(3) }]);
  t.same(
    oldWrite,
    { parts: { analyses: 1, rollup_hourly: 2 }, rollupPartitions: ['197001', month(at(3))].sort() },
    'positive control: two rollup parts per insert under 0015',
  );
  const before = await versions(old);
  t.same(before, await recount(old), 'positive control: the 0015 version rollup equals a recount');
  t.same(
    before.map((r) => `${r.subject_kind} ${r.analyzer_version} ${r.s}`),
    ['episode 0.9.0 3', 'trace 1.0.0 1'],
    'positive control: three 0.9.0 episodes, one 1.0.0 trace',
  );
  const staleBefore = await old.countStale('1.0.0');
  t.same(staleBefore, [{ subject_kind: 'episode', count: 3 }], 'positive control: three stale episodes');
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  t.same(await versions(store), before, 'the version counts read the same after the migration');
  t.same(await store.countStale('1.0.0'), staleBefore, 'the stale counts answer the same');

  // One insert: a new subject, a redelivery, and a re-analysis by another version (−1 for 0.9.0 in its old hour row's place).
  const write = await analysesParts(store, [
    { analysis: analysis('e4', '1.0.0'), occurredAt: at(1) },
    { analysis: analysis('t1', '1.0.0', { kind: 'trace' }), occurredAt: at(2) },
    { analysis: analysis('e1', '1.0.0'), occurredAt: at(30) },
  ]);
  t.same(
    write,
    { parts: { analyses: 1, rollup_hourly: 1 }, rollupPartitions: [month(at(1))] },
    'new and re-analyzed subjects: one insert into analyses, one rollup_hourly part, none for 1970',
  );
  await store.writeAnalyses([{ analysis: analysis('e2', '1.0.0', { code: null }), occurredAt: at(30) }]);
  const after = await versions(store);
  t.same(
    after.map((r) => `${r.subject_kind} ${r.analyzer_version} ${r.s}`),
    ['episode 0.9.0 1', 'episode 1.0.0 3', 'trace 1.0.0 1'],
    'e1 and e2 moved to 1.0.0 (their old rows dated 1970), e4 new, t1 redelivered counts once',
  );
  t.same(after, await recount(store), 'the version rollup equals a recount from analyses FINAL');
  t.same(await store.countStale('1.0.0'), [{ subject_kind: 'episode', count: 1 }], 'one stale episode left (e3)');

  for (const statement of migrationStatements('0016_versions_by_hour.sql', 'faultline', undefined))
    await store.client.command({ query: statement });
  t.same(await versions(store), after, 'the migration run again changes no count');
  const again = await analysesParts(store, [{ analysis: analysis('e5', '1.0.0'), occurredAt: at(1) }]);
  t.same(again.parts, { analyses: 1, rollup_hourly: 1 }, 'and inserts still write one part');
});

t.test('a batch of new and changed runs is one insert into run_dims, its rollups counted as before', async (t) => {
  const store = await Store.open({ dataDir: join(root, 'b') });
  t.teardown(() => store.close());
  const run = (id: string, category: string, tags: Record<string, string>) => ({
    analysis: {
      ...analysis(id, '1.0.0'),
      findings: analysis(id, '1.0.0').findings.map((f) => ({ ...f, category: category as 'unknown' })),
    },
    occurredAt: at(2),
    tags,
  });
  await store.writeFailureDims([run('e1', 'hardware', { site: 'lab' })]);
  const dims = () =>
    store.rows<{ r: string }>(
      `SELECT concat(if(tag_key = '', '(all)', concat(tag_key, '=', tag_value)), ' ', outcome, ' ', category, ' ', toString(sum(runs))) AS r
       FROM faultline.tags_hourly
       GROUP BY tag_key, tag_value, outcome, category HAVING sum(runs) != 0 ORDER BY r`,
    );
  t.same(
    (await dims()).map((d) => d.r),
    ['(all) failure hardware 1', 'site=lab failure hardware 1'],
    'positive control: e1 counted',
  );
  const written = await partsWritten(store, ['run_dims'], () =>
    store.writeFailureDims([run('e1', 'software', { site: 'lab' }), run('e2', 'hardware', { site: 'yard' })]),
  );
  t.same(written.parts, { run_dims: 1 }, 'a changed run and a new one: one insert');
  t.same(
    (await dims()).map((d) => d.r),
    ['(all) failure hardware 1', '(all) failure software 1', 'site=lab failure software 1', 'site=yard failure hardware 1'],
    'e1 moved from hardware to software, e2 counted',
  );
});

t.test('cluster DDL of 0016: every statement ON CLUSTER', async (t) => {
  clusterDdlHolds(t, '0016_versions_by_hour.sql', { exactly: 2 }, /never/);
});
