/**
 * One set of limits for what faultline accepts, shared by every place that checks input:
 * the JSON Schemas in schemas/json (a test keeps their maxLength values equal to these),
 * the TypeBox route schemas of ingest and the read API, Fastify's `maxParamLength`, and
 * `validateRecord` (which runs `checkLimits` below).
 *
 * Invariant: whatever ingest acknowledges can be read back and analyzed —
 * - an id of at most ID_MAX_CHARS code points fits in a read's path segment, even when
 *   every code point is percent-encoded as four UTF-8 bytes (PARAM_MAX_CHARS);
 * - ids "." and ".." are refused (URL clients normalize them away, so no read can name them);
 * - every number is finite (JSON's `1e999` parses to Infinity, which the bus cannot carry);
 * - nesting is at most MAX_DEPTH levels (deeper values overflow the serializer's stack);
 * - no key is named `__proto__`, no `constructor` holds a `prototype` (refused with a clear
 *   reason, never merged into an object's prototype);
 * - timestamps are instants the store can hold (no leap second 23:59:60, years 1900-2299).
 * Output text (finding titles, descriptions, pattern fields) is shortened to these sizes
 * with text.ts's `cutWithEllipsis`, never a reason to drop an analysis.
 */

import { cutWithEllipsis } from './text.js';

/** Ids: episode_id, robot_id, trace_id, log_id, eval_run_id, scenario_id, the episode ids results name. */
export const ID_MAX_CHARS = 256;
/** Org ids. */
export const ORG_MAX_CHARS = 128;
/** Short labels of a record (a log's experiment_type, a trace's service). */
export const LABEL_MAX_CHARS = 256;
/**
 * The longest path parameter Fastify routes (`maxParamLength`): an id of ID_MAX_CHARS code
 * points, each percent-encoded as up to 4 UTF-8 bytes of 3 characters ("%F0%9F%98%80").
 */
export const PARAM_MAX_CHARS = ID_MAX_CHARS * 12;
/** The deepest nesting of objects and arrays in a record (the record itself is level 1). */
export const MAX_DEPTH = 64;
/** The most characters of one string anywhere in a record (the body limit bounds the sum). */
export const STRING_MAX_CHARS = 16 * 1024 * 1024;

/** Output sizes (schemas/json/finding.schema.json, pattern.schema.json). */
export const FINDING_TITLE_MAX_CHARS = 300;
export const FINDING_DESCRIPTION_MAX_CHARS = 2000;
export const FINDING_ACTION_MAX_CHARS = 1000;
export const PATTERN_TITLE_MAX_CHARS = 200;

/** Timestamps the store holds (ClickHouse DateTime64's range). */
export const TIME_MIN_MS = Date.UTC(1900, 0, 1);
export const TIME_MAX_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

/** The id fields of each record kind (the ones a read names in its path, or that join to one). */
export const ID_FIELDS: Record<string, readonly string[]> = {
  episode: ['episode_id', 'robot_id'],
  eval_result: ['eval_run_id', 'candidate_episode_id', 'baseline_episode_id'],
  verification_result: ['scenario_id', 'candidate_episode_id'],
  trace: ['trace_id'],
  log: ['log_id'],
};

/** The time fields of each record kind (RFC 3339 strings the store keeps as DateTime64). */
export const TIME_FIELDS: Record<string, readonly string[]> = {
  episode: ['started_at', 'ended_at'],
  trace: ['timestamp'],
  log: ['timestamp'],
};

/** The number of code points of a string (what JSON Schema's maxLength counts). */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * A timestamp the store can hold: Date.parse reads it (RFC 3339; a leap second 23:59:60 is
 * refused, as JavaScript and ClickHouse have no such instant) and it lies in 1900-2299.
 */
export function timestampProblem(value: string): string | null {
  if (/T\d\d:\d\d:60/i.test(value)) {
    return 'a leap second (:60) is not a time faultline can store; send 23:59:59.999 instead';
  }
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) return 'not a readable RFC 3339 date-time';
  if (ms < TIME_MIN_MS || ms > TIME_MAX_MS) return 'outside the years 1900-2299 that the store holds';
  return null;
}

/** A JSON-Schema `format` validator for date-time that also applies `timestampProblem`. */
const RFC3339 = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:?\d\d)$/;
export function isStorableTimestamp(value: string): boolean {
  return RFC3339.test(value) && timestampProblem(value) === null;
}

/** The first limit a value breaks, with the field path (dot-separated) in the message. */
export function checkLimits(value: unknown, kind?: string): string | null {
  if (kind && value && typeof value === 'object') {
    for (const field of ID_FIELDS[kind] ?? []) {
      const id = (value as Record<string, unknown>)[field];
      if (id === '.' || id === '..') return `${field}: "${id}" cannot be named in a URL path; choose another id`;
    }
    for (const field of TIME_FIELDS[kind] ?? []) {
      const time = (value as Record<string, unknown>)[field];
      const problem = typeof time === 'string' ? timestampProblem(time) : null;
      if (problem) return `${field}: ${problem}`;
    }
  }
  return walk(value, '', 1);
}

function walk(value: unknown, path: string, depth: number): string | null {
  const here = path || '(record)';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? null : `${here}: must be a finite number (got ${String(value)})`;
  }
  if (typeof value === 'string') {
    return value.length > STRING_MAX_CHARS ? `${here}: longer than ${STRING_MAX_CHARS} characters` : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) {
    return `${cutWithEllipsis(here, 80)}: nested deeper than ${MAX_DEPTH} levels (the limit for a record)`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = walk(value[i], `${path ? `${path}.` : ''}${i}`, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const at = `${path ? `${path}.` : ''}${key}`;
    if (key === '__proto__') return `${at}: a key named __proto__ is not accepted`;
    const child = (value as Record<string, unknown>)[key];
    if (key === 'constructor' && child && typeof child === 'object' && Object.hasOwn(child, 'prototype')) {
      return `${at}.prototype: a constructor.prototype key is not accepted`;
    }
    const problem = walk(child, at, depth + 1);
    if (problem) return problem;
  }
  return null;
}
