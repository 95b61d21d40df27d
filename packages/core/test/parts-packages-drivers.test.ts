/**
 * Package messages of drivers and autopilots (patterns/parts/tables/packages/drivers.ts): a
 * camera, lidar, GPS, serial, CAN, servo, arm or autopilot driver's own message, as the driver
 * logs it, names the failure when no pattern of the library does. Each control is a near line
 * that is not the message (another wording, an INFO line, another case).
 */
import t from 'tap';
import { DRIVERS } from '../src/patterns/parts/tables/packages/drivers.js';
import { familyByPackage, familyWithControls, nearLineNotRead, readLog, readPair, rulesOnly } from './patterns-read.js';

familyWithControls(
  'camera drivers: RealSense, librealsense, usb_cam, v4l2_camera, ZED, OAK',
  [
    [
      '[realsense2_camera_node-1] [WARN] [1733300000.120000000] [camera.camera]: No RealSense devices were found!',
      'hardware_fault/sensor_fault',
    ],
    [
      '[realsense2_camera_node-1] [ERROR] [1733300000.1] [camera.camera]: wait for device timeout of 5 secs expired',
      'hardware_fault/sensor_fault',
    ],
    ["RuntimeError: Frame didn't arrive within 5000", 'hardware_fault/sensor_fault'],
    [
      '[realsense2_camera_node-1] [ERROR] [1733300000.2] [camera.camera]: Given value, 640x480x90 is invalid. Set ROS param back to: 640x480x30',
      'config_error/invalid_config',
    ],
    [
      '[usb_cam_node_exe-1] [ERROR] [1733300000.3] [usb_cam]: Device specified is not available or is not a vaild V4L2 device: `/dev/video2`',
      'config_error/file_not_found',
    ],
    [
      '[v4l2_camera_node-1] [ERROR] [1733300000.4] [v4l2_camera]: Failed opening device /dev/video0: Permission denied (13)',
      'auth_error/permission_denied',
    ],
    [
      '[zed_wrapper-2] [ERROR] [1733300000.5] [zed.zed_node]: Camera model does not match user parameter.',
      'config_error/invalid_config',
    ],
    [
      '[component_container-1] [ERROR] [1733300000.6] [oak]: Invalid parameter. -> monoResolution: 1080P',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      '[realsense2_camera_node-1] [INFO] [1733300000.1] [camera.camera]: RealSense devices found: 1',
      '!hardware_fault/sensor_fault',
    ],
    [
      '[realsense2_camera_node-1] [INFO] [1733300000.1] [camera.camera]: Device with name Intel RealSense D435 was found.',
      '!hardware_fault/sensor_fault',
    ],
  ],
);

familyWithControls(
  'lidar drivers: velodyne, ouster, rplidar, urg_node',
  [
    [
      '[velodyne_driver_node-1] [WARN] [1733300000.1] [velodyne_driver_node]: Velodyne poll() timeout',
      'hardware_fault/sensor_fault',
    ],
    [
      '[velodyne_convert_node-2] [ERROR] [1733300000.2] [velodyne_convert_node]: Unable to open calibration file: /opt/ros/humble/share/velodyne_pointcloud/params/VLP16db.yaml',
      'config_error/file_not_found',
    ],
    [
      '[os_driver-1] [ERROR] [1733300000.3] [ouster.os_driver]: Un-supported point type used: xyzir_custom',
      'config_error/invalid_config',
    ],
    [
      '[rplidar_node-1] [ERROR] [1733300000.4] [rplidar_node]: Error, rplidar internal error detected. Please reboot the device to retry.',
      'hardware_fault/sensor_fault',
    ],
    [
      "[rplidar_node-1] [ERROR] [1733300000.5] [rplidar_node]: scan mode `Boost' is not supported by lidar, supported modes:",
      'config_error/invalid_config',
    ],
    [
      '[urg_node_driver-1] [ERROR] [1733300000.6] [urg_node]: Error connecting to Hokuyo: Could not open network Hokuyo:',
      'network_error/connection_refused',
    ],
    ['[urg_node_driver-1] [ERROR] [1733300000.7] [urg_node]: Could not grab single echo scan.', 'hardware_fault/sensor_fault'],
  ],
  [
    [
      '[velodyne_driver_node-1] [INFO] [1733300000.1] [velodyne_driver_node]: Velodyne VLP-16 rotating at 600 RPM',
      'unknown/unknown',
    ],
    [
      '[rplidar_node-1] [INFO] [1733300000.4] [rplidar_node]: current scan mode: Sensitivity, sample rate: 8 Khz',
      'unknown/unknown',
    ],
  ],
);

