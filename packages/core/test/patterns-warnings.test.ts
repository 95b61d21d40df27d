/**
 * The engine's warning step (classify.ts, Pattern.warning): a warning is the cause only when nothing
 * after it names another. A raised error or fatal signal of any runtime after the warning that does not
 * repeat it, or a run that passed or finished, and the warning does not answer; a refusal (PX4's daemon
 * message, ArduPilot's "Bad GPS Health") yields only to its own clearing line or a finished run, and not
 * when it comes again after that. Texts written for these tests; every control carries the warning,
 * and the test asserts that the pattern's regex reads it (a control the regex never matches proves
 * nothing); every line that must not outlive the warning has a twin, one word apart, that does (so the
 * step's scan reads that line). Readings are asserted as code and category/factor.
 */
import t from 'tap';
import {
  analyzeTrace,
  BODY_TAIL,
  errorComponent,
  failingSpan,
  logSources,
  modelText,
  PATTERNS,
  patternContext,
  readParts,
  recordLines,
  type Span,
  secondOpinion,
  type TextSources,
  type TraceRecord,
  warningOutlived,
} from '../src/index.js';
import { patternOf, type Reading, reading, readLog, rulesOnly, warningOutlivedIn } from './patterns-read.js';

// numpy's overflow warning: no structure table reads its words (the arccos one below, "invalid value
// encountered", parts/tables/robot-words.ts reads as a NaN part: the readers take the step's decision).
const NP_WARN = 'train.py:12: RuntimeWarning: overflow encountered in exp\n  return 1 / (1 + np.exp(-x))';
const NP_ARCCOS = 'ik.py:87: RuntimeWarning: invalid value encountered in arccos\n  theta = np.arccos(c / (2 * l1 * l2))';
const BNB_WARN =
  'WARNING:bitsandbytes.cextension:The installed version of bitsandbytes was compiled without GPU support. 8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.';
const MEAN_WARN =
  'numpy/core/fromnumeric.py:3504: RuntimeWarning: Mean of empty slice.\n  return _methods._mean(a, axis=axis, dtype=dtype, out=out, **kwargs)';
const HF_WARN =
  'Input length of input_ids is 2200, but `max_length` is set to 2048. This can lead to unexpected behavior. You should consider increasing `max_length` or, better yet, setting `max_new_tokens`.';

// Hostile texts are built of 1 MB of one line (mb).
const MB = 1 << 20;
const mb = (line: string) => line.repeat(Math.ceil(MB / line.length)).slice(0, MB);

/** Each warning-reading pattern with a warning of its own, alone, and its reading. */
const WARNINGS: [id: string, text: string, pair: string][] = [
  ['data.numpy_float_warning', NP_WARN, 'data_error/nan_or_inf'],
  ['import.built_without_cuda', BNB_WARN, 'import_error/version_conflict'],
  ['eval.empty_results', MEAN_WARN, 'data_error/empty_input'],
  ['llm.hf_input_over_max_length', HF_WARN, 'context_overflow/context_length_exceeded'],
];

const UNHANDLED = ['rt.unhandled', 'runtime_error/unhandled_exception'] as const;

/** What a run raised or died of after the warning, of another cause, one per runtime or signal, and its reading. */
const RAISED_AFTER: [name: string, tail: string, code: string, pair: string][] = [
  [
    'a Python exception',
    'Traceback (most recent call last):\n  File "replay.py", line 52, in <module>\n    db.execute(q)\nsqlite3.OperationalError: database is locked',
    ...UNHANDLED,
  ],
  [
    "Java's uncaught exception",
    'Exception in thread "main" java.lang.IllegalStateException: planner not started\n\tat Planner.run(Planner.java:10)',
    ...UNHANDLED,
  ],
  [
    'a Rust panic',
    "thread 'main' panicked at src/tokenizer.rs:88:5:\nindex out of bounds: the len is 3 but the index is 7",
    'parts.panic',
    'runtime_error/index_error',
  ],
  [
    'a glog Check failed',
    'F0412 10:22:01.123456  4411 solver.cpp:88] Check failed: status == CUSOLVER_STATUS_SUCCESS (7 vs. 0)',
    'rt.check_failed',
    'runtime_error/assertion_failed',
  ],
  [
    'a ROS process that died',
    "[ERROR] [launch]: process[policy-2] has died [pid 4411, exit code -11, cmd 'python3 policy.py'].",
    'parts.signal',
    'runtime_error/unhandled_exception',
  ],
  [
    'a fatal exit code',
    'Process finished with exit code 139 (interrupted by signal 11: SIGSEGV)',
    'parts.signal',
    'runtime_error/unhandled_exception',
  ],
  [
    'an uncaught C++ exception',
    "terminate called after throwing an instance of 'std::runtime_error'\n  what():  planner: no valid start state\nAborted (core dumped)",
    'parts.cpp',
    'runtime_error/unhandled_exception',
  ],
  // Exception lines with a prefix before the class (review 19 F5).
  [
    ".NET's uncaught exception",
    'Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n   at Program.Main()',
    ...UNHANDLED,
  ],
  [
    "Python logging's timestamped exception line",
    '2024-05-01 10:00:00,123 - worker - ERROR - sqlite3.OperationalError: database is locked',
    ...UNHANDLED,
  ],
  ["Java's Caused by", '\tat Foo.bar(Foo.java:1)\nCaused by: java.sql.SQLException: database is locked', ...UNHANDLED],
];

/** A run that passed or finished after the warning: nothing answers. */
const ENDED_AFTER: [name: string, tail: string][] = [
  ['a training run that finished', 'epoch 50/50 loss 0.0213\nTraining finished, saved to model.pt'],
  ['a pytest run that passed', '======================== 42 passed, 1 warning in 3.21s ========================='],
];

