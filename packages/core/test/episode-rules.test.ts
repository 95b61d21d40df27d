/**
 * The V1 episode rules of the seed "Failure intelligence", each at its thresholds, and the
 * harness around them: ranking, rule errors, analyzer_version and the per-record deadline.
 */
import t from 'tap';
import {
  ANALYZER_VERSION,
  type Analysis,
  analyzeEpisode,
  DEFAULT_RULE_CONFIG,
  Deadline,
  DeadlineExceeded,
  type EpisodeContext,
  type EpisodeRecord,
  type EpisodeRule,
  type EvalResultRecord,
  RULES,
  type VerificationResultRecord,
  validateAnalysis,
} from '../src/index.js';

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

function ctx(episode: Partial<EpisodeRecord> = {}, more: Partial<EpisodeContext> = {}): EpisodeContext {
  return {
    episode: { ...baseEpisode, ...episode },
    successfulDurations: [],
    evalResults: [],
    verificationResults: [],
    config: { ...DEFAULT_RULE_CONFIG },
    ...more,
  };
}

const codes = (a: Analysis) => a.findings.map((f) => f.code);
const find = (a: Analysis, code: string) => a.findings.find((f) => f.code === code);
const fires = (c: EpisodeContext, code: string) => codes(analyzeEpisode(c)).includes(code);

const evalResult = (metrics: EvalResultRecord['metrics'], extra: Partial<EvalResultRecord> = {}): EvalResultRecord => ({
  kind: 'eval_result',
  eval_run_id: 'ev-12',
  baseline_episode_id: 'b-1',
  candidate_episode_id: 'ep-1',
  metrics,
  ...extra,
});

const verification = (status: VerificationResultRecord['status'], extra: Partial<VerificationResultRecord> = {}) =>
  ({ kind: 'verification_result', scenario_id: 'sc-pick-place', candidate_episode_id: 'ep-1', status, ...extra }) as const;

t.test('battery_low: below 15% fires, 15% does not', async (t) => {
  const battery = (percent: number) => ctx({ metadata: { typed: [{ type: 'Battery', percent }] } });
  const a = analyzeEpisode(battery(14.9));
  const f = find(a, 'battery_low');
  t.ok(f, '14.9% fires');
  t.equal(f?.evidence.battery_percent, 14.9);
  t.match(f?.title, /14\.9%/, 'the title names the charge');
  t.notOk(fires(battery(15), 'battery_low'), '15% does not fire');
  t.notOk(fires(battery(80), 'battery_low'), '80% does not fire');
  t.ok(
    fires(
      ctx({
        metadata: {
          typed: [
            { type: 'Battery', percent: 60 },
            { type: 'Battery', percent: 9 },
          ],
        },
      }),
      'battery_low',
    ),
    'any low reading among several fires',
  );
  t.notOk(fires(ctx({ metadata: { typed: [{ type: 'Battery' }] } }), 'battery_low'), 'a reading without percent does not fire');
});

t.test('duration_anomaly: needs ≥5 successful samples, fires below 50% of their median', async (t) => {
  t.notOk(fires(ctx({ duration_s: 10 }, { successfulDurations: [100, 100, 100, 100] }), 'duration_anomaly'), '4 samples: silent');
  const f = find(analyzeEpisode(ctx({ duration_s: 10 }, { successfulDurations: [100, 100, 100, 100, 100] })), 'duration_anomaly');
  t.ok(f, '5 samples: fires');
  t.equal(f?.evidence.median_success_s, 100);
  t.equal(f?.evidence.samples, 5);

  const five = [100, 100, 100, 100, 100];
  t.ok(fires(ctx({ duration_s: 49 }, { successfulDurations: five }), 'duration_anomaly'), '49% of the median fires');
  t.notOk(fires(ctx({ duration_s: 50 }, { successfulDurations: five }), 'duration_anomaly'), '50% of the median does not');
  t.notOk(fires(ctx({ duration_s: 90 }, { successfulDurations: five }), 'duration_anomaly'), 'a normal duration does not');

  // The median, not the mean: one very long run must not make a normal run look short.
  const skewed = [100, 100, 100, 100, 1000];
  t.notOk(fires(ctx({ duration_s: 60 }, { successfulDurations: skewed }), 'duration_anomaly'), 'median 100, 60 s is fine');
  // Even count, unsorted: median of [30, 10, 20, 40, 50, 60] is 35.
  const even = [30, 10, 20, 40, 50, 60];
  t.ok(fires(ctx({ duration_s: 17 }, { successfulDurations: even }), 'duration_anomaly'), '17 < 17.5 fires');
  t.notOk(fires(ctx({ duration_s: 17.5 }, { successfulDurations: even }), 'duration_anomaly'), '17.5 = 50% of 35 does not');
  t.notOk(fires(ctx({ duration_s: undefined }, { successfulDurations: five }), 'duration_anomaly'), 'no duration: silent');
});

