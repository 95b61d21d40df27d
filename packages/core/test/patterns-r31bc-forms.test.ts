/**
 * Forms of robotics-31b's and robotics-31c's misses (issue 13, session 21): messages several projects
 * print, or a package's own message, each read for its form (docs/taxonomy.md's rules):
 * - the linker naming a library it cannot find ("/usr/bin/ld: cannot find -ltorch_python: No such file or
 *   directory") is a native library missing (rule 5) on its own, not only after undefined references:
 *   cpp.link_library_missing, not config.file_not_found's "No such file"; not inside a CMake check's probe
 *   (FindThreads' "-lpthreads"), whose configure goes on (review 21b F1);
 * - NumPy's and JAX's concatenate/stack of an empty sequence is the empty input (rule 1), h5py's object not
 *   found a missing field (rule 7), PyOpenGL's platform whose GL is None a GL library missing (rule 5), and
 *   habitat-sim's "GLX context does not support multiple GPUs" a GL context that cannot be created (rule 5);
 * - a GenICam acquisition timeout (GenApi's versioned C++ exception, harvesters' _gentl, pypylon's genicam)
 *   is the camera (rule 2), robot.genicam_timeout; the TFMini library's frame states a garbled stream from
 *   the range sensor (robot.range_frame_garbled), as the library prints them ("Last error:"), not
 *   its header's constants in a build (review 21b F4);
 * - dynamixel_control_hw's declared servos not found (actuator_fault), flirpy's "Lepton not connected." and
 *   OpenHaptics' HD_COMM_ERROR text (sensor_fault), photonlib's time-sync pongs not heard (deadline_exceeded);
 * - SENSOR_CONTEXT names an IMU by its chip glued to its driver ("mpu9250driver"), so EREMOTEIO on its I2C
 *   bus is the sensor's; a quantity mentioned (a magnetometer) is not a sensor's driver (review 21b F5);
 * - OpenCV videoio's "can't open camera by index" is the cause of a program's camera open failure just after
 *   it (rule 3: robot.sensor_fault's site read as robot.device_not_opened), not of another device's failure
 *   nor of a camera failing after a fallback (review 21b F2); and "Could not find/open device" is a device not opened;
 * - a log ending on a wait for a server's reply is a request unanswered (robot.waiting_for_reply, rule 2), not
 *   a prompt, a motion "in response to" a command, nor a collective waiting on its peers (review 21b F3).
 * The package controls either hold the entry's anchor (the table tries the entry on them) or, where the
 * anchor is the whole message, only its neighbouring words, as a guard (review 21b F6).
 * Positives from the real texts and other texts of the same form written for these tests; controls reach
 * the changed condition's words (asserted); hostile runs for every new or changed regex.
 */
import t from 'tap';
import { anchorOf } from '../src/patterns/parts/messages.js';
import { SENSOR_CONTEXT } from '../src/patterns/resolvers.js';
import {
  familyByPackage,
  familyWithControls,
  patternOf,
  reachesAndIsNotRead,
  readLog,
  readsHostileRuns,
  readWhole,
  regexOf,
  rulesOnly,
  runAndNotMatched,
} from './patterns-read.js';

