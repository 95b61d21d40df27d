/**
 * The pipeline every mode shares (embedded service, Kafka consumer, offline CLI):
 *   record → validation → state joins → analysis on the pool under a per-record
 *   deadline → schema validation of the output (in the worker) → store.
 * Each item ends in a typed outcome (analyzed / accepted / rejected / timed_out) instead
 * of an exception. The store step isolates what the store refuses on its own (store-isolated.ts):
 * such a record or analysis is marked for the dead-letter path (`deadLetter`) and reported as a
 * `store_failed` analysis error while the rest of the batch is stored; only a store outage fails
 * the batch (then nothing of it was acknowledged, and it is delivered again).
 */
import { createHash } from 'node:crypto';
import {
  ANALYZER_VERSION,
  type Analysis,
  cut,
  DEFAULT_ORG,
  DEFAULT_RULE_CONFIG,
  type EpisodeContext,
  type EpisodeRecord,
  type EpisodeRuleConfig,
  type EvalResultRecord,
  type FaultlineRecord,
  type LogRecord,
  looseRef,
  recordRef,
  type SubjectKind,
  type TraceRecord,
  type VerificationResultRecord,
  validateRecord,
  wellFormed,
} from '@faultline/core';
import type { AnalysisErrorRow, AnalysisRow, AuditRow, Store } from '@faultline/store';
import type { LlmRefiner } from './llm.js';
import { mergeEpisode } from './merge.js';
import type { AnalyzerPool } from './pool.js';
import { key, StateCache } from './state.js';
import { type Refused, StoreOutageError, storeIsolated } from './store-isolated.js';
import type { AnalysisTask, TaskResult } from './tasks.js';

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

/** A record to store, with the index of the batch item it came from. */
interface Indexed<R> {
  index: number;
  record: R;
}

interface RecordsToStore {
  episodes: Indexed<EpisodeRecord>[];
  evals: Indexed<EvalResultRecord>[];
  verifications: Indexed<VerificationResultRecord>[];
  traces: Indexed<TraceRecord>[];
  logs: Indexed<LogRecord>[];
}

/** Hooks for metrics and audit; every one is optional. */
export interface PipelineObserver {
  recordValidated?(kind: string, ok: boolean, reason?: string): void;
  /** An episode record was processed (started, updated or finalized), with its status. */
  episodeSeen?(status: string): void;
  analysisFinished?(kind: SubjectKind, result: TaskResult): void;
  stored?(table: string, rows: number, ms: number): void;
  analysisStored?(analysis: Analysis): void;
  analysisFailed?(row: AnalysisErrorRow): void;
  /** Rows of `table` the store refused on their own (isolated by bisection and set aside). */
  storeRefused?(table: string, rows: number): void;
}

