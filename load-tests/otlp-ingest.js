#!/usr/bin/env node
/**
 * `node load-tests/otlp-ingest.js [--traces N] [--spans S] [--batch B] [--connections C] [--rounds R]`:
 * OTLP/HTTP protobuf ingest (`POST /v1/traces`) against the JSON route (`POST /api/ingest/traces`)
 * with the same traces, in the same run, on one `faultline start` child process.
 *
 * Every trace is an agent run of S spans (a root, tool calls, LLM calls; the last LLM call fails
 * with a rate-limit exception), so both routes store every trace: the work behind the bus is the
 * same, the difference is decoding and conversion. Each route gets N traces per round, in
 * requests of B traces, C requests in flight; rounds alternate the routes (otlp, json, otlp, …)
 * so a drift of the machine hits both. A 503 (bus full) is retried after its Retry-After and
 * counted. Printed: acknowledged spans/s and traces/s per route (best round) and the ratio
 * OTLP / JSON. The protobuf bodies are encoded with protobufjs from the vendored .proto files.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import protobuf from 'protobufjs';
import { startService } from './lib/service.js';

const { values } = parseArgs({
  options: {
    traces: { type: 'string', default: '2000' },
    spans: { type: 'string', default: '8' },
    batch: { type: 'string', default: '50' },
    connections: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
  },
});
const N = Number(values.traces);
const S = Math.max(2, Number(values.spans));
const B = Number(values.batch);
const C = Number(values.connections);
const ROUNDS = Number(values.rounds);
const ADMIN = 'bench-admin-key-0123456789';

const protoDir = fileURLToPath(new URL('../services/ingest/proto/', import.meta.url));
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => join(protoDir, target);
root.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto');
const ExportRequest = root.lookupType('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest');

// ───────────── the traces: one model, two encodings ─────────────

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet', 'llama-3-70b'];
const ns = (ms) => String(BigInt(ms) * 1_000_000n);

/** One agent run as plain spans: {traceId, spanId, parent, name, kind, start, end, error, attributes, exception}. */
function agentRun(i) {
  const traceId = randomBytes(16).toString('hex');
  const t0 = Date.now() - 60_000 + (i % 1000);
  const model = MODELS[i % MODELS.length];
  const spans = [];
  const rootId = randomBytes(8).toString('hex');
  spans.push({ traceId, spanId: rootId, parent: null, name: 'agent.run', kind: 1, start: t0, end: t0 + 900, error: true });
  for (let k = 1; k < S; k++) {
    const last = k === S - 1;
    const llm = k % 2 === 1 || last;
    spans.push({
      traceId,
      spanId: randomBytes(8).toString('hex'),
      parent: rootId,
      name: llm ? `chat ${model}` : `tool.search_${k}`,
      kind: llm ? 3 : 1,
      start: t0 + k * 10,
      end: t0 + k * 10 + 8,
      error: last,
      attributes: llm
        ? {
            'gen_ai.system': 'openai',
            'gen_ai.request.model': model,
            'gen_ai.usage.input_tokens': 1200 + k,
            'openinference.span.kind': 'LLM',
            'gen_ai.prompt': `Summarize ticket ${i}: the customer says the order never arrived`,
          }
        : { 'tool.name': `search_${k}`, 'input.value': `query ${i}` },
      exception: last
        ? { type: 'openai.RateLimitError', message: `Error code: 429 - Rate limit reached for ${model} on requests per min` }
        : undefined,
    });
  }
  return spans;
}

const kv = (attrs) =>
  Object.entries(attrs ?? {}).map(([key, v]) => ({
    key,
    value: typeof v === 'number' ? { intValue: v } : { stringValue: String(v) },
  }));

