/**
 * Forms of robotics-28's misses that several projects print (issue 13, session 18):
 * - a ROS remapping or topic name that contains "throttled" (topic_tools' `…_throttled` topics,
 *   `pointcloud_throttled:=/…`) is a name, not a provider throttling the requests: rate.limit's
 *   Throttled/Throttling alternative no longer reads it after `_` or `/` or before `:=`/`/`
 *   (AWS's "Throttling: Rate exceeded" and CamelCase codes such as SubscriptionRequestsThrottled still read);
 * - ArduPilot's ground station HUD form "Bad Compass Health" / "Bad GPS Health" (an arming check
 *   failing on that sensor) is the sensor (rule 1; robotics-28a and 28c, two sources), unless a later
 *   line says the vehicle armed (the check cleared: a failsafe after it is the cause);
 * - "Cannot open CAN device interface" / "Could not open CAN device" (eduart's drive, YARP's CAN
 *   drivers) is the CAN interface the host does not have (rule 3, file_not_found), unless the line
 *   says why it could not be opened (permission in its wordings: EACCES, EPERM, not permitted, access
 *   denied; busy);
 * - Python's math module message "math domain error" names a value outside the function's domain
 *   (runtime_error/value_error) even when the reporter quotes it without the ValueError class, but not
 *   on a logged and handled warning (returning nan, clamping, skipping) when a later line names the failure;
 * - PX4's "PX4 daemon already running for instance N": a second SITL vehicle started on an instance slot
 *   a running daemon holds, like a port already taken or a second master (rule 3, invalid_config),
 *   unless PX4 later reports it came up ("Ready for takeoff");
 * - the linker's "undefined reference to `symbol'" is a version mismatch (rule 5 names an undefined symbol;
 *   the tuned labels: version_conflict 2, module_not_found 2, missing_native_lib none), also with the
 *   symbol in markdown bold (**`VCS_OpenSubDevice'**); when the linker names a library it cannot find
 *   (ld: cannot find -lX) it resolves to cpp.link_library_missing (rule 5: missing_native_lib);
 * - the FTC SDK's OpMode watchdog ("OpMode stuck in loop(); Restarting robot controller app.") is a
 *   watchdog ending a method that did not return (rule 2 names watchdogs: hang_or_deadlock), unless the
 *   SDK's HardwareMap "Unable to find a hardware device with name" names the missing device (rule 3).
 * Texts written for these tests; each control contains the changed condition's words (asserted) and a
 * hostile-input run per new alternative.
 */
import t from 'tap';
import { useSecondOpinionModel } from '../src/index.js';
import {
  familyWithControls,
  patternOf,
  readLog,
  readsHostileRuns,
  readWhole,
  symptomYieldsIn,
  warningOutlivedIn,
} from './patterns-read.js';

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

// Review finding 1: AWS's "Code: Message" (aws-sdk-go, Terraform, external-dns) and CamelCase service codes
// that contain Throttled are a provider throttling; only a snake_case name and a ROS remap `:=` are kept out.
const AWS_THROTTLING =
  'Error: error reading CloudFormation Stack (my-stack): Throttling: Rate exceeded\n\tstatus code: 400, request id: 6f1c2a';
const AZURE_THROTTLED =
  'Code="SubscriptionRequestsThrottled" Message="Number of \'read\' requests for subscription exceeded the limit of 12000 for time interval \'01:00:00\'."';
const BINANCE_THROTTLED = 'binance.client Throttled: backing off 12 s before next order';

t.test('rate.limit: "Throttling:" and CamelCase ...Throttled codes reach the Throttl alternative', async (t) => {
  const p = patternOf('rate.limit');
  for (const text of [AWS_THROTTLING, AZURE_THROTTLED, BINANCE_THROTTLED]) {
    t.match(p.match.exec(text)?.[0] ?? '', /^Throttl/i, `the match is the Throttl alternative: ${text.slice(0, 50)}`);
    const r = readLog(text);
    t.equal(r.code, 'rate.limit', text.slice(0, 50));
    t.equal(`${r.category}/${r.factor}`, 'rate_limit/provider_rate_limit', text.slice(0, 50));
  }
});

const BAD_COMPASS = 'Mission Planner keeps showing "Bad Compass Health" on the HUD and the copter will not arm.';
const BAD_GPS = 'When I plug in the battery the HUD says Bad GPS Health and arming fails, with 14 sats and hdop 0.7.';
// Controls that reach the new alternative: another pre-arm message names a setup step or the battery.
const BAD_COMPASS_UNCALIBRATED = 'HUD: Bad Compass Health\nPreArm: Compass not calibrated';
const BAD_GPS_BATTERY = 'HUD: Bad GPS Health\nPreArm: Battery 1 below minimum arming voltage';
// Review finding 3: the check cleared (the vehicle armed) and a failsafe ended the flight (rule 8).
const BAD_GPS_THEN_FAILSAFE = 'Bad GPS Health\nArmed\nRadio Failsafe - Disarming\nThrottle failsafe on';
const BAD_GPS_THEN_EKF_FAILSAFE =
  'PreArm: Bad GPS Health\nGPS 1: detected as u-blox at 115200 baud\nEKF3 IMU0 is using GPS\nArmed\nEKF failsafe\nCrash: Disarming';

