/**
 * ROS core package messages (tables/packages/ros-core.ts): a line that rclcpp, rclpy, rcl, the
 * rmw layers, tf2, launch, ros2cli, rosidl, pluginlib, class_loader, rosbag2, ament/catkin/colcon,
 * rosdep, roscpp, rospy, roslaunch, rosbag or rosparam prints, values filled in, is named by what
 * the package says when no pattern of the library names it. Every positive text here read as
 * something else (mostly unknown/unknown) before the table was filled.
 */
import { familyByPackage, familyWithControls } from './patterns-read.js';

familyWithControls(
  'ROS 2 client libraries: rclcpp, rclpy, components, lifecycle, parameters',
  [
    [
      "terminate called after throwing an instance of 'rclcpp::exceptions::UnknownROSArgsError'\n  what():  found unknown ROS arguments: '--params'",
      'config_error/invalid_config',
    ],
    [
      "[ERROR] [1733300005.8] [talker]: Node '/talker' has already been added to an executor.",
      'runtime_error/unhandled_exception',
    ],
    [
      "[WARN] [1733300003.5] [teleop]: Parameter {max_speed} doesn't comply with floating point range.",
      'config_error/invalid_config',
    ],
    ['[ERROR] [1733300005.6] [lidar_node]: Caught exception in callback for transition 10', 'runtime_error/unhandled_exception'],
  ],
  [
    ["[INFO] [1733300003.7] [talker]: Publishing: 'Hello World: 3'", 'unknown/unknown'],
    ["[WARN] [1733300004.0] [teleop]: parameter 'max_speed' doesn't comply with its range", '!runtime_error/unhandled_exception'],
  ],
);

familyWithControls(
  'rcl, rcl_yaml_param_parser, rmw, rmw_fastrtps, rmw_cyclonedds, rcutils',
  [
    [
      "[ERROR] [1733300000.8] [rcl]: Couldn't parse remap rule: '-r __ns:=robot1'. Error: Expected lexeme type (19) not found, search ended at index 6, at ./src/rcl/lexer_lookahead.c:244",
      'config_error/invalid_config',
    ],
    [
      "[ERROR] [rcl]: Error getting RMW implementation identifier / RMW implementation not installed (expected identifier of 'rmw_zenoh_cpp'), with error message 'failed to load any RMW implementations', exiting with 1., at ./src/rcl/rmw_implementation_identifier_check.c:139",
      'import_error/module_not_found',
    ],
    ['[ERROR] [rcl]: ROS_DOMAIN_ID is not an integral number, at ./src/rcl/domain_id.c:44', 'config_error/invalid_config'],
    [
      '[ERROR] [1733300002.1] [rcl_yaml_param_parser]: Cannot have a value before ros__parameters at line 3, at ./src/parse.c:472',
      'config_error/invalid_config',
    ],
    [
      '[ERROR] [1733300000.9] [rmw_fastrtps_cpp]: create_publisher() called for existing topic name rt/cmd_vel with incompatible type geometry_msgs::msg::dds_::TwistStamped_',
      'validation_error/type_mismatch',
    ],
    [
      '[ERROR] [1733300001.0] [rmw_cyclonedds_cpp]: check_create_domain: attempt at creating nodes in the same domain with different discovery settings',
      'config_error/invalid_config',
    ],
    [
      "[ERROR] [1733300002.2] [rcutils]: symbol 'rmw_init' does not exist in the library '/opt/ros/humble/lib/librmw_fastrtps_cpp.so'",
      'import_error/version_conflict',
    ],
  ],
  [
    ['[INFO] [1733300003.9] [rcl]: ROS_DOMAIN_ID is set to 7', 'unknown/unknown'],
    ['[INFO] [1733300003.8] [launch]: Default logging verbosity is set to INFO', 'unknown/unknown'],
  ],
);

familyWithControls(
  'tf2 and tf',
  [
    ['[ERROR] [1733300005.3] [tf2_buffer]: The tf tree is invalid because it contains a loop.', 'config_error/invalid_config'],
    ['[ERROR] [1733300002.0]: MSG to TF: Quaternion Not Properly Normalized', 'validation_error/invalid_argument'],
  ],
  [['[INFO] [1733300002.0] [tf2_echo]: Waiting for transform map -> base_link', '!config_error/invalid_config']],
);

