/**
 * Infrastructure and provider failures read by their documented names (issue 13, third pass):
 * Kubernetes container and scheduler reasons (ErrImagePull / ImagePullBackOff,
 * CreateContainerConfigError, FailedScheduling "Insufficient …", ResourceQuota "exceeded quota"),
 * the NVIDIA driver older than the CUDA runtime,  and
 * Amazon Bedrock's error codes for a model that failed while processing; the Hugging Face Hub's
 * exception classes for a revision or a dataset that does not exist.
 *
 * Every family pairs the texts it must read (positive) with a near text that must not be read that
 * way (negative control). The examples are written for this test in the wording those tools print;
 * they are not the accuracy cases.
 */
import { familyWithControls } from './patterns-read.js';

familyWithControls(
  'an image the registry does not serve is the pod spec (Kubernetes ErrImagePull, ImagePullBackOff)',
  [
    [
      'Warning  Failed  3s  kubelet  Failed to pull image "registry.example.com/app:v2": rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/app:v2": not found\n  Warning  Failed  3s  kubelet  Error: ErrImagePull',
      'config_error/invalid_config',
    ],
    ['trainer-0   0/1     ImagePullBackOff   0          5m', 'config_error/invalid_config'],
  ],
  [
    // The registry refusing the credentials, or not resolving, is that cause.
    [
      'Warning  Failed  kubelet  Failed to pull image "ghcr.io/org/app:latest": failed to resolve reference "ghcr.io/org/app:latest": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized',
      'auth_error/invalid_credentials',
    ],
    [
      'Warning  Failed  kubelet  Failed to pull image "registry.internal/app:v1": dial tcp: lookup registry.internal on 10.96.0.10:53: no such host',
      'network_error/dns_failure',
    ],
  ],
);

familyWithControls(
  'a Secret or ConfigMap key the pod spec references and the namespace lacks is configuration (CreateContainerConfigError)',
  [
    [
      "Warning  Failed  kubelet  Error: couldn't find key OPENAI_API_KEY in Secret default/llm-keys",
      'config_error/invalid_config',
    ],
    ['trainer-0   0/1     CreateContainerConfigError   0          1m', 'config_error/invalid_config'],
  ],
  [['Error: OPENAI_API_KEY is not set', 'config_error/missing_env_var']],
);

familyWithControls(
  'no node with the requested capacity, or a namespace quota, is a capacity quota (rule 10)',
  [
    [
      'Warning  FailedScheduling  default-scheduler  0/4 nodes are available: 4 Insufficient nvidia.com/gpu. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
      'resource_error/quota_exceeded',
    ],
    [
      'Error from server (Forbidden): pods "trainer-0" is forbidden: exceeded quota: compute-resources, requested: limits.memory=64Gi, used: limits.memory=100Gi, limited: limits.memory=128Gi',
      'resource_error/quota_exceeded',
    ],
  ],
  [
    // RBAC refusing the user is the permission.
    [
      'Error from server (Forbidden): pods is forbidden: User "dev" cannot list resource "pods" in API group "" in the namespace "ml"',
      'auth_error/permission_denied',
    ],
  ],
);

familyWithControls(
  'an NVIDIA driver older than the CUDA runtime is a version conflict (rule 5)',
  [
    [
      'RuntimeError: The NVIDIA driver on your system is too old (found version 11040). Please update your GPU driver',
      'import_error/version_conflict',
    ],
    ['RuntimeError: CUDA error: forward compatibility was attempted on non supported HW', 'import_error/version_conflict'],
  ],
  [['RuntimeError: CUDA error: an illegal memory access was encountered', '!import_error/version_conflict']],
);

familyWithControls(
  "Bedrock's error codes for a model that failed while processing (ModelErrorException, ModelStreamErrorException)",
  [
    [
      'botocore.errorfactory.ModelErrorException: An error occurred (ModelErrorException) when calling the InvokeModel operation: The system encountered an unexpected error during processing. Try your request again.',
      'upstream_error/upstream_5xx',
    ],
    [
      'botocore.errorfactory.ModelStreamErrorException: An error occurred (ModelStreamErrorException) when calling the ConverseStream operation: The model failed to complete the stream.',
      'upstream_error/upstream_5xx',
    ],
  ],
  [
    [
      'botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the InvokeModel operation: Too many requests, please wait before trying again.',
      'rate_limit/provider_rate_limit',
    ],
  ],
);

familyWithControls(
  'a revision or a dataset the Hugging Face Hub does not have is the configuration, like a repository',
  [
    [
      'huggingface_hub.errors.RevisionNotFoundError: 404 Client Error. (Request ID: Root=1-x)\n\nRevision Not Found for url: https://huggingface.co/api/models/org/model/revision/v2.0.',
      'config_error/invalid_config',
    ],
    [
      "datasets.exceptions.DatasetNotFoundError: Dataset 'org/missing-set' doesn't exist on the Hub or cannot be accessed.",
      'config_error/invalid_config',
    ],
  ],
  [
    // A file missing from a repository that exists is the file.
    [
      'huggingface_hub.errors.EntryNotFoundError: 404 Client Error. (Request ID: Root=1-y)\n\nEntry Not Found for url: https://huggingface.co/org/model/resolve/main/tokenizer.json.',
      'config_error/file_not_found',
    ],
  ],
);
