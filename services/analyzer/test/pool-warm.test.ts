/**
 * A fresh analyzer pool's first records are charged their own analysis only: the library's
 * start-up (its patterns, readers and second opinion, built on first use: ~3 s on a quiet
 * machine, more under load) happens when a worker thread loads, before any record's deadline
 * or the pool's watchdog starts. Before this, a service's first records after a start could
 * come back timed_out under load.
 */
import { CONTRACT_EXAMPLES } from '@faultline/core';
import t from 'tap';
import { AnalyzerPool } from '../src/index.js';

/** Far above a warm analysis of these small records (milliseconds), far below the library's start-up. */
const BUDGET_MS = 400;

t.test("a fresh pool's first records are analyzed within a budget shorter than the library's start-up", async (t) => {
  const pool = new AnalyzerPool({ workers: 2, budgetMs: BUDGET_MS, graceMs: 100 });
  t.teardown(() => pool.close());
  const results = await pool.run([
    { id: 1, kind: 'log', record: CONTRACT_EXAMPLES.log },
    { id: 2, kind: 'trace', record: CONTRACT_EXAMPLES.trace },
  ]);
  for (const r of results) {
    t.equal(r.status, 'analyzed', `record ${r.id}: ${r.status}${'error' in r ? ` (${r.error})` : ''}`);
    t.ok(r.durationMs < BUDGET_MS, `record ${r.id}: ${Math.round(r.durationMs)} ms of its ${BUDGET_MS} ms budget`);
  }
});
