/**
 * The steps of produce-limits.ts and producer.ts on their own (the transport's produce through them, on a fake
 * broker: produce-refused.test.ts): the bound a refusal teaches, what a message refused alone is cut to, the
 * limits book (read once, guessed for a while, learnt, forgotten), a finding's dead letter, the letters counted
 * by step, and one producer replacement at a time.
 */
import type { Producer } from 'kafkajs';
import t from 'tap';
import {
  boundLearnt,
  countLetters,
  findingLetter,
  LIMITS_GUESS_MS,
  letterCutter,
  type OutMessage,
  recordBytes,
  refusedAloneTarget,
  TopicLimitsBook,
  type Unsent,
} from '../src/produce-limits.js';
import { RenewableProducer } from '../src/producer.js';

const message = (key: string, bytes: number, headers: Record<string, string> = {}): OutMessage => ({
  key,
  value: Buffer.alloc(bytes, 1),
  headers,
});
const limits = (maxBytes: number, told = true, partitions = 1) => ({ maxBytes, partitions, told });

t.test('boundLearnt: none when the limits known explain the refusal; else a byte less, or half', async (t) => {
  const one = [message('a', 1000)];
  const size = recordBytes(one[0] as OutMessage) + 61;
  t.equal(boundLearnt(one, limits(size - 1)), undefined, 'the limit known is below what was refused');
  t.equal(boundLearnt(one, limits(size)), size - 1, 'one message: its batch less a byte');
  const two = [message('a', 1000), message('b', 1000)];
  const both = 2 * recordBytes(two[0] as OutMessage) + 61;
  t.equal(boundLearnt(two, limits(1_000_000)), Math.floor(both / 2), 'several: half the partition batch refused');
});

t.test(
  'refusedAloneTarget: the limit the broker told and quoted when below the message; else a smaller bound, none quoted',
  async (t) => {
    t.same(refusedAloneTarget(5000, limits(1_000_000), limits(3000)), { maxBytes: 3000, limit: 3000 });
    t.same(
      refusedAloneTarget(5000, limits(1_000_000), limits(3000, false)),
      { maxBytes: 2530, limit: undefined },
      'a guess: half',
    );
    t.same(
      refusedAloneTarget(5000, limits(2000, false), limits(1_000_000)),
      { maxBytes: 2000, limit: undefined },
      'a bound learnt',
    );
  },
);

t.test('TopicLimitsBook: read once, a guess kept LIMITS_GUESS_MS, the bound learnt kept when read again', async (t) => {
  const asked = { metadata: 0, configs: 0 };
  let answer: number | Error = 50_000;
  const admin = {
    fetchTopicMetadata: async () => {
      asked.metadata += 1;
      return { topics: [{ partitions: [{}, {}, {}] }] };
    },
    describeConfigs: async () => {
      asked.configs += 1;
      if (answer instanceof Error) throw answer;
      return { resources: [{ configEntries: [{ configName: 'max.message.bytes', configValue: String(answer) }] }] };
    },
  } as never;
  const clock = { now: 0 };
  const lines: string[] = [];
  const book = new TopicLimitsBook(
    admin,
    'kafkajs',
    (l) => lines.push(l),
    () => clock.now,
  );
  t.same(await book.known('x'), limits(50_000, true, 3));
  await book.read('x');
  t.same(asked, { metadata: 1, configs: 1 }, 'asked once');
  // Refused at 50,000 for a batch within it: a bound learnt.
  const known = await book.learn('x', [message('k', 30_000)]);
  t.equal(known.told, false);
  t.ok(known.maxBytes < 30_100, `the bound learnt (${known.maxBytes}) below the refused batch`);
  // The limits read again after the bound was learnt (forget: a later refusal): the bound still applies.
  book.forget('x');
  t.same(await book.known('x'), known, 'the bound learnt kept after forget');
  t.same(asked, { metadata: 2, configs: 2 }, 'read again after forget');

  answer = new Error('denied');
  book.forget('x');
  t.same(await book.read('x'), limits(1_048_588, false, 3), "a read that fails: Kafka's default, the partitions read");
  t.same(await book.known('x'), known, 'the bound learnt kept over a guess');
  t.equal(asked.configs, 3, 'the guess kept');
  clock.now += LIMITS_GUESS_MS;
  t.same(await book.known('x'), known, 'the bound learnt kept when the guess expires and the limits are asked again');
  t.equal(asked.configs, 4, 'asked again once its time is up');
  t.equal(lines.length, 1, 'the guess logged once');
});

