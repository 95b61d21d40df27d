/**
 * The store's inserts for N of the benchmark's mixed records, captured as the pipeline makes them:
 * a throwaway store (under the OS temp dir) whose `insert` records `{ table, values }` for every
 * non-empty insert while the records go through the real pipeline (one analyzer worker, batches of
 * 1,000), then the store's own `insert` is put back. The rows are the pipeline's own (same columns,
 * same redaction), so replaying them measures the store's share of a record. Shared by
 * insert-format.js and json-columns.js; `done()` closes the store and removes its directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../packages/store/dist/src/index.js';
import { AnalyzerPool, Pipeline } from '../../services/analyzer/dist/src/index.js';
import { mixedRecords } from '../mixed-records.js';

export async function captureInserts(records, prefix) {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const store = await Store.open({ dataDir: join(dir, 'a') });
  const captured = [];
  const storeInsert = store.insert.bind(store);
  store.insert = (table, values) => {
    if (values.length) captured.push({ table, values });
    return storeInsert(table, values);
  };
  const pool = new AnalyzerPool({ workers: 1, budgetMs: 10000 });
  const pipeline = new Pipeline({ store, pool, budgetMs: 10000 });
  await feedMixedRecords(pipeline, records);
  await pool.close();
  store.insert = storeInsert;
  const done = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, captured, done };
}

/** Puts N of the benchmark's mixed records through `pipeline` in batches of 1,000; `beforeBatch` is called before each. */
export async function feedMixedRecords(pipeline, records, beforeBatch = () => {}) {
  const lines = [...mixedRecords(records)];
  for (let i = 0; i < lines.length; i += 1000) {
    beforeBatch();
    await pipeline.processBatch(
      lines.slice(i, i + 1000).map((l, j) => {
        try {
          return { line: i + j + 1, value: JSON.parse(l) };
        } catch {
          return { line: i + j + 1, parseError: 'x' };
        }
      }),
    );
  }
}
