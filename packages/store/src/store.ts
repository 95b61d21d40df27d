/**
 * The ClickHouse store, the same SQL embedded (chdb, in-process) or against a server
 * (CLICKHOUSE_URL). Only the main thread writes; workers compute.
 *
 * `Store` is the facade the roles call; each table family is a repository in `tables/` (its row
 * converters, writes and reads), every write goes through the one record writer (`writer.ts`),
 * and tenancy, times and versions live in `db.ts`. Invariants: every lookup is by (org, id);
 * re-delivered records and re-analyses replace their earlier rows (ReplacingMergeTree +
 * version); every text is redacted before it is written.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ClickHouseClient, type ClickHouseSettings, createClient, parseError } from '@clickhouse/client';
import type {
  EpisodeRecord,
  EvalResultRecord,
  GroupMark,
  LogRecord,
  SubjectKind,
  TraceRecord,
  VerificationResultRecord,
} from '@faultline/core';
import { type Db, type OrgScope, requireOrg } from './db.js';
import { clusterize, migrate } from './migrations.js';
import { applyRetention, DEFAULT_RETENTION, type Retention } from './retention.js';
import { detachStdin } from './stdin.js';
import * as analyses from './tables/analyses.js';
import * as audit from './tables/audit.js';
import * as dims from './tables/dims.js';
import * as episodes from './tables/episodes.js';
import * as errors from './tables/errors.js';
import * as failures from './tables/failures.js';
import * as groups from './tables/groups.js';
import * as keys from './tables/keys.js';
import * as llmCache from './tables/llm-cache.js';
import * as runs from './tables/runs.js';
import * as sessions from './tables/sessions.js';
import * as subjects from './tables/subjects.js';
import { type RowWriter, writeRows } from './writer.js';

export { chTime, EVERY_ORG, isoTime, nextVersion, type OrgScope, RUNS_OF_EVERY_ORG } from './db.js';
export { clusterize, migrationFiles, migrationStatements, splitStatements } from './migrations.js';
export { applyRetention, DEFAULT_RETENTION, type Retention, TTL_TABLES, ttlExpression } from './retention.js';
export {
  type AnalysisRow,
  type StoredAnalysis,
  type SubjectToRerun,
  TREND_COLUMNS,
  type TrendPoint,
  type TrendQuery,
} from './tables/analyses.js';
export type { AuditRow } from './tables/audit.js';
export type {
  DimensionInsight,
  DimensionQuery,
  DimensionSummary,
  DimensionValue,
  RunDim,
} from './tables/dims.js';
export type { AnalysisErrorRow, ErrorKind, LastError } from './tables/errors.js';
export type { FailureCursor, FailureListQuery, FailureListRow, FailurePage } from './tables/failures.js';
export {
  type GroupCount,
  type GroupFilter,
  type GroupMember,
  type GroupQuery,
  type GroupReach,
  type GroupSummary,
  hourWindow,
  type MemberCursor,
  type SparkPoint,
} from './tables/groups.js';
export type { ApiKeyRow } from './tables/keys.js';
export type { LlmCacheRow } from './tables/llm-cache.js';
export type { RunRow } from './tables/runs.js';
export type { SubjectQuery } from './tables/subjects.js';

export interface StoreOptions {
  /** A ClickHouse server URL; unset means embedded chdb in `dataDir`. */
  url?: string | undefined;
  dataDir?: string;
  database?: string;
  /** Max time for one query (ms). */
  requestTimeoutMs?: number;
  /** A ClickHouse cluster: migrations run ON CLUSTER with Replicated engines. */
  cluster?: string | undefined;
  /** Lifetimes of the table families (TTL), applied at open; default `DEFAULT_RETENTION`. */
  retention?: Retention | undefined;
  /**
   * ClickHouse's `merge_selector_base` for every MergeTree table, applied at open; unset keeps
   * ClickHouse's default (5). A short-lived store that only its own run reads (the CLI's temporary
   * store) merges its parts fewer times over with a larger base (load-tests/README.md, sixth landing).
   */
  mergeSelectorBase?: number | undefined;
  /**
   * false: the materialized views that feed the dashboards' rollups (failure_list, rollup_hourly,
   * fingerprint_groups, tags_rollup_hourly) are dropped at open, so an insert into analyses or
   * run_dims runs none. Only for a store nobody but its own run reads (the CLI's temporary store):
   * the pipeline never reads the rollups, and each view cost a pipeline and a part per insert
   * (load-tests/README.md, eighth landing). Unset or true: the store as migrated.
   */
  rollupViews?: boolean | undefined;
  /**
   * false: the tables that only the dashboards, the API and the audit read, each a copy or a
   * record of what the pipeline stores elsewhere, are not written: findings (analyses' findings
   * flattened), run_dims (the fleet insight's dimensions), audit_log and analysis_errors
   * (`writeAnalyses` writes the analyses alone; `writeRunDims`, `writeFailureDims`, `writeAudit`,
   * `writeErrors` and `saveEpisodes`' dimensions write nothing). Only for a store nobody but its
   * own run reads (the CLI's temporary store): the pipeline reads the records, their state and
   * the previous analyses, none of these, and the CLI's output lines carry the errors themselves;
   * they were four of a batch's eleven inserts and one of its six reads (load-tests/README.md, tenth
   * landing). Unset or true: every table written.
   */
  derivedTables?: boolean | undefined;
}

