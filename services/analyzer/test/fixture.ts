/**
 * Shared test setup: a real embedded store (chdb) in a fresh temporary directory and a real
 * one-worker analyzer pool. Invariant: both are closed and the directory removed at teardown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@faultline/store';
import t from 'tap';
import { AnalyzerPool, type PipelineItem } from '../src/index.js';

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

/** Input lines of a batch, numbered from 1 as the CLI numbers a file's lines. */
export const items = (values: unknown[]): PipelineItem[] => values.map((value, i) => ({ line: i + 1, value }));

/** An acme episode record of `robot` with `status`, started 2026-11-01T10:00Z; `extra` fields added. */
export const episode = (id: string, robot: string, status: string, extra: Record<string, unknown> = {}) => ({
  kind: 'episode',
  episode_id: id,
  org_id: 'acme',
  robot_id: robot,
  source: 'live',
  status,
  started_at: '2026-11-01T10:00:00Z',
  ...extra,
});
