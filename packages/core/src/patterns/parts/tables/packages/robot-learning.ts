/**
 * Package messages of robot learning and simulation beyond simulators.ts: robosuite, robomimic, ManiSkill/SAPIEN, Isaac Gym and Isaac Sim, habitat, dm_control, Webots, Drake, Genesis, policy-learning and evaluation frameworks: each entry is a message as the package's source prints it (its format
 * string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read from the packages' own source (snapshot commits; each section names its package): none yet.
 */
import type { PackageMessage } from '../../table.js';

export const ROBOT_LEARNING: readonly PackageMessage[] = [];
