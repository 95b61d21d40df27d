/**
 * The types the pipeline's steps pass on (pipeline.ts composes the steps; each step file says
 * what it does). `PipelineItem` and `ItemResult` are the pipeline's public shapes, re-exported
 * by pipeline.ts unchanged.
 */
import type {
  Analysis,
  EpisodeRecord,
  EvalResultRecord,
  FaultlineRecord,
  LogRecord,
  SubjectKind,
  TraceRecord,
  VerificationResultRecord,
} from '@faultline/core';
import type { AnalysisErrorRow } from '@faultline/store';
import type { TaskResult } from '../tasks.js';

export type ItemStatus = 'analyzed' | 'accepted' | 'rejected' | 'timed_out';

/** One input of a batch: a parsed value, or the reason it could not be parsed. */
export interface PipelineItem {
  line?: number;
  value?: unknown;
  parseError?: string;
  /** The org the producer is authenticated for; it wins over the record's own org_id. */
  org?: string;
  /** An episode update (start, finalize): merged into what is known of the episode. */
  merge?: boolean;
  /**
   * Where the bus delivered it ("topic/partition/offset"): the same on every redelivery, so the
   * audit rows of the analysis it causes keep one id (audit_log.audit_id) and are one entry.
   */
  delivery?: string;
}

export interface ItemResult {
  line?: number;
  kind: string | null;
  ref: string;
  status: ItemStatus;
  analysis?: Analysis;
  error?: string;
  /** Episodes re-analyzed because this (late) eval or verification result arrived. */
  reanalyzed?: string[];
  /** Why an accepted record has no analysis. */
  failure?: 'validation_failed' | 'analyzer_error' | 'store_failed';
  /**
   * Set when the record's message must leave the stream through the transport's dead-letter
   * path (the consumer sends it there before it commits): refused by validation, or refused
   * by the store on its own.
   */
  deadLetter?: { step: 'validation' | 'store'; reason: string };
}

/** Hooks for metrics and audit; every one is optional. */
export interface PipelineObserver {
  recordValidated?(kind: string, ok: boolean, reason?: string): void;
  /** An episode record was processed (started, updated or finalized), with its status. */
  episodeSeen?(status: string): void;
  analysisFinished?(kind: SubjectKind, result: TaskResult): void;
  stored?(table: string, rows: number, ms: number): void;
  analysisStored?(analysis: Analysis): void;
  /** Rows of `table` the store refused on their own (isolated by bisection and set aside). */
  storeRefused?(table: string, rows: number): void;
}

/** A record that passed validation, with the index of the batch item it came from. */
export interface ValidRecord {
  index: number;
  org: string;
  record: FaultlineRecord;
  merge: boolean;
}

/** A record to store, with the index of the batch item it came from. */
export interface Indexed<R> {
  index: number;
  record: R;
}

export interface RecordsToStore {
  episodes: Indexed<EpisodeRecord>[];
  evals: Indexed<EvalResultRecord>[];
  verifications: Indexed<VerificationResultRecord>[];
  traces: Indexed<TraceRecord>[];
  logs: Indexed<LogRecord>[];
}

/** What one analysis task is about. */
export interface Subject {
  /** The batch item it answers (-1: a re-analysis that late results asked for). */
  itemIndex: number;
  /** The deliveries that caused this analysis (PipelineItem.delivery), when every one is known. */
  trigger?: string;
  kind: SubjectKind;
  org: string;
  ref: string;
  occurredAt: string | null;
  robotId?: string;
  service?: string;
  /** The run's dimensions: an episode's tags, a trace's from its attributes (core tags.ts). */
  tags?: Record<string, string>;
}

/** A row to store with the delivery that caused it (its audit row's id derives from it). */
export interface Traced<R> {
  row: R;
  trigger?: string;
}

/** An analysis error row, as the steps hand them on. */
export type ErrorRow = Traced<AnalysisErrorRow>;

/** The fields of an analysis_errors row that name the analyzer run. */
export function errorFields(runId: string | undefined, analyzerVersion: string): { run_id?: string; analyzer_version: string } {
  return { ...(runId ? { run_id: runId } : {}), analyzer_version: analyzerVersion };
}