/** A deterministic audit id: the same outcome of the same delivery gets the same id on every redelivery. */
function auditId(trigger: string | undefined, ...parts: string[]): string | undefined {
  if (trigger === undefined) return undefined;
  return createHash('sha256')
    .update([trigger, ...parts].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/**
 * failure_analysis.completed / failure_analysis.errored, one row per analysis outcome (seed
 * "Failure intelligence"). `triggers` names the deliveries that caused each analysis or error
 * row: with one, the row's audit_id is derived from it, so a redelivered batch adds no entry.
 */
function auditRows(
  analyses: AnalysisRow[],
  errors: AnalysisErrorRow[],
  actor: string,
  runId?: string,
  triggers: WeakMap<object, string> = new WeakMap(),
): AuditRow[] {
  const rows: AuditRow[] = [];
  const errored = new Set<string>();
  for (const row of analyses) {
    const a = row.analysis;
    const failedRules = a.rule_errors?.map((e) => e.code) ?? [];
    if (failedRules.length) errored.add(`${a.org_id}\u0000${a.subject_id}`);
    const action = failedRules.length ? 'failure_analysis.errored' : 'failure_analysis.completed';
    const id = auditId(triggers.get(row), a.org_id, action, a.subject_kind, a.subject_id);
    rows.push({
      ...(id ? { audit_id: id } : {}),
      org_id: a.org_id,
      action,
      actor,
      subject_kind: a.subject_kind,
      subject_id: a.subject_id,
      metadata: {
        finding_codes: a.findings.map((f) => f.code),
        analyzer_version: a.analyzer_version,
        fingerprint: a.fingerprint,
        source: a.source,
        ...(a.llm ? { llm: a.llm.status, ...(a.llm.reason ? { llm_reason: a.llm.reason } : {}) } : {}),
        ...(failedRules.length ? { failed_rules: failedRules } : {}),
        ...(runId ? { run_id: runId } : {}),
      },
    });
  }
  for (const e of errors) {
    // Rejections are not analyses; rule errors and LLM fallbacks are told by the completed row.
    if (e.error_kind === 'rejected' || e.error_kind === 'rule_error' || e.error_kind.startsWith('llm_')) continue;
    const id = auditId(triggers.get(e), e.org_id, 'failure_analysis.errored', e.subject_kind, e.subject_ref, e.error_kind);
    rows.push({
      ...(id ? { audit_id: id } : {}),
      org_id: e.org_id,
      action: 'failure_analysis.errored',
      actor,
      subject_kind: e.subject_kind,
      subject_id: e.subject_ref,
      metadata: {
        error_kind: e.error_kind,
        step: e.step,
        reason: cut(e.reason, 300),
        analyzer_version: e.analyzer_version,
        ...(runId ? { run_id: runId } : {}),
      },
    });
  }
  return rows;
}

export interface PipelineOptions {
  /** Who the audit rows name as the actor (default "analyzer"). */
  actor?: string;
  /** The LLM layer (absent: the pattern library alone). */
  refiner?: LlmRefiner;
  store: Store;
  pool: AnalyzerPool;
  budgetMs: number;
  historyWindow?: number;
  rules?: Partial<EpisodeRuleConfig>;
  observer?: PipelineObserver;
}

interface Subject {
  itemIndex: number;
  /** The deliveries that caused this analysis (PipelineItem.delivery), when every one is known. */
  trigger?: string;
  kind: SubjectKind;
  org: string;
  ref: string;
  occurredAt: string | null;
  robotId?: string;
  service?: string;
}

function kindOf(value: unknown): string | null {
  const k = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  return typeof k === 'string' ? cut(wellFormed(k), 40) : null;
}

function orgOf(value: unknown, fallback: string): string {
  const o = value && typeof value === 'object' ? (value as { org_id?: unknown }).org_id : undefined;
  return typeof o === 'string' && o ? cut(wellFormed(o), 128) : fallback;
}

export class Pipeline {
  readonly state: StateCache;
  private readonly rules: EpisodeRuleConfig;

  constructor(private readonly options: PipelineOptions) {
    this.state = new StateCache(options.store, options.historyWindow ?? 20);
    this.rules = { ...DEFAULT_RULE_CONFIG, ...options.rules };
  }

  /** Writes the batch's records, one isolated write per table: the items the store refused, by item index. */
  private async storeRecords(r: RecordsToStore): Promise<Map<number, { table: string; reason: string }>> {
    const { store } = this.options;
    const records = <R>(list: Indexed<R>[]) => list.map((x) => x.record);
    const writes = await Promise.all([
      this.isolated('episodes', r.episodes, (rows) => store.saveEpisodes(records(rows))),
      this.isolated('eval_results', r.evals, (rows) => store.saveEvalResults(records(rows))),
      this.isolated('verification_results', r.verifications, (rows) => store.saveVerificationResults(records(rows))),
      this.isolated('traces', r.traces, (rows) => store.saveTraces(records(rows))),
      this.isolated('logs', r.logs, (rows) => store.saveLogs(records(rows))),
    ]);
    const refused = new Map<number, { table: string; reason: string }>();
    for (const { table, refused: rows } of writes) for (const { row, reason } of rows) refused.set(row.index, { table, reason });
    return refused;
  }

  /** One write of `rows` through the isolation step (store-isolated.ts), timed; throws StoreOutageError on an outage. */
  private async isolated<T>(
    table: string,
    rows: T[],
    write: (rows: T[]) => Promise<void>,
  ): Promise<{ table: string; refused: Refused<T>[] }> {
    if (rows.length === 0) return { table, refused: [] };
    const { store, observer } = this.options;
    const t0 = performance.now();
    const out = await storeIsolated(rows, write, { table, probe: () => store.ping() }).catch((err) => {
      // The batch fails and comes again: the state it applied ahead of the store is reloaded from the store.
      if (err instanceof StoreOutageError) this.state.invalidate();
      throw err;
    });
    const refused = out.status === 'isolated' ? out.refused : [];
    observer?.stored?.(table, rows.length - refused.length, performance.now() - t0);
    if (refused.length > 0) observer?.storeRefused?.(table, refused.length);
    return { table, refused };
  }

  async processBatch(items: PipelineItem[], runId?: string): Promise<ItemResult[]> {
    const { store, observer } = this.options;
    const results: ItemResult[] = new Array(items.length);
    const errors: AnalysisErrorRow[] = [];
    const valid: { index: number; org: string; record: FaultlineRecord; merge: boolean }[] = [];

    // 1. Validation.
    items.forEach((item, index) => {
      const fallbackOrg = wellFormed(item.org ?? DEFAULT_ORG);
      const base = { ...(item.line !== undefined ? { line: item.line } : {}) };
      const reject = (reason: string, kind: string | null, ref: string) => {
        results[index] = {
          ...base,
          kind,
          ref,
          status: 'rejected',
          error: reason,
          deadLetter: { step: 'validation', reason },
        };
        observer?.recordValidated?.(kind ?? 'unknown', false, reason);
        errors.push({
          org_id: orgOf(item.value, fallbackOrg),
          subject_kind: kind ?? 'unknown',
          subject_ref: ref,
          error_kind: 'rejected',
          step: 'validation',
          reason,
          ...(runId ? { run_id: runId } : {}),
          analyzer_version: ANALYZER_VERSION,
        });
      };
      if (item.parseError !== undefined) {
        reject(item.parseError, null, '');
        return;
      }
      const v = validateRecord(item.value);
      if (!v.ok) {
        reject(v.reason, kindOf(item.value), looseRef(item.value));
        return;
      }
      const org = wellFormed(item.org ?? v.record.org_id ?? DEFAULT_ORG); // the envelope org too: well-formed text
      const record = { ...v.record, org_id: org } as FaultlineRecord;
      observer?.recordValidated?.(record.kind, true);
      valid.push({ index, org, record, merge: item.merge === true });
      results[index] = { ...base, kind: record.kind, ref: recordRef(record), status: 'accepted' };
    });

    // 2. State joins, in input order.
    const robots: { org: string; robot: string }[] = [];
    const episodeKeys: { org: string; episode: string }[] = [];
    for (const { org, record } of valid) {
      if (record.kind === 'episode') {
        robots.push({ org, robot: record.robot_id });
        episodeKeys.push({ org, episode: record.episode_id });
      } else if (record.kind === 'eval_result' || record.kind === 'verification_result') {
        episodeKeys.push({ org, episode: record.candidate_episode_id });
      }
    }
    await this.state.prefetch(robots, episodeKeys);

    const subjects: Subject[] = [];
    const tasks: AnalysisTask[] = [];
    /** The trace and log records, by subject id (what the LLM layer is shown). */
    const textRecords = new Map<number, TraceRecord | LogRecord>();
    // Each failed episode is analyzed with the state as of its own position in the batch
    // (the same answer whatever the batch boundaries); an eval or verification result that
    // arrives after its episode failed re-runs that episode's analysis with the newer state.
    const failedEpisodes: { index: number; org: string; ctx: EpisodeContext }[] = [];
    const toReanalyze = new Map<string, number[]>(); // episode key → indexes of the late results
    const toStore: RecordsToStore = { episodes: [], evals: [], verifications: [], traces: [], logs: [] };
    const contextOf = (org: string, record: EpisodeRecord): EpisodeContext => ({
      episode: record,
      successfulDurations: this.state.successfulDurations(org, record.robot_id, record.episode_id),
      evalResults: [...(this.state.evals.get(key(org, record.episode_id)) ?? [])],
      verificationResults: [...(this.state.verifications.get(key(org, record.episode_id)) ?? [])],
      config: this.rules,
    });

    for (const { index, org, record: input, merge } of valid) {
      let record = input;
      if (record.kind === 'episode' && merge) {
        const prev = this.state.episodes.get(key(org, record.episode_id));
        if (prev) record = mergeEpisode(prev, record);
      }
      switch (record.kind) {
        case 'episode': {
          toStore.episodes.push({ index, record });
          observer?.episodeSeen?.(record.status);
          const k = key(org, record.episode_id);
          if (record.status === 'failed') {
            failedEpisodes.push({ index, org, ctx: contextOf(org, record) });
            toReanalyze.delete(k);
          }
          this.state.applyEpisode(org, record);
          break;
        }
        case 'eval_result':
        case 'verification_result': {
          if (record.kind === 'eval_result') {
            toStore.evals.push({ index, record });
            this.state.applyEval(org, record);
          } else {
            toStore.verifications.push({ index, record });
            this.state.applyVerification(org, record);
          }
          const k = key(org, record.candidate_episode_id);
          if (this.state.episodes.get(k)?.status === 'failed') toReanalyze.set(k, [...(toReanalyze.get(k) ?? []), index]);
          break;
        }
        case 'trace':
          toStore.traces.push({ index, record });
          subjects.push({
            itemIndex: index,
            kind: 'trace',
            org,
            ref: record.trace_id,
            occurredAt: record.timestamp,
            ...(record.service ? { service: record.service } : {}),
          });
          tasks.push({ id: subjects.length - 1, kind: 'trace', record });
          textRecords.set(subjects.length - 1, record);
          break;
        case 'log':
          toStore.logs.push({ index, record });
          subjects.push({ itemIndex: index, kind: 'log', org, ref: record.log_id, occurredAt: record.timestamp ?? null });
          tasks.push({ id: subjects.length - 1, kind: 'log', record });
          textRecords.set(subjects.length - 1, record);
          break;
      }
    }

    const episodeTask = (index: number, org: string, ctx: EpisodeContext) => {
      const record = ctx.episode;
      subjects.push({
        itemIndex: index,
        kind: 'episode',
        org,
        ref: record.episode_id,
        occurredAt: record.started_at ?? record.ended_at ?? null,
        robotId: record.robot_id,
      });
      tasks.push({ id: subjects.length - 1, kind: 'episode', ctx });
    };
    for (const f of failedEpisodes) episodeTask(f.index, f.org, f.ctx);
    // Re-analyses come last, so that their (newer) analysis is the one stored.
    const lateIndexes = new Map<number, number[]>(); // subject id → late-result item indexes
    for (const [k, indexes] of toReanalyze) {
      const ep = this.state.episodes.get(k);
      if (!ep) continue;
      const org = ep.org_id ?? DEFAULT_ORG;
      episodeTask(-1, org, contextOf(org, ep));
      lateIndexes.set(subjects.length - 1, indexes);
      const deliveries = indexes.map((i) => items[i]?.delivery);
      if (deliveries.every((d) => d !== undefined)) (subjects[subjects.length - 1] as Subject).trigger = deliveries.join(',');
    }

    // 3. Analysis on the pool (output validated in the worker), while the records are stored.
    const recordsStored = this.storeRecords(toStore);
    recordsStored.catch(() => undefined); // awaited below; an outage there fails the batch
    const taskResults = await this.options.pool.run(tasks);
    const llmErrors = new Map<number, { kind: 'llm_failed' | 'llm_invalid'; reason: string }>();
    if (this.options.refiner) {
      const picked = taskResults.filter((r) => r.status === 'analyzed' && textRecords.has(r.id));
      const refined = await this.options.refiner.refine(
        picked.map((r) => ({
          analysis: (r as Extract<TaskResult, { status: 'analyzed' }>).analysis,
          record: textRecords.get(r.id) as TraceRecord | LogRecord,
          remainingMs: this.options.budgetMs - r.durationMs,
        })),
      );
      picked.forEach((r, i) => {
        const o = refined[i];
        if (!o) return;
        (r as Extract<TaskResult, { status: 'analyzed' }>).analysis = o.analysis;
        if (o.error) llmErrors.set(r.id, o.error);
      });
    }

    // 4. Outcomes.
    const analyses: { subject: Subject; row: AnalysisRow }[] = [];
    /** The delivery behind each analysis and error row (for the audit ids). */
    const triggers = new WeakMap<object, string>();
    const triggerOf = (subject: Subject): string | undefined =>
      subject.itemIndex >= 0 ? items[subject.itemIndex]?.delivery : subject.trigger;
    for (const r of taskResults) {
      const subject = subjects[r.id] as Subject;
      observer?.analysisFinished?.(subject.kind, r);
      const late = lateIndexes.get(r.id);
      if (late) {
        for (const i of late) {
          const res = results[i] as ItemResult;
          res.reanalyzed = [...(res.reanalyzed ?? []), subject.ref];
        }
      }
      const target = subject.itemIndex >= 0 ? (results[subject.itemIndex] as ItemResult) : undefined;
      const trigger = triggerOf(subject);
      const errorRow = (error_kind: AnalysisErrorRow['error_kind'], step: string, reason: string): AnalysisErrorRow => {
        const row: AnalysisErrorRow = {
          org_id: subject.org,
          subject_kind: subject.kind,
          subject_ref: subject.ref,
          error_kind,
          step,
          reason,
          ...(runId ? { run_id: runId } : {}),
          analyzer_version: ANALYZER_VERSION,
        };
        if (trigger !== undefined) triggers.set(row, trigger);
        return row;
      };
      if (r.status === 'analyzed') {
        const row: AnalysisRow = {
          analysis: r.analysis,
          occurredAt: subject.occurredAt,
          ...(subject.robotId ? { robotId: subject.robotId } : {}),
          ...(subject.service ? { service: subject.service } : {}),
        };
        if (trigger !== undefined) triggers.set(row, trigger);
        analyses.push({ subject, row });
        const llmError = llmErrors.get(r.id);
        if (llmError) errors.push(errorRow(llmError.kind, 'llm', llmError.reason));
        for (const re of r.analysis.rule_errors ?? []) {
          errors.push(errorRow('rule_error', `rule ${re.code}`, `rule ${re.code} threw: ${re.error}`));
        }
        if (target) {
          target.status = 'analyzed';
          target.analysis = r.analysis;
        }
      } else if (r.status === 'timed_out') {
        errors.push(errorRow('timed_out', r.step, r.error));
        if (target) {
          target.status = 'timed_out';
          target.error = r.error;
        }
      } else {
        const kind = r.status === 'validation_failed' ? 'validation_failed' : 'analyzer_error';
        const reason =
          r.status === 'validation_failed'
            ? `analysis output failed schema validation: ${r.error}`
            : `analyzer failed: ${r.error}`;
        errors.push(errorRow(kind, r.status === 'validation_failed' ? 'output validation' : 'analysis', reason));
        if (target) {
          // The record itself was accepted and stored; its analysis could not be.
          target.status = 'accepted';
          target.error = reason;
          target.failure = kind;
        }
      }
    }

    // 5. Store: the records (started above), then the analyses, then errors and audit rows,
    // each write isolating the rows the store refuses on their own (store-isolated.ts). A
    // refused record or analysis is dead-lettered (ItemResult.deadLetter) and reported as a
    // store_failed analysis error; an outage throws: nothing of the batch was acknowledged,
    // so it is delivered again.
    const refusedRecords = await recordsStored;
    // The state joins applied the refused records already: forget them (the store is the truth; rare).
    if (refusedRecords.size > 0) this.state.invalidate();
    const storeFailures: AnalysisErrorRow[] = [];
    for (const [index, refusal] of refusedRecords) {
      const res = results[index] as ItemResult;
      res.status = 'rejected';
      res.error = `the store refused the record: ${refusal.reason}`;
      delete res.analysis;
      res.deadLetter = { step: 'store', reason: res.error };
      storeFailures.push({
        org_id: valid.find((v) => v.index === index)?.org ?? DEFAULT_ORG,
        subject_kind: res.kind ?? 'unknown',
        subject_ref: res.ref,
        error_kind: 'store_failed',
        step: `store ${refusal.table}`,
        reason: res.error,
        ...(runId ? { run_id: runId } : {}),
        analyzer_version: ANALYZER_VERSION,
      });
    }
    // An analysis of a record the store refused is not stored (there is nothing it could describe),
    // nor a re-analysis of a refused episode that a late result in the same batch asked for.
    const refusedEpisodes = new Set(
      toStore.episodes
        .filter((e) => refusedRecords.has(e.index))
        .map((e) => key(e.record.org_id ?? DEFAULT_ORG, e.record.episode_id)),
    );
    const toWrite = analyses.filter(
      (a) =>
        !refusedRecords.has(a.subject.itemIndex) &&
        !(a.subject.kind === 'episode' && refusedEpisodes.has(key(a.subject.org, a.subject.ref))),
    );
    const analysesWrite = await this.isolated('analyses', toWrite, (rows) => store.writeAnalyses(rows.map((a) => a.row)));
    const refusedAnalyses = new Set(analysesWrite.refused.map((r) => r.row));
    for (const { row: a, reason } of analysesWrite.refused) {
      const error = `the store refused the analysis: ${reason}`;
      const target = a.subject.itemIndex >= 0 ? (results[a.subject.itemIndex] as ItemResult) : undefined;
      if (target) {
        target.status = 'accepted';
        delete target.analysis;
        target.error = error;
        target.failure = 'store_failed';
        target.deadLetter = { step: 'store', reason: error };
      }
      storeFailures.push({
        org_id: a.subject.org,
        subject_kind: a.subject.kind,
        subject_ref: a.subject.ref,
        error_kind: 'store_failed',
        step: 'store analyses',
        reason: error,
        ...(runId ? { run_id: runId } : {}),
        analyzer_version: ANALYZER_VERSION,
      });
    }
    const stored = toWrite.filter((a) => !refusedAnalyses.has(a)).map((a) => a.row);
    const allErrors = [...errors, ...storeFailures];
    const audit = auditRows(stored, allErrors, this.options.actor ?? 'analyzer', runId, triggers);
    // Rows of our own the store refuses (an error or audit row) are counted (storeRefused) and dropped.
    await Promise.all([
      this.isolated('analysis_errors', allErrors, (rows) => store.writeErrors(rows)),
      this.isolated('audit_log', audit, (rows) => store.writeAudit(rows)),
    ]);
    for (const a of stored) observer?.analysisStored?.(a.analysis);
    for (const e of allErrors) observer?.analysisFailed?.(e);
    return results;
  }
}
