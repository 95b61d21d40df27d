#!/usr/bin/env node
/**
 * The rules' answer to every case of a blind set as it was when the set was first measured
 * (sets.json `first.commit`), before anything was tuned on it: the only honest sample of what
 * the rules say about failures they have not seen, and so of the records the learned second
 * opinion would be asked about (train-model.js calibrates and judges it on those). Builds
 * packages/core of that commit in a temporary directory (git archive + tsc, with this checkout's
 * node_modules), analyzes the set's cases with it, checks the counts against sets.json's first
 * figures, and writes first-answers.json (case id → answer, confidence, which source answered and
 * the answer's code, findings[0].code: a pattern id, parts.<kind>, unknown or model.second_opinion, per set; the sets not named keep their recorded answers). A set first measured with the learned
 * second opinion switched on (robotics-3, agent-3 at c29929f; robotics-4, robotics-5 at 4f6a634;
 * every set since) records `by: "model"` where the model answered: the rules themselves said "unknown" there.
 *
 *   node test/accuracy/first-answers.js agent-1 robotics-1 agent-2 robotics-2 "held-out set 1" "held-out set 2" "held-out set 3"
 *   node test/accuracy/first-answers.js robotics-3 agent-3 robotics-4 robotics-5
 *   node test/accuracy/first-answers.js robotics-8 robotics-9 agent-5
 *   node test/accuracy/first-answers.js robotics-6 robotics-7 agent-4 robotics-10 agent-6
 *
 * Held-out set 4 is left out on purpose: never tuned on, it stays a measurement, not calibration data.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCoreAt } from './core-at.js';
import { ACCURACY_DIR, loadFiles, loadSets, recordOf } from './evaluate.js';

export const FIRST_ANSWERS_FILE = join(ACCURACY_DIR, 'first-answers.json');

/** packages/core of `commit` built in a temporary directory (core-at.js); its index module and the directory. */
async function coreAt(commit) {
  const { path, dir } = buildCoreAt(commit);
  return { core: await import(path), dir };
}

const names = process.argv.slice(2);
if (!names.length) throw new Error('name the sets: node test/accuracy/first-answers.js agent-1 robotics-1 …');
const registry = loadSets();
const out = {
  about: "Written by test/accuracy/first-answers.js: the rules' answers when each set was first measured, blind.",
  sets: existsSync(FIRST_ANSWERS_FILE) ? JSON.parse(readFileSync(FIRST_ANSWERS_FILE, 'utf8')).sets : {},
};
/** One build per commit (several sets were first measured at the same one). */
const built = new Map();
for (const name of names) {
  const set = registry.sets.find((s) => s.name === name);
  if (!set?.first.commit) throw new Error(`${name}: not in sets.json, or no first.commit`);
  if (!built.has(set.first.commit)) built.set(set.first.commit, await coreAt(set.first.commit));
  const { core } = built.get(set.first.commit);
  const answers = {};
  let right = 0;
  for (const c of loadFiles(set.files)) {
    const r = recordOf(c);
    const analysis = r.kind === 'trace' ? core.analyzeTrace(r) : core.analyzeLog(r);
    const p = analysis.pattern;
    const got = `${p.category}/${p.contributing_factor}`;
    const by = p.evidence.signals.find((x) => x.name === 'answered_by')?.value;
    const code = analysis.findings?.[0]?.code;
    answers[c.id] = { got, confidence: p.confidence, ...(by === 'model' ? { by } : {}), ...(code ? { code } : {}) };
    // A set recorded before the codes were: its answers must come out the same, only the code added.
    const recorded = out.sets[name]?.answers?.[c.id];
    if (recorded && (recorded.got !== got || recorded.confidence !== p.confidence || recorded.by !== answers[c.id].by))
      throw new Error(
        `${name} ${c.id}: recorded ${JSON.stringify(recorded)}, ${set.first.commit} answers ${JSON.stringify(answers[c.id])}`,
      );
    if (got === `${c.expected.category}/${c.expected.contributing_factor}`) right += 1;
  }
  if (right !== set.first.category_factor)
    throw new Error(
      `${name}: ${right} right at ${set.first.commit}, sets.json says ${set.first.category_factor}: not the first measurement`,
    );
  out.sets[name] = { commit: set.first.commit, answers };
  console.log(`${name}: ${Object.keys(answers).length} answers at ${set.first.commit}, ${right} right (as sets.json)`);
}
for (const { dir } of built.values()) rmSync(dir, { recursive: true, force: true });
writeFileSync(FIRST_ANSWERS_FILE, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${FIRST_ANSWERS_FILE}`);
