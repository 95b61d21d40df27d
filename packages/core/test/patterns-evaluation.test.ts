/**
 * The evaluation family (patterns/families/evaluation.ts): runs that ended without a crash
 * but with a verdict — no episode succeeded, a navigation goal aborted, a scenario criterion
 * failed, a benchmark below its baseline, an episode truncated, a simulation gone NaN — and the
 * texts that look like verdicts but are not. Examples are written for this test in the wording
 * of the tools that print them (ManiSkill/LIBERO-style evaluators, Nav2, CARLA scenario runner,
 * MuJoCo, gymnasium); they are not accuracy cases.
 */
import t from 'tap';
import { expectReadings, readLog } from './patterns-read.js';

t.test('an evaluation with no success is the policy not achieving its task', async (t) => {
  expectReadings(t, [
    [
      'python eval.py --ckpt runs/pick_cube/ckpt_40000.pt\nEvaluating 50 episodes\nSuccess rate: 0.0%.',
      'policy_failure/task_not_achieved',
    ],
    [
      'Task: open the drawer\nSuccess: False\n# episodes completed so far: 20\n# successes: 0 (0.0%)',
      'policy_failure/task_not_achieved',
    ],
    ['eval/success_rate=0.000 eval/return=-12.4 steps=500000', 'policy_failure/task_not_achieved'],
    ['[rollout 3/10] success=False steps=400\n[rollout 4/10] success=False steps=400', 'policy_failure/task_not_achieved'],
  ]);
});

t.test('a success rate of half or more, or a success flag that is True, is no verdict of failure', async (t) => {
  // Positive controls in the same test: a zero reads as a failure, and so does a rate under half
  // (robotics-1 labels a 16% success rate as the task not achieved), below the 0.8 band.
  const zero = readLog('Evaluating 50 episodes\nsuccess_rate: 0.0');
  t.equal(`${zero.category}/${zero.factor}`, 'policy_failure/task_not_achieved', 'success_rate 0.0 is a failed evaluation');
  const low = readLog('Evaluating 50 episodes\nsuccess_rate: 0.05 (3/50)');
  t.equal(
    `${low.category}/${low.factor}`,
    'policy_failure/task_not_achieved',
    `success_rate 0.05 is a failed evaluation (${low.code})`,
  );
  t.ok(low.confidence < 0.8, `a low (not zero) rate is not a confident verdict (${low.confidence})`);
  for (const text of [
    'Evaluating 50 episodes\nsuccess_rate: 0.82',
    'Evaluating 50 episodes\nsuccess_rate: 0.5',
    'episode 7 done, success: True',
  ]) {
    const r = readLog(text);
    t.not(r.category, 'policy_failure', `${text.replace(/\n/g, ' ⏎ ')} (${r.code})`);
  }
});

t.test(
  'Nav2 giving up on a goal is the task not achieved, its progress watchdog a timeout; a Maven goal that failed is not navigation',
  async (t) => {
    expectReadings(t, [
      // docs/taxonomy.md, labelling guidance: the progress checker is a watchdog (timeout, "no
      // progress"); the abort that follows it is its consequence.
      [
        '[controller_server-4] [ERROR] [1700000000.1] [controller_server]: Failed to make progress\n[bt_navigator-7] [WARN] [1700000000.2] [bt_navigator]: [navigate_to_pose] [ActionServer] Aborting handle.',
        'timeout/hang_or_deadlock',
      ],
      [
        '[bt_navigator-7] [WARN] [1700000000.2] [bt_navigator]: [navigate_to_pose] [ActionServer] Aborting handle.',
        'policy_failure/task_not_achieved',
      ],
      [
        '[planner_server]: GridBased plugin failed to plan from (0.00, 0.00) to (4.10, 2.30): "Failed to create plan with tolerance of: 0.500000"',
        'policy_failure/task_not_achieved',
      ],
    ]);
    const maven = readLog(
      '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project api: Compilation failure',
    );
    t.not(maven.category, 'policy_failure', `a Maven goal is not a navigation goal (${maven.code})`);
  },
);

t.test('a scenario runner criteria table with FAILURE rows is a failed scenario', async (t) => {
  expectReadings(t, [
    [
      '========= Results of Scenario: RouteScenario_3 (FAILURE) =========\n| Criterion            | Result  | Value |\n| CollisionTest        | FAILURE | 2 times |\n| RouteCompletionTest  | FAILURE | 41.2 % |',
      'verification_failure/scenario_failed',
    ],
    ['> Registering the route statistics\nAgent got blocked at (x=120.3, y=-4.1, z=0.0)', 'verification_failure/scenario_failed'],
  ]);
});

t.test('a benchmark below its stored baseline is below_baseline', async (t) => {
  expectReadings(t, [
    [
      'bench: comparing with baseline main@4f2a1c\nREGRESSION DETECTED in 3 benchmark(s)\n  parse_large: 812 ops/s < 1043 ops/s',
      'logic_error/below_baseline',
    ],
    ['throughput regressed by 18.2% vs baseline (threshold 5%)', 'logic_error/below_baseline'],
  ]);
});

t.test('a simulation gone NaN, and a gymnasium truncation', async (t) => {
  expectReadings(t, [
    ['WARNING: Nan, Inf or huge value in QACC at DOF 7. The simulation is unstable. Time = 1.2340.', 'data_error/nan_or_inf'],
    ['step 4512: observation contains NaN; aborting rollout', 'data_error/nan_or_inf'],
    ['episode 12 finished: terminated=False truncated=True length=1000', 'policy_failure/env_truncated'],
  ]);
});

