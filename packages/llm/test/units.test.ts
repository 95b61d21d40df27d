/**
 * The pieces on their own: schema conversions per provider, Retry-After, what is cut from the
 * text, the breaker's state machine.
 */
import { taxonomy } from '@faultline/core';
import t from 'tap';
import {
  answerSchema,
  CircuitBreaker,
  LIMITS,
  parseRetryAfter,
  prepareText,
  tailOf,
  toAnthropicSchema,
  toGeminiSchema,
  toOpenAiStrictSchema,
} from '../src/index.js';
import { keysDeep, PLANTED_KEY } from './helpers.js';

t.test('toGeminiSchema: the OpenAPI subset', async (t) => {
  const g = toGeminiSchema({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'x',
    type: 'object',
    additionalProperties: false,
    required: ['a', 'b', 'c'],
    properties: {
      a: { type: ['string', 'null'], minLength: 1, pattern: '^x', format: 'date-time' },
      b: { const: 'fixed' },
      c: { type: 'array', items: { type: 'integer', minimum: 0 }, maxItems: 3 },
      additionalProperties: { type: 'boolean' },
    },
  });
  t.same(g, {
    type: 'OBJECT',
    required: ['a', 'b', 'c'],
    properties: {
      a: { nullable: true, type: 'STRING' },
      b: { type: 'STRING', enum: ['fixed'] },
      c: { type: 'ARRAY', items: { type: 'INTEGER', minimum: 0 }, maxItems: 3 },
      additionalProperties: { type: 'BOOLEAN' },
    },
    propertyOrdering: ['a', 'b', 'c', 'additionalProperties'],
  });
  const keys = keysDeep(toGeminiSchema(answerSchema()));
  for (const k of ['$schema', 'additionalProperties', 'minLength', 'maxLength', 'const'])
    t.notOk(keys.has(k), `answer schema: no ${k}`);
});

t.test('toOpenAiStrictSchema and toAnthropicSchema', async (t) => {
  const o = toOpenAiStrictSchema({
    type: 'object',
    properties: { a: { type: 'string', maxLength: 3 }, b: { type: 'object', properties: { c: { type: 'number' } } } },
  });
  t.same(o, {
    type: 'object',
    properties: {
      a: { type: 'string' },
      b: { type: 'object', properties: { c: { type: 'number' } }, additionalProperties: false, required: ['c'] },
    },
    additionalProperties: false,
    required: ['a', 'b'],
  });
  const a = toAnthropicSchema(answerSchema());
  t.notOk('$schema' in a);
  t.equal((a.properties as Record<string, { maxLength?: number }>).title?.maxLength, 200, 'Anthropic keeps the full schema');
  const enums = (answerSchema().properties as Record<string, { enum?: string[] }>).contributing_factor?.enum ?? [];
  t.same(new Set(enums), new Set(taxonomy.categories.flatMap((c) => c.contributing_factors)), 'factor enum = every factor');
});

t.test('parseRetryAfter: seconds or an HTTP date', async (t) => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  t.equal(parseRetryAfter('1', now), 1000);
  t.equal(parseRetryAfter(' 2.5 ', now), 2500);
  t.equal(parseRetryAfter('Tue, 24 Nov 2026 12:00:07 GMT', now), 7000);
  t.equal(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', now), 0, 'a date in the past: no wait');
  t.equal(parseRetryAfter('soon', now), undefined);
  t.equal(parseRetryAfter(undefined, now), undefined);
  t.equal(parseRetryAfter('-3', now), undefined);
});

t.test('tailOf: the last 3,000 characters, redacted, a split token dropped', async (t) => {
  const log = `${'a'.repeat(10)} ${'word '.repeat(5000)}key ${PLANTED_KEY} end`;
  const tail = tailOf(log);
  t.ok(tail.length <= LIMITS.tail);
  t.ok(tail.endsWith('key [REDACTED:api_key] end'));
  t.ok(tail.startsWith('word'), 'starts on a whole word');
  // A key split by the redaction window is dropped, not sent in part.
  const split = `${PLANTED_KEY}${' x'.repeat(LIMITS.tail * 2 - 10)}`;
  const cut = tailOf(split);
  t.notOk(cut.includes('PLANTED'), 'no piece of a key the window split');
  t.equal(tailOf(''), '');
});

t.test('prepareText: headline ≤ 500, ≤ 12 telling lines of ≤ 300, redacted', async (t) => {
  const p = prepareText({
    headline: `Error ${PLANTED_KEY} ${'h'.repeat(3000)}`,
    telling: Array.from({ length: 30 }, (_, i) => `line ${i} ${'t'.repeat(1000)}`),
    tail: 'x',
  });
  t.ok(p.headline.length <= 500);
  t.notOk(p.headline.includes('PLANTED'));
  t.equal(p.telling.length, 12);
  t.ok(p.telling.every((l) => l.length <= 300));
});

t.test('CircuitBreaker: closed → open → half-open (one trial) → closed', async (t) => {
  let now = 0;
  const states: string[] = [];
  const b = new CircuitBreaker(
    2,
    1000,
    (s) => states.push(s),
    () => now,
  );
  t.ok(b.acquire());
  b.failure();
  t.equal(b.state(), 'closed');
  b.success();
  b.failure();
  t.equal(b.state(), 'closed', 'a success in between resets the count');
  b.failure();
  t.equal(b.state(), 'open');
  t.notOk(b.acquire());
  t.equal(b.retryInMs(), 1000);
  now = 999;
  t.notOk(b.acquire());
  now = 1000;
  t.equal(b.state(), 'half_open');
  t.ok(b.acquire(), 'the trial');
  t.notOk(b.acquire(), 'only one');
  b.release();
  t.ok(b.acquire(), 'a trial that never ran frees its slot');
  b.success();
  t.equal(b.state(), 'closed');
  t.same(states, ['open', 'half_open', 'closed']);
  t.throws(() => new CircuitBreaker(0, 1));
});
