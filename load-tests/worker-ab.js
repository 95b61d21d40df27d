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
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { records: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '12' } },
});
if (positionals.length !== 2) {
  console.error('usage: node load-tests/worker-ab.js CHECKOUT_A CHECKOUT_B [--records N] [--rounds R]');
  process.exit(2);
}
const builds = [];
for (const dir of positionals) {
  const root = resolve(dir);
  builds.push({
    root,
    core: await import(`${root}/packages/core/dist/src/index.js`),
    worker: await import(`${root}/services/analyzer/dist/src/worker.js`),
    tasks: [],
    analyses: [],
    task: [],
    validation: [],
  });
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
    if (!v.ok || (v.record.kind !== 'trace' && v.record.kind !== 'log')) continue;
    b.tasks.push({ id: b.tasks.length, kind: v.record.kind, record: v.record });
    b.analyses.push(v.record.kind === 'trace' ? b.core.analyzeTrace(v.record) : b.core.analyzeLog(v.record));
  }
}
const cpu = (fn) => {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return d.user + d.system;
};
for (let round = 0; round < Number(values.rounds); round++) {
  for (const b of round % 2 ? [...builds].reverse() : builds) {
    b.task.push(
      cpu(() => {
        for (const t of b.tasks) b.worker.runTask(t, 30_000);
      }) / b.tasks.length,
    );
    b.validation.push(
      cpu(() => {
        for (const a of b.analyses) b.core.validateAnalysis(a);
      }) / b.analyses.length,
    );
  }
}
const summary = (xs) => {
  const measured = xs.slice(2);
  const sorted = [...measured].sort((x, y) => x - y);
  return `best ${sorted[0].toFixed(1)}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)}`;
};
for (const b of builds) {
  console.log(
    `${b.root}: ${b.tasks.length} trace/log tasks; runTask ${summary(b.task)} CPU-µs/task; validateAnalysis ${summary(b.validation)} CPU-µs/analysis`,
  );
}
