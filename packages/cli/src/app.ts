/**
 * The Fastify app, built apart from the server (tests use `inject()`): error handling, the
 * NDJSON parser, auth, OpenAPI at /docs, health and metrics, and the role's routes.
 */

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Runner } from '@faultline/analyzer';
import { apiRoutes } from '@faultline/api';
import type { Transport } from '@faultline/bus';
import { ANALYZER_VERSION, isStorableTimestamp, PARAM_MAX_CHARS } from '@faultline/core';
import { ingestRoutes, ndjsonParser } from '@faultline/ingest';
import { authPlugin, HttpError, installErrorHandler, KeyError, type KeyRing, type Metrics } from '@faultline/platform';
import type { Store } from '@faultline/store';
import Fastify, { type FastifyInstance } from 'fastify';

export interface AppDeps {
  store: Store;
  transport: Transport;
  keys: KeyRing;
  metrics: Metrics;
  /** Batch runs (absent in the ingest-only role). */
  runner?: Runner;
  maxBodyBytes: number;
  logLevel?: string;
  roles?: { ingest: boolean; api: boolean };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const roles = deps.roles ?? { ingest: true, api: true };
  const app = Fastify({
    logger: deps.logLevel ? { level: deps.logLevel } : false,
    bodyLimit: deps.maxBodyBytes,
    // Every id ingest accepts (limits.ts) fits in a read's path, percent-encoded.
    routerOptions: { maxParamLength: PARAM_MAX_CHARS },
    // Parsed as data; validateRecord refuses __proto__ / constructor.prototype keys with a clear reason.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    ajv: {
      customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false },
      // date-time in route schemas (trends' from/to, started_at): only instants the store holds.
      onCreate: (ajv: { addFormat(name: string, f: (s: string) => boolean): unknown }) =>
        ajv.addFormat('date-time', isStorableTimestamp),
    },
  });
  installErrorHandler(app);
  ndjsonParser(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'faultline',
        version: ANALYZER_VERSION,
        description: 'Failure intelligence for robot fleets and AI systems',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { keys: deps.keys });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const store = await deps.store.ping();
    const saturated = deps.transport.saturated();
    const ok = store && !saturated;
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ready' : 'not ready',
      store: store ? 'reachable' : 'unreachable',
      bus: saturated ? 'above its high-water mark' : 'ok',
    });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    return reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.text());
  });

  app.post(
    '/api/admin/keys',
    { schema: { tags: ['admin'], summary: 'Create an API key {org_id, role}; the key is returned once' } },
    async (request, reply) => {
      const p = request.require('admin');
      const body = (request.body ?? {}) as { org_id?: unknown; role?: unknown; label?: unknown };
      try {
        const created = await deps.keys.create(
          String(body.org_id ?? ''),
          String(body.role ?? ''),
          typeof body.label === 'string' ? body.label : '',
        );
        await deps.store.writeAudit([
          {
            org_id: created.org_id,
            action: 'api_key.created',
            actor: p.keyId,
            subject_kind: 'api_key',
            subject_id: created.key_id,
            metadata: { role: created.role },
          },
        ]);
        return reply.code(201).send(created);
      } catch (err) {
        if (err instanceof KeyError) throw new HttpError(400, 'bad_request', err.message);
        throw err;
      }
    },
  );

  if (roles.ingest) await app.register(ingestRoutes, { transport: deps.transport, store: deps.store, metrics: deps.metrics });
  if (roles.api)
    await app.register(apiRoutes, {
      store: deps.store,
      transport: deps.transport,
      ...(deps.runner ? { runner: deps.runner } : {}),
    });
  return app;
}
