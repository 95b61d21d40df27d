/**
 * The simulators' and robot-learning packages' messages (tables/packages/simulators.ts): a
 * failure text that shows one of these packages' own messages, and that no pattern reads, is
 * named by the message. The lines are written for these tests in the shapes the packages print
 * them (a ROS 2 or ROS 1 prefix, a Python traceback's last line, MuJoCo's "Error:"/"WARNING:"
 * forms), values filled in; none is taken from the labelled sets.
 */
import t from 'tap';
import { SIMULATORS } from '../src/patterns/parts/tables/packages/simulators.js';
import { familyByPackage, nearLineNotRead, readLog, rulesOnly } from './patterns-read.js';

t.test('the table covers every package of the family', async (t) => {
  const packages = new Set(SIMULATORS.map((m) => m.pkg));
  for (const pkg of [
    'gazebo_ros',
    'gazebo_plugins',
    'gazebo_ros_control',
    'gazebo_ros2_control',
    'gz_ros2_control',
    'webots_ros2_driver',
    'webots_ros2_control',
    'gymnasium',
    'mujoco',
    'stable-baselines3',
    'lerobot',
  ]) {
    t.ok(packages.has(pkg), `${pkg} has messages`);
  }
});

/** [log text, expected pair]: a package's message as it prints it, values filled in. */
const CASES: [string, string][] = [
  // gazebo_ros_pkgs (ROS 2 spawn_entity.py, gazebo_plugins; ROS 1 gazebo_ros_control)
  [
    '[spawn_entity.py-4] [ERROR] [1733300000.512345678] [spawn_entity]: Service /spawn_entity unavailable. Was Gazebo started with GazeboRosFactory?\n[ERROR] [spawn_entity.py-4]: process has died [pid 4242, exit code 1]',
    'timeout/request_timeout',
  ],
  [
    '[gzserver-1] [ERROR] [1733300001.000000000] [diff_drive]: Joint [left_wheel_joint] not found, plugin will not work.',
    'config_error/invalid_config',
  ],
  [
    '[ERROR] [1733300002.000000000] [gazebo_ros_node]: Found multiple nodes with same name: /gazebo_ros_node. This might be due to multiple plugins using the same name. Try changing one of the the plugin names or use a different ROS namespace.',
    'config_error/invalid_config',
  ],
  [
    "[ INFO] [1700000000.100]: Loading gazebo_ros_control plugin\n[FATAL] [1700000000.200, 0.000]: No matching hardware interface found for 'hardware_interface/EffortJointInterfac' while loading interfaces for shoulder_joint",
    'config_error/invalid_config',
  ],
  ['[ERROR] [1700000000.300]: SpawnModel: Failure - model name robot already exist.', 'config_error/invalid_config'],
  // Gymnasium
  [
    'Traceback (most recent call last):\n  File "train.py", line 12, in <module>\n    env.step(action)\ngymnasium.error.ResetNeeded: Cannot call env.step() before calling env.reset()',
    'validation_error/forbidden_operation',
  ],
  // MuJoCo (engine warning as mujoco-py raises it; compiler error through the Python bindings)
  [
    'mujoco_py.builder.MujocoException: Got MuJoCo Warning: Nan, Inf or huge value in QACC at DOF 7. The simulation is unstable. Time = 1.2340.',
    'data_error/nan_or_inf',
  ],
  [
    'simulate: Load model error: Error: mass and inertia of moving bodies must be larger than mjMINVAL',
    'validation_error/schema_violation',
  ],
  // stable-baselines3
  [
    'RuntimeError: Tried to reset an environment before done. If you want to allow early resets, wrap your env with Monitor(env, path, allow_early_resets=True)',
    'validation_error/forbidden_operation',
  ],
  // LeRobot (a motor that does not answer is the actuator)
  [
    "ConnectionError: Failed to sync read 'Present_Position' on ids=[1, 2, 3, 4, 5, 6] after 1 tries. [TxRxResult] There is no status packet!",
    'hardware_fault/actuator_fault',
  ],
  ['RuntimeError: so100_follower has no calibration registered.', 'config_error/file_not_found'],
  // gz-sim and ros_gz
  [
    '[Err] [SystemLoader.cc:92] Failed to load system plugin: (Reason: No plugins detected in library)',
    'import_error/module_not_found',
  ],
  ['[Err] [Server.cc:139] Failed to find world [warehouse.sdf]', 'config_error/file_not_found'],
  [
    '[parameter_bridge-3] [WARN] [1733300000.1] [ros_gz_bridge]: Failed to create a bridge for topic [/scan] with ROS2 type [sensor_msgs/msg/LaserScan] to topic [/lidar] with Gazebo Transport type [gz.msgs.Foo]',
    'config_error/invalid_config',
  ],
  [
    '[gazebo-1] [Err] [Ogre2RenderEngine.cc:704] Unable to find Ogre Plugin[RenderSystem_GL3Plus]. Rendering will not be possible.Make sure you have installed OGRE properly.',
    'import_error/missing_native_lib',
  ],
  [
    "[gz-4] terminate called after throwing an instance of 'Ogre::RenderingAPIException'\n[gz-4]   what():  OGRE EXCEPTION(3:RenderingAPIException): Unable to create a suitable GLXContext in GLXContext::GLXContext at ./RenderSystems/GL/src/GLX/OgreGLXContext.cpp (line 61)",
    'import_error/missing_native_lib',
  ],
  // CARLA, PyBullet, robomimic
  ['RuntimeError: Spawn failed because of collision at spawn position', 'config_error/invalid_config'],
  [
    "b3Warning[examples/Importers/ImportURDFDemo/UrdfFindMeshFile.h,102]:\nmeshes/base.stl: cannot find 'meshes/base.stl' in any directory in urdf path",
    'config_error/file_not_found',
  ],
  ['Exception: Dataset at provided path /data/lift/ph/low_dim.hdf5 not found!', 'config_error/file_not_found'],
  // mujoco-py and the CARLA ROS bridge
  [
    'Exception: \nMissing path to your environment variable. \nCurrent values LD_LIBRARY_PATH=\nPlease add following line to .bashrc:\nexport LD_LIBRARY_PATH=$LD_LIBRARY_PATH:/root/.mujoco/mujoco210/bin',
    'config_error/missing_env_var',
  ],
  [
    '[bridge-1] [FATAL] [1700000000.1] [carla_ros_bridge]: CARLA python module version 0.9.13 required. Found: 0.9.10',
    'import_error/version_conflict',
  ],
  // Isaac Lab, ManiSkill, robosuite
  [
    "RuntimeError: Failed to find an articulation when resolving '/World/envs/env_.*/Robot'. Please ensure that the prim has 'USD ArticulationRootAPI' applied.",
    'config_error/invalid_config',
  ],
  [
    'RuntimeError: Partnet Mobility dataset not found. Download it by running python -m mani_skill.utils.download_asset partnet_mobility_cabinet',
    'config_error/file_not_found',
  ],
  [
    'Exception: Environment Lifft not found. Make sure it is a registered environment among: Lift, Stack, Door',
    'config_error/invalid_config',
  ],
];

