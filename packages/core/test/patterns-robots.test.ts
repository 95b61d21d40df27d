/**
 * The robot family (patterns/families/robots.ts): its earlier readings (moved here from
 * patterns.test.ts) and the readings added for issue 13: hardware
 * interfaces that do not come up, drive error registers, sensor drivers that cannot reach their
 * device, build dependencies of a ROS workspace, transform lookups out of the buffer — and the
 * look-alikes that must keep their own reading. Written in the wording of ros2_control,
 * CANopen/ODrive/Dynamixel tools, sensor drivers, colcon/CMake and tf2; not accuracy cases.
 */
import t from 'tap';
import { expectReadings, family, readLog } from './patterns-read.js';

t.test('a ros2_control hardware component that fails to activate is an actuator fault', async (t) => {
  expectReadings(t, [
    [
      "[ros2_control_node-1] [ERROR] [1700000000.5] [resource_manager]: Failed to 'activate' hardware 'left_arm'\n[ros2_control_node-1] terminate called after throwing an instance of 'std::runtime_error'\n[ros2_control_node-1]   what():  Failed to set the initial state of the component : left_arm to active",
      'hardware_fault/actuator_fault',
    ],
  ]);
});

t.test('drive error registers: CANopen emergencies, ODrive axis errors, Dynamixel hardware errors', async (t) => {
  expectReadings(t, [
    [
      'EMCY: 82#0000000000000000\nEMCY: 82#FF1034A000000000\n[ERROR] [1541497011.7]: Node has emergency error',
      'hardware_fault/actuator_fault',
    ],
    ['>>> odrv0.axis1.error\n64\n>>> odrv0.axis1.motor.error\n4096', 'hardware_fault/actuator_fault'],
    ['[dynamixel_hardware]: [ID:3] Overload Error detected, torque disabled', 'hardware_fault/actuator_fault'],
  ]);
  // A CANopen emergency message whose error code is all zeros is the "no error" reset, not a fault;
  // the positive control above (a non-zero code) reads as one.
  const reset = readLog('EMCY: 82#0000000000000000\nEMCY: 83#0000000000000000\n[robot_init-6] process has finished cleanly');
  t.not(reset.category, 'hardware_fault', `all-zero EMCY frames are resets (${reset.code})`);
});

t.test('a sensor driver that cannot talk to its device is a sensor fault, not a network timeout', async (t) => {
  expectReadings(t, [
    [
      '[ERROR] [1697703151.5]: MIP SDK: Failed to write serial data (5): Input/output error\n[ERROR] [1697703151.5]: Failed to fetch device info',
      'hardware_fault/sensor_fault',
    ],
    ['[xsens_driver] MT error: timeout waiting for message.', 'hardware_fault/sensor_fault'],
    ['[pylon_camera_node]: Error while trying to open the desired camera!', 'hardware_fault/sensor_fault'],
  ]);
  const http = readLog(
    'requests.exceptions.ReadTimeout: HTTPSConnectionPool(host=api.example.com, port=443): Read timed out. (read timeout=10)',
  );
  t.equal(http.category, 'timeout', `a read timeout away from sensors stays a timeout (${http.code})`);
});

t.test('a colcon/CMake dependency that is not installed is module_not_found; argparse choices elsewhere are not', async (t) => {
  expectReadings(t, [
    [
      '--- stderr: my_robot_bringup\nCMake Error at CMakeLists.txt:12 (find_package):\n  By not providing "Findnav2_msgs.cmake" in CMAKE_MODULE_PATH this project has\n  Could not find a package configuration file provided by "nav2_msgs" with any\n  of the following names:',
      'import_error/module_not_found',
    ],
    [
      "ros2 bag record: error: argument -s/--storage: invalid choice: 'mcap' (choose from 'sqlite3')",
      'import_error/module_not_found',
    ],
  ]);
  const argparse = readLog("train.py: error: argument --optimizer: invalid choice: 'adamw8' (choose from 'adam', 'sgd')");
  t.not(argparse.category, 'import_error', `an ordinary CLI choice is not a missing package (${argparse.code})`);
});

