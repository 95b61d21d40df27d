/**
 * Schema validation of the five input records of contract.md (its own examples, read from the
 * markdown and compared with core's CONTRACT_EXAMPLES), rejections that name the field, and the
 * output check of an analysis before it may be stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import {
  type Analysis,
  analyzeEpisode,
  analyzeLog,
  analyzeTrace,
  CONTRACT_EXAMPLES,
  DEFAULT_RULE_CONFIG,
  type EpisodeRecord,
  validateAnalysis,
  validateRecord,
} from '../src/index.js';

// The examples of contract.md ("..." placeholders filled in with real values), as core exports them.
const EXAMPLES = CONTRACT_EXAMPLES as unknown as Record<string, Record<string, unknown>>;

const without = (value: Record<string, unknown>, key: string) => {
  const copy = { ...value };
  delete copy[key];
  return copy;
};

function reasonOf(value: unknown): string {
  const v = validateRecord(value);
  return v.ok ? '(accepted)' : v.reason;
}

/** docs/contract.md, found by walking up from this file (src and dist/test alike). */
function contractMarkdown(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'docs', 'contract.md'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('docs/contract.md not found above the test');
    dir = up;
  }
  return readFileSync(join(dir, 'docs', 'contract.md'), 'utf8');
}

/** The ```json blocks of the "## Records" section, parsed, by their `kind`. */
function docRecords(markdown: string): Map<string, unknown> {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Records'));
  if (!section) throw new Error('contract.md has no "## Records" section');
  const out = new Map<string, unknown>();
  for (const m of section.matchAll(/^```json\n([\s\S]*?)^```/gm)) {
    const record = JSON.parse(m[1] ?? '') as { kind: string };
    out.set(record.kind, record);
  }
  return out;
}

/**
 * Where `example` departs from the doc's `doc`: the same keys, the same values, except that the
 * doc's bare "..." placeholder may be filled with any string.
 */
function departures(doc: unknown, example: unknown, path = '$'): string[] {
  if (doc === '...') return typeof example === 'string' ? [] : [`${path}: "..." filled with a non-string`];
  if (Array.isArray(doc)) {
    if (!Array.isArray(example) || example.length !== doc.length) return [`${path}: not an array of ${doc.length}`];
    return doc.flatMap((d, i) => departures(d, example[i], `${path}[${i}]`));
  }
  if (doc !== null && typeof doc === 'object') {
    if (example === null || typeof example !== 'object' || Array.isArray(example)) return [`${path}: not an object`];
    const d = doc as Record<string, unknown>;
    const e = example as Record<string, unknown>;
    return [...new Set([...Object.keys(d), ...Object.keys(e)])].flatMap((k) =>
      !(k in d)
        ? [`${path}.${k}: not in contract.md`]
        : !(k in e)
          ? [`${path}.${k}: missing from CONTRACT_EXAMPLES`]
          : departures(d[k], e[k], `${path}.${k}`),
    );
  }
  return Object.is(doc, example) ? [] : [`${path}: contract.md says ${JSON.stringify(doc)}, not ${JSON.stringify(example)}`];
}

t.test("CONTRACT_EXAMPLES are contract.md's own examples, read from the markdown", async (t) => {
  const docs = docRecords(contractMarkdown());
  t.same([...docs.keys()].sort(), ['episode', 'eval_result', 'log', 'trace', 'verification_result']);
  t.same(Object.keys(EXAMPLES).sort(), [...docs.keys()].sort(), 'one example per kind the doc shows');
  for (const [kind, doc] of docs) t.same(departures(doc, EXAMPLES[kind]), [], `${kind}: as the doc writes it`);

  // The comparison can fail: a changed value, a dropped key, an added key, a filled-in number.
  const episode = docs.get('episode');
  t.same(departures(episode, { ...EXAMPLES.episode, status: 'succeeded' }), [
    '$.status: contract.md says "failed", not "succeeded"',
  ]);
  t.same(departures(episode, without(EXAMPLES.episode as Record<string, unknown>, 'robot_id')), [
    '$.robot_id: missing from CONTRACT_EXAMPLES',
  ]);
  t.same(departures(episode, { ...EXAMPLES.episode, extra: 1 }), ['$.extra: not in contract.md']);
  const trace = structuredClone(EXAMPLES.trace) as { spans: { start_time: unknown }[] };
  (trace.spans[0] as { start_time: unknown }).start_time = 1;
  t.same(departures(docs.get('trace'), trace), ['$.spans[0].start_time: "..." filled with a non-string']);
});

t.test('the examples of contract.md are accepted, one per record kind', async (t) => {
  t.equal(Object.keys(EXAMPLES).length, 5);
  for (const [kind, example] of Object.entries(EXAMPLES)) {
    const v = validateRecord(example);
    t.ok(v.ok, `${kind} accepted${v.ok ? '' : `: ${v.reason}`}`);
    if (v.ok) t.equal(v.record.kind, kind, `${kind}: the record comes back typed`);
  }
});

