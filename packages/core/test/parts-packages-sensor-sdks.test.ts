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
import { familyByPackage, readLog } from './patterns-read.js';

t.test('the table covers every package of the family', async (t) => {
  const packages = new Set(SENSOR_SDKS.map((m) => m.pkg));
  for (const pkg of ['open3d', 'zed_wrapper', 'pyzed', 'livox-sdk2', 'livox_ros_driver2', 'pypylon', 'mmdet3d', 'cartographer']) {
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
    ['[2026-01-05 10:00:00.100] [console] [error] Mid360 lidar point cloud port must be 56301', 'config_error/invalid_config'],
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
      "_genicam.RuntimeException: Failed to open 'Basler acA1920-40uc (22512345)'. The device is controlled by another application. Err: An attempt was made to access an address location which is currently/momentary not accessible. (0xE1018006) : RuntimeException thrown (file 'UxDevice.cpp', line 120)",
      'config_error/invalid_config',
    ],
    [
      "_genicam.RuntimeException: Failed to open 'Basler acA1300-200uc (21812345)'. Insufficient access rights to open in free-mode.",
      'auth_error/permission_denied',
    ],
    [
      "pypylon._genicam.AccessException: Node is not writable. : AccessException thrown (file 'IntegerT.h', line 77)",
      'validation_error/forbidden_operation',
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
    ['ValueError: Annotation must have data_list and metainfo keys', 'data_error/missing_field'],
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
  // Livox's config-file parse error vs a missing config file: the file, not its syntax.
  const jason = 'failed to parse config jason';
  t.ok(inTable(jason), 'the JSON parse error is in the table');
  t.not(
    pair('[livox_ros_driver2_node-1] failed to open config file: /ws/config/MID360_config.json'),
    'syntax_error/json_syntax',
    'a missing config file is not a syntax error',
  );
});
