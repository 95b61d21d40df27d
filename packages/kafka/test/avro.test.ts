/**
 * The Avro codec against the real schema registry of deploy/local (started here when it
 * does not answer, stopped again at the end only then): lossless round trips of every
 * contract record, a rich trace and real analyses; the subjects and their compatibility;
 * schema evolution (a scratch subject); bytes that cannot be decoded.
 */
import {
  type Analysis,
  analyzeEpisode,
  analyzeLog,
  analyzeTrace,
  DEFAULT_RULE_CONFIG,
  type EpisodeRecord,
  type FaultlineRecord,
  RULES,
  validateAnalysis,
  validateRecord,
} from '@faultline/core';
import avsc from 'avsc';
import t, { type Test } from 'tap';
import { AvroCodec, AvroDecodeError, AvroEncodeError, readAvroSchema } from '../src/index.js';
import { CONTRACT_RECORDS, episode, evalResult, log, richTrace, trace, verificationResult } from './fixtures.js';
import { deleteSubject, ensureRegistry, randomTag, registry } from './helpers.js';

const url = await ensureRegistry(t);
const codec = await AvroCodec.connect(url);
const ids = codec.schemaIds();
t.comment(`schema ids: ${JSON.stringify(ids)}`);

/** The JSON the contract means: null and undefined object fields left out (null and absent mean the same); nulls inside arrays and attribute maps are values: nulls inside arrays and attribute maps are values. */
function dropNullFields(v: unknown, inAttributes = false): unknown {
  if (Array.isArray(v)) return v.map((x) => dropNullFields(x, false));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      if (x === null && !inAttributes) continue;
      out[k] = dropNullFields(x, k === 'attributes');
    }
    return out;
  }
  return v;
}

async function roundTrip(t: Test, record: FaultlineRecord, name: string): Promise<FaultlineRecord> {
  const buf = await codec.encodeRecord(record);
  t.equal(buf[0], 0, `${name}: magic byte 0`);
  t.equal(buf.readInt32BE(1), ids[record.kind], `${name}: the schema id of ${record.kind}`);
  const back = await codec.decodeRecord(buf);
  // metadata and metrics go through JSON text, nested nulls inside them are kept as they are
  const expected = dropNullFields(JSON.parse(JSON.stringify(record))) as Record<string, unknown>;
  const rec = record as unknown as Record<string, unknown>;
  if (rec.metadata) expected.metadata = JSON.parse(JSON.stringify(rec.metadata));
  if (rec.metrics) expected.metrics = JSON.parse(JSON.stringify(rec.metrics));
  t.strictSame(back, expected, `${name}: decoded equals the original`);
  const v = validateRecord(back);
  t.ok(v.ok, `${name}: the decoded record validates${v.ok ? '' : `: ${v.reason}`}`);
  return back;
}

t.test('the contract.md records round-trip losslessly', async (t) => {
  for (const [name, record] of Object.entries(CONTRACT_RECORDS)) {
    t.ok(validateRecord(record).ok, `${name}: the fixture is valid`);
    await roundTrip(t, record, name);
  }
  // explicit nulls of the contract (parent_span_id: null) come back as absent fields
  const back = (await codec.decodeRecord(await codec.encodeRecord(trace))) as typeof trace;
  t.notOk('parent_span_id' in (back.spans?.[0] ?? {}), 'parent_span_id null → absent');
});

