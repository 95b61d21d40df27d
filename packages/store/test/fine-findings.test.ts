/**
 * Findings in 1,024-row granules (migration 0015) against the real embedded ClickHouse: a store
 * filled by the previous schema (0014) keeps every findings row and answers every trend the same
 * (partial hours from findings, whole hours from the rollup, tombstones honoured), goes on counting
 * new writes exactly, and a trend's partial hours read a fraction of the rows they read before
 * (ClickHouse's own estimate of the query the store sends); the migration run again changes
 * nothing; the findings keep their lifetime; and the cluster DDL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, finding } from '@faultline/core';
import t from 'tap';
import { migrationStatements, Store, type TrendQuery } from '../src/index.js';
import { clusterDdlHolds } from './cluster-ddl.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-fine-findings-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `s${dirs++}`);

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The window ends 41 minutes into the hour before the current one and starts 24 h before: both edges are partial hours. */
const TO = Math.floor(Date.now() / HOUR) * HOUR - HOUR + 41 * MINUTE;
const FROM = TO - 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const analysis = (id: string, codes: { code: string; category: string }[]): Analysis => ({
  subject_kind: 'episode',
  subject_id: id,
  org_id: 'acme',
  analyzer_version: '1.0.0',
  analyzed_at: new Date().toISOString(),
  fingerprint: `fp-${codes[0]?.code ?? 'none'}`,
  signature: 's',
  source: 'heuristic',
  findings: codes.map(({ code, category }) =>
    finding({
      code,
      title: code,
      description: code,
      category: category as 'unknown',
      contributing_factor: 'unknown',
      severity: 'high',
      confidence: 0.9,
      evidence: {},
      suggested_action: 'look',
    }),
  ),
});
const battery = { code: 'battery_low', category: 'hardware' };
const crash = { code: 'crash', category: 'software' };

/** The trends a dashboard reads over the window: hourly by code (primary findings, and all findings) and by category. */
async function trends(store: Store) {
  const q = { org: 'acme', from: iso(FROM), to: iso(TO), intervalSeconds: 3600 } as const;
  const pts = async (x: Partial<TrendQuery>) =>
    (await store.trends({ ...q, by: 'code', ...x })).map((p) => `${p.bucket} ${p.key} ${p.count}`);
  return { byCode: await pts({}), allFindings: await pts({ allFindings: true }), byCategory: await pts({ by: 'category' }) };
}

/** Every findings row as a merge leaves it (FINAL), in key order. */
async function findingsRows(store: Store): Promise<string[]> {
  const rows = await store.rows<{ r: string }>(
    `SELECT concat_ws(' ', subject_id, code, toString(rank), category, toString(occurred_at), toString(version), toString(is_deleted)) AS r
     FROM faultline.findings FINAL ORDER BY org_id, occurred_at, subject_id, code`,
  );
  return rows.map((r) => r.r);
}

async function settingsOf(store: Store, table: string): Promise<string> {
  const [row] = await store.rows<{ engine_full: string }>(
    `SELECT engine_full FROM system.tables WHERE database = 'faultline' AND name = {table:String}`,
    { table },
  );
  return row?.engine_full ?? '';
}

/**
 * The rows ClickHouse estimates the store's trend query reads from `findings` (EXPLAIN ESTIMATE of
 * the query the store sends, captured from its `rows`).
 */
async function findingsRowsRead(store: Store, q: TrendQuery): Promise<number> {
  const sent: [string, Record<string, unknown> | undefined][] = [];
  const rows = store.rows.bind(store);
  const spy = store as unknown as { rows: Store['rows'] };
  spy.rows = (query, params) => {
    sent.push([query, params]);
    return rows(query, params);
  };
  try {
    await store.trends(q);
  } finally {
    spy.rows = rows;
  }
  let total = 0;
  for (const [query, params] of sent) {
    const est = await rows<{ table: string; rows: string }>(`EXPLAIN ESTIMATE ${query}`, params);
    for (const e of est) if (e.table === 'findings') total += Number(e.rows);
  }
  return total;
}

