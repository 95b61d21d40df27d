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
import { PATTERNS, useSecondOpinionModel } from '../src/index.js';
import {
  execsWhileReading,
  familyWithControls,
  hostileName,
  readLog,
  readsHostileRuns,
  readWhole,
  regexOf,
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

t.test('the numpy positives are read by the new pattern, the controls reach it and unless/priority decide them', async (t) => {
  const p = PATTERNS.find((q) => q.id === 'data.numpy_float_warning');
  if (!p?.unless) throw new Error('data.numpy_float_warning has unless');
  for (const text of [NP_LOG, NP_ARCCOS, NP_EXP]) t.equal(readLog(text).code, 'data.numpy_float_warning', text.slice(0, 60));
  t.ok(p.match.test(NP_EMPTY_MEAN) && p.unless.test(NP_EMPTY_MEAN), 'the empty mean reaches the regex; unless keeps it out');
  t.ok(p.match.test(NP_THEN_KEYERROR) && !p.unless.test(NP_THEN_KEYERROR), 'the KeyError record reaches the regex');
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
});

const PCL_QUOTED =
  'When this bag was played to LOAM the program failed with an error "failed to find match for field \'intensity\'" and then "failed to find match for field \'ring\'"';
// The same words without a quoted field name after them: not PCL's message (the regex needs the name).
const FIELD_NOT_NAMED = "[ERROR] failed to find match for field '(see the schema) in message definition, skipping";

// Not a new form: PCL's message (robot.point_field_missing, 7 tuned cases) as a reporter quotes it.
t.test("PCL's missing point field quoted in lower case is still the field missing (rule 7)", async (t) => {
  const r = readLog(PCL_QUOTED);
  t.equal(`${r.category}/${r.factor}`, 'data_error/missing_field');
  t.equal(r.code, 'robot.point_field_missing', 'read by the pattern, not the generic reading');
  t.ok(execsWhileReading('robot.point_field_missing', FIELD_NOT_NAMED) > 0, 'a control without a field name reaches the regex');
  t.notOk(regexOf('robot.point_field_missing').test(FIELD_NOT_NAMED), 'and is not read');
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
    [`${'failed to find match for field '.repeat(300)}'`, 'robot.point_field_missing'],
    [`${'Missing key(s) in state_dic'.repeat(300)}x`, 'data.missing_field'],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
