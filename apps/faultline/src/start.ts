/**
 * The deployable roles, one code path:
 *   `faultline start`     all in one process (the default): ingest, analyzer, read API;
 *   `faultline ingest`    the ingest API only (publishes to Kafka);
 *   `faultline analyzer`  a consumer-group member: bus → pipeline → store; executes batch runs
 *                         (their records come over the bus) and the schedule;
 *   `faultline api`       the read API and admin actions; records batch runs and enqueues their
 *                         records on the bus (no analyzer pool: analyses have one writer role).
 * The transport and the store are chosen by configuration alone: KAFKA_BROKERS (+
 * SCHEMA_REGISTRY_URL) gives the Kafka transport, otherwise the embedded durable bus in
 * FAULTLINE_DATA_DIR; CLICKHOUSE_URL gives a ClickHouse server, otherwise chdb in
 * FAULTLINE_DATA_DIR. SIGTERM/SIGINT drain in-flight work (see main.ts).
 */
import { join } from 'node:path';
import { AnalyzerPool, key as episodeKey, LlmRefiner, Pipeline, Runner, RunTracker, startConsumer } from '@faultline/analyzer';
import { type BacklogHealth, backlogState, EmbeddedBus, type Transport, type TransportStats } from '@faultline/bus';
import { type Config, ConfigError, retentionOf } from '@faultline/config';
import { ANALYZER_VERSION, FAULTLINE_VERSION, toMessage } from '@faultline/core';
import { createSessions, DiskGuard, isDiskFull, KeyRing, Metrics } from '@faultline/platform';
import { EVERY_ORG, type RunRow, Store } from '@faultline/store';
import { Cron } from 'croner';
import { buildApp } from './app.js';
import { untilKafkaReady } from './kafka-ready.js';

export type Role = 'all' | 'ingest' | 'analyzer' | 'api';

export interface Running {
  url: string;
  role: Role;
  store: Store;
  transport: Transport;
  close(): Promise<void>;
}

async function openTransport(config: Config, role: Role): Promise<Transport> {
  if (config.kafkaBrokers) {
    const { AvroCodec, KafkaTransport } = await import('@faultline/kafka');
    const codec = await AvroCodec.connect(config.schemaRegistryUrl as string, { prefix: config.kafkaTopicPrefix });
    return KafkaTransport.connect({
      brokers: config.kafkaBrokers,
      codec,
      prefix: config.kafkaTopicPrefix,
      groupId: config.kafkaGroupId,
      partitions: config.kafkaTopicPartitions,
      clientId: `faultline-${role}`,
      client: config.kafkaClient,
      retentionMs: config.kafkaRetentionMs,
    });
  }
  if (role !== 'all') {
    throw new ConfigError([
      `KAFKA_BROKERS: the ${role} role runs as its own process only with Kafka (the embedded bus lives inside one process); set KAFKA_BROKERS and SCHEMA_REGISTRY_URL, or run \`faultline start\``,
    ]);
  }
  return EmbeddedBus.open({
    dir: join(config.dataDir, 'bus'),
    partitions: config.busPartitions,
    capacity: config.busCapacity,
    capacityBytes: config.busMaxBytes,
    retentionMs: config.busRetentionMs,
  });
}

/**
 * One role's process: the transport and the store, the pool (the analyzer only), the metrics,
 * the pipeline, the batch runner, the keys, the app; then the consumer and the schedule
 * (the analyzer only), then listening. Each step is a named function below.
 */
