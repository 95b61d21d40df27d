/**
 * Stall detection: a consumer that stops advancing (one batch redelivered forever, a handler that
 * never returns) with records waiting is reported stalled by backlogState, the one rule every
 * transport and /readyz use; a consumer that commits now and then is never stalled, however long
 * its backlog. Time is passed in (`now`), not waited for.
 */
import t from 'tap';
import { backlogState, EmbeddedBus } from '../src/index.js';
import { messages, tempDir, waitFor } from './helpers.js';

const STALL_MS = 60_000;

t.test(
  'backlogState: stalled only when records wait and both the oldest and the last progress are older than the bound',
  async (t) => {
    const now = 1_000_000_000;
    t.same(backlogState({ waiting: 0, oldestWaitingAt: undefined, progressAt: now - 10 * STALL_MS }, now, STALL_MS), {
      waiting: 0,
      oldestSeconds: 0,
      lastProgressSeconds: 0,
      stalled: false,
    });
    const stuck = backlogState(
      { waiting: 5, oldestWaitingAt: now - 2 * STALL_MS, progressAt: now - 2 * STALL_MS },
      now,
      STALL_MS,
    );
    t.ok(stuck.stalled, 'records wait, nothing committed for twice the bound: stalled');
    t.equal(stuck.lastProgressSeconds, 120);
    t.equal(stuck.oldestSeconds, 120);
    t.notOk(
      backlogState({ waiting: 5, oldestWaitingAt: now - 10 * STALL_MS, progressAt: now - 1000 }, now, STALL_MS).stalled,
      'an old backlog while the consumer commits: busy, not stalled',
    );
    t.notOk(
      backlogState({ waiting: 5, oldestWaitingAt: now - 1000, progressAt: now - 10 * STALL_MS }, now, STALL_MS).stalled,
      'work that just arrived after a long idle time: not stalled',
    );
  },
);

t.test('embedded bus: a batch redelivered forever shows as a stall; progress clears it', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2, fsync: false });
  t.teardown(() => bus.close());
  t.equal(bus.backlog().waiting, 0, 'nothing waits before the first publish');
  await bus.publish(messages(10, 4));
  const h = bus.backlog();
  t.equal(h.waiting, 10);
  t.ok(h.oldestWaitingAt !== undefined && h.oldestWaitingAt <= Date.now());

  let poison = true;
  let attempts = 0;
  bus.consume(
    async () => {
      attempts++;
      if (poison) throw new Error('the store refuses this batch');
    },
    { maxBatch: 100 },
  );
  await waitFor(() => attempts >= 3, 'the batch delivered again and again');
  const stuck = bus.backlog();
  t.equal(stuck.waiting, 10, 'nothing committed');
  t.equal(stuck.progressAt, h.progressAt, 'no progress since the records arrived');
  const later = Math.max(stuck.oldestWaitingAt as number, stuck.progressAt) + STALL_MS + 1;
  t.ok(backlogState(stuck, later, STALL_MS).stalled, 'stalled once the bound has passed');
  t.notOk(backlogState(stuck, (stuck.oldestWaitingAt as number) + 1000, STALL_MS).stalled, 'not before');

  poison = false;
  await waitFor(() => bus.stats().committed === 10, 'the batch goes through');
  const after = bus.backlog();
  t.equal(after.waiting, 0);
  t.ok(after.progressAt > h.progressAt, 'the commit is progress');
  t.notOk(backlogState(after, later, STALL_MS).stalled, 'not stalled once drained');
});
