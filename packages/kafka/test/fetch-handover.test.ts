/**
 * The Kafka transport hands the batches of every input partition of a fetch to the handler at
 * once (by default), against the real broker and registry of deploy/local: the consumer can then
 * coalesce them into whole pipeline batches, instead of seeing eight partitions at a time while
 * the rest of the fetch waits for their commits.
 */
import { randomBytes } from 'node:crypto';
import type { Delivered } from '@faultline/bus';
import { type FaultlineRecord, toMessage } from '@faultline/core';
import t from 'tap';
import { AvroCodec, KafkaTransport } from '../src/index.js';
import { episode, log, trace } from './fixtures.js';
import { ensureRegistry } from './helpers.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

t.test('every partition of a fetch is handed over at once, more than eight', async (t) => {
  const registryUrl = await ensureRegistry(t);
  const prefix = `fltest-fh-${randomBytes(3).toString('hex')}`;
  const codec = await AvroCodec.connect(registryUrl, { prefix });
  const transport = await KafkaTransport.connect({ brokers, codec, prefix, partitions: 4, clientId: 'faultline-fh-test' });
  t.teardown(() => transport.close());

  // 200 each of episodes, traces and logs under distinct keys: every one of their 3 × 4 partitions gets records.
  const at = new Date().toISOString();
  const envelopes = Array.from({ length: 200 }, (_, i) =>
    [
      { ...episode, episode_id: `fh-ep-${i}`, robot_id: `fh-robot-${i}` },
      { ...trace, trace_id: `fh-trace-${i}` },
      { ...log, log_id: `fh-log-${i}` },
    ].map((record) => ({ record: record as FaultlineRecord, org: 'acme', received_at: at })),
  ).flat();
  await transport.publish(envelopes.map(toMessage));
  const withData = new Set<string>();

  // Handler calls held open until as many partitions as hold records are in hand, or 20 s.
  const inHand = new Set<string>();
  let most = 0;
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => {
    release = r;
  });
  const timer = setTimeout(() => release(), 20_000);
  let seen = 0;
  const allSeen = new Promise<void>((resolve) => {
    transport.consume(
      async (batch: Delivered[]) => {
        const key = `${batch[0]?.topic}:${batch[0]?.partition}`;
        withData.add(key);
        inHand.add(key);
        most = Math.max(most, inHand.size);
        seen += batch.length;
        if (seen >= envelopes.length) resolve();
        if (inHand.size >= 12) release();
        await released;
        inHand.delete(key);
      },
      { maxBatch: 1000 },
    );
  });
  await released;
  clearTimeout(timer);
  await allSeen;
  t.ok(withData.size >= 12, `records on ${withData.size} partitions (12: episodes, traces and logs, 4 each)`);
  t.ok(most >= 12, `${most} partitions' batches were in hand at once (the default was 8)`);
});
