/**
 * Episodes: `GET /api/episodes` (the failed ones, newest first: lists.ts), `GET /api/episodes/:id` (the episode and its analysis) and the admin actions on an
 * episode, `POST /api/episodes/:id/reanalyze` and `POST /api/episodes/:id/mark-failed`. Every
 * lookup is by (acting org, id): an episode of another org answers 404 like a missing one. An
 * admin action requeues the episode on the bus (reanalyze: the stored episode; mark-failed: only
 * the status change, merged into it by the analyzer) and audits itself before answering 202.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type EpisodeRecord, toMessage } from '@faultline/core';
import { HttpError, notFound, oneOrg } from '@faultline/platform';
import type { Store } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Accepted, type ApiOptions, analysisAnswer, Id, Open, OrgQuery } from './common.js';
import { registerFailureList } from './lists.js';

const EpisodeAnswer = Open(
  '{episode: the stored episode, analysis: its analysis with stale and fingerprint_peers, or null, eval_results: [{eval_run_id, baseline_episode_id?, metrics}] naming it as candidate, verification_results: [{scenario_id, status, message?}]}',
);

export async function episodeRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store, transport } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  registerFailureList(app, opts, 'episode', 'read', 'members and up');

  typed.get(
    '/api/episodes/:id',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['read'],
        summary: 'An episode, its analysis (ranked findings, stale flag, fingerprint peers), its eval and verification results',
        response: { 200: EpisodeAnswer },
      },
    },
    async (request) => episodeAnswer(store, oneOrg(request.require('read'), request.query.org), request.params.id),
  );

  /**
   * The admin actions on one stored episode, as data: what each requeues (and whether as a
   * merge), what it refuses, what it audits and answers. One handler below runs them all.
   */
  const ACTIONS = [
    {
      path: 'reanalyze',
      summary: 'Re-run the analysis of an episode (upserts its one analysis)',
      action: 'episode.reanalyze',
      answer: 'queued',
      refuse: (ep: EpisodeRecord) =>
        ep.status !== 'failed' ? `episode ${ep.episode_id} is ${ep.status}; only failed episodes are analyzed` : null,
      requeue: (ep: EpisodeRecord) => ({ record: ep, merge: false }),
      audited: (): Record<string, unknown> => ({}),
    },
    {
      path: 'mark-failed',
      summary: 'Flip an episode to failed; the analyzer runs as at finalize',
      action: 'episode.mark_failed',
      answer: 'failed',
      refuse: () => null,
      // Only the status change, as a merge (like a finalize): the analyzer merges it into the
      // stored episode, whose metadata and typed payloads stay as they are.
      requeue: (ep: EpisodeRecord) => ({
        record: { kind: 'episode' as const, episode_id: ep.episode_id, robot_id: ep.robot_id, status: 'failed' as const },
        merge: true,
      }),
      audited: (ep: EpisodeRecord): Record<string, unknown> => ({ previous_status: ep.status }),
    },
  ] as const;

  for (const a of ACTIONS) {
    typed.post(
      `/api/episodes/:id/${a.path}`,
      {
        schema: {
          params: Id,
          querystring: OrgQuery,
          tags: ['admin'],
          summary: a.summary,
          response: { 202: Accepted },
        },
      },
      async (request, reply) => {
        const p = request.require('admin');
        const org = oneOrg(p, request.query.org);
        const ep = await store.getEpisode(org, request.params.id);
        if (!ep) throw notFound(`episode ${request.params.id}`);
        const refused = a.refuse(ep);
        if (refused) throw new HttpError(409, 'conflict', refused);
        const { record, merge } = a.requeue(ep);
        await transport.publish([
          toMessage({
            record: { ...record, kind: 'episode' },
            org,
            merge,
            received_at: new Date().toISOString(),
            actor: p.keyId,
          }),
        ]);
        await store.writeAudit([
          {
            org_id: org,
            action: a.action,
            actor: p.keyId,
            subject_kind: 'episode',
            subject_id: ep.episode_id,
            metadata: { ...a.audited(ep), actor_role: p.role },
          },
        ]);
        return reply.code(202).send({ accepted: true, ref: ep.episode_id, status: a.answer });
      },
    );
  }
}

/**
 * One episode of one org with its analysis (and peers) and the eval and verification results
 * naming it as candidate: all read by (org, id), so another org's episode or results never show.
 * Four store reads for an analyzed episode (the episode; then at once the analysis with the rows
 * its peers' count needs, and the eval and verification results together; then the peers' count),
 * one for a missing one.
 */
async function episodeAnswer(store: Store, org: string, id: string) {
  const episode = await store.getEpisode(org, id);
  if (!episode) throw notFound(`episode ${id}`);
  const [analysis, { evals, verifications }] = await Promise.all([
    analysisAnswer(store, org, 'episode', episode.episode_id),
    store.resultsFor([{ org, episode: episode.episode_id }]),
  ]);
  return {
    episode,
    analysis,
    eval_results: evals.map(({ eval_run_id, baseline_episode_id, metrics }) => ({ eval_run_id, baseline_episode_id, metrics })),
    verification_results: verifications.map(({ scenario_id, status, message }) => ({ scenario_id, status, message })),
  };
}
