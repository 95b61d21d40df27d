/**
 * The transport contract's conformance suite (@faultline/bus/conformance) on the Kafka transport,
 * against the real broker and schema registry of deploy/local: each case with its own topic
 * prefix (so its own topics and registry subjects) and its own consumer group; 4 partitions.
 * Unbounded (the backlog lives in the broker), so the suite's capacity case checks only that the
 * transport never reports itself saturated. Dead letters are read back from `<prefix>.dead-letter`.
 */
import { randomBytes } from 'node:crypto';
import { conformance } from '@faultline/bus/conformance';
import { Kafka, logLevel } from 'kafkajs';
import { AvroCodec, KafkaTransport, topicsFor } from '../src/index.js';
import { ensureRegistry } from './helpers.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

/** The dead-letter topic's messages, read from the beginning until `expect` arrived (or 30 s passed). */
async function readDeadLetters(topic: string, expect: number) {
  const kafka = new Kafka({ clientId: 'faultline-conformance-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${topic}-reader-${randomBytes(3).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const got: { key: string; step: string; reason: string }[] = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        const h = (k: string) => String(message.headers?.[k] ?? '');
        got.push({ key: String(message.key), step: h('faultline.dlq.step'), reason: h('faultline.dlq.reason') });
        if (got.length >= expect) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return got;
}

conformance('Kafka transport', async (t, tag) => {
  const registryUrl = await ensureRegistry(t);
  const prefix = `fltest-conf-${tag}-${randomBytes(3).toString('hex')}`;
  const codec = await AvroCodec.connect(registryUrl, { prefix });
  return {
    open: () =>
      KafkaTransport.connect({
        brokers,
        codec,
        prefix,
        groupId: `${prefix}-group`,
        partitions: 4,
        clientId: 'faultline-conformance',
        heartbeatMs: 1_000,
      }),
    deadLetters: (expect) => readDeadLetters(topicsFor(prefix).deadLetter, expect),
    waitMs: 60_000,
  };
});
