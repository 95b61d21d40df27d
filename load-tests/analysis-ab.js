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
import { abArgs, bestAndMedian, cpuOf, inTurn, traceAndLogRecords } from './lib/ab.js';

const { roots, records, rounds } = abArgs('analysis-ab.js');
const builds = [];
for (const root of roots) {
  const core = await import(`${root}/packages/core/dist/src/index.js`);
  builds.push({ root, core, cpu: [], texts: traceAndLogRecords(core, records) });
}
for (let round = 0; round < rounds; round++) {
  for (const b of inTurn(builds, round)) {
    const { analyzeTrace, analyzeLog } = b.core;
    const cpu = cpuOf(() => {
      for (const r of b.texts) r.kind === 'trace' ? analyzeTrace(r) : analyzeLog(r);
    });
    b.cpu.push(cpu / b.texts.length);
  }
}
for (const b of builds) {
  const { best, median, measured } = bestAndMedian(b.cpu);
  console.log(
    `${b.root}: ${b.texts.length} trace/log records; best ${best.toFixed(1)}, median ${median.toFixed(1)} CPU-µs/record (rounds: ${measured.map((x) => x.toFixed(0)).join(' ')})`,
  );
}
