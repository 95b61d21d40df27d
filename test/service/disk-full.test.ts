/**
 * Disk full (issue 12, item 7), against the service as an operator runs it: ingest answers
 * 503 with Retry-After (not a 500) and /readyz is not ready while the data disk is full; once
 * space is back, ingest accepts again and the record is readable (the positive control).
 * Two ways to be full: under FAULTLINE_MIN_FREE_BYTES (measured with statfs), and a real
 * ENOSPC on a small tmpfs that the test fills (needs root to mount it).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startService, until } from './harness.js';

const ADMIN = 'test-admin-key-disk-0123456789';
/** The admin key is the bootstrap (platform) key: every call names the org (?org=default). */
const auth = { authorization: `Bearer ${ADMIN}` };
const log = (id: string) => JSON.stringify([{ log_id: id, error_message: 'torch.cuda.OutOfMemoryError: CUDA out of memory' }]);
const ingest = (url: string, id: string) =>
  fetch(`${url}/api/ingest/logs?org=default`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: log(id),
  });
const analyzed = (url: string, id: string) =>
  until(`${id} analyzed`, 20_000, async () => {
    const r = await fetch(`${url}/api/logs/${id}?org=default`, { headers: auth });
    return r.status === 200 && ((await r.json()) as { status: string }).status === 'analyzed';
  });

t.test('under FAULTLINE_MIN_FREE_BYTES: ingest 503 + Retry-After, not ready; reads still answer', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-disk-'));
  const svc = await startService('start', {
    FAULTLINE_DATA_DIR: dir,
    FAULTLINE_ADMIN_KEY: ADMIN,
    FAULTLINE_MIN_FREE_BYTES: String(Number.MAX_SAFE_INTEGER),
  });
  t.teardown(async () => {
    await svc.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const r = await ingest(svc.url, 'log-no-space');
  t.equal(r.status, 503);
  t.equal(r.headers.get('retry-after'), '30');
  t.match(await r.text(), /data disk is full/);
  const ready = await fetch(`${svc.url}/readyz`);
  t.equal(ready.status, 503);
  t.match(await ready.json(), { status: 'not ready', disk: /^full: \d+ bytes free, under FAULTLINE_MIN_FREE_BYTES/ });
  t.equal((await fetch(`${svc.url}/healthz`)).status, 200, 'alive');
  t.equal(
    (await fetch(`${svc.url}/api/logs/log-no-space?org=default`, { headers: auth })).status,
    404,
    'reads answer (nothing was stored)',
  );
});

const root = process.getuid?.() === 0;
t.test(
  'a real ENOSPC on a full tmpfs: 503 + Retry-After and not ready, then back once space is freed',
  { skip: root ? false : 'needs root to mount a small tmpfs' },
  async (t) => {
    const mnt = mkdtempSync(join(tmpdir(), 'faultline-enospc-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mnt]);
    let svc: Awaited<ReturnType<typeof startService>> | undefined;
    t.teardown(async () => {
      await svc?.stop('SIGKILL');
      execFileSync('umount', ['-l', mnt]);
      rmSync(mnt, { recursive: true, force: true });
    });
    const data = join(mnt, 'data');
    mkdirSync(data);
    svc = await startService('start', { FAULTLINE_DATA_DIR: data, FAULTLINE_ADMIN_KEY: ADMIN, FAULTLINE_MIN_FREE_BYTES: '0' });
    t.equal((await ingest(svc.url, 'log-before')).status, 202, 'control: with space, a log is accepted');
    await analyzed(svc.url, 'log-before');
    t.equal((await fetch(`${svc.url}/readyz`)).status, 200, 'control: ready');

    // Fill the filesystem to the last byte. The service may free a few pages of its own between the
    // fill and the request (a merge's outdated parts, a temporary file): a record that then fits is
    // rightly accepted, so the fill is topped up and the request sent again (at most 5 times).
    const filler = join(mnt, 'filler');
    const fd = openSync(filler, 'a');
    const chunk = Buffer.alloc(1024 * 1024, 1);
    const fill = (): string | undefined => {
      let code: string | undefined;
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        code = (err as NodeJS.ErrnoException).code;
      }
      try {
        for (;;) writeSync(fd, chunk.subarray(0, 512));
      } catch {}
      return code;
    };
    t.equal(fill(), 'ENOSPC', 'the tmpfs is full');
    // A record accepted before the fill was topped up is the service's to keep: analyzed once space is freed.
    const acceptedWhileFilling: string[] = [];
    let id = 'log-while-full-1';
    let full = await ingest(svc.url, id);
    for (let attempt = 2; full.status === 202 && attempt <= 5; attempt++) {
      acceptedWhileFilling.push(id);
      fill();
      id = `log-while-full-${attempt}`;
      full = await ingest(svc.url, id);
    }
    closeSync(fd);
    t.equal(full.status, 503, 'disk full is a 503, not a 500');
    t.equal(full.headers.get('retry-after'), '30');
    t.match(await full.text(), /no space left|disk is full/);
    const ready = await fetch(`${svc.url}/readyz`);
    t.equal(ready.status, 503, 'not ready while the disk is full');
    t.match(await ready.json(), { disk: /^full/ });

    rmSync(filler);
    await until('ready again after space is freed', 30_000, async () => (await fetch(`${svc?.url}/readyz`)).status === 200);
    t.equal((await ingest(svc.url, 'log-after')).status, 202, 'accepted again');
    await analyzed(svc.url, 'log-after');
    t.pass('the log sent after the disk was freed is analyzed');
    for (const accepted of acceptedWhileFilling) await analyzed(svc.url, accepted);
    t.pass(`the logs accepted while the fill was topped up are analyzed too (${acceptedWhileFilling.length})`);
  },
);
