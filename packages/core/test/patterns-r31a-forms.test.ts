/**
 * Forms of robotics-31a's misses that several projects print (issue 13, session 21):
 * - catkin_pkg's InvalidPackage ("Error(s) in package '<path>/package.xml':"), the last line of a traceback
 *   that chains the XML parser's ExpatError, is the manifest breaking its format (every check it wraps is
 *   a manifest check): the package message answers over the chained parser exception's class;
 * - TinyXML-2's "Error=XML_ERROR_FILE_NOT_FOUND … filename=<path>" under MuJoCo's "XML parse error 3:" is a
 *   model (or include) that does not exist at its path, not a model that does not parse;
 * - rosidl_generator_py's generated setters, "The '<field>' field must be of type '<type>'" (an assert), are a
 *   message field given a value of another type, not an assertion of the program's own;
 * - pkg_resources' ValueError("Invalid module name", …) is a setup.py entry point naming no valid module;
 * - ros2_control's resource manager "Not acceptable command interfaces combination" (printed only when a
 *   claimed command interface does not exist or is not available) is the controllers' configuration, and
 *   answers over the controller manager's "prepare command mode switch was rejected" that follows it (its
 *   entry no longer ends in a space: a telling line is trimmed, so "combination: " was read only in the body);
 * - CMake's "failed to create symbolic link '…' because existing path cannot be removed" (cmake -E
 *   create_symlink under a colcon --symlink-install build) is a stale build directory, not a missing file;
 * - robot.emergency_stop no longer reads the stop's words as a source file, a CMake target directory or a
 *   ROS node's name ("emergency_stop_node.cpp", "emergency_stop_node.dir", "target emergency_stop_node");
 * - Mesa's "libEGL warning: … failed to create dri2 screen" is a warning (sim.gl_driver yields to a later
 *   raised error or died process), while eglInitialize's own failure stays read where it is.
 * The real texts are cut from robotics-31a's cases (gcc's colour codes kept); the others are written for these tests. Each control
 * contains the changed condition's words, and each changed regex has a hostile-input run.
 */
import t from 'tap';
import { analyzeLog } from '../src/index.js';
import {
  familyWithControls,
  type HostileRun,
  readLog,
  readsHostileRuns,
  readWhole,
  regexOf,
  rulesOnly,
  warningOutlivedIn,
} from './patterns-read.js';

const pair = (text: string): string => {
  const r = rulesOnly(() => readLog(text));
  return `${r.category}/${r.factor}`;
};

