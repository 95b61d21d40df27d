/**
 * A group commit whose write fails on one log after another log's write landed (on Linux that
 * write is on disk already, O_DSYNC): the publish rejects, every touched log is cut back to its
 * size before the group and, with fsync, fdatasync'd so the cut is durable too; a later publish
 * works, and a reopened bus delivers nothing of the undone group. The failure is an ENOSPC
 * injected into the second log's write.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { EmbeddedBus } from '../src/embedded.js';
import { partitionOf } from '../src/log.js';
import { collect, logFiles, tempDir, waitFor } from './helpers.js';

type Proto = {
  write: (this: unknown, ...args: unknown[]) => Promise<unknown>;
  datasync: (this: unknown) => Promise<void>;
};

t.test('a failed write in a two-log group is undone: truncated, synced, never delivered', async (t) => {
  const dir = await tempDir(t);
  let bus = await EmbeddedBus.open({ dir, partitions: 2 });
  const keys: string[] = [];
  for (let i = 0; keys.length < 2; i++) if (partitionOf(`k${i}`, 2) === keys.length) keys.push(`k${i}`);
  await bus.publish([
    { key: keys[0]!, value: 'before-0' },
    { key: keys[1]!, value: 'before-1' },
  ]);
  const before = await logFiles(dir);
  t.equal(before.length, 2);

  const probe = await open(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as Proto;
  await probe.close();
  const { write, datasync } = proto;
  const restore = () => {
    proto.write = write;
    proto.datasync = datasync;
  };
  t.teardown(restore);
  let writes = 0;
  let firstLanded = false;
  const synced: unknown[] = [];
  proto.datasync = function (this: unknown) {
    synced.push(this);
    return datasync.call(this);
  };
  proto.write = async function (this: unknown, ...args: unknown[]) {
    writes++;
    if (writes === 2) {
      await new Promise((r) => setTimeout(r, 50)); // the first log's write lands first
      throw Object.assign(new Error('ENOSPC: no space left on device, write (injected)'), { code: 'ENOSPC' });
    }
    const r = await write.apply(this, args);
    firstLanded = true;
    return r;
  };
  const err = await bus
    .publish([
      { key: keys[0]!, value: 'group-0' },
      { key: keys[1]!, value: 'group-1' },
    ])
    .then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
  restore();
  t.equal(err?.code, 'ENOSPC', 'the publish rejects with the write error');
  t.equal(writes, 2, 'one write per touched log');
  t.ok(firstLanded, "the first log's write had landed before the second failed");
  t.same(await logFiles(dir), before, 'both logs cut back to their sizes before the group');
  t.equal(synced.length, 2, 'one datasync per cut log');
  t.equal(new Set(synced).size, 2, 'on each of the two logs');

  await bus.publish([{ key: keys[0]!, value: 'after-0' }]);
  t.ok((await stat(join(dir, before[0]!.name))).size > before[0]!.size, 'a later publish appends');
  await bus.close();

  bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(() => bus.close());
  const got = collect(bus, 100);
  await waitFor(() => got.delivered.length >= 3, 'the three accepted messages');
  await new Promise((r) => setTimeout(r, 100)); // anything more would arrive now
  t.same(got.delivered.map((d) => d.value).sort(), ['after-0', 'before-0', 'before-1'], 'nothing of the undone group');
});
