/**
 * The Kafka client libraries the transport can run on, behind one KafkaJS-shaped surface
 * (`KAFKA_CLIENT`):
 *
 * - `kafkajs` (the default): pure JavaScript, nothing to build.
 * - `confluent`: `@confluentinc/kafka-javascript` 1.10.1, librdkafka with a KafkaJS-compatible
 *   API (its `.KafkaJS` export). An optional dependency with a native part that is built from
 *   source here (deploy/local/install-native.sh); loaded only when chosen, so kafkajs users
 *   never load it, and a machine where it did not build still runs on kafkajs.
 *
 * Both give the transport the same thing: an idempotent producer with acks=all and the
 * murmur2 partitioner (a key lands on the partition the Java client would pick), no topic
 * auto-creation, and a consumer that never commits by itself and starts a new group at the
 * earliest offsets. What differs is where that is said. kafkajs takes acks per send,
 * fromBeginning per subscribe, autoCommit per run and waitForLeaders per createTopics; the
 * KafkaJS API of librdkafka refuses those per call (it throws) and takes them per client, in
 * a `kafkaJS: {…}` block with librdkafka properties beside it. Heartbeats are librdkafka's own
 * (its `heartbeat()` is a no-op), its eachBatch hands over at most `js.consumer.max.batch.size`
 * messages (32 unless set; -1 here), and a batch whose handler threw is fetched again at once
 * (it seeks back to the first offset not resolved) where kafkajs restarts the consumer after a
 * backoff. Its admin fetchOffsets is not used (see committedOffsets).
 */
import { type Admin, type Consumer, Kafka, logLevel, Partitioners, type PartitionMetadata, type Producer } from 'kafkajs';

export type KafkaClientName = 'kafkajs' | 'confluent';
export const KAFKA_CLIENTS: readonly KafkaClientName[] = ['kafkajs', 'confluent'];

/** The npm package behind `confluent` (an optional dependency). */
export const CONFLUENT_PACKAGE = '@confluentinc/kafka-javascript';

export interface ClientSettings {
  brokers: string[];
  clientId: string;
}

export interface ConsumerSettings {
  groupId: string;
  sessionTimeout: number;
  heartbeatInterval: number;
  maxBytesPerPartition: number;
}

/**
 * One client library, configured the way the transport needs it. The objects are typed with
 * kafkajs's types: the confluent ones implement the same methods (the transport uses no other),
 * the per-call options of the few calls that differ come from the fields below.
 */
export interface KafkaClient {
  readonly name: KafkaClientName;
  /** Idempotent, acks=all, murmur2 partitioner, no topic auto-creation. */
  producer(): Producer;
  admin(): Admin;
  /** A group member that commits only when told and starts a new group at the earliest offsets. */
  consumer(settings: ConsumerSettings): Consumer;
  /** Spread into `send` / `sendBatch`. */
  readonly sendOptions: { acks?: -1 };
  /** Spread into `admin.createTopics`. */
  readonly createTopicsOptions: { waitForLeaders?: boolean };
  /** Spread into `consumer.subscribe`. */
  readonly subscribeOptions: { fromBeginning?: boolean };
  /** Spread into `consumer.run`. */
  readonly runOptions: { autoCommit?: boolean };
  /** A failed batch comes back at once (librdkafka seeks back): the transport waits before rethrowing. */
  readonly redeliversAtOnce: boolean;
  /**
   * Pausing marks the batches being handled as stale (librdkafka's KafkaJS API does, so the
   * rest of such a batch is dropped and fetched again): the transport then does not pause, the
   * handler's own wait is the backpressure (a partition's next batch waits for its handler).
   */
  readonly pauseStalesBatches: boolean;
  /**
   * The client fetches again only once every batch of its last fetch is handled (kafkajs): while
   * every handler call in progress waits, nothing more is handed over. False: batches of other
   * partitions may come whenever a concurrency slot is free (librdkafka prefetches).
   */
  readonly fetchesOnceHandled: boolean;
  /** The group's committed offset per `topic:partition` (absent or negative: nothing committed yet). */
  committedOffsets(q: {
    admin: Admin;
    consumer: Consumer;
    groupId: string;
    partitions: { topic: string; partition: number }[];
  }): Promise<Map<string, number>>;
}

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

