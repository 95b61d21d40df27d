/**
 * What the real broker answers while a topic is not there yet is what KafkaTransport.connect
 * retries (topicNotReady), with either client: kafkajs marks it retriable, the confluent client
 * does not (the test that would have caught dedb071, whose retry read only that flag). A control:
 * a refusal that no waiting mends (a replication factor the single broker cannot give) is not.
 */
import t, { type Test } from 'tap';
import { type KafkaClientName, openKafkaClient, topicNotReady } from '../src/index.js';
import { confluentMissing, nativeRequired } from './native.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

/** The error `call` throws against the real broker (a test failure if it throws none). */
async function refusal(t: Test, call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  t.fail('the broker refused nothing');
  return undefined;
}

for (const name of ['kafkajs', 'confluent'] as KafkaClientName[]) {
  t.test(
    `${name}: a topic not there yet is retried, a refusal that waiting cannot mend is not`,
    { skip: name === 'confluent' && !nativeRequired ? confluentMissing : false },
    async (t) => {
      const client = await openKafkaClient(name, { brokers, clientId: `faultline-not-ready-${name}` });
      const admin = client.admin();
      await admin.connect();
      t.teardown(() => admin.disconnect());
      const absent = `faultline-absent-${name}-${process.pid}-${Date.now()}`;
      const notYet = await refusal(t, () => admin.fetchTopicMetadata({ topics: [absent] }));
      t.ok(topicNotReady(notYet), `an absent topic's metadata: retried (${(notYet as Error)?.message})`);
      const never = await refusal(t, () =>
        admin.createTopics({
          ...client.createTopicsOptions,
          topics: [{ topic: `${absent}-rf`, numPartitions: 1, replicationFactor: 5 }],
        }),
      );
      t.notOk(topicNotReady(never), `a replication factor of 5 on one broker: thrown at once (${(never as Error)?.message})`);
    },
  );
}