t.test('minimal and edge-case records round-trip', async (t) => {
  const cases: Record<string, FaultlineRecord> = {
    'episode, required fields only': { kind: 'episode', episode_id: 'e', robot_id: 'r', status: 'running' },
    'episode, every field': {
      ...episode,
      ended_at: '2026-11-01T10:00:41.5Z',
      source: 'replay',
      duration_s: 0,
      metadata: {
        typed: [],
        unknown_key: { nested: [1, 2.5, 'three', null, true, { deep: 'ünïcödé ✓ 🤖' }] },
        failure_reason: null,
        adapter_upload_error: 'plain string error',
        n: -0.000001,
        big: 9007199254740991,
      },
    },
    'episode, empty metadata': {
      kind: 'episode',
      episode_id: 'e2',
      robot_id: 'r',
      status: 'succeeded',
      source: 'sim',
      metadata: {},
    },
    'eval_result, extra metrics, no baseline': {
      kind: 'eval_result',
      eval_run_id: 'ev-1',
      org_id: 'o',
      candidate_episode_id: 'c',
      metrics: { success_delta: 0, reward_delta: 1e-9, custom: { a: [1, 2] }, label: 'x' },
    },
    'eval_result, empty metrics': { kind: 'eval_result', eval_run_id: 'ev-2', candidate_episode_id: 'c', metrics: {} },
    'verification_result with message': {
      ...verificationResult,
      org_id: 'acme',
      status: 'skipped',
      message: 'no gripper in sim',
    },
    'trace, no spans': { kind: 'trace', trace_id: 't', timestamp: '2026-11-01T10:00:00Z' },
    'trace, empty spans': { kind: 'trace', trace_id: 't', timestamp: '2026-11-01T10:00:00Z', spans: [] },
    'log, empty error_message': { kind: 'log', log_id: 'l', error_message: '', logs: 'KeyError: x' },
    'log, null logs': { kind: 'log', log_id: 'l2', error_message: 'boom', logs: null, code_snippet: null },
  };
  for (const [name, record] of Object.entries(cases)) await roundTrip(t, record, name);
  const empty = (await codec.decodeRecord(await codec.encodeRecord(cases['log, empty error_message'] as FaultlineRecord))) as {
    error_message?: string;
  };
  t.equal(empty.error_message, '', 'an empty string stays an empty string (not absent)');
  const spans = (await codec.decodeRecord(await codec.encodeRecord(cases['trace, empty spans'] as FaultlineRecord))) as {
    spans?: unknown[];
  };
  t.strictSame(spans.spans, [], 'an empty span list stays an empty list');
});

t.test('a rich trace round-trips: nested spans, exception events, typed attributes; the analysis is the same', async (t) => {
  const back = await roundTrip(t, richTrace, 'rich trace');
  const spans = (back as typeof richTrace).spans ?? [];
  const root = spans[0];
  t.equal(root?.attributes?.['agent.max_iterations'], 12);
  t.equal(root?.attributes?.['agent.temperature'], 0.7);
  t.equal(root?.attributes?.['agent.streaming'], false);
  t.strictSame(root?.attributes?.['agent.tools'], ['search', 'fetch', 'python']);
  t.strictSame(root?.attributes?.['agent.retry_delays_s'], [0.5, 1, 2.5]);
  t.strictSame(root?.attributes?.['agent.mixed'], ['a', 1, null, false]);
  t.equal(root?.attributes?.['agent.note'], null, 'a null attribute value is kept');
  t.equal(root?.status?.code, 2, 'an integer status code stays a number');
  t.equal(spans[1]?.start_time, 1_793_608_200_223, 'a numeric start_time stays a number');
  t.equal(spans[1]?.end_time, 1_793_608_201_000.5);
  t.equal(spans[2]?.events?.[1]?.attributes?.['exception.type'], 'TimeoutError');
  const now = new Date('2026-11-02T09:00:00Z');
  t.strictSame(
    analyzeTrace(back as typeof richTrace, undefined, now),
    analyzeTrace(richTrace, undefined, now),
    'the analysis of the decoded trace is the same',
  );
});

t.test('the bytes are plain Avro of the registered schema (what a stock deserializer reads)', async (t) => {
  const buf = await codec.encodeRecord(episode);
  const plain = avsc.Type.forSchema(JSON.parse(readAvroSchema('episode'))).fromBuffer(buf.subarray(5));
  t.equal(plain.robot_id, 'r-7');
  t.equal(plain.source, 'live');
  t.equal(typeof plain.metadata, 'string', 'metadata is JSON text on the wire');
  t.strictSame(JSON.parse(plain.metadata), episode.metadata);
  t.notOk('kind' in plain, 'no kind field: the schema name says it');
  const fetched = await registry('GET', `/schemas/ids/${ids.episode}`);
  t.equal(fetched.status, 200);
  t.strictSame(JSON.parse((fetched.body as { schema: string }).schema).name, 'Episode');
});

