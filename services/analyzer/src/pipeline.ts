/**
 * The pipeline every mode shares (embedded service, Kafka consumer, offline CLI), as named
 * steps, one file each under steps/:
 *
 *   validate → join → (store records ∥ analyze on the pool) → refine (LLM) → settle → persist
 *   → commit the batch's state changes → report
 *
 * - validate: each item is a valid record or a rejection with its reason (dead-lettered).
 * - join: against the state as of each record's position in the batch; episode updates merge;
 *   the batch's state changes are staged (StagedState), not yet applied.
 * - store records ∥ analyze: the records are written while the pool analyzes, each record under
 *   its own deadline, its output schema-validated in the worker.
 * - refine: the LLM layer, when configured, over the trace and log analyses.
 * - settle: task results become analyses rows, analysis error rows and item outcomes.
 * - persist: analyses, errors and audit rows; rows the store refuses on their own are isolated
 *   (store-isolated.ts) and dead-lettered, the rest is stored. An outage throws
 *   `StoreOutageError`: nothing of the batch was acknowledged and it is delivered again.
 * - commit: only now do the staged state changes reach the cache (minus the keys of refused
 *   records, which the cache forgets); a batch that throws leaves the cache as it was, so its
 *   redelivery joins against the same state as its first delivery.
 * - report: one typed ItemResult per item (analyzed / accepted / rejected / timed_out).
 *
 * Overlap: `processBatch` may be called again before the previous call resolved (the CLI does,
 * with at most two batches in flight); the pool then analyzes batch N+1 while batch N is stored.
 * - Batch N+1 joins once batch N's analysis is done and N is next to store; while N is not
 *   committed, N+1 joins over N's staged view (it sees N's state changes, as it would have after
 *   N's commit).
 * - At most one batch is in flight to the store: N+1 writes nothing before N is stored and
 *   committed. Commits, and so results, acknowledgements and offsets, stay in call order.
 * - If N fails, N+1 fails too (`EarlierBatchFailedError`, nothing of it stored): it joined over
 *   a state that was never committed, and both are delivered again. If the store refused a
 *   record that changed N's state, or N joined again, N+1 joins again over the committed cache
 *   before it stores anything (the refused keys are read from the store, never from N).
 */

import { markHop } from '@faultline/bus';
import { DEFAULT_RULE_CONFIG, type EpisodeRuleConfig } from '@faultline/core';
import type { Store } from '@faultline/store';
import type { LlmRefiner } from './llm.js';
import type { AnalyzerPool } from './pool.js';
import { StagedState, StateCache } from './state.js';
import { analyze } from './steps/analyze.js';
import { type Joined, join, stateKeysOf } from './steps/join.js';
import { type PersistContext, persist, storeRecords } from './steps/persist.js';
import { refine } from './steps/refine.js';
import { report } from './steps/report.js';
import { settle } from './steps/settle.js';
import type { ErrorRow, ItemResult, PipelineItem, PipelineObserver, ValidRecord } from './steps/types.js';
import { validateItem } from './steps/validate.js';

export type { ItemResult, ItemStatus, PipelineItem, PipelineObserver } from './steps/types.js';

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
  /**
   * The store holds no records yet and only this pipeline will write to it (the CLI's temporary
   * store): the state cache then knows the whole stored state, and the state prefetch reads only
   * the keys the cache let go of (state.ts, StateCacheOptions). After a failed batch (its records
   * may be stored without its state committed) every miss is read again. Unset: every miss is read.
   */
  storeStartsEmpty?: boolean;
}

/**
 * A batch's place in line (see "Overlap" in the module comment): when the next batch may join,
 * and what it joined over.
 */
class Turn {
  /**
   * Settles once this batch's analysis is done and the batch before it is committed (this one is
   * next to store): the next batch may then join and use the pool.
   */
  readonly analyzed: Promise<void>;
  /** Resolves once this batch is stored and its state committed; rejects with its failure. */
  readonly committed: Promise<void>;
  /** The view this batch is joined in (replaced if it joins again). */
  view: StagedState | undefined;
  /** Set at commit: the view committed, and whether none of its state changes was refused. */
  result: { view: StagedState; clean: boolean } | undefined;
  done = false;
  markAnalyzed!: () => void;
  markCommitted!: (err?: unknown) => void;

  constructor() {
    this.analyzed = new Promise<void>((resolve) => {
      this.markAnalyzed = resolve;
    });
    this.committed = new Promise<void>((resolve, reject) => {
      this.markCommitted = (err) => {
        this.done = true;
        this.markAnalyzed();
        if (err === undefined) resolve();
        else reject(err);
      };
    });
    this.committed.catch(() => undefined); // the next batch, or nobody, awaits it
  }
}

/** A batch that cannot be stored because the batch before it, whose state it joined over, failed. */
export class EarlierBatchFailedError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`the batch was not stored: the batch before it failed (${reason}); both are delivered again`, { cause });
    this.name = 'EarlierBatchFailedError';
  }
}

/** A batch joined and on the pool: the analysis runs while the batch waits for its turn to store. */
interface JoinedBatch {
  joined: Joined;
  /** The view the batch joined over (undefined: the committed cache). */
  over: StagedState | undefined;
  staged: StagedState;
  analysis: Promise<Awaited<ReturnType<typeof analyze>>>;
}

