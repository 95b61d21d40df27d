/**
 * The .avsc files, offline: parsable by avsc with its default options (unambiguous unions
 * for wrapUnions 'auto'), namespace dev.faultline.v1, a doc on every field and named type,
 * optional fields as [null, …] with default null, and every field of the JSON Schemas
 * (contract.md) present under the same name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import avsc from 'avsc';
import t from 'tap';
import { AVRO_NAMESPACE, AVRO_SCHEMAS, avroSchemaDir, readAvroSchema } from '../src/index.js';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: schema documents are untyped JSON, walked freely in these tests
type Avro = Record<string, any>;
const jsonSchema = (name: string) => require(`@faultline/schemas/json/${name}.schema.json`) as Avro;

/** Every record type in a schema, depth first. */
function records(schema: unknown, out: Avro[] = []): Avro[] {
  if (Array.isArray(schema)) for (const s of schema) records(s, out);
  else if (schema && typeof schema === 'object') {
    const s = schema as Avro;
    if (s.type === 'record') {
      out.push(s);
      for (const f of s.fields) records(f.type, out);
    } else if (s.type === 'array') records(s.items, out);
    else if (s.type === 'map') records(s.values, out);
  }
  return out;
}

function recordNamed(schema: Avro, name: string): Avro {
  const r = records(schema).find((x) => x.name === name);
  if (!r) throw new Error(`no record ${name}`);
  return r;
}

t.test('one .avsc per record kind and for the analysis; each parses with avsc defaults', async (t) => {
  const files = readdirSync(avroSchemaDir())
    .filter((f) => f.endsWith('.avsc'))
    .sort();
  t.strictSame(files, AVRO_SCHEMAS.map((s) => s.file).sort());
  for (const info of AVRO_SCHEMAS) {
    const raw = JSON.parse(readAvroSchema(info.kind));
    t.equal(raw.namespace, AVRO_NAMESPACE, `${info.file}: namespace`);
    const type = avsc.Type.forSchema(raw);
    t.equal(type.name, info.fullName, `${info.file}: name`);
    // no wrapped union anywhere: plain JSON-like values encode as they are
    const wrapped = collectUnions(type).filter((u) => u.typeName === 'union:wrapped');
    t.equal(wrapped.length, 0, `${info.file}: every union is unambiguous for wrapUnions 'auto'`);
  }
});

function collectUnions(type: avsc.Type, seen = new Set<avsc.Type>(), out: avsc.Type[] = []): avsc.Type[] {
  if (seen.has(type)) return out;
  seen.add(type);
  const any = type as unknown as Avro;
  if (type.typeName.startsWith('union')) {
    out.push(type);
    for (const b of any.types) collectUnions(b, seen, out);
  } else if (type.typeName === 'record') for (const f of any.fields) collectUnions(f.type, seen, out);
  else if (type.typeName === 'array') collectUnions(any.itemsType, seen, out);
  else if (type.typeName === 'map') collectUnions(any.valuesType, seen, out);
  return out;
}

t.test('every field and named type has a doc; optional fields are [null, …] with default null', async (t) => {
  for (const info of AVRO_SCHEMAS) {
    const raw = JSON.parse(readFileSync(join(avroSchemaDir(), info.file), 'utf8'));
    for (const rec of records(raw)) {
      t.ok(typeof rec.doc === 'string' && rec.doc.length > 0, `${info.file}: record ${rec.name} has a doc`);
      for (const f of rec.fields) {
        t.ok(typeof f.doc === 'string' && f.doc.length > 0, `${info.file}: ${rec.name}.${f.name} has a doc`);
        t.match(f.name, /^[a-z][a-z0-9_]*$/, `${rec.name}.${f.name} is snake_case`);
        if (Array.isArray(f.type) && f.type.includes('null')) {
          t.equal(f.type[0], 'null', `${rec.name}.${f.name}: null first`);
          t.ok('default' in f && f.default === null, `${rec.name}.${f.name}: default null`);
        }
        const enumType = Array.isArray(f.type)
          ? f.type.find((x: Avro) => x?.type === 'enum')
          : f.type?.type === 'enum'
            ? f.type
            : undefined;
        if (enumType) t.ok(enumType.doc, `${rec.name}.${f.name}: enum ${enumType.name} has a doc`);
      }
    }
  }
});

