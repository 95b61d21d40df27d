/**
 * Forms of robotics-26/27's misses that several projects print (issue 13, session 17, second round):
 * PyOpenGL's own EGL exception ("OpenGL.raw.EGL._errors.EGLError: EGLError( err = EGL_BAD_PARAMETER,
 * baseOperation = eglGetPlatformDisplayEXT") and an EGL call's status ("EGL_BAD_ALLOC error: In
 * eglQueryDevicesEXT") are the EGL driver refusing a display or device (rule 5, missing_native_lib),
 * not an unhandled exception. Texts written for these tests; each control contains the changed
 * condition's words (asserted) and a hostile-input run per new alternative.
 */
import t from 'tap';
import { PATTERNS, useSecondOpinionModel } from '../src/index.js';
import { familyByPackage, familyWithControls, readLog, readsHostileRuns, readWhole } from './patterns-read.js';

const PYOPENGL_EGL =
  'Traceback (most recent call last):\n  File "train.py", line 12, in <module>\n    env = suite.load("walker", "walk")\n  File "dm_control/_render/pyopengl/egl_renderer.py", line 64, in _platform_init\n    display = EGL.eglGetPlatformDisplayEXT(EGL.EGL_PLATFORM_DEVICE_EXT, device, None)\nOpenGL.raw.EGL._errors.EGLError: EGLError(\n        err = EGL_BAD_PARAMETER,\n        baseOperation = eglGetPlatformDisplayEXT,\n        cArguments = (\n                12607,\n                None,\n        ),\n)';
const PYOPENGL_EGL_INIT =
  'File "robosuite/renderers/context/egl_context.py", line 91, in __init__\n    EGL.eglInitialize(self._display, None, None)\nOpenGL.raw.EGL._errors.EGLError: EGLError(\n\terr = EGL_BAD_DISPLAY,\n\tbaseOperation = eglInitialize,\n)';
const MAGNUM_EGL =
  'Renderer: creating simulator\neglQueryDevicesEXT(): EGL_BAD_ALLOC error: In eglQueryDevicesEXT: Failed to allocate device list.\nsegmentation fault (core dumped)';
// Controls that reach the new alternatives: a run that reports its end after the EGL message, and a
// record whose EGL library does not load at all (that line answers: import.native_lib).
const EGL_THEN_DONE =
  'OpenGL.raw.EGL._errors.EGLError: EGLError(\n        err = EGL_BAD_PARAMETER,\n        baseOperation = eglGetPlatformDisplayEXT,\n)\nfalling back to osmesa\nsuccess rate: 0.92\nDone.';
const EGL_LIB_MISSING =
  'OSError: libEGL.so.1: cannot open shared object file: No such file or directory\nEGL_NOT_INITIALIZED error: In eglInitialize: no display';

familyWithControls(
  "PyOpenGL's EGLError and an EGL call's status are the EGL driver refusing a display (rule 5)",
  [
    [PYOPENGL_EGL, 'import_error/missing_native_lib'],
    [PYOPENGL_EGL_INIT, 'import_error/missing_native_lib'],
    [MAGNUM_EGL, 'import_error/missing_native_lib'],
  ],
  [
    [EGL_THEN_DONE, '!import_error/missing_native_lib'],
    [EGL_LIB_MISSING, 'import_error/missing_native_lib'],
  ],
);

