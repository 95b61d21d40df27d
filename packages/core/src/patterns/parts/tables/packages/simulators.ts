/**
 * Package messages of simulators and robot learning: Gazebo (classic and gz), Isaac Sim/Lab, MuJoCo, PyBullet, Webots, CARLA, gymnasium, LeRobot and other policy/evaluation tooling: each entry is a message as the package's source prints it (its
 * format string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const SIMULATORS: readonly PackageMessage[] = [];
