#!/usr/bin/env node
/**
 * `node load-tests/package-messages.js [--records N] [--rounds R]`: the CPU the package-message
 * matcher (packages/core/src/patterns/parts/messages.ts) costs per record at most: every line of the
 * last 8,000 characters of each text record of the benchmark's mix (load-tests/mixed-records.js) goes
 * through `packageMatcher`, as if the structure tables were read for every record (they are read
 * only where no specific pattern answered). Beside it, in the same run, a raw baseline on the same
 * records (JSON.parse + JSON.stringify). Prints the best of R rounds as CPU µs per record and the
 * ratio to the baseline (issue 13: the tables must not slow the CLI by more than 10%).
 */
import { parseArgs } from 'node:util';
import { validateRecord } from '../packages/core/dist/src/index.js';
import { packageMatcher } from '../packages/core/dist/src/patterns/parts/messages.js';
import { PACKAGE_MESSAGES } from '../packages/core/dist/src/patterns/parts/tables/packages/index.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' } },
});
const texts = [];
const json = [];
for (const line of mixedRecords(Number(values.records))) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    continue; // the mix holds deliberately malformed lines: not records
  }
  const v = validateRecord(value);
  if (!v.ok) continue;
  if (v.record.kind === 'log') texts.push(v.record.logs);
  else if (v.record.kind === 'trace') texts.push(JSON.stringify(v.record.spans));
  else continue;
  json.push(line);
}
const lineSets = texts.map((t) =>
  t
    .slice(-8000)
    .split('\n')
    .map((text) => ({ text: text.slice(0, 2000) })),
);
const best = (work) => {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < Number(values.rounds); r++) {
    const c0 = process.cpuUsage();
    work();
    const c = process.cpuUsage(c0);
    min = Math.min(min, (c.user + c.system) / lineSets.length);
  }
  return min;
};
let hits = 0;
const matcher = best(() => {
  for (const lines of lineSets) {
    const messagesOf = packageMatcher(lines);
    for (const l of lines) hits += messagesOf(l.text).length;
  }
});
const raw = best(() => {
  for (const line of json) JSON.stringify(JSON.parse(line));
});
console.log(`${lineSets.length} text records, ${PACKAGE_MESSAGES.length} package messages; ${values.rounds} rounds`);
console.log(`raw JSON.parse + JSON.stringify: ${raw.toFixed(1)} CPU-µs/record (best)`);
console.log(
  `package matcher over every line read: ${matcher.toFixed(1)} CPU-µs/record (best), ${(matcher / raw).toFixed(2)}x raw`,
);
console.log(`messages found: ${hits / Number(values.rounds)} per round`);
