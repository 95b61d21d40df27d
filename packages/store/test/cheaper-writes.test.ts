/**
 * Cheaper parts to write and merge (migration 0018) against the real embedded ClickHouse: a store
 * filled by the previous schema (0017) reads the same analyses, records and findings after it;
 * then merged parts carry no column statistics (with 0017 every merged part of analyses had a
 * statistics file), the large text columns are written with ZSTD(1), the tables every batch
 * writes merge with base 10 and the dashboards' tables keep the default; the migration run again
 * changes nothing; a MODIFY SETTING of a setting the server does not have is told apart; and the
 * cluster DDL.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding, type LogRecord } from '@faultline/core';
import t from 'tap';
import { migrationStatements, Store } from '../src/index.js';
import { modifiedSetting } from '../src/migrations.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-cheaper-writes-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

const analysis = (id: string): Analysis => ({
  subject_kind: 'log',
  subject_id: id,
  org_id: 'acme',
  analyzer_version: '1.0.0',
  analyzed_at: new Date().toISOString(),
  fingerprint: `fp-${id}`,
  signature: 's',
  source: 'heuristic',
  findings: [
    finding({
      code: 'cuda_oom',
      title: 'CUDA out of memory',
      description: `the trainer ran out of GPU memory (${id})`,
      category: 'resource_exhaustion',
      contributing_factor: 'unknown',
      severity: 'high',
      confidence: 0.9,
      evidence: { line: `torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate ${id} MiB` },
      suggested_action: 'lower the batch size',
    }),
  ],
});
const log = (id: string): LogRecord => ({
  kind: 'log',
  log_id: id,
  org_id: 'acme',
  timestamp: new Date().toISOString(),
  experiment_type: 'training',
  error_message: `torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate ${id} MiB`,
  logs: `epoch 1\nstep 10 loss 0.5\n${'x'.repeat(200)}\nTraceback (most recent call last): ${id}`,
});

/** Everything a user reads back: the analyses, the logs and the findings, by subject. */
async function readBack(store: Store, ids: string[]) {
  const out: unknown[] = [];
  for (const id of ids) {
    out.push(await store.getAnalysis('acme', 'log', id));
  }
  out.push(
    await store.rows(`SELECT log_id, error_message, logs, code_snippet FROM faultline.logs FINAL ORDER BY log_id`),
    await store.rows(
      `SELECT subject_id, code, category, severity, confidence FROM faultline.findings FINAL ORDER BY subject_id, code`,
    ),
  );
  return out;
}

/** Whether the active parts of `table` that a merge wrote (level > 0 after OPTIMIZE) hold statistics. */
async function mergedPartsWithStatistics(store: Store, table: string): Promise<{ merged: number; withStatistics: number }> {
  await store.client.command({ query: `OPTIMIZE TABLE faultline.${table} FINAL` });
  const parts = await store.rows<{ path: string }>(
    `SELECT path FROM system.parts WHERE database = 'faultline' AND table = {table:String} AND active`,
    { table },
  );
  return { merged: parts.length, withStatistics: parts.filter((p) => existsSync(join(p.path, 'statistics.packed'))).length };
}

const setting = async (store: Store, table: string, name: string) =>
  new RegExp(`\\b${name} = ([^,]+)`).exec(
    (
      await store.rows<{ engine_full: string }>(
        `SELECT engine_full FROM system.tables WHERE database = 'faultline' AND name = {table:String}`,
        { table },
      )
    )[0]?.engine_full ?? '',
  )?.[1];

