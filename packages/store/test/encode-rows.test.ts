/**
 * encodeRows (store.ts) gives the bytes of `Buffer.from(JSON.stringify(rows).slice(1, -1))` whether
 * it encodes the rows in one call (narrow rows) or one by one into one buffer (wide rows): ASCII,
 * two-, three- and four-byte characters, lone surrogates, rows past the buffer's first size, a
 * row wider than it, a text of three-byte characters only (the most bytes a code unit takes).
 */
import t from 'tap';
import { encodeRows, ROW_BY_ROW_MIN_CHARS } from '../src/store.js';

const reference = (rows: unknown[][]) => Buffer.from(JSON.stringify(rows).slice(1, -1));
const wide = (text: string, n = ROW_BY_ROW_MIN_CHARS) => text.repeat(Math.ceil(n / Math.max(1, text.length)));

const cases: Record<string, unknown[][]> = {
  'no rows': [],
  'narrow ASCII rows': Array.from({ length: 50 }, (_, i) => ['acme', `id-${i}`, i, null, true, ['a', 'b'], { k: 'v' }]),
  'narrow rows with non-ASCII': Array.from({ length: 50 }, (_, i) => ['acme', `é ${i} 日本 😀`, -0, 1e21]),
  'wide ASCII rows': Array.from({ length: 40 }, (_, i) => ['acme', `log-${i}`, wide('INFO step 1 loss=0.5\n'), '"q"\\']),
  'wide rows, a third with non-ASCII': Array.from({ length: 60 }, (_, i) => [
    'acme',
    i,
    i % 3 === 0 ? wide('a — b → c ') : wide('plain text '),
    { findings: [{ title: i % 3 === 0 ? 'x — y' : 'x - y', n: 0.1 + 0.2 }] },
  ]),
  'wide rows of three-byte characters only': Array.from({ length: 30 }, () => [wide('日本語')]),
  'wide rows of four-byte characters': Array.from({ length: 30 }, () => [wide('😀🤖')]),
  'wide rows with lone surrogates and controls': Array.from({ length: 30 }, () => [wide('a\ud800b\udfffc\u0000\u2028\n')]),
  'one row wider than the first buffer': [[wide('日本語', 200_000)], ['after it'], [wide('x', 70_000)]],
  'many wide rows past the first buffer': Array.from({ length: 300 }, (_, i) => [i, wide(`row ${i} ü `)]),
  'a wide first row, then narrow ones': [[wide('w')], ...Array.from({ length: 20 }, (_, i) => [i, 'ß'])],
  // The buffer starts at 64 KiB: after a first row of ~2 KB, room for two bytes a code unit of the
  // next row but not three (a room check of two would cut it short).
  'a row of three-byte characters where two bytes a unit would fit': [[wide('x')], [wide('日', 25_000)], ['z']],
  'a narrow first row, then wide ones': [['n'], ...Array.from({ length: 20 }, (_, i) => [i, wide('日')])],
};

for (const [name, rows] of Object.entries(cases)) {
  t.test(name, async (t) => {
    const got = encodeRows(rows);
    const want = reference(rows);
    t.equal(got.length, want.length, 'same length');
    t.ok(got.equals(want), 'same bytes');
  });
}
