/**
 * Patterns: simulators and robot descriptions — Gazebo/PyBullet/MuJoCo failing to load a
 * robot or scene file, descriptions that do not parse, model files written for a newer
 * simulator, and GUIs started without a display or an OpenGL driver. Evaluated in the order of
 * library.ts (before the robot family); tested in test/patterns-ros.test.ts.
 *
 * Regexes are linear (bounded repetition, no nested quantifiers).
 */
import { MJCF_CORE_MISPLACED } from '../parts/tables/packages/simulators.js';
import type { Pattern } from '../types.js';

/** Qt's xcb message with an empty display name (sim.no_display): DISPLAY unset. */
const QT_EMPTY_DISPLAY = /^[Cc]ould not connect to display[ \t]{0,8}(?:$|\r|qt\.)/;
/** Qt's own prefix of that message, just before it: only Qt prints the display name after it. */
const QT_XCB_PREFIX = /(?:qt\.qpa\.xcb|QXcbConnection): $/;

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
    // docs/taxonomy.md, labelling guidance rule 4: a robot description that its format's parser
    // rejects is a schema violation (it was config_error/invalid_config before the rule; the
    // labels split, the newer ones follow the rule: robotics-4/7/8/9 against robotics-1's two).
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    confidence: 0.72,
    priority: 74,
    needs: [
      'urdfparseerror',
      'elements but',
      'error parsing',
      'error reading',
      'unable to parse',
      'no link elements',
      'failed to parse',
      'could not parse',
      'parseurdf on robot model',
      'parse as old deprecated model file failed',
    ],
    // sdformat's reading of a model string that is neither SDF nor URDF it can parse ("Unable to
    // call parseURDF on robot model", "parse as old deprecated model file failed"; labels
    // schema_violation 2, none other).
    match:
      /(Unable to call parseURDF on robot model[^\n]{0,40}|parse as old deprecated model file failed[^\n]{0,20}|urdf::URDFParseError[^\n]{0,60}|URDFParseError[^\n]{0,60}|Parser found \d{1,3} elements but \d{1,3} expected[^\n]{0,60}|Error (?:parsing|reading) (?:the )?(?:URDF|SDF|MJCF|xacro)[^\n]{0,60}|Unable to parse (?:the )?(?:URDF|SDF|MJCF)[^\n]{0,60}|No link elements found in (?:the )?urdf[^\n]{0,20}|(?:Failed to|Could not) parse (?:the )?(?:robot description|robot_description|robot model|URDF|urdf|SDF|MJCF)[^\n]{0,60}|Could not parse (?:the )?(?:inertial|visual|collision|joint|link|geometry|origin|limit|material) element for (?:the )?(?:[Ll]ink|[Jj]oint)[^\n]{0,60})/i,
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
    // A core MJCF element reported unrecognized (MJCF_CORE_MISPLACED: worldbody, body, geom, equality,
    // actuator…, known since MuJoCo 1.50) is an element in the wrong parent (the schema is checked by
    // parent: <equality> inside <worldbody>), a description that breaks its format (rule 4), not a model
    // written for a newer MuJoCo: the mujoco package message answers.
    unless: MJCF_CORE_MISPLACED,
    title: 'Model file written for a newer simulator',
    hypothesis:
      "The simulator's XML schema does not know an attribute or element the model uses (e.g. MuJoCo's 'autolimits'): the model was written for a newer simulator than the installed one (or its binding, e.g. mujoco-py).",
    fix: 'Install the simulator version the model (or the benchmark that ships it) requires, or use the model files of the matching benchmark release.',
    actions: ['Compare the installed simulator version with the one the benchmark pins', 'Upgrade the simulator or its binding'],
  },
  {
    id: 'sim.mujoco_compile_error',
    // MuJoCo's model compiler (mjCError) ends every error with the element it rejects: "Error: faces
    // have inconsistent orientation ... Object name = robot-v3_6, id = 6, line = 26" (2.x) or
    // "Element name '/fr3/Geometry/base', id 1" (3.x). A model the compiler rejects is a robot
    // description its parser rejects (docs/taxonomy.md, labelling guidance rule 4): robotics-9,
    // robotics-19b, robotics-24b (three repositories, schema_violation each). The same trailer
    // follows a mesh or asset file that cannot be opened: left to the file patterns (`unless`).
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    confidence: 0.7,
    priority: 74,
    // The compiler's "Error: …" line (at a line's start, or after a colon as the Python binding raises it: "ValueError: Error: …"), read
    // only where the record holds the compiler's trailer (lines are read one at a time: the trailer is the record's `also`).
    needs: ['error: '],
    match: /(?:^|: )(Error: [^\n]{1,200})/m,
    also: /Object name = [^,\n]{0,200}, id = \d{1,6}|Element name '[^'\n]{0,200}', id \d{1,6}/,
    // A mesh or asset file that cannot be opened, read or found (the compiler's trailer follows those too): the file patterns'.
    unless:
      /(?:could not|cannot|can't|failed to|unable to) (?:open|read|load|find)|error opening|(?:file|resource) not found|No such file|not found via provider/i,
    title: "MuJoCo's model compiler rejects the model ($1)",
    hypothesis:
      'The MJCF model (or the mesh, tendon, inertia or default it names) breaks a rule of the MuJoCo compiler, so the model is not built.',
    fix: 'Fix the element the error names (the line it gives), or set the compiler option the message suggests.',
    actions: ['Open the model at the line and element the error names', 'Check the element against the MuJoCo XML reference'],
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
      'eglinitialize',
    ],
    match:
      /(libGL error: failed to load driver: [\w-]{1,40}|failed to load driver: (?:swrast|iris|i965|radeonsi|nouveau|zink|kms_swrast)|libEGL warning: [^\n]{0,40}failed to (?:create dri|load driver)[^\n]{0,40}|GLXBadFBConfig|gladLoadGL error|Failed to initialize GLFW|Cannot initialize a EGL device display|EGL_NOT_INITIALIZED|(?<!\.cc\(\d{1,5}\)\] )\beglInitialize\b[^\n]{0,30}?(?:\bfailed\b|\berror(?: code)?\s{0,2}[=:]\s{0,2}(?:0x)?[0-9a-fA-F]{1,8}\b)[^\n]{0,40})/,
    // Mesa's "libEGL warning: … failed to create dri2 screen / load driver" is Mesa trying one driver and
    // falling back to the next (the GUI often renders on): a warning, the cause only when no later raised
    // error or died process names another (a ros2_control spawner dying after it in a Gazebo launch is the
    // spawner's). The GUI's own GL crash after it is the warning's consequence, not another cause: a GL
    // context that cannot be created (GLFW's "GLX: Failed to create context", PyOpenGL's OpenGL.error, Ogre's
    // RenderingAPIException or its DepthBuffer assertion) or the GUI itself dying (gzclient, rviz2, gz sim's
    // launch prefix). When the display then fails to initialize, eglInitialize's own failure ("eglInitialize
    // failed", "eglInitialize error code = 0x3001", EGL_NOT_INITIALIZED) is read where it is, whatever is
    // raised after it; not its success ("eglInitialize -> no error") nor Chromium's log line ("ERROR:
    // gl_display.cc(786)] eglInitialize Default failed.", after which the browser renders in software). The
    // libGL errors and GLFW/EGL failures are no warning either.
    warning: {
      form: /libEGL warning: [^\n]{0,40}failed to (?:create dri|load driver)/,
      consequence:
        /GLX: Failed to create context|Failed to create (?:an? )?(?:OpenGL |GL |EGL )?context|OpenGL\.error\.|RenderingAPIException|setDepthBufferFor\b|\[(?:gzclient|rviz2?|gazebo|gz|ign)(?:-\d{1,4})?\]: process has died/,
    },
    title: 'No usable OpenGL driver for the simulator GUI',
    hypothesis:
      "The simulator's rendering (gzclient, RViz, a MuJoCo/PyBullet viewer) could not load an OpenGL driver (the Mesa/NVIDIA GL libraries are missing or do not match the display), and then crashed.",
    fix: 'Install the GL driver libraries matching the GPU/display (Mesa dri drivers, the NVIDIA GL libraries in a container), or render headless (EGL/OSMesa).',
    actions: ['Run glxinfo in the same environment', 'Install libgl1-mesa-dri or the NVIDIA container GL libraries'],
  },
  {
    id: 'sim.gl_context',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.74,
    priority: 75,
    // A GL, GLX or EGL context, drawable or device that cannot be created is the graphics driver
    // (docs/taxonomy.md, rule 5; labels 16 to 4 invalid_config). When the record shows the driver
    // library failing to load, that line answers (import.native_lib, sim.gl_driver); an unset
    // DISPLAY stays config.missing_env_var.
    // PyOpenGL's own EGL exception ("OpenGL.raw.EGL._errors.EGLError: EGLError( err = EGL_BAD_PARAMETER,
    // baseOperation = eglGetPlatformDisplayEXT") and the EGL status an EGL call returned ("EGL_BAD_ALLOC
    // error: In eglQueryDevicesEXT") are the EGL driver refusing a display/device/context, whatever
    // exception class wraps it (dm_control, robosuite, habitat/Magnum; labels missing_native_lib).
    // Only error codes (EGL_BAD_*/EGL_NOT_*) of the display/device calls: the program's own misuse
    // (eglMakeCurrent, eglChooseConfig), a buffer allocation or a teardown at exit is not the driver, and
    // MUJOCO_EGL_DEVICE_ID set out of range (MuJoCo's own message) is the setting.
    needs: [
      'glxbad',
      'failed to create drawable',
      'no egl devices',
      'gl context',
      'glx context',
      'createplatformopenglcontext',
      // mujoco_py's OffscreenOpenGLContext raises RuntimeError('Failed to initialize OpenGL') when no
      // context can be made (robotics-29d Robotiq-UR5; rule 5 names a GL context that cannot be created).
      'failed to initialize opengl',
      'failed to initialise opengl',
      'eglerror(',
      'error: in egl',
    ],
    match:
      /(GLXBad(?:Context|Drawable|CurrentWindow)\b|failed to create drawable|no EGL devices found[^\n]{0,40}|EGLError\(\s{0,40}err = EGL_(?:BAD|NOT)_[A-Z_]{2,30},\s{0,40}baseOperation = egl(?:GetPlatformDisplay(?:EXT)?|GetDisplay|Initialize|QueryDevicesEXT)\b|EGL_(?:BAD|NOT)_[A-Z_]{2,30} error: In egl(?:GetPlatformDisplay(?:EXT)?|GetDisplay|Initialize|QueryDevicesEXT)\b|(?:Failed to|Could not|Unable to|cannot) (?:create|initiali[sz]e|make current) (?:an? |the )?(?:OpenGL|GL|GLX|EGL) context[^\n]{0,40}|with no current GL context[^\n]{0,40}|RuntimeError: Failed to initiali[sz]e OpenGL\b|This plugin does not support createPlatformOpenGLContext)/i,
    // A run that reports its end (Qt's warning on a headless host that rendered nothing, then the
    // run's own "Done." / results saved / a success figure) did not fail on the context.
    unless:
      /cannot open shared object file|failed to load driver|MUJOCO_EGL_DEVICE_ID must be an integer|^Done\.|\bsaved to \S|\bsuccess(?: rate)?[:=]? ?\d{0,3}\.\d/im,
    title: 'No OpenGL context could be created for rendering',
    hypothesis:
      'The renderer (a simulator GUI, RViz, an offscreen MuJoCo/habitat/PyBullet context) could not create a GL/GLX/EGL context: the GPU vendor GL/EGL libraries are missing, do not match the X server or container, or no EGL device is exposed.',
    fix: 'Install the GL/EGL driver libraries matching the GPU (Mesa dri drivers, the NVIDIA GL/EGL libraries, NVIDIA_DRIVER_CAPABILITIES=graphics in a container), or render with a backend this host supports (EGL/OSMesa headless).',
    actions: [
      'Run glxinfo / eglinfo in the same environment',
      'Check which GL vendor library the process loads (LIBGL_DEBUG=verbose)',
    ],
  },
  {
    id: 'sim.vulkan_device',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.76,
    priority: 77,
    needs: ['rendering device', 'vk::', 'vk_error_', 'vulkan'],
    match:
      /(failed to find a (?:suitable )?rendering device[^\n]{0,40}|vk::[\w:]{1,80}: Error(?:InitializationFailed|IncompatibleDriver|ExtensionNotPresent|LayerNotPresent|DeviceLost)\b|VK_ERROR_(?:INITIALIZATION_FAILED|INCOMPATIBLE_DRIVER|EXTENSION_NOT_PRESENT)\b[^\n]{0,40}|(?:Failed to|Could not|Unable to|cannot) (?:create|initiali[sz]e) (?:a |the )?Vulkan (?:instance|device|renderer)[^\n]{0,40}|(?:No|Cannot find a|failed to find a) (?:compatible |suitable )?Vulkan (?:device|driver|GPU|ICD)s?\b[^\n]{0,40}|vkEnumeratePhysicalDevices[^\n]{0,40}(?:fail|error)[^\n]{0,20})/i,
    title: 'No usable Vulkan device for the renderer',
    hypothesis:
      "The simulator's renderer (SAPIEN/ManiSkill, Isaac, CARLA, Genesis) could not initialise Vulkan on a GPU: the NVIDIA (or other) Vulkan ICD/driver is not installed or not visible to the process (a container without the graphics capability, only the lavapipe software ICD), so no rendering device exists.",
    fix: "Install the GPU's Vulkan driver and ICD file (e.g. nvidia_icd.json; libvulkan1) and expose it to the container (NVIDIA_DRIVER_CAPABILITIES=all); check with vulkaninfo, or select a headless/CPU render backend.",
    actions: ['Run vulkaninfo --summary in the same environment', 'Check the ICD files under /usr/share/vulkan/icd.d'],
  },
  {
    id: 'sim.mujoco_binaries_missing',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.8,
    priority: 80,
    needs: ['missing mujoco', 'mujoco_py_mujoco_path', 'mujoco-py'],
    match:
      /(You appear to be missing MuJoCo\.?[^\n]{0,100}|MUJOCO_PY_MUJOCO_PATH[^\n]{0,60}(?:not set|does not exist|not found)[^\n]{0,20}|mujoco-py[^\n]{0,60}(?:could not find|cannot find|missing) (?:the )?(?:MuJoCo|mujoco) (?:binaries|library|installation)[^\n]{0,40})/i,
    title: 'The native MuJoCo library that mujoco-py needs is not installed',
    hypothesis:
      'mujoco-py (the old Python bindings) needs the native MuJoCo binaries unpacked at ~/.mujoco/mujoco2xx (or MUJOCO_PY_MUJOCO_PATH); they are not there, so the bindings cannot be built or loaded.',
    fix: "Unpack the MuJoCo version mujoco-py expects into ~/.mujoco (e.g. mujoco210) and add its bin directory to LD_LIBRARY_PATH, or move the code to the maintained 'mujoco' bindings.",
    actions: [
      'List ~/.mujoco and compare with the version in the message',
      'Check LD_LIBRARY_PATH contains the MuJoCo bin directory',
    ],
  },
  {
    id: 'sim.physx_capacity',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.76,
    priority: 79,
    needs: ['needs to increase', 'capacity', 'gpu_max_rigid'],
    match:
      /(needs to increase (?:the )?Px\w{1,40}(?:::|\.)\w{1,60}[^\n]{0,40}|(?:increase|raise) (?:the )?(?:sim\.)?(?:physx\.)?gpu_(?:max_rigid_(?:contact_count|patch_count)|found_lost_(?:aggregate_)?pairs_capacity|total_aggregate_pairs_capacity|heap_capacity|temp_buffer_capacity|collision_stack_size)\b[^\n]{0,40}|(?:gpu_max_rigid_(?:contact_count|patch_count)|(?:found_lost|aggregate)_pairs_capacity)[^\n]{0,40}(?:exceed|overflow|too (?:small|low))[^\n]{0,30})/i,
    title: 'A GPU physics buffer is configured too small for the scene',
    hypothesis:
      'GPU PhysX (Isaac Sim/Lab/Gym) ran out of a fixed-size buffer it was configured with (contact, patch or aggregate-pair capacity): the scene has more environments or contacts than the simulation config allows, and PhysX drops contacts or stops.',
    fix: "Raise the named capacity in the simulation's PhysX settings (e.g. gpu_total_aggregate_pairs_capacity, gpu_max_rigid_patch_count) to the value PhysX suggests, and check the setting is actually applied by the task's config.",
    actions: ['Set the capacity PhysX asks for in the sim/PhysX config', 'Print the effective PhysX settings at start-up'],
  },
  {
    // GPU PhysX (Isaac Gym, Isaac Sim) loads the CUDA driver library at start; when it cannot
    // ("PxPhysXGpuModuleLoader.cpp (148) : internal error : libcuda.so!"), it says it falls back to the
    // CPU ("Failed to create a PhysX CUDA Context Manager. Falling back to CPU."), and whatever needs the
    // GPU pipeline fails after: a native library that cannot be loaded (rule 5), whatever fails next.
    id: 'sim.physx_cuda_unavailable',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.74,
    priority: 81,
    needs: ['cuda context manager', 'pxphysxgpumoduleloader'],
    match:
      /(Failed to create a PhysX CUDA Context Manager[^\n]{0,40}|PxPhysXGpuModuleLoader\.cpp \(\d{1,6}\) : internal error : libcuda\.so[^\n]{0,20})/,
    title: 'GPU PhysX could not load CUDA and fell back to the CPU',
    hypothesis:
      "The simulator's GPU physics could not load the CUDA driver library (libcuda.so) or create its CUDA context, so it fell back to CPU physics; what then needs the GPU pipeline (state tensors, GPU buffers) fails: the NVIDIA driver is missing, not visible in the container, or does not match the simulator's CUDA.",
    fix: 'Check that nvidia-smi works in the same environment, that libcuda.so is on the loader path (the container started with the NVIDIA runtime), and that the driver supports the CUDA version the simulator needs.',
    actions: ['Run nvidia-smi where the simulator runs', 'Check ldconfig -p | grep libcuda and the container runtime'],
  },
  {
    // PhysX's API checks (Isaac Sim/Lab, Omniverse, Isaac Gym, any PhysX 5 host): "PhysX error:
    // PxClass::method(): <what the call got wrong>". A method the scene's mode forbids is a call
    // refused in the current state (rule 8); an argument outside what the method accepts is an
    // argument check (its values from a randomisation or the program, not the physics going NaN,
    // which sim.nan_state reads).
    id: 'sim.physx_illegal_call',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'high',
    confidence: 0.78,
    priority: 79,
    needs: ['illegal to call'],
    match: /(\bPx\w{1,40}::\w{1,60}\(\): it is illegal to call this method (?:if|when|while|after|before|during)\b[^\n]{0,100})/,
    title: "PhysX refused a call in the scene's current mode ($1)",
    hypothesis:
      'The program called a PhysX method that the scene forbids in its current mode (for example a CPU-side pose or velocity setter while the direct GPU API is enabled, or a method on an object not yet in a scene): PhysX ignored the call, so the state it was meant to set was never applied.',
    fix: 'Use the API that the scene mode allows (the tensor/GPU views of the simulation instead of per-object setters when the direct GPU API is on), or turn the mode off for this task.',
    actions: [
      'Find the call site of the named method in the task or environment code',
      "Check the scene's PhysX flags (direct GPU API, GPU dynamics) for this task",
    ],
  },
  {
    id: 'sim.physx_invalid_argument',
    category: 'validation_error',
    factor: 'invalid_argument',
    severity: 'high',
    confidence: 0.72,
    priority: 77,
    needs: ['physx error'],
    match:
      /(PhysX error: Px\w{1,40}::\w{1,60}\(\): (?:[\w.' -]{1,60} )?(?:must (?:be|have) (?:non-?negative|positive|greater than|less than|(?:a )?unit|normali[sz]ed|valid|in range|within)|(?:is|are) (?:not valid|invalid|out of range)|invalid (?:parameter|argument|value)s?|(?:parameter|argument|value) (?:is )?(?:invalid|out of range))\b[^\n]{0,60})/i,
    unless: /\b(?:NaN|nan|Inf|inf|non-?finite)\b/,
    title: 'PhysX rejected an argument ($1)',
    hypothesis:
      "A PhysX API call was given a value its parameter check refuses (a negative mass or inertia, an unnormalised quaternion, an out-of-range index): the check named in the message rejected it and the call was ignored; the value usually comes from the program's own computation or a domain randomisation.",
    fix: 'Find where the value passed to the named method comes from (a randomisation range, a scale, a unit conversion) and keep it inside what the method accepts.',
    actions: ['Log the value passed to the named method just before the call', 'Check the randomisation ranges that feed it'],
  },
  {
    id: 'sim.controller_crashed',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.62,
    priority: 40,
    needs: ['controller crashed', 'the process crashed'],
    match: /('[\w.-]{1,80}' controller crashed[^\n]{0,20}|The process crashed some time after starting successfully[^\n]{0,20})/,
    title: 'The robot controller process crashed in the simulator',
    hypothesis:
      "The simulator (Webots) reports that the robot's controller program crashed after it started; the cause is in the controller's own code or its native libraries, and its own output (a traceback, a segfault) says where.",
    fix: 'Run the controller as an extern controller from a terminal or a debugger to see its traceback, and fix the failing call.',
    actions: ["Read the controller's console output before the crash", 'Run it as an extern controller under a debugger'],
  },
  {
    id: 'sim.server_crashed',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.62,
    priority: 96,
    needs: ['connection reset by peer', 'while waiting for the simulator', 'timeoutexception', 'unable to connect to service'],
    match:
      /((?:Service call failed: )?unable to connect to service: [^\n]{0,60}Connection reset by peer|Connection reset by peer|time-?out of \d{1,9} ?ms while waiting for the simulator[^\n]{0,60}|carla::client::TimeoutException[^\n]{0,40})/,
    also: /(?:Segmentation fault|Aborted) \(core dumped\)|\] process has died \[pid \d{1,9}, exit code (?:-11|139|134|-6)\b/,
    title: 'The simulator crashed and its clients lost it',
    hypothesis:
      'A native process (the simulator server) crashed — a segmentation fault or an abort with a core dump — and what follows in the log (connection resets, clients timing out while waiting for the simulator) is only its clients noticing: the crash is the failure to explain.',
    fix: 'Find why the simulator crashed: run it alone with a debugger or its verbose flag, check its own log and core dump, and the GPU/renderer and world/model it was loading at that moment.',
    actions: [
      "Read the simulator's own log and backtrace (gdb on the core)",
      'Reproduce with the same world/model and a verbose simulator',
    ],
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
    // Qt's xcb plugin names the display it tried ("qt.qpa.xcb: could not connect to display :1"); with no
    // name at all (the line ends, or the next Qt line follows) DISPLAY was empty or unset: the unset
    // variable, config.missing_env_var (docs/taxonomy.md rule 5: an unset DISPLAY; labels of the empty
    // form missing_env_var 2 of 2, robotics-16 and -29a; of a named display invalid_config 2,
    // permission_denied 1).
    // Only after Qt's own prefix ("qt.qpa.xcb: ", "QXcbConnection: "): another program's bare "could not
    // connect to display" names no display whoever set it.
    resolve: (_ctx, site) =>
      QT_XCB_PREFIX.test(site.text.slice(Math.max(0, site.index - 20), site.index)) &&
      QT_EMPTY_DISPLAY.test(site.text.slice(site.index, site.index + site.length))
        ? { as: 'config.missing_env_var' }
        : null,
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
  {
    id: 'gym.usage_error',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.74,
    priority: 78,
    needs: ['resetneeded', 'closedenvironmenterror', 'before calling env.reset', 'before calling reset'],
    match:
      /(\bgym(?:nasium)?\.error\.(?:ResetNeeded|ClosedEnvironmentError)\b[^\n]{0,80}|Cannot call env\.step\(\) before calling (?:env\.)?reset\(\)[^\n]{0,40})/,
    title: 'An environment was used in a state that does not allow it',
    hypothesis:
      "The code called the environment out of order — step() before reset(), or after the episode ended or the environment was closed — which gymnasium's checks refuse: a bug in the loop driving the environment.",
    fix: 'Reset the environment before the first step and after every terminated/truncated episode, and do not use it after close().',
    actions: [
      'Check where the loop resets on terminated or truncated',
      'Check the environment is not closed before the last step',
    ],
  },
  {
    id: 'gym.invalid_action',
    category: 'validation_error',
    factor: 'invalid_argument',
    severity: 'medium',
    confidence: 0.72,
    priority: 76,
    needs: ['invalidaction', 'action space', 'invalid action'],
    match:
      /(\bgym(?:nasium)?\.error\.InvalidAction\b[^\n]{0,80}|(?:action|actions) [^\n]{0,60}(?:is |are )?not (?:with)?in (?:the )?action[ _]space[^\n]{0,40}|Invalid action[^\n]{0,20}(?:for|in|not in) (?:the )?action[ _]space[^\n]{0,40})/i,
    title: "An action outside the environment's action space",
    hypothesis:
      "The policy or script sent an action the environment's action space does not contain (wrong shape, dtype or range, an index out of a Discrete space): the caller's action does not fit the environment.",
    fix: "Compare the action's shape, dtype and range with env.action_space; clip or rescale the policy output, and use the same action space the policy was trained with.",
    actions: ['Print env.action_space and the action sent', "Check the policy's output scaling"],
  },
  {
    id: 'sim.prim_not_found',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.68,
    priority: 72,
    needs: ['articulation', 'prim', 'no prim'],
    match:
      /((?:Failed to find|Could not find|Cannot find|No) (?:an? )?(?:articulation|rigid body|prim|valid prim)s? (?:at|for|matching|with path)[^\n]{0,30}\/[\w/.*-]{1,160}[^\n]{0,20}|Prim path '?\/[\w/.*-]{1,160}'? (?:is not valid|does not exist|not found)[^\n]{0,40}|Accessed invalid (?:null )?prim[^\n]{0,60})/i,
    title: 'A scene path the task expects does not exist ($1)',
    hypothesis:
      'The simulator (Isaac Sim/Lab) found no prim, articulation or rigid body at the path the code or config names: the asset was not loaded there, its path or regex differs (env_.* vs env_0), or it was spawned without the articulation root the code expects.',
    fix: "Print the stage's prim paths and make the configured path (or regex) match where the asset is spawned; check the asset has an articulation root when an articulation is expected.",
    actions: ['List the stage prims under the environment root', 'Compare the prim_path / regex in the config'],
  },
  {
    id: 'sim.client_waiting',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'high',
    confidence: 0.7,
    priority: 75,
    needs: ['while waiting for the simulator'],
    match: /(time-?out of \d{1,9} ?ms while waiting for the simulator[^\n]{0,80})/,
    title: 'The client gave up waiting for the simulator',
    hypothesis:
      "The simulation client (CARLA's Python API, the leaderboard) timed out waiting for the simulator server: the server is not running, is still loading a map, runs at another host/port, or is too slow (a software renderer, an overloaded GPU).",
    fix: "Start the simulator before the client and wait until it is ready; check the host/port, and raise the client's timeout for slow map loads.",
    actions: ['Check the simulator process is up and listening on the port', 'Raise client.set_timeout for the first connection'],
  },
  {
    id: 'sim.system_plugin_missing',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.72,
    priority: 77,
    needs: ["couldn't find shared library", 'couldnt find shared library', 'could not find shared library'],
    match: /(Failed to load system plugin \[?[\w./-]{1,160}\]?[^\n]{0,20}: could(?:n'?t| not) find shared library[^\n]{0,20})/,
    title: 'The simulator cannot find a plugin library ($1)',
    hypothesis:
      'Gazebo (gz sim / Ignition) could not find the shared library of a system plugin the world or model asks for: the package that provides it is not installed or built for this simulator version, or its directory is not on the plugin path (GZ_SIM_SYSTEM_PLUGIN_PATH / IGN_GAZEBO_SYSTEM_PLUGIN_PATH).',
    fix: 'Install or build the package that provides the plugin for the running simulator version, and add its lib directory to the system plugin path before starting the simulator.',
    actions: ['Find the plugin library on disk (find / -name lib...so)', 'Print the plugin path variables the simulator sees'],
  },
  {
    id: 'sim.plugin_load_exception',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.55,
    priority: 38,
    needs: ['exception occured in the load function', 'exception occurred in the load function'],
    match: /(Exception occur{1,2}ed in the Load function of plugin with name\[[\w./-]{1,120}\][^\n]{0,120})/,
    title: 'A simulator plugin threw while loading ($1)',
    hypothesis:
      'A Gazebo model plugin threw an exception in its Load function and will not run: usually a parameter or resource it reads at load time (a controller config file, a ROS node it waits for) is missing or wrong — its own earlier error lines say which.',
    fix: "Read the plugin's own error lines just before this one and fix the parameter or file it names; run the simulator with --verbose to see them.",
    actions: ['Start the simulator with --verbose', "Check the plugin's parameters in the model (SDF/URDF <plugin> block)"],
  },
  {
    id: 'sim.watchdog_timeout',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'high',
    confidence: 0.66,
    priority: 60,
    needs: ['watchdog exception'],
    match: /(Watchdog exception - Timeout of [\d.]{1,12} seconds occur{1,2}ed[^\n]{0,20})/,
    title: 'The leaderboard watchdog found the run stalled',
    hypothesis:
      "The evaluation's watchdog fired because no simulation tick or agent step completed within its timeout: the simulator or the agent stalled (a hung server, an agent stuck in a long computation or a deadlock), so the route was stopped.",
    fix: "Find which side stalled — the simulator server (its log, GPU) or the agent's step (time each call) — and fix it; raise the watchdog timeout only if the step is legitimately slow.",
    actions: ["Time the agent's run_step calls", 'Check the simulator server was still ticking at that moment'],
  },
  {
    id: 'sim.api_version_drift',
    // A simulator or gym library called with an argument its installed version no longer takes,
    // or asked for a member its build does not have: code written for another version of the
    // library (rule 5 of the labelling guidance: version_conflict). Read only in a record that
    // names such a library. Labelled cases: habitat (ObjectGoalNavEpisode), metaworld
    // (MujocoEnv.render offscreen), gym (EnvSpec tags), mujoco (mjtEnableBit) — four sources.
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.7,
    priority: 90,
    needs: ['unexpected keyword argument', 'has no attribute'],
    match:
      /([\w.]{0,80}\(\) got an unexpected keyword argument '\w{1,60}'|(?:type object|module) '(?:gym|gymnasium|mujoco|mujoco_py|dm_control|metaworld|robosuite|habitat_sim|habitat|pybullet|isaacgym|genesis|sapien|mani_skill|carla|roboschool|rlbench|pyrep|libero)(?:\.[\w.]{1,80})?' has no attribute '\w{1,80}')/,
    also: /\b(?:gym|gymnasium|mujoco|mujoco_py|dm_control|metaworld|robosuite|habitat(?:_sim|_lab|_baselines)?|pybullet|isaacgym|isaaclab|omni\.isaac|genesis|sapien|mani_skill|carla|airsim|roboschool|rlbench|pyrep|libero)\b/i,
    title: 'Simulator library version does not match the code ($1)',
    hypothesis:
      'The code calls a simulator or gym API with an argument or member that the installed version of the library does not have: it was written for an older or newer release (a renamed keyword, a removed attribute, a changed registration API).',
    fix: "Install the library version the project pins (its requirements or README), or port the call to the installed version's API.",
    actions: [
      'Compare the installed version (pip show) with the one the project requires',
      "Read the library's changelog for the renamed or removed argument",
    ],
  },
];
