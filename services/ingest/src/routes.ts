/**
 * The ingest API (the seed's SDK calls). Records are validated here, so a producer learns
 * at once what was wrong (400s and per-item results name the field), then published to the
 * bus; the answer is sent only after the bus made them durable. A full bus answers 503 with
 * Retry-After. Analysis runs behind the bus, so a failing analyzer never fails a finalize.
 *
 * Robot ids are never kept in process memory, nor looked up here (several ingest replicas share
 * one bus, and the start may still be on it): a finalize without `robot_id` in its body is
 * published as pending (`pendingRobot`, empty `robot_id`) under its episode's key (`pendingKey`),
 * and the analyzer resolves the robot and has it analyzed under the robot's key (consumer.ts).
 * Invariant: an episode's records are analyzed on its robot's key in the order its producer sent
 * them. The start was durable on the robot's key before its 202, so before the producer could
 * send the finalize; the forward is published later still, so it lands after the start; pending
 * finalizes of one episode share one key, so they stay in order among themselves.
 *
 * Tenancy: a record goes to exactly one org, never chosen by default for a platform key. An
 * org key writes to its own org; a record (or `?org=`) naming another org is refused (403 for
 * one record, a rejected item in a batch), never silently moved. A platform key names the org
 * with `?org=` or the record's `org_id` (they must agree); naming none is refused the same way.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Transport } from '@faultline/bus';
import {
  type Envelope,
  type EpisodeRecord,
  type FaultlineRecord,
  ID_MAX_CHARS,
  looseRef,
  ORG_MAX_CHARS,
  recordRef,
  validateRecord,
  wellFormed,
} from '@faultline/core';
import { actingOrg, HttpError, type Metrics, oneOrg, type Principal, reasonLabel } from '@faultline/platform';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { Type } from 'typebox';
import { publisher } from './publish.js';

export interface IngestOptions {
  transport: Transport;
  metrics: Metrics;
}

/** The org one record goes to (see the module comment), or the error that refuses it. */
function orgFor(p: Principal, record: { org_id?: unknown }, queryOrg: string | undefined): string | HttpError {
  const own = record.org_id;
  if (own !== undefined && typeof own !== 'string') return new HttpError(400, 'bad_request', 'org_id: must be a string');
  if (own && queryOrg !== undefined && own !== queryOrg) {
    return new HttpError(400, 'bad_request', `org_id: ${JSON.stringify(own)} disagrees with ?org=${queryOrg}`);
  }
  try {
    return oneOrg(p, own || queryOrg);
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return err.message.startsWith('org') ? err : new HttpError(err.statusCode, err.code, `org_id: ${err.message}`);
  }
}

/** `?org=` of an ingest call (undefined when absent). */
function queryOrg(request: FastifyRequest): string | undefined {
  const q = (request.query as { org?: unknown } | undefined)?.org;
  return typeof q === 'string' && q !== '' ? q : undefined;
}

const Metadata = Type.Record(Type.String(), Type.Unknown(), { description: 'Open bag; typed payloads in metadata.typed' });

const EpisodeStart = Type.Object(
  {
    episode_id: Type.String({ minLength: 1, maxLength: ID_MAX_CHARS }),
    robot_id: Type.String({ minLength: 1, maxLength: ID_MAX_CHARS }),
    org_id: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })),
    source: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('replay'), Type.Literal('sim')])),
    status: Type.Optional(Type.Literal('running')),
    started_at: Type.Optional(Type.String({ format: 'date-time' })),
    metadata: Type.Optional(Metadata),
  },
  { additionalProperties: true },
);

const Finalize = Type.Object(
  {
    status: Type.Union([Type.Literal('succeeded'), Type.Literal('failed')]),
    robot_id: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX_CHARS })),
    duration_s: Type.Optional(Type.Number({ minimum: 0 })),
    ended_at: Type.Optional(Type.String({ format: 'date-time' })),
    metadata: Type.Optional(Metadata),
  },
  { additionalProperties: true },
);

const Accepted = Type.Object({ accepted: Type.Boolean(), ref: Type.String(), status: Type.String() });

