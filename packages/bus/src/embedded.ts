/**
 * EmbeddedBus: the in-process transport of the embedded service, on local files only.
 *
 * Guarantees (the `Transport` contract):
 * - keyed and ordered per key: partition = FNV-1a(key) % partitions, one append-only log per
 *   partition, delivered in offset order; a batch interleaves partitions round-robin but keeps
 *   every partition's (hence every key's) order;
 * - durable: `publish` resolves after the entries are written and fsync'd (group commit: the
 *   publishes of one event-loop turn share one sync per touched log: on Linux the logs are
 *   opened with O_DSYNC, so a write returns once its own bytes are on disk, one call to the
 *   thread pool per log instead of a write and an fdatasync, load-tests/README.md, sixteenth
 *   landing; elsewhere each touched log is fdatasync'd after its write; an O_DSYNC write syncs
 *   only its own bytes, so the active log is fdatasync'd once at open, for whatever an earlier
 *   run left unsynced). After a crash, every
 *   entry past the committed offset is delivered again; a torn tail (partial frame, garbage,
 *   bad checksum) is cut off at open and never fails it;
 * - all-or-nothing per call: a call is accepted whole or refused whole (capacity, validation,
 *   I/O error: the logs are cut back to their size before the call). Only a crash *during* an
 *   unresolved publish can leave part of that call durable: it is then delivered (at-least-once);
 * - at-least-once: a batch's offsets are committed (offset file written to a temp file, fsync'd,
 *   renamed) only after the handler resolved; a throwing handler gets the same batch again after
 *   a backoff of 100 ms doubling to 5 s;
 * - one handler call at a time, unless the consumer asks for more (`maxInFlight`, `whenReady`):
 *   then the next batch is handed over while earlier calls run, once `whenReady` resolved; the
 *   calls that resolved in order are committed together (one offset write per partition), never
 *   past a call still running; a call that throws has its batch and every later call's delivered
 *   again, as the same batches in the same order, once every call in flight settled;
 * - bounded in records and in bytes: depth (published, not yet committed) never exceeds
 *   `capacity` messages nor `capacityBytes` bytes (framed size on disk); beyond either `publish`
 *   throws BusFullError with a retry estimate from the recent commit rate (100 ms .. 30 s). A
 *   single call larger than either bound could never succeed: RangeError;
 * - batches bounded in bytes too: a handler call gets at most `maxBatch` messages and
 *   `maxBatchBytes` bytes (a single larger message goes alone), and is told whether its batch
 *   stopped at either limit (`DeliveryInfo.full`);
 * - raw records have a lifetime: a partition's active segment rolls past `segmentBytes`
 *   (64 MiB), once everything in it is committed (checked every `sweepMs`), and once its first
 *   entry is older than `retentionMs`; a sealed segment is deleted as soon as all its entries are
 *   committed. So a committed record stays on disk about `sweepMs` after its partition caught
 *   up, and never much longer than `retentionMs` (plus the time the rest of its segment waits to
 *   be committed). An uncommitted record is kept whatever its age: it was acknowledged, so it
 *   is delivered, never dropped; a consumer that does not advance shows in `backlog()` (readiness,
 *   the stall alert). At open a fully committed partition starts a fresh empty segment. Offsets
 *   keep increasing across rotations (a segment's file name holds its base offset);
 * - progress is observable: `backlog()` gives the oldest uncommitted record's publish time and
 *   the last time the consumer advanced (its last commit, or when work arrived after none);
 * - one process per directory: a LOCK file holding the owner's pid (a lock left by a dead
 *   process is taken over);
 * - dead letters (`deadLetter`) go to the directory's own dead-letter log (dead-letters.ts).
 *
 * Memory holds the uncommitted messages (at most `capacity` of them, at most `capacityBytes`
 * bytes) so the consumer never re-reads the files while running.
 */
import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DeadLetterLog } from './dead-letters.js';
import { markHop } from './hops.js';
import {
  encodeEntry,
  isHeaders,
  offsetFileName,
  parseSegmentName,
  partitionOf,
  type StoredEntry,
  scanSegment,
  segmentName,
} from './log.js';
import {
  type BacklogHealth,
  BusFullError,
  type BusMessage,
  type ConsumeOptions,
  type DeadLetter,
  type Delivered,
  type DeliveryInfo,
  type Transport,
  type TransportStats,
} from './transport.js';

export interface EmbeddedBusOptions {
  /** Directory holding the logs, offset files and the lock; created if missing. */
  dir: string;
  /** Fixed for the life of a directory (opening with another count throws). Default 4. */
  partitions?: number;
  /** Max published-and-uncommitted messages. Default 100,000. */
  capacity?: number;
  /** Max published-and-uncommitted bytes (framed, as on disk; about what memory holds for them). Default 64 MiB. */
  capacityBytes?: number;
  /** saturated() from floor(capacity * ratio) messages or floor(capacityBytes * ratio) bytes on. Default 0.8. */
  highWaterRatio?: number;
  /** Age of a segment's first entry past which the active segment is rolled (then deleted once committed). Default 1 h. */
  retentionMs?: number;
  /** How often fully committed and over-age active segments are looked for. Default 1 s. */
  sweepMs?: number;
  /** fsync logs, offset files and the directory. Default true; false only for throwaway data. */
  fsync?: boolean;
  /** Size past which a partition's active segment is rolled. Default 64 MiB. */
  segmentBytes?: number;
}

