/**
 * A Kafka pipeline's batches under backlog, against the real broker and schema registry of
 * deploy/local (consumer.ts, "Under backlog"; load-tests/README.md, fifteenth landing), as a
 * user of `faultline analyzer` would see them: a backlog of records is on the topics before the
 * analyzer starts, and the process's own batches are read from its `faultline:hop` marks
 * (batch-marks.ts, preloaded), its analyses from the findings topic and, once it stopped, from
 * its store.
 *
 * - FAULTLINE_BATCH_BACKLOG above FAULTLINE_BATCH_SIZE: batches grow past the batch size and
 *   never past the backlog cap; equal to it: no batch grows.
 * - Either way every record is handed to the pipeline once, stored once, on the findings topic
 *   once; each partition's offsets are committed in order, each after the batch that holds it
 *   was stored.
 * - The findings topic's `max.message.bytes` is set so that a batch of FAULTLINE_BATCH_SIZE
 *   records' findings fit in one produce request and a grown batch's do not: the broker refuses
 *   a record batch past it, so a grown batch whose findings went in one request would fail
 *   and be delivered again for ever. They all arrive: the produce stays under the limit.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FaultlineRecord, toMessage } from '@faultline/core';
import { AvroCodec, KafkaTransport, topicsFor } from '@faultline/kafka';
import { Store } from '@faultline/store';
import kafkajs from 'kafkajs';
import t, { type Test } from 'tap';
import type { BatchMark } from './batch-marks.js';
import { startService, until } from './harness.js';

const brokers = process.env.KAFKA_BROKERS;
const registry = process.env.SCHEMA_REGISTRY_URL;
if (!brokers || !registry) {
  t.fail('KAFKA_BROKERS and SCHEMA_REGISTRY_URL must be set: run through deploy/local/with-stack.sh (npm test does)');
  process.exit(1);
}
const { Kafka, logLevel } = kafkajs;
const kafka = new Kafka({ clientId: 'faultline-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
t.teardown(() => admin.disconnect());

const PRELOAD = fileURLToPath(new URL('./batch-marks.js', import.meta.url));
/** The backlog: records on the topics before the analyzer starts, over PARTITIONS partitions. */
const RECORDS = 3000;
const PARTITIONS = 6;
const BATCH_SIZE = 100;
/**
 * The findings topic's max.message.bytes (one partition, so one produce request is one record
 * batch): the findings of BATCH_SIZE records fit (about 2,200 bytes each, checked below), those of
 * a batch grown to 1.4 times that do not.
 */
const FINDINGS_MAX_BYTES = 300_000;

interface Finding {
  subject: string;
  /** Key, value and headers: the record's bytes less its framing. */
  bytes: number;
}

/** Reads the findings topic from the beginning until `enough` says so (or 120 s pass). */
async function readFindings(topic: string, codec: AvroCodec, enough: (found: Finding[]) => Promise<boolean>): Promise<Finding[]> {
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const found: Finding[] = [];
  void consumer.run({
    eachMessage: async ({ message }) => {
      const value = message.value as Buffer;
      let bytes = value.length + (message.key?.length ?? 0);
      for (const [k, v] of Object.entries(message.headers ?? {})) bytes += k.length + String(v).length;
      found.push({ subject: (await codec.decodeAnalysis(value)).subject_id, bytes });
    },
  });
  try {
    await until('the findings', 120_000, () => enough(found));
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/** What one analyzer made of the backlog. */
interface Outcome {
  /** Each pipeline batch's records, in the order handed over. */
  sizes: number[];
  marks: BatchMark[];
  names: string[];
  findings: Finding[];
  /** Analyses in the store (FINAL) for the backlog's logs, and how many distinct subjects. */
  stored: { rows: number; subjects: number };
  output: string;
}

/**
 * RECORDS logs (`<name>-<i>`) published on fresh topics of `prefix` over PARTITIONS partitions, the
 * findings topic made beforehand with one partition and FINDINGS_MAX_BYTES. Their names, and the codec.
 */
async function publishBacklog(prefix: string, name: string): Promise<{ names: string[]; codec: AvroCodec }> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: topicsFor(prefix).findings,
        numPartitions: 1,
        replicationFactor: 1,
        configEntries: [{ name: 'max.message.bytes', value: String(FINDINGS_MAX_BYTES) }],
      },
    ],
  });
  const codec = await AvroCodec.connect(registry as string, { prefix });
  const names = Array.from({ length: RECORDS }, (_, i) => `${name}-${i}`);
  await publishLogs(prefix, codec, names);
  return { names, codec };
}

