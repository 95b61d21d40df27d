import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { checkLimits } from './limits.js';
import type { FaultlineRecord, RecordKind } from './records.js';
import { RECORD_KINDS } from './records.js';
import { admitRecord } from './redact.js';
import { tagsProblem } from './tags.js';
import { factorBelongs } from './taxonomy.js';
import { wellFormedDeep } from './text.js';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function loadSchema(name: string): Record<string, unknown> {
  return require(`@faultline/schemas/json/${name}.schema.json`) as Record<string, unknown>;
}

/** An ajv with the formats and the schemas the others refer to. */
function schemaAjv(options: ConstructorParameters<typeof Ajv2020>[0]): Ajv2020 {
  const out = new Ajv2020(options);
  addFormats(out);
  for (const name of ['vocabulary', 'finding', 'pattern']) out.addSchema(loadSchema(name));
  return out;
}

const ajv = schemaAjv({ allErrors: true, strict: false });

const recordValidators = new Map<RecordKind, ValidateFunction>(RECORD_KINDS.map((kind) => [kind, ajv.compile(loadSchema(kind))]));
const analysisValidator = ajv.compile(loadSchema('analysis'));

/**
 * The analyses' fast check (issue 18: ajv was ~7% of the analyzer worker's CPU). The same schemas
 * and formats, compiled to stop at the first error and to measure a string's length in UTF-16
 * code units (`.length`) instead of counting its code points (ajv's ucs2length), which halves the
 * check's cost. It accepts only what `analysisValidator` accepts: a string's code units are never
 * fewer than its code points, so maxLength is as strict or stricter, and every minLength of these
 * schemas is 1 (one code unit iff one code point); every other keyword is the same. An analysis it
 * refuses is checked again by `analysisValidator`, whose errors (all of them, in code points) are
 * the ones reported: the answer and the reason are the same as with `analysisValidator` alone.
 * (`unicode` is a deprecated option of ajv 8, hence its logger off: the warning is all it logs.)
 */
const analysisFastCheck = schemaAjv({ strict: false, unicode: false, logger: false }).compile(loadSchema('analysis'));

/** One readable sentence per schema error, naming the field. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'invalid';
  const parts: string[] = [];
  for (const e of errors) {
    const field = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '';
    let text: string;
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      text = `${field ? `${field}.` : ''}${missing}: required field is missing`;
    } else if (e.keyword === 'enum') {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      text = `${field || '(record)'}: must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'const') {
      text = `${field || '(record)'}: must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    } else if (e.keyword === 'additionalProperties') {
      text = `${field || '(record)'}: unexpected field ${(e.params as { additionalProperty: string }).additionalProperty}`;
    } else {
      text = `${field || '(record)'}: ${e.message ?? 'invalid'}`;
    }
    if (!parts.includes(text)) parts.push(text);
    if (parts.length >= 5) break;
  }
  return parts.join('; ');
}

export type RecordValidation = { ok: true; record: FaultlineRecord } | { ok: false; reason: string };

/**
 * Validates one input record against its kind's JSON Schema; a rejection names the field and the problem.
 * The one place records enter: an accepted record's every string and key is well-formed text
 * (text.ts: lone surrogates and NUL become U+FFFD), so nothing accepted can be refused by the store for its encoding.
 */
export function validateRecord(input: unknown): RecordValidation {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, reason: '(record): must be a JSON object' };
  }
  // Tags are checked as they arrived: invalid text in a tag is refused, not repaired (tags.ts).
  if ((input as { kind?: unknown }).kind === 'episode') {
    const problem = tagsProblem((input as { tags?: unknown }).tags);
    if (problem) return { ok: false, reason: problem };
  }
  const value = wellFormedDeep(input);
  const kind = (value as { kind?: unknown }).kind;
  if (kind === undefined) return { ok: false, reason: 'kind: required field is missing' };
  const validator = typeof kind === 'string' ? recordValidators.get(kind as RecordKind) : undefined;
  if (!validator) {
    return { ok: false, reason: `kind: must be one of ${RECORD_KINDS.map((k) => JSON.stringify(k)).join(', ')}` };
  }
  // The shared limits (limits.ts) first: a non-finite number or a too-deep value is named as such.
  const limit = checkLimits(value, kind as string);
  if (limit) return { ok: false, reason: limit };
  if (!validator(value)) return { ok: false, reason: describeErrors(validator.errors) };
  const record = value as FaultlineRecord;
  if (record.kind === 'log' && !record.error_message?.trim() && !record.logs?.trim()) {
    return { ok: false, reason: 'error_message, logs: both are empty; a log record needs at least one of them' };
  }
  return admitRecord(record);
}

export type OutputValidation = { ok: true } | { ok: false; reason: string };

/** Validates an analysis (findings and pattern) before it may be stored. */
export function validateAnalysis(analysis: unknown): OutputValidation {
  if (!analysisFastCheck(analysis) && !analysisValidator(analysis)) {
    return { ok: false, reason: describeErrors(analysisValidator.errors) };
  }
  const a = analysis as {
    findings: { code: string; category: string; contributing_factor: string }[];
    pattern?: { category: string; contributing_factor: string };
  };
  for (const f of a.findings) {
    if (!factorBelongs(f.category, f.contributing_factor)) {
      return {
        ok: false,
        reason: `findings.${f.code}: contributing_factor ${f.contributing_factor} is not a factor of category ${f.category}`,
      };
    }
  }
  if (a.pattern && !factorBelongs(a.pattern.category, a.pattern.contributing_factor)) {
    return {
      ok: false,
      reason: `pattern: contributing_factor ${a.pattern.contributing_factor} is not a factor of category ${a.pattern.category}`,
    };
  }
  return { ok: true };
}
