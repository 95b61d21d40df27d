#!/usr/bin/env node
/**
 * `node load-tests/bus-publish.js [--root DIR] [--publishers 8] [--seconds 3] [--think-ms 0] [--hold-ms 300]`:
 * the embedded bus alone, as the ingest routes use it: N publishers, each publishing one ~1.2 kB
 * message and awaiting it (durable) before the next (after `--think-ms`), a consumer that holds each
 * batch `--hold-ms` (the pipeline's turn) before it is committed. Prints publishes/s, the process's
 * CPU (all threads) per publish and the log syncs per publish (`logSyncs`: logs made durable by
 * the group commits, an fdatasync or an O_DSYNC write each). `--root` runs another built checkout's
 * bus (a baseline in a second worktree), for alternated runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: join(import.meta.dirname, '..') },
    publishers: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '3' },
    'think-ms': { type: 'string', default: '0' },
    'hold-ms': { type: 'string', default: '300' },
  },
});
const root = resolve(values.root);
const [publishers, seconds, think, hold] = ['publishers', 'seconds', 'think-ms', 'hold-ms'].map((k) => Number(values[k]));
const { EmbeddedBus } = await import(join(root, 'packages/bus/dist/src/index.js'));
const dir = mkdtempSync(join(tmpdir(), 'bus-publish-'));
const bus = await EmbeddedBus.open({ dir });
bus.consume(() => new Promise((r) => setTimeout(r, hold)), { maxBatch: 1000 });
const value = JSON.stringify({ robot_id: 'robot-1', status: 'failed', metadata: { failure_reason: 'x'.repeat(1100) } });
let n = 0;
let stop = false;
setTimeout(() => {
  stop = true;
}, seconds * 1000);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await Promise.all(
  Array.from({ length: publishers }, async (_, k) => {
    for (let i = 0; !stop; i++) {
      await bus.publish([{ key: `bench-${k}-${i}`, value }]);
      n++;
      if (think) await new Promise((r) => setTimeout(r, think));
    }
  }),
);
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - t0;
console.log(
  `${root}: ${publishers} publishers, think ${think} ms: ${((n / wall) * 1000).toFixed(0)} publishes/s, ` +
    `CPU ${((cpu.user + cpu.system) / n).toFixed(1)} µs per publish, log syncs per publish ${(bus.stats().logSyncs / n).toFixed(2)}`,
);
await bus.close();
rmSync(dir, { recursive: true, force: true });
