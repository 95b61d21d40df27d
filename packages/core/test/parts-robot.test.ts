/**
 * The generic robot reading (patterns/parts/robot.ts, tables robot-words.ts and robot-pairs.ts):
 * a robot failure worded as no pattern knows, but made of a component class and a failure verb,
 * gets a low-confidence answer instead of "unknown"; INFO lines, words inside other words and
 * parts that name their cause do not let it answer; its tables speak the taxonomy.
 */
import t from 'tap';
import { factorBelongs } from '../src/index.js';
import { readRobotLine } from '../src/patterns/parts/robot.js';
import { ROBOT_PAIRS } from '../src/patterns/parts/tables/robot-pairs.js';
import { NOUN_CLASSES, NOUN_FORMS, NOUN_WORDS, VERB_CLASSES, VERB_PHRASES } from '../src/patterns/parts/tables/robot-words.js';
import { readLog } from './patterns-read.js';

t.test('the tables: every noun and verb class has words, every pair is a taxonomy pair of low weight', async (t) => {
  for (const noun of NOUN_CLASSES) t.ok(NOUN_WORDS[noun].length > 0 || NOUN_FORMS[noun], `${noun} has words or a form`);
  for (const verb of VERB_CLASSES) t.ok(VERB_PHRASES[verb].length > 0, `${verb} has phrases`);
  let pairs = 0;
  for (const [noun, byVerb] of Object.entries(ROBOT_PAIRS)) {
    for (const [verb, meaning] of Object.entries(byVerb ?? {})) {
      pairs++;
      t.ok(factorBelongs(meaning.category, meaning.factor), `${noun} × ${verb}: ${meaning.category}/${meaning.factor}`);
      t.ok(meaning.weight > 0 && meaning.weight <= 0.6, `${noun} × ${verb}: weight ${meaning.weight} is low`);
      t.ok((VERB_CLASSES as readonly string[]).includes(verb), `${verb} is a verb class`);
    }
  }
  t.ok(pairs >= 30, `${pairs} pairs`);
});

t.test('a robot failure never seen but made of known parts gets a low-confidence answer', async (t) => {
  const cases: [string, string, string][] = [
    ['[ERROR] [1733300000.120000000] [gimbal_imu_bridge]: no data received from device', 'hardware_fault', 'sensor_fault'],
    ['[WARN] [1733300000.5] [arm_bus]: wrist_roll motor does not reply (id=4)', 'hardware_fault', 'actuator_fault'],
    [
      'E1204 10:11:12.000000  4242 base.cc:88] Can not open device: /dev/ttyBASE. Check the udev rule',
      'config_error',
      'file_not_found',
    ],
    ["[ERROR] [launch]: extension 'acme.arm.bridge' is not installed", 'import_error', 'module_not_found'],
    ['[ERROR] [container]: plugin acme_arm/Bridge not registered', 'import_error', 'module_not_found'],
    ['[controller-2] joint angles: [0.12 nan nan 0.4]', 'data_error', 'nan_or_inf'],
    ['[FAIL] task 3 rollout 7: FAILURE (steps=600)', 'policy_failure', 'task_not_achieved'],
    [
      "[ERROR] [1733300000.1] [resource_manager]: command interface 'elbow/effort' missing from the hardware interface",
      'config_error',
      'invalid_config',
    ],
  ];
  for (const [text, category, factor] of cases) {
    const r = readLog(text);
    t.same([r.category, r.factor], [category, factor], text);
    t.equal(r.code, 'parts.robot', `answered by the robot reading: ${text}`);
    t.ok(r.confidence >= 0.45 && r.confidence < 0.8, `medium confidence, never confident (${r.confidence})`);
    t.match(r.rationale, /structure of the text: robot /, 'the rationale names the reading');
  }
});

t.test('an INFO line states no failure; the same words at ERROR are read', async (t) => {
  const info = readLog('[INFO] [1733300000.1] [imu_node]: no data received yet, waiting');
  t.equal(info.category, 'unknown', 'INFO: not read');
  const error = readLog('[ERROR] [1733300000.1] [imu_node]: no data received yet, waiting');
  t.same([error.category, error.factor], ['hardware_fault', 'sensor_fault'], 'positive control: the ERROR line is read');
  // A verdict is often logged at INFO and still read.
  t.equal(readLog('[INFO] [eval]: episode 12 done, success: False').factor, 'task_not_achieved', 'a verdict at INFO is read');
});

t.test('nouns and verbs are whole words: "stall" is not in "install"', async (t) => {
  t.equal(readRobotLine('[ERROR] [wheel_base]: run colcon install again', 'body'), null, '"install" is no stall');
  t.equal(
    readRobotLine('[ERROR] [wheel_base]: left wheel stalled', 'body')?.meaning.factor,
    'actuator_fault',
    'positive control',
  );
  t.equal(readRobotLine('[ERROR] [x]: the transcam stream failed to get frames', 'body'), null, '"transcam" is no camera');
  t.equal(readRobotLine('[ERROR] [x]: the cam stream failed to get frames', 'body')?.noun, 'sensor', 'positive control: cam');
  t.equal(readRobotLine('Error: pull access denied for swe-eval.arm64.django', 'body'), null, '"arm64" is no robot arm');
  t.equal(
    readRobotLine('[ERROR] [x]: arm motion denied in the current mode', 'body')?.noun,
    'actuator',
    'positive control: the arm',
  );
});