/** chdb's raw insert (`connection.chdb.rawInsert`): a payload in a text format, handed over as bytes. */
type RawInsert = (params: {
  table: string;
  columns: readonly string[];
  values: Buffer;
  format: 'JSONCompactEachRow';
  settings: Record<string, string>;
}) => Promise<unknown>;

/**
 * Settings every write uses (embedded and server). A JSON array or object given for a String
 * column is stored as its JSON text, byte for byte as it stands in the payload (the defaults of
 * chdb and of ClickHouse 25.3, the release deploy/compose pins; set explicitly here): the analyses'
 * findings, pattern, rule errors and LLM answer go into the payload as they are, serialized once by
 * the payload's JSON.stringify, instead of each being stringified first and its text escaped again
 * (tables/analyses.ts, db.ts jsonColumn). The server client sends them with every query: a server
 * too old to know one refuses every query with UNKNOWN_SETTING (code 115), so the store does not
 * open there — a loud refusal, never a column read another way.
 */
const WRITE_SETTINGS = {
  date_time_input_format: 'best_effort',
  input_format_json_read_objects_as_strings: '1',
  input_format_json_read_arrays_as_strings: '1',
} as const;

export class Store implements Db {
  /** Embedded only: chdb's raw insert, which `insert` uses instead of the client's (see `insert`). */
  private rawInsert: RawInsert | undefined;
  /** Whether findings, run_dims, audit_log and analysis_errors are written (StoreOptions.derivedTables). */
  private writesDerived = true;

  private constructor(
    readonly client: ClickHouseClient,
    readonly database: string,
    readonly embedded: boolean,
    readonly retention: Retention,
    readonly cluster?: string,
  ) {}

  /** Connects, applies the migrations not applied yet and the configured lifetimes. */
  static async open(options: StoreOptions = {}): Promise<Store> {
    const store = await Store.connect(options);
    await store.migrate();
    await applyRetention(store.client, store.database, store.cluster, store.retention);
    if (options.mergeSelectorBase !== undefined) await store.mergeWithBase(options.mergeSelectorBase);
    if (options.rollupViews === false) await store.dropMaterializedViews();
    if (options.derivedTables === false) store.writesDerived = false;
    return store;
  }

