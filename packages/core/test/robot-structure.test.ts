/**
 * Robot failures read by their structure (issue 13, the 2026-12-05-b census of the robot misses
 * of robotics-3..9): each reading here is a form that several unrelated robot projects print —
 * a servo's following error (and not English's "the following error:"), a compiler killed by the
 * kernel, ROS 1's ResourceNotFound, a simulator library called with an API of another version,
 * an HDF5 demonstration file without the key the reader asks for, a robot description its parser
 * rejects. Each test holds a positive reading and a negative control that the same words in
 * another structure must not get; the texts are written in the tools' own wording, not copied
 * from the accuracy cases.
 */
import t from 'tap';
import { expectReadings, readLog, readPair } from './patterns-read.js';

const pair = readPair;

t.test("a servo's following error is a drive fault; English's 'the following error:' is not", async (t) => {
  expectReadings(t, [
    ['[ERROR] [ethercat_driver]: Axis 2: following error exceeded, drive disabled', 'hardware_fault/actuator_fault'],
    ['[hw_interface] joint_4 position following error too large (0.21 rad), stopping', 'hardware_fault/actuator_fault'],
  ]);
  const quoted = [
    'When I launch the simulation I get the following error:\n[robot_manager-2] process has died [pid 5436, exit code -11, cmd /opt/ros/lib/nodelet/nodelet manager]',
    'I have an issue loading some scenes. I get the following error when I try to render RGB images:\nRuntimeError: Caught an unknown exception!',
    "Running the teleop node gives these following errors:\nValueError: 'joint_wrist_pitch' is not in list",
  ];
  for (const text of quoted) {
    const r = readLog(text);
    t.not(r.category, 'hardware_fault', `a sentence that introduces a log names no drive (${r.code}: ${text.slice(0, 50)})`);
  }
});

t.test('a compiler killed by the kernel during a build is host memory; other compiler crashes are not', async (t) => {
  expectReadings(t, [
    [
      'Starting >>> examples_rclcpp_minimal_subscriber\nc++: internal compiler error: Killed (program cc1plus)\nPlease submit a full bug report,\nmake[2]: *** [CMakeFiles/sub.dir/sub.cpp.o] Error 4\nFailed   <<< examples_rclcpp_minimal_subscriber [ Exited with code 2 ]',
      'resource_error/host_oom',
    ],
    ['gcc: internal compiler error: Killed (program cc1)\ncompilation terminated.', 'resource_error/host_oom'],
  ]);
  const segv = readLog('c++: internal compiler error: Segmentation fault (program cc1plus)\nPlease submit a full bug report');
  t.not(segv.category, 'resource_error', `a compiler that segfaults was not killed for memory (${segv.code})`);
});

t.test("ROS 1's ResourceNotFound is a package not installed; a node missing from a package is a missing file", async (t) => {
  expectReadings(t, [
    [
      '... logging to /root/.ros/log/roslaunch.log\nResource not found: husky_description\nROS path [0]=/opt/ros/noetic/share/ros',
      'import_error/module_not_found',
    ],
    [
      'ERROR: cannot launch node of type [velodyne_pointcloud/transform_node]: velodyne_pointcloud\nROS path [0]=/opt/ros/melodic/share/ros\nROS path [1]=/home/user/catkin_ws/src',
      'import_error/module_not_found',
    ],
    [
      'Resource not found: The following package was not found in <arg default="$(find xacro)/xacro \'$(find ur_description)/urdf/ur5.xacro\'"/>: ur_description',
      'import_error/module_not_found',
    ],
  ]);
  t.equal(
    pair("ERROR: cannot launch node of type [my_pkg/my_node]: can't locate node [my_node] in package [my_pkg]"),
    'import_error/module_not_found',
    'the package is there, its node executable is not: missing software by rule 5 (ros.node_executable_missing)',
  );
  t.equal(
    pair('RLException: [bringup.launch] is neither a launch file in package [my_robot] nor is [my_robot] a launch file name'),
    'config_error/file_not_found',
    'the package is there, the launch file is not: a missing file (ros.launch_target_missing)',
  );
  t.not(
    readLog('HTTP 404: resource not found: /api/v1/robots/17').category,
    'import_error',
    'a REST resource that is not there is no ROS package',
  );
});

