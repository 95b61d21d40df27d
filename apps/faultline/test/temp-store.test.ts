/** The CLI's temporary store (made when neither --data-dir nor --clickhouse-url is given) merges less and keeps no rollups. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

t.test(
  "the CLI's temporary store keeps no rollups: analyses and dimensions are stored and read back, no view runs",
  async (t) => {
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
    t.equal(got.dims, 1, 'the dimensions row is stored');
    t.same(got.filled, Object.fromEntries(rollups.map((r) => [r, 0])), 'no rollup is written');
    const again = await temp.getAnalysis('acme', 'trace', 'tr-rollups');
    await temp.writeAnalyses([{ ...row, analysis: { ...analysis, analyzed_at: new Date().toISOString() } }]);
    t.equal(
      (await temp.getAnalysis('acme', 'trace', 'tr-rollups'))?.occurredAt,
      again?.occurredAt,
      'a re-analysis keeps its first date (the previous analysis is read as before)',
    );
  },
);