const offsetsByPartition = (rows: { topic: string; partition: number; offset: string | null }[]) =>
  new Map(rows.map((r) => [`${r.topic}:${r.partition}`, r.offset === null ? -1 : Number(r.offset)]));

/** The client library `name`, loaded (confluent: lazily, with an error that says how to install it). */
export async function openKafkaClient(name: KafkaClientName, settings: ClientSettings): Promise<KafkaClient> {
  if (name === 'kafkajs') return kafkajsClient(settings);
  if (name === 'confluent') return confluentClient(await loadConfluent(), settings);
  throw new Error(`KAFKA_CLIENT=${JSON.stringify(name)}: must be ${KAFKA_CLIENTS.join(' or ')}`);
}

/** Java-compatible murmur2 on a key: the partition both clients' producers pick (see `producer`). */
const murmur2Partitioner = Partitioners.DefaultPartitioner();
const partitionMetadata = new Map<number, PartitionMetadata[]>();

/**
 * The partition, of a topic of `partitions`, that a record keyed `key` goes to with either client
 * (kafkajs's DefaultPartitioner, librdkafka's murmur2_random: the Java client's murmur2); undefined
 * for an empty key (librdkafka may take it for none: any partition).
 */
export function keyPartition(key: string, partitions: number): number | undefined {
  if (key === '' || !Number.isInteger(partitions) || partitions < 1) return undefined;
  let metadata = partitionMetadata.get(partitions);
  if (!metadata) {
    metadata = Array.from({ length: partitions }, (_, partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    }));
    partitionMetadata.set(partitions, metadata);
  }
  return murmur2Partitioner({ topic: '', partitionMetadata: metadata, message: { key, value: null } });
}

