/**
 * `faultline start`: the embedded service. This first cut opens the store (chdb in
 * FAULTLINE_DATA_DIR) and the analyzer pool and serves health endpoints; the ingest and
 * read APIs arrive with the service issue.
 */
import Fastify from 'fastify';
import { AnalyzerPool } from '@faultline/analyzer';
import type { Config } from '@faultline/core';
import { Store } from '@faultline/store';

export async function startEmbedded(config: Config): Promise<void> {
  const store = await Store.open({ url: config.clickhouseUrl, dataDir: config.dataDir, database: config.clickhouseDatabase });
  const pool = new AnalyzerPool({ workers: config.workers, budgetMs: config.budgetMs });
  const app = Fastify({ logger: { level: config.logLevel } });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const ok = await store.ping();
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'store unreachable' });
  });
  app.addHook('onClose', async () => {
    await pool.close();
    await store.close();
  });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  const address = await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`faultline listening on ${address} (data in ${store.embedded ? config.dataDir : config.clickhouseUrl})\n`);
}