  /** Drops every materialized view of the database (StoreOptions.rollupViews false); their target tables stay, empty. */
  private async dropMaterializedViews(): Promise<void> {
    const views = await this.rows<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = {db:String} AND engine = 'MaterializedView' ORDER BY name`,
      { db: this.database },
    );
    for (const { name } of views) await this.client.command({ query: clusterize(`DROP VIEW ${this.t(name)}`, this.cluster) });
  }

  /** Sets `merge_selector_base` on every MergeTree table of the database (StoreOptions.mergeSelectorBase). */
  private async mergeWithBase(base: number): Promise<void> {
    if (!Number.isInteger(base) || base < 2) throw new Error(`mergeSelectorBase must be an integer of at least 2, got ${base}`);
    const tables = await this.rows<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = {db:String} AND engine LIKE '%MergeTree' ORDER BY name`,
      { db: this.database },
    );
    for (const { name } of tables)
      await this.client.command({
        query: clusterize(`ALTER TABLE ${this.t(name)} MODIFY SETTING merge_selector_base = ${base}`, this.cluster),
      });
  }

  /** A store on the database without applying migrations (tests of a migration; `open` is the normal way). */
  static async connect(options: StoreOptions = {}): Promise<Store> {
    const database = options.database ?? 'faultline';
    let client: ClickHouseClient;
    if (options.url) {
      client = createClient({
        url: options.url,
        request_timeout: options.requestTimeoutMs ?? 30_000,
        clickhouse_settings: WRITE_SETTINGS as unknown as ClickHouseSettings,
      });
    } else {
      detachStdin();
      const path = resolve(options.dataDir ?? './data');
      mkdirSync(path, { recursive: true });
      const { createChdbConnection } = (await import('chdb/connection')) as typeof import('chdb/connection');
      const connection = createChdbConnection({ path });
      client = createClient({
        connection,
        clickhouse_settings: WRITE_SETTINGS as unknown as ClickHouseSettings,
      } as Parameters<typeof createClient>[0]);
      const store = new Store(client, database, true, options.retention ?? DEFAULT_RETENTION, options.cluster);
      store.rawInsert = (params) => connection.chdb.rawInsert(params);
      return store;
    }
    return new Store(client, database, false, options.retention ?? DEFAULT_RETENTION, options.cluster);
  }

  t(name: string): string {
    return `${this.database}.${name}`;
  }

  /** Applies the numbered SQL files of schemas/clickhouse that have not run yet (up to `upTo`). Idempotent. */
  migrate(upTo?: string): Promise<string[]> {
    return migrate(this.client, this.database, this.cluster, upTo === undefined ? {} : { upTo });
  }

  async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const rs = await this.client.query({ query, query_params: params, format: 'JSONEachRow' });
    return (await rs.json()) as T[];
  }

  /**
   * Inserts rows as JSONCompactEachRow under their column list: the keys are not repeated in every
   * row (the pipeline's inserts took about 15% less time than as JSONEachRow; load-tests/README.md).
   * Rows go in groups of the same defined keys, so a key a row omits (or leaves undefined) still
   * takes its column's default, as in JSONEachRow; the converters give one group per call.
   *
   * Embedded, a group's rows are encoded into one Buffer (rows separated by commas, which the
   * format accepts: one JSON.stringify for narrow rows, row by row for wide ones, encodeRows) and
   * handed to chdb as it is (its raw insert): no per-row encoding
   * stream, no copy of the payload into the SQL text (`node load-tests/insert-format.js`). Its
   * errors are reshaped as the client's (`ClickHouseError`, `.type` named), so a refusal reads the
   * same on both paths (store-isolated.ts tells refused rows from an outage by it).
   */
  async insert(table: string, values: Record<string, unknown>[]): Promise<void> {
    const groups = new Map<string, { columns: string[]; rows: unknown[][] }>();
    // A row of the previous row's shape (the converters' rows mostly are) joins its group without
    // its key string being built and looked up again.
    let last: { columns: string[]; rows: unknown[][] } | undefined;
    for (const v of values) {
      const keys = Object.keys(v);
      if (last && sameShape(last.columns, keys, v)) {
        const columns = last.columns;
        const row = new Array<unknown>(columns.length);
        for (let i = 0; i < columns.length; i++) row[i] = v[columns[i] as string];
        last.rows.push(row);
        continue;
      }
      const columns = keys.filter((c) => v[c] !== undefined);
      const shape = columns.join('\u0000');
      const group = groups.get(shape) ?? { columns, rows: [] };
      groups.set(shape, group);
      group.rows.push(columns.map((c) => v[c]));
      last = group;
    }
    for (const { columns, rows } of groups.values()) {
      const [first, ...rest] = columns;
      if (first === undefined) continue; // a row without a value: nothing to write
      if (this.rawInsert) await this.insertRaw(table, columns, rows, this.rawInsert);
      else
        await this.client.insert({ table: this.t(table), columns: [first, ...rest], values: rows, format: 'JSONCompactEachRow' });
    }
  }

  private async insertRaw(table: string, columns: string[], rows: unknown[][], rawInsert: RawInsert): Promise<void> {
    const payload = encodeRows(rows);
    try {
      await rawInsert({ table: this.t(table), columns, values: payload, format: 'JSONCompactEachRow', settings: WRITE_SETTINGS });
    } catch (err) {
      const mapped = parseError(err instanceof Error ? err.message : String(err));
      if (mapped !== err) mapped.cause = err;
      throw mapped;
    }
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

  // records (tables/episodes.ts, tables/subjects.ts)
  /** Episodes, their success durations and, unless `dims` is false, the succeeded ones' run_dims rows. */
  saveEpisodes(rows: EpisodeRecord[], options: { dims?: boolean } = {}) {
    return episodes.saveEpisodes(this, rows, this.writesDerived ? options : { ...options, dims: false });
  }

  saveEvalResults(rows: EvalResultRecord[]) {
    return this.write(episodes.EVAL_RESULTS, rows);
  }

  saveVerificationResults(rows: VerificationResultRecord[]) {
    return this.write(episodes.VERIFICATION_RESULTS, rows);
  }

  saveTraces(rows: TraceRecord[]) {
    return subjects.saveTraces(this, rows);
  }

  saveLogs(rows: LogRecord[]) {
    return subjects.saveLogs(this, rows);
  }

  successDurations(pairs: { org: string; robot: string }[], limit: number) {
    return episodes.successDurations(this, pairs, limit);
  }

  evalResultsFor(pairs: { org: string; episode: string }[]) {
    return episodes.evalResultsFor(this, pairs);
  }

  evalRunCandidates(org: string, runId: string, limit: number) {
    return episodes.evalRunCandidates(this, org, runId, limit);
  }

  verificationResultsFor(pairs: { org: string; episode: string }[]) {
    return episodes.verificationResultsFor(this, pairs);
  }

  /** Both of the above in one read. */
  resultsFor(pairs: { org: string; episode: string }[]) {
    return episodes.resultsFor(this, pairs);
  }

  episodes(pairs: { org: string; episode: string }[]) {
    return episodes.episodes(this, pairs);
  }

  /** The episode (org, id) as stored (redacted); null when missing (another org's episode is missing). */
  async getEpisode(org: string, id: string): Promise<EpisodeRecord | null> {
    return (await episodes.episodes(this, [{ org: requireOrg(org), episode: id }]))[0] ?? null;
  }

  loadTraces(q: subjects.SubjectQuery) {
    return subjects.loadTraces(this, q);
  }

  loadLogs(q: subjects.SubjectQuery) {
    return subjects.loadLogs(this, q);
  }

  // analyses, findings, errors (tables/analyses.ts, tables/errors.ts)
  writeAnalyses(rows: analyses.AnalysisRow[]) {
    return analyses.writeAnalyses(this, rows, { findings: this.writesDerived });
  }

  getAnalysis(org: string, kind: SubjectKind, id: string) {
    return analyses.getAnalysis(this, org, kind, id);
  }

  fingerprintPeers(org: string, fingerprint: string, subjectId: string) {
    return analyses.fingerprintPeers(this, org, fingerprint, subjectId);
  }

  /** The analysis of (org, kind, id) and its fingerprint peers, in two reads (the read API's answer); null when missing. */
  getAnalysisWithPeers(org: string, kind: SubjectKind, id: string) {
    return analyses.getAnalysisWithPeers(this, org, kind, id);
  }

  /** One page of failed subjects of a kind, newest first (tables/failures.ts). */
  listFailures(q: failures.FailureListQuery) {
    return failures.listFailures(this, q);
  }

  trends(q: analyses.TrendQuery) {
    return analyses.trends(this, q);
  }

  /** The dimensions rows of stored analyses (failed episodes and traces, with their tags): tables/dims.ts. */
  async writeFailureDims(rows: analyses.AnalysisRow[]) {
    if (!this.writesDerived) return;
    return dims.writeRunDims(this, dims.failureDims(rows));
  }

  /**
   * The run_dims rows of a batch in one write (one read of the previous rows, one insert): the
   * succeeded episodes' (saved with `dims: false`) and the stored analyses' (failures), the
   * failures last so that a run in both keeps its failure row, as two writes in that order would.
   */
  async writeRunDims(succeeded: EpisodeRecord[], failed: analyses.AnalysisRow[]) {
    if (!this.writesDerived) return;
    return dims.writeRunDims(this, [...episodes.successDims(succeeded), ...dims.failureDims(failed)]);
  }

  /** What the selected failures have in common (tables/dims.ts): one ClickHouse query. */
  dimensionInsight(q: dims.DimensionQuery) {
    return dims.dimensionInsight(this, q);
  }

  countStale(version: string) {
    return analyses.countStale(this, version);
  }

  subjectsToRerun(version: string, org: OrgScope, limit: number) {
    return analyses.subjectsToRerun(this, version, org, limit);
  }

  // failure groups (tables/groups.ts)
  windowGroups(q: groups.GroupQuery) {
    return groups.windowGroups(this, q);
  }

  oneGroup(q: groups.GroupQuery, fingerprint: string) {
    return groups.oneGroup(this, q, fingerprint);
  }

  groupSparklines(q: groups.GroupQuery, fingerprints: string[], stepHours: number) {
    return groups.sparklines(this, q, fingerprints, stepHours);
  }

  groupReach(q: groups.GroupQuery, fingerprints: string[]) {
    return groups.reach(this, q, fingerprints);
  }

  groupMembers(q: groups.GroupQuery, fingerprint: string, limit: number, cursor?: groups.MemberCursor) {
    return groups.members(this, q, fingerprint, limit, cursor);
  }

  markGroup(org: string, fingerprint: string, status: GroupMark, actor: string, at?: Date) {
    return groups.markGroup(this, org, fingerprint, status, actor, at);
  }

  groupCounts(s: { now: number; resolveAfterMs: number; growingMin: number }) {
    return groups.groupCounts(this, s);
  }

  async writeErrors(rows: errors.AnalysisErrorRow[]) {
    if (!this.writesDerived) return;
    return errors.writeErrors(this, rows);
  }

  lastError(org: string, kind: SubjectKind, id: string) {
    return errors.lastError(this, org, kind, id);
  }

  // LLM answers, keys, audit, runs (tables/llm-cache.ts, keys.ts, audit.ts, runs.ts)
  llmCacheGet(cacheKeys: string[]) {
    return llmCache.llmCacheGet(this, cacheKeys);
  }

  llmCachePut(rows: llmCache.LlmCacheRow[]) {
    return llmCache.llmCachePut(this, rows);
  }

  saveKey(row: keys.ApiKeyRow) {
    return keys.saveKey(this, row);
  }

  findKey(keyHash: string) {
    return keys.findKey(this, keyHash);
  }

  countKeys(role: string) {
    return keys.countKeys(this, role);
  }

  revokeSession(row: sessions.RevokedSessionRow) {
    return sessions.revokeSession(this, row);
  }

  revokedSessionHashes() {
    return sessions.revokedSessionHashes(this);
  }

  async writeAudit(rows: audit.AuditRow[]) {
    if (!this.writesDerived) return;
    return audit.writeAudit(this, rows);
  }

  listAudit(q: { org: OrgScope; action?: string; subjectId?: string; limit: number }) {
    return audit.listAudit(this, q);
  }

  saveRun(run: runs.RunRow) {
    return runs.saveRun(this, run);
  }

  getRun(org: string, runId: string) {
    return runs.getRun(this, org, runId);
  }

  listRuns(org: OrgScope, limit: number) {
    return runs.listRuns(this, org, limit);
  }

  private write<T>(writer: RowWriter<T>, rows: T[]): Promise<void> {
    return writeRows(this, writer, rows);
  }
}

