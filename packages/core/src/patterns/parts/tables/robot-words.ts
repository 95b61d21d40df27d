/**
 * The words of the generic robot reading (parts/robot.ts): what a robot log line names (its
 * noun: the component class) and what it says happened to it (its verb: the failure class).
 * A line of a robot log states a failure as a component plus a verb — "[ERROR] [imu_node]: no
 * data received", "servo_error_code, servo_id=6", "Could not open CAN device /dev/can0" — and
 * the vocabulary of components is open-ended (every vendor names its own driver) while their
 * classes are few. These lists name the classes by their common words; robot-pairs.ts says
 * what each noun class with each verb class means in the taxonomy.
 *
 * Invariants:
 * - data only: the engine (parts/robot.ts) names no word itself;
 * - a noun word matches only as a whole word, where `_`, `-`, `/`, `.` and digits also separate
 *   words (so `livox_lidar_publisher` names a lidar, `can0` a CAN bus); plural `s` is allowed;
 * - verb phrases are regex fragments, linear (bounded repetition, no nested quantifiers): they
 *   run over untrusted log lines.
 */

/** The component classes a robot log line can name. */
export const NOUN_CLASSES = [
  'sensor',
  'actuator',
  'command',
  'power',
  'safety',
  'navigation',
  'description',
  'device_node',
  'setting',
  'file',
  'native_library',
  'package',
  'dataset',
  'numeric',
  'evaluation',
  'device',
  'link',
] as const;
export type NounClass = (typeof NOUN_CLASSES)[number];

/** The failure classes a robot log line can state. */
export const VERB_CLASSES = [
  'silent',
  'lost',
  'unopenable',
  'absent',
  'fault',
  'limit',
  'nan',
  'invalid',
  'rejected',
  'low',
  'aborted',
  'corrupt',
  'empty',
  'failed',
  'below',
  'tripped',
  'unconnected',
  'unset',
] as const;
export type VerbClass = (typeof VERB_CLASSES)[number];

/**
 * Noun class → its words (whole words, case-insensitive). `device_node` and `file` are forms,
 * not words: a /dev path, a file name with a robot configuration or data extension.
 */
