/**
 * Patterns: robots. Evaluated in the order of library.ts; tested in test/patterns.test.ts and
 * test/patterns-robots.test.ts (robot.waiting_for_reply, the camera index read by robot.sensor_fault and the
 * find/open forms of robot.device_not_opened in test/patterns-r31bc-forms.test.ts).
 */

import { ACTUATOR_CONTEXT } from '../parts/tables/robot-pairs.js';
import { lineOf, resolveTfGap, SENSOR_CONTEXT } from '../resolvers.js';
import { type MatchSite, type Pattern, REACHED_BY_RESOLUTION } from '../types.js';

/**
 * A serial read that met the end of the stream (one bounded quantifier between the words): the
 * port's own wording ("serial port", "serial read/error/…", a /dev/tty node), or boost::asio's
 * "read_until:" after a device's name on its line (it reads TCP streams too: an HTTP client's
 * "read_until: End of file" is not a device's).
 */
const SERIAL_EOF =
  /((?:\bserial[ _]port\b|\bserial[ :_-]{1,3}(?:read|write|error|exception|communication|connection|link|device|stream)\b|\/dev\/tty\w{0,8}\d\b|\bread_until:(?<=\b(?:serial|tty\w{0,8}|laser|lidar|sonar|imu|gps|sensor|driver|device)\b[^\n]{0,80}read_until:))[^\n]{0,80}\bEnd of file\b)/i;
/** An end of file met by a parser, a settings file or a network client, not a device's port. */
const SERIAL_EOF_NOT =
  /\b(?:pars(?:e|er|ing)|config(?:uration)?|settings|ya?ml|json|https?|websocket)\b[^\n]{0,160}\bEnd of file\b|\bEnd of file reached while\b/i;

/**
 * A wait for a reply that a server or service owes the program (docs/taxonomy.md rule 2: a request unanswered
 * is timeout/request_timeout, not a hang), in the forms that say so: NatNet's "Waiting for server info in
 * response." (the line ends on "in response"), a reply named by the request or server it answers ("waiting for
 * initialize response", "waiting for the server's reply", "Waiting for handshake ack"), or a reply "from" a
 * server, controller, host, broker or service. Not a bare "Waiting for reply" (a prompt for the user), a
 * motion "in response to" a command, nor responses from peers or ranks (a collective that does not progress:
 * a hang). Bounded; tested on the wait line (review 21b F3).
 */
