/**
 * Package messages of industrial and collaborative arm drivers and mobile-base SDKs (patterns/
 * parts/tables/packages/industrial-robots.ts): Kawasaki KRNX, KUKA RSI/EKI/FRI, ABB RWS/EGM, JAKA,
 * AUBO, ROS-Industrial's simple_message client, Yaskawa MotoROS/MotoROS2, AgileX bases, Universal
 * Robots' ROS 1 driver, franka_ros, Kinova, Doosan, Techman, Flexiv, Dobot, iRobot Create, Kobuki,
 * Robotiq, Sawyer, MiR, Mecademic and the SCHUNK hand name the failure when no pattern of the
 * library does. Each line is the message as its package logs it, values filled in; each control is
 * a near line that is not the message (another wording, an INFO line, another case).
 */
import { family, familyByPackage } from './patterns-read.js';

familyByPackage(
  'Kawasaki, KUKA, ABB: controller modes, emergency stops, KRNX codes, RSI and EGM',
  [
    [
      "[ERROR] [1733300000.120000000]: [KhiRobotKrnxDriver] Please change Robot Controller's TEACH/REPEAT to REPEAT",
      'validation_error/forbidden_operation',
    ],
    [
      "[ERROR] [1733300000.120000000]: [KhiRobotKrnxDriver] Please change Robot Controller's EMERGENCY to OFF",
      'hardware_fault/emergency_stop',
    ],
    ['[ERROR] [1733300001.004000000]: [KhiRobotKrnxDriver] krnx_Open returned -0x2007', 'network_error/connection_refused'],
    ['[ERROR] [1733300001.004000000]: [KhiRobotKrnxDriver] krnx_PrimeRtcCompData returned -0x2102', 'timeout/request_timeout'],
    ['[ERROR] [1733300001.2]: [KhiRobotKrnxDriver] ROS Robot:RS007N does not match AS:RS007L', 'config_error/invalid_config'],
    [
      '[ERROR] [1733300000.551204817] [kuka_rsi_driver]: KRC not in EXT. Switch to EXT to activate.',
      'validation_error/forbidden_operation',
    ],
    [
      "[FATAL] [1733300000.2] [KukaRSIHardwareInterface]: Unsupported command interface 'effort' for joint joint_a1",
      'config_error/invalid_config',
    ],
    [
      '[ERROR] [1733300000.3] [KukaFRIHardwareInterface]: Could not initialize TCP connection to controller',
      'network_error/connection_refused',
    ],
    [
      "[ERROR] [1700000000.1]: Failed to get RSI listen address or listen port from parameter server (looking for 'rsi/listen_address' and 'rsi/listen_port')",
      'config_error/invalid_config',
    ],
    [
      '[ERROR] [1700000000.1]: Failed to read from robot EKI server within alloted time of 5.000000 seconds.  Make sure eki_hw_interface is running on the robot controller and all configurations are correct.',
      'timeout/request_timeout',
    ],
    [
      '[ERROR] [1700000000.2]: No URDF model in the robot_description parameter, this is required to define the joint limits.',
      'config_error/invalid_config',
    ],
    [
      "[ WARN] [1700000010.2]: EGM is inactive! Refusing to start controller(s): ['joint_group_velocity_controller']",
      'validation_error/forbidden_operation',
    ],
    ['[FATAL] [1700000000.7]: Unsupported RobotWare version (6.06.01, need at least 6.07.01)', 'import_error/version_conflict'],
    ['message: "Robot controller is not in AUTO mode"', 'validation_error/forbidden_operation'],
    ['[FATAL] [1733300000.4] [ABBSystemHardware]: RWS IP not specified', 'config_error/invalid_config'],
    ["[FATAL] [1700000000.6]: Invalid IP address '192.168.125.1x' provided", 'config_error/invalid_config'],
  ],
  [
    [
      '[ INFO] [1733300000.1]: [KhiRobotKrnxDriver] Connecting to real controller: 192.168.0.2',
      '!network_error/connection_refused',
    ],
    [
      '[ INFO] [1733300000.5] [kuka_rsi_driver]: KRC in EXT mode, external control started',
      '!validation_error/forbidden_operation',
    ],
    ['[ INFO] [1700000000.5]: Established RWS connection to the robot controller', '!network_error/connection_refused'],
  ],
);

