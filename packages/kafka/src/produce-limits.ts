/**
 * The produce of a pipeline batch's findings and dead letters within the broker's limit (the
 * transport's publishFindings and deadLetter call `ProduceWithinLimits.send`). The broker refuses a
 * partition's record batch past the topic's `max.message.bytes` (MESSAGE_TOO_LARGE); a batch grown
 * under backlog (FAULTLINE_BATCH_BACKLOG) would otherwise fail at its findings, and be delivered
 * again, for ever.
 *
 * Invariants:
 * - **Cut before sending.** A batch's messages go in order, in as few requests as keep each
 *   partition's record batch within the topic's limit (`produceChunks`; a key's partition is both
 *   clients' murmur2, `keyPartition`; a message counted at most: `recordBytes`). The limit and the
 *   partitions are read from the broker once a topic (`TopicLimitsBook`); what cannot be read is
 *   guessed (Kafka's default; no partitions: every message counted against every partition), logged
 *   once a topic, and asked again after LIMITS_GUESS_MS. The confluent client's admin cannot read a
 *   limit at all (Kafka's default taken, logged once a topic).
 * - **A refusal is never a failure.** A request refused as too large (what was read was wrong: the
 *   limit lowered since, the partitions changed, a guess) is cut again — the limits read again, once a
 *   `send`; cut with them, else in halves — and sent in order, down to one message. Any other error
 *   is thrown (the batch is delivered again).
 * - **The bound learnt per topic.** Where the limit read is not below what was refused, a bound below
 *   the refused size is kept for the topic for the process's life (the refused size less a byte for
 *   one message, else half the refused partition batch), and later batches are cut to it before
 *   sending; a message past that bound only (not past the limit read) is still tried alone.
 * - **At-least-once after a refusal.** The broker checks each partition of a request on its own and
 *   appends those within the limit, so the cut sent again can repeat them (duplicates of those findings
 *   or dead letters, each partition still in order). The resend goes from a new producer (producer.ts),
 *   whose new producer id idempotence does not match with the old one's. Each refusal of a request can
 *   add one copy of its messages, and each refusal at least halves the largest partition batch sent
 *   next (the limit read again is the broker's: cut within it; else the bound learnt, half), so a `send`
 *   puts a message on the topic at most 1 + ⌈log2(B / L)⌉ times (B: the first refused request's largest
 *   partition batch as `recordBytes` counts it; L: the topic's limit). Seen on the real broker
 *   (test/refused-duplicates.test.ts): kafkajs 2 copies of the taken partition's findings (the limit
 *   read again), the confluent client up to 4 (halving; that test's B / L is about 6). Without the
 *   replacement kafkajs put 1 copy when the resend's batches were the refused ones, and threw
 *   OUT_OF_ORDER_SEQUENCE_NUMBER when they were not (producer.ts).
 * - **One message too large on its own** (past the limit read, or refused alone) is not sent as it is:
 *   it is given to the caller's `Oversize` once. A finding: none in its place (kept out of the findings
 *   topic; the transport logs it and sets its cut copy aside as a dead letter, step `findings`). A dead
 *   letter: cut to its headers and its value's first EXCERPT_BYTES (`cutToFit`, `letterCutter`; the record
 *   whole stays on its input topic, at the partition and offset its headers name, until retention) — to the
 *   limit read again when refused alone (else half its size); refused once more, or its headers alone
 *   not fitting: dropped, logged, and counted as `dropped` (`countLetters`). At most two refusals a message.
 * - **The limit quoted** in a log or a dead letter's reason is the broker's, only when it told one
 *   below the message (`pastWhat`); otherwise "refused as too large … (its max.message.bytes not known)".
 *
 * Every message not sent is in the `SendOutcome` (`Unsent`), logged where it was given up on.
 */
import type { Admin, ConfigResourceTypes, Producer } from 'kafkajs';
import { type KafkaClientName, keyPartition } from './clients.js';
import type { RenewableProducer } from './producer.js';

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

