/**
 * The pattern that is stored: a good answer replaces the fields the model writes and keeps
 * the heuristic's evidence, subject and extraction time — except that its `answered_by` signal
 * then says `llm` (the source that answered; the rules' own reading stays in the finding's
 * evidence as `heuristic`); any failure keeps the heuristic pattern as it was, with the reason.
 */
import { confidenceBand, excerpt, type FailurePattern, factorBelongs, type Severity } from '@faultline/core';
import type { ExtractOutcome, FailureReason } from './client.js';

export interface MergeResult {
  pattern: FailurePattern;
  source: 'llm' | 'heuristic';
  /** Why the heuristic pattern stands (absent when the model's answer was taken). */
  reason?: FailureReason;
  detail?: string;
}

/** Redacted, single-spaced, at most `max` characters (the stored limits of pattern.schema.json). */
const clip = (text: string, max: number) => excerpt(text, max) || '(none)';

/** The heuristic's evidence with `answered_by` set to llm (added when absent, within the 20-signal limit). */
function answeredByLlm(evidence: FailurePattern['evidence']): FailurePattern['evidence'] {
  const signals = evidence.signals.map((s) => (s.name === 'answered_by' ? { ...s, value: 'llm' } : s));
  if (!signals.some((s) => s.name === 'answered_by')) signals.splice(19, signals.length, { name: 'answered_by', value: 'llm' });
  return { ...evidence, signals };
}

export function mergePattern(heuristic: FailurePattern, outcome: ExtractOutcome, model: string): MergeResult {
  const keep = (reason: FailureReason, detail: string): MergeResult => ({
    pattern: { ...heuristic, source: 'heuristic' },
    source: 'heuristic',
    reason,
    detail,
  });
  if (!outcome.ok) return keep(outcome.reason, outcome.detail);
  const a = outcome.answer;
  // Validated by the client already; checked again so a hand-made outcome cannot store a wrong word.
  if (!factorBelongs(a.category, a.contributing_factor)) {
    return keep('off_vocabulary', `contributing_factor ${a.contributing_factor} is not a factor of category ${a.category}`);
  }
  const confidence = Math.round(Math.min(1, Math.max(0, a.confidence)) * 100) / 100;
  const actions = a.recommended_actions.map((s) => clip(s, 500)).slice(0, 5);
  return {
    pattern: {
      ...heuristic,
      title: clip(a.title, 200),
      category: a.category,
      contributing_factor: a.contributing_factor,
      severity: a.severity as Severity,
      summary: clip(a.summary, 1000),
      root_cause_hypothesis: clip(a.root_cause_hypothesis, 1000),
      recommended_actions: actions.length > 0 ? actions : heuristic.recommended_actions,
      suggested_fix: clip(a.suggested_fix, 1000),
      confidence,
      confidence_band: confidenceBand(confidence),
      confidence_rationale: clip(`LLM ${model}: ${a.confidence_rationale}`, 300),
      evidence: answeredByLlm(heuristic.evidence),
      source: 'llm',
    },
    source: 'llm',
  };
}
