/**
 * Rules that read the wrong cause (issue 13, the rules census of test/accuracy/README.md: the
 * rules' specific answers that are not the label, by the rule that gave them). Each family is a
 * precedence the taxonomy's tie-breaking rules state, or a pattern narrowed to the texts it was
 * written for; positive texts and negative controls in the tools' own wording, not copied from
 * the accuracy cases.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'a device that cannot be opened is the setup, not the sensor (rule 3)',
  [
    ['[ERROR] [1700000000.1] [usb_cam]: Cannot open device /dev/video2', 'config_error/file_not_found'],
    ['[camera_node-1] [ERROR] [1.0] [camera_node]: failed to open camera device 1', 'config_error/file_not_found'],
    ['[rplidar_node-1] Error, cannot open serial port /dev/rplidar', 'config_error/file_not_found'],
    ['Error: open camera /dev/video4 failed, err code: -1', 'config_error/file_not_found'],
    // The sensor's own symptom beside the open that failed: the open names the cause.
    [
      "[Serial]Could not open serial port '/dev/ydlidar'!\n[Lidar] Open serial port /dev/ydlidar failed!",
      'config_error/file_not_found',
    ],
  ],
  [
    // A device that went away or answers badly is the sensor (rule 2); a refused open is permission.
    [
      '[ERROR] [1.0] [camera]: Failed to open device: 1/2@3 error: No such device (it may have been disconnected)',
      'hardware_fault/sensor_fault',
    ],
    ["could not open port /dev/ttyUSB0: [Errno 13] Permission denied: '/dev/ttyUSB0'", 'auth_error/permission_denied'],
    ['[ERROR] [1.0] [imu_driver]: imu timed out waiting for data, failed to open stream', '!config_error/file_not_found'],
    // "lidar failed" inside a device path is not a lidar's failure.
    ['[AuxCtrl] Start motor on /dev/3ilidar failed, retrying', '!hardware_fault/sensor_fault'],
    ['Opened the camera device; stream started at 30 fps', '!config_error/file_not_found'],
  ],
);

familyWithControls(
  'a timeout named as a setting is not a timeout that happened',
  [
    ['[ERROR] [1.0] [teleop]: service call timed out after 5 s', 'timeout/request_timeout'],
    ['bridge.client: Timeout waiting for response from the base controller', 'timeout/request_timeout'],
  ],
  [
    // A keyword argument or a parameter's description names a limit, not that it was reached.
    ["[move_group-1] [ERROR] [1.0] [planner]: plan(group='arm', timeout=5.0) returned no solution", '!timeout/request_timeout'],
    ['Options:\n  --crash-wait INT   timeout in milliseconds. This can be used to delay the exit', '!timeout/request_timeout'],
    ['benchmark run finished: run(model=base, timeout=900s) exited with status 1', '!timeout/request_timeout'],
  ],
);

familyWithControls(
  "a segmentation fault is the program's crash, not a device's fault (rule 6)",
  [
    ['[ERROR] [1.0] [laser_driver]: laser fault detected, stopping the scan', 'hardware_fault/sensor_fault'],
    ['Segmentation fault (core dumped)', 'runtime_error/unhandled_exception'],
  ],
  [
    // The component named on the line is where the crash happened, not what faulted.
    ['Segmentation fault in slam::laser_landmark::rays_in_world() const () from libslam.so', '!hardware_fault/sensor_fault'],
    [
      'Thread 7 "gimbal_ctrl" received signal SIGSEGV, Segmentation fault in motor_interface::update()',
      '!hardware_fault/actuator_fault',
    ],
  ],
);

familyWithControls(
  "an EtherCAT slave's status code naming a configuration it refuses is the setup (rule 3)",
  [
    [
      'Request safe operational state for all slaves\nNot all slaves reached safe operational state.\nSlave 3 State=0x12 StatusCode=0x001d : Invalid output configuration',
      'config_error/invalid_config',
    ],
    [
      'Not all slaves reached safe operational state.\n Slave 2 State=12 StatusCode= 1e : Invalid input configuration',
      'config_error/invalid_config',
    ],
  ],
  [
    // The state missed with no cause given stays the SOEM message's own reading.
    [
      'Request safe operational state for all slaves\nNot all slaves reached safe operational state.',
      'timeout/deadline_exceeded',
    ],
    [
      'Not all slaves reached safe operational state.\nSlave 1 State=0x12 StatusCode=0x0000 : No error',
      'timeout/deadline_exceeded',
    ],
  ],
);

familyWithControls(
  "OpenCV's allocation failure is host memory; the same words from XLA or CUDA are not OpenCV's",
  [
    [
      "cv2.error: OpenCV(4.8.0) /io/opencv/modules/core/src/alloc.cpp:73: error: (-4:Insufficient memory) Failed to allocate 24883200 bytes in function 'OutOfMemoryError'",
      'resource_error/host_oom',
    ],
  ],
  [
    [
      'jaxlib.xla_extension.XlaRuntimeError: INTERNAL: Failed to allocate 4194304 bytes for new constant',
      '!resource_error/host_oom',
    ],
  ],
);

familyWithControls(
  "an argument refused for its type by a binding is a type error; a string conversion's invalid_argument a value error",
  [
    [
      'Boost.Python.ArgumentError: Python argument types in\n    Grabber.set_mode(Grabber, unicode)\ndid not match C++ signature:\n    set_mode(Grabber {lvalue}, std::string)',
      'runtime_error/type_error',
    ],
    ["ctypes.ArgumentError: argument 3: <class 'TypeError'>: wrong type", 'runtime_error/type_error'],
    [
      "[INFO] [1.0] [driver]: reading the port setting\nterminate called after throwing an instance of 'std::invalid_argument'\n  what():  stoi",
      'runtime_error/value_error',
    ],
  ],
  [
    // An argument refused for its value stays an invalid argument.
    ['java.lang.IllegalArgumentException: speed must be between 0 and 1.5, got 2.0', 'validation_error/invalid_argument'],
    [
      "terminate called after throwing an instance of 'std::invalid_argument'\n  what():  joint index out of range for this arm",
      '!runtime_error/value_error',
    ],
  ],
);
