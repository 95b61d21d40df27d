/**
 * Package messages of ML training and serving infrastructure (tables/packages/ml-infra.ts): a line
 * as the package prints it, values filled in, is named by the package's own message where no
 * pattern of the library reads it. Every positive text below read as something else (unknown, a
 * bare RuntimeError, or another package's guess) before the table; the controls are near texts
 * that are not the message.
 */
import t from 'tap';
import { packageMatcher, piecesOf } from '../src/patterns/parts/messages.js';
import type { PackageMessage } from '../src/patterns/parts/table.js';
import { ML_INFRA } from '../src/patterns/parts/tables/packages/ml-infra.js';
import { symptomYields } from '../src/patterns/yields.js';
import { familyByPackage } from './patterns-read.js';

familyByPackage(
  'NCCL: its own WARN lines',
  [
    [
      'gpu-node-3:41522:41890 [2] misc/socket.cc:58 NCCL WARN socketProgress: Connection closed by remote peer gpu-node-4<51230>',
      'network_error/connection_reset',
    ],
    [
      'node1:1234:1290 [0] transport/net_ib.cc:1295 NCCL WARN NET/IB : Got completion from peer 10.0.0.12<45211> with error 12, opcode 32687, len 0, vendor err 129 (Recv) localGid ::ffff:10.0.0.11 remoteGidsfe80::1',
      'network_error/connection_reset',
    ],
    [
      'trainer-0:88:88 [0] include/shm.h:28 NCCL WARN Error while creating shared memory segment /dev/shm/nccl-vzIpS6 (size 9637888)',
      'resource_error/disk_full',
    ],
    [
      'host:1:1 [0] init.cc:1043 NCCL WARN Mismatched NCCL version detected : rank 0 version 22105 rank 3 version 21805',
      'import_error/version_conflict',
    ],
    [
      'host:77:77 [0] bootstrap.cc:577 NCCL WARN no device found matching eth9, verify NCCL_OOB_NET_IFNAME',
      'config_error/invalid_config',
    ],
  ],
  [
    ['host:77:77 [0] NCCL INFO NET/Socket : Using [0]eth0:10.0.0.5<0>', 'unknown/unknown'],
    ['socketprogress: connection closed by remote peer (lower case, not NCCL)', '!network_error/connection_reset'],
  ],
);

familyByPackage(
  'CUDA runtime errors as PyTorch reports them, and the NVIDIA container runtime',
  [
    ['RuntimeError: CUDA error: invalid device ordinal', 'config_error/invalid_config'],
    [
      'RuntimeError: CUDA error: system has unsupported display driver / cuda driver combination',
      'import_error/version_conflict',
    ],
    [
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running hook #0: error running hook: exit status 1, stdout: , stderr: Auto-detected mode as legacy\nnvidia-container-cli: mount error: failed to add device rules: unable to find any existing device filters attached to the cgroup: bpf_prog_query(BPF_CGROUP_DEVICE) failed: operation not permitted: unknown.',
      'config_error/invalid_config',
    ],
    [
      'Error: crun: unresolvable CDI devices nvidia.com/gpu=all: OCI runtime attempted to invoke a command that was not found',
      'config_error/invalid_config',
    ],
  ],
  [
    ['INFO: CUDA device ordinal 0 selected', 'unknown/unknown'],
    ['nvidia-container-cli: mounted /usr/lib/libcuda.so.1 (info)', '!config_error/invalid_config'],
  ],
);

familyByPackage(
  'Slurm: slurmstepd, srun, sbatch',
  [
    [
      'sbatch: error: Batch job submission failed: Requested time limit is invalid (missing or exceeds some limit)',
      'config_error/invalid_config',
    ],
    ['srun: error: Unable to contact slurm controller (connect failure)', 'network_error/connection_refused'],
    [
      'slurmstepd: error: Detected 1 oom_kill event in StepId=4412.batch. Some of the step tasks have been OOM Killed.',
      'resource_error/host_oom',
    ],
    ['sbatch: error: Batch job submission failed: Requested node configuration is not available', 'config_error/invalid_config'],
    [
      'srun: error: Unable to allocate resources: Invalid account or account/partition combination specified',
      'auth_error/permission_denied',
    ],
    ['sbatch: error: Batch script contains DOS line breaks (\\r\\n)', 'config_error/invalid_config'],
  ],
  [
    ['srun: job 4412 queued and waiting for resources', '!config_error/invalid_config'],
    ['sbatch: Submitted batch job 4412 (requested node configuration: 2 GPUs)', '!config_error/invalid_config'],
  ],
);