// ---- catkin_pkg: InvalidPackage over the chained ExpatError ----
const CATKIN_CHAINED = [
  "Error parsing '/home/name/kd1_ws/src/kd1_utility_nodes_cpp/package.xml':",
  'Traceback (most recent call last):',
  '  File "/usr/lib/python3/dist-packages/catkin_pkg/package.py", line 610, in parse_package_string',
  '    root = dom.parseString(data)',
  '  File "/usr/lib/python3.10/xml/dom/expatbuilder.py", line 223, in parseString',
  '    parser.Parse(string, True)',
  'xml.parsers.expat.ExpatError: not well-formed (invalid token): line 30, column 7',
  '',
  'During handling of the above exception, another exception occurred:',
  '',
  'Traceback (most recent call last):',
  '  File "/opt/ros/humble/share/ament_cmake_core/cmake/core/package_xml_2_cmake.py", line 150, in <module>',
  '    main()',
  '  File "/usr/lib/python3/dist-packages/catkin_pkg/package.py", line 612, in parse_package_string',
  "    raise InvalidPackage('The manifest contains invalid XML:\\n%s' % ex, filename)",
  "catkin_pkg.package.InvalidPackage: Error(s) in package '/home/name/kd1_ws/src/kd1_utility_nodes_cpp/package.xml':",
  'The manifest contains invalid XML:',
  'not well-formed (invalid token): line 30, column 7',
  '\u001b[31mCMake Error at /opt/ros/humble/share/ament_cmake_core/cmake/core/ament_package_xml.cmake:95 (message):',
  '  execute_process(/usr/bin/python3',
  '  /opt/ros/humble/share/ament_cmake_core/cmake/core/package_xml_2_cmake.py',
  '  /home/name/kd1_ws/src/kd1_utility_nodes_cpp/package.xml',
  '  /home/name/kd1_ws/build/kd1_utility_nodes_cpp/ament_cmake_core/package.cmake)',
  '  returned error code 1',
  'Call Stack (most recent call first):',
  '  CMakeLists.txt:32 (ament_package)',
  '',
  '-- Configuring incomplete, errors occurred!',
].join('\n');
const CATKIN_MISMATCHED_TAG = [
  'Traceback (most recent call last):',
  '  File "/usr/lib/python3/dist-packages/catkin_pkg/package.py", line 610, in parse_package_string',
  '    root = dom.parseString(data)',
  'xml.parsers.expat.ExpatError: mismatched tag: line 14, column 2',
  '',
  'During handling of the above exception, another exception occurred:',
  '',
  'Traceback (most recent call last):',
  '  File "/opt/ros/noetic/share/catkin/cmake/parse_package_xml.py", line 116, in main',
  '    package = parse_package(args.package_xml)',
  "catkin_pkg.package.InvalidPackage: Error(s) in package '/home/pi/catkin_ws/src/rover_base/package.xml':",
  'The manifest contains invalid XML:',
  'mismatched tag: line 14, column 2',
  'CMake Error at /opt/ros/noetic/share/catkin/cmake/safe_execute_process.cmake:11 (message):',
].join('\n');
// The parser's exception alone, from a program reading another XML file: no manifest, no catkin_pkg.
const EXPAT_ALONE = [
  'Traceback (most recent call last):',
  '  File "scripts/load_world.py", line 22, in <module>',
  '    doc = minidom.parse("worlds/arena.world")',
  'xml.parsers.expat.ExpatError: not well-formed (invalid token): line 8, column 3',
  "Error(s) in package 'arena' will be reported by the world loader",
].join('\n');

familyWithControls(
  "catkin_pkg's InvalidPackage answers over the chained ExpatError",
  [
    [CATKIN_CHAINED, 'validation_error/schema_violation'],
    [CATKIN_MISMATCHED_TAG, 'validation_error/schema_violation'],
  ],
  [[EXPAT_ALONE, 'data_error/corrupt_input']],
);

// ---- TinyXML-2 / MuJoCo: the model file not found ----
const MUJOCO_FILE_NOT_FOUND = [
  'Wed Oct 12 22:51:44 2022',
  'ERROR: Load model error: XML parse error 3:',
  'Error=XML_ERROR_FILE_NOT_FOUND ErrorID=3 (0x3) Line number=0: filename=../unitree_a1/scene.xml',
].join('\n');
const MUJOCO_PY_FILE_NOT_FOUND = [
  'Traceback (most recent call last):',
  '  File "sim.py", line 9, in <module>',
  '    model = mujoco.MjModel.from_xml_path("assets/arm/scene.xml")',
  'ValueError: XML parse error 3:',
  'Error=XML_ERROR_FILE_NOT_FOUND ErrorID=3 (0x3) Line number=0: filename=assets/arm/scene.xml',
].join('\n');
// Another TinyXML-2 error under the same header: a file that does not parse stays the schema's.
const MUJOCO_PARSE_ELEMENT = [
  'ERROR: Load model error: XML parse error 6:',
  'Error=XML_ERROR_PARSING_ELEMENT ErrorID=6 (0x6) Line number=41: XMLElement name=body',
].join('\n');

familyWithControls(
  "TinyXML-2's XML_ERROR_FILE_NOT_FOUND under MuJoCo's parse error is the file's absence",
  [
    [MUJOCO_FILE_NOT_FOUND, 'config_error/file_not_found'],
    [MUJOCO_PY_FILE_NOT_FOUND, 'config_error/file_not_found'],
  ],
  [[MUJOCO_PARSE_ELEMENT, 'validation_error/schema_violation']],
);

