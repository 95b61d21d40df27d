/**
 * Robot failures read by the engine and by families that several sets share (issue 13, the
 * 2026-12-05-c census of robotics-10's misses, test/accuracy/census-2026-12-05-c.md): a cause the
 * structure names beats a generic exception whose measured record is worse (classify.ts compares
 * the two by their calibrated confidence); an I/O errno is an actuator's in a record whose
 * identifiers name one in snake_case (`left_gripper_driver`, `wheel_motor_node`); CMake's
 * find_package failure read across its line wrap; an episode or environment reset "due to"
 * a time-out is the episode cut at its limit. Each test holds positive readings and a control
 * that the same words in another structure must not get; the texts are written in the tools'
 * own wording, not copied from the accuracy cases.
 */
import t, { type Test } from 'tap';
import { expectReadings, readLog, readPair } from './patterns-read.js';

const pair = readPair;

/** Each text reads as the expected pair by the rules (a pattern or the structure), not by the learned second opinion. */
const expectRules = (t: Test, examples: [string, string][]) => {
  for (const [text, expected] of examples) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, expected, `${text.slice(0, 90).replace(/\n/g, ' ⏎ ')} (${r.code}, ${r.confidence})`);
    t.not(r.code, 'model.second_opinion', `read by the rules: ${text.slice(0, 60)}`);
  }
};

t.test('a cause the structure names beats a generic exception whose message names none (rule 1)', async (t) => {
  expectReadings(t, [
    [
      'RLException: error loading <rosparam> tag: \n\tfile does not exist [/home/u/ws/src/arm_bringup/config/arm.yaml]\nXML is <rosparam command="load" file="$(find arm_bringup)/config/arm.yaml"/>',
      'config_error/file_not_found',
    ],
    [
      'Traceback (most recent call last):\n  File "bot.py", line 4, in <module>\n    cam = Camera()\nRuntimeError: Could not initialize camera',
      'hardware_fault/sensor_fault',
    ],
  ]);
  t.equal(
    pair('RuntimeError: something went wrong in the planner'),
    'runtime_error/unhandled_exception',
    'control: a generic exception naming no cause stays the generic answer',
  );
  t.equal(
    pair(
      'F0101 10:00:00.000000  1234 problem.cc:88] Check failed: size == existing_size Tried adding a parameter block\n*** Check failure stack trace: ***\nAborted (core dumped)',
    ),
    'runtime_error/assertion_failed',
    'control: the abort that follows a failed CHECK (a generic part) does not overrule the CHECK',
  );
});

t.test('an I/O errno in a record whose snake_case identifiers name an actuator is the actuator', async (t) => {
  expectReadings(t, [
    [
      "terminate called after throwing an instance of 'IOException'\n  what():  IO Exception (5): Input/output error, file /opt/left_gripper_driver/src/SerialPort.cpp, line 120.\nAborted",
      'hardware_fault/actuator_fault',
    ],
    ['[ERROR] [wheel_motor_node]: read failed: [Errno 5] Input/output error', 'hardware_fault/actuator_fault'],
  ]);
  t.equal(
    pair(
      "terminate called after throwing an instance of 'IOException'\n  what():  IO Exception (5): Input/output error, file /opt/camera/src/SerialPort.cpp, line 120.\nAborted",
    ),
    'hardware_fault/sensor_fault',
    'control: the same error in a camera driver is the sensor',
  );
  const none = readLog(
    "terminate called after throwing an instance of 'IOException'\n  what():  IO Exception (5): Input/output error, file /opt/log_writer/src/Writer.cpp, line 120.\nAborted",
  );
  t.not(none.category, 'hardware_fault', `control: with no device named, an I/O error is no device's fault (${none.code})`);
});

