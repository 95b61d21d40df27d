/**
 * Package messages of ROS tooling and middleware beyond ros-core.ts: rosdep, vcstool, bloom,
 * catkin_tools, catkin_make, colcon, xacro, URDF parsers, robot_state_publisher, rviz, rqt,
 * image_transport, cv_bridge, image_pipeline, PCL, nodelet, rosbridge, ros1_bridge, foxglove_bridge,
 * Fast DDS, Cyclone DDS, rmw_zenoh, ROS 1 network settings: each entry is a message as the package's
 * source prints it (its format string, variable parts written `{}`), the package named, mapped to
 * its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read (snapshots of the upstream repositories, default branch unless named); messages already in
 * ros-core.ts (rosdep's key resolution, catkin_pkg's manifest checks, pluginlib, roslaunch) are
 * not repeated:
 * - ros-infrastructure/rosdep 2685b28 (main.py, lookup.py, installers, sources_list.py)
 * - dirk-thomas/vcstool daf3893, ros-infrastructure/rosinstall_generator 9559681,
 *   ros-infrastructure/bloom 81fae91, catkin/catkin_tools e9f058b
 * - ros/xacro 7045754 (noetic-devel) and the ros2 branch
 * - ros/urdfdom 9a1f5b4 (urdf_parser), ros/urdfdom_headers bde8d03 (urdf_model),
 *   ros/urdf_parser_py 3bcb905, ros/urdf 3819ccc, ros/kdl_parser 74d4ee3
 * - ros/robot_state_publisher e0f77e6 (rolling) and noetic-devel, ros/joint_state_publisher
 *   7cb7069 (noetic-devel) and the ros2 branch
 * - ros-perception/vision_opencv 8b42d66 (cv_bridge), ros-perception/image_common f6e4ab6 (rolling;
 *   image_transport, camera_info_manager, camera_calibration_parsers) and noetic-devel,
 *   ros-perception/image_pipeline 30b982af
 * - ros2/rviz f7112b1a (rolling), ros-visualization/rviz 644b6e58 (noetic-devel),
 *   ros/resource_retriever 8a83c6b
 * - PointCloudLibrary/pcl 043aa1c (common/include/pcl/conversions.h), ros-perception/perception_pcl
 *   0722a70 (pcl_ros, pcl_conversions), ros/nodelet_core c7973f0
 * - RobotWebTools/rosbridge_suite c1bfc2f, ros2/ros1_bridge 6c5ad16, foxglove/ros-foxglove-bridge 4e801bb
 *   (session 20 added its incompatible-QoS event)
 * - eProsima/Fast-DDS 2bad9bcc (master) and the 2.6.x branch, eclipse-cyclonedds/cyclonedds 4c1beb2
 *   (ddsi_config.c and the DDSI sources), ros2/rmw_zenoh bfc065f
 * - ros/ros_comm 845f7460 (roslaunch server and launch, rosgraph network, rospy registration)
 * - colcon/colcon-core b37a8d4, colcon/colcon-package-selection fab0d15, colcon/colcon-ros 65ac2ec,
 *   colcon/colcon-cmake 5d6bc11, ros/catkin ff31d451 (catkin_make, builder.py, cmake/)
 * - ros-visualization/rqt eb4593a, ros-visualization/qt_gui_core 90b5ddd
 * - ament/ament_cmake 08de943 (symlink install, ament_auto, exports, pytest)
 *
 * Pairs follow docs/taxonomy.md's tie-breaking rules: a robot description (URDF, xacro) that its
 * parser rejects is `validation_error/schema_violation` (rule 4); a ROS package, tool or
 * dependency that is not installed or not in the index is `import_error/module_not_found`
 * (rule 5; rosdep's "no rosdep rule for" too: the key is almost always a real package not in the
 * index for this distro; its one labelled case agrees); a wrong setting, QoS, DDS or network setting (an
 * address this host does not have, a port in use) is `config_error/invalid_config` (rule 3);
 * cv_bridge's encoding mismatches are `validation_error/type_mismatch`;
 * a file that does not exist is `config_error/file_not_found`.
 */
import type { PackageMessage } from '../../table.js';
import { said, unless, warns } from '../../table.js';

const CONFIG = 'config_error/invalid_config';
const FILE = 'config_error/file_not_found';
const ENV = 'config_error/missing_env_var';
const MISSING = 'import_error/module_not_found';
const SCHEMA = 'validation_error/schema_violation';
const TYPE = 'validation_error/type_mismatch';
const YAML = 'syntax_error/yaml_syntax';
const DENIED = 'auth_error/permission_denied';
const NETWORK = 'network_error/connection_refused';
const CORRUPT = 'data_error/corrupt_input';
const NATIVE = 'import_error/missing_native_lib';

/** rosdep (init, update, install, resolve), the messages ros-core.ts does not list. */
const ROSDEP: readonly PackageMessage[] = [
  said('rosdep', 'ERROR: no rosdep rule for {}', MISSING, 'A package with no rosdep rule: not in the index for this distro', 0.6),
  said('rosdep', 'ERROR: cannot find definition(s) for [{}]', MISSING, 'A package with no rosdep rule: not in the index', 0.55),
  said(
    'rosdep',
    '[{}] defined as "not available" for OS version [{}]',
    MISSING,
    'A dependency with no package for this OS version',
    0.6,
  ),
  said('rosdep', 'Unsupported installer [{}]', CONFIG, 'A rosdep rule for an installer this system does not have', 0.55),
  said('rosdep', '[{}] does not have a rosdep view', MISSING, 'A package rosdep cannot find', 0.55),
  said(
    'rosdep',
    'ERROR[{}]: resource not found [{}]',
    MISSING,
    'A package rosdep cannot find in the workspace or the index',
    0.65,
  ),
  said(
    'rosdep',
    'ROS distro is not set. Make sure `ROS_DISTRO` environment variable is set',
    ENV,
    'ROS_DISTRO is not set, rosdep cannot resolve keys',
    0.85,
  ),
  said(
    'rosdep',
    "Environment variable '{}' is not set or empty",
    ENV,
    'AMENT_PREFIX_PATH is not set: no ROS environment sourced',
    0.7,
  ),
  said('rosdep', "Perhaps you need to run 'sudo rosdep init' instead", DENIED, 'rosdep init without root', 0.8),
  said('rosdep', 'ERROR: no data sources in {}', CONFIG, 'rosdep has no sources: not initialized', 0.75),
  said('rosdep', 'ERROR: invalid sources list file:', CONFIG, 'A malformed rosdep sources list', 0.7),
  said('rosdep', 'Invalid YAML in [{}]: {}', YAML, 'A rosdep rules file that does not parse', 0.8),
  said('rosdep', 'cycle in dependency graph detected: {}', CONFIG, 'rosdep keys that depend on each other in a cycle', 0.7),
  said('rosdep', 'Failed to write cache file: {}', DENIED, 'rosdep cannot write its cache (run as root before)', 0.6),
  said(
    'rosdep',
    "md5sum didn't match for {}.  Expected {} got {}",
    CORRUPT,
    'A downloaded source rosdep does not match its checksum',
    0.65,
  ),
  said(
    'rosdep',
    'Failed to detect successful installation of [{}]',
    MISSING,
    'A system dependency still missing after its install',
    0.55,
  ),
  said('rosdep', 'pip is not installed', MISSING, 'pip is not installed for rosdep', 0.75),
  said('rosdep', 'Homebrew is not installed', MISSING, 'Homebrew is not installed for rosdep', 0.75),
  said('rosdep', "given path '{}' does not exist", FILE, 'The path given to rosdep --from-paths does not exist', 0.6),
];

/** vcstool (vcs import / validate / pull) and rosinstall_generator. */
const VCSTOOL: readonly PackageMessage[] = [
  said('vcstool', 'Input data is not valid yaml format: {}', YAML, 'A .repos file that does not parse', 0.85),
  said('vcstool', 'Input data is not valid format: {}', SCHEMA, 'A .repos file of the wrong structure', 0.65),
  said('vcstool', "Repository data lacks the 'url' value", CONFIG, 'A .repos entry without its url', 0.8),
  said(
    'vcstool',
    "Repository '{}' does not provide the necessary information: {}",
    CONFIG,
    'A .repos entry missing a field',
    0.75,
  ),
  said(
    'vcstool',
    "Could not checkout ref '{}': {}",
    CONFIG,
    'A version in the .repos file that the repository does not have',
    0.7,
  ),
  said(
    'vcstool',
    "Could not find branch '{}': {}",
    CONFIG,
    'A branch in the .repos file that the repository does not have',
    0.65,
  ),
  said(
    'vcstool',
    'Specified version not found on remote repository',
    CONFIG,
    'A version in the .repos file that the remote does not have',
    0.75,
  ),
  said('vcstool', "Failed to contact remote repository '{}': {}", NETWORK, 'vcs validate could not reach a repository', 0.55),
  said('vcstool', "Could not clone repository '{}': {}", CONFIG, 'A repository of the .repos file could not be cloned', 0.4),
  said('vcstool', "Could not find 'git' executable", MISSING, 'git is not installed', 0.85),
  said(
    'rosinstall_generator',
    'The following unreleased packages/stacks will be ignored: {}',
    MISSING,
    'Packages not in the rosdistro index',
    0.55,
  ),
  said(
    'rosinstall_generator',
    'No packages/stacks left after ignoring unreleased',
    MISSING,
    'None of the packages asked is released',
    0.7,
  ),
  said(
    'rosinstall_generator',
    'The following unknown repositories will be ignored: {}',
    MISSING,
    'Repositories not in the rosdistro index',
    0.5,
  ),
  said(
    'rosinstall_generator',
    "The environment variable '{}' must be set when using '{}'",
    ENV,
    'ROS_PACKAGE_PATH is not set',
    0.8,
  ),
  said(
    'rosinstall_generator',
    "The following dependency of variant '{}' could not be found: {}",
    MISSING,
    'A variant dependency not in the index',
    0.6,
  ),
];