// ---- rosidl_generator_py: a message field given a value of another type ----
const FLOAT64_FIELD = [
  '[mission-5] Exception in thread Thread-1 (spin):',
  '[mission-5] Traceback (most recent call last):',
  '[mission-5]   File "/home/amv/core/build/core_behavior_tree/core_behavior_tree/behaviors/mission/actions/mission2.py", line 77, in execute',
  '[mission-5]     self.yaw_effort_pub.publish(Float64(data=yaw_effort))',
  '[mission-5]   File "/opt/ros/humble/local/lib/python3.10/dist-packages/std_msgs/msg/_float64.py", line 123, in data',
  '[mission-5]     assert \\',
  "[mission-5] AssertionError: The 'data' field must be of type 'float'",
].join('\n');
const HEADER_FIELD = [
  'Traceback (most recent call last):',
  '  File "/ws/install/lidar_tools/lib/python3.10/site-packages/lidar_tools/republish.py", line 31, in callback',
  '    out.header = msg.header.stamp',
  '  File "/opt/ros/humble/local/lib/python3.10/dist-packages/sensor_msgs/msg/_point_cloud2.py", line 180, in header',
  '    assert \\',
  "AssertionError: The 'header' field must be a sub message of type 'Header'",
].join('\n');
// An assert of the program's own, and a generated setter's range check: neither is the field's type.
const OWN_ASSERT = "AssertionError: The 'speed' value must be positive";
const RANGE_FIELD = "AssertionError: The 'data' field must be an integer in [-2147483648, 2147483647]";

familyWithControls(
  "rosidl_generator_py's field setter assert is a type mismatch",
  [
    [FLOAT64_FIELD, 'validation_error/type_mismatch'],
    [HEADER_FIELD, 'validation_error/type_mismatch'],
  ],
  [
    [OWN_ASSERT, 'runtime_error/assertion_failed'],
    [RANGE_FIELD, '!validation_error/type_mismatch'],
  ],
);

// ---- pkg_resources: an entry point naming no valid module ----
const ENTRY_POINT_DOT = [
  '  File "/usr/lib/python3/dist-packages/pkg_resources/__init__.py", line 2487, in __init__',
  '    raise ValueError("Invalid module name", module_name)',
  "ValueError: ('Invalid module name', '.mycobot_node')",
].join('\n');
const ENTRY_POINT_DASH = [
  'Traceback (most recent call last):',
  '  File "/usr/lib/python3/dist-packages/pkg_resources/__init__.py", line 2487, in __init__',
  '    raise ValueError("Invalid module name", module_name)',
  "ValueError: ('Invalid module name', 'teleop-node.main')",
  '--- stderr: teleop_pkg',
].join('\n');
const OTHER_MODULE_NAME = "ValueError: Invalid module name: 'plugins.x' is not importable in this sandbox";

familyWithControls(
  "pkg_resources' invalid entry point module is the setup's",
  [
    [ENTRY_POINT_DOT, 'config_error/invalid_config'],
    [ENTRY_POINT_DASH, 'config_error/invalid_config'],
  ],
  [[OTHER_MODULE_NAME, '!config_error/invalid_config']],
);

