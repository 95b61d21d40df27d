/**
 * What the A/B benchmarks (analysis-ab.js, worker-ab.js) share: two checkouts named on the command
 * line, each loaded in this one process and run alternately round by round; the benchmark mix's
 * trace/log records as each build's own validateRecord reads them; CPU time of this thread.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mixedRecords } from '../mixed-records.js';

/** The two checkouts (absolute) and --records/--rounds, or the usage and exit 2. */
export function abArgs(script) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { records: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '12' } },
  });
  if (positionals.length !== 2) {
    console.error(`usage: node load-tests/${script} CHECKOUT_A CHECKOUT_B [--records N] [--rounds R]`);
    process.exit(2);
  }
  return { roots: positionals.map((dir) => resolve(dir)), records: Number(values.records), rounds: Number(values.rounds) };
}

/** The mix's first `n` lines' valid trace and log records, as `core` (one build's @faultline/core) validates them. */
export function traceAndLogRecords(core, n) {
  const out = [];
  for (const line of mixedRecords(n)) {
    let value;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // the mix's deliberately malformed lines
    }
    const v = core.validateRecord(value);
    if (v.ok && (v.record.kind === 'trace' || v.record.kind === 'log')) out.push(v.record);
  }
  return out;
}

/** User + system CPU µs of this thread while `fn` runs. */
export function cpuOf(fn) {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return d.user + d.system;
}

/** Builds in the order of round `round`: A B, then B A, … (both meet the same load). */
export function inTurn(builds, round) {
  return round % 2 ? [...builds].reverse() : builds;
}

/** The rounds after the two warm-up rounds, as their best and median. */
export function bestAndMedian(xs) {
  const sorted = xs.slice(2).sort((x, y) => x - y);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)], measured: xs.slice(2) };
}