t.test("a package's own message names the failure no pattern reads", async (t) => {
  for (const [text, pair] of CASES) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, pair, text.split('\n').at(-1) as string);
  }
});

t.test('near misses and chatter are not read as the messages', async (t) => {
  const pairs = (text: string) => {
    const r = readLog(text);
    return `${r.category}/${r.factor}`;
  };
  // The spawn service's INFO line, and a success status, name no failure.
  t.not(
    pairs('[spawn_entity.py-4] [INFO] [1733300000.1] [spawn_entity]: Waiting for service /spawn_entity'),
    'timeout/request_timeout',
  );
  // The message's words in another order, or another case, are not the message.
  t.not(
    pairs('[gzserver-1] [ERROR] [1733300001.0] [diff_drive]: plugin will not work: joint [left_wheel_joint] not found'),
    'config_error/invalid_config',
  );
  t.not(readLog('nan, inf or huge value in qacc at dof 7. the simulation is unstable.').code, 'parts.package');
  // OGRE's exception of another code (an item not found, 6) is not its GL render system failing.
  t.not(
    pairs(
      '[rviz-1] what():  OGRE EXCEPTION(6:FileNotFoundException): Cannot locate resource robot.mesh in resource group General.',
    ),
    'import_error/missing_native_lib',
  );
});

/**
 * ros2_control in simulation (session 21): gazebo_ros2_control's and gz_ros2_control's plugin and
 * hardware lines, in the launch prefix of the Gazebo process that loads them, values filled in.
 */
const GZ = (logger: string, message: string) =>
  `[gzserver-1] [INFO] [1767600000.000000000] [${logger}]: Loading joint: joint1\n[gzserver-1] [ERROR] [1767600000.100000000] [${logger}]: ${message}`;

