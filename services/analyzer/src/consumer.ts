/**
 * The analyzer role's loop: batches from the bus → the pipeline → stored; the bus commits
 * a batch's offsets only after its handler call resolved (at-least-once; idempotent writes
 * make redelivery harmless). A store failure throws, so the batch is delivered again.
 *
 * The analyses stored from a batch go to the transport's findings output (`publishFindings`,
 * Kafka's findings topic) after the store and before the commit, as its dead letters do.
 *
 * Dead letters are sent from here only: messages the transport could not decode
 * (`Delivered.undecodable`, step `decode`) before the pipeline runs, and records the pipeline
 * marks for the dead-letter path (refused by validation, or by the store on their own), which are
 * handed to `transport.deadLetter` with their reason and step, after the
 * batch is stored and before it is committed: one record never holds its partition back, and
 * none is dropped silently. A store outage fails the batch instead (delivered again).
 *
 * A transport may hand over several batches at once (Kafka: one per partition). They are
 * coalesced into one pipeline batch — and so one ClickHouse insert per table — until
 * `maxBatch` records or `maxBatchBytes` bytes are waiting (or the transport stopped a delivery at
 * either limit: `DeliveryInfo.full`) or `lingerMs` has passed since the first, whichever comes first, or the transport says nothing more can come before a batch handed
 * over is done (`onIdle`: Kafka with kafkajs fetches again only once every batch of its last fetch
 * is handled, so the last, partial batch of a fetch would otherwise wait out the linger for
 * nothing, and the next fetch with it); every handler call resolves (and its partition commits) once its
 * records are stored. The transport's own batches are bounded by the same two figures, so a
 * pipeline batch holds at most about maxBatchBytes plus one delivery.
 *
 * Pending finalizes (ingest could not tell their robot: see services/ingest/src/routes.ts) are
 * settled before the pipeline sees the batch (`settlePending`): the robot comes from an episode
 * record of the same batch or from the stored episode; the finalize is then forwarded under its
 * robot's key (so it is analyzed after its start, by the consumer that holds that robot's state),
 * or analyzed in this batch after everything else when this consumer holds every key anyway
 * (`forwardResolved: false`, the embedded bus) or the bus is full. While no robot is
 * known it goes back on its episode's key to be tried again (not before `pendingRetryMs`), and
 * past `pendingMaxMs` after it was received it is dead-lettered (step `resolve`), never dropped.
 *
 * Overlap: coalesced batches are handed to the pipeline in the order they were flushed, at most
 * two at a time, so batch N+1 is analyzed while batch N is stored (pipeline.ts, "Overlap": N+1
 * joins over N's staged state, stores nothing before N is committed, fails if N fails; the
 * embedded bus does so with `handover: 'early'` or after a full batch: see "After the store"). A third
 * waits until the first is stored (not until it is done: its dead letters, findings and commit
 * go on beside the next batch's analysis). Each batch's after-store steps (dead letters, findings,
 * `afterStore`) and then its handler calls — the transport's commit of its offsets — run in
 * flush order, only after its own records and analyses are stored: an offset is never
 * committed before what it covers is persisted, nor before the offsets of an earlier batch.
 * A batch that may hold a pending finalize is settled only once the batch before is done (its
 * robot may be in that batch's episodes, which the cache and store hold only then).
 *
 * Under backlog (`backlogBatch`): a waiting batch that reaches `maxBatch` while the two batches
 * before it are not stored yet would only wait in line for the older one's store; it is held and
 * keeps coalescing what arrives meanwhile, and goes once the older one is stored (or the transport
 * can hand over nothing more: `onIdle`), once it holds `backlogBatch` records or `maxBatchBytes`
 * bytes, or before a delivery that would take it past `backlogBatch` joins it (that delivery starts
 * the next batch). So a held batch never passes `backlogBatch` records; its bytes, like any batch's,
 * stay within `maxBatchBytes` plus one delivery. The linger does not release it. So when
 * records come faster than the pipeline stores them its batches are larger, and a batch's
 * statements, parts and views (a ClickHouse cost per statement, whatever its rows) are spread over
 * more records; when it keeps up, a batch goes at `maxBatch` as before. Nothing else changes: the
 * same order, the same hand-over and commit rules.
 *
 * When the pipeline falls behind — a coalesced batch is already waiting while two others are
 * analyzed and stored: a third one flushed, or one held to grow — the transport is paused (no more
 * fetching; the calls in flight go on), and resumed once that backlog is gone. Batch N+2 is handed to the pipeline once N is
 * stored, so while N's findings are produced and its offsets committed the later batches go on:
 * what is held is the batches not yet committed (the transport is paused at three), plus what
 * it had handed over when it paused (Kafka with kafkajs: at most the fetch in hand, whose
 * partitions are all handed over at once so that they fill whole batches; with the confluent
 * client, which is not paused, at most one slice for each of `concurrency` partitions).
 *
 * A transport that hands over one batch at a time unless asked (the embedded bus) is asked for
 * up to three calls in flight (`maxInFlight`), a further one only once the pipeline would join it
 * at once (`whenReady`: the batches before it handed over, the last one analyzed): the messages
 * published meanwhile wait on the bus and go in that call. With `handover: 'early'` (or a full
 * batch before, below) a batch is what arrived while the one before was analyzed, and is analyzed
 * while that one is stored.
 *
 * After the store (`handover: 'stored'`, FAULTLINE_BATCH_HANDOVER; the default): that further call
 * waits until the last batch handed over is stored too, unless that batch was full (`maxBatch`
 * records or `maxBatchBytes`, or the bus stopped a delivery of it at either limit,
 * `DeliveryInfo.full`: a backlog, where a batch cannot grow and the overlap keeps the store
 * busy). The embedded store runs one statement at a time (chdb), so a batch handed over at the
 * store's start (`early`) had its state reads queued between that store's statements and, once
 * analyzed, waited out the rest of the store; what arrived meanwhile waited for the batch after.
 * Handed over once the store is done, a batch holds everything that arrived until then, and a
 * record waits about one batch cycle less (load-tests/README.md, session 21); the pool's
 * analysis of a batch then no longer runs beside the store before it (a few per cent of the cycle
 * at light load, where the latency is the cycle's).
 */