/** Logs named `names` published on the topics of `prefix` (made over `partitions` when missing). */
async function publishLogs(prefix: string, codec: AvroCodec, names: string[], partitions = PARTITIONS): Promise<void> {
  const publisher = await KafkaTransport.connect({
    brokers: (brokers as string).split(','),
    codec,
    prefix,
    partitions,
  });
  const at = new Date().toISOString();
  for (let i = 0; i < names.length; i += 500) {
    await publisher.publish(
      names.slice(i, i + 500).map((id, j) =>
        toMessage({
          record: {
            kind: 'log',
            log_id: id,
            org_id: 'acme',
            error_message: '',
            logs: `step ${i + j}\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB`,
          } as FaultlineRecord,
          org: 'acme',
          received_at: at,
        }),
      ),
    );
  }
  await publisher.close();
}

/** The analyses of `<name>-…` logs in the store of `dataDir` (FINAL), and how many distinct subjects. */
async function storedLogs(dataDir: string, name: string): Promise<{ rows: number; subjects: number }> {
  const store = await Store.open({ dataDir });
  try {
    const rows = await store.rows<{ rows: string; subjects: string }>(
      `SELECT count() AS rows, uniqExact(subject_id) AS subjects FROM faultline.analyses FINAL
       WHERE subject_kind = 'log' AND startsWith(subject_id, {p:String})`,
      { p: `${name}-` },
    );
    return { rows: Number(rows[0]?.rows ?? 0), subjects: Number(rows[0]?.subjects ?? 0) };
  } finally {
    await store.close();
  }
}

/**
 * The backlog published (publishBacklog), then `faultline analyzer` started with FAULTLINE_BATCH_SIZE
 * and `backlog`, until every record is committed and every finding produced has been read; then stopped.
 */