t.test('a simulator library called with the API of another version is a version conflict', async (t) => {
  expectReadings(t, [
    [
      'File "/opt/conda/lib/python3.8/site-packages/gym/envs/registration.py", line 133, in register\n    self.env_specs[id] = EnvSpec(id, **kwargs)\nTypeError: __init__() got an unexpected keyword argument \'max_episode_seconds\'',
      'import_error/version_conflict',
    ],
    [
      'File "train.py", line 40, in <module>\n    img = env.render(offscreen=True)\n  File "/usr/lib/python3/site-packages/robosuite/environments/base.py"\nTypeError: MujocoEnv.render() got an unexpected keyword argument \'offscreen\'',
      'import_error/version_conflict',
    ],
    ["AttributeError: module 'mujoco.viewer' has no attribute 'launch_passive'", 'import_error/version_conflict'],
  ]);
  // Control: the same TypeError in a program's own function, with no simulator library in sight.
  const own = readLog(
    'File "app/report.py", line 12, in build\n    render_table(rows, offscreen=True)\nTypeError: render_table() got an unexpected keyword argument \'offscreen\'',
  );
  t.not(
    `${own.category}/${own.factor}`,
    'import_error/version_conflict',
    `no simulator library: the program's own call (${own.code})`,
  );
  // Control: an attribute missing from the program's own object is not the library's version.
  const attr = readLog("File \"sim_env.py\", line 8\nAttributeError: 'RobotEnv' object has no attribute 'mujoco_model'");
  t.not(`${attr.category}/${attr.factor}`, 'import_error/version_conflict', `the program's own class (${attr.code})`);
});

t.test('an HDF5 demonstration file without the key the reader asks for is a missing field', async (t) => {
  expectReadings(t, [
    [
      'File "robomimic/utils/dataset.py", line 210, in load_dataset_in_memory\nKeyError: "Unable to synchronously open object (object \'robot0_eye_in_hand_image\' doesn\'t exist)"',
      'data_error/missing_field',
    ],
    ["run failed with error:\nUnable to open object (object 'observations/qpos' doesn't exist)", 'data_error/missing_field'],
  ]);
  // Control: a KeyError of a plain dictionary keeps the runtime reading.
  t.equal(pair('File "train.py", line 3\nKeyError: \'learning_rate\''), 'runtime_error/key_error', 'a dict lookup');
});

t.test(
  'a robot description its parser rejects is a schema violation (rule 4); one that disagrees with its users is not',
  async (t) => {
    expectReadings(t, [
      [
        "[Error] [carb.gym.plugin] Failed to parse URDF file 'go2.urdf'\n[Error] [carb.gym.plugin] Failed to import URDF file 'go2.urdf'",
        'validation_error/schema_violation',
      ],
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an unexpanded xacro expression, as urdfdom prints it
        'Error:   Unable to parse component [${wheel_radius/2}] to a double (while parsing a vector value)\nError:   Could not parse inertial element for Link [wheel_link]',
        'validation_error/schema_violation',
      ],
      ['[robot_state_publisher-1] Error:   No link elements found in urdf file', 'validation_error/schema_violation'],
    ]);
    t.equal(
      pair("[move_group]: Joint 'arm_joint_7' not found in model 'ur5e'"),
      'config_error/invalid_config',
      'a description that parses but lacks what the configuration names: rule 3',
    );
  },
);

t.test('a device that does not answer its bus is the device: an actuator in a record about servos or motors', async (t) => {
  expectReadings(t, [
    [
      'Now servos will rotate to 90 degrees.\n  File "servo.py", line 5, in __init__\n    self.pwm = PCA9685(0x40)\n  File "PCA9685.py", line 36, in write\n    self.bus.write_byte_data(self.address, reg, value)\nOSError: [Errno 121] Remote I/O error',
      'hardware_fault/actuator_fault',
    ],
    [
      "vesc_driver: opening motor controller on /dev/ttyACM0\nterminate called after throwing an instance of 'serial::IOException'\n  what():  IO Exception (5): Input/output error, file serial_unix.cc, line 1238",
      'hardware_fault/actuator_fault',
    ],
    ['[imu_node] reading MPU6050 over i2c\nOSError: [Errno 121] Remote I/O error', 'hardware_fault/sensor_fault'],
  ]);
  // Control: the same errno with no robot device named is not read as a hardware fault.
  const bare = readLog('  File "report.py", line 9, in flush\nOSError: [Errno 121] Remote I/O error');
  t.not(bare.category, 'hardware_fault', `no sensor or actuator in the record (${bare.code})`);
  // With the I2C bus in the record and no device named, a Raspberry Pi kit's servo/motor board.
  t.equal(
    pair(
      '  File "picar_4wd/i2c.py", line 37, in _i2c_write_word_data\n    return self._smbus.write_word_data(addr, reg, data)\nOSError: [Errno 121] Remote I/O error\npi@raspberrypi:~ $ i2cdetect -y 1',
    ),
    'hardware_fault/actuator_fault',
  );
});

