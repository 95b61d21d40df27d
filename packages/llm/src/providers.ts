/**
 * Provider adapters over plain `fetch` (no SDKs): one request shape in, one response shape out.
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
import { cut, cutWithEllipsis, redact } from '@faultline/core';

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

export const DEFAULT_BASE_URLS: Record<ProviderName, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

export const ANTHROPIC_VERSION = '2023-06-01';
const DEFAULT_SCHEMA_NAME = 'record_failure_pattern';
const MAX_ERROR_CHARS = 300;

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

function baseUrlOf(name: ProviderName, baseUrl: string | undefined): string {
  return (baseUrl || DEFAULT_BASE_URLS[name]).replace(/\/+$/, '');
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function shortError(text: string): string {
  const clean = redact(text).replace(/\s+/g, ' ').trim();
  return cutWithEllipsis(clean, MAX_ERROR_CHARS);
}

/** The message of a provider's error body (`{error: {message}}` everywhere, `{error: "…"}` for Ollama). */
function errorMessageOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isObject(parsed)) {
      const error = parsed.error;
      if (typeof error === 'string') return error;
      if (isObject(error) && typeof error.message === 'string') return error.message;
      if (typeof parsed.message === 'string') return parsed.message;
    }
  } catch {
    // not JSON: the raw text
  }
  return body;
}

/**
 * POSTs a JSON body. A 2xx reply with a JSON body resolves with it; any other reply as the
 * adapter's final response (`done`): its status, Retry-After and error message. Rejects only
 * when no reply came (abort, connection).
 */
async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  signal: AbortSignal,
): Promise<{ status: number; json: unknown; done?: undefined } | { done: ProviderResponse }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
  const text = await res.text();
  if (!res.ok) {
    const retryAfter = res.headers.get('retry-after') ?? undefined;
    return {
      done: {
        status: res.status,
        ok: false,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        error: shortError(`HTTP ${res.status}: ${errorMessageOf(text) || res.statusText}`),
      },
    };
  }
  try {
    return { status: res.status, json: JSON.parse(text) as unknown };
  } catch {
    return { done: { status: res.status, ok: true, error: shortError(`the reply body is not JSON: ${cut(text, 200)}`) } };
  }
}

/** Deep copy of a JSON Schema without the keys `drop` names (at every level). */
function without(schema: unknown, drop: ReadonlySet<string>): unknown {
  if (Array.isArray(schema)) return schema.map((s) => without(s, drop));
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (drop.has(k)) continue;
    // `properties` maps names to schemas: its keys are field names, never keywords.
    out[k] =
      k === 'properties' && isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, without(s, drop)]))
        : without(v, drop);
  }
  return out;
}

const META = new Set(['$schema', '$id', '$comment']);
/** OpenAI strict mode takes no string-length, pattern or format keywords on every model; the client validates them. */
const OPENAI_UNSUPPORTED = new Set([...META, 'minLength', 'maxLength', 'pattern', 'format', 'default', 'examples']);

/**
 * The schema as OpenAI's strict structured outputs want it: every object closed
 * (`additionalProperties: false`) with every property required; keywords strict mode does not
 * take removed (the client checks the full schema on the answer anyway).
 */
export function toOpenAiStrictSchema(schema: JsonSchema): JsonSchema {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] =
        k === 'properties' && isObject(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, close(s)])) : close(v);
    }
    if (isObject(out.properties)) {
      out.additionalProperties = false;
      out.required = Object.keys(out.properties);
    }
    return out;
  };
  return close(without(schema, OPENAI_UNSUPPORTED)) as JsonSchema;
}

/** Tool input schemas take JSON Schema as is; only the meta keywords go. */
export function toAnthropicSchema(schema: JsonSchema): JsonSchema {
  return without(schema, META) as JsonSchema;
}

const GEMINI_KEYWORDS = new Set([
  'type',
  'description',
  'nullable',
  'enum',
  'items',
  'properties',
  'required',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'anyOf',
  'propertyOrdering',
]);

/**
 * The schema in Gemini's OpenAPI 3.0 subset: upper-case types, `nullable` instead of a
 * `null` type, `const` as a one-value enum, string enums only, `propertyOrdering` in the
 * order of the properties, and every other keyword ($schema, $id, additionalProperties,
 * minLength, pattern, format, …) removed.
 */
