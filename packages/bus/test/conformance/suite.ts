/**
 * The Transport contract (src/transport.ts) as one test suite that every transport runs: the
 * embedded bus (test/conformance.test.ts) and the Kafka transport against the real broker
 * (packages/kafka/test/conformance.test.ts). Each case opens a fresh bus of its own (its own
 * directory, or its own topics and consumer group) through the subject the transport's test
 * gives, so runs never see each other's messages.
 *
 * What it states, in the contract's words:
 * - keyed and ordered per key, across several publish calls and batch boundaries;
 * - envelope round trip: what a consumer gets (as it reads it: `envelopeOf`) is the envelope that
 *   was published — record, org, merge flag, actor, time received, pending robot, batch run — for
 *   hostile values too (text already made
 *   well-formed: astral, combining, bidi, U+FFFD, quotes and backslashes; an object nested 40
 *   deep; a 200 KB value), since the Kafka transport re-encodes every envelope as Avro;
 * - durable across close and reopen: published and not committed is delivered after reopening,
 *   committed is not delivered again;
 * - at-least-once: a handler that throws gets the same messages again, none is lost;
 * - bounded (only where the transport holds the backlog itself: `capacity`): past it publish
 *   refuses the whole call with BusFullError and accepts nothing of it;
 * - observable progress: while a handler does not return, backlog() shows the waiting records
 *   and the stall rule says stalled; once it returns, nothing waits;
 * - dead letters are durable: set aside through deadLetter, they are still there (key, reason,
 *   step) after the transport was closed.
 *
 * Messages are envelopes of episode records (keyed by robot), the one shape both transports
 * carry; a case's episode ids carry its sequence numbers.
 */
import { type Envelope, type EpisodeRecord, envelopeOf, fromMessage, toMessage } from '@faultline/core';
import t, { type Test } from 'tap';
import { BusFullError, backlogState, type Delivered, type Transport } from '../../src/index.js';

export interface ConformanceSubject {
  /** Opens the transport under test; a second call opens the same bus again (same directory, or same topics and group). */
  open(): Promise<Transport>;
  /** What this bus durably set aside on its dead-letter path (read from its dead-letter log or topic). */
  deadLetters(expect: number): Promise<{ key: string; step: string; reason: string }[]>;
  /** Messages past which publish refuses, where the transport holds the backlog itself; undefined: unbounded (Kafka). */
  capacity?: number;
  /** How long a case waits for deliveries (a consumer group takes seconds to join). */
  waitMs: number;
}

export type MakeSubject = (t: Test, tag: string) => Promise<ConformanceSubject>;

/** An episode envelope: robot `robot-<i % robots>`, id `<tag>-<i>`. */
export function episodeEnvelope(tag: string, i: number, robots: number, extra: Partial<EpisodeRecord> = {}): Envelope {
  return {
    record: {
      kind: 'episode',
      episode_id: `${tag}-${i}`,
      robot_id: `robot-${i % robots}`,
      org_id: 'acme',
      status: 'failed',
      ...extra,
    } as EpisodeRecord,
    org: 'acme',
    received_at: '2026-12-04T10:00:00.000Z',
  };
}

const seqOf = (d: Delivered): number => {
  const parsed = envelopeOf(d);
  if (!parsed.ok) throw new Error(parsed.reason);
  return Number((parsed.envelope.record as EpisodeRecord).episode_id.split('-').pop());
};

/** Consumes until `done` holds for what arrived (or `ms` passed); the handler may be replaced per call. */
function consumeUntil(
  transport: Transport,
  done: (all: Delivered[]) => boolean,
  ms: number,
  handle: (batch: Delivered[], all: Delivered[]) => Promise<void> = async () => undefined,
  maxBatch = 7,
): Promise<Delivered[]> {
  const all: Delivered[] = [];
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(all), ms);
    transport.consume(
      async (batch) => {
        await handle(batch, all);
        all.push(...batch);
        if (done(all)) {
          clearTimeout(timer);
          resolve(all);
        }
      },
      { maxBatch },
    );
  });
}

const distinct = (ds: Delivered[]) => new Set(ds.map(seqOf)).size;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function conformance(name: string, make: MakeSubject): void {
  t.test(`${name}: keyed and ordered per key across publish calls and batches`, (t) => orderedPerKey(t, make));
  t.test(`${name}: an envelope comes back as it was published, hostile values included`, (t) => roundTrip(t, make));
  t.test(`${name}: every field of the envelope comes back: pending robot, batch run, merge, actor`, (t) =>
    envelopeFields(t, make),
  );
  t.test(`${name}: durable across close and reopen; what was committed is not delivered again`, (t) => durable(t, make));
  t.test(`${name}: at-least-once: a handler that throws gets the same messages again`, (t) => atLeastOnce(t, make));
  t.test(`${name}: bounded: past capacity the whole publish is refused with BusFullError`, (t) => bounded(t, make));
  t.test(`${name}: a handler that does not return shows as a stalled backlog, and clears`, (t) => stallShows(t, make));
  t.test(`${name}: dead letters are durable, with their reason and step`, (t) => deadLettersDurable(t, make));
}

