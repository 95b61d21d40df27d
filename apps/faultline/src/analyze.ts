/**
 * `faultline analyze FILE.jsonl` (or `-`): replays records, in order, through the same
 * pipeline the service runs, and writes exactly one JSON line per input line, in input
 * order. State lives in a temporary store unless --data-dir or --clickhouse-url is given; that
 * store is removed once the run is over, by a detached process (`removeLater`).
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { isatty } from 'node:tty';
import { AnalyzerPool, type ItemResult, LlmRefiner, Pipeline, type PipelineItem } from '@faultline/analyzer';
import { type Config, retentionOf } from '@faultline/config';
import { detachStdin, reopenStdin, Store } from '@faultline/store';
import { type TempPlace, tempPlace } from './temp-place.js';

export interface AnalyzeOptions {
  input: string;
  dataDir?: string;
  clickhouseUrl?: string;
  config: Config;
  stdout?: Writable;
  stderr?: Writable;
  stdin?: Readable;
  /**
   * The size in bytes of the input given as `stdin`, when the caller knows it (a stream of a known
   * file or buffer): lets the temporary store go to RAM as for a file (temp-place.ts).
   */
  stdinBytes?: number;
  /** Print progress every this many ms (0: never). */
  progressMs?: number;
}

export interface AnalyzeSummary {
  lines: number;
  analyzed: number;
  accepted: number;
  rejected: number;
  timed_out: number;
  seconds: number;
  /** Where the temporary store was made (its directory) and why there (absent with --data-dir or --clickhouse-url). */
  temporary_store?: TempPlace & { path: string };
}

function parseLine(text: string, line: number): PipelineItem {
  if (!text.trim()) return { line, parseError: 'empty line: expected a JSON record' };
  try {
    return { line, value: JSON.parse(text) };
  } catch (err) {
    return { line, parseError: `invalid JSON: ${(err as Error).message}` };
  }
}

/**
 * The input's lines, split from one chunk at a time as the batches ask for them. readline's
 * iterator read ahead of the batch being filled (its line queue pauses the input only past 1,024
 * lines; on the benchmark's input it had read 536 lines past the 1,000th taken, 1,816 with short
 * lines), and every line read ahead waited there before its batch was formed: records in flight,
 * so per-record latency, without any gain. Here the read-ahead is the stream's own buffer.
 * Lines end as readline's do with `crlfDelay: Infinity`: at "\n", "\r\n" (even across chunks) or
 * a lone "\r"; no empty last line after a final line break. Yields each chunk's lines as one array
 * (a step of async iteration per line cost the main thread ~4.5 µs per line more than readline).
 */
export async function* inputLines(input: AsyncIterable<string | Buffer>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let lastWasCr = false;
  const split = (text: string): string[] => {
    const lines: string[] = [];
    let start = 0;
    if (text.indexOf('\r') < 0) {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        lines.push(text.slice(start, nl));
        start = nl + 1;
      }
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          lines.push(text.slice(start, i));
          if (c === 13 && text.charCodeAt(i + 1) === 10) i += 1;
          start = i + 1;
        }
      }
    }
    rest = text.slice(start);
    return lines;
  };
  for await (const chunk of input) {
    let text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (text.length === 0) continue;
    if (lastWasCr && text.charCodeAt(0) === 10) text = text.slice(1); // "\r" then "\n" in the next chunk
    lastWasCr = false;
    if (text.length === 0) continue;
    lastWasCr = text.charCodeAt(text.length - 1) === 13;
    const lines = split(text);
    if (lines.length > 0) yield lines;
  }
  const tail = rest + decoder.end();
  if (tail.length > 0) yield split(`${tail}\n`);
}

function write(out: Writable, text: string): Promise<void> | undefined {
  if (out.write(text)) return undefined;
  return new Promise((resolve) => out.once('drain', () => resolve()));
}

