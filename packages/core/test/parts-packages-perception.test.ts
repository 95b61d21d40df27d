/**
 * Package messages of perception and mapping software (tables/packages/perception.ts): gflags'
 * command-line errors, RTAB-Map and its ROS nodes, the Azure Kinect SDK, spconv, OpenPCDet and
 * MetaDrive. A failure text that shows one of these packages' own messages, and that no pattern
 * reads, is named by the message. The lines are written for these tests in the shapes the
 * packages print them (gflags' "ERROR: " lines, RTAB-Map's ULogger prefix, the SDK's spdlog
 * prefix, a ROS 2 prefix, a Python traceback's last line), values filled in; none is taken from
 * the labelled sets. Each control is a near line that is not the message.
 */
import t from 'tap';
import { anchorOf } from '../src/patterns/parts/messages.js';
import { PERCEPTION } from '../src/patterns/parts/tables/packages/perception.js';
import { familyByPackage, readLog } from './patterns-read.js';

t.test('the table covers every package of the family', async (t) => {
  const packages = new Set(PERCEPTION.map((m) => m.pkg));
  for (const pkg of [
    'gflags',
    'rtabmap',
    'rtabmap_ros',
    'k4a',
    'rs_driver',
    'rslidar_sdk',
    'ouster-sdk',
    'spconv',
    'pcdet',
    'metadrive',
  ]) {
    t.ok(packages.has(pkg), `${pkg} has messages`);
  }
});

familyByPackage(
  'gflags: command-line flag errors',
  [
    ["ERROR: unknown command line flag 'logtostderr'", 'config_error/invalid_config'],
    ["./build/bin/run_euroc\nERROR: illegal value '1O' specified for int32 flag 'num_threads'", 'config_error/invalid_config'],
    [
      "ERROR: flag '--calib_file' is missing its argument; flag description: camera calibration file",
      'config_error/invalid_config',
    ],
    ['ERROR: --vocabulary must be set on the commandline (default value fails validation)', 'config_error/invalid_config'],
    ['ERROR: FLAGS_port not found in environment', 'config_error/missing_env_var'],
    [
      "ERROR: flag 'v' was defined more than once (in files 'src/vlog_is_on.cc' and '/tmp/glog/src/vlog_is_on.cc').",
      'import_error/version_conflict',
    ],
  ],
  [
    ['WARNING: Logging before InitGoogleLogging() is written to STDERR', '!config_error/invalid_config'],
    ["--flagfile=run.flags: reading flag 'logtostderr'", 'unknown/unknown'],
  ],
);

familyByPackage(
  'RTAB-Map and rtabmap_ros',
  [
    [
      '[ERROR] (2026-01-05 10:00:00.123) Rtabmap.cpp:1409::process() RGB-D SLAM mode is enabled, memory is incremental but no odometry is provided. Image 12 is ignored!',
      'config_error/invalid_config',
    ],
    [
      '[ERROR] (2026-01-05 10:00:00.200) Memory.cpp:5101::createSignature() No camera calibration found, calibrate your camera!',
      'config_error/invalid_config',
    ],
    [
      '[ERROR] (2026-01-05 10:00:00.300) DBDriverSqlite3.cpp:436::connectDatabaseQuery() Opened database version (0.21.6) is more recent than rtabmap installed version (0.20.23). Please update rtabmap to new version!',
      'import_error/version_conflict',
    ],
    [
      '[ERROR] (2026-01-05 10:00:00.400) Memory.cpp:5133::createSignature() Id of acquired image (3) is smaller than the last in memory (120). Please set parameter Mem/GenerateIds to "true" or make sure the input source provides image ids (seq) over the last in memory, which is 120.',
      'config_error/invalid_config',
    ],
    [
      '[ERROR] (2026-01-05 10:00:00.500) CameraModel.cpp:389::load() Error reading calibration file "/root/calib/cam.yaml": OpenCV(4.5.4) ./modules/core/src/persistence.cpp:2076: error: (-212:Parsing error) cam.yaml(0): Valid XML should start with \'<?xml ...?>\' in function \'parseBase\' (Make sure the first line of the yaml file is "%YAML:1.0")',
      'syntax_error/yaml_syntax',
    ],
    [
      '[rtabmap-2] [ERROR] [1767600000.100000000] [rtabmap]: rtabmap: Directory /root/maps doesn\'t exist! Cannot load database "/root/maps/rtabmap.db"',
      'config_error/file_not_found',
    ],
    [
      '[stereo_odometry-1] [ERROR] [1767600000.200000000] [stereo_odometry]: The stereo baseline (-0.120000) should be positive (baseline=-Tx/fx). We assume a horizontal left/right stereo setup',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      '[rtabmap-2] [INFO] [1767600000.100000000] [rtabmap]: rtabmap: Database version = "0.21.6".',
      '!import_error/version_conflict',
    ],
    [
      '[rgbd_odometry-1] [INFO] [1767600000.1] [rgbd_odometry]: Odom: quality=120, std dev=0.012m|0.010rad, update time=0.03s',
      'unknown/unknown',
    ],
  ],
);

