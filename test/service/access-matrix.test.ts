/**
 * The access matrix of packages/platform/src/access.ts, run cell by cell against the real
 * embedded service (chdb store, durable bus, analyzer pool): every /api route × every role ×
 * own org / another org (org keys, all of org-a) / a named org, no org, `*` (platform keys,
 * naming org-b). Two orgs hold the same ids with different content, so a read that lands in
 * the wrong org is seen; org-b sorts after org-a, so "the first org alphabetically" is wrong.
 *
 * Positive controls: own-org reads return the own org's content, named-org reads the named
 * org's; writes that are allowed are stored where they were meant to go. Negative cells: the
 * status the table promises, another org's subject answering exactly like a missing id, and
 * nothing of a refused write stored in either org. Side effects: an admin's mark-failed and
 * reanalyze of a shared id change only its own org's episode, and are audited with the key
 * and the org.
 */
import { createHash } from 'node:crypto';
import {
  ACCESS,
  expectedStatus,
  isPlatformRole,
  KEY_GRANTS,
  MATRIX_ROLES,
  type Role,
  type RouteAccess,
  type Target,
  targetsOf,
} from '@faultline/platform';
import t, { type Test } from 'tap';
import { apiCaller, until } from './harness.js';
import { startInProcess } from './in-process.js';

const BOOT = 'matrix-bootstrap-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-access-', {
  FAULTLINE_ADMIN_KEY: BOOT,
  FAULTLINE_WORKERS: '2',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});

// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
type Json = any;

const call = apiCaller(svc.url);

const A = 'org-a';
const B = 'org-b';

