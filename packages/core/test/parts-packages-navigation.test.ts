/**
 * The navigation, manipulation and control packages' messages (tables/packages/navigation.ts):
 * a failure text that shows one of these packages' own messages, and that no pattern reads, is
 * named by the message. The lines are written for these tests in the shapes the packages print
 * them (a ROS 2 launch prefix "[node-N] [LEVEL] [stamp] [logger]: …" or a ROS 1 "[ERROR]
 * [stamp]: …", glog's "F1206 … ] Check failed: … " for cartographer), values filled in; none is
 * taken from the labelled sets.
 */
import t from 'tap';
import { anchorOf } from '../src/patterns/parts/messages.js';
import { NAVIGATION } from '../src/patterns/parts/tables/packages/navigation.js';
import { familyByPackage, nearLineNotRead, readLog, rulesOnly } from './patterns-read.js';

t.test('the table covers every package of the family', async (t) => {
  const packages = new Set(NAVIGATION.map((m) => m.pkg));
  for (const pkg of [
    'nav2_controller',
    'nav2_planner',
    'nav2_smac_planner',
    'nav2_behaviors',
    'nav2_bt_navigator',
    'nav2_costmap_2d',
    'costmap_2d',
    'nav2_amcl',
    'nav2_map_server',
    'nav2_lifecycle_manager',
    'nav2_collision_monitor',
    'nav2_velocity_smoother',
    'nav2_waypoint_follower',
    'move_base',
    'moveit_ros_planning',
    'moveit_planners_ompl',
    'moveit_simple_controller_manager',
    'moveit_servo',
    'pilz_industrial_motion_planner',
    'controller_manager',
    'hardware_interface',
    'joint_trajectory_controller',
    'diff_drive_controller',
    'slam_toolbox',
    'behaviortree_cpp',
    'nav2_behavior_tree',
    'moveit_py',
    'robot_localization',
    'cartographer_ros',
  ]) {
    t.ok(packages.has(pkg), `${pkg} has messages`);
  }
});

