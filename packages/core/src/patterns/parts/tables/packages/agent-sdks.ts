/**
 * Package messages of LLM provider SDKs and agent frameworks beyond ml-agents.ts: OpenAI, Anthropic, Google, Bedrock, Ollama, llama.cpp, LiteLLM, LlamaIndex, CrewAI, AutoGen, MCP SDKs, vector stores: each entry is a message as the package's source prints it (its format
 * string, variable parts written `{}`), the package named, mapped to its taxonomy pair.
 * Data only: read by parts/messages.ts; sources are the packages' own code and documentation.
 *
 * Read from the packages' own source (snapshot commits; each section names its package): none yet.
 */
import type { PackageMessage } from '../../table.js';

export const AGENT_SDKS: readonly PackageMessage[] = [];
