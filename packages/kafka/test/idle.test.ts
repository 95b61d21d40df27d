/**
 * The Kafka transport tells the consumer when it can hand over nothing more before a handler call
 * resolves (`onIdle`), against the real broker and registry of deploy/local: with kafkajs, every
 * batch of the last fetch is then with the handler, and the client fetches again only once they are
 * all handled. The consumer then flushes the partial batch it holds back for its linger instead of
 * waiting it out (the next fetch waited for that batch too).
 */
import { randomBytes } from 'node:crypto';
import type { Delivered } from '@faultline/bus';
import { type FaultlineRecord, toMessage } from '@faultline/core';
import t from 'tap';
import { AvroCodec, KafkaTransport } from '../src/index.js';
import { log } from './fixtures.js';
import { ensureRegistry } from './helpers.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

t.test('onIdle: called once every batch of the fetch is with the handler, not before', async (t) => {
  const registryUrl = await ensureRegistry(t);
  const prefix = `fltest-idle-${randomBytes(3).toString('hex')}`;
  const codec = await AvroCodec.connect(registryUrl, { prefix });
  const transport = await KafkaTransport.connect({ brokers, codec, prefix, partitions: 4, clientId: 'faultline-idle-test' });
  t.teardown(() => transport.close());

  const at = new Date().toISOString();
  const envelopes = Array.from({ length: 80 }, (_, i) => ({
    record: { ...log, log_id: `idle-log-${i}` } as FaultlineRecord,
    org: 'acme',
    received_at: at,
  }));
  await transport.publish(envelopes.map(toMessage));

  // Handler calls held open until onIdle (or 20 s); what was in hand when it was called.
  let seen = 0;
  let inHand = 0;
  const partitions = new Set<number>();
  const atIdle: { seen: number; inHand: number; partitions: number }[] = [];
  let release: (why: string) => void = () => undefined;
  const released = new Promise<string>((r) => {
    release = r;
  });
  let timer: NodeJS.Timeout | undefined;
  transport.consume(
    async (batch: Delivered[]) => {
      // 20 s from the first hand-over (joining the group may take long on a loaded machine).
      timer ??= setTimeout(() => release('no onIdle within 20 s of the first hand-over'), 20_000);
      seen += batch.length;
      inHand += 1;
      partitions.add(batch[0]?.partition ?? -1);
      await released;
      inHand -= 1;
    },
    {
      maxBatch: 1000,
      onIdle: () => {
        atIdle.push({ seen, inHand, partitions: partitions.size });
        release('onIdle');
      },
    },
  );
  t.equal(await released, 'onIdle', 'the transport said it can hand over nothing more');
  clearTimeout(timer);
  t.equal(atIdle[0]?.seen, envelopes.length, 'every record of the fetch was handed over by then');
  t.ok((atIdle[0]?.partitions ?? 0) > 1, `records on ${atIdle[0]?.partitions} partitions`);
  t.equal(atIdle[0]?.inHand, atIdle[0]?.partitions, "every partition's batch, all waiting for the handler");
});
