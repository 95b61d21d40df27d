/**
 * ROS tooling package messages (tables/packages/ros-tooling.ts): a line that rosdep, vcstool,
 * rosinstall_generator, bloom, catkin_tools, xacro, the URDF parsers, kdl_parser,
 * robot_state_publisher, joint_state_publisher, rviz, image_transport, cv_bridge,
 * message_filters, pcl_ros, nodelet, rosbridge, ros1_bridge, rosserial or a DDS implementation
 * prints, values filled in, is named by what the package says when no pattern of the library
 * names it. Every positive text here read as something else (mostly unknown/unknown) before the
 * table was filled.
 */
import t from 'tap';
import { PACKAGE_MESSAGES } from '../src/patterns/parts/tables/packages/index.js';
import { familyWithControls, readLog, rulesOnly } from './patterns-read.js';

familyWithControls(
  'rosdep, vcstool, rosinstall_generator, bloom',
  [
    ["$ rosdep resolve nav2_bringup\nERROR: no rosdep rule for 'nav2_bringup'", 'import_error/module_not_found'],
    [
      'ERROR: no data sources in /etc/ros/rosdep/sources.list.d\n\nPlease initialize your rosdep with\n\n\tsudo rosdep init',
      'config_error/invalid_config',
    ],
    ['ERROR[my_robot_bringup]: resource not found [my_robot_msgs]', 'import_error/module_not_found'],
    [
      "=== ./src/navigation2 (git) ===\nCould not checkout ref 'jazzy-devel': error: pathspec 'jazzy-devel' did not match any file(s) known to git",
      'config_error/invalid_config',
    ],
    [
      "=== ./src/navigation2 (git) ===\nSpecified version not found on remote repository 'https://github.com/ros-navigation/navigation2.git' : humble-devel",
      'config_error/invalid_config',
    ],
    [
      '$ rosinstall_generator my_driver --rosdistro noetic --deps\nThe following unreleased packages/stacks will be ignored: my_driver\nNo packages/stacks left after ignoring unreleased',
      'import_error/module_not_found',
    ],
    ['==> bloom-release --rosdistro humble my_pkg\nrosdep was not detected, please install it.', 'import_error/module_not_found'],
  ],
  [
    ['#All required rosdeps installed successfully', 'unknown/unknown'],
    ['=== ./src/navigation2 (git) ===\nAlready up to date.', 'unknown/unknown'],
  ],
);

familyWithControls(
  'catkin_tools: catkin build',
  [
    [
      "$ catkin build my_robot_driverx\n[build] Error: Given package 'my_robot_driverx' is not in the workspace and pattern does not match any package",
      'import_error/module_not_found',
    ],
    [
      '[build] Error: Attempting to build a catkin workspace using build space: "/home/user/ws/build"\n[build] but that build space\'s most recent configuration differs from the commanded one in \n[build] ways which will cause problems.',
      'config_error/invalid_config',
    ],
    [
      '[build] Error: Circular dependency detected in the following packages: robot_msgs, robot_core',
      'config_error/invalid_config',
    ],
  ],
  [['[build] Summary: All 12 packages succeeded!', 'unknown/unknown']],
);

familyWithControls(
  'xacro, urdfdom, urdf_parser_py, urdf, kdl_parser',
  [
    [
      "$ xacro robot.urdf.xacro > robot.urdf\nname 'wheel_radius' is not defined when evaluating expression 'wheel_radius*2'",
      'validation_error/schema_violation',
    ],
    [
      'error: unknown macro name: xacro:wheel_macro\nwhen processing file: /ws/src/bot/urdf/bot.urdf.xacro',
      'validation_error/schema_violation',
    ],
    [
      'error: Include tag\'s filename spec "$(find bot_description)/urdf/sensors/*.xacro" matched no files.',
      'config_error/file_not_found',
    ],
    [
      'error: Undefined parameters [wheel_prefix,reflect]\nwhen instantiating macro: wheel (/ws/src/bot/urdf/wheel.xacro)',
      'validation_error/schema_violation',
    ],
    ['$ catkin build\n[build] Error: Unable to find source space `/home/user/catkin_ws/src`', 'config_error/file_not_found'],
    [
      '[joint_state_publisher-2] Exception: Limits must be specified for joint "arm_joint_1" of type "revolute"',
      'validation_error/schema_violation',
    ],
    [
      '[robot_state_publisher-1] [ERROR] [1733300012.0] [robot_state_publisher]: Robot state publisher ignored an invalid JointState message',
      'data_error/missing_field',
    ],
  ],
  [['[robot_state_publisher-1] [INFO] [1733300012.0] [robot_state_publisher]: got segment wheel_left_link', 'unknown/unknown']],
);