/** How long a topic's limits guessed after a failed read (`TopicLimitsBook`) are kept before asking the broker again. */
export const LIMITS_GUESS_MS = 60_000;
/** The bytes of its value a message too large for its topic keeps as an excerpt (a dead letter cut: `cutToFit`). */
export const EXCERPT_BYTES = 4096;

/** The resource type of a topic in `admin.describeConfigs` (kafkajs's ConfigResourceTypes.TOPIC; the protocol's 2). */
const TOPIC_RESOURCE = 2 as ConfigResourceTypes;

/** A message to produce, as the transport builds them. */
export interface OutMessage {
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}

/** What the cut of a produce into requests needs of a topic: its `max.message.bytes`, its partitions. */
export interface TopicLimits {
  maxBytes: number;
  partitions: number;
  /** `maxBytes` is the topic's max.message.bytes as the broker told it (not a default, a guess or a bound learnt from refusals). */
  told: boolean;
}

/**
 * What becomes of a message too large for its topic on its own: a smaller one sent in its place, or none.
 * `maxBytes`: the bound it must fit; `limit`: the topic's max.message.bytes as the broker told it, when that
 * is what the message is past (undefined: refused by the broker, its limit not known).
 */
export type Oversize = (m: OutMessage, maxBytes: number, limit: number | undefined) => OutMessage | undefined;

/**
 * A message `send` did not send: too large on its own and its `Oversize` made nothing of it, or what
 * `Oversize` made of it after a refusal was no smaller or was refused too (logged there). `limit`: the
 * broker's limit, when it told one the message is past (quoted in a finding's dead letter). The callers
 * treat every one alike (a finding: its dead letter; a dead letter: counted `dropped`), so no reason is kept.
 */
export interface Unsent {
  message: OutMessage;
  limit: number | undefined;
}

/** What `send` did not send, in the order it gave up on them. */
export interface SendOutcome {
  unsent: Unsent[];
}

