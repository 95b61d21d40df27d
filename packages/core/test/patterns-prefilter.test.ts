/**
 * The prefilter (src/patterns/prefilter.ts) must never rule out a text a pattern's regex
 * matches: checked on every pattern of the library against every labelled accuracy case and the
 * family tests' wording (pattern-corpus.ts), and on hand-written regexes
 * whose optional parts, repeats, classes and lookarounds a careless reader would take as words.
 * The positive controls: most patterns get words, and a text without them is ruled out.
 */
import t from 'tap';
import { PATTERNS } from '../src/index.js';
import { buildPrefilter, NON_ASCII, Prefilter, requiredWords, requirementOf, WordScanner } from '../src/patterns/prefilter.js';
import { patternCorpus } from './pattern-corpus.js';

t.test('no text a pattern matches is ruled out by its words', async (t) => {
  const texts = patternCorpus();
  t.ok(texts.length > 1000, `a corpus of ${texts.length} texts`);
  const prefilter = buildPrefilter(PATTERNS);
  const filtered = prefilter.requirements.filter((r) => r !== null).length;
  t.ok(filtered >= PATTERNS.length * 0.9, `${filtered} of ${PATTERNS.length} patterns have words`);
  let matched = 0;
  let ruledOut = 0;
  for (const text of texts) {
    prefilter.scan(text.toLowerCase());
    PATTERNS.forEach((p, i) => {
      if (!prefilter.requirements[i]) return;
      const open = prefilter.open(i);
      const m = p.match.exec(text);
      if (!open) ruledOut++;
      if (!m) return;
      matched++;
      if (!open) t.fail(`${p.id} matches "${m[0].slice(0, 80)}" but the prefilter ruled it out`);
    });
  }
  t.ok(matched > 1000, `the patterns matched ${matched} times in the corpus`);
  t.ok(ruledOut > texts.length * filtered * 0.5, `the prefilter ruled out ${ruledOut} (pattern, text) pairs`);
});

t.test('optional parts, repeats, classes and lookarounds are never taken as words', async (t) => {
  const cases: [RegExp, string[] | null, string[]][] = [
    // [regex, the words expected, texts it matches]
    [/Segfault/i, ['segfault'], ['SEGFAULT here']],
    [/colou?r error/, ['r error'], ['color error', 'colour error']],
    [/ab+c(?:de)*fgh/, ['fgh'], ['abbbbcfgh', 'abcdedefgh']],
    [/x{0,3}yyy\d{2}zzz/, ['yyy'], ['yyy12zzz']],
    [/(?<=pre)fix|(?!no)thing/, ['fix', 'thing'], ['prefix', 'thing']],
    [/[Tt]imeout waiting/, ['imeout waiting'], ['Timeout waiting']],
    [/(?:OOMKilled|exit code 137)/, ['oomkilled', 'exit code 137'], ['pod OOMKilled', 'exit code 137']],
    [/foo\.bar\(\)/, ['foo.bar()'], ['call foo.bar() failed']],
    // An alternative with no word of 3 characters keeps its words of 2 (rather than no words for the regex).
    [/(a|b)cd|efg/, ['cd', 'efg'], ['acd', 'efg']],
    [/ab(?:cde|xy)z/, ['ab'], ['abcdez', 'abxyz']],
    [/(a|b)c|efg/, null, ['ac', 'efg']],
    [/(?:rate|SR)\s?[:=]\s?0\b/i, ['rate', 'sr'], ['SR: 0', 'success_rate=0']],
    [/error\b: (?:x|yy)?z/, ['error'], ['error: z', 'error: yyz']],
    [/abc(?:)?def/u, null, ['abcdef']],
  ];
  for (const [re, expected, texts] of cases) {
    const words = requiredWords(re);
    if (expected === null) t.equal(words, null, `${re}: no words`);
    else t.same(words?.slice().sort(), expected.slice().sort(), `${re}: ${JSON.stringify(words)}`);
    for (const text of texts) {
      t.ok(re.test(text), `positive control: ${re} matches ${JSON.stringify(text)}`);
      if (words)
        t.ok(
          words.some((w) => text.toLowerCase().includes(w)),
          `${JSON.stringify(text)} holds a word of ${re}`,
        );
    }
  }
});

