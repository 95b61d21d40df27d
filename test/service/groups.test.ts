/**
 * Failure groups (GET /api/groups, GET /api/groups/:id, POST /api/groups/:id/status) against the
 * real embedded service (ingest → bus → analyzer → chdb store → read API): templates with masked
 * ids group failures that differ only in ids and keep apart ones that differ in meaning; `new`,
 * `ongoing`, `growing` and `resolved` on a seeded timeline; a group marked resolved that fails
 * again is `regressed` (and the mark is audited); another org's group answers like a missing one;
 * hostile parameters get a 400 that names the parameter.
 */
import t from 'tap';
import { apiCaller, keyMaker, until } from './harness.js';
import { startInProcess } from './in-process.js';

const BOOT = 'groups-bootstrap-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-groups-', {
  FAULTLINE_ADMIN_KEY: BOOT,
  FAULTLINE_WORKERS: '2',
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
  FAULTLINE_GROUP_RESOLVE_AFTER: '72',
});
const call = apiCaller(svc.url);
// biome-ignore lint/suspicious/noExplicitAny: responses are read field by field
type Json = any;

const key = keyMaker(svc.url, BOOT);
const [producerA, adminA, engineerA, producerB, adminB] = [
  await key('org-a', 'producer'),
  await key('org-a', 'admin'),
  await key('org-a', 'ml_engineer'),
  await key('org-b', 'producer'),
  await key('org-b', 'admin'),
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();

/** Logs of org-a; the message is what the group's template masks. */
const logs: { log_id: string; timestamp: string; error_message: string }[] = [];
let n = 0;
const add = (message: (i: number) => string, count: number, start: number, spacing: number) => {
  for (let i = 0; i < count; i++)
    logs.push({ log_id: `log-${n++}`, timestamp: iso(start + i * spacing), error_message: message(i) });
};
// Differ only in ids (job hash, robot, host address, duration): one group.
const ids = ['8f3a9c21d0', '7be21c9f44', 'c0ffee1234'];
add(
  (i) => `TimeoutError: job ${ids[i]} on robot-${17 + i} timed out after ${30 + i}s talking to 10.0.0.${i + 5}`,
  3,
  NOW - 5 * HOUR,
  HOUR,
);
// Same words, another meaning: a group of its own.
add(() => 'TimeoutError: job 8f3a9c21d0 on robot-17 was cancelled by the operator', 1, NOW - 4 * HOUR, HOUR);
// A timeline (resolve after 72 h): steady one a day for 30 days; burst one every 1.5 days for 30 days and 40 more in the
// last two; quiet stopped 6 days ago; back failed 20 days ago, went quiet, and failed again 20 hours ago.
add((i) => `ValueError: calibration file /etc/robot/cal-${i}.yaml has 3 columns, expected 4`, 30, NOW - 30 * DAY + HOUR, DAY);
add((i) => `KeyError: 'joint_${i}' missing from the controller state`, 20, NOW - 30 * DAY, 1.5 * DAY);
add((i) => `KeyError: 'joint_${i}' missing from the controller state`, 40, NOW - 2 * DAY, HOUR);
add((i) => `PermissionError: cannot open /dev/ttyUSB${i} for the lidar`, 5, NOW - 6 * DAY, HOUR);
add((i) => `OSError: camera ${i} frame buffer overrun`, 3, NOW - 20 * DAY, HOUR);
add((i) => `OSError: camera ${i} frame buffer overrun`, 2, NOW - 20 * HOUR, HOUR);
for (let i = 0; i < logs.length; i += 50) {
  const r = await call('POST', '/api/ingest/logs', producerA, logs.slice(i, i + 50));
  if (r.status !== 202) throw new Error(`seed logs: ${JSON.stringify(r.body)}`);
}
// org-b: one group of its own.
await call('POST', '/api/ingest/logs', producerB, [
  { log_id: 'b-1', timestamp: iso(NOW - HOUR), error_message: 'OSError: the arm of org-b lost power' },
]);
await until('every log analyzed', 60_000, async () => {
  const rows = await svc.store.rows<{ c: string }>(
    `SELECT count() AS c FROM faultline.analyses FINAL WHERE subject_kind = 'log'`,
  );
  return Number(rows[0]?.c) === logs.length + 1;
});

const window = `from=${encodeURIComponent(iso(NOW - 7 * DAY))}&to=${encodeURIComponent(iso(NOW + HOUR))}`;
const list = async (k: string, extra = '') => {
  const r = await call('GET', `/api/groups?${window}${extra}`, k);
  if (r.status !== 200) throw new Error(`groups: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { items: Json[]; next_cursor: string | null };
};
const byTemplate = (items: Json[], words: RegExp) => items.filter((g) => words.test(g.template));

t.test('a template with masked ids groups failures that differ only in ids, and keeps apart another meaning', async (t) => {
  const { items } = await list(engineerA);
  const timeouts = byTemplate(items, /^job .* timed out/);
  t.equal(timeouts.length, 1, 'the three timeouts are one group');
  const g = timeouts[0];
  t.equal(g?.count_in_range, 3);
  t.match(g?.template, /<id>/, `the ids are masked in the template: ${g?.template}`);
  t.notMatch(g?.template, /8f3a9c21d0|robot-17|10\.0\.0\.5/, 'no id of one member in the template');
  t.ok(Object.keys(g?.masked ?? {}).length >= 2, `which values were masked: ${JSON.stringify(g?.masked)}`);
  const cancelled = byTemplate(items, /cancelled by the operator/);
  t.equal(cancelled.length, 1, 'the cancelled job is a group of its own');
  t.not(cancelled[0]?.fingerprint, g?.fingerprint, 'another fingerprint');
  t.equal(cancelled[0]?.count_in_range, 1);
  t.equal(g?.kind, 'log');
  t.equal(
    g?.sparkline.reduce((s: number, p: Json) => s + p.count, 0),
    3,
    'the sparkline sums to the count',
  );
});

t.test('new, ongoing, growing and resolved on a seeded timeline', async (t) => {
  const { items } = await list(engineerA);
  const status = (words: RegExp) => byTemplate(items, words).map((g) => [g.status, g.count_in_range, g.count_before]);
  t.same(status(/calibration file/), [['ongoing', 7, 23]], 'steady: one a day, as before');
  t.same(status(/missing from the controller state/), [['growing', 44, 16]], 'burst: 40 in two days over one every 1.5 days');
  t.same(status(/job .* timed out/), [['new', 3, 0]], 'first seen inside the window');
  t.same(status(/cannot open/), [['resolved', 5, 0]], 'not seen for 6 days (resolve after 72 h)');
  t.same(status(/frame buffer overrun/), [['regressed', 2, 3]], 'quiet for 19 days (resolved by time), then back');
  const growing = await list(engineerA, '&status=growing');
  t.same(
    growing.items.map((g) => g.template),
    byTemplate(items, /missing from the controller/).map((g) => g.template),
    '?status=growing keeps only it',
  );
  t.same((await list(engineerA, '&kind=episode')).items, [], 'no episode groups (positive control above)');
});

t.test('Prometheus sees the groups by status and category, never by fingerprint or org', async (t) => {
  const text = await (await fetch(`${svc.url}/metrics`)).text();
  const series = [...text.matchAll(/^faultline_groups\{([^}]*)\} (\d+)$/gm)].map((m) => ({
    labels: m[1] as string,
    value: Number(m[2]),
  }));
  const sum = (status: string) => series.filter((s) => s.labels.includes(`status="${status}"`)).reduce((a, s) => a + s.value, 0);
  // The last day: the two timeouts' groups and org-b's are new, the burst grows, the steady one goes on, the camera came
  // back; quiet stopped 6 days ago.
  t.equal(sum('new'), 3, 'three new groups (two in org-a, one in org-b)');
  t.equal(sum('growing'), 1, 'the burst grows');
  t.equal(sum('ongoing'), 1, 'the steady one');
  t.equal(sum('regressed'), 1, 'the camera group came back after 19 quiet days');
  t.ok(
    series.some((s) => s.labels.includes('status="ignored"') && s.value === 0),
    'a status without groups has a series at 0 (for the alerts to compare)',
  );
  t.ok(
    series.every((s) => /^category="[a-z_]+",status="\w+"$|^status="\w+",category="[a-z_]+"$/.test(s.labels)),
    'only status and category labels',
  );
  const recent = (status: string) =>
    [...text.matchAll(new RegExp(`^faultline_group_recent_failures\\{[^}]*status="${status}"[^}]*\\} (\\d+)$`, 'gm'))].reduce(
      (a, m) => a + Number(m[1]),
      0,
    );
  t.equal(recent('new'), 1, "org-b's failure an hour ago, in a new group");
  t.equal(recent('growing'), 0, 'the burst stopped 9 hours ago');
});

t.test('a group marked resolved that fails again is regressed; the mark is audited', async (t) => {
  const [steady] = byTemplate((await list(engineerA)).items, /calibration file/);
  const fp = steady.fingerprint as string;
  const marked = await call('POST', `/api/groups/${fp}/status`, adminA, { status: 'resolved' });
  t.same(marked.body, { org_id: 'org-a', fingerprint: fp, mark: 'resolved', status: 'resolved' });
  t.equal((await call('GET', `/api/groups/${fp}?${window}`, engineerA)).body.group.status, 'resolved');
  const r = await call('POST', '/api/ingest/logs', producerA, [
    {
      log_id: 'comeback',
      timestamp: iso(Date.now() + 1000),
      error_message: 'ValueError: calibration file /etc/robot/cal-99.yaml has 3 columns, expected 4',
    },
  ]);
  t.equal(r.status, 202);
  const back = await until('the comeback analyzed', 30_000, async () => {
    const g = (await call('GET', `/api/groups/${fp}?${window}`, engineerA)).body;
    return g?.group?.count_in_range === 8 ? g : null;
  });
  t.equal(back.group.status, 'regressed', 'came back after the mark');
  t.equal(back.members[0].subject_id, 'comeback', 'the newest member first');
  t.equal(back.example.subject_id, 'comeback', 'the example is the newest failure');
  t.match(back.example.title, /./, 'with its finding');
  const audit = await call('GET', `/api/audit?action=group.status&subject_id=${fp}`, adminA);
  t.equal(audit.body.entries.length, 1, 'one audit entry');
  t.equal(audit.body.entries[0].metadata?.mark ?? JSON.parse(audit.body.entries[0].metadata ?? '{}').mark, 'resolved');
  // Members by page: every member once.
  const seen: string[] = [];
  let cursor = '';
  for (let page = 0; page < 10; page++) {
    const m = (await call('GET', `/api/groups/${fp}?${window}&limit=3${cursor}`, engineerA)).body;
    seen.push(...m.members.map((x: Json) => x.subject_id));
    if (!m.members_next_cursor) break;
    cursor = `&cursor=${m.members_next_cursor}`;
  }
  t.equal(seen.length, 8);
  t.equal(new Set(seen).size, 8, 'no member twice across pages');
  const ignored = await call('POST', `/api/groups/${fp}/status`, adminA, { status: 'ignored' });
  t.equal(ignored.body.status, 'ignored');
  const member = await call('POST', `/api/groups/${fp}/status`, engineerA, { status: 'open' });
  t.equal(member.status, 403, 'an engineer may not mark groups');
});

t.test("another org's group answers like a missing one; each org lists only its own", async (t) => {
  const [own] = byTemplate((await list(engineerA)).items, /cancelled by the operator/);
  const fp = own.fingerprint as string;
  t.equal((await call('GET', `/api/groups/${fp}?${window}`, adminA)).status, 200, 'positive control: org-a reads it');
  const other = await call('GET', `/api/groups/${fp}?${window}`, adminB);
  const missing = await call('GET', `/api/groups/0000000000000000?${window}`, adminB);
  t.equal(other.status, 404);
  t.equal(missing.status, 404);
  t.same(other.body, JSON.parse(JSON.stringify(missing.body).replaceAll('0000000000000000', fp)), 'same body as missing');
  t.equal((await call('POST', `/api/groups/${fp}/status`, adminB, { status: 'ignored' })).status, 404, 'nor can org-b mark it');
  const b = await list(adminB);
  t.same(
    b.items.map((g) => g.template),
    ['the arm of org-b lost power'],
    "org-b's list holds its own group only",
  );
  t.equal((await list(adminA)).items.length, 6, 'positive control: org-a lists its six groups');
});

t.test('hostile parameters get a 400 naming the parameter', async (t) => {
  const first = await list(engineerA, '&limit=2');
  t.equal(first.items.length, 2);
  t.ok(first.next_cursor, 'positive control: a next page');
  const second = await list(engineerA, `&limit=2&cursor=${first.next_cursor}`);
  t.equal(second.items.length, 2);
  t.same(
    second.items.filter((g) => first.items.some((f) => f.fingerprint === g.fingerprint)),
    [],
    'the next page holds other groups',
  );
  const cases: [string, string, string, RegExp][] = [
    ['huge cursor', `/api/groups?cursor=${'A'.repeat(5000)}`, engineerA, /cursor/],
    ['garbage cursor', '/api/groups?cursor=not!a!cursor', engineerA, /cursor: not a cursor/],
    ["another org's cursor", `/api/groups?${window}&limit=2&cursor=${first.next_cursor}`, adminB, /cursor: made for another org/],
    ['invalid date', '/api/groups?from=yesterday', engineerA, /from/],
    ['from after to', `/api/groups?from=${iso(NOW)}&to=${iso(NOW - DAY)}`, engineerA, /from: must be before to/],
    ['a window of years', `/api/groups?from=2010-01-01T00:00:00Z&to=${iso(NOW)}`, engineerA, /at most 400 days/],
    ['limit 0', '/api/groups?limit=0', engineerA, /limit/],
    ['unknown status', '/api/groups?status=exploding', engineerA, /status/],
    ['unknown severity', '/api/groups?severity=apocalyptic', engineerA, /severity/],
    ['not a fingerprint', '/api/groups/..%2F..%2Fetc', engineerA, /id/],
    ['every org', '/api/groups?org=*', BOOT, /name one org/],
    ['members cursor of another group', `/api/groups/0000000000000000?cursor=${first.next_cursor}`, engineerA, /cursor/],
  ];
  for (const [what, path, k, message] of cases) {
    const r = await call('GET', path, k);
    t.equal(r.status, 400, `${what}: 400`);
    t.match(JSON.stringify(r.body), message, `${what}: ${JSON.stringify(r.body).slice(0, 160)}`);
  }
  const badMark = await call('POST', `/api/groups/${first.items[0].fingerprint}/status`, adminA, { status: 'deleted' });
  t.equal(badMark.status, 400, 'an unknown mark: 400');
  t.match(JSON.stringify(badMark.body), /status/);
});