/** [log text, expected pair]: one or more messages per package, as the package prints them. */
const CASES: [string, string][] = [
  // Nav2 planner_server (Humble's and main's forms), NavFn, Theta*, Smac
  [
    '[planner_server-4] [WARN] [1733300000.120000000] [planner_server]: GridBased plugin failed to plan calculation to (4.20, -1.35): "Failed to create plan with tolerance of: 0.500000"\n[planner_server-4] [WARN] [1733300000.120500000] [planner_server]: [compute_path_to_pose] [ActionServer] Aborting handle.',
    'policy_failure/task_not_achieved',
  ],
  [
    '[planner_server-4] [ERROR] [1733300000.300000000] [planner_server]: planner GridBased2 is not a valid planner. Planner names are: GridBased',
    'config_error/invalid_config',
  ],
  [
    "[planner_server-4] [WARN] [1733300000.400000000] [planner_server]: Unable to get MotionModel search type. Given 'DUBINS', valid options are MOORE, VON_NEUMANN, DUBIN, REEDS_SHEPP, STATE_LATTICE.",
    'config_error/invalid_config',
  ],
  // Nav2 controller_server and its controllers
  [
    "[controller_server-3] [ERROR] [1733300001.050000000] [controller_server]: FollowPath called with goal_checker name precise_goal_checker in parameter 'current_goal_checker', which does not exist. Available goal checkers are: general_goal_checker.",
    'config_error/invalid_config',
  ],
  [
    '[controller_server-3] [ERROR] [1733300001.200000000] [controller_server]: Controller period more then model dt, set it equal to model dt',
    'config_error/invalid_config',
  ],
  [
    '[controller_server-3] [ERROR] [1733300001.300000000] [DWBLocalPlanner]: No valid trajectories out of 820! \n[controller_server-3] [WARN] [1733300001.300100000] [controller_server]: [follow_path] [ActionServer] Aborting handle.',
    'policy_failure/task_not_achieved',
  ],
  // Nav2 behaviors, bt_navigator
  [
    '[behavior_server-6] [WARN] [1733300002.000000000] [behavior_server]: Exceeded time allowance before reaching the Spin goal - Exiting Spin',
    'timeout/deadline_exceeded',
  ],
  [
    '[bt_navigator-7] [ERROR] [1733300002.100000000] [bt_navigator]: BT file not found: /opt/ros/humble/share/my_robot/behavior_trees/nav.xml. Navigation canceled.',
    'config_error/file_not_found',
  ],
  [
    '[bt_navigator-7] [ERROR] [1733300002.200000000] [bt_navigator_navigate_to_pose_rclcpp_node]: "compute_path_to_pose" action server not available after waiting for 20.00s',
    'timeout/request_timeout',
  ],
  // costmap_2d (Nav2, ROS 1)
  [
    '[controller_server-3] [ERROR] [1733300003.000000000] [local_costmap.local_costmap]: Points in the footprint specification must be pairs of numbers. Found a point with 3 numbers.',
    'config_error/invalid_config',
  ],
  [
    '[ERROR] [1700000003.500000000]: Only topics that use point clouds or laser scans are currently supported',
    'config_error/invalid_config',
  ],
  // amcl, map_server
  [
    '[amcl-2] [WARN] [1733300004.000000000] [amcl]: Ignoring initial pose in frame "odom"; initial poses must be in the global frame, "map"',
    'config_error/invalid_config',
  ],
  [
    '[map_server-1] [ERROR] [1733300004.500000000] [map_io]: Failed processing YAML file /home/user/maps/lab.yaml at position (3:8) for reason: bad conversion',
    'config_error/invalid_config',
  ],
  ['[ERROR] [1700000004.800000000]: Map_server could not open /home/user/maps/lab.yaml.', 'config_error/file_not_found'],
  // lifecycle_manager, collision_monitor, velocity_smoother, waypoint_follower
  [
    '[lifecycle_manager-8] [ERROR] [1733300005.000000000] [lifecycle_manager_navigation]: CRITICAL FAILURE: SERVER controller_server IS DOWN after not receiving a heartbeat for 4000 ms. Shutting down related nodes.',
    'timeout/deadline_exceeded',
  ],
  [
    '[collision_monitor-9] [ERROR] [1733300005.500000000] [collision_monitor]: [FootprintApproach]: Unknown polygon type: rectangle',
    'config_error/invalid_config',
  ],
  [
    '[velocity_smoother-10] [ERROR] [1733300005.700000000] [velocity_smoother]: Positive values set of deceleration! These should be negative to slow down!',
    'config_error/invalid_config',
  ],
  [
    '[waypoint_follower-11] [WARN] [1733300005.900000000] [waypoint_follower]: Failed to process waypoint 2 in waypoint list and stop on failure is enabled. Terminating action.',
    'policy_failure/task_not_achieved',
  ],
  // ROS 1 move_base
  [
    '[ERROR] [1700000006.000000000]: Aborting because a valid control could not be found. Even after executing all recovery behaviors',
    'policy_failure/task_not_achieved',
  ],
  [
    '[ERROR] [1700000006.200000000]: Quaternion has length close to zero... discarding as navigation goal',
    'validation_error/invalid_argument',
  ],
  // MoveIt 2 / MoveIt (move_group, OMPL, trajectory execution, controller managers, kinematics, servo)
  [
    '[move_group-5] [ERROR] [1733300007.000000000] [moveit.ompl_planning.model_based_planning_context]: Unable to solve the planning problem',
    'policy_failure/task_not_achieved',
  ],
  [
    '[move_group-5] [ERROR] [1733300007.100000000] [moveit_ros.trajectory_execution_manager]: Unable to identify any set of controllers that can actuate the specified joints: [ joint_1 joint_2 joint_3 ]',
    'config_error/invalid_config',
  ],
  [
    '[move_group-5] [ERROR] [1733300007.200000000] [moveit.simple_controller_manager.follow_joint_trajectory_controller_handle]: Action client not connected to action server: arm_controller/follow_joint_trajectory',
    'timeout/request_timeout',
  ],
  [
    "[move_group-5] [WARN] [1733300007.300000000] [moveit_ros.trajectory_execution_manager]: Invalid Trajectory: start point deviates from current robot state more than 0.01 at joint 'joint_4'.",
    'validation_error/invalid_argument',
  ],
  [
    "[move_group-5] [ERROR] [1733300007.400000000] [moveit_robot_model.robot_model]: Group 'manipulator' not found in model 'ur5e'",
    'config_error/invalid_config',
  ],
  [
    '[servo_node-6] [ERROR] [1733300007.500000000] [moveit_servo.servo]: No IK solver for planning group panda_arm.',
    'config_error/invalid_config',
  ],
  // ros2_control: controller_manager, spawner, hardware_interface
  [
    '[ros2_control_node-1] [ERROR] [1733300008.060000000] [resource_manager]: Discrepancy between robot description file (urdf) and actually exported HW interfaces.',
    'config_error/invalid_config',
  ],
  [
    "[ros2_control_node-1] [ERROR] [1733300008.100000000] [controller_manager]: Resource conflict for controller 'forward_position_controller'. Command interface 'joint1/position' is already claimed.",
    'config_error/invalid_config',
  ],
  [
    "[spawner-3] [FATAL] [1733300008.200000000] [spawner_arm_controller]: Controller : /arm_controller parameters not found in parameter files : ['/ws/install/share/arm/config/controllers.yaml']",
    'config_error/invalid_config',
  ],
  [
    "[ros2_control_node-1] [ERROR] [1733300008.300000000] [resource_manager]: Missing <plugin> tag of <hardware> element for 'RobotSystem' in your URDF.",
    'validation_error/schema_violation',
  ],
  // ros2_controllers
  [
    '[ros2_control_node-1] [ERROR] [1733300009.000000000] [arm_controller]: Time between points 2 and 3 is not strictly increasing, it is 1.500000 and 1.000000 respectively',
    'validation_error/invalid_argument',
  ],
  [
    '[ros2_control_node-1] [ERROR] [1733300009.100000000] [diff_drive_base_controller]: The number of left wheels [2] and the number of right wheels [1] are different',
    'config_error/invalid_config',
  ],
  // ROS 1 ros_control
  [
    '[ERROR] [1700000009.500000000]: Resource conflict on [joint_1].  Controllers = [arm_controller, joint_group_position_controller]',
    'config_error/invalid_config',
  ],
  // second batch: MoveIt time parameterization and robot model (ROS 1), ros_control's hardware_interface
  ['[ERROR] [1700000012.200000000]: Could not switch controllers, due to resource conflict', 'config_error/invalid_config'],
  [
    '[move_group-5] [ERROR] [1733300012.000000000] [moveit_trajectory_processing.time_optimal_trajectory_generation]: No velocity limit was defined for joint gripper_finger_joint! You have to define velocity limits in the URDF or joint_limits.yaml',
    'config_error/invalid_config',
  ],
  [
    "[ERROR] [1700000012.300000000]: Robot model parameter not found! Did you remap 'robot_description'?",
    'config_error/invalid_config',
  ],
  [
    "[ERROR] [1700000012.100000000]: Could not find resource 'elbow_joint' in 'hardware_interface::PositionJointInterface'.",
    'config_error/invalid_config',
  ],
  // third batch: MoveIt's Pilz industrial motion planner
  [
    "[move_group-5] [ERROR] [1733300013.000000000] [moveit.pilz_industrial_motion_planner.pilz_industrial_motion_planner]: Cannot service planning request because planner ID 'LINEAR' does not exist.",
    'config_error/invalid_config',
  ],
  [
    '[move_group-5] [ERROR] [1733300013.100000000] [moveit.pilz_industrial_motion_planner.trajectory_functions]: Joint velocity limit of panda_joint4 violated. Set the velocity scaling factor lower! Actual joint velocity is 2.61, while the limit is 2.175.',
    'validation_error/invalid_argument',
  ],
  // fourth batch: ros2_control's resource manager and controller manager as Humble prints them
  [
    "[ros2_control_node-1] [ERROR] [1733300014.100000000] [controller_manager]: hardware component with name 'RRBot' does not exist",
    'config_error/invalid_config',
  ],
  // slam_toolbox, robot_localization, cartographer_ros
  [
    '[async_slam_toolbox_node-1] [ERROR] [1733300010.000000000] [slam_toolbox]: serialization::Read: Failed to open requested file: /home/user/maps/office.posegraph.',
    'config_error/file_not_found',
  ],
  [
    '[localization_slam_toolbox_node-1] [ERROR] [1767600000.100000000] [slam_toolbox]: Requested a non-localization deserialization in localization mode.',
    'validation_error/forbidden_operation',
  ],
  [
    '[ekf_node-1] [ERROR] [1733300010.100000000] [ekf_filter_node]: Invalid frame configuration! The values for map_frame, odom_frame, and base_link_frame must be unique. If using a base_link_frame_output values, it must not match the map_frame or odom_frame.',
    'config_error/invalid_config',
  ],
  [
    '[cartographer_node-1] F1206 02:00:00.123456 12345 sensor_bridge.cc:140] Check failed: msg->linear_acceleration_covariance[0] != -1 (-1 vs. -1) Your IMU data claims to not contain linear acceleration measurements by setting linear_acceleration_covariance[0] to -1. Cartographer requires this data to work.',
    'data_error/missing_field',
  ],
  // MoveIt's planning scene monitor and MoveGroupInterface (fifth batch)
  [
    '[move_group-1] [ERROR] [1733300012.000000000] [moveit.ros.planning_scene_monitor]: Cannot monitor robot state because planning scene is not configured',
    'config_error/invalid_config',
  ],
  [
    '[pick_place-1] [ERROR] [1733300012.100000000] [moveit.ros.move_group_interface]: joint variable elbow_joint_typo is not part of group ur_manipulator',
    'validation_error/invalid_argument',
  ],
];