export function toGeminiSchema(schema: JsonSchema): JsonSchema {
  const convert = (node: unknown): Json => {
    if (!isObject(node)) return {};
    const out: Json = {};
    let type = node.type;
    if (Array.isArray(type)) {
      const types = type.filter((t) => t !== 'null');
      if (types.length < type.length) out.nullable = true;
      type = types[0];
    }
    let values = node.enum;
    if (values === undefined && 'const' in node) values = [node.const];
    if (typeof type !== 'string' && Array.isArray(values)) type = 'string';
    if (typeof type === 'string') out.type = type.toUpperCase();
    for (const [k, v] of Object.entries(node)) {
      if (!GEMINI_KEYWORDS.has(k) || k === 'type' || k === 'enum') continue;
      if (k === 'properties' && isObject(v)) {
        out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s)]));
        if (!Array.isArray(node.propertyOrdering)) out.propertyOrdering = Object.keys(v);
      } else if (k === 'items') out.items = convert(v);
      else if (k === 'anyOf' && Array.isArray(v)) out.anyOf = v.map(convert);
      else out[k] = v;
    }
    if (Array.isArray(values)) out.enum = values.map(String);
    return out;
  };
  return convert(schema);
}

class OpenAiProvider implements Provider {
  readonly name = 'openai' as const;
  private readonly url: string;
  private readonly maxTokensField: 'max_completion_tokens' | 'max_tokens';
  constructor(private readonly options: ProviderOptions) {
    const base = baseUrlOf('openai', options.baseUrl);
    this.url = `${base}/chat/completions`;
    this.maxTokensField =
      options.maxTokensField ?? (new URL(base).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens');
  }

  async call(req: ProviderRequest, signal: AbortSignal): Promise<ProviderResponse> {
    const body: Json = {
      model: req.model,
      messages: [
        { role: 'system', content: req.system },
        { role: 'user', content: req.user },
      ],
      [this.maxTokensField]: req.maxOutputTokens,
    };
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.schema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: req.schemaName ?? DEFAULT_SCHEMA_NAME, strict: true, schema: toOpenAiStrictSchema(req.schema) },
      };
    }
    const headers: Record<string, string> = this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {};
    const reply = await postJson(this.url, headers, body, signal);
    if (reply.done) return reply.done;
    const json = isObject(reply.json) ? reply.json : {};
    const usage = isObject(json.usage)
      ? { input_tokens: num(json.usage.prompt_tokens), output_tokens: num(json.usage.completion_tokens) }
      : undefined;
    const choice = Array.isArray(json.choices) && isObject(json.choices[0]) ? json.choices[0] : undefined;
    const message = choice && isObject(choice.message) ? choice.message : undefined;
    const truncated = choice?.finish_reason === 'length';
    const base: ProviderResponse = {
      status: reply.status,
      ok: true,
      ...(usage ? { usage } : {}),
      ...(truncated ? { truncated } : {}),
    };
    if (typeof message?.refusal === 'string' && message.refusal)
      return { ...base, error: shortError(`refused: ${message.refusal}`) };
    if (typeof message?.content === 'string') return { ...base, text: message.content };
    return { ...base, error: 'the reply has no choices[0].message.content' };
  }
}

class AnthropicProvider implements Provider {
  readonly name = 'anthropic' as const;
  private readonly url: string;
  constructor(private readonly options: ProviderOptions) {
    this.url = `${baseUrlOf('anthropic', options.baseUrl)}/v1/messages`;
  }