/**
 * Lines that raise nothing and runs that did not pass (review 19 F3, F4) or that the user stopped (F7),
 * each with its twin that outlives the warning.
 */
const NOT_AFTER: [name: string, tail: string, twin: string][] = [
  ['a column header "Error"', 'step    loss\nError\n0.12', 'step    loss\nValueError\n0.12'],
  [
    'a solver residual "Error: <number>"',
    'Error: 0.0012 (tolerance 0.01)\nconverged',
    'Error: solver diverged (tolerance 0.01)\nconverged',
  ],
  ['a metric "MeanSquaredError: <number>"', 'MeanSquaredError: 0.0213', 'MeanSquaredError: shapes (3,) and (4,) differ'],
  ['an exponent "Error: 1e-5"', 'Error: 1e-5', 'Error: 1 is not a valid step'],
  [
    'a dotted metric "val.error: <number>"',
    'val.error: 0.031',
    'cv2.error: OpenCV(4.8.0) resize.cpp:4062: error: (-215:Assertion failed) !ssize.empty()',
  ],
  ['a failed pytest tally', '===== 3 failed, 12 passed, 1 warning in 4.2s =====', '===== 12 passed, 1 warning in 4.2s ====='],
  ['a pytest tally of none passed', '===== 0 passed, 3 failed in 4.2s =====', '===== 3 passed in 4.2s ====='],
  [
    "a ROS node stopped by the user's Ctrl-C (exit code -2)",
    "^C[WARNING] [launch]: user interrupted with ctrl-c (SIGINT)\n[ERROR] [camera-1]: process has died [pid 311, exit code -2, cmd 'camera'].",
    "^C[WARNING] [launch]: user interrupted with ctrl-c (SIGINT)\n[ERROR] [camera-1]: process has died [pid 311, exit code -6, cmd 'camera'].",
  ],
  [
    'a run stopped by SIGINT (exit code 130)',
    'Process finished with exit code 130 (interrupted by signal 2: SIGINT)',
    'Process finished with exit code 134 (interrupted by signal 6: SIGABRT)',
  ],
];

t.test('a raised error or fatal signal after the warning answers, whatever runtime raised it', async (t) => {
  rulesOnly(() => {
    for (const [id, warning, pair] of WARNINGS) {
      const p = patternOf(id);
      const alone = readLog(warning);
      t.same([alone.code, `${alone.category}/${alone.factor}`], [id, pair], `${id}: the warning alone answers`);
      for (const [name, tail, code, tailPair] of RAISED_AFTER) {
        const text = `${warning}\n${tail}`;
        t.ok(p.match.test(text), `${id} then ${name}: reaches the regex`);
        t.ok(warningOutlivedIn(id, text), `${id} then ${name}: the warning step reads it`);
        const r = readLog(text);
        t.same([r.code, `${r.category}/${r.factor}`], [code, tailPair], `${id} then ${name}: the error answers`);
      }
    }
  });
});

t.test('a run that passed or finished after the warning did not fail of it', async (t) => {
  rulesOnly(() => {
    for (const [id, warning] of WARNINGS) {
      for (const [name, tail] of ENDED_AFTER) {
        const text = `${warning}\n${tail}`;
        t.ok(patternOf(id).match.test(text), `${id} then ${name}: reaches the regex`);
        t.ok(warningOutlivedIn(id, text), `${id} then ${name}: the warning step reads it`);
        const r = readLog(text);
        t.same([r.code, `${r.category}/${r.factor}`], ['unknown', 'unknown/unknown'], `${id} then ${name}: nothing answers`);
      }
    }
  });
});

t.test('a line that raises nothing, a failed tally or a Ctrl-C does not outlive the warning; its twin does', async (t) => {
  rulesOnly(() => {
    for (const [id, warning, pair] of WARNINGS) {
      for (const [name, tail, twin] of NOT_AFTER) {
        const text = `${warning}\n${tail}`;
        t.ok(patternOf(id).match.test(text), `${id} then ${name}: reaches the regex`);
        t.notOk(warningOutlivedIn(id, text), `${id} then ${name}: not outlived`);
        t.ok(warningOutlivedIn(id, `${warning}\n${twin}`), `${id} then ${name}'s twin: outlived`);
        const r = readLog(text);
        // An "Error: <value>" line is the log's best telling line, so its headline (logSources): there
        // rt.unhandled (22, +30 for the headline) outranks eval.empty_results (46, in the body), on any build.
        const expected = id === 'eval.empty_results' && /Error: \d/.test(tail) ? [...UNHANDLED] : [id, pair];
        t.same([r.code, `${r.category}/${r.factor}`], expected, `${id} then ${name}: the warning's reading`);
      }
    }
  });
});

// The structure readers take the step's decision (classify.ts outlivedWarningLines): numpy's arccos
// warning ("invalid value encountered", which parts/tables/robot-words.ts reads as a NaN verb) is read
// by no reader once outlived, so the error after it answers, as after the overflow warning no table
// reads. NumPy's variance of too few values ("Degrees of freedom <= 0 for slice", the numpy pattern's
// `unless`) is read by no pattern: the structure's NaN part answers alone, and yields the same. Each
// control: the reader reads the warning's line (readParts, as classify calls it but without `unread`).
const NP_DOF =
  'numpy/lib/function_base.py:520: RuntimeWarning: Degrees of freedom <= 0 for slice\n  return _methods._var(a)\nnumpy/core/_methods.py:180: RuntimeWarning: invalid value encountered in divide\n  ret = ret.dtype.type(ret / rcount)';