t.test('optional fields may be left out and unknown metadata keys are kept', async (t) => {
  t.ok(validateRecord({ kind: 'episode', episode_id: 'e', robot_id: 'r', status: 'running' }).ok, 'minimal episode');
  t.ok(validateRecord({ kind: 'trace', trace_id: 't', timestamp: '2026-11-01T10:00:00Z' }).ok, 'a trace without spans');
  t.ok(validateRecord({ kind: 'log', log_id: 'l', error_message: '', logs: 'boom' }).ok, 'a log with only logs');
  t.ok(validateRecord({ kind: 'log', log_id: 'l', error_message: 'boom' }).ok, 'a log with only an error message');
  const ep = { ...EXAMPLES.episode, metadata: { gripper: { force_n: 3 }, custom_flag: true } };
  const v = validateRecord(ep);
  t.ok(v.ok);
  if (v.ok) t.same((v.record as EpisodeRecord).metadata, { gripper: { force_n: 3 }, custom_flag: true }, 'unknown keys kept');
});

t.test('rejections name the field', async (t) => {
  const trace = EXAMPLES.trace as Record<string, unknown>;
  // Control: each example the rejections below start from is accepted as it is.
  for (const kind of ['trace', 'episode', 'eval_result', 'verification_result', 'log'])
    t.equal(reasonOf(EXAMPLES[kind]), '(accepted)', `control: the ${kind} example is accepted`);
  const noTraceId = reasonOf(without(trace, 'trace_id'));
  t.match(noTraceId, /trace_id/, noTraceId);
  t.match(noTraceId, /missing/);

  const noTimestamp = reasonOf(without(trace, 'timestamp'));
  t.match(noTimestamp, /timestamp/, noTimestamp);
  t.notMatch(noTimestamp, /trace_id/, 'only the missing field');

  t.match(reasonOf({ ...trace, timestamp: 'yesterday' }), /timestamp/, 'a timestamp that is not a date-time');

  const badStatus = reasonOf({ ...EXAMPLES.episode, status: 'exploded' });
  t.match(badStatus, /status/, badStatus);
  t.match(badStatus, /"failed"/, 'the allowed values are listed');

  t.match(reasonOf({ ...EXAMPLES.verification_result, status: 'broken' }), /status/);
  t.match(reasonOf({ ...EXAMPLES.episode, source: 'dream' }), /source/);
  t.match(reasonOf({ ...EXAMPLES.episode, duration_s: -3 }), /duration_s/);
  t.match(reasonOf({ ...EXAMPLES.eval_result, metrics: { success_delta: 'bad' } }), /metrics\.success_delta/);
  t.match(reasonOf(without(EXAMPLES.episode as Record<string, unknown>, 'robot_id')), /robot_id/);

  const wrongKind = reasonOf({ ...EXAMPLES.log, kind: 'metric' });
  t.match(wrongKind, /^kind/, wrongKind);
  t.match(wrongKind, /"episode"/, 'the allowed kinds are listed');
  t.match(reasonOf({ ...EXAMPLES.log, kind: 42 }), /^kind/);
  t.match(reasonOf(without(EXAMPLES.log as Record<string, unknown>, 'kind')), /^kind/);

  for (const value of [null, 'a string', 42, ['kind', 'log'], undefined]) {
    const r = reasonOf(value);
    t.not(r, '(accepted)', `${JSON.stringify(value)} rejected`);
    t.match(r, /object/, `${JSON.stringify(value)}: says an object is needed`);
  }

  const empty = reasonOf({ ...EXAMPLES.log, error_message: '', logs: '' });
  t.match(empty, /error_message/, empty);
  t.match(empty, /logs/);
  t.match(reasonOf({ kind: 'log', log_id: 'l', error_message: '   ', logs: null }), /error_message/, 'blank and null');
  t.match(reasonOf({ kind: 'log', log_id: 'l' }), /error_message/, 'neither given');
});

// ───────────── the output check ─────────────

function episodeAnalysis(): Analysis {
  return analyzeEpisode(
    {
      episode: EXAMPLES.episode as unknown as EpisodeRecord,
      successfulDurations: [],
      evalResults: [],
      verificationResults: [],
      config: { ...DEFAULT_RULE_CONFIG },
    },
    undefined,
    undefined,
    new Date('2026-11-01T10:05:00Z'),
  );
}

