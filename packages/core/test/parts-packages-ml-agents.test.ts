/**
 * Package messages of LLM/agent frameworks and ML infrastructure (tables/packages/ml-agents.ts):
 * a line as the package prints it, values filled in, is named by the package's own message where
 * no pattern of the library reads it. Every positive text below read as something else (most as
 * unknown, a bare RuntimeError or the second opinion's guess) before the table; the controls are
 * near texts that are not the message.
 */
import { familyByPackage } from './patterns-read.js';

familyByPackage(
  'agent frameworks: LangChain, LangGraph, CrewAI, smolagents, AutoGen, pydantic-ai, MCP',
  [
    [
      `[chain/error] [chain:RunnableSequence] [2ms] Chain run errored with error: "Missing some input keys: {'context'}"`,
      'validation_error/invalid_argument',
    ],
    [
      "At key 'messages': Can receive only one value per step. Use an Annotated key to handle multiple values.",
      'config_error/invalid_config',
    ],
    ['Error: the Action Input is not a valid key, value dictionary.', 'tool_error/invalid_tool_args'],
    [
      'Error in code parsing:\nYour code snippet is invalid, because the regex pattern ```(?:py|python)?\\s*\\n(.*?)\\n``` was not found in it.',
      'output_parse_error/schema_mismatch_output',
    ],
    ["stop_reason='Maximal number of messages 10 reached, current message count: 10'", 'agent_loop/max_iterations'],
    [
      'pydantic_ai.exceptions.UsageLimitExceeded: Exceeded the total_tokens_limit of 1000 (total_tokens=1204)',
      'resource_error/quota_exceeded',
    ],
    [
      'Output validation error: Invalid structured content for tool get_forecast: data/temp must be number',
      'validation_error/schema_violation',
    ],
  ],
  [
    // The same words in another case or order are not the package printing them.
    ["stop_reason='maximal number of messages reached'", '!agent_loop/max_iterations'],
    ['the action input is valid; a key, value dictionary was passed', '!tool_error/invalid_tool_args'],
    ['INFO  graph step 3: every key can receive only one value per step by default', '!config_error/invalid_config'],
  ],
);

familyByPackage(
  'LLM serving: LiteLLM, vLLM, TGI, Ollama',
  [
    [
      '{"error": {"message": "Authentication Error, Invalid proxy server token passed. valid_token=None.", "type": "auth_error"}}',
      'auth_error/invalid_credentials',
    ],
    [
      '(EngineCore pid=77) Total number of attention heads (28) must be divisible by tensor parallel size (8).',
      'config_error/invalid_config',
    ],
    [
      "ERROR 05-01 10:00:00 engine.py:120 Model architectures ['Qwen3NextForCausalLM'] are not supported for now. Supported architectures: dict_keys(['LlamaForCausalLM'])",
      'import_error/version_conflict',
    ],
    [
      'RuntimeError: Not enough memory to handle 4096 prefill tokens. You need to decrease `--max-batch-prefill-tokens`',
      'resource_error/gpu_oom',
    ],
    ['Error: timed out waiting for llama runner to start - progress 0.00 - ', 'timeout/deadline_exceeded'],
  ],
  [
    ['INFO 05-01 10:00:00 [kv_cache_utils.py:1169] Maximum concurrency for 8192 tokens per request: 3.2x', 'unknown/unknown'],
    ['INFO llama runner started in 2.41 seconds', 'unknown/unknown'],
  ],
);

familyByPackage(
  'Hugging Face, DeepSpeed and PyTorch distributed',
  [
    ['OSError: You are trying to access a gated repo.', 'auth_error/permission_denied'],
    ['RuntimeError: Dataset scripts are no longer supported, but found imdb.py', 'import_error/version_conflict'],
    [
      "You can't train a model that has been loaded in 8-bit or 4-bit precision on a different device than the one you're training on.",
      'config_error/invalid_config',
    ],
    [
      "2024-01-01 10:00:00 ERROR train.py: Target modules {'query_key_value'} not found in the base model. Please check the target modules and try again.",
      'config_error/invalid_config',
    ],
    [
      'deepspeed.ops.op_builder.builder.CUDAMismatchException: >- DeepSpeed Op Builder: Installed CUDA version 12.1 does not match the version torch was compiled with 11.8, unable to compile cuda/cpp extensions without a matching cuda version.',
      'import_error/version_conflict',
    ],
    [
      'RuntimeError: Timed out initializing process group in store based barrier on rank: 3, for key: store_based_barrier_key:1 (world_size=8, worker_count=4, timeout=0:30:00)',
      'timeout/deadline_exceeded',
    ],
    [
      'RuntimeError: Default process group has not been initialized, please make sure to call init_process_group.',
      'config_error/invalid_config',
    ],
    [
      'RuntimeError: Expected to have finished reduction in the prior iteration before starting a new one. This error indicates that your module has parameters that were not used in producing loss.',
      'config_error/invalid_config',
    ],
  ],
  [
    // DeepSpeed prints the CUDA mismatch without failing when the versions are API-compatible.
    [
      'Installed CUDA version 12.2 does not match the version torch was compiled with 12.1 but since the APIs are compatible, accepting this combination',
      '!timeout/deadline_exceeded',
    ],
    ['INFO accelerate: process group initialized on rank 3', 'unknown/unknown'],
  ],
);