export class Pipeline {
  readonly state: StateCache;
  private readonly rules: EpisodeRuleConfig;
  /** The last batch handed in (processBatch calls line up behind it). */
  private last: Turn | undefined;

  constructor(private readonly options: PipelineOptions) {
    this.state = new StateCache(options.historyWindow ?? 20, undefined, { storeStartsEmpty: options.storeStartsEmpty === true });
    this.rules = { ...DEFAULT_RULE_CONFIG, ...options.rules };
  }

  /**
   * Settles once a batch handed in now would join at once: the last batch handed in is analyzed
   * and the one before it committed (or none is in flight). Never rejects.
   */
  joinable(): Promise<void> {
    return this.last?.analyzed ?? Promise.resolve();
  }

  /**
   * Processes one batch. Calls may overlap (at most the previous call's store step runs beside
   * this call's analysis; see the module comment): results and commits stay in call order.
   */
  async processBatch(items: PipelineItem[], runId?: string): Promise<ItemResult[]> {
    const previous = this.last;
    const turn = new Turn();
    this.last = turn;
    try {
      const results = await this.run(turn, previous, items, runId);
      turn.markCommitted();
      return results;
    } catch (err) {
      // The store may now hold records of this batch whose state changes were never committed.
      this.state.distrust();
      turn.markCommitted(err);
      throw err;
    } finally {
      if (this.last === turn) this.last = undefined;
    }
  }

  private async run(turn: Turn, previous: Turn | undefined, items: PipelineItem[], runId?: string): Promise<ItemResult[]> {
    const { store, observer } = this.options;
    const ctx: PersistContext = { store, observer, actor: this.options.actor ?? 'analyzer', runId };
    const deliveryOf = (index: number) => items[index]?.delivery;

    const { results, valid, rejections } = this.validate(items, runId);

    // Join once the batch before has finished its analysis (the pool serves one batch at a time).
    await previous?.analyzed;
    let batch = await this.joinBatch(turn, previous, valid, deliveryOf);
    markHop('pipeline.joined', items);
    // Store once the batch before is stored and committed (one batch in flight to the store).
    try {
      await previous?.committed;
    } catch (err) {
      await batch.analysis;
      throw new EarlierBatchFailedError(err);
    }
    if (batch.over && !(previous?.result?.view === batch.over && previous.result.clean)) {
      // The view joined over was not committed as it was: join again, over the cache.
      await batch.analysis;
      batch = await this.joinBatch(turn, undefined, valid, deliveryOf);
    }
    const { joined, staged } = batch;

    const recordsStored = storeRecords(ctx, joined.toStore);
    recordsStored.catch(() => undefined); // awaited below; an outage there fails the batch
    const analyzed = await batch.analysis;
    markHop('pipeline.analyzed', items);
    turn.markAnalyzed();
    const refined = await refine(this.options.refiner, analyzed, joined.textRecords, this.options.budgetMs);
    const settled = settle({ ...refined, ...joined, deliveryOf, runId });

    const refusedRecords = await recordsStored;
    markHop('pipeline.recordsStored', items);
    const persisted = await persist(ctx, refusedRecords, joined.toStore, settled.analyses, [...rejections, ...settled.errors]);

    markHop('pipeline.persisted', items);
    const refused = new Set(refusedRecords.keys());
    staged.commit(refused);
    turn.result = { view: staged, clean: !staged.touches(refused) };
    return report(results, settled, persisted);
  }

  /**
   * Prefetch and join the batch over the view of the batch before (while that one is not
   * committed) or the cache, and start its analysis on the pool.
   */
  private async joinBatch(
    turn: Turn,
    previous: Turn | undefined,
    valid: ValidRecord[],
    deliveryOf: (index: number) => string | undefined,
  ): Promise<JoinedBatch> {
    const { store, pool, observer } = this.options;
    const keys = stateKeysOf(valid);
    await this.state.prefetch(store, keys.robots, keys.episodes);
    const over = previous && !previous.done ? previous.view : undefined;
    const staged = new StagedState(this.state, over);
    turn.view = staged;
    const joined = join(valid, staged, this.rules, deliveryOf, observer);
    const analysis = analyze(pool, joined.tasks, joined.subjects, observer);
    analysis.catch(() => undefined); // awaited by the caller
    return { joined, over, staged, analysis };
  }

  /** Step "validate" over the batch, in input order. */
  private validate(items: PipelineItem[], runId?: string) {
    const results: ItemResult[] = [];
    const valid: ValidRecord[] = [];
    const rejections: ErrorRow[] = [];
    items.forEach((item, index) => {
      const v = validateItem(item, index, runId);
      results.push(v.result);
      if (v.status === 'ok') {
        this.options.observer?.recordValidated?.(v.valid.record.kind, true);
        valid.push(v.valid);
      } else {
        this.options.observer?.recordValidated?.(v.kind ?? 'unknown', false, v.reason);
        rejections.push({ row: v.error });
      }
    });
    return { results, valid, rejections };
  }
}