familyByPackage(
  'JAKA, AUBO, ROS-Industrial clients, Yaskawa: SDK errors, simple_message, MotoROS result codes',
  [
    ['[ INFO] [1700000100.2]: error occurred: ERR_EMERGENCY_PRESSED', 'hardware_fault/emergency_stop'],
    ['message: "error occurred:ERR_NOT_POWERED"', 'validation_error/forbidden_operation'],
    ["[ERROR] [1700000000.3]: Cann't connect to the robot controller!", 'network_error/connection_refused'],
    [
      '[ WARN] [1700000000.9]: Failed to switch to ros-controller, the robot is still controlled by the robot controller!',
      'validation_error/forbidden_operation',
    ],
    [
      "[ WARN] [1700000050.1] [/joint_trajectory_action]: Aborting goal because we haven't heard from the controller in 1.000 seconds",
      'timeout/deadline_exceeded',
    ],
    [
      "[ERROR] [1700000051.1]: Validation failed: Max velocity exceeded for trajectory pt 3, joint 'joint_2'",
      'validation_error/invalid_argument',
    ],
    ['[ERROR] [1700000000.8]: Parameter: controller_joint_names not of list type', 'config_error/invalid_config'],
    [
      '[ERROR] [1700000060.1]: Aborting Trajectory.  Failed to send point (#0): Not Ready (4001): Controller not in REMOTE mode',
      'validation_error/forbidden_operation',
    ],
    [
      '[ERROR] [1700000060.1]: Failed to set TrajectoryMode: Not Ready (4013): Power and Force Limiting (PFL) was activated: please reset PFL on the robot',
      'hardware_fault/emergency_stop',
    ],
    [
      '[ERROR] [1733300200.5] [fjt_client]: Goal rejected: The teach pendant must be in REMOTE mode',
      'validation_error/forbidden_operation',
    ],
    [
      '[ERROR] [1733300200.6] [fjt_client]: error_string: Final position was outside tolerance. Check robot safety-limits that could be inhibiting motion.',
      'hardware_fault/actuator_fault',
    ],
    [
      '[ERROR] [1733300300.0] [ros2_control_node]: Joint name [joint_7] is not valid. Check motoros2_config.yaml and update accordingly.',
      'config_error/invalid_config',
    ],
  ],
  [
    ['[ INFO] [1700000100.2]: linear_move has been executed', '!hardware_fault/emergency_stop'],
    ['[ INFO] [1700000000.1]: Switches to ros-controller successfully', '!validation_error/forbidden_operation'],
    [
      '[ INFO] [1700000060.1]: Motoman robot is now enabled and will accept motion commands.',
      '!validation_error/forbidden_operation',
    ],
  ],
);

familyByPackage(
  'AgileX bases, Create, Kobuki, MiR: CAN ports, serial links, firmware, batteries',
  [
    ['Please check the specified port name is a CAN port', 'config_error/invalid_config'],
    ['[ERROR] [1733300000.1] [ranger_base_node]: Failed to connect to the CAN port', 'config_error/file_not_found'],
    ['[ERROR] [1700000000.7]: LIMO: Motor driver 2 error!', 'hardware_fault/actuator_fault'],
    ['[create::Create] failed to connect over serial: timeout', 'hardware_fault/actuator_fault'],
    ['[create::Serial] failed to open port: /dev/ttyUSB0', 'config_error/file_not_found'],
    [
      "[ERROR] [1733300000.9] [kobuki_ros_node]: Kobuki : This software is incompatible with Kobuki's firmware.",
      'import_error/version_conflict',
    ],
    [
      '[FATAL] [1700000000.2]: [/mir_bridge] connection error to 192.168.12.20:9090, giving up!',
      'network_error/connection_refused',
    ],
  ],
  [
    ['Using CAN bus to talk with the robot', '!config_error/file_not_found'],
    ['[ INFO] [1700000000.9]: LIMO: battery 87%', '!hardware_fault/battery_low'],
  ],
);

