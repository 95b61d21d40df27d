/**
 * Forms of robotics-28's misses that several projects print (issue 13, session 18):
 * - a ROS remapping or topic name that contains "throttled" (topic_tools' `…_throttled` topics,
 *   `pointcloud_throttled:=/…`) is a name, not a provider throttling the requests: rate.limit's
 *   Throttled/Throttling alternative no longer reads it inside an identifier or before `:=`/`/`;
 * - ArduPilot's ground station HUD form "Bad Compass Health" / "Bad GPS Health" (an arming check
 *   failing on that sensor) is the sensor (rule 1; robotics-28a and 28c, two sources);
 * - "Cannot open CAN device interface" / "Could not open CAN device" (eduart's drive, YARP's CAN
 *   drivers) is the CAN interface the host does not have (rule 3, file_not_found), unless the line
 *   says why it could not be opened (permission, busy);
 * - Python's math module message "math domain error" names a value outside the function's domain
 *   (runtime_error/value_error) even when the reporter quotes it without the ValueError class;
 * - PX4's "PX4 daemon already running for instance N": a second SITL vehicle started on an instance slot
 *   a running daemon holds, like a port already taken or a second master (rule 3, invalid_config);
 * - the linker's "undefined reference to `symbol'" is a version mismatch (rule 5 names an undefined symbol;
 *   the tuned labels: version_conflict 2, module_not_found 2, missing_native_lib none), also with the
 *   symbol in markdown bold (**`VCS_OpenSubDevice'**), unless the linker names a library it cannot find;
 * - the FTC SDK's OpMode watchdog ("OpMode stuck in loop(); Restarting robot controller app.") is a
 *   watchdog ending a method that did not return (rule 2 names watchdogs: hang_or_deadlock).
 * Texts written for these tests; each control contains the changed condition's words (asserted) and a
 * hostile-input run per new alternative.
 */
import t from 'tap';
import { useSecondOpinionModel } from '../src/index.js';
import { familyWithControls, patternOf, readLog, readsHostileRuns, readWhole } from './patterns-read.js';

// rate.limit's Throttled alternative as it stood before this change (it took the ROS remapping).
const THROTTLED_BEFORE = /(?<!\/)Throttl(?:ed|ing)(?! log\b)(?!\/)[^\n]{0,40}/i;

const ROS_REMAP_THROTTLED =
  '[firefly/nbvPlanner-10] process has died [pid 14015, exit code -11, cmd /home/u/ws/devel/lib/nbvplanner/nbvPlanner pointcloud_throttled:=/firefly/vi_sensor/points pose:=/firefly/pose __name:=nbvPlanner __log:=/home/u/.ros/log/nbvPlanner-10.log].';
const THROTTLED_TOPIC_NAME = '[ WARN] [1458572145.152]: No image received on /camera/rgb/image_throttled for 5 s';
const PROVIDER_THROTTLED = [
  'botocore.exceptions.ClientError: An error occurred: Request throttled by the service, retry in 20s',
  'WARNING: Throttled: too many requests from this key, backing off 4s',
];

familyWithControls(
  'a ROS name with "throttled" is not a provider throttling; a provider that says throttled still is',
  PROVIDER_THROTTLED.map((text) => [text, 'rate_limit/provider_rate_limit']),
  [
    [ROS_REMAP_THROTTLED, 'runtime_error/unhandled_exception'],
    [THROTTLED_TOPIC_NAME, '!rate_limit/provider_rate_limit'],
  ],
);

t.test('rate.limit: the identifier forms had the old words, the provider forms still match', async (t) => {
  const p = patternOf('rate.limit');
  for (const text of [ROS_REMAP_THROTTLED, THROTTLED_TOPIC_NAME]) {
    t.ok(THROTTLED_BEFORE.test(text), `the old alternative took it: ${text.slice(0, 50)}`);
    t.notOk(p.match.test(text), `an identifier, not a throttled request: ${text.slice(0, 50)}`);
    t.not(readLog(text).code, 'rate.limit', text.slice(0, 50));
  }
  for (const text of PROVIDER_THROTTLED) t.equal(readLog(text).code, 'rate.limit', text.slice(0, 50));
});

