/**
 * Batch runs (the seed "Failure Pattern Extraction", FR-007 and FR-014): manual runs over
 * stored traces and logs (by ids or time range) or over an uploaded JSONL, and scheduled
 * runs that re-analyze stale and failed-to-analyze subjects. Each run ends with a summary:
 * records received, processed, stored patterns, validation failures, processing errors,
 * and the references of every failure.
 *
 * Tenancy: a manual run is over one org (its items are that org's; the org is never taken from
 * an uploaded record). A scheduled run is over one org, or over every org (`EVERY_ORG`, the
 * in-process scheduler or a platform key's explicit `*`); such runs are stored under org `*`.
 *
 * Where a run executes: the role that takes it (the read API, or the analyzer's schedule) only
 * records the run and enqueues its records on the bus, tagged with the run (`Envelope.run`); the
 * analyzer role analyzes them like every other record — the one writer of analyses, and an
 * uploaded episode is ordered with its robot's live updates (episodes keep their robot's key; a
 * run's traces and logs share the run's key, `runKey`). `RunTracker` counts each result into the
 * run's summary before its batch is committed; the run is `completed` once every enqueued record
 * is counted (`awaiting` 0).
 *
 * Invariants: the run row with its full `awaiting` count is stored before the first record is
 * enqueued, so a count never races ahead of it; a record is counted once even when its batch is
 * delivered again (the summary keeps, per partition, the last offset it counted: `progress`).
 * Stated limit: the tracker updates the summary read-modify-write; on Kafka a run over traces and
 * logs has one partition per topic, and two analyzers holding them may update it at the same
 * moment, the later write then missing the other's counts (the records are analyzed either way).
 */
import { randomUUID } from 'node:crypto';
import { BusFullError, type Delivered } from '@faultline/bus';
import { ANALYZER_VERSION, type Envelope, type EpisodeRecord, looseRef, type SubjectKind, validateRecord } from '@faultline/core';
import { EVERY_ORG, type OrgScope, RUNS_OF_EVERY_ORG, type RunRow, type Store } from '@faultline/store';
import type { ItemResult, PipelineItem } from './pipeline.js';

export interface RunSummary {
  total_received: number;
  processed: number;
  stored_patterns: number;
  validation_failures: number;
  processing_errors: number;
  timed_out: number;
  requeued_episodes: number;
  failures: { ref: string; kind: string | null; status: string; error: string }[];
  /** Records enqueued on the bus and not counted yet (0: the run is done). */
  awaiting?: number;
  /** Per partition (`topic/partition`), the last offset counted into this summary. */
  progress?: Record<string, number>;
}

export type RunSource =
  | { type: 'stored'; kind: 'trace' | 'log' | 'all'; ids?: string[]; from?: string; to?: string }
  | { type: 'upload'; items: PipelineItem[] };

export interface RunRequest {
  /** The one org the run reads and writes. */
  org: string;
  requestedBy: string;
  source: RunSource;
}

/** Publishes envelopes on the bus (durable when it resolves); BusFullError when it has no room. */
export type Enqueue = (envelopes: Envelope[]) => Promise<void>;

const MAX_FAILURE_REFS = 1000;
/** Envelopes per publish call (bounded in bytes by the bus: a call past its budget is retried smaller). */
const CHUNK = 100;
const MAX_STORED = 100_000;
/** How long enqueueing waits for room on a full bus before the run fails. */
const FULL_BUS_PATIENCE_MS = 10 * 60_000;