t.test('a part that names its cause wins over the robot reading', async (t) => {
  const r = readLog('[ERROR] [lidar_bridge]: no data received (errno = 104)');
  t.same([r.category, r.factor], ['network_error', 'connection_reset'], 'the errno (ECONNRESET) names the cause');
  t.equal(r.code, 'parts.errno', 'read from the errno');
  const control = readLog('[ERROR] [lidar_bridge]: no data received');
  t.equal(control.code, 'parts.robot', 'positive control: without the errno, the robot reading answers');
  t.same([control.category, control.factor], ['hardware_fault', 'sensor_fault']);
});

t.test('more failures read by their form (analyzer 1.6.0)', async (t) => {
  const cases: [string, string, string][] = [
    [
      "terminate called after throwing an instance of 'gtsam::IndeterminantLinearSystemException'",
      'runtime_error/unhandled_exception',
      'parts.cpp',
    ],
    ['Response Content: {"title":"Failed dependency","status":424}', 'upstream_error/upstream_5xx', 'parts.http'],
    ['forrtl: error (200): program aborting due to control-C event', 'aborted/manual_abort', 'parts.signal'],
    ["The command '/bin/sh -c make' returned a non-zero code: 137", 'resource_error/host_oom', 'parts.signal'],
    [
      'MaxTokensReachedException: Agent has reached an unrecoverable state',
      'context_overflow/max_tokens_truncated',
      'parts.class_words',
    ],
    ['[ERROR] [drone]: takeoff denied: vehicle not armed', 'validation_error/forbidden_operation', 'parts.robot'],
  ];
  for (const [text, pair, code] of cases) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, pair, text);
    t.equal(r.code, code, `read from its part (${code})`);
    t.ok(r.confidence < 0.8, 'never confident');
  }
  // rosconsole's "(throttled log)" is log throttling, not a provider's rate limit.
  const ros = readLog(
    "[ERROR] [1771464379.99] [controller_manager]: Command of at least one joint is out of limits (throttled log). Joint: 'shoulder_lift_joint'",
  );
  t.equal(`${ros.category}/${ros.factor}`, 'validation_error/invalid_argument', 'a joint command out of limits');
  const aws = readLog(
    'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the Converse operation',
  );
  t.equal(aws.category, 'rate_limit', 'control: a throttled call is still a rate limit');
  const topic = readLog(
    "[ERROR] [1242867084.1]: Lookup would require extrapolation into the past. Requested time 1242867084.144 but the earliest data is at time 1242867085.422, when looking up transform from frame '/throttled/0' to frame 'odom_combined'",
  );
  t.not(topic.category, 'rate_limit', `a frame named /throttled/0 is not a rate limit (${topic.code})`);
});

t.test("a CamelCase component names its words; a native library is read as one; 'Status Code' in any case", async (t) => {
  const cam = readLog('UEyeCamDriver::processNextFrame: is_err == IS_TIMED_OUT');
  t.same([cam.category, cam.factor, cam.code], ['hardware_fault', 'sensor_fault', 'parts.robot'], 'UEyeCamDriver is a camera');
  t.equal(
    readRobotLine('UEyecamdriver::processNextFrame: is_err == IS_TIMED_OUT', 'body'),
    null,
    'control: no word boundary, no camera',
  );
  const lib = readLog('libGL error: MESA-LOADER: failed to open vmwgfx: /usr/lib/dri/vmwgfx_dri.so');
  t.same([lib.category, lib.factor], ['import_error', 'missing_native_lib'], 'a .so that cannot be opened');
  const pkg = readLog("[ERROR] [launch]: extension 'acme.arm.bridge' is not installed");
  t.same([pkg.category, pkg.factor], ['import_error', 'module_not_found'], 'control: a package is a module');
  const status = readLog('Status Code: 424');
  t.same([status.category, status.code], ['upstream_error', 'parts.http'], 'Status Code: 424');
});

t.test('in a simulator, a sensor that never publishes is the setup, not hardware', async (t) => {
  const line = '[WARN] [1754499523.64] [base_controller]: Imu data not received';
  const sim = readLog(`[ign gazebo-1] [INFO] [1754499522.86] [robot.base_controller]: on_activate\n[ign gazebo-1] ${line}`);
  t.same([sim.category, sim.factor, sim.code], ['config_error', 'invalid_config', 'parts.robot'], 'in Gazebo: the setup');
  const real = readLog(`[base_driver-1] [INFO] [1754499522.86] [robot.base_controller]: on_activate\n[base_driver-1] ${line}`);
  t.same([real.category, real.factor], ['hardware_fault', 'sensor_fault'], 'control: on a robot, the sensor');
});

t.test('garbled replies, triggered safety stops and results below the reported ones are read', async (t) => {
  const cases: [string, string][] = [
    ['[ERROR] [1702522793.34] []: [RoboClaw::writeN] Invalid ACK response', 'hardware_fault/actuator_fault'],
    ['ERROR [commander] Critical failure detected: lockdown', 'hardware_fault/emergency_stop'],
    [
      'the success rate I obtained is only around 40%, which is quite different from the numbers reported in the paper',
      'logic_error/below_baseline',
    ],
  ];
  for (const [text, pair] of cases) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, pair, text);
    t.equal(r.code, 'parts.robot', 'read by the robot reading');
  }
  t.equal(
    readRobotLine('[ERROR] [x]: Invalid ACK response', 'body'),
    null,
    'control: a garbled reply with no device named is not read',
  );
});

t.test('graphics drivers and plugins that cannot load are native libraries', async (t) => {
  for (const text of [
    '[Error] [omni.gpu_foundation_factory.plugin] Failed to create any GPU devices, including an attempt with compatibility mode.',
    "[CoppeliaSim:error]   plugin 'ZMQ': load failed (could not load). The plugin probably couldn't load dependency libraries.",
  ]) {
    const r = readLog(text);
    t.same([r.category, r.factor], ['import_error', 'missing_native_lib'], text);
  }
});
