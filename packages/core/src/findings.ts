import { FINDING_ACTION_MAX_CHARS, FINDING_DESCRIPTION_MAX_CHARS, FINDING_TITLE_MAX_CHARS } from './limits.js';
import { type ConfidenceBand, confidenceBand, SEVERITY_RANK, type Severity } from './taxonomy.js';
import { cutWithEllipsis } from './text.js';

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

/**
 * A finding with its confidence rounded and banded. Title, description and action are cut
 * to the output schema's sizes (limits.ts): a long adapter name or scenario id shortens
 * the text, it never makes the analysis invalid.
 */
export function finding(input: FindingInput): Finding {
  const confidence = Math.round(Math.min(1, Math.max(0, input.confidence)) * 100) / 100;
  return {
    ...input,
    title: cutWithEllipsis(input.title, FINDING_TITLE_MAX_CHARS),
    description: cutWithEllipsis(input.description, FINDING_DESCRIPTION_MAX_CHARS),
    suggested_action: cutWithEllipsis(input.suggested_action, FINDING_ACTION_MAX_CHARS),
    confidence,
    confidence_band: confidenceBand(confidence),
  };
}

/** Highest confidence first; ties by severity, then by code so the order is stable. */
export function rankFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      b.confidence - a.confidence || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.code.localeCompare(b.code),
  );
}