export interface EmbeddedBusStats extends TransportStats {
  /**
   * Log files made durable by the group commits, summed: one per log a commit touched, whether by an
   * fdatasync after its write or by the write itself on a log opened O_DSYNC (then no fsync call is
   * made). Group commit makes this far smaller than the publish count. Not counted: the one
   * fdatasync per partition at open.
   */
  logSyncs: number;
  /** Bytes currently held by the partition logs. */
  diskBytes: number;
  /** Bytes of torn or corrupt log tail dropped when this instance opened. */
  tornBytesDropped: number;
  /** Segment files, all partitions. */
  segments: number;
  /** Segment files deleted by this instance because everything in them was committed. */
  segmentsDeleted: number;
}

const BACKOFF_MIN_MS = 100;
const BACKOFF_MAX_MS = 5_000;
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 30_000;
const RATE_WINDOW_MS = 10_000;
const META_FILE = 'bus.json';
const LOCK_FILE = 'LOCK';
const FORMAT = 1;

/** Directories held open by this process (the LOCK file's pid cannot tell two instances apart). */
const openDirs = new Set<string>();

interface Segment {
  base: number;
  name: string;
  size: number;
  /** Entries in the segment (exact for the active one). */
  count: number;
  /** When its first entry was published (undefined while empty). */
  firstAt: number | undefined;
}

interface Partition {
  id: number;
  /** Ascending base; the last one is active (appended to). */
  segments: Segment[];
  handle: FileHandle;
  /** `handle` was opened O_DSYNC (each write on disk when it returns); otherwise a commit fdatasyncs it. */
  synced: boolean;
  /** Offset the next published entry gets. */
  next: number;
  /** Every offset below this is committed. */
  committed: number;
  /** Uncommitted durable entries in offset order, from `head` (whose offset is `committed`). */
  queue: Delivered[];
  /** Framed size of each entry of `queue` (same indexes). */
  sizes: number[];
  head: number;
  /** Every offset below this was handed to the consumer (committed <= taken <= next). */
  taken: number;
}

/** A handler call in flight (consumer loop). */
/** A batch as taken: its messages, and whether it stopped at `maxBatch` or `maxBatchBytes`. */
interface Taken {
  batch: Delivered[];
  full: boolean;
}

interface Call extends Taken {
  outcome: 'running' | 'ok' | 'failed';
  settled: Promise<void>;
}

interface PendingPublish {
  items: { partition: number; frame: Buffer; entry: StoredEntry }[];
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class EmbeddedBus implements Transport {
  private readonly dir: string;
  private readonly parts: Partition[];
  private readonly capacity: number;
  private readonly highWater: number;
  private readonly capacityBytes: number;
  private readonly highWaterBytes: number;
  private readonly retentionMs: number;
  private readonly fsync: boolean;
  private readonly segmentBytes: number;
  private readonly lockKey: string;
  private readonly tornBytesDropped: number;
  private readonly deadLetters: DeadLetterLog;

  /** Durable, uncommitted (in the queues). */
  private queued = 0;
  private queuedBytes = 0;
  /** Accepted by publish, not yet durable. */
  private reserved = 0;
  private reservedBytes = 0;
  /** The consumer's last commit, or when work arrived after there was none, or the open (work left from before waits from then). */
  private progressAt = Date.now();
  private segmentsDeleted = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private published = 0;
  private committedCount = 0;
  private backpressureEvents = 0;
  private redelivered = 0;
  private logSyncs = 0;

  /** Serialises every change to the log files: flushes, rolls, deletions. */
  private chain: Promise<void> = Promise.resolve();
  private pending: PendingPublish[] = [];
  private flushQueued = false;
  private compactQueued = false;
  /** Set when a failed write could not be undone: the files no longer match memory. */
  private broken: Error | undefined;

  private consuming = false;
  private consumeStartedAt = 0;
  private loopDone: Promise<void> = Promise.resolve();
  private rr = 0;
  private wake: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private sleepDone: (() => void) | undefined;
  private commits: { at: number; n: number; bytes: number }[] = [];

  private closing = false;
  private closed: Promise<void> | undefined;

  private constructor(init: {
    dir: string;
    parts: Partition[];
    capacity: number;
    highWater: number;
    capacityBytes: number;
    highWaterBytes: number;
    retentionMs: number;
    sweepMs: number;
    fsync: boolean;
    segmentBytes: number;
    lockKey: string;
    tornBytesDropped: number;
    deadLetters: DeadLetterLog;
  }) {
    this.dir = init.dir;
    this.parts = init.parts;
    this.capacity = init.capacity;
    this.highWater = init.highWater;
    this.capacityBytes = init.capacityBytes;
    this.highWaterBytes = init.highWaterBytes;
    this.retentionMs = init.retentionMs;
    this.fsync = init.fsync;
    this.segmentBytes = init.segmentBytes;
    this.lockKey = init.lockKey;
    this.tornBytesDropped = init.tornBytesDropped;
    this.deadLetters = init.deadLetters;
    for (const p of init.parts) {
      this.queued += p.queue.length;
      for (const b of p.sizes) this.queuedBytes += b;
    }
    this.sweepTimer = setInterval(() => this.sweep(), init.sweepMs);
    this.sweepTimer.unref();
  }

  static async open(options: EmbeddedBusOptions): Promise<EmbeddedBus> {
    const {
      dir,
      partitions = 4,
      capacity = 100_000,
      capacityBytes = 64 * 1024 * 1024,
      highWaterRatio = 0.8,
      retentionMs = 60 * 60 * 1000,
      sweepMs = 1_000,
      fsync = true,
      segmentBytes = 64 * 1024 * 1024,
    } = options;
    if (typeof dir !== 'string' || dir === '') throw new TypeError('EmbeddedBus: dir must be a non-empty path');
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 4096)
      throw new RangeError(`EmbeddedBus: partitions must be an integer from 1 to 4096, got ${partitions}`);
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`EmbeddedBus: capacity must be a positive integer, got ${capacity}`);
    if (!Number.isSafeInteger(capacityBytes) || capacityBytes < 1)
      throw new RangeError(`EmbeddedBus: capacityBytes must be a positive integer, got ${capacityBytes}`);
    if (!(Number.isFinite(retentionMs) && retentionMs > 0))
      throw new RangeError(`EmbeddedBus: retentionMs must be a positive number, got ${retentionMs}`);
    if (!(Number.isFinite(sweepMs) && sweepMs > 0))
      throw new RangeError(`EmbeddedBus: sweepMs must be a positive number, got ${sweepMs}`);
    if (!(highWaterRatio > 0 && highWaterRatio <= 1))
      throw new RangeError(`EmbeddedBus: highWaterRatio must be in (0, 1], got ${highWaterRatio}`);
    if (!Number.isInteger(segmentBytes) || segmentBytes < 1)
      throw new RangeError(`EmbeddedBus: segmentBytes must be a positive integer, got ${segmentBytes}`);

