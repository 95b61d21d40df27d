/**
 * Accept only what can be read (issue 12, items 4 and 7), against the real embedded service
 * over HTTP: every input that was once acknowledged but then unreadable (long ids, non-finite
 * numbers, long titles, leap seconds, deep JSON, __proto__ keys, an over-limit body) is now
 * either refused at ingest with a reason that names the problem, or readable afterwards.
 * Each case sends an ordinary record next to the hostile one and reads it back (positive control).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ID_MAX_CHARS, MAX_DEPTH } from '@faultline/core';
import t from 'tap';
import { startService } from './harness.js';
import { startInProcess } from './in-process.js';

const ADMIN = 'test-admin-key-limits-0123456789';
const MAX_BODY = 64 * 1024;
const { svc } = await startInProcess(t, 'faultline-limits-', {
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_WORKERS: '1',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
  FAULTLINE_MAX_BODY_BYTES: String(MAX_BODY),
});

// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
type Res = { status: number; headers: Headers; body: any };
/** The admin key is the bootstrap (platform) key: every call names the org (`default` unless the path names one). */
async function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Res> {
  const named = /[?&]org=/.test(path) ? path : `${path}${path.includes('?') ? '&' : '?'}org=default`;
  const res = await fetch(`${svc.url}${named}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  try {
    return { status: res.status, headers: res.headers, body: JSON.parse(text) };
  } catch {
    return { status: res.status, headers: res.headers, body: text };
  }
}
const ndjson = (...lines: string[]) => `${lines.join('\n')}\n`;
const path = (kind: string, id: string) => `/api/${kind}/${encodeURIComponent(id)}`;

async function until<T>(what: string, ms: number, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** A log's pattern, once analyzed (the read a user makes). */
const analyzedLog = (id: string) =>
  until(`log ${id.slice(0, 40)} analyzed`, 15_000, async () => {
    const r = await call('GET', path('logs', id));
    return r.status === 200 && r.body.status === 'analyzed' ? r : null;
  });
const analyzedEpisode = (id: string) =>
  until(`episode ${id.slice(0, 40)} analyzed`, 15_000, async () => {
    const r = await call('GET', path('episodes', id));
    return r.status === 200 && r.body.analysis ? r : null;
  });
const log = (log_id: string, extra: Record<string, unknown> = {}) => ({
  log_id,
  error_message: 'torch.cuda.OutOfMemoryError: CUDA out of memory',
  ...extra,
});

t.test('ids up to the limit are readable, longer ones are refused naming the field', async (t) => {
  const ascii = `L${'x'.repeat(ID_MAX_CHARS - 1)}`;
  const emoji = '😀'.repeat(ID_MAX_CHARS); // 256 code points, 1,024 UTF-8 bytes, 3,072 characters encoded
  const slash = 'runs/2026/job 7?#%';
  const r = await call('POST', '/api/ingest/logs', [log(ascii), log(emoji), log(slash)]);
  t.equal(r.status, 202);
  t.equal(r.body.accepted, 3, JSON.stringify(r.body.results).slice(0, 300));
  for (const id of [ascii, emoji, slash]) {
    const read = await analyzedLog(id);
    t.equal(read.body.log_id, id, `the log ${id.slice(0, 12)}… (${id.length} UTF-16 units) is read back`);
  }

  // An episode with a long id: start, finalize through its path, read.
  const ep = `E${'e'.repeat(ID_MAX_CHARS - 1)}`;
  t.equal((await call('POST', '/api/ingest/episode', { episode_id: ep, robot_id: 'r-long' })).status, 202);
  const fin = await call('POST', `/api/ingest/episode/${encodeURIComponent(ep)}/finalize`, {
    status: 'failed',
    metadata: { failure_reason: 'gripper stalled' },
  });
  t.equal(fin.status, 202, JSON.stringify(fin.body));
  t.equal((await analyzedEpisode(ep)).body.episode.episode_id, ep, 'the long-id episode is readable');

  const tooLong = `${ascii}z`;
  const refused = await call('POST', '/api/ingest/logs', [log(tooLong), log('ordinary-next-to-long')]);
  t.equal(refused.status, 202);
  t.match(refused.body.results[0], { status: 'rejected', error: /log_id/ }, 'a 257-character id is refused naming log_id');
  t.equal(refused.body.results[1].status, 'accepted');
  t.equal((await call('GET', path('logs', tooLong))).status, 400, 'its read is a 400 too, not a 414');
  await analyzedLog('ordinary-next-to-long');

  const dots = await call('POST', '/api/ingest/logs', [log('..'), log('.')]);
  t.equal(dots.status, 400, 'ids "." and ".." cannot be named in a path, so they are refused');
  t.match(dots.body.results[0].error, /log_id: "\.\." cannot be named in a URL path/);
});

t.test('non-finite numbers (1e999) are refused naming the field; finite siblings are readable', async (t) => {
  const evalBody = '{"eval_run_id":"ev-inf","candidate_episode_id":"ep-inf","metrics":{"success_delta":1e999}}';
  const ev = await call('POST', '/api/ingest/eval-results', evalBody);
  t.equal(ev.status, 400);
  t.match(ev.body.results[0].error, /metrics\.success_delta: must be a finite number/);

  const trace = (id: string, start: string) =>
    `{"trace_id":"${id}","timestamp":"2026-11-01T10:00:00Z","spans":[{"span_id":"s1","name":"llm.chat","start_time":${start},"end_time":1,` +
    '"status":{"code":"ERROR","message":"RateLimitError: 429 Too Many Requests"}}]}';
  const r = await call(
    'POST',
    '/api/ingest/traces',
    ndjson(trace('tr-inf', '-1e999'), trace('tr-fin', '0')),
    'application/x-ndjson',
  );
  t.equal(r.status, 202);
  t.match(r.body.results[0], { status: 'rejected', error: /spans\.0\.start_time: must be a finite number/ });
  t.equal(r.body.results[1].status, 'accepted');
  const read = await until('tr-fin analyzed', 15_000, async () => {
    const x = await call('GET', '/api/traces/tr-fin');
    return x.status === 200 && x.body.status === 'analyzed' ? x : null;
  });
  t.equal(read.body.trace_id, 'tr-fin', 'the finite sibling is analyzed');
  t.equal((await call('GET', '/api/traces/tr-inf')).status, 404, 'the refused one was never stored');

  const fin = await call(
    'POST',
    '/api/ingest/episode/ep-inf/finalize',
    '{"robot_id":"r-1","status":"failed","duration_s":1e999}',
  );
  t.equal(fin.status, 400);
  t.match(fin.body.message, /duration_s/, 'a finalize with an infinite duration names duration_s');
  t.equal((await call('GET', '/api/audit?limit=5')).status, 200, 'control: a finite limit');
  const audit = await call('GET', '/api/audit?limit=1e999');
  t.equal(audit.status, 400, 'a query number that parses to Infinity is a 400, not a 500');
  t.match(audit.body.message, /^limit: must be a finite number/);
});

t.test('long adapter names and scenario ids shorten the title; the analysis is kept', async (t) => {
  const adapter = `adapter-${'a'.repeat(2000)}`;
  const scenarios = ['1', '2', '3'].map((n) => `scenario-${n}-${'s'.repeat(240)}`);
  const ver = await call(
    'POST',
    '/api/ingest/verification-results',
    scenarios.map((scenario_id) => ({ scenario_id, candidate_episode_id: 'ep-title', status: 'fail' })),
  );
  t.equal(ver.body.accepted, 3);
  t.equal((await call('POST', '/api/ingest/episode', { episode_id: 'ep-control', robot_id: 'r-t' })).status, 202);
  t.equal((await call('POST', '/api/ingest/episode', { episode_id: 'ep-title', robot_id: 'r-t' })).status, 202);
  await call('POST', '/api/ingest/episode/ep-control/finalize', { status: 'failed', metadata: { failure_reason: 'arm fault' } });
  const fin = await call('POST', '/api/ingest/episode/ep-title/finalize', {
    status: 'failed',
    metadata: { adapter_upload_error: { adapter, message: 'PUT 503' } },
  });
  t.equal(fin.status, 202);
  t.ok((await analyzedEpisode('ep-control')).body.analysis.findings.length, 'control: an ordinary failed episode is analyzed');
  const read = await analyzedEpisode('ep-title');
  const findings = read.body.analysis.findings as { code: string; title: string }[];
  const codes = findings.map((f) => f.code);
  t.ok(codes.includes('adapter_upload_error'), `the adapter finding is kept (${codes})`);
  t.ok(codes.includes('verification_failed'), 'the verification finding is kept');
  for (const f of findings) t.ok([...f.title].length <= 300, `${f.code}: title of ${f.title.length} characters`);
});

t.test('leap seconds are refused with a clear 400, in records and in trend queries', async (t) => {
  const leap = '2016-12-31T23:59:60Z';
  const r = await call('POST', '/api/ingest/logs', [
    log('log-leap', { timestamp: leap }),
    log('log-no-leap', { timestamp: '2016-12-31T23:59:59.999Z' }),
  ]);
  t.equal(r.status, 202);
  t.match(r.body.results[0], { status: 'rejected', error: /timestamp: a leap second/ });
  t.equal(r.body.results[1].status, 'accepted');
  await analyzedLog('log-no-leap');
  const tr = await call('POST', '/api/ingest/traces', { trace_id: 'tr-leap', timestamp: leap });
  t.equal(tr.status, 400);
  t.match(tr.body.results[0].error, /timestamp: a leap second/);

  const ok = await call('GET', '/api/trends?from=2016-12-31T00:00:00Z&to=2017-01-02T00:00:00Z&interval=1d');
  t.equal(ok.status, 200, 'control: an ordinary window answers');
  t.ok(ok.body.points.length >= 1, 'control: the stored log is counted');
  const bad = await call('GET', `/api/trends?from=2016-12-31T00:00:00Z&to=${leap}`);
  t.equal(bad.status, 400, `a leap-second bound is a 400, not a 500 (${JSON.stringify(bad.body)})`);
  t.match(bad.body.message, /^to: must be an RFC 3339 date-time the store holds .*no leap second/);
});

t.test('deep JSON: a clear 400 naming the depth limit; in NDJSON only that line is refused', async (t) => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const deepLog = `{"log_id":"log-deep","error_message":"x","code_snippet":null,"extra":${deep(10_000)}}`;
  const r = await call(
    'POST',
    '/api/ingest/logs',
    ndjson(deepLog, JSON.stringify(log('log-deep-sibling'))),
    'application/x-ndjson',
  );
  t.equal(r.status, 202, JSON.stringify(r.body).slice(0, 300));
  t.match(r.body.results[0], { status: 'rejected', error: new RegExp(`nested deeper than ${MAX_DEPTH} levels`) });
  t.equal(r.body.results[1].status, 'accepted');
  await analyzedLog('log-deep-sibling');

  const json = await call('POST', '/api/ingest/logs', deepLog);
  t.equal(json.status, 400, 'a deep JSON body is a 400, not a 413');
  t.match(json.body.results[0].error, /nested deeper than/);
  const shallow = `{"log_id":"log-depth-ok","error_message":"x","extra":${deep(MAX_DEPTH - 2)}}`;
  t.equal((await call('POST', '/api/ingest/logs', shallow)).status, 202, 'nesting at the limit is accepted');
});

t.test('__proto__ keys: refused with a clear message, siblings accepted, nothing polluted', async (t) => {
  const body = ndjson(
    '{"log_id":"log-proto","error_message":"x","__proto__":{"polluted":"yes"}}',
    '{"log_id":"log-ctor","error_message":"x","constructor":{"prototype":{"polluted":"yes"}}}',
    JSON.stringify(log('log-proto-sibling')),
  );
  const r = await call('POST', '/api/ingest/logs', body, 'application/x-ndjson');
  t.equal(r.status, 202);
  t.match(r.body.results[0], { status: 'rejected', error: /__proto__: a key named __proto__ is not accepted/ });
  t.match(r.body.results[1], { status: 'rejected', error: /constructor\.prototype/ });
  const json = await call('POST', '/api/ingest/logs', '[{"log_id":"log-proto-2","error_message":"x","__proto__":{"x":1}}]');
  t.equal(json.status, 400);
  t.match(
    json.body.results[0].error,
    /__proto__/,
    `a JSON body gets the same reason (${JSON.stringify(json.body).slice(0, 200)})`,
  );
  const ep = await call(
    'POST',
    '/api/ingest/episode',
    '{"episode_id":"ep-proto","robot_id":"r","metadata":{"__proto__":{"polluted":"yes"}}}',
  );
  t.equal(ep.status, 400);
  t.match(ep.body.message, /metadata\.__proto__/);
  await analyzedLog('log-proto-sibling');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
});

/** A raw client that writes its whole body first, then reads the answer. */
function writeFirst(
  base: string,
  bytes: number,
  chunked: boolean,
): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(new URL('/api/ingest/logs?org=default', base), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN}`,
        'content-type': 'application/x-ndjson',
        ...(chunked ? {} : { 'content-length': String(bytes) }),
      },
    });
    let response: { status: number; body: string } | undefined;
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => {
        response = { status: res.statusCode ?? 0, body };
      });
    });
    const line = `${JSON.stringify(log('big', { logs: 'y'.repeat(1000) }))}\n`;
    const chunk = line.repeat(64);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const piece = chunk.slice(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.on('error', (err) => resolve({ error: `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` }));
    req.on('close', () => {
      setTimeout(() => resolve(response ?? { error: 'closed without a response' }), 50);
    });
    pump();
  });
}