// ---- the linker's missing library, on its own ----
const LD_TORCH_PYTHON = [
  'Building extension module gymtorch...',
  '[1/1] c++ gymtorch.o -shared -L/home/u/miniconda3/envs/pql/lib/python3.8/site-packages/torch/lib -lc10 -ltorch_cpu -ltorch -ltorch_python -o gymtorch.so',
  'FAILED: gymtorch.so ',
  '/usr/bin/ld: cannot find -ltorch_python: No such file or directory',
  'collect2: error: ld returned 1 exit status',
  'ninja: build stopped: subcommand failed.',
  "subprocess.CalledProcessError: Command '['ninja', '-v']' returned non-zero exit status 1.",
].join('\n');
const LD_GOLD_EPOS = [
  '[ 50%] Linking CXX executable epos_node',
  '/usr/bin/ld.gold: error: cannot find -lEposCmd',
  'collect2: error: ld returned 1 exit status',
  'make[2]: *** [CMakeFiles/epos_node.dir/build.make:120: epos_node] Error 1',
].join('\n');
// The words without the linker: a configure probe that goes on without the library.
const PROBE_CANNOT_FIND = 'checking for -lGL... cannot find -lGL, falling back to the bundled loader\nconfigure: done';
// CMake's FindThreads probe (review 21b F1): its "-lpthreads" link fails by design and the configure goes on;
// the build's own failure comes later (a named dependency, a compile error, a crash at run time).
const PTHREADS_PROBE = [
  '-- Looking for pthread_create in pthreads - not found',
  'Determining if the function pthread_create exists in the pthreads failed with the following output:',
  '/usr/bin/ld: cannot find -lpthreads',
  'collect2: error: ld returned 1 exit status',
];
const PTHREADS_THEN_PACKAGE = [
  ...PTHREADS_PROBE,
  '-- Configuring incomplete, errors occurred!',
  'CMake Error at CMakeLists.txt:10 (find_package):',
  '  By not providing "Findmoveit_core.cmake" in CMAKE_MODULE_PATH this project has',
  '  Could not find a package configuration file provided by "moveit_core" with any of the following names:',
  '    moveit_coreConfig.cmake',
].join('\n');
const PTHREADS_THEN_COMPILE = [
  ...PTHREADS_PROBE,
  '-- Configuring done',
  "/ws/src/node.cpp:30:5: error: 'foo' was not declared in this scope",
  'make[2]: *** [CMakeFiles/node.dir/build.make:76: CMakeFiles/node.dir/src/node.cpp.o] Error 1',
].join('\n');
const PTHREADS_THEN_SEGV = [
  ...PTHREADS_PROBE,
  '-- Build files have been written to: /ws/build',
  '[100%] Built target node',
  '[node-1] process has died [pid 123, exit code -11, cmd ...]',
].join('\n');
const PTHREADS_THEN_HEADER = [
  '-- Looking for pthread_create in pthreads',
  '-- Looking for pthread_create in pthreads - not found',
  '-- Looking for pthread_create in pthread - found',
  'Determining if the function pthread_create exists in the pthreads failed with the following output:',
  '/usr/bin/ld: cannot find -lpthreads',
  'collect2: error: ld returned 1 exit status',
  '-- Configuring done',
  '[ 50%] Building CXX object CMakeFiles/node.dir/src/node.cpp.o',
  '/ws/src/node.cpp:12:10: fatal error: Eigen/Dense: No such file or directory',
  'compilation terminated.',
].join('\n');
// Another CMake check's probe (CheckFunctionExists on X11, in CMakeTmp): the library's absence is the check's answer.
const X11_CHECK_THEN_COMPILE = [
  'Determining if the function XOpenDisplay exists in the X11 failed with the following output:',
  'Change Dir: /ws/build/CMakeFiles/CMakeTmp',
  '/usr/bin/ld: cannot find -lX11',
  'collect2: error: ld returned 1 exit status',
  '-- Configuring done',
  "/ws/src/a.cpp:30:5: error: 'foo' was not declared in this scope",
].join('\n');
// A check far back, then the build's own link failing on a library: read.
const CHECK_THEN_LINK = [
  ...PTHREADS_PROBE,
  '-- Configuring done',
  ...Array.from({ length: 40 }, (_, i) => `[ ${i + 1}%] Building CXX object CMakeFiles/epos.dir/src/part_${i}.cpp.o`),
  '[ 50%] Linking CXX executable epos_node',
  '/usr/bin/ld.gold: error: cannot find -lEposCmd',
  'collect2: error: ld returned 1 exit status',
].join('\n');
const UNDEFINED_ONLY = [
  "/usr/bin/ld: CMakeFiles/node.dir/src/node.cpp.o: in function `main':",
  "node.cpp:(.text+0x2a): undefined reference to `rclcpp::init(int, char const* const*)'",
  'collect2: error: ld returned 1 exit status',
].join('\n');

familyWithControls(
  "the linker's 'cannot find -lX' is a native library missing",
  [
    [LD_TORCH_PYTHON, 'import_error/missing_native_lib'],
    [LD_GOLD_EPOS, 'import_error/missing_native_lib'],
    [CHECK_THEN_LINK, 'import_error/missing_native_lib'],
  ],
  [
    [UNDEFINED_ONLY, 'import_error/version_conflict'],
    // Not the -l form (a start file, not a library asked for): config.file_not_found's "No such file".
    ['/usr/bin/ld: cannot find crt1.o: No such file or directory', 'config_error/file_not_found'],
    [PTHREADS_THEN_PACKAGE, 'import_error/module_not_found'],
    [PTHREADS_THEN_COMPILE, '!import_error/missing_native_lib'],
    [PTHREADS_THEN_SEGV, 'runtime_error/unhandled_exception'],
    [PTHREADS_THEN_HEADER, '!import_error/missing_native_lib'],
    [X11_CHECK_THEN_COMPILE, '!import_error/missing_native_lib'],
  ],
);

t.test("cpp.link_library_missing reads the linker on its own and only the linker's words", async (t) => {
  t.equal(rulesOnly(() => readLog(LD_TORCH_PYTHON)).code, 'cpp.link_library_missing');
  runAndNotMatched(t, 'cpp.link_library_missing', [
    PROBE_CANNOT_FIND,
    PTHREADS_THEN_PACKAGE,
    PTHREADS_THEN_COMPILE,
    PTHREADS_THEN_SEGV,
    PTHREADS_THEN_HEADER,
    X11_CHECK_THEN_COMPILE,
  ]);
  rulesOnly(() => t.equal(readLog(CHECK_THEN_LINK).code, 'cpp.link_library_missing', 'a check 2000 characters back'));
});

