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
import t from 'tap';
import { analyzeFile, inputLines } from '../src/analyze.js';

const viaReadline = async (chunks: (string | Buffer)[]) => {
  const out: string[] = [];
  const rl = createInterface({ input: Readable.from(chunks), crlfDelay: Number.POSITIVE_INFINITY });
  rl.on('line', (l) => out.push(l));
  await once(rl, 'close');
  return out;
};
const viaInputLines = async (chunks: (string | Buffer)[]) => {
  const out: string[] = [];
  for await (const ls of inputLines(Readable.from(chunks))) out.push(...ls);
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
  t.ok(
    pulledAtFirstOutput !== undefined && pulledAtFirstOutput <= 3 * batchSize + 4,
    `read ${pulledAtFirstOutput} lines before the first output (at most ${3 * batchSize + 4})`,
  );
});