familyByPackage(
  'PyTorch core: ATen checks, autograd, serialization, extensions',
  [
    [
      'RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.cuda.FloatTensor [64]] is at version 3; expected version 2 instead.',
      'runtime_error/value_error',
    ],
    ['RuntimeError: expected scalar type Float but found Half', 'runtime_error/type_error'],
    [
      'RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed).',
      'runtime_error/value_error',
    ],
    [
      'RuntimeError: The detected CUDA version (12.1) mismatches the version that was used to compile PyTorch (11.8). Please make sure to use the same CUDA versions.',
      'import_error/version_conflict',
    ],
    ['RuntimeError: Ninja is required to load C++ extensions (pip install ninja to get it)', 'import_error/module_not_found'],
    [
      'RuntimeError: Found Tesla P100-PCIE-16GB which is too old to be supported by the triton GPU compiler, which is used as the backend. Triton only supports devices of CUDA Capability >= 7.0, but your device is of CUDA capability 6.0',
      'import_error/version_conflict',
    ],
  ],
  [
    ['INFO loading checkpoint: central directory found, 412 entries', 'unknown/unknown'],
    ['note: variables modified in place are tracked by version counters', 'unknown/unknown'],
  ],
);

familyByPackage(
  'pip and Docker GPU requests: what the brief names',
  [
    [
      'ERROR: Could not find a version that satisfies the requirement torch==1.13.1 (from versions: none)\nERROR: No matching distribution found for torch==1.13.1',
      'import_error/module_not_found',
    ],
    [
      'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].',
      'config_error/invalid_config',
    ],
  ],
  [['Successfully installed torch-2.4.0 (from versions: 2.3.0, 2.4.0)', 'unknown/unknown']],
);

familyByPackage(
  'Training frameworks: Lightning, DeepSpeed, accelerate, JAX, safetensors, flash-attn, wandb',
  [
    [
      "RuntimeError: `Trainer(strategy='ddp')` is not compatible with an interactive environment. Run your code as a script, or choose a notebook-compatible strategy: `Trainer(strategy='ddp_notebook')`.",
      'config_error/invalid_config',
    ],
    ['RuntimeError: Unable to JIT load the fused_adam op due to ninja not being installed.', 'import_error/module_not_found'],
    ["ValueError: Invalid mixed precision: fp32. Must be one of ['no', 'fp16', 'bf16', 'fp8']", 'config_error/invalid_config'],
    [
      'RuntimeError: jaxlib is version 0.4.20, but this version of jax requires version >= 0.4.27.',
      'import_error/version_conflict',
    ],
    ['safetensors_rust.SafetensorError: Error while deserializing header: MetadataIncompleteBuffer', 'data_error/corrupt_input'],
    ['RuntimeError: FlashAttention only supports Ampere GPUs or newer.', 'import_error/version_conflict'],
    ['wandb.errors.errors.UsageError: You must call wandb.init() before wandb.log()', 'config_error/invalid_config'],
  ],
  [
    ['INFO: Trainer(strategy=ddp_notebook) selected for an interactive environment', 'unknown/unknown'],
    ['wandb: Currently logged in as: someone. Use `wandb login --relogin` to force relogin', 'unknown/unknown'],
  ],
);

familyByPackage(
  'Runtimes and serving: TensorFlow, onnxruntime, Triton, SGLang, MLflow',
  [
    [
      '2020-08-24 11:08:28.568905: W tensorflow/core/common_runtime/gpu/gpu_device.cc:1753] Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above are installed properly if you would like to use GPU.',
      'import_error/missing_native_lib',
    ],
    [
      'E0430 22:32:43.417007 2493694 cuda_dnn.cc:454] Loaded runtime CuDNN library: 9.1.0 but source was compiled with: 9.8.0. CuDNN library needs to have matching major version and equal or higher minor version.',
      'import_error/version_conflict',
    ],
    [
      "ValueError: Required inputs (['attention_mask']) are missing from input feed (['input_ids']).",
      'validation_error/invalid_argument',
    ],
    [
      'triton.runtime.errors.OutOfResources: out of resource: shared memory, Required: 131072, Hardware limit: 101376. Reducing block sizes or `num_stages` may help.',
      'config_error/invalid_config',
    ],
    [
      'RuntimeError: Not enough memory. Please try to increase --mem-fraction-static. Current value: mem_fraction_static=0.5',
      'resource_error/gpu_oom',
    ],
    [
      "mlflow.exceptions.MlflowException: Changing param values is not allowed. Param with key='lr' was already logged with value='0.01' for run ID='abc'. Attempted logging new value '0.02'.",
      'validation_error/forbidden_operation',
    ],
  ],
  [
    [
      '2024-05-01 12:00:00.000: I tensorflow/core/platform/cpu_feature_guard.cc:182] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.',
      'unknown/unknown',
    ],
    ['INFO mlflow.tracking: logged param lr=0.01 (param values are not changed once logged)', 'unknown/unknown'],
  ],
);

