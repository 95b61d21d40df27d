/**
 * mergePattern: a good answer replaces the LLM-authored fields and keeps the heuristic's
 * evidence, subject and extraction time; every failure keeps the heuristic pattern.
 */
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import t from 'tap';
import { type ExtractOutcome, FAILURE_REASONS, mergePattern } from '../src/index.js';
import { GOOD, HEURISTIC } from './helpers.js';

const require = createRequire(import.meta.url);
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
ajv.addSchema(require('@faultline/schemas/json/vocabulary.schema.json'));
const validatePattern = ajv.compile(require('@faultline/schemas/json/pattern.schema.json'));

const ok = (answer = GOOD): ExtractOutcome => ({
  ok: true,
  answer,
  usage: { input_tokens: 10, output_tokens: 5 },
  attempts: 1,
  latencyMs: 12,
  costUsd: 0,
});

t.test('a good answer replaces the LLM-authored fields and keeps evidence, subject and time', async (t) => {
  const { pattern, source, reason } = mergePattern(HEURISTIC, ok(), 'gpt-test');
  t.equal(source, 'llm');
  t.equal(reason, undefined);
  t.equal(pattern.source, 'llm');
  t.equal(pattern.title, GOOD.title);
  t.equal(pattern.category, 'config_error');
  t.equal(pattern.contributing_factor, 'missing_env_var');
  t.equal(pattern.severity, 'high');
  t.equal(pattern.summary, GOOD.summary);
  t.equal(pattern.root_cause_hypothesis, GOOD.root_cause_hypothesis);
  t.same(pattern.recommended_actions, GOOD.recommended_actions);
  t.equal(pattern.suggested_fix, GOOD.suggested_fix);
  t.equal(pattern.confidence, 0.9);
  t.equal(pattern.confidence_band, 'high');
  t.match(pattern.confidence_rationale, /^LLM gpt-test: /, 'the rationale names the model');
  t.same(pattern.evidence.excerpts, HEURISTIC.evidence.excerpts, 'the evidence is kept');
  t.same(
    pattern.evidence.signals.filter((s) => s.name !== 'answered_by'),
    HEURISTIC.evidence.signals,
    'its signals too, with answered_by: llm',
  );
  t.equal(pattern.subject_ref, HEURISTIC.subject_ref);
  t.equal(pattern.extracted_at, HEURISTIC.extracted_at);
  t.equal(HEURISTIC.source, 'heuristic', 'the heuristic pattern itself is not modified');

  t.ok(validatePattern(pattern), 'the merged pattern passes pattern.schema.json');
  t.same(validatePattern.errors ?? [], []);
});

t.test('merged text is redacted and kept within the stored limits', async (t) => {
  const { pattern } = mergePattern(
    HEURISTIC,
    ok({ ...GOOD, summary: `Mail a@b.co about it. ${'x'.repeat(990)}`, confidence_rationale: 'y'.repeat(300) }),
    'some-model',
  );
  t.ok(pattern.summary.startsWith('Mail [REDACTED:email]'));
  t.ok(pattern.summary.length <= 1000);
  t.ok(pattern.confidence_rationale.length <= 300);
});

t.test('every failure keeps the heuristic pattern, with the reason', async (t) => {
  for (const reason of FAILURE_REASONS) {
    const merged = mergePattern(HEURISTIC, { ok: false, reason, detail: `because ${reason}`, attempts: 1, latencyMs: 5 }, 'm');
    t.equal(merged.source, 'heuristic', `${reason}: heuristic`);
    t.same(merged.pattern, HEURISTIC, `${reason}: the pattern unchanged`);
    t.equal(merged.reason, reason);
    t.equal(merged.detail, `because ${reason}`);
  }
});

t.test('a hand-made outcome with a factor of another category is refused', async (t) => {
  const merged = mergePattern(HEURISTIC, ok({ ...GOOD, contributing_factor: 'gpu_oom' }), 'm');
  t.equal(merged.source, 'heuristic');
  t.equal(merged.reason, 'off_vocabulary');
  t.same(merged.pattern, HEURISTIC);
});

t.test('the stored pattern says which source answered (answered_by)', async (t) => {
  const answeredBy = (p: typeof HEURISTIC) => p.evidence.signals.find((s) => s.name === 'answered_by')?.value;
  const rules = {
    ...HEURISTIC,
    evidence: { ...HEURISTIC.evidence, signals: [...HEURISTIC.evidence.signals, { name: 'answered_by', value: 'none' }] },
  };
  const taken = mergePattern(rules, ok(), 'gpt-test');
  t.equal(answeredBy(taken.pattern), 'llm', 'the model answered');
  t.same(
    taken.pattern.evidence.signals.filter((s) => s.name !== 'answered_by'),
    HEURISTIC.evidence.signals,
    'the other signals are kept',
  );
  t.equal(answeredBy(mergePattern(HEURISTIC, ok(), 'gpt-test').pattern), 'llm', 'added when the heuristic had none');
  // Control: a refused answer keeps the rules' own source.
  const kept = mergePattern(
    rules,
    { ok: false, reason: 'timeout', detail: 'slow', attempts: 1, latencyMs: 5 } as ExtractOutcome,
    'm',
  );
  t.equal(answeredBy(kept.pattern), 'none', 'a refused answer keeps the rules’ answered_by');
});
