/**
 * The read API and the admin actions. Every call acts in one org (`actingOrg`): an org key's
 * own, or the org a platform key names with `?org=` (`org_id` in a run's body); every lookup
 * is by (org, id), so a subject of another org answers 404, exactly like a missing one. Only
 * the listings (trends, audit, runs) accept a platform key's explicit `?org=*`. The table of
 * who may call what is packages/platform/src/access.ts.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Runner } from '@faultline/analyzer';
import type { Transport } from '@faultline/bus';
import {
  ANALYZER_VERSION,
  compareVersions,
  type EpisodeRecord,
  ID_MAX_CHARS,
  ORG_MAX_CHARS,
  type SubjectKind,
  toMessage,
  wellFormed,
} from '@faultline/core';
import { actingOrg, HttpError, notFound, oneOrg, type Principal } from '@faultline/platform';
import type { RunRow, Store, StoredAnalysis } from '@faultline/store';
import { EVERY_ORG, RUNS_OF_EVERY_ORG, TREND_COLUMNS } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

export interface ApiOptions {
  store: Store;
  transport: Transport;
  /** Batch runs; without it POST /api/runs answers 503. */
  runner?: Runner;
}

/** A path id: the ids ingest accepts (limits.ts), so every acknowledged subject can be read. */
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: ID_MAX_CHARS }) });
/** `?org=`: names the org (platform keys must; org keys may name only their own). */
const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })) });

const INTERVALS: Record<string, number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '1h': 3600,
  '6h': 21_600,
  '1d': 86_400,
  '1w': 604_800,
};