familyWithControls(
  'cv_bridge, image_transport, camera_info_manager',
  [
    [
      '[ERROR] [1733300020.1] [detector]: cv_bridge exception: [16UC1] is not a color format. but [bgr8] is. The conversion does not make sense',
      'validation_error/type_mismatch',
    ],
    [
      'Traceback (most recent call last):\n  File "/ws/src/vision/scripts/pub.py", line 31, in callback\n    msg = bridge.cv2_to_imgmsg(frame, "mono8")\ncv_bridge.core.CvBridgeError: encoding specified as mono8, but image has incompatible type 8UC3',
      'validation_error/type_mismatch',
    ],
    [
      '[ERROR] [1733300020.7] [image_republisher]: No plugins found! Does `rospack plugins --attrib=plugin image_transport` find any packages?',
      'import_error/module_not_found',
    ],
  ],
  [['[INFO] [1733300020.5] [camera]: camera calibration URL: package://cam/calib.yaml', 'unknown/unknown']],
);

familyWithControls(
  'rviz, rviz2, resource_retriever',
  [
    [
      "[rviz2-1] [ERROR] [1733300030.2] [rviz2]: Unable to create the rendering window after 100 tries\n[rviz2-1] terminate called after throwing an instance of 'std::runtime_error'",
      'import_error/missing_native_lib',
    ],
    [
      "[FATAL] [1733300030.7]: Can't open default or :0 display. Try setting DISPLAY environment variable.",
      'config_error/missing_env_var',
    ],
    [
      "[rviz2-1] Your graphics driver does not support OpenGL 2.1. Please enable software rendering before running RViz (e.g. type 'export LIBGL_ALWAYS_SOFTWARE=1').",
      'import_error/version_conflict',
    ],
  ],
  [['[rviz2-1] [INFO] [1733300030.0] [rviz2]: OpenGl version: 4.6 (GLSL 4.6)', 'unknown/unknown']],
);

familyWithControls(
  'pcl_conversions, pcl_ros, nodelet',
  [
    [
      '[ WARN] [1733300040.3]: Invalid PointCloud (data = 1228800, width = 640, height = 480, step = 32) with stamp 1733300040.300000000, and frame lidar on topic input received!',
      'data_error/corrupt_input',
    ],
    [
      '[ERROR] [1733300040.2] [/camera/nodelet_manager]: Cannot load nodelet /camera/driver for one exists with that name already',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      '[INFO] [1733300040.0]: Loading nodelet /camera/rectify_color of type image_proc/rectify to manager camera_manager',
      'unknown/unknown',
    ],
  ],
);

familyWithControls(
  'rosbridge, ros1_bridge',
  [
    [
      '[rosbridge_websocket-1] [ERROR] [1733300050.5] [rosbridge_websocket]: [Client 0] subscribe: Tried to register topic /cmd with type std_msgs/String but it is already established with type geometry_msgs/Twist',
      'validation_error/type_mismatch',
    ],
    [
      "[rosbridge_websocket-1] [ERROR] [1733300050.4] [rosbridge_websocket]: [Client 0] publish: geometry_msgs/Twist message requires a float64 for field linear.x, but got a <class 'str'>",
      'validation_error/type_mismatch',
    ],
    [
      "failed to create 2to1 bridge for topic '/scan' with ROS 2 type 'sensor_msgs/msg/LaserScan' and ROS 1 type 'sensor_msgs/LaserScan': No template specialization for the pair\ncheck the list of supported pairs with the `--print-pairs` option",
      'import_error/module_not_found',
    ],
  ],
  [
    [
      '[rosbridge_websocket-1] [INFO] [1733300050.0] [rosbridge_websocket]: Rosbridge WebSocket server started on port 9090',
      'unknown/unknown',
    ],
  ],
);

familyWithControls(
  'Fast DDS, rmw_zenoh, a ros1_bridge service',
  [
    [
      '[ERROR] [1733300099.0] [ros1_bridge]: Failed to get response from ROS 2 service /get_map within 5 seconds',
      'timeout/request_timeout',
    ],
  ],
  [['[INFO] [1733300061.1] [rmw_zenoh_cpp]: Successfully connected to a Zenoh router with id 1a2b3c.', 'unknown/unknown']],
);

familyWithControls(
  'roslaunch and rosgraph network settings',
  [
    [
      "WARNING: IP addresses 127.0.1.1 for local hostname 'robot-pc' do not appear to match\n    any local IP address (10.0.0.5). Your ROS nodes may fail to communicate.\n\n    Please use ROS_IP to set the correct IP address to use.",
      'config_error/invalid_config',
    ],
    ['invalid ROS_IP (port should not be included)', 'config_error/invalid_config'],
    ['invalid ROS_HOSTNAME (protocol should not be included)', 'config_error/invalid_config'],
    ['WARNING: ROS_MASTER_URI [http://10.0.0.7:11311] host is not set to this machine', 'config_error/invalid_config'],
  ],
  [['ROS_MASTER_URI=http://10.0.0.5:11311/', 'unknown/unknown']],
);

