/**
 * The whole service in the test's own process (`startEmbedded`, what `npm start` runs), on a free
 * port with a fresh data directory; closed and the directory removed when the test ends. For the
 * service as a separate process, as an operator runs it, see harness.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@faultline/config';
import { startEmbedded } from 'faultline';
import type { Test } from 'tap';

/** `env` is the configuration beside PORT and FAULTLINE_DATA_DIR, read by the one config schema. */
export async function startInProcess(t: Test, dirPrefix: string, env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const svc = await startEmbedded(loadConfig({ PORT: '0', FAULTLINE_DATA_DIR: dir, ...env }), { quiet: true });
  t.teardown(async () => {
    await svc.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { svc, dir };
}
