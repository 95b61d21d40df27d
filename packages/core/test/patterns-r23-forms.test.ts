/**
 * Forms of robotics-23's misses that many projects print (issue 13, session 16): a runtime's or a
 * library's own message whose exception class misleads. Cython's ABI check "numpy.ndarray size
 * changed, may indicate binary incompatibility" (rule 5, version_conflict, whatever class wraps it;
 * not as the old harmless RuntimeWarning), Python's "Attempted relative import in non-package" (a
 * ValueError in Python 2) and "attempted relative import with no known parent package" (rule 5,
 * module_not_found), Python's "'NoneType' object does not support item assignment" (a None used as
 * a dict: null_reference, as "'NoneType' object is not subscriptable" already is), optparse's
 * "error: option --x: invalid choice" and "error: no such option" (argparse's forms were already
 * read), libstdc++'s "terminate called without an active exception" and a shell's "Aborted (core
 * dumped)" padded to a column as bash prints its job report (an abort, rule 6), and rpclib's answers to a call the server has
 * no function for (CARLA and AirSim embed rpclib: a client-server version mismatch, rule 5),
 * Python's repr of an exception read as its class when it is the whole line ("TypeError('…')") or
 * follows asyncio's "exception=" outside a question, and Qt's "This plugin does not support createPlatformOpenGLContext!" (a GL context that
 * cannot be created, rule 5: missing_native_lib), and rospy.get_param's KeyError (a ROS parameter
 * nobody set, rule 3: config_error/invalid_config), and python-miio's "DeviceException: Unable to discover
 * the device" (a robot vacuum's miIO handshake unanswered, rule 2: timeout/request_timeout), and robosuite's
 * wording of dm_control's MUJOCO_EGL_DEVICE_ID range check (a setting, rule 3).
 * Texts written for these tests; each control contains the form's words; a hostile-input run per
 * new regex.
 */
import t from 'tap';
import {
  familyByPackage,
  familyWithControls,
  hostileName,
  readLog,
  readsHostileRuns,
  readTrace,
  readWhole,
  regexOf,
} from './patterns-read.js';

const NUMPY_ABI =
  'Traceback (most recent call last):\n  File "train.py", line 3, in <module>\n    import metaworld\n  File "mujoco_py/cymj.pyx", line 1, in init mujoco_py.cymj\nValueError: numpy.ndarray size changed, may indicate binary incompatibility. Expected 96 from C header, got 80 from PyObject';
const NUMPY_WARNING =
  "/usr/lib/python3/dist-packages/scipy/sparse/__init__.py:229: RuntimeWarning: numpy.dtype size changed, may indicate binary incompatibility. Expected 96, got 88\nTraceback (most recent call last):\n  File \"train.py\", line 12, in <module>\n    cfg = yaml.safe_load(open('cfg/robot.yaml'))\nFileNotFoundError: [Errno 2] No such file or directory: 'cfg/robot.yaml'";

familyWithControls(
  "Cython's ABI check 'size changed, may indicate binary incompatibility' is a version conflict (rule 5)",
  [
    [NUMPY_ABI, 'import_error/version_conflict'],
    [
      'File "sklearn/__check_build/_check_build.pyx", line 1, in init sklearn.__check_build._check_build\nValueError: numpy.dtype size changed, may indicate binary incompatibility. Expected 96 from C header, got 88 from PyObject',
      'import_error/version_conflict',
    ],
  ],
  [
    // The old numpy's harmless RuntimeWarning beside the real error: that error.
    [NUMPY_WARNING, 'config_error/file_not_found'],
  ],
);

t.test("the numpy ABI control holds the form's words and the lookbehind keeps it out", async (t) => {
  t.match(NUMPY_WARNING, /size changed, may indicate binary incompatibility/);
  t.notOk(regexOf('import.version_conflict').test(NUMPY_WARNING), 'a warning is not the failure');
  t.ok(regexOf('import.version_conflict').test(NUMPY_ABI));
});

const REL_PY2 =
  'Traceback (most recent call last):\n  File "tools/generator.py", line 9, in <module>\n    from . import mavparse\nValueError: Attempted relative import in non-package';
const REL_DISK = `${REL_PY2}\nOSError: [Errno 28] No space left on device: 'build/include/mavlink.h'`;