const NAN_PART = ['parts.robot', 'data_error/nan_or_inf'];

/** The robot reading's part of a log's lines, read by readParts with every line left to it. */
function robotPartOf(logs: string): string | undefined {
  const sources = logSources('', logs);
  const parts = readParts(sources, patternContext('log', sources).text)?.parts ?? [];
  const robot = parts.find((p) => p.kind === 'robot');
  return robot && `${robot.meaning.category}/${robot.meaning.factor}`;
}

t.test("a warning the step outlived is read by no structure reader either (numpy's invalid value)", async (t) => {
  rulesOnly(() => {
    const pairOf = (text: string) => {
      const r = readLog(text);
      return [r.code, `${r.category}/${r.factor}`];
    };
    t.same(pairOf(NP_ARCCOS), ['data.numpy_float_warning', 'data_error/nan_or_inf'], 'the arccos warning alone: the pattern');
    t.same(pairOf(NP_DOF), NAN_PART, "the variance warnings alone: the structure's NaN part");
    for (const [name, warning] of [
      ['arccos', NP_ARCCOS],
      ['variance', NP_DOF],
    ] as const) {
      for (const [tailName, tail, code, pair] of RAISED_AFTER) {
        const text = `${warning}\n${tail}`;
        t.equal(robotPartOf(text), 'data_error/nan_or_inf', `${name} then ${tailName}: the robot reading reads the warning`);
        t.ok(warningOutlivedIn('data.numpy_float_warning', text), `${name} then ${tailName}: outlived`);
        t.same(pairOf(text), [code, pair], `${name} then ${tailName}: the error answers`);
      }
      for (const [tailName, tail] of ENDED_AFTER) {
        const text = `${warning}\n${tail}`;
        t.equal(robotPartOf(text), 'data_error/nan_or_inf', `${name} then ${tailName}: the robot reading reads the warning`);
        t.same(pairOf(text), ['unknown', 'unknown/unknown'], `${name} then ${tailName}: nothing answers`);
      }
    }
    // Not outlived: the readers read the warning's line as any line (a column header "Error" raises nothing).
    const header = (NOT_AFTER[0] as [string, string, string])[1];
    t.notOk(warningOutlivedIn('data.numpy_float_warning', `${NP_DOF}\n${header}`), 'variance, then a header: not outlived');
    t.same(pairOf(`${NP_DOF}\n${header}`), NAN_PART, "variance, then a header: the structure's NaN part");
    // The producer's own message outlives it too (TextSources.reported).
    t.same(pairOf(`epoch 1\n${NP_ARCCOS}\nepoch 2`), ['data.numpy_float_warning', 'data_error/nan_or_inf']);
    t.same(pairOf(`epoch 1\n${NP_DOF}\nepoch 2`), NAN_PART);
    const reported = readLog(`epoch 1\n${NP_DOF}\nepoch 2`, 'sqlite3.OperationalError: database is locked');
    t.same([reported.code, `${reported.category}/${reported.factor}`], [...UNHANDLED], 'variance, then the reported error');
  });
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
  rulesOnly(() => {
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
  });
});

// The producer's own message (TextSources.reported), read after every line of the log wherever it also
// shows in it (review 19 F1, F2): a traceback given whole as the message, or a one-line message also
// printed before the warning. logSources (telling.ts) sets `reported` to the record's error_message, so
// analyzeLog reads these records as the error the producer reported (the end-to-end test below).
const TRACEBACK =
  'Traceback (most recent call last):\n  File "replay.py", line 52, in <module>\n    db.execute(q)\nsqlite3.OperationalError: database is locked';

t.test("the producer's reported message outlives the warning wherever it also shows in the log", async (t) => {
  const p = patternOf('data.numpy_float_warning');
  const read = (sources: TextSources) =>
    warningOutlived(p, sources, `${sources.headline}\n${sources.telling.join('\n')}\n${sources.body}\n`);
  const headline = 'sqlite3.OperationalError: database is locked';
  // A multi-line message leads the body (logSources), the warning after it.
  const multi: TextSources = {
    headline,
    telling: [headline],
    body: `${TRACEBACK}\nepoch 1\n${NP_WARN}\nepoch 2`,
    reported: TRACEBACK,
  };
  // A one-line message also printed in the log before the warning.
  const oneLine: TextSources = { headline, telling: [headline], body: `${TRACEBACK}\n${NP_WARN}`, reported: headline };
  for (const [name, sources] of [
    ['a traceback as the message', multi],
    ['a message also before the warning', oneLine],
  ] as const) {
    t.ok(p.match.test(sources.body), `${name}: reaches the regex`);
    t.ok(read(sources), `${name}: outlived`);
    t.notOk(
      read({ ...sources, reported: '' }),
      `${name}, the producer gave no message: the log's line before the warning is not after it`,
    );
    t.notOk(read({ ...sources, reported: NP_WARN }), `${name}, the warning as the message: not outlived`);
  }
});

t.test('a log record whose error_message the producer set: the warning yields to it (analyzeLog)', async (t) => {
  rulesOnly(() => {
    const p = patternOf('data.numpy_float_warning');
    const log = `epoch 1\n${NP_WARN}\nepoch 2\n`;
    t.ok(p.match.test(log), 'the warning reaches the regex');
    // The control: no message, the warning answers.
    t.equal(readLog(log).code, 'data.numpy_float_warning', 'no error_message: the warning is the cause');
    // A traceback given whole as the message (it leads the body, before the warning).
    const multi = readLog(log, TRACEBACK);
    t.not(multi.code, 'data.numpy_float_warning', 'a traceback as the message: not the warning');
    t.equal(`${multi.category}/${multi.factor}`, 'runtime_error/unhandled_exception', 'the reported error answers');
    // A one-line message also printed in the log before the warning.
    const oneLine = readLog(`${TRACEBACK}\n${NP_WARN}\n`, 'sqlite3.OperationalError: database is locked');
    t.not(oneLine.code, 'data.numpy_float_warning', 'a message also before the warning: not the warning');
    // The warning itself as the message: still the warning.
    t.equal(readLog(log, NP_WARN.split('\n')[0]).code, 'data.numpy_float_warning', 'the warning as the message');
  });
});

