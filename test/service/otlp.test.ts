/**
 * OTLP/HTTP trace ingest (`POST /v1/traces`) as an instrumented application uses it: the real
 * OpenTelemetry JS SDK records spans (a failing LLM call with the GenAI and OpenInference
 * attributes, a prompt among them) and its real OTLP exporters (protobuf, and JSON with gzip)
 * send them to the service started as an operator runs it (harness.ts). What a user notices:
 * the failure pattern of the failing trace is readable through the API, a successful trace is
 * not stored, another org's key writes only its own org, a malformed body is a 400 and the
 * service stays healthy, and — once the service stopped — the prompt and the secret sent as
 * span attributes are found in none of the store's tables, while the analysis attributes
 * (service.name, service.version, deployment.environment, gen_ai.request.model) are kept.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Store } from '@faultline/store';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import t from 'tap';
import { keyMaker, metric, metricSum, startService, until } from './harness.js';

const ADMIN = 'otlp-test-admin-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'faultline-otlp-'));
const svc = await startService('start', { FAULTLINE_DATA_DIR: dir, FAULTLINE_ADMIN_KEY: ADMIN, FAULTLINE_WORKERS: '1' });
let stopped = false;
t.teardown(async () => {
  if (!stopped) await svc.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A prompt with a secret in it: must be found nowhere in the store. */
const PROMPT = `PROMPTCANARY${randomBytes(6).toString('hex')} my api key is sk-proj-${randomBytes(20).toString('hex')}`;
/** Not a secret, in an allowed attribute (the exception message): must be found in the store (the scan works). */
const MARK = `FLOTLPMARK${randomBytes(6).toString('hex')}`;
const MODEL = `gpt-4o-otlp-${randomBytes(3).toString('hex')}`;

async function call(method: string, path: string, key: string | null, body?: unknown) {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
  let json: any = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, body: json, headers: res.headers };
}

const key = keyMaker(svc.url, ADMIN);
const producerA = await key('otlp-a', 'producer');
const engineerA = await key('otlp-a', 'ml_engineer');
const producerB = await key('otlp-b', 'producer');
const engineerB = await key('otlp-b', 'ml_engineer');

class RateLimitError extends Error {
  override name = 'openai.RateLimitError';
}

/**
 * Records, with the real SDK, one agent run: a root span and an LLM call under it. `fail`: the
 * call raises a rate-limit error (recorded exception, status ERROR). Returns the finished spans.
 */
function record(fail: boolean, service = 'support-agent'): { spans: ReadableSpan[]; traceId: string } {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': service,
      'service.version': '1.4.2',
      'deployment.environment': 'staging',
    }),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('otlp-test');
  const root = tracer.startSpan('agent.run', { attributes: { 'openinference.span.kind': 'AGENT', 'input.value': PROMPT } });
  const traceId = root.spanContext().traceId;
  const llm = tracer.startSpan(
    `chat ${MODEL}`,
    {
      attributes: {
        'gen_ai.system': 'openai',
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': MODEL,
        'openinference.span.kind': 'LLM',
        'llm.model_name': MODEL,
        'gen_ai.prompt': PROMPT,
        'llm.input_messages.0.message.content': PROMPT,
        'gen_ai.usage.input_tokens': 1234,
      },
    },
    // The LLM call is a child of the root span (no global context manager needed).
    trace.setSpan(context.active(), root),
  );
  if (fail) {
    llm.recordException(new RateLimitError(`Error code: 429 - Rate limit reached for ${MODEL} (${MARK})`));
    llm.setStatus({ code: SpanStatusCode.ERROR, message: 'Rate limit reached' });
    root.setStatus({ code: SpanStatusCode.ERROR });
  } else {
    llm.setStatus({ code: SpanStatusCode.OK });
  }
  llm.end();
  root.end();
  return { spans: memory.getFinishedSpans(), traceId };
}

/** Sends the spans with a real OTLP exporter; resolves with its export result. */
function send(exporter: SpanExporter, spans: ReadableSpan[]): Promise<{ code: number; error?: Error }> {
  return new Promise((resolve) => exporter.export(spans, (r) => resolve(r)));
}

const proto = (key: string, path = '/v1/traces', compression = CompressionAlgorithm.NONE) =>
  new ProtoExporter({ url: `${svc.url}${path}`, headers: { Authorization: `Bearer ${key}` }, compression });
const json = (key: string, compression = CompressionAlgorithm.NONE) =>
  new JsonExporter({ url: `${svc.url}/v1/traces`, headers: { Authorization: `Bearer ${key}` }, compression });

const readTrace = (id: string, key: string) =>
  until(`trace ${id} readable`, 20_000, async () => {
    const r = await call('GET', `/api/traces/${id}`, key);
    return r.status === 200 ? r.body : null;
  });