/** The input stream: the file, the given stdin, or the process's stdin (kept from the embedded engine). */
async function openInput(opts: AnalyzeOptions): Promise<Readable> {
  if (opts.input !== '-' && !existsSync(opts.input)) throw new Error(`input file not found: ${opts.input}`);
  let input: Readable;
  if (opts.input !== '-') input = createReadStream(opts.input, { encoding: 'utf8' });
  else if (opts.stdin) input = opts.stdin;
  else {
    // The embedded engine must not see stdin (see detachStdin): stream it from a second
    // descriptor (a pipe or a file); a socket cannot be reopened, so it is read whole first.
    const fd = reopenStdin();
    if (fd !== null) input = createReadStream('', { fd, encoding: 'utf8' });
    else if (isatty(0)) input = process.stdin;
    else {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      input = Readable.from([Buffer.concat(chunks).toString('utf8')]);
    }
    detachStdin();
  }

  return input;
}

/**
 * The run's store: the one given (--data-dir, --clickhouse-url), else a temporary one made where
 * temp-place.ts says (in RAM when that is safe) and opened as TEMP_STORE_OPTIONS says.
 */
async function openStore(opts: AnalyzeOptions): Promise<{ store: Store; temp?: string; place?: TempPlace }> {
  const place = !opts.dataDir && !opts.clickhouseUrl ? tempPlace(opts.input, process.env, opts.stdinBytes) : undefined;
  const temp = place ? mkdtempSync(join(place.dir, 'faultline-cli-')) : undefined;
  const store = await Store.open({
    url: opts.clickhouseUrl,
    dataDir: opts.dataDir ?? temp ?? '',
    database: opts.config.clickhouseDatabase,
    retention: retentionOf(opts.config),
    ...(temp ? TEMP_STORE_OPTIONS : {}),
  });
  return { store, ...(temp && place ? { temp, place } : {}) };
}

export async function analyzeFile(opts: AnalyzeOptions): Promise<AnalyzeSummary> {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const input = await openInput(opts);

  const { store, temp, place } = await openStore(opts);
  const pool = new AnalyzerPool({ workers: opts.config.workers, budgetMs: opts.config.budgetMs });
  const pipeline = new Pipeline({
    store,
    pool,
    ...(opts.config.llm ? { refiner: new LlmRefiner(store, opts.config.llm) } : {}),
    budgetMs: opts.config.budgetMs,
    historyWindow: opts.config.historyWindow,
    rules: { rewardTolerance: opts.config.rewardTolerance },
    // The temporary store starts empty and only this pipeline writes it: the state prefetch reads
    // only what the state cache let go of (load-tests/README.md, eleventh landing).
    ...(temp ? { storeStartsEmpty: true } : {}),
  });

  const summary: AnalyzeSummary = { lines: 0, analyzed: 0, accepted: 0, rejected: 0, timed_out: 0, seconds: 0 };
  if (temp && place) summary.temporary_store = { ...place, path: temp };
  const started = performance.now();
  const progressMs = opts.progressMs ?? 2000;
  let lastProgress = started;
  const progress = (final: boolean) => {
    const secs = (performance.now() - started) / 1000;
    const rate = Math.round(summary.lines / Math.max(secs, 0.001));
    stderr.write(
      `faultline: ${final ? 'done, ' : ''}${summary.lines} lines in ${secs.toFixed(1)}s (${rate} lines/s): ` +
        `${summary.analyzed} analyzed, ${summary.accepted} accepted, ${summary.rejected} rejected, ${summary.timed_out} timed out` +
        `${final && place ? `; temporary store ${place.reason === 'ram' ? 'in RAM' : 'on disk'} (${place.dir})` : ''}\n`,
    );
  };

  const output = async (results: ItemResult[]) => {
    for (const r of results) {
      summary.lines += 1;
      summary[r.status] += 1;
      const pending = write(stdout, `${JSON.stringify(outputLine(r))}\n`);
      if (pending) await pending;
    }
    const now = performance.now();
    if (progressMs > 0 && now - lastProgress >= progressMs) {
      lastProgress = now;
      progress(false);
    }
  };

  // Two batches in flight: the pool analyzes batch N+1 while batch N is stored (the pipeline
  // keeps them in order); batch N's lines are written before batch N+2 is read.
  const inFlight: Promise<void>[] = [];
  const flush = async (batch: PipelineItem[]) => {
    if (batch.length === 0) return;
    const results = pipeline.processBatch(batch);
    const before = inFlight.at(-1) ?? Promise.resolve();
    const written = before.then(async () => output(await results));
    written.catch(() => undefined); // awaited below, in order
    results.catch(() => undefined);
    inFlight.push(written);
    if (inFlight.length >= 2) await inFlight.shift();
  };

  try {
    try {
      let batch: PipelineItem[] = [];
      let line = 0;
      for await (const texts of inputLines(input)) {
        for (const text of texts) {
          line += 1;
          batch.push(parseLine(text, line));
          if (batch.length >= opts.config.batchSize) {
            await flush(batch);
            batch = [];
          }
        }
      }
      await flush(batch);
      while (inFlight.length > 0) await inFlight.shift();
    } finally {
      await Promise.allSettled(inFlight);
    }
  } finally {
    await pool.close();
    await store.close();
    if (temp) removeLater(temp);
  }
  summary.seconds = (performance.now() - started) / 1000;
  if (progressMs > 0 && summary.seconds * 1000 >= progressMs) progress(true);
  return summary;
}

