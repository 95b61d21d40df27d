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
 *
 * --breakdown also prints where each analyzer's time went over the measured window (from the
 * first record produced to the last analysis read), from a preload in the analyzer process
 * (lib/breakdown-preload.js): CPU µs per record by thread (main, analyzer workers, ClickHouse's
 * pools, libuv/V8), and per pair of consecutive hops a record passed (kafka.fetched → decoded →
 * consumer.handed → pipeline.joined → analyzed → recordsStored → persisted → consumer.stored →
 * finished → kafka.committed) the mean wait per record (ms) and the time the stage held a batch
 * per record (µs), and how long the pipeline's stages held no batch (the pool, the store, both:
 * what waits rather than works). --profile DIR runs the analyzers under `node --cpu-prof` (one profile per thread
 * in DIR). --analyzer-root DIR runs the analyzers of another checkout (built), the producer and
 * the readers staying this one's, for before/after pairs. --analyzer-node-args=FLAG passes one node
 * argument to the analyzer processes, as it is (not split: a value may hold spaces), e.g.
 * --analyzer-node-args=--max-semi-space-size=64 or --analyzer-node-args=--trace-gc (its output where
 * FAULTLINE_BENCH_STDOUT names a file); give it once per argument.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { toMessage, validateRecord } from '../packages/core/dist/src/index.js';
import { AvroCodec, KafkaTransport, topicsFor } from '../packages/kafka/dist/src/index.js';
import { mainOf, startService } from './lib/service.js';
import { mixedRecords } from './mixed-records.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    client: { type: 'string', default: 'kafkajs' },
    analyzers: { type: 'string', default: '1' },
    breakdown: { type: 'boolean', default: false },
    profile: { type: 'string' },
    'analyzer-root': { type: 'string' },
    'analyzer-node-args': { type: 'string', multiple: true },
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

/**
 * CPU seconds (utime + stime, /proc) of the local stack's processes: the Kafka broker (a JVM
 * running kafka.Kafka) and the schema registry, found by their command lines (Linux only; empty
 * elsewhere). They share the machine's cores with the analyzer during the run.
 */
function stackCpu() {
  const out = { broker: 0, registry: 0 };
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let cmd;
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const which = cmd.includes('kafka.Kafka')
        ? 'broker'
        : cmd.includes('schema-registry') && !cmd.includes('bash')
          ? 'registry'
          : undefined;
      if (!which) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[which] += (Number(f[11]) + Number(f[12])) / 100;
    }
  } catch {
    // not Linux
  }
  return out;
}

const pct = (s, p) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];

// 1. The analyzers, real `faultline analyzer` processes in one consumer group, waiting on empty topics.
const breakdownDir = values.breakdown ? mkdtempSync(join(tmpdir(), 'faultline-breakdown-')) : undefined;
const breakdownFile = (i) => join(breakdownDir ?? '', `analyzer-${i}.json`);
const preload = new URL('./lib/breakdown-preload.js', import.meta.url).href;
const startAnalyzer = (_, i) =>
  startService({
    command: 'analyzer',
    prefix: 'faultline-bench-kafka-',
    env: {
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_GROUP_ID: `${prefix}-analyzers`,
      KAFKA_CLIENT: client,
      ...(breakdownDir ? { FAULTLINE_BREAKDOWN_FILE: breakdownFile(i) } : {}),
    },
    ...(values['analyzer-root'] ? { main: mainOf(values['analyzer-root']) } : {}),
    nodeArgs: [
      ...(breakdownDir ? ['--import', preload] : []),
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
      ...(values['analyzer-node-args'] ?? []),
    ],
  });
const analyzers = await Promise.all(Array.from({ length: analyzerCount }, startAnalyzer));
/** Each analyzer's last breakdown snapshot (cumulative), or undefined. */
const snapshots = () =>
  analyzers.map((_, i) =>
    breakdownDir && existsSync(breakdownFile(i)) ? JSON.parse(readFileSync(breakdownFile(i), 'utf8')) : undefined,
  );

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
const atStart = snapshots();
const benchCpu0 = process.cpuUsage();
const stackCpu0 = stackCpu();
const t0 = performance.now();
const produceSecs = await produceAll();
await done;
const pipelineSecs = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 300)); // one more snapshot: the last commits
const atEnd = snapshots();
const benchCpu = process.cpuUsage(benchCpu0);
const stackCpu1 = stackCpu();

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

