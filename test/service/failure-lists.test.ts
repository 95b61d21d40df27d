/**
 * The failures lists (GET /api/episodes, /api/traces, /api/logs) against the real embedded
 * service: newest first, every failed subject exactly once across cursor pages, filters that
 * keep what they name and drop the rest, "seen N times" from the fingerprint, a re-analysis that
 * does not duplicate a row, and hostile parameters (bad cursors, another org's cursor, huge
 * limits, unknown filter values) refused with a 400 that names the parameter.
 */
import t from 'tap';
import { apiCaller, keyMaker, until } from './harness.js';
import { startInProcess } from './in-process.js';

const BOOT = 'lists-bootstrap-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-lists-', {
  FAULTLINE_ADMIN_KEY: BOOT,
  FAULTLINE_WORKERS: '2',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
});
const call = apiCaller(svc.url);
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
type Json = any;

const key = keyMaker(svc.url, BOOT);
const [producerA, adminA, memberA, producerB, adminB] = [
  await key('org-a', 'producer'),
  await key('org-a', 'admin'),
  await key('org-a', 'member'),
  await key('org-b', 'producer'),
  await key('org-b', 'admin'),
];

/** org-a: 7 failed episodes an hour apart (3 jammed grippers: one fingerprint; 2 low batteries; 2 truncated), 1 success. */
const at = (h: number) => new Date(Date.UTC(2026, 10, 20, h, 0, 0)).toISOString();
const failed: { id: string; robot: string; metadata: Record<string, unknown> }[] = [
  { id: 'ep-1', robot: 'r1', metadata: { failure_reason: 'RuntimeError: gripper jammed' } },
  { id: 'ep-2', robot: 'r2', metadata: { typed: [{ type: 'Battery', percent: 5 }] } },
  { id: 'ep-3', robot: 'r1', metadata: { failure_reason: 'RuntimeError: gripper jammed' } },
  { id: 'ep-4', robot: 'r3', metadata: { terminated: false, truncated: true } },
  { id: 'ep-5', robot: 'r2', metadata: { typed: [{ type: 'Battery', percent: 9 }] } },
  { id: 'ep-6', robot: 'r1', metadata: { failure_reason: 'RuntimeError: gripper jammed' } },
  { id: 'ep-7', robot: 'r3', metadata: { terminated: false, truncated: true } },
];
for (const [i, e] of failed.entries()) {
  const r = await call('POST', `/api/ingest/episode/${e.id}/finalize`, producerA, {
    robot_id: e.robot,
    status: 'failed',
    started_at: at(i),
    duration_s: 5,
    metadata: e.metadata,
  });
  if (r.status !== 202) throw new Error(`seed ${e.id}: ${JSON.stringify(r.body)}`);
}
await call('POST', '/api/ingest/episode/ep-ok/finalize', producerA, {
  robot_id: 'r1',
  status: 'succeeded',
  started_at: at(3),
  duration_s: 30,
});
// org-b: the same id ep-1 and one of its own, both later than every org-a episode.
for (const id of ['ep-1', 'only-b']) {
  await call('POST', `/api/ingest/episode/${id}/finalize`, producerB, {
    robot_id: 'rb',
    status: 'failed',
    started_at: at(12),
    metadata: { failure_reason: 'ValueError: b' },
  });
}
await call('POST', '/api/ingest/logs', producerA, [
  { log_id: 'log-1', timestamp: at(1), error_message: "ModuleNotFoundError: No module named 'torchvision'" },
  { log_id: 'log-2', timestamp: at(2), error_message: 'SyntaxError: invalid syntax (model.py, line 4)' },
]);

const list = (path: string, k = memberA) => call('GET', path, k);
await until('org-a episodes listed', 20_000, async () => (await list('/api/episodes?limit=200')).body?.items?.length === 7);
await until('org-b episodes listed', 20_000, async () => (await list('/api/episodes', adminB)).body?.items?.length === 2);
await until('logs listed', 20_000, async () => (await list('/api/logs', adminA)).body?.items?.length === 2);