familyByPackage(
  'Azure Kinect Sensor SDK',
  [
    [
      '[2026-01-05 10:00:00.495] [critical] [t=4242] /__w/1/s/extern/Azure-Kinect-Sensor-SDK/src/usbcommand/usbcommand.c (365): usb_cmd_create(). libusb device(s) are all unavalable. Is the device being used by another application?',
      'auth_error/permission_denied',
    ],
    [
      '[2026-01-05 10:00:01.100] [error] [t=4242] /__w/1/s/extern/Azure-Kinect-Sensor-SDK/src/deloader/deloader.cpp (74): deloader_init_once(). Failed to Load Depth Engine Plugin (depthengine). Depth functionality will not work',
      'import_error/missing_native_lib',
    ],
    [
      '[2026-01-05 10:00:01.200] [error] [t=4243] /__w/1/s/extern/Azure-Kinect-Sensor-SDK/src/dewrapper/dewrapper.c (157): depth_engine_start_helper(). OpenGL 4.4 context creation failed. You could try updating your graphics drivers.',
      'import_error/missing_native_lib',
    ],
  ],
  [
    [
      '[2026-01-05 10:00:00.100] [info] [t=4242] /src/sdk/k4a.c (120): k4a_device_open(). Opened device 000123456789',
      'unknown/unknown',
    ],
  ],
);

familyByPackage(
  'spconv, OpenPCDet and MetaDrive',
  [
    [
      'Traceback (most recent call last):\n  File "tools/train.py", line 210, in <module>\n    main()\nValueError: your out spatial shape [0, 100, 88] reach zero!!! input shape: [1, 400, 352]',
      'config_error/invalid_config',
    ],
    [
      'Traceback (most recent call last):\n  File "tools/train.py", line 85, in main\n    assert args.batch_size % total_gpus == 0, \'Batch size should match the number of gpus\'\nAssertionError: Batch size should match the number of gpus',
      'config_error/invalid_config',
    ],
    ['AssertionError: gt_boxes should be provided for training', 'data_error/missing_field'],
    [
      "KeyError: \"'use_rendr' does not exist in existing config. Please use config.update(...) to update the config. Existing keys: dict_keys(['use_render', 'horizon']).\"",
      'config_error/invalid_config',
    ],
    [
      'ValueError: Current MetaDrive instance is broken. Please make sure there is only one active MetaDrive environment exists in one process. You can try to call env.close() and then call env.reset() to rescue this environment.',
      'validation_error/forbidden_operation',
    ],
  ],
  [
    ['ValueError: your input shape [1, 400, 352] is not supported', '!config_error/invalid_config'],
    ["KeyError: 'use_render'", '!config_error/invalid_config'],
  ],
);

familyByPackage(
  'RoboSense and Ouster lidar SDKs',
  [
    ['[rslidar_sdk_node-1] \x1b[1;31mWrong lidar type: RSHELIOS_32\x1b[0m', 'config_error/invalid_config'],
    [
      '[rslidar_sdk_node-1] The format of config file /root/ws/src/rslidar_sdk/config/config.yaml is wrong. Please check (e.g. indentation).',
      'syntax_error/yaml_syntax',
    ],
    ['[rslidar_sdk_node-1] lidar : Cannot find subnode driver. Aborting!!!', 'config_error/invalid_config'],
    ["RuntimeError: Could not resolve address 'os-122233000444.local' for sensor.", 'network_error/dns_failure'],
    [
      "RuntimeError: Sensor's lidar port 7502 does not match provided lidar port but you have disallowed reinitialization. Drop -x to allow reinitialization or change your specified lidar_port to 7502.",
      'config_error/invalid_config',
    ],
  ],
  [
    ['[rslidar_sdk_node-1] ------------------------------------------------------', 'unknown/unknown'],
    ['INFO: Opening port: 7502', '!hardware_fault/sensor_fault'],
  ],
);

