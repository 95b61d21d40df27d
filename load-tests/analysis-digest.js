#!/usr/bin/env node
/**
 * The analysis-unchanged check of the throughput landings: every analysis of the accuracy sets
 * (test/accuracy cases, holdout, blind) and of N mixed benchmark records, with a fixed `now`, each
 * with its validateAnalysis answer, hashed (sha256) in order. Two builds that print the same digest
 * analyze every one of those records byte for byte the same.
 *
 *   node load-tests/analysis-digest.js [ROOT] [N]    ROOT: a built checkout (default: this one), N: 30000
 *
 * Prints the number of analyses, the digest, and a short digest per group (cases, holdout, blind, mixed).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const n = Number(process.argv[3] ?? 30000);
const core = await import(join(root, 'packages/core/dist/src/index.js'));
const { recordOf } = await import(join(root, 'test/accuracy/evaluate.js'));
const { mixedRecords } = await import(join(root, 'load-tests/mixed-records.js'));
const now = new Date('2026-12-01T00:00:00.000Z');
const all = createHash('sha256');
const per = {};
let count = 0;

function analyzeOne(value, group) {
  const v = core.validateRecord(value);
  if (!v.ok) {
    all.update(`invalid ${JSON.stringify(v.reason ?? v.errors ?? '')}\n`);
    return;
  }
  const r = v.record;
  if (r.kind !== 'trace' && r.kind !== 'log') return;
  const a = r.kind === 'trace' ? core.analyzeTrace(r, undefined, now) : core.analyzeLog(r, undefined, now);
  const line = `${JSON.stringify(a)}\t${JSON.stringify(core.validateAnalysis(a))}\n`;
  all.update(line);
  (per[group] ??= createHash('sha256')).update(line);
  count++;
}

for (const dir of ['cases', 'holdout', 'blind']) {
  const path = join(root, 'test/accuracy', dir);
  for (const f of readdirSync(path)
    .filter((x) => x.endsWith('.jsonl'))
    .sort()) {
    for (const text of readFileSync(join(path, f), 'utf8').split('\n')) {
      if (text.trim()) analyzeOne({ ...recordOf(JSON.parse(text)), org_id: 'acme' }, dir);
    }
  }
}
for (const line of mixedRecords(n)) {
  let value;
  try {
    value = JSON.parse(line);
  } catch {
    continue; // the generator's malformed lines: the CLI refuses them before any analysis
  }
  analyzeOne(value, 'mixed');
}
console.log(
  count,
  all.digest('hex'),
  Object.entries(per)
    .map(([k, h]) => `${k}:${h.digest('hex').slice(0, 12)}`)
    .join(' '),
);
