/**
 * The package messages' anchor scanner (patterns/parts/messages.ts AnchorScanner) finds exactly
 * the words an Aho-Corasick automaton over the same words finds (prefilter.ts WordScanner, what
 * it replaced): every word that occurs anywhere in the text, overlaps included, each once.
 */
import t, { type Test } from 'tap';
import { AnchorScanner, anchorOf } from '../src/patterns/parts/messages.js';
import { PACKAGE_MESSAGES } from '../src/patterns/parts/tables/packages/index.js';
import { WordScanner } from '../src/patterns/prefilter.js';

const sorted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

function same(t: Test, words: string[], texts: string[], what: string) {
  const reference = new WordScanner(words);
  const scanner = new AnchorScanner(words);
  let wrong = 0;
  let found = 0;
  for (const text of texts) {
    reference.scan(text);
    scanner.scan(text);
    const want = sorted(reference.hits);
    const got = scanner.hits;
    found += want.length;
    if (new Set(got).size !== got.length || sorted(got).join() !== want.join()) {
      if (wrong++ < 3) t.same(sorted(got), want, `${what}: ${JSON.stringify(text.slice(0, 120))}`);
    }
  }
  t.equal(wrong, 0, `${what}: the same words as the automaton in all ${texts.length} texts (${found} found)`);
  t.ok(found > 0, `${what}: words were found`);
}

t.test("the package tables' anchors: each alone, inside text, overlapping, cut, beside other characters", async (t) => {
  const words = [...new Set(PACKAGE_MESSAGES.map((m) => anchorOf(m.says)).filter((a): a is string => Boolean(a)))];
  const texts: string[] = [];
  words.forEach((w, i) => {
    const v = words[(i * 7919) % words.length] as string;
    texts.push(
      w,
      `[error] [1733300000.1] [node]: ${w} x_42`,
      `${w}${v}`,
      `${w.slice(0, -1)}|${v.slice(1)}`,
      `${w}${w.slice(3)}`,
      `é${w}ü${v}\n${w.slice(0, 12)}${v}`,
      w.slice(0, 9),
    );
  });
  same(t, words, texts, 'tables');
});

t.test('short words sharing chunks: the trie, windows at the end of the text, no words, a window of 1', async (t) => {
  const words = ['abcd', 'abcdefgh', 'abcdefgx', 'abcdefghij', 'bcdabcd', 'cdab', 'zzzz', 'abcdabcdabcd'];
  const alphabet = 'abcdzé\n';
  const texts: string[] = [];
  let seed = 7;
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const n = i % 40;
    for (let k = 0; k < n; k++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      s += alphabet[seed % alphabet.length];
    }
    texts.push(s, `${s}abcdefghij${s}`, `abcdabcdabcd${s}`);
  }
  same(t, words, texts, 'random texts');
  same(t, ['a', 'ab', 'b'], ['', 'a', 'ba', 'xxab', 'bbbb'], 'a window of 1');
  const none = new AnchorScanner([]);
  none.scan('anything at all');
  t.same(none.hits, [], 'no words: nothing found');
  t.throws(() => new AnchorScanner(['abc', '']), 'an empty word is refused');
});
