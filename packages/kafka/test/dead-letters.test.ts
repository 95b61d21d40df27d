/**
 * The Transport contract's dead-letter path on the Kafka transport, against the real broker
 * and registry of deploy/local: what the consumer sets aside (refused by validation or by the
 * store) reaches `<prefix>.dead-letter` as delivered, with the reason (well-formed, cut to
 * 1,000 characters without splitting a character), the step and the source topic, partition
 * and offset in headers, and is counted by step.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import t from 'tap';
import { AvroCodec, KafkaTransport } from '../src/index.js';
import { ensureRegistry } from './helpers.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

t.test('deadLetter sends the message with its reason, step and origin, and counts it', async (t) => {
  const registryUrl = await ensureRegistry(t);
  const prefix = `fltest-dl-${randomBytes(3).toString('hex')}`;
  const codec = await AvroCodec.connect(registryUrl, { prefix });
  const transport = await KafkaTransport.connect({ brokers, codec, prefix, partitions: 1, clientId: 'faultline-dl-test' });
  t.teardown(() => transport.close());

  const envelope = JSON.stringify({ record: { kind: 'log', log_id: 'poison', logs: 'boom \uD800' }, org: 'acme' });
  const longReason = `the store refused the record: ${'x'.repeat(969)}\u{1F4A5} and a lone \uD800`;
  await transport.deadLetter([
    {
      message: {
        key: 'poison',
        value: envelope,
        topic: transport.topics.log,
        partition: 3,
        offset: 42,
        publishedAt: Date.now(),
        headers: { org: 'acme' },
      },
      reason: longReason,
      step: 'store',
    },
  ]);
  t.same(Object.fromEntries(transport.deadLetterCounts()), { store: 1 }, 'counted by step');

  const kafka = new Kafka({ clientId: 'faultline-dl-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `${prefix}-reader` });
  t.teardown(() => consumer.disconnect());
  await consumer.connect();
  await consumer.subscribe({ topics: [transport.topics.deadLetter], fromBeginning: true });
  const got = await new Promise<{ key: string; value: string; headers: Record<string, string> }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no dead letter within 30 s')), 30_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        clearTimeout(timer);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        resolve({ key: String(message.key), value: String(message.value), headers });
      },
    });
  });
  t.equal(got.key, 'poison');
  t.equal(got.value, Buffer.from(envelope, 'utf8').toString('utf8'), 'the message as delivered (the envelope JSON)');
  t.equal(got.headers['faultline.dlq.step'], 'store');
  t.equal(got.headers['faultline.dlq.topic'], transport.topics.log);
  t.equal(got.headers['faultline.dlq.partition'], '3');
  t.equal(got.headers['faultline.dlq.offset'], '42');
  t.equal(got.headers.org, 'acme', "the message's own headers are kept");
  const reason = got.headers['faultline.dlq.reason'] ?? '';
  t.ok(reason.startsWith('the store refused the record: xxx'), 'the reason');
  t.ok(reason.length <= 1000, `cut to 1,000 characters (${reason.length})`);
  t.notOk(reason.includes('\uFFFD'), 'the cut did not split the emoji into a replacement character');
});
