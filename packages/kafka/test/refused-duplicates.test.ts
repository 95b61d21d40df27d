/**
 * What a consumer of the findings topic sees after a produce request over several partitions is
 * refused as too large, against the real broker and registry of deploy/local (produce-limits.ts,
 * "At-least-once after a refusal"). The broker checks each partition of a request on its own: it
 * appends the partitions within the topic's max.message.bytes and refuses the others, and the
 * transport sends the whole request again, cut smaller, from a new producer — so the findings of the
 * partitions it took can arrive again. The refusal on demand: the findings topic's limit lowered after
 * the transport read it (kafkajs; the confluent client cannot read it: Kafka's default taken), a
 * batch whose findings on one partition are within the new limit and on the other past it.
 *
 * Two layouts of the batch: partition 0's findings `together` (with kafkajs, which reads the limit
 * again, the resend's record batch for partition 0 is the refused one's) and `spread` (it is not).
 * Without the producer replacement (producer.ts), kafkajs threw OUT_OF_ORDER_SEQUENCE_NUMBER on
 * `spread` and put no duplicate on `together` (session 21).
 *
 * Asserted, what a consumer may rely on: every finding on the topic, each on its key's partition, each
 * partition's first sightings in the batch's order, no finding set aside, no throw; duplicates allowed,
 * at most the resend rule's 1 + ⌈log2(B / L)⌉ copies a finding (produce-limits.ts, "At-least-once after
 * a refusal"). The copies seen are printed, not asserted (partition 0's findings: kafkajs 2, the
 * confluent client up to 4; kafkajs 1 on `together` without the replacement).
 */
import { randomBytes } from 'node:crypto';
import { type Analysis, analyzeLog } from '@faultline/core';
import { Kafka, logLevel } from 'kafkajs';
import t, { type Test } from 'tap';
import { AvroCodec, analysisKey, type KafkaClientName, KafkaTransport, keyPartition } from '../src/index.js';
import { log } from './fixtures.js';
import { ensureRegistry } from './helpers.js';
import { confluentMissing, nativeRequired } from './native.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const kafka = new Kafka({ clientId: 'faultline-refused-reader', brokers, logLevel: logLevel.NOTHING });
/** The batch's findings on partition 0 (within the lowered limit together) and on partition 1 (past it). */
const SMALL = 5;
const LARGE = 60;
/** `spread`: one of partition 0's findings after every SPREAD of partition 1's. */
const SPREAD = 12;
type Layout = 'together' | 'spread';

const until = async (what: string, ms: number, done: () => Promise<boolean>) => {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/**
 * The analyses of logs `<tag>-<i>`, taken in order until SMALL land on partition 0 and LARGE on 1 (of 2):
 * `together` in the order made (partition 0's among the first; the resend cut within the limit keeps them
 * in one record batch, as refused), `spread` one of partition 0's after every SPREAD of partition 1's (the
 * resend cut puts them in other record batches than the refused request's).
 */
function batchOver2(tag: string, layout: Layout): { batch: Analysis[]; on: Map<string, number> } {
  const now = new Date();
  const batch: Analysis[] = [];
  const on = new Map<string, number>();
  const count = [0, 0];
  for (let i = 0; (count[0] ?? 0) < SMALL || (count[1] ?? 0) < LARGE; i++) {
    const a = analyzeLog({ ...log, log_id: `${tag}-${i}` }, undefined, now);
    const p = keyPartition(analysisKey(a), 2) as 0 | 1;
    if ((count[p] ?? 0) >= (p === 0 ? SMALL : LARGE)) continue;
    count[p] = (count[p] ?? 0) + 1;
    batch.push(a);
    on.set(analysisKey(a), p);
  }
  if (layout === 'together') return { batch, on };
  const small = batch.filter((a) => on.get(analysisKey(a)) === 0);
  const spread: Analysis[] = [];
  for (const [i, a] of batch.filter((a) => on.get(analysisKey(a)) === 1).entries()) {
    spread.push(a);
    const next = i % SPREAD === SPREAD - 1 ? small.shift() : undefined;
    if (next) spread.push(next);
  }
  return { batch: [...spread, ...small], on };
}

const admin = kafka.admin();
await admin.connect();
t.teardown(() => admin.disconnect());

/** `topic`'s max.message.bytes set to `limit` by an operator, once the broker says so. */
async function lowerLimit(topic: string, limit: number): Promise<void> {
  await admin.alterConfigs({
    validateOnly: false,
    resources: [{ type: 2, name: topic, configEntries: [{ name: 'max.message.bytes', value: String(limit) }] }],
  });
  await until('the lowered limit', 10_000, async () => {
    const c = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: topic, configNames: ['max.message.bytes'] }],
    });
    return c.resources[0]?.configEntries[0]?.configValue === String(limit);
  });
}

