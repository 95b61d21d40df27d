/**
 * Package messages of ROS 1 and ROS 2 core: rclcpp, rclpy, rcl, rmw implementations, tf2, launch/roslaunch, ros2cli, colcon/ament/catkin, rosbag/rosbag2, lifecycle, parameters: each entry is a message as the package's source prints it (its
 * format string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const ROS_CORE: readonly PackageMessage[] = [];
