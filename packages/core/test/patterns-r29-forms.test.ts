/**
 * Forms of robotics-29's misses that several projects print (issue 13, session 19):
 * - VEXos's "Memory Permission Error" (the V5 brain's box for a memory-access fault of the user program)
 *   refuses no caller: auth.permission_denied's "Permission error" alternative no longer reads it after
 *   "Memory " (a "Permission error" of a file or an API still reads);
 * - NVIDIA Jetson's camera capture driver (tegra VI: "PXL_SOF syncpt timeout", "uncorr_err: request timed
 *   out", "corr_err: discarding frame", "master error") is the camera's frames not arriving or arriving
 *   broken (rule 2: the sensor; robot.tegra_vi_capture), a warning: a later raised error of another cause
 *   answers;
 * - Qt's "could not connect to display" with no display name (DISPLAY empty or unset) is the unset
 *   variable (rule 5, config.missing_env_var); with a name (":0") it stays sim.no_display;
 * - the generic robot reading (parts/robot.ts) reads no component or verb inside a web address
 *   ("robotology-dependencies/qpOASES" is a link, not a dependency that "couldn't" be found).
 * - CUDA error 8's own string "invalid device function" (cudaErrorInvalidDeviceFunction: no kernel compiled
 *   for this GPU's architecture), after "CUDA error"/"CUDA kernel failed" or caffe's check of error 8, is the
 *   binary built for another architecture (rule 5, import.gpu_arch_mismatch), not the segfault or the
 *   failed check that follows it;
 * - the compiler's "fatal error: X.h: No such file or directory" with glibc's words translated (zh_CN
 *   "没有那个文件或目录", ja, de, fr, es, ru) and gcc's zh_CN "致命错误：" is the same missing header (rule 5);
 * - mujoco_py's "RuntimeError: Failed to initialize OpenGL" (OffscreenOpenGLContext) is a GL context that cannot be
 *   created (rule 5, sim.gl_context), unless the record shows the GL library failing to load (that line answers);
 * The OpenCV Mat range asserts (ROI, row and column ranges: index_error, rule 6) are tested with the
 * vision package table (parts-packages-vision-robots.test.ts). Texts written for these tests; each
 * control contains the changed condition's words (asserted) and a hostile-input run per new regex.
 */
import t from 'tap';
import { analyzeLog } from '../src/index.js';
import { readRobotLine } from '../src/patterns/parts/robot.js';
import {
  familyWithControls,
  patternOf,
  readLog,
  readsHostileRuns,
  readWhole,
  rulesOnly,
  warningOutlivedIn,
} from './patterns-read.js';

// auth.permission_denied's "Permission error" alternative as it stood before this change.
const PERMISSION_ERROR_BEFORE = /(?<![Nn]o )\b[Pp]ermission error\b/;

const VEX_MEMORY_PERMISSION = [
  'In the middle of the autonomous period the V5 brain screen shows a memory permission error and the program stops.',
  'Expected behavior: the screen should not display the memory permission error.',
];
const FILE_PERMISSION_ERROR = 'rosbag record: Permission error: cannot write /data/bags/run1.bag (read-only directory)';

t.test('auth.permission_denied: a memory permission error is no refusal; a permission error of a file still is', async (t) => {
  const p = patternOf('auth.permission_denied');
  rulesOnly(() => {
    for (const text of VEX_MEMORY_PERMISSION) {
      t.ok(PERMISSION_ERROR_BEFORE.test(text), `the old alternative took it: ${text.slice(0, 50)}`);
      t.notOk(p.match.test(text), `a memory fault, not a refusal: ${text.slice(0, 50)}`);
      t.not(readLog(text).code, 'auth.permission_denied', text.slice(0, 50));
    }
  });
  t.ok(p.match.test(FILE_PERMISSION_ERROR), 'the file form still matches');
  const r = readLog(FILE_PERMISSION_ERROR);
  t.equal(`${r.category}/${r.factor}`, 'auth_error/permission_denied', FILE_PERMISSION_ERROR.slice(0, 50));
});

