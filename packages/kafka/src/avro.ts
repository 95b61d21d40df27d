/**
 * Records and analyses as Avro in the Confluent wire format: magic byte 0, the 4-byte
 * big-endian schema id, then the Avro binary body. The schemas are schemas/avro/*.avsc
 * (namespace dev.faultline.v1), registered under `<topic>-value` (topic-name strategy)
 * with BACKWARD compatibility, so producers in any language can use their stock Confluent
 * Avro serializer.
 *
 * Conversion to and from the contract's JSON shape:
 * - the record's kind is the schema's name (there is no `kind` field on the wire);
 * - the open bags (episode `metadata`, eval `metrics`, finding `evidence`) are JSON text;
 * - an optional field is a union with null first: absent (or null) in JSON is null in
 *   Avro, and a null field is left out when decoding (null and absent mean the same);
 * - span and event attributes are maps of OTel attribute values (null, boolean, number as
 *   double, string, or an array of those); a value that is none of these (an object) cannot
 *   be encoded and the encode throws, naming the attribute.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Analysis, FaultlineRecord, RecordKind } from '@faultline/core';
import { recordRef } from '@faultline/core';
import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avsc from 'avsc';
import { DEFAULT_TOPIC_PREFIX, subjectOf, topicsFor } from './topics.js';

type AvroType = avsc.Type;
type Resolver = ReturnType<AvroType['createResolver']>;

const require = createRequire(import.meta.url);

/** The Avro namespace of every faultline schema. */
export const AVRO_NAMESPACE = 'dev.faultline.v1';

/** What an Avro schema of schemas/avro describes: a record kind, or the analysis output. */
export type AvroSubjectKind = RecordKind | 'analysis';

interface SchemaInfo {
  kind: AvroSubjectKind;
  /** File in schemas/avro. */
  file: string;
  /** Full name of the top-level Avro record. */
  fullName: string;
}

/** The schema of each record kind and of the analysis: its file and its full Avro name. */
export const AVRO_SCHEMAS: readonly SchemaInfo[] = Object.freeze([
  { kind: 'episode', file: 'episode.avsc', fullName: `${AVRO_NAMESPACE}.Episode` },
  { kind: 'eval_result', file: 'eval_result.avsc', fullName: `${AVRO_NAMESPACE}.EvalResult` },
  { kind: 'verification_result', file: 'verification_result.avsc', fullName: `${AVRO_NAMESPACE}.VerificationResult` },
  { kind: 'trace', file: 'trace.avsc', fullName: `${AVRO_NAMESPACE}.Trace` },
  { kind: 'log', file: 'log.avsc', fullName: `${AVRO_NAMESPACE}.Log` },
  { kind: 'analysis', file: 'analysis.avsc', fullName: `${AVRO_NAMESPACE}.Analysis` },
] satisfies SchemaInfo[]);

/** The registry subject of a schema under a topic prefix: `<topic>-value` of the topic it is published to. */
export function avroSubject(kind: AvroSubjectKind, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  const topics = topicsFor(prefix);
  return subjectOf(kind === 'analysis' ? topics.findings : topics[kind]);
}

/** Fields holding an open JSON object as JSON text, by `<record full name>.<field>`. */
const JSON_TEXT_FIELDS: ReadonlySet<string> = new Set([
  `${AVRO_NAMESPACE}.Episode.metadata`,
  `${AVRO_NAMESPACE}.EvalResult.metrics`,
  `${AVRO_NAMESPACE}.Finding.evidence`,
  `${AVRO_NAMESPACE}.Analysis.llm`,
]);

/** The folder of the .avsc files (schemas/avro, through the @faultline/schemas package). */
export function avroSchemaDir(): string {
  return join(dirname(require.resolve('@faultline/schemas/package.json')), 'avro');
}

/** The text of one schema file of schemas/avro, as it is registered. */
export function readAvroSchema(kind: AvroSubjectKind): string {
  const info = AVRO_SCHEMAS.find((s) => s.kind === kind);
  if (!info) throw new Error(`no Avro schema for ${JSON.stringify(kind)}`);
  return readFileSync(join(avroSchemaDir(), info.file), 'utf8');
}

/** A buffer that cannot be decoded: not wire format, an unknown schema id, a foreign schema, a bad body. */
export class AvroDecodeError extends Error {
  constructor(
    message: string,
    readonly reason: 'not_wire_format' | 'unknown_schema_id' | 'foreign_schema' | 'invalid_body' | 'wrong_topic',
  ) {
    super(message);
    this.name = 'AvroDecodeError';
  }
}

