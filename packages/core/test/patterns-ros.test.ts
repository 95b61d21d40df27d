/**
 * The ROS and simulator families (patterns/families/ros.ts, simulators.ts) and the evaluation
 * verdicts added with them: parameter types, services that never come up, controller
 * deadlines, QoS, build inputs, headers, files that cannot be opened, description files,
 * GUIs without display or GL driver, low success rates, reproductions below the reported
 * figures, replays that no longer succeed — with look-alikes that keep their own reading.
 * Written in the wording of rclcpp/rclpy, controller_manager, MoveIt, colcon/catkin, Gazebo,
 * PyBullet, MuJoCo and evaluation harnesses (not the accuracy cases' texts).
 */
import t from 'tap';
import { family, readLog } from './patterns-read.js';

family('ROS parameters of the wrong type are a type mismatch; undeclared ones stay configuration', [
  [
    "rclpy.exceptions.InvalidParameterTypeException: Trying to set parameter 'max_speed' to '2' of type 'INTEGER', expecting type 'DOUBLE'",
    'validation_error/type_mismatch',
  ],
  [
    "[controller_server-1]   what():  parameter 'FollowPath.max_vel_x' has invalid type: expected [double] got [integer]",
    'validation_error/type_mismatch',
  ],
  [
    "rclpy.exceptions.ParameterNotDeclaredException: ('Invalid access to undeclared parameter(s)', ['use_foo'])",
    'config_error/invalid_config',
  ],
]);

family('services that never come up, and controller operations past their deadline', [
  [
    '[spawn_entity.py-4] [ERROR] [spawner]: Service /gazebo/spawn_entity unavailable. Was Gazebo started with GazeboRosFactory?',
    'timeout/request_timeout',
  ],
  ["[bt_navigator]: Timed out waiting for action server 'navigate_to_pose'", 'timeout/request_timeout'],
  ['[controller_manager]: Switch controller timed out after 5.000000 seconds!', 'timeout/deadline_exceeded'],
  [
    '[moveit.ros.trajectory_execution_manager]: Controller is taking too long to execute trajectory (the expected upper bound for the trajectory execution was 3.2 seconds). Stopping trajectory.',
    'timeout/deadline_exceeded',
  ],
]);

t.test('an HTTP 503 "Service Unavailable" stays an upstream error', async (t) => {
  const ros = readLog('[ERROR] [spawner]: Service /spawn_entity unavailable. Exiting.');
  t.equal(ros.category, 'timeout', `control: a ROS service that never came up (${ros.code})`);
  const http = readLog(
    'requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: https://api.example.com/v1/run',
  );
  t.equal(http.category, 'upstream_error', `an HTTP 503 (${http.code})`);
});

family('QoS, build inputs, headers and files that cannot be opened', [
  [
    "[rviz2]: New publisher discovered on topic '/scan', offering incompatible QoS. No messages will be received from it. Last incompatible policy: DURABILITY_QOS_POLICY",
    'config_error/invalid_config',
  ],
  [
    "--- stderr: my_pkg\nerror: can't copy 'resource/my_pkg': doesn't exist or not a regular file\n---\nFailed   <<< my_pkg [1.2s, exited with code 1]",
    'config_error/file_not_found',
  ],
  [
    "CMake Error at /opt/ros/noetic/share/catkin/cmake/catkin_package.cmake:305 (message):\n  catkin_package() include dir 'include' does not exist relative to '/ws/src/my_pkg'",
    'config_error/file_not_found',
  ],
  [
    '/ws/src/arm/src/arm_node.cpp:3:10: fatal error: arm_msgs/JointGoal.h: No such file or directory\ncompilation terminated.',
    'import_error/module_not_found',
  ],
  [
    "[ERROR] [rcl]: Failed to parse global arguments\n  what():  failed to initialize rcl: Couldn't parse params file: '--params-file cfg/robot.yaml'. Error: Error opening YAML file",
    'config_error/file_not_found',
  ],
]);

