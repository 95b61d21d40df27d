/**
 * The V1 rule set of the seed "Failure intelligence": nine pure functions, each with its
 * code, confidence, title, description, evidence and suggested action. Registered in one
 * place (RULES, at the bottom); adding a rule touches this file and test/episode-rules.test.ts.
 * Codes never change meaning.
 */
import { type Finding, finding } from '../findings.js';
import { classify } from '../patterns/classify.js';
import { logSources } from '../patterns/telling.js';
import type { EpisodeRecord, EvalResultRecord, TypedPayload, VerificationResultRecord } from '../records.js';
import { excerpt } from '../redact.js';

export interface EpisodeRuleConfig {
  /** A reward_delta below this is a regression (contract.md: "below the configured tolerance"). */
  rewardTolerance: number;
}

export const DEFAULT_RULE_CONFIG: EpisodeRuleConfig = { rewardTolerance: -0.05 };

/** Everything a rule may read: the episode and at most its joined rows. */
export interface EpisodeContext {
  episode: EpisodeRecord;
  /** Durations (s) of the robot's most recent successful episodes, newest first, this one excluded. */
  successfulDurations: number[];
  evalResults: EvalResultRecord[];
  verificationResults: VerificationResultRecord[];
  config: EpisodeRuleConfig;
}

export interface EpisodeRule {
  code: string;
  /** Returns a finding, or null when the rule does not fire. `prior` holds the findings of the rules before it. */
  run(ctx: EpisodeContext, prior: readonly Finding[]): Finding | null;
}

export const BATTERY_LOW_PERCENT = 15;
export const DURATION_MIN_SAMPLES = 5;
export const DURATION_FRACTION = 0.5;

