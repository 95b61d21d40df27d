/**
 * Forms of robotics-30's misses that several projects print (issue 13, session 20):
 * - libusb's LIBUSB_ERROR_NO_DEVICE text, "No such device (it may have been disconnected)", after a
 *   USB interface claim or release (Orbbec's SDK, the Astra driver: "release interface failed, error:
 *   No such device (it may have been disconnected)") is a USB device unplugged while in use, not a
 *   network or CAN interface the host does not have: driver.interface_missing no longer reads it
 *   (robotics-30c and bench-3, two sources, both labelled hardware_fault/sensor_fault);
 * - ur_client_library prints its bind failure and the retry with no space between ("Reason: Address
 *   already in useRetrying in 1 seconds"): config.port_in_use reads "in use" before "Retrying" too
 *   (robotics-30b, bench-9; robotics-29b reads the same message with a space);
 * - OpenCV's empty-image assertion ("(-215:Assertion failed) !_src.empty()") after OpenCV's videoio said
 *   the camera could not be opened ("can't open camera by index") is that camera's: the device that cannot
 *   be opened is the cause (docs/taxonomy.md rule 1 over the later symptom, rule 3), and videoio's
 *   camera-index message names its cause (weight 0.8, so it answers over rt.assertion's reading of the
 *   assertion); in the other order, with no camera message, or with another source opened or read between
 *   them (imread, "Using camera 0", "falling back to video file", "Opened", "frame N"), the empty image stays
 *   the empty input; a camera-index message on a record saying "Permission denied" is the permission's;
 * - class_loader's "Could not load library dlopen error: <lib>.so: undefined symbol: …" found the library
 *   and could not link it: the undefined symbol is a version conflict (docs/taxonomy.md rule 5; tuned
 *   labels of "undefined symbol": version_conflict 27, missing_native_lib 1), so import.native_lib's
 *   "Could not load library" no longer reads a line that names an undefined symbol.
 * Texts written for these tests; each control contains the changed condition's words (asserted) and a
 * hostile-input run per changed alternative.
 */
import t from 'tap';
import { VISION_ROBOTS } from '../src/patterns/parts/tables/packages/vision-robots.js';
import { symptomYields } from '../src/patterns/yields.js';
import { countingExecs, patternOf, readLog, readsHostileRuns, readWhole, rulesOnly } from './patterns-read.js';

// driver.interface_missing's interface alternative as it stood before this change.
const INTERFACE_BEFORE = /[Ii]nterface '?[\w.-]{1,20}'?[^\n]{0,80}No such device/;

const USB_RELEASE_GONE = [
  '[06/02 10:11:12.100200][info][4100][SensorBase.cpp:370] [CP1234] Depth Streaming... frameRate=30.0fps',
  '[06/02 10:11:15.300400][warning][4102][HidDevicePort.cpp:77] interrupt transfer failed, error: No such device (it may have been disconnected)',
  '[06/02 10:11:15.400500][warning][4110][DeviceBase.cpp:200] Device is deactivated or disconnected while there are still sensors streaming!',
  '[06/02 10:11:15.410600][warning][4110][HidDevicePort.cpp:50] release interface failed, error: No such device (it may have been disconnected)',
].join('\n');
const USB_CLAIM_GONE =
  '[ERROR] [1700000000.123456] [camera.camera]: claim interface 0 failed, error: No such device (it may have been disconnected)';

const CAN_INTERFACE_GONE = "SocketCAN: interface 'can0' could not be bound: No such device";
const CAN_INTERFACE_GONE_LATER =
  '[ros2_control_node-1] [ERROR] [1700000000.5] [CanDriver]: Interface can1 failed to open: No such device\n[ros2_control_node-1] [INFO] shutting down';

const UR_BIND_GLUED = [
  '[ INFO] [1712000000.100000000]: Started controllers: joint_state_controller, scaled_pos_joint_traj_controller',
  '[ WARN] [1712000000.200000000]: Failed to bind socket for port 50004 to address. Reason: Address already in useRetrying in 1 seconds',
  "[ INFO] [1712000000.300000000]: Robot's safety mode is now NORMAL",
].join('\n');
// The words "address already in use" glued to another word than the retry: not the bind failure.
const ADDRESS_IN_USERS = 'Registration refused: that email address already in users table, pick another one';

