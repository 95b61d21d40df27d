/**
 * The simulators' and robot-learning packages' messages (tables/packages/simulators.ts): a
 * failure text that shows one of these packages' own messages, and that no pattern reads, is
 * named by the message. The lines are written for these tests in the shapes the packages print
 * them (a ROS 2 or ROS 1 prefix, a Python traceback's last line, MuJoCo's "Error:"/"WARNING:"
 * forms), values filled in; none is taken from the labelled sets.
 */
import t from 'tap';
import { SIMULATORS } from '../src/patterns/parts/tables/packages/simulators.js';
import { readLog } from './patterns-read.js';

t.test('the table covers every package of the family', async (t) => {
  const packages = new Set(SIMULATORS.map((m) => m.pkg));
  for (const pkg of [
    'gazebo_ros',
    'gazebo_plugins',
    'gazebo_ros_control',
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
