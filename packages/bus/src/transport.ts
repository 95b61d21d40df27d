/**
 * The event-bus contract every transport honours (the embedded one in this package, the Kafka
 * one later), so the pipeline runs unchanged on either:
 *
 * - keyed and ordered per key: messages with the same key are delivered in publish order;
 * - durable: `publish` resolves only once every message of the call survives a process crash;
 * - at-least-once: a batch's offsets are committed only after the handler resolved, a failed
 *   batch is delivered again; a consumer may therefore see a message twice, never zero times;
 * - bounded: past `capacity` unconsumed messages, or past `capacityBytes` unconsumed bytes where
 *   the transport holds them itself (the embedded bus), `publish` refuses with `BusFullError` (and
 *   a hint of when to retry) instead of growing memory or disk without bound;
 * - observable progress: `backlog()` tells how old the oldest waiting record is and since when the
 *   consumer has not advanced, so a consumer stuck on one batch (redelivered forever, or a handler
 *   that never returns) fails readiness and raises an alert instead of letting the bus fill;
 * - a dead-letter path: a delivered message the consumer cannot process (it cannot be decoded,
 *   is refused by validation, or is refused by the store on its own while the rest of its batch
 *   is stored) leaves the stream through `deadLetter`, durably, with its reason and the step
 *   that refused it, before its batch is committed. Kafka sends it to the dead-letter topic,
 *   the embedded bus appends it to its own dead-letter log; either way one message can never
 *   stop a partition, and nothing set aside is lost silently.
 * - envelopes, encoded once: a message published with its envelope as an object (toMessage)
 *   is delivered with an envelope equal to it (record, org, merge, actor, time received, pending,
 *   run); a transport that decodes into objects (Kafka) hands the envelope over as `envelope`,
 *   and the consumer reads it instead of parsing `value` (`envelopeOf`).
 * - findings as an output: a transport with a findings output (Kafka: the findings topic) takes
 *   the analyses stored from a batch through `publishFindings`, before that batch is committed;
 *   the consumer calls it, nobody else.
 */
import type { Analysis, Envelope } from '@faultline/core';

/**
 * A message: its key, its value (the envelope as JSON) and, when the sender has it as an object,
 * the envelope itself (toMessage sets it, and makes `value` only when something reads it). A
 * transport that carries the record in another encoding (Kafka: Avro) encodes `envelope` and
 * never reads `value`; one that stores text (the embedded bus) writes `value`.
 */
export interface BusMessage {
  key: string;
  value: string;
  headers?: Record<string, string>;
  envelope?: Envelope;
}

export interface Delivered extends BusMessage {
  /** The topic it came from (Kafka); absent on the embedded bus. */
  topic?: string;
  partition: number;
  /** Monotonic per partition, never reused (also across log rotations and restarts). */
  offset: number;
  /** Epoch ms at which the message was published. */
  publishedAt: number;
  /**
   * Bytes of the message as the transport carries it (Kafka: the Avro value), for batch byte
   * budgets; absent: `value.length`. Set where reading `value` would make JSON that is not needed.
   */
  size?: number;
  /**
   * Set when the transport could not decode the message (Kafka: not Avro, an unknown schema):
   * why. `value` is then empty and `raw` holds the bytes as they arrived; the consumer sets it
   * aside (step `decode`) through `deadLetter`, the one place dead letters are sent from.
   */
  undecodable?: string;
  raw?: Uint8Array;
}

/**
 * The bus holds `capacity` unconsumed messages (unit `records`) or bytes (unit `bytes`) already:
 * nothing of the call was accepted.
 */
export class BusFullError extends Error {
  override readonly name = 'BusFullError';
  /** Estimate of when enough room will be free, from the recent consumption rate. */
  readonly retryAfterMs: number;
  readonly depth: number;
  readonly capacity: number;
  readonly requested: number;
  /** What depth, capacity and requested count. */
  readonly unit: 'records' | 'bytes';