t.test('a storage option outside its allowed values is a config error, not a missing plugin', async (t) => {
  expectReadings(t, [
    [
      "[ERROR] [rosbag2_storage]: Could not open 'bag_0' with 'mcap'. Error: unknown MCAP storage preset profile (valid options are 'fastwrite', 'zstd_fast'): fast\n[ERROR] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'",
      'config_error/invalid_config',
    ],
  ]);
});

t.test('a transform lookup outside the TF buffer reads as a clock/config problem, at medium confidence', async (t) => {
  const r = readLog(
    '[ERROR] [1574652169.72, 3.25]: Lookup would require extrapolation into the future.  Requested time 1574652168.59 but the latest data is at time 3.23, when looking up transform from frame [base_link] to frame [map]',
  );
  t.equal(`${r.category}/${r.factor}`, 'config_error/invalid_config', `${r.code}`);
  t.ok(r.confidence < 0.8, `not confident: the clock is the usual cause, not the only one (${r.confidence})`);
});

t.test('a transform a fraction of a second late is a deadline; seconds apart are two clocks', async (t) => {
  const late = readLog(
    '[ERROR] [1700001234.512, 52.310000000]: Extrapolation Error: Lookup would require extrapolation into the future.  Requested time 52.290000000 but the latest data is at time 52.120000000, when looking up transform from frame [odom] to frame [map]\n[ERROR] [1700001234.512, 52.310000000]: Could not get local plan',
  );
  t.equal(`${late.category}/${late.factor}`, 'timeout/deadline_exceeded', `a 0.17 s gap is a late transform (${late.code})`);
  t.ok(late.confidence < 0.8, `not confident (${late.confidence})`);
  // Positive control of the other reading in the same test: a gap of decades is a clock mismatch.
  const clocks = readLog(
    '[ERROR] [1574652169.72, 3.25]: Lookup would require extrapolation into the future.  Requested time 1574652168.59 but the latest data is at time 3.23, when looking up transform from frame [base_link] to frame [map]',
  );
  t.equal(`${clocks.category}/${clocks.factor}`, 'config_error/invalid_config', `${clocks.code}`);
});

t.test('roslaunch: nodes it cannot locate, controllers with no type, killed nodes', async (t) => {
  expectReadings(t, [
    [
      "ERROR: cannot launch node of type [ur_driver/ur_driver_node]: can't locate node [ur_driver_node] in package [ur_driver]",
      'import_error/module_not_found', // rule 5: the node is not built or installed (labels 8 to 5)
    ],
    [
      "[ros2_control_node-1] [ERROR] [1700000000.1] [controller_manager]: The 'type' param was not defined for 'arm_controller'.\n[spawner-4] [FATAL] [1700000000.2] [spawner_arm_controller]: Failed loading controller arm_controller",
      'config_error/invalid_config',
    ],
    [
      '[pointcloud_mapper-3] process has died [pid 4121, exit code -9, cmd /home/u/ws/devel/lib/mapper/pointcloud_mapper __name:=pointcloud_mapper].',
      'resource_error/host_oom',
    ],
  ]);
  const killed = readLog(
    '[ERROR] [octomap_server-2]: process has died [pid 812, exit code -9, cmd /opt/ros/humble/lib/octomap_server/octomap_server_node].',
  );
  t.ok(killed.confidence < 0.8, `a SIGKILL is most often the OOM killer, not always (${killed.confidence})`);
  // A node that died of a segmentation fault alone says nothing about memory.
  const segv = readLog(
    '[detector-1] process has died [pid 9706, exit code -11, cmd /home/u/ws/devel/lib/det/detector __name:=detector].',
  );
  t.not(segv.category, 'resource_error', `exit -11 is no memory kill (${segv.code})`);
});

// A parameter of the wrong type is a type mismatch (validation_error/type_mismatch, as the
// robotics-1 labels and taxonomy.md have it); one never declared is a configuration error.
t.test('ROS 2 parameters of the wrong type are type mismatches; never declared ones are configuration errors', async (t) => {
  expectReadings(t, [
    [
      "[ERROR] [1700000001.2] [amcl]: Original error: parameter 'max_particles' has invalid type: Wrong parameter type, parameter {max_particles} is of type {integer}, setting it to {double} is not allowed.",
      'validation_error/type_mismatch',
    ],
    [
      "terminate called after throwing an instance of 'rclcpp::exceptions::ParameterNotDeclaredException'\n  what():  parameter 'use_imu' is not declared",
      'config_error/invalid_config',
    ],
  ]);
});

