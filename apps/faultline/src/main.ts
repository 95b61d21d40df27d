#!/usr/bin/env node
/** The `faultline` command. */
import { parseArgs } from 'node:util';
import { loadConfig, retentionOf } from '@faultline/config';
import { analyzeFile } from './analyze.js';
import type { Role } from './start.js';

const USAGE = `usage:
  faultline analyze FILE.jsonl|- [--data-dir DIR] [--clickhouse-url URL] [--budget-ms N] [--workers N] [--quiet] [--progress-ms N]
      Replays records through the analysis pipeline; one JSON line out per line in.
  faultline start
      Runs every role in one process: embedded by default, on Kafka with KAFKA_BROKERS.
  faultline ingest | analyzer | api
      Runs one role as its own process (needs KAFKA_BROKERS and SCHEMA_REGISTRY_URL;
      share a ClickHouse server with CLICKHOUSE_URL).
  faultline keys create --org ORG --role producer|member|ml_engineer|oncall|admin [--label TEXT] [--data-dir DIR]
  faultline keys create --role platform_oncall|platform_admin [--label TEXT] [--data-dir DIR]
      Creates an API key offline (with the service stopped: the embedded store is one process's).
      An org key acts only in its org; a platform key has no org and names one on every call.
  faultline verify check (--candidate EPISODE_ID ... | --eval-run ID) [--url URL] [--api-key KEY] [--wait SECONDS] [--json]
      The deploy gate: exit 0 pass, 1 blocked (findings printed), 2 cannot tell (faultline verify --help).
  faultline help`;

function progressMs(raw: string | undefined): number {
  if (raw === undefined) return 2000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--progress-ms: must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** The command's exit code; -1 for a role that keeps running until a signal. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      return analyzeCommand(rest);
    case 'start':
    case 'ingest':
    case 'analyzer':
    case 'api':
      return roleCommand(command === 'start' ? 'all' : command);
    case 'keys':
      return keysCommand(rest);
    case 'verify':
      return (await import('./verify.js')).verifyMain(rest);
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

/** `faultline analyze FILE.jsonl|-`: its flags override the environment's budget and workers. */
async function analyzeCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
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

/** `faultline start | ingest | analyzer | api`: runs until SIGTERM/SIGINT, then drains in-flight work. */
async function roleCommand(role: Role): Promise<number> {
  const { startRole } = await import('./start.js');
  const running = await startRole(loadConfig(), role);
  const stop = (signal: string) => {
    process.stderr.write(`faultline: ${signal}: draining in-flight work…\n`);
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`faultline: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return -1;
}

/** `faultline keys create`: an API key made offline in the store, audited, printed once. */
async function keysCommand(rest: string[]): Promise<number> {
  const [sub, ...args] = rest;
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, role: { type: 'string' }, label: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (sub !== 'create' || !values.role || (!values.org && !values.role.startsWith('platform_'))) {
    process.stderr.write(`faultline keys: expected create --org ORG --role ROLE (or --role platform_…)\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const { Store } = await import('@faultline/store');
  const { KeyRing } = await import('@faultline/platform');
  const store = await Store.open({
    url: config.clickhouseUrl,
    dataDir: values['data-dir'] ?? config.dataDir,
    database: config.clickhouseDatabase,
    retention: retentionOf(config),
  });
  try {
    const created = await new KeyRing(store).create(values.org, values.role, values.label ?? '');
    await store.writeAudit([
      {
        org_id: created.org_id,
        action: 'api_key.created',
        actor: 'cli',
        subject_kind: 'api_key',
        subject_id: created.key_id,
        metadata: { role: created.role },
      },
    ]);
    process.stdout.write(`${JSON.stringify(created)}\n`);
    process.stderr.write('faultline: the key is shown once; store it now.\n');
  } finally {
    await store.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    // Every failure (a ConfigError listing each problem, a KeyError, anything else) is told by its message.
    process.stderr.write(`faultline: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
