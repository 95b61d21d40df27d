/**
 * Forms of robotics-20's misses that recur across robot projects (issue 13, session 14): xacro's
 * own errors about a robot description's content (rule 4), sdformat's "parse as old deprecated
 * model file failed", the NVIDIA container runtime's driver and library that cannot be loaded
 * (rule 5) against a runtime name Docker does not know (rule 3), CUDA's illegal memory access and
 * a segfault or abort reported in a translated locale (rule 6), an uncaught std::invalid_argument
 * whose what() names the cause (rule 6), and a device's serial stream that ends (rule 2). Texts
 * written for these tests in the tools' own wording, with negative controls, and a hostile-input
 * check of each new regex.
 */
import t from 'tap';
import { familyWithControls, hostileName, readsHostileRuns, readWhole } from './patterns-read.js';

familyWithControls(
  "xacro's errors about the description's own content are a schema violation (rule 4)",
  [
    [
      "name 'wheel_base' is not defined\nwhen evaluating expression 'wheel_base/2'\nwhen processing file: /ws/src/rover_description/urdf/rover.urdf.xacro",
      'validation_error/schema_violation',
    ],
    [
      'Traceback (most recent call last):\n  File "/opt/ros/indigo/share/xacro/xacro.py", line 62, in <module>\n    xacro.main()\nxacro.XacroException: Parameters [prefix] were not set for macro xacro:arm_link',
      'validation_error/schema_violation',
    ],
    [
      'Not enough blocks\nwhen instantiating macro: gripper (/ws/src/cell/urdf/gripper_macro.xacro)\nin file: cell.urdf.xacro',
      'validation_error/schema_violation',
    ],
    [
      'Not enough blocks\nwhen instantiating macro: gripper (/ws/src/cell/urdf/gripper_macro.xacro)\nwhen instantiating macro: cell (/ws/src/cell/urdf/cell.xacro)\nin file: cell.urdf.xacro',
      'validation_error/schema_violation',
    ],
    [
      "invalid expression: $(arg\nwhen processing file: /ws/src/bot_description/urdf/bot.urdf.xacro\nRLException: Invalid <param> tag: Cannot load command parameter [robot_description]: command [['/opt/ros/noetic/lib/xacro/xacro', '/ws/src/bot_description/urdf/bot.urdf.xacro']] returned with code [2].",
      'validation_error/schema_violation',
    ],
    [
      "RLException: Invalid <param> tag: Cannot load command parameter [robot_description]: command [xacro /ws/arm.xacro] returned with code [2].\nXacroException: name 'wheel_radius' is not defined",
      'validation_error/schema_violation',
    ],
    [
      '[ERROR] [launch]: Caught exception in launch (see debug for traceback): executed command failed. Command: /opt/ros/humble/bin/xacro /ws/install/arm_description/share/arm_description/urdf/arm.urdf.xacro\nCaptured stderr output: error: unknown macro name: xacro:arm_flange\nwhen processing file: /ws/install/arm_description/share/arm_description/urdf/arm.urdf.xacro',
      'validation_error/schema_violation',
    ],
  ],
  [
    // What the launch passes in is its setup (1 label), a missing include the missing file; xacro
    // follows "Invalid parameter" with one "when instantiating macro" line per nesting level.
    [
      '[ERROR] [launch]: Caught exception in launch (see debug for traceback): Caught multiple exceptions when trying to load file of format [py]:\n - XacroException: Invalid parameter "use_fake_hardware"\nwhen instantiating macro: ur_ros2_control (/opt/ros/humble/share/ur_description/urdf/ur.ros2_control.xacro)\nwhen instantiating macro: ur_robot (/opt/ros/humble/share/ur_description/urdf/ur_macro.xacro)',
      'config_error/invalid_config',
    ],
    [
      'XacroException: Invalid parameter "prefix"\nwhen instantiating macro: arm_base (/ws/src/arm/urdf/base.xacro)\nwhen instantiating macro: arm (/ws/src/arm/urdf/arm.xacro)',
      'config_error/invalid_config',
    ],
    [
      'Invalid parameter "prefix"\nwhen instantiating macro: arm (/ws/src/arm/urdf/arm.xacro)\nin file: /ws/src/arm/urdf/robot.urdf.xacro',
      'config_error/invalid_config',
    ],
    [
      "XacroException: Undefined substitution argument name [arg 'camera_enabled']\nwhen processing file: /ws/src/rover/urdf/rover.urdf.xacro",
      'config_error/invalid_config',
    ],
    [
      'No such file or directory: /ws/src/arm/urdf/wrist.xacro [Errno 2] No such file or directory\nwhen processing file: /ws/src/arm/urdf/arm.urdf.xacro',
      'config_error/file_not_found',
    ],
    [
      "RLException: Invalid <param> tag: Cannot load command parameter [robot_description]: command [['/opt/ros/noetic/lib/xacro/xacro', '/ws/src/rover/urdf/rover.urdf.xacro']] returned with code [2].",
      'config_error/invalid_config',
    ],
    // A Python NameError is the program's own, not a description.
    [
      'Traceback (most recent call last):\n  File "plan.py", line 12, in <module>\n    main()\nNameError: name \'wheel_base\' is not defined',
      '!validation_error/schema_violation',
    ],
  ],
);

