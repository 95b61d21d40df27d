/**
 * OTLP/HTTP trace ingest: `POST /v1/traces`, what every OpenTelemetry exporter sends, so an
 * application already instrumented (GenAI semantic conventions, OpenInference, OpenLLMetry)
 * plugs in by pointing its exporter here, with the API key as `Authorization: Bearer <key>`.
 *
 * Invariants:
 * - Decoding is protobufjs over the official OTLP .proto files vendored in ../proto
 *   (opentelemetry-proto, Apache-2.0): `application/x-protobuf` is decoded by the library,
 *   `application/json` is OTLP JSON (lowerCamelCase fields, hex ids, int64 as strings or
 *   numbers, enums as numbers or names). Both become the same decoded shape before conversion.
 *   `Content-Encoding: gzip` is inflated while it is read; the body limit (Fastify's bodyLimit,
 *   FAULTLINE_MAX_BODY_BYTES) applies to the inflated bytes, so a zip bomb is a 413.
 * - A body that is not a well-formed export request is a 400 naming the problem; nothing of it
 *   is published, the service stays healthy.
 * - Spans are grouped into traces by trace id, within one request. A trace with an error (a span
 *   with status ERROR, or an `exception` event) becomes one `trace` record and goes the path of
 *   `/api/ingest/traces`: `validateRecord` (limits, schema, redaction, the span attribute
 *   allow-list that drops prompts and completions), then the bus, answered only once durable.
 *   Other traces are counted (`faultline_otlp_traces_total{outcome="not_failed"}`), not stored.
 * - Only allow-listed attributes (`isAllowedAttribute`, redact.ts) are carried from OTLP at all;
 *   resource attributes (service.name, service.version, deployment.environment, …) and the
 *   instrumentation scope (`otel.scope.name`, `otel.scope.version`) are copied under each span's
 *   own attributes (a span's own value wins), the trace's `service` is the service.name of its
 *   root span's resource. The trace's dimensions (tags.ts `traceTags`) are read from these.
 * - Tenancy as the other ingest routes: an org key writes to its own org; a platform key names
 *   the org with `?org=` (there is no record field to name it).
 * - The answer is `ExportTraceServiceResponse` in the request's content type; spans of traces that
 *   were refused (bad trace id, a record validation fails) are counted in
 *   `partial_success.rejected_spans` with the reasons in `error_message`, so exporters do not
 *   retry them. A full or unavailable bus answers 503 with Retry-After (exporters retry), as the
 *   other ingest routes do. An error answer to a protobuf request is a protobuf google.rpc.Status
 *   (the message of the JSON error other clients get), as OTLP/HTTP asks.
 */

import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { Transport } from '@faultline/bus';
import {
  type Envelope,
  isAllowedAttribute,
  MAX_DEPTH,
  type Span,
  type SpanEvent,
  type TraceRecord,
  validateRecord,
} from '@faultline/core';
import { HttpError, type Metrics, oneOrg, reasonLabel } from '@faultline/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import protobuf from 'protobufjs';
import { publisher } from './publish.js';

export interface OtlpOptions {
  transport: Transport;
  metrics: Metrics;
}

// ───────────── decoding (protobufjs and the vendored .proto files) ─────────────

const PROTO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto');
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => join(PROTO_DIR, target);
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
const ExportRequest = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');
const ExportResponse = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse');

/**
 * google.rpc.Status, the error body OTLP/HTTP gives protobuf clients (code 1, message 2; the
 * details field is not used), declared through protobufjs's reflection API.
 */
const RpcStatus = new protobuf.Type('Status')
  .add(new protobuf.Field('code', 1, 'int32'))
  .add(new protobuf.Field('message', 2, 'string'));
new protobuf.Root().define('google.rpc').add(RpcStatus);

/** The gRPC code nearest an HTTP status (what OTLP clients log next to the message). */
function grpcCode(http: number): number {
  if (http === 400 || http === 413 || http === 415) return 3; // INVALID_ARGUMENT
  if (http === 401) return 16; // UNAUTHENTICATED
  if (http === 403) return 7; // PERMISSION_DENIED
  if (http === 404) return 5; // NOT_FOUND
  if (http === 429) return 8; // RESOURCE_EXHAUSTED
  if (http === 503) return 14; // UNAVAILABLE
  return 2; // UNKNOWN
}