export const NOUN_WORDS: Readonly<Record<NounClass, readonly string[]>> = {
  sensor: [
    'camera',
    'cam',
    'webcam',
    'realsense',
    'lidar',
    'rplidar',
    'laser',
    'scanner',
    'velodyne',
    'ouster',
    'livox',
    'hesai',
    'hokuyo',
    'urg',
    'imu',
    'gyro',
    'gyroscope',
    'accelerometer',
    'magnetometer',
    'compass',
    'gps',
    'gnss',
    'rtk',
    'encoder',
    'sonar',
    'ultrasonic',
    'rangefinder',
    'depth',
    'stereo',
    'zed',
    'kinect',
    'oakd',
    'ueye',
    'v4l2',
    'uvc',
    'frame grabber',
    'sensor',
    'barometer',
    'baro',
    'tof',
    'force torque sensor',
    'ft sensor',
    // ArduPilot's and PX4's state estimator, whose errors ("EKF3 Yaw inconsistent", "EKF variance")
    // are its sensors disagreeing.
    'ekf',
    // Other sensing a robot carries, as drivers name it across vendors.
    'radar',
    'rgbd',
    'rgb-d',
    'infrared',
    'bumper',
    'cliff sensor',
    'load cell',
    'ahrs',
    'ins',
    'inertial',
    'vectornav',
    'mocap',
    'motion capture',
    'vicon',
    'optitrack',
    'orbbec',
    'astra',
  ],
  actuator: [
    'motor',
    'servo',
    'actuator',
    'gripper',
    'joint',
    'drive',
    'driver chip',
    'esc',
    'vesc',
    'odrive',
    'roboclaw',
    'dynamixel',
    'wheel',
    'manipulator',
    'end effector',
    'brake',
    'thruster',
    'propeller',
    'thrust',
    // Motor controllers on a robot's CAN bus (FRC and hobby robots: REV SPARK MAX, CTRE Talon FX/SRX).
    'motor controller',
    'spark max',
    'sparkmax',
    'talon fx',
    'talonfx',
    'talon srx',
    'axis',
    // Arms and bases as vendors name them. (Humanoid joint names, "shoulder roll … hardware fault", were
    // tried: the one tuned case labels its cause, an I2C sensor, not the joint.)
    'cobot',
    'robot arm',
    'chassis',
    'mobile base',
    'stepper',
    'linear rail',
    // Motor drives on a robot's field bus: an EtherCAT or CANopen slave, servo drives by vendor.
    'slave',
    'servo drive',
    'motor driver',
    'epos',
    'elmo',
    'feetech',
    'pca9685',
  ],
  command: [
    'takeoff',
    'take off',
    'landing',
    'arming',
    'disarming',
    'mode switch',
    'flight mode',
    'move command',
    'motion command',
    // A request sent to the robot or its bus that no device is named as failing (rule 2: a
    // command or Modbus request left unanswered is a request timeout, not a device fault).
    'command',
    'remote unit',
  ],
  power: ['battery', 'bat', 'bms', 'voltage', 'power supply', 'charge', 'charger', 'cell'],
  safety: [
    'emergency stop',
    'e-stop',
    'estop',
    'protective stop',
    'safety stop',
    'safeguard stop',
    'reflex',
    'collision detected',
    'collision detection',
    'safety issue',
    'safety fault',
    'failsafe',
    'kill switch',
    'lockdown',
    'flight termination',
    // A limit switch that trips (a CNC-style arm's "ALARM: Hard Limit") stops the machine (rule 8).
    'hard limit',
    'limit switch',
  ],
  navigation: [
    'planner',
    'local planner',
    'global planner',
    'controller_server',
    'planner_server',
    'bt_navigator',
    'move_base',
    'navigation',
    'path',
    'goal',
    'progress',
    'valid control',
    'trajectory',
  ],
  description: [
    'urdf',
    'xacro',
    'sdf',
    'srdf',
    'robot_description',
    'robot description',
    'link',
    'parent link',
    'child link',
    'transmission',
    'hardware interface',
    'hardware_interface',
    'command interface',
    'state interface',
    'tf',
    'tf2',
    'transform',
    'frame',
    'articulation',
    'articulation root',
    'prim',
    'prim path',
    'rigid body',
    'rigid bodies',
    'mjcf',
    'kinematic chain',
    'tree',
    'message filter',
    'messagefilter',
  ],
  device_node: [],
  setting: [
    'parameter',
    'config',
    'configuration',
    'setting',
    'launch argument',
    'namespace',
    'use_sim_time',
    'master uri',
    'ros_master_uri',
    'domain id',
    'calibration',
    'topic type',
    'message type',
    'qos',
    'baud rate',
    'baudrate',
  ],
  file: [],
  native_library: [
    'shared library',
    'shared object',
    'native library',
    'dependency libraries',
    'vulkan',
    'vkcreateinstance',
    'gpu devices',
    'graphics driver',
    'opengl context',
    'egl device',
  ],
  package: [
    'package',
    'plugin',
    'extension',
    'ament index',
    'ament_index',
    'rosdep key',
    'rosdep definition',
    'composable node',
    'node type',
    'component type',
    'resource of type',
    'dependency',
    'dependencies',
  ],
  dataset: [
    'dataset',
    'bag',
    'rosbag',
    'mcap',
    'hdf5',
    'h5',
    'episode file',
    'demonstration',
    'demo',
    'demos',
    'point cloud',
    'pointcloud',
    'point field',
    'scene',
    'navmesh',
    'scene dataset',
    'semantic scene',
    'point',
    'points',
  ],
  numeric: [
    'loss',
    'grad norm',
    'grad_norm',
    'gradient',
    'reward',
    'return',
    'value',
    'action',
    'actions',
    'position',
    'velocity',
    'joint angles',
    'angles',
    'state',
    'observation',
    'qpos',
    'qvel',
    'torque',
    // A joint state's third field beside position and velocity (sensor_msgs/JointState, a controller's
    // commanded/measured effort).
    'effort',
    'norm',
    'simulation',
    'physics',
  ],
  evaluation: [
    'episode',
    'eval',
    'evaluation',
    'rollout',
    'trial',
    'task',
    'success',
    'success rate',
    'mean score',
    'score',
    'scores',
    'performance',
    'results',
    'benchmark',
  ],
  device: [],
  // The software ends of a connection to a robot's controller (its server, an RPC client, a socket):
  // a connection between them that fails is the network's, not a device's (rule 2).
  link: ['server', 'client', 'socket', 'rpc'],
};

