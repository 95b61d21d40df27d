/**
 * Package messages (patterns/parts/messages.ts, tables/packages/): a known package's own message,
 * variable parts and all, names the failure when no pattern does; the tables speak the taxonomy
 * and every message is specific enough to be read alone.
 */
import t from 'tap';
import { factorBelongs } from '../src/index.js';
import { ANCHOR_MIN, anchorOf, indexMessages, packageMatcher, piecesOf } from '../src/patterns/parts/messages.js';
import { type PackageMessage, said } from '../src/patterns/parts/table.js';
import { PACKAGE_MESSAGES } from '../src/patterns/parts/tables/packages/index.js';
import { readLog } from './patterns-read.js';

/** A matcher over these messages only: the record's lines, then the line asked (the first by default). */
function matcherOf(messages: readonly PackageMessage[]): (lines: string | string[], line?: string) => PackageMessage[] {
  const index = indexMessages(messages);
  return (lines, line) => {
    const all = typeof lines === 'string' ? [lines] : lines;
    return packageMatcher(
      all.map((text) => ({ text })),
      index,
    )(line ?? (all[0] as string));
  };
}

/** A line as a ROS 2 node logs the message, each `{}` filled with a value. */
const logged = (says: string) => `[ERROR] [1733300000.120000000] [some_node]: ${says.replaceAll('{}', 'x_42')}`;

t.test('the tables: taxonomy pairs, weights, anchors long enough, no message twice', async (t) => {
  const seen = new Set<string>();
  for (const { pkg, says, meaning } of PACKAGE_MESSAGES) {
    const name = `${pkg}: ${says}`;
    t.ok(factorBelongs(meaning.category, meaning.factor), `${name} → ${meaning.category}/${meaning.factor}`);
    t.ok(meaning.weight > 0 && meaning.weight <= 1, `${name}: weight ${meaning.weight}`);
    t.ok(pkg.length > 0 && meaning.what.length > 0, `${name} names its package and what it says`);
    const anchor = anchorOf(says);
    t.ok(anchor && anchor.length >= ANCHOR_MIN, `${name}: anchor ${JSON.stringify(anchor)} of at least ${ANCHOR_MIN} characters`);
    t.ok(piecesOf(says).join(' ').trim().split(/\s+/).length >= 2, `${name}: at least two words`);
    t.notOk(seen.has(says), `${name}: listed once`);
    seen.add(says);
  }
});

t.test('every message is found in its own line, placeholders filled', async (t) => {
  for (const entry of PACKAGE_MESSAGES) {
    const line = logged(entry.says);
    t.ok(packageMatcher([{ text: line }])(line).includes(entry), `${entry.pkg}: ${entry.says}`);
  }
});

t.test('the matcher: pieces in order, on one line, case as printed', async (t) => {
  const load = said(
    'controller_manager',
    "Could not load controller '{}' because controller type '{}' does not exist.",
    'import_error/module_not_found',
    'Controller plugin type not found',
    0.9,
  );
  const progress = said(
    'nav2_controller',
    'Failed to make progress',
    'timeout/deadline_exceeded',
    'The controller made no progress in time',
    0.7,
  );
  const match = matcherOf([load, progress]);

  const loaded =
    "[ERROR] [1700000000.1] [controller_manager]: Could not load controller 'arm_controller' because controller type 'joint_trajectory_controller/JointTrajectoryController' does not exist.";
  t.same(match([loaded]), [load], 'every piece, variable parts between them');
  t.same(match(['[controller_server]: Failed to make progress']), [progress], 'a message without placeholders');
  t.same(
    match(["because controller type 'x' does not exist. Could not load controller 'a'"]),
    [],
    'pieces out of order: no match',
  );
  t.same(match(['[controller_server]: failed to make progress']), [], 'another case: not the package printing it');
  t.same(
    match(["Could not load controller 'a'", "because controller type 'x' does not exist."]),
    [],
    'pieces split over two lines: no match',
  );
  t.same(match(['[planner_server]: GridBased plugin failed to plan']), [], 'a line without the anchor');
  t.same(packageMatcher([], indexMessages([]))('Failed to make progress'), [], 'no tables: nothing');
});

