/**
 * The failures lists: `GET /api/episodes`, `/api/traces`, `/api/logs`, the failed subjects of one
 * kind, newest first, filtered, one page at a time (the store's failure_list, migration 0011).
 * Each resource plugin (episodes.ts, subjects.ts) registers its own with `registerFailureList`.
 *
 * Invariants: a page never holds another org's row (the acting org, or a platform key's `?org=*`);
 * the cursor is opaque to clients and names the kind and org it was made for, so a cursor of
 * another listing or another org is a 400, never another org's page; `limit` is 1-200.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ANALYZER_VERSION,
  CATEGORIES,
  isStorableTimestamp,
  LABEL_MAX_CHARS,
  ORG_MAX_CHARS,
  SEVERITIES,
  type SubjectKind,
} from '@faultline/core';
import { actingOrg, type Capability, HttpError } from '@faultline/platform';
import { EVERY_ORG, type FailureCursor } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiOptions } from './common.js';

export const LIST_MAX_LIMIT = 200;
const CURSOR_MAX_CHARS = 2048;

const literals = (values: readonly string[]) => Type.Union([...new Set(values)].map((v) => Type.Literal(v)));

export const FailureListQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIST_MAX_LIMIT, description: 'rows per page (default 50)' })),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: CURSOR_MAX_CHARS, description: 'next_cursor of the previous page' }),
  ),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'occurred at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'occurred before' })),
  robot: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_MAX_CHARS })),
  service: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_MAX_CHARS })),
  fingerprint: Type.Optional(
    Type.String({ minLength: 1, maxLength: 128, description: "the failure's peers (same fingerprint)" }),
  ),
  category: Type.Optional(literals([...CATEGORIES, 'unknown'])),
  contributing_factor: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_MAX_CHARS })),
  severity: Type.Optional(literals(SEVERITIES)),
  confidence_band: Type.Optional(literals(['high', 'medium', 'low'])),
  stale: Type.Optional(Type.Boolean({ description: 'true: analyzed by an older analyzer version; false: by the current one' })),
});

export const FailureListRow = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  org_id: Type.String(),
  occurred_at: Type.String({ description: 'when it failed (ISO-8601)' }),
  analyzed_at: Type.String(),
  analyzer_version: Type.String(),
  stale: Type.Boolean({ description: 'analyzed by an older analyzer version than the running one' }),
  robot_id: Type.String(),
  service: Type.String(),
  fingerprint: Type.String(),
  code: Type.String({ description: "the top finding's code" }),
  title: Type.String({ description: "the top finding's title" }),
  category: Type.String(),
  contributing_factor: Type.String(),
  severity: Type.String(),
  confidence: Type.Number(),
  confidence_band: Type.String(),
  findings_count: Type.Integer(),
  seen: Type.Integer({ description: 'subjects of the org with the same fingerprint, this one included' }),
});

export const FailureListAnswer = Type.Object({
  items: Type.Array(FailureListRow),
  next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'pass as ?cursor= for the next page; null: last page' }),
});

/** The opaque cursor: base64url of [kind, occurred_at, id, org]. */
export function encodeCursor(kind: SubjectKind, c: FailureCursor): string {
  return Buffer.from(JSON.stringify([kind, c.occurredAt, c.id, c.org])).toString('base64url');
}

/** The cursor of a request, or a 400 naming what is wrong with it. */
export function decodeCursor(text: string, kind: SubjectKind, org: string | typeof EVERY_ORG): FailureCursor {
  const bad = (why: string) => new HttpError(400, 'bad_request', `cursor: ${why}; pass the next_cursor of the previous page`);
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw bad('not a cursor of this API');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad('not a cursor of this API');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((p) => typeof p === 'string')) {
    throw bad('not a cursor of this API');
  }
  const [k, at, id, cOrg] = parsed as string[];
  if (k !== kind) throw bad(`made for the ${k}s list, not the ${kind}s list`);
  if (!isStorableTimestamp(at as string)) throw bad('not a cursor of this API');
  if (org !== EVERY_ORG && cOrg !== org) throw bad('made for another org');
  return { occurredAt: at as string, id: id as string, org: cOrg as string };
}

/** Registers `GET /api/<kind>s`, the failures list of one kind, readable with `capability`. */
export function registerFailureList(
  app: FastifyInstance,
  opts: ApiOptions,
  kind: SubjectKind,
  capability: Capability,
  who: string,
): void {
  const { store } = opts;
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    `/api/${kind}s`,
    {
      schema: {
        querystring: FailureListQuery,
        tags: ['read'],
        summary: `Failed ${kind}s, newest first, filtered, cursor-paginated (${who})`,
        response: { 200: FailureListAnswer },
      },
    },
    async (request) => {
      const q = request.query;
      const org = actingOrg(request.require(capability), q.org, { every: true });
      if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) {
        throw new HttpError(400, 'bad_request', 'from: must be before to');
      }
      const page = await store.listFailures({
        org,
        kind,
        limit: q.limit ?? 50,
        currentVersion: ANALYZER_VERSION,
        ...(q.cursor ? { after: decodeCursor(q.cursor, kind, org) } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.robot ? { robot: q.robot } : {}),
        ...(q.service ? { service: q.service } : {}),
        ...(q.fingerprint ? { fingerprint: q.fingerprint } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.contributing_factor ? { contributingFactor: q.contributing_factor } : {}),
        ...(q.severity ? { severity: q.severity } : {}),
        ...(q.confidence_band ? { confidenceBand: q.confidence_band } : {}),
        ...(q.stale !== undefined ? { stale: q.stale } : {}),
      });
      return {
        items: page.rows.map((r) => ({ ...r, stale: r.analyzer_version !== ANALYZER_VERSION })),
        next_cursor: page.next ? encodeCursor(kind, page.next) : null,
      };
    },
  );
}