t.test('real analyses round-trip (episode findings with rule errors, trace and log patterns)', async (t) => {
  const now = new Date('2026-11-01T10:05:00Z');
  const ep: EpisodeRecord = { ...episode, duration_s: 3 };
  const fromEpisode = analyzeEpisode(
    {
      episode: ep,
      successfulDurations: [40, 41, 42, 39, 40, 41],
      evalResults: [evalResult],
      verificationResults: [verificationResult],
      config: DEFAULT_RULE_CONFIG,
    },
    undefined,
    [
      ...RULES,
      {
        code: 'exploding_rule',
        run: () => {
          throw new Error('rule blew up');
        },
      },
    ],
    now,
  );
  t.ok(fromEpisode.findings.length >= 3, `several findings (${fromEpisode.findings.map((f) => f.code).join(', ')})`);
  t.ok(fromEpisode.rule_errors?.length, 'with a rule error');
  const analyses: [string, Analysis][] = [
    ['episode', fromEpisode],
    ['rich trace', analyzeTrace(richTrace, undefined, now)],
    ['contract trace', analyzeTrace(trace, undefined, now)],
    ['log', analyzeLog(log, undefined, now)],
  ];
  for (const [name, a] of analyses) {
    t.ok(validateAnalysis(a).ok, `${name}: the analysis is valid`);
    const buf = await codec.encodeAnalysis(a);
    t.equal(buf.readInt32BE(1), ids.analysis, `${name}: the analysis schema id`);
    const back = await codec.decodeAnalysis(buf);
    t.strictSame(back, JSON.parse(JSON.stringify(a)), `${name}: decoded equals the original`);
    const v = validateAnalysis(back);
    t.ok(v.ok, `${name}: the decoded analysis validates${v.ok ? '' : `: ${v.reason}`}`);
  }
  t.ok(analyses[1]?.[1].pattern, 'the trace analysis has a pattern (carried through)');
  await t.rejects(codec.decodeRecord(await codec.encodeAnalysis(fromEpisode)), /not an input record/);
  await t.rejects(codec.decodeAnalysis(await codec.encodeRecord(log)), /not an analysis/);
});

t.test('the registry holds <topic>-value subjects with compatibility BACKWARD', async (t) => {
  const subjects = (await registry('GET', '/subjects')).body as string[];
  const want: Record<string, number> = {
    'faultline.episodes-value': ids.episode,
    'faultline.eval-results-value': ids.eval_result,
    'faultline.verification-results-value': ids.verification_result,
    'faultline.traces-value': ids.trace,
    'faultline.logs-value': ids.log,
    'faultline.findings-value': ids.analysis,
  };
  for (const [subject, id] of Object.entries(want)) {
    t.ok(subjects.includes(subject), `${subject} is registered`);
    const config = await registry('GET', `/config/${subject}`);
    t.equal((config.body as { compatibilityLevel?: string }).compatibilityLevel, 'BACKWARD', `${subject}: BACKWARD`);
    const versions = await registry('GET', `/subjects/${subject}/versions`);
    const found = await Promise.all(
      (versions.body as number[]).map(
        async (v) => ((await registry('GET', `/subjects/${subject}/versions/${v}`)).body as { id: number }).id,
      ),
    );
    t.ok(found.includes(id), `${subject}: holds schema id ${id}`);
  }
  t.strictSame(codec.subjects(), {
    episode: 'faultline.episodes-value',
    eval_result: 'faultline.eval-results-value',
    verification_result: 'faultline.verification-results-value',
    trace: 'faultline.traces-value',
    log: 'faultline.logs-value',
    analysis: 'faultline.findings-value',
  });
});

t.test('connecting again registers nothing new; register: false finds the same ids', async (t) => {
  t.strictSame((await AvroCodec.connect(url)).schemaIds(), ids, 'the same ids when registering again');
  const reader = await AvroCodec.connect(url, { register: false });
  t.strictSame(reader.schemaIds(), ids);
  t.strictSame(await reader.decodeRecord(await codec.encodeRecord(log)), await codec.decodeRecord(await codec.encodeRecord(log)));
  const prefix = `fltest-avro-${randomTag()}`;
  await t.rejects(
    AvroCodec.connect(url, { register: false, prefix }),
    new RegExp(`could not find episode.avsc under subject ${prefix}\\.episodes-value`),
  );
  const scoped = await AvroCodec.connect(url, { prefix });
  t.teardown(async () => {
    for (const s of Object.values(scoped.subjects())) await deleteSubject(s);
  });
  t.equal(scoped.subjects().log, `${prefix}.logs-value`);
  t.equal(
    ((await registry('GET', `/config/${prefix}.logs-value`)).body as { compatibilityLevel?: string }).compatibilityLevel,
    'BACKWARD',
  );
  t.strictSame(
    await codec.decodeRecord(await scoped.encodeRecord(log)),
    await codec.decodeRecord(await codec.encodeRecord(log)),
    'any codec decodes what another wrote',
  );
});

