/**
 * The Kafka transport: the same `Transport` contract as the embedded bus, on a real broker.
 * This module, clients.ts and avro.ts are the only places that know the Kafka client library
 * (kafkajs is barely maintained: keep it behind this one small module). `client` picks it:
 * kafkajs (default) or confluent (@confluentinc/kafka-javascript, librdkafka, through its
 * KafkaJS-compatible API; see clients.ts for what differs).
 *
 * - publish: each envelope's record is Avro-encoded (Confluent wire format, schemas from the
 *   registry) to the topic of its kind, under the message's key like the embedded bus (episodes
 *   by robot_id; a finalize whose robot is not known yet by its episode, see services/ingest),
 *   with the org / merge / actor / pending / run in headers; idempotent producer, acks=all. A broker that
 *   cannot be reached answers BusUnavailableError (ingest: 503 + Retry-After).
 * - envelopes are encoded once: publish encodes the message's envelope object (toMessage) to
 *   Avro without reading its JSON `value`; consume decodes Avro into the record and hands the
 *   envelope over as an object (`envelope`, `size` = the Avro bytes); JSON is made only for a
 *   dead letter, which keeps the envelope as delivered.
 * - consume: a consumer group; batches of at most maxBatch messages per handler call; a
 *   heartbeat every few seconds while the handler runs; the batch's offsets are committed
 *   only after the handler resolved (at-least-once); a handler that throws gets the same
 *   messages again. A message that cannot be decoded is handed over as `undecodable` with its
 *   raw bytes; the consumer sends it to the dead-letter topic (step `decode`) through
 *   deadLetter, and the partition keeps flowing.
 * - deadLetter (the contract's dead-letter path): what the consumer sets aside (refused by
 *   validation, or by the store on its own) goes to the same topic, as delivered, with the
 *   reason, the step and the source topic / partition / offset in headers.
 * - publishFindings and deadLetter produce a batch's messages in as few requests as keep each
 *   partition's record batch within the topic's `max.message.bytes`, a request refused as too large
 *   cut again (never failed for ever), one message too large on its own cut or kept out: see
 *   produce-limits.ts for its invariants (at-least-once after a refusal, the bound learnt per topic,
 *   a dead letter cut once then dropped and counted). A finding kept out of the findings topic stays
 *   in the store only (the API serves it), logged, and its cut copy goes to the dead-letter topic (step
 *   `findings`, in faultline_dead_letters_total). Every send goes through one producer, replaced after
 *   a refusal (producer.ts).
 * - batches bounded in records (maxBatch) and bytes (maxBatchBytes, of the encoded values): a
 *   fetched partition batch is handed over in slices within both;
 * - stats().depth is the consumer group's lag (refreshed every few seconds);
 * - backlog(): what this member holds in hand per partition (handed over, not committed) and
 *   since when, so a partition stuck here (its batch redelivered forever, a handler that never
 *   returns) shows as a stall; a partition not handed over again for a minute (revoked at a
 *   rebalance) is forgotten;
 * - topics it creates get `retention.ms` (retentionMs): raw records leave the broker after it.
 */