family('simulators: description files, schemas of a newer simulator, display and GL driver', [
  ["pybullet.error: Cannot load URDF file.\nb3Warning: URDF file 'robots/arm.urdf' not found", 'config_error/file_not_found'],
  [
    "terminate called after throwing an instance of 'urdf::URDFParseError'\n  what():  Parser found 2 elements but 3 expected while parsing vector [0 0]",
    // docs/taxonomy.md rule 4: a description its parser rejects is a schema violation.
    'validation_error/schema_violation',
  ],
  ["mujoco.FatalError: XML Error: Schema violation: unrecognized attribute: 'autolimits'", 'import_error/version_conflict'],
  [
    'libGL error: No matching fbConfigs or visuals found\nlibGL error: failed to load driver: swrast\nSegmentation fault (core dumped)',
    'import_error/missing_native_lib',
  ],
  ['startThreads creating 1 threads.\ncannot connect to X server', 'config_error/invalid_config'],
]);

family('evaluation verdicts: low success, below the reported figures, replays that no longer succeed', [
  [
    'Rollouts took 8.1s (avg) with results:\n{\n    "Return": 0.08,\n    "Success_Rate": 0.08\n}',
    'policy_failure/task_not_achieved',
  ],
  ['Evaluating open_drawer | Episode 3 | Score: 0.0 | Episode Length: 25', 'policy_failure/task_not_achieved'],
  ['| Task | My Success Rate | Paper Reported |\n|---|---|---|\n| pick_cube | 41% | 78% |', 'logic_error/below_baseline'],
  ['Episode 12 is not replayed successfully. Skipping', 'regression/replay_regression'],
  [
    '"RouteCompletionTest": {\n    "test_status": "FAILURE",\n    "actual_value": 43.1\n}',
    'verification_failure/scenario_failed',
  ],
  ['Learning iteration 900/1500\n  Value function loss: nan\n  Surrogate loss: 0.0000', 'data_error/nan_or_inf'],
]);

t.test('a high success rate is not a failure verdict', async (t) => {
  const low = readLog('{"Success_Rate": 0.12, "Return": 0.12}');
  t.equal(low.factor, 'task_not_achieved', `control: 12% success (${low.code})`);
  const high = readLog('{"Success_Rate": 0.92, "Return": 0.9}');
  t.not(high.factor, 'task_not_achieved', `92% success is no failure verdict (${high.code})`);
});

family('gymnasium registry and dependencies, GL loaders, displays, MoveIt controllers', [
  ["gymnasium.error.NameNotFound: Environment `FetchReachh` doesn't exist.", 'config_error/invalid_config'],
  [
    'gymnasium.error.DependencyNotInstalled: Box2D is not installed, run `pip install "gymnasium[box2d]"`',
    'import_error/module_not_found',
  ],
  ['  File "viewer.py", line 12, in __init__\nmujoco.FatalError: gladLoadGL error', 'import_error/missing_native_lib'],
  ['pyglet.canvas.xlib.NoSuchDisplayException: Cannot connect to "None"', 'config_error/invalid_config'],
  ['[robot_state_publisher]: Error: No link elements found in urdf file', 'validation_error/schema_violation'],
  [
    '[move_group-3] [ERROR] [moveit_ros.trajectory_execution_manager]: Unable to identify any set of controllers that can actuate the specified joints: [ joint_1 joint_2 ]',
    'config_error/invalid_config',
  ],
]);

t.test('a gymnasium error that is neither registry nor dependency keeps another reading', async (t) => {
  const reg = readLog("gymnasium.error.VersionNotFound: Environment version `v9` for environment `CartPole` doesn't exist.");
  t.equal(`${reg.category}/${reg.factor}`, 'config_error/invalid_config', `control: a registry error (${reg.code})`);
  const reset = readLog('gymnasium.error.ResetNeeded: Cannot call env.step() before calling env.reset()');
  t.not(reset.code, 'gym.env_not_registered', `ResetNeeded is not a registry error (${reset.code})`);
});

