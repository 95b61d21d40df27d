/**
 * The platform scope as an operator meets it: `faultline start` without FAULTLINE_ADMIN_KEY
 * prints the bootstrap key once; it names the org of every call; it alone grants platform
 * roles over the API; the offline `faultline keys create` makes a platform key (an operator
 * act) but never a bootstrap key.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { MAIN, startService } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-bootstrap-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const env = { FAULTLINE_DATA_DIR: dir, FAULTLINE_WORKERS: '1' };
const { FAULTLINE_ADMIN_KEY: _unset, ...cliEnv } = process.env;

async function call(url: string, method: string, path: string, key: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
  return { status: res.status, body: (await res.json()) as any };
}

t.test(
  'first start prints the bootstrap key once; it is the platform scope and the only grantor of platform roles',
  async (t) => {
    const first = await startService('start', env);
    const printed = /created the bootstrap key .*stored hashed\): (fl_\S+)/.exec(first.output());
    t.ok(printed, 'the first start prints a bootstrap key');
    const boot = printed?.[1] as string;
    t.match(first.output(), /finalize\?org=default/, 'the pasted example names the org');

    const unnamed = await call(first.url, 'GET', '/api/trends', boot);
    t.equal(unnamed.status, 400, 'the bootstrap key names the org');
    t.match(unnamed.body.message, /names the org/);
    t.equal((await call(first.url, 'GET', '/api/trends?org=default', boot)).status, 200, 'and then reads it');

    const oncall = await call(first.url, 'POST', '/api/admin/keys', boot, { role: 'platform_oncall' });
    t.equal(oncall.status, 201, 'the bootstrap key grants platform_oncall');
    t.equal(oncall.body.org_id, '*');
    t.equal(
      (await call(first.url, 'GET', '/api/audit?org=*', oncall.body.key)).status,
      200,
      'which reads every org on a listing',
    );
    t.equal(
      (await call(first.url, 'POST', '/api/runs', oncall.body.key, { org_id: 'default', ids: ['x'] })).status,
      403,
      'but never acts',
    );

    const admin = await call(first.url, 'POST', '/api/admin/keys', boot, { org_id: 'acme', role: 'admin' });
    t.equal(admin.status, 201);
    const byAdmin = (body: unknown) => call(first.url, 'POST', '/api/admin/keys', admin.body.key, body);
    t.equal((await byAdmin({ role: 'member' })).body.org_id, 'acme', 'an org admin makes keys of its own org');
    t.equal((await byAdmin({ org_id: 'globex', role: 'member' })).status, 403, 'never of another org');
    t.equal((await byAdmin({ role: 'platform_admin' })).status, 403, 'never a platform key');
    await first.stop();

    const second = await startService('start', env);
    t.notMatch(second.output(), /created the bootstrap key/, 'a restart prints no second bootstrap key');
    t.equal((await call(second.url, 'GET', '/api/trends?org=default', boot)).status, 200, 'the first one still works');
    await second.stop();
  },
);

t.test('the offline CLI makes platform keys, never a bootstrap key', async (t) => {
  const made = JSON.parse(
    execFileSync(process.execPath, [MAIN, 'keys', 'create', '--role', 'platform_admin', '--data-dir', dir], {
      env: cliEnv,
      encoding: 'utf8',
    }),
  ) as { key: string; org_id: string; role: string };
  t.equal(made.role, 'platform_admin');
  t.equal(made.org_id, '*');
  const refused = spawnSync(
    process.execPath,
    [MAIN, 'keys', 'create', '--org', 'acme', '--role', 'bootstrap', '--data-dir', dir],
    {
      env: cliEnv,
      encoding: 'utf8',
    },
  );
  t.equal(refused.status, 1);
  t.match(refused.stderr, /role: must be one of/);
  const noOrg = spawnSync(process.execPath, [MAIN, 'keys', 'create', '--role', 'admin', '--data-dir', dir], {
    env: cliEnv,
    encoding: 'utf8',
  });
  t.equal(noOrg.status, 2, 'an org role needs --org');

  const svc = await startService('start', env);
  t.equal((await call(svc.url, 'GET', '/api/trends?org=acme', made.key)).status, 200, 'the CLI platform key reads a named org');
  t.equal((await call(svc.url, 'GET', '/api/trends', made.key)).status, 400, 'and names it');
  t.equal(
    (await call(svc.url, 'POST', '/api/admin/keys', made.key, { role: 'platform_oncall' })).status,
    403,
    'a platform admin does not grant platform roles',
  );
  await svc.stop();
});
