/**
 * The CLI's input reader: the same lines as readline (crlfDelay: Infinity) gave, whatever the
 * chunking; and the CLI reads its input only as its batches need it, not ~1,000 lines ahead
 * (every line read ahead waited before its batch was formed: per-record latency in
 * load-tests/cli-replay.js).
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { loadConfig } from '@faultline/config';
import t, { type Test } from 'tap';
import { analyzeFile, backlogBatchSize, inputLines } from '../src/analyze.js';

const viaReadline = async (chunks: (string | Buffer)[]) => {
  const out: string[] = [];
  const rl = createInterface({ input: Readable.from(chunks), crlfDelay: Number.POSITIVE_INFINITY });
  rl.on('line', (l) => out.push(l));
  await once(rl, 'close');
  return out;
};
const viaInputLines = async (chunks: (string | Buffer)[]) => {
  const out: string[] = [];
  for await (const l of inputLines(Readable.from(chunks))) out.push(l);
  return out;
};

t.test('the same lines as readline, however the input is cut into chunks', async (t) => {
  const texts = [
    '{"a":1}\n{"b":"é€𝄞"}\n\n{"c":3}',
    '{"a":1}\r\n{"b":2}\r\n',
    'one\rtwo\r\rthree\n\r\nfour\r',
    '\n\n',
    '',
    'no newline at all',
    'x\r\n\r\ny\n',
    '{"k":"ü"}\r\n'.repeat(5),
  ];
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    const expected = await viaReadline([bytes]);
    t.same(await viaInputLines([bytes]), expected, `${JSON.stringify(text)} whole`);
    for (const size of [1, 2, 3, 5]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      t.same(await viaReadline(chunks), expected, `positive control: readline agrees with itself in chunks of ${size}`);
      t.same(await viaInputLines(chunks), expected, `${JSON.stringify(text)} in byte chunks of ${size}`);
      const strings: string[] = [];
      for (let i = 0; i < text.length; i += size) strings.push(text.slice(i, i + size));
      t.same(await viaInputLines(strings), expected, `${JSON.stringify(text)} in string chunks of ${size}`);
    }
  }
});

t.test('the CLI reads no further ahead than its batches need', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-input-lines-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const total = 400;
  const batchSize = 20;
  const line = (i: number) =>
    JSON.stringify({ kind: 'log', log_id: `l-${i}`, org_id: 'acme', error_message: `step ${i} failed: timeout` });
  let pulled = 0;
  let pulledAtFirstOutput: number | undefined;
  // One line per read, nothing buffered ahead by the stream itself: what is pulled is what the CLI asked for.
  const stdin = new Readable({
    highWaterMark: 1,
    objectMode: true,
    read() {
      if (pulled >= total) this.push(null);
      else this.push(`${line(pulled++)}\n`);
    },
  });
  let outputs = 0;
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      outputs += chunk.toString().split('\n').length - 1;
      pulledAtFirstOutput ??= pulled;
      cb();
    },
  });
  const config = { ...loadConfig({ ...process.env, FAULTLINE_WORKERS: '1' }), batchSize };
  const summary = await analyzeFile({ input: '-', stdin, stdout, config, progressMs: 0, dataDir: join(dir, 'store') });
  t.equal(summary.lines, total, 'every line analyzed');
  t.equal(outputs, total, 'one output line per input line');
  // Two batches in flight and the next one filling, a few lines of slack for the stream.
  t.ok(pulledAtFirstOutput !== undefined && pulledAtFirstOutput <= 3 * batchSize + 4, `read ${pulledAtFirstOutput} lines before the first output (at most ${3 * batchSize + 4})`);
});

/**
 * Runs the CLI with batch size 20 over `total` log lines from `stdin(state)`, and returns the sizes
 * of its batches as the output shows them: a batch's lines are written in one stretch, during
 * which nothing more is read, so consecutive output lines written at the same read count are one
 * batch (once the input is all read, the batches left are written as one group).
 */
async function batchesSeen(
  t: Test,
  total: number,
  ready: (pulled: number, written: number) => boolean,
): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-batches-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const line = (i: number) =>
    JSON.stringify({ kind: 'log', log_id: `l-${i}`, org_id: 'acme', error_message: `step ${i} failed: timeout` });
  let pulled = 0;
  let written = 0;
  let waiting: (() => void) | undefined;
  const stdin = new Readable({
    highWaterMark: 1,
    objectMode: true,
    read() {
      const push = () => {
        if (pulled >= total) this.push(null);
        else this.push(`${line(pulled++)}\n`);
      };
      if (pulled >= total || ready(pulled, written)) push();
      else waiting = push;
    },
  });
  const groups: { at: number; n: number }[] = [];
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      const n = chunk.toString().split('\n').length - 1;
      written += n;
      const last = groups.at(-1);
      if (last && last.at === pulled) last.n += n;
      else groups.push({ at: pulled, n });
      const resume = waiting;
      if (resume && ready(pulled, written)) {
        waiting = undefined;
        resume();
      }
      cb();
    },
  });
  const config = { ...loadConfig({ ...process.env, FAULTLINE_WORKERS: '1' }), batchSize: 20 };
  const summary = await analyzeFile({ input: '-', stdin, stdout, config, progressMs: 0, dataDir: join(dir, 'store') });
  t.equal(summary.lines, total, 'every line analyzed');
  return groups.map((g) => g.n);
}

t.test('under backlog a batch takes 1.3 x the batch size; a producer slower than the pipeline keeps the batch size', async (t) => {
  t.equal(backlogBatchSize(1000), 1300);
  t.equal(backlogBatchSize(1), 1);
  // Every line there to read: after the first batches, the pipeline is what the records wait for.
  const backlog = await batchesSeen(t, 20 + 20 + 26 * 8, () => true);
  t.same(backlog.slice(0, 2), [20, 20], 'the first two batches: nothing waits yet');
  // (the last two batches are both written after the last line is read: one group of 52 here)
  t.same(backlog.slice(2), [...Array(6).fill(26), 52], 'then 26 lines per batch');
  // A producer that sends 20 lines once the lines before are all answered: no backlog ever.
  const slow = await batchesSeen(t, 200, (pulled, written) => pulled % 20 !== 0 || written === pulled);
  t.same(slow, Array(10).fill(20), 'batches of 20');
});