family('PhysX GPU allocation and ros2_control resource conflicts', [
  [
    '[Error] [omni.physx.plugin] PhysX error: PxgCudaDeviceMemoryAllocator fail to allocate memory 339738624 bytes!! Result = 2',
    'resource_error/gpu_oom',
  ],
  [
    "[controller_manager]: Resource conflict for controller 'arm_controller'. Command interface 'joint1/position' is already claimed.",
    'config_error/invalid_config',
  ],
]);

family('lifecycle transitions refused, pluginlib classes not found, roslaunch networks, micro-ROS agents', [
  [
    '[camera_node-1] [WARN] [1747.1] [rcl_lifecycle]: No transition matching 3 found for current state unconfigured\n[camera_node-1] [ERROR] [1747.1] [camera_node]: Unable to start transition 3 from current state unconfigured: Transition is not registered., at ./src/rcl_lifecycle.c:355',
    'validation_error/forbidden_operation',
  ],
  [
    "[ros2_control_node-1] terminate called after throwing an instance of 'pluginlib::LibraryLoadException'\n[ros2_control_node-1]   what():  According to the loaded plugin descriptions the class my_robot_hardware/MyArmSystem with base class type hardware_interface::SystemInterface does not exist. Declared types are  mock_components/GenericSystem",
    'import_error/module_not_found',
  ],
  [
    '[ERROR] [1700000000.2] [global_costmap.global_costmap]: Failed to create plugin nav2_costmap_2d::VoxelLayerX of type voxel_layer, exception: MultiLibraryClassLoader: Could not create object of type nav2_costmap_2d::VoxelLayerX',
    'import_error/module_not_found',
  ],
  [
    'RLException: Unable to contact my own server at [http://10.42.0.7:40211/].\nThis usually means that the network is not configured properly.',
    'network_error/connection_refused',
  ],
  [
    'cannot resolve host address for machine [jetson-arm]\nThe traceback for the exception was written to the log file',
    'network_error/dns_failure',
  ],
  [
    '[ERROR] [0000000012.5] [rclc]: [rclc_init] error in rcl_init: failed to create node session on Micro ROS Agent., at rmw_init.c:306\nFailed status on line 52: 1. Aborting.',
    'network_error/connection_refused',
  ],
]);

t.test("a controller plugin that does not exist is the controller's configuration, not a missing package", async (t) => {
  const hw = readLog(
    'what():  According to the loaded plugin descriptions the class acme/ArmSystem with base class type hardware_interface::SystemInterface does not exist.',
  );
  t.equal(`${hw.category}/${hw.factor}`, 'import_error/module_not_found', `control: a hardware plugin (${hw.code})`);
  const ctl = readLog(
    'According to the loaded plugin descriptions the class joint_trajectory_controller/JointTrajectoryControlerr with base class type controller_interface::ControllerInterface does not exist.',
  );
  t.not(ctl.code, 'ros.plugin_class_missing', `a misspelled controller type keeps its own reading (${ctl.code})`);
});

family('ros2 launch exceptions: a parameter file that is not YAML, a type error in the description', [
  [
    '[INFO] [launch]: Default logging verbosity is set to INFO\n[ERROR] [launch]: Caught exception in launch (see debug for traceback): The substituted parameter file is not a valid yaml file',
    'syntax_error/yaml_syntax',
  ],
  [
    "[ERROR] [launch]: Caught exception in launch (see debug for traceback): unsupported operand type(s) for +: 'LaunchConfiguration' and 'str'",
    'runtime_error/type_error',
  ],
  [
    '[ERROR] [launch]: Caught exception in launch (see debug for traceback): sequence item 1: expected str instance, int found',
    'runtime_error/type_error',
  ],
]);