familyWithControls(
  "Python's relative import outside a package is a module not found (rule 5)",
  [
    [REL_PY2, 'import_error/module_not_found'],
    [
      'Traceback (most recent call last):\n  File "teleop.py", line 4, in <module>\n    from .commander import SimpleCommander\nImportError: attempted relative import with no known parent package',
      'import_error/module_not_found',
    ],
  ],
  [
    // A named resource cause after it (rule 1): the full disk.
    [REL_DISK, 'resource_error/disk_full'],
  ],
);

const NONE_ASSIGN =
  'Traceback (most recent call last):\n  File "mavutil.py", line 98, in add_message\n    messages[mtype]._instances[instance_value] = msg\nTypeError: \'NoneType\' object does not support item assignment';
const NONE_OOM = `torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB\n${NONE_ASSIGN}`;
const NONE_REFUSED = `${NONE_ASSIGN}\nDuring handling of the above exception, another exception occurred:\nConnectionRefusedError: [Errno 111] Connection refused`;

familyWithControls(
  "Python's 'NoneType' object does not support item assignment is a None used as a dict",
  [
    [NONE_ASSIGN, 'runtime_error/null_reference'],
    [
      '  File "envs/wrappers.py", line 41, in reset\n    self.metadata["autoreset_mode"] = self.autoreset_mode\nTypeError: \'NoneType\' object does not support item assignment',
      'runtime_error/null_reference',
    ],
  ],
  [
    // A named cause (GPU memory; the connection refused last) wins over the None it left.
    [NONE_OOM, 'resource_error/gpu_oom'],
    [NONE_REFUSED, 'network_error/connection_refused'],
  ],
);

const OPT_LANG =
  "Usage: mavgen.py [options] <XML files>\n\nmavgen.py: error: option --lang: invalid choice: 'javascript' (choose from 'C', 'CS', 'JavaScript', 'Python')";
const OPT_MODULE = `Traceback (most recent call last):\n  File "gen.py", line 2, in <module>\n    from lxml import etree\nModuleNotFoundError: No module named 'lxml'\n${OPT_LANG}`;

familyWithControls(
  "optparse's 'error: option --x: invalid choice' and 'error: no such option' are an argument rejected",
  [
    [OPT_LANG, 'validation_error/invalid_argument'],
    ['Usage: rostopic hz [options]\nrostopic: error: no such option: --rate', 'validation_error/invalid_argument'],
  ],
  [
    // A missing module named in the same text is the cause (rule 5 over the argument).
    [OPT_MODULE, 'import_error/module_not_found'],
  ],
);

const ABORT_NO_EXCEPTION =
  '[info - arm_logger] Initialize Pose interpolator!\nterminate called without an active exception\n./auto_scripts/auto_arm.sh: line 22: 114290 Aborted\n  (core dumped) bin/franka-interface';
const ABORT_CAMERA =
  '[camera_node-1] [ERROR] [orbbec_camera]: Depth camera is not connected, no device found\n[camera_node-1] terminate called without an active exception\n[ERROR] [camera_node-1]: process has died [pid 4410, exit code -6]';

familyWithControls(
  "libstdc++'s 'terminate called without an active exception' is an abort (rule 6)",
  [
    [ABORT_NO_EXCEPTION, 'runtime_error/unhandled_exception'],
    ['I0412 worker.cpp:88] shutting down\nterminate called without an active exception', 'runtime_error/unhandled_exception'],
    // bash's job report, padded to a column, with no terminate line.
    ['./run.sh: line 4:  1234 Aborted                 (core dumped) ./sim', 'runtime_error/unhandled_exception'],
    ['[1]+  Aborted                 (core dumped) ./a.out', 'runtime_error/unhandled_exception'],
  ],
  [
    // A device named as absent before the abort is the cause (rule 6: with a cause, the cause).
    [ABORT_CAMERA, 'hardware_fault/sensor_fault'],
  ],
);

familyByPackage(
  "rpclib's answer to a call the server has no function for is a client-server version mismatch (rule 5)",
  [
    [
      '  File "msgpackrpc/future.py", line 45, in get\n    raise error.RPCError(self._error)\nmsgpackrpc.error.RPCError: rpclib: client error C0002: Function \'simGetImages\' was called with an invalid number of arguments. Expected: 2, got: 3',
      'import_error/version_conflict',
    ],
    [
      "msgpackrpc.error.RPCError: rpclib: server could not find function 'simSetSegmentationObjectID' with argument count 4.",
      'import_error/version_conflict',
    ],
  ],
  [
    // The message beside a named cause of higher priority (GPU memory): that cause.
    [
      "msgpackrpc.error.RPCError: rpclib: server could not find function 'simSetSegmentationObjectID' with argument count 4.\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB",
      'resource_error/gpu_oom',
    ],
    // The server's function ran and threw: its own error, not a mismatch.
    [
      "msgpackrpc.error.RPCError: rpclib: function 'simGetImages' (called with 3 arg(s)) threw an exception. The exception contained this information: vector::_M_range_check: __n (which is 0) >= this->size() (which is 0).",
      '!import_error/version_conflict',
    ],
  ],
);

