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
 */
import { DEFAULT_RULE_CONFIG, type EpisodeRuleConfig } from '@faultline/core';
import type { Store } from '@faultline/store';
import type { LlmRefiner } from './llm.js';
import type { AnalyzerPool } from './pool.js';
import { StagedState, StateCache } from './state.js';
import { analyze } from './steps/analyze.js';
import { join, stateKeysOf } from './steps/join.js';
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
}

export class Pipeline {
  readonly state: StateCache;
  private readonly rules: EpisodeRuleConfig;

  constructor(private readonly options: PipelineOptions) {
    this.state = new StateCache(options.historyWindow ?? 20);
    this.rules = { ...DEFAULT_RULE_CONFIG, ...options.rules };
  }

  async processBatch(items: PipelineItem[], runId?: string): Promise<ItemResult[]> {
    const { store, pool, observer } = this.options;
    const ctx: PersistContext = { store, observer, actor: this.options.actor ?? 'analyzer', runId };
    const deliveryOf = (index: number) => items[index]?.delivery;

    const { results, valid, rejections } = this.validate(items, runId);

    const keys = stateKeysOf(valid);
    await this.state.prefetch(store, keys.robots, keys.episodes);
    const staged = new StagedState(this.state);
    const joined = join(valid, staged, this.rules, deliveryOf, observer);

    const recordsStored = storeRecords(ctx, joined.toStore);
    recordsStored.catch(() => undefined); // awaited below; an outage there fails the batch
    const analyzed = await analyze(pool, joined.tasks, joined.subjects, observer);
    const refined = await refine(this.options.refiner, analyzed, joined.textRecords, this.options.budgetMs);
    const settled = settle({ ...refined, ...joined, deliveryOf, runId });

    const refusedRecords = await recordsStored;
    const persisted = await persist(ctx, refusedRecords, joined.toStore, settled.analyses, [...rejections, ...settled.errors]);

    staged.commit(new Set(refusedRecords.keys()));
    return report(results, settled, persisted);
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
