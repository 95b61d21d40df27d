/**
 * `npx faultline` works after one `npm install` of a fresh clone. npm links a bin while it
 * installs, before `prepare` (tsc -b) builds dist/, and links none whose target is missing
 * then ("faultline: not found" until a second install). So the bin must be a committed file
 * that loads the build. Checked in git (what a clone holds), then with npm itself: the package
 * as a clone holds it (git's tracked files, no dist/) installed into an empty project, where
 * npm must link node_modules/.bin/faultline; run before and after the build exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const pkgDir = fileURLToPath(new URL('../..', import.meta.url));
const repo = fileURLToPath(new URL('../../../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  type: string;
  bin?: Record<string, string>;
};
const target = pkg.bin?.faultline ?? '';
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });

t.test('the bin is a committed, executable node script (a fresh clone has it before any build)', async (t) => {
  t.not(target, '', 'package.json names a faultline bin');
  const rel = relative(repo, join(pkgDir, target));
  const staged = git('ls-files', '--stage', '--', rel).trim();
  t.match(staged, /^100755 /, `${rel} is tracked by git, executable (git ls-files: ${JSON.stringify(staged)})`);
  t.match(readFileSync(join(pkgDir, target), 'utf8'), /^#!\/usr\/bin\/env node\n/, 'runs with node from the PATH');
  // npm links from the lockfile (npm ci, and npm install until it rewrites the lock): it must agree.
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { bin?: Record<string, string> }>;
  };
  t.same(lock.packages[relative(repo, pkgDir)]?.bin, pkg.bin, 'package-lock.json records the same bin');
});

t.test('npm links the bin on the first install of the package as a clone holds it, and it runs the CLI', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-bin-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // apps/faultline as a clone holds it: git's tracked files with git's modes; no dist/.
  const cli = join(dir, 'cli');
  const prefix = `${relative(repo, pkgDir)}/`;
  for (const line of git('ls-files', '--stage', '--', prefix).split('\n').filter(Boolean)) {
    const [meta = '', path = ''] = line.split('\t');
    const copy = join(cli, path.slice(prefix.length));
    mkdirSync(dirname(copy), { recursive: true });
    writeFileSync(copy, git('show', `:${path}`));
    chmodSync(copy, meta.startsWith('100755') ? 0o755 : 0o644);
  }
  // Its dependencies are left out (workspace packages npm could not fetch here): what is
  // tested is npm's linking of this package's bin, offline, in about a second.
  writeFileSync(
    join(cli, 'package.json'),
    JSON.stringify({ name: pkg.name, version: pkg.version, type: pkg.type, bin: pkg.bin }),
  );
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'fresh-clone', private: true, dependencies: { faultline: 'file:./cli' } }),
  );
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  t.equal(install.status, 0, `npm install: ${install.stderr}`);
  const bin = join(dir, 'node_modules', '.bin', 'faultline');

  t.ok(existsSync(bin), 'npm linked node_modules/.bin/faultline on the first install');
  const unbuilt = spawnSync(bin, ['help'], { encoding: 'utf8' });
  t.equal(unbuilt.status, 1, 'before the build: refused');
  t.match(unbuilt.stderr, /^faultline: the build is missing \(.*dist\/src\/main\.js\): run `npm install` or `npm run build`/);

  // What `prepare` (tsc -b) then builds: this checkout's dist/.
  symlinkSync(join(pkgDir, 'dist'), join(cli, 'dist'));
  const help = spawnSync(bin, ['help'], { encoding: 'utf8' });
  t.equal(help.status, 0, help.stderr);
  t.match(help.stdout, /^usage:\n {2}faultline analyze FILE\.jsonl/);
  // Arguments reach the CLI unchanged: a bad invocation is refused with the CLI's own message.
  const bad = spawnSync(bin, ['analyze'], { encoding: 'utf8' });
  t.equal(bad.status, 2);
  t.match(bad.stderr, /^faultline analyze: expected one FILE\.jsonl or -/);
});
