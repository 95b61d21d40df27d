/**
 * The symptom step (patterns/yields.ts, issue 13 session 21): a symptom yields to the cause named before
 * it (docs/taxonomy.md rule 1), declared as data by the symptom's rule (Pattern.yieldsTo; a package
 * message's PartMeaning.yieldsTo, parts/table.ts yieldsTo). The step itself on a declaration written for
 * these tests (a cause then a symptom; the symptom alone; the cause after it; another source between
 * them; a cause out of reach; a cause quoted on the symptom's line; 5 MB texts), then the rules that took
 * it instead of their `unless` (OpenCV's empty image, SageMaker's unpickling failure, numpy's float
 * warning, the FTC OpMode watchdog, rosbag2's storage report), each with the cause before (the cause
 * answers) and after (the symptom answers: the order is read), and every declaration's shape.
 * Texts written for these tests, in the forms the packages print.
 */
import t from 'tap';
import { PATTERNS } from '../src/index.js';
import { PACKAGE_MESSAGES } from '../src/patterns/parts/tables/packages/index.js';
import type { EarlierCause, YieldsTo } from '../src/patterns/types.js';
import { MARGIN, REACH, REACH_MAX, symptomYields } from '../src/patterns/yields.js';
import { readLog, rulesOnly } from './patterns-read.js';

const DECLARED: YieldsTo = {
  form: /\bSYMPTOM: frame is empty\b/,
  causes: [{ said: /\bCAUSE: camera not opened\b/, between: /\bopened source \w{1,20}/ }],
};
const inLog = (logs: string, headline = '') => symptomYields(DECLARED, { headline, telling: [], body: logs });

const CAUSE = 'CAUSE: camera not opened';
const SYMPTOM = 'SYMPTOM: frame is empty';

