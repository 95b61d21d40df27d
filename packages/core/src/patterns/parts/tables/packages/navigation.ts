/**
 * Package messages of navigation, manipulation and control: Nav2, move_base, MoveIt, ros2_control/ros_control, BehaviorTree.CPP, slam_toolbox, robot_localization, cartographer: each entry is a message as the package's source prints it (its
 * format string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read (2026-12-06), each message checked in its code's context (its log level, what raises it):
 * - ros-navigation/navigation2 main a3a97043e (2026-08-21) and its humble branch (the messages a
 *   Humble user sees where main rewrote them: "Planning algorithm {} failed to generate a valid
 *   path", "{} plugin failed to plan calculation to", "BT file not found");
 * - ros-planning/navigation (ROS 1: move_base, costmap_2d, amcl, map_server, navfn,
 *   global_planner, dwa_local_planner, base_local_planner) noetic-devel 9ad64419 (2023-03-04);
 * - moveit/moveit2 main 8fcb5d232 (2026-08-19), moveit/moveit (ROS 1) master fdb79acaf
 *   (2026-07-20), ompl/ompl (the planner library MoveIt's OMPL interface runs; its messages
 *   reach move_group's log); a fifth batch (session 19) from the same moveit2 commit:
 *   planning_scene_monitor.cpp and move_group_interface.cpp;
 * - ros-controls/ros2_control master 53b9999d1 (2026-08-07) and its humble branch,
 *   ros-controls/ros2_controllers master 94e74de35 (2026-08-18), ros-controls/ros_control
 *   noetic-devel 633c374 (2024-10-12);
 * - moveit/moveit2 8fcb5d232 again (session 21): moveit_ros/planning/moveit_cpp (MoveItCpp,
 *   PlanningComponent) and moveit_py's bindings. Left out: "Failed to load any planning pipelines."
 *   (read as the table's own pipeline entries would), moveit_py's "Must specify at least one
 *   argument" (words any API prints), "MotionPlanResponse vector was empty after parallel planning"
 *   (names no cause);
 * - BehaviorTree/BehaviorTree.CPP 4.10.0 879522c7 (2026-07-24) and 3.8.8 9d624dc (the v3 Nav2 runs on
 *   Humble; session 21): src/xml_parsing.cpp, src/blackboard.cpp, include/behaviortree_cpp/blackboard.h,
 *   src/basic_types.cpp, src/bt_factory.cpp; Nav2 humble 3c3db59d6's bt_action_server_impl.hpp for
 *   the line that shows them ("Exception when loading BT: {}"). Left out: "Node not recognized: {}"
 *   (the pattern nav.bt_node_unknown reads it the same way), "Blackboard::get() error. Missing key
 *   [{}]" (the missing-field pattern reads it so), getInput()'s errors (an Expected the node may
 *   handle: a failure only when the node gives up, and then its own words), "Could not load
 *   library: {}" (words any dlopen wrapper prints), v4's "{} is not a registered node" and both
 *   versions' "ID [{}] already registered" (their fixed pieces are words other registries print; the
 *   entries' comment below). Both versions' wordings are read where they differ (the XML errors, the
 *   remap "Possible typo", the port checks), each entry marked with its version;
 * - ros-navigation/navigation2 main a3a97043e again (session 21): nav2_behavior_tree's
 *   bt_action_server_impl.hpp, "Failed to extract ID from {}" (read with the tree file's ".xml");
 * - ros-controls/ros2_control master 53b9999d1 again (session 21): controller_manager/spawner.py's
 *   "Failed to acquire lock after multiple attempts.";
 * - SteveMacenski/slam_toolbox a3442d2 (2024-03-03; session 20 added two), cra-ros-pkg/robot_localization 1cb9533
 *   (2024-03-15), cartographer-project/cartographer_ros c138034 (2022-10-27).
 *
 * Pairs follow docs/taxonomy.md's tie-breaking rules: a progress checker or patience watchdog is
 * `timeout/hang_or_deadlock`, a planner or controller that finds no path or control
 * `policy_failure/task_not_achieved` (rule 2); a server or state not reached in time `timeout`; a
 * wrong parameter, plugin name, joint or interface the description does not export
 * `config_error/invalid_config` (rule 3; a controller type the controller manager cannot load
 * too, as the labelled ros.controller_not_configured cases say); a plugin library that does not
 * load (hardware, kinematics, a planner "not registered or built")
 * `import_error/module_not_found` (rule 5); a trajectory the controller rejects
 * `validation_error/invalid_argument` (rule 8). A "no path" verdict is not read in a record that
 * shows a crash (CRASHED below). Messages that only say something failed ("Failed
 * to change state for node", "Failed to configure controller") are left out: they name no cause.
 */
import { type PackageMessage, said, unless } from '../../table.js';

const CONFIG = 'config_error/invalid_config';
const NO_PATH = 'policy_failure/task_not_achieved';
/** A behavior-tree XML that breaks BehaviorTree.CPP's format (docs/taxonomy.md rule 4). */
const BT_FORM = 'validation_error/schema_violation';
const TYPES = 'validation_error/type_mismatch';
const REMOVED_API = 'import_error/version_conflict';

/**
 * A record that shows a crash or an uncaught exception: a planner's or controller's "no path"
 * verdict there is the step the crash interrupted or a consequence, not the cause
 * (docs/taxonomy.md, rule 1: `policy_failure/task_not_achieved` is for a run that ended without
 * an error explaining it).
 */
const CRASHED =
  /terminate called after throwing|process has died|Segmentation fault|\bSIG(?:SEGV|ABRT)\b|core dumped|Traceback \(most recent call last\)/;

/** A planner or controller that found no path or control: read only in a record without a crash. */
function noPath(pkg: string, says: string, what: string, weight: number): PackageMessage {
  return unless(said(pkg, says, NO_PATH, what, weight), CRASHED);
}

