/**
 * The analyzer loop (startConsumer) with the real pipeline, pool and embedded ClickHouse. The
 * transport here is a scripted one that hands over several partitions' batches at once, the
 * way Kafka does, so what the loop does with them can be observed: coalesced into one
 * pipeline batch (one insert per table), every call resolved only once stored, fetching
 * paused while the pipeline falls behind and resumed after.
 */
import type { ConsumeOptions, DeadLetter, Delivered, Transport, TransportStats } from '@faultline/bus';
import { type Envelope, type EpisodeRecord, toMessage } from '@faultline/core';
import type { AnalysisRow, Store } from '@faultline/store';
import t from 'tap';
import { type ConsumerOptions, key, Pipeline, startConsumer } from '../src/index.js';
import { openStoreAndPool } from './fixture.js';

const { store, pool } = await openStoreAndPool('faultline-consumer-');

/** The pipeline every test here runs: the fixture's pool, a 10 s budget, an optional per-record observer. */
function pipelineOn(on: Store, analysisFinished?: () => void): Pipeline {
  return new Pipeline({
    store: on,
    pool,
    budgetMs: 10_000,
    historyWindow: 20,
    ...(analysisFinished ? { observer: { analysisFinished } } : {}),
  });
}

/** Hands batches to the handler concurrently (one per partition) and records pause/resume. */
class ScriptedTransport implements Transport {
  handler: ((batch: Delivered[]) => Promise<void>) | undefined;
  events: string[] = [];
  published: number = 0;
  publish(messages: unknown[]): Promise<void> {
    this.published += messages.length;
    return Promise.resolve();
  }
  options: ConsumeOptions | undefined;
  consume(handler: (batch: Delivered[]) => Promise<void>, options: ConsumeOptions): void {
    this.handler = handler;
    this.options = options;
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
  /** Delivers `envelopes` on `partition` from offset 0; resolves when the handler resolved (the commit point). */
  deliverEnvelopes(partition: number, name: string, envelopes: Envelope[]): Promise<string> {
    return this.hand(
      name,
      envelopes.map((e, i) => ({ ...toMessage(e), partition, offset: i, publishedAt: Date.now() })),
    );
  }
  /** Hands `batch` to the handler; once it resolved (the commit point), logs `committed <name>` and resolves to `name`. */
  private hand(name: string, batch: Delivered[]): Promise<string> {
    return (this.handler as (b: Delivered[]) => Promise<void>)(batch).then(() => {
      this.events.push(`committed ${name}`);
      return name;
    });
  }
  /**
   * Delivers one batch of `n` logs on `partition`; resolves when the handler resolved (the commit point).
   * `size`: the bytes the transport reports for each message (the consumer's byte count), else its value's length.
   */
  deliver(partition: number, prefix: string, n: number, size?: number): Promise<string> {
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
      ...(size !== undefined ? { size } : {}),
    }));
    return this.hand(prefix, batch);
  }
}

async function stored(prefix: string): Promise<number> {
  const rows = await store.rows<{ c: string }>(
    "SELECT count() AS c FROM faultline.analyses FINAL WHERE subject_kind = 'log' AND startsWith(subject_id, {p:String})",
    { p: `${prefix}-` },
  );
  return Number(rows[0]?.c ?? 0);
}

/**
 * startConsumer on a scripted transport (a new one unless given) and a pipeline over the fixture's
 * store (unless given) with `opts`: what the loop reports, as the tests read it — each pipeline
 * batch's size (`sizes`), each pause (true) and resume (false) (`changes`), each failure (`errors`).
 */
function consumer(
  opts: Omit<ConsumerOptions, 'onBatch' | 'onPause' | 'onError'>,
  parts: { transport?: ScriptedTransport; pipeline?: Pipeline } = {},
) {
  const transport = parts.transport ?? new ScriptedTransport();
  const sizes: number[] = [];
  const changes: boolean[] = [];
  const errors: unknown[] = [];
  startConsumer(transport, parts.pipeline ?? pipelineOn(store), {
    ...opts,
    onBatch: (n) => sizes.push(n),
    onPause: (p) => changes.push(p),
    onError: (err) => errors.push(err),
  });
  return { transport, sizes, changes, errors, commits: () => transport.events.filter((e) => e.startsWith('committed')) };
}