/** A produce refused as too large: the broker's MESSAGE_TOO_LARGE (10) through kafkajs or librdkafka (ERR_MSG_SIZE_TOO_LARGE, also its own check). */
export function tooLarge(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { type?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
  if (e.type === 'MESSAGE_TOO_LARGE' || e.type === 'ERR_MSG_SIZE_TOO_LARGE' || e.code === 10) return true;
  if (e.cause !== err && tooLarge(e.cause)) return true;
  return Array.isArray(e.errors) && e.errors.some(tooLarge);
}

/** The words for what a message too large is past (`Oversize`'s `limit`). */
export function pastWhat(topic: string, limit: number | undefined): string {
  return limit === undefined
    ? `refused as too large by ${topic} (its max.message.bytes not known)`
    : `past ${topic}'s max.message.bytes (${limit})`;
}

/** A message's bytes in a record batch, at most (uncompressed). */
export function recordBytes(m: OutMessage): number {
  let n = RECORD_OVERHEAD + Buffer.byteLength(m.key) + Buffer.byteLength(m.value);
  for (const [k, v] of Object.entries(m.headers)) n += HEADER_OVERHEAD + Buffer.byteLength(k) + Buffer.byteLength(v);
  return n;
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

/**
 * `messages` in order, cut into runs (one produce request each) in which the record bytes bound for
 * any one partition stay within `maxBytes` less a batch header: the broker checks the limit per
 * partition's record batch. `partitionOf` tells a key's partition (`keyPartition`); a message it
 * cannot place (or every message, without it) is counted against every partition. A message too
 * large on its own is a run of its own (`send` does not send one: it gives it to its caller's
 * `Oversize`).
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

/** `messages` cut into requests within `limits` (its partitions: the keys placed by murmur2). */
function chunksWithin<M extends OutMessage>(messages: readonly M[], limits: TopicLimits): M[][] {
  return produceChunks(messages, limits.maxBytes, (key) => keyPartition(key, limits.partitions));
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

/**
 * The bound a refusal of `chunk` teaches, given the limits known when it was refused: none when they are
 * below what was refused (they explain it); else the refused size less a byte for one message, else half
 * the refused partition batch (cut again at each refusal: log2 steps).
 */
export function boundLearnt(chunk: readonly OutMessage[], known: TopicLimits): number | undefined {
  const refusedBytes = largestBatch(chunk, known.partitions);
  if (known.maxBytes < refusedBytes) return undefined;
  return chunk.length === 1 ? refusedBytes - 1 : Math.max(RECORD_BATCH_OVERHEAD + 1, Math.floor(refusedBytes / 2));
}

/** A refused request of several messages, cut with the limits known after the refusal, else in halves. */
function splitRefused(chunk: OutMessage[], limits: TopicLimits): OutMessage[][] {
  const parts = chunksWithin(chunk, limits);
  if (parts.length >= 2) return parts;
  const half = Math.ceil(chunk.length / 2);
  return [chunk.slice(0, half), chunk.slice(half)];
}

/** The bound an `Oversize` is given to cut a message to, and the limit it may quote (the broker's, else none). */
export interface CutTarget {
  maxBytes: number;
  limit: number | undefined;
}

/**
 * What a message of `size` record bytes refused alone is cut to: the limit the broker told, when below
 * it (quoted); else the smallest of the limits known (a bound learnt: below it), half its batch and a
 * byte less than its batch (no limit quoted).
 */
export function refusedAloneTarget(size: number, known: TopicLimits, told: TopicLimits): CutTarget {
  const batch = size + RECORD_BATCH_OVERHEAD;
  if (told.told && told.maxBytes < batch) return { maxBytes: told.maxBytes, limit: told.maxBytes };
  return { maxBytes: Math.min(known.maxBytes, batch >> 1 || 1, batch - 1), limit: undefined };
}

/** What the limits of a topic are asked of: the admin's metadata, and its configs where it has them (not the confluent client's). */
export type LimitsAdmin = Pick<Admin, 'fetchTopicMetadata'> & Partial<Pick<Admin, 'describeConfigs'>>;

/**
 * Per output topic (findings, dead letters): its `max.message.bytes` (its own, else the broker's default)
 * and partitions, read once and kept until a produce is refused as too large (`forget`); a guess where
 * they cannot be read (module comment), kept LIMITS_GUESS_MS; and the bound learnt from refusals (`learn`).
 */
export class TopicLimitsBook {
  /** Per topic, its limits as read (asked once, or again after `forget` / a guess's time). */
  private readonly reads = new Map<string, Promise<TopicLimits>>();
  /** Topics whose limits were guessed, until when the guess is kept; those whose guess was logged. */
  private readonly guessedUntil = new Map<string, number>();
  private readonly guessLogged = new Set<string>();
  /** Per topic, an upper bound of its limit learnt from refusals (where the limit read is not below what was refused). */
  private readonly learnt = new Map<string, number>();
  /** Topics whose limit could not be read on this client (no describeConfigs), logged once. */
  private readonly unreadableLogged = new Set<string>();

  constructor(
    private readonly admin: LimitsAdmin,
    private readonly clientName: KafkaClientName,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {}

  /** The limits to cut with: those read, lowered to the bound learnt from refusals, if any (then not `told`). */
  async known(topic: string): Promise<TopicLimits> {
    const read = await this.read(topic);
    const learnt = this.learnt.get(topic);
    return learnt !== undefined && learnt < read.maxBytes ? { ...read, maxBytes: learnt, told: false } : read;
  }

  /** The limits as read from the broker (or guessed), asked when not known or when a guess's time is up. */
  read(topic: string): Promise<TopicLimits> {
    const guessedUntil = this.guessedUntil.get(topic);
    if (guessedUntil !== undefined && this.now() >= guessedUntil) this.forget(topic);
    let known = this.reads.get(topic);
    if (!known) {
      known = this.ask(topic);
      this.reads.set(topic, known);
    }
    return known;
  }

  /** The limits read are wrong (a refusal): asked again at the next `read` (the bound learnt stays). */
  forget(topic: string): void {
    this.reads.delete(topic);
    this.guessedUntil.delete(topic);
  }

  /** A refusal of `chunk`: the bound it teaches kept (`boundLearnt`); the limits to cut it again with. */
  async learn(topic: string, chunk: readonly OutMessage[]): Promise<TopicLimits> {
    const bound = boundLearnt(chunk, await this.known(topic));
    if (bound !== undefined) this.learnt.set(topic, Math.min(this.learnt.get(topic) ?? Number.POSITIVE_INFINITY, bound));
    return this.known(topic);
  }

  private async ask(topic: string): Promise<TopicLimits> {
    let partitions = 0;
    try {
      partitions = await this.askPartitions(topic);
      if (typeof this.admin.describeConfigs !== 'function') return this.unreadable(topic, partitions);
      const maxBytes = await this.askMaxBytes(topic, this.admin.describeConfigs.bind(this.admin));
      return { maxBytes, partitions, told: true };
    } catch (err) {
      return this.guess(topic, partitions, err as Error);
    }
  }

  private async askPartitions(topic: string): Promise<number> {
    // kafkajs answers { topics: [...] }; the confluent client's admin the array of topics itself.
    const metadata: unknown = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const listed = (Array.isArray(metadata) ? metadata : (metadata as { topics: unknown[] }).topics) as {
      partitions: unknown[];
    }[];
    return listed[0]?.partitions.length ?? 0;
  }

  private async askMaxBytes(topic: string, describeConfigs: Admin['describeConfigs']): Promise<number> {
    const configs = await describeConfigs({
      includeSynonyms: false,
      resources: [{ type: TOPIC_RESOURCE, name: topic, configNames: ['max.message.bytes'] }],
    });
    const value = configs.resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue;
    const maxBytes = Number(value);
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new Error(`no max.message.bytes for ${topic}`);
    return maxBytes;
  }

  /** A client that cannot read a limit (no describeConfigs): Kafka's default, the partitions read, logged once a topic. */
  private unreadable(topic: string, partitions: number): TopicLimits {
    if (!this.unreadableLogged.has(topic)) {
      this.unreadableLogged.add(topic);
      this.log(
        `faultline: ${topic}'s max.message.bytes cannot be read on the ${this.clientName} client: taking ${DEFAULT_MAX_MESSAGE_BYTES} bytes and its ${partitions} partitions; a produce refused as too large is cut smaller, and the bound learnt kept for the next batches (logged once a topic)`,
      );
    }
    return { maxBytes: DEFAULT_MAX_MESSAGE_BYTES, partitions, told: false };
  }

  /** A read that failed: Kafka's default and the partitions read (if any), kept LIMITS_GUESS_MS, logged once a topic. */
  private guess(topic: string, partitions: number, err: Error): TopicLimits {
    if (!this.guessLogged.has(topic)) {
      this.guessLogged.add(topic);
      const what = partitions ? 'max.message.bytes' : 'partitions and max.message.bytes';
      const taken = partitions ? `and its ${partitions} partitions` : '(every message counted against every partition)';
      this.log(
        `faultline: could not read ${topic}'s ${what} (${err.message}): taking ${DEFAULT_MAX_MESSAGE_BYTES} bytes ${taken}, ` +
          `asked again every ${LIMITS_GUESS_MS / 1000} s; a produce refused as too large is cut smaller (logged once a topic)`,
      );
    }
    this.guessedUntil.set(topic, this.now() + LIMITS_GUESS_MS);
    return { maxBytes: DEFAULT_MAX_MESSAGE_BYTES, partitions, told: false };
  }
}

/** One `send`: its topic, its `Oversize`, whether its limits were read again after a refusal (once a send), what it did not send. */
interface SendRun {
  topic: string;
  oversize: Oversize;
  reread: boolean;
  outcome: SendOutcome;
}

/** A request tried: taken, or refused as too large on the producer `used` (any other error is thrown). */
type Attempt = { taken: true } | { taken: false; used: Producer };

/** What becomes of a message refused alone: sent again as `resend` (smaller), or not sent. */
type Recut = { resend: OutMessage } | { unsent: Unsent };

/** The produce of a batch's messages to a topic within its limit, cut again on a refusal (module comment). */
export class ProduceWithinLimits {
  /** Produce requests refused as too large since start (logged). */
  private refusedTooLarge = 0;

  constructor(
    private readonly limits: TopicLimitsBook,
    private readonly producer: RenewableProducer,
    private readonly sendOptions: { acks?: -1 },
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Produces `messages` to `topic` in order, in requests within its limits. A message past the limit read on
   * its own, or refused alone, is given to `oversize`, and what it returns (a smaller message: a dead letter
   * cut) is sent in its place; nothing: it is not sent (`Unsent`, the caller said where it goes).
   */
  async send(topic: string, messages: OutMessage[], oversize: Oversize): Promise<SendOutcome> {
    const known = await this.limits.known(topic);
    const run: SendRun = { topic, oversize, reread: false, outcome: { unsent: [] } };
    const fitting = this.setAsideOversize(run, messages, await this.limits.read(topic));
    for (const chunk of chunksWithin(fitting, known)) await this.sendChunk(run, chunk);
    return run.outcome;
  }

  /**
   * `messages` past the limit read on their own given to `oversize` at once (what it makes of them kept in
   * their place; nothing: unsent). One past a bound learnt only (it may be below the limit) is tried alone, and
   * cut if refused.
   */
  private setAsideOversize(run: SendRun, messages: OutMessage[], read: TopicLimits): OutMessage[] {
    const fitting: OutMessage[] = [];
    for (const m of messages) {
      if (recordBytes(m) + RECORD_BATCH_OVERHEAD <= read.maxBytes) {
        fitting.push(m);
        continue;
      }
      const limit = read.told ? read.maxBytes : undefined;
      const smaller = run.oversize(m, read.maxBytes, limit);
      if (smaller) fitting.push(smaller);
      else run.outcome.unsent.push({ message: m, limit });
    }
    return fitting;
  }

  /**
   * One request, cut again when refused as too large: several messages in smaller requests, one given to
   * `oversize` once (`recutAlone`); what that makes of it, refused again, is not sent: at most two refusals a message.
   */
  private async sendChunk(run: SendRun, chunk: OutMessage[], cutAfterRefusal = false): Promise<void> {
    const attempt = await this.attempt(run.topic, chunk);
    if (attempt.taken) return;
    const known = await this.afterRefusal(run, chunk, attempt.used);
    const [single] = chunk;
    if (chunk.length !== 1 || !single) {
      for (const part of splitRefused(chunk, known)) await this.sendChunk(run, part);
      return;
    }
    const recut = cutAfterRefusal ? this.refusedAgain(run.topic, single) : await this.recutAlone(run, single, known);
    if ('unsent' in recut) run.outcome.unsent.push(recut.unsent);
    else await this.sendChunk(run, [recut.resend], true);
  }

  /** `chunk` sent as one request on the current producer. */
  private async attempt(topic: string, chunk: OutMessage[]): Promise<Attempt> {
    const used = this.producer.producer;
    try {
      // Copies: the confluent client replaces a message's headers by librdkafka's (a refused chunk is cut again).
      await this.producer.send((p) => p.send({ topic, ...this.sendOptions, messages: chunk.map((m) => ({ ...m })) }), used);
      return { taken: true };
    } catch (err) {
      if (!tooLarge(err)) throw err;
      return { taken: false, used };
    }
  }

  /**
   * After a refusal: the producer replaced (producer.ts), the topic's limits read again (once a `send`; a read
   * that fails keeps its guess for a while), the bound it teaches kept; the limits to cut again with.
   */
  private async afterRefusal(run: SendRun, chunk: OutMessage[], used: Producer): Promise<TopicLimits> {
    this.refusedTooLarge += 1;
    await this.producer.renew(used);
    if (!run.reread) {
      run.reread = true;
      this.log(
        `faultline: a produce of ${chunk.length} messages to ${run.topic} was refused as too large: its limits read again, the request cut smaller (${this.refusedTooLarge} refused since start)`,
      );
      this.limits.forget(run.topic);
    }
    return this.limits.learn(run.topic, chunk);
  }

  /** A message refused alone, for the first time: given to `oversize` once, cut to `refusedAloneTarget`. */
  private async recutAlone(run: SendRun, single: OutMessage, known: TopicLimits): Promise<Recut> {
    const size = recordBytes(single);
    const { maxBytes, limit } = refusedAloneTarget(size, known, await this.limits.read(run.topic));
    const smaller = run.oversize(single, maxBytes, limit);
    if (!smaller) return { unsent: { message: single, limit } };
    if (recordBytes(smaller) < size) return { resend: smaller };
    this.log(
      `faultline: a message of ${size} bytes (key ${JSON.stringify(single.key)}) was refused as too large by ${run.topic} and could not be cut: dropped, not sent`,
    );
    return { unsent: { message: single, limit } };
  }

  /** A message cut after a refusal, refused again: not sent (logged). */
  private refusedAgain(topic: string, single: OutMessage): Recut {
    this.log(
      `faultline: a message of ${recordBytes(single)} bytes (key ${JSON.stringify(single.key)}), cut after a refusal, was refused again as too large by ${topic}: dropped, not sent`,
    );
    return { unsent: { message: single, limit: undefined } };
  }
}

/**
 * The `Oversize` of dead letters: a letter too large for the dead-letter topic cut (`cutToFit`) to `maxBytes`,
 * logged; none when its headers alone do not fit (then dropped: logged, counted under `dropped`).
 */
export function letterCutter(deadLetterTopic: string, log: (line: string) => void): Oversize {
  return (m, maxBytes, limit) => {
    const cut = cutToFit(m, maxBytes);
    const where =
      m.headers['faultline.dlq.destination'] !== undefined
        ? `step findings, bound for ${m.headers['faultline.dlq.destination']}`
        : `from ${m.headers['faultline.dlq.topic'] ?? '?'} partition ${m.headers['faultline.dlq.partition'] ?? '?'} offset ${m.headers['faultline.dlq.offset'] ?? '?'}`;
    const what =
      m.headers['faultline.dlq.truncated'] === undefined ? `a dead letter of ${recordBytes(m)} bytes` : 'a dead letter cut';
    log(
      `faultline: ${what} (key ${JSON.stringify(m.key)}, ${where}) is ${pastWhat(deadLetterTopic, limit)}: ${cut ? `cut to its headers and its value's first ${cut.headers['faultline.dlq.excerpt']} bytes` : 'dropped, not sent (its headers alone do not fit; counted as dropped)'}`,
    );
    return cut;
  };
}

/**
 * The dead letter of a finding kept out of the findings topic (`Unsent`): its key, headers and first bytes
 * (cut), step `findings`; `faultline.dlq.destination` names the topic it was bound for, and it has no
 * dlq.topic / partition / offset (no input record is its own).
 */
export function findingLetter({ message: m, limit }: Unsent, findingsTopic: string, at: string): OutMessage {
  const letter = {
    key: m.key,
    value: m.value,
    headers: {
      ...m.headers,
      'faultline.dlq.reason': `a finding of ${recordBytes(m)} bytes, ${pastWhat('the findings topic', limit)}; the analysis is in the store`,
      'faultline.dlq.step': 'findings',
      'faultline.dlq.destination': findingsTopic,
      'faultline.dlq.at': at,
    },
  };
  return cutToFit(letter, Number.POSITIVE_INFINITY) ?? letter;
}

/**
 * Dead letters counted by step (faultline_dead_letters_total): `steps`, one a letter; those `dropped` (not sent)
 * under `dropped` instead of their step. Only counts above zero.
 */
export function countLetters(steps: readonly string[], dropped: readonly Unsent[]): Map<string, number> {
  const by = new Map<string, number>();
  for (const step of steps) by.set(step, (by.get(step) ?? 0) + 1);
  for (const { message } of dropped) {
    const step = message.headers['faultline.dlq.step'] ?? '';
    by.set(step, (by.get(step) ?? 0) - 1);
    by.set('dropped', (by.get('dropped') ?? 0) + 1);
  }
  for (const [step, n] of by) if (n <= 0) by.delete(step);
  return by;
}