export async function startRole(config: Config, role: Role = 'all', opts: { quiet?: boolean } = {}): Promise<Running> {
  // A broker that has just started may not serve its partitions yet: retried, bounded (kafka-ready.ts).
  const transport = config.kafkaBrokers
    ? await untilKafkaReady(() => openTransport(config, role), {
        what: `faultline ${role === 'all' ? 'start' : role}`,
        log: (line) => process.stderr.write(`${line}\n`),
      })
    : await openTransport(config, role);
  const store = await Store.open({
    url: config.clickhouseUrl,
    dataDir: config.dataDir,
    database: config.clickhouseDatabase,
    cluster: config.clickhouseCluster,
    retention: retentionOf(config),
  });
  const analyzes = role === 'all' || role === 'analyzer';
  // Only the analyzer analyzes: the API records batch runs and enqueues their records (runs.ts).
  const pool = analyzes ? new AnalyzerPool({ workers: config.workers, budgetMs: config.budgetMs }) : undefined;
  const metrics = roleMetrics(config, role, { transport, store, pool });
  const pipeline = pool ? newPipeline(config, store, pool, metrics) : undefined;
  const runFinished = (run: RunRow) => metrics.runs.inc({ trigger: run.trigger, status: run.status });
  const runner =
    analyzes || role === 'api'
      ? new Runner(store, (envelopes) => transport.publish(envelopes.map(toMessage)), runFinished)
      : undefined;
  const keys = new KeyRing(store, config.adminKey);
  const firstKey = role !== 'analyzer' && !config.adminKey ? await bootstrapKey(store, keys) : undefined;
  const disk = new DiskGuard(config.dataDir, config.minFreeBytes);
  const app = await buildApp({
    store,
    transport,
    keys,
    metrics,
    ...(runner ? { runner } : {}),
    maxBodyBytes: config.maxBodyBytes,
    trustProxy: config.trustProxy,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    stallMs: config.stallMs,
    disk,
    logLevel: config.logLevel,
    rules: { rewardTolerance: config.rewardTolerance },
    groups: { resolveAfterMs: config.groupResolveAfterMs, growingMin: config.groupGrowingMin },
    roles: { ingest: role === 'all' || role === 'ingest', api: role === 'all' || role === 'api' },
    sessions: createSessions({ secret: config.sessionSecret, ttlHours: config.sessionHours }),
  });
  if (pipeline) consume(config, { transport, store, pipeline, metrics, disk, app, runFinished });
  const schedule = analyzes && runner && config.runSchedule ? scheduleRuns(config.runSchedule, runner, app) : undefined;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      schedule?.stop();
      await app.close(); // stop taking requests
      await runner?.drain();
      await transport.close(); // waits for the batch in flight and commits it; leaves the group
      await pool?.close();
      await store.close();
    })();
    return closing;
  };
  const address = await app.listen({ port: config.port, host: config.host });
  if (!opts.quiet) process.stdout.write(banner(config, role, store, address, firstKey));
  return { url: address, role, store, transport, close };
}

/** The role's metrics: the pool's and the stale gauge only where it analyzes; the LLM breaker at 0 from the start. */
function roleMetrics(
  config: Config,
  role: Role,
  parts: { transport: Transport; store: Store; pool: AnalyzerPool | undefined },
): Metrics {
  const { transport, store, pool } = parts;
  const metrics = new Metrics({
    ...(pool ? { pool: () => ({ ...pool.stats(), pending: pool.pending }) } : {}),
    bus: () => transport.stats() as TransportStats,
    ...(transport.backlog ? { backlog: () => backlogState(transport.backlog?.() ?? idle(), Date.now(), config.stallMs) } : {}),
    ...(transport.partitionLag ? { lag: () => transport.partitionLag?.() ?? [] } : {}),
    deadLetters: () => transport.deadLetterCounts(),
    ...(pool ? { stale: () => store.countStale(ANALYZER_VERSION) } : {}),
    // The failure groups' series where the groups are served (the api role).
    ...(role === 'all' || role === 'api'
      ? {
          groups: () =>
            store.groupCounts({
              now: Date.now(),
              resolveAfterMs: config.groupResolveAfterMs,
              growingMin: config.groupGrowingMin,
            }),
        }
      : {}),
    build: { version: FAULTLINE_VERSION, analyzer_version: ANALYZER_VERSION, role },
    orgLabel: config.metricsOrgLabel,
  });
  // The breaker's series exists (closed, 0) from the start, not only after its first change.
  if (config.llm) metrics.llmBreaker.set({ provider: config.llm.provider, model: config.llm.model }, 0);
  return metrics;
}

function newPipeline(config: Config, store: Store, pool: AnalyzerPool, metrics: Metrics): Pipeline {
  return new Pipeline({
    store,
    pool,
    budgetMs: config.budgetMs,
    historyWindow: config.historyWindow,
    rules: { rewardTolerance: config.rewardTolerance },
    observer: metrics.observer(),
    ...(config.llm ? { refiner: new LlmRefiner(store, config.llm, metrics.llmObserver()) } : {}),
  });
}

/**
 * A fresh install with no FAULTLINE_ADMIN_KEY: make the bootstrap key (the platform scope, the
 * only key that grants platform roles), once, audit it, and return it to be shown once.
 * Undefined when one exists already.
 */
async function bootstrapKey(store: Store, keys: KeyRing): Promise<string | undefined> {
  if ((await store.countKeys('bootstrap')) !== 0) return undefined;
  const created = await keys.create(undefined, 'bootstrap', 'created at first start', { bootstrap: true });
  await store.writeAudit([
    {
      org_id: created.org_id,
      action: 'api_key.created',
      actor: 'first-start',
      subject_kind: 'api_key',
      subject_id: created.key_id,
      metadata: { role: created.role },
    },
  ]);
  return created.key;
}

