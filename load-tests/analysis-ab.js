#!/usr/bin/env node
/**
 * `node load-tests/analysis-ab.js CHECKOUT_A CHECKOUT_B [--records N] [--rounds R]`: the CPU of
 * analyzeTrace/analyzeLog per trace/log record of the benchmark's mix for two builds (two
 * checkouts, each built with `npx tsc -b`), loaded in one process and run alternately round by
 * round (A B, then B A…) over the same records, so both meet the same load on a shared machine.
 * Prints per build the best and the median of the rounds after two warm-up rounds, in CPU µs per
 * record (process.cpuUsage: only this thread runs). Complements load-tests/analysis-cpu.js, whose
 * runs of two builds are minutes apart (issue 18: the analysis' CPU).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { records: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '12' } },
});
if (positionals.length !== 2) {
  console.error('usage: node load-tests/analysis-ab.js CHECKOUT_A CHECKOUT_B [--records N] [--rounds R]');
  process.exit(2);
}
const builds = [];
for (const dir of positionals) {
  const root = resolve(dir);
  builds.push({ root, core: await import(`${root}/packages/core/dist/src/index.js`), cpu: [], texts: [] });
}
const { mixedRecords } = await import('./mixed-records.js');
const lines = [...mixedRecords(Number(values.records))];
for (const b of builds) {
  for (const line of lines) {
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // the mix's deliberately malformed lines
    }
    const v = b.core.validateRecord(value);
    if (v.ok && (v.record.kind === 'trace' || v.record.kind === 'log')) b.texts.push(v.record);
  }
}
for (let round = 0; round < Number(values.rounds); round++) {
  for (const b of round % 2 ? [...builds].reverse() : builds) {
    const { analyzeTrace, analyzeLog } = b.core;
    const t0 = process.cpuUsage();
    for (const r of b.texts) r.kind === 'trace' ? analyzeTrace(r) : analyzeLog(r);
    const d = process.cpuUsage(t0);
    b.cpu.push((d.user + d.system) / b.texts.length);
  }
}
for (const b of builds) {
  const measured = b.cpu.slice(2);
  const sorted = [...measured].sort((x, y) => x - y);
  console.log(
    `${b.root}: ${b.texts.length} trace/log records; best ${sorted[0].toFixed(1)}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} CPU-µs/record (rounds: ${measured.map((x) => x.toFixed(0)).join(' ')})`,
  );
}
