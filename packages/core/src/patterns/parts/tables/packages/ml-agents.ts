/**
 * Package messages of LLM/agent frameworks and ML infrastructure: LangChain/LangGraph, LlamaIndex, CrewAI, AutoGen, MCP SDKs, vLLM/TGI/Ollama, transformers/datasets/accelerate/DeepSpeed, torch.distributed, Ray, Kubernetes, Docker: each entry is a message as the package's source prints it (its
 * format string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 */
import type { PackageMessage } from '../../table.js';

export const ML_AGENTS: readonly PackageMessage[] = [];