const VI4_SYNCPT = [
  '[  174.263988] tegra-vi4 15700000.vi: master error',
  '[  174.274956] tegra-vi4 15700000.vi: master error',
  '[  174.302167] tegra-vi4 15700000.vi: PXL_SOF syncpt timeout! err = -11',
].join('\n');
const VI5_CORR = [
  '[ 141.640765] tegra194-vi5 15c10000.vi: video_name: vi-output, imx390 30-001b, corr_err: discarding frame 0, flags: 32, err_data 162',
  '[ 143.470167] tegra194-vi5 15c10000.vi: video_name: vi-output, imx390 31-001b, corr_err: discarding frame 0, flags: 96, err_data 4194405',
].join('\n');
const CAPTURE_VI_UNCORR =
  '[  112.118390] tegra-camrtc-capture-vi tegra-capture-vi: uncorr_err: request timed out after 2500 ms\n[  112.118571] tegra-camrtc-capture-vi tegra-capture-vi: err_rec: attempting to reset the capture channel';
// The same driver lines, then the application raising an error of another cause: the warning yields.
const VI_THEN_RAISED = `${VI4_SYNCPT}\nTraceback (most recent call last):\n  File "detect.py", line 40, in <module>\n    net = load(args.weights)\nFileNotFoundError: [Errno 2] No such file or directory: 'yolov5s.engine'`;
// The driver's timeout, its channel reset, then GStreamer's own end of a pipeline that ran to its end
// (review19 finding 1): the capture recovered, the warning yields to the finished run.
const VI_THEN_FINISHED = [
  '[  174.302167] tegra-vi4 15700000.vi: PXL_SOF syncpt timeout! err = -11',
  '[  174.302300] tegra-vi4 15700000.vi: tegra_channel_error_recovery: attempting to reset the capture channel',
  'Got EOS from element "pipeline0".',
  'Execution ended after 0:00:10.123456789',
  'Setting pipeline to NULL ...',
].join('\n');
// Another driver's timeout with no tegra VI prefix: not this reading.
const OTHER_VI_TIMEOUT = '[ 88.1] imx219 7-0010: sensor probe timed out, syncpt timeout waiting for frame';

familyWithControls(
  'the tegra VI capture errors are the camera (rule 2)',
  [
    [VI4_SYNCPT, 'hardware_fault/sensor_fault'],
    [VI5_CORR, 'hardware_fault/sensor_fault'],
    [CAPTURE_VI_UNCORR, 'hardware_fault/sensor_fault'],
  ],
  [
    [VI_THEN_RAISED, 'config_error/file_not_found'],
    [OTHER_VI_TIMEOUT, '!hardware_fault/emergency_stop'],
    [VI_THEN_FINISHED, '!hardware_fault/sensor_fault'],
  ],
);

t.test('robot.tegra_vi_capture answers its forms; a later raised error of another cause reaches it and answers', async (t) => {
  const p = patternOf('robot.tegra_vi_capture');
  for (const text of [VI4_SYNCPT, VI5_CORR, CAPTURE_VI_UNCORR])
    t.equal(readLog(text).code, 'robot.tegra_vi_capture', text.slice(0, 50));
  t.ok(p.match.test(VI_THEN_RAISED), 'the control holds the driver form');
  t.ok(warningOutlivedIn('robot.tegra_vi_capture', VI_THEN_RAISED), 'the later FileNotFoundError outlives the warning');
  rulesOnly(() => {
    t.not(readLog(VI_THEN_RAISED).code, 'robot.tegra_vi_capture', 'the raised error answers');
    t.ok(p.match.test(VI_THEN_FINISHED), 'the finished pipeline holds the driver form');
    t.ok(warningOutlivedIn('robot.tegra_vi_capture', VI_THEN_FINISHED), "GStreamer's end of the pipeline outlives the warning");
    t.not(readLog(VI_THEN_FINISHED).code, 'robot.tegra_vi_capture', 'the finished pipeline: not the camera');
    t.notOk(p.match.test(OTHER_VI_TIMEOUT), 'no tegra VI prefix: not the form');
    t.not(readLog(OTHER_VI_TIMEOUT).code, 'robot.tegra_vi_capture', OTHER_VI_TIMEOUT.slice(0, 50));
  });
});

