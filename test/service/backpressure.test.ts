/** A full bus answers 503 with Retry-After instead of growing without bound; nothing of a refused batch is stored. */
import { ANALYZER_VERSION } from '@faultline/core';
import t from 'tap';
import { startInProcess } from './in-process.js';

const ADMIN = 'bp-admin-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-bp-', {
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_BUS_CAPACITY: '10',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});

const post = (body: unknown) =>
  fetch(`${svc.url}/api/ingest/logs?org=default`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

t.test('over capacity: 503 + Retry-After, counted, and the batch is not stored', async (t) => {
  // Ten slow records fill the bus; the analyzer holds them until they are stored.
  const slow = Array.from({ length: 10 }, (_, i) => ({
    log_id: `slow-${i}`,
    error_message: '',
    logs: `${'INFO step ok\n'.repeat(20_000)}ValueError: boom`,
  }));
  t.equal((await post(slow)).status, 202);
  const batch = Array.from({ length: 11 }, (_, i) => ({ log_id: `bp-${i}`, error_message: 'ECONNREFUSED 127.0.0.1:5432' }));
  const res = await post(batch.slice(0, 1));
  t.equal(res.status, 503);
  t.ok(Number(res.headers.get('retry-after')) >= 1, 'Retry-After is given in seconds');
  t.match(((await res.json()) as { message: string }).message, /bus is full/);
  const metrics = await (await fetch(`${svc.url}/metrics`)).text();
  t.match(metrics, /^faultline_bus_backpressure_total 1$/m);
  t.match(metrics, /^faultline_records_rejected_total\{kind="log",reason="bus_full"\} 1$/m);
  const tooBig = await post(batch);
  t.equal(tooBig.status, 413, 'a batch larger than the bus can ever hold is refused as too large');
  // Once the analyzer caught up, a batch that fits is accepted: five records none of the refused
  // requests carried, so what is stored tells refused and accepted apart.
  const accepted = Array.from({ length: 5 }, (_, i) => ({ log_id: `ok-${i}`, error_message: 'ECONNREFUSED 127.0.0.1:5432' }));
  let ok = 0;
  for (let i = 0; i < 50 && ok !== 202; i++) {
    ok = (await post(accepted)).status;
    if (ok !== 202) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(ok, 202, 'a batch that fits is accepted once there is room');
  const count = async (prefix: string) =>
    Number(
      (
        await svc.store.rows<{ c: string }>(
          `SELECT count() c FROM faultline.logs FINAL WHERE startsWith(log_id, {prefix:String})`,
          { prefix },
        )
      )[0]?.c,
    );
  // Positive control: the accepted batch, published after the refused ones, is stored...
  for (let i = 0; i < 100 && (await count('ok-')) < 5; i++) await new Promise((r) => setTimeout(r, 100));
  t.equal(await count('ok-'), 5, 'the accepted batch was stored');
  // ...and nothing of the 503- and 413-refused requests (bp-0, bp-0..bp-10) was.
  t.equal(await count('bp-'), 0, 'no record of a refused request was stored');
});

t.test('a body over the size limit is refused with 413', async (t) => {
  const res = await post([{ log_id: 'huge', error_message: 'x', logs: 'y'.repeat(11 * 1024 * 1024) }]);
  t.equal(res.status, 413);
  // Control: the same record with logs of 1 MB, under the limit, is accepted.
  const small = await post([{ log_id: 'huge-but-fits', error_message: 'x', logs: 'y'.repeat(1024 * 1024) }]);
  t.equal(small.status, 202, 'control: a body under the limit is accepted');
});

t.test('a record that timed out says so when read, instead of a bare 404', async (t) => {
  // The ten slow logs above were analyzed within the default 10 s budget; a log read that has
  // an error row but no analysis answers its status. Write such a row the way the pipeline does.
  await svc.store.writeErrors([
    {
      org_id: 'default',
      subject_kind: 'log',
      subject_ref: 'late-log',
      error_kind: 'timed_out',
      step: 'pattern matching',
      reason: 'per-record budget of 10000 ms ran out during pattern matching',
      analyzer_version: ANALYZER_VERSION,
    },
  ]);
  const res = await fetch(`${svc.url}/api/logs/late-log?org=default`, { headers: { authorization: `Bearer ${ADMIN}` } });
  t.equal(res.status, 200);
  const body = (await res.json()) as { status: string; error: { reason: string } };
  t.equal(body.status, 'timed_out');
  t.match(body.error.reason, /budget/);
  const missing = await fetch(`${svc.url}/api/logs/never-sent?org=default`, { headers: { authorization: `Bearer ${ADMIN}` } });
  t.equal(missing.status, 404);
});