/** The decoded request, as protobufjs's toObject and OTLP JSON both give it (unchecked: read defensively). */
type Obj = Record<string, unknown>;

const PROTOBUF = 'application/x-protobuf';

/** Decodes an OTLP protobuf body; throws a 400 naming the problem. */
export function decodeOtlpProtobuf(body: Buffer): Obj {
  try {
    const message = ExportRequest.decode(body);
    return ExportRequest.toObject(message, { longs: String, enums: Number, arrays: true }) as Obj;
  } catch (err) {
    throw new HttpError(
      400,
      'bad_request',
      `body: not an OTLP ExportTraceServiceRequest in protobuf (${(err as Error).message})`,
    );
  }
}

/** The OTLP response in the request's encoding; `partialSuccess` only when something was refused. */
function encodeResponse(protobufWanted: boolean, rejectedSpans: number, errorMessage: string): Buffer | Obj {
  const partial = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } } : {};
  if (!protobufWanted) return partial;
  const fields = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  return Buffer.from(ExportResponse.encode(ExportResponse.fromObject(fields)).finish());
}

// ───────────── conversion: OTLP spans → faultline trace records ─────────────

const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;
const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** An id as lowercase hex: bytes (protobuf) or a hex string (OTLP JSON); '' when absent or malformed. */
function hexId(v: unknown, bytes: number): string {
  if (v instanceof Uint8Array) {
    if (v.length !== bytes) return '';
    return (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.length)).toString('hex');
  }
  if (typeof v === 'string' && v.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(v)) return v.toLowerCase();
  return '';
}

/**
 * Nanoseconds since the epoch (string or number) as an RFC 3339 instant, or undefined. A double
 * holds them to a few hundred nanoseconds, far below the milliseconds an instant keeps.
 */
function instant(v: unknown): string | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const ns = Number(v);
  if (!(ns > 0) || !Number.isFinite(ns)) return undefined;
  const d = new Date(Math.floor(ns / 1e6));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** An enum value given as a number or as its name (with or without the OTLP prefix). */
function enumName(v: unknown, names: readonly string[], prefix: string): string {
  if (typeof v === 'number') return names[v] ?? String(v);
  if (typeof v === 'string') return v.startsWith(prefix) ? v.slice(prefix.length) : v;
  return names[0] as string;
}

/** An AnyValue as plain JSON: numbers finite (non-finite doubles as text), nesting bounded. */
function anyValue(v: unknown, depth: number): unknown {
  if (!isObj(v)) return null;
  if (depth > MAX_DEPTH - 8) return '[nested too deep]';
  if (typeof v.stringValue === 'string') return v.stringValue;
  if (typeof v.boolValue === 'boolean') return v.boolValue;
  if (v.intValue !== undefined && v.intValue !== null) {
    const n = Number(v.intValue);
    return Number.isSafeInteger(n) ? n : String(v.intValue);
  }
  if (v.doubleValue !== undefined && v.doubleValue !== null) {
    const n = Number(v.doubleValue);
    return Number.isFinite(n) ? n : String(v.doubleValue);
  }
  if (isObj(v.arrayValue)) return list(v.arrayValue.values).map((x) => anyValue(x, depth + 1));
  if (isObj(v.kvlistValue)) return keyValues(v.kvlistValue.values, depth + 1, () => true);
  if (v.bytesValue instanceof Uint8Array) return Buffer.from(v.bytesValue).toString('base64');
  if (typeof v.bytesValue === 'string') return v.bytesValue;
  return null;
}

/** KeyValue[] into `out`, the keys `keep` accepts (no prototype on nested lists: any key is data). */
function keyValues(
  kvs: unknown,
  depth: number,
  keep: (key: string) => boolean,
  out: Record<string, unknown> = Object.create(null),
): Record<string, unknown> {
  for (const kv of list(kvs)) {
    if (!isObj(kv) || typeof kv.key !== 'string' || !keep(kv.key)) continue;
    out[kv.key] = anyValue(kv.value, depth);
  }
  return out;
}

