/**
 * Configuration: read from the environment and validated once, at start. Every error
 * names the variable, and every invalid variable is reported at once (one ConfigError).
 * Every role (and the offline CLI) reads the same schema. It is a package of its own
 * (`@faultline/config`) so that `@faultline/core` stays pure: nothing in core reads the environment.
 *
 * One declarative schema (`CONFIG_SCHEMA`, `LLM_CONFIG_SCHEMA`): per variable its name, its
 * parser (type, default, bounds, the rule that involves another variable), its README cells, and
 * — as the key — the `Config` field it fills. The schema's types are mapped over `Config`, so the
 * two cannot disagree and compile; `loadConfig` only runs the parsers; the README table is
 * rendered from the same entries (packages/config/scripts/config-table.mjs, checked by a test).
 */
import { isIP } from 'node:net';
import { cpus } from 'node:os';
import { Cron } from 'croner';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  clickhouseUrl: string | undefined;
  clickhouseDatabase: string;
  budgetMs: number;
  workers: number;
  batchSize: number;
  /** Bytes (record values) per pipeline batch and per bus delivery. */
  batchBytes: number;
  /** How long a bus delivery waits for others to join it in one pipeline batch (and one insert per table). */
  batchLingerMs: number;
  /**
   * Kafka: records a pipeline batch may grow to while it would only wait in line behind two batches
   * not yet stored (the consumer's `backlogBatch`); default twice `batchSize`, at least `batchSize`;
   * equal to it: no growth.
   */
  batchBacklog: number;
  /**
   * The embedded bus: when the next batch is taken for analysis (the consumer's `handover`):
   * `stored`, once the one before is stored (unless it was full); `early`, at that store's start.
   */
  batchHandover: 'stored' | 'early';
  rewardTolerance: number;
  historyWindow: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  adminKey: string | undefined;
  /** Bearer token /metrics requires (unset: /metrics is open, as Prometheus scrapes it by default). */
  metricsToken: string | undefined;
  /** Whether metrics carry org ids as label values (default: only when /metrics needs the token). */
  metricsOrgLabel: boolean;
  /** The secret console session cookies are sealed with (unset: random per process). */
  sessionSecret: string | undefined;
  /** How long a console session lasts, in hours. */
  sessionHours: number;
  /**
   * Which proxies in front of the service are trusted for X-Forwarded-Proto/-Host/-For (Fastify's
   * `trustProxy`): false (none), a hop count, or addresses/CIDRs. Behind a TLS-terminating proxy it
   * makes the console's cookie Secure and its Origin check compare against https://<public host>.
   */
  trustProxy: false | number | string[];
  busCapacity: number;
  /** Bytes the embedded bus holds published and not yet consumed (memory and disk). */
  busMaxBytes: number;
  /** Age bound of the embedded bus's segments, in ms (committed records are deleted sooner). */
  busRetentionMs: number;
  /** A consumer with work waiting that has not advanced for this long is stalled (readiness fails). */
  stallMs: number;
  busPartitions: number;
  runSchedule: string | undefined;
  maxBodyBytes: number;
  /** Free bytes the data directory must keep: below, ingest answers 503 and /readyz not ready (0: off). */
  minFreeBytes: number;
  kafkaBrokers: string[] | undefined;
  schemaRegistryUrl: string | undefined;
  kafkaGroupId: string;
  kafkaTopicPrefix: string;
  kafkaTopicPartitions: number;
  /** `retention.ms` of the topics faultline creates. */
  kafkaRetentionMs: number;
  /** The Kafka client library behind the transport (KAFKA_CLIENT). */
  kafkaClient: 'kafkajs' | 'confluent';
  clickhouseCluster: string | undefined;
  /** Days ClickHouse keeps each table family (TTL), see `retentionOf`. */
  retentionRecordsDays: number;
  retentionAnalysesDays: number;
  retentionRollupsDays: number;
  retentionAuditDays: number;
  retentionLlmCacheDays: number;
  /** A failure group not seen for this long is `resolved` (ms). */
  groupResolveAfterMs: number;
  /** Fewest failures in a window for a group to be `growing`. */
  groupGrowingMin: number;
  llm: LlmConfig | undefined;
}