/** bloom (bloom-release, git-bloom-generate). */
const BLOOM: readonly PackageMessage[] = [
  said('bloom', 'rosdep was not detected, please install it.', MISSING, 'rosdep is not installed', 0.85),
  said('bloom', 'catkin_pkg was not detected, please install it.', MISSING, 'catkin_pkg is not installed', 0.85),
  said('bloom', 'vcstools was not detected, please install it.', MISSING, 'vcstools is not installed', 0.85),
  said('bloom', 'rosdistro was not detected, please install it.', MISSING, 'rosdistro is not installed', 0.85),
  said('bloom', 'empy was not detected, please install it.', MISSING, 'empy is not installed', 0.85),
  said(
    'bloom',
    "Could not resolve rosdep key '{}' for distro '{}':",
    MISSING,
    'A dependency with no package for the target distro',
    0.6,
  ),
  said('bloom', "Could not resolve rosdep key '{}'", CONFIG, 'A dependency key rosdep does not know', 0.65),
  said(
    'bloom',
    'Some of the dependencies for packages in this repository could not be resolved by rosdep.',
    CONFIG,
    'Dependency keys rosdep cannot resolve',
    0.6,
  ),
  said('bloom', "Failed to update rosdep, did you run 'rosdep init' first?", CONFIG, 'rosdep is not initialized', 0.75),
  said('bloom', "'{}' distro is not in the index file.", CONFIG, 'A ROS distro the rosdistro index does not know', 0.75),
  said(
    'bloom',
    "Specified repository '{}' is not in the distribution file located at '{}'",
    CONFIG,
    'A repository not in the distribution file',
    0.65,
  ),
  said('bloom', 'Cannot push to remote release repository.', DENIED, 'No permission to push to the release repository', 0.6),
  said(
    'bloom',
    "The version of the first changelog entry '{}' is not the same as the version being currently released '{}'.",
    CONFIG,
    'The changelog does not match the released version',
    0.75,
  ),
  said(
    'bloom',
    "The package(s) in upstream are version '{}', but the version to be released is '{}', aborting.",
    CONFIG,
    'package.xml version differs from the release',
    0.7,
  ),
  said(
    'bloom',
    "Failed to find any package.xml(s) in the upstream devel branch '{}'",
    FILE,
    'No package.xml in the upstream branch',
    0.7,
  ),
  said('bloom', "Given track '{}' does not exist in release repository.", CONFIG, 'A release track that does not exist', 0.7),
  said(
    'bloom',
    'Bloom requires a version 4 or greater rosdistro index to support package format 3.',
    'import_error/version_conflict',
    'An old rosdistro index',
    0.6,
  ),
  said(
    'bloom',
    'The Debian generator does not support dependencies which are installed with the',
    CONFIG,
    'A dependency rule for an installer Debian packaging cannot use (pip)',
    0.7,
  ),
];

/** catkin_tools (catkin build, config, clean, locate, profile). */
const CATKIN_TOOLS: readonly PackageMessage[] = [
  said(
    'catkin_tools',
    "Given package '{}' is not in the workspace and pattern does not match any package",
    MISSING,
    'A package to build that is not in the workspace',
    0.75,
  ),
  said(
    'catkin_tools',
    "Package given for --start-with, '{}', is not in the workspace.",
    CONFIG,
    'An unknown --start-with package',
    0.7,
  ),
  said('catkin_tools', 'Package `{}` not in workspace.', MISSING, 'A package that is not in the workspace', 0.7),
  said(
    'catkin_tools',
    'Circular dependency detected in the following packages: {}',
    CONFIG,
    'Packages that depend on each other in a cycle',
    0.8,
  ),
  said('catkin_tools', 'The file {} is an invalid package.xml file.', SCHEMA, 'A package.xml that does not validate', 0.8),
  said(
    'catkin_tools',
    'There was an error while searching for available packages:',
    CONFIG,
    'The workspace packages could not be read',
    0.55,
  ),
  said(
    'catkin_tools',
    "but that build space's most recent configuration differs from the commanded one",
    CONFIG,
    'The build space was configured differently: clean it or fix the options',
    0.75,
  ),
  said('catkin_tools', "Build space '{}' exists but is a file and not a folder.", CONFIG, 'The build space path is a file', 0.75),
  said('catkin_tools', 'The current folder is not part of a catkin workspace.', CONFIG, 'catkin run outside a workspace', 0.75),
  said('catkin_tools', 'Unable to extend workspace from "{}": {}', CONFIG, 'The workspace to extend could not be loaded', 0.7),
  said('catkin_tools', 'Unable to find source space `{}`', FILE, 'The workspace has no source space', 0.75),
  said(
    'catkin_tools',
    'Cannot load environment from resultspace "{}" because it does not exist.',
    FILE,
    'The workspace to extend does not exist',
    0.75,
  ),
  said(
    'catkin_tools',
    'because it does not appear to be a catkin-generated resultspace (missing .catkin marker file).',
    CONFIG,
    'The workspace to extend was not built by catkin',
    0.75,
  ),
  said(
    'catkin_tools',
    'Cannot find required tool `{}` on the PATH, is it installed?',
    MISSING,
    'A build tool (cmake, make) is not installed',
    0.85,
  ),
  said(
    'catkin_tools',
    'Could not import psutil, but psutil is required when using --mem-limit.',
    MISSING,
    'psutil is not installed',
    0.85,
  ),
  said(
    'catkin_tools',
    'is incompatible with the configured layout, `{}`.',
    CONFIG,
    'The devel space layout changed: clean the workspace',
    0.75,
  ),
  said(
    'catkin_tools',
    'No build types available. Please check your catkin_tools installation.',
    MISSING,
    'catkin_tools is broken or partly installed',
    0.7,
  ),
  said(
    'catkin_tools',
    "Could not locate a package named '{}' in path '{}'",
    MISSING,
    'A package that is not in the workspace',
    0.7,
  ),
  said('catkin_tools', 'Profile `{}` does not exist in workspace `{}`.', CONFIG, 'A catkin profile that does not exist', 0.7),
  said('catkin_tools', 'Could not configure catkin workspace: {}', CONFIG, 'catkin config failed', 0.5),
  said('catkin_tools', 'Could not initialize catkin workspace: {}', CONFIG, 'catkin init failed', 0.5),
  said(
    'catkin_tools',
    "Profile dependency circle detected at dependency from '{}' to '{}'!",
    CONFIG,
    'catkin profiles extend each other in a cycle',
    0.75,
  ),
  // genmsg's CMake (genmsg-extras.cmake): the msg/ or srv/ directory a package declares does not
  // exist (rule 3: a file or directory that does not exist; robotics-20's ros-dobot label).
  said('genmsg', 'add_message_files() directory not found:', FILE, "The package's msg directory does not exist", 0.85),
  said('genmsg', 'add_service_files() directory not found:', FILE, "The package's srv directory does not exist", 0.85),
];