// A trace says what it reported as a log does (extract/trace.ts: TextSources.reported is the failing
// span's exception event, else its status message): a warning in the trace's text (another span's
// status message, a telling line) yields to the error the failing span raised, read after every line.
// The failing span's exception event carries no stack trace here, so nothing in the trace's text comes
// after the warning: only `reported` outlives it.
type Failing = { type?: string; message?: string; status?: string };

function readSpans(failing: Failing, before: string): Reading {
  const record: TraceRecord = {
    kind: 'trace',
    trace_id: 'warnings-test',
    timestamp: '2026-01-01T00:00:00Z',
    spans: spansOf(failing, before),
  };
  return reading(analyzeTrace(record));
}

function spansOf(failing: Failing, before: string): Span[] {
  const events = failing.type
    ? [{ name: 'exception', attributes: { 'exception.type': failing.type, 'exception.message': failing.message ?? '' } }]
    : [];
  return [
    { span_id: 'root', parent_span_id: null, name: 'agent.run', status: { code: 'ERROR', message: '' } },
    // `call` ends first, so it is the failing span (failingSpan) whether or not it has an exception event.
    { span_id: 'prep', parent_span_id: 'root', name: 'prep', end_time: 2, status: { code: 'ERROR', message: before } },
    {
      span_id: 'call',
      parent_span_id: 'root',
      name: 'call',
      end_time: 1,
      status: { code: 'ERROR', message: failing.status ?? '' },
      events,
    },
  ];
}

t.test('a warning in a trace yields to the error the failing span reported', async (t) => {
  rulesOnly(() => {
    const warnings: [string, string, string][] = [
      ...WARNINGS.map(([id, text, pair]) => [id, (text.split('\n')[0] as string).trim(), pair] as [string, string, string]),
      ['data.numpy_float_warning', (NP_ARCCOS.split('\n')[0] as string).trim(), 'data_error/nan_or_inf'],
    ];
    for (const [id, warning, pair] of warnings) {
      t.ok(patternOf(id).match.test(warning), `${id}: reaches the regex`);
      const raised = readSpans({ type: 'sqlite3.OperationalError', message: 'database is locked' }, warning);
      t.same([raised.code, `${raised.category}/${raised.factor}`], [...UNHANDLED], `${id}: the raised error answers`);
      // Controls: the failing span reported the warning itself, a message of no raised form, or nothing.
      const itself = readSpans({ type: 'RuntimeWarning', message: warning }, warning);
      t.same([itself.code, `${itself.category}/${itself.factor}`], [id, pair], `${id}: the warning reported answers`);
      // `call` is the failing span in each (review 20 F6: without end times `prep`, which reports the warning, was).
      for (const failing of [{ status: 'database is locked' }, {}, { status: 'Error: database is locked' }])
        t.equal(failingSpan(spansOf(failing, warning))?.span_id, 'call', `${id}: ${JSON.stringify(failing)} fails in call`);
      const plain = readSpans({ status: 'database is locked' }, warning);
      t.same([plain.code, `${plain.category}/${plain.factor}`], [id, pair], `${id}: a message raising nothing`);
      // Its twin, one word apart, raises (RAISED_LINE): so the control reaches the step's scan.
      const raisedStatus = readSpans({ status: 'Error: database is locked' }, warning);
      t.same(
        [raisedStatus.code, `${raisedStatus.category}/${raisedStatus.factor}`],
        [...UNHANDLED],
        `${id}: a raised status message`,
      );
      const none = readSpans({}, warning);
      t.same([none.code, `${none.category}/${none.factor}`], [id, pair], `${id}: nothing reported`);
    }
    // Hostile: the warning 10,000 times in the other span's status message (1 MB), then the raised error.
    const arccos = `${(NP_ARCCOS.split('\n')[0] as string).trim()}\n`;
    for (const [name, before] of [
      ['10,000 times', arccos.repeat(10_000)],
      ['1 MB', mb(arccos)],
    ] as const) {
      const start = performance.now();
      const r = readSpans({ type: 'sqlite3.OperationalError', message: 'database is locked' }, before);
      const ms = performance.now() - start;
      t.same([r.code, `${r.category}/${r.factor}`], [...UNHANDLED], `the arccos warning ${name}: the raised error answers`);
      t.ok(ms < 2000, `the arccos warning ${name} (${before.length} chars): ${ms.toFixed(1)} ms`);
    }
  });
});

// Review 20. Each reading below is what eng20's first two commits read otherwise (runtime_error/
// unhandled_exception, or parts.component); each has a twin one word apart that reads as before.
const TB = 'Traceback (most recent call last):\n  File "x.py", line 1\n';
const NP_DIVIDE = 'RuntimeWarning: invalid value encountered in divide';
const pairOf = (r: Reading) => [r.code, `${r.category}/${r.factor}`];
const NAN_PATTERN = ['data.numpy_float_warning', 'data_error/nan_or_inf'];
const HF_PAIR = ['llm.hf_input_over_max_length', 'context_overflow/context_length_exceeded'];