export interface LlmConfig {
  provider: 'openai' | 'anthropic' | 'gemini';
  model: string;
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** A short narrative paragraph on top of the findings (off by default). */
  narrative: boolean;
  /** Estimated price per million tokens, for the cost metric. */
  priceInPerMTok: number;
  priceOutPerMTok: number;
  /** Calls in flight at once. */
  concurrency: number;
  /** Only patterns whose rules-made confidence is below this go to the model (undefined: every pattern). */
  refineBelow: number | undefined;
}

/**
 * One variable of the schema: its name, how its raw value is parsed and checked (bounds live in
 * the parser, e.g. `int(1000, 1, 100_000)`), and the two README cells (default, meaning, in
 * Markdown). `loadConfig` runs the parsers, the README table is rendered from the same entries
 * (`node packages/config/scripts/config-table.mjs`; test/config-table.test.ts fails on drift).
 */
export interface ConfigVarSpec<T> {
  readonly name: string;
  /** Parses the raw value (undefined when unset); pushes a problem naming the variable and returns a fallback. */
  readonly parse: (raw: string | undefined, ctx: ParseContext) => T;
  readonly default: string;
  readonly description: string;
  /** The README's first cell when it is not `NAME` (one row for two variables); `false`: no row of its own. */
  readonly row?: string | false;
}

export interface ParseContext {
  /** The whole environment, for the few rules that involve two variables. */
  readonly env: Env;
  readonly problems: string[];
}

/**
 * The schema of every top-level field. Mapped over `Config`, so a field without a variable, a
 * variable for a field that does not exist, or a parser of the wrong type fails to compile.
 * Entry order is the README's row order and the order of the problems `loadConfig` reports.
 */
export type ConfigSchema = { readonly [K in Exclude<keyof Config, 'llm'>]-?: ConfigVarSpec<Config[K]> };
/** The LLM variables: parsed only when FAULTLINE_LLM_PROVIDER is set (`Config.llm` is undefined otherwise). */
export type LlmConfigSchema = { readonly [K in keyof LlmConfig]-?: ConfigVarSpec<LlmConfig[K]> };

type Env = Record<string, string | undefined>;
type Parse<T> = ConfigVarSpec<T>['parse'];

const defaultWorkers = Math.max(1, Math.min(4, cpus().length - 1));
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

// Parsers: each returns the value, or pushes one problem naming the variable and returns a fallback.

