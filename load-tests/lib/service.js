/**
 * Shared by the load tests that run `faultline start` as a child process, or the embedded service in
 * their own process (`startInProcess`).
 * Invariant: resolves with the URL the service prints ("listening on http://…") and rejects,
 * with everything the child printed, if it exits before that line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/**
 * Starts `faultline <command>` (default `start`: embedded transport and store; no schedule, warn
 * logs) as a child with its own data directory; `env` adds to or overrides that environment.
 * `stop()` ends the child and removes the directory.
 */
export async function startService({ command = 'start', prefix = 'faultline-bench-', env = {} } = {}) {
  const main = fileURLToPath(new URL('../../apps/faultline/dist/src/main.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const child = spawn(process.execPath, [main, command], {
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
