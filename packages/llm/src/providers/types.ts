/** The one request shape every provider adapter takes and the one response shape it gives back. */

export type ProviderName = 'openai' | 'anthropic' | 'gemini';

export type JsonSchema = Record<string, unknown>;

export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
}

export interface ProviderRequest {
  model: string;
  system: string;
  user: string;
  /** JSON Schema of a structured answer; absent for a plain-text answer. */
  schema?: JsonSchema;
  /** Name of the structured answer (OpenAI's json_schema name, Anthropic's tool name). */
  schemaName?: string;
  maxOutputTokens: number;
  /** Sent only when set (some reasoning models refuse anything but their default). */
  temperature?: number;
}

export interface ProviderResponse {
  /** The HTTP status of the reply. */
  status: number;
  /** True for a 2xx reply. */
  ok: boolean;
  /** The raw text of the answer (a JSON document for a structured answer); absent when the reply held none. */
  text?: string;
  usage?: TokenUsage;
  /** The Retry-After header of a failed reply, as sent (seconds or an HTTP date). */
  retryAfter?: string;
  /** Why there is no answer: the provider's error message, a refusal, a block (short and redacted). */
  error?: string;
  /** The answer was cut at the output-token limit. */
  truncated?: boolean;
}

export interface Provider {
  readonly name: ProviderName;
  call(req: ProviderRequest, signal: AbortSignal): Promise<ProviderResponse>;
}

export interface ProviderOptions {
  apiKey?: string;
  baseUrl?: string;
  /**
   * openai only: the field carrying `maxOutputTokens`. Default `max_completion_tokens` for
   * api.openai.com (newer models refuse `max_tokens`), `max_tokens` for any other server
   * (Ollama, llama.cpp and older vLLM know only that one).
   */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
}