// ---- NumPy / JAX empty sequences, h5py objects, PyOpenGL, habitat-sim's GLX ----
const NUMPY_CONCAT_EMPTY = [
  '0it [00:00, ?it/s]',
  '---> []',
  'Traceback (most recent call last):',
  '  File "octo/data/utils/data_utils.py", line 151, in get_dataset_statistics',
  '    actions = np.concatenate(actions)',
  '  File "<__array_function__ internals>", line 200, in concatenate',
  'ValueError: need at least one array to concatenate',
].join('\n');
const NUMPY_STACK_EMPTY = [
  'Traceback (most recent call last):',
  '  File "eval.py", line 88, in <module>',
  '    obs = np.stack(frames)',
  '  File "numpy/core/shape_base.py", line 445, in stack',
  "    raise ValueError('need at least one array to stack')",
  'ValueError: need at least one array to stack',
].join('\n');
const JAX_CONCAT_EMPTY =
  '  File "jax/_src/numpy/lax_numpy.py", line 1800, in concatenate\nValueError: Need at least one array to concatenate.';
const NUMPY_DIMENSIONS =
  'ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)';
const H5PY_COMPONENT = [
  '<HDF5 file "epoch_29_model.hdf5" (mode r)>',
  'Traceback (most recent call last):',
  '  File "1.py", line 6, in <module>',
  "    img_ids = np.array(f['test/img_id'])",
  '  File "h5py/_hl/group.py", line 262, in __getitem__',
  '    oid = h5o.open(self.id, self._e(name), lapl=self._lapl)',
  '  File "h5py/h5o.pyx", line 190, in h5py.h5o.open',
  "KeyError: 'Unable to open object (component not found)'",
].join('\n');
const H5PY_DOESNT_EXIST = [
  '  File "h5py/_hl/group.py", line 357, in __getitem__',
  '    oid = h5o.open(self.id, self._e(name), lapl=self._lapl)',
  '  File "h5py/h5o.pyx", line 241, in h5py.h5o.open',
  "KeyError: \"Unable to synchronously open object (object 'demo_0' doesn't exist)\"",
].join('\n');
// The same words, another HDF5 failure: a damaged file, not a path it does not hold.
const H5PY_BAD_HEADER = "KeyError: 'Unable to open object (bad object header version number)'";
// A damaged object, then the loader's own note on an index entry it skipped: the words of the form, not the form.
const H5PY_BAD_HEADER_THEN_KEY = `${H5PY_BAD_HEADER}\nskipping /data/demo_3: component not found in the episode index`;
const PYOPENGL_NONE = [
  '  File "/usr/lib/python3/dist-packages/OpenGL/raw/GL/_errors.py", line 4, in <module>',
  '    _error_checker = _ErrorChecker( _p, _p.GL.glGetError )',
  "AttributeError: 'NoneType' object has no attribute 'glGetError'",
].join('\n');
const PYOPENGL_NONE_SHORT =
  "_error_checker = _ErrorChecker( _p, _p.GL.glGetError )\nAttributeError: 'NoneType' object has no attribute 'glGetError'";
const NONE_GLGETERRORSTRING = "AttributeError: 'NoneType' object has no attribute 'glGetErrorString'";
const HABITAT_GLX = [
  '2025-08-12 10:37:06,865 initializing sim Sim-v1',
  'GLX context does not support multiple GPUs. Please compile with --headless for multi-gpu support via EGL',
  '2025-08-12 10:37:06,945 initializing sim Sim-v1',
].join('\n');
const HABITAT_GLX_ONE =
  'Platform::WindowlessGlxApplication: GLX context does not support multiple GPUs. Please compile with --headless for multi-gpu support via EGL';

familyByPackage(
  "NumPy's and JAX's concatenate or stack of nothing is the empty input",
  [
    [NUMPY_CONCAT_EMPTY, 'data_error/empty_input'],
    [NUMPY_STACK_EMPTY, 'data_error/empty_input'],
    [JAX_CONCAT_EMPTY, 'data_error/empty_input'],
  ],
  [
    [NUMPY_DIMENSIONS, '!data_error/empty_input'],
    ['TypeError: can only concatenate str (not "int") to str', 'runtime_error/type_error'],
  ],
);

familyWithControls(
  "h5py's object not in the file is a missing field",
  [
    [H5PY_COMPONENT, 'data_error/missing_field'],
    [H5PY_DOESNT_EXIST, 'data_error/missing_field'],
  ],
  [[H5PY_BAD_HEADER, '!data_error/missing_field']],
);

t.test("robot.dataset_object_missing reads HDF5 1.8's component not found, and not another open failure", async (t) => {
  rulesOnly(() => {
    for (const text of [H5PY_COMPONENT, H5PY_DOESNT_EXIST]) t.equal(readLog(text).code, 'robot.dataset_object_missing');
  });
  runAndNotMatched(t, 'robot.dataset_object_missing', [H5PY_BAD_HEADER_THEN_KEY]);
});

familyByPackage(
  "PyOpenGL's platform that loaded no GL library is a native library missing",
  [
    [PYOPENGL_NONE, 'import_error/missing_native_lib'],
    [PYOPENGL_NONE_SHORT, 'import_error/missing_native_lib'],
  ],
  [
    [NONE_GLGETERRORSTRING, 'runtime_error/null_reference'],
    ["AttributeError: 'NoneType' object has no attribute 'get'", 'runtime_error/null_reference'],
  ],
);