familyWithControls(
  'the ground station\'s "Bad <sensor> Health" is the sensor failing its arming check (rule 1)',
  [
    [BAD_COMPASS, 'hardware_fault/sensor_fault'],
    [BAD_GPS, 'hardware_fault/sensor_fault'],
  ],
  [
    [BAD_COMPASS_UNCALIBRATED, 'config_error/invalid_config'],
    [BAD_GPS_BATTERY, 'hardware_fault/battery_low'],
    [BAD_GPS_THEN_FAILSAFE, 'hardware_fault/emergency_stop'],
    [BAD_GPS_THEN_EKF_FAILSAFE, 'hardware_fault/emergency_stop'],
  ],
);

t.test('a Bad GPS Health that cleared before an arm is kept out; the failsafe after it answers', async (t) => {
  const p = patternOf('robot.preflight_sensor');
  const cleared = (text: string) => warningOutlivedIn('robot.preflight_sensor', text);
  useSecondOpinionModel(null);
  try {
    for (const text of [BAD_GPS_THEN_FAILSAFE, BAD_GPS_THEN_EKF_FAILSAFE]) {
      t.match(p.match.exec(text)?.[0] ?? '', /^Bad GPS Health/, `reaches the new alternative: ${text.slice(0, 40)}`);
      t.ok(cleared(text), `the later arm keeps it out: ${text.slice(0, 40)}`);
      const r = readLog(text);
      t.equal(r.code, 'robot.failsafe', text.slice(0, 40));
      t.equal(`${r.category}/${r.factor}`, 'hardware_fault/emergency_stop', text.slice(0, 40));
    }
    for (const text of [BAD_COMPASS, BAD_GPS]) t.notOk(cleared(text), `no arm, the sensor stays: ${text.slice(0, 40)}`);
  } finally {
    useSecondOpinionModel(undefined);
  }
});

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
// Review finding 2: other wordings of a refused open (rule 3: permission refused is auth_error/permission_denied).
const CAN_REFUSED = [
  '[ERROR] Failed to open CAN interface can0: Operation not permitted',
  'Unable to open CAN device can0 (EACCES)',
  'Failed to open CAN device vcan0: EPERM',
  'Unable to open CAN device can0: permission denied',
];
// The new alternative without its guard: the controls have its words.
const CAN_OPEN_UNGUARDED = /(?:Cannot|Could not|Unable to|Failed to) open CAN (?:device|interface)\b/;

familyWithControls(
  'a CAN device the driver cannot open is the interface the host does not have (rule 3), unless the line says why',
  [
    [CAN_CANNOT_OPEN, 'config_error/file_not_found'],
    [CAN_COULD_NOT_OPEN, 'config_error/file_not_found'],
  ],
  [
    [CAN_PERMISSION, '!config_error/file_not_found'],
    [CAN_BUSY, '!config_error/file_not_found'],
    ...CAN_REFUSED.map((text): [string, string] => [text, 'auth_error/permission_denied']),
  ],
);

t.test('a CAN open refused for permission, in any wording, is kept out of driver.interface_missing', async (t) => {
  const p = patternOf('driver.interface_missing');
  useSecondOpinionModel(null);
  try {
    for (const text of CAN_REFUSED) {
      t.ok(CAN_OPEN_UNGUARDED.test(text), `reaches the alternative's words: ${text.slice(0, 50)}`);
      t.notOk(p.match.test(text), `the guard keeps it out: ${text.slice(0, 50)}`);
      const r = readLog(text);
      t.equal(`${r.category}/${r.factor}`, 'auth_error/permission_denied', text.slice(0, 50));
    }
  } finally {
    useSecondOpinionModel(undefined);
  }
});

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
  'error: math domain error in acos\nTraceback (most recent call last):\n  File "run.py", line 3, in <module>\n    import numpy\nModuleNotFoundError: No module named \'numpy\'';

// Review finding 5: a logged and handled warning is not the headline when a later line names the failure.
const MATH_DOMAIN_WARNING_THEN_NAN =
  'WARNING: math domain error in acos, returning nan\nEpoch 3: loss = nan\nLoss is NaN, stopping training';
