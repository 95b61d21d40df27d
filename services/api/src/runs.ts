/**
 * Batch runs: `GET /api/runs` (newest first), `GET /api/runs/:id` and `POST /api/runs` (admin),
 * which starts a manual run over stored traces/logs (ids or a time range) or over an uploaded
 * JSONL, or the scheduled run now. A run is in one org (`?org=` or the body's `org_id`, which
 * must agree); a platform key's `*` reads the runs of every org and may start only the scheduled
 * run. Every started run is audited (`run.started`) before the 202. Without a runner (a role
 * without batch runs) POST answers 503.
 *
 * The body schema documents the fields but constrains none of them: the handler keeps its own
 * checks and messages (as keys.ts does), and an uploaded JSONL reaches it as parsed lines.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actingOrg, HttpError, notFound, type Principal } from '@faultline/platform';
import type { RunRow } from '@faultline/store';
import { EVERY_ORG, RUNS_OF_EVERY_ORG } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type ApiOptions, Id, Open, OrgQuery, runnerOf } from './common.js';

/** A run request as documented; any field may be absent or of another type (the handler checks). */
const StartRunBody = Type.Union([
  Type.Object({
    org_id: Type.Optional(Type.Unknown({ description: 'the org of the run (a string; must agree with ?org=)' })),
    kind: Type.Optional(Type.Unknown({ description: 'trace, log or all (default all)' })),
    ids: Type.Optional(Type.Unknown({ description: 'subject ids (strings)' })),
    from: Type.Optional(Type.Unknown({ description: 'ISO-8601 start of the time range' })),
    to: Type.Optional(Type.Unknown({ description: 'ISO-8601 end of the time range' })),
    scheduled: Type.Optional(Type.Unknown({ description: 'true: the scheduled run (stale and failed subjects), now' })),
  }),
  Type.Unknown(),
]);

const Run = Open('a run: run_id, org_id, status, source, requested_by, times and summary');

export async function runRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/api/runs',
    {
      schema: {
        querystring: OrgQuery,
        tags: ['runs'],
        summary: 'Batch runs, newest first',
        response: { 200: Open('{runs: the newest 100 runs}') },
      },
    },
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
        response: { 200: Run },
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
        body: StartRunBody,
        tags: ['runs'],
        summary:
          'Start a manual batch run over stored traces/logs (ids or time range), or over an uploaded JSONL (application/x-ndjson), in one org',
        response: { 202: Run },
      },
    },
    async (request, reply) => {
      const p = request.require('admin');
      const run = await startRun(opts, p, request.query.org, request.body as RunBody);
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
}

type UploadLine = { value?: unknown; parseError?: string };
/** The body as it reaches the handler: JSON (any shape), or an uploaded JSONL as parsed lines. */
type RunBody = Record<string, unknown> | { ndjson: symbol; items: UploadLine[] } | undefined;
type StoredSource = { type: 'stored'; kind: 'trace' | 'log' | 'all'; ids?: string[]; from?: string; to?: string };

/**
 * Starts the run a POST asks for, in the org it names: the scheduled run now (`{"scheduled":
 * true}`, the only run a platform key's `*` may start), an uploaded JSONL's lines, or stored
 * subjects by ids or time range. Every 400 comes before the runner is asked for (503 without one).
 */
async function startRun(opts: ApiOptions, p: Principal, queryOrg: string | undefined, body: RunBody): Promise<RunRow> {
  const isUpload = body && typeof body === 'object' && 'items' in body && Array.isArray(body.items);
  const named = isUpload ? undefined : (body as { org_id?: unknown } | undefined)?.org_id;
  if (named !== undefined && typeof named !== 'string') throw new HttpError(400, 'bad_request', 'org_id: must be a string');
  const org = runOrg(p, queryOrg, named as string | undefined);
  if (body && typeof body === 'object' && (body as { scheduled?: unknown }).scheduled === true) {
    // The scheduled run, now: stale and failed-to-analyze subjects of the org (or, for a platform `*`, every org).
    return runnerOf(opts).scheduled(org, p.keyId);
  }
  if (org === EVERY_ORG) {
    throw new HttpError(400, 'bad_request', 'org: a manual run is over one org; "*" is for {"scheduled": true} only');
  }
  if (isUpload) {
    const items = uploadLines((body as { items: UploadLine[] }).items, org);
    return runnerOf(opts).start({ org, requestedBy: p.keyId, source: { type: 'upload', items } });
  }
  const source = storedSource((body ?? {}) as Record<string, unknown>);
  return runnerOf(opts).start({ org, requestedBy: p.keyId, source });
}

/** An upload's lines, numbered from 1; a line naming another org is refused on its own (as a parse error). */
function uploadLines(items: UploadLine[], org: string) {
  return items.map((it, i) => {
    const own = (it.value as { org_id?: unknown } | null)?.org_id;
    return own === undefined || own === org
      ? { line: i + 1, ...it, org }
      : { line: i + 1, parseError: `org_id: this run is for org ${JSON.stringify(org)}`, org };
  });
}

/** A run over stored subjects: kind (default all), ids and/or a time range, each checked with its own 400. */
function storedSource(b: { kind?: unknown; ids?: unknown; from?: unknown; to?: unknown }): StoredSource {
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
  return {
    type: 'stored',
    kind,
    ...(b.ids ? { ids: b.ids as string[] } : {}),
    ...(b.from ? { from: b.from as string } : {}),
    ...(b.to ? { to: b.to as string } : {}),
  };
}

/** The org of a run: `?org=` or the body's `org_id` (they must agree); a platform key may name `*` for a scheduled run. */
function runOrg(p: Principal, query: string | undefined, body: string | undefined) {
  if (query !== undefined && body !== undefined && query !== body) {
    throw new HttpError(400, 'bad_request', `org: ?org=${query} and org_id ${JSON.stringify(body)} disagree`);
  }
  return actingOrg(p, query ?? body, { every: true });
}
