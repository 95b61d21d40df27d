/**
 * The drivers family (patterns/families/drivers.ts): robot drivers and controllers read by
 * their vendors' vocabulary — libfranka reflex names, ODrive error enums, arm fault states,
 * trajectory tolerance aborts, grippers that do not answer, lidar/IMU device failures,
 * autopilot preflight sensor checks, corrupt NMEA sentences, unreachable robot controllers,
 * operations refused in the robot's state — and the look-alikes that keep their own reading.
 * Written in the wording those tools print (not the accuracy cases' texts).
 */
import t from 'tap';
import { family, readLog } from './patterns-read.js';

family('libfranka: a collision/force reflex is a protective stop; missed packets are a deadline', [
  [
    'terminate called after throwing an instance of \'franka::ControlException\'\n  what():  libfranka: Move command aborted: motion aborted by reflex! ["joint_reflex"]',
    'hardware_fault/emergency_stop',
  ],
  [
    'franka::ControlException: libfranka: Move command aborted: motion aborted by reflex! ["self_collision_avoidance_violation"]',
    'hardware_fault/emergency_stop',
  ],
  [
    '[ros2_control_node-1] what():  libfranka: Move command aborted: motion aborted by reflex! ["communication_constraints_violation"]',
    'timeout/deadline_exceeded',
  ],
]);

t.test('a motion-generator discontinuity is not read as a protective stop', async (t) => {
  const stop = readLog('libfranka: Move command aborted: motion aborted by reflex! ["cartesian_reflex"]');
  t.equal(`${stop.category}/${stop.factor}`, 'hardware_fault/emergency_stop', 'control: a reflex is a stop');
  const jump = readLog(
    'libfranka: Move command aborted: motion aborted by reflex! ["joint_motion_generator_velocity_discontinuity", "joint_motion_generator_acceleration_discontinuity"]',
  );
  t.not(jump.factor, 'emergency_stop', `commands that jump are not a safety stop (${jump.code})`);
});

family('drive error enums, arm fault states and trajectory tolerance aborts are actuator faults', [
  [
    'axis0\n  axis: Error(s):\n    AxisError.MOTOR_FAILED\n  motor: Error(s):\n    MotorError.PHASE_RESISTANCE_OUT_OF_RANGE',
    'hardware_fault/actuator_fault',
  ],
  ['odrv0.axis1: EncoderError.CPR_POLEPAIRS_MISMATCH', 'hardware_fault/actuator_fault'],
  ['[ERROR] [kortex_driver]: Error sub type=ROBOT_IN_FAULT, cannot execute the action', 'hardware_fault/actuator_fault'],
  [
    '[ WARN] [1508834853.40]: Controller arm_controller failed with error code PATH_TOLERANCE_VIOLATED\n[ INFO] ABORTED: Solution found but controller failed during execution',
    'hardware_fault/actuator_fault',
  ],
  ['[joint_trajectory_controller]: Path tolerances failed for joint: elbow_joint', 'hardware_fault/actuator_fault'],
  [
    '[ERROR] [robotiq_2f_gripper]: Gripper on port /dev/ttyUSB0 does not respond, aborting grasp',
    'hardware_fault/actuator_fault',
  ],
]);

t.test('an all-clear drive dump is not a fault', async (t) => {
  const bad = readLog('axis0\n  motor: Error(s):\n    MotorError.DRV_FAULT');
  t.equal(bad.factor, 'actuator_fault', 'control: a motor error flag is a fault');
  const ok = readLog('system: no error\naxis0\n  axis: AxisError.NONE\n  motor: no error\n  encoder: no error');
  t.not(ok.factor, 'actuator_fault', `AxisError.NONE is no error (${ok.code})`);
});

family('sensor devices that report a failure, and autopilot preflight sensor checks, are sensor faults', [
  [
    '[RPLIDAR] Error, rplidar internal error detected. Please reboot the device to retry.\nlidar health check failed',
    'hardware_fault/sensor_fault',
  ],
  ['[YDLIDAR] Failed to turn on the Lidar, because the lidar is [Laser Failure].', 'hardware_fault/sensor_fault'],
  ['[ WARN] [1600000000.1]: IMU data gather failed, retrying', 'hardware_fault/sensor_fault'],
  ['WARN  [PreFlightCheck] Preflight Fail: Accel Sensor 0 missing', 'hardware_fault/sensor_fault'],
  ['WARN  [commander] PREFLIGHT FAIL: GYRO #1 UNCALIBRATED', 'hardware_fault/sensor_fault'],
  ['APM: PreArm: Gyros not healthy', 'hardware_fault/sensor_fault'],
]);

