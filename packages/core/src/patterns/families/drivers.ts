/**
 * Patterns: robot drivers and controllers, read by the vocabulary their vendors print rather
 * than by one text each — libfranka's reflex names, ODrive's error enums (AxisError.*,
 * MotorError.*, EncoderError.*), arm controllers that report a fault state, grippers that do
 * not answer, joint trajectory controllers aborting on a tolerance, lidar/IMU drivers reporting
 * a device health or data failure, GenICam cameras whose acquisition times out, the TFMini library's
 * garbled-frame states, autopilot preflight sensor checks (PX4 "PREFLIGHT FAIL",
 * ArduPilot "PreArm"), corrupt NMEA sentences, and robot controllers that cannot be reached.
 * Evaluated in the order of library.ts (just before the robot family, so that a vendor's own
 * word outranks the generic "motor error" reading); tested in test/patterns-drivers.test.ts (the GenICam
 * timeout and the TFMini states in test/patterns-r31bc-forms.test.ts).
 *
 * Regexes are linear (bounded repetition, no nested quantifiers).
 */
import { SENSOR_CONTEXT } from '../resolvers.js';
import type { Pattern } from '../types.js';

/**
 * libfranka reflexes that are a safety stop (a collision or force limit tripped), as opposed
 * to a command the controller sent badly (motion-generator discontinuities and limits).
 */
const FRANKA_SAFETY_REFLEXES =
  'cartesian_reflex|joint_reflex|self_collision_avoidance_violation|force_control_safety_violation|power_limit_violation|tau_j_range_violation|instability_detected';

