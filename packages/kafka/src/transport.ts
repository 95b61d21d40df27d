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
 *   partition's record batch within the topic's `max.message.bytes` as read from the broker (with
 *   its partitions; a key's partition is the producers' murmur2: `keyPartition`; `produceChunks`):
 *   the broker refuses a record batch past it (MESSAGE_TOO_LARGE), and a pipeline batch grown under
 *   backlog (FAULTLINE_BATCH_BACKLOG) would otherwise fail at its findings, and be delivered again,
 *   for ever. What was read can be wrong — the limit lowered or the partitions changed since, a
 *   limit that cannot be read (the confluent client's admin: Kafka's default taken, logged once a
 *   topic; an ACL or a broker without DescribeConfigs: the same, logged once a topic, asked again
 *   after LIMITS_GUESS_MS) — so a request refused as too large is cut again (limits read again, else
 *   halves, down to one message) and sent in order (`sendWithin`); where the limit read is not below
 *   what was refused, a bound learnt from the refusal is kept for the topic (`learntLimits`, for the
 *   process's life), so the next batches are cut before sending. At-least-once: the broker checks each
 *   partition of a request on its own, so the partitions of a refused request within the limit were
 *   taken, and the cut sent again repeats them (duplicates of those findings or dead letters, each
 *   partition still in order). One message past the limit on its own is not sent as it is: a dead
 *   letter goes cut to its headers and its value's first EXCERPT_BYTES (`cutToFit`; the record whole
 *   stays on its input topic, at the partition and offset its headers name, until retention); cut
 *   to the limit read again when refused alone (else half its size), and dropped — logged, counted
 *   as `dropped` — when refused once more or when its headers alone do not fit; a finding stays in
 *   the store only (the API serves it), logged, and its cut copy goes to the dead-letter topic (step
 *   `findings`, in faultline_dead_letters_total; `faultline.dlq.destination` names the findings
 *   topic, and it has no dlq.topic / partition / offset: no input record is its own).
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
import type { Admin, ConfigResourceTypes, Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { type AvroCodec, AvroDecodeError } from './avro.js';
import { type KafkaClient, type KafkaClientName, keyPartition, openKafkaClient } from './clients.js';
import { analysisKey, type FaultlineTopics, topicConfigEntries, topicsFor } from './topics.js';

/**
 * Kafka's protocol error codes of a topic whose metadata is not there yet: UNKNOWN_TOPIC_OR_PARTITION
 * (3), LEADER_NOT_AVAILABLE (5), NOT_LEADER_OR_FOLLOWER (6). Both clients give the broker's code as
 * `code` (librdkafka's broker errors keep the protocol's numbers); only kafkajs also marks them
 * `retriable` (the confluent client's KafkaJS layer sets that flag for transactions only).
 */
const TOPIC_NOT_READY_CODES = new Set([3, 5, 6]);

/** The resource type of a topic in `admin.describeConfigs` (kafkajs's ConfigResourceTypes.TOPIC; the protocol's 2). */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

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

/** Kafka's default `max.message.bytes`: the limit taken when the broker does not tell a topic's. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** A record batch's bytes besides its records (the v2 batch header). */
const RECORD_BATCH_OVERHEAD = 61;
/**
 * A record's bytes besides its key, value and headers: seven varints (length, timestamp and offset
 * deltas, key and value lengths, header count) and the attributes byte. At most 36 for any record;
 * 32 bounds what this transport produces with room: records under 2 MiB (3-byte lengths), timestamps
 * unset (kafkajs: a delta of 0) or within 17 minutes of the batch's first (librdkafka: 3 bytes), fewer
 * than 2^20 records a batch and 64 headers: 3 + 1 + 3 + 3 + 3 + 3 + 1 = 17.
 */
const RECORD_OVERHEAD = 32;
/** A header's bytes besides its name and value, at most (two varint lengths). */
const HEADER_OVERHEAD = 10;

/** How long a topic's limits guessed after a failed read (`askLimits`) are kept before asking the broker again. */
export const LIMITS_GUESS_MS = 60_000;
/** The bytes of its value a message too large for its topic keeps as an excerpt (a dead letter cut: `cutToFit`). */
export const EXCERPT_BYTES = 4096;

/** A produce refused as too large: the broker's MESSAGE_TOO_LARGE (10) through kafkajs or librdkafka (ERR_MSG_SIZE_TOO_LARGE, also its own check). */
export function tooLarge(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { type?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
  if (e.type === 'MESSAGE_TOO_LARGE' || e.type === 'ERR_MSG_SIZE_TOO_LARGE' || e.code === 10) return true;
  if (e.cause !== err && tooLarge(e.cause)) return true;
  return Array.isArray(e.errors) && e.errors.some(tooLarge);
}

/**
 * What becomes of a message too large for its topic on its own (`sendWithin`): a smaller one sent in its
 * place, or none. `maxBytes`: the bound it must fit; `limit`: the topic's max.message.bytes as the broker told
 * it, when that is what the message is past (undefined: refused by the broker, its limit not known).
 */
type Oversize = (m: OutMessage, maxBytes: number, limit: number | undefined) => OutMessage | undefined;

/** The words for what a message too large is past (`Oversize`'s `limit`). */
function pastWhat(topic: string, limit: number | undefined): string {
  return limit === undefined
    ? `refused as too large by ${topic} (its max.message.bytes not known)`
    : `past ${topic}'s max.message.bytes (${limit})`;
}

/**
 * `m` cut to fit a record batch of `maxBytes`: its key and headers, 'faultline.dlq.truncated' the value's
 * bytes (as first cut), and as much of the value's first bytes as fits, up to EXCERPT_BYTES ('faultline.dlq.excerpt'
 * their count); undefined when its key and headers alone do not fit.
 */
export function cutToFit<M extends OutMessage>(m: M, maxBytes: number): M | undefined {
  const total = Buffer.byteLength(m.value);
  const bare = {
    ...m,
    value: Buffer.alloc(0),
    headers: {
      ...m.headers,
      'faultline.dlq.truncated': m.headers['faultline.dlq.truncated'] ?? String(total),
      'faultline.dlq.excerpt': '0000',
    },
  };
  const room = Math.min(EXCERPT_BYTES, total, maxBytes - RECORD_BATCH_OVERHEAD - recordBytes(bare));
  if (room < 0) return undefined;
  const value = (typeof m.value === 'string' ? Buffer.from(m.value) : m.value).subarray(0, room);
  return { ...bare, value, headers: { ...bare.headers, 'faultline.dlq.excerpt': String(room) } };
}

/** What the cut of a produce into requests needs of a topic: its `max.message.bytes`, its partitions. */
interface TopicLimits {
  maxBytes: number;
  partitions: number;
  /** `maxBytes` is the topic's max.message.bytes as the broker told it (not a default, a guess or a bound learnt from refusals). */
  told: boolean;
}

/** What `sendWithin` did not send: messages dropped on the dead-letter path (their headers alone do not fit, or refused again once cut). */
interface SendOutcome {
  dropped: OutMessage[];
}

/** A message to produce, as the transport builds them. */
interface OutMessage {
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}

/** A message's bytes in a record batch, at most (uncompressed). */
function recordBytes(m: OutMessage): number {
  let n = RECORD_OVERHEAD + Buffer.byteLength(m.key) + Buffer.byteLength(m.value);
  for (const [k, v] of Object.entries(m.headers)) n += HEADER_OVERHEAD + Buffer.byteLength(k) + Buffer.byteLength(v);
  return n;
}

/**
 * `messages` in order, cut into runs (one produce request each) in which the record bytes bound for
 * any one partition stay within `maxBytes` less a batch header: the broker checks the limit per
 * partition's record batch. `partitionOf` tells a key's partition (`keyPartition`); a message it
 * cannot place (or every message, without it) is counted against every partition. A message too
 * large on its own is a run of its own (`sendWithin` does not send one: it gives it to its caller's
 * `oversize`).
 */
export function produceChunks<M extends OutMessage>(
  messages: readonly M[],
  maxBytes: number,
  partitionOf: (key: string) => number | undefined = () => undefined,
): M[][] {
  const budget = maxBytes - RECORD_BATCH_OVERHEAD;
  const chunks: M[][] = [];
  let chunk: M[] = [];
  /** Per partition, the bytes of this run's messages placed there; `everywhere`: those placed nowhere. */
  let placed = new Map<number, number>();
  let fullest = 0;
  let everywhere = 0;
  for (const m of messages) {
    const size = recordBytes(m);
    const partition = partitionOf(m.key);
    const after = (partition === undefined ? fullest : (placed.get(partition) ?? 0)) + everywhere + size;
    if (chunk.length > 0 && after > budget) {
      chunks.push(chunk);
      chunk = [];
      placed = new Map();
      fullest = 0;
      everywhere = 0;
    }
    chunk.push(m);
    if (partition === undefined) everywhere += size;
    else {
      const bytes = (placed.get(partition) ?? 0) + size;
      placed.set(partition, bytes);
      fullest = Math.max(fullest, bytes);
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** The largest record batch of `messages` bound for one partition (all of them when the partitions are not known). */
function largestBatch(messages: readonly OutMessage[], partitions: number): number {
  const per = new Map<number | undefined, number>();
  for (const m of messages) {
    const p = partitions ? keyPartition(m.key, partitions) : undefined;
    per.set(p, (per.get(p) ?? 0) + recordBytes(m));
  }
  const unplaced = per.get(undefined) ?? 0;
  let largest = unplaced;
  for (const [p, bytes] of per) if (p !== undefined) largest = Math.max(largest, bytes + unplaced);
  return largest + RECORD_BATCH_OVERHEAD;
}

/** A partition in hand but neither running nor handed over again for this long was revoked: forgotten. */
const IN_HAND_FORGET_MS = 60_000;

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export class KafkaTransport implements Transport {
  private producer: Producer;
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
  /** Per output topic (findings, dead letters), its limit and partitions as the broker tells them (asked once). */
  private readonly topicLimits = new Map<string, Promise<TopicLimits>>();
  /** Topics whose limits were guessed (`askLimits`), until when the guess is kept; those whose guess was logged. */
  private readonly guessedUntil = new Map<string, number>();
  private readonly limitsGuessed = new Set<string>();
  /** Per topic, an upper bound of its limit learnt from refusals (`sendChunk`; where the limit read is not below what was refused). */
  private readonly learntLimits = new Map<string, number>();
  /** Topics whose limit could not be read on this client (no describeConfigs), logged once. */
  private readonly unreadableLogged = new Set<string>();
  /** Produce requests refused as too large (and cut again, `sendChunk`). */
  private refusedTooLarge = 0;
  /** Sends in progress per producer; producers replaced (`renewProducer`) and not yet disconnected; the replacement in progress. */
  private readonly sending = new Map<Producer, number>();
  private readonly retired = new Set<Producer>();
  private renewing: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  readonly topics: FaultlineTopics;

  private constructor(
    private readonly opts: KafkaTransportOptions,
    private readonly client: KafkaClient,
  ) {
    this.producer = client.producer();
    this.admin = client.admin();
    this.groupId = opts.groupId ?? 'faultline-analyzers';
    this.topics = topicsFor(opts.prefix);
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
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
      await this.onProducer((p) =>
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
   * its `max.message.bytes` (module comment).
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
    const tooBig: { m: OutMessage; limit: number | undefined }[] = [];
    await this.sendWithin(this.topics.findings, messages, (m, _maxBytes, limit) => {
      tooBig.push({ m, limit });
      return undefined;
    });
    if (tooBig.length === 0) return;
    // A finding past the findings topic's limit on its own: stored (the API serves it), not on the
    // topic; logged, and its key, headers and first bytes set aside as a dead letter (step findings).
    const at = new Date().toISOString();
    for (const { m, limit } of tooBig) {
      this.log(
        `faultline: a finding of ${recordBytes(m)} bytes (key ${JSON.stringify(m.key)}) is ${pastWhat(this.topics.findings, limit)}: not published there; it is in the store, and cut on ${this.topics.deadLetter}`,
      );
    }
    // No input record to name: `faultline.dlq.destination` is the topic it was bound for; no dlq.topic / partition / offset.
    const letters = tooBig.map(({ m, limit }) => ({
      key: m.key,
      value: m.value,
      headers: {
        ...m.headers,
        'faultline.dlq.reason': `a finding of ${recordBytes(m)} bytes, ${pastWhat('the findings topic', limit)}; the analysis is in the store`,
        'faultline.dlq.step': 'findings',
        'faultline.dlq.destination': this.topics.findings,
        'faultline.dlq.at': at,
      },
    }));
    const { dropped } = await this.sendWithin(
      this.topics.deadLetter,
      letters.map((l) => cutToFit(l, Number.POSITIVE_INFINITY) ?? l),
      this.cutLetter,
    );
    this.countLetters(
      letters.map(() => 'findings'),
      dropped,
    );
  }

  /** Counts letters by step (faultline_dead_letters_total), those dropped (`sendWithin`) under `dropped` instead. */
  private countLetters(steps: string[], dropped: OutMessage[]): void {
    const by = new Map<string, number>();
    for (const step of steps) by.set(step, (by.get(step) ?? 0) + 1);
    for (const m of dropped) {
      const step = m.headers['faultline.dlq.step'] ?? '';
      by.set(step, (by.get(step) ?? 0) - 1);
      by.set('dropped', (by.get('dropped') ?? 0) + 1);
    }
    for (const [step, n] of by) {
      if (n <= 0) continue;
      if (step !== 'dropped') this.deadLettered += n;
      this.deadLetteredBy.set(step, (this.deadLetteredBy.get(step) ?? 0) + n);
    }
  }

  /**
   * A dead letter too large for the dead-letter topic: cut (`cutToFit`) to `maxBytes`, logged; dropped (logged,
   * counted under `dropped`) when its headers alone do not fit.
   */
  private readonly cutLetter: Oversize = (m, maxBytes, limit) => {
    const cut = cutToFit(m, maxBytes);
    const where =
      m.headers['faultline.dlq.destination'] !== undefined
        ? `step findings, bound for ${m.headers['faultline.dlq.destination']}`
        : `from ${m.headers['faultline.dlq.topic'] ?? '?'} partition ${m.headers['faultline.dlq.partition'] ?? '?'} offset ${m.headers['faultline.dlq.offset'] ?? '?'}`;
    const what =
      m.headers['faultline.dlq.truncated'] === undefined ? `a dead letter of ${recordBytes(m)} bytes` : 'a dead letter cut';
    this.log(
      `faultline: ${what} (key ${JSON.stringify(m.key)}, ${where}) is ${pastWhat(this.topics.deadLetter, limit)}: ${cut ? `cut to its headers and its value's first ${cut.headers['faultline.dlq.excerpt']} bytes` : 'dropped, not sent (its headers alone do not fit; counted as dropped)'}`,
    );
    return cut;
  };

  /**
   * Produces `messages` to `topic` in order, in requests within its `max.message.bytes` (module
   * comment). A message past the limit on its own (by the count, or refused alone) is given to
   * `oversize`, and what it returns (a smaller message: a dead letter cut) is sent in its place;
   * nothing: it is not sent to `topic` (the caller said where it goes). A request the broker (or
   * the client library) refuses as too large — the topic's limit lowered, its partitions changed,
   * a limit that could not be read — is not failed (the pipeline batch would be delivered again,
   * cut the same way, for ever): the topic's limits are read again, the request cut again with
   * them, or else in halves, and sent again in order, down to one message.
   */
  private async sendWithin(topic: string, messages: OutMessage[], oversize: Oversize): Promise<SendOutcome> {
    const { maxBytes, partitions } = await this.limitsOf(topic);
    // Past the limit read on its own: oversize at once. One only past a bound learnt from refusals (it may be
    // below the limit) is tried alone (produceChunks), and cut if refused.
    const read = await this.readLimits(topic);
    const outcome: SendOutcome = { dropped: [] };
    const fitting: OutMessage[] = [];
    for (const m of messages) {
      const sent =
        recordBytes(m) + RECORD_BATCH_OVERHEAD > read.maxBytes
          ? oversize(m, read.maxBytes, read.told ? read.maxBytes : undefined)
          : m;
      if (sent) fitting.push(sent);
      else if (topic === this.topics.deadLetter) outcome.dropped.push(m);
    }
    const state = { reread: false, outcome };
    for (const chunk of produceChunks(fitting, maxBytes, (key) => keyPartition(key, partitions))) {
      await this.sendChunk(topic, chunk, oversize, state);
    }
    return outcome;
  }

  /**
   * A send on the current producer, counted while in flight: a producer replaced (`renewProducer`) is
   * disconnected only once its sends have settled.
   */
  private async onProducer<T>(send: (p: Producer) => Promise<T>, p: Producer = this.producer): Promise<T> {
    this.sending.set(p, (this.sending.get(p) ?? 0) + 1);
    try {
      return await send(p);
    } finally {
      const left = (this.sending.get(p) ?? 1) - 1;
      if (left > 0) this.sending.set(p, left);
      else {
        this.sending.delete(p);
        if (this.retired.delete(p)) await p.disconnect().catch(() => undefined);
      }
    }
  }

  /**
   * One request of `sendWithin`, cut again when refused as too large. A message refused alone is
   * given to `oversize` once, with the limit read again (else half its size); what it makes of it,
   * refused again, is dropped (logged; `state.outcome.dropped`): at most two refusals a message.
   */
  private async sendChunk(
    topic: string,
    chunk: OutMessage[],
    oversize: Oversize,
    state: { reread: boolean; outcome: SendOutcome },
    cutAfterRefusal = false,
  ): Promise<void> {
    const used = this.producer;
    try {
      // Copies: the confluent client replaces a message's headers by librdkafka's (a refused chunk is cut again).
      await this.onProducer((p) => p.send({ topic, ...this.client.sendOptions, messages: chunk.map((m) => ({ ...m })) }), used);
      return;
    } catch (err) {
      if (!tooLarge(err)) throw err;
    }
    this.refusedTooLarge += 1;
    await this.renewProducer(used);
    // The limits known were wrong: read again (once a sendWithin; a read that fails keeps its guess for a while).
    if (!state.reread) {
      state.reread = true;
      this.log(
        `faultline: a produce of ${chunk.length} messages to ${topic} was refused as too large: its limits read again, the request cut smaller (${this.refusedTooLarge} refused since start)`,
      );
      this.topicLimits.delete(topic);
      this.guessedUntil.delete(topic);
    }
    const read = await this.limitsOf(topic);
    const refusedBytes = largestBatch(chunk, read.partitions);
    if (read.maxBytes >= refusedBytes) {
      // The limit read (a default, a guess, or one not lowered yet) is not below what was refused: remember a
      // bound below it for this topic (the next batches are cut to it before sending) — the refused size less a
      // byte for one message, else half the refused partition batch (cut again at each refusal: log2 steps).
      const bound = chunk.length === 1 ? refusedBytes - 1 : Math.max(RECORD_BATCH_OVERHEAD + 1, Math.floor(refusedBytes / 2));
      this.learntLimits.set(topic, Math.min(this.learntLimits.get(topic) ?? Number.POSITIVE_INFINITY, bound));
    }
    const { maxBytes, partitions } = await this.limitsOf(topic);
    const [single] = chunk;
    if (chunk.length === 1 && single) {
      const size = recordBytes(single);
      if (cutAfterRefusal) {
        this.log(
          `faultline: a message of ${size} bytes (key ${JSON.stringify(single.key)}), cut after a refusal, was refused again as too large by ${topic}: dropped, not sent`,
        );
        if (topic === this.topics.deadLetter) state.outcome.dropped.push(single);
        return;
      }
      // Refused alone: cut once to the limit read again (told, or learnt: below its size), else to half its size.
      const told = await this.readLimits(topic);
      const limit = told.told && told.maxBytes < size + RECORD_BATCH_OVERHEAD ? told.maxBytes : undefined;
      const bound = Math.min(maxBytes, (size + RECORD_BATCH_OVERHEAD) >> 1 || 1, size + RECORD_BATCH_OVERHEAD - 1);
      const smaller = oversize(single, limit ?? bound, limit);
      if (!smaller) {
        if (topic === this.topics.deadLetter) state.outcome.dropped.push(single);
        return;
      }
      if (recordBytes(smaller) >= size) {
        this.log(
          `faultline: a message of ${size} bytes (key ${JSON.stringify(single.key)}) was refused as too large by ${topic} and could not be cut: dropped, not sent`,
        );
        if (topic === this.topics.deadLetter) state.outcome.dropped.push(single);
        return;
      }
      await this.sendChunk(topic, [smaller], oversize, state, true);
      return;
    }
    let parts = produceChunks(chunk, maxBytes, (key) => keyPartition(key, partitions));
    if (parts.length < 2) {
      const half = Math.ceil(chunk.length / 2);
      parts = [chunk.slice(0, half), chunk.slice(half)];
    }
    for (const part of parts) await this.sendChunk(topic, part, oversize, state);
  }

  /**
   * A new producer in place of `used`, whose request was refused as too large: an idempotent producer's
   * sequence numbers no longer match the broker's once a request was refused (in part: the other
   * partitions' record batches of it were taken — and are sent again by the cut that follows: at-least-once),
   * and every later produce of it is refused as out of order (OUT_OF_ORDER_SEQUENCE_NUMBER, seen with
   * kafkajs against Kafka 4.3). Batches are handled concurrently (partitionsConsumedConcurrently) and
   * ingest's publish shares the producer, so: one replacement at a time (`renewing`, awaited by a second
   * refusal), none when `used` was already replaced, and the old producer disconnected only once its sends
   * in flight have settled (`onProducer`; `close` disconnects any left).
   */
  private async renewProducer(used: Producer): Promise<void> {
    while (this.renewing) await this.renewing;
    if (this.producer !== used) return;
    this.renewing = (async () => {
      const fresh = this.client.producer();
      await fresh.connect();
      this.producer = fresh;
      if (this.sending.has(used)) this.retired.add(used);
      else await used.disconnect().catch(() => undefined);
    })();
    try {
      await this.renewing;
    } finally {
      this.renewing = undefined;
    }
  }

  /**
   * The topic's `max.message.bytes` (its own, else the broker's default) and partitions, read once
   * and kept until a produce is refused as too large (`sendChunk`). What cannot be read is guessed
   * — Kafka's default limit; no partitions (every message counted against every partition) when
   * the metadata cannot be read either — logged once a topic, and kept LIMITS_GUESS_MS before asking
   * again (a refusal then cuts the requests smaller). The confluent client's admin has no
   * `describeConfigs`: there the limit read is always Kafka's default (the partitions are read; logged
   * once a topic), and a topic set lower is followed by cutting on the broker's refusal and the bound
   * learnt from it (`learntLimits`), which this applies.
   */
  private async limitsOf(topic: string): Promise<TopicLimits> {
    const read = await this.readLimits(topic);
    const learnt = this.learntLimits.get(topic);
    return learnt !== undefined && learnt < read.maxBytes ? { ...read, maxBytes: learnt, told: false } : read;
  }

  private readLimits(topic: string): Promise<TopicLimits> {
    const guessedUntil = this.guessedUntil.get(topic);
    if (guessedUntil !== undefined && this.now() >= guessedUntil) {
      this.guessedUntil.delete(topic);
      this.topicLimits.delete(topic);
    }
    let known = this.topicLimits.get(topic);
    if (!known) {
      known = this.askLimits(topic);
      this.topicLimits.set(topic, known);
    }
    return known;
  }

  private async askLimits(topic: string): Promise<TopicLimits> {
    let partitions = 0;
    try {
      // kafkajs answers { topics: [...] }; the confluent client's admin the array of topics itself.
      const metadata: unknown = await this.admin.fetchTopicMetadata({ topics: [topic] });
      const listed = (Array.isArray(metadata) ? metadata : (metadata as { topics: unknown[] }).topics) as {
        partitions: unknown[];
      }[];
      partitions = listed[0]?.partitions.length ?? 0;
      if (typeof this.admin.describeConfigs !== 'function') {
        if (!this.unreadableLogged.has(topic)) {
          this.unreadableLogged.add(topic);
          this.log(
            `faultline: ${topic}'s max.message.bytes cannot be read on the ${this.client.name} client: taking ${DEFAULT_MAX_MESSAGE_BYTES} bytes and its ${partitions} partitions; a produce refused as too large is cut smaller, and the bound learnt kept for the next batches (logged once a topic)`,
          );
        }
        return { maxBytes: DEFAULT_MAX_MESSAGE_BYTES, partitions, told: false };
      }
      const configs = await this.admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['max.message.bytes'] }],
      });
      const value = configs.resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue;
      const maxBytes = Number(value);
      if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new Error(`no max.message.bytes for ${topic}`);
      return { maxBytes, partitions, told: true };
    } catch (err) {
      if (!this.limitsGuessed.has(topic)) {
        this.limitsGuessed.add(topic);
        const what = partitions ? 'max.message.bytes' : 'partitions and max.message.bytes';
        const taken = partitions ? `and its ${partitions} partitions` : '(every message counted against every partition)';
        this.log(
          `faultline: could not read ${topic}'s ${what} (${(err as Error).message}): taking ${DEFAULT_MAX_MESSAGE_BYTES} bytes ${taken}, ` +
            `asked again every ${LIMITS_GUESS_MS / 1000} s; a produce refused as too large is cut smaller (logged once a topic)`,
        );
      }
      this.guessedUntil.set(topic, this.now() + LIMITS_GUESS_MS);
      return { maxBytes: DEFAULT_MAX_MESSAGE_BYTES, partitions, told: false };
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
    const { dropped } = await this.sendWithin(this.topics.deadLetter, messages, this.cutLetter);
    this.countLetters(
      letters.map(({ step }) => step),
      dropped,
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
    await this.producer.disconnect().catch(() => undefined);
    for (const p of this.retired) await p.disconnect().catch(() => undefined);
    this.retired.clear();
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
