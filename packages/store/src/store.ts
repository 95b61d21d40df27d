/**
 * The ClickHouse store, the same SQL embedded (chdb, in-process) or against a server
 * (CLICKHOUSE_URL). Only the main thread writes; workers compute.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import type {
  Analysis,
  EpisodeRecord,
  EvalResultRecord,
  LogRecord,
  SubjectKind,
  TraceRecord,
  VerificationResultRecord,
} from '@faultline/core';
import { boundedText, cut, DEFAULT_ORG, redact, redactDeep, redactRecord } from '@faultline/core';

import { detachStdin } from './stdin.js';

const require = createRequire(import.meta.url);

export interface StoreOptions {
  /** A ClickHouse server URL; unset means embedded chdb in `dataDir`. */
  url?: string | undefined;
  dataDir?: string;
  database?: string;
  /** Max time for one query (ms). */
  requestTimeoutMs?: number;
  /** A ClickHouse cluster: migrations run ON CLUSTER with Replicated engines. */
  cluster?: string | undefined;
}

/** A ClickHouse DateTime64(3) literal from a Date, an ISO string or epoch ms. */
export function chTime(value: Date | string | number | undefined | null): string | null {
  if (value === undefined || value === null || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** ClickHouse DateTime64 text (UTC) back to ISO-8601. */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  return `${value.replace(' ', 'T')}${value.endsWith('Z') ? '' : 'Z'}`;
}

let lastVersion = 0;
/** A strictly increasing row version (µs since epoch), for ReplacingMergeTree. */
export function nextVersion(): number {
  const v = Date.now() * 1000;
  lastVersion = v > lastVersion ? v : lastVersion + 1;
  return lastVersion;
}

export interface AnalysisRow {
  analysis: Analysis;
  occurredAt: string | null;
  robotId?: string;
  service?: string;
}

export type ErrorKind =
  | 'rejected'
  | 'validation_failed'
  | 'timed_out'
  | 'rule_error'
  | 'analyzer_error'
  | 'llm_failed'
  | 'llm_invalid'
  /** The store refused the record or its analysis on its own (isolated, dead-lettered). */
  | 'store_failed';

export interface AnalysisErrorRow {
  org_id: string;
  subject_kind: string;
  subject_ref: string;
  error_kind: ErrorKind;
  step: string;
  reason: string;
  run_id?: string;
  analyzer_version: string;
}

export interface StoredEpisode {
  record: EpisodeRecord;
}

function migrationsDir(): string {
  return join(dirname(require.resolve('@faultline/schemas/package.json')), 'clickhouse');
}

export class Store {
  private constructor(
    readonly client: ClickHouseClient,
    readonly database: string,
    readonly embedded: boolean,
    readonly cluster?: string,
  ) {}

  static async open(options: StoreOptions = {}): Promise<Store> {
    const database = options.database ?? 'faultline';
    let client: ClickHouseClient;
    if (options.url) {
      client = createClient({
        url: options.url,
        request_timeout: options.requestTimeoutMs ?? 30_000,
        clickhouse_settings: { date_time_input_format: 'best_effort' },
      });
    } else {
      detachStdin();
      const path = resolve(options.dataDir ?? './data');
      mkdirSync(path, { recursive: true });
      const { createChdbConnection } = (await import('chdb/connection')) as typeof import('chdb/connection');
      client = createClient({
        connection: createChdbConnection({ path }),
        clickhouse_settings: { date_time_input_format: 'best_effort' },
      } as Parameters<typeof createClient>[0]);
    }
    const store = new Store(client, database, !options.url, options.cluster);
    await store.migrate();
    return store;
  }

  private t(name: string): string {
    return `${this.database}.${name}`;
  }

  /** Applies the numbered SQL files of schemas/clickhouse that have not run yet. Idempotent. */
  async migrate(): Promise<string[]> {
    const on = this.cluster ? ` ON CLUSTER ${this.cluster}` : '';
    await this.client.command({ query: `CREATE DATABASE IF NOT EXISTS ${this.database}${on}` });
    await this.client.command({
      query: clusterize(
        `CREATE TABLE IF NOT EXISTS ${this.t('schema_migrations')} (name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = ReplacingMergeTree ORDER BY name`,
        this.cluster,
      ),
    });
    const done = new Set(
      (await this.rows<{ name: string }>(`SELECT name FROM ${this.t('schema_migrations')} FINAL`)).map((r) => r.name),
    );
    const files = readdirSync(migrationsDir())
      .filter((f) => /^\d{4}_.+\.sql$/.test(f))
      .sort();
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = readFileSync(join(migrationsDir(), file), 'utf8').replaceAll('{db}', this.database);
      for (const statement of splitStatements(sql)) await this.client.command({ query: clusterize(statement, this.cluster) });
      await this.client.insert({ table: this.t('schema_migrations'), values: [{ name: file }], format: 'JSONEachRow' });
      applied.push(file);
    }
    return applied;
  }

  async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return (await rs.json()) as T[];
  }

  async insert(table: string, values: Record<string, unknown>[]): Promise<void> {
    if (values.length === 0) return;
    await this.client.insert({ table: this.t(table), values, format: 'JSONEachRow' });
  }

  async ping(): Promise<boolean> {
    try {
      await this.rows('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  // ───────────── records (state) ─────────────

  async saveEpisodes(episodes: EpisodeRecord[]): Promise<void> {
    const now = chTime(new Date());
    const rows = episodes.map((e) => ({
      org_id: e.org_id ?? DEFAULT_ORG,
      episode_id: e.episode_id,
      robot_id: e.robot_id,
      source: e.source ?? 'live',
      status: e.status,
      started_at: chTime(e.started_at),
      ended_at: chTime(e.ended_at),
      duration_s: e.duration_s ?? null,
      metadata: JSON.stringify(redactDeep(e.metadata ?? {})),
      updated_at: now,
      version: nextVersion(),
    }));
    await this.insert('episodes', rows);
    // Succeeded episodes feed the robot's duration history; any other status removes them from it.
    const durations = episodes
      .filter((e) => typeof e.duration_s === 'number' && e.status !== 'running')
      .map((e) => ({
        org_id: e.org_id ?? DEFAULT_ORG,
        robot_id: e.robot_id,
        episode_id: e.episode_id,
        finished_at: chTime(e.ended_at ?? e.started_at ?? new Date()),
        duration_s: e.duration_s as number,
        version: nextVersion(),
        is_deleted: e.status === 'succeeded' ? 0 : 1,
      }));
    await this.insert('robot_success_durations', durations);
  }

  async saveEvalResults(results: EvalResultRecord[]): Promise<void> {
    const now = chTime(new Date());
    await this.insert(
      'eval_results',
      results.map((r) => ({
        org_id: r.org_id ?? DEFAULT_ORG,
        eval_run_id: r.eval_run_id,
        candidate_episode_id: r.candidate_episode_id,
        baseline_episode_id: r.baseline_episode_id ?? '',
        success_delta: typeof r.metrics.success_delta === 'number' ? r.metrics.success_delta : null,
        reward_delta: typeof r.metrics.reward_delta === 'number' ? r.metrics.reward_delta : null,
        metrics: JSON.stringify(redactDeep(r.metrics)),
        received_at: now,
        version: nextVersion(),
      })),
    );
  }

  async saveVerificationResults(results: VerificationResultRecord[]): Promise<void> {
    const now = chTime(new Date());
    await this.insert(
      'verification_results',
      results.map((r) => ({
        org_id: r.org_id ?? DEFAULT_ORG,
        scenario_id: r.scenario_id,
        candidate_episode_id: r.candidate_episode_id,
        status: r.status,
        message: cut(redact(r.message ?? ''), 4000),
        received_at: now,
        version: nextVersion(),
      })),
    );
  }

  async saveTraces(traces: TraceRecord[]): Promise<void> {
    const now = chTime(new Date());
    await this.insert(
      'traces',
      traces.map((t) => ({
        org_id: t.org_id ?? DEFAULT_ORG,
        trace_id: t.trace_id,
        service: redact(t.service ?? ''),
        timestamp: chTime(t.timestamp) ?? now,
        span_count: Array.isArray(t.spans) ? t.spans.length : 0,
        // Defense in depth: records arrive redacted (validateRecord); redacting again is idempotent.
        payload: JSON.stringify(redactRecord({ ...t, spans: t.spans ?? [] })),
        received_at: now,
        version: nextVersion(),
      })),
    );
  }

  async saveLogs(logs: LogRecord[]): Promise<void> {
    const now = chTime(new Date());
    await this.insert(
      'logs',
      logs.map((l) => ({
        org_id: l.org_id ?? DEFAULT_ORG,
        log_id: l.log_id,
        timestamp: chTime(l.timestamp) ?? now,
        experiment_type: redact(l.experiment_type ?? ''),
        // Redact, then cut: a cut can split a marker, never a secret.
        error_message: boundedText(redact(l.error_message ?? '')),
        logs: boundedText(redact(l.logs ?? '')),
        code_snippet: boundedText(redact(l.code_snippet ?? '')),
        received_at: now,
        version: nextVersion(),
      })),
    );
  }

  /** The most recent successful durations per robot, newest first: key `org\u0000robot`. */
  async successDurations(pairs: { org: string; robot: string }[], limit: number): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    if (pairs.length === 0) return out;
    const rows = await this.rows<{ org_id: string; robot_id: string; episode_id: string; duration_s: number }>(
      `SELECT org_id, robot_id, episode_id, duration_s FROM ${this.t('robot_success_durations')} FINAL
       WHERE org_id IN {orgs:Array(String)} AND robot_id IN {robots:Array(String)}
       ORDER BY org_id, robot_id, finished_at DESC, episode_id DESC
       LIMIT {limit:UInt32} BY org_id, robot_id`,
      { orgs: [...new Set(pairs.map((p) => p.org))], robots: [...new Set(pairs.map((p) => p.robot))], limit },
    );
    for (const p of pairs) out.set(`${p.org}\u0000${p.robot}`, []);
    for (const r of rows) {
      const list = out.get(`${r.org_id}\u0000${r.robot_id}`);
      list?.push(r.duration_s);
    }
    return out;
  }

  async evalResultsFor(pairs: { org: string; episode: string }[]): Promise<EvalResultRecord[]> {
    if (pairs.length === 0) return [];
    const rows = await this.rows<{
      org_id: string;
      eval_run_id: string;
      candidate_episode_id: string;
      baseline_episode_id: string;
      metrics: string;
    }>(
      `SELECT org_id, eval_run_id, candidate_episode_id, baseline_episode_id, metrics FROM ${this.t('eval_results')} FINAL
       WHERE org_id IN {orgs:Array(String)} AND candidate_episode_id IN {ids:Array(String)}`,
      { orgs: [...new Set(pairs.map((p) => p.org))], ids: [...new Set(pairs.map((p) => p.episode))] },
    );
    return rows.map((r) => ({
      kind: 'eval_result',
      org_id: r.org_id,
      eval_run_id: r.eval_run_id,
      candidate_episode_id: r.candidate_episode_id,
      ...(r.baseline_episode_id ? { baseline_episode_id: r.baseline_episode_id } : {}),
      metrics: JSON.parse(r.metrics),
    }));
  }

  async verificationResultsFor(pairs: { org: string; episode: string }[]): Promise<VerificationResultRecord[]> {
    if (pairs.length === 0) return [];
    const rows = await this.rows<{
      org_id: string;
      scenario_id: string;
      candidate_episode_id: string;
      status: VerificationResultRecord['status'];
      message: string;
    }>(
      `SELECT org_id, scenario_id, candidate_episode_id, status, message FROM ${this.t('verification_results')} FINAL
       WHERE org_id IN {orgs:Array(String)} AND candidate_episode_id IN {ids:Array(String)}`,
      { orgs: [...new Set(pairs.map((p) => p.org))], ids: [...new Set(pairs.map((p) => p.episode))] },
    );
    return rows.map((r) => ({
      kind: 'verification_result',
      org_id: r.org_id,
      scenario_id: r.scenario_id,
      candidate_episode_id: r.candidate_episode_id,
      status: r.status,
      ...(r.message ? { message: r.message } : {}),
    }));
  }

  async episodes(pairs: { org: string; episode: string }[]): Promise<EpisodeRecord[]> {
    if (pairs.length === 0) return [];
    const rows = await this.rows<{
      org_id: string;
      episode_id: string;
      robot_id: string;
      source: EpisodeRecord['source'];
      status: EpisodeRecord['status'];
      started_at: string | null;
      ended_at: string | null;
      duration_s: number | null;
      metadata: string;
    }>(
      `SELECT org_id, episode_id, robot_id, source, status, started_at, ended_at, duration_s, metadata FROM ${this.t('episodes')} FINAL
       WHERE org_id IN {orgs:Array(String)} AND episode_id IN {ids:Array(String)}`,
      { orgs: [...new Set(pairs.map((p) => p.org))], ids: [...new Set(pairs.map((p) => p.episode))] },
    );
    const wanted = new Set(pairs.map((p) => `${p.org}\u0000${p.episode}`));
    return rows
      .filter((r) => wanted.has(`${r.org_id}\u0000${r.episode_id}`))
      .map((r) => ({
        kind: 'episode',
        org_id: r.org_id,
        episode_id: r.episode_id,
        robot_id: r.robot_id,
        ...(r.source ? { source: r.source } : {}),
        status: r.status,
        ...(r.started_at ? { started_at: isoTime(r.started_at) as string } : {}),
        ...(r.ended_at ? { ended_at: isoTime(r.ended_at) as string } : {}),
        ...(r.duration_s !== null ? { duration_s: r.duration_s } : {}),
        metadata: JSON.parse(r.metadata),
      }));
  }

  // ───────────── analyses ─────────────

  /**
   * Upserts analyses and their flattened findings. Finding codes that an earlier analysis
   * of the same subject had and this one does not are tombstoned, so trends never
   * double-count a re-analyzed subject.
   */
  async writeAnalyses(input: AnalysisRow[]): Promise<void> {
    if (input.length === 0) return;
    // One subject analyzed twice in a batch (a failure, then a late eval result): the last one stands.
    const latest = new Map<string, AnalysisRow>();
    for (const r of input) latest.set(`${r.analysis.org_id}\u0000${r.analysis.subject_kind}\u0000${r.analysis.subject_id}`, r);
    const rows = [...latest.values()];
    const previous = await this.rows<{ subject_kind: string; subject_id: string; org_id: string; finding_codes: string[] }>(
      `SELECT org_id, subject_kind, subject_id, finding_codes FROM ${this.t('analyses')} FINAL
       WHERE org_id IN {orgs:Array(String)} AND subject_id IN {ids:Array(String)}`,
      {
        orgs: [...new Set(rows.map((r) => r.analysis.org_id))],
        ids: [...new Set(rows.map((r) => r.analysis.subject_id))],
      },
    );
    const prevCodes = new Map(previous.map((p) => [`${p.org_id}\u0000${p.subject_kind}\u0000${p.subject_id}`, p.finding_codes]));
    const analysisRows: Record<string, unknown>[] = [];
    const findingRows: Record<string, unknown>[] = [];
    for (const { analysis: a, occurredAt, robotId, service } of rows) {
      const version = nextVersion();
      const primary = a.findings[0];
      const occurred = chTime(occurredAt ?? a.analyzed_at);
      const analyzed = chTime(a.analyzed_at);
      const codes = a.findings.map((f) => f.code);
      analysisRows.push({
        org_id: a.org_id,
        subject_kind: a.subject_kind,
        subject_id: a.subject_id,
        analyzer_version: a.analyzer_version,
        analyzed_at: analyzed,
        occurred_at: occurred,
        robot_id: robotId ?? '',
        service: redact(service ?? ''),
        fingerprint: a.fingerprint,
        signature: a.signature,
        primary_code: primary?.code ?? '',
        category: primary?.category ?? 'unknown',
        contributing_factor: primary?.contributing_factor ?? 'unknown',
        severity: primary?.severity ?? 'low',
        confidence: primary?.confidence ?? 0,
        finding_codes: codes,
        findings: JSON.stringify(a.findings),
        pattern: a.pattern ? JSON.stringify(a.pattern) : '',
        source: a.source,
        rule_errors: a.rule_errors ? JSON.stringify(a.rule_errors) : '',
        llm: a.llm ? JSON.stringify(a.llm) : '',
        version,
      });
      const base = {
        org_id: a.org_id,
        subject_kind: a.subject_kind,
        subject_id: a.subject_id,
        fingerprint: a.fingerprint,
        robot_id: robotId ?? '',
        service: redact(service ?? ''),
        occurred_at: occurred,
        analyzed_at: analyzed,
        analyzer_version: a.analyzer_version,
        version,
      };
      a.findings.forEach((f, rank) => {
        findingRows.push({
          ...base,
          code: f.code,
          rank,
          category: f.category,
          contributing_factor: f.contributing_factor,
          severity: f.severity,
          confidence: f.confidence,
          confidence_band: f.confidence_band,
          is_deleted: 0,
        });
      });
      for (const old of prevCodes.get(`${a.org_id}\u0000${a.subject_kind}\u0000${a.subject_id}`) ?? []) {
        if (codes.includes(old)) continue;
        findingRows.push({
          ...base,
          code: old,
          rank: 255,
          category: 'unknown',
          contributing_factor: 'unknown',
          severity: 'low',
          confidence: 0,
          confidence_band: 'low',
          is_deleted: 1,
        });
      }
    }
    // Findings first: an analysis row is only visible once its findings are.
    await this.insert('findings', findingRows);
    await this.insert('analyses', analysisRows);
  }

  async writeErrors(errors: AnalysisErrorRow[]): Promise<void> {
    const now = chTime(new Date());
    await this.insert(
      'analysis_errors',
      errors.map((e) => ({ ...e, reason: cut(redact(e.reason), 2000), run_id: e.run_id ?? '', occurred_at: now })),
    );
  }

  /** The analysis of (org, kind, id); null when missing (another org's subject is missing). */
  async getAnalysis(org: string, kind: SubjectKind, id: string): Promise<StoredAnalysis | null> {
    const rows = await this.rows<AnalysisDbRow>(
      `SELECT * FROM ${this.t('analyses')} FINAL
       WHERE org_id = {org:String} AND subject_kind = {kind:String} AND subject_id = {id:String}
       LIMIT 1`,
      { kind, id, org: requireOrg(org) },
    );
    const r = rows[0];
    return r ? fromDbRow(r) : null;
  }

  // ───────────── LLM answers, cached per pattern ─────────────

  async llmCacheGet(keys: string[]): Promise<Map<string, LlmCacheRow>> {
    const out = new Map<string, LlmCacheRow>();
    if (keys.length === 0) return out;
    const rows = await this.rows<Omit<LlmCacheRow, 'answer'> & { answer: string }>(
      `SELECT cache_key, fingerprint, analyzer_version, provider, model, answer, input_tokens, output_tokens
       FROM ${this.t('llm_cache')} FINAL WHERE cache_key IN {keys:Array(String)}`,
      { keys: [...new Set(keys)] },
    );
    for (const r of rows) out.set(r.cache_key, { ...r, answer: JSON.parse(r.answer) });
    return out;
  }

  async llmCachePut(rows: LlmCacheRow[]): Promise<void> {
    const now = chTime(new Date());
    await this.insert(
      'llm_cache',
      rows.map((r) => ({ ...r, answer: JSON.stringify(r.answer), created_at: now, version: nextVersion() })),
    );
  }

  // ───────────── service: keys, audit, runs, read API ─────────────

  async saveKey(row: ApiKeyRow): Promise<void> {
    await this.insert('api_keys', [
      { ...row, revoked: row.revoked ? 1 : 0, created_at: chTime(row.created_at), version: nextVersion() },
    ]);
  }

  async findKey(keyHash: string): Promise<ApiKeyRow | null> {
    const rows = await this.rows<Omit<ApiKeyRow, 'revoked'> & { revoked: number }>(
      `SELECT key_hash, key_id, org_id, role, label, created_at, revoked FROM ${this.t('api_keys')} FINAL WHERE key_hash = {h:String} LIMIT 1`,
      { h: keyHash },
    );
    const r = rows[0];
    return r ? { ...r, revoked: Boolean(Number(r.revoked)), created_at: isoTime(r.created_at) as string } : null;
  }

  async countKeys(role: string): Promise<number> {
    const rows = await this.rows<{ c: string }>(
      `SELECT count() AS c FROM ${this.t('api_keys')} FINAL WHERE role = {role:String} AND revoked = 0`,
      { role },
    );
    return Number(rows[0]?.c ?? 0);
  }

  async writeAudit(rows: AuditRow[]): Promise<void> {
    await this.insert(
      'audit_log',
      rows.map((r) => ({
        ...r,
        audit_id: r.audit_id ?? randomUUID(),
        at: chTime(r.at ?? new Date()),
        metadata: JSON.stringify(r.metadata ?? {}),
      })),
    );
  }

  /** Audit rows of one org, or of every org only when `EVERY_ORG` is passed (a platform listing). */
  async listAudit(q: { org: OrgScope; action?: string; subjectId?: string; limit: number }): Promise<AuditRow[]> {
    const where = [
      orgWhere(q.org),
      q.action ? 'startsWith(action, {action:String})' : '1',
      q.subjectId ? 'subject_id = {sid:String}' : '1',
    ].join(' AND ');
    const rows = await this.rows<AuditRow & { metadata: string; at: string }>(
      `SELECT at, org_id, action, actor, subject_kind, subject_id, metadata FROM ${this.t('audit_log')}
       WHERE ${where} ORDER BY at DESC LIMIT 1 BY audit_id LIMIT {limit:UInt32}`,
      { org: orgParam(q.org), action: q.action ?? '', sid: q.subjectId ?? '', limit: q.limit },
    );
    return rows.map((r) => ({ ...r, at: isoTime(r.at) as string, metadata: JSON.parse(r.metadata || '{}') }));
  }

  async saveRun(run: RunRow): Promise<void> {
    await this.insert('runs', [
      {
        ...run,
        started_at: chTime(run.started_at),
        finished_at: chTime(run.finished_at ?? null),
        summary: JSON.stringify(run.summary),
        version: nextVersion(),
      },
    ]);
  }

  /** The run (org, id); runs over every org are stored under org `*` (`RUNS_OF_EVERY_ORG`). */
  async getRun(org: string, runId: string): Promise<RunRow | null> {
    const rows = await this.listRunsWhere(
      'run_id = {id:String} AND org_id = {org:String}',
      { id: runId, org: org === RUNS_OF_EVERY_ORG ? org : requireOrg(org) },
      1,
    );
    return rows[0] ?? null;
  }

  /** Runs of one org (or `*`, the runs over every org), or all runs with `EVERY_ORG` (a platform listing). */
  async listRuns(org: OrgScope, limit: number): Promise<RunRow[]> {
    return this.listRunsWhere(orgWhere(org), { org: orgParam(org) }, limit);
  }

  private async listRunsWhere(where: string, params: Record<string, unknown>, limit: number): Promise<RunRow[]> {
    const rows = await this.rows<Omit<RunRow, 'summary'> & { summary: string }>(
      `SELECT run_id, org_id, trigger, status, requested_by, started_at, finished_at, summary FROM ${this.t('runs')} FINAL
       WHERE ${where} ORDER BY started_at DESC LIMIT {limit:UInt32}`,
      { ...params, limit },
    );
    return rows.map((r) => ({
      ...r,
      started_at: isoTime(r.started_at) as string,
      finished_at: isoTime(r.finished_at),
      summary: JSON.parse(r.summary || '{}'),
    }));
  }

  /** The episode (org, id) as stored (redacted); null when missing (another org's episode is missing). */
  async getEpisode(org: string, id: string): Promise<EpisodeRecord | null> {
    return (await this.episodes([{ org: requireOrg(org), episode: id }]))[0] ?? null;
  }

  /** The latest recorded error of a subject (a time-out, a refused output, an analyzer failure), or null. */
  async lastError(
    org: string,
    kind: SubjectKind,
    id: string,
  ): Promise<{
    org_id: string;
    error_kind: string;
    step: string;
    reason: string;
    analyzer_version: string;
    occurred_at: string;
  } | null> {
    const rows = await this.rows<{
      org_id: string;
      error_kind: string;
      step: string;
      reason: string;
      analyzer_version: string;
      occurred_at: string;
    }>(
      `SELECT org_id, error_kind, step, reason, analyzer_version, occurred_at FROM ${this.t('analysis_errors')}
       WHERE org_id = {org:String} AND subject_kind = {kind:String} AND subject_ref = {id:String} AND error_kind != 'rejected'
       ORDER BY occurred_at DESC LIMIT 1`,
      { kind, id, org: requireOrg(org) },
    );
    const r = rows[0];
    return r ? { ...r, occurred_at: isoTime(r.occurred_at) as string } : null;
  }

  /** How many other subjects of the org share this fingerprint. */
  async fingerprintPeers(org: string, fingerprint: string, subjectId: string): Promise<number> {
    const rows = await this.rows<{ c: string }>(
      `SELECT count() AS c FROM ${this.t('analyses')} FINAL
       WHERE org_id = {org:String} AND fingerprint = {fp:String} AND subject_id != {id:String}`,
      { org: requireOrg(org), fp: fingerprint, id: subjectId },
    );
    return Number(rows[0]?.c ?? 0);
  }

  /**
   * Failure counts over time from the flattened findings (FINAL, tombstones excluded, so a
   * re-analysis never double-counts). By default only each subject's primary finding counts.
   */
  async trends(q: TrendQuery): Promise<TrendPoint[]> {
    const column = TREND_COLUMNS[q.by];
    const where = [
      'is_deleted = 0',
      orgWhere(q.org),
      q.kind ? 'subject_kind = {kind:String}' : '1',
      q.allFindings ? '1' : 'rank = 0',
      'occurred_at >= {from:DateTime64(3)}',
      'occurred_at < {to:DateTime64(3)}',
    ].join(' AND ');
    const rows = await this.rows<{ bucket: string; key: string; count: string }>(
      `SELECT toStartOfInterval(occurred_at, INTERVAL {step:UInt32} SECOND) AS bucket, ${column} AS key, count() AS count
       FROM ${this.t('findings')} FINAL
       WHERE ${where}
       GROUP BY bucket, key ORDER BY bucket, count DESC, key`,
      {
        org: orgParam(q.org),
        kind: q.kind ?? '',
        from: chTime(q.from),
        to: chTime(q.to),
        step: q.intervalSeconds,
      },
    );
    return rows.map((r) => ({ bucket: isoTime(r.bucket) as string, key: r.key, count: Number(r.count) }));
  }

  /** How many stored analyses were made by another analyzer version than `version`, by subject kind. */
  async countStale(version: string): Promise<{ subject_kind: string; count: number }[]> {
    const rows = await this.rows<{ subject_kind: string; c: string }>(
      `SELECT subject_kind, count() AS c FROM ${this.t('analyses')} FINAL WHERE analyzer_version != {v:String} GROUP BY subject_kind`,
      { v: version },
    );
    return rows.map((r) => ({ subject_kind: r.subject_kind, count: Number(r.c) }));
  }

  /** Subjects whose stored analysis is older than `version`, or that failed to analyze and have no analysis. */
  async subjectsToRerun(
    version: string,
    org: OrgScope,
    limit: number,
  ): Promise<{ org_id: string; subject_kind: SubjectKind; subject_id: string; why: 'stale' | 'failed' }[]> {
    const orgFilter = `AND ${orgWhere(org)}`;
    const stale = await this.rows<{ org_id: string; subject_kind: SubjectKind; subject_id: string }>(
      `SELECT org_id, subject_kind, subject_id FROM ${this.t('analyses')} FINAL
       WHERE analyzer_version != {v:String} ${orgFilter} LIMIT {limit:UInt32}`,
      { v: version, org: orgParam(org), limit },
    );
    const failed = await this.rows<{ org_id: string; subject_kind: SubjectKind; subject_ref: string }>(
      `SELECT DISTINCT org_id, subject_kind, subject_ref FROM ${this.t('analysis_errors')}
       WHERE error_kind IN ('timed_out', 'analyzer_error', 'validation_failed') AND subject_kind IN ('episode', 'trace', 'log') ${orgFilter}
         AND (org_id, subject_kind, subject_ref) NOT IN (SELECT org_id, subject_kind, subject_id FROM ${this.t('analyses')} FINAL)
       LIMIT {limit:UInt32}`,
      { org: orgParam(org), limit },
    );
    return [
      ...stale.map((r) => ({ ...r, why: 'stale' as const })),
      ...failed.map((r) => ({
        org_id: r.org_id,
        subject_kind: r.subject_kind,
        subject_id: r.subject_ref,
        why: 'failed' as const,
      })),
    ];
  }

  /** Stored traces (redacted payloads) by ids or time range, for batch runs. */
  async loadTraces(q: SubjectQuery): Promise<TraceRecord[]> {
    const rows = await this.rows<{ payload: string }>(
      `SELECT payload FROM ${this.t('traces')} FINAL WHERE ${subjectWhere(q, 'trace_id')} ORDER BY timestamp LIMIT {limit:UInt32}`,
      subjectParams(q),
    );
    return rows.map((r) => ({ ...(JSON.parse(r.payload) as TraceRecord), kind: 'trace' as const }));
  }

  async loadLogs(q: SubjectQuery): Promise<LogRecord[]> {
    const rows = await this.rows<{
      org_id: string;
      log_id: string;
      timestamp: string;
      experiment_type: string;
      error_message: string;
      logs: string;
      code_snippet: string;
    }>(
      `SELECT org_id, log_id, timestamp, experiment_type, error_message, logs, code_snippet FROM ${this.t('logs')} FINAL
       WHERE ${subjectWhere(q, 'log_id')} ORDER BY timestamp LIMIT {limit:UInt32}`,
      subjectParams(q),
    );
    return rows.map((r) => ({
      kind: 'log' as const,
      log_id: r.log_id,
      org_id: r.org_id,
      timestamp: isoTime(r.timestamp) as string,
      ...(r.experiment_type ? { experiment_type: r.experiment_type } : {}),
      error_message: r.error_message,
      logs: r.logs,
      ...(r.code_snippet ? { code_snippet: r.code_snippet } : {}),
    }));
  }
}

export interface LlmCacheRow {
  cache_key: string;
  fingerprint: string;
  analyzer_version: string;
  provider: string;
  model: string;
  /** The validated answer (the LLM-authored fields of a pattern). */
  answer: Record<string, unknown>;
  input_tokens: number;
  output_tokens: number;
}

export interface SubjectQuery {
  /** Stored subjects are always read within one org. */
  org: string;
  ids?: string[];
  from?: string;
  to?: string;
  limit: number;
}

function subjectWhere(q: SubjectQuery, idColumn: string): string {
  return [
    'org_id = {org:String}',
    q.ids ? `${idColumn} IN {ids:Array(String)}` : '1',
    q.from ? 'timestamp >= {from:DateTime64(3)}' : '1',
    q.to ? 'timestamp < {to:DateTime64(3)}' : '1',
  ].join(' AND ');
}

function subjectParams(q: SubjectQuery): Record<string, unknown> {
  return { org: requireOrg(q.org), ids: q.ids ?? [], from: chTime(q.from) ?? '', to: chTime(q.to) ?? '', limit: q.limit };
}

/**
 * Tenancy in the store: every lookup is by (org, id). The only way to read across orgs is to
 * pass `EVERY_ORG`, which the listing methods (trends, audit, runs, subjects to re-run) accept
 * for the platform scope's explicit `org=*` and the scheduler; no `null` or empty org means "any".
 */
export const EVERY_ORG: unique symbol = Symbol('every org');
export type OrgScope = string | typeof EVERY_ORG;
/** The org_id of runs that span every org (the scheduled run, a platform run with `org=*`). */
export const RUNS_OF_EVERY_ORG = '*';

function requireOrg(org: string): string {
  if (typeof org !== 'string' || !org) throw new TypeError('store: an org is required for this lookup');
  return org;
}

function orgWhere(org: OrgScope): string {
  if (org === EVERY_ORG) return '1';
  requireOrg(org);
  return 'org_id = {org:String}';
}

function orgParam(org: OrgScope): string {
  return org === EVERY_ORG ? '' : org;
}

export const TREND_COLUMNS = {
  category: 'category',
  contributing_factor: 'contributing_factor',
  severity: 'severity',
  robot: 'robot_id',
  service: 'service',
  fingerprint: 'fingerprint',
  code: 'code',
} as const;

export interface TrendQuery {
  org: OrgScope;
  by: keyof typeof TREND_COLUMNS;
  from: string;
  to: string;
  intervalSeconds: number;
  kind?: SubjectKind;
  allFindings?: boolean;
}

export interface TrendPoint {
  bucket: string;
  key: string;
  count: number;
}

export interface ApiKeyRow {
  key_hash: string;
  key_id: string;
  org_id: string;
  role: string;
  label: string;
  created_at: string;
  revoked: boolean;
}

export interface AuditRow {
  /** One entry per id: a row written again with the same id (a redelivered batch) is not a second entry. Default: random. */
  audit_id?: string;
  at?: string;
  org_id: string;
  action: string;
  actor: string;
  subject_kind: string;
  subject_id: string;
  metadata?: Record<string, unknown>;
}

export interface RunRow {
  run_id: string;
  org_id: string;
  trigger: 'manual' | 'scheduled';
  status: 'running' | 'completed' | 'failed';
  requested_by: string;
  started_at: string;
  finished_at: string | null;
  summary: Record<string, unknown>;
}

interface AnalysisDbRow {
  org_id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  analyzer_version: string;
  analyzed_at: string;
  occurred_at: string;
  robot_id: string;
  service: string;
  fingerprint: string;
  signature: string;
  findings: string;
  pattern: string;
  source: 'heuristic' | 'llm';
  rule_errors: string;
  llm?: string;
}

export interface StoredAnalysis {
  analysis: Analysis;
  occurredAt: string;
  robotId: string;
  service: string;
}

function fromDbRow(r: AnalysisDbRow): StoredAnalysis {
  const analysis: Analysis = {
    subject_kind: r.subject_kind,
    subject_id: r.subject_id,
    org_id: r.org_id,
    analyzer_version: r.analyzer_version,
    analyzed_at: isoTime(r.analyzed_at) as string,
    fingerprint: r.fingerprint,
    signature: r.signature,
    findings: JSON.parse(r.findings),
    source: r.source,
    ...(r.pattern ? { pattern: JSON.parse(r.pattern) } : {}),
    ...(r.rule_errors ? { rule_errors: JSON.parse(r.rule_errors) } : {}),
    ...(r.llm ? { llm: JSON.parse(r.llm) } : {}),
  };
  return { analysis, occurredAt: isoTime(r.occurred_at) as string, robotId: r.robot_id, service: r.service };
}

/**
 * The DDL of a migration for a cluster: `ON CLUSTER` on every CREATE, and the Replicated
 * variant of every MergeTree engine (the server's default replica path and name apply).
 * Without a cluster the statement is unchanged.
 */
export function clusterize(statement: string, cluster: string | undefined): string {
  if (!cluster) return statement;
  return statement
    .replace(
      /^(\s*CREATE\s+(?:TABLE|DATABASE|VIEW|MATERIALIZED\s+VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?[\w.{}]+)/i,
      `$1 ON CLUSTER ${cluster}`,
    )
    .replace(/^(\s*ALTER\s+TABLE\s+[\w.{}]+)/i, `$1 ON CLUSTER ${cluster}`)
    .replace(
      /ENGINE\s*=\s*(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing)?MergeTree\b/g,
      (_m, variant: string | undefined) => `ENGINE = Replicated${variant ?? ''}MergeTree`,
    );
}

/** Splits a migration file into statements on `;` at line ends, skipping comments. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) =>
      s
        .split('\n')
        .filter((l) => !l.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter(Boolean);
}
