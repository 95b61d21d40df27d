/**
 * Package messages of 3D perception libraries and sensor SDKs (tables/packages/sensor-sdks.ts):
 * Open3D, the ZED wrapper and pyzed, the Livox SDK2 and livox_ros_driver2, pypylon, mmdet3d and
 * Cartographer. A failure text that shows one of these packages' own messages, and that no pattern
 * reads, is named by the message. The lines are written for these tests in the shapes the packages
 * print them (Open3D's "[Open3D WARNING]" and "[Open3D Error] (function) file:line:" prefixes, a ROS 2
 * prefix, the Livox SDK's spdlog prefix, a genicam exception, a Python traceback's last line, glog's
 * prefix), values filled in; none is taken from the labelled sets. Each control is a near line that
 * is not the message.
 */
import t from 'tap';
import { anchorOf } from '../src/patterns/parts/messages.js';
import { SENSOR_SDKS } from '../src/patterns/parts/tables/packages/sensor-sdks.js';
import { familyByPackage, readLog, rulesOnly } from './patterns-read.js';

t.test('the table covers every package of the family', async (t) => {
  const packages = new Set(SENSOR_SDKS.map((m) => m.pkg));
  for (const pkg of [
    'open3d',
    'zed_wrapper',
    'pyzed',
    'livox-sdk2',
    'livox_ros_driver2',
    'pypylon',
    'mmdet3d',
    'mmengine',
    'cartographer',
  ]) {
    t.ok(packages.has(pkg), `${pkg} has messages`);
  }
});

familyByPackage(
  'Open3D',
  [
    ['[Open3D WARNING] Read PCD failed: unable to parse header.', 'data_error/corrupt_input'],
    ['$ python fuse.py scans/\n[Open3D WARNING] [ReadPCDHeader] Bad PCD file format.', 'data_error/corrupt_input'],
    ['[Open3D WARNING] Read PLY failed: number of vertex <= 0.', 'data_error/empty_input'],
    ['[Open3D WARNING] Write PLY failed: point cloud has 0 points.', 'data_error/empty_input'],
    ['$ python icp.py\n[Open3D WARNING] [KDTreeFlann::SetRawData] Failed due to no data.', 'data_error/empty_input'],
    [
      'RuntimeError: [Open3D Error] (std::shared_ptr<open3d::geometry::PointCloud> open3d::geometry::TriangleMesh::SamplePointsUniformly(size_t, bool) const) /root/Open3D/cpp/open3d/geometry/TriangleMesh.cpp:523: Input mesh has no triangles.',
      'data_error/empty_input',
    ],
    ['$ python view.py cloud.pcd\n[Open3D WARNING] Failed to create window', 'import_error/missing_native_lib'],
    [
      'Traceback (most recent call last):\n  File "register.py", line 40, in <module>\n    fpfh = o3d.pipelines.registration.compute_fpfh_feature(pcd, param)\nRuntimeError: [Open3D Error] (static Eigen::MatrixXd open3d::pipelines::registration::ComputeFPFHFeature(const open3d::geometry::PointCloud&, const open3d::geometry::KDTreeSearchParam&)) /root/Open3D/cpp/open3d/pipelines/registration/Feature.cpp:154: Failed because input point cloud has no normal.',
      'data_error/missing_field',
    ],
    [
      "RuntimeError: [Open3D Error] (std::tuple<Eigen::Matrix<double, 4, 1>, std::vector<long unsigned int> > open3d::geometry::PointCloud::SegmentPlane(double, int, int, std::optional<int>) const) /root/Open3D/cpp/open3d/geometry/PointCloudSegmentation.cpp:175: There must be at least 'ransac_n' points.",
      'data_error/empty_input',
    ],
    [
      'RuntimeError: [Open3D Error] (std::shared_ptr<open3d::geometry::PointCloud> open3d::geometry::PointCloud::VoxelDownSample(double) const) /root/Open3D/cpp/open3d/geometry/PointCloud.cpp:370: voxel_size <= 0.',
      'validation_error/invalid_argument',
    ],
    [
      'RuntimeError: [Open3D Error] (void open3d::core::cuda::AssertCUDADeviceAvailable(int)) /root/Open3D/cpp/open3d/core/CUDAUtils.cpp:96: -DBUILD_CUDA_MODULE=OFF. Please build with -DBUILD_CUDA_MODULE=ON to use CUDA device.',
      'import_error/version_conflict',
    ],
    [
      'python azure_kinect_recorder.py --config cfg.json\n[Open3D INFO] Initializing Azure Kinect camera\nRuntimeError: [Open3D Error] (bool open3d::io::AzureKinectSensor::Connect(size_t)) /root/Open3D/cpp/open3d/io/sensor/azure_kinect/AzureKinectSensor.cpp:231: No devices connected.',
      'hardware_fault/sensor_fault',
    ],
    [
      "RuntimeError: [Open3D Error] (void open3d::core::cuda::AssertCUDADeviceAvailable(int)) /root/Open3D/cpp/open3d/core/CUDAUtils.cpp:90: Invalid CUDA Device 'CUDA:1'. Device ID expected to be between 0 to 0, but got 1.",
      'config_error/invalid_config',
    ],
  ],
  [
    ['[Open3D INFO] Read PCD: 12000 points.', 'unknown/unknown'],
    ['[Open3D WARNING] Write PLY: point cloud has 0 normals, writing points only', '!data_error/empty_input'],
  ],
);

