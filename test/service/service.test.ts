/**
 * The embedded service over HTTP, against its real chdb store, its durable bus and its
 * piscina pool: what a producer, a member, an ML engineer and an admin would notice.
 */
import { ANALYZER_VERSION } from '@faultline/core';
import t from 'tap';
import { keyMaker } from './harness.js';
import { startInProcess } from './in-process.js';

const ADMIN = 'test-admin-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-service-', {
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_WORKERS: '2',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});

async function call(method: string, path: string, key: string | null, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}

/** Polls until `check` returns a truthy value, or fails after `ms`. */
async function until<T>(what: string, ms: number, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const key = keyMaker(svc.url, ADMIN);

const producerA = await key('org-a', 'producer');
const memberA = await key('org-a', 'member');
const memberB = await key('org-b', 'member');
const engineerA = await key('org-a', 'ml_engineer');
const producerB = await key('org-b', 'producer');

t.test('access control: 401 without or with a wrong key, 403 for a role without the right', async (t) => {
  t.equal((await call('GET', '/api/episodes/x', null)).status, 401);
  t.equal((await call('GET', '/api/episodes/x', 'fl_wrong')).status, 401);
  t.equal((await call('POST', '/api/ingest/logs', memberA, [])).status, 403, 'a member may not ingest');
  t.equal((await call('GET', '/api/episodes/x', producerA)).status, 403, 'a producer may not read');
  t.equal((await call('GET', '/api/traces/x', memberA)).status, 403, 'trace patterns are for ML engineers and on-call');
  t.equal((await call('POST', '/api/admin/keys', memberA, { org_id: 'org-a', role: 'admin' })).status, 403);
  const bad = await call('POST', '/api/admin/keys', ADMIN, { org_id: 'org-a', role: 'wizard' });
  t.equal(bad.status, 400);
  t.match(bad.body.message, /role/);
});

t.test('a failed episode: findings readable after finalize; a second finalize leaves one analysis', async (t) => {
  const start = await call('POST', '/api/ingest/episode', producerA, {
    episode_id: 'ep-a1',
    robot_id: 'r-1',
    started_at: '2026-11-01T10:00:00Z',
    metadata: { typed: [{ type: 'Battery', percent: 11 }] },
  });
  t.equal(start.status, 202);
  const finalizedAt = Date.now();
  const fin = await call('POST', '/api/ingest/episode/ep-a1/finalize', producerA, {
    status: 'failed',
    duration_s: 12,
    metadata: { typed: [{ type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' }] },
  });
  t.equal(fin.status, 202);
  const read = await until('findings of ep-a1', 30_000, async () => {
    const r = await call('GET', '/api/episodes/ep-a1', memberA);
    return r.status === 200 && r.body.analysis ? r.body : null;
  });
  // How soon is a benchmark's claim (load-tests/http-ingest.js: finalize -> readable p50/p95/p99
  // beside a bare route, measured quiet); here it is only reported: on a loaded 2-core machine a
  // wall-clock bound fails for reasons that are not the product's.
  t.comment(`readable ${Date.now() - finalizedAt} ms after finalize`);
  t.same(
    read.analysis.findings.map((f: { code: string }) => f.code),
    ['explicit_outcome', 'battery_low'],
    'start metadata and finalize metadata are merged; ranked high before medium',
  );
  t.equal(read.analysis.stale, false);
  t.match(read.analysis.fingerprint, /^[0-9a-f]{16}$/);
  t.equal(read.episode.status, 'failed');

  await call('POST', '/api/ingest/episode/ep-a1/finalize', producerA, { status: 'failed', duration_s: 12 });
  await until('second analysis', 30_000, async () => {
    const audit = await call('GET', '/api/audit?org=org-a&subject_id=ep-a1&action=failure_analysis', ADMIN);
    return audit.body.entries.length >= 2 ? audit : null;
  });
  const rows = await svc.store.rows<{ c: string }>(`SELECT count() c FROM faultline.analyses FINAL WHERE subject_id = 'ep-a1'`);
  t.equal(Number(rows[0]?.c), 1, 'exactly one analysis per episode');
  const audit = await call('GET', '/api/audit?org=org-a&subject_id=ep-a1', ADMIN);
  const completed = audit.body.entries.find((e: { action: string }) => e.action === 'failure_analysis.completed');
  t.same(completed.metadata.finding_codes, ['explicit_outcome', 'battery_low']);
  t.equal(completed.metadata.analyzer_version, ANALYZER_VERSION);

  // Ingest keeps no robot ids (issue 14): a finalize without robot_id whose start this replica cannot
  // find is accepted as pending; the analyzer joins it to its start, or dead-letters it (step
  // `resolve`, reason naming robot_id) when no start comes (services/analyzer/test/pending.test.ts).
  const unknown = await call('POST', '/api/ingest/episode/nope/finalize', producerA, { status: 'failed' });
  t.equal(unknown.status, 202);
  t.equal(unknown.body.ref, 'nope');
  const invalid = await call('POST', '/api/ingest/episode/ep-a1/finalize', producerA, { status: 'exploded' });
  t.equal(invalid.status, 400);
  t.match(invalid.body.message, /status/);
});

t.test('org isolation: each org reads and counts its own data only; the platform key sees both when it names them', async (t) => {
  // The full route × role × org matrix is test/service/access-matrix.test.ts; this is the story of two orgs.
  await call('POST', '/api/ingest/episode/ep-b1/finalize', producerB, { robot_id: 'rb', status: 'failed', duration_s: 3 });
  const ownB = await until('ep-b1 analyzed', 15_000, async () => {
    const r = await call('GET', '/api/episodes/ep-b1', memberB);
    return r.body?.analysis ? r.body : null;
  });
  t.equal(ownB.episode.robot_id, 'rb', 'positive control: org B reads its own episode');
  t.equal(ownB.analysis.org_id, 'org-b');
  const ownA = await call('GET', '/api/episodes/ep-a1', memberA);
  t.equal(ownA.status, 200, 'positive control: org A reads ep-a1');
  const cross = await call('GET', '/api/episodes/ep-a1', memberB);
  t.equal(cross.status, 404, 'another org answers 404 like a missing subject');
  const missing = await call('GET', '/api/episodes/never-existed', memberB);
  t.equal(missing.status, 404);
  t.same(cross.body, { ...missing.body, message: missing.body.message.replace('never-existed', 'ep-a1') });
  t.equal((await call('GET', '/api/episodes/ep-b1', memberA)).status, 404, 'and the other way round');

  const from = '2026-10-01T00:00:00Z';
  const categories = async (key: string, org = '') => {
    const r = await call('GET', `/api/trends?by=category&from=${from}&interval=1w${org ? `&org=${org}` : ''}`, key);
    t.equal(r.status, 200);
    return new Set(r.body.points.map((p: { key: string }) => p.key));
  };
  const a = await categories(memberA);
  const b = await categories(memberB);
  t.ok(a.has('policy_failure'), "positive control: org A's trends count its policy_failure");
  t.ok(b.has('unknown'), "positive control: org B's trends count its own failure");
  t.notOk(b.has('policy_failure'), "org A's policy_failure is not counted for org B");
  t.notOk(a.has('unknown'), "org B's failure is not counted for org A");
  const widened = await call('GET', `/api/trends?by=category&from=${from}&interval=1w&org=org-b`, memberA);
  t.equal(widened.status, 403, "a member's org filter cannot widen its scope");
  t.match(widened.body.message, /acts only in org "org-a"/);
  const every = await categories(ADMIN, '*');
  t.ok(every.has('policy_failure') && every.has('unknown'), 'the platform key sees every org with ?org=*');
  t.same(await categories(ADMIN, 'org-b'), b, 'and one org when it names it');
  const unnamed = await call('GET', `/api/trends?by=category&from=${from}&interval=1w`, ADMIN);
  t.equal(unnamed.status, 400, 'a platform key that names no org is refused, never "every org" implicitly');
  t.match(unnamed.body.message, /names the org/);
});

t.test('a batch with malformed items stores the valid ones and reports the rest; NDJSON too', async (t) => {
  const r = await call('POST', '/api/ingest/logs', producerA, [
    { log_id: 'log-1', error_message: "ModuleNotFoundError: No module named 'torchvision'" },
    { log_id: 'log-2' },
    'not an object',
    { log_id: 'log-3', error_message: '', logs: 'step 1\nstep 2\nKilled\nProcess exited with code 137 (OOMKilled)' },
    { kind: 'trace', trace_id: 'x' },
  ]);
  t.equal(r.status, 202);
  t.equal(r.body.accepted, 2);
  t.same(
    r.body.results.map((x: { status: string }) => x.status),
    ['accepted', 'rejected', 'rejected', 'accepted', 'rejected'],
  );
  t.match(r.body.results[1].error, /error_message, logs/);
  t.match(r.body.results[4].error, /kind/);
  const nd = await call(
    'POST',
    '/api/ingest/traces',
    producerA,
    `${JSON.stringify({
      trace_id: 'tr-1',
      timestamp: '2026-11-01T10:00:00Z',
      spans: [
        {
          span_id: 's',
          name: 'llm.chat',
          status: { code: 'ERROR' },
          events: [
            {
              name: 'exception',
              attributes: { 'exception.type': 'openai.RateLimitError', 'exception.message': 'Rate limit reached for gpt-4o' },
            },
          ],
        },
      ],
    })}\n{"trace_id": \n{"timestamp":"2026-11-01T10:00:00Z"}\n`,
    'application/x-ndjson',
  );
  t.equal(nd.status, 202);
  t.same(
    nd.body.results.map((x: { status: string }) => x.status),
    ['accepted', 'rejected', 'rejected'],
  );
  const none = await call('POST', '/api/ingest/logs', producerA, [{ log_id: 'z' }]);
  t.equal(none.status, 400, 'nothing valid: 400 with per-item reasons');

  const trace = await until('tr-1 pattern', 30_000, async () => {
    const x = await call('GET', '/api/traces/tr-1', engineerA);
    return x.status === 200 ? x.body : null;
  });
  t.equal(trace.pattern.category, 'rate_limit');
  const log3 = await until('log-3 analysis', 30_000, async () => {
    const x = await call('GET', '/api/logs/log-3', engineerA);
    return x.status === 200 ? x.body : null;
  });
  t.equal(log3.pattern.category, 'resource_error');
  t.equal((await call('GET', '/api/logs/log-2', engineerA)).status, 404, 'nothing invalid is stored');
});

t.test('a manual batch run re-analyzes stored traces and logs and its summary counts what happened', async (t) => {
  await until('logs stored', 30_000, async () => (await call('GET', '/api/logs/log-1', engineerA)).status === 200);
  const started = await call('POST', '/api/runs', ADMIN, { org_id: 'org-a', ids: ['tr-1', 'log-1', 'log-3', 'missing'] });
  t.equal(started.body.org_id, 'org-a');
  t.equal(started.status, 202);
  const run = await until('run completed', 30_000, async () => {
    const r = await call('GET', `/api/runs/${started.body.run_id}`, engineerA);
    if (r.body.status === 'failed') throw new Error(`run failed: ${JSON.stringify(r.body)}`);
    return r.body.status === 'completed' ? r.body : null;
  });
  t.equal(run.summary.total_received, 3);
  t.equal(run.summary.stored_patterns, 3);
  t.equal(run.summary.validation_failures, 0);
  t.equal(run.summary.processing_errors, 0);

  const upload = await call(
    'POST',
    '/api/runs?org=org-a',
    ADMIN,
    `{"kind":"log","log_id":"up-1","error_message":"ECONNREFUSED 127.0.0.1:5432"}\nnot json\n{"kind":"trace","trace_id":"up-t"}\n`,
    'application/x-ndjson',
  );
  t.equal(upload.status, 202);
  const done = await until('upload run completed', 30_000, async () => {
    const r = await call('GET', `/api/runs/${upload.body.run_id}?org=org-a`, ADMIN);
    return r.body.status === 'completed' ? r.body : null;
  });
  t.equal(done.summary.total_received, 3);
  t.equal(done.summary.stored_patterns, 1);
  t.equal(done.summary.validation_failures, 2);
  t.same(
    done.summary.failures.map((f: { status: string }) => f.status),
    ['rejected', 'rejected'],
  );
  const list = await call('GET', '/api/runs', engineerA);
  t.ok(list.body.runs.length >= 1);
  t.equal((await call('GET', '/api/runs', memberA)).status, 403, 'run summaries are for ML engineers and on-call');
});

t.test('admin actions: mark-failed and reanalyze run the analyzer and are audited', async (t) => {
  await call('POST', '/api/ingest/episode/ep-ok/finalize', producerA, { robot_id: 'r-9', status: 'succeeded', duration_s: 50 });
  await until('ep-ok stored', 30_000, async () => (await call('GET', '/api/episodes/ep-ok', memberA)).status === 200);
  t.equal(
    (await call('POST', '/api/episodes/ep-ok/reanalyze?org=org-a', ADMIN)).status,
    409,
    'a succeeded episode is not analyzed',
  );
  t.equal((await call('POST', '/api/episodes/ep-ok/mark-failed', memberA)).status, 403);
  t.equal((await call('POST', '/api/episodes/ep-ok/mark-failed?org=org-a', ADMIN)).status, 202);
  const read = await until(
    'ep-ok analyzed',
    30_000,
    async () => (await call('GET', '/api/episodes/ep-ok', memberA)).body?.analysis,
  );
  t.equal(read.findings[0].code, 'status_failed_no_reason');
  t.equal((await call('POST', '/api/episodes/ep-ok/reanalyze?org=org-a', ADMIN)).status, 202);
  const audit = await call('GET', '/api/audit?org=org-a&subject_id=ep-ok', ADMIN);
  const actions = audit.body.entries.map((e: { action: string }) => e.action);
  t.ok(actions.includes('episode.mark_failed') && actions.includes('episode.reanalyze'));
  for (const e of audit.body.entries.filter((x: { action: string }) => x.action.startsWith('episode.'))) {
    t.equal(e.actor, 'bootstrap-admin', `${e.action}: the acting key`);
    t.equal(e.org_id, 'org-a', `${e.action}: the org`);
  }
});

t.test('a stale analysis is flagged and a scheduled run clears it', async (t) => {
  const current = (await svc.store.getAnalysis('org-a', 'log', 'log-1'))!;
  await svc.store.writeAnalyses([
    { analysis: { ...current.analysis, analyzer_version: '0.9.0' }, occurredAt: current.occurredAt },
  ]);
  const stale = await call('GET', '/api/logs/log-1', engineerA);
  t.equal(stale.body.stale, true);
  t.equal(stale.body.analyzer_version, '0.9.0');
  // What the cron job calls (the schedule itself is tested by its configuration).
  const run = await call('POST', '/api/runs', ADMIN, { scheduled: true, org_id: '*' });
  t.equal(run.status, 202);
  const fresh = await until('log-1 re-analyzed', 30_000, async () => {
    const x = await call('GET', '/api/logs/log-1', engineerA);
    return x.body.stale === false ? x.body : null;
  });
  t.equal(fresh.analyzer_version, ANALYZER_VERSION);
});

t.test('health, readiness, metrics and the OpenAPI document', async (t) => {
  t.equal((await call('GET', '/healthz', null)).status, 200);
  const ready = await call('GET', '/readyz', null);
  t.equal(ready.status, 200);
  t.equal(ready.body.store, 'reachable');
  const metrics = await call('GET', '/metrics', null);
  for (const name of [
    'faultline_records_ingested_total',
    'faultline_records_rejected_total',
    'faultline_bus_depth',
    'faultline_analysis_duration_seconds_bucket',
    'faultline_findings_total',
    'faultline_pool_utilization',
    'faultline_store_insert_seconds_bucket',
    'faultline_process_cpu_seconds_total',
  ]) {
    t.match(metrics.body, new RegExp(`^${name}`, 'm'), name);
  }
  t.match(metrics.body, /faultline_records_rejected_total\{kind="log",reason="error_message"\}/);
  const doc = await call('GET', '/docs/json', null);
  t.equal(doc.status, 200);
  t.ok(doc.body.paths['/api/ingest/episode/{episode_id}/finalize'], 'the finalize route is documented');
});