export interface ItemOutcome {
  index: number;
  ref: string;
  status: 'accepted' | 'rejected';
  error?: string;
}

const BATCH_KINDS: Record<string, FaultlineRecord['kind']> = {
  'eval-results': 'eval_result',
  'verification-results': 'verification_result',
  traces: 'trace',
  logs: 'log',
};

/** What the route handlers share: the rejection counter and the publish that answers 503/413. */
interface Ingest {
  metrics: Metrics;
  publish: (envelopes: Envelope[]) => Promise<void>;
}

export async function ingestRoutes(app: FastifyInstance, opts: IngestOptions): Promise<void> {
  const { transport, metrics } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  const publishTo = publisher(transport, metrics);
  const ingest: Ingest = {
    metrics,
    publish: (envelopes: Envelope[]) =>
      publishTo(envelopes, `a batch of ${envelopes.length} records is larger than the event bus holds; send smaller batches`),
  };

  typed.post(
    '/api/ingest/episode',
    {
      schema: { summary: 'Start or update a running episode', tags: ['ingest'], body: EpisodeStart, response: { 202: Accepted } },
    },
    async (request, reply) => {
      const p = request.require('ingest');
      const ep = await publishEpisode(ingest, p, { ...request.body, status: 'running' }, true, queryOrg(request));
      return reply.code(202).send({ accepted: true, ref: ep.episode_id, status: 'running' });
    },
  );

  typed.post(
    '/api/ingest/episode/:episode_id/finalize',
    {
      schema: {
        summary: 'Finalize an episode: status, duration and metadata merged; a failed status triggers analysis',
        tags: ['ingest'],
        params: Type.Object({ episode_id: Type.String({ minLength: 1, maxLength: ID_MAX_CHARS }) }),
        body: Finalize,
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      const p = request.require('ingest');
      // The id as it is stored (text.ts): a NUL in the path is U+FFFD in the record.
      const episode_id = wellFormed(request.params.episode_id);
      const org = orgFor(p, request.body as { org_id?: unknown }, queryOrg(request));
      if (org instanceof HttpError) {
        metrics.rejected.inc({ kind: 'episode', reason: 'org_id' });
        throw org;
      }
      const robot = request.body.robot_id;
      // No robot named: published as pending, the analyzer resolves it (module comment).
      const ep = robot
        ? await publishEpisode(ingest, p, { ...request.body, episode_id, robot_id: robot }, true, queryOrg(request))
        : await publishEpisode(ingest, p, { ...request.body, episode_id }, true, queryOrg(request), true);
      return reply.code(202).send({ accepted: true, ref: ep.episode_id, status: request.body.status });
    },
  );

  for (const [path, kind] of Object.entries(BATCH_KINDS)) {
    app.post(
      `/api/ingest/${path}`,
      {
        schema: {
          summary: `Ingest ${kind} records: a JSON array (or one object), or NDJSON (application/x-ndjson)`,
          tags: ['ingest'],
        } as FastifySchema,
      },
      async (request: FastifyRequest, reply) => {
        const p = request.require('ingest');
        const named = queryOrg(request);
        // `?org=` naming another org (org key) or an invalid org refuses the whole batch.
        if (named !== undefined) actingOrg(p, named);
        const items = batchItems(request.body);
        const now = new Date().toISOString();
        const checked = items.map((item, index) => checkItem(item, index, { kind, p, named, now, metrics }));
        const envelopes = checked.flatMap((c) => (c.envelope ? [c.envelope] : []));
        if (envelopes.length) await ingest.publish(envelopes);
        const accepted = envelopes.length;
        return reply.code(accepted === 0 && items.length > 0 ? 400 : 202).send({
          accepted,
          rejected: checked.length - accepted,
          results: checked.map((c) => c.outcome),
        });
      },
    );
  }
}

/**
 * Validates and publishes one episode update. `pendingRobot`: the robot is not known yet; the
 * record is validated with a stand-in robot id and published with an empty one (module comment).
 */
async function publishEpisode(
  ingest: Ingest,
  p: Principal,
  body: Record<string, unknown>,
  merge: boolean,
  named: string | undefined,
  pendingRobot = false,
): Promise<EpisodeRecord> {
  const org = orgFor(p, body, named);
  if (org instanceof HttpError) {
    ingest.metrics.rejected.inc({ kind: 'episode', reason: 'org_id' });
    throw org;
  }
  const record = {
    ...body,
    kind: 'episode',
    org_id: org,
    ...(pendingRobot ? { robot_id: PENDING_ROBOT_STAND_IN } : {}),
  } as unknown as EpisodeRecord;
  const v = validateRecord(record);
  if (!v.ok) {
    ingest.metrics.rejected.inc({ kind: 'episode', reason: reasonLabel(v.reason) });
    throw new HttpError(400, 'bad_request', v.reason);
  }
  const valid = (pendingRobot ? { ...v.record, robot_id: '' } : v.record) as EpisodeRecord;
  await ingest.publish([
    {
      record: valid,
      org,
      merge,
      received_at: new Date().toISOString(),
      actor: p.keyId,
      ...(pendingRobot ? { pendingRobot: true } : {}),
    },
  ]);
  return valid;
}

/** One item of a batch: accepted with the envelope to publish, or rejected with its reason (counted). */
function checkItem(
  item: BatchItem,
  index: number,
  batch: { kind: FaultlineRecord['kind']; p: Principal; named: string | undefined; now: string; metrics: Metrics },
): { outcome: ItemOutcome; envelope?: Envelope } {
  const { kind } = batch;
  const reject = (error: string, ref = '') => {
    batch.metrics.rejected.inc({ kind, reason: reasonLabel(error) });
    return { outcome: { index, ref, status: 'rejected' as const, error } };
  };
  if ('parseError' in item) return reject(item.parseError);
  const value = item.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return reject('(record): must be a JSON object');
  const obj = value as Record<string, unknown>;
  if (obj.kind !== undefined && obj.kind !== kind) return reject(`kind: must be "${kind}" on this route`, looseRef(obj));
  const org = orgFor(batch.p, obj, batch.named);
  if (org instanceof HttpError) return reject(org.message, looseRef(obj));
  const v = validateRecord({ ...obj, kind, org_id: org });
  if (!v.ok) return reject(v.reason, looseRef(obj));
  return {
    outcome: { index, ref: recordRef(v.record), status: 'accepted' },
    envelope: { record: v.record, org, received_at: batch.now },
  };
}

/** Stands in for the unknown robot of a pending finalize while the rest of the record is validated. */
const PENDING_ROBOT_STAND_IN = 'robot-not-known-yet';

type BatchItem = { value: unknown } | { parseError: string };

/** A JSON array, a single object, or NDJSON lines (parsed by the content-type parser). */
function batchItems(body: unknown): BatchItem[] {
  if (body && typeof body === 'object' && (body as { ndjson?: unknown }).ndjson === NDJSON) {
    return (body as { items: BatchItem[] }).items;
  }
  if (Array.isArray(body)) return body.map((value) => ({ value }));
  if (body === undefined || body === null) throw new HttpError(400, 'bad_request', 'body: expected a JSON array or NDJSON');
  return [{ value: body }];
}

const NDJSON = Symbol('ndjson');

/** Registers the NDJSON body parser: one item per non-empty line; a bad line is one rejected item, not a 400. */
export function ndjsonParser(app: FastifyInstance): void {
  const parse = (_req: unknown, body: string, done: (err: Error | null, value?: unknown) => void) => {
    const items: BatchItem[] = [];
    for (const line of body.split('\n')) {
      if (!line.trim()) continue;
      try {
        items.push({ value: JSON.parse(line) });
      } catch (err) {
        items.push({ parseError: `invalid JSON: ${(err as Error).message}` });
      }
    }
    done(null, { ndjson: NDJSON, items });
  };
  app.addContentTypeParser(['application/x-ndjson', 'application/jsonl', 'application/ndjson'], { parseAs: 'string' }, parse);
}
