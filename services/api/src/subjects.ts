/**
 * Subjects: `GET /api/traces` and `GET /api/logs` (the failed ones, newest first: lists.ts), `GET /api/traces/:id` and `GET /api/logs/:id`, the extracted failure pattern of a
 * trace or a log (ml_engineer, oncall, admin). An accepted subject that was not analyzed answers
 * why (its last error: timed out, output refused, analyzer failure); one with neither an analysis
 * nor an error, or of another org, answers 404.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { notFound, oneOrg } from '@faultline/platform';
import type { FastifyInstance } from 'fastify';
import { type ApiOptions, analysisAnswer, Id, Open, OrgQuery } from './common.js';
import { registerFailureList } from './lists.js';

export async function subjectRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const kind of ['trace', 'log'] as const) {
    registerFailureList(app, opts, kind, 'read_patterns', 'ml_engineer, oncall, admin');
    typed.get(
      `/api/${kind}s/:id`,
      {
        schema: {
          params: Id,
          querystring: OrgQuery,
          tags: ['read'],
          summary: `The extracted failure pattern of a ${kind} (ml_engineer, oncall, admin)`,
          response: {
            200: Open(
              `{${kind}_id, status: "analyzed" and the analysis fields with stale and fingerprint_peers, or status: the error kind and error}`,
            ),
          },
        },
      },
      async (request) => {
        const org = oneOrg(request.require('read_patterns'), request.query.org);
        const analysis = await analysisAnswer(store, org, kind, request.params.id);
        if (!analysis) {
          // Accepted but not analyzed: say why (timed out, output refused, analyzer failure).
          const error = await store.lastError(org, kind, request.params.id);
          if (!error) throw notFound(`${kind} ${request.params.id}`);
          return { [`${kind}_id`]: request.params.id, status: error.error_kind, error };
        }
        return { [`${kind}_id`]: request.params.id, status: 'analyzed', ...analysis };
      },
    );
  }
}
