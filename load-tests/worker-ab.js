#!/usr/bin/env node
/**
 * `node load-tests/worker-ab.js CHECKOUT_A CHECKOUT_B [--records N] [--rounds R]`: what the analyzer
 * worker spends per trace/log task of the benchmark's mix — its `runTask` (deadline, analysis,
 * output validation) — and `validateAnalysis` alone, for two builds (two checkouts, each built
 * with `npx tsc -b`) loaded in one process and run alternately round by round (A B, then B A…),
 * so both meet the same load on a shared machine. Prints per build the best and the median of the
 * rounds after two warm-up rounds, in CPU µs (process.cpuUsage: only this thread runs). The
 * worker-side companion of load-tests/analysis-ab.js (issue 18).
 */
import { abArgs, bestAndMedian, cpuOf, inTurn, traceAndLogRecords } from './lib/ab.js';

const { roots, records, rounds } = abArgs('worker-ab.js');
const builds = [];
for (const root of roots) {
  const core = await import(`${root}/packages/core/dist/src/index.js`);
  const texts = traceAndLogRecords(core, records);
  builds.push({
    root,
    core,
    worker: await import(`${root}/services/analyzer/dist/src/worker.js`),
    tasks: texts.map((record, id) => ({ id, kind: record.kind, record })),
    analyses: texts.map((r) => (r.kind === 'trace' ? core.analyzeTrace(r) : core.analyzeLog(r))),
    task: [],
    validation: [],
  });
}
for (let round = 0; round < rounds; round++) {
  for (const b of inTurn(builds, round)) {
    const task = cpuOf(() => {
      for (const t of b.tasks) b.worker.runTask(t, 30_000);
    });
    const validation = cpuOf(() => {
      for (const a of b.analyses) b.core.validateAnalysis(a);
    });
    b.task.push(task / b.tasks.length);
    b.validation.push(validation / b.analyses.length);
  }
}
const summary = (xs) => {
  const { best, median } = bestAndMedian(xs);
  return `best ${best.toFixed(1)}, median ${median.toFixed(1)}`;
};
for (const b of builds) {
  console.log(
    `${b.root}: ${b.tasks.length} trace/log tasks; runTask ${summary(b.task)} CPU-µs/task; validateAnalysis ${summary(b.validation)} CPU-µs/analysis`,
  );
}
