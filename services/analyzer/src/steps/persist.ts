/**
 * Step "persist": the batch's writes, each through the isolation step (store-isolated.ts):
 * the records (started while the analysis runs), then the analyses, then the analysis errors,
 * audit rows and the dimensions rows (run_dims, the fleet insight's runs: the stored analyses'
 * failures and the stored episodes' successes, in one write per batch — each run_dims write reads
 * the previous rows and is one insert behind which two materialized views run, ~30-50 ms of
 * ClickHouse CPU whatever its size). A row the store refuses on its own is set aside with its
 * reason; everything else is stored.
 *
 * - A refused record: the item is rejected and dead-lettered (step "store"), a store_failed
 *   error row is written, and no analysis of it is stored (nor a re-analysis of a refused
 *   episode that a late result in the same batch asked for).
 * - A refused analysis: the item stays accepted, without analysis, and is dead-lettered.
 * - Refused error, audit or dimensions rows (our own rows) are counted (observer.storeRefused) and dropped.
 * - An outage throws `StoreOutageError`: the batch fails, nothing of it was acknowledged, and
 *   it is delivered again (the caller then commits none of its state changes).
 */
import { ANALYZER_VERSION, DEFAULT_ORG, type EpisodeRecord, recordRef } from '@faultline/core';
import type { AnalysisRow, Store } from '@faultline/store';
import { key } from '../state.js';
import { type Refused, storeIsolated } from '../store-isolated.js';
import { auditRows } from './audit.js';
import type { AnalyzedSubject } from './settle.js';
import { type ErrorRow, errorFields, type Indexed, type PipelineObserver, type RecordsToStore } from './types.js';

export interface PersistContext {
  store: Store;
  observer?: PipelineObserver | undefined;
  actor: string;
  runId?: string | undefined;
}

/** A record the store refused: its table, the store's reason, and what it was. */
export interface RefusedRecord {
  table: string;
  reason: string;
  org: string;
  kind: string;
  ref: string;
}

export interface Persisted {
  /** By batch item index. */
  refusedRecords: Map<number, RefusedRecord>;
  /** Analyses the store refused, with the error each item reports. */
  refusedAnalyses: { analysis: AnalyzedSubject; error: string }[];
  /** The analyses stored. */
  stored: AnalysisRow[];
}

/** Writes the batch's records, one isolated write per table: the records the store refused, by item index. */
export async function storeRecords(ctx: PersistContext, r: RecordsToStore): Promise<Map<number, RefusedRecord>> {
  const { store } = ctx;
  const records = <R>(list: Indexed<R>[]) => list.map((x) => x.record);
  const writes = await Promise.all([
    // The succeeded episodes' run_dims rows go with the batch's failure rows (persist).
    isolated(ctx, 'episodes', r.episodes, (rows) => store.saveEpisodes(records(rows), { dims: false })),
    isolated(ctx, 'eval_results', r.evals, (rows) => store.saveEvalResults(records(rows))),
    isolated(ctx, 'verification_results', r.verifications, (rows) => store.saveVerificationResults(records(rows))),
    isolated(ctx, 'traces', r.traces, (rows) => store.saveTraces(records(rows))),
    isolated(ctx, 'logs', r.logs, (rows) => store.saveLogs(records(rows))),
  ]);
  const refused = new Map<number, RefusedRecord>();
  for (const { table, refused: rows } of writes) {
    for (const { row, reason } of rows) {
      const { record } = row;
      refused.set(row.index, { table, reason, org: record.org_id ?? DEFAULT_ORG, kind: record.kind, ref: recordRef(record) });
    }
  }
  return refused;
}

/** Stores the batch's analyses, errors and audit rows, once its records are stored (see the module comment). */
export async function persist(
  ctx: PersistContext,
  refusedRecords: Map<number, RefusedRecord>,
  toStore: RecordsToStore,
  analyses: AnalyzedSubject[],
  errors: ErrorRow[],
): Promise<Persisted> {
  const storeFailures: ErrorRow[] = [...refusedRecords.values()].map((r) => ({
    row: storeFailed(ctx, r.org, r.kind, r.ref, `store ${r.table}`, `the store refused the record: ${r.reason}`),
  }));
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
  const written = await isolated(ctx, 'analyses', toWrite, (rows) => ctx.store.writeAnalyses(rows.map((a) => a.row)));
  const refusedAnalyses = written.refused.map(({ row: analysis, reason }) => {
    const error = `the store refused the analysis: ${reason}`;
    const { org, kind, ref } = analysis.subject;
    storeFailures.push({ row: storeFailed(ctx, org, kind, ref, 'store analyses', error) });
    return { analysis, error };
  });
  const refusedSet = new Set(written.refused.map((r) => r.row));
  const stored = toWrite.filter((a) => !refusedSet.has(a));
  const allErrors = [...errors, ...storeFailures];
  const audit = auditRows(stored, allErrors, ctx.actor, ctx.runId);
  // One run_dims write per batch: the stored episodes (the succeeded ones count) and the stored analyses.
  const dims: RunOf[] = [
    ...toStore.episodes.filter((e) => !refusedRecords.has(e.index)).map((e) => ({ episode: e.record })),
    ...stored.map((a) => ({ analysis: a.row })),
  ];
  await Promise.all([
    isolated(ctx, 'analysis_errors', allErrors, (rows) => ctx.store.writeErrors(rows.map((e) => e.row))),
    isolated(ctx, 'audit_log', audit, (rows) => ctx.store.writeAudit(rows)),
    isolated(ctx, 'run_dims', dims, (rows) =>
      ctx.store.writeRunDims(
        rows.flatMap((r) => (r.episode ? [r.episode] : [])),
        rows.flatMap((r) => (r.analysis ? [r.analysis] : [])),
      ),
    ),
  ]);
  for (const a of stored) ctx.observer?.analysisStored?.(a.row.analysis);
  return { refusedRecords, refusedAnalyses, stored: stored.map((a) => a.row) };
}

/** A run whose run_dims row the batch writes: a stored episode (a row if it succeeded) or a stored analysis. */
type RunOf = { episode: EpisodeRecord; analysis?: undefined } | { analysis: AnalysisRow; episode?: undefined };

function storeFailed(ctx: PersistContext, org: string, kind: string, ref: string, step: string, reason: string) {
  return {
    org_id: org,
    subject_kind: kind,
    subject_ref: ref,
    error_kind: 'store_failed' as const,
    step,
    reason,
    ...errorFields(ctx.runId, ANALYZER_VERSION),
  };
}

/** One write of `rows` through the isolation step, timed; throws StoreOutageError on an outage. */
async function isolated<T>(
  ctx: PersistContext,
  table: string,
  rows: T[],
  write: (rows: T[]) => Promise<void>,
): Promise<{ table: string; refused: Refused<T>[] }> {
  if (rows.length === 0) return { table, refused: [] };
  const t0 = performance.now();
  const out = await storeIsolated(rows, write, { table, probe: () => ctx.store.ping() });
  const refused = out.status === 'isolated' ? out.refused : [];
  ctx.observer?.stored?.(table, rows.length - refused.length, performance.now() - t0);
  if (refused.length > 0) ctx.observer?.storeRefused?.(table, refused.length);
  return { table, refused };
}