/** An integer from min to max; unset or empty: the default (a number, or one computed from the environment). */
function int(def: number | ((env: Env) => number), min: number, max: number, name: string): Parse<number> {
  return (raw, { env, problems }) => {
    const fallback = typeof def === 'number' ? def : def(env);
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
}

/** A positive number of hours, as milliseconds. */
function hours(def: number, max: number, name: string): Parse<number> {
  return (raw, { problems }) => {
    if (raw === undefined || raw === '') return def * 3_600_000;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a number of hours above 0 and at most ${max}`);
      return def * 3_600_000;
    }
    return Math.max(1, Math.round(n * 3_600_000));
  };
}

function num(def: number, name: string): Parse<number> {
  return (raw, { problems }) => {
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      problems.push(`${name}=${JSON.stringify(raw)}: must be a number`);
      return def;
    }
    return n;
  };
}

/** A string; unset or empty: the default. */
function str(def: string): Parse<string> {
  return (raw) => raw || def;
}

/** A string of at least 16 characters, or unset. */
function secret(name: string): Parse<string | undefined> {
  return (raw, { problems }) => {
    const value = raw || undefined;
    if (value !== undefined && value.length < 16) problems.push(`${name}: must be at least 16 characters`);
    return value;
  };
}

/** An IPv4/IPv6 address, or one with a /prefix of its family's length. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...more] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || more.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A URL, or unset. */
function url(name: string): Parse<string | undefined> {
  return (raw, { problems }) => {
    const value = raw || undefined;
    if (value) {
      try {
        new URL(value);
      } catch {
        problems.push(`${name}: not a valid URL`);
      }
    }
    return value;
  };
}

/** Whether KAFKA_BROKERS is set (Kafka transport) — the condition of several defaults and rules. */
const kafkaSet = (env: Env): boolean => Boolean(env.KAFKA_BROKERS?.trim());

/** FAULTLINE_BATCH_SIZE's parser (FAULTLINE_BATCH_BACKLOG's rule reads the batch size with it too). */
const batchSizeOf = int(1000, 1, 100_000, 'FAULTLINE_BATCH_SIZE');

export const CONFIG_SCHEMA: ConfigSchema = {
  port: { name: 'PORT', parse: int(8080, 0, 65535, 'PORT'), default: '`8080`', description: 'HTTP port of the service' },
  host: {
    name: 'HOST',
    parse: str('127.0.0.1'),
    default: '`127.0.0.1`',
    description: 'interface the service listens on (`0.0.0.0` in containers)',
  },
  dataDir: {
    name: 'FAULTLINE_DATA_DIR',
    parse: str('./data'),
    default: '`./data`',
    description: 'embedded ClickHouse (chdb) data directory',
  },
  clickhouseUrl: {
    name: 'CLICKHOUSE_URL',
    parse: (raw, { problems }) => {
      const value = raw || undefined;
      if (value) {
        try {
          const u = new URL(value);
          if (u.protocol !== 'http:' && u.protocol !== 'https:')
            problems.push(`CLICKHOUSE_URL: must be an http(s) URL, got ${u.protocol}`);
        } catch {
          problems.push('CLICKHOUSE_URL: not a valid URL');
        }
      }
      return value;
    },
    default: 'unset: embedded chdb',
    description: 'a ClickHouse server, e.g. `http://user:pass@host:8123`',
  },
  clickhouseDatabase: {
    name: 'CLICKHOUSE_DATABASE',
    parse: (raw, { problems }) => {
      const db = raw || 'faultline';
      if (!IDENTIFIER.test(db)) problems.push(`CLICKHOUSE_DATABASE=${JSON.stringify(db)}: must be an identifier`);
      return db;
    },
    default: '`faultline`',
    description: 'database that holds the tables',
  },
  budgetMs: {
    name: 'FAULTLINE_BUDGET_MS',
    parse: int(10_000, 1, 600_000, 'FAULTLINE_BUDGET_MS'),
    default: '`10000`',
    description: 'per-record analysis budget; overruns are recorded as `timed_out`',
  },
  workers: {
    name: 'FAULTLINE_WORKERS',
    parse: int(defaultWorkers, 1, 64, 'FAULTLINE_WORKERS'),
    default: 'CPUs − 1, from 1 to 4',
    description: 'analyzer worker threads (piscina)',
  },
  batchSize: {
    name: 'FAULTLINE_BATCH_SIZE',
    parse: batchSizeOf,
    default: '`1000`',
    description: 'records per pipeline batch (CLI) and per bus delivery (service)',
  },
  batchBytes: {
    name: 'FAULTLINE_BATCH_BYTES',
    parse: int(8 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024, 'FAULTLINE_BATCH_BYTES'),
    default: '`8388608`',
    description:
      'bytes of records per pipeline batch and per bus delivery (8 MiB), whichever of this and `FAULTLINE_BATCH_SIZE` comes first',
  },
  batchLingerMs: {
    name: 'FAULTLINE_BATCH_LINGER_MS',
    parse: int((env) => (kafkaSet(env) ? 500 : 0), 0, 60_000, 'FAULTLINE_BATCH_LINGER_MS'),
    default: '`0`; `500` with Kafka',
    description:
      "how long a delivery waits for other partitions' to join it in one pipeline batch (one ClickHouse insert per table), up to `FAULTLINE_BATCH_SIZE`",
  },
  batchBacklog: {
    name: 'FAULTLINE_BATCH_BACKLOG',
    // The default is derived from the batch size as FAULTLINE_BATCH_SIZE's own parser reads it (its
    // problems are reported there): twice it, so the default always passes the rule below.
    parse: (raw, ctx) => {
      const batchSize = batchSizeOf(ctx.env.FAULTLINE_BATCH_SIZE, { env: ctx.env, problems: [] });
      const n = int(2 * batchSize, 1, 200_000, 'FAULTLINE_BATCH_BACKLOG')(raw, ctx);
      if (n >= batchSize) return n;
      ctx.problems.push(`FAULTLINE_BATCH_BACKLOG=${JSON.stringify(raw)}: must be at least FAULTLINE_BATCH_SIZE (${batchSize})`);
      return 2 * batchSize;
    },
    default: 'twice `FAULTLINE_BATCH_SIZE`',
    description:
      'Kafka: records a pipeline batch may grow to while it would only wait behind two batches not yet stored (under backlog); at least `FAULTLINE_BATCH_SIZE`, equal to it: batches never grow',
  },
  batchHandover: {
    name: 'FAULTLINE_BATCH_HANDOVER',
    parse: (raw, { problems }) => {
      const handover = raw || 'stored';
      if (handover === 'stored' || handover === 'early') return handover;
      problems.push(`FAULTLINE_BATCH_HANDOVER=${JSON.stringify(raw)}: must be stored or early`);
      return 'stored';
    },
    default: '`stored`',
    description:
      "embedded bus: when the next batch is taken for analysis: `stored`, once the batch before is stored (what arrives during a store joins the next batch: lower latency at light load), or at that store's start when it was full (a backlog); `early`, always at that store's start (analyzed beside the store, then waits for it: as before)",
  },
  rewardTolerance: {
    name: 'FAULTLINE_REWARD_TOLERANCE',
    parse: num(-0.05, 'FAULTLINE_REWARD_TOLERANCE'),
    default: '`-0.05`',
    description: 'a `reward_delta` below this is a replay regression',
  },
  historyWindow: {
    name: 'FAULTLINE_HISTORY_WINDOW',
    parse: int(20, 5, 1000, 'FAULTLINE_HISTORY_WINDOW'),
    default: '`20`',
    description: 'successful runs per robot kept for the duration baseline',
  },
  logLevel: {
    name: 'FAULTLINE_LOG_LEVEL',
    parse: (raw, { problems }) => {
      const level = (raw || 'info') as Config['logLevel'];
      if (!['debug', 'info', 'warn', 'error'].includes(level)) {
        problems.push(`FAULTLINE_LOG_LEVEL=${JSON.stringify(level)}: must be debug, info, warn or error`);
      }
      return level;
    },
    default: '`info`',
    description: '`debug`, `info`, `warn` or `error`',
  },
  adminKey: {
    name: 'FAULTLINE_ADMIN_KEY',
    parse: secret('FAULTLINE_ADMIN_KEY'),
    default: 'unset',
    description: 'the bootstrap key, platform scope (at least 16 characters)',
  },
  busCapacity: {
    name: 'FAULTLINE_BUS_CAPACITY',
    parse: int(100_000, 10, 10_000_000, 'FAULTLINE_BUS_CAPACITY'),
    default: '`100000`',
    description: 'records the embedded bus holds before ingest answers 503',
  },
  busMaxBytes: {
    name: 'FAULTLINE_BUS_MAX_BYTES',
    parse: int(64 * 1024 * 1024, 1024 * 1024, 64 * 1024 * 1024 * 1024, 'FAULTLINE_BUS_MAX_BYTES'),
    default: '`67108864`',
    description:
      'bytes (64 MiB) the embedded bus holds unconsumed, in memory and on disk, before ingest answers 503; a request larger than it gets 413. Peak RSS under a burst of 50 KB logs (node load-tests/burst.js, 2 cores, 2026-12-05): about 1.0–1.2 GiB at 64 MiB, 0.7–1.1 GiB at 32 MiB (about 360 MiB at rest); it grows with how many logs the pipeline drains during the burst',
  },
  busRetentionMs: {
    name: 'FAULTLINE_BUS_RETENTION_HOURS',
    parse: hours(1, 24 * 365, 'FAULTLINE_BUS_RETENTION_HOURS'),
    default: '`1`',
    description: 'age bound of the embedded bus\'s files (see "Where raw records live"); records not yet analyzed are kept',
  },
  stallMs: {
    name: 'FAULTLINE_STALL_SECONDS',
    parse: (raw, ctx) => int(120, 1, 86_400, 'FAULTLINE_STALL_SECONDS')(raw, ctx) * 1000,
    default: '`120`',
    description:
      'an analyzer with records waiting that committed nothing for this long (the oldest waiting that old too) is stalled: `/readyz` fails, `faultline_consumer_last_progress_seconds` shows it',
  },
  busPartitions: {
    name: 'FAULTLINE_BUS_PARTITIONS',
    parse: int(4, 1, 256, 'FAULTLINE_BUS_PARTITIONS'),
    default: '`4`',
    description: 'partitions of the embedded bus (episodes keyed by `robot_id`)',
  },
  runSchedule: {
    name: 'FAULTLINE_RUN_SCHEDULE',
    parse: (raw, { problems }) => {
      const scheduleRaw = raw ?? '17 * * * *';
      const runSchedule = scheduleRaw === 'off' || scheduleRaw === '' ? undefined : scheduleRaw;
      if (runSchedule) {
        try {
          new Cron(runSchedule, { paused: true }).stop();
        } catch (err) {
          problems.push(
            `FAULTLINE_RUN_SCHEDULE=${JSON.stringify(runSchedule)}: not a cron expression (${(err as Error).message})`,
          );
        }
      }
      return runSchedule;
    },
    default: '`17 * * * *`',
    description: 'cron expression of the scheduled batch run; `off` disables it',
  },
  maxBodyBytes: {
    name: 'FAULTLINE_MAX_BODY_BYTES',
    parse: int(10 * 1024 * 1024, 1024, 1024 * 1024 * 1024, 'FAULTLINE_MAX_BODY_BYTES'),
    default: '`10485760`',
    description: 'largest accepted request body (413 above)',
  },
  minFreeBytes: {
    name: 'FAULTLINE_MIN_FREE_BYTES',
    parse: int(100 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER, 'FAULTLINE_MIN_FREE_BYTES'),
    default: '`104857600`',
    description:
      'free space the data directory keeps; below it (or after a write fails with ENOSPC) ingest answers 503 + `Retry-After` and `/readyz` is not ready; `0` turns the measurement off',
  },
  metricsToken: {
    name: 'FAULTLINE_METRICS_TOKEN',
    parse: secret('FAULTLINE_METRICS_TOKEN'),
    default: 'unset: `/metrics` open',
    description: 'bearer token `/metrics` requires (at least 16 characters)',
  },
  metricsOrgLabel: {
    name: 'FAULTLINE_METRICS_ORG_LABEL',
    parse: (raw, { env, problems }) => {
      const orgLabel = raw || 'auto';
      if (!['auto', 'on', 'off'].includes(orgLabel)) {
        problems.push(`FAULTLINE_METRICS_ORG_LABEL="${orgLabel}": must be auto, on or off`);
      }
      return orgLabel === 'on' || (orgLabel === 'auto' && Boolean(env.FAULTLINE_METRICS_TOKEN));
    },
    default: '`auto`',
    description: 'org ids as the `org` label of metrics: `auto` (only with `FAULTLINE_METRICS_TOKEN`), `on`, `off` (`-`)',
  },
  sessionSecret: {
    name: 'FAULTLINE_SESSION_SECRET',
    parse: secret('FAULTLINE_SESSION_SECRET'),
    default: 'unset: random per process',
    description:
      "secret the console's session cookies are sealed with (at least 16 characters); set the same on every api replica, or sessions end at a restart",
  },
  sessionHours: {
    name: 'FAULTLINE_SESSION_HOURS',
    parse: int(8, 1, 720, 'FAULTLINE_SESSION_HOURS'),
    default: '`8`',
    description: 'how long a console session lasts before signing in again',
  },
  trustProxy: {
    name: 'FAULTLINE_TRUST_PROXY',
    parse: (raw, { problems }) => {
      const value = raw?.trim() ?? '';
      if (value === '' || value === 'off' || value === 'false') return false;
      if (/^[0-9]+$/.test(value)) {
        const hops = Number(value);
        if (hops >= 1 && hops <= 16) return hops;
      } else {
        const entries = value.split(',').map((e) => e.trim());
        const bad = entries.filter((e) => !isAddressOrCidr(e));
        if (bad.length === 0) return entries;
        problems.push(`FAULTLINE_TRUST_PROXY: not an IP address or CIDR: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
        return false;
      }
      problems.push(
        `FAULTLINE_TRUST_PROXY=${JSON.stringify(value)}: must be off, a hop count from 1 to 16, or comma-separated proxy addresses/CIDRs`,
      );
      return false;
    },
    default: '`off`',
    description:
      'proxies trusted for `X-Forwarded-Proto`/`-Host`/`-For`: `off`, a hop count (1–16), or comma-separated addresses/CIDRs (e.g. `10.0.0.0/8`); set it behind a TLS-terminating proxy, so console cookies are `Secure` and sign-in POSTs pass the Origin check',
  },
  kafkaBrokers: {
    name: 'KAFKA_BROKERS',
    parse: (raw, { problems }) => {
      const brokersRaw = raw?.trim();
      const kafkaBrokers = brokersRaw
        ? brokersRaw
            .split(',')
            .map((b) => b.trim())
            .filter(Boolean)
        : undefined;
      for (const b of kafkaBrokers ?? []) {
        if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(b)) problems.push(`KAFKA_BROKERS: ${JSON.stringify(b)} is not host:port`);
      }
      return kafkaBrokers;
    },
    default: 'unset: embedded bus',
    description: 'comma-separated brokers; ingest publishes to Kafka, analyzers form a consumer group',
  },
  schemaRegistryUrl: {
    name: 'SCHEMA_REGISTRY_URL',
    parse: (raw, ctx) => {
      if (kafkaSet(ctx.env) && !raw)
        ctx.problems.push('SCHEMA_REGISTRY_URL: required when KAFKA_BROKERS is set (records are Avro on the wire)');
      return url('SCHEMA_REGISTRY_URL')(raw, ctx);
    },
    default: 'required with Kafka',
    description: 'Confluent-compatible registry (Avro, topic-name strategy)',
  },
  kafkaGroupId: {
    name: 'KAFKA_GROUP_ID',
    parse: str('faultline-analyzers'),
    default: '`faultline-analyzers`',
    description: "the analyzers' consumer group",
  },
  kafkaClient: {
    name: 'KAFKA_CLIENT',
    parse: (raw, { problems }) => {
      const kafkaClient = (raw || 'kafkajs') as Config['kafkaClient'];
      if (kafkaClient !== 'kafkajs' && kafkaClient !== 'confluent') {
        problems.push(`KAFKA_CLIENT=${JSON.stringify(raw)}: must be kafkajs or confluent`);
      }
      return kafkaClient;
    },
    default: '`kafkajs`',
    description:
      '`confluent`: @confluentinc/kafka-javascript (librdkafka), optional, built by `deploy/local/install-native.sh`; passes the same tests, not faster here',
  },
  kafkaTopicPrefix: {
    name: 'KAFKA_TOPIC_PREFIX',
    parse: (raw, { problems }) => {
      if (raw && !/^[A-Za-z0-9._-]{1,200}$/.test(raw)) {
        problems.push(`KAFKA_TOPIC_PREFIX=${JSON.stringify(raw)}: letters, digits, '.', '_' and '-' only`);
      }
      return raw || 'faultline';
    },
    default: '`faultline`',
    description: 'topics are `<prefix>.episodes`, `.traces`, …, `.findings`, `.dead-letter`',
  },
  kafkaTopicPartitions: {
    name: 'KAFKA_TOPIC_PARTITIONS',
    parse: int(8, 1, 1024, 'KAFKA_TOPIC_PARTITIONS'),
    default: '`8`',
    description: 'partitions of the topics faultline creates when missing',
  },
  kafkaRetentionMs: {
    name: 'KAFKA_RETENTION_HOURS',
    parse: hours(72, 24 * 365 * 10, 'KAFKA_RETENTION_HOURS'),
    default: '`72`',
    description: '`retention.ms` of the topics faultline creates (raw records leave the broker after it)',
  },
  clickhouseCluster: {
    name: 'CLICKHOUSE_CLUSTER',
    parse: (raw, { env, problems }) => {
      const cluster = raw || undefined;
      if (cluster && !IDENTIFIER.test(cluster))
        problems.push(`CLICKHOUSE_CLUSTER=${JSON.stringify(cluster)}: must be an identifier`);
      if (cluster && !env.CLICKHOUSE_URL)
        problems.push('CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL (the embedded store is a single node)');
      return cluster;
    },
    default: 'unset',
    description: 'with `CLICKHOUSE_URL`: migrations `ON CLUSTER`, Replicated engines',
  },
  retentionRecordsDays: {
    name: 'FAULTLINE_RETENTION_RECORDS_DAYS',
    parse: int(30, 1, 36_500, 'FAULTLINE_RETENTION_RECORDS_DAYS'),
    default: '`30`',
    description:
      'days ClickHouse keeps the received traces, logs, eval and verification results (redacted raw texts, for re-analysis), from their arrival',
  },
  retentionAnalysesDays: {
    name: 'FAULTLINE_RETENTION_ANALYSES_DAYS',
    parse: int(395, 1, 36_500, 'FAULTLINE_RETENTION_ANALYSES_DAYS'),
    default: '`395` (13 months)',
    description:
      'days ClickHouse keeps analyses, findings, analysis errors, episodes, duration baselines and runs, from when the subject occurred',
  },
  retentionRollupsDays: {
    name: 'FAULTLINE_RETENTION_ROLLUPS_DAYS',
    parse: int(1096, 1, 36_500, 'FAULTLINE_RETENTION_ROLLUPS_DAYS'),
    default: '`1096` (3 years)',
    description: 'days ClickHouse keeps the hourly failure counts (trends by category, factor, severity, code and fingerprint)',
  },
  retentionAuditDays: {
    name: 'FAULTLINE_RETENTION_AUDIT_DAYS',
    parse: int(730, 1, 36_500, 'FAULTLINE_RETENTION_AUDIT_DAYS'),
    default: '`730` (2 years)',
    description: 'days ClickHouse keeps audit log entries',
  },
  retentionLlmCacheDays: {
    name: 'FAULTLINE_RETENTION_LLM_CACHE_DAYS',
    parse: int(90, 1, 36_500, 'FAULTLINE_RETENTION_LLM_CACHE_DAYS'),
    default: '`90`',
    description: 'days a cached LLM answer is reused before the pattern is asked again',
  },
  groupResolveAfterMs: {
    name: 'FAULTLINE_GROUP_RESOLVE_AFTER',
    parse: hours(168, 24 * 3650, 'FAULTLINE_GROUP_RESOLVE_AFTER'),
    default: '`168` (7 days)',
    description: 'hours without a failure after which a failure group is `resolved` (`GET /api/groups`)',
  },
  groupGrowingMin: {
    name: 'FAULTLINE_GROUP_GROWING_MIN',
    parse: int(10, 1, 1_000_000, 'FAULTLINE_GROUP_GROWING_MIN'),
    default: '`10`',
    description:
      'fewest failures in the window for a group to be `growing` (with a one-sided Poisson test against its own earlier rate, p < 0.001)',
  },
};

export const LLM_CONFIG_SCHEMA: LlmConfigSchema = {
  provider: {
    name: 'FAULTLINE_LLM_PROVIDER',
    parse: (raw, { problems }) => {
      if (raw !== 'openai' && raw !== 'anthropic' && raw !== 'gemini') {
        problems.push(`FAULTLINE_LLM_PROVIDER=${JSON.stringify(raw)}: must be openai, anthropic or gemini`);
      }
      return raw as LlmConfig['provider'];
    },
    default: 'unset: no LLM',
    description: '`openai` (any OpenAI-compatible server), `anthropic` or `gemini`',
  },
  model: {
    name: 'FAULTLINE_LLM_MODEL',
    parse: (raw, { problems }) => {
      if (!raw) problems.push('FAULTLINE_LLM_MODEL: required when FAULTLINE_LLM_PROVIDER is set');
      return raw || '';
    },
    default: 'required with a provider',
    description: 'e.g. `gpt-4o-mini`, `claude-sonnet-4-5`, `gemini-2.5-flash`',
  },
  apiKey: {
    name: 'FAULTLINE_LLM_API_KEY',
    parse: (raw, { env, problems }) => {
      if (!raw && !env.FAULTLINE_LLM_BASE_URL)
        problems.push(
          "FAULTLINE_LLM_API_KEY: required for the provider's own endpoint (set it, or FAULTLINE_LLM_BASE_URL for a local server)",
        );
      return raw || undefined;
    },
    default: 'unset',
    description: "the provider's key (a local server may need none)",
  },
  baseUrl: {
    name: 'FAULTLINE_LLM_BASE_URL',
    parse: url('FAULTLINE_LLM_BASE_URL'),
    default: "the provider's",
    description: 'another endpoint: vLLM, Ollama, llama.cpp, a proxy',
  },
  narrative: {
    name: 'FAULTLINE_LLM_NARRATIVE',
    parse: (raw, { problems }) => {
      const narrative = (raw ?? 'off').toLowerCase();
      if (!['on', 'off', 'true', 'false', '1', '0'].includes(narrative))
        problems.push('FAULTLINE_LLM_NARRATIVE: must be on or off');
      return ['on', 'true', '1'].includes(narrative);
    },
    default: '`off`',
    description: '`on`: a short explanatory paragraph per failure',
  },
  priceInPerMTok: {
    name: 'FAULTLINE_LLM_PRICE_IN',
    parse: num(0, 'FAULTLINE_LLM_PRICE_IN'),
    default: '`0`',
    description: 'USD per million tokens, for `faultline_llm_cost_usd_total`',
    row: '`FAULTLINE_LLM_PRICE_IN` / `_OUT`',
  },
  priceOutPerMTok: {
    name: 'FAULTLINE_LLM_PRICE_OUT',
    parse: num(0, 'FAULTLINE_LLM_PRICE_OUT'),
    default: '`0`',
    description: 'USD per million tokens, for `faultline_llm_cost_usd_total`',
    row: false,
  },
  concurrency: {
    name: 'FAULTLINE_LLM_CONCURRENCY',
    parse: int(8, 1, 256, 'FAULTLINE_LLM_CONCURRENCY'),
    default: '`8`',
    description: 'LLM calls in flight at once',
  },
  refineBelow: {
    name: 'FAULTLINE_LLM_REFINE_BELOW',
    parse: (raw, { problems }) => {
      if (raw === undefined || raw.trim() === '' || raw.trim() === 'all') return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0 || n > 1) {
        problems.push(`FAULTLINE_LLM_REFINE_BELOW=${JSON.stringify(raw)}: must be all or a confidence above 0 and at most 1`);
        return undefined;
      }
      return n;
    },
    default: '`all`',
    description:
      'send only the patterns the rules answered with a confidence below this (e.g. `0.8`: the uncertain ones and "unknown") to the model; `all`: every failed trace and log, as the seed\'s log analysis does',
  },
};

/** Every variable, in README order. */
export function configVars(): ConfigVarSpec<unknown>[] {
  return [...Object.values(CONFIG_SCHEMA), ...Object.values(LLM_CONFIG_SCHEMA)] as ConfigVarSpec<unknown>[];
}

/** The README's configuration table (Markdown), rendered from the schema. */
export function renderConfigTable(): string {
  const rows = configVars()
    .filter((v) => v.row !== false)
    .map((v) => `| ${v.row ?? `\`${v.name}\``} | ${v.default} | ${v.description} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Runs every parser of a schema, in order, into the object of its fields. */
function parseSchema<C>(schema: { readonly [K in keyof C]: ConfigVarSpec<C[K]> }, ctx: ParseContext): C {
  const out = {} as C;
  for (const field of Object.keys(schema) as (keyof C)[]) {
    const spec = schema[field];
    out[field] = spec.parse(ctx.env[spec.name], ctx);
  }
  return out;
}

/** The LLM settings: undefined without a provider (then a model or key alone is a problem). */
function parseLlm(ctx: ParseContext): LlmConfig | undefined {
  if (ctx.env.FAULTLINE_LLM_PROVIDER) return parseSchema<LlmConfig>(LLM_CONFIG_SCHEMA, ctx);
  if (ctx.env.FAULTLINE_LLM_MODEL || ctx.env.FAULTLINE_LLM_API_KEY) {
    ctx.problems.push('FAULTLINE_LLM_PROVIDER: required when FAULTLINE_LLM_MODEL or FAULTLINE_LLM_API_KEY is set');
  }
  return undefined;
}

/** Parses and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const ctx: ParseContext = { env, problems: [] };
  const config: Config = {
    ...parseSchema<Omit<Config, 'llm'>>(CONFIG_SCHEMA, ctx),
    llm: parseLlm(ctx),
    ...overrides,
  };
  if (ctx.problems.length) throw new ConfigError(ctx.problems);
  return config;
}

/** The table families' lifetimes in days, as the store takes them (`StoreOptions.retention`). */
export function retentionOf(config: Config): {
  recordsDays: number;
  analysesDays: number;
  rollupsDays: number;
  auditDays: number;
  llmCacheDays: number;
} {
  return {
    recordsDays: config.retentionRecordsDays,
    analysesDays: config.retentionAnalysesDays,
    rollupsDays: config.retentionRollupsDays,
    auditDays: config.retentionAuditDays,
    llmCacheDays: config.retentionLlmCacheDays,
  };
}