const EMPTY_SRC = "(-215:Assertion failed) !_src.empty() in function '{}'";
const emptySrcEntry = VISION_ROBOTS.find((e) => e.says === EMPTY_SRC);
/** The empty-image entry's symptom form (yields.ts tests it on the body first: an exec on this regex). */
const emptyForm = emptySrcEntry?.meaning.yieldsTo?.form as RegExp;
/** Whether the empty-image entry yields to the camera's cause in a log (yields.ts, as readParts asks it). */
const emptyYields = (logs: string) =>
  Boolean(
    emptySrcEntry?.meaning.yieldsTo && symptomYields(emptySrcEntry.meaning.yieldsTo, { headline: '', telling: [], body: logs }),
  );

const CAMERA_THEN_EMPTY = [
  'found tactile sensor on video2',
  "[ WARN:0@0.301] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video2): can't open camera by index",
  'Traceback (most recent call last):',
  '  File "track.py", line 20, in <module>',
  '    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)',
  "cv2.error: OpenCV(4.9.0) /io/opencv/modules/imgproc/src/color.cpp:196: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'",
].join('\n');
// The empty image first, the camera message after it (another run of the script): the order keeps it.
const EMPTY_THEN_CAMERA = [
  "cv2.error: OpenCV(4.9.0) /io/opencv/modules/imgproc/src/color.cpp:196: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'",
  'second run, other device:',
  "[ WARN:0@0.301] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video4): can't open camera by index",
].join('\n');
// The empty-image unless as it stood before review 20's F1 (any camera message before the assertion).
const CAMERA_THEN_EMPTY_BEFORE =
  /(?:can't open camera by index|can't find camera device)[\s\S]{0,2000}?\(-215:Assertion failed\) !_src\.empty\(\)/;
// A program probing camera indices that went on with the camera it found, then an image that did not load;
// and one that fell back to a video file and read past its end: the empty image is that source's (F1).
const CAMERA_SCAN_THEN_IMREAD_EMPTY = [
  'Scanning cameras...',
  "[ WARN:0@0.010] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video1): can't open camera by index",
  "[ WARN:0@0.010] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video2): can't open camera by index",
  'Using camera 0 (640x480)',
  "[ WARN:0@2.310] global loadsave.cpp:248 findDecoder imread_('assets/marker.png'): can't open/read file: check file path/integrity",
  'Traceback (most recent call last):',
  '  File "overlay.py", line 44, in <module>',
  '    overlay = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)',
  "cv2.error: OpenCV(4.8.0) /io/opencv/modules/imgproc/src/color.cpp:182: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'",
].join('\n');
const CAMERA_FAIL_THEN_VIDEO_END = [
  "[ WARN:0@0.010] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video0): can't open camera by index",
  'No webcam, falling back to video file demo.mp4',
  'Opened demo.mp4: 900 frames',
  'frame 898',
  'frame 899',
  'Traceback (most recent call last):',
  '  File "demo.py", line 51, in <module>',
  '    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)',
  "cv2.error: OpenCV(4.8.0) /io/opencv/modules/imgproc/src/color.cpp:182: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'",
].join('\n');
// The camera-index message on the line that says permission was denied: the camera exists (F2).
const CAMERA_PERMISSION_SAME_LINE =
  "[ERROR] [1700000000.1] [camera_node]: Permission denied: VIDEOIO(V4L2:/dev/video0): can't open camera by index";
const CAMERA_INDEX = "VIDEOIO(V4L2:{}): can't open camera by index";
const cameraIndexEntry = VISION_ROBOTS.find((e) => e.says === CAMERA_INDEX);
const EMPTY_SRC_LINE =
  "cv2.error: OpenCV(4.8.0) /io/opencv/modules/imgproc/src/color.cpp:182: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'";
const IMREAD_THEN_EMPTY = [
  "[ WARN:0@0.020] global loadsave.cpp:248 findDecoder imread_('images/left.png'): can't open/read file: check file path/integrity",
  "cv2.error: OpenCV(4.9.0) /io/opencv/modules/imgproc/src/color.cpp:196: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'",
].join('\n');

