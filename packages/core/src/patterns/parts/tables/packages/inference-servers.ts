/**
 * Package messages of model-serving and distributed-compute stacks: llama.cpp and its bindings, inference servers, Ray, GPU kernels' builds. Each entry is a message as the package's source prints it (its format string, variable
 * parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const INFERENCE_SERVERS: readonly PackageMessage[] = [];