familyWithControls(
  'launch, launch_ros and ros2cli',
  [
    [
      '[ERROR] [launch]: Caught exception in launch (see debug for traceback): Required launch argument "robot_ip" (description: "IP address of the robot") was not provided',
      'config_error/invalid_config',
    ],
    [
      "[ERROR] [launch]: Caught exception in launch (see debug for traceback): Included launch description missing required argument 'map' (description: 'Full path to map yaml file to load'), given: [use_sim_time, params_file]",
      'config_error/invalid_config',
    ],
    [
      "[ERROR] [launch]: Caught exception in launch (see debug for traceback): launch file at '/ws/install/demo/share/demo/launch/demo.launch.py' does not contain the required function 'generate_launch_description()'",
      'config_error/invalid_config',
    ],
    [
      '[ERROR] [launch]: Caught exception in launch (see debug for traceback): Unable to parse the value of parameter robot_description as yaml. If the parameter is meant to be a string, try wrapping it in launch_ros.parameter_descriptions.ParameterValue',
      'config_error/invalid_config',
    ],
    ["Failed to populate field: 'Twist' object has no attribute 'lin'", 'validation_error/invalid_argument'],
  ],
  [
    // the message's case differs: not what launch prints
    ['[ERROR] [launch]: required launch argument robot_ip was not set by the user', 'unknown/unknown'],
  ],
);

familyWithControls(
  'rosidl type support, pluginlib and class_loader',
  [
    [
      "[ERROR] [1733300001.3] [talker]: Handle's typesupport identifier (rosidl_typesupport_cpp) is not supported by this library, at ./src/type_support_dispatch.hpp:111",
      'import_error/version_conflict',
    ],
    [
      "rosidl_generator_py.import_type_support_impl.UnsupportedTypeSupport: Could not import 'rosidl_typesupport_c' for package 'my_interfaces'",
      'import_error/missing_native_lib',
    ],
    [
      "[ERROR] [1733300005.1] [pluginlib.ClassLoader]: Class could not be loaded. Attribute 'base_class_type' in class tag is missing.",
      'validation_error/schema_violation',
    ],
    [
      '[ERROR] [1733300005.2] [rviz2]: Could not create instance as there is no ClassLoader in MultiLibraryClassLoader bound to library /opt/ros/humble/lib/librviz_default_plugins.so Ensure you called MultiLibraryClassLoader::loadLibrary()',
      'import_error/module_not_found',
    ],
  ],
  [['[INFO] [1733300005.2] [rviz2]: Loading plugin rviz_default_plugins/Grid from its class loader', 'unknown/unknown']],
);

familyWithControls(
  'rosbag2 and rosbag',
  [
    ['[ERROR] [1733300003.2] [rosbag2_cpp]: Could not find converter for format cdr2', 'import_error/module_not_found'],
    ['rosbag.bag.ROSBagException: BZ_DATA_ERROR: data integrity error detected in compressed stream', 'data_error/corrupt_input'],
  ],
  [['[INFO] [1733300003.2] [rosbag2_recorder]: Recording to /data/run_12 with storage id mcap', 'unknown/unknown']],
);

familyByPackage(
  'rosbags, the pure-Python bag library (session 20)',
  [
    [
      'Traceback (most recent call last):\n  File "export.py", line 12, in <module>\n    with AnyReader([Path("/data/run_3")]) as reader:\nrosbags.highlevel.anyreader.AnyReaderError: Bag contains no type definitions. Instantiate AnyReader with a default_typestore argument.',
      'config_error/invalid_config',
    ],
    ['rosbags.rosbag1.reader.ReaderError: Bag is not indexed, reindex before reading.', 'data_error/corrupt_input'],
    [
      'rosbags.rosbag2.errors.ReaderError: Rosbag2 version 9 not supported; please report issue.',
      'import_error/version_conflict',
    ],
    ['rosbags.rosbag2.errors.WriterError: /data/out exists already, not overwriting.', 'config_error/invalid_config'],
    ["rosbags.typesys.base.TypesysError: Type 'my_msgs/msg/Status' is unknown.", 'import_error/module_not_found'],
    [
      "rosbags.typesys.base.TypesysError: Type 'std_msgs/msg/Header' is already present with different definition.",
      'validation_error/type_mismatch',
    ],
  ],
  [
    ['rosbags.rosbag2.errors.ReaderError: Reader is not open.', '!data_error/corrupt_input'],
    ["KeyError: 'Type my_msgs/msg/Status'", '!import_error/module_not_found'],
    // other software's "Type … is unknown." (GraphQL, a MIME type) and rosbags' other TypesysError
    // about a type: only the typestore's unknown-type error is a message type not registered
    ['GraphQL error: Type "Query" is unknown.', '!import_error/module_not_found'],
    ['Error: Content Type text/x-foo is unknown.', '!import_error/module_not_found'],
    [
      "rosbags.typesys.base.TypesysError: Type 'my_msgs/msg/Pose' has conflicting Python names: 'class' and 'class_' map to 'class_'.",
      '!import_error/module_not_found',
    ],
  ],
);