t.test("CMake's find_package failure is a dependency not installed, also when CMake wraps the name", async (t) => {
  expectReadings(t, [
    [
      'CMake Error at /opt/ros/noetic/share/catkin/cmake/catkinConfig.cmake:83 (find_package):\n  Could not find a package configuration file provided by\n  "arm_control_msgs" with any of the following names:\n\n    arm_control_msgsConfig.cmake\n    arm_control_msgs-config.cmake',
      'import_error/module_not_found',
    ],
    [
      'CMake Error at CMakeLists.txt:9 (find_package):\n  Could not find a package configuration file provided by "ament_cmake" with\n  any of the following names:',
      'import_error/module_not_found',
    ],
  ]);
  t.not(
    pair('CMake Error at CMakeLists.txt:12 (add_executable):\n  Cannot find source file:\n\n    src/main.cpp'),
    'import_error/module_not_found',
    'control: a source file missing from the build is no package',
  );
});

t.test('an episode or environment reset due to a time-out is the episode cut at its limit (rule 9)', async (t) => {
  expectReadings(t, [
    ["Resetting environments (tensor([3], device='cuda:0'),) due to Timeout", 'policy_failure/env_truncated'],
    ['the car stops and the episode ends due to a time out', 'policy_failure/env_truncated'],
    ['most of the episodes have info as timeout', 'policy_failure/env_truncated'],
  ]);
  const terminated = readLog("Resetting environments (tensor([2], device='cuda:0'),) due to Termination");
  // The rules' reading; the learned second opinion may still guess from these words.
  t.not(terminated.code, 'env.truncated', 'control: an environment reset because it terminated was not cut');
  t.equal(
    pair('[ERROR] [env_server]: step request timed out after 5 s'),
    'timeout/request_timeout',
    "control: a request to the environment's server that times out is a timeout, not a truncation",
  );
});

t.test('a robot description that xacro cannot generate because a file is missing is the missing file (rule 1)', async (t) => {
  expectReadings(t, [
    [
      '[ERROR] [launch]: Caught exception in launch: executed command failed. Command: /opt/ros/humble/bin/xacro /ws/src/arm/urdf/arm.urdf.xacro\nCaptured stderr output: error: [Errno 2] No such file or directory: /ws/src/arm/urdf/gripper.xacro\nwhen processing file: /ws/src/arm/urdf/arm.urdf.xacro',
      'config_error/file_not_found',
    ],
    [
      'RLException: Invalid <param> tag: Cannot load command parameter [robot_description]: command [/opt/ros/noetic/lib/xacro/xacro /ws/src/arm/urdf/arm.xacro] returned with code [2].\n\nParam xml is <param name="robot_description" command="$(find xacro)/xacro $(find arm)/urdf/arm.xacro"/>\nThe traceback for the exception was written to the log file\nNo such file or directory: /ws/src/arm/urdf/arm.xacro',
      'config_error/file_not_found',
    ],
  ]);
  t.equal(
    pair(
      "Cannot load command parameter [robot_description]: command [xacro /ws/arm.xacro] returned with code [2].\nXacroException: name 'wheel_radius' is not defined",
    ),
    'validation_error/schema_violation',
    // robotics-20's labels (schema_violation 4, none other: "name 'parent' is not defined", a macro
    // called without its parameters): the description's own content, rule 4, not the launch's setup.
    'control: a description that fails on a property it does not define is its own content (rule 4)',
  );
});

t.test('a package:// or model:// resource on no resource path is a missing file (rule 3)', async (t) => {
  expectReadings(t, [
    [
      '[robot_state_publisher-1] [ERROR] [1700000000.0] [sdformat_urdf]: Unable to find uri[package://arm_description/meshes/base.dae]',
      'config_error/file_not_found',
    ],
    ['[Err] [Server.cc:139] Error Code 12 Msg: Unable to find uri[model://oak_tree]', 'config_error/file_not_found'],
  ]);
  const other = readLog('[Err] [SystemLoader.cc:92] Unable to find uri[https://fuel.example.org/models/box]');
  t.not(other.code, 'sim.model_or_plugin_missing', 'control: a web URI is not a local resource path');
});