familyWithControls(
  'serial, GPS, CAN and micro-ROS',
  [
    [
      "terminate called after throwing an instance of 'serial::IOException'\n  what():  IO Exception (2): No such file or directory, file /tmp/serial/src/impl/unix.cc, line 151.",
      'config_error/file_not_found',
    ],
    [
      '[ublox_gps_node-1] [ERROR] [1733300000.1] [ublox_gps_node]: BOAT is not a valid dynamic model.',
      'config_error/invalid_config',
    ],
    [
      '[socket_can_receiver_node_exe-1] [ERROR] [1733300000.2] [socket_can_receiver]: Error opening CAN receiver: can0 - Failed to set CAN socket name via ioctl()',
      'config_error/file_not_found',
    ],
    [
      "[ros2_control_node-1] [ERROR] [1733300000.3] [CanopenSystem]: Could not find driver for joint 'joint_3' with node id '4'",
      'config_error/invalid_config',
    ],
    [
      '[1733300000.123456] error    | TermiosAgentLinux.cpp | init                     | open device error      | device: /dev/ttyUSB0, errno: 2',
      'config_error/file_not_found',
    ],
    [
      '[1733300000.123456] error    | TermiosAgentLinux.cpp | init                     | open device error      | device: /dev/ttyACM0, errno: 13. Please re-run with superuser privileges.',
      'auth_error/permission_denied',
    ],
    [
      '[1767600000.123456] error    | CanAgentLinux.cpp  | init                     | \x1b[1;31mSocketCan bind error\x1b[0m           | device: can0, errno: 19',
      'config_error/file_not_found',
    ],
  ],
  [
    [
      '[1733300000.123456] info     | TermiosAgentLinux.cpp | init                     | running...             | fd: 3',
      'unknown/unknown',
    ],
    ['[ublox_gps_node-1] [INFO] [1733300000.1] [ublox_gps_node]: U-Blox configured successfully.', 'unknown/unknown'],
    [
      '[1767600000.123456] error    | CanAgentLinux.cpp  | init                     | SocketCan bind error           | device: can0, errno: 100',
      '!config_error/file_not_found',
    ],
  ],
);

familyWithControls(
  'servos and mobile bases: Dynamixel SDK, TurtleBot3',
  [
    ['[dynamixel_hardware] [ERROR] [1733300000.1]: [RxPacketError] Overload error!', 'hardware_fault/actuator_fault'],
    [
      '[dynamixel_hardware] [ERROR] [1733300000.2]: [RxPacketError] The data value exceeds the limit value!',
      'validation_error/invalid_argument',
    ],
    [
      '[turtlebot3_ros-3] [ERROR] [1733300000.3] [turtlebot3_node]: Failed to open the port(/dev/ttyACM0)!',
      'config_error/file_not_found',
    ],
  ],
  [
    ['[dynamixel_hardware] [INFO] [1733300000.1]: [TxRxResult] Communication success.', 'unknown/unknown'],
    ['[turtlebot3_ros-3] [INFO] [1733300000.3] [turtlebot3_node]: Succeeded to open the port(/dev/ttyACM0)!', 'unknown/unknown'],
  ],
);