familyByPackage(
  'ZED ROS 2 wrapper and pyzed',
  [
    [
      '[component_container_isolated-1] [ERROR] [1767600000.100000000] [zed.zed_node]: This version of the ZED ROS2 wrapper is designed to work with ZED SDK v4.2 or newer up to v5.1.',
      'import_error/version_conflict',
    ],
    [
      '[component_container_isolated-1] [ERROR] [1767600000.100000000] [zed.zed_node]: Camera model ZED X is available only with NVIDIA Jetson devices.',
      'config_error/invalid_config',
    ],
    [
      '[component_container_isolated-1] [ERROR] [1767600000.100000000] [zed.zed_node]: ZED X Driver failure: ZED X DRIVER FAILURE. Please verify that the ZED drivers are correctly installed.',
      'import_error/missing_native_lib',
    ],
    [
      "[component_container_isolated-1] [ERROR] [1767600000.100000000] [zed.zed_node]: If you are using a custom OpenCV calibration file, please check the correctness of the path of the calibration file in the parameter 'general.optional_opencv_calibration_file': '/root/calib/zed.yaml'.",
      'config_error/file_not_found',
    ],
    [
      '[component_container_isolated-1] [ERROR] [1767600000.100000000] [zed.zed_node]: The SVO contains 300 frames. The requested starting frame (450) is invalid.',
      'config_error/invalid_config',
    ],
    [
      "[component_container_isolated-1] [ERROR] [1767600000.100000000] [zed.zed_node]: The parameter 'object_detection.custom_onnx_file' is empty. Please check the value in the YAML file.",
      'config_error/invalid_config',
    ],
    [
      'Traceback (most recent call last):\n  File "depth_gpu.py", line 22, in <module>\n    mat = sl.Mat(memory_type=sl.MEM.GPU)\nRuntimeError: Cupy is not available. Please install it to use GPU memory, or use CPU memory instead.',
      'import_error/module_not_found',
    ],
    ['Error: ZED SDK not found at /usr/local/zed. You must install the ZED SDK.', 'import_error/missing_native_lib'],
  ],
  [
    ['[component_container_isolated-1] [INFO] [1767600000.100000000] [zed.zed_node]:  * Camera model: ZED X', 'unknown/unknown'],
    ['ZED SDK Version: OK', 'unknown/unknown'],
  ],
);