// Controls that hold a repr the reader is given (not after 'raise '): code quoted in prose, a
// traceback's source line, a test's falsifying example, a question, a warning the program went on from.
const REPR_SOURCE =
  'Traceback (most recent call last):\n  File "bridge.py", line 77, in on_timeout\n    fut.set_exception(TimeoutError(\'no reply from arm\'))\nFatal Python error: Segmentation fault\n\nCurrent thread 0x00007f (most recent call first):\n  File "bridge.py", line 77 in on_timeout\nSegmentation fault (core dumped)';
const REPR_REFUSED =
  "future: <Task finished name='Task-3' coro=<Bridge.run() done, defined at bridge.py:20> exception=TypeError('unsupported operand')>\n[bridge] ConnectionRefusedError: [Errno 111] Connection refused";
const REPR_CONTROLS: [string, string][] = [
  [
    "In src/client.ts line 40 you do `return Promise.reject(new TimeoutError('slow'))` but the caller never awaits it; could you add a test for this path?",
    'unknown/unknown',
  ],
  [
    "Feature request: could the SDK validate the URL up front? Right now I have to wrap it myself:\n\n    if (!url.startsWith('https://')) throw new TypeError('url must be https');\n\nIt would be nice if the client did this.",
    'unknown/unknown',
  ],
  [
    "Falsifying example: test_parse_roundtrip(\n    err=ValueError('0'),\n)\nFAILED tests/test_parse.py::test_parse_roundtrip - assert '0' == ''",
    '!runtime_error/value_error',
  ],
  [
    "Why does my asyncio code print exception=KeyError('x') only sometimes? The program works fine otherwise, it is just noisy.",
    'unknown/unknown',
  ],
  [
    "WARNING control.loop: ValueError('joint 3 velocity nan') ignored, using last command\nERROR supervisor: controller process exited unexpectedly (status 1)",
    'data_error/nan_or_inf',
  ],
  [REPR_SOURCE, '!timeout/request_timeout'],
];

familyWithControls(
  "Python's repr of an exception (logging's repr(e), asyncio's exception=…) names its class: TypeError('…')",
  [
    [
      "ERROR:root:Exception in callback\n<function FutureWrapper.add_done_callback.<locals>.<lambda> at 0x7f6eb0343f70>:\nTypeError('__init__() takes 1 positional argument but 3 were given')",
      'runtime_error/type_error',
    ],
    [
      "Task exception was never retrieved\nfuture: <Task finished name='Task-5' coro=<Bridge.on_pose() done, defined at bridge.py:52> exception=KeyError('frame_id')>",
      'runtime_error/key_error',
    ],
  ],
  [
    // A named cause in the same text wins over the class alone.
    [REPR_REFUSED, 'network_error/connection_refused'],
    // The repr read only as the whole line or after asyncio's 'exception=' outside a question.
    ...REPR_CONTROLS,
    // A raise statement quoted as code (a feature request) is source, not the exception's output.
    [
      "Could you add a guard in set_mode? Something like: raise ValueError('unknown mode') would make the mistake easier to see.",
      'unknown/unknown',
    ],
  ],
);