  constructor(retryAfterMs: number, depth: number, capacity: number, requested: number, unit: 'records' | 'bytes' = 'records') {
    super(
      unit === 'bytes'
        ? `event bus full: ${depth} bytes unconsumed of a budget of ${capacity}, cannot take ${requested} more; retry in ${retryAfterMs} ms`
        : `event bus full: ${depth} unconsumed of capacity ${capacity}, cannot take ${requested} more; retry in ${retryAfterMs} ms`,
    );
    this.retryAfterMs = retryAfterMs;
    this.depth = depth;
    this.capacity = capacity;
    this.requested = requested;
    this.unit = unit;
  }
}

export interface TransportStats {
  /** Published (or being published) and not yet committed. */
  depth: number;
  capacity: number;
  /** `saturated()` is true from this depth on. */
  highWater: number;
  partitions: number;
  /** Messages made durable by this instance. */
  published: number;
  /** Messages committed by this instance's consumer. */
  committed: number;
  /** Publish calls refused with BusFullError. */
  backpressureEvents: number;
  /** Messages handed to the handler again after it threw. */
  redelivered: number;
  /** Bytes published (or being published) and not yet committed, where the transport holds them (embedded). */
  depthBytes?: number;
  /** Byte budget: past it publish refuses with BusFullError. */
  capacityBytes?: number;
  /** `saturated()` is true from this many bytes on. */
  highWaterBytes?: number;
}

/** A delivered message set aside on the dead-letter path. */
export interface DeadLetter {
  message: Delivered;
  /** Why it cannot be processed (the validation error, the store's refusal), for a human. */
  reason: string;
  /** The step that refused it: `decode`, `validation`, `store`, … */
  step: string;
}

/** What a transport tells a handler call about its batch besides the messages (optional: Kafka tells nothing). */
export interface DeliveryInfo {
  /**
   * The transport stopped this batch at a limit: it holds `maxBatch` messages, or the next message
   * waiting would have taken it past `maxBatchBytes` (counted as the transport counts them). A
   * consumer reads it as a backlog, where a batch cannot grow.
   */
  full: boolean;
}

export interface ConsumeOptions {
  /** Max messages per handler call. */
  maxBatch: number;
  /** Max bytes (of message values) per handler call; a single larger message still goes alone. Default: unbounded. */
  maxBatchBytes?: number;
  /**
   * Optional (the embedded bus; Kafka hands over its partitions' batches side by side already and
   * ignores it): the most handler calls outstanding at once. Default 1: a call only after the one
   * before resolved and was committed. Above 1, the next batch (the messages after those handed
   * over) is handed over while earlier calls run; offsets are still committed in call order, never
   * past a call that has not resolved, and when a call throws, its batch and every later call's are
   * delivered again, in order, once every call in flight has settled.
   */
  maxInFlight?: number;
  /**
   * With `maxInFlight` above 1: awaited before each call made while others are in flight (the
   * consumer is ready to take another batch); the messages published meanwhile wait on the bus
   * and go in that call. A rejection counts as ready.
   */
  whenReady?: () => Promise<void>;
  /**
   * Optional: called by a transport that will hand over nothing more until one of its handler
   * calls resolves (Kafka: every handler call in progress waits for its batch to be done, and the
   * client fetches, or takes another partition's batch, only once one is handled). A consumer
   * that holds a partial batch back for more records to join it (a linger) should flush it now:
   * none can come before that batch is done.
   */
  onIdle?: () => void;
}

/**
 * How far the consumer is behind, as this process sees it (a consumer-group member sees only the
 * partitions it was handed).
 */
export interface BacklogHealth {
  /** Records waiting for this consumer: published or handed over, not yet committed. */
  waiting: number;
  /** Epoch ms at which the oldest waiting record was published; undefined when none waits. */
  oldestWaitingAt: number | undefined;
  /**
   * Epoch ms of the consumer's last progress: its last commit, or the moment work started waiting
   * after it had none (for the most stuck partition). Meaningful only while `waiting > 0`.
   */
  progressAt: number;
}

