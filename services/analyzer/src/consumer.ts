/**
 * The analyzer role's loop: batches from the bus → the pipeline → stored; the bus commits
 * a batch's offsets only after processBatch resolved (at-least-once; idempotent writes make
 * redelivery harmless). A store failure throws, so the batch is delivered again.
 */
import type { Delivered, Transport } from '@faultline/bus';
import { fromMessage } from '@faultline/core';
import type { ItemResult, Pipeline, PipelineItem } from './pipeline.js';

export interface ConsumerOptions {
  maxBatch: number;
  /** Runs after the batch is stored and before its offsets are committed (e.g. publish findings downstream). */
  afterStore?: (results: ItemResult[], batch: Delivered[]) => Promise<void>;
  onBatch?: (size: number, ms: number) => void;
  onError?: (err: unknown) => void;
}

export function toItems(batch: Delivered[]): PipelineItem[] {
  return batch.map((d) => {
    const parsed = fromMessage(d.value);
    if (!parsed.ok) return { parseError: `${parsed.reason} (partition ${d.partition}, offset ${d.offset})` };
    const { record, org, merge } = parsed.envelope;
    return { value: record, org, ...(merge ? { merge: true } : {}) };
  });
}

export function startConsumer(transport: Transport, pipeline: Pipeline, opts: ConsumerOptions): void {
  transport.consume(
    async (batch) => {
      const t0 = performance.now();
      try {
        const results = await pipeline.processBatch(toItems(batch));
        await opts.afterStore?.(results, batch);
      } catch (err) {
        opts.onError?.(err);
        throw err;
      }
      opts.onBatch?.(batch.length, performance.now() - t0);
    },
    { maxBatch: opts.maxBatch },
  );
}