familyByPackage(
  'gazebo_ros2_control and gz_ros2_control',
  [
    [GZ('gazebo_ros2_control', 'An empty URDF was passed. Exiting.'), 'config_error/invalid_config'],
    // the plugin's tag has no <parameters>: the two lines gazebo_ros2_control_plugin.cpp prints then
    [
      '[gzserver-1] [ERROR] [1767600000.000000000] [gazebo_ros2_control]: No parameter file provided. Configuration might be wrong\n[gzserver-1] [ERROR] [1767600000.100000000] [gazebo_ros2_control]: failed to parse input yaml file(s)',
      'config_error/invalid_config',
    ],
    [GZ('gz_ros2_control', "controller manager doesn't have an update_rate parameter"), 'config_error/invalid_config'],
    [GZ('gazebo_ros2_control', 'No physics engine configured in Gazebo.'), 'config_error/invalid_config'],
    [
      GZ(
        'gz_ros2_control',
        'Failed converting initial_value string to real number for the joint shoulder_joint and state interface position. Actual value of parameter: 0,5. Initial value will be set to 0.0',
      ),
      'config_error/invalid_config',
    ],
    [
      GZ(
        'gz_ros2_control',
        '[Gazebo ROS 2 Control] Failed to initialize because [ground_plane] (Entity=9)] is not a model.Please make sure that Gazebo ROS 2 Control is attached to a valid model.',
      ),
      'config_error/invalid_config',
    ],
    [
      GZ(
        'ign_ros2_control',
        '[Ignition ROS 2 Control] Failed to initialize because [link] (Entity=12)] is not a model.Please make sure that Ignition ROS 2 Control is attached to a valid model.',
      ),
      'config_error/invalid_config',
    ],
    [GZ('gz_ros_control', 'There is no joint available'), 'config_error/invalid_config'],
  ],
  [
    [GZ('gz_ros_control', 'Loading controller_manager'), 'unknown/unknown'],
    [
      '[gzserver-1] [INFO] [1767600000.000000000] [gazebo_ros2_control]: Loading parameter files /ws/install/share/demo/config/controllers.yaml',
      'unknown/unknown',
    ],
  ],
);

/**
 * Lines after which gazebo_ros2_control goes on (dropped after review): the resource manager's
 * caught "Error initializing URDF to resource manager!" (its own comment: "should be normal"), the
 * sensor-retrieval lines and the "can't have … at same time !!!" lines (each followed by
 * `continue`). They have no entry, and a crash printed after one keeps its own reading.
 */
t.test('gazebo_ros2_control: lines the plugin recovers from are not entries', async (t) => {
  const gazebo = SIMULATORS.filter((m) => m.pkg === 'gazebo_ros2_control');
  for (const words of [
    'Error initializing URDF to resource manager!',
    'Error retrieving sensor',
    'Error retrieving casting sensor',
    "can't have position and position_pid",
    "can't have velocity and velocity_pid",
  ])
    t.notOk(
      gazebo.some((m) => m.says.includes(words)),
      `no entry for "${words}"`,
    );
  const segfault =
    "[gzserver-1] [ERROR] [1767600000.1] [gazebo_ros2_control]: Error initializing URDF to resource manager!\n[gzserver-1] [INFO] [1767600000.2] [gazebo_ros2_control]: Loading joint: joint1\n[ERROR] [gzserver-1]: process has died [pid 100, exit code -11, cmd 'gzserver'].";
  const pair = (r: { category: string; factor: string }) => `${r.category}/${r.factor}`;
  t.equal(pair(readLog(segfault)), 'runtime_error/unhandled_exception', 'the crash after it keeps its reading');
  t.equal(
    rulesOnly(() => pair(readLog(segfault))),
    'runtime_error/unhandled_exception',
    'the crash after it keeps its reading (rules alone)',
  );
});

/** webots_ros2's driver and ros2_control plugin: what the driver node throws, as its launch shows it. */
const WEBOTS = (what: string) =>
  `[driver-2] [INFO] [1767600000.000000000] [my_robot]: Controller connected\n[driver-2] terminate called after throwing an instance of 'std::runtime_error'\n[driver-2]   what():  ${what}\n[ERROR] [driver-2]: process has died [pid 4242, exit code -6, cmd '/opt/ros/jazzy/lib/webots_ros2_driver/driver --ros-args']`;

