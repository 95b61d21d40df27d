/**
 * Package messages of perception and mapping software: command-line flags of C++ robot and
 * vision programs (gflags), RTAB-Map and its ROS nodes, the Azure Kinect SDK, RoboSense and Ouster
 * lidar SDKs, sparse 3D convolution (spconv) and OpenPCDet, the MetaDrive driving simulator: each
 * entry is a message as the package's own source prints it (its format string, variable parts
 * written `{}`), the package named, mapped to its taxonomy pair (docs/taxonomy.md, its
 * tie-breaking rules first). Data only: read by parts/messages.ts.
 *
 * Sources read (the packages' own code, at the commits or versions named):
 * - gflags/gflags 5319350 (src/gflags.cc: the parser's `kError` messages);
 * - introlab/rtabmap 5fad2d29 (corelib/src: Rtabmap.cpp, Memory.cpp, Odometry.cpp,
 *   DBDriverSqlite3.cpp, CameraModel.cpp) and introlab/rtabmap_ros aec4f91f (rtabmap_slam
 *   CoreWrapper.cpp, rtabmap_odom OdometryROS.cpp and nodelets);
 * - microsoft/Azure-Kinect-Sensor-SDK 8bb59caa (src/usbcommand, src/deloader, src/dewrapper,
 *   src/color, src/depth);
 * - traveller59/spconv 263d6b4 (spconv/pytorch/ops.py, conv.py, algo.py) and open-mmlab/OpenPCDet
 *   8caccce (tools/train.py, pcdet/datasets, pcdet/datasets/processor);
 * - metadrive-simulator 0.4.3 (its PyPI wheel: utils/config.py, envs/base_env.py, pull_asset.py,
 *   version.py);
 * - second batch: RoboSense-LiDAR/rs_driver 4eeadac (src/rs_driver/driver, msg, input) and
 *   RoboSense-LiDAR/rslidar_sdk 78d2abb (src/manager, src/utility/yaml_reader.hpp);
 *   ouster-lidar/ouster-sdk 46b7bcee, release 1.0.1 (ouster_sensor/src: client.cpp,
 *   sensor_packet_source.cpp; "No packets received in timeout." is left to
 *   the sensor-timeout pattern, which reads it).
 *
 * Left out (review 19): warnings the package prints and carries on after, which are not the failure
 * (rs_driver's "wait_for_difop cannot be true when config_from_file is true." resets the setting
 * itself; MetaDrive's "Panda Rendering is off now, can not render." is a log_once warning after
 * which render() returns None); rtabmap_ros's "Make sure IMU is published faster than data rate!"
 * (a transient wait: the node buffers until the IMU catches up); ouster's "A timeout occurred while
 * waiting for the sensor to initialize." (the sensor-timeout pattern reads it first, as
 * hardware_fault/sensor_fault, where taxonomy rule 2 would say timeout/deadline_exceeded: that
 * pattern's pair is the one to revisit, not covered here).
 *
 * Weights follow the neighbouring tables: a message that names its cause (a flag, a parameter, a
 * missing file or plugin) 0.75-0.9; one that only narrows the cause 0.55-0.65.
 */
import { type PackageMessage, said } from '../../table.js';

