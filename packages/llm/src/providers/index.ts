/**
 * Provider adapters over plain `fetch` (no SDKs): one request shape in, one response shape out,
 * one file per provider.
 *
 * - `openai`: OpenAI-compatible chat completions (OpenAI, Gemini's OpenAI-compatible endpoint,
 *   vLLM, Ollama, llama.cpp server); structured answer through `response_format: json_schema`.
 * - `anthropic`: the Messages API; structured answer through one forced tool whose `input` is the answer.
 * - `gemini`: native `generateContent`; structured answer through `responseSchema` (Gemini's
 *   OpenAPI subset of JSON Schema).
 *
 * An adapter resolves with a `ProviderResponse` for every HTTP reply (a failed one carries its
 * status and Retry-After) and rejects only when no reply came: the signal aborted (a
 * `TimeoutError`/`AbortError`) or the connection failed (undici's `TypeError: fetch failed`
 * with the system error as `cause`). The client classifies both.
 */
import { AnthropicProvider } from './anthropic.js';
import { GeminiProvider } from './gemini.js';
import { OpenAiProvider } from './openai.js';
import type { Provider, ProviderName, ProviderOptions } from './types.js';

export { ANTHROPIC_VERSION, toAnthropicSchema } from './anthropic.js';
export { toGeminiSchema } from './gemini.js';
export { toOpenAiStrictSchema } from './openai.js';
export { DEFAULT_BASE_URLS } from './shared.js';
export type * from './types.js';

export function createProvider(name: ProviderName, options: ProviderOptions = {}): Provider {
  switch (name) {
    case 'openai':
      return new OpenAiProvider(options);
    case 'anthropic':
      return new AnthropicProvider(options);
    case 'gemini':
      return new GeminiProvider(options);
    default:
      throw new Error(`unknown LLM provider ${JSON.stringify(name)}: must be openai, anthropic or gemini`);
  }
}