familyByPackage(
  'Universal Robots (ROS 1), Franka (ROS 1), Kinova: parameters, robot modes, Kortex sub-codes',
  [
    ['[ERROR] [1700000000.3]: Required parameter /ur_hardware_interface/robot_ip not given.', 'config_error/invalid_config'],
    [
      "[ERROR] [1700000000.4]: Robot control is currently inactive. Starting controllers that claim resources is currently not possible. Not starting controller 'scaled_pos_joint_traj_controller'",
      'validation_error/forbidden_operation',
    ],
    ['[ERROR] [1700000000.1]: Invalid or no robot_ip parameter provided', 'config_error/invalid_config'],
    ['[ERROR] [1700000000.3]: franka_gripper_node: Could not parse robot_ip parameter', 'config_error/invalid_config'],
    [
      '[ WARN] [1700000000.4] [franka_hw_sim]: Cannot recover errors since the user stop seems still pressed',
      'hardware_fault/emergency_stop',
    ],
    [
      '[ERROR] [1700000000.5]: CartesianImpedanceExampleController: Could not read parameter arm_id',
      'config_error/invalid_config',
    ],
    [
      "[ERROR] [1700000000.6]: The arm model specified in the launch file doesn't match the detected arm's model, shutting down the node...",
      'config_error/invalid_config',
    ],
    ['[ERROR] [1700000001.1]: Error sub code: CONTROL_JOINT_POSITION_LIMIT', 'validation_error/invalid_argument'],
    [
      '[ERROR] [1700000000.2]: Could not find the specified arm (serial: PJ00900006161460-0) among the 1 attached devices',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      '[ INFO] [1700000000.6]: Robot connected to reverse interface. Ready to receive control commands.',
      '!validation_error/forbidden_operation',
    ],
    ['[ INFO] [1700000001.1]: Error sub code: SUB_ERROR_NONE', '!hardware_fault/emergency_stop'],
  ],
);

familyByPackage(
  'Doosan, Techman, Flexiv, Dobot, Mecademic: controller links and faults',
  [
    [
      '[ERROR] [1733300000.1] [dsr_hw_interface2]: DRHWInterface::init() DRCF connecting ERROR!!!',
      'network_error/connection_refused',
    ],
    [
      '[ERROR] [1733300000.2] [rclcpp]: TM_ROS: (Ethernet slave): Ethernet slave connection stopped!',
      'network_error/connection_reset',
    ],
    ['[INFO] [1733300000.3] [tm_driver]: TM_ROS: Not on listen node!', 'validation_error/forbidden_operation'],
    ["[FATAL] [1733300000.4] [FlexivHardwareInterface]: Parameter 'local_ip' not set", 'config_error/invalid_config'],
    ['[FATAL] [1733300000.5] [FlexivHardwareInterface]: Fault cannot be cleared, exiting ...', 'hardware_fault/actuator_fault'],
    [
      'mecademicpy.mx_robot_def.CommunicationError: Command socket could not be created. Is the IP address correct?',
      'network_error/connection_refused',
    ],
    ['[ERROR] [1700000000.7]: RobotVersionType is error cr7x', 'config_error/invalid_config'],
    ['[ERROR] [1700000000.8]: tcp server has disconnected', 'network_error/connection_reset'],
  ],
  [
    ['[INFO] [1733300000.1] [dsr_hw_interface2]: Real Robot Mode', '!network_error/connection_refused'],
    ['[INFO] [1733300000.3] [tm_driver]: TM_ROS: (re)connect(1000) TM_SCT Listen node', '!validation_error/forbidden_operation'],
  ],
);