/** Records runs and enqueues their records (module comment); the analyzer role executes them. */
export class Runner {
  private readonly active = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly enqueue: Enqueue,
    private readonly onFinished?: (run: RunRow) => void,
  ) {}

  /** Starts a manual run; returns its row at once (status running). */
  async start(req: RunRequest): Promise<RunRow> {
    return this.launch('manual', req.org, req.requestedBy, async (run, summary) => {
      if (req.source.type === 'upload') return this.submit(run, summary, req.source.items, req.requestedBy);
      const { kind, ids, from, to } = req.source;
      const q = { org: req.org, ...(ids ? { ids } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: MAX_STORED };
      const traces = kind === 'log' ? [] : await this.store.loadTraces(q);
      const logs = kind === 'trace' ? [] : await this.store.loadLogs(q);
      const items = [...traces, ...logs].map((r) => ({ value: r, org: req.org }));
      return this.submit(run, summary, items, req.requestedBy);
    });
  }

  /** The scheduled run: everything stale (older analyzer_version) or failed to analyze, in one org or every org. */
  async scheduled(org: OrgScope, requestedBy = 'scheduler'): Promise<RunRow> {
    return this.launch('scheduled', org === EVERY_ORG ? RUNS_OF_EVERY_ORG : org, requestedBy, async (run, summary) => {
      const subjects = await this.store.subjectsToRerun(ANALYZER_VERSION, org, MAX_STORED);
      const byKind = (k: SubjectKind) => subjects.filter((s) => s.subject_kind === k);
      // Episodes are re-published as updates of their robot (not counted beyond requeued_episodes).
      const episodes: Envelope[] = [];
      for (const e of byKind('episode')) {
        const ep = await this.store.getEpisode(e.org_id, e.subject_id);
        if (ep) episodes.push(requeued(e.org_id, ep, 'scheduler'));
      }
      await this.publish(episodes);
      summary.requeued_episodes += episodes.length;
      summary.total_received += episodes.length;
      const load = async (k: 'trace' | 'log') => {
        const list = byKind(k);
        const out: PipelineItem[] = [];
        for (const org of new Set(list.map((s) => s.org_id))) {
          const ids = list.filter((s) => s.org_id === org).map((s) => s.subject_id);
          const records =
            k === 'trace'
              ? await this.store.loadTraces({ org, ids, limit: MAX_STORED })
              : await this.store.loadLogs({ org, ids, limit: MAX_STORED });
          out.push(...records.map((r) => ({ value: r, org })));
        }
        return out;
      };
      return this.submit(run, summary, [...(await load('trace')), ...(await load('log'))], requestedBy);
    });
  }

  /** Waits for the runs being enqueued. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.active]);
  }

  private async launch(
    trigger: RunRow['trigger'],
    org: string,
    requestedBy: string,
    body: (run: RunRow, summary: RunSummary) => Promise<RunSummary>,
  ): Promise<RunRow> {
    const summary = emptySummary();
    const run: RunRow = {
      run_id: `run-${randomUUID()}`,
      org_id: org,
      trigger,
      status: 'running',
      requested_by: requestedBy,
      started_at: new Date().toISOString(),
      finished_at: null,
      summary: { ...summary },
    };
    await this.store.saveRun(run);
    const work = (async () => {
      try {
        const s = await body(run, summary);
        if ((s.awaiting ?? 0) > 0) return; // the analyzer completes it (RunTracker)
        const final: RunRow = { ...run, status: 'completed', finished_at: new Date().toISOString(), summary: { ...s } };
        await this.store.saveRun(final);
        this.onFinished?.(final);
      } catch (err) {
        const final: RunRow = {
          ...run,
          status: 'failed',
          finished_at: new Date().toISOString(),
          summary: { ...summary, error: err instanceof Error ? err.message : String(err) },
        };
        await this.store.saveRun(final).catch(() => undefined);
        this.onFinished?.(final);
      }
    })();
    this.active.add(work);
    void work.finally(() => this.active.delete(work));
    return run;
  }

  /**
   * Validates the items (a refused one is counted at once), stores the run with its `awaiting`
   * count, then enqueues the valid ones tagged with the run.
   */
  private async submit(run: RunRow, summary: RunSummary, items: PipelineItem[], actor: string): Promise<RunSummary> {
    summary.total_received += items.length;
    const envelopes: Envelope[] = [];
    const receivedAt = new Date().toISOString();
    for (const item of items) {
      const reason = item.parseError;
      const v = reason === undefined ? validateRecord({ ...(item.value as object), org_id: item.org ?? run.org_id }) : undefined;
      if (!v?.ok) {
        const kind = (item.value as { kind?: unknown } | undefined)?.kind;
        count(summary, {
          kind: typeof kind === 'string' ? kind : null,
          ref: looseRef(item.value),
          status: 'rejected',
          error: reason ?? (v && !v.ok ? v.reason : ''),
          ...(item.line !== undefined ? { line: item.line } : {}),
        });
        continue;
      }
      const org = item.org ?? run.org_id;
      envelopes.push({
        record: { ...v.record, org_id: org },
        org,
        received_at: receivedAt,
        actor,
        run: { id: run.run_id, org: run.org_id },
      });
    }
    summary.awaiting = envelopes.length;
    summary.progress = {};
    if (envelopes.length > 0) await this.store.saveRun({ ...run, summary: { ...summary } });
    await this.publish(envelopes);
    return summary;
  }

  /** Publishes in chunks; waits (up to FULL_BUS_PATIENCE_MS) while the bus is full. */
  private async publish(envelopes: Envelope[]): Promise<void> {
    const deadline = Date.now() + FULL_BUS_PATIENCE_MS;
    for (let i = 0; i < envelopes.length; ) {
      const chunk = envelopes.slice(i, i + CHUNK);
      try {
        await this.enqueue(chunk);
        i += chunk.length;
      } catch (err) {
        if (!(err instanceof BusFullError) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, Math.min(5_000, Math.max(100, err.retryAfterMs))));
      }
    }
  }
}

