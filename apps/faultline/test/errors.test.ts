/**
 * The command's failures, as a user at a terminal sees them: `faultline: ` and the error's own
 * message on stderr (every problem of a bad configuration, one per line), exit status 1, nothing
 * on stdout, no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';

const main = fileURLToPath(new URL('../src/main.js', import.meta.url));
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

const failed = (t: Test, r: ReturnType<typeof run>, stderr: RegExp) => {
  t.equal(r.status, 1, 'exit status 1');
  t.match(r.stderr, stderr);
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
  t.equal(r.stdout, '');
};

t.test('a bad configuration names every problem', async (t) => {
  const r = run(['analyze', '-'], { FAULTLINE_WORKERS: 'abc', FAULTLINE_BUDGET_MS: '-5' });
  failed(t, r, /^faultline: invalid configuration:\n/);
  t.match(r.stderr, /\n {2}FAULTLINE_WORKERS="abc": must be an integer/);
  t.match(r.stderr, /\n {2}FAULTLINE_BUDGET_MS="-5": must be an integer/);
});

t.test('a missing input file is named', async (t) => {
  failed(
    t,
    run(['analyze', '/nonexistent/failures.jsonl']),
    /^faultline: input file not found: \/nonexistent\/failures\.jsonl\n$/,
  );
});

t.test('a key with an unknown role is refused with the reason', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-cli-errors-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  failed(
    t,
    run(['keys', 'create', '--org', 'acme', '--role', 'wizard', '--data-dir', dir]),
    /^faultline: role: must be one of .*member.*\n$/,
  );
  // Positive control: the same command with a real role creates the key.
  const ok = run(['keys', 'create', '--org', 'acme', '--role', 'member', '--data-dir', dir]);
  t.equal(ok.status, 0, ok.stderr);
  t.match(JSON.parse(ok.stdout), { org_id: 'acme', role: 'member' });
});