t.test('the EGL positives are read by sim.gl_context, the controls reach it and unless decides them', async (t) => {
  const p = PATTERNS.find((q) => q.id === 'sim.gl_context');
  if (!p?.unless) throw new Error('sim.gl_context has unless');
  for (const text of [PYOPENGL_EGL, PYOPENGL_EGL_INIT, MAGNUM_EGL]) {
    t.equal(readLog(text).code, 'sim.gl_context', text.slice(0, 60));
  }
  useSecondOpinionModel(null);
  try {
    for (const text of [EGL_THEN_DONE, EGL_LIB_MISSING]) {
      t.ok(p.match.test(text) && p.unless.test(text), `reaches the regex, unless keeps it out: ${text.slice(0, 50)}`);
      t.not(readLog(text).code, 'sim.gl_context', text.slice(0, 50));
    }
    t.equal(readLog(EGL_LIB_MISSING).code, 'import.native_lib', 'the library that does not load answers');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

t.test('hostile inputs for the EGL alternatives stay fast', async (t) => {
  readsHostileRuns(
    t,
    [
      [
        'EGLError( repeated after one',
        `OpenGL.raw.EGL._errors.EGLError: EGLError(\n err = EGL_BAD_X,\n${'EGLError( '.repeat(800)}`,
        'sim.gl_context',
      ],
      ['EGLError( err = EGL_ repeated', 'EGLError(  err = EGL_'.repeat(400), 'sim.gl_context'],
      ['EGL_BAD_ repeated', `${'EGL_BAD_'.repeat(1000)} error: In egl`, 'sim.gl_context'],
      ['EGL_NOT_A error: In egl repeated', `EGL_NOT_A error: In egl${'_'.repeat(3000)}`, 'sim.gl_context'],
    ],
    readWhole,
    1000,
  );
});

// roscpp's ROS_FATAL (ros_comm master.cpp) when ROS_MASTER_URI is unset: an unset variable
// (docs/taxonomy.md, config_error/missing_env_var), not a master that does not answer.
const ROSCPP_UNSET =
  "[FATAL] [1450943695.306401842]: ROS_MASTER_URI is not defined in the environment. Either type the following or (preferrably) add this to your ~/.bashrc file in order set up your local machine as a ROS master:\n\nexport ROS_MASTER_URI=http://localhost:11311\n\nthen, type 'roscore' in another shell to actually launch the master program.";
const ROSCPP_UNSET_NODE = `rosrun my_driver driver_node\n${ROSCPP_UNSET.slice(0, 210)}\n[driver_node-2] process has died [pid 4121, exit code 1]`;
// Controls with the message's words: the variable set afterwards and the master then not answering
// (that later line answers), and a question quoting only the first sentence.
const UNSET_THEN_UNREACHABLE = `${ROSCPP_UNSET.slice(0, 210)}\n$ export ROS_MASTER_URI=http://localhost:11311\n[ERROR] [1450943700.1]: [registerPublisher] Failed to contact master at [localhost:11311].  Retrying...`;
const QUESTION = 'Why does the wiki say "ROS_MASTER_URI is not defined in the environment" can happen inside a launch file?';

familyByPackage(
  "roscpp's 'ROS_MASTER_URI is not defined in the environment' is an unset variable",
  [
    [ROSCPP_UNSET, 'config_error/missing_env_var'],
    [ROSCPP_UNSET_NODE, 'config_error/missing_env_var'],
  ],
  [
    [UNSET_THEN_UNREACHABLE, 'network_error/connection_refused'],
    [QUESTION, '!config_error/missing_env_var'],
  ],
);

t.test('the ROS_MASTER_URI controls contain the message words', async (t) => {
  for (const text of [UNSET_THEN_UNREACHABLE, QUESTION]) t.match(text, /ROS_MASTER_URI is not defined in the environment/);
  t.match(UNSET_THEN_UNREACHABLE, /Either type the following or \(preferrably\) add this to your ~\/\.bashrc file/);
});

// gdb's line for a frame whose source is not installed is the debugger's strerror, not a missing file:
// the assertion or signal it stopped on answers (config.file_not_found's unless, the parts reading's
// line filter).
const GDB_ASSERT =
  'planner: /home/me/ws/src/planner/src/grid.cc:212: void Grid::at(int): Assertion `idx < size_\' failed.\n\nThread 1 "planner" received signal SIGABRT, Aborted.\n0x00007ffff5bb3428 in __GI_raise (sig=sig@entry=6)\n    at ../sysdeps/unix/sysv/linux/raise.c:54\n54\t../sysdeps/unix/sysv/linux/raise.c: No such file or directory.\n(gdb) bt\n#0  0x00007ffff5bb3428 in __GI_raise (sig=sig@entry=6)';
const GDB_SEGV =
  'Program received signal SIGSEGV, Segmentation fault.\n__GI___libc_free (mem=0x533002) at malloc.c:3103\n3103    malloc.c: No such file or directory.\n(gdb) bt\n#0  __GI___libc_free (mem=0x533002) at malloc.c:3103\n#1  0x0000555555556a2b in main () at main.cpp:41';
// Controls with the words "No such file or directory" that are not gdb's form.
const REAL_MISSING =
  '[ERROR] [1712.3]: cannot open map: /home/me/maps/office.yaml: No such file or directory.\n[map_server-1] process has died [pid 311, exit code 1]';
const PY_MISSING =
  'Traceback (most recent call last):\n  File "run.py", line 3, in <module>\n    open("config.yaml")\nFileNotFoundError: [Errno 2] No such file or directory: \'config.yaml\'';

familyWithControls(
  "gdb's 'raise.c: No such file or directory.' is the debugger's, the assertion or signal answers",
  [
    [GDB_ASSERT, 'runtime_error/assertion_failed'],
    [GDB_SEGV, 'runtime_error/unhandled_exception'],
  ],
  [
    [REAL_MISSING, 'config_error/file_not_found'],
    [PY_MISSING, 'config_error/file_not_found'],
  ],
);

t.test('the gdb controls reach config.file_not_found and the gdb form is what decides', async (t) => {
  const p = PATTERNS.find((q) => q.id === 'config.file_not_found');
  if (!p?.unless) throw new Error('config.file_not_found has unless');
  for (const text of [GDB_ASSERT, GDB_SEGV]) t.ok(p.match.test(text) && p.unless.test(text), `gdb form: ${text.slice(0, 40)}`);
  for (const text of [REAL_MISSING, PY_MISSING]) {
    t.ok(p.match.test(text) && !p.unless.test(text), `reaches the regex, not gdb's form: ${text.slice(0, 40)}`);
  }
  t.equal(readLog(GDB_SEGV).category, 'runtime_error');
});

t.test('hostile inputs for the gdb source line stay fast', async (t) => {
  readsHostileRuns(
    t,
    [
      ['gdb line of slashes', `54\t${'../'.repeat(3000)}raise.c: No such file or directory`, 'config.file_not_found'],
      ['gdb lines repeated', '54\ta.c: No such file or directory\n'.repeat(1000), 'config.file_not_found'],
      ['digits and tabs', `${'1\t'.repeat(3000)}: No such file or directory.`, 'config.file_not_found'],
    ],
    readWhole,
    1000,
  );
});
