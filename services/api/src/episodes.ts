/**
 * Episodes: `GET /api/episodes/:id` (the episode and its analysis) and the admin actions on an
 * episode, `POST /api/episodes/:id/reanalyze` and `POST /api/episodes/:id/mark-failed`. Every
 * lookup is by (acting org, id): an episode of another org answers 404 like a missing one. An
 * admin action requeues the stored episode on the bus and audits itself before answering 202.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type EpisodeRecord, toMessage } from '@faultline/core';
import { HttpError, notFound, oneOrg } from '@faultline/platform';
import type { FastifyInstance } from 'fastify';
import { Accepted, type ApiOptions, Id, Open, OrgQuery, withPeers } from './common.js';

const EpisodeAnswer = Open('{episode: the stored episode, analysis: its analysis with stale and fingerprint_peers, or null}');

export async function episodeRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store, transport } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/api/episodes/:id',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['read'],
        summary: 'An episode and its analysis (ranked findings, stale flag, fingerprint peers)',
        response: { 200: EpisodeAnswer },
      },
    },
    async (request) => {
      const org = oneOrg(request.require('read'), request.query.org);
      const episode = await store.getEpisode(org, request.params.id);
      if (!episode) throw notFound(`episode ${request.params.id}`);
      const analysis = await store.getAnalysis(org, 'episode', episode.episode_id);
      return { episode, analysis: analysis ? await withPeers(store, analysis) : null };
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
        response: { 202: Accepted },
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
        response: { 202: Accepted },
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
