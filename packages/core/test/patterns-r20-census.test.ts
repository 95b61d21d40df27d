/**
 * Forms of the robot census (test/accuracy/robot-census.js, session 14) that recur across robot
 * projects: the ROS 2 middleware's QoS incompatibility as other rmw/rclcpp versions print it
 * ("offering incompatible Qos", "Last incompatible policy : RELIABILITY") is the same setting
 * mismatch (rule 3) as rclcpp's own wording; a joint's effort (sensor_msgs/JointState's third field,
 * a controller's commanded or measured effort) that is NaN is NaN in a numeric state, like its
 * position and velocity (data_error/nan_or_inf); Chromium's net error names (a browser page of
 * rosbridge/roslibjs) are the errno each stands for; a driver's read of its device that threw
 * ("Exception thrown while trying to get scan.") is the device not answering, and a device
 * unplugged or with a bad connection the device dropping off (rule 2). Texts written for these tests in the tools' own
 * wording, with negative controls, and a hostile-input check of each changed regex.
 */
import t from 'tap';
import { familyWithControls, hostileName, readsHostileRuns, readWhole } from './patterns-read.js';

familyWithControls(
  "a QoS incompatibility in any rmw's spelling is a setting mismatch (rule 3)",
  [
    [
      '[WARN] [1700000000.1] [tracker]: New publisher discovered on topic /camera/image, offering incompatible Qos. No messages will be received from it. Last incompatible policy : RELIABILITY.',
      'config_error/invalid_config',
    ],
    [
      '[WARN] [1700000000.1] [listener]: New subscription discovered on topic /odom, requesting incompatible qos. No messages will be sent to it.',
      'config_error/invalid_config',
    ],
    ['[WARN] [rviz2]: Last incompatible policy : DURABILITY', 'config_error/invalid_config'],
  ],
  [
    // A QoS profile named without an incompatibility, and a policy read from a file, are not the mismatch.
    ['[INFO] [talker]: Publishing with Qos RELIABLE, depth 10', '!config_error/invalid_config'],
    ['Last compatible policy : RELIABILITY', '!config_error/invalid_config'],
  ],
);

familyWithControls(
  "a joint's effort that is NaN is NaN in a numeric state",
  [
    [
      'joint_statistics:\n  -\n    name: r_wrist_roll_joint\n    velocity: 0.0\n    measured_effort: -0.0\n    commanded_effort: nan\n    is_calibrated: True',
      'data_error/nan_or_inf',
    ],
    [
      '[WARN] [1700000000.2] [arm_controller]: effort for joint elbow_joint is NaN, holding the last command',
      'data_error/nan_or_inf',
    ],
  ],
  [
    // An effort that is a number, and an effort controller's name, state no NaN.
    [
      'joint_statistics:\n  -\n    name: r_wrist_roll_joint\n    commanded_effort: 1.25\n    is_calibrated: True',
      '!data_error/nan_or_inf',
    ],
    ['[INFO] [controller_manager]: Loading controller effort_controllers/JointGroupEffortController', '!data_error/nan_or_inf'],
  ],
);

familyWithControls(
  "Chromium's net error names read as the errno each stands for",
  [
    [
      "WebSocket connection to 'ws://192.168.1.20:9090/' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED\nRos.connect @ roslib.js:2224",
      'network_error/connection_refused',
    ],
    ["WebSocket connection to 'ws://robot.local:9090/' failed: net::ERR_CONNECTION_RESET", 'network_error/connection_reset'],
    ['GET http://robot-ui.local/api/state net::ERR_NAME_NOT_RESOLVED', 'network_error/dns_failure'],
    [
      "WebSocket connection to 'wss://bridge.example.org:9090/' failed: net::ERR_CERT_AUTHORITY_INVALID",
      'network_error/tls_error',
    ],
  ],
  [
    // A navigation the page cancelled and a local file not found are not the network.
    ['GET http://localhost:8080/index.html net::ERR_ABORTED 404 (Not Found)', '!network_error/connection_reset'],
    ['Failed to load resource: net::ERR_FILE_NOT_FOUND', '!network_error/connection_refused'],
  ],
);

familyWithControls(
  'a device read that threw, or a device unplugged or badly connected, is the device (rule 2)',
  [
    [
      '[ WARN] [1700000000.1]: Exception thrown while trying to get scan.\nbuffer filled without end of line being found (in urg::laserReadline)',
      'hardware_fault/sensor_fault',
    ],
    ['[ERROR] [1700000000.2]: Exception thrown while reading the present position of servo 3', 'hardware_fault/actuator_fault'],
    ['[ERROR] [imu_driver]: IMU unplugged or has a bad connection', 'hardware_fault/sensor_fault'],
  ],
  [
    // A controller or plugin that threw while loading is not a device; an INFO line states no failure.
    ['[ERROR] [controller_manager]: Exception thrown while loading controller arm_controller', '!hardware_fault/actuator_fault'],
    ['[INFO] [lidar_node]: lidar reconnected after it was unplugged', '!hardware_fault/sensor_fault'],
  ],
);

// Hostile input for each changed regex: thousands of the form's own words and punctuation, with
// the rule's needs words present so the regex is run.
familyWithControls(
  "Cyclone DDS's 'does not match an available interface': a missing interface is a missing file, an address this host lacks a setting (rule 3)",
  [
    ['talker: eth7: does not match an available interface.', 'config_error/file_not_found'],
    ['talker: 192.168.217.0: does not match an available interface.', 'config_error/invalid_config'],
  ],
  [['talker: 192.168.217.0: does not match an available interface.', '!config_error/file_not_found']],
);

// Each run naming a pattern carries the words its prefilter asks for and asserts its regex ran (two
// did not: 'incompatible Qos' without a policy word, 'net::ERR_' without a full error name).
t.test('the changed forms read hostile runs in bounded work', { timeout: 30_000 }, async (t) => {
  const QOS = 'ros.qos_incompatible';
  const runs: [text: string, pattern: string | null][] = [
    [`${'incompatible Qos '.repeat(2000)}policy`, QOS],
    [`offering incompatible Qos${' '.repeat(4000)}`, QOS],
    [`incompatible qos last incompatible policy${' :'.repeat(3000)}`, QOS],
    [`${'Last incompatible policy : '.repeat(1500)}`, QOS],
    [`incompatible QoS ${'Q'.repeat(4000)} last incompatible policy`, QOS],
    [`${'commanded_effort: '.repeat(2000)}nan`, null],
    [`${'effort_'.repeat(3000)} NaN`, null],
    [`${'net::ERR_'.repeat(2000)}CONNECTION_RESET`, 'net.reset'],
    [`${'1.2.3.4: '.repeat(2000)}does not match an available interface`, null],
    [`${'9.9.9.'.repeat(2000)}: does not match an available interface`, null],
    [`${'Connection error. '.repeat(1500)}/dev/`, null],
    [`${'SessionTimeout : '.repeat(2000)}`, null],
    [`net::ERR_CERT_${'_'.repeat(4000)}`, 'net.tls'],
    [`${'net::ERR_SSL_'.repeat(2000)}`, 'net.tls'],
    [`[ERROR] imu ${'exception thrown while '.repeat(2000)}`, null],
    [`[ERROR] imu ${'exception thrown while trying to '.repeat(1500)}get`, null],
    [`[ERROR] ${'unplugged '.repeat(3000)}imu`, null],
    [`[ERROR] imu ${'bad '.repeat(3000)}connection`, null],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
