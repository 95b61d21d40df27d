/** The CLI's temporary store (made when neither --data-dir nor --clickhouse-url is given) merges less and keeps no rollups. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyzerPool, Pipeline, type PipelineItem } from '@faultline/analyzer';
import { analyzeTrace } from '@faultline/core';
import { Store } from '@faultline/store';
import t from 'tap';
import { TEMP_STORE_MERGE_SELECTOR_BASE, TEMP_STORE_OPTIONS } from '../src/analyze.js';

t.test(
  "every MergeTree table of a store opened with mergeSelectorBase (the CLI's temporary store) merges with the larger base",
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-temp-store-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const settings = (of: Store) =>
      of.rows<{ name: string; create_table_query: string }>(
        `SELECT name, create_table_query FROM system.tables WHERE database = {db:String} AND engine LIKE '%MergeTree' ORDER BY name`,
        { db: of.database },
      );
    const merging = (rows: { create_table_query: string }[]) =>
      rows.filter((r) => r.create_table_query.includes(`merge_selector_base = ${TEMP_STORE_MERGE_SELECTOR_BASE}`)).length;
    // chdb holds one data directory per process: the plain store is closed before the other opens.
    const plain = await Store.open({ dataDir: join(dir, 'plain') });
    const before = await settings(plain).finally(() => plain.close());
    t.ok(before.length >= 15, `the store's MergeTree tables (${before.length})`);
    t.equal(merging(before), 0, 'a store opened as such keeps the default');
    const store = await Store.open({ dataDir: join(dir, 'temp'), mergeSelectorBase: TEMP_STORE_MERGE_SELECTOR_BASE });
    t.teardown(() => store.close());
    const after = await settings(store);
    t.equal(after.length, before.length, 'the same tables');
    t.equal(
      merging(after),
      after.length,
      'opened with mergeSelectorBase (as the CLI opens its temporary store), every table has it',
    );
    const analyses = await store.rows<{ value: string }>(`SELECT count() AS value FROM ${store.t('analyses')} FINAL`);
    t.equal(Number(analyses[0]?.value), 0, 'the tables are still readable');
  },
);

t.test("the CLI's temporary store keeps no rollups: analyses are stored and read back, no view runs", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-temp-rollups-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const trace = {
    kind: 'trace' as const,
    trace_id: 'tr-rollups',
    org_id: 'acme',
    service: 'support-agent',
    timestamp: '2026-11-01T10:00:00Z',
    spans: [{ span_id: 's0', parent_span_id: null, name: 'llm.chat', status: { code: 'ERROR', message: 'rate limited' } }],
  };
  const analysis = analyzeTrace(trace);
  const row = { analysis, occurredAt: trace.timestamp, service: trace.service, tags: { site: 'lab' } };
  const views = (of: Store) =>
    of.rows<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = {db:String} AND engine = 'MaterializedView' ORDER BY name`,
      { db: of.database },
    );
  const count = async (of: Store, table: string) =>
    Number((await of.rows<{ n: string }>(`SELECT count() AS n FROM ${of.t(table)}`))[0]?.n);
  const rollups = ['failure_list', 'rollup_hourly', 'fingerprint_groups', 'tags_rollup_hourly'];
  const fill = async (of: Store) => {
    await of.writeAnalyses([row]);
    await of.writeRunDims([], [row]);
    const stored = await of.getAnalysis('acme', 'trace', 'tr-rollups');
    const filled: Record<string, number> = {};
    for (const table of rollups) filled[table] = await count(of, table);
    return { views: (await views(of)).length, stored: stored?.analysis.fingerprint, dims: await count(of, 'run_dims'), filled };
  };

  // chdb holds one data directory per process: one store at a time.
  const plain = await Store.open({ dataDir: join(dir, 'plain') });
  const full = await fill(plain).finally(() => plain.close());
  t.equal(full.views, 4, 'a store opened as such keeps its four materialized views');
  t.ok(
    rollups.every((table) => (full.filled[table] ?? 0) > 0),
    `and its rollups fill (${JSON.stringify(full.filled)})`,
  );

  const temp = await Store.open({ dataDir: join(dir, 'temp'), ...TEMP_STORE_OPTIONS });
  t.teardown(() => temp.close());
  const got = await fill(temp);
  t.equal(got.views, 0, 'opened as the CLI opens its temporary store: no materialized view');
  t.equal(got.stored, analysis.fingerprint, 'the analysis is stored and read back');
  t.equal(got.dims, 0, 'no dimensions row is written (derivedTables: false, the next test)');
  t.same(got.filled, Object.fromEntries(rollups.map((r) => [r, 0])), 'no rollup is written');
  const again = await temp.getAnalysis('acme', 'trace', 'tr-rollups');
  await temp.writeAnalyses([{ ...row, analysis: { ...analysis, analyzed_at: new Date().toISOString() } }]);
  t.equal(
    (await temp.getAnalysis('acme', 'trace', 'tr-rollups'))?.occurredAt,
    again?.occurredAt,
    'a re-analysis keeps its first date (the previous analysis is read as before)',
  );
});

t.test(
  "the CLI's temporary store writes the records and the analyses, none of the tables only the dashboards, the API and the audit read",
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-temp-derived-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const items: PipelineItem[] = [
      {
        line: 1,
        value: {
          kind: 'trace',
          trace_id: 'tr-derived',
          org_id: 'acme',
          service: 'support-agent',
          timestamp: '2026-11-01T10:00:00Z',
          spans: [{ span_id: 's0', parent_span_id: null, name: 'llm.chat', status: { code: 'ERROR', message: 'rate limited' } }],
        },
      },
      {
        line: 2,
        value: {
          kind: 'log',
          log_id: 'log-derived',
          org_id: 'acme',
          experiment_type: 'training',
          timestamp: '2026-11-01T10:01:00Z',
          error_message: 'RuntimeError: CUDA out of memory',
          logs: 'Traceback (most recent call last):\n  File "train.py", line 3\nRuntimeError: CUDA out of memory',
        },
      },
      { line: 3, value: { kind: 'trace', org_id: 'acme' } },
    ];
    const tables = ['traces', 'logs', 'analyses', 'findings', 'run_dims', 'audit_log', 'analysis_errors'];
    const run = async (of: Store) => {
      const pool = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
      try {
        const results = await new Pipeline({ store: of, pool, budgetMs: 10_000 }).processBatch(items);
        const rows: Record<string, number> = {};
        for (const table of tables)
          rows[table] = Number((await of.rows<{ n: string }>(`SELECT count() AS n FROM ${of.t(table)}`))[0]?.n);
        return { statuses: results.map((r) => r.status), rows };
      } finally {
        await pool.close();
      }
    };

    // chdb holds one data directory per process: one store at a time.
    const plain = await Store.open({ dataDir: join(dir, 'plain') });
    const full = await run(plain).finally(() => plain.close());
    t.same(full.statuses, ['analyzed', 'analyzed', 'rejected'], 'two records analyzed, one rejected');
    t.ok(
      tables.every((table) => (full.rows[table] ?? 0) > 0),
      `a store opened as such has rows in every table (${JSON.stringify(full.rows)})`,
    );

    const temp = await Store.open({ dataDir: join(dir, 'temp'), ...TEMP_STORE_OPTIONS });
    t.teardown(() => temp.close());
    const got = await run(temp);
    t.same(got.statuses, full.statuses, 'the same outcomes on the temporary store');
    t.same(
      got.rows,
      { traces: 1, logs: 1, analyses: 2, findings: 0, run_dims: 0, audit_log: 0, analysis_errors: 0 },
      'opened as the CLI opens its temporary store: the records and their analyses, nothing else',
    );
    t.equal(
      (await temp.getAnalysis('acme', 'log', 'log-derived'))?.analysis.subject_id,
      'log-derived',
      'the analysis is read back',
    );
  },
);