t.test('CAN bus faults and failsafes; a battery failsafe stays a battery', async (t) => {
  expectReadings(t, [
    [
      '[canopen_master]: can0: bus-off, restarting interface\n[ERROR] socketcan: write failed: Network is down',
      'hardware_fault/actuator_fault',
    ],
    [
      '[px4] WARN  [commander] Failsafe enabled: no RC and no offboard\n[px4] INFO  [commander] Failsafe mode activated',
      'hardware_fault/emergency_stop',
    ],
    ['[px4] WARN  [commander] Battery failsafe: return to launch (remaining 14%)', 'hardware_fault/battery_low'],
  ]);
});

t.test('recordings that cannot be read, simulation assets not found, descriptions that do not match', async (t) => {
  expectReadings(t, [
    ['rosbag.bag.ROSBagUnindexedException: Unable to read unindexed bag file', 'data_error/corrupt_input'],
    ['[Err] [ModelDatabase.cc:414] Unable to find uri[model://warehouse_shelf]', 'config_error/file_not_found'],
    ["[move_group]: Joint 'arm_joint_7' not found in model 'ur5e'", 'config_error/invalid_config'],
    [
      '[robot_state_publisher]: Timed out waiting for transform from base_link to map to become available',
      'config_error/invalid_config',
    ],
  ]);
  // A mention of a bag file that was written fine is no damage: the same recorder, healthy.
  const fine = readLog(
    '[rosbag2_recorder]: Recording to bag_2026_01_01\n[rosbag2_recorder]: Subscribed to topic /scan\nfinished cleanly',
  );
  t.not(fine.category, 'data_error', `a healthy recording (${fine.code})`);
});

t.test('launch targets, controllers, lifecycle bring-up, GNSS fixes and calibration files', async (t) => {
  expectReadings(t, [
    [
      'RLException: [bringup.launch] is neither a launch file in package [my_robot] nor is [my_robot] a launch file name',
      'config_error/file_not_found',
    ],
    [
      'ERROR: cannot launch node of type [my_pkg/talker.py]: Cannot locate node of type [talker.py] in package [my_pkg]. Make sure file exists',
      'import_error/module_not_found', // rule 5 (labels 8 to 5)
    ],
    [
      "[ERROR] [controller_manager]: Loader for controller 'diff_cont' (type 'diff_drive_controller/DiffDriveController') not found.",
      'import_error/module_not_found', // the controller's package not installed (docs/taxonomy.md rule 5)
    ],
    ['[navsat_transform]: No GPS fix, waiting for the receiver', 'hardware_fault/sensor_fault'],
    [
      '[usb_cam]: Failed to parse camera calibration from file [/home/u/.ros/camera_info/head_camera.yaml]',
      'config_error/invalid_config',
    ],
  ]);
  // A lifecycle bring-up that fails is the node's configuration, not a navigation goal given up,
  // even when the lifecycle manager's name ends in "navigation"; a real abort still reads as one.
  const bringup = readLog(
    '[ERROR] [1700000000.1] [lifecycle_manager_navigation]: Failed to change state for node: map_server\n[ERROR] [lifecycle_manager_navigation]: Failed to bring up all requested nodes. Aborting bringup.',
  );
  t.equal(`${bringup.category}/${bringup.factor}`, 'config_error/invalid_config', `bring-up (${bringup.code})`);
  t.ok(bringup.confidence < 0.8, `medium confidence: the node's own error says more (${bringup.confidence})`);
  const abort = readLog('[bt_navigator]: [navigate_to_pose] [ActionServer] Aborting handle.');
  t.equal(abort.category, 'policy_failure', `a goal aborted (${abort.code})`);
});

// ───────────── earlier readings of the family (from patterns.test.ts) ─────────────