/** Forms of a noun class that are not words: a device node, a file name, a robot's arm (not arm64). */
export const NOUN_FORMS: Readonly<Partial<Record<NounClass, string>>> = {
  // What a controller is given to follow ("External Motion Interface input out of bounds",
  // "Input parameter [ref_positions] contains value outside the valid range"); not the "Input" of
  // "Input/output error" (EIO).
  command: '(?<![A-Za-z])inputs?(?: parameters?)?(?![A-Za-z/])',
  // 'arm' as a word, not a CPU architecture (arm64, armv7, armhf) nor a flight controller's pre-arm
  // check ("PreArm: Gyros inconsistent", "pre-arm errors"), which names the vehicle's arming.
  actuator: String.raw`(?<![A-Za-z])(?<!pre[- ]?)arms?(?![A-Za-z\d])`,
  // Inertial and environment sensor chips by their part numbers (MPU-6050, BNO055, ICM-20948, BMI088,
  // BMP280, BME680, LSM6DS3), and a scan as what a range sensor's driver gets ("Failed to get scan", "no
  // scan received"; not a security or network scan).
  sensor: String.raw`\b(?:mpu-?\d{4}|bno\d{3}|icm-?\d{5}|bmi\d{3}|bm[ep]\d{3}|lsm\d{1,2}[a-z]{0,4}\d{0,2})\b|(?<=\b(?:get|got|receive|received|grab|read|no|any) (?:a |the |any |new )?)scans?(?![A-Za-z_\d])`,
  native_library: String.raw`\b[\w+-]{1,80}\.(?:so(?:\.[\d.]{1,12})?|dll|dylib)\b`,
  dataset: String.raw`\bmatch for field\b|\bfields? (?:'|")(?:intensity|ring|t|time|timestamp|reflectivity|tag|line|rgb|normal_[xyz])(?:'|")`,
  // A device node by its path, or a serial line by its name ("Failed to open the USB port!", "Unable to
  // open port" after a serial driver's start, "Serialport not open."): what cannot be opened is the node
  // the settings name (rule 3), not a network port (a port number, "port 8080", is not a serial line;
  // a "serial port" given as an IP address is a setting), nor a plugin or module's name (quoted, in brackets or a path: "serialport", <serialport>).
  device_node: String.raw`\/dev\/[\w./-]{1,60}|\b(?:serial|usb|com|uart|tty) ports?\b(?!:\s?\d{1,3}\.\d)|(?<!["'</])\bserialports?\b(?!["'>.])|\bserial_port\b`,
  // A device or the robot itself, unnamed ("Unable to communicate with device", "No data received from
  // robot"): what it is comes from what the record is about (robot-pairs.ts DEVICE_PAIRS). Not a name
  // in snake_case (robot_state_publisher, fairino_robot), a keyword argument (device='cuda:0'), nor
  // CUDA's "device-side".
  device: String.raw`(?<![A-Za-z_])(?:devices?|robots?)(?![A-Za-z_\d-]|\s?=|['"])`,
  // A file by its name, the word, or its signature ("magic bytes": what a reader checks first).
  file: String.raw`[\w./~-]{0,200}\.(?:ya?ml|json|xml|urdf|xacro|sdf|srdf|launch|launch\.py|world|dae|stl|obj|usd|usda|pbstream|pgm|pcd|cfg|ini|toml)\b|\bfiles?\b|\bmagic (?:bytes|number)\b`,
};

