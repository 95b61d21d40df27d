/** Shared by the bus tests: temp directories, a collecting consumer, polling without long sleeps. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusMessage, Delivered, EmbeddedBus } from '../src/index.js';

export async function tempDir(t: { teardown: (fn: () => unknown) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-bus-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Polls cond every 5 ms; rejects after timeoutMs with the label so a hang fails fast and says where. */
export async function waitFor(cond: () => boolean | Promise<boolean>, label: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${label}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function messages(n: number, keys: number, from = 0): BusMessage[] {
  return Array.from({ length: n }, (_, i) => ({ key: `robot-${(from + i) % keys}`, value: String(from + i) }));
}

/** Starts a consumer that records every batch; resolves nothing, read `batches`/`delivered`. */
export function collect(bus: EmbeddedBus, maxBatch: number): { batches: Delivered[][]; delivered: Delivered[] } {
  const out = { batches: [] as Delivered[][], delivered: [] as Delivered[] };
  bus.consume(
    async (batch) => {
      out.batches.push(batch);
      out.delivered.push(...batch);
    },
    { maxBatch },
  );
  return out;
}

/** Asserts, per key, that the values (publish sequence numbers) come strictly increasing. */
export function perKeyOrdered(delivered: { key: string; value: string }[]): boolean {
  const last = new Map<string, number>();
  for (const d of delivered) {
    const v = Number(d.value);
    if ((last.get(d.key) ?? -1) >= v) return false;
    last.set(d.key, v);
  }
  return true;
}

export async function logFiles(dir: string): Promise<{ name: string; size: number }[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.log')).sort();
  // A segment may be deleted by compaction between readdir and stat: it no longer counts.
  const files = await Promise.all(
    names.map(async (name) => {
      const s = await stat(join(dir, name)).catch(() => undefined);
      return s === undefined ? undefined : { name, size: s.size };
    }),
  );
  return files.filter((f) => f !== undefined);
}

export async function logBytes(dir: string): Promise<number> {
  return (await logFiles(dir)).reduce((s, f) => s + f.size, 0);
}
