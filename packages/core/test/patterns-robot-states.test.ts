/**
 * Robot families read by their form (issue 13, the 2026-12-06 census of robotics-12's robot misses,
 * test/accuracy/census-2026-12-06-robot.md): a robot state that misses its stated window, a request
 * left unanswered within its window, a command refused in the robot's current state or mode, a
 * launch file that breaks its format, a lifecycle transition named by its label, a spawner or action
 * client that cannot reach its server, and the robot reading's words (a contraction of "could not",
 * the flight controller's EKF and its "inconsistent" sensors, "pre-arm" that names no arm, thrust
 * loss, a hard-limit alarm, CAN motor controllers, "could not be found", an unrecognised file
 * format), libusb's error names, a GStreamer element not installed, CMake pointed at a directory
 * without CMakeLists.txt, a robot loop's watchdog overrun, MuJoCo's BADQACC-style warnings, a rosbag2
 * file that is no SQLite database, Windows' "The parameter is incorrect". Each
 * family has positive texts and controls; the texts are written in the tools' own wording, not
 * copied from the accuracy cases.
 */
import t from 'tap';
import { familyWithControls, readLog } from './patterns-read.js';

/** Texts the learned second opinion may already answer: each is read by the rules (a pattern or the structure), not by the model. */
const readByRules = (name: string, texts: string[]) =>
  t.test(name, async (t) => {
    for (const text of texts) t.not(readLog(text).code, 'model.second_opinion', `read by the rules: ${text.slice(0, 70)}`);
  });

familyWithControls(
  'a robot state that does not arrive within its window is a deadline (rule 2)',
  [
    [
      '[joint_trajectory_action-3] [WARN] [1748264700.1] [joint_trajectory_action]: Trajectory state not received for 2 seconds',
      'timeout/deadline_exceeded',
    ],
    [
      "[ WARN] [1576115.6]: Failed to validate trajectory: couldn't receive full current joint state within 0.5s",
      'timeout/deadline_exceeded',
    ],
    ['[ERROR] [1.0] [arm_driver]: robot state not received for 3 sec, stopping', 'timeout/deadline_exceeded'],
    [
      'java.lang.IllegalStateException: Update of motion runtime did not succeed within 2 second(s). Its state is Active',
      'timeout/deadline_exceeded',
    ],
  ],
  [
    // A sensor's frames or packets late: the sensor (rule 2), not the deadline.
    ["[camera-1] [WARN] [1.0] [camera.camera]: Frames didn't arrived within 5 seconds", 'hardware_fault/sensor_fault'],
    ['ouster.client.core.ClientTimeout: No packets received within 1.0s', 'hardware_fault/sensor_fault'],
    ['[INFO] [1.0] [arm_driver]: joint state received within 1s of start', '!timeout/deadline_exceeded'],
  ],
);

familyWithControls(
  'a request unanswered within its window, no device named, is a request timeout (rule 2)',
  [
    [
      'Stopping task due to the following error:\njava.lang.IllegalStateException: Error during request GetToolRequest: Sunrise did not respond to SSR ToolObserver request within 10 SECONDS.',
      'timeout/request_timeout',
    ],
    ['[ERROR] [1.0]: controller did not respond to the status request within 3 s', 'timeout/request_timeout'],
  ],
  [['[ERROR] [1.0]: controller did not respond to the status request, retrying', '!timeout/request_timeout']],
);

familyWithControls(
  "a command refused in the robot's current state or mode is a forbidden operation (rule 8)",
  [
    ['OSError: [Errno 1] The requested operation is not valid in the current state', 'validation_error/forbidden_operation'],
    [
      '[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Controller not in REMOTE mode (5005)',
      'validation_error/forbidden_operation',
    ],
    [
      '[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Servo power is off (5006)',
      'validation_error/forbidden_operation',
    ],
    ['RuntimeError: jog is not allowed in the current mode', 'validation_error/forbidden_operation'],
  ],
  [
    // A refusal because of an emergency stop is the stop (rule 8); an alarm is not read as a refusal.
    ['[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Controller in E-Stop (5003)', 'hardware_fault/emergency_stop'],
    [
      '[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Controller in alarm (5001)',
      '!validation_error/forbidden_operation',
    ],
  ],
);

familyWithControls(
  'a launch file that breaks the launch format is a schema violation (rule 4 by analogy)',
  [
    ['Invalid roslaunch XML syntax: not well-formed (invalid token): line 12, column 3', 'validation_error/schema_violation'],
    [
      'Invalid roslaunch XML syntax: mismatched tag: line 7, column 2\nThe traceback for the exception was written to the log file',
      'validation_error/schema_violation',
    ],
    [
      "[ERROR] [launch]: Caught exception in launch (see debug for traceback): Caught exception when trying to load file of format [xml]: Unexpected nested tag(s) found in `group`: {'remap'}",
      'validation_error/schema_violation',
    ],
  ],
  [
    // roslaunch says "XML syntax" of an included file that does not exist: the file (rule 3).
    [
      "Invalid roslaunch XML syntax: [Errno 2] No such file or directory: u'/home/u/ws/src/arm/launch/upload.launch'",
      'config_error/file_not_found',
    ],
  ],
);

