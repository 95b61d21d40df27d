/**
 * Every package-message table (tables/packages/*.ts), in one list for the engine
 * (parts/messages.ts). One file per family of packages; the order here does not matter (the
 * best part is chosen by weight, parts/read.ts).
 */
import type { PackageMessage } from '../../table.js';
import { DRIVERS } from './drivers.js';
import { ML_AGENTS } from './ml-agents.js';
import { NAVIGATION } from './navigation.js';
import { ROS_CORE } from './ros-core.js';
import { SIMULATORS } from './simulators.js';

export const PACKAGE_MESSAGES: readonly PackageMessage[] = [...ROS_CORE, ...NAVIGATION, ...DRIVERS, ...SIMULATORS, ...ML_AGENTS];
