/**
 * The fleet dashboard's trend panel reads the hourly rollup and answers what the analyses table
 * answers. A real embedded store is seeded through the store's writer (two orgs, robots, a trace
 * without a robot, a re-analysis that moves a subject to another category, a redelivery, an
 * analysis without a finding, subjects at the edges of the range); the committed panel query
 * (fleet-failures.json, macros and variables expanded as grafana-clickhouse-datasource does) is
 * compared with the panel's former query on the analyses table (FINAL: one row per subject) over
 * the same whole hours, with every robot selected (the rollup path) and with one robot (the
 * analyses path), by the hour and by the day.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Analysis, finding } from '@faultline/core';
import { Store } from '@faultline/store';
import t from 'tap';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const HOUR = 3_600_000;

interface Panel {
  title: string;
  interval?: string;
  targets?: { rawSql?: string }[];
}
const fleet = JSON.parse(readFileSync(join(repo, 'dashboards/fleet-failures.json'), 'utf8')) as { panels: Panel[] };
const trendPanel = fleet.panels.find((p) => p.title === 'Failures by category');
const panelSql = trendPanel?.targets?.[0]?.rawSql ?? '';

/** The panel's former query: every analysis (FINAL) of the range by its primary category. */
const ANALYSES_SQL = `SELECT $__timeInterval(occurred_at) AS time, category, count() AS failures
  FROM faultline.analyses FINAL
  WHERE $__timeFilter(occurred_at) AND org_id IN (\${org:singlequote}) AND category IN (\${category:singlequote})
    AND (subject_kind != 'episode' OR robot_id IN (\${robot:singlequote}))
  GROUP BY time, category ORDER BY time`;

interface Selection {
  from: number;
  to: number;
  intervalSeconds: number;
  vars: Record<string, string[]>;
  /** Which variables have every value selected (Grafana's All). */
  all: Set<string>;
}

/** The grafana-clickhouse-datasource macros and Grafana's `singlequote` format, expanded. */
function expand(sql: string, s: Selection, timeFilter: (col: string) => string): string {
  const sec = (ms: number) => `toDateTime(${Math.floor(ms / 1000)})`;
  return sql
    .replace(/\$__timeFilter\(([^)]+)\)/g, (_m, col: string) => timeFilter(col))
    .replace(/\$__timeInterval\(([^)]+)\)/g, `toStartOfInterval(toDateTime($1), INTERVAL ${s.intervalSeconds} second)`)
    .replace(/\$__conditionalAll\(([^,]+),\s*\$(\w+)\)/g, (_m, cond: string, name: string) => (s.all.has(name) ? '1=1' : cond))
    .replaceAll('$__fromTime', sec(s.from))
    .replaceAll('$__toTime', sec(s.to))
    .replace(/\$\{(\w+):singlequote\}/g, (_m, name: string) =>
      (s.vars[name] ?? []).map((v) => `'${v.replaceAll("'", "\\'")}'`).join(','),
    );
}

/** The analyses table's answer over the whole hours the range touches (what the panel shows). */
const wholeHours = (s: Selection) => (col: string) =>
  `toStartOfHour(${col}) >= toStartOfHour(toDateTime(${Math.floor(s.from / 1000)})) AND toStartOfHour(${col}) <= toDateTime(${Math.floor(s.to / 1000)})`;