const BAD_COMPASS = 'Mission Planner keeps showing "Bad Compass Health" on the HUD and the copter will not arm.';
const BAD_GPS = 'When I plug in the battery the HUD says Bad GPS Health and arming fails, with 14 sats and hdop 0.7.';
// Controls that reach the new alternative: another pre-arm message names a setup step or the battery.
const BAD_COMPASS_UNCALIBRATED = 'HUD: Bad Compass Health\nPreArm: Compass not calibrated';
const BAD_GPS_BATTERY = 'HUD: Bad GPS Health\nPreArm: Battery 1 below minimum arming voltage';

familyWithControls(
  'the ground station\'s "Bad <sensor> Health" is the sensor failing its arming check (rule 1)',
  [
    [BAD_COMPASS, 'hardware_fault/sensor_fault'],
    [BAD_GPS, 'hardware_fault/sensor_fault'],
  ],
  [
    [BAD_COMPASS_UNCALIBRATED, 'config_error/invalid_config'],
    [BAD_GPS_BATTERY, 'hardware_fault/battery_low'],
  ],
);

t.test('Bad <sensor> Health is read by robot.preflight_sensor; the controls reach it and priority decides', async (t) => {
  const p = patternOf('robot.preflight_sensor');
  for (const text of [BAD_COMPASS, BAD_GPS]) t.equal(readLog(text).code, 'robot.preflight_sensor', text.slice(0, 50));
  useSecondOpinionModel(null);
  try {
    for (const text of [BAD_COMPASS_UNCALIBRATED, BAD_GPS_BATTERY]) {
      t.ok(/Bad \w{1,10} Health/.test(p.match.exec(text)?.[0] ?? ''), `reaches the new alternative: ${text.slice(0, 40)}`);
      t.not(readLog(text).code, 'robot.preflight_sensor', text.slice(0, 50));
    }
    t.equal(readLog(BAD_COMPASS_UNCALIBRATED).code, 'robot.prearm_config', 'the calibration step answers');
    t.equal(readLog(BAD_GPS_BATTERY).code, 'robot.battery_low', 'the battery answers');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

const CAN_CANNOT_OPEN =
  '[edu_drive_ros2_node-1] WARNING: Cannot open CAN device interface: CAN2\n[edu_drive_ros2_node-1] Can transmission error for command 2, returned -1 submitted bytes instead of 16';
const CAN_COULD_NOT_OPEN =
  '[ERROR] CanBusDriver.cpp:13 init(): Could not open CAN device of path: /dev/can0\nyarpdev: ***ERROR*** driver <bodybot> was found but could not open';
// Controls with the new alternative's words whose line says why the interface did not open.
const CAN_PERMISSION = '[ERROR] Could not open CAN device can0: Permission denied\nAdd your user to the dialout group';
const CAN_BUSY = 'socketcan: Failed to open CAN interface can0: Device or resource busy\nanother process holds the socket';

familyWithControls(
  'a CAN device the driver cannot open is the interface the host does not have (rule 3), unless the line says why',
  [
    [CAN_CANNOT_OPEN, 'config_error/file_not_found'],
    [CAN_COULD_NOT_OPEN, 'config_error/file_not_found'],
  ],
  [
    [CAN_PERMISSION, '!config_error/file_not_found'],
    [CAN_BUSY, '!config_error/file_not_found'],
  ],
);

t.test('CAN open failures are read by driver.interface_missing; a permission or busy reason keeps it out', async (t) => {
  const p = patternOf('driver.interface_missing');
  for (const text of [CAN_CANNOT_OPEN, CAN_COULD_NOT_OPEN])
    t.equal(readLog(text).code, 'driver.interface_missing', text.slice(0, 50));
  useSecondOpinionModel(null);
  try {
    for (const text of [CAN_PERMISSION, CAN_BUSY]) {
      t.match(text, /(?:Could not|Failed to) open CAN (?:device|interface)/, `has the words: ${text.slice(0, 50)}`);
      t.notOk(p.match.test(text), `the reason on the line keeps it out: ${text.slice(0, 50)}`);
      t.not(readLog(text).code, 'driver.interface_missing', text.slice(0, 50));
    }
  } finally {
    useSecondOpinionModel(undefined);
  }
});

const MATH_DOMAIN_PROSE =
  'When I run the self test for the UR5, I get a math domain error on line 128 coming from the asin function.';
// A control that reaches the new alternative: a later import error is what the run died of.
const MATH_DOMAIN_THEN_IMPORT =
  'warning: math domain error in acos, clamping to [-1, 1]\nTraceback (most recent call last):\n  File "run.py", line 3, in <module>\n    import numpy\nModuleNotFoundError: No module named \'numpy\'';

familyWithControls(
  'Python\'s "math domain error" without its class is a value outside the domain (value_error)',
  [[MATH_DOMAIN_PROSE, 'runtime_error/value_error']],
  [[MATH_DOMAIN_THEN_IMPORT, 'import_error/module_not_found']],
);

t.test('math domain error is read by rt.value_error; the control reaches it and the raised error decides', async (t) => {
  const p = patternOf('rt.value_error');
  t.equal(readLog(MATH_DOMAIN_PROSE).code, 'rt.value_error');
  t.ok(p.match.test(MATH_DOMAIN_THEN_IMPORT), 'the control reaches the regex');
  useSecondOpinionModel(null);
  try {
    t.not(readLog(MATH_DOMAIN_THEN_IMPORT).code, 'rt.value_error');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

const PX4_DAEMON_SITL =
  'INFO  [px4] PX4 daemon already running for instance 1 (Success)\n[uav1/sitl_uav1-3] process has died [pid 32212, exit code 255, cmd /ws/devel/lib/px4/px4 /ws/ROMFS/px4fmu_common -s etc/init.d-posix/rcS -i 1 -w sitl_uav1 __name:=sitl_uav1].';
const PX4_DAEMON_SHELL =
  '$ ./build/px4_sitl_default/bin/px4 -i 0\nINFO  [px4] PX4 daemon already running for instance 0 (Success)\n$ echo $?\n255';
// Controls that reach the new alternative: a raised error or a refused device after it is what failed.
const PX4_DAEMON_THEN_IMPORT =
  'INFO  [px4] PX4 daemon already running for instance 0 (Success)\nTraceback (most recent call last):\n  File "mission.py", line 3, in <module>\n    from mavsdk import System\nModuleNotFoundError: No module named \'mavsdk\'';
const PX4_DAEMON_THEN_PERMISSION =
  'INFO  [px4] PX4 daemon already running for instance 0 (Success)\nERROR [px4] Startup script returned with return value: 256\nFailed to open /dev/ttyACM0: Permission denied';

familyWithControls(
  "PX4's daemon already running for the instance is a slot another process holds (rule 3)",
  [
    [PX4_DAEMON_SITL, 'config_error/invalid_config'],
    [PX4_DAEMON_SHELL, 'config_error/invalid_config'],
  ],
  [
    [PX4_DAEMON_THEN_IMPORT, 'import_error/module_not_found'],
    [PX4_DAEMON_THEN_PERMISSION, 'auth_error/permission_denied'],
  ],
);

t.test('the PX4 daemon form is read by config.port_in_use; the controls reach it and the later error decides', async (t) => {
  const p = patternOf('config.port_in_use');
  for (const text of [PX4_DAEMON_SITL, PX4_DAEMON_SHELL]) t.equal(readLog(text).code, 'config.port_in_use', text.slice(0, 50));
  useSecondOpinionModel(null);
  try {
    for (const text of [PX4_DAEMON_THEN_IMPORT, PX4_DAEMON_THEN_PERMISSION]) {
      t.ok(p.match.test(text), `reaches the regex: ${text.slice(0, 50)}`);
      t.not(readLog(text).code, 'config.port_in_use', text.slice(0, 50));
    }
  } finally {
    useSecondOpinionModel(undefined);
  }
});

const LINK_BOLD =
  "/usr/bin/ld: /ws/devel/lib/libmaxon_epos_driver.so: undefined reference to **`VCS_OpenSubDevice'**\ncollect2: error: ld returned 1 exit status";
const LINK_PLAIN =
  "/usr/bin/ld: CMakeFiles/arm.dir/src/arm.cpp.o: in function `setup':\narm.cpp:(.text+0x41): undefined reference to `ServoEasing::ServoEasing(unsigned char)'\ncollect2: error: ld returned 1 exit status";
// A control that reaches the regex: the linker names the library it cannot find (unless keeps it out).
const LINK_LIB_MISSING =
  "/usr/bin/ld: cannot find -lEposCmd\n/usr/bin/ld: driver.cpp.o: undefined reference to `VCS_OpenDevice'\ncollect2: error: ld returned 1 exit status";

familyWithControls(
  'an undefined reference at the link step is a version mismatch (rule 5), unless the library itself is not found',
  [
    [LINK_BOLD, 'import_error/version_conflict'],
    [LINK_PLAIN, 'import_error/version_conflict'],
  ],
  [[LINK_LIB_MISSING, '!import_error/version_conflict']],
);

t.test('cpp.undefined_reference reads the bold symbol; the missing library reaches it and unless keeps it out', async (t) => {
  const p = patternOf('cpp.undefined_reference');
  if (!p.unless) throw new Error('cpp.undefined_reference has unless');
  for (const text of [LINK_BOLD, LINK_PLAIN]) t.equal(readLog(text).code, 'cpp.undefined_reference', text.slice(0, 50));
  useSecondOpinionModel(null);
  try {
    t.ok(p.match.test(LINK_LIB_MISSING) && p.unless.test(LINK_LIB_MISSING), 'reaches the regex, unless keeps it out');
    t.not(readLog(LINK_LIB_MISSING).code, 'cpp.undefined_reference');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

const FTC_STUCK_LOOP = 'Robot Status: running\nError: OpMode stuck in loop(); Restarting robot controller app.';
const FTC_STUCK_STOP =
  'Warning: User OpMode was stuck in stop(), but was able to be force stopped without restarting the app. Please make sure that stop() returns promptly.';
// Controls that reach the regex: the OpMode's own exception or the app's memory is what failed.
const FTC_STUCK_THEN_NPE =
  "OpMode stuck in init(); Restarting robot controller app.\nUser code threw an uncaught exception: NullPointerException - Attempt to invoke virtual method 'void com.qualcomm.robotcore.hardware.DcMotor.setPower(double)' on a null object reference";
const FTC_STUCK_THEN_OOM =
  'OpMode stuck in loop(); Restarting robot controller app.\njava.lang.OutOfMemoryError: Failed to allocate a 4194316 byte allocation with 1048576 free bytes';

familyWithControls(
  "the FTC SDK's OpMode watchdog is a hang (rule 2); an exception or memory named after it decides",
  [
    [FTC_STUCK_LOOP, 'timeout/hang_or_deadlock'],
    [FTC_STUCK_STOP, 'timeout/hang_or_deadlock'],
  ],
  [
    [FTC_STUCK_THEN_NPE, 'runtime_error/null_reference'],
    [FTC_STUCK_THEN_OOM, 'resource_error/host_oom'],
  ],
);

t.test('robot.opmode_stuck reads the watchdog; the controls reach it and priority decides', async (t) => {
  const p = patternOf('robot.opmode_stuck');
  for (const text of [FTC_STUCK_LOOP, FTC_STUCK_STOP]) t.equal(readLog(text).code, 'robot.opmode_stuck', text.slice(0, 50));
  useSecondOpinionModel(null);
  try {
    for (const text of [FTC_STUCK_THEN_NPE, FTC_STUCK_THEN_OOM]) {
      t.ok(p.match.test(text), `reaches the regex: ${text.slice(0, 50)}`);
      t.not(readLog(text).code, 'robot.opmode_stuck', text.slice(0, 50));
    }
  } finally {
    useSecondOpinionModel(undefined);
  }
});

t.test('hostile inputs for the new alternatives', async (t) => {
  readsHostileRuns(
    t,
    [
      ['_throttled:= repeated', `${'x_throttled:=/'.repeat(800)} 429`, 'rate.limit'],
      ['Throttled repeated', `${'Throttled '.repeat(1000)}`, 'rate.limit'],
      ['Bad Compass Health repeated', `PreArm: ${'Bad Compass Health '.repeat(600)}`, 'robot.preflight_sensor'],
      [
        'Bad Compass  repeated, no Health',
        `PreArm: compass health ${'Bad Compass '.repeat(1500)}Healt`,
        'robot.preflight_sensor',
      ],
      ['Cannot open CAN device repeated', `can0: ${'Cannot open CAN device '.repeat(500)}Permission`, 'driver.interface_missing'],
      ['PX4 daemon repeated', `${'PX4 daemon already running for instance '.repeat(400)}x`, 'config.port_in_use'],
      [
        'undefined reference to ** repeated',
        `collect2: error ${'undefined reference to **'.repeat(600)}`,
        'cpp.undefined_reference',
      ],
      ['OpMode stuck in repeated', `${'OpMode stuck in '.repeat(800)}loop(`, 'robot.opmode_stuck'],
      ['math domain error repeated', `ValueError ${'math domain error '.repeat(600)}`, 'rt.value_error'],
    ],
    readWhole,
    2000,
  );
});
