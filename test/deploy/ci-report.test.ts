/**
 * .ci/tap-report.mjs, which `.ci/run` uses to read `npm test`'s TAP: the counts are the sum of
 * tap's summaries, every skip is listed with its reason, and a skip of a real part fails unless
 * the README allows it on that machine. Run as CI runs it, on a small fixture log and README.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = join(ROOT, '.ci/tap-report.mjs');
const FIXTURES = join(ROOT, 'test/deploy/fixtures/ci');
const LOG = join(FIXTURES, 'npm-test.tap');

function report(machine: string, log = LOG, readme = join(FIXTURES, 'README.md')) {
  const r = spawnSync(process.execPath, [SCRIPT, log, '--readme', readme, '--machine', machine], { encoding: 'utf8' });
  const lines = r.stdout.trimEnd().split('\n');
  return { status: r.status, stderr: r.stderr, text: lines.slice(0, -1).join('\n'), last: lines.at(-1) };
}

t.test('counts are the sum of every tap summary; each skip is listed with its reason', async (t) => {
  const r = report('ci-box');
  t.match(r.text, /^tap: 2 runs, 4 passed, 1 failed, 3 skipped, 1 todo$/m);
  t.match(r.text, /^skipped tests \(3\), machine "ci-box":$/m);
  t.match(
    r.text,
    /^ {2}- confluent: the same objects, configured per client \(it refuses those options per call\): native Kafka client: @confluentinc\/kafka-javascript does not load here .*install-native\.sh builds it \[native Kafka client: NOT ALLOWED on this machine\]$/m,
  );
  t.match(r.text, /^ {2}- a skip without a reason: a skip without a reason$/m, 'no reason given: the name stands in');
  t.match(r.text, /^ {2}- an optional extra check: not needed on this platform$/m, 'a skip of no real part: listed, no verdict');
  t.notMatch(r.text, /TODO|later/, 'a todo is counted, not listed as a skip');
  t.equal(r.last, '4 1 3 1', 'passed failed skipped disallowed, for .ci/run');
  t.equal(r.status, 1);
});

t.test('a real-part skip is allowed only on a machine the README names, and only with a why', async (t) => {
  const here = report('arm-builder-7');
  t.match(here.text, /\[native Kafka client: allowed here by README: no librdkafka build for arm64 there\]/);
  t.equal(here.last, '4 1 3 0', 'no disallowed skip on arm-builder-7');
  // Positive control for the same log on a machine the allowance does not name: disallowed.
  const elsewhere = report('x86-builder-7');
  t.match(elsewhere.text, /NOT ALLOWED on this machine/);
  t.match(
    elsewhere.text,
    /1 skip\(s\) of a real part that README\.md \("Allowed skips"\) does not allow on "x86-builder-7": CI fails/,
  );
  t.equal(elsewhere.last, '4 1 3 1');
  // "laptop" is named by a line with no why, and by one mid-line: neither allows anything.
  t.equal(report('laptop').last, '4 1 3 1');
});

t.test('exit status: 0 only with no failure and no disallowed skip', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-ci-report-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const passing = readFileSync(LOG, 'utf8')
    .replace('    not ok 2 - fit', '    ok 2 - fit')
    .replace('not ok 1 - test/accuracy', 'ok 1 - test/accuracy')
    .replace('# { total: 2, pass: 1, fail: 1 }', '# { total: 2, pass: 2 }');
  const log = join(dir, 'passing.tap');
  writeFileSync(log, passing);
  const allowed = report('arm-builder-1', log);
  t.equal(allowed.last, '5 0 3 0');
  t.equal(allowed.status, 0, 'all passed, the only real-part skip allowed here: CI passes');
  const disallowed = report('ci-box', log);
  t.equal(disallowed.last, '5 0 3 1');
  t.equal(disallowed.status, 1, 'the same log where the skip is not allowed: CI fails');
  const noSkips = passing.replace(/ # SKIP.*$/gm, '').replace('skip: 3', 'skip: 0');
  writeFileSync(log, noSkips);
  const clean = report('ci-box', log);
  t.equal(clean.last, '5 0 0 0');
  t.equal(clean.status, 0);
});

t.test("the repository's own README parses: its allowances are well formed", async (t) => {
  const r = report('ci-box', LOG, join(ROOT, 'README.md'));
  t.equal(r.stderr, '');
  t.match(r.last, /^4 1 3 [01]$/);
});

t.test('a skipped test of the Python SDK suite fails CI like any real part', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-ci-py-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, 'npm-test.tap');
  writeFileSync(
    log,
    [
      'ok 1 - python sdk tests.test_spool::test_spool_delivers_once',
      'ok 2 - python sdk tests.test_gymnasium::test_truncated # SKIP Python (pytest) skipped: gymnasium not installed',
      '# { total: 2, pass: 1, skip: 1 }',
      '',
    ].join('\n'),
  );
  const r = report('ci-box', log);
  t.match(r.text, /test_truncated: Python \(pytest\) skipped: gymnasium not installed \[Python: NOT ALLOWED on this machine\]/);
  t.equal(r.last, '1 0 1 1', 'one disallowed skip');
  t.equal(r.status, 1, 'CI fails');
});
