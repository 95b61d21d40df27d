/**
 * Forms of robotics-25's misses that several projects print (issue 13, session 17): a library's own
 * message that a generic reader took for something else. numpy's floating-point warnings
 * ("RuntimeWarning: divide by zero encountered in log") are inf/NaN in the data (rule 7), not a
 * ZeroDivisionError; PCL's "Failed to find match for field 'x'" quoted in lower case is still the
 * point field missing (rule 7); PyTorch's "Missing key(s) in state_dict" is the checkpoint that does
 * not fit the model (rule 3), not a data record lacking a field. Texts written for these tests; each
 * control contains the changed condition's words (asserted) and a hostile-input run per new regex.
 */
import t from 'tap';
import { useSecondOpinionModel } from '../src/index.js';
import {
  execsWhileReading,
  familyWithControls,
  hostileName,
  patternOf,
  readLog,
  readsHostileRuns,
  readWhole,
  regexOf,
  symptomYieldsIn,
  warningOutlivedIn,
} from './patterns-read.js';

const NP_LOG =
  '/home/pi/car/cost.py:32: RuntimeWarning: divide by zero encountered in log\n  first = -(y * numpy.log(output))\n/home/pi/car/cost.py:33: RuntimeWarning: invalid value encountered in multiply\n  second = (1.0 - y) * numpy.log(1.0 - output)';
const NP_ARCCOS =
  '/home/me/quad/ik.py:87: RuntimeWarning: invalid value encountered in arccos\n  theta = np.arccos(c / (2 * l1 * l2))';
const NP_EXP = 'policy.py:14: RuntimeWarning: overflow encountered in exp\n  p = 1 / (1 + np.exp(-z))';
// A mean of an empty slice warns "invalid value encountered" too: the empty input (rule 7).
const NP_EMPTY_MEAN =
  'numpy/core/fromnumeric.py:3432: RuntimeWarning: Mean of empty slice.\n  return _methods._mean(a, axis=axis, dtype=dtype, out=out, **kwargs)\nnumpy/core/_methods.py:190: RuntimeWarning: invalid value encountered in double_scalars\n  ret = ret.dtype.type(ret / rcount)';
// A warning printed on the way, then the exception the run died of: the exception.
const NP_THEN_KEYERROR =
  'train.py:20: RuntimeWarning: divide by zero encountered in log\n  logp = np.log(p)\nTraceback (most recent call last):\n  File "train.py", line 41, in <module>\n    lr = cfg["learning_rate"]\nKeyError: \'learning_rate\'';
// The narrowed rt.division_by_zero still reads the runtimes' own division errors.
const JAVA_DIV = 'java.lang.ArithmeticException: divide by zero\n\tat com.example.Odometry.update(Odometry.java:42)';
const PY_DIV =
  'Traceback (most recent call last):\n  File "odom.py", line 12, in step\n    v = dx / dt\nZeroDivisionError: float division by zero';

familyWithControls(
  "numpy's floating-point warnings are inf or NaN in the data, not a division error (rule 7)",
  [
    [NP_LOG, 'data_error/nan_or_inf'],
    [NP_ARCCOS, 'data_error/nan_or_inf'],
    [NP_EXP, 'data_error/nan_or_inf'],
  ],
  [
    [NP_EMPTY_MEAN, '!runtime_error/division_by_zero'],
    [NP_THEN_KEYERROR, 'runtime_error/key_error'],
    [JAVA_DIV, 'runtime_error/division_by_zero'],
    [PY_DIV, 'runtime_error/division_by_zero'],
  ],
);

