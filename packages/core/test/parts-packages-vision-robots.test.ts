/**
 * Package messages of vision libraries and small robot SDKs (patterns/parts/tables/packages/
 * vision-robots.ts): OpenCV's cv2.error and videoio warnings, PCL's readers and writers, yaml-cpp's
 * exceptions, GStreamer's pipeline errors, the Feetech servo SDK, pymycobot, Universal Robots' RTDE
 * clients and ultralytics name the failure when no pattern of the library does. Each control is a
 * near line that is not the message (another wording, an INFO line, another case).
 */
import { familyByPackage } from './patterns-read.js';

familyByPackage(
  'OpenCV: empty images, a headless build, codecs, cameras, dnn files, Python argument types',
  [
    [
      "cv2.error: OpenCV(4.8.0) /io/opencv/modules/imgproc/src/color.cpp:182: error: (-215:Assertion failed) !_src.empty() in function 'cvtColor'",
      'data_error/empty_input',
    ],
    [
      "cv2.error: OpenCV(4.5.4) /tmp/pip-req-build-1/opencv/modules/imgproc/src/resize.cpp:4051: error: (-215:Assertion failed) !ssize.empty() in function 'resize'",
      'data_error/empty_input',
    ],
    [
      "cv2.error: OpenCV(4.9.0) /io/opencv/modules/highgui/src/window.cpp:971: error: (-215:Assertion failed) size.width>0 && size.height>0 in function 'imshow'",
      'data_error/empty_input',
    ],
    [
      "cv2.error: OpenCV(4.10.0) /io/opencv/modules/highgui/src/window.cpp:1301: error: (-2:Unspecified error) The function is not implemented. Rebuild the library with Windows, GTK+ 2.x or Cocoa support. If you are on Ubuntu or Debian, install libgtk2.0-dev and pkg-config, then re-run cmake or configure script in function 'cvShowImage'",
      'import_error/missing_native_lib',
    ],
    [
      "cv2.error: OpenCV(4.8.1) /io/opencv/modules/imgcodecs/src/loadsave.cpp:696: error: (-2:Unspecified error) could not find a writer for the specified extension in function 'imwrite_'",
      'validation_error/invalid_argument',
    ],
    [
      "[ WARN:0@0.012] global cap_v4l.cpp:999 open VIDEOIO(V4L2:/dev/video0): can't open camera by index",
      'config_error/file_not_found',
    ],
    [
      "[ WARN:0@0.264] global loadsave.cpp:248 findDecoder imread_('images/frame.png'): can't open/read file: check file path/integrity",
      'config_error/file_not_found',
    ],
    [
      `cv2.error: OpenCV(4.5.1) ../modules/dnn/src/caffe/caffe_io.cpp:1121: error: (-2:Unspecified error) FAILED: fs.is_open(). Can't open "MobileNetSSD_deploy.prototxt" in function 'ReadProtoFromTextFile'`,
      'config_error/file_not_found',
    ],
    [
      "cv2.error: OpenCV(4.7.0) :-1: error: (-5:Bad argument) in function 'rectangle'\n> Overload resolution failed:\n>  - Can't parse 'pt1'. Sequence item with index 0 has a wrong type",
      'validation_error/type_mismatch',
    ],
  ],
  [
    [
      '[ INFO:0@0.010] global cap_v4l.cpp:1001 open VIDEOIO(V4L2:/dev/video0): opened camera, 640x480 @ 30 fps',
      '!config_error/file_not_found',
    ],
    ["imwrite('out.png', frame) -> True, wrote 921600 bytes", '!validation_error/invalid_argument'],
  ],
);

familyByPackage(
  'PCL, yaml-cpp: empty clouds, missing and malformed files',
  [
    [
      "terminate called after throwing an instance of 'pcl::IOException'\n  what():  : [pcl::PCDWriter::writeBinary] Input point cloud has no data!",
      'data_error/empty_input',
    ],
    ['[mapping-2] [pcl::PCDReader::read] Corrupted PCD file. The file is smaller than expected!', 'data_error/corrupt_input'],
    [
      "terminate called after throwing an instance of 'YAML::BadFile'\n  what():  yaml-cpp: error at line 0, column 0: bad file",
      'config_error/file_not_found',
    ],
    [
      "terminate called after throwing an instance of 'YAML::InvalidNode'\n  what():  invalid node; this may result from using a map iterator as a sequence iterator, or vice-versa",
      'config_error/invalid_config',
    ],
    [
      '[ERROR] [1700000000.100000000] [planner_node]: yaml-cpp: error at line 12, column 3: illegal map value',
      'syntax_error/yaml_syntax',
    ],
  ],
  [
    ['[INFO] [pcl::PCDWriter] Saved 12034 data points to map.pcd', '!data_error/empty_input'],
    ['[INFO] [1700000000.1] [planner_node]: loaded params.yaml (12 keys)', '!syntax_error/yaml_syntax'],
  ],
);

