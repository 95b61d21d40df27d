/**
 * Patterns: policy evaluation and benchmark verdicts. The run itself did not crash: it ran to
 * its end and reported that the policy, the scenario or the build did not do well enough —
 * a success rate of zero, every episode `Success: False`, a navigation goal aborted, a
 * scenario runner's criteria table with FAILURE rows, a benchmark below its stored baseline,
 * a gymnasium episode cut by its time limit, or a simulator whose state went NaN.
 *
 * Invariant: these are verdicts, so they sit below every crash reading (a traceback in the same
 * log wins by priority) and above nothing that names a cause. Evaluated in the order of
 * library.ts; tested in test/patterns-evaluation.test.ts.
 */
import type { Pattern } from '../types.js';

export const EVALUATION: Pattern[] = [
  {
    id: 'eval.zero_success',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.85,
    priority: 58,
    match:
      /(\b(?:success(?:[ _-]?rate)?|succ_rate|success_once(?:_mean)?|success_at_end(?:_mean)?|success_mean|pc_success|SR)["']?\s{0,3}[:=]\s{0,3}0(?:\.0{1,6})?\s{0,2}%?(?![\d.])|successes: 0 \(0(?:\.0{1,4})?%\)|%(?<=(?:^|[^\d.])0(?:\.0{1,4})?%) (?:success(?: rate)?|SR)\b|success rate (?:of |is |was )?0(?:\.0{1,4})?%|success(?:[ _-]?rate)?\s{0,3}[:=]?\s{0,3}0 ?\/ ?\d{1,6}(?![\d.])|(?:episodes?|trials?|tasks?|rollouts?)(?<=(?:^|\D)0 ?\/ ?\d{1,6} (?:episodes?|trials?|tasks?|rollouts?)) (?:succeeded|successful|solved)|\b(?:no|zero) (?:successful )?(?:episodes?|trials?|rollouts?) (?:succeeded|were successful)|\b(?:a |the )?zero success rate\b|\bsuccess rate of (?:zero|0)\b(?![.\d])|\b(?:success[ _-]?rate|succ_rate|SR)[`'"]?\s{0,20}\|\s{0,3}0(?:\.0{1,6})?\s{0,20}(?:\||$))/im,
    // The rate written before its name reads either way round: "0.0% success rate", "0.0% SR on all task suites"
    // (robotics-21, LIBERO's SR abbreviation as the "SR: 0.0" form above).
    title: 'Policy evaluation: no episode succeeded',
    hypothesis:
      'The evaluation ran to its end without an error, and the policy achieved the task in none of the episodes (a success rate of 0): the policy, its checkpoint, or the observation/action interface between policy and environment is wrong.',
    fix: 'Replay a few episodes and watch them; check that the checkpoint, the action space and scaling, the observation keys and the camera setup match what the policy was trained with.',
    actions: [
      'Watch the rollout videos of a few failed episodes',
      "Check the checkpoint path and the action/observation normalisation against training's",
      'Evaluate a known-good checkpoint in the same harness',
    ],
  },
  {
    id: 'eval.episode_failed',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.72,
    priority: 45,
    match:
      /((?<!_Response\()\bsuccess(?:ful)?["']?\s{0,2}[:=]\s{0,2}(?:False|false)\b|--success=False--|\btask (?:was )?not (?:completed|achieved|accomplished|solved)\b|\b(?:episode|trial|rollout) (?:failed|ended in failure)\b|\bgoal (?:was )?not (?:reached|achieved)\b|failed to reach (?:the )?goal|is_success["']?\s{0,2}[:=]\s{0,2}(?:False|false|0)\b|Episode terminated:? [^\n]{0,30}\b(?:fell|fall(?:en)?|collided|collision|crashed|out of bounds)\b[^\n]{0,30}|\bsuccess`?\s{0,2}(?:is|was|gets|got) (?:evaluated|reported|returned|marked|scored|judged) as`?\s{0,2}`?(?:False|FALSE|false|failure|failed)\b)/i,
    title: 'Policy did not achieve the task',
    hypothesis:
      'The episode ended without achieving its task (success is False), with no crash: the policy acted, but not well enough.',
    fix: "Replay the episode; compare the policy's actions with a successful run of the same task.",
    actions: ['Watch the episode replay', 'Compare with a successful episode of the same task'],
  },
  {
    id: 'nav.no_progress',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'medium',
    confidence: 0.72,
    priority: 58,
    // The navigation stack's progress checker (a watchdog): the robot did not move far enough in
    // the allowed time. docs/taxonomy.md lists "watchdog, no progress" under timeout; its labelling
    // guidance says a watchdog trip is the timeout, a planner that finds no path the goal not reached.
    match: /(Failed to make progress|Controller patience exceeded)/i,
    needs: ['progress', 'patience'],
    title: 'Navigation made no progress (progress checker tripped)',
    hypothesis:
      "The controller's progress checker aborted the goal: the robot did not move the required distance within the allowed time (blocked, oscillating, or commands not reaching the base).",
    fix: 'Check that velocity commands reach the base (and odometry moves), the local costmap around the robot, and the progress checker radius and time allowance.',
    actions: [
      'Check that cmd_vel reaches the base and odometry changes',
      'Inspect the local costmap at the abort',
      'Review the progress checker (required_movement_radius, movement_time_allowance)',
    ],
  },
  {
    id: 'nav.goal_aborted',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.78,
    priority: 57,
    match:
      /(Failed to process waypoint[^\n]{0,60}|[Gg]oal (?:was )?(?:aborted|failed)\b|\b(?:navigation|navigate_to_pose|NavigateToPose|NavigateThroughPoses|FollowWaypoints|follow_path|compute_path_to_pose)\b[^\n]{0,40}(?:aborted|failed)\b|Aborting handle|Robot is stuck|(?:robot|base) (?:got|is) stuck|failed to (?:create|compute|find) (?:a )?(?:global )?(?:plan|path)[^\n]{0,40}|GridBased[^\n]{0,40}(?:failed|no valid path)|Planning algorithm [\w-]{1,40} failed|No valid path found|Failed to get a plan|recovery behaviors? (?:failed|exhausted)|All recoveries failed)/i,
    title: 'Navigation goal not reached (planner or controller gave up)',
    hypothesis:
      'The navigation stack (Nav2 / move_base) aborted the goal: the planner found no path or the controller made no progress, so the robot did not get where it was sent.',
    fix: 'Check the costmaps at the failure time (obstacles, inflation, an unknown start pose), the localisation, and the controller progress-checker and planner tolerances.',
    actions: [
      'Inspect the global and local costmaps at the abort',
      'Check localisation (the robot pose vs the map)',
      'Review the progress checker and goal tolerances',
    ],
  },
  {
    // A policy that worked in simulation and fails on the real robot, told in prose (humanoid and
    // legged RL deployments): the robot falls, cannot stand or keep its balance, with the simulation
    // named as where it worked. No error explains it: the task not achieved (rule 1's last sentence).
    // Below every reading that names a cause (a motor, a gain, a crash in the same text wins).
    id: 'eval.sim_to_real_failed',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.5,
    priority: 44,
    needs: ['fell', 'fall', 'stand', 'stay', 'balance', ' well'],
    match:
      /(\b(?:fell|falls? (?:down|over|forward|backward)|falling (?:down|over))\b[^\n]{0,40}|\b(?:could(?:n't| not)|can(?:not|'t)|unable to|not able to|(?:wasn't|isn't|weren't) able to|fail(?:s|ed)? to) (?:stand|stay (?:on|up|upright)|keep (?:its |the )?balance|balance)\b[^\n]{0,40}|\blos(?:es|t|ing) (?:its |the )?balance\b[^\n]{0,40}|\b(?:didn't|did not|does not|doesn't) (?:perform|work) well\b[^\n]{0,40})/i,
    also: /\b(?:in (?:the )?(?:sim(?:ulation|ulator)?|mujoco|isaac ?(?:gym|sim|lab)|gazebo)\b|sim-?to-?real|sim2real|(?:on|in) (?:the )?real (?:robot|world|hardware)|\bin real\b|deploy(?:ed|ing|ment)? (?:the |my |our )?(?:policy|controller|model))/i,
    title: 'The policy that worked in simulation fails on the real robot',
    hypothesis:
      'The policy ran on the robot without an error and did not do its task (the robot falls or cannot stand), while it worked in simulation: a sim-to-real gap or a deployment difference (observation order or scaling, control gains and rates, the default pose, latency).',
    fix: "Compare the deployment with the simulation step by step: the observation vector's order, units and scaling, the action scaling and PD gains, the control rate and the default joint pose; replay a recorded real observation through the policy in simulation.",
    actions: [
      "Log the real robot's observations and compare them with the simulation's",
      'Check the PD gains, action scale and control frequency against the training config',
    ],
  },
  {
    id: 'eval.below_threshold',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.7,
    priority: 77,
    needs: ['threshold', 'target', 'required'],
    match:
      /(\b(?:(?:mean |average |avg )?(?:episode[_ ])?(?:return|reward)s?|success[ _]?rate)\b[^\n]{0,30}\b(?:is |was )?(?:below|under|less than|lower than|<) (?:the )?(?:threshold|target|required)[^\n]{0,40}|\b(?:episode[_ ])?(?:return|reward)s?\b[^\n]{0,30}\((?:threshold|target): -?[\d.]{1,12}\)[^\n]{0,10}\bFAIL(?:ED|URE)?\b)/i,
    title: 'The policy scored below the required return or success rate',
    hypothesis:
      'The evaluation ran to its end and the policy scored below the threshold it has to meet (a return or success rate under the target): the policy does not do the task well enough — a weaker checkpoint, a changed environment or evaluation setup.',
    fix: 'Compare with the last checkpoint that passed (same seeds and environment version), check the evaluation setup, and look at the failing episodes.',
    actions: ['Re-run the evaluation of the last passing checkpoint with the same seeds', 'Watch the episodes that fail'],
  },
  {
    id: 'eval.route_timed_out',
    category: 'policy_failure',
    factor: 'env_truncated',
    severity: 'medium',
    confidence: 0.74,
    priority: 66,
    needs: ['agent timed out', 'route_timeout', 'agent took longer than'],
    match:
      /(Failed - Agent timed out[^\n]{0,20}|Agent took longer than[^\n]{0,60}|"?route_timeout"?\s{0,2}:\s{0,2}[1-9][\d.]{0,20})/,
    unless:
      /\|\s{0,4}(?:FAILURE|FAILED)\s{0,4}\||\b(?:CollisionTest|RunningRedLightTest|RunningStopTest|OutsideRouteLanesTest)\b[^\n]{0,60}\bFAILURE\b/,
    title: 'The driving agent ran out of time on its routes',
    hypothesis:
      'The leaderboard / scenario runner ended the route because the agent used up the route\'s time budget ("Failed - Agent timed out", route_timeout): the agent drove too slowly or stood still — the episode was cut, it did not crash.',
    fix: 'Watch the recorded route where the time ran out: an agent that stops (a false obstacle, a traffic light it waits for) or creeps; fix the behaviour, and check the simulation runs at the expected rate.',
    actions: [
      'Replay the routes that timed out and find where the agent stands still',
      "Check the agent's speed and brake outputs there",
    ],
  },
  {
    id: 'eval.policy_nan',
    category: 'data_error',
    factor: 'nan_or_inf',
    severity: 'high',
    confidence: 0.8,
    priority: 79,
    needs: ['std >= 0', 'satisfy the constraint', 'invalid values'],
    match:
      /(normal expects all elements of std >= 0\.0[^\n]{0,20}|Expected parameter (?:loc|scale|probs|logits|concentration|rate)[^\n]{0,200}to satisfy the constraint [\w().,\s]{1,60}, but found invalid values[^\n]{0,40})/,
    title: "The policy's action distribution went NaN",
    hypothesis:
      "Sampling the policy's actions failed because the distribution's parameters (mean/std) became NaN or invalid: training diverged (exploding losses or gradients, NaN observations or rewards from the simulation), not a bug in the sampling call.",
    fix: 'Find the first NaN: check observations and rewards for NaN/Inf (clip them), lower the learning rate, clip gradients and bound the log-std; resume from the last checkpoint before the divergence.',
    actions: ['Log when observations, rewards or losses first become non-finite', 'Clip gradients and bound the action std'],
  },
  {
    id: 'eval.empty_results',
    category: 'data_error',
    factor: 'empty_input',
    severity: 'medium',
    confidence: 0.6,
    // Above the structure's generic reach (classify.ts GENERIC_PRIORITY 45): numpy's "invalid value
    // encountered in scalar divide" that follows it is the NaN this empty mean produced, and rule 7
    // says a NaN computed from nothing is the empty input (robotics-2 br2-simplerenv-metrics).
    priority: 46,
    needs: ['mean of empty slice'],
    match: /(RuntimeWarning: Mean of empty slice\.?[^\n]{0,20})/,
    // numpy's warning: a raised error or fatal signal after it, or a run that finished, is what the run
    // ended of (classify.ts, Pattern.warning), as for data.numpy_float_warning.
    warning: true,
    title: 'A metric averaged over no results',
    hypothesis:
      'A metric (a success rate, a mean return) was averaged over an empty set: the results it reads were not found (a wrong path or task name, no episodes written), so it comes out NaN.',
    fix: 'Check the path and filters the metric script reads its results from, and that the evaluation actually wrote episodes there; fail loudly when there are none.',
    actions: ['List the results directory the script reads', 'Count the episodes it found before averaging'],
  },
  {
    id: 'verify.scenario_criteria',
    category: 'verification_failure',
    factor: 'scenario_failed',
    severity: 'medium',
    confidence: 0.82,
    priority: 62,
    match:
      /(\|\s{0,4}(?:FAILURE|FAILED)\s{0,4}\||\b(?:CollisionTest|RouteCompletionTest|OutsideRouteLanesTest|RunningRedLightTest|RunningStopTest|InRouteTest|AgentBlockedTest|MaxVelocityTest|KeepLaneTest|DrivenDistanceTest|ReachedRegionTest|InRadiusRegionTest)\b[^\n]{0,60}\bFAILURE\b|Agent (?:timed out|got blocked)|Agent took longer than[^\n]{0,40}|Route(?: \d{1,6})? (?:failed|result: Failed)|(?:Simulation|Scenario) crashed|Result\s{0,10}(?:\|\s{0,4})?FAILURE|> Result:?\s{0,4}FAILURE|Status:\s{0,4}Failed - Agent|["']test_status["']\s{0,3}:\s{0,3}["']FAILURE["'])/,
    title: 'Scenario or leaderboard criteria failed',
    hypothesis:
      'A scenario runner (CARLA scenario runner, a leaderboard, a simulation test suite) completed and reported that the agent failed one of its criteria (collision, route completion, timeout, blocked).',
    fix: "Read which criterion failed and replay the scenario at that time; treat the verdict as the agent's behaviour, not an infrastructure error.",
    actions: ['Read the criteria table for the FAILURE rows', 'Replay the scenario around the failed criterion'],
  },
  {
    id: 'bench.below_baseline',
    category: 'logic_error',
    factor: 'below_baseline',
    severity: 'medium',
    confidence: 0.82,
    priority: 60,
    match:
      /(REGRESSION DETECTED[^\n]{0,60}|performance regression (?:detected|found)[^\n]{0,40}|(?:benchmark|perf(?:ormance)?|throughput|latency)[^\n]{0,40}regress(?:ed|ion)[^\n]{0,40}|(?:slower|worse|lower) than (?:the )?(?:baseline|main|master|previous|reference)[^\n]{0,40}|exceeds? (?:the )?(?:regression )?threshold of \d[^\n]{0,40}|Performance alert[^\n]{0,60}|PERFORMANCE DECREASED\.?|BENCHMARKS HAVE CHANGED SIGNIFICANTLY\.?)/i,
    title: 'Benchmark below its baseline',
    hypothesis:
      'A benchmark completed and compared its figures with a stored baseline: they fell below it beyond the allowed threshold, so a recent change made the code slower or worse.',
    fix: 'Bisect the change between the baseline and this run; re-run the benchmark to rule out noise before reverting.',
    actions: ['Re-run the benchmark to confirm it is not noise', 'Bisect the commits since the baseline'],
  },
  {
    id: 'eval.low_success',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.7,
    priority: 56,
    needs: ['success', 'succ_rate', 'episode', 'sr', 'test_mean_score', 'test/mean_score'],
    match:
      /(\b(?:success(?:[ _-]?rate)?|succ_rate)["']?\s{0,3}[:=]\s{0,3}0?\.[0-4]\d{0,6}(?![\d.])|\bsuccess[ _-]?rate (?:over|across|on|for) [\w ]{1,40}[:=]\s{0,3}0?\.[0-4]\d{0,6}(?![\d.])|success rate (?:of |is |was )?(?:[0-9]|[1-4][0-9])(?:\.\d{1,4})? ?%|\bEpisode \d{1,6}\b[^\n]{0,40}\b(?:Score|Success|Reward)\s{0,2}[:=]\s{0,2}0(?:\.0{1,6})?(?![\d.])|\b(?:success[ _-]?rate|succ_rate|SR)[`'"]?\s{0,20}\|\s{0,3}0?\.[0-4]\d{0,6}\s{0,20}(?:\||$)|\bsuccess[ _-]?rate (?:is |was )?only (?:about |around |~)?0?\.[0-4]\d{0,6}(?![\d.])|\btest[/_]mean_score["']?\s{0,3}[:=]\s{0,3}0?\.[0-4]\d{0,6}(?![\d.])|\bTotal (?:tasks|episodes|trials): \d{3,6}\s{0,4}\n\s{0,4}Successful (?:tasks|episodes|trials): \d(?!\d))/im,
    title: 'Policy evaluation: the task was rarely achieved',
    hypothesis:
      'The evaluation ran to its end and reported that the policy achieved the task in under half of the episodes (or an episode scored 0): the policy is not good enough on this task or setup, not a crash.',
    fix: 'Watch the failed rollouts; compare the evaluation setup (checkpoint, horizon, observation and action normalisation, seeds) with the one the policy was trained and reported with.',
    actions: ['Watch the rollout videos of failed episodes', 'Evaluate a known-good checkpoint in the same harness'],
  },
  {
    id: 'bench.below_reported',
    category: 'logic_error',
    factor: 'below_baseline',
    severity: 'medium',
    confidence: 0.72,
    priority: 59,
    needs: ['paper', 'report', 'official', 'published', 'reproduc', 'should be'],
    match:
      /(\b(?:My|Our|Reproduced|Reproduction)\b[\w ]{0,30}\|\s{0,4}(?:Paper|Reported|Official|Published)\b[^\n]{0,40}|(?:[Cc]an(?:no|')t|[Cc]ould(?:n'?t| not)|[Uu]nable to|[Ff]ail(?:ed)? to) reproduce (?:the )?(?:reported|paper'?s?|published|official)[^\n]{0,60}|(?:lower|worse|below) than (?:the |what )?(?:~?\d[\d.]{0,6}%? )?(?:reported|paper|published|official|in the paper)[^\n]{0,60}|(?:[Tt]rying|[Tt]ried|[Tt]ry|[Aa]ttempt(?:ing|ed)?) to reproduce (?:the |your )?(?:results?|numbers|performance|success rates?)[^\n]{0,60}|should be (?:around|about|~) ?\d{1,3}(?:\.\d{1,3})? ?%[\s\S]{0,200}?\b(?:I|we) (?:get|got|obtain(?:ed)?|achieved?|reach(?:ed)?)\b[^\n]{0,60}|\b(?:[Ww]hile|[Ww]hereas|but) (?:in )?(?:the|your) (?:paper|original paper|README)(?: you)? (?:states?|reports?|reported|says|shows|claims|lists|gives)\b[^\n\d]{0,30}\d[^\n]{0,40}|\b(?:[Ww]hile|[Ww]hereas) you (?:have )?report(?:ed)?\b[^\n\d]{0,30}\d[^\n]{0,40}|(?:[Ff]ail(?:ed|s)? to|did(?: not|n't)|does(?: not|n't)|could(?: not|n't)|can(?:not|'t)) (?:achieve|reach|match|attain) (?:the )?[\w -]{0,40}(?:metrics?|results?|numbers|performance|scores?|success rates?) (?:reported|claimed|published|stated|shown|in the paper)[^\n]{0,40}|(?:[Ff]ail(?:ed|s)? to|did(?: not|n't)|does(?: not|n't)) (?:converge|learn|work|perform)[^\n]{0,20}\bas (?:in|reported in|shown in|described in) the paper[^\n]{0,20}|discrepancy between (?:the )?(?:reported|paper|published) and (?:the )?(?:reproduced|replicated|my|our)[^\n]{0,40}|\b(?:My|my|Our|our) reproduc(?:tion|ed) (?:results?|numbers|scores?|performance)\b[^\n]{0,40}|\b(?:Paper|Reported|Official|Published)\b[\w ]{0,30}\|\s{0,4}(?:Replicated|Reproduced|Reproduction|My|Ours?)\b[^\n]{0,40}|\*{0,2}Reported in (?:the )?paper\*{0,2}\s{0,4}\|[\s\S]{0,200}?\bReproduced\b[^\n]{0,40}|\b(?:[Ww]hile|[Ww]hereas|but) the (?:results?|scores?|numbers?) should be\b[^\n]{0,20})/,
    // A reproduction report is a report of figures: a crash in it is the crash.
    unless: /Traceback \(most recent call last\)|\b\w{0,40}(?:Error|Exception): /,
    title: 'Reproduced figures below the reported ones',
    hypothesis:
      'The evaluation completed, but the figures it produced are below the ones reported for the same model and benchmark (the paper or the official release): the setup differs from the reference one, or the reference is not reproducible.',
    fix: 'Compare the evaluation setup with the reference one (checkpoint, seeds, number of trials, simulator and benchmark versions) before concluding the model is worse.',
    actions: ['List the differences from the reference setup', 'Re-run with the reference seeds and versions'],
  },
  {
    id: 'replay.not_reproduced',
    category: 'regression',
    factor: 'replay_regression',
    severity: 'medium',
    confidence: 0.76,
    priority: 60,
    needs: ['replay'],
    match:
      /(\b(?:Episode|episode|Demo|demo|Trajectory|trajectory) \d{1,9} (?:is|was) not replayed successfully[^\n]{0,20}|replay(?:ed)? (?:episodes? )?(?:did not|does not|failed to) (?:succeed|reproduce (?:the )?(?:original|recorded|source))[^\n]{0,40}|replay (?:is |was )?(?:worse|lower) than (?:the )?(?:original|source|baseline) episode[^\n]{0,40})/,
    title: 'Replayed episodes no longer succeed',
    hypothesis:
      'Episodes that succeeded when recorded do not succeed when replayed (under another controller, simulator version or conversion), so the replay does worse than its source episodes.',
    fix: 'Compare the replay setup (controller mode, simulator version, action conversion) with the recording; replay with the original controller to confirm the conversion is at fault.',
    actions: ['Replay one failing episode with the original controller', 'Check the simulator and controller versions'],
  },
  {
    id: 'env.truncated',
    category: 'policy_failure',
    factor: 'env_truncated',
    severity: 'low',
    confidence: 0.8,
    priority: 55,
    match:
      /(TimeLimit\.truncated["']?\s{0,2}[:=]\s{0,2}True|\btruncated["']?\s{0,2}[:=]\s{0,2}True\b|episode (?:was )?truncated[^\n]{0,40}|(?:reached|hit|exceeded) (?:the )?(?:max(?:imum)?[_ ]episode[_ ]steps|time limit of the episode|max(?:imum)? (?:number of )?steps)[^\n]{0,40}|\b(?:episodes?|environments?|envs?)\b[^\n]{0,60}?\b(?:due to|because of|(?:info|reason|done) (?:as|=|:)) (?:a )?time ?out\b[^\n]{0,20})/i,
    title: 'Episode cut by its time limit (truncated)',
    hypothesis:
      'The environment ended the episode because it hit its step or time limit (gymnasium truncation), not because the task failed or succeeded.',
    fix: 'Decide whether the limit is right for the task; a policy that needs more steps may be slow rather than wrong.',
    actions: ['Compare episode length with the limit', 'Check whether the policy was making progress when cut'],
  },
  {
    id: 'sim.nan_state',
    category: 'data_error',
    factor: 'nan_or_inf',
    severity: 'high',
    confidence: 0.88,
    priority: 78,
    match:
      /(Nan, Inf or huge value in (?:QACC|QVEL|QPOS|ACT)[^\n]{0,40}|\b(?:mjWARN_)?BAD(?:QACC|QVEL|QPOS|CTRL)\b|Simulation (?:is )?unstable[^\n]{0,40}|simulation (?:became|went) unstable[^\n]{0,40}|(?:observations?|obs|actions?|rewards?|returns?|state|qpos|qvel|joint (?:positions?|velocities))[^\n]{0,20}(?:contains?|has|have|is|are|became) (?:a )?(?:NaN|nan|inf|Inf)s?\b|(?:NaN|nan)s? (?:detected )?in (?:the )?(?:observations?|actions?|rewards?|simulation state|physics)[^\n]{0,40}|PhysX[^\n]{0,60}(?:NaN|invalid (?:transform|pose|value))|Invalid PhysX transform[^\n]{0,60}|[Jj]oint '?[\w/.-]{1,80}'? has (?:a )?(?:NaN|nan|inf|Inf) (?:position|velocity|effort|value)[^\n]{0,20})/,
    title: 'NaN/Inf in the simulation or the policy’s numbers',
    hypothesis:
      'The simulator state (or the observations/actions fed through it) became NaN or Inf: an unstable physics step (too large a timestep, bad inertias, exploding actions) or a policy that output NaN.',
    fix: 'Lower the physics timestep or the action scale, check the model’s masses and inertias, and clip/validate actions before stepping.',
    actions: [
      'Check the actions at the step before the NaN',
      'Lower the timestep or add substeps',
      'Validate the model file (masses, inertias, limits)',
    ],
  },
];
