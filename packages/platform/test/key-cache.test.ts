/**
 * The verified-key cache (keys.ts, KeyRing): a key seen recently costs no store read; a key
 * revoked through `revoke` is refused on its next request, also when a lookup of it was reading the
 * store while the revocation ran; the cache is bounded. Real embedded ClickHouse.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '@faultline/store';
import t from 'tap';
import { KeyRing } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-key-cache-'));
const store = await Store.open({ dataDir: dir });
t.teardown(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real store, its key reads counted; `hold` (when set) is awaited after a read, before its answer returns. */
function countingStore() {
  const s = Object.create(store) as Store & { reads: number; hold: Promise<unknown> | undefined };
  s.reads = 0;
  s.hold = undefined;
  s.findKey = async (hash: string) => {
    s.reads++;
    const row = await store.findKey(hash);
    await s.hold;
    return row;
  };
  return s;
}

t.test('a revoked key is refused on its next request; a cached key costs no store read', async (t) => {
  const s = countingStore();
  const ring = new KeyRing(s, 'bootstrap-admin-key-123');
  const kept = await ring.create('acme', 'producer');
  const gone = await ring.create('acme', 'producer');
  t.same(await ring.authenticate(gone.key), { keyId: gone.key_id, org: 'acme', role: 'producer' });
  await ring.authenticate(kept.key);
  const reads = s.reads;
  t.same(await ring.authenticate(gone.key), { keyId: gone.key_id, org: 'acme', role: 'producer' }, 'cached');
  t.equal(s.reads, reads, 'no store read for a cached key');
  t.same(await ring.revoke(gone.key_id), { key_id: gone.key_id, org_id: 'acme', role: 'producer' });
  t.equal(await ring.authenticate(gone.key), null, 'refused on the next request');
  t.equal((await store.findKey((await import('../src/index.js')).hashKey(gone.key)))?.revoked, true, 'revoked in the store');
  t.equal(await new KeyRing(store).authenticate(gone.key), null, 'and by a fresh ring (another process, a restart)');
  t.same(await ring.authenticate(kept.key), { keyId: kept.key_id, org: 'acme', role: 'producer' }, 'the other key works');
  t.equal(await ring.revoke('no-such-key'), null);
});

t.test('a lookup reading the store while the key is revoked does not cache what it read', async (t) => {
  const s = countingStore();
  const ring = new KeyRing(s);
  const key = await ring.create('acme', 'member');
  let release: (v?: unknown) => void = () => undefined;
  s.hold = new Promise((r) => {
    release = r;
  });
  const reading = ring.authenticate(key.key); // has read the key as valid, held before it answers
  while (s.reads === 0) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50));
  s.hold = undefined;
  await ring.revoke(key.key_id);
  release();
  t.equal(await reading, null, 'read again after the revocation: refused');
  t.equal(await ring.authenticate(key.key), null, 'and refused after');
});

t.test('the cache is bounded: the oldest verified key is read again', async (t) => {
  const s = countingStore();
  const ring = new KeyRing(s, undefined, 30_000, 50);
  const key = await ring.create('acme', 'member');
  await ring.authenticate(key.key);
  for (let i = 0; i < 49; i++) await ring.authenticate(`fl_${i}_not-a-key`);
  const cached = s.reads;
  await ring.authenticate(key.key);
  t.equal(s.reads, cached, 'with 49 newer keys: still cached');
  for (let i = 49; i < 50; i++) await ring.authenticate(`fl_${i}_not-a-key`);
  const reads = s.reads;
  t.same(await ring.authenticate(key.key), { keyId: key.key_id, org: 'acme', role: 'member' });
  t.equal(s.reads, reads + 1, 'pushed out by the 50th newer key: read from the store again');
  const long = `fl_${'x'.repeat(300)}`;
  await ring.authenticate(long);
  await ring.authenticate(long);
  t.equal(s.reads, reads + 3, 'a key longer than 256 characters is not cached');
});