/** Messages of CASES that a pattern of the library also reads (nav, MoveIt and ros2_control families): the table is their fallback. */
const PATTERN_READS = [
  'GridBased plugin failed to plan calculation',
  'No valid trajectories out of 820',
  'action server not available after waiting',
  'Failed to process waypoint 2',
  'Unable to solve the planning problem',
  'Unable to identify any set of controllers',
  'Invalid Trajectory: start point deviates',
  "Resource conflict for controller 'forward_position_controller'",
];

t.test("a package's own message names the failure", async (t) => {
  for (const [text, pair] of CASES) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, pair, text.slice(0, 110));
    // A few of these a pattern of the library reads first (same pair); the rest only the table names.
    if (!PATTERN_READS.some((p) => text.includes(p)))
      t.equal(r.code, 'parts.package', `read as the package's message: ${text.slice(0, 60)}`);
    t.ok(r.confidence < 0.8, `a message read alone stays below 0.8 (${r.confidence}): ${text.slice(0, 60)}`);
  }
});

t.test('not the message: a similar line, another case, a crash', async (t) => {
  // The message with another wording: not the package's line.
  const reworded = readLog(
    '[controller_server-3] [ERROR] [1733300011.000000000] [controller_server]: the requested controller name is unknown, please check the yaml',
  );
  t.not(reworded.code, 'parts.package', 'a reworded line is not the package message');
  // The case differs (the matcher is exact): not Nav2's velocity smoother printing it.
  const lowered = readLog(
    '[velocity_smoother-10] [ERROR] [1733300011.100000000] [velocity_smoother]: min velocities are higher than max velocities',
  );
  t.not(lowered.code, 'parts.package', 'another case is not the package message');
  // A "no path" verdict next to a crash: the crash is the cause (taxonomy rule 1), not the controller's verdict.
  const alone = readLog(
    '[controller_server-3] [ERROR] [1733300011.200000000] [controller_server]: Optimizer fail to compute path',
  );
  t.equal(`${alone.category}/${alone.factor}`, 'policy_failure/task_not_achieved', 'the verdict alone: no control found');
  const crashed = readLog(
    "[controller_server-3] [ERROR] [1733300011.200000000] [controller_server]: Optimizer fail to compute path\n[ERROR] [controller_server-3]: process has died [pid 4242, exit code -11, cmd '/opt/ros/jazzy/lib/nav2_controller/controller_server --ros-args -r __node:=controller_server']",
  );
  t.equal(`${crashed.category}/${crashed.factor}`, 'runtime_error/unhandled_exception', 'a crash outweighs the verdict');
});

