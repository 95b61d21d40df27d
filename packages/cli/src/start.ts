/**
 * `faultline start`: the whole product in one process (embedded mode): the ingest API, the
 * durable event bus, the analyzer on its piscina pool, the ClickHouse store (chdb in
 * FAULTLINE_DATA_DIR), the read API and /metrics. SIGTERM/SIGINT drain in-flight work.
 */
import { join } from 'node:path';
import { AnalyzerPool, Pipeline, Runner, startConsumer } from '@faultline/analyzer';
import { EmbeddedBus } from '@faultline/bus';
import { type Config, toMessage } from '@faultline/core';
import { KeyRing, Metrics } from '@faultline/platform';
import { Store } from '@faultline/store';
import { Cron } from 'croner';
import { buildApp } from './app.js';

export interface Running {
  url: string;
  store: Store;
  transport: EmbeddedBus;
  close(): Promise<void>;
}

export async function startEmbedded(config: Config, opts: { quiet?: boolean } = {}): Promise<Running> {
  const store = await Store.open({ url: config.clickhouseUrl, dataDir: config.dataDir, database: config.clickhouseDatabase });
  const transport = await EmbeddedBus.open({
    dir: join(config.dataDir, 'bus'),
    partitions: config.busPartitions,
    capacity: config.busCapacity,
  });
  const pool = new AnalyzerPool({ workers: config.workers, budgetMs: config.budgetMs });
  const metrics = new Metrics({
    pool: () => ({ ...pool.stats(), pending: pool.pending }),
    bus: () => transport.stats(),
  });
  const pipeline = new Pipeline({
    store,
    pool,
    budgetMs: config.budgetMs,
    historyWindow: config.historyWindow,
    rules: { rewardTolerance: config.rewardTolerance },
    observer: metrics.observer(),
  });
  const runner = new Runner(
    store,
    pipeline,
    async (org, episode, actor) => {
      await transport.publish([toMessage({ record: episode, org, received_at: new Date().toISOString(), actor })]);
    },
    (run) => metrics.runs.inc({ trigger: run.trigger, status: run.status }),
  );
  const keys = new KeyRing(store, config.adminKey);
  // A fresh install with no admin key configured: make one, once, and show it once.
  let firstKey: string | undefined;
  if (!config.adminKey && (await store.countKeys('admin')) === 0) {
    const created = await keys.create('default', 'admin', 'created at first start');
    await store.writeAudit([
      {
        org_id: 'default',
        action: 'api_key.created',
        actor: 'first-start',
        subject_kind: 'api_key',
        subject_id: created.key_id,
        metadata: { role: 'admin' },
      },
    ]);
    firstKey = created.key;
  }
  const app = await buildApp({
    store,
    transport,
    keys,
    metrics,
    runner,
    maxBodyBytes: config.maxBodyBytes,
    logLevel: config.logLevel,
  });

  startConsumer(transport, pipeline, {
    maxBatch: config.batchSize,
    onBatch: (_n, ms) => metrics.batchSeconds.observe(ms / 1000),
    onError: (err) => app.log.error({ err }, 'pipeline batch failed; it will be delivered again'),
  });
  const schedule = config.runSchedule
    ? new Cron(config.runSchedule, { protect: true }, async () => {
        try {
          await runner.scheduled();
        } catch (err) {
          app.log.error({ err }, 'scheduled run failed to start');
        }
      })
    : undefined;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      schedule?.stop();
      await app.close(); // stop taking requests
      await runner.drain();
      await transport.close(); // waits for the in-flight batch and commits it
      await pool.close();
      await store.close();
    })();
    return closing;
  };
  const address = await app.listen({ port: config.port, host: config.host });
  if (!opts.quiet) {
    const key = config.adminKey ? '$FAULTLINE_ADMIN_KEY' : (firstKey ?? '<your admin key>');
    process.stdout.write(
      [
        `faultline ${store.embedded ? 'embedded' : 'with ClickHouse server'}: listening on ${address} (data in ${store.embedded ? config.dataDir : config.clickhouseUrl})`,
        config.adminKey
          ? '  admin key: from FAULTLINE_ADMIN_KEY'
          : firstKey
            ? `  first start: created an admin key, shown this once (stored hashed): ${firstKey}`
            : '  admin key: the one printed at first start, FAULTLINE_ADMIN_KEY, or `npx faultline keys create --org ORG --role admin` (service stopped)',
        '  send a first failed episode and read its findings:',
        `    curl -s -X POST ${address}/api/ingest/episode/ep-1/finalize -H "authorization: Bearer ${key}" -H 'content-type: application/json' \\`,
        `      -d '{"robot_id":"r-7","status":"failed","duration_s":41.5,"metadata":{"typed":[{"type":"Battery","percent":12}]}}'`,
        `    sleep 1; curl -s ${address}/api/episodes/ep-1 -H "authorization: Bearer ${key}"`,
        `  API docs: ${address}/docs   metrics: ${address}/metrics`,
        '',
      ].join('\n'),
    );
  }
  return { url: address, store, transport, close };
}
