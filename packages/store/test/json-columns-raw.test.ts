/**
 * The analyses' JSON columns (findings, pattern, rule_errors, llm), a trace's payload, an episode's
 * metadata and an eval result's metrics go into the insert's payload as values (db.ts jsonColumn), serialized once by the payload's JSON.stringify; the store keeps each one's JSON text as
 * the String (store.ts WRITE_SETTINGS). What is stored must be, byte for byte, the text the
 * columns held when each was stringified on its own (load-tests/README.md, thirteenth landing):
 * quotes, backslashes, line and paragraph separators, control characters, non-ASCII text, the
 * escaped form of a lone surrogate, brackets and braces inside strings, numbers of every form.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Analysis, type EpisodeRecord, finding, redactDeep, redactRecord, type TraceRecord } from '@faultline/core';
import t from 'tap';
import { jsonColumn } from '../src/db.js';
import { Store } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-json-columns-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const HOSTILE = [
  'quote " and \\" backslash \\ end\\',
  'brackets ] } [ { inside "a string" ,],},',
  'lines\nand\r\ntabs\t\u2028\u2029 controls \u0000\u0001\u001f\u007f',
  'non-ASCII é ß 日本語 😀 and a lone \ud800 surrogate and \udfff',
  '\\u0041 written out, "\\n" written out',
  '',
];

const analysis = (id: string, variant: number): Analysis => ({
  subject_kind: 'log',
  subject_id: id,
  org_id: 'acme',
  analyzer_version: '1.0.0',
  analyzed_at: '2026-11-01T10:00:00.000Z',
  fingerprint: 'abcdef0123456789',
  signature: 'x|y',
  source: variant === 2 ? 'llm' : 'heuristic',
  findings:
    variant === 1
      ? []
      : HOSTILE.map((text, i) =>
          finding({
            code: `code_${i}`,
            title: text || 'empty',
            description: text,
            category: 'unknown',
            contributing_factor: 'unknown',
            severity: 'low',
            confidence: [0.1 + 0.2, 1e-7, 0.5, 1, 0, 0.333333333333][i] as number,
            evidence: { text, n: [1e21, -0, 2.5e-8, 123456789012345680000][i % 4], nested: { a: [text, [], {}] } },
            suggested_action: text,
          }),
        ),
  ...(variant !== 1
    ? {
        pattern: {
          subject_ref: id,
          title: HOSTILE[0] as string,
          category: 'unknown',
          contributing_factor: 'unknown',
          severity: 'low',
          summary: HOSTILE[2] as string,
          root_cause_hypothesis: HOSTILE[3] as string,
          evidence: { signals: [{ name: HOSTILE[1] as string, value: true }], excerpts: HOSTILE },
          recommended_actions: [HOSTILE[4] as string, ''],
          suggested_fix: HOSTILE[1] as string,
          confidence: 0.3,
          confidence_band: 'low',
          confidence_rationale: HOSTILE[3] as string,
          extracted_at: '2026-11-01T10:00:00.000Z',
          source: 'heuristic',
        },
      }
    : {}),
  ...(variant === 2
    ? {
        rule_errors: [{ code: 'r"1', error: HOSTILE[2] as string }],
        llm: { status: 'answered', provider: 'p', model: 'm "x"', narrative: HOSTILE[3] as string },
      }
    : {}),
  ...(variant === 3 ? { rule_errors: [] } : {}),
});

t.test('findings, pattern, rule_errors and llm are stored as their own JSON text', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const written = [0, 1, 2, 3].map((v) => analysis(`s-${v}`, v));
  await store.writeAnalyses(written.map((a) => ({ analysis: a, occurredAt: a.analyzed_at, service: 'svc' })));
  const rows = await store.rows<{ subject_id: string; findings: string; pattern: string; rule_errors: string; llm: string }>(
    `SELECT subject_id, findings, pattern, rule_errors, llm FROM faultline.analyses FINAL WHERE org_id = 'acme' ORDER BY subject_id`,
  );
  t.equal(rows.length, written.length, 'every analysis stored');
  for (const [i, a] of written.entries()) {
    const r = rows[i];
    t.equal(r?.subject_id, a.subject_id);
    t.equal(r?.findings, JSON.stringify(a.findings), `${a.subject_id}: findings`);
    t.equal(r?.pattern, a.pattern ? JSON.stringify(a.pattern) : '', `${a.subject_id}: pattern`);
    t.equal(r?.rule_errors, a.rule_errors ? JSON.stringify(a.rule_errors) : '', `${a.subject_id}: rule_errors`);
    t.equal(r?.llm, a.llm ? JSON.stringify(a.llm) : '', `${a.subject_id}: llm`);
  }
  // And read back as the store's readers read them.
  for (const a of written) {
    const got = await store.getAnalysis('acme', 'log', a.subject_id);
    t.same(got?.analysis, JSON.parse(JSON.stringify(a)), `${a.subject_id}: read back as written`);
  }
});

t.test('a string given for a String column is still stored as that string, even one that looks like JSON', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  await store.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${store.t('json_probe')} (id String, v String) ENGINE = MergeTree ORDER BY id`,
  });
  const values: Record<string, unknown> = {
    a_text_array: '[1,"x"]',
    b_text_object: '{"a":"b"}',
    c_array: [1, 'x', { q: '"' }],
    d_object: { a: 'b', n: null, t: [true] },
    e_empty: '',
  };
  await store.insert(
    'json_probe',
    Object.entries(values).map(([id, v]) => ({ id, v })),
  );
  const rows = await store.rows<{ id: string; v: string }>(`SELECT id, v FROM ${store.t('json_probe')} ORDER BY id`);
  t.same(
    Object.fromEntries(rows.map((r) => [r.id, r.v])),
    Object.fromEntries(Object.entries(values).map(([id, v]) => [id, typeof v === 'string' ? v : JSON.stringify(v)])),
  );
});

t.test("a trace's payload, an episode's metadata and an eval result's metrics are stored as their own JSON text", async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  const trace: TraceRecord = {
    kind: 'trace',
    trace_id: 'tr-json',
    org_id: 'acme',
    timestamp: '2026-11-01T10:00:00.000Z',
    service: 'svc',
    spans: HOSTILE.map((text, i) => ({
      span_id: `s${i}`,
      name: text || 'empty',
      status: { code: 'ERROR', message: text },
      attributes: { 'exception.message': text, 'exception.type': '"]}' },
    })),
  } as TraceRecord;
  const metadata = { text: HOSTILE, nested: { a: [1e21, -0, 0.1 + 0.2, null, true], b: HOSTILE[3] }, empty: {} };
  const episode = {
    kind: 'episode',
    episode_id: 'ep-json',
    org_id: 'acme',
    robot_id: 'r1',
    status: 'failed',
    started_at: '2026-11-01T10:00:00.000Z',
    metadata,
  } as unknown as EpisodeRecord;
  await store.saveTraces([trace]);
  await store.saveEpisodes([episode]);
  await store.saveEvalResults([
    {
      kind: 'eval_result',
      eval_run_id: 'ev-json',
      org_id: 'acme',
      candidate_episode_id: 'ep-json',
      metrics: { success_delta: -1, note: HOSTILE[2] },
    } as never,
  ]);
  const [tr] = await store.rows<{ payload: string }>(`SELECT payload FROM faultline.traces FINAL WHERE trace_id = 'tr-json'`);
  t.equal(tr?.payload, JSON.stringify(redactRecord({ ...trace, spans: trace.spans ?? [] })), 'the trace payload');
  const [ep] = await store.rows<{ metadata: string }>(
    `SELECT metadata FROM faultline.episodes FINAL WHERE episode_id = 'ep-json'`,
  );
  t.equal(ep?.metadata, JSON.stringify(redactDeep(metadata)), "the episode's metadata");
  const [ev] = await store.rows<{ metrics: string }>(
    `SELECT metrics FROM faultline.eval_results FINAL WHERE eval_run_id = 'ev-json'`,
  );
  t.equal(ev?.metrics, JSON.stringify(redactDeep({ success_delta: -1, note: HOSTILE[2] })), "the eval result's metrics");
});

t.test('jsonColumn: what is not an array or a plain object is given as its JSON text', async (t) => {
  const store = await Store.open({ dataDir: dir });
  t.teardown(() => store.close());
  await store.client.command({
    query: `CREATE TABLE IF NOT EXISTS ${store.t('json_probe2')} (id String, v String) ENGINE = MergeTree ORDER BY id`,
  });
  const values: Record<string, unknown> = {
    a_string: 'plain "text"',
    b_json_looking: '[1,"x"]',
    c_number: 2.5,
    d_null: null,
    e_true: true,
    f_date: new Date(Date.UTC(2026, 10, 1)),
    g_array: ['x', { y: '"' }],
    h_object: { a: HOSTILE[0], b: [] },
    // Boxed primitives: as values the payload would write them as a bare JSON string or number,
    // which the store reads as that string or number's text (`boxed`, not `"boxed"`).
    i_boxed_string: new String('boxed'),
    j_boxed_number: new Number(3),
  };
  t.equal(jsonColumn(values.g_array), values.g_array, 'an array is given as it is');
  t.equal(jsonColumn(values.h_object), values.h_object, 'an object is given as it is');
  t.equal(jsonColumn(values.f_date), JSON.stringify(values.f_date), 'an object with toJSON is given as its text');
  t.equal(jsonColumn(values.i_boxed_string), '"boxed"', 'a boxed string is given as its text');
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: [1] });
  t.equal(jsonColumn(bare), bare, 'an object without a prototype is plain: given as it is');
  await store.insert(
    'json_probe2',
    Object.entries(values).map(([id, v]) => ({ id, v: jsonColumn(v) })),
  );
  const rows = await store.rows<{ id: string; v: string }>(`SELECT id, v FROM ${store.t('json_probe2')} ORDER BY id`);
  t.same(
    Object.fromEntries(rows.map((r) => [r.id, r.v])),
    Object.fromEntries(Object.entries(values).map(([id, v]) => [id, JSON.stringify(v)])),
    'each stored as JSON.stringify(value)',
  );
});