t.test('a launch exception about a missing package keeps the missing-package reading', async (t) => {
  const pkg = readLog(
    "[ERROR] [launch]: Caught exception in launch (see debug for traceback): \"package 'my_nav' not found, searching: ['/opt/ros/humble']\"",
  );
  // Rule 5: a ROS package not in the index is a missing module (as ROS 1's ResourceNotFound).
  t.equal(`${pkg.category}/${pkg.factor}`, 'import_error/module_not_found', `${pkg.code}`);
});

family('simulators: Vulkan devices, MuJoCo binaries, PhysX capacities, crashed controllers and servers', [
  [
    'Traceback (most recent call last):\n  File "demo.py", line 9, in <module>\n    scene = sapien.Scene()\nRuntimeError: failed to find a rendering device',
    'import_error/missing_native_lib',
  ],
  ['RuntimeError: vk::PhysicalDevice::createDeviceUnique: ErrorExtensionNotPresent', 'import_error/missing_native_lib'],
  ['[Error] Failed to create Vulkan instance: VK_ERROR_INCOMPATIBLE_DRIVER', 'import_error/missing_native_lib'],
  [
    'You appear to be missing MuJoCo.  We expected to find the file here: /root/.mujoco/mujoco210\n\nThis package only provides python bindings, the library must be installed separately.',
    'import_error/missing_native_lib',
  ],
  [
    '[Error] PhysX error: The application needs to increase PxgDynamicsMemoryConfig::foundLostPairsCapacity to 3145728 , otherwise, the simulation will miss interactions',
    'config_error/invalid_config',
  ],
  [
    "WARNING: my_controller: The process crashed some time after starting successfully.\nWARNING: 'my_controller' controller crashed.",
    'runtime_error/unhandled_exception',
  ],
  [
    '[INFO] [1612.0]: Calling service /gazebo/spawn_urdf_model\nSegmentation fault (core dumped)\nService call failed: unable to connect to service: [Errno 104] Connection reset by peer\n[gazebo-2] process has died [pid 1825, exit code 139, cmd /opt/ros/noetic/lib/gazebo_ros/gzserver].',
    'runtime_error/unhandled_exception',
  ],
]);

t.test('a crash with no client left waiting is not read as the crash of a server', async (t) => {
  // Positive control: the same crash with a client losing its connection reads as the crash.
  const withClient = readLog(
    "Aborted (core dumped)\nterminate called after throwing an instance of 'carla::client::TimeoutException'\n  what():  time-out of 10000ms while waiting for the simulator, make sure the simulator is ready and connected to localhost:2000",
  );
  t.equal(`${withClient.category}/${withClient.factor}`, 'runtime_error/unhandled_exception', `${withClient.code}`);
  const alone = readLog(
    'Segmentation fault (core dumped)\n[gazebo-2] process has died [pid 14493, exit code 139, cmd gzserver].',
  );
  t.not(alone.code, 'sim.server_crashed', `a bare crash names no cause (${alone.code})`);
  // A connection reset with no crash stays a network reading.
  const reset = readLog('Service call failed: unable to connect to service: [Errno 104] Connection reset by peer');
  t.equal(reset.category, 'network_error', `${reset.code}`);
});

family('ROS names, trajectories the controller refuses, rosserial, MoveIt executions that abort', [
  [
    "[ERROR] [1700000000.0] [rclcpp]: Failed to create publisher: topic name must not contain repeated '/'",
    'validation_error/invalid_argument',
  ],
  [
    "rclpy.exceptions.InvalidTopicNameException: Invalid topic name: topic name must not contain characters other than alphanumerics, '_', '~', '{', or '}'",
    'validation_error/invalid_argument',
  ],
  [
    "[ros2_control_node-1] [ERROR] [joint_trajectory_controller]: Joints on incoming trajectory don't match the controller joints.",
    'validation_error/invalid_argument',
  ],
  ["[ERROR] [arm_controller]: Can't accept new action goals. Controller is not running.", 'validation_error/invalid_argument'],
  [
    '[ERROR] [1700000000.0]: Unable to sync with device; possible link problem or link software version mismatch such as hydro rosserial_python with groovy Arduino',
    'timeout/request_timeout',
  ],
  [
    "[ERROR] [move_group]: Controller 'manipulator_controller' failed with error GOAL_TOLERANCE_VIOLATED:\n[WARN] [move_group]: Controller handle manipulator_controller reports status ABORTED",
    'hardware_fault/actuator_fault',
  ],
]);

