/**
 * The Kafka transport: the same `Transport` contract as the embedded bus, on a real broker.
 * This module and avro.ts are the only places that know kafkajs (kafkajs is barely
 * maintained: keep it behind this one small module).
 *
 * - publish: each envelope's record is Avro-encoded (Confluent wire format, schemas from the
 *   registry) to the topic of its kind, keyed like the embedded bus (episodes by robot_id),
 *   with the org / merge / actor in headers; idempotent producer, acks=all. A broker that
 *   cannot be reached answers BusUnavailableError (ingest: 503 + Retry-After).
 * - consume: a consumer group; batches of at most maxBatch messages per handler call; a
 *   heartbeat every few seconds while the handler runs; the batch's offsets are committed
 *   only after the handler resolved (at-least-once); a handler that throws gets the same
 *   messages again. A message that cannot be decoded goes to the dead-letter topic with the
 *   reason and the failing step in headers, and the partition keeps flowing.
 * - stats().depth is the consumer group's lag (refreshed every few seconds).
 */
import {
  type BusMessage,
  BusUnavailableError,
  type ConsumeOptions,
  type Delivered,
  type Transport,
  type TransportStats,
} from '@faultline/bus';
import { type Analysis, type Envelope, fromMessage, recordKey } from '@faultline/core';
import {
  type Admin,
  type Consumer,
  type EachBatchPayload,
  Kafka,
  type KafkaMessage,
  logLevel,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { type AvroCodec, AvroDecodeError } from './avro.js';
import { analysisKey, type FaultlineTopics, topicsFor } from './topics.js';

export interface KafkaTransportOptions {
  brokers: string[];
  codec: AvroCodec;
  clientId?: string;
  groupId?: string;
  /** Partitions of the topics this transport creates when they are missing. */
  partitions?: number;
  /** Lag at which saturated() turns true. */
  highWater?: number;
  /** Milliseconds between heartbeats while a handler runs. */
  heartbeatMs?: number;
  /** Topic prefix (default `faultline`): `<prefix>.episodes`, … */
  prefix?: string;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export class KafkaTransport implements Transport {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private consumer: Consumer | undefined;
  private readonly groupId: string;
  private published = 0;
  private committed = 0;
  private redelivered = 0;
  private deadLettered = 0;
  private lag: PartitionLag[] = [];
  private lagTimer: NodeJS.Timeout | undefined;
  private closing = false;
  readonly topics: FaultlineTopics;

  private constructor(private readonly opts: KafkaTransportOptions) {
    this.kafka = new Kafka({
      clientId: opts.clientId ?? 'faultline',
      brokers: opts.brokers,
      logLevel: logLevel.WARN,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
    // The default partitioner is murmur2 like the Java client's: a key lands on the same
    // partition whoever produced it, so per-robot order holds across producer languages.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
    this.groupId = opts.groupId ?? 'faultline-analyzers';
    this.topics = topicsFor(opts.prefix);
  }

  /** Connects, and creates the topics that are missing. */
  static async connect(opts: KafkaTransportOptions): Promise<KafkaTransport> {
    const t = new KafkaTransport(opts);
    await t.admin.connect();
    const existing = new Set(await t.admin.listTopics());
    const wanted = t.topics.all.filter((name) => !existing.has(name));
    if (wanted.length) {
      await t.admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((topic) => ({ topic, numPartitions: opts.partitions ?? 8, replicationFactor: 1 })),
      });
    }
    await t.producer.connect();
    return t;
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const m of messages) {
      const parsed = fromMessage(m.value);
      if (!parsed.ok) throw new Error(parsed.reason);
      const env = parsed.envelope;
      const topic = this.topics[env.record.kind];
      const list = byTopic.get(topic) ?? [];
      list.push({
        key: recordKey(env.record),
        value: await this.opts.codec.encodeRecord({ ...env.record, org_id: env.org }),
        headers: envelopeHeaders(env),
      });
      byTopic.set(topic, list);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })),
      });
    } catch (err) {
      throw new BusUnavailableError(`Kafka did not take the records: ${(err as Error).message}`);
    }
    this.published += messages.length;
  }

  /** Publishes stored analyses to the findings topic for downstream consumers. */
  async publishFindings(analyses: Analysis[]): Promise<void> {
    if (analyses.length === 0) return;
    const messages = await Promise.all(
      analyses.map(async (a) => ({
        key: analysisKey(a),
        value: await this.opts.codec.encodeAnalysis(a),
        headers: { org: a.org_id, kind: a.subject_kind },
      })),
    );
    await this.producer.send({ topic: this.topics.findings, acks: -1, messages });
  }

  /** Sends the original bytes of a message that cannot be processed to the dead-letter topic. */
  async deadLetter(
    original: {
      topic: string;
      partition: number;
      offset: string;
      key: Buffer | string | null;
      value: Buffer | string | null;
      headers?: Record<string, unknown>;
    },
    reason: string,
    step: string,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(original.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    await this.producer.send({
      topic: this.topics.deadLetter,
      acks: -1,
      messages: [
        {
          key: original.key,
          value: original.value,
          headers: {
            ...headers,
            'faultline.dlq.reason': reason.slice(0, 1000),
            'faultline.dlq.step': step,
            'faultline.dlq.topic': original.topic,
            'faultline.dlq.partition': String(original.partition),
            'faultline.dlq.offset': original.offset,
            'faultline.dlq.at': new Date().toISOString(),
          },
        },
      ],
    });
    this.deadLettered += 1;
  }

  /** Dead-letters a decoded message the pipeline refused (its envelope JSON as the value). */
  async deadLetterText(value: string, key: string, reason: string, step: string): Promise<void> {
    await this.deadLetter({ topic: 'pipeline', partition: -1, offset: '-1', key, value }, reason, step);
  }

  consume(handler: (batch: Delivered[]) => Promise<void>, options: ConsumeOptions): void {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000, // a SIGKILLed member leaves the group after this; its partitions then move
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    this.consumer = consumer;
    const heartbeatMs = this.opts.heartbeatMs ?? 3_000;
    const run = async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topics.inputs], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch: (payload) => this.eachBatch(payload, handler, options.maxBatch, heartbeatMs),
      });
    };
    run().catch((err) => {
      if (!this.closing) process.emitWarning(`faultline: Kafka consumer stopped: ${(err as Error).message}`);
    });
    this.lagTimer = setInterval(() => void this.refreshLag().catch(() => undefined), 2_000);
    this.lagTimer.unref();
  }

  private async eachBatch(
    p: EachBatchPayload,
    handler: (batch: Delivered[]) => Promise<void>,
    maxBatch: number,
    heartbeatMs: number,
  ): Promise<void> {
    const { batch } = p;
    for (let i = 0; i < batch.messages.length && p.isRunning() && !p.isStale(); i += maxBatch) {
      const slice = batch.messages.slice(i, i + maxBatch);
      const delivered: Delivered[] = [];
      for (const m of slice) {
        const d = await this.decode(batch.topic, batch.partition, m);
        if (d) delivered.push(d);
      }
      const beat = setInterval(() => void p.heartbeat().catch(() => undefined), heartbeatMs);
      try {
        if (delivered.length) await handler(delivered);
      } catch (err) {
        this.redelivered += delivered.length;
        throw err; // kafkajs restarts the consumer from the last committed offset: delivered again
      } finally {
        clearInterval(beat);
      }
      const last = slice[slice.length - 1] as KafkaMessage;
      p.resolveOffset(last.offset);
      await this.consumer?.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
      ]);
      this.committed += slice.length;
      await p.heartbeat();
    }
  }

  /** A delivered message in the envelope shape the pipeline reads, or null when it went to the dead-letter topic. */
  private async decode(topic: string, partition: number, m: KafkaMessage): Promise<Delivered | null> {
    const headers = textHeaders(m.headers);
    const original = { topic, partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers ?? {} };
    if (!m.value) {
      await this.deadLetter(original, 'empty message value', 'decode');
      return null;
    }
    try {
      const record = await this.opts.codec.decodeRecord(m.value);
      if (this.topics.inputs.includes(topic) && this.topics[record.kind] !== topic) {
        throw new AvroDecodeError(`a ${record.kind} record on the ${topic} topic`, 'wrong_topic');
      }
      const env: Envelope = {
        record,
        org: headers.org ?? record.org_id ?? 'default',
        ...(headers.merge === 'true' ? { merge: true } : {}),
        received_at: headers.received_at ?? new Date(Number(m.timestamp)).toISOString(),
        ...(headers.actor ? { actor: headers.actor } : {}),
      };
      return {
        key: m.key?.toString() ?? '',
        value: JSON.stringify(env),
        headers,
        topic,
        partition,
        offset: Number(m.offset),
        publishedAt: Number(m.timestamp),
      };
    } catch (err) {
      // Only a message that can never be decoded is dead-lettered; anything else (the registry
      // unreachable) fails the batch, which is then delivered again.
      if (!(err instanceof AvroDecodeError)) throw err;
      await this.deadLetter(original, err.message, 'decode');
      return null;
    }
  }

  private async refreshLag(): Promise<void> {
    const out: PartitionLag[] = [];
    const committed = await this.admin.fetchOffsets({ groupId: this.groupId, topics: [...this.topics.inputs] });
    for (const t of committed) {
      const ends = await this.admin.fetchTopicOffsets(t.topic);
      const end = new Map(ends.map((e) => [e.partition, Number(e.high)]));
      for (const p of t.partitions) {
        const done = Number(p.offset);
        const high = end.get(p.partition) ?? 0;
        out.push({
          topic: t.topic,
          partition: p.partition,
          lag: Math.max(0, high - (done < 0 ? Number(ends.find((e) => e.partition === p.partition)?.low ?? 0) : done)),
        });
      }
    }
    this.lag = out;
  }

  /** Consumer lag per topic and partition (refreshed every 2 s while consuming). */
  partitionLag(): PartitionLag[] {
    return this.lag;
  }

  saturated(): boolean {
    return this.stats().depth >= (this.opts.highWater ?? 1_000_000);
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
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}

function envelopeHeaders(env: Envelope): Record<string, string> {
  return {
    org: env.org,
    kind: env.record.kind,
    received_at: env.received_at,
    ...(env.merge ? { merge: 'true' } : {}),
    ...(env.actor ? { actor: env.actor } : {}),
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