/** How `work` ended within `ms`: 'done', or `late` (the test then lets it finish and fails on the outcome). */
async function within(work: Promise<unknown>, ms: number, late: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    work.then(() => 'done'),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(late), ms);
    }),
  ]);
  clearTimeout(timer);
  return outcome;
}

t.test('batches of several partitions handed over together become one pipeline batch', async (t) => {
  const { transport, sizes } = consumer({ maxBatch: 1000, lingerMs: 300 });
  const done = await Promise.all([0, 1, 2, 3].map((p) => transport.deliver(p, `co${p}`, 40)));
  t.same(done, ['co0', 'co1', 'co2', 'co3']);
  t.same(sizes, [160], 'four partitions of 40 records: one pipeline batch of 160');
  for (const p of [0, 1, 2, 3]) t.equal(await stored(`co${p}`), 40, `partition ${p}'s records stored before its commit`);
});

t.test('maxBatch flushes at once, without waiting for the linger', async (t) => {
  const { transport, sizes } = consumer({ maxBatch: 50, lingerMs: 60_000 });
  const t0 = Date.now();
  await Promise.all([transport.deliver(0, 'mx0', 30), transport.deliver(1, 'mx1', 30)]);
  t.ok(Date.now() - t0 < 30_000, 'did not wait the 60 s linger');
  t.same(sizes, [60]);
});

t.test('a partial batch goes once the transport can hand over nothing more (onIdle), not after the linger', async (t) => {
  const { transport, sizes } = consumer({ maxBatch: 1000, lingerMs: 30_000 });
  const t0 = Date.now();
  const delivered = Promise.all([transport.deliver(0, 'idle0', 30), transport.deliver(1, 'idle1', 30)]);
  // Kafka with kafkajs: every batch of the fetch is with the handler, none comes before one is done.
  transport.options?.onIdle?.();
  const outcome = await within(delivered, 10_000, 'still waiting for the linger after 10 s');
  t.equal(outcome, 'done', `both partitions committed in ${Date.now() - t0} ms (linger 30 s)`);
  t.same(sizes, [60], 'as one pipeline batch of both partitions');
  // The consumer, and this scripted transport, go on waiting for the linger otherwise: let it go.
  await delivered;
});