import { BusFullError, type DeadLetter, type Delivered, markHop, type Transport } from '@faultline/bus';
import { type Envelope, type EpisodeRecord, envelopeOf, toMessage, withEnvelope } from '@faultline/core';
import type { ItemResult, Pipeline, PipelineItem } from './pipeline.js';
import type { RunTracker } from './runs.js';

export interface ConsumerOptions {
  maxBatch: number;
  /** Bytes (message values) per pipeline batch and per delivery; default unbounded. */
  maxBatchBytes?: number;
  /** How long the first waiting batch may wait for others to join it (0: never waits). */
  lingerMs?: number;
  /**
   * Records a waiting batch may grow to past `maxBatch` while the pipeline holds two batches not
   * yet stored (a batch flushed then would only wait in line): it goes once the older of the two is
   * stored, at this size (never past it: a delivery that would take it past starts the next batch),
   * at `maxBatchBytes`, or when the transport can hand over nothing more (`onIdle`), whichever comes
   * first (module comment, "Under backlog"). Default `maxBatch`: never grows.
   */
  backlogBatch?: number;
  /**
   * A transport that hands over one batch at a time unless asked (the embedded bus): when the next
   * batch is handed over. `stored` (default): once the one before is stored, or at its store's
   * start when it was full (a backlog); `early`: always at the store's start (module comment,
   * "After the store").
   */
  handover?: 'stored' | 'early';
  /** Runs after the batch is stored and before its offsets are committed (e.g. publish findings downstream). */
  afterStore?: (results: ItemResult[], batch: Delivered[]) => Promise<void>;
  onBatch?: (size: number, ms: number) => void;
  onError?: (err: unknown) => void;
  /** Counts the results of records batch runs enqueued into their summaries (runs.ts). */
  runs?: RunTracker;
  /** Told when fetching is paused (true) or resumed (false). */
  onPause?: (paused: boolean) => void;
  /** The robot of a stored episode (resolves pending finalizes); without it they are refused by validation. */
  robotOf?: (org: string, episodeId: string) => Promise<string | undefined>;
  /** A pending finalize whose robot is still unknown this long after it was received is dead-lettered (default 15 min). */
  pendingMaxMs?: number;
  /** A pending finalize put back on the bus is not tried again before this (default 500 ms). */
  pendingRetryMs?: number;
  /**
   * Forward a resolved pending finalize under its robot's key (default true: another consumer may
   * own that key). False when this consumer takes every key (the embedded bus): analyzed in place.
   */
  forwardResolved?: boolean;
}