/** A batch of runs as an OTLP protobuf ExportTraceServiceRequest. */
function otlpBody(runs) {
  const spans = runs.flat().map((s) => ({
    traceId: Buffer.from(s.traceId, 'hex'),
    spanId: Buffer.from(s.spanId, 'hex'),
    ...(s.parent ? { parentSpanId: Buffer.from(s.parent, 'hex') } : {}),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: ns(s.start),
    endTimeUnixNano: ns(s.end),
    attributes: kv(s.attributes),
    status: s.error ? { code: 2, message: 'rate limited' } : { code: 1 },
    events: s.exception
      ? [
          {
            name: 'exception',
            timeUnixNano: ns(s.end),
            attributes: kv({ 'exception.type': s.exception.type, 'exception.message': s.exception.message }),
          },
        ]
      : [],
  }));
  const request = {
    resourceSpans: [
      {
        resource: {
          attributes: kv({ 'service.name': 'support-agent', 'service.version': '1.4.2', 'deployment.environment': 'prod' }),
        },
        scopeSpans: [{ scope: { name: 'bench' }, spans }],
      },
    ],
  };
  return Buffer.from(ExportRequest.encode(ExportRequest.fromObject(request)).finish());
}

/** The same batch as faultline trace records (what a producer sends to /api/ingest/traces). */
function jsonBody(runs) {
  const iso = (ms) => new Date(ms).toISOString();
  return JSON.stringify(
    runs.map((spans) => ({
      trace_id: spans[0].traceId,
      timestamp: iso(spans[0].start),
      service: 'support-agent',
      spans: spans.map((s) => ({
        span_id: s.spanId,
        parent_span_id: s.parent,
        name: s.name,
        start_time: iso(s.start),
        end_time: iso(s.end),
        status: { code: s.error ? 'ERROR' : 'OK', ...(s.error ? { message: 'rate limited' } : {}) },
        attributes: { 'service.version': '1.4.2', 'deployment.environment': 'prod', ...s.attributes },
        ...(s.exception
          ? {
              events: [
                {
                  name: 'exception',
                  time: iso(s.end),
                  attributes: { 'exception.type': s.exception.type, 'exception.message': s.exception.message },
                },
              ],
            }
          : {}),
      })),
    })),
  );
}

// ───────────── the run ─────────────

const { url, stop } = await startService({ prefix: 'faultline-otlp-bench-', env: { FAULTLINE_ADMIN_KEY: ADMIN } });

const ROUTES = {
  otlp: { path: '/v1/traces?org=default', type: 'application/x-protobuf', encode: otlpBody },
  json: { path: '/api/ingest/traces?org=default', type: 'application/json', encode: jsonBody },
};

/** Posts N fresh traces to one route; the bodies are encoded before the clock starts. */
async function round(name) {
  const route = ROUTES[name];
  const bodies = [];
  for (let i = 0; i < N; i += B) {
    const runs = [];
    for (let j = i; j < Math.min(N, i + B); j++) runs.push(agentRun(j));
    bodies.push(route.encode(runs));
  }
  let next = 0;
  let busy = 0;
  let bytes = 0;
  const t0 = performance.now();
  const worker = async () => {
    for (;;) {
      const body = bodies[next++];
      if (body === undefined) return;
      bytes += body.length;
      for (;;) {
        const res = await fetch(`${url}${route.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': route.type },
          body,
        });
        await res.arrayBuffer();
        if (res.status === 503) {
          busy++;
          await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
          continue;
        }
        if (res.status !== 200 && res.status !== 202) throw new Error(`${name}: HTTP ${res.status}`);
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: C }, worker));
  const s = (performance.now() - t0) / 1000;
  return { traces: N / s, spans: (N * S) / s, busy, mb: bytes / 1e6 };
}

const best = { otlp: null, json: null };
try {
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of ['otlp', 'json']) {
      const x = await round(name);
      console.log(
        `round ${r + 1} ${name}: ${x.traces.toFixed(0)} traces/s, ${x.spans.toFixed(0)} spans/s (${x.mb.toFixed(1)} MB sent, ${x.busy} × 503)`,
      );
      if (!best[name] || x.traces > best[name].traces) best[name] = x;
    }
  }
  console.log(`\n${N} traces × ${S} spans per round, ${B} traces per request, ${C} in flight, best of ${ROUNDS} rounds:`);
  console.log(`OTLP protobuf /v1/traces:     ${best.otlp.traces.toFixed(0)} traces/s, ${best.otlp.spans.toFixed(0)} spans/s`);
  console.log(`JSON /api/ingest/traces:      ${best.json.traces.toFixed(0)} traces/s, ${best.json.spans.toFixed(0)} spans/s`);
  console.log(`ratio OTLP / JSON:            ${(best.otlp.traces / best.json.traces).toFixed(2)}`);
} finally {
  await stop();
}
