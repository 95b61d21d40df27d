/** The input records of contract.md. Fields may be added; none may be renamed. */
import { credentialIn } from './redact.js';
import { cut, wellFormed } from './text.js';

export type RecordKind = 'episode' | 'eval_result' | 'verification_result' | 'trace' | 'log';
export const RECORD_KINDS: readonly RecordKind[] = ['episode', 'eval_result', 'verification_result', 'trace', 'log'];
export type SubjectKind = 'episode' | 'trace' | 'log';

export interface TypedPayload {
  type: string;
  [key: string]: unknown;
}

export interface EpisodeMetadata {
  typed?: TypedPayload[];
  failure_reason?: string | null;
  adapter_upload_error?: { adapter?: string; message?: string; [key: string]: unknown } | string | null;
  terminated?: boolean | null;
  truncated?: boolean | null;
  eval_run_id?: string | null;
  [key: string]: unknown;
}

export interface EpisodeRecord {
  kind: 'episode';
  episode_id: string;
  org_id?: string;
  robot_id: string;
  source?: 'live' | 'replay' | 'sim';
  status: 'running' | 'succeeded' | 'failed';
  started_at?: string;
  ended_at?: string;
  duration_s?: number;
  metadata?: EpisodeMetadata;
  /** Dimensions of the run (robot model, firmware, site, …): string → string, bounded (tags.ts). */
  tags?: Record<string, string>;
}

export interface EvalResultRecord {
  kind: 'eval_result';
  eval_run_id: string;
  org_id?: string;
  baseline_episode_id?: string;
  candidate_episode_id: string;
  metrics: { success_delta?: number; reward_delta?: number; [key: string]: unknown };
}

export interface VerificationResultRecord {
  kind: 'verification_result';
  scenario_id: string;
  org_id?: string;
  candidate_episode_id: string;
  status: 'pass' | 'fail' | 'error' | 'skipped';
  message?: string;
}

export interface SpanEvent {
  name?: string;
  attributes?: Record<string, unknown>;
}

export interface Span {
  span_id?: string;
  parent_span_id?: string | null;
  name?: string;
  start_time?: string | number;
  end_time?: string | number;
  status?: { code?: string | number; message?: string | null };
  attributes?: Record<string, unknown>;
  events?: SpanEvent[];
}

export interface TraceRecord {
  kind: 'trace';
  trace_id: string;
  timestamp: string;
  org_id?: string;
  service?: string;
  spans?: Span[];
}

export interface LogRecord {
  kind: 'log';
  log_id: string;
  org_id?: string;
  timestamp?: string;
  experiment_type?: string;
  error_message?: string | null;
  logs?: string | null;
  code_snippet?: string | null;
}

export type FaultlineRecord = EpisodeRecord | EvalResultRecord | VerificationResultRecord | TraceRecord | LogRecord;

export const DEFAULT_ORG = 'default';

/**
 * The one composite key of an org-scoped thing held in memory (a map or set keyed by org and
 * id, or org, kind and id): the parts joined by NUL. Text is made well-formed where records
 * enter (a NUL becomes U+FFFD, see text.ts), so no id can forge another org's key.
 */
export function orgKey(org: string, ...parts: string[]): string {
  return [org, ...parts].join('\u0000');
}

/** The record's own reference: the id a user would look it up by. */
export function recordRef(record: FaultlineRecord): string {
  switch (record.kind) {
    case 'episode':
      return record.episode_id;
    case 'eval_result':
      return `${record.eval_run_id}:${record.candidate_episode_id}`;
    case 'verification_result':
      return `${record.scenario_id}:${record.candidate_episode_id}`;
    case 'trace':
      return record.trace_id;
    case 'log':
      return record.log_id;
  }
}

/**
 * The partition key: episodes by robot (per-robot state stays on one consumer),
 * every other record by its own reference.
 */
export function recordKey(record: FaultlineRecord): string {
  return record.kind === 'episode' ? record.robot_id : recordRef(record);
}

/**
 * A best-effort reference for a record that failed validation (for error reports, which are
 * stored): an id that carries a credential (the reason such a record is refused) is not repeated.
 */
export function looseRef(value: unknown): string {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const k of ['episode_id', 'trace_id', 'log_id', 'eval_run_id', 'scenario_id', 'candidate_episode_id']) {
      if (typeof v[k] === 'string' && v[k]) {
        const ref = wellFormed(String(v[k]));
        return credentialIn(ref) ? '[REDACTED:credential]' : cut(ref, 256);
      }
    }
  }
  return '';
}
