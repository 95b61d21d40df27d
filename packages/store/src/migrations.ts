/**
 * Schema migrations: the numbered SQL files of schemas/clickhouse, applied once each in name
 * order and recorded in `schema_migrations`. On a cluster every statement is derived for it
 * (`ON CLUSTER`, Replicated engines); without one it runs unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';

const require = createRequire(import.meta.url);

export function migrationsDir(): string {
  return join(dirname(require.resolve('@faultline/schemas/package.json')), 'clickhouse');
}

/** The migration files in the order they apply, optionally only up to and including `upTo`. */
export function migrationFiles(upTo?: string): string[] {
  return readdirSync(migrationsDir())
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .filter((f) => upTo === undefined || f <= upTo);
}

/** The statements of one migration file for `database` (and `cluster`), as they will run. */
export function migrationStatements(
  file: string,
  database: string,
  cluster: string | undefined,
  vars: Record<string, string> = {},
): string[] {
  let sql = readFileSync(join(migrationsDir(), file), 'utf8').replaceAll('{db}', database);
  for (const [name, value] of Object.entries(vars)) sql = sql.replaceAll(`{${name}}`, value);
  return splitStatements(sql).map((s) => clusterize(s, cluster));
}

/** Applies the migrations not applied yet (up to `upTo` when given); returns their names. Idempotent. */
export async function migrate(
  client: ClickHouseClient,
  database: string,
  cluster: string | undefined,
  options: { upTo?: string; vars?: Record<string, string> } = {},
): Promise<string[]> {
  const on = cluster ? ` ON CLUSTER ${cluster}` : '';
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}${on}` });
  await client.command({
    query: clusterize(
      `CREATE TABLE IF NOT EXISTS ${database}.schema_migrations (name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = ReplacingMergeTree ORDER BY name`,
      cluster,
    ),
  });
  const rs = await client.query({ query: `SELECT name FROM ${database}.schema_migrations FINAL`, format: 'JSONEachRow' });
  const done = new Set(((await rs.json()) as { name: string }[]).map((r) => r.name));
  const applied: string[] = [];
  let known: Set<string> | undefined;
  for (const file of migrationFiles(options.upTo)) {
    if (done.has(file)) continue;
    for (const statement of migrationStatements(file, database, cluster, options.vars)) {
      const setting = modifiedSetting(statement);
      if (setting) {
        known ??= await mergeTreeSettings(client);
        if (!known.has(setting)) continue;
      }
      await client.command({ query: statement });
    }
    await client.insert({ table: `${database}.schema_migrations`, values: [{ name: file }], format: 'JSONEachRow' });
    applied.push(file);
  }
  return applied;
}

/**
 * The MergeTree setting an `ALTER TABLE … MODIFY SETTING name = …` statement sets, if it is one.
 * Such a statement turns off (or tunes) a behaviour of the ClickHouse the store was developed on
 * (chdb's); a server without the setting does not have the behaviour, and `migrate` skips it there
 * (0018's `auto_statistics_types`: ClickHouse 25.3, deploy/compose's server, has no automatic
 * statistics to turn off).
 */
export function modifiedSetting(statement: string): string | undefined {
  return /^\s*ALTER\s+TABLE\s+\S+(?:\s+ON\s+CLUSTER\s+\S+)?\s+MODIFY\s+SETTING\s+(\w+)\s*=/i.exec(statement)?.[1];
}

async function mergeTreeSettings(client: ClickHouseClient): Promise<Set<string>> {
  const rs = await client.query({ query: 'SELECT name FROM system.merge_tree_settings', format: 'JSONEachRow' });
  return new Set(((await rs.json()) as { name: string }[]).map((r) => r.name));
}

/**
 * The DDL of a migration for a cluster: `ON CLUSTER` on every CREATE, ALTER, TRUNCATE, DROP
 * and EXCHANGE, and the Replicated variant of every MergeTree engine (the server's default
 * replica path and name apply). INSERT ... SELECT runs once, on the node the store talks to;
 * replication copies its parts to the other replicas (one shard). Without a cluster the
 * statement is unchanged.
 */
export function clusterize(statement: string, cluster: string | undefined): string {
  if (!cluster) return statement;
  return statement
    .replace(
      /^(\s*CREATE\s+(?:TABLE|DATABASE|VIEW|MATERIALIZED\s+VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?[\w.{}]+)/i,
      `$1 ON CLUSTER ${cluster}`,
    )
    .replace(/^(\s*(?:ALTER|TRUNCATE)\s+TABLE\s+(?:IF\s+EXISTS\s+)?[\w.{}]+)/i, `$1 ON CLUSTER ${cluster}`)
    .replace(/^(\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?[\w.{}]+)/i, `$1 ON CLUSTER ${cluster}`)
    .replace(/^(\s*EXCHANGE\s+TABLES\s+[\w.{}]+\s+AND\s+[\w.{}]+)/i, `$1 ON CLUSTER ${cluster}`)
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
