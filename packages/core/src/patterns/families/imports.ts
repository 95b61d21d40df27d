/** Patterns: imports and native libraries. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import { lineOf } from '../resolvers.js';
import type { Pattern } from '../types.js';

/**
 * A missing module whose own line says the installed release is the cause: mcp's "No module named
 * 'mcp.server.fastmcp'. This is mcp 2.x, where FastMCP was renamed", vLLM's "Failed to import Triton
 * kernels. Please make sure your triton version is compatible. Error: No module named …" (agent-15
 * paper-search-mcp, vLLM-Kunlun: version_conflict, both labellers). The "compatible" advice only with a
 * missing SUBMODULE ('triton.language.target_info': the package is installed, its release lacks the module);
 * advice next to a missing top-level package ('flash_attn', 'torch') is a package not installed.
 */
const RELEASE_NAMED =
  /\bThis is [\w.-]{1,40} v?\d{1,3}\.x\b|No module named '?\w{1,60}\.[\w.]{1,120}'?[^\n]{0,300}?(?:make sure (?:your|the) [\w.-]{1,40} version is compatible|\b[\w.-]{1,40} version is (?:not compatible|incompatible)\b)|(?:make sure (?:your|the) [\w.-]{1,40} version is compatible|\b[\w.-]{1,40} version is (?:not compatible|incompatible)\b)[^\n]{0,300}?No module named '?\w{1,60}\.[\w.]{1,120}/i;

/** The Hugging Face training libraries, as import_error's trainer keyword form names them (as code). */
const TRAINER_LIBRARIES = '(?:trl|transformers|peft|accelerate|autotrain|unsloth|sentence_transformers|setfit|diffusers)';