familyWithControls(
  'colcon, catkin_make, catkin CMake',
  [
    [
      "$ colcon build --packages-select my_robot_driverx\n[0.412s] WARNING:colcon.colcon_package_selection.package_selection.select_skip:ignoring unknown package 'my_robot_driverx' in --packages-select\nSummary: 0 packages finished [0.21s]",
      'import_error/module_not_found',
    ],
    [
      "[0.531s] WARNING:colcon.colcon_ros.package_identification.ros:Failed to parse ROS package manifest in 'src/bot_bringup': Error(s) in package 'src/bot_bringup/package.xml':",
      'validation_error/schema_violation',
    ],
    [
      '$ catkin_make\nBase path: /home/user/ws\nThe specified source space "/home/user/ws/src" does not exist',
      'config_error/file_not_found',
    ],
    [
      "CMake Error at /opt/ros/noetic/share/catkin/cmake/catkin_install_python.cmake:86 (message):\n  catkin_install_python() called with non-existing file\n  '/home/user/ws/src/bot/scripts/teleop.py'.",
      'config_error/file_not_found',
    ],
    [
      "--- stderr: bot_bringup\nCMake Error at ament_cmake_symlink_install/ament_cmake_symlink_install.cmake:100 (message):\n  ament_cmake_symlink_install_directory() can't find\n  '/home/user/ws/src/bot_bringup/config'",
      'config_error/file_not_found',
    ],
  ],
  [['Summary: 12 packages finished [1min 3s]', 'unknown/unknown']],
);

familyWithControls(
  'rqt, foxglove_bridge, image_pipeline',
  [
    [
      '[rqt_gui_py_node-1] PluginHandlerDirect._restore_settings() plugin "rqt_topic/TopicPlugin#0" raised an exception:\nqt_gui.plugin_provider.PluginLoadError: RosPyPluginProvider._init_node() could not find ROS master',
      'network_error/connection_refused',
    ],
    [
      "[disparity_view-1] [ERROR] [1733300070.2] [disparity_view]: Disparity image must be 32-bit floating point (encoding '32FC1'), but has encoding '16UC1'",
      'validation_error/type_mismatch',
    ],
    [
      '[point_cloud_xyzrgb_node-1] [ERROR] [1733300070.4] [point_cloud_xyzrgb_node]: Depth resolution (640x480) does not match RGB resolution (1280x720)',
      'config_error/invalid_config',
    ],
    [
      '[foxglove_bridge-1] [ERROR] [1767600000.1] [foxglove_bridge]: Incompatible subscriber QoS settings for topic "/map" (nav_msgs/msg/OccupancyGrid)',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      '[foxglove_bridge-1] [INFO] [1733300070.0] [foxglove_bridge]: Starting foxglove_bridge (humble, 0.8.3) with WebSocket++/0.8.2',
      'unknown/unknown',
    ],
  ],
);

familyWithControls(
  'apt, as ROS installs and Dockerfiles meet it',
  [
    [
      'Step 5/12 : RUN apt-get update && apt-get install -y ros-humble-ros-gzharmonic\nReading package lists...\nBuilding dependency tree...\nE: Unable to locate package ros-humble-ros-gzharmonic',
      'config_error/invalid_config',
    ],
    [
      "++ apt-get update -qq\nW: GPG error: http://packages.ros.org/ros/ubuntu xenial InRelease: The following signatures couldn't be verified because the public key is not available: NO_PUBKEY F42ED6FBAB17C654",
      'config_error/invalid_config',
    ],
    [
      'E: Malformed entry 1 in list file /etc/apt/sources.list.d/ros-latest.list (Suite)\nE: The list of sources could not be read.',
      'config_error/invalid_config',
    ],
    [
      '#11 272.5 Err:108 http://packages.ros.org/ros2/ubuntu focal/main arm64 gazebo11-common all 11.5.1-1~focal\n#11 272.5   Connection failed [IP: 64.50.236.52 80]',
      'network_error/connection_refused',
    ],
  ],
  [
    ['Get:1 http://archive.ubuntu.com/ubuntu jammy InRelease [270 kB]\nReading package lists... Done', 'unknown/unknown'],
    // rosdep resolved the key: the index lacks it (rule 5), not a name that exists nowhere.
    [
      'E: Unable to locate package libpyside2-dev\nERROR: the following rosdeps failed to install\n  apt: command [apt-get install -y libpyside2-dev] failed',
      'import_error/module_not_found',
    ],
  ],
);

/**
 * rosbridge_library's call_service to a service no node advertises (session 21, dropped after
 * review): the bridge logs it for each client request, answers that request with result: false and
 * keeps serving, so it is not an entry, and a crash printed after it keeps its own reading.
 */
t.test('rosbridge: a failed client service call is not an entry', async (t) => {
  const line =
    '[rosbridge_websocket-1] [ERROR] [1767600000.1] [rosbridge_websocket]: [Client 0f3c2a1e-8d5b-4c1e-9a7f-2b6e4d8c1a30] [id: call_service:/set_mode:3] call_service InvalidServiceException: Service /set_mode does not exist';
  t.notOk(
    PACKAGE_MESSAGES.some((m) => m.says.includes('InvalidServiceException')),
    'no entry for call_service InvalidServiceException',
  );
  rulesOnly(() => {
    t.not(readLog(line).code, 'parts.package', 'the line alone is no package message');
    const crash = `${line}\n[ERROR] [robot_driver-3]: process has died [pid 100, exit code -11, cmd 'driver'].`;
    const r = readLog(crash);
    t.not(`${r.category}/${r.factor}`, 'config_error/invalid_config', 'a crash after it is not read as the service call');
  });
});