familyByPackage(
  'Ray, Kubernetes, Docker',
  [
    [
      'The node with node id: 5ad7 has been marked dead because the detector has missed too many heartbeats from it. This can happen when a (1) raylet crashes unexpectedly (OOM, preempted node, etc.)',
      'timeout/deadline_exceeded',
    ],
    [
      'ConnectionError: Could not find any running Ray instance. Please specify the one to connect to by setting `--address` flag or `RAY_ADDRESS` environment variable.',
      'config_error/invalid_config',
    ],
    [
      'Warning  Evicted  kubelet  Pod ephemeral local storage usage exceeds the total limit of containers 2Gi.',
      'resource_error/disk_full',
    ],
    [
      "Warning  FailedScheduling  default-scheduler  0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available",
      'config_error/invalid_config',
    ],
    ['error: You must be logged in to the server (Unauthorized)', 'auth_error/invalid_credentials'],
    [
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      'network_error/connection_refused',
    ],
    [
      'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].',
      'config_error/invalid_config',
    ],
    [
      'docker: Error response from daemon: could not select device driver "nvidia" with capabilities: [[gpu]].',
      'config_error/invalid_config',
    ],
    [
      'ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref abc::xyz: "/requirements.txt": not found',
      'config_error/file_not_found',
    ],
  ],
  [
    ['Normal  Scheduled  default-scheduler  Successfully assigned ml/train-0 to node-3', 'unknown/unknown'],
    ['INFO: connected to the Docker daemon at unix:///var/run/docker.sock', 'unknown/unknown'],
  ],
);

familyByPackage(
  'pip, uv, conda',
  [
    [
      'ERROR: Could not find a version that satisfies the requirement torch==1.8.0 (from versions: 2.2.0, 2.2.1)',
      'import_error/version_conflict',
    ],
    ["ERROR: Package 'numpy' requires a different Python: 3.8.10 not in '>=3.9'", 'import_error/version_conflict'],
    [
      'ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE. If you have updated the package versions, please update the hashes.',
      'data_error/corrupt_input',
    ],
    ['error: externally-managed-environment\n× This environment is externally managed', 'config_error/invalid_config'],
    ['  × No solution found when resolving dependencies:', 'import_error/version_conflict'],
    [
      'error: No interpreter found for Python >=3.13 in virtual environments, managed installations, or search path',
      'config_error/invalid_config',
    ],
    [
      'UnsatisfiableError: The following specifications were found to be incompatible with each other:',
      'import_error/version_conflict',
    ],
  ],
  [
    ['Successfully installed numpy-2.1.0 torch-2.4.0', 'unknown/unknown'],
    ['Resolved 42 packages in 310ms', 'unknown/unknown'],
  ],
);

familyByPackage(
  'second batch: Ray object store and GCS, Hugging Face downloads, Kubernetes, Docker and the NVIDIA runtime, conda, uv, pip',
  [
    [
      'ray.exceptions.ObjectStoreFullError: Failed to put object ffff in object store because it is full. Object size is 2.1 GiB.\nThe local object store is full of objects that are still in scope and cannot be evicted. Tip: Use the `ray memory` command to list active objects in the cluster.',
      'resource_error/host_oom',
    ],
    [
      '2024-01-01 ERROR -- Failed to connect to GCS. Please check if the GCS server is running and the address is correct: 10.0.0.1:6379',
      'network_error/connection_refused',
    ],
    ['OSError: Error no file named model.safetensors found in directory ./out/checkpoint-500.', 'config_error/file_not_found'],
    [
      'OSError: Consistency check failed: file should be of size 4976698672 but has size 1048576 (model-00001-of-00002.safetensors).',
      'data_error/corrupt_input',
    ],
    [
      'Warning  Evicted  kubelet  Container trainer exceeded its local ephemeral storage limit "10Gi". ',
      'resource_error/disk_full',
    ],
    ['Warning  Evicted  kubelet  The node had condition: [DiskPressure]. ', 'resource_error/disk_full'],
    [
      'Warning  Failed  kubelet  Error: container has runAsNonRoot and image will run as root (pod: "web_ml(abc)", container: web)',
      'config_error/invalid_config',
    ],
    [
      'error: resource mapping not found for name: "x" namespace: "" from "crd.yaml": no matches for kind "RayCluster" in version "ray.io/v1"',
      'config_error/invalid_config',
    ],
    [
      'error: error validating "pod.yaml": error validating data: ValidationError(Pod.spec.containers[0]): unknown field "resource" in io.k8s.api.core.v1.Container',
      'validation_error/schema_violation',
    ],
    [
      'Error from server (InternalError): error when creating "job.yaml": Internal error occurred: admission webhook "validate.kyverno.svc" denied the request: policy require-labels failed',
      'validation_error/forbidden_operation',
    ],
    ['docker: no matching manifest for linux/arm64/v8 in the manifest list entries.', 'import_error/version_conflict'],
    ['docker: Error response from daemon: unknown or invalid runtime name: nvidia.', 'config_error/invalid_config'],
    [
      'nvidia-container-cli: requirement error: unsatisfied condition: cuda>=12.4, please update your driver to a newer version, or use an earlier cuda container: unknown.',
      'import_error/version_conflict',
    ],
    ['service "api" depends on undefined service "db": invalid compose project', 'config_error/invalid_config'],
    ['EnvironmentLocationNotFound: Not a conda environment: /opt/conda/envs/ml', 'config_error/invalid_config'],
    [
      'CondaToSNonInteractiveError: Terms of Service have not been accepted for the following channels. Please accept or remove them before proceeding:',
      'config_error/invalid_config',
    ],
    ['error    libmamba Could not solve for environment specs', 'import_error/version_conflict'],
    [
      'error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided. To update the lockfile, run `uv lock`.',
      'config_error/invalid_config',
    ],
    ['error: No `pyproject.toml` found in current directory or any parent directory', 'config_error/file_not_found'],
    ["ERROR: Directory '.' is not installable. Neither 'setup.py' nor 'pyproject.toml' found.", 'config_error/file_not_found'],
  ],
  [
    ['INFO  object store: 1.2 GiB of 8 GiB used', 'unknown/unknown'],
    ['Normal  NodeHasNoDiskPressure  kubelet  Node node-3 status is now: NodeHasNoDiskPressure', 'unknown/unknown'],
    ['Status: Downloaded newer image for nvidia/cuda:12.4.1-base-ubuntu22.04', 'unknown/unknown'],
    ['Resolved 12 packages in 40ms; the lockfile at `uv.lock` is up to date', 'unknown/unknown'],
  ],
);