async function analyzeBacklog(name: string, backlog: number): Promise<Outcome> {
  const prefix = `fltest-${name}-${randomBytes(3).toString('hex')}`;
  const topics = topicsFor(prefix);
  const dir = mkdtempSync(join(tmpdir(), `faultline-${name}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const { names, codec } = await publishBacklog(prefix, name);

  const marksFile = join(dir, 'marks.jsonl');
  const svc = await startService('analyzer', {
    KAFKA_BROKERS: brokers as string,
    SCHEMA_REGISTRY_URL: registry as string,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_GROUP_ID: `${prefix}-analyzers`,
    KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    // kafkajs: the confluent client's admin cannot read a topic's max.message.bytes (no
    // describeConfigs), so there the produce is cut at Kafka's default, not at this topic's lower limit.
    KAFKA_CLIENT: 'kafkajs',
    FAULTLINE_DATA_DIR: join(dir, 'data'),
    FAULTLINE_ADMIN_KEY: 'kafka-batches-admin-key-0123456789',
    FAULTLINE_WORKERS: '1',
    FAULTLINE_BATCH_SIZE: String(BATCH_SIZE),
    FAULTLINE_BATCH_BACKLOG: String(backlog),
    FAULTLINE_TEST_MARKS: marksFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim(),
  });
  t.teardown(() => svc.stop('SIGKILL'));
  const marks = (): BatchMark[] => {
    try {
      return readFileSync(marksFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as BatchMark);
    } catch {
      return [];
    }
  };
  const committed = () => marks().reduce((n, m) => n + (m.hop === 'kafka.committed' ? m.deliveries.length : 0), 0);
  // Every finding produced (the topic's end offset once every record is committed) has been read.
  const findings = await readFindings(topics.findings, codec, async (found) => {
    if (committed() < RECORDS) return false;
    const [end] = await admin.fetchTopicOffsets(topics.findings);
    return found.length >= Number(end?.high ?? 0);
  }).catch((err: Error) => {
    throw new Error(`${err.message}; ${committed()} of ${RECORDS} committed; the analyzer said: ${svc.output().slice(-1500)}`);
  });
  const exit = await svc.stop('SIGTERM');
  t.equal(exit.code, 0, 'the analyzer drained and exited 0');

  const all = marks();
  return {
    sizes: all.filter((m) => m.hop === 'consumer.handed').map((m) => m.deliveries.length),
    marks: all,
    names,
    findings,
    stored: await storedLogs(join(dir, 'data'), name),
    output: svc.output(),
  };
}

/** Nothing lost, nothing twice: handed over, stored, on the findings topic, committed in order after its store. */
function onceEach(t: Test, o: Outcome): void {
  const handed = o.marks.filter((m) => m.hop === 'consumer.handed').flatMap((m) => m.deliveries);
  t.equal(handed.length, RECORDS, `every record handed to the pipeline once (${handed.length})`);
  t.equal(new Set(handed).size, handed.length, 'no record handed over twice');
  t.same(o.stored, { rows: RECORDS, subjects: RECORDS }, 'every log analyzed and stored once');
  const subjects = o.findings.map((f) => f.subject);
  t.equal(o.findings.length, RECORDS, `one finding produced per record (${o.findings.length})`);
  t.same([...new Set(subjects)].sort(), [...o.names].sort(), "every record's analysis on the findings topic");

  // Per partition: the committed offsets, in commit order, are 0, 1, 2, … each once; each after its store.
  const storedYet = new Set<string>();
  const next = new Map<string, number>();
  const outOfOrder: string[] = [];
  const beforeStore: string[] = [];
  for (const m of o.marks) {
    if (m.hop === 'consumer.stored') for (const d of m.deliveries) storedYet.add(d);
    if (m.hop !== 'kafka.committed') continue;
    for (const d of m.deliveries) {
      const cut = d.lastIndexOf('/');
      const partition = d.slice(0, cut);
      const offset = Number(d.slice(cut + 1));
      if (offset !== (next.get(partition) ?? 0)) outOfOrder.push(`${d} (expected ${next.get(partition) ?? 0})`);
      next.set(partition, offset + 1);
      if (!storedYet.has(d)) beforeStore.push(d);
    }
  }
  t.same(outOfOrder, [], 'each partition committed in offset order, every offset once');
  t.equal(
    [...next.values()].reduce((a, b) => a + b, 0),
    RECORDS,
    `every offset of the ${next.size} partitions committed`,
  );
  t.same(beforeStore, [], 'no offset committed before its batch was stored');
}

t.test('under backlog, batches grow past FAULTLINE_BATCH_SIZE and never past FAULTLINE_BATCH_BACKLOG', async (t) => {
  const backlog = 250;
  const o = await analyzeBacklog('grow', backlog);
  t.comment(`pipeline batches: ${o.sizes.join(', ')}`);
  t.ok(
    o.sizes.some((n) => n > BATCH_SIZE),
    `batches grew past FAULTLINE_BATCH_SIZE=${BATCH_SIZE} (largest ${Math.max(...o.sizes)})`,
  );
  t.ok(
    o.sizes.every((n) => n <= backlog),
    `none past FAULTLINE_BATCH_BACKLOG=${backlog} (largest ${Math.max(...o.sizes)})`,
  );
  onceEach(t, o);
  t.notMatch(o.output, 'pipeline batch failed', 'no batch failed (a produce past the limit fails its batch)');
  // The limit binds: a grown batch's findings would not have fit in one request, a plain batch's would.
  const mean = o.findings.reduce((a, f) => a + f.bytes, 0) / o.findings.length;
  t.comment(`findings: ${mean.toFixed(0)} bytes each on average; the topic's max.message.bytes ${FINDINGS_MAX_BYTES}`);
  t.ok(Math.max(...o.sizes) * mean > FINDINGS_MAX_BYTES, "the largest batch's findings are more than one request may hold");
  t.ok(BATCH_SIZE * mean * 1.2 < FINDINGS_MAX_BYTES, "FAULTLINE_BATCH_SIZE records' findings fit in one (with room)");
});

t.test('FAULTLINE_BATCH_BACKLOG equal to FAULTLINE_BATCH_SIZE: under the same backlog no batch grows', async (t) => {
  const o = await analyzeBacklog('flat', BATCH_SIZE);
  t.comment(`pipeline batches: ${o.sizes.join(', ')}`);
  t.ok(
    o.sizes.every((n) => n <= BATCH_SIZE),
    `no batch past FAULTLINE_BATCH_SIZE=${BATCH_SIZE} (largest ${Math.max(...o.sizes)})`,
  );
  onceEach(t, o);
});

/**
 * The findings topic's max.message.bytes lowered by an operator while the analyzer runs, after it
 * read the old one (K1), on both clients (the confluent client's admin cannot read the limit at
 * all, K2): a produce refused as too large is cut again and sent, no batch fails for ever.
 */
for (const client of ['kafkajs', 'confluent'] as const) {
  t.test(
    `${client}: the findings topic's limit lowered while the analyzer runs: every finding still arrives, no batch fails`,
    async (t) => {
      const name = `lowered-${client}`;
      const prefix = `fltest-${name}-${randomBytes(3).toString('hex')}`;
      const topics = topicsFor(prefix);
      const dir = mkdtempSync(join(tmpdir(), `faultline-${name}-`));
      t.teardown(() => rmSync(dir, { recursive: true, force: true }));
      // The findings topic at Kafka's default (made by the analyzer's transport, one partition).
      const codec = await AvroCodec.connect(registry as string, { prefix });
      const first = Array.from({ length: 200 }, (_, i) => `${name}-a${i}`);
      await publishLogs(prefix, codec, first, 1);
      const svc = await startService('analyzer', {
        KAFKA_BROKERS: brokers as string,
        SCHEMA_REGISTRY_URL: registry as string,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_ID: `${prefix}-analyzers`,
        KAFKA_TOPIC_PARTITIONS: '1',
        KAFKA_CLIENT: client,
        FAULTLINE_DATA_DIR: join(dir, 'data'),
        FAULTLINE_ADMIN_KEY: 'kafka-batches-admin-key-0123456789',
        FAULTLINE_WORKERS: '1',
        FAULTLINE_BATCH_SIZE: String(BATCH_SIZE),
        FAULTLINE_BATCH_BACKLOG: String(BATCH_SIZE),
      });
      t.teardown(() => svc.stop('SIGKILL'));
      const endOffset = async () => (await admin.fetchTopicOffsets(topics.findings)).reduce((n, p) => n + Number(p.high), 0);
      await until('the first findings', 120_000, async () => (await endOffset().catch(() => 0)) >= first.length);
      // A batch of BATCH_SIZE records' findings (about 220 kB) is now past the limit in one request.
      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: topics.findings, configEntries: [{ name: 'max.message.bytes', value: '60000' }] }],
      });
      const second = Array.from({ length: 600 }, (_, i) => `${name}-b${i}`);
      await publishLogs(prefix, codec, second, 1);
      const found = await readFindings(topics.findings, codec, async (f) => f.length >= first.length + second.length).catch(
        (err: Error) => {
          throw new Error(`${err.message}; the analyzer said: ${svc.output().slice(-1500)}`);
        },
      );
      const subjects = new Set(found.map((f) => f.subject));
      t.ok(
        [...first, ...second].every((n) => subjects.has(n)),
        `every record's finding on the topic (${subjects.size} of ${first.length + second.length})`,
      );
      t.notMatch(svc.output(), 'pipeline batch failed', 'no batch failed');
      t.match(
        svc.output(),
        /to \S+\.findings was refused as too large/,
        'a produce was refused (the limit lowered after it was read)',
      );
      t.comment(
        `the analyzer's own lines: ${
          svc
            .output()
            .split('\n')
            .filter((l) => l.startsWith('faultline: '))
            .slice(0, 3)
            .join(' | ') || 'none'
        }`,
      );
      const exit = await svc.stop('SIGTERM');
      t.equal(exit.code, 0, 'the analyzer drained and exited 0');
    },
  );
}
