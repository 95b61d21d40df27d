/**
 * packages/core as it was at a commit, built in a temporary directory (for scripts that measure an
 * older analyzer beside the current one: first-answers.js, rules-alone.js). The caller removes `dir`
 * when done; the build links this checkout's node_modules, so the old core runs on today's dependencies.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCURACY_DIR } from './evaluate.js';

const ROOT = join(ACCURACY_DIR, '..', '..');

/** Builds packages/core of `commit`; returns the built index module's path and the directory to remove. */
export function buildCoreAt(commit, prefix = 'faultline-core') {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-${commit}-`));
  const tar = execFileSync('git', ['archive', commit, 'packages/core', 'tsconfig.base.json'], {
    cwd: ROOT,
    maxBuffer: 1 << 28,
  });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const core = join(dir, 'packages', 'core');
  mkdirSync(join(core, 'dist'), { recursive: true });
  writeFileSync(
    join(core, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: '.', outDir: 'dist' }, include: ['src'] }),
  );
  execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(core, 'tsconfig.json')], { stdio: 'inherit' });
  return { path: join(core, 'dist', 'src', 'index.js'), dir };
}
