/**
 * Prometheus metrics (prom-client), every name prefixed `faultline_`. Worker threads are
 * invisible to prom-client, so the pool's figures come from what the workers report back
 * with each batch (busy time), read here on scrape.
 */

import { cut } from '@faultline/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface PoolGauges {
  threads: number;
  queueSize: number;
  utilization: number;
  pending: number;
}

export interface BusGauges {
  depth: number;
  capacity: number;
  highWater: number;
  backpressureEvents: number;
  redelivered: number;
  depthBytes?: number;
  capacityBytes?: number;
}

/** The consumer's backlog at scrape time (see backlogState in @faultline/bus). */
export interface BacklogGauges {
  oldestSeconds: number;
  lastProgressSeconds: number;
  stalled: boolean;
}

/** Where the scrape-time figures come from; each is optional (a role registers what it has). */
export interface MetricSources {
  pool?: () => PoolGauges;
  bus?: () => BusGauges;
  /** The consumer's progress (both transports). */
  backlog?: () => BacklogGauges;
  lag?: () => { topic: string; partition: number; lag: number }[];
  /** Messages set aside on the dead-letter path since start (topic or log), by the step that refused them; `dropped`: Kafka dead letters not sent at all. */
  deadLetters?: () => Map<string, number>;
  /** Stored analyses made by another analyzer version than the running one, by subject kind (a store query). */
  stale?: () => Promise<{ subject_kind: string; count: number }[]>;
  /** Failure groups of every org with failures in the last day, by status and category (a store query). */
  groups?: () => Promise<GroupCountRow[]>;
  /** Labels of faultline_build_info. */
  build?: { version: string; analyzer_version: string; role: string };
  /** Org ids as the `org` label's values; false: the label is "-" (org names stay off an open /metrics). */
  orgLabel?: boolean;
}

/**
 * Every metric a role records into is a field, registered in declaration order (the order of
 * /metrics); the constructor adds the optional scrape-time series of the sources it is given.
 */
