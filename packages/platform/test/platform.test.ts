/** Keys, roles and metrics labels. Keys are stored in the real embedded ClickHouse, hashed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@faultline/store';
import t from 'tap';
import { can, hashKey, KeyError, KeyRing, readScope, reasonLabel } from '../src/index.js';

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
  t.same(await ring.authenticate('bootstrap-admin-key-123'), { keyId: 'bootstrap-admin', org: '*', role: 'admin' });
  const dump = JSON.stringify(await store.rows('SELECT * FROM faultline.api_keys'));
  t.notOk(dump.includes(created.key), 'the key itself is not stored');
  t.ok(dump.includes(hashKey(created.key)));
  await t.rejects(ring.create('acme', 'wizard'), KeyError);
  await t.rejects(ring.create('bad org!', 'member'), /org_id/);
});

t.test('roles: what each may do, and which orgs it reads', async (t) => {
  const p = (role: 'producer' | 'member' | 'ml_engineer' | 'oncall' | 'admin') => ({ keyId: 'k', org: 'acme', role });
  t.ok(can(p('producer'), 'ingest'));
  t.notOk(can(p('producer'), 'read'));
  t.notOk(can(p('member'), 'read_patterns'));
  t.ok(can(p('ml_engineer'), 'read_patterns'));
  t.notOk(can(p('ml_engineer'), 'admin'));
  t.ok(can(p('oncall'), 'read_audit'));
  t.ok(can(p('admin'), 'admin'));
  t.equal(readScope(p('member')), 'acme');
  t.equal(readScope(p('ml_engineer')), 'acme');
  t.equal(readScope(p('oncall')), null);
  t.equal(readScope(p('admin')), null);
});

t.test('rejection reasons become bounded metric labels', async (t) => {
  t.equal(reasonLabel('trace_id: required field is missing'), 'trace_id');
  t.equal(reasonLabel('error_message, logs: both are empty'), 'error_message');
  t.equal(reasonLabel('spans.0.status: must be object'), 'spans');
  t.equal(reasonLabel('invalid JSON: Unexpected token'), 'invalid_json');
  t.equal(reasonLabel('(record): must be a JSON object'), 'invalid');
});
