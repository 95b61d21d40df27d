/**
 * /readyz reflects the consumer's progress: with records waiting and no commit for stallMs (the
 * oldest record that old too), the service is not ready and says why; once the consumer
 * commits, it is ready again. Real parts: the embedded bus, the chdb store, the Fastify app;
 * the consumer is a handler that fails (a batch the store refuses, redelivered for ever) until
 * the test lets it through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '@faultline/bus';
import { KeyRing, Metrics } from '@faultline/platform';
import { Store } from '@faultline/store';
import t from 'tap';
import { buildApp } from '../src/app.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-readyz-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

t.test('a consumer that stops advancing fails readiness; progress restores it', async (t) => {
  const store = await Store.open({ dataDir: join(dir, 'store') });
  const bus = await EmbeddedBus.open({ dir: join(dir, 'bus'), fsync: false });
  const app = await buildApp({
    store,
    transport: bus,
    keys: new KeyRing(store, 'readyz-admin-key-0123456789'),
    metrics: new Metrics({ bus: () => bus.stats() }),
    maxBodyBytes: 1024 * 1024,
    stallMs: 300,
  });
  t.teardown(async () => {
    await app.close();
    await bus.close();
    await store.close();
  });
  const readyz = async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    return { status: res.statusCode, body: res.json() as { status: string; consumer: string } };
  };

  let refuse = true;
  let attempts = 0;
  bus.consume(
    async () => {
      attempts++;
      if (refuse) throw new Error('the store refuses this batch');
    },
    { maxBatch: 100 },
  );
  t.same((await readyz()).status, 200, 'positive control: ready while nothing waits');

  await bus.publish([{ key: 'robot-1', value: '{"poison":true}' }]);
  await until('the batch delivered again at least twice', async () => attempts >= 2);
  await until('readiness to fail', async () => (await readyz()).status === 503);
  const stalled = await readyz();
  t.equal(stalled.body.status, 'not ready');
  t.match(stalled.body.consumer, /^stalled: 1 records waiting/, 'and it says the consumer is stalled');

  refuse = false;
  await until('the batch committed', async () => bus.stats().committed === 1);
  const after = await readyz();
  t.equal(after.status, 200, 'ready again once the consumer advanced');
  t.equal(after.body.consumer, 'ok');
});
