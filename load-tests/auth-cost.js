#!/usr/bin/env node
/**
 * `node load-tests/auth-cost.js [--root DIR] [--calls 200000] [--rounds 5]`: what authenticating a
 * request's API key costs the service's main thread (packages/platform KeyRing.authenticate, run by
 * the auth hook on every /api request), CPU µs per call: an org key and the bootstrap key
 * (FAULTLINE_ADMIN_KEY), each already verified (the steady state: every request of a client after
 * its first). The store is a stub that answers the org key's row (a lookup that misses the cache
 * reads it; the figure is of hits). `--root` runs another built checkout's KeyRing (alternate the
 * two: base, new, new, base, …). The measurement of a change not adopted: session 21's
 * verified-key cache (ec540ab, reverted), which saved ~1.2 µs a request, 0.2% of a finding; run here it
 * measures the KeyRing as it is (a hash a request), with `--root` a build of ec540ab the cache's.
 * load-tests/README.md, session 21, "Measured, not adopted: a verified-key cache".
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: join(import.meta.dirname, '..') },
    calls: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '5' },
  },
});
const root = resolve(values.root);
const calls = Number(values.calls);
const { KeyRing, hashKey } = await import(join(root, 'packages/platform/dist/src/index.js'));

const ADMIN = 'bench-admin-key-0123456789';
const ORG_KEY = 'fl_0123456789ab_abcdefghijklmnopqrstuvwxyz012345';
const row = {
  key_hash: hashKey(ORG_KEY),
  key_id: '0123456789ab',
  org_id: 'acme',
  role: 'producer',
  label: '',
  created_at: '',
  revoked: false,
};
const store = { findKey: async (h) => (h === row.key_hash ? row : null) };
const ring = new KeyRing(store, ADMIN);

const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
async function measure(key) {
  if (!(await ring.authenticate(key))) throw new Error('not authenticated');
  const t0 = cpuUs();
  for (let i = 0; i < calls; i++) await ring.authenticate(key);
  return (cpuUs() - t0) / calls;
}
const figures = { org: [], bootstrap: [] };
for (let r = 0; r < Number(values.rounds); r++) {
  figures.org.push(await measure(ORG_KEY));
  figures.bootstrap.push(await measure(ADMIN));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (xs) => `${xs.map((x) => x.toFixed(2)).join(', ')} (median ${median(xs).toFixed(2)})`;
process.stdout.write(`${root}: CPU µs per authenticate, ${calls} calls a round\n`);
process.stdout.write(`  org key:       ${show(figures.org)}\n  bootstrap key: ${show(figures.bootstrap)}\n`);
