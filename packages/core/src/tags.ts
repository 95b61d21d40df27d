/**
 * Dimensions of a run: the `tags` of an episode (producers attach them: robot model, firmware,
 * software and policy version, site, environment, operator — any keys), and the tags a trace's
 * OpenTelemetry attributes give it (`traceTags`). The fleet insight (GET /api/insights/dimensions)
 * compares how the values of each tag are shared among selected failures and among all runs.
 *
 * Invariants:
 * - An episode's tags are a flat object of string → string, at most TAGS_MAX_KEYS keys; a key
 *   is 1-TAG_KEY_MAX_CHARS characters of `A-Z a-z 0-9 _ . : / -`; a value is a string of at most
 *   TAG_VALUE_MAX_CHARS code points, well-formed (no lone surrogate, no NUL). `tagsProblem`
 *   names the first tag that breaks one of these, so ingest answers a 400 naming the field and
 *   a batch refuses only that record; nothing of a refused record is stored.
 * - Tags are redacted like every other field where records enter (`redactRecord`): a secret in a
 *   value is masked, and a value under a key that names a secret (`api_key`, `token`, …) is
 *   replaced whole.
 * - Trace tags are read from the allow-listed span attributes only (never prompts or outputs):
 *   the root span's value first, else the first span that has one; the same function serves
 *   `/v1/traces` and `/api/ingest/traces`, since both store the same trace records.
 */
import { codePoints } from './limits.js';
import type { Span, TraceRecord } from './records.js';
import { isWellFormedText } from './text.js';

export const TAGS_MAX_KEYS = 32;
export const TAG_KEY_MAX_CHARS = 64;
export const TAG_VALUE_MAX_CHARS = 256;
/** What a tag key may be made of (schemas/json/episode.schema.json says the same). */
export const TAG_KEY_PATTERN = /^[A-Za-z0-9_.:/-]{1,64}$/;

export type Tags = Record<string, string>;

/** Shown in errors instead of a key that cannot be printed as it is. */
function shownKey(key: string): string {
  const safe = key.length <= TAG_KEY_MAX_CHARS && TAG_KEY_PATTERN.test(key);
  return safe ? key : JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
}

/**
 * The first problem of an episode's `tags` (checked on the record as it arrived, before any
 * text is made well-formed), naming the field; null when the tags are fine or absent.
 */
export function tagsProblem(tags: unknown): string | null {
  if (tags === undefined || tags === null) return null;
  if (typeof tags !== 'object' || Array.isArray(tags)) return 'tags: must be an object of string values';
  const entries = Object.entries(tags as Record<string, unknown>);
  if (entries.length > TAGS_MAX_KEYS) return `tags: at most ${TAGS_MAX_KEYS} keys (got ${entries.length})`;
  for (const [key, value] of entries) {
    if (!isWellFormedText(key)) return `tags: a key is not valid Unicode text (a lone surrogate or NUL)`;
    if (key.length > TAG_KEY_MAX_CHARS) {
      return `tags.${shownKey(key)}: a key is at most ${TAG_KEY_MAX_CHARS} characters (got ${key.length})`;
    }
    if (!TAG_KEY_PATTERN.test(key)) {
      return `tags.${shownKey(key)}: a key may only hold letters, digits and _ . : / -`;
    }
    const at = `tags.${key}`;
    if (typeof value !== 'string') {
      return `${at}: must be a string (got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value})`;
    }
    if (!isWellFormedText(value)) return `${at}: not valid Unicode text (a lone surrogate or NUL)`;
    const n = codePoints(value);
    if (n > TAG_VALUE_MAX_CHARS) return `${at}: at most ${TAG_VALUE_MAX_CHARS} characters (got ${n})`;
  }
  return null;
}

/**
 * Merges an update's tags into the known ones: the update's keys replace, the others are kept,
 * and when that would exceed TAGS_MAX_KEYS the update's keys are kept first, then the known
 * ones in their order, up to the limit.
 */
export function mergeTags(known: Tags | undefined, update: Tags | undefined): Tags | undefined {
  if (!update) return known;
  if (!known) return update;
  const out: Tags = { ...update };
  for (const [k, v] of Object.entries(known)) {
    if (Object.keys(out).length >= TAGS_MAX_KEYS) break;
    if (!Object.hasOwn(out, k)) out[k] = v;
  }
  return out;
}

/**
 * The trace's dimensions, by tag key, and the span attributes each is read from (first present
 * wins): the service's version and environment, the model provider, the requested model and the
 * instrumentation (the agent framework: OTLP's instrumentation scope, `otel.scope.name`).
 */
export const TRACE_TAG_SOURCES: Readonly<Record<string, readonly string[]>> = {
  'service.version': ['service.version'],
  'deployment.environment': ['deployment.environment.name', 'deployment.environment'],
  'gen_ai.system': ['gen_ai.system', 'gen_ai.provider.name', 'llm.system', 'llm.provider'],
  'gen_ai.request.model': ['gen_ai.request.model', 'llm.model_name', 'gen_ai.response.model'],
  'gen_ai.agent.name': ['gen_ai.agent.name'],
  'otel.scope.name': ['otel.scope.name'],
};

function attributeText(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A trace's tags from its spans' attributes (see TRACE_TAG_SOURCES); values cut to TAG_VALUE_MAX_CHARS. */
export function traceTags(trace: Pick<TraceRecord, 'spans'>): Tags {
  const spans: Span[] = Array.isArray(trace.spans) ? trace.spans : [];
  const roots = spans.filter(
    (s) => s && (s.parent_span_id === null || s.parent_span_id === undefined || s.parent_span_id === ''),
  );
  const ordered = [...roots, ...spans.filter((s) => !roots.includes(s))];
  const out: Tags = {};
  for (const [tag, sources] of Object.entries(TRACE_TAG_SOURCES)) {
    search: for (const span of ordered) {
      const attrs = span?.attributes;
      if (!attrs || typeof attrs !== 'object') continue;
      for (const name of sources) {
        const text = attributeText((attrs as Record<string, unknown>)[name]);
        if (text !== undefined) {
          out[tag] = [...text].slice(0, TAG_VALUE_MAX_CHARS).join('');
          break search;
        }
      }
    }
  }
  return out;
}
