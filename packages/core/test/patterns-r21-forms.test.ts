/**
 * Forms of robotics-21's misses that recur across robot projects (issue 13, session 14, second round),
 * all of them the reporter's prose with no error line: work that "gets stuck", is "blocked forever"
 * or "hangs" (no progress: timeout/hang_or_deadlock), a host that "ran out of memory" (a small board
 * building a package: resource_error/host_oom, rule 6), and a battery that "goes to 0%" mid-task
 * (hardware_fault/battery_low). Texts written for these tests, with negative controls, and a
 * hostile-input check of each new regex.
 */
import t from 'tap';
import { familyWithControls, hostileName, readsHostileRuns, readWhole } from './patterns-read.js';

familyWithControls(
  'work that stops making progress, in the reporter words, is a hang',
  [
    [
      'After launching the arm driver the homing routine gets stuck and the node never publishes joint states.',
      'timeout/hang_or_deadlock',
    ],
    [
      'Mission planner got stuck in the paused state when the robot was docked; nothing happens until restart.',
      'timeout/hang_or_deadlock',
    ],
    ['With four env workers the trainer is blocked forever on the pipe read in the vector env.', 'timeout/hang_or_deadlock'],
    ['When the master goes away the action client call hangs and the GUI freezes.', 'timeout/hang_or_deadlock'],
    ['The firmware loops forever in the limit switch search if the axis cannot reach the switch.', 'timeout/hang_or_deadlock'],
  ],
  [
    // A vehicle's state is not the program's progress; a hang after a named error is that error's.
    ['The drone just being stuck at full tilt and full throttle before it hit the wall.', '!timeout/hang_or_deadlock'],
    ["The launch gets stuck after this:\nModuleNotFoundError: No module named 'serial'", 'import_error/module_not_found'],
    ['I had a bad run and my code stuck with nothing to show for it.', '!timeout/hang_or_deadlock'],
    ['In the warehouse map the robot often gets stuck in a corner and spins in place.', '!timeout/hang_or_deadlock'],
    ['The planner got stuck in a local minimum behind the table.', '!timeout/hang_or_deadlock'],
    ['The mower gets stuck on wet grass near the hedge.', '!timeout/hang_or_deadlock'],
  ],
);

familyWithControls(
  'a host that ran out of memory, in the reporter words, is host memory (rule 6)',
  [
    [
      'Building the workspace on the Raspberry Pi 3 it ran out of memory and the compiler crashed halfway through.',
      'resource_error/host_oom',
    ],
    ['The Jetson runs out of memory while colcon builds the perception package.', 'resource_error/host_oom'],
  ],
  [
    ['Training the policy the GPU ran out of memory at batch 64.', '!resource_error/host_oom'],
    ['The run ran out of memory on the device during the second epoch.', '!resource_error/host_oom'],
    ['We ran out of time before the demo and the robot was left in the lab.', '!resource_error/host_oom'],
  ],
);

familyWithControls(
  'a battery that reaches 0% mid-task is a low battery',
  [
    [
      'The mower stops in the middle of the lawn: the battery drops to 0% instead of it returning to the dock.',
      'hardware_fault/battery_low',
    ],
    [
      'The vacuum keeps cleaning until its battery level went down to 0 % and it dies away from the base.',
      'hardware_fault/battery_low',
    ],
  ],
  [
    ['The battery goes to 80% after charging, then the robot docks normally.', '!hardware_fault/battery_low'],
    ['The progress bar goes to 0% and restarts every time I flash the board.', '!hardware_fault/battery_low'],
  ],
);

familyWithControls(
  'a zero success rate written before its name (0.0% SR) is a task not achieved',
  [
    [
      'Evaluating the released checkpoint on the suite I get 0.0% SR on every task, no error at all.',
      'policy_failure/task_not_achieved',
    ],
    ['The finetuned policy scores 0% SR in the real-robot pick task.', 'policy_failure/task_not_achieved'],
  ],
  [
    ['The finetuned policy scores 40.0% SR on the pick task and 10% SR on stacking.', '!policy_failure/task_not_achieved'],
    ['It reaches 100% SR in simulation.', '!policy_failure/task_not_achieved'],
  ],
);

// Hostile input for each new regex: a few thousand of the form's own punctuation and words, read well
// inside the test's timeout. The test counts the runs of the pattern's regex: a hostile text its
// regex is never given proves nothing.
t.test('the new forms read hostile runs in bounded work', { timeout: 30_000 }, async (t) => {
  const HANG = 'timeout.hang_prose';
  const OOM = 'host.oom_prose';
  const BATTERY = 'robot.battery_low';
  const runs: [text: string, pattern: string][] = [
    [`${'gets '.repeat(3000)}stuck`, HANG],
    [`${'robot always '.repeat(2000)}gets stuck ${'in the '.repeat(2000)}`, HANG],
    [`${'is blocked '.repeat(2000)}forevers`, HANG],
    [`${'service '.repeat(2000)}${'always '.repeat(2000)}hangs`, HANG],
    [`call${' '.repeat(4000)}hangs${' '.repeat(4000)}stuck`, HANG],
    [`${'GPU '.repeat(2000)}${'x'.repeat(4000)}ran out of memory${' '.repeat(4000)}`, OOM],
    [`${'ran out of '.repeat(2000)}memorys`, OOM],
    [`${'device '.repeat(2000)}runs out of RAM ${'CUDA '.repeat(2000)}`, OOM],
    [`${'battery '.repeat(2000)}goes to 0 0 0 %`, BATTERY],
    [`${'battery level goes down to '.repeat(1000)}1%`, BATTERY],
    [`${'0.0% '.repeat(3000)}SR`, 'eval.zero_success'],
    [`${'%'.repeat(4000)} SR ${'0'.repeat(4000)}% SR`, 'eval.zero_success'],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
