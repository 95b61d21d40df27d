#!/usr/bin/env node
/**
 * `node load-tests/store-isolation.js [--records N] [--rounds R]` (after `npx tsc -b`): what it
 * costs to isolate one record ClickHouse refuses (a lone surrogate fed straight to the store,
 * bypassing validation) in a batch of N logs (default 500), against the embedded ClickHouse
 * (chdb): writes made and time, next to the same batch without the bad record in the same run.
 * Prints one JSON line per round and the median ratio (isolating / clean).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from '../packages/store/dist/src/index.js';
import { storeIsolated } from '../services/analyzer/dist/src/store-isolated.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '500' }, rounds: { type: 'string', default: '5' } },
});
const n = Number(values.records);
const rounds = Number(values.rounds);
const dir = mkdtempSync(join(tmpdir(), 'faultline-isolation-'));
const store = await Store.open({ dataDir: dir });

const logs = (tag, bad) =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'log',
    org_id: 'bench',
    log_id: `${tag}-${i}`,
    logs: `epoch ${i}\nRuntimeError: CUDA out of memory${i === bad ? ' \uD800' : ''}`,
  }));

async function run(tag, bad) {
  let writes = 0;
  const t0 = performance.now();
  const out = await storeIsolated(
    logs(tag, bad),
    async (rows) => {
      writes++;
      await store.saveLogs(rows);
    },
    { table: 'logs', probe: () => store.ping() },
  );
  return { ms: performance.now() - t0, writes, refused: out.status === 'isolated' ? out.refused.length : 0 };
}

await run('warm', -1);
const ratios = [];
for (let r = 0; r < rounds; r++) {
  const clean = await run(`clean${r}`, -1);
  const oneBad = await run(`bad${r}`, Math.floor(n * 0.37));
  ratios.push(oneBad.ms / clean.ms);
  console.log(
    JSON.stringify({
      records: n,
      clean: { ms: Math.round(clean.ms), writes: clean.writes },
      one_refused: { ms: Math.round(oneBad.ms), writes: oneBad.writes, refused: oneBad.refused },
    }),
  );
}
ratios.sort((a, b) => a - b);
console.log(`median time ratio, one refused record / clean batch: ${ratios[Math.floor(ratios.length / 2)].toFixed(1)}x`);
await store.close();
rmSync(dir, { recursive: true, force: true });