familyWithControls(
  "a lifecycle transition named by its label and refused in the node's state; a service's reply is no episode",
  [
    [
      '[base-1] [WARN] [1594978436.1] [rcl_lifecycle]: No transition matching deactivate found for current state unconfigured',
      'validation_error/forbidden_operation',
    ],
    [
      'response:\nlifecycle_msgs.srv.ChangeState_Response(success=False)\n[base-1] [WARN] [1.0] [rcl_lifecycle]: No transition matching configure found for current state active',
      'validation_error/forbidden_operation',
    ],
  ],
  [
    ['requester: making request\nresponse:\nstd_srvs.srv.SetBool_Response(success=False)', '!policy_failure/task_not_achieved'],
    ['Episode 12 finished: success: False, steps: 300', 'policy_failure/task_not_achieved'],
  ],
);

familyWithControls(
  'a spawner or an action client that cannot reach its server is a request timeout (rule 2)',
  [
    [
      '[spawner-2] [WARN] [spawner_diff_drive_controller]: Could not contact service /controller_manager/load_controller',
      'timeout/request_timeout',
    ],
    [
      '[INFO] [1.0]: Waiting for move_base action server...\n[ERROR] [2.0]: Action server not available!',
      'timeout/request_timeout',
    ],
  ],
  [['[ERROR] [1.0]: Could not connect to the database at db:5432', '!timeout/request_timeout']],
);

familyWithControls(
  'the robot reading: "couldn\'t", the EKF and its inconsistent sensors, a pre-arm check that names no arm',
  [
    ["[ERROR] [1375883059.6]: Couldn't open joystick /dev/input/js2. Will retry every second.", 'config_error/file_not_found'],
    ['PreArm: EKF3 Yaw inconsistent by 45 deg', 'hardware_fault/sensor_fault'],
    [
      'Getting pre-arm errors "EKF2 Yaw inconsistent" and sometimes "Gyros inconsistent" after boot',
      'hardware_fault/sensor_fault',
    ],
    ['Preflight fail: compasses inconsistent', 'hardware_fault/sensor_fault'],
  ],
  [
    // An arm is still an actuator.
    ['[ERROR] [1.0]: left arm overcurrent on joint 3', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1.0]: EKF3 waiting for GPS config data', '!hardware_fault/actuator_fault'],
  ],
);

familyWithControls(
  "libusb's error names: access refused is a permission, no device a device that is not there (rule 3)",
  [
    [
      '[driver-1] [ERROR] [1.0] [gnss]: usb init error: Error opening device: LIBUSB_ERROR_ACCESS',
      'auth_error/permission_denied',
    ],
    ['[ros2_control_node-1] [ERROR] [1.0] [CameraInterface]: LIBUSB_ERROR_NOT_FOUND', 'config_error/file_not_found'],
    ['[ros2_control_node-1] [ERROR] [1.0] [AxisInterface]: LIBUSB_ERROR_NO_DEVICE', 'config_error/file_not_found'],
  ],
  // A device that dropped off mid-run is the device (rule 2).
  [['[ERROR] [1.0] [cam]: LIBUSB_ERROR_NO_DEVICE: device disconnected while streaming', '!config_error/file_not_found']],
);

familyWithControls(
  'a GStreamer element no plugin provides is a missing module (rule 5)',
  [['WARNING: erroneous pipeline: no element "nvarguscamerasrc"', 'import_error/module_not_found']],
  [['xml.parsers.expat.ExpatError: no element found: line 3, column 0', '!import_error/module_not_found']],
);

familyWithControls(
  'CMake pointed at a directory without CMakeLists.txt is a file not found (rule 3)',
  [
    [
      'CMake Error: The source directory "/home/u/ws/src/arm_driver" does not appear to contain CMakeLists.txt.',
      'config_error/file_not_found',
    ],
  ],
  [
    [
      'CMake Error at CMakeLists.txt:10 (find_package):\n  By not providing "Findament_cmake.cmake" in CMAKE_MODULE_PATH this project has\n  asked CMake to find a package configuration file provided by "ament_cmake", but\n  CMake did not find one.\n\n  Could not find a package configuration file provided by "ament_cmake" with any\n  of the following names:',
      'import_error/module_not_found',
    ],
  ],
);

familyWithControls(
  "a robot loop's watchdog overrun is a hang (rule 2)",
  [
    [
      'Warning at edu.wpi.first.wpilibj.IterativeRobotBase.printLoopOverrunMessage(IterativeRobotBase.java:436): Loop time of 0.02s overrun',
      'timeout/hang_or_deadlock',
    ],
  ],
  [['ring buffer overrun detected, dropping samples', '!timeout/hang_or_deadlock']],
);

