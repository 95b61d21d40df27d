/**
 * Forms of robot-learning evaluation reports that recur across projects (issue 13, the robot census's
 * "predicate missing" group): a reproduction set against the paper's figures in prose or in a table,
 * a success-rate column of a results table, a test score printed per evaluation, few successes out of
 * many tasks, a success flag "evaluated as FALSE"; and PhysX's API checks (a call the scene's mode
 * forbids, an argument the method refuses). Texts written for these tests in the tools' own wording
 * (LIBERO/RoboTwin/Meta-World-style evaluators, baselines' HER logger, Habitat-style task counters,
 * Isaac Sim's PhysX), with negative controls.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  "a reproduction that falls short of the paper's figures is below the baseline (rule 9)",
  [
    [
      'I evaluated the released checkpoint on the Meta-World MT10 benchmark three times and got 61.2, 63.0 and 58.9, while the paper states 72.4 ± 1.8.',
      'logic_error/below_baseline',
    ],
    [
      'Running the provided script on CALVIN ABC->D I obtain an average length of 2.91, while in the paper you report 3.65.',
      'logic_error/below_baseline',
    ],
    [
      'My numbers on the three RLBench tasks are 44.0, 51.3 and 12.0, whereas you reported 68.0, 70.2 and 30.1.',
      'logic_error/below_baseline',
    ],
    [
      'After fine-tuning for 30k steps, the model failed to achieve the success rates reported in the paper on libero-10 and libero-goal.',
      'logic_error/below_baseline',
    ],
    [
      'I found a large discrepancy between the reported and reproduced performance on the ManiSkill2 PickCube task.',
      'logic_error/below_baseline',
    ],
    ['| Method | Reported in paper | Reproduced |\n|---|---|---|\n| Ours (sim) | 81.5 | 70.3 |', 'logic_error/below_baseline'],
    [
      '| Suite | Paper | Replicated |\n|---|---|---|\n| spatial | 96.2 | 88.0 |\n| long | 85.1 | 71.4 |',
      'logic_error/below_baseline',
    ],
    [
      'python eval.py --checkpoint latest.ckpt\nresult:\n  "test/mean_score": 0.71\nwhile the result should be:\n  "test/mean_score": 0.83',
      'logic_error/below_baseline',
    ],
  ],
  [
    // A reproduction that matches, a baseline in a config, and a crash during a reproduction.
    ['I reproduced the results reported in the paper: 94.1 against 94.3, thanks!', '!logic_error/below_baseline'],
    ['baseline: reported_metric: success_rate\nlog_dir: runs/reproduce', '!logic_error/below_baseline'],
    [
      'While the paper states the method works on real robots, the README only covers simulation. Could you add the real-robot setup?',
      '!logic_error/below_baseline',
    ],
  ],
);

familyWithControls(
  'an evaluation whose success column, test score or task counts show the task mostly failed is the task not achieved (rule 9)',
  [
    [
      '------------------------------\n| epoch              | 40     |\n| test/episode       | 820.0  |\n| test/success_rate  | 0.1    |\n| train/success_rate | 0.05   |\n------------------------------',
      'policy_failure/task_not_achieved',
    ],
    [
      '| Task | pick_cube | stack_cube | open_drawer |\n| --- | --- | --- | --- |\n| `SR` | 0.2 | 0.0 | 0.1 |',
      'policy_failure/task_not_achieved',
    ],
    ['epoch 200\ntest_mean_score: 0.1\nepoch 400\ntest_mean_score: 0.25', 'policy_failure/task_not_achieved'],
    ['Total episodes: 500\nSuccessful episodes: 3\nMean path length: 41.2', 'policy_failure/task_not_achieved'],
    [
      'I ran the provided evaluation script on the SimplerEnv drawer tasks and the released model gets a zero success rate on all of them.',
      'policy_failure/task_not_achieved',
    ],
    [
      'The trained agent reaches the object, yet `success` is evaluated as `FALSE` in every episode.',
      'policy_failure/task_not_achieved',
    ],
  ],
  [
    // High success in the same forms, and tables about other things.
    ['| test/success_rate  | 0.92   |\n| train/success_rate | 0.88   |', '!policy_failure/task_not_achieved'],
    ['test_mean_score: 0.87', '!policy_failure/task_not_achieved'],
    ['Total episodes: 500\nSuccessful episodes: 431', '!policy_failure/task_not_achieved'],
    ['| Host | SR | Uptime |\n| --- | --- | --- |\n| edge-1 | 12 | 40d |', '!policy_failure/task_not_achieved'],
    ['`success` is evaluated as `TRUE` once the object is inside the bin.', '!policy_failure/task_not_achieved'],
  ],
);

familyWithControls(
  "PhysX's API checks: a call the scene's mode forbids is refused in the current state (rule 8), a refused argument an argument check",
  [
    [
      '2025-03-02 10:11:12 [12,034ms] [Error] [omni.physx.plugin] PhysX error: PxRigidDynamic::setLinearVelocity(): it is illegal to call this method if PxSceneFlag::eENABLE_DIRECT_GPU_API is enabled!, FILE /builds/omniverse/physics/physx/source/physx/src/NpRigidDynamic.cpp, LINE 201',
      'validation_error/forbidden_operation',
    ],
    [
      '[Error] [omni.physx.plugin] PhysX error: PxArticulationReducedCoordinate::setRootGlobalPose(): it is illegal to call this method if PxSceneFlag::eENABLE_DIRECT_GPU_API is enabled!',
      'validation_error/forbidden_operation',
    ],
    [
      '[Error] [omni.physx.plugin] PhysX error: PxRigidBody::setMass(): mass must be non-negative, FILE /builds/omniverse/physics/physx/source/physx/src/NpRigidBodyTemplate.h, LINE 391',
      'validation_error/invalid_argument',
    ],
    [
      'PhysX error: PxRigidActor::setGlobalPose(): pose is not valid., FILE ../../../physx/source/physx/src/NpRigidActorTemplate.h, LINE 181',
      'validation_error/invalid_argument',
    ],
  ],
  [
    // The physics gone NaN is data (rule 7); a GPU buffer too small is the setup; prose about the flag.
    [
      'PhysX error: PxRigidDynamic::setGlobalPose(): pose is not valid (NaN in the translation), FILE NpRigidDynamic.cpp, LINE 70',
      '!validation_error/invalid_argument',
    ],
    [
      'PhysX error: The application needs to increase PxgDynamicsMemoryConfig::foundLostPairsCapacity to 2048',
      'config_error/invalid_config',
    ],
    [
      'Is it illegal to call set_world_poses when the direct GPU API is enabled? The docs do not say.',
      '!validation_error/forbidden_operation',
    ],
  ],
);

familyWithControls(
  'a policy that worked in simulation and falls or cannot stand on the real robot is the task not achieved (rule 1)',
  [
    [
      'The walking policy is stable in Isaac Gym for thousands of episodes. After deploying the policy on our Go2, the robot fell over within two seconds of starting the controller.',
      'policy_failure/task_not_achieved',
    ],
    [
      'Sim-to-real question: the trained H1 policy tracks the motion well in mujoco, but on the real robot it is not able to stand and drops to its knees.',
      'policy_failure/task_not_achieved',
    ],
    [
      'It balances fine in simulation. On the real hardware the biped loses its balance after the first step.',
      'policy_failure/task_not_achieved',
    ],
  ],
  [
    // A fall with no simulation to contrast, a sensor value that fell, and a cause named (a motor).
    ['The battery voltage fell below 22 V during the mission and the rover stopped.', '!policy_failure/task_not_achieved'],
    [
      'In simulation the gripper works. On the real robot: [ERROR] [arm_driver]: joint 3 overcurrent fault, motor disabled; the arm fell onto the table.',
      'hardware_fault/actuator_fault',
    ],
    ['The quadcopter fell from 3 m after a prop came off; no logs.', '!policy_failure/task_not_achieved'],
  ],
);

familyWithControls(
  "a vehicle's refusal of a mode change, arming or take-off in its MAVLink acknowledgement is a command refused in its state (rule 8)",
  [
    ['GUIDED> mode auto\nGot MAVLink msg: COMMAND_ACK {command : 176, result : 4}', 'validation_error/forbidden_operation'],
    [
      'arm throttle\nCOMMAND_ACK {command : 400, result : 1, progress : 0, result_param2 : 0}',
      'validation_error/forbidden_operation',
    ],
    ['[ERROR] [1700000000.1]: Unexpected command 176, result 2', 'validation_error/forbidden_operation'],
    ['Takeoff command rejected: MAV_CMD_NAV_TAKEOFF -> MAV_RESULT_TEMPORARILY_REJECTED', 'validation_error/forbidden_operation'],
  ],
  [
    // Accepted commands, and results of other commands (their refusal may be a bad parameter).
    ['Got MAVLink msg: COMMAND_ACK {command : 176, result : 0}', '!validation_error/forbidden_operation'],
    ['COMMAND_ACK {command : 400, result : 0, progress : 0}', '!validation_error/forbidden_operation'],
    ['Got MAVLink msg: COMMAND_ACK {command : 183, result : 4}', '!validation_error/forbidden_operation'],
  ],
);

familyWithControls(
  "JAX/XLA's allocation failures and its rematerialization giving up are the GPU out of memory",
  [
    [
      '  File "scripts/serve_policy.py", line 88, in infer\n    actions = self._sample_actions(rng, obs)\njaxlib.xla_extension.XlaRuntimeError: RESOURCE_EXHAUSTED: Failed to allocate 2147483648 bytes for new constant',
      'resource_error/gpu_oom',
    ],
    [
      "2025-01-10 08:00:00.000000: W external/xla/xla/service/hlo_rematerialization.cc:3005] Can't reduce memory use below 17.81GiB (19123456789 bytes) by rematerialization; only reduced to 21.02GiB (22570000000 bytes), down from 21.02GiB (22570000000 bytes) originally",
      'resource_error/gpu_oom',
    ],
  ],
  [
    // Allocations that are not the device's memory, and a warning that rematerialization succeeded.
    ['Failed to allocate 64 bytes for the lookup table: using the slow path', '!resource_error/gpu_oom'],
    [
      'W hlo_rematerialization.cc:3005] Rematerialization reduced memory use below the limit of 17.81GiB',
      '!resource_error/gpu_oom',
    ],
  ],
);