export class Metrics {
  readonly registry = registryWithDefaults();
  readonly ingested = new Counter({
    name: 'faultline_records_ingested_total',
    help: 'Records accepted by ingest, by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'faultline_records_rejected_total',
    help: 'Records refused by ingest or the pipeline, by kind and reason (the field at fault, or invalid_json, too_large, bus_full)',
    labelNames: ['kind', 'reason'],
    registers: [this.registry],
  });
  readonly backpressure = new Counter({
    name: 'faultline_bus_backpressure_total',
    help: 'Publishes refused because the bus was full (answered 503)',
    registers: [this.registry],
  });
  /** OTLP traces and spans received on /v1/traces, by outcome (stored, not_failed, rejected). */
  readonly otlpTraces = new Counter({
    name: 'faultline_otlp_traces_total',
    help: 'OTLP traces received on /v1/traces, by outcome: stored (it has an error), not_failed (counted, not stored), rejected',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly otlpSpans = new Counter({
    name: 'faultline_otlp_spans_total',
    help: 'OTLP spans received on /v1/traces, by the outcome of their trace (stored, not_failed, rejected)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly analysisDuration = new Histogram({
    name: 'faultline_analysis_duration_seconds',
    help: 'Analysis time per record in the worker, by subject kind',
    labelNames: ['kind'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly analyses = new Counter({
    name: 'faultline_analyses_total',
    help: 'Analysis outcomes by subject kind and status',
    labelNames: ['kind', 'status'],
    registers: [this.registry],
  });
  readonly deadlineOverruns = new Counter({
    name: 'faultline_deadline_overruns_total',
    help: 'Records whose per-record budget ran out (timed_out)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly findings = new Counter({
    name: 'faultline_findings_total',
    help: 'Findings produced, by org, code, category and severity (a re-analysis counts again: ClickHouse holds the exact trend)',
    labelNames: ['org', 'code', 'category', 'severity'],
    registers: [this.registry],
  });
  readonly outputValidationFailures = new Counter({
    name: 'faultline_output_validation_failures_total',
    help: 'Analyses refused by the output JSON Schema (never stored)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly storeInsertSeconds = new Histogram({
    name: 'faultline_store_insert_seconds',
    help: 'ClickHouse insert latency by table',
    labelNames: ['table'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly storeRows = new Counter({
    name: 'faultline_store_rows_total',
    help: 'Rows written to ClickHouse by table',
    labelNames: ['table'],
    registers: [this.registry],
  });
  readonly storeRefused = new Counter({
    name: 'faultline_store_refused_rows_total',
    help: 'Rows ClickHouse refused on their own, isolated from their batch (records and analyses are dead-lettered)',
    labelNames: ['table'],
    registers: [this.registry],
  });
  readonly batchSeconds = new Histogram({
    name: 'faultline_pipeline_batch_seconds',
    help: 'Time to process one pipeline batch, from validation to stored',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly runs = new Counter({
    name: 'faultline_runs_total',
    help: 'Batch runs by trigger and final status',
    labelNames: ['trigger', 'status'],
    registers: [this.registry],
  });
  readonly llmCalls = new Counter({
    name: 'faultline_llm_calls_total',
    help: 'LLM calls (extract, narrative) by provider, model and outcome (ok or the failure reason)',
    labelNames: ['provider', 'model', 'op', 'outcome'],
    registers: [this.registry],
  });
  readonly llmLatency = new Histogram({
    name: 'faultline_llm_latency_seconds',
    help: 'LLM call latency, retries included',
    labelNames: ['provider', 'op'],
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
    registers: [this.registry],
  });
  readonly llmErrors = new Counter({
    name: 'faultline_llm_errors_total',
    help: 'LLM calls whose answer was not used, by reason (timeout, rate_limited, upstream_5xx, http_4xx, connection, invalid_json, schema_invalid, off_vocabulary, breaker_open)',
    labelNames: ['provider', 'reason'],
    registers: [this.registry],
  });
  readonly llmCacheHits = new Counter({
    name: 'faultline_llm_cache_hits_total',
    help: 'Patterns answered from the LLM cache (no call)',
    registers: [this.registry],
  });
  readonly llmTokens = new Counter({
    name: 'faultline_llm_tokens_total',
    help: 'LLM tokens spent, by direction (input, output); failed answers that were billed count too',
    labelNames: ['provider', 'model', 'direction'],
    registers: [this.registry],
  });
  readonly llmCost = new Counter({
    name: 'faultline_llm_cost_usd_total',
    help: 'Estimated LLM cost in USD (FAULTLINE_LLM_PRICE_IN / _OUT per million tokens)',
    labelNames: ['provider', 'model'],
    registers: [this.registry],
  });
  readonly llmBreaker = new Gauge({
    name: 'faultline_llm_breaker_open',
    help: '1 while the circuit breaker refuses calls to the provider (0.5 half-open, 0 closed)',
    labelNames: ['provider', 'model'],
    registers: [this.registry],
  });
  readonly episodes = new Counter({
    name: 'faultline_episodes_total',
    help: 'Episode records processed, by status (running, succeeded, failed, …); failure rate = failed / (succeeded + failed). A redelivered record counts again: ClickHouse holds the exact figure',
    labelNames: ['status'],
    registers: [this.registry],
  });
  private readonly orgLabel: boolean;
  private readonly pausedGauge: Gauge;
  private readonly pauses: Counter;

  constructor(sources: MetricSources = {}) {
    this.orgLabel = sources.orgLabel ?? true;
    const r = this.registry;
    // Series that exist from the start (at zero), so rate() and the dashboards see them before the first event.
    for (const kind of ['episode', 'trace', 'log']) {
      this.analyses.inc({ kind, status: 'analyzed' }, 0);
      this.deadlineOverruns.inc({ kind }, 0);
      this.outputValidationFailures.inc({ kind }, 0);
    }
    for (const status of ['succeeded', 'failed']) this.episodes.inc({ status }, 0);
    if (sources.build) buildInfo(r, sources.build);
    if (sources.stale) staleGauge(r, sources.stale);
    if (sources.groups) groupGauges(r, sources.groups);
    this.pausedGauge = new Gauge({
      name: 'faultline_consumer_paused',
      help: '1 while the analyzer has paused fetching because the pipeline (pool or store) falls behind',
      registers: [r],
    });
    this.pauses = new Counter({
      name: 'faultline_consumer_pauses_total',
      help: 'Times the analyzer paused fetching because the pipeline fell behind',
      registers: [r],
    });
    if (sources.deadLetters) deadLetterCounter(r, sources.deadLetters);
    if (sources.pool) poolGauges(r, sources.pool);
    if (sources.lag) lagGauge(r, sources.lag);
    if (sources.bus) busGauges(r, sources.bus);
    if (sources.backlog) backlogGauges(r, sources.backlog);
  }

  /** The consumer paused (true) or resumed (false) fetching. */
  consumerPaused(paused: boolean): void {
    this.pausedGauge.set(paused ? 1 : 0);
    if (paused) this.pauses.inc();
  }

  /** The pipeline's observer: what happened to each record and analysis. */
  observer() {
    return {
      episodeSeen: (status: string) => this.episodes.inc({ status: cut(status, 24) }),
      recordValidated: (kind: string, ok: boolean, reason?: string) => {
        if (!ok) this.rejected.inc({ kind: cut(kind, 24), reason: reasonLabel(reason) });
      },
      analysisFinished: (kind: string, result: { status: string; durationMs: number }) => {
        this.analyses.inc({ kind, status: result.status });
        this.analysisDuration.observe({ kind }, result.durationMs / 1000);
        if (result.status === 'timed_out') this.deadlineOverruns.inc({ kind });
        if (result.status === 'validation_failed') this.outputValidationFailures.inc({ kind });
      },
      stored: (table: string, rows: number, ms: number) => {
        this.storeInsertSeconds.observe({ table }, ms / 1000);
        this.storeRows.inc({ table }, rows);
      },
      storeRefused: (table: string, rows: number) => this.storeRefused.inc({ table }, rows),
      analysisStored: (analysis: { org_id: string; findings: { code: string; category: string; severity: string }[] }) => {
        for (const f of analysis.findings)
          this.findings.inc({
            org: this.orgLabel ? analysis.org_id : '-',
            code: f.code,
            category: f.category,
            severity: f.severity,
          });
      },
    };
  }

  /** The LLM layer's observer: calls, latency, errors by reason, cache hits, tokens, cost, breaker state. */
  llmObserver() {
    return {
      call: (
        provider: string,
        model: string,
        o: {
          ok: boolean;
          reason?: string;
          latencyMs: number;
          usage?: { input_tokens: number; output_tokens: number };
          costUsd?: number;
        },
        op: string,
      ) => {
        this.llmCalls.inc({ provider, model, op, outcome: o.ok ? 'ok' : (o.reason ?? 'error') });
        this.llmLatency.observe({ provider, op }, o.latencyMs / 1000);
        if (!o.ok) this.llmErrors.inc({ provider, reason: o.reason ?? 'error' });
        if (o.usage) {
          this.llmTokens.inc({ provider, model, direction: 'input' }, o.usage.input_tokens);
          this.llmTokens.inc({ provider, model, direction: 'output' }, o.usage.output_tokens);
        }
        if (o.costUsd) this.llmCost.inc({ provider, model }, o.costUsd);
      },
      breaker: (provider: string, model: string, state: string) => {
        this.llmBreaker.set({ provider, model }, state === 'open' ? 1 : state === 'half_open' ? 0.5 : 0);
      },
      cacheHit: (n: number) => this.llmCacheHits.inc(n),
    };
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A registry that already holds the process's default metrics (CPU, memory, event loop, GC). */
function registryWithDefaults(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'faultline_' });
  return registry;
}

function buildInfo(r: Registry, build: NonNullable<MetricSources['build']>): void {
  new Gauge({
    name: 'faultline_build_info',
    help: 'Always 1; the labels say which faultline and analyzer version this process runs, in which role',
    labelNames: ['version', 'analyzer_version', 'role'],
    registers: [r],
  }).set(build, 1);
}

/** Stale analyses by subject kind: a store query, cached for 30 s; the last figures stay when the store is unreachable. */
function staleGauge(r: Registry, stale: NonNullable<MetricSources['stale']>): void {
  let cached: { at: number; rows: { subject_kind: string; count: number }[] } | undefined;
  new Gauge({
    name: 'faultline_analyses_stale',
    help: 'Stored analyses made by another analyzer version than the running one, by subject kind (the scheduled run re-analyzes them); refreshed at most every 30 s',
    labelNames: ['subject_kind'],
    registers: [r],
    async collect() {
      if (!cached || Date.now() - cached.at > 30_000) {
        try {
          cached = { at: Date.now(), rows: await stale() };
        } catch {
          return; // the store is unreachable: keep the last figures (readiness says so)
        }
      }
      this.reset();
      for (const kind of ['episode', 'trace', 'log']) this.set({ subject_kind: kind }, 0);
      for (const row of cached.rows) this.set({ subject_kind: row.subject_kind }, row.count);
    },
  });
}

/** One status × category of the failure groups (the store's groupCounts). */
export interface GroupCountRow {
  status: string;
  category: string;
  groups: number;
  recent_failures: number;
}

/** Every status a group can have: each category seen gets a series of each (0 when none), so an alert on a status has a series to compare. */
const GROUP_STATUS_LABELS = ['new', 'growing', 'ongoing', 'resolved', 'regressed', 'ignored'];

/**
 * `faultline_groups{status,category}` and `faultline_group_recent_failures{status,category}`:
 * bounded by the statuses and the taxonomy's categories (never a fingerprint or an org), from one
 * store query shared by both and refreshed at most every 60 s (every scrape while it has no groups);
 * an unreachable store keeps the last figures.
 */
function groupGauges(r: Registry, read: () => Promise<GroupCountRow[]>): void {
  let cached: { at: number; rows: GroupCountRow[] } | undefined;
  let pending: Promise<void> | undefined;
  const refresh = async () => {
    // An empty answer is not kept: the first failures show at the next scrape, not a minute later.
    if (cached && cached.rows.length > 0 && Date.now() - cached.at <= 60_000) return;
    pending ??= read()
      .then((rows) => {
        cached = { at: Date.now(), rows };
      })
      .catch(() => undefined) // the store is unreachable: keep the last figures (readiness says so)
      .finally(() => {
        pending = undefined;
      });
    await pending;
  };
  const fill = (g: Gauge<'status' | 'category'>, value: (row: GroupCountRow) => number) => {
    g.reset();
    for (const category of new Set((cached?.rows ?? []).map((row) => row.category)))
      for (const status of GROUP_STATUS_LABELS) g.set({ status, category }, 0);
    for (const row of cached?.rows ?? []) g.set({ status: row.status, category: row.category }, value(row));
  };
  new Gauge({
    name: 'faultline_groups',
    help: 'Failure groups (a fingerprint within an org) with failures in the last day, by their status over that day and category, all orgs; refreshed at most every 60 s',
    labelNames: ['status', 'category'],
    registers: [r],
    async collect() {
      await refresh();
      fill(this, (row) => row.groups);
    },
  });
  new Gauge({
    name: 'faultline_group_recent_failures',
    help: 'Failures in the current and the previous clock hour of the groups faultline_groups counts, by their status and category',
    labelNames: ['status', 'category'],
    registers: [r],
    async collect() {
      await refresh();
      fill(this, (row) => row.recent_failures);
    },
  });
}

function deadLetterCounter(r: Registry, dead: () => Map<string, number>): void {
  new Counter({
    name: 'faultline_dead_letters_total',
    help: 'Messages set aside on the dead-letter path (Kafka: the dead-letter topic; embedded: the bus dead-letter log), by the step that refused them (decode: not Avro of a known schema; validation: refused by the pipeline; store: refused by ClickHouse on its own; findings: a finding larger than the Kafka findings topic allows, set aside cut; dropped: not set aside but dropped, a Kafka dead letter whose headers alone do not fit the dead-letter topic or that was refused again once cut, logged, its record left on its input topic only)',
    labelNames: ['step'],
    registers: [r],
    collect() {
      const counts = dead();
      this.reset();
      // both steps always present, so rate() works before the first dead letter
      for (const step of new Set(['decode', 'validation', 'store', ...counts.keys()])) this.inc({ step }, counts.get(step) ?? 0);
    },
  });
}

function poolGauges(r: Registry, pool: () => PoolGauges): void {
  gauge(r, 'faultline_pool_threads', 'Analyzer worker threads', () => pool().threads);
  gauge(r, 'faultline_pool_queue_depth', 'Records waiting in or running on the analyzer pool', () => pool().pending);
  gauge(
    r,
    'faultline_pool_utilization',
    'Share of worker time spent analyzing since start (reported by the workers), 0..1',
    () => pool().utilization,
  );
}

function lagGauge(r: Registry, lag: NonNullable<MetricSources['lag']>): void {
  new Gauge({
    name: 'faultline_consumer_lag',
    help: 'Kafka consumer-group lag (messages not yet committed) per topic and partition',
    labelNames: ['topic', 'partition'],
    registers: [r],
    collect() {
      this.reset();
      for (const p of lag()) this.set({ topic: p.topic, partition: String(p.partition) }, p.lag);
    },
  });
}

function busGauges(r: Registry, bus: () => BusGauges): void {
  gauge(r, 'faultline_bus_depth', 'Records published and not yet committed by the analyzer', () => bus().depth);
  gauge(r, 'faultline_bus_capacity', 'Records the bus holds before refusing publishes', () => bus().capacity);
  gauge(r, 'faultline_bus_high_water', 'Depth at which readiness turns false', () => bus().highWater);
  gauge(
    r,
    'faultline_bus_depth_bytes',
    'Bytes published and not yet committed (embedded bus; 0 on Kafka, where the broker holds them)',
    () => bus().depthBytes ?? 0,
  );
  gauge(
    r,
    'faultline_bus_capacity_bytes',
    'Bytes the bus holds before refusing publishes (embedded bus; 0 on Kafka)',
    () => bus().capacityBytes ?? 0,
  );
  gauge(r, 'faultline_bus_redelivered', 'Batches delivered again after a failed handler (since start)', () => bus().redelivered);
}

function backlogGauges(r: Registry, backlog: () => BacklogGauges): void {
  gauge(
    r,
    'faultline_consumer_last_progress_seconds',
    'Seconds since the analyzer last committed while records wait for it (0 when nothing waits); past FAULTLINE_STALL_SECONDS readiness fails',
    () => backlog().lastProgressSeconds,
  );
  gauge(
    r,
    'faultline_backlog_oldest_seconds',
    'Age of the oldest record waiting for the analyzer (published or handed over, not committed; 0 when none)',
    () => backlog().oldestSeconds,
  );
  gauge(
    r,
    'faultline_consumer_stalled',
    '1 while the analyzer is stalled: records wait and it has not advanced for FAULTLINE_STALL_SECONDS (readiness fails)',
    () => (backlog().stalled ? 1 : 0),
  );
}

function gauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/** A bounded label for a rejection reason: the field at fault, or a fixed word. */
export function reasonLabel(reason: string | undefined): string {
  if (!reason) return 'invalid';
  if (reason.startsWith('invalid JSON') || reason.startsWith('empty line')) return 'invalid_json';
  const m = /^([a-z_][a-z0-9_]{0,40})(?:[.:,]|$)/.exec(reason);
  return m ? (m[1] as string) : 'invalid';
}