familyByPackage(
  'Livox SDK2 and livox_ros_driver2',
  [
    [
      '[livox_ros_driver2_node-1] [2026-01-05 10:00:00.100] [console] [error] Add command channel faileld, can not create socket, the ip 192.168.1.50 port 56000 ',
      'config_error/invalid_config',
    ],
    [
      '[livox_ros_driver2_node-1] [2026-01-05 10:00:00.100] [console] [error] The host address and lidar address are on different network segments, the host_ip:192.168.2.50, lidar_ip:192.168.1.12',
      'config_error/invalid_config',
    ],
    [
      '[livox_ros_driver2_node-1] [2026-01-05 10:00:00.100] [console] [error] Params check failed, lidar ip conflict, the liar ip:192.168.1.12',
      'config_error/invalid_config',
    ],
    [
      '[2026-01-05 10:00:00.100] [console] [error] Params check failed, lidar ip conflict the lidar ip:192.168.1.12',
      'config_error/invalid_config',
    ],
    [
      '[2026-01-05 10:00:00.100] [console] [error] Parse lidar config failed, parse the config file has error!',
      'syntax_error/json_syntax',
    ],
    ['[livox_ros_driver2_node-1] failed to parse config jason', 'syntax_error/json_syntax'],
    ['[livox_ros_driver2_node-1] there is no user-defined config', 'config_error/invalid_config'],
  ],
  [
    ['[livox_ros_driver2_node-1] successfully parse base config, counts: 1', 'unknown/unknown'],
    ['[livox_ros_driver2_node-1] successfully change work mode, handle: 3232235788', 'unknown/unknown'],
  ],
);

familyByPackage(
  'pypylon',
  [
    [
      'Traceback (most recent call last):\n  File "grab.py", line 5, in <module>\n    camera = pylon.InstantCamera(pylon.TlFactory.GetInstance().CreateFirstDevice())\npypylon._genicam.RuntimeException: No device is available or no device contains the provided device info properties. : RuntimeException thrown (file \'TlFactory.cpp\', line 694)',
      'hardware_fault/sensor_fault',
    ],
    [
      "_genicam.RuntimeException: Failed to open 'Basler acA1920-40gc (22512345)'. The device is controlled by another application. Err: An attempt was made to access an address location which is currently/momentary not accessible. (0xE1018006) : RuntimeException thrown (file 'PylonGigEDevice.cpp', line 120)",
      'config_error/invalid_config',
    ],
    [
      "_genicam.RuntimeException: Failed to open 'Basler a2A1920-51gcPRO (40012345)'. Insufficient access rights to open in free-mode.",
      'auth_error/permission_denied',
    ],
    [
      "pypylon._genicam.AccessException: Node is not writable. : AccessException thrown (file 'IntegerT.h', line 77)",
      'validation_error/forbidden_operation',
    ],
    [
      "pypylon._genicam.AccessException: Node is not available. : AccessException thrown in node 'Gain' while calling 'Gain.SetValue()' (file 'FloatT.h', line 79)",
      'config_error/invalid_config',
    ],
    [
      "pypylon._genicam.OutOfRangeException: Value = 5000 must be equal or smaller than Max = 4096. : OutOfRangeException thrown (file 'IntegerT.h', line 85)",
      'validation_error/invalid_argument',
    ],
  ],
  [
    ['Using device Basler acA1920-40uc', 'unknown/unknown'],
    [
      'pypylon._genicam.OutOfRangeException: Value 5000 is out of range : OutOfRangeException thrown',
      '!validation_error/forbidden_operation',
    ],
  ],
);

