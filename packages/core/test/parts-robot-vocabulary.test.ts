/**
 * The generic robot reading's vocabulary across vendors (parts/tables/robot-words.ts): components
 * as drivers name them (a cobot, a chassis, an EtherCAT slave, a stepper, a servo drive, radar,
 * RGB-D, AHRS, motion capture) and failure predicates (a device that cannot be polled, is
 * unresponsive or lost its heartbeat; a temperature too high, a thermal shutdown, a short circuit,
 * a hardware error). Texts written for these tests from the words' meaning; controls are INFO lines,
 * healthy readings and the same words outside a robot.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'components across vendors, silent or lost',
  [
    ['[ERROR] [1733300000.1] [ecat_master]: slave 3 unresponsive, cycle skipped', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1733300000.2] [cobot_driver]: cobot heartbeat lost, stopping motion', 'hardware_fault/actuator_fault'],
    ['E1206 10:00:00.000000  4242 base.cc:42] chassis: no response from the mobile base', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1733300000.3] [front_radar]: radar timed out waiting for targets', 'hardware_fault/sensor_fault'],
    ['[ERROR] [1733300000.4] [perception]: failed to poll RGB-D stream: device busy', 'hardware_fault/sensor_fault'],
    ['[ERROR] [1733300000.5] [ahrs_node]: AHRS stopped publishing', 'hardware_fault/sensor_fault'],
    ['[WARN] [1733300000.6] [mocap_bridge]: motion capture frames: no data received', 'hardware_fault/sensor_fault'],
  ],
  [
    ['[INFO] [1733300000.1] [ecat_master]: slave 3 unresponsive during scan, retrying', '!hardware_fault/actuator_fault'],
    ['[INFO] [1733300000.2] [cobot_driver]: cobot heartbeat ok', '!hardware_fault/actuator_fault'],
    ['2026-01-02 10:00:00 ERROR web: upstream unresponsive, returning 502', '!hardware_fault/actuator_fault'],
  ],
);

familyWithControls(
  'overheating, thermal shutdown and electrical faults',
  [
    ['[ERROR] [1733300000.1] [joint_driver]: stepper 2 temperature too high (81 C), disabled', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1733300000.2] [arm_hw]: servo drive thermal shutdown on axis 4', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1733300000.3] [base_hw]: motor driver reports short circuit on phase B', 'hardware_fault/actuator_fault'],
    ['RuntimeError: motor temperature greater than 70C, stopping', 'hardware_fault/actuator_fault'],
  ],
  [
    ['[INFO] [1733300000.1] [joint_driver]: stepper 2 temperature 41 C', '!hardware_fault/actuator_fault'],
    ['2026-01-02 10:00:00 WARN gpu0 temperature too high, throttling', '!hardware_fault/actuator_fault'],
  ],
);

familyWithControls(
  'sensor chips by part number, a scan a driver did not get, a connection check that failed',
  [
    ['[ERROR] [1733300000.1] [imu_node]: BNO055 stopped responding on the I2C bus', 'hardware_fault/sensor_fault'],
    ['I (1200) init: ICM-20948 not responding, resetting', 'hardware_fault/sensor_fault'],
    ['[ERROR] [1733300000.2] [range_driver_node]: Failed to get scan within 2.0 s', 'hardware_fault/sensor_fault'],
    ['E (4410) IMU: BMI088 connection [FAIL].', 'hardware_fault/sensor_fault'],
  ],
  [
    ['2026-01-02 10:00:00 ERROR ci: security scan timed out after 600 s', '!hardware_fault/sensor_fault'],
    ['2026-04-14 12:35:13,594 ERROR conn.py:107 scan_robot_ip: exception timed out', '!hardware_fault/sensor_fault'],
    ['I (1200) init: ICM-20948 connection [OK].', '!hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  'a serial line named by its port that cannot be opened is the device node (rule 3)',
  [
    ['[ WARN] [1648000000.1]: Failed to open the USB port!', 'config_error/file_not_found'],
    [
      'Error: Serialport not open.\n    at SerialPort.write (/home/u/bot/node_modules/serialport/lib/serialport.js:288:17)\n    at Board.servoWrite (/home/u/bot/node_modules/firmata/lib/firmata.js:690:20)',
      'config_error/file_not_found',
    ],
    ['[ERROR] [1700000000.2] [base_bridge]: Could not open COM port COM7', 'config_error/file_not_found'],
  ],
  [
    // A plugin named serialport, a "serial port" that is an IP address, a network port.
    ['[ERROR]Cannot find "serialport" plugin (not built in, and no .ini file found for it)', '!config_error/file_not_found'],
    [
      '[LIDAR] Error, cannot bind to the specified [serial port:192.168.1.20] and [baudrate:8089]',
      '!config_error/file_not_found',
    ],
    ['2026-01-02 10:00:00 ERROR Unable to open port 8080: address already in use', '!config_error/file_not_found'],
  ],
);