// ---- ros2_control: the resource manager's reason before the rejected switch ----
const NOT_EXISTING = [
  "[ros2_control_node-5] [INFO] [1761812967.031172940] [controller_manager]: Configuring controller 'joint_state_broadcaster'",
  '[ros2_control_node-5] [ERROR] [1761812967.041414663] [resource_manager]: Not acceptable command interfaces combination: ',
  '[ros2_control_node-5] Start interfaces: ',
  '[ros2_control_node-5] [',
  '[ros2_control_node-5]   joint1/position',
  '[ros2_control_node-5]   arm_to_adapter/position',
  '[ros2_control_node-5] ]',
  '[ros2_control_node-5] Stop interfaces: ',
  '[ros2_control_node-5] [',
  '[ros2_control_node-5] ]',
  '[ros2_control_node-5] Not existing: ',
  '[ros2_control_node-5] [',
  '[ros2_control_node-5]  arm_to_adapter/position',
  '[ros2_control_node-5] ]',
  '[ros2_control_node-5] [ERROR] [1761812967.041481373] [controller_manager]: Could not switch controllers since prepare command mode switch was rejected.',
  "[ERROR] [spawner-6]: process has died [pid 55279, exit code 1, cmd '/opt/ros/humble/lib/controller_manager/spawner rm_arm_controller --ros-args'].",
].join('\n');
const NOT_AVAILABLE = [
  '[ros2_control_node-1] [ERROR] [1712000000.100] [resource_manager]: Not acceptable command interfaces combination: ',
  '[ros2_control_node-1] Start interfaces: ',
  '[ros2_control_node-1] [',
  '[ros2_control_node-1]   left_wheel_joint/velocity',
  '[ros2_control_node-1] ]',
  '[ros2_control_node-1] Not available: ',
  '[ros2_control_node-1] [',
  '[ros2_control_node-1]  left_wheel_joint/velocity',
  '[ros2_control_node-1] ]',
  '[ros2_control_node-1] [ERROR] [1712000000.101] [controller_manager]: Could not switch controllers since prepare command mode switch was rejected.',
].join('\n');
// The hardware's own prepare_command_mode_switch refusing, with no reason of the resource manager's.
const REJECTED_ALONE = [
  '[ros2_control_node-1] [INFO] [1712000000.1] [MyActuatorHardware]: Switching to effort mode is not supported while moving',
  '[ros2_control_node-1] [ERROR] [1712000000.2] [controller_manager]: Could not switch controllers since prepare command mode switch was rejected.',
].join('\n');

familyWithControls(
  "ros2_control's 'Not acceptable command interfaces combination' names the controllers' configuration",
  [
    [NOT_EXISTING, 'config_error/invalid_config'],
    [NOT_AVAILABLE, 'config_error/invalid_config'],
  ],
  [[REJECTED_ALONE, 'validation_error/forbidden_operation']],
);

// ---- CMake: a stale build directory under a symlink install ----
const SYMLINK_STALE = [
  "failed to create symbolic link '/home/fly_ws/build/px4_msgs/ament_cmake_python/px4_msgs/px4_msgs' because existing path cannot be removed: Is a directory",
  'gmake[2]: *** [CMakeFiles/ament_cmake_python_symlink_px4_msgs.dir/build.make:70: CMakeFiles/ament_cmake_python_symlink_px4_msgs] Error 1',
  'gmake[1]: *** [CMakeFiles/Makefile2:421: CMakeFiles/ament_cmake_python_symlink_px4_msgs.dir/all] Error 2',
  'gmake[1]: *** Waiting for unfinished jobs....',
  '[ 12%] Built target px4_msgs__rosidl_generator_c',
  'gmake: *** [Makefile:146: all] Error 2',
].join('\n');
const SYMLINK_STALE_COLCON = [
  '--- stderr: realsense2_camera_msgs',
  "failed to create symbolic link '/workspace/build/realsense2_camera_msgs/ament_cmake_python/realsense2_camera_msgs/realsense2_camera_msgs' because existing path cannot be removed: Is a directory",
  'gmake[2]: *** [CMakeFiles/ament_cmake_python_symlink_realsense2_camera_msgs.dir/build.make:70: CMakeFiles/ament_cmake_python_symlink_realsense2_camera_msgs] Error 1',
  '---',
  'Failed   <<< realsense2_camera_msgs [1.61s, exited with code 2]',
].join('\n');
// CreateSymlink itself failing (its other message, without "because existing path…"): not the stale directory.
const SYMLINK_DENIED = [
  "failed to create symbolic link '/mnt/share/build/foo/ament_cmake_python/foo/foo': Operation not permitted",
  'gmake[2]: *** [CMakeFiles/ament_cmake_python_symlink_foo.dir/build.make:70: CMakeFiles/ament_cmake_python_symlink_foo] Error 1',
].join('\n');

