// Smoke test of the local Kafka with kafkajs: creates a topic with 4 partitions, produces
// one keyed message, consumes it back through a consumer group, deletes the topic.
// Usage: node deploy/local/smoke-kafka.cjs [HOST:PORT]
const { Kafka, Partitioners, logLevel } = require('kafkajs');

const broker = process.argv[2] || '127.0.0.1:19092';
const topic = `faultline-smoke-${Date.now()}`;
const kafka = new Kafka({ clientId: 'faultline-smoke', brokers: [broker], logLevel: logLevel.NOTHING });
const ms = (t) => `${Date.now() - t} ms`;

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  let t = Date.now();
  await admin.createTopics({ topics: [{ topic, numPartitions: 4, replicationFactor: 1 }], waitForLeaders: true });
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const partitions = meta.topics[0].partitions.length;
  if (partitions !== 4) throw new Error(`expected 4 partitions, got ${partitions}`);
  console.log(`created topic ${topic} with ${partitions} partitions in ${ms(t)}`);

  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const value = JSON.stringify({ robot_id: 'r-7', status: 'failed', at: new Date().toISOString() });
  t = Date.now();
  const [sent] = await producer.send({ topic, acks: -1, messages: [{ key: 'r-7', value }] });
  console.log(`produced 1 message to partition ${sent.partition} offset ${sent.baseOffset} in ${ms(t)}`);
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${topic}-group` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  t = Date.now();
  const got = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message consumed within 30 s')), 30000);
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          clearTimeout(timer);
          resolve({ partition, key: message.key.toString(), value: message.value.toString() });
        },
      })
      .catch(reject);
  });
  if (got.value !== value || got.key !== 'r-7') throw new Error(`consumed something else: ${JSON.stringify(got)}`);
  console.log(`consumed it back (key ${got.key}, partition ${got.partition}) in ${ms(t)}, group join included`);
  await consumer.disconnect();

  await admin.deleteTopics({ topics: [topic] });
  await admin.deleteGroups([`${topic}-group`]).catch(() => {});
  await admin.disconnect();
  console.log('kafka smoke: ok');
}

main().catch((err) => {
  console.error(`kafka smoke: FAILED: ${err?.stack ? err.stack : err}`);
  process.exit(1);
});
