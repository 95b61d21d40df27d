/** The client libraries behind KafkaTransport (KAFKA_CLIENT): what each is told per call, and the setting. */
import { ConfigError, loadConfig } from '@faultline/config';
import t from 'tap';
import { openKafkaClient } from '../src/index.js';
import { confluentMissing, nativeRequired } from './native.js';

const settings = { brokers: ['127.0.0.1:1'], clientId: 'faultline-test' };

const missing = confluentMissing;

t.test('KAFKA_CLIENT: kafkajs by default, confluent on request, anything else refused by name', async (t) => {
  const base = { KAFKA_BROKERS: '127.0.0.1:19092', SCHEMA_REGISTRY_URL: 'http://127.0.0.1:18081' };
  t.equal(loadConfig(base).kafkaClient, 'kafkajs');
  t.equal(loadConfig({ ...base, KAFKA_CLIENT: '' }).kafkaClient, 'kafkajs');
  t.equal(loadConfig({ ...base, KAFKA_CLIENT: 'confluent' }).kafkaClient, 'confluent');
  t.throws(() => loadConfig({ ...base, KAFKA_CLIENT: 'rdkafka' }), ConfigError);
  t.throws(() => loadConfig({ ...base, KAFKA_CLIENT: 'rdkafka' }), /KAFKA_CLIENT="rdkafka": must be kafkajs or confluent/);
});

t.test('kafkajs takes acks, waitForLeaders, fromBeginning and autoCommit per call', async (t) => {
  const c = await openKafkaClient('kafkajs', settings);
  t.equal(c.name, 'kafkajs');
  t.strictSame(c.sendOptions, { acks: -1 });
  t.strictSame(c.createTopicsOptions, { waitForLeaders: true });
  t.strictSame(c.subscribeOptions, { fromBeginning: true });
  t.strictSame(c.runOptions, { autoCommit: false });
  t.equal(c.redeliversAtOnce, false);
  t.ok(
    c.producer() &&
      c.admin() &&
      c.consumer({ groupId: 'g', sessionTimeout: 10_000, heartbeatInterval: 3_000, maxBytesPerPartition: 1 << 20 }),
  );
});

t.test('an unknown client name is refused', async (t) => {
  // @ts-expect-error: not a client name
  await t.rejects(openKafkaClient('rdkafka', settings), /KAFKA_CLIENT="rdkafka": must be kafkajs or confluent/);
  t.equal((await openKafkaClient('kafkajs', settings)).name, 'kafkajs', 'control: a known name opens');
});

t.test(
  'confluent: the same objects, configured per client (it refuses those options per call)',
  { skip: nativeRequired ? false : missing },
  async (t) => {
    t.equal(missing, false, 'the native client loads');
    const c = await openKafkaClient('confluent', settings);
    t.equal(c.name, 'confluent');
    t.strictSame(c.sendOptions, {});
    t.strictSame(c.createTopicsOptions, {});
    t.strictSame(c.subscribeOptions, {});
    t.strictSame(c.runOptions, {});
    t.equal(c.redeliversAtOnce, true);
    const producer = c.producer();
    const consumer = c.consumer({
      groupId: 'g',
      sessionTimeout: 10_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 1 << 20,
    });
    for (const m of ['connect', 'send', 'sendBatch', 'disconnect'] as const) t.type(producer[m], 'function', `producer.${m}`);
    for (const m of ['connect', 'subscribe', 'run', 'commitOffsets', 'disconnect'] as const)
      t.type(consumer[m], 'function', `consumer.${m}`);
    t.type((consumer as unknown as { committed: unknown }).committed, 'function', 'consumer.committed (lag)');
  },
);
