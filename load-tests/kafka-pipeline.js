#!/usr/bin/env node
/**
 * `npm run bench:kafka [-- --records 20000 --client kafkajs|confluent --analyzers 1]`: sustained
 * records/s through produce → Kafka (Avro) → `faultline analyzer` (pipeline, piscina,
 * ClickHouse) → findings topic, and end-to-end latency percentiles (produced → its analysis
 * on the findings topic), next to a raw consume of the same topics with the same client
 * library in the same run (the ratio is the figure). Runs against the stack of deploy/local
 * (npm run bench:kafka starts it).
 *
 * --analyzers N (default 1) starts N `faultline analyzer` processes in one consumer group (each
 * with its own embedded store: the partitions, and so the records, are shared among them), to
 * show how the pipeline scales with analyzers.
 *
 * --client (default kafkajs) picks the library of the producer here, of the analyzer process
 * (KAFKA_CLIENT) and of the raw baseline; the findings reader that times the latencies is
 * kafkajs in both cases, so the two runs are measured the same way.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { toMessage, validateRecord } from '../packages/core/dist/src/index.js';
import { AvroCodec, KafkaTransport, topicsFor } from '../packages/kafka/dist/src/index.js';
import { startService } from './lib/service.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    client: { type: 'string', default: 'kafkajs' },
    analyzers: { type: 'string', default: '1' },
  },
});
const analyzerCount = Number(values.analyzers);
if (!Number.isInteger(analyzerCount) || analyzerCount < 1 || analyzerCount > 8) {
  console.error(`--analyzers ${values.analyzers}: must be an integer from 1 to 8`);
  process.exit(2);
}
const count = Number(values.records);
const client = values.client;
if (client !== 'kafkajs' && client !== 'confluent') {
  console.error(`--client ${client}: must be kafkajs or confluent`);
  process.exit(2);
}
const brokers = process.env.KAFKA_BROKERS;
const registry = process.env.SCHEMA_REGISTRY_URL;
if (!brokers || !registry) {
  console.error('KAFKA_BROKERS and SCHEMA_REGISTRY_URL must be set (npm run bench:kafka starts deploy/local)');
  process.exit(2);
}
const prefix = `bench-${randomBytes(3).toString('hex')}`;
const topics = topicsFor(prefix);
const kafka = new Kafka({ clientId: 'faultline-bench', brokers: brokers.split(','), logLevel: logLevel.NOTHING });

// The records: the same mixed generator as the CLI benchmark, minus lines Avro cannot carry (malformed JSON, no id).
const records = [];
for (const line of mixedRecords(count)) {
  try {
    const v = validateRecord(JSON.parse(line));
    if (v.ok) records.push(v.record);
  } catch {
    /* malformed line: not publishable */
  }
}
const subjects = new Set(
  records
    .filter((r) => r.kind === 'trace' || r.kind === 'log' || (r.kind === 'episode' && r.status === 'failed'))
    .map((r) => (r.kind === 'trace' ? r.trace_id : r.kind === 'log' ? r.log_id : r.episode_id)),
);

const codec = await AvroCodec.connect(registry, { prefix });
const transport = await KafkaTransport.connect({ brokers: brokers.split(','), codec, prefix, partitions: 8, client });
const producedAt = new Map();

async function produceAll() {
  const t0 = performance.now();
  for (let i = 0; i < records.length; i += 500) {
    const slice = records.slice(i, i + 500);
    const now = Date.now();
    for (const r of slice)
      producedAt.set(
        r.kind === 'trace' ? r.trace_id : r.kind === 'log' ? r.log_id : r.kind === 'episode' ? r.episode_id : '',
        now,
      );
    await transport.publish(
      slice.map((record) => toMessage({ record, org: record.org_id ?? 'default', received_at: new Date().toISOString() })),
    );
  }
  return (performance.now() - t0) / 1000;
}