/**
 * Near lines of MoveIt (review 19): each holds the anchor of a MoveGroupInterface entry, so the
 * table is asked (asserted first), and each is not that entry's reading.
 */
t.test('MoveIt near lines reach the table and are not its reading', async (t) => {
  const reaches = (text: string, says: string) =>
    t.ok(text.toLowerCase().includes(anchorOf(says) ?? '\0'), `reaches the anchor of "${says}": ${text.slice(0, 60)}`);
  const pair = (text: string) => {
    const r = readLog(text);
    return `${r.category}/${r.factor}`;
  };
  // moveit_core's SRDF errors (robot_model.cpp): a robot description's setup error, not a caller's argument.
  const joint = 'joint {} is not part of group {}';
  t.ok(
    NAVIGATION.some((m) => m.says === joint),
    'the MoveGroupInterface entry is in the table',
  );
  for (const text of [
    "[move_group-1] [ERROR] [1733300012.0] [moveit_robot_model.robot_model]: Group state 'home' specifies value for joint 'finger_joint', but that joint is not part of group 'arm'",
    "[move_group-1] [ERROR] [1733300012.0] [moveit_robot_model.robot_model]: Group 'arm' has a mimic joint 'j2' but that joint is not part of group 'arm'",
  ]) {
    reaches(text, joint);
    t.not(pair(text), 'validation_error/invalid_argument', `an SRDF error is not a bad joint target: ${text.slice(60, 120)}`);
  }
  // The entry still reads MoveGroupInterface's own line.
  const target =
    '[pick_place-1] [ERROR] [1733300012.2] [moveit.ros.move_group_interface]: joint elbow_joint_typo is not part of group ur_manipulator';
  t.equal(pair(target), 'validation_error/invalid_argument', 'a joint target outside the group');
  // joint_model_group.cpp's "Variable '…' is not part of group '…'": not the entry (no "joint "), stays a setup error.
  const variable =
    "[move_group-1] [ERROR] [1733300012.0] [moveit_robot_model.joint_model_group]: Variable 'elbow' is not part of group 'arm'";
  reaches(variable, joint);
  t.equal(pair(variable), 'config_error/invalid_config', "joint_model_group's variable line");
  // "ROS does not seem to be running" (move_group_interface.cpp, thrown when rclcpp is not initialized):
  // the program's order of calls, not a command the robot refused; not in the table, the C++
  // exception reads it, and prose that quotes it is not a refused command either.
  const ros = 'ROS does not seem to be running';
  t.notOk(
    NAVIGATION.some((m) => m.says === ros),
    'no entry for MoveGroupInterface not finding ROS',
  );
  const thrown =
    "terminate called after throwing an instance of 'std::runtime_error'\n  what():  ROS does not seem to be running";
  reaches(thrown, ros);
  t.equal(pair(thrown), 'runtime_error/unhandled_exception', 'the uncaught exception');
  for (const text of [
    "Q: my rviz panel prints 'ROS does not seem to be running' after Ctrl-C, is that normal?",
    "How do I fix 'ROS does not seem to be running' when I create MoveGroupInterface in my node?",
  ]) {
    reaches(text, ros);
    t.not(pair(text), 'validation_error/forbidden_operation', `prose: ${text.slice(0, 60)}`);
  }
});

