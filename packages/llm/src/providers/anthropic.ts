/**
 * `anthropic`: the Messages API; structured answer through one forced tool whose `input` is the answer.
 */
import { baseUrlOf, DEFAULT_SCHEMA_NAME, isObject, type Json, META, num, postJson, without } from './shared.js';
import type { JsonSchema, Provider, ProviderOptions, ProviderRequest, ProviderResponse } from './types.js';

export const ANTHROPIC_VERSION = '2023-06-01';

/** Tool input schemas take JSON Schema as is; only the meta keywords go. */
export function toAnthropicSchema(schema: JsonSchema): JsonSchema {
  return without(schema, META) as JsonSchema;
}

export class AnthropicProvider implements Provider {
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
