import type { Finding } from './findings.js';
import type { SubjectKind } from './records.js';
import type { ConfidenceBand, Severity } from './taxonomy.js';

export interface Signal {
  name: string;
  value: string | number | boolean;
}

/** The extracted failure pattern of one trace or log (pattern.schema.json). */
export interface FailurePattern {
  subject_ref: string;
  title: string;
  category: string;
  contributing_factor: string;
  severity: Severity;
  summary: string;
  root_cause_hypothesis: string;
  evidence: { signals: Signal[]; excerpts: string[] };
  recommended_actions: string[];
  suggested_fix: string;
  confidence: number;
  confidence_band: ConfidenceBand;
  confidence_rationale: string;
  extracted_at: string;
  source: 'heuristic' | 'llm';
}

export interface RuleError {
  code: string;
  error: string;
}

/** One analysis per subject (analysis.schema.json). */
export interface Analysis {
  subject_kind: SubjectKind;
  subject_id: string;
  org_id: string;
  analyzer_version: string;
  analyzed_at: string;
  fingerprint: string;
  signature: string;
  findings: Finding[];
  pattern?: FailurePattern;
  source: 'heuristic' | 'llm';
  rule_errors?: RuleError[];
  /** What the LLM layer did (absent when no LLM is configured). */
  llm?: LlmNote;
}

export interface LlmNote {
  status: 'answered' | 'cached' | 'fallback';
  provider?: string;
  model?: string;
  /** Why the heuristic result stands (fallback). */
  reason?: string;
  /** A short paragraph explaining the failure (optional, off by default). */
  narrative?: string;
}