    await mkdir(dir, { recursive: true });
    const lockKey = await acquireLock(dir);
    try {
      await checkMeta(dir, partitions, fsync);
      const deadLetters = await DeadLetterLog.open(dir, { fsync });
      const { parts, tornBytes } = await recover(dir, partitions, fsync).catch(async (err) => {
        await deadLetters.close();
        throw err;
      });
      return new EmbeddedBus({
        dir,
        parts,
        capacity,
        highWater: Math.max(1, Math.floor(capacity * highWaterRatio)),
        capacityBytes,
        highWaterBytes: Math.max(1, Math.floor(capacityBytes * highWaterRatio)),
        retentionMs,
        sweepMs,
        fsync,
        segmentBytes,
        lockKey,
        tornBytesDropped: tornBytes,
        deadLetters,
      });
    } catch (err) {
      await releaseLock(dir, lockKey);
      throw err;
    }
  }

  /**
   * Resolves once every message is durable; all-or-nothing. Rejects with BusFullError when
   * depth + messages.length > capacity or depthBytes + the call's bytes > capacityBytes, with
   * RangeError when the call alone exceeds either (it could never succeed), with TypeError on a
   * malformed message, and once closed.
   */
  async publish(messages: BusMessage[]): Promise<void> {
    if (this.closing) throw new Error('EmbeddedBus: publish after close()');
    if (this.broken) throw this.broken;
    if (!Array.isArray(messages)) throw new TypeError('EmbeddedBus: publish takes an array of messages');
    const n = messages.length;
    if (n === 0) return;
    messages.forEach(validateMessage);
    if (n > this.capacity)
      throw new RangeError(`EmbeddedBus: a publish of ${n} messages exceeds the capacity ${this.capacity}; split it`);
    const depth = this.depth();
    if (depth + n > this.capacity) {
      this.backpressureEvents++;
      throw new BusFullError(this.retryAfterMs(depth + n - this.capacity, 'n'), depth, this.capacity, n);
    }
    const publishedAt = Date.now();
    const items = messages.map((m) => {
      const entry: StoredEntry = { key: m.key, value: m.value, publishedAt };
      if (m.headers !== undefined) entry.headers = { ...m.headers };
      return { partition: partitionOf(m.key, this.parts.length), frame: encodeEntry(entry), entry };
    });
    let bytes = 0;
    for (const item of items) bytes += item.frame.length;
    if (bytes > this.capacityBytes)
      throw new RangeError(`EmbeddedBus: a publish of ${bytes} bytes exceeds the byte budget ${this.capacityBytes}; split it`);
    const depthBytes = this.depthBytes();
    if (depthBytes + bytes > this.capacityBytes) {
      this.backpressureEvents++;
      throw new BusFullError(
        this.retryAfterMs(depthBytes + bytes - this.capacityBytes, 'bytes'),
        depthBytes,
        this.capacityBytes,
        bytes,
        'bytes',
      );
    }
    this.reserved += n;
    this.reservedBytes += bytes;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ items, bytes, resolve, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        // One event-loop turn of publishes (more while a flush is running) share one fsync per file.
        this.enqueue(() => new Promise<void>((r) => setImmediate(r)).then(() => this.flush()));
      }
    });
  }

  consume(handler: (batch: Delivered[], info?: DeliveryInfo) => Promise<void>, options: ConsumeOptions): void {
    if (this.closing) throw new Error('EmbeddedBus: consume after close()');
    if (this.consuming) throw new Error('EmbeddedBus: consume() was already called; one consumer loop per bus');
    if (typeof handler !== 'function') throw new TypeError('EmbeddedBus: consume needs a handler function');
    const maxBatch = options?.maxBatch;
    if (!Number.isInteger(maxBatch) || maxBatch < 1)
      throw new RangeError(`EmbeddedBus: maxBatch must be a positive integer, got ${maxBatch}`);
    const maxBatchBytes = options.maxBatchBytes ?? Number.POSITIVE_INFINITY;
    if (!(maxBatchBytes >= 1)) throw new RangeError(`EmbeddedBus: maxBatchBytes must be at least 1, got ${maxBatchBytes}`);
    const maxInFlight = options.maxInFlight ?? 1;
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
      throw new RangeError(`EmbeddedBus: maxInFlight must be a positive integer, got ${maxInFlight}`);
    this.consuming = true;
    this.consumeStartedAt = Date.now();
    this.loopDone = this.loop(handler, { maxBatch, maxBatchBytes, maxInFlight, whenReady: options.whenReady });
  }

  /** Appends to the directory's dead-letter log (dead-letters.ts); resolves once fsync'd. */
  deadLetter(letters: DeadLetter[]): Promise<void> {
    return this.deadLetters.append(letters);
  }

  deadLetterCounts(): Map<string, number> {
    return this.deadLetters.counts();
  }

  saturated(): boolean {
    return this.depth() >= this.highWater || this.depthBytes() >= this.highWaterBytes;
  }

  backlog(): BacklogHealth {
    let oldest: number | undefined;
    for (const p of this.parts) {
      const head = p.queue[p.head];
      if (head !== undefined && (oldest === undefined || head.publishedAt < oldest)) oldest = head.publishedAt;
    }
    return { waiting: this.queued, oldestWaitingAt: oldest, progressAt: this.progressAt };
  }

  stats(): EmbeddedBusStats {
    let diskBytes = 0;
    let segments = 0;
    for (const p of this.parts)
      for (const s of p.segments) {
        diskBytes += s.size;
        segments++;
      }
    return {
      depth: this.depth(),
      capacity: this.capacity,
      highWater: this.highWater,
      depthBytes: this.depthBytes(),
      capacityBytes: this.capacityBytes,
      highWaterBytes: this.highWaterBytes,
      partitions: this.parts.length,
      published: this.published,
      committed: this.committedCount,
      backpressureEvents: this.backpressureEvents,
      redelivered: this.redelivered,
      logSyncs: this.logSyncs,
      diskBytes,
      tornBytesDropped: this.tornBytesDropped,
      segments,
      segmentsDeleted: this.segmentsDeleted,
    };
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  // ---- consumer -------------------------------------------------------------------------

  /**
   * Hands batches to the handler (at most `maxInFlight` calls outstanding, a further call only once
   * `whenReady` resolved), commits the calls that resolved in call order, and after a failure
   * delivers the failed call's batch and every later one again, in order, after a backoff.
   */
  private async loop(
    handler: (batch: Delivered[], info?: DeliveryInfo) => Promise<void>,
    opts: { maxBatch: number; maxBatchBytes: number; maxInFlight: number; whenReady: (() => Promise<void>) | undefined },
  ): Promise<void> {
    const { maxInFlight, whenReady } = opts;
    let backoff = BACKOFF_MIN_MS;
    const calls: Call[] = [];
    /** Batches to deliver again, in order, before any new message. */
    let retry: Taken[] = [];
    /** `whenReady` resolved since the last call (a further call may be made). */
    let ready = false;
    let asked: Promise<void> | undefined;
    const call = ({ batch, full }: Taken) => {
      markHop('bus.delivered', batch);
      const c: Call = { batch, full, outcome: 'running', settled: Promise.resolve() };
      // Called now (a consumer sees the call before the loop asks it whether it is ready again).
      // Copies: a handler that edits its messages does not change what a redelivery sees.
      let running: Promise<void>;
      try {
        running = Promise.resolve(
          handler(
            batch.map((m) => ({ ...m })),
            { full },
          ),
        );
      } catch (err) {
        running = Promise.reject(err);
      }
      c.settled = running.then(
        () => {
          c.outcome = 'ok';
        },
        () => {
          c.outcome = 'failed'; // the contract: log nothing, redeliver
        },
      );
      calls.push(c);
      ready = false;
      asked = undefined;
    };
    for (;;) {
      // Commit the calls that resolved, in call order.
      let done = 0;
      while (done < calls.length && calls[done]!.outcome === 'ok') done++;
      if (done > 0) {
        const committed = calls.splice(0, done);
        if (await this.commitCalls(committed)) backoff = BACKOFF_MIN_MS;
        else {
          // Offsets not durable: those batches count as not done and come again (first).
          for (const c of committed) c.outcome = 'failed';
          calls.unshift(...committed);
        }
        continue;
      }
      // The first call failed: let every call in flight settle, then deliver them all again.
      if (calls[0]?.outcome === 'failed') {
        await Promise.all(calls.map((c) => c.settled));
        retry = [...calls.map(({ batch, full }) => ({ batch, full })), ...retry];
        calls.length = 0;
        if (this.closing) break; // stays uncommitted: delivered again after the next open
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
        continue;
      }
      if (this.closing && calls.length === 0) break;
      // Hand over the next batch when allowed: none in flight, or fewer than maxInFlight and the
      // consumer ready, and no call failed (what follows a failure is delivered again anyway).
      if (calls.length > 0 && whenReady && !ready && asked === undefined) {
        const r: Promise<void> = whenReady()
          .catch(() => undefined)
          .then(() => {
            if (asked === r) ready = true;
          });
        asked = r;
      }
      const mayCall =
        !this.closing &&
        (calls.length === 0 ||
          (calls.length < maxInFlight && (ready || !whenReady) && calls.every((c) => c.outcome !== 'failed')));
      if (mayCall) {
        const again = retry.shift();
        if (again !== undefined) {
          this.redelivered += again.batch.length;
          call(again);
          continue;
        }
        const taken = this.takeBatch(opts.maxBatch, opts.maxBatchBytes);
        if (taken.batch.length > 0) {
          call(taken);
          continue;
        }
      }
      // Wait for new messages, the first call to settle, readiness, or close.
      await new Promise<void>((r) => {
        this.wake = r;
        void calls[0]?.settled.then(r);
        if (!ready) void asked?.then(r);
      });
      this.wake = undefined;
    }
  }

  /** Commits the batches of calls that resolved (in call order); false when the offsets could not be made durable. */
  private async commitCalls(done: Call[]): Promise<boolean> {
    try {
      await this.commit(done.length === 1 ? done[0]!.batch : done.flatMap((c) => c.batch));
    } catch {
      return false;
    }
    for (const c of done) markHop('bus.committed', c.batch);
    return true;
  }

  /**
   * Up to max messages and maxBytes bytes (at least one message) after those already handed over,
   * one partition at a time round-robin, each partition in offset order; `full` when it stopped at
   * either limit (max messages, or a message waiting that would have taken it past maxBytes).
   */
  private takeBatch(max: number, maxBytes: number): Taken {
    const batch: Delivered[] = [];
    const count = this.parts.length;
    // A partition's next message to hand over: queue[head] holds offset `committed`.
    const cursors = this.parts.map((p) => p.head + (p.taken - p.committed));
    const start = this.rr;
    this.rr = (this.rr + 1) % count;
    let bytes = 0;
    let full = false;
    let progressed = true;
    while (batch.length < max && progressed && !full) {
      progressed = false;
      for (let i = 0; i < count && batch.length < max; i++) {
        const idx = (start + i) % count;
        const part = this.parts[idx]!;
        const c = cursors[idx]!;
        if (c < part.queue.length) {
          const size = part.sizes[c]!;
          if (batch.length > 0 && bytes + size > maxBytes) {
            full = true;
            break;
          }
          batch.push(part.queue[c]!);
          bytes += size;
          cursors[idx] = c + 1;
          part.taken++;
          progressed = true;
        }
      }
    }
    return { batch, full: full || batch.length >= max };
  }

  private async commit(batch: Delivered[]): Promise<void> {
    const upTo = new Map<number, number>();
    for (const m of batch) upTo.set(m.partition, Math.max(upTo.get(m.partition) ?? 0, m.offset + 1));
    await Promise.all(
      [...upTo].map(([p, committed]) =>
        writeAtomic(this.dir, offsetFileName(p), `${JSON.stringify({ committed })}\n`, this.fsync),
      ),
    );
    if (this.fsync) await syncDir(this.dir);
    let n = 0;
    let bytes = 0;
    let compact = false;
    for (const [p, committed] of upTo) {
      const part = this.parts[p]!;
      part.committed = committed;
      while (part.head < part.queue.length && part.queue[part.head]!.offset < committed) {
        bytes += part.sizes[part.head]!;
        part.head++;
        n++;
      }
      if (part.head > 1024 && part.head * 2 > part.queue.length) {
        part.queue = part.queue.slice(part.head);
        part.sizes = part.sizes.slice(part.head);
        part.head = 0;
      }
      compact ||= this.needsCompaction(part, false);
    }
    this.queued -= n;
    this.queuedBytes -= bytes;
    this.committedCount += n;
    const now = Date.now();
    this.progressAt = now;
    this.commits.push({ at: now, n, bytes });
    while (this.commits.length > 0 && this.commits[0]!.at < now - RATE_WINDOW_MS) this.commits.shift();
    if (compact && !this.compactQueued) {
      this.compactQueued = true;
      this.enqueue(() => this.compact());
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((r) => {
      this.sleepDone = r;
      this.sleepTimer = setTimeout(r, ms);
    }).finally(() => {
      this.sleepTimer = undefined;
      this.sleepDone = undefined;
    });
  }

  // ---- publishing -----------------------------------------------------------------------

  private depth(): number {
    return this.queued + this.reserved;
  }

  private depthBytes(): number {
    return this.queuedBytes + this.reservedBytes;
  }

  /** When `excess` messages ('n') or bytes will have been consumed at the recent commit rate. */
  private retryAfterMs(excess: number, unit: 'n' | 'bytes'): number {
    const now = Date.now();
    let n = 0;
    for (const c of this.commits) if (c.at >= now - RATE_WINDOW_MS) n += c[unit];
    if (n === 0) return 1_000; // nothing consumed lately: no rate to go by
    const elapsed = Math.max(now - Math.max(now - RATE_WINDOW_MS, this.consumeStartedAt), 1);
    const ms = Math.ceil((excess * elapsed) / n);
    return Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, ms));
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch(() => {});
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let total = 0;
    let totalBytes = 0;
    for (const pub of group) {
      total += pub.items.length;
      totalBytes += pub.bytes;
    }
    const fail = (err: unknown) => {
      this.reserved -= total;
      this.reservedBytes -= totalBytes;
      for (const pub of group) pub.reject(err);
    };
    if (this.broken) return fail(this.broken);

    const frames = new Map<Partition, Buffer[]>();
    for (const pub of group)
      for (const item of pub.items) {
        const part = this.parts[item.partition]!;
        let list = frames.get(part);
        if (list === undefined) frames.set(part, (list = []));
        list.push(item.frame);
      }
    const touched = [...frames.keys()];
    const sizeBefore = new Map<Partition, number>();
    try {
      const now = Date.now();
      for (const part of touched) {
        const active = part.segments.at(-1)!;
        if (active.count > 0 && (active.size >= this.segmentBytes || this.overAge(active, now))) await this.roll(part);
        sizeBefore.set(part, part.segments.at(-1)!.size);
      }
      const written = await Promise.allSettled(touched.map((part) => writeAll(part.handle, Buffer.concat(frames.get(part)!))));
      throwFirst(written);
      if (this.fsync) {
        // A log opened O_DSYNC is on disk once its write returned; any other touched log is synced now.
        const synced = await Promise.allSettled(touched.filter((part) => !part.synced).map((part) => part.handle.datasync()));
        this.logSyncs += touched.length;
        throwFirst(synced);
      }
    } catch (err) {
      // Undo the group: no publish of it resolved, none of it may be delivered.
      const undone = await Promise.allSettled(
        [...sizeBefore].map(async ([part, size]) => {
          await part.handle.truncate(size);
          if (this.fsync) await part.handle.datasync();
        }),
      );
      if (undone.some((r) => r.status === 'rejected'))
        this.broken = new Error(`EmbeddedBus: a failed log write could not be undone; reopen the bus (${String(err)})`);
      return fail(err);
    }

    for (const part of touched) {
      const active = part.segments.at(-1)!;
      for (const frame of frames.get(part)!) active.size += frame.length;
    }
    if (this.queued === 0) this.progressAt = Date.now(); // work waits from now on
    for (const pub of group)
      for (const { partition, entry, frame } of pub.items) {
        const part = this.parts[partition]!;
        part.queue.push(delivered(partition, part.next++, entry));
        part.sizes.push(frame.length);
        const active = part.segments.at(-1)!;
        if (active.count === 0) active.firstAt = entry.publishedAt;
        active.count++;
      }
    this.reserved -= total;
    this.reservedBytes -= totalBytes;
    this.queued += total;
    this.queuedBytes += totalBytes;
    this.published += total;
    for (const pub of group) pub.resolve();
    this.wake?.();
  }

  // ---- compaction -----------------------------------------------------------------------

  private overAge(seg: Segment, now: number): boolean {
    return seg.firstAt !== undefined && now - seg.firstAt >= this.retentionMs;
  }

  /**
   * Whether the partition has a segment to delete (a sealed one fully committed) or an active one
   * to roll: full and committed, or (on the sweep) committed or over age.
   */
  private needsCompaction(part: Partition, sweep: boolean): boolean {
    return (
      this.rollReason(part, sweep, Date.now()) !== undefined ||
      (part.segments[1]?.base ?? Number.POSITIVE_INFINITY) <= part.committed
    );
  }

  private rollReason(part: Partition, sweep: boolean, now: number): 'full' | 'committed' | 'age' | undefined {
    const active = part.segments.at(-1)!;
    if (active.count === 0) return undefined;
    const committed = part.committed === part.next;
    if (committed && active.size >= this.segmentBytes) return 'full';
    if (!sweep) return undefined;
    if (committed) return 'committed';
    return this.overAge(active, now) ? 'age' : undefined;
  }

  /** Every sweepMs: roll what is committed or over age, delete what is committed. */
  private sweep(): void {
    if (this.closing || this.compactQueued || this.broken) return;
    if (!this.parts.some((p) => this.needsCompaction(p, true))) return;
    this.compactQueued = true;
    this.enqueue(() => this.compact(true));
  }

  private async compact(sweep = false): Promise<void> {
    this.compactQueued = false;
    const now = Date.now();
    for (const part of this.parts) {
      if (this.rollReason(part, sweep, now) !== undefined) await this.roll(part);
      while (part.segments.length > 1 && part.segments[1]!.base <= part.committed) {
        const old = part.segments.shift()!;
        await rm(join(this.dir, old.name), { force: true });
        this.segmentsDeleted++;
      }
    }
  }

  /** Starts a new empty active segment at the partition's next offset. */
  private async roll(part: Partition): Promise<void> {
    const seg: Segment = { base: part.next, name: segmentName(part.id, part.next), size: 0, count: 0, firstAt: undefined };
    const { handle, synced } = await openLog(join(this.dir, seg.name), 'wx', this.fsync);
    try {
      if (this.fsync) await syncDir(this.dir);
    } catch (err) {
      await handle.close();
      await rm(join(this.dir, seg.name), { force: true });
      throw err;
    }
    const old = part.handle;
    part.handle = handle;
    part.synced = synced;
    part.segments.push(seg);
    await old.close();
  }

  // ---- close ----------------------------------------------------------------------------

  private async shutdown(): Promise<void> {
    this.closing = true;
    if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
    this.wake?.();
    if (this.sleepTimer !== undefined) clearTimeout(this.sleepTimer);
    this.sleepDone?.();
    await this.loopDone; // the handler calls in flight and their commits
    let c: Promise<void>;
    do {
      c = this.chain;
      await c; // publishes accepted before close, compaction
    } while (c !== this.chain);
    await Promise.allSettled(this.parts.map((p) => p.handle.close()));
    await this.deadLetters.close().catch(() => undefined);
    await releaseLock(this.dir, this.lockKey);
  }
}

