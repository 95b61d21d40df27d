/**
 * Mends of the robotics-31a forms after review (review21-rules-a, F1-F11); each text is one the branch's
 * first version read wrong, kept as a control (or a positive) here:
 * - F1: MuJoCo's "unrecognized element" is read as an element in the wrong parent only where a core MJCF
 *   element is named, a ROS launch prefix before "Element" or not; a newer element behind a launch prefix,
 *   or the message with no element line, stays a model written for a newer MuJoCo;
 * - F2: CMake's create_symlink entry is "Is a directory" only: "Permission denied" is the permission's;
 * - F3: sim.gl_driver's eglInitialize alternative reads the failing forms, not "eglInitialize -> no error"
 *   nor Chromium's "eglInitialize Default failed." (the browser falls back to software rendering);
 * - F4: Mesa's libEGL warning does not yield to the GUI's own GL crash (its consequence);
 * - F5: robot.emergency_stop's exclusion holds for "estop" (the case-insensitive e-stop alternative);
 * - F6: cpp.header_not_found reads gcc's coloured "fatal error: ESC[mESC[K<header>";
 * - F7: a Ctrl-C whose terminate is rclcpp's RCLError on a shut-down context stays the Ctrl-C, in the
 *   SIGINT part and abort.manual alike;
 * - F10: ros2_control's removed headers are read on the include path where it starts;
 * - F11: SDFormat's TinyXML-2 "XML_ERROR_FILE_NOT_FOUND" is the TinyXML-2 entry's too.
 */
import t from 'tap';
import { analyzeLog } from '../src/index.js';
import { familyWithControls, readLog, regexOf, rulesOnly } from './patterns-read.js';

const findings = (logs: string): string[] =>
  rulesOnly(() => analyzeLog({ kind: 'log', log_id: 'mend', logs, error_message: '' })).findings.map((f) => f.code ?? '');

// ---- F1: MuJoCo's unrecognized element ----
const PREFIXED_NEWER = [
  '[mujoco_node-1] ERROR: Load model error: XML Error: Schema violation: unrecognized element',
  "[mujoco_node-1] Element 'replicate', line 20",
  "[ERROR] [mujoco_node-1]: process has died [pid 10, exit code 1, cmd 'mujoco_node'].",
].join('\n');
const BARE_UNRECOGNIZED = 'ValueError: XML Error: Schema violation: unrecognized element';
const PREFIXED_CORE = [
  '[mujoco_node-1] ERROR: Load model error: XML Error: Schema violation: unrecognized element',
  "[mujoco_node-1] Element 'equality', line 20",
].join('\n');

familyWithControls(
  "MuJoCo's unrecognized element is misplaced only where a core element is named",
  [[PREFIXED_CORE, 'validation_error/schema_violation']],
  [
    [PREFIXED_NEWER, 'import_error/version_conflict'],
    [BARE_UNRECOGNIZED, 'import_error/version_conflict'],
  ],
);

// ---- F2: CMake's create_symlink, an errno other than "Is a directory" ----
const SYMLINK_PERMISSION = [
  "CMake Error: failed to create symbolic link '/ws/build/foo/ament_cmake_python/foo/foo' because existing path cannot be removed: Permission denied",
  'gmake[2]: *** [CMakeFiles/ament_cmake_python_symlink_foo.dir/build.make:70: CMakeFiles/ament_cmake_python_symlink_foo] Error 1',
].join('\n');
const SYMLINK_DIRECTORY =
  "CMake Error: failed to create symbolic link '/ws/build/foo/ament_cmake_python/foo/foo' because existing path cannot be removed: Is a directory";

familyWithControls(
  "CMake's symlink entry is a stale directory, not a refused permission",
  [[SYMLINK_DIRECTORY, 'config_error/invalid_config']],
  [[SYMLINK_PERMISSION, 'auth_error/permission_denied']],
);

// ---- F3: eglInitialize's failing forms only ----
const CHROMIUM_EGL_JEST = [
  '[0407/101010.111:ERROR:gl_display.cc(786)] eglInitialize Default failed.',
  '  ● login › shows the dashboard',
  '    expect(received).toBe(expected) // Object.is equality',
  '    Expected: 200',
  '    Received: 404',
  'Tests: 1 failed, 4 passed, 5 total',
].join('\n');
const EGL_NO_ERROR = ['[egl] eglInitialize -> no error (EGL_SUCCESS)', '[ERROR] [planner]: No path found', 'Goal failed'].join(
  '\n',
);
const EGL_INIT_FAILED = [
  'eglInitialize failed: EGL_NOT_INITIALIZED (0x3001)',
  'Traceback (most recent call last):',
  '  File "render.py", line 30, in <module>',
  'RuntimeError: Failed to create the offscreen renderer',
].join('\n');

