/**
 * Well-formed text (text.ts) and the cuts that must never split a surrogate pair: what
 * ClickHouse refuses ("missing second part of surrogate pair") must never leave core.
 */
import t from 'tap';
import {
  boundedText,
  cut,
  cutTail,
  cutWithEllipsis,
  excerpt,
  HEAD_CHARS,
  isWellFormedDeep,
  isWellFormedText,
  logSources,
  TAIL_CHARS,
  validateRecord,
  wellFormed,
  wellFormedDeep,
} from '../src/index.js';

const HIGH = '\uD800';
const LOW = '\uDC00';
const EMOJI = '\u{1F4A5}'; // 💥, two UTF-16 code units
const FFFD = '\uFFFD';

/** Whether the text survives UTF-8 (what ClickHouse stores) unchanged. */
const survivesUtf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s;

t.test('wellFormed: lone high and low surrogates anywhere become U+FFFD, pairs stay', async (t) => {
  const cases: [string, string][] = [
    [`boom ${HIGH}`, `boom ${FFFD}`],
    [`${HIGH}boom`, `${FFFD}boom`],
    [`a${HIGH}b`, `a${FFFD}b`],
    [`a${LOW}b`, `a${FFFD}b`],
    [`${LOW}`, FFFD],
    [`${LOW}${HIGH}`, `${FFFD}${FFFD}`], // reversed: two lone halves
    [`${HIGH}${HIGH}${LOW}`, `${FFFD}${HIGH}${LOW}`], // the second high has its low
    [`ok ${EMOJI} ok`, `ok ${EMOJI} ok`],
    ['nul \u0000 inside', `nul ${FFFD} inside`],
    ['plain text, é, 中文', 'plain text, é, 中文'],
  ];
  for (const [input, expected] of cases) {
    t.equal(wellFormed(input), expected, JSON.stringify(input));
    t.ok(isWellFormedText(wellFormed(input)));
    t.ok(survivesUtf8(wellFormed(input)), `${JSON.stringify(input)} survives UTF-8`);
  }
  t.notOk(isWellFormedText(`boom ${HIGH}`), 'the positive control: a lone surrogate is not well-formed');
  t.notOk(survivesUtf8(`boom ${HIGH}`), 'and does not survive UTF-8');
  t.notOk(isWellFormedText('a\u0000b'), 'NUL is not accepted as well-formed text');
  const clean = 'nothing to fix';
  t.equal(wellFormed(clean), clean);
});

t.test('wellFormedDeep: every string and key at any depth, a copy only when needed', async (t) => {
  const input = {
    log_id: `p${HIGH}`,
    nested: { [`key${LOW}`]: [`v${HIGH}`, 1, true, null, { deep: `x\u0000` }] },
    fine: `ok ${EMOJI}`,
  };
  const snapshot = JSON.stringify(input);
  const out = wellFormedDeep(input);
  t.same(out, {
    log_id: `p${FFFD}`,
    nested: { [`key${FFFD}`]: [`v${FFFD}`, 1, true, null, { deep: `x${FFFD}` }] },
    fine: `ok ${EMOJI}`,
  });
  t.ok(isWellFormedDeep(out));
  t.notOk(isWellFormedDeep(input), 'the positive control: the input was not well-formed');
  t.equal(JSON.stringify(input), snapshot, 'the input is not modified');
  const clean = { a: [1, 'b', { c: EMOJI }] };
  t.equal(wellFormedDeep(clean), clean, 'a well-formed value is returned as is (no copy)');

  const proto = JSON.parse(`{"__proto__": {"polluted": "yes${'\\ud800'}"}, "x": 1}`) as Record<string, unknown>;
  const fixed = wellFormedDeep(proto);
  t.ok(Object.hasOwn(fixed, '__proto__'), '__proto__ stays an own data key');
  t.equal(Object.getPrototypeOf(fixed), Object.prototype, 'the prototype is not replaced');
  t.same(Object.keys(fixed), ['__proto__', 'x'], 'key order is kept');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'nothing polluted');

  // 100,000 levels: no recursion, no stack overflow.
  let deep: unknown = `bottom ${HIGH}`;
  for (let i = 0; i < 100_000; i++) deep = { d: deep };
  let node = wellFormedDeep(deep) as { d: unknown };
  for (let i = 0; i < 100_000; i++) node = node.d as { d: unknown };
  t.equal(node as unknown, `bottom ${FFFD}`);
});