familyWithControls(
  'a model string sdformat parses neither as SDF nor as URDF is a schema violation (rule 4)',
  [
    [
      'Error [parser_urdf.cc:3170] Unable to call parseURDF on robot model\nError [parser.cc:488] parse as old deprecated model file failed.\n[ERROR] [1700000000.0]: Spawn service failed. Exiting.',
      'validation_error/schema_violation',
    ],
  ],
  [['[Err] [Server.cc:139] Error Code 12 Msg: Unable to find uri[model://harbor_buoy]', 'config_error/file_not_found']],
);

familyWithControls(
  "the NVIDIA runtime's driver or library that cannot be loaded is a native library (rule 5); a runtime Docker does not know is its setup (rule 3)",
  [
    [
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , stderr: nvidia-container-cli: initialization error: nvml error: driver not loaded: unknown.',
      'import_error/missing_native_lib',
    ],
    [
      "Error response from daemon: failed to create task for container: error running prestart hook #0: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'\nnvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1: cannot open shared object file: no such file or directory: unknown",
      'import_error/missing_native_lib',
    ],
    ['docker: Error response from daemon: unknown or invalid runtime name: nvidia.', 'config_error/invalid_config'],
  ],
  [
    [
      'stderr: nvidia-container-cli: initialization error: nvml error: driver/library version mismatch: unknown',
      'import_error/version_conflict',
    ],
    [
      'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].',
      'config_error/invalid_config',
    ],
  ],
);

familyWithControls(
  "CUDA's illegal memory access is a crash of the program's native code (rule 6)",
  [
    [
      'RuntimeError: CUDA error: an illegal memory access was encountered\nCUDA kernel errors might be asynchronously reported at some other API call, so the stacktrace below might be incorrect.',
      'runtime_error/unhandled_exception',
    ],
    [
      'WARNING:root:Failed to import ros dependencies in transforms.py\nWARNING:root:ros methods will be unavailable\nCUDA kernel failed : an illegal memory access was encountered\nvoid ball_query_kernel_wrapper(int, int, int, float, int, const float*, const float*, int*) at L:28 in src/ball_query_gpu.cu',
      'runtime_error/unhandled_exception',
    ],
    ['[planner] fatal: cuMemcpyDtoH returned CUDA_ERROR_ILLEGAL_ADDRESS', 'runtime_error/unhandled_exception'],
  ],
  [
    [
      'RuntimeError: CUDA error: device-side assert triggered\n/pytorch/aten/src/ATen/native/cuda/Indexing.cu:702: indexSelectLargeIndex: block: [0,0,0], thread: [0,0,0] Assertion `srcIndex < srcSelectDimSize` failed.',
      'runtime_error/index_error',
    ],
    ['torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 512.00 MiB', 'resource_error/gpu_oom'],
    ['503 Service Unavailable: the planner API is down', 'upstream_error/upstream_5xx'],
  ],
);

familyWithControls(
  "a segfault or abort the shell reports in a translated locale is the program's crash (rule 6)",
  [
    [
      '$ ./mono_slam Vocabulary/ORBvoc.txt cam.yaml\nLoading ORB Vocabulary. This could take a while...\n段错误 (核心已转储)',
      'runtime_error/unhandled_exception',
    ],
    [
      '$ ./lidar_mapper --config mapper.yaml\nSpeicherzugriffsfehler (Speicherabzug geschrieben)',
      'runtime_error/unhandled_exception',
    ],
    ['$ ./planner_node\nInitializing planner...\n已放弃 (核心已转储)', 'runtime_error/unhandled_exception'],
  ],
  [
    // A cause in the text wins over the crash.
    ['RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB\n段错误 (核心已转储)', 'resource_error/gpu_oom'],
    ['$ ./planner_node\n规划完成，共 42 个航点', '!runtime_error/unhandled_exception'],
  ],
);