t.test('the step on a declaration: order, reach, another source between, the cause on the symptom line', async (t) => {
  t.ok(inLog(`${CAUSE}\nretrying\n${SYMPTOM}`), 'a cause then a symptom: the symptom yields');
  t.notOk(inLog(`starting\n${SYMPTOM}`), 'a symptom alone: no yield');
  t.notOk(inLog(`${SYMPTOM}\nsecond run\n${CAUSE}`), 'a cause after the symptom: no yield');
  t.notOk(inLog(`${CAUSE}\nopened source video.mp4\n${SYMPTOM}`), 'another source between them: no yield');
  t.ok(inLog(`opened source video.mp4\n${CAUSE}\n${SYMPTOM}`), 'another source before the cause: still the cause');
  t.ok(inLog(`${CAUSE}\nopened source a\n${CAUSE}\n${SYMPTOM}`), 'the cause again after the other source: the cause');
  t.notOk(inLog(`${CAUSE}\n${'x'.repeat(REACH + 10)}\n${SYMPTOM}`), 'a cause out of reach: no yield');
  t.ok(inLog(`${CAUSE}\n${'x'.repeat(REACH - 10)}\n${SYMPTOM}`), 'a cause just within reach: the symptom yields');
  t.notOk(inLog(`${SYMPTOM} (because CAUSE: camera not opened)`), 'a cause on the symptom line, not declared quoted: no yield');
  t.notOk(inLog(`${CAUSE}\nno frame here`), 'no symptom: nothing to yield');
  t.ok(inLog(`${SYMPTOM}\nsecond run\n${CAUSE}\n${SYMPTOM}`), 'a later occurrence after the cause: yields');
  t.ok(inLog(`${CAUSE}\nsome lines`, SYMPTOM), 'the symptom only in the headline: taken as reported after the log');
  t.notOk(inLog(`some lines\n${SYMPTOM}`, CAUSE), 'the cause only in the headline, the symptom in the log: no yield');
  // A cause declared quoted counts on the symptom's line after it, unless a `between` word comes first there.
  const quoted: YieldsTo = { ...DECLARED, causes: [{ ...(DECLARED.causes[0] as EarlierCause), quoted: true }] };
  const onLine = (logs: string) => symptomYields(quoted, { headline: '', telling: [], body: logs });
  t.ok(onLine(`${SYMPTOM} (because CAUSE: camera not opened)`), 'a quoted cause on the symptom line: yields');
  t.notOk(onLine(`${SYMPTOM} opened source b (CAUSE: camera not opened)`), 'a between word before it on the line: no yield');
  t.ok(onLine(`${SYMPTOM} (CAUSE: camera not opened) opened source b`), 'a between word after it: yields');
  t.notOk(onLine(`${SYMPTOM}\n(CAUSE: camera not opened)`), 'on the next line: no yield');
  // A cause declared reported counts in the producer's message while the symptom is in the log.
  const reported: YieldsTo = { ...DECLARED, causes: [{ said: /\bCAUSE: camera not opened\b/, reported: true }] };
  const rep = (logs: string, message?: string) =>
    symptomYields(reported, {
      headline: message ?? '',
      telling: [CAUSE],
      body: logs,
      ...(message === undefined ? {} : { reported: message }),
    });
  t.ok(rep(`some lines\n${SYMPTOM}`, CAUSE), "a reported cause in the producer's message: yields");
  t.notOk(rep(`some lines\n${SYMPTOM}`, 'run failed'), 'the message without the cause (a telling line has it): no yield');
  t.notOk(rep(`some lines\n${SYMPTOM}`), 'no message given: no yield');
  // 'all': anywhere before, read once.
  const anywhere: YieldsTo = { ...DECLARED, causes: [{ said: /\bCAUSE: camera not opened\b/, within: 'all' }] };
  const far2 = (n: number) => `${CAUSE}\n${'x'.repeat(n)}\n${SYMPTOM}`;
  t.ok(symptomYields(anywhere, { headline: '', telling: [], body: far2(REACH_MAX * 20) }), "'all': a cause far before yields");
  t.notOk(symptomYields(anywhere, { headline: '', telling: [], body: `${SYMPTOM}\n${CAUSE}` }), "'all': a cause after: no yield");
  // A cause as long as MARGIN, ending just within reach (review 21 F5).
  const long: YieldsTo = { form: DECLARED.form, causes: [{ said: /CAUSE \[[a-z]{1,400}\]/ }] };
  // As long as rosbag2's longest cause (Could not open '<300>' with '<40>'. Error:), the longest declared.
  const longCause = `CAUSE [${'a'.repeat(372)}]`;
  t.ok(longCause.length <= MARGIN, `a cause of ${longCause.length} characters, within MARGIN (${MARGIN})`);
  const rosbag = PATTERNS.find((p) => p.id === 'ros.bag_storage_plugin_missing')?.yieldsTo?.causes[0]?.said as RegExp;
  const rosbagLongest = `Could not open '${'p'.repeat(300)}' with '${'w'.repeat(40)}'. Error:`;
  t.ok(
    rosbag.test(rosbagLongest) && rosbagLongest.length <= MARGIN,
    `rosbag2's longest cause (${rosbagLongest.length}) within MARGIN`,
  );
  t.ok(
    symptomYields(long, { headline: '', telling: [], body: `${longCause}${'x'.repeat(REACH - 10)}\n${SYMPTOM}` }),
    'its end within reach: yields',
  );
  t.notOk(
    symptomYields(long, { headline: '', telling: [], body: `${longCause}${'x'.repeat(REACH + 10)}\n${SYMPTOM}` }),
    'its end out of reach: no yield',
  );
  // Within a declared reach, capped at REACH_MAX.
  const far: YieldsTo = { ...DECLARED, causes: [{ said: /\bCAUSE: camera not opened\b/, within: REACH_MAX * 10 }] };
  const gap = (n: number) => `${CAUSE}\n${'x'.repeat(n)}\n${SYMPTOM}`;
  t.ok(symptomYields(far, { headline: '', telling: [], body: gap(REACH_MAX - 10) }), 'a longer reach is read');
  t.notOk(symptomYields(far, { headline: '', telling: [], body: gap(REACH_MAX + 10) }), 'the reach is capped at REACH_MAX');
});

t.test('the step is bounded on 5 MB texts, however often the symptom and the cause repeat', async (t) => {
  const MB5 = 5 * 1024 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB5 / unit.length));
  const runs: [string, string, boolean][] = [
    ['symptoms, no cause', fill(`${SYMPTOM}\n`), false],
    ['causes, no symptom', fill(`${CAUSE}\n`), false],
    ['causes then the symptom far after', `${fill(`${CAUSE}\n`)}${'y'.repeat(REACH + 100)}\n${SYMPTOM}`, false],
    ['cause, other source, symptom repeated', fill(`${CAUSE}\nopened source a\n${SYMPTOM}\n`), false],
    ['symptom and cause alternating on one 5 MB line', fill(`${SYMPTOM} ; ${CAUSE} ; `), true],
    ['a 5 MB line of symptoms, the cause at its end', `${fill(`${SYMPTOM} `)}\n${CAUSE}`, false],
    ['noise, then the cause and the symptom at the end', `${fill('z')}\n${CAUSE}\n${SYMPTOM}`, true],
    ['symptoms all along, the cause before the last', `${fill(`${SYMPTOM}\nopened source a\n`)}${CAUSE}\n${SYMPTOM}`, true],
  ];
  for (const [name, text, yields] of runs) {
    t.ok(text.length >= MB5, `${name}: ${(text.length / 1024 / 1024).toFixed(1)} MB`);
    const start = performance.now();
    const got = inLog(text);
    const ms = performance.now() - start;
    t.equal(got, yields, name);
    t.ok(ms < 1500, `${name}: ${ms.toFixed(0)} ms`);
  }
});

