#!/usr/bin/env node
/**
 * What the calibrated confidence does to each set of sets.json: right at confidence >= 0.8, with the
 * caps of packages/core/model/pattern-calibration.json off (the patterns' hand-set confidences) and on,
 * for all cases and the robotics slice. The cap changes no answer, so category + factor is the same
 * both ways. The README's "Calibrated confidence of the rules" before → after figures come from here;
 * the last lines pool the blind sets tuned on since (never a set never tuned on) and give the development set.
 *   node test/accuracy/calibration-effect.js [SET …]     (default: every set)
 */
import { CONFIDENT, usePatternCalibration } from '@faultline/core';
import { evaluate, loadCases, loadFiles, loadSets } from './evaluate.js';

const confident = (rows) => {
  const c = rows.filter((r) => r.confidence >= CONFIDENT);
  const right = c.filter((r) => r.right).length;
  return `${c.length ? ((100 * right) / c.length).toFixed(1) : '—'}% of ${c.length}`;
};
const names = process.argv.slice(2);
const pooled = { off: [], on: [] };
const sets = loadSets().sets.filter((s) => !names.length || names.includes(s.name));
console.log('set              tuned  right at conf >= 0.8, uncapped → capped (all; robotics slice)');
for (const set of sets) {
  const cases = loadFiles(set.files);
  usePatternCalibration(null);
  const off = evaluate(cases).rows;
  usePatternCalibration(undefined);
  const on = evaluate(cases).rows;
  const robot = (rows) => rows.filter((r) => r.slice === 'robotics');
  const robotPart = robot(on).length ? `; robot ${confident(robot(off))} → ${confident(robot(on))}` : '';
  console.log(`${set.name.padEnd(16)} ${set.tuned_on ? 'yes' : 'no '}    ${confident(off)} → ${confident(on)}${robotPart}`);
  // Pooled: the blind sets tuned on since (blind/; held-out sets 1-3 are in the development set), never a set never tuned on.
  if (set.tuned_on && set.files.every((f) => f.startsWith('blind/'))) {
    pooled.off.push(...off);
    pooled.on.push(...on);
  }
}
if (pooled.on.length) {
  const robot = (rows) => rows.filter((r) => r.slice === 'robotics');
  console.log(
    `tuned blind sets (${pooled.on.length} cases) ${confident(pooled.off)} → ${confident(pooled.on)}; robot ${confident(robot(pooled.off))} → ${confident(robot(pooled.on))}`,
  );
}
if (!names.length) {
  const dev = loadCases();
  usePatternCalibration(null);
  const off = evaluate(dev).rows;
  usePatternCalibration(undefined);
  console.log(`development set (${dev.length} cases)  ${confident(off)} → ${confident(evaluate(dev).rows)}`);
}