/**
 * BehaviorTree.CPP (session 21): what its factory and XML parser throw, in the shapes a run shows
 * them: Nav2 Humble's bt_navigator "Exception when loading BT: {}" and an uncaught BT::RuntimeError
 * or BT::LogicError (libstdc++'s "terminate called after throwing … what(): …"), values filled in.
 */
const BT_THROWN = (type: string, what: string) =>
  `[bt_navigator-8] [INFO] [1767600000.000000000] [bt_navigator]: Configuring\nterminate called after throwing an instance of 'BT::${type}'\n  what():  ${what}`;
const BT_LOADING = (what: string) =>
  `[bt_navigator-8] [ERROR] [1767600000.100000000] [bt_navigator]: Exception when loading BT: ${what}`;

familyByPackage(
  'BehaviorTree.CPP',
  [
    [BT_THROWN('RuntimeError', 'ComputePathToPoseV2 is not a registered node, nor a Subtree'), 'config_error/invalid_config'],
    [BT_THROWN('RuntimeError', 'BehaviorTreeFactory: ID [FollowWaypointsX] not registered'), 'config_error/invalid_config'],
    [BT_LOADING('Error parsing the XML: XML_ERROR_FILE_NOT_FOUND'), 'config_error/file_not_found'],
    [BT_LOADING('Error parsing the XML: XML_ERROR_PARSING_ELEMENT'), 'validation_error/schema_violation'],
    [BT_LOADING('Error parsing the XML: XML_ERROR_MISMATCHED_ELEMENT'), 'validation_error/schema_violation'],
    [BT_LOADING('Error parsing the XML: XML_ERROR_EMPTY_DOCUMENT'), 'data_error/empty_input'],
    // v4: tinyxml2's ErrorStr() (tinyxml2.cpp SetError: "Error=%s ErrorID=%d (0x%x) Line number=%d" and its detail)
    [
      BT_LOADING(
        'Error parsing the XML: Error=XML_ERROR_FILE_NOT_FOUND ErrorID=3 (0x3) Line number=0: filename=/ws/install/share/my_nav/behavior_trees/navigate.xml',
      ),
      'config_error/file_not_found',
    ],
    [
      BT_LOADING(
        'Error parsing the XML: Error=XML_ERROR_PARSING_ELEMENT ErrorID=6 (0x6) Line number=12: XMLElement name=Sequence',
      ),
      'validation_error/schema_violation',
    ],
    [
      BT_LOADING('Error parsing the XML: Error=XML_ERROR_PARSING ErrorID=15 (0xf) Line number=7'),
      'validation_error/schema_violation',
    ],
    [
      BT_LOADING(
        'Error parsing the XML: Error=XML_ERROR_MISMATCHED_ELEMENT ErrorID=14 (0xe) Line number=20: XMLElement name=Fallback',
      ),
      'validation_error/schema_violation',
    ],
    [
      BT_LOADING('Error parsing the XML: Error=XML_ERROR_EMPTY_DOCUMENT ErrorID=13 (0xd) Line number=0'),
      'data_error/empty_input',
    ],
    [BT_THROWN('RuntimeError', 'The XML must have a root node called <root>'), 'validation_error/schema_violation'],
    [BT_THROWN('RuntimeError', '[main_tree_to_execute] was not specified correctly'), 'config_error/invalid_config'],
    [BT_LOADING('Error at line 9: -> The node <RecoveryNode> must have exactly 1 child'), 'validation_error/schema_violation'],
    [
      BT_THROWN('RuntimeError', "Error at line 9: -> The node 'Inverter' must have exactly 1 child"),
      'validation_error/schema_violation',
    ],
    [
      BT_THROWN('RuntimeError', "Error at line 4: -> The node 'Sequence' must have 1 or more children"),
      'validation_error/schema_violation',
    ],
    [BT_LOADING('Error at line 4: -> A Control node must have at least 1 child'), 'validation_error/schema_violation'],
    [
      BT_THROWN('RuntimeError', "Error at line 12: -> The node 'Wait' must not have any child"),
      'validation_error/schema_violation',
    ],
    [
      BT_THROWN('RuntimeError', 'Error at line 3: -> The tag <BehaviorTree> must have the attribute [ID]'),
      'validation_error/schema_violation',
    ],
    [
      BT_THROWN('RuntimeError', 'Error at line 5: -> A ReactiveSequence cannot have more than one async child.'),
      'validation_error/schema_violation',
    ],
    [
      // v4's validatePortName throws it directly (no " -> ")
      BT_THROWN('RuntimeError', "Error at line 6: Port name 'name' is a reserved attribute name"),
      'validation_error/schema_violation',
    ],
    [
      BT_THROWN(
        'RuntimeError',
        'a port with name [goal_pose] is found in the XML (<ComputePathToPose>, line 12) but not in the providedPorts() of its registered node type.',
      ),
      'config_error/invalid_config',
    ],
    [
      BT_LOADING(
        'Possible typo? In the XML, you tried to remap port "goal_pose" in node [ComputePathToPose / ComputePathToPose], but the manifest of this node does not contain a port with this name.',
      ),
      'config_error/invalid_config',
    ],
    // v4's wording of the same check (config.path, then the type in brackets)
    [
      BT_LOADING(
        'Possible typo? In the XML, you tried to remap port "goal_pose" in node [MainTree/ComputePathToPose(type ComputePathToPose)], but the manifest/model of this node does not contain a port with this name.',
      ),
      'config_error/invalid_config',
    ],
    [
      BT_THROWN('LogicError', 'The port with name "num_retries" and value "three" can not be converted to int'),
      'config_error/invalid_config',
    ],
    [BT_THROWN('RuntimeError', "Can't convert string [0.5m] to double"), 'config_error/invalid_config'],
    [BT_THROWN('RuntimeError', "Can't convert string [six] to integer"), 'config_error/invalid_config'],
    [
      BT_LOADING(
        'The creation of the tree failed because the port [goal] was initially created with type [geometry_msgs::msg::PoseStamped_<std::allocator<void> >] and, later type [std::string] was used somewhere else.',
      ),
      'validation_error/type_mismatch',
    ],
    [
      BT_THROWN(
        'LogicError',
        'Blackboard entry [path]: once declared, the type of a port shall not change. Previously declared type [nav_msgs::msg::Path_<std::allocator<void> >], current type [std::string]',
      ),
      'validation_error/type_mismatch',
    ],
    [
      BT_THROWN(
        'LogicError',
        'Blackboard::set(path): once declared, the type of a port shall not change. Previously declared type [nav_msgs::msg::Path_<std::allocator<void> >], current type [double]',
      ),
      'validation_error/type_mismatch',
    ],
    [
      BT_THROWN(
        'LogicError',
        'Blackboard::set() failed: once declared, the type of a port shall not change. Declared type [double] != current type [std::string]',
      ),
      'validation_error/type_mismatch',
    ],
    [
      BT_THROWN(
        'LogicError',
        'Blackboard: once declared, the type of a port shall not change. Previously declared type [double] != new type [int]',
      ),
      'validation_error/type_mismatch',
    ],
    [BT_THROWN('RuntimeError', "Blackboard::get() error. Entry [goal] hasn't been initialized, yet"), 'data_error/missing_field'],
    [
      BT_THROWN(
        'RuntimeError',
        'Using attribute [ros_pkg] in <include>, but this library was compiled without ROS support. Recompile the BehaviorTree.CPP using catkin',
      ),
      'config_error/invalid_config',
    ],
  ],
  [
    ['[bt_navigator-8] [INFO] [1767600000.000000000] [bt_navigator]: Activating', 'unknown/unknown'],
    [
      '[bt_navigator-8] [INFO] [1767600000.000000000] [bt_navigator]: Begin navigating from current location to (2.00, 1.00)',
      'unknown/unknown',
    ],
  ],
);