familyWithControls(
  "CMake's symlink over an existing path is a stale build directory",
  [
    [SYMLINK_STALE, 'config_error/invalid_config'],
    [SYMLINK_STALE_COLCON, 'config_error/invalid_config'],
  ],
  [[SYMLINK_DENIED, '!config_error/invalid_config']],
);

// ---- robot.emergency_stop: the stop's words as a file, target or node name ----
// r31a-robot_main_repo-2 as colcon printed it, gcc's colour codes kept (cpp.header_not_found reads past them).
const HEADER_IN_ESTOP_NODE = [
  '-- Found nav2_msgs: 1.1.18 (/opt/ros/humble/share/nav2_msgs/cmake)',
  '-- Build files have been written to: /home/name/kd1_ws/build/kd1_cpp_nodes',
  '\u001b[35m\u001b[1mConsolidate compiler generated dependencies of target emergency_stop_node\u001b[0m',
  '[ 50%] \u001b[32mBuilding CXX object CMakeFiles/emergency_stop_node.dir/src/emergency_stop_node.cpp.o\u001b[0m',
  '\u001b[01m\u001b[K/home/name/kd1_ws/src/kd1_cpp_nodes/src/emergency_stop_node.cpp:6:10:\u001b[m\u001b[K \u001b[01;31m\u001b[Kfatal error: \u001b[m\u001b[Knav2_msgs/action/navigate_to_pose.hpp: No such file or directory',
  '    6 | #include \u001b[01;31m\u001b[K"nav2_msgs/action/navigate_to_pose.hpp"\u001b[m\u001b[K',
  '      |          \u001b[01;31m\u001b[K^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\u001b[m\u001b[K',
  'compilation terminated.',
  'gmake[2]: *** [CMakeFiles/emergency_stop_node.dir/build.make:76: CMakeFiles/emergency_stop_node.dir/src/emergency_stop_node.cpp.o] Error 1',
  'gmake: *** [Makefile:146: all] Error 2',
].join('\n');
const ESTOP_SCRIPT_CRASH = [
  'Traceback (most recent call last):',
  '  File "/home/ubuntu/ws/src/safety/scripts/emergency_stop_monitor.py", line 41, in <module>',
  '    main()',
  '  File "/home/ubuntu/ws/src/safety/scripts/emergency_stop_monitor.py", line 37, in main',
  '    rate = rospy.Rate(cfg["rate"])',
  "KeyError: 'rate'",
].join('\n');
// A stop the node reports, on lines prefixed with its name: still the stop.
const NODE_REPORTS_STOP =
  '[emergency_stop_node-3] [ERROR] [1712000000.5] [emergency_stop_node]: Emergency stop triggered by the bumper, motors disabled';
const ESTOP_TOPIC = '[WARN] [1712000000.5] [base_driver]: emergency_stop engaged (hardware button), refusing velocity commands';

familyWithControls(
  'the emergency-stop words as a source file, CMake target or node name are no stop',
  [
    [HEADER_IN_ESTOP_NODE, 'import_error/module_not_found'],
    [ESTOP_SCRIPT_CRASH, 'runtime_error/key_error'],
  ],
  [
    [NODE_REPORTS_STOP, 'hardware_fault/emergency_stop'],
    [ESTOP_TOPIC, 'hardware_fault/emergency_stop'],
  ],
);

t.test('the emergency-stop file, target and node names reach the stop alternative and are not read by it', async (t) => {
  const before = /emergency[ _-]?stop[^\n]{0,40}/i;
  for (const text of [HEADER_IN_ESTOP_NODE, ESTOP_SCRIPT_CRASH]) {
    t.ok(before.test(text), `the old alternative read it: ${text.slice(0, 60)}`);
    t.notOk(regexOf('robot.emergency_stop').test(text), `no longer: ${text.slice(0, 60)}`);
  }
  t.equal(rulesOnly(() => readLog(NODE_REPORTS_STOP)).code, 'robot.emergency_stop');
});

