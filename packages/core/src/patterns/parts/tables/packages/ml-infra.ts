/**
 * Package messages of ML training and serving infrastructure beyond ml-agents.ts: DeepSpeed, accelerate, Lightning, Ray, NCCL, JAX/XLA, TensorRT, onnxruntime, bitsandbytes, CUDA runtime, container GPU runtimes, Slurm, pip: each entry is a message as the package's source prints it (its format
 * string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read from the packages' own source (snapshot commits; each section names its package): none yet.
 */
import type { PackageMessage } from '../../table.js';

export const ML_INFRA: readonly PackageMessage[] = [];