/** xacro (noetic-devel and ros2). */
const XACRO: readonly PackageMessage[] = [
  said(
    'xacro',
    "when evaluating expression '{}'",
    SCHEMA,
    'A xacro expression that does not evaluate (an undefined property)',
    0.6,
  ),
  said('xacro', 'Undefined substitution argument', CONFIG, 'A xacro $(arg) that was not given', 0.75),
  said('xacro', 'XML parsing error: {}', SCHEMA, 'A xacro file that is not well-formed XML', 0.75),
  said('xacro', 'Include tag\'s filename spec "{}" matched no files.', FILE, 'A xacro include matching no file', 0.75),
  said('xacro', 'unknown macro name: {}', SCHEMA, 'A xacro macro that is not defined', 0.8),
  said('xacro', 'Undefined parameters [{}]', SCHEMA, 'A xacro macro called without its parameters', 0.75),
  // The launch or caller passes a parameter the macro does not declare: its setup, rule 3 (labels
  // invalid_config 1, none other; families/ros.ts leaves it to the setup reading too).
  said('xacro', 'Invalid parameter "{}"', CONFIG, 'A xacro macro called with a parameter it does not declare', 0.7),
  said('xacro', 'Undefined block "{}"', SCHEMA, 'A xacro block parameter that was not given', 0.7),
  said('xacro', 'Unused block "{}"', SCHEMA, 'A xacro block given to a macro that takes none', 0.6),
  said('xacro', 'which is not a boolean expression.', SCHEMA, 'A xacro condition that is not boolean', 0.75),
  said('xacro', 'circular variable definition: {}', SCHEMA, 'xacro properties defined from each other', 0.75),
  said('xacro', 'Property names must be valid python identifiers: {}', SCHEMA, 'An invalid xacro property name', 0.75),
  said(
    'xacro',
    'Property attributes default, value, and remove are mutually exclusive: {}',
    SCHEMA,
    'A xacro property with conflicting attributes',
    0.7,
  ),
  said('xacro', "xacro:call is missing the 'macro' attribute", SCHEMA, 'A xacro:call without its macro', 0.75),
  said('xacro', 'Undefined property to forward: {}', SCHEMA, 'A xacro property forwarded that does not exist', 0.7),
  said('xacro', "macro names must not contain '.' (reserved for namespaces): {}", SCHEMA, 'An invalid xacro macro name', 0.7),
  said('xacro', 'yaml support not available; install python-yaml', MISSING, 'python-yaml is not installed', 0.85),
  said('xacro', 'substitution args not supported:', MISSING, 'roslaunch (substitution args) is not installed', 0.6),
  said('xacro', "The yaml dictionary has no key '{}'", CONFIG, 'A key missing from the YAML loaded by xacro', 0.7),
  said('xacro', 'Use of invalid name(s): {}', SCHEMA, 'A xacro expression using a forbidden name', 0.65),
  said('xacro', "{}: missing attribute '{}'", SCHEMA, 'A xacro tag without a required attribute', 0.55),
  said(
    'xacro',
    'variable filename is supported with in-order option only',
    CONFIG,
    'A variable include filename without --inorder',
    0.7,
  ),
  said('xacro', 'Failed to open output:', FILE, 'xacro cannot write its output file', 0.55),
];

/** urdfdom (urdf_parser), urdfdom_headers, urdf_parser_py, urdf, kdl_parser. */
const URDF: readonly PackageMessage[] = [
  said('urdfdom', 'Failed to build tree: {}', SCHEMA, 'A URDF whose joints and links do not form a tree', 0.8),
  said('urdfdom', 'Failed to find root link: {}', SCHEMA, 'A URDF with no single root link', 0.8),
  said('urdfdom', 'parent link [{}] of joint [{}] not found.', SCHEMA, "A joint's parent link is not defined", 0.9),
  said('urdfdom', 'child link [{}] of joint [{}] not found', SCHEMA, "A joint's child link is not defined", 0.9),
  said(
    'urdfdom',
    'Joint [{}] is missing a parent and/or child link specification.',
    SCHEMA,
    'A joint without its parent or child',
    0.85,
  ),
  said('urdfdom', 'Two root links found: [{}] and [{}]', SCHEMA, 'A URDF with two root links', 0.85),
  said('urdfdom', 'No root link found. The robot xml is not a valid tree.', SCHEMA, 'A URDF with no root link', 0.85),
  said(
    'urdfdom',
    "Could not find the 'robot' element in the xml file",
    SCHEMA,
    'A robot description without a robot element',
    0.8,
  ),
  said('urdfdom', 'No link elements found in urdf file', SCHEMA, 'A robot description without links', 0.8),
  said('urdfdom', "link '{}' is not unique.", SCHEMA, 'Two links of the same name', 0.8),
  said('urdfdom', "joint '{}' is not unique.", SCHEMA, 'Two joints of the same name', 0.8),
  said('urdfdom', "material '{}' is not unique.", SCHEMA, 'Two materials of the same name', 0.75),
  said('urdfdom', 'joint xml is not initialized correctly', SCHEMA, 'A joint element the parser rejects', 0.75),
  said('urdfdom', 'link xml is not initialized correctly', SCHEMA, 'A link element the parser rejects', 0.75),
  said('urdfdom', 'material xml is not initialized correctly', SCHEMA, 'A material element the parser rejects', 0.7),
  said('urdfdom', 'Joint [{}] has no known type [{}]', SCHEMA, 'A joint type URDF does not know', 0.85),
  said('urdfdom', "joint [{}] has no type, check to see if it's a reference.", SCHEMA, 'A joint without a type', 0.8),
  said(
    'urdfdom',
    'Joint [{}] is of type REVOLUTE but it does not specify limits',
    SCHEMA,
    'A revolute joint without limits',
    0.85,
  ),
  said('urdfdom', 'Joint [{}] is of type PRISMATIC without limits', SCHEMA, 'A prismatic joint without limits', 0.85),
  said('urdfdom', 'Could not parse limit element for joint [{}]', SCHEMA, "A joint's limit element does not parse", 0.8),
  said('urdfdom', 'Malformed axis element for joint [{}]: {}', SCHEMA, "A joint's axis does not parse", 0.8),
  said('urdfdom', 'Malformed parent origin element for joint [{}]', SCHEMA, "A joint's origin does not parse", 0.8),
  said('urdfdom', 'Could not parse {} element for joint [{}]', SCHEMA, 'A joint element does not parse', 0.7),
  said('urdfdom', 'Could not parse {} element for Link [{}]', SCHEMA, 'A link element does not parse', 0.75),
  said('urdfdom', 'joint limit: no effort', SCHEMA, 'A joint limit without effort', 0.8),
  said('urdfdom', 'joint limit: no velocity', SCHEMA, 'A joint limit without velocity', 0.8),
  said('urdfdom', '{} value ({}) is not a valid float', SCHEMA, 'A URDF number that does not parse', 0.7),
  said('urdfdom', 'joint mimic: no mimic joint specified', SCHEMA, 'A mimic element without its joint', 0.8),
  said('urdfdom', 'Material [{}] color has no rgba', SCHEMA, 'A material color without rgba', 0.7),
  said('urdfdom', 'Material [{}] has malformed color rgba values: {}', SCHEMA, 'A material color that does not parse', 0.75),
  said('urdfdom', 'Mesh must contain a filename attribute', SCHEMA, 'A mesh without its file name', 0.8),
  said('urdfdom', 'Cylinder shape must have both length and radius attributes', SCHEMA, 'A cylinder without size', 0.8),
  said('urdfdom', 'Sphere shape must have a radius attribute', SCHEMA, 'A sphere without radius', 0.8),
  said('urdfdom', 'Box shape has no size attribute', SCHEMA, 'A box without size', 0.8),
  said('urdfdom', "Unknown geometry type '{}'", SCHEMA, 'A geometry type URDF does not know', 0.75),
  said('urdfdom', 'Geometry tag contains no child element.', SCHEMA, 'An empty geometry element', 0.75),
  said('urdfdom', 'Inertial element must have a mass element', SCHEMA, 'An inertial element without mass', 0.8),
  said('urdfdom', 'Inertial element must have inertia element', SCHEMA, 'An inertial element without inertia', 0.8),
  said('urdfdom', 'No name given for the robot.', SCHEMA, 'A robot element without a name', 0.75),
  said('urdfdom', 'No name given for the link.', SCHEMA, 'A link without a name', 0.75),
  said(
    'urdfdom',
    "Invalid 'version' specified; only version 1.0 is currently supported",
    SCHEMA,
    'An unsupported URDF version',
    0.75,
  ),
  said('urdfdom', 'is outside the valid range for colors [0, 1]', SCHEMA, 'A color component outside 0..1', 0.7),
  said('urdfdom', 'elements but 3 expected while parsing vector [{}]', SCHEMA, 'A vector of the wrong length', 0.75),
  said('urdfdom', 'to a double (while parsing a vector value)', SCHEMA, 'A vector component that does not parse', 0.75),
  said('urdf_parser_py', 'Multiple roots detected, invalid URDF.', SCHEMA, 'A URDF with two root links', 0.85),
  said('urdf_parser_py', 'No roots detected, invalid URDF.', SCHEMA, 'A URDF with no root link', 0.85),
  said('urdf_parser_py', 'Required {} not set in XML: {}', SCHEMA, 'A URDF element without a required attribute', 0.75),
  said('urdf_parser_py', 'Invalid joint type: {}', SCHEMA, 'A joint type URDF does not know', 0.7),
  said('urdf_parser_py', 'Material has neither a color nor texture.', SCHEMA, 'A material without color or texture', 0.6),
  said('urdf', 'Could not open file [{}] for parsing.', FILE, 'The URDF file does not exist', 0.8),
  said(
    'urdf',
    'Could not find parameter {} on parameter server',
    CONFIG,
    'robot_description is not on the parameter server',
    0.8,
  ),
  said('urdf', 'Could not read parameter {} on parameter server', CONFIG, 'robot_description could not be read', 0.7),
  said('urdf', 'Could not parse the xml document', SCHEMA, 'A robot description that is not valid XML', 0.65),
  said(
    'urdf',
    'No URDF parser plugin found for Collada files. Did you install the corresponding package?',
    MISSING,
    'The Collada URDF parser plugin is not installed',
    0.85,
  ),
  said('kdl_parser', 'Could not generate robot model', SCHEMA, 'A robot description KDL cannot read', 0.65),
  said(
    'kdl_parser',
    'Failed to extract kdl tree from xml robot description',
    SCHEMA,
    'A robot description KDL cannot read',
    0.75,
  ),
];