t.test('a store filled by 0017 reads the same after 0018; merged parts then carry no statistics', async (t) => {
  const dir = join(root, 'a');
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate('0017_one_tags_rollup.sql')).at(-1), '0017_one_tags_rollup.sql');
  const ids = ['l1', 'l2', 'l3'];
  for (const id of ids) {
    await old.saveLogs([log(id)]);
    await old.writeAnalyses([{ analysis: analysis(id), occurredAt: new Date().toISOString() }]);
  }
  const before = await readBack(old, ids);
  t.equal((before[0] as { analysis: Analysis }).analysis.subject_id, 'l1', 'positive control: the analysis is stored');
  t.same(
    await mergedPartsWithStatistics(old, 'analyses'),
    { merged: 1, withStatistics: 1 },
    'positive control: under 0017 a merged analyses part holds column statistics',
  );
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  t.same(await readBack(store, ids), before, 'the analyses, logs and findings read the same after the migration');

  for (const id of ['l4', 'l5']) {
    await store.saveLogs([log(id)]);
    await store.writeAnalyses([{ analysis: analysis(id), occurredAt: new Date().toISOString() }]);
  }
  const all = await readBack(store, [...ids, 'l4', 'l5']);
  t.same(all.slice(0, 3), before.slice(0, 3), 'the old analyses unchanged beside the new');
  t.equal((all[4] as { analysis: Analysis }).analysis.findings[0]?.code, 'cuda_oom', 'a new analysis reads back');
  for (const table of ['analyses', 'logs', 'findings', 'run_dims', 'rollup_hourly'])
    t.same((await mergedPartsWithStatistics(store, table)).withStatistics, 0, `a merged ${table} part holds no statistics`);
  t.same(
    await readBack(store, [...ids, 'l4', 'l5']),
    all,
    'old and new rows read the same once merged (ZSTD(3) and ZSTD(1) parts together)',
  );

  const codecs = await store.rows<{ c: string }>(
    `SELECT concat(table, '.', name, ' ', compression_codec) AS c FROM system.columns
     WHERE database = 'faultline' AND compression_codec != '' ORDER BY c`,
  );
  t.same(
    codecs.map((r) => r.c),
    [
      'analyses.findings CODEC(ZSTD(1))',
      'analyses.llm CODEC(ZSTD(1))',
      'analyses.pattern CODEC(ZSTD(1))',
      'episodes.metadata CODEC(ZSTD(1))',
      'llm_cache.answer CODEC(ZSTD(1))',
      'logs.code_snippet CODEC(ZSTD(1))',
      'logs.error_message CODEC(ZSTD(1))',
      'logs.logs CODEC(ZSTD(1))',
      'traces.payload CODEC(ZSTD(1))',
    ],
    'the large text columns are written with ZSTD(1)',
  );
  const [llm] = await store.rows<{ default_expression: string; type: string }>(
    `SELECT default_expression, type FROM system.columns WHERE database = 'faultline' AND table = 'analyses' AND name = 'llm'`,
  );
  t.same(llm, { default_expression: "''", type: 'String' }, "analyses.llm keeps its type and its default ''");
  for (const table of ['analyses', 'logs', 'traces', 'episodes', 'findings', 'run_dims', 'audit_log'])
    t.equal(await setting(store, table, 'merge_selector_base'), '10', `${table} merges with base 10`);
  for (const table of ['failure_list', 'rollup_hourly', 'tags_rollup_hourly', 'fingerprint_groups'])
    t.equal(await setting(store, table, 'merge_selector_base'), undefined, `${table} (a dashboard's) keeps the default`);

  for (const statement of migrationStatements('0018_cheaper_writes.sql', 'faultline', undefined))
    await store.client.command({ query: statement });
  t.same(await readBack(store, [...ids, 'l4', 'l5']), all, 'the migration run again changes nothing read');
});

t.test("the CLI's temporary store still merges with base 25 everywhere", async (t) => {
  const store = await Store.open({ dataDir: join(root, 'b'), mergeSelectorBase: 25 });
  t.teardown(() => store.close());
  for (const table of ['analyses', 'logs', 'failure_list'])
    t.equal(await setting(store, table, 'merge_selector_base'), '25', `${table} merges with base 25`);
});

t.test('a MODIFY SETTING is told apart, so a server without the setting skips it', async (t) => {
  const statements = migrationStatements('0018_cheaper_writes.sql', 'faultline', undefined);
  t.same(
    [...new Set(statements.map(modifiedSetting))],
    ['auto_statistics_types', undefined, 'merge_selector_base'],
    'each ALTER … MODIFY SETTING names its setting, the codec changes none',
  );
  t.equal(
    modifiedSetting("ALTER TABLE faultline.logs ON CLUSTER prod MODIFY SETTING auto_statistics_types = ''"),
    'auto_statistics_types',
    'on a cluster too',
  );
  t.equal(modifiedSetting('CREATE TABLE faultline.x (a UInt8) ENGINE = MergeTree ORDER BY a SETTINGS a = 1'), undefined);
});

t.test('cluster DDL of 0018: every statement ON CLUSTER', async (t) => {
  clusterDdlHolds(t, '0018_cheaper_writes.sql', { exactly: 40 }, /never/);
});
