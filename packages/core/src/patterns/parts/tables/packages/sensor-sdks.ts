/**
 * Package messages of 3D perception libraries and sensor SDKs: Open3D, the ZED camera's ROS 2
 * wrapper and Python API, the Livox SDK2 and its ROS 2 driver, Basler's pylon (pypylon), MMDetection3D
 * and Cartographer: each entry is a message as the package's own source prints it (its format
 * string, variable parts written `{}`), the package named, mapped to its taxonomy pair
 * (docs/taxonomy.md, its tie-breaking rules first). Data only: read by parts/messages.ts.
 *
 * Sources read (the packages' own code, at the commits or versions named):
 * - isl-org/Open3D 22a6a307b (v0.19.0-113; cpp/open3d/io/file_format FilePCD.cpp and FilePLY.cpp,
 *   visualization/visualizer/Visualizer.cpp, pipelines/registration Feature.cpp and
 *   Registration.cpp, geometry PointCloud.cpp, PointCloudSegmentation.cpp, TriangleMesh.cpp and
 *   KDTreeFlann.cpp, core CUDAUtils.cpp and MemoryManager.cpp, io/sensor/azure_kinect/
 *   AzureKinectSensor.cpp);
 * - stereolabs/zed-ros2-wrapper 33dfefa (zed_components/src/zed_camera: zed_camera_component_main.cpp,
 *   zed_camera_component_objdet.cpp; the commit drivers.ts read, whose zed_wrapper entries these
 *   complete) and stereolabs/zed-python-api 0b750e3 (src/pyzed/sl.pyx, src/setup.py);
 * - Livox-SDK/Livox-SDK2 08f523c (sdk_core: device_manager.cpp, parse_cfg_file.cpp, params_check.cpp,
 *   command_handler/general_command_handler.cpp) and Livox-SDK/livox_ros_driver2 13eb05e
 *   (src/parse_cfg_file, src/call_back/livox_lidar_callback.cpp);
 * - flirpy (LJMUAstroecology/flirpy camera/lepton.py, as its traceback quotes it); OpenHaptics' HD API
 *   (hdGetErrorString's text for HD_COMM_ERROR, as hduPrintError prints it under "HD Error: ...").
 * - pypylon 26.10 (its PyPI wheel: the messages of the pylon and GenICam libraries it ships,
 *   libpylonbase.so.12, libpylon_TL_usb.so, libpylon_TL_gige.so, libGenApi_gcc_v3_5_Basler_pylon_v1.so,
 *   raised in Python as genicam exceptions);
 * - mmdet3d 1.4.0 (its PyPI wheel: __init__.py, datasets/waymo_dataset.py) and mmengine 0.10.7 (its
 *   PyPI wheel: dataset/base_dataset.py, whose message waymo_dataset.py repeats);
 * - cartographer-project/cartographer 877157a0 (common/configuration_file_resolver.cc,
 *   io/serialization_format_migration.cc, mapping/map_builder.cc, cloud/internal/map_builder_server.cc,
 *   mapping/internal/2d/local_trajectory_builder_2d.cc, read and left out).
 *
 * Left out: messages a pattern already reads as the table would (Open3D's "Read PCD failed: unable to
 * open file: {}" and "Failed to initialize GLFW", pyzed's "ZED_SDK_ROOT_DIR is not set", Livox's
 * "Query livox lidar failed, the retry time more than 10.", pylon's "Grab timed out. Possible reasons
 * are: …", Cartographer's "File '{}' was not found."); pylon's "Grab timed out. No buffers are
 * available for grabbing." (the timeout pattern reads it; whether no buffers were queued or the
 * camera sent none, the line does not say); robot_localization's parameter errors (each says what the
 * filter does instead: "The initial state will be ignored.", "Using differential mode.": the node
 * runs on, so the failure is what follows); for the same reason the Livox SDK's "Mid360 lidar {} port
 * must be {}" (params_check.cpp sets the port itself and goes on) and Cartographer's "Timestamp of
 * individual range data point jumps backwards from {} to {}" (logged once, the point skipped, SLAM goes
 * on); zed-ros2-wrapper's "It's not possible to enable the required Positional Tracking module." (names
 * no cause); Cartographer's "Queue waiting for data: {}" (a wait, read by the waiting-forever pattern);
 * livox_ros_driver2's "no valid base configs" (words any program prints; the parser's own "failed to
 * parse basic configs" follows it).
 *
 * Weights follow the neighbouring tables: a message that names its cause (a parameter, a missing
 * library, a file that does not parse) 0.75-0.9; one that only narrows the cause 0.55-0.65.
 */