familyWithControls(
  "MuJoCo's warning names for NaN/Inf state are data (rule 7); a rosbag2 file that is no SQLite database is corrupt input",
  [
    ['MuJoCo warning: mjWARN_BADQACC at step 1200', 'data_error/nan_or_inf'],
    ['I get a BADQPOS warning at time 3.2 when the arm hits the table', 'data_error/nan_or_inf'],
    [
      "[ERROR] [1.0] [rosbag2_storage]: Could not open 'run_0.db3' with 'sqlite3'. Error: Failed to setup storage. Error: SQLite error (26): file is not a database",
      'data_error/corrupt_input',
    ],
  ],
  [
    [
      "[ERROR] [1.0] [rosbag2_storage]: Could not open 'run_0.db3' with 'sqlite3'. Error: Failed to setup storage. Error: unable to open database file",
      '!data_error/corrupt_input',
    ],
  ],
);

familyWithControls(
  "Windows' ERROR_INVALID_PARAMETER (E_INVALIDARG) is an argument rejected",
  [
    ['Failed to set tool: The parameter is incorrect. (80070057)', 'validation_error/invalid_argument'],
    ['OSError: [WinError 87] The parameter is incorrect', 'validation_error/invalid_argument'],
  ],
  [['PermissionError: [WinError 5] Access is denied', 'auth_error/permission_denied']],
);

familyWithControls(
  'the robot reading: thrust loss, a hard-limit alarm, CAN motor controllers, "could not be found", an unrecognised file format',
  [
    ['Potential thrust loss (3)', 'hardware_fault/actuator_fault'],
    ['ALARM: Hard Limit', 'hardware_fault/emergency_stop'],
    [
      'ERROR  5  [CAN SPARK MAX] Unable to retrieve SPARK MAX firmware version for CAN ID: 12. Please verify the deviceID field',
      'hardware_fault/actuator_fault',
    ],
    [
      "[ERROR] [launch]: Caught exception in launch (see debug for traceback): YAML file '/ws/config/robot.yaml' could not be found",
      'config_error/file_not_found',
    ],
    ['Failed to create ros reader: Invalid file format, file does not contain topic "/file_version"', 'data_error/corrupt_input'],
  ],
  [
    ['epoch 3 loss: 0.35 thrust 12.0', '!hardware_fault/actuator_fault'],
    ['Soft limit reached on joint 2, motion clamped', '!hardware_fault/emergency_stop'],
    [
      '[ERROR] [1.0]: Aborting because a valid plan could not be found. Even after executing all recovery behaviors',
      'policy_failure/task_not_achieved',
    ],
  ],
);

familyWithControls(
  "a driver's socket to the robot controller that failed first names the cause of the execution deadline after it (rule 1)",
  [
    [
      "[ERROR] [1494438486.5]: Failed to connect to server, rc: -1. Error: 'Connection refused' (errno: 111)\n[ERROR] [1494438486.6]: Failed to connect to motion server\n[ERROR] [1494438490.1]: Controller is taking too long to execute trajectory (the expected upper bound for the trajectory execution was 2.5 seconds). Stopping trajectory.",
      'network_error/connection_refused',
    ],
    [
      "[ERROR] [1.0]: Socket sendBytes failed, rc: -1. Error: 'Broken pipe' (errno: 32)\n[ERROR] [1.1]: Failed to send MotionCtrl message\n[ERROR] [2.0]: Controller is taking too long to execute trajectory (the expected upper bound for the trajectory execution was 1.5 seconds). Stopping trajectory.",
      'network_error/connection_reset',
    ],
  ],
  [
    [
      '[ERROR] [1494438490.1]: Controller is taking too long to execute trajectory (the expected upper bound for the trajectory execution was 2.5 seconds). Stopping trajectory.',
      'timeout/deadline_exceeded',
    ],
  ],
);

familyWithControls(
  "ArduPilot's variance errors are its sensors; a permission error said in prose is a permission",
  [
    ['After switching to LAND I got "Error Compass Variance" and then the copter drifted', 'hardware_fault/sensor_fault'],
    ['The GPS glitch came from a variance between the GPS and the EKF position', 'hardware_fault/sensor_fault'],
    [
      'I get a permission error when the script opens the gripper over USB unless I run it as root',
      'auth_error/permission_denied',
    ],
  ],
  [
    [
      'tensorflow/core/framework/op_kernel.cc: OOM when allocating tensor with shape[64,256] BatchNorm/moving_variance/read',
      '!hardware_fault/sensor_fault',
    ],
  ],
);

readByRules("the variance and permission-error readings are the rules' own", [
  'After switching to LAND I got "Error Compass Variance" and then the copter drifted',
  'I get a permission error when the script opens the gripper over USB unless I run it as root',
]);

familyWithControls(
  "ArduPilot's EKF switching lanes or its primary core is its sensors disagreeing",
  [
    ['EKF LANE SWITCH 2\nEKF PRIMARY CHANGED:2', 'hardware_fault/sensor_fault'],
    ['13.42.01.804 EKF Primary changed and 2nd EKF has become primary', 'hardware_fault/sensor_fault'],
  ],
  [['EKF3 IMU0 tilt alignment complete\nEKF3 IMU1 is using GPS', 'unknown/unknown']],
);

readByRules("the EKF lane-switch reading is the rules' own", [
  'EKF LANE SWITCH 2\nEKF PRIMARY CHANGED:2',
  '13.42.01.804 EKF Primary changed and 2nd EKF has become primary',
]);