const QT_EMPTY = [
  'root@505e68ca4bea:~# ros2 run turtlesim turtlesim_node\nqt.qpa.xcb: could not connect to display \nqt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.',
  'qt.qpa.xcb: could not connect to display qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found. This application failed to start because no Qt platform plugin could be initialized.',
];
const QT_NAMED = [
  '[rviz2-4] qt.qpa.xcb: could not connect to display :0\n[rviz2-4] qt.qpa.plugin: Could not load the Qt platform plugin "xcb" in "" even though it was found.',
  'QXcbConnection: Could not connect to display localhost:10.0\nAborted (core dumped)',
];

// The bare message with no Qt prefix (review19 finding 3): only Qt prints the display name after it, so
// another program's line ending there says nothing of DISPLAY (here it is set).
const NOT_QT_BARE =
  'Error: could not connect to display\nDISPLAY=localhost:10.0 is set but the X server refused the connection (no xauth cookie)';

familyWithControls(
  "Qt's could not connect to display: no name is DISPLAY unset (rule 5), a named display the setup",
  QT_EMPTY.map((text) => [text, 'config_error/missing_env_var']),
  [
    ...QT_NAMED.map((text): [string, string] => [text, 'config_error/invalid_config']),
    [NOT_QT_BARE, 'config_error/invalid_config'],
  ],
);

t.test('sim.no_display: both forms reach it; only the empty name resolves to the unset variable', async (t) => {
  const p = patternOf('sim.no_display');
  for (const text of QT_EMPTY) {
    t.ok(p.match.test(text), `reaches sim.no_display: ${text.slice(0, 40)}`);
    t.equal(readLog(text).code, 'config.missing_env_var', text.slice(0, 50));
  }
  for (const text of [...QT_NAMED, NOT_QT_BARE]) {
    t.ok(p.match.test(text), `reaches sim.no_display: ${text.slice(0, 40)}`);
    t.equal(readLog(text).code, 'sim.no_display', text.slice(0, 50));
  }
});

const IN_A_LINK =
  "ERROR: the solver [qpOASES](https://github.com/robotology-dependencies/qpOASES) couldn't find a feasible solution after the robot fell";
const IP_CAMERA_URL = '[ WARN:0] cap open failed: could not open http://192.168.1.64/camera/stream.mjpg';
const DEVICE_URLS = [
  IP_CAMERA_URL,
  '[ WARN:0] cap open failed: could not open http://localhost:8080/camera/stream.mjpg',
  '[ WARN:0] cap open failed: could not open http://rover.local/camera/stream.mjpg',
];
const OUT_OF_A_LINK = "ERROR: rosdep: dependencies couldn't find a rosdep key for qpOASES (see https://docs.ros.org/rosdep)";

t.test('parts/robot.ts reads no component inside a web address; the same words outside one still read', async (t) => {
  const inLink = readRobotLine(IN_A_LINK, 'telling');
  t.not(inLink?.nounText.toLowerCase(), 'dependencies', 'the link\'s "dependencies" is not read');
  const outside = readRobotLine(OUT_OF_A_LINK, 'telling');
  t.equal(outside?.nounText.toLowerCase(), 'dependencies', 'the prose "dependencies" is read');
  t.equal(
    `${outside?.meaning.category}/${outside?.meaning.factor}`,
    'import_error/module_not_found',
    'as a package not installed',
  );
  // A device's own address (an IP literal, localhost, a *.local name) is the component (review19 finding 2).
  for (const text of DEVICE_URLS) {
    const r = readRobotLine(text, 'telling');
    t.equal(r?.nounText.toLowerCase(), 'camera', `the device's address is kept: ${text.slice(0, 60)}`);
    t.equal(`${r?.meaning.category}/${r?.meaning.factor}`, 'hardware_fault/sensor_fault', 'as the sensor');
  }
  const ip = readLog(IP_CAMERA_URL);
  t.equal(`${ip.category}/${ip.factor}`, 'hardware_fault/sensor_fault', 'the IP camera line reads as the sensor');
});