t.test(
  'the numpy positives are read by the new pattern, the controls reach it and the symptom and warning steps decide them',
  async (t) => {
    const p = patternOf('data.numpy_float_warning');
    if (!p?.yieldsTo) throw new Error('data.numpy_float_warning yields to the empty slice');
    for (const text of [NP_LOG, NP_ARCCOS, NP_EXP]) t.equal(readLog(text).code, 'data.numpy_float_warning', text.slice(0, 60));
    t.ok(
      p.match.test(NP_EMPTY_MEAN) && symptomYieldsIn('data.numpy_float_warning', NP_EMPTY_MEAN),
      'the empty mean reaches the regex; the symptom step keeps it out (the empty slice named before it)',
    );
    t.ok(
      p.match.test(NP_THEN_KEYERROR) && warningOutlivedIn('data.numpy_float_warning', NP_THEN_KEYERROR),
      'the KeyError record reaches the regex; the later raised error outlives the warning (Pattern.warning)',
    );
    useSecondOpinionModel(null);
    try {
      t.not(readLog(NP_EMPTY_MEAN).code, 'data.numpy_float_warning');
      t.equal(readLog(NP_THEN_KEYERROR).code, 'rt.key_error', 'the raised error outranks the warning');
    } finally {
      useSecondOpinionModel(undefined);
    }
    t.ok(
      regexOf('rt.division_by_zero').test(NP_LOG) === false,
      "numpy's 'divide by zero encountered in' is no longer a division error",
    );
    t.ok(/divide by zero/.test(JAVA_DIV) && regexOf('rt.division_by_zero').test(JAVA_DIV), "Java's 'divide by zero' still is");
  },
);

// Review of session 17: a run that dies of a crash after the warning died of the crash (the raised
// error or fatal signal outranks the warning, whatever its own rule's priority), and a run that passed
// or finished did not fail of the warning. Each control carries the warning, so it reaches the regex.
const NP_THEN_SEGV = `${NP_EXP}\nSegmentation fault (core dumped)`;
const NP_THEN_EXIT139 = `${NP_EXP}\n\nProcess finished with exit code 139 (interrupted by signal 11: SIGSEGV)`;
const NP_THEN_DIED = `${NP_ARCCOS}\n[ERROR] [launch]: process[move_group-3] has died [pid 4411, exit code -11, cmd '/opt/ros/noetic/lib/moveit_ros_move_group/move_group'].`;
const NP_THEN_HEAP = `${NP_EXP}\ndouble free or corruption (out)\nAborted (core dumped)`;
const NP_THEN_CHECK = `${NP_EXP}\nF0412 10:22:01.123456  4411 solver.cpp:88] Check failed: status == CUSOLVER_STATUS_SUCCESS (7 vs. 0)`;
const NP_THEN_PANIC = `${NP_ARCCOS}\nthread '<unnamed>' panicked at src/lib.rs:120:40:\nindex out of bounds: the len is 3 but the index is 7\npyo3_runtime.PanicException: index out of bounds: the len is 3 but the index is 7`;
const NP_THEN_SQLITE =
  'replay.py:30: RuntimeWarning: invalid value encountered in divide\n  w = p / p.sum()\nTraceback (most recent call last):\n  File "replay.py", line 52, in <module>\n    db.execute(q)\nsqlite3.OperationalError: database is locked';
const NP_PASSED =
  '=============================== warnings summary ===============================\ntests/test_ik.py::test_reach\n  /home/me/quad/ik.py:87: RuntimeWarning: invalid value encountered in arccos\n    theta = np.arccos(c / (2 * l1 * l2))\n\n-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n======================== 42 passed, 1 warning in 3.21s =========================';
const NP_FINISHED = `${NP_EXP}\nepoch 50/50 loss 0.0213\nTraining finished, saved to model.pt`;
// numpy's integer scalars wrap around: no inf or NaN follows (not rule 7's nan_or_inf).
const INT_OVERFLOW = [
  'augment.py:22: RuntimeWarning: overflow encountered in scalar add\n  pixel = img[y, x] + 40',
  'stamp.py:9: RuntimeWarning: overflow encountered in long_scalars\n  t_ns = sec * 1000000000 + nsec',
  'img.py:5: RuntimeWarning: overflow encountered in ubyte_scalars\n  d = a - b',
];