/** Two sibling spans: `first` (ends first, so the failing one when it has an exception) and `second`. */
function twoSpans(first: Partial<Span>, second: Partial<Span>): Reading {
  const record: TraceRecord = {
    kind: 'trace',
    trace_id: 'warnings-test',
    timestamp: '2026-01-01T00:00:00Z',
    spans: [
      { span_id: 'a', parent_span_id: null, name: 'a', end_time: 1, status: { code: 'ERROR' }, ...first },
      { span_id: 'b', parent_span_id: null, name: 'b', end_time: 2, status: { code: 'ERROR' }, ...second },
    ],
  };
  return reading(analyzeTrace(record));
}
const raise = (type: string, message: string) => ({
  events: [{ name: 'exception', attributes: { 'exception.type': type, 'exception.message': message } }],
});

// F1: a raised error that is the warning's own consequence (WarningOptions.consequence) names no other cause.
t.test("a raised error that is the warning's own consequence does not outlive it (review 20 F1)", async (t) => {
  rulesOnly(() => {
    const numpy = patternOf('data.numpy_float_warning');
    const hf = patternOf('llm.hf_input_over_max_length');
    const consequenceOf = (p: typeof numpy) => (typeof p.warning === 'object' ? p.warning.consequence : undefined);
    const svd = `train.py:42: ${NP_DIVIDE}\n  loss = a / b\n${TB}numpy.linalg.LinAlgError: SVD did not converge`;
    const ik = `${NP_ARCCOS}\n${TB}RuntimeError: IK solution not found`;
    for (const [name, text, twin] of [
      ['SVD did not converge', svd, svd.replace('did not converge', 'did not start')],
      ['IK solution not found', ik, ik.replace('IK solution', 'IK server')],
    ] as const) {
      t.ok(numpy.match.test(text) && consequenceOf(numpy)?.test(text), `${name}: reaches the regex and the consequence`);
      t.notOk(consequenceOf(numpy)?.test(twin), `${name}'s twin: no consequence`);
      t.notOk(warningOutlivedIn('data.numpy_float_warning', text), `${name}: not outlived`);
      t.same(pairOf(readLog(text)), NAN_PATTERN, `${name}: the warning answers`);
      t.ok(warningOutlivedIn('data.numpy_float_warning', twin), `${name}'s twin: outlived`);
      t.same(pairOf(readLog(twin)), [...UNHANDLED], `${name}'s twin: the error answers`);
    }
    // Errors of another cause still outlive it (RAISED_AFTER: database is locked, Java's IllegalStateException).
    for (const [name, tail] of (RAISED_AFTER as [string, string, string, string][]).slice(0, 2)) {
      t.notOk(consequenceOf(numpy)?.test(tail), `${name}: no consequence`);
      t.ok(warningOutlivedIn('data.numpy_float_warning', `${NP_ARCCOS}\n${tail}`), `${name}: outlives the warning`);
    }
    // A prompt past max_length, then an empty answer: in a log and in a trace (gap 2's shape).
    const hfLine = (HF_WARN.split('. You')[0] as string).trim();
    t.ok(hf.match.test(hfLine), 'the HF warning reaches the regex');
    const empty = 'Exception: empty answer from model';
    t.ok(consequenceOf(hf)?.test(empty), 'an empty answer reaches the consequence');
    t.same(pairOf(readLog(`${hfLine}\n${TB}${empty}`)), HF_PAIR, "log: the empty answer is the warning's");
    t.same(pairOf(readLog(`${hfLine}\n${TB}Exception: bad answer from model`)), [...UNHANDLED], 'log twin');
    const generate = { name: 'generate', status: { code: 'ERROR', message: hfLine } };
    t.same(pairOf(twoSpans(generate, { name: 'parse', ...raise('Exception', 'empty answer from model') })), HF_PAIR, 'trace');
    t.same(
      pairOf(twoSpans(generate, { name: 'parse', ...raise('Exception', 'bad answer from model') })),
      [...UNHANDLED],
      'trace twin',
    );
  });
});

// F2: the producer reported the warning itself, so nothing later outlives it.
t.test('the producer reported the warning itself: nothing outlives it (review 20 F2)', async (t) => {
  rulesOnly(() => {
    const logs = `epoch 1\n${NP_DIVIDE}\nepoch 2\n${TB}RuntimeError: simulation diverged`;
    t.ok(patternOf('data.numpy_float_warning').match.test(NP_DIVIDE), 'reaches the regex');
    t.same(pairOf(readLog(logs, NP_DIVIDE)), NAN_PATTERN, 'error_message is the warning');
    t.same(pairOf(readLog(logs, 'RuntimeError: simulation diverged')), [...UNHANDLED], 'twin: error_message is the error');
    t.same(pairOf(readLog(logs)), [...UNHANDLED], 'no error_message: the later error outlives it');
    // A trace: the failing span's exception event is the warning, its parent's status a raised error.
    const parent = {
      span_id: 'r',
      parent_span_id: null,
      name: 'episode',
      status: { code: 'ERROR', message: 'RuntimeError: episode aborted' },
    };
    const step = (type: string, message: string) => ({
      span_id: 'c',
      parent_span_id: 'r',
      name: 'step',
      ...raise(type, message),
    });
    t.same(pairOf(twoSpans(step('RuntimeWarning', 'invalid value encountered in arccos'), parent)), NAN_PATTERN, 'trace');
    t.same(pairOf(twoSpans(step('RuntimeError', 'invalid state'), parent)), [...UNHANDLED], 'trace twin');
  });
});