familyByPackage(
  'webots_ros2',
  [
    [
      WEBOTS('URDF cannot be parsed by a `ros2_control` component parser: no parameter name given for joint'),
      'validation_error/schema_violation',
    ],
    [WEBOTS('Cannot find a Motor or PositionSensor with name shoulder_pan_joint'), 'config_error/invalid_config'],
    [WEBOTS('Invalid hardware info name `effort`'), 'config_error/invalid_config'],
    [WEBOTS('Invalid robot description, it cannot be parsed'), 'validation_error/schema_violation'],
    [WEBOTS("Invalid URDF, it doesn't contain a <robot> tag"), 'validation_error/schema_violation'],
    [WEBOTS('Invalid URDF, a plugin is missing a `type` property at line 14'), 'validation_error/schema_violation'],
    [WEBOTS("YAML file for components remappings doesn't exist."), 'config_error/file_not_found'],
    [WEBOTS('The my_package::MyLidar plugin cannot be found (C++ or Python).'), 'import_error/module_not_found'],
    [
      WEBOTS('Error in plugin my_package.my_robot_driver.MyRobotDriver: The class MyRobotDriver cannot be found.'),
      'config_error/invalid_config',
    ],
    [WEBOTS('Cannot find InertialUnit with name inertial unit'), 'config_error/invalid_config'],
    [WEBOTS('Cannot find Gyro with name gyro'), 'config_error/invalid_config'],
    [WEBOTS('Cannot find Accelerometer with name accelerometer'), 'config_error/invalid_config'],
    [WEBOTS('Cannot find Webots camera `kinect color` for the RGBD plugin.'), 'config_error/invalid_config'],
    [WEBOTS('Cannot find Webots range finder `kinect range` for the RGBD plugin.'), 'config_error/invalid_config'],
    [
      WEBOTS('The width and height of the camera and range finder must be the same for the RGBD plugin.'),
      'config_error/invalid_config',
    ],
    [
      WEBOTS('The field of view of the camera and range finder must be the same for the RGBD plugin.'),
      'config_error/invalid_config',
    ],
    [
      '[webots-1] Webots R2025a was not found in your system.\n[webots-1] - If you want to manually install Webots R2025a please download it from https://github.com/cyberbotics/webots/releases/tag/R2025a.\n[webots-1] EOFError: EOF when reading a line',
      'import_error/module_not_found',
    ],
  ],
  [
    ['[driver-2] [INFO] [1767600000.000000000] [my_robot]: Controller connected', 'unknown/unknown'],
    ['[webots-1] Webots R2025a found in /usr/local/webots', 'unknown/unknown'],
  ],
);

/**
 * Other software's lines that reach an entry's anchor (its longest fixed piece) but are not its
 * message: the table is asked and does not answer.
 */
t.test("simulated ros2_control and webots_ros2: other software's near lines are not their messages", async (t) => {
  const notRead = (text: string, pkg: string, piece: string) =>
    nearLineNotRead(
      t,
      SIMULATORS.filter((m) => m.pkg === pkg),
      text,
      piece,
    );

  // the anchor without the rest of the message
  notRead('sim_check: Cannot find Webots camera `front` in the world file, skipping', 'webots_ros2_driver', 'Webots camera');
  notRead('ros2 doctor: package foo_msgs was not found in your system.', 'webots_ros2_driver', 'was not found in your system');
  notRead('lint: ROS 2 Control] Failed to initialize because [x] was skipped', 'gz_ros2_control', 'is not a model');
  // the pluginlib tutorial line many packages print: not an entry (its "Error:" part is pluginlib's)
  t.notOk(
    SIMULATORS.some((m) => m.says.startsWith('The plugin failed to load for some reason')),
    'no entry for the pluginlib tutorial line',
  );
});

/** CARLA's Python API (LibCarla's client, session 21): the exception a script's traceback ends with. */
const CARLA_TB = (call: string, line: string) =>
  `Traceback (most recent call last):\n  File "/opt/carla/PythonAPI/examples/generate_traffic.py", line 120, in main\n    ${call}\n${line}`;

familyByPackage(
  'CARLA Python API',
  [
    [
      CARLA_TB(
        'traffic_manager = client.get_trafficmanager(args.tm_port)',
        'RuntimeError: trying to create rpc server for traffic manager; but the system failed to create because of bind error.',
      ),
      'config_error/invalid_config',
    ],
    [
      CARLA_TB("bp = blueprint_library.find('vehicle.tesla.model4')", "IndexError: blueprint 'vehicle.tesla.model4' not found"),
      'config_error/invalid_config',
    ],
    [
      CARLA_TB("world = client.load_world('Town10HD_Opt')", 'RuntimeError: failed to connect to newly created map'),
      'timeout/deadline_exceeded',
    ],
  ],
  [
    ['INFO:  Found the required file in cache!  Carla/Maps/TM/Town10HD_Opt.bin', 'unknown/unknown'],
    ['spawned 30 vehicles and 10 walkers, press Ctrl+C to exit.', 'unknown/unknown'],
  ],
);

t.test("CARLA: other software's near lines are not its messages", async (t) => {
  const carla = SIMULATORS.filter((m) => m.pkg === 'carla');
  const notRead = (text: string, piece: string) => nearLineNotRead(t, carla, text, piece);

  // an Unreal blueprint that is not CARLA's lookup
  notRead("UE4 warning: blueprint 'BP_Door' could not be compiled", "blueprint '");
  // another program's lookup in the same words, of a name without CARLA's dotted id
  notRead("ERROR: blueprint 'auth' not found in app registry", "blueprint '");
  notRead('[webui] Blueprint: Failed to connect to newly created map tile server', 'newly created map');
});