familyWithControls(
  'arm drivers: Universal Robots, Franka, Kinova, xArm',
  [
    [
      "[ur_ros2_control_node-1] [ERROR] [1733300000.1] [URPositionHardwareInterface]: The connected robot is of type 'UR10e' and version 5.15.0 but the driver was configured for type 'UR5e'. Please check the 'ur_type' parameter",
      'config_error/invalid_config',
    ],
    [
      '[ur_ros2_control_node-1] [ERROR] [1733300000.2] [UR_Client_Library:]: Program did not start running. Is the robot in remote control?',
      'validation_error/forbidden_operation',
    ],
    [
      'franka::CommandException: libfranka: Move command rejected: command not possible in the current mode ("Idle")!',
      'validation_error/forbidden_operation',
    ],
    [
      '[ros2_control_node-1] [FATAL] [1733300000.3] [FrankaHardwareInterface]: libfranka: Running kernel does not have realtime capabilities.',
      'config_error/invalid_config',
    ],
    [
      "[ros2_control_node-1] [ERROR] [1733300000.4] [KortexMultiInterfaceHardware]: Can't start twist controller while joint based controller is running!",
      'validation_error/forbidden_operation',
    ],
    [
      "[xarm_driver_node-1] [ERROR] [1733300000.5] [xarm_driver]: [ufactory] No param named 'robot_ip'",
      'config_error/invalid_config',
    ],
  ],
  [
    [
      '[ur_ros2_control_node-1] [INFO] [1733300000.2] [UR_Client_Library:]: Robot connected to reverse interface. Ready to receive control commands.',
      'unknown/unknown',
    ],
    ['libfranka: Move command finished successfully', 'unknown/unknown'],
  ],
);

familyWithControls(
  'autopilots: MAVROS, PX4',
  [
    ['[mavros_node-1] [WARN] [1733300000.1] [mavros.cmd]: CMD: Command 400 -- ack timeout', 'timeout/request_timeout'],
    [
      '[mavros_node-1] [ERROR] [1733300000.2] [mavros.mavros_router]: link[1000] open failed: serial:///dev/ttyACM0:57600: No such file',
      'config_error/file_not_found',
    ],
    ['WARN  [commander] Arming denied: switch to manual mode first', 'validation_error/forbidden_operation'],
    [
      '[mavros_node-1] [WARN] [1733300000.3] [mavros.fcu]: FCU: Preflight Fail: Strong magnetic interference',
      'hardware_fault/sensor_fault',
    ],
  ],
  [
    ['[mavros_node-1] [INFO] [1733300000.1] [mavros.sys]: CON: Got HEARTBEAT, connected. FCU: PX4 Autopilot', 'unknown/unknown'],
    ['INFO  [commander] Armed by external command', 'unknown/unknown'],
  ],
);