// ---- sim.gl_driver: Mesa's libEGL warning yields to a later died process ----
const EGL_THEN_SPAWNER = [
  '[gazebo-1] [INFO] [1783854594.399840997] [controller_manager]: Resource Manager has been successfully initialized. Starting Controller Manager services...',
  '[gazebo-1] libEGL warning: pci id for fd 139: 10de:25a2, driver (null)',
  '[gazebo-1] libEGL warning: egl: failed to create dri2 screen',
  '[spawner-6] [WARN] [1783854597.723055020] [spawner_diff_drive_controller]: Controller already loaded, skipping load_controller',
  "[gazebo-1] [ERROR] [1783854597.976067591] [controller_manager]: Could not configure controller with name 'diff_drive_controller' because no controller with this name exists",
  '[spawner-6] [ERROR] [1783854597.977110140] [spawner_diff_drive_controller]: Failed to configure controller',
  "[ERROR] [spawner-6]: process has died [pid 126361, exit code 1, cmd '/opt/ros/jazzy/lib/controller_manager/spawner diff_drive_controller --ros-args'].",
].join('\n');
const EGL_THEN_PYTHON_ERROR = [
  'libEGL warning: egl: failed to create dri2 screen',
  'Traceback (most recent call last):',
  '  File "train.py", line 88, in <module>',
  '    cfg = load(args.config)',
  "FileNotFoundError: [Errno 2] No such file or directory: 'configs/ppo.yaml'",
].join('\n');
// The warning with nothing after it, and the display that then fails to initialize: still the driver.
const EGL_LAST = [
  '$ gz sim shapes.sdf',
  'libEGL warning: egl: failed to create dri2 screen',
  'libEGL warning: DRI2: failed to create driscreen',
].join('\n');
const EGL_THEN_INIT_FAILS = [
  'libEGL warning: DRI2: failed to create driscreen',
  'GlContext:: Initialize eglInitialize error code = 0x3001',
  "terminate called after throwing an instance of 'ob::ioexception'",
  '  what():  Depth engine create and initialize failed',
].join('\n');

familyWithControls(
  "Mesa's libEGL warning is the cause only when nothing after it names another",
  [
    [EGL_THEN_SPAWNER, 'config_error/invalid_config'],
    [EGL_THEN_PYTHON_ERROR, 'config_error/file_not_found'],
  ],
  [
    [EGL_LAST, 'import_error/missing_native_lib'],
    [EGL_THEN_INIT_FAILS, 'import_error/missing_native_lib'],
  ],
);

t.test("sim.gl_driver's libEGL warning is outlived by a later died process, not by nothing", async (t) => {
  t.ok(warningOutlivedIn('sim.gl_driver', EGL_THEN_SPAWNER), 'the spawner died after it');
  t.notOk(warningOutlivedIn('sim.gl_driver', EGL_LAST), 'nothing after it');
  t.equal(rulesOnly(() => readLog(EGL_THEN_INIT_FAILS)).code, 'sim.gl_driver', 'eglInitialize failing is read where it is');
  t.equal(pair(EGL_LAST), 'import_error/missing_native_lib');
});