familyByPackage(
  'Grippers and hands, Sawyer: Robotiq, SCHUNK SVH, intera',
  [
    [
      '[ WARN] [1700000000.2]: Cycle time exceeded error threshold by: 0.0041, cycle time: 0.0141, threshold: 0.01',
      'timeout/deadline_exceeded',
    ],
    ['[SVHFingerManager] Connection timeout! Could not connect to SCHUNK five finger hand.', 'hardware_fault/actuator_fault'],
    [
      '[ERROR] [1700000000.3]: /robot/limb/right/follow_joint_trajectory: Exceeded Error Threshold on right_j1: -0.21',
      'hardware_fault/actuator_fault',
    ],
  ],
  [
    ['[ INFO] [1700000000.1]: gripper activated, no fault', '!hardware_fault/actuator_fault'],
    ['[SVHFingerManager] Successfully established connection to SCHUNK five finger hand.', '!hardware_fault/actuator_fault'],
  ],
);

familyByPackage(
  'xArm SDK, Elite, Dobot V4, Denso: controller error titles and connections',
  [
    [
      '[ERROR] [1733300000.1] [xarm_driver]: UFACTORY Error detected! Code C23 -> [ Joints Angle Exceed Limit ]',
      'validation_error/invalid_argument',
    ],
    ['* ErrorCode: 31, Info: Collision Caused Abnormal Current', 'hardware_fault/emergency_stop'],
    ['Exception: can not connect to port/ip 192.168.1.196', 'network_error/connection_refused'],
    [
      '[ERROR] [1733300000.2] [EliteCSPositionHardwareInterface]: Connect robot primary port fail.',
      'network_error/connection_refused',
    ],
    [
      '[WARN] [1733300000.3] [CRCommanderRos2]: Robot disconnected - Dashboard: 192.168.5.1:29999, Real-time: 192.168.5.1:30004',
      'network_error/connection_reset',
    ],
    ['[ERROR] [1700000000.4]: Failed to connect real controller. (80000900)', 'network_error/connection_refused'],
    ['[ERROR] [1700000000.5]: Invalid argument value [controller_type]', 'config_error/invalid_config'],
  ],
  [
    ['* ErrorCode: 0, Info: Normal', '!hardware_fault/emergency_stop'],
    [
      '[INFO] [1733300000.2] [EliteCSPositionHardwareInterface]: Connect robot primary port success.',
      '!network_error/connection_refused',
    ],
  ],
);

familyByPackage(
  'UR (ROS 2), Kinova (ROS 2), Franka (ROS 2), AgileX (ROS 1): controllers, interfaces, sub-codes',
  [
    [
      "[ERROR] [1733300000.1] [scaled_joint_trajectory_controller]: Can't accept new trajectories. Controller is not running.",
      'validation_error/forbidden_operation',
    ],
    [
      '[ERROR] [1733300000.2] [URPositionHardwareInterface]: Starting FORCE_MODE together with FREEDRIVE_MODE is not allowed. ',
      'validation_error/forbidden_operation',
    ],
    [
      "[FATAL] [1733300000.3] [URPositionHardwareInterface]: Joint 'shoulder_pan_joint' does not contain a 'position' command interface.",
      'config_error/invalid_config',
    ],
    [
      '[ERROR] [1733300000.4] [KortexMultiInterfaceHardware]: Error sub-code: CONTROL_WRONG_STARTING_POINT',
      'validation_error/invalid_argument',
    ],
    [
      "[FATAL] [1733300000.5] [franka_hardware]: Joint 'fr3_joint1' has unexpected command interface 'velocity'. Expected 'effort' and 'position' ",
      'config_error/invalid_config',
    ],
    ['[ERROR] [1700000000.6]: please bringup up can or make sure can port exist', 'config_error/file_not_found'],
    ['RuntimeError: CAN port can0 is not UP.', 'config_error/invalid_config'],
    [
      '[ChannelFactory] create domain participant error. msg: Occurred upon initialisation of a cyclonedds.domain.DomainParticipant',
      'config_error/invalid_config',
    ],
    ['[ERROR] [1700000000.7]: No answer from RelayBoard (Timeout) ... ', 'hardware_fault/actuator_fault'],
    ['[ERROR] [1700000000.8]: FAILED to open RelayboardV2 at ComPort /dev/ttyUSB0', 'config_error/file_not_found'],
  ],
  [
    [
      '[INFO] [1733300000.1] [scaled_joint_trajectory_controller]: Controller is running, accepting new trajectories.',
      '!validation_error/forbidden_operation',
    ],
    [
      '[INFO] [1733300000.4] [KortexMultiInterfaceHardware]: Error sub-code: SUB_ERROR_NONE',
      '!validation_error/invalid_argument',
    ],
  ],
);

