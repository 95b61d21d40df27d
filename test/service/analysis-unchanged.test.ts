/**
 * The analysis does not change with the pipeline's throughput work (issue 18): the accuracy sets
 * and the benchmark's mixed records go through the offline CLI's pipeline as `faultline analyze`
 * runs it (small batches, two in flight, two workers, its temporary store), and every output line
 * must equal, except the analysis timestamp, what the same build gives by the direct route:
 *
 * - each trace and log record: the core's own `analyzeTrace` / `analyzeLog` on the validated
 *   record (what a worker computes, with nothing of the pipeline around it);
 * - every line (episodes too, whose analysis depends on the state before them): the pipeline over
 *   the whole input as one batch, nothing overlapped (the join's invariant: the same answer
 *   whatever the batch boundaries).
 *
 * Compared against the same build, not a frozen digest: the pattern library may change, and the
 * pipeline must give what the library gives.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { AnalyzerPool, Pipeline } from '@faultline/analyzer';
import { loadConfig } from '@faultline/config';
import {
  type Analysis,
  analyzeLog,
  analyzeTrace,
  DEFAULT_ORG,
  validateAnalysis,
  validateRecord,
  wellFormed,
} from '@faultline/core';
import { Store } from '@faultline/store';
import { analyzeFile, outputLine } from 'faultline/analyze';
import t from 'tap';

type Case = Record<string, unknown>;
const accuracy = new URL('../../accuracy/', import.meta.url);
const { recordOf } = (await import(new URL('evaluate.js', accuracy).href)) as { recordOf: (c: Case) => Record<string, unknown> };
const { mixedRecords } = (await import(new URL('../../../load-tests/mixed-records.js', import.meta.url).href)) as {
  mixedRecords: (n: number) => Iterable<string>;
};

/**
 * Every case of the measured accuracy sets (cases/, holdout/, blind/) as the record a producer would
 * send. Never blind-pending/: a set waiting to be measured once is read by nothing.
 */
function accuracyLines(): string[] {
  const lines: string[] = [];
  for (const dir of ['cases', 'holdout', 'blind']) {
    const path = join(accuracy.pathname, dir);
    for (const file of readdirSync(path)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()) {
      for (const text of readFileSync(join(path, file), 'utf8').split('\n')) {
        if (text.trim()) lines.push(JSON.stringify({ ...recordOf(JSON.parse(text) as Case), org_id: 'acme' }));
      }
    }
  }
  return lines;
}

/**
 * Records whose analysis depends on the state a batch before left: per robot, five successes,
 * then a short failure (a duration anomaly once five successes are known), then an eval and a
 * verification result that re-analyze it; one every 37 lines, so each lands a batch or so after
 * the one before it.
 */
function stateRecords(): string[] {
  const out: string[] = [];
  for (let j = 0; j < 10; j++) {
    const base = { org_id: 'acme', robot_id: `steady-${j}`, source: 'live' };
    for (let k = 0; k < 5; k++) {
      out.push(
        JSON.stringify({ kind: 'episode', episode_id: `st-${j}-${k}`, status: 'succeeded', duration_s: 100 + k, ...base }),
      );
    }
    const failed = `st-${j}-failed`;
    out.push(JSON.stringify({ kind: 'episode', episode_id: failed, status: 'failed', duration_s: 9, ...base }));
    out.push(
      JSON.stringify({
        kind: 'eval_result',
        org_id: 'acme',
        eval_run_id: `st-ev-${j}`,
        candidate_episode_id: failed,
        metrics: { success_delta: -1 },
      }),
    );
    out.push(
      JSON.stringify({
        kind: 'verification_result',
        org_id: 'acme',
        scenario_id: `st-sc-${j}`,
        candidate_episode_id: failed,
        status: 'fail',
      }),
    );
  }
  return out;
}

const fromAccuracy = accuracyLines();
const mixed = [...mixedRecords(3000)];
const designed = stateRecords();
const lines = [
  ...fromAccuracy,
  ...mixed.flatMap((l, i) => (i % 37 === 0 && designed[i / 37] ? [designed[i / 37] as string, l] : [l])),
];

/** An output line without what differs between two runs of the same analysis: its timestamps (analyzed_at, pattern.extracted_at). */
function comparable(out: Record<string, unknown>): Record<string, unknown> {
  const analysis = out.analysis as Analysis | undefined;
  if (!analysis) return out;
  const { analyzed_at: _at, ...rest } = analysis;
  if (!rest.pattern) return { ...out, analysis: rest };
  const { extracted_at: _ex, ...pattern } = rest.pattern;
  return { ...out, analysis: { ...rest, pattern } };
}