/**
 * Other software's lines that reach a BehaviorTree.CPP entry's anchor (its longest fixed piece) but
 * not its whole message: the table is asked and does not answer.
 */
t.test("BehaviorTree.CPP: other software's near lines are not its messages", async (t) => {
  const bt = NAVIGATION.filter((m) => m.pkg === 'behaviortree_cpp');
  const notRead = (text: string, piece: string) => nearLineNotRead(t, bt, text, piece);

  // a URDF or SDF checker's child count (no "Error at line N: ->" of the tree parser)
  notRead("check_urdf: link 'base_link' must have exactly 1 child joint", "' must have exactly 1 child");
  notRead("sdformat: the node 'world' must have 1 or more children", "' must have 1 or more children");
  // a converter's message with the same opening and another target type
  notRead("Can't convert string [2026-01-05] to a date", "Can't convert string [{}] to double");
  // another program's "Port name" check (no "Error at line N: " before it)
  notRead("config lint: Port name 'name' is a reserved attribute name in section [ports]", 'is a reserved attribute name');
  // "ID [{}] already registered" and v4's "{} is not a registered node" have no entry: other
  // registries print the same words (a duplicate metric collector, a cluster's node list)
  t.notOk(
    bt.some((m) => m.says.includes('already registered') || m.says === '{} is not a registered node'),
    'no entry for "ID [{}] already registered" nor v4\'s "{} is not a registered node"',
  );
  for (const text of [
    'panic: metric collector ID [node_cpu] already registered',
    'RuntimeError: PluginFactory: ID [lidar_filter] already registered in module registry',
  ])
    rulesOnly(() => t.not(readLog(text).code, 'parts.package', `not a package message: ${text}`));
  // "Node not recognized" is read by the pattern nav.bt_node_unknown (same pair): no entry for it
  t.notOk(
    bt.some((m) => m.says.includes('Node not recognized')),
    'no entry for the parser\'s "Node not recognized"',
  );
  t.equal(
    readLog(BT_LOADING('Error at line 14: -> Node not recognized: ComputePathToPoseX')).code,
    'nav.bt_node_unknown',
    'the pattern reads it',
  );
});