/** A value that does not fit its Avro schema. */
export class AvroEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AvroEncodeError';
  }
}

interface Loaded extends SchemaInfo {
  subject: string;
  text: string;
  type: AvroType;
  id: number;
}

export interface AvroCodecOptions {
  /**
   * Set each subject's compatibility to BACKWARD and register the schemas (default true).
   * When false, the schemas must already be registered: their ids are looked up.
   */
  register?: boolean;
  /** The topic prefix whose subjects are used (default `faultline`: `faultline.episodes-value`, …). */
  prefix?: string;
}

export class AvroCodec {
  private readonly byKind = new Map<AvroSubjectKind, Loaded>();
  private readonly byFullName = new Map<string, Loaded>();
  /** Per writer schema id: how to read it into our schema. */
  private readonly readers = new Map<number, { info: Loaded; resolver: Resolver | undefined }>();

  private constructor(
    private readonly registry: SchemaRegistry,
    readonly registryUrl: string,
    loaded: Loaded[],
  ) {
    for (const l of loaded) {
      this.byKind.set(l.kind, l);
      this.byFullName.set(l.fullName, l);
    }
  }

  /**
   * Loads schemas/avro and, unless `register: false`, sets each subject's compatibility to
   * BACKWARD (`PUT /config/<subject>`) and registers the schemas, keeping their ids.
   */
  static async connect(registryUrl: string, opts: AvroCodecOptions = {}): Promise<AvroCodec> {
    const register = opts.register ?? true;
    const base = registryUrl.replace(/\/+$/, '');
    const registry = new SchemaRegistry({ host: base, clientId: 'faultline', retry: { retries: 2 } });
    const prefix = opts.prefix ?? DEFAULT_TOPIC_PREFIX;
    const loaded: Loaded[] = [];
    for (const schema of AVRO_SCHEMAS) {
      const info = { ...schema, subject: avroSubject(schema.kind, prefix) };
      const text = readAvroSchema(info.kind);
      const type = avsc.Type.forSchema(JSON.parse(text) as avsc.Schema);
      if (type.name !== info.fullName) throw new Error(`${info.file}: the schema is ${type.name}, expected ${info.fullName}`);
      const confluent = { type: SchemaType.AVRO, schema: text } as const;
      let id: number;
      try {
        if (register) {
          await setCompatibility(base, info.subject, 'BACKWARD');
          id = (await registry.register(confluent, { subject: info.subject, compatibility: COMPATIBILITY.BACKWARD })).id;
        } else {
          id = await registry.getRegistryIdBySchema(info.subject, confluent);
        }
      } catch (err) {
        const what = register ? 'register' : 'find';
        throw new Error(
          `schema registry ${base}: could not ${what} ${info.file} under subject ${info.subject}: ${errorText(err)}`,
        );
      }
      loaded.push({ ...info, text, type, id });
    }
    return new AvroCodec(registry, base, loaded);
  }

  /** The registered schema id of each subject kind. */
  schemaIds(): Record<AvroSubjectKind, number> {
    return Object.fromEntries([...this.byKind].map(([kind, l]) => [kind, l.id])) as Record<AvroSubjectKind, number>;
  }

  /** The subject of each subject kind. */
  subjects(): Record<AvroSubjectKind, string> {
    return Object.fromEntries([...this.byKind].map(([kind, l]) => [kind, l.subject])) as Record<AvroSubjectKind, string>;
  }

  /** A contract record as Confluent wire-format Avro, with the schema of its kind. */
  async encodeRecord(record: FaultlineRecord): Promise<Buffer> {
    const info = this.byKind.get(record.kind);
    if (!info || record.kind === ('analysis' as string))
      throw new AvroEncodeError(`no Avro schema for record kind ${JSON.stringify(record.kind)}`);
    return this.encode(info, record, `${record.kind} ${safeRef(record)}`);
  }

  /** An analysis as Confluent wire-format Avro (schema dev.faultline.v1.Analysis). */
  async encodeAnalysis(analysis: Analysis): Promise<Buffer> {
    return this.encode(this.need('analysis'), analysis, `analysis of ${analysis.subject_kind} ${analysis.subject_id}`);
  }

  /**
   * A record from Confluent wire-format Avro, in the contract's JSON shape (the kind from
   * the writer schema's name). Throws AvroDecodeError for bytes that are not wire format,
   * an unknown schema id, a schema that is not a faultline record, or a bad body.
   */
  async decodeRecord(buf: Buffer): Promise<FaultlineRecord> {
    const { info, value } = await this.decode(buf);
    if (info.kind === 'analysis') {
      throw new AvroDecodeError(`the message is a ${info.fullName} (an analysis), not an input record`, 'foreign_schema');
    }
    return { kind: info.kind, ...value } as unknown as FaultlineRecord;
  }

