/**
 * The isolation step on its own (no store): which rows come back refused, which are written,
 * when it is an outage instead, and what bisection costs. The writer here is a table in memory
 * with rules for which rows it refuses and how (the pipeline test runs it against chdb).
 */
import t from 'tap';
import { isDataError, StoreOutageError, storeIsolated } from '../src/store-isolated.js';

/** A ClickHouse-like refusal of the data (what @clickhouse/client throws). */
class ChError extends Error {
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

function table(refuse: (row: number) => Error | undefined) {
  const written = new Set<number>();
  let writes = 0;
  return {
    written,
    writes: () => writes,
    write: async (rows: number[]) => {
      writes++;
      for (const row of rows) {
        const err = refuse(row);
        if (err) throw err; // all-or-nothing, like one insert
      }
      for (const row of rows) written.add(row);
    },
  };
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
const up = { table: 't', probe: async () => true };
const down = { table: 't', probe: async () => false };
const surrogate = () => new ChError('missing second part of surrogate pair', 'CANNOT_PARSE_ESCAPE_SEQUENCE');

t.test('one bad row among 64: only it is refused, the 63 others are written, in about 2·log2(n) writes', async (t) => {
  const tab = table((r) => (r === 37 ? surrogate() : undefined));
  const out = await storeIsolated(rows(64), tab.write, up);
  t.equal(out.status, 'isolated');
  if (out.status !== 'isolated') return;
  t.same(
    out.refused.map((r) => r.row),
    [37],
  );
  t.match(out.refused[0]?.reason, /surrogate pair/);
  t.equal(out.stored, 63);
  t.equal(tab.written.size, 63);
  t.ok(tab.writes() <= 1 + 2 * Math.log2(64), `${tab.writes()} writes`);
});

t.test('every row refused for its data: all refused (a batch of poison is not an outage)', async (t) => {
  const tab = table(() => surrogate());
  const out = await storeIsolated(rows(5), tab.write, down);
  t.equal(out.status, 'isolated');
  if (out.status === 'isolated') t.same(out.refused.map((r) => r.row).sort(), [0, 1, 2, 3, 4]);
  const single = await storeIsolated([9], table(() => surrogate()).write, up);
  t.equal(single.status, 'isolated', 'also a batch of one');
});

t.test('the store unreachable: an outage, nothing refused, and no bisection', async (t) => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });
  const tab = table(() => refused);
  await t.rejects(storeIsolated(rows(100), tab.write, down), StoreOutageError);
  t.equal(tab.writes(), 1, 'one write, then the probe said the store is down');
  t.equal(tab.written.size, 0);
});

t.test('every write failing without blaming the data while the probe answers: an outage after a few tries', async (t) => {
  const full = new ChError('Cannot reserve 1.00 MiB, not enough space', 'NOT_ENOUGH_SPACE');
  const tab = table(() => full);
  await t.rejects(storeIsolated(rows(500), tab.write, up), StoreOutageError);
  t.ok(tab.writes() <= 8, `gave up after ${tab.writes()} writes, not 999`);
  const one = table(() => full);
  await t.rejects(storeIsolated([1], one.write, up), StoreOutageError, 'a batch of one too');
});

t.test('a row failing alone without a data error while the others pass: refused once it fails again', async (t) => {
  const odd = new ChError('Code: 1001. std::exception', 'STD_EXCEPTION');
  const tab = table((r) => (r === 3 ? odd : undefined));
  const out = await storeIsolated(rows(8), tab.write, up);
  t.equal(out.status, 'isolated');
  if (out.status === 'isolated')
    t.same(
      out.refused.map((r) => r.row),
      [3],
    );
  t.equal(tab.written.size, 7);
});

t.test('a transient failure is not a refusal: written on the second try', async (t) => {
  let failures = 1;
  const tab = table((r) => (r === 2 && failures-- > 0 ? new Error('socket hang up') : undefined));
  const out = await storeIsolated(rows(4), tab.write, up);
  t.same(out, { status: 'stored', rows: 4 });
  t.equal(tab.written.size, 4);
});

t.test('isDataError: ClickHouse parse and type errors and row-building errors blame the data; the rest does not', async (t) => {
  t.ok(isDataError(surrogate()));
  t.ok(isDataError(new ChError('x', 'TYPE_MISMATCH')));
  t.ok(isDataError(new TypeError('Do not know how to serialize a BigInt')));
  t.notOk(isDataError(new ChError('x', 'NOT_ENOUGH_SPACE')));
  t.notOk(isDataError(new Error('connect ECONNREFUSED')));
  t.notOk(isDataError(undefined));
});