t.test("sim.gl_driver's eglInitialize alternative reads its failure, not a success or Chromium's fallback", async (t) => {
  t.ok(regexOf('sim.gl_driver').test(EGL_INIT_FAILED), 'eglInitialize failed');
  t.ok(regexOf('sim.gl_driver').test('eglInitialize error code = 0x3001'), 'eglInitialize error code');
  for (const text of [CHROMIUM_EGL_JEST, EGL_NO_ERROR]) {
    t.notOk(regexOf('sim.gl_driver').test(text), `not read: ${text.slice(0, 60)}`);
    t.not(rulesOnly(() => readLog(text)).factor, 'missing_native_lib', text.slice(0, 60));
  }
  t.equal(rulesOnly(() => readLog(CHROMIUM_EGL_JEST)).code, 'logic.wrong_output');
  t.equal(rulesOnly(() => readLog(EGL_NO_ERROR)).factor, 'task_not_achieved');
});

// ---- F4: the libEGL warning, then the GUI's own GL crash ----
const DRI2_THEN_OGRE_ASSERTION = [
  '[gzclient-2] libEGL warning: DRI2: failed to create dri2 screen',
  '[gzclient-2] libEGL warning: egl: failed to create dri2 screen',
  '[gzclient-2] gzclient: /build/ogre-1.9-kiU5_5/ogre-1.9-1.9.0+dfsg1/OgreMain/src/OgreRenderSystem.cpp:546: virtual void Ogre::RenderSystem::setDepthBufferFor(Ogre::RenderTarget*): Assertion `bAttached && "A new DepthBuffer for a RenderTarget was created, but after creation" "it says it\'s incompatible with that RT"\' failed.',
  "[ERROR] [gzclient-2]: process has died [pid 1234, exit code -6, cmd 'gzclient'].",
].join('\n');
const DRI2_THEN_RVIZ_DIES = [
  '[rviz2-1] libEGL warning: failed to create dri2 screen',
  '[rviz2-1] [INFO] [1712000000.1] [rviz2]: Stereo is NOT SUPPORTED',
  "[ERROR] [rviz2-1]: process has died [pid 4321, exit code -11, cmd '/opt/ros/humble/lib/rviz2/rviz2'].",
].join('\n');
const DRI2_THEN_GLFW = [
  'libEGL warning: egl: failed to create dri2 screen',
  'Traceback (most recent call last):',
  '  File "viewer.py", line 12, in <module>',
  '    window = glfw.create_window(1200, 900, "Demo", None, None)',
  "glfw.GLFWError: (65543) b'GLX: Failed to create context: BadValue'",
].join('\n');
// Another program dying after the warning is still another cause (the forms test's spawner, here a node).
const DRI2_THEN_NODE_DIES = [
  '[gzclient-1] libEGL warning: egl: failed to create dri2 screen',
  "[planner-3] terminate called after throwing an instance of 'std::out_of_range'",
  '[planner-3]   what():  map::at',
  "[ERROR] [planner-3]: process has died [pid 77, exit code -6, cmd '/ws/lib/planner/planner'].",
].join('\n');

familyWithControls(
  "the libEGL warning's own GL crash keeps it the cause",
  [
    [DRI2_THEN_OGRE_ASSERTION, 'import_error/missing_native_lib'],
    [DRI2_THEN_RVIZ_DIES, 'import_error/missing_native_lib'],
    [DRI2_THEN_GLFW, 'import_error/missing_native_lib'],
  ],
  [[DRI2_THEN_NODE_DIES, '!import_error/missing_native_lib']],
);

// ---- F5: "estop" as a file name, with the one case-insensitive e-stop alternative ----
const ESTOP_CPP = [
  '/ws/src/robot/src/estop.cpp:6:10: fatal error: nav2_msgs/action/navigate_to_pose.hpp: No such file or directory',
  'compilation terminated.',
  'gmake[2]: *** [CMakeFiles/estop.dir/build.make:76: CMakeFiles/estop.dir/src/estop.cpp.o] Error 1',
].join('\n');
const ESTOP_PY = [
  'Traceback (most recent call last):',
  '  File "/home/ubuntu/ws/src/safety/scripts/estop.py", line 41, in <module>',
  '    main()',
  '  File "/home/ubuntu/ws/src/safety/scripts/EStop.py", line 37, in main',
  '    rate = rospy.Rate(cfg["rate"])',
  "KeyError: 'rate'",
].join('\n');
const ESTOP_PRESSED = '[ERROR] [base_driver]: E-STOP pressed, motors disabled';