/** Raw baseline: a consumer group of the same client library reading the input topics, no decoding, no work. */
async function rawConsume(expected) {
  let consumer;
  if (client === 'confluent') {
    const { KafkaJS } = (await import('@confluentinc/kafka-javascript')).default;
    const raw = new KafkaJS.Kafka({
      kafkaJS: { clientId: 'faultline-bench', brokers: brokers.split(','), logLevel: KafkaJS.logLevel.NOTHING },
    });
    // fromBeginning is per consumer there; eachBatch takes every message already fetched
    // (js.consumer.max.batch.size -1, as the transport sets it; 32 unless set).
    consumer = raw.consumer({
      kafkaJS: { groupId: `${prefix}-raw`, fromBeginning: true },
      'js.consumer.max.batch.size': -1,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics.inputs] });
  } else {
    consumer = kafka.consumer({ groupId: `${prefix}-raw` });
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics.inputs], fromBeginning: true });
  }
  let seen = 0;
  const t0 = performance.now();
  await new Promise((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        if (seen >= expected) resolve();
      },
    });
  });
  const secs = (performance.now() - t0) / 1000;
  await consumer.disconnect();
  return secs;
}

const pct = (s, p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];

// 1. The analyzers, real `faultline analyzer` processes in one consumer group, waiting on empty topics.
const startAnalyzer = () =>
  startService({
    command: 'analyzer',
    prefix: 'faultline-bench-kafka-',
    env: { KAFKA_TOPIC_PREFIX: prefix, KAFKA_GROUP_ID: `${prefix}-analyzers`, KAFKA_CLIENT: client },
  });
const analyzers = await Promise.all(Array.from({ length: analyzerCount }, startAnalyzer));

// 2. Findings reader: end-to-end latency per subject (first analysis seen).
const latencies = [];
const analyzedAt = new Map();
const reader = kafka.consumer({ groupId: `${prefix}-reader` });
await reader.connect();
await reader.subscribe({ topic: topics.findings, fromBeginning: true });
let allAnalyzed;
const done = new Promise((r) => {
  allAnalyzed = r;
});
void reader.run({
  eachMessage: async ({ message }) => {
    const a = await codec.decodeAnalysis(message.value);
    if (analyzedAt.has(a.subject_id)) return;
    const now = Date.now();
    analyzedAt.set(a.subject_id, now);
    const t = producedAt.get(a.subject_id);
    if (t !== undefined) latencies.push(now - t);
    if (analyzedAt.size >= subjects.size) allAnalyzed();
  },
});

// 3. Produce everything as fast as the producer goes; the analyzer works meanwhile.
const t0 = performance.now();
const produceSecs = await produceAll();
await done;
const pipelineSecs = (performance.now() - t0) / 1000;

// 4. Raw baseline over the very same topics.
const rawSecs = await rawConsume(records.length);

latencies.sort((a, b) => a - b);
const rate = records.length / pipelineSecs;
const rawRate = records.length / rawSecs;
console.log(
  `faultline Kafka pipeline benchmark (client ${client}): ${records.length} records (${subjects.size} to analyze), topics ${prefix}.*, 8 partitions, ${analyzerCount} analyzer process${analyzerCount > 1 ? 'es in one consumer group' : ''}`,
);
console.log(`  produce (Avro, idempotent, acks=all): ${(records.length / produceSecs).toFixed(0)} records/s`);
console.log(
  `  produce → Kafka → analysis → ClickHouse → findings topic: ${rate.toFixed(0)} records/s sustained (${pipelineSecs.toFixed(1)} s)`,
);
console.log(
  `  end-to-end latency (produced → analysis on the findings topic): p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms, p99 ${pct(latencies, 99)} ms`,
);
console.log(
  `  raw ${client} consume of the same topics: ${rawRate.toFixed(0)} records/s; pipeline / raw = ${(rate / rawRate).toFixed(3)}`,
);

await reader.disconnect();
await Promise.all(analyzers.map((a) => a.stop()));
await transport.close();
const admin = kafka.admin();
await admin.connect();
await admin.deleteTopics({ topics: [...topics.all] }).catch(() => undefined);
await admin.disconnect();
