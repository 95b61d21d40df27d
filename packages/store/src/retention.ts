/**
 * Retention: every table family has a lifetime, a ClickHouse `TTL` on the column that dates its
 * rows; expired rows leave at the next merge of their part. The lifetimes come from the
 * configuration (FAULTLINE_RETENTION_*) and are applied at open: a table whose TTL differs from
 * the configured one gets `ALTER TABLE … MODIFY TTL` (ClickHouse then re-evaluates its parts).
 * `api_keys` and `schema_migrations` have none: a key lives until it is revoked, and a revoked
 * key's row must outlive every older row of that key. `revoked_sessions` has a fixed TTL of its
 * own (the revoked session's expiry + 1 day): a row is useless after it and needed until it.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { clusterize } from './migrations.js';

export interface Retention {
  /** Received traces, logs, eval and verification results (redacted raw texts). */
  recordsDays: number;
  /** Analyses, findings, analysis errors, episodes, duration baselines, runs, the version rollup. */
  analysesDays: number;
  /** The hourly failure rollups, the failure groups and the marks people set on them. */
  rollupsDays: number;
  auditDays: number;
  llmCacheDays: number;
}

/** What a fleet would choose: raw texts 30 days, analyses 13 months, rollups 3 years, audit 2 years. */
export const DEFAULT_RETENTION: Retention = {
  recordsDays: 30,
  analysesDays: 395,
  rollupsDays: 1096,
  auditDays: 730,
  llmCacheDays: 90,
};

/**
 * Per table: its family and the column its rows are dated by. Analyses and findings count from
 * when they were analyzed (a backfill of old records is kept), rollup rows from their last write.
 * `except`: the rows matching `where` live as long as another family says (a second TTL rule).
 */
export const TTL_TABLES: Record<
  string,
  { family: keyof Retention; column: string; except?: { where: string; family: keyof Retention } }
> = {
  traces: { family: 'recordsDays', column: 'received_at' },
  logs: { family: 'recordsDays', column: 'received_at' },
  eval_results: { family: 'recordsDays', column: 'received_at' },
  verification_results: { family: 'recordsDays', column: 'received_at' },
  analyses: { family: 'analysesDays', column: 'analyzed_at' },
  findings: { family: 'analysesDays', column: 'analyzed_at' },
  failure_list: { family: 'analysesDays', column: 'analyzed_at' },
  analysis_errors: { family: 'analysesDays', column: 'occurred_at' },
  episodes: { family: 'analysesDays', column: 'updated_at' },
  robot_success_durations: { family: 'analysesDays', column: 'finished_at' },
  runs: { family: 'analysesDays', column: 'started_at' },
  run_dims: { family: 'analysesDays', column: 'stored_at' },
  // The tags rollups (0017: tags_hourly and fingerprint_tags_hourly are plain views over it).
  tags_rollup_hourly: { family: 'rollupsDays', column: 'stored_at' },
  // The hourly rollups (0013); its 'versions' rows count analyses, and live as long as they do.
  rollup_hourly: {
    family: 'rollupsDays',
    column: 'stored_at',
    except: { where: "rollup = 'versions'", family: 'analysesDays' },
  },
  fingerprint_groups: { family: 'rollupsDays', column: 'stored_at' },
  group_status: { family: 'rollupsDays', column: 'set_at' },
  audit_log: { family: 'auditDays', column: 'at' },
  llm_cache: { family: 'llmCacheDays', column: 'created_at' },
};

/** The TTL expression of a table, as ClickHouse prints it back in `engine_full`. */
export function ttlExpression(table: string, retention: Retention): string {
  const spec = TTL_TABLES[table];
  if (!spec) throw new Error(`retention: no lifetime for table ${table}`);
  const dated = spec.column === 'stored_at' ? spec.column : `toDateTime(${spec.column})`;
  const ttl = `${dated} + toIntervalDay(${retention[spec.family]})`;
  if (!spec.except) return ttl;
  return `${ttl}, ${dated} + toIntervalDay(${retention[spec.except.family]}) WHERE ${spec.except.where}`;
}

/** Sets the configured TTL on every table whose TTL differs; returns the tables changed. */
export async function applyRetention(
  client: ClickHouseClient,
  database: string,
  cluster: string | undefined,
  retention: Retention,
): Promise<string[]> {
  const rs = await client.query({
    query: 'SELECT name, engine_full FROM system.tables WHERE database = {db:String}',
    query_params: { db: database },
    format: 'JSONEachRow',
  });
  const tables = new Map(((await rs.json()) as { name: string; engine_full: string }[]).map((r) => [r.name, r.engine_full]));
  const changed: string[] = [];
  for (const table of Object.keys(TTL_TABLES)) {
    const engine = tables.get(table);
    if (engine === undefined) continue;
    const ttl = ttlExpression(table, retention);
    if (engine.includes(`TTL ${ttl} `) || engine.endsWith(`TTL ${ttl}`)) continue;
    await client.command({ query: clusterize(`ALTER TABLE ${database}.${table} MODIFY TTL ${ttl}`, cluster) });
    changed.push(table);
  }
  return changed;
}
