/**
 * Start-up against a Kafka that is not ready (kafka-ready.ts), against the real broker of the
 * stack (KAFKA_BROKERS): a producer that needs a topic-partition the broker does not host yet gets
 * the broker's own "This server does not host this topic-partition", the error `faultline start`
 * used to exit on when launched seconds after the broker. The start-up step waits, with one log
 * line per retry, until the partition exists; other errors and a broker that never gets ready
 * still fail the start, with a reason.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import t from 'tap';
import { kafkaNotReady, untilKafkaReady } from '../src/kafka-ready.js';

const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  t.fail('KAFKA_BROKERS must be set: run through deploy/local/with-stack.sh (npm test does)');
  process.exit(1);
}

const kafka = new Kafka({
  clientId: 'faultline-ready-test',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
  retry: { retries: 0 }, // the client's own retries off: the broker's answer comes back at once
});

/** Sends one message to `topic`, never creating it: fails while the broker does not host it. */
async function sendTo(topic: string): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ value: 'ready?' }] });
  } finally {
    await producer.disconnect();
  }
}

t.test('a topic-partition the broker does not host yet is waited for, not fatal', async (t) => {
  const topic = `faultline-ready-${randomUUID()}`;
  // What the start-up step is for: the broker's own refusal, as the old start-up met it.
  const refused = await sendTo(topic).then(
    () => undefined,
    (err: unknown) => err,
  );
  t.match(String((refused as Error)?.message), /does not host this topic-partition/, 'the broker refuses at first');
  t.ok(kafkaNotReady(refused), 'read as "not ready yet"');

  const admin = kafka.admin();
  await admin.connect();
  // The partition appears a moment later, as a starting broker's do.
  const created = new Promise<void>((resolve, reject) => {
    setTimeout(() => {
      admin
        .createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true })
        .then(() => resolve(), reject);
    }, 1_500);
  });
  const lines: string[] = [];
  let attempts = 0;
  await untilKafkaReady(
    async () => {
      attempts += 1;
      await sendTo(topic);
    },
    { what: 'faultline start', log: (l) => lines.push(l), firstWaitMs: 200, maxWaitMs: 1_000, giveUpMs: 30_000 },
  );
  await created;
  t.ok(attempts >= 2, `opened on attempt ${attempts}, after the partition appeared`);
  t.equal(lines.length, attempts - 1, 'one log line per retry');
  t.match(
    lines[0],
    /faultline start: Kafka is not ready yet \(.*does not host this topic-partition.*\); attempt 1 failed, trying again in 0\.2 s/,
  );
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

t.test('a broker that never gets ready fails the start, naming the cause', async (t) => {
  const topic = `faultline-ready-never-${randomUUID()}`;
  const lines: string[] = [];
  const err = await untilKafkaReady(() => sendTo(topic), {
    what: 'faultline analyzer',
    log: (l) => lines.push(l),
    firstWaitMs: 100,
    maxWaitMs: 200,
    giveUpMs: 1_000,
  }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  t.match(
    String(err?.message),
    /^faultline analyzer: Kafka was still not ready after \d+ s and \d+ attempts \(last: .*does not host this topic-partition/,
  );
  t.ok(lines.length >= 2, `retried ${lines.length} times before giving up`);
});

t.test('an error that is not about readiness fails at once', async (t) => {
  let attempts = 0;
  const lines: string[] = [];
  const err = await untilKafkaReady(
    async () => {
      attempts += 1;
      throw new Error('SCHEMA_REGISTRY_URL: the registry answered 401');
    },
    { what: 'faultline start', log: (l) => lines.push(l) },
  ).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  t.equal(err?.message, 'SCHEMA_REGISTRY_URL: the registry answered 401', 'the error as it was');
  t.equal(attempts, 1, 'tried once');
  t.same(lines, [], 'no retry logged');
});
