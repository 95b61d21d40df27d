/**
 * Where `faultline analyze` puts its temporary store (made when neither --data-dir nor
 * --clickhouse-url is given, removed after the run).
 *
 * In RAM when that is safe: ClickHouse writes a part (a directory of files) per insert and merges
 * them, and on a disk file system allocating and freeing those files cost about a tenth of the
 * CLI's CPU (100,000 records: 552-582 against 468-528 µs per record with the store on /dev/shm;
 * load-tests/README.md, twelfth landing). A temporary store is read by this run only and removed
 * after it, so nothing is lost by keeping it in memory.
 *
 * Invariants:
 * - the user's TMPDIR is always obeyed (the operating system's temporary directory, as before);
 * - RAM only for an input file of known size whose store fits four times over in both the
 *   tmpfs's free space and the memory the system has available (the store measured 0.65 times
 *   the input's bytes at 30,000 records: 23 MB for 36 MB), so a large replay never fills memory;
 *   stdin goes to the temporary directory unless its caller gives its size (`stdinBytes`: the
 *   benchmark's stream of a known input);
 * - only a real tmpfs counts (statfs type TMPFS_MAGIC): a /dev/shm that is a plain directory of
 *   the disk, or missing, or a container's 64 MiB one too small for the input, is not used.
 */
import { statfsSync, statSync } from 'node:fs';
import { freemem, tmpdir } from 'node:os';

/** Linux's tmpfs magic number (statfs(2) f_type). */
export const TMPFS_MAGIC = 0x01021994;

/** The RAM file system tried first. */
export const SHM_DIR = '/dev/shm';

/** How many times over the input's size must fit in the tmpfs's free space and in available memory. */
export const RAM_HEADROOM = 4;

export interface TempPlace {
  /** The directory the temporary store is made in. */
  dir: string;
  /** Why: "TMPDIR", "ram" (a tmpfs), or why not RAM ("stdin", "no tmpfs", "too large"). */
  reason: 'TMPDIR' | 'ram' | 'stdin' | 'no tmpfs' | 'too large';
}

export interface TempPlaceProbe {
  env: NodeJS.ProcessEnv;
  /** The input file's size in bytes (undefined: stdin). */
  inputBytes: number | undefined;
  /** statfs of the RAM directory (undefined: it does not exist or cannot be read). */
  shm: { type: number; freeBytes: number } | undefined;
  availableBytes: number;
  tmp: string;
}

/** The decision, from what was probed (pure: the tests give it any machine). */
export function choosePlace(p: TempPlaceProbe): TempPlace {
  if (p.env.TMPDIR) return { dir: p.tmp, reason: 'TMPDIR' };
  if (p.inputBytes === undefined) return { dir: p.tmp, reason: 'stdin' };
  if (!p.shm || p.shm.type !== TMPFS_MAGIC) return { dir: p.tmp, reason: 'no tmpfs' };
  const need = Math.max(1, p.inputBytes) * RAM_HEADROOM;
  if (need > p.shm.freeBytes || need > p.availableBytes) return { dir: p.tmp, reason: 'too large' };
  return { dir: SHM_DIR, reason: 'ram' };
}

/** Probes this machine for `input` ("-": stdin, of `stdinBytes` when the caller knows them) and decides. */
export function tempPlace(input: string, env: NodeJS.ProcessEnv = process.env, stdinBytes?: number): TempPlace {
  let shm: TempPlaceProbe['shm'];
  try {
    const s = statfsSync(SHM_DIR);
    shm = { type: s.type, freeBytes: s.bavail * s.bsize };
  } catch {
    shm = undefined;
  }
  let inputBytes = input === '-' ? stdinBytes : undefined;
  if (input !== '-') {
    try {
      const st = statSync(input);
      inputBytes = st.isFile() ? st.size : undefined;
    } catch {
      inputBytes = undefined;
    }
  }
  return choosePlace({ env, inputBytes, shm, availableBytes: freemem(), tmp: tmpdir() });
}