/** robot_state_publisher (rolling and noetic) and joint_state_publisher (noetic and ros2). */
const STATE_PUBLISHERS: readonly PackageMessage[] = [
  said('robot_state_publisher', 'robot_description parameter must not be empty', CONFIG, 'No robot description given', 0.85),
  said('robot_state_publisher', 'Failed to open URDF file: {}', FILE, 'The URDF file given does not exist', 0.8),
  said('robot_state_publisher', 'publish_frequency must be between 0 and 1000', CONFIG, 'publish_frequency out of range', 0.8),
  said(
    'robot_state_publisher',
    'Unable to initialize urdf::model from robot description',
    SCHEMA,
    'A robot description the URDF parser rejects',
    0.8,
  ),
  said(
    'robot_state_publisher',
    'Failed to extract kdl tree from robot description',
    SCHEMA,
    'A robot description KDL cannot read',
    0.75,
  ),
  said(
    'robot_state_publisher',
    'Robot state publisher ignored an invalid JointState message',
    'data_error/missing_field',
    'JointState names and positions of different lengths',
    0.65,
  ),
  said(
    'robot_state_publisher',
    'whose position member was empty.',
    'data_error/missing_field',
    'JointState messages without positions',
    0.6,
  ),
  said('robot_state_publisher', 'Failed to parse new URDF: {}', SCHEMA, 'A new robot description the URDF parser rejects', 0.75),
  said(
    'robot_state_publisher',
    'Joint state with name: "{}" was received but not found in URDF',
    CONFIG,
    'A joint state for a joint the URDF does not have',
    0.6,
  ),
  said(
    'joint_state_publisher',
    'The robot_description parameter is required and not set.',
    CONFIG,
    'No robot description given',
    0.85,
  ),
  said('joint_state_publisher', 'Limits must be specified for joint "{}" of type "{}"', SCHEMA, 'A joint without limits', 0.8),
  said(
    'joint_state_publisher',
    'limit must be specified for joint "{}" of type "{}"',
    SCHEMA,
    'A joint limit without lower or upper',
    0.8,
  ),
  said(
    'joint_state_publisher',
    'limit must be a float for joint "{}" of type "{}"',
    SCHEMA,
    'A joint limit that is not a number',
    0.8,
  ),
  said('joint_state_publisher', 'URDF must have a "robot" tag', SCHEMA, 'A robot description without a robot element', 0.8),
  said('joint_state_publisher', 'SDF must have a "model" tag', SCHEMA, 'An SDF description without a model element', 0.8),
  said(
    'joint_state_publisher',
    'Found an infinite recursive mimic chain',
    CONFIG,
    'Mimic joints that follow each other in a cycle',
    0.8,
  ),
  said('joint_state_publisher', "Invalid dependent_joint name '{}'", CONFIG, 'A dependent joint that does not exist', 0.7),
  said(
    'joint_state_publisher',
    'is not fixed, nor continuous, but limits are not specified!',
    SCHEMA,
    'A joint without limits',
    0.6,
  ),
];

/** cv_bridge (C++ and Python), image_transport, camera_info_manager, camera_calibration_parsers. */
const IMAGES: readonly PackageMessage[] = [
  said(
    'cv_bridge',
    '[{}] is not a color format. but [{}] is. The conversion does not make sense',
    TYPE,
    'A mono or depth image converted to a color encoding',
    0.9,
  ),
  said(
    'cv_bridge',
    '[{}] and [{}] do not have the same number of channel',
    TYPE,
    'Image encodings with different channel counts',
    0.85,
  ),
  said(
    'cv_bridge',
    '[{}] is a color format but [{}] is not so they must have the same OpenCV type',
    TYPE,
    'A color image converted to a non-color encoding of another type',
    0.85,
  ),
  said(
    'cv_bridge',
    'Unsupported conversion from [{}] to [{}]',
    TYPE,
    'An image encoding conversion cv_bridge does not support',
    0.8,
  ),
  said('cv_bridge', 'Unrecognized image encoding [{}]', TYPE, 'An image encoding cv_bridge does not know', 0.7),
  said(
    'cv_bridge',
    'encoding specified as {}, but image has incompatible type {}',
    TYPE,
    'The encoding given does not fit the array type',
    0.85,
  ),
  said('cv_bridge', 'Your input type is not a numpy array', TYPE, 'cv2_to_imgmsg given something other than an array', 0.75),
  said(
    'cv_bridge',
    'Image is wrongly formed: step < width * byte_depth * num_channels',
    CORRUPT,
    'An image message whose step does not fit its width',
    0.75,
  ),
  said(
    'cv_bridge',
    'Image is wrongly formed: height * step != size',
    CORRUPT,
    'An image message whose data does not fit its size',
    0.75,
  ),
  said('cv_bridge', 'Unsupported depth of the source encoding {}', TYPE, 'An image depth cv_bridge cannot display', 0.6),
  said(
    'cv_bridge',
    'cv_bridge.cvtColorForDisplay() called with empty image.',
    'data_error/empty_input',
    'An empty image given to display',
    0.7,
  ),
  said('image_transport', "Could not convert from '{}' to 'bgr8'.", TYPE, 'An image that cv_bridge cannot convert to bgr8', 0.6),
  said(
    'image_transport',
    "Unable to load plugin for transport '{}', error string:",
    MISSING,
    'An image transport plugin that is not installed',
    0.8,
  ),
  said(
    'image_transport',
    'No plugins found! Does `rospack plugins --attrib=plugin image_transport` find any packages?',
    MISSING,
    'No image transport plugins installed',
    0.85,
  ),
  said(
    'image_transport',
    'Call to publish() on an invalid image_transport::',
    'runtime_error/null_reference',
    'An image publisher used before it was created',
    0.6,
  ),
  said(
    'image_transport',
    "The 'in_transport' parameter was not defined.",
    CONFIG,
    'republish without its in_transport parameter',
    0.7,
  ),
  said(
    'image_transport',
    'do not appear to be synchronized. In the last 10s:',
    'timeout/deadline_exceeded',
    'Image and camera_info stamps that never match',
    0.5,
  ),
  said('camera_info_manager', 'Camera calibration file {} not found', FILE, 'The camera calibration file does not exist', 0.45),
  said('camera_info_manager', 'Invalid camera calibration URL: {}', CONFIG, 'A malformed camera_info_url', 0.75),
  said(
    'camera_info_manager',
    'invalid URL substitution (not resolved): {}',
    CONFIG,
    'A camera_info_url with an unknown substitution',
    0.7,
  ),
  said(
    'camera_info_manager',
    'does not match name {} in file {}',
    CONFIG,
    'The camera name differs from the calibration file',
    0.45,
  ),
  said(
    'camera_calibration_parsers',
    "Unrecognized format '{}', calibration must be '.ini', '.yml', or '.yaml'",
    CONFIG,
    'A calibration file of an unknown format',
    0.75,
  ),
  said(
    'camera_calibration_parsers',
    'Unable to open camera calibration file [{}]',
    FILE,
    'The camera calibration file cannot be opened',
    0.7,
  ),
  said(
    'camera_calibration_parsers',
    'Failed to parse camera calibration from file [{}]',
    YAML,
    'A camera calibration file that does not parse',
    0.7,
  ),
  said(
    'camera_calibration_parsers',
    'Exception parsing YAML camera calibration:',
    YAML,
    'A camera calibration YAML that does not parse',
    0.75,
  ),
  said(
    'camera_calibration_parsers',
    'Unable to create directory for camera calibration file [{}]',
    DENIED,
    'The calibration cannot be saved',
    0.55,
  ),
];