t.test(
  'schema evolution on a scratch subject: an optional field with a default is accepted, incompatible changes are refused (409)',
  async (t) => {
    const subject = `faultline.episodes-compat-test-${randomTag()}-value`;
    t.teardown(() => deleteSubject(subject));
    const v1 = JSON.parse(readAvroSchema('episode'));
    const post = (schema: unknown) => registry('POST', `/subjects/${subject}/versions`, { schema: JSON.stringify(schema) });
    const first = await post(v1);
    t.equal(first.status, 200, 'v1 registered');
    t.equal((await registry('PUT', `/config/${subject}`, { compatibility: 'BACKWARD' })).status, 200);

    const v2 = structuredClone(v1);
    v2.fields.push({
      name: 'battery_percent_at_end',
      type: ['null', 'double'],
      default: null,
      doc: 'Battery left at the end (percent).',
    });
    const second = await post(v2);
    t.equal(second.status, 200, `v2 (an optional field with a default) accepted: ${JSON.stringify(second.body)}`);
    t.not((second.body as { id: number }).id, (first.body as { id: number }).id, 'v2 has its own id');

    const retyped = structuredClone(v2);
    retyped.fields.find((f: { name: string }) => f.name === 'duration_s').type = ['null', 'string'];
    const r1 = await post(retyped);
    t.equal(r1.status, 409, `duration_s double → string refused: ${JSON.stringify(r1.body)}`);

    const required = structuredClone(v2);
    required.fields.push({ name: 'site_id', type: 'string', doc: 'A new required field without a default.' });
    const r2 = await post(required);
    t.equal(r2.status, 409, `a new required field without a default refused: ${JSON.stringify(r2.body)}`);

    const versions = await registry('GET', `/subjects/${subject}/versions`);
    t.strictSame(versions.body, [1, 2], 'only v1 and v2 are in the subject');

    // A v2 writer is read through the v1 reader (the codec resolves writer → reader schema).
    const v2id = (second.body as { id: number }).id;
    const v2type = avsc.Type.forSchema(v2);
    const body = v2type.toBuffer({
      ...v2type.fromBuffer((await codec.encodeRecord(episode)).subarray(5), v2type.createResolver(avsc.Type.forSchema(v1))),
      battery_percent_at_end: 7.5,
    });
    const header = Buffer.alloc(5);
    header.writeInt32BE(v2id, 1);
    t.strictSame(
      await codec.decodeRecord(Buffer.concat([header, body])),
      dropNullFields(JSON.parse(JSON.stringify(episode))),
      'a v2 message decodes into the contract shape',
    );
  },
);

t.test(
  'episode tags (v2): compatible with the schema before them in the real registry; old producers still decode',
  async (t) => {
    const subject = `faultline.episodes-tags-test-${randomTag()}-value`;
    t.teardown(() => deleteSubject(subject));
    const current = JSON.parse(readAvroSchema('episode'));
    const before = structuredClone(current);
    before.fields = before.fields.filter((f: { name: string }) => f.name !== 'tags');
    t.equal(before.fields.length, current.fields.length - 1, 'positive control: the schema before tags has no tags field');
    const post = (schema: unknown) => registry('POST', `/subjects/${subject}/versions`, { schema: JSON.stringify(schema) });
    const v1 = await post(before);
    t.equal(v1.status, 200, 'the schema before tags registered');
    t.equal((await registry('PUT', `/config/${subject}`, { compatibility: 'BACKWARD' })).status, 200);
    const v2 = await post(current);
    t.equal(v2.status, 200, `the schema with tags passes the BACKWARD check: ${JSON.stringify(v2.body)}`);
    const required = structuredClone(current);
    required.fields.find((f: { name: string }) => f.name === 'tags').type = { type: 'map', values: 'string' };
    delete required.fields.find((f: { name: string }) => f.name === 'tags').default;
    t.equal((await post(required)).status, 409, 'the check can fail: tags without a default would be refused');

    // A message of an old producer (the schema before tags, its own id) decodes through the codec: no tags.
    const beforeType = avsc.Type.forSchema(before);
    const oldId = (v1.body as { id: number }).id;
    const header = Buffer.alloc(5);
    header.writeInt32BE(oldId, 1);
    const plain: EpisodeRecord = { kind: 'episode', episode_id: 'old-1', robot_id: 'r1', status: 'succeeded' };
    const body = beforeType.toBuffer({
      episode_id: 'old-1',
      org_id: null,
      robot_id: 'r1',
      source: null,
      status: 'succeeded',
      started_at: null,
      ended_at: null,
      duration_s: null,
      metadata: null,
    });
    t.strictSame(
      await codec.decodeRecord(Buffer.concat([header, body])),
      plain,
      "an old producer's episode decodes, without tags",
    );
    // And tags round-trip through the current schema.
    const tagged: EpisodeRecord = { ...plain, episode_id: 'new-1', tags: { firmware: '2.3.1', site: 'lyon' } };
    t.strictSame(await codec.decodeRecord(await codec.encodeRecord(tagged)), tagged, 'tags round-trip');
  },
);