t.test('robot.emergency_stop: estop as a file name is no stop, in any case', async (t) => {
  for (const name of ['estop.py', 'EStop.cpp', 'E-STOP.h', 'estop.dir'])
    t.notOk(regexOf('robot.emergency_stop').test(name), `not read: ${name}`);
  t.equal(rulesOnly(() => readLog(ESTOP_CPP)).code, 'cpp.header_not_found');
  t.equal(rulesOnly(() => readLog(ESTOP_PY)).code, 'rt.key_error');
  for (const text of [ESTOP_PRESSED, 'EStop engaged by operator', 'estop triggered'])
    t.equal(rulesOnly(() => readLog(text)).code, 'robot.emergency_stop', text);
});

// ---- F7: a Ctrl-C, then rclcpp's RCLError on the shut-down context ----
const CTRL_C_RCL_SHUTDOWN = [
  '^C[WARNING] [launch]: user interrupted with ctrl-c (SIGINT)',
  '[talker-1] [INFO] [1712000000.1] [rclcpp]: signal_handler(signum=2)',
  "[talker-1] terminate called after throwing an instance of 'rclcpp::exceptions::RCLError'",
  '[talker-1]   what():  failed to create guard condition: the given context is not valid, either rcl_init() was not called or rcl_shutdown() was called., at ./src/rcl/guard_condition.c:67',
  "[ERROR] [talker-1]: process has died [pid 4120, exit code -6, cmd '/ws/install/demo/lib/demo/talker'].",
].join('\n');
const CTRL_C_PUBLISHER_INVALID = [
  '^C[WARNING] [launch]: user interrupted with ctrl-c (SIGINT)',
  "[controller-2] terminate called after throwing an instance of 'rclcpp::exceptions::RCLError'",
  "[controller-2]   what():  failed to publish message: publisher's context is invalid, at ./src/rcl/publisher.c:389",
  "[ERROR] [controller-2]: process has died [pid 77, exit code -6, cmd '/ws/install/ctl/lib/ctl/controller'].",
].join('\n');
// The same interrupt worded as abort.manual reads it, with a crash that is no shutdown: the crash, by both paths.
const RECEIVED_SIGINT_CRASH = [
  'Received SIGINT, shutting down.',
  "terminate called after throwing an instance of 'std::runtime_error'",
  '  what():  serial port /dev/ttyUSB0 closed unexpectedly',
  'Aborted (core dumped)',
].join('\n');

t.test("a Ctrl-C's rclcpp shutdown error stays the Ctrl-C; another crash is the crash, by both paths", async (t) => {
  for (const text of [CTRL_C_RCL_SHUTDOWN, CTRL_C_PUBLISHER_INVALID]) {
    const r = rulesOnly(() => readLog(text));
    t.equal(`${r.category}/${r.factor}`, 'aborted/manual_abort', `${text.slice(0, 60)} (${r.code})`);
  }
  const codes = findings(RECEIVED_SIGINT_CRASH);
  t.notOk(codes.includes('abort.manual'), `abort.manual yields to the crash: ${codes.join(', ')}`);
  t.not(rulesOnly(() => readLog(RECEIVED_SIGINT_CRASH)).factor, 'manual_abort');
  const hostile = `terminate called after throwing an instance of ${'x'.repeat(300_000)}\n${' what(): '.repeat(30_000)}`;
  const start = performance.now();
  readLog(hostile);
  t.ok(performance.now() - start < 2000, 'a long terminate line and a run of what()');
});

// ---- F10: a removed ros2_control header, on the include path where it starts ----
const OTHER_NAMESPACE_HEADER =
  '/ws/src/x/src/a.cpp:3:10: fatal error: my_robot/hardware_interface/base_interface.hpp: No such file or directory';
const REMOVED_HEADER = '/ws/src/x/src/a.cpp:3:10: fatal error: hardware_interface/base_interface.hpp: No such file or directory';

familyWithControls(
  "ros2_control's removed headers on their include path",
  [[REMOVED_HEADER, 'import_error/version_conflict']],
  [[OTHER_NAMESPACE_HEADER, 'import_error/module_not_found']],
);

// ---- F11: SDFormat's TinyXML-2 error ----
const SDFORMAT_FILE_NOT_FOUND = [
  'Error Code 3: Msg: Error=XML_ERROR_FILE_NOT_FOUND ErrorID=3 (0x3) Line number=0: filename=/ws/models/robot/model.sdf',
  'Error Code 10: Msg: Unable to read file[/ws/models/robot/model.sdf]',
].join('\n');

t.test("SDFormat's TinyXML-2 file-not-found is the TinyXML-2 entry's", async (t) => {
  const r = rulesOnly(() => readLog(SDFORMAT_FILE_NOT_FOUND));
  t.equal(`${r.category}/${r.factor}`, 'config_error/file_not_found', `${r.code}`);
  t.equal(r.code, 'parts.package');
});
