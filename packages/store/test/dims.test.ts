/**
 * Run dimensions (migration 0009) against the real embedded ClickHouse: successes and failures
 * counted with their tags, a redelivery or a re-analysis never double-counts, an outcome change
 * moves the run, the insight's shares, lift and test, org isolation, and a store filled by the
 * previous schema migrated with its runs counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, type EpisodeRecord, finding } from '@faultline/core';
import t from 'tap';
import { migrationFiles, Store } from '../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'faultline-dims-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `s${dirs++}`);

const HOUR = 3_600_000;
const at = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const range = { from: iso(at - 24 * HOUR), to: iso(at + 24 * HOUR) };

const episode = (id: string, status: EpisodeRecord['status'], tags?: Record<string, string>, org = 'acme'): EpisodeRecord => ({
  kind: 'episode',
  episode_id: id,
  org_id: org,
  robot_id: 'r1',
  status,
  started_at: iso(at + 60_000),
  duration_s: 10,
  ...(tags ? { tags } : {}),
});

const failure = (id: string, factor: 'actuator_fault' | 'battery_low', org = 'acme', fingerprint = `fp-${factor}`): Analysis => ({
  subject_kind: 'episode',
  subject_id: id,
  org_id: org,
  analyzer_version: '1.0.0',
  analyzed_at: iso(at + 120_000),
  fingerprint,
  signature: 's',
  source: 'heuristic',
  findings: [
    finding({
      code: factor,
      title: factor,
      description: factor,
      category: 'hardware_fault',
      contributing_factor: factor,
      severity: 'high',
      confidence: 0.9,
      evidence: {},
      suggested_action: 'look',
    }),
  ],
});

/** As the analyzer stores failures: the analyses, then their dimensions rows. */
async function writeFailures(store: Store, rows: Parameters<Store['writeAnalyses']>[0]): Promise<void> {
  await store.writeAnalyses(rows);
  await store.writeFailureDims(rows);
}

