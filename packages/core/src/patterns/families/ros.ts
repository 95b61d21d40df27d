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
import type { Pattern } from '../types.js';

export const ROS: Pattern[] = [
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
    needs: ['unavailable.', 'not available', 'did not', 'timed out waiting for', 'wait_for_service'],
    match:
      /(Service [\w%/ -]{0,80} unavailable\.[^\n]{0,60}|(?:service|action server) [`'"]?\/?[\w/-]{1,80}[`'"]? (?:is )?not available (?:after|within) [^\n]{0,40}|(?:service|action server) [`'"]?\/?[\w/-]{1,80}[`'"]? did not (?:become available|come up|appear)[^\n]{0,40}|Timed out waiting for (?:the )?(?:service|action server)[^\n]{0,60}|wait_for_service[^\n]{0,40}(?:timed out|timeout|returned False)[^\n]{0,20})/i,
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
      /((?:offering|requesting) incompatible QoS[^\n]{0,80}|incompatible QoS[^\n]{0,40}(?:policy|RELIABILITY|DURABILITY|DEADLINE|LIVELINESS)[^\n]{0,40}|Last incompatible policy: [A-Z_]{3,40})/,
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
    id: 'cpp.header_not_found',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.78,
    priority: 76,
    needs: ['fatal error: '],
    match: /(fatal error: [\w./-]{1,120}\.(?:h|hpp|hh|hxx): No such file or directory)/,
    title: 'C/C++ header not found ($1)',
    hypothesis:
      "The compiler cannot find a header the code includes: the package (or the generated message headers) that provides it is not installed or not built before this target, or its include directory is not on the target's include path.",
    fix: 'Install the package that provides the header, or declare the dependency (find_package / ament_target_dependencies / add_dependencies on the message generation target) so it is built first.',
    actions: [
      'Find which package provides the header',
      'Add the missing build dependency (add_dependencies on the message generation target)',
    ],
  },
];