// ---- helpers ----------------------------------------------------------------------------

function validateMessage(m: BusMessage, i: number): void {
  if (typeof m !== 'object' || m === null) throw new TypeError(`EmbeddedBus: message ${i} is not an object`);
  if (typeof m.key !== 'string') throw new TypeError(`EmbeddedBus: message ${i}: key must be a string`);
  if (typeof m.value !== 'string') throw new TypeError(`EmbeddedBus: message ${i}: value must be a string`);
  if (m.headers !== undefined && !isHeaders(m.headers))
    throw new TypeError(`EmbeddedBus: message ${i}: headers must map names to strings`);
}

function delivered(partition: number, offset: number, e: StoredEntry): Delivered {
  const d: Delivered = { key: e.key, value: e.value, partition, offset, publishedAt: e.publishedAt };
  if (e.headers !== undefined) d.headers = e.headers;
  return d;
}

function throwFirst(results: PromiseSettledResult<unknown>[]): void {
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

/**
 * Whether the partition logs are opened O_DSYNC on `platform` (whose fs.constants.O_DSYNC is
 * `oDsync`): on Linux only. There an O_DSYNC write returns once its own bytes (and the metadata
 * needed to read them back) are on disk, as that write followed by an fdatasync would, but it
 * syncs only that write's range: bytes already dirty in the file stay dirty (hence the fdatasync
 * at open). On macOS `FileHandle.datasync()` is libuv's F_FULLFSYNC (the drive's cache flushed),
 * which O_DSYNC is not; Windows has no such flag: everywhere but Linux a commit fdatasyncs each
 * touched log after its write.
 */
export function syncedWrites(platform: string, oDsync: number | undefined): boolean {
  return platform === 'linux' && typeof oDsync === 'number' && oDsync > 0;
}

export const SYNCED_WRITES: boolean = syncedWrites(process.platform, constants.O_DSYNC);

/** Opens a partition log, O_DSYNC when `fsync` on a platform that writes synchronized; says which. */
async function openLog(path: string, mode: 'a' | 'wx', fsync: boolean): Promise<{ handle: FileHandle; synced: boolean }> {
  const synced = fsync && SYNCED_WRITES;
  return { handle: await open(path, logFlags(mode, synced)), synced };
}

/** The open flags of a partition log: `'a'` (append, at open) or `'wx'` (a new segment), with O_DSYNC when `synced`. */
export function logFlags(mode: 'a' | 'wx', synced: boolean): string | number {
  if (!synced) return mode;
  const base =
    mode === 'a'
      ? constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND
      : constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  return base | constants.O_DSYNC;
}

async function writeAll(handle: FileHandle, buf: Buffer): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    const { bytesWritten } = await handle.write(buf, off, buf.length - off);
    off += bytesWritten;
  }
}