function kafkajsClient(s: ClientSettings): KafkaClient {
  const kafka = new Kafka({
    clientId: s.clientId,
    brokers: s.brokers,
    logLevel: logLevel.WARN,
    retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
  return {
    name: 'kafkajs',
    // The default partitioner is murmur2 like the Java client's: a key lands on the same
    // partition whoever produced it, so per-robot order holds across producer languages.
    producer: () =>
      kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    admin: () => kafka.admin(),
    consumer: (c) =>
      kafka.consumer({
        groupId: c.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: c.sessionTimeout,
        heartbeatInterval: c.heartbeatInterval,
        maxBytesPerPartition: c.maxBytesPerPartition,
      }),
    sendOptions: { acks: -1 },
    createTopicsOptions: { waitForLeaders: true },
    subscribeOptions: { fromBeginning: true },
    runOptions: { autoCommit: false },
    redeliversAtOnce: false,
    pauseStalesBatches: false,
    fetchesOnceHandled: true,
    committedOffsets: async ({ admin, groupId, partitions }) => {
      const topics = [...new Set(partitions.map((p) => p.topic))];
      const byTopic = await admin.fetchOffsets({ groupId, topics });
      return offsetsByPartition(byTopic.flatMap((t) => t.partitions.map((p) => ({ topic: t.topic, ...p }))));
    },
  };
}

/** The part of `require('@confluentinc/kafka-javascript').KafkaJS` used here. */
interface ConfluentKafkaJS {
  Kafka: new (
    config: Record<string, unknown>,
  ) => {
    producer(config: Record<string, unknown>): unknown;
    consumer(config: Record<string, unknown>): unknown;
    admin(config?: Record<string, unknown>): unknown;
  };
  logLevel: { WARN: number };
}

/**
 * Why the native (confluent) client cannot be used on this machine, or false when it loads: the
 * one check behind the tests that skip, or must fail, without it (packages/kafka/test/native.ts,
 * test/service/kafka.test.ts).
 */
export async function nativeClientMissing(): Promise<string | false> {
  try {
    await loadConfluent();
    return false;
  } catch (err) {
    return (err as Error).message;
  }
}

async function loadConfluent(): Promise<ConfluentKafkaJS> {
  // A variable, not a literal: the package is optional, TypeScript must not look for it.
  const name: string = CONFLUENT_PACKAGE;
  try {
    const mod = (await import(name)) as { default?: { KafkaJS?: ConfluentKafkaJS }; KafkaJS?: ConfluentKafkaJS };
    const api = mod.KafkaJS ?? mod.default?.KafkaJS;
    if (!api) throw new Error('it has no KafkaJS export');
    return api;
  } catch (err) {
    throw new Error(
      `KAFKA_CLIENT=confluent: ${CONFLUENT_PACKAGE} cannot be loaded (${(err as Error).message.split('\n')[0]}). ` +
        'It is an optional dependency whose native part is built from source: run `bash deploy/local/install-native.sh`, or unset KAFKA_CLIENT for kafkajs',
    );
  }
}

function confluentClient(api: ConfluentKafkaJS, s: ClientSettings): KafkaClient {
  const kafka = new api.Kafka({
    kafkaJS: {
      clientId: s.clientId,
      brokers: s.brokers,
      logLevel: api.logLevel.WARN,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    },
  });
  return {
    name: 'confluent',
    producer: () =>
      kafka.producer({
        // acks is per producer here; max.in.flight stays librdkafka's idempotent default (5,
        // order kept by the idempotent producer's sequence numbers).
        kafkaJS: { idempotent: true, acks: -1, allowAutoTopicCreation: false },
        partitioner: 'murmur2_random', // Java-compatible murmur2 for keyed records (also its KafkaJS default)
        // librdkafka keeps an undeliverable record 5 minutes by default; give up sooner so that
        // ingest answers 503 (BusUnavailableError) while the broker is away, like kafkajs.
        'message.timeout.ms': 30_000,
      }) as Producer,
    admin: () => kafka.admin() as Admin,
    consumer: (c) =>
      kafka.consumer({
        kafkaJS: {
          groupId: c.groupId,
          fromBeginning: true,
          autoCommit: false,
          allowAutoTopicCreation: false,
          sessionTimeout: c.sessionTimeout,
          heartbeatInterval: c.heartbeatInterval,
          maxBytesPerPartition: c.maxBytesPerPartition,
        },
        // Its eachBatch hands over at most this many messages (32 unless set), from a cache
        // sized from the recent consumption rate, so batches stay small (about 25 messages
        // per partition in the benchmark) and the pipeline's fixed cost per handler call
        // dominates: 391 records/s against 556 with -1. -1: every message of the partition
        // already fetched, as kafkajs hands over its fetch; the transport slices by maxBatch.
        'js.consumer.max.batch.size': -1,
      }) as Consumer,
    sendOptions: {},
    createTopicsOptions: {},
    subscribeOptions: {},
    runOptions: {},
    redeliversAtOnce: true,
    pauseStalesBatches: true,
    fetchesOnceHandled: false,
    // Not admin.fetchOffsets: librdkafka 2.15.1's ListConsumerGroupOffsets aborts the whole
    // process (assertion `eonce->refcnt > 0` in rd_kafka_enq_once_del_source_return) when a
    // call is pending while the broker restarts. The group member's own OffsetFetch
    // (rd_kafka_committed) goes another way, and takes any partition of the group.
    committedOffsets: async ({ consumer, partitions }) => {
      const member = consumer as unknown as {
        committed(
          tps: TopicPartitionRef[],
          timeoutMs: number,
        ): Promise<{ topic: string; partition: number; offset: string | null }[]>;
      };
      return offsetsByPartition(await member.committed(partitions, 5_000));
    },
  };
}
