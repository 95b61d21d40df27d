import type { Analysis, FailurePattern, Signal } from '../analysis.js';
import { type Finding, finding } from '../findings.js';
import { fingerprintOf, signature } from '../fingerprint.js';
import { PATTERN_TITLE_MAX_CHARS } from '../limits.js';
import type { Classification } from '../patterns/classify.js';
import type { SubjectKind } from '../records.js';
import { excerpt, redact } from '../redact.js';
import { confidenceBand } from '../taxonomy.js';
import { cut, cutWithEllipsis } from '../text.js';
import { ANALYZER_VERSION } from '../version.js';

const ERROR_TYPE = /^\s*((?:[\w$]+\.)*[A-Z]\w*(?:Error|Exception|Fault|Failure|Exit|Interrupt)|KeyError|panic)\b:?\s*/;

/** Splits "pkg.SomeError: message" into its type and message. */
export function splitErrorType(line: string): { type: string; message: string } {
  const m = ERROR_TYPE.exec(line);
  if (!m) return { type: '', message: line };
  return { type: m[1] as string, message: line.slice(m[0].length) };
}

export interface PatternInput {
  kind: Exclude<SubjectKind, 'episode'>;
  ref: string;
  orgId: string;
  cls: Classification;
  /** The error type, when the record names one (a span's exception.type). */
  errorType?: string;
  /** The most telling text (for the summary and the fingerprint). */
  headline: string;
  where: string;
  signals: Signal[];
  excerpts: string[];
  /** Multiplier for incomplete input (a trace without spans, a bare one-liner). */
  confidenceFactor: number;
  incompleteNote?: string;
  now: Date;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Builds the pattern record, its findings and the analysis for a trace or a log. */
export function buildPatternAnalysis(input: PatternInput): Analysis {
  const { cls } = input;
  const confidence = round2(Math.min(0.97, Math.max(0.01, cls.confidence * input.confidenceFactor)));
  const rationale = cut(`${cls.rationale}${input.incompleteNote ? ` ${input.incompleteNote}` : ''}`, 300);
  const headline = excerpt(input.headline || '(no error text)', 200);
  const pattern: FailurePattern = {
    subject_ref: input.ref,
    title: cutWithEllipsis(cls.title, PATTERN_TITLE_MAX_CHARS),
    category: cls.category,
    contributing_factor: cls.factor,
    severity: cls.severity,
    summary: excerpt(`${cls.title}. ${input.where}: ${headline}`, 1000),
    root_cause_hypothesis: cls.hypothesis,
    evidence: {
      // Which part of the rules answered (patterns, structure or none); the LLM path says 'llm' in `source`.
      signals: [...input.signals.slice(0, 19), { name: 'answered_by', value: cls.answeredBy }],
      excerpts: [...new Set(input.excerpts.map((e) => excerpt(e)).filter(Boolean))].slice(0, 5),
    },
    recommended_actions: cls.actions.slice(0, 5),
    suggested_fix: cls.fix,
    confidence,
    confidence_band: confidenceBand(confidence),
    confidence_rationale: rationale,
    extracted_at: input.now.toISOString(),
    source: 'heuristic',
  };
  const primary: Finding = finding({
    code: cls.id,
    title: cls.title,
    description: cls.hypothesis,
    category: cls.category,
    contributing_factor: cls.factor,
    severity: cls.severity,
    confidence,
    evidence: {
      ...(cls.matched ? { matched: excerpt(cls.matched, 200) } : {}),
      ...(headline ? { telling_line: headline } : {}),
      rationale,
    },
    suggested_action: cls.fix,
  });
  const alternatives = cls.alternatives.map((alt) =>
    finding({
      code: alt.id,
      title: alt.title,
      description: alt.hypothesis,
      category: alt.category,
      contributing_factor: alt.factor,
      severity: alt.severity,
      confidence: Math.min(alt.confidence * input.confidenceFactor, confidence),
      evidence: { matched: excerpt(alt.matched, 200), rationale: 'A weaker reading of the same text.' },
      suggested_action: alt.fix,
    }),
  );
  const split = splitErrorType(redact(input.headline));
  const type = input.errorType || split.type || cls.id;
  const sig = signature(type, input.errorType ? redact(input.headline).replace(input.errorType, '') : split.message);
  return {
    subject_kind: input.kind,
    subject_id: input.ref,
    org_id: input.orgId,
    analyzer_version: ANALYZER_VERSION,
    analyzed_at: input.now.toISOString(),
    fingerprint: fingerprintOf(sig),
    signature: cut(sig, 500),
    findings: [primary, ...alternatives],
    pattern,
    source: 'heuristic',
  };
}