async function orderedPerKey(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'order');
  const bus = await s.open();
  t.teardown(() => bus.close());
  for (let call = 0; call < 3; call++) {
    await bus.publish(Array.from({ length: 20 }, (_, i) => toMessage(episodeEnvelope('ord', call * 20 + i, 4))));
  }
  const got = await consumeUntil(bus, (all) => distinct(all) >= 60, s.waitMs);
  t.equal(distinct(got), 60, 'every message delivered');
  const last = new Map<string, number>();
  let ordered = true;
  for (const d of got) {
    const seq = seqOf(d);
    if ((last.get(d.key) ?? -1) >= seq) ordered = false;
    last.set(d.key, seq);
  }
  t.ok(ordered, 'per key, in publish order');
  t.same([...last.keys()].sort(), ['robot-0', 'robot-1', 'robot-2', 'robot-3'], 'keyed by robot');
}

async function roundTrip(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'roundtrip');
  const bus = await s.open();
  t.teardown(() => bus.close());
  let deep: Record<string, unknown> = { leaf: 'bottom' };
  for (let i = 0; i < 40; i++) deep = { [`level${i}`]: deep, n: i };
  const text =
    'astral \u{1F916}\u{1F4A5}, combining e\u0301, bidi \u202Eevil\u202C, \uFFFD, "quoted" \\ back\\slash, tab\t, newline\n';
  const sent: Envelope[] = [
    { ...episodeEnvelope('rt', 0, 1, { metadata: { text, nested: deep } }), merge: true, actor: 'key-1' },
    episodeEnvelope('rt', 1, 1, { metadata: { big: 'x'.repeat(200_000), list: Array.from({ length: 500 }, (_, i) => i) } }),
    episodeEnvelope('rt', 2, 1, { status: 'succeeded', duration_s: 0.125, started_at: '2026-12-04T09:59:00.000Z' }),
  ];
  await bus.publish(sent.map(toMessage));
  const got = await consumeUntil(bus, (all) => distinct(all) >= 3, s.waitMs);
  t.equal(distinct(got), 3, 'all three delivered');
  for (const [i, env] of sent.entries()) {
    const d = got.find((x) => seqOf(x) === i);
    // As the consumer reads it (the object the transport handed over, else the JSON), and the JSON agrees.
    const back = d ? envelopeOf(d) : undefined;
    const json = d ? fromMessage(d.value) : undefined;
    t.same(
      json?.ok ? json.envelope : undefined,
      back?.ok ? back.envelope : 'none',
      `envelope ${i}: its JSON value says the same`,
    );
    if (!back?.ok) {
      t.fail(`envelope ${i} did not come back`);
      continue;
    }
    t.same(back.envelope.record, env.record, `envelope ${i}: the record`);
    t.equal(back.envelope.org, env.org, `envelope ${i}: the org`);
    t.equal(back.envelope.received_at, env.received_at, `envelope ${i}: when it was received`);
    t.equal(back.envelope.merge === true, env.merge === true, `envelope ${i}: the merge flag`);
    t.equal(back.envelope.actor, env.actor, `envelope ${i}: the actor`);
    t.equal(d?.key, toMessage(env).key, `envelope ${i}: the key`);
  }
}

/** The envelope's optional fields (ingest's pending finalize, a batch run's records) survive the transport. */
async function envelopeFields(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'fields');
  const bus = await s.open();
  t.teardown(() => bus.close());
  const pending: Envelope = { ...episodeEnvelope('ef', 0, 1, { robot_id: '' }), merge: true, pendingRobot: true, actor: 'key-9' };
  const inRun: Envelope = { ...episodeEnvelope('ef', 1, 1), run: { id: 'run-1', org: '*' } };
  const plain = episodeEnvelope('ef', 2, 1);
  const sent = [pending, inRun, plain];
  await bus.publish(sent.map(toMessage));
  const got = await consumeUntil(bus, (all) => distinct(all) >= 3, s.waitMs);
  t.equal(distinct(got), 3, 'all three delivered');
  for (const [i, env] of sent.entries()) {
    const d = got.find((x) => seqOf(x) === i);
    const back = d ? envelopeOf(d) : undefined;
    t.same(back?.ok ? back.envelope : undefined, env, `envelope ${i}: every field as published`);
    t.equal(d?.key, toMessage(env).key, `envelope ${i}: its key`);
  }
  t.not(toMessage(pending).key, toMessage(plain).key, 'positive control: a pending finalize travels under its own key');
}

async function durable(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'durable');
  const first = await s.open();
  await first.publish(Array.from({ length: 10 }, (_, i) => toMessage(episodeEnvelope('dur', i, 3))));
  await first.close(); // nothing consumed yet
  const second = await s.open();
  const got = await consumeUntil(second, (all) => distinct(all) >= 10, s.waitMs);
  t.equal(distinct(got), 10, 'published before the close: delivered after reopening');
  await sleep(200); // the last handler call returned: its commit follows
  await second.close();
  const third = await s.open();
  t.teardown(() => third.close());
  await third.publish([toMessage(episodeEnvelope('dur', 10, 3))]);
  const after = await consumeUntil(third, (all) => all.some((d) => seqOf(d) === 10), s.waitMs);
  t.same(after.map(seqOf), [10], 'positive control: the new message arrives, and none of the committed ten comes again');
}