familyByPackage(
  'GStreamer: gst-launch and v4l2src errors',
  [
    [
      "Setting pipeline to PAUSED ...\nERROR: from element /GstPipeline:pipeline0/GstV4l2Src:v4l2src0: Cannot identify device '/dev/video1'.",
      'config_error/file_not_found',
    ],
    [
      'ERROR: from element /GstPipeline:pipeline0/GstV4l2Src:v4l2src0: Internal data stream error.\nAdditional debug info:\n../libs/gst/base/gstbasesrc.c(3132): gst_base_src_loop (): /GstPipeline:pipeline0/GstV4l2Src:v4l2src0:\nstreaming stopped, reason not-negotiated (-4)',
      'config_error/invalid_config',
    ],
    [
      "ERROR: from element /GstPipeline:pipeline0/GstV4l2Src:v4l2src0: Device '/dev/video0' cannot capture at 1920x1080",
      'config_error/invalid_config',
    ],
  ],
  [
    ['Setting pipeline to PLAYING ...\nNew clock: GstSystemClock', '!config_error/invalid_config'],
    ['Got EOS from element "pipeline0".\nExecution ended after 0:00:05.002', '!config_error/file_not_found'],
  ],
);

familyByPackage(
  'servo and arm SDKs: Feetech, pymycobot, Universal Robots RTDE',
  [
    ["Some motors found returned an error status:\n{1: '[RxPacketError] Angle sen error!'}", 'hardware_fault/actuator_fault'],
    [
      'RuntimeError: One of the RTDE input registers are already in use! Currently you must disable the EtherNet/IP adapter, PROFINET or any MODBUS unit configured on the robot. This might change in the future.',
      'config_error/invalid_config',
    ],
    ['ERROR:rtde:received 0 bytes from Controller, probable cause: Controller has stopped', 'network_error/connection_reset'],
    ['Error: Joint 3 motor encoder reported an error.', 'hardware_fault/sensor_fault'],
  ],
  [
    ['[TxRxResult] Communication success!', '!hardware_fault/actuator_fault'],
    ['INFO:rtde:RTDE synchronization started', '!network_error/connection_reset'],
  ],
);

familyByPackage(
  'ultralytics: arguments, sources, weights',
  [
    [
      "SyntaxError: 'epoch=10' is not a valid YOLO argument. Similar arguments are i.e. ['epochs=100'].",
      'config_error/invalid_config',
    ],
    ['ConnectionError: 1/1: 0... Failed to open 0', 'config_error/file_not_found'],
    ['WARNING ⚠️ Video stream unresponsive, please check your IP camera connection.', 'hardware_fault/sensor_fault'],
  ],
  [
    ['1/1: 0... Success ✅ (inf frames of shape 640x480 at 30.00 FPS)', '!config_error/file_not_found'],
    ['Ultralytics 8.4.190 🚀 Python-3.11.9 torch-2.5.1 CPU', '!config_error/invalid_config'],
  ],
);