/**
 * ClickHouse's merge selector base for the temporary store's tables (its default is 5). The
 * temporary store lives for one run and only this run reads it, so its tables merge less: at
 * 30,000 records the analyses rows were rewritten 5.3 times on average with the default, 1.7 with
 * 25, for more parts per table (11 instead of 5). Merges were the largest share of ClickHouse's CPU
 * in the 100,000-record benchmark (13% of all samples); the CLI's output lines are the same with
 * and without (load-tests/README.md, sixth landing). A store given with --data-dir or
 * --clickhouse-url keeps its tables' settings.
 */
export const TEMP_STORE_MERGE_SELECTOR_BASE = 25;

/**
 * How the temporary store is opened: it merges less (above), keeps none of the dashboards'
 * rollups (`rollupViews: false`: the materialized views behind analyses and run_dims dropped at
 * open; each ran a pipeline and wrote a part per insert, 4 of a batch's 15 parts; ClickHouse's and
 * the other threads' CPU per record −10 to −20%, load-tests/README.md, eighth landing), and writes
 * none of the tables only the dashboards, the API and the audit read (`derivedTables: false`:
 * findings, run_dims, audit_log, analysis_errors; four of a batch's eleven inserts and one of its
 * reads, load-tests/README.md, tenth landing). The pipeline reads the records, their state and the
 * previous analyses, none of those, and nothing else reads this store (it is removed after the
 * run); the records and the analyses are still written, so one the store refuses is reported as
 * before. The CLI's output lines are the same (test/service/analysis-unchanged.test.ts runs the
 * CLI on its temporary store against the pipeline on a full store).
 */
export const TEMP_STORE_OPTIONS = {
  mergeSelectorBase: TEMP_STORE_MERGE_SELECTOR_BASE,
  rollupViews: false,
  derivedTables: false,
} as const;

/**
 * Removes the temporary store after the run, in a detached process: its part files (5,371 files
 * in 492 directories after 20,000 records) took the main thread 0.5-1.5 s of unlink and rmdir at
 * the end of the run, which the caller waited for. The machine still does that work; the command
 * no longer waits for it. Removed here when no process can be started.
 */
function removeLater(dir: string): void {
  const now = () => rmSync(dir, { recursive: true, force: true });
  try {
    const child = spawn(
      process.execPath,
      ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir],
      { detached: true, stdio: 'ignore', env: {} },
    );
    child.once('error', now);
    child.unref();
  } catch {
    now();
  }
}

/** The contract's output line: line, kind, ref, status, then analysis or error. */
export function outputLine(r: ItemResult): Record<string, unknown> {
  return {
    line: r.line,
    kind: r.kind,
    ref: r.ref,
    status: r.status,
    ...(r.analysis ? { analysis: r.analysis } : {}),
    ...(r.error ? { error: r.error } : {}),
    ...(r.reanalyzed ? { reanalyzed: r.reanalyzed } : {}),
  };
}