t.test('a message quoted inside a JSON string is read as printed (escaped quotes)', async (t) => {
  // Ollama's entry as the tables hold it; the second a made-up message whose anchor holds the quote.
  const pull = PACKAGE_MESSAGES.find((m) => m.pkg === 'ollama' && m.says === 'model "{}" not found, try pulling it first');
  t.ok(pull, "the tables hold Ollama's message");
  const opened = said('gz-sim', 'Unable to find or download file "{}"', 'config_error/file_not_found', 'x', 0.85);
  const match = matcherOf([pull as PackageMessage, opened]);
  t.same(match('{"error":"model \\"llama3.2\\" not found, try pulling it first"}'), [pull], 'in an error body');
  t.same(match('{"msg":"Unable to find or download file \\"model://x\\""}'), [opened], 'an anchor holding the quote');
  t.same(match('model "llama3.2" not found, try pulling it first'), [pull], 'as printed, unchanged');
  t.same(match('model \\"llama3.2 not found, try pulling it first'), [], 'one quote only: the pieces are not all there');
  t.same(match("model 'llama3.2' not found, try pulling it first"), [], 'other quotes: not the message as printed');
  const r = readLog(
    'ERROR async_openai::error: failed deserialization of: {"error":"model \\"llama3.2\\" not found, try pulling it first"}',
  );
  t.equal(`${r.category}/${r.factor}`, 'config_error/invalid_config', 'read through the rules');
  t.match(r.rationale, /package /, 'by the package table');
});

t.test("a known package's message overrules a reading of the exception's class alone (rule 1)", async (t) => {
  const peft =
    "Traceback (most recent call last):\n  File \"train.py\", line 40, in <module>\n    model = get_peft_model(model, config)\nValueError: Target modules {'q_proj', 'v_proj'} not found in the base model. Please check the target modules and try again.";
  const r = readLog(peft);
  t.equal(
    `${r.category}/${r.factor}`,
    'config_error/invalid_config',
    'peft names the cause: the settings ask for modules the model lacks',
  );
  t.match(r.rationale, /package peft/);
  const plain = readLog(
    'Traceback (most recent call last):\n  File "x.py", line 3, in <module>\nValueError: invalid literal for int() with base 10: \'abc\'',
  );
  t.equal(
    `${plain.category}/${plain.factor}`,
    'runtime_error/value_error',
    'control: a ValueError no package table knows stays the class',
  );
});

t.test("a pattern that read some words of a known package's message gives way to the message (rule 1)", async (t) => {
  const cases: [string, string, string][] = [
    [
      '[ERROR] [1700000000.1] [controller_server]: FollowPath called with controller name FollowPathX, which does not exist. Available controllers are: FollowPath.',
      'config_error/invalid_config',
      'a controller name the server was not configured with (not a missing file)',
    ],
    [
      '[ERROR] [1700000000.1] [planner_server]: Failed to create global planner. Exception: Could not open lattice file: /opt/ros/humble/share/nav2_smac_planner/lattice.json',
      'config_error/file_not_found',
      'the lattice file the planner needs (not a goal the robot failed)',
    ],
    [
      'Traceback (most recent call last):\n  File "scenario_runner.py", line 12, in <module>\nImportError: CARLA version 0.9.15 or newer required. CARLA version found: 0.9.13',
      'import_error/version_conflict',
      'an older CARLA (not a missing module)',
    ],
    [
      'Traceback (most recent call last):\n  File "lerobot/record.py", line 30, in <module>\nTimeoutError: Timed out waiting for frame from camera OpenCVCamera(2) after 200 ms. Read thread alive: True.',
      'hardware_fault/sensor_fault',
      'a camera that sends no frames (rule 2: the device, not a request)',
    ],
  ];
  for (const [text, expected, why] of cases) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, expected, why);
    t.match(r.rationale, /package /, 'answered by the package table');
  }
  const control = readLog(
    '[ERROR] [1700000000.1] [robot]: libfranka: Move command aborted: motion aborted by reflex! ["communication_constraints_violation"]',
  );
  t.equal(
    `${control.category}/${control.factor}`,
    'timeout/deadline_exceeded',
    'control: a message that only narrows (weight < 0.8) leaves the reflex to the patterns',
  );
});
