/**
 * At-least-once: a throwing handler gets the very same batch again after a backoff, nothing is
 * lost, and offsets move only after the handler resolved (also across a restart).
 */
import t from 'tap';
import { type Delivered, EmbeddedBus } from '../src/index.js';
import { collect, messages, perKeyOrdered, tempDir, waitFor } from './helpers.js';

const ids = (batch: Delivered[]) => batch.map((d) => `${d.partition}:${d.offset}:${d.value}`);

t.test('the handler throws on its first call: the same messages come again, none lost', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir });
  t.teardown(() => bus.close());
  await bus.publish(messages(10, 5));

  const calls: string[][] = [];
  const committedDuringCall: number[] = [];
  const delivered: Delivered[] = [];
  bus.consume(
    async (batch) => {
      calls.push(ids(batch));
      committedDuringCall.push(bus.stats().committed);
      if (calls.length === 1) {
        // More messages arrive while the failing call runs: the retry is still the same batch.
        await bus.publish(messages(5, 5, 10));
        throw new Error('store unavailable');
      }
      delivered.push(...batch);
    },
    { maxBatch: 64 },
  );
  await waitFor(() => bus.stats().committed === 15, 'all 15 committed');

  t.ok(calls.length >= 3, 'failed call, its retry, then the later messages');
  t.same(calls[1], calls[0], 'the retry is exactly the failed batch (same partitions, offsets, values)');
  t.equal(calls[0]!.length, 10);
  t.same(committedDuringCall.slice(0, 2), [0, 0], 'nothing committed while the batch was failing');
  t.equal(bus.stats().redelivered, 10, 'redelivered counts the messages handed over again');
  t.same(
    delivered.map((d) => Number(d.value)).sort((a, b) => a - b),
    Array.from({ length: 15 }, (_, i) => i),
    'every message handled successfully once',
  );
  t.ok(perKeyOrdered(delivered), 'per-key order kept across the retry');
});

t.test('backoff between retries starts at 100 ms and doubles', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir });
  t.teardown(() => bus.close());
  await bus.publish(messages(3, 3));
  const at: number[] = [];
  bus.consume(
    async () => {
      at.push(performance.now());
      if (at.length <= 3) throw new Error('boom');
    },
    { maxBatch: 10 },
  );
  await waitFor(() => bus.stats().committed === 3, 'committed after 3 failures');
  const gaps = [at[1]! - at[0]!, at[2]! - at[1]!, at[3]! - at[2]!];
  t.ok(gaps[0]! >= 95 && gaps[1]! >= 195 && gaps[2]! >= 395, `gaps ${gaps.map(Math.round).join(', ')} ms ≈ 100, 200, 400`);
  t.equal(bus.stats().redelivered, 9);
});

t.test('a handler that never succeeds commits nothing: after a restart everything comes again', async (t) => {
  const dir = await tempDir(t);
  let bus = await EmbeddedBus.open({ dir, partitions: 2 });
  await bus.publish(messages(20, 4));
  let calls = 0;
  bus.consume(
    async () => {
      calls++;
      throw new Error('always');
    },
    { maxBatch: 8 },
  );
  await waitFor(() => calls >= 2, 'a failure and a retry');
  const t0 = performance.now();
  await bus.close();
  t.ok(performance.now() - t0 < 1_000, 'close does not sit out the backoff');
  t.equal(bus.stats().committed, 0);

  bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(() => bus.close());
  t.equal(bus.stats().depth, 20, 'all 20 still pending after the restart');
  const got = collect(bus, 8);
  await waitFor(() => bus.stats().committed === 20, 'all committed');
  t.same(
    got.delivered.map((d) => Number(d.value)).sort((a, b) => a - b),
    Array.from({ length: 20 }, (_, i) => i),
  );
  t.ok(perKeyOrdered(got.delivered));
});