type Point = [string, string, number];
async function answer(store: Store, sql: string): Promise<Point[]> {
  const rows = await store.rows<{ time: string; category: string; failures: string }>(sql);
  return rows
    .map((r): Point => [r.time, r.category, Number(r.failures)])
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

const analysis = (
  id: string,
  o: { org?: string; category?: string; kind?: 'episode' | 'trace'; codes?: string[] } = {},
): Analysis => ({
  subject_kind: o.kind ?? 'episode',
  subject_id: id,
  org_id: o.org ?? 'acme',
  analyzer_version: '1.0.0',
  analyzed_at: new Date().toISOString(),
  fingerprint: `fp-${o.category ?? 'hardware'}`,
  signature: 's',
  source: 'heuristic',
  findings: (o.codes ?? [`${o.category ?? 'hardware'}_code`]).map((code) =>
    finding({
      code,
      title: code,
      description: code,
      category: (o.category ?? 'hardware') as 'unknown',
      contributing_factor: 'unknown',
      severity: 'high',
      confidence: 0.9,
      evidence: {},
      suggested_action: 'look',
    }),
  ),
});

t.test('the trend panel reads the hourly rollup and answers as the analyses table does', async (t) => {
  t.ok(panelSql.includes('faultline.failures_hourly'), 'the panel reads the rollup');
  t.equal(trendPanel?.interval, '1h', 'its interval is at least an hour (the rollup has hours)');
  const dir = mkdtempSync(join(tmpdir(), 'faultline-rollup-panels-'));
  const store = await Store.open({ dataDir: dir });
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Three hours of failures, a few minutes around the edges of the range, and one outside it.
  const base = Math.floor(Date.now() / HOUR) * HOUR - 30 * HOUR;
  const at = (h: number, min = 0) => new Date(base + h * HOUR + min * 60_000).toISOString();
  const write = (a: Analysis, occurredAt: string, robotId = '') => store.writeAnalyses([{ analysis: a, occurredAt, robotId }]);
  await write(analysis('e1'), at(0, 5), 'r1');
  await write(analysis('e2'), at(0, 50), 'r2');
  await write(analysis('e3', { category: 'software' }), at(1, 10), 'r1');
  await write(analysis('e4', { category: 'environment' }), at(2, 59), 'r2');
  await write(analysis('e5', { codes: [] }), at(1, 30), 'r1'); // analyzed, no finding: category 'unknown'
  await write(analysis('t1', { kind: 'trace', category: 'infrastructure' }), at(1, 45));
  await write(analysis('e6'), at(4, 1), 'r1'); // outside the range
  await write(analysis('o1', { org: 'other' }), at(1, 0), 'r1'); // another org
  // A redelivery (counted once) and a re-analysis that moves e1 from hardware to software.
  await write(analysis('e2'), at(0, 50), 'r2');
  await write(analysis('e1', { category: 'software' }), at(0, 5), 'r1');

  const vars = {
    org: ['acme'],
    robot: ['r1', 'r2'],
    category: ['hardware', 'software', 'environment', 'infrastructure', 'unknown'],
  };
  // A range that starts and ends inside hours (as "Last N hours" does): the panel shows the whole hours it touches.
  const every = {
    from: base + 20 * 60_000,
    to: base + 2 * HOUR + 40 * 60_000,
    intervalSeconds: 3600,
    vars,
    all: new Set(['org', 'robot', 'category']),
  };
  const reference = (s: Selection) => answer(store, expand(ANALYSES_SQL, s, wholeHours(s)));
  const panel = (s: Selection) => answer(store, expand(panelSql, s, wholeHours(s)));

  const expected = await reference(every);
  const h = (n: number) => new Date(base + n * HOUR).toISOString().slice(0, 19).replace('T', ' ');
  t.same(
    expected,
    [
      [h(0), 'hardware', 1],
      [h(0), 'software', 1],
      [h(1), 'infrastructure', 1],
      [h(1), 'software', 1],
      [h(1), 'unknown', 1],
      [h(2), 'environment', 1],
    ],
    'positive control: the analyses table counts each subject once, in its current category, over the whole hours',
  );
  t.same(await panel(every), expected, 'every robot: the rollup answers the same, hour by hour');
  const daily = { ...every, intervalSeconds: 86_400 };
  t.same(await panel(daily), await reference(daily), 'the same by the day');

  const oneRobot = { ...every, vars: { ...vars, robot: ['r2'] }, all: new Set(['org', 'category']) };
  const r2 = await reference(oneRobot);
  t.same(
    r2.map((p) => p[1]),
    ['hardware', 'infrastructure', 'environment'],
    'positive control: one robot (and the trace) filtered',
  );
  t.same(await panel(oneRobot), r2, 'one robot: the panel answers from the analyses table, the same');
  const someCategories = { ...every, vars: { ...vars, category: ['software'] }, all: new Set(['org', 'robot']) };
  t.same(await panel(someCategories), await reference(someCategories), 'a category selection: the same');

  // The rollup path is really the rollup: without its rows the every-robot answer is empty, the one-robot answer is not.
  // failures_hourly is a view over rollup_hourly since migration 0013: empty the table it reads.
  await store.client.command({ query: 'TRUNCATE TABLE faultline.rollup_hourly' });
  t.same(await panel(every), [], 'with the rollup emptied, the every-robot answer is empty (it read the rollup)');
  t.same(await panel(oneRobot), r2, 'the one-robot answer is unchanged (it read the analyses)');
});