async function syncDir(dir: string): Promise<void> {
  let h: FileHandle | undefined;
  try {
    h = await open(dir, 'r');
    await h.sync();
  } catch (err) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw err;
  } finally {
    await h?.close();
  }
}

/** Write to a temp file, fsync, rename over the target: readers see the old or the new content, never a mix. */
async function writeAtomic(dir: string, name: string, data: string, fsync: boolean): Promise<void> {
  const tmp = join(dir, `${name}.tmp`);
  const h = await open(tmp, 'w');
  try {
    await h.writeFile(data, 'utf8');
    if (fsync) await h.datasync();
  } finally {
    await h.close();
  }
  await rename(tmp, join(dir, name));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquireLock(dir: string): Promise<string> {
  const key = resolve(dir);
  if (openDirs.has(key)) throw new Error(`EmbeddedBus: ${dir} is already open in this process`);
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
      openDirs.add(key);
      return key;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid))
      throw new Error(`EmbeddedBus: ${dir} is in use by process ${pid}`);
    await rm(path, { force: true }); // left by a process that died
  }
  throw new Error(`EmbeddedBus: could not lock ${dir}`);
}

async function releaseLock(dir: string, key: string): Promise<void> {
  openDirs.delete(key);
  await rm(join(dir, LOCK_FILE), { force: true });
}