// F3, F4: the warning's words are masked, not its line dropped: a fault on the same line still answers,
// and on a line longer than 2,000 characters the piece read keeps its words.
t.test("a fault logged on an outlived warning's line is still read (review 20 F3, F4)", async (t) => {
  rulesOnly(() => {
    const stopped = `${TB}RuntimeError: control loop stopped`;
    for (const [fault, pair] of [
      ['servo 5 not responding', 'hardware_fault/actuator_fault'],
      ['collision detected with table', 'hardware_fault/emergency_stop'],
    ] as const) {
      const line = `[WARN] [arm]: ${fault}; ${NP_DIVIDE}`;
      t.ok(patternOf('data.numpy_float_warning').match.test(line), `${fault}: reaches the regex`);
      t.ok(warningOutlivedIn('data.numpy_float_warning', `step 1\n${line}\n${stopped}`), `${fault}: outlived`);
      t.same(pairOf(readLog(`step 1\n${line}\n${stopped}`)), ['parts.robot', pair], `${fault} on the warning's line`);
      t.same(pairOf(readLog(`step 1\n[WARN] [arm]: ${fault}\n${stopped}`)), ['parts.robot', pair], `${fault} alone`);
      t.same(pairOf(readLog(`step 1\n${line}\nstep 2`)), NAN_PATTERN, `${fault}: not outlived, the warning answers`);
    }
    // F4: the fault in the line's first 2,000 characters, the warning past them.
    const long = `[WARN] [arm]: servo 5 not responding ${'x'.repeat(2100)} ${NP_DIVIDE}`;
    t.same(pairOf(readLog(`${long}\n${stopped}`)), ['parts.robot', 'hardware_fault/actuator_fault'], 'a 2,100-character line');
    t.same(pairOf(readLog(`${long}\nstep 2`)), NAN_PATTERN, 'a 2,100-character line, not outlived');
  });
});

// F7: the logging component reads the lines as the other readers do (masked whole): an ERROR line whose
// error is the outlived warning names no component, however long the line.
t.test("the logging component of an outlived warning's line is not read (review 20 F7)", async (t) => {
  rulesOnly(() => {
    const finished = 'epoch 50/50 loss 0.02\nTraining finished, saved to model.pt';
    for (const [name, filler] of [
      ['short', 'filter.py:55:'],
      ['2,100 characters before the warning', 'x'.repeat(2100)],
    ] as const) {
      const line = `[ERROR] [1699999.1] [imu_driver]: ${filler} ${NP_DIVIDE}`;
      const text = `[INFO] [imu_driver]: started\n${line}\n${finished}`;
      t.ok(warningOutlivedIn('data.numpy_float_warning', text), `${name}: outlived`);
      t.same(pairOf(readLog(text)), ['unknown', 'unknown/unknown'], `${name}: nothing answers`);
      // Controls: the component reader reads the line (another error on it; the reader without the mask).
      const other = `[INFO] [imu_driver]: started\n[ERROR] [1699999.1] [imu_driver]: ${filler} step skipped\n${finished}`;
      t.same(pairOf(readLog(other)), ['parts.component', 'hardware_fault/sensor_fault'], `${name}: another error, the component`);
      t.equal(errorComponent(text), 'imu_driver', `${name}: unmasked, the component`);
      const all = new RegExp(patternOf('data.numpy_float_warning').match.source, 'g');
      t.equal(
        errorComponent(text, (l) => l.replace(all, (m) => ' '.repeat(m.length))),
        undefined,
        `${name}: masked`,
      );
    }
  });
});

// F5: the shipped second opinion reads the masked text too (classify.ts classify), so an outlived
// warning answers through no reader, the model included. Not rulesOnly: the model as shipped. Control:
// the model reads the same record's unmasked text (modelText) as the warning's pair.
t.test('the shipped second opinion does not read an outlived warning either (review 20 F5)', async (t) => {
  for (const [name, tail, pair] of [
    ['a finished run', 'epoch 50/50 loss 0.02\nTraining finished, saved to model.pt', ['unknown', 'unknown/unknown']],
    ['a raised error', (RAISED_AFTER[0] as [string, string, string, string])[1], [...UNHANDLED]],
  ] as const) {
    const text = `${NP_ARCCOS}\n${tail}`;
    const sources = logSources('', text);
    const unmasked = secondOpinion(modelText(sources), false, false, patternContext('log', sources).text);
    t.same(
      unmasked && `${unmasked.category}/${unmasked.factor}`,
      'data_error/nan_or_inf',
      `${name}: the model reads the warning`,
    );
    t.ok(warningOutlivedIn('data.numpy_float_warning', text), `${name}: outlived`);
    t.same(pairOf(readLog(text)), pair, `${name}: with the shipped model`);
  }
  t.same(pairOf(readLog(NP_ARCCOS)), NAN_PATTERN, 'the warning alone: the pattern');
});

// A refusal yields to its own clearing (or a finished run), not to the error it causes.
const PX4 = 'INFO  [px4] PX4 daemon already running for instance 0 (Success)';
const PX4_DIED = `${PX4}\n[uav0/sitl-3] process has died [pid 32212, exit code 255, cmd /ws/devel/lib/px4/px4 -i 0].`;
const PX4_UP_THEN_PORT = `${PX4}\n$ pkill px4\nINFO  [commander] Ready for takeoff!\nOSError: [Errno 98] Address already in use`;
const PX4_UP_THEN_SEGV = `${PX4}\n$ pkill px4\nINFO  [commander] Ready for takeoff!\n[Err] [gazebo_mavlink_interface.cpp:1194] Segmentation fault (core dumped)`;
// Up, then the daemon message again: the last launch was refused (review 19 F6).
const PX4_UP_THEN_AGAIN = `${PX4}\nkilled stale px4\nINFO  [commander] Ready for takeoff!\nshutdown\n${PX4}\npx4 exited`;
const GPS = 'PreArm: Bad GPS Health';
const GPS_THEN_SCRIPT = `${GPS}\nTraceback (most recent call last):\n  File "mission.py", line 9, in <module>\n    vehicle.arm()\ndronekit.APIException: vehicle did not arm`;
const GPS_ARMED_THEN_FAILSAFE = `${GPS}\nArmed\nRadio Failsafe - Disarming`;
const GPS_ARMED_THEN_LOST = `${GPS}\nARMED\nTakeoff\nBad GPS Health\nEKF failsafe`;
const GPS_UPPER_ARMED_THEN_FAILSAFE = 'PREARM: BAD GPS HEALTH\nArmed\nRadio Failsafe - Disarming';

