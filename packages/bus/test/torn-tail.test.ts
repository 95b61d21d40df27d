/**
 * A torn last entry (what a crash in the middle of a write leaves) never breaks the open: it
 * is cut off, everything before it is intact, and later appends are readable again.
 */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { EmbeddedBus } from '../src/index.js';
import { collect, logFiles, messages, tempDir, waitFor } from './helpers.js';

function frame(payload: string): Buffer {
  const body = Buffer.from(payload);
  const head = Buffer.alloc(8);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(0xdeadbeef, 4); // wrong checksum
  return Buffer.concat([head, body]);
}

const tails: [string, Buffer][] = [
  [
    'a header announcing more bytes than follow',
    Buffer.concat([Buffer.from([0xe8, 0x03, 0, 0, 1, 2, 3, 4]), Buffer.from('{"ke')]),
  ],
  ['a whole frame with a bad checksum', frame('{"key":"robot-0","value":"999","publishedAt":1}')],
  ['half of a length header', Buffer.from([0x10, 0x00])],
  ['random garbage', Buffer.from('\u0000garbage\nnot-json\u00ff', 'latin1')],
];

for (const [what, tail] of tails) {
  t.test(`torn tail: ${what}`, async (t) => {
    const dir = await tempDir(t);
    let bus = await EmbeddedBus.open({ dir, partitions: 1 });
    await bus.publish(messages(20, 3));
    // Commit the first 10, fail everything after: 10 committed, 10 pending.
    let calls = 0;
    bus.consume(
      async () => {
        if (++calls > 1) throw new Error('stop here');
      },
      { maxBatch: 10 },
    );
    await waitFor(() => bus.stats().committed === 10, 'first batch committed');
    await bus.close();

    const [log] = await logFiles(dir);
    await appendFile(join(dir, log!.name), tail);

    bus = await EmbeddedBus.open({ dir, partitions: 1 });
    t.equal(bus.stats().tornBytesDropped, tail.length, 'the torn tail is detected and dropped');
    t.equal(bus.stats().depth, 10, 'the 10 uncommitted messages are intact');
    t.equal((await logFiles(dir))[0]!.size, log!.size, 'the log is cut back to its last whole entry');
    await bus.publish(messages(5, 3, 20));
    await bus.close();

    bus = await EmbeddedBus.open({ dir, partitions: 1 });
    t.teardown(() => bus.close());
    t.equal(bus.stats().tornBytesDropped, 0, 'nothing torn any more');
    const got = collect(bus, 100);
    await waitFor(() => bus.stats().committed === 15, 'all pending committed');
    t.same(
      got.delivered.map((d) => Number(d.value)),
      Array.from({ length: 15 }, (_, i) => 10 + i),
      'the uncommitted 10..19 and the later 20..24, in order; the committed 0..9 not again',
    );
    t.same(
      got.delivered.map((d) => d.offset),
      Array.from({ length: 15 }, (_, i) => 10 + i),
      'offsets continue right after the last whole entry',
    );
  });
}
