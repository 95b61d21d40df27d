/**
 * Patterns: ROS 1 / ROS 2 middleware, build and launch, read by what rclcpp/rclpy, the
 * controller manager, MoveIt, launch, colcon/catkin and the recorders print: parameters of the
 * wrong type, services that never come up, controller switches and trajectory executions that
 * overrun their deadline, QoS profiles that cannot match, build inputs and files that are not
 * there, and C/C++ headers of packages that were not built. Evaluated in the order of
 * library.ts (before the robot family); tested in test/patterns-ros.test.ts.
 *
 * Regexes are linear (bounded repetition, no nested quantifiers).
 */
import { ROSPY_GET_PARAM, UNDER_THE_FRAME } from '../resolvers.js';
import type { Pattern } from '../types.js';

// The linker naming a library it cannot find (GNU ld, ld.gold's "error:", Apple ld's "library not found for -lX").
const LINK_LIBRARY_MISSING =
  /\b(?:ld(?:\.\w{1,8})?: (?:error: )?cannot find -l|library not found for -l|unable to find library -l)[\w.+-]{1,60}/;
/**
 * The same, read on its own (cpp.link_library_missing; $1: the linker's words and the library), but not
 * inside a CMake configure check: FindThreads, CheckFunctionExists and CheckLibraryExists link a probe
 * (cmTC_*, in CMakeFiles/CMakeTmp or CMakeScratch) against libraries that may be missing by design —
 * "/usr/bin/ld: cannot find -lpthreads" under "Determining if the function pthread_create exists in the
 * pthreads failed", after "-- Looking for pthread_create in pthreads - not found" — and the configure goes
 * on: a check's header (or its probe target's name) within 2000 characters before the -l line, or FindThreads'
 * probe library "pthreads" itself (glibc has none), is that check's output, not the build's failure (review
 * 21b F1; "Looking for X in Y" is left out: CMake prints it at every configure, far from a real link).
 * The library is read whole (no backtracking into a shorter name); the lookbehind runs only where the rest
 * matched.
 */
const LINK_LIBRARY_MISSING_CAPTURED = new RegExp(
  `(${LINK_LIBRARY_MISSING.source})(?![\\w.+-])(?<!-lpthreads)(?<!(?:Determining if the |Performing C(?:XX)? SOURCE FILE Test|\\bcmTC_|CMakeFiles\\/CMake(?:Tmp|Scratch))[\\s\\S]{0,2000})`,
);

/**
 * xacro's errors about a description's own content (rule 4), each as xacro prints it: the error
 * and the context line after it ("when evaluating expression", "when instantiating macro"), or the
 * old (indigo) one-line forms. "Invalid parameter" is left out (1 label: the launch passes an
 * argument the file does not declare, invalid_config), wherever it stands on its line and through
 * every "when instantiating macro" line xacro prints per nesting level (a context line is never the
 * error). Lines are bounded; no nested quantifiers.
 */
const XACRO_CONTENT_ERROR =
  /(XacroException: name '[\w.]{1,80}' is not defined|^(?![ \t]{0,8}when )(?![^\n]{0,160}\bInvalid parameter\b)[^\n]{1,160}\n[ \t]{0,8}when (?:evaluating expression '[^'\n]{1,120}'|instantiating macro: [\w.:-]{1,80})|Parameters \[[^\]\n]{1,120}\] were not set for macro [\w.:-]{1,80}|Undefined parameters \[[^\]\n]{1,120}\]|unknown macro name:? '?[\w.:-]{1,80}|invalid expression: [^\n]{0,120}\n[ \t]{0,8}when processing file: [^\n]{0,200}\.(?:xacro|urdf))/m;
/** What a description step reads as the launch's setup or a missing file, not the file's content. */
const XACRO_SETUP_ERROR = /No such file or directory|\[Errno 2\]|Undefined substitution argument|The yaml dictionary has no key/;

/**
 * glibc's strerror(ENOENT) as a compiler prints it after a header's name: English and the translated
 * locales a reporter's build may run in (zh_CN, zh_TW, ja, de, fr, es, ru).
 */
const NO_SUCH_FILE =
  '(?:No such file or directory|没有那个文件或目录|沒有此一檔案或目錄|そのようなファイルやディレクトリはありません|Datei oder Verzeichnis nicht gefunden|Aucun fichier ou dossier de ce type|No existe el archivo o el directorio|Нет такого файла или каталога)';

/** One optional SGR/EL code of a terminal's coloured output (gcc's "ESC[01mESC[K"), as regex source. */
const SGR_CODE = '(?:\\x1b\\[[0-9;]{0,12}[mK])?';

