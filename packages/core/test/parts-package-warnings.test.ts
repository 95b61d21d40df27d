/**
 * Package messages that are warnings (PartMeaning.warning, parts/table.ts warns) take the warning step a
 * pattern's warning takes (classify.ts, types.ts Pattern.warning): a later raised error or fatal signal
 * that does not repeat the warning, or a run that finished, outlives it, and then no reader reads its words
 * (the structure tables and the package messages through readParts' mask, the model's text). A warning
 * nothing outlives still answers. Entries marked (issue 13, session 21): robomimic's optional backbones
 * ("WARNING: could not load r3m library!"), legged_gym's Flex warning, PlatformIO's udev rules warning,
 * ros2topic's "does not appear to be published yet", roslaunch's four network warnings (with the errors
 * roslaunch's source says they cause as their consequence: review 21 F3).
 * Texts written for these tests in the forms the packages print.
 */
import t from 'tap';
import { PACKAGE_MESSAGES } from '../src/patterns/parts/tables/packages/index.js';
import { readLog, readsHostileRuns, rulesOnly } from './patterns-read.js';

const R3M = 'WARNING: could not load r3m library!';
const ROS_IP =
  "WARNING: IP addresses ['10.0.0.5'] for local hostname 'jetson' do not appear to match any local IP address (['192.168.1.20']). Your ROS nodes may fail to communicate.";
const PIO_UDEV =
  'Warning! Please install `99-platformio-udev.rules`. \nMore details: https://docs.platformio.org/en/latest/core/installation/udev-rules.html';

const pair = (logs: string) => {
  const r = rulesOnly(() => readLog(logs));
  return `${r.category}/${r.factor}`;
};

t.test('the marked entries are warnings whose form is their message', async (t) => {
  const marked = PACKAGE_MESSAGES.filter((m) => m.meaning.warning);
  t.ok(marked.length >= 9, `${marked.length} package warnings`);
  for (const m of marked) {
    const form = m.meaning.warning?.form as RegExp;
    t.ok(form, `${m.pkg}: a form`);
    const example = m.says.replaceAll('{}', 'x');
    t.ok(form.test(example), `${m.pkg}: the form reads the message (${m.says.slice(0, 40)})`);
    t.notOk(form.test(''), `${m.pkg}: not an empty string`);
  }
});

t.test('a package warning nothing outlives still answers', async (t) => {
  t.equal(pair(`loading dataset\n${R3M}\nepoch 1 loss 0.3`), 'import_error/module_not_found', 'robomimic r3m alone');
  t.equal(pair(`${ROS_IP}\nstarted roslaunch server http://jetson:39123/`), 'config_error/invalid_config', 'roslaunch alone');
});

t.test('a later raised error or a finished run outlives a package warning', async (t) => {
  const r3mThenRaised = [
    R3M,
    'Traceback (most recent call last):',
    '  File "train.py", line 88, in <module>',
    '    run(cfg)',
    'Exception: rollout worker 3 returned no episodes',
  ].join('\n');
  const r3mThenFinished = `${R3M}\nepoch 50 loss 0.01\nTraining finished, saved to /ckpt/model_50.pth`;
  const rosIpThenRaised = [
    ROS_IP,
    'Traceback (most recent call last):',
    '  File "/opt/ros/noetic/lib/robot/planner.py", line 12, in <module>',
    'Exception: goal queue empty',
  ].join('\n');
  const pioThenRaised = `${PIO_UDEV}\nBuilding .pio/build/uno/firmware.hex\nTraceback (most recent call last):\nException: bad board id`;
  for (const [name, text, warned] of [
    ['robomimic then a raised error', r3mThenRaised, 'import_error/module_not_found'],
    ['robomimic then a finished run', r3mThenFinished, 'import_error/module_not_found'],
    ['roslaunch then a raised error', rosIpThenRaised, 'config_error/invalid_config'],
    ['platformio then a raised error', pioThenRaised, 'auth_error/permission_denied'],
  ] as const) {
    t.match(text, /WARNING|Warning!/, `${name}: the control holds the warning`);
    t.not(pair(text), warned, `${name}: not the warning's reading`);
  }
  // The warning repeated after the raised error is the warning again, not outlived there: the raised error
  // is still after its first occurrence, so it is outlived (the step reads from the first).
  t.not(pair(`${r3mThenRaised}\n${R3M}`), 'import_error/module_not_found', 'the warning again after the error');
});

t.test("roslaunch's network warnings: what they cause is theirs, not a later cause", async (t) => {
  // roslaunch/launch.py: the master URI names another host, roslaunch auto-starts a master, which cannot bind there.
  const MASTER_ELSEWHERE =
    'WARNING: ROS_MASTER_URI [http://10.0.0.9:11311] host is not set to this machine\nauto-starting new master';
  const runs: [string, string, boolean][] = [
    [
      'the master cannot bind',
      'RLException: ERROR: Unable to start master process: [Errno 99] Cannot assign requested address',
      true,
    ],
    ['the master not started', 'RLException: ERROR: unable to auto-start master process', true],
    ['a raised error not about it (control)', 'Traceback (most recent call last):\nException: goal queue empty', false],
  ];
  for (const [name, after, warned] of runs) {
    const got = pair(`${MASTER_ELSEWHERE}\n${after}`);
    if (warned) t.equal(got, 'config_error/invalid_config', `${name}: the warning answers`);
    else t.not(got, 'config_error/invalid_config', `${name}: outlived`);
  }
  const entry = PACKAGE_MESSAGES.find((m) => m.says.startsWith('WARNING: ROS_MASTER_URI [{}] host'));
  t.ok(entry?.meaning.warning?.consequence?.test('[Errno 99] Cannot assign requested address'), 'declared');
});

t.test('hostile inputs: a package warning repeated, raised lines between', async (t) => {
  readsHostileRuns(
    t,
    [
      ['the warning 20,000 times', `${R3M}\n`.repeat(20_000), null],
      ['the warning and a raised line alternating', `${R3M}\nException: x\n`.repeat(10_000), null],
      ['the roslaunch warning on one long line', `${ROS_IP} `.repeat(2_000), null],
    ],
    (text) => void readLog(text),
    3000,
  );
});