/**
 * Allow-listed attributes only: prompts, completions, inputs and outputs are never carried.
 * `base` (the resource's) is copied first, the span's own values win.
 */
const attributes = (kvs: unknown, base?: Record<string, unknown>) =>
  keyValues(kvs, 1, isAllowedAttribute, base ? { ...base } : {});

interface Grouped {
  spans: Span[];
  failed: boolean;
  /** service.name of the root span's resource (else of the first span's). */
  service?: string;
  rootSeen: boolean;
  start?: string;
}

/** One OTLP span as a faultline span; `failed` when its status is ERROR or it holds an exception event. */
function convertSpan(s: Obj, resource: Record<string, unknown>): { span: Span; failed: boolean } {
  const span: Span & { kind?: string } = {};
  span.span_id = hexId(s.spanId, 8);
  const parent = hexId(s.parentSpanId, 8);
  span.parent_span_id = parent || null;
  if (typeof s.name === 'string') span.name = s.name;
  span.kind = enumName(s.kind, SPAN_KINDS, 'SPAN_KIND_');
  const start = instant(s.startTimeUnixNano);
  const end = instant(s.endTimeUnixNano);
  if (start) span.start_time = start;
  if (end) span.end_time = end;
  const status = isObj(s.status) ? s.status : {};
  const code = enumName(status.code, STATUS_CODES, 'STATUS_CODE_');
  span.status = { code, ...(typeof status.message === 'string' && status.message ? { message: status.message } : {}) };
  span.attributes = attributes(s.attributes, resource);
  const events: SpanEvent[] = [];
  let exception = false;
  for (const e of list(s.events)) {
    if (!isObj(e)) continue;
    const ev: SpanEvent & { time?: string } = {};
    if (typeof e.name === 'string') ev.name = e.name;
    if (e.name === 'exception') exception = true;
    const time = instant(e.timeUnixNano);
    if (time) ev.time = time;
    ev.attributes = attributes(e.attributes);
    events.push(ev);
  }
  if (events.length) span.events = events;
  return { span, failed: code === 'ERROR' || exception };
}

interface Conversion {
  /** Traces by trace id (hex), in the order first seen. */
  traces: Map<string, Grouped>;
  /** Spans refused before grouping (no valid trace id), with the reason. */
  refused: { spans: number; reason: string }[];
  spans: number;
}

/** Groups the request's spans into traces (see the module comment). */
export function groupOtlpSpans(request: Obj): Conversion {
  const traces = new Map<string, Grouped>();
  const refused: Conversion['refused'] = [];
  let spans = 0;
  if (!Array.isArray(request.resourceSpans) && request.resourceSpans !== undefined) {
    throw new HttpError(400, 'bad_request', 'resourceSpans: must be an array');
  }
  for (const rs of list(request.resourceSpans)) {
    if (!isObj(rs)) throw new HttpError(400, 'bad_request', 'resourceSpans: each item must be an object');
    const resource = isObj(rs.resource) ? attributes(rs.resource.attributes) : {};
    const serviceName = typeof resource['service.name'] === 'string' ? (resource['service.name'] as string) : undefined;
    for (const ss of list(rs.scopeSpans)) {
      if (!isObj(ss)) continue;
      // The instrumentation scope (the library that made the spans: the agent framework) as
      // the attributes OTel's non-OTLP exporters use; the span's own value still wins.
      const scope = isObj(ss.scope) ? ss.scope : {};
      const scoped = {
        ...resource,
        ...(typeof scope.name === 'string' && scope.name ? { 'otel.scope.name': scope.name } : {}),
        ...(typeof scope.version === 'string' && scope.version ? { 'otel.scope.version': scope.version } : {}),
      };
      for (const s of list(ss.spans)) {
        spans++;
        if (!isObj(s)) {
          refused.push({ spans: 1, reason: 'span: must be an object' });
          continue;
        }
        const traceId = hexId(s.traceId, 16);
        if (!traceId || /^0+$/.test(traceId)) {
          refused.push({ spans: 1, reason: 'traceId: must be 16 bytes (32 hex digits), not all zero' });
          continue;
        }
        const { span, failed } = convertSpan(s, scoped);
        let g = traces.get(traceId);
        if (!g) {
          g = { spans: [], failed: false, rootSeen: false };
          traces.set(traceId, g);
        }
        g.spans.push(span);
        g.failed ||= failed;
        const isRoot = span.parent_span_id === null;
        if (serviceName && (g.service === undefined || (isRoot && !g.rootSeen))) g.service = serviceName;
        if (isRoot) g.rootSeen = true;
        if (typeof span.start_time === 'string' && (!g.start || span.start_time < g.start)) g.start = span.start_time;
      }
    }
  }
  return { traces, refused, spans };
}

