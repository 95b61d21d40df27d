// Readiness probe for the local Kafka: a metadata request (kafkajs describeCluster)
// must list at least one broker. Retries until the deadline.
// Usage: node deploy/local/kafka-ready.cjs HOST:PORT [TIMEOUT_SECONDS]
// Exit 0 when ready, 1 otherwise.
const { Kafka, logLevel } = require('kafkajs');

const broker = process.argv[2] || '127.0.0.1:19092';
const timeoutMs = Number(process.argv[3] || 1) * 1000;
const deadline = Date.now() + timeoutMs;

async function probeOnce() {
  const kafka = new Kafka({
    clientId: 'faultline-local-ready',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller !== -1;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

(async () => {
  let last = '';
  for (;;) {
    try {
      if (await probeOnce()) process.exit(0);
      last = 'no broker registered yet';
    } catch (err) {
      last = err?.message ? err.message : String(err);
    }
    if (Date.now() >= deadline) {
      if (timeoutMs > 1000) console.error(`kafka not ready at ${broker}: ${last}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
})();