t.test('every contract field is in the Avro schema under the same name, required ones without null', async (t) => {
  const pairs: [string, string, string][] = [
    ['episode', 'episode', 'Episode'],
    ['eval_result', 'eval_result', 'EvalResult'],
    ['verification_result', 'verification_result', 'VerificationResult'],
    ['trace', 'trace', 'Trace'],
    ['log', 'log', 'Log'],
    ['analysis', 'analysis', 'Analysis'],
    ['analysis', 'finding', 'Finding'],
    ['analysis', 'pattern', 'FailurePattern'],
  ];
  for (const [file, json, name] of pairs) {
    const rec = recordNamed(JSON.parse(readAvroSchema(file as never)), name);
    const js = jsonSchema(json);
    const names = rec.fields.map((f: Avro) => f.name);
    const wanted = Object.keys(js.properties).filter((k) => k !== 'kind');
    t.strictSame([...names].sort(), [...wanted].sort(), `${name}: the fields of ${json}.schema.json (kind is the schema's name)`);
    for (const req of (js.required as string[]).filter((k) => k !== 'kind')) {
      const f = rec.fields.find((x: Avro) => x.name === req);
      t.notOk(Array.isArray(f.type) && f.type.includes('null'), `${name}.${req} is required: not nullable`);
    }
  }
  const trace = JSON.parse(readAvroSchema('trace'));
  const spanJs = jsonSchema('trace').properties.spans.items;
  t.strictSame(
    recordNamed(trace, 'Span')
      .fields.map((f: Avro) => f.name)
      .sort(),
    Object.keys(spanJs.properties).sort(),
    'Span fields',
  );
  t.strictSame(
    recordNamed(trace, 'SpanStatus')
      .fields.map((f: Avro) => f.name)
      .sort(),
    Object.keys(spanJs.properties.status.properties).sort(),
  );
  t.strictSame(
    recordNamed(trace, 'SpanEvent')
      .fields.map((f: Avro) => f.name)
      .sort(),
    Object.keys(spanJs.properties.events.items.properties).sort(),
  );
  const pattern = jsonSchema('pattern').properties.evidence;
  const analysis = JSON.parse(readAvroSchema('analysis'));
  t.strictSame(
    recordNamed(analysis, 'PatternEvidence')
      .fields.map((f: Avro) => f.name)
      .sort(),
    Object.keys(pattern.properties).sort(),
  );
  t.strictSame(
    recordNamed(analysis, 'Signal')
      .fields.map((f: Avro) => f.name)
      .sort(),
    Object.keys(pattern.properties.signals.items.properties).sort(),
  );
});

t.test('the open bags are JSON text; attributes are maps of OTel values; the unions the brief names', async (t) => {
  const field = (file: string, rec: string, name: string) =>
    recordNamed(JSON.parse(readAvroSchema(file as never)), rec).fields.find((f: Avro) => f.name === name);
  t.strictSame(field('episode', 'Episode', 'metadata').type, ['null', 'string']);
  t.match(field('episode', 'Episode', 'metadata').doc, /JSON text/);
  t.strictSame(field('eval_result', 'EvalResult', 'metrics').type, 'string');
  t.match(field('eval_result', 'EvalResult', 'metrics').doc, /JSON text/);
  t.strictSame(field('analysis', 'Finding', 'evidence').type, 'string');
  t.strictSame(field('trace', 'Span', 'start_time').type, ['null', 'string', 'double']);
  t.strictSame(field('trace', 'Span', 'end_time').type, ['null', 'string', 'double']);
  t.strictSame(field('trace', 'SpanStatus', 'code').type, ['null', 'string', 'long']);
  const otel = ['null', 'boolean', 'double', 'string', { type: 'array', items: ['null', 'boolean', 'double', 'string'] }];
  t.strictSame(field('trace', 'Span', 'attributes').type, ['null', { type: 'map', values: otel }]);
  t.strictSame(field('trace', 'SpanEvent', 'attributes').type, ['null', { type: 'map', values: otel }]);
});
