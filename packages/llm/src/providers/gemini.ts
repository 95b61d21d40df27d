/**
 * `gemini`: native `generateContent`; structured answer through `responseSchema` (Gemini's
 * OpenAPI subset of JSON Schema).
 */
import { baseUrlOf, isObject, type Json, num, postJson } from './shared.js';
import type { JsonSchema, Provider, ProviderOptions, ProviderRequest, ProviderResponse } from './types.js';

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

export class GeminiProvider implements Provider {
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