familyWithControls(
  "habitat-sim's GLX build asked for another GPU cannot create its context",
  [
    [HABITAT_GLX, 'import_error/missing_native_lib'],
    [HABITAT_GLX_ONE, 'import_error/missing_native_lib'],
  ],
  [['DISPLAY not detected. For headless systems, compile with --headless for EGL support', 'config_error/missing_env_var']],
);

t.test("habitat-sim's GLX message is what answers", async (t) => {
  for (const text of [HABITAT_GLX, HABITAT_GLX_ONE]) t.equal(readLog(text).code, 'parts.package', text.slice(0, 60));
});

// The phrase of NumPy's entry, printed by a loader that goes on, then the run's own failure (review 21b F6: a
// control holding the entry's anchor, so that the table tries the entry on it).
const NUMPY_CONCAT_THEN_OOM =
  'need at least one array to concatenate -- skipping empty shard\nloaded 3 shards\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB';

familyWithControls(
  "NumPy's empty concatenate yields to the run's own failure",
  [[NUMPY_CONCAT_EMPTY, 'data_error/empty_input']],
  [[NUMPY_CONCAT_THEN_OOM, 'resource_error/gpu_oom']],
);

t.test('the package controls: which hold the anchor (tried), which only neighbouring words (a guard)', async (t) => {
  t.ok(NUMPY_CONCAT_THEN_OOM.toLowerCase().includes(anchorOf('need at least one array to concatenate') ?? '-'), 'numpy: anchor');
  // These hold the words around an entry but not its anchor: the table never tries the entry on them; they
  // guard against an entry loosened to those words.
  t.notOk(NUMPY_DIMENSIONS.includes('need at least one array'), 'numpy: neighbouring words only');
  t.match(H5PY_BAD_HEADER, /Unable to open object \(/, 'h5py: the family regex is run on it (below)');
  t.match(NONE_GLGETERRORSTRING, /'NoneType' object has no attribute 'glGetError/);
  t.notOk(NONE_GLGETERRORSTRING.includes("'glGetError'"), "PyOpenGL: not the anchor ('glGetError' quoted whole)");
});

// ---- GenICam timeouts, the TFMini library's frame states ----
const ARENA_TIMEOUT = [
  '[INFO] [1687056339.279703109] [arena_camera_node]: 1 arena device(s) has been discoved.',
  "terminate called after throwing an instance of 'GenICam_3_3_LUCID::TimeoutException'",
  '[ros2run]: Aborted',
].join('\n');
const HARVESTERS_TIMEOUT = [
  'Connecting to: THR-043',
  'Traceback (most recent call last):',
  '  File "connect_and_grab.py", line 42, in main',
  '    with ia.fetch(timeout=15) as buffer:',
  '  File "harvesters/core.py", line 2432, in _fetch',
  '    raise TimeoutException',
  '_gentl.TimeoutException',
].join('\n');
const PYPYLON_TIMEOUT = [
  '  File "grab.py", line 30, in <module>',
  '    res = cam.RetrieveResult(5000, pylon.TimeoutHandling_ThrowException)',
  "pypylon.genicam.TimeoutException: Grab timed out. : TimeoutException thrown (file 'InstantCameraImpl.h', line 1160)",
].join('\n');
// GenICam named, another exception; GenICam named, a socket timeout of the program's own.
const GENICAM_ACCESS =
  "terminate called after throwing an instance of 'GenICam_3_3_LUCID::AccessException'\nAborted (core dumped)";
const GENICAM_SOCKET = '[GenICam] producer loaded\njava.net.SocketTimeoutException: Read timed out';
const TFMINI_CHECKSUM = 'Last error:\nERROR_SERIAL_BADCHECKSUM\n65535 cm      sigstr: 65535';
const TFMINI_NOHEADER = 'TF Mini error: too many measurement attempts.\nLast error: ERROR_SERIAL_NOHEADER\n-1 cm      sigstr: -1';
// The state names inside a longer identifier (a statistics counter): not a state reported.
const SERIAL_OTHER = 'stats: TFMINI_ERROR_SERIAL_NOHEADER_COUNT=0 TFMINI_ERROR_SERIAL_BADCHECKSUM_COUNT=0';
// The library's printf without a newline (its wiringPi port): the state glued to "Last error:".
const TFMINI_PRINTF = 'TF Mini error: too many measurement attemptsLast error:ERROR_SERIAL_NOHEADER';
// The library's header and source in an Arduino build that fails on the sketch's own error (review 21b F4): the
// constants and the "Last error:" it prints, not a state reported.
const TFMINI_BUILD = [
  'In file included from /home/u/Arduino/sketch/sketch.ino:2:0:',
  '/home/u/Arduino/libraries/TFMini/src/TFMini.h:40:0: warning: "ERROR_SERIAL_NOHEADER" redefined',
  ' #define ERROR_SERIAL_NOHEADER             1',
  '/home/u/Arduino/libraries/TFMini/src/TFMini.cpp:141:7: note: in expansion of macro',
  '      Serial.println ("Last error:");',
  '      if (state == ERROR_SERIAL_NOHEADER)     Serial.println("ERROR_SERIAL_NOHEADER");',
  "sketch.ino:12:3: error: 'Serial1' was not declared in this scope",
  'exit status 1',
  'Error compiling for board Arduino Uno.',
].join('\n');

familyWithControls(
  'a GenICam acquisition timeout is the camera',
  [
    [ARENA_TIMEOUT, 'hardware_fault/sensor_fault'],
    [HARVESTERS_TIMEOUT, 'hardware_fault/sensor_fault'],
    [PYPYLON_TIMEOUT, 'hardware_fault/sensor_fault'],
  ],
  [
    [GENICAM_SOCKET, 'timeout/request_timeout'],
    [GENICAM_ACCESS, '!hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  "the TFMini library's frame errors are a garbled stream from the sensor",
  [
    [TFMINI_CHECKSUM, 'hardware_fault/sensor_fault'],
    [TFMINI_NOHEADER, 'hardware_fault/sensor_fault'],
    [TFMINI_PRINTF, 'hardware_fault/sensor_fault'],
  ],
  [
    [SERIAL_OTHER, '!hardware_fault/sensor_fault'],
    [TFMINI_BUILD, '!hardware_fault/sensor_fault'],
  ],
);

t.test('robot.genicam_timeout and robot.range_frame_garbled answer, and only on their words', async (t) => {
  rulesOnly(() => {
    for (const text of [ARENA_TIMEOUT, HARVESTERS_TIMEOUT, PYPYLON_TIMEOUT])
      t.equal(readLog(text).code, 'robot.genicam_timeout', text.slice(-40));
    for (const text of [TFMINI_CHECKSUM, TFMINI_NOHEADER, TFMINI_PRINTF])
      t.equal(readLog(text).code, 'robot.range_frame_garbled');
  });
  runAndNotMatched(t, 'robot.genicam_timeout', [GENICAM_SOCKET]);
  // The statistics line holds neither anchor (the regex is not run on it); the build log holds "Last error:".
  t.notOk(regexOf('robot.range_frame_garbled').test(SERIAL_OTHER), 'the counters are not read');
  runAndNotMatched(t, 'robot.range_frame_garbled', [TFMINI_BUILD]);
});

// ---- package messages of drivers and devices ----
const DYNAMIXEL_ONE = '1 servo was declared to the hardware interface but could not be found';
const DYNAMIXEL_MANY =
  '[ERROR] [1540000000.123456]: 3 servos were declared to the hardware interface but could not be found\n[ INFO] [1540000000.2]: shutting down';
const DECLARED_TWICE = "[ WARN] [1540000000.1]: joint 'wrist' was declared to the hardware interface twice, ignoring the second";
const FLIRPY = [
  '  File "/usr/local/lib/python3.9/dist-packages/flirpy/camera/lepton.py", line 97, in setup_video',
  '    raise ValueError("Lepton not connected.")',
  'ValueError: Lepton not connected.',
].join('\n');
const FLIRPY_GRAB = 'cam = Lepton()\nimg = cam.grab()\nValueError: Lepton not connected.';
const LEPTON_PROSE = 'ValueError: Lepton not connected to the I2C bus address 0x2a: check SDA/SCL';
const HD_COMM = [
  'HD Error: HD_COMM_ERROR',
  'Communication Error: Check the device connection and configuration.',
  'HHD: 0',
  'Error Code: 302',
  'Internal Error Code: -28',
  'Message: Error during main scheduler callback',
].join('\n');
const HD_COMM_FRAME = [
  'Found device Default Device',
  'HD Error: HD_COMM_ERROR',
  'Communication Error: Check the device connection and configuration.',
  'HHD: 1',
  'Error Code: 302',
  'Internal Error Code: -28',
  'Message: Error during hdEndFrame',
].join('\n');
const CHECK_CONNECTION_PROSE =
  'Hardware/Configuration Error: Please check the device connection and configuration, then restart the application.';
const PHOTON_PONG =
  "PhotonVision coprocessor at path /photonvision/flCam2025 is not connected to the TimeSyncServer? It's been 9223372036854.78s since the coprocessor last heard a pong.";
const PHOTON_PONG_JAVA = [
  'Warning at org.photonvision.PhotonCamera.verifyDependencies(PhotonCamera.java:392):',
  "PhotonVision coprocessor at path /photonvision/limelight is not connected to the TimeSyncServer? It's been 12.51s since the coprocessor last heard a pong.",
  '',
  'Check /photonvision/.timesync/{COPROCESSOR_HOSTNAME} for more information.',
].join('\n');
const TIMESYNC_OTHER = 'NetworkTables client is not connected to the TimeSyncServer yet; retrying in 1 s';
// dynamixel_control_hw's phrase after the port could not be opened: the servos were not found because the bus
// was refused; the refusal answers (review 21b F6: a control holding the entry's anchor).
const DYNAMIXEL_THEN_PERMISSION = [
  '[ERROR] [1540000000.1]: 2 servos were declared to the hardware interface but could not be found',
  "terminate called after throwing an instance of 'std::runtime_error'",
  "  what():  could not open port /dev/ttyUSB0: [Errno 13] Permission denied: '/dev/ttyUSB0'",
].join('\n');

familyByPackage(
  "dynamixel_control_hw's declared servos not found are the actuators",
  [
    [DYNAMIXEL_ONE, 'hardware_fault/actuator_fault'],
    [DYNAMIXEL_MANY, 'hardware_fault/actuator_fault'],
  ],
  [
    [DECLARED_TWICE, '!hardware_fault/actuator_fault'],
    [DYNAMIXEL_THEN_PERMISSION, 'auth_error/permission_denied'],
  ],
);

familyByPackage(
  "flirpy's 'Lepton not connected.' is the camera",
  [
    [FLIRPY, 'hardware_fault/sensor_fault'],
    [FLIRPY_GRAB, 'hardware_fault/sensor_fault'],
  ],
  [[LEPTON_PROSE, '!hardware_fault/sensor_fault']],
);

familyByPackage(
  "OpenHaptics' HD_COMM_ERROR text is the device not communicating",
  [
    [HD_COMM, 'hardware_fault/sensor_fault'],
    [HD_COMM_FRAME, 'hardware_fault/sensor_fault'],
  ],
  [[CHECK_CONNECTION_PROSE, '!hardware_fault/sensor_fault']],
);

familyByPackage(
  "photonlib's time-sync pongs not heard are heartbeats missed",
  [
    [PHOTON_PONG, 'timeout/deadline_exceeded'],
    [PHOTON_PONG_JAVA, 'timeout/deadline_exceeded'],
  ],
  [[TIMESYNC_OTHER, '!timeout/deadline_exceeded']],
);

t.test("the device packages' controls: the anchor where it can be held, else the entries' neighbouring words", async (t) => {
  const anchor = anchorOf('{} servos were declared to the hardware interface but could not be found') ?? '-';
  t.ok(DYNAMIXEL_THEN_PERMISSION.toLowerCase().includes(anchor), 'dynamixel_control_hw: anchor');
  // Neighbouring words without the anchor (a guard against a loosened entry; the table does not try the entry).
  t.notOk(DECLARED_TWICE.toLowerCase().includes(anchor), 'dynamixel_control_hw twice: not the anchor');
  t.match(DECLARED_TWICE, /declared to the hardware interface/);
  t.match(LEPTON_PROSE, /Lepton not connected/);
  t.match(CHECK_CONNECTION_PROSE, /check the device connection and configuration/);
  t.match(TIMESYNC_OTHER, /is not connected to the TimeSyncServer/);
});

// ---- an IMU named by its driver: EREMOTEIO is the sensor's ----
const MPU9250 = [
  '[mpu9250driver-1] /dev/i2c-1',
  '[mpu9250driver-1] [INFO] [1706601354.580129782] [mpu9250driver_node]: Calibrating...',
  '[mpu9250driver-1] Accelerometer Range: +-2g',
  '[mpu9250driver-1] Gyroscope Range: +-250 degree per sec',
  '[mpu9250driver-1] Error! Errno: Remote I/O error',
  '[mpu9250driver-1] Error! Errno: Remote I/O error',
].join('\n');
const BMI088 = '[bmi088_driver-1] opened /dev/i2c-7\n[bmi088_driver-1] [ERROR] i2c read failed: [Errno 121] Remote I/O error';
// A bare I2C bus naming no device: still the bare-bus reading (the board on it, actuator).
const BARE_BUS = 'smbus: write to 0x40 on /dev/i2c-1 failed\nOSError: [Errno 121] Remote I/O error';
// A servo board's bus error in a log that mentions an IMU's quantity (review 21b F5): the quantity names no
// sensor's driver, and SENSOR_CONTEXT is read record-wide: the bare-bus reading stays.
const SERVO_BUS_MAGNETOMETER = [
  'Magnetometer calibration skipped',
  'PCA9685 servo driver at 0x40',
  'OSError: [Errno 121] Remote I/O error',
].join('\n');

familyWithControls(
  "an IMU's driver's name makes a Remote I/O error the sensor's, a quantity mentioned does not",
  [
    [MPU9250, 'hardware_fault/sensor_fault'],
    [BMI088, 'hardware_fault/sensor_fault'],
  ],
  [
    [BARE_BUS, 'hardware_fault/actuator_fault'],
    [SERVO_BUS_MAGNETOMETER, 'hardware_fault/actuator_fault'],
  ],
);

t.test("SENSOR_CONTEXT names a sensor's driver, not a quantity", async (t) => {
  t.ok(SENSOR_CONTEXT.test(MPU9250), 'the chip glued to its driver');
  t.notOk(SENSOR_CONTEXT.test(SERVO_BUS_MAGNETOMETER), 'a magnetometer mentioned');
  t.notOk(SENSOR_CONTEXT.test('Logged accelerometer and gyroscope readings to run/log.csv'), 'quantities mentioned');
});

// ---- a camera that cannot be opened, over the program's own error ----
const OPENWBT = [
  "{'fps': 30, 'head_camera_type': 'opencv', 'head_camera_image_shape': [480, 1280], 'head_camera_id_numbers': [0]}",
  "[ WARN:0@0.072] global cap_v4l.cpp:913 open VIDEOIO(V4L2:/dev/video0): can't open camera by index",
  "[ WARN:0@0.072] global cap.cpp:478 open VIDEOIO(V4L2): backend is generally available but can't be used to capture by index",
  '[Image Server] Camera 0 Error: Failed to initialize the camera or read frames. Exiting...',
  '[Image Server] Head camera frame read is error.',
].join('\n');
const INDEX_THEN_CAMERA_ERROR = [
  "[ WARN:0@0.050] global cap_v4l.cpp:1000 open VIDEOIO(V4L2:/dev/video2): can't open camera by index",
  'wrist camera error: could not start capture',
].join('\n');
// The camera opened by index later went away: the sensor.
const INDEX_THEN_DISCONNECTED = [
  "[ WARN:0@0.050] global cap_v4l.cpp:1000 open VIDEOIO(V4L2:/dev/video2): can't open camera by index",
  'retrying with /dev/video0 ... ok',
  'camera disconnected after 120 frames',
].join('\n');
// The index warning of a program probing indices, then another device's failure, or the camera it fell back to
// failing after frames: the sensor, whatever the warning (review 21b F2).
const INDEX_THEN_LIDAR_FAULT = [
  "[ WARN:0@0.072] global cap_v4l.cpp:913 open VIDEOIO(V4L2:/dev/video2): can't open camera by index",
  'using default camera /dev/video0',
  '[rplidar_node] lidar error: health status 2, no scan data',
].join('\n');
const INDEX_THEN_FALLBACK_FAULT = [
  "[ WARN:0@0.072] global cap_v4l.cpp:913 open VIDEOIO(V4L2:/dev/video2): can't open camera by index",
  'falling back to /dev/video0',
  'frame 100 ok',
  'camera 0 error: no frames received from camera for 5 s',
].join('\n');
// The camera that failed to open is far from the warning (another run's output between): not the index's.
const INDEX_FAR_THEN_OPEN_FAILED = [
  "[ WARN:0@0.072] global cap_v4l.cpp:913 open VIDEOIO(V4L2:/dev/video2): can't open camera by index",
  ...Array.from({ length: 40 }, (_, i) => `[planner] step ${i}: replanning around obstacle set ${i}`),
  '[Image Server] Camera 1 Error: Failed to initialize the camera or read frames. Exiting...',
].join('\n');
const FLIRONE = 'Could not find/open device\nzsh: segmentation fault (core dumped)  ./flirone palettes/Iron2.raw';
const FIND_OR_OPEN = '[ERROR] [1700000000.2] [thermal_node]: could not find or open device /dev/video3, exiting';
const FIND_OPEN_EIO = 'Could not find/open device: Input/output error';

familyWithControls(
  "OpenCV's camera index that opened nothing is the cause of the program's camera error",
  [
    [OPENWBT, 'config_error/file_not_found'],
    [INDEX_THEN_CAMERA_ERROR, 'config_error/file_not_found'],
  ],
  [
    [INDEX_THEN_DISCONNECTED, 'hardware_fault/sensor_fault'],
    [INDEX_THEN_LIDAR_FAULT, 'hardware_fault/sensor_fault'],
    [INDEX_THEN_FALLBACK_FAULT, 'hardware_fault/sensor_fault'],
    [INDEX_FAR_THEN_OPEN_FAILED, 'hardware_fault/sensor_fault'],
  ],
);

familyWithControls(
  "'Could not find/open device' is a device that cannot be opened",
  [
    [FLIRONE, 'config_error/file_not_found'],
    [FIND_OR_OPEN, 'config_error/file_not_found'],
  ],
  [[FIND_OPEN_EIO, '!config_error/file_not_found']],
);

t.test("robot.sensor_fault reads the camera index only at a camera's open failure just after it", async (t) => {
  const p = patternOf('robot.sensor_fault');
  t.equal(p.unless, undefined, 'no record-wide unless: the site decides');
  t.ok(p.match.test(OPENWBT), "robot.sensor_fault's regex reaches the program's camera error");
  rulesOnly(() => {
    for (const text of [OPENWBT, INDEX_THEN_CAMERA_ERROR])
      t.equal(readLog(text).code, 'robot.device_not_opened', text.slice(-50));
    for (const text of [INDEX_THEN_DISCONNECTED, INDEX_THEN_LIDAR_FAULT, INDEX_THEN_FALLBACK_FAULT, INDEX_FAR_THEN_OPEN_FAILED]) {
      t.ok(p.match.test(text), `reaches robot.sensor_fault: ${text.slice(-40)}`);
      t.equal(readLog(text).code, 'robot.sensor_fault', text.slice(-40));
    }
  });
  reachesAndIsNotRead(t, 'robot.device_not_opened', [FIND_OPEN_EIO]);
  rulesOnly(() => t.equal(readLog(FLIRONE).code, 'robot.device_not_opened'));
});

// ---- a wait for a reply ----
const OPTITRACK = [
  'Client: 192.168.0.154',
  'Server: 192.168.0.150',
  'Multicast Group: 239.255.42.99',
  'Trying to connect',
  'Connected!',
  ' Waiting for server info in response.',
].join('\n');
const CONTROLLER_REPLY = 'Connecting to controller at 10.0.0.2:502...\nsent handshake\nWaiting for response from controller';
const WAIT_SIM = 'PX4 SITL started\nWaiting for simulator to accept connection on TCP port 4560';
const REPLY_BEFORE_WAIT = 'Response received from planner.\nWaiting for new goal...';
const MCP_INITIALIZE = 'client started\nTimeoutError after waiting for initialize response';
// The reply words inside the wait, not a reply a server owes (review 21b F3): a prompt for the user, a motion
// in response to a command, a collective waiting on its peers; and a wait for a reply answered before the last wait.
const WAIT_USER_REPLY = 'Enter your answer (y/n):\nWaiting for reply';
const WAIT_MOTION = 'Planner ready.\nWaiting for the robot to move in response to the command';
const WAIT_PEERS = '[rank3] all_reduce started\n[rank3] Waiting for responses from peers in the ring';
const REPLY_WAIT_THEN_GOAL = 'Waiting for response from server...\nconnected, server info received\nWaiting for new goal...';

familyWithControls(
  'a log ending on a wait for a reply is a request unanswered',
  [
    [OPTITRACK, 'timeout/request_timeout'],
    [CONTROLLER_REPLY, 'timeout/request_timeout'],
    [MCP_INITIALIZE, 'timeout/request_timeout'],
  ],
  [
    [WAIT_SIM, 'timeout/hang_or_deadlock'],
    [REPLY_BEFORE_WAIT, 'timeout/hang_or_deadlock'],
    [WAIT_USER_REPLY, 'timeout/hang_or_deadlock'],
    [WAIT_MOTION, 'timeout/hang_or_deadlock'],
    [WAIT_PEERS, 'timeout/hang_or_deadlock'],
    [REPLY_WAIT_THEN_GOAL, 'timeout/hang_or_deadlock'],
  ],
);

t.test("robot.waiting_forever's reply resolution reads a server's reply on the last wait only", async (t) => {
  rulesOnly(() => {
    t.equal(readLog(OPTITRACK).code, 'robot.waiting_for_reply');
    for (const text of [WAIT_SIM, REPLY_BEFORE_WAIT, WAIT_USER_REPLY, WAIT_MOTION, WAIT_PEERS, REPLY_WAIT_THEN_GOAL]) {
      t.ok(patternOf('robot.waiting_forever').match.test(text), `reaches the wait: ${text.slice(-30)}`);
      t.equal(readLog(text).code, 'robot.waiting_forever', text.slice(-30));
    }
  });
});

// ---- hostile input ----
t.test('the new and changed regexes read hostile texts in time', async (t) => {
  readsHostileRuns(
    t,
    [
      ['ld -l runs', `${'/usr/bin/ld: cannot find -l'.repeat(4000)}${'x'.repeat(70)}`, 'cpp.link_library_missing'],
      [
        'GenICam namespaces',
        `${'GenICam_3_3_'.repeat(5000)}${'A'.repeat(40)}::Timeout\nTimeoutException`,
        'robot.genicam_timeout',
      ],
      ['genicam dots', `${'pypylon.genicam.gentl.'.repeat(4000)}TimeoutExceptio\nTimeoutException`, 'robot.genicam_timeout'],
      [
        'TFMini states',
        `Last error:${'ERROR_SERIAL_'.repeat(8000)}BADCHECKSU\nERROR_SERIAL_BADCHECKSUM`,
        'robot.range_frame_garbled',
      ],
      [
        'camera index then loss words far away',
        `${"VIDEOIO(V4L2:/dev/video0): can't open camera by index\n".repeat(3000)}${'y'.repeat(2100)}\ncamera 0 error: disconnected`,
        'robot.sensor_fault',
      ],
      [
        'CMake checks before each -l line',
        `${'Determining if the function f exists in the x failed with the following output:\n/usr/bin/ld: cannot find -lx\n'.repeat(12000)}`,
        'cpp.link_library_missing',
      ],
      [
        'camera index then open failures',
        `${"can't open camera by index\nCamera 0 Error: Failed to initialize the camera\n".repeat(15000)}`,
        'robot.sensor_fault',
      ],
      ['a long last wait line', `start\n${'waiting for the server '.repeat(3000)}in respons`, 'robot.waiting_forever'],
      ['TFMini last errors', `${'Last error:    \n        '.repeat(20000)}x\nERROR_SERIAL_NOHEADER`, 'robot.range_frame_garbled'],
      ['find/open runs', `${'could not find/open '.repeat(5000)}devic\nopen device`, 'robot.device_not_opened'],
      ['a long wait line', `start\n${'waiting for response '.repeat(3000)}`, 'robot.waiting_forever'],
      [
        'package anchors',
        `${'need at least one array to '.repeat(3000)}\n${"'NoneType' object has no attribute 'glGet".repeat(2000)}`,
        null,
      ],
    ],
    readWhole,
    3000,
  );
});