t.test('hostile inputs for the changed regexes and the new package messages', async (t) => {
  const runs: HostileRun[] = [
    ['emergency_stop names', `${'emergency_stop_node_emergency_stop_'.repeat(3000)}x.cpp\n`.repeat(3), 'robot.emergency_stop'],
    ['estop words', `${'estop_estop_estop '.repeat(6000)}\n`, 'robot.emergency_stop'],
    ['eglInitialize', `${'eglInitialize '.repeat(8000)}error\n`, 'sim.gl_driver'],
    [
      'libEGL warnings',
      `${'libEGL warning: egl: failed to create dri2 screen\n'.repeat(2000)}has died [pid 1, exit code 1\n`,
      'sim.gl_driver',
    ],
    ['tinyxml2 errors', `${'Error=XML_ERROR_FILE_NOT_FOUND ErrorID=3 (0x3) Line number=0: '.repeat(1500)}\n`, null],
    ['field setters', `${"AssertionError: The 'data' field must be of type ".repeat(1500)}\n`, null],
    ['symlinks', `${"failed to create symbolic link '/a' because existing path ".repeat(1500)}\n`, null],
    ['InvalidPackage', `${"InvalidPackage: Error(s) in package '".repeat(2000)}\n`, null],
  ];
  readsHostileRuns(t, runs, readWhole, 2000);
});

// ---- a user's Ctrl-C and a C++ node dying of an uncaught exception ----
const CTRL_C_THEN_THROW = [
  '[WARNING] [launch]: user interrupted with ctrl-c (SIGINT)',
  "[mujoco_ros2_control-1] terminate called after throwing an instance of 'std::runtime_error'",
  '[mujoco_ros2_control-1]   what():  Node needs to be associated with an executor.',
  '[rviz2-4] [INFO] [1768460791.684920807] [moveit_ros.planning_scene_monitor.planning_scene_monitor]: Stopping planning scene monitor',
].join('\n');
const THROW_THEN_CTRL_C = [
  "[camera_driver-2] terminate called after throwing an instance of 'std::out_of_range'",
  '[camera_driver-2]   what():  vector::_M_range_check: __n (which is 4) >= this->size() (which is 4)',
  "[ERROR] [camera_driver-2]: process has died [pid 4120, exit code -6, cmd '/ws/install/cam/lib/cam/camera_driver'].",
  '^C[WARNING] [launch]: user interrupted with ctrl-c (SIGINT)',
].join('\n');
// The interrupt alone, and with a Python exception: still the user's stop.
const CTRL_C_ALONE = [
  '[INFO] [talker-1]: process started with pid [4321]',
  '[WARNING] [launch]: user interrupted with ctrl-c (SIGINT)',
  '[INFO] [talker-1]: process has finished cleanly [pid 4321]',
].join('\n');

familyWithControls(
  "a C++ node's uncaught exception around a user's Ctrl-C is the crash",
  [
    [CTRL_C_THEN_THROW, 'runtime_error/unhandled_exception'],
    [THROW_THEN_CTRL_C, 'runtime_error/index_error'],
  ],
  [[CTRL_C_ALONE, 'aborted/manual_abort']],
);

// ---- MuJoCo: a core element reported unrecognized is misplaced, not newer ----
const EQUALITY_MISPLACED = [
  'Thu Jan 15 12:57:02 2026',
  'ERROR: Load model error: XML Error: Schema violation: unrecognized element',
  "Element 'equality', line 37",
].join('\n');
const ACTUATOR_MISPLACED = [
  'Traceback (most recent call last):',
  '  File "view.py", line 6, in <module>',
  '    m = mujoco.MjModel.from_xml_path("arm.xml")',
  'ValueError: XML Error: Schema violation: unrecognized element',
  '',
  "Element 'actuator', line 112",
].join('\n');
// An element MuJoCo did not always have (a newer model) and an unknown attribute: still the newer simulator.
const NEWER_ELEMENT = ['ValueError: XML Error: Schema violation: unrecognized element', '', "Element 'replicate', line 20"].join(
  '\n',
);
const NEWER_ATTRIBUTE = [
  "ValueError: XML Error: Schema violation: unrecognized attribute: 'autolimits'",
  '',
  "Element 'compiler', line 2",
].join('\n');

