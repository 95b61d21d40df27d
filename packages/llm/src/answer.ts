/**
 * Validation of a model's answer: JSON first (`invalid_json`), then the shape with ajv
 * (`schema_invalid`, naming the field), then the taxonomy's words and that the factor belongs
 * to the category (`off_vocabulary`). An invalid answer is never a pattern.
 */
import { CATEGORIES, cut, cutTail, describeErrors, factorBelongs, SEVERITIES } from '@faultline/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { answerSchema, type ExtractAnswer, LIMITS } from './prompt.js';

export type AnswerCheck =
  | { ok: true; answer: ExtractAnswer }
  | { ok: false; reason: 'invalid_json' | 'schema_invalid' | 'off_vocabulary'; detail: string };

const ajv = new Ajv2020({ allErrors: true, strict: false });
/** The shape without the vocabulary (plain strings): the words are checked apart. */
const shapeValidator = ajv.compile(answerSchema(false));

/** A JSON document, also when a server without strict structured output wrapped it in a ``` fence. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; detail: string } {
  let body = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(body);
  if (fenced) body = (fenced[1] ?? '').trim();
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    const where = body.length > 80 ? `${cut(body, 60)}…${cutTail(body, 20)}` : body;
    return { ok: false, detail: `${(err as Error).message} (answer of ${text.length} chars: ${JSON.stringify(where)})` };
  }
}

export function checkAnswer(text: string, truncated = false): AnswerCheck {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return { ok: false, reason: 'invalid_json', detail: `${truncated ? 'cut at the output-token limit: ' : ''}${parsed.detail}` };
  }
  const value = parsed.value;
  if (!shapeValidator(value)) return { ok: false, reason: 'schema_invalid', detail: describeErrors(shapeValidator.errors) };
  const a = value as unknown as ExtractAnswer;
  if (!CATEGORIES.includes(a.category)) {
    return { ok: false, reason: 'off_vocabulary', detail: `category: ${JSON.stringify(a.category)} is not a taxonomy category` };
  }
  if (!(SEVERITIES as readonly string[]).includes(a.severity)) {
    return {
      ok: false,
      reason: 'off_vocabulary',
      detail: `severity: ${JSON.stringify(a.severity)} is not critical, high, medium or low`,
    };
  }
  if (!factorBelongs(a.category, a.contributing_factor)) {
    return {
      ok: false,
      reason: 'off_vocabulary',
      detail: `contributing_factor: ${JSON.stringify(a.contributing_factor)} is not a factor of category ${a.category}`,
    };
  }
  return { ok: true, answer: a };
}

export type NarrativeCheck = { ok: true; text: string } | { ok: false; reason: 'schema_invalid'; detail: string };

/** A narrative is non-empty plain text of at most 1,200 characters. */
export function checkNarrative(text: string): NarrativeCheck {
  const clean = text.trim();
  if (!clean) return { ok: false, reason: 'schema_invalid', detail: 'narrative: empty' };
  if (clean.length > LIMITS.narrativeChars) {
    return {
      ok: false,
      reason: 'schema_invalid',
      detail: `narrative: ${clean.length} characters, more than ${LIMITS.narrativeChars}`,
    };
  }
  return { ok: true, text: clean };
}
