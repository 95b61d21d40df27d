/**
 * What the adapters share: base URLs, the JSON POST that turns every HTTP reply into a
 * `ProviderResponse` (rejecting only when no reply came), short redacted error messages, and
 * the schema walk that drops keywords a provider does not take.
 */
import { cut, cutWithEllipsis, redact } from '@faultline/core';
import type { ProviderName, ProviderResponse } from './types.js';

export const DEFAULT_BASE_URLS: Record<ProviderName, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

export const DEFAULT_SCHEMA_NAME = 'record_failure_pattern';
const MAX_ERROR_CHARS = 300;

export function baseUrlOf(name: ProviderName, baseUrl: string | undefined): string {
  return (baseUrl || DEFAULT_BASE_URLS[name]).replace(/\/+$/, '');
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

export function shortError(text: string): string {
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
export async function postJson(
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
export function without(schema: unknown, drop: ReadonlySet<string>): unknown {
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

/** JSON Schema's meta keywords: no provider takes them. */
export const META = new Set(['$schema', '$id', '$comment']);