export const PERCEPTION: readonly PackageMessage[] = [
  // gflags (gflags/gflags 5319350, src/gflags.cc)
  said(
    'gflags',
    "ERROR: unknown command line flag '{}'",
    'config_error/invalid_config',
    'The program was given a command-line flag it does not define',
    0.85,
  ),
  said(
    'gflags',
    "ERROR: illegal value '{}' specified for {} flag '{}'",
    'config_error/invalid_config',
    'A command-line flag was given a value of the wrong type',
    0.85,
  ),
  said(
    'gflags',
    "ERROR: flag '{}' is missing its argument",
    'config_error/invalid_config',
    'A command-line flag was given without its value',
    0.8,
  ),
  said(
    'gflags',
    "ERROR: failed validation of new value '{}' for flag '{}'",
    'config_error/invalid_config',
    "A command-line flag's value failed the program's validator",
    0.8,
  ),
  said(
    'gflags',
    'ERROR: --{} must be set on the commandline',
    'config_error/invalid_config',
    'A required command-line flag was not set',
    0.8,
  ),
  said(
    'gflags',
    'ERROR: boolean value ({}) specified for {} command line flag',
    'config_error/invalid_config',
    'A non-boolean command-line flag was given as a boolean',
    0.8,
  ),
  said(
    'gflags',
    'ERROR: FLAGS_{} not found in environment',
    'config_error/missing_env_var',
    'A flag read with --fromenv has no FLAGS_ environment variable',
    0.8,
  ),
  said(
    'gflags',
    "ERROR: flag '{}' was defined more than once (in files '{}' and '{}').",
    'import_error/version_conflict',
    'Two linked libraries define the same command-line flag',
    0.65,
  ),
  said(
    'gflags',
    "ERROR: something wrong with flag '{}' in file '{}'.  One possibility: file '{}' is being linked both statically and dynamically into this executable.",
    'import_error/version_conflict',
    'A library is linked both statically and dynamically into the program',
    0.7,
  ),

  // rtabmap (introlab/rtabmap 5fad2d29, corelib/src)
  said(
    'rtabmap',
    'RGB-D SLAM mode is enabled, memory is incremental but no odometry is provided. Image {} is ignored!',
    'config_error/invalid_config',
    'RTAB-Map runs in RGB-D SLAM mode without an odometry input',
    0.8,
  ),
  said(
    'rtabmap',
    'No camera calibration found, calibrate your camera!',
    'config_error/invalid_config',
    'The camera images reach RTAB-Map without a calibration',
    0.75,
  ),
  said(
    'rtabmap',
    'Opened database version ({}) is more recent than rtabmap installed version ({}). Please update rtabmap to new version!',
    'import_error/version_conflict',
    'The map database was written by a newer RTAB-Map than the one installed',
    0.85,
  ),
  said(
    'rtabmap',
    'The dictionary is empty or missing some words from nodes in WM, we cannot repair it because it is a fixed dictionary.',
    'config_error/invalid_config',
    'The fixed visual dictionary is not the one the map was built with',
    0.7,
  ),
  said(
    'rtabmap',
    'Odometry approach chosen cannot process raw images (not rectified images). Make sure images are rectified',
    'config_error/invalid_config',
    'The odometry needs rectified images and the calibration cannot rectify them',
    0.75,
  ),
  said(
    'rtabmap',
    'Odometry approach chosen cannot process raw stereo images (not rectified images) and we cannot rectify them as the rectification map failed to initialize (valid calibration?).',
    'config_error/invalid_config',
    'The stereo odometry needs rectified images and the calibration cannot rectify them',
    0.75,
  ),
  said(
    'rtabmap',
    'Calibration for camera {} cannot be used to rectify the image. Make sure to do a full calibration.',
    'config_error/invalid_config',
    'The camera calibration is not complete enough to rectify images',
    0.75,
  ),
  said(
    'rtabmap',
    'Stereo calibration cannot be used to rectify images. Make sure to do a full stereo calibration.',
    'config_error/invalid_config',
    'The stereo calibration is not complete enough to rectify images',
    0.75,
  ),
  said(
    'rtabmap',
    'Id of acquired image ({}) is smaller than the last in memory ({}). Please set parameter Mem/GenerateIds to "true"',
    'config_error/invalid_config',
    'The input image ids go backwards and RTAB-Map does not generate its own',
    0.75,
  ),
  said(
    'rtabmap',
    'Odometry failed to detect the ground. You have this error because parameter "{}" is true.',
    'config_error/invalid_config',
    'Odometry is set to align with a ground the camera does not see',
    0.6,
  ),
  said(
    'rtabmap',
    'Error reading calibration file "{}": {} (Make sure the first line of the yaml file is "%YAML:1.0")',
    'syntax_error/yaml_syntax',
    'The camera calibration YAML file does not parse',
    0.65,
  ),

  // rtabmap_ros (introlab/rtabmap_ros aec4f91f: rtabmap_slam, rtabmap_odom)
  said(
    'rtabmap_ros',
    'Parameter "{}" doesn\'t exist anymore! You may look at this similar parameter: "{}"',
    'config_error/invalid_config',
    'A parameter RTAB-Map no longer has was set',
    0.8,
  ),
  said(
    'rtabmap_ros',
    '"subscribe_odom" or "odom_frame_id" should be used when "{}" is enabled!',
    'config_error/invalid_config',
    'RTAB-Map is given no odometry source for the mode enabled',
    0.8,
  ),
  said(
    'rtabmap_ros',
    'Input type must be image=mono8,mono16,rgb8,bgr8',
    'config_error/invalid_config',
    'An input image has an encoding RTAB-Map does not take',
    0.7,
  ),
  said(
    'rtabmap_ros',
    'The stereo baseline ({}) should be positive (baseline=-Tx/fx).',
    'config_error/invalid_config',
    'The stereo camera_info gives a baseline that is not positive',
    0.75,
  ),
  said(
    'rtabmap_ros',
    'Directory {} doesn\'t exist! Cannot load database "{}"',
    'config_error/file_not_found',
    'The directory of the map database to load does not exist',
    0.8,
  ),
  said(
    'rtabmap_ros',
    'Config file "{}" not found!',
    'config_error/file_not_found',
    "The odometry node's configuration file does not exist",
    0.8,
  ),

  // k4a: Azure Kinect Sensor SDK (microsoft/Azure-Kinect-Sensor-SDK 8bb59caa)
  said(
    'k4a',
    'libusb device(s) are all unavalable. Is the device being used by another application?',
    'auth_error/permission_denied',
    'Every Azure Kinect USB device refused access',
    0.7,
  ),
  said(
    'k4a',
    'Failed to Load Depth Engine Plugin ({}). Depth functionality will not work',
    'import_error/missing_native_lib',
    'The Azure Kinect depth engine library could not be loaded',
    0.85,
  ),
  said(
    'k4a',
    'Make sure the depth engine plugin is in your loaders path',
    'import_error/missing_native_lib',
    'The Azure Kinect depth engine library is not on the loader path',
    0.8,
  ),
  said(
    'k4a',
    'OpenGL 4.4 context creation failed. You could try updating your graphics drivers.',
    'import_error/missing_native_lib',
    'The depth engine could not create its OpenGL context',
    0.8,
  ),
  said(
    'k4a',
    'Depth engine create and initialize failed with error code: {}.',
    'import_error/missing_native_lib',
    "The Azure Kinect depth engine did not start on this host's GPU",
    0.55,
  ),
  said(
    'k4a',
    'Media Foundation failed to open the color camera with E_ACCESSDENIED. Is the camera already in use?',
    'auth_error/permission_denied',
    'Windows refused access to the Azure Kinect color camera',
    0.7,
  ),
  said(
    'k4a',
    'Depth calibration data not available or sensor not turned on (bytes_read = {})',
    'hardware_fault/sensor_fault',
    'The depth sensor returned no calibration data',
    0.6,
  ),

  // spconv (traveller59/spconv 263d6b4)
  said(
    'spconv',
    'your out spatial shape {} reach zero!!! input shape: {}',
    'config_error/invalid_config',
    "The sparse grid is too small for the network's strides",
    0.8,
  ),
  said(
    'spconv',
    'subm with same indice_key must have same kernel',
    'config_error/invalid_config',
    'Submanifold layers sharing an indice_key have different kernels',
    0.75,
  ),
  said(
    'spconv',
    'subm with same indice_key must have same spatial structure',
    'config_error/invalid_config',
    'Submanifold layers sharing an indice_key see different spatial shapes',
    0.75,
  ),
  said(
    'spconv',
    "can't find suitable algorithm",
    'import_error/version_conflict',
    'The spconv build has no kernel for this GPU or data type',
    0.55,
  ),
  said(
    'spconv',
    'this op require spconv built with boost, download boost, export BOOST_ROOT and rebuild.',
    'import_error/missing_native_lib',
    'spconv was built without the Boost the operation needs',
    0.7,
  ),

  // pcdet: OpenPCDet (open-mmlab/OpenPCDet 8caccce)
  said(
    'pcdet',
    'Batch size should match the number of gpus',
    'config_error/invalid_config',
    'The batch size does not divide over the GPUs launched',
    0.8,
  ),
  said(
    'pcdet',
    'Please use latest codes to generate GT_DATABASE',
    'config_error/invalid_config',
    'The ground-truth database was generated by an older OpenPCDet',
    0.65,
  ),
  said(
    'pcdet',
    'gt_boxes should be provided for training',
    'data_error/missing_field',
    'The training samples carry no ground-truth boxes',
    0.7,
  ),
  said(
    'pcdet',
    "Unexpected error, library: 'cumm' wasn't imported properly.",
    'import_error/module_not_found',
    'The cumm library spconv needs could not be imported',
    0.7,
  ),

  // metadrive (metadrive-simulator 0.4.3)
  said(
    'metadrive',
    "'{}' does not exist in existing config. Please use config.update(...) to update the config.",
    'config_error/invalid_config',
    'A config key MetaDrive does not have was set',
    0.8,
  ),
  said(
    'metadrive',
    'Unexpected keys: {} in new dict{} when update config. Existing keys: {}.',
    'config_error/invalid_config',
    "The environment config has keys MetaDrive's config does not define",
    0.85,
  ),
  said(
    'metadrive',
    'Type error! The item {} has original type {} and updating type {}.',
    'config_error/invalid_config',
    'A config value has another type than its default',
    0.75,
  ),
  said(
    'metadrive',
    'Current MetaDrive instance is broken. Please make sure there is only one active MetaDrive environment exists in one process.',
    'validation_error/forbidden_operation',
    'A second MetaDrive environment was used in one process',
    0.8,
  ),
  said(
    'metadrive',
    'Assets folder does not exist! Files: {}',
    'config_error/file_not_found',
    "MetaDrive's assets were not downloaded",
    0.75,
  ),
  said(
    'metadrive',
    'Asset version file does not exist! Files: {}',
    'config_error/file_not_found',
    "MetaDrive's assets are missing their version file",
    0.7,
  ),

  // rs_driver: the RoboSense lidar driver core (RoboSense-LiDAR/rs_driver 4eeadac)
  said(
    'rs_driver',
    'Wrong lidar type: {}',
    'config_error/invalid_config',
    'The lidar type set is not one the RoboSense driver knows',
    0.8,
  ),
  said(
    'rs_driver',
    'Wrong LiDAR Type. Please check your LiDAR Version!',
    'config_error/invalid_config',
    'The lidar type set does not match the RoboSense lidar connected',
    0.75,
  ),
  said(
    'rs_driver',
    'Please give correct type: RS16, RS32, RSBP,',
    'config_error/invalid_config',
    'The lidar type set is not one the RoboSense driver knows',
    0.8,
  ),
  said(
    'rs_driver',
    'Unsupported lidar model:{}',
    'config_error/invalid_config',
    'The lidar mode the packets report is not one the decoder knows (lidar_type does not match the device)',
    0.75,
  ),
  said(
    'rs_driver',
    'To use InputType::PCAP_FILE, please do not specify the make option DISABLE_PCAP_PARSE.',
    'config_error/invalid_config',
    'PCAP input was asked of a driver built without PCAP parsing',
    0.75,
  ),
  said(
    'rs_driver',
    'Socket fd exceeds FD_SETSIZE limit: {}',
    'resource_error/fd_exhausted',
    "The driver's socket descriptor is past select()'s limit",
    0.7,
  ),

  // rslidar_sdk: the RoboSense ROS driver (RoboSense-LiDAR/rslidar_sdk 78d2abb)
  said(
    'rslidar_sdk',
    'The format of config file {} is wrong. Please check (e.g. indentation).',
    'syntax_error/yaml_syntax',
    "The RoboSense driver's YAML config does not parse",
    0.8,
  ),
  said(
    'rslidar_sdk',
    ' : Cannot find subnode {}. Aborting!!!',
    'config_error/invalid_config',
    "The RoboSense driver's config lacks a section it needs",
    0.75,
  ),
  said(
    'rslidar_sdk',
    'Unsupported LiDAR message source:{}.',
    'config_error/invalid_config',
    'The msg_source set is not one the RoboSense driver knows',
    0.75,
  ),

  // ouster-sdk (ouster-lidar/ouster-sdk 46b7bcee, 1.0.1: ouster_sensor/src)
  said(
    'ouster-sdk',
    'Cannot obtain full metadata with sensor status: {}. Please ensure that sensor is not in a STANDBY, UNCONFIGURED, WARMUP, or ERROR state',
    'validation_error/forbidden_operation',
    'The Ouster lidar cannot give its metadata in its current state',
    0.6,
  ),
  said(
    'ouster-sdk',
    'Your sensor is in STANDBY mode but you have disallowed reinitialization.',
    'validation_error/forbidden_operation',
    'The Ouster lidar is in standby and may not be reinitialized',
    0.75,
  ),
  said(
    'ouster-sdk',
    "Sensor's lidar port {} does not match provided lidar port but you have disallowed reinitialization.",
    'config_error/invalid_config',
    "The lidar port asked for is not the Ouster lidar's configured port",
    0.8,
  ),
  said(
    'ouster-sdk',
    "Could not resolve address '{}' for sensor.",
    'network_error/dns_failure',
    "The Ouster lidar's hostname does not resolve",
    0.85,
  ),
  said(
    'ouster-sdk',
    'failed to obtain a UDP socket on port {}',
    'config_error/invalid_config',
    'The UDP port for the lidar data cannot be bound (taken or not allowed)',
    0.7,
  ),
];
