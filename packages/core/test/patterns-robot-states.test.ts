/**
 * Robot families read by their form (issue 13, the 2026-12-06 census of robotics-12's robot misses,
 * test/accuracy/census-2026-12-06-robot.md): a robot state that misses its stated window, a request
 * left unanswered within its window, a command refused in the robot's current state or mode, a
 * launch file that breaks its format, a lifecycle transition named by its label, a spawner or action
 * client that cannot reach its server, and the robot reading's words (a contraction of "could not",
 * the flight controller's EKF and its "inconsistent" sensors, "pre-arm" that names no arm). Each
 * family has positive texts and controls; the texts are written in the tools' own wording, not
 * copied from the accuracy cases.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'a robot state that does not arrive within its window is a deadline (rule 2)',
  [
    ['[joint_trajectory_action-3] [WARN] [1748264700.1] [joint_trajectory_action]: Trajectory state not received for 2 seconds', 'timeout/deadline_exceeded'],
    ["[ WARN] [1576115.6]: Failed to validate trajectory: couldn't receive full current joint state within 0.5s", 'timeout/deadline_exceeded'],
    ['[ERROR] [1.0] [arm_driver]: robot state not received for 3 sec, stopping', 'timeout/deadline_exceeded'],
    ['java.lang.IllegalStateException: Update of motion runtime did not succeed within 2 second(s). Its state is Active', 'timeout/deadline_exceeded'],
  ],
  [
    // A sensor's frames or packets late: the sensor (rule 2), not the deadline.
    ['[camera-1] [WARN] [1.0] [camera.camera]: Frames didn\'t arrived within 5 seconds', 'hardware_fault/sensor_fault'],
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
    ['[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Controller not in REMOTE mode (5005)', 'validation_error/forbidden_operation'],
    ['[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Servo power is off (5006)', 'validation_error/forbidden_operation'],
    ['RuntimeError: jog is not allowed in the current mode', 'validation_error/forbidden_operation'],
  ],
  [
    // A refusal because of an emergency stop is the stop (rule 8); an alarm is not read as a refusal.
    ['[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Controller in E-Stop (5003)', 'hardware_fault/emergency_stop'],
    ['[ERROR] [1.0]: Failed to set TrajectoryMode: Not Ready (5) : Controller in alarm (5001)', '!validation_error/forbidden_operation'],
  ],
);

familyWithControls(
  'a launch file that breaks the launch format is a schema violation (rule 4 by analogy)',
  [
    ['Invalid roslaunch XML syntax: not well-formed (invalid token): line 12, column 3', 'validation_error/schema_violation'],
    ['Invalid roslaunch XML syntax: mismatched tag: line 7, column 2\nThe traceback for the exception was written to the log file', 'validation_error/schema_violation'],
    [
      "[ERROR] [launch]: Caught exception in launch (see debug for traceback): Caught exception when trying to load file of format [xml]: Unexpected nested tag(s) found in `group`: {'remap'}",
      'validation_error/schema_violation',
    ],
  ],
  [
    // roslaunch says "XML syntax" of an included file that does not exist: the file (rule 3).
    ["Invalid roslaunch XML syntax: [Errno 2] No such file or directory: u'/home/u/ws/src/arm/launch/upload.launch'", 'config_error/file_not_found'],
  ],
);

familyWithControls(
  "a lifecycle transition named by its label and refused in the node's state; a service's reply is no episode",
  [
    ['[base-1] [WARN] [1594978436.1] [rcl_lifecycle]: No transition matching deactivate found for current state unconfigured', 'validation_error/forbidden_operation'],
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
    ['[spawner-2] [WARN] [spawner_diff_drive_controller]: Could not contact service /controller_manager/load_controller', 'timeout/request_timeout'],
    ['[INFO] [1.0]: Waiting for move_base action server...\n[ERROR] [2.0]: Action server not available!', 'timeout/request_timeout'],
  ],
  [['[ERROR] [1.0]: Could not connect to the database at db:5432', '!timeout/request_timeout']],
);

familyWithControls(
  "the robot reading: \"couldn't\", the EKF and its inconsistent sensors, a pre-arm check that names no arm",
  [
    ["[ERROR] [1375883059.6]: Couldn't open joystick /dev/input/js2. Will retry every second.", 'config_error/file_not_found'],
    ['PreArm: EKF3 Yaw inconsistent by 45 deg', 'hardware_fault/sensor_fault'],
    ['Getting pre-arm errors "EKF2 Yaw inconsistent" and sometimes "Gyros inconsistent" after boot', 'hardware_fault/sensor_fault'],
    ['Preflight fail: compasses inconsistent', 'hardware_fault/sensor_fault'],
  ],
  [
    // An arm is still an actuator.
    ['[ERROR] [1.0]: left arm overcurrent on joint 3', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1.0]: EKF3 waiting for GPS config data', '!hardware_fault/actuator_fault'],
  ],
);
