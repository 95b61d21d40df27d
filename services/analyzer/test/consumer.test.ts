/**
 * The analyzer loop (startConsumer) with the real pipeline, pool and embedded ClickHouse. The
 * transport here is a scripted one that hands over several partitions' batches at once, the
 * way Kafka does, so what the loop does with them can be observed: coalesced into one
 * pipeline batch (one insert per table), every call resolved only once stored, fetching
 * paused while the pipeline falls behind and resumed after.
 */
import type { DeadLetter, Delivered, Transport, TransportStats } from '@faultline/bus';
import { toMessage } from '@faultline/core';
import t from 'tap';
import { Pipeline, startConsumer } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-consumer-');

/** Hands batches to the handler concurrently (one per partition) and records pause/resume. */
class ScriptedTransport implements Transport {
  handler: ((batch: Delivered[]) => Promise<void>) | undefined;
  events: string[] = [];
  publish(): Promise<void> {
    return Promise.resolve();
  }
  consume(handler: (batch: Delivered[]) => Promise<void>): void {
    this.handler = handler;
  }
  pause(): boolean {
    this.events.push('pause');
    return true;
  }
  resume(): void {
    this.events.push('resume');
  }
  deadLetters: DeadLetter[] = [];
  deadLetter(letters: DeadLetter[]): Promise<void> {
    this.deadLetters.push(...letters);
    return Promise.resolve();
  }
  deadLetterCounts(): Map<string, number> {
    return new Map();
  }
  saturated(): boolean {
    return false;
  }
  stats(): TransportStats {
    return {
      depth: 0,
      capacity: 1,
      highWater: 1,
      partitions: 1,
      published: 0,
      committed: 0,
      backpressureEvents: 0,
      redelivered: 0,
    };
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  /** Delivers one batch of `n` logs on `partition`; resolves when the handler resolved (the commit point). */
  deliver(partition: number, prefix: string, n: number): Promise<string> {
    const batch: Delivered[] = Array.from({ length: n }, (_, i) => ({
      ...toMessage({
        record: {
          kind: 'log',
          log_id: `${prefix}-${i}`,
          org_id: 'acme',
          error_message: '',
          logs: `step ${i}\nRuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB`,
        },
        org: 'acme',
        received_at: new Date().toISOString(),
      }),
      partition,
      offset: i,
      publishedAt: Date.now(),
    }));
    return (this.handler as (b: Delivered[]) => Promise<void>)(batch).then(() => {
      this.events.push(`committed ${prefix}`);
      return prefix;
    });
  }
}

async function stored(prefix: string): Promise<number> {
  const rows = await store.rows<{ c: string }>(
    "SELECT count() AS c FROM faultline.analyses FINAL WHERE subject_kind = 'log' AND startsWith(subject_id, {p:String})",
    { p: `${prefix}-` },
  );
  return Number(rows[0]?.c ?? 0);
}

t.test('batches of several partitions handed over together become one pipeline batch', async (t) => {
  const transport = new ScriptedTransport();
  const sizes: number[] = [];
  startConsumer(transport, new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 }), {
    maxBatch: 1000,
    lingerMs: 300,
    onBatch: (n) => sizes.push(n),
  });
  const done = await Promise.all([0, 1, 2, 3].map((p) => transport.deliver(p, `co${p}`, 40)));
  t.same(done, ['co0', 'co1', 'co2', 'co3']);
  t.same(sizes, [160], 'four partitions of 40 records: one pipeline batch of 160');
  for (const p of [0, 1, 2, 3]) t.equal(await stored(`co${p}`), 40, `partition ${p}'s records stored before its commit`);
});

t.test('maxBatch flushes at once, without waiting for the linger', async (t) => {
  const transport = new ScriptedTransport();
  const sizes: number[] = [];
  startConsumer(transport, new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 }), {
    maxBatch: 50,
    lingerMs: 60_000,
    onBatch: (n) => sizes.push(n),
  });
  const t0 = Date.now();
  await Promise.all([transport.deliver(0, 'mx0', 30), transport.deliver(1, 'mx1', 30)]);
  t.ok(Date.now() - t0 < 30_000, 'did not wait the 60 s linger');
  t.same(sizes, [60]);
});

t.test('fetching pauses while a batch waits behind another, and resumes when the backlog is gone', async (t) => {
  const transport = new ScriptedTransport();
  const changes: boolean[] = [];
  startConsumer(transport, new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 }), {
    maxBatch: 100,
    lingerMs: 0,
    onPause: (p) => changes.push(p),
  });
  // Three deliveries at once, each a batch of its own (linger 0): the second and third wait.
  await Promise.all([transport.deliver(0, 'pz0', 100), transport.deliver(1, 'pz1', 100), transport.deliver(2, 'pz2', 100)]);
  t.same(changes, [true, false], 'paused once, resumed once');
  t.equal(transport.events[0], 'pause', 'paused before any of them was committed');
  t.ok(
    transport.events.indexOf('resume') > transport.events.indexOf('committed pz1'),
    `resumed only once the waiting batches were stored (${transport.events.join(', ')})`,
  );
  t.equal(await stored('pz2'), 100);
});

t.test("the analyses of a batch go to the transport's findings output before its commit", async (t) => {
  const transport = new ScriptedTransport();
  const published: string[] = [];
  const withFindings = Object.assign(transport, {
    publishFindings: async (analyses: { subject_id: string }[]) => {
      published.push(...analyses.map((a) => a.subject_id));
      transport.events.push(`findings ${analyses.length}`);
    },
  });
  startConsumer(withFindings, new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 }), { maxBatch: 100 });
  await transport.deliver(0, 'fo', 5);
  t.same(published.sort(), ['fo-0', 'fo-1', 'fo-2', 'fo-3', 'fo-4'], 'every analysis of the batch published');
  t.same(transport.events, ['findings 5', 'committed fo'], 'published before the commit');
});

t.test(
  'a message the transport could not decode is dead-lettered by the consumer (step decode); the rest is stored',
  async (t) => {
    const transport = new ScriptedTransport();
    startConsumer(transport, new Pipeline({ store, pool, budgetMs: 10_000, historyWindow: 20 }), { maxBatch: 100 });
    const raw = new TextEncoder().encode('not avro at all');
    const poison: Delivered = {
      key: 'k',
      value: '',
      partition: 0,
      offset: 99,
      publishedAt: Date.now(),
      undecodable: 'not wire format',
      raw,
    };
    const handler = transport.handler as (b: Delivered[]) => Promise<void>;
    const good = toMessage({
      record: { kind: 'log', log_id: 'undec-good', org_id: 'acme', error_message: '', logs: 'RuntimeError: CUDA out of memory.' },
      org: 'acme',
      received_at: new Date().toISOString(),
    });
    await handler([poison, { ...good, partition: 0, offset: 100, publishedAt: Date.now() }]);
    t.same(
      transport.deadLetters.map((l) => [l.step, l.reason, l.message.raw === raw]),
      [['decode', 'not wire format', true]],
      'set aside with its reason and its raw bytes',
    );
    t.ok(await store.getAnalysis('acme', 'log', 'undec-good'), 'positive control: the good record of the same batch is stored');
  },
);
