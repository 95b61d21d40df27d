/** The CLI's temporary store (made when neither --data-dir nor --clickhouse-url is given) merges less. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@faultline/store';
import t from 'tap';
import { TEMP_STORE_MERGE_SELECTOR_BASE } from '../src/analyze.js';

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
