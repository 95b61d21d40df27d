/**
 * Hop marks for tracing a record through the service (ingest → bus → analyzer → store), for
 * `node load-tests/http-ingest.js --hops`: each hop publishes the batch it handles on the
 * diagnostics channel `faultline:hop` with a wall-clock time (epoch ms, sub-millisecond). Nothing
 * is built or sent unless something subscribes (load-tests/lib/hops-preload.js does, in the
 * benchmark's service process only), so the marks cost one boolean test per batch otherwise.
 */
import { channel } from 'node:diagnostics_channel';

export interface HopMark {
  hop: string;
  /** performance.timeOrigin + performance.now(): comparable across processes of one machine. */
  at: number;
  /** The batch at this hop: envelopes, bus messages or pipeline items (the subscriber reads their ids). */
  items: readonly unknown[];
}

const hops = channel('faultline:hop');

/** Marks that `items` reached `hop` now (a no-op unless the channel has a subscriber). */
export function markHop(hop: string, items: readonly unknown[]): void {
  if (hops.hasSubscribers) hops.publish({ hop, at: performance.timeOrigin + performance.now(), items } satisfies HopMark);
}