familyByPackage(
  'rosbag2: storage settings, snapshot cache, topic types, the record verb (session 20)',
  [
    [
      "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Invalid storage preset profile string: fastwrite\nValid options are:",
      'config_error/invalid_config',
    ],
    [
      "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Incorrect storage setting syntax: =journal_mode",
      'config_error/invalid_config',
    ],
    ['  what():  Max cache size must be greater than 0 when snapshot mode is enabled', 'config_error/invalid_config'],
    [
      "[rosbag2_recorder-1] [ERROR] [1767600000.100000000] [rosbag2_recorder]: Topic '/scan' has more than one type associated. Only topics with one type are supported",
      'validation_error/type_mismatch',
    ],
    [
      '[ERROR] [ros2bag]: Need to specify at least one option out of --all, --all-topics, --all-services, --services, --topics, --topic-types or --regex',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      "[INFO] [1767600000.1] [rosbag2_storage]: Opened database '/data/run_3/run_3_0.db3' for READ_WRITE with preset profile resilient.",
      'unknown/unknown',
    ],
    ["[rosbag2_recorder-1] [INFO] [1767600000.1] [rosbag2_recorder]: Subscribed to topic '/scan'", 'unknown/unknown'],
  ],
);

familyWithControls(
  'builds: ament_cmake, catkin, colcon, rosdep',
  [
    [
      "CMake Error at /opt/ros/humble/share/ament_cmake_target_dependencies/cmake/ament_target_dependencies.cmake:77 (message):\n  ament_target_dependencies() the passed package name 'sensor_msgs' was not\n  found before",
      'config_error/invalid_config',
    ],
    [
      "--- stderr: my_pkg\nCMake Error at CMakeLists.txt:10 (ament_package_xml):\n  ament_package_xml() package name 'my_pkg'  in '/ws/src/my_pkg/package.xml'\n  does not match current PROJECT_NAME 'mypkg'.",
      'config_error/invalid_config',
    ],
    [
      "CMake Error at /opt/ros/noetic/share/catkin/cmake/catkin_package.cmake:168 (message):\n  catkin_package() DEPENDS on 'Eigen' which must be find_package()-ed before",
      'config_error/invalid_config',
    ],
    [
      'Duplicate package names not supported:\n- ros2_control:\n  - src/ros2_control\n  - src/ros2_control_fork',
      'config_error/invalid_config',
    ],
    [
      'ERROR: your rosdep installation has not been initialized yet.  Please run:\n\n    sudo rosdep init\n    rosdep update',
      'config_error/invalid_config',
    ],
  ],
  [['#All required rosdeps installed successfully', 'unknown/unknown']],
);

familyWithControls(
  'ROS 1: roscpp, rospy, roslaunch, rosparam',
  [
    [
      '[ERROR] [1733300001.8]: Tried to advertise on topic [/odom] with md5sum [cd5e73d190d741a2f92e81eda573aca7] and datatype [nav_msgs/Odometry], but the topic is already advertised as md5sum [4a842b65f413084dc2b10fb484ea7f17] and datatype [geometry_msgs/PoseStamped]',
      'validation_error/type_mismatch',
    ],
    [
      "RLException: roslaunch file contains multiple nodes named [/camera/driver].\nPlease check all <node> 'name' attributes to make sure they are unique.",
      'config_error/invalid_config',
    ],
    [
      'RLException: unused args [robot_name] for include of [/opt/ros/noetic/share/gazebo_ros/launch/empty_world.launch]',
      'config_error/invalid_config',
    ],
    [
      "RLException: included file [/home/ubuntu/catkin_ws/src/bot/launch/move_base.launch] requires the 'robot' arg to be set\nThe traceback for the exception was written to the log file",
      'config_error/invalid_config',
    ],
    // rosbag_storage's index entry out of ROS time's range: a damaged bag (rule 7).
    [
      'Error:   Index entry for topic /camera/image_raw contains invalid time.  This message will not be loaded.\n         at line 651 in /tmp/binarydeb/ros-noetic-rosbag-storage-1.16.0/src/bag.cpp',
      'data_error/corrupt_input',
    ],
    // rostime's std::runtime_error, uncaught: the message names a value out of range (rule 6).
    [
      "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Time is out of dual 32-bit range\nAborted (core dumped)",
      'runtime_error/value_error',
    ],
    [
      'rosparam.RosParamException: Overflow: Parameter Server integers must be 32-bit signed integers:',
      'validation_error/invalid_argument',
    ],
    [
      'rospy.exceptions.ROSInitException: due to the way this node is written, chatter cannot be remapped to a ~name. \nThe declaration of topics/services must be moved after the call to init_node()',
      'config_error/invalid_config',
    ],
  ],
  [
    // an API's 404, not roslaunch's missing ROS package
    ['{"error":{"code":"404","message":"Resource not found"}}', 'unknown/unknown'],
  ],
);

