/**
 * The motor family (patterns/families/motors.ts): motor controllers that latch a fault code,
 * robot controllers that refuse the commanded motion, and servo buses whose device never
 * answers — and the look-alikes that keep their own reading. Written for this test in the
 * wording VESC tools, libfranka and serial servo/gripper drivers print; not accuracy cases.
 */
import t from 'tap';
import { expectReadings, readLog } from './patterns-read.js';

t.test('a VESC fault code is an actuator fault; FAULT_CODE_NONE is not', async (t) => {
  expectReadings(t, [
    ['[vesc_driver]: VESC fault: FAULT_CODE_ABS_OVER_CURRENT (duty 0.42, current 81.3 A)', 'hardware_fault/actuator_fault'],
    [
      'Fault            : FAULT_CODE_OVER_TEMP_FET\nCurrent          : 31.2\nTemperature      : 86.5',
      'hardware_fault/actuator_fault',
    ],
    ['mc_interface: latched FAULT_CODE_DRV on motor 2', 'hardware_fault/actuator_fault'],
  ]);
  const none = readLog('Fault            : FAULT_CODE_NONE\nCurrent          : 2.1\nDuty             : 0.10');
  t.not(none.category, 'hardware_fault', `FAULT_CODE_NONE is no fault (${none.code})`);
});

t.test('a motion the robot refused because of the command itself is an invalid argument, not a broken robot', async (t) => {
  expectReadings(t, [
    [
      'libfranka: Move command aborted: motion aborted by reflex! ["joint_motion_generator_velocity_discontinuity"]',
      'validation_error/invalid_argument',
    ],
    [
      'franka::ControlException: libfranka: Move command aborted: motion aborted by reflex! ["cartesian_motion_generator_velocity_limits_violation", "cartesian_motion_generator_joint_velocity_limits_violation"]',
      'validation_error/invalid_argument',
    ],
    [
      'Error: libfranka: Move command rejected: command not possible in the current mode ("cartesian_position_motion_generator_start_pose_invalid")!',
      'validation_error/invalid_argument',
    ],
  ]);
  // A collision reflex in the same wording stays a protective stop of the robot.
  const contact = readLog('libfranka: Move command aborted: motion aborted by reflex! ["cartesian_reflex"]');
  t.equal(
    `${contact.category}/${contact.factor}`,
    'hardware_fault/emergency_stop',
    `a contact reflex is a safety stop (${contact.code})`,
  );
});

t.test('a servo or gripper that never answers on its bus is a request timeout, below the confident band', async (t) => {
  expectReadings(t, [
    [
      '[ros2_control_node-1] [WARN] [1712.4] [GripperDriver]: Retrying (2 of 5): IO Exception: Requested 7 bytes, but got 0, file serial.cpp, line 88.',
      'timeout/request_timeout',
    ],
    ['[hand_driver] No answer from servo 4 after 3 retries, giving up', 'timeout/request_timeout'],
  ]);
  const r = readLog('[hand_driver] No answer from servo 4 after 3 retries, giving up');
  t.ok(r.confidence < 0.8, `a silent device has several causes, so the reading is not confident (${r.confidence})`);
  // A short read of a web download is no servo bus.
  const http = readLog('urllib3.exceptions.ProtocolError: Connection broken: IncompleteRead(0 bytes read, 512 more expected)');
  t.not(http.code, 'motor.bus_no_answer', `an HTTP short read is not a servo bus (${http.code})`);
});

t.test('a Dynamixel servo with no status packet reads as the servo, but not confidently', async (t) => {
  // Given as the error message itself, the most telling place a reading can come from.
  const r = readLog(
    'Succeeded to open the port!\n[TxRxResult] There is no status packet!\n[ID:002] GoalPos:512  PresPos:000',
    '[TxRxResult] There is no status packet!',
  );
  t.equal(`${r.category}/${r.factor}`, 'hardware_fault/actuator_fault', `${r.code}`);
  t.ok(r.confidence < 0.8, `the same silence is often a baud rate or id, so not confident (${r.confidence})`);
  // Positive control: a Dynamixel hardware error register is an actuator fault, more sure than the silence
  // (not confident: robot.actuator_fault is measured right 12 of 14 times, too few to be; calibration.ts).
  const overload = readLog('[dynamixel_hardware]: [ID:3] Overload Error detected, torque disabled');
  t.equal(`${overload.category}/${overload.factor}`, 'hardware_fault/actuator_fault', `${overload.code}`);
  t.ok(overload.confidence > r.confidence, `an overload register is more sure (${overload.code}, ${overload.confidence})`);
});