const MATH_DOMAIN_SKIPPED_THEN_NAN =
  '[WARN] ik: math domain error for target (1.2, 0.4), skipping\n[ERROR] joint_states: position of joint_2 is NaN';
const MATH_DOMAIN_CLAMPED_THEN_SEGV =
  'math domain error in asin, clamping\n[controller-2] process has died [pid 123, exit code -11, cmd /ws/lib/ctl/controller __name:=controller].';
const MATH_DOMAIN_HANDLED = [MATH_DOMAIN_WARNING_THEN_NAN, MATH_DOMAIN_SKIPPED_THEN_NAN, MATH_DOMAIN_CLAMPED_THEN_SEGV];

familyWithControls(
  'Python\'s "math domain error" without its class is a value outside the domain (value_error)',
  [[MATH_DOMAIN_PROSE, 'runtime_error/value_error']],
  [
    [MATH_DOMAIN_THEN_IMPORT, 'import_error/module_not_found'],
    [MATH_DOMAIN_WARNING_THEN_NAN, 'data_error/nan_or_inf'],
    [MATH_DOMAIN_SKIPPED_THEN_NAN, 'data_error/nan_or_inf'],
    [MATH_DOMAIN_CLAMPED_THEN_SEGV, 'runtime_error/unhandled_exception'],
  ],
);

t.test('math domain error is read by rt.value_error; the control reaches it and the raised error decides', async (t) => {
  const p = patternOf('rt.value_error');
  t.equal(readLog(MATH_DOMAIN_PROSE).code, 'rt.value_error');
  t.ok(p.match.test(MATH_DOMAIN_THEN_IMPORT), 'the control reaches the regex');
  useSecondOpinionModel(null);
  try {
    t.not(readLog(MATH_DOMAIN_THEN_IMPORT).code, 'rt.value_error');
    for (const text of MATH_DOMAIN_HANDLED) {
      t.match(text, /\bmath domain error\b/, `has the words: ${text.slice(0, 40)}`);
      t.notOk(p.match.test(text), `a handled warning is kept out: ${text.slice(0, 40)}`);
    }
    t.equal(readLog(MATH_DOMAIN_WARNING_THEN_NAN).code, 'data.nan', 'the NaN loss answers');
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
// Review finding 6: the stale daemon was killed and PX4 came up; the later crash is the failure (rule 6).
const PX4_DAEMON_THEN_OK_THEN_SEGV =
  'INFO  [px4] PX4 daemon already running for instance 0 (Success)\n$ pkill px4\n$ make px4_sitl gazebo\nINFO  [px4] startup script: /bin/sh etc/init.d-posix/rcS 0\nINFO  [commander] Ready for takeoff!\n[Err] [gazebo_mavlink_interface.cpp:1194] Segmentation fault (core dumped)';
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
    [PX4_DAEMON_THEN_OK_THEN_SEGV, 'runtime_error/unhandled_exception'],
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
    t.match(PX4_DAEMON_THEN_OK_THEN_SEGV, /PX4 daemon already running for instance \d/, 'has the words');
    t.ok(p.match.test(PX4_DAEMON_THEN_OK_THEN_SEGV), 'reaches the regex');
    t.ok(warningOutlivedIn('config.port_in_use', PX4_DAEMON_THEN_OK_THEN_SEGV), 'PX4 came up after it: kept out');
    for (const text of [PX4_DAEMON_SITL, PX4_DAEMON_SHELL])
      t.notOk(
        warningOutlivedIn('config.port_in_use', text),
        `the process that died of it is its consequence: ${text.slice(-30)}`,
      );
    t.not(readLog(PX4_DAEMON_THEN_OK_THEN_SEGV).code, 'config.port_in_use');
  } finally {
    useSecondOpinionModel(undefined);
  }
});

const LINK_BOLD =
  "/usr/bin/ld: /ws/devel/lib/libmaxon_epos_driver.so: undefined reference to **`VCS_OpenSubDevice'**\ncollect2: error: ld returned 1 exit status";
const LINK_PLAIN =
  "/usr/bin/ld: CMakeFiles/arm.dir/src/arm.cpp.o: in function `setup':\narm.cpp:(.text+0x41): undefined reference to `ServoEasing::ServoEasing(unsigned char)'\ncollect2: error: ld returned 1 exit status";
// A control that reaches the regex: the linker names the library it cannot find (resolved to
// cpp.link_library_missing: rule 5's missing_native_lib; review finding 4).
const LINK_LIB_MISSING =
  "/usr/bin/ld: cannot find -lEposCmd\n/usr/bin/ld: driver.cpp.o: undefined reference to `VCS_OpenDevice'\ncollect2: error: ld returned 1 exit status";