t.test('cut and cutTail: pairs at every cut position are never split', async (t) => {
  const texts = [`abc${EMOJI}def${EMOJI}${EMOJI}g`, EMOJI.repeat(6), `x${EMOJI}`, `${EMOJI}x`, 'plain'];
  let checked = 0;
  for (const text of texts) {
    for (let max = 0; max <= text.length + 1; max++) {
      const head = cut(text, max);
      const tail = cutTail(text, max);
      t.ok(text.startsWith(head), `cut is a prefix (${max})`);
      t.ok(text.endsWith(tail), `cutTail is a suffix (${max})`);
      t.ok(head.length <= max && head.length >= Math.min(text.length, max) - 1, `cut length at ${max}`);
      t.ok(tail.length <= max && tail.length >= Math.min(text.length, max) - 1, `cutTail length at ${max}`);
      t.ok(
        isWellFormedText(head) && isWellFormedText(tail),
        `well-formed at ${max}: ${JSON.stringify(head)} / ${JSON.stringify(tail)}`,
      );
      const withDots = cutWithEllipsis(text, Math.max(1, max));
      t.ok(isWellFormedText(withDots) && withDots.length <= Math.max(1, max), 'cutWithEllipsis');
      checked++;
    }
  }
  // The positive control: a plain .slice does split them.
  t.notOk(isWellFormedText(`abc${EMOJI}`.slice(0, 4)), 'String.slice splits a pair at that position');
  t.ok(checked > 40);
});

t.test('boundedText, telling lines and excerpts of a long log with an emoji at each cut stay well-formed', async (t) => {
  const total = HEAD_CHARS + TAIL_CHARS + 1000;
  // One emoji straddles the head cut, another the tail cut.
  const head = `${'h'.repeat(HEAD_CHARS - 1)}${EMOJI}`;
  const middle = 'm'.repeat(total - TAIL_CHARS - 1 - head.length);
  const log = `${head}${middle}${EMOJI}${'t'.repeat(TAIL_CHARS - 1)}`;
  t.equal(log.length, total);
  t.notOk(isWellFormedText(log.slice(0, HEAD_CHARS)), 'the positive control: a plain head slice splits the pair');
  t.notOk(isWellFormedText(log.slice(-TAIL_CHARS)), 'the positive control: a plain tail slice splits the pair');
  const bounded = boundedText(log);
  t.ok(isWellFormedText(bounded), 'boundedText keeps both pairs whole');
  t.ok(bounded.length < log.length, 'and did cut');
  const longLine = `RuntimeError: ${'x'.repeat(1985)}${EMOJI.repeat(40)}`;
  const sources = logSources('', `step 1\n${longLine}\n`);
  t.ok(isWellFormedText(sources.headline) && sources.telling.every(isWellFormedText), 'telling lines');
  for (let max = 5; max < 30; max++) {
    t.ok(isWellFormedText(excerpt(`error ${EMOJI.repeat(20)}`, max)), `excerpt at ${max}`);
  }
});

t.test(
  'validateRecord returns well-formed records: the poison record of issue 12 and invalid text in keys and attributes',
  async (t) => {
    const poison = validateRecord({ kind: 'log', log_id: 'p', logs: `boom ${HIGH}` });
    t.ok(poison.ok);
    if (poison.ok) t.same(poison.record, { kind: 'log', log_id: 'p', logs: `boom ${FFFD}` });

    const trace = validateRecord({
      kind: 'trace',
      trace_id: `t${LOW}`,
      timestamp: '2026-11-01T10:00:00Z',
      service: `svc${HIGH}`,
      spans: [
        {
          span_id: 's1',
          name: `call${HIGH}`,
          attributes: { [`gen_ai.system${LOW}`]: `openai${HIGH}`, 'error.type': 'x\u0000y' },
          events: [{ name: 'exception', attributes: { 'exception.message': `bad ${HIGH}` } }],
        },
      ],
    });
    t.ok(trace.ok, trace.ok ? '' : trace.reason);
    if (trace.ok) t.ok(isWellFormedDeep(trace.record), 'every string and key of the accepted trace is well-formed');

    const episode = validateRecord({
      kind: 'episode',
      episode_id: `e${HIGH}`,
      robot_id: `r${LOW}`,
      status: 'failed',
      metadata: { [`k${HIGH}`]: { nested: [`v${LOW}`] }, failure_reason: `gripper\u0000` },
    });
    t.ok(episode.ok, episode.ok ? '' : episode.reason);
    if (episode.ok) {
      t.ok(isWellFormedDeep(episode.record));
      t.equal((episode.record as { robot_id?: string }).robot_id, `r${FFFD}`);
    }
  },
);
