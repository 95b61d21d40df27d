/**
 * The engine's warning step (classify.ts, Pattern.warning): a warning is the cause only when nothing
 * after it names another. A raised error or fatal signal of any runtime after the warning that does not
 * repeat it, or a run that passed or finished, and the warning does not answer; a refusal (PX4's daemon
 * message, ArduPilot's "Bad GPS Health") yields only to its own clearing line or a finished run. Texts
 * written for these tests; every control carries the warning, and the test asserts that the pattern's
 * regex reads it (a control the regex never matches proves nothing).
 */
import t from 'tap';
import { useSecondOpinionModel } from '../src/index.js';
import { patternOf, readLog, warningOutlivedIn } from './patterns-read.js';

const NP_WARN = 'ik.py:87: RuntimeWarning: invalid value encountered in arccos\n  theta = np.arccos(c / (2 * l1 * l2))';
const BNB_WARN =
  'WARNING:bitsandbytes.cextension:The installed version of bitsandbytes was compiled without GPU support. 8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.';
const MEAN_WARN =
  'numpy/core/fromnumeric.py:3504: RuntimeWarning: Mean of empty slice.\n  return _methods._mean(a, axis=axis, dtype=dtype, out=out, **kwargs)';
const HF_WARN =
  'Input length of input_ids is 2200, but `max_length` is set to 2048. This can lead to unexpected behavior. You should consider increasing `max_length` or, better yet, setting `max_new_tokens`.';

/** Each warning-reading pattern with a warning of its own, alone. */
const WARNINGS: [id: string, text: string][] = [
  ['data.numpy_float_warning', NP_WARN],
  ['import.built_without_cuda', BNB_WARN],
  ['eval.empty_results', MEAN_WARN],
  ['llm.hf_input_over_max_length', HF_WARN],
];

/** What a run raised or died of after the warning, of another cause, one per runtime or signal. */
const RAISED_AFTER: [name: string, tail: string][] = [
  [
    'a Python exception',
    'Traceback (most recent call last):\n  File "replay.py", line 52, in <module>\n    db.execute(q)\nsqlite3.OperationalError: database is locked',
  ],
  [
    "Java's uncaught exception",
    'Exception in thread "main" java.lang.IllegalStateException: planner not started\n\tat Planner.run(Planner.java:10)',
  ],
  ['a Rust panic', "thread 'main' panicked at src/tokenizer.rs:88:5:\nindex out of bounds: the len is 3 but the index is 7"],
  ['a glog Check failed', 'F0412 10:22:01.123456  4411 solver.cpp:88] Check failed: status == CUSOLVER_STATUS_SUCCESS (7 vs. 0)'],
  ['a ROS process that died', "[ERROR] [launch]: process[policy-2] has died [pid 4411, exit code -11, cmd 'python3 policy.py']."],
  ['a fatal exit code', 'Process finished with exit code 139 (interrupted by signal 11: SIGSEGV)'],
  [
    'an uncaught C++ exception',
    "terminate called after throwing an instance of 'std::runtime_error'\n  what():  planner: no valid start state\nAborted (core dumped)",
  ],
];

/** A run that passed or finished after the warning. */
const ENDED_AFTER: [name: string, tail: string][] = [
  ['a training run that finished', 'epoch 50/50 loss 0.0213\nTraining finished, saved to model.pt'],
  ['a pytest run that passed', '======================== 42 passed, 1 warning in 3.21s ========================='],
];

