/**
 * The embedded bus's dead-letter path (`Transport.deadLetter`): what the consumer sets aside
 * is durable with its reason, step and origin, survives a reopen and a torn tail, does not
 * hold back the partition, and the log stays bounded on disk.
 */
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { DEAD_LETTER_FILE, DeadLetterLog } from '../src/dead-letters.js';
import { type Delivered, EmbeddedBus, readDeadLetters } from '../src/index.js';
import { messages, tempDir, waitFor } from './helpers.js';

t.test('a consumer sets one message aside and commits the batch: the partition flows on, the letter is kept', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 1 });
  const seen: string[] = [];
  bus.consume(
    async (batch) => {
      seen.push(...batch.map((m) => m.value));
      const bad = batch.filter((m) => m.value === '3');
      await bus.deadLetter(bad.map((message) => ({ message, reason: 'the store refused it: bad \uD800 text', step: 'store' })));
    },
    { maxBatch: 4 },
  );
  await bus.publish(messages(8, 2));
  await waitFor(() => bus.stats().committed === 8, 'all 8 committed');
  t.same(seen, ['0', '1', '2', '3', '4', '5', '6', '7'], 'every message delivered once, in order, none held back');
  t.same(Object.fromEntries(bus.deadLetterCounts()), { store: 1 });
  await bus.close();

  const dead = await readDeadLetters(dir);
  t.equal(dead.length, 1);
  t.match(dead[0], { key: 'robot-1', value: '3', step: 'store', partition: 0, offset: 3 });
  t.equal(dead[0]?.reason, 'the store refused it: bad \uD800 text', 'the reason kept as given (JSON escapes a lone surrogate)');
  t.ok(Date.parse(dead[0]?.at ?? '') > 0, 'with the time it was set aside');

  const again = await EmbeddedBus.open({ dir, partitions: 1 });
  t.equal((await readDeadLetters(dir)).length, 1, 'still there after a reopen');
  t.same(Object.fromEntries(again.deadLetterCounts()), {}, 'the counts are per instance (a Prometheus counter)');
  await again.close();
});

const delivered = (value: string, offset: number): Delivered => ({
  key: 'k',
  value,
  partition: 0,
  offset,
  publishedAt: Date.now(),
  headers: { org: 'acme' },
});

t.test('a torn tail of the dead-letter log is cut off at open; later letters are readable', async (t) => {
  const dir = await tempDir(t);
  const log = await DeadLetterLog.open(dir);
  await log.append([{ message: delivered('one', 1), reason: 'r1', step: 'validation' }]);
  await log.close();
  await appendFile(join(dir, DEAD_LETTER_FILE), Buffer.from([0xff, 0x00, 0x00, 0x00, 1, 2]));
  const reopened = await DeadLetterLog.open(dir);
  await reopened.append([{ message: delivered('two', 2), reason: 'r2', step: 'store' }]);
  const all = await reopened.read();
  t.same(
    all.map((d) => [d.value, d.reason, d.step, d.headers?.org]),
    [
      ['one', 'r1', 'validation', 'acme'],
      ['two', 'r2', 'store', 'acme'],
    ],
  );
  await reopened.close();
});

t.test('bounded on disk: past maxBytes the log rolls once, keeping the newest letters', async (t) => {
  const dir = await tempDir(t);
  const log = await DeadLetterLog.open(dir, { maxBytes: 2_000 });
  for (let i = 0; i < 60; i++) await log.append([{ message: delivered(`v${i}`, i), reason: 'x'.repeat(50), step: 'store' }]);
  const files = (await readdir(dir)).filter((f) => f.startsWith('dead-letters'));
  t.same(files.sort(), ['dead-letters.1.log', 'dead-letters.log']);
  const all = await log.read();
  t.ok(all.length > 0 && all.length < 60, `${all.length} kept of 60`);
  t.equal(all.at(-1)?.value, 'v59', 'the newest is kept');
  t.same(Object.fromEntries(log.counts()), { store: 60 }, 'every one counted');
  await log.close();
});