function typed(ctx: EpisodeContext, type: string): TypedPayload[] {
  const list = ctx.episode.metadata?.typed;
  return Array.isArray(list) ? list.filter((p) => p && p.type === type) : [];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const explicitOutcome: EpisodeRule = {
  code: 'explicit_outcome',
  run(ctx) {
    const failed = typed(ctx, 'EpisodeOutcome').find((p) => p.success === false);
    if (!failed) return null;
    const reason = typeof failed.reason === 'string' && failed.reason ? excerpt(failed.reason, 200) : undefined;
    return finding({
      code: 'explicit_outcome',
      title: reason ? `Task not achieved: ${reason}` : 'The episode reported its own failure',
      description:
        "The SDK's EpisodeOutcome payload reports success=false: the user's own ground-truth check inside the rollout decided the run failed.",
      category: 'policy_failure',
      contributing_factor: 'task_not_achieved',
      severity: 'high',
      confidence: 0.95,
      evidence: { outcome_success: false, ...(reason ? { reason } : {}) },
      suggested_action:
        'Open the episode timeline at the end of the rollout and compare the final state with the success check that failed.',
    });
  },
};

const failureReasonInMetadata: EpisodeRule = {
  code: 'failure_reason_in_metadata',
  run(ctx) {
    const reason = ctx.episode.metadata?.failure_reason;
    if (typeof reason !== 'string' || !reason.trim()) return null;
    const firstLine = reason.trim().split(/\r?\n/)[0] ?? '';
    const sources = logSources(null, reason);
    const cls = classify('episode', sources);
    const known = cls.category !== 'unknown';
    const exceptionLine = sources.headline || firstLine;
    return finding({
      code: 'failure_reason_in_metadata',
      title: `Exception captured: ${excerpt(exceptionLine, 160)}`,
      description: known
        ? `An exception was caught by the episode context manager and stamped into metadata.failure_reason. ${cls.hypothesis}`
        : 'An exception was caught by the episode context manager and stamped into metadata.failure_reason; it matches no more specific failure pattern.',
      category: known ? cls.category : 'runtime_error',
      contributing_factor: known ? cls.factor : 'unhandled_exception',
      severity: known ? cls.severity : 'high',
      confidence: known ? Math.max(0.85, Math.min(0.95, cls.confidence)) : 0.85,
      evidence: {
        first_line: excerpt(firstLine, 300),
        exception: excerpt(exceptionLine, 300),
        ...(known ? { pattern: cls.id } : {}),
      },
      suggested_action: known ? cls.fix : 'Open the traceback in metadata.failure_reason at the first frame in your own code.',
    });
  },
};

const adapterUploadError: EpisodeRule = {
  code: 'adapter_upload_error',
  run(ctx) {
    const err = ctx.episode.metadata?.adapter_upload_error;
    if (err === undefined || err === null || err === '') return null;
    const adapter = typeof err === 'object' && typeof err.adapter === 'string' ? excerpt(err.adapter, 100) : undefined;
    const message = typeof err === 'string' ? err : typeof err.message === 'string' ? err.message : '';
    return finding({
      code: 'adapter_upload_error',
      title: `Upload to object storage failed${adapter ? ` (${adapter} adapter)` : ''}`,
      description:
        "The robot run completed, but an adapter couldn't ship the bytes to object storage. This is distinct from a policy bug: check storage connectivity first, not the policy.",
      category: 'upload_error',
      contributing_factor: 'object_storage_upload',
      severity: 'high',
      confidence: 0.9,
      evidence: { ...(adapter ? { adapter } : {}), ...(message ? { message: excerpt(message, 300) } : {}) },
      suggested_action:
        "Check object-storage connectivity and credentials from the robot's network, then re-upload the episode; the policy is not implicated.",
    });
  },
};

const replayRegression: EpisodeRule = {
  code: 'replay_regression',
  run(ctx) {
    const ep = ctx.episode;
    const evalRunId = ep.metadata?.eval_run_id;
    if (ep.source !== 'replay' || typeof evalRunId !== 'string' || !evalRunId) return null;
    const regressed = ctx.evalResults.find(
      (r) =>
        r.eval_run_id === evalRunId &&
        r.candidate_episode_id === ep.episode_id &&
        ((typeof r.metrics.success_delta === 'number' && r.metrics.success_delta < 0) ||
          (typeof r.metrics.reward_delta === 'number' && r.metrics.reward_delta < ctx.config.rewardTolerance)),
    );
    if (!regressed) return null;
    return finding({
      code: 'replay_regression',
      title: 'Candidate did worse than its baseline',
      description:
        'This episode is a replay candidate and its eval-results metrics show worse performance than the baseline. The deploy gate would block this candidate.',
      category: 'regression',
      contributing_factor: 'replay_regression',
      severity: 'high',
      confidence: 0.9,
      evidence: {
        eval_run_id: regressed.eval_run_id,
        ...(regressed.baseline_episode_id ? { baseline_episode_id: regressed.baseline_episode_id } : {}),
        ...(typeof regressed.metrics.success_delta === 'number' ? { success_delta: regressed.metrics.success_delta } : {}),
        ...(typeof regressed.metrics.reward_delta === 'number' ? { reward_delta: regressed.metrics.reward_delta } : {}),
        reward_tolerance: ctx.config.rewardTolerance,
      },
      suggested_action:
        'Open the eval run, put the baseline and candidate timelines side by side, and look for the moment where the action trajectories diverge.',
    });
  },
};

const verificationFailed: EpisodeRule = {
  code: 'verification_failed',
  run(ctx) {
    const failed = ctx.verificationResults.filter(
      (v) => v.candidate_episode_id === ctx.episode.episode_id && v.status === 'fail',
    );
    if (failed.length === 0) return null;
    const scenarios = [...new Set(failed.map((v) => v.scenario_id))].sort();
    return finding({
      code: 'verification_failed',
      title: `Verification scenario failed: ${scenarios
        .slice(0, 3)
        .map((id) => excerpt(id, 80))
        .join(', ')}${scenarios.length > 3 ? '…' : ''}`,
      description:
        'A verification result references this episode as a candidate with status "fail". The CI gate (verify check) will exit non-zero until the scenario passes.',
      category: 'verification_failure',
      contributing_factor: 'scenario_failed',
      severity: 'high',
      confidence: 0.9,
      evidence: { scenario_ids: scenarios.slice(0, 20), failed_count: failed.length },
      suggested_action: 'Re-run the failing scenario locally against this candidate and compare with the last passing candidate.',
    });
  },
};

const batteryLow: EpisodeRule = {
  code: 'battery_low',
  run(ctx) {
    const readings = typed(ctx, 'Battery')
      .map((p) => p.percent)
      .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (readings.length === 0) return null;
    const lowest = Math.min(...readings);
    if (!(lowest < BATTERY_LOW_PERCENT)) return null;
    return finding({
      code: 'battery_low',
      title: `Battery low (${lowest}%)`,
      description:
        'A Battery payload reports a charge below 15%. Robots in brownout regularly show degraded actuation, IMU drift and dropped comms, any of which read as policy failures.',
      category: 'hardware_fault',
      contributing_factor: 'battery_low',
      severity: 'medium',
      confidence: 0.6,
      evidence: { battery_percent: lowest, threshold_percent: BATTERY_LOW_PERCENT },
      suggested_action: 'Charge or swap the battery and re-run; gate episodes on a minimum charge before blaming the policy.',
    });
  },
};

const gymnasiumTruncated: EpisodeRule = {
  code: 'gymnasium_truncated',
  run(ctx) {
    const m = ctx.episode.metadata;
    if (!(m?.terminated === false && m?.truncated === true)) return null;
    return finding({
      code: 'gymnasium_truncated',
      title: 'Environment time limit hit without termination',
      description:
        'metadata.terminated is false and metadata.truncated is true: the env hit its time limit without reaching a terminal state — the classic "policy got stuck or wanders" RL failure mode.',
      category: 'policy_failure',
      contributing_factor: 'env_truncated',
      severity: 'medium',
      confidence: 0.6,
      evidence: { terminated: false, truncated: true },
      suggested_action:
        'Replay the last part of the episode and look for the policy oscillating or wandering away from the goal.',
    });
  },
};

const durationAnomaly: EpisodeRule = {
  code: 'duration_anomaly',
  run(ctx) {
    const d = ctx.episode.duration_s;
    const samples = ctx.successfulDurations;
    if (typeof d !== 'number' || samples.length < DURATION_MIN_SAMPLES) return null;
    const med = median(samples);
    if (!(d < DURATION_FRACTION * med)) return null;
    return finding({
      code: 'duration_anomaly',
      title: `Episode ended early (${d}s vs median ${Math.round(med * 10) / 10}s)`,
      description:
        "The episode lasted less than half the median of this robot's recent successful runs. That suggests an e-stop, a manual abort, an env timeout, or an exception that was not captured.",
      category: 'aborted',
      contributing_factor: 'duration_anomaly',
      severity: 'low',
      confidence: 0.35,
      evidence: { duration_s: d, median_success_s: med, samples: samples.length, fraction: DURATION_FRACTION },
      suggested_action:
        'Check the robot log around the end of the episode for an e-stop, an operator abort or an uncaught exception.',
    });
  },
};

const statusFailedNoReason: EpisodeRule = {
  code: 'status_failed_no_reason',
  run(ctx, prior) {
    if (ctx.episode.status !== 'failed' || prior.length > 0) return null;
    return finding({
      code: 'status_failed_no_reason',
      title: 'Failed, cause not pinned down',
      description:
        'The episode status is failed, but none of the rules found a cause in its metadata, eval or verification results. We could not pin it down.',
      category: 'unknown',
      contributing_factor: 'unknown',
      severity: 'low',
      confidence: 0.2,
      evidence: { status: 'failed' },
      suggested_action:
        'Record an EpisodeOutcome with a reason, or capture exceptions into metadata.failure_reason, so the next failure can be explained.',
    });
  },
};

/** The registry: every rule, in the order the seed's table lists them. The catch-all runs last. */
export const RULES: readonly EpisodeRule[] = [
  explicitOutcome,
  failureReasonInMetadata,
  adapterUploadError,
  replayRegression,
  verificationFailed,
  batteryLow,
  gymnasiumTruncated,
  durationAnomaly,
  statusFailedNoReason,
];
