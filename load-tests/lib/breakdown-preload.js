/**
 * Preloaded (`node --import`) into each analyzer process by `kafka-pipeline.js --breakdown`: where
 * the analyzer's time goes, written every 250 ms as one JSON snapshot (cumulative figures) to
 * FAULTLINE_BREAKDOWN_FILE, so the benchmark can take the difference over its measured window.
 *
 * - `cpu`: CPU seconds (utime + stime from /proc/self/task, Linux) per thread group: `main` (the
 *   event loop: the Kafka client, Avro decoding, the pipeline's joins, the store's row conversion
 *   and encoding), `workers` (the analyzer workers: analyzerThreadIds of the checkout that runs),
 *   `clickhouse` (chdb's own pools: every thread not named `node` or `libuv-worker`), `other`
 *   (libuv's pool, which runs chdb's queries, and V8's helpers, all named `node` or `libuv-worker`).
 * - `hops`: per pair of consecutive hops of the `faultline:hop` channel (packages/bus/src/hops.ts)
 *   that one record passed, `wait` = the sum over records of the time between them (ms) and
 *   `busy` = the same sum with each record's share divided by the size of the batch it was in at
 *   the later hop (the time that stage held a batch, spread over its records). Records are told
 *   apart by their delivery (topic/partition/offset).
 */
import { subscribe } from 'node:diagnostics_channel';
import { readdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const file = process.env.FAULTLINE_BREAKDOWN_FILE;
// The analyzer package of the checkout whose main runs (argv[1] = <root>/apps/faultline/dist/src/main.js).
const root = join(dirname(process.argv[1] ?? '.'), '../../../..');
const analyzer = await import(join(root, 'services/analyzer/dist/src/index.js')).catch(() => ({}));

/** The delivery of a hop's item: a bus message (topic, partition, offset) or a pipeline item (`delivery`). */
function deliveryOf(item) {
  if (typeof item !== 'object' || item === null) return undefined;
  if (typeof item.delivery === 'string') return item.delivery;
  if (item.offset !== undefined && item.partition !== undefined) return `${item.topic ?? ''}/${item.partition}/${item.offset}`;
  return undefined;
}

/** Per record in flight: its last hop and when. */
const last = new Map();
const hops = {};
/** Per hop: how many marks (batches), their items, the largest. */
const batches = {};

/**
 * How long the pipeline's two stages had no batch (ms, cumulative, from the first mark on): the
 * pool (`noAnalysis`: no batch between pipeline.joined and pipeline.analyzed), the store
 * (`noStore`: none between pipeline.analyzed and pipeline.persisted), and both at once (`empty`).
 */
const idle = { noAnalysis: 0, noStore: 0, empty: 0 };
let analyzing = 0;
let storing = 0;
let idleSince;
function stages(hop, at) {
  if (idleSince !== undefined) {
    const ms = at - idleSince;
    if (analyzing === 0) idle.noAnalysis += ms;
    if (storing === 0) idle.noStore += ms;
    if (analyzing === 0 && storing === 0) idle.empty += ms;
  }
  idleSince = at;
  if (hop === 'pipeline.joined') analyzing += 1;
  else if (hop === 'pipeline.analyzed') {
    analyzing = Math.max(0, analyzing - 1);
    storing += 1;
  } else if (hop === 'pipeline.persisted') storing = Math.max(0, storing - 1);
}

if (file) {
  subscribe('faultline:hop', ({ hop, at, items }) => {
    stages(hop, at);
    const n = items.length || 1;
    const b = (batches[hop] ??= { marks: 0, items: 0, max: 0 });
    b.marks += 1;
    b.items += items.length;
    b.max = Math.max(b.max, items.length);
    for (const item of items) {
      const id = deliveryOf(item);
      if (id === undefined) continue;
      const prev = last.get(id);
      if (prev && prev.hop !== hop) {
        const key = `${prev.hop} → ${hop}`;
        const h = (hops[key] ??= { wait: 0, busy: 0, records: 0 });
        const ms = at - prev.at;
        h.wait += ms;
        h.busy += ms / n;
        h.records += 1;
      }
      if (hop === 'kafka.committed' || hop === 'bus.committed') last.delete(id);
      else last.set(id, { hop, at });
    }
  });

  const tick = 100; // USER_HZ
  const cpu = { main: 0, workers: 0, clickhouse: 0, other: 0 };
  const seen = new Map();
  const sample = () => {
    const workers = new Set([...(analyzer.analyzerThreadIds?.() ?? [])].map(String));
    try {
      for (const tid of readdirSync('/proc/self/task')) {
        const base = `/proc/self/task/${tid}`;
        const stat = readFileSync(`${base}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const secs = (Number(f[11]) + Number(f[12])) / tick;
        const before = seen.get(tid) ?? 0;
        seen.set(tid, secs);
        const comm = readFileSync(`${base}/comm`, 'utf8').trim();
        const group =
          tid === String(process.pid)
            ? 'main'
            : workers.has(tid)
              ? 'workers'
              : comm === 'node' || comm.startsWith('libuv')
                ? 'other'
                : 'clickhouse';
        cpu[group] += secs - before;
      }
    } catch {
      // a thread ended while read: counted up to its last sample
    }
    // Whole or not at all for the reader: written beside, then renamed over; off the event loop
    // (a synchronous write and rename blocked the analyzer's main thread ~10 ms each time under
    // load), one at a time: a snapshot taken while the last is still being written waits for the next tick.
    if (writing) return;
    writing = true;
    if (idleSince !== undefined) stages('', performance.timeOrigin + performance.now());
    const snapshot = JSON.stringify({ at: Date.now(), cpu, hops, batches, idle, workerThreads: workers.size });
    writeFile(`${file}.tmp`, snapshot)
      .then(() => rename(`${file}.tmp`, file))
      .catch(() => undefined)
      .finally(() => {
        writing = false;
      });
  };
  let writing = false;
  sample();
  setInterval(sample, 250).unref();
}