export const IMPORTS: Pattern[] = [
  {
    id: 'import.trainer_kwarg_version',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.75,
    // A Hugging Face trainer or its arguments called with a keyword the installed release renamed or
    // moved (TRL's SFTTrainer 'dataset_text_field' into SFTConfig, 'tokenizer' -> 'processing_class',
    // transformers' Trainer 'processing_class' before 4.46): code written for another release of the
    // library (rule 5, as sim.api_version reads it for simulators). Only in a record naming the
    // libraries: a project's own class of the same name is its own TypeError. Tuned cases with the
    // form: version_conflict 3 of 3, three projects. Above tool.invalid_args (87), which reads a
    // "got an unexpected keyword argument" near tool words.
    priority: 88,
    needs: ['unexpected keyword argument'],
    // Only the libraries' classes (TRL's trainers and their configs, PEFT's LoraConfig), not any class
    // ending in Trainer or Config; a bare Trainer / TrainingArguments (a name many projects give their
    // own class, in logs that name transformers or accelerate anyway: a warning's site-packages path,
    // `pip freeze`, `accelerate launch`'s own traceback) only with a keyword transformers renamed across
    // releases (tokenizer -> processing_class, evaluation_strategy -> eval_strategy, use_auth_token ->
    // token). And only with a library named as code (a path segment, a module path, an import, a pinned
    // or printed version), not as an English word ("accelerate training", "vision transformers").
    match:
      /(\b(?:(?:SFT|DPO|ORPO|KTO|CPO|GRPO|PPO|RLOO|Reward)(?:Trainer|Config)|LoraConfig)\.__init__\(\) got an unexpected keyword argument '\w{1,60}'|\b(?:Seq2Seq)?(?:Trainer|TrainingArguments)\.__init__\(\) got an unexpected keyword argument '(?:processing_class|tokenizer|eval_strategy|evaluation_strategy|use_auth_token|token)')/,
    also: new RegExp(
      `[/\\\\]${TRAINER_LIBRARIES}[/\\\\]|\\b${TRAINER_LIBRARIES}(?:\\.[a-z_]{1,40}[.:]|==|>=|<=|~=| version\\b| ?:? v?\\d{1,3}\\.\\d)|\\b(?:from|import) ${TRAINER_LIBRARIES}\\b`,
    ),
    title: 'The trainer library release does not take this argument ($1)',
    hypothesis:
      'The training code passes an argument that the installed release of the trainer library (TRL, transformers, PEFT) renamed, moved into its config class or removed: it was written for another release.',
    fix: "Install the library release the project pins, or port the call to the installed release's API (its changelog names the renamed or moved argument).",
    actions: [
      'Compare the installed versions (pip show trl transformers) with the ones the project requires',
      "Read the library's release notes for the argument the error names",
    ],
  },
  {
    id: 'import.gpu_arch_mismatch',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.78,
    priority: 80,
    // CUDA error 209 (cudaErrorNoKernelImageForDevice): the binary (a wheel, an extension, a
    // built package) holds no kernels for this GPU's architecture: built for another CUDA or GPU.
    // (The error names cudaErrorNoKernelImageForDevice / CUDA_ERROR_NO_BINARY_FOR_GPU are read by the GPU table.)
    // CUDA error 8's own string (cudaErrorInvalidDeviceFunction: "invalid device function", the kernel not
    // compiled for this device's architecture), as a CUDA error or after caffe's glog check of error 8
    // (robotics-10 autolabor YOLO, robotics-29a OpenPCDet: version_conflict 2 of 2; rule 5).
    match:
      /(no kernel image is available for execution on the device|(?:CUDA (?:error|kernel failed|failure)\s{0,2}:?\s{0,2}|cudaSuccess \(8 vs\. 0\)\s{0,4})invalid device function|\bcudaErrorInvalidDeviceFunction\b)/i,
    needs: ['no kernel image', 'invalid device function', 'cudaerrorinvaliddevicefunction'],
    title: "The binary has no GPU code for this device's architecture",
    hypothesis:
      'A compiled package or extension was built for other GPU architectures (or another CUDA version) than the GPU it runs on, so no kernel can be launched.',
    fix: "Install a build for this GPU's architecture and CUDA version (or rebuild with its compute capability in the architecture list).",
    actions: ["Compare the GPU's compute capability with the architectures the package was built for"],
  },
  {
    id: 'import.native_lib',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.92,
    priority: 87,
    // setuptools on Windows without the compiler: "error: Microsoft Visual C++ 14.0 or greater is
    // required. Get it with "Microsoft C++ Build Tools"" (a native extension cannot be built; tuned
    // cases: two projects, missing_native_lib 2 of 2), also with the line wrapped by a terminal.
    // class_loader's "Could not load library dlopen error: <lib>.so: undefined symbol: …" found the
    // library and could not link it: an undefined symbol is import.version_conflict's (docs/taxonomy.md
    // rule 5; tuned labels of "undefined symbol": version_conflict 27, missing_native_lib 1).
    match:
      /(cannot open shared object file[^\n]{0,60}|(?:lib[\w.+-]{1,80}\.so[\w.]{0,20}): cannot open|Could not load (?:dynamic )?library '?[\w.+-]{1,80}(?![^\n]{0,300}undefined symbol)|DLL load failed[^\n]{0,100}|UnsatisfiedLinkError[^\n]{0,100}|Library not loaded: [^\n]{0,100}|image not found|OSError: [^\n]{0,40}\.so[^\n]{0,40}(?:cannot|not found)|libcudart[^\n]{0,40}not found|error while loading shared libraries: [^\n]{0,100}|Could not locate (?:cudnn|cublas)[^\n]{0,60}|Unable to load (?:any of )?\{?lib[^\n]{0,80}|Microsoft Visual C\+\+ \d{1,2}\.\d(?: or greater)?\s{1,30}is\s{1,30}required[^\n]{0,60})/i,
    title: 'A native library could not be loaded',
    hypothesis:
      'A compiled extension needs a shared library (CUDA, cuDNN, libGL, a system lib) that is not installed or not on the library path.',
    fix: 'Install the missing system library (or the matching CUDA runtime) in the image, or fix LD_LIBRARY_PATH.',
    actions: [
      'Find which package ships the named .so and install it',
      'Match CUDA/cuDNN versions to the installed framework build',
    ],
  },
  {
    id: 'import.version_conflict',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.87,
    priority: 85,
    match:
      /(ImportError: cannot import name [^\n]{0,120}|cannot import name '[\w.]{1,80}' from [^\n]{0,120}|undefined symbol: [^\n]{0,80}|numpy\.core\.multiarray failed to import|(?<![\w.])(?<!Warning: )[\w.]{1,80} size changed, may indicate binary incompatibility[^\n]{0,60}|module compiled against (?:API|ABI) version[^\n]{0,60}|compiled using NumPy 1\.x cannot be run in[^\n]{0,40}|A module that was compiled using NumPy[^\n]{0,80}|(?:Contextual)?VersionConflict[^\n]{0,120}|ResolutionImpossible|requires [\w.-]{1,60}[<>=!~][<>=!~\d.*,]{1,60}, but you have [^\n]{0,60}|NoSuchMethodError[^\n]{0,120}|NoSuchFieldError[^\n]{0,100}|IncompatibleClassChangeError[^\n]{0,100}|UnsupportedClassVersionError[^\n]{0,120}|has been compiled by a more recent version of the Java Runtime|incompatible (?:version|versions)[^\n]{0,80}|version mismatch[^\n]{0,80}|is not compatible with (?:this|the installed)[^\n]{0,60}|ERESOLVE unable to resolve dependency tree|no longer supported in [\w.-]{1,40} ?>= ?\d[\d.]{0,20}[^\n]{0,60}|APIRemovedIn\w{1,20}|No module named '[\w.]{1,80}\._[\w]{1,60}'|The C extension '[^'\n]{1,300}' isn't present|peer dep(?:endency)? conflict[^\n]{0,60}|version [`'‘][\w.+-]{1,40}' not found(?: \(required by [^\n)]{1,200}\))?|The NVIDIA driver on your system is too old[^\n]{0,60}|CUDA driver version is insufficient for CUDA runtime version|forward compatibility was attempted on non supported HW|NVIDIA driver (?:version )?(?:is )?too old[^\n]{0,60})/i,
    title: 'Incompatible package versions',
    hypothesis:
      'Two packages (or a package and its compiled extension) were built for different versions; the installed combination does not fit together.',
    fix: 'Pin compatible versions (lock file), reinstall the extension against the installed framework, or upgrade/downgrade the package named in the error.',
    actions: ['Compare installed versions with the ones the package requires', 'Pin the environment with a lock file'],
  },
  {
    id: 'import.tokenizer_class_missing',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    // transformers naming a tokenizer class its installed release does not have (LlamaTokenizer
    // before 4.28, Qwen2Tokenizer before 4.37): the model was published for a newer release
    // (docs/taxonomy.md rule 5). The same words follow a custom class loaded without
    // trust_remote_code (labelled config_error/invalid_config): medium confidence.
    confidence: 0.6,
    priority: 85,
    match: /(Tokenizer class \w{1,80} does not exist or is not currently imported)/,
    title: 'The installed transformers does not know the tokenizer class the model names ($1)',
    hypothesis:
      "The model's tokenizer_config names a tokenizer class this transformers release does not have: the model was published for a newer release (or its class is custom code loaded only with trust_remote_code=True).",
    fix: 'Upgrade transformers to a release that has the class (the model card gives the minimum), or pass trust_remote_code=True for a model that ships its own tokenizer code.',
    actions: ['Compare the installed transformers version with the one the model card requires'],
  },
  {
    id: 'build.library_api_mismatch',
    // A C++ build whose code calls an installed library's API in a form that library does not have:
    // "no matching function for call to ‘rclcpp::Node::declare_parameter(const char [18])’", its
    // candidates listed from /opt/ros/<distro>/include, "‘class rclcpp::Node’ has no member named".
    // The code was written for another release of the library (ROS 2 distros changed
    // declare_parameter, create_subscription…): rule 5 of docs/taxonomy.md, a version mismatch
    // (labels: version_conflict 3, no other). Only libraries' namespaces, and a candidate in an
    // installed library's headers: a mistake inside the project's own classes is not read.
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.66,
    priority: 62,
    needs: ['no matching function for call to', 'note: candidate', 'has no member named', 'is not a member of'],
    match:
      /(error: no matching function for call to [‘'`](?:rclcpp|rclcpp_action|rclcpp_lifecycle|rclcpp_components|ros|tf2|tf2_ros|image_transport|cv_bridge|pcl|pcl_ros|cv|gazebo|gz|ignition|moveit|moveit_cpp|hardware_interface|controller_interface|realtime_tools|nav2_util|nav2_core|message_filters|octomap|urdf|KDL|pinocchio|sdf|rosbag2_cpp|class_loader|pluginlib)::[^\n]{0,160}|\/opt\/ros\/\w{1,20}\/include\/[^\n]{0,200}: note: (?:candidate|there are \d{1,3} candidates)[^\n]{0,160}|error: [‘'`](?:class |struct )?(?:rclcpp|ros|tf2|tf2_ros|pcl|cv|gazebo|gz|ignition|moveit|hardware_interface|controller_interface)::[\w:<>, ]{1,120}[’'`] has no member named [^\n]{0,60}|error: [‘'`][\w:]{1,80}[’'`] is not a member of [‘'`](?:rclcpp|ros|tf2|tf2_ros|pcl|cv|gazebo|gz|ignition|moveit|hardware_interface|controller_interface)(?:::[\w]{1,60})?[’'`])/,
    title: "The code calls a library's API in a form this version does not have",
    hypothesis:
      "The project's C++ code was written for another release of a library it builds against (a ROS 2 distribution, PCL, OpenCV, Gazebo): a function's signature, a member or a class changed between versions, so the compiler finds no match.",
    fix: "Build the project against the library release it was written for (its branch for this ROS distro), or port the calls to this release's API (the compiler's 'candidate' notes show the signatures available).",
    actions: [
      'Check which ROS distro / library version the project branch targets',
      'Compare the call with the candidate signatures the compiler lists',
    ],
  },
  {
    id: 'import.built_without_cuda',
    // An installed package whose binary was built without GPU kernels, asked to run on the GPU: torch
    // extensions' "Not compiled with CUDA support" (robotics-22 LAV), "This CTranslate2 package was not
    // compiled with CUDA support" (agent-20 ctranslate2), bitsandbytes' "The installed version of
    // bitsandbytes was compiled without GPU support" (agent-20 smollm): a binary with no kernels for this
    // GPU, docs/taxonomy.md rule 5 (version_conflict 4 of 4 with torch's own wording, both labellers).
    // The warning is a cause only when nothing after it names another (classify.ts, Pattern.warning):
    // not when a raised error or a fatal signal follows on a later line that does not repeat the words
    // (bitsandbytes warns on every CPU-only import, above crashes of any cause). IPython's header
    // ("RuntimeError      Traceback (most recent call last)") is no raised line: agent-20 smollm's cut
    // traceback.
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.75,
    priority: 64,
    needs: ['compiled with cuda', 'compiled with gpu', 'compiled without cuda', 'compiled without gpu'],
    match: /(\b(?:not compiled with|compiled without) (?:CUDA|GPU) (?:support|enabled)\b[^\n]{0,60})/i,
    warning: true,
    title: 'The installed build has no GPU kernels',
    hypothesis:
      "The package's installed binary was built without CUDA (a CPU-only wheel, a platform without GPU builds), so the code asking for the GPU cannot run on it.",
    fix: "Install the package's CUDA build matching the installed CUDA and GPU (its GPU wheel or index, or build it from source with CUDA), or run on the CPU.",
    actions: ['Check which build of the package is installed (CPU or CUDA, which CUDA version)', 'Reinstall the CUDA build'],
  },
  {
    id: 'import.module_not_found',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.95,
    priority: 83,
    match:
      /(ModuleNotFoundError: [^\n]{0,120}|No module named [^\n]{0,100}|Error: Cannot find module '[^'\n]{1,120}'|Cannot find (?:module|package) '[^'\n]{1,120}'|ERR_MODULE_NOT_FOUND[^\n]{0,100}|(?:java\.lang\.)?(?:ClassNotFoundException|NoClassDefFoundError)[^\n]{0,120}|no required module provides package [^\n]{0,100}|cannot find package "[^"\n]{1,100}"|package [\w./-]{1,100} is not in (?:GOROOT|std)|could not resolve (?:import|dependency)[^\n]{0,80}|Module not found: (?:Error: )?Can't resolve [^\n]{0,100}|unresolved import [^\n]{0,80}|ImportError: No module named[^\n]{0,100}|[Aa]ttempted relative import (?:in non-package|with no known parent package))/i,
    resolve: (_ctx, site) => (RELEASE_NAMED.test(lineOf(site)) ? { as: 'import.version_conflict' } : null),
    title: 'Missing module or package',
    hypothesis: 'The code imports a module that is not installed in this environment (or not on the path).',
    fix: "Add the package to the environment's dependencies and rebuild the image; check the import name.",
    actions: [
      'Install the package named in the error (or add it to requirements/package.json)',
      'Rebuild the environment from the lock file',
    ],
  },
  {
    id: 'py.attribute_module',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.65,
    priority: 58,
    // Python's message also where a log prints it without the class ("Error while generating
    // response: module 'openai' has no attribute 'error'"), for a top-level package only (tuned
    // cases: two projects, version_conflict 2 of 2); a dotted module without the class is often the
    // project's own ('robomaster.config', beside the timeout that caused it). Without the class, not
    // a project's usual module names (config, settings, utils, app, main, constants, helpers: "module
    // 'config' has no attribute 'OPENAI_API_KEY'" is a setting missing), nor Python's hints that the
    // module is the project's ("partially initialized module" of a circular import, "did you name
    // your file openai.py?", 3.13's "consider renaming").
    match:
      /(AttributeError: (?:partially initialized )?module '[\w.]{1,80}' has no attribute '[\w]{1,80}'[^\n]{0,60}|(?<![\w.'"])(?<!partially initialized )module '(?!(?:config|settings|utils|app|main|constants|helpers)')\w{1,80}' has no attribute '\w{1,80}'(?![^\n]{0,80}(?:did you name your file|circular import|consider renaming))[^\n]{0,60})/,
    title: 'Module lacks an expected attribute (API/version change)',
    hypothesis:
      'The installed version of the module does not have the attribute the code uses, usually because the API changed between versions.',
    fix: 'Pin the package version the code was written for, or update the code to the new API.',
    actions: ["Check the installed version against the code's expectations"],
  },
  {
    id: 'py.import_error',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.7,
    priority: 55,
    match: /\b(ImportError: [^\n]{0,160})/,
    title: 'Import failed',
    hypothesis: 'A module could not be imported.',
    fix: 'Check that the package is installed in this environment at a compatible version.',
    actions: ['Reinstall the package named in the error'],
  },
];
