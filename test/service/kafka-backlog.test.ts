/**
 * Distributed mode's share of the hardening (real Kafka + schema registry of deploy/local):
 * - the topics faultline creates carry a stated `retention.ms` (KAFKA_RETENTION_HOURS), so raw
 *   records do not stay on the broker for ever;
 * - a consumer stuck on one batch (its handler fails every time) shows as stalled through the
 *   same rule /readyz uses (backlogState), and a consumer that advances does not.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backlogState } from '@faultline/bus';
import { toMessage } from '@faultline/core';
import { AvroCodec, KafkaTransport, topicsFor } from '@faultline/kafka';
import kafkajs from 'kafkajs';
import t from 'tap';
import { startService, until } from './harness.js';

const brokers = process.env.KAFKA_BROKERS;
const registry = process.env.SCHEMA_REGISTRY_URL;
if (!brokers || !registry) {
  t.fail('KAFKA_BROKERS and SCHEMA_REGISTRY_URL must be set: run through deploy/local/with-stack.sh (npm test does)');
  process.exit(1);
}
const { ConfigResourceTypes, Kafka, logLevel } = kafkajs;
const kafka = new Kafka({ clientId: 'faultline-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
t.teardown(() => admin.disconnect());

async function retentionOf(topics: readonly string[]): Promise<Record<string, string | undefined>> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
  });
  return Object.fromEntries(
    described.resources.map((r) => [r.resourceName, r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue]),
  );
}

t.test('the topics faultline creates keep records for KAFKA_RETENTION_HOURS', async (t) => {
  const prefix = `fltest-retention-${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'faultline-retention-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const svc = await startService('ingest', {
    KAFKA_BROKERS: brokers,
    SCHEMA_REGISTRY_URL: registry,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: '1',
    KAFKA_RETENTION_HOURS: '5',
    FAULTLINE_DATA_DIR: dir,
    FAULTLINE_ADMIN_KEY: 'retention-admin-key-0123456789',
  });
  t.teardown(() => svc.stop());
  const topics = topicsFor(prefix);
  const existing = new Set(await admin.listTopics());
  t.ok(
    topics.all.every((name) => existing.has(name)),
    'positive control: the service created its topics',
  );
  const retention = await retentionOf(topics.all);
  t.same(
    retention,
    Object.fromEntries(topics.all.map((name) => [name, String(5 * 3_600_000)])),
    'every topic (inputs, findings, dead letter): retention.ms = 5 h',
  );
});

t.test('a Kafka consumer whose batch fails every time is stalled; once it commits, it is not', async (t) => {
  const prefix = `fltest-stall-${randomBytes(3).toString('hex')}`;
  const codec = await AvroCodec.connect(registry, { prefix });
  const transport = await KafkaTransport.connect({
    brokers: brokers.split(','),
    codec,
    prefix,
    groupId: `${prefix}-analyzers`,
    partitions: 1,
    retentionMs: 3_600_000,
  });
  t.teardown(() => transport.close());
  const record = { kind: 'log' as const, log_id: 'stuck-1', org_id: 'acme', error_message: 'boom', logs: 'RuntimeError: boom' };
  await transport.publish([toMessage({ record, org: 'acme', received_at: new Date().toISOString() })]);
  t.equal(transport.backlog().waiting, 0, 'nothing in hand before consuming');

  let fail = true;
  let attempts = 0;
  let committed = 0;
  transport.consume(
    async (batch) => {
      attempts++;
      if (fail) throw new Error('the store refuses this batch');
      committed += batch.length;
    },
    { maxBatch: 100 },
  );
  await until('the batch handed over and failed twice', 60_000, async () => attempts >= 2);
  const stuck = transport.backlog();
  t.equal(stuck.waiting, 1, 'the failing record is in hand');
  t.ok(stuck.oldestWaitingAt !== undefined, 'with its publish time');
  const stallMs = 60_000;
  const later = Math.max(stuck.oldestWaitingAt as number, stuck.progressAt) + stallMs + 1;
  t.ok(backlogState(stuck, later, stallMs).stalled, 'no commit for longer than the bound: stalled');
  t.notOk(backlogState(stuck, stuck.progressAt + 1000, stallMs).stalled, 'not before the bound');

  fail = false;
  await until('the batch committed', 60_000, async () => committed === 1);
  await until('nothing in hand', 10_000, async () => transport.backlog().waiting === 0);
  t.notOk(backlogState(transport.backlog(), later, stallMs).stalled, 'after the commit: not stalled');
});