familyWithControls(
  'an uncaught std::invalid_argument whose what() names a cause is that cause (rule 6)',
  [
    [
      "[coverage_planner-1] terminate called after throwing an instance of 'std::invalid_argument'\n[coverage_planner-1]   what():  File not found",
      'config_error/file_not_found',
    ],
  ],
  [
    ["terminate called after throwing an instance of 'std::invalid_argument'\n  what():  stoi", 'runtime_error/value_error'],
    [
      "terminate called after throwing an instance of 'std::invalid_argument'\n  what():  Invalid argument: turning radius must be positive",
      'validation_error/invalid_argument',
    ],
  ],
);

familyWithControls(
  "a device's serial stream that ends is the device going silent (rule 2)",
  [
    ['[ERROR] [1700000000.0] [base_driver]: Serial read error: End of file', 'hardware_fault/sensor_fault'],
    ['[imu_node] serial port read failed - End of file', 'hardware_fault/sensor_fault'],
    ['[servo_bus] serial read error: End of file while polling servo 3', 'hardware_fault/actuator_fault'],
    // The board is named on the line, not anywhere in the record (a keyboard's Esc is no ESC).
    ['[imu_node] serial port read failed - End of file\nPress Esc to quit', 'hardware_fault/sensor_fault'],
    ['[imu_node] serial port read failed - End of file\n[base] motors enabled', 'hardware_fault/sensor_fault'],
    ['Error working with laser driver: read_until: End of file', 'hardware_fault/sensor_fault'],
  ],
  [
    [
      'Worker unexpectedly exits with a connection error code 2. End of file. There are some potential root causes.',
      '!hardware_fault/sensor_fault',
    ],
    ['Error while parsing serial.yaml: End of file reached inside a mapping', '!hardware_fault/sensor_fault'],
    ['SSL: UNEXPECTED_EOF_WHILE_READING: EOF occurred in violation of protocol', '!hardware_fault/sensor_fault'],
    // A file's parser, and boost::asio's read_until over TCP, are no device's serial port.
    ['Failed to load serial config: End of file reached while parsing', '!hardware_fault/sensor_fault'],
    [
      '[planner_client] HTTP request to http://10.0.0.5:8080/plan failed: read_until: End of file',
      '!hardware_fault/sensor_fault',
    ],
    ['[rosbridge_client] websocket read_until: End of file (connection closed by peer)', '!hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  'a port a serial driver cannot open, no reason given, is a device node that cannot be opened (rule 3)',
  [
    ['[ERROR] [1700000000.000000000]: Unable to open port', 'config_error/file_not_found'],
    ['base_controller: error: unable to open port /dev/ttyUSB1', 'config_error/file_not_found'],
  ],
  [
    ['[ERROR] [1700000000.0]: Failed to open port: Permission denied', 'auth_error/permission_denied'],
    ['[web_bridge] Unable to open port 9090: address already in use', '!config_error/file_not_found'],
    [
      'ERROR: Unable to open port 5760: Only one usage of each socket address (protocol/network address/port) is normally permitted.',
      'config_error/invalid_config',
    ],
  ],
);

familyWithControls(
  "a NAOqi module the robot's broker does not run is missing software (rule 5)",
  [
    ["RuntimeError: \tALProxy::ALProxy\n\tCan't find service: ALMotion", 'import_error/module_not_found'],
    [
      '[W] 1700000000.123 naoqi_driver: Could not create Proxy to "ALTextToSpeech".\nException message:\n\tALProxy::ALProxy',
      'import_error/module_not_found',
    ],
  ],
  [
    ["[ERROR] [1700000000.0]: Can't find service: /gazebo/spawn_urdf_model", '!import_error/module_not_found'],
    [
      'RuntimeError: ALProxy::ALProxy Failed to connect to 192.168.1.12:9559: Connection refused',
      'network_error/connection_refused',
    ],
  ],
);

familyWithControls(
  "pip's explanation of its conflict, quoted without its ERROR line, is a version conflict (rule 5)",
  [
    [
      'The conflict is caused by:\n    robot-sim 1.4.0 depends on numpy<2\n    mujoco-tools 3.2.0 depends on numpy>=2.1',
      'import_error/version_conflict',
    ],
  ],
  [['The collision is caused by: the gripper closing on the table edge', '!import_error/version_conflict']],
);

familyWithControls(
  'a write on a websocket the peer closed (tornado\'s WebSocketClosedError, C#-style "Error : message") is the connection reset',
  [
    ['WebSocketClosedError : Tried to write to a closed websocket', 'network_error/connection_reset'],
    ['tornado.websocket.WebSocketClosedError: Tried to write to a closed websocket', 'network_error/connection_reset'],
    ['tornado.iostream.StreamClosedError: Stream is closed', 'network_error/connection_reset'],
  ],
  [
    ['[rosbridge_websocket]: Client disconnected. 0 clients total.', '!network_error/connection_reset'],
    // " : " is read after an Error/Exception name only: a property listing's "Key : value" is no exception.
    [
      "Name         : default\nTokenExpired : False\nLastRefresh  : 2024-05-01\nError: deployment step 'apply' exited with code 1",
      '!auth_error/token_expired',
    ],
    ['Account            : ci-bot\nSessionTimeout : 30\nError: job failed', '!timeout/request_timeout'],
  ],
);

familyWithControls(
  'a msg or srv directory genmsg cannot find is a missing file (rule 3)',
  [
    [
      'CMake Error at /opt/ros/noetic/share/genmsg/cmake/genmsg-extras.cmake:94 (message):\n  add_message_files() directory not found:\n  /ws/src/arm_driver/msg\nCall Stack (most recent call first):\n  arm_driver/CMakeLists.txt:40 (add_message_files)',
      'config_error/file_not_found',
    ],
    [
      'CMake Error at /opt/ros/melodic/share/genmsg/cmake/genmsg-extras.cmake:113 (message):\n  add_service_files() directory not found:\n  /ws/src/arm_driver/srv',
      'config_error/file_not_found',
    ],
  ],
  [
    [
      'CMake Error at /opt/ros/noetic/share/genmsg/cmake/genmsg-extras.cmake:100 (message):\n  generate_messages() must be called after add_message_files()',
      '!config_error/file_not_found',
    ],
  ],
);

// Hostile input for each new regex: a few thousand of the form's own punctuation and words,
// read well inside the test's timeout (the per-record deadline cannot stop a regex once it runs).
// Each text carries the words the pattern's `needs` and the prefilter ask for, and the test counts
// the runs of the pattern's regex: a hostile text its regex is never given proves nothing.
t.test('the new forms read hostile runs in bounded work', { timeout: 30_000 }, async (t) => {
  const XACRO = 'ros.xacro_description_invalid';
  const SERIAL = 'robot.serial_stream_ended';
  const runs: [text: string, pattern: string | null][] = [
    [`${'\n'.repeat(4000)}when evaluating expression 'x'`, XACRO],
    [`${"'".repeat(4000)}\nwhen evaluating expression '${"'".repeat(4000)}`, XACRO],
    [`Parameters ${'['.repeat(4000)}] were not set for macro x`, XACRO],
    [`Parameters [${'['.repeat(4000)}\n] were not set for macro x`, XACRO],
    [`invalid expression: ${'$('.repeat(2000)}\n${' '.repeat(4000)}when processing file: ${'/'.repeat(4000)}x.xacro`, XACRO],
    [`${'x\n'.repeat(3000)}when instantiating macro: ${':'.repeat(4000)}`, XACRO],
    [`${'\t\n'.repeat(3000)}when evaluating expression 'x'`, XACRO],
    [`${`${'Invalid parameter '.repeat(9)}\n`.repeat(500)}when instantiating macro: x`, XACRO],
    [`${'when instantiating macro: x\n'.repeat(3000)}when instantiating macro: x`, XACRO],
    [`${'serial read '.repeat(3000)}End of fil\nEnd of file`, SERIAL],
    [`${'serial error: '.repeat(3000)}\nEnd of file`, SERIAL],
    [`${'driver '.repeat(3000)}read_until: End of fil\nEnd of file`, SERIAL],
    [`${'read_until: '.repeat(3000)}\nEnd of file`, SERIAL],
    [
      `${'CUDA error: '.repeat(3000)}an illegal memory acces\nan illegal memory access was encountered`,
      'native.gpu_illegal_address',
    ],
    [`${'段'.repeat(4000)}错`, null],
    [`${'已放弃 ('.repeat(2000)}`, null],
    [`terminate called after throwing an instance of 'std::invalid_argument'\n  what():  ${':'.repeat(4000)}`, null],
    [`${"Can't find service: AL".repeat(2000)}`, null],
    [`${'Unable to open port '.repeat(2000)}`, null],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