import { type PackageMessage, said } from '../../table.js';

const CONFIG = 'config_error/invalid_config';

export const SENSOR_SDKS: readonly PackageMessage[] = [
  // ---- Open3D (isl-org/Open3D 22a6a307b) ----
  // io/file_format/FilePCD.cpp, FilePLY.cpp (LogWarning: read_point_cloud returns an empty cloud)
  said(
    'open3d',
    'Read PCD failed: unable to parse header.',
    'data_error/corrupt_input',
    'The PCD file header does not parse',
    0.8,
  ),
  said('open3d', '[ReadPCDHeader] Bad PCD file format.', 'data_error/corrupt_input', 'The PCD file header is malformed', 0.8),
  said(
    'open3d',
    '[ReadPCDData] Failed to read data record.',
    'data_error/corrupt_input',
    "The PCD file's point records cannot be read",
    0.75,
  ),
  said(
    'open3d',
    '[ReadPCDData] Uncompression failed.',
    'data_error/corrupt_input',
    "The compressed PCD file's data cannot be uncompressed",
    0.75,
  ),
  said(
    'open3d',
    'Read PLY failed: unable to parse header.',
    'data_error/corrupt_input',
    'The PLY file header does not parse',
    0.8,
  ),
  said('open3d', 'Read PLY failed: number of vertex <= 0.', 'data_error/empty_input', 'The PLY file has no vertices', 0.75),
  said(
    'open3d',
    'Write PLY failed: point cloud has 0 points.',
    'data_error/empty_input',
    'An empty point cloud was written to a PLY file',
    0.75,
  ),
  // visualization/visualizer/Visualizer.cpp: GLFW came up but no window (no GL context for it);
  // read with Logging.cpp's warning prefix only (pygame, SDL and others print the bare words)
  said(
    'open3d',
    '[Open3D WARNING] Failed to create window',
    'import_error/missing_native_lib',
    'No OpenGL window could be created for the viewer',
    0.6,
  ),
  // pipelines/registration, geometry (LogError: a RuntimeError in Python)
  said(
    'open3d',
    'Failed because input point cloud has no normal.',
    'data_error/missing_field',
    'The point cloud has no normals (estimate_normals first)',
    0.85,
  ),
  said(
    'open3d',
    "There must be at least 'ransac_n' points.",
    'data_error/empty_input',
    'The point cloud has fewer points than RANSAC samples',
    0.75,
  ),
  said(
    'open3d',
    'Invalid max_correspondence_distance.',
    'validation_error/invalid_argument',
    'ICP was given a non-positive correspondence distance',
    0.8,
  ),
  said('open3d', 'voxel_size <= 0.', 'validation_error/invalid_argument', 'A voxel size that is not positive', 0.8),
  said(
    'open3d',
    'voxel_size is too small.',
    'validation_error/invalid_argument',
    "A voxel size too small for the cloud's extent (voxel indices overflow)",
    0.75,
  ),
  said('open3d', 'Input mesh has no triangles.', 'data_error/empty_input', 'Points sampled from a mesh with no triangles', 0.75),
  // geometry/KDTreeFlann.cpp (LogWarning: a search tree over an empty cloud; the searches after it fail)
  said(
    'open3d',
    '[KDTreeFlann::SetRawData] Failed due to no data.',
    'data_error/empty_input',
    'A search tree was built over an empty point cloud',
    0.7,
  ),
  // io/sensor/azure_kinect/AzureKinectSensor.cpp
  said('open3d', 'No devices connected.', 'hardware_fault/sensor_fault', 'No Azure Kinect camera is connected', 0.6, true),
  // core/CUDAUtils.cpp, core/MemoryManager.cpp
  said(
    'open3d',
    '-DBUILD_CUDA_MODULE=OFF. Please build with -DBUILD_CUDA_MODULE=ON to use CUDA device.',
    'import_error/version_conflict',
    'A CPU-only build of Open3D is installed',
    0.85,
  ),
  said(
    'open3d',
    'Unsupported device "{}". Set BUILD_CUDA_MODULE=ON to compile for CUDA support',
    'import_error/version_conflict',
    'A CPU-only build of Open3D is installed',
    0.85,
  ),
  said(
    'open3d',
    "Invalid device 'CUDA:{}'. -DBUILD_CUDA_MODULE=ON, but no CUDA device available.",
    CONFIG,
    'No GPU is visible to Open3D (driver, container or CUDA_VISIBLE_DEVICES)',
    // CUDAUtils.cpp DeviceCount() returns 0 on any cudaGetDeviceCount error (a missing or old
    // driver too): the line only narrows the cause
    0.6,
  ),
  said(
    'open3d',
    "Invalid CUDA Device 'CUDA:{}'. Device ID expected to be between 0 to {}, but got {}.",
    CONFIG,
    'A GPU index this host does not have',
    0.8,
  ),
  said(
    'open3d',
    "Invalid CUDA Device 'CUDA:{}'. Device ID expected to be 0, but got {}.",
    CONFIG,
    'A GPU index this host does not have',
    0.8,
  ),

  // ---- zed_wrapper (stereolabs/zed-ros2-wrapper 33dfefa, zed_camera_component_main.cpp, _objdet.cpp) ----
  said(
    'zed_wrapper',
    'This version of the ZED ROS2 wrapper is designed to work with ZED SDK v{}.{} or newer up to v{}.{}.',
    'import_error/version_conflict',
    'The installed ZED SDK is outside the versions the wrapper supports',
    0.85,
  ),
  said(
    'zed_wrapper',
    'Camera model {} is available only with NVIDIA Jetson devices.',
    CONFIG,
    'A GMSL camera model set on a host that is not a Jetson',
    0.8,
  ),
  said('zed_wrapper', 'Camera model not valid in parameter values: {}', CONFIG, 'general.camera_model names no ZED model', 0.85),
  said(
    'zed_wrapper',
    'ZED X Driver failure: {}. Please verify that the ZED drivers are correctly installed.',
    'import_error/missing_native_lib',
    'The ZED X camera driver is not installed or not loaded',
    0.75,
  ),
  said(
    'zed_wrapper',
    "If you are using a custom OpenCV calibration file, please check the correctness of the path of the calibration file in the parameter 'general.optional_opencv_calibration_file'",
    'config_error/file_not_found',
    'The custom OpenCV calibration file cannot be read',
    0.75,
  ),
  said(
    'zed_wrapper',
    'GMSL PHY CSI bandwidth overflow detected: {}. Please reduce the camera resolution or FPS',
    CONFIG,
    'The resolution and frame rate exceed the GMSL link bandwidth',
    0.75,
  ),
  said(
    'zed_wrapper',
    'The SVO contains {} frames. The requested starting frame ({}) is invalid.',
    CONFIG,
    'svo.frame_start is past the end of the SVO file',
    0.85,
  ),
  said(
    'zed_wrapper',
    "The value of the parameter 'object_detection.detection_model' is not supported: '{}'. Stopping the node",
    CONFIG,
    'An object detection model the wrapper does not support',
    0.85,
  ),
  said(
    'zed_wrapper',
    "The parameter 'object_detection.custom_onnx_file' is empty.",
    CONFIG,
    'The custom YOLO model file is not set',
    0.85,
  ),
  said(
    'zed_wrapper',
    'To use VIRTUAL_ZED_X model, you must provide either two VALID serial numbers or two VALID camera IDs.',
    CONFIG,
    'The virtual stereo camera is not given two valid cameras',
    0.8,
  ),
  said(
    'zed_wrapper',
    'To use VIRTUAL_ZED_X model with camera IDs, the cameras must be connected and recognized by the system.',
    'hardware_fault/sensor_fault',
    "The virtual stereo camera's cameras are not connected",
    0.65,
  ),
  // pyzed (stereolabs/zed-python-api 0b750e3: sl.pyx, setup.py)
  said(
    'pyzed',
    'Cupy is not available. Please install it to use GPU memory, or use CPU memory instead.',
    'import_error/module_not_found',
    'CuPy is not installed (asked for GPU memory)',
    0.9,
  ),
  said(
    'pyzed',
    'Error: ZED SDK not found at {}. You must install the ZED SDK.',
    'import_error/missing_native_lib',
    'The ZED SDK is not installed where pyzed looks for it',
    0.85,
  ),
  said(
    'pyzed',
    'Error: CUDA not found at {}. You must install Cuda.',
    'import_error/missing_native_lib',
    'CUDA is not installed',
    0.85,
  ),
  said(
    'pyzed',
    'WARNING ! Required ZED SDK version: {}',
    'import_error/version_conflict',
    'The installed ZED SDK is not the version pyzed is built for',
    0.8,
  ),

  // ---- livox-sdk2 (Livox-SDK/Livox-SDK2 08f523c, sdk_core) ----
  said(
    'livox-sdk2',
    'Add command channel faileld, can not create socket, the ip {} port {}',
    CONFIG,
    'The SDK cannot bind the host IP of its config (not an address of this host, or the port is taken)',
    0.8,
  ),
  said(
    'livox-sdk2',
    'Add command channel faileld, can not create socket, dev_type:{}, the ip {} port {}',
    CONFIG,
    'The SDK cannot bind the host IP of its config (not an address of this host, or the port is taken)',
    0.8,
  ),
  said(
    'livox-sdk2',
    'Create View point data channel faileld, can not create socket, the ip {} port {}',
    CONFIG,
    'The SDK cannot bind the host IP of its config (not an address of this host, or the port is taken)',
    0.8,
  ),
  said(
    'livox-sdk2',
    'The host address and lidar address are on different network segments, the host_ip:{}, lidar_ip:{}',
    CONFIG,
    "The host IP and the lidar's IP are on different subnets",
    0.85,
  ),
  said(
    'livox-sdk2',
    // params_check.cpp:76 (lidars) prints "…lidar ip conflict, the liar ip:{}", :88 (custom
    // lidars) "…lidar ip conflict the lidar ip:{}": the common beginning covers both
    'Params check failed, lidar ip conflict',
    CONFIG,
    'Two lidars are configured with one IP',
    0.8,
  ),
  said('livox-sdk2', 'Lidar ip conflic, the lidar ip:{}, the sn1:{}, the sn2:{}', CONFIG, 'Two lidars answer at one IP', 0.75),
  said(
    'livox-sdk2',
    'Parse lidar config failed, parse the config file has error!',
    'syntax_error/json_syntax',
    'The SDK config file is not valid JSON',
    0.85,
  ),
  said('livox-sdk2', 'Parse host net info failed, has not host_ip or cmd_data_ip.', CONFIG, 'The config names no host IP', 0.8),
  said('livox-sdk2', 'Params check failed, all livox lidars config is empty.', CONFIG, 'The config lists no lidar', 0.75),
  // livox_ros_driver2 (Livox-SDK/livox_ros_driver2 13eb05e)
  said(
    'livox_ros_driver2',
    'failed to parse config jason',
    'syntax_error/json_syntax',
    "The driver's lidar config file is not valid JSON",
    0.85,
  ),
  said('livox_ros_driver2', 'there is no user-defined config', CONFIG, "The driver's config lists no lidar_configs", 0.7),

  // ---- flirpy (LJMUAstroecology/flirpy, camera/lepton.py setup_video): no Lepton (PureThermal) video
  // device found among the video devices — the camera is not there (rule 2) ----
  said('flirpy', 'Lepton not connected.', 'hardware_fault/sensor_fault', 'No FLIR Lepton camera was found', 0.8),

  // ---- OpenHaptics HD API (hdGetErrorString as hduPrintError prints it): the haptic device's link
  // failed in the servo loop — the device is not answering (rule 2; robotics-31b phantom omni) ----
  said(
    'OpenHaptics',
    'Communication Error: Check the device connection and configuration.',
    'hardware_fault/sensor_fault',
    'The haptic device stopped communicating',
    0.8,
  ),

  // ---- pypylon (pypylon 26.10 wheel: the pylon and GenICam libraries it ships) ----
  said(
    'pypylon',
    'No device is available or no device contains the provided device info properties',
    'hardware_fault/sensor_fault',
    'No Basler camera (or none matching the filter) is connected',
    0.7,
  ),
  said(
    'pypylon',
    "Failed to open '{}'. The device is controlled by another application.",
    CONFIG,
    'The Basler camera is already held by another process',
    0.8,
  ),
  said(
    'pypylon',
    "Failed to open '{}'. The device is not reachable or controlled by another application.",
    CONFIG,
    'The GigE camera is unreachable or held by another process',
    0.7,
  ),
  said(
    'pypylon',
    "Failed to open '{}'. Insufficient access rights to open in free-mode.",
    'auth_error/permission_denied',
    // libpylon_TL_gige.so only: a GigE camera's access control, most often another host or
    // application holding it
    'The GigE camera refused the open: no access rights (another host or application controls it)',
    0.65,
  ),
  said(
    'pypylon',
    // GenApi's text, read only in GenICam's exception form ("… : AccessException thrown in node …")
    'Node is not writable.{}Exception thrown',
    'validation_error/forbidden_operation',
    'A camera feature that cannot be set now (grabbing, or read-only)',
    0.65,
  ),
  said('pypylon', 'Node is not available.{}Exception thrown', CONFIG, 'A camera feature this camera model does not have', 0.6),
  said(
    'pypylon',
    'Value = {} must be equal or smaller than Max = {}',
    'validation_error/invalid_argument',
    'A camera feature set above its maximum',
    0.8,
  ),
  said(
    'pypylon',
    'Value = {} must be equal or greater than Min = {}',
    'validation_error/invalid_argument',
    'A camera feature set below its minimum',
    0.8,
  ),
  said(
    'pypylon',
    'Value {} must be smaller than or equal {}.',
    'validation_error/invalid_argument',
    'A camera feature set above its maximum',
    0.75,
  ),
  said(
    'pypylon',
    'Value {} must be greater than or equal {}.',
    'validation_error/invalid_argument',
    'A camera feature set below its minimum',
    0.75,
  ),
  said(
    'pypylon',
    'Cannot retrieve grab result. The maximum number of available grab results {}has been reached.',
    CONFIG,
    'Grab results are held and not released (MaxNumGrabResults)',
    0.65,
  ),

  // ---- mmdet3d (mmdet3d 1.4.0 wheel) ----
  said(
    'mmdet3d',
    'MMCV=={} is used but incompatible. Please install mmcv>={}, <{}.',
    'import_error/version_conflict',
    'The installed MMCV is outside the versions mmdet3d supports',
    0.9,
  ),
  said(
    'mmdet3d',
    'MMEngine=={} is used but incompatible. Please install mmengine>={}, <{}.',
    'import_error/version_conflict',
    'The installed MMEngine is outside the versions mmdet3d supports',
    0.9,
  ),
  said(
    'mmdet3d',
    'MMDET=={} is used but incompatible. Please install mmdet>={}, <{}.',
    'import_error/version_conflict',
    'The installed MMDetection is outside the versions mmdet3d supports',
    0.9,
  ),
  // mmengine's BaseDataset (mmengine 0.10.7 dataset/base_dataset.py), the base of every OpenMMLab
  // dataset; mmdet3d's waymo_dataset.py repeats it
  said(
    'mmengine',
    'Annotation must have data_list and metainfo keys',
    'data_error/missing_field',
    'The annotation file is in the old format (no data_list/metainfo)',
    0.8,
  ),

  // ---- cartographer (cartographer-project/cartographer 877157a0) ----
  said(
    'cartographer',
    'Found multiple serialized `PoseGraph`. Serialized stream likely corrupt!.',
    'data_error/corrupt_input',
    'The .pbstream state file is corrupt',
    0.85,
  ),
  said(
    'cartographer',
    'Found multiple serialized `AllTrajectoryBuilderOptions`. Serialized stream likely corrupt!.',
    'data_error/corrupt_input',
    'The .pbstream state file is corrupt',
    0.85,
  ),
  said(
    'cartographer',
    'Set either use_trajectory_builder_2d or use_trajectory_builder_3d',
    CONFIG,
    'The configuration enables neither (or both) trajectory builders',
    0.85,
  ),
];