export async function apiRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store, transport } = opts;
  const runs = (): Runner => {
    if (!opts.runner) throw new HttpError(503, 'unavailable', 'batch runs are not available in this role');
    return opts.runner;
  };
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  // Ids are stored well-formed (core text.ts): a read by the id as it was sent (a NUL in the
  // path) finds the record stored under U+FFFD, as the ingest acknowledgement named it.
  app.addHook('preValidation', async (request) => {
    const params = request.params as { id?: unknown } | undefined;
    if (params && typeof params.id === 'string') params.id = wellFormed(params.id);
  });

  const withPeers = async (s: StoredAnalysis) => ({
    ...s.analysis,
    stale: compareVersions(s.analysis.analyzer_version, ANALYZER_VERSION) < 0,
    current_analyzer_version: ANALYZER_VERSION,
    fingerprint_peers: await store.fingerprintPeers(s.analysis.org_id, s.analysis.fingerprint, s.analysis.subject_id),
  });

  typed.get(
    '/api/episodes/:id',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['read'],
        summary: 'An episode and its analysis (ranked findings, stale flag, fingerprint peers)',
      },
    },
    async (request) => {
      const org = oneOrg(request.require('read'), request.query.org);
      const episode = await store.getEpisode(org, request.params.id);
      if (!episode) throw notFound(`episode ${request.params.id}`);
      const analysis = await store.getAnalysis(org, 'episode', episode.episode_id);
      return { episode, analysis: analysis ? await withPeers(analysis) : null };
    },
  );

  for (const kind of ['trace', 'log'] as const) {
    typed.get(
      `/api/${kind}s/:id`,
      {
        schema: {
          params: Id,
          querystring: OrgQuery,
          tags: ['read'],
          summary: `The extracted failure pattern of a ${kind} (ml_engineer, oncall, admin)`,
        },
      },
      async (request) => {
        const org = oneOrg(request.require('read_patterns'), request.query.org);
        const analysis = await store.getAnalysis(org, kind, request.params.id);
        if (!analysis) {
          // Accepted but not analyzed: say why (timed out, output refused, analyzer failure).
          const error = await store.lastError(org, kind, request.params.id);
          if (!error) throw notFound(`${kind} ${request.params.id}`);
          return { [`${kind}_id`]: request.params.id, status: error.error_kind, error };
        }
        return { [`${kind}_id`]: request.params.id, status: 'analyzed', ...(await withPeers(analysis)) };
      },
    );
  }

  typed.get(
    '/api/trends',
    {
      schema: {
        tags: ['read'],
        summary: 'Failure counts over time, grouped by category, factor, severity, robot, service, fingerprint or code',
        querystring: Type.Object({
          by: Type.Optional(Type.Union(Object.keys(TREND_COLUMNS).map((k) => Type.Literal(k)))),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          interval: Type.Optional(Type.Union(Object.keys(INTERVALS).map((k) => Type.Literal(k)))),
          kind: Type.Optional(Type.Union([Type.Literal('episode'), Type.Literal('trace'), Type.Literal('log')])),
          findings: Type.Optional(Type.Union([Type.Literal('primary'), Type.Literal('all')])),
          org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const scope = actingOrg(request.require('read'), q.org, { every: true });
      const to = q.to ?? new Date(Date.now() + 60_000).toISOString();
      const from = q.from ?? new Date(Date.parse(to) - 7 * 86_400_000).toISOString();
      if (Date.parse(from) >= Date.parse(to)) throw new HttpError(400, 'bad_request', 'from: must be before to');
      const interval = q.interval ?? '1h';
      const by = (q.by ?? 'category') as keyof typeof TREND_COLUMNS;
      const points = await store.trends({
        org: scope,
        by,
        from,
        to,
        intervalSeconds: INTERVALS[interval] as number,
        ...(q.kind ? { kind: q.kind as SubjectKind } : {}),
        allFindings: q.findings === 'all',
      });
      return { by, from, to, interval, findings: q.findings ?? 'primary', points };
    },
  );

  typed.get(
    '/api/audit',
    {
      schema: {
        tags: ['read'],
        summary: 'The audit log (oncall, admin)',
        querystring: Type.Object({
          org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })),
          action: Type.Optional(Type.String()),
          subject_id: Type.Optional(Type.String({ maxLength: ID_MAX_CHARS })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const scope = actingOrg(request.require('read_audit'), q.org, { every: true });
      return {
        entries: await store.listAudit({
          org: scope,
          ...(q.action ? { action: q.action } : {}),
          ...(q.subject_id ? { subjectId: q.subject_id } : {}),
          limit: q.limit ?? 100,
        }),
      };
    },
  );

  typed.get(
    '/api/runs',
    { schema: { querystring: OrgQuery, tags: ['runs'], summary: 'Batch runs, newest first' } },
    async (request) => {
      const scope = actingOrg(request.require('read_patterns'), request.query.org, { every: true });
      return { runs: await store.listRuns(scope, 100) };
    },
  );

  typed.get(
    '/api/runs/:id',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['runs'],
        summary: 'One run and its summary (a platform key reads the runs over every org with ?org=*)',
      },
    },
    async (request) => {
      const scope = actingOrg(request.require('read_patterns'), request.query.org, { every: true });
      const run = await store.getRun(scope === EVERY_ORG ? RUNS_OF_EVERY_ORG : scope, request.params.id);
      if (!run) throw notFound(`run ${request.params.id}`);
      return run;
    },
  );

  typed.post(
    '/api/runs',
    {
      schema: {
        querystring: OrgQuery,
        tags: ['runs'],
        summary:
          'Start a manual batch run over stored traces/logs (ids or time range), or over an uploaded JSONL (application/x-ndjson), in one org',
      },
    },
    async (request, reply) => {
      const p = request.require('admin');
      const body = request.body as
        | Record<string, unknown>
        | { ndjson: symbol; items: { value?: unknown; parseError?: string }[] }
        | undefined;
      let run: RunRow;
      const isUpload = body && typeof body === 'object' && 'items' in body && Array.isArray(body.items);
      const named = isUpload ? undefined : (body as { org_id?: unknown } | undefined)?.org_id;
      if (named !== undefined && typeof named !== 'string') throw new HttpError(400, 'bad_request', 'org_id: must be a string');
      const org = runOrg(p, request.query.org, named as string | undefined);
      if (body && typeof body === 'object' && (body as { scheduled?: unknown }).scheduled === true) {
        // The scheduled run, now: stale and failed-to-analyze subjects of the org (or, for a platform `*`, every org).
        run = await runs().scheduled(org, p.keyId);
      } else if (org === EVERY_ORG) {
        throw new HttpError(400, 'bad_request', 'org: a manual run is over one org; "*" is for {"scheduled": true} only');
      } else if (isUpload) {
        const items = (body as { items: { value?: unknown; parseError?: string }[] }).items.map((it, i) => {
          const own = (it.value as { org_id?: unknown } | null)?.org_id;
          return own === undefined || own === org
            ? { line: i + 1, ...it, org }
            : { line: i + 1, parseError: `org_id: this run is for org ${JSON.stringify(org)}`, org };
        });
        run = await runs().start({ org, requestedBy: p.keyId, source: { type: 'upload', items } });
      } else {
        const b = (body ?? {}) as { kind?: unknown; ids?: unknown; from?: unknown; to?: unknown; org_id?: unknown };
        const kind = b.kind === undefined ? 'all' : b.kind;
        if (kind !== 'trace' && kind !== 'log' && kind !== 'all')
          throw new HttpError(400, 'bad_request', 'kind: must be trace, log or all');
        if (b.ids !== undefined && (!Array.isArray(b.ids) || b.ids.some((x) => typeof x !== 'string'))) {
          throw new HttpError(400, 'bad_request', 'ids: must be an array of strings');
        }
        for (const f of ['from', 'to'] as const) {
          if (b[f] !== undefined && (typeof b[f] !== 'string' || Number.isNaN(Date.parse(b[f] as string)))) {
            throw new HttpError(400, 'bad_request', `${f}: must be an ISO-8601 time`);
          }
        }
        if (b.ids === undefined && b.from === undefined && b.to === undefined) {
          throw new HttpError(400, 'bad_request', 'ids, from, to: give ids or a time range (or upload JSONL)');
        }
        run = await runs().start({
          org,
          requestedBy: p.keyId,
          source: {
            type: 'stored',
            kind,
            ...(b.ids ? { ids: b.ids as string[] } : {}),
            ...(b.from ? { from: b.from as string } : {}),
            ...(b.to ? { to: b.to as string } : {}),
          },
        });
      }
      await store.writeAudit([
        {
          org_id: run.org_id,
          action: 'run.started',
          actor: p.keyId,
          subject_kind: 'run',
          subject_id: run.run_id,
          metadata: { trigger: 'manual', actor_role: p.role },
        },
      ]);
      return reply.code(202).send(run);
    },
  );

  const requeue = async (org: string, episode: EpisodeRecord, actor: string, merge: boolean) => {
    await transport.publish([
      toMessage({ record: { ...episode, kind: 'episode' }, org, merge, received_at: new Date().toISOString(), actor }),
    ]);
  };

  typed.post(
    '/api/episodes/:id/reanalyze',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['admin'],
        summary: 'Re-run the analysis of an episode (upserts its one analysis)',
      },
    },
    async (request, reply) => {
      const p = request.require('admin');
      const org = oneOrg(p, request.query.org);
      const ep = await store.getEpisode(org, request.params.id);
      if (!ep) throw notFound(`episode ${request.params.id}`);
      if (ep.status !== 'failed')
        throw new HttpError(409, 'conflict', `episode ${ep.episode_id} is ${ep.status}; only failed episodes are analyzed`);
      await requeue(org, ep, p.keyId, false);
      await store.writeAudit([
        {
          org_id: org,
          action: 'episode.reanalyze',
          actor: p.keyId,
          subject_kind: 'episode',
          subject_id: ep.episode_id,
          metadata: { actor_role: p.role },
        },
      ]);
      return reply.code(202).send({ accepted: true, ref: ep.episode_id, status: 'queued' });
    },
  );

  typed.post(
    '/api/episodes/:id/mark-failed',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['admin'],
        summary: 'Flip an episode to failed; the analyzer runs as at finalize',
      },
    },
    async (request, reply) => {
      const p = request.require('admin');
      const org = oneOrg(p, request.query.org);
      const ep = await store.getEpisode(org, request.params.id);
      if (!ep) throw notFound(`episode ${request.params.id}`);
      await requeue(org, { ...ep, status: 'failed' }, p.keyId, true);
      await store.writeAudit([
        {
          org_id: org,
          action: 'episode.mark_failed',
          actor: p.keyId,
          subject_kind: 'episode',
          subject_id: ep.episode_id,
          metadata: { previous_status: ep.status, actor_role: p.role },
        },
      ]);
      return reply.code(202).send({ accepted: true, ref: ep.episode_id, status: 'failed' });
    },
  );
}

/** The org of a run: `?org=` or the body's `org_id` (they must agree); a platform key may name `*` for a scheduled run. */
function runOrg(p: Principal, query: string | undefined, body: string | undefined) {
  if (query !== undefined && body !== undefined && query !== body) {
    throw new HttpError(400, 'bad_request', `org: ?org=${query} and org_id ${JSON.stringify(body)} disagree`);
  }
  return actingOrg(p, query ?? body, { every: true });
}
