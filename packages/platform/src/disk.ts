/**
 * Disk full, told apart from other failures. A write that fails for lack of space (ENOSPC
 * from the embedded bus, "No space left on device" / NOT_ENOUGH_SPACE from ClickHouse) is a
 * 503 with Retry-After, not a 500; and while the data directory has less free space than
 * the configured minimum, or for a while after the last such failure, writes are refused
 * up front with the same 503 and /readyz answers not ready.
 *
 * Invariant: the guard never fails a request by itself when the directory cannot be
 * measured (statfs unsupported, no local data): only measured shortage or an observed
 * ENOSPC count as full.
 */
import { statfs } from 'node:fs/promises';

/** How long after an observed disk-full error writes are refused without trying. */
export const DISK_FULL_HOLD_MS = 15_000;
/** The Retry-After (seconds) of a disk-full 503. */
export const DISK_FULL_RETRY_S = 30;
const MEASURE_EVERY_MS = 1_000;

/** Whether `err` (or one of its causes) says the disk is full. */
export function isDiskFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT' || code === '243') return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /ENOSPC|EDQUOT|No space left on device|NOT_ENOUGH_SPACE|Disk quota exceeded/i.test(message)
    ) {
      return true;
    }
  }
  return false;
}

export interface DiskState {
  full: boolean;
  /** Free bytes of the data directory's filesystem, when measured. */
  freeBytes: number | null;
  reason?: string;
}

export class DiskGuard {
  private fullUntil = 0;
  private measuredAt = 0;
  private freeBytes: number | null = null;

  /** `dir`: the data directory (unset: nothing local to measure); `minFreeBytes`: 0 disables the measurement. */
  constructor(
    private readonly dir: string | undefined,
    private readonly minFreeBytes: number,
  ) {}

  /** A write failed for lack of space: refuse writes for a while. */
  noteFull(): void {
    this.fullUntil = Date.now() + DISK_FULL_HOLD_MS;
  }

  async state(): Promise<DiskState> {
    const free = await this.measure();
    if (Date.now() < this.fullUntil) return { full: true, freeBytes: free, reason: 'a write failed: no space left on device' };
    if (free !== null && this.minFreeBytes > 0 && free < this.minFreeBytes) {
      return { full: true, freeBytes: free, reason: `${free} bytes free, under FAULTLINE_MIN_FREE_BYTES (${this.minFreeBytes})` };
    }
    return { full: false, freeBytes: free };
  }

  private async measure(): Promise<number | null> {
    if (!this.dir || this.minFreeBytes <= 0) return null;
    if (Date.now() - this.measuredAt < MEASURE_EVERY_MS) return this.freeBytes;
    this.measuredAt = Date.now();
    try {
      const s = await statfs(this.dir);
      this.freeBytes = Number(s.bavail) * Number(s.bsize);
    } catch {
      this.freeBytes = null;
    }
    return this.freeBytes;
  }
}