/** What readiness and the metrics read from a BacklogHealth at a moment. */
export interface BacklogState {
  waiting: number;
  /** Age of the oldest waiting record (0 when none waits). */
  oldestSeconds: number;
  /** Seconds without progress while work waits (0 when none waits). */
  lastProgressSeconds: number;
  /** Work waits, and both the oldest record and the last progress are older than the stall bound. */
  stalled: boolean;
}

/**
 * The stall rule, in one place for every transport: a consumer is stalled when records wait, the
 * oldest of them is older than `stallMs` and it has not advanced (committed) for `stallMs` either.
 * A busy consumer that commits now and then is never stalled, however long its backlog.
 */
export function backlogState(h: BacklogHealth, now: number, stallMs: number): BacklogState {
  if (h.waiting <= 0) return { waiting: 0, oldestSeconds: 0, lastProgressSeconds: 0, stalled: false };
  const oldestMs = h.oldestWaitingAt === undefined ? 0 : Math.max(0, now - h.oldestWaitingAt);
  const idleMs = Math.max(0, now - h.progressAt);
  return {
    waiting: h.waiting,
    oldestSeconds: oldestMs / 1000,
    lastProgressSeconds: idleMs / 1000,
    stalled: oldestMs > stallMs && idleMs > stallMs,
  };
}

export interface Transport {
  /** Resolves once every message is durable (fsync'd); all-or-nothing per call; throws BusFullError when depth + messages.length > capacity. */
  publish(messages: BusMessage[]): Promise<void>;
  /** Starts the consumer loop: batches in per-key order; the offsets of a batch are committed only after handler resolves; if handler throws, the same batch is redelivered after a backoff (at-least-once). */
  consume(handler: (batch: Delivered[], info?: DeliveryInfo) => Promise<void>, options: ConsumeOptions): void;
  /**
   * Optional: stop fetching new batches (the handler calls in flight go on) because the
   * consumer falls behind; `resume` undoes it. A transport that makes a further handler call
   * only when the consumer allows it (the embedded bus: one at a time, or up to `maxInFlight`
   * once `whenReady` resolved) has natural backpressure and needs neither.
   * `pause` answers whether it paused (a client may decline: see the Kafka transport).
   */
  pause?(): boolean;
  resume?(): void;
  /**
   * Sets delivered messages aside with their reason and step; resolves once they are durable
   * (Kafka: acknowledged by the dead-letter topic; embedded: fsync'd in the dead-letter log).
   * The consumer calls it before it commits the batch holding them, so a crash in between sets
   * them aside again on redelivery (at-least-once) rather than losing them.
   */
  deadLetter(letters: DeadLetter[]): Promise<void>;
  /** Messages set aside by this instance since it started, by step. */
  deadLetterCounts(): Map<string, number>;
  /**
   * Optional output: publishes the analyses stored from a batch downstream (Kafka: the findings
   * topic); resolves once they are durable there. The consumer calls it after the store and
   * before the commit. A transport without a findings output (the embedded bus) leaves it out.
   */
  publishFindings?(analyses: Analysis[]): Promise<void>;
  /** Optional: the consumer group's lag per topic and partition (Kafka), for the metrics. */
  partitionLag?(): { topic: string; partition: number; lag: number }[];
  /** True when depth >= highWater, or depthBytes >= highWaterBytes (readiness turns false). */
  saturated(): boolean;
  /** The consumer's backlog and progress (absent: the transport cannot tell; readiness then ignores stalls). */
  backlog?(): BacklogHealth;
  stats(): TransportStats;
  /** Stops taking new batches, waits for the handler calls in flight to finish and their commits, then closes files. */
  close(): Promise<void>;
}

/** The transport cannot take messages right now (a broker is unreachable): nothing of the call was accepted. */
export class BusUnavailableError extends Error {
  override readonly name = 'BusUnavailableError';
  constructor(
    message: string,
    readonly retryAfterMs = 2_000,
  ) {
    super(message);
  }
}
