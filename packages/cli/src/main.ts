#!/usr/bin/env node
/** The `faultline` command. */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@faultline/core';
import { analyzeFile } from './analyze.js';

const USAGE = `usage:
  faultline analyze FILE.jsonl|- [--data-dir DIR] [--clickhouse-url URL] [--budget-ms N] [--workers N] [--quiet] [--progress-ms N]
      Replays records through the analysis pipeline; one JSON line out per line in.
  faultline start
      Runs the service embedded (ingest, analyzer and read API in one process).
  faultline help`;

function progressMs(raw: string | undefined): number {
  if (raw === undefined) return 2000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--progress-ms: must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          'data-dir': { type: 'string' },
          'clickhouse-url': { type: 'string' },
          'budget-ms': { type: 'string' },
          workers: { type: 'string' },
          quiet: { type: 'boolean', default: false },
          'progress-ms': { type: 'string' },
        },
      });
      const input = positionals[0];
      if (!input || positionals.length > 1) {
        process.stderr.write(`faultline analyze: expected one FILE.jsonl or -\n${USAGE}\n`);
        return 2;
      }
      const env = { ...process.env };
      if (values['budget-ms']) env.FAULTLINE_BUDGET_MS = values['budget-ms'];
      if (values.workers) env.FAULTLINE_WORKERS = values.workers;
      const config = loadConfig(env);
      await analyzeFile({
        input,
        config,
        ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
        ...(values['clickhouse-url'] ? { clickhouseUrl: values['clickhouse-url'] } : {}),
        progressMs: values.quiet ? 0 : progressMs(values['progress-ms']),
      });
      return 0;
    }
    case 'start': {
      const { startEmbedded } = await import('./start.js');
      await startEmbedded(loadConfig());
      return -1;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`faultline: unknown command ${JSON.stringify(command)}\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`faultline: ${err.message}\n`);
    else process.stderr.write(`faultline: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
