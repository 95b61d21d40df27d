/**
 * CUDA driver/runtime errors (CUDA Runtime API, "Data types": cudaError; Driver API: CUresult)
 * and NCCL results (nccl.h: ncclResult_t), mapped to the taxonomy.
 */
import { m, type PartTable } from '../table.js';

export const CUDA_ERRORS: PartTable = {
  CUDA_ERROR_OUT_OF_MEMORY: m('resource_error/gpu_oom', 'CUDA out of memory', 1),
  cudaErrorMemoryAllocation: m('resource_error/gpu_oom', 'CUDA out of memory', 1),
  CUBLAS_STATUS_ALLOC_FAILED: m('resource_error/gpu_oom', 'cuBLAS could not allocate GPU memory', 0.9),
  CUDNN_STATUS_ALLOC_FAILED: m('resource_error/gpu_oom', 'cuDNN could not allocate GPU memory', 0.9),
  CUDA_ERROR_INSUFFICIENT_DRIVER: m('import_error/version_conflict', 'CUDA driver older than the runtime', 1),
  cudaErrorInsufficientDriver: m('import_error/version_conflict', 'CUDA driver older than the runtime', 1),
  CUDA_ERROR_NO_BINARY_FOR_GPU: m('import_error/version_conflict', 'No kernel image for this GPU', 1),
  cudaErrorNoKernelImageForDevice: m('import_error/version_conflict', 'No kernel image for this GPU', 1),
  CUDA_ERROR_LAUNCH_TIMEOUT: m('timeout/hang_or_deadlock', 'CUDA kernel ran past the watchdog', 0.8),
  // A kernel's out-of-bounds access: a crash of native code, rule 6 (labels unhandled_exception 5, none other).
  CUDA_ERROR_ILLEGAL_ADDRESS: m('runtime_error/unhandled_exception', 'Illegal memory access on the GPU', 0.6),
  cudaErrorIllegalAddress: m('runtime_error/unhandled_exception', 'Illegal memory access on the GPU', 0.6),
  CUDA_ERROR_ASSERT: m('runtime_error/index_error', 'Device-side assert (usually an index out of range)', 0.6),
  cudaErrorAssert: m('runtime_error/index_error', 'Device-side assert (usually an index out of range)', 0.6),
};

export const NCCL_ERRORS: PartTable = {
  ncclSystemError: m('network_error/connection_reset', 'NCCL system error (a peer or the network failed)', 0.6),
  ncclRemoteError: m('network_error/connection_reset', 'NCCL remote error (a peer failed)', 0.7),
  ncclInvalidUsage: m('config_error/invalid_config', 'NCCL invalid usage', 0.7),
  ncclInvalidArgument: m('validation_error/invalid_argument', 'NCCL invalid argument', 0.6),
  ncclUnhandledCudaError: m('runtime_error/unhandled_exception', 'NCCL met a CUDA error', 0.5),
};