/** rviz (ROS 1) and rviz2, resource_retriever. */
const RVIZ: readonly PackageMessage[] = [
  said('rviz', 'Unable to create the rendering window after 100 tries', NATIVE, 'No OpenGL drawable could be created', 0.8),
  said('rviz', 'rviz::RenderSystem: error creating render window: {}', NATIVE, 'No OpenGL drawable could be created', 0.7),
  said(
    'rviz',
    'Your graphics driver does not support OpenGL 2.1. Please enable software rendering',
    'import_error/version_conflict',
    'A graphics driver older than the OpenGL version RViz needs',
    0.85,
  ),
  said('rviz', 'Could not find the opengl rendering subsystem!', NATIVE, 'The OpenGL render system plugin did not load', 0.8),
  said('rviz', "Can't open default or :0 display. Try setting DISPLAY environment variable.", ENV, 'DISPLAY is not set', 0.85),
  said('rviz', 'Could not load resource [{}]: {}', FILE, 'A mesh the robot description names cannot be loaded', 0.7),
  said('rviz', 'No meshes found in file [{}]', CORRUPT, 'A mesh file without meshes', 0.7),
  said('rviz', 'Could not load texture [{}]: {}', FILE, 'A texture that cannot be loaded', 0.55),
  said(
    'rviz',
    "Could not convert mesh resource '{}' for link '{}'. It may be an empty mesh:",
    CORRUPT,
    'An empty or broken mesh',
    0.7,
  ),
  said(
    'rviz',
    "PluginlibFactory: The plugin for class '{}' failed to load.",
    MISSING,
    'An RViz display plugin that is not installed',
    0.8,
  ),
  said(
    'rviz',
    "Default display config '{}' not found.  RViz will be very empty at first.",
    FILE,
    'The RViz default config does not exist',
    0.4,
  ),
  said('rviz', 'Could not load display config: {}', CONFIG, 'An RViz config that does not load', 0.6),
  said('rviz', 'contains NaNs. Skipping render as long as the', 'data_error/nan_or_inf', 'A link transform with NaN', 0.7),
  said(
    'rviz',
    'This map is too large to be displayed by RViz.',
    'resource_error/host_oom',
    'A map larger than RViz can allocate',
    0.6,
  ),
  said('rviz', 'Unknown marker type: {}', 'validation_error/invalid_argument', 'A marker of an unknown type', 0.6),
  said('rviz', 'Unknown marker action: {}', 'validation_error/invalid_argument', 'A marker with an unknown action', 0.6),
  said('rviz', 'Unable to parse URDF description!', SCHEMA, 'A robot description RViz cannot parse', 0.75),
  said('rviz', 'Skipping XML Document "{}" which had no Root Element.', CONFIG, 'A plugin description that is not XML', 0.6),
  said(
    'resource_retriever',
    'Error retrieving file [{}]: Package [{}] does not exist',
    MISSING,
    'A package:// resource of a package that is not installed',
    0.8,
  ),
  said('resource_retriever', 'Could not parse package:// format into file:// format', CONFIG, 'A malformed package:// URL', 0.7),
  said('resource_retriever', 'Error retrieving file [{}]: {}', FILE, 'A resource file that cannot be retrieved', 0.6),
];

/** pcl_conversions (PCL's fromROSMsg), pcl_ros, nodelet. */
const PCL_NODELET: readonly PackageMessage[] = [
  said(
    'pcl_conversions',
    "Failed to find match for field '{}'.",
    'data_error/missing_field',
    'A point cloud without a field the point type needs',
    0.55,
  ),
  said(
    'pcl_conversions',
    'Needs to be a dense like cloud!!',
    'validation_error/invalid_argument',
    'An unorganized cloud given where an image-like one is needed',
    0.6,
  ),
  said(
    'pcl_conversions',
    'The width and height do not match the cloud size!',
    CORRUPT,
    'A point cloud whose size does not fit its width and height',
    0.7,
  ),
  said(
    'pcl_ros',
    'Invalid PointCloud (data = {}, width = {}, height = {}, step = {})',
    CORRUPT,
    'A point cloud whose data does not fit its shape',
    0.65,
  ),
  said(
    'pcl_ros',
    'Invalid PointCloud (points = {}, width = {}, height = {})',
    CORRUPT,
    'A point cloud whose points do not fit its shape',
    0.65,
  ),
  said(
    'pcl_ros',
    'Error converting input dataset from {} to {}.',
    'timeout/deadline_exceeded',
    'The cloud could not be transformed to the input frame',
    0.45,
  ),
  said(
    'pcl_ros',
    'Error converting output dataset from {} to {}.',
    'timeout/deadline_exceeded',
    'The cloud could not be transformed to the output frame',
    0.45,
  ),
  said('pcl_ros', "Need a '{}' parameter to be set before continuing!", CONFIG, 'A required pcl_ros parameter is not set', 0.8),
  said(
    'pcl_ros',
    "[onInit] Need an '{}' parameter to be set before continuing!",
    CONFIG,
    'A required pcl_ros parameter is not set',
    0.8,
  ),
  said(
    'nodelet',
    'Failed to load nodelet [{}] of type [{}] even after refreshing the cache:',
    MISSING,
    'A nodelet type that is not installed or not exported',
    0.8,
  ),
  said('nodelet', 'Failed to load nodelet [{}] of type [{}]: {}', MISSING, 'A nodelet type that did not load', 0.6),
  said(
    'nodelet',
    "Failed to load nodelet '{}` of type `{}` to manager `{}'",
    MISSING,
    'A nodelet the manager could not load',
    0.5,
  ),
  said('nodelet', 'Cannot load nodelet {} for one exists with that name already', CONFIG, 'Two nodelets of the same name', 0.8),
  said(
    'nodelet',
    'Bad remapppings provided, target and source of different length',
    CONFIG,
    'Malformed nodelet remappings',
    0.65,
  ),
  said(
    'nodelet',
    'before the Nodelet is initialized is not allowed.',
    'runtime_error/unhandled_exception',
    'A nodelet used before onInit',
    0.6,
  ),
];

/** rosbridge_suite (rosbridge_library, rosbridge_server) and ros1_bridge. */
const BRIDGES: readonly PackageMessage[] = [
  said(
    'rosbridge_library',
    'Unable to import {}.{} from package {}. Caused by: {}',
    MISSING,
    'A message package rosbridge cannot import (not installed or not sourced)',
    0.8,
  ),
  said(
    'rosbridge_library',
    'Unable to import {} class {} from package {}. Caused by {}',
    MISSING,
    'A message type rosbridge cannot import',
    0.75,
  ),
  said(
    'rosbridge_library',
    '{} is not a valid type string',
    'validation_error/invalid_argument',
    'A client asked for a malformed type',
    0.6,
  ),
  said(
    'rosbridge_library',
    'Message type {} does not have a field {}',
    SCHEMA,
    'A client message with a field the type does not have',
    0.75,
  ),
  said(
    'rosbridge_library',
    'Expected a JSON object for type {} but received a {}',
    TYPE,
    'A client message of the wrong JSON type',
    0.75,
  ),
  said(
    'rosbridge_library',
    '{} message requires a {} for field {}, but got a {}',
    TYPE,
    'A client message field of the wrong type',
    0.85,
  ),
  said(
    'rosbridge_library',
    'Cannot infer topic type for topic {} as it is not yet advertised',
    CONFIG,
    'A topic subscribed without a type before anyone advertised it',
    0.6,
  ),
  said('rosbridge_library', 'but it is already established with type', TYPE, 'A topic registered with two types', 0.8),
  said(
    'rosbridge_library',
    'Expected a {} field but none was found.',
    SCHEMA,
    'A rosbridge request without a required field',
    0.6,
  ),
  said(
    'rosbridge_library',
    'Expected field {} to be one of {}. Invalid value: {}',
    TYPE,
    'A rosbridge request field of the wrong type',
    0.65,
  ),
  said(
    'rosbridge_server',
    'Unable to start server: {} Retrying in {}s.',
    CONFIG,
    'The rosbridge port cannot be bound (in use)',
    0.55,
  ),
  said(
    'rosbridge_server',
    'Unable to accept incoming connection.  Reason: {}',
    'network_error/connection_reset',
    'A websocket client could not be accepted',
    0.45,
  ),
  // Not an entry (session 21, dropped after review): capabilities/call_service.py's "call_service
  // InvalidServiceException: Service {} does not exist" is logged for each client request to a
  // service no node advertises; the bridge answers that request with result: false and keeps serving.
  said('ros1_bridge', 'No template specialization for the pair', MISSING, 'ros1_bridge was built without this message pair', 0.8),
  said(
    'ros1_bridge',
    'check the list of supported pairs with the `--print-pairs` option',
    MISSING,
    'A message pair ros1_bridge does not support',
    0.7,
  ),
  said(
    'ros1_bridge',
    "failed to create {} bridge for topic '{}' with ROS {} type '{}' and ROS {} type '{}':",
    MISSING,
    'A topic of a type the bridge cannot bridge',
    0.55,
  ),
  said(
    'ros1_bridge',
    'Failed to get response from ROS 2 service {} within {} seconds',
    'timeout/request_timeout',
    'A bridged ROS 2 service did not answer',
    0.8,
  ),
  said('ros1_bridge', 'Mapping for package {} contains unknown field(s)', CONFIG, 'A malformed ros1_bridge mapping rule', 0.7),
  said(
    'ros1_bridge',
    'Ignoring rule which affects a different ROS 2 package ({}) then the one it is defined in ({})',
    CONFIG,
    'A mapping rule for another package',
    0.6,
  ),
  said(
    'ros1_bridge',
    "with either file extension '.msg' or '.idl'",
    MISSING,
    'A message of a mapping rule that is not installed',
    0.7,
  ),
];

