#!/usr/bin/env node
/**
 * `node load-tests/statement-replay.js [--records N] [--rounds R] [--dir DIR]`: where ClickHouse's
 * CPU goes, per statement. Every statement the pipeline makes for N (default 5,000) of the
 * benchmark's mixed records — each `Store.insert` and each read (`Store.rows`, through which every
 * read of the pipeline goes) — is captured in order on a throwaway store opened as the CLI opens
 * its temporary store, then replayed in the same order, one at a time, into a fresh store opened
 * the same way (same database name, so the reads' SQL applies as captured), R times (default 3). Prints per statement kind (an insert by table, a read by the
 * first table it reads) the process's CPU per record (chdb's threads and the main thread's encoding
 * of the rows included) and per statement, and the total. `--dir` puts the stores under DIR
 * (e.g. /dev/shm) instead of the OS temp dir. `--service-store` opens both stores as the service
 * and the Kafka analyzer open theirs (every table written, the rollups' views kept) instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TEMP_STORE_OPTIONS } from '../apps/faultline/dist/src/analyze.js';
import { Store } from '../packages/store/dist/src/index.js';
import { AnalyzerPool, Pipeline } from '../services/analyzer/dist/src/index.js';
import { feedMixedRecords } from './lib/captured-inserts.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    dir: { type: 'string', default: tmpdir() },
    'service-store': { type: 'boolean', default: false },
  },
});
const n = Number(args.records);
const rounds = Number(args.rounds);
const dir = mkdtempSync(join(args.dir, 'statement-replay-'));
// --service-store: both stores opened as the service and the Kafka analyzer open theirs (every table, every view).
const storeOptions = args['service-store'] ? {} : TEMP_STORE_OPTIONS;

/** The statements of the pipeline, in order: `{ label, run(store) }`. */
const statements = [];
const capture = await Store.open({ dataDir: join(dir, 'capture'), ...storeOptions });
const insert = capture.insert.bind(capture);
const rows = capture.rows.bind(capture);
capture.insert = (table, values) => {
  if (values.length) statements.push({ label: `insert ${table}`, run: (s) => s.insert(table, structuredClone(values)) });
  return insert(table, values);
};
capture.rows = (query, params = {}) => {
  const table = /\bFROM\s+(?:[\w`"]+\.)?[`"]?(\w+)/i.exec(query)?.[1] ?? '?';
  const kept = structuredClone(params);
  statements.push({ label: `read ${table}`, run: (s) => s.rows(query, kept) });
  return rows(query, params);
};
const pool = new AnalyzerPool({ workers: 1, budgetMs: 10000 });
await feedMixedRecords(new Pipeline({ store: capture, pool, budgetMs: 10000 }), n);
await pool.close();
await capture.close();
console.log(`captured ${statements.length} statements for ${n} records`);

const byLabel = new Map();
for (let round = 1; round <= rounds; round++) {
  const store = await Store.open({ dataDir: join(dir, `replay-${round}`), ...storeOptions });
  let total = 0;
  for (const st of statements) {
    // One statement at a time: the process's CPU around its await is the statement's.
    const c0 = process.cpuUsage();
    await st.run(store);
    const c = process.cpuUsage(c0);
    const us = c.user + c.system;
    total += us;
    const e = byLabel.get(st.label) ?? { count: 0, us: [] };
    if (round === 1) e.count++;
    e.us[round - 1] = (e.us[round - 1] ?? 0) + us;
    byLabel.set(st.label, e);
  }
  await store.close();
  console.log(`round ${round}: all statements ${(total / n).toFixed(0)} CPU-µs per record`);
}
console.log('statement kind: statements, CPU-µs per record by round, CPU-ms per statement by round');
for (const [label, e] of [...byLabel].sort((a, b) => b[1].us[0] - a[1].us[0]))
  console.log(
    `  ${label.padEnd(34)} ${String(e.count).padStart(3)}  ${e.us.map((us) => (us / n).toFixed(1)).join(' / ')}  ${e.us.map((us) => (us / e.count / 1000).toFixed(1)).join(' / ')}`,
  );
rmSync(dir, { recursive: true, force: true });