t.test('on one line, the failure verb is said of the component nearest it', async (t) => {
  t.equal(
    pair('[ERROR]Cannot find "canbus" plugin (not built in, and no .ini file found for it)'),
    'import_error/module_not_found',
    'a plugin that cannot be found (the .ini file named further on is not what is missing first)',
  );
  t.equal(
    pair('[ERROR] Cannot find the .ini file for the "canbus" plugin'),
    'config_error/file_not_found',
    'control: the same words with the file nearest the verb read as the missing file',
  );
});

t.test('a log that ends waiting, stating no failure, is a hang (rule 2: no progress)', async (t) => {
  expectReadings(t, [
    [
      'starting DonkeyGym env\nbinding to 0.0.0.0:9090\nwaiting for sim to start..\nwaiting for sim to start..',
      'timeout/hang_or_deadlock',
    ],
    ['INFO  [simulator] Waiting for simulator to accept connection on TCP port 4560', 'timeout/hang_or_deadlock'],
  ]);
  t.equal(
    pair('Serial port not found. | device: /dev/ttyACM0, error 2, waiting for connection...'),
    'config_error/file_not_found',
    'control: a waiting line that states its own failure is that failure',
  );
  t.equal(
    pair('[INFO] [bridge]: Waiting for the robot to connect...\n[ERROR] [bridge]: connection refused by 10.0.0.2:502'),
    'network_error/connection_refused',
    'control: a wait followed by the failure it ended in is the failure',
  );
  t.not(
    pair('make[2]: *** [CMakeFiles/x.dir/a.cpp.o] Error 1\nmake: *** Waiting for unfinished jobs....'),
    'timeout/hang_or_deadlock',
    "control: make's wait for its other jobs after an error is no hang",
  );
});

t.test("ArduPilot's battery failsafe codes are a low battery; a check that passed names nothing", async (t) => {
  expectReadings(t, [
    ['Err: FAILSAFE_BATT-1\nErr: FAILSAFE_RADIO_1', 'hardware_fault/battery_low'],
    ['Test: Event/Failsafe = FAIL - ERRs found: FLT_MODE FS_BATT CRASH', 'hardware_fault/battery_low'],
  ]);
  const passed = readLog(
    'Test: Brownout = GOOD -\nTest: Compass = FAIL - Large change in mag_field (37.60%)\nTest: Event/Failsafe = FAIL - ERR found: CRASH',
  );
  t.not(
    passed.code,
    'robot.battery_low',
    `control: "Brownout = GOOD" is a check that passed (${passed.category}/${passed.factor})`,
  );
  t.equal(
    pair('[WARN] [power_monitor]: brownout detected on the 12 V rail'),
    'hardware_fault/battery_low',
    'control: a brownout stated as happening is still read',
  );
});

t.test("a device's read or write that failed is the device (rule 2); the same verb in a program's own code is not", async (t) => {
  expectRules(t, [
    ['[ERROR] [dxl_hw]: Dynamixel Read Fail (id 3)', 'hardware_fault/actuator_fault'],
    ['Could not read firmware version. Make sure the selected port belongs to the VESC.', 'hardware_fault/actuator_fault'],
    ['[ERROR] [imu_node]: sync read failed on the imu', 'hardware_fault/sensor_fault'],
  ]);
  t.equal(
    pair("TypeError: Cannot read properties of undefined (reading 'motor')"),
    'runtime_error/null_reference',
    "control: JavaScript's 'Cannot read properties of undefined' is the program's null, whatever it reads",
  );
});

t.test('an input a controller is given beyond its range is the command (rule 8); NaN in an input is data', async (t) => {
  expectRules(t, [
    ['RobotController: input out of bounds', 'validation_error/invalid_argument'],
    [
      '[error] [Arm::SetJointTargets] Input parameter [targets] contains value outside the valid range',
      'validation_error/invalid_argument',
    ],
  ]);
  t.equal(pair('ValueError: Input contains NaN.'), 'data_error/nan_or_inf', 'control: an input holding NaN is data (rule 7)');
});

