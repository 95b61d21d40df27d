/**
 * Configuration: read from the environment and validated once, at start. Every error
 * names the variable. Every role (and the offline CLI) reads the same schema.
 */
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
  rewardTolerance: number;
  historyWindow: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  adminKey: string | undefined;
  /** Bearer token /metrics requires (unset: /metrics is open, as Prometheus scrapes it by default). */
  metricsToken: string | undefined;
  /** Whether metrics carry org ids as label values (default: only when /metrics needs the token). */
  metricsOrgLabel: boolean;
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
}

export interface ConfigVar {
  name: string;
  default: string;
  description: string;
}

const defaultWorkers = Math.max(1, Math.min(4, cpus().length - 1));

/** The configuration table (also rendered in the README). */
export const CONFIG_VARS: ConfigVar[] = [
  { name: 'PORT', default: '8080', description: 'HTTP port of the service' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface the service listens on (0.0.0.0 in containers)' },
  { name: 'FAULTLINE_DATA_DIR', default: './data', description: 'Embedded ClickHouse (chdb) data directory' },
  {
    name: 'CLICKHOUSE_URL',
    default: '(unset: embedded chdb)',
    description: 'A ClickHouse server, e.g. http://user:pass@host:8123',
  },
  { name: 'CLICKHOUSE_DATABASE', default: 'faultline', description: 'Database that holds the tables' },
  {
    name: 'FAULTLINE_BUDGET_MS',
    default: '10000',
    description: 'Per-record analysis budget; overruns are recorded as timed_out',
  },
  { name: 'FAULTLINE_WORKERS', default: String(defaultWorkers), description: 'Analyzer worker threads (piscina)' },
  {
    name: 'FAULTLINE_BATCH_SIZE',
    default: '1000',
    description: 'Records per pipeline batch (CLI) and per bus delivery (service)',
  },
  {
    name: 'FAULTLINE_BATCH_BYTES',
    default: '8388608',
    description:
      'Bytes of records per pipeline batch and per bus delivery (8 MiB), whichever of this and FAULTLINE_BATCH_SIZE comes first: a batch of large logs stays small in memory',
  },
  {
    name: 'FAULTLINE_BATCH_LINGER_MS',
    default: '0 embedded, 500 with Kafka',
    description:
      "How long a delivery waits for other partitions' deliveries to join it in one pipeline batch (one ClickHouse insert per table), up to FAULTLINE_BATCH_SIZE records",
  },
  { name: 'FAULTLINE_REWARD_TOLERANCE', default: '-0.05', description: 'A reward_delta below this is a replay regression' },
  { name: 'FAULTLINE_HISTORY_WINDOW', default: '20', description: 'Successful runs per robot kept for the duration baseline' },
  { name: 'FAULTLINE_LOG_LEVEL', default: 'info', description: 'debug, info, warn or error' },
  {
    name: 'FAULTLINE_ADMIN_KEY',
    default: '(unset)',
    description: 'Bootstrap admin API key (at least 16 characters); other keys are created with it',
  },
  {
    name: 'FAULTLINE_METRICS_TOKEN',
    default: '(unset: /metrics is open)',
    description:
      'Bearer token /metrics requires (at least 16 characters); Prometheus sends it with `authorization: {credentials: …}`',
  },
  {
    name: 'FAULTLINE_METRICS_ORG_LABEL',
    default: 'auto',
    description:
      'Org ids as the `org` label of metrics: auto (only when FAULTLINE_METRICS_TOKEN protects /metrics), on, off (the label is "-")',
  },
  {
    name: 'FAULTLINE_BUS_CAPACITY',
    default: '100000',
    description: 'Records the embedded bus holds before ingest answers 503 with Retry-After',
  },
  {
    name: 'FAULTLINE_BUS_MAX_BYTES',
    default: '67108864',
    description:
      'Bytes of records (64 MiB) the embedded bus holds unconsumed, in memory and on disk, before ingest answers 503 with Retry-After; readiness fails from 80% of it (or of FAULTLINE_BUS_CAPACITY) on. A request larger than it gets 413',
  },
  {
    name: 'FAULTLINE_BUS_RETENTION_HOURS',
    default: '1',
    description:
      'Age bound of the embedded bus files: a segment is closed once its first record is this old and deleted once all its records are analyzed (fully analyzed segments go within a second anyway). Records not yet analyzed are kept, whatever their age',
  },
  {
    name: 'FAULTLINE_STALL_SECONDS',
    default: '120',
    description:
      'A consumer with records waiting that has committed nothing for this long, while the oldest waiting record is this old too, is stalled: /readyz fails and faultline_consumer_last_progress_seconds shows it (both transports)',
  },
  {
    name: 'FAULTLINE_BUS_PARTITIONS',
    default: '4',
    description: 'Partitions of the embedded bus (records are keyed: episodes by robot_id)',
  },
  {
    name: 'FAULTLINE_RUN_SCHEDULE',
    default: '17 * * * *',
    description: 'Cron expression of the scheduled batch run (re-analyzes stale and failed subjects); "off" disables it',
  },
  { name: 'FAULTLINE_MAX_BODY_BYTES', default: '10485760', description: 'Largest accepted request body' },
  {
    name: 'FAULTLINE_MIN_FREE_BYTES',
    default: '104857600',
    description:
      'Free space the data directory keeps: below it ingest answers 503 + Retry-After and /readyz is not ready (0: off)',
  },
  {
    name: 'KAFKA_BROKERS',
    default: '(unset: embedded bus)',
    description: 'Comma-separated Kafka brokers; set, ingest publishes to Kafka and analyzers form a consumer group',
  },
  {
    name: 'SCHEMA_REGISTRY_URL',
    default: '(required with KAFKA_BROKERS)',
    description: 'Confluent-compatible schema registry (Avro schemas, topic-name strategy)',
  },
  { name: 'KAFKA_GROUP_ID', default: 'faultline-analyzers', description: 'Consumer group of the analyzers' },
  {
    name: 'KAFKA_TOPIC_PREFIX',
    default: 'faultline',
    description: 'Topics are <prefix>.episodes, .eval-results, .verification-results, .traces, .logs, .findings, .dead-letter',
  },
  {
    name: 'KAFKA_TOPIC_PARTITIONS',
    default: '8',
    description: 'Partitions of the topics faultline creates when they are missing',
  },
  {
    name: 'KAFKA_RETENTION_HOURS',
    default: '72',
    description:
      'retention.ms of the topics faultline creates (raw records on the input and dead-letter topics leave the broker after it; an analyzer outage longer than this loses records). Existing topics keep theirs',
  },
  {
    name: 'KAFKA_CLIENT',
    default: 'kafkajs',
    description:
      'Kafka client library: kafkajs, or confluent (@confluentinc/kafka-javascript on librdkafka, an optional native dependency: deploy/local/install-native.sh)',
  },
  {
    name: 'CLICKHOUSE_CLUSTER',
    default: '(unset)',
    description: 'With CLICKHOUSE_URL: run migrations ON CLUSTER with Replicated engines',
  },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}=${JSON.stringify(raw)}: must be an integer from ${min} to ${max}`);
    return def;
  }
  return n;
}

/** A positive number of hours, as milliseconds. */
function hours(env: Env, name: string, def: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def * 3_600_000;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    problems.push(`${name}=${JSON.stringify(raw)}: must be a number of hours above 0 and at most ${max}`);
    return def * 3_600_000;
  }
  return Math.max(1, Math.round(n * 3_600_000));
}

function num(env: Env, name: string, def: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    problems.push(`${name}=${JSON.stringify(raw)}: must be a number`);
    return def;
  }
  return n;
}

/** Parses and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const clickhouseUrl = env.CLICKHOUSE_URL || undefined;
  if (clickhouseUrl) {
    try {
      const u = new URL(clickhouseUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:')
        problems.push(`CLICKHOUSE_URL: must be an http(s) URL, got ${u.protocol}`);
    } catch {
      problems.push('CLICKHOUSE_URL: not a valid URL');
    }
  }
  const db = env.CLICKHOUSE_DATABASE || 'faultline';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(db))
    problems.push(`CLICKHOUSE_DATABASE=${JSON.stringify(db)}: must be an identifier`);
  const level = (env.FAULTLINE_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(level)) {
    problems.push(`FAULTLINE_LOG_LEVEL=${JSON.stringify(level)}: must be debug, info, warn or error`);
  }
  const adminKey = env.FAULTLINE_ADMIN_KEY || undefined;
  if (adminKey !== undefined && adminKey.length < 16) problems.push('FAULTLINE_ADMIN_KEY: must be at least 16 characters');
  const metricsToken = env.FAULTLINE_METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    problems.push('FAULTLINE_METRICS_TOKEN: must be at least 16 characters');
  }
  const orgLabel = env.FAULTLINE_METRICS_ORG_LABEL || 'auto';
  if (!['auto', 'on', 'off'].includes(orgLabel)) {
    problems.push(`FAULTLINE_METRICS_ORG_LABEL="${orgLabel}": must be auto, on or off`);
  }
  const scheduleRaw = env.FAULTLINE_RUN_SCHEDULE ?? '17 * * * *';
  const runSchedule = scheduleRaw === 'off' || scheduleRaw === '' ? undefined : scheduleRaw;
  if (runSchedule) {
    try {
      new Cron(runSchedule, { paused: true }).stop();
    } catch (err) {
      problems.push(`FAULTLINE_RUN_SCHEDULE=${JSON.stringify(runSchedule)}: not a cron expression (${(err as Error).message})`);
    }
  }
  const brokersRaw = env.KAFKA_BROKERS?.trim();
  const kafkaBrokers = brokersRaw
    ? brokersRaw
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean)
    : undefined;
  for (const b of kafkaBrokers ?? []) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(b)) problems.push(`KAFKA_BROKERS: ${JSON.stringify(b)} is not host:port`);
  }
  const schemaRegistryUrl = env.SCHEMA_REGISTRY_URL || undefined;
  if (kafkaBrokers && !schemaRegistryUrl)
    problems.push('SCHEMA_REGISTRY_URL: required when KAFKA_BROKERS is set (records are Avro on the wire)');
  if (schemaRegistryUrl) {
    try {
      new URL(schemaRegistryUrl);
    } catch {
      problems.push('SCHEMA_REGISTRY_URL: not a valid URL');
    }
  }
  if (env.KAFKA_TOPIC_PREFIX && !/^[A-Za-z0-9._-]{1,200}$/.test(env.KAFKA_TOPIC_PREFIX)) {
    problems.push(`KAFKA_TOPIC_PREFIX=${JSON.stringify(env.KAFKA_TOPIC_PREFIX)}: letters, digits, '.', '_' and '-' only`);
  }
  const kafkaClient = (env.KAFKA_CLIENT || 'kafkajs') as Config['kafkaClient'];
  if (kafkaClient !== 'kafkajs' && kafkaClient !== 'confluent') {
    problems.push(`KAFKA_CLIENT=${JSON.stringify(env.KAFKA_CLIENT)}: must be kafkajs or confluent`);
  }
  const cluster = env.CLICKHOUSE_CLUSTER || undefined;
  if (cluster && !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(cluster))
    problems.push(`CLICKHOUSE_CLUSTER=${JSON.stringify(cluster)}: must be an identifier`);
  if (cluster && !clickhouseUrl) problems.push('CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL (the embedded store is a single node)');
  let llm: LlmConfig | undefined;
  const provider = env.FAULTLINE_LLM_PROVIDER || undefined;
  if (provider) {
    if (provider !== 'openai' && provider !== 'anthropic' && provider !== 'gemini') {
      problems.push(`FAULTLINE_LLM_PROVIDER=${JSON.stringify(provider)}: must be openai, anthropic or gemini`);
    }
    const model = env.FAULTLINE_LLM_MODEL || '';
    if (!model) problems.push('FAULTLINE_LLM_MODEL: required when FAULTLINE_LLM_PROVIDER is set');
    const baseUrl = env.FAULTLINE_LLM_BASE_URL || undefined;
    if (baseUrl) {
      try {
        new URL(baseUrl);
      } catch {
        problems.push('FAULTLINE_LLM_BASE_URL: not a valid URL');
      }
    }
    const apiKey = env.FAULTLINE_LLM_API_KEY || undefined;
    if (!apiKey && !baseUrl)
      problems.push(
        "FAULTLINE_LLM_API_KEY: required for the provider's own endpoint (set it, or FAULTLINE_LLM_BASE_URL for a local server)",
      );
    const narrative = (env.FAULTLINE_LLM_NARRATIVE ?? 'off').toLowerCase();
    if (!['on', 'off', 'true', 'false', '1', '0'].includes(narrative))
      problems.push('FAULTLINE_LLM_NARRATIVE: must be on or off');
    llm = {
      provider: provider as LlmConfig['provider'],
      model,
      apiKey,
      baseUrl,
      narrative: ['on', 'true', '1'].includes(narrative),
      priceInPerMTok: num(env, 'FAULTLINE_LLM_PRICE_IN', 0, problems),
      priceOutPerMTok: num(env, 'FAULTLINE_LLM_PRICE_OUT', 0, problems),
      concurrency: int(env, 'FAULTLINE_LLM_CONCURRENCY', 8, 1, 256, problems),
    };
  } else if (env.FAULTLINE_LLM_MODEL || env.FAULTLINE_LLM_API_KEY) {
    problems.push('FAULTLINE_LLM_PROVIDER: required when FAULTLINE_LLM_MODEL or FAULTLINE_LLM_API_KEY is set');
  }
  const config: Config = {
    port: int(env, 'PORT', 8080, 0, 65535, problems),
    host: env.HOST || '127.0.0.1',
    dataDir: env.FAULTLINE_DATA_DIR || './data',
    clickhouseUrl,
    clickhouseDatabase: db,
    budgetMs: int(env, 'FAULTLINE_BUDGET_MS', 10_000, 1, 600_000, problems),
    workers: int(env, 'FAULTLINE_WORKERS', defaultWorkers, 1, 64, problems),
    batchSize: int(env, 'FAULTLINE_BATCH_SIZE', 1000, 1, 100_000, problems),
    batchBytes: int(env, 'FAULTLINE_BATCH_BYTES', 8 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024, problems),
    batchLingerMs: int(env, 'FAULTLINE_BATCH_LINGER_MS', kafkaBrokers ? 500 : 0, 0, 60_000, problems),
    rewardTolerance: num(env, 'FAULTLINE_REWARD_TOLERANCE', -0.05, problems),
    historyWindow: int(env, 'FAULTLINE_HISTORY_WINDOW', 20, 5, 1000, problems),
    logLevel: level,
    adminKey,
    metricsToken,
    metricsOrgLabel: orgLabel === 'on' || (orgLabel === 'auto' && metricsToken !== undefined),
    busCapacity: int(env, 'FAULTLINE_BUS_CAPACITY', 100_000, 10, 10_000_000, problems),
    busMaxBytes: int(env, 'FAULTLINE_BUS_MAX_BYTES', 64 * 1024 * 1024, 1024 * 1024, 64 * 1024 * 1024 * 1024, problems),
    busRetentionMs: hours(env, 'FAULTLINE_BUS_RETENTION_HOURS', 1, 24 * 365, problems),
    stallMs: int(env, 'FAULTLINE_STALL_SECONDS', 120, 1, 86_400, problems) * 1000,
    busPartitions: int(env, 'FAULTLINE_BUS_PARTITIONS', 4, 1, 256, problems),
    runSchedule,
    maxBodyBytes: int(env, 'FAULTLINE_MAX_BODY_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024, problems),
    minFreeBytes: int(env, 'FAULTLINE_MIN_FREE_BYTES', 100 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER, problems),
    kafkaBrokers,
    schemaRegistryUrl,
    kafkaGroupId: env.KAFKA_GROUP_ID || 'faultline-analyzers',
    kafkaTopicPrefix: env.KAFKA_TOPIC_PREFIX || 'faultline',
    kafkaTopicPartitions: int(env, 'KAFKA_TOPIC_PARTITIONS', 8, 1, 1024, problems),
    kafkaRetentionMs: hours(env, 'KAFKA_RETENTION_HOURS', 72, 24 * 365 * 10, problems),
    kafkaClient,
    clickhouseCluster: cluster,
    llm,
    ...overrides,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
