/**
 * Failures told in prose (issue 13, session 15): the reporter's words with no error output
 * (test/accuracy/evaluate.js formOf). Two statements whose tuned labels agree: a policy that runs on
 * the robot and does not do its task ("kept shaking", "kicks erratically", "could no longer complete
 * the task": policy_failure/task_not_achieved), and a reproduction gap with a figure ("cannot reproduce
 * the result of 41.6", "far from 90%": logic_error/below_baseline). Texts written for these tests;
 * negative controls are prose that says it works, questions, feature requests, a named device or gain,
 * and error output where the prose is the reporter's guess; and a hostile-input check of each regex.
 */
import t from 'tap';
import { familyWithControls, hostileName, readsHostileRuns, readWhole } from './patterns-read.js';

familyWithControls(
  'a policy that runs and does not do its task, in the reporter words, is a task not achieved',
  [
    [
      'After we deployed the trained policy on the Franka, the arm kept shaking near the cup and never picked it up.',
      'policy_failure/task_not_achieved',
    ],
    ['Once the walking policy takes control of the quadruped it starts kicking erratically.', 'policy_failure/task_not_achieved'],
    [
      'The VLA checkpoint runs on the real arm, but after the first pick the robot could no longer complete the stacking task.',
      'policy_failure/task_not_achieved',
    ],
    [
      'In the test runs the RL agent did not grasp anything and could not reach the target pose.',
      'policy_failure/task_not_achieved',
    ],
  ],
  [
    ['The arm kept shaking after I raised the P gain of the joint controller.', '!policy_failure/task_not_achieved'],
    ['When we deploy the policy the arm kept shaking; the shoulder motor was overheating.', '!policy_failure/task_not_achieved'],
    ['The policy works well on the robot and grasps every object we tried.', '!policy_failure/task_not_achieved'],
    ['Can the policy be deployed on a UR5 to grasp objects from a bin?', '!policy_failure/task_not_achieved'],
    ['Feature request: let the agent reach a target pose given in the base frame.', '!policy_failure/task_not_achieved'],
    [
      'Traceback (most recent call last):\n  File "deploy.py", line 3, in <module>\n    run()\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB\nI think this is why the policy kept shaking.',
      '!policy_failure/task_not_achieved',
    ],
  ],
);

familyWithControls(
  'a reproduction gap with a figure, in the reporter words, is below the reported baseline',
  [
    [
      'I evaluated the released 7B model on GSM8K and cannot reproduce the accuracy of 62.3; I get 48.',
      'logic_error/below_baseline',
    ],
    ['There is a gap between the reported 71.2% on MATH and what my run gives (64%).', 'logic_error/below_baseline'],
    [
      'The README says the model reaches 80.1 on HumanEval, but my score with the same script is 70.4.',
      'logic_error/below_baseline',
    ],
    ['With the official checkpoint the success rate on LIBERO-Goal is far from 95%.', 'logic_error/below_baseline'],
  ],
  [
    ['I was unable to reproduce the results shown in the video on my robot.', '!logic_error/below_baseline'],
    ['I cannot reproduce the crash on my machine anymore.', '!logic_error/below_baseline'],
    ['My results match the paper: 71.2% on MATH, thanks for the release!', '!logic_error/below_baseline'],
    ['Could you share the seeds you used for the results in Table 2?', '!logic_error/below_baseline'],
    ['Feature request: a script to reproduce the results of 4 benchmarks at once.', '!logic_error/below_baseline'],
    [
      'Traceback (most recent call last):\n  File "eval.py", line 9, in <module>\n    score = row["pass@1"]\nKeyError: \'pass@1\'\nI cannot reproduce the result of 56.1 because of this.',
      '!logic_error/below_baseline',
    ],
  ],
);

// Hostile input for each new regex: a few thousand of the form's own words and punctuation (ending
// one character short of a match, so that the prefilter still lets the regex run), read well inside
// the test's timeout; the runs of the pattern's regex are counted.
t.test('the prose forms read hostile runs in bounded work', { timeout: 30_000 }, async (t) => {
  const POLICY = 'eval.policy_misbehaves_told';
  const GAP = 'bench.below_reported_told';
  const runs: [text: string, pattern: string][] = [
    [`policy ${'kept '.repeat(3000)}shakes`, POLICY],
    [`${'could not reach the '.repeat(2000)}targets`, POLICY],
    [`policy ${'could no longer complete the '.repeat(1500)}tasks`, POLICY],
    [`policy moves${' '.repeat(5000)}erratically${' '.repeat(5000)}`, POLICY],
    [`${'cannot reproduce the result '.repeat(1000)}x`, GAP],
    [`The paper states ${'1 '.repeat(3000)}my scores`, GAP],
    [`The paper states ${'a'.repeat(80)}1${' '.repeat(200)} my score ${'x'.repeat(4000)}`, GAP],
    [`${'performance '.repeat(2000)}is far from ${'9'.repeat(3000)}`, GAP],
    [`${'gap between the reported '.repeat(1000)}x`, GAP],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
