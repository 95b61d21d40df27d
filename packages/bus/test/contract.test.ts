/**
 * The edges of the contract a caller meets: malformed messages, option errors, one owner per
 * directory, the partition count fixed per directory.
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { type BusMessage, EmbeddedBus } from '../src/index.js';
import { tempDir } from './helpers.js';

t.test('a malformed message refuses the whole call', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir });
  t.teardown(() => bus.close());
  const bad = [
    { key: 'a', value: '1' },
    { key: 'b', value: 2 },
  ] as unknown as BusMessage[];
  await t.rejects(bus.publish(bad), TypeError);
  await t.rejects(bus.publish([{ key: 'a', value: '1', headers: { n: 1 } }] as unknown as BusMessage[]), TypeError);
  await bus.publish([]);
  t.equal(bus.stats().depth, 0, 'nothing taken');
  t.throws(() => bus.consume(async () => {}, { maxBatch: 0 }), RangeError);
  bus.consume(async () => {}, { maxBatch: 1 });
  t.throws(() => bus.consume(async () => {}, { maxBatch: 1 }), /already/, 'one consumer loop per bus');
});

t.test("one owner per directory; a dead owner's lock is taken over", async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir });
  await t.rejects(EmbeddedBus.open({ dir }), /already open/);
  await bus.close();

  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  await writeFile(join(dir, 'LOCK'), `${dead}\n`);
  const again = await EmbeddedBus.open({ dir });
  await again.close();
  t.pass('opened over the stale lock');
});

t.test('the partition count is fixed per directory', async (t) => {
  const dir = await tempDir(t);
  await (await EmbeddedBus.open({ dir, partitions: 4 })).close();
  await t.rejects(EmbeddedBus.open({ dir, partitions: 8 }), /created with 4 partitions/);
  await (await EmbeddedBus.open({ dir, partitions: 4 })).close();
  await t.rejects(EmbeddedBus.open({ dir, capacity: 0 }), RangeError);
  await t.rejects(EmbeddedBus.open({ dir, highWaterRatio: 1.5 }), RangeError);
});
