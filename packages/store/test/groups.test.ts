/**
 * Failure groups (migration 0008) against the real embedded ClickHouse: the window's groups and
 * their counts that a redelivery or a re-analysis never double-counts, statuses on a seeded
 * timeline, members by page, a store filled by the previous schema (up to 0007) migrated with
 * its groups, and the cluster DDL of the migration.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding } from '@faultline/core';
import t from 'tap';
import { type GroupQuery, Store } from '../src/index.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-groups-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `s${dirs++}`);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Math.floor(Date.now() / HOUR) * HOUR;

const analysis = (id: string, o: { fingerprint?: string; category?: string; org?: string; code?: string } = {}): Analysis => ({
  subject_kind: 'episode',
  subject_id: id,
  org_id: o.org ?? 'acme',
  analyzer_version: '1.0.0',
  analyzed_at: new Date().toISOString(),
  fingerprint: o.fingerprint ?? 'fp-battery',
  signature: `${o.code ?? 'battery_low'}|battery at <n>% on <id>`,
  source: 'heuristic',
  findings: [
    finding({
      code: o.code ?? 'battery_low',
      title: 'Battery low',
      description: 'low',
      category: (o.category ?? 'hardware') as 'unknown',
      contributing_factor: 'unknown',
      severity: 'high',
      confidence: 0.9,
      evidence: {},
      suggested_action: 'charge',
    }),
  ],
});

const query = (o: Partial<GroupQuery> = {}): GroupQuery => ({
  org: 'acme',
  from: NOW - 7 * DAY,
  to: NOW,
  now: NOW,
  resolveAfterMs: 3 * DAY,
  growingMin: 10,
  ...o,
});

const counts = async (store: Store, q = query()) =>
  Object.fromEntries((await store.windowGroups(q)).map((g) => [g.fingerprint, [g.count_in_range, g.count_before]]));

t.test('a redelivery adds nothing; a re-analysis moves the failure between groups', async (t) => {
  const store = await Store.open({ dataDir: freshDir() });
  t.teardown(() => store.close());
  const at = new Date(NOW - 2 * DAY).toISOString();
  const write = (a: Analysis, occurredAt = at, robotId = 'r1') => store.writeAnalyses([{ analysis: a, occurredAt, robotId }]);
  await write(analysis('e1'));
  await write(analysis('e2'), at, 'r2');
  await write(analysis('e0'), new Date(NOW - 10 * DAY).toISOString());
  t.same(await counts(store), { 'fp-battery': [2, 1] }, 'positive control: two in the window, one before');
  await write(analysis('e1'));
  await write(analysis('e1'));
  t.same(await counts(store), { 'fp-battery': [2, 1] }, 'two redeliveries of e1 add nothing');
  const [g] = await store.windowGroups(query());
  t.equal(g?.template, 'battery at <n>% on <id>', 'the masked template');
  t.same(g?.masked, { '<n>': 1, '<id>': 1 }, 'and what was masked');
  t.same(await store.groupReach(query(), ['fp-battery']), new Map([['fp-battery', { robots: 2, services: 0 }]]));

  await write(analysis('e1', { fingerprint: 'fp-crash', category: 'software', code: 'crash' }));
  t.same(await counts(store), { 'fp-battery': [1, 1], 'fp-crash': [1, 0] }, 'e1 left fp-battery for fp-crash');
  t.same(
    (await store.windowGroups(query({ category: 'software' }))).map((g) => g.fingerprint),
    ['fp-crash'],
    'filtered by category',
  );
  t.same(
    (await store.windowGroups(query({ robot: 'r2' }))).map((g) => g.fingerprint),
    ['fp-battery'],
    'filtered by robot (e2 is on r2)',
  );
  t.same(await counts(store, query({ org: 'other' })), {}, "another org's window has none of them");
  t.equal(await store.oneGroup(query({ org: 'other' }), 'fp-battery'), null, "another org's fingerprint is no group");
  t.equal((await store.oneGroup(query(), 'fp-battery'))?.count_in_range, 1, 'positive control: the own org has it');
});

t.test('new, ongoing, growing, resolved and regressed on a seeded timeline', async (t) => {
  const store = await Store.open({ dataDir: freshDir() });
  t.teardown(() => store.close());
  const rows: Parameters<Store['writeAnalyses']>[0] = [];
  const add = (fp: string, n: number, start: number, spacing: number) => {
    for (let i = 0; i < n; i++)
      rows.push({
        analysis: analysis(`${fp}-${start}-${i}`, { fingerprint: fp }),
        occurredAt: new Date(start + i * spacing).toISOString(),
      });
  };
  add('steady', 30, NOW - 30 * DAY, DAY); // one a day for 30 days: 7 in the window, 23 before
  add('burst', 20, NOW - 30 * DAY, 1.5 * DAY); // one every 1.5 days: 16 before the window, 4 in it
  add('burst', 40, NOW - 2 * DAY, HOUR); // and 40 more in the last two days
  add('fresh', 3, NOW - DAY, HOUR); // first seen inside the window
  add('quiet', 5, NOW - 6 * DAY, HOUR); // stopped 6 days ago (resolve after 3 days)
  add('back', 3, NOW - 20 * DAY, HOUR); // 3 failures 20 days ago, silent, then 2 a day ago: came back
  add('back', 2, NOW - DAY, HOUR);
  add('gappy', 5, NOW - 10 * DAY, 2 * DAY); // every 2 days across the window's start (under the 3-day resolve time): ongoing
  await store.writeAnalyses(rows);
  const status = async () => Object.fromEntries((await store.windowGroups(query())).map((g) => [g.fingerprint, g.status]));
  t.same(await status(), {
    burst: 'growing',
    steady: 'ongoing',
    fresh: 'new',
    quiet: 'resolved',
    back: 'regressed',
    gappy: 'ongoing',
  });
  t.same(
    (await store.windowGroups(query())).filter((g) => g.fingerprint === 'burst').map((g) => [g.count_in_range, g.count_before]),
    [[44, 16]],
  );
  // A person resolves `steady`; it comes back: regressed. Ignoring `burst` hides its growth.
  await store.markGroup('acme', 'steady', 'resolved', 'k1', new Date(NOW - 12 * HOUR));
  await store.markGroup('acme', 'burst', 'ignored', 'k1');
  t.same((await status()).steady, 'resolved', 'marked resolved, not seen since the mark');
  await store.writeAnalyses([
    { analysis: analysis('back', { fingerprint: 'steady' }), occurredAt: new Date(NOW - HOUR).toISOString() },
  ]);
  const after = await status();
  t.equal(after.steady, 'regressed', 'a failure after the mark: regressed');
  t.equal(after.burst, 'ignored');
  await store.markGroup('acme', 'steady', 'open', 'k2');
  t.equal((await status()).steady, 'ongoing', 'reopened: judged by its failures again');
  const one = await store.oneGroup(query(), 'steady');
  t.same(one?.mark && { status: one.mark.status, actor: one.mark.actor }, { status: 'open', actor: 'k2' }, 'the newest mark');

  // Members, newest first, by pages of 3, the cursor being the last member of the page.
  const seen: string[] = [];
  let cursor: { at: string; kind: string; id: string } | undefined;
  for (let page = 0; page < 10; page++) {
    const m = await store.groupMembers(query(), 'steady', 3, cursor);
    seen.push(...m.map((x) => x.subject_id));
    const last = m.at(-1);
    if (m.length < 3 || !last) break;
    cursor = { at: last.occurred_at, kind: last.subject_kind, id: last.subject_id };
  }
  t.equal(seen.length, 8, 'the 7 days of steady plus the one that came back');
  t.equal(new Set(seen).size, 8, 'no member twice across pages');
  t.equal(seen[0], 'back', 'newest first');
  const spark = (await store.groupSparklines(query(), ['burst'], 24)).get('burst') ?? [];
  t.equal(spark.length, 7, 'a bucket per day');
  t.equal(
    spark.reduce((s, p) => s + p.count, 0),
    44,
    'the sparkline sums to the count in the window',
  );
});

t.test('a store filled by the previous schema (0007) migrates with its groups', async (t) => {
  const dir = freshDir();
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate('0007_time_rollups.sql')).at(-1), '0007_time_rollups.sql');
  const at = new Date(NOW - DAY).toISOString();
  await old.writeAnalyses([
    { analysis: analysis('e1'), occurredAt: at },
    { analysis: analysis('e2'), occurredAt: at },
    { analysis: analysis('e3', { fingerprint: 'fp-old' }), occurredAt: new Date(NOW - 20 * DAY).toISOString() },
  ]);
  // e2 re-analyzed into another group under 0007: the migration must count its current group only.
  await old.writeAnalyses([{ analysis: analysis('e2', { fingerprint: 'fp-crash', code: 'crash' }), occurredAt: at }]);
  const tables = await old.rows<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = 'faultline' AND name = 'groups_hourly'`,
  );
  t.same(tables, [], 'positive control: no group tables before 0008');
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  t.same(await counts(store), { 'fp-battery': [1, 0], 'fp-crash': [1, 0] }, 'the window from the filled rollup');
  t.same(await counts(store, query({ from: NOW - 30 * DAY })), { 'fp-battery': [1, 0], 'fp-crash': [1, 0], 'fp-old': [1, 0] });
  const g = await store.oneGroup(query(), 'fp-old');
  t.equal(g?.first_seen, new Date(NOW - 20 * DAY).toISOString(), 'first seen moved');
  t.equal(g?.status, 'resolved', 'not seen for 20 days');
  t.equal(g?.count_before, 1);
  // After the migration the views count: a redelivery of e1 adds nothing, a new failure adds one.
  await store.writeAnalyses([
    { analysis: analysis('e1'), occurredAt: at },
    { analysis: analysis('e4'), occurredAt: at },
  ]);
  t.same(await counts(store), { 'fp-battery': [2, 0], 'fp-crash': [1, 0] });
});

t.test('cluster DDL of the groups: every statement ON CLUSTER, every engine Replicated', async (t) => {
  clusterDdlHolds(t, '0008_groups.sql', { atLeast: 9 }, /ENGINE = Replicated\w*MergeTree/);
});