familyByPackage(
  'mmdet3d and Cartographer',
  [
    [
      'Traceback (most recent call last):\n  File "tools/train.py", line 9, in <module>\n    from mmdet3d.utils import replace_ceph_backend\n  File "/opt/conda/lib/python3.10/site-packages/mmdet3d/__init__.py", line 15, in <module>\n    assert (mmcv_version >= digit_version(mmcv_minimum_version)\nAssertionError: MMCV==2.2.0 is used but incompatible. Please install mmcv>=2.0.0rc4, <2.2.0.',
      'import_error/version_conflict',
    ],
    [
      'Traceback (most recent call last):\n  File "/opt/conda/lib/python3.10/site-packages/mmengine/dataset/base_dataset.py", line 440, in load_data_list\n    raise ValueError(\'Annotation must have data_list and metainfo \'\nValueError: Annotation must have data_list and metainfo keys',
      'data_error/missing_field',
    ],
    [
      'F0105 10:00:00.000000  4242 map_builder.cc:291] Found multiple serialized `PoseGraph`. Serialized stream likely corrupt!.',
      'data_error/corrupt_input',
    ],
    [
      'F0105 10:00:00.000000  4242 map_builder_server.cc:115] Set either use_trajectory_builder_2d or use_trajectory_builder_3d',
      'config_error/invalid_config',
    ],
  ],
  [
    ['AssertionError: MMCV==2.2.0 is used', '!import_error/version_conflict'],
    ['I0105 10:00:00.000000  4242 map_builder.cc:120] Loading serialized `PoseGraph`.', 'unknown/unknown'],
  ],
);

/**
 * Near lines: each holds the anchor of a message of the table, so the table is asked (asserted
 * first), and each is not that message's reading: a message a pattern reads, a sensor-only message
 * in a record about no sensor, a neighbouring message of the same package.
 */
t.test('near lines reach the table and are not its reading', async (t) => {
  const reaches = (text: string, says: string) =>
    t.ok(text.toLowerCase().includes(anchorOf(says) ?? '\0'), `reaches the anchor of "${says}": ${text.slice(0, 60)}`);
  const inTable = (says: string) => SENSOR_SDKS.some((m) => m.says === says);
  const pair = (text: string) => {
    const r = readLog(text);
    return `${r.category}/${r.factor}`;
  };
  // pylon's other grab timeout: the timeout pattern reads it, the table has no entry.
  const buffers = 'Grab timed out. No buffers are available for grabbing.';
  t.notOk(inTable(buffers), 'no entry for the no-buffers grab timeout');
  t.not(readLog(`_genicam.TimeoutException: ${buffers}`).code, 'parts.package', 'a pattern reads the no-buffers timeout');
  // Open3D's "No devices connected." is read only where a sensor is named.
  const none = 'No devices connected.';
  t.ok(inTable(none), "Open3D's no-device message is in the table");
  const bare = 'sync: No devices connected.';
  reaches(bare, none);
  t.not(pair(bare), 'hardware_fault/sensor_fault', 'no sensor named: not a sensor fault');
  // Livox's config-file parse error vs a missing config file: the file, not its syntax (this line
  // holds no anchor of the table, whose parse message is whole: it checks that the table's syntax
  // error is not what a missing file reads as; other software's lines are in the test below).
  const jason = 'failed to parse config jason';
  t.ok(inTable(jason), 'the JSON parse error is in the table');
  t.not(
    pair('[livox_ros_driver2_node-1] failed to open config file: /ws/config/MID360_config.json'),
    'syntax_error/json_syntax',
    'a missing config file is not a syntax error',
  );
});

/**
 * Other software's lines that hold a message's words (the review of session 20, its probes): each
 * holds the words the entry matched on as first written (`held`), and the anchor of the entry as it
 * stands where the entry kept its anchor, so the table is asked; none is the package's message, and
 * none is answered by the table. Entries the review dropped (a message after which the program runs
 * on) are asked of their own lines: no answer from the table.
 */
