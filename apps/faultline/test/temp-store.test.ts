/** The CLI's temporary store (made when neither --data-dir nor --clickhouse-url is given) merges less. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@faultline/store';
import t from 'tap';
import { mergeLess, TEMP_STORE_MERGE_SELECTOR_BASE } from '../src/analyze.js';

t.test('every MergeTree table of the temporary store merges with the larger selector base', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-temp-store-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const settings = () =>
    store.rows<{ name: string; create_table_query: string }>(
      `SELECT name, create_table_query FROM system.tables WHERE database = {db:String} AND engine LIKE '%MergeTree' ORDER BY name`,
      { db: store.database },
    );
  const merging = (rows: { create_table_query: string }[]) =>
    rows.filter((r) => r.create_table_query.includes(`merge_selector_base = ${TEMP_STORE_MERGE_SELECTOR_BASE}`)).length;
  const before = await settings();
  t.ok(before.length >= 15, `the store's MergeTree tables (${before.length})`);
  t.equal(merging(before), 0, 'a store opened as such keeps the default');
  await mergeLess(store);
  const after = await settings();
  t.equal(merging(after), after.length, 'after mergeLess every table has it');
  const analyses = await store.rows<{ value: string }>(`SELECT count() AS value FROM ${store.t('analyses')} FINAL`);
  t.equal(Number(analyses[0]?.value), 0, 'the tables are still readable');
});
