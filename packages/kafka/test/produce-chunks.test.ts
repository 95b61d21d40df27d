/**
 * produceChunks: a batch's findings (or dead letters) cut into produce requests within the topic's
 * max.message.bytes, in order (the real broker's refusal past it: test/service/kafka-batches.test.ts).
 */
import t from 'tap';
import { DEFAULT_MAX_MESSAGE_BYTES, keyPartition, produceChunks } from '../src/index.js';

/** `n` messages of a 1,000-byte value, key `k<i>` (2 bytes), header org=acme: 32 + 2 + 1,000 + 10 + 3 + 4 = 1,051 bytes at most each. */
const messages = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: Buffer.alloc(1000, 1), headers: { org: 'acme' } }));

t.test(
  'without partitions: in order, as few requests as keep all their bytes within the limit less a batch header',
  async (t) => {
    const ten = messages(10);
    const chunks = produceChunks(ten, 61 + 3 * 1051);
    t.same(
      chunks.map((c) => c.length),
      [3, 3, 3, 1],
      'three a request',
    );
    t.same(chunks.flat(), ten, 'every message once, in order');
    t.same(
      produceChunks(ten, 61 + 3 * 1051 - 1).map((c) => c.length),
      [2, 2, 2, 2, 2],
      'a byte less: two',
    );
    t.same(
      produceChunks(ten, DEFAULT_MAX_MESSAGE_BYTES).map((c) => c.length),
      [10],
      "Kafka's default limit: one request",
    );
  },
);

t.test('a message past the limit on its own is a request of its own; none is dropped', async (t) => {
  const big = { key: 'big', value: 'x'.repeat(5000), headers: {} };
  const [a, b] = messages(2) as [ReturnType<typeof messages>[number], ReturnType<typeof messages>[number]];
  t.same(produceChunks([a, big, b], 3000), [[a], [big], [b]]);
  t.same(produceChunks([], 3000), []);
});

t.test('multi-byte text is counted in bytes, not characters', async (t) => {
  const m = (value: string) => ({ key: '', value, headers: {} });
  // 400 three-byte characters: 1,200 bytes each (+ 32): two fit in 61 + 2,464, not three.
  const euro = Array.from({ length: 3 }, () => m('€'.repeat(400)));
  t.same(
    produceChunks(euro, 61 + 2 * 1232).map((c) => c.length),
    [2, 1],
  );
});

t.test("with partitions: the limit is each partition's (the broker checks each partition's record batch)", async (t) => {
  const ten = messages(10);
  const budget = 61 + 3 * 1051;
  // Spread over two partitions (even i on 0, odd on 1): six fit in a request, three on each.
  const spread = (key: string) => Number(key.slice(1)) % 2;
  t.same(
    produceChunks(ten, budget, spread).map((c) => c.length),
    [6, 4],
  );
  t.same(produceChunks(ten, budget, spread).flat(), ten, 'every message once, in order');
  t.same(
    produceChunks(ten, budget, () => 0).map((c) => c.length),
    [3, 3, 3, 1],
    'all on one partition: as without partitions',
  );
  // A message placed nowhere (an empty key) counts against every partition.
  const nowhere = (key: string) => (key === 'k0' ? undefined : spread(key));
  t.same(
    produceChunks(ten, budget, nowhere).map((c) => c.length),
    [5, 5],
    "k0 on both partitions' count: two more on each beside it",
  );
});

t.test("keyPartition: the Java client's murmur2 partition (Kafka's own test vectors), none for an empty key", async (t) => {
  const javaHash: Record<string, number> = {
    '21': -973932308,
    foobar: -790332482,
    'a-little-bit-long-string': -985981536,
    'a-little-bit-longer-string': -1486304829,
    abc: 479470107,
  };
  for (const [key, hash] of Object.entries(javaHash)) {
    for (const partitions of [1, 8, 1_000_003])
      t.equal(keyPartition(key, partitions), (hash & 0x7fffffff) % partitions, `${key} of ${partitions}`);
  }
  t.equal(keyPartition('', 8), undefined);
  t.equal(keyPartition('abc', 0), undefined, 'no partitions known');
});