t.test('newest first; every failed episode once across pages; successes and other orgs never', async (t) => {
  const all = (await list('/api/episodes')).body;
  t.same(
    all.items.map((r: Json) => r.id),
    ['ep-7', 'ep-6', 'ep-5', 'ep-4', 'ep-3', 'ep-2', 'ep-1'],
    'newest first',
  );
  t.equal(all.next_cursor, null, 'one page holds them all: no next cursor');
  t.ok(
    all.items.every((r: Json) => r.org_id === 'org-a' && r.robot_id !== 'rb'),
    "org-a's rows only, although org-b holds ep-1 too",
  );
  const row = all.items.find((r: Json) => r.id === 'ep-2');
  t.match(row, { category: String, severity: String, title: String, robot_id: 'r2', occurred_at: at(1), stale: false });
  t.ok(row.title.length > 0, 'the top finding has a title');

  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r: Json = await list(`/api/episodes?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    t.equal(r.status, 200);
    t.ok(r.body.items.length <= 3, 'at most limit rows');
    seen.push(...r.body.items.map((x: Json) => x.id));
    cursor = r.body.next_cursor;
    pages++;
  } while (cursor && pages < 10);
  t.same(seen, ['ep-7', 'ep-6', 'ep-5', 'ep-4', 'ep-3', 'ep-2', 'ep-1'], 'pages of 3: each row once, in order');
  t.equal(pages, 3);
});

t.test('"seen N times" is the fingerprint count', async (t) => {
  const items = (await list('/api/episodes')).body.items as Json[];
  const jammed = items.filter((r) => ['ep-1', 'ep-3', 'ep-6'].includes(r.id));
  t.equal(new Set(jammed.map((r) => r.fingerprint)).size, 1, 'the three jammed grippers share a fingerprint');
  t.same(
    jammed.map((r) => r.seen),
    [3, 3, 3],
    'each seen 3 times',
  );
  const peers = (await list(`/api/episodes?fingerprint=${jammed[0].fingerprint}`)).body.items;
  t.same(
    peers.map((r: Json) => r.id),
    ['ep-6', 'ep-3', 'ep-1'],
    'the fingerprint filter lists the peers',
  );
  const battery = items.filter((r) => ['ep-2', 'ep-5'].includes(r.id));
  t.ok(
    battery.every((r) => r.seen === 2),
    `low batteries seen twice (${battery.map((r) => r.seen)})`,
  );
});

t.test('filters keep what they name and drop the rest', async (t) => {
  const items = (await list('/api/episodes')).body.items as Json[];
  const battery = items.find((r) => r.id === 'ep-2');
  const byCategory = (await list(`/api/episodes?category=${battery.category}&severity=${battery.severity}`)).body.items;
  t.same(
    byCategory.map((r: Json) => r.id),
    items.filter((r) => r.category === battery.category && r.severity === battery.severity).map((r) => r.id),
    'category + severity',
  );
  t.ok(byCategory.length >= 2 && byCategory.length < 7, `a strict subset (${byCategory.length})`);
  t.same(
    (await list('/api/episodes?robot=r1')).body.items.map((r: Json) => r.id),
    ['ep-6', 'ep-3', 'ep-1'],
    'by robot',
  );
  t.same(
    (await list(`/api/episodes?from=${at(2)}&to=${at(4)}`)).body.items.map((r: Json) => r.id),
    ['ep-4', 'ep-3'],
    'time range: from inclusive, to exclusive',
  );
  const factor = items.find((r) => r.id === 'ep-4').contributing_factor;
  t.same(
    (await list(`/api/episodes?contributing_factor=${factor}`)).body.items.map((r: Json) => r.id),
    items.filter((r) => r.contributing_factor === factor).map((r) => r.id),
    'by factor',
  );
  t.same((await list('/api/episodes?stale=true')).body.items, [], 'nothing stale (all analyzed by this version)');
  t.equal((await list('/api/episodes?stale=false')).body.items.length, 7, 'positive control: all current');
  const band = items[0].confidence_band;
  t.ok(
    (await list(`/api/episodes?confidence_band=${band}`)).body.items.every((r: Json) => r.confidence_band === band),
    'by confidence band',
  );
  // A filtered page of one: the cursor continues in the filtered list.
  const first = (await list('/api/episodes?robot=r1&limit=1')).body;
  const second = (await list(`/api/episodes?robot=r1&limit=1&cursor=${first.next_cursor}`)).body;
  t.same([first.items[0].id, second.items[0].id], ['ep-6', 'ep-3'], 'filtered pages continue');
});

t.test('logs and traces lists: ml readers only; a member is refused', async (t) => {
  const logs = (await list('/api/logs', adminA)).body;
  t.same(
    logs.items.map((r: Json) => r.id),
    ['log-2', 'log-1'],
  );
  t.ok(
    logs.items.every((r: Json) => r.kind === 'log' && r.category && r.severity),
    'category and severity',
  );
  t.equal((await list('/api/logs', memberA)).status, 403, 'a member may not read log patterns');
  t.same((await list('/api/traces', adminA)).body.items, [], 'no traces in org-a');
});

t.test('a re-analysis keeps one row per episode', async (t) => {
  const before = (await svc.store.getAnalysis('org-a', 'episode', 'ep-4'))?.analysis.analyzed_at;
  t.equal((await call('POST', '/api/episodes/ep-4/reanalyze', adminA)).status, 202);
  await until(
    'ep-4 re-analyzed',
    15_000,
    async () => (await svc.store.getAnalysis('org-a', 'episode', 'ep-4'))?.analysis.analyzed_at !== before,
  );
  const items = (await list('/api/episodes')).body.items as Json[];
  t.same(
    items.map((r) => r.id),
    ['ep-7', 'ep-6', 'ep-5', 'ep-4', 'ep-3', 'ep-2', 'ep-1'],
    'same rows, same order',
  );
  t.not(items.find((r) => r.id === 'ep-4').analyzed_at, before, 'the row is the new analysis');
});

t.test('a re-analysis that changes the category moves the row between filters (before any merge)', async (t) => {
  const stored = await svc.store.getAnalysis('org-a', 'episode', 'ep-7');
  t.ok(stored, 'ep-7 is analyzed');
  const before = stored?.analysis.findings[0]?.category as string;
  const byBefore = async () => (await list(`/api/episodes?category=${before}`)).body.items.map((r: Json) => r.id);
  t.ok((await byBefore()).includes('ep-7'), `positive control: listed under ${before}`);
  // A newer analysis of ep-7 whose top finding is another category (the writer's own path).
  const analysis = structuredClone(stored?.analysis) as Json;
  analysis.analyzed_at = new Date().toISOString();
  analysis.findings[0].category = 'data_error';
  await svc.store.writeAnalyses([{ analysis, occurredAt: stored?.occurredAt ?? null, robotId: 'r3' }]);
  t.notOk((await byBefore()).includes('ep-7'), `no longer listed under ${before} (its older version still matches)`);
  t.same(
    (await list('/api/episodes?category=data_error')).body.items.map((r: Json) => r.id),
    ['ep-7'],
    'listed under its new category',
  );
  const all = (await list('/api/episodes')).body.items.map((r: Json) => r.id);
  t.equal(all.filter((id: string) => id === 'ep-7').length, 1, 'once in the unfiltered list');
});

t.test('hostile parameters: 400 naming the parameter, never another org', async (t) => {
  const ok = await list('/api/episodes?limit=2');
  t.equal(ok.status, 200, 'positive control');
  t.ok(ok.body.next_cursor);
  for (const [q, name] of [
    ['limit=100000', 'limit'],
    ['limit=0', 'limit'],
    ['limit=1e999', 'limit'],
    ['limit=-1', 'limit'],
    ['cursor=not%20a%20cursor', 'cursor'],
    [`cursor=${Buffer.from('{"a":1}').toString('base64url')}`, 'cursor'],
    [`cursor=${Buffer.from('["episode","yesterday","x","org-a"]').toString('base64url')}`, 'cursor'],
    [`cursor=${'A'.repeat(5000)}`, 'cursor'],
    ['category=nope', 'category'],
    ['severity=catastrophic', 'severity'],
    ['confidence_band=sure', 'confidence_band'],
    ['stale=maybe', 'stale'],
    ['from=2026-13-01T00:00:00Z', 'from'],
    [`from=${at(5)}&to=${at(1)}`, 'from'],
  ] as [string, string][]) {
    const r = await list(`/api/episodes?${q}`);
    t.equal(r.status, 400, `${q.slice(0, 60)}: 400`);
    t.match(JSON.stringify(r.body), name, `${q.slice(0, 40)}: names ${name}`);
  }
  // A cursor of org-b's list, replayed with an org-a key: refused, not a page of org-b.
  const bPage = (await list('/api/episodes?limit=1', adminB)).body;
  t.ok(bPage.next_cursor, "org-b's first page has a next cursor");
  const replay = await list(`/api/episodes?cursor=${bPage.next_cursor}`, memberA);
  t.equal(replay.status, 400);
  t.match(replay.body.message, /another org/);
  // A cursor of the episodes list on the logs list.
  const onLogs = await list(`/api/logs?cursor=${ok.body.next_cursor}`, adminA);
  t.equal(onLogs.status, 400);
  t.match(onLogs.body.message, /episodes list/);
  // Naming another org: 403, as every listing.
  t.equal((await list('/api/episodes?org=org-b')).status, 403);
});