t.test("a failed assert() names the program's check, even with a long condition; an abort alone does not", async (t) => {
  expectReadings(t, [
    [
      "assemble: /src/redmax/Simulation.cpp:412: void redmax::Simulation::backward(): Assertion `(q - _q_his[_q_his.size() - 1]).norm() < 1e-7 && (qdot - _qdot_his[_qdot_his.size() - 1]).norm() < 1e-7' failed.\nAborted (core dumped)",
      'runtime_error/assertion_failed',
    ],
  ]);
  t.equal(pair('Aborted (core dumped)'), 'runtime_error/unhandled_exception', 'control: a bare abort is a crash');
});

t.test('a GL/EGL device the renderer cannot find is a missing driver library, not a sensor', async (t) => {
  expectReadings(t, [
    [
      'Platform::WindowlessEglApplication::tryCreateContext(): no EGL devices found, likely a driver issue\nPlatform::WindowlessEglApplication::tryCreateContext(): unable to find EGL device for CUDA device 0\nWindowlessContext: Unable to create windowless context',
      'import_error/missing_native_lib',
    ],
  ]);
  t.equal(pair('[camera_node]: No camera devices found'), 'hardware_fault/sensor_fault', 'control: a camera that is not there');
});

t.test('a robot or teleop link closed by the other side is a connection reset', async (t) => {
  expectReadings(t, [
    [
      "terminate called after throwing an instance of 'franka::NetworkException'\n  what():  libfranka: server closed connection",
      'network_error/connection_reset',
    ],
    ['[teleop_bridge] WebSocket connection closed\n[teleop_bridge] stopping arm streaming', 'network_error/connection_reset'],
  ]);
  const client = readLog('[INFO] upload finished, client closed connection normally');
  t.not(client.category, 'network_error', `the client ending its own session is no reset (${client.code})`);
});

t.test(
  'a point cloud without the field its consumer expects is a missing field, before the empty clouds it causes',
  async (t) => {
    expectReadings(t, [
      [
        "Failed to find match for field 'rgb'.\n[pcl::KdTreeFLANN::setInputCloud] Cannot create a KDTree with an empty input cloud!",
        'data_error/missing_field',
      ],
      ["[laser_odometry-3] Failed to find match for field 'intensity'.", 'data_error/missing_field'],
    ]);
    t.equal(
      pair('[pcl::KdTreeFLANN::setInputCloud] Cannot create a KDTree with an empty input cloud!'),
      'data_error/empty_input',
      'control: empty clouds with no field named stay empty input',
    );
  },
);

t.test('a recording whose signature (magic bytes) is wrong is corrupt; one that is not there is missing', async (t) => {
  expectReadings(t, [
    ['Error loading run_42.mcap\nMessage: invalid magic bytes in Footer: 0xD0FF0B0000000000', 'data_error/corrupt_input'],
    ['[rosbag2_player]: bad magic number in /data/episode_3.db3', 'data_error/corrupt_input'],
  ]);
  t.equal(
    pair("[ERROR] [rosbag2_player]: Failed to open file '/data/run_42.mcap': No such file or directory"),
    'config_error/file_not_found',
    'control: a recording that is not there',
  );
});

t.test('a command or bus request left unanswered, with no device named, is a request timeout (rule 2)', async (t) => {
  expectReadings(t, [
    [
      '  File "drone.py", line 242, in send_command\n    raise RuntimeError(\'No response to command\')\nRuntimeError: No response to command',
      'timeout/request_timeout',
    ],
    [
      'ModbusIOException occured!\nModbus Error: [Input/Output] No Response received from the remote unit/Unable to decode response',
      'timeout/request_timeout',
    ],
  ]);
  t.equal(
    pair('[ERROR] [imu_driver]: no response from the IMU after 3 retries'),
    'hardware_fault/sensor_fault',
    'control: a named sensor that does not answer is the sensor',
  );
});