familyWithControls(
  'a core MJCF element reported unrecognized is in the wrong parent',
  [
    [EQUALITY_MISPLACED, 'validation_error/schema_violation'],
    [ACTUATOR_MISPLACED, 'validation_error/schema_violation'],
  ],
  [
    [NEWER_ELEMENT, 'import_error/version_conflict'],
    [NEWER_ATTRIBUTE, 'import_error/version_conflict'],
  ],
);

t.test("sim.model_schema_newer's regex reads the core element and its unless keeps the pattern out", async (t) => {
  for (const text of [EQUALITY_MISPLACED, ACTUATOR_MISPLACED]) {
    t.ok(regexOf('sim.model_schema_newer').test(text), `reaches the regex: ${text.slice(-30)}`);
    // The package message outranks the pattern anyway: the unless is seen only among the findings.
    const codes = rulesOnly(() => analyzeLog({ kind: 'log', log_id: 'unless', logs: text, error_message: '' })).findings.map(
      (f) => f.code,
    );
    t.notOk(codes.includes('sim.model_schema_newer'), `not among the findings: ${codes.join(', ')}`);
  }
  t.equal(rulesOnly(() => readLog(NEWER_ELEMENT)).code, 'sim.model_schema_newer');
  const hostile = `XML Error: Schema violation: unrecognized element${' \n'.repeat(20000)}Element 'equality'`;
  const start = performance.now();
  readWhole(hostile);
  t.ok(performance.now() - start < 2000, 'a long run of blanks before the element name');
});

// ---- ros2_control: a header its releases removed ----
const ESC = '\u001b';
const BASE_INTERFACE_GCC = [
  `[ 28%] ${ESC}[32mBuilding CXX object CMakeFiles/diffdrive_arduino.dir/src/diffdrive_arduino.cpp.o${ESC}[0m`,
  `In file included from ${ESC}[01m${ESC}[K/home/madi/robolab/src/diffdrive_arduino/src/diffdrive_arduino.cpp:1${ESC}[m${ESC}[K:`,
  `${ESC}[01m${ESC}[K/home/madi/robolab/src/diffdrive_arduino/include/diffdrive_arduino/diffdrive_arduino.h:7:10:${ESC}[m${ESC}[K ${ESC}[01;31m${ESC}[Kfatal error: ${ESC}[m${ESC}[Khardware_interface/base_interface.hpp: No such file or directory`,
  `    7 | #include ${ESC}[01;31m${ESC}[K"hardware_interface/base_interface.hpp"${ESC}[m${ESC}[K`,
  'compilation terminated.',
  'gmake[2]: *** [CMakeFiles/diffdrive_arduino.dir/build.make:76: CMakeFiles/diffdrive_arduino.dir/src/diffdrive_arduino.cpp.o] Error 1',
].join('\n');
const STATUS_VALUES_CLANG = [
  "/ws/src/my_robot_hw/include/my_robot_hw/system.hpp:12:10: fatal error: 'hardware_interface/types/hardware_interface_status_values.hpp' file not found",
  '#include "hardware_interface/types/hardware_interface_status_values.hpp"',
  '         ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
  '1 error generated.',
].join('\n');
const VISIBILITY_GCC = [
  '/ws/src/odrive_ros2_control/include/odrive_hardware_interface.hpp:9:10: fatal error: hardware_interface/visibility_control.h: No such file or directory',
  'compilation terminated.',
].join('\n');
// A header every release has: hardware_interface not installed or not found, not an older API.
const SYSTEM_INTERFACE_MISSING = [
  '/ws/src/my_robot_hw/include/my_robot_hw/system.hpp:5:10: fatal error: hardware_interface/system_interface.hpp: No such file or directory',
  'compilation terminated.',
].join('\n');

familyWithControls(
  'a header ros2_control removed is code written against another release',
  [
    [BASE_INTERFACE_GCC, 'import_error/version_conflict'],
    [STATUS_VALUES_CLANG, 'import_error/version_conflict'],
    [VISIBILITY_GCC, 'import_error/version_conflict'],
  ],
  [[SYSTEM_INTERFACE_MISSING, '!import_error/version_conflict']],
);
