/**
 * On Linux the partition logs are written synchronized (O_DSYNC) when the bus fsyncs: a publish
 * resolves after one write per touched log, which returns once its bytes are on disk, instead of a
 * write and an fdatasync. Checked on Linux through /proc/self/fdinfo (the open flags of each log's
 * descriptor): at open (a log reopened for append), after a roll (a new segment), and not with
 * `fsync: false`; and the publishes call no `datasync` on the logs. Elsewhere (macOS: F_FULLFSYNC;
 * Windows: no O_DSYNC) the commit fdatasyncs: the decision per platform, and the commit deciding
 * per partition from how its log was opened. And since an O_DSYNC write syncs only its own bytes,
 * each active log is fdatasync'd once at open.
 */
import { constants, readlinkSync } from 'node:fs';
import { type FileHandle, open, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { EmbeddedBus, logFlags, SYNCED_WRITES, syncedWrites } from '../src/embedded.js';
import { partitionOf } from '../src/log.js';
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

type DatasyncProto = { datasync: (this: FileHandle) => Promise<void> };

/** Counts `datasync` calls on any FileHandle from now until the returned restore() (tap teardown restores too). */
async function hookDatasync(
  t: { teardown: (fn: () => unknown) => void },
  dir: string,
): Promise<{ calls: FileHandle[]; restore: () => void }> {
  const probe = await open(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as DatasyncProto;
  await probe.close();
  const datasync = proto.datasync;
  const calls: FileHandle[] = [];
  proto.datasync = function (this: FileHandle) {
    calls.push(this);
    return datasync.call(this);
  };
  const restore = () => {
    proto.datasync = datasync;
  };
  t.teardown(restore);
  return { calls, restore };
}

type Internals = { parts: { handle: FileHandle; synced: boolean; segments: { name: string }[] }[] };

t.test('syncedWrites: O_DSYNC logs on Linux only', async (t) => {
  t.equal(syncedWrites('linux', 0o10000), true, 'linux with O_DSYNC');
  t.equal(syncedWrites('linux', undefined), false, 'linux without the constant');
  t.equal(syncedWrites('darwin', 0x400000), false, "darwin: O_DSYNC is not datasync's F_FULLFSYNC");
  t.equal(syncedWrites('freebsd', 0x1000000), false, 'freebsd');
  t.equal(syncedWrites('win32', undefined), false, 'win32: no O_DSYNC');
  t.equal(SYNCED_WRITES, syncedWrites(process.platform, constants.O_DSYNC), 'this process follows the same rule');
  t.equal(SYNCED_WRITES, linux, `this platform (${process.platform})`);
});

t.test('logFlags: O_DSYNC only when synchronized', { skip: !SYNCED_WRITES && 'no synchronized logs here' }, async (t) => {
  t.equal(logFlags('a', false), 'a');
  t.equal(logFlags('wx', false), 'wx');
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
    const hook = await hookDatasync(t, dir);
    // 40 publishes of 50 messages one after the other: the segments pass 4 KiB and roll.
    for (let i = 0; i < 40; i++)
      await bus.publish(messages(50, 10, i * 50).map((m) => ({ ...m, value: m.value.padEnd(40, '.') })));
    hook.restore();
    t.equal(hook.calls.length, 0, 'no datasync: the synchronized writes are on disk when they return');
    t.ok(bus.stats().logSyncs >= 40, `logSyncs still counts each log made durable (${bus.stats().logSyncs})`);
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

t.test("each active log is fdatasync'd once at open when fsync is on (bytes an earlier run left unsynced)", async (t) => {
  const dir = await tempDir(t);
  // A directory last written with fsync off: both logs hold bytes never synced, none committed.
  let bus = await EmbeddedBus.open({ dir, partitions: 2, fsync: false });
  await bus.publish(messages(40, 10).map((m) => ({ ...m, value: m.value.padEnd(2000, '.') })));
  await bus.close();

  const hook = await hookDatasync(t, dir);
  const targets: string[] = [];
  const seen = hook.calls.length;
  bus = await EmbeddedBus.open({ dir, partitions: 2 }); // fsync on, the default
  hook.restore();
  t.teardown(() => bus.close());
  const atOpen = hook.calls.slice(seen);
  if (linux) for (const h of atOpen) targets.push(readlinkSync(`/proc/self/fd/${h.fd}`));
  t.equal(atOpen.length, 2, 'one datasync per partition during open');
  t.equal(new Set(atOpen).size, 2, 'on two different handles');
  const active = (bus as unknown as Internals).parts.map((p) => p.handle);
  t.ok(
    atOpen.every((h) => active.includes(h)),
    "the partitions' active logs",
  );
  if (linux)
    t.same(
      targets.sort(),
      (bus as unknown as Internals).parts.map((p) => join(dir, p.segments.at(-1)!.name)).sort(),
      'the active segment files',
    );
  t.equal(bus.stats().logSyncs, 0, 'not counted as a group commit');

  // fsync off: no datasync at open.
  await bus.close();
  const hook2 = await hookDatasync(t, dir);
  bus = await EmbeddedBus.open({ dir, partitions: 2, fsync: false });
  hook2.restore();
  t.equal(hook2.calls.length, 0, 'fsync: false syncs nothing at open');
});

t.test('the commit fdatasyncs exactly the touched logs whose handle was not opened synchronized', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(() => bus.close());
  const parts = (bus as unknown as Internals).parts;
  t.same(
    parts.map((p) => p.synced),
    [SYNCED_WRITES, SYNCED_WRITES],
    'each partition records how its log was opened',
  );
  if (linux) {
    const flags = await logFdFlags(dir);
    for (const p of parts)
      t.equal(
        Boolean(flags.get(p.segments.at(-1)!.name)! & constants.O_DSYNC),
        p.synced,
        `${p.segments.at(-1)!.name}: the recorded flag is the descriptor's`,
      );
  }
  // A path that opens a log without O_DSYNC (here: partition 0's handle replaced by a plain append one).
  const old = parts[0]!.handle;
  parts[0]!.handle = await open(join(dir, parts[0]!.segments.at(-1)!.name), 'a');
  parts[0]!.synced = false;
  await old.close();
  const keys: string[] = [];
  for (let i = 0; keys.length < 2; i++) if (partitionOf(`k${i}`, 2) === keys.length) keys.push(`k${i}`);

  const hook = await hookDatasync(t, dir);
  await bus.publish([
    { key: keys[0]!, value: 'a' },
    { key: keys[1]!, value: 'b' },
  ]);
  hook.restore();
  t.equal(hook.calls.filter((h) => h === parts[0]!.handle).length, 1, 'the log opened plain: one datasync');
  t.equal(
    hook.calls.filter((h) => h === parts[1]!.handle).length,
    parts[1]!.synced ? 0 : 1,
    parts[1]!.synced ? 'the O_DSYNC log: none' : 'no O_DSYNC here: one',
  );
  t.equal(hook.calls.length, parts[1]!.synced ? 1 : 2, 'nothing else synced');
  t.equal(bus.stats().logSyncs, 2, 'logSyncs: both touched logs made durable');
});
