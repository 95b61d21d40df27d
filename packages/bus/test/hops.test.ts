/**
 * Hop marks (hops.ts, for `load-tests/http-ingest.js --hops`): a subscriber of `faultline:hop`
 * sees a message's batch when it is handed to the consumer and when its offsets are committed,
 * in that order; nothing is published when no one subscribes.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import t from 'tap';
import { EmbeddedBus, type HopMark, markHop } from '../src/index.js';
import { collect, messages, tempDir, waitFor } from './helpers.js';

t.test('the embedded bus marks delivered and committed, in order, with the batch', async (t) => {
  const dir = await tempDir(t);
  const bus = await EmbeddedBus.open({ dir });
  t.teardown(() => bus.close());
  const marks: HopMark[] = [];
  const onMark = (m: unknown) => marks.push(m as HopMark);
  subscribe('faultline:hop', onMark);
  t.teardown(() => unsubscribe('faultline:hop', onMark));
  await bus.publish(messages(3, 3));
  collect(bus, 10);
  await waitFor(() => marks.some((m) => m.hop === 'bus.committed'), 'committed mark');
  t.same(
    marks.map((m) => m.hop),
    ['bus.delivered', 'bus.committed'],
  );
  t.same(marks[0]?.items.map((d) => (d as { value: string }).value).sort(), ['0', '1', '2']);
  t.ok(marks[0]!.at <= marks[1]!.at && Math.abs(marks[0]!.at - Date.now()) < 5_000, 'wall-clock times, in order');
});

t.test('no subscriber: markHop builds nothing', async (t) => {
  let read = false;
  const items = [
    {
      get value() {
        read = true;
        return '';
      },
    },
  ];
  markHop('x', items);
  t.notOk(read);
});