export const NAVIGATION: readonly PackageMessage[] = [
  // ---- Nav2: controller_server and its controllers (DWB, RPP, MPPI, Graceful, Rotation Shim) ----
  said(
    'nav2_controller',
    'Failed to make progress',
    'timeout/hang_or_deadlock',
    "The controller's progress checker tripped",
    0.8,
  ),
  said(
    'nav2_controller',
    'Controller patience exceeded',
    'timeout/hang_or_deadlock',
    'The controller gave up after its patience ran out',
    0.8,
  ),
  said(
    'nav2_controller',
    'FollowPath called with controller name {}, which does not exist. Available controllers are: {}.',
    CONFIG,
    'A controller id the server does not have',
    0.9,
  ),
  said(
    'nav2_controller',
    "FollowPath called with goal_checker name {} in parameter 'current_goal_checker', which does not exist.",
    CONFIG,
    'A goal checker id the server does not have',
    0.9,
  ),
  said(
    'nav2_controller',
    "FollowPath called with progress_checker name {} in parameter 'current_progress_checker'",
    CONFIG,
    'A progress checker id the server does not have',
    0.85,
  ),
  said(
    'nav2_controller',
    "FollowPath called with path_handler name {} in parameter 'current_path_handler', which does not exist.",
    CONFIG,
    'A path handler id the server does not have',
    0.9,
  ),
  said('nav2_controller', 'Failed to create controller. Exception: {}', CONFIG, 'A controller plugin could not be created', 0.55),
  said(
    'nav2_controller',
    'Failed to create progress_checker. Exception: {}',
    CONFIG,
    'A progress checker plugin could not be created',
    0.55,
  ),
  said(
    'nav2_controller',
    'Failed to create goal checker. Exception: {}',
    CONFIG,
    'A goal checker plugin could not be created',
    0.55,
  ),
  said('nav2_controller', 'Failed to find controller name: {}', CONFIG, 'A controller id the server does not have', 0.8),
  said('nav2_controller', 'Failed to find goal checker name: {}', CONFIG, 'A goal checker id the server does not have', 0.8),
  said(
    'nav2_controller',
    'Failed to find progress checker name: {}',
    CONFIG,
    'A progress checker id the server does not have',
    0.8,
  ),
  said(
    'nav2_controller',
    "Failed to get type for controller plugins '{}'",
    CONFIG,
    "A controller's plugin type is not set",
    0.85,
  ),
  said(
    'nav2_controller',
    'Invalid path, Path is empty.',
    'data_error/empty_input',
    'The controller was handed an empty path',
    0.6,
  ),
  said(
    'nav2_controller',
    'Received plan with zero length',
    'data_error/empty_input',
    'The controller was handed an empty plan',
    0.6,
  ),
  said(
    'nav2_controller',
    'Resulting plan has 0 poses in it.',
    'data_error/empty_input',
    'No pose of the plan is left near the robot',
    0.5,
  ),
  said(
    'nav2_controller',
    "Unable to transform robot pose into global plan's frame",
    CONFIG,
    "No transform from the robot to the plan's frame",
    0.45,
  ),
  said(
    'nav2_controller',
    'Velocity message contains NaNs or Infs! Ignoring as invalid!',
    'data_error/nan_or_inf',
    'A velocity command holds NaN or Inf',
    0.8,
  ),
  noPath('dwb_core', 'No valid trajectories out of {}! ', 'DWB found no valid trajectory', 0.75),
  noPath(
    'nav2_regulated_pure_pursuit_controller',
    'RegulatedPurePursuitController detected collision ahead!',
    'Regulated Pure Pursuit stopped before a collision',
    0.65,
  ),
  said(
    'nav2_regulated_pure_pursuit_controller',
    "The dimensions of the costmap is too small to fully include your robot's footprint",
    CONFIG,
    'The local costmap is smaller than the footprint',
    0.85,
  ),
  said(
    'nav2_regulated_pure_pursuit_controller',
    'Dimensions of the costmap are too small to encapsulate the robot footprint',
    CONFIG,
    'The local costmap is smaller than the footprint',
    0.85,
  ),
  noPath('nav2_mppi_controller', 'Optimizer fail to compute path', 'MPPI found no valid control', 0.65),
  noPath(
    'nav2_mppi_controller',
    'Trajectory validator failed to validate trajectory, hard reset triggered.',
    "MPPI's optimal trajectory was rejected",
    0.55,
  ),
  said(
    'nav2_mppi_controller',
    'Controller period more then model dt, set it equal to model dt',
    CONFIG,
    "MPPI's model_dt disagrees with the controller period",
    0.9,
  ),
  said(
    'nav2_mppi_controller',
    'Considering footprint in collision checking but no robot footprint provided in the costmap.',
    CONFIG,
    'MPPI checks a footprint the costmap does not have',
    0.9,
  ),
  said(
    'nav2_mppi_controller',
    'Considering footprint in CostCritic but no robot footprint provided in the costmap',
    CONFIG,
    'MPPI checks a footprint the costmap does not have',
    0.9,
  ),
  said(
    'nav2_mppi_controller',
    "Failed to load motion model plugin '{}': {}",
    CONFIG,
    "MPPI's motion model could not be loaded",
    0.75,
  ),
  said('nav2_mppi_controller', 'Invalid path angle mode!', CONFIG, "MPPI's path angle mode is not valid", 0.8),
  said(
    'nav2_graceful_controller',
    'obstacle_cost_margin is higher than max cost.',
    CONFIG,
    "The graceful controller's cost margin is out of range",
    0.85,
  ),
  noPath(
    'nav2_rotation_shim_controller',
    'RotationShimController detected collision ahead!',
    'The rotation shim stopped before a collision',
    0.6,
  ),
  noPath(
    'nav2_rotation_shim_controller',
    'RotationShimController detected a potential collision ahead!',
    'The rotation shim stopped before a collision',
    0.6,
  ),
  said(
    'nav2_rotation_shim_controller',
    'Failed to create internal controller for rotation shimming. Exception: {}',
    CONFIG,
    "The rotation shim's primary controller could not be created",
    0.6,
  ),
  said(
    'nav2_rotation_shim_controller',
    "Failed to get 'primary_controller.plugin' parameter",
    CONFIG,
    "The rotation shim's primary controller is not set",
    0.9,
  ),

  // ---- Nav2: planner_server and planners (NavFn, Smac, Theta*) ----
  noPath(
    'nav2_planner',
    'Planning algorithm {} failed to generate a valid path to ({}, {})',
    'The global planner found no path',
    0.75,
  ),
  noPath('nav2_planner', '{} plugin failed to plan calculation to ({}, {}): "{}"', 'The global planner found no path', 0.7),
  noPath(
    'nav2_planner',
    '{} plugin failed to plan through {} points with final goal ({}, {}): "{}"',
    'The global planner found no path through the poses',
    0.7,
  ),
  noPath(
    'nav2_planner',
    '{}plugin failed to plan from ({}, {}) [q: {}] (yaw: {}) to ({}, {})',
    'The global planner found no path',
    0.7,
  ),
  noPath('nav2_planner', '{} generated a empty path', 'The global planner returned an empty path', 0.65),
  said(
    'nav2_planner',
    'planner {} is not a valid planner. Planner names are: {}',
    CONFIG,
    'A planner id the server does not have',
    0.9,
  ),
  said(
    'nav2_planner',
    'Action called with planner name {}, which does not exist. Available planners are: {}.',
    CONFIG,
    'A planner id the server does not have',
    0.9,
  ),
  said('nav2_planner', 'Failed to create global planner. Exception: {}', CONFIG, 'A planner plugin could not be created', 0.55),
  said(
    'nav2_planner',
    'Failed to get plugin type for planner {}. Exception: {}',
    CONFIG,
    "A planner's plugin type is not set",
    0.85,
  ),
  said(
    'nav2_planner',
    'Could not transform the start or goal pose in the costmap frame',
    CONFIG,
    'No transform for the start or goal pose',
    0.45,
  ),
  said(
    'nav2_planner',
    'Unable to transform poses to global frame',
    CONFIG,
    'No transform for the poses to the global frame',
    0.45,
  ),
  noPath('nav2_navfn_planner', 'Failed to create plan with tolerance of: {}', 'NavFn found no path within its tolerance', 0.75),
  noPath('nav2_navfn_planner', 'Goal Coordinates of({}, {}) was in lethal cost', 'The goal lies in an obstacle', 0.7),
  noPath('nav2_navfn_planner', 'Goal Coordinates of({}, {}) was outside bounds', 'The goal lies outside the map', 0.65),
  noPath('nav2_navfn_planner', 'Start Coordinates of({}, {}) was outside bounds', 'The start lies outside the map', 0.6),
  noPath(
    'nav2_theta_star_planner',
    'Either of the start or goal pose are an obstacle! ',
    'The start or goal lies in an obstacle',
    0.7,
  ),
  noPath('nav2_theta_star_planner', 'Could not generate path between the given poses', 'Theta* found no path', 0.75),
  said(
    'nav2_smac_planner',
    'Could not open lattice file',
    'config_error/file_not_found',
    "Smac's lattice primitives file cannot be opened",
    0.9,
  ),
  said(
    'nav2_smac_planner',
    'Invalid motion model for Lattice node. Please select STATE_LATTICE',
    CONFIG,
    "Smac's motion model is not valid",
    0.9,
  ),
  said(
    'nav2_smac_planner',
    'Invalid motion model for Hybrid A*. Please select between',
    CONFIG,
    "Smac's motion model is not valid",
    0.9,
  ),
  said('nav2_smac_planner', 'Invalid motion model for 2D node.', CONFIG, "Smac's motion model is not valid", 0.85),
  said(
    'nav2_smac_planner',
    "Unable to get MotionModel search type. Given '{}', valid options are",
    CONFIG,
    "Smac's motion model is not valid",
    0.9,
  ),
  said(
    'nav2_smac_planner',
    'Min turning radius cannot be less than the search grid cell resolution!',
    CONFIG,
    "Smac's minimum turning radius is below the grid resolution",
    0.85,
  ),
  said('nav2_smac_planner', 'Failed to compute path, no costmap given.', CONFIG, 'Smac was given no costmap', 0.6),

  // ---- Nav2: smoother_server ----
  noPath(
    'nav2_smoother',
    'Smoothed path leads to a collision at x: {}, y: {}, theta: {}',
    'The smoothed path runs into an obstacle',
    0.6,
  ),
  said(
    'nav2_smoother',
    'SmoothPath called with smoother name {}, which does not exist. Available smoothers are: {}.',
    CONFIG,
    'A smoother id the server does not have',
    0.9,
  ),
  said('nav2_smoother', 'Failed to create smoother. Exception: {}', CONFIG, 'A smoother plugin could not be created', 0.55),
  said(
    'nav2_smoother',
    'Savitzky-Golay Smoother requires an odd window size of 3 or greater',
    CONFIG,
    "The smoother's window size is not valid",
    0.9,
  ),
  noPath(
    'nav2_constrained_smoother',
    'Failed to smooth plan, Ceres could not find a usable solution',
    'The constrained smoother found no solution',
    0.6,
  ),
  said(
    'nav2_constrained_smoother',
    'Invalid parameter: linear_solver_type',
    CONFIG,
    "The constrained smoother's solver type is not valid",
    0.9,
  ),

  // ---- Nav2: behavior_server ----
  said(
    'nav2_behaviors',
    'Exceeded time allowance before reaching the {} goal - Exiting {}',
    'timeout/deadline_exceeded',
    'A recovery behavior ran out of time',
    0.75,
  ),
  noPath('nav2_behaviors', 'Collision Ahead - Exiting {}', 'A recovery behavior stopped before a collision', 0.6),
  said(
    'nav2_behaviors',
    'Failed to create behavior {} of type {}. Exception: {}',
    CONFIG,
    'A behavior plugin could not be created',
    0.6,
  ),
  said(
    'nav2_behaviors',
    'acceleration_limit and deceleration_limit must be positive and negative respectively',
    CONFIG,
    "A behavior's acceleration limits have the wrong signs",
    0.9,
  ),

  // ---- Nav2: bt_navigator and behavior tree nodes ----
  // session 21 (main a3a97043e, nav2_behavior_tree bt_action_server_impl.hpp): the main tree file
  // gives no tree ID (BTCPP_format 4 files name their main tree) or could not be parsed. The `{}` is
  // the tree file Nav2 read, so the entry asks for its ".xml" (other software's "Failed to extract
  // ID from URL …" or "… from response" is not Nav2's)
  said(
    'nav2_behavior_tree',
    'Failed to extract ID from {}.xml',
    CONFIG,
    'The behavior-tree file names no main tree ID (or could not be parsed)',
    0.6,
  ),
  said(
    'nav2_bt_navigator',
    'BT file not found: {}. Navigation canceled.',
    'config_error/file_not_found',
    "The navigator's behavior tree file is missing",
    0.9,
  ),
  said(
    'nav2_bt_navigator',
    'Failed to create navigator id {}. Exception: {}',
    CONFIG,
    'A navigator plugin could not be created',
    0.6,
  ),
  said(
    'nav2_bt_navigator',
    "Failed to transform a goal pose provided with frame_id '{}' to the global frame '{}'.",
    CONFIG,
    'No transform for the goal to the global frame',
    0.5,
  ),
  said(
    'nav2_behavior_tree',
    '"{}" action server not available after waiting for {}s',
    'timeout/request_timeout',
    'A behavior tree node waited in vain for its action server',
    0.75,
  ),
  said(
    'nav2_behavior_tree',
    '"{}" service server not available after waiting for {}s',
    'timeout/request_timeout',
    'A behavior tree node waited in vain for its service',
    0.75,
  ),
  said(
    'nav2_behavior_tree',
    'Timed out while waiting for action server to acknowledge goal request for {}',
    'timeout/request_timeout',
    'An action server did not acknowledge the goal',
    0.75,
  ),
  said(
    'nav2_behavior_tree',
    'Multiple BehaviorTree elements found in {} but no main_tree_to_execute attribute specified.',
    CONFIG,
    'The behavior tree file names no main tree',
    0.9,
  ),
  said(
    'nav2_behavior_tree',
    "parameter 'error_code_names' has been replaced by",
    CONFIG,
    'A Nav2 parameter removed in this release is set',
    0.9,
  ),
  said('nav2_behavior_tree', 'Error loading BT: {}', CONFIG, 'The behavior tree could not be loaded', 0.55),

  // ---- Nav2: costmap_2d and its layers ----
  said(
    'nav2_costmap_2d',
    'Failed to activate {} because transform from {} to {} did not become available before timeout',
    'timeout/deadline_exceeded',
    "The costmap's transform never became available",
    0.65,
  ),
  said(
    'nav2_costmap_2d',
    'Timed out waiting for transform from {} to {} to become available, tf error: {}',
    'timeout/deadline_exceeded',
    "The costmap's transform is not available",
    0.55,
  ),
  said(
    'costmap_2d',
    'Timed out waiting for transform from {} to {} to become available before running costmap, tf error: {}',
    'timeout/deadline_exceeded',
    "The costmap's transform is not available",
    0.55,
  ),
  said(
    'costmap_2d',
    'The {} observation buffer has not been updated for {} seconds, and it should be updated every {} seconds.',
    'hardware_fault/sensor_fault',
    'A sensor stream stopped updating the costmap',
    0.6,
  ),
  said(
    'nav2_costmap_2d',
    'Sensor origin at ({}, {}) is out of map bounds ({}, {}) to ({}, {}). The costmap cannot raytrace for it.',
    CONFIG,
    "A sensor's origin lies outside the costmap",
    0.5,
  ),
  said(
    'costmap_2d',
    'is out of map bounds. So, the costmap cannot raytrace for it.',
    CONFIG,
    "A sensor's origin lies outside the costmap",
    0.5,
  ),
  said('nav2_costmap_2d', 'Robot is out of bounds of the costmap', CONFIG, 'The robot lies outside its costmap', 0.45),
  said(
    'nav2_costmap_2d',
    'Costmap timed out waiting for update',
    'timeout/deadline_exceeded',
    'The costmap was not updated in time',
    0.6,
  ),
  said(
    'costmap_2d',
    'The footprint parameter is invalid: "{}", using radius ({}) instead',
    CONFIG,
    'The footprint parameter does not parse',
    0.8,
  ),
  said('costmap_2d', "Error parsing footprint parameter: '{}'", CONFIG, 'The footprint parameter does not parse', 0.85),
  said(
    'costmap_2d',
    'You must specify at least three points for the robot footprint, reverting to previous footprint.',
    CONFIG,
    'The footprint has fewer than three points',
    0.9,
  ),
  said(
    'costmap_2d',
    'Points in the footprint specification must be pairs of numbers. Found a point with {} numbers.',
    CONFIG,
    'A footprint point is not a pair of numbers',
    0.9,
  ),
  said(
    'costmap_2d',
    'The footprint must be specified as list of lists on the parameter server',
    CONFIG,
    'The footprint parameter is not a list of points',
    0.9,
  ),
  said(
    'costmap_2d',
    'Values in the footprint specification (param {}) must be numbers. Found value {}.',
    CONFIG,
    'A footprint value is not a number',
    0.9,
  ),
  said(
    'nav2_costmap_2d',
    "You try to set width of map to be negative or zero, this isn't allowed, please give a positive value.",
    CONFIG,
    'The costmap width is not positive',
    0.9,
  ),
  said(
    'nav2_costmap_2d',
    "You try to set height of map to be negative or zero, this isn't allowed, please give a positive value.",
    CONFIG,
    'The costmap height is not positive',
    0.9,
  ),
  said(
    'nav2_costmap_2d',
    'Costmap resolution must be a positive finite value.',
    CONFIG,
    'The costmap resolution is not valid',
    0.9,
  ),
  said(
    'nav2_costmap_2d',
    'Failed to initialize costmap plugin {}! {}.',
    CONFIG,
    'A costmap layer plugin could not be initialized',
    0.55,
  ),
  said(
    'nav2_costmap_2d',
    'Only topics that use point cloud2s or laser scans are currently supported',
    CONFIG,
    "An observation source's data type is not supported",
    0.9,
  ),
  said(
    'costmap_2d',
    'Only topics that use point clouds or laser scans are currently supported',
    CONFIG,
    "An observation source's data type is not supported",
    0.9,
  ),
  said(
    'nav2_costmap_2d',
    'Received map message is malformed. Rejecting.',
    'data_error/corrupt_input',
    'The map message is malformed',
    0.7,
  ),
  said(
    'nav2_costmap_2d',
    'Received map update is malformed. Rejecting.',
    'data_error/corrupt_input',
    'The map update is malformed',
    0.7,
  ),
  said(
    'nav2_costmap_2d',
    "Can't update static costmap layer, no map received",
    CONFIG,
    'The static layer never received a map',
    0.5,
  ),
  said(
    'costmap_2d',
    'transformLaserScanToPointCloud error, it seems the message from laser',
    'data_error/corrupt_input',
    'A laser scan could not be projected',
    0.55,
  ),
  said(
    'nav2_costmap_2d',
    'No range readings received for {} seconds, while expected at least every {} seconds.',
    'hardware_fault/sensor_fault',
    'A range sensor stopped publishing',
    0.6,
  ),
  said('nav2_costmap_2d', 'KeepoutFilter: Filter mask was not received', CONFIG, 'The keepout filter mask never arrived', 0.5),
  said('nav2_costmap_2d', 'SpeedFilter: Filter mask was not received', CONFIG, 'The speed filter mask never arrived', 0.5),

  // ---- Nav2: amcl ----
  said(
    'nav2_amcl',
    'AMCL cannot publish a pose or update the transform. Please set the initial pose...',
    CONFIG,
    "AMCL's initial pose is not set",
    0.55,
  ),
  said(
    'nav2_amcl',
    '({}) consecutive laser scan transforms failed: ({})',
    CONFIG,
    "AMCL cannot transform the laser's frame",
    0.5,
  ),
  said(
    'amcl',
    "Couldn't determine robot's pose associated with laser scan",
    CONFIG,
    'AMCL cannot place the laser scan (transform)',
    0.45,
  ),
  said(
    'amcl',
    'Received initialpose from message is out of the size of map. Rejecting.',
    'validation_error/invalid_argument',
    'The initial pose lies outside the map',
    0.7,
  ),
  said(
    'amcl',
    'Received initialpose message is malformed. Rejecting.',
    'data_error/corrupt_input',
    'The initial pose message is malformed',
    0.65,
  ),
  said(
    'amcl',
    'Ignoring initial pose in frame "{}"; initial poses must be in the global frame, "{}"',
    CONFIG,
    'The initial pose is in another frame than the global frame',
    0.7,
  ),
  said(
    'amcl',
    'No laser scan received (and thus no pose updates have been published) for {} seconds.',
    'hardware_fault/sensor_fault',
    'AMCL receives no laser scans',
    0.6,
  ),
  said('amcl', 'Failed to compute odom pose, skipping scan ({})', CONFIG, 'AMCL cannot look up the odometry transform', 0.5),
  said(
    'amcl',
    "Frame_id of map received:'{}' doesn't match global_frame_id:'{}'.",
    CONFIG,
    "The map's frame is not AMCL's global frame",
    0.7,
  ),

  // ---- Nav2 and ROS 1: map_server ----
  said(
    'nav2_map_server',
    'Failed processing YAML file {} at position ({}:{}) for reason: {}',
    'config_error/invalid_config',
    'The map YAML file does not load',
    0.7,
  ),
  said(
    'nav2_map_server',
    'Failed to parse map YAML loaded from file {} for reason: {}',
    'config_error/invalid_config',
    'The map YAML file does not parse',
    0.7,
  ),
  said(
    'nav2_map_server',
    'Failed to load image file {} for reason: {}',
    'config_error/file_not_found',
    "The map's image file cannot be loaded",
    0.65,
  ),
  said(
    'nav2_map_server',
    'Failed to load map yaml file: {}',
    'config_error/file_not_found',
    'The map YAML file cannot be loaded',
    0.65,
  ),
  said('nav2_map_server', "YAML file name is empty, can't load!", CONFIG, 'No map YAML file is set', 0.85),
  said('nav2_map_server', 'The image tag was empty.', CONFIG, 'The map YAML names no image', 0.85),
  said(
    'nav2_map_server',
    "value of the 'origin' tag should have 3 elements, not {}",
    CONFIG,
    "The map's origin is not [x, y, yaw]",
    0.9,
  ),
  said(
    'nav2_map_server',
    'Threshold_free must be smaller than threshold_occupied',
    CONFIG,
    "The map's thresholds are not ordered",
    0.9,
  ),
  said('nav2_map_server', 'Map mode should be Trinary, Scale or Raw', CONFIG, "The map's mode is not valid", 0.9),
  said('map_server', 'Map_server could not open {}.', 'config_error/file_not_found', 'The map YAML file cannot be opened', 0.85),
  said('map_server', 'The map does not contain a {} tag or it is invalid.', CONFIG, 'A map YAML tag is missing or invalid', 0.85),
  said('map_server', 'The image tag cannot be an empty string.', CONFIG, 'The map YAML names no image', 0.85),

  // ---- Nav2: lifecycle_manager ----
  said(
    'nav2_lifecycle_manager',
    'Server {} was unable to be reached after {}s by bond. This server may be misconfigured.',
    'timeout/deadline_exceeded',
    'A managed server did not answer its bond in time',
    0.65,
  ),
  said(
    'nav2_lifecycle_manager',
    'CRITICAL FAILURE: SERVER {} IS DOWN after not receiving a heartbeat for {} ms.',
    'timeout/deadline_exceeded',
    'A managed server stopped sending heartbeats',
    0.6,
  ),
  said(
    'nav2_util',
    'change_state service is not available!',
    'timeout/request_timeout',
    "A node's lifecycle service did not appear",
    0.55,
  ),
  said(
    'nav2_util',
    'get_state service is not available!',
    'timeout/request_timeout',
    "A node's lifecycle service did not appear",
    0.55,
  ),

  // ---- Nav2: collision_monitor, velocity_smoother, waypoint_follower ----
  said('nav2_collision_monitor', '[{}]: Unknown polygon type: {}', CONFIG, "A polygon's type is not known", 0.9),
  said('nav2_collision_monitor', '[{}]: Unknown source type: {}', CONFIG, "An observation source's type is not known", 0.9),
  said('nav2_collision_monitor', '[{}]: Unknown action type: {}', CONFIG, "A polygon's action type is not known", 0.9),
  said(
    'nav2_collision_monitor',
    '[{}]: Polygon should have at least 3 points',
    CONFIG,
    'A polygon has fewer than three points',
    0.9,
  ),
  said(
    'nav2_collision_monitor',
    '[{}]: Error while getting polygon parameters: static points and sub topic both not defined',
    CONFIG,
    'A polygon has neither points nor a topic',
    0.9,
  ),
  said(
    'nav2_collision_monitor',
    '[{}]: Error while getting circle parameters: static radius and sub topic both not defined',
    CONFIG,
    'A circle has neither a radius nor a topic',
    0.9,
  ),
  said(
    'nav2_collision_monitor',
    "is not defined as one of the node's observation_source!",
    CONFIG,
    'A polygon uses an observation source that is not declared',
    0.9,
  ),
  said(
    'nav2_collision_monitor',
    "[{}]: 'use_global_height' parameter true but height field not in cloud",
    'data_error/missing_field',
    'The point cloud has no height field',
    0.8,
  ),
  said(
    'nav2_collision_monitor',
    '[{}]: Malformed range message. Rejecting...',
    'data_error/corrupt_input',
    'A range message is malformed',
    0.65,
  ),
  said(
    'nav2_velocity_smoother',
    'Invalid setting of kinematic and/or deadband limits!',
    CONFIG,
    "The velocity smoother's limits are not of size 3 or 6",
    0.9,
  ),
  said(
    'nav2_velocity_smoother',
    'Positive values set of deceleration! These should be negative to slow down!',
    CONFIG,
    "The velocity smoother's deceleration has the wrong sign",
    0.9,
  ),
  said(
    'nav2_velocity_smoother',
    'Negative values set of acceleration! These should be positive to speed up!',
    CONFIG,
    "The velocity smoother's acceleration has the wrong sign",
    0.9,
  ),
  said(
    'nav2_velocity_smoother',
    'Positive values set of min_velocities! These should be negative!',
    CONFIG,
    "The velocity smoother's minimum velocities have the wrong sign",
    0.9,
  ),
  said(
    'nav2_velocity_smoother',
    'Negative values set of max_velocities! These should be positive!',
    CONFIG,
    "The velocity smoother's maximum velocities have the wrong sign",
    0.9,
  ),
  said(
    'nav2_velocity_smoother',
    'Min velocities are higher than max velocities!',
    CONFIG,
    "The velocity smoother's limits are not ordered",
    0.9,
  ),
  said(
    'nav2_velocity_smoother',
    'Invalid feedback_type, options are OPEN_LOOP and CLOSED_LOOP.',
    CONFIG,
    "The velocity smoother's feedback type is not valid",
    0.9,
  ),
  noPath(
    'nav2_waypoint_follower',
    'Failed to process waypoint {} in waypoint list and stop on failure is enabled. Terminating action.',
    'A waypoint was not reached',
    0.6,
  ),
  noPath('nav2_waypoint_follower', 'Failed to execute task at waypoint {}', 'The task at a waypoint failed', 0.5),
  said(
    'nav2_waypoint_follower',
    'Failed to create waypoint_task_executor. Exception: {}',
    CONFIG,
    'The waypoint task executor plugin could not be created',
    0.6,
  ),

  // ---- ROS 1: move_base, navfn, global_planner, dwa / base_local_planner ----
  noPath(
    'move_base',
    'Aborting because a valid plan could not be found. Even after executing all recovery behaviors',
    'move_base found no global plan',
    0.8,
  ),
  noPath(
    'move_base',
    'Aborting because a valid control could not be found. Even after executing all recovery behaviors',
    'move_base found no valid control',
    0.8,
  ),
  said(
    'move_base',
    'Aborting because the robot appears to be oscillating over and over. Even after executing all recovery behaviors',
    'timeout/hang_or_deadlock',
    "move_base's oscillation watchdog tripped",
    0.7,
  ),
  said(
    'move_base',
    'Failed to create the {} planner, are you sure it is properly registered and that the',
    'import_error/module_not_found',
    'A planner plugin is not registered or built',
    0.7,
  ),
  said(
    'move_base',
    "Sensor data is out of date, we're not going to allow commanding of the base for safety",
    'hardware_fault/sensor_fault',
    'The costmap sensors stopped updating',
    0.6,
  ),
  said(
    'move_base',
    'Quaternion has length close to zero... discarding as navigation goal',
    'validation_error/invalid_argument',
    "The goal's orientation is a zero quaternion",
    0.85,
  ),
  said(
    'move_base',
    'Quaternion has nans or infs... discarding as a navigation goal',
    'data_error/nan_or_inf',
    "The goal's orientation holds NaN or Inf",
    0.8,
  ),
  said(
    'move_base',
    'Quaternion is invalid... for navigation the z-axis of the quaternion must be close to vertical.',
    'validation_error/invalid_argument',
    "The goal's orientation is not upright",
    0.85,
  ),
  said(
    'move_base',
    'Unable to get starting pose of robot, unable to create global plan',
    CONFIG,
    'move_base cannot look up the robot pose',
    0.45,
  ),
  noPath(
    'move_base',
    'Failed to pass global plan to the controller, aborting.',
    'The local planner rejected the global plan',
    0.5,
  ),
  noPath('global_planner', 'Failed to get a plan.', 'The global planner found no path', 0.65),
  noPath(
    'navfn',
    'The goal sent to the navfn planner is off the global costmap. Planning will always fail to this goal.',
    'The goal lies outside the global costmap',
    0.7,
  ),
  noPath(
    'global_planner',
    'The goal sent to the global planner is off the global costmap. Planning will always fail to this goal.',
    'The goal lies outside the global costmap',
    0.7,
  ),
  noPath(
    'navfn',
    "The robot's start position is off the global costmap. Planning will always fail, are you sure the robot has been properly localized?",
    'The robot lies outside the global costmap',
    0.6,
  ),
  said(
    'navfn',
    'The goal pose passed to this planner must be in the {} frame.  It is instead in the {} frame.',
    CONFIG,
    "The goal is in another frame than the planner's",
    0.8,
  ),
  said(
    'navfn',
    'The start pose passed to this planner must be in the {} frame.  It is instead in the {} frame.',
    CONFIG,
    "The start is in another frame than the planner's",
    0.8,
  ),
  noPath('dwa_local_planner', 'DWA planner failed to produce path.', 'DWA found no valid trajectory', 0.75),
  said(
    'base_local_planner',
    'Could not transform the global plan to the frame of the controller',
    CONFIG,
    "No transform from the plan to the controller's frame",
    0.45,
  ),
  noPath(
    'rotate_recovery',
    "Rotate recovery can't rotate in place because there is a potential collision.",
    'The rotate recovery is blocked by an obstacle',
    0.55,
  ),

  // ---- MoveIt: move_group, planning pipeline, OMPL ----
  noPath('moveit_planners_ompl', 'Unable to solve the planning problem', 'The motion planner found no plan', 0.75),
  noPath('moveit_ros_move_group', 'No motion plan found. No execution attempted.', 'MoveIt found no motion plan', 0.8),
  noPath(
    'moveit_ros_move_group',
    'Motion plan was found but it seems to be invalid (possibly due to postprocessing). Not executing.',
    'The motion plan was rejected after planning',
    0.65,
  ),
  noPath(
    'moveit_ros_move_group',
    'Solution found but the environment changed during execution and the path was aborted',
    'The path was invalidated by a change of the scene',
    0.6,
  ),
  noPath(
    'moveit_ros_planning_interface',
    'MoveGroupInterface::plan() failed or timeout reached',
    'MoveIt planning failed or timed out',
    0.55,
  ),
  noPath(
    'moveit_ros_planning_interface',
    'MoveGroupInterface::move() failed or timeout reached',
    'MoveIt planning or execution failed',
    0.45,
  ),
  noPath(
    'moveit_ros_planning_interface',
    'MoveGroupInterface::execute() failed or timeout reached',
    'MoveIt execution failed',
    0.4,
  ),
  said(
    'moveit_ros_planning_interface',
    "The requested named target '{}' does not exist",
    CONFIG,
    'A named target the SRDF does not define',
    0.85,
  ),
  noPath(
    'ompl',
    'Unable to sample any valid states for goal tree',
    'OMPL found no valid goal state (goal in collision or unreachable)',
    0.75,
  ),
  noPath(
    'ompl',
    'Motion planning start tree could not be initialized!',
    'OMPL found no valid start state (start in collision or out of bounds)',
    0.7,
  ),
  noPath('ompl', 'There are no valid initial states!', 'OMPL found no valid start state', 0.7),
  noPath('ompl', 'Insufficient states in sampleable goal region', 'OMPL could not sample the goal region', 0.65),
  noPath('ompl', 'Skipping invalid start state (invalid {})', 'The start state is invalid (bounds or collision)', 0.5),
  said(
    'moveit_planners_ompl',
    "Could not find the planner configuration '{}' on the param server",
    CONFIG,
    'An OMPL planner configuration is not defined',
    0.85,
  ),
  noPath(
    'moveit_ros_planning',
    'Computed path is not valid. Invalid states at index locations: [ {}] out of {}.',
    'The planned path collides or breaks a constraint',
    0.6,
  ),
  said(
    'moveit_ros_planning',
    "Joint '{}' from the starting state is outside bounds by: [{}] should be in the range [{}], [{}].",
    'validation_error/invalid_argument',
    'The start state lies outside the joint limits',
    0.65,
  ),
  said(
    'moveit_ros_planning',
    "Failed to find default PlanningPipeline '{}' - please check MoveGroup's planning pipeline configuration.",
    CONFIG,
    'The default planning pipeline is not configured',
    0.9,
  ),
  said(
    'moveit_ros_planning',
    "No planning pipeline available for name '{}'",
    CONFIG,
    'A planning pipeline that is not configured',
    0.85,
  ),
  said(
    'moveit_ros_planning',
    "Failed to initialize planning pipeline '{}'.",
    CONFIG,
    'A planning pipeline could not be initialized',
    0.6,
  ),
  said(
    'moveit_ros_planning',
    "Exception while loading planning adapter plugin '{}': {}",
    CONFIG,
    'A planning adapter plugin could not be loaded',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    "Failed to read parameter 'move_group.planning_pipelines'",
    CONFIG,
    'The planning pipelines are not configured',
    0.85,
  ),
  said(
    'moveit_ros_move_group',
    "Exception while loading move_group capability '{}': {}",
    CONFIG,
    'A move_group capability could not be loaded',
    0.7,
  ),

  // ---- MoveIt: robot model, SRDF, kinematics ----
  said(
    'moveit_ros_planning',
    "Robot semantic description not found. Did you forget to define or remap '{}'?",
    CONFIG,
    'The SRDF (robot_description_semantic) is not loaded',
    0.9,
  ),
  said(
    'moveit_ros_planning',
    'Could not find parameter {} and did not receive {} via std_msgs::msg::String subscription within {} seconds.',
    CONFIG,
    'The robot description parameter never arrived',
    0.8,
  ),
  said('moveit_ros_planning', 'Unable to parse SRDF', 'validation_error/schema_violation', 'The SRDF does not parse', 0.75),
  said('moveit_ros_planning', 'Robot model not loaded', CONFIG, 'No robot model could be loaded', 0.55),
  said(
    'moveit_ros_planning',
    'No kinematics plugins defined. Fill and load kinematics.yaml!',
    CONFIG,
    'No kinematics solver is configured',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    'Kinematics solver could not be instantiated for joint group {}.',
    CONFIG,
    'The kinematics solver of a group could not be created',
    0.75,
  ),
  said(
    'moveit_ros_planning',
    'Kinematics solver {} does not support joint group {}. Error: {}',
    CONFIG,
    'The kinematics solver does not fit the group',
    0.85,
  ),
  said(
    'moveit_ros_planning',
    'The kinematics plugin ({}) failed to load. Error: {}',
    'import_error/module_not_found',
    'The kinematics plugin could not be loaded',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    "Kinematics solver of type '{}' could not be initialized for group '{}'",
    CONFIG,
    'The kinematics solver of a group could not be initialized',
    0.7,
  ),
  said('moveit_core', "No kinematics solver instantiated for group '{}'", CONFIG, 'A group has no kinematics solver', 0.75),
  said('moveit_core', "Group '{}' not found in model '{}'", CONFIG, 'A planning group the SRDF does not define', 0.8),
  said('moveit_core', "Link '{}' not found in model '{}'", CONFIG, 'A link the robot model does not have', 0.7),
  said('moveit_core', "Joint '{}' not found in model '{}'", CONFIG, 'A joint the robot model does not have', 0.7),
  said('moveit_core', "End-effector '{}' not found in model '{}'", CONFIG, 'An end effector the SRDF does not define', 0.8),
  said(
    'moveit_core',
    "Group state '{}' specified for group '{}', but that group does not exist",
    CONFIG,
    'A named state of a group the SRDF does not define',
    0.85,
  ),
  said(
    'moveit_core',
    "Joint '{}' cannot mimic unknown joint '{}'",
    'validation_error/schema_violation',
    'A mimic joint names a joint that does not exist',
    0.75,
  ),
  said('moveit_core', 'Found empty JointState message', 'data_error/empty_input', 'An empty joint state message', 0.6),
  said(
    'moveit_core',
    'Different number of names and positions in JointState message: {}, {}',
    'data_error/corrupt_input',
    'A joint state message with mismatched arrays',
    0.7,
  ),
  said('moveit_core', 'The following IK frame does not exist: {}', CONFIG, 'An IK frame the robot model does not have', 0.8),

  // ---- MoveIt: planning scene / current state ----
  said(
    'moveit_ros_planning',
    "Didn't receive robot state (joint angles) with recent timestamp within {} seconds.",
    'timeout/deadline_exceeded',
    'No recent joint states arrived in time',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    'Failed to fetch current robot state',
    'timeout/deadline_exceeded',
    'The current robot state could not be read',
    0.55,
  ),
  said(
    'moveit_ros_planning',
    'Unable to get current robot state',
    'timeout/deadline_exceeded',
    'The current robot state could not be read',
    0.5,
  ),
  said(
    'moveit_ros_planning',
    'State monitor received invalid joint state (number of joint names does not match number of positions)',
    'data_error/corrupt_input',
    'A joint state message with mismatched arrays',
    0.7,
  ),
  said('moveit_ros_planning', 'The joint states topic cannot be an empty string', CONFIG, 'No joint states topic is set', 0.85),

  // ---- MoveIt: trajectory execution manager and controller managers ----
  said(
    'moveit_ros_planning',
    'Controller is taking too long to execute trajectory (the expected upper bound for the trajectory execution was {} seconds). Stopping trajectory.',
    'timeout/deadline_exceeded',
    'The trajectory did not finish within its time bound',
    0.8,
  ),
  said(
    'moveit_ros_planning',
    'Unable to identify any set of controllers that can actuate the specified joints: [ {}]',
    CONFIG,
    'No configured controller drives the planned joints',
    0.9,
  ),
  said(
    'moveit_ros_planning',
    "Parameter '~moveit_controller_manager' not specified.",
    CONFIG,
    "MoveIt's controller manager plugin is not set",
    0.9,
  ),
  said(
    'moveit_ros_planning',
    "Exception while loading controller manager '{}': {}",
    CONFIG,
    "MoveIt's controller manager plugin could not be loaded",
    0.7,
  ),
  said(
    'moveit_ros_planning',
    "Failed to validate trajectory: couldn't receive full current joint state within {}",
    'timeout/deadline_exceeded',
    'No full joint state arrived before execution',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    'Invalid Trajectory: start point deviates from current robot state more than {} at joint',
    'validation_error/invalid_argument',
    "The trajectory's start is not the robot's current state",
    0.7,
  ),
  said(
    'moveit_ros_planning',
    'Invalid Trajectory: start point deviates from current robot state more than',
    'validation_error/invalid_argument',
    "The trajectory's start is not the robot's current state",
    0.65,
  ),
  said(
    'moveit_ros_planning',
    'Controller {} is not known. Known controllers: {}',
    CONFIG,
    'A controller MoveIt does not know',
    0.85,
  ),
  said(
    'moveit_ros_planning',
    'Unknown joint in trajectory: {}',
    'validation_error/invalid_argument',
    'A trajectory names a joint the robot does not have',
    0.75,
  ),
  said(
    'moveit_ros_planning',
    'Failed to send trajectory part {} of {} to controller {}',
    'timeout/request_timeout',
    'The trajectory could not be sent to its controller',
    0.5,
  ),
  said(
    'moveit_ros_planning',
    "No controller handle for controller '{}'. Aborting.",
    CONFIG,
    'A controller MoveIt has no handle for',
    0.75,
  ),
  said(
    'moveit_simple_controller_manager',
    'Action client not connected to action server: {}',
    'timeout/request_timeout',
    "The controller's action server is not reachable",
    0.7,
  ),
  said(
    'moveit_simple_controller_manager',
    'No action namespace specified for controller `{}` through parameter `{}`',
    CONFIG,
    "A controller's action namespace is not set",
    0.9,
  ),
  said(
    'moveit_simple_controller_manager',
    'No joints specified for controller {}',
    CONFIG,
    "A controller's joints are not set",
    0.85,
  ),
  said('moveit_simple_controller_manager', 'No type specified for controller {}', CONFIG, "A controller's type is not set", 0.85),
  said('moveit_simple_controller_manager', 'Unknown controller type: {}', CONFIG, "A controller's type is not known", 0.85),
  said(
    'moveit_simple_controller_manager',
    'No controller_names specified.',
    CONFIG,
    "MoveIt's controller names are not set",
    0.85,
  ),
  said(
    'moveit_simple_controller_manager',
    'Parallel Gripper requires exactly two joints, {} are specified',
    CONFIG,
    'A parallel gripper with other than two joints',
    0.9,
  ),
  said(
    'moveit_ros_control_interface',
    "Couldn't switch controllers at {} within {} seconds",
    'timeout/request_timeout',
    'The controller switch request was not answered',
    0.75,
  ),

  // ---- MoveIt: servo ----
  said(
    'moveit_servo',
    'Timeout waiting for current state',
    'timeout/deadline_exceeded',
    'Servo received no robot state in time',
    0.65,
  ),
  said('moveit_servo', 'Halting for collision!', 'hardware_fault/emergency_stop', 'Servo halted the arm before a collision', 0.5),
  said('moveit_servo', 'Got invalid parameters, exiting.', CONFIG, "Servo's parameters are not valid", 0.8),
  said('moveit_servo', 'No IK solver for planning group {}.', CONFIG, 'The servo group has no IK solver', 0.8),

  // ---- ros2_control: controller_manager and spawner ----
  said(
    'controller_manager',
    "Could not load controller '{}' because controller type '{}' does not exist.",
    'import_error/module_not_found', // rule 5: the controller's package not installed (labels 2, no other)
    'A controller type that is not installed or misspelled',
    0.9,
  ),
  said(
    'controller_manager',
    "Loader for controller '{}' (type '{}') not found.",
    'import_error/module_not_found', // rule 5: the controller's package not installed (labels 2, no other)
    'A controller type that is not installed or misspelled',
    0.85,
  ),
  said(
    'controller_manager',
    "Could not load controller '{}' because the type was not specified.",
    CONFIG,
    "A controller's type is not set",
    0.9,
  ),
  said('controller_manager', "The 'type' param was not defined for '{}'.", CONFIG, "A controller's type is not set", 0.9),
  said(
    'controller_manager',
    'Switch controller timed out after {} seconds!',
    'timeout/deadline_exceeded',
    'The controller switch did not finish in time',
    0.8,
  ),
  said(
    'controller_manager',
    'Could not switch controllers since prepare command mode switch was rejected.',
    'validation_error/forbidden_operation',
    "The hardware refused the controllers' command mode",
    0.65,
  ),
  said(
    'controller_manager',
    "Resource conflict for controller '{}'. Command interface '{}' is already claimed.",
    CONFIG,
    'Two controllers claim the same command interface',
    0.85,
  ),
  said('controller_manager', "Can't activate controller '{}': {}", CONFIG, 'A controller could not claim its interfaces', 0.6),
  said(
    'controller_manager',
    "Command interface with '{}' does not exist",
    CONFIG,
    'A command interface the robot description does not export',
    0.9,
  ),
  said(
    'controller_manager',
    "Command interface with key '{}' does not exist",
    CONFIG,
    'A command interface the robot description does not export',
    0.9,
  ),
  said(
    'controller_manager',
    "State interface with key '{}' does not exist",
    CONFIG,
    'A state interface the robot description does not export',
    0.9,
  ),
  said(
    'controller_manager',
    "Command interface with key '{}' is already claimed",
    CONFIG,
    'Two controllers claim the same command interface',
    0.85,
  ),
  // The resource manager's (hardware_interface resource_manager.cpp prepare_command_mode_switch) reason
  // before the controller manager's "prepare command mode switch was rejected": printed only when a
  // claimed command interface does not exist ("Not existing:") or is not available ("Not available:"),
  // the controllers' configuration against the description (rule 3, rule 1 over the rejection after it).
  said(
    'hardware_interface',
    'Not acceptable command interfaces combination:',
    CONFIG,
    'The controllers claim command interfaces the hardware does not export or offer',
    0.75,
  ),
  said(
    'controller_manager',
    "A controller named '{}' was already loaded inside the controller manager",
    CONFIG,
    'A controller is loaded twice',
    0.75,
  ),
  said(
    'controller_manager',
    "Could not configure controller with name '{}' because no controller with this name exists",
    CONFIG,
    'A controller name that is not loaded',
    0.8,
  ),
  said(
    'controller_manager',
    "Could not unload controller with name '{}' because no controller with this name exists",
    CONFIG,
    'A controller name that is not loaded',
    0.7,
  ),
  said(
    'controller_manager',
    "Controller '{}' is chainable, but does not export any",
    CONFIG,
    'A chainable controller exports no interfaces',
    0.8,
  ),
  said(
    'controller_manager',
    'The published robot description file (urdf) seems not to be genuine. The following error was caught:',
    'validation_error/schema_violation',
    'The robot description does not parse',
    0.75,
  ),
  said(
    'controller_manager',
    'No clock received, and time argument is zero.',
    CONFIG,
    "The controller manager's clock is not running (use_sim_time)",
    0.75,
  ),
  said(
    'controller_manager',
    'Deactivating following hardware components as their read cycle resulted in an error: [ {}]',
    'hardware_fault/actuator_fault',
    "A hardware component's read failed",
    0.55,
  ),
  said(
    'controller_manager',
    'Deactivating following hardware components as their write cycle resulted in an error: [ {}]',
    'hardware_fault/actuator_fault',
    "A hardware component's write failed",
    0.55,
  ),
  said(
    'controller_manager',
    'The update call of the following controller returned an error: ',
    'runtime_error/unhandled_exception',
    "A controller's update failed",
    0.4,
  ),
  said(
    'controller_manager',
    'Could not contact service {}',
    'timeout/request_timeout',
    'The controller manager service did not answer',
    0.75,
  ),
  // session 21 (ros2_control master 53b9999d1, controller_manager/spawner.py): spawners take turns
  // under a file lock; one that never gets it gave up behind another spawner still waiting (most
  // often for a controller manager that does not answer, rule 2's spawner)
  said(
    'controller_manager',
    'Failed to acquire lock after multiple attempts.',
    'timeout/request_timeout',
    'The spawner gave up waiting for the spawner lock (another spawner held it, itself waiting on the controller manager)',
    0.6,
  ),
  said(
    'controller_manager',
    'Could not successfully call service {} after {} attempts.',
    'timeout/request_timeout',
    'The controller manager service did not answer',
    0.75,
  ),
  said(
    'controller_manager',
    'Missing namespace : {} or wildcard in parameter file for controller : {}',
    CONFIG,
    "A controller's parameters are under another namespace",
    0.85,
  ),
  said(
    'controller_manager',
    'Controller : {} parameters not found in parameter files : {}',
    CONFIG,
    "A controller's parameters are missing from its file",
    0.85,
  ),
  said(
    'controller_manager',
    'is not a valid ROS parameter file for controller node : {}',
    CONFIG,
    'A controller parameter file is not valid',
    0.8,
  ),
  said(
    'controller_manager',
    "Setting namespace through both '--namespace {}' arg and the ROS 2 standard way",
    CONFIG,
    'The spawner namespace is set twice',
    0.85,
  ),

  // ---- ros2_control: hardware_interface / resource manager and URDF parser ----
  // Headers ros2_control's releases removed (git log --diff-filter=D: base_interface.hpp and
  // types/hardware_interface_status_values.hpp in #503, 2021-09, the lifecycle API of Humble;
  // visibility_control.h in #1972, 2024-12), as gcc ("<header>: No such file or directory") and clang
  // ("'<header>' file not found") report them, the include path where it starts: a hardware plugin
  // written against another release's API
  // (docs/taxonomy.md rule 5, C++ code calling an API in a form the installed release lacks).
  ...[
    'hardware_interface/base_interface.hpp',
    'hardware_interface/types/hardware_interface_status_values.hpp',
    'hardware_interface/visibility_control.h',
  ].flatMap((header) => [
    // gcc: the path right after "fatal error: ", or after its colour code's printable end ("ESC[K": the
    // scanner's anchors are printable ASCII), so a header of the same name under another directory
    // ("my_robot/hardware_interface/…") is not read.
    ...['error: ', '[K'].map((before) =>
      said(
        'hardware_interface',
        `${before}${header}: No such file or directory`,
        REMOVED_API,
        'A header ros2_control removed (an older release API)',
        0.8,
      ),
    ),
    said(
      'hardware_interface',
      `'${header}' file not found`,
      REMOVED_API,
      'A header ros2_control removed (an older release API)',
      0.8,
    ),
  ]),
  said(
    'hardware_interface',
    "Failed to load hardware '{}' from plugin '{}'",
    'import_error/module_not_found',
    'The hardware plugin could not be loaded',
    0.7,
  ),
  said(
    'hardware_interface',
    "hardware component '{}' from plugin '{}' failed to initialize.",
    'hardware_fault/actuator_fault',
    'A hardware component failed to initialize',
    0.4,
  ),
  said(
    'hardware_interface',
    "Missing <plugin> tag of <hardware> element for '{}' in your URDF.",
    'validation_error/schema_violation',
    'The ros2_control hardware names no plugin',
    0.85,
  ),
  said(
    'hardware_interface',
    "Missing <plugin> tag of <transmission> element for '{}' in your URDF.",
    'validation_error/schema_violation',
    'A transmission names no plugin',
    0.85,
  ),
  said('hardware_interface', "no '{}' tag found in the URDF", CONFIG, 'The robot description has no ros2_control tag', 0.85),
  said(
    'hardware_interface',
    'invalid URDF passed in to robot parser: {}',
    'validation_error/schema_violation',
    'The robot description does not parse',
    0.8,
  ),
  said('hardware_interface', 'empty URDF passed to robot', CONFIG, 'The robot description is empty', 0.8),
  said(
    'hardware_interface',
    "Joint '{}' not found in URDF",
    CONFIG,
    'A ros2_control joint the robot description does not have',
    0.85,
  ),
  said(
    'hardware_interface',
    "Joint '{}' is of type 'fixed'. Fixed joints do not make sense in ros2_control.",
    CONFIG,
    'A fixed joint listed in ros2_control',
    0.9,
  ),
  said(
    'hardware_interface',
    "no attribute '{}' in '{}' tag",
    'validation_error/schema_violation',
    'A ros2_control tag lacks an attribute',
    0.8,
  ),
  said(
    'hardware_interface',
    'Hardware name {} is duplicated. Please provide a unique',
    CONFIG,
    'Two hardware components share one name',
    0.85,
  ),
  said(
    'hardware_interface',
    'Discrepancy between robot description file (urdf) and actually exported HW interfaces.',
    CONFIG,
    'The hardware exports other interfaces than the description',
    0.8,
  ),
  said(
    'hardware_interface',
    "The requested command interface not found: '{}' in hardware component: '{}'.",
    CONFIG,
    'A command interface the hardware does not export',
    0.85,
  ),
  said(
    'hardware_interface',
    "The requested state interface not found: '{}' in hardware component: '{}'.",
    CONFIG,
    'A state interface the hardware does not export',
    0.85,
  ),
  said(
    'hardware_interface',
    'Command of at least one joint is out of limits (throttled log).',
    'validation_error/invalid_argument',
    'A joint command beyond its limits',
    0.7,
  ),
  said(
    'joint_limits',
    "Joint position is out of bounds for the joint : '{}'.",
    'validation_error/invalid_argument',
    'A joint beyond its position limits',
    0.6,
  ),
  said(
    'mock_components',
    "Joint '{}' has to have '{}', '{}', or '{}' interface!",
    CONFIG,
    'A mock joint without a supported interface',
    0.85,
  ),

  // ---- ros2_controllers: joint_trajectory_controller, diff_drive, gripper, forward, broadcaster ----
  said(
    'joint_trajectory_controller',
    'Aborted due to state tolerance violation',
    'hardware_fault/actuator_fault',
    'A joint did not follow the trajectory within its tolerance',
    0.6,
  ),
  said(
    'joint_trajectory_controller',
    'Holding position due to state tolerance violation',
    'hardware_fault/actuator_fault',
    'A joint did not follow the trajectory within its tolerance',
    0.6,
  ),
  said(
    'joint_trajectory_controller',
    'Aborted due to goal_time_tolerance exceeding by {} seconds',
    'timeout/deadline_exceeded',
    'The goal was not reached within the goal time tolerance',
    0.6,
  ),
  said('joint_trajectory_controller', "'joints' parameter is empty.", CONFIG, "The controller's joints are not set", 0.85),
  said(
    'joint_trajectory_controller',
    'State tolerances failed for joint {}:',
    'hardware_fault/actuator_fault',
    'A joint did not follow the trajectory within its tolerance',
    0.55,
  ),
  said(
    'joint_trajectory_controller',
    'Aborted due to command timeout',
    'timeout/deadline_exceeded',
    'No new command arrived within the command timeout',
    0.65,
  ),
  said(
    'joint_trajectory_controller',
    'Exceeded goal_time_tolerance: holding position...',
    'timeout/deadline_exceeded',
    'The goal was not reached within the goal time tolerance',
    0.6,
  ),
  said(
    'joint_trajectory_controller',
    "Joints on incoming trajectory don't match the controller joints.",
    'validation_error/invalid_argument',
    "The trajectory's joints are not the controller's",
    0.8,
  ),
  said(
    'joint_trajectory_controller',
    "Incoming joint {} doesn't match the controller's joints.",
    'validation_error/invalid_argument',
    "The trajectory's joints are not the controller's",
    0.8,
  ),
  said(
    'joint_trajectory_controller',
    'Empty joint names on incoming trajectory.',
    'validation_error/invalid_argument',
    'A trajectory without joint names',
    0.8,
  ),
  said('joint_trajectory_controller', 'Empty trajectory received.', 'data_error/empty_input', 'An empty trajectory', 0.6),
  said(
    'joint_trajectory_controller',
    'Velocity of last trajectory point of joint {} is not zero: {}',
    'validation_error/invalid_argument',
    'A trajectory that does not end at rest',
    0.85,
  ),
  said(
    'joint_trajectory_controller',
    'Time between points {} and {} is not strictly increasing, it is {} and {} respectively',
    'validation_error/invalid_argument',
    "A trajectory's timestamps do not increase",
    0.85,
  ),
  said(
    'joint_trajectory_controller',
    'Received trajectory with non-zero start time ({}) that ends in the past ({})',
    'validation_error/invalid_argument',
    'A trajectory that ends in the past',
    0.8,
  ),
  said(
    'joint_trajectory_controller',
    'Mismatch between joint_names size ({}) and {} ({}) at point #{}.',
    'validation_error/invalid_argument',
    "A trajectory point's arrays do not match its joints",
    0.8,
  ),
  said(
    'joint_trajectory_controller',
    'The given trajectory has no position, velocity, or acceleration points.',
    'validation_error/invalid_argument',
    'A trajectory point without values',
    0.75,
  ),
  said(
    'joint_trajectory_controller',
    "Can't accept new action goals. Controller is not running.",
    'validation_error/forbidden_operation',
    'A goal sent to an inactive controller',
    0.7,
  ),
  said(
    'joint_trajectory_controller',
    "'command_interfaces' parameter is empty.",
    CONFIG,
    "The controller's command interfaces are not set",
    0.9,
  ),
  said(
    'joint_trajectory_controller',
    "'state_interfaces' parameter is empty.",
    CONFIG,
    "The controller's state interfaces are not set",
    0.9,
  ),
  said(
    'joint_trajectory_controller',
    "'velocity' command interface can only be used alone if 'velocity' and 'position' state interfaces are present",
    CONFIG,
    'A command interface the state interfaces do not support',
    0.9,
  ),
  said(
    'joint_trajectory_controller',
    "'effort' command interface can only be used alone or with 'position' command interface",
    CONFIG,
    'A command interface the state interfaces do not support',
    0.9,
  ),
  said(
    'joint_trajectory_controller',
    "Expected {} '{}' command interfaces, got {}.",
    CONFIG,
    'The hardware exports other command interfaces than the controller expects',
    0.85,
  ),
  said(
    'joint_trajectory_controller',
    "Expected {} '{}' state interfaces, got {}.",
    CONFIG,
    'The hardware exports other state interfaces than the controller expects',
    0.85,
  ),
  said(
    'joint_trajectory_controller',
    'Command timeout must be higher than goal_time tolerance ({} vs. {})',
    CONFIG,
    "The controller's timeouts are inconsistent",
    0.9,
  ),
  said(
    'diff_drive_controller',
    'Velocity command timed out. Braking.',
    'timeout/deadline_exceeded',
    'No velocity command arrived within the timeout',
    0.5,
  ),
  said(
    'diff_drive_controller',
    'The number of left wheels [{}] and the number of right wheels [{}] are different',
    CONFIG,
    'Unequal numbers of left and right wheels',
    0.9,
  ),
  said(
    'diff_drive_controller',
    'Either left wheel interfaces, right wheel interfaces are non existent',
    CONFIG,
    'Wheel interfaces the hardware does not export',
    0.85,
  ),
  said('diff_drive_controller', "No '{}' wheel names specified", CONFIG, 'No wheel names are set', 0.9),
  said(
    'diff_drive_controller',
    'Unable to obtain joint command handle for {}',
    CONFIG,
    "A wheel joint's command interface is not exported",
    0.85,
  ),
  said(
    'diff_drive_controller',
    'Unable to obtain joint state handle for {}',
    CONFIG,
    "A wheel joint's state interface is not exported",
    0.85,
  ),
  said(
    'diff_drive_controller',
    'Command message contains NaNs. Not updating reference interfaces.',
    'data_error/nan_or_inf',
    'A velocity command holds NaN',
    0.8,
  ),
  said('forward_command_controller', "'joints' parameter was empty", CONFIG, "The controller's joints are not set", 0.9),
  said(
    'forward_command_controller',
    "'interface_name' parameter was empty",
    CONFIG,
    "The controller's interface is not set",
    0.9,
  ),
  said(
    'forward_command_controller',
    'command size ({}) does not match number of interfaces ({})',
    'validation_error/invalid_argument',
    'A command of the wrong size',
    0.8,
  ),
  said(
    'joint_state_broadcaster',
    'No state interfaces found to publish.',
    CONFIG,
    'The broadcaster finds no state interfaces',
    0.7,
  ),
  said(
    'parallel_gripper_controller',
    'Received action goal with wrong number of position values, expects 1, got {}',
    'validation_error/invalid_argument',
    'A gripper goal of the wrong size',
    0.8,
  ),
  said(
    'steering_controllers_library',
    'configuration requires exactly {} traction joint',
    CONFIG,
    'A steering controller with the wrong number of traction joints',
    0.85,
  ),

  // ---- ROS 1: ros_control / controller_manager ----
  said(
    'controller_manager',
    'Resource conflict on [{}].  Controllers = [{}]',
    CONFIG,
    'Two controllers claim the same joint',
    0.8,
  ),

  // ---- robot_localization ----
  said(
    'robot_localization',
    'Invalid frame configuration! The values for map_frame, odom_frame, and base_link_frame must be unique.',
    CONFIG,
    "The filter's frames are not distinct",
    0.9,
  ),
  said(
    'robot_localization',
    'Critical Error, NaNs were detected in the output state of the filter.',
    'data_error/nan_or_inf',
    "The filter's state became NaN",
    0.85,
  ),
  said(
    'robot_localization',
    'Failed to meet update rate! Took {}seconds.',
    'timeout/deadline_exceeded',
    'The filter could not keep its update rate',
    0.45,
  ),
  said('robot_localization', 'Could not obtain transform from {}->{}', CONFIG, 'The filter cannot look up a transform', 0.45),

  // ---- slam_toolbox ----
  said(
    'slam_toolbox',
    'Failed to compute laser pose, aborting initialization ({})',
    CONFIG,
    "slam_toolbox cannot look up the laser's transform",
    0.6,
  ),
  said(
    'slam_toolbox',
    'Transform from base_link to odom failed: {}',
    CONFIG,
    'slam_toolbox cannot look up the odometry transform',
    0.55,
  ),
  said(
    'slam_toolbox',
    'Failed to create {}, is it registered and built? Exception: {}.',
    'import_error/module_not_found',
    "slam_toolbox's solver plugin could not be loaded",
    0.7,
  ),
  said(
    'slam_toolbox',
    'DeserializePoseGraph: Failed to read file: {}.',
    'config_error/file_not_found',
    'The serialized pose graph could not be read',
    0.75,
  ),
  said(
    'slam_toolbox',
    'serialization::Read: Failed to open requested file: {}.',
    'config_error/file_not_found',
    'The serialized map file could not be opened',
    0.85,
  ),
  said(
    'slam_toolbox',
    'loadSerializedPoseGraph: Could not properly load a valid mapping object.',
    'data_error/corrupt_input',
    'The serialized pose graph is not valid',
    0.75,
  ),
  said(
    'slam_toolbox',
    'Map starting pose not specified. Set either map_start_pose or map_start_at_dock.',
    CONFIG,
    'The localization start pose is not set',
    0.85,
  ),
  said(
    'slam_toolbox',
    'Incorrect number of arguments for map starting pose.',
    CONFIG,
    'The map start pose is not [x, y, theta]',
    0.85,
  ),
  said('slam_toolbox', 'No valid processor type set! Exiting.', CONFIG, "slam_toolbox's processor type is not set", 0.75),
  // session 20, the same commit (slam_toolbox_localization.cpp, slam_toolbox_async.cpp): a pose graph
  // deserialized in the mode that cannot take it
  said(
    'slam_toolbox',
    'Requested a non-localization deserialization in localization mode.',
    'validation_error/forbidden_operation',
    'A map-building start asked of the localization node',
    0.75,
  ),
  said(
    'slam_toolbox',
    'Requested a localization deserialization in non-localization mode.',
    'validation_error/forbidden_operation',
    'Localization asked of a mapping node',
    0.75,
  ),

  // ---- cartographer_ros ----
  said('cartographer_ros', 'should not start with a /. See 1.7 in', CONFIG, 'A frame id starts with a slash', 0.8),
  said(
    'cartographer_ros',
    'Your IMU data claims to not contain linear acceleration measurements',
    'data_error/missing_field',
    'The IMU data has no linear acceleration',
    0.8,
  ),
  said(
    'cartographer_ros',
    'Your IMU data claims to not contain angular velocity measurements',
    'data_error/missing_field',
    'The IMU data has no angular velocity',
    0.8,
  ),
  said(
    'cartographer_ros',
    'The IMU frame must be colocated with the tracking frame.',
    CONFIG,
    'The IMU frame is not the tracking frame',
    0.85,
  ),
  said(
    'cartographer_ros',
    "Configuration error: 'num_laser_scans', 'num_multi_echo_laser_scans' and 'num_point_clouds' are all zero",
    CONFIG,
    'No range sensor is configured',
    0.9,
  ),
  said('cartographer_ros', '-configuration_directory is missing.', CONFIG, 'The configuration directory is not set', 0.85),
  said('cartographer_ros', '-configuration_basename is missing.', CONFIG, 'The configuration file is not set', 0.85),
  said(
    'cartographer_ros',
    'Encountered a point with a larger stamp than the last point in the cloud.',
    'data_error/corrupt_input',
    "A point cloud's per-point times are out of order",
    0.75,
  ),
  said(
    'cartographer_ros',
    'The file containing the state to be loaded must be a .pbstream file.',
    CONFIG,
    'The state file is not a .pbstream',
    0.85,
  ),
  // ---- second batch: MoveIt time parameterization, planning pipeline plugins, planning scene ----
  said(
    'moveit_core',
    'No velocity limit was defined for joint {}! You have to define velocity limits in the URDF or joint_limits.yaml',
    CONFIG,
    'A joint without a velocity limit',
    0.9,
  ),
  said(
    'moveit_core',
    'No acceleration limit was defined for joint {}! You have to define acceleration limits in the URDF or joint_limits.yaml',
    CONFIG,
    'A joint without an acceleration limit',
    0.9,
  ),
  said(
    'moveit_core',
    "Invalid max_velocity {} specified for '{}', must be greater than 0.0",
    CONFIG,
    "A joint's velocity limit is not positive",
    0.85,
  ),
  said(
    'moveit_core',
    "Invalid max_acceleration {} specified for '{}', must be greater than 0.0",
    CONFIG,
    "A joint's acceleration limit is not positive",
    0.85,
  ),
  said(
    'moveit_core',
    'Error while retrieving kinematic limits (vel/accel/jerk) from RobotModel.',
    CONFIG,
    "The joints' kinematic limits are not defined",
    0.75,
  ),
  noPath(
    'moveit_core',
    'Ruckig extended the trajectory duration to its maximum and still did not find a solution',
    'Ruckig found no smoothed trajectory',
    0.5,
  ),
  said(
    'moveit_core',
    "Unable to attach a body to link '{}' (link not found)",
    CONFIG,
    'An object attached to a link the robot does not have',
    0.75,
  ),
  said(
    'moveit_core',
    'Robot state is not compatible with robot model. This could be fatal.',
    CONFIG,
    'A robot state of another robot model',
    0.6,
  ),
  said(
    'moveit_core',
    "Received octomap is of type '{}' but type 'OcTree' is expected.",
    CONFIG,
    'An octomap of the wrong type',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    "Planning plugin name is empty or not defined in namespace '{}'. Please choose one of the available plugins: {}",
    CONFIG,
    'No planning plugin is set',
    0.9,
  ),
  said(
    'moveit_ros_planning',
    "Exception while loading planner '{}': {}Available plugins: {}",
    CONFIG,
    'A planning plugin that does not load',
    0.75,
  ),
  said(
    'moveit_ros_planning',
    'Unable to initialize planning plugin {}',
    CONFIG,
    'A planning plugin could not be initialized',
    0.6,
  ),
  said(
    'moveit_ros_planning',
    "Failed to create PlanningContext for planner '{}'. Aborting planning pipeline.",
    CONFIG,
    'The planner could not set up the request',
    0.55,
  ),
  noPath(
    'moveit_ros_planning',
    "PlanningRequestAdapter '{}' failed, because '{}'. Aborting planning pipeline.",
    'A planning request adapter rejected the request',
    0.5,
  ),
  noPath('moveit_ros_planning', "Planner '{}' failed with error code {}", 'The motion planner failed', 0.6),
  noPath(
    'moveit_ros_planning',
    "PlanningResponseAdapter '{}' failed with error code {}",
    'The plan failed a post-processing step',
    0.5,
  ),
  said(
    'moveit_ros_planning',
    'Failed to load planning pipelines from parameter server',
    CONFIG,
    'The planning pipelines are not configured',
    0.8,
  ),
  said('moveit_ros_planning', 'Failed to load any planning pipelines.', CONFIG, 'No planning pipeline could be loaded', 0.8),
  said(
    'moveit_ros_planning',
    "Robot model parameter not found! Did you remap '{}'?",
    CONFIG,
    'The robot description parameter is not set',
    0.85,
  ),
  said(
    'moveit_ros_planning',
    "Unable to parse URDF from parameter '{}'",
    'validation_error/schema_violation',
    'The URDF does not parse',
    0.65,
  ),
  said(
    'moveit_ros_planning',
    "Unable to parse SRDF from parameter '{}'",
    'validation_error/schema_violation',
    'The SRDF does not parse',
    0.65,
  ),
  said(
    'moveit_ros_planning',
    'Unable to construct robot model. Please make sure all needed information is on the',
    CONFIG,
    'The robot model could not be built from the parameters',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    "Controller '{}' failed with error {}",
    'hardware_fault/actuator_fault',
    'The controller reported a failure executing the trajectory',
    0.45,
  ),

  // ---- second batch: ROS 1 ros_control (controller_manager, hardware_interface, transmissions, joint limits) ----
  said(
    'hardware_interface',
    "Could not find resource '{}' in '{}'.",
    CONFIG,
    'A joint the robot hardware does not export for this interface',
    0.85,
  ),
  said(
    'controller_manager',
    'Could not switch controllers, due to resource conflict',
    CONFIG,
    'Two controllers claim the same resource',
    0.8,
  ),
  said(
    'controller_manager',
    'Could not switch controllers. The hardware interface combination for the requested controllers is unfeasible.',
    CONFIG,
    'The controllers ask for interfaces the hardware cannot combine',
    0.75,
  ),
  said(
    'controller_manager',
    "Could not load class '{}': {}",
    'import_error/module_not_found',
    'A controller class that does not load',
    0.6,
  ),
  said(
    'transmission_interface',
    "Can't parse transmissions. Invalid robot description.",
    'validation_error/schema_violation',
    'The robot description does not parse',
    0.7,
  ),
  said(
    'transmission_interface',
    "No valid hardware interface element found in joint '{}'.",
    'validation_error/schema_violation',
    'A transmission joint names no hardware interface',
    0.8,
  ),
  said(
    'transmission_interface',
    "No type element found in transmission '{}'.",
    'validation_error/schema_violation',
    'A transmission without a type',
    0.8,
  ),
  said(
    'transmission_interface',
    "Failed to load transmission '{}'. Unsupported type '{}'.",
    CONFIG,
    'A transmission type that is not supported',
    0.8,
  ),
  said(
    'transmission_interface',
    'No transmissions were found in the robot description.',
    CONFIG,
    'The robot description has no transmissions',
    0.7,
  ),
  said(
    'transmission_interface',
    "' does not specify the required <mechanicalReduction> element.",
    'validation_error/schema_violation',
    'A transmission without its mechanical reduction',
    0.8,
  ),
  said(
    'joint_limits_interface',
    "Cannot enforce limits for joint '{}'. It has no velocity limits specification.",
    CONFIG,
    'A joint without a velocity limit',
    0.85,
  ),
  said(
    'combined_robot_hw',
    "Could not find '{}' parameter (namespace: {}).",
    CONFIG,
    'A robot hardware parameter that is not set',
    0.75,
  ),
  // ---- third batch: MoveIt's Pilz industrial motion planner ----
  said(
    'pilz_industrial_motion_planner',
    "Cannot service planning request because planner ID '{}' does not exist.",
    CONFIG,
    'A Pilz planner id that does not exist (PTP, LIN, CIRC)',
    0.85,
  ),
  said(
    'pilz_industrial_motion_planner',
    "Cannot service planning request because group '{}' does not exist.",
    CONFIG,
    'A planning group the robot model does not have',
    0.85,
  ),
  said(
    'pilz_industrial_motion_planner',
    "Cannot service planning request because PILZ does not support 'trajectory constraints'.",
    'validation_error/invalid_argument',
    'A request with constraints Pilz does not support',
    0.75,
  ),
  said(
    'pilz_industrial_motion_planner',
    "No ContextLoader for planner_id '{}' found. Planning not possible.",
    CONFIG,
    'A Pilz planner id without a loader',
    0.85,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Limits are not defined. Cannot load planning context.',
    CONFIG,
    "Pilz's joint or Cartesian limits are not configured",
    0.75,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Joint Limits are not defined. Cannot load planning context.',
    CONFIG,
    "Pilz's joint limits are not configured",
    0.75,
  ),
  said(
    'pilz_industrial_motion_planner',
    'joint_limit.max_deceleration MUST be negative!',
    CONFIG,
    'A deceleration limit that is not negative',
    0.9,
  ),
  said(
    'pilz_industrial_motion_planner',
    'velocity limit not set for group {}',
    CONFIG,
    "A group's velocity limit is not set",
    0.8,
  ),
  said(
    'pilz_industrial_motion_planner',
    'acceleration limit not set for group {}',
    CONFIG,
    "A group's acceleration limit is not set",
    0.8,
  ),
  said(
    'pilz_industrial_motion_planner',
    'deceleration limit not set for group {}',
    CONFIG,
    "A group's deceleration limit is not set",
    0.8,
  ),
  said(
    'pilz_industrial_motion_planner',
    'max_velocity of {} violates velocity limit from URDF',
    CONFIG,
    'A configured velocity limit above the URDF limit',
    0.85,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Joint velocity limit of {} violated. Set the velocity scaling factor lower!',
    'validation_error/invalid_argument',
    'A Cartesian motion beyond a joint velocity limit',
    0.7,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Joint acceleration limit of {} violated. Set the acceleration scaling factor lower!',
    'validation_error/invalid_argument',
    'A Cartesian motion beyond a joint acceleration limit',
    0.7,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Joint deceleration limit of {} violated. Set the acceleration scaling factor lower!',
    'validation_error/invalid_argument',
    'A Cartesian motion beyond a joint deceleration limit',
    0.7,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Trajectory Generator does not allow non-zero start velocity',
    'validation_error/invalid_argument',
    'A start state that is not at rest',
    0.75,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Only cartesian XOR joint goal allowed',
    'validation_error/invalid_argument',
    'A goal with both Cartesian and joint targets',
    0.8,
  ),
  said(
    'pilz_industrial_motion_planner',
    'CIRC trajectory generator needs valid a position constraint',
    'validation_error/invalid_argument',
    'A CIRC request without a position constraint',
    0.75,
  ),
  said(
    'pilz_industrial_motion_planner',
    'Unknown link name of CIRC auxiliary point',
    'validation_error/invalid_argument',
    'A CIRC auxiliary point on a link the robot does not have',
    0.75,
  ),
  noPath(
    'pilz_industrial_motion_planner',
    'Failed to compute inverse kinematics solution for sampled Cartesian pose.',
    'No IK solution along the Cartesian path',
    0.6,
  ),
  noPath(
    'pilz_industrial_motion_planner',
    'Failed to generate valid joint trajectory from the Cartesian path',
    'No valid joint trajectory along the Cartesian path',
    0.6,
  ),
  noPath(
    'pilz_industrial_motion_planner',
    'Generating a plan with planning pipeline failed.',
    'A sequence item could not be planned',
    0.5,
  ),
  // ---- fourth batch: ros2_control (Humble's forms) ----
  said(
    'hardware_interface',
    "Hardware Component with name '{}' does not exists",
    CONFIG,
    'A hardware component name the robot description does not define',
    0.75,
  ),
  said(
    'controller_manager',
    "hardware component with name '{}' does not exist",
    CONFIG,
    'A hardware component name the robot description does not define',
    0.75,
  ),
  said(
    'controller_manager',
    "controller with name '{}' because no controller with this name exists",
    CONFIG,
    'A controller name that is not loaded',
    0.75,
  ),

  // ---- fifth batch: MoveIt's planning scene monitor and MoveGroupInterface (moveit2 8fcb5d232) ----
  said(
    'moveit_ros_planning',
    'Cannot monitor robot state because planning scene is not configured',
    CONFIG,
    'The planning scene monitor has no scene (no robot model loaded)',
    0.75,
  ),
  said(
    'moveit_ros_planning',
    'Configuration of planning scene failed',
    CONFIG,
    'The planning scene could not be built from the robot model',
    0.7,
  ),
  said(
    'moveit_ros_planning',
    "requestPlanningSceneState() to self-provided service '{}'",
    CONFIG,
    'A planning scene monitor asks its own service for the scene (names or namespaces collide)',
    0.75,
  ),
  said(
    'moveit_ros_planning_interface',
    "No known link to attach object '{}' to",
    CONFIG,
    'The planning group has no end-effector link to attach the object to',
    0.7,
  ),
  said(
    'moveit_ros_planning_interface',
    'joint variable {} is not part of group {}',
    'validation_error/invalid_argument',
    'A joint target names a joint the planning group does not have',
    0.75,
  ),
  // Not moveit_core's own SRDF errors ("Group state 'home' specifies value for joint 'j', but that
  // joint is not part of group 'arm'"; a mimic joint's, robot_model.cpp): a robot description's
  // setup error, not a caller's argument.
  unless(
    said(
      'moveit_ros_planning_interface',
      'joint {} is not part of group {}',
      'validation_error/invalid_argument',
      'A joint target names a joint the planning group does not have',
      0.75,
    ),
    /but that joint is not part of group/,
  ),
  // ---- BehaviorTree.CPP (BehaviorTree/BehaviorTree.CPP 4.10.0 879522c7 and 3.8.8 9d624dc, the v3
  // Nav2 builds on Humble): what the factory and the XML parser throw (BT::RuntimeError,
  // BT::LogicError), seen as bt_navigator's "Exception when loading BT: {}" or an uncaught
  // exception's what(); src/xml_parsing.cpp, src/blackboard.cpp, include/…/blackboard.h,
  // src/basic_types.cpp, src/bt_factory.cpp. A tree file the parser rejects for its form is read as
  // a description that breaks its format (docs/taxonomy.md rule 4); a port or node the tree names
  // wrongly as its setup (rule 3). Where the two versions word a message differently, each wording
  // is its own entry; each entry is marked v3, v4 or "v3 and v4" (read in both sources). Left out: v4's
  // "{} is not a registered node" (xml_parsing.cpp:772; only v3's "…, nor a Subtree" is read: v4's
  // one fixed piece is words any registry may print) and bt_factory.cpp's "ID [{}] already
  // registered" (the whole message, in both versions: another registry's "collector ID [x] already
  // registered" would read the same).
  // v3 (xml_parsing.cpp:645)
  said(
    'behaviortree_cpp',
    '{} is not a registered node, nor a Subtree',
    CONFIG,
    'The behavior tree names a node type the factory has not registered (a typo or a plugin library not loaded)',
    0.85,
  ),
  // v3 and v4 (bt_factory.cpp): a lookup of a node type never registered
  said(
    'behaviortree_cpp',
    'BehaviorTreeFactory: ID [{}] not registered',
    CONFIG,
    'The tree uses a node type the factory has not registered (its plugin library not loaded)',
    0.85,
  ),
  // v3 prints tinyxml2's ErrorName() ("Error parsing the XML: XML_ERROR_…", xml_parsing.cpp:136);
  // v4's loadDocImpl prints its ErrorStr() ("Error parsing the XML: Error=XML_ERROR_… ErrorID={} (0x{})
  // Line number={}…", xml_parsing.cpp:352, tinyxml2.cpp:2508; v4's ErrorName() form at :484 is
  // VerifyXML's, on a text that already parsed). The v3 entries first, then v4's.
  // v3
  said(
    'behaviortree_cpp',
    'Error parsing the XML: XML_ERROR_FILE_NOT_FOUND',
    'config_error/file_not_found',
    'The behavior-tree XML file does not exist',
    0.85,
  ),
  // v3
  said('behaviortree_cpp', 'Error parsing the XML: XML_ERROR_PARSING{}', BT_FORM, 'The behavior-tree XML is malformed', 0.8),
  // v3
  said(
    'behaviortree_cpp',
    'Error parsing the XML: XML_ERROR_MISMATCHED_ELEMENT',
    BT_FORM,
    'The behavior-tree XML has a closing tag that does not match its opening tag',
    0.8,
  ),
  // v3
  said(
    'behaviortree_cpp',
    'Error parsing the XML: XML_ERROR_EMPTY_DOCUMENT',
    'data_error/empty_input',
    'The behavior-tree XML file is empty',
    0.8,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Error parsing the XML: Error=XML_ERROR_FILE_NOT_FOUND',
    'config_error/file_not_found',
    'The behavior-tree XML file does not exist',
    0.85,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Error parsing the XML: Error=XML_ERROR_PARSING{}',
    BT_FORM,
    'The behavior-tree XML is malformed',
    0.8,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Error parsing the XML: Error=XML_ERROR_MISMATCHED_ELEMENT',
    BT_FORM,
    'The behavior-tree XML has a closing tag that does not match its opening tag',
    0.8,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Error parsing the XML: Error=XML_ERROR_EMPTY_DOCUMENT',
    'data_error/empty_input',
    'The behavior-tree XML file is empty',
    0.8,
  ),
  // v3 and v4
  said(
    'behaviortree_cpp',
    'The XML must have a root node called <root>',
    BT_FORM,
    'The behavior-tree XML has no <root> element',
    0.85,
  ),
  // v3 and v4
  said(
    'behaviortree_cpp',
    '[main_tree_to_execute] was not specified correctly',
    CONFIG,
    'The main tree to execute names no tree of the file',
    0.85,
  ),
  // the number of children a node type takes (v4 quotes the node, v3 writes it as a tag)
  // v4
  said(
    'behaviortree_cpp',
    "Error at line {}: -> The node '{}' must have exactly 1 child",
    BT_FORM,
    'A decorator node without exactly one child',
    0.8,
  ),
  // v3
  said(
    'behaviortree_cpp',
    'Error at line {}: -> The node <{}> must have exactly 1 child',
    BT_FORM,
    'A decorator node without exactly one child',
    0.8,
  ),
  // v4
  said(
    'behaviortree_cpp',
    "Error at line {}: -> The node '{}' must have 1 or more children",
    BT_FORM,
    'A control node without children',
    0.8,
  ),
  // v3
  said(
    'behaviortree_cpp',
    'Error at line {}: -> A Control node must have at least 1 child',
    BT_FORM,
    'A control node without children',
    0.8,
  ),
  // v4
  said(
    'behaviortree_cpp',
    "Error at line {}: -> The node '{}' must not have any child",
    BT_FORM,
    'A leaf node given children',
    0.8,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Error at line {}: -> The tag <BehaviorTree> must have the attribute [ID]',
    BT_FORM,
    'A file with several trees names one of them without an ID',
    0.8,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Error at line {}: -> A ReactiveSequence cannot have more than one async child.',
    BT_FORM,
    'A ReactiveSequence with more than one asynchronous child',
    0.8,
  ),
  // v4 (xml_parsing.cpp:155, validatePortName): thrown directly, not through the parser's
  // ThrowError, so without its " -> "
  said(
    'behaviortree_cpp',
    "Error at line {}: Port name '{}' is a reserved attribute name",
    BT_FORM,
    'A port named with a reserved attribute',
    0.8,
  ),
  // a port the XML sets that the node type does not declare: v4's two wordings (xml_parsing.cpp:825,
  // a port attribute, and :926, a remapping), then v3's (xml_parsing.cpp:547)
  // v4
  said(
    'behaviortree_cpp',
    'a port with name [{}] is found in the XML (<{}>, line {}) but not in the providedPorts() of its registered node type.',
    CONFIG,
    'The tree sets a port the node type does not declare (a misspelt port name)',
    0.85,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Possible typo? In the XML, you tried to remap port "{}" in node [{}(type {})], but the manifest/model of this node does not contain a port with this name.',
    CONFIG,
    'The tree sets a port the node type does not declare (a misspelt port name)',
    0.85,
  ),
  // v3
  said(
    'behaviortree_cpp',
    'Possible typo? In the XML, you tried to remap port "{}" in node [{} / {}], but the manifest of this node does not contain a port with this name.',
    CONFIG,
    'The tree sets a port the node type does not declare (a misspelt port name)',
    0.85,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'The port with name "{}" and value "{}" can not be converted to {}',
    CONFIG,
    "A port's value in the XML is not of the port's type",
    0.8,
  ),
  // v4
  said('behaviortree_cpp', "Can't convert string [{}] to double", CONFIG, 'A port value that is not a number', 0.7),
  // v4
  said('behaviortree_cpp', "Can't convert string [{}] to integer", CONFIG, 'A port value that is not an integer', 0.7),
  // one blackboard entry used with two types (the tree's wiring)
  // v3 and v4
  said(
    'behaviortree_cpp',
    'The creation of the tree failed because the port [{}] was initially created with type [{}] and, later type [{}] was used somewhere else.',
    TYPES,
    'One blackboard entry is used by ports of two types',
    0.85,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Blackboard entry [{}]: once declared, the type of a port shall not change.',
    TYPES,
    'One blackboard entry is used by ports of two types',
    0.85,
  ),
  // v4
  said(
    'behaviortree_cpp',
    'Blackboard::set({}): once declared, the type of a port shall not change.',
    TYPES,
    'A blackboard entry written with a type other than the one declared',
    0.85,
  ),
  // v3
  said(
    'behaviortree_cpp',
    'Blackboard::set() failed: once declared, the type of a port shall not change.',
    TYPES,
    'A blackboard entry written with a type other than the one declared',
    0.85,
  ),
  // v3
  said(
    'behaviortree_cpp',
    'Blackboard: once declared, the type of a port shall not change.',
    TYPES,
    'One blackboard entry is used by ports of two types',
    0.85,
  ),
  // v4
  said(
    'behaviortree_cpp',
    "Blackboard::get() error. Entry [{}] hasn't been initialized, yet",
    'data_error/missing_field',
    'A node read a blackboard entry no node had written yet',
    0.7,
  ),
  // the tree asks for a feature (an <include> by ROS package) this build does not offer: its setup
  // (docs/taxonomy.md rule 3), not two installed pieces that disagree (rule 5's version_conflict)
  // v3 and v4
  said(
    'behaviortree_cpp',
    'Using attribute [ros_pkg] in <include>, but this library was compiled without ROS support.',
    CONFIG,
    'The tree includes a file by ROS package from a BehaviorTree.CPP built without ROS',
    0.75,
  ),
  // ---- MoveIt 2: MoveItCpp and moveit_py (moveit/moveit2 8fcb5d232, session 21):
  // moveit_ros/planning/moveit_cpp/src moveit_cpp.cpp and planning_component.cpp (logged), moveit_py/src/
  // moveit/moveit_ros/moveit_cpp/planning_component.cpp (std::invalid_argument, a ValueError in Python:
  // the caller's arguments, read over the bare ValueError) ----
  said(
    'moveit_ros_planning',
    'Did not receive robot state',
    'timeout/deadline_exceeded',
    'MoveItCpp received no joint states in the time it waited',
    0.6,
  ),
  said(
    'moveit_ros_planning',
    "Execution failed! No active controllers configured for group '{}'",
    CONFIG,
    'No active controller drives the planning group (the controllers are not loaded or not listed for MoveIt)',
    0.85,
  ),
  said(
    'moveit_ros_planning',
    "Failed to retrieve joint model group for name '{}'.",
    CONFIG,
    'A planning group the SRDF does not define',
    0.85,
  ),
  said(
    'moveit_ros_planning',
    "No predefined joint state found for target name '{}'",
    CONFIG,
    'A named robot state the SRDF does not define',
    0.85,
  ),
  said(
    'moveit_ros_planning',
    'No goal constraints set for planning request',
    'validation_error/invalid_argument',
    'plan() was called before a goal was set',
    0.75,
  ),
  said(
    'moveit_py',
    'Cannot specify both configuration name and robot state',
    'validation_error/invalid_argument',
    'set_goal_state or set_start_state was given two kinds of goal at once',
    0.8,
  ),
  said(
    'moveit_py',
    'Cannot specify both configuration name and pose msg',
    'validation_error/invalid_argument',
    'set_goal_state was given two kinds of goal at once',
    0.8,
  ),
  said(
    'moveit_py',
    'Cannot specify both configuration name and motion plan constraints',
    'validation_error/invalid_argument',
    'set_goal_state was given two kinds of goal at once',
    0.8,
  ),
  said(
    'moveit_py',
    'Cannot specify both robot state and pose msg',
    'validation_error/invalid_argument',
    'set_goal_state was given two kinds of goal at once',
    0.8,
  ),
  said(
    'moveit_py',
    'Cannot specify both robot state and motion plan constraints',
    'validation_error/invalid_argument',
    'set_goal_state was given two kinds of goal at once',
    0.8,
  ),
  said(
    'moveit_py',
    'Cannot specify both pose goal and motion plan constraints',
    'validation_error/invalid_argument',
    'set_goal_state was given two kinds of goal at once',
    0.8,
  ),
  said(
    'moveit_py',
    'Must specify both message and corresponding link',
    'validation_error/invalid_argument',
    'A pose goal was given without the link it is for',
    0.8,
  ),
  said(
    'moveit_py',
    'Cannot specify both single and multi plan parameters',
    'validation_error/invalid_argument',
    'plan() was given single- and multi-pipeline parameters at once',
    0.8,
  ),
  said(
    'moveit_py',
    'Cannot specify planning scene without specifying plan parameters',
    'validation_error/invalid_argument',
    'plan() was given a planning scene without plan parameters',
    0.8,
  ),
];
