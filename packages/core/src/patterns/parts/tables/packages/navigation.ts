/**
 * Package messages of navigation, manipulation and control: Nav2, move_base, MoveIt, ros2_control/ros_control, slam_toolbox, robot_localization, cartographer: each entry is a message as the package's source prints it (its
 * format string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const NAVIGATION: readonly PackageMessage[] = [];