const CUDA_INVALID_FUNCTION = [
  '2020-08-07 15:31:01,236   INFO  Visualized sample index: 1\nCUDA kernel failed : invalid device function\nSegmentation fault (core dumped)',
  'F0311 10:02:11.320 permute_layer.cu:47] Check failed: error == cudaSuccess (8 vs. 0)  invalid device function\n*** Check failure stack trace: ***',
  'RuntimeError: CUDA error: invalid device function\nCUDA kernel errors might be asynchronously reported at some other API call',
];
// Near texts: another CUDA error, and the words without CUDA's prefix (a C compiler's message).
const CUDA_NEAR = [
  'RuntimeError: CUDA error: invalid device ordinal\nCUDA kernel errors might be asynchronously reported',
  'main.c:12: error: invalid device function pointer passed to register_driver()\nmake: *** [main.o] Error 1',
];

// A reaching control (review19 finding 4): CUDA error 8 logged, then a CUDA out-of-memory error that
// ends the run: the OOM answers, the arch mismatch second.
const CUDA_THEN_OOM =
  'Warning: CUDA error: invalid device function (falling back to CPU implementation of nms)\nEpoch 1/10\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 7.79 GiB total capacity; 5.12 GiB already allocated)';

familyWithControls(
  "CUDA's invalid device function is a binary without kernels for this GPU (rule 5)",
  CUDA_INVALID_FUNCTION.map((text) => [text, 'import_error/version_conflict']),
  [
    ...CUDA_NEAR.map((text): [string, string] => [text, '!import_error/version_conflict']),
    [CUDA_THEN_OOM, 'resource_error/gpu_oom'],
  ],
);

t.test('import.gpu_arch_mismatch reads CUDA error 8 and not the near texts', async (t) => {
  const p = patternOf('import.gpu_arch_mismatch');
  for (const text of CUDA_INVALID_FUNCTION) t.equal(readLog(text).code, 'import.gpu_arch_mismatch', text.slice(0, 50));
  for (const text of CUDA_NEAR) t.notOk(p.match.test(text), `not the form: ${text.slice(0, 50)}`);
  t.ok(p.match.test(CUDA_THEN_OOM), 'the OOM control holds the form');
  const a = analyzeLog({ kind: 'log', log_id: 'cuda-oom', logs: CUDA_THEN_OOM, error_message: '' });
  t.equal(a.findings[0]?.code, 'gpu.oom', 'the later OOM answers');
  t.equal(a.findings[1]?.code, 'import.gpu_arch_mismatch', 'the arch mismatch is read second');
});

const HEADER_TRANSLATED: [string, string][] = [
  [
    '/home/u/ws/src/admittance/include/HybridAdmittance.h:6:10: fatal error: cartesian_state_msgs/PoseTwist.h: 没有那个文件或目录\n    6 | #include "cartesian_state_msgs/PoseTwist.h"\ncompilation terminated.',
    'import_error/module_not_found',
  ],
  ['src/node.cpp:3:10: 致命错误：livox_ros_driver/CustomMsg.h：没有那个文件或目录\n编译中断。', 'import_error/module_not_found'],
  [
    'src/main.cpp:2:10: fatal error: pcl/point_types.h: そのようなファイルやディレクトリはありません',
    'import_error/module_not_found',
  ],
  ['src/viewer.cpp:4:10: fatal error: GL/glew.h: Datei oder Verzeichnis nicht gefunden', 'import_error/missing_native_lib'],
];
// Near texts: another errno translated (permission), and a header that exists but fails to compile.
const HEADER_NEAR: [string, string][] = [
  ['src/node.cpp:3:10: fatal error: livox_ros_driver/CustomMsg.h: 权限不够', '!import_error/module_not_found'],
  [
    'src/node.cpp:3:10: 错误：‘CustomMsg’ was not declared in this scope (没有那个文件或目录 in a comment)',
    '!import_error/module_not_found',
  ],
];

