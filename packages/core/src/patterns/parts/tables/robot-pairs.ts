/**
 * What a robot log line means when it names a component class (noun) and a failure class
 * (verb), in the taxonomy — the table behind the generic robot reading (parts/robot.ts; the
 * words are in robot-words.ts). It follows the labelling guidance of docs/taxonomy.md
 * ("Labelling guidance: tie-breaking rules"): a sensor or actuator that stops answering is the
 * device (not a network timeout); a device node that cannot be opened is a missing path; a
 * robot description that breaks its format's spec is a schema violation, one that disagrees
 * with the controllers a configuration error; NaN in any numeric state is data; a package,
 * plugin or extension that cannot be found is a missing module.
 *
 * `weight` is how much the pair alone pins the failure down, as in every structure table; the
 * engine turns it into a confidence below 0.8 (a line read by its form is never a confident
 * answer). Weights were set from the pairs' precision on the tuned sets (test/accuracy; see
 * the README's accuracy section): no pair there is right less than half of the time it answers.
 */
import { m, type PartMeaning } from '../table.js';
import type { NounClass, VerbClass } from './robot-words.js';

export type PairTable = Readonly<Partial<Record<NounClass, Readonly<Partial<Record<VerbClass, PartMeaning>>>>>>;

const SENSOR = 'hardware_fault/sensor_fault';
const ACTUATOR = 'hardware_fault/actuator_fault';

/**
 * In a simulator there is no device to fail: a simulated sensor or actuator that never answers
 * is the simulation's setup (a plugin not loaded, a topic or namespace not wired) — rule 2 of the
 * labelling guidance. These pairs replace ROBOT_PAIRS' in a record that shows a simulator.
 */
export const SIMULATED_PAIRS: PairTable = {
  sensor: {
    silent: m('config_error/invalid_config', 'a simulated sensor that never publishes (the simulation setup)', 0.4),
    lost: m('config_error/invalid_config', 'a simulated sensor that never publishes (the simulation setup)', 0.35),
  },
  actuator: {
    silent: m('config_error/invalid_config', 'a simulated actuator that never answers (the simulation setup)', 0.4),
  },
  device: {
    silent: m('config_error/invalid_config', 'a simulated device that never answers (the simulation setup)', 0.35),
  },
};

/** Words of a record produced in a simulator (Gazebo, Ignition, Isaac Sim, MuJoCo, Webots, CoppeliaSim, PyBullet). */
export const SIMULATOR_CONTEXT =
  /\b(?:gazebo|gzserver|gz sim|ign gazebo|isaac ?sim|omni\.isaac|mujoco|webots|coppeliasim|pybullet)\b|\[(?:ign|gz) gazebo-\d{1,4}\]/i;

/**
 * Words of a record about a robot actuator (a servo, a motor or its driver board): an errno that
 * says a device did not answer (EIO, ENXIO, ENODEV, EREMOTEIO: tables/errno.ts) is then the
 * actuator's fault, where it is a sensor's in a record about a sensor (resolvers.ts
 * SENSOR_CONTEXT, which wins when both are named). PCA9685 is the common I2C servo/PWM driver.
 * The words are bounded by letters, not by `\b`: robot software names its parts in snake_case
 * (`left_gripper_driver`, `wheel_motor_node`), where `_` is a word character.
 */
export const ACTUATOR_CONTEXT =
  /(?<![A-Za-z])(?:servos?|servo_?\w{0,20}|motors?|motor_?driver|actuators?|grippers?|dynamixel|pca9685|roboclaw|odrive|vesc|esc|stepper|pwm ?driver)(?![A-Za-z])/i;

/**
 * An unnamed device or the robot itself ("Unable to communicate with device", "No data received from
 * robot", "Device is not connected") that stops answering is the device (rule 2), and which device
 * it is comes from what the record is about: a sensor's driver (resolvers.ts SENSOR_CONTEXT) or an
 * actuator's (ACTUATOR_CONTEXT). These pairs replace ROBOT_PAIRS' `device` row in such a record; with
 * neither named, the robot's body (its joints and motors) answers, at a lower weight.
 */
export const DEVICE_PAIRS: Readonly<Record<'sensor' | 'actuator', PairTable>> = {
  sensor: {
    device: {
      silent: m(SENSOR, 'the sensor device stopped answering', 0.45),
      lost: m(SENSOR, 'the sensor device dropped off', 0.45),
      unconnected: m(SENSOR, 'the sensor device is not connected', 0.4),
      corrupt: m(SENSOR, 'the sensor device sends garbled data', 0.35),
    },
  },
  actuator: {
    device: {
      silent: m(ACTUATOR, 'the actuator device stopped answering', 0.45),
      lost: m(ACTUATOR, 'the actuator device dropped off', 0.45),
      unconnected: m(ACTUATOR, 'the actuator device is not connected', 0.4),
      corrupt: m(ACTUATOR, 'the actuator device sends garbled replies', 0.35),
    },
  },
};

