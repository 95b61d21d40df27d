/**
 * The record examples of contract.md, one per kind, with its "..." placeholders (times) filled
 * in with real values so that they validate. One copy for every package's tests and docs.
 */
import type { EpisodeRecord, EvalResultRecord, LogRecord, TraceRecord, VerificationResultRecord } from './records.js';

export interface ContractExamples {
  episode: EpisodeRecord;
  eval_result: EvalResultRecord;
  verification_result: VerificationResultRecord;
  trace: TraceRecord;
  log: LogRecord;
}

export const CONTRACT_EXAMPLES: ContractExamples = {
  episode: {
    kind: 'episode',
    episode_id: 'ep-1',
    org_id: 'acme',
    robot_id: 'r-7',
    source: 'live',
    status: 'failed',
    started_at: '2026-11-01T10:00:00Z',
    duration_s: 41.5,
    metadata: {
      typed: [
        { type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' },
        { type: 'Battery', percent: 12.5 },
      ],
      failure_reason: 'Traceback (most recent call last): ...',
      adapter_upload_error: { adapter: 'ros2', message: 'PUT ... 503' },
      terminated: false,
      truncated: true,
      eval_run_id: 'ev-12',
    },
    tags: {
      robot_model: 'ur5e',
      firmware: '2.3.1',
      policy_version: 'pick-v14',
      site: 'lyon-2',
      environment: 'prod',
      operator: 'team-b',
    },
  },
  eval_result: {
    kind: 'eval_result',
    eval_run_id: 'ev-12',
    baseline_episode_id: 'b-1',
    candidate_episode_id: 'ep-1',
    metrics: { success_delta: -1.0, reward_delta: -0.42 },
  },
  verification_result: {
    kind: 'verification_result',
    scenario_id: 'sc-pick-place',
    candidate_episode_id: 'ep-1',
    status: 'fail',
  },
  trace: {
    kind: 'trace',
    trace_id: 't-9',
    timestamp: '2026-11-01T10:00:00Z',
    org_id: 'acme',
    service: 'support-agent',
    spans: [
      {
        span_id: 's1',
        parent_span_id: null,
        name: 'llm.chat',
        start_time: '2026-11-01T10:00:00Z',
        end_time: '2026-11-01T10:00:02Z',
        status: { code: 'ERROR', message: 'Error code: 429' },
        attributes: { 'gen_ai.request.model': 'gpt-4o' },
        events: [
          {
            name: 'exception',
            attributes: {
              'exception.type': 'openai.RateLimitError',
              'exception.message': 'Error code: 429 ...',
              'exception.stacktrace': 'Traceback ...',
            },
          },
        ],
      },
    ],
  },
  log: {
    kind: 'log',
    log_id: 'exp-1234',
    org_id: 'acme',
    timestamp: '2026-11-01T10:00:00Z',
    experiment_type: 'llm_generated_code',
    error_message: 'Forbidden import from: torchvision',
    logs: 'full log output ...',
    code_snippet: 'optional',
  },
};