t.test('an over-limit body: a client that writes everything first still gets the 413', async (t) => {
  // Its own process, as a user runs it (a client in the server's process is not one a user has).
  const other = mkdtempSync(join(tmpdir(), 'faultline-limits-413-'));
  const child = await startService('start', {
    FAULTLINE_DATA_DIR: other,
    FAULTLINE_ADMIN_KEY: ADMIN,
    FAULTLINE_WORKERS: '1',
    FAULTLINE_MAX_BODY_BYTES: String(MAX_BODY),
  });
  t.teardown(async () => {
    await child.stop();
    rmSync(other, { recursive: true, force: true });
  });
  for (const chunked of [false, true]) {
    const r = await writeFirst(child.url, 8 * 1024 * 1024, chunked);
    t.same('status' in r ? r.status : r.error, 413, `${chunked ? 'chunked' : 'content-length'}: the 413 is read, no broken pipe`);
    if ('body' in r) t.match(r.body, /too large/i);
  }
  const ok = await writeFirst(child.url, MAX_BODY / 2, false);
  t.same('status' in ok ? ok.status : ok.error, 202, 'control: a body under the limit is accepted the same way');
});

t.test('/metrics, open by default, names no org; with FAULTLINE_METRICS_TOKEN it needs the token', async (t) => {
  const org = 'acme-secret-customer';
  const r = await call('POST', `/api/ingest/logs?org=${org}`, [{ ...log('log-metrics-org'), org_id: org }]);
  t.equal(r.status, 202);
  const text = await until('the finding counted', 15_000, async () => {
    const m = await (await fetch(`${svc.url}/metrics`)).text();
    return /^faultline_findings_total\{org="-"/m.test(m) ? m : null;
  });
  t.ok(text.includes('faultline_findings_total{'), 'control: findings are counted on the open /metrics');
  t.notOk(text.includes(org), 'the org name is not on the open /metrics');

  const other = mkdtempSync(join(tmpdir(), 'faultline-limits-metrics-'));
  const token = 'metrics-token-0123456789abcdef';
  const child = await startService('start', {
    FAULTLINE_DATA_DIR: other,
    FAULTLINE_ADMIN_KEY: ADMIN,
    FAULTLINE_METRICS_TOKEN: token,
  });
  t.teardown(async () => {
    await child.stop();
    rmSync(other, { recursive: true, force: true });
  });
  const open = await fetch(`${child.url}/metrics`);
  t.equal(open.status, 401, 'without the token: 401');
  t.equal((await fetch(`${child.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 401);
  const ok = await fetch(`${child.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  t.equal(ok.status, 200, 'with it: 200');
  t.match(await ok.text(), /^faultline_build_info/m);
});