/** Fast DDS (XML profiles, participant and transport setup, QoS checks). */
const FASTDDS: readonly PackageMessage[] = [
  said('fastdds', "Error adding profile '{}' from file '{}'", CONFIG, 'A Fast DDS XML profile that does not load', 0.75),
  said('fastdds', "Error adding profile from file '{}': no name found", CONFIG, 'A Fast DDS XML profile without its name', 0.75),
  said('fastdds', '<profiles> element not found', CONFIG, 'A Fast DDS XML file without profiles', 0.7),
  said('fastdds', 'Provided XML literal does not contain profiles', CONFIG, 'A Fast DDS XML string without profiles', 0.7),
  said('fastdds', 'Error loading XML file, filename empty', CONFIG, 'An empty Fast DDS profiles file name', 0.6),
  said(
    'fastdds',
    "[XMLPARSER Error] Profile '{}' not found",
    CONFIG,
    'A Fast DDS profile name that the XML does not define',
    0.75,
  ),
  said('fastdds', "[XMLPARSER Error] Not expected tag: '{}'", CONFIG, 'A tag Fast DDS XML profiles do not allow', 0.75),
  said('fastdds', 'Error parsing participant profile', CONFIG, 'A Fast DDS participant profile that does not parse', 0.7),
  said('fastdds', 'There is other transport with the same id', CONFIG, 'Two Fast DDS transports with the same id', 0.75),
  said('fastdds', "Unknown transport type: '{}'", CONFIG, 'A Fast DDS transport type that does not exist', 0.75),
  said(
    'fastdds',
    'Transport Node not found. Given ID: {}',
    CONFIG,
    'A participant using a transport the XML does not define',
    0.75,
  ),
  said('fastdds', 'Problem creating RTPSParticipant', CONFIG, 'The DDS participant could not be created (its settings)', 0.5),
  said('fastdds', 'Cannot create participant, because there is any transport', CONFIG, 'No usable DDS transport', 0.75),
  said(
    'fastdds',
    "Discovery Server wasn't able to allocate the specified listening port.",
    CONFIG,
    'The discovery server port is in use',
    0.8,
  ),
  said(
    'fastdds',
    'Discovery Server requires to specify a listening address.',
    CONFIG,
    'A discovery server without an address',
    0.75,
  ),
  said(
    'fastdds',
    'Specifying a GUID prefix is mandatory for BACKUP Discovery Servers.',
    CONFIG,
    'A backup discovery server without a GUID prefix',
    0.75,
  ),
  said('fastdds', 'Domain ID has to be set to a correct value', CONFIG, 'An invalid DDS domain id', 0.75),
  said('fastdds', 'Unicast Locator List for {} contains invalid Locator', CONFIG, 'An invalid DDS locator', 0.7),
  said('fastdds', 'Default Unicast Locator List contains invalid Locator', CONFIG, 'An invalid DDS locator', 0.7),
  said(
    'fastdds',
    "' for environment variable '{}'. Leaving as DEFAULT",
    CONFIG,
    'A Fast DDS environment variable with an invalid value',
    0.55,
  ),
  said(
    'fastdds',
    'Trying to configure SHM transport only, but Fast DDS was built without SHM transport support.',
    CONFIG,
    'Shared memory transport asked of a build without it',
    0.75,
  ),
  said('fastdds', 'Max message size of UDP cannot be greater than {}', CONFIG, 'A UDP message size above the limit', 0.75),
  said(
    'fastdds',
    'max_message_size cannot be greater than segment_size',
    CONFIG,
    'A SHM message size above the segment size',
    0.75,
  ),
  said('fastdds', 'TopicQos inconsistent or not supported', CONFIG, 'Inconsistent topic QoS', 0.7),
  said('fastdds', 'PublisherQos inconsistent or not supported', CONFIG, 'Inconsistent publisher QoS', 0.7),
  said('fastdds', 'SubscriberQos inconsistent or not supported', CONFIG, 'Inconsistent subscriber QoS', 0.7),
  said(
    'fastdds',
    'max_samples should be greater than max_instances * max_samples_per_instance',
    CONFIG,
    'Inconsistent resource limits QoS',
    0.75,
  ),
  said('fastdds', 'BEST_EFFORT incompatible with pull mode', CONFIG, 'A best-effort writer in pull mode', 0.75),
  said(
    'fastdds',
    'DATA_SHARING cannot be used with memory policies other than PREALLOCATED.',
    CONFIG,
    'Data sharing with a dynamic memory policy',
    0.75,
  ),
  said(
    'fastdds',
    "Another type with the same name '{}' is already registered.",
    TYPE,
    'Two types registered under one name',
    0.65,
  ),
];

/** Cyclone DDS (configuration, interfaces, sockets), rmw_zenoh. */
const CYCLONE_ZENOH: readonly PackageMessage[] = [
  said('cyclonedds', 'config: {}: unknown element', CONFIG, 'An element the Cyclone DDS configuration does not know', 0.8),
  said('cyclonedds', 'config: {}: unknown attribute', CONFIG, 'An attribute the Cyclone DDS configuration does not know', 0.8),
  said('cyclonedds', 'config: {}: value out of range', CONFIG, 'A Cyclone DDS setting out of range', 0.75),
  said('cyclonedds', 'config: {}: invalid value', CONFIG, 'An invalid Cyclone DDS setting', 0.75),
  said('cyclonedds', 'config: {}: undefined value', CONFIG, 'An invalid Cyclone DDS setting', 0.75),
  said('cyclonedds', 'config: {}: empty string is not a valid value', CONFIG, 'An empty Cyclone DDS setting', 0.75),
  said('cyclonedds', 'config: {}: unrecognised unit', CONFIG, 'A Cyclone DDS setting with an unknown unit', 0.75),
  said('cyclonedds', 'config: {}: element missing in configuration', CONFIG, 'A required Cyclone DDS setting is missing', 0.75),
  said('cyclonedds', 'parser error {} at line {}', CONFIG, 'A Cyclone DDS configuration that is not valid XML', 0.65),
  said('cyclonedds', '{}: not a valid address ({})', CONFIG, 'An invalid address in the Cyclone DDS configuration', 0.7),
  said(
    'cyclonedds',
    'No appropriate interface remaining for autoselect.',
    CONFIG,
    'No network interface Cyclone DDS can use',
    0.75,
  ),
  said(
    'cyclonedds',
    'multiple interfaces selected with at least one having a link-local address',
    CONFIG,
    'Cyclone DDS interfaces that cannot be combined',
    0.75,
  ),
  said(
    'cyclonedds',
    'not multicast capable but prefer_multicast and/or allow_multicast set',
    CONFIG,
    'Multicast asked on an interface without it',
    0.7,
  ),
  said('cyclonedds', 'too many interfaces specified', CONFIG, 'More network interfaces than Cyclone DDS allows', 0.7),
  said(
    'cyclonedds',
    'failed to create unicast sockets for domain {}',
    CONFIG,
    'Cyclone DDS could not open its sockets (address or port)',
    0.55,
  ),
  said(
    'cyclonedds',
    'ddsi_udp_create_conn: failed to bind to {}: {}',
    CONFIG,
    'A DDS socket bound to an address or port not available',
    0.6,
  ),
  said('cyclonedds', 'Could not load {} library', NATIVE, 'A Cyclone DDS plugin library that cannot be loaded', 0.65),
  said(
    'rmw_zenoh',
    'Unable to connect to a Zenoh router. Have you started a router with `ros2 run rmw_zenoh_cpp rmw_zenohd`?',
    NETWORK,
    'No Zenoh router is running',
    0.8,
  ),
  said('rmw_zenoh', 'Unable to connect to a Zenoh router after {} retries.', NETWORK, 'No Zenoh router is running', 0.8),
  said('rmw_zenoh', 'Invalid configuration file {}', CONFIG, 'A Zenoh configuration file that does not load', 0.65),
];

/** What roslaunch's network warnings cause, as its source and the warnings say (ROS1_NETWORK below). */
const NETWORK_WARNING_CONSEQUENCE =
  /Cannot assign requested address|\[Errno 99\]|unable to auto-start master process|could not contact master|Unable to contact my own server|unable to contact ROS master|Name or service not known|\[Errno -[23]\]/;