t.test('a crash, a raised error, a passed or finished run after the numpy warning is not read as the warning', async (t) => {
  const p = patternOf('data.numpy_float_warning');
  if (!p) throw new Error('data.numpy_float_warning');
  const crashes: [string, string][] = [
    [NP_THEN_SEGV, 'runtime_error/unhandled_exception'],
    [NP_THEN_EXIT139, 'runtime_error/unhandled_exception'],
    [NP_THEN_DIED, ''], // the structural reader still reads the arccos line, as on main
    [NP_THEN_HEAP, ''],
    [NP_THEN_CHECK, ''],
    [NP_THEN_PANIC, ''],
    [NP_THEN_SQLITE, ''],
    [NP_PASSED, ''],
    [NP_FINISHED, ''],
  ];
  for (const [text, want] of crashes) {
    t.ok(p.match.test(text), `reaches the regex: ${text.slice(-50)}`);
    const r = readLog(text);
    t.not(r.code, 'data.numpy_float_warning', `not the warning's reading: ${text.slice(-50)}`);
    if (want) t.equal(`${r.category}/${r.factor}`, want, `the crash: ${text.slice(-50)}`);
  }
  for (const text of INT_OVERFLOW) {
    t.ok(/RuntimeWarning: overflow encountered in /.test(text), 'carries the warning words');
    t.ok(execsWhileReading('data.numpy_float_warning', text) > 0, `reaches the regex: ${text.slice(0, 60)}`);
    t.notOk(p.match.test(text), `an integer overflow is not inf/NaN: ${text.slice(0, 60)}`);
    t.not(readLog(text).code, 'data.numpy_float_warning');
  }
  t.ok(p.match.test(NP_EXP), 'a float overflow (exp) still is');
});

// numpy's raised form (np.seterr(all="raise")) is the division itself: the run died of it.
const NP_RAISED_DIV =
  'Traceback (most recent call last):\n  File "odom.py", line 12, in step\n    v = dx / dt\nFloatingPointError: divide by zero encountered in divide';
const NP_RAISED_LOG =
  'Traceback (most recent call last):\n  File "cost.py", line 32, in cost\n    first = -(y * np.log(output))\nFloatingPointError: divide by zero encountered in log';

t.test("numpy's raised FloatingPointError 'divide by zero encountered in' is still a division by zero", async (t) => {
  for (const text of [NP_RAISED_DIV, NP_RAISED_LOG]) {
    t.ok(/divide by zero encountered in/.test(text), 'carries the lookahead words');
    t.ok(regexOf('rt.division_by_zero').test(text), 'rt.division_by_zero reads the raised form');
    const r = readLog(text);
    t.equal(r.code, 'rt.division_by_zero');
    t.equal(`${r.category}/${r.factor}`, 'runtime_error/division_by_zero');
  }
  t.notOk(regexOf('rt.division_by_zero').test(NP_LOG), 'the warning still is not');
});

const PCL_QUOTED =
  'When this bag was played to LOAM the program failed with an error "failed to find match for field \'intensity\'" and then "failed to find match for field \'ring\'"';
// The same words without a quoted field name after them: not PCL's message (the regex needs the name).
const FIELD_NOT_NAMED = "[ERROR] failed to find match for field '(see the schema) in message definition, skipping";

// Not a new form: PCL's message (robot.point_field_missing, 7 tuned cases) as a reporter quotes it.
t.test("PCL's missing point field quoted in lower case is still the field missing (rule 7)", async (t) => {
  const r = readLog(PCL_QUOTED);
  t.equal(`${r.category}/${r.factor}`, 'data_error/missing_field');
  t.equal(r.code, 'robot.point_field_missing_quoted', 'read by the quoted form, not the generic reading');
  t.ok(
    execsWhileReading('robot.point_field_missing_quoted', FIELD_NOT_NAMED) > 0,
    'a control without a field name reaches the regex',
  );
  t.notOk(regexOf('robot.point_field_missing_quoted').test(FIELD_NOT_NAMED), 'and is not read');
});

