/**
 * Patterns: simulators and robot descriptions — Gazebo/PyBullet/MuJoCo failing to load a
 * robot or scene file, descriptions that do not parse, model files written for a newer
 * simulator, and GUIs started without a display or an OpenGL driver. Evaluated in the order of
 * library.ts (before the robot family); tested in test/patterns-ros.test.ts.
 *
 * Regexes are linear (bounded repetition, no nested quantifiers).
 */
import type { Pattern } from '../types.js';

export const SIMULATORS: Pattern[] = [
  {
    id: 'sim.description_not_found',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    needs: ['not found', 'cannot load', "couldn't ", 'couldnt '],
    match:
      /((?:URDF|SDF|MJCF|XML|mesh) file '?[^'\n]{1,200}'? not found[^\n]{0,20}|Cannot load (?:URDF|SDF|MJCF) file[^\n]{0,40}|Couldn'?t (?:load|open) (?:the )?(?:URDF|SDF|MJCF) file[^\n]{0,60})/i,
    title: 'Robot or scene description file not found',
    hypothesis:
      "The simulator could not find the robot/scene description it was asked to load: the path is wrong, relative to another directory, or uses '~' (which is not expanded), or the package that ships it is not on the search path.",
    fix: 'Pass an absolute, expanded path (os.path.expanduser) or set the search path (setAdditionalSearchPath, GAZEBO_MODEL_PATH) to the directory that holds the file.',
    actions: ['Print the resolved path and check it exists', 'Check the simulator search path'],
  },
  {
    id: 'sim.description_parse',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.76,
    priority: 74,
    needs: ['urdfparseerror', 'elements but', 'error parsing', 'error reading', 'unable to parse', 'no link elements'],
    match:
      /(urdf::URDFParseError[^\n]{0,60}|URDFParseError[^\n]{0,60}|Parser found \d{1,3} elements but \d{1,3} expected[^\n]{0,60}|Error (?:parsing|reading) (?:the )?(?:URDF|SDF|MJCF|xacro)[^\n]{0,60}|Unable to parse (?:the )?(?:URDF|SDF|MJCF)[^\n]{0,60}|No link elements found in (?:the )?urdf[^\n]{0,20})/i,
    title: 'Robot description does not parse',
    hypothesis:
      'The robot description (URDF/SDF/MJCF) is malformed: a vector with the wrong number of values, a missing attribute or an unclosed element, so the parser aborts.',
    fix: 'Validate the description (check_urdf, gz sdf -k) and fix the element it names.',
    actions: ['Run check_urdf / gz sdf -k on the file', 'Inspect the xacro output that produced it'],
  },
  {
    id: 'sim.model_schema_newer',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.72,
    priority: 77,
    needs: ['schema violation: unrecognized'],
    match: /(XML Error: Schema violation: unrecognized (?:attribute|element)[^\n]{0,60})/,
    title: 'Model file written for a newer simulator',
    hypothesis:
      "The simulator's XML schema does not know an attribute or element the model uses (e.g. MuJoCo's 'autolimits'): the model was written for a newer simulator than the installed one (or its binding, e.g. mujoco-py).",
    fix: 'Install the simulator version the model (or the benchmark that ships it) requires, or use the model files of the matching benchmark release.',
    actions: ['Compare the installed simulator version with the one the benchmark pins', 'Upgrade the simulator or its binding'],
  },
  {
    id: 'sim.gl_driver',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.74,
    priority: 76,
    needs: [
      'failed to load driver',
      'libegl warning',
      'glxbadfbconfig',
      'gladloadgl',
      'failed to initialize glfw',
      'egl device display',
      'egl_not_initialized',
    ],
    match:
      /(libGL error: failed to load driver: [\w-]{1,40}|failed to load driver: (?:swrast|iris|i965|radeonsi|nouveau|zink|kms_swrast)|libEGL warning: [^\n]{0,40}failed to (?:create dri|load driver)[^\n]{0,40}|GLXBadFBConfig|gladLoadGL error|Failed to initialize GLFW|Cannot initialize a EGL device display|EGL_NOT_INITIALIZED)/,
    title: 'No usable OpenGL driver for the simulator GUI',
    hypothesis:
      "The simulator's rendering (gzclient, RViz, a MuJoCo/PyBullet viewer) could not load an OpenGL driver (the Mesa/NVIDIA GL libraries are missing or do not match the display), and then crashed.",
    fix: 'Install the GL driver libraries matching the GPU/display (Mesa dri drivers, the NVIDIA GL libraries in a container), or render headless (EGL/OSMesa).',
    actions: ['Run glxinfo in the same environment', 'Install libgl1-mesa-dri or the NVIDIA container GL libraries'],
  },
  {
    id: 'sim.no_display',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.74,
    priority: 72,
    needs: [
      'connect to x server',
      'open display',
      'connect to display',
      'display environment variable',
      'nosuchdisplayexception',
    ],
    match:
      /([Cc]annot connect to X server[^\n]{0,40}|[Cc]an'?t open display[^\n]{0,40}|[Cc]ould not connect to display[^\n]{0,40}|no \$?DISPLAY environment variable|DISPLAY environment variable is missing|[Uu]nable to open display[^\n]{0,40}|NoSuchDisplayException[^\n]{0,40})/,
    title: 'GUI started where there is no display',
    hypothesis:
      'A GUI mode of the simulator or viewer was started on a machine or container without a display (a cluster node, CI, ssh without X forwarding).',
    fix: 'Use the headless/offscreen mode (p.DIRECT, gzserver only, MUJOCO_GL=egl) or run under a virtual display (xvfb-run).',
    actions: ['Switch to the headless/direct mode', 'Or wrap the run in xvfb-run'],
  },
  {
    id: 'gym.env_not_registered',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.8,
    priority: 78,
    needs: ['gym.error.', 'gymnasium.error.'],
    match:
      /(\bgym(?:nasium)?\.error\.(?:NameNotFound|NamespaceNotFound|VersionNotFound|DeprecatedEnv|UnregisteredEnv|UnregisteredBenchmark)\b[^\n]{0,80})/,
    title: 'Environment id not registered ($1)',
    hypothesis:
      'The environment id asked for is not in the gymnasium registry: a typo, a version suffix that does not exist, or the package that registers it was not imported.',
    fix: 'Check the id against gymnasium.registry (pprint_registry), import the package that registers it (e.g. import gymnasium_robotics), and use an existing version suffix.',
    actions: ['List the registered ids (gymnasium.pprint_registry())', 'Import the package that registers the environment'],
  },
  {
    id: 'gym.dependency_missing',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.84,
    priority: 82,
    needs: ['gym.error.', 'gymnasium.error.'],
    match: /(\bgym(?:nasium)?\.error\.DependencyNotInstalled\b[^\n]{0,80})/,
    title: 'Environment dependency not installed ($1)',
    hypothesis:
      'The environment needs an optional dependency (Box2D, MuJoCo, Atari ROMs…) that is not installed in this Python environment.',
    fix: 'Install the extra the message names (pip install "gymnasium[box2d]", "gymnasium[mujoco]"…) in the environment that runs the evaluation.',
    actions: ['Install the named extra', 'Pin it in the requirements of the evaluation image'],
  },
];