/** Rows whose JSON is at least this long are encoded one by one (`encodeRows`). */
export const ROW_BY_ROW_MIN_CHARS = 2048;

/**
 * A group's rows as a JSONCompactEachRow payload: each row's JSON array, separated by commas, in
 * UTF-8; the bytes of `Buffer.from(JSON.stringify(rows).slice(1, -1))`. Small rows (the first row's
 * JSON under ROW_BY_ROW_MIN_CHARS) are encoded so, in one call. Wide rows (the analyses, the logs)
 * are stringified one by one and written into one buffer: JSON.stringify builds a long text in parts
 * that are copied into one string before it is encoded, and one non-ASCII character anywhere (a third
 * of the analyses carry the pattern library's punctuation) makes that whole copy two bytes a
 * character; a row's own text stays one string of its own width (load-tests/README.md, thirteenth
 * landing).
 */
export function encodeRows(rows: readonly unknown[][]): Buffer {
  if (rows.length === 0) return Buffer.alloc(0);
  const first = JSON.stringify(rows[0]);
  if (first.length < ROW_BY_ROW_MIN_CHARS) return Buffer.from(JSON.stringify(rows).slice(1, -1));
  let buf = Buffer.allocUnsafe(Math.max(64 * 1024, first.length * 3 + 1));
  let off = 0;
  for (let i = 0; i < rows.length; i++) {
    const text = i === 0 ? first : JSON.stringify(rows[i]);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: with this much room the row is written whole.
    const need = text.length * 3 + 1;
    if (buf.length - off < need) {
      const grown = Buffer.allocUnsafe(Math.max(buf.length * 2, off + need));
      buf.copy(grown, 0, 0, off);
      buf = grown;
    }
    if (i > 0) buf[off++] = 0x2c; // ','
    off += buf.write(text, off, 'utf8');
  }
  return buf.subarray(0, off);
}

/** Whether a row's defined keys, in order, are `columns` (`keys` is the row's `Object.keys`). */
function sameShape(columns: string[], keys: string[], v: Record<string, unknown>): boolean {
  let i = 0;
  for (const k of keys) {
    if (v[k] === undefined) continue;
    if (columns[i] !== k) return false;
    i++;
  }
  return i === columns.length;
}