  /** An analysis from Confluent wire-format Avro. Throws AvroDecodeError like decodeRecord. */
  async decodeAnalysis(buf: Buffer): Promise<Analysis> {
    const { info, value } = await this.decode(buf);
    if (info.kind !== 'analysis') {
      throw new AvroDecodeError(`the message is a ${info.fullName} (a ${info.kind} record), not an analysis`, 'foreign_schema');
    }
    return value as unknown as Analysis;
  }

  private need(kind: AvroSubjectKind): Loaded {
    const info = this.byKind.get(kind);
    if (!info) throw new Error(`no Avro schema for ${kind}`);
    return info;
  }

  /**
   * toAvro, then avsc's toBuffer, whose writers check every value against its type as they go
   * (they throw on a misfit): the full isValid walk that names the misfits runs only then, for the
   * error's text, not on every value encoded.
   */
  private encode(info: Loaded, value: object, what: string): Buffer {
    let avro: unknown;
    try {
      avro = toAvro(info.type, value);
    } catch (err) {
      throw new AvroEncodeError(`cannot encode the ${what} as ${info.fullName}: ${(err as Error).message}`);
    }
    let body: Buffer;
    try {
      body = info.type.toBuffer(avro);
    } catch (err) {
      const problems: string[] = [];
      info.type.isValid(avro, {
        errorHook: (path: string[], v: unknown, type: AvroType) => {
          if (problems.length < 5)
            problems.push(
              `${path.join('.') || '(record)'}: ${JSON.stringify(v) ?? 'undefined'} is not a valid ${typeLabel(type)}`,
            );
        },
      });
      throw new AvroEncodeError(
        `cannot encode the ${what} as ${info.fullName}: ${problems.length ? problems.join('; ') : (err as Error).message}`,
      );
    }
    // Confluent wire format: magic byte 0, the 4-byte big-endian schema id, the body.
    const out = Buffer.allocUnsafe(5 + body.length);
    out[0] = 0;
    out.writeInt32BE(info.id, 1);
    body.copy(out, 5);
    return out;
  }

  private async decode(buf: Buffer): Promise<{ info: Loaded; value: Record<string, unknown> }> {
    if (!Buffer.isBuffer(buf))
      throw new AvroDecodeError('not Confluent wire format: the message is not a byte buffer', 'not_wire_format');
    if (buf.length < 5) {
      throw new AvroDecodeError(
        `not Confluent wire format: ${buf.length} bytes, less than the 5-byte header (magic byte 0, 4-byte schema id)`,
        'not_wire_format',
      );
    }
    if (buf[0] !== 0) {
      throw new AvroDecodeError(
        `not Confluent wire format: the first byte is 0x${(buf[0] as number).toString(16).padStart(2, '0')}, not the magic byte 0x00`,
        'not_wire_format',
      );
    }
    const id = buf.readInt32BE(1);
    const reader = this.readers.get(id) ?? (await this.readerFor(id));
    let raw: unknown;
    try {
      raw = reader.info.type.fromBuffer(buf.subarray(5), reader.resolver);
    } catch (err) {
      throw new AvroDecodeError(
        `invalid Avro body for schema id ${id} (${reader.info.fullName}): ${(err as Error).message}`,
        'invalid_body',
      );
    }
    try {
      return { info: reader.info, value: fromAvro(reader.info.type, raw) as Record<string, unknown> };
    } catch (err) {
      throw new AvroDecodeError(`invalid ${reader.info.fullName} (schema id ${id}): ${(err as Error).message}`, 'invalid_body');
    }
  }