t.test('bytes that cannot be decoded throw a clear error', async (t) => {
  await t.rejects(codec.decodeRecord(Buffer.from('not avro at all')), {
    name: 'AvroDecodeError',
    reason: 'not_wire_format',
    message: /not Confluent wire format: the first byte is 0x6e, not the magic byte 0x00/,
  });
  await t.rejects(codec.decodeRecord(Buffer.alloc(0)), {
    reason: 'not_wire_format',
    message: /not Confluent wire format: 0 bytes/,
  });
  await t.rejects(codec.decodeRecord(Buffer.from([0, 0, 0])), {
    message: /not Confluent wire format: 3 bytes, less than the 5-byte header/,
  });
  await t.rejects(codec.decodeRecord(Buffer.from('{"kind":"log","log_id":"x"}')), /not Confluent wire format/);
  const unknown = Buffer.from([0, 0x3a, 0xde, 0x68, 0xb1, 2, 0x41]);
  await t.rejects(codec.decodeRecord(unknown), {
    reason: 'unknown_schema_id',
    message: /unknown schema id 987654321: the schema registry at .* does not know it/,
  });
  await t.rejects(codec.decodeAnalysis(unknown), /unknown schema id 987654321/);
  const good = await codec.encodeRecord(log);
  await t.rejects(codec.decodeRecord(good.subarray(0, good.length - 3)), {
    reason: 'invalid_body',
    message: /invalid Avro body for schema id \d+ \(dev\.faultline\.v1\.Log\): truncated buffer/,
  });
  await t.rejects(codec.decodeRecord(Buffer.concat([good, Buffer.from([1, 2, 3])])), {
    reason: 'invalid_body',
    message: /trailing data/,
  });
  const garbage = Buffer.concat([good.subarray(0, 5), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2])]);
  await t.rejects(codec.decodeRecord(garbage), { name: 'AvroDecodeError', message: /invalid Avro body/ });

  // a wire-format message of some other schema in the registry
  const subject = `faultline-codec-test-${randomTag()}-value`;
  t.teardown(() => deleteSubject(subject));
  const foreign = await registry('POST', `/subjects/${subject}/versions`, {
    schema: JSON.stringify({ type: 'record', name: 'Other', namespace: 'com.example', fields: [{ name: 'x', type: 'string' }] }),
  });
  const header = Buffer.alloc(5);
  header.writeInt32BE((foreign.body as { id: number }).id, 1);
  await t.rejects(codec.decodeRecord(Buffer.concat([header, Buffer.from([2, 0x41])])), {
    reason: 'foreign_schema',
    message: /is com\.example\.Other, not a faultline schema/,
  });
  t.ok(new AvroDecodeError('x', 'invalid_body') instanceof Error);
});

t.test('records that do not fit the schema are refused at encode, naming the field', async (t) => {
  // A structured attribute value (OTel allows only primitives) is kept as JSON text, not refused.
  const nested = { ...richTrace, spans: [{ span_id: 's', attributes: { 'llm.prompt': { role: 'user' } } }] } as FaultlineRecord;
  const back = (await codec.decodeRecord(await codec.encodeRecord(nested))) as {
    spans: { attributes: Record<string, unknown> }[];
  };
  t.equal(back.spans[0]?.attributes['llm.prompt'], '{"role":"user"}');
  const noRobot = { kind: 'episode', episode_id: 'e', status: 'failed' } as unknown as FaultlineRecord;
  await t.rejects(codec.encodeRecord(noRobot), { message: /robot_id: required, found nothing|robot_id/ });
  const badStatus = { kind: 'episode', episode_id: 'e', robot_id: 'r', status: 'exploded' } as unknown as FaultlineRecord;
  await t.rejects(codec.encodeRecord(badStatus), /status: "exploded" is not a valid dev\.faultline\.v1\.EpisodeStatus/);
  const floatCode = {
    kind: 'trace',
    trace_id: 't',
    timestamp: 'x',
    spans: [{ status: { code: 2.5 } }],
  } as unknown as FaultlineRecord;
  await t.rejects(codec.encodeRecord(floatCode), /spans\.0\.status\.code/);
  await t.rejects(codec.encodeRecord({ kind: 'analysis' } as unknown as FaultlineRecord), /no Avro schema for record kind/);
  t.ok(new AvroEncodeError('x') instanceof Error);
});
