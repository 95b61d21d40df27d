/**
 * Preloaded (`node --import`, through NODE_OPTIONS) into a `faultline analyzer` process by the
 * Kafka batch tests (kafka-batches.test.ts): every mark of the `faultline:hop` channel
 * (packages/bus/src/hops.ts) at the hops the tests read — a pipeline batch handed to the
 * pipeline (`consumer.handed`), stored (`consumer.stored`), a partition slice committed
 * (`kafka.committed`) — appended to FAULTLINE_TEST_MARKS as one JSON line: the hop and the
 * deliveries (topic/partition/offset) of its batch, in the order the process saw them.
 */
import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';

/** One line of the marks file. */
export interface BatchMark {
  hop: 'consumer.handed' | 'consumer.stored' | 'kafka.committed';
  /** `topic/partition/offset` of each record of the batch, in its order. */
  deliveries: string[];
}

const file = process.env.FAULTLINE_TEST_MARKS;
const HOPS: ReadonlySet<string> = new Set<BatchMark['hop']>(['consumer.handed', 'consumer.stored', 'kafka.committed']);

if (file) {
  subscribe('faultline:hop', (message) => {
    const { hop, items } = message as { hop: string; items: { topic?: string; partition?: number; offset?: string }[] };
    if (!HOPS.has(hop)) return;
    const mark: BatchMark = {
      hop: hop as BatchMark['hop'],
      deliveries: items.map((d) => `${d.topic ?? ''}/${d.partition}/${d.offset}`),
    };
    appendFileSync(file, `${JSON.stringify(mark)}\n`);
  });
}