t.test('gymnasium_truncated: terminated=false and truncated=true only', async (t) => {
  t.ok(fires(ctx({ metadata: { terminated: false, truncated: true } }), 'gymnasium_truncated'), 'false/true fires');
  t.notOk(fires(ctx({ metadata: { terminated: true, truncated: true } }), 'gymnasium_truncated'), 'terminated=true: silent');
  t.notOk(fires(ctx({ metadata: { terminated: false, truncated: false } }), 'gymnasium_truncated'), 'not truncated: silent');
  t.notOk(fires(ctx({ metadata: { truncated: true } }), 'gymnasium_truncated'), 'terminated unknown: silent');
  const f = find(analyzeEpisode(ctx({ metadata: { terminated: false, truncated: true } })), 'gymnasium_truncated');
  t.equal(`${f?.category}/${f?.contributing_factor}`, 'policy_failure/env_truncated');
});

t.test('explicit_outcome: an EpisodeOutcome with success=false', async (t) => {
  const a = analyzeEpisode(ctx({ metadata: { typed: [{ type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' }] } }));
  const f = find(a, 'explicit_outcome');
  t.ok(f, 'fires');
  t.equal(f?.evidence.reason, 'cup not in bin', 'the user reason is the evidence');
  t.match(f?.title, /cup not in bin/);
  t.equal(f?.category, 'policy_failure');
  t.equal(f?.contributing_factor, 'task_not_achieved');
  t.notOk(fires(ctx({ metadata: { typed: [{ type: 'EpisodeOutcome', success: true }] } }), 'explicit_outcome'), 'success=true');
  t.notOk(
    fires(ctx({ metadata: { typed: [{ type: 'Outcome', success: false }] } }), 'explicit_outcome'),
    'another payload type does not count',
  );
});

t.test('failure_reason_in_metadata: first line verbatim, classified by the pattern library', async (t) => {
  const traceback = [
    'Traceback (most recent call last):',
    '  File "/home/robot/rollout.py", line 31, in <module>',
    "    client = OpenAI(api_key=os.environ['OPENAI_API_KEY'])",
    '  File "/usr/lib/python3.11/os.py", line 679, in __getitem__',
    '    raise KeyError(key) from None',
    "KeyError: 'OPENAI_API_KEY'",
  ].join('\n');
  const f = find(analyzeEpisode(ctx({ metadata: { failure_reason: traceback } })), 'failure_reason_in_metadata');
  t.ok(f, 'fires');
  t.equal(f?.evidence.first_line, 'Traceback (most recent call last):', 'the first line, verbatim');
  t.equal(f?.evidence.exception, "KeyError: 'OPENAI_API_KEY'", 'the exception line');
  t.match(f?.title, /KeyError: 'OPENAI_API_KEY'/);
  t.equal(f?.category, 'config_error', 'an env-var KeyError is a config error');
  t.equal(f?.contributing_factor, 'missing_env_var');
  t.equal(f?.confidence_band, 'high');

  const oneLine = find(
    analyzeEpisode(ctx({ metadata: { failure_reason: 'RuntimeError: gripper controller returned 7\nmore detail' } })),
    'failure_reason_in_metadata',
  );
  t.equal(oneLine?.evidence.first_line, 'RuntimeError: gripper controller returned 7');

  const odd = find(
    analyzeEpisode(
      ctx({
        metadata: {
          failure_reason:
            'Traceback (most recent call last):\n  File "rollout.py", line 12, in step\nWobbleSequenceMeltdown: the flux capacitor hummed off-key',
        },
      }),
    ),
    'failure_reason_in_metadata',
  );
  t.equal(`${odd?.category}/${odd?.contributing_factor}`, 'runtime_error/unhandled_exception', 'unrecognised exception');
  t.notOk(fires(ctx({ metadata: { failure_reason: '   ' } }), 'failure_reason_in_metadata'), 'blank reason: silent');
  t.notOk(fires(ctx({ metadata: { failure_reason: null } }), 'failure_reason_in_metadata'), 'null reason: silent');
});

t.test('adapter_upload_error: the bytes could not be shipped', async (t) => {
  const f = find(
    analyzeEpisode(ctx({ metadata: { adapter_upload_error: { adapter: 'ros2', message: 'PUT ep-1.npz 503' } } })),
    'adapter_upload_error',
  );
  t.ok(f);
  t.equal(f?.evidence.adapter, 'ros2');
  t.equal(f?.evidence.message, 'PUT ep-1.npz 503');
  t.match(f?.title, /ros2/);
  t.equal(`${f?.category}/${f?.contributing_factor}`, 'upload_error/object_storage_upload');
  t.ok(fires(ctx({ metadata: { adapter_upload_error: 'connection reset' } }), 'adapter_upload_error'), 'a string error');
  t.notOk(fires(ctx({ metadata: { adapter_upload_error: null } }), 'adapter_upload_error'), 'null: silent');
  t.notOk(fires(ctx({ metadata: { adapter_upload_error: '' } }), 'adapter_upload_error'), 'empty: silent');
});

t.test('replay_regression: a replay candidate worse than its baseline', async (t) => {
  const replay = (metrics: EvalResultRecord['metrics'], episode: Partial<EpisodeRecord> = {}, extra = {}) =>
    ctx({ source: 'replay', metadata: { eval_run_id: 'ev-12' }, ...episode }, { evalResults: [evalResult(metrics, extra)] });

  const f = find(analyzeEpisode(replay({ success_delta: -1, reward_delta: -0.42 })), 'replay_regression');
  t.ok(f, 'success_delta < 0 fires');
  t.same(
    { ...f?.evidence },
    { eval_run_id: 'ev-12', baseline_episode_id: 'b-1', success_delta: -1, reward_delta: -0.42, reward_tolerance: -0.05 },
  );
  t.ok(fires(replay({ success_delta: -0.5 }), 'replay_regression'), 'success_delta alone');
  t.ok(fires(replay({ success_delta: 0, reward_delta: -0.06 }), 'replay_regression'), 'reward_delta -0.06 fires');
  t.notOk(fires(replay({ success_delta: 0, reward_delta: -0.04 }), 'replay_regression'), 'reward_delta -0.04: within tolerance');
  t.notOk(fires(replay({ success_delta: 0, reward_delta: -0.05 }), 'replay_regression'), 'exactly the tolerance: not below');
  t.notOk(fires(replay({ success_delta: 0, reward_delta: 0.3 }), 'replay_regression'), 'an improvement');

  const strict = replay({ success_delta: 0, reward_delta: -0.06 });
  strict.config = { rewardTolerance: -0.1 };
  t.notOk(fires(strict, 'replay_regression'), 'a configured tolerance of -0.1 lets -0.06 pass');

  t.notOk(fires(replay({ success_delta: -1 }, { source: 'live' }), 'replay_regression'), 'not a replay: silent');
  t.notOk(fires(replay({ success_delta: -1 }, { metadata: {} }), 'replay_regression'), 'no eval_run_id: silent');
  t.notOk(fires(replay({ success_delta: -1 }, {}, { eval_run_id: 'ev-99' }), 'replay_regression'), 'another eval run: silent');
  t.notOk(
    fires(replay({ success_delta: -1 }, {}, { candidate_episode_id: 'ep-2' }), 'replay_regression'),
    'another candidate: silent',
  );
});

t.test('verification_failed: a failing scenario on this candidate', async (t) => {
  const f = find(
    analyzeEpisode(ctx({}, { verificationResults: [verification('fail'), verification('fail', { scenario_id: 'sc-drawer' })] })),
    'verification_failed',
  );
  t.ok(f);
  t.same(f?.evidence.scenario_ids, ['sc-drawer', 'sc-pick-place']);
  t.match(f?.title, /sc-drawer/);
  t.equal(`${f?.category}/${f?.contributing_factor}`, 'verification_failure/scenario_failed');
  t.notOk(fires(ctx({}, { verificationResults: [verification('pass')] }), 'verification_failed'), 'pass: silent');
  t.notOk(
    fires(ctx({}, { verificationResults: [verification('fail', { candidate_episode_id: 'ep-2' })] }), 'verification_failed'),
    'another candidate: silent',
  );
});

t.test('status_failed_no_reason: the catch-all, only when nothing else fired', async (t) => {
  const a = analyzeEpisode(ctx());
  t.same(codes(a), ['status_failed_no_reason'], 'a bare failed episode still gets one finding');
  t.equal(a.findings[0]?.category, 'unknown');
  t.equal(a.findings[0]?.confidence_band, 'low');
  t.same(
    codes(analyzeEpisode(ctx({ metadata: { typed: [{ type: 'Battery', percent: 5 }] } }))),
    ['battery_low'],
    'silent when another rule fired',
  );
  t.same(
    codes(analyzeEpisode(ctx({ duration_s: 1 }, { successfulDurations: [50, 50, 50, 50, 50] }))),
    ['duration_anomaly'],
    'even a low-confidence finding counts',
  );
  t.notOk(fires(ctx({ status: 'succeeded' }), 'status_failed_no_reason'), 'not for a succeeded episode');
});

/** The confidence column of the seed's V1 table. */
const SEED_CONFIDENCE: Record<string, string> = {
  explicit_outcome: 'high',
  failure_reason_in_metadata: 'high',
  adapter_upload_error: 'high',
  replay_regression: 'high',
  verification_failed: 'high',
  battery_low: 'medium',
  gymnasium_truncated: 'medium',
  duration_anomaly: 'low',
  status_failed_no_reason: 'low',
};

/** Everything at once: every rule but the catch-all fires. */
const everything = ctx(
  {
    source: 'replay',
    duration_s: 10,
    metadata: {
      typed: [
        { type: 'EpisodeOutcome', success: false, reason: 'cup not in bin' },
        { type: 'Battery', percent: 12.5 },
      ],
      failure_reason: 'Traceback (most recent call last):\n  File "x.py", line 1\nZorgleFlux: it went sideways',
      adapter_upload_error: { adapter: 'ros2', message: 'PUT ... 503' },
      terminated: false,
      truncated: true,
      eval_run_id: 'ev-12',
    },
  },
  {
    successfulDurations: [40, 41, 42, 43, 44],
    evalResults: [evalResult({ success_delta: -1, reward_delta: -0.42 })],
    verificationResults: [verification('fail')],
  },
);

t.test('each rule has the confidence band of the seed table', async (t) => {
  const a = analyzeEpisode(everything);
  t.equal(a.findings.length, 8, 'eight rules fire, the catch-all does not');
  for (const f of a.findings) t.equal(f.confidence_band, SEED_CONFIDENCE[f.code], `${f.code} is ${SEED_CONFIDENCE[f.code]}`);
  t.equal(analyzeEpisode(ctx()).findings[0]?.confidence_band, SEED_CONFIDENCE.status_failed_no_reason);
});

t.test('findings are ranked: highest confidence first, high band before medium before low', async (t) => {
  const a = analyzeEpisode(everything);
  const conf = a.findings.map((f) => f.confidence);
  t.same(
    conf,
    [...conf].sort((x, y) => y - x),
    'confidence never increases down the list',
  );
  const bands = a.findings.map((f) => f.confidence_band);
  const order = { high: 0, medium: 1, low: 2 };
  t.same(
    bands,
    [...bands].sort((x, y) => order[x] - order[y]),
    'bands in order',
  );
  t.equal(a.findings[0]?.code, 'explicit_outcome', "the user's own label leads");
  t.equal(a.findings.at(-1)?.code, 'duration_anomaly', 'the weak signal comes last');
  t.same(new Set(bands), new Set(['high', 'medium', 'low']), 'all three bands present, so the order is really tested');
  // The ranking does not depend on the order the rules run in (the catch-all stays last).
  const reversed = analyzeEpisode(everything, undefined, [...RULES.slice(0, -1).reverse(), ...RULES.slice(-1)]);
  t.same(codes(reversed), codes(a), 'same ranking whatever the rule order');
  t.ok(validateAnalysis(a).ok, 'the analysis is valid against the schema');
});

t.test('a rule that throws is recorded in rule_errors; the other findings are kept', async (t) => {
  const broken: EpisodeRule = {
    code: 'broken_rule',
    run() {
      throw new Error('kaput while reading token sk-proj-AbCdEfGhIjKlMnOpQrStUvWx');
    },
  };
  const rules = [...RULES.slice(0, 3), broken, ...RULES.slice(3)];
  const a = analyzeEpisode(ctx({ metadata: { typed: [{ type: 'Battery', percent: 3 }] } }), undefined, rules);
  t.same(codes(a), ['battery_low'], 'the findings of the other rules are kept');
  t.equal(a.rule_errors?.length, 1);
  t.equal(a.rule_errors?.[0]?.code, 'broken_rule');
  t.match(a.rule_errors?.[0]?.error, /kaput/);
  t.notMatch(a.rule_errors?.[0]?.error, /AbCdEfGhIjKl/, 'the error text is redacted');
  t.ok(validateAnalysis(a).ok, 'still a valid analysis');

  const clean = analyzeEpisode(ctx());
  t.equal(clean.rule_errors, undefined, 'no rule_errors when nothing threw');
});

t.test('the analysis carries analyzer_version and its subject', async (t) => {
  const a = analyzeEpisode(ctx(), undefined, RULES, new Date('2026-11-01T10:05:00Z'));
  t.equal(a.analyzer_version, ANALYZER_VERSION);
  t.match(a.analyzer_version, /^\d+\.\d+\.\d+$/);
  t.equal(a.subject_kind, 'episode');
  t.equal(a.subject_id, 'ep-1');
  t.equal(a.org_id, 'acme');
  t.equal(a.analyzed_at, '2026-11-01T10:05:00.000Z');
  t.equal(analyzeEpisode(ctx({ org_id: undefined })).org_id, 'default', 'an episode without org_id');
});

t.test('an expired deadline makes analyzeEpisode throw DeadlineExceeded', async (t) => {
  const expired = new Deadline(50, Date.now() - 1000);
  let thrown: unknown;
  try {
    analyzeEpisode(everything, expired);
  } catch (err) {
    thrown = err;
  }
  t.ok(thrown instanceof DeadlineExceeded, 'DeadlineExceeded');
  t.match((thrown as Error).message, /50 ms/, 'the message names the budget');

  // A rule that runs past the deadline is not swallowed as a rule error.
  const slow: EpisodeRule = {
    code: 'slow_rule',
    run() {
      throw new DeadlineExceeded(10, 'slow_rule');
    },
  };
  t.throws(() => analyzeEpisode(ctx(), undefined, [slow, ...RULES]), { name: 'DeadlineExceeded' });

  const plenty = new Deadline(60_000);
  t.same(codes(analyzeEpisode(ctx(), plenty)), ['status_failed_no_reason'], 'a live deadline changes nothing');
});
