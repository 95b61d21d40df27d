/**
 * Health, readiness and metrics of this process: `/healthz`, `/readyz`, `/metrics`, hidden from
 * the OpenAPI doc. They live beside buildApp (not in a service) because they answer for the
 * whole process whatever its roles, and readiness composes the parts only the composition root
 * holds: the store, the transport's saturation and backlog, and the data disk.
 *
 * - `/healthz` is always 200: the process answers.
 * - `/readyz` is 200 only when the store answers, the bus is below its high-water mark (records
 *   and bytes), the consumer is not stalled (records waiting, none committed for stallMs, the
 *   oldest that old), and the data disk is not full (platform disk.ts); otherwise 503 with the
 *   same body naming each condition.
 * - `/metrics` is the Prometheus text; with a token set it needs `Authorization: Bearer <token>`
 *   (compared in constant time) and answers 401 + `www-authenticate` without it.
 */

import { createHash, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { backlogState, type Transport } from '@faultline/bus';
import type { DiskGuard, Metrics } from '@faultline/platform';
import type { Store } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

export interface HealthOptions {
  store: Store;
  transport: Transport;
  metrics: Metrics;
  /** Bearer token /metrics requires (unset: open). */
  metricsToken?: string;
  /** A consumer with work waiting and no progress for this long fails readiness (default 120 s). */
  stallMs?: number;
  /** Free space of the data directory (disk full: not ready). */
  disk?: DiskGuard;
}

const Healthy = Type.Object({ status: Type.Literal('ok') });

const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not ready')]),
  store: Type.Union([Type.Literal('reachable'), Type.Literal('unreachable')]),
  bus: Type.String({ description: '"ok" or "above its high-water mark"' }),
  consumer: Type.String({ description: '"ok" or "stalled: …" naming the backlog' }),
  disk: Type.String({ description: '"ok" or "full: <reason>"' }),
});

const Unauthorized = Type.Object({ error: Type.Literal('unauthorized'), message: Type.String() });

/** Whether an Authorization header carries `token` as its bearer (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const a = createHash('sha256')
    .update(m[1] as string)
    .digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

export async function healthRoutes(app: FastifyInstance, opts: HealthOptions): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get('/healthz', { schema: { hide: true, response: { 200: Healthy } } }, async () => ({ status: 'ok' as const }));

  typed.get('/readyz', { schema: { hide: true, response: { 200: Readiness, 503: Readiness } } }, async (_req, reply) => {
    const store = await opts.store.ping();
    const saturated = opts.transport.saturated();
    const backlog = opts.transport.backlog
      ? backlogState(opts.transport.backlog(), Date.now(), opts.stallMs ?? 120_000)
      : undefined;
    const stalled = backlog?.stalled ?? false;
    const disk = opts.disk ? await opts.disk.state() : { full: false, freeBytes: null };
    const ok = store && !saturated && !stalled && !disk.full;
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ready' : 'not ready',
      store: store ? 'reachable' : 'unreachable',
      bus: saturated ? 'above its high-water mark' : 'ok',
      consumer: stalled
        ? `stalled: ${backlog?.waiting} records waiting, the oldest ${Math.round(backlog?.oldestSeconds ?? 0)} s old, no progress for ${Math.round(backlog?.lastProgressSeconds ?? 0)} s`
        : 'ok',
      disk: disk.full ? `full: ${disk.reason}` : 'ok',
    });
  });

  typed.get(
    '/metrics',
    { schema: { hide: true, response: { 200: Type.String({ description: 'Prometheus text format' }), 401: Unauthorized } } },
    async (req, reply) => {
      if (opts.metricsToken && !bearerMatches(req.headers.authorization, opts.metricsToken)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: 'unauthorized', message: '/metrics needs Authorization: Bearer <FAULTLINE_METRICS_TOKEN>' });
      }
      return reply.header('content-type', opts.metrics.registry.contentType).send(await opts.metrics.text());
    },
  );
}