t.test('protobuf: a failing LLM call is readable as a failure pattern; a successful trace is not stored', async (t) => {
  const failed = record(true);
  const ok = record(false);
  const before = await metricSum(svc.url, 'faultline_otlp_traces_total');
  const result = await send(proto(producerA), [...failed.spans, ...ok.spans]);
  t.equal(result.code, 0, `the exporter reports success (${result.error?.message ?? 'no error'})`);

  const trace = await readTrace(failed.traceId, engineerA);
  t.equal(trace.status, 'analyzed');
  t.equal(trace.pattern.category, 'rate_limit', 'the failure pattern names the rate limit');
  // Positive control above (the failing trace of the same export is readable): the successful one is not.
  const notStored = await call('GET', `/api/traces/${ok.traceId}`, engineerA);
  t.equal(notStored.status, 404, 'the successful trace is not stored');
  const text = await (await fetch(`${svc.url}/metrics`)).text();
  t.match(text, /faultline_otlp_traces_total\{outcome="not_failed"\} [1-9]/, 'the successful trace is counted');
  t.match(text, /faultline_otlp_traces_total\{outcome="stored"\} [1-9]/, 'the failed trace is counted as stored');
  t.equal((await metricSum(svc.url, 'faultline_otlp_traces_total')) - (Number.isNaN(before) ? 0 : before), 2);
});

t.test('OTLP JSON (gzip and not) and protobuf with gzip: accepted and analyzed', async (t) => {
  for (const compression of [CompressionAlgorithm.GZIP, CompressionAlgorithm.NONE]) {
    const failed = record(true, `json-agent-${compression}`);
    const result = await send(json(producerA, compression), failed.spans);
    t.equal(result.code, 0, `${compression}: the JSON exporter reports success (${result.error?.message ?? 'no error'})`);
    const trace = await readTrace(failed.traceId, engineerA);
    t.equal(trace.pattern.category, 'rate_limit', `${compression}: analyzed`);
  }
  const gz = record(true, 'proto-gzip-agent');
  t.equal((await send(proto(producerA, '/v1/traces', CompressionAlgorithm.GZIP), gz.spans)).code, 0, 'protobuf, gzip: accepted');
  t.equal((await readTrace(gz.traceId, engineerA)).pattern.category, 'rate_limit', 'protobuf, gzip: analyzed');
});

t.test('a malformed body is a 400 and the service stays healthy', async (t) => {
  const post = (body: Buffer | string, type: string, extra: Record<string, string> = {}) =>
    fetch(`${svc.url}/v1/traces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${producerA}`, 'content-type': type, ...extra },
      body,
    });
  const garbage = Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02, 0x03]);
  const bad = await post(garbage, 'application/x-protobuf');
  t.equal(bad.status, 400, 'a truncated protobuf message is a 400');
  t.equal(bad.headers.get('content-type'), 'application/x-protobuf', 'a protobuf client gets a protobuf google.rpc.Status');
  const status = Buffer.from(await bad.arrayBuffer());
  t.equal(status[0], 0x08, 'Status.code first (field 1, varint)');
  t.equal(status[1], 3, 'INVALID_ARGUMENT');
  t.match(status.toString('utf8'), /not an OTLP ExportTraceServiceRequest in protobuf/, 'Status.message says what was wrong');
  const badJson = await post('{"resourceSpans": 7}', 'application/json');
  t.match(await badJson.json(), { error: 'bad_request', message: /resourceSpans/ }, 'a JSON client gets the JSON error');
  t.equal((await post('{"resourceSpans": [', 'application/json')).status, 400, 'broken JSON is a 400');
  t.equal(badJson.status, 400, 'a JSON body of the wrong shape is a 400');
  const notGzip = await post(garbage, 'application/x-protobuf', { 'content-encoding': 'gzip' });
  t.equal(notGzip.status, 400, 'a body that says gzip but is not is a 400');
  t.equal((await post(gzipSync(garbage), 'application/x-protobuf', { 'content-encoding': 'br' })).status, 415);
  t.equal((await fetch(`${svc.url}/healthz`)).status, 200, 'the service stays healthy');
  // Positive control: the same route accepts a well-formed export right after.
  const failed = record(true);
  t.equal((await send(proto(producerA), failed.spans)).code, 0, 'a well-formed export is accepted after the bad ones');
  await readTrace(failed.traceId, engineerA);
  const unauthenticated = await send(proto('not-a-key'), record(true).spans);
  t.not(unauthenticated.code, 0, 'an export with a wrong key fails');
  t.equal((await call('POST', '/v1/traces', 'not-a-key', { resourceSpans: [] })).status, 401, 'a wrong key is a 401');
  t.equal((await call('POST', '/v1/traces', null, { resourceSpans: [] })).status, 401, 'no key is a 401');
});

/** A protobuf varint. */
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
/** A length-delimited protobuf field. */
const field = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), varint(body.length), body]);