t.test('a refusal yields only to its clearing line or a finished run, not to the error it causes', async (t) => {
  rulesOnly(() => {
    const port = patternOf('config.port_in_use');
    const sensor = patternOf('robot.preflight_sensor');
    for (const text of [PX4_DIED, PX4_UP_THEN_PORT, PX4_UP_THEN_SEGV, PX4_UP_THEN_AGAIN])
      t.ok(port.match.test(text), 'reaches the regex');
    for (const text of [GPS_THEN_SCRIPT, GPS_ARMED_THEN_FAILSAFE, GPS_ARMED_THEN_LOST, GPS_UPPER_ARMED_THEN_FAILSAFE]) {
      t.ok(sensor.match.test(text), 'reaches the regex');
    }
    const pairOf = (text: string) => {
      const r = readLog(text);
      return [r.code, `${r.category}/${r.factor}`];
    };
    const PORT = ['config.port_in_use', 'config_error/invalid_config'];
    const SENSOR = ['robot.preflight_sensor', 'hardware_fault/sensor_fault'];
    t.notOk(warningOutlivedIn('config.port_in_use', PX4_DIED), 'the instance died of it');
    t.same(pairOf(PX4_DIED), PORT);
    t.ok(warningOutlivedIn('config.port_in_use', PX4_UP_THEN_SEGV), 'PX4 came up after it');
    t.not(readLog(PX4_UP_THEN_SEGV).code, 'config.port_in_use');
    t.ok(warningOutlivedIn('config.port_in_use', PX4_UP_THEN_PORT), 'cleared');
    t.same(pairOf(PX4_UP_THEN_PORT), PORT, "the pattern's other form after it still answers");
    t.notOk(warningOutlivedIn('config.port_in_use', PX4_UP_THEN_AGAIN), 'up, then refused again');
    t.same(pairOf(PX4_UP_THEN_AGAIN), PORT);
    t.notOk(warningOutlivedIn('robot.preflight_sensor', GPS_THEN_SCRIPT), "the script's error is the refused arming");
    t.same(pairOf(GPS_THEN_SCRIPT), SENSOR);
    t.ok(warningOutlivedIn('robot.preflight_sensor', GPS_ARMED_THEN_FAILSAFE), 'armed: cleared');
    t.same(pairOf(GPS_ARMED_THEN_FAILSAFE), ['robot.failsafe', 'hardware_fault/emergency_stop']);
    t.notOk(warningOutlivedIn('robot.preflight_sensor', GPS_ARMED_THEN_LOST), 'armed, then the GPS went bad again');
    t.same(pairOf(GPS_ARMED_THEN_LOST), SENSOR);
    // `form` reads with the pattern's own flags (the pattern reads any case).
    t.ok(warningOutlivedIn('robot.preflight_sensor', GPS_UPPER_ARMED_THEN_FAILSAFE), 'upper case, armed: cleared');
    t.same(pairOf(GPS_UPPER_ARMED_THEN_FAILSAFE), ['robot.failsafe', 'hardware_fault/emergency_stop']);
  });
});

t.test("a warning's regexes keep their meaning in the step", async (t) => {
  const marked = PATTERNS.filter((p) => p.warning).map((p) => p.id);
  t.same(
    [...marked].sort(),
    [
      'config.port_in_use',
      'data.loss_scale_overflow',
      'data.numpy_float_warning',
      'eval.empty_results',
      'import.built_without_cuda',
      'llm.hf_input_over_max_length',
      'robot.preflight_sensor',
      'robot.tegra_vi_capture',
      'sim.gl_driver',
    ],
    'the marked patterns',
  );
  for (const p of PATTERNS) {
    const w = p.warning;
    if (w === undefined || w === true) continue;
    // `cleared` is joined into the step's one regex, read with `gm`: its own flags would be lost.
    if (w.cleared) t.match(w.cleared.flags, /^m?$/, `${p.id}: cleared has no flags but m`);
    // `form` picks the pattern's matches that are the warning: it reads them with the pattern's case.
    if (w.form) {
      t.match(w.form.flags, /^[im]*$/, `${p.id}: form is no global or sticky regex`);
      t.equal(w.form.flags.includes('i'), p.match.flags.includes('i'), `${p.id}: form and match agree on case`);
    }
  }
});

// Hostile texts, given to the step itself (warningOutlived over a 1 MB body: analyzeLog would cut a
// log to 112 KB first, telling.ts boundedText), and through analyzeLog.