  async call(req: ProviderRequest, signal: AbortSignal): Promise<ProviderResponse> {
    const toolName = req.schemaName ?? DEFAULT_SCHEMA_NAME;
    const body: Json = {
      model: req.model,
      max_tokens: req.maxOutputTokens,
      system: req.system,
      messages: [{ role: 'user', content: req.user }],
    };
    if (req.temperature !== undefined) body.temperature = req.temperature;
    if (req.schema) {
      body.tools = [
        {
          name: toolName,
          description: 'Record the structured analysis of the failed run. Call it exactly once.',
          input_schema: toAnthropicSchema(req.schema),
        },
      ];
      body.tool_choice = { type: 'tool', name: toolName };
    }
    const headers: Record<string, string> = { 'anthropic-version': ANTHROPIC_VERSION };
    if (this.options.apiKey) headers['x-api-key'] = this.options.apiKey;
    const reply = await postJson(this.url, headers, body, signal);
    if (reply.done) return reply.done;
    const json = isObject(reply.json) ? reply.json : {};
    const u = isObject(json.usage) ? json.usage : undefined;
    // Cache writes and reads are input tokens too (priced differently; counted here at the input price).
    const usage = u
      ? {
          input_tokens: num(u.input_tokens) + num(u.cache_creation_input_tokens) + num(u.cache_read_input_tokens),
          output_tokens: num(u.output_tokens),
        }
      : undefined;
    const truncated = json.stop_reason === 'max_tokens';
    const base: ProviderResponse = {
      status: reply.status,
      ok: true,
      ...(usage ? { usage } : {}),
      ...(truncated ? { truncated } : {}),
    };
    const blocks = Array.isArray(json.content) ? json.content.filter(isObject) : [];
    if (req.schema) {
      const tool = blocks.find((b) => b.type === 'tool_use' && b.name === toolName);
      if (!tool) return { ...base, error: `the reply has no ${toolName} tool_use block` };
      return { ...base, text: JSON.stringify(tool.input ?? null) };
    }
    const text = blocks
      .filter((b) => b.type === 'text' && typeof b.text === 'string')
      .map((b) => b.text as string)
      .join('');
    return blocks.some((b) => b.type === 'text') ? { ...base, text } : { ...base, error: 'the reply has no text block' };
  }
}

class GeminiProvider implements Provider {
  readonly name = 'gemini' as const;
  private readonly base: string;
  constructor(private readonly options: ProviderOptions) {
    this.base = baseUrlOf('gemini', options.baseUrl);
  }

  async call(req: ProviderRequest, signal: AbortSignal): Promise<ProviderResponse> {
    const model = req.model.replace(/^models\//, '');
    const url = `${this.base}/v1beta/models/${encodeURIComponent(model)}:generateContent`;
    const generationConfig: Json = { maxOutputTokens: req.maxOutputTokens };
    if (req.temperature !== undefined) generationConfig.temperature = req.temperature;
    if (req.schema) {
      generationConfig.responseMimeType = 'application/json';
      generationConfig.responseSchema = toGeminiSchema(req.schema);
    }
    const body = {
      systemInstruction: { parts: [{ text: req.system }] },
      contents: [{ role: 'user', parts: [{ text: req.user }] }],
      generationConfig,
    };
    const headers: Record<string, string> = this.options.apiKey ? { 'x-goog-api-key': this.options.apiKey } : {};
    const reply = await postJson(url, headers, body, signal);
    if (reply.done) return reply.done;
    const json = isObject(reply.json) ? reply.json : {};
    const m = isObject(json.usageMetadata) ? json.usageMetadata : undefined;
    // Thinking tokens are billed as output.
    const usage = m
      ? { input_tokens: num(m.promptTokenCount), output_tokens: num(m.candidatesTokenCount) + num(m.thoughtsTokenCount) }
      : undefined;
    const candidate = Array.isArray(json.candidates) && isObject(json.candidates[0]) ? json.candidates[0] : undefined;
    const truncated = candidate?.finishReason === 'MAX_TOKENS';
    const base: ProviderResponse = {
      status: reply.status,
      ok: true,
      ...(usage ? { usage } : {}),
      ...(truncated ? { truncated } : {}),
    };
    if (!candidate) {
      const feedback = isObject(json.promptFeedback) ? json.promptFeedback : {};
      const block = typeof feedback.blockReason === 'string' ? `: prompt blocked (${feedback.blockReason})` : '';
      return { ...base, error: `the reply has no candidates${block}` };
    }
    const content = isObject(candidate.content) ? candidate.content : {};
    const parts = Array.isArray(content.parts) ? content.parts.filter(isObject) : [];
    const texts = parts.filter((p) => typeof p.text === 'string' && p.thought !== true).map((p) => p.text as string);
    if (texts.length === 0) {
      const reason = typeof candidate.finishReason === 'string' ? ` (finishReason ${candidate.finishReason})` : '';
      return { ...base, error: `the reply's candidate has no text${reason}` };
    }
    return { ...base, text: texts.join('') };
  }
}