const code = (logs: string) => {
  const r = rulesOnly(() => readLog(logs));
  return { code: r.code, pair: `${r.category}/${r.factor}` };
};

/** Rules that took the step: the cause named before the symptom (the rule does not answer), then after it (it does). */
const MOVED: [string, string, string[], string[]][] = [
  [
    'data.numpy_float_warning',
    "numpy's float warning yields to the empty slice named before it",
    [
      '/home/u/eval.py:41: RuntimeWarning: Mean of empty slice.',
      '  return np.nanmean(x)',
      '/usr/lib/python3/dist-packages/numpy/core/_methods.py:192: RuntimeWarning: invalid value encountered in scalar divide',
      '  ret = ret.dtype.type(ret / rcount)',
      'success rate: nan',
    ],
    [
      '/usr/lib/python3/dist-packages/numpy/core/_methods.py:192: RuntimeWarning: invalid value encountered in scalar divide',
      '  ret = ret.dtype.type(ret / rcount)',
      'loss: nan',
      '/home/u/eval.py:41: RuntimeWarning: Mean of empty slice.',
      '  return np.nanmean(x)',
    ],
  ],
  [
    'robot.opmode_stuck',
    'the FTC OpMode watchdog yields to the missing hardware device named before it',
    [
      'HardwareMap: Unable to find a hardware device with name "left_drive" and type DcMotor',
      'tick',
      'OpMode stuck in init(); Restarting robot controller app.',
    ],
    ['OpMode stuck in loop(); Restarting robot controller app.', 'later: Unable to find a hardware device with name "arm"'],
  ],
  [
    'ros.bag_storage_plugin_missing',
    "rosbag2's no-plugin report yields to the storage's own error before it",
    [
      "[ERROR] [1700000000.1] [rosbag2_storage]: Could not open 'bag/bag_0.mcap' with 'mcap'. Error: Bad magic in header",
      "[ERROR] [1700000000.1] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'.",
    ],
    [
      "[ERROR] [1700000000.1] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'.",
      'retrying with sqlite3',
      "[ERROR] [1700000000.5] [rosbag2_storage]: Could not open 'bag/bag_0.db3' with 'sqlite3'. Error: Bad magic in header",
    ],
  ],
];

t.test('the rules that took the step: the cause before the symptom answers, a cause after it does not', async (t) => {
  for (const [id, name, before, after] of MOVED) {
    t.not(code(before.join('\n')).code, id, `${name}: the cause before`);
    t.equal(code(after.join('\n')).code, id, `${name}: the cause after, the symptom answers`);
  }
  const numpyBefore = (MOVED[0] as (typeof MOVED)[number])[2].join('\n');
  t.equal(code(numpyBefore).pair, 'data_error/empty_input', 'the empty slice before: the empty input');
});

t.test(
  'the moved rules yield where their old unless did: a cause far before, or only in the producer message (review 21 F2)',
  async (t) => {
    const rules = (errorMessage: string, logs: string) => {
      const r = rulesOnly(() => readLog(logs, errorMessage));
      return { code: r.code, pair: `${r.category}/${r.factor}` };
    };
    const stuck = 'OpMode stuck in init(); Restarting robot controller app.';
    const ftcCause = 'Unable to find a hardware device with name "left_drive" and type DcMotor';
    t.equal(rules(ftcCause, `init\n${stuck}`).pair, 'config_error/invalid_config', 'FTC: the cause in the error message');
    t.equal(
      code(`HardwareMap: ${ftcCause}\n${'telemetry tick\n'.repeat(250)}${stuck}`).pair,
      'config_error/invalid_config',
      'FTC: the cause 3.5k characters before',
    );
    t.equal(
      code(`init\n${'telemetry tick\n'.repeat(250)}${stuck}`).code,
      'robot.opmode_stuck',
      'FTC: no cause: the watchdog (control)',
    );
    t.equal(
      code(
        `eval.py:41: RuntimeWarning: Mean of empty slice.\n${'episode ok\n'.repeat(300)}_methods.py:192: RuntimeWarning: invalid value encountered in scalar divide\n`,
      ).pair,
      'data_error/empty_input',
      'numpy: the empty slice 3k characters before',
    );
    t.equal(
      rules(
        "Could not open 'bag/bag_0.mcap' with 'mcap'. Error: Bad magic",
        "[ERROR] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'.",
      ).code,
      'parts.package',
      "rosbag2: the storage's error in the error message",
    );
    t.equal(
      rules('ros2 bag play failed', "[ERROR] [rosbag2_storage]: Could not load/open plugin with storage id 'mcap'.").code,
      'ros.bag_storage_plugin_missing',
      'rosbag2: no cause: the report (control)',
    );
  },
);