family('corrupt device messages, unreachable controllers, refused operations', [
  [
    "[nmea_serial_driver][WARNING]: Received a sentence with an invalid checksum. Sentence was: '$GPGGA,123519,4807.038,N*4X'",
    'data_error/corrupt_input',
  ],
  [
    '[ERROR] [ur_robot_driver]: Could not connect to the robot at 192.168.1.10. Is it switched on?',
    'network_error/connection_refused',
  ],
  [
    "response: success=False, message='bosdyn.client.power.PowerResponseError (MotorsOnError): The operation is not allowed while motors are on.'",
    'validation_error/forbidden_operation',
  ],
]);

t.test('a real e-stop keeps its reading next to the refused-operation rule', async (t) => {
  const estop = readLog('[WARN] [spot_driver]: Software estop activated, robot is stopping');
  t.equal(`${estop.category}/${estop.factor}`, 'hardware_fault/emergency_stop', `an e-stop (${estop.code})`);
  const refused = readLog(
    'Exception while attempting to estop: (MotorsOnError): The operation is not allowed while motors are on.',
  );
  t.equal(refused.factor, 'forbidden_operation', `a refused e-stop configuration (${refused.code})`);
});

t.test('an errno number in C form is read; npm\'s "errno 1" exit status is not', async (t) => {
  const denied = readLog(
    '[1646397373.3] error | TermiosAgentLinux.cpp | init | open device error | device: /dev/ttyUSB0, errno: 13',
  );
  t.equal(`${denied.category}/${denied.factor}`, 'auth_error/permission_denied', `errno: 13 is EACCES (${denied.code})`);
  const npm = readLog('npm ERR! code ELIFECYCLE\nnpm ERR! errno 1\nnpm ERR! app@1.0.0 build: `tsc`\nnpm ERR! Exit status 1');
  t.not(npm.factor, 'permission_denied', `npm's errno 1 is not EPERM (${npm.code})`);
});

family('sensor serial devices that are not there, and connections to the robot that drop', [
  [
    '[ERROR] [1700000000.1] [ublox_gps_node]: U-Blox: Could not open serial port :/dev/ttyACM0 open: No such file or directory',
    'hardware_fault/sensor_fault',
  ],
  ['[ERROR] [ur_ros2_control_node]: Lost connection to robot. Shutting down.', 'network_error/connection_reset'],
]);

t.test('a missing serial device away from sensors stays a missing file', async (t) => {
  const imu = readLog('[imu_node]: could not open port /dev/ttyUSB0: [Errno 2] No such file or directory');
  t.equal(imu.factor, 'sensor_fault', `control: an IMU's device (${imu.code})`);
  const plain = readLog(
    "serial.serialutil.SerialException: [Errno 2] could not open port /dev/ttyUSB0: [Errno 2] No such file or directory: '/dev/ttyUSB0'",
  );
  t.equal(`${plain.category}/${plain.factor}`, 'config_error/file_not_found', `no sensor named: a missing file (${plain.code})`);
});

family('camera links, GNSS receivers refusing their configuration, radio links, configuration pre-arm checks', [
  [
    "[oak_node-1] terminate called after throwing an instance of 'std::runtime_error'\n[oak_node-1]   what():  Failed to find device after booting, error message: X_LINK_DEVICE_NOT_FOUND",
    'hardware_fault/sensor_fault',
  ],
  ["[depthai] Couldn't read data from stream: 'rgb' (X_LINK_ERROR)", 'hardware_fault/sensor_fault'],
  [
    "[ublox_gps_node-1] [INFO] [ublox_gps_node]: U-Blox: Opened serial port /dev/ttyACM0\n[ublox_gps_node-1] terminate called after throwing an instance of 'std::runtime_error'\n[ublox_gps_node-1]   what():  Could not configure serial baud rate",
    'config_error/invalid_config',
  ],
  ["[ERROR] [1598343835.2]: AACmd 'LOG BESTPOSB ONTIME 0.05' : 'ERROR:Invalid Message ID'", 'config_error/invalid_config'],
  ['WARNING:cflib.crazyflie:Got link error callback [Too many packets lost] in state [2]', 'network_error/connection_reset'],
  ['AP: PreArm: AHRS: not using configured AHRS type', 'config_error/invalid_config'],
  ['APM: PreArm: Compass not calibrated\nAPM: PreArm: 3D Accel calibration needed', 'config_error/invalid_config'],
  ['AP: PreArm: Motors: Check frame class and type', 'config_error/invalid_config'],
]);