export const ROBOT_PAIRS: PairTable = {
  device: {
    silent: m(ACTUATOR, 'the robot or its device stopped answering', 0.35),
    lost: m(ACTUATOR, 'the robot or its device dropped off', 0.35),
  },
  link: {
    unconnected: m('network_error/connection_refused', "a connection to the robot controller's server that was not made", 0.4),
  },
  sensor: {
    silent: m(SENSOR, 'a sensor that stopped answering', 0.5),
    lost: m(SENSOR, 'a sensor that dropped off', 0.5),
    fault: m(SENSOR, 'a sensor reporting a fault', 0.45),
    corrupt: m(SENSOR, 'a sensor whose stream is garbled', 0.4),
    unopenable: m(SENSOR, 'a sensor that could not be opened or started', 0.3),
    unconnected: m(SENSOR, 'a sensor that is not connected', 0.4),
  },
  actuator: {
    silent: m(ACTUATOR, 'an actuator that stopped answering', 0.5),
    lost: m(ACTUATOR, 'an actuator that dropped off', 0.45),
    fault: m(ACTUATOR, 'an actuator reporting a fault or alarm', 0.55),
    unopenable: m(ACTUATOR, 'an actuator that could not be enabled or opened', 0.3),
    unconnected: m(ACTUATOR, 'an actuator that is not connected', 0.4),
    corrupt: m(ACTUATOR, 'an actuator whose replies are garbled (bad ack, checksum)', 0.45),
    limit: m('validation_error/invalid_argument', 'a command beyond the joint or actuator limits', 0.4),
    rejected: m('validation_error/forbidden_operation', 'a command the robot refuses in its current state', 0.35),
  },
  command: {
    rejected: m('validation_error/forbidden_operation', 'a command the robot refuses in its current state', 0.4),
    silent: m('timeout/request_timeout', 'a command the robot never acknowledged', 0.4),
    limit: m('validation_error/invalid_argument', 'a command beyond the limits', 0.4),
  },
  power: {
    low: m('hardware_fault/battery_low', 'a battery or supply below its threshold', 0.6),
    fault: m('hardware_fault/battery_low', 'a power fault', 0.35),
  },
  safety: {
    silent: m('hardware_fault/emergency_stop', 'a safety stop', 0.5),
    fault: m('hardware_fault/emergency_stop', 'a safety stop or safety fault', 0.55),
    limit: m('hardware_fault/emergency_stop', 'a safety stop on a limit', 0.5),
    rejected: m('hardware_fault/emergency_stop', 'a safety stop latched', 0.5),
    invalid: m('hardware_fault/emergency_stop', 'a safety stop', 0.45),
    failed: m('hardware_fault/emergency_stop', 'a safety stop', 0.45),
    tripped: m('hardware_fault/emergency_stop', 'a safety stop triggered', 0.5),
  },
  navigation: {
    aborted: m('policy_failure/task_not_achieved', 'a navigation goal aborted by the planner', 0.45),
  },
  description: {
    absent: m('config_error/invalid_config', 'a robot description element the controllers ask for is not there', 0.45),
    invalid: m('validation_error/schema_violation', 'a robot description that breaks its format', 0.5),
  },
  device_node: {
    absent: m('config_error/file_not_found', 'a device node that does not exist', 0.45),
    unopenable: m('config_error/file_not_found', 'a device node that cannot be opened', 0.35),
    unconnected: m('config_error/file_not_found', 'a device node that cannot be connected to', 0.35),
  },
  setting: {
    absent: m('config_error/invalid_config', 'a setting that is missing', 0.4),
    unset: m('config_error/invalid_config', 'a setting the program needed and was not given', 0.4),
    invalid: m('config_error/invalid_config', 'a setting with an invalid value', 0.45),
    unopenable: m('config_error/invalid_config', 'a setting that keeps a component from starting', 0.3),
  },
  file: {
    absent: m('config_error/file_not_found', 'a file that does not exist', 0.45),
    unopenable: m('config_error/file_not_found', 'a file that cannot be opened', 0.4),
    corrupt: m('data_error/corrupt_input', 'a file that cannot be read', 0.5),
  },
  native_library: {
    absent: m('import_error/missing_native_lib', 'a native library that is not there', 0.5),
    unopenable: m('import_error/missing_native_lib', 'a native library that cannot be loaded', 0.45),
    invalid: m('import_error/missing_native_lib', 'a graphics or GPU driver that is missing or incompatible', 0.4),
  },
  package: {
    absent: m('import_error/module_not_found', 'a package, plugin or extension that is not installed', 0.45),
    unopenable: m('import_error/missing_native_lib', 'a plugin or library that cannot be loaded', 0.35),
  },
  dataset: {
    absent: m('data_error/missing_field', 'a record or point field the reader expects is not there', 0.4),
    corrupt: m('data_error/corrupt_input', 'a data file that cannot be read', 0.45),
    empty: m('data_error/empty_input', 'input with nothing in it', 0.4),
    nan: m('data_error/nan_or_inf', 'NaN or Inf in the data', 0.5),
    invalid: m('data_error/corrupt_input', 'data that does not parse', 0.3),
  },
  numeric: {
    nan: m('data_error/nan_or_inf', 'NaN or Inf in a numeric state', 0.55),
  },
  evaluation: {
    failed: m('policy_failure/task_not_achieved', 'an evaluation episode that did not succeed', 0.45),
    below: m('logic_error/below_baseline', 'an evaluation below its reported baseline', 0.4),
  },
};