/** What a consumer of `topic` sees: every record on it, read from the beginning, key and partition. */
async function readAll(t: Test, topic: string): Promise<{ key: string; partition: number }[]> {
  const seen: { key: string; partition: number }[] = [];
  const consumer = kafka.consumer({ groupId: `${topic}-reader-${randomBytes(3).toString('hex')}` });
  t.teardown(() => consumer.disconnect());
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  void consumer.run({
    eachMessage: async ({ partition, message }) => {
      seen.push({ key: String(message.key), partition });
    },
  });
  const end = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  await until(`every record of ${topic}`, 30_000, async () => seen.length >= end);
  return seen;
}

for (const [client, layout] of [
  ['kafkajs', 'together'],
  ['kafkajs', 'spread'],
  ['confluent', 'together'],
  ['confluent', 'spread'],
] as [KafkaClientName, Layout][]) {
  t.test(
    `${client}, partition 0's findings ${layout}: after a refused request over two partitions, every finding arrives, in order, at most 1 + ⌈log2(B / L)⌉ times`,
    { skip: client === 'confluent' && !nativeRequired ? confluentMissing : false },
    async (t) => {
      const registryUrl = await ensureRegistry(t);
      const prefix = `fltest-dup-${client}-${randomBytes(3).toString('hex')}`;
      const codec = await AvroCodec.connect(registryUrl, { prefix });
      const lines: string[] = [];
      const transport = await KafkaTransport.connect({
        brokers,
        codec,
        prefix,
        client,
        partitions: 2,
        clientId: `faultline-dup-${client}`,
        log: (line) => lines.push(line),
      });
      t.teardown(() => transport.close());
      const findings = transport.topics.findings;

      // The limit read (Kafka's default) with a first finding, then lowered by an operator.
      const { batch, on } = batchOver2(prefix, layout);
      const sizes = await Promise.all(
        batch.map(async (a) => (await codec.encodeAnalysis(a)).length + analysisKey(a).length + 100),
      );
      const bytesOn = (p: number) => sizes.reduce((n, s, i) => n + (on.get(analysisKey(batch[i] as Analysis)) === p ? s : 0), 0);
      const limit = Math.ceil(2 * bytesOn(0));
      t.ok(
        limit < bytesOn(1) / 2,
        `partition 0's findings (${bytesOn(0)} bytes) within ${limit}, partition 1's (${bytesOn(1)}) past it`,
      );
      await transport.publishFindings([analyzeLog({ ...log, log_id: `${prefix}-first` }, undefined, new Date())]);
      await lowerLimit(findings, limit);

      await transport.publishFindings(batch);
      t.match(
        lines.join('\n'),
        `a produce of ${batch.length} messages to ${findings} was refused as too large`,
        "the batch's one request refused",
      );
      t.same(Object.fromEntries(transport.deadLetterCounts()), {}, 'no finding set aside');

      const seen = await readAll(t, findings);
      const wanted = batch.map(analysisKey);
      const ofBatch = seen.filter((s) => on.has(s.key));
      const times = new Map<string, number>();
      for (const { key } of ofBatch) times.set(key, (times.get(key) ?? 0) + 1);
      t.ok(
        wanted.every((k) => times.has(k)),
        `every finding of the batch on the topic (${times.size} of ${wanted.length})`,
      );
      t.ok(
        ofBatch.every((s) => on.get(s.key) === s.partition),
        "each on its key's partition",
      );
      for (const p of [0, 1]) {
        const firsts = [...new Set(ofBatch.filter((s) => s.partition === p).map((s) => s.key))];
        t.same(
          firsts,
          wanted.filter((k) => on.get(k) === p),
          `partition ${p}: first seen in the batch's order`,
        );
      }
      const copies = (p: number) => wanted.filter((k) => on.get(k) === p).map((k) => times.get(k) ?? 0);
      const extra = (p: number) => copies(p).reduce((n, c) => n + c - 1, 0);
      t.comment(
        `${client}, ${layout}: ${ofBatch.length} findings read for ${wanted.length}: duplicates ${extra(0)} on partition 0 (within the limit; copies ${copies(0).join(', ')}), ${extra(1)} on partition 1 (past it)`,
      );
      // The resend rule: each refusal one copy more at most, and at least halves the largest partition
      // batch sent next; B here bounds the code's count of partition 1's batch (100 bytes a record over).
      const most = 1 + Math.ceil(Math.log2(bytesOn(1) / limit));
      const copiesAll = [...copies(0), ...copies(1)];
      t.ok(
        copiesAll.every((c) => c <= most),
        `each finding at most 1 + ⌈log2(${bytesOn(1)} / ${limit})⌉ = ${most} times (most seen: ${Math.max(...copiesAll)})`,
      );
    },
  );
}