t.test('a store filled by 0014 keeps its findings and answers every trend the same, exactly', async (t) => {
  const dir = freshDir();
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate('0014_revoked_sessions.sql')).at(-1), '0014_revoked_sessions.sql');
  await old.writeAnalyses([
    { analysis: analysis('first-edge', [battery, crash]), occurredAt: iso(FROM + 5 * MINUTE) }, // first partial hour
    { analysis: analysis('before', [battery]), occurredAt: iso(FROM - 5 * MINUTE) }, // same hour, before the window
    { analysis: analysis('whole', [crash]), occurredAt: iso(TO - 3 * HOUR) }, // a whole hour: the rollup
    { analysis: analysis('last-edge', [crash, battery]), occurredAt: iso(TO - 10 * MINUTE) }, // last partial hour
    { analysis: analysis('after', [crash]), occurredAt: iso(TO + 5 * MINUTE) }, // same hour, after the window
  ]);
  // Re-analyzed under 0014: first-edge loses its crash finding (a tombstone), keeps battery_low.
  await old.writeAnalyses([{ analysis: analysis('first-edge', [battery]), occurredAt: iso(FROM + 5 * MINUTE) }]);
  const before = await trends(old);
  const hourOf = (ms: number) => iso(Math.floor(ms / HOUR) * HOUR).replace('.000Z', 'Z');
  t.same(
    before.allFindings,
    [`${hourOf(FROM)} battery_low 1`, `${hourOf(TO - 3 * HOUR)} crash 1`, `${hourOf(TO)} battery_low 1`, `${hourOf(TO)} crash 1`],
    'positive control: the edges count only their own minutes, the tombstone is honoured',
  );
  const rowsBefore = await findingsRows(old);
  t.equal(rowsBefore.length, 6, 'positive control: six current findings rows (FINAL: the tombstoned crash left out)');
  t.match(await settingsOf(old, 'findings'), /index_granularity = 8192/, 'positive control: 8,192-row granules under 0014');
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const engine = await settingsOf(store, 'findings');
  t.match(engine, /index_granularity = 1024/, '1,024-row granules');
  t.match(engine, /ReplacingMergeTree\(version, is_deleted\) PARTITION BY toYYYYMM\(occurred_at\)/, 'same engine and partitions');
  t.match(engine, /TTL toDateTime\(analyzed_at\) \+ toIntervalDay\(395\)/, 'the findings keep their lifetime');
  t.same(await findingsRows(store), rowsBefore, 'every current findings row moved');
  t.same(await trends(store), before, 'every trend answers the same');

  // New writes after the migration: a re-analysis (tombstone) and a new subject at an edge.
  await store.writeAnalyses([
    { analysis: analysis('last-edge', [battery]), occurredAt: iso(TO - 10 * MINUTE) },
    { analysis: analysis('new-edge', [crash]), occurredAt: iso(FROM + 15 * MINUTE) },
  ]);
  const after = await trends(store);
  t.same(
    after.allFindings,
    [
      `${hourOf(FROM)} battery_low 1`,
      `${hourOf(FROM)} crash 1`,
      `${hourOf(TO - 3 * HOUR)} crash 1`,
      `${hourOf(TO)} battery_low 1`,
    ],
    'new writes count exactly: last-edge lost crash, new-edge counted',
  );

  for (const statement of migrationStatements('0015_fine_findings.sql', 'faultline', undefined))
    await store.client.command({ query: statement });
  t.same(await trends(store), after, 'the migration run again changes nothing');
});

t.test("a trend's partial hours read a fraction of the rows they read in 8,192-row granules", async (t) => {
  const dir = freshDir();
  const old = await Store.connect({ dataDir: dir });
  await old.migrate('0014_revoked_sessions.sql');
  // 60,000 primary findings over the 48 hours before TO (1,250 an hour), in 3 inserts (3+ parts per month), as 0014 stored them.
  for (let i = 0; i < 3; i++)
    await old.client.command({
      query: `INSERT INTO faultline.findings (org_id, subject_kind, subject_id, code, rank, category, contributing_factor, severity,
          confidence, confidence_band, fingerprint, robot_id, service, occurred_at, analyzed_at, analyzer_version, version, is_deleted)
        SELECT 'acme', 'episode', concat('s-', toString(number)), if(number % 3 = 0, 'crash', 'battery_low'), 0,
          if(number % 3 = 0, 'software', 'hardware'), 'unknown', 'high', 0.9, 'high', 'fp', 'r', '',
          fromUnixTimestamp64Milli(toInt64(${TO} - number * ${(48 * HOUR) / 60_000})), now64(3), '1.0.0', 1, 0
        FROM numbers(${i * 20_000}, 20000)`,
    });
  const q: TrendQuery = { org: 'acme', by: 'category', from: iso(FROM), to: iso(TO), intervalSeconds: 3600 };
  const partial = { ...q, from: iso(TO - 41 * MINUTE), to: iso(TO) }; // the last partial hour alone
  const answer = await old.trends(partial);
  const [counted] = await old.rows<{ n: string }>(
    `SELECT count() AS n FROM faultline.findings WHERE occurred_at >= {a:DateTime64(3)} AND occurred_at < {b:DateTime64(3)}`,
    {
      a: iso(TO - 41 * MINUTE)
        .replace('T', ' ')
        .replace('Z', ''),
      b: iso(TO).replace('T', ' ').replace('Z', ''),
    },
  );
  const n = Number(counted?.n);
  t.ok(n > 500, `positive control: ${n} findings in the last partial hour`);
  t.equal(
    answer.reduce((a, p) => a + p.count, 0),
    n,
    'positive control: the trend counts every one of them',
  );
  const readBefore = await findingsRowsRead(old, q);
  t.ok(readBefore >= 2 * 8192, `positive control: the two partial hours read ${readBefore} rows in 8,192-row granules`);
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  t.same(await store.trends(partial), answer, 'the same answer after the migration');
  const readAfter = await findingsRowsRead(store, q);
  t.ok(readAfter > 0, `positive control: the findings are read (${readAfter} rows)`);
  t.ok(readAfter * 2 <= readBefore, `${readAfter} rows read instead of ${readBefore}: at most half`);
});

t.test(
  'cluster DDL of 0015: every statement but the INSERT ON CLUSTER, the engine Replicated, the granularity kept',
  async (t) => {
    clusterDdlHolds(t, '0015_fine_findings.sql', { exactly: 5 }, /ENGINE = ReplicatedReplacingMergeTree\(version, is_deleted\)/);
    const create = migrationStatements('0015_fine_findings.sql', 'faultline', 'prod').find((s) => s.startsWith('CREATE'));
    t.match(create, /SETTINGS index_granularity = 1024$/, 'the cluster table has the same granules');
  },
);