// A reaching control (review19 finding 4): gcc's zh_CN form of a GL header reaches cpp.header_not_found,
// and cpp.gl_header_not_found (a GL development package, missing_native_lib) answers.
const GL_HEADER_ZH = 'src/viewer.cpp:4:10: 致命错误：GL/glew.h：没有那个文件或目录\n编译中断。';

familyWithControls('a missing header in a translated locale is the missing header (rule 5)', HEADER_TRANSLATED, [
  ...HEADER_NEAR,
  [GL_HEADER_ZH, 'import_error/missing_native_lib'],
]);

t.test('cpp.header_not_found reaches the zh_CN GL header; the GL header reading answers', async (t) => {
  t.ok(patternOf('cpp.header_not_found').match.test(GL_HEADER_ZH), 'reaches cpp.header_not_found');
  const a = analyzeLog({ kind: 'log', log_id: 'gl-zh', logs: GL_HEADER_ZH, error_message: '' });
  t.equal(a.findings[0]?.code, 'cpp.gl_header_not_found', 'the GL header answers');
  t.ok(
    a.findings.some((f) => f.code === 'cpp.header_not_found'),
    'the missing header is read too',
  );
});

// Reaching controls for the OGRE code-3 table entry (review19 finding 4): the entry's own string, then
// Qt's empty display (the unset variable answers) or a later Python FileNotFoundError (that answers).
const OGRE_SAID = 'OGRE EXCEPTION(3:RenderingAPIException)';
const OGRE_GLX =
  "[rviz2-1] terminate called after throwing an instance of 'Ogre::RenderingAPIException'\n[rviz2-1]   what():  OGRE EXCEPTION(3:RenderingAPIException): Unable to create a suitable GLXContext in GLXContext::GLXContext at ./RenderSystems/GL/src/GLX/OgreGLXContext.cpp (line 61)";
const OGRE_AFTER_QT_EMPTY = `qt.qpa.xcb: could not connect to display \n${OGRE_GLX}`;
const OGRE_THEN_FNF = `${OGRE_GLX}\nTraceback (most recent call last):\n  File "launch_sim.py", line 12, in <module>\n    world = open(args.world)\nFileNotFoundError: [Errno 2] No such file or directory: 'worlds/warehouse.sdf'`;
// And for the OpenCV ROI entry: its string quoted after the run failed on a missing file.
const ROI_SAID = '0 <= roi.x && 0 <= roi.width && roi.x + roi.width <= m.cols';
const ROI_QUOTED_AFTER_FNF = `Traceback (most recent call last):\n  File "crop.py", line 9, in <module>\n    img = open_image(path)\nFileNotFoundError: [Errno 2] No such file or directory: 'frames/0001.png'\n# the check in matrix.cpp reads: ${ROI_SAID}`;

familyWithControls(
  'the OGRE code-3 and OpenCV ROI table entries give way to what the record names',
  [[OGRE_GLX, 'import_error/missing_native_lib']],
  [
    [OGRE_AFTER_QT_EMPTY, 'config_error/missing_env_var'],
    [OGRE_THEN_FNF, 'config_error/file_not_found'],
    [ROI_QUOTED_AFTER_FNF, 'config_error/file_not_found'],
  ],
);

t.test('the OGRE and ROI controls hold the table strings', async (t) => {
  for (const text of [OGRE_GLX, OGRE_AFTER_QT_EMPTY, OGRE_THEN_FNF]) t.ok(text.includes(OGRE_SAID), text.slice(0, 50));
  t.ok(ROI_QUOTED_AFTER_FNF.includes(ROI_SAID), 'the ROI control holds the said string');
  t.equal(readLog(OGRE_GLX).code, 'parts.package', 'the GLXContext text is the table entry');
  t.not(readLog(OGRE_AFTER_QT_EMPTY).code, 'parts.package', 'the unset DISPLAY answers');
  t.not(readLog(OGRE_THEN_FNF).code, 'parts.package', 'the FileNotFoundError answers');
  t.not(readLog(ROI_QUOTED_AFTER_FNF).code, 'parts.package', 'the FileNotFoundError answers');
});

