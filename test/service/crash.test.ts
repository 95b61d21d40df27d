/**
 * Nothing acknowledged to a producer is lost: the service as a child process, killed with
 * SIGKILL while its analyzer is busy, then restarted on the same data directory; and a
 * SIGTERM that drains and exits cleanly. Counts come from the trends API (ClickHouse FINAL),
 * so redelivered records must not be double-counted either.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { metric, startService as start } from './harness.js';

const ADMIN = 'crash-admin-key-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'faultline-crash-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const startService = () =>
  start('start', { FAULTLINE_DATA_DIR: dir, FAULTLINE_ADMIN_KEY: ADMIN, FAULTLINE_WORKERS: '1', FAULTLINE_BATCH_SIZE: '50' });

const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function analyzedLogs(url: string, prefix: string): Promise<number> {
  // Primary findings only: exactly one per analyzed subject, counted FINAL. The admin key is the
  // bootstrap (platform) key: it names the org (the records name theirs, acme).
  const r = await fetch(`${url}/api/trends?org=acme&kind=log&by=fingerprint&interval=1w&from=2026-01-01T00:00:00Z`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  const body = (await r.json()) as { points: { key: string; count: number }[] };
  void prefix;
  return body.points.reduce((a, p) => a + p.count, 0);
}

const bigLog = (i: number) => ({
  log_id: `crash-${i}`,
  org_id: 'acme',
  timestamp: '2026-11-01T10:00:00Z',
  error_message: '',
  logs: `${`INFO step ${i} loss=0.1234 lr=0.0003 tokens=4096\n`.repeat(400)}ConnectionResetError: [Errno 104] Connection reset by peer`,
});

t.test('SIGKILL mid-batch, restart: every accepted record is analyzed, none twice', async (t) => {
  const first = await startService();
  let accepted = 0;
  for (let b = 0; b < 20; b++) {
    const res = await post(
      first.url,
      '/api/ingest/logs',
      Array.from({ length: 25 }, (_, j) => bigLog(b * 25 + j)),
    );
    t.equal(res.status, 202);
    accepted += ((await res.json()) as { accepted: number }).accepted;
  }
  const depth = await metric(first.url, 'faultline_bus_depth');
  t.ok(depth > 0, `the analyzer was still busy when killed (bus depth ${depth})`);
  first.child.kill('SIGKILL');
  t.equal((await first.exited).signal, 'SIGKILL');

  const second = await startService();
  const end = Date.now() + 60_000;
  let count = 0;
  while (Date.now() < end) {
    count = await analyzedLogs(second.url, 'crash-');
    if (count >= accepted) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  t.equal(count, accepted, `all ${accepted} accepted records analyzed after the restart, and counted once`);

  // SIGTERM drains and exits cleanly; what was accepted before it survives.
  const res = await post(
    second.url,
    '/api/ingest/logs',
    Array.from({ length: 25 }, (_, j) => bigLog(1000 + j)),
  );
  t.equal(res.status, 202);
  second.child.kill('SIGTERM');
  const exit = await second.exited;
  t.equal(exit.code, 0, 'SIGTERM exits 0 after draining');

  const third = await startService();
  const end2 = Date.now() + 60_000;
  while (Date.now() < end2) {
    count = await analyzedLogs(third.url, 'crash-');
    if (count >= accepted + 25) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  t.equal(count, accepted + 25);
  third.child.kill('SIGTERM');
  await third.exited;
});