/**
 * MoveItCpp and moveit_py (session 21): MoveItCpp's and PlanningComponent's logged errors in the
 * launch prefix of a moveit_py script, and the bindings' std::invalid_argument as the ValueError a
 * Python traceback ends with, values filled in.
 */
const MOVEIT_PY = (logger: string, message: string) =>
  `[motion_planning_python_api_tutorial-1] [INFO] [1767600000.0] [moveit_py.pose_goal]: Planning trajectory\n[motion_planning_python_api_tutorial-1] [ERROR] [1767600000.1] [${logger}]: ${message}`;
const MOVEIT_PY_RAISED = (call: string, message: string) =>
  `Traceback (most recent call last):\n  File "/ws/src/demo/motion_planning.py", line 60, in main\n    ${call}\nValueError: ${message}`;

familyByPackage(
  'MoveItCpp and moveit_py',
  [
    [MOVEIT_PY('moveit_cpp', 'Did not receive robot state'), 'timeout/deadline_exceeded'],
    [
      MOVEIT_PY('moveit_cpp', "Execution failed! No active controllers configured for group 'ur_manipulator'"),
      'config_error/invalid_config',
    ],
    [
      MOVEIT_PY('moveit.ros.planning_component', "Failed to retrieve joint model group for name 'panda_armm'."),
      'config_error/invalid_config',
    ],
    [
      MOVEIT_PY('moveit.ros.planning_component', "No predefined joint state found for target name 'extended'"),
      'config_error/invalid_config',
    ],
    [
      MOVEIT_PY('moveit.ros.planning_component', 'No goal constraints set for planning request'),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED(
        'arm.set_goal_state(configuration_name="ready", robot_state=robot_state)',
        'Cannot specify both configuration name and robot state',
      ),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED(
        'arm.set_goal_state(configuration_name="ready", pose_stamped_msg=pose)',
        'Cannot specify both configuration name and pose msg',
      ),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED(
        'arm.set_goal_state(configuration_name="ready", motion_plan_constraints=[c])',
        'Cannot specify both configuration name and motion plan constraints',
      ),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED(
        'arm.set_goal_state(robot_state=state, pose_stamped_msg=pose)',
        'Cannot specify both robot state and pose msg',
      ),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED(
        'arm.set_goal_state(robot_state=state, motion_plan_constraints=[c])',
        'Cannot specify both robot state and motion plan constraints',
      ),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED(
        'arm.set_goal_state(pose_stamped_msg=pose, motion_plan_constraints=[c])',
        'Cannot specify both pose goal and motion plan constraints',
      ),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED('arm.set_goal_state(pose_stamped_msg=pose)', 'Must specify both message and corresponding link'),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED(
        'arm.plan(single_plan_parameters=p1, multi_plan_parameters=p2)',
        'Cannot specify both single and multi plan parameters',
      ),
      'validation_error/invalid_argument',
    ],
    [
      MOVEIT_PY_RAISED('arm.plan(planning_scene=scene)', 'Cannot specify planning scene without specifying plan parameters'),
      'validation_error/invalid_argument',
    ],
  ],
  [
    // the group entry's anchor without its closing "'."
    [
      MOVEIT_PY('moveit.ros.planning_component', "Failed to retrieve joint model group for name 'arm', using 'manipulator'"),
      '!config_error/invalid_config',
    ],
    [
      '[motion_planning_python_api_tutorial-1] [INFO] [1767600000.0] [moveit_py.pose_goal]: Planning trajectory',
      'unknown/unknown',
    ],
  ],
);