const MUJOCO_PY_GL =
  'File "mujoco_py/mjrendercontext.pyx", line 67, in mujoco_py.cymj.MjRenderContext._setup_opengl_context\n  File "mujoco_py/opengl_context.pyx", line 128, in mujoco_py.cymj.OffscreenOpenGLContext.__init__\nRuntimeError: Failed to initialize OpenGL';
const MUJOCO_PY_GL_LIB = `ImportError: libGL.so.1: cannot open shared object file: No such file or directory\n${MUJOCO_PY_GL}`;

t.test(
  "sim.gl_context reads mujoco_py's Failed to initialize OpenGL; a library that does not load answers instead",
  async (t) => {
    const p = patternOf('sim.gl_context');
    t.equal(readLog(MUJOCO_PY_GL).code, 'sim.gl_context', 'the context');
    t.ok(p.match.test(MUJOCO_PY_GL_LIB), 'the control reaches the new alternative');
    rulesOnly(() => {
      const r = readLog(MUJOCO_PY_GL_LIB);
      t.not(r.code, 'sim.gl_context', 'the library line answers');
      t.equal(`${r.category}/${r.factor}`, 'import_error/missing_native_lib');
    });
  },
);

t.test('hostile inputs for the new forms', async (t) => {
  readsHostileRuns(
    t,
    [
      ['tegra-vi repeated', `${'tegra-vi4 '.repeat(1200)}\nmaster error`, 'robot.tegra_vi_capture'],
      [
        'tegra194-vi5 corr_err repeated',
        `${'tegra194-vi5 15c10000.vi: corr_err: '.repeat(300)}discard\ncorr_err: discarding frame`,
        'robot.tegra_vi_capture',
      ],
      ['tegra vi then spaces', `tegra-vi5${' '.repeat(5000)}PXL_SOF syncpt timeout`, 'robot.tegra_vi_capture'],
      ['memory permission repeated', `${'memory permission error '.repeat(600)}`, 'auth.permission_denied'],
      ['could not connect to display spaces', `could not connect to display${' '.repeat(5000)}x`, 'sim.no_display'],
      ['CUDA error spaces', `${'CUDA error:  '.repeat(800)}invalid device\ninvalid device function`, 'import.gpu_arch_mismatch'],
      [
        'cudaSuccess (8 vs. 0) repeated',
        `${'cudaSuccess (8 vs. 0)    '.repeat(500)}invalid device function`,
        'import.gpu_arch_mismatch',
      ],
      ['致命错误 repeated', `${'致命错误：a.h：'.repeat(600)}没有那个文件`, 'cpp.header_not_found'],
      ['fatal error: paths repeated', `fatal error: ${'a/'.repeat(3000)}.h: 没有那个`, 'cpp.header_not_found'],
      [
        'RuntimeError: Failed to initialize repeated',
        `${'RuntimeError: Failed to initialize '.repeat(400)}OpenG\nfailed to initialize opengl`,
        'sim.gl_context',
      ],
      ['a long link', `ERROR: motor not found at https://${'a-'.repeat(3000)}x`, null],
      ['a link of digits and dots', `ERROR: camera not found at http://${'1.'.repeat(3000)}x`, null],
      ['local hosts repeated', `ERROR: ${'http://a.local'.repeat(600)} camera could not open`, null],
      [
        'tegra VI then EOS lines repeated',
        `tegra-vi4 15700000.vi: master error\n${'Got EOS from element '.repeat(500)}\n${'Execution ended after '.repeat(500)}`,
        'robot.tegra_vi_capture',
      ],
      ['links repeated', `ERROR: ${'http://x.y/dependencies '.repeat(600)}couldn't find`, null],
    ],
    readWhole,
    2000,
  );
});
