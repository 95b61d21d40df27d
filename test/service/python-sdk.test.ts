/**
 * The Python SDK's pytest suite (sdk/python/tests) as part of `npm test`: runs
 * sdk/python/run-tests.sh (a virtual environment with pytest and the real gymnasium from PyPI,
 * the SDK installed from this checkout, the real service started by the tests) and reports every
 * pytest test as one TAP test point, read from pytest's JUnit XML. A pytest skip is a TAP skip
 * whose reason names Python, which .ci/tap-report.mjs counts as a skip of a real part (CI fails
 * unless README's "Allowed skips" allows it); a setup that cannot run (no python3, no venv, PyPI
 * unreachable) fails, naming what is missing. No test ran is a failure too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const SCRIPT = fileURLToPath(new URL('../../../sdk/python/run-tests.sh', import.meta.url));

export interface PytestCase {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  detail: string;
}

const xmlText = (s: string) =>
  s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&#10;', '\n')
    .replaceAll('&amp;', '&');
const attr = (tag: string, name: string) => xmlText(new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1] ?? '');

/** The test cases of pytest's JUnit XML (`<testcase …/>` or with a failure, error or skipped child). */
export function parseJunit(xml: string): PytestCase[] {
  const cases: PytestCase[] = [];
  for (const m of xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const head = m[1] ?? '';
    const body = m[2] ?? '';
    const name = `${attr(head, 'classname')}::${attr(head, 'name')}`;
    const bad = /<(failure|error)\b([^>]*)>([\s\S]*?)<\/\1>|<(failure|error)\b([^>]*)\/>/.exec(body);
    const skipped = /<skipped\b([^>]*)/.exec(body);
    if (bad)
      cases.push({ name, outcome: 'failed', detail: xmlText(`${attr(bad[2] ?? bad[5] ?? '', 'message')}\n${bad[3] ?? ''}`) });
    else if (skipped) cases.push({ name, outcome: 'skipped', detail: attr(skipped[1] ?? '', 'message') });
    else cases.push({ name, outcome: 'passed', detail: '' });
  }
  return cases;
}

const dir = mkdtempSync(join(tmpdir(), 'faultline-pytest-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const junit = join(dir, 'junit.xml');

const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
  const { KAFKA_BROKERS: _k, SCHEMA_REGISTRY_URL: _r, ...env } = process.env;
  execFile(
    'bash',
    [SCRIPT, `--junitxml=${junit}`, '-q'],
    { env, timeout: 540_000, maxBuffer: 64 * 1024 * 1024 },
    (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, output: `${stdout}${stderr}` }),
  );
});

let xml = '';
try {
  xml = readFileSync(junit, 'utf8');
} catch {
  // no report: the setup failed before pytest ran
}
const cases = parseJunit(xml);

t.test('the Python SDK suite ran', async (t) => {
  t.ok(cases.length > 0, `pytest ran tests (run-tests.sh exit ${run.code}):\n${run.output.slice(-4000)}`);
  t.not(run.code, 3, 'the Python setup worked (python3, venv, pip from PyPI)');
});

for (const c of cases) {
  if (c.outcome === 'skipped') t.pass(`python sdk ${c.name}`, { skip: `Python (pytest) skipped: ${c.detail}` });
  else if (c.outcome === 'failed') t.fail(`python sdk ${c.name}: ${c.detail.slice(0, 4000)}`);
  else t.pass(`python sdk ${c.name}`);
}