/**
 * An ExportTraceServiceRequest, written byte by byte from the OTLP .proto field numbers, with one
 * failing span whose `exception.detail` attribute is a kvlist nested `depth` levels deep.
 */
function deepProtobuf(depth: number, traceId: Buffer): Buffer {
  let value = field(0x0a, Buffer.from('x')); // AnyValue.string_value
  for (let i = 0; i < depth; i++) {
    const kv = Buffer.concat([field(0x0a, Buffer.from('k')), field(0x12, value)]); // KeyValue{key, value}
    value = field(0x32, field(0x0a, kv)); // AnyValue.kvlist_value{values}
  }
  const attribute = Buffer.concat([field(0x0a, Buffer.from('exception.detail')), field(0x12, value)]);
  const span = Buffer.concat([
    field(0x0a, traceId),
    field(0x12, Buffer.from('0102030405060708', 'hex')),
    field(0x2a, Buffer.from('deep')),
    field(0x4a, attribute),
    field(0x7a, Buffer.from([0x18, 0x02])), // status{code: ERROR}
  ]);
  return field(0x0a, field(0x12, field(0x12, span))); // resource_spans{scope_spans{spans}}
}

t.test('hostile nesting: an attribute nested thousands of levels deep is no 5xx, the service stays up', async (t) => {
  for (const depth of [10, 20_000]) {
    const traceId = randomBytes(16);
    const res = await fetch(`${svc.url}/v1/traces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${producerA}`, 'content-type': 'application/x-protobuf' },
      body: deepProtobuf(depth, traceId),
    });
    t.ok([200, 400].includes(res.status), `protobuf, ${depth} levels: ${res.status} (${(await res.text()).slice(0, 120)})`);
    if (depth === 10) {
      t.equal(res.status, 200, '10 levels is a valid export');
      await readTrace(traceId.toString('hex'), engineerA);
    }
    let json: unknown = { stringValue: 'x' };
    for (let i = 0; i < depth; i++) json = { kvlistValue: { values: [{ key: 'k', value: json }] } };
    const body = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"${randomBytes(16).toString('hex')}","spanId":"0102030405060708","name":"deep","status":{"code":2},"attributes":[{"key":"exception.detail","value":${depth > 1000 ? '{"stringValue":"x"}' : JSON.stringify(json)}}]}]}]}]}`;
    const deepJson =
      depth > 1000
        ? body.replace(
            '{"stringValue":"x"}',
            `${'{"kvlistValue":{"values":[{"key":"k","value":'.repeat(depth)}{"stringValue":"x"}${'}]}}'.repeat(depth)}`,
          )
        : body;
    const r = await fetch(`${svc.url}/v1/traces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${producerA}`, 'content-type': 'application/json' },
      body: deepJson,
    });
    t.ok([200, 400].includes(r.status), `JSON, ${depth} levels: ${r.status} (${(await r.text()).slice(0, 120)})`);
  }
  t.equal((await fetch(`${svc.url}/healthz`)).status, 200, 'the service stays healthy');
  const after = record(true);
  t.equal((await send(proto(producerA), after.spans)).code, 0, 'a well-formed export is accepted after');
  await readTrace(after.traceId, engineerA);
});

t.test('the route is in the OpenAPI document, protobuf and JSON bodies both named', async (t) => {
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is read field by field
  const doc: any = await (await fetch(`${svc.url}/docs/json`)).json();
  const post = doc.paths?.['/v1/traces']?.post;
  t.ok(post, 'POST /v1/traces is documented');
  t.same(Object.keys(post?.requestBody?.content ?? {}).sort(), ['application/json', 'application/x-protobuf']);
});

t.test('partial success: spans of a refused trace are counted in partialSuccess, the rest is stored', async (t) => {
  const failed = record(true);
  const ok = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'by-hand' } }] },
        scopeSpans: [
          {
            spans: [
              { traceId: 'not-hex', spanId: '0102030405060708', name: 'x', status: { code: 2 } },
              {
                traceId: failed.traceId,
                spanId: '0102030405060709',
                name: 'llm',
                startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                status: { code: 2, message: 'boom' },
                events: [
                  {
                    name: 'exception',
                    attributes: [
                      { key: 'exception.type', value: { stringValue: 'openai.RateLimitError' } },
                      { key: 'exception.message', value: { stringValue: 'Rate limit reached for gpt-4o' } },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  const r = await call('POST', '/v1/traces', producerA, ok);
  t.equal(r.status, 200);
  t.equal(String(r.body.partialSuccess?.rejectedSpans), '1', 'one span refused');
  t.match(r.body.partialSuccess?.errorMessage, /traceId/, 'the reason names the trace id');
  const trace = await readTrace(failed.traceId, engineerA);
  t.equal(trace.pattern.category, 'rate_limit', 'the valid trace of the same request is stored and analyzed');
  const all = await call('POST', '/v1/traces', producerA, { resourceSpans: [] });
  t.same(all.body, {}, 'nothing refused: no partialSuccess');
});

t.test("another org's key writes only its own org", async (t) => {
  const failed = record(true, 'org-b-agent');
  t.equal((await send(proto(producerB), failed.spans)).code, 0);
  const trace = await readTrace(failed.traceId, engineerB);
  t.equal(trace.pattern.category, 'rate_limit', 'org b reads its trace (positive control)');
  t.equal((await call('GET', `/api/traces/${failed.traceId}`, engineerA)).status, 404, 'org a does not see it');
  const named = await send(proto(producerB, '/v1/traces?org=otlp-a'), record(true).spans);
  t.not(named.code, 0, 'an org key naming another org with ?org= is refused (not moved into that org)');
  t.equal((await call('POST', '/v1/traces?org=otlp-a', producerB, { resourceSpans: [] })).status, 403, '403 names why');
});

t.test('a full bus: 503 with Retry-After, nothing refused is stored, the exporter retries and the trace lands', async (t) => {
  const bpDir = mkdtempSync(join(tmpdir(), 'faultline-otlp-bp-'));
  const bp = await startService('start', {
    FAULTLINE_DATA_DIR: bpDir,
    FAULTLINE_ADMIN_KEY: ADMIN,
    FAULTLINE_WORKERS: '1',
    FAULTLINE_BUS_CAPACITY: '10',
  });
  t.teardown(async () => {
    await bp.stop();
    rmSync(bpDir, { recursive: true, force: true });
  });
  const bpCall = (path: string, body: unknown, type = 'application/json') =>
    fetch(`${bp.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  // Ten slow records fill the bus (the analyzer holds them until they are stored).
  const slow = Array.from({ length: 10 }, (_, i) => ({
    log_id: `slow-${i}`,
    error_message: '',
    logs: `${'INFO step ok\n'.repeat(20_000)}ValueError: boom`,
  }));
  t.equal((await bpCall('/api/ingest/logs?org=default', slow)).status, 202);
  const refusedId = randomBytes(16).toString('hex');
  const otlp = {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: refusedId,
                spanId: '0102030405060708',
                name: 'llm',
                status: { code: 2 },
                events: [
                  { name: 'exception', attributes: [{ key: 'exception.type', value: { stringValue: 'openai.RateLimitError' } }] },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  const full = await bpCall('/v1/traces?org=default', otlp);
  t.equal(full.status, 503, 'a full bus answers 503');
  t.ok(Number(full.headers.get('retry-after')) >= 1, `with Retry-After (${full.headers.get('retry-after')})`);
  // The real exporter retries 503s (its own backoff) until the bus has room: the trace lands.
  const retried = record(true, 'retried-agent');
  const exporter = new ProtoExporter({ url: `${bp.url}/v1/traces?org=default`, headers: { Authorization: `Bearer ${ADMIN}` } });
  const result = await send(exporter, retried.spans);
  t.equal(result.code, 0, `the exporter's retries succeed once the bus drained (${result.error?.message ?? 'no error'})`);
  await until('the retried trace readable', 60_000, async () => {
    const r = await fetch(`${bp.url}/api/traces/${retried.traceId}?org=default`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    return r.status === 200;
  });
  const busy = await metric(bp.url, 'faultline_bus_backpressure_total');
  t.ok(busy >= 2, `the exporter met 503s and retried (${busy} answered 503 in all, 1 of them ours)`);
  const refused = await fetch(`${bp.url}/api/traces/${refusedId}?org=default`, { headers: { authorization: `Bearer ${ADMIN}` } });
  t.equal(refused.status, 404, 'the trace answered 503 was not stored (the retried one is: positive control)');
});

t.test('the prompt and its secret are found in no table; the analysis attributes are kept', async (t) => {
  await svc.stop();
  stopped = true;
  const store = await Store.open({ dataDir: dir });
  try {
    const tables = await store.rows<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = {db:String} AND engine NOT LIKE '%View%'",
      { db: store.database },
    );
    let dump = '';
    for (const { name } of tables) dump += JSON.stringify(await store.rows(`SELECT * FROM ${store.database}.${name}`));
    t.ok(dump.includes(MARK), 'the marker sent in the exception message is stored (the scan sees stored rows)');
    t.notOk(dump.includes(PROMPT.slice(0, 24)), 'the prompt is in no table');
    t.notOk(dump.includes(PROMPT.slice(-24)), "the prompt's secret is in no table");
    for (const kept of [MODEL, '1.4.2', 'deployment.environment', 'staging', 'support-agent', 'openinference.span.kind']) {
      t.ok(dump.includes(kept), `${kept} is kept for analysis`);
    }
  } finally {
    await store.close();
  }
});
