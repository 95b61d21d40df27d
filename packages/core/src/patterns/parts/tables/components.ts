/**
 * The component that logged the error (a ROS node's name: `[ERROR] [stamp] [node]:`), read by
 * the words of its name when nothing else in the text names a cause: an error logged by a
 * camera or lidar driver is most likely the sensor, by a motor or hardware node the actuator,
 * by the navigation servers the goal not reached. The weakest part there is: its weights keep
 * the answer near 0.55, just above "unknown", and any other part or pattern wins over it.
 * A rule matches when one of its words is one of the name's words (split at _ - / . and
 * digits), or the whole name.
 */
import { m, type PartMeaning } from '../table.js';

export interface ComponentRule {
  words: readonly string[];
  meaning: PartMeaning;
}

const r = (words: string, pair: string, what: string, weight: number): ComponentRule => ({
  words: words.split(' '),
  meaning: m(pair, what, weight),
});

export const COMPONENT_WORDS: readonly ComponentRule[] = [
  r(
    'camera cam realsense lidar laser velodyne ouster livox hokuyo urg sick imu gps gnss ublox sonar ultrasonic depth zed oakd kinect xsens microstrain septentrio novatel rplidar usb_cam v4l2',
    'hardware_fault/sensor_fault',
    'an error logged by a sensor driver',
    0.35,
  ),
  r(
    'motor motors servo servos dynamixel gripper hardware ros2_control controller_manager canopen odrive roboclaw wheel wheels drive drives actuator actuators joint_trajectory_controller arm_driver base_driver',
    'hardware_fault/actuator_fault',
    'an error logged by an actuator or hardware node',
    0.3,
  ),
  r('battery bms power_supply', 'hardware_fault/battery_low', 'an error logged by the battery monitor', 0.3),
  r(
    'bt_navigator navigator planner_server controller_server move_base waypoint_follower behavior_server recoveries_server smoother_server',
    'policy_failure/task_not_achieved',
    'an error logged by the navigation stack',
    0.3,
  ),
];

/** The words of a component name: `camera_driver-2` → camera, driver, and the name itself. */
export function componentWords(name: string): string[] {
  const base = name.replace(/^\/+/, '').toLowerCase();
  return [base, ...base.split(/[_\-/.\d]{1,10}/).filter(Boolean)];
}
