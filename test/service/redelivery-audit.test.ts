/**
 * A batch the bus delivers again (after a `kill -9` between the store write and the commit)
 * adds no audit entry (issue 12, item 7): the same delivered batch goes twice through the real
 * pipeline and the real embedded ClickHouse, then the service is started on that data and the
 * audit log is read as a user reads it, through /api/audit. Positive control: a genuinely new
 * delivery of the same log (another offset: a re-send) is a second analysis and a second entry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyzerPool, Pipeline, toItems } from '@faultline/analyzer';
import type { Delivered } from '@faultline/bus';
import { type FaultlineRecord, toMessage } from '@faultline/core';
import { Store } from '@faultline/store';
import t from 'tap';
import { startService } from './harness.js';

const ADMIN = 'test-admin-key-redelivery-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'faultline-redelivery-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const delivered = (offset: number, record: Record<string, unknown>, merge = false): Delivered => ({
  ...toMessage({
    record: record as unknown as FaultlineRecord,
    org: 'acme',
    received_at: '2026-11-01T10:00:00.000Z',
    ...(merge ? { merge } : {}),
  }),
  partition: 0,
  offset,
  publishedAt: Date.parse('2026-11-01T10:00:00.000Z'),
});
const episode = {
  kind: 'episode',
  episode_id: 'ep-redelivered',
  robot_id: 'r-1',
  status: 'failed',
  metadata: { typed: [{ type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' }] },
};
const log = { kind: 'log', log_id: 'log-redelivered', error_message: 'torch.cuda.OutOfMemoryError: CUDA out of memory' };

t.test('the same batch processed twice is one audit entry per analysis; a new delivery is another', async (t) => {
  const store = await Store.open({ dataDir: dir });
  const pool = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
  const pipeline = new Pipeline({ store, pool, budgetMs: 10_000 });
  const batch = [delivered(41, episode, true), delivered(42, log)];
  for (const round of [1, 2]) {
    const results = await pipeline.processBatch(toItems(batch));
    t.same(
      results.map((r) => r.status),
      ['analyzed', 'analyzed'],
      `delivery ${round}: both analyzed and stored (the second is the redelivery)`,
    );
  }
  const again = await pipeline.processBatch(toItems([delivered(57, log)]));
  t.equal(again[0]?.status, 'analyzed', 'control: the log sent again (a new offset) is analyzed again');
  const raw = await store.rows<{ c: string }>(
    `SELECT count() AS c FROM faultline.audit_log WHERE subject_id = 'ep-redelivered' AND action = 'failure_analysis.completed'`,
  );
  t.comment(`audit_log rows written for the episode: ${raw[0]?.c} (the redelivery wrote its row again)`);
  await pool.close();
  await store.close();

  const svc = await startService('start', { FAULTLINE_DATA_DIR: dir, FAULTLINE_ADMIN_KEY: ADMIN });
  t.teardown(() => svc.stop());
  const audit = async (subject: string) => {
    // The admin key is the bootstrap (platform) key: it names the org (acme, the records' org).
    const r = await fetch(`${svc.url}/api/audit?org=acme&action=failure_analysis&subject_id=${subject}`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    t.equal(r.status, 200);
    return ((await r.json()) as { entries: { action: string }[] }).entries;
  };
  const ep = await audit('ep-redelivered');
  t.same(
    ep.map((e) => e.action),
    ['failure_analysis.completed'],
    'the episode: one failure_analysis.completed entry, not one per delivery',
  );
  t.equal((await audit('log-redelivered')).length, 2, 'control: the log sent twice has two entries (two analyses)');
});
