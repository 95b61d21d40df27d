/**
 * Crash safety against a real SIGKILL: a child process publishes (and consumes) on real files
 * and is killed; reopening the directory delivers every published, uncommitted message. Also
 * checks that a dead owner's LOCK is taken over.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { type Delivered, EmbeddedBus } from '../src/index.js';
import { collect, perKeyOrdered, tempDir, waitFor } from './helpers.js';

const producer = fileURLToPath(new URL('./fixtures/producer.js', import.meta.url));

/** Runs the fixture, kills it with SIGKILL once `killWhen` is true of its stdout lines; resolves with all lines. */
function runAndKill(args: string[], killWhen: (lines: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [producer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d: Buffer) => {
      const parts = (partial + d.toString('utf8')).split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
      if (!killed && killWhen(lines)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && killed) resolve(lines);
      else reject(new Error(`producer exited (code ${code}, signal ${signal}) before the kill: ${stderr}`));
    });
  });
}

async function drain(dir: string): Promise<{ bus: EmbeddedBus; delivered: Delivered[] }> {
  const bus = await EmbeddedBus.open({ dir, partitions: 4 });
  const pending = bus.stats().depth;
  const got = collect(bus, 100);
  await waitFor(() => bus.stats().committed === pending, 'the redelivered messages committed');
  return { bus, delivered: got.delivered };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const valuesOf = (ds: Delivered[]) => ds.map((d) => Number(d.value));

t.test('killed right after publish resolved: every message is delivered after reopen', async (t) => {
  const dir = await tempDir(t);
  await runAndKill([dir, '2000', 'idle'], (lines) => lines.includes('published'));

  const { bus, delivered } = await drain(dir);
  t.teardown(() => bus.close());
  t.equal(bus.stats().tornBytesDropped, 0, 'nothing torn: publish resolved after the fsync');
  t.same(
    valuesOf(delivered).sort((a, b) => a - b),
    range(2000),
    'all 2,000 delivered, each once',
  );
  t.ok(perKeyOrdered(delivered), 'in per-key order');
});

t.test('killed mid-consumption: nothing lost, duplicates only from the in-flight batch', async (t) => {
  const dir = await tempDir(t);
  const lines = await runAndKill([dir, '1000', 'consume-slow'], (ls) => ls.filter((l) => l.startsWith('handling ')).length >= 4);
  const handling = lines.filter((l) => l.startsWith('handling ')).map((l) => l.slice(9).split(',').map(Number));
  const handledByChild = new Set(handling.flat());
  const inFlight = new Set(handling.at(-1));

  const { bus, delivered } = await drain(dir);
  t.teardown(() => bus.close());
  const after = valuesOf(delivered);
  t.ok(after.length < 1000, `the batches committed before the kill are not redelivered (${after.length} of 1000 come again)`);
  t.equal(new Set(after).size, after.length, 'no message twice after the reopen');
  t.same(
    [...new Set([...handledByChild, ...after])].sort((a, b) => a - b),
    range(1000),
    'every published message was handled before the kill or is delivered after it',
  );
  const duplicates = after.filter((v) => handledByChild.has(v));
  t.ok(
    duplicates.every((v) => inFlight.has(v)),
    `the ${duplicates.length} messages seen twice all belong to the batch in flight at the kill`,
  );
  t.ok(perKeyOrdered(delivered), 'in per-key order');
});

t.test('killed while publishing continuously: every acknowledged message survives, open never fails', async (t) => {
  const dir = await tempDir(t);
  const lines = await runAndKill([dir, '0', 'stream'], (ls) => ls.filter((l) => l.startsWith('acked ')).length >= 30);
  const acked = Math.max(...lines.filter((l) => l.startsWith('acked ')).map((l) => Number(l.slice(6))));

  const { bus, delivered } = await drain(dir);
  t.teardown(() => bus.close());
  const after = new Set(valuesOf(delivered));
  t.equal(after.size, delivered.length, 'no duplicates');
  t.ok(
    range(acked + 1).every((v) => after.has(v)),
    `all ${acked + 1} acknowledged messages are delivered (${after.size} in all: an unacknowledged publish may be there too)`,
  );
  t.ok(perKeyOrdered(delivered), 'in per-key order');
});