/** roslaunch, rosgraph and rospy network setup (ROS_MASTER_URI, ROS_IP, ROS_HOSTNAME), beyond ros-core.ts. */
const ROS1_NETWORK: readonly PackageMessage[] = [
  // roslaunch's network warnings: it goes on after them (the warning step: a later raised error not about
  // them is the cause). What roslaunch/launch.py (validate_master_launch, _launch_master) and the warnings'
  // own words say they cause is theirs (NETWORK_WARNING_CONSEQUENCE): the master it auto-starts on a host
  // that is not this machine cannot bind ("[Errno 99] Cannot assign requested address", "unable to
  // auto-start master process", "could not contact master"), and "Your ROS nodes may fail to communicate"
  // (roslaunch's own server or the master unreachable, the hostname not resolving).
  warns(
    said(
      'roslaunch',
      "WARNING: IP addresses {} for local hostname '{}' do not appear to match",
      CONFIG,
      'The hostname resolves to no local address: set ROS_IP',
      0.7,
    ),
    { consequence: NETWORK_WARNING_CONSEQUENCE },
  ),
  warns(
    said(
      'roslaunch',
      "WARNING: local hostname '{}' does not map to an IP address.",
      CONFIG,
      'The hostname does not resolve: set ROS_IP',
      0.6,
    ),
    { consequence: NETWORK_WARNING_CONSEQUENCE },
  ),
  warns(
    said(
      'roslaunch',
      'WARNING: ROS_MASTER_URI [{}] host is not set to this machine',
      CONFIG,
      'ROS_MASTER_URI names another machine while starting a master',
      0.6,
    ),
    { consequence: NETWORK_WARNING_CONSEQUENCE },
  ),
  warns(
    said(
      'roslaunch',
      'WARNING: ROS_MASTER_URI port [{}] does not match this roscore [{}]',
      CONFIG,
      'ROS_MASTER_URI names another port than this master',
      0.6,
    ),
    { consequence: NETWORK_WARNING_CONSEQUENCE },
  ),
  said(
    'roslaunch',
    'did not respond with correct PID. There appears to be something wrong with the networking configuration',
    CONFIG,
    'The roslaunch server address reaches another machine',
    0.75,
  ),
  said(
    'roslaunch',
    'ERROR: roslaunch server URI is not a valid XML-RPC URI. Value is [{}]',
    CONFIG,
    'An invalid roslaunch server address',
    0.75,
  ),
  said('roslaunch', 'ERROR: unable to auto-start master process', CONFIG, 'roslaunch could not start a master', 0.5),
  said('rosgraph', 'invalid ROS_HOSTNAME (protocol {}should not be included)', CONFIG, 'ROS_HOSTNAME with a protocol', 0.85),
  said('rosgraph', 'invalid ROS_HOSTNAME (port should not be included)', CONFIG, 'ROS_HOSTNAME with a port', 0.85),
  said('rosgraph', 'invalid ROS_IP (protocol should not be included)', CONFIG, 'ROS_IP with a protocol', 0.85),
  said('rosgraph', 'invalid ROS_IP (port should not be included)', CONFIG, 'ROS_IP with a port', 0.85),
  said('rosgraph', 'invalid ROS_IP (must be a valid IPv4 or IPv6 address)', CONFIG, 'ROS_IP that is not an address', 0.85),
  said('rosgraph', "__master remapping argument '{}' improperly specified", CONFIG, 'A malformed __master remapping', 0.75),
  said(
    'rospy',
    'socket error contacting service, master is probably unavailable',
    'network_error/connection_refused',
    'The ROS master is not reachable',
    0.65,
  ),
  said(
    'rospy',
    'cannot register publication topic [{}] with master: {}',
    'network_error/connection_refused',
    'The ROS master refused or did not answer',
    0.55,
  ),
  said(
    'rospy',
    'cannot register subscription topic [{}] with master: {}',
    'network_error/connection_refused',
    'The ROS master refused or did not answer',
    0.55,
  ),
];

/** colcon (colcon-core, colcon-package-selection, colcon-ros, colcon-cmake): messages ros-core.ts does not list. */
const COLCON: readonly PackageMessage[] = [
  said(
    'colcon',
    "ignoring unknown package '{}' in --packages-select",
    MISSING,
    'A package to build that is not in the workspace',
    0.65,
  ),
  said(
    'colcon',
    "Package '{}' specified with --packages-{}was not found",
    MISSING,
    'A package named on the command line that is not in the workspace',
    0.75,
  ),
  said(
    'colcon',
    "the --packages-select-regex '{}' doesn't match any of the package names",
    MISSING,
    'No package matches the selection',
    0.55,
  ),
  said(
    'colcon',
    "The --packages-end package '{}' occurs topologically before the --packages-start package",
    CONFIG,
    'A package range in the wrong order',
    0.7,
  ),
  said('colcon', "Failed to parse ROS package manifest in '{}': {}", SCHEMA, 'A package.xml that does not validate', 0.75),
  said(
    'colcon',
    "The Python module 'catkin_pkg' could not be imported, therefore ROS packages can not be identified",
    MISSING,
    'catkin_pkg is not installed',
    0.85,
  ),
  said('colcon', "ROS package '{}' in '{}' has more than one build type", CONFIG, 'A package.xml exporting two build types', 0.7),
  said(
    'colcon',
    "Exception in package identification extension '{}' in '{}': {}",
    SCHEMA,
    'A package whose manifest cannot be read',
    0.5,
  ),
  said('colcon', "Could not find 'cmake' executable", MISSING, 'cmake is not installed', 0.85),
  said(
    'colcon',
    "Failed to parse previous --cmake-args from '{}': {}",
    CONFIG,
    'A corrupt build directory (stored cmake args)',
    0.5,
  ),
];

/** rqt (rqt_gui, rqt_gui_py) and qt_gui. */
const RQT: readonly PackageMessage[] = [
  said(
    'qt_gui',
    'PluginManager._load_plugin() could not load plugin "{}": plugin not available',
    MISSING,
    'An rqt plugin that is not installed',
    0.8,
  ),
  said('qt_gui', 'PluginManager._load_plugin() could not load plugin "{}"', MISSING, 'An rqt plugin that did not load', 0.5),
  said(
    'qt_gui',
    'RosPluginlibPluginProvider.load() could not load plugin "{}"',
    MISSING,
    'An rqt C++ plugin that did not load',
    0.6,
  ),
  said('qt_gui', 'Option --perspective-file must reference existing file', FILE, 'The rqt perspective file does not exist', 0.75),
  said(
    'rqt_gui',
    'RosPluginProvider.load({}) exception raised in __builtin__.__import__({}, [{}]):',
    MISSING,
    "An rqt plugin's Python module did not import",
    0.65,
  ),
  said(
    'rqt_gui',
    'RosPluginProvider.load({}): could not find class "{}" in module "{}"',
    MISSING,
    'An rqt plugin class that does not exist',
    0.75,
  ),
  said(
    'rqt_gui',
    'RosPluginProvider._parse_plugin_xml() plugin file "{}" in package "{}" not found',
    FILE,
    "An rqt plugin's description file does not exist",
    0.75,
  ),
  said(
    'rqt_gui',
    'RosPluginProvider._parse_plugin_xml() could not parse "{}" in package "{}"',
    CONFIG,
    "An rqt plugin's description file does not parse",
    0.65,
  ),
  said(
    'rqt_gui_py',
    'RosPyPluginProvider._init_node() could not find ROS master',
    'network_error/connection_refused',
    'rqt cannot reach the ROS master',
    0.75,
  ),
];

/** catkin (catkin_make, catkin_make_isolated, its CMake functions): messages ros-core.ts does not list. */
const CATKIN: readonly PackageMessage[] = [
  said('catkin', 'The specified source space {} does not exist', FILE, 'catkin_make run without a src folder', 0.8),
  said(
    'catkin',
    'contains a package but "catkin_make" must be invoked in the root of workspace',
    CONFIG,
    'catkin_make run inside a package',
    0.8,
  ),
  said(
    'catkin',
    'contains a CMakeLists.txt but "catkin_make" must be invoked in the root of workspace',
    CONFIG,
    'catkin_make run in the wrong folder',
    0.8,
  ),
  said(
    'catkin',
    'Please remove the build space or pick a different build space.',
    CONFIG,
    'The build space was made by another build tool',
    0.8,
  ),
  said(
    'catkin',
    'Please remove the devel space or pick a different devel space.',
    CONFIG,
    'The devel space was made by another build tool',
    0.8,
  ),
  said('catkin', 'Packages {} not found in the workspace', MISSING, 'Packages to build that are not in the workspace', 0.7),
  said('catkin', 'Packages not found in the workspace: {}', MISSING, 'Packages to build that are not in the workspace', 0.75),
  said('catkin', 'Error: Package "{}" does not have a CMakeLists.txt file', FILE, 'A package without CMakeLists.txt', 0.8),
  said('catkin', 'Could not find source space: {}', FILE, 'The workspace has no source space', 0.75),
  said(
    'catkin',
    'Can not build workspace with packages of unknown build_type',
    CONFIG,
    'A package.xml with an unknown build type',
    0.7,
  ),
  said(
    'catkin',
    "catkin_package() 'catkin' must be listed as a buildtool",
    CONFIG,
    'package.xml lacks the catkin buildtool dependency',
    0.8,
  ),
  said(
    'catkin',
    "catkin_package() include dir '{}' does not exist",
    FILE,
    'An exported include folder that does not exist',
    0.75,
  ),
  said('catkin', "catkin_package() absolute include dir '{}'", FILE, 'An exported include folder that does not exist', 0.75),
  said(
    'catkin',
    "catkin_package() could not find target '{}' for code",
    CONFIG,
    'A code generation target that does not exist',
    0.7,
  ),
  said('catkin', 'catkin_package() PROJECT_NAME is not set.', CONFIG, 'catkin_package() before project()', 0.75),
  said('catkin', "catkin_package() the catkin package '{}' has been", CONFIG, 'A dependency missing from package.xml', 0.75),
  said('catkin', 'generate_messages() must be called after catkin_python_setup()', CONFIG, 'CMake calls in the wrong order', 0.8),
  said(
    'catkin',
    "catkin_python_setup() called without 'setup.py' in project",
    FILE,
    'catkin_python_setup() without setup.py',
    0.8,
  ),
  said(
    'catkin',
    'catkin_python_setup() version in setup.py ({}) differs from',
    CONFIG,
    'setup.py and package.xml versions differ',
    0.7,
  ),
  said('catkin', 'catkin_install_python() called with non-existing file', FILE, 'A script to install that does not exist', 0.85),
  said(
    'catkin',
    'Non-catkin package found, non-homogeneous workspaces are not supported.',
    CONFIG,
    'A non-catkin package in a catkin_make workspace',
    0.75,
  ),
  said('catkin', "catkin_package_xml() package name '{}'", CONFIG, 'package.xml and CMake project names differ', 0.8),
];

