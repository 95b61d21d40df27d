/**
 * Package messages of autopilots and drones (patterns/parts/tables/packages/autopilots.ts): a PX4
 * health or arming check, an ArduPilot pre-arm check or mode change refusal, as the autopilot
 * prints it (console, MAVLink STATUSTEXT relayed by MAVROS or a ground station), names the failure
 * when no pattern of the library does. Each control is a near line that is not the message.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'PX4 health and arming checks',
  [
    ['WARN  [health_and_arming_checks] Preflight Fail: Accel Sensor 0 missing', 'hardware_fault/sensor_fault'],
    ['ERROR [commander] No valid data from Compass 1', 'hardware_fault/sensor_fault'],
    ['[mavros_node-1] [WARN] [1733300000.1] [mavros.sys]: FCU: Gyro 1 uncalibrated', 'config_error/invalid_config'],
    ['Preflight Fail: Emergency Stop Engaged', 'hardware_fault/emergency_stop'],
    ['[px4] CRITICAL: Motor 3 overcurrent detected', 'hardware_fault/actuator_fault'],
    ['WARN  [health_and_arming_checks] Preflight Fail: Flying with USB is not safe', 'validation_error/forbidden_operation'],
    [
      'ERROR [commander] RC calibration for channel 3 invalid: TRIM less than MIN (900 less than 1000)',
      'config_error/invalid_config',
    ],
    ['WARN  [health_and_arming_checks] Preflight Fail: No connection to the GCS', 'network_error/connection_reset'],
  ],
  [
    ['INFO  [commander] Ready for takeoff!', '!hardware_fault/sensor_fault'],
    ['INFO  [health_and_arming_checks] Accel sensor 0 calibrated and healthy', '!hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  'ArduCopter pre-arm checks and mode changes',
  [
    ['APM: PreArm: Check FS_THR_VALUE', 'config_error/invalid_config'],
    ['[mavros_node-1] [WARN] [1733300000.2] [mavros.sys]: FCU: PreArm: Need Position Estimate', 'hardware_fault/sensor_fault'],
    ['AP: Arm: Throttle too high', 'validation_error/forbidden_operation'],
    ['AP: Mode change to GUIDED failed: requires position', 'validation_error/forbidden_operation'],
    ['AP: PreArm: Compass 1 not healthy', 'hardware_fault/sensor_fault'],
    ['AP: Arm: AUTO mode not armable', 'validation_error/forbidden_operation'],
  ],
  [
    ['AP: Mode change to GUIDED', '!validation_error/forbidden_operation'],
    ['AP: Throttle set to 50%', '!validation_error/forbidden_operation'],
  ],
);

familyWithControls(
  'ArduPilot arming checks of every vehicle, failsafes and ArduPlane',
  [
    ['AP: PreArm: 3D Accel calibration needed', 'config_error/invalid_config'],
    ['AP: Arm: Throttle (RC3) is not neutral', 'validation_error/forbidden_operation'],
    ['AP: PreArm: Scripting out of memory', 'resource_error/host_oom'],
    ['AP: PreArm: SERVO9_FUNCTION=94 on disabled channel', 'config_error/invalid_config'],
    ['AP: Battery Failsafe - Disarming', 'hardware_fault/battery_low'],
    ['AP: GPS Glitch or Compass error', 'hardware_fault/sensor_fault'],
    ['AP: PreArm: quadplane needs SCHED_LOOP_RATE >= 100', 'config_error/invalid_config'],
    ['AP: PreArm: Q_ASSIST_SPEED is not set', 'config_error/invalid_config'],
    ['AP: PreArm: Internal errors 0x400 l:234 cnstring_nan', 'data_error/nan_or_inf'],
  ],
  [
    ['AP: Throttle armed', '!validation_error/forbidden_operation'],
    ['AP: EKF3 IMU0 is using GPS', '!hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  'MAVROS commands, mission transfer and links',
  [
    [
      '[mavros_node-1] [WARN] [1733300000.3] [mavros.cmd]: CMD: Unexpected command 400, result 4',
      'validation_error/forbidden_operation',
    ],
    [
      '[mavros_node-1] [ERROR] [1733300000.4] [mavros.mission]: WP: upload failed: MAV_MISSION_INVALID_PARAM1',
      'validation_error/invalid_argument',
    ],
    [
      "terminate called after throwing an instance of 'mavconn::DeviceError' what():  DeviceError:url:UDP separator not found",
      'config_error/invalid_config',
    ],
  ],
  [
    ['[mavros_node-1] [INFO] [1733300000.5] [mavros.mission]: WP: mission received', '!validation_error/invalid_argument'],
    ['[mavros_node-1] [INFO] [1733300000.6] [mavros.cmd]: CMD: Command 400 -- accepted', '!validation_error/forbidden_operation'],
  ],
);

familyWithControls(
  'PX4 mission feasibility, pymavlink, DroneKit',
  [
    ['WARN  [navigator] Mission rejected: item 3: unsupported cmd: 31000', 'validation_error/invalid_argument'],
    ["pymavlink.generator.mavcrc.MAVError: invalid MAVLink prefix '0x47'", 'data_error/corrupt_input'],
    ['ValueError: UDP ports must be specified as host:port', 'config_error/invalid_config'],
    ['dronekit.APIException: No heartbeat in 30 seconds, aborting.', 'timeout/request_timeout'],
    ['ValueError: Altitude was NaN or Infinity. Please provide a real number', 'data_error/nan_or_inf'],
  ],
  [
    ['INFO  [navigator] Mission accepted: 12 items', '!validation_error/invalid_argument'],
    ['>>> Received first heartbeat from system 1', '!timeout/request_timeout'],
  ],
);

familyWithControls(
  'Crazyflie (cflib) and Tello (djitellopy)',
  [
    ['Connection lost to radio://0/80/2M/E7E7E7E7E7: Too many packets lost', 'network_error/connection_reset'],
    ['Exception: Cannot find a Crazyradio Dongle', 'config_error/file_not_found'],
    ["KeyError: 'stabilizer.estimatr not in param TOC'", 'config_error/invalid_config'],
    ['Exception: Can not move on the ground. Take off first!', 'validation_error/forbidden_operation'],
    [
      "[WARNING] tello.py - 458 - Aborting command 'takeoff'. Did not receive a response after 7 seconds",
      'timeout/request_timeout',
    ],
    [
      "djitellopy.tello.TelloException: Command 'takeoff' was unsuccessful for 4 tries. Latest response:\t'error Motor stop'",
      'validation_error/forbidden_operation',
    ],
  ],
  [
    ["[INFO] tello.py - 438 - Response takeoff: 'ok'", '!validation_error/forbidden_operation'],
    ['Connected to radio://0/80/2M/E7E7E7E7E7', '!network_error/connection_reset'],
  ],
);

familyWithControls(
  'PX4 uXRCE-DDS client and Gazebo SITL start-up',
  [
    ['ERROR [uxrce_dds_client] session key must be different from zero', 'config_error/invalid_config'],
    ['ERROR [uxrce_dds_client] No ping response, disconnecting', 'network_error/connection_reset'],
    ['ERROR [init] Gazebo gz sim not found. Please install gz-harmonic', 'import_error/module_not_found'],
    ['ERROR [init] failed to pass either PX4_GZ_MODEL_NAME or PX4_SIM_MODEL', 'config_error/missing_env_var'],
  ],
  [
    ['INFO  [uxrce_dds_client] synchronized with time offset 1733300000us', '!network_error/connection_reset'],
    ['INFO  [init] Gazebo world is ready', '!config_error/invalid_config'],
  ],
);

familyWithControls(
  'MAVProxy, QGroundControl, ArduPilot Rover and EKF3 GPS checks',
  [
    ['Got COMMAND_ACK: COMPONENT_ARM_DISARM: DENIED', 'validation_error/forbidden_operation'],
    ['ERROR: Not enough free disk space for logfile', 'resource_error/disk_full'],
    ['Vehicle did not respond to command: Takeoff', 'timeout/request_timeout'],
    ['AP: PreArm: Sailing enabled with no WindVane', 'config_error/invalid_config'],
    ['AP: PreArm: AHRS: EKF3: GPS numsats 4 (needs 6)', 'hardware_fault/sensor_fault'],
  ],
  [
    ['Got COMMAND_ACK: COMPONENT_ARM_DISARM: ACCEPTED', '!validation_error/forbidden_operation'],
    ['AP: GPS 1: detected as u-blox at 230400 baud', '!hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  'ArduPilot motor and battery-monitor arming checks',
  [
    ['AP: PreArm: Motors: no SERVOx_FUNCTION set to Motor4', 'config_error/invalid_config'],
    ['AP: PreArm: Motors: MOT_SPIN_ARM > MOT_SPIN_MIN', 'config_error/invalid_config'],
    ['AP: PreArm: Battery 1 below minimum arming voltage', 'hardware_fault/battery_low'],
    ['AP: PreArm: Battery 1 voltage failsafe critical >= low', 'config_error/invalid_config'],
  ],
  [
    ['AP: Arming motors', '!hardware_fault/battery_low'],
    ['AP: Motors: MOT_SPIN_MIN set to 0.15', '!config_error/invalid_config'],
  ],
);