t.test('an aborted MoveIt execution is not confident, and a plan that was never found is not an execution', async (t) => {
  const exec = readLog('[INFO] [move_group]: Completed trajectory execution with status ABORTED ...');
  t.equal(`${exec.category}/${exec.factor}`, 'hardware_fault/actuator_fault', `${exec.code}`);
  t.ok(exec.confidence < 0.8, `the arm, its controller or its tolerances: not confident (${exec.confidence})`);
  const plan = readLog('[ERROR] [move_group]: ABORTED: No motion plan found. No execution attempted.');
  t.equal(`${plan.category}/${plan.factor}`, 'policy_failure/task_not_achieved', `${plan.code}`);
});

family('simulators: environments used out of order, actions outside their space, prims not found, clients waiting', [
  ['gymnasium.error.ResetNeeded: Cannot call env.step() before calling env.reset()', 'validation_error/forbidden_operation'],
  ['gymnasium.error.InvalidAction: action 7 is not in action space Discrete(4)', 'validation_error/invalid_argument'],
  ['[omni.isaac.core] Failed to find articulation at /World/envs/env_0/Robot', 'config_error/invalid_config'],
  [
    'RuntimeError: time-out of 5000ms while waiting for the simulator, make sure the simulator is ready and connected to 127.0.0.1:2000',
    'timeout/request_timeout',
  ],
  [
    '[Error] [omni.physx.plugin] Invalid PhysX transform detected for /World/envs/env_12/Robot/base_link',
    'data_error/nan_or_inf',
  ],
]);

family('robot descriptions xacro cannot generate, packages colcon cannot find, services a plugin waits for', [
  [
    "RLException: Invalid <param> tag: Cannot load command parameter [robot_description]: command [['/opt/ros/noetic/lib/xacro/xacro', '/ws/src/rover/urdf/rover.urdf.xacro']] returned with code [2].",
    'config_error/invalid_config',
  ],
  [
    "XacroException: Undefined substitution argument name [arg 'camera_enabled']\nwhen processing file: /ws/src/rover/urdf/rover.urdf.xacro",
    'config_error/invalid_config',
  ],
  ["Package 'rover_bringup' specified with --packages-select was not found", 'config_error/file_not_found'],
  [
    '[ERROR] [1700000000.0] [gazebo_ros2_control]: robot_state_publisher service not available, waiting...',
    'timeout/request_timeout',
  ],
]);

family('simulator plugins that cannot be found or throw at load, and watchdogs that fire', [
  [
    "[ign gazebo-1] [Err] [SystemLoader.cc:94] Failed to load system plugin [libign_ros2_control-system.so] : couldn't find shared library.",
    'import_error/missing_native_lib',
  ],
  [
    '[gzserver-1] [Err] [Model.cc:1137] Exception occured in the Load function of plugin with name[diff_drive] and filename[libgazebo_ros_diff_drive.so]. This plugin will not run.',
    'runtime_error/unhandled_exception',
  ],
  ['Watchdog exception - Timeout of 121.0 seconds occured', 'timeout/hang_or_deadlock'],
]);