  /** Our schema of the writer's name, and a resolver when the writer schema is another version. */
  private async readerFor(id: number): Promise<{ info: Loaded; resolver: Resolver | undefined }> {
    const cached = this.readers.get(id);
    if (cached) return cached;
    let writer: AvroType;
    try {
      writer = (await this.registry.getSchema(id)) as unknown as AvroType;
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404 || /not found/i.test(errorText(err))) {
        throw new AvroDecodeError(
          `unknown schema id ${id}: the schema registry at ${this.registryUrl} does not know it`,
          'unknown_schema_id',
        );
      }
      // the registry could not be asked: not the message's fault, let the caller retry
      throw new Error(`schema registry ${this.registryUrl}: could not fetch schema id ${id}: ${errorText(err)}`);
    }
    const name = typeof writer?.name === 'string' ? writer.name : undefined;
    const info = name ? this.byFullName.get(name) : undefined;
    if (!info || typeof writer.fingerprint !== 'function') {
      throw new AvroDecodeError(
        `schema id ${id} is ${name ?? 'not a named Avro record'}, not a faultline schema (${AVRO_NAMESPACE}.*)`,
        'foreign_schema',
      );
    }
    let resolver: Resolver | undefined;
    if (!writer.fingerprint().equals(info.type.fingerprint())) {
      try {
        resolver = info.type.createResolver(writer);
      } catch (err) {
        throw new AvroDecodeError(
          `schema id ${id} (${name}) cannot be read as this version of ${info.file}: ${(err as Error).message}`,
          'foreign_schema',
        );
      }
    }
    const entry = { info, resolver };
    this.readers.set(id, entry);
    return entry;
  }
}

// --- conversion ------------------------------------------------------------------------------

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

function typeLabel(t: AvroType): string {
  if (t.typeName.startsWith('union')) return `union of ${(t as avsc.types.UnwrappedUnionType).types.map(typeLabel).join(' | ')}`;
  return t.name ?? t.typeName;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** A value that does not fit where it is: the reason, and the path to it (built on the way out, only when thrown). */
class Misfit extends Error {
  /** Path segments from the record down: field names, `[i]`, `["key"]`. */
  readonly segments: string[] = [];
  constructor(
    readonly reason: string,
    readonly orRecord: boolean,
  ) {
    super(reason);
  }

  /** The message as it reads: `<path>: <reason>` (`(record)` for the record itself where that is said). */
  text(): string {
    let path = '';
    for (const seg of this.segments) path = seg.startsWith('[') || !path ? path + seg : `${path}.${seg}`;
    return `${path || (this.orRecord ? '(record)' : '')}: ${this.reason}`;
  }
}

/** Rethrows a Misfit from below with `seg` in front of its path. */
function within(err: unknown, seg: string): never {
  if (err instanceof Misfit) err.segments.unshift(seg);
  throw err;
}

/** The branch of an (unwrapped) union a JSON value goes to: complex values by their shape. */
function branchOf(union: AvroType, v: unknown): AvroType | null {
  const branches = (union as avsc.types.UnwrappedUnionType).types;
  if (v === null || v === undefined) {
    if (branches.some((b) => b.typeName === 'null')) return null;
    throw new Misfit(`required, found ${v === null ? 'null' : 'nothing'}`, true);
  }
  if (Array.isArray(v)) {
    const b = branches.find((t) => t.typeName === 'array');
    if (b) return b;
  } else if (isPlainObject(v)) {
    const b = branches.find((t) => t.typeName === 'record' || t.typeName === 'map');
    if (b) return b;
  } else {
    return union; // a primitive: the union picks its branch
  }
  throw new Misfit(`${describe(v)} does not fit ${typeLabel(union)}`, true);
}

/** A record type's fields, each with whether it carries an open JSON object as JSON text (JSON_TEXT_FIELDS). */
const fieldPlans = new WeakMap<AvroType, { name: string; type: AvroType; json: boolean }[]>();

function fieldsOf(type: AvroType): { name: string; type: AvroType; json: boolean }[] {
  let plan = fieldPlans.get(type);
  if (!plan) {
    plan = (type as avsc.types.RecordType).fields.map((f) => ({
      name: f.name,
      type: f.type,
      json: JSON_TEXT_FIELDS.has(`${type.name}.${f.name}`),
    }));
    fieldPlans.set(type, plan);
  }
  return plan;
}

/** A union with a string branch: a structured value where OTel allows only primitives is kept as JSON text. */
const hasStringBranch = new WeakMap<AvroType, boolean>();

/** A contract JSON value as the value avsc encodes with `type` (unwrapped unions); a misfit throws, naming its path. */
function toAvro(type: AvroType, v: unknown): unknown {
  try {
    return toAvroValue(type, v);
  } catch (err) {
    if (err instanceof Misfit) throw new Error(err.text());
    throw err;
  }
}

function toAvroValue(type: AvroType, v: unknown): unknown {
  switch (type.typeName) {
    case 'union:unwrapped': {
      let branch: ReturnType<typeof branchOf>;
      try {
        branch = branchOf(type, v);
      } catch (err) {
        let hasString = hasStringBranch.get(type);
        if (hasString === undefined) {
          hasString = (type as avsc.types.UnwrappedUnionType).types.some((b) => b.typeName === 'string');
          hasStringBranch.set(type, hasString);
        }
        if (hasString && (isPlainObject(v) || Array.isArray(v))) return JSON.stringify(v);
        throw err;
      }
      if (branch === null) return null;
      return branch === type ? v : toAvroValue(branch, v);
    }
    case 'record': {
      if (!isPlainObject(v)) throw new Misfit(`expected an object, found ${describe(v)}`, true);
      const out: Record<string, unknown> = {};
      for (const field of fieldsOf(type)) {
        const value = v[field.name];
        if (field.json) out[field.name] = value === undefined || value === null ? null : JSON.stringify(value);
        else {
          try {
            out[field.name] = toAvroValue(field.type, value);
          } catch (err) {
            within(err, field.name);
          }
        }
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(v)) throw new Misfit(`expected an array, found ${describe(v)}`, false);
      const items = (type as avsc.types.ArrayType).itemsType;
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        try {
          out[i] = toAvroValue(items, v[i]);
        } catch (err) {
          within(err, `[${i}]`);
        }
      }
      return out;
    }
    case 'map': {
      if (!isPlainObject(v)) throw new Misfit(`expected an object, found ${describe(v)}`, false);
      const values = (type as avsc.types.MapType).valuesType as AvroType;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        try {
          out[k] = toAvroValue(values, v[k]);
        } catch (err) {
          within(err, `[${JSON.stringify(k)}]`);
        }
      }
      return out;
    }
    default:
      return v === undefined ? null : v; // primitives and enums as they are; isValid reports misfits
  }
}