/** What `settlePending` made of a batch: what the pipeline takes now, and what left it. */
export interface Settled {
  /** The messages for the pipeline, in order: the batch without its pending finalizes, then those resolved in place. */
  ready: Delivered[];
  forwarded: number;
  retried: number;
  deadLettered: number;
}

/** How a pending finalize's envelope reads as JSON (a cheap test before parsing). */
const PENDING_MARK = '"pendingRobot":true';

/** Whether a message may be a pending finalize: an envelope object is read as it is; JSON only by a cheap test first. */
const mayPend = (d: Delivered): boolean => (d.envelope ? d.envelope.pendingRobot === true : d.value.includes(PENDING_MARK));

const pendingRef = (org: string, episodeId: string) => `${org}\u0000${episodeId}`;

/**
 * Settles the pending finalizes of a batch (module comment). Resolves once what it forwarded,
 * put back or dead-lettered is durable on the bus, so the batch may then be committed.
 */
export async function settlePending(
  transport: Transport,
  batch: Delivered[],
  robotOf: ConsumerOptions['robotOf'],
  opts: { maxMs: number; retryMs: number; forward?: boolean; now?: number },
): Promise<Settled> {
  const ready: Delivered[] = [];
  const pending: { message: Delivered; envelope: Envelope & { record: EpisodeRecord } }[] = [];
  const known = new Map<string, string>();
  if (!robotOf || !batch.some(mayPend)) return { ready: batch, forwarded: 0, retried: 0, deadLettered: 0 };
  for (const d of batch) {
    // Parsed here only when it may be pending, or an episode that may tell a pending one's robot.
    const parsed = d.envelope || mayPend(d) || d.value.includes('"episode_id"') ? envelopeOf(d) : undefined;
    const env = parsed?.ok ? parsed.envelope : undefined;
    if (env?.pendingRobot && env.record.kind === 'episode') {
      pending.push({ message: d, envelope: env as Envelope & { record: EpisodeRecord } });
      continue;
    }
    if (env?.record.kind === 'episode' && env.record.robot_id)
      known.set(pendingRef(env.org, env.record.episode_id), env.record.robot_id);
    ready.push(d);
  }
  const settled: Settled = { ready, forwarded: 0, retried: 0, deadLettered: 0 };
  if (pending.length === 0) return settled;
  const now = opts.now ?? Date.now();
  const forwards: { message: Delivered; envelope: Envelope }[] = [];
  const retries: { message: Delivered; envelope: Envelope }[] = [];
  const letters: DeadLetter[] = [];
  for (const { message, envelope } of pending) {
    const { org, record } = envelope;
    const robot = known.get(pendingRef(org, record.episode_id)) ?? (await robotOf(org, record.episode_id));
    if (robot) {
      const { pendingRobot: _p, ...rest } = envelope;
      forwards.push({ message, envelope: { ...rest, record: { ...record, robot_id: robot } } });
    } else if (now - Date.parse(envelope.received_at) > opts.maxMs) {
      letters.push({
        message,
        step: 'resolve',
        reason: `episode ${record.episode_id}: finalized without robot_id, and its start did not arrive within ${Math.round(opts.maxMs / 1000)} s; send robot_id with the finalize`,
      });
    } else retries.push({ message, envelope });
  }
  // Not tried again at once: one put back (or published) less than retryMs ago waits here, with its batch.
  const due = Math.max(0, ...retries.map((r) => r.message.publishedAt + opts.retryMs - now));
  if (due > 0) await sleep(Math.min(due, opts.retryMs));
  const inPlace = () => {
    // Analyzed here, after the rest of the batch (its start is in it, or stored).
    for (const f of forwards) {
      const { value: _v, envelope: _e, ...at } = f.message;
      ready.push(withEnvelope({ ...at, key: toMessage(f.envelope).key }, f.envelope));
    }
  };
  if (opts.forward === false) inPlace();
  else {
    try {
      await transport.publish(forwards.map((f) => toMessage(f.envelope)));
      settled.forwarded = forwards.length;
    } catch (err) {
      if (!(err instanceof BusFullError)) throw err;
      inPlace(); // no room on the bus
    }
  }
  if (retries.length > 0) {
    await transport.publish(retries.map((r) => toMessage(r.envelope)));
    settled.retried = retries.length;
  }
  if (letters.length > 0) await transport.deadLetter(letters);
  settled.deadLettered = letters.length;
  return settled;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function toItems(batch: Delivered[]): PipelineItem[] {
  return parseBatch(batch).map((p) => p.item);
}

/** Each delivered message as a pipeline item, with the batch run that enqueued it (if any). */
export function parseBatch(batch: Delivered[]): { item: PipelineItem; run?: { id: string; org: string } }[] {
  return batch.map((d) => {
    const parsed = envelopeOf(d);
    if (!parsed.ok) return { item: { parseError: `${parsed.reason} (partition ${d.partition}, offset ${d.offset})` } };
    const { record, org, merge, run } = parsed.envelope;
    const delivery = `${d.topic ?? ''}/${d.partition}/${d.offset}`;
    return { item: { value: record, org, delivery, ...(merge ? { merge: true } : {}) }, ...(run ? { run } : {}) };
  });
}

/** One stretch of a batch handed to the pipeline: its messages, its run (if any), its results to come. */
interface Stretch {
  messages: Delivered[];
  run: { id: string; org: string } | undefined;
  results: Promise<ItemResult[]>;
}

/**
 * Hands a batch to the pipeline in stretches of one run (or none), in delivery order, so a run's
 * analyses and errors carry its id and per-key order is kept. Every stretch's `processBatch` call
 * is made at once (the pipeline lines them up and commits them in call order); nothing is awaited
 * here, so the next batch can be handed over while this one is stored.
 */
function startInRuns(pipeline: Pipeline, batch: Delivered[]): Stretch[] {
  const parsed = parseBatch(batch);
  const stretches: Stretch[] = [];
  for (let i = 0; i < parsed.length; ) {
    const run = parsed[i]?.run;
    let j = i + 1;
    while (j < parsed.length && parsed[j]?.run?.id === run?.id) j++;
    const results = pipeline.processBatch(
      parsed.slice(i, j).map((p) => p.item),
      run?.id,
    );
    results.catch(() => undefined); // awaited in order by finishRuns
    stretches.push({ messages: batch.slice(i, j), run, results });
    i = j;
  }
  return stretches;
}

/** Awaits the stretches in order, counting each run's results (runs.ts); the batch's results in delivery order. */
async function finishRuns(stretches: Stretch[], tracker: RunTracker | undefined): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for (const { messages, run, results: pending } of stretches) {
    const part = await pending;
    if (run && tracker) await tracker.record(run, part, messages);
    results.push(...part);
  }
  return results;
}