familyWithControls(
  'second batch: ArduPilot, PX4 battery, MAVSDK, SICK, Livox, NMEA, IMUs, motor controllers and bases',
  [
    [
      '[mavros_node-1] [ERROR] [1733300000.1] [mavros.fcu]: FCU: PreArm: Hardware safety switch',
      'validation_error/forbidden_operation',
    ],
    ['[mavros_node-1] [ERROR] [1733300000.2] [mavros.fcu]: FCU: PreArm: Battery failsafe on', 'hardware_fault/battery_low'],
    [
      '[mavros_node-1] [ERROR] [1733300000.3] [mavros.fcu]: FCU: PreArm: RC3 minimum is greater than trim',
      'config_error/invalid_config',
    ],
    ['WARN  [commander] Emergency battery level', 'hardware_fault/battery_low'],
    ['[01:02:03|Warn ] Heartbeats from system 1 timed out (system_impl.cpp:412)', 'network_error/connection_reset'],
    [
      '[sick_generic_caller-1] [ERROR] [1733300000.4] [sick_scan]: ## ERROR in sick_scan_xd: restarting scanner after read timeout',
      'hardware_fault/sensor_fault',
    ],
    [
      '[livox_ros_driver2_node-1] [ERROR] [1733300000.5] [livox_lidar_publisher]: Invalid data src (3), please check the launch file',
      'config_error/invalid_config',
    ],
    [
      '[nmea_serial_driver-1] [WARN] [1733300000.6] [nmea_navsat_driver]: Skipped reading a line from the serial device because it could not be decoded as an ASCII string. The bytes were b"\\xff\\xfe"',
      'hardware_fault/sensor_fault',
    ],
    [
      '[microstrain_inertial_driver_node-1] [FATAL] [1733300000.7] [microstrain_inertial_driver]: Device does not support Global tf_mode as it has no way of obtaining global position',
      'config_error/invalid_config',
    ],
    [
      '[xsens_mti_node-1] [ERROR] [1733300000.8] [xsens_mti_node]: No MTi device found. Verify port and baudrate.',
      'hardware_fault/sensor_fault',
    ],
    [
      '[vesc_driver_node-1] [ERROR] [1733300000.9] [vesc_driver]: VESC communication port parameter required.',
      'config_error/invalid_config',
    ],
    [
      '[create_driver-1] [FATAL] [1733300001.0] [create_driver]: [CREATE] Robot model "roomba_900" is not known.',
      'config_error/invalid_config',
    ],
    [
      '[kobuki_ros_node-1] [WARN] [1733300001.1] [kobuki_ros_node]: Kobuki : no data stream, is kobuki turned on?',
      'hardware_fault/actuator_fault',
    ],
    [
      '[bno055-1] bno055.error_handling.exceptions.TransmissionException: Could not get BNO055 chip ID via I2C',
      'hardware_fault/sensor_fault',
    ],
  ],
  [
    ['[mavros_node-1] [INFO] [1733300000.1] [mavros.fcu]: FCU: ArduCopter V4.5.1 (8e1f0a5b)', 'unknown/unknown'],
    ['[kobuki_ros_node-1] [INFO] [1733300001.1] [kobuki_ros_node]: Kobuki : device port set to /dev/kobuki', 'unknown/unknown'],
    ['[sick_generic_caller-1] [INFO] [1733300000.4] [sick_scan]: sick_scan_xd: scanner re-init succeeded', 'unknown/unknown'],
  ],
);

familyWithControls(
  'third batch: UR timeouts, Kortex and NTRIP settings, PX4 mode refusals',
  [
    [
      '[ur_ros2_control_node-1] [ERROR] [1733300000.1] [UR_Client_Library:]: Failed to initialize RTDE client after 3 attempts, unable to reconnect',
      'network_error/connection_refused',
    ],
    [
      '[ros2_control_node-1] [ERROR] [1733300000.2] [KortexMultiInterfaceHardware]: Password is empty!',
      'config_error/invalid_config',
    ],
    ['[ntrip_client-2] [ERROR] [1733300000.3] [ntrip_client]: Mountpoint must be specified!', 'config_error/invalid_config'],
    ['WARN  [commander] Mode not suitable for arming', 'validation_error/forbidden_operation'],
  ],
  [
    [
      '[ur_ros2_control_node-1] [INFO] [1733300000.1] [UR_Client_Library:]: Negotiated RTDE protocol version to 2.',
      'unknown/unknown',
    ],
    ['INFO  [commander] Ready for takeoff!', 'unknown/unknown'],
  ],
);

/**
 * pyserial (session 21): the exceptions it raises, as a Python traceback's last line shows them
 * (serial.serialutil.SerialException, PortNotOpenError, ValueError), values filled in.
 */
const SERIAL_TB = (line: string) =>
  `Traceback (most recent call last):\n  File "/home/robot/bridge.py", line 41, in <module>\n    data = ser.read(64)\n${line}`;

/** ClearCommError (no entry) in a record about a motor driver on the serial port (an actuator, no sensor). */
const CLEARCOMM_ACTUATOR = `Traceback (most recent call last):\n  File "C:\\robot\\motor_driver.py", line 52, in send_velocity\n    n = ser.in_waiting\nserial.serialutil.SerialException: ClearCommError failed (PermissionError(13, 'Access is denied.', None, 5))`;