/** An episode re-published for re-analysis, as an update of its robot (reanalyze, mark-failed, the schedule). */
export function requeued(org: string, episode: EpisodeRecord, actor: string): Envelope {
  return { record: episode, org, received_at: new Date().toISOString(), actor };
}

/**
 * The analyzer's half (module comment): counts the results of run-tagged records into their
 * runs' summaries, once per delivery, and completes a run when nothing of it is awaited.
 */
export class RunTracker {
  constructor(
    private readonly store: Store,
    private readonly onFinished?: (run: RunRow) => void,
  ) {}

  /** `results[i]` is the result of `batch[i]`, a record of run `run`. Resolves once the summary is stored. */
  async record(run: { id: string; org: string }, results: ItemResult[], batch: Delivered[]): Promise<void> {
    const row = await this.store.getRun(run.org, run.id);
    if (row?.status !== 'running') return; // unknown, or already settled (failed to enqueue)
    const summary = { ...emptySummary(), ...(row.summary as Partial<RunSummary>) } as RunSummary;
    const progress = { ...(summary.progress ?? {}) };
    let counted = 0;
    results.forEach((r, i) => {
      const d = batch[i];
      if (!d) return;
      const at = `${d.topic ?? ''}/${d.partition}`;
      if (d.offset <= (progress[at] ?? -1)) return; // counted before this batch was delivered again
      progress[at] = d.offset;
      count(summary, r);
      counted += 1;
    });
    if (counted === 0) return;
    summary.progress = progress;
    summary.awaiting = Math.max(0, (summary.awaiting ?? 0) - counted);
    const done = summary.awaiting === 0;
    const next: RunRow = {
      ...row,
      ...(done ? { status: 'completed' as const, finished_at: new Date().toISOString() } : {}),
      summary: { ...summary },
    };
    await this.store.saveRun(next);
    if (done) this.onFinished?.(next);
  }
}

function emptySummary(): RunSummary {
  return {
    total_received: 0,
    processed: 0,
    stored_patterns: 0,
    validation_failures: 0,
    processing_errors: 0,
    timed_out: 0,
    requeued_episodes: 0,
    failures: [],
  };
}

function count(s: RunSummary, r: ItemResult): void {
  const fail = (status: string) => {
    if (s.failures.length < MAX_FAILURE_REFS) s.failures.push({ ref: r.ref, kind: r.kind, status, error: r.error ?? '' });
  };
  if (r.status === 'analyzed') {
    s.processed += 1;
    if (r.analysis?.pattern) s.stored_patterns += 1;
  } else if (r.deadLetter?.step === 'store') {
    s.processing_errors += 1; // the store refused the record or its analysis on its own
    fail('store_failed');
  } else if (r.status === 'rejected') {
    s.validation_failures += 1;
    fail('rejected');
  } else if (r.status === 'timed_out') {
    s.processing_errors += 1;
    s.timed_out += 1;
    fail('timed_out');
  } else if (r.failure === 'validation_failed') {
    s.validation_failures += 1;
    fail('validation_failed');
  } else if (r.failure === 'analyzer_error') {
    s.processing_errors += 1;
    fail('analyzer_error');
  } else s.processed += 1;
}
