/**
 * Every package-message table (tables/packages/*.ts), in one list for the engine
 * (parts/messages.ts). One file per family of packages; the order here does not matter (the
 * best part is chosen by weight, parts/read.ts).
 */
import type { PackageMessage } from '../../table.js';
import { AGENT_SDKS } from './agent-sdks.js';
import { AUTOPILOTS } from './autopilots.js';
import { DRIVERS } from './drivers.js';
import { EMBEDDED } from './embedded.js';
import { INDUSTRIAL_ROBOTS } from './industrial-robots.js';
import { INFERENCE_SERVERS } from './inference-servers.js';
import { MAKER_BOARDS } from './maker-boards.js';
import { ML_AGENTS } from './ml-agents.js';
import { ML_INFRA } from './ml-infra.js';
import { NAVIGATION } from './navigation.js';
import { PERCEPTION } from './perception.js';
import { ROBOT_LEARNING } from './robot-learning.js';
import { ROS_CORE } from './ros-core.js';
import { ROS_TOOLING } from './ros-tooling.js';
import { SENSOR_SDKS } from './sensor-sdks.js';
import { SIMULATORS } from './simulators.js';
import { VISION_ROBOTS } from './vision-robots.js';

export const PACKAGE_MESSAGES: readonly PackageMessage[] = [
  ...ROS_CORE,
  ...ROS_TOOLING,
  ...NAVIGATION,
  ...DRIVERS,
  ...INDUSTRIAL_ROBOTS,
  ...EMBEDDED,
  ...MAKER_BOARDS,
  ...VISION_ROBOTS,
  ...AUTOPILOTS,
  ...SIMULATORS,
  ...ROBOT_LEARNING,
  ...ML_AGENTS,
  ...AGENT_SDKS,
  ...ML_INFRA,
  ...INFERENCE_SERVERS,
  ...PERCEPTION,
  ...SENSOR_SDKS,
];