familyByPackage(
  'pyserial',
  [
    [
      `[gps_reader-1] [ERROR] [1767600000.1] [gps_reader]: GPS receiver read failed\n${SERIAL_TB('serial.serialutil.SerialException: device reports readiness to read but returned no data (device disconnected or multiple access on port?)')}`,
      'hardware_fault/sensor_fault',
    ],
    [
      SERIAL_TB(
        'serial.serialutil.SerialException: [Errno 11] Could not exclusively lock port /dev/ttyUSB0: [Errno 11] Resource temporarily unavailable',
      ),
      'config_error/invalid_config',
    ],
    [
      SERIAL_TB('serial.serialutil.PortNotOpenError: Attempting to use a port that is not open'),
      'validation_error/forbidden_operation',
    ],
    [
      SERIAL_TB('serial.serialutil.SerialException: Port must be configured before it can be used.'),
      'validation_error/forbidden_operation',
    ],
    [SERIAL_TB('ValueError: Not a valid baudrate: -115200'), 'validation_error/invalid_argument'],
    [SERIAL_TB('ValueError: Not a valid byte size: 9'), 'validation_error/invalid_argument'],
    [SERIAL_TB("ValueError: Not a valid parity: 'X'"), 'validation_error/invalid_argument'],
    [SERIAL_TB('ValueError: Not a valid stop bit size: 3'), 'validation_error/invalid_argument'],
  ],
  [
    ['Opened /dev/ttyUSB0 at 115200 baud', 'unknown/unknown'],
    ['Opened /dev/ttyACM0, reading GPS NMEA sentences', 'unknown/unknown'],
  ],
);

t.test("pyserial: what the table leaves to the patterns, and other software's near lines", async (t) => {
  const pyserial = DRIVERS.filter((m) => m.pkg === 'pyserial');
  const notRead = (text: string, piece: string) => nearLineNotRead(t, pyserial, text, piece);

  // "could not open port": the errno after it says why, and the patterns read it so (no entry)
  t.notOk(
    pyserial.some((m) => m.says.includes('could not open port')),
    'no entry for "could not open port"',
  );
  t.equal(
    readPair(
      SERIAL_TB(
        "serial.serialutil.SerialException: [Errno 2] could not open port /dev/ttyUSB0: [Errno 2] No such file or directory: '/dev/ttyUSB0'",
      ),
    ),
    'config_error/file_not_found',
    'a port that does not exist',
  );
  t.equal(
    readPair(
      SERIAL_TB(
        "serial.serialutil.SerialException: [Errno 13] could not open port /dev/ttyACM0: [Errno 13] Permission denied: '/dev/ttyACM0'",
      ),
    ),
    'auth_error/permission_denied',
    'a port that may not be opened',
  );
  // the readiness message without a sensor in the record is not read as a sensor's
  const bare = SERIAL_TB(
    'serial.serialutil.SerialException: device reports readiness to read but returned no data (device disconnected or multiple access on port?)',
  );
  rulesOnly(() => t.not(readLog(bare).code, 'parts.package', 'no sensor named: the sensor-only entry does not answer'));
  // ClearCommError (dropped after review: no device-neutral pair): an actuator's record is not read
  // as a sensor's fault, and the PermissionError Python shows keeps its reading
  t.notOk(
    pyserial.some((m) => m.says.includes('ClearCommError')),
    'no entry for "ClearCommError failed"',
  );
  t.not(readPair(CLEARCOMM_ACTUATOR), 'hardware_fault/sensor_fault', "an actuator's record: not a sensor's fault");
  rulesOnly(() =>
    t.equal(readPair(CLEARCOMM_ACTUATOR), 'auth_error/permission_denied', "the PermissionError's reading (rules alone)"),
  );
  // other software's lines with the anchor and not the message
  notRead("config: not a valid parity: 'X' (expected N, E or O)", 'Not a valid parity');
  notRead('modbus: Could not exclusively lock port', 'Could not exclusively lock port');
});
