/**
 * Where `faultline analyze` makes its temporary store (temp-place.ts): in RAM (a tmpfs) only for
 * an input file whose store fits four times over in the tmpfs's free space and in available
 * memory, never against the user's TMPDIR, never for stdin; and the answers are the same wherever
 * the store is, and the store is gone after the run.
 */
import { existsSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@faultline/config';
import t from 'tap';
import { analyzeFile } from '../src/analyze.js';
import { choosePlace, RAM_HEADROOM, SHM_DIR, type TempPlaceProbe, TMPFS_MAGIC, tempPlace } from '../src/temp-place.js';

const GiB = 1024 ** 3;
const machine = (over: Partial<TempPlaceProbe> = {}): TempPlaceProbe => ({
  env: {},
  inputBytes: 36 * 1024 ** 2,
  shm: { type: TMPFS_MAGIC, freeBytes: 8 * GiB },
  availableBytes: 16 * GiB,
  tmp: '/var/tmp-of-the-os',
  ...over,
});

t.test('the decision, machine by machine', async (t) => {
  t.same(choosePlace(machine()), { dir: SHM_DIR, reason: 'ram' }, 'a file, a roomy tmpfs: RAM');
  t.same(
    choosePlace(machine({ env: { TMPDIR: '/scratch' } })),
    { dir: '/var/tmp-of-the-os', reason: 'TMPDIR' },
    "the user's TMPDIR wins (the OS temporary directory, which honours it)",
  );
  t.same(choosePlace(machine({ inputBytes: undefined })).reason, 'stdin', 'stdin: size unknown, never RAM');
  t.same(choosePlace(machine({ shm: undefined })).reason, 'no tmpfs', 'no /dev/shm');
  t.same(
    choosePlace(machine({ shm: { type: 0xef53, freeBytes: 200 * GiB } })).reason,
    'no tmpfs',
    'a /dev/shm on the disk (ext4) is not RAM',
  );
  t.same(
    choosePlace(machine({ shm: { type: TMPFS_MAGIC, freeBytes: 64 * 1024 ** 2 } })).reason,
    'too large',
    "a container's 64 MiB /dev/shm is too small for a 36 MiB input",
  );
  const edge = 1024 ** 3;
  t.same(
    choosePlace(machine({ inputBytes: edge, shm: { type: TMPFS_MAGIC, freeBytes: edge * RAM_HEADROOM } })).reason,
    'ram',
    'exactly four times the input free: RAM',
  );
  t.same(
    choosePlace(machine({ inputBytes: edge + 1, shm: { type: TMPFS_MAGIC, freeBytes: edge * RAM_HEADROOM } })).reason,
    'too large',
    'one byte more: disk',
  );
  t.same(
    choosePlace(machine({ inputBytes: 5 * GiB, availableBytes: 16 * GiB })).reason,
    'too large',
    'a tmpfs larger than the memory available does not make the memory',
  );
  t.same(choosePlace(machine({ inputBytes: 0 })).reason, 'ram', 'an empty file');
});

const shmIsTmpfs = (() => {
  try {
    return statfsSync(SHM_DIR).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
})();

const dir = mkdtempSync(join(tmpdir(), 'faultline-temp-place-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const trace = (i: number) =>
  JSON.stringify({
    kind: 'trace',
    trace_id: `tp-${i}`,
    service: 'support-agent',
    timestamp: '2026-11-01T10:00:00Z',
    spans: [
      {
        span_id: 's0',
        parent_span_id: null,
        name: 'llm.chat',
        status: { code: 'ERROR', message: i % 2 ? 'rate limited: 429 Too Many Requests' : 'context length exceeded' },
      },
    ],
  });
const input = join(dir, 'in.jsonl');
writeFileSync(input, `${[0, 1, 2, 3].map(trace).join('\n')}\n{"kind":"trace"}\n`);

t.test('this machine: a small file goes to RAM when /dev/shm is a tmpfs; TMPDIR and stdin to the disk', async (t) => {
  const env = { ...process.env };
  delete env.TMPDIR;
  t.same(tempPlace(input, env).reason, shmIsTmpfs ? 'ram' : 'no tmpfs');
  t.same(tempPlace(input, { ...env, TMPDIR: dir }).reason, 'TMPDIR');
  t.same(tempPlace('-', env).reason, 'stdin');
  t.same(tempPlace('-', env, 4096).reason, shmIsTmpfs ? 'ram' : 'no tmpfs', 'stdin of a size its caller knows: as a file');
  t.same(tempPlace('-', env, Number.MAX_SAFE_INTEGER).reason, shmIsTmpfs ? 'too large' : 'no tmpfs');
  t.same(tempPlace(join(dir, 'missing.jsonl'), env).reason, 'stdin', 'no file (analyzeFile refuses it before)');
});

/** One run of the CLI on its temporary store, with TMPDIR as given (undefined: unset). */
async function run(tmp: string | undefined) {
  const saved = process.env.TMPDIR;
  if (tmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmp;
  const out: string[] = [];
  try {
    const summary = await analyzeFile({
      input,
      config: { ...loadConfig({ ...process.env, FAULTLINE_WORKERS: '1' }), batchSize: 2 },
      stdout: new Writable({
        write(chunk, _enc, cb) {
          out.push(chunk.toString());
          cb();
        },
      }),
      progressMs: 0,
    });
    return { summary, lines: out.join('').trim().split('\n') };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

t.test('the same answers with the store in RAM and on the disk, and no store left behind', async (t) => {
  const disk = mkdtempSync(join(dir, 'disk-'));
  const onDisk = await run(disk);
  t.match(onDisk.summary.temporary_store, { dir: disk, reason: 'TMPDIR' });
  t.equal(onDisk.summary.temporary_store?.path.startsWith(join(disk, 'faultline-cli-')), true);
  const inRam = await run(undefined);
  t.equal(inRam.summary.temporary_store?.reason, shmIsTmpfs ? 'ram' : 'no tmpfs');
  if (shmIsTmpfs) t.equal(inRam.summary.temporary_store?.path.startsWith(`${SHM_DIR}/faultline-cli-`), true, 'made in RAM');
  t.equal(inRam.lines.length, 5, 'one line per input line');
  t.equal(inRam.summary.analyzed, 4);
  t.equal(inRam.summary.rejected, 1, 'the malformed trace is rejected, the batch goes on');
  t.same(stable(inRam.lines), stable(onDisk.lines), 'the same output lines, wherever the store was');
  const paths = [onDisk, inRam].map((r) => r.summary.temporary_store?.path as string);
  for (let i = 0; i < 100 && paths.some((p) => existsSync(p)); i++) await sleep(100);
  t.same(
    paths.filter((p) => existsSync(p)),
    [],
    'both stores removed after their runs',
  );
});

/** The output lines without the times of the analysis. */
function stable(lines: string[]): unknown[] {
  return lines.map((l) => JSON.parse(l, (k, v) => (/(_at|timestamp)$/.test(k) ? 'time' : v)));
}