t.test('the repr controls hold a repr, not after raise', async (t) => {
  for (const text of [REPR_REFUSED, ...REPR_CONTROLS.map(([text]) => text)]) {
    t.match(text, /\b[A-Z]\w{1,40}Error\('/);
    t.notMatch(text, /\braise\s/);
  }
  t.equal(readLog("    TypeError('__init__() takes 1 positional argument but 3 were given')").code, 'parts.exception');
});

const QT_NO_GL = 'This plugin does not support createPlatformOpenGLContext!';
const QT_OOM = `${QT_NO_GL}\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB`;
const QT_LIBGL = `${QT_NO_GL}\nerror while loading shared libraries: libGL.so.1: cannot open shared object file: No such file or directory`;

familyWithControls(
  "Qt's 'This plugin does not support createPlatformOpenGLContext!' is a GL context that cannot be created (rule 5)",
  [
    [
      `[CoppeliaSim:loadinfo] done.\n${QT_NO_GL}\n${QT_NO_GL}\nThis plugin does not support propagateSizeHints()\nError: signal 11`,
      'import_error/missing_native_lib',
    ],
    [`QT_QPA_PLATFORM=offscreen python eval.py\n${QT_NO_GL}`, 'import_error/missing_native_lib'],
  ],
  [
    // A named cause of higher priority (GPU memory) answers.
    [QT_OOM, 'resource_error/gpu_oom'],
    // A run that reports its end after the warning (sim.gl_context's unless).
    [`${QT_NO_GL}\nplot saved to results/curve.png\nDone. 100 episodes, success 0.81`, 'unknown/unknown'],
  ],
);

t.test(
  "Qt's GL context message: the GL library that does not load answers by its own line (sim.gl_context's unless)",
  async (t) => {
    t.match(QT_LIBGL, /createPlatformOpenGLContext/);
    t.equal(readLog(QT_LIBGL).code, 'import.native_lib');
    t.equal(readLog(`QT_QPA_PLATFORM=offscreen python eval.py\n${QT_NO_GL}`).code, 'sim.gl_context');
  },
);

const ROSPY_FRAMES =
  '  File "/opt/ros/noetic/lib/python3/dist-packages/rospy/client.py", line 467, in get_param\n    return _param_server[param_name] #MasterProxy does all the magic for us\n  File "/opt/ros/noetic/lib/python3/dist-packages/rospy/msproxy.py", line 123, in __getitem__\n    raise KeyError(key)\n';
const ROSPY_PARAM = `Traceback (most recent call last):\n  File "arm_node.py", line 20, in <module>\n    port = rospy.get_param('~port')\n${ROSPY_FRAMES}KeyError: '/arm_node/port'`;
const ROSPY_LATER_DICT = `${ROSPY_FRAMES.split('\n').slice(0, 2).join('\n')}\n[INFO] param loaded with default after retry\nTraceback (most recent call last):\n  File "arm_node.py", line 31, in on_joint\n    idx = self.joint_index[msg.name[0]]\nKeyError: 'gripper_joint'`;
const ROSPY_REFUSED = `${ROSPY_PARAM}\n\nDuring handling of the above exception, another exception occurred:\nConnectionRefusedError: [Errno 111] Connection refused`;

familyWithControls(
  "rospy.get_param's KeyError is a ROS parameter nobody set (rule 3)",
  [[ROSPY_PARAM, 'config_error/invalid_config']],
  [
    // A named cause after it wins; a KeyError of the node's own dict after a get_param frame (a log
    // line and a second traceback between) stays a key error.
    [ROSPY_REFUSED, 'network_error/connection_refused'],
    [ROSPY_LATER_DICT, 'runtime_error/key_error'],
  ],
);

t.test("rospy.get_param's KeyError as an agent trace's exception (rt.key_error's resolution)", async (t) => {
  t.ok(regexOf('ros.rospy_param_missing').test(ROSPY_REFUSED), 'the control holds the form');
  t.match(ROSPY_LATER_DICT, /in get_param\n[\s\S]{0,400}KeyError: /, 'the control holds a get_param frame, then a KeyError');
  const d = readTrace('KeyError', "'gripper_joint'", ROSPY_LATER_DICT);
  t.equal(`${d.category}/${d.factor}`, 'runtime_error/key_error', String(d.code));
  const r = readTrace('KeyError', "'/arm_node/port'", ROSPY_PARAM);
  t.equal(`${r.category}/${r.factor}`, 'config_error/invalid_config', String(r.code));
});

familyByPackage(
  "python-miio's 'Unable to discover the device' is a robot vacuum that did not answer the handshake (rule 2)",
  [
    [
      'Traceback (most recent call last):\n  File "miio/miioprotocol.py", line 102, in send_handshake\n    raise DeviceException(f"Unable to discover the device {self.ip}")\nmiio.exceptions.DeviceException: Unable to discover the device 10.0.0.12',
      'timeout/request_timeout',
    ],
  ],
  [
    // 'Unable to discover the device' in other programs' words (not miio's DeviceException).
    ['ERROR: Unable to discover the device tree overlay for spi0; check /boot/config.txt', 'unknown/unknown'],
    [
      'bleak: Unable to discover the device AA:BB:CC:DD:EE:FF within 10 seconds. Make sure it is powered on and advertising.',
      '!timeout/request_timeout',
    ],
    ['adb: Unable to discover the device over mDNS; falling back to USB', '!timeout/request_timeout'],
    // The host name that does not resolve is the cause.
    [
      'miio.exceptions.DeviceException: Unable to discover the device 192.168.1.77\nsocket.gaierror: [Errno -2] Name or service not known',
      'network_error/dns_failure',
    ],
  ],
);

const EGL_DEVICE =
  '  File "robosuite/renderers/context/egl_context.py", line 61, in create_initialized_egl_device_display\n    raise RuntimeError(\nRuntimeError: The MUJOCO_EGL_DEVICE_ID environment variable must be an integer between 0 and 0 (inclusive), got 7.';

familyWithControls(
  "robosuite's 'The MUJOCO_EGL_DEVICE_ID environment variable must be an integer between 0 and …' is a setting (rule 3)",
  [[EGL_DEVICE, 'config_error/invalid_config']],
  [
    // The variable named beside another failure: that failure.
    [
      'export MUJOCO_EGL_DEVICE_ID=7 MUJOCO_GL=egl\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB',
      'resource_error/gpu_oom',
    ],
    // The message itself beside a named cause of higher priority (GPU memory): that cause.
    [
      'RuntimeError: The MUJOCO_EGL_DEVICE_ID environment variable must be an integer between 0 and 0 (inclusive), got 7.\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB',
      'resource_error/gpu_oom',
    ],
  ],
);

t.test("robosuite's EGL device message is read by its package entry", async (t) => {
  t.equal(readLog(EGL_DEVICE).code, 'parts.package');
});

t.test('the new forms read hostile runs in bounded work', { timeout: 60_000 }, async (t) => {
  const runs: [text: string, pattern: string | null][] = [
    [`${'a.'.repeat(3000)} size changed, may indicate binary incompatibility`, 'import.version_conflict'],
    [`${'Warning: '.repeat(600)}x size changed, may indicate binary incompatibility`, 'import.version_conflict'],
    [`${'Attempted relative import '.repeat(400)}in non-package`, 'import.module_not_found'],
    [`${"'NoneType' object does not support item ".repeat(200)}assignment`, 'rt.null_reference'],
    [`error: option ${'-'.repeat(3000)}x: invalid choice`, 'validation.invalid_argument'],
    [`${'error: option --x'.repeat(400)}: invalid choice: 'y'`, 'validation.invalid_argument'],
    [`${'terminate called without '.repeat(400)}an`, null],
    [`Aborted${' '.repeat(3000)}(core dumped)`, null],
    [`${'Aborted \t'.repeat(1500)}(core dumped)`, null],
    [
      `${'  File "rospy/client.py", line 1, in get_param\n'.repeat(100)}${' x\n'.repeat(3000)}KeyError: 'x'`,
      'ros.rospy_param_missing',
    ],
    [`${'exception='.repeat(600)}${'?'.repeat(2000)}TypeError('x')`, null],
    [`${' '.repeat(30)}${'a.'.repeat(3000)}TypeError('${"'".repeat(3000)}`, null],
    [`exception=${'TypeError'.repeat(500)}('${'x'.repeat(3000)}`, null],
    [`${'DeviceException: Unable to discover the device '.repeat(200)}x`, null],
    [`${'This plugin does not support createPlatformOpenGLContext!\n'.repeat(200)}${'Done'.repeat(2000)}`, 'sim.gl_context'],
    [`${"rpclib: server could not find function '".repeat(200)}x`, null],
    [`${'a.'.repeat(3000)}TypeError('x')`, null],
    [`${'rospy/client.py", line 1, in get_param'.repeat(200)}\nKeyError: 'x'`, 'ros.rospy_param_missing'],
    [`${'This plugin does not support '.repeat(300)}createPlatformOpenGLContext!`, 'sim.gl_context'],
    [`${"TypeError('".repeat(1500)}x`, null],
    [`raise ${'a.'.repeat(3000)}TypeError('x')`, null],
    [`${'Unable to discover the device '.repeat(300)}x`, null],
    [`${'The MUJOCO_EGL_DEVICE_ID environment variable must be an integer between 0 and '.repeat(100)}x`, null],
    [`${'raise    '.repeat(1500)}TypeError('x')`, null],
  ];
  readsHostileRuns(
    t,
    runs.map(([text, id]) => [hostileName(text), text, id]),
    readWhole,
    500,
  );
});
