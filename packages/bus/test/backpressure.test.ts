/**
 * Bounded: the bus refuses (whole calls) past its capacity with BusFullError and a retry hint,
 * reports saturation from the high-water mark on, and takes messages again once consumed.
 */
import t from 'tap';
import { BusFullError, EmbeddedBus } from '../src/index.js';
import { collect, messages, tempDir, waitFor } from './helpers.js';

t.test('capacity 100: the 101st message is refused until the consumer catches up', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, capacity: 100 });
  t.teardown(() => bus.close());
  t.equal(bus.stats().highWater, 80);

  await bus.publish(messages(79, 10));
  t.notOk(bus.saturated(), 'below the high-water mark');
  await bus.publish(messages(1, 10, 79));
  t.ok(bus.saturated(), 'saturated at the high-water mark (80 of 100)');

  await bus.publish(messages(10, 10, 80));
  await t.rejects(bus.publish(messages(11, 10, 1000)), BusFullError, '90 + 11 > 100: refused');
  t.equal(bus.stats().depth, 90, 'all-or-nothing: none of the 11 was taken');
  await bus.publish(messages(10, 10, 90));
  t.equal(bus.stats().depth, 100);

  const err = await bus.publish(messages(1, 10, 2000)).catch((e: unknown) => e);
  t.ok(err instanceof BusFullError, 'the 101st: BusFullError');
  const full = err as BusFullError;
  t.ok(full.retryAfterMs > 0 && full.retryAfterMs <= 30_000, `retryAfterMs ${full.retryAfterMs}`);
  t.match(full.message, /full/);
  t.equal(bus.stats().backpressureEvents, 2);
  t.equal(bus.stats().depth, 100, 'the bus did not grow');

  const got = collect(bus, 32);
  await waitFor(() => bus.stats().depth === 0, 'drained');
  t.notOk(bus.saturated(), 'readiness back once drained');
  await bus.publish(messages(1, 10, 100));
  await waitFor(() => bus.stats().committed === 101, 'the new message consumed');
  t.same(
    got.delivered.map((d) => Number(d.value)).sort((a, b) => a - b),
    Array.from({ length: 101 }, (_, i) => i),
    'exactly the accepted messages were delivered, none of the refused ones',
  );
});

t.test('the retry hint follows the commit rate, within 100 ms .. 30 s', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, capacity: 100, fsync: false });
  t.teardown(() => bus.close());
  await bus.publish(messages(100, 10));
  bus.consume(() => new Promise((r) => setTimeout(r, 20)), { maxBatch: 10 }); // ~500 messages/s
  await waitFor(() => bus.stats().committed >= 20, 'some consumed');
  const err = (await bus.publish(messages(100, 10, 100)).catch((e: unknown) => e)) as BusFullError;
  t.ok(err instanceof BusFullError);
  t.ok(err.retryAfterMs >= 100 && err.retryAfterMs < 10_000, `retryAfterMs ${err.retryAfterMs} from the observed rate`);
  t.equal(err.requested, 100);
});

t.test('a single publish larger than the capacity could never succeed: RangeError, not BusFullError', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, capacity: 10 });
  t.teardown(() => bus.close());
  const err = await bus.publish(messages(11, 2)).catch((e: unknown) => e);
  t.ok(err instanceof RangeError && !(err instanceof BusFullError));
  t.equal(bus.stats().depth, 0);
});