/** foxglove_bridge (ros-foxglove-bridge). */
const FOXGLOVE: readonly PackageMessage[] = [
  said('foxglove_bridge', 'Failed to listen on port {}: {}', CONFIG, 'The bridge port cannot be bound (in use)', 0.6),
  said(
    'foxglove_bridge',
    'WebSocket server failed to listen on port {}',
    CONFIG,
    'The bridge port cannot be bound (in use)',
    0.6,
  ),
  said(
    'foxglove_bridge',
    'Failed to load shared library for service type {}',
    MISSING,
    'A service type that is not built or not sourced',
    0.65,
  ),
  said(
    'foxglove_bridge',
    'Could not find definition for type {}: {}',
    MISSING,
    'A message type whose definition is not installed',
    0.55,
  ),
  // session 20, the same commit (ros2_foxglove_bridge.cpp: the subscription's incompatible-QoS event)
  said(
    'foxglove_bridge',
    'Incompatible subscriber QoS settings for topic "{}" ({})',
    CONFIG,
    "The bridge's subscription QoS is incompatible with the publisher's",
    0.7,
  ),
];

/** image_pipeline (image_proc, depth_image_proc, stereo_image_proc, image_view). */
const IMAGE_PIPELINE: readonly PackageMessage[] = [
  said(
    'image_proc',
    "Rectified topic '{}' requested but camera publishing '{}' is uncalibrated",
    CONFIG,
    'Rectification asked of an uncalibrated camera',
    0.8,
  ),
  said(
    'image_proc',
    "Color topic '{}' requested, but raw image data from topic '{}' is grayscale",
    CONFIG,
    'A color output asked of a mono camera',
    0.75,
  ),
  said(
    'image_proc',
    "Raw image topic '{}' has unsupported encoding '{}'",
    TYPE,
    'A raw image encoding image_proc does not support',
    0.75,
  ),
  said('image_proc', "Raw image topic '{}' has ambiguous encoding '8UC3'.", TYPE, 'A raw image without a color encoding', 0.7),
  said(
    'depth_image_proc',
    'Depth image has unsupported encoding [{}]',
    TYPE,
    'A depth image encoding depth_image_proc does not support',
    0.75,
  ),
  said(
    'depth_image_proc',
    'RGB image has unsupported encoding [{}]',
    TYPE,
    'An RGB image encoding depth_image_proc does not support',
    0.75,
  ),
  said(
    'depth_image_proc',
    'Intensity image has unsupported encoding [{}]',
    TYPE,
    'An intensity image encoding depth_image_proc does not support',
    0.7,
  ),
  said(
    'depth_image_proc',
    "Depth image frame id [{}] doesn't match RGB image frame id [{}]",
    CONFIG,
    'Depth and RGB images in different frames',
    0.7,
  ),
  said(
    'depth_image_proc',
    'Depth resolution ({}x{}) does not match RGB resolution ({}x{})',
    CONFIG,
    'Depth and RGB streams of different resolutions',
    0.75,
  ),
  said(
    'stereo_image_proc',
    "Disparity image must be 32-bit floating point (encoding '32FC1'), but has encoding '{}'",
    TYPE,
    'A disparity image of the wrong encoding',
    0.8,
  ),
  said('image_view', "Topic 'image' has not been remapped!", CONFIG, 'image_view started without its image topic', 0.6),
  said('image_view', "Unable to convert '{}' image for display: '{}'", TYPE, 'An image encoding image_view cannot display', 0.6),
];

/** ament_cmake (symlink install, ament_auto, exports): messages ros-core.ts does not list. */
const AMENT_CMAKE: readonly PackageMessage[] = [
  said(
    'ament_cmake',
    "ament_cmake_symlink_install_directory() can't find",
    FILE,
    'A folder to install (launch, config) that does not exist',
    0.85,
  ),
  said('ament_cmake', "ament_cmake_symlink_install_files() can't find", FILE, 'A file to install that does not exist', 0.85),
  said(
    'ament_cmake',
    "ament_cmake_symlink_install_programs() can't find",
    FILE,
    'A program to install that does not exist',
    0.85,
  ),
  said(
    'ament_cmake',
    "ament_cmake_symlink_install_targets() can't find",
    FILE,
    'A built target to install that does not exist',
    0.8,
  ),
  said('ament_cmake', 'ament_auto_add_executable() no source files found', FILE, 'An executable without source files', 0.75),
  said('ament_cmake', 'ament_auto_add_library() no source files found in', FILE, 'A library without source files', 0.75),
  said('ament_cmake', 'ament_package() PROJECT_NAME is not set.', CONFIG, 'ament_package() before project()', 0.75),
  said('ament_cmake', "ament_package() the CONFIG_EXTRAS file '{}'", FILE, 'A CONFIG_EXTRAS file that does not exist', 0.65),
  said('ament_cmake', 'ament_export_include_directories() must be called', CONFIG, 'An export after ament_package()', 0.7),
  said(
    'ament_cmake',
    'ament_export_libraries() must be called before ament_package()',
    CONFIG,
    'An export after ament_package()',
    0.75,
  ),
  said(
    'ament_cmake',
    'ament_export_targets() must be called before ament_package()',
    CONFIG,
    'An export after ament_package()',
    0.75,
  ),
  said('ament_cmake', "ament_add_pytest_test() the path '{}' does not exist", FILE, 'A pytest path that does not exist', 0.75),
];

/** An apt message read only outside a rosdep install (rosdep prints its own failure beside it). */
function unlessRosdep(entry: PackageMessage): PackageMessage {
  return unless(entry, /rosdeps? failed to install|rosdep install/);
}

/**
 * apt, as installing ROS and robot software meets it (Dockerfiles, install scripts): its
 * apt-pkg/apt-private strings (Debian's apt, the messages of `apt-get update/install`). A package
 * name the configured repositories do not have is the setup (docs/taxonomy.md rule 5's tail and
 * rule 3: labels invalid_config 2, no other); an unknown signing key (NO_PUBKEY) or a malformed
 * sources entry is the repository setup (labels invalid_config 2); an expired key is read by the
 * pattern auth.token_expired.
 */
const APT: readonly PackageMessage[] = [
  // Not when rosdep resolved the name: a rule pointing at a package this release's index lacks is
  // the index's (rule 5, module_not_found; the rosdep entries and the robot reading answer).
  unlessRosdep(said('apt', 'Unable to locate package {}', CONFIG, 'A package name the configured repositories do not have', 0.7)),
  said(
    'apt',
    "Package '{}' has no installation candidate",
    CONFIG,
    'A package with no installable version in the configured repositories',
    0.6,
  ),
  said(
    'apt',
    "The following signatures couldn't be verified because the public key is not available: NO_PUBKEY {}",
    CONFIG,
    "The repository's signing key is not installed",
    0.8,
  ),
  said('apt', 'Malformed entry {} in {} file {} ({})', CONFIG, 'A sources entry apt cannot read', 0.9),
  said('apt', 'The list of sources could not be read.', CONFIG, 'A sources list apt cannot read', 0.6),
  said(
    'apt',
    "The repository '{}' does not have a Release file.",
    CONFIG,
    'A repository line for a release the repository does not serve',
    0.7,
  ),
  said(
    'apt',
    'Release file for {} is not valid yet (invalid for another {}).',
    CONFIG,
    "The host's clock is behind the repository's Release file",
    0.7,
  ),
  said(
    'apt',
    'Unable to correct problems, you have held broken packages.',
    'import_error/version_conflict',
    'Package dependencies that cannot be satisfied together',
    0.6,
  ),
  said('apt', 'Connection failed [IP: {} {}]', NETWORK, 'The package mirror could not be connected to', 0.5),
];

export const ROS_TOOLING: readonly PackageMessage[] = [
  ...ROSDEP,
  ...VCSTOOL,
  ...BLOOM,
  ...CATKIN_TOOLS,
  ...XACRO,
  ...URDF,
  ...STATE_PUBLISHERS,
  ...IMAGES,
  ...RVIZ,
  ...PCL_NODELET,
  ...BRIDGES,
  ...FASTDDS,
  ...CYCLONE_ZENOH,
  ...ROS1_NETWORK,
  ...COLCON,
  ...RQT,
  ...CATKIN,
  ...FOXGLOVE,
  ...IMAGE_PIPELINE,
  ...AMENT_CMAKE,
  ...APT,
];