export const DRIVERS: Pattern[] = [
  {
    // A network or CAN interface the host does not have ("Cannot find device \"can0\"", SocketCAN's
    // ENODEV on an interface): a device named in the setup that does not exist, like a missing
    // file (docs/taxonomy.md rule 3; labels file_not_found 3, no other). A camera or serial device
    // that vanished is the device (robot.sensor_fault), not this: libusb's LIBUSB_ERROR_NO_DEVICE, "No
    // such device (it may have been disconnected)", after a USB interface claim or release (Orbbec,
    // Astra: "release interface failed, error: No such device (it may have been disconnected)") is a
    // USB device unplugged while in use, not a network interface.
    id: 'driver.interface_missing',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.72,
    priority: 80,
    match:
      /(Cannot find device "[\w.-]{1,20}"|[Ii]nterface '?[\w.-]{1,20}'?[^\n]{0,80}No such device(?! \(it may have been disconnected\))|\b(?:v?can|slcan|eth|wlan)\d{1,3}: [^\n]{0,60}No such device|(?:Cannot|Could not|Unable to|Failed to) open CAN (?:device|interface)\b(?![^\n]{0,80}(?:[Pp]ermission denied|[Oo]peration not permitted|\bE(?:ACCES|PERM|BUSY)\b|[Aa]ccess (?:is )?denied|busy|in use|already open))[^\n]{0,60})/,
    title: 'Network or CAN interface not present',
    hypothesis:
      'The program was told to use a network interface (a SocketCAN can0, an Ethernet port) that the host does not have: the adapter is not plugged in, its kernel module is not loaded, the interface was never brought up under that name, or the container does not see it.',
    fix: 'List the interfaces (ip link), load the driver (modprobe can / gs_usb / peak_usb), create and bring up the interface (ip link set can0 up type can bitrate …), or pass it into the container (--network host).',
    actions: ['ip link show', "Load the adapter's kernel module and bring the interface up"],
  },
  {
    id: 'robot.franka_communication',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'high',
    confidence: 0.8,
    priority: 84,
    needs: ['communication_constraints_violation', 'control_command_success_rate'],
    match: /(communication_constraints_violation[^\n]{0,40}|control_command_success_rate:? 0\.[0-8]\d{0,6})/,
    title: 'Robot control packets missed their real-time deadline',
    hypothesis:
      "The 1 kHz control loop did not deliver its commands within the robot's cycle deadline (libfranka communication_constraints_violation): a busy or shared network, a non-realtime kernel or a slow control callback, not a broken joint.",
    fix: 'Connect the control PC directly to the robot (no shared switch), use a realtime kernel and CPU frequency governor "performance", and keep the control callback well under 1 ms.',
    actions: [
      "Run the vendor's communication test and check the command success rate",
      'Check the network path and the kernel (PREEMPT_RT) of the control PC',
    ],
  },
  {
    id: 'robot.operation_refused',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.78,
    priority: 92,
    // Also a flight controller refusing to arm (its arming checks or disable flags): rule 8.
    needs: ['not allowed while', 'motorsonerror', 'unable to arm', 'arming disable'],
    match:
      /((?:operation|command|request|action) is not allowed while (?:the )?(?:motors?|robot|arm|power|estop|e-stop)[^\n]{0,40}|\bMotorsOnError\b[^\n]{0,60}|\bUnable to arm (?:due to|because|while)\b[^\n]{0,60}|\bArming disabled? flags?:?[^\n]{0,40})/i,
    title: 'The robot refused an operation in its current state',
    hypothesis:
      'The robot refused the request because it is not allowed in its current state (e.g. configuring the e-stop or a lease while the motors are powered): the caller sent it at the wrong time, nothing is broken.',
    fix: 'Bring the robot to the state the operation requires first (power the motors off, release the lease) and order the calls accordingly.',
    actions: ["Check the robot's power/lease state before the call", "Read the API's preconditions for the operation"],
  },
  {
    // MAVLink's command acknowledgement (pymavlink/dronekit print the message as
    // "COMMAND_ACK {command : 176, result : 3}", mavros "Unexpected command 11, result 4", others the
    // enum names): a mode change, arming, take-off or landing the vehicle answered with a non-zero
    // MAV_RESULT (1 temporarily rejected, 2 denied, 3 unsupported, 4 failed) was refused in its current
    // state (rule 8). Other commands' results are not read: their refusal can be a bad parameter.
    id: 'mavlink.command_refused',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.66,
    priority: 80,
    needs: ['command_ack', 'unexpected command', 'mav_cmd_'],
    match:
      /(\bCOMMAND_ACK:? ?\{command ?: ?(?:11|20|21|22|176|400), result ?: ?[1-4]\b[^\n}]{0,40}\}?|\bUnexpected command (?:11|20|21|22|176|400), result [1-4]\b|\bMAV_CMD_(?:DO_SET_MODE|COMPONENT_ARM_DISARM|NAV_TAKEOFF|NAV_LAND|NAV_RETURN_TO_LAUNCH)\b[^\n]{0,40}\b(?:MAV_RESULT_)?(?:TEMPORARILY_REJECTED|DENIED|FAILED|UNSUPPORTED)\b)/,
    title: 'The vehicle refused a mode change, arming or take-off ($1)',
    hypothesis:
      'The flight controller acknowledged the command with a refusal (MAV_RESULT not ACCEPTED): the mode, arming or take-off is not allowed in its current state (not armed, no position estimate, a failing pre-arm check, a mode the vehicle type lacks).',
    fix: "Read the flight controller's status messages just before the refusal (pre-arm checks, EKF and GPS state) and bring the vehicle to the state the command needs, or pick a mode the vehicle supports.",
    actions: [
      'Read the STATUSTEXT messages around the acknowledgement',
      "Check the vehicle's arming state, position estimate and available modes",
    ],
  },
  {
    id: 'robot.safety_reflex',
    category: 'hardware_fault',
    factor: 'emergency_stop',
    severity: 'high',
    confidence: 0.82,
    priority: 84,
    needs: [
      'cartesian_reflex',
      'joint_reflex',
      'self_collision_avoidance_violation',
      'force_control_safety_violation',
      'power_limit_violation',
      'tau_j_range_violation',
      'instability_detected',
    ],
    match: new RegExp(
      `((?:aborted by reflex|reflex)[^\\n]{0,20}(?:${FRANKA_SAFETY_REFLEXES})[^\\n]{0,40}|\\b(?:${FRANKA_SAFETY_REFLEXES})\\b)`,
    ),
    title: 'Robot stopped by its collision / safety reflex',
    hypothesis:
      "The robot's own safety layer stopped the motion (a collision, contact force or torque limit was exceeded — libfranka cartesian/joint reflex): a protective stop, triggered by contact with the scene or by too aggressive a motion.",
    fix: 'Check for contact with the table or objects at that moment; raise the collision thresholds only if the contact is intended, otherwise slow down or re-plan around it; recover the robot (automatic error recovery) before the next motion.',
    actions: [
      'Look at the external forces/torques just before the stop',
      'Check the collision behaviour thresholds set for the robot',
      'Run error recovery before the next command',
    ],
  },
  {
    id: 'robot.drive_error_enum',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 81,
    needs: ['axiserror.', 'motorerror.', 'encodererror.', 'controllererror.', 'odriveerror.', 'drvfault.', 'error(s):'],
    match:
      /(\b(?:AxisError|MotorError|EncoderError|ControllerError|ODriveError|DrvFault)\.(?!NONE\b)[A-Z][A-Z0-9_]{2,60}|\b(?:motor|encoder|axis|controller): Error\(s\):)/,
    title: 'Motor drive reported errors ($1)',
    hypothesis:
      'The motor drive (ODrive-style axis/motor/encoder/controller error enums) flagged faults: a disconnected or mis-wired motor or encoder, a failed calibration, or a controller that lost its position estimate, so the axis stopped being driven.',
    fix: "Decode each flag with the drive's documentation, check the motor and encoder cables and calibration, clear the errors and re-calibrate before the next run.",
    actions: [
      'Dump the drive errors (dump_errors) and decode every flag',
      'Check the motor phase and encoder wiring',
      'Clear the errors and re-run calibration',
    ],
  },
  {
    id: 'robot.arm_fault_state',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 82,
    needs: [
      'robot_in_fault',
      'fault state',
      'faulted state',
      'fault_state',
      'tolerances failed for joint',
      'tolerance violation',
      'path_tolerance_violated',
    ],
    match:
      /(\bROBOT_IN_FAULT\b[^\n]{0,40}|\b(?:arm|robot|manipulator|drive|axis|actuator) (?:is |went |entered )?in(?:to)? (?:a )?fault(?:ed)? state[^\n]{0,40}|\bFAULT_STATE\b|State tolerances failed for joint[^\n]{0,40}|Path tolerances failed for joint[^\n]{0,40}|Goal tolerances failed for joint[^\n]{0,40}|Aborted due to (?:state|path) tolerance violation|PATH_TOLERANCE_VIOLATED[^\n]{0,40})/i,
    title: 'Arm in a fault state or not following its trajectory',
    hypothesis:
      'The arm did not follow its command: its controller reports a fault state, or the trajectory controller aborted because a joint lagged the path beyond its tolerance (a joint that is blocked, overloaded, under-powered or badly tuned).',
    fix: "Read the arm's own fault log (drive, joint and safety flags) at that moment; check the lagging joint's load, brakes and gains; clear the fault before the next motion.",
    actions: [
      "Read the arm controller's fault/sub-code at the failure time",
      'Plot commanded vs actual position of the joint named',
      'Clear faults and re-home before the next run',
    ],
  },
  {
    id: 'robot.gripper_no_response',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.78,
    priority: 80,
    needs: ['respon', 'failed to contact', 'not ready', 'not activated'],
    match:
      /((?:gripper|end[- ]effector|hand)[^\n]{0,60}(?:seems not to respond|does not respond|not responding|no response|did not respond)[^\n]{0,20}|Failed to contact (?:the )?(?:gripper|end[- ]effector|hand)[^\n]{0,40}|(?:gripper|end[- ]effector) (?:is )?not (?:ready|activated)[^\n]{0,30}(?:timeout|timed out|abort)[^\n]{0,20})/i,
    title: 'Gripper does not answer',
    hypothesis:
      'The gripper (over its serial/Modbus link) never answered its driver, so grasp commands were aborted: the gripper is unpowered, not activated, or its link (tool port, baud rate, device path) is wrong.',
    fix: "Check the gripper's power and activation, the tool communication settings (baud rate, device path, tool voltage) and the cable; restart the gripper driver.",
    actions: ["Check the gripper's LED/status and power", 'Check the serial/Modbus settings of the tool port'],
  },
  {
    id: 'robot.range_sensor_health',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    needs: [
      'failed to init',
      'cannot retrieve',
      'laser failure',
      'failed to turn on the',
      'error initializing',
      'get device',
      'gather failed',
      'read failed',
      'acquisition failed',
      'health check failed',
      'lidar health',
      'laser health',
      'scanner health',
      'lidar status',
      'laser status',
      'scanner status',
    ],
    match:
      /(cannot retrieve [\w ]{0,20}(?:lidar|laser|sensor) health[^\n]{0,40}|Failed to init(?:ialize)? (?:the )?[\w-]{0,20} ?(?:lidar|laser|scanner|imu)(?: sdk| driver| device)?\b[^\n]{0,30}|\[Laser Failure\]|Laser Failure\b|Failed to turn on the (?:Lidar|laser|scanner)[^\n]{0,40}|Error initializing (?:YD)?LIDAR[^\n]{0,40}|get Device (?:Information|Health) Error|(?:lidar|laser|scanner|imu|gyro|accelerometer|camera|gps|gnss|sensor) (?:data )?(?:gather|read|acquisition|health check) failed[^\n]{0,20}|(?:lidar|laser|scanner) (?:health|status)[^\n]{0,20}(?:error|bad|fail(?:ed|ure)?)\b)/i,
    title: 'Sensor reports a device failure',
    hypothesis:
      'The sensor device (lidar, IMU, camera) answered its driver with a failure — a bad health code, a laser or data-acquisition failure — so it delivers no usable data: a hardware or connection fault of the sensor.',
    fix: "Power-cycle the sensor, check its cable, USB adapter and baud rate, and its health status with the vendor's tool; replace it if the failure persists.",
    actions: ["Query the sensor's health with the vendor tool", 'Try another cable / USB adapter / port'],
  },
  {
    // NVIDIA Jetson's camera capture driver (the kernel's tegra VI: tegra-vi4 on TX2/Nano, tegra194-vi5 and
    // tegra-capture-vi on Xavier/Orin) reports the frames of a CSI/GMSL/FPD-Link camera that never arrive
    // or arrive broken in its own words: "PXL_SOF syncpt timeout! err = -11", "uncorr_err: request timed
    // out after 2500 ms", "corr_err: discarding frame", "master error". A connected camera whose frames
    // time out or come garbled is the sensor (docs/taxonomy.md rule 2; robotics-29c, three forum threads:
    // sensor_fault 2, invalid_config 1 where the prose names a height setting). The driver logs them and
    // goes on (it resets the channel): a warning, so a later raised error of another cause answers, and
    // GStreamer's own lines of a pipeline that ran to its end ("Got EOS from element", "Execution ended
    // after") say the capture recovered: the warning yields to them.
    id: 'robot.tegra_vi_capture',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.76,
    priority: 78,
    needs: ['tegra'],
    match:
      /(\btegra[\w-]{0,16}vi\d?\b[^\n]{0,120}?(?:PXL_[SE]OF syncpt timeout|uncorr_err: request timed out|corr_err: discarding frame|master error)[^\n]{0,40})/,
    warning: { cleared: /^Execution ended after \d|^Got EOS from element\b/ },
    title: 'The camera capture (tegra VI) gets no or broken frames',
    hypothesis:
      "The Jetson's video input received no frame (a syncpoint timeout) or a corrupt one from the camera: the sensor, its cable/serializer link or its CSI lanes do not deliver the stream the capture was set up for.",
    fix: "Check the camera's power, cable and serializer link, and that the sensor mode (resolution, lanes, pixel clock in the device tree) matches what the sensor sends; capture with v4l2-ctl to test the link alone.",
    actions: [
      'Capture with v4l2-ctl --stream-mmap to test the sensor alone',
      "Compare the device tree's sensor mode with the sensor's output",
    ],
  },
  {
    id: 'robot.camera_link_lost',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    needs: ['x_link_', 'xlink'],
    match:
      /(\bX_LINK_(?:DEVICE_NOT_FOUND|ERROR|TIMEOUT|COMMUNICATION_NOT_OPEN|INSUFFICIENT_PERMISSIONS|OUT_OF_MEMORY)\b[^\n]{0,40}|Couldn'?t read data from stream: '[\w-]{1,60}' \(X_LINK_ERROR\)|XLink(?:Connect|Boot|Read|Write)\w{0,20} (?:failed|error)[^\n]{0,40})/,
    title: 'The camera device could not be reached over its link ($1)',
    hypothesis:
      'The depth camera (Luxonis OAK over XLink, USB or PoE) was not found or its link dropped: the device rebooted, is powered or cabled poorly (USB power, a PoE switch), or is still claimed by another process, so the camera node stops.',
    fix: 'Check the power and cable (a powered USB3 hub, the PoE switch), that no other process holds the device, and the udev rules; reconnect and let the node retry on X_LINK errors.',
    actions: [
      'List the devices the SDK can see',
      'Check dmesg for USB resets at that time',
      'Try another cable/port or PoE switch',
    ],
  },
  {
    // A GenICam camera's acquisition that timed out, as its SDKs raise it: GenApi's C++ exception in its
    // versioned namespace ("terminate called after throwing an instance of 'GenICam_3_3_LUCID::
    // TimeoutException'", Basler's GenICam_3_1_Basler_pylon::), harvesters' fetch() re-raising GenTL's
    // ("_gentl.TimeoutException", genicam.gentl), pypylon's genicam.TimeoutException ("Grab timed out"). A
    // connected camera whose frames time out is the sensor (docs/taxonomy.md rule 2; robotics-31b arena_camera
    // and photoneo, both labels sensor_fault), not timeout.request's software exchange: GenICam is a camera
    // interface, so its timeout names the device.
    id: 'robot.genicam_timeout',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.72,
    priority: 80,
    needs: ['genicam', '_gentl.'],
    match:
      /((?:\bGenICam(?:_\d{1,2}_\d{1,2}(?:_\w{1,30})?)?::|\b(?:pypylon\.)?genicam\.(?:gentl\.)?|\b_gentl\.)TimeoutException\b[^\n]{0,80})/,
    title: 'The camera delivered no frame in time ($1)',
    hypothesis:
      'The GenICam camera (GigE Vision or USB3 Vision) was found and opened, but its image acquisition timed out: no frame arrived from the device — its link (GigE packet size, bandwidth, a NIC or switch dropping packets, USB power), its trigger mode (waiting for a trigger that never comes) or the camera itself.',
    fix: "Check the camera's trigger mode and acquisition settings, the link (jumbo frames / packet size and inter-packet delay for GigE, a direct USB3 port), and that the camera streams in the vendor's viewer; then raise the fetch timeout if frames are only slow.",
    actions: [
      "Stream from the camera in the vendor's viewer (ArenaView, pylon Viewer, PhoXi Control)",
      'Check TriggerMode and the GigE packet size / bandwidth settings',
    ],
  },
  {
    // The TFMini lidar library (opensensinglab/tfmini TFMini.cpp getDistance, and the forks that copy it:
    // Arduino, wiringPi and Java ports) names the state of its last frame: ERROR_SERIAL_BADCHECKSUM (a frame
    // whose checksum is wrong), ERROR_SERIAL_NOHEADER (no 0x59 0x59 header in the bytes read), and after ten of them "TF Mini error: too many measurement
    // attempts." A garbled or headerless stream from the connected range sensor is the sensor (docs/
    // taxonomy.md rule 2: a garbled stream from a connected device; robotics-31b tfmini, both labels).
    id: 'robot.range_frame_garbled',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.7,
    priority: 78,
    // Only as the library prints its state: "Last error:" and the state's name, on the same line or the next
    // (Serial.println, printf with or without "\n"), or its "too many measurement attempts" line; the names
    // alone are its header's constants (a compiler's "ERROR_SERIAL_NOHEADER redefined", a switch quoted in
    // source), not a state reported (review 21b F4).
    needs: ['last error:', 'mini error: too many'],
    match:
      /(Last error:[ \t]{0,4}(?:\r?\n[ \t]{0,8})?ERROR_SERIAL_(?:BADCHECKSUM|NOHEADER|TOOMANYTRIES)\b|TF ?Mini error: too many measurement attempts)/,
    title: 'The range sensor sent garbled frames ($1)',
    hypothesis:
      'The TFMini lidar library read frames from the sensor whose checksum or header is wrong: the serial stream is garbled (a baud rate or output mode other than the standard 9-byte one, a loose wire or noise, a sensor sending another protocol), or the frame size and checksum range the library assumes do not fit this sensor model (opensensinglab/tfmini issue 9: bad checksums from a healthy sensor).',
    fix: "Check the sensor's wiring and power, that it runs in the standard output mode at the baud rate the library reads (115200), and the library's frame size for this sensor model.",
    actions: ['Read the raw bytes from the serial port and look for the 0x59 0x59 header', 'Check the baud rate and output mode'],
  },
  {
    id: 'robot.gnss_config_rejected',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.72,
    priority: 76,
    needs: ['could not configure', "'error:", 'nack', 'failed to configure'],
    match:
      /(Could not configure (?:the )?(?:serial )?(?:baud ?rate|UART\d?|port|rate|GNSS|receiver|(?:u-?blox|ublox) \w{1,30})[^\n]{0,40}|U-?Blox:? (?:Could not|Failed to) configure[^\n]{0,60}|AACmd '[^'\n]{1,120}' : 'ERROR:[^'\n]{1,80}'|\bCFG-\w{2,20}[^\n]{0,30}\bNACK\b|\bNACK (?:received )?for (?:CFG-)?\w{2,20}[^\n]{0,30})/i,
    title: 'The GNSS receiver rejected its configuration',
    hypothesis:
      'The GPS/GNSS driver sent configuration commands (baud rate, message rates, logs) that the receiver refused or could not apply: settings that do not match how the receiver is connected or what its firmware supports.',
    fix: "Configure the driver for the receiver's actual port, baud rate and firmware (or configure the receiver once with its vendor tool), and remove the commands it rejects.",
    actions: [
      "Compare the driver's port/baud/message settings with the receiver's",
      "Read the receiver's reply to each configuration command",
    ],
  },
  {
    id: 'robot.radio_link_lost',
    category: 'network_error',
    factor: 'connection_reset',
    severity: 'high',
    confidence: 0.74,
    priority: 74,
    needs: ['link error', 'packets lost', 'link lost', 'link timeout'],
    match:
      /(Got link error callback \[[^\]\n]{1,80}\][^\n]{0,40}|Too many packets lost[^\n]{0,40}|(?:radio|telemetry|mavlink|crazyradio|heartbeat) link (?:lost|timeout|timed out)[^\n]{0,40}|\blink (?:error|lost)\b[^\n]{0,30}\b(?:radio|crazyflie|drone|uav|vehicle)\b[^\n]{0,30})/i,
    title: 'The radio link to the vehicle dropped',
    hypothesis:
      'The radio/telemetry link between the ground station and the vehicle (a Crazyflie radio, a MAVLink telemetry link) lost too many packets and was closed: the vehicle lost power or rebooted, is out of range, or the channel is congested.',
    fix: "Check the vehicle's power and the radio (range, channel, interference, antenna); reconnect after a drop and make the mission stop safely when the link is lost.",
    actions: ['Check the battery/power of the vehicle at that moment', 'Check the link quality (packet loss) before the drop'],
  },
  {
    id: 'robot.prearm_config',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.74,
    priority: 81,
    needs: ['prearm:'],
    match:
      /(PreArm: (?:[\w :]{0,30}not using configured \w{1,30}|[\w ]{0,30}(?:not calibrated|calibration needed|calibration required)|(?:Motors: )?Check (?:frame class|FRAME_CLASS|MOT_\w{1,30}|\w{2,30} param(?:eter)?s?)|[\w ]{0,30}(?:param(?:eter)?s? (?:out of range|invalid|not set)|not configured|misconfigured|invalid (?:setting|config(?:uration)?))|Duplicate Aux Switch Options|RC not calibrated|[\w ]{0,20}check fence|Invalid \w{2,30}(?: for)?[\w ]{0,30})[^\n]{0,40})/,
    title: 'Arming refused by a configuration pre-arm check ($1)',
    hypothesis:
      'The autopilot refused to arm because a pre-arm check found its setup incomplete or inconsistent — sensors never calibrated, a frame/motor or estimator (AHRS/EKF type) parameter that does not match the hardware — not a failing sensor.',
    fix: 'Complete the calibration or set the parameter the message names (AHRS_TYPE / EKx_ENABLE, FRAME_CLASS, MOT_*, RC calibration) from the ground station, then reboot and retry.',
    actions: ['Read every PreArm message and the parameter it names', 'Run the missing calibration from the ground station'],
  },
  {
    id: 'robot.preflight_sensor',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.78,
    priority: 79,
    needs: ['preflight fail', 'not found', 'prearm:', 'missing', ' health'],
    match:
      /(PREFLIGHT FAIL: (?:ACCEL|GYRO|MAG|COMPASS|BARO|AIRSPEED|IMU)[^\n]{0,50}|Preflight Fail: (?:no valid data from )?(?:Accel|Gyro|Compass|Mag|Baro|Airspeed)[^\n]{0,50}|Preflight Fail: [\w ]{1,30}(?:missing data|data missing|not (?:found|present|healthy)|inconsistent|unhealthy|timeout)[^\n]{0,30}|Primary (?:accelerometer|gyro|magnetometer|compass|barometer) not found[^\n]{0,20}|PreArm: (?:INS|Compass|Baro|Gyros?|Accels?|AHRS)[^\n]{0,50}|(?:Accel|Gyro|Compass|Baro|Mag) (?:Sensor )?#?\d{0,2} ?missing[^\n]{0,20}|\bBad (?:Compass|GPS|Gyro|Accel|Baro|Airspeed|LiDAR|Rangefinder) Health\b[^\n]{0,40})/i,
    // "Bad GPS Health" shows at boot until the GPS has a fix: when a later line says the vehicle armed,
    // the check cleared and what ended the flight after it (a failsafe, a crash) is the cause. Until
    // then it is a refusal to arm (a mission script's error after it is its consequence): classify.ts,
    // Pattern.warning.
    warning: {
      form: /\bBad (?:Compass|GPS|Gyro|Accel|Baro|Airspeed|LiDAR|Rangefinder) Health\b/i,
      cleared: /^[^\n]{0,60}\b(?:ARMED|Armed|Arming motors)\b/,
      refusal: true,
    },
    title: 'Autopilot preflight check: a sensor is missing or uncalibrated',
    hypothesis:
      "The flight controller's preflight/arming check failed on an inertial or magnetic sensor (not found, no valid data, uncalibrated or inconsistent), so the vehicle refused to arm.",
    fix: 'Check that the named sensor is detected (wiring, board variant, driver started), re-run its calibration, and read the full preflight report (PX4 `commander check`).',
    actions: [
      'Run the preflight check from the console',
      'Re-calibrate the named sensor',
      'Check the sensor is detected at boot',
    ],
  },
  {
    id: 'robot.nmea_corrupt',
    category: 'data_error',
    factor: 'corrupt_input',
    severity: 'medium',
    confidence: 0.72,
    priority: 66,
    needs: ['checksum'],
    match:
      /((?:sentence|NMEA|message|packet|frame)[^\n]{0,30}(?:invalid|bad|wrong) checksum[^\n]{0,40}|(?:invalid|bad) checksum[^\n]{0,30}(?:sentence|NMEA)[^\n]{0,40})/i,
    title: 'Corrupted messages from a device (bad checksums)',
    hypothesis:
      'Messages from a device (NMEA sentences, serial frames) arrive with bad checksums: the bytes are corrupted on the link (baud rate, noise, a shared port), so the driver drops them.',
    fix: "Check the link's baud rate and that only one process reads the port; shorten or shield the cable; check the device's output configuration.",
    actions: ['Dump the raw serial stream and compare with the expected format', 'Check baud rate and port sharing'],
  },
  {
    id: 'robot.controller_unreachable',
    category: 'network_error',
    factor: 'connection_refused',
    severity: 'high',
    confidence: 0.76,
    priority: 77,
    needs: ['connect to the ', 'problem connecting', 'connect to robot', 'connect to arm', 'connection to dashboard server'],
    match:
      /((?:could not|couldn'?t|cannot|can'?t|unable to|failed to) connect to (?:the )?(?:arm|robot|manipulator|robot controller)\b[^\n]{0,60}|Connection to dashboard server failed[^\n]{0,40}|There was a problem connecting to the (?:server|robot|arm)[^\n]{0,20})/i,
    title: 'The robot controller cannot be reached',
    hypothesis:
      "The driver could not connect to the robot's controller over the network: a wrong IP address, the robot powered off or booting, or a network/firewall between them.",
    fix: "Check the robot's IP address in the driver's parameters, that it is powered and booted, and that the control PC can reach it (ping, the vendor's web interface).",
    actions: ['Ping the robot controller from the driver host', "Check the IP address in the driver's launch arguments"],
  },
  {
    id: 'robot.serial_sensor_missing',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.74,
    priority: 75,
    needs: ['no such file or directory', '[errno 2]', 'enoent'],
    match:
      /((?:could not|couldn'?t|cannot|can'?t|failed to|unable to) open (?:serial )?(?:port|device)[^\n]{0,80}(?:No such file or directory|\[Errno 2\]|ENOENT)[^\n]{0,20}|\/dev\/tty(?:USB|ACM|THS|S)\d{1,3}[^\n]{0,40}No such file or directory)/i,
    also: SENSOR_CONTEXT,
    title: 'Sensor device not present',
    hypothesis:
      "The sensor driver's serial device does not exist: the sensor is unplugged, enumerated under another name (ttyUSB1, a udev alias that is missing) or not passed into the container.",
    fix: 'Check that the device is connected and enumerated (ls /dev/tty*, dmesg), use a stable udev alias, and pass the device into the container.',
    actions: ['Check dmesg and ls -l /dev/serial/by-id', 'Pass the device into the container (--device)'],
  },
  {
    id: 'robot.connection_lost',
    category: 'network_error',
    factor: 'connection_reset',
    severity: 'high',
    confidence: 0.74,
    priority: 74,
    needs: [
      'connection to',
      'connection with',
      'connection lost',
      'connection dropped',
      'communication lost',
      'communication dropped',
    ],
    match:
      /((?:Lost|lost) (?:the )?connection (?:to|with) (?:the )?(?:robot|arm|controller|manipulator|base)\b[^\n]{0,40}|[Cc]onnection (?:to|with) (?:the )?(?:robot|arm|robot controller) (?:was |has been )?(?:lost|dropped|closed)[^\n]{0,40}|(?:[Rr]obot|[Aa]rm) (?:connection|communication) (?:lost|dropped)[^\n]{0,40})/,
    title: 'Connection to the robot lost',
    hypothesis:
      "The driver's connection to the robot controller dropped mid-run (a network interruption, the controller rebooting or stopping the external control program), so commands stopped reaching the robot.",
    fix: "Check the network between the control PC and the robot (cable, switch, link drops) and the controller's own log for a reboot or a stopped program at that time.",
    actions: ['Check the link and switch logs for drops', "Read the robot controller's log at that time"],
  },
  {
    id: 'robot.library_version_mismatch',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.8,
    priority: 84,
    needs: ['incompatible library version', 'incompatibleversionexception', 'server version'],
    match:
      /(Incompatible library version \((?:Robot|Server) version: \d{1,4}, Library version: \d{1,4}\)[^\n]{0,20}|\bIncompatibleVersionException\b[^\n]{0,80}|server version \d{1,4} (?:is )?(?:not compatible|incompatible) with (?:the )?(?:client|library)[^\n]{0,40})/i,
    title: "The robot's client library does not match the robot's firmware",
    hypothesis:
      "The robot's control library (libfranka and similar) speaks another protocol version than the robot's system software: the library was installed for another firmware, so the connection is refused before any motion.",
    fix: "Install the client library version that matches the robot's system version (see the vendor's compatibility table), or update the robot; rebuild the packages that link it.",
    actions: ["Read the robot's system version and the library version", "Check the vendor's compatibility table"],
  },
  {
    id: 'robot.arm_collision_stop',
    category: 'hardware_fault',
    factor: 'emergency_stop',
    severity: 'high',
    confidence: 0.72,
    priority: 83,
    needs: [
      'collision caused abnormal current',
      'self-collision detected',
      'collision detected by joint',
      'collision detection triggered',
    ],
    match:
      /(Collision caused abnormal current[^\n]{0,40}|Self-collision detected[^\n]{0,40}|[Cc]ollision detected by joint[^\n]{0,40}|[Cc]ollision detection triggered[^\n]{0,40})/,
    unless: /\b(?:planning scene|MoveIt|OMPL|planner|plan(?:ning)? request)\b/,
    title: 'The arm stopped on its own collision detection',
    hypothesis:
      "The arm's controller detected a collision (an abnormal joint current or torque, or a self-collision of its model) and stopped the motion — contact with the scene, or a motion too aggressive for the configured sensitivity.",
    fix: 'Check for contact at that moment; clear the error and re-enable the arm, re-plan around the obstacle, and adjust the collision sensitivity only if the contact is intended.',
    actions: [
      "Read the arm controller's error code and the joint that tripped",
      'Check the workspace for obstacles at that pose',
    ],
  },
  {
    id: 'robot.camera_device_error',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 82,
    needs: ['hardware notification', 'failed to set power state', 'no device connected'],
    match:
      /(Hardware Notification:[^\n]{0,120}|failed to set power state[^\n]{0,40}|(?:RuntimeError: )?No device connected\b[^\n]{0,40})/,
    title: 'The camera device reported a hardware failure',
    hypothesis:
      'The depth camera (Intel RealSense and similar) reported a hardware error or is not there: a stream that fails to start, a power state it cannot enter, no device on the bus — power, USB bandwidth or cabling, or firmware, not the code reading it.',
    fix: 'Connect the camera to a USB 3 port directly (no hub, a short cable), check it is listed (rs-enumerate-devices), update its firmware to the one the SDK expects, and reset it before starting.',
    actions: ['List the devices (rs-enumerate-devices)', 'Check dmesg for USB resets', 'Compare firmware and SDK versions'],
  },
  {
    id: 'robot.lease_claimed',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.7,
    priority: 80,
    needs: ['resourcealreadyclaimederror', 'already claimed'],
    match: /(\bResourceAlreadyClaimedError\b[^\n]{0,80}|[Rr]esource '?[\w-]{1,40}'? (?:is )?already claimed[^\n]{0,40})/,
    title: 'Another client holds the robot (lease already claimed)',
    hypothesis:
      'The robot refused the command because another client (a tablet, another script or driver) holds the lease on the resource: the call is not allowed until that lease is released or taken over.',
    fix: "Release the other client's lease (or take it over explicitly) before commanding the robot, and make one process own the lease.",
    actions: ['Check which client holds the lease', 'Return or take the lease before powering on'],
  },
  {
    id: 'robot.calibration_mismatch',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.7,
    priority: 70,
    needs: ["don't match the ones from the given kinematics", 'calibration parameters'],
    match:
      /(The calibration parameters of the connected robot don'?t match the ones from the given kinematics config file[^\n]{0,40})/,
    title: "The robot's calibration does not match the kinematics the driver was given",
    hypothesis:
      "The driver was started with a kinematics configuration (e.g. the default one) that is not the connected robot's own calibration, so the poses it computes are off.",
    fix: "Extract the robot's calibration (ur_calibration / the vendor's tool) and pass that file to the driver.",
    actions: ["Extract the robot's calibration and pass it as kinematics_params"],
  },
  {
    id: 'robot.motor_ids_missing',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.68,
    priority: 78,
    // Also a scan that found none ("No motors found"), a motor named by id that did not answer
    // (pypot's "motors 1 did not respond") or answered garbage ("Invalid response received from
    // motor 5", "Checksum received from motor 6 does not match"): rule 2, a connected device named
    // as not answering.
    needs: [
      'missing motor ids',
      'no motors found',
      'no servos found',
      'did not respond',
      'invalid response received',
      'checksum received',
    ],
    match:
      /(Missing motor IDs:?[^\n]{0,80}|\bNo (?:motors|servos) found\b[^\n]{0,40}|\b(?:motors?|servos?) (?:id )?\d[\d, ]{0,120} did not respond\b[^\n]{0,40}|(?:Invalid response|Checksum) received from (?:motor|servo) \d{1,3}\b[^\n]{0,60})/i,
    title: 'Motors expected on the bus are not there',
    hypothesis:
      'The robot library scanned the motor bus and some of the motors it expects did not answer: a motor unpowered or disconnected (a daisy-chain cable), or configured with another id or baud rate.',
    fix: "Check power and the daisy-chain cables up to the missing motor, then its id and baud rate with the vendor's tool; re-run the motor setup if it was replaced.",
    actions: ['Scan the bus and compare the ids found with the expected ones', 'Check the cable to the first missing motor'],
  },
  {
    id: 'robot.observation_stale',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.68,
    priority: 74,
    needs: ['has not been updated for'],
    match:
      /((?:The )?[\w/ -]{0,80}[Oo]bservation buffer (?:of [\w/-]{1,80} )?has not been updated for [\d.]{1,12} seconds[^\n]{0,80})/,
    title: 'A sensor stream stopped updating the costmap',
    hypothesis:
      "The costmap's observation buffer for a sensor topic has not received data for longer than its expected update rate: the sensor or its driver stopped publishing (disconnected, crashed, throttled) or publishes on another topic or frame.",
    fix: 'Check that the sensor topic is published at its rate (ros2 topic hz) and with the frame the costmap expects; restart or fix the sensor driver.',
    actions: ['Measure the topic rate (ros2 topic hz)', "Read the sensor driver's log at that time"],
  },
  {
    id: 'robot.vehicle_flight_fault',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.68,
    priority: 78,
    needs: ['thrust loss', 'motor failure detected', 'esc failure'],
    match: /(Potential Thrust Loss[^\n]{0,30}|[Mm]otor failure detected[^\n]{0,40}|ESC failure[^\n]{0,40})/,
    title: 'The vehicle lost thrust from a motor',
    hypothesis:
      'The autopilot saw a motor saturate or stop contributing thrust (a failing motor, ESC or propeller, or too heavy a vehicle for its motors), so it could not hold attitude.',
    fix: 'Inspect the motors, ESCs and propellers (the one the message numbers), check the thrust margin for the vehicle weight, and review the motor outputs in the flight log.',
    actions: ['Read the motor outputs (RCOU) in the flight log', 'Inspect the motor and propeller it names'],
  },
  {
    id: 'robot.navigation_estimate_failed',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.66,
    priority: 72,
    needs: ['critical navigation failure'],
    match: /(Critical navigation failure[^\n]{0,60})/,
    title: "The autopilot's navigation estimate failed",
    hypothesis:
      "The flight controller's state estimate became unusable in flight (inconsistent or missing sensor data, bad calibration, vibration), so it could not navigate and triggered its failsafe.",
    fix: "Recalibrate the sensors, check vibration levels and the estimator's innovation test ratios in the flight log.",
    actions: ['Check the estimator innovations and sensor health in the log', 'Recalibrate accelerometer and compass'],
  },
  {
    id: 'robot.link_closed_by_peer',
    // A robot controller or teleoperation server that closes the connection its driver holds
    // (libfranka's "server closed connection", a teleop WebSocket closed mid-session): the link
    // was cut from the other side — network_error/connection_reset, as a reset by peer is, not
    // the crash or failed check that follows in the client. Labelled cases: SERL's Franka
    // impedance controller, the Vuer XR teleop server (robotics-7, robotics-8).
    category: 'network_error',
    factor: 'connection_reset',
    severity: 'high',
    confidence: 0.7,
    priority: 70,
    needs: ['closed connection', 'closed the connection', 'connection closed', 'socket closed', 'websocket'],
    match:
      /((?:server|peer|robot|controller|remote (?:host|end|side)) closed (?:the )?connection[^\n]{0,40}|\b[Ww]eb[Ss]ocket (?:connection )?(?:is |was |has been )?closed[^\n]{0,40})/,
    title: 'The robot or teleop link was closed by the other side ($1)',
    hypothesis:
      'The controller or server at the other end closed the connection the driver was using (it stopped, rebooted, hit its own error or dropped the client after a network interruption), so the client lost its session.',
    fix: 'Read the log of the other end (robot controller, teleop server) at that moment, check the network link (cable, Wi-Fi, latency), and make the client reconnect or stop cleanly.',
    actions: [
      "Check the robot controller's or server's log at the time of the disconnect",
      'Check the network path (cable, switch, Wi-Fi) between client and robot',
    ],
  },
  {
    id: 'usb.access_denied',
    category: 'auth_error',
    factor: 'permission_denied',
    severity: 'medium',
    confidence: 0.74,
    // libusb's error names (libusb.h, enum libusb_error), as USB drivers (GNSS receivers, ODrive,
    // cameras, arms) print them: LIBUSB_ERROR_ACCESS (-3) is permission refused on the device node
    // (rule 3: no udev rule for this user).
    priority: 66,
    needs: ['libusb_error_access'],
    match: /(LIBUSB_ERROR_ACCESS\b[^\n]{0,40})/i,
    title: 'The USB device refused access ($1)',
    hypothesis:
      "The driver found the USB device but may not open it: this user has no permission on its device node (no udev rule, or the rule's vendor/product id does not match the device).",
    fix: "Install the device's udev rule (matching its idVendor/idProduct), reload the rules, replug the device; or add the user to the group the rule grants.",
    actions: ["Check the device node's permissions (ls -l /dev/bus/usb/…)", "Compare the udev rule's ids with lsusb's"],
  },
  {
    id: 'usb.no_device',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'medium',
    confidence: 0.66,
    // LIBUSB_ERROR_NO_DEVICE (-4, "No such device (it may have been disconnected)") and
    // LIBUSB_ERROR_NOT_FOUND (-5, "Entity not found"): the USB device the driver opens is not there
    // (rule 3: a device that does not exist). A device that dropped off mid-run says so
    // ("disconnected", "unplugged"): the device (rule 2), not read here.
    priority: 62,
    needs: ['libusb_error_no_device', 'libusb_error_not_found'],
    match: /(LIBUSB_ERROR_(?:NO_DEVICE|NOT_FOUND)\b[^\n]{0,40})/i,
    unless: /\b(?:disconnected|unplugged|dropped (?:off|out))\b/i,
    title: 'The USB device is not there ($1)',
    hypothesis:
      'The driver looked for its USB device and found none: it is not plugged in, not powered, enumerates with another id, or is not passed through (a container, a VM).',
    fix: 'Check that the device enumerates (lsusb) with the ids the driver expects; pass it through to the container or VM; power it.',
    actions: [
      'Run lsusb and compare the ids with the driver configuration',
      'Check the container or VM passes the USB device through',
    ],
  },
  {
    // NAOqi (NAO, Pepper): ALProxy asks the robot's broker for a module ("ALBonjour",
    // "ALAudioDevice") it does not run or the SDK does not ship: "ALProxy::ALProxy / Can't find
    // service: ALX", "Could not create Proxy to "ALX"". A module the system does not provide
    // (docs/taxonomy.md rule 5; labels module_not_found 2, none other).
    id: 'naoqi.service_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.74,
    priority: 70,
    needs: ["can't find service", 'could not create proxy to'],
    match: /(Can't find service: AL\w{1,60}|Could not create Proxy to "AL\w{1,60}")/,
    title: 'The robot has no NAOqi module of that name ($1)',
    hypothesis:
      "The program asked NAOqi's broker for a module (an ALProxy) that the robot or the local SDK does not run: the module is not installed on this robot or NAOqi version (some exist only on NAO or only on Pepper, or only on the real robot, not in the simulator), its name is misspelt, or the proxy points at a broker without it.",
    fix: "List the modules the broker runs (ALServiceManager / qicli info) and use one that exists on this robot and NAOqi version; connect the proxy to the robot's broker rather than a local one.",
    actions: ['List the running services on the robot (qicli info)', 'Compare the NAOqi version the code was written for'],
  },
  {
    id: 'camera.gst_element_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'medium',
    confidence: 0.7,
    // GStreamer's parse error when a pipeline names an element no installed plugin provides
    // ('no element "v4l2src"', gst-launch's "erroneous pipeline: no element …"): a plugin package
    // not installed (rule 5).
    priority: 62,
    needs: ['no element'],
    match: /((?:erroneous pipeline: )?no element ["'][\w-]{1,60}["'])/,
    title: 'A GStreamer element is not installed ($1)',
    hypothesis:
      "The camera pipeline names a GStreamer element that no installed plugin provides (v4l2src is in gst-plugins-good, nvarguscamerasrc in NVIDIA's): the plugin package is missing or not on GST_PLUGIN_PATH.",
    fix: 'Install the plugin package that provides the element (gst-inspect-1.0 ELEMENT says if it is found), or change the pipeline to an element that is installed.',
    actions: ['Run gst-inspect-1.0 on the element', 'Install the gstreamer plugins package that provides it'],
  },
];