async function checkMeta(dir: string, partitions: number, fsync: boolean): Promise<void> {
  let meta: { partitions?: unknown } | undefined;
  try {
    meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
  }
  if (meta !== undefined && meta.partitions !== partitions)
    throw new Error(
      `EmbeddedBus: ${dir} was created with ${String(meta.partitions)} partitions, opened with ${partitions}; ` +
        'keys would change partition and lose their order (use the original count or a new directory)',
    );
  if (meta === undefined) {
    await writeAtomic(dir, META_FILE, `${JSON.stringify({ format: FORMAT, partitions })}\n`, fsync);
    if (fsync) await syncDir(dir);
  }
}

async function readCommitted(dir: string, partition: number): Promise<number | undefined> {
  try {
    const v = JSON.parse(await readFile(join(dir, offsetFileName(partition)), 'utf8')).committed;
    return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
  } catch {
    return undefined; // missing or unreadable: redeliver what the logs hold rather than skip it
  }
}

/** Reads every partition back: committed offsets, uncommitted entries, torn tails cut off, compaction. */
async function recover(dir: string, partitions: number, fsync: boolean): Promise<{ parts: Partition[]; tornBytes: number }> {
  const names = await readdir(dir);
  const byPartition = new Map<number, { base: number; name: string }[]>();
  for (const name of names) {
    if (name.endsWith('.tmp')) {
      await rm(join(dir, name), { force: true });
      continue;
    }
    const seg = parseSegmentName(name);
    if (seg === undefined || seg.partition >= partitions) continue;
    let list = byPartition.get(seg.partition);
    if (list === undefined) byPartition.set(seg.partition, (list = []));
    list.push({ base: seg.base, name });
  }

  let tornBytes = 0;
  const parts: Partition[] = [];
  try {
    for (let p = 0; p < partitions; p++) {
      const found = (byPartition.get(p) ?? []).sort((a, b) => a.base - b.base);
      let committed = await readCommitted(dir, p);
      const firstBase = found[0]?.base ?? committed ?? 0;
      if (committed === undefined || committed < firstBase) committed = firstBase;

      const segments: Segment[] = [];
      const toDelete: string[] = [];
      const queue: Delivered[] = [];
      const sizes: number[] = [];
      for (let i = 0; i < found.length; i++) {
        const { base, name } = found[i]!;
        const nextBase = found[i + 1]?.base;
        if (nextBase !== undefined && nextBase <= committed) {
          toDelete.push(name); // fully committed, not active
          continue;
        }
        const path = join(dir, name);
        const buf = await readFile(path);
        const scan = scanSegment(buf, Math.max(0, committed - base));
        const count = nextBase === undefined ? scan.count : Math.min(scan.count, nextBase - base);
        let size = buf.length;
        if (scan.validBytes < buf.length) {
          tornBytes += buf.length - scan.validBytes;
          if (nextBase === undefined) {
            // The active segment's torn tail: cut it so new appends follow the last whole entry.
            const h = await open(path, 'r+');
            try {
              await h.truncate(scan.validBytes);
              if (fsync) await h.datasync();
            } finally {
              await h.close();
            }
            size = scan.validBytes;
          }
        }
        for (const { index, entry, bytes } of scan.entries)
          if (index < count) {
            queue.push(delivered(p, base + index, entry));
            sizes.push(bytes);
          }
        segments.push({ base, name, size, count, firstAt: count > 0 ? scan.firstPublishedAt : undefined });
      }

      let active = segments.at(-1);
      let next = active === undefined ? committed : active.base + active.count;
      // Start a fresh empty segment when the partition has none, when everything is committed
      // (open-time compaction), or when the offset file is ahead of a log lost without fsync.
      const fresh =
        active === undefined || (committed >= next && (active.size > 0 || segments.length > 1 || active.base !== committed));
      if (fresh) {
        next = Math.max(next, committed);
        queue.length = 0;
        sizes.length = 0;
        const name = segmentName(p, next);
        await writeFile(join(dir, name), '', { flag: 'w' });
        for (const s of segments) if (s.name !== name) toDelete.push(s.name);
        segments.length = 0;
        active = { base: next, name, size: 0, count: 0, firstAt: undefined };
        segments.push(active);
        if (fsync) await syncDir(dir); // the new segment exists before the old ones go
      }
      for (const name of toDelete) await rm(join(dir, name), { force: true });

      const { handle, synced } = await openLog(join(dir, active!.name), 'a', fsync);
      parts.push({ id: p, segments, handle, synced, next, committed, queue, sizes, head: 0, taken: committed });
      // An O_DSYNC write (and the commits' fdatasync elsewhere, until the first) leaves bytes the log
      // already held unsynced: a directory last used with fsync off, or a crash between a write and
      // its fdatasync. Sync them before anything of this log is delivered or a publish resolves.
      if (fsync) await handle.datasync();
    }
  } catch (err) {
    await Promise.allSettled(parts.map((part) => part.handle.close()));
    throw err;
  }
  return { parts, tornBytes };
}