t.test("other software's lines with a message's words are not the message", async (t) => {
  const entry = (piece: string) => SENSOR_SDKS.find((m) => m.says.includes(piece));
  const notRead = (text: string, held: string, anchorOfEntry?: string) => {
    t.ok(text.includes(held), `holds "${held}": ${text.slice(0, 60)}`);
    if (anchorOfEntry !== undefined) {
      const e = entry(anchorOfEntry);
      t.ok(e && text.toLowerCase().includes(anchorOf(e.says) ?? '\0'), `reaches the anchor of "${e?.says}"`);
    }
    rulesOnly(() => t.not(readLog(text).code, 'parts.package', `not the table's message: ${text.slice(0, 80)}`));
  };
  // Open3D's window warning is read with Open3D's own prefix only.
  for (const text of [
    'pygame.error: Failed to create window',
    '[gazebo] Failed to create window handle; retrying',
    "Why does my app print 'Failed to create window' after I resize it?",
  ])
    notRead(text, 'Failed to create window');
  // GenApi's "Node is not …" is read in GenICam's exception form only.
  notRead('kubectl: error: Node is not available.', 'Node is not available.', 'Node is not available.');
  notRead('Cluster warning: Node is not available. Retrying in 5s', 'Node is not available.', 'Node is not available.');
  notRead('XML parse warning: Node is not writable.', 'Node is not writable.', 'Node is not writable.');
  // Livox: another program's "no valid base configs" (the entry is dropped).
  notRead('warning: no valid base configs found, using defaults', 'no valid base configs');
  // Livox SDK2's Mid-360 port lines: the SDK sets the port itself and runs on (the entries are dropped).
  t.notOk(entry('port must be'), 'no entry for the Mid-360 port corrections');
  notRead('[2026-01-05 10:00:00.100] [console] [error] Mid360 lidar command data port must be 56100', 'port must be');
  // Cartographer skips the point and SLAM goes on (the entry is dropped).
  t.notOk(entry('jumps backwards'), 'no entry for the range-data timestamp warning');
  notRead(
    'E0105 10:00:00.000000  4242 local_trajectory_builder_2d.cc:147] Timestamp of individual range data point jumps backwards from 638712000000000000 to 638711999990000000',
    'jumps backwards',
  );
});

t.test('what the mended entries say of their own lines', async (t) => {
  // pypylon's free-mode refusal is a GigE camera's access control, not udev (libpylon_TL_gige.so only).
  const gige = readLog(
    "_genicam.RuntimeException: Failed to open 'Basler a2A1920-51gcPRO (40012345)'. Insufficient access rights to open in free-mode.",
  );
  t.equal(gige.code, 'parts.package', 'the free-mode refusal is read by the table');
  t.notMatch(gige.rationale, /udev/, 'a GigE refusal is not explained by udev rules');
  t.match(gige.rationale, /GigE/, 'it names the GigE camera');
  // Open3D's no-CUDA-device line does not say which cause (DeviceCount() returns 0 on any error):
  // below a line that names its cause.
  const cuda = readLog(
    "RuntimeError: [Open3D Error] (void open3d::core::cuda::AssertCUDADeviceAvailable(int)) /root/Open3D/cpp/open3d/core/CUDAUtils.cpp:80: Invalid device 'CUDA:0'. -DBUILD_CUDA_MODULE=ON, but no CUDA device available.",
  );
  const cpuOnly = readLog(
    'RuntimeError: [Open3D Error] (void open3d::core::cuda::AssertCUDADeviceAvailable(int)) /root/Open3D/cpp/open3d/core/CUDAUtils.cpp:96: -DBUILD_CUDA_MODULE=OFF. Please build with -DBUILD_CUDA_MODULE=ON to use CUDA device.',
  );
  t.equal(cuda.code, 'parts.package', 'the no-device line is read by the table');
  t.ok(cuda.confidence < cpuOnly.confidence, `it only narrows the cause: ${cuda.confidence} < ${cpuOnly.confidence}`);
  // The annotation-format message is mmengine's (BaseDataset), which mmdet3d's Waymo dataset repeats.
  const annotation = readLog('ValueError: Annotation must have data_list and metainfo keys');
  t.equal(annotation.code, 'parts.package', 'the annotation message is read by the table');
  t.match(annotation.rationale, /package mmengine/, "it is named as mmengine's message");
});
