/**
 * `openai`: OpenAI-compatible chat completions (OpenAI, Gemini's OpenAI-compatible endpoint,
 * vLLM, Ollama, llama.cpp server); structured answer through `response_format: json_schema`.
 */
import { baseUrlOf, DEFAULT_SCHEMA_NAME, isObject, type Json, META, num, postJson, shortError, without } from './shared.js';
import type { JsonSchema, Provider, ProviderOptions, ProviderRequest, ProviderResponse } from './types.js';

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

export class OpenAiProvider implements Provider {
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
