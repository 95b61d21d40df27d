/**
 * The generic robot reading (parts/robot.ts, tables robot-words.ts and robot-pairs.ts) on a device
 * that does not answer or is not connected, worded by no vendor table: a broken exchange ("error
 * reading", "unable to communicate", "communication error", "send failed"), a device that is not
 * connected, an unnamed device or the robot itself (its kind from what the record is about), and a
 * connection to the controller's server that was not made (rule 2 of docs/taxonomy.md: the device
 * is the device's fault; a failed connection between software ends is the network's). Texts written
 * for these tests from the vocabulary's meaning, across vendors; controls are INFO lines, successes,
 * file reads and a web application's log.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'a broken exchange with a named device',
  [
    ['[ERROR] [1733300000.200] [gripper_driver]: error reading gripper status register (id 3)', 'hardware_fault/actuator_fault'],
    [
      'E1206 10:00:00.000000  4242 base.cc:88] Error while reading motor controller board firmware',
      'hardware_fault/actuator_fault',
    ],
    ['[ERROR] [1733300000.300] [ecat_master]: EtherCAT communication error with drive 2', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1733300000.400] [imu_bridge]: gyroscope self-test: no data from the chip', 'hardware_fault/sensor_fault'],
    ['[ERROR] [1733300000.500] [wrist_ctrl]: EnableServo send failed, bus busy', 'hardware_fault/actuator_fault'],
  ],
  [
    ['[INFO] [1733300000.100] [gripper_driver]: gripper status register read, all clear', '!hardware_fault/actuator_fault'],
    ['[robot_state_publisher-1] Error:   Error reading end tag.', '!hardware_fault/actuator_fault'],
    ['Error: Send failed: quota exceeded for workspace 12', '!hardware_fault/actuator_fault'],
  ],
);

familyWithControls(
  'a device that is not connected',
  [
    ['[WARN] [1733300000.100] [dual_arm_ctrl]: left_arm is not connected, cannot move', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1733300000.200] [front_camera]: Camera not connected, retrying in 1 s', 'hardware_fault/sensor_fault'],
    ['2026-01-02 10:00:00 ERROR lidar: connection to scanner failed, check the cable', 'hardware_fault/sensor_fault'],
  ],
  [
    ['[INFO] [1733300000.100] [front_camera]: camera connected successfully', '!hardware_fault/sensor_fault'],
    ['[INFO] [1733300000.100] [dual_arm_ctrl]: left_arm is not connected yet, waiting', '!hardware_fault/actuator_fault'],
  ],
);

familyWithControls(
  'an unnamed device: the kind the record names',
  [
    [
      '[INFO] [1733300000.1] [sick_lidar_node]: starting\n[ERROR] [1733300000.9] [sick_lidar_node]: Unable to communicate with device, check the IP address',
      'hardware_fault/sensor_fault',
    ],
    [
      'motor_bus: opening /dev/ttyUSB1 at 1000000 baud\nSerialException: device reports data ready but returned no data',
      'hardware_fault/actuator_fault',
    ],
    ['[ERROR] [1733300000.300] [rsi_interface]: No data received from robot within 4 ms', 'hardware_fault/actuator_fault'],
  ],
  [
    ["Resetting environments (tensor([7], device='cuda:0'),) due to Timeout", '!hardware_fault/actuator_fault'],
    [
      '[ERROR] [1733300000.100] [robot_state_publisher-1]: unable to communicate with the master',
      '!hardware_fault/actuator_fault',
    ],
  ],
);

familyWithControls(
  "a connection to the controller's server that was not made",
  [
    ['[arm_bridge] ERROR: connection to controller server failed (code 7)', 'network_error/connection_refused'],
    ['[ERROR] [1733300000.100] [motion_bridge]: rpc client is not connected, call dropped', 'network_error/connection_refused'],
  ],
  [
    ['[INFO] [1733300000.100] [arm_bridge]: connected to controller server at 10.0.0.2', 'unknown/unknown'],
    ['2026-01-02 10:00:00 ERROR app.db: database server not connected, retrying', '!hardware_fault/actuator_fault'],
  ],
);
