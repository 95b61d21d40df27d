/**
 * Preloaded (`node --import`) into the service process by `http-ingest.js --hops`: subscribes to
 * the `faultline:hop` diagnostics channel (packages/bus/src/hops.ts) and appends, for every probe
 * episode (id `probe-…`) in a batch at a hop, one line `{"id","hop","at","n"}` (n: the batch's
 * size) to the file named by FAULTLINE_HOPS_FILE; and the analyzer workers' thread ids (below).
 */
import { subscribe } from 'node:diagnostics_channel';
import { appendFileSync, writeFileSync } from 'node:fs';

const file = process.env.FAULTLINE_HOPS_FILE;
const PROBE = /"episode_id":"(probe-\d+)"/;

/** The probe id of an envelope, a bus message or a pipeline item, if it is one. */
function probeOf(item) {
  if (typeof item !== 'object' || item === null) return undefined;
  if (typeof item.value === 'string') return item.value.includes('"probe-') ? PROBE.exec(item.value)?.[1] : undefined;
  const id = (item.record ?? item.value)?.episode_id;
  return typeof id === 'string' && id.startsWith('probe-') ? id : undefined;
}

if (file)
  subscribe('faultline:hop', ({ hop, at, items }) => {
    let lines = '';
    for (const item of items) {
      const id = probeOf(item);
      if (id) lines += `${JSON.stringify({ id, hop, at, n: items.length })}\n`;
    }
    if (lines) appendFileSync(file, lines);
  });

// FAULTLINE_WORKER_TIDS_FILE: the analyzer workers' OS thread ids, written every second (the
// benchmark tells their CPU time apart from the other threads named "node": libuv's, V8's).
const tidsFile = process.env.FAULTLINE_WORKER_TIDS_FILE;
if (tidsFile)
  setInterval(async () => {
    const { analyzerThreadIds } = await import('@faultline/analyzer');
    writeFileSync(tidsFile, JSON.stringify([...analyzerThreadIds()]));
  }, 1000).unref();