async function atLeastOnce(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'redeliver');
  const bus = await s.open();
  t.teardown(() => bus.close());
  await bus.publish(Array.from({ length: 12 }, (_, i) => toMessage(episodeEnvelope('al', i, 2))));
  const failedOnce = new Set<number>();
  const handled: number[] = [];
  const got = await consumeUntil(
    bus,
    () => new Set(handled).size >= 12,
    s.waitMs,
    async (batch) => {
      const fresh = batch.map(seqOf).filter((q) => !failedOnce.has(q));
      if (fresh.length > 0) {
        for (const q of fresh) failedOnce.add(q);
        throw new Error('handler failure (test)');
      }
      handled.push(...batch.map(seqOf));
    },
  );
  t.equal(new Set(handled).size, 12, 'every message handled in the end');
  t.equal(failedOnce.size, 12, 'every message was first refused once');
  t.ok(got.length >= 12, 'each delivered again after its failure');
  t.ok(bus.stats().redelivered > 0, `counted as redelivered (${bus.stats().redelivered})`);
}

async function bounded(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'bounded');
  if (s.capacity === undefined) {
    t.comment('unbounded transport: the backlog lives in the broker (bounded by its retention)');
    const bus = await s.open();
    t.equal(bus.saturated(), false, 'never saturated');
    await bus.close();
    return;
  }
  const bus = await s.open();
  t.teardown(() => bus.close());
  await bus.publish(Array.from({ length: s.capacity - 1 }, (_, i) => toMessage(episodeEnvelope('bd', i, 2))));
  t.equal(bus.stats().depth, s.capacity - 1, 'positive control: up to the capacity is taken');
  await t.rejects(
    bus.publish([toMessage(episodeEnvelope('bd', 1000, 2)), toMessage(episodeEnvelope('bd', 1001, 2))]),
    BusFullError,
    'two more than the room: refused',
  );
  t.equal(bus.stats().depth, s.capacity - 1, 'nothing of the refused call was accepted');
  await bus.publish([toMessage(episodeEnvelope('bd', 2000, 2))]);
  t.equal(bus.stats().depth, s.capacity, 'one that fits is taken');
}

async function stallShows(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'stall');
  const bus = await s.open();
  t.teardown(() => bus.close());
  if (!bus.backlog) {
    t.comment('this transport cannot tell its backlog');
    return;
  }
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => {
    release = r;
  });
  let handedOver = false;
  await bus.publish(Array.from({ length: 3 }, (_, i) => toMessage(episodeEnvelope('st', i, 1))));
  const got = consumeUntil(
    bus,
    (all) => distinct(all) >= 3,
    s.waitMs,
    async () => {
      handedOver = true;
      await held;
    },
    10,
  );
  const deadline = Date.now() + s.waitMs;
  while (!handedOver && Date.now() < deadline) await sleep(20);
  t.ok(handedOver, 'positive control: the batch was handed over');
  await sleep(300);
  const stuck = backlogState(bus.backlog(), Date.now(), 200);
  t.ok(stuck.waiting >= 1, `records wait (${stuck.waiting})`);
  t.equal(stuck.stalled, true, 'no progress for longer than the stall bound: stalled');
  release();
  t.equal(distinct(await got), 3, 'delivered once the handler returns');
  let state = backlogState(bus.backlog(), Date.now(), 200);
  for (let i = 0; i < 100 && state.waiting > 0; i++) {
    await sleep(50);
    state = backlogState(bus.backlog(), Date.now(), 200);
  }
  t.same([state.waiting, state.stalled], [0, false], 'committed: nothing waits');
}

async function deadLettersDurable(t: Test, make: MakeSubject): Promise<void> {
  const s = await make(t, 'dead');
  const bus = await s.open();
  await bus.publish([toMessage(episodeEnvelope('dl', 0, 1)), toMessage(episodeEnvelope('dl', 1, 1))]);
  const reason = 'refused by validation: status: must be one of running, succeeded, failed \u{1F4A5}';
  const got = await consumeUntil(
    bus,
    (all) => distinct(all) >= 2,
    s.waitMs,
    async (batch) => {
      const poison = batch.filter((d) => seqOf(d) === 1);
      if (poison.length) await bus.deadLetter(poison.map((message) => ({ message, reason, step: 'validation' })));
    },
  );
  t.equal(distinct(got), 2);
  t.same(Object.fromEntries(bus.deadLetterCounts()), { validation: 1 }, 'counted by step');
  await bus.close();
  const letters = await s.deadLetters(1);
  t.equal(letters.length, 1, 'set aside, still there after the close');
  t.equal(letters[0]?.key, 'robot-0');
  t.equal(letters[0]?.step, 'validation');
  t.equal(letters[0]?.reason, reason);
}
