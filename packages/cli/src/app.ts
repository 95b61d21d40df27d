/**
 * The Fastify app, built apart from the server (tests use `inject()`): error handling, the
 * NDJSON parser, auth, OpenAPI at /docs, health and metrics, and the role's routes.
 */

import { createHash, timingSafeEqual } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Runner } from '@faultline/analyzer';
import { apiRoutes } from '@faultline/api';
import { backlogState, type Transport } from '@faultline/bus';
import { ANALYZER_VERSION, isStorableTimestamp, PARAM_MAX_CHARS, redact } from '@faultline/core';
import { ingestRoutes, ndjsonParser } from '@faultline/ingest';
import {
  authPlugin,
  DISK_FULL_RETRY_S,
  type DiskGuard,
  HttpError,
  installErrorHandler,
  KeyError,
  type KeyRing,
  type Metrics,
  mayCreateKey,
} from '@faultline/platform';
import type { Store } from '@faultline/store';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';

export interface AppDeps {
  store: Store;
  transport: Transport;
  keys: KeyRing;
  metrics: Metrics;
  /** Batch runs (absent in the ingest-only role). */
  runner?: Runner;
  maxBodyBytes: number;
  /** Bearer token /metrics requires (unset: open). */
  metricsToken?: string;
  /** A consumer with work waiting and no progress for this long fails readiness (default 120 s). */
  stallMs?: number;
  /** Free space of the data directory (disk full: writes 503, not ready). */
  disk?: DiskGuard;
  logLevel?: string;
  roles?: { ingest: boolean; api: boolean };
}

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

/**
 * A request as its log line names it: the URL decoded and redacted, so an id or a query that
 * carries a secret (a read naming a token, a finalize of a refused id) is not logged raw.
 */
function loggedRequest(req: FastifyRequest) {
  let url = req.url;
  try {
    url = decodeURIComponent(url);
  } catch {
    // not percent-encoding: redacted as it is
  }
  return { method: req.method, url: redact(url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const roles = deps.roles ?? { ingest: true, api: true };
  const app = Fastify({
    logger: deps.logLevel ? { level: deps.logLevel, serializers: { req: loggedRequest } } : false,
    bodyLimit: deps.maxBodyBytes,
    // Every id ingest accepts (limits.ts) fits in a read's path, percent-encoded.
    routerOptions: { maxParamLength: PARAM_MAX_CHARS },
    // Parsed as data; validateRecord refuses __proto__ / constructor.prototype keys with a clear reason.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    ajv: {
      customOptions: { allErrors: false, coerceTypes: 'array', removeAdditional: false, strictNumbers: true },
      // date-time in route schemas (trends' from/to, started_at): only instants the store holds.
      onCreate: (ajv: { addFormat(name: string, f: (s: string) => boolean): unknown }) =>
        ajv.addFormat('date-time', isStorableTimestamp),
    },
  });
  installErrorHandler(app, { onDiskFull: () => deps.disk?.noteFull() });
  // Ajv's coercion turns a query's "1e999" into Infinity and lets it pass minimum/maximum:
  // a non-finite number in the query or the path is a 400 naming the parameter.
  app.addHook('preHandler', async (request) => {
    for (const part of [request.query, request.params] as unknown[]) {
      if (!part || typeof part !== 'object') continue;
      for (const [name, value] of Object.entries(part)) {
        if (typeof value === 'number' && !Number.isFinite(value)) {
          throw new HttpError(400, 'bad_request', `${name}: must be a finite number`);
        }
      }
    }
  });
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

  // Disk full: ingest answers 503 + Retry-After before publishing (its body is read first).
  app.addHook('preHandler', async (request) => {
    if (!deps.disk || request.method !== 'POST' || !request.url.startsWith('/api/ingest/')) return;
    const disk = await deps.disk.state();
    if (disk.full) {
      throw new HttpError(503, 'disk_full', `the data disk is full (${disk.reason}); retry in ${DISK_FULL_RETRY_S}s`, {
        'retry-after': String(DISK_FULL_RETRY_S),
      });
    }
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Ready when the store answers, the bus is below its high-water mark (records and bytes), and
  // the consumer is not stalled (records waiting, none committed for stallMs, the oldest that old),
  // and the data disk is not full (disk.ts).
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const store = await deps.store.ping();
    const saturated = deps.transport.saturated();
    const backlog = deps.transport.backlog
      ? backlogState(deps.transport.backlog(), Date.now(), deps.stallMs ?? 120_000)
      : undefined;
    const stalled = backlog?.stalled ?? false;
    const disk = deps.disk ? await deps.disk.state() : { full: false, freeBytes: null };
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
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (deps.metricsToken && !bearerMatches(req.headers.authorization, deps.metricsToken)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'unauthorized', message: '/metrics needs Authorization: Bearer <FAULTLINE_METRICS_TOKEN>' });
    }
    return reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.text());
  });

  app.post(
    '/api/admin/keys',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Create an API key {org_id, role}; the key is returned once. Org admins: their own org; platform_admin: a named org; platform roles: the bootstrap key only',
      },
    },
    async (request, reply) => {
      const p = request.require('admin');
      const body = (request.body ?? {}) as { org_id?: unknown; role?: unknown; label?: unknown };
      if (body.org_id !== undefined && typeof body.org_id !== 'string')
        throw new HttpError(400, 'bad_request', 'org_id: must be a string');
      const grant = mayCreateKey(p, body.org_id as string | undefined, String(body.role ?? ''));
      if (grant instanceof HttpError) throw grant;
      try {
        const created = await deps.keys.create(
          grant.org,
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
            metadata: { role: created.role, actor_role: p.role },
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
