/**
 * Audit: `GET /api/audit` (oncall, admin), the audit log of the acting org or (a platform key's
 * `?org=*`) of every org, newest first, filtered by action and subject, at most `limit` (100).
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ID_MAX_CHARS, ORG_MAX_CHARS } from '@faultline/core';
import { actingOrg } from '@faultline/platform';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type ApiOptions, Open } from './common.js';

export async function auditRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
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
        response: { 200: Open('{entries: the audit rows}') },
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
}
