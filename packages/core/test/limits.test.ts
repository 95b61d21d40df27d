/**
 * The shared limits (limits.ts): the JSON Schemas carry exactly these sizes, records that
 * break a limit are refused naming the field, and output text is cut, never refused.
 */
import { createRequire } from 'node:module';
import t from 'tap';
import {
  analyzeEpisode,
  CONTRACT_EXAMPLES,
  checkLimits,
  DEFAULT_RULE_CONFIG,
  type EpisodeRecord,
  FINDING_ACTION_MAX_CHARS,
  FINDING_DESCRIPTION_MAX_CHARS,
  FINDING_TITLE_MAX_CHARS,
  ID_FIELDS,
  ID_MAX_CHARS,
  isStorableTimestamp,
  LABEL_MAX_CHARS,
  MAX_DEPTH,
  ORG_MAX_CHARS,
  PATTERN_TITLE_MAX_CHARS,
  TIME_FIELDS,
  validateAnalysis,
  validateRecord,
} from '../src/index.js';

const require = createRequire(import.meta.url);
type Schema = { properties: Record<string, { maxLength?: number; format?: string }> };
const schema = (name: string) => require(`@faultline/schemas/json/${name}.schema.json`) as Schema;

t.test('the JSON Schemas carry the limits of limits.ts', async (t) => {
  for (const [kind, fields] of Object.entries(ID_FIELDS)) {
    const props = schema(kind).properties;
    for (const f of fields) t.equal(props[f]?.maxLength, ID_MAX_CHARS, `${kind}.${f}`);
    t.equal(props.org_id?.maxLength, ORG_MAX_CHARS, `${kind}.org_id`);
    for (const f of TIME_FIELDS[kind] ?? []) t.equal(props[f]?.format, 'date-time', `${kind}.${f} is a date-time`);
  }
  t.equal(schema('log').properties.experiment_type?.maxLength, LABEL_MAX_CHARS);
  t.equal(schema('trace').properties.service?.maxLength, LABEL_MAX_CHARS);
  const finding = schema('finding').properties;
  t.equal(finding.title?.maxLength, FINDING_TITLE_MAX_CHARS);
  t.equal(finding.description?.maxLength, FINDING_DESCRIPTION_MAX_CHARS);
  t.equal(finding.suggested_action?.maxLength, FINDING_ACTION_MAX_CHARS);
  t.equal(schema('pattern').properties.title?.maxLength, PATTERN_TITLE_MAX_CHARS);
  t.equal(schema('pattern').properties.subject_ref?.maxLength, ID_MAX_CHARS);
  t.equal(schema('analysis').properties.subject_id?.maxLength, ID_MAX_CHARS);
});

const reason = (v: unknown) => {
  const r = validateRecord(v);
  return r.ok ? '(accepted)' : r.reason;
};
const log = { kind: 'log', log_id: 'l-1', error_message: 'boom' };

t.test('records that break a limit are refused naming the field', async (t) => {
  t.equal(reason(log), '(accepted)', 'control: an ordinary log');
  t.equal(reason({ ...log, log_id: 'x'.repeat(ID_MAX_CHARS) }), '(accepted)', 'an id at the limit');
  t.equal(reason({ ...log, log_id: '😀'.repeat(ID_MAX_CHARS) }), '(accepted)', 'the limit counts code points');
  t.match(reason({ ...log, log_id: 'x'.repeat(ID_MAX_CHARS + 1) }), /^log_id: /);
  t.match(reason({ ...log, log_id: '..' }), /^log_id: "\.\." cannot be named in a URL path/);
  const ev = {
    kind: 'eval_result',
    eval_run_id: 'e',
    candidate_episode_id: 'c',
    metrics: { success_delta: Number.POSITIVE_INFINITY },
  };
  t.match(reason(ev), /^metrics\.success_delta: must be a finite number \(got Infinity\)/);
  t.match(reason({ ...ev, metrics: { reward_delta: Number.NaN } }), /^metrics\.reward_delta: must be a finite number/);
  const ep = CONTRACT_EXAMPLES.episode;
  t.equal(reason(ep), '(accepted)', 'control: the contract episode');
  t.match(
    reason({ ...ep, metadata: { typed: [{ type: 'Battery', percent: -Infinity }] } }),
    /^metadata\.typed\.0\.percent: must be a finite/,
  );
  t.match(reason({ ...ep, ended_at: '2016-12-31T23:59:60Z' }), /^ended_at: a leap second/);
  t.match(reason({ ...ep, started_at: '1066-10-14T09:00:00Z' }), /^started_at: outside the years 1900-2299/);
  let deep: unknown = 'leaf';
  for (let i = 0; i < MAX_DEPTH - 1; i++) deep = [deep];
  t.equal(reason({ ...log, extra: deep }), '(accepted)', 'nesting at the limit');
  t.match(reason({ ...log, extra: [deep] }), new RegExp(`nested deeper than ${MAX_DEPTH} levels`));
  t.match(
    reason(JSON.parse('{"kind":"log","log_id":"p","error_message":"x","a":{"__proto__":{"polluted":1}}}')),
    /^a\.__proto__: /,
  );
  t.match(
    reason(JSON.parse('{"kind":"log","log_id":"p","error_message":"x","constructor":{"prototype":{}}}')),
    /constructor\.prototype/,
  );
  t.equal(checkLimits({ constructor: 'a plain key' }), null, 'a key named constructor alone is data');
});

t.test('timestamps: RFC 3339 instants the store holds', async (t) => {
  t.ok(isStorableTimestamp('2026-11-01T10:00:00Z'));
  t.ok(isStorableTimestamp('2026-11-01T10:00:00.123+02:00'));
  t.notOk(isStorableTimestamp('2016-12-31T23:59:60Z'), 'leap second');
  t.notOk(isStorableTimestamp('2026-13-01T10:00:00Z'), 'month 13');
  t.notOk(isStorableTimestamp('2300-01-01T00:00:00Z'), 'past DateTime64');
  t.notOk(isStorableTimestamp('yesterday'));
});

t.test('long titles are cut; the analysis stays valid', async (t) => {
  const episode = {
    ...CONTRACT_EXAMPLES.episode,
    metadata: { adapter_upload_error: { adapter: `a${'x'.repeat(5000)}`, message: 'PUT 503' } },
  } as EpisodeRecord;
  const analysis = analyzeEpisode({
    episode,
    successfulDurations: [],
    evalResults: [],
    verificationResults: ['1', '2', '3'].map((n) => ({
      kind: 'verification_result' as const,
      scenario_id: `${n}${'s'.repeat(ID_MAX_CHARS - 1)}`,
      candidate_episode_id: episode.episode_id,
      status: 'fail' as const,
    })),
    config: DEFAULT_RULE_CONFIG,
  });
  const codes = analysis.findings.map((f) => f.code);
  t.ok(codes.includes('adapter_upload_error') && codes.includes('verification_failed'), codes.join(','));
  t.same(validateAnalysis(analysis), { ok: true }, 'the output schema accepts it');
});