/** The messages of `batch` whose results say they leave through the dead-letter path. */
export function deadLettersOf(results: ItemResult[], batch: Delivered[]): DeadLetter[] {
  const letters: DeadLetter[] = [];
  results.forEach((r, i) => {
    const message = batch[i];
    if (r.deadLetter && message) letters.push({ message, reason: r.deadLetter.reason, step: r.deadLetter.step });
  });
  return letters;
}

interface Waiting {
  batch: Delivered[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A coalesced batch on its way: handed to the pipeline (`handedOver`), stored (`stored`), then finished (`done`). */
interface InFlight {
  /** Settles once the batch's pipeline calls are made (or it failed before). */
  handedOver: Promise<void>;
  /** Settles once the pipeline calls resolved or rejected (its records and analyses stored, or it failed). */
  stored: Promise<void>;
  /** Settles once its handler calls are resolved or rejected. */
  done: Promise<void>;
  /**
   * It reached `maxBatch` records or `maxBatchBytes` bytes, or the transport stopped a batch of it
   * at either limit (`DeliveryInfo.full`: the embedded bus stops before a message would pass
   * `maxBatchBytes`, counting framed bytes); more may have been waiting.
   */
  full: boolean;
}

const settledPromise = (p: Promise<unknown>): Promise<void> =>
  p.then(
    () => undefined,
    () => undefined,
  );

/**
 * Before the pipeline: the undecodable messages dead-lettered, the pending finalizes settled
 * (once the batch before is done when this one may hold one: its robot may be in that batch's
 * episodes, which the cache holds only once they are committed). The messages for the pipeline.
 */
async function prepare(
  transport: Transport,
  opts: ConsumerOptions,
  received: Delivered[],
  before: Promise<void>,
): Promise<Delivered[]> {
  // What the transport could not decode leaves through the dead-letter path, from here only.
  const undecodable = received.filter((d) => d.undecodable !== undefined);
  const delivered = undecodable.length > 0 ? received.filter((d) => d.undecodable === undefined) : received;
  if (undecodable.length > 0) {
    await transport.deadLetter(undecodable.map((message) => ({ message, reason: message.undecodable ?? '', step: 'decode' })));
  }
  if (opts.robotOf && delivered.some(mayPend)) await before;
  const { ready } = await settlePending(transport, delivered, opts.robotOf, {
    maxMs: opts.pendingMaxMs ?? 15 * 60_000,
    retryMs: opts.pendingRetryMs ?? 500,
    forward: opts.forwardResolved ?? true,
  });
  return ready;
}

/** After the store: dead letters, findings, afterStore (the handler calls resolve after this: their commit). */
async function finish(
  transport: Transport,
  opts: ConsumerOptions,
  all: Delivered[],
  stretches: Stretch[],
  t0: number,
): Promise<void> {
  const results = await finishRuns(stretches, opts.runs);
  markHop('consumer.stored', all);
  const letters = deadLettersOf(results, all);
  if (letters.length > 0) await transport.deadLetter(letters);
  // The contract's findings output, where the transport has one (Kafka), before the commit.
  const analyses = results.flatMap((r) => (r.analysis ? [r.analysis] : []));
  if (transport.publishFindings && analyses.length > 0) await transport.publishFindings(analyses);
  await opts.afterStore?.(results, all);
  opts.onBatch?.(all.length, performance.now() - t0);
}

/**
 * A flushed batch's end, once the batch before it is done: its after-store steps (`finish`), then its
 * handler calls resolved (the transport commits), or all rejected if it failed. Never rejects.
 */
/**
 * A flushed batch handed to the pipeline, in flush order (the state joins see the batches in the
 * order they came), at most two at a time: once the batch before it (`previous`) was handed over
 * and the one before that (`older`) is stored (its findings and commit need not hold this one's
 * analysis back).
 */
function handOver(
  transport: Transport,
  pipeline: Pipeline,
  opts: ConsumerOptions,
  group: Waiting[],
  previous: InFlight,
  older: InFlight,
): Promise<{ all: Delivered[]; stretches: Stretch[]; t0: number }> {
  return Promise.all([previous.handedOver, older.stored]).then(async () => {
    const t0 = performance.now();
    const all = await prepare(
      transport,
      opts,
      group.flatMap((w) => w.batch),
      previous.done,
    );
    markHop('consumer.handed', all);
    return { all, stretches: startInRuns(pipeline, all), t0 };
  });
}

async function finishInOrder(
  transport: Transport,
  opts: ConsumerOptions,
  group: Waiting[],
  handed: Promise<{ all: Delivered[]; stretches: Stretch[]; t0: number }>,
  previousDone: Promise<void>,
): Promise<void> {
  await Promise.all([previousDone, settledPromise(handed)]);
  try {
    const { all, stretches, t0 } = await handed;
    await finish(transport, opts, all, stretches, t0);
    markHop('consumer.finished', all);
    for (const w of group) w.resolve();
  } catch (err) {
    opts.onError?.(err);
    for (const w of group) w.reject(err);
  }
}

/** Pauses and resumes the transport's fetching, telling `onPause` of each change (once per change). */
function pauseControl(transport: Transport, onPause: ConsumerOptions['onPause']): (paused: boolean) => void {
  let paused = false;
  return (p) => {
    if (p === paused || !transport.pause || !transport.resume) return;
    if (p) {
      if (!transport.pause()) return; // the transport declined: its handler wait is the backpressure
    } else transport.resume();
    paused = p;
    onPause?.(p);
  };
}

/**
 * Under backlog (module comment): a waiting batch of `maxBatch` records or more grows instead of
 * going, up to `backlogBatch` records (never past) and below `maxBytes`, while two flushed batches
 * are not stored.
 */
function backlogGrowth(maxBatch: number, backlogBatch: number | undefined, maxBytes: number) {
  const growTo = Math.max(maxBatch, backlogBatch ?? maxBatch);
  /** Flushed batches whose records are not stored yet (their pipeline calls unsettled). */
  let unstored = 0;
  const holds = (size: number, bytes: number) =>
    growTo > maxBatch && size >= maxBatch && size < growTo && bytes < maxBytes && unstored >= 2;
  return {
    holds,
    /** Whether a batch that a delivery just joined is held; then `pause` (it falls behind, as at a third flush). */
    holdsAfterJoin: (size: number, bytes: number, pause: () => void) => {
      if (!holds(size, bytes)) return false;
      pause();
      return true;
    },
    /**
     * Whether a held batch (`maxBatch` records or more: it would have gone otherwise) goes before a
     * delivery of `incoming` records joins it, since with it the batch would pass `backlogBatch`.
     */
    full: (size: number, incoming: number) => growTo > maxBatch && size >= maxBatch && size + incoming > growTo,
    flushed: () => {
      unstored += 1;
    },
    stored: () => {
      unstored -= 1;
    },
  };
}

export function startConsumer(transport: Transport, pipeline: Pipeline, opts: ConsumerOptions): void {
  const linger = opts.lingerMs ?? 0;
  const maxBytes = opts.maxBatchBytes ?? Number.POSITIVE_INFINITY;
  const backlog = backlogGrowth(opts.maxBatch, opts.backlogBatch, maxBytes);
  const holds = () => backlog.holds(size, bytes);
  let waiting: Waiting[] = [];
  let size = 0;
  let bytes = 0;
  /** A delivery of the waiting batch was stopped at a limit by the transport (`DeliveryInfo.full`). */
  let cut = false;
  let timer: NodeJS.Timeout | undefined;
  /** The last two batches flushed (the older first): a third is handed over once the older is stored. */
  let last: InFlight = { handedOver: Promise.resolve(), stored: Promise.resolve(), done: Promise.resolve(), full: false };
  let beforeLast: InFlight = last;
  /** Coalesced batches flushed and not finished yet. */
  let queued = 0;
  const setPaused = pauseControl(transport, opts.onPause);

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const group = waiting;
    const full = cut || size >= opts.maxBatch || bytes >= maxBytes;
    waiting = [];
    size = 0;
    bytes = 0;
    cut = false;
    if (group.length === 0) return;
    queued += 1;
    if (queued >= 3) setPaused(true); // three flushed and not yet committed: the pipeline falls behind
    const previous = last;
    const handed = handOver(transport, pipeline, opts, group, previous, beforeLast);
    // Finished in flush order: commits (handler resolutions) never overtake an earlier batch's.
    const done = finishInOrder(transport, opts, group, handed, previous.done).finally(() => {
      queued -= 1;
      if (queued === 0) setPaused(false);
    });
    const stored = settledPromise(handed.then(({ stretches }) => Promise.all(stretches.map((s) => s.results))));
    backlog.flushed();
    void stored.then(() => {
      backlog.stored();
      // A batch held to grow goes now: the older of the two before it is stored.
      if (waiting.length > 0 && size >= opts.maxBatch && !holds()) flush();
    });
    beforeLast = previous;
    last = { handedOver: settledPromise(handed), stored, done, full };
  };

  /** The linger ran out: the waiting batch goes, unless it is held to grow (it goes once the older batch is stored). */
  const onLinger = () => {
    timer = undefined;
    if (!holds()) flush();
  };

  transport.consume(
    (batch, info) =>
      new Promise<void>((resolve, reject) => {
        if (waiting.length > 0 && backlog.full(size, batch.length)) flush(); // held: goes, rather than pass backlogBatch
        waiting.push({ batch, resolve, reject });
        size += batch.length;
        for (const m of batch) bytes += m.size ?? m.value.length;
        cut ||= info?.full === true;
        if (!cut && backlog.holdsAfterJoin(size, bytes, () => setPaused(true))) timer ??= setTimeout(onLinger, linger);
        else if (cut || size >= opts.maxBatch || bytes >= maxBytes || linger === 0) flush();
        else timer ??= setTimeout(onLinger, linger);
      }),
    {
      maxBatch: opts.maxBatch,
      ...(opts.maxBatchBytes !== undefined ? { maxBatchBytes: opts.maxBatchBytes } : {}),
      maxInFlight: 3,
      // A batch handed over now would join at once; after the store unless `early` or a backlog (module comment).
      whenReady: async () => {
        await Promise.all([last.handedOver, opts.handover === 'early' || last.full ? beforeLast.stored : last.stored]);
        await pipeline.joinable();
      },
      // Nothing more can come before a batch handed over is done (Kafka: its client fetches again
      // only then): what waits for the linger goes now (module comment).
      onIdle: () => {
        if (waiting.length > 0) flush();
      },
    },
  );
}
