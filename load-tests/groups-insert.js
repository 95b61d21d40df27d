#!/usr/bin/env node
/**
 * `node load-tests/groups-insert.js [--analyses 5000] [--rounds 3] [--batch 500] [--views a_mv,b_mv]` (after `npx tsc -b`):
 * what the failure groups cost every analyses insert. Two databases of one embedded store,
 * migrated the same way; in one, the materialized view of migration 0008 that is still its own (fingerprint_groups_mv;
 * groups_hourly's rows are written by 0013's rollup_hourly_mv with the other hourly counts) is dropped (`--views` names others to drop instead, e.g. `failure_list_mv` of migration 0011). Alternating rounds write `--analyses` first-seen failed analyses (one finding each,
 * 200 fingerprints) through the store's writer (`writeAnalyses`, what the analyzer calls: a read of
 * the previous analyses, then the findings and analyses inserts that feed every view) in batches of
 * `--batch`, and print analyses per second per store and the ratio with / without the views.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYZER_VERSION, finding } from '../packages/core/dist/src/index.js';
import { Store } from '../packages/store/dist/src/index.js';

const { values } = parseArgs({
  options: {
    analyses: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '500' },
    views: { type: 'string', default: 'fingerprint_groups_mv' },
  },
});
const N = Number(values.analyses);
const ROUNDS = Number(values.rounds);
const BATCH = Number(values.batch);

// One data directory (chdb holds one per process), two databases.
const dir = mkdtempSync(join(tmpdir(), 'faultline-groups-insert-'));
const withViews = await Store.open({ dataDir: dir, database: 'with_views' });
const without = await Store.open({ dataDir: dir, database: 'without_views' });
const VIEWS = values.views.split(',').filter(Boolean);
for (const view of VIEWS) await without.client.command({ query: `DROP VIEW ${without.database}.${view}` });

let next = 0;
function analyses(n) {
  const now = Date.now();
  return Array.from({ length: n }, () => {
    const i = next++;
    const fp = (i % 200).toString(16).padStart(16, '0');
    return {
      analysis: {
        subject_kind: 'episode',
        subject_id: `ep-${i}`,
        org_id: 'fleet',
        analyzer_version: ANALYZER_VERSION,
        analyzed_at: new Date(now).toISOString(),
        fingerprint: fp,
        signature: `battery_low|battery at <n>% (${fp})`,
        source: 'heuristic',
        findings: [
          finding({
            code: 'battery_low',
            title: 'Battery low',
            description: `battery at ${i % 15}%`,
            category: 'hardware_fault',
            contributing_factor: 'battery',
            severity: 'high',
            confidence: 0.9,
            evidence: {},
            suggested_action: 'charge',
          }),
        ],
      },
      occurredAt: new Date(now - (i % 720) * 3_600_000).toISOString(),
      robotId: `robot-${i % 1000}`,
    };
  });
}

async function round(store) {
  const t0 = performance.now();
  for (let done = 0; done < N; done += BATCH) await store.writeAnalyses(analyses(Math.min(BATCH, N - done)));
  return N / ((performance.now() - t0) / 1000);
}

try {
  const rates = { with: [], without: [] };
  await round(withViews); // warm-up
  await round(without);
  for (let r = 0; r < ROUNDS; r++) {
    rates.with.push(await round(withViews));
    rates.without.push(await round(without));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const w = Math.round(median(rates.with));
  const wo = Math.round(median(rates.without));
  console.log(
    JSON.stringify({
      analyses_per_round: N,
      batch: BATCH,
      rounds: ROUNDS,
      views: VIEWS,
      with_views_per_s: w,
      without_views_per_s: wo,
    }),
  );
  console.log(
    `writeAnalyses, ${N} first-seen analyses per round (median of ${ROUNDS}): with ${VIEWS.join(', ')} ${w}/s, without ${wo}/s, ratio ${Math.round((w / wo) * 100) / 100}`,
  );
} finally {
  await withViews.close();
  await without.close();
  rmSync(dir, { recursive: true, force: true });
}
