/**
 * What the LLM layer is shown of a record: the telling line, the other telling lines and the
 * tail (the last 3,000 characters, like the seed "Log Analysis"), redacted — never the whole
 * of a huge log, never a prompt or a completion from a span.
 */
import { logSources } from '../patterns/telling.js';
import type { LogRecord, TraceRecord } from '../records.js';
import { redact } from '../redact.js';
import { cut, cutTail } from '../text.js';
import { failingSpan } from './trace.js';

export interface LlmInput {
  kind: 'trace' | 'log';
  headline: string;
  telling: string[];
  tail: string;
}

export const LLM_TAIL_CHARS = 3_000;

const clip = (text: string, max: number) => cut(redact(cut(text, max * 2)), max);

/** The last `max` characters, redacted before the cut (so a key split by the cut is not half-shown): the cut token is dropped. */
function tail(text: string, max = LLM_TAIL_CHARS): string {
  const wide = redact(cutTail(text, max * 4));
  if (wide.length <= max) return wide;
  const end = cutTail(wide, max);
  const space = end.search(/\s/);
  return space >= 0 ? end.slice(space + 1) : end;
}

export function llmInputOf(record: TraceRecord | LogRecord): LlmInput {
  if (record.kind === 'log') {
    const s = logSources(record.error_message, record.logs);
    return {
      kind: 'log',
      headline: clip(s.headline, 500),
      telling: s.telling.slice(0, 12).map((l) => clip(l, 300)),
      tail: tail(record.logs ?? ''),
    };
  }
  const spans = Array.isArray(record.spans) ? record.spans : [];
  const span = failingSpan(spans);
  const events = (span?.events ?? []).filter((e) => e?.name === 'exception' || e?.attributes?.['exception.type']);
  const last = events[events.length - 1]?.attributes ?? {};
  const type = String(last['exception.type'] ?? '');
  const message = String(last['exception.message'] ?? '');
  const status = span?.status?.message ?? '';
  const headline = type || message ? `${type}${type && message ? ': ' : ''}${message}` : status;
  const telling: string[] = [];
  if (span?.name) telling.push(`failing span: ${span.name}`);
  if (status && status !== headline) telling.push(`status: ${status}`);
  for (const [k, v] of Object.entries(span?.attributes ?? {})) {
    if (
      /^(gen_ai\.(system|request\.model|response\.finish_reasons|usage\.\w+)|http\.(response\.)?status_code|error\.type)$/.test(k)
    ) {
      telling.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    }
  }
  return {
    kind: 'trace',
    headline: clip(headline, 500),
    telling: telling.slice(0, 12).map((l) => clip(l, 300)),
    tail: tail(String(last['exception.stacktrace'] ?? '')),
  };
}