/** The analyzer's consumer: bus → pipeline → store, batches bounded by the configuration. */
function consume(
  config: Config,
  parts: {
    transport: Transport;
    store: Store;
    pipeline: Pipeline;
    metrics: Metrics;
    disk: DiskGuard;
    app: Awaited<ReturnType<typeof buildApp>>;
    runFinished: (run: RunRow) => void;
  },
): void {
  const { transport, store, pipeline, metrics, disk, app, runFinished } = parts;
  startConsumer(transport, pipeline, {
    maxBatch: config.batchSize,
    maxBatchBytes: config.batchBytes,
    lingerMs: config.batchLingerMs,
    // Kafka under backlog: a batch that would wait in line grows, to FAULTLINE_BATCH_BACKLOG records
    // (its default, twice the batch size, and its bounds are the config schema's; never past it:
    // consumer.ts, "Under backlog"; load-tests/README.md, fifteenth landing). The embedded bus hands
    // over what arrived while the batch before was analyzed (with `handover: 'early'` or after a
    // full batch; by default while it was stored; see consumer.ts, "After the store"): it never
    // waits in line.
    ...(config.kafkaBrokers ? { backlogBatch: config.batchBacklog } : {}),
    // The embedded bus: the next batch taken once the one before is stored (consumer.ts, "After the store").
    handover: config.batchHandover,
    onPause: (paused) => metrics.consumerPaused(paused),
    // The pipeline's cache of the episodes it stored, else the store.
    runs: new RunTracker(store, runFinished),
    robotOf: async (org, episodeId) =>
      pipeline.state.episodes.get(episodeKey(org, episodeId))?.robot_id || (await store.getEpisode(org, episodeId))?.robot_id,
    forwardResolved: !!config.kafkaBrokers, // the embedded bus has one consumer: every robot's state is here
    onBatch: (_n, ms) => metrics.batchSeconds.observe(ms / 1000),
    onError: (err) => {
      if (isDiskFull(err)) disk.noteFull(); // not ready while the store cannot write
      app.log.error({ err }, 'pipeline batch failed; it will be delivered again');
    },
  });
}

/** The scheduled batch run over every org (FAULTLINE_RUN_SCHEDULE); an overlapping tick is skipped. */
function scheduleRuns(pattern: string, runner: Runner, app: Awaited<ReturnType<typeof buildApp>>): Cron {
  return new Cron(pattern, { protect: true }, async () => {
    try {
      await runner.scheduled(EVERY_ORG);
    } catch (err) {
      app.log.error({ err }, 'scheduled run failed to start');
    }
  });
}

const idle = (): BacklogHealth => ({ waiting: 0, oldestWaitingAt: undefined, progressAt: Date.now() });

/** @deprecated name kept for callers: the all-in-one role. */
export function startEmbedded(config: Config, opts: { quiet?: boolean } = {}): Promise<Running> {
  return startRole(config, 'all', opts);
}

function banner(config: Config, role: Role, store: Store, address: string, firstKey: string | undefined): string {
  const bus = config.kafkaBrokers
    ? `Kafka ${config.kafkaBrokers.join(',')}${config.kafkaClient === 'confluent' ? ' via @confluentinc/kafka-javascript' : ''}`
    : 'embedded bus';
  const data = store.embedded ? `chdb in ${config.dataDir}` : `ClickHouse ${config.clickhouseUrl}`;
  const lines = [
    `faultline ${role === 'all' ? (config.kafkaBrokers ? 'all roles' : 'embedded') : role}: listening on ${address} (${bus}, ${data})`,
  ];
  if (role === 'analyzer') {
    lines.push(`  consumer group ${config.kafkaGroupId}; health ${address}/healthz, metrics ${address}/metrics`, '');
    return lines.join('\n');
  }
  const key = config.adminKey ? '$FAULTLINE_ADMIN_KEY' : (firstKey ?? '<your bootstrap key>');
  lines.push(
    config.adminKey
      ? '  bootstrap key (platform scope, names the org of each call): from FAULTLINE_ADMIN_KEY'
      : firstKey
        ? `  first start: created the bootstrap key (platform scope, names the org of each call), shown this once (stored hashed): ${firstKey}`
        : '  bootstrap key: the one printed at first start or FAULTLINE_ADMIN_KEY; org keys: POST /api/admin/keys or `npx faultline keys create --org ORG --role admin` (service stopped)',
  );
  if (role === 'all') {
    lines.push(
      '  send a first failed episode to org "default" and read its findings:',
      `    curl -s -X POST '${address}/api/ingest/episode/ep-1/finalize?org=default' -H "authorization: Bearer ${key}" -H 'content-type: application/json' \\`,
      `      -d '{"robot_id":"r-7","status":"failed","duration_s":41.5,"metadata":{"typed":[{"type":"Battery","percent":12}]}}'`,
      `    sleep 1; curl -s '${address}/api/episodes/ep-1?org=default' -H "authorization: Bearer ${key}"`,
    );
  }
  lines.push(`  API docs: ${address}/docs   metrics: ${address}/metrics`, '');
  return lines.join('\n');
}
