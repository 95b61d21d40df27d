/**
 * docs/taxonomy.md is the controlled vocabulary every analysis speaks; schemas/json/taxonomy.json
 * and the episode rules must say exactly the same words. The markdown is parsed here, so an edit
 * to one side without the other fails this test.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import t from 'tap';
import {
  analyzeEpisode,
  CATEGORIES,
  confidenceBand,
  DEFAULT_RULE_CONFIG,
  type EpisodeContext,
  type EpisodeRecord,
  factorBelongs,
  factorsOf,
  isCategory,
  RULES,
  SEVERITIES,
  taxonomy,
} from '../src/index.js';

// packages/core/dist/test/taxonomy.test.js → the repository root.
const markdown = readFileSync(new URL('../../../../docs/taxonomy.md', import.meta.url), 'utf8');

/** The lines of the section that starts with a `## ` heading containing `title`. */
function section(title: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.startsWith('## ') && l.includes(title));
  if (start < 0) throw new Error(`docs/taxonomy.md has no section "${title}"`);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('## ')) break;
    out.push(line);
  }
  return out;
}

/** The body rows of the first markdown table in `lines`, split into trimmed cells. */
function tableRows(lines: string[]): string[][] {
  const rows = lines.filter((l) => l.trim().startsWith('|'));
  // rows[0] is the header, rows[1] the |---| separator.
  return rows.slice(2).map((l) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim()),
  );
}

const ticked = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

const docCategories = tableRows(section('Categories and their contributing factors')).map((cells) => ({
  name: ticked(cells[0] ?? '')[0] ?? '',
  factors: ticked(cells[1] ?? ''),
}));

const docSeverities = ticked(section('Severity').join('\n'));

const docRules = tableRows(section('The rule codes of the episode analyzer')).map((cells) => {
  const pairs = [...(cells[1] ?? '').matchAll(/`([a-z_]+)`\s*\/\s*`([a-z_]+)`/g)];
  const pair = pairs[pairs.length - 1];
  return { code: ticked(cells[0] ?? '')[0] ?? '', category: pair?.[1] ?? '', factor: pair?.[2] ?? '' };
});

t.test('the markdown was parsed (a broken parser must not make the comparisons vacuous)', async (t) => {
  t.equal(docCategories.length, 24, '24 categories in docs/taxonomy.md v1');
  t.ok(
    docCategories.every((c) => c.name && c.factors.length > 0),
    'every category row has a name and at least one factor',
  );
  t.same(docSeverities, ['critical', 'high', 'medium', 'low']);
  t.equal(docRules.length, 9, 'nine V1 rule codes');
  t.ok(
    docRules.every((r) => r.code && r.category && r.factor),
    'every rule row has a code and a category / factor',
  );
});

t.test('taxonomy.json holds exactly the categories of taxonomy.md, in the same order', async (t) => {
  t.same(
    taxonomy.categories.map((c) => c.name),
    docCategories.map((c) => c.name),
  );
  t.same(
    [...CATEGORIES],
    docCategories.map((c) => c.name),
  );
  t.equal(new Set(CATEGORIES).size, CATEGORIES.length, 'no category twice');
});

t.test('every category has the same contributing factors, in the same order', async (t) => {
  for (const c of docCategories) {
    t.same(factorsOf(c.name), c.factors, `factors of ${c.name}`);
    t.ok(isCategory(c.name), `${c.name} is a category`);
    for (const f of c.factors) t.ok(factorBelongs(c.name, f), `${f} belongs to ${c.name}`);
  }
  t.same(factorsOf('no_such_category'), [], 'an unknown category has no factors');
  t.notOk(isCategory('no_such_category'));
  t.notOk(factorBelongs('runtime_error', 'gpu_oom'), 'a factor of another category does not belong');
});

t.test('severities are those of taxonomy.md, most severe first', async (t) => {
  t.same([...SEVERITIES], docSeverities);
  t.same(taxonomy.severities, docSeverities);
});

t.test('confidence bands: high ≥ 0.8, medium ≥ 0.5, low below', async (t) => {
  const text = section('Confidence').join(' ');
  const high = Number(/`high` ≥ ([\d.]+)/.exec(text)?.[1]);
  const medium = Number(/`medium` ≥ ([\d.]+)/.exec(text)?.[1]);
  t.equal(high, 0.8);
  t.equal(medium, 0.5);
  t.same(
    taxonomy.confidence_bands.map((b) => [b.band, b.min]),
    [
      ['high', high],
      ['medium', medium],
      ['low', 0],
    ],
  );
  t.equal(confidenceBand(high), 'high');
  t.equal(confidenceBand(high - 0.01), 'medium');
  t.equal(confidenceBand(medium), 'medium');
  t.equal(confidenceBand(medium - 0.01), 'low');
});