t.test('routes ended because the agent ran out of time are a truncated episode, not a failed criterion', async (t) => {
  expectReadings(t, [
    [
      '"meta": {\n  "exceptions": [\n    ["RouteScenario_4", 4, "Failed - Agent timed out"],\n    ["RouteScenario_9", 9, "Failed - Agent timed out"]\n  ]\n}',
      'policy_failure/env_truncated',
    ],
  ]);
  // Positive control: a criteria table with a FAILURE row keeps the scenario verdict.
  const table = readLog(
    '| CollisionTest | FAILURE | 1 times |\n| RouteCompletionTest | FAILURE | 40 % |\n| Timeout | SUCCESS | |',
  );
  t.equal(`${table.category}/${table.factor}`, 'verification_failure/scenario_failed', `${table.code}`);
});

t.test('a policy whose action distribution went NaN is a NaN, not a crash of the sampler', async (t) => {
  expectReadings(t, [
    [
      'File "rsl_rl/modules/actor_critic.py", line 124, in act\n    return self.distribution.sample()\nRuntimeError: normal expects all elements of std >= 0.0',
      'data_error/nan_or_inf',
    ],
    [
      'ValueError: Expected parameter loc (Tensor of shape (2048, 12)) of distribution Normal(loc: torch.Size([2048, 12]), scale: torch.Size([2048, 12])) to satisfy the constraint Real(), but found invalid values:\ntensor([[nan, nan, nan]])',
      'data_error/nan_or_inf',
    ],
  ]);
});

t.test('a metric averaged over no results is empty input, weakly', async (t) => {
  const r = readLog(
    'numpy/core/fromnumeric.py:3504: RuntimeWarning: Mean of empty slice.\n  return _methods._mean(a, axis=axis, dtype=dtype,\nsuccess rate: nan',
  );
  t.equal(`${r.category}/${r.factor}`, 'data_error/empty_input', `${r.code}`);
  t.ok(r.confidence < 0.8, `a warning, not a confident verdict (${r.confidence})`);
  // The same warning next to a real exception leaves the exception its reading.
  const key = readLog(
    'RuntimeWarning: Mean of empty slice.\nTraceback (most recent call last):\n  File "m.py", line 3\nKeyError: \'success\'',
  );
  t.equal(`${key.category}/${key.factor}`, 'runtime_error/key_error', `${key.code}`);
});

t.test('success rates worded over a number of episodes, or as a count out of the trials', async (t) => {
  expectReadings(t, [
    ['[LIBERO] Task libero_goal_7: success rate 0/50', 'policy_failure/task_not_achieved'],
    ['Mean success rate over 50 episodes: 0.08', 'policy_failure/task_not_achieved'],
  ]);
  const high = readLog('Mean success rate over 50 episodes: 0.86');
  t.not(high.category, 'policy_failure', `a high rate is no failure (${high.code})`);
});

t.test('a return or success rate below its threshold is the policy falling short', async (t) => {
  expectReadings(t, [
    ['eval/episode_return: -155.2 (threshold: 200.0) FAILED', 'policy_failure/task_not_achieved'],
    ['Evaluation finished: mean return 412.5 is below the threshold 450.0', 'policy_failure/task_not_achieved'],
  ]);
  // A benchmark slower than its baseline keeps its own reading.
  const bench = readLog('benchmark test_ik_solve: 2.31x slower than baseline (threshold 1.2x)');
  t.equal(`${bench.category}/${bench.factor}`, 'logic_error/below_baseline', `${bench.code}`);
});

t.test("evaluators' own metric names for a zero success, and asv's verdict", async (t) => {
  expectReadings(t, [
    ["{'avg_sum_reward': 0.0, 'avg_max_reward': 0.0, 'pc_success': 0.0, 'eval_s': 58.3}", 'policy_failure/task_not_achieved'],
    ['eval/success_once_mean: 0.0\neval/success_at_end_mean: 0.0\neval/return_mean: 1.73', 'policy_failure/task_not_achieved'],
    ['BENCHMARKS HAVE CHANGED SIGNIFICANTLY.\nPERFORMANCE DECREASED.', 'logic_error/below_baseline'],
  ]);
  const done = readLog("{'avg_sum_reward': 41.2, 'pc_success': 86.0, 'eval_s': 58.3}");
  t.not(done.category, 'policy_failure', `a high pc_success is no failure (${done.code})`);
});

t.test('an episode ended by a fall or a collision is the task not achieved', async (t) => {
  expectReadings(t, [['Episode terminated: robot fell (base height 0.11 < 0.25)', 'policy_failure/task_not_achieved']]);
  const fine = readLog('Episode terminated: goal reached in 312 steps');
  t.not(fine.category, 'policy_failure', `reaching the goal is no failure (${fine.code})`);
});

t.test('a joint whose state is NaN is a NaN of the simulation state', async (t) => {
  expectReadings(t, [["Warning: Joint 'left_knee' has NaN position", 'data_error/nan_or_inf']]);
  const fine = readLog("Joint 'left_knee' has position 0.42");
  t.not(fine.category, 'data_error', `a finite position is no NaN (${fine.code})`);
});
