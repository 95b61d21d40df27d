#!/usr/bin/env node
/**
 * `node load-tests/analysis-cpu.js [--records N] [--rounds R]`: the CPU the analysis itself costs
 * per trace and log record, and redact() per text, with no pool and no store: the benchmark's
 * mixed records (load-tests/mixed-records.js), validated once, then analyzeTrace / analyzeLog on
 * every text record and redact() on every string of those records, and validateRecord (what the
 * pipeline's main thread does to every record as it enters), next to a raw baseline on the
 * same records in the same run (JSON.parse + JSON.stringify). Prints the best of R rounds as CPU
 * µs per record (process.cpuUsage: this thread only runs) and the ratio to the baseline, so two
 * builds can be compared side by side (issue 18: the prefilter and the redaction passes).
 * The redaction cache (texts a pass left unchanged) is cleared by nothing here: round 1 is the
 * cold figure, the best round the warm one; both are printed.
 */
import { parseArgs } from 'node:util';
import { analyzeLog, analyzeTrace, redact, validateRecord } from '../packages/core/dist/src/index.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } },
});
const parsed = [];
for (const line of mixedRecords(Number(values.records))) {
  try {
    parsed.push(JSON.parse(line));
  } catch {
    // the mix holds deliberately malformed lines: not records
  }
}
// Validation as records enter (schema, limits, redaction; the pipeline's main thread), first pass:
// every text is new to the redaction's memory of clean texts, as it is in the pipeline.
const texts = [];
const v0 = process.cpuUsage();
const validated = parsed.map((value) => validateRecord(value));
const v1 = process.cpuUsage(v0);
const validateCpu = (v1.user + v1.system) / parsed.length;
for (const v of validated) if (v.ok && (v.record.kind === 'trace' || v.record.kind === 'log')) texts.push(v.record);
const json = texts.map((r) => JSON.stringify(r));
const strings = [];
const collect = (v) => {
  if (typeof v === 'string') strings.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x);
};
for (const r of texts) collect(r);

/** CPU µs per item of `fn` over `n` items. */
function cpuPer(n, fn) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) fn(i);
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / n;
}

const rounds = [];
for (let round = 0; round < Number(values.rounds); round++) {
  rounds.push({
    raw: cpuPer(json.length, (i) => JSON.stringify(JSON.parse(json[i]))),
    analyze: cpuPer(texts.length, (i) => (texts[i].kind === 'trace' ? analyzeTrace(texts[i]) : analyzeLog(texts[i]))),
    redact: cpuPer(strings.length, (i) => redact(strings[i])),
  });
}
const best = (k) => Math.min(...rounds.map((r) => r[k]));
const first = rounds[0];
console.log(`${texts.length} trace/log records, ${strings.length} strings; ${rounds.length} rounds`);
console.log(`raw JSON.parse + JSON.stringify: ${best('raw').toFixed(1)} CPU-µs/record (best)`);
console.log(
  `validateRecord (schema, limits, redaction at entry), every record of the mix: ${validateCpu.toFixed(1)} CPU-µs/record (one pass, ${parsed.length} records)`,
);
console.log(
  `analyzeTrace/analyzeLog: ${best('analyze').toFixed(1)} CPU-µs/record best, ${first.analyze.toFixed(1)} first round (${(best('analyze') / best('raw')).toFixed(1)}x raw)`,
);
console.log(`redact(): ${best('redact').toFixed(2)} CPU-µs/string best, ${first.redact.toFixed(2)} first round (cold cache)`);