familyByPackage(
  'Universal Robots client library: program state, RTDE, dashboard, motion primitives',
  [
    ['[ERROR] [1733300000.1] [UR_Client_Library:]: Robot program is not running', 'validation_error/forbidden_operation'],
    ['[ERROR] [1733300000.2] [UR_Client_Library:]: Failed to get address for ur-robot.local:30004', 'network_error/dns_failure'],
    [
      '[ERROR] [1733300000.3] [UR_Client_Library:]: Did not receive confirmation on RTDE output recipe',
      'timeout/request_timeout',
    ],
    [
      '[ERROR] [1733300000.4] [UR_Client_Library:]: Negative velocity passed to motion primitive. This is not allowed.',
      'validation_error/invalid_argument',
    ],
  ],
  [
    [
      '[INFO] [1733300000.1] [UR_Client_Library:]: Robot connected to reverse interface. Ready to receive control commands.',
      '!validation_error/forbidden_operation',
    ],
  ],
);

family("Lines the library's own patterns already name: the table agrees with them", [
  ['[ERROR] [1733300003.118200931] [kuka_rsi_driver]: Emergency stop detected!', 'hardware_fault/emergency_stop'],
  [
    "[ WARN] [1700000000.5]: Failed to establish RWS connection to the robot controller (attempt 5/5), reason: 'Connection refused'",
    'network_error/connection_refused',
  ],
  ['10004 port receive timeout ....', 'timeout/request_timeout'],
  [
    "[ERROR] [1700000000.2]: Failed to connect to server, rc: -1. Error: 'No route to host' (errno: 113)",
    'network_error/connection_refused',
  ],
  ["result_code: 103\nmessage: 'The controller is in E-Stop'", 'hardware_fault/emergency_stop'],
  ['[ERROR] [1700000000.8]: LIMO: Low battery!', 'hardware_fault/battery_low'],
  [
    '[ WARN] [1700000000.5]: The robot is currently in safety mode ROBOT_EMERGENCY_STOP. Please release the EM-Stop to proceed.',
    'hardware_fault/emergency_stop',
  ],
  ['[ERROR] [1700000000.6]: Parent folder /home/user/calib does not exist.', 'config_error/file_not_found'],
  [
    '[ERROR] [1700000000.2]: franka_combined_control_node: Failed to set thread priority to real-time. Error: Operation not permitted',
    'auth_error/permission_denied',
  ],
  [
    '[ERROR] [1700000000.5]: The node could not connect to the arm. Did you specify the right IP address and is the arm powered on?',
    'network_error/connection_refused',
  ],
  ['[ERROR] [1700000001.1]: Error sub code: ROBOT_IN_EMERGENCY_STOP', 'hardware_fault/emergency_stop'],
  ['[ERROR] [1700000000.6]: tcpDoCmd : recv timeout', 'timeout/request_timeout'],
  ['[ERROR] [1700000000.6]: Servo ErrorID : 23,  J2 encoder error, Check the encoder cable', 'hardware_fault/actuator_fault'],
  ['[ WARN] [1700000000.1]: gripper faulted with code: 7', 'hardware_fault/actuator_fault'],
  ['OSError: [Errno 121] Failed to Reset: E-Stop Engaged', 'hardware_fault/emergency_stop'],
  [
    '* ErrorCode: 1, Info: The Emergency Stop Button on the xArm Controller is pushed in to stop',
    'hardware_fault/emergency_stop',
  ],
  ['* ErrorCode: 11, Info: Servo motor 1 error', 'hardware_fault/actuator_fault'],
]);