{
  const us = (secs) => ((secs * 1e6) / records.length).toFixed(0);
  console.log(
    `  CPU of the rest over the window: this benchmark (producer, findings reader) ${us((benchCpu.user + benchCpu.system) / 1e6)} µs per record, Kafka broker ${us(stackCpu1.broker - stackCpu0.broker)}, schema registry ${us(stackCpu1.registry - stackCpu0.registry)}`,
  );
}
if (breakdownDir) printBreakdown(atStart, atEnd, records.length);

/** The analyzers' breakdown over the window (every analyzer summed), per record of the run. */
function printBreakdown(before, after, n) {
  const cpu = {};
  const hops = {};
  after.forEach((end, i) => {
    if (!end) return;
    const start = before[i] ?? { cpu: {}, hops: {} };
    for (const [k, v] of Object.entries(end.cpu)) cpu[k] = (cpu[k] ?? 0) + v - (start.cpu[k] ?? 0);
    for (const [k, h] of Object.entries(end.hops)) {
      const s0 = start.hops[k] ?? { wait: 0, busy: 0, records: 0 };
      const acc = (hops[k] ??= { wait: 0, busy: 0, records: 0 });
      acc.wait += h.wait - s0.wait;
      acc.busy += h.busy - s0.busy;
      acc.records += h.records - s0.records;
    }
  });
  const sizes = {};
  after.forEach((end, i) => {
    for (const [k, b] of Object.entries(end?.batches ?? {})) {
      const s0 = before[i]?.batches?.[k] ?? { marks: 0, items: 0 };
      const acc = (sizes[k] ??= { marks: 0, items: 0, max: 0 });
      acc.marks += b.marks - s0.marks;
      acc.items += b.items - s0.items;
      acc.max = Math.max(acc.max, b.max);
    }
  });
  const perAnalyzer = after.map(
    (end, i) => (end?.batches?.['kafka.committed']?.items ?? 0) - (before[i]?.batches?.['kafka.committed']?.items ?? 0),
  );
  const us = (secs) => ((secs * 1e6) / n).toFixed(0);
  const total = Object.values(cpu).reduce((a, b) => a + b, 0);
  console.log(
    `  analyzer CPU over the window (/proc, 10 ms ticks): ${us(total)} µs per record: main ${us(cpu.main ?? 0)}, analyzer workers ${us(cpu.workers ?? 0)}, ClickHouse pools ${us(cpu.clickhouse ?? 0)}, libuv/V8 ${us(cpu.other ?? 0)}`,
  );
  console.log(
    `  batches (mean / largest records): ${Object.entries(sizes)
      .filter(([, b]) => b.marks > 0)
      .map(([k, b]) => `${k} ${b.marks} × ${(b.items / b.marks).toFixed(0)} / ${b.max}`)
      .join(', ')}`,
  );
  if (perAnalyzer.length > 1) console.log(`  records committed per analyzer: ${perAnalyzer.join(', ')}`);
  // How long each analyzer's pipeline stages held no batch over the window (the preload's `idle`).
  const idleOf = (end, i) => {
    const s0 = before[i]?.idle ?? { noAnalysis: 0, noStore: 0, empty: 0 };
    const e = end?.idle;
    if (!e) return 'n/a';
    const sec = (k) => ((e[k] - s0[k]) / 1000).toFixed(1);
    return `pool ${sec('noAnalysis')} s, store ${sec('noStore')} s, both ${sec('empty')} s`;
  };
  console.log(`  pipeline stages with no batch over the ${pipelineSecs.toFixed(1)} s window: ${after.map(idleOf).join('; ')}`);
  console.log('  hops (every record, in the order passed): mean wait per record, the stage busy per record');
  const order = [
    'kafka.fetched',
    'kafka.decoded',
    'consumer.handed',
    'pipeline.joined',
    'pipeline.analyzed',
    'pipeline.recordsStored',
    'pipeline.persisted',
    'consumer.stored',
    'consumer.finished',
    'kafka.committed',
  ];
  const rank = (k) => order.indexOf(k.split(' → ')[0]) * 100 + order.indexOf(k.split(' → ')[1]);
  for (const [k, h] of Object.entries(hops).sort((a, b) => rank(a[0]) - rank(b[0]))) {
    if (h.records === 0) continue;
    console.log(
      `    ${k.padEnd(44)} ${(h.wait / h.records).toFixed(1).padStart(8)} ms  ${((h.busy * 1000) / n).toFixed(0).padStart(6)} µs  (${h.records} records)`,
    );
  }
}

await reader.disconnect();
await Promise.all(analyzers.map((a) => a.stop()));
await transport.close();
const admin = kafka.admin();
await admin.connect();
await admin.deleteTopics({ topics: [...topics.all] }).catch(() => undefined);
await admin.disconnect();
if (breakdownDir) rmSync(breakdownDir, { recursive: true, force: true });