t.test("OpenCV's camera message on the assertion's own line is no quoted cause (review 21 F4)", async (t) => {
  const camera = "[ WARN:0@0.301] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video2): can't open camera by index";
  const empty =
    "cv2.error: OpenCV(4.9.0) /io/opencv/modules/imgproc/src/color.cpp:196: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'";
  t.equal(
    code(`${camera}\nUsing camera 1\n${empty} retry: ${camera}`).pair,
    'data_error/empty_input',
    'Using camera 1 between, the camera after on the line',
  );
  t.equal(code(`${empty} ; second attempt: ${camera}`).pair, 'data_error/empty_input', 'the camera after on the line');
  t.equal(code(`${camera}\n${empty}`).pair, 'config_error/file_not_found', 'the camera before (control)');
});

t.test("OpenCV's empty image and SageMaker's unpickling failure through the step, in both orders", async (t) => {
  const camera = "[ WARN:0@0.301] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video2): can't open camera by index";
  const empty =
    "cv2.error: OpenCV(4.9.0) /io/opencv/modules/imgproc/src/color.cpp:196: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'";
  t.equal(code(`${camera}\nTraceback (most recent call last):\n${empty}`).pair, 'config_error/file_not_found', 'camera first');
  t.equal(code(`${empty}\nsecond run:\n${camera}`).pair, 'data_error/empty_input', 'camera after: the empty image');
  const sagemaker =
    'sagemaker.remote_function.errors.DeserializationError: Error when deserializing bytes downloaded from s3://bkt/job/function/payload.pkl: ModuleNotFoundError("No module named \'my_utils\'"). NOTE: this may be caused by inconsistent sagemaker python sdk versions where remote function runs versus the one used on client side.';
  t.equal(code(sagemaker).pair, 'import_error/module_not_found', 'the module quoted in the message: the module');
  const traceback = `ModuleNotFoundError: No module named 'my_utils'\n\nDuring handling of the above exception, another exception occurred:\n\n${sagemaker.replace('ModuleNotFoundError("No module named \'my_utils\'")', 'ModuleNotFoundError()')}`;
  t.equal(code(traceback).pair, 'import_error/module_not_found', 'the module named before it in the traceback');
});

t.test('every declaration is bounded: no g/y flags, no empty match, a reach at most REACH_MAX', async (t) => {
  const declarations: [string, YieldsTo][] = [
    ...PATTERNS.flatMap((p): [string, YieldsTo][] => (p.yieldsTo ? [[p.id, p.yieldsTo]] : [])),
    ...PACKAGE_MESSAGES.flatMap((m): [string, YieldsTo][] =>
      m.meaning.yieldsTo ? [[`${m.pkg}: ${m.says}`, m.meaning.yieldsTo]] : [],
    ),
  ];
  t.ok(declarations.length >= 5, `${declarations.length} declarations`);
  for (const [name, y] of declarations) {
    const regexes = [y.form, ...y.causes.flatMap((c) => [c.said, c.between])].filter((r): r is RegExp => Boolean(r));
    for (const re of regexes) {
      t.notOk(/[gy]/.test(re.flags), `${name}: ${re.source.slice(0, 40)} has no g/y`);
      t.notOk(re.test(''), `${name}: ${re.source.slice(0, 40)} does not match an empty string`);
    }
    for (const c of y.causes)
      t.ok(c.within === 'all' || (c.within ?? REACH) <= REACH_MAX, `${name}: reach within REACH_MAX or 'all'`);
  }
  const sm = PACKAGE_MESSAGES.find((m) => m.pkg === 'sagemaker')?.meaning.yieldsTo?.form as RegExp;
  t.ok(sm, 'the package form is made from the message');
  const line = `Error when deserializing bytes downloaded from ${': x'.repeat(3000)}`;
  const start = performance.now();
  t.notOk(sm.test(line), 'a line with every piece but the last does not match');
  t.ok(performance.now() - start < 200, 'without backtracking across its gaps');
});
