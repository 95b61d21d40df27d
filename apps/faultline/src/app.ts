/**
 * The Fastify app, built apart from the server (tests use `inject()`): error handling, the
 * NDJSON parser, auth, OpenAPI at /docs, then one plugin per resource: health, readiness and
 * metrics (./health.ts) and admin keys (@faultline/api keys.ts) in every role, ingest and the
 * read API by role; the api role also serves the web console (./console.ts) and its session
 * (@faultline/api session.ts).
 */

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Runner } from '@faultline/analyzer';
import { apiRoutes, type GroupSettings, keyRoutes, sessionRoutes } from '@faultline/api';
import type { Transport } from '@faultline/bus';
import { ANALYZER_VERSION, type EpisodeRuleConfig, isStorableTimestamp, PARAM_MAX_CHARS, redact } from '@faultline/core';
import { ingestRoutes, ndjsonParser, otlpRoutes } from '@faultline/ingest';
import {
  authPlugin,
  createSessions,
  DISK_FULL_RETRY_S,
  type DiskGuard,
  HttpError,
  installErrorHandler,
  type KeyRing,
  type Metrics,
  SessionRevocations,
  type Sessions,
} from '@faultline/platform';
import type { Store } from '@faultline/store';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { consoleRoutes } from './console.js';
import { healthRoutes } from './health.js';

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
  /** The episode rules' settings, for the read API's deploy-gate verdicts. */
  rules?: EpisodeRuleConfig;
  /** Failure groups' settings (FAULTLINE_GROUP_*). */
  groups?: GroupSettings;
  roles?: { ingest: boolean; api: boolean };
  /** Proxies trusted for X-Forwarded-* (FAULTLINE_TRUST_PROXY); default none. */
  trustProxy?: false | number | string[];
  /** Console sessions (api role); default: a random secret, 8-hour sessions. */
  sessions?: Sessions;
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

/** Fastify's trustProxy from the config: a hop count trusts the first n hops (proxy-addr's meaning of a number). */
function trustedProxies(trust: AppDeps['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust ?? false;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const roles = deps.roles ?? { ingest: true, api: true };
  const app = Fastify({
    logger: deps.logLevel ? { level: deps.logLevel, serializers: { req: loggedRequest } } : false,
    bodyLimit: deps.maxBodyBytes,
    // Behind a trusted proxy, request.protocol/host/ip follow X-Forwarded-*: the session cookie's
    // Secure flag and the cookie POST's Origin check then see what the browser sees.
    trustProxy: trustedProxies(deps.trustProxy),
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
  // The console's session cookie authenticates where the console is served (the api role).
  const sessions = roles.api ? (deps.sessions ?? createSessions({ ttlHours: 8 })) : undefined;
  const revocations = sessions ? new SessionRevocations(deps.store) : undefined;
  await app.register(authPlugin, {
    keys: deps.keys,
    prefixes: ['/api/', '/v1/'],
    ...(sessions && revocations ? { sessions, revocations } : {}),
  });

  // Disk full: ingest answers 503 + Retry-After before publishing (its body is read first).
  app.addHook('preHandler', async (request) => {
    if (!deps.disk || request.method !== 'POST' || !/^\/(api\/ingest|v1)\//.test(request.url)) return;
    const disk = await deps.disk.state();
    if (disk.full) {
      throw new HttpError(503, 'disk_full', `the data disk is full (${disk.reason}); retry in ${DISK_FULL_RETRY_S}s`, {
        'retry-after': String(DISK_FULL_RETRY_S),
      });
    }
  });

  await app.register(healthRoutes, {
    store: deps.store,
    transport: deps.transport,
    metrics: deps.metrics,
    ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
    ...(deps.stallMs !== undefined ? { stallMs: deps.stallMs } : {}),
    ...(deps.disk ? { disk: deps.disk } : {}),
  });
  await app.register(keyRoutes, { store: deps.store, keys: deps.keys });
  if (roles.ingest) await app.register(ingestRoutes, { transport: deps.transport, metrics: deps.metrics });
  if (roles.ingest) await app.register(otlpRoutes, { transport: deps.transport, metrics: deps.metrics });
  if (roles.api)
    await app.register(apiRoutes, {
      store: deps.store,
      transport: deps.transport,
      ...(deps.runner ? { runner: deps.runner } : {}),
      ...(deps.rules ? { rules: deps.rules } : {}),
      ...(deps.groups ? { groups: deps.groups } : {}),
    });
  if (sessions) await app.register(sessionRoutes, { sessions, ...(revocations ? { revocations } : {}) });
  if (roles.api) await consoleRoutes(app);
  return app;
}
