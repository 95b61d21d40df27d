/**
 * The transport contract's conformance suite (test/conformance/suite.ts) on the embedded bus:
 * each case in a fresh directory, 4 partitions, a capacity of 100 messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus, readDeadLetters } from '../src/index.js';
import { conformance } from './conformance/suite.js';

conformance('embedded bus', async (t, tag) => {
  const dir = await mkdtemp(join(tmpdir(), `faultline-conformance-${tag}-`));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const capacity = 100;
  return {
    open: () => EmbeddedBus.open({ dir, partitions: 4, capacity }),
    deadLetters: async () => (await readDeadLetters(dir)).map(({ key, step, reason }) => ({ key, step, reason })),
    capacity,
    waitMs: 10_000,
  };
});