t.test("findingLetter: the finding's key, headers and first bytes, step findings, bound for the findings topic", async (t) => {
  const kept: Unsent = { message: message('acme:log:l1', 10_000, { org: 'acme' }), limit: 8000 };
  const letter = findingLetter(kept, 'p.findings', 'now');
  t.equal(letter.key, 'acme:log:l1');
  t.equal(Buffer.byteLength(letter.value), 4096, 'the first EXCERPT_BYTES');
  t.match(letter.headers, {
    org: 'acme',
    'faultline.dlq.step': 'findings',
    'faultline.dlq.destination': 'p.findings',
    'faultline.dlq.truncated': '10000',
  });
  t.match(letter.headers['faultline.dlq.reason'], /past the findings topic's max\.message\.bytes \(8000\)/);
  t.equal(letter.headers['faultline.dlq.topic'], undefined, 'no input record named');
  const unknown = findingLetter({ ...kept, limit: undefined }, 'p.findings', 'now');
  t.match(
    unknown.headers['faultline.dlq.reason'],
    /refused as too large by the findings topic \(its max\.message\.bytes not known\)/,
  );
});

t.test('letterCutter and countLetters: cut to fit, else dropped; dropped counted instead of their step', async (t) => {
  const lines: string[] = [];
  const cutLetter = letterCutter('p.dead-letter', (l) => lines.push(l));
  const big = message('k', 20_000, { 'faultline.dlq.step': 'decode', 'faultline.dlq.topic': 'p.logs' });
  const cut = cutLetter(big, 3000, 3000);
  t.ok(cut && recordBytes(cut) + 61 <= 3000, 'cut within the bound');
  t.equal(cutLetter(message('k', 10, { h: 'x'.repeat(500) }), 300, undefined), undefined, 'its headers alone do not fit');
  t.match(lines[1], /dropped, not sent \(its headers alone do not fit/);
  const dropped: Unsent[] = [{ message: big, limit: undefined }];
  t.same(Object.fromEntries(countLetters(['decode', 'decode', 'store'], dropped)), { decode: 1, store: 1, dropped: 1 });
  t.same(Object.fromEntries(countLetters(['decode'], dropped)), { dropped: 1 }, 'a step none of whose letters was sent: absent');
});

t.test('RenewableProducer: one replacement at a time; the old one disconnected once its sends settle', async (t) => {
  const made: { disconnected: boolean }[] = [];
  const make = () => {
    const state = { disconnected: false };
    made.push(state);
    return {
      connect: async () => undefined,
      disconnect: async () => {
        state.disconnected = true;
      },
    } as unknown as Producer;
  };
  const slot = new RenewableProducer(make);
  const first = slot.producer;
  let settle: () => void = () => undefined;
  const inFlight = slot.send(() => new Promise<void>((r) => (settle = r)));
  await Promise.all([slot.renew(first), slot.renew(first)]);
  t.equal(made.length, 2, 'two refusals of the same producer: one replacement');
  t.not(slot.producer, first);
  t.equal(made[0]?.disconnected, false, 'the old one kept while its send is in flight');
  settle();
  await inFlight;
  t.equal(made[0]?.disconnected, true, 'disconnected once it settled');
  await slot.renew(first);
  t.equal(made.length, 2, 'none for a producer already replaced');
  await slot.close();
  t.equal(made[1]?.disconnected, true, 'close disconnects the current one');
});