async function rollup(store: Store, org = 'acme'): Promise<Record<string, number>> {
  const rows = await store.rows<{ k: string; n: string }>(
    `SELECT concat(tag_key, '=', tag_value, ' ', outcome, if(contributing_factor = '', '', concat('/', contributing_factor))) AS k,
       sum(runs) AS n FROM faultline.tags_hourly WHERE org_id = {org:String} GROUP BY k HAVING n != 0 ORDER BY k`,
    { org },
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

const insightQuery = (o: Partial<Parameters<Store['dimensionInsight']>[0]> = {}) => ({
  org: 'acme',
  kind: 'episode' as const,
  ...range,
  minSupport: 1,
  alpha: 0.05,
  limit: 100,
  ...o,
});

t.test('successes and failures are counted with their tags, once, however often they are written', async (t) => {
  const store = await Store.open({ dataDir: freshDir() });
  t.teardown(() => store.close());
  const fw = (v: string) => ({ firmware: v, site: 'lyon' });
  await store.saveEpisodes([episode('s1', 'succeeded', fw('2.2')), episode('s2', 'succeeded', fw('2.2'))]);
  await store.saveEpisodes([episode('f1', 'failed', fw('2.3.1'))]);
  await writeFailures(store, [{ analysis: failure('f1', 'actuator_fault'), occurredAt: iso(at + 60_000), tags: fw('2.3.1') }]);
  const once = await rollup(store);
  t.same(
    once,
    {
      '= failure/actuator_fault': 1,
      '= success': 2,
      'firmware=2.2 success': 2,
      'firmware=2.3.1 failure/actuator_fault': 1,
      'site=lyon failure/actuator_fault': 1,
      'site=lyon success': 2,
    },
    'two successes and one failure, by tag',
  );
  // Redeliveries: the same episodes and the same analysis again.
  await store.saveEpisodes([episode('s1', 'succeeded', fw('2.2')), episode('s2', 'succeeded', fw('2.2'))]);
  await writeFailures(store, [{ analysis: failure('f1', 'actuator_fault'), occurredAt: iso(at + 60_000), tags: fw('2.3.1') }]);
  t.same(await rollup(store), once, 'a redelivery counts nothing');
  // s2 is marked failed (battery_low), with a firmware update in the same record.
  await store.saveEpisodes([episode('s2', 'failed', fw('2.3.1'))]);
  await writeFailures(store, [{ analysis: failure('s2', 'battery_low'), occurredAt: iso(at + 60_000), tags: fw('2.3.1') }]);
  t.same(
    await rollup(store),
    {
      '= failure/actuator_fault': 1,
      '= failure/battery_low': 1,
      '= success': 1,
      'firmware=2.2 success': 1,
      'firmware=2.3.1 failure/actuator_fault': 1,
      'firmware=2.3.1 failure/battery_low': 1,
      'site=lyon failure/actuator_fault': 1,
      'site=lyon failure/battery_low': 1,
      'site=lyon success': 1,
    },
    'an outcome change moves the run: out of success and firmware 2.2, into battery_low and 2.3.1',
  );
  const back = await store.getEpisode('acme', 's1');
  t.same(back?.tags, fw('2.2'), 'the episode reads back with its tags');
});

t.test('the insight: shares, lift, test, selection by category, factor or fingerprint, and org isolation', async (t) => {
  const store = await Store.open({ dataDir: freshDir() });
  t.teardown(() => store.close());
  // acme: 40 runs; firmware bad on 10 of them, 8 of which fail with actuator_fault; 2 battery_low on good firmware.
  const eps: EpisodeRecord[] = [];
  const analyses: Parameters<Store['writeAnalyses']>[0] = [];
  for (let i = 0; i < 40; i++) {
    const tags = { firmware: i < 10 ? 'bad' : 'good', model: i % 2 ? 'm1' : 'm2' };
    const fails = i < 8 ? 'actuator_fault' : i === 20 || i === 21 ? 'battery_low' : null;
    eps.push(episode(`e${i}`, fails ? 'failed' : 'succeeded', tags));
    if (fails) analyses.push({ analysis: failure(`e${i}`, fails), occurredAt: iso(at + 60_000), tags });
  }
  // Another org: the same ids, every failure on firmware 'good' — must never be counted for acme.
  for (let i = 0; i < 40; i++) {
    const tags = { firmware: 'good', model: 'm1' };
    eps.push(episode(`e${i}`, i < 20 ? 'failed' : 'succeeded', tags, 'globex'));
    if (i < 20) analyses.push({ analysis: failure(`e${i}`, 'actuator_fault', 'globex'), occurredAt: iso(at + 60_000), tags });
  }
  await store.saveEpisodes(eps);
  await writeFailures(store, analyses);

  const byFactor = await store.dimensionInsight(insightQuery({ factor: 'actuator_fault', minSupport: 3 }));
  t.equal(byFactor.runs, 40, 'all runs of acme in the range (not globex: 40 more)');
  t.equal(byFactor.selected, 8, 'the 8 actuator_fault failures of acme');
  const top = byFactor.values[0];
  t.match(top, { key: 'firmware', value: 'bad', selected: 8, selected_with_key: 8, runs: 10, runs_with_key: 40 });
  t.equal(top?.selected_share, 1);
  t.equal(top?.baseline_share, 0.25);
  t.equal(top?.lift, 4, 'lift = 100% / 25%');
  t.ok(top?.significant, `firmware bad is significant (p adjusted ${top?.p_adjusted})`);
  const models = byFactor.values.filter((v) => v.key === 'model');
  t.ok(models.length > 0, 'positive control: the model dimension is there');
  t.notOk(
    models.some((v) => v.significant),
    `no model value is significant: ${JSON.stringify(models.map((m) => [m.value, m.p_adjusted]))}`,
  );
  t.same(
    byFactor.dimensions.map((d) => [d.key, d.significant_values]),
    [
      ['firmware', 1],
      ['model', 0],
    ],
  );

  const byCategory = await store.dimensionInsight(insightQuery({ category: 'hardware_fault' }));
  t.equal(byCategory.selected, 10, 'category selects both factors');
  const byFingerprint = await store.dimensionInsight(insightQuery({ fingerprint: 'fp-battery_low' }));
  t.equal(byFingerprint.selected, 2, 'the fingerprint selects the 2 battery_low failures');
  t.match(byFingerprint.values[0], { key: 'firmware', value: 'good', selected: 2, runs: 30 });
  // A re-analysis moves e20 to another fingerprint (same factor): it leaves its old fingerprint's selection.
  await writeFailures(store, [
    {
      analysis: failure('e20', 'battery_low', 'acme', 'fp-battery-2'),
      occurredAt: iso(at + 60_000),
      tags: { firmware: 'good', model: 'm2' },
    },
  ]);
  t.equal((await store.dimensionInsight(insightQuery({ fingerprint: 'fp-battery_low' }))).selected, 1, 'e21 only');
  t.match(
    (await store.dimensionInsight(insightQuery({ fingerprint: 'fp-battery-2' }))).values.find((v) => v.key === 'firmware'),
    {
      value: 'good',
      selected: 1,
    },
  );
  t.equal((await store.dimensionInsight(insightQuery({ factor: 'battery_low' }))).selected, 2, 'the factor still counts both');
  const other = await store.dimensionInsight(insightQuery({ org: 'globex', factor: 'actuator_fault' }));
  t.match(other, { runs: 40, selected: 20 }, 'globex reads its own');
  const empty = await store.dimensionInsight(insightQuery({ org: 'nobody' }));
  t.match(empty, { runs: 0, selected: 0, values: [], dimensions: [] }, 'an org with nothing has nothing');
});

t.test('a store filled by the previous schema migrates: its failures and successes are counted', async (t) => {
  const dir = freshDir();
  const before0009 = migrationFiles()
    .filter((f) => f < '0009')
    .at(-1) as string;
  const old = await Store.connect({ dataDir: dir });
  t.same((await old.migrate(before0009)).at(-1), before0009);
  const ch = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  await old.client.command({
    query: `INSERT INTO faultline.episodes (org_id, episode_id, robot_id, source, status, started_at, ended_at, duration_s, metadata,
      updated_at, version) VALUES
      ('acme', 'old-s1', 'r1', 'live', 'succeeded', '${ch(at)}', NULL, 10, '{}', '${ch(at)}', 1),
      ('acme', 'old-s2', 'r1', 'live', 'running', '${ch(at)}', NULL, 10, '{}', '${ch(at)}', 1),
      ('acme', 'old-s2', 'r1', 'live', 'succeeded', '${ch(at)}', NULL, 10, '{}', '${ch(at)}', 2),
      ('acme', 'old-f1', 'r1', 'live', 'failed', '${ch(at)}', NULL, 10, '{}', '${ch(at)}', 1)`,
  });
  // The analysis as the previous writer stored it (two versions: a re-analysis), rollup_change as 0007 wrote it.
  await old.client.command({
    query: `INSERT INTO faultline.analyses (org_id, subject_kind, subject_id, analyzer_version, analyzed_at, occurred_at, robot_id,
      service, fingerprint, signature, primary_code, category, contributing_factor, severity, confidence, finding_codes, findings,
      pattern, source, rule_errors, llm, version, rollup_change) VALUES
      ('acme', 'episode', 'old-f1', '1.0.0', '${ch(at)}', '${ch(at)}', 'r1', '', 'fp-x', 's', 'battery_low', 'hardware_fault',
       'battery_low', 'high', 0.9, ['battery_low'], '[]', '', 'heuristic', '', '', 1, 1),
      ('acme', 'episode', 'old-f1', '1.0.0', '${ch(at)}', '${ch(at)}', 'r1', '', 'fp-x', 's', 'battery_low', 'hardware_fault',
       'battery_low', 'high', 0.9, ['battery_low'], '[]', '', 'heuristic', '', '', 2, 0)`,
  });
  const count = await old.rows<{ n: string }>(`SELECT count() AS n FROM faultline.analyses FINAL`);
  t.equal(Number(count[0]?.n), 1, 'positive control: the old store holds one analysis');
  await old.close();

  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  t.same(await rollup(store), { '= failure/battery_low': 1, '= success': 2 }, 'the old runs are counted (no tags yet)');
  await store.saveEpisodes([episode('new-1', 'succeeded', { firmware: '3.0' })]);
  t.same(await rollup(store), { '= failure/battery_low': 1, '= success': 3, 'firmware=3.0 success': 1 }, 'new runs add to them');
  t.same((await store.getEpisode('acme', 'old-s1'))?.tags, undefined, 'an old episode reads back without tags');
});

t.test('a store filled before 0012 migrates: the fingerprint rollup is filled from run_dims', async (t) => {
  const dir = freshDir();
  const old = await Store.connect({ dataDir: dir });
  const before = migrationFiles()
    .filter((f) => f < '0012')
    .at(-1) as string;
  t.same((await old.migrate(before)).at(-1), before);
  // Written as the writer of that schema did: run_dims had no prev_fingerprint column before 0012.
  const insert = old.insert.bind(old);
  old.insert = (table, values) => insert(table, table === 'run_dims' ? values.map(({ prev_fingerprint: _, ...v }) => v) : values);
  await old.saveEpisodes([episode('s1', 'succeeded', { firmware: 'good' }), episode('f1', 'failed', { firmware: 'bad' })]);
  await old.writeFailureDims([
    { analysis: failure('f1', 'actuator_fault'), occurredAt: iso(at + 60_000), tags: { firmware: 'bad' } },
  ]);
  await old.close();
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const byFingerprint = await store.dimensionInsight(insightQuery({ fingerprint: 'fp-actuator_fault' }));
  t.match(byFingerprint, { selected: 1, runs: 2 });
  t.match(byFingerprint.values[0], { key: 'firmware', value: 'bad', selected: 1, runs: 1 });
});