// The readers read the body's last BODY_TAIL characters, which may start inside a line: recordLines masks
// that line whole before the cut (bodyTail), so the piece read has none of the warning's words even where
// the piece alone ("g: invalid value encountered in arccos") is no RuntimeWarning line to the pattern's
// regex, yet the robot reading's NaN verb ("invalid value encountered") reads it. The mask here blanks the
// pattern's matches, as classify.ts does once the warning is outlived.
t.test("the body's end starting inside a warning's line: the line is masked whole", async (t) => {
  const line = (NP_ARCCOS.split('\n')[0] as string).trim();
  const body = `${line}\n`.repeat(Math.ceil(BODY_TAIL / (line.length + 1)) + 3);
  const regex = patternOf('data.numpy_float_warning').match;
  const all = new RegExp(regex.source, `${regex.flags}g`);
  const mask = (l: string) => l.replace(all, (m) => ' '.repeat(m.length));
  const verb = /invalid value encountered/;
  let pieces = 0;
  for (let shift = 0; shift <= line.length; shift++) {
    // The tail is cut from the end: a last line of `shift` characters moves where it starts.
    const text = `${body}${'x'.repeat(shift)}`;
    const first = recordLines({ headline: '', telling: [], body: text })[0];
    const masked = recordLines({ headline: '', telling: [], body: text }, mask)[0];
    t.ok(first && line.endsWith(first.text), `shift ${shift}: the body's first line read is the end of the warning's line`);
    if (first && verb.test(first.text) && !regex.test(first.text)) pieces++;
    t.notOk(masked && verb.test(masked.text), `shift ${shift}: masked, the piece holds no NaN verb`);
  }
  t.ok(pieces > 0, `${pieces} pieces hold the NaN verb and are no warning to the pattern's regex`);
});

t.test("the arccos warning repeated, then an error: the error answers, not the readers' NaN part", async (t) => {
  rulesOnly(() => {
    // A generic error (rt.unhandled, below the structure's reach), so the structure readers are asked.
    const raised = 'sqlite3.OperationalError: database is locked';
    const repeated = `${NP_ARCCOS}\n`.repeat(10_000);
    t.equal(robotPartOf(`${repeated}${raised}`), 'data_error/nan_or_inf', 'the robot reading reads the warning');
    for (const text of [`${repeated}${raised}`, `${mb(`${NP_ARCCOS}\n`)}\n${raised}`]) {
      const start = performance.now();
      const r = readLog(text);
      t.same([r.code, `${r.category}/${r.factor}`], [...UNHANDLED], `${text.length} chars`);
      t.ok(performance.now() - start < 2000, `${text.length} chars: bounded`);
    }
    t.equal(readLog(repeated).code, 'data.numpy_float_warning', 'the warning alone, repeated');
  });
});

t.test('the warning step on hostile texts is bounded', async (t) => {
  const nearExceptions = `${NP_WARN}\n${mb('a.b.c.d.e.f.g.h.i.j.k.Erro x\n')}`;
  const texts: [name: string, id: string, text: string, outlived: boolean][] = [
    ['the warning 10,000 times', 'data.numpy_float_warning', NP_REPEATED, false],
    ['the warning, then 1 MB of near-exception lines', 'data.numpy_float_warning', nearExceptions, false],
    [
      'the same, then a raised one',
      'data.numpy_float_warning',
      `${nearExceptions}\nsqlite3.OperationalError: database is locked`,
      true,
    ],
    ['the warning, then a 1 MB line', 'data.numpy_float_warning', `${NP_WARN}\n${mb('AError')}`, false],
    [
      'the warning, then 1 MB of values',
      'data.numpy_float_warning',
      `${NP_WARN}\n${mb('  [a] [b] MeanSquaredError: 0.0213\n')}`,
      false,
    ],
    [
      'the warning, then 1 MB of timestamped near-exceptions',
      'data.numpy_float_warning',
      `${NP_WARN}\n${mb(`2024-05-01 10:00:00,123 ${'- x '.repeat(15)}a.b.c.d.e.f.g.h.i.j.QErro\n`)}`,
      false,
    ],
    [
      'the warning, then 1 MB of failed tallies',
      'data.numpy_float_warning',
      `${NP_WARN}\n${mb(`${'x '.repeat(200)}3 failed, 12 passed\n`)}`,
      false,
    ],
    ['1,500 raised lines repeating the warning', 'import.built_without_cuda', TORCH_RAISED_REPEATED, false],
    // The warning a structure reader reads too (robot-words.ts "invalid value encountered"): the readers' lines.
    ['the arccos warning 10,000 times', 'data.numpy_float_warning', `${NP_ARCCOS}\n`.repeat(10_000), false],
    [
      'the arccos warning 10,000 times, then an error',
      'data.numpy_float_warning',
      `${`${NP_ARCCOS}\n`.repeat(10_000)}KeyError: 'lr'`,
      true,
    ],
    ['1 MB of arccos warnings, then an error', 'data.numpy_float_warning', `${mb(`${NP_ARCCOS}\n`)}\nKeyError: 'lr'`, true],
    // Every line stops the scan and `same` reads it again (it repeats the warning).
    [
      'the warning raised on every line',
      'import.built_without_cuda',
      `${BNB_WARN}\n${mb('ValueError: compiled without GPU support\n')}`,
      false,
    ],
    [
      'a refusal and its clearing alternating, refused last',
      'config.port_in_use',
      `${mb(`${PX4}\nINFO  [commander] Ready for takeoff!\n`)}\n${PX4}\n`,
      false,
    ],
  ];
  for (const [name, id, text, outlived] of texts) {
    const p = patternOf(id);
    t.ok(p.match.test(text), `${name}: reaches the regex`);
    const sources: TextSources = { headline: '', telling: [], body: text };
    let start = performance.now();
    t.equal(warningOutlived(p, sources, text), outlived, `${name}: outlived ${outlived}`);
    const step = performance.now() - start;
    start = performance.now();
    readLog(text);
    const whole = performance.now() - start;
    t.ok(step < 400, `${name} (${text.length} chars): the step ${step.toFixed(1)} ms`);
    t.ok(whole < 2000, `${name}: the whole reading ${whole.toFixed(1)} ms`);
  }
});
