import type { Analysis, Signal } from '../analysis.js';
import type { Deadline } from '../deadline.js';
import { classify, type TextSources } from '../patterns/classify.js';
import { boundedText, tellingLines } from '../patterns/telling.js';
import { DEFAULT_ORG, type Span, type TraceRecord } from '../records.js';
import { isAllowedAttribute, redact } from '../redact.js';
import { cut } from '../text.js';
import { buildPatternAnalysis } from './pattern.js';

/**
 * Span attributes worth reporting as structured signals (never prompts or outputs). Records
 * arrive with only the allow-listed attributes (redact.ts `ALLOWED_ATTRIBUTES`); the extractor
 * reads nothing else either, so a record analyzed without passing ingest leaks no prompt.
 */
const SIGNAL_ATTRIBUTES: [string, string][] = [
  ['gen_ai.system', 'provider'],
  ['gen_ai.request.model', 'model'],
  ['gen_ai.response.model', 'response_model'],
  ['gen_ai.response.finish_reasons', 'finish_reason'],
  ['gen_ai.usage.input_tokens', 'input_tokens'],
  ['gen_ai.usage.output_tokens', 'output_tokens'],
  ['gen_ai.request.max_tokens', 'max_tokens'],
  ['gen_ai.tool.name', 'tool_name'],
  ['http.status_code', 'http_status'],
  ['http.response.status_code', 'http_status'],
  ['error.type', 'error_type'],
  ['rpc.grpc.status_code', 'grpc_status'],
];

/** Attributes whose values help classification (added to the searched text as key=value). */
const CONTEXT_ATTRIBUTES = new Set([
  'gen_ai.system',
  'gen_ai.operation.name',
  'gen_ai.request.model',
  'gen_ai.response.finish_reasons',
  'gen_ai.tool.name',
  'http.status_code',
  'http.response.status_code',
  'error.type',
  'rpc.grpc.status_code',
  'exception.type',
]);

function isErrorStatus(span: Span): boolean {
  const code = span.status?.code;
  return code === 'ERROR' || code === 'STATUS_CODE_ERROR' || code === 2 || code === 'error';
}

interface ExceptionInfo {
  type: string;
  message: string;
  stacktrace: string;
}

function exceptionsOf(span: Span): ExceptionInfo[] {
  const out: ExceptionInfo[] = [];
  for (const ev of span.events ?? []) {
    if (!ev || (ev.name !== 'exception' && !ev.attributes?.['exception.type'])) continue;
    const a = ev.attributes ?? {};
    out.push({
      type: String(a['exception.type'] ?? ''),
      message: String(a['exception.message'] ?? ''),
      stacktrace: String(a['exception.stacktrace'] ?? ''),
    });
  }
  return out;
}

