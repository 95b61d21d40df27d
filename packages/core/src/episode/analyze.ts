import type { Analysis, RuleError } from '../analysis.js';
import type { Deadline } from '../deadline.js';
import { DeadlineExceeded } from '../deadline.js';
import { type Finding, rankFindings } from '../findings.js';
import { fingerprintOf, signature } from '../fingerprint.js';
import { DEFAULT_ORG } from '../records.js';
import { redact } from '../redact.js';
import { cut } from '../text.js';
import { ANALYZER_VERSION } from '../version.js';
import { type EpisodeContext, type EpisodeRule, RULES } from './rules.js';

/** The text that identifies a finding's failure across robots (its message template). */
function findingText(f: Finding): string {
  const e = f.evidence;
  for (const key of ['exception', 'reason', 'message']) {
    if (typeof e[key] === 'string') return e[key] as string;
  }
  if (Array.isArray(e.scenario_ids)) return (e.scenario_ids as string[]).join(',');
  return '';
}

/**
 * Runs the rule chain over one failed episode. A rule that throws is recorded in
 * rule_errors and the other rules' findings are kept; the deadline is checked between rules.
 */
export function analyzeEpisode(
  ctx: EpisodeContext,
  deadline?: Deadline,
  rules: readonly EpisodeRule[] = RULES,
  now: Date = new Date(),
): Analysis {
  const findings: Finding[] = [];
  const errors: RuleError[] = [];
  for (const rule of rules) {
    deadline?.check(`rule ${rule.code}`);
    try {
      const f = rule.run(ctx, findings);
      if (f) findings.push(f);
    } catch (err) {
      if (err instanceof DeadlineExceeded) throw err;
      errors.push({ code: rule.code, error: cut(redact(err instanceof Error ? err.message : String(err)), 500) });
    }
  }
  const ranked = rankFindings(findings);
  const primary = ranked[0];
  const sig = primary ? signature(primary.code, redact(findingText(primary))) : 'no_findings|';
  return {
    subject_kind: 'episode',
    subject_id: ctx.episode.episode_id,
    org_id: ctx.episode.org_id ?? DEFAULT_ORG,
    analyzer_version: ANALYZER_VERSION,
    analyzed_at: now.toISOString(),
    fingerprint: fingerprintOf(sig),
    signature: cut(sig, 500),
    findings: ranked,
    source: 'heuristic',
    ...(errors.length ? { rule_errors: errors } : {}),
  };
}