// ───────────── the route ─────────────

/** `?org=` of the call (undefined when absent). */
function queryOrg(request: FastifyRequest): string | undefined {
  const q = (request.query as { org?: unknown } | undefined)?.org;
  return typeof q === 'string' && q !== '' ? q : undefined;
}

/** Inflates a gzip body while Fastify reads it; the body limit counts the inflated bytes. */
function inflate(request: FastifyRequest, payload: Readable): Readable {
  const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return payload;
  if (encoding !== 'gzip') {
    throw new HttpError(415, 'unsupported_encoding', `content-encoding: ${encoding} is not supported (gzip or none)`);
  }
  const gunzip = createGunzip();
  const limit = request.routeOptions.bodyLimit ?? 1024 * 1024;
  // Fastify compares the bytes received on the wire with Content-Length (receivedEncodedLength).
  const counted = gunzip as unknown as { receivedEncodedLength: number };
  counted.receivedEncodedLength = 0;
  let inflated = 0;
  payload.on('data', (chunk: Buffer) => {
    counted.receivedEncodedLength += chunk.length;
  });
  payload.on('error', (err) => gunzip.destroy(err));
  gunzip.on('data', (chunk: Buffer) => {
    inflated += chunk.length;
    // Fastify has answered 413 at this point; stop inflating the rest.
    if (inflated > limit) payload.unpipe(gunzip);
  });
  return payload.pipe(gunzip);
}

/** The route's OpenAPI schema: both encodings of the request, the JSON shape of the answer. */
const EXPORT_SCHEMA = {
  summary: 'OTLP/HTTP trace export: traces with an error are stored as trace records, others counted',
  description:
    'What OpenTelemetry exporters send (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=<url>/v1/traces, ' +
    'OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer <key>). Body: an ExportTraceServiceRequest as protobuf ' +
    '(application/x-protobuf) or OTLP JSON (application/json), optionally Content-Encoding: gzip. Answer: ' +
    'an ExportTraceServiceResponse in the same encoding, with partial_success counting refused spans. ' +
    'A platform key names the org with ?org=.',
  tags: ['ingest'],
  body: {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          description: 'OTLP JSON ExportTraceServiceRequest (lowerCamelCase fields, hex trace and span ids)',
          properties: {
            resourceSpans: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  resource: { type: 'object', properties: { attributes: { type: 'array' } } },
                  scopeSpans: {
                    type: 'array',
                    items: { type: 'object', properties: { spans: { type: 'array', items: { type: 'object' } } } },
                  },
                },
              },
            },
          },
        },
      },
      [PROTOBUF]: {
        schema: { description: 'ExportTraceServiceRequest, binary protobuf (opentelemetry-proto v1)' },
      },
    },
  },
  response: {
    200: {
      description: 'ExportTraceServiceResponse (JSON shown; protobuf for a protobuf request)',
      type: 'object',
      properties: {
        partialSuccess: {
          type: 'object',
          properties: { rejectedSpans: { type: 'string' }, errorMessage: { type: 'string' } },
        },
      },
    },
  },
};