function attrText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function endTime(span: Span): number {
  const t = span.end_time;
  if (typeof t === 'number') return t;
  if (typeof t === 'string') {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? Number(t) || Number.POSITIVE_INFINITY : ms;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * The failing span: among spans with an error status or an exception event, the one
 * closest to the cause — with an exception, none of its children failing, ending first.
 * Linear but for the sort (n log n): each span's keys are computed once before sorting (whether it
 * has an exception, whether a failing span names it as parent, its end time), not per comparison,
 * where they cost a scan of every failing span each (10,000 failing spans took a minute).
 */
export function failingSpan(spans: Span[]): Span | undefined {
  const failing = spans.filter((s) => isErrorStatus(s) || exceptionsOf(s).length > 0);
  if (failing.length <= 1) return failing[0];
  // How many failing spans name each id as their parent (a span that names itself is no child of its own).
  const children = new Map<unknown, number>();
  for (const s of failing) children.set(s.parent_span_id, (children.get(s.parent_span_id) ?? 0) + 1);
  const hasFailingChild = (s: Span) =>
    Boolean(s.span_id) && (children.get(s.span_id) ?? 0) - (s.parent_span_id === s.span_id ? 1 : 0) > 0;
  const keyed = failing.map((span) => ({
    span,
    e: exceptionsOf(span).length > 0 ? 0 : 1,
    l: hasFailingChild(span) ? 1 : 0,
    end: endTime(span),
  }));
  // The comparator as before, on keys read once (Infinity - Infinity is NaN, which the sort takes as equal, as before).
  return keyed.sort((a, b) => a.l - b.l || a.e - b.e || a.end - b.end)[0]?.span;
}

/**
 * The trace's signals: span counts, service, failing span, exception type, the allow-listed
 * attributes of the failing span (redacted), and which source matched.
 */
function traceSignals(
  record: TraceRecord,
  spanCount: number,
  errorSpanCount: number,
  failing: ReturnType<typeof failingSpan>,
  exceptionType: string | undefined,
  matchedIn: Signal['value'],
): Signal[] {
  const signals: Signal[] = [
    { name: 'span_count', value: spanCount },
    { name: 'error_span_count', value: errorSpanCount },
  ];
  // Redacted before the cut (idempotent on records that came through validateRecord).
  if (record.service) signals.push({ name: 'service', value: cut(redact(record.service), 100) });
  if (failing?.name) signals.push({ name: 'failing_span', value: cut(redact(failing.name), 100) });
  if (exceptionType) signals.push({ name: 'exception_type', value: cut(redact(exceptionType), 100) });
  const seen = new Set<string>();
  for (const [attr, name] of SIGNAL_ATTRIBUTES) {
    const v = failing?.attributes?.[attr];
    if (v === undefined || v === null || seen.has(name)) continue;
    seen.add(name);
    signals.push({ name, value: typeof v === 'number' || typeof v === 'boolean' ? v : cut(redact(attrText(v)), 100) });
  }
  signals.push({ name: 'matched_in', value: matchedIn });
  return signals;
}

/**
 * What the failing span itself reported: the error its last exception event raised (`type: message`),
 * else its status message; '' when neither says anything. Not the headline's join (analyzeTrace):
 * a blank type or message is left out here, so a blank event falls through to the status message.
 */
function reportedBy(main: ExceptionInfo | undefined, statusMessage: string): string {
  const exception = main ? [main.type, main.message].filter((s) => s.trim()).join(': ') : '';
  return exception || statusMessage.trim();
}

/** The trace pattern extractor (seed "Failure Pattern Extraction"), heuristic. */
export function analyzeTrace(record: TraceRecord, deadline?: Deadline, now: Date = new Date()): Analysis {
  const spans = Array.isArray(record.spans) ? record.spans : [];
  const failing = failingSpan(spans);
  const errorSpans = spans.filter((s) => isErrorStatus(s) || exceptionsOf(s).length > 0);
  deadline?.check('failing span');

  const exc = failing ? exceptionsOf(failing) : [];
  const main = exc[exc.length - 1];
  const statusMessage = failing?.status?.message ?? '';
  let headline = main ? `${main.type}${main.type && main.message ? ': ' : ''}${main.message}` : statusMessage;
  if (!headline.trim() && main?.stacktrace) headline = tellingLines(boundedText(main.stacktrace)).best;

  const telling: string[] = [];
  if (statusMessage && statusMessage !== headline) telling.push(statusMessage);
  const stackLines = main?.stacktrace ? tellingLines(boundedText(main.stacktrace)).lines : [];
  telling.push(...stackLines.filter((l) => l !== headline));
  for (const s of errorSpans) {
    if (s === failing) continue;
    for (const e of exceptionsOf(s)) telling.push(`${e.type}: ${e.message}`);
    if (s.status?.message) telling.push(s.status.message);
    if (telling.length > 12) break;
  }

  const contextLines: string[] = [];
  const bodyParts: string[] = [];
  for (const s of spans.slice(0, 2000)) {
    if (s.name) contextLines.push(`span ${s.name}`);
    for (const [k, v] of Object.entries(s.attributes ?? {})) {
      if (CONTEXT_ATTRIBUTES.has(k) || (k.startsWith('gen_ai.') && isAllowedAttribute(k))) {
        contextLines.push(`${k}=${cut(attrText(v), 200)}`);
      }
    }
  }
  for (const e of exc) if (e.stacktrace) bodyParts.push(e.stacktrace);
  for (const s of errorSpans) {
    for (const [k, v] of Object.entries(s.attributes ?? {})) {
      if (CONTEXT_ATTRIBUTES.has(k)) bodyParts.push(`${k}=${cut(attrText(v), 200)}`);
    }
  }
  const sources: TextSources = {
    headline: cut(headline, 4000),
    telling: telling.slice(0, 12),
    body: boundedText(bodyParts.join('\n')),
    // What the failing span reported, as a log's error_message (telling.ts logSources): its exception
    // event's `type: message`, else its status message (reportedBy), which the warning step takes as
    // the failure reported after every line of the trace's text (classify.ts warningOutlived: the
    // failing span ended first of those with no failing child, so its error is taken as last).
    reported: boundedText(reportedBy(main, statusMessage)),
  };
  // Attributes of the failing span (finish reason, HTTP status) count as telling evidence.
  if (failing) {
    for (const [k, v] of Object.entries(failing.attributes ?? {})) {
      if (CONTEXT_ATTRIBUTES.has(k)) sources.telling.push(`${k}=${cut(attrText(v), 200)}`);
    }
  }
  const cls = classify('trace', sources, deadline, cut(contextLines.join('\n'), 20_000));

  const signals = traceSignals(record, spans.length, errorSpans.length, failing, main?.type, cls.source);

  let factor = 1;
  let note: string | undefined;
  if (spans.length === 0) {
    factor = 0.6;
    note = 'Trace has no spans: best effort, confidence lowered.';
  } else if (!failing) {
    factor = 0.7;
    note = 'No span is marked as failed: confidence lowered.';
  } else if (!main) {
    factor = 0.9;
    note = 'The failing span has no exception event.';
  }
  const where = failing?.name
    ? `Span "${cut(failing.name, 80)}"${record.service ? ` of ${cut(record.service, 60)}` : ''} failed`
    : 'Trace failed';
  return buildPatternAnalysis({
    kind: 'trace',
    ref: record.trace_id,
    orgId: record.org_id ?? DEFAULT_ORG,
    cls,
    ...(main?.type ? { errorType: main.type } : {}),
    headline,
    where,
    signals,
    excerpts: [headline, statusMessage, ...stackLines.slice(-2)],
    confidenceFactor: factor,
    ...(note ? { incompleteNote: note } : {}),
    now,
  });
}