/**
 * Near lines (review 19): each holds the anchor of a message the table has or had, so the table is
 * asked (asserted first), and each is not that message's old reading: warnings the packages print
 * and carry on after, a transient wait, a message a pattern reads, another library's casing.
 */
t.test('near lines reach the table and are not its reading', async (t) => {
  const reaches = (text: string, says: string) =>
    t.ok(text.toLowerCase().includes(anchorOf(says) ?? '\0'), `reaches the anchor of "${says}": ${text.slice(0, 60)}`);
  const inTable = (says: string) => PERCEPTION.some((m) => m.says === says);
  const pair = (text: string) => {
    const r = readLog(text);
    return `${r.category}/${r.factor}`;
  };
  // rs_driver resets wait_for_difop itself and goes on (decoder_mech.hpp): the crash or the silence after it is the failure.
  const difop = 'wait_for_difop cannot be true when config_from_file is true.';
  t.notOk(inTable(difop), 'no entry for the wait_for_difop warning');
  const warned = '[rslidar_sdk_node-1] wait_for_difop cannot be true when config_from_file is true. reset it to be false.\n';
  const died = `${warned}[rslidar_sdk_node-1] process has died [pid 4242, exit code -11]`;
  reaches(died, difop);
  t.not(pair(died), 'config_error/invalid_config', 'the warning and a crash: not a config error');
  const silent = `${warned}[rslidar_sdk_node-1] ERROR: No packets received in timeout.`;
  reaches(silent, difop);
  t.not(pair(silent), 'config_error/invalid_config', 'the warning and no packets: not a config error');
  // MetaDrive's log_once warning (base_env.py): render() returns None and the run goes on.
  const panda = "Panda Rendering is off now, can not render. Please set config['use_render'] = True!";
  t.notOk(inTable(panda), 'no entry for the Panda Rendering warning');
  const segv = `WARNING:metadrive:${panda}\nSegmentation fault (core dumped)`;
  reaches(segv, panda);
  t.equal(pair(segv), 'runtime_error/unhandled_exception', 'the warning and a segfault: the crash');
  // rtabmap_ros buffers until the IMU catches up (OdometryROS.cpp): a transient wait, not a setting.
  const imu = 'Make sure IMU is published faster than data rate! (last image/scan stamp={} and imu buffer is empty).';
  t.notOk(inTable(imu), 'no entry for the IMU buffering line');
  const buffering =
    '[rgbd_odometry-1] [ERROR] [1.0] [rgbd_odometry]: Make sure IMU is published faster than data rate! (last image/scan stamp=1767600000.100000 and imu buffer is empty). Buffering the image/scan until an imu with same or greater stamp is received.';
  reaches(buffering, imu);
  t.not(pair(buffering), 'config_error/invalid_config', 'the IMU buffering line');
  // ouster's initialization timeout: the sensor-timeout pattern reads it (its pair is that pattern's), not the table.
  const init = 'A timeout occurred while waiting for the sensor to initialize.';
  t.notOk(inTable(init), 'no entry for the ouster initialization timeout');
  const initLine = `RuntimeError: ${init}`;
  reaches(initLine, init);
  t.not(readLog(initLine).code, 'parts.package', 'a pattern reads the ouster timeout');
  // absl prints "Unknown" capitalised: gflags' entry matches its own case only.
  const flag = "ERROR: unknown command line flag '{}'";
  t.ok(inTable(flag), "gflags' unknown flag is in the table");
  const absl = "absl flags: ERROR: Unknown command line flag 'foo'";
  reaches(absl, flag);
  t.not(readLog(absl).code, 'parts.package', "absl's capitalised line is not gflags' message");
  // rs_driver's "Unsupported lidar model:" comes of the packets' lidar_mode (decoder_RSAIRY.hpp), not a setting named so.
  const model = PERCEPTION.find((m) => m.says === 'Unsupported lidar model:{}');
  t.match(model?.meaning.what ?? '', /packets report/, 'the lidar model is the one the packets report');
});