familyByPackage(
  "Hugging Face evaluate: a module neither local nor on the Hub (its FileNotFoundError's own words)",
  [
    [
      'AlgorithmError: ExecuteUserScriptError: ExitCode 1 ErrorMessage "raise FileNotFoundError( FileNotFoundError: Couldn\'t find a module script at /opt/ml/code/accuracy/accuracy.py. Module \'accuracy\' doesn\'t exist on the Hugging Face Hub either." Command "/opt/conda/bin/python3.10 train.py", exit code: 1',
      'import_error/module_not_found',
    ],
    [
      'Traceback (most recent call last):\n  File "eval.py", line 3, in <module>\n    metric = evaluate.load("seqeval")\nFileNotFoundError: Couldn\'t find a module script at /home/u/proj/seqeval/seqeval.py. Module \'seqeval\' doesn\'t exist on the Hugging Face Hub either.',
      'import_error/module_not_found',
    ],
  ],
  [
    // evaluate's local-path form: a script path that does not exist (no Hub clause).
    ["FileNotFoundError: Couldn't find a module script at /home/u/metrics/my_metric.py.", '!import_error/module_not_found'],
  ],
);

const SM_TOP_LEVEL =
  "sagemaker.remote_function.errors.DeserializationError: Error when deserializing bytes downloaded from s3://bkt/job/function/payload.pkl: ModuleNotFoundError(\"No module named 'my_utils'\"). NOTE: this may be caused by inconsistent sagemaker python sdk versions where remote function runs versus the one used on client side. If the sagemaker versions do not match, a warning message would be logged starting with 'Inconsistent sagemaker versions found'. Please check it to validate.";
familyByPackage(
  'SageMaker remote function: a payload that does not deserialize where the function runs',
  [
    [
      "Failure reason\nAlgorithmError: DeserializationError('Error when deserializing bytes downloaded from s3://sagemaker-us-east-1-123456789012/train-job-2025-02-28-12-16-56-322/function/payload.pkl: ModuleNotFoundError(\"No module named \\'torch.accelerator\\'\"). NOTE: this may be caused by inconsistent sagemaker python sdk versions where remote function runs versus the one used on client side. If the sagemaker versions do not match",
      'import_error/version_conflict',
    ],
    [
      "sagemaker.remote_function.errors.DeserializationError: Error when deserializing bytes downloaded from s3://bucket/job/results/results.pkl: AttributeError(\"Can't get attribute 'Model' on <module '__main__'>\"). NOTE: this may be caused by inconsistent sagemaker python sdk versions where remote function runs versus the one used on client side. If the sagemaker versions do not match, a warning message would be logged starting with 'Inconsistent sagemaker versions found'. Please check it to validate.",
      'import_error/version_conflict',
    ],
  ],
  [
    // The SDK's message whose inner failure is a missing top-level module (the user's own module not shipped to the
    // job): the NOTE is the SDK's hedge on every unpickling failure, the module missing answers (review 20 F4).
    [SM_TOP_LEVEL, 'import_error/module_not_found'],
    // The SDK's words, without its NOTE: not the SDK's message.
    ['ERROR worker: Error when deserializing bytes downloaded from the cache: EOFError()', '!import_error/version_conflict'],
  ],
);

t.test(
  'the evaluate and sagemaker controls hold a fixed piece of their entry (they reach it) and are not its message',
  async (t) => {
    const entry = (pkg: string) => ML_INFRA.find((e) => e.pkg === pkg) as PackageMessage;
    const controls: [string, string][] = [
      ['evaluate', "FileNotFoundError: Couldn't find a module script at /home/u/metrics/my_metric.py."],
      ['sagemaker', 'ERROR worker: Error when deserializing bytes downloaded from the cache: EOFError()'],
    ];
    for (const [pkg, text] of controls) {
      // A distinctive piece (not the ": " or ". " between holes) is in the control.
      const pieces = piecesOf(entry(pkg).says).filter((p) => p.trim().length >= 12);
      t.ok(
        pieces.some((p) => text.includes(p)),
        `${pkg} control reaches: ${text.slice(0, 60)}`,
      );
      t.equal(
        packageMatcher([{ text }])(text).filter((m) => m.pkg === pkg).length,
        0,
        `${pkg} message not matched: ${text.slice(0, 60)}`,
      );
    }
    // The SDK's whole message over a missing top-level module: the entry matches it (every piece, in order), and the
    // symptom step (yields.ts) keeps it from being read: the module missing is named in its own message.
    const sm = entry('sagemaker');
    const smYields = (text: string) =>
      Boolean(sm.meaning.yieldsTo && symptomYields(sm.meaning.yieldsTo, { headline: '', telling: [], body: text }));
    t.ok(
      packageMatcher([{ text: SM_TOP_LEVEL }])(SM_TOP_LEVEL).some((m) => m.pkg === 'sagemaker'),
      'the sagemaker entry matches the top-level control',
    );
    t.ok(smYields(SM_TOP_LEVEL), 'the step reads the top-level control');
    t.notOk(
      smYields(
        'Error when deserializing bytes downloaded from s3://b/p.pkl: ModuleNotFoundError("No module named \\\'torch.accelerator\\\'"). NOTE: this may be caused by inconsistent sagemaker python sdk versions where remote function runs versus the one used on client side.',
      ),
      'the step does not read a dotted submodule (the tuned case)',
    );
  },
);
