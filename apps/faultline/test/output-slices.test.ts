/**
 * The CLI writes a batch's output lines in slices of OUTPUT_SLICE, with a turn of the event loop
 * between slices (load-tests/README.md, thirteenth landing). The bytes are those of one write per
 * line: every line once, in input order, each followed by a newline, keys in the contract's order;
 * and something scheduled on the event loop during a batch's output runs before its next slice.
 */
import { Readable, Writable } from 'node:stream';
import type { ItemResult } from '@faultline/analyzer';
import { loadConfig } from '@faultline/config';
import t from 'tap';
import { analyzeFile, OUTPUT_SLICE, outputLine, outputText } from '../src/analyze.js';

const COUNT = OUTPUT_SLICE * 3 + 7;

t.test('outputText: the slices together are the lines one by one', async (t) => {
  const results: ItemResult[] = Array.from({ length: COUNT }, (_, i) =>
    i % 5 === 0
      ? ({ line: i + 1, kind: 'log', ref: `r-${i}`, status: 'rejected', error: `bad "line" ${i}\n` } as ItemResult)
      : ({ line: i + 1, kind: 'log', ref: `r-${i}`, status: 'accepted', error: 'analyzer failed: x' } as ItemResult),
  );
  const oneByOne = results.map((r) => `${JSON.stringify(outputLine(r))}\n`).join('');
  const summary = { lines: 0, analyzed: 0, accepted: 0, rejected: 0, timed_out: 0 };
  let sliced = '';
  for (let from = 0; from < COUNT; from += OUTPUT_SLICE)
    sliced += outputText(results, from, Math.min(COUNT, from + OUTPUT_SLICE), summary);
  t.equal(sliced, oneByOne);
  t.same(summary, {
    lines: COUNT,
    analyzed: 0,
    accepted: COUNT - Math.ceil(COUNT / 5),
    rejected: Math.ceil(COUNT / 5),
    timed_out: 0,
  });
});

t.test('the CLI: every line once, in order, in slices, the event loop turning between them', async (t) => {
  const lines = Array.from({ length: COUNT }, (_, i) =>
    i % 9 === 4
      ? `{"kind":"log","log_id":"broken-${i}"` // a parse error: rejected
      : JSON.stringify({ kind: 'log', log_id: `s-${i}`, org_id: 'acme', error_message: `step ${i} failed: timeout` }),
  );
  const writes: string[] = [];
  let turns = 0;
  const turnsAtWrite: number[] = [];
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      writes.push(chunk.toString());
      turnsAtWrite.push(turns);
      setImmediate(() => {
        turns += 1;
      });
      cb();
    },
  });
  const config = { ...loadConfig({ ...process.env, FAULTLINE_WORKERS: '1' }), batchSize: 1000 };
  const summary = await analyzeFile({
    input: '-',
    stdin: Readable.from([`${lines.join('\n')}\n`]),
    stdout,
    config,
    progressMs: 0,
  });
  const text = writes.join('');
  t.ok(text.endsWith('\n'));
  const out = text.slice(0, -1).split('\n');
  t.equal(out.length, COUNT, 'one line per input line');
  t.same(
    out.map((l) => (JSON.parse(l) as { line: number }).line),
    lines.map((_, i) => i + 1),
    'in input order',
  );
  t.same(
    out.filter((l) => JSON.stringify(outputLine(JSON.parse(l) as ItemResult)) !== l),
    [],
    'keys in the contract order',
  );
  t.equal(summary.lines, COUNT);
  t.equal(writes.length, Math.ceil(COUNT / OUTPUT_SLICE), 'one write per slice');
  for (const w of writes) {
    t.ok(w.endsWith('\n'), 'a write ends on a line');
    t.ok(w.split('\n').length - 1 <= OUTPUT_SLICE, 'at most OUTPUT_SLICE lines a write');
  }
  for (let k = 1; k < turnsAtWrite.length; k++) {
    t.ok((turnsAtWrite[k] as number) > (turnsAtWrite[k - 1] as number), `the event loop turned before slice ${k}`);
  }
});