family('robot hardware: actuators, e-stops, and sensor timeouts (a timeout of a sensor is a sensor fault)', [
  [
    '[ERROR] [1700000000.1]: [motor_driver]: Motor 3 overcurrent detected (12.4 A), disabling drive',
    'hardware_fault/actuator_fault',
  ],
  ['[dynamixel_workbench]: [ID:4] Overload error!', 'hardware_fault/actuator_fault'],
  ['[TxRxResult] There is no status packet!', 'hardware_fault/actuator_fault'],
  ['[ERROR] [safety_controller]: Emergency stop activated by operator', 'hardware_fault/emergency_stop'],
  ['[ERROR] [franka_control]: libfranka: Move command aborted: external stop button pressed', 'hardware_fault/emergency_stop'],
  ['[ERROR] [sick_scan]: Timeout while waiting for scan data from 192.168.0.1', 'hardware_fault/sensor_fault'],
  ['[WARN] [ouster_driver]: lidar packet timeout, no data for 1.0 s', 'hardware_fault/sensor_fault'],
  ['[ERROR] [imu_node]: IMU data timeout, no message received for 0.5 s', 'hardware_fault/sensor_fault'],
  ['[ERROR] [gps_node]: no fix, NMEA read timed out after 2.0 s', 'hardware_fault/sensor_fault'],
  ['process[imu-1]: started\n[ERROR] [17.2]: Exception: Device did not respond to ping.', 'hardware_fault/sensor_fault'],
  ["[ERROR] [camera/realsense2_camera]: Frames didn't arrive within 5 seconds", 'hardware_fault/sensor_fault'],
  ['[ERROR] [rplidar_node]: Error, cannot bind to the specified serial port /dev/ttyUSB0.', 'hardware_fault/sensor_fault'],
  ["[ERROR] [usb_cam]: Cannot identify '/dev/video0': 2, No such file or directory", 'hardware_fault/sensor_fault'],
  ['[WARN] [ekf_node]: No IMU data received for 1.0 s', 'hardware_fault/sensor_fault'],
]);

family('timeouts away from sensors stay timeouts', [
  [
    "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=30)",
    'timeout/request_timeout',
  ],
  ['Loading camera images from /data/cam\nhttpx.ReadTimeout: timed out', 'timeout/request_timeout'],
  [
    "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='llm.internal', port=443): Read timed out.\nERROR - 500 Internal Server Error: The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.",
    'timeout/request_timeout',
  ],
]);

family('ROS: packages, frames, controllers, planners and drivers', [
  [
    "[ERROR] [launch]: Caught exception in launch (see debug for traceback): \"package 'nav2_bringup' not found, searching: ['/opt/ros/humble']\"",
    'import_error/module_not_found',
  ],
  [
    'Could not transform: "base_footprint" passed to lookupTransform argument target_frame does not exist',
    'config_error/invalid_config',
  ],
  ['[joint_state_broadcaster]: None of requested interfaces exist. Controller will not run.', 'config_error/invalid_config'],
  [
    '[ WARN] [1690424500.041539687]: Fail: ABORTED: No motion plan found. No execution attempted.',
    'policy_failure/task_not_achieved',
  ],
  [
    "[controller_manager]: Exception of type : St13runtime_error thrown during write of the component 'ArmHardware': Control hasn't been started",
    'runtime_error/unhandled_exception',
  ],
  ['[ERROR] [1371811613.728281233]: No SICK TiM5xx devices connected!', 'hardware_fault/sensor_fault'],
]);

family('robots and models: masters, shapes and scenarios', [
  ['ERROR: Unable to communicate with master!', 'network_error/connection_refused'],
  ['RuntimeError: mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)', 'runtime_error/value_error'],
  [
    'AssertionError: expected undefined to be an array\n\n3 scenarios (1 failed, 2 passed)\n11 steps (1 failed, 10 passed)',
    'verification_failure/scenario_failed',
  ],
]);

t.test('a diff-drive wheel joint missing from the hardware interfaces is configuration', async (t) => {
  expectReadings(t, [
    [
      "[ERROR] [diff_drive_controller]: Wheel joint 'rear_left_wheel_joint' not found in the state interfaces",
      'config_error/invalid_config',
    ],
  ]);
});

t.test('a costmap whose robot pose is older than its tolerance is a late transform', async (t) => {
  const r = readLog(
    '[WARN] [global_costmap.global_costmap]: Costmap2DROS transform timeout. Current time: 1700000100.9120, global_pose stamp: 1700000100.4410, tolerance: 0.3000',
  );
  t.equal(`${r.category}/${r.factor}`, 'timeout/deadline_exceeded', `${r.code}`);
  t.ok(r.confidence < 0.8, `${r.confidence}`);
});
