/**
 * The partition logs are written synchronized (O_DSYNC) when the bus fsyncs: a publish resolves
 * after one write per touched log, which returns once the data is on disk, instead of a write and
 * an fdatasync. Checked on Linux through /proc/self/fdinfo (the open flags of each log's
 * descriptor): at open (a log reopened for append), after a roll (a new segment), and not with
 * `fsync: false`; and the publishes call no `datasync` on the logs.
 */
import { constants } from 'node:fs';
import { open, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { EmbeddedBus, logFlags, SYNCED_WRITES } from '../src/embedded.js';
import { messages, tempDir } from './helpers.js';

const linux = process.platform === 'linux';

/** The open flags (from /proc/self/fdinfo) of this process's descriptors on `dir`'s `.log` files, by file name. */
async function logFdFlags(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const fd of await readdir('/proc/self/fd')) {
    let target: string;
    try {
      target = await readlink(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.startsWith(`${dir}/`) || !target.endsWith('.log')) continue;
    const info = await readFile(`/proc/self/fdinfo/${fd}`, 'utf8');
    const flags = /^flags:\s+([0-7]+)$/m.exec(info)?.[1];
    if (flags !== undefined) out.set(target.slice(dir.length + 1), Number.parseInt(flags, 8));
  }
  return out;
}

t.test('logFlags: synchronized only when fsync is on', async (t) => {
  t.equal(logFlags('a', false), 'a');
  t.equal(logFlags('wx', false), 'wx');
  if (!SYNCED_WRITES) {
    t.equal(logFlags('a', true), 'a', 'no O_DSYNC on this platform: the flush syncs');
    return;
  }
  const a = logFlags('a', true) as number;
  const wx = logFlags('wx', true) as number;
  t.ok(a & constants.O_DSYNC && wx & constants.O_DSYNC, 'O_DSYNC in both');
  t.ok(a & constants.O_APPEND, "'a' appends");
  t.notOk(wx & constants.O_APPEND, "'wx' does not append");
  t.ok(wx & constants.O_EXCL && wx & constants.O_CREAT, "'wx' creates, exclusively");
});

t.test(
  'every partition log is open with O_DSYNC, after a roll too; publishes call no datasync',
  { skip: !linux && 'Linux /proc only' },
  async (t) => {
    const dir = await tempDir(t);
    const bus = await EmbeddedBus.open({ dir, partitions: 2, segmentBytes: 4096 });
    t.teardown(() => bus.close());
    const atOpen = await logFdFlags(dir);
    t.equal(atOpen.size, 2, 'one open log per partition');
    for (const [name, flags] of atOpen) {
      t.ok(flags & constants.O_DSYNC, `${name}: O_DSYNC at open`);
      t.ok(flags & constants.O_APPEND, `${name}: append`);
    }

    // Count datasync calls on any FileHandle while publishing (the logs' are the only files the publishes touch).
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const datasync = proto.datasync;
    let syncs = 0;
    proto.datasync = function (this: unknown) {
      syncs++;
      return datasync.call(this);
    };
    t.teardown(() => {
      proto.datasync = datasync;
    });
    // 40 publishes of 50 messages one after the other: the segments pass 4 KiB and roll.
    for (let i = 0; i < 40; i++)
      await bus.publish(messages(50, 10, i * 50).map((m) => ({ ...m, value: m.value.padEnd(40, '.') })));
    proto.datasync = datasync;
    t.equal(syncs, 0, 'no datasync: the synchronized writes are on disk when they return');
    t.ok(bus.stats().logSyncs >= 40, `logSyncs still counts each log synchronized (${bus.stats().logSyncs})`);
    t.ok(bus.stats().segments > 2, `the logs rolled (${bus.stats().segments} segments)`);
    const afterRoll = await logFdFlags(dir);
    t.equal(afterRoll.size, 2, 'one open log per partition after the rolls');
    t.notSame([...afterRoll.keys()].sort(), [...atOpen.keys()].sort(), 'the open logs are new segments');
    for (const [name, flags] of afterRoll) t.ok(flags & constants.O_DSYNC, `${name}: O_DSYNC after a roll`);
  },
);

t.test('fsync: false opens the logs without O_DSYNC', { skip: !linux && 'Linux /proc only' }, async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2, fsync: false });
  t.teardown(() => bus.close());
  const flags = await logFdFlags(dir);
  t.equal(flags.size, 2);
  for (const [name, f] of flags) t.notOk(f & constants.O_DSYNC, `${name}: no O_DSYNC`);
});
