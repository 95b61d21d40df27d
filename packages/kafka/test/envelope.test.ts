/**
 * Envelopes are encoded once on the Kafka transport (issue 14 item 2), against the real broker
 * and registry of deploy/local: publish encodes the message's envelope object to Avro and never
 * reads its JSON `value`; consume hands the envelope over as an object with the Avro size, and
 * JSON is made only when something asks for `value` (a dead letter), equal to the envelope.
 */
import { randomBytes } from 'node:crypto';
import type { Delivered } from '@faultline/bus';
import { type Envelope, type EpisodeRecord, fromMessage, toMessage } from '@faultline/core';
import t from 'tap';
import { AvroCodec, KafkaTransport } from '../src/index.js';
import { ensureRegistry } from './helpers.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');

const envelope = (id: string): Envelope => ({
  record: { kind: 'episode', episode_id: id, robot_id: 'robot-1', org_id: 'acme', status: 'failed' } as EpisodeRecord,
  org: 'acme',
  merge: true,
  actor: 'key-1',
  received_at: '2026-12-04T10:00:00.000Z',
});

/** toMessage's message, whose JSON `value` throws when read: a transport that reads it fails. */
function withoutJson(env: Envelope) {
  const m = toMessage(env);
  return Object.defineProperty({ key: m.key, headers: m.headers, envelope: m.envelope }, 'value', {
    enumerable: true,
    get: () => {
      throw new Error('the JSON value was read');
    },
  }) as typeof m;
}

t.test('publish encodes the envelope object; consume hands it over as an object with its Avro size', async (t) => {
  const registryUrl = await ensureRegistry(t);
  const prefix = `fltest-env-${randomBytes(3).toString('hex')}`;
  const codec = await AvroCodec.connect(registryUrl, { prefix });
  const transport = await KafkaTransport.connect({ brokers, codec, prefix, partitions: 1, clientId: 'faultline-env-test' });
  t.teardown(() => transport.close());

  // A message as a test or an older caller makes it (JSON value only) is still taken: the positive control.
  const plain = toMessage(envelope('env-0'));
  await transport.publish([{ key: plain.key, value: plain.value, headers: plain.headers }]);
  await transport.publish([withoutJson(envelope('env-1'))]);
  t.pass('published without reading the JSON value');

  const got: Delivered[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${got.length} of 2 delivered within 60 s`)), 60_000);
    transport.consume(
      async (batch) => {
        got.push(...batch);
        if (got.length >= 2) {
          clearTimeout(timer);
          resolve();
        }
      },
      { maxBatch: 10 },
    );
  });
  for (const [i, d] of got.entries()) {
    t.same(d.envelope, envelope(`env-${i}`), `message ${i}: handed over as the envelope object`);
    t.ok(d.size !== undefined && d.size > 0, `message ${i}: its size is the Avro value's (${d.size} bytes)`);
    t.ok((d.size ?? 0) < JSON.stringify(d.envelope).length, `message ${i}: smaller than the JSON it was not turned into`);
    const json = fromMessage(d.value);
    t.same(json.ok ? json.envelope : undefined, d.envelope, `message ${i}: its JSON value, made when read, says the same`);
  }
});