/** Per type: whether fromAvro gives back its values as they are (no record, so no null field to leave out and no JSON text inside). */
const asDecoded = new WeakMap<AvroType, boolean>();

function decodedAsIs(type: AvroType): boolean {
  const known = asDecoded.get(type);
  if (known !== undefined) return known;
  let plain: boolean;
  switch (type.typeName) {
    case 'record':
      plain = false;
      break;
    case 'union:unwrapped':
      plain = (type as avsc.types.UnwrappedUnionType).types.every(decodedAsIs);
      break;
    case 'array':
      plain = decodedAsIs((type as avsc.types.ArrayType).itemsType);
      break;
    case 'map':
      plain = decodedAsIs((type as avsc.types.MapType).valuesType as AvroType);
      break;
    default:
      plain = true;
  }
  asDecoded.set(type, plain);
  return plain;
}

/** A decoded Avro value in the contract's JSON shape: null record fields left out, JSON text parsed. */
function fromAvro(type: AvroType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  // Maps and arrays of primitives (span and event attributes) as avsc made them: plain objects and arrays.
  if (decodedAsIs(type)) return v;
  switch (type.typeName) {
    case 'union:unwrapped': {
      let branch: ReturnType<typeof branchOf>;
      try {
        branch = branchOf(type, v);
      } catch (err) {
        throw err instanceof Misfit ? new Error(err.text()) : err;
      }
      return branch === null || branch === type ? v : fromAvro(branch, v);
    }
    case 'record': {
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const field of fieldsOf(type)) {
        const value = src[field.name];
        if (value === null || value === undefined) continue;
        if (field.json) {
          try {
            out[field.name] = JSON.parse(value as string);
          } catch (err) {
            throw new Error(`${field.name}: not JSON text (${(err as Error).message})`);
          }
        } else {
          out[field.name] = fromAvro(field.type, value);
        }
      }
      return out;
    }
    case 'array': {
      const items = (type as avsc.types.ArrayType).itemsType;
      return (v as unknown[]).map((item) => fromAvro(items, item));
    }
    case 'map': {
      const values = (type as avsc.types.MapType).valuesType as AvroType;
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) out[k] = fromAvro(values, item);
      return out;
    }
    default:
      return v;
  }
}

// --- registry helpers -------------------------------------------------------------------------

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function safeRef(record: FaultlineRecord): string {
  try {
    return JSON.stringify(recordRef(record));
  } catch {
    return '(no reference)';
  }
}

const REGISTRY_JSON = 'application/vnd.schemaregistry.v1+json';

/** `PUT /config/<subject>`: the subject's compatibility level. */
export async function setCompatibility(registryUrl: string, subject: string, level: string): Promise<void> {
  const res = await fetch(`${registryUrl.replace(/\/+$/, '')}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': REGISTRY_JSON, accept: REGISTRY_JSON },
    body: JSON.stringify({ compatibility: level }),
  });
  if (!res.ok) throw new Error(`PUT /config/${subject} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}
