/**
 * The analyzer role's loop: batches from the bus → the pipeline → stored; the bus commits
 * a batch's offsets only after its handler call resolved (at-least-once; idempotent writes
 * make redelivery harmless). A store failure throws, so the batch is delivered again.
 *
 * Records the pipeline marks for the dead-letter path (refused by validation, or by the store
 * on their own) are handed to `transport.deadLetter` with their reason and step, after the
 * batch is stored and before it is committed: one record never holds its partition back, and
 * none is dropped silently. A store outage fails the batch instead (delivered again).
 *
 * A transport may hand over several batches at once (Kafka: one per partition). They are
 * coalesced into one pipeline batch — and so one ClickHouse insert per table — until
 * `maxBatch` records or `maxBatchBytes` bytes are waiting or `lingerMs` has passed since the
 * first, whichever comes first; every handler call resolves (and its partition commits) once its
 * records are stored. The transport's own batches are bounded by the same two figures, so a
 * pipeline batch holds at most about maxBatchBytes plus one delivery.
 *
 * When the pipeline falls behind — a coalesced batch is already waiting while another is
 * analyzed and stored — the transport is paused (no more fetching; the calls in flight go
 * on), and resumed once that backlog is gone. Memory stays bounded by about two batches.
 */
import type { DeadLetter, Delivered, Transport } from '@faultline/bus';
import { fromMessage } from '@faultline/core';
import type { ItemResult, Pipeline, PipelineItem } from './pipeline.js';

export interface ConsumerOptions {
  maxBatch: number;
  /** Bytes (message values) per pipeline batch and per delivery; default unbounded. */
  maxBatchBytes?: number;
  /** How long the first waiting batch may wait for others to join it (0: never waits). */
  lingerMs?: number;
  /** Runs after the batch is stored and before its offsets are committed (e.g. publish findings downstream). */
  afterStore?: (results: ItemResult[], batch: Delivered[]) => Promise<void>;
  onBatch?: (size: number, ms: number) => void;
  onError?: (err: unknown) => void;
  /** Told when fetching is paused (true) or resumed (false). */
  onPause?: (paused: boolean) => void;
}

export function toItems(batch: Delivered[]): PipelineItem[] {
  return batch.map((d) => {
    const parsed = fromMessage(d.value);
    if (!parsed.ok) return { parseError: `${parsed.reason} (partition ${d.partition}, offset ${d.offset})` };
    const { record, org, merge } = parsed.envelope;
    const delivery = `${d.topic ?? ''}/${d.partition}/${d.offset}`;
    return { value: record, org, delivery, ...(merge ? { merge: true } : {}) };
  });
}

/** The messages of `batch` whose results say they leave through the dead-letter path. */
export function deadLettersOf(results: ItemResult[], batch: Delivered[]): DeadLetter[] {
  const letters: DeadLetter[] = [];
  results.forEach((r, i) => {
    const message = batch[i];
    if (r.deadLetter && message) letters.push({ message, reason: r.deadLetter.reason, step: r.deadLetter.step });
  });
  return letters;
}

interface Waiting {
  batch: Delivered[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function startConsumer(transport: Transport, pipeline: Pipeline, opts: ConsumerOptions): void {
  const linger = opts.lingerMs ?? 0;
  const maxBytes = opts.maxBatchBytes ?? Number.POSITIVE_INFINITY;
  let waiting: Waiting[] = [];
  let size = 0;
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  /** Coalesced batches handed to the pipeline chain and not finished yet. */
  let queued = 0;
  let paused = false;
  const setPaused = (p: boolean) => {
    if (p === paused || !transport.pause || !transport.resume) return;
    if (p) {
      if (!transport.pause()) return; // the transport declined: its handler wait is the backpressure
    } else transport.resume();
    paused = p;
    opts.onPause?.(p);
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const group = waiting;
    waiting = [];
    size = 0;
    bytes = 0;
    if (group.length === 0) return;
    queued += 1;
    if (queued >= 2) setPaused(true); // one being stored, another waiting: the pipeline falls behind
    // One pipeline batch at a time: the state joins see the batches in the order they came.
    running = running.then(async () => {
      const all = group.flatMap((w) => w.batch);
      const t0 = performance.now();
      try {
        const results = await pipeline.processBatch(toItems(all));
        const letters = deadLettersOf(results, all);
        if (letters.length > 0) await transport.deadLetter(letters);
        await opts.afterStore?.(results, all);
        opts.onBatch?.(all.length, performance.now() - t0);
        for (const w of group) w.resolve();
      } catch (err) {
        opts.onError?.(err);
        for (const w of group) w.reject(err);
      } finally {
        queued -= 1;
        if (queued === 0) setPaused(false);
      }
    });
  };

  transport.consume(
    (batch) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ batch, resolve, reject });
        size += batch.length;
        for (const m of batch) bytes += m.value.length;
        if (size >= opts.maxBatch || bytes >= maxBytes || linger === 0) flush();
        else timer ??= setTimeout(flush, linger);
      }),
    { maxBatch: opts.maxBatch, ...(opts.maxBatchBytes !== undefined ? { maxBatchBytes: opts.maxBatchBytes } : {}) },
  );
}