familyByPackage(
  'OpenCV second reading, PCL filters, DepthAI, jetson-utils, gst-inspect, DynamixelSDK status errors',
  [
    [
      "[ERROR:0@0.040] global cap.cpp:166 open VIDEOIO(CV_IMAGES): raised OpenCV exception:\n\nOpenCV(4.6.0) /io/opencv/modules/videoio/src/cap_images.cpp:253: error: (-5:Bad argument) CAP_IMAGES: can't find starting number (in the name of file): videos/run1.mp4 in function 'icvExtractPattern'",
      'config_error/file_not_found',
    ],
    [
      "cv2.error: OpenCV(4.7.0) /io/opencv/modules/calib3d/src/calibration.cpp:3694: error: (-215:Assertion failed) nimages > 0 in function 'calibrateCameraRO'",
      'data_error/empty_input',
    ],
    [
      "cv2.error: OpenCV(4.5.5) /io/opencv/modules/core/src/matrix.cpp:809: error: (-215:Assertion failed) 0 <= roi.x && 0 <= roi.width && roi.x + roi.width <= m.cols && 0 <= roi.y && 0 <= roi.height && roi.y + roi.height <= m.rows in function 'Mat'",
      'runtime_error/index_error',
    ],
    [
      "terminate called after throwing an instance of 'cv::Exception'\n  what():  OpenCV(4.2.0) ../modules/core/src/matrix.cpp:423: error: (-215:Assertion failed) 0 <= _rowRange.start && _rowRange.start <= _rowRange.end && _rowRange.end <= m.rows in function 'Mat'",
      'runtime_error/index_error',
    ],
    [
      'OpenCV Error: Assertion failed (0 <= _colRange.start && _colRange.start <= _colRange.end && _colRange.end <= m.cols) in Mat, file /build/opencv/modules/core/src/matrix.cpp, line 484',
      'runtime_error/index_error',
    ],
    [
      '[ WARN:0@1.2] global net_impl.cpp:174 setUpNet DNN module was not built with CUDA backend; switching to CPU',
      'import_error/missing_native_lib',
    ],
    [
      '[pcl::VoxelGrid::applyFilter] Leaf size is too small for the input dataset. Integer indices would overflow.',
      'config_error/invalid_config',
    ],
    [
      '[2024-01-01 10:00:00.000] [depthai] [warning] Insufficient permissions to communicate with X_LINK_UNBOOTED device with name "1.1". Make sure udev rules are set',
      'auth_error/permission_denied',
    ],
    ['[gstreamer] gstCamera -- could not find v4l2 device /dev/video1', 'config_error/file_not_found'],
    ["No such element or plugin 'nvv4l2decoder'", 'import_error/module_not_found'],
    ['[RxPacketError] The data length does not match as expected!', 'validation_error/invalid_argument'],
  ],
  [
    ['[pcl::VoxelGrid::applyFilter] Leaf size 0.05 applied to 120000 points', '!config_error/invalid_config'],
    [
      '[INFO] crop ok: roi.x=12 roi.width=300 within m.cols=640, _rowRange.start=0 _rowRange.end=10',
      '!runtime_error/index_error',
    ],
    ['[2024-01-01 10:00:00.000] [depthai] [info] Found 1 device: 1.1 (X_LINK_UNBOOTED)', '!auth_error/permission_denied'],
    ['[gstreamer] gstCamera -- found v4l2 device: /dev/video0', '!config_error/file_not_found'],
  ],
);

familyByPackage(
  'YOLOv5 and ultralytics: datasets, labels, devices',
  [
    [
      'Traceback (most recent call last):\n  File "train.py", line 542, in main\n    data_dict = check_dataset(data)\nDataset not found ⚠️, missing paths [\'/content/datasets/helmet/images/val\']\nRuntimeError: Dataset not found ❌',
      'config_error/file_not_found',
    ],
    [
      'AssertionError: train: No labels found in /data/labels/train.cache, can not start training. See https://docs.ultralytics.com/yolov5/tutorials/train_custom_data',
      'data_error/empty_input',
    ],
    [
      'AssertionError: Label class 3 exceeds nc=2 in data/custom.yaml. Possible class labels are 0-1',
      'config_error/invalid_config',
    ],
    [
      "AssertionError: Invalid CUDA '--device 0' requested, use '--device cpu' or pass valid CUDA device(s)",
      'config_error/invalid_config',
    ],
    [
      "ValueError: Invalid CUDA 'device=0' requested. Use 'device=cpu' or pass valid CUDA device(s) if available, i.e. 'device=0' or 'device=0,1,2,3' for Multi-GPU.",
      'config_error/invalid_config',
    ],
  ],
  [
    ['train: Scanning /data/labels/train.cache... 128 images, 0 backgrounds, 0 corrupt: 100%', '!data_error/empty_input'],
    ['YOLOv5 🚀 v7.0-1-g1234567 Python-3.10.12 torch-2.1.0+cu121 CUDA:0 (Tesla T4, 15102MiB)', '!config_error/invalid_config'],
  ],
);

familyByPackage(
  'OpenCV on macOS: camera permission and camera index',
  [
    ['OpenCV: not authorized to capture video (status 0), requesting...', 'auth_error/permission_denied'],
    ['OpenCV: out device of bound (0-0): 1', 'config_error/file_not_found'],
  ],
  [['OpenCV: camera opened at 1280x720 (status 3)', '!auth_error/permission_denied']],
);
