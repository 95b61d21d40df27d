/**
 * Forms the robot census (test/accuracy/robot-census.js) found unread in several robot projects: ROS 1's
 * controller spawner that cannot find the controller manager (rule 2: a spawner waiting for
 * controller_manager is a request timeout), and GPU PhysX that cannot load CUDA and falls back to the
 * CPU (rule 5: a native library that cannot be loaded). Texts written for these tests in the tools' own
 * wording, with negative controls.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'a controller spawner that cannot find the controller manager is a request timeout (rule 2)',
  [
    [
      "[INFO] [1600000000.1, 0.0]: Controller Spawner: Waiting for service controller_manager/load_controller\n[WARN] [1600000030.1, 30.2]: Controller Spawner couldn't find the expected controller_manager ROS interface.",
      'timeout/request_timeout',
    ],
    [
      "[spawner-4] [WARN]: Controller Spawner couldn't find the expected controller_manager ROS interface",
      'timeout/request_timeout',
    ],
  ],
  [
    // The same words about something else; a spawner that loaded its controllers.
    ["setup.py: the installer couldn't find the expected Python interface headers", '!timeout/request_timeout'],
    [
      '[INFO] [1600000001.2, 1.1]: Controller Spawner: Loaded controllers: joint_state_controller, arm_controller',
      '!timeout/request_timeout',
    ],
  ],
);

familyWithControls(
  'GPU PhysX that cannot load CUDA and falls back to the CPU is a native library not loaded (rule 5)',
  [
    [
      'Not connected to PVD\n/buildAgent/work/0a1b2c/source/physx/src/gpu/PxPhysXGpuModuleLoader.cpp (148) : internal error : libcuda.so!\nPhysics Engine: PhysX\nPhysics Device: cpu',
      'import_error/missing_native_lib',
    ],
    [
      '[Warning] [carb.gym.plugin] Failed to create a PhysX CUDA Context Manager. Falling back to CPU.\nPhysics Engine: PhysX\nPhysics Device: cpu\nGPU Pipeline: disabled\n[Error] [carb.gym.plugin] Must enable GPU pipeline to use state tensors',
      'import_error/missing_native_lib',
    ],
  ],
  [
    // A GPU pipeline that came up, and CPU physics chosen on purpose.
    [
      'Physics Engine: PhysX\nPhysics Device: cuda:0\nGPU Pipeline: enabled\n[Info] PhysX CUDA context manager created on device 0',
      '!import_error/missing_native_lib',
    ],
    ['Physics Engine: PhysX\nPhysics Device: cpu (requested with --sim_device cpu)', '!import_error/missing_native_lib'],
  ],
);
