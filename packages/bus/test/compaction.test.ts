/**
 * The disk does not grow forever: consumed segments are deleted (live, past segmentBytes) and a
 * fully committed log starts over empty at open, while offsets keep increasing across rotations.
 */
import t from 'tap';
import { EmbeddedBus } from '../src/index.js';
import { collect, logBytes, logFiles, messages, tempDir, waitFor } from './helpers.js';

t.test('live: segments roll past segmentBytes and consumed ones are deleted', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2, segmentBytes: 4096 });
  t.teardown(() => bus.close());
  for (let i = 0; i < 3000; i += 100) await bus.publish(messages(100, 6, i));
  const before = await logBytes(dir);
  t.ok((await logFiles(dir)).length > 4, `the logs rolled into ${(await logFiles(dir)).length} segments`);
  t.equal(bus.stats().diskBytes, before);

  const got = collect(bus, 64);
  await waitFor(() => bus.stats().committed === 3000, 'everything consumed');
  await waitFor(async () => (await logBytes(dir)) < 16 * 1024, 'consumed segments deleted');
  const after = await logBytes(dir);
  t.ok(after < before / 5, `log files shrank from ${before} to ${after} bytes`);

  const lastOffset = [0, 1].map((p) => Math.max(...got.delivered.filter((d) => d.partition === p).map((d) => d.offset)));
  await bus.publish(messages(20, 6, 3000));
  await waitFor(() => bus.stats().committed === 3020, 'new messages consumed');
  const fresh = got.delivered.slice(3000);
  t.ok(
    fresh.every((d) => d.offset > lastOffset[d.partition]!),
    'offsets keep increasing after the rotation',
  );
});

t.test('at open: a fully committed log starts over empty, offsets continue', async (t) => {
  const dir = await tempDir(t);
  // No sweep while running (it would delete the committed segments first: retention.test.ts).
  let bus = await EmbeddedBus.open({ dir, partitions: 2, sweepMs: 600_000 });
  await bus.publish(messages(500, 6));
  let got = collect(bus, 64);
  await waitFor(() => bus.stats().committed === 500, 'everything consumed');
  await bus.close();
  t.ok((await logBytes(dir)) > 0, 'without a sweep, below segmentBytes nothing is deleted while running');
  const lastOffset = [0, 1].map((p) => Math.max(...got.delivered.filter((d) => d.partition === p).map((d) => d.offset)));

  bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(() => bus.close());
  t.equal(await logBytes(dir), 0, 'the reopened logs are empty');
  t.equal((await logFiles(dir)).length, 2, 'one segment per partition');
  got = collect(bus, 64);
  await bus.publish(messages(10, 6, 500));
  await waitFor(() => bus.stats().committed === 10, 'new messages consumed');
  for (const p of [0, 1]) {
    const offsets = got.delivered.filter((d) => d.partition === p).map((d) => d.offset);
    t.same(
      offsets,
      offsets.map((_, i) => lastOffset[p]! + 1 + i),
      `partition ${p}: offsets continue right after ${lastOffset[p]}`,
    );
  }
});
