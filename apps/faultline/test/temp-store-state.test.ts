/**
 * The CLI on its temporary store (no --data-dir, no --clickhouse-url) reads no state from it: the
 * store starts empty and only the run's pipeline writes it, so the state cache knows it whole
 * (services/analyzer state.ts, storeStartsEmpty; load-tests/README.md, eleventh landing). With a
 * --data-dir store (which may hold earlier runs' state) every miss is read, as before. The control
 * is two runs over one --data-dir store, the second (the later lines) with a cold cache over the
 * state the first stored: its joins read that state from the store, and the answers are those of
 * the one run on the temporary store, whose joins read it from its cache alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { loadConfig } from '@faultline/config';
import { Store } from '@faultline/store';
import t from 'tap';
import { analyzeFile } from '../src/analyze.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-temp-state-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

// The state prefetch's four reads, counted on every store of this process, with the rows (robot
// histories, results, episodes) they found.
const reads = { count: 0, rows: 0 };
for (const method of ['successDurations', 'evalResultsFor', 'verificationResultsFor', 'episodes'] as const) {
  const original = Store.prototype[method] as (...args: unknown[]) => Promise<Map<string, unknown> | unknown[]>;
  (Store.prototype as unknown as Record<string, unknown>)[method] = async function (this: Store, ...args: unknown[]) {
    reads.count++;
    const found = await original.apply(this, args);
    reads.rows += found instanceof Map ? found.size : found.length;
    return found;
  };
}

const episode = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  kind: 'episode',
  episode_id: id,
  robot_id: 'cli-r1',
  source: 'live',
  status,
  started_at: '2026-11-01T10:00:00Z',
  ...extra,
});
const LINES = [
  ...[10, 11, 12, 9, 10].map((d, i) => episode(`cli-ok-${i}`, 'succeeded', { duration_s: d })),
  episode('cli-fail', 'failed', { metadata: { eval_run_id: 'ev' } }),
  episode('cli-slow', 'succeeded', { duration_s: 95 }),
  { kind: 'eval_result', eval_run_id: 'ev', candidate_episode_id: 'cli-fail', metrics: { success_delta: -0.5 } },
].map((r) => JSON.stringify(r));

async function run(lines: string[], dataDir?: string): Promise<string[]> {
  const out: string[] = [];
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      out.push(chunk.toString());
      cb();
    },
  });
  // Batches of 2: the later batches join over the state the earlier ones stored.
  const config = { ...loadConfig({ ...process.env, FAULTLINE_WORKERS: '1' }), batchSize: 2 };
  const stdin = Readable.from([`${lines.join('\n')}\n`]);
  await analyzeFile({ input: '-', stdin, stdout, config, progressMs: 0, ...(dataDir ? { dataDir } : {}) });
  return out
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.stringify(JSON.parse(l), (k, v) => (k === 'analyzed_at' ? undefined : v)));
}

t.test('the CLI on its temporary store reads no state, and answers as on a --data-dir store, which reads it', async (t) => {
  const temp = await run(LINES);
  const readsOnTemp = reads.count;
  t.equal(readsOnTemp, 0, 'no state read on the temporary store');
  // The control: the first six lines (three batches), then the last two (one batch: the slow
  // success and the late eval result) by a second run over the state the first one stored.
  const kept = join(dir, 'kept');
  const first = await run(LINES.slice(0, 6), kept);
  reads.rows = 0;
  const second = await run(LINES.slice(6), kept);
  t.ok(reads.rows > 0, 'the second run over the --data-dir store read the state the first one stored (the control)');
  t.equal(temp.length, LINES.length);
  // The second run numbers its lines from 1.
  const renumbered = second.map((l) => l.replace(/^\{"line":(\d+)/, (_, n) => `{"line":${Number(n) + 6}`));
  t.same(temp, [...first, ...renumbered], 'the same answers');
  t.match(temp.at(-1), /"reanalyzed":\["cli-fail"\]/, 'the late result re-analyzed the failed episode of an earlier batch');
});