t.test("ROS 2 launch's Command substitution whose executable is not installed is missing software (rule 5)", async (t) => {
  expectRules(t, [
    [
      "[ERROR] [launch]: Caught exception in launch (see debug for traceback): executable '[<launch.substitutions.text_substitution.TextSubstitution object at 0x7f12ab34cd56>]' not found on the PATH",
      'import_error/module_not_found',
    ],
  ]);
  const named = readLog(
    "[ERROR] [launch]: Caught exception in launch (see debug for traceback): executable 'robot_node' not found on the libexec directory '/ws/install/robot/lib/robot'",
  );
  t.not(
    named.code,
    'ros.launch_command_not_on_path',
    `control: a named executable missing from a package is another form (${named.code})`,
  );
});

t.test(
  'move_base giving up because no valid plan could be found is the goal not achieved (rule 2: a planner that finds no path)',
  async (t) => {
    expectRules(t, [
      [
        '[ERROR] [1605950845.694594554, 561.268000000]: Aborting because a valid plan could not be found. Even after executing all recovery behaviors',
        'policy_failure/task_not_achieved',
      ],
    ]);
    t.not(
      pair('[ERROR] [move_base]: Failed to make progress'),
      'policy_failure/task_not_achieved',
      "control: the progress checker's trip is a hang (rule 2), not a planner without a path",
    );
  },
);

t.test(
  'heartbeats or an activation that miss their deadline are a deadline (rule 2); a connect call that times out is the request',
  async (t) => {
    expectRules(t, [
      ['[04:44:12|Info ] heartbeats timed out (system_impl.cpp:263)', 'timeout/deadline_exceeded'],
      [
        'WARNING:dronekit:Link timeout, no heartbeat in last 5 seconds\nERROR:dronekit.mavlink:Exception in MAVLink input loop',
        'timeout/deadline_exceeded',
      ],
      ['Exception: Activation did not complete without timeout', 'timeout/deadline_exceeded'],
    ]);
    t.equal(
      pair(
        '>>> Link timeout, no heartbeat in last 5 seconds\n>>> No heartbeat in 30 seconds, aborting.\nTraceback (most recent call last):\n  File "fly.py", line 24, in <module>\n    vehicle = connect(args.connect, wait_ready=True)\ndronekit.APIException: Timeout in initializing connection.',
      ),
      'timeout/request_timeout',
      'control: the connect call that then times out is the request that timed out',
    );
  },
);

t.test(
  'a tf lookup older than the buffer holds is data late for its deadline; a frame that does not exist is the setup',
  async (t) => {
    expectRules(t, [
      [
        '[planner_server-3] [INFO] [1723004763.8] [global_costmap.global_costmap]: Timed out waiting for transform from base_link to map to become available, tf error: Lookup would require extrapolation into the past.  Requested time 1.254000 but the earliest data is at time 3.400000, when looking up transform from frame [base_link] to frame [map]',
        'timeout/deadline_exceeded',
      ],
    ]);
    t.equal(
      pair(
        '[ WARN] [1621153885.93]: Timed out waiting for transform from robot1/base_link to robot1/map to become available before running costmap, tf error: canTransform: target_frame robot1/map does not exist.',
      ),
      'config_error/invalid_config',
      'control: a frame that does not exist stays the setup (rule 3)',
    );
  },
);

t.test("numpy's NaN from the mean of an empty slice is the empty input (rule 7), not NaN data", async (t) => {
  expectRules(t, [
    [
      '/usr/lib/python3/dist-packages/numpy/core/fromnumeric.py:3504: RuntimeWarning: Mean of empty slice.\n  return _methods._mean(a, axis=axis, dtype=dtype, out=out, **kwargs)\n/usr/lib/python3/dist-packages/numpy/core/_methods.py:129: RuntimeWarning: invalid value encountered in scalar divide\n  ret = ret.dtype.type(ret / rcount)\nsuccess rate: nan',
      'data_error/empty_input',
    ],
  ]);
  t.equal(
    pair('[ERROR] [controller]: joint_3 position is nan, stopping'),
    'data_error/nan_or_inf',
    'control: a NaN in a robot state with no empty mean stays NaN data',
  );
});
