/**
 * Bounded in bytes, not only in records: past `capacityBytes` unconsumed bytes the bus refuses
 * (whole calls) with BusFullError in bytes, reports saturation from the byte high-water mark on,
 * takes publishes again once the consumer committed, and hands the consumer batches bounded in
 * bytes as well as in records.
 */
import t from 'tap';
import { BusFullError, type BusMessage, EmbeddedBus } from '../src/index.js';
import { collect, tempDir, waitFor } from './helpers.js';

/** n messages of about `kb` KiB each, values `<from + i>:<padding>`. */
function large(n: number, kb: number, from = 0): BusMessage[] {
  return Array.from({ length: n }, (_, i) => ({ key: `robot-${(from + i) % 4}`, value: `${from + i}:${'x'.repeat(kb * 1024)}` }));
}
const seqOf = (value: string) => Number(value.slice(0, value.indexOf(':')));

t.test('publish is refused past the byte budget, however few the records, and accepted again after commit', async (t) => {
  const dir = await tempDir(t);
  // Room for 100,000 records but only 1 MiB: ten 100 KiB messages fill it.
  const bus = await EmbeddedBus.open({ dir, capacity: 100_000, capacityBytes: 1024 * 1024, fsync: false });
  t.teardown(() => bus.close());
  t.equal(bus.stats().capacityBytes, 1024 * 1024);

  await bus.publish(large(7, 100));
  t.notOk(bus.saturated(), '7 of 10 messages: below the byte high-water mark (80%)');
  await bus.publish(large(2, 100, 7));
  t.ok(bus.saturated(), 'saturated past 80% of the bytes while the record count is tiny');
  const err = await bus.publish(large(2, 100, 9)).catch((e: unknown) => e);
  t.ok(err instanceof BusFullError, 'over the byte budget: BusFullError');
  const full = err as BusFullError;
  t.equal(full.unit, 'bytes');
  t.match(full.message, /bytes unconsumed of a budget of 1048576/);
  t.ok(full.retryAfterMs >= 100 && full.retryAfterMs <= 30_000, `a retry hint (${full.retryAfterMs} ms)`);
  t.equal(bus.stats().depth, 9, 'all-or-nothing: none of the refused call was taken');
  t.ok(bus.stats().depthBytes! <= 1024 * 1024, `depthBytes ${bus.stats().depthBytes} within the budget`);

  const got = collect(bus, 100);
  await waitFor(() => bus.stats().depth === 0, 'drained');
  t.equal(bus.stats().depthBytes, 0, 'committed bytes are given back');
  t.notOk(bus.saturated(), 'not saturated once drained');
  await bus.publish(large(9, 100, 100));
  await waitFor(() => bus.stats().committed === 18, 'the new messages consumed');
  t.same(
    got.delivered.map((d) => seqOf(d.value)).sort((a, b) => a - b),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 100, 101, 102, 103, 104, 105, 106, 107, 108],
    'exactly the accepted messages were delivered',
  );
});

t.test('a single call larger than the byte budget could never succeed: RangeError', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, capacityBytes: 64 * 1024, fsync: false });
  t.teardown(() => bus.close());
  const err = await bus.publish(large(1, 65)).catch((e: unknown) => e);
  t.ok(err instanceof RangeError && !(err instanceof BusFullError), 'RangeError (ingest answers 413)');
  await bus.publish(large(1, 60));
  t.equal(bus.stats().depth, 1, 'positive control: a message within the budget is taken');
});

t.test('batches are bounded in bytes too (a message larger than the bound goes alone)', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2, capacityBytes: 16 * 1024 * 1024, fsync: false });
  t.teardown(() => bus.close());
  await bus.publish([...large(40, 10), ...large(1, 300, 40), ...large(10, 10, 41)]);
  const batches: number[][] = [];
  const sizes: number[] = [];
  bus.consume(
    async (batch) => {
      batches.push(batch.map((d) => seqOf(d.value)));
      sizes.push(batch.reduce((s, d) => s + d.value.length, 0));
    },
    { maxBatch: 1000, maxBatchBytes: 64 * 1024 },
  );
  await waitFor(() => bus.stats().committed === 51, 'all consumed');
  t.same(
    batches.flat().sort((a, b) => a - b),
    Array.from({ length: 51 }, (_, i) => i),
    'every message once',
  );
  t.ok(batches.length >= 9, `51 messages in ${batches.length} batches, not one`);
  const over = sizes.filter((s, i) => s > 64 * 1024 && batches[i]!.length > 1);
  t.same(over, [], 'no batch of several messages exceeds 64 KiB');
  t.ok(
    batches.some((b) => b.length === 1 && b[0] === 40),
    'the 300 KiB message was delivered, alone',
  );
});

t.test('each call is told whether its batch stopped at a limit (DeliveryInfo.full): by records or by bytes', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2, capacityBytes: 16 * 1024 * 1024, fsync: false });
  t.teardown(() => bus.close());
  await bus.publish(large(25, 10)); // ~10 KiB frames: six fit in 64 KiB, a seventh would not
  const calls: [number, boolean | undefined][] = [];
  bus.consume(
    async (batch, info) => {
      calls.push([batch.length, info?.full]);
    },
    { maxBatch: 1000, maxBatchBytes: 64 * 1024 },
  );
  await waitFor(() => bus.stats().committed === 25, 'all consumed');
  t.same(
    calls,
    [
      [6, true],
      [6, true],
      [6, true],
      [6, true],
      [1, false],
    ],
    'cut at 64 KiB: full; the rest: not',
  );

  const dir2 = await tempDir(t);
  const bus2 = await EmbeddedBus.open({ dir: dir2, partitions: 2, fsync: false });
  t.teardown(() => bus2.close());
  await bus2.publish(large(25, 0));
  const calls2: [number, boolean | undefined][] = [];
  bus2.consume(
    async (batch, info) => {
      calls2.push([batch.length, info?.full]);
    },
    { maxBatch: 10 },
  );
  await waitFor(() => bus2.stats().committed === 25, 'all consumed');
  t.same(
    calls2,
    [
      [10, true],
      [10, true],
      [5, false],
    ],
    'maxBatch 10: full at 10; the rest: not',
  );
});