const WAIT_FOR_REPLY =
  /\bwaiting for (?:[^\n]{1,100}? in response\.?[ \t]*$|(?:the |a |an )?(?:server|service|controller|host|broker|remote|rpc|api|https?|handshake|initiali[sz]e|init|connect(?:ion)?|login|auth(?:entication)?|ping|hello)(?:'s)? (?:\w{1,20} )?(?:response|reply|ack(?:nowledge?ment)?)s?\b|(?:the |a |an )?(?:response|reply|ack(?:nowledge?ment)?)s? from (?:the )?(?:[\w.-]{1,30} )?(?:server|service|controller|host|broker|backend|endpoint|api|\d{1,3}(?:\.\d{1,3}){3})\b)/i;

/** The last line of a text that is not blank (the wait robot.waiting_forever's `also` found there). */
function lastLineOf(text: string): string {
  const end = text.trimEnd();
  return end.slice(end.lastIndexOf('\n') + 1);
}

/**
 * A camera that did not open, on the line of robot.sensor_fault's match: a camera named with an open,
 * initialize or start failure ("Camera 0 Error: Failed to initialize the camera", "wrist camera error: could
 * not start capture"), not the loss of a camera that had streamed.
 */
const CAMERA_OPEN_FAILED =
  /^(?![^\n]{0,2000}(?:disconnected|unplugged|timed? ?out|Input\/output error|\bEIO\b))[^\n]{0,200}(?:\bcamera\b[^\n]{0,80}\b(?:fail(?:ed|ure)? to|could not|couldn'?t|cannot|can'?t|unable to) (?:initiali[sz]e|open|start)|\b(?:fail(?:ed|ure)? to|could not|couldn'?t|cannot|can'?t|unable to) (?:initiali[sz]e|open|start) (?:the )?(?:\w{1,20} )?camera\b)/i;
/** OpenCV's camera index that opened nothing, as cap_v4l.cpp prints it. */
const CAMERA_INDEX_NOT_OPENED = "can't open camera by index";
/**
 * Between OpenCV's index warning and the program's failure: another source opened or read (a program probing
 * indices goes on with one that works: "using default camera /dev/video0", "falling back", "opened", "frame
 * N", "... ok", an image read), or the camera went away: the failure is then not the index's (as
 * vision-robots.ts CAMERA_NOT_OPENED_THEN_EMPTY reads the same warning before an empty image).
 */
const CAMERA_INDEX_NOT_THE_CAUSE =
  /imread|findDecoder|[Oo]pened\b|[Uu]sing (?:default )?(?:camera|video)|[Ff]all(?:s|ing)? ?back|\bframe \d|\bok\b|disconnected|unplugged|timed? ?out|Input\/output error|\bEIO\b|select\(\) timeout/;

/**
 * robot.sensor_fault's site is a camera that did not open, and OpenCV said, at most 1500 characters before
 * that line in the log (the record's text: the telling line read may stand alone) with nothing opened or lost
 * between, that the camera index opened nothing: the index is the cause (rule 3).
 */
function cameraIndexThenOpenFailed(text: string, site: MatchSite): boolean {
  const line = lineOf(site);
  if (!CAMERA_OPEN_FAILED.test(line)) return false;
  const end = text.lastIndexOf(line);
  if (end < 0) return false;
  const before = text.slice(Math.max(0, end - 1500), end);
  const at = before.lastIndexOf(CAMERA_INDEX_NOT_OPENED);
  return at >= 0 && !CAMERA_INDEX_NOT_THE_CAUSE.test(before.slice(at + CAMERA_INDEX_NOT_OPENED.length));
}

/** What PCL's "Failed to find match for field" means, for its log line and for reporters' quotes of it (two priorities). */
const POINT_FIELD_MISSING: Pick<
  Pattern,
  'category' | 'factor' | 'severity' | 'confidence' | 'title' | 'hypothesis' | 'fix' | 'actions'
> = {
  category: 'data_error',
  factor: 'missing_field',
  severity: 'high',
  confidence: 0.72,
  title: 'Point cloud lacks a field the consumer expects ($1)',
  hypothesis:
    'The point clouds reaching the node do not have a field its point type needs (rgb, intensity, ring, timestamp): the lidar driver publishes another layout than the one the SLAM, calibration or filtering node was written for, so the converted points are empty or wrong.',
  fix: "Compare the cloud's fields (ros2 topic echo --field fields, or rostopic echo) with the point type the node expects; configure the driver to publish them, convert the cloud, or build the node with a matching point type.",
  actions: [
    'List the fields of the input cloud',
    'Check the point type (PointXYZI, PointXYZRGB, a custom type) the node is built with',
  ],
};

export const ROBOTS: Pattern[] = [
  {
    // The stop's words as a source file's name ("src/emergency_stop_node.cpp:6:10: fatal error: …",
    // "estop_nogui.py", a traceback's "emergency_stop_monitor.py") are the program's code, not a stop:
    // neither stop alternative reads a word followed by a source or object file's extension or CMake's target
    // directory (".dir"), nor a ROS node's name ("emergency_stop_node", a CMake target or a launch prefix: the
    // node's own lines say what stopped it). The regex is case-insensitive, so its one e-stop alternative
    // reads "estop", "E-STOP" and "EStop" alike, each with that exclusion ("estop.cpp", "EStop.py").
    id: 'robot.emergency_stop',
    category: 'hardware_fault',
    factor: 'emergency_stop',
    severity: 'high',
    confidence: 0.92,
    priority: 90,
    match:
      /(emergency[ _-]?stop(?!_?node\b|\w{0,40}\.(?:c|cc|cpp|cxx|h|hh|hpp|py|o|dir)\b)[^\n]{0,40}|\be-?stop(?:ped)?\b(?!_?node\b|\w{0,40}\.(?:c|cc|cpp|cxx|h|hh|hpp|py|o|dir)\b)[^\n]{0,40}|protective[ _]stop|PROTECTIVE_STOP|safeguard[ _]stop|SAFEGUARD_STOP|safety stop|Robot is in emergency|emergency button|(?:user|external|safety|emergency) stop (?:button )?(?:was )?(?:pressed|activated|engaged|triggered)|stop button (?:was )?(?:pressed|engaged|activated))/i,
    unless: /\bnot allowed while motors are on\b|\bMotorsOnError\b/,
    title: 'Emergency or protective stop',
    hypothesis:
      'The robot was halted by an emergency/protective stop (a button, a safety controller or a collision detector), not by the policy.',
    fix: 'Check the safety controller log for what triggered the stop (operator, collision, joint limit) before blaming the policy.',
    actions: [
      'Read the safety controller / teach pendant log at that time',
      'Check for collisions or limit violations just before the stop',
    ],
  },
  {
    id: 'robot.battery_low',
    category: 'hardware_fault',
    factor: 'battery_low',
    severity: 'medium',
    confidence: 0.9,
    priority: 88,
    match:
      /(battery (?:level |charge |voltage )?(?:is )?(?:low|critical|critically low|empty|depleted)|low battery|[Bb]attery failsafe|BATT_LOW|battery (?:voltage )?below (?:the )?(?:minimum|critical|failsafe)|battery(?: \d{1,2})?(?: voltage)?(?: [\d.]{1,8} ?V)? (?:is )?below (?:the )?(?:minimum|critical|low|failsafe|arming)|battery_low|BATTERY_LOW|battery (?:below|under|at) \d{1,12}(?:\.\d{1,12})? ?%|brown-?out(?!\s{0,3}=\s{0,3}GOOD)|under-?voltage|voltage (?:too )?low|Battery critical|\bFS_BATT\b|\bFAILSAFE_BATT\b|\bbattery (?:level |charge )?(?:goes|went|drops?|dropped|falls?|fell|drains?|drained|runs? down|ran down) (?:down )?to 0 ?%)/i,
    // Prose a reporter writes of a robot whose battery ran flat mid-task ("the robot dies while cleaning
    // (battery goes to 0%)"): the charge reached zero, hardware_fault/battery_low (docs/taxonomy.md rule 2).
    title: 'Battery low',
    hypothesis: 'The robot was running on a low battery; brownout degrades actuation, sensing and comms.',
    fix: 'Charge or swap the battery; gate episodes on a minimum charge level.',
    actions: ['Check the battery level at the start of the episode', 'Refuse to start episodes under a charge threshold'],
  },
  {
    id: 'robot.actuator_fault',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.82,
    priority: 80,
    match:
      /(over-?current[^\n]{0,40}|over-?heat(?:ing|ed)?[^\n]{0,40}|Overload error|Hardware error[^\n]{0,60}|Input voltage error|(?:motor|servo|joint|actuator|drive|gripper) (?:\w{1,80} )?(?:fault|error|failure|overload|stall(?:ed)?)[^\n]{0,60}|encoder (?:error|fault|failure)[^\n]{0,40}|joint_position_limits_violation|joint_velocity_violation|joint_motion_generator[\w_]{0,40}|ERROR_OVERLOAD|torque (?:limit|error|too high)[^\n]{0,40}|motor stall|EtherCAT[^\n]{0,40}(?:error|fault))/i,
    title: 'Actuator fault',
    hypothesis: 'A motor, servo or joint reported a fault (overload, over-current, over-temperature, encoder or limit error).',
    fix: 'Inspect the named joint/motor: load, temperature, wiring and limits; clear the fault and re-home before the next run.',
    actions: ['Check the motor/joint diagnostics at the failure time', 'Look for collisions or excessive loads'],
  },
  {
    id: 'robot.sensor_fault',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.84,
    priority: 79,
    match:
      /((?:sensor|lidar|imu|camera|realsense|depth camera|encoder) (?:\w{1,80} )?(?:fault|error|failure|timeout|timed out|not (?:found|detected|responding|connected)|disconnected)[^\n]{0,40}|No (?:data|messages?|frames?|scans?) (?:received )?from (?:the )?(?:sensor|lidar|imu|camera)[^\n]{0,40}|Frames? didn'?t arrived? within[^\n]{0,20}|Cannot identify '\/dev\/video\d{1,3}'[^\n]{0,40}|No (?:imu|lidar|camera|scan|laser|image|pointcloud|point cloud|depth)(?: data| messages?| frames?| scans?| images?)? (?:received|published|arriving)[^\n]{0,40}|Frames? Timeout|Hardware Notification[^\n]{0,100}(?:Timeout|Error)|(?:lidar|imu|camera|realsense|sensor|laser|gps|gnss)[\w ]{0,30} (?:timed? ?out|timeout|stopped publishing|not publishing)[^\n]{0,40}|No RealSense devices were found|No (?:camera|sensor|device)s? (?:found|detected)|No (?!CUDA|GPU|NVIDIA|EGL|Vulkan|OpenCL|OpenGL|GL )[\w-]{1,30}(?: [\w-]{1,30})? devices? (?:were )?(?:connected|found|detected)[^\n]{0,20}|failed to (?:open|read from|connect to) (?:the )?(?:camera|sensor|lidar|imu|device)[^\n]{0,40}|Cannot open (?:camera|device)[^\n]{0,40}|Couldn'?t open (?:the )?(?:camera|device)[^\n]{0,40}|VIDIOC_\w{1,80}[^\n]{0,40}|\/dev\/video\d[^\n]{0,40}(?:error|fail|busy)|\b(?:IMU|Lidar|LiDAR|Camera) (?:failed|error|timeout)|(?:lidar|imu|camera|sensor|laser|gps|gnss)[\w ]{0,20} communication (?:is )?(?:abnormal|KO|lost|failed|failure|error)[^\n]{0,40}|failed to poll (?:the )?(?:cameras?|sensors?|lidars?|imus?)[^\n]{0,40}|(?:error|failure|failed) (?:while )?reading (?:from )?(?:the )?(?:sensor|imu|lidar|gyro|accelerometer)\b[^\n]{0,40})/i,
    // OpenCV's videoio saying the camera index opened nothing ("VIDEOIO(V4L2:/dev/video0): can't open camera
    // by index") names the cause of the program's own camera open failure just after it ("Camera 0 Error:
    // Failed to initialize the camera"): a device that cannot be opened, rule 3 (robotics-31b OpenWBT, both
    // labels config_error/file_not_found). Read at the site only (cameraIndexThenOpenFailed): another
    // device's failure, or a camera failing after a fallback opened, stays the sensor's (review 21b F2).
    resolve: (ctx, site) => (cameraIndexThenOpenFailed(ctx.text, site) ? { as: 'robot.device_not_opened' } : null),
    title: 'Sensor fault',
    hypothesis:
      'A sensor (camera, lidar, IMU, encoder) stopped delivering data or could not be opened, so the policy acted on missing or stale observations.',
    fix: "Check the sensor's cable, power and driver; add a watchdog that stops the episode when a sensor stream goes stale.",
    actions: ["Check the sensor's topic rate and driver log", 'Reseat/replace the cable; check USB bandwidth'],
  },
  {
    id: 'robot.device_not_opened',
    // Rule 3 of the labelling guidance: a device node that does not exist or cannot be opened (a
    // camera, a serial port, /dev/video0) is the setup, `config_error/file_not_found`, not the
    // sensor: in the tuned sets 14 labels say so, against 3 sensor faults, each of them a device
    // that was unplugged, disconnected or stopped streaming (rule 2), and 6 refusals (permission
    // denied: rule 3's permission). Read before the sensor's own symptom on the same text ("lidar
    // failed", "Open camera failed"), which robot.sensor_fault would otherwise answer.
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.78,
    priority: 81,
    // A device path that does not exist (ENOENT on the line) is left to config.file_not_found and,
    // in a sensor's driver, robot.serial_sensor_missing; OpenCV's "can't open camera by index" is a
    // package message (parts/tables/packages) that answers the same pair, and robot.sensor_fault's camera
    // open failure just after it is read as this pattern (its resolution, cameraIndexThenOpenFailed). A bare "Unable to open
    // port" (a serial driver's, no reason given) is read here too (labels file_not_found 2, none
    // other; "failed to open port" is left to the packages that print it, libcreate's); a port
    // "already open" or "in use" is held by another process (rule 3's port taken), not read. "Could not
    // find/open device" (flirone-v4l2's, before its segfault) and "could not find or open" say the same.
    match:
      /((?:cannot|can'?t|could not|couldn'?t|failed to|unable to) (?:find(?:\/| or ))?open (?:the )?(?:serial port|camera(?: device)?|video device|device|lidar|imu|sensor)\b(?! by index)(?![^\n]{0,80}(?:No such file or directory|\[Errno 2\]|ENOENT))[^\n]{0,60}|(?:cannot|can'?t|could not|couldn'?t|unable to) open (?:the )?port\b(?![^\n]{0,80}(?:No such file or directory|\[Errno 2\]|ENOENT))[^\n]{0,60}|\bopen (?:the )?(?:camera|video device|serial port|device)\b[^\n]{0,30}? fail(?:ed|ure)?\b(?![^\n]{0,80}(?:No such file or directory|\[Errno 2\]|ENOENT))[^\n]{0,20})/i,
    needs: ['open'],
    // The device answered badly or went away (rule 2: the sensor), or the open was refused (permission),
    // or the port is another process's (Windows' "Only one usage of each socket address": rule 3's port taken).
    unless:
      /disconnected|unplugged|Input\/output error|\bEIO\b|stream error|Error reading|read error|timed? ?out|not respond|no response|Permission denied|Access is denied|EACCES|Errno 13|PermissionError|Device or resource busy|\bEBUSY\b|already (?:open|in use)|EADDRINUSE|Only one usage of each socket address|WSAEADDRINUSE|\bis in use\b/i,
    title: 'A device could not be opened: $1',
    hypothesis:
      'The driver could not open its device (a camera, a serial port, a video node): the device path is wrong, the node or udev symlink does not exist on this host, or the device is not passed into the container.',
    fix: 'Check that the device node exists (ls -l /dev/...), that the configured path or index is right, and that a container is started with the device passed in.',
    actions: [
      'List the device nodes the driver could open (ls -l /dev/video* /dev/tty*)',
      'Check the configured device path, index or udev rule',
    ],
  },
  {
    id: 'robot.sensor_timeout',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.78,
    priority: 72,
    match:
      /((?:operation |read |device )?(?:timed?[ -]?out|timeout)\b[^\n]{0,60}|RESULT_OPERATION_TIMEOUT|(?:did not|didn'?t|does not|doesn'?t|failed to) respond[^\n]{0,40}|(?:cannot|can'?t|could not|failed to|unable to) (?:bind|open|connect) to (?:the )?(?:specified )?(?:serial )?(?:port|device)[^\n]{0,40}|not responding[^\n]{0,40}|no response from (?:the )?(?:device|sensor)[^\n]{0,40})/i,
    also: SENSOR_CONTEXT,
    title: 'Sensor not answering (timeout or unreachable device)',
    hypothesis:
      'A sensor driver (lidar, camera, IMU, GPS) timed out waiting for its device or could not reach it, so the robot ran without that sensor; a timeout in a sensor driver is a hardware/connection fault of the sensor, not a slow network call.',
    fix: "Check the sensor's power, cable/USB port and baud rate, and that no other process holds the device; restart the driver and add a watchdog on the sensor topic rate.",
    actions: [
      "Check the sensor's power and cable, and the device path/baud rate the driver uses",
      'Check the driver log and the topic rate (ros2 topic hz) around the failure',
      'Stop the episode when a sensor stream goes stale',
    ],
  },
  {
    id: 'ros.package_not_found',
    // Rule 5 of the labelling guidance: a ROS package not in the index is a missing module, as ROS 1's
    // ResourceNotFound (ros.resource_not_found). The labels of ament_index's "package 'X' not found,
    // searching: […]" split module_not_found 4 (robotics-7, -10, -13 x2), file_not_found 2 (held-out
    // 2, 3), invalid_config 1 (robotics-6): the rule and most labels say module_not_found.
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.86,
    priority: 80,
    match:
      /(package '[\w-]{1,80}' not found(?:, searching)?[^\n]{0,40}|PackageNotFoundError: [^\n]{0,80}|\[rospack\] Error: (?:package|stack) '?[\w-]{1,80}'? not found|Package '[\w-]{1,80}' not found|ResourceNotFound: [\w-]{1,80})/,
    title: 'ROS package not found on the package path',
    hypothesis:
      'The launch or run refers to a ROS package that is not on the sourced workspace path: the workspace that holds it was not built or not sourced (install/setup.bash), or the package name is wrong.',
    fix: 'Build the package (colcon build / catkin build) and source the workspace that contains it in the shell or container that launches the robot.',
    actions: [
      'Check `ros2 pkg prefix <package>` (ROS 1: `rospack find`) in the launching environment',
      'Source the overlay workspace in the launch script/container entrypoint',
    ],
  },
  {
    id: 'ros.tf_frame_missing',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.78,
    priority: 74,
    match:
      /(passed to lookupTransform argument (?:target|source)_frame does not exist|"[\w/-]{1,80}" passed to (?:lookupTransform|canTransform) argument \w{1,20} does not exist|[Ff]rame (?:\[|\[?')?[\w/-]{1,80}'?\]? does not exist|Invalid frame ID "[\w/-]{1,80}" passed to|Could not find a connection between '[\w/-]{1,80}' and '[\w/-]{1,80}'[^\n]{0,60}|not part of the same tree|Timed out waiting for transform[^\n]{0,60}|transform from [\w/-]{1,80} to [\w/-]{1,80} (?:is not available|timed out)[^\n]{0,40})/,
    title: 'A TF frame the node asks for does not exist',
    hypothesis:
      'A node looks up a transform to a frame that is not in the TF tree: the frame name in its configuration does not match the robot description, or the publisher of that frame is not running.',
    fix: 'Set the frame parameter to a frame that exists (view_frames / tf2_echo), or start the node that publishes it (robot_state_publisher, a static transform).',
    actions: [
      'List the TF tree (ros2 run tf2_tools view_frames)',
      'Compare the frame names in the launch parameters with the URDF',
    ],
  },
  {
    id: 'ros2_control.interfaces',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.8,
    priority: 75,
    match:
      /(None of requested interfaces exist[^\n]{0,40}|Resource conflict for controller[^\n]{0,80}|(?:command|state) interface '?[\w/.-]{1,80}'? is already claimed[^\n]{0,40}|(?:command|state) interface[^\n]{0,60}(?:does not exist|is not available|not found)|Not existing (?:command|state) interface[^\n]{0,60}|Could not find (?:command|state) interface[^\n]{0,60}|(?:wheel )?joint '?[\w/.-]{1,80}'? not found in (?:the )?(?:state|command) interfaces[^\n]{0,40}|'[\w/.-]{1,80}' has \d{1,3} (?:command|state) interfaces? found\. \d{1,3} expected[^\n]{0,20})/i,
    title: 'Controller interfaces do not match the hardware',
    hypothesis:
      'A ros2_control controller asks for command/state interfaces the hardware description does not export: the controller configuration and the URDF/ros2_control tags disagree (joint names, interface types).',
    fix: 'Make the controller YAML (joints, interfaces) match the <ros2_control> tags of the robot description.',
    actions: [
      'Compare `ros2 control list_hardware_interfaces` with the controller parameters',
      'Check joint names and interface types in the URDF and the controller YAML',
    ],
  },
  {
    id: 'robot.no_motion_plan',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.76,
    priority: 73,
    match:
      /(No motion plan found[^\n]{0,40}|Unable to solve the planning problem|PLANNING_FAILED|Motion planning failed[^\n]{0,40}|MoveItErrorCode[^\n]{0,30}(?:PLANNING_FAILED|NO_IK_SOLUTION|-1\b)|No IK solution[^\n]{0,40}|Failed to compute a plan[^\n]{0,40}|planner returned no (?:valid )?plan|Aborting because a valid plan could not be found[^\n]{0,60})/i,
    title: 'The motion planner found no plan',
    hypothesis:
      "The arm's planner could not find a collision-free path to the goal pose (unreachable goal, collision with the scene, too little planning time or a poor start state), so the step was not achieved.",
    fix: 'Check that the goal is reachable and not in collision (the planning scene), allow more planning time or attempts, or add an approach pose; treat a planning failure as a task outcome with a retry policy.',
    actions: [
      'Visualise the goal pose and the planning scene (RViz) at the failing step',
      'Log the planner, planning time and goal for each failed plan',
    ],
  },
  {
    id: 'ros2_control.component_exception',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.72,
    priority: 69,
    match:
      /(Exception of type : \S{1,80} thrown during (?:read|write|activation|configuration|init) of the component '[\w-]{1,80}'[^\n]{0,60})/,
    title: 'A hardware component threw an exception',
    hypothesis:
      'The hardware-interface plugin threw a C++ exception during its read/write cycle, so the controller manager deactivated it: a software error in the driver (its message says which state it was in), not necessarily a physical fault.',
    fix: "Read the exception message and the driver's state machine at that moment (e.g. writing after control stopped); fix the sequencing in the plugin or the order of controller switches.",
    actions: [
      "Read the exception message and the component's last state transitions",
      "Check the driver's issue tracker for the message",
    ],
  },
  {
    id: 'ros.master_unreachable',
    category: 'network_error',
    factor: 'connection_refused',
    severity: 'high',
    confidence: 0.85,
    priority: 78,
    match:
      /(Unable to (?:communicate|register) with (?:the )?master[^\n]{0,40}|Failed to contact master at[^\n]{0,60}|\[master\] is not running|Couldn'?t find an AF_INET address for[^\n]{0,40}|ROS_MASTER_URI[^\n]{0,60}(?:refused|unreachable|not reachable))/i,
    title: 'The ROS master cannot be reached',
    hypothesis:
      'The node could not reach the ROS master (roscore) at ROS_MASTER_URI: it is not running, or ROS_MASTER_URI / ROS_IP point somewhere else.',
    fix: 'Start roscore (or the launch that starts it) before the node, and check ROS_MASTER_URI and ROS_IP/ROS_HOSTNAME on both machines.',
    actions: ['Check that roscore is running and reachable at ROS_MASTER_URI', 'Check ROS_IP / ROS_HOSTNAME on each host'],
  },
  {
    id: 'ros.master_already_running',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.8,
    priority: 79,
    // A second roscore or master on a port already taken: the launch set-up, like any address
    // already in use (docs/taxonomy.md, rule 3; the errno reading gives EADDRINUSE the same pair).
    needs: ['already running', 'already in use'],
    match:
      /(roscore cannot run as another roscore\/master is already running[^\n]{0,20}|(?:another|a) (?:roscore|ROS master|master) (?:process )?is already running[^\n]{0,40}|(?:XML-?RPC server|master)[^\n]{0,40}port \d{2,5} is already in use[^\n]{0,20})/i,
    title: 'A ROS master is already running on this port',
    hypothesis:
      'roscore (or a launch that starts a master) was started while another master already holds the port (11311 by default): an earlier roscore left running, or two launches each starting one.',
    fix: 'Stop the other roscore/master (or reuse it), or give this one another port with ROS_MASTER_URI / roscore -p.',
    actions: ['List running masters (pgrep -a rosmaster)', 'Check ROS_MASTER_URI and the port each launch uses'],
  },
  {
    id: 'rt.shape_mismatch',
    category: 'runtime_error',
    factor: 'value_error',
    severity: 'high',
    confidence: 0.8,
    priority: 63,
    match:
      /(mat1 and mat2 shapes cannot be multiplied[^\n]{0,60}|The size of tensor a \(\d{1,9}\) must match the size of tensor b[^\n]{0,60}|shapes? [^\n]{0,40} (?:are )?(?:not aligned|incompatible)[^\n]{0,40}|Incompatible shapes: [^\n]{0,60}|operands could not be broadcast together[^\n]{0,60}|Dimensions must be equal[^\n]{0,60})/,
    title: 'Tensor shapes do not fit',
    hypothesis:
      "Two tensors/arrays reached an operation with shapes that do not fit (a layer's input size, a reshape or a batch dimension); a bug in the model code or its configuration, not in the data.",
    fix: 'Print the shapes entering the failing operation; fix the layer size or the reshape that produces the wrong one.',
    actions: ['Print the shapes at the failing line', "Check the layer's in_features against the previous layer's output"],
  },
  {
    id: 'verify.scenario_failed',
    category: 'verification_failure',
    factor: 'scenario_failed',
    severity: 'high',
    confidence: 0.8,
    priority: 71,
    match:
      /(Failing Scenarios:[^\n]{0,60}|\d{1,6} scenarios? \([^\n)]{0,40}\d{1,6} failed[^\n]{0,40}|Scenario(?: Outline)?: [^\n]{1,80}\s{1,10}(?:FAILED|✗|✘)|scenario [`'"][^`'"\n]{1,80}[`'"] failed)/i,
    title: 'A verification scenario failed',
    hypothesis:
      'A scenario of the acceptance / verification suite failed: the behaviour it checks is not met by this build or candidate.',
    fix: 'Open the failing scenario and its step output; decide whether the candidate regressed or the scenario needs updating.',
    actions: ['Read the failing step of the scenario', 'Compare with the last passing run of the same scenario'],
  },
  {
    id: 'ros2_control.hardware_activation',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 76,
    match:
      /(Failed to '?(?:activate|configure|initialize|init)'? hardware '?[\w-]{1,80}'?[^\n]{0,40}|Failed to set the initial state of the component[^\n]{0,80}|(?:hardware|component) '?[\w-]{1,80}'?[^\n]{0,30}(?:on_activate|on_configure|on_init)[^\n]{0,30}(?:failed|returned ERROR)|Failed to (?:load|initialize) (?:the )?hardware (?:interface|component)[^\n]{0,60}|Could not (?:activate|configure) hardware[^\n]{0,60}|Component '[\w-]{1,80}' did not succeed to (?:configure|activate|initialize)[^\n]{0,20})/,
    title: 'Robot hardware interface failed to come up ($1)',
    hypothesis:
      "The ros2_control resource manager could not activate (or configure) a hardware component: the arm's or base's driver did not reach its drives (powered off, not connected, in a fault or emergency state, wrong bus settings), so the controllers could not start.",
    fix: "Check that the drives are powered and connected, clear their faults or emergency state, and check the hardware component's bus settings (IP, CAN interface, serial port) in the URDF's ros2_control tag.",
    actions: [
      "Read the hardware component's own log lines just before the activation failure",
      'Check drive power, e-stop and connection (ping / candump / the serial device)',
      'Check the <ros2_control> parameters of the component',
    ],
  },
  {
    id: 'robot.drive_error_register',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 77,
    match:
      /(\bEMCY\b[^\n]{0,40}#[0-9A-F]{0,4}[1-9A-F][0-9A-F]{0,15}|Node has emergency error|emergency (?:error|message|object) (?:received|from node)[^\n]{0,40}|CANopen[^\n]{0,40}(?:fault|error)[^\n]{0,40}|\baxis\d?\.(?:motor\.|encoder\.|controller\.)?error\b[^\n]{0,40}|\b(?:ERROR|AXIS_ERROR|MOTOR_ERROR)_(?:PHASE|DRV|MOTOR|CURRENT|OVER|DC_BUS|BRAKE|MODULATION|CONTROL_DEADLINE|UNKNOWN_CURRENT)\w{0,40}|\bDRV_FAULT\b|(?:drive|servo|amplifier|inverter)[^\n]{0,20}\b(?:alarm|fault code|error code)\b[^\n]{0,40}|(?:joint|position|velocity|effort) limits? (?:violated|violation|exceeded)[^\n]{0,40}|(?:exceeds?|outside|beyond) (?:the |its )?(?:joint|position|soft) limits?[^\n]{0,40}|(?<![Tt]he |[Tt]hese |[Tt]his )following error(?![s:]| ?(?:when|while|after|repeatedly|message|occur|appear|was|is)\b)[^\n]{0,40}|Dynamixel[^\n]{0,60}(?:Overload|Electrical Shock|Motor Encoder|Overheating|Input Voltage) [Ee]rror)/,
    title: 'Motor drive reported a fault ($1)',
    hypothesis:
      'A motor drive or servo raised a fault in its error register (CANopen emergency, ODrive axis/motor error, Dynamixel hardware error, a joint or following-error limit): the joint stopped being driven.',
    fix: "Decode the drive's error code with its manual, check the joint's load, limits and wiring, clear the fault and re-home before the next run.",
    actions: [
      "Decode the error register value with the drive's documentation",
      'Check the joint position against its limits and the load on it',
      'Clear the fault (and re-home) before restarting',
    ],
  },
  {
    id: 'robot.sensor_io_error',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 74,
    match:
      /((?:Failed to|could not|unable to|cannot) (?:write|read) (?:serial )?(?:data|from (?:the )?(?:device|port)|to (?:the )?(?:device|port))[^\n]{0,40}(?:Input\/output error|I\/O error|EIO)[^\n]{0,20}|Error while trying to open the (?:desired |requested )?(?:camera|sensor|device)[^\n]{0,40}|(?:could not|failed to|unable to) open (?:the )?(?:desired |requested )?(?:camera|sensor|lidar|imu)(?: device)?\b[^\n]{0,40}|Failed to fetch device info[^\n]{0,40}|Could not apply configuration[^\n]{0,40}(?:camera|device)[^\n]{0,40})/i,
    also: /\b(?:imu|lidar|camera|sensor|realsense|xsens|microstrain|mip sdk|pylon|basler|spinnaker|velodyne|ouster|livox|hokuyo|rplidar|gps|gnss|ublox|zed)\b/i,
    title: 'Sensor driver cannot talk to its device',
    hypothesis:
      'A sensor driver lost or never got its device: reads/writes on the serial or USB link fail (I/O error) or the device cannot be opened, so the robot ran without that sensor.',
    fix: "Check the sensor's cable, power and USB/serial port (dmesg shows disconnects); make sure no other process holds the device; restart the driver.",
    actions: ["Check dmesg for the device's disconnects", 'Reseat the cable / try another port', 'Restart the sensor driver'],
  },
  {
    // A serial stream from a connected device that ends (EOF on the port's read: boost::asio's
    // "End of file" as a driver's serial layer reports it, "[create::Serial] serial error - End of
    // file", "read_until: End of file"): the device stopped sending, a garbled or empty stream from
    // a connected device (docs/taxonomy.md rule 2; labels sensor_fault 2, none other). A line
    // about a servo or motor board: robot.serial_stream_ended_actuator (the line, not the record: a
    // "Press Esc to quit" or another node's "motors enabled" elsewhere names no board).
    id: 'robot.serial_stream_ended',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.7,
    priority: 66,
    needs: ['end of file'],
    match: SERIAL_EOF,
    unless: SERIAL_EOF_NOT,
    resolve: (_ctx, site) => (ACTUATOR_CONTEXT.test(lineOf(site)) ? { as: 'robot.serial_stream_ended_actuator' } : null),
    title: "The device's serial stream ended ($1)",
    hypothesis:
      'The driver was reading the device over its serial (USB-serial) port and the stream ended: the device stopped sending — powered off or browned out, its cable or USB adapter disconnected, or it reset — so the robot ran without its data.',
    fix: "Check the device's power and its USB/serial cable (dmesg shows a disconnect), that no other process holds the port, and the baud rate; restart the driver once the device answers.",
    actions: ['Check dmesg for a USB disconnect at that time', "Check the device's power and cable"],
  },
  {
    // Reached through robot.serial_stream_ended's resolution (a servo or motor board on its line).
    id: 'robot.serial_stream_ended_actuator',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.66,
    priority: 66,
    match: REACHED_BY_RESOLUTION,
    title: "The motor or servo board's serial stream ended ($1)",
    hypothesis:
      'The driver was reading a motor or servo controller over its serial port and the stream ended: the board stopped answering — powered off, browned out under load, its cable disconnected, or reset.',
    fix: "Check the board's supply under load and its serial cable (dmesg shows a disconnect), and that no other process holds the port; restart the driver once the board answers.",
    actions: ['Check dmesg for a USB disconnect at that time', "Check the board's power supply under load"],
  },
  {
    id: 'ros.build_dependency_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.86,
    priority: 82,
    match:
      /(Could not find a package configuration file provided by\s{1,12}"?[\w-]{1,80}"?[^\n]{0,40}|By not providing "Find[\w-]{1,80}\.cmake"[^\n]{0,40}|Cannot locate rosdep definition for \[?[\w-]{1,80}\]?|rosdep[^\n]{0,40}(?:No definition of|could not be resolved)[^\n]{0,40}|Could NOT find [\w-]{1,80} \(missing: [^\n]{0,80}|--storage(?:-id)?: invalid choice: '[\w-]{1,40}' \(choose from [^\n]{0,80}\))/,
    unless: /Traceback \(most recent call last\)/,
    title: 'Build or plugin dependency not installed ($1)',
    hypothesis:
      'The build (CMake find_package in a colcon/catkin workspace) or the tool (a storage or plugin id) needs a package that is not installed or not sourced in this environment.',
    fix: 'Install the missing package (rosdep install --from-paths src -y --ignore-src, or apt install ros-<distro>-<package>) and source its setup file before building or running.',
    actions: [
      'Run rosdep install --from-paths src --ignore-src -y',
      'Check that the underlay (/opt/ros/<distro>/setup.bash) is sourced',
    ],
  },
  {
    id: 'ros.tf_past',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.66,
    // tf2 asked for a stamp older than its buffer holds ("Lookup would require extrapolation into
    // the past … the earliest data is at time …"): the data being transformed arrived after its
    // transforms had left the buffer — late, a timing deadline (rule 2), not a frame that is missing;
    // above tf_frame_missing's generic "Timed out waiting for transform" that often precedes it.
    // Cases: robotics-9 (SMACC2 planner_server), robotics-10 (two robots' costmaps); no "past" case
    // is labelled otherwise ("into the future" splits, and stays with ros.tf_late / tf_extrapolation).
    priority: 76,
    needs: ['extrapolation into the past'],
    match: /(Lookup would require extrapolation into the past[^\n]{0,140}(?:\n\s{0,8}Requested time[^\n]{0,120})?)/,
    resolve: resolveTfGap,
    title: 'A transform lookup asked for data older than the buffer holds',
    hypothesis:
      'A node looked up a transform at the stamp of its data, but that stamp is older than the oldest transform tf2 still holds: the data (a scan, a pose) reached the node late, or the node processed it late, so its transform was gone.',
    fix: 'Find why the data is late (a slow callback, a queue that backs up, clocks of two machines or sim time) and keep up with it; a longer tf buffer hides the delay, it does not remove it.',
    actions: ['Compare the data stamps with the time they are processed', 'Check sim time / clock sync between machines'],
  },
  {
    id: 'ros.tf_late',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.66,
    priority: 52,
    // "into the future" with or without the times (labels: 7 timeout/deadline_exceeded, 3
    // config_error/invalid_config; docs/taxonomy.md rule 2); two clocks resolve to tf_extrapolation.
    needs: ['extrapolation into the future', 'extrapolation at time'],
    match: /(Lookup would require extrapolation (?:into the future|at time)[^\n]{0,140}(?:\n\s{0,8}Requested time[^\n]{0,120})?)/,
    resolve: resolveTfGap,
    title: 'A transform arrived too late for its lookup',
    hypothesis:
      'A node asked tf2 for a transform at the stamp of its data, a fraction of a second newer than the latest transform received: the transform (a localizer, odometry or another machine) is published late or slowly, and the lookup does not wait for it.',
    fix: 'Let the lookup wait for the transform (a timeout / a tf2 message filter) or give the consumer a transform tolerance; make the publisher of that transform keep up (rate, CPU load).',
    actions: [
      'Measure the delay of the transform (ros2 run tf2_ros tf2_monitor)',
      'Raise transform_tolerance or wait for the transform in the lookup',
    ],
  },
  {
    id: 'ros.costmap_tf_timeout',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.62,
    priority: 54,
    needs: ['transform timeout'],
    match:
      /(Costmap2DROS transform timeout\. Current time: [\d.]{1,24}, global_pose stamp: [\d.]{1,24}, tolerance: [\d.]{1,12}[^\n]{0,20})/,
    title: "The costmap's robot pose transform is older than its tolerance",
    hypothesis:
      'The costmap could not get a robot pose newer than its transform tolerance: the localizer or odometry publishes the transform late or slowly (CPU load, a slow sensor), so planning and control are given up.',
    fix: "Make the transform's publisher keep up (rate, CPU load) or raise the costmap's transform_tolerance to the delay measured.",
    actions: ['Measure the transform delay (ros2 run tf2_ros tf2_monitor)', 'Check the CPU load of the localizer'],
  },
  {
    id: 'ros.tf_extrapolation',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.62,
    priority: 50,
    // Also the reading of ros.tf_late / tf_past when the two times are on different clocks.
    match: /(TF_OLD_DATA[^\n]{0,40}|TF_REPEATED_DATA[^\n]{0,40})/,
    title: 'Transform lookup at a time the TF buffer does not hold',
    hypothesis:
      'A node asked tf2 for a transform at a time outside the buffered data: usually clocks that disagree (use_sim_time set on some nodes and not others, stamps from another machine), or a transform published too late.',
    fix: 'Set use_sim_time the same on every node (and publish /clock when simulating), synchronise machine clocks, and look up transforms with a timeout or at the latest common time.',
    actions: [
      'Check use_sim_time on every node',
      'Compare the stamp of the message with the TF buffer (ros2 run tf2_ros tf2_echo)',
    ],
  },
  {
    id: 'ros.parameter_type',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.85,
    priority: 80,
    match:
      /(InvalidParameterTypeException[^\n]{0,80}|InvalidParameterValueException[^\n]{0,80}|ParameterNotDeclaredException[^\n]{0,80}|ParameterUninitializedException[^\n]{0,80}|ParameterAlreadyDeclaredException[^\n]{0,80}|parameter '[\w./-]{1,80}' has (?:an )?invalid type[^\n]{0,60}|Wrong parameter type, parameter \{?[\w./-]{1,80}\}? is of type[^\n]{0,60}|parameter '[\w./-]{1,80}' (?:is not declared|has not been declared)[^\n]{0,40}|(?:expected|expecting) \[?(?:double|integer|string|bool|double_array|string_array|integer_array)\]? got \[?(?:double|integer|string|bool|not set)\]?[^\n]{0,40}|Statically typed parameter '[\w./-]{1,80}' must be initialized[^\n]{0,20})/,
    title: 'ROS parameter of the wrong type or not declared ($1)',
    hypothesis:
      'A ROS 2 node rejected a parameter: its value has the wrong type (1 where 1.0 was expected, a string for a number), or it was never declared, so the node did not start or did not apply it.',
    fix: "Fix the parameter's value type in the YAML/launch file (write 1.0 for a double), or declare it in the node before setting it.",
    actions: [
      'Compare the parameter file with the types the node declares (ros2 param describe)',
      'Check the launch file overrides',
    ],
  },
  {
    id: 'robot.can_bus',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.76,
    priority: 70,
    match:
      /(\bbus[-_ ]off\b[^\n]{0,40}|\bBUS[-_ ]OFF\b|\bERROR[-_ ]PASSIVE\b|\bCAN (?:bus )?(?:error|fault|timeout)[^\n]{0,40}|socketcan[^\n]{0,40}(?:error|No such device|Network is down|failed)[^\n]{0,20}|\bcan\d: [^\n]{0,40}(?:error|is down|No such device|Network is down)|No buffer space available[^\n]{0,40}\bcan\d)/i,
    title: 'CAN bus fault',
    hypothesis:
      "The CAN bus to the robot's drives went into error (bus-off, error-passive) or its interface is down, so commands and feedback of the joints stopped.",
    fix: 'Check the CAN wiring and termination, the bitrate of every node, and the interface state (ip -details link show can0); bring the interface back up.',
    actions: [
      'Check `ip -details -statistics link show can0`',
      'Check termination resistors and the bitrate',
      "Read the drives' error registers",
    ],
  },
  {
    id: 'robot.failsafe',
    category: 'hardware_fault',
    factor: 'emergency_stop',
    severity: 'high',
    confidence: 0.72,
    priority: 71,
    match:
      /(\b[Ff]ailsafe (?:enabled|activated|triggered|mode)[^\n]{0,40}|\b(?:RC|[Rr]adio|GCS|[Dd]atalink|[Dd]ata link|[Tt]elemetry|[Oo]ffboard) (?:[Ff]ailsafe|signal lost|link lost)[^\n]{0,40}|\b(?:EKF|[Pp]osition|[Gg]eofence|[Nn]avigation) [Ff]ailsafe[^\n]{0,40}|\b[Ff]ailsafe action[^\n]{0,40}|\bFAILSAFE\b[^\n]{0,40})/,
    unless: /[Bb]attery failsafe|BATT_LOW/,
    title: 'Vehicle failsafe triggered',
    hypothesis:
      "The autopilot (PX4/ArduPilot) or the robot's safety layer entered failsafe (a lost radio or offboard link, a bad position estimate, a geofence), which stops or returns the vehicle regardless of the mission.",
    fix: 'Find which failsafe fired and why (link quality, estimator health, geofence) in the flight or safety log before blaming the mission or the policy.',
    actions: ['Read the failsafe reason in the autopilot log', 'Check link quality and estimator health at that time'],
  },
  {
    id: 'ros.bag_corrupt',
    category: 'data_error',
    factor: 'corrupt_input',
    severity: 'medium',
    confidence: 0.84,
    priority: 79,
    match:
      /(ROSBagUnindexedException[^\n]{0,60}|ROSBagFormatException[^\n]{0,60}|[Bb]ag (?:file )?(?:is )?unindexed[^\n]{0,40}|unindexed bag[^\n]{0,40}|(?:Invalid|Bad|invalid) magic[^\n]{0,40}(?:mcap|bag|MCAP)[^\n]{0,20}|mcap[^\n]{0,40}(?:InvalidMagic|EndOfFile|RecordLengthLimitExceeded|corrupt|truncated)[^\n]{0,40}|database disk image is malformed|(?:\.db3|sqlite3?)\b[^\n]{0,200}file is not a database|(?:bag|mcap) file (?:is )?(?:corrupt(?:ed)?|truncated|damaged)[^\n]{0,40})/i,
    title: 'Recording (rosbag/MCAP) damaged or unindexed',
    hypothesis:
      'The recording cannot be read: it was not closed properly (the recorder killed or the disk full mid-write), so its index or its last records are missing.',
    fix: 'Reindex or recover the bag (rosbag reindex; ros2 bag reindex; mcap recover) and make the recorder stop cleanly (SIGINT) with enough disk space.',
    actions: [
      'Run `ros2 bag reindex` / `mcap recover` on a copy',
      'Check how the recorder was stopped and the disk space at that time',
    ],
  },
  {
    id: 'robot.heartbeat_deadline',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.7,
    // A state not reached by its deadline (rule 2: an activation, heartbeats): MAVLink heartbeats
    // that stop arriving ("heartbeats timed out", "Link timeout, no heartbeat in last 5 seconds"), a
    // gripper whose activation does not complete in time. When the connect call itself then fails
    // ("Timeout in initializing connection"), the request timed out: not read. Cases: robotics-4
    // (Robotiq activation), robotics-5 (MAVSDK), robotics-10 (DroneKit SITL); controls: robotics-3's
    // two DroneKit connects (request_timeout).
    priority: 60,
    needs: ['heartbeat', 'activation'],
    match:
      /(heartbeats? timed out[^\n]{0,40}|Link timeout, no heartbeat[^\n]{0,40}|no heartbeat (?:received )?in (?:the )?last [\d.]{1,6} ?s(?:ec(?:ond)?s?)?|Activation did not complete[^\n]{0,40})/i,
    unless: /Timeout in initializing connection/,
    title: 'A periodic signal or state change missed its deadline ($1)',
    hypothesis:
      'The vehicle or device was expected to keep sending heartbeats (or to reach its activated state) within a deadline and did not: the link dropped or the device stalled, so the controller treated it as lost.',
    fix: "Check the link (telemetry radio, serial or UDP port, baud rate) and the device's state at the time; raise the timeout only if the device is legitimately slow.",
    actions: [
      'Check the link between the controller and the vehicle or device',
      'Compare the heartbeat or activation timeout with what the device needs',
    ],
  },
  {
    id: 'robot.state_deadline',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.66,
    // A robot's state that did not arrive or complete within its stated window (rule 2: a state not
    // reached by its deadline), with no device named as silent: a trajectory action's "Trajectory
    // state not received for 1 seconds", MoveIt's "couldn't receive full current joint state within
    // 1s", KUKA Sunrise's "Update of SPR did not succeed within 1 second(s)". A sensor's frames or
    // packets that do not arrive in time are the sensor (robot.sensor_timeout, the robot reading).
    priority: 58,
    needs: ['state', 'within'],
    match:
      /((?:joint|robot|trajectory|controller|current)[ _]states? (?:was |were )?not (?:received|updated) (?:for|in|within) (?:the last )?[\d.]{1,6} ?s(?:ec(?:ond)?s?)?|(?:could ?not|couldn't|did ?not|didn't|failed to) receive (?:a |the )?(?:full |complete )?(?:current )?(?:joint |robot )?states? within [\d.]{1,6} ?s(?:ec(?:ond)?s?)?|did not (?:succeed|complete|finish) within [\d.]{1,6} ?(?:s\b|sec(?:ond)?s?|sec(?:ond)?\(s\)))/i,
    title: 'A robot state did not arrive within its deadline ($1)',
    hypothesis:
      "The controller expected the robot's state (joint states, the trajectory's feedback, a runtime update) within a fixed window and it did not come: the driver's state stream stalled or the link to the controller is slow or broken.",
    fix: "Check the driver's state stream (its rate, ros2 topic hz) and the link to the robot controller; raise the window only if the controller is legitimately slow.",
    actions: ["Measure the rate of the robot's state topic", 'Check the link between the driver and the robot controller'],
  },
  {
    id: 'robot.request_unanswered',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'medium',
    confidence: 0.66,
    // A request that a controller or service did not answer within its stated window, no device named
    // as failing (rule 2: "Sunrise did not respond to SSR DeviceObserverDFE request within 5 SECONDS").
    priority: 58,
    needs: ['did not respond', "didn't respond"],
    match: /((?:did not|didn't) respond to [^\n]{0,80}?\brequests?\b[^\n]{0,20}? within [\d.]{1,6} ?(?:s\b|sec(?:ond)?s?\b))/i,
    title: 'A request was not answered in time ($1)',
    hypothesis:
      'A request to the robot controller or a service got no answer within its timeout: the peer is busy, stalled or not running the service the client expects.',
    fix: 'Check that the peer runs and serves this request (its log at the same time), then its load; raise the timeout only if the peer is legitimately slow.',
    actions: ["Read the peer's log at the time of the request", 'Compare the timeout with the time the request needs'],
  },
  {
    id: 'robot.refused_in_state',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.66,
    // A command the robot refuses in its current mode or state (rule 8): "The requested operation is
    // not valid in the current state" (Pybricks), Motoman's "Failed to set TrajectoryMode: Not Ready
    // (5) : Controller in TEACH mode (5004)" / "Unable to enable drive power (5006)". A refusal
    // because of an emergency stop or alarm is the stop: not read.
    priority: 60,
    needs: ['current state', 'current mode', 'not ready ('],
    match:
      /((?:is |are )?not (?:valid|allowed|possible|permitted) in (?:the |its )?current (?:state|mode)\b[^\n]{0,40}|Failed to set TrajectoryMode: Not Ready \(\d{1,2}\) : (?![^\n]{0,60}(?:e-?stop|alarm|error))[^\n]{0,80})/i,
    title: "A command refused in the robot's current state ($1)",
    hypothesis:
      'The robot or its controller refused the command because of the state or mode it is in (teach mode, servo power off, a state that does not allow the operation): the command is valid, but not now.',
    fix: "Bring the robot into the state the command needs (remote/play mode, servos powered, the previous operation finished) before sending it; check the controller's pendant or status.",
    actions: [
      "Read the robot controller's mode and status when the command was sent",
      'Send the command again once the robot is in the needed state',
    ],
  },
  {
    id: 'ros2_control.spawner_waiting',
    // ros2_control's spawner waiting for the controller manager ("Waiting for '/controller_manager'
    // node to exist", "Waiting for /controller_manager services") and the spawner giving up on it:
    // a request to a node that never answers, no device named as failing (rule 2 of
    // docs/taxonomy.md: a spawner waiting for controller_manager is timeout/request_timeout; labels 4,
    // 1 deadline_exceeded). Above robot.waiting_forever, which reads any wait as a hang.
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'high',
    confidence: 0.72,
    priority: 70,
    needs: ['controller_manager', 'controller manager'],
    match:
      /((?:Waiting for|Could not contact service|Controller manager not available)[^\n]{0,12}\/?[\w/]{0,60}controller_manager(?:'? node to exist| services?|\/[\w]{1,40})?[^\n]{0,40}|Controller manager not available)/,
    title: 'Controller spawner waiting for the controller manager',
    hypothesis:
      "The controller spawner keeps waiting for the controller manager's node or services, which never appear: ros2_control_node (or the simulator's ros2_control plugin) did not start, crashed, or runs under another name or namespace.",
    fix: "Check that the controller manager started (ros2_control_node, or the gazebo/gz ros2_control plugin loaded with the robot description) and that the spawner's --controller-manager name and namespace match it.",
    actions: [
      'Look for the controller manager starting (or crashing) earlier in the log',
      'ros2 node list and ros2 service list | grep controller_manager',
    ],
  },
  {
    id: 'robot.waiting_forever',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'medium',
    confidence: 0.6,
    // A log whose last line is a wait ("waiting for sim to start..", "Waiting for new goal...",
    // "Waiting for simulator to accept connection on TCP port 4560") and that states no failure:
    // the run stopped making progress there (rule 2: no progress is a hang). Low priority: any
    // failure the text names, or a structure reading of it, wins. make's "Waiting for unfinished
    // jobs" is a build stopping after an error, not a wait. Cases: robotics-6 (frontier
    // exploration waiting for its server), robotics-7 (DonkeyCar gym), robotics-10 (PX4 SITL,
    // turtlebot3 DRL navigation).
    priority: 28,
    needs: ['waiting for'],
    match: /(\bwaiting for [^\n]{1,120})/i,
    // The wait must be the log's last line (the record's text ends with the body), and that line
    // must state no failure of its own ("Serial port not found. … waiting for connection…").
    also: /(?:^|\n)(?![^\n]{0,200}\b(?:not found|fail(?:ed|ure)?|errors?|cannot|can't|unable|refused|denied|timed? ?out)\b)[^\n]{0,120}\bwaiting for [^\n]{1,120}\s{0,200}$/i,
    unless: /Waiting for unfinished jobs/,
    // The last line waiting for a server's or peer service's reply (WAIT_FOR_REPLY) is the request
    // unanswered (robotics-31b OptiTrack Motive client, both labels request_timeout).
    resolve: (ctx) => (WAIT_FOR_REPLY.test(lastLineOf(ctx.text)) ? { as: 'robot.waiting_for_reply' } : null),
    title: 'The run is stuck waiting ($1)',
    hypothesis:
      'The log ends while the program waits for something that never comes — a simulator that never connects, a node that never answers, a goal that is never published — so the run made no progress and was stopped by hand or left hanging.',
    fix: 'Find what it waits for (the line names it) and why that never arrives: the other process not started or crashed, a wrong port, host or topic, a network or firewall between them.',
    actions: ['Check the process or node it waits for is running', 'Compare the port, host or topic on both sides'],
  },
  {
    // Reached through robot.waiting_forever's resolution: the log ends waiting for a reply to a request.
    id: 'robot.waiting_for_reply',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'medium',
    confidence: 0.6,
    priority: 28,
    match: REACHED_BY_RESOLUTION,
    title: 'The run is stuck waiting for a reply ($1)',
    hypothesis:
      'The program sent a request (a connection handshake, a query for server or device info) and the log ends while it waits for the answer: the other side never replied — not running, another address or port, a firewall or multicast route dropping the reply, or a protocol version it does not answer.',
    fix: 'Check that the server it asked is running and reachable at that address and port (and, for multicast, that the route and the interface are the ones the server answers on), and that both run compatible protocol versions.',
    actions: [
      'Check the server it waits for is running and reachable',
      'Capture the traffic (tcpdump) to see whether a reply is sent',
    ],
  },
  {
    id: 'sim.model_or_plugin_missing',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.8,
    priority: 78,
    match:
      /(Unable to find uri\[(?:model|package|file):\/\/[\w./-]{1,80}\][^\n]{0,20}|Unable to find (?:or download )?file\[?[^\n]{0,60}\.(?:sdf|urdf|world|dae|stl|obj)\]?|Could not find (?:model|world) file[^\n]{0,60}|Failed to (?:find|load) (?:the )?(?:world|model) file[^\n]{0,60})/,
    title: 'Simulation model or world file not found',
    hypothesis:
      'The simulator (Gazebo, Ignition) could not find a model or world the scene refers to: the model path (GAZEBO_MODEL_PATH / GZ_SIM_RESOURCE_PATH) does not include it, or the package that ships it is not installed or not sourced.',
    fix: "Add the model's directory to the simulator's resource path (or install the package that provides it) and source the workspace before launching.",
    actions: ['Check GAZEBO_MODEL_PATH / GZ_SIM_RESOURCE_PATH', 'Check the model:// URI and the package that provides it'],
  },
  {
    id: 'robot.description_mismatch',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.76,
    priority: 72,
    match:
      /((?:[Jj]oint|[Ll]ink) '?[\w/-]{1,80}'? (?:not found|does not exist|is not present|is missing) in (?:the )?(?:model|URDF|urdf|robot description|robot_description|SRDF|kinematic model)[^\n]{0,40}|Could not load (?:the )?robot (?:model|description)[^\n]{0,40}|Joint state with name: '?[\w/-]{1,80}'? was not found[^\n]{0,40})/,
    title: 'Robot description does not match the configuration',
    hypothesis:
      'The robot description (URDF/SRDF) and the configuration that uses it disagree: a joint or link named in the controllers, MoveIt or the driver is not in the model, or the description itself does not parse.',
    fix: 'Compare the joint and link names of the controller/MoveIt configuration with the URDF actually loaded (check robot_description), and fix the xacro arguments that produce it.',
    actions: ['Dump the loaded robot_description and search for the joint', 'Check the xacro arguments and prefixes'],
  },
  {
    id: 'ros.launch_target_missing',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.82,
    priority: 79,
    match:
      /(is neither a launch file in package \[[\w-]{1,80}\][^\n]{0,60}|file '[\w./-]{1,80}' was not found in the share directory of package '[\w-]{1,80}'[^\n]{0,20}|Package '[\w-]{1,80}' not found: "package '[\w-]{1,80}' not found)/,
    title: 'Launch file not found',
    hypothesis:
      'The launch refers to a launch file that the package does not install (not built, not installed by CMake/setup.py), or to a package that is not sourced.',
    fix: 'Build and source the workspace; check that the launch file and the executable are installed (install(...) / entry_points) and executable (chmod +x for scripts).',
    actions: [
      'ls install/<package>/lib/<package> and share/<package>/launch',
      'Check install() rules / entry_points of the package',
    ],
  },
  {
    id: 'ros.node_executable_missing',
    // The launch names a node executable its package does not have: ROS 1's "cannot launch node of
    // type [pkg/exe]: can't locate node [exe] in package [pkg]" / "Cannot locate node of type", ROS
    // 2's "executable 'x' not found on the libexec directory". The package is found, its node is not
    // built or installed: missing software (rule 5 of docs/taxonomy.md; labels split
    // module_not_found 8, file_not_found 5, the newer sets module_not_found). A launch file not in
    // its package stays ros.launch_target_missing (a file).
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.74,
    priority: 79,
    match:
      /(Cannot locate node of type \[[\w./-]{1,80}\] in package \[[\w-]{1,80}\][^\n]{0,40}|cannot launch node of type \[[\w./-]{1,80}\]: Cannot locate node of type \[|cannot launch node of type \[[\w./-]{1,80}\]: can't locate node \[[\w./-]{1,80}\] in package \[[\w-]{1,80}\]|executable '[\w./-]{1,80}' not found on the libexec directory[^\n]{0,40})/,
    title: 'Node executable not found in its package',
    hypothesis:
      'The launch starts a node executable that its package does not provide here: the package is found, but the node was not built or installed (the workspace not built or not sourced, an install() rule or entry point missing, a script not executable).',
    fix: 'Build and source the workspace that provides the node; check that the executable is installed (install(TARGETS ...) / entry_points) and executable (chmod +x for scripts), and that its name matches the launch file.',
    actions: [
      'ls install/<package>/lib/<package> (ROS 2) or rospack find <package> and its devel/lib (ROS 1)',
      'Check install() rules / entry_points and the node name in the launch file',
    ],
  },
  {
    // A controller whose type names a plugin pluginlib does not know: the package providing it
    // (ros-<distro>-effort-controllers, position_controllers, …) is not installed (docs/taxonomy.md
    // rule 5; labels: module_not_found 2, no other). Above ros.controller_not_configured, which
    // the same line also matches ("Could not load controller 'x' because controller type …").
    id: 'ros.controller_type_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.74,
    priority: 74,
    match:
      /(controller type '[\w:/-]{1,80}' does not exist[^\n]{0,40}|Loader for controller '[\w-]{1,80}' \(type '[\w:/-]{1,80}'\) not found[^\n]{0,20})/,
    title: 'Controller plugin not installed',
    hypothesis:
      'The controller manager was asked for a controller type that no installed plugin provides: the package of that controller (effort_controllers, position_controllers, joint_trajectory_controller…) is not installed for this ROS distro, or the type is misspelled.',
    fix: 'Install the package that provides the controller type (ros-<distro>-ros-controllers / ros2-controllers or the specific controller package), then check the spelling against list_controller_types.',
    actions: [
      'rosservice call controller_manager/list_controller_types (ROS 1) or ros2 control list_controller_types (ROS 2)',
      'apt install the controller package for this distro',
    ],
  },
  {
    id: 'ros.controller_not_configured',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.74,
    priority: 73,
    match:
      /(Loader for controller '[\w-]{1,80}'[^\n]{0,80}not found[^\n]{0,20}|no controller with this name exists[^\n]{0,40}|Could not (?:load|configure) controller (?:with name )?'[\w-]{1,80}'[^\n]{0,80}|controller type '[\w:/-]{1,80}' does not exist[^\n]{0,40}|Controller '[\w-]{1,80}' (?:not found|does not exist|is not loaded)[^\n]{0,40}|The 'type' param was not defined for '[\w/-]{1,80}'|Failed loading controller [\w/-]{1,80})/,
    title: 'Controller not declared or of an unknown type',
    hypothesis:
      "The controller manager cannot load or configure a controller: it is not declared in the controller manager's parameters, or its type names a plugin that is not installed or is misspelled.",
    fix: "Declare the controller and its type under controller_manager's ros__parameters, check the plugin type's spelling, and install the ros2_controllers package that provides it.",
    actions: ['Compare the spawner arguments with the controllers YAML', 'ros2 control list_controller_types'],
  },
  {
    id: 'ros.lifecycle_bringup',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.62,
    priority: 56,
    match:
      /(Failed to bring up all requested nodes[^\n]{0,40}|Failed to change state for node:? [\w/-]{1,80}|Unable to start transition \d{1,3} from current state [\w-]{1,40}|Failed to (?:configure|activate) node:? [\w/-]{1,80})/,
    title: 'Lifecycle bring-up failed',
    hypothesis:
      "A lifecycle manager could not configure or activate one of its nodes, most often because of that node's parameters or files (a map, a model, a plugin name), so the stack did not start.",
    fix: "Read the failing node's own error just before the transition failure; fix its parameters or the files they point to.",
    actions: ['Find the first error of the node named in the transition failure', 'Check its parameter file and the paths in it'],
  },
  {
    id: 'robot.gnss_no_fix',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'medium',
    confidence: 0.7,
    priority: 66,
    match:
      /(No GPS fix[^\n]{0,40}|(?:GPS|GNSS) fix (?:lost|not available|unavailable)[^\n]{0,40}|waiting for (?:a )?(?:GPS|GNSS) fix[^\n]{0,40}|(?:GPS|GNSS)[^\n]{0,30}no fix[^\n]{0,30}|RTK (?:fix )?lost[^\n]{0,30}|PreArm: (?:Need (?:Position Estimate|3D Fix|Alt Estimate)|GPS[^\n]{0,10}(?:Bad fix|no fix|not healthy))[^\n]{0,30})/i,
    title: 'GNSS without a fix',
    hypothesis:
      'The GNSS receiver has no position fix (antenna, sky view, RTK corrections), so the localisation that depends on it has no input.',
    fix: "Check the antenna's connection and sky view, the receiver's status and the RTK correction stream.",
    actions: ["Check the receiver's fix status and satellites in view", 'Check the RTK correction link'],
  },
  {
    // A calibration file that is not there is a file not found (docs/taxonomy.md rule 3, as any
    // file a program is pointed at; labels file_not_found 2, no other); one that does not parse or
    // holds the wrong values stays robot.calibration_file.
    id: 'robot.calibration_file_missing',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'medium',
    confidence: 0.72,
    priority: 69,
    match:
      /((?:Camera|camera) calibration file [^\n]{0,80}(?:not found|does not exist|missing)|Unable to open camera calibration file[^\n]{0,60}|[Cc]alibration file (?:not found|does not exist)[^\n]{0,80}|Missing calibration file[^\n]{0,80})/,
    title: 'Sensor calibration file missing',
    hypothesis:
      'The driver was pointed at a calibration file (camera intrinsics, arm joint offsets) that does not exist at that path: the calibration was never run or saved there, or the path is wrong.',
    fix: 'Run the calibration and save it where the driver looks (camera_info_url, the calibration directory), or point the driver at the existing file.',
    actions: ['Check the calibration path the driver printed', 'Run the calibration and save it'],
  },
  {
    id: 'robot.calibration_file',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.72,
    priority: 68,
    match:
      /(Failed to parse camera calibration[^\n]{0,80}|(?:Camera|camera) calibration file [^\n]{0,80}(?:not found|does not exist|missing)|Invalid (?:camera )?calibration[^\n]{0,60}|camera_info_url[^\n]{0,80}(?:invalid|not found|failed)|Unable to open camera calibration file[^\n]{0,60})/,
    title: 'Sensor calibration missing or unreadable',
    hypothesis:
      "The driver could not load the sensor's calibration (camera intrinsics, IMU biases): the file is missing, at the wrong path or malformed, so data is uncalibrated or the driver stops.",
    fix: 'Point the driver at the right calibration file (camera_info_url) and re-run the calibration if it is missing.',
    actions: ['Check the calibration file path the driver is given', 'Re-run the calibration and save it'],
  },
  {
    id: 'robot.dataset_object_missing',
    // h5py's message for a dataset or group that the file does not hold, as robot-learning readers
    // of HDF5 demonstrations (robomimic, ACT, MimicPlay layouts) surface it, often inside a
    // KeyError: a record without the field the reader expects (labelling guidance rule 7,
    // data_error/missing_field). Labelled cases: act-plus-plus, MimicPlay, HybridIL. HDF5 1.8's
    // "(component not found)" for a path component the file does not hold too (robotics-31c ggcnn).
    category: 'data_error',
    factor: 'missing_field',
    severity: 'high',
    confidence: 0.72,
    priority: 70,
    needs: ['open object'],
    match: /(Unable to (?:synchronously )?open object \((?:object '[^'\n]{1,120}' doesn't exist|component not found)\))/,
    title: 'Dataset lacks a key the reader expects ($1)',
    hypothesis:
      'The HDF5 file has no dataset or group under the name the reader asked for: the demonstrations were recorded or converted with another layout (another camera name, observation key or action field) than the training or evaluation configuration expects.',
    fix: 'List the keys of the file (h5ls -r) and either convert the data to the expected layout or change the configured observation/action keys to the ones the file has.',
    actions: ['List the file keys with h5ls -r or h5py', 'Compare them with the keys the config requests'],
  },
  {
    id: 'robot.point_field_missing',
    // PCL's fromROSMsg/fromPCLPointCloud2 when the cloud lacks a field the point type declares
    // ("Failed to find match for field 'rgb'.", 'intensity', 'ring', 't'): the sensor's clouds do
    // not carry what the consumer expects (rule 7: data_error/missing_field), which then shows as
    // empty clouds further down — the cause, named first (its priority outranks data.empty's empty
    // cloud in the headline). Cases: imu_lidar calibration, FAST-LIO
    // with a Hesai lidar, SSL-SLAM2 with a MEMS lidar (robotics-5, robotics-6).
    ...POINT_FIELD_MISSING,
    priority: 88,
    needs: ['match for field'],
    match: /(Failed to find match for field '[\w.]{1,40}'[^\n]{0,20})/,
  },
  {
    id: 'robot.point_field_missing_quoted',
    // The same PCL message as reporters quote it in prose, in lower case (robotics-25 misses). In a
    // quote the reporter often sets the message aside as expected or harmless and names the failure
    // that follows: a low priority, so a stated later error (a raised exception, a died process) wins.
    ...POINT_FIELD_MISSING,
    priority: 50,
    needs: ['match for field'],
    match: /(failed to find match for field '[\w.]{1,40}'[^\n]{0,20})/,
  },
  {
    id: 'robot.loop_overrun',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'medium',
    confidence: 0.62,
    // A robot program's periodic loop that overruns its period, reported by its watchdog (WPILib's
    // "Loop time of 0.02s overrun", "CommandScheduler loop overrun"): a watchdog trip (rule 2).
    priority: 56,
    needs: ['overrun'],
    match: /(Loop time of [\d.]{1,8} ?s overrun|\b(?:CommandScheduler|control|main|robot) loop overrun)/i,
    title: 'A periodic robot loop overran its period ($1)',
    hypothesis:
      "The robot's periodic loop took longer than its period, so its watchdog fired: something in the loop blocks or is too slow (vision processing, logging, a blocking call).",
    fix: "Find the slow step in the watchdog's per-step timings and move it out of the loop (a separate thread or a slower period).",
    actions: ["Read the watchdog's per-step timings", 'Move blocking work out of the periodic loop'],
  },
  {
    id: 'robot.opmode_stuck',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'medium',
    confidence: 0.62,
    // The FTC SDK's OpMode watchdog (RobotCore's OpModeManager: "OpMode stuck in loop(); Restarting
    // robot controller app.", "User OpMode was stuck in stop(), but was able to be force stopped"): a
    // user method that does not return in time, ended by a watchdog (rule 2: a watchdog is a hang).
    // Case: robotics-28c (FTC tricks); taxonomy rule 2 names watchdogs.
    priority: 56,
    needs: ['stuck in'],
    match: /(\bOpMode (?:was )?stuck in (?:init|init_loop|start|loop|stop)\(\)[^\n]{0,60})/,
    // The SDK's HardwareMap message before it names a configured device that does not exist (rule 3):
    // the watchdog is its consequence, a symptom that yields to it (yields.ts): anywhere before it (logcat is
    // chatty between the lookup in init() and the watchdog), or in the Driver Station's error (the producer's
    // message), as the `unless` this replaced read it; only a lookup failure after the watchdog no longer counts.
    yieldsTo: { causes: [{ said: /Unable to find a hardware device with name/, within: 'all', reported: true }] },
    title: "The robot's OpMode watchdog ended a user method that did not return ($1)",
    hypothesis:
      "A user OpMode method (init, loop, stop) did not return within the SDK watchdog's limit — a blocking wait, a sleep or a long loop inside it — so the SDK stopped the OpMode and restarted the robot controller app.",
    fix: 'Keep init()/loop()/stop() short and non-blocking (no sleeps or while loops waiting on hardware); use a LinearOpMode with opModeIsActive() checks for sequential code, and update the SDK.',
    actions: ['Find the blocking call in the named method', 'Check opModeIsActive() / isStopRequested() in every loop'],
  },
];
