/**
 * The embedded engine (chdb is ClickHouse local, in-process) treats a non-terminal fd 0
 * as data for the INSERT it runs, and refuses the insert ("Processing async inserts with
 * both inlined and external data (from stdin or infile) is not supported"). So before the
 * engine starts, fd 0 is pointed at /dev/null; what stdin was is kept on another fd for
 * whoever wants to read it (the offline CLI's `-`).
 */
import { closeSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';

let detached = false;
let original: number | null = null;

/** A new descriptor on what fd 0 is (a pipe or a file), or null (a terminal, a socket, nothing). */
export function reopenStdin(): number | null {
  if (isatty(0)) return null;
  try {
    return openSync('/proc/self/fd/0', 'r');
  } catch {
    return null; // a socket (ENXIO) or a closed descriptor
  }
}

/** Detaches fd 0 from the engine (once). Returns a descriptor of the original stdin, or null. */
export function detachStdin(): number | null {
  if (detached) return original;
  detached = true;
  if (isatty(0)) return null;
  original = reopenStdin();
  try {
    closeSync(0);
    openSync('/dev/null', 'r'); // the lowest free descriptor: 0
  } catch {
    // fd 0 was already closed or /dev/null is missing: nothing more we can do
  }
  return original;
}