export const ROS: Pattern[] = [
  {
    id: 'ros.launch_command_not_on_path',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.78,
    priority: 83,
    // ROS 2 launch runs a Command substitution (xacro, a script) whose executable is not
    // installed: launch prints the substitution object, not its name (rule 5: software not
    // installed). Cases: robotics-6 (net-ft), robotics-10 (go2, ethercat examples).
    needs: ['launch.substitutions.'],
    match:
      /(executable '\[<launch\.substitutions\.[\w.]{1,80} object at 0x[0-9a-f]{4,16}>[^'\n]{0,200}\]' not found on the PATH)/,
    title: 'A command the launch file runs is not installed',
    hypothesis:
      'The launch file builds a parameter or process from a Command substitution (typically xacro for the robot description), and the executable it names is not on the PATH: the package that provides it is not installed or not sourced.',
    fix: 'Find the command in the launch file (Command([...]) / FindExecutable) and install the package that provides it (e.g. ros-<distro>-xacro), then source the environment.',
    actions: ['Find the Command substitution in the launch file', 'Install and source the package that provides its executable'],
  },
  {
    id: 'ros.parameter_wrong_type',
    category: 'validation_error',
    factor: 'type_mismatch',
    severity: 'medium',
    confidence: 0.84,
    priority: 81,
    needs: ['parametertypeexception', 'invalid type', 'wrong parameter type', 'expect'],
    match:
      /(InvalidParameterTypeException[^\n]{0,80}|\bParameterTypeException\b[^\n]{0,40}|parameter '[\w./-]{1,80}' has (?:an )?invalid type[^\n]{0,60}|Wrong parameter type, parameter \{?[\w./-]{1,80}\}? is of type[^\n]{0,60}|(?:expected|expecting) (?:type )?\[?'?(?:double|integer|string|bool|double_array|string_array|integer_array|bool_array|byte_array)'?\]? got \[?(?:double|integer|string|bool|double_array|integer_array|string_array)\]?[^\n]{0,40}|of type '(?:INTEGER|DOUBLE|STRING|BOOL)(?:_ARRAY)?', expecting type '(?:INTEGER|DOUBLE|STRING|BOOL)(?:_ARRAY)?'[^\n]{0,20})/,
    title: 'ROS parameter of the wrong type ($1)',
    hypothesis:
      'A ROS 2 node rejected a parameter because its value has another type than the one declared (an integer where a double is declared: 1 instead of 1.0, [0, 0] instead of [0.0, 0.0]), so the node did not start or did not apply it.',
    fix: 'Write the value in the declared type in the YAML/launch file or on the command line (1.0 for a double, [0.0, 0.0] for a double array), or declare the parameter with dynamic typing if both are meant to be accepted.',
    actions: [
      'Compare the value with the type the node declares (ros2 param describe)',
      'Check the launch file and command-line overrides for integer literals',
    ],
  },
  {
    id: 'ros.service_unavailable',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'high',
    confidence: 0.76,
    priority: 79,
    needs: [
      'unavailable.',
      'not available',
      'did not',
      'timed out waiting for',
      'wait_for_service',
      'could not contact service',
      'could not connect to action server',
      'error connecting to the client',
      "couldn't find the expected",
    ],
    match:
      /(Service [\w%/ -]{0,80} unavailable\.[^\n]{0,60}|[\w/-]{1,80} service (?:is )?not available, waiting[^\n]{0,20}|(?:service|action server) [`'"]?\/?[\w/-]{1,80}[`'"]? (?:is )?not available (?:after|within) [^\n]{0,40}|(?:service|action server) [`'"]?\/?[\w/-]{1,80}[`'"]? did not (?:become available|come up|appear)[^\n]{0,40}|Timed out waiting for (?:the )?(?:service|action server)[^\n]{0,60}|wait_for_service[^\n]{0,40}(?:timed out|timeout|returned False)[^\n]{0,20}|Could not contact service \/[\w/-]{1,80}|\bAction server not available!?|Could not connect to action server[^\n]{0,40}|Error connecting to the client : [\w/-]{1,80}|Controller Spawner couldn't find the expected controller_manager ROS interface\.?)/i,
    title: 'A ROS service or action server never became available',
    hypothesis:
      'A node waited for a service or action server (a simulator spawn service, a controller manager, a planner) that did not come up within its timeout: the server node is not running, crashed at start, or runs under another name or namespace.',
    fix: 'Start (or fix) the node that provides the service before its clients, check the service name and namespace (ros2 service list), and make the client wait with a timeout that fits the server start-up.',
    actions: ['List the services while the client waits (ros2 service list)', "Read the server node's log for an earlier crash"],
  },
  {
    id: 'ros.control_deadline',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'high',
    confidence: 0.8,
    priority: 82,
    needs: [
      'switch controller timed out',
      'switch_controller',
      'taking too long',
      'expected upper bound',
      'waitforexecution',
      'timed out waiting for',
      'execution timed out',
      'execution exceeded',
    ],
    match:
      /(Switch controller timed out after[^\n]{0,40}|switch_controller[^\n]{0,40}timed out[^\n]{0,40}|Controller is taking too long to execute trajectory[^\n]{0,60}|expected upper bound for the trajectory execution[^\n]{0,40}|waitForExecution timed out|Timed out waiting for (?:the )?controller to (?:finish|complete)[^\n]{0,40}|(?:trajectory )?execution (?:timed out|exceeded (?:its |the )?(?:allowed |expected )?(?:duration|time))[^\n]{0,40})/i,
    // Rule 1: a driver whose socket to the robot controller failed first ("Error: 'Broken pipe' (errno:
    // 32)", "'Connection refused' (errno: 111)") names the cause of the deadline that follows: the
    // errno answers (robotics-6 FANUC, robotics-12 Motoman; no deadline case in any set shows one).
    unless: /\b(?:Broken pipe|Connection refused|Connection reset by peer)\b/,
    title: 'A controller operation overran its deadline',
    hypothesis:
      "The controller manager or MoveIt gave up on an operation that did not finish within its deadline (a controller switch, a trajectory's expected execution time): the controller or hardware did not act in time — not moving, blocked, or a simulation running slower than real time.",
    fix: "Check that the controller is active and actually drives the hardware (or the simulator keeps real time); if the operation is legitimately slower, raise the switch timeout or MoveIt's execution duration scaling.",
    actions: [
      'Check the controller states (ros2 control list_controllers) at that time',
      'Compare the real-time factor of the simulation with 1.0',
      'Check trajectory_execution.allowed_execution_duration_scaling',
    ],
  },
  {
    id: 'moveit.no_controllers',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.78,
    priority: 74,
    needs: ['unable to identify any set of controllers', 'no controller_names specified', 'returned 0 controllers'],
    match:
      /(Unable to identify any set of controllers that can actuate the specified joints[^\n]{0,60}|No controller_names specified[^\n]{0,20}|Returned 0 controllers in list[^\n]{0,20})/,
    title: 'MoveIt knows no controller for these joints',
    hypothesis:
      "MoveIt's controller manager has no controller that drives the planned joints: the moveit_controllers configuration is missing or names controllers/joints that do not match the running ones, so no trajectory is executed.",
    fix: "List the controllers in MoveIt's controller configuration (moveit_controllers.yaml) with the names and joints of the running controllers, and load it in move_group.",
    actions: ['Compare moveit_controllers.yaml with ros2 control list_controllers', 'Check the joints of each controller'],
  },
  {
    id: 'ros.qos_incompatible',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.78,
    priority: 70,
    needs: ['incompatible qos', 'last incompatible policy'],
    match:
      /((?:offering|requesting) incompatible [Qq][Oo][Ss][^\n]{0,80}|incompatible [Qq][Oo][Ss][^\n]{0,40}(?:policy|RELIABILITY|DURABILITY|DEADLINE|LIVELINESS)[^\n]{0,40}|Last incompatible policy ?: ?[A-Z_]{3,40})/,
    title: 'Publisher and subscriber QoS profiles do not match',
    hypothesis:
      'A subscriber and a publisher on the same topic have incompatible QoS (a RELIABLE subscriber to a BEST_EFFORT sensor stream, TRANSIENT_LOCAL vs VOLATILE), so no message is delivered.',
    fix: "Give the subscriber a QoS compatible with the publisher's (sensor data QoS for sensor topics), e.g. via a QoS override parameter.",
    actions: ['Compare the QoS of both ends (ros2 topic info -v)', 'Use the sensor-data QoS profile for sensor topics'],
  },
  {
    id: 'ros.build_input_missing',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    needs: [
      "can't copy",
      'cant copy',
      'catkin_package()',
      'does not exist relative to',
      'cannot find source file:',
      'no rule to make target',
    ],
    match:
      /(error: can'?t copy '[^'\n]{1,200}': doesn'?t exist or not a regular file|catkin_package\(\) (?:include dir|DEPENDS on)[^\n]{0,60}(?:does not exist|not found)[^\n]{0,40}|(?:include dir|directory|file) '[^'\n]{1,200}' does not exist relative to[^\n]{0,100}|Cannot find source file:[^\n]{0,100}|No rule to make target '[^'\n]{1,200}'[^\n]{0,40})/,
    title: 'A file the build expects is missing',
    hypothesis:
      "The package's build (setup.py data_files, CMakeLists include/source paths, catkin_package) names a file or directory that is not in the package: a resource marker, an include directory or a source that was never created or was renamed.",
    fix: 'Create the missing file or directory (e.g. resource/<package> for ament_python, include/ for catkin_package) or remove it from the build description.',
    actions: [
      'Compare the paths in setup.py / CMakeLists.txt with the package tree',
      'Rebuild the one package (colcon build --packages-select)',
    ],
  },
  {
    id: 'ros.file_open_failed',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.72,
    priority: 70,
    needs: ['error opening', 'failed to open', 'parse params file'],
    match:
      /((?:Error|Failed) (?:opening|to open) (?:the )?(?:YAML |params |parameters? |bag |launch |URDF |SDF |calibration |map )?file[:\s][^\n]{0,100}|Couldn'?t parse params file[^\n]{0,80}|Error writing: Error opening file[^\n]{0,80})/i,
    title: 'A file could not be opened ($1)',
    hypothesis:
      'A node could not open a file it was given (a parameter file, a recording output, a map): the path is relative to another working directory, mistyped, or its directory does not exist.',
    fix: 'Pass an absolute path (or one resolved from the package share directory) and create the output directory before the node starts.',
    actions: ['Check the path from the working directory the node runs in', 'Create output directories before recording'],
  },
  {
    id: 'cpp.gl_header_not_found',
    // Rule 5: a GL, EGL or Vulkan library that cannot be loaded is missing_native_lib; its header
    // missing from a build (mujoco-py's "GL/osmesa.h", "GL/glew.h", "vulkan/vulkan.h") is that
    // native library's development package not installed, not a missing module.
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.8,
    priority: 77,
    needs: ['fatal error: ', '致命错误'],
    match: new RegExp(
      `((?:fatal error: |致命错误[：:] ?)(?:GL|GLES\\d?|EGL|KHR|vulkan|GLFW)\\/[\\w.-]{1,60}\\.h[：:] ?${NO_SUCH_FILE})`,
    ),
    title: 'A GL/EGL/Vulkan header not found ($1)',
    hypothesis:
      'The build includes a header of a native graphics library (OpenGL, OSMesa, GLEW, EGL, Vulkan) whose development package is not installed on this host or image.',
    fix: 'Install the development package of the graphics library (e.g. libosmesa6-dev, libgl1-mesa-dev, libglew-dev, libvulkan-dev) and rebuild.',
    actions: ['Find the -dev package that provides the header', 'Add it to the image or the setup instructions'],
  },
  {
    id: 'cpp.header_not_found',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.78,
    priority: 76,
    needs: ['fatal error: ', '致命错误'],
    // The compiler's and glibc's words in a translated locale are the same form (robotics-29d: zh_CN
    // "fatal error: cartesian_state_msgs/PoseTwist.h: 没有那个文件或目录", a generated message header).
    // gcc's coloured output puts its SGR/EL codes between "fatal error: " and the path ("fatal error:
    // ESC[mESC[Knav2_msgs/…hpp"): up to four codes are read there (written out, not a repeated group:
    // patterns.test refuses a quantified group with a quantifier inside).
    match: new RegExp(
      `((?:fatal error: ${SGR_CODE.repeat(4)}|致命错误[：:] ?)[\\w./-]{1,120}\\.(?:h|hpp|hh|hxx)[：:] ?${NO_SUCH_FILE})`,
    ),
    title: 'C/C++ header not found ($1)',
    hypothesis:
      "The compiler cannot find a header the code includes: the package (or the generated message headers) that provides it is not installed or not built before this target, or its include directory is not on the target's include path.",
    fix: 'Install the package that provides the header, or declare the dependency (find_package / ament_target_dependencies / add_dependencies on the message generation target) so it is built first.',
    actions: [
      'Find which package provides the header',
      'Add the missing build dependency (add_dependencies on the message generation target)',
    ],
  },
  {
    id: 'ros.launch_xml_invalid',
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'medium',
    confidence: 0.7,
    // A launch file that breaks its format (rule 4 by analogy: the taxonomy has no XML-syntax factor):
    // roslaunch's "Invalid roslaunch XML syntax: mismatched tag" (expat), ROS 2 launch's "Unexpected
    // nested tag(s) found in `include`". roslaunch says the same for an included file that does not
    // exist ("Invalid roslaunch XML syntax: [Errno 2] No such file"): that is the file, not read here.
    priority: 60,
    needs: ['invalid roslaunch xml syntax', 'unexpected nested tag'],
    match: /(Invalid roslaunch XML syntax: (?!\[Errno)[^\n]{0,80}|Unexpected nested tag\(s\) found in [^\n]{0,60})/i,
    title: 'A launch file breaks the launch format ($1)',
    hypothesis:
      'The launch file is not well-formed (a tag left unclosed) or nests a tag where the launch format does not allow it, so the launcher rejects it before starting anything.',
    fix: 'Fix the launch file at the line the error names (close the tag; move the nested tag where the format allows it, e.g. a <param> under <node>, not under <include>); an XML linter finds unclosed tags.',
    actions: ['Open the launch file at the line and column the error names', 'Validate the file with an XML linter'],
  },
  {
    id: 'ros.lifecycle_transition_refused',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.74,
    priority: 64,
    needs: [
      'no transition matching',
      'transition is not registered',
      'is not a valid transition',
      'not valid from the current state',
    ],
    match:
      /(No transition matching [\w-]{1,40} found for current state [\w-]{1,40}|Unable to start transition \d{1,3} from current state [\w-]{1,40}: Transition is not registered|Transition is not registered[^\n]{0,40}|[\w-]{1,40} is not a valid transition (?:from|in) (?:the )?(?:current )?state[^\n]{0,40}|transition [\w'-]{1,40} (?:is )?not valid from the current state[^\n]{0,40})/i,
    title: 'A lifecycle transition was requested in a state that does not allow it',
    hypothesis:
      'A ROS 2 lifecycle node was asked for a transition its current state does not have (activate while still unconfigured, configure while active), so its state machine refused it: the transitions were requested out of order, or before the previous one had finished.',
    fix: "Request the transitions in order (configure, then activate) and wait for each to complete before the next — e.g. chain the launch file's lifecycle events on the state-change event, or use a lifecycle manager.",
    actions: [
      'Check the node state before the request (ros2 lifecycle get)',
      'Order the launch events on the state transition that precedes them',
    ],
  },
  {
    id: 'ros.plugin_class_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.78,
    priority: 83,
    needs: [
      'according to the loaded plugin descriptions',
      'pluginlib_export_class',
      'could not find library corresponding to plugin',
      'could not create class of type',
      'could not create object of type',
    ],
    match:
      /(According to the loaded plugin descriptions the class [\w:/.-]{1,160} with base class type [\w:]{1,160} does not exist[^\n]{0,40}|Failed to load library [^\n]{0,160}Make sure that you are calling the PLUGINLIB_EXPORT_CLASS macro[^\n]{0,40}|Could not find library corresponding to plugin [\w:/.-]{1,160}[^\n]{0,40}|MultiLibraryClassLoader: Could not create (?:class|object) of type [\w:/.-]{1,160})/,
    unless: /with base class type controller_interface::/,
    title: 'A plugin class could not be found by pluginlib ($1)',
    hypothesis:
      'pluginlib could not load the requested plugin class (a hardware interface, planner, costmap layer, sensor plugin): the package that exports it is not installed or not built in the sourced workspace, its plugin description is not exported, or the class name is misspelled.',
    fix: 'Install or build the package that exports the plugin and source its workspace; check that its plugin XML is exported (pluginlib_export_plugin_description_file / PLUGINLIB_EXPORT_CLASS) and that the class name matches the one declared there.',
    actions: [
      'List the declared classes for that base class (ros2 plugin list)',
      'Check the package exporting the plugin is built in the sourced workspace',
    ],
  },
  {
    id: 'ros.launch_self_unreachable',
    category: 'network_error',
    factor: 'connection_refused',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    needs: ['unable to contact my own server'],
    match: /(Unable to contact my own server at \[?[^\]\n]{1,120}\]?[^\n]{0,20})/,
    title: 'roslaunch cannot reach its own server ($1)',
    hypothesis:
      "roslaunch could not connect to the XML-RPC server it just started at the address it advertises: ROS_IP / ROS_HOSTNAME names an address that is not this machine's (another interface, an old DHCP lease), so nothing can reach the node.",
    fix: 'Set ROS_IP (or ROS_HOSTNAME) to an address of this machine that the other hosts can reach, or unset it; check that the host can ping that address.',
    actions: [
      "Compare ROS_IP / ROS_HOSTNAME with this machine's addresses (ip addr)",
      'Ping the advertised address from this host',
    ],
  },
  {
    id: 'ros.launch_host_unresolved',
    category: 'network_error',
    factor: 'dns_failure',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    needs: ['cannot resolve host address', 'unknown host'],
    match:
      /(cannot resolve host address for machine \[[\w.-]{1,120}\][^\n]{0,20}|Unknown host [\w.-]{1,120} for machine [\w.-]{1,80})/,
    title: 'roslaunch cannot resolve a machine name ($1)',
    hypothesis:
      'roslaunch could not resolve the host name of a machine it launches on (even localhost): the name is missing from /etc/hosts or DNS, or ROS_HOSTNAME names a host nobody can resolve.',
    fix: 'Make the name resolvable (an /etc/hosts entry for it, localhost included) or use an IP address in ROS_HOSTNAME / the <machine> tag.',
    actions: ['Resolve the name on this host (getent hosts NAME)', 'Check /etc/hosts for localhost and the host name'],
  },
  {
    id: 'ros.microros_agent_unreachable',
    category: 'network_error',
    factor: 'connection_refused',
    severity: 'high',
    confidence: 0.76,
    priority: 78,
    needs: ['micro ros agent', 'micro-ros agent', 'microros agent', 'rmw_uros_ping_agent'],
    match:
      /(failed to create (?:node )?session on Micro[- ]?ROS Agent[^\n]{0,40}|rmw_uros_ping_agent[^\n]{0,40}(?:fail|error|timeout|timed out|RMW_RET_ERROR)[^\n]{0,20}|Micro[- ]?ROS agent (?:is )?(?:not (?:reachable|available|running|found)|unreachable)[^\n]{0,40})/i,
    title: 'The micro-ROS client cannot open a session with its agent',
    hypothesis:
      'The microcontroller running micro-ROS could not open a session with the micro-ROS agent: the agent is not running, listens on another transport/port, or runs at an address the board cannot reach (a Docker bridge IP, another subnet).',
    fix: 'Start the agent with the transport and port the firmware uses, at an address the board can reach (host networking for Docker), and let the firmware ping the agent before creating its node.',
    actions: [
      'Run the agent with -v6 and watch for the client session',
      "Check the IP/port compiled into the firmware against the agent's",
    ],
  },
  {
    id: 'ros.process_killed',
    category: 'resource_error',
    factor: 'host_oom',
    severity: 'high',
    confidence: 0.5,
    priority: 40,
    needs: ['exit code -9', 'exit code 137'],
    match: /(process has died \[pid \d{1,9}, exit code (?:-9|137)\b[^\n]{0,40})/,
    title: 'A ROS node was killed (SIGKILL)',
    hypothesis:
      'The node was killed with SIGKILL and printed nothing else, the signature of the kernel OOM killer on a node whose memory grows (a map, a point-cloud buffer, a queue) — unless someone or a supervisor killed it on purpose.',
    fix: "Check the kernel log for the OOM killer (dmesg | grep -i oom) and the node's memory over time; bound its buffers/map size or give the machine more memory or swap.",
    actions: [
      'Check dmesg / journalctl -k for "Out of memory: Killed process"',
      "Watch the node's memory while it runs (top, /proc/PID/status)",
    ],
  },
  {
    id: 'ros.launch_yaml',
    category: 'syntax_error',
    factor: 'yaml_syntax',
    severity: 'high',
    confidence: 0.78,
    priority: 79,
    needs: ['not a valid yaml', 'failed to parse yaml', 'error parsing yaml'],
    match:
      /((?:substituted )?parameter file[^\n]{0,60} is not a valid yaml(?: file)?[^\n]{0,40}|(?:Failed to parse|Error parsing) (?:the )?(?:YAML|yaml)(?: file| parameters?| params?)?[^\n]{0,40}(?:line|column|mapping|scanner|sequence|key|value)[^\n]{0,60})/i,
    title: 'A launch parameter file is not valid YAML',
    hypothesis:
      'ros2 launch (or rcl) could not parse a parameter file as YAML: an indentation, a tab, a missing colon or a substitution that produced invalid text, so the launch stopped before starting the nodes.',
    fix: 'Lint the parameter file (yamllint), and if it is produced by substitutions, print the substituted result; fix the reported line.',
    actions: ['Run yamllint on the file', 'Render the substituted file and read it'],
  },
  {
    id: 'ros.launch_type_error',
    category: 'runtime_error',
    factor: 'type_error',
    severity: 'medium',
    confidence: 0.74,
    priority: 70,
    needs: ['caught exception in launch'],
    match:
      /Caught exception in launch \(see debug for traceback\): ((?:sequence item \d{1,4}: expected str instance|unsupported operand type|can only concatenate|'[\w.]{1,60}' object is not (?:subscriptable|iterable|callable)|[\w.]{1,60}\(\) (?:takes|missing) \d|expected str, bytes or os\.PathLike object|must be str, not|argument of type '[\w.]{1,60}' is not iterable)[^\n]{0,100})/,
    title: 'A type error inside the launch description ($1)',
    hypothesis:
      'ros2 launch raised a TypeError while evaluating the launch description (its message is shown without the type): a substitution or parameter produced a value of another type than the code expects — a number where a string is joined, None where a list is iterated.',
    fix: 'Run the launch with --debug to get the traceback, then convert the value to the expected type (str(), a TextSubstitution, a typed LaunchConfiguration) where it is used.',
    actions: [
      'Re-run with ros2 launch --debug for the traceback',
      'Check the substitution or parameter at that point and its type',
    ],
  },
  {
    id: 'ros.invalid_name',
    category: 'validation_error',
    factor: 'invalid_argument',
    severity: 'medium',
    confidence: 0.76,
    priority: 78,
    needs: [
      'name must not',
      'invalidtopicname',
      'invalidnodename',
      'invalidnamespace',
      'invalidservicename',
      'is not a valid',
      'name is invalid',
      'invalid topic name',
      'invalid node name',
    ],
    match:
      /((?:topic|node|service|action|namespace|frame)(?: name)? must not (?:contain|start with|end with|be empty)[^\n]{0,60}|\bInvalid(?:Topic|Node|Service|Namespace)NameException\b[^\n]{0,80}|(?:topic|node|service) name '[^'\n]{1,120}' is invalid[^\n]{0,40}|Invalid (?:topic|node|service) name[^\n]{0,60}|'[^'\n]{1,120}' is not a valid (?:topic|node|service|namespace) name[^\n]{0,40})/i,
    title: 'A ROS name that is not valid ($1)',
    hypothesis:
      "rcl rejected a topic, service, node or namespace name that breaks ROS naming rules (a repeated or trailing '/', a dash, a leading digit, an unexpanded substitution), so the publisher, subscription or node was not created.",
    fix: 'Fix the name where it is built (launch arguments, remappings, string concatenation): only letters, digits, underscores and single slashes, not starting with a digit.',
    actions: ['Print the fully expanded name the node builds', 'Check launch arguments and remappings that feed it'],
  },
  {
    id: 'ros.trajectory_rejected',
    category: 'validation_error',
    factor: 'invalid_argument',
    severity: 'medium',
    confidence: 0.72,
    priority: 74,
    needs: ['trajectory', 'controller is not running', 'incoming joint'],
    match:
      /(Received trajectory with non-zero start time[^\n]{0,80}|Joints on incoming trajectory don'?t match the controller joints[^\n]{0,40}|Incoming joint [\w/.-]{1,80} doesn'?t match the controller'?s joints[^\n]{0,20}|(?:Dropping|Rejected|Rejecting|Invalid) (?:joint )?trajectory[^\n]{0,20}(?:because|:)[^\n]{0,80}|Trajectory (?:message )?(?:contains|has) (?:no|empty|invalid|inconsistent) [^\n]{0,60}|Can'?t accept new (?:trajectory|action goals?)\.? Controller is not (?:running|active)[^\n]{0,20})/i,
    title: 'The trajectory controller rejected the trajectory it was sent',
    hypothesis:
      'The joint trajectory controller refused the command: its joints do not match the controller, its timing is invalid (a start time whose points all lie in the past), its points are inconsistent, or it arrived while the controller was not active — the sender is at fault, not the arm.',
    fix: "Send trajectories with the controller's joint names, points with increasing time_from_start and a start stamp of zero (now) or in the future, and only to an active controller.",
    actions: [
      'Compare the joint names of the message with the controller configuration',
      'Check the header stamp and time_from_start of the points',
      'Check the controller is active (ros2 control list_controllers)',
    ],
  },
  {
    id: 'ros.rosserial_no_sync',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'high',
    confidence: 0.68,
    priority: 90,
    needs: ['unable to sync with device', 'lost sync with device'],
    match: /((?:Unable to sync|Lost sync) with device[^\n]{0,100})/,
    title: 'rosserial cannot sync with the microcontroller',
    hypothesis:
      "rosserial's host side got no valid answer from the microcontroller on the serial port: the board is not running a rosserial sketch, is on another port or baud rate, resets when the port opens, or its message definitions do not match the host's.",
    fix: 'Check the port and baud rate on both sides, that the board runs the sketch (and not a bootloader), and rebuild ros_lib against the same message definitions as the host.',
    actions: [
      "Open the port with the board's baud rate and watch for rosserial frames",
      'Rebuild ros_lib from the workspace the host uses',
    ],
  },
  {
    id: 'moveit.execution_failed',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.64,
    priority: 62,
    needs: [
      'control_failed',
      'goal_tolerance_violated',
      'path_tolerance_violated',
      'reports status aborted',
      'trajectory execution aborted',
      'with status aborted',
    ],
    match:
      /(Controller '?[\w/-]{1,80}'? failed with error (?:code )?(?:GOAL_TOLERANCE_VIOLATED|PATH_TOLERANCE_VIOLATED|INVALID_GOAL|INVALID_JOINTS|OLD_HEADER_TIMESTAMP)?[^\n]{0,40}|Controller handle [\w/-]{1,80} reports status ABORTED[^\n]{0,40}|Trajectory execution aborted[^\n]{0,60}|\bCONTROL_FAILED\b[^\n]{0,40}|Completed trajectory execution with status ABORTED[^\n]{0,20})/,
    title: 'The arm did not execute the planned trajectory',
    hypothesis:
      'MoveIt planned a trajectory but the controller aborted its execution (CONTROL_FAILED, a goal or path tolerance violated): the arm did not follow it — blocked, in a fault or protective state, too weak or too badly tuned to reach the goal within tolerance.',
    fix: "Read the controller's own error just before (tolerances, fault state); check the arm is free to move and enabled, and the controller's gains and goal tolerances against the trajectory.",
    actions: [
      "Read the trajectory controller's log at the abort",
      'Compare the goal tolerance with the final error of the joints',
    ],
  },
  {
    id: 'ros.xacro_description_invalid',
    // docs/taxonomy.md rule 4: a robot description its format rejects is a schema violation, and
    // xacro's own errors about the file's content say so — an expression that does not evaluate
    // (a name the file never defines), a macro called without its parameters or blocks, a macro
    // or tag xacro does not know, an expression left unclosed. Labels: schema_violation 4
    // (robotics-20: "name 'parent' is not defined / when evaluating expression", "Parameters
    // [has_podest] were not set for macro", "Not enough blocks / when instantiating macro",
    // "invalid expression: $(arg"), none other. What the launch passes in (an argument the file
    // does not declare: "Invalid parameter", 1 label invalid_config; "Undefined substitution
    // argument") stays ros.description_generation_failed's setup reading, and an include that
    // does not exist is the missing file (rule 3).
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    confidence: 0.72,
    priority: 79,
    needs: [
      'when evaluating expression',
      'not set for macro',
      'undefined parameters [',
      'when instantiating macro',
      'unknown macro name',
      'invalid expression:',
      'is not defined',
    ],
    match: XACRO_CONTENT_ERROR,
    unless: XACRO_SETUP_ERROR,
    title: 'The robot description (xacro) is invalid: $1',
    hypothesis:
      "xacro rejected the robot description's own content: an expression uses a property or macro parameter the file never defines, a macro is called without the parameters or blocks it declares, or a tag or expression is malformed — so no URDF is produced and every node that needs robot_description fails after it.",
    fix: 'Run xacro on the file by hand and fix the element it names in the file it names (define the property, pass the macro its parameters and blocks, close the unclosed property or argument expression).',
    actions: ['Run xacro on the top-level file with the same arguments', 'Open the file and macro the error names'],
  },
  {
    id: 'ros.description_generation_failed',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.7,
    priority: 77,
    needs: [
      'cannot load command parameter',
      'xacroexception',
      'when evaluating expression',
      'when processing file',
      'executed command failed',
    ],
    match:
      /(Cannot load command parameter \[[\w/-]{1,80}\]: command \[[^\n]{1,300}\] returned with code \[\d{1,4}\][^\n]{0,20}|\bXacroException: [^\n]{1,160}|undefined substitution argument[^\n]{0,80}\n\s{0,8}when processing file[^\n]{0,200}|executed command failed\. Command: [^\n]{0,40}xacro[^\n]{0,200})/i,
    // The step (generating the description), not a cause: a file the text names as missing
    // (xacro's "No such file or directory: …include.xacro") is the cause (rule 1 and rule 3), and
    // so is an error in the description's own content (ros.xacro_description_invalid, rule 4). Not the
    // symptom step (yields.ts): ROS 2 launch prints xacro's captured stderr, the missing file, after its
    // report ("executed command failed. Command: … xacro …" then "Captured stderr output: … No such file").
    unless: new RegExp(`No such file or directory|\\[Errno 2\\]|${XACRO_CONTENT_ERROR.source}`, 'm'),
    title: 'The robot description could not be generated (xacro)',
    hypothesis:
      'xacro failed while expanding the robot description that the launch file passes as a parameter: an argument or property the file uses is not defined (a launch argument not passed, a misspelled property), so no robot_description exists and the nodes that need it do not start.',
    fix: 'Run the same xacro command by hand to see the error, and pass or define the argument/property it names (xacro args in the launch file, <xacro:arg>/<xacro:property> defaults).',
    actions: ['Run xacro on the file with the same arguments', 'Check the launch arguments passed to xacro'],
  },
  {
    id: 'ros.colcon_package_unknown',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'medium',
    confidence: 0.74,
    priority: 76,
    needs: ['specified with --packages-', 'was not found'],
    match: /(Package '[\w-]{1,80}' specified with --packages-[\w-]{1,20} was not found[^\n]{0,20})/,
    title: 'colcon cannot find the package it was asked to build ($1)',
    hypothesis:
      "colcon found no package of that name in the workspace it searched: colcon ran from another directory than the workspace root, the package's package.xml names it differently, or it sits in an ignored (COLCON_IGNORE) or unlisted path.",
    fix: "Run colcon from the workspace root (the directory that holds src/), and use the name in the package's package.xml (colcon list shows what it finds).",
    actions: ['Run colcon list in the same directory', "Compare the name with the package's package.xml"],
  },
  {
    id: 'ros.bag_storage_plugin_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'medium',
    confidence: 0.74,
    priority: 78,
    needs: ['storage id', 'no plugin found that could open'],
    match:
      /(Could not load\/open plugin with storage id '[\w-]{1,40}'[^\n]{0,20}|no plugin found that could open (?:the )?URI[^\n]{0,40})/,
    // rosbag2's storage factory logs why the plugin could not open the bag ("Could not open '<uri>' with
    // '<storage id>'. Error: …") before it reports no plugin: the report is a symptom that yields to it (yields.ts),
    // anywhere before it or in the producer's message, as the `unless` this replaced read it.
    yieldsTo: {
      causes: [{ said: /Could not open '[^'\n]{1,300}' with '[\w-]{1,40}'\. Error:/, within: 'all', reported: true }],
    },
    title: 'No rosbag2 storage plugin can open this bag',
    hypothesis:
      "rosbag2 has no storage plugin for the bag's format (an MCAP bag with only the sqlite3 plugin installed, or the reverse), so it cannot open or write it.",
    fix: 'Install the storage plugin for the format (e.g. ros-<distro>-rosbag2-storage-mcap) in the environment that plays or records, or pass the storage id the bag was written with.',
    actions: ['Check the installed storage plugins', "Read the bag's metadata.yaml for its storage_identifier"],
  },
  {
    id: 'nav.map_or_tree_file',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.74,
    priority: 77,
    needs: ['failed to load map', "can't load image", 'could not read any file matching'],
    match:
      /(Failed to load map (?:yaml )?file:? [^\n]{1,160}|Can'?t load image [^\n]{1,160}: Couldn'?t open[^\n]{0,40}|Could not read any file matching [^\n]{1,160})/,
    title: 'A map or behavior-tree file the navigation stack needs is missing ($1)',
    hypothesis:
      'The navigation stack could not open a file it was configured with — the map YAML or its image, or the behavior-tree XML — because the path is wrong (relative to another directory, a package share path not installed) or the file was never created.',
    fix: "Pass an absolute path (or one resolved from the package share directory) and check the map YAML's image entry points to an existing file.",
    actions: ['Check the path from the working directory the node runs in', "Check the map YAML's image: entry"],
  },
  {
    id: 'nav.bt_node_unknown',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.72,
    priority: 76,
    needs: ['node not recognized'],
    match: /(Node not recognized: [\w-]{1,80}[^\n]{0,20})/,
    title: 'The behavior tree names a node that is not registered ($1)',
    hypothesis:
      "The behavior-tree XML uses a node type the BT factory does not know: a misspelling, or the plugin library that registers it is not in the navigator's plugin list.",
    fix: "Correct the node name in the XML, or add the library that provides it to the navigator's plugin_lib_names / the BT factory.",
    actions: ['Compare the node name with the registered ones', "Check the navigator's plugin library list"],
  },
  {
    id: 'ros.description_parameter_missing',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.72,
    priority: 75,
    needs: ['robot_description'],
    match:
      /((?:Failed to get|Could not find|Unable to get|Could not read) (?:the )?(?:parameter )?[`'"]?robot_description[`'"]?(?: parameter)?(?: (?:from|on) the parameter server)?[^\n]{0,30}|robot_description (?:parameter )?(?:is )?(?:not set|empty|missing)[^\n]{0,30})/i,
    title: 'The robot description parameter is not there',
    hypothesis:
      'A node that needs the robot model found no robot_description parameter: the launch file that loads it (robot_state_publisher / the xacro command) did not run, ran in another namespace, or the node reads it before it is set.',
    fix: 'Load the robot description before (or with) the nodes that need it, in the same namespace, or pass it to them explicitly.',
    actions: ['Check the parameter exists (rosparam get / ros2 param get)', 'Check the namespace the node runs in'],
  },
  {
    id: 'ros.rospy_param_missing',
    // rospy.get_param without a default raises KeyError for a parameter the parameter server does
    // not have (rospy/client.py get_param, msproxy __getitem__): a missing parameter the node's
    // setup needs (docs/taxonomy.md rule 3), not a program's lookup of its own dict.
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.7,
    priority: 72,
    needs: ['in get_param'],
    // The KeyError right under the get_param frame, only indented traceback lines between (its
    // source line, msproxy's frames): a KeyError of the node's own dict after a log line or a
    // second traceback is not this.
    match: new RegExp(`(${ROSPY_GET_PARAM})${UNDER_THE_FRAME}KeyError: `),
    title: 'A ROS parameter the node reads is not on the parameter server',
    hypothesis:
      'The node calls rospy.get_param for a parameter nobody set (no default given): the launch file that loads it did not run, loaded it in another namespace, or names it differently.',
    fix: 'Load the parameter before the node starts (launch file, rosparam load, the MoveIt config that sets it) in the namespace the node reads, or give get_param a default.',
    actions: [
      'List what is set (rosparam list) and compare with the name in the KeyError',
      'Check the namespace the node runs in',
    ],
  },
  {
    id: 'moveit.invalid_state',
    category: 'validation_error',
    factor: 'invalid_argument',
    severity: 'medium',
    confidence: 0.62,
    priority: 74,
    needs: [
      'invalid start state',
      'valid start state',
      'start state is in collision',
      'goal state is in collision',
      'invalid goal state',
    ],
    match:
      /(Skipping invalid start state[^\n]{0,40}|Unable to find a valid start state[^\n]{0,60}|start state is in collision[^\n]{0,40}|goal state is in collision[^\n]{0,40}|Invalid goal state[^\n]{0,40})/i,
    title: 'The planner was given a start or goal it cannot use',
    hypothesis:
      'The motion planner rejected the request itself: the start state is outside the joint bounds or in collision, or no valid state satisfies the goal (an unreachable or colliding pose) — the request is wrong before any planning.',
    fix: 'Check the robot state MoveIt sees at the start (joint limits, collisions with the scene or itself) and that the goal pose is reachable and collision-free; adjust the scene or the goal.',
    actions: ['Visualize the start state and the goal in RViz', 'Check the collision objects around the start and goal'],
  },
  {
    id: 'cpp.undefined_reference',
    category: 'import_error',
    // docs/taxonomy.md rule 5: an undefined symbol is a version mismatch (the labels of the tuned
    // cases: version_conflict 2, module_not_found 2, missing_native_lib none).
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.64,
    priority: 70,
    needs: ['undefined reference to'],
    match: /(undefined reference to \*{0,2}[`'][^\n]{1,160})/,
    also: /ld returned 1 exit status|collect2: error|linker command failed|CMakeFiles\//,
    // The linker naming a library it cannot find at all ("ld: cannot find -lEposCmd", ld.gold's "error:
    // cannot find -lX", clang's "library not found for -lX"): a native library that is not there
    // (rule 5: missing_native_lib), not a version.
    resolve: (ctx) => (LINK_LIBRARY_MISSING.test(ctx.text) ? { as: 'cpp.link_library_missing' } : null),
    title: 'The link step cannot find a symbol ($1)',
    hypothesis:
      'The code compiled but the linker found no library providing a symbol it uses: it links a build of another version whose symbols differ (an API the installed release lacks), or the target is not linked against that library (a missing ament_target_dependencies / target_link_libraries entry).',
    fix: 'Link the target against the package that provides the symbol (ament_target_dependencies / target_link_libraries) and rebuild from a clean build directory, so every library comes from the same installation.',
    actions: [
      'Find which library defines the symbol (nm -C -D lib... | grep)',
      "Check the target's link dependencies in CMakeLists.txt",
    ],
  },
  {
    // The linker naming a library it cannot find: reached through cpp.undefined_reference's resolution
    // when undefined references follow, and read on its own when the link step stops at the library
    // (a torch C++ extension's ninja build, "/usr/bin/ld: cannot find -ltorch_python: No such file or
    // directory": rule 5, missing_native_lib, not config.file_not_found's "No such file"; robotics-31c pql).
    id: 'cpp.link_library_missing',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.64,
    priority: 70,
    needs: ['cannot find -l', 'library not found for -l', 'unable to find library -l'],
    match: LINK_LIBRARY_MISSING_CAPTURED,
    title: 'The link step cannot find a library the target links ($1)',
    hypothesis:
      'The linker was told to link a library (-lX) that is not installed or not on its search path, so the symbols it provides are undefined too.',
    fix: "Install the library's development package (or the vendor SDK), or add its directory to the link path (link_directories / target_link_libraries with the full path), then rebuild from a clean build directory.",
    actions: [
      'Find where the library is installed (ldconfig -p | grep, find / -name "libX*")',
      "Check the target's link paths in CMakeLists.txt",
    ],
  },
  {
    id: 'ros.interface_build_input',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.74,
    priority: 79,
    needs: ['unable to find message file', 'unable to find service file', 'unable to find action file'],
    match: /(Unable to find (?:message|service|action) file:? [\w./-]{1,160}[^\n]{0,20})/,
    title: 'An interface file the build declares does not exist ($1)',
    hypothesis:
      'rosidl_generate_interfaces was given a .msg/.srv/.action file that is not in the package at that path (renamed, mistyped, or listed relative to another directory), so the interfaces are not generated.',
    fix: 'Make the paths given to rosidl_generate_interfaces match the files in the package (relative to the package root, e.g. msg/Status.msg).',
    actions: ['Compare the rosidl_generate_interfaces list with the msg/ srv/ action/ directories'],
  },
  {
    id: 'ros.ament_dependency_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.78,
    priority: 82,
    needs: ['was not found before'],
    match: /(ament_target_dependencies\(\) the passed package name '[\w-]{1,80}' was not found before[^\n]{0,20})/,
    title: 'A build dependency was never found by CMake ($1)',
    hypothesis:
      "CMakeLists.txt lists a package in ament_target_dependencies that was never find_package()'d (or is misspelled, or not installed), so the target cannot be configured.",
    fix: 'Add find_package(<pkg> REQUIRED) before the call, fix the package name, and install it (rosdep install --from-paths src) if it is missing.',
    actions: ['Check find_package calls against ament_target_dependencies', 'Run rosdep install for the workspace'],
  },
  {
    id: 'ros.resource_not_found',
    // ROS 1's rospkg ResourceNotFound as roslaunch and xacro print it: "Resource not found: <pkg>"
    // (followed by the ROS path it searched), and "cannot launch node of type [pkg/type]: pkg" (the
    // package itself, not the node, is unknown: "can't locate node [x] in package [y]" is
    // ros.node_executable_missing). Rule 5 of the labelling guidance: a ROS package not installed or
    // not on the path is import_error/module_not_found. Labelled cases: darknet_ros, turtlebot,
    // kuka_kr6_support, CARMA's driver_shutdown (robotics-1, robotics-6).
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.74,
    priority: 82,
    needs: ['resource not found', 'cannot launch node of type'],
    match:
      /((?<![\w.])[Rr]esource not found: (?:The following package was not found in [^\n]{0,80}|[\w-]{1,80}(?=\s{0,4}(?:\n|$)))|cannot launch node of type \[[\w-]{1,80}\/[\w.-]{1,80}\]: [\w-]{1,80}(?=\s{0,4}(?:\n|$)))/,
    title: 'ROS package not found on the ROS path ($1)',
    hypothesis:
      'roslaunch or xacro looked a ROS package up by name and no workspace on the ROS path holds it: the package is not installed, its workspace was not built or sourced, or the name is misspelled.',
    fix: 'Install the package (rosdep install --from-paths src) or build and source the workspace that holds it, then relaunch.',
    actions: [
      'Check `rospack find <package>` in the launching shell',
      'Install missing dependencies with rosdep, then source devel/setup.bash',
    ],
  },
  {
    id: 'build.source_dir_without_cmakelists',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'medium',
    confidence: 0.72,
    // CMake pointed at a source directory that has no CMakeLists.txt (catkin/colcon given the wrong
    // path, a submodule not checked out): a file missing at the configured path (rule 3).
    priority: 62,
    needs: ['does not appear to contain cmakelists.txt'],
    match: /(The source directory "?[^\n"]{1,200}"? does not appear to contain CMakeLists\.txt)/i,
    title: 'CMake found no CMakeLists.txt where it was pointed ($1)',
    hypothesis:
      'The build was pointed at a directory with no CMakeLists.txt: the wrong path, a submodule or package not checked out, or instructions for another layout of the workspace.',
    fix: 'Point the build at the package directory that holds CMakeLists.txt; check out the submodules (git submodule update --init).',
    actions: ['List the directory the error names', 'Check the submodules and the workspace layout'],
  },
];
