/**
 * The embedded bus's dead-letter log: the messages the consumer set aside (they could not be
 * decoded, were refused by validation, or were refused by the store on their own), each with
 * its reason, the step that refused it and where it came from. It is the embedded counterpart
 * of Kafka's dead-letter topic, so both transports honour one `Transport.deadLetter` contract.
 *
 * Invariants:
 * - one append-only file, `dead-letters.log` in the bus directory (created by the first dead
 *   letter), framed like the partition logs (u32 length | u32 CRC-32 | JSON, see log.ts): a
 *   torn tail left by a crash is cut off at open and never fails it;
 * - `append` resolves only once its entries are written and fsync'd; appends are serialised;
 *   the consumer appends before it commits the batch, so a crash in between appends the same
 *   message again after redelivery (at-least-once: a dead letter may appear twice, never zero
 *   times);
 * - bounded on disk: past `maxBytes` the file is renamed to `dead-letters.1.log` (replacing an
 *   older one) and a new one starts, so the log holds at most about 2 × maxBytes; every dead
 *   letter also has an `analysis_errors` row in the store, which outlives the rotation;
 * - the message value is kept as it was delivered (the envelope JSON); text that is not
 *   well-formed stays escaped by JSON, so an entry can always be written and read back.
 */
import { type FileHandle, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeEntry, scanSegment } from './log.js';
import type { DeadLetter } from './transport.js';

export const DEAD_LETTER_FILE = 'dead-letters.log';
export const DEAD_LETTER_PREVIOUS = 'dead-letters.1.log';

/** One dead letter as it is read back. */
export interface DeadLetterEntry {
  key: string;
  value: string;
  reason: string;
  step: string;
  partition: number;
  offset: number;
  /** ISO-8601 time it was set aside. */
  at: string;
  /** The message's own headers, if it had any. */
  headers?: Record<string, string>;
}

export interface DeadLetterLogOptions {
  fsync?: boolean;
  /** Size past which the log rolls to dead-letters.1.log. Default 64 MiB. */
  maxBytes?: number;
}

const REASON_HEADER = 'faultline.dlq.reason';
const STEP_HEADER = 'faultline.dlq.step';
const PARTITION_HEADER = 'faultline.dlq.partition';
const OFFSET_HEADER = 'faultline.dlq.offset';
const AT_HEADER = 'faultline.dlq.at';
const OWN = new Set([REASON_HEADER, STEP_HEADER, PARTITION_HEADER, OFFSET_HEADER, AT_HEADER]);

export class DeadLetterLog {
  private chain: Promise<void> = Promise.resolve();
  private readonly byStep = new Map<string, number>();

  private constructor(
    private readonly dir: string,
    private handle: FileHandle | undefined,
    private size: number,
    private readonly fsync: boolean,
    private readonly maxBytes: number,
  ) {}

  /** Opens (or creates) the log in `dir`, cutting off a torn tail. */
  static async open(dir: string, options: DeadLetterLogOptions = {}): Promise<DeadLetterLog> {
    const fsync = options.fsync ?? true;
    const path = join(dir, DEAD_LETTER_FILE);
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    const buf = await readFile(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (buf === undefined) return new DeadLetterLog(dir, undefined, 0, fsync, maxBytes);
    const { validBytes } = scanSegment(buf, Number.MAX_SAFE_INTEGER);
    const handle = await open(path, 'a');
    try {
      if (validBytes < buf.length) {
        await handle.truncate(validBytes);
        if (fsync) await handle.datasync();
      }
    } catch (err) {
      await handle.close();
      throw err;
    }
    return new DeadLetterLog(dir, handle, validBytes, fsync, maxBytes);
  }

  /** Appends the letters; resolves once they are durable. */
  append(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return Promise.resolve();
    const at = new Date().toISOString();
    const frames = Buffer.concat(
      letters.map(({ message, reason, step }) =>
        encodeEntry({
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [REASON_HEADER]: reason,
            [STEP_HEADER]: step,
            [PARTITION_HEADER]: String(message.partition),
            [OFFSET_HEADER]: String(message.offset),
            [AT_HEADER]: at,
          },
          publishedAt: message.publishedAt,
        }),
      ),
    );
    const done = this.chain.then(async () => {
      if (this.size > 0 && this.size + frames.length > this.maxBytes) await this.roll();
      const handle = (this.handle ??= await this.create());
      const before = this.size;
      try {
        let off = 0;
        while (off < frames.length) off += (await handle.write(frames, off, frames.length - off)).bytesWritten;
        if (this.fsync) await handle.datasync();
      } catch (err) {
        await handle.truncate(before).catch(() => undefined); // no half entry stays behind
        throw err;
      }
      this.size += frames.length;
      for (const l of letters) this.byStep.set(l.step, (this.byStep.get(l.step) ?? 0) + 1);
    });
    this.chain = done.catch(() => undefined);
    return done;
  }

  /** Letters appended by this instance since it opened, by step. */
  counts(): Map<string, number> {
    return new Map(this.byStep);
  }

  /** Every dead letter on disk, oldest first (the rolled file, then the current one). */
  read(): Promise<DeadLetterEntry[]> {
    return this.chain.then(() => readDeadLetters(this.dir));
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle?.close();
    this.handle = undefined;
  }

  /** A new, empty log file, its directory entry made durable. */
  private async create(): Promise<FileHandle> {
    const handle = await open(join(this.dir, DEAD_LETTER_FILE), 'a');
    if (this.fsync) {
      // Best effort, like the bus's own directory syncs (some platforms cannot fsync a directory).
      const d = await open(this.dir, 'r').catch(() => undefined);
      await d
        ?.sync()
        .catch(() => undefined)
        .finally(() => d.close());
    }
    return handle;
  }

  private async roll(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
    await rename(join(this.dir, DEAD_LETTER_FILE), join(this.dir, DEAD_LETTER_PREVIOUS));
    this.handle = await this.create();
    this.size = 0;
  }
}

/** Reads the dead letters of a bus directory (also while the service is stopped), oldest first. */
export async function readDeadLetters(dir: string): Promise<DeadLetterEntry[]> {
  const out: DeadLetterEntry[] = [];
  for (const name of [DEAD_LETTER_PREVIOUS, DEAD_LETTER_FILE]) {
    const buf = await readFile(join(dir, name)).catch(() => undefined);
    if (!buf) continue;
    for (const { entry } of scanSegment(buf, 0).entries) {
      const h = entry.headers ?? {};
      const own: Record<string, string> = {};
      for (const [k, v] of Object.entries(h)) if (!OWN.has(k)) own[k] = v;
      out.push({
        key: entry.key,
        value: entry.value,
        reason: h[REASON_HEADER] ?? '',
        step: h[STEP_HEADER] ?? '',
        partition: Number(h[PARTITION_HEADER] ?? -1),
        offset: Number(h[OFFSET_HEADER] ?? -1),
        at: h[AT_HEADER] ?? '',
        ...(Object.keys(own).length ? { headers: own } : {}),
      });
    }
  }
  return out;
}