t.test('the JSON Schema vocabulary enums are the taxonomy', async (t) => {
  const require = createRequire(import.meta.url);
  const vocab = require('@faultline/schemas/json/vocabulary.schema.json') as {
    $defs: Record<string, { enum?: string[] }>;
  };
  t.same(
    vocab.$defs.category?.enum,
    docCategories.map((c) => c.name),
  );
  t.same([...(vocab.$defs.contributing_factor?.enum ?? [])].sort(), [...new Set(docCategories.flatMap((c) => c.factors))].sort());
  t.same(vocab.$defs.severity?.enum, docSeverities);
});

// ───────────── the episode rules ─────────────

const baseEpisode: EpisodeRecord = {
  kind: 'episode',
  episode_id: 'ep-1',
  org_id: 'acme',
  robot_id: 'r-7',
  source: 'live',
  status: 'failed',
  started_at: '2026-11-01T10:00:00Z',
  duration_s: 41.5,
};

function ctx(episode: Partial<EpisodeRecord>, more: Partial<EpisodeContext> = {}): EpisodeContext {
  return {
    episode: { ...baseEpisode, ...episode },
    successfulDurations: [],
    evalResults: [],
    verificationResults: [],
    config: { ...DEFAULT_RULE_CONFIG },
    ...more,
  };
}

/** One context per rule code that makes that rule fire. */
const firing: Record<string, EpisodeContext> = {
  explicit_outcome: ctx({ metadata: { typed: [{ type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' }] } }),
  // An exception that no pattern recognises: the table's fallback reading.
  failure_reason_in_metadata: ctx({
    metadata: {
      failure_reason:
        'Traceback (most recent call last):\n  File "rollout.py", line 12, in step\n    self.arm.wave()\nWobbleSequenceMeltdown: the flux capacitor hummed off-key',
    },
  }),
  adapter_upload_error: ctx({ metadata: { adapter_upload_error: { adapter: 'ros2', message: 'PUT bucket/ep-1.npz 503' } } }),
  replay_regression: ctx(
    { source: 'replay', metadata: { eval_run_id: 'ev-12' } },
    {
      evalResults: [
        {
          kind: 'eval_result',
          eval_run_id: 'ev-12',
          baseline_episode_id: 'b-1',
          candidate_episode_id: 'ep-1',
          metrics: { success_delta: -1, reward_delta: -0.42 },
        },
      ],
    },
  ),
  verification_failed: ctx(
    {},
    {
      verificationResults: [
        { kind: 'verification_result', scenario_id: 'sc-pick-place', candidate_episode_id: 'ep-1', status: 'fail' },
      ],
    },
  ),
  battery_low: ctx({ metadata: { typed: [{ type: 'Battery', percent: 12.5 }] } }),
  gymnasium_truncated: ctx({ metadata: { terminated: false, truncated: true } }),
  duration_anomaly: ctx({ duration_s: 10 }, { successfulDurations: [40, 41, 42, 43, 44] }),
  status_failed_no_reason: ctx({}),
};

t.test('the rule codes are exactly those of the taxonomy.md rule table, in its order', async (t) => {
  t.same(
    RULES.map((r) => r.code),
    docRules.map((r) => r.code),
  );
});

t.test("each rule's finding has the category / factor of the rule table", async (t) => {
  for (const row of docRules) {
    const rule = RULES.find((r) => r.code === row.code);
    const c = firing[row.code];
    if (!rule || !c) {
      t.fail(`no rule or no firing context for ${row.code}`);
      continue;
    }
    const f = rule.run(c, []);
    t.ok(f, `${row.code} fires on its context`);
    t.equal(f?.code, row.code, `${row.code}: code`);
    t.equal(f?.category, row.category, `${row.code}: category`);
    t.equal(f?.contributing_factor, row.factor, `${row.code}: contributing factor`);
    // And through the analyzer, as a user sees it.
    const analysis = analyzeEpisode(c);
    const seen = analysis.findings.find((x) => x.code === row.code);
    t.equal(`${seen?.category}/${seen?.contributing_factor}`, `${row.category}/${row.factor}`, `${row.code} via analyzeEpisode`);
    t.ok(seen && SEVERITIES.includes(seen.severity), `${row.code}: severity is a taxonomy word`);
  }
});
