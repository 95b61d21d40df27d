#!/usr/bin/env node
/**
 * The rules alone (the learned second opinion switched off), per set and on its robotics slice:
 * what the pattern library and the structure tables name right by themselves, at this checkout or
 * at an earlier commit (its packages/core built in a temporary directory, as first-answers.js
 * does). The README's "rules alone" robot figures come from here.
 *
 *   node test/accuracy/rules-alone.js robotics-6 robotics-7            this checkout's core (built)
 *   node test/accuracy/rules-alone.js --at 6fc9f37 robotics-6 …        the core of that commit
 */
import { rmSync } from 'node:fs';
import { buildCoreAt } from './core-at.js';
import { loadFiles, loadSets, recordOf } from './evaluate.js';

const args = process.argv.slice(2);
const at = args[0] === '--at' ? args[1] : undefined;
const names = at ? args.slice(2) : args;
if (!names.length) throw new Error('name the sets: node test/accuracy/rules-alone.js [--at COMMIT] robotics-6 …');

const built = at ? buildCoreAt(at, 'faultline-rules') : undefined;
const core = await import(built ? built.path : '@faultline/core');
core.useSecondOpinionModel(null);
const registry = loadSets();
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
for (const name of names) {
  const set = registry.sets.find((s) => s.name === name);
  const files = set ? set.files : [`blind/${name}.jsonl`];
  const tally = { all: [0, 0], robotics: [0, 0, 0] };
  for (const c of loadFiles(files)) {
    const r = recordOf(c);
    const p = (r.kind === 'trace' ? core.analyzeTrace(r) : core.analyzeLog(r)).pattern;
    const right = p.category === c.expected.category && p.contributing_factor === c.expected.contributing_factor;
    tally.all[0] += 1;
    tally.all[1] += right ? 1 : 0;
    if (c.slice !== 'robotics') continue;
    tally.robotics[0] += 1;
    tally.robotics[1] += right ? 1 : 0;
    tally.robotics[2] += p.category === 'unknown' ? 1 : 0;
  }
  const [n, right] = tally.all;
  const [rn, rright, runknown] = tally.robotics;
  console.log(
    `${at ?? 'this checkout'} ${name.padEnd(16)} rules alone ${pct(right, n)} of ${n}; robotics slice ${rright} of ${rn} (${pct(rright, rn)}), "unknown" ${runknown}`,
  );
}
if (built) rmSync(built.dir, { recursive: true, force: true });
