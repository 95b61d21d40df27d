/**
 * Shared test setup: a real embedded store (chdb) in a fresh temporary directory and a real
 * one-worker analyzer pool. Invariant: both are closed and the directory removed at teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@faultline/store';
import t from 'tap';
import { AnalyzerPool } from '../src/index.js';

export async function openStoreAndPool(prefix: string): Promise<{ dir: string; store: Store; pool: AnalyzerPool }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = await Store.open({ dataDir: dir });
  const pool = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
  t.teardown(async () => {
    await pool.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, store, pool };
}
