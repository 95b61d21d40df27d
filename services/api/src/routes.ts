/**
 * The read API and the admin actions, composed from one plugin per resource: episodes (and the
 * admin actions on them), subjects (traces, logs), trends, failure groups, fleet insights, audit, runs, the deploy gate's verdicts. Every call acts in one
 * org (`actingOrg`): an org key's own, or the org a platform key names with `?org=` (`org_id` in
 * a run's body); every lookup is by (org, id), so a subject of another org answers 404, exactly
 * like a missing one. Only the listings (trends, insights, audit, runs) accept a platform key's explicit
 * `?org=*`. The table of who may call what is packages/platform/src/access.ts.
 *
 * The id hook below is registered here, before the resource plugins, so it applies to every one
 * of their routes (Fastify encapsulation: a child context inherits its parent's hooks).
 */

import { wellFormed } from '@faultline/core';
import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.js';
import type { ApiOptions } from './common.js';
import { episodeRoutes } from './episodes.js';
import { groupRoutes } from './groups.js';
import { insightRoutes } from './insights.js';
import { runRoutes } from './runs.js';
import { subjectRoutes } from './subjects.js';
import { trendRoutes } from './trends.js';
import { verifyRoutes } from './verify.js';

export type { ApiOptions, GroupSettings } from './common.js';

export async function apiRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  // Ids are stored well-formed (core text.ts): a read by the id as it was sent (a NUL in the
  // path) finds the record stored under U+FFFD, as the ingest acknowledgement named it.
  app.addHook('preValidation', async (request) => {
    const params = request.params as { id?: unknown } | undefined;
    if (params && typeof params.id === 'string') params.id = wellFormed(params.id);
  });
  await app.register(episodeRoutes, opts);
  await app.register(subjectRoutes, opts);
  await app.register(trendRoutes, opts);
  await app.register(groupRoutes, opts);
  await app.register(insightRoutes, opts);
  await app.register(auditRoutes, opts);
  await app.register(runRoutes, opts);
  await app.register(verifyRoutes, opts);
}
