/**
 * CPU time per thread *name* of another process, sampled from /proc every 10 ms by this file run as
 * a child (`startThreadSampler(pid)`): each sample's CPU since the previous one is counted under
 * the name the thread has at that sample. ClickHouse's pool threads take the name of the job they
 * run (`MergeMutate`, `QueryPipelineEx`, `BgSchPool`, …) and return to `ThreadPool` when idle, so a
 * sample rate well above the jobs' length is what attributes a thread's CPU to its jobs. Linux only.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Starts the sampler on `pid`; `stop()` resolves to Map<tid, Map<name, cpu seconds>>. */
export function startThreadSampler(pid) {
  const child = fork(fileURLToPath(import.meta.url), [String(pid)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = new Promise((resolve) => child.once('message', resolve));
  return {
    ready,
    stop: () =>
      new Promise((resolve) => {
        child.once('message', (m) => {
          child.disconnect();
          resolve(new Map(m.map(([tid, names]) => [tid, new Map(names)])));
        });
        child.send('stop');
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pid = process.argv[2];
  const last = new Map(); // tid -> ticks
  const spent = new Map(); // tid -> Map<name, ticks>
  const sample = (count) => {
    let tids;
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      } catch {
        continue; // the thread ended
      }
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]);
      const before = last.get(tid);
      last.set(tid, ticks);
      if (!count) continue;
      // A thread first seen now spent its ticks since it started: counted under its present name.
      const d = ticks - (before ?? 0);
      if (d <= 0) continue;
      const names = spent.get(tid) ?? new Map();
      names.set(name, (names.get(name) ?? 0) + d);
      spent.set(tid, names);
    }
  };
  sample(false);
  const timer = setInterval(() => sample(true), 10);
  process.send('ready');
  process.on('message', () => {
    clearInterval(timer);
    sample(true);
    process.send([...spent].map(([tid, names]) => [tid, [...names].map(([n, t]) => [n, t / 100])]));
  });
}