const dirs: string[] = [];
t.teardown(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The CLI's route: `faultline analyze -` over the lines, batches of 97, two workers, its temporary store. */
async function cliOutputs(): Promise<Record<string, unknown>[]> {
  const config = loadConfig({ FAULTLINE_BATCH_SIZE: '97', FAULTLINE_WORKERS: '2' });
  let text = '';
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  // No --data-dir: the CLI's own temporary store, as a user runs it (it merges less and keeps no
  // rollups; the one-batch route below writes a store as migrated, with its views).
  await analyzeFile({ input: '-', stdin: Readable.from([`${lines.join('\n')}\n`]), stdout, config, progressMs: 0 });
  return text
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** A line as the CLI hands it to the pipeline: its value, or why it is not JSON. */
function parsed(line: string): { value: unknown } | { parseError: string } {
  if (!line.trim()) return { parseError: 'empty line: expected a JSON record' };
  try {
    return { value: JSON.parse(line) as unknown };
  } catch (err) {
    return { parseError: `invalid JSON: ${(err as Error).message}` };
  }
}

/** The pipeline over the whole input as one batch, on its own store. */
async function oneBatchOutputs(): Promise<Record<string, unknown>[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'faultline-unchanged-one-'));
  dirs.push(dataDir);
  const store = await Store.open({ dataDir });
  const pool = new AnalyzerPool({ workers: 1, budgetMs: 10_000 });
  try {
    const pipeline = new Pipeline({ store, pool, budgetMs: 10_000 });
    const items = lines.map((l, i) => ({ line: i + 1, ...parsed(l) }));
    const results = await pipeline.processBatch(items);
    return results.map((r) => JSON.parse(JSON.stringify(outputLine(r))) as Record<string, unknown>);
  } finally {
    await pool.close();
    await store.close();
  }
}

/** The direct route for a trace or log line: what the core's analyzer makes of the validated record. */
function direct(line: string): Record<string, unknown> | undefined {
  const p = parsed(line);
  if (!('value' in p)) return undefined;
  const v = validateRecord(p.value);
  if (!v.ok || (v.record.kind !== 'trace' && v.record.kind !== 'log')) return undefined;
  const record = { ...v.record, org_id: wellFormed(v.record.org_id ?? DEFAULT_ORG) };
  const analysis = record.kind === 'trace' ? analyzeTrace(record) : analyzeLog(record);
  if (!validateAnalysis(analysis).ok) return { status: 'accepted' };
  return comparable({ status: 'analyzed', analysis: JSON.parse(JSON.stringify(analysis)) });
}

t.test('the CLI pipeline gives every line the analysis of the direct route, except its timestamp', async (t) => {
  t.ok(fromAccuracy.length >= 400, `the accuracy sets are read (${fromAccuracy.length} cases)`);
  const cli = await cliOutputs();
  t.equal(cli.length, lines.length, 'one output line per input line');
  const analyzed = cli.filter((o) => o.status === 'analyzed').length;
  t.ok(
    analyzed > lines.length / 2,
    `most lines are analyzed (${analyzed} of ${lines.length}): the comparison is not of empty outputs`,
  );

  let textLines = 0;
  const textDiffs: string[] = [];
  lines.forEach((line, i) => {
    const want = direct(line);
    if (!want) return;
    textLines += 1;
    const got = cli[i] ?? {};
    const same = comparable({ status: got.status, ...(got.analysis ? { analysis: got.analysis } : {}) });
    if (JSON.stringify(same) !== JSON.stringify(want)) {
      if (textDiffs.length === 0) t.same(same, want, `the first line that differs from the direct route: ${i + 1}`);
      textDiffs.push(`line ${i + 1} (${String(got.ref)})`);
    }
  });
  t.ok(textLines > fromAccuracy.length, `trace and log lines compared with the direct route: ${textLines}`);
  t.same(textDiffs.slice(0, 20), [], 'every trace and log line: the same analysis as analyzeTrace / analyzeLog');

  const whole = await oneBatchOutputs();
  const diffs: string[] = [];
  let episodes = 0;
  whole.forEach((want, i) => {
    const got = cli[i] ?? {};
    if (want.kind === 'episode' && want.status === 'analyzed') episodes += 1;
    if (JSON.stringify(comparable(got)) !== JSON.stringify(comparable(want))) {
      if (diffs.length === 0) t.same(comparable(got), comparable(want), `the first line that differs from one batch: ${i + 1}`);
      diffs.push(`line ${i + 1} (${String(want.ref)})`);
    }
  });
  t.ok(episodes > 50, `failed episodes analyzed with their state and compared: ${episodes}`);
  const anomalies = whole.filter((o) =>
    (o.analysis as Analysis | undefined)?.findings.some((f) => f.code.includes('duration')),
  ).length;
  t.ok(anomalies >= 10, `duration findings that need five successes from earlier batches: ${anomalies}`);
  t.ok(
    whole.some((o) => Array.isArray(o.reanalyzed)),
    'late results re-analyze episodes in this input (the state joins are exercised)',
  );
  t.same(diffs.slice(0, 20), [], 'every line: the same output as the pipeline over one batch, not overlapped');
});