t.test('fetching pauses while a batch waits behind another, and resumes when the backlog is gone', async (t) => {
  const { transport, changes } = consumer({ maxBatch: 100, lingerMs: 0 });
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

t.test(
  'under backlog a waiting batch grows to backlogBatch while two batches are not stored; in order, each stored once',
  async (t) => {
    const { transport, sizes, commits } = consumer({ maxBatch: 50, backlogBatch: 150, lingerMs: 60_000 });
    // Nine partitions of 50 at once: the first two go at maxBatch; the third and later would wait in
    // line behind them, so they grow to 150 (three partitions each); the last one goes once the
    // batches before it are stored, as it is.
    const names = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((p) => `bg${p}`);
    const t0 = Date.now();
    const done = await Promise.all(names.map((name, p) => transport.deliver(p, name, 50)));
    t.ok(Date.now() - t0 < 30_000, `did not wait out the 60 s linger (${Date.now() - t0} ms)`);
    t.same(done, names);
    t.same(sizes, [50, 50, 150, 150, 50], 'two batches at maxBatch, then grown to backlogBatch, then the rest');
    t.same(
      commits(),
      names.map((n) => `committed ${n}`),
      'commits in delivery order',
    );
    for (const name of names) t.equal(await stored(name), 50, `${name}: stored once`);
  },
);

t.test('without backlogBatch, or while the pipeline keeps up, a batch goes at maxBatch', async (t) => {
  for (const backlogBatch of [undefined, 50]) {
    const { transport, sizes } = consumer({
      maxBatch: 50,
      ...(backlogBatch !== undefined ? { backlogBatch } : {}),
      lingerMs: 60_000,
    });
    await Promise.all([0, 1, 2, 3].map((p) => transport.deliver(p, `nb${backlogBatch ?? 'u'}${p}`, 50)));
    t.same(sizes, [50, 50, 50, 50], `backlogBatch ${backlogBatch}: every batch at maxBatch`);
  }
  // One batch in the pipeline at a time: nothing waits in line, nothing grows.
  const { transport, sizes } = consumer({ maxBatch: 50, backlogBatch: 500, lingerMs: 60_000 });
  for (const p of [0, 1, 2]) await transport.deliver(p, `kp${p}`, 50);
  t.same(sizes, [50, 50, 50], 'batches delivered one after the other go at maxBatch');
});

t.test('a batch held to grow goes once the older batch before it is stored, not after the linger', async (t) => {
  const { transport, sizes } = consumer({ maxBatch: 50, backlogBatch: 10_000, lingerMs: 60_000 });
  const delivered = Promise.all([0, 1, 2].map((p) => transport.deliver(p, `hg${p}`, 50)));
  const outcome = await within(delivered, 20_000, 'still held after 20 s');
  t.equal(outcome, 'done', 'the third batch went once the first was stored (linger 60 s, backlogBatch never reached)');
  t.same(sizes, [50, 50, 50]);
  if (outcome !== 'done') transport.options?.onIdle?.(); // let the test end
  await delivered;
});

t.test('a batch held to grow goes when the transport can hand over nothing more (onIdle)', async (t) => {
  const { transport, sizes } = consumer({ maxBatch: 50, backlogBatch: 10_000, lingerMs: 60_000 });
  const delivered = Promise.all([0, 1, 2, 3].map((p) => transport.deliver(p, `hi${p}`, 50)));
  transport.options?.onIdle?.();
  await delivered;
  t.same(sizes, [50, 50, 100], 'the held batch went at onIdle with what it had (two partitions)');
  t.ok(
    transport.events.indexOf('committed hi3') > transport.events.indexOf('committed hi1'),
    `in order (${transport.events.join(', ')})`,
  );
});

t.test('a held batch never passes backlogBatch: a delivery that would take it past starts the next batch', async (t) => {
  const { transport, sizes, commits } = consumer({ maxBatch: 50, backlogBatch: 100, lingerMs: 60_000 });
  // Two at maxBatch; the third is held (50), the fourth joins it (99); the fifth (50) would take it to 149.
  const names = ['cap0', 'cap1', 'cap2', 'cap3', 'cap4'];
  const counts = [50, 50, 50, 49, 50];
  const done = await Promise.all(names.map((name, p) => transport.deliver(p, name, counts[p] as number)));
  t.same(done, names);
  t.ok(Math.max(...sizes) <= 100, `no batch past backlogBatch (${sizes.join(', ')})`);
  t.same(sizes, [50, 50, 99, 50], 'the held batch went at 99, without the delivery that would pass 100');
  t.same(
    commits(),
    names.map((n) => `committed ${n}`),
    'commits in delivery order',
  );
  for (const [i, name] of names.entries()) t.equal(await stored(name), counts[i], `${name}: stored once`);
});

t.test('fetching pauses as soon as a batch is held to grow, and resumes when the backlog is gone', async (t) => {
  const { transport, changes } = consumer({ maxBatch: 50, backlogBatch: 100, lingerMs: 60_000 });
  // Two batches flushed, the third held behind them: the pipeline falls behind, as at a third flush.
  const delivered = Promise.all([0, 1, 2].map((p) => transport.deliver(p, `ph${p}`, 50)));
  t.same(changes, [true], 'paused once the third batch was held, before either batch before it was stored');
  await delivered;
  t.same(changes, [true, false], 'resumed once the held batch was committed');
  t.ok(
    transport.events.indexOf('resume') > transport.events.indexOf('committed ph2'),
    `resumed after the held batch's commit (${transport.events.join(', ')})`,
  );
});

t.test('a held batch goes once its bytes reach maxBatchBytes, short of backlogBatch', async (t) => {
  const { transport, sizes } = consumer({ maxBatch: 50, maxBatchBytes: 1000, backlogBatch: 1000, lingerMs: 60_000 });
  // Two batches of 50 one-byte records; the third (50 bytes) is held, the fourth (750 bytes) joins it
  // (800), the fifth takes it to 1,550 bytes: it goes at once with 150 records, not at 200 or more.
  const sizesOf = [1, 1, 1, 15, 15, 15];
  const done = await Promise.all(sizesOf.map((size, p) => transport.deliver(p, `by${p}`, 50, size)));
  t.equal(done.length, 6);
  t.same(sizes, [50, 50, 150, 50], 'the held batch went once its bytes reached the cap; the last one on its own');
});

t.test('a held batch goes at the older batch store, not at a short linger; later deliveries still join it', async (t) => {
  const transport = new ScriptedTransport();
  // The first batch is stored slowly, so the held third waits well past the 20 ms linger.
  const { watched } = watchedStore(transport.events, 'lgA', 1500);
  const { sizes } = consumer({ maxBatch: 50, backlogBatch: 10_000, lingerMs: 20 }, { transport, pipeline: pipelineOn(watched) });
  const first = ['lgA', 'lgB', 'lgC'].map((name, p) => transport.deliver(p, name, 50));
  await new Promise((r) => setTimeout(r, 200)); // ten lingers
  const late = transport.deliver(3, 'lgD', 50);
  await Promise.all([...first, late]);
  t.same(sizes, [50, 50, 100], 'the held batch outlived the linger and took the later delivery');
  const at = (e: string) => transport.events.indexOf(e);
  t.ok(at('storing lgC+lgD') > at('stored lgA'), `handed over after the older batch was stored (${transport.events.join(', ')})`);
});

t.test('a store failure while a batch is held releases it; every failed call is delivered again and stored once', async (t) => {
  const transport = new ScriptedTransport();
  const { watched, control } = watchedStore(transport.events, 'none', 0);
  const { sizes, errors, commits } = consumer(
    { maxBatch: 50, backlogBatch: 150, lingerMs: 60_000 },
    { transport, pipeline: pipelineOn(watched) },
  );
  // The oldest batch's store fails while the third and fourth deliveries are held (100 of 150).
  control.failing = 'sfA';
  const names = ['sfA', 'sfB', 'sfC', 'sfD'];
  const t0 = Date.now();
  const outcome = await Promise.allSettled(names.map((name, p) => transport.deliver(p, name, 50)));
  t.ok(Date.now() - t0 < 30_000, `the failure released the held batch: no 60 s linger (${Date.now() - t0} ms)`);
  // The second fails with the first (pipeline.ts, "Overlap"). The held one (sfC, sfD) goes at the
  // first's failure: it is stored and committed, or it fails too when it was handed over while the
  // second was still in the pipeline (analyzed over its state); either way as one batch.
  const status = outcome.map((r) => r.status);
  t.same(status.slice(0, 2), ['rejected', 'rejected'], 'the failed batch and the one behind it: not committed');
  t.equal(status[2], status[3], `the held deliveries went as one batch (${status.join(', ')})`);
  const heldCommitted = status[2] === 'fulfilled';
  t.same(sizes, heldCommitted ? [100] : [], 'only the held batch can have finished, with both its deliveries');
  t.same(
    commits(),
    heldCommitted ? ['committed sfC', 'committed sfD'] : [],
    'the held partitions committed in order, or not at all',
  );
  t.ok(errors.length >= 2, 'each failure reported');
  t.equal(await stored('sfA'), 0, 'sfA: nothing stored');
  t.equal(await stored('sfB'), 0, 'sfB: nothing stored');
  control.failing = undefined;
  const again = names.filter((_, p) => status[p] === 'rejected');
  await Promise.all(again.map((name) => transport.deliver(names.indexOf(name), name, 50)));
  t.same(
    commits().slice(heldCommitted ? 2 : 0),
    again.map((n) => `committed ${n}`),
    'delivered again: committed in delivery order',
  );
  for (const name of names) t.equal(await stored(name), 50, `${name}: delivered again, stored once`);
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
  consumer({ maxBatch: 100 }, { transport: withFindings });
  await transport.deliver(0, 'fo', 5);
  t.same(published.sort(), ['fo-0', 'fo-1', 'fo-2', 'fo-3', 'fo-4'], 'every analysis of the batch published');
  t.same(transport.events, ['findings 5', 'committed fo'], 'published before the commit');
});

t.test(
  'a message the transport could not decode is dead-lettered by the consumer (step decode); the rest is stored',
  async (t) => {
    const { transport } = consumer({ maxBatch: 100 });
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

/**
 * The real store, except that writing analyses logs when it starts and ends (by the subjects'
 * prefix), takes `slowMs` longer for the prefix `slow`, and fails — with the store's ping —
 * while `down` is set (an outage: the batch fails and is delivered again).
 */
function watchedStore(events: string[], slow: string, slowMs: number) {
  /** `down`: every write fails; `failing`: the writes of that batch (its prefixes, as `storing` names them) fail, and the probe. */
  const control: { down: boolean; failing?: string } = { down: false };
  const prefixOf = (rows: AnalysisRow[]) => [...new Set(rows.map((r) => r.analysis.subject_id.split('-')[0]))].join('+');
  const watched = Object.create(store) as Store;
  watched.writeAnalyses = async (rows: AnalysisRow[]) => {
    const prefix = prefixOf(rows);
    events.push(`storing ${prefix}`);
    if (control.down) throw new Error('store down');
    if (prefix === control.failing) throw new Error('store down');
    if (prefix === slow) await new Promise((r) => setTimeout(r, slowMs));
    await store.writeAnalyses(rows);
    events.push(`stored ${prefix}`);
  };
  watched.ping = async () => {
    if (control.down || control.failing) throw new Error('store down');
    return store.ping();
  };
  return { watched, control };
}

t.test('the next batch is analyzed while the one before is stored; each commits after its own store, in order', async (t) => {
  const transport = new ScriptedTransport();
  const { watched } = watchedStore(transport.events, 'ovA', 1500);
  let analyzedRecords = 0;
  const pipeline = pipelineOn(watched, () => {
    // Each batch has 20 records: 'analyzed 20' once the first is analyzed, 'analyzed 40' the second.
    analyzedRecords += 1;
    if (analyzedRecords % 20 === 0) transport.events.push(`analyzed ${analyzedRecords}`);
  });
  consumer({ maxBatch: 20, lingerMs: 0 }, { transport, pipeline });
  const storedAtCommit: Record<string, number> = {};
  const commit = (p: Promise<string>) =>
    p.then(async (name) => {
      storedAtCommit[name] = await stored(name);
    });
  await Promise.all([commit(transport.deliver(0, 'ovA', 20)), commit(transport.deliver(1, 'ovB', 20))]);
  const at = (e: string) => transport.events.indexOf(e);
  t.same(storedAtCommit, { ovA: 20, ovB: 20 }, 'each batch had all its analyses stored when it was committed');
  t.ok(
    at('analyzed 40') >= 0 && at('analyzed 40') < at('stored ovA'),
    `batch 2 analyzed while batch 1 was stored (${transport.events.join(', ')})`,
  );
  t.ok(at('storing ovB') > at('stored ovA'), 'batch 2 stores nothing before batch 1 is stored');
  t.ok(at('committed ovA') < at('committed ovB'), 'commits in delivery order');
});

t.test("a third batch is analyzed while the first one's findings are still being produced; commits stay in order", async (t) => {
  const transport = new ScriptedTransport();
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let analyzedRecords = 0;
  let thirdAnalyzed: () => void = () => undefined;
  const third = new Promise<void>((r) => {
    thirdAnalyzed = r;
  });
  const withFindings = Object.assign(transport, {
    // The first batch's findings are acknowledged only once released (a slow acks=all produce).
    publishFindings: async (analyses: { subject_id: string }[]) => {
      const name = analyses[0]?.subject_id.split('-')[0] ?? '';
      transport.events.push(`findings ${name}`);
      if (name === 'fhA') await held;
    },
  });
  const pipeline = pipelineOn(store, () => {
    analyzedRecords += 1;
    if (analyzedRecords === 60) thirdAnalyzed();
  });
  const { commits } = consumer({ maxBatch: 20, lingerMs: 0 }, { transport: withFindings, pipeline });
  const all = Promise.all([transport.deliver(0, 'fhA', 20), transport.deliver(1, 'fhB', 20), transport.deliver(2, 'fhC', 20)]);
  const analyzedWhileHeld = await within(third, 10_000, 'not analyzed within 10 s');
  const committedWhileHeld = commits();
  const eventsWhileHeld = transport.events.join(', ');
  release();
  await all;
  t.equal(
    analyzedWhileHeld,
    'done',
    `the third batch was analyzed while the first one's findings were held (before: ${eventsWhileHeld})`,
  );
  t.same(committedWhileHeld, [], "nothing committed while the first batch's findings were not acknowledged");
  t.same(commits(), ['committed fhA', 'committed fhB', 'committed fhC'], 'commits in delivery order');
  for (const name of ['fhA', 'fhB', 'fhC']) {
    t.ok(
      transport.events.indexOf(`findings ${name}`) < transport.events.indexOf(`committed ${name}`),
      `${name}: findings before its commit`,
    );
    t.equal(await stored(name), 20, `${name}: stored`);
  }
});

t.test('a store outage fails the batch and the one analyzed behind it; delivered again, both are stored once', async (t) => {
  const transport = new ScriptedTransport();
  const { watched, control } = watchedStore(transport.events, 'none', 0);
  const { errors, commits } = consumer({ maxBatch: 20, lingerMs: 0 }, { transport, pipeline: pipelineOn(watched) });
  control.down = true;
  const first = await Promise.allSettled([transport.deliver(0, 'outA', 20), transport.deliver(1, 'outB', 20)]);
  t.same(
    first.map((r) => r.status),
    ['rejected', 'rejected'],
    'neither handler call resolved: nothing committed',
  );
  t.same(commits(), []);
  t.equal(await stored('outB'), 0, 'nothing of the second batch was stored');
  control.down = false;
  await Promise.all([transport.deliver(0, 'outA', 20), transport.deliver(1, 'outB', 20)]);
  t.equal(await stored('outA'), 20, 'delivered again: stored');
  t.equal(await stored('outB'), 20, 'delivered again: stored');
  t.ok(errors.length >= 2, 'each failure reported');
});

t.test('a pending finalize whose start is in the batch before is resolved once that batch is committed', async (t) => {
  const pipeline = pipelineOn(store);
  const { transport } = consumer(
    {
      maxBatch: 1,
      lingerMs: 0,
      forwardResolved: false,
      robotOf: async (org, id) => pipeline.state.episodes.get(key(org, id))?.robot_id,
    },
    { pipeline },
  );
  const episode = (extra: Partial<EpisodeRecord>) =>
    ({ kind: 'episode', episode_id: 'pf-1', org_id: 'acme', robot_id: '', ...extra }) as EpisodeRecord;
  const at = new Date().toISOString();
  await Promise.all([
    transport.deliverEnvelopes(0, 'start', [
      { record: episode({ robot_id: 'robot-pf', status: 'running' }), org: 'acme', merge: true, received_at: at },
    ]),
    transport.deliverEnvelopes(1, 'finalize', [
      {
        record: episode({ status: 'failed', duration_s: 3 }),
        org: 'acme',
        merge: true,
        pendingRobot: true,
        received_at: at,
      },
    ]),
  ]);
  t.equal(transport.published, 0, 'not put back on the bus: its robot was known');
  const analysis = await store.getAnalysis('acme', 'episode', 'pf-1');
  t.ok(analysis, 'the finalize was analyzed in place');
});