// A reporter who sets the quoted message aside and names the failure: the stated failure wins (the
// lower-case quote is read by its own pattern at a low priority).
const PCL_HARMLESS_THEN_IO =
  "I get lots of \"failed to find match for field 'intensity'\" warnings (harmless, my lidar does not publish intensity), but the node crashes with:\nterminate called after throwing an instance of 'pcl::IOException'\n  what():  : [pcl::PCDReader::readHeader] Could not find file 'map.pcd'.\n[map_server-2] process has died [pid 901, exit code -6]";
const PCL_EXPECTED_THEN_FNF =
  'The "failed to find match for field \'rgb\'" message is expected (XYZ-only cloud). The failure is:\nTraceback (most recent call last):\n  File "save.py", line 8, in <module>\n    o3d.io.write_point_cloud(path, pcd)\nFileNotFoundError: [Errno 2] No such file or directory: \'/maps/out/cloud.pcd\'';

t.test('a quoted PCL message the reporter calls harmless does not outrank the stated failure', async (t) => {
  for (const text of [PCL_HARMLESS_THEN_IO, PCL_EXPECTED_THEN_FNF]) {
    const quoted = patternOf('robot.point_field_missing_quoted');
    t.ok(quoted?.match.test(text), 'reaches the lower-case regex');
    const r = readLog(text);
    t.not(r.code, 'robot.point_field_missing');
    t.not(r.code, 'robot.point_field_missing_quoted');
    t.equal(`${r.category}/${r.factor}`, 'config_error/file_not_found');
  }
});

const TORCH_MISSING_AND_SIZE =
  '  File "eval.py", line 23, in load_models\n    self.load_state_dict(torch.load(path))\nRuntimeError: Error(s) in loading state_dict for GaussianPolicy:\n\tMissing key(s) in state_dict: "net.6.weight", "net.6.bias".\n\tsize mismatch for net.4.weight: copying a param with shape torch.Size([12, 256]) from checkpoint, the shape in current model is torch.Size([256, 256]).';
const TORCH_MISSING_ONLY =
  'RuntimeError: Error(s) in loading state_dict for Actor:\n\tMissing key(s) in state_dict: "head.weight", "head.bias".';
const ROW_MISSING_KEYS = "ValueError: episode 12, step 40: missing keys ['action', 'reward'] in the record";

familyWithControls(
  "PyTorch's missing keys in a state_dict are not a data record's missing field (rule 3)",
  [[TORCH_MISSING_AND_SIZE, 'config_error/invalid_config']],
  [
    [TORCH_MISSING_ONLY, '!data_error/missing_field'],
    [ROW_MISSING_KEYS, 'data_error/missing_field'],
  ],
);

t.test('the state_dict controls reach data.missing_field', async (t) => {
  const re = regexOf('data.missing_field');
  t.ok(/Missing key/.test(TORCH_MISSING_ONLY) && execsWhileReading('data.missing_field', TORCH_MISSING_ONLY) > 0, 'reaches');
  t.notOk(re.test(TORCH_MISSING_ONLY), 'a state_dict is not read as a record');
  t.ok(re.test(ROW_MISSING_KEYS), 'a record missing keys still is');
});

t.test('robotics-25 forms: hostile inputs', async (t) => {
  const runs: [string, string | null][] = [
    [`${'RuntimeWarning: invalid value encountered in '.repeat(300)}${' '.repeat(3000)}`, 'data.numpy_float_warning'],
    [`RuntimeWarning: overflow encountered in ${'a '.repeat(3000)}!`, 'data.numpy_float_warning'],
    [`${'divide by zero encountered '.repeat(300)}x`, 'rt.division_by_zero'],
    [`${'failed to find match for field '.repeat(300)}'`, 'robot.point_field_missing_quoted'],
    [`${'Failed to find match for field '.repeat(300)}'`, 'robot.point_field_missing'],
    [`FloatingPointError: ${'divide by zero '.repeat(300)}x`, 'rt.division_by_zero'],
    [`RuntimeWarning: overflow encountered in ${'u'.repeat(3000)}_scalars`, 'data.numpy_float_warning'],
    [`${'Missing key(s) in state_dic'.repeat(300)}x`, 'data.missing_field'],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