t.test('every required part of an alternative is required: a text with one of them only is ruled out', async (t) => {
  const cases: [RegExp, string[][][] | null, string[], string[]][] = [
    // [regex, its requirement, texts it matches (kept), texts with some of its words that it cannot match (ruled out)]
    [
      /(?:sensor|camera) (?:\w{1,80} )?(?:fault|error)/i,
      [
        [
          ['sensor', 'camera'],
          ['fault', 'error'],
        ],
      ],
      ['Camera driver error', 'sensor fault'],
      ['an error in the planner', 'camera calibrated'],
    ],
    [
      /(?:loss|reward)[\w ]{0,30}:\s{0,4}-?(?:nan|inf)\b|NaN or Inf/i,
      [
        [
          ['loss', 'reward'],
          ['nan', 'inf'],
        ],
        [['nan or inf']],
      ],
      ['loss: nan', 'got NaN or Inf'],
      ['return loss_fn(x)', '[INFO] step done'],
    ],
    [
      /finish_reason["'\s:=]{1,5}length|max_tokens (?:limit )?reached/,
      [
        [['finish_reason'], ['length']],
        [['max_tokens '], ['reached']],
      ],
      ['finish_reason: length'],
      ['finish_reason: stop'],
    ],
    [/ab(?:cde|xy)z|efgh/, [[['ab'], ['cde', 'xy']], [['efgh']]], ['abxyz', 'efgh'], ['abz', 'xyz']],
    // A literal outside ASCII: a text must have a character outside ASCII (case-insensitive too).
    // (one clause per character: 余额不足 is four)
    [
      /余额不足|quota exceeded/i,
      [[[NON_ASCII], [NON_ASCII], [NON_ASCII], [NON_ASCII]], [['quota exceeded']]],
      ['余额不足', 'Quota exceeded'],
      ['insufficient balance'],
    ],
    [/caf[é]|naïve/i, [[['caf']], [[NON_ASCII]]], ['CAFÉ', 'NAÏVE'], ['nave', 'naive']],
    // The regex that matches nothing is never tried.
    [/(?!)/, [], [], ['', 'reply unparsed']],
    // The Kelvin sign lower-cases to an ASCII "k": never required.
    [/\u212a/i, null, ['\u212a'], []],
  ];
  for (const [re, expected, kept, ruledOut] of cases) {
    t.same(requirementOf(re), expected, `${re}: ${JSON.stringify(requirementOf(re))}`);
    const prefilter = new Prefilter([re]);
    for (const text of kept) {
      t.ok(re.test(text), `positive control: ${re} matches ${JSON.stringify(text)}`);
      prefilter.scan(text.toLowerCase());
      t.ok(prefilter.open(0), `${JSON.stringify(text)} is kept for ${re}`);
    }
    for (const text of ruledOut) {
      t.notOk(re.test(text), `${re} cannot match ${JSON.stringify(text)}`);
      prefilter.scan(text.toLowerCase());
      t.notOk(prefilter.open(0), `${JSON.stringify(text)} is ruled out for ${re}`);
    }
  }
});

t.test('the scanner finds overlapping words and nothing else', async (t) => {
  const scanner = new WordScanner(['she', 'he', 'hers', 'his', 'ushe']);
  scanner.scan('ushers');
  t.same(
    [0, 1, 2, 3, 4].map((id) => scanner.found(id)),
    [true, true, true, false, true],
  );
  scanner.scan('hi, é his');
  t.same(
    [0, 1, 2, 3, 4].map((id) => scanner.found(id)),
    [false, false, false, true, false],
    'a new scan forgets the last one; non-ASCII text is read through',
  );
});

t.test('a state with words reports them in every scan that reaches it, past the stamp wrapping too', async (t) => {
  const scanner = new WordScanner(['she', 'he', 'hers']);
  scanner.scan('she sells, she said');
  t.same([...scanner.hits].sort(), [0, 1], 'first scan: she and he, each once');
  scanner.scan('she');
  t.same([...scanner.hits].sort(), [0, 1], 'the same states reached again: the words again');
  scanner.scan('xyz');
  t.same(scanner.hits, [], 'a text without them: none');
  const fresh = new WordScanner(['she', 'he', 'hers']);
  fresh.scan('she');
  (fresh as unknown as { stamp: number }).stamp = 0xffffffff;
  fresh.scan('she');
  t.same([...fresh.hits].sort(), [0, 1], 'the scan after the stamp wraps to 1 (the stamp of the first scan) finds them');
});
