/**
 * Trends: `GET /api/trends`, failure counts over time grouped by one trend column, in the acting
 * org or (a platform key's `?org=*`) over every org. The window defaults to the 7 days before
 * now + 1 min; `from` must be before `to`.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ORG_MAX_CHARS, type SubjectKind } from '@faultline/core';
import { actingOrg, HttpError } from '@faultline/platform';
import { TREND_COLUMNS } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type ApiOptions, Open } from './common.js';

const INTERVALS: Record<string, number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '1h': 3600,
  '6h': 21_600,
  '1d': 86_400,
  '1w': 604_800,
};

export async function trendRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
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
        response: { 200: Open('{by, from, to, interval, findings, points: the counts per bucket and group}') },
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
}
