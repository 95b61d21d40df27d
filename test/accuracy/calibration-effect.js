#!/usr/bin/env node
/**
 * What the calibrated confidence does to each set of sets.json: right at confidence >= 0.8, with the
 * caps of packages/core/model/pattern-calibration.json off (the patterns' hand-set confidences) and on,
 * for all cases and the robotics slice. The cap changes no answer, so category + factor is the same
 * both ways. The README's "Calibrated confidence of the rules" before → after figures come from here.
 *   node test/accuracy/calibration-effect.js [SET …]     (default: every set)
 */
import { CONFIDENT, usePatternCalibration } from '@faultline/core';
import { evaluate, loadFiles, loadSets } from './evaluate.js';

const confident = (rows) => {
  const c = rows.filter((r) => r.confidence >= CONFIDENT);
  const right = c.filter((r) => r.right).length;
  return `${c.length ? ((100 * right) / c.length).toFixed(1) : '—'}% of ${c.length}`;
};
const names = process.argv.slice(2);
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
}