import { hasSubscribers } from 'node:diagnostics_channel';
import {
  type BacklogHealth,
  type BusMessage,
  BusUnavailableError,
  type ConsumeOptions,
  type DeadLetter,
  type Delivered,
  markHop,
  type Transport,
  type TransportStats,
} from '@faultline/bus';
import { type Analysis, cut, DEFAULT_ORG, type Envelope, envelopeOf, wellFormed, withEnvelope } from '@faultline/core';
import type { Admin, Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { type AvroCodec, AvroDecodeError } from './avro.js';
import { type KafkaClient, type KafkaClientName, openKafkaClient } from './clients.js';
import {
  countLetters,
  findingLetter,
  letterCutter,
  type Oversize,
  ProduceWithinLimits,
  pastWhat,
  recordBytes,
  type SendOutcome,
  TopicLimitsBook,
} from './produce-limits.js';
import { RenewableProducer } from './producer.js';
import { analysisKey, type FaultlineTopics, topicConfigEntries, topicsFor } from './topics.js';

/**
 * Kafka's protocol error codes of a topic whose metadata is not there yet: UNKNOWN_TOPIC_OR_PARTITION
 * (3), LEADER_NOT_AVAILABLE (5), NOT_LEADER_OR_FOLLOWER (6). Both clients give the broker's code as
 * `code` (librdkafka's broker errors keep the protocol's numbers); only kafkajs also marks them
 * `retriable` (the confluent client's KafkaJS layer sets that flag for transactions only).
 */
const TOPIC_NOT_READY_CODES = new Set([3, 5, 6]);

/** A broker's answer that a topic is not ready yet (TOPIC_NOT_READY_CODES), or any error kafkajs calls retriable. */
export function topicNotReady(err: unknown): boolean {
  const e = err as { retriable?: unknown; code?: unknown };
  return e.retriable === true || (typeof e.code === 'number' && TOPIC_NOT_READY_CODES.has(e.code));
}

/** The diagnostics channel of the hop marks (packages/bus/src/hops.ts): the fetched mark builds its items only when listened to. */
const HOP_CHANNEL = 'faultline:hop';

/** Attempts at creating the missing topics when the broker answers with a retriable error (createMissingTopics). */
const TOPIC_CREATION_ATTEMPTS = 6;

export interface KafkaTransportOptions {
  brokers: string[];
  codec: AvroCodec;
  clientId?: string;
  groupId?: string;
  /** Partitions of the topics this transport creates when they are missing. */
  partitions?: number;
  /** Lag reported as the high-water mark in stats() (informational: saturated() is never true on Kafka). */
  highWater?: number;
  /** Milliseconds between heartbeats while a handler runs. */
  heartbeatMs?: number;
  /** Topic prefix (default `faultline`): `<prefix>.episodes`, … */
  prefix?: string;
  /** The client library (KAFKA_CLIENT): kafkajs (default) or confluent. */
  client?: KafkaClientName;
  /**
   * Partitions whose batches are handed over at once; the consumer coalesces them into pipeline
   * batches. Default with kafkajs: every input partition (`partitions` × the input topics), so a
   * fetch's batches all reach the consumer together (kafkajs fetches again only once every batch
   * of the last fetch is handled, and honours pause(): what is in hand stays one fetch, at most its
   * `maxBytes`, 10 MiB a broker). Default with the confluent client: `partitions`, as before —
   * librdkafka prefetches on its own and this transport does not pause it (pauseStalesBatches), so
   * the batches in hand are bounded by this number alone.
   */
  concurrency?: number;
  /** `retention.ms` of the topics this transport creates (default: the broker's). */
  retentionMs?: number;
  /** Where the transport's warnings go, a line each (default: stderr). */
  log?: (line: string) => void;
  /** The clock (tests). */
  now?: () => number;
}

/** A partition's messages handed to the handler and not committed yet, on this member. */
interface InHand {
  /** When this run of uncommitted work began (the partition's last commit here, or its first hand-over). */
  since: number;
  /** Publish time (message timestamp) of the oldest uncommitted message handed over. */
  oldestAt: number;
  lastHandedAt: number;
  count: number;
  inFlight: boolean;
}

/** A partition in hand but neither running nor handed over again for this long was revoked: forgotten. */
const IN_HAND_FORGET_MS = 60_000;

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export class KafkaTransport implements Transport {
  /** The producer every send goes through, replaced after a refusal (producer.ts). */
  private readonly producer: RenewableProducer;
  private readonly admin: Admin;
  private consumer: Consumer | undefined;
  private readonly groupId: string;
  private published = 0;
  private committed = 0;
  private redelivered = 0;
  private deadLettered = 0;
  private readonly deadLetteredBy = new Map<string, number>();
  private pausedAt: number | undefined;
  private pauses = 0;
  private lag: PartitionLag[] = [];
  private lagTimer: NodeJS.Timeout | undefined;
  private lagRefreshing = false;
  private closing = false;
  /** Handler failures in a row (paces redelivery where the client itself does not). */
  private failures = 0;
  private readonly inHand = new Map<string, InHand>();
  /** eachBatch calls in progress, and how many of them wait for the handler (idleness, `onIdle`). */
  private batchCalls = 0;
  private handlerWaits = 0;
  private idleCheck: NodeJS.Immediate | undefined;
  /** The output topics' limits, and the produce of findings and dead letters within them (produce-limits.ts). */
  private readonly limits: TopicLimitsBook;
  private readonly within: ProduceWithinLimits;
  /** The dead letters' `Oversize`: cut to fit, else dropped (produce-limits.ts). */
  private readonly cutLetter: Oversize;
  private readonly log: (line: string) => void;
  readonly topics: FaultlineTopics;

  private constructor(
    private readonly opts: KafkaTransportOptions,
    private readonly client: KafkaClient,
  ) {
    this.producer = new RenewableProducer(() => client.producer());
    this.admin = client.admin();
    this.groupId = opts.groupId ?? 'faultline-analyzers';
    this.topics = topicsFor(opts.prefix);
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.limits = new TopicLimitsBook(this.admin, client.name, this.log, opts.now ?? Date.now);
    this.within = new ProduceWithinLimits(this.limits, this.producer, client.sendOptions, this.log);
    this.cutLetter = letterCutter(this.topics.deadLetter, this.log);
  }

  /** Connects, and creates the topics that are missing. */
  static async connect(opts: KafkaTransportOptions): Promise<KafkaTransport> {
    const client = await openKafkaClient(opts.client ?? 'kafkajs', {
      brokers: opts.brokers,
      clientId: opts.clientId ?? 'faultline',
    });
    const t = new KafkaTransport(opts, client);
    await t.admin.connect();
    await t.createMissingTopics();
    await t.producer.connect();
    return t;
  }

  /**
   * Creates the topics the broker does not list. A broker that has just created a topic may
   * answer the leaders' lookup with a retriable error before its metadata has caught up
   * (UNKNOWN_TOPIC_OR_PARTITION from a KRaft controller under load; kafkajs retries only
   * LEADER_NOT_AVAILABLE there): such an error is retried, the topics listed again, for up to
   * TOPIC_CREATION_ATTEMPTS attempts; any other error, or the last, is thrown. It returns once
   * every topic's metadata answers.
   */
  private async createMissingTopics(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const existing = new Set(await this.admin.listTopics());
      const wanted = this.topics.all.filter((name) => !existing.has(name));
      try {
        if (wanted.length) {
          await this.admin.createTopics({
            ...this.client.createTopicsOptions,
            topics: wanted.map((topic) => ({
              topic,
              numPartitions: this.opts.partitions ?? 8,
              replicationFactor: 1,
              ...(this.opts.retentionMs !== undefined ? { configEntries: topicConfigEntries(this.opts.retentionMs) } : {}),
            })),
          });
        }
        // Every topic's metadata answers (a topic created by an attempt that then failed included).
        await this.admin.fetchTopicMetadata({ topics: [...this.topics.all] });
        return;
      } catch (err) {
        if (!topicNotReady(err) || attempt >= TOPIC_CREATION_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const m of messages) {
      // The envelope as an object (toMessage carries it): encoded to Avro once, never through JSON.
      const parsed = envelopeOf(m);
      if (!parsed.ok) throw new Error(parsed.reason);
      const env = parsed.envelope;
      const topic = this.topics[env.record.kind];
      const list = byTopic.get(topic) ?? [];
      list.push({
        key: m.key, // the envelope's key (toMessage): the robot, or a pending finalize's episode
        value: await this.opts.codec.encodeRecord({ ...env.record, org_id: env.org }),
        headers: envelopeHeaders(env),
      });
      byTopic.set(topic, list);
    }
    try {
      await this.producer.send((p) =>
        p.sendBatch({
          ...this.client.sendOptions,
          topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
        }),
      );
    } catch (err) {
      throw new BusUnavailableError(`Kafka did not take the records: ${(err as Error).message}`);
    }
    this.published += messages.length;
  }

  /** The client library in use. */
  get clientName(): KafkaClientName {
    return this.client.name;
  }

  /**
   * Publishes stored analyses to the findings topic for downstream consumers, in requests within
   * its `max.message.bytes` (produce-limits.ts). A finding past it on its own is stored (the API
   * serves it), not on the topic: logged, and its key, headers and first bytes set aside as a dead
   * letter (step findings, `findingLetter`).
   */
  async publishFindings(analyses: Analysis[]): Promise<void> {
    if (analyses.length === 0) return;
    const messages = await Promise.all(
      analyses.map(async (a) => ({
        key: analysisKey(a),
        value: await this.opts.codec.encodeAnalysis(a),
        headers: { org: a.org_id, kind: a.subject_kind },
      })),
    );
    const { unsent } = await this.within.send(this.topics.findings, messages, () => undefined);
    if (unsent.length === 0) return;
    for (const { message: m, limit } of unsent) {
      this.log(
        `faultline: a finding of ${recordBytes(m)} bytes (key ${JSON.stringify(m.key)}) is ${pastWhat(this.topics.findings, limit)}: not published there; it is in the store, and cut on ${this.topics.deadLetter}`,
      );
    }
    const at = new Date().toISOString();
    const letters = unsent.map((u) => findingLetter(u, this.topics.findings, at));
    const outcome = await this.within.send(this.topics.deadLetter, letters, this.cutLetter);
    this.count(
      letters.map(() => 'findings'),
      outcome,
    );
  }

  /** Dead letters counted by step (faultline_dead_letters_total), those not sent under `dropped` instead (`countLetters`). */
  private count(steps: string[], { unsent }: SendOutcome): void {
    for (const [step, n] of countLetters(steps, unsent)) {
      if (step !== 'dropped') this.deadLettered += n;
      this.deadLetteredBy.set(step, (this.deadLetteredBy.get(step) ?? 0) + n);
    }
  }

  /**
   * The contract's dead-letter path: messages the pipeline refused (validation) or the store
   * refused on their own, to the dead-letter topic as delivered (the envelope JSON; the Avro
   * bytes are not kept after decoding) with the reason, the step and the source topic,
   * partition and offset in headers. In their order, in as few produce requests as keep within
   * the topic's `max.message.bytes` (one for them all, mostly); resolves once the broker
   * acknowledged them.
   */
  async deadLetter(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const at = new Date().toISOString();
    const messages = letters.map(({ message, reason, step }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = String(v);
      return {
        key: message.key,
        // An undecodable message keeps the bytes it arrived with.
        value: message.raw ? Buffer.from(message.raw) : message.value,
        headers: {
          ...headers,
          'faultline.dlq.reason': cut(wellFormed(reason), 1000),
          'faultline.dlq.step': step,
          'faultline.dlq.topic': message.topic ?? 'unknown',
          'faultline.dlq.partition': String(message.partition),
          'faultline.dlq.offset': String(message.offset),
          'faultline.dlq.at': at,
        },
      };
    });
    this.count(
      letters.map(({ step }) => step),
      await this.within.send(this.topics.deadLetter, messages, this.cutLetter),
    );
  }

  /** Messages sent to the dead-letter topic by this instance, by the step that refused them; `dropped`: dead letters not sent (logged). */
  deadLetterCounts(): Map<string, number> {
    return new Map(this.deadLetteredBy);
  }

  /** Stops fetching from every input topic; batches already handed over are finished and committed. */
  pause(): boolean {
    if (this.pausedAt !== undefined) return true;
    if (!this.consumer || this.client.pauseStalesBatches) return false;
    try {
      this.consumer.pause(this.topics.inputs.map((topic) => ({ topic })));
    } catch {
      return false; // not yet subscribed / rebalancing: the natural backpressure of the handler still holds
    }
    this.pausedAt = Date.now();
    this.pauses += 1;
    return true;
  }

  resume(): void {
    if (this.pausedAt === undefined || !this.consumer) return;
    this.pausedAt = undefined;
    try {
      this.consumer.resume(this.topics.inputs.map((topic) => ({ topic })));
    } catch {
      // the consumer restarts fetching at its next join anyway
    }
  }

  /** Whether fetching is paused now, and how often it was since start. */
  pauseState(): { paused: boolean; pauses: number } {
    return { paused: this.pausedAt !== undefined, pauses: this.pauses };
  }

  consume(handler: (batch: Delivered[]) => Promise<void>, options: ConsumeOptions): void {
    const consumer = this.client.consumer({
      groupId: this.groupId,
      sessionTimeout: 10_000, // a SIGKILLed member leaves the group after this; its partitions then move
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    this.consumer = consumer;
    const heartbeatMs = this.opts.heartbeatMs ?? 3_000;
    const concurrency =
      this.opts.concurrency ?? (this.opts.partitions ?? 8) * (this.client.pauseStalesBatches ? 1 : this.topics.inputs.length);
    const run = async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topics.inputs], ...this.client.subscribeOptions });
      await consumer.run({
        ...this.client.runOptions,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: concurrency,
        eachBatch: async (payload) => {
          this.batchCalls += 1;
          try {
            await this.eachBatch(payload, handler, options, heartbeatMs, concurrency);
          } finally {
            this.batchCalls -= 1;
          }
        },
      });
    };
    run().catch((err) => {
      if (!this.closing) process.emitWarning(`faultline: Kafka consumer stopped: ${(err as Error).message}`);
    });
    this.lagTimer = setInterval(() => {
      if (this.lagRefreshing) return; // the last one still waits for a broker: do not pile up
      this.lagRefreshing = true;
      void this.refreshLag()
        .catch(() => undefined)
        .finally(() => {
          this.lagRefreshing = false;
        });
    }, 2_000);
    this.lagTimer.unref();
  }

  /**
   * The client will hand over nothing more before a handler call resolves: every eachBatch call
   * in progress waits for its handler, and the client fetches again only once they are all
   * handled (kafkajs), or every concurrency slot is taken. Checked once the calls started by the
   * same fetch had their turn (setImmediate: a fetch's batches enter eachBatch together, and are
   * decoded without I/O once the registry's schemas are known).
   */
  private noteHandlerWait(options: ConsumeOptions, concurrency: number): void {
    if (!options.onIdle || this.idleCheck) return;
    this.idleCheck = setImmediate(() => {
      this.idleCheck = undefined;
      const idle =
        this.handlerWaits > 0 &&
        this.handlerWaits === this.batchCalls &&
        (this.client.fetchesOnceHandled || this.batchCalls >= concurrency);
      if (idle && !this.closing) options.onIdle?.();
    });
  }

  private async eachBatch(
    p: EachBatchPayload,
    handler: (batch: Delivered[]) => Promise<void>,
    options: ConsumeOptions,
    heartbeatMs: number,
    concurrency: number,
  ): Promise<void> {
    const maxBatch = options.maxBatch;
    const maxBatchBytes = options.maxBatchBytes ?? Number.POSITIVE_INFINITY;
    const { batch } = p;
    const key = `${batch.topic}:${batch.partition}`;
    for (let i = 0, j = 0; i < batch.messages.length && p.isRunning() && !p.isStale(); i = j) {
      // The next slice: at most maxBatch messages and maxBatchBytes bytes, at least one message.
      let bytes = 0;
      for (j = i; j < batch.messages.length && j - i < maxBatch; j++) {
        const size = batch.messages[j]?.value?.length ?? 0;
        if (j > i && bytes + size > maxBatchBytes) break;
        bytes += size;
      }
      const slice = batch.messages.slice(i, j);
      this.handOver(key, slice);
      if (hasSubscribers(HOP_CHANNEL))
        markHop(
          'kafka.fetched',
          slice.map((m) => ({ ...m, topic: batch.topic, partition: batch.partition })),
        );
      const delivered: Delivered[] = [];
      for (const m of slice) delivered.push(await this.decode(batch.topic, batch.partition, m));
      markHop('kafka.decoded', delivered);
      const beat = setInterval(() => void p.heartbeat().catch(() => undefined), heartbeatMs);
      this.handlerWaits += 1;
      try {
        const call = delivered.length ? handler(delivered) : undefined;
        this.noteHandlerWait(options, concurrency);
        await call;
      } catch (err) {
        this.redelivered += delivered.length;
        this.failures += 1;
        // librdkafka seeks back and hands the batch over again at once: wait like kafkajs's restart would.
        if (this.client.redeliversAtOnce && !this.closing) await sleep(Math.min(5_000, 200 * 2 ** (this.failures - 1)));
        throw err; // kafkajs restarts the consumer from the last committed offset: delivered again
      } finally {
        this.handlerWaits -= 1;
        clearInterval(beat);
        const held = this.inHand.get(key);
        if (held) held.inFlight = false;
      }
      const last = slice[slice.length - 1] as KafkaMessage;
      p.resolveOffset(last.offset);
      await this.consumer?.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
      ]);
      markHop('kafka.committed', delivered);
      this.inHand.delete(key);
      this.committed += slice.length;
      this.failures = 0;
      await p.heartbeat();
    }
  }

  /**
   * A delivered message in the envelope shape the pipeline reads; one that can never be decoded
   * is handed over as `undecodable` with its raw bytes (the consumer dead-letters it, step `decode`).
   */
  private async decode(topic: string, partition: number, m: KafkaMessage): Promise<Delivered> {
    const headers = textHeaders(m.headers);
    const at = {
      key: m.key?.toString() ?? '',
      headers,
      topic,
      partition,
      offset: Number(m.offset),
      publishedAt: Number(m.timestamp),
    };
    if (!m.value) return { ...at, value: '', undecodable: 'empty message value', raw: new Uint8Array() };
    try {
      const record = await this.opts.codec.decodeRecord(m.value);
      if (this.topics.inputs.includes(topic) && this.topics[record.kind] !== topic) {
        throw new AvroDecodeError(`a ${record.kind} record on the ${topic} topic`, 'wrong_topic');
      }
      const env: Envelope = {
        record,
        org: headers.org ?? record.org_id ?? DEFAULT_ORG,
        ...(headers.merge === 'true' ? { merge: true } : {}),
        received_at: headers.received_at ?? new Date(Number(m.timestamp)).toISOString(),
        ...(headers.actor ? { actor: headers.actor } : {}),
        ...(headers.pending === 'robot' ? { pendingRobot: true } : {}),
        ...(headers.run_id ? { run: { id: headers.run_id, org: headers.run_org ?? '' } } : {}),
      };
      // Handed over as the object: its JSON `value` is made only if something reads it (a dead letter).
      return withEnvelope({ ...at, size: m.value.length }, env);
    } catch (err) {
      // Only a message that can never be decoded is set aside; anything else (the registry
      // unreachable) fails the batch, which is then delivered again.
      if (!(err instanceof AvroDecodeError)) throw err;
      return { ...at, value: '', undecodable: err.message, raw: m.value };
    }
  }

  private async refreshLag(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    const ends: { topic: string; partition: number; high: number; low: number }[] = [];
    for (const topic of this.topics.inputs) {
      for (const e of await this.admin.fetchTopicOffsets(topic)) {
        ends.push({ topic, partition: e.partition, high: Number(e.high), low: Number(e.low) });
      }
    }
    const committed = await this.client.committedOffsets({
      admin: this.admin,
      consumer,
      groupId: this.groupId,
      partitions: ends.map(({ topic, partition }) => ({ topic, partition })),
    });
    // A partition with nothing committed yet counts from its low watermark.
    this.lag = ends.map(({ topic, partition, high, low }) => {
      const done = committed.get(`${topic}:${partition}`) ?? -1;
      return { topic, partition, lag: Math.max(0, high - (done < 0 ? low : done)) };
    });
  }

  /** A slice of a partition goes to the handler: it is in hand until committed. */
  private handOver(key: string, slice: KafkaMessage[]): void {
    const now = Date.now();
    const first = Number(slice[0]?.timestamp);
    const oldestAt = Number.isFinite(first) && first > 0 ? first : now;
    const held = this.inHand.get(key);
    if (held) {
      held.lastHandedAt = now;
      held.inFlight = true;
      held.count = slice.length;
      held.oldestAt = Math.min(held.oldestAt, oldestAt);
    } else this.inHand.set(key, { since: now, oldestAt, lastHandedAt: now, count: slice.length, inFlight: true });
  }

  /** What this member holds in hand: the most stuck partition's progress, the oldest message's publish time. */
  backlog(): BacklogHealth {
    const now = Date.now();
    let waiting = 0;
    let oldest: number | undefined;
    let progressAt = now;
    for (const [key, held] of this.inHand) {
      if (!held.inFlight && now - held.lastHandedAt > IN_HAND_FORGET_MS) {
        this.inHand.delete(key);
        continue;
      }
      waiting += held.count;
      oldest = oldest === undefined ? held.oldestAt : Math.min(oldest, held.oldestAt);
      progressAt = Math.min(progressAt, held.since);
    }
    return { waiting, oldestWaitingAt: oldest, progressAt };
  }

  /** Consumer lag per topic and partition (refreshed every 2 s while consuming). */
  partitionLag(): PartitionLag[] {
    return this.lag;
  }

  /**
   * Never: the backlog lives in the broker (bounded by its retention), so ingest can go on
   * publishing, and failing readiness on lag would only pull analyzers out of rotation and
   * stall their rollouts when they are needed most. A lagging group shows in
   * faultline_consumer_lag and the FaultlineConsumerLagGrowing alert, and is what the
   * analyzers' autoscaler acts on.
   */
  saturated(): boolean {
    return false;
  }

  stats(): TransportStats & { deadLettered: number } {
    const depth = this.lag.reduce((a, p) => a + p.lag, 0);
    return {
      depth,
      capacity: Number.POSITIVE_INFINITY,
      highWater: this.opts.highWater ?? 1_000_000,
      partitions: this.lag.length,
      published: this.published,
      committed: this.committed,
      backpressureEvents: 0,
      redelivered: this.redelivered,
      deadLettered: this.deadLettered,
    };
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.lagTimer) clearInterval(this.lagTimer);
    // disconnect() waits for the batch in flight (its commit included) and leaves the group.
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer.close();
    await this.admin.disconnect().catch(() => undefined);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function envelopeHeaders(env: Envelope): Record<string, string> {
  return {
    org: env.org,
    kind: env.record.kind,
    received_at: env.received_at,
    ...(env.merge ? { merge: 'true' } : {}),
    ...(env.actor ? { actor: env.actor } : {}),
    ...(env.pendingRobot ? { pending: 'robot' } : {}),
    ...(env.run ? { run_id: env.run.id, run_org: env.run.org } : {}),
  };
}

function textHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? String(v[0] ?? '') : String(v);
  }
  return out;
}