async function createKey(creator: string, body: Record<string, unknown>): Promise<{ key: string; key_id: string }> {
  const r = await call('POST', '/api/admin/keys', creator, body);
  if (r.status !== 201) throw new Error(`key ${JSON.stringify(body)}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The keys the matrix is run with: org roles of org-a, platform roles made by the bootstrap key. */
const keys = {} as Record<Role, string>;
const keyIds = {} as Record<Role, string>;
for (const role of MATRIX_ROLES) {
  if (role === 'bootstrap') {
    keys[role] = BOOT;
    keyIds[role] = 'bootstrap-admin';
    continue;
  }
  const made = await createKey(BOOT, isPlatformRole(role) ? { role } : { org_id: A, role });
  keys[role] = made.key;
  keyIds[role] = made.key_id;
}
const producerB = (await createKey(BOOT, { org_id: B, role: 'producer' })).key;
const adminB = await createKey(BOOT, { org_id: B, role: 'admin' });

// ───────────── fixtures: the same ids in both orgs, different content ─────────────

const trace = (id: string, org: string) => ({
  trace_id: id,
  timestamp: '2026-11-01T10:00:00Z',
  spans: [{ span_id: 's', name: 'tool.call', status: { code: 'ERROR', message: `connect ECONNREFUSED ${org}.internal:6379` } }],
});
const log = (id: string, org: string) => ({ log_id: id, error_message: `ModuleNotFoundError: No module named '${org}_lib'` });

async function seed(producer: string, org: string, extra: string[]) {
  for (const id of ['shared-ep', 'side-ep', ...extra.map((x) => `${x}-ep`)]) {
    const r = await call('POST', `/api/ingest/episode/${id}/finalize`, producer, {
      robot_id: `robot-${org}`,
      status: 'failed',
      started_at: '2026-11-01T10:00:00Z',
      duration_s: 5,
      metadata: { failure_reason: `gripper jammed in ${org}` },
      tags: { site: `site-${org}` },
    });
    if (r.status !== 202) throw new Error(`seed ${id}: ${JSON.stringify(r.body)}`);
  }
  await call('POST', '/api/ingest/episode/side-ok/finalize', producer, {
    robot_id: `robot-${org}`,
    status: 'succeeded',
    started_at: '2026-11-01T10:00:00Z',
    duration_s: 30,
  });
  await call('POST', '/api/ingest/traces', producer, [trace('shared-tr', org), ...extra.map((x) => trace(`${x}-tr`, org))]);
  await call('POST', '/api/ingest/logs', producer, [log('shared-log', org), ...extra.map((x) => log(`${x}-log`, org))]);
  // Eval runs for the deploy gate's reads (GET /api/verify/eval-runs/:id).
  const evals = ['shared', ...extra].map((x) => ({
    eval_run_id: `${x}-run`,
    candidate_episode_id: x === 'shared' ? 'side-ep' : `${x}-ep`,
    metrics: { success_delta: 0 },
  }));
  const r = await call('POST', '/api/ingest/eval-results', producer, evals);
  if (r.status !== 202) throw new Error(`seed eval results: ${JSON.stringify(r.body)}`);
  // org-b's side-ep fails a verification scenario, org-a's does not: the gate's verdicts differ
  // (side-ep, as the matrix's own ingest cells write results naming shared-ep).
  if (org === B) {
    const v = await call('POST', '/api/ingest/verification-results', producer, [
      { scenario_id: 'sc-b', candidate_episode_id: 'side-ep', status: 'fail' },
    ]);
    if (v.status !== 202) throw new Error(`seed verification results: ${JSON.stringify(v.body)}`);
  }
}
await seed(keys.producer, A, []);
await seed(producerB, B, ['only-b']);
for (const [org, key, ids] of [
  [A, keys.member, ['shared-ep', 'side-ep']],
  [B, adminB.key, ['shared-ep', 'side-ep', 'only-b-ep']],
] as const) {
  for (const id of ids)
    await until(`${org} ${id} analyzed`, 15_000, async () => (await call('GET', `/api/episodes/${id}`, key)).body?.analysis);
}
for (const [key, run, verdict] of [
  [keys.member, 'shared-run', 'pass'],
  [adminB.key, 'shared-run', 'fail'],
  [adminB.key, 'only-b-run', 'pass'],
] as const) {
  await until(`${run} judged ${verdict}`, 15_000, async () => {
    const r = await call('GET', `/api/verify/eval-runs/${run}`, key);
    return r.body?.verdict === verdict;
  });
}
for (const [key, ids] of [
  [keys.ml_engineer, ['shared-tr', 'shared-log']],
  [adminB.key, ['shared-tr', 'shared-log', 'only-b-tr', 'only-b-log']],
] as const) {
  for (const id of ids) {
    const path = id.endsWith('-tr') ? `/api/traces/${id}` : `/api/logs/${id}`;
    await until(`${id} analyzed`, 15_000, async () => (await call('GET', path, key)).body?.status === 'analyzed');
  }
}
const startRun = async (key: string) => {
  const r = await call('POST', '/api/runs', key, { kind: 'log', ids: ['shared-log'] });
  if (r.status !== 202) throw new Error(`run: ${JSON.stringify(r.body)}`);
  return r.body.run_id as string;
};
const runA = await startRun(keys.admin);
const runB = await startRun(adminB.key);

// ───────────── the matrix ─────────────

// Failure groups: org-a's and org-b's shared trace fail alike (one fingerprint in each org); org-b's
// episodes fail with a text of their own (a fingerprint only org-b has).
const fingerprintOf = async (org: string, kind: 'episode' | 'trace', id: string) => {
  const a = await svc.store.getAnalysis(org, kind, id);
  if (!a) throw new Error(`no analysis of ${org} ${kind} ${id}`);
  return a.analysis.fingerprint;
};
const sharedGroup = await fingerprintOf(A, 'trace', 'shared-tr');
if ((await fingerprintOf(B, 'trace', 'shared-tr')) !== sharedGroup) throw new Error('the shared trace is one group in both orgs');
const onlyBGroup = await fingerprintOf(B, 'episode', 'only-b-ep');
const GROUP_WINDOW = 'from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z';

/** The org a cell's positive control expects to see, and what names it. */
const expectedOrg = (target: Target) => (target === 'own' ? A : B);

/** Ids of writes per cell, to check afterwards where they were stored. */
const writes: { table: string; column: string; id: string; org: string | null }[] = [];

const SUBJECT_IDS: Record<string, { own: string; other: string; missing: string }> = {
  '/api/episodes/:id': { own: 'shared-ep', other: 'only-b-ep', missing: 'never-existed' },
  '/api/traces/:id': { own: 'shared-tr', other: 'only-b-tr', missing: 'never-existed' },
  '/api/logs/:id': { own: 'shared-log', other: 'only-b-log', missing: 'never-existed' },
  '/api/runs/:id': { own: runA, other: runB, missing: 'run-never-existed' },
  '/api/episodes/:id/reanalyze': { own: 'shared-ep', other: 'only-b-ep', missing: 'never-existed' },
  '/api/episodes/:id/mark-failed': { own: 'shared-ep', other: 'only-b-ep', missing: 'never-existed' },
  '/api/verify/episodes/:id': { own: 'side-ep', other: 'only-b-ep', missing: 'never-existed' },
  '/api/verify/eval-runs/:id': { own: 'shared-run', other: 'only-b-run', missing: 'run-never-existed' },
  '/api/groups/:id': { own: sharedGroup, other: onlyBGroup, missing: '0000000000000000' },
  '/api/groups/:id/status': { own: sharedGroup, other: onlyBGroup, missing: '0000000000000000' },
};

/** An OTLP JSON export of one trace whose LLM span failed (status ERROR): stored as a trace record. */
function otlpFailedTrace(traceId: string) {
  const at = BigInt(Date.parse('2026-12-01T00:00:00Z')) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc-m' } }] },
        scopeSpans: [
          {
            scope: { name: 'matrix' },
            spans: [
              {
                traceId,
                spanId: '0123456789abcdef',
                name: 'chat gpt-4o',
                kind: 3,
                startTimeUnixNano: String(at),
                endTimeUnixNano: String(at + 1_000_000_000n),
                status: { code: 2, message: 'RateLimitError: Error code: 429 - rate limit exceeded' },
              },
            ],
          },
        ],
      },
    ],
  };
}

/** The request of one cell. Org keys: no org named (own), or org-b named / org-b's id (other). Platform keys: org-b named, none, or `*`. */
function request(
  route: RouteAccess,
  role: Role,
  target: Target,
): { path: string; body?: unknown; store?: (typeof writes)[number] } {
  const tag = `${role}-${target}`.replaceAll('_', '-');
  const q =
    target === 'named' || (target === 'other' && route.org === 'listing') ? `?org=${B}` : target === 'every' ? '?org=*' : '';
  const recordOrg = target === 'other' ? { org_id: B } : {};
  const storedIn = target === 'own' ? A : target === 'named' ? B : null;
  if (route.org === 'subject') {
    const ids = SUBJECT_IDS[route.path];
    if (!ids) throw new Error(`no subject ids for ${route.path}`);
    // Platform keys name org-b and read the shared id (org-b's content); org keys reach for org-b's own id.
    const id = target === 'other' ? ids.other : target === 'named' && route.path === '/api/runs/:id' ? runB : ids.own;
    if (route.path === '/api/groups/:id')
      return { path: `${route.path.replace(':id', id)}?${GROUP_WINDOW}${q.replace('?', '&')}` };
    // A mark that changes nothing a reader sees (open: judged by its failures).
    if (route.path === '/api/groups/:id/status')
      return { path: `${route.path.replace(':id', id)}${q}`, body: { status: 'open' } };
    return { path: `${route.path.replace(':id', id)}${q}` };
  }
  switch (`${route.method} ${route.path}`) {
    case 'GET /api/trends':
      return { path: `/api/trends?by=robot&kind=episode&from=2026-01-01T00:00:00Z&interval=1w${q.replace('?', '&')}` };
    case 'GET /api/groups':
      return { path: `/api/groups?${GROUP_WINDOW}${q.replace('?', '&')}` };
    case 'GET /api/insights/dimensions':
      return { path: `/api/insights/dimensions?kind=episode&from=2026-01-01T00:00:00Z${q.replace('?', '&')}` };
    case 'GET /api/audit':
    case 'GET /api/runs':
    case 'GET /api/episodes':
    case 'GET /api/traces':
    case 'GET /api/logs':
      return { path: `${route.path}${q}` };
    case 'POST /api/ingest/episode':
      return {
        path: `${route.path}${q}`,
        body: { episode_id: `m-${tag}`, robot_id: 'r-m', ...recordOrg },
        store: { table: 'episodes', column: 'episode_id', id: `m-${tag}`, org: storedIn },
      };
    case 'POST /api/ingest/episode/:episode_id/finalize':
      return {
        path: `/api/ingest/episode/mf-${tag}/finalize${q}`,
        body: { robot_id: 'r-m', status: 'succeeded', ...recordOrg },
        store: { table: 'episodes', column: 'episode_id', id: `mf-${tag}`, org: storedIn },
      };
    case 'POST /api/ingest/traces':
      return {
        path: `${route.path}${q}`,
        body: [{ ...trace(`mt-${tag}`, 'm'), ...recordOrg }],
        store: { table: 'traces', column: 'trace_id', id: `mt-${tag}`, org: storedIn },
      };
    case 'POST /v1/traces': {
      // OTLP JSON has no org field: an org key reaching for another org names it with ?org=.
      const traceId = createHash('md5').update(`mo-${tag}`).digest('hex');
      return {
        path: `/v1/traces${target === 'other' ? `?org=${B}` : q}`,
        body: otlpFailedTrace(traceId),
        store: { table: 'traces', column: 'trace_id', id: traceId, org: storedIn },
      };
    }
    case 'POST /api/ingest/logs':
      return {
        path: `${route.path}${q}`,
        body: [{ ...log(`ml-${tag}`, 'm'), ...recordOrg }],
        store: { table: 'logs', column: 'log_id', id: `ml-${tag}`, org: storedIn },
      };
    case 'POST /api/ingest/eval-results':
      return {
        path: `${route.path}${q}`,
        body: [{ eval_run_id: `me-${tag}`, candidate_episode_id: 'shared-ep', metrics: { success_delta: -1 }, ...recordOrg }],
        store: { table: 'eval_results', column: 'eval_run_id', id: `me-${tag}`, org: storedIn },
      };
    case 'POST /api/ingest/verification-results':
      return {
        path: `${route.path}${q}`,
        body: [{ scenario_id: `mv-${tag}`, candidate_episode_id: 'shared-ep', status: 'fail', ...recordOrg }],
        store: { table: 'verification_results', column: 'scenario_id', id: `mv-${tag}`, org: storedIn },
      };
    case 'POST /api/runs':
      return {
        path: '/api/runs',
        body: { kind: 'log', ids: ['shared-log'], ...(target === 'named' ? { org_id: B } : recordOrg) },
      };
    case 'POST /api/session':
    case 'GET /api/session':
    case 'POST /api/session/end':
      return { path: route.path };
    case 'POST /api/admin/keys':
      return { path: '/api/admin/keys', body: { role: 'member', ...(target === 'named' ? { org_id: B } : recordOrg) } };
  }
  throw new Error(`no request for ${route.method} ${route.path}: add one to the matrix test`);
}

/** Every failure seeded in an org is tagged with its site: an insight's site values are that org's only. */
function checkInsightSites(t: Test, target: Target, body: Json, what: string) {
  const org = expectedOrg(target);
  const sites = new Set(body.values.filter((v: { key: string }) => v.key === 'site').map((v: { value: string }) => v.value));
  if (target === 'every') t.same([...sites].sort(), ['site-org-a', 'site-org-b'], `${what}: both orgs`);
  else t.same([...sites], [`site-${org}`], `${what}: ${org}'s runs only`);
}

/** The positive control of an allowed cell: the content is the expected org's, and only its. */
function checkContent(t: Test, route: RouteAccess, target: Target, body: Json, what: string) {
  const org = expectedOrg(target);
  switch (`${route.method} ${route.path}`) {
    case 'GET /api/episodes/:id':
      t.equal(body.episode.robot_id, `robot-${org}`, `${what}: ${org}'s episode`);
      t.equal(body.analysis?.org_id, org, `${what}: ${org}'s analysis`);
      return;
    case 'GET /api/traces/:id':
    case 'GET /api/logs/:id':
      t.equal(body.org_id, org, `${what}: ${org}'s analysis`);
      t.match(JSON.stringify(body), org, `${what}: the content names ${org}`);
      return;
    case 'GET /api/runs/:id':
      t.equal(body.org_id, org, `${what}: ${org}'s run`);
      return;
    case 'GET /api/verify/episodes/:id':
      // Only org-b's side-ep failed a verification scenario.
      t.equal(body.verdict, org === B ? 'fail' : 'pass', `${what}: ${org}'s candidate`);
      return;
    case 'GET /api/verify/eval-runs/:id':
      t.equal(body.verdict, org === B ? 'fail' : 'pass', `${what}: ${org}'s eval run`);
      t.same(
        body.candidates.map((c: { candidate_episode_id: string }) => c.candidate_episode_id),
        ['side-ep'],
        `${what}: its candidate`,
      );
      return;
    case 'GET /api/trends': {
      const robots = new Set(body.points.map((p: { key: string }) => p.key));
      if (target === 'every') t.same([...robots].sort(), ['robot-org-a', 'robot-org-b'], `${what}: both orgs`);
      else t.same([...robots], [`robot-${org}`], `${what}: ${org}'s robots only`);
      return;
    }
    case 'GET /api/groups': {
      // org-b's episodes fail with their own text: its group is listed in org-b only.
      t.same([...new Set(body.items.map((g: { org_id: string }) => g.org_id))], [org], `${what}: ${org}'s groups only`);
      const fps = body.items.map((g: { fingerprint: string }) => g.fingerprint);
      t.ok(fps.includes(sharedGroup), `${what}: the shared trace's group`);
      t.equal(fps.includes(onlyBGroup), org === B, `${what}: org-b's own group ${org === B ? 'listed' : 'not listed'}`);
      return;
    }
    case 'GET /api/groups/:id':
      t.equal(body.group.org_id, org, `${what}: ${org}'s group`);
      t.ok(
        body.members.length > 0 && body.members.every((m: { subject_kind: string }) => m.subject_kind === 'trace'),
        `${what}: its traces`,
      );
      return;
    case 'POST /api/groups/:id/status':
      t.equal(body.org_id, org, `${what}: ${org}'s group marked`);
      return;
    case 'GET /api/insights/dimensions':
      return checkInsightSites(t, target, body, what);
    case 'GET /api/audit':
    case 'GET /api/runs':
    case 'GET /api/episodes':
    case 'GET /api/traces':
    case 'GET /api/logs': {
      const list: { org_id: string }[] =
        route.path === '/api/audit' ? body.entries : route.path === '/api/runs' ? body.runs : body.items;
      t.ok(list.length > 0, `${what}: not empty`);
      const orgs = new Set(list.map((e) => e.org_id));
      if (target === 'every') t.ok(orgs.has(A) && orgs.has(B), `${what}: both orgs (${[...orgs]})`);
      else t.same([...orgs], [org], `${what}: ${org}'s entries only`);
      return;
    }
    case 'POST /api/session':
    case 'GET /api/session':
      // The session is the key's: its own org, or the platform scope ("*").
      t.equal(body.org_id, target === 'own' ? A : '*', `${what}: the key's org`);
      t.equal(typeof body.csrf_token, route.method === 'POST' ? 'string' : 'object', `${what}: csrf token only with a cookie`);
      return;
    case 'POST /api/session/end':
      t.equal(body.signed_out, true, `${what}: signed out`);
      return;
    case 'POST /api/admin/keys':
      t.equal(body.org_id, org, `${what}: a key of ${org}`);
      return;
    case 'POST /api/runs':
      t.equal(body.org_id, org, `${what}: a run of ${org}`);
      return;
  }
}

t.test('every route served under /api and /v1 is in the access table, and every entry is served', async (t) => {
  const doc = (await (await fetch(`${svc.url}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const served = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/') || path.startsWith('/v1/'))
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    .sort();
  t.same(served, ACCESS.map((r) => `${r.method} ${r.path}`).sort());
});

for (const route of ACCESS) {
  t.test(`${route.method} ${route.path}`, async (t) => {
    for (const role of MATRIX_ROLES) {
      for (const target of targetsOf(route, role)) {
        const what = `${role} → ${target === 'own' ? 'own org' : target === 'other' ? 'another org' : target === 'named' ? `?org=${B}` : target === 'every' ? '?org=*' : 'no org named'}`;
        const req = request(route, role, target);
        const res = await call(route.method, req.path, keys[role], req.body);
        const want = expectedStatus(route, role, target);
        t.equal(res.status, want, `${what}: ${want} (${JSON.stringify(res.body).slice(0, 200)})`);
        if (req.store && want === route.ok) writes.push(req.store);
        if (req.store && want !== route.ok && route.roles.includes(role)) writes.push({ ...req.store, org: null });
        if (res.status !== want) continue;
        if (!route.roles.includes(role)) t.match(res.body.message, /may not/, `${what}: the role may not`);
        else if (want === route.ok) checkContent(t, route, target, res.body, what);
        else if (want === 400 && target === 'unnamed')
          t.match(JSON.stringify(res.body), /names the org/, `${what}: says to name the org`);
        else if (target === 'other' && want === 404) {
          // Exactly like a missing id: same status, same body with the id swapped.
          const ids = SUBJECT_IDS[route.path] as { other: string; missing: string };
          const missing = await call(route.method, req.path.replace(ids.other, ids.missing), keys[role], req.body);
          t.equal(missing.status, 404, `${what}: a missing id is 404 too`);
          t.same(
            res.body,
            JSON.parse(JSON.stringify(missing.body).replaceAll(ids.missing, ids.other)),
            `${what}: same body as missing`,
          );
        } else if (target === 'other') {
          t.match(JSON.stringify(res.body), /acts only in org/, `${what}: says the key acts only in its org`);
        }
      }
    }
  });
}

t.test('writes land only in the org they were meant for; refused writes are stored nowhere', async (t) => {
  const where = async (w: (typeof writes)[number]) =>
    (
      await svc.store.rows<{ org_id: string }>(
        `SELECT DISTINCT org_id FROM faultline.${w.table} FINAL WHERE ${w.column} = {id:String}`,
        { id: w.id },
      )
    ).map((r) => r.org_id);
  const stored = writes.filter((w) => w.org !== null);
  const refused = writes.filter((w) => w.org === null);
  t.ok(stored.length >= 20 && refused.length >= 20, `${stored.length} allowed writes, ${refused.length} refused`);
  // Positive control first: every allowed write arrives, in its org.
  for (const w of stored) {
    await until(`${w.table} ${w.id} stored`, 15_000, async () => (await where(w)).length > 0);
    t.same(await where(w), [w.org], `${w.table} ${w.id}: stored in ${w.org} only`);
  }
  for (const w of refused) t.same(await where(w), [], `${w.table} ${w.id}: refused, stored in no org`);
});

t.test('who may create which key: org admins their own org, platform roles only from the bootstrap key', async (t) => {
  for (const [creator, grants] of Object.entries(KEY_GRANTS) as [Role, NonNullable<(typeof KEY_GRANTS)[Role]>][]) {
    const r = await call('POST', '/api/admin/keys', keys[creator], { role: 'platform_oncall' });
    t.equal(r.status, grants.platform, `${creator} creating a platform_oncall key: ${grants.platform}`);
    const withOrg = await call('POST', '/api/admin/keys', keys[creator], { org_id: A, role: 'platform_admin' });
    t.equal(withOrg.status, grants.platform === 201 ? 400 : 403, `${creator}: a platform key with an org is refused`);
  }
  // Positive control: the key a platform admin made for org-b acts in org-b, and not in org-a.
  const memberB = await call('POST', '/api/admin/keys', keys.platform_admin, { org_id: B, role: 'member' });
  t.equal(memberB.status, 201);
  const read = await call('GET', '/api/episodes/shared-ep', memberB.body.key);
  t.equal(read.body.episode.robot_id, 'robot-org-b');
  t.equal((await call('GET', `/api/episodes/shared-ep?org=${A}`, memberB.body.key)).status, 403);
  const audit = await call('GET', `/api/audit?org=${B}&action=api_key.created`, BOOT);
  const row = audit.body.entries.find((e: { subject_id: string }) => e.subject_id === memberB.body.key_id);
  t.equal(row?.actor, keyIds.platform_admin, 'audited with the acting key');
  t.equal(row?.org_id, B, 'and the org');
  t.equal((await call('POST', '/api/admin/keys', keys.admin, { role: 'bootstrap' })).status, 400, 'no bootstrap keys by API');
});

t.test("an admin's mark-failed and reanalyze of a shared id change only its own org's episode", async (t) => {
  const analysisOf = async (org: string, id: string) => (await svc.store.getAnalysis(org, 'episode', id))?.analysis.analyzed_at;
  const episodeOf = async (org: string, id: string) => (await svc.store.getEpisode(org, id))?.status;
  t.equal(await episodeOf(A, 'side-ok'), 'succeeded');
  t.equal(await episodeOf(B, 'side-ok'), 'succeeded');
  // org-b sorts second: a global lookup would pick org-a's episode.
  t.equal((await call('POST', '/api/episodes/side-ok/mark-failed', adminB.key)).status, 202);
  await until(
    "org-b's side-ok analyzed",
    15_000,
    async () => (await episodeOf(B, 'side-ok')) === 'failed' && (await analysisOf(B, 'side-ok')),
  );
  t.equal(await episodeOf(A, 'side-ok'), 'succeeded', "org-a's episode of the same id is untouched");
  t.equal(await analysisOf(A, 'side-ok'), undefined, 'and not analyzed');

  for (const [org, key, otherOrg] of [
    [B, adminB.key, A],
    [A, keys.admin, B],
  ] as const) {
    const before = { own: await analysisOf(org, 'side-ep'), other: await analysisOf(otherOrg, 'side-ep') };
    t.ok(before.own && before.other, 'both orgs have an analysis of side-ep');
    await new Promise((r) => setTimeout(r, 20));
    t.equal((await call('POST', '/api/episodes/side-ep/reanalyze', key)).status, 202);
    await until(`${org}'s side-ep re-analyzed`, 15_000, async () => (await analysisOf(org, 'side-ep')) !== before.own);
    await new Promise((r) => setTimeout(r, 500));
    t.equal(await analysisOf(otherOrg, 'side-ep'), before.other, `${otherOrg}'s analysis of the same id is untouched`);
  }
  const audit = await call('GET', `/api/audit?org=${B}&subject_id=side-ok`, BOOT);
  const marked = audit.body.entries.find((e: { action: string }) => e.action === 'episode.mark_failed');
  t.equal(marked?.actor, adminB.key_id, 'the audit row names the acting key');
  t.equal(marked?.org_id, B, 'and the org');
  const inA = await call('GET', `/api/audit?org=${A}&subject_id=side-ok&action=episode.`, BOOT);
  t.same(inA.body.entries, [], "nothing in org-a's audit log");
});