t.test('a plugin that threw at load gives way to the error that says why', async (t) => {
  const why = readLog(
    '[gzserver-1] [ERROR] [gazebo_ros2_control]: Error opening YAML file /ws/install/rover/share/rover/config/ctrl.yaml\n[gzserver-1] [Err] [Model.cc:1137] Exception occured in the Load function of plugin with name[gazebo_ros2_control] and filename[libgazebo_ros2_control.so]. This plugin will not run.',
  );
  t.not(why.code, 'sim.plugin_load_exception', `the plugin's own reason wins (${why.code})`);
  const bare = readLog(
    '[Err] [Model.cc:1137] Exception occured in the Load function of plugin with name[x] and filename[libx.so].',
  );
  t.equal(bare.code, 'sim.plugin_load_exception', `control: alone, the load exception is the reading (${bare.code})`);
});

family('bags, maps, behavior trees, robot descriptions, MoveIt start states, ros2_control components', [
  [
    "[ERROR] [1700000000.0] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'\n[ERROR] [rosbag2_cpp]: No storage could be initialized from the inputs.",
    'import_error/module_not_found',
  ],
  ['[ERROR] [1700000000.0] [map_server]: Failed to load map yaml file: /home/u/maps/lab.yaml', 'config_error/file_not_found'],
  [
    '[ERROR] [bt_navigator]: Exception when loading BT: Error at line 21: -> Node not recognized: FollowPathX',
    'config_error/invalid_config',
  ],
  ['[FATAL] [1700000000.0]: Failed to get robot_description parameter from the parameter server', 'config_error/invalid_config'],
  [
    '[ERROR] [moveit.ompl_planning.model_based_planning_context]: Skipping invalid start state (invalid bounds)',
    'validation_error/invalid_argument',
  ],
  ["[ERROR] [resource_manager]: Component 'GripperSystem' did not succeed to configure", 'hardware_fault/actuator_fault'],
  ["[ERROR] [GripperHardware]: 'finger_joint' has 2 command interfaces found. 1 expected.", 'config_error/invalid_config'],
]);

t.test('a storage plugin that loaded but refused its settings is not a missing plugin', async (t) => {
  const settings = readLog(
    "[ERROR] [rosbag2_storage]: Could not open 'run_3/run_3_0' with 'mcap'. Error: unknown MCAP storage preset profile (valid options are 'fastwrite', 'zstd_fast'): fast\n[ERROR] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'",
  );
  t.not(settings.code, 'ros.bag_storage_plugin_missing', `the plugin's own error wins (${settings.code})`);
  const missing = readLog("[ERROR] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'");
  t.equal(missing.code, 'ros.bag_storage_plugin_missing', `control: alone it is the missing plugin (${missing.code})`);
});

// Session 18: an undefined symbol is a version mismatch (docs/taxonomy.md rule 5); the tuned cases' labels of
// "undefined reference to" are version_conflict 2, module_not_found 2, missing_native_lib none.
t.test('a link step that cannot find a symbol is a version mismatch; the same words outside a link are not', async (t) => {
  const link = readLog(
    "/usr/bin/ld: CMakeFiles/planner.dir/src/planner.cpp.o: in function `main':\nplanner.cpp:(.text+0x41): undefined reference to `tf2::fromMsg(geometry_msgs::msg::Quaternion const&, tf2::Quaternion&)'\ncollect2: error: ld returned 1 exit status",
  );
  t.equal(`${link.category}/${link.factor}`, 'import_error/version_conflict', `${link.code}`);
  const prose = readLog('Docs: a call to an undefined reference to `foo` in the tutorial text');
  t.not(prose.code, 'cpp.undefined_reference', `no linker, no link error (${prose.code})`);
});

family('colcon/CMake: interface files and ament dependencies that are not there', [
  [
    'CMake Error at /opt/ros/jazzy/share/rosidl_cmake/cmake/rosidl_generate_interfaces.cmake:98 (message):\n  Unable to find message file: msg/BatteryState2.msg',
    'config_error/file_not_found',
  ],
  [
    "CMake Error at CMakeLists.txt:31 (ament_target_dependencies):\n  ament_target_dependencies() the passed package name 'nav2_msgz' was not found before",
    'import_error/module_not_found',
  ],
]);