export async function otlpRoutes(app: FastifyInstance, opts: OtlpOptions): Promise<void> {
  const { transport, metrics } = opts;
  app.addContentTypeParser(PROTOBUF, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('preParsing', async (request, _reply, payload) => inflate(request, payload));
  // A protobuf client's error answer is a google.rpc.Status in protobuf (the JSON error's message).
  app.addHook('onSend', async (request, reply, payload) => {
    const wantsProtobuf = String(request.headers['content-type'] ?? '').startsWith(PROTOBUF);
    if (reply.statusCode < 400 || !wantsProtobuf || typeof payload !== 'string') return payload;
    let message = payload;
    try {
      const parsed = JSON.parse(payload) as { message?: unknown };
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {}
    reply.type(PROTOBUF);
    return Buffer.from(RpcStatus.encode(RpcStatus.create({ code: grpcCode(reply.statusCode), message })).finish());
  });

  /** Publishes the records; bus refusals map as on every ingest route (publish.ts). */
  const publishTo = publisher(transport, metrics);
  const publish = (envelopes: Envelope[]) =>
    publishTo(envelopes, `${envelopes.length} failed traces are larger than the event bus holds; export smaller batches`);

  app.post('/v1/traces', { schema: EXPORT_SCHEMA }, async (request: FastifyRequest, reply) => {
    const p = request.require('ingest');
    const org = oneOrg(p, queryOrg(request));
    const isProtobuf = Buffer.isBuffer(request.body);
    const decoded = isProtobuf ? decodeOtlpProtobuf(request.body as Buffer) : request.body;
    if (!isObj(decoded)) throw new HttpError(400, 'bad_request', 'body: expected an OTLP ExportTraceServiceRequest object');
    const { traces, refused, spans } = groupOtlpSpans(decoded);

    const reasons = refused.map((r) => r.reason);
    let rejectedSpans = refused.reduce((n, r) => n + r.spans, 0);
    const envelopes: Envelope[] = [];
    const now = new Date().toISOString();
    let notFailed = 0;
    let notFailedSpans = 0;
    for (const [traceId, g] of traces) {
      if (!g.failed) {
        notFailed++;
        notFailedSpans += g.spans.length;
        continue;
      }
      const record: TraceRecord = {
        kind: 'trace',
        trace_id: traceId,
        timestamp: g.start ?? now,
        org_id: org,
        ...(g.service !== undefined ? { service: g.service } : {}),
        spans: g.spans,
      };
      const v = validateRecord(record);
      if (!v.ok) {
        rejectedSpans += g.spans.length;
        reasons.push(`trace ${traceId}: ${v.reason}`);
        metrics.rejected.inc({ kind: 'trace', reason: reasonLabel(v.reason) });
        metrics.otlpTraces.inc({ outcome: 'rejected' });
        metrics.otlpSpans.inc({ outcome: 'rejected' }, g.spans.length);
        continue;
      }
      envelopes.push({ record: v.record, org, received_at: now });
    }
    if (envelopes.length) await publish(envelopes);
    const storedSpans = envelopes.reduce((n, e) => n + ((e.record as TraceRecord).spans?.length ?? 0), 0);
    metrics.otlpTraces.inc({ outcome: 'stored' }, envelopes.length);
    metrics.otlpSpans.inc({ outcome: 'stored' }, storedSpans);
    metrics.otlpTraces.inc({ outcome: 'not_failed' }, notFailed);
    metrics.otlpSpans.inc({ outcome: 'not_failed' }, notFailedSpans);
    if (refused.length) metrics.otlpSpans.inc({ outcome: 'rejected' }, refused.length);
    request.log.debug({ spans, traces: traces.size, stored: envelopes.length, rejectedSpans }, 'otlp export');

    const message = reasons.length
      ? `${rejectedSpans} spans refused: ${reasons.slice(0, 5).join('; ')}${reasons.length > 5 ? `; and ${reasons.length - 5} more` : ''}`
      : '';
    const body = encodeResponse(isProtobuf, rejectedSpans, message);
    return reply
      .code(200)
      .type(isProtobuf ? PROTOBUF : 'application/json')
      .send(body);
  });
}
