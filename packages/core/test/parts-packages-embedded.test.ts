/**
 * Package messages of embedded and competition robot hardware (patterns/parts/tables/packages/
 * embedded.ts): a WPILib, CTRE Phoenix, FTC SDK, rosserial, python-can, CANopen, EtherCAT,
 * Modbus, Interbotix or Spot SDK message, as the package prints it, names the failure when no
 * pattern of the library does. Each control is a near line that is not the message (another
 * wording, an INFO line, another case).
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'FRC: WPILib HAL and robot base, CTRE Phoenix status codes',
  [
    ['Warning  1  CAN: TX Queue full. Generally caused by a disconnected bus.', 'hardware_fault/actuator_fault'],
    [
      'ERROR  -1029  HAL: Resource already allocated  Channel 0  frc.robot.subsystems.Intake.<init>(Intake.java:22)',
      'config_error/invalid_config',
    ],
    [
      'ERROR  1  DifferentialDrive... Output not updated often enough. See https://docs.wpilib.org/motorsafety for more information.  edu.wpi.first.wpilibj.MotorSafety.check(MotorSafety.java:130)',
      'timeout/hang_or_deadlock',
    ],
    [
      'ERROR  1  could not find ADXRS450 gyro on SPI port kOnboardCS0  edu.wpi.first.wpilibj.ADXRS450_Gyro.<init>(ADXRS450_Gyro.java:84)',
      'hardware_fault/sensor_fault',
    ],
    ['CTR: CAN frame not received/too-stale.', 'hardware_fault/actuator_fault'],
    [
      '[phoenix] Error -1008: Firmware Too Old.  Use Phoenix Tuner X to field upgrade your CTRE CAN device firmware(CRF).  Then restart your robot application to clear this error. TalonFX 4',
      'import_error/version_conflict',
    ],
  ],
  [
    ['Warning  1  CAN: Message not found', '!hardware_fault/actuator_fault'],
    // A CTRE sensor's silence is the sensor's, not a motor's.
    ['ERROR  -3  CTR: CAN frame not received/too-stale.  CANcoder 7 GetAbsolutePosition', '!hardware_fault/actuator_fault'],
    ['INFO  0  HAL: CAN bus utilization 41%', '!hardware_fault/actuator_fault'],
    ['[phoenix] Device TalonFX 4 firmware 24.1.0.0 up to date', '!import_error/version_conflict'],
  ],
);

familyWithControls(
  'FTC SDK: hardware map, OpMode force-stop',
  [
    [
      'java.lang.IllegalArgumentException: Unable to find a hardware device with name "frontLeftDrive" and type DcMotorEx',
      'config_error/invalid_config',
    ],
    [
      'User OpMode was stuck in stop(), but was able to be force stopped without restarting the app. It appears this was a linear OpMode; make sure you are calling opModeIsActive() in any loops!',
      'timeout/hang_or_deadlock',
    ],
  ],
  [
    ['RobotCore: found a hardware device with name "frontLeftDrive"', '!config_error/invalid_config'],
    ['User OpMode stopped normally', '!timeout/hang_or_deadlock'],
  ],
);

familyWithControls(
  'serial bridges and CAN stacks: rosserial, python-can, canopen',
  [
    [
      "[ERROR] [1600161141.98]: Mismatched protocol version in packet (b'\\xfe'): lost sync or rosserial_python is from different ros release than the rosserial client",
      'import_error/version_conflict',
    ],
    [
      '[ERROR] [1600161141.98]: Creation of subscriber failed: Checksum does not match: 4a842b65f413084dc2b10fb484ea7f17,cfb5e22d8c4a4a3e1a4d17d54cfb7e1b',
      'import_error/version_conflict',
    ],
    [
      'can.exceptions.CanOperationError: Failed to transmit: No buffer space available [Error Code 105]',
      'hardware_fault/actuator_fault',
    ],
    ['can.exceptions.CanOperationError: Error receiving: Network is down [Error Code 100]', 'config_error/invalid_config'],
    ['can.exceptions.CanInterfaceNotImplementedError: Unknown interface type "socketcan_native"', 'config_error/invalid_config'],
    [
      'can.exceptions.CanInterfaceNotImplementedError: The PCAN-Basic API could not be loaded. (libpcanbasic.so)',
      'import_error/missing_native_lib',
    ],
    ['canopen.sdo.exceptions.SdoCommunicationError: No SDO response received', 'timeout/request_timeout'],
    ['canopen.sdo.exceptions.SdoAbortedError: Code 0x06020000, Object does not exist', 'config_error/invalid_config'],
    [
      'canopen.sdo.exceptions.SdoAbortedError: Code 0x06090030, Value range of parameter exceeded',
      'validation_error/invalid_argument',
    ],
    ['canopen.nmt.NmtError: Timeout waiting for boot-up message', 'hardware_fault/actuator_fault'],
  ],
  [
    ['[INFO] [1600161124.86]: Connecting to /dev/ttyUSB1 at 57600 baud', '!import_error/version_conflict'],
    ['can.interfaces.socketcan: Bus can0 up, bitrate 500000', '!config_error/invalid_config'],
    ['canopen: node 5 SDO response received in 3 ms', '!timeout/request_timeout'],
  ],
);

familyWithControls(
  'fieldbus masters and industrial I/O: SOEM, ethercat_driver_ros2, pymodbus, libmodbus',
  [
    ['No socket connection on eth0\nExecute as root', 'auth_error/permission_denied'],
    [
      'Starting simple test\nec_init on enp3s0 succeeded.\nNo slaves found!\nEnd simple test, close socket',
      'hardware_fault/actuator_fault',
    ],
    [
      'Not all slaves reached operational state.\nSlave 1 State=0x14 StatusCode=0x001b : Sync manager watchdog',
      'timeout/deadline_exceeded',
    ],
    [
      'pymodbus.exceptions.ModbusIOException: Modbus Error: [Input/Output] No Response received from the remote slave/Unable to decode response',
      'timeout/request_timeout',
    ],
    ['ERROR Target device failed to respond', 'timeout/request_timeout'],
  ],
  [
    ['ec_init on enp3s0 succeeded.\n3 slaves found and configured.', '!hardware_fault/actuator_fault'],
    ['Operational state reached for all slaves.', '!timeout/deadline_exceeded'],
    ['pymodbus: Response received from device 1 (16 registers)', '!timeout/request_timeout'],
  ],
);

familyWithControls(
  'arm and legged-robot SDKs: Interbotix xs_sdk, Spot SDK',
  [
    [
      '[ERROR] [1654634967.35]: [xs_sdk] Failed to find all motors specified in the motor_config file after three attempts. Shutting down...',
      'hardware_fault/actuator_fault',
    ],
    [
      "[xs_sdk-2] [ERROR] [1654634967.3] [interbotix_xs_sdk]: [xs_sdk] Invalid service call. Joint 'elbo' does not exist. Was it added to the motor config file?",
      'config_error/invalid_config',
    ],
    [
      "[ERROR] [1654634967.3] [robot_manipulation]: Please set the gripper's 'operating mode' to 'pwm' or 'current'.",
      'config_error/invalid_config',
    ],
    [
      'bosdyn.client.robot_command.NotPoweredOnError: bosdyn.api.RobotCommandResponse (NotPoweredOnError): The robot must be powered on to accept a command.',
      'validation_error/forbidden_operation',
    ],
    [
      'bosdyn.client.image.UnknownImageSourceError: bosdyn.api.GetImageResponse (UnknownImageSourceError): System cannot find the requested image source name.',
      'config_error/invalid_config',
    ],
    [
      'bosdyn.client.graph_nav.UnknownMapInformationError: bosdyn.api.graph_nav.NavigateToResponse (UnknownMapInformationError): The given map information (waypoints,edges,routes) is unknown by the system.',
      'validation_error/invalid_argument',
    ],
  ],
  [
    ['bosdyn.client.image: image source name frontleft_fisheye_image found', '!config_error/invalid_config'],
    ['[INFO] [1654634967.3]: [xs_sdk] Found all 6 motors specified in the motor_config file.', '!hardware_fault/actuator_fault'],
    ['[INFO] [1654634967.3] [robot_manipulation]: Gripper operating mode: current', '!config_error/invalid_config'],
    ['bosdyn.client: The robot is powered on and accepts commands.', '!validation_error/forbidden_operation'],
  ],
);

familyWithControls(
  'cameras, lidars, CANopen masters, grippers and robot configuration: Orbbec, Hesai, lely, Robotiq, Clearpath',
  [
    [
      '[orbbec_camera_node-1] [ERROR] [1733300000.1] [camera.camera]: color exposure value is out of range[1,300], please check the value',
      'config_error/invalid_config',
    ],
    ['[hesai_ros_driver_node-1] Open correction file failed', 'config_error/file_not_found'],
    [
      '[hesai_ros_driver_node-1] Multicast IP error, set correct multicast ip address or keep it empty',
      'config_error/invalid_config',
    ],
    [
      '[ros2_control_node-1] Boot Failed: Value of object 1018 sub-index 01 from CANopen device is different to value in object 1F85 (Vendor-ID).',
      'config_error/invalid_config',
    ],
    [
      '[ros2_control_node-1] Boot Failed: Heartbeat event. No heartbeat message received from CANopen device.',
      'timeout/deadline_exceeded',
    ],
    [
      '[ros2_control_node-1] [WARN] [1746261825.41] [DefaultDriver]: Resending the command because the previous attempt (1 of 5) failed: IO Exception: Requested 6 bytes, received 0',
      'timeout/request_timeout',
    ],
    [
      '[ros2_control_node-1] [FATAL] [1746261825.41] [RobotiqGripperHardwareInterface]: Failed to communicate with the Robotiq gripper: IO Exception: Requested 11 bytes, received 0',
      'hardware_fault/actuator_fault',
    ],
    [
      '[WARN] [1656000000.1]: /robotiq_2f_gripper could not accept goal because the gripper is not yet active',
      'validation_error/forbidden_operation',
    ],
    ["AssertionError: YAML file '/etc/clearpath/robot.yaml' could not be found", 'config_error/file_not_found'],
    [
      "AssertionError: Platform 'w300' must be one of: '['a200', 'j100', 'w200', 'r100', 'dd100', 'do100', 'generic']'",
      'config_error/invalid_config',
    ],
  ],
  [
    ['[hesai_ros_driver_node-1] Read correction file from lidar success', '!config_error/file_not_found'],
    ['[ros2_control_node-1] Boot: heartbeat message received from CANopen device 3.', '!timeout/deadline_exceeded'],
    ['[INFO] [1656000000.1]: /robotiq_2f_gripper accepted goal, the gripper is active', '!validation_error/forbidden_operation'],
    ["[INFO] clearpath_config: YAML file '/etc/clearpath/robot.yaml' loaded", '!config_error/file_not_found'],
  ],
);

familyWithControls(
  'SocketCAN tools and hobby motor drivers: can-utils, ODrive ROS 2 node, RoboClaw',
  [
    ['$ cansend can0 123#DEADBEEF\nSIOCGIFINDEX: No such device', 'config_error/file_not_found'],
    ['$ cangen can0 -g 4\nwrite: No buffer space available', 'hardware_fault/actuator_fault'],
    ['$ cansend can0 123#1122\nwrite: Network is down', 'config_error/invalid_config'],
    ['$ cansend can0 123-1122\nWrong CAN-frame format!', 'validation_error/invalid_argument'],
    [
      '[odrive_can_node-1] [ERROR] [1733300000.1] [odrive_can_node]: Failed to initialize socket can interface: can0',
      'config_error/file_not_found',
    ],
    ['[odrive_can_node-1] [ERROR] [1733300000.1] [odrive_can_node]: unsupported control_mode: 7', 'config_error/invalid_config'],
    ['[FATAL] [1644700622.22]: Could not connect to Roboclaw', 'config_error/file_not_found'],
    ['[WARN] [1644700622.22]: Could not get version from roboclaw', 'hardware_fault/actuator_fault'],
  ],
  [
    ['$ candump can0\n  can0  123   [4]  DE AD BE EF', '!config_error/file_not_found'],
    ['[INFO] [1644700622.22]: Connecting to roboclaw', '!config_error/file_not_found'],
    [
      '[odrive_can_node-1] [INFO] [1733300000.1] [odrive_can_node]: control_mode: 3, input_mode: 1',
      '!config_error/invalid_config',
    ],
  ],
);
