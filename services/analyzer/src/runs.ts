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
 */
import { randomUUID } from 'node:crypto';
import { ANALYZER_VERSION, type EpisodeRecord, type SubjectKind } from '@faultline/core';
import { EVERY_ORG, type OrgScope, RUNS_OF_EVERY_ORG, type RunRow, type Store } from '@faultline/store';
import type { ItemResult, Pipeline, PipelineItem } from './pipeline.js';

export interface RunSummary {
  total_received: number;
  processed: number;
  stored_patterns: number;
  validation_failures: number;
  processing_errors: number;
  timed_out: number;
  requeued_episodes: number;
  failures: { ref: string; kind: string | null; status: string; error: string }[];
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

const MAX_FAILURE_REFS = 1000;
const BATCH = 500;
const MAX_STORED = 100_000;

export class Runner {
  private readonly active = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly pipeline: Pipeline,
    /** Re-publishes an episode for re-analysis through the bus (ordered with its robot's other records). */
    private readonly requeueEpisode: (org: string, episode: EpisodeRecord, actor: string) => Promise<void>,
    private readonly onFinished?: (run: RunRow) => void,
  ) {}

  /** Starts a manual run; returns its row at once (status running). */
  async start(req: RunRequest): Promise<RunRow> {
    return this.launch('manual', req.org, req.requestedBy, async (run) => {
      if (req.source.type === 'upload') return this.process(run, req.source.items);
      const { kind, ids, from, to } = req.source;
      const q = { org: req.org, ...(ids ? { ids } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: MAX_STORED };
      const traces = kind === 'log' ? [] : await this.store.loadTraces(q);
      const logs = kind === 'trace' ? [] : await this.store.loadLogs(q);
      const items = [...traces, ...logs].map((r) => ({ value: r, org: req.org }));
      return this.process(run, items);
    });
  }

  /** The scheduled run: everything stale (older analyzer_version) or failed to analyze, in one org or every org. */
  async scheduled(org: OrgScope, requestedBy = 'scheduler'): Promise<RunRow> {
    return this.launch('scheduled', org === EVERY_ORG ? RUNS_OF_EVERY_ORG : org, requestedBy, async (run, summary) => {
      const subjects = await this.store.subjectsToRerun(ANALYZER_VERSION, org, MAX_STORED);
      const byKind = (k: SubjectKind) => subjects.filter((s) => s.subject_kind === k);
      const episodes = byKind('episode');
      for (const e of episodes) {
        const ep = await this.store.getEpisode(e.org_id, e.subject_id);
        if (!ep) continue;
        await this.requeueEpisode(e.org_id, ep, 'scheduler');
        summary.requeued_episodes += 1;
      }
      summary.total_received += summary.requeued_episodes;
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
      return this.process(run, [...(await load('trace')), ...(await load('log'))], summary);
    });
  }

  /** Waits for the runs under way. */
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
      let final: RunRow;
      try {
        const s = await body(run, summary);
        final = { ...run, status: 'completed', finished_at: new Date().toISOString(), summary: { ...s } };
      } catch (err) {
        final = {
          ...run,
          status: 'failed',
          finished_at: new Date().toISOString(),
          summary: { ...summary, error: err instanceof Error ? err.message : String(err) },
        };
      }
      await this.store.saveRun(final).catch(() => undefined);
      this.onFinished?.(final);
    })();
    this.active.add(work);
    void work.finally(() => this.active.delete(work));
    return run;
  }

  private async process(run: RunRow, items: PipelineItem[], summary: RunSummary = emptySummary()): Promise<RunSummary> {
    summary.total_received += items.length;
    for (let i = 0; i < items.length; i += BATCH) {
      const results = await this.pipeline.processBatch(items.slice(i, i + BATCH), run.run_id);
      for (const r of results) count(summary, r);
      await this.store.saveRun({ ...run, summary: { ...summary } });
    }
    return summary;
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
