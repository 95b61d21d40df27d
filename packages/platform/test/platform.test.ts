/** Keys, roles and metrics labels. Keys are stored in the real embedded ClickHouse, hashed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVERY_ORG, Store } from '@faultline/store';
import t from 'tap';
import {
  ACCESS,
  actingOrg,
  can,
  HttpError,
  hashKey,
  KeyError,
  KeyRing,
  mayCreateKey,
  type Principal,
  type Role,
  reasonLabel,
} from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-platform-'));
const store = await Store.open({ dataDir: dir });
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

t.test('a created key authenticates with its org and role; only its hash is stored', async (t) => {
  const ring = new KeyRing(store, 'bootstrap-admin-key-123');
  const created = await ring.create('acme', 'producer', 'robot fleet');
  t.match(created.key, /^fl_[0-9a-f]{12}_/);
  t.same(await ring.authenticate(created.key), { keyId: created.key_id, org: 'acme', role: 'producer' });
  t.equal(await ring.authenticate(`${created.key}x`), null);
  t.equal(await ring.authenticate(''), null);
  t.same(await ring.authenticate('bootstrap-admin-key-123'), { keyId: 'bootstrap-admin', org: '*', role: 'bootstrap' });
  const dump = JSON.stringify(await store.rows('SELECT * FROM faultline.api_keys'));
  t.notOk(dump.includes(created.key), 'the key itself is not stored');
  t.ok(dump.includes(hashKey(created.key)));
  await t.rejects(ring.create('acme', 'wizard'), KeyError);
  await t.rejects(ring.create('bad org!', 'member'), /org_id/);
  await t.rejects(ring.create(undefined, 'member'), /org_id/, 'an org role needs an org');
  await t.rejects(ring.create(undefined, 'bootstrap'), /role/, 'the bootstrap role is made only at first start');
  const platform = await ring.create(undefined, 'platform_oncall');
  t.same(await ring.authenticate(platform.key), { keyId: platform.key_id, org: '*', role: 'platform_oncall' });
  await t.rejects(ring.create('acme', 'platform_admin'), /no org/, 'a platform key has no org');
  const first = await ring.create(undefined, 'bootstrap', 'first start', { bootstrap: true });
  t.same(await ring.authenticate(first.key), { keyId: first.key_id, org: '*', role: 'bootstrap' });
});

t.test('roles: what each may do, and the org each call acts in', async (t) => {
  const p = (role: Role, org = 'acme'): Principal => ({ keyId: 'k', org, role });
  t.ok(can(p('producer'), 'ingest'));
  t.notOk(can(p('producer'), 'read'));
  t.notOk(can(p('member'), 'read_patterns'));
  t.ok(can(p('ml_engineer'), 'read_patterns'));
  t.notOk(can(p('ml_engineer'), 'admin'));
  t.ok(can(p('oncall'), 'read_audit'));
  t.ok(can(p('admin'), 'admin'));
  t.notOk(can(p('platform_oncall', '*'), 'admin'), 'platform on-call reads only');
  t.notOk(can(p('platform_oncall', '*'), 'ingest'));
  const status = (f: () => unknown) => {
    try {
      f();
      return 0;
    } catch (err) {
      return err instanceof HttpError ? err.statusCode : -1;
    }
  };
  for (const role of ['member', 'oncall', 'admin'] as const) {
    t.equal(actingOrg(p(role), undefined), 'acme', `${role}: its own org`);
    t.equal(actingOrg(p(role), 'acme'), 'acme', `${role}: naming its own org`);
    t.equal(
      status(() => actingOrg(p(role), 'other')),
      403,
      `${role}: naming another org is refused`,
    );
    t.equal(
      status(() => actingOrg(p(role), '*', { every: true })),
      403,
      `${role}: never every org`,
    );
  }
  for (const role of ['platform_oncall', 'platform_admin', 'bootstrap'] as const) {
    t.equal(actingOrg(p(role, '*'), 'other'), 'other', `${role}: the named org`);
    t.equal(
      status(() => actingOrg(p(role, '*'), undefined)),
      400,
      `${role}: no org named is a 400`,
    );
    t.equal(
      status(() => actingOrg(p(role, '*'), '*')),
      400,
      `${role}: "*" only on listings`,
    );
    t.equal(actingOrg(p(role, '*'), '*', { every: true }), EVERY_ORG, `${role}: "*" on a listing is every org`);
    t.equal(
      status(() => actingOrg(p(role, '*'), 'bad org!')),
      400,
    );
  }
});

t.test('who may create which key', async (t) => {
  const p = (role: Role, org = 'acme'): Principal => ({ keyId: 'k', org, role });
  const result = (r: { org: string } | HttpError) => (r instanceof HttpError ? r.statusCode : r.org);
  t.equal(result(mayCreateKey(p('admin'), 'acme', 'admin')), 'acme');
  t.equal(result(mayCreateKey(p('admin'), undefined, 'producer')), 'acme');
  t.equal(result(mayCreateKey(p('admin'), 'other', 'admin')), 403, 'an org admin never makes keys for another org');
  t.equal(result(mayCreateKey(p('admin'), undefined, 'platform_admin')), 403, 'nor platform keys');
  t.equal(result(mayCreateKey(p('oncall'), 'acme', 'member')), 403);
  t.equal(result(mayCreateKey(p('platform_admin', '*'), 'other', 'admin')), 'other');
  t.equal(result(mayCreateKey(p('platform_admin', '*'), undefined, 'admin')), 400, 'a platform admin names the org');
  t.equal(result(mayCreateKey(p('platform_admin', '*'), undefined, 'platform_oncall')), 403, 'only bootstrap grants platform');
  t.equal(result(mayCreateKey(p('bootstrap', '*'), undefined, 'platform_admin')), '*');
  t.equal(result(mayCreateKey(p('bootstrap', '*'), undefined, 'bootstrap')), 400, 'no second bootstrap key');
});

t.test('the access table names every route once, with roles that exist', async (t) => {
  const seen = new Set<string>();
  for (const r of ACCESS) {
    const id = `${r.method} ${r.path}`;
    t.notOk(seen.has(id), `${id} once`);
    seen.add(id);
    t.ok(r.roles.length > 0, `${id}: some role may call it`);
  }
});

t.test('rejection reasons become bounded metric labels', async (t) => {
  t.equal(reasonLabel('trace_id: required field is missing'), 'trace_id');
  t.equal(reasonLabel('error_message, logs: both are empty'), 'error_message');
  t.equal(reasonLabel('spans.0.status: must be object'), 'spans');
  t.equal(reasonLabel('invalid JSON: Unexpected token'), 'invalid_json');
  t.equal(reasonLabel('(record): must be a JSON object'), 'invalid');
});
