/**
 * Patterns: motor controllers and servo buses, read by what their firmware and SDKs print —
 * VESC fault codes (FAULT_CODE_*), libfranka motion-generator rejections (the commanded motion
 * itself is out of bounds: a discontinuity, a limit, an invalid start pose), and servo/gripper
 * buses whose device never answers (a serial read that returns fewer bytes than requested, a Dynamixel
 * servo with no status packet).
 *
 * Invariants: a fault the controller latched about itself (over-temperature, over-current, a
 * gate-driver fault) is an actuator fault; a command the controller refused because of what it
 * was asked to do is an invalid argument, never a hardware fault; a device that does not answer
 * on its bus is a request timeout (cabling, power, baud rate or id), at medium confidence since
 * the same silence has several causes (a Dynamixel servo with no status packet keeps the actuator
 * reading, at 0.6: the labelled sets split it between the servo, its bus settings and a timeout). Evaluated in the order of library.ts (with the drivers,
 * before the generic robot family); tested in test/patterns-motors.test.ts.
 *
 * Regexes are linear (bounded repetition, no nested quantifiers).
 */
import type { Pattern } from '../types.js';

export const MOTORS: Pattern[] = [
  {
    id: 'motor.vesc_fault_code',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.8,
    priority: 82,
    needs: ['fault_code_'],
    match:
      /(\bFAULT_CODE_(?!NONE\b)(?:OVER_TEMP_(?:MOTOR|FET)|ABS_OVER_CURRENT|OVER_VOLTAGE|DRV\w{0,10}|ENCODER\w{0,20}|GATE_DRIVER\w{0,30}|HIGH_OFFSET\w{0,30}|UNBALANCED_CURRENTS|BRK|RESOLVER\w{0,20}|FLASH_CORRUPTION\w{0,20}|[A-Z][A-Z0-9_]{2,40})\b[^\n]{0,40})/,
    title: 'The motor controller latched a fault ($1)',
    hypothesis:
      'The motor controller (VESC or a derivative) stopped driving the motor and reported a fault code: an over-temperature of the motor or its MOSFETs, an absolute over-current, a gate-driver or encoder fault — the drive protected itself under the load it was given.',
    fix: 'Read the fault code and the telemetry at that moment (current, duty, temperature); lower the current/duty limits or the load, improve cooling, and check the motor, phase and sensor wiring before running again.',
    actions: [
      "Read the controller's fault log and telemetry around the fault",
      'Compare the motor current and temperature with the configured limits',
      'Check the phase and sensor cables',
    ],
  },
  {
    id: 'motor.motion_command_rejected',
    category: 'validation_error',
    factor: 'invalid_argument',
    severity: 'high',
    confidence: 0.76,
    priority: 86,
    needs: ['motion_generator', 'start_pose_invalid', 'start_elbow', 'insufficient_torque_for_planning'],
    match:
      /(\b(?:cartesian|joint)(?:_position|_velocity)?_motion_generator_[a-z_]{3,80}|\b(?:cartesian|joint)_position_motion_generator_start_pose_invalid\b|\bstart_elbow_sign_inconsistent\b|\bjoint_p2p_insufficient_torque_for_planning\b)/,
    title: 'The robot rejected the commanded motion ($1)',
    hypothesis:
      "The robot's controller refused the motion the program commanded (libfranka motion-generator error): consecutive commands jump in position, velocity or acceleration beyond the robot's limits, or the motion starts from a pose that is not the current one — the command is out of bounds, the hardware is fine.",
    fix: 'Send commands that are continuous and within the documented limits: filter or rate-limit the targets, start the motion from the current robot state, and use the limit-rate helpers of the robot library.',
    actions: [
      'Plot the commanded positions, velocities and accelerations at the rejected cycle',
      'Start each motion from the state the robot reports',
      "Enable the library's rate limiting / low-pass filter",
    ],
  },
  {
    id: 'motor.bus_no_answer',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'high',
    confidence: 0.7,
    priority: 76,
    needs: ['requested', 'no answer from', 'no reply from', 'read 0 bytes', 'got 0 bytes'],
    match:
      /(Requested \d{1,6} bytes?, but got \d{1,6}\b[^\n]{0,40}|\b(?:read|got|received) 0 bytes? (?:from|of|on) (?:the )?(?:servo|motor|gripper|device|port|bus)\b[^\n]{0,40}|\bno (?:answer|reply) from (?:the )?(?:servo|motor|gripper|actuator|drive)s?\b[^\n]{0,40})/i,
    title: 'A device on the servo bus never answered',
    hypothesis:
      'The driver sent requests on the serial/RS-485 bus and got no (or a short) answer every time, so it gave up: the device is unpowered or not connected through that port, answers at another baud rate or id, or the bus adapter is not passing its replies.',
    fix: "Check the device's power and cable, the port, baud rate and device id the driver uses, and that the adapter or tool-communication bridge forwards the bus; then retry.",
    actions: [
      'Talk to the device with its vendor tool on the same port and baud rate',
      'Check the id/baud parameters of the driver',
    ],
  },
  {
    id: 'motor.servo_no_status',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.6,
    priority: 80,
    needs: ['status packet'],
    match: /(\[TxRxResult\] (?:There is no status packet|Incorrect status packet)[^\n]{0,20})/,
    title: 'The Dynamixel servo did not answer ($1)',
    hypothesis:
      'The Dynamixel SDK sent an instruction and got no (or a corrupt) status packet back: a servo that is unpowered, in a hardware-error state or disconnected — or a bus set up with another baud rate, id or protocol version than the servo uses.',
    fix: "Check the servo's power and cable and its LED (a blinking LED is a hardware error), then the baud rate, id and protocol version the driver uses against the servo's (Dynamixel Wizard scan).",
    actions: [
      'Scan the bus with Dynamixel Wizard at the configured baud rate',
      "Check the servo's hardware error status register",
    ],
  },
];
