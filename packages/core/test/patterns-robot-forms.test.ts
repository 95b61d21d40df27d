/**
 * Robot failure forms read from robotics-18's misses (released for tuning), written as other
 * drivers print them too. Each family: positives read as the taxonomy's tie-breaking rules say,
 * controls are near lines that are not the form.
 */
import { familyWithControls } from './patterns-read.js';

// Rule 2: a sensor named as silent (its link to the host does not work, its frames cannot be
// polled, it cannot be read) is the sensor.
familyWithControls(
  'a sensor whose communication or reads fail is a sensor fault',
  [
    ['[ERROR] [1747276818.48] [LD06]: ldlidar communication is abnormal.', 'hardware_fault/sensor_fault'],
    ['[ERROR] [1745973985.02] [ldlidar_node]:  !!! LDLidar communication KO !!!', 'hardware_fault/sensor_fault'],
    ['[WARN] [imu_node]: IMU communication lost, restarting the serial link', 'hardware_fault/sensor_fault'],
    ['[k4a_ros_device_node]: Failed to poll cameras: node cannot continue.', 'hardware_fault/sensor_fault'],
    ['[depth_driver] failed to poll the camera, giving up', 'hardware_fault/sensor_fault'],
    ['Error reading sensor', 'hardware_fault/sensor_fault'],
    ['MPU6050: error while reading from the IMU (check the wiring)', 'hardware_fault/sensor_fault'],
  ],
  [
    ['Error reading file /home/robot/params.yaml', '!hardware_fault/sensor_fault'],
    ['[worker] Failed to poll the job queue: retrying', '!hardware_fault/sensor_fault'],
    ['Modbus communication is abnormal with the PLC', '!hardware_fault/sensor_fault'],
    ['[lidar] sensor data received, communication established', '!hardware_fault/sensor_fault'],
  ],
);

// gRPC's "failed to connect to all addresses": the channel never reached a server (nothing
// listening at the address), whatever status code wraps it.
familyWithControls(
  'a gRPC channel that reaches no server is a refused connection',
  [
    [
      'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "failed to connect to all addresses"',
      'network_error/connection_refused',
    ],
    [
      'E0606 12:00:01.000 client.cc:88] RPC failed: code=14 message=failed to connect to all addresses; last error: UNKNOWN: ipv4:10.0.0.5:50051',
      'network_error/connection_refused',
    ],
  ],
  [
    [
      'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.DEADLINE_EXCEEDED\n\tdetails = "Deadline Exceeded"',
      'timeout/deadline_exceeded',
    ],
    ['google.genai.errors.ServerError: 503 UNAVAILABLE. The model is overloaded.', '!network_error/connection_refused'],
  ],
);

// Rule 5: a GL, EGL or Vulkan library's header missing from a build is that native library
// missing; another header missing stays a missing module.
familyWithControls(
  'a graphics library header not found is a missing native library',
  [
    [
      '/tmp/pip-install-x1/mujoco-py/mujoco_py/gl/osmesashim.c:1:23: fatal error: GL/osmesa.h: No such file or directory\n    compilation terminated.',
      'import_error/missing_native_lib',
    ],
    ['src/render.cpp:3:10: fatal error: GL/glew.h: No such file or directory', 'import_error/missing_native_lib'],
    ['src/vk_context.cpp:2:10: fatal error: vulkan/vulkan.h: No such file or directory', 'import_error/missing_native_lib'],
  ],
  [
    [
      'src/driver.cpp:5:10: fatal error: hardware_interface/loaned_command_interface.hpp: No such file or directory',
      'import_error/module_not_found',
    ],
    ['src/node.cpp:4:10: fatal error: kinfu_msgs/KinfuCommand.h: No such file or directory', 'import_error/module_not_found'],
  ],
);
