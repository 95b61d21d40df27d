/**
 * Keyed, ordered, exactly once when nothing fails: 10,000 messages over 50 keys arrive in
 * per-key publish order, in batches of at most maxBatch, each message once, offsets contiguous.
 */
import t from 'tap';
import { EmbeddedBus, partitionOf } from '../src/index.js';
import { collect, messages, perKeyOrdered, tempDir, waitFor } from './helpers.js';

t.test('10,000 messages, 50 keys, maxBatch 64: per-key order and each message exactly once', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir });
  t.teardown(() => bus.close());
  const all = messages(10_000, 50);

  // 40 publishes in the same tick share one group commit: each partition log made durable once
  // (an fdatasync, or its one O_DSYNC write on Linux).
  await Promise.all(Array.from({ length: 40 }, (_, c) => bus.publish(all.slice(c * 250, (c + 1) * 250))));
  t.equal(bus.stats().published, 10_000);
  t.equal(bus.stats().depth, 10_000);
  t.ok(bus.stats().logSyncs <= 4, `40 concurrent publishes cost ${bus.stats().logSyncs} log syncs (≤ 1 per partition)`);

  const got = collect(bus, 64);
  await waitFor(() => bus.stats().committed === 10_000, 'everything committed');

  t.ok(
    got.batches.every((b) => b.length >= 1 && b.length <= 64),
    'every batch holds 1..64 messages',
  );
  t.equal(got.delivered.length, 10_000, 'no message delivered twice');
  t.equal(new Set(got.delivered.map((d) => d.value)).size, 10_000, 'every message delivered');
  t.ok(perKeyOrdered(got.delivered), 'per-key publish order');
  t.ok(
    got.delivered.every((d) => d.partition === partitionOf(d.key, 4)),
    'a key always lands in its hash partition',
  );
  for (let p = 0; p < 4; p++) {
    const offsets = got.delivered.filter((d) => d.partition === p).map((d) => d.offset);
    t.ok(offsets.length > 0, `partition ${p} is used`);
    t.ok(
      offsets.every((o, i) => o === i),
      `partition ${p}: offsets 0..${offsets.length - 1}, contiguous and in order`,
    );
  }
  t.equal(bus.stats().depth, 0);
  t.equal(bus.stats().redelivered, 0);
});

t.test('publishing while the consumer runs keeps per-key order', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 3 });
  t.teardown(() => bus.close());
  const got = collect(bus, 16);
  for (let i = 0; i < 2_000; i += 100) await bus.publish(messages(100, 7, i));
  await waitFor(() => bus.stats().committed === 2_000, 'everything committed');
  t.equal(got.delivered.length, 2_000);
  t.ok(perKeyOrdered(got.delivered), 'per-key publish order');
  t.ok(
    got.batches.every((b) => b.length <= 16),
    'maxBatch respected',
  );
});

t.test('headers and publishedAt come through; a key keeps its partition after a reopen', async (t) => {
  const dir = await tempDir(t);
  const before = Date.now();
  let bus = await EmbeddedBus.open({ dir });
  await bus.publish([{ key: 'robot-a', value: '{"x":1}', headers: { org: 'acme', 'content-type': 'application/json' } }]);
  await bus.close();

  bus = await EmbeddedBus.open({ dir });
  t.teardown(() => bus.close());
  await bus.publish([{ key: 'robot-a', value: 'second' }]);
  const got = collect(bus, 10);
  await waitFor(() => got.delivered.length === 2, 'both delivered');
  const [a, b] = got.delivered;
  t.match(a, { key: 'robot-a', value: '{"x":1}', headers: { org: 'acme', 'content-type': 'application/json' }, offset: 0 });
  t.ok(a!.publishedAt >= before && a!.publishedAt <= Date.now(), 'publishedAt is the publish time (epoch ms)');
  t.equal(b!.partition, a!.partition, 'same key, same partition across runs');
  t.equal(b!.offset, 1);
  t.notOk('headers' in b!, 'no headers when none were published');
});