familyByPackage(
  'third batch: wheels for another platform, conda permissions and shell set-up, Ray autoscaler, NVIDIA driver, node status, Helm, Docker CLI',
  [
    [
      'ERROR: torch-2.3.0-cp312-cp312-manylinux1_x86_64.whl is not a supported wheel on this platform.',
      'import_error/version_conflict',
    ],
    [
      '  ╰─▶ Because only torch==2.5.0 is available and torch==2.5.0 has no wheels with a matching platform tag (e.g., `macosx_14_0_arm64`), we can conclude that torch==2.5.0 cannot be used.',
      'import_error/version_conflict',
    ],
    [
      "error: The current Python platform is not compatible with the lockfile's supported environments: `sys_platform == 'linux'`",
      'import_error/version_conflict',
    ],
    ['NotWritableError: The current user does not have write permissions to a required path.', 'auth_error/permission_denied'],
    ["CondaError: Run 'conda init' before 'conda activate'", 'config_error/invalid_config'],
    [
      "Error: No available node types can fulfill resource requests {'GPU': 8.0}*1. Add suitable node types to this cluster to resolve this issue.",
      'resource_error/quota_exceeded',
    ],
    [
      'RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx',
      'import_error/missing_native_lib',
    ],
    ['  Ready   Unknown   NodeStatusUnknown   Kubelet stopped posting node status.', 'timeout/deadline_exceeded'],
    ['Error: INSTALLATION FAILED: cannot re-use a name that is still in use', 'config_error/invalid_config'],
    [
      'docker: error during connect: this error may indicate that the docker daemon is not running: Get "http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.24/containers/json"',
      'network_error/connection_refused',
    ],
    ['docker: invalid reference format.', 'config_error/invalid_config'],
  ],
  [
    ['Successfully installed torch-2.3.0', 'unknown/unknown'],
    ['  Ready   True   KubeletReady   kubelet is posting ready status', 'unknown/unknown'],
    ['Release "train" has been upgraded. Happy Helming!', 'unknown/unknown'],
  ],
);

familyByPackage(
  'fourth batch: vLLM tool calling not enabled, autoscaler and node capacity, image pull policy, buildx, Dockerfile instructions',
  [
    [
      '{"object":"error","message":"\\"auto\\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set","type":"BadRequestError","code":400}',
      'config_error/invalid_config',
    ],
    [
      "Normal  NotTriggerScaleUp  cluster-autoscaler  pod didn't trigger scale-up: 1 max node group size reached",
      'resource_error/quota_exceeded',
    ],
    [
      "Warning  OutOfnvidia.com/gpu  kubelet  Node didn't have enough resource: nvidia.com/gpu, requested: 1, used: 1, capacity: 1",
      'resource_error/quota_exceeded',
    ],
    [
      'Warning  ErrImageNeverPull  kubelet  Container image "trainer:dev" is not present with pull policy of Never',
      'config_error/invalid_config',
    ],
    ['ERROR: Multi-platform build is not supported for the docker driver.', 'config_error/invalid_config'],
    ['ERROR: failed to solve: dockerfile parse error on line 7: unknown instruction: RUNN', 'config_error/invalid_config'],
  ],
  [
    ['Normal  TriggeredScaleUp  cluster-autoscaler  pod triggered scale-up: [{gpu-pool 1->2 (max: 4)}]', 'unknown/unknown'],
    ['INFO 05-01 10:00:00 "auto" tool choice has been enabled', 'unknown/unknown'],
  ],
);
