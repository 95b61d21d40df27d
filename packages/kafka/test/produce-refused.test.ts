/**
 * The transport's produce of findings and dead letters against a broker that refuses a partition's
 * record batch past a limit (MESSAGE_TOO_LARGE) and an admin that may tell another limit, or none:
 * a fake client (no broker), so what the transport asks and sends is seen request by request.
 * K1/K2: a refused request is cut again (limits re-read, else halves), in order, never failed for
 * ever; K4: one message too large on its own; K3: a limit that cannot be read; K6: per-partition cut.
 */
import type { Analysis } from '@faultline/core';
import t from 'tap';
import { DEFAULT_MAX_MESSAGE_BYTES, KafkaTransport, keyPartition, LIMITS_GUESS_MS } from '../src/index.js';

interface Sent {
  key: string;
  value: Buffer | string;
  headers: Record<string, string>;
}

/** A record's bytes in a record batch as the transport counts them (an upper bound of kafkajs's encoding). */
const recordBytes = (m: Sent) =>
  32 +
  Buffer.byteLength(m.key) +
  Buffer.byteLength(m.value) +
  Object.entries(m.headers).reduce((n, [k, v]) => n + 10 + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

interface Fake {
  transport: KafkaTransport;
  /** Every request the broker took, by topic, in order. */
  taken: { topic: string; messages: Sent[] }[];
  refused: number;
  /** Producers connected (a new one after each refusal). */
  producers: number;
  /** Producers made and not disconnected (the transport's own included). */
  open: () => number;
  asked: { metadata: number; configs: number };
  logs: string[];
  clock: { now: number };
}

/**
 * A transport on a fake client. `brokerLimit`: the broker's actual `max.message.bytes` (a request
 * with a partition's record batch past it is refused); `toldLimit`: what describeConfigs answers
 * (undefined: the admin has none, as the confluent client's; 'fails': it throws).
 */
function fake(opts: {
  partitions: number;
  brokerLimit: number;
  toldLimit: number | undefined | 'fails';
  /** The dead-letter topic's, when not the same. */
  dlqLimit?: number;
  dlqTold?: number;
  /** Milliseconds a send takes (sends of several batches in flight at once). */
  sendMs?: number;
}): Fake {
  // Read at each call: a test may change the topic's limit while the transport runs.
  const f: Omit<Fake, 'transport' | 'open'> = {
    taken: [],
    refused: 0,
    producers: 0,
    asked: { metadata: 0, configs: 0 },
    logs: [],
    clock: { now: 0 },
  };
  // A new producer per producer() call, as the clients make them: one disconnected fails its sends, those in flight included.
  const made: { disconnected: boolean }[] = [];
  const producer = () => {
    const state = { disconnected: false };
    made.push(state);
    return {
      connect: async () => {
        f.producers += 1;
      },
      disconnect: async () => {
        state.disconnected = true;
      },
      send: async (req: { topic: string; messages: Sent[] }) => {
        if (state.disconnected) throw new Error('producer disconnected');
        if (opts.sendMs) await new Promise((r) => setTimeout(r, opts.sendMs));
        if (state.disconnected) throw new Error('producer disconnected mid-send');
        return send(req);
      },
    };
  };
  const limitOf = (topic: string) => (topic.endsWith('dead-letter') ? (opts.dlqLimit ?? opts.brokerLimit) : opts.brokerLimit);
  const send = async ({ topic, messages }: { topic: string; messages: Sent[] }) => {
    const perPartition = new Map<number, number>();
    for (const m of messages) {
      const p = keyPartition(m.key, opts.partitions) ?? 0;
      perPartition.set(p, (perPartition.get(p) ?? 0) + recordBytes(m));
    }
    const copies = messages.map((m) => ({ ...m, headers: { ...m.headers } }));
    // As the confluent client does: each message's headers replaced by librdkafka's form.
    for (const m of messages) m.headers = Object.entries(m.headers).map(([k, v]) => ({ [k]: v })) as never;
    if ([...perPartition.values()].some((bytes) => 61 + bytes > limitOf(topic))) {
      f.refused += 1;
      // As kafkajs throws it: the protocol error as the cause of a non-retriable one.
      const cause = Object.assign(
        new Error('The request included a message larger than the max message size the server will accept'),
        {
          type: 'MESSAGE_TOO_LARGE',
          code: 10,
        },
      );
      throw Object.assign(new Error(cause.message), { name: 'KafkaJSNonRetriableError', retriable: false, cause });
    }
    f.taken.push({ topic, messages: copies });
  };
  const admin = {
    disconnect: async () => undefined,
    fetchTopicMetadata: async () => {
      f.asked.metadata += 1;
      const topics = [{ partitions: Array.from({ length: opts.partitions }, (_, partitionId) => ({ partitionId })) }];
      // The confluent client's admin (no describeConfigs) answers the array of topics itself.
      return opts.toldLimit === undefined ? topics : { topics };
    },
    ...('toldLimit' in opts && opts.toldLimit === undefined
      ? {}
      : {
          describeConfigs: async ({ resources }: { resources: { name: string }[] }) => {
            f.asked.configs += 1;
            if (opts.toldLimit === 'fails') throw new Error('Cluster authorization failed');
            const dlq = resources[0]?.name.endsWith('dead-letter') && opts.dlqTold !== undefined;
            return {
              resources: [
                {
                  configEntries: [{ configName: 'max.message.bytes', configValue: String(dlq ? opts.dlqTold : opts.toldLimit) }],
                },
              ],
            };
          },
        }),
  };
  const client = { name: 'kafkajs', sendOptions: {}, producer, admin: () => admin };
  const codec = { encodeAnalysis: async (a: Analysis) => Buffer.from((a as unknown as { body: string }).body) };
  const Ctor = KafkaTransport as unknown as new (o: object, c: object) => KafkaTransport;
  const transport = new Ctor(
    { brokers: [], codec, prefix: 'fake', log: (line: string) => f.logs.push(line), now: () => f.clock.now },
    client,
  );
  return {
    ...f,
    transport,
    taken: f.taken,
    asked: f.asked,
    logs: f.logs,
    clock: f.clock,
    get refused() {
      return f.refused;
    },
    get producers() {
      return f.producers;
    },
    open: () => made.filter((p) => !p.disconnected).length,
  };
}

/** `n` findings of about `bytes` bytes each, subject ids s0… (their order is what the topic must keep). */
const findings = (n: number, bytes = 2200) =>
  Array.from(
    { length: n },
    (_, i) => ({ org_id: 'acme', subject_kind: 'episode', subject_id: `s${i}`, body: 'f'.repeat(bytes) }) as unknown as Analysis,
  );

/** One finding of ~200 kB: past any limit these tests give the findings topic on its own. */
const hugeFinding = (): Analysis =>
  ({ org_id: 'acme', subject_kind: 'episode', subject_id: 'huge', body: 'h'.repeat(200_000) }) as unknown as Analysis;

const onTopic = (f: Fake, topic: string) => f.taken.filter((r) => r.topic === topic);
const keysOn = (f: Fake, topic: string) => onTopic(f, topic).flatMap((r) => r.messages.map((m) => m.key));
const keysOf = (list: Analysis[]) => list.map((a) => `${a.org_id}:${a.subject_kind}:${a.subject_id}`);
const within = (f: Fake, topic: string, limit: number, partitions: number) =>
  onTopic(f, topic).every((r) => {
    const per = new Map<number, number>();
    for (const m of r.messages) {
      const p = keyPartition(m.key, partitions) ?? 0;
      per.set(p, (per.get(p) ?? 0) + recordBytes(m));
    }
    return [...per.values()].every((b) => 61 + b <= limit);
  });

t.test(
  'K1: the limit lowered after it was read: the refused request is cut with the limit read again, in order, once each',
  async (t) => {
    const topic = {
      partitions: 1,
      brokerLimit: DEFAULT_MAX_MESSAGE_BYTES,
      toldLimit: DEFAULT_MAX_MESSAGE_BYTES as number | 'fails' | undefined,
    };
    const f = fake(topic);
    await f.transport.publishFindings(findings(10));
    t.equal(f.asked.configs, 1, 'the limit read');
    // An operator lowers the findings topic's max.message.bytes while the analyzer runs.
    topic.brokerLimit = 300_000;
    topic.toldLimit = 300_000;
    const batch = findings(400);
    await f.transport.publishFindings(batch);
    t.ok(f.refused >= 1, 'the broker refused the request cut to the old limit');
    t.same(keysOn(f, 'fake.findings').slice(10), keysOf(batch), 'every finding once, in order');
    t.ok(within(f, 'fake.findings', 300_000, 1), 'every request taken within the new limit');
    t.equal(f.asked.configs, 2, 'the limit read again once');
    t.equal(f.producers, f.refused, "a new producer after each refusal (an idempotent producer's sequence is off after one)");
    const refusedBefore = f.refused;
    await f.transport.publishFindings(findings(400));
    t.equal(f.refused, refusedBefore, 'the next batch is cut to the new limit at once');
  },
);

t.test('K1/K2: a limit the admin cannot tell (the confluent client has no describeConfigs): cut on refusal', async (t) => {
  const f = fake({ partitions: 1, brokerLimit: 300_000, toldLimit: undefined });
  const batch = findings(400);
  await f.transport.publishFindings(batch);
  t.ok(f.refused >= 1, 'refused at first (Kafka default guessed)');
  t.same(keysOn(f, 'fake.findings'), keysOf(batch), 'every finding once, in order');
  t.ok(within(f, 'fake.findings', 300_000, 1), 'within the limit');

  // Its partitions are read (its metadata's shape): 2,000 findings over 8 at the default, one request.
  const g = fake({ partitions: 8, brokerLimit: DEFAULT_MAX_MESSAGE_BYTES, toldLimit: undefined });
  await g.transport.publishFindings(findings(2000));
  t.equal(onTopic(g, 'fake.findings').length, 1, 'one request: the 8 partitions read');
  t.equal(g.logs.length, 1, 'logged once: the limit cannot be read on that client');
  t.match(g.logs[0], /fake\.findings's max\.message\.bytes cannot be read .*taking 1048588 bytes and its 8 partitions/);
});

t.test('K1: an admin that keeps telling a wrong limit: halves, down to one message, in order', async (t) => {
  const f = fake({ partitions: 4, brokerLimit: 20_000, toldLimit: DEFAULT_MAX_MESSAGE_BYTES });
  const batch = findings(101, 3000);
  await f.transport.publishFindings(batch);
  t.same(keysOn(f, 'fake.findings'), keysOf(batch), 'every finding once, in order');
  t.ok(within(f, 'fake.findings', 20_000, 4), 'within the limit');
  t.equal(f.asked.configs, 2, 'read once, and again once after the first refusal (not at each)');
});

t.test('K4: a dead letter too large on its own is cut to its headers and an excerpt; the others go as they are', async (t) => {
  const f = fake({ partitions: 2, brokerLimit: DEFAULT_MAX_MESSAGE_BYTES, toldLimit: DEFAULT_MAX_MESSAGE_BYTES });
  const raw = Buffer.alloc(1_048_487, 7); // accepted on an input topic at the default limit
  const letter = (key: string, value: Buffer | string, offset: number) => ({
    message: { key, value: '', raw: value, topic: 'fake.logs', partition: 3, offset, publishedAt: 0, headers: { org: 'acme' } },
    reason: 'not Avro of a known schema',
    step: 'decode',
  });
  await f.transport.deadLetter([
    letter('a', 'small', 1),
    letter('big', raw, 2),
    letter('b', 'small too', 3),
  ] as unknown as Parameters<KafkaTransport['deadLetter']>[0]);
  const sent = onTopic(f, 'fake.dead-letter').flatMap((r) => r.messages);
  t.same(
    sent.map((m) => m.key),
    ['a', 'big', 'b'],
    'all three, in order',
  );
  const big = sent[1] as Sent;
  t.equal(big.headers['faultline.dlq.truncated'], String(raw.length), 'its size as delivered');
  t.equal(big.headers['faultline.dlq.excerpt'], '4096', 'the excerpt kept');
  t.same(Buffer.from(big.value), raw.subarray(0, 4096), "the value's first bytes");
  t.equal(big.headers['faultline.dlq.offset'], '2', 'where the record is, whole, on its input topic');
  t.equal((sent[0] as Sent).headers['faultline.dlq.truncated'], undefined, 'the others whole');
  t.same(Object.fromEntries(f.transport.deadLetterCounts()), { decode: 3 });
  t.match(f.logs.join('\n'), /dead letter of \d+ bytes \(key "big", from fake\.logs partition 3 offset 2\)/, 'logged');

  // Refused alone by a broker whose limit the admin cannot tell: cut as well, after the refusal.
  const g = fake({ partitions: 1, brokerLimit: 10_000, toldLimit: 'fails' });
  await g.transport.deadLetter([letter('big', raw.subarray(0, 50_000), 9)] as unknown as Parameters<
    KafkaTransport['deadLetter']
  >[0]);
  const [cut] = onTopic(g, 'fake.dead-letter').flatMap((r) => r.messages);
  t.equal(cut?.headers['faultline.dlq.truncated'], '50000', 'cut once refused');
  t.ok(g.refused >= 1);
});

t.test(
  'K4: a finding too large on its own: not on the findings topic, logged, counted, a cut dead letter; the rest published',
  async (t) => {
    const f = fake({ partitions: 1, brokerLimit: 100_000, toldLimit: 100_000 });
    const batch = findings(5, 2000);
    const huge = hugeFinding();
    batch.splice(2, 0, huge);
    await f.transport.publishFindings(batch);
    t.same(keysOn(f, 'fake.findings'), keysOf(batch.filter((a) => a !== huge)), 'the others, in order');
    const [letter] = onTopic(f, 'fake.dead-letter').flatMap((r) => r.messages);
    t.equal(letter?.key, 'acme:episode:huge');
    t.equal(letter?.headers['faultline.dlq.step'], 'findings');
    t.equal(letter?.headers['faultline.dlq.truncated'], '200000');
    t.equal(Buffer.byteLength(letter?.value ?? ''), 4096);
    t.same(
      Object.fromEntries(f.transport.deadLetterCounts()),
      { findings: 1 },
      'counted (faultline_dead_letters_total{step="findings"})',
    );
    t.match(f.logs.join('\n'), /a finding of \d+ bytes \(key "acme:episode:huge"\).*in the store/, 'logged');

    // Refused alone (the limit not readable): the same.
    const g = fake({ partitions: 1, brokerLimit: 100_000, toldLimit: 'fails' });
    await g.transport.publishFindings([huge, ...findings(2, 2000)]);
    t.same(keysOn(g, 'fake.findings'), keysOf(findings(2, 2000)));
    t.equal(onTopic(g, 'fake.dead-letter').flatMap((r) => r.messages)[0]?.headers['faultline.dlq.step'], 'findings');
  },
);

t.test('K3: describeConfigs refused: the partitions read are kept, the guess kept for a while, logged once', async (t) => {
  const f = fake({ partitions: 8, brokerLimit: DEFAULT_MAX_MESSAGE_BYTES, toldLimit: 'fails' });
  await f.transport.publishFindings(findings(2000));
  t.equal(onTopic(f, 'fake.findings').length, 1, 'one request: each partition counted on its own (~550 kB of 8 × ...)');
  await f.transport.publishFindings(findings(10));
  t.same(f.asked, { metadata: 1, configs: 1 }, 'not asked again on the next batch');
  t.equal(f.logs.length, 1, 'logged once');
  t.match(
    f.logs[0],
    /could not read fake\.findings's max\.message\.bytes \(Cluster authorization failed\): taking 1048588 bytes and its 8 partitions/,
  );
  f.clock.now += LIMITS_GUESS_MS;
  await f.transport.publishFindings(findings(10));
  t.same(f.asked, { metadata: 2, configs: 2 }, 'asked again after LIMITS_GUESS_MS');
  t.equal(f.logs.length, 1, 'still logged once');
});

t.test('K6: the per-partition cut wired to the partitions read (8) and the limit read', async (t) => {
  const f = fake({ partitions: 8, brokerLimit: DEFAULT_MAX_MESSAGE_BYTES, toldLimit: DEFAULT_MAX_MESSAGE_BYTES });
  await f.transport.publishFindings(findings(2000));
  t.equal(onTopic(f, 'fake.findings').length, 1, "one request at Kafka's default: ~4.6 MB over 8 partitions, each within");
  t.equal(f.refused, 0);
  const g = fake({ partitions: 8, brokerLimit: 300_000, toldLimit: 300_000 });
  await g.transport.publishFindings(findings(2000));
  const requests = onTopic(g, 'fake.findings').length;
  t.ok(requests >= 2 && requests <= 3, `at 300,000: ${requests} requests, by partition (counted everywhere: 16)`);
  t.equal(g.refused, 0, 'none refused');
  t.ok(within(g, 'fake.findings', 300_000, 8));
});

type Letters = Parameters<KafkaTransport['deadLetter']>[0];
const deadLetter = (
  key: string,
  value: Buffer | string,
  offset: number,
  reason = 'not Avro of a known schema',
  step = 'decode',
) =>
  ({
    message: { key, value: '', raw: value, topic: 'fake.logs', partition: 3, offset, publishedAt: 0, headers: { org: 'acme' } },
    reason,
    step,
  }) as unknown as Letters[number];

t.test(
  'F1: refusals in batches handled at once: one producer replaced at a time, none leaked, no send in flight failed',
  async (t) => {
    const f = fake({ partitions: 2, brokerLimit: 60_000, toldLimit: DEFAULT_MAX_MESSAGE_BYTES, dlqLimit: 10_000_000, sendMs: 5 });
    const a = findings(100).map((x) => ({ ...x, subject_id: `a${x.subject_id}` }) as Analysis);
    const b = findings(100).map((x) => ({ ...x, subject_id: `b${x.subject_id}` }) as Analysis);
    const results = await Promise.allSettled([
      f.transport.publishFindings(a),
      f.transport.publishFindings(b),
      // Another batch's dead letter, in flight while the findings are refused.
      new Promise((r) => setTimeout(r, 2)).then(() => f.transport.deadLetter([deadLetter('k', 'small', 1)])),
    ]);
    t.same(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'fulfilled'],
      "no batch's send failed by another's refusal",
    );
    t.ok(f.refused >= 2, `refused: ${f.refused}`);
    const keys = new Set(keysOn(f, 'fake.findings'));
    t.ok(
      [...keysOf(a), ...keysOf(b)].every((k) => keys.has(k)),
      'every finding on the topic',
    );
    t.equal(f.open(), 1, 'one producer left connected: the one in use');
    await f.transport.close();
    t.equal(f.open(), 0, 'none after close');
  },
);

t.test('F2: a dead letter still too large after its cut: cut to the limit read again, then dropped — bounded', async (t) => {
  // The dead-letter topic lowered to 3,000 bytes after it was read.
  const o = {
    partitions: 1,
    brokerLimit: 10_000_000,
    toldLimit: 10_000_000,
    dlqLimit: DEFAULT_MAX_MESSAGE_BYTES,
    dlqTold: DEFAULT_MAX_MESSAGE_BYTES,
  };
  const f = fake(o);
  await f.transport.deadLetter([deadLetter('a', 'small', 1)]);
  o.dlqLimit = 3000;
  o.dlqTold = 3000;
  await f.transport.deadLetter([deadLetter('big', Buffer.alloc(20_000, 1), 2)]);
  t.ok(f.refused <= 2, `refused ${f.refused} times (not a byte a try)`);
  const [, big] = onTopic(f, 'fake.dead-letter').flatMap((r) => r.messages);
  t.equal(big?.key, 'big', 'sent, cut');
  t.equal(big?.headers['faultline.dlq.truncated'], '20000');
  t.ok(within(f, 'fake.dead-letter', 3000, 1), 'within the new limit');
  t.same(Object.fromEntries(f.transport.deadLetterCounts()), { decode: 2 });

  // The broker's limit below even what it tells: refused once cut, then dropped and counted so.
  const g = fake({
    partitions: 1,
    brokerLimit: 10_000_000,
    toldLimit: 10_000_000,
    dlqLimit: 1500,
    dlqTold: DEFAULT_MAX_MESSAGE_BYTES,
  });
  await g.transport.deadLetter([deadLetter('big', Buffer.alloc(20_000, 1), 2)]);
  t.ok(g.refused <= 2, `refused ${g.refused} times`);
  t.equal(onTopic(g, 'fake.dead-letter').length, 0, 'not sent');
  t.same(Object.fromEntries(g.transport.deadLetterCounts()), { dropped: 1 }, 'counted as dropped');
  t.match(g.logs.join('\n'), /refused again as too large by fake\.dead-letter: dropped/, 'logged');
});

t.test(
  'F3: the confluent client (no describeConfigs): the limit learnt from refusals is kept for the next batches',
  async (t) => {
    const f = fake({ partitions: 1, brokerLimit: 60_000, toldLimit: undefined });
    const batches = Array.from({ length: 5 }, (_, i) =>
      findings(100).map((x) => ({ ...x, subject_id: `b${i}-${x.subject_id}` }) as Analysis),
    );
    const [first, ...rest] = batches;
    await f.transport.publishFindings(first as Analysis[]);
    const refused = f.refused;
    t.ok(refused >= 1 && refused <= 8, `the first batch refused ${refused} times (halves)`);
    for (const batch of rest) await f.transport.publishFindings(batch);
    t.equal(f.refused, refused, 'the later batches cut before sending: none refused');
    t.equal(f.producers, refused, 'no producer replaced after the first batch');
    t.same(keysOn(f, 'fake.findings'), batches.flatMap(keysOf), 'every finding once, in order');
    t.equal(f.logs.filter((l) => /cannot be read/.test(l)).length, 1, 'the unreadable limit logged once');
    t.equal(f.logs.length, 2, 'and the one refusal');
  },
);

t.test('F4: a dead letter whose headers alone do not fit: not sent, counted as dropped, logged so', async (t) => {
  const f = fake({ partitions: 1, brokerLimit: 600, toldLimit: 600 });
  await f.transport.deadLetter([deadLetter('k', 'x'.repeat(900), 7, 'r'.repeat(1000), 'validation')]);
  t.equal(onTopic(f, 'fake.dead-letter').length, 0, 'not on the topic');
  t.same(Object.fromEntries(f.transport.deadLetterCounts()), { dropped: 1 }, 'counted under dropped, not validation');
  t.match(f.logs.join('\n'), /dropped, not sent \(its headers alone do not fit/);
  t.equal(f.transport.stats().deadLettered, 0, 'not among those set aside');
});

t.test(
  "F5/F6: a finding refused alone: the limit quoted is the broker's or none; its dead letter names its destination",
  async (t) => {
    const huge = hugeFinding();
    // The admin tells 1 MB, the topic is at 100,000: refused; no made-up limit quoted.
    const f = fake({ partitions: 1, brokerLimit: 100_000, toldLimit: DEFAULT_MAX_MESSAGE_BYTES });
    await f.transport.publishFindings([huge]);
    const [letter] = onTopic(f, 'fake.dead-letter').flatMap((r) => r.messages);
    t.notMatch(f.logs.join('\n'), /max\.message\.bytes \(\d+\)/, 'no limit quoted in the log');
    t.match(letter?.headers['faultline.dlq.reason'], /refused as too large by the findings topic/);
    t.notMatch(letter?.headers['faultline.dlq.reason'], /\(\d+\)/, 'nor in the reason');
    t.equal(letter?.headers['faultline.dlq.destination'], 'fake.findings', 'the topic it was bound for');
    t.equal(letter?.headers['faultline.dlq.topic'], undefined, 'no input record named');
    t.equal(letter?.headers['faultline.dlq.offset'], undefined);

    // Lowered after it was read, and told so: the limit read again is quoted.
    const o = { partitions: 1, brokerLimit: DEFAULT_MAX_MESSAGE_BYTES, toldLimit: DEFAULT_MAX_MESSAGE_BYTES };
    const g = fake(o);
    await g.transport.publishFindings(findings(1));
    o.brokerLimit = 100_000;
    o.toldLimit = 100_000;
    await g.transport.publishFindings([huge]);
    t.match(g.logs.join('\n'), /past fake\.findings's max\.message\.bytes \(100000\)/);
    const [gl] = onTopic(g, 'fake.dead-letter').flatMap((r) => r.messages);
    t.match(gl?.headers['faultline.dlq.reason'], /max\.message\.bytes \(100000\)/);
  },
);
