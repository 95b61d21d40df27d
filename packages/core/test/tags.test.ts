/** Episode tags where records enter (validateRecord: bounds, text, redaction) and trace tags from OTel attributes. */
import t from 'tap';
import { mergeTags, TAGS_MAX_KEYS, tagsProblem, traceTags, validateRecord } from '../src/index.js';

const episode = (tags: unknown) => ({ kind: 'episode', episode_id: 'e1', robot_id: 'r1', status: 'failed', tags });

t.test('good tags are accepted and kept (the positive control)', async (t) => {
  const tags = { robot_model: 'ur5e', firmware: '2.3.1', 'ros/distro': 'jazzy', 'site:zone': 'A-1', emoji: 'ü🤖' };
  const v = validateRecord(episode(tags));
  t.ok(v.ok);
  t.same(v.ok && v.record.kind === 'episode' ? v.record.tags : null, tags);
  const max = Object.fromEntries(Array.from({ length: TAGS_MAX_KEYS }, (_, i) => [`k${i}`, '🤖'.repeat(256)]));
  t.ok(validateRecord(episode(max)).ok, '32 keys of 256 code points each (emoji are 2 UTF-16 units)');
  t.ok(validateRecord(episode({ ['k'.repeat(64)]: 'v' })).ok, 'a 64-character key');
  t.ok(validateRecord(episode(null)).ok, 'null tags: none');
  t.ok(validateRecord({ ...episode(undefined) }).ok, 'no tags');
});

t.test('bad tags are refused, naming the field', async (t) => {
  const cases: [string, unknown, RegExp][] = [
    ['a number', { firmware: 2 }, /^tags\.firmware: must be a string \(got number\)$/],
    ['a boolean', { prod: true }, /^tags\.prod: must be a string \(got boolean\)$/],
    ['null value', { firmware: null }, /^tags\.firmware: must be a string \(got null\)$/],
    ['an array value', { firmware: ['2'] }, /^tags\.firmware: must be a string \(got an array\)$/],
    ['an array', ['a'], /^tags: must be an object/],
    ['a string', 'firmware=2', /^tags: must be an object/],
    ['33 keys', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v'])), /^tags: at most 32 keys \(got 33\)$/],
    ['a long value', { firmware: 'x'.repeat(257) }, /^tags\.firmware: at most 256 characters \(got 257\)$/],
    ['a long key', { ['k'.repeat(65)]: 'v' }, /^tags\."k{40}…": a key is at most 64 characters \(got 65\)$/],
    ['an empty key', { '': 'v' }, /^tags\."": a key may only hold/],
    ['a space in a key', { 'robot model': 'v' }, /^tags\."robot model": a key may only hold/],
    ['__proto__', JSON.parse('{"__proto__": "x"}'), /__proto__/],
    ['a lone surrogate in a value', { firmware: 'v\ud800' }, /^tags\.firmware: not valid Unicode/],
    ['a NUL in a value', { firmware: 'v\u0000' }, /^tags\.firmware: not valid Unicode/],
    ['a lone surrogate in a key', { ['k\udc00']: 'v' }, /^tags: a key is not valid Unicode/],
  ];
  for (const [what, tags, reason] of cases) {
    const v = validateRecord(episode(tags));
    t.notOk(v.ok, `${what}: refused`);
    t.match(v.ok ? '' : v.reason, reason, `${what}: ${v.ok ? '' : v.reason}`);
  }
  t.equal(tagsProblem({ a: 'b' }), null);
});

t.test('tags are redacted like every field', async (t) => {
  const secret = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
  const v = validateRecord(episode({ api_key: 'hunter2', owner: 'bob@example.com', note: `token ${secret}`, site: 'lyon' }));
  t.ok(v.ok);
  const tags = v.ok && v.record.kind === 'episode' ? (v.record.tags ?? {}) : {};
  t.equal(tags.site, 'lyon', 'positive control: an ordinary value is kept');
  t.equal(tags.api_key, '[REDACTED:secret]');
  t.notMatch(JSON.stringify(tags), /hunter2|bob@example\.com|ghp_0123/);
});

t.test('updates merge tags: the update wins, the others are kept, at most 32', async (t) => {
  t.same(mergeTags({ a: '1', b: '2' }, { b: '3', c: '4' }), { b: '3', c: '4', a: '1' });
  t.same(mergeTags({ a: '1' }, undefined), { a: '1' });
  const many = Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`k${i}`, 'old']));
  const merged = mergeTags(many, { new: 'x' }) ?? {};
  t.equal(Object.keys(merged).length, 32);
  t.equal(merged.new, 'x');
});

t.test("a trace's tags come from its spans' attributes, the root span's first", async (t) => {
  const tags = traceTags({
    spans: [
      {
        span_id: 'child',
        parent_span_id: 'root',
        attributes: { 'gen_ai.request.model': 'child-model', 'gen_ai.system': 'openai' },
      },
      {
        span_id: 'root',
        parent_span_id: null,
        attributes: {
          'service.version': '1.4.0',
          'deployment.environment.name': 'prod',
          'gen_ai.request.model': 'root-model',
          'otel.scope.name': 'openinference.instrumentation.crewai',
          'gen_ai.prompt': 'never a tag',
        },
      },
    ],
  });
  t.same(tags, {
    'service.version': '1.4.0',
    'deployment.environment': 'prod',
    'gen_ai.system': 'openai',
    'gen_ai.request.model': 'root-model',
    'otel.scope.name': 'openinference.instrumentation.crewai',
  });
  t.same(traceTags({ spans: [] }), {});
  t.same(traceTags({}), {});
  t.same(traceTags({ spans: [{ attributes: { 'service.version': 3 } }] }), { 'service.version': '3' }, 'numbers as text');
});
