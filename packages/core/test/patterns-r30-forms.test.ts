/**
 * Forms of robotics-30's misses that several projects print (issue 13, session 20):
 * - libusb's LIBUSB_ERROR_NO_DEVICE text, "No such device (it may have been disconnected)", after a
 *   USB interface claim or release (Orbbec's SDK, the Astra driver: "release interface failed, error:
 *   No such device (it may have been disconnected)") is a USB device unplugged while in use, not a
 *   network or CAN interface the host does not have: driver.interface_missing no longer reads it
 *   (robotics-30c and bench-3, two sources, both labelled hardware_fault/sensor_fault);
 * - ur_client_library prints its bind failure and the retry with no space between ("Reason: Address
 *   already in useRetrying in 1 seconds"): config.port_in_use reads "in use" before "Retrying" too
 *   (robotics-30b, bench-9; robotics-29b reads the same message with a space).
 * Texts written for these tests; each control contains the changed condition's words (asserted) and a
 * hostile-input run per changed alternative.
 */
import t from 'tap';
import { patternOf, readLog, readsHostileRuns, readWhole, rulesOnly } from './patterns-read.js';

// driver.interface_missing's interface alternative as it stood before this change.
const INTERFACE_BEFORE = /[Ii]nterface '?[\w.-]{1,20}'?[^\n]{0,80}No such device/;

const USB_RELEASE_GONE = [
  '[06/02 10:11:12.100200][info][4100][SensorBase.cpp:370] [CP1234] Depth Streaming... frameRate=30.0fps',
  '[06/02 10:11:15.300400][warning][4102][HidDevicePort.cpp:77] interrupt transfer failed, error: No such device (it may have been disconnected)',
  '[06/02 10:11:15.400500][warning][4110][DeviceBase.cpp:200] Device is deactivated or disconnected while there are still sensors streaming!',
  '[06/02 10:11:15.410600][warning][4110][HidDevicePort.cpp:50] release interface failed, error: No such device (it may have been disconnected)',
].join('\n');
const USB_CLAIM_GONE =
  '[ERROR] [1700000000.123456] [camera.camera]: claim interface 0 failed, error: No such device (it may have been disconnected)';

const CAN_INTERFACE_GONE = "SocketCAN: interface 'can0' could not be bound: No such device";
const CAN_INTERFACE_GONE_LATER =
  '[ros2_control_node-1] [ERROR] [1700000000.5] [CanDriver]: Interface can1 failed to open: No such device\n[ros2_control_node-1] [INFO] shutting down';

const UR_BIND_GLUED = [
  '[ INFO] [1712000000.100000000]: Started controllers: joint_state_controller, scaled_pos_joint_traj_controller',
  '[ WARN] [1712000000.200000000]: Failed to bind socket for port 50004 to address. Reason: Address already in useRetrying in 1 seconds',
  "[ INFO] [1712000000.300000000]: Robot's safety mode is now NORMAL",
].join('\n');
// The words "address already in use" glued to another word than the retry: not the bind failure.
const ADDRESS_IN_USERS = 'Registration refused: that email address already in users table, pick another one';

t.test("libusb's no-device text after a USB interface claim or release is not a missing network interface", async (t) => {
  const p = patternOf('driver.interface_missing');
  for (const text of [USB_RELEASE_GONE, USB_CLAIM_GONE]) {
    t.ok(INTERFACE_BEFORE.test(text), `reaches the interface alternative's words: ${text.slice(-60)}`);
    t.notOk(p.match.test(text), `libusb's "(it may have been disconnected)" keeps it out: ${text.slice(-60)}`);
    const r = rulesOnly(() => readLog(text));
    t.not(r.code, 'driver.interface_missing', text.slice(-60));
    t.not(`${r.category}/${r.factor}`, 'config_error/file_not_found', text.slice(-60));
  }
  const orbbec = rulesOnly(() => readLog(USB_RELEASE_GONE));
  t.equal(`${orbbec.category}/${orbbec.factor}`, 'hardware_fault/sensor_fault', 'the camera gone while streaming');
});

t.test('a network or CAN interface without the device is still driver.interface_missing', async (t) => {
  for (const text of [CAN_INTERFACE_GONE, CAN_INTERFACE_GONE_LATER]) {
    t.ok(patternOf('driver.interface_missing').match.test(text), text.slice(0, 60));
    t.equal(rulesOnly(() => readLog(text)).code, 'driver.interface_missing', text.slice(0, 60));
  }
});

t.test("ur_client_library's bind failure glued to its retry is a port in use", async (t) => {
  const p = patternOf('config.port_in_use');
  t.ok(p.match.test(UR_BIND_GLUED), 'read');
  const r = rulesOnly(() => readLog(UR_BIND_GLUED));
  t.equal(r.code, 'config.port_in_use');
  t.equal(`${r.category}/${r.factor}`, 'config_error/invalid_config');
  t.match(ADDRESS_IN_USERS, /address already in use/i, 'the control has the words');
  t.notOk(p.match.test(ADDRESS_IN_USERS), '"in use" glued to another word than Retrying is not read');
  t.not(rulesOnly(() => readLog(ADDRESS_IN_USERS)).code, 'config.port_in_use');
});

t.test('hostile inputs for the changed alternatives', async (t) => {
  readsHostileRuns(
    t,
    [
      [
        'interface then libusb no-device repeated',
        `interface x ${'No such device (it may have been disconnected)'.repeat(300)}`,
        'driver.interface_missing',
      ],
      ['interface No such device ( repeated', `${'interface a No such device ('.repeat(500)}`, 'driver.interface_missing'],
      ['in useRetrying repeated', `Address already ${'in useRetrying '.repeat(800)}`, 'config.port_in_use'],
      ['Address already in useRetr repeated', `${'Address already in useRetr'.repeat(500)}`, 'config.port_in_use'],
    ],
    readWhole,
    2000,
  );
});
