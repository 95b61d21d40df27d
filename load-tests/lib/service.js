/**
 * Shared by the load tests that run `faultline start` as a child process, or the embedded service in
 * their own process (`startInProcess`).
 * Invariant: resolves with the URL the service prints ("listening on http://…") and rejects,
 * with everything the child printed, if it exits before that line.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The URL the child service listens on, read from its stdout. */
export function listeningUrl(child) {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`service exited: ${out}`)));
  });
}

const defaultMain = fileURLToPath(new URL('../../apps/faultline/dist/src/main.js', import.meta.url));

/**
 * The built `faultline` entry point of the checkout at `root` (another worktree, to measure an older
 * commit with this script): apps/faultline since 5834b97, packages/cli before.
 */
export function mainOf(root) {
  const candidates = ['apps/faultline/dist/src/main.js', 'packages/cli/dist/src/main.js'].map((p) => resolve(root, p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`no built faultline under ${root} (looked for ${candidates.join(', ')})`);
  return found;
}

/**
 * Starts `faultline <command>` (default `start`: embedded transport and store; no schedule, warn
 * logs) as a child with its own data directory; `env` adds to or overrides that environment; `main`
 * is the entry point to run (this checkout's by default, or another's: mainOf); `nodeArgs` go to node
 * before it (e.g. --trace-gc, with FAULTLINE_BENCH_STDOUT to keep what it prints).
 * `stop()` ends the child and removes the directory.
 */
export async function startService({
  command = 'start',
  prefix = 'faultline-bench-',
  env = {},
  main = defaultMain,
  nodeArgs = [],
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const child = spawn(process.execPath, [...nodeArgs, main, command], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: '0',
      FAULTLINE_DATA_DIR: dir,
      FAULTLINE_RUN_SCHEDULE: 'off',
      FAULTLINE_LOG_LEVEL: 'warn',
      ...env,
    },
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // FAULTLINE_BENCH_STDOUT=FILE keeps what the child prints (e.g. NODE_OPTIONS=--trace-gc's lines).
  if (process.env.FAULTLINE_BENCH_STDOUT) child.stdout.pipe(createWriteStream(process.env.FAULTLINE_BENCH_STDOUT));
  const url = await listeningUrl(child);
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return { child, dir, url, exited, stop };
}

/**
 * The embedded service (`startEmbedded`, what `npm start` runs) in this process on `dir`: port 0,
 * `adminKey` as the bootstrap key, no schedule, no free-disk floor, warn logs, quiet.
 */
export async function startInProcess(dir, adminKey) {
  const { startEmbedded } = await import('../../apps/faultline/dist/src/start.js');
  const { loadConfig } = await import('../../packages/config/dist/src/index.js');
  return startEmbedded(
    loadConfig({
      PORT: '0',
      FAULTLINE_DATA_DIR: dir,
      FAULTLINE_ADMIN_KEY: adminKey,
      FAULTLINE_RUN_SCHEDULE: 'off',
      FAULTLINE_MIN_FREE_BYTES: '0',
      FAULTLINE_LOG_LEVEL: 'warn',
    }),
    { quiet: true },
  );
}
