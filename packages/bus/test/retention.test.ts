/**
 * Raw records have a lifetime on disk: a segment whose records are all committed is deleted
 * (within about `sweepMs`, not only once it reaches segmentBytes), an active segment older than
 * `retentionMs` is closed so that it goes once committed, and an uncommitted record is kept
 * whatever its age (it was acknowledged: delivered, never dropped).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { EmbeddedBus } from '../src/index.js';
import { collect, logBytes, logFiles, messages, tempDir, waitFor } from './helpers.js';

async function filesContain(dir: string, text: string): Promise<boolean> {
  for (const f of await logFiles(dir)) {
    const content = await readFile(join(dir, f.name)).catch(() => Buffer.alloc(0));
    if (content.includes(text)) return true;
  }
  return false;
}

t.test('committed records leave the disk soon after their commit, far below segmentBytes', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2, sweepMs: 20, fsync: false });
  t.teardown(() => bus.close());
  await bus.publish([{ key: 'robot-1', value: 'secret-token-AAAA in a raw record' }, ...messages(20, 4, 1)]);
  t.ok(await filesContain(dir, 'secret-token-AAAA'), 'positive control: the raw record is in the log files');
  collect(bus, 64);
  await waitFor(() => bus.stats().committed === 21, 'everything consumed');
  await waitFor(async () => (await logBytes(dir)) === 0, 'committed segments deleted');
  t.notOk(await filesContain(dir, 'secret-token-AAAA'), 'the raw record is gone from disk');
  t.ok(bus.stats().segmentsDeleted >= 1, `${bus.stats().segmentsDeleted} segments deleted`);

  // The bus goes on after the rotation: new records are taken, delivered and deleted in turn.
  await bus.publish([{ key: 'robot-1', value: 'secret-token-BBBB' }]);
  t.ok(await filesContain(dir, 'secret-token-BBBB'), 'positive control: the new record is on disk');
  await waitFor(() => bus.stats().committed === 22, 'the new record consumed');
  await waitFor(async () => !(await filesContain(dir, 'secret-token-BBBB')), 'and deleted after its commit');
});

t.test('age bound: an over-age segment is closed; uncommitted records are kept, then deleted once committed', async (t) => {
  const dir = await tempDir(t);
  let bus = await EmbeddedBus.open({ dir, partitions: 1, retentionMs: 50, sweepMs: 10, fsync: false });
  await bus.publish([{ key: 'k', value: 'old-record-CCCC' }]);
  await waitFor(async () => (await logFiles(dir)).length === 2, 'the over-age active segment was closed (a new one started)');
  await new Promise((r) => setTimeout(r, 100)); // well past the age bound, nobody consuming
  t.ok(await filesContain(dir, 'old-record-CCCC'), 'the uncommitted record is kept past the age bound');
  t.equal(bus.stats().depth, 1, 'and still waits for the consumer');
  await bus.close();

  // Across a restart too: the record is delivered, then its segment is deleted.
  bus = await EmbeddedBus.open({ dir, partitions: 1, retentionMs: 50, sweepMs: 10, fsync: false });
  t.teardown(() => bus.close());
  const got = collect(bus, 10);
  await waitFor(() => bus.stats().committed === 1, 'the old record consumed after the restart');
  t.same(
    got.delivered.map((d) => d.value),
    ['old-record-CCCC'],
    'delivered, not dropped',
  );
  await waitFor(async () => !(await filesContain(dir, 'old-record-CCCC')), 'deleted once committed');
});

t.test('under steady traffic the age bound closes segments that never fill up', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 1, retentionMs: 40, sweepMs: 10_000, fsync: false });
  t.teardown(() => bus.close());
  // No sweep (10 s) and a partition never fully committed: only the age check at publish rolls.
  await bus.publish(messages(5, 1));
  await new Promise((r) => setTimeout(r, 60));
  await bus.publish(messages(5, 1, 5));
  t.equal((await logFiles(dir)).length, 2, 'the publish after the age bound started a new segment');
  t.equal(bus.stats().segments, 2);
  collect(bus, 5);
  await waitFor(() => bus.stats().committed === 10, 'consumed');
  await waitFor(async () => (await logFiles(dir)).length === 1, 'the closed, committed segment deleted');
});