t.test("OpenCV's empty-image assertion after videoio could not open the camera is the camera's", async (t) => {
  t.ok(emptySrcEntry?.meaning.yieldsTo, 'the empty-image entry is a symptom that yields to the camera (yields.ts)');
  t.ok(emptyYields(CAMERA_THEN_EMPTY), 'the camera message before the assertion');
  const r = rulesOnly(() => readLog(CAMERA_THEN_EMPTY));
  t.equal(`${r.category}/${r.factor}`, 'config_error/file_not_found');
  for (const text of [EMPTY_THEN_CAMERA, IMREAD_THEN_EMPTY]) {
    t.match(text, /!_src\.empty\(\)/, 'the control has the assertion');
    t.notOk(emptyYields(text), `the step does not apply: ${text.slice(-50)}`);
  }
  t.match(EMPTY_THEN_CAMERA, /can't open camera by index/, 'the control has the camera words');
  const imread = rulesOnly(() => readLog(IMREAD_THEN_EMPTY));
  t.not(`${imread.category}/${imread.factor}`, 'config_error/file_not_found', 'not read as the camera');
});

// import.native_lib's class_loader alternative as it stood before this change.
const LOAD_LIBRARY_BEFORE = /Could not load (?:dynamic )?library '?[\w.+-]{1,80}/i;
const PLUGIN_UNDEFINED_SYMBOL =
  '[ERROR] [1700000000.1] [rosbag2_storage]: Failed to load library /opt/ros/rolling/lib/librosbag2_storage_foo.so. Error string: Could not load library dlopen error: /usr/lib/libfoo.so: undefined symbol: LZ4F_compressBegin, at ./src/shared_library.c:99';
const PLUGIN_NOT_FOUND =
  '[ERROR] [1700000000.1] [controller_manager]: Error string: Could not load library dlopen error: libbar_controllers.so: cannot open shared object file: No such file or directory';

t.test("class_loader's dlopen error naming an undefined symbol is a version conflict", async (t) => {
  const p = patternOf('import.native_lib');
  t.ok(LOAD_LIBRARY_BEFORE.test(PLUGIN_UNDEFINED_SYMBOL), "reaches the alternative's words");
  t.notOk(p.match.test(PLUGIN_UNDEFINED_SYMBOL), 'the undefined symbol on the line keeps it out');
  const r = rulesOnly(() => readLog(PLUGIN_UNDEFINED_SYMBOL));
  t.equal(r.code, 'import.version_conflict');
  t.equal(`${r.category}/${r.factor}`, 'import_error/version_conflict');
  t.ok(LOAD_LIBRARY_BEFORE.test(PLUGIN_NOT_FOUND), 'the control has the words');
  t.equal(rulesOnly(() => readLog(PLUGIN_NOT_FOUND)).code, 'import.native_lib', 'a library not found stays missing');
});

t.test("an empty image after another source was opened or read is that source's, not the camera index's", async (t) => {
  for (const text of [CAMERA_SCAN_THEN_IMREAD_EMPTY, CAMERA_FAIL_THEN_VIDEO_END]) {
    t.ok(CAMERA_THEN_EMPTY_BEFORE.test(text), `the old unless read it: ${text.slice(0, 40)}`);
    t.notOk(emptyYields(text), `another source between them: ${text.slice(0, 40)}`);
    const r = rulesOnly(() => readLog(text));
    t.equal(`${r.category}/${r.factor}`, 'data_error/empty_input', text.slice(0, 40));
  }
  t.ok(emptyYields(CAMERA_THEN_EMPTY), 'nothing between them: still the camera');
});

t.test("a camera-index message on a record that says permission was denied is the permission's", async (t) => {
  t.ok(cameraIndexEntry?.meaning.unless, 'the camera-index entry has its unless');
  t.match(
    CAMERA_PERMISSION_SAME_LINE,
    /VIDEOIO\(V4L2:[^)]*\): can't open camera by index/,
    "the control has the entry's message",
  );
  t.ok(cameraIndexEntry?.meaning.unless?.test(CAMERA_PERMISSION_SAME_LINE), 'the unless reads it');
  const r = rulesOnly(() => readLog(CAMERA_PERMISSION_SAME_LINE));
  t.equal(`${r.category}/${r.factor}`, 'auth_error/permission_denied');
  const camera = rulesOnly(() => readLog(CAMERA_THEN_EMPTY));
  t.equal(`${camera.category}/${camera.factor}`, 'config_error/file_not_found', 'no permission words: the camera');
});

