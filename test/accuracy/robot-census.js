#!/usr/bin/env node
/**
 * Why the robot reading said nothing: every robot case of the development set and of the blind
 * sets already tuned on (never the never-tuned ones) that the rules alone (the learned second
 * opinion switched off) answer "unknown" or with the generic unhandled exception, put in one class
 * by how far the generic robot reading (packages/core/src/patterns/parts/robot.ts) got on the
 * record's text:
 *   read, outweighed     the reading fired on a read line, and another answer won
 *   INFO gate            a line names a component and a failure with a pair, but is logged at INFO/DEBUG
 *   line not read        such a line exists, outside the headline, telling lines and body tail
 *   pair missing         a line names a component class and a failure class the pair table does not join
 *   component missing    a line states a failure (a verb of robot-words.ts), no component word on it
 *   predicate missing    the text names a component, no failure verb on any line
 *   no robot words       neither
 * Robot cases: the blind sets' `slice: robotics`; in the development set (unsliced), a
 * hardware_fault label or a text with robot words (ROS, a simulator, a device).
 *
 *   node test/accuracy/robot-census.js            the table (counts per class, with the labels' categories)
 *   node test/accuracy/robot-census.js --cases    and every case with its class and the line that got furthest
 */
import { recordLines, useSecondOpinionModel } from '@faultline/core';
import { CASES_DIR, evaluate, loadCases, loadFiles, loadSets, recordOf } from './evaluate.js';

const core = '../../packages/core/dist/src';
const { readRobot, readRobotLine, robotWordClasses } = await import(`${core}/patterns/parts/robot.js`);
const { SIMULATOR_CONTEXT } = await import(`${core}/patterns/parts/tables/robot-pairs.js`);
const { logSources } = await import(`${core}/patterns/telling.js`);

useSecondOpinionModel(null);
const ROBOT =
  /\b(?:ros2?|rclcpp|rclpy|roslaunch|rosrun|robot|gazebo|px4|ardupilot|moveit|nav2|lidar|imu|servo|motor|urdf|isaac|mujoco|ethercat|can0)\b/i;
const sets = [{ name: 'development', cases: loadCases(CASES_DIR) }];
for (const s of loadSets().sets)
  if (s.tuned_on && !s.files.every((f) => f.startsWith('cases/'))) sets.push({ name: s.name, cases: loadFiles(s.files) });

function sourcesOf(c) {
  const record = recordOf(c);
  if (record.kind !== 'trace') return logSources(record.error_message, record.logs);
  const ev = record.spans[1].events[0].attributes;
  const stack = logSources('', ev['exception.stacktrace']);
  return { headline: `${ev['exception.type']}: ${ev['exception.message']}`, telling: stack.telling, body: stack.body };
}

/** How far the robot reading got on a case's text, and the line that got there. */
function diagnose(c) {
  const sources = sourcesOf(c);
  const simulated = SIMULATOR_CONTEXT.test(c.text);
  const read = recordLines(sources);
  const reading = readRobot(read, simulated);
  if (reading) return ['read, outweighed', `${reading.nounText} … ${reading.verbText}`];
  const readSet = new Set(read.map((l) => l.text));
  const stages = {
    'INFO gate': null,
    'line not read': null,
    'pair missing': null,
    'component missing': null,
    'predicate missing': null,
  };
  for (const raw of c.text.split('\n')) {
    const line = raw.slice(0, 2000);
    if (!line.trim()) continue;
    const r = readRobotLine(line, 'body', simulated);
    if (r) {
      stages['line not read'] ??= readSet.has(line) ? null : line;
      continue;
    }
    // The same line with its level word taken out: a reading then means the INFO gate held it.
    const unlevelled = line.replace(
      /\[\s?(?:INFO|DEBUG|Info|Debug|Dbg|Msg)\s?\]|\b(?:INFO|DEBUG):|<INFO>|^\s{0,20}[ID]\d{4} /g,
      ' ',
    );
    if (unlevelled !== line && readRobotLine(unlevelled, 'body', simulated)) {
      stages['INFO gate'] ??= line;
      continue;
    }
    const { nouns, verbs } = robotWordClasses(line);
    if (nouns.length && verbs.length) stages['pair missing'] ??= `${nouns.join('+')} × ${verbs.join('+')}: ${line}`;
    else if (verbs.length) stages['component missing'] ??= `${verbs.join('+')}: ${line}`;
    else if (nouns.length) stages['predicate missing'] ??= `${nouns.join('+')}: ${line}`;
  }
  for (const [stage, line] of Object.entries(stages)) if (line) return [stage, line.trim().slice(0, 220)];
  return ['no robot words', ''];
}

const CLASSES = [
  'read, outweighed',
  'INFO gate',
  'line not read',
  'pair missing',
  'component missing',
  'predicate missing',
  'no robot words',
];
const table = Object.fromEntries(CLASSES.map((k) => [k, { n: 0, labels: {} }]));
const showCases = process.argv.includes('--cases');
let total = 0;
for (const s of sets) {
  const byId = new Map(s.cases.map((c) => [c.id, c]));
  for (const row of evaluate(s.cases).rows) {
    const c = byId.get(row.id);
    if (row.right || !(row.got === 'unknown/unknown' || row.got === 'runtime_error/unhandled_exception')) continue;
    const robot =
      row.slice === 'robotics' || (row.slice === 'unsliced' && (c.expected.category === 'hardware_fault' || ROBOT.test(c.text)));
    if (!robot) continue;
    total++;
    const [stage, line] = diagnose(c);
    table[stage].n++;
    table[stage].labels[c.expected.category] = (table[stage].labels[c.expected.category] ?? 0) + 1;
    if (showCases) console.log(`${stage.padEnd(18)} ${s.name} ${row.id} exp ${row.expected} got ${row.got}\n    ${line}`);
  }
}
console.log(
  `\n${total} robot cases answered "unknown" or the generic unhandled exception by the rules alone (development set and tuned sets)`,
);
console.log('| class | cases | labels (category) |\n|---|---|---|');
for (const k of CLASSES) {
  const labels = Object.entries(table[k].labels)
    .sort((a, b) => b[1] - a[1])
    .map(([cat, n]) => `${cat} ${n}`)
    .join(', ');
  console.log(`| ${k} | ${table[k].n} | ${labels} |`);
}