t.test("MoveItCpp and moveit_py: other software's near lines are not their messages", async (t) => {
  const moveit = NAVIGATION.filter((m) => m.pkg === 'moveit_py' || m.pkg === 'moveit_ros_planning');
  const notRead = (text: string, piece: string) => nearLineNotRead(t, moveit, text, piece);

  // a quotation in another case (the pieces are matched with their case)
  notRead('note: did not receive robot state from the sim bridge yet, retrying', 'Did not receive robot state');
  notRead("ERROR: no predefined joint state found for target name 'home' (check the SRDF)", 'No predefined joint state');
  // the anchor of the group entry without its closing "'."
  notRead("Failed to retrieve joint model group for name 'arm', using the default group", 'Failed to retrieve joint model group');
});

/** Nav2's BT action server (session 21): a main tree file it cannot take an ID from. */
familyByPackage(
  "Nav2's BT action server: no main tree ID",
  [
    [
      '[bt_navigator-8] [ERROR] [1767600000.1] [bt_navigator]: Failed to extract ID from /ws/install/share/my_nav/behavior_trees/navigate.xml',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      '[bt_navigator-8] [INFO] [1767600000.1] [bt_navigator]: Registering Tree from File: /ws/install/share/my_nav/behavior_trees/navigate.xml',
      'unknown/unknown',
    ],
    // another case: the entry is matched with its case
    ['token parser: failed to extract id from header, using anonymous session', '!config_error/invalid_config'],
    // other software's lines in the same case, with no tree file after the words
    [
      '2026-01-05 10:00:00 ERROR worker: Failed to extract ID from URL https://example.com/item/abc',
      '!config_error/invalid_config',
    ],
    [
      'Traceback (most recent call last):\n  File "agent/tools/jira.py", line 88, in create_issue\n    raise ValueError(f"Failed to extract ID from response: {resp}")\nValueError: Failed to extract ID from response: {\'errors\': [\'rate limited\']}',
      '!config_error/invalid_config',
    ],
  ],
);

/** ros2_control's spawner (session 21): the spawner lock never acquired. */
familyByPackage(
  "ros2_control's spawner lock",
  [
    [
      "[spawner-5] [ERROR] [1767600000.1] [ros2_control_controller_spawner_joint_state_broadcaster]: Failed to acquire lock after multiple attempts.\n[ERROR] [spawner-5]: process has died [pid 4242, exit code 1, cmd '/opt/ros/jazzy/lib/controller_manager/spawner joint_state_broadcaster --ros-args'].",
      'timeout/request_timeout',
    ],
  ],
  [
    [
      '[spawner-5] [WARN] [1767600000.1] [ros2_control_controller_spawner_joint_state_broadcaster]: Failed to acquire lock in 20 seconds. Attempt 1 of 5 failed. Retrying in 3 seconds...',
      '!timeout/request_timeout',
    ],
    [
      '[spawner-5] [INFO] [1767600000.1] [ros2_control_controller_spawner_joint_state_broadcaster]: Loaded joint_state_broadcaster',
      'unknown/unknown',
    ],
    // another program's line holding the message's words in another case (the entry is matched with its case)
    [
      '[db-migrate] ERROR: failed to acquire lock after multiple attempts. Is another migration running?',
      '!timeout/request_timeout',
    ],
  ],
);

/** Near lines that hold the Nav2 and spawner entries' anchors (their whole words, same case or not): the table is asked and does not answer. */
t.test("Nav2's BT action server and the spawner: near lines reach the entries' anchors", async (t) => {
  const near: [pkg: string, piece: string, text: string][] = [
    [
      'nav2_behavior_tree',
      'Failed to extract ID from',
      '2026-01-05 10:00:00 ERROR worker: Failed to extract ID from URL https://example.com/item/abc',
    ],
    ['nav2_behavior_tree', 'Failed to extract ID from', 'ValueError: Failed to extract ID from response: {}'],
    [
      'controller_manager',
      'Failed to acquire lock after',
      '[db-migrate] ERROR: failed to acquire lock after multiple attempts. Is another migration running?',
    ],
    [
      'controller_manager',
      'Failed to acquire lock after',
      'redis-lock: FAILED TO ACQUIRE LOCK AFTER MULTIPLE ATTEMPTS. (key=jobs:sync)',
    ],
  ];
  for (const [pkg, piece, text] of near)
    nearLineNotRead(
      t,
      NAVIGATION.filter((m) => m.pkg === pkg),
      text,
      piece,
    );
});