/**
 * Verb class → its phrases (regex fragments, case-insensitive except the classes of
 * CASE_SENSITIVE_VERBS). Checked in this order; a line can state several (every combination
 * with the line's nouns is weighed).
 */
/** Verb classes matched with their case: a verdict's "FAILURE" / "[FAIL]" is not any "failed". */
export const CASE_SENSITIVE_VERBS: ReadonlySet<VerbClass> = new Set(['failed']);

export const VERB_PHRASES: Readonly<Record<VerbClass, readonly string[]>> = {
  // A connection to a device or a server that was not made: "Agx_arm is not connected", "Connect Server
  // failed", "connection is fail", "Failed to connect device".
  unconnected: [
    "(?:failed|unable|could ?not|couldn't|can ?not|can't|cannot) (?:to )?connect(?: to)?",
    '(?:is |are |was |has )?not (?:been )?connected',
    String.raw`connect(?:ion)?(?: to)?(?: [\w-]{1,20}){0,2} (?:is |has )?fail(?:ed|s|ure)?`,
    String.raw`connection:? ?\[FAIL(?:ED)?\]`,
  ],
  tripped: ['triggered', 'engaged', 'activated', 'latched', 'tripped', 'detected', 'pressed'],
  silent: [
    'timed?[ _-]?out',
    'timeout',
    'no (?:response|reply|answer|heartbeat)',
    "does(?: not|n't) (?:reply|respond|answer)",
    'not (?:replying|responding|answering)',
    // Not a name that begins with the word ("No frame_id was given", "no image_topic set": a setting).
    'no (?:new )?(?:data|messages?|frames?|readings?|scans?|images?)(?!_)(?: (?:received|yet|available|arrived))?',
    '(?:data|messages?|frames?|readings?) (?:not|never) (?:received|arrived|published)',
    "(?:did(?: not|n't)|never|failed to) (?:receive|get)",
    'failed to (?:get|read|receive|grab|capture)',
    // A read or write of the device that failed ("Dynamixel Read Fail", "Could not read firmware
    // version … the VESC"): the device did not answer the exchange.
    '(?:sync )?(?:read|write) fail(?:ed|ure)?',
    String.raw`(?:could ?not|couldn't|cannot|can't|unable to) (?:read|retrieve) (?:the )?(?:[\w-]{1,20} ){0,2}(?:firmware|version|status|state|register|position|data)`,
    'stopped (?:publishing|streaming|responding)',
    'unresponsive',
    "(?:failed to|could ?not|couldn't|cannot|can't|unable to) poll",
    'poll(?:ing)? (?:timed? ?out|timeout|failed)',
    'heartbeat (?:lost|timeout|timed out|missing|missed)',
    'no state update',
    // An exchange with the device that broke ("Error reading motor controller board version", "Unable
    // to communicate with device", "EnableArm send failed", "returned no data").
    '(?:error|fail(?:ed|ure)) (?:while )?reading(?! (?:end|element|tag|file|config))',
    'read error',
    "(?:unable to|could ?not|couldn't|cannot|can't|failed to) communicate",
    'communication (?:error|fail(?:ed|ure)?|lost|timeout|timed out|problem)',
    'no communication',
    'send fail(?:ed|ure)?',
    'failed to send',
    'returned no data',
    // A driver's read of its device that threw ("Exception thrown while trying to get scan.",
    // "Exception thrown while getting attributes for motor 5").
    'exception (?:was )?thrown while (?:trying to )?(?:get(?:ting)?|read(?:ing)?|receiv(?:e|ing)|grab(?:bing)?|poll(?:ing)?)',
  ],
  lost: [
    'lost',
    'disconnected',
    'dropped (?:off|out)',
    'connection (?:lost|dropped)',
    'went offline',
    // A device whose cable came out or does not hold ("Imu either unplugged or has bad connection",
    // "error on socket, possibly unplugged").
    'unplugged',
    'bad connection',
    'is offline',
    'end of file',
    // ArduCopter's "Potential thrust loss (6)": a motor or ESC no longer delivering its thrust.
    '(?<=thrust )loss',
  ],
  unopenable: [
    "(?:failed|unable|could ?not|couldn't|can ?not|can't|cannot) (?:to )?(?:open|load|init(?:iali[sz]e)?|start|bind)",
    'load(?:ing)? failed',
    'bind failed',
    String.raw`init(?:iali[sz]ation)? (?:[\w ]{0,30} )?fail(?:ed|ure)?`,
    'failed to load',
    'was found but could not open',
    // A port the driver writes to without having opened it ("Serialport not open.").
    String.raw`(?:is |was )?not open(?:ed)?\b`,
  ],
  absent: [
    'not found',
    "(?:could ?not|couldn't|can ?not) (?:find|locate|resolve)",
    "(?:cannot|can't|unable to|failed to) (?:find|locate|resolve)",
    'no such',
    'missing',
    "does(?: not|n't) exist",
    'not exist',
    'could not be found',
    'no matching',
    "did(?: not|n't) match any",
    'not (?:available|present|installed|registered|advertised)',
    'failed to find match',
    String.raw`dropp(?:ed|ing) (?:\d{1,3}(?:\.\d{1,2})?% of )?(?:all )?(?:the )?messages?`,
  ],
  // A value the program needed and was not given ("Expected a value for the parameter x, but none
  // was set", "no gt_odom_topic was given. Make sure you set ..."): read of a setting only (a file
  // named beside it is where to set it, not a file that is missing). "X is not set" is left out:
  // said of an environment variable as often (ROS_MASTER_URI), which is missing_env_var.
  unset: [
    "(?:was|were)(?: not|n't) (?:given|specified|provided)",
    '(?:none|nothing) (?:was|were) (?:given|set|specified|provided)',
    String.raw`no [\w./-]{1,60} (?:was|were) (?:given|specified|provided)`,
  ],
  fault: [
    // A segmentation or page fault is the program's crash (rule 6), not a device's fault.
    '(?<!segmentation |page |protection )fault(?: code)?',
    'alarm',
    '(?:servo|motor|drive|axis|joint)[_ ]error(?:[_ ]code)?',
    'error[_ ]code',
    'over[- ]?current',
    'over[- ]?load(?:ed)?',
    'over[- ]?heat(?:ing|ed)?',
    'over[- ]?temperature',
    'temperature (?:is )?(?:too high|greater than|higher than|above|exceed(?:s|ed)?)',
    'too hot',
    'thermal (?:shutdown|error|fault|protection)',
    'short[- ]circuit(?:ed)?',
    'hardware (?:error|alarm)',
    'under[- ]?voltage',
    'over[- ]?voltage',
    'stall(?:ed)?',
    // Redundant sensors that disagree ("Gyros inconsistent", "Compasses inconsistent", "EKF3 Yaw
    // inconsistent by 62 deg": ArduPilot's pre-arm checks).
    'inconsistent',
    // ArduPilot's EKF innovation checks ("Error Compass Variance", "EKF Check Bad Variance").
    'variance',
    // ArduPilot's EKF switching cores because one disagrees with its sensors ("EKF LANE SWITCH 1",
    // "EKF PRIMARY CHANGED:1").
    '(?<=ekf )lane switch',
    '(?<=ekf )primary changed',
    // A servo's following error, not English's "the following error:" that introduces a quoted log.
    '(?<!(?:[Tt]he|[Tt]hese|[Tt]his) )following error(?![s:]| ?(?:when|while|after|repeatedly|message|occur|appear|was|is)\\b)',
  ],
  limit: [
    'out of (?:limits?|bounds|range)',
    'outside (?:the |its )?(?:valid |allowed )?(?:range|bounds|limits?)',
    '(?:limit|limits) (?:exceeded|violat(?:ed|ion)|reached)',
    String.raw`exceed(?:s|ed)? (?:the |its )?(?:\w{1,20} )?limits?`,
    String.raw`beyond (?:the |its )?(?:\w{1,20} )?limits?`,
    '(?:velocity|position|torque|effort|joint)[_ ]limit',
    '_violation',
  ],
  nan: [
    String.raw`(?<![\w.])nan(?![\w])`,
    String.raw`(?<![\w.])-?inf(?![\w])`,
    'non-?finite',
    'not finite',
    // numpy's RuntimeWarning: a warning (data.numpy_float_warning): once a later error or a finished run
    // outlives it, no reader reads its words (classify.ts outlivedWarningMask, parts/read.ts `mask`).
    'invalid value encountered',
  ],
  invalid: [
    'invalid',
    'mismatch',
    "does(?: not|n't) match",
    'not valid',
    'malformed',
    '(?:failed|unable) to (?:parse|build|create)',
    String.raw`parsing [\w ]{0,20}failed`,
    'wrong (?:type|type of|format)',
    'unknown (?:type|model|mode|message type)',
    'not (?:supported|compatible)',
  ],
  rejected: [
    'denied',
    'rejected',
    'refus(?:es|ed)',
    'not (?:allowed|permitted|possible in the current mode)',
    "did(?: not|n't) accept",
  ],
  low: ['low', 'critical(?:ly low)?', String.raw`below (?:the )?(?:\w{1,20} )?threshold`, 'depleted', 'empty'],
  aborted: [
    'abort(?:ing|ed)',
    'failed to (?:make progress|produce (?:a )?path|compute (?:a )?(?:path|plan))',
    'could not be found',
    'no valid (?:path|plan|control|trajectory)',
    '(?:goal|plan(?:ning)?|navigation) (?:failed|aborted|unreachable)',
  ],
  corrupt: [
    'corrupt(?:ed)?',
    'load failure',
    'signature not found',
    // HDF5's older wording of the same (h5py 2.x: "Unable to open file (Unable to find a valid file signature)").
    'unable to find a valid file signature',
    'truncated',
    'unreadable',
    '(?:failed|unable) to (?:read|decode|deserialize)',
    'invalid (?:ack|response|checksum|crc|packet|header|frame)',
    '(?:checksum|crc) (?:error|mismatch|failed)',
    // A file's signature (MCAP, bag, USD crate, HDF5 all open with magic bytes) that is not what its format says.
    '(?:invalid|bad|wrong|unexpected) magic(?: bytes| number)?',
    // A reader that does not recognise the file it was given ("Invalid file format, file does not
    // contain topic /file_version").
    'invalid (?:file )?format',
  ],
  empty: ['no (?:effective )?points?', 'empty', 'no navigable', 'zero (?:points|samples|episodes)'],
  failed: [
    String.raw`\[FAIL(?:ED)?\]`,
    String.raw`:\s{0,3}FAIL(?:URE|ED)?\b`,
    // Not a ROS service's reply ("ChangeState_Response(success=False)"): a refused request, not an episode.
    String.raw`(?<!_Response\()[Ss]uccess['"]?\s{0,3}[:=]\s{0,3}\[?\s{0,3}(?:False|0(?:\.0{1,6})?)\b`,
    String.raw`[Ss]uccess rate[^\n\d]{0,20}(?:0(?:\.0{1,6})?%?|0 ?/ ?\d{1,6})(?![\d.])`,
  ],
  below: [
    String.raw`(?:lower|worse|below|less) than (?:the |those |what(?:'s| is| was)? )?(?:\w{1,20} )?(?:reported|paper|published|baseline|reference|expected|released)`,
    'below (?:the )?(?:reported|paper|published|baseline|reference|expected|released)',
    'far below',
    String.raw`(?:different|far) from (?:the )?(?:\w{1,20} ){0,2}(?:reported|published)`,
    String.raw`close to (?:the ones|those|what(?:'s| is| was)?) (?:\w{1,20} )?reported`,
    'much lower (?:performance|success|scores?|results?)',
  ],
};