t.test(
  "the empty-image entry's step is run on a hostile text with the full assertion far after the camera messages",
  async (t) => {
    const text = `${"[ WARN:0] VIDEOIO(V4L2:/dev/video0): can't open camera by index\n".repeat(15000)}${'x'.repeat(2100)}\n${EMPTY_SRC_LINE}`;
    const near = `${"[ WARN:0] VIDEOIO(V4L2:/dev/video0): can't open camera by index\n".repeat(15000)}${EMPTY_SRC_LINE}`;
    for (const [hostile, yields] of [
      [text, false],
      [near, true],
    ] as const) {
      let ms = 0;
      // The step is run on this text while it is read (its form's exec calls), not only by emptyYields below.
      const calls = countingExecs(emptyForm, () => {
        const start = performance.now();
        readWhole(hostile);
        ms = performance.now() - start;
      });
      t.ok(calls > 0, `the step is run while reading (${calls} execs of its form)`);
      t.ok(ms < 2000, `read in ${ms.toFixed(1)} ms`);
      t.equal(
        emptyYields(hostile),
        yields,
        yields ? 'the camera just before: the camera' : 'more than 2,000 characters apart: not the camera',
      );
    }
  },
);

t.test("libusb's no-device text after a USB interface claim or release is not a missing network interface", async (t) => {
  const p = patternOf('driver.interface_missing');
  for (const text of [USB_RELEASE_GONE, USB_CLAIM_GONE]) {
    t.ok(INTERFACE_BEFORE.test(text), `reaches the interface alternative's words: ${text.slice(-60)}`);
    t.notOk(p.match.test(text), `libusb's "(it may have been disconnected)" keeps it out: ${text.slice(-60)}`);
    const r = rulesOnly(() => readLog(text));
    t.not(r.code, 'driver.interface_missing', text.slice(-60));
    t.not(`${r.category}/${r.factor}`, 'config_error/file_not_found', text.slice(-60));
  }
  const orbbec = rulesOnly(() => readLog(USB_RELEASE_GONE));
  t.equal(`${orbbec.category}/${orbbec.factor}`, 'hardware_fault/sensor_fault', 'the camera gone while streaming');
});

t.test('a network or CAN interface without the device is still driver.interface_missing', async (t) => {
  for (const text of [CAN_INTERFACE_GONE, CAN_INTERFACE_GONE_LATER]) {
    t.ok(patternOf('driver.interface_missing').match.test(text), text.slice(0, 60));
    t.equal(rulesOnly(() => readLog(text)).code, 'driver.interface_missing', text.slice(0, 60));
  }
});

t.test("ur_client_library's bind failure glued to its retry is a port in use", async (t) => {
  const p = patternOf('config.port_in_use');
  t.ok(p.match.test(UR_BIND_GLUED), 'read');
  const r = rulesOnly(() => readLog(UR_BIND_GLUED));
  t.equal(r.code, 'config.port_in_use');
  t.equal(`${r.category}/${r.factor}`, 'config_error/invalid_config');
  t.match(ADDRESS_IN_USERS, /address already in use/i, 'the control has the words');
  t.notOk(p.match.test(ADDRESS_IN_USERS), '"in use" glued to another word than Retrying is not read');
  t.not(rulesOnly(() => readLog(ADDRESS_IN_USERS)).code, 'config.port_in_use');
});

t.test('hostile inputs for the changed alternatives', async (t) => {
  readsHostileRuns(
    t,
    [
      [
        'interface then libusb no-device repeated',
        `interface x ${'No such device (it may have been disconnected)'.repeat(300)}`,
        'driver.interface_missing',
      ],
      ['interface No such device ( repeated', `${'interface a No such device ('.repeat(500)}`, 'driver.interface_missing'],
      ['in useRetrying repeated', `Address already ${'in useRetrying '.repeat(800)}`, 'config.port_in_use'],
      ['Address already in useRetr repeated', `${'Address already in useRetr'.repeat(500)}`, 'config.port_in_use'],
      [
        'Could not load library then no symbol',
        `Could not load library libx.so ${'undefined symbo '.repeat(1500)}`,
        'import.native_lib',
      ],
      [
        "can't open camera by index repeated, the assertion far after",
        `VIDEOIO(V4L2:/dev/video0): ${"can't open camera by index ".repeat(1500)}${'x'.repeat(2100)} ${EMPTY_SRC_LINE}`,
        null,
      ],
    ],
    readWhole,
    2000,
  );
});
