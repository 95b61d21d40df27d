/**
 * Several handler calls in flight (`maxInFlight`, `whenReady`; the analyzer's consumer asks for
 * them so a batch is analyzed while the one before is stored): a further call only once the
 * consumer is ready, holding what was published meanwhile; offsets committed in call order and
 * never past a call still running; a failed call's batch and every later one delivered again,
 * the same batches in the same order.
 */
import t from 'tap';
import { type Delivered, EmbeddedBus } from '../src/index.js';
import { messages, perKeyOrdered, tempDir, waitFor } from './helpers.js';

interface Held {
  batch: Delivered[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A consumer whose calls stay open until the test settles them, and whose readiness the test gives. */
function heldConsumer(bus: EmbeddedBus, maxInFlight: number) {
  const calls: Held[] = [];
  let readyCalls = 0;
  let makeReady: (() => void) | undefined;
  bus.consume(
    (batch) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ batch, resolve, reject });
      }),
    {
      maxBatch: 100,
      maxInFlight,
      whenReady: () =>
        new Promise<void>((r) => {
          readyCalls++;
          makeReady = r;
        }),
    },
  );
  return {
    calls,
    asked: () => readyCalls,
    ready: () => makeReady?.(),
  };
}

const values = (b: Held | undefined) => (b?.batch ?? []).map((d) => d.value);

t.test('a further call waits for whenReady and takes what was published meanwhile; commits in call order', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(() => bus.close());
  const c = heldConsumer(bus, 3);
  await bus.publish(messages(4, 2));
  await waitFor(() => c.calls.length === 1, 'first call');
  t.same(values(c.calls[0]).sort(), ['0', '1', '2', '3']);

  await bus.publish(messages(3, 2, 4));
  await bus.publish(messages(3, 2, 7));
  await new Promise((r) => setTimeout(r, 50));
  t.equal(c.calls.length, 1, 'no second call before the consumer is ready');
  t.equal(c.asked(), 1, 'the bus asked once');
  c.ready();
  await waitFor(() => c.calls.length === 2, 'second call');
  t.same(values(c.calls[1]).sort(), ['4', '5', '6', '7', '8', '9'], 'the messages published meanwhile, in one call');

  c.calls[1]!.resolve();
  await new Promise((r) => setTimeout(r, 50));
  t.equal(bus.stats().committed, 0, 'nothing committed past the first call, still running');
  c.calls[0]!.resolve();
  await waitFor(() => bus.stats().committed === 10, 'both committed');
  t.equal(bus.stats().depth, 0);
});

t.test('at most maxInFlight calls, however ready the consumer is', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 1 });
  t.teardown(() => bus.close());
  const c = heldConsumer(bus, 2);
  await bus.publish(messages(1, 1));
  await waitFor(() => c.calls.length === 1, 'first call');
  c.ready();
  await bus.publish(messages(1, 1, 1));
  await waitFor(() => c.calls.length === 2, 'second call');
  c.ready();
  await bus.publish(messages(1, 1, 2));
  await new Promise((r) => setTimeout(r, 50));
  t.equal(c.calls.length, 2, 'two in flight: the third message waits');
  c.calls[0]!.resolve();
  await waitFor(() => c.calls.length === 3, 'third call once the first is done');
  t.same(values(c.calls[2]), ['2']);
  c.calls[1]!.resolve();
  c.calls[2]!.resolve();
  await waitFor(() => bus.stats().committed === 3, 'all committed');
});

t.test('a failed call: its batch and the later ones again, same batches, same order, after the others settle', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 2 });
  t.teardown(() => bus.close());
  const c = heldConsumer(bus, 3);
  await bus.publish(messages(4, 4));
  await waitFor(() => c.calls.length === 1, 'first call');
  c.ready();
  await bus.publish(messages(4, 4, 4));
  await waitFor(() => c.calls.length === 2, 'second call');
  const first = values(c.calls[0]);
  const second = values(c.calls[1]);

  c.calls[0]!.reject(new Error('store outage'));
  await new Promise((r) => setTimeout(r, 150));
  t.equal(c.calls.length, 2, 'nothing delivered again while a later call still runs');
  c.calls[1]!.resolve(); // its success does not commit it: it follows the failed call
  await waitFor(() => c.calls.length === 3, 'the failed batch again');
  t.same(values(c.calls[2]), first, 'the same first batch');
  t.equal(bus.stats().committed, 0, 'nothing committed');
  c.calls[2]!.resolve();
  c.ready();
  await waitFor(() => c.calls.length === 4, 'the later batch again');
  t.same(values(c.calls[3]), second, 'then the same second batch');
  c.calls[3]!.resolve();
  await waitFor(() => bus.stats().committed === 8, 'everything committed');
  t.equal(bus.stats().redelivered, 8);
  const delivered = c.calls.slice(2).flatMap((h) => h.batch);
  t.ok(perKeyOrdered(delivered), 'per-key order in the second delivery');
});

t.test('close waits for every call in flight and commits those that resolved', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir, partitions: 1 });
  const c = heldConsumer(bus, 3);
  await bus.publish(messages(2, 1));
  await waitFor(() => c.calls.length === 1, 'first call');
  c.ready();
  await bus.publish(messages(2, 1, 2));
  await waitFor(() => c.calls.length === 2, 'second call');
  let closed = false;
  const closing = bus.close().then(() => {
    closed = true;
  });
  await new Promise((r) => setTimeout(r, 50));
  t.notOk(closed, 'close waits for the calls in flight');
  c.calls[0]!.resolve();
  c.calls[1]!.reject(new Error('failed'));
  await closing;
  const again = await EmbeddedBus.open({ dir, partitions: 1 });
  t.teardown(() => again.close());
  const got: string[] = [];
  again.consume(
    async (b) => {
      got.push(...b.map((d) => d.value));
    },
    { maxBatch: 10 },
  );
  await waitFor(() => again.stats().committed === 2, 'the failed call delivered after reopening');
  t.same(got, ['2', '3'], 'only the failed call comes again');
});
