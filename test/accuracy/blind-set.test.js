// blind-set.js: what a new blind set's check refuses, and that the second labeller's input hides
// everything but kind and text.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { checkFiles, entry, merge, prep, sourceKey } from './blind-set.js';

const dir = mkdtempSync(join(tmpdir(), 'blind-set-'));
const pair = { category: 'timeout', contributing_factor: 'request_timeout' };
const c = (id, source, extra = {}) => ({
  id,
  source,
  kind: 'log',
  error_message: '',
  text: `[ERROR] [controller]: ${id} timed out`,
  expected: pair,
  note: `secret note of ${id}`,
  slice: 'robotics',
  ...extra,
});
const write = (name, lines) => {
  const p = join(dir, name);
  writeFileSync(p, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return p;
};

const a = write('x-1a.jsonl', [
  c('a-one-1', 'https://github.com/Org/One/issues/1'),
  '{"id": "a-broken", "text": ',
  c('a-off', 'https://github.com/org/off/issues/2', { expected: { category: 'timeout', contributing_factor: 'bad_weather' } }),
  c('a-header', 'https://github.com/org/header/issues/3', {
    text: 'someone · robot arm stalls · 2024-05-01\n[ERROR] [arm]: joint 3 overcurrent',
  }),
  c('a-used', 'https://github.com/Used/Repo/issues/9'),
  c('a-lone', 'https://github.com/org/lone/issues/4', { text: 'bad \ud800 surrogate, [ERROR] [x]: timed out' }),
  c('a-dup-source', 'https://github.com/Org/One/issues/1'),
  c('a-slice', 'https://github.com/org/slice/issues/5', { slice: 'robots' }),
]);
const b = write('x-1b.jsonl', [
  c('b-one-2', 'https://github.com/org/one/issues/7'),
  c('b-three-1', 'https://github.com/org/three/issues/1'),
  c('b-three-2', 'https://github.com/org/three/issues/2'),
  c('b-three-3', 'https://github.com/org/three/issues/3'),
  c('dev-known', 'https://github.com/org/fresh/issues/1'),
]);

t.test('check: every problem named, the check goes on past a bad line', async (t) => {
  const existing = [c('dev-known', 'https://github.com/used/repo/issues/1')];
  const { problems, drop, counts } = checkFiles([b, a], { existing, used: new Set(existing.map((x) => sourceKey(x.source))) });
  const has = (re) => problems.some((p) => re.test(p));
  t.ok(has(/^x-1a\.jsonl:2: not JSON/), 'the broken line, by file and line');
  t.equal(counts['x-1a.jsonl'].cases, 7, 'the lines after it are read');
  t.ok(has(/x-1a\.jsonl:3: timeout\/bad_weather is not a taxonomy pair/), 'a label off the taxonomy');
  t.ok(has(/x-1a\.jsonl:4: .*post header/), "the search tool's post header line");
  t.ok(has(/x-1a\.jsonl:5: used\/repo is used by an earlier set/), 'a repository an earlier set used (case-insensitive)');
  t.ok(has(/x-1a\.jsonl:7: source .* used twice/), 'a source taken twice');
  t.ok(has(/x-1a\.jsonl:8: slice must be/), 'a slice outside robotics, agent, infrastructure');
  t.ok(has(/x-1b\.jsonl:5: id dev-known is already a labelled case's/), 'an id of an existing set');
  t.ok(has(/^org\/three: 3 cases/), 'more than 2 cases of one repository');
  t.same(drop, ['b-one-2'], 'a repository in two files stays in the file sorting first (given in any order)');
  t.notOk(has(/x-1a\.jsonl:6:/), 'a lone surrogate in a text is no problem of the set');
  t.notOk(has(/x-1a\.jsonl:1:/), 'a good case is no problem');
});

t.test('check: a clean file has no problems', async (t) => {
  const p = write('x-2a.jsonl', [
    c('ok-1', 'https://github.com/org/ok/issues/1'),
    c('ok-2', 'https://discourse.example.org/t/arm/9'),
  ]);
  t.same(checkFiles([p]).problems, []);
});

t.test('check: a repository under its former name is the same repository (renamed-repos.js)', async (t) => {
  t.equal(sourceKey('https://github.com/ggerganov/llama.cpp/issues/1'), 'ggml-org/llama.cpp', 'a former owner');
  t.equal(sourceKey('https://github.com/ROS-Planning/navigation2/pull/2'), 'ros-navigation/navigation2', 'any case');
  t.equal(sourceKey('https://github.com/ggml-org/llama.cpp/issues/3'), 'ggml-org/llama.cpp', 'the current name as is');
  const used = new Set([sourceKey('https://github.com/ollama/ollama/issues/5')]);
  const p = write('x-4a.jsonl', [c('old-name', 'https://github.com/jmorganca/ollama/issues/7')]);
  t.match(checkFiles([p], { used }).problems.join('\n'), /x-4a\.jsonl:1: ollama\/ollama is used by an earlier set/);
  const q = write('x-5a.jsonl', [c('new-name', 'https://github.com/deepspeedai/DeepSpeed/issues/1')]);
  const r = write('x-5b.jsonl', [c('old-name-2', 'https://github.com/microsoft/DeepSpeed/issues/2')]);
  t.same(checkFiles([r, q]).drop, ['old-name-2'], 'the two names in two files: one repository, kept in the first file');
  const three = write('x-6a.jsonl', [
    c('n1', 'https://github.com/pytorch/torchtune/issues/1'),
    c('n2', 'https://github.com/meta-pytorch/torchtune/issues/2'),
    c('n3', 'https://github.com/pytorch/torchtune/issues/3'),
  ]);
  t.match(checkFiles([three]).problems.join('\n'), /meta-pytorch\/torchtune: 3 cases/, 'the cap counts both names');
});

t.test('prep and merge: the labeller sees kind and text only; labels come back under the original ids', async (t) => {
  const p = write('x-3a.jsonl', [
    c('orig-one', 'https://github.com/org/a/issues/1', { text: 'lidar driver: no data for 5 s' }),
    c('orig-two', 'https://github.com/org/b/issues/2', { text: 'Traceback …\nRuntimeError: CUDA error' }),
    c('orig-three', 'https://github.com/org/c/issues/3', { text: 'E-stop pressed' }),
  ]);
  t.equal(prep('x-3', dir, [p]), 3);
  const texts = readFileSync(join(dir, 'x-3-texts.jsonl'), 'utf8');
  const rows = texts.trim().split('\n').map(JSON.parse);
  t.same(
    rows.map((r) => Object.keys(r).sort()),
    [
      ['id', 'kind', 'text'],
      ['id', 'kind', 'text'],
      ['id', 'kind', 'text'],
    ],
  );
  t.notMatch(texts, /orig-|github|request_timeout|secret note/, 'no id, source, label or note');
  t.equal(prep('x-3', dir, [p]), 3);
  t.equal(readFileSync(join(dir, 'x-3-texts.jsonl'), 'utf8'), texts, 'the same set gives the same opaque ids');
  const map = JSON.parse(readFileSync(join(dir, 'x-3-map.json'), 'utf8'));
  const [first, second] = Object.keys(map);
  write('x-3-labels.jsonl', [
    { id: first, expected: { category: 'hardware_fault', contributing_factor: 'sensor_fault' }, note: 'n1' },
    { id: second, expected: pair, note: 'n2' },
  ]);
  const r = merge('x-3', dir);
  t.equal(r.labelled, 2);
  t.same(r.missing, [Object.keys(map)[2]], 'the unlabelled opaque id is reported');
  const back = readFileSync(join(dir, 'x-3-second.jsonl'), 'utf8').trim().split('\n').map(JSON.parse);
  t.same(back[0], { id: map[first], expected: { category: 'hardware_fault', contributing_factor: 'sensor_fault' }, note: 'n1' });
  write('x-3-labels.jsonl', [{ id: 'other-set-x001', expected: pair }]);
  t.throws(() => merge('x-3', dir), /other-set-x001 is not an id of x-3-map\.json/);
});

t.test("entry: the set's first counts are the files' sums; a file the report lacks fails", async (t) => {
  const report = [
    'blind/x-4a.jsonl              2 cases: category 50.0%, +factor 50.0%',
    '                               "first": {"date":"2026-12-07","cases":2,"category":1,"category_factor":1,"confident":1,"confident_right":1,"unknown":1,"slices":{"robotics":{"cases":2,"category":1}}}',
    'blind/x-4b.jsonl              3 cases: category 66.7%, +factor 33.3%',
    '                               "first": {"date":"2026-12-07","cases":3,"category":2,"category_factor":1,"confident":0,"confident_right":0,"unknown":0,"slices":{"robotics":{"cases":3,"category":2}}}',
  ].join('\n');
  const e = entry('x-4', 'abc1234', report, ['blind/x-4a.jsonl', 'blind/x-4b.jsonl']);
  t.match(e.first, {
    commit: 'abc1234',
    cases: 5,
    category: 3,
    category_factor: 2,
    confident: 1,
    confident_right: 1,
    unknown: 1,
  });
  t.match(e.first.slices.robotics, { cases: 5, category: 3 });
  t.equal(e.tuned_on, false);
  t.throws(() => entry('x-4', 'abc1234', report, ['blind/x-4a.jsonl', 'blind/x-4c.jsonl']), /no first figures .*x-4c/);
});
