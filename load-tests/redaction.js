#!/usr/bin/env node
/**
 * `node load-tests/redaction.js [--records N]`: what redaction at the entry point costs per
 * record on the benchmarks' mixed records (load-tests/mixed-records.js): validateRecord (schema,
 * limits, well-formed text, redaction) and redactRecord alone, next to a raw baseline on the
 * same records in the same run (JSON.parse + JSON.stringify), as µs per record and ratios.
 */
import { parseArgs } from 'node:util';
import { redactRecord, validateRecord } from '../packages/core/dist/src/index.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({ options: { records: { type: 'string', default: '20000' } } });
const records = [];
for (const line of mixedRecords(Number(values.records))) {
  try {
    records.push(JSON.parse(line));
  } catch {
    // the mix holds deliberately malformed lines: not records
  }
}
const texts = records.map((r) => JSON.stringify(r));
const mb = texts.reduce((a, t) => a + t.length, 0) / 1e6;

const perRecord = (fn) => {
  const t0 = performance.now();
  for (let i = 0; i < records.length; i++) fn(i);
  return (1000 * (performance.now() - t0)) / records.length;
};
let best = { raw: Infinity, validate: Infinity, redact: Infinity };
for (let round = 0; round < 5; round++) {
  const raw = perRecord((i) => JSON.stringify(JSON.parse(texts[i])));
  const validate = perRecord((i) => validateRecord(records[i]));
  const redact = perRecord((i) => redactRecord(records[i]));
  best = { raw: Math.min(best.raw, raw), validate: Math.min(best.validate, validate), redact: Math.min(best.redact, redact) };
}
console.log(`${records.length} records, ${mb.toFixed(1)} MB (best of 5 rounds)`);
console.log(`raw JSON.parse + JSON.stringify: ${best.raw.toFixed(1)} µs/record`);
console.log(
  `validateRecord (incl. redaction): ${best.validate.toFixed(1)} µs/record (${(best.validate / best.raw).toFixed(1)}x raw)`,
);
console.log(
  `redactRecord alone:               ${best.redact.toFixed(1)} µs/record (${(best.redact / best.raw).toFixed(1)}x raw)`,
);