t.test('a pre-arm check of an unhealthy sensor stays a sensor fault', async (t) => {
  const config = readLog('AP: PreArm: RC not calibrated');
  t.equal(`${config.category}/${config.factor}`, 'config_error/invalid_config', `control: calibration is setup (${config.code})`);
  const sensor = readLog('AP: PreArm: Gyros inconsistent\nAP: PreArm: Compass not healthy');
  t.equal(`${sensor.category}/${sensor.factor}`, 'hardware_fault/sensor_fault', `${sensor.code}`);
});

family('library versions, arm collision stops, estimator preflight checks, GPS and battery pre-arm checks', [
  [
    'franka::IncompatibleVersionException: libfranka: Incompatible library version (Robot version: 6, Library version: 5). Please check https://frankaemika.github.io for Panda compatibility updates',
    'import_error/version_conflict',
  ],
  ['[xarm_driver] ControllerError had found, ErrorCode: 31, Collision caused abnormal current', 'hardware_fault/emergency_stop'],
  ['[px4] WARN  [health_and_arming_checks] Preflight Fail: ekf2 missing data', 'hardware_fault/sensor_fault'],
  ['AP: PreArm: Need Position Estimate', 'hardware_fault/sensor_fault'],
  ['AP: PreArm: Battery 1 below minimum arming voltage', 'hardware_fault/battery_low'],
  [
    '[WARN] [power_monitor]: Battery voltage 21.3V below critical threshold 22.0V, returning to dock',
    'hardware_fault/battery_low',
  ],
]);

t.test('a collision found by a motion planner is no collision stop of the arm', async (t) => {
  const stop = readLog('[xarm_driver] Self-collision detected, the arm stopped (C22)');
  t.equal(`${stop.category}/${stop.factor}`, 'hardware_fault/emergency_stop', `control: the arm's own stop (${stop.code})`);
  const plan = readLog(
    '[move_group] OMPL: Self-collision detected in the planning scene for the goal state; planning request rejected',
  );
  t.not(plan.code, 'robot.arm_collision_stop', `a planner's collision check is not the arm stopping (${plan.code})`);
});

family('robots that cannot be reached or are held by another client, cameras reporting hardware errors, missing motors', [
  [
    '[ERROR] [ur_robot_driver]: Could not connect to robot. Is the robot switched on and reachable?',
    'network_error/connection_refused',
  ],
  [
    '[WARN] [UR_Client_Library]: Failed to connect to robot on IP 10.0.0.12. Please check that the robot is booted and reachable on 10.0.0.12.',
    'network_error/connection_refused',
  ],
  [
    "bosdyn.client.lease.ResourceAlreadyClaimedError: A different lease holder already has the resource 'body'",
    'validation_error/forbidden_operation',
  ],
  [
    '[camera.camera]: Hardware Notification:Depth stream start failure,1.7e+12,Error,Hardware Error',
    'hardware_fault/sensor_fault',
  ],
  ['RuntimeError: No device connected', 'hardware_fault/sensor_fault'],
  [
    'RuntimeError: Missing motor IDs:\n  - 4 (expected model: 1060)\n\nFull found motor list (id: model_number): {1: 1060, 2: 1060, 3: 1060}',
    'hardware_fault/actuator_fault',
  ],
  [
    "[ERROR] [ur_ros2_control_node]: The calibration parameters of the connected robot don't match the ones from the given kinematics config file. Please be aware that this can lead to critical inaccuracies of tcp positions.",
    'config_error/invalid_config',
  ],
]);

family('lidar SDKs that do not initialise', [
  ['[ERROR] [livox_lidar_publisher]: Failed to init livox lidar sdk.', 'hardware_fault/sensor_fault'],
]);

family('sensor streams that stop updating, vehicles losing thrust or their navigation estimate', [
  [
    '[ERROR] [local_costmap.local_costmap]: The /scan observation buffer has not been updated for 1.34 seconds, and it should be updated every 0.20 seconds.',
    'hardware_fault/sensor_fault',
  ],
  ['AP: Potential Thrust Loss (3)', 'hardware_fault/actuator_fault'],
  ['[px4] WARN  [commander] Critical navigation failure! Check sensor calibrations', 'hardware_fault/sensor_fault'],
]);

family('a joint that misses its goal tolerance is the arm not following its trajectory', [
  ['[ERROR] [arm_controller]: Goal tolerances failed for joint: wrist_2_joint', 'hardware_fault/actuator_fault'],
]);