const LINK_LIB_MISSING_GOLD =
  "/usr/bin/ld.gold: error: cannot find -lEposCmd\n/usr/bin/ld: driver.cpp.o: undefined reference to `VCS_OpenDevice'\ncollect2: error: ld returned 1 exit status";

familyWithControls(
  'an undefined reference at the link step is a version mismatch (rule 5), unless the library itself is not found',
  [
    [LINK_BOLD, 'import_error/version_conflict'],
    [LINK_PLAIN, 'import_error/version_conflict'],
  ],
  [
    [LINK_LIB_MISSING, 'import_error/missing_native_lib'],
    [LINK_LIB_MISSING_GOLD, 'import_error/missing_native_lib'],
  ],
);

t.test(
  'cpp.undefined_reference reads the bold symbol; a missing library reaches it and resolves to missing_native_lib',
  async (t) => {
    const p = patternOf('cpp.undefined_reference');
    for (const text of [LINK_BOLD, LINK_PLAIN]) t.equal(readLog(text).code, 'cpp.undefined_reference', text.slice(0, 50));
    useSecondOpinionModel(null);
    try {
      for (const text of [LINK_LIB_MISSING, LINK_LIB_MISSING_GOLD]) {
        t.ok(p.match.test(text), `reaches the regex: ${text.slice(0, 40)}`);
        const r = readLog(text);
        t.equal(r.code, 'cpp.link_library_missing', text.slice(0, 40));
        t.equal(`${r.category}/${r.factor}`, 'import_error/missing_native_lib', text.slice(0, 40));
      }
    } finally {
      useSecondOpinionModel(undefined);
    }
  },
);

const FTC_STUCK_LOOP = 'Robot Status: running\nError: OpMode stuck in loop(); Restarting robot controller app.';
const FTC_STUCK_STOP =
  'Warning: User OpMode was stuck in stop(), but was able to be force stopped without restarting the app. Please make sure that stop() returns promptly.';
// Controls that reach the regex: the OpMode's own exception or the app's memory is what failed.
const FTC_STUCK_THEN_NPE =
  "OpMode stuck in init(); Restarting robot controller app.\nUser code threw an uncaught exception: NullPointerException - Attempt to invoke virtual method 'void com.qualcomm.robotcore.hardware.DcMotor.setPower(double)' on a null object reference";
const FTC_STUCK_THEN_OOM =
  'OpMode stuck in loop(); Restarting robot controller app.\njava.lang.OutOfMemoryError: Failed to allocate a 4194316 byte allocation with 1048576 free bytes';

// Review finding 7: the SDK's HardwareMap message before the watchdog names a configured device that does
// not exist (rule 3: config_error/invalid_config); the watchdog is its consequence.
const FTC_NO_DEVICE_THEN_STUCK = [
  'Unable to find a hardware device with name "left_drive" and type DcMotor\nOpMode stuck in init(); Restarting robot controller app.',
  'Unable to find a hardware device with name "left_drive" and type DcMotor\nUser OpMode was stuck in stop(), but was able to be force stopped without restarting the app.',
];

familyWithControls(
  "the FTC SDK's OpMode watchdog is a hang (rule 2); an exception or memory named after it decides",
  [
    [FTC_STUCK_LOOP, 'timeout/hang_or_deadlock'],
    [FTC_STUCK_STOP, 'timeout/hang_or_deadlock'],
  ],
  [
    [FTC_STUCK_THEN_NPE, 'runtime_error/null_reference'],
    [FTC_STUCK_THEN_OOM, 'resource_error/host_oom'],
    ...FTC_NO_DEVICE_THEN_STUCK.map((text): [string, string] => [text, 'config_error/invalid_config']),
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
    if (!p.yieldsTo) throw new Error('robot.opmode_stuck yields to the missing device');
    for (const text of FTC_NO_DEVICE_THEN_STUCK) {
      t.ok(
        p.match.test(text) && symptomYieldsIn('robot.opmode_stuck', text),
        `reaches the regex, the symptom step keeps it out: ${text.slice(0, 40)}`,
      );
      const r = readLog(text);
      t.equal(`${r.category}/${r.factor}`, 'config_error/invalid_config', text.slice(0, 40));
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
      ['warning math domain error repeated', `${'warning math domain error '.repeat(600)}`, 'rt.value_error'],
      ['PX4 daemon N repeated', `${'PX4 daemon already running for instance 0\n'.repeat(400)}Ready for`, 'config.port_in_use'],
      ['Bad GPS Health then newlines', `${'Bad GPS Health\n'.repeat(800)}Arme`, 'robot.preflight_sensor'],
      ['Throttling: repeated', `${'Throttling: '.repeat(1000)}`, 'rate.limit'],
    ],
    readWhole,
    2000,
  );
});