familyWithControls(
  'ROS 1 tools and message generation: rostopic, rosnode, catkin_pkg, rosidl_adapter, rcl_logging',
  [
    ['ERROR: Cannot load message class for [my_msgs/Status]. Are your messages built?', 'import_error/module_not_found'],
    ['ERROR: Unknown host [robot-pc] for node [/camera_driver]', 'network_error/dns_failure'],
    [
      'rospy.exceptions.ROSException: Unable to publish message. One of the fields has an incorrect type:',
      'validation_error/type_mismatch',
    ],
    [
      'Error(s) in package \'/ws/src/my_pkg/package.xml\':\nThe manifest of package "my_pkg" (with format version 2) must not contain the following tags: run_depend\nPlease replace <run_depend> tags with <exec_depend> tags.',
      'validation_error/schema_violation',
    ],
    [
      "rosidl_adapter.parser.InvalidFieldDefinition: my_msgs/Status.msg: 'Header' is an invalid field name. It should have the pattern '^(?!.*__)(?!.*_$)[a-z][a-z0-9_]*$'",
      'validation_error/schema_violation',
    ],
    ["[ERROR] [rcl_logging_spdlog]: Failed to create log directory '/home/ros/.ros/log': 13", 'auth_error/permission_denied'],
  ],
  [
    ['[INFO] [1733300007.0] [rosout]: Log directory: /home/ros/.ros/log', 'unknown/unknown'],
    ['Checking manifest of package my_pkg: format version 3', 'unknown/unknown'],
  ],
);

familyWithControls(
  'DDS under the rmw layers (Cyclone DDS, Fast DDS) and rosbag recording',
  [
    [
      '[component_container-1] 1733300008.123456 [0] component_: eth1: does not match an available interface',
      // A network interface the host does not have: rule 3's interface (robotics-20's tinynav label).
      'config_error/file_not_found',
    ],
    [
      "2026-01-01 00:00:00.000 [XMLPARSER Error] Error opening '/ws/fastdds_profiles.xml' -> Function loadXML",
      'config_error/file_not_found',
    ],
    [
      "[ERROR] [1733300008.2]: Less than 1G of space free on disk with '/data/run_2026-01-01.bag.active'.  Disabling recording.",
      'resource_error/disk_full',
    ],
  ],
  [
    [
      '2026-01-01 00:00:00.000 [RTPS_TRANSPORT_SHM Error] Failed init_port fastrtps_port7412: open_and_lock_file failed -> Function open_port_internal',
      'unknown/unknown',
    ],
    ["[INFO] [1733300008.3]: Recording to '/data/run_2026-01-01.bag'.", 'unknown/unknown'],
  ],
);

familyWithControls(
  'CMake find_package version checks in ament and catkin builds',
  [
    [
      'CMake Error at CMakeLists.txt:20 (find_package):\n  Could not find a configuration file for package "OpenCV" that is\n  compatible with requested version "4.5".',
      'import_error/version_conflict',
    ],
  ],
  [['-- Found OpenCV: /usr (found suitable version "4.5.4", minimum required is "4.5")', 'unknown/unknown']],
);

familyWithControls(
  'rclpy parameter files',
  [
    [
      "RuntimeError: Param file does not contain parameters for /camera_driver,only for nodes: ['/lidar_driver'] ",
      'config_error/invalid_config',
    ],
    ['RuntimeError: YAML file is not a valid ROS parameter file for node /camera_driver', 'config_error/invalid_config'],
  ],
  [["[INFO] [1733300010.0] [camera_driver]: Loaded parameters from file '/ws/params.yaml'", 'unknown/unknown']],
);