t.test('a raised error or fatal signal after the warning answers, whatever runtime raised it', async (t) => {
  useSecondOpinionModel(null);
  try {
    for (const [id, warning] of WARNINGS) {
      const p = patternOf(id);
      t.equal(readLog(warning).code, id, `${id}: the warning alone answers`);
      for (const [name, tail] of RAISED_AFTER) {
        const text = `${warning}\n${tail}`;
        t.ok(p.match.test(text), `${id} then ${name}: reaches the regex`);
        t.ok(warningOutlivedIn(id, text), `${id} then ${name}: the warning step reads it`);
        t.not(readLog(text).code, id, `${id} then ${name}: the warning does not answer`);
      }
    }
    // Where a reader names the later error, it answers.
    t.equal(readLog(`${BNB_WARN}\n${(RAISED_AFTER[3] as [string, string])[1]}`).code, 'rt.check_failed');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

t.test('a run that passed or finished after the warning did not fail of it', async (t) => {
  useSecondOpinionModel(null);
  try {
    for (const [id, warning] of WARNINGS) {
      for (const [name, tail] of ENDED_AFTER) {
        const text = `${warning}\n${tail}`;
        t.ok(patternOf(id).match.test(text), `${id} then ${name}: reaches the regex`);
        t.ok(warningOutlivedIn(id, text), `${id} then ${name}: the warning step reads it`);
        t.not(readLog(text).code, id, `${id} then ${name}: the warning does not answer`);
      }
    }
  } finally {
    useSecondOpinionModel(undefined);
  }
});

// Only what comes after the warning: an error raised and handled before it (a retried write) is no
// cause of what followed; and the warning repeated, or raised in its own words, is still the warning.
const HANDLED_BEFORE = `[db] write failed, retrying in 1 s:\nsqlite3.OperationalError: database is locked\n[db] write ok\n${NP_WARN}`;
const NP_REPEATED = 'w.py:1: RuntimeWarning: overflow encountered in exp\n'.repeat(10_000);
const TORCH_RAISED = `${BNB_WARN}\nTraceback (most recent call last):\n  File "run.py", line 3, in <module>\n    x = x.cuda()\nAssertionError: Torch not compiled with CUDA enabled`;
// 1,500 times: the log stays under telling.ts's head and tail bound (a line cut at the head's end is
// read as it is left: "AssertionError: Torch not comp" no longer repeats the warning).
const TORCH_RAISED_REPEATED = `${BNB_WARN}\n${'AssertionError: Torch not compiled with CUDA enabled\n'.repeat(1_500)}`;

t.test('only a later line decides; the warning repeated, or raised in its own words, is still the warning', async (t) => {
  useSecondOpinionModel(null);
  try {
    t.ok(patternOf('data.numpy_float_warning').match.test(HANDLED_BEFORE), 'the handled control reaches the regex');
    t.notOk(warningOutlivedIn('data.numpy_float_warning', HANDLED_BEFORE), 'an error before the warning is not after it');
    t.equal(readLog(HANDLED_BEFORE).code, 'data.numpy_float_warning', 'the warning the run ended on answers');
    t.notOk(warningOutlivedIn('data.numpy_float_warning', NP_REPEATED), 'the warning repeated 10,000 times');
    t.equal(readLog(NP_REPEATED).code, 'data.numpy_float_warning');
    t.ok(warningOutlivedIn('data.numpy_float_warning', `${NP_REPEATED}KeyError: 'lr'`), 'repeated, then an error');
    t.equal(readLog(`${NP_REPEATED}KeyError: 'lr'`).code, 'rt.key_error');
    for (const text of [TORCH_RAISED, TORCH_RAISED_REPEATED]) {
      t.notOk(warningOutlivedIn('import.built_without_cuda', text), 'the raised line repeats the warning');
      t.equal(readLog(text).code, 'import.built_without_cuda');
    }
    // The producer's own error message, not a line of the log, is the failure it reported: after every line.
    t.ok(warningOutlivedIn('data.numpy_float_warning', NP_WARN, 'sqlite3.OperationalError: database is locked'));
    t.notOk(warningOutlivedIn('data.numpy_float_warning', NP_WARN, NP_WARN.split('\n')[0]), 'nor the warning as the message');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

// A refusal yields to its own clearing (or a finished run), not to the error it causes.
const PX4 = 'INFO  [px4] PX4 daemon already running for instance 0 (Success)';
const PX4_DIED = `${PX4}\n[uav0/sitl-3] process has died [pid 32212, exit code 255, cmd /ws/devel/lib/px4/px4 -i 0].`;
const PX4_UP_THEN_PORT = `${PX4}\n$ pkill px4\nINFO  [commander] Ready for takeoff!\nOSError: [Errno 98] Address already in use`;
const PX4_UP_THEN_SEGV = `${PX4}\n$ pkill px4\nINFO  [commander] Ready for takeoff!\n[Err] [gazebo_mavlink_interface.cpp:1194] Segmentation fault (core dumped)`;
const GPS = 'PreArm: Bad GPS Health';
const GPS_THEN_SCRIPT = `${GPS}\nTraceback (most recent call last):\n  File "mission.py", line 9, in <module>\n    vehicle.arm()\ndronekit.APIException: vehicle did not arm`;
const GPS_ARMED_THEN_FAILSAFE = `${GPS}\nArmed\nRadio Failsafe - Disarming`;

t.test('a refusal yields only to its clearing line or a finished run, not to the error it causes', async (t) => {
  useSecondOpinionModel(null);
  try {
    const port = patternOf('config.port_in_use');
    const sensor = patternOf('robot.preflight_sensor');
    for (const text of [PX4_DIED, PX4_UP_THEN_PORT, PX4_UP_THEN_SEGV]) t.ok(port.match.test(text), 'reaches the regex');
    for (const text of [GPS_THEN_SCRIPT, GPS_ARMED_THEN_FAILSAFE]) t.ok(sensor.match.test(text), 'reaches the regex');
    t.notOk(warningOutlivedIn('config.port_in_use', PX4_DIED), 'the instance died of it');
    t.equal(readLog(PX4_DIED).code, 'config.port_in_use');
    t.ok(warningOutlivedIn('config.port_in_use', PX4_UP_THEN_SEGV), 'PX4 came up after it');
    t.not(readLog(PX4_UP_THEN_SEGV).code, 'config.port_in_use');
    t.ok(warningOutlivedIn('config.port_in_use', PX4_UP_THEN_PORT), 'cleared');
    t.equal(readLog(PX4_UP_THEN_PORT).code, 'config.port_in_use', "the pattern's other form after it still answers");
    t.notOk(warningOutlivedIn('robot.preflight_sensor', GPS_THEN_SCRIPT), "the script's error is the refused arming");
    t.equal(readLog(GPS_THEN_SCRIPT).code, 'robot.preflight_sensor');
    t.ok(warningOutlivedIn('robot.preflight_sensor', GPS_ARMED_THEN_FAILSAFE), 'armed: cleared');
    t.equal(readLog(GPS_ARMED_THEN_FAILSAFE).code, 'robot.failsafe');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

t.test('the warning step on hostile texts is bounded', async (t) => {
  const nearExceptions = `${NP_WARN}\n${'a.b.c.d.e.f.g.h.i.j.k.Erro x\n'.repeat(36_000)}`;
  const texts: [name: string, text: string, outlived: boolean][] = [
    ['the warning 10,000 times', NP_REPEATED, false],
    ['the warning then 1 MB of near-exception lines', nearExceptions, false],
    ['the same, then a raised one', `${nearExceptions}sqlite3.OperationalError: database is locked`, true],
    ['the warning then a 1 MB line', `${NP_WARN}\n${'AError'.repeat(170_000)}`, false],
    ['1,500 raised lines repeating the warning', TORCH_RAISED_REPEATED, false],
    [
      'the warning and an exception line alternating',
      `${BNB_WARN}\nValueError compiled without GPU support\n`.repeat(5_000),
      false,
    ],
  ];
  for (const [name, text, outlived] of texts) {
    const id =
      name.includes('raised lines') || name.includes('alternating') ? 'import.built_without_cuda' : 'data.numpy_float_warning';
    t.ok(patternOf(id).match.test(text), `${name}: reaches the regex`);
    let start = performance.now();
    t.equal(warningOutlivedIn(id, text), outlived, `${name}: outlived ${outlived}`);
    const step = performance.now() - start;
    start = performance.now();
    readLog(text);
    const whole = performance.now() - start;
    t.ok(step < 200, `${name} (${text.length} chars): the step ${step.toFixed(1)} ms`);
    t.ok(whole < 2000, `${name}: the whole reading ${whole.toFixed(1)} ms`);
  }
});
