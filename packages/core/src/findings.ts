import { type ConfidenceBand, confidenceBand, SEVERITY_RANK, type Severity } from './taxonomy.js';

/** One finding: the same shape for episodes, traces and logs (PRODUCT.md). */
export interface Finding {
  code: string;
  title: string;
  description: string;
  category: string;
  contributing_factor: string;
  severity: Severity;
  confidence: number;
  confidence_band: ConfidenceBand;
  evidence: Record<string, unknown>;
  suggested_action: string;
}

export type FindingInput = Omit<Finding, 'confidence_band'>;

export function finding(input: FindingInput): Finding {
  const confidence = Math.round(Math.min(1, Math.max(0, input.confidence)) * 100) / 100;
  return { ...input, confidence, confidence_band: confidenceBand(confidence) };
}

/** Highest confidence first; ties by severity, then by code so the order is stable. */
export function rankFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      b.confidence - a.confidence || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.code.localeCompare(b.code),
  );
}
