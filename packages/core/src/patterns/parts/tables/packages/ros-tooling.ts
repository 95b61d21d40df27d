/**
 * Package messages of ROS tooling and middleware beyond ros-core.ts: rosdep, vcstool, bloom, catkin_tools, ament, xacro, URDF parsers, robot_state_publisher, rviz, image_transport, cv_bridge, pluginlib, nodelet, rosbridge, DDS implementations: each entry is a message as the package's source prints it (its format
 * string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read from the packages' own source (snapshot commits; each section names its package): none yet.
 */
import type { PackageMessage } from '../../table.js';

export const ROS_TOOLING: readonly PackageMessage[] = [];