t.test('real analyses are valid', async (t) => {
  const e = validateAnalysis(episodeAnalysis());
  t.ok(e.ok, e.ok ? 'episode' : e.reason);
  const tr = validateAnalysis(analyzeTrace(EXAMPLES.trace as never));
  t.ok(tr.ok, tr.ok ? 'trace' : tr.reason);
  const l = validateAnalysis(analyzeLog(EXAMPLES.log as never));
  t.ok(l.ok, l.ok ? 'log' : l.reason);
});

t.test('validateAnalysis rejects a contributing_factor that is not a factor of its category', async (t) => {
  const a = episodeAnalysis();
  const f = a.findings[0];
  if (!f) throw new Error('no finding');
  t.ok(validateAnalysis(a).ok, 'control: the analysis is valid before the change');
  f.category = 'runtime_error';
  f.contributing_factor = 'gpu_oom'; // a taxonomy word, but of resource_error
  const v = validateAnalysis(a);
  t.notOk(v.ok);
  if (!v.ok) {
    t.match(v.reason, /contributing_factor/);
    t.match(v.reason, /gpu_oom/);
    t.match(v.reason, /runtime_error/);
  }

  const log = analyzeLog(EXAMPLES.log as never);
  t.ok(log.pattern && validateAnalysis(log).ok, 'control: the log analysis has a pattern and is valid before the change');
  if (log.pattern) {
    log.pattern.category = 'timeout';
    log.pattern.contributing_factor = 'module_not_found';
  }
  const p = validateAnalysis(log);
  t.notOk(p.ok, 'the same check on the pattern');
  if (!p.ok) t.match(p.reason, /pattern/);
});

t.test('validateAnalysis rejects an off-vocabulary category', async (t) => {
  t.ok(validateAnalysis(episodeAnalysis()).ok, 'control: the unchanged analysis is valid');
  const a = episodeAnalysis();
  (a.findings[0] as { category: string }).category = 'cosmic_rays';
  const v = validateAnalysis(a);
  t.notOk(v.ok);
  if (!v.ok) t.match(v.reason, /category/);

  const b = episodeAnalysis();
  (b.findings[0] as { contributing_factor: string }).contributing_factor = 'bad_luck';
  const w = validateAnalysis(b);
  t.notOk(w.ok, 'an off-vocabulary factor too');
  if (!w.ok) t.match(w.reason, /contributing_factor/);

  const c = episodeAnalysis();
  (c.findings[0] as { severity: string }).severity = 'catastrophic';
  t.notOk(validateAnalysis(c).ok, 'an off-vocabulary severity too');
});

t.test('validateAnalysis rejects a confidence outside [0, 1]', async (t) => {
  const a = episodeAnalysis();
  (a.findings[0] as { confidence: number }).confidence = 1.2;
  const v = validateAnalysis(a);
  t.notOk(v.ok);
  if (!v.ok) t.match(v.reason, /confidence/);

  const b = episodeAnalysis();
  (b.findings[0] as { confidence: number }).confidence = -0.1;
  t.notOk(validateAnalysis(b).ok, 'negative');

  const c = episodeAnalysis();
  (c.findings[0] as { confidence: number }).confidence = 1;
  t.ok(validateAnalysis(c).ok, 'exactly 1 is fine');
});

t.test('validateAnalysis rejects a malformed analysis', async (t) => {
  const a = episodeAnalysis();
  t.ok(validateAnalysis({ ...a }).ok, 'control: the unchanged analysis is valid');
  t.notOk(validateAnalysis({ ...a, findings: [] }).ok, 'no findings');
  t.notOk(validateAnalysis({ ...a, fingerprint: 'xyz' }).ok, 'a fingerprint that is not 16 hex');
  const { analyzer_version: _v, ...noVersion } = a;
  const v = validateAnalysis(noVersion);
  t.notOk(v.ok, 'no analyzer_version');
  if (!v.ok) t.match(v.reason, /analyzer_version/);
});

t.test('validateAnalysis counts characters, not UTF-16 units, and reports every error', async (t) => {
  // A pattern title of 200 characters is valid (maxLength 200) even when each is an emoji of two
  // UTF-16 units; 201 are not, and the reason is ajv's full report (issue 18's fast check must
  // hand such analyses to the full validator).
  const log = analyzeLog(EXAMPLES.log as never);
  if (!log.pattern) throw new Error('no pattern');
  log.pattern.title = '🤖'.repeat(200);
  const atLimit = validateAnalysis(log);
  t.ok(atLimit.ok, atLimit.ok ? '200 emoji' : atLimit.reason);
  log.pattern.title = '🤖'.repeat(201);
  log.signature = 'x'.repeat(501);
  const over = validateAnalysis(log);
  t.notOk(over.ok);
  if (!over.ok) {
    t.equal(
      over.reason,
      'signature: must NOT have more than 500 characters; pattern.title: must NOT have more than 200 characters',
      'both fields named',
    );
  }
});
