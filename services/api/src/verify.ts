/**
 * The deploy gate's reads: `GET /api/verify/episodes/:id` (one candidate) and
 * `GET /api/verify/eval-runs/:id` (every candidate of an eval run), what `faultline verify
 * check` asks. Readers of the org (member and up), looked up by (acting org, id): another org's
 * candidate or eval run answers 404 exactly like a missing one.
 *
 * A candidate's verdict is `fail` (a `replay_regression` or `verification_failed` finding),
 * `pass` (none), or `unknown` with the reason the gate cannot tell yet. Invariants:
 * - The gate judges with the analyzer's own rules (core `RULES`, the same reward tolerance):
 *   for a failed episode, its stored analysis; for a succeeded one (the analyzer runs on failed
 *   episodes only), the two gate rules over the stored episode and its stored eval and
 *   verification results.
 * - A failed episode's stored analysis must agree with those rules over the stored results:
 *   when a late eval or verification result is stored but its re-analysis is not yet, the
 *   verdict is `unknown` (pending), never a `pass` read from the older analysis.
 * - A replay candidate naming its eval run (`metadata.eval_run_id`) is `unknown` until that
 *   run's result for it is stored, so a gate asked right after the result was sent waits for it
 *   instead of passing it.
 * - Never `pass` for what was not received: a missing episode, a running one, or a failed one
 *   not analyzed yet are `unknown`.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  DEFAULT_RULE_CONFIG,
  type EpisodeRecord,
  type EvalResultRecord,
  type Finding,
  RULES,
  type VerificationResultRecord,
} from '@faultline/core';
import { notFound, oneOrg } from '@faultline/platform';
import type { Store } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type ApiOptions, Id, OrgQuery } from './common.js';

/** The finding codes that block a deploy (the seed: "the deploy gate would block this candidate"). */
export const GATE_CODES = ['replay_regression', 'verification_failed'] as const;
/** The most candidates one eval run's verdict reads (one query each for their analyses). */
export const EVAL_RUN_MAX_CANDIDATES = 1000;

const GATE_RULES = RULES.filter((r) => (GATE_CODES as readonly string[]).includes(r.code));

const Verdict = Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('unknown')]);
const OpenFinding = Type.Object({}, { additionalProperties: true, description: 'a finding (code, title, evidence, …)' });
const Candidate = Type.Object({
  candidate_episode_id: Type.String(),
  verdict: Verdict,
  reason: Type.String({ description: 'why this verdict, in words' }),
  episode_status: Type.Union([Type.String(), Type.Null()], {
    description: 'running, succeeded, failed, or null when not received',
  }),
  judged_by: Type.Union([Type.Literal('analysis'), Type.Literal('rules'), Type.Null()], {
    description: 'the stored analysis (failed episodes), the gate rules over stored results (succeeded ones), or null (unknown)',
  }),
  analyzer_version: Type.Union([Type.String(), Type.Null()]),
  findings: Type.Array(OpenFinding, { description: 'the blocking findings (replay_regression, verification_failed)' }),
});
const EvalRunAnswer = Type.Object({
  eval_run_id: Type.String(),
  verdict: Verdict,
  candidates: Type.Array(Candidate),
  truncated: Type.Boolean({ description: `more than ${EVAL_RUN_MAX_CANDIDATES} candidates: only the first were judged` }),
});

export type CandidateVerdict = {
  candidate_episode_id: string;
  verdict: 'pass' | 'fail' | 'unknown';
  reason: string;
  episode_status: string | null;
  judged_by: 'analysis' | 'rules' | null;
  analyzer_version: string | null;
  findings: Finding[];
};

/** One verdict for many: any `fail` fails; else any `unknown` is unknown; else pass. */
export function overall(verdicts: readonly { verdict: CandidateVerdict['verdict'] }[]): CandidateVerdict['verdict'] {
  if (verdicts.some((v) => v.verdict === 'fail')) return 'fail';
  if (verdicts.length === 0 || verdicts.some((v) => v.verdict === 'unknown')) return 'unknown';
  return 'pass';
}

const codesOf = (findings: readonly Finding[]) =>
  findings
    .map((f) => f.code)
    .filter((c) => (GATE_CODES as readonly string[]).includes(c))
    .sort()
    .join(',');

/** Judges one candidate from what is stored (see the module comment for the order of the checks). */
async function judge(
  store: Store,
  org: string,
  id: string,
  episode: EpisodeRecord | undefined,
  evals: EvalResultRecord[],
  verifications: VerificationResultRecord[],
  rewardTolerance: number,
): Promise<CandidateVerdict> {
  const unknown = (reason: string, status: string | null = episode?.status ?? null): CandidateVerdict => ({
    candidate_episode_id: id,
    verdict: 'unknown',
    reason,
    episode_status: status,
    judged_by: null,
    analyzer_version: null,
    findings: [],
  });
  if (!episode) return unknown(`episode ${id} not received`, null);
  if (episode.status === 'running') return unknown(`episode ${id} is still running (not finalized)`);
  const evalRun = episode.metadata?.eval_run_id;
  if (
    episode.source === 'replay' &&
    typeof evalRun === 'string' &&
    evalRun &&
    !evals.some((e) => e.eval_run_id === evalRun && e.candidate_episode_id === id)
  ) {
    return unknown(`the eval result of run ${evalRun} for episode ${id} is not stored yet`);
  }
  const ctx = {
    episode,
    successfulDurations: [],
    evalResults: evals,
    verificationResults: verifications,
    config: { rewardTolerance },
  };
  const ruled = GATE_RULES.map((r) => r.run(ctx, [])).filter((f): f is Finding => f !== null);
  let findings: Finding[];
  let judgedBy: 'analysis' | 'rules';
  let version: string | null = null;
  if (episode.status === 'failed') {
    const stored = await store.getAnalysis(org, 'episode', id);
    if (!stored) return unknown(`episode ${id} failed and is not analyzed yet`);
    findings = stored.analysis.findings.filter((f) => (GATE_CODES as readonly string[]).includes(f.code));
    if (codesOf(findings) !== codesOf(ruled)) {
      return unknown(
        `episode ${id}: a re-analysis is pending (its analysis has [${codesOf(findings)}], its stored eval and verification results give [${codesOf(ruled)}])`,
      );
    }
    judgedBy = 'analysis';
    version = stored.analysis.analyzer_version;
  } else {
    findings = ruled;
    judgedBy = 'rules';
  }
  return {
    candidate_episode_id: id,
    verdict: findings.length ? 'fail' : 'pass',
    reason: findings.length
      ? `blocked by ${findings.map((f) => f.code).join(', ')}`
      : `no ${GATE_CODES.join(' or ')} finding (episode ${episode.status})`,
    episode_status: episode.status,
    judged_by: judgedBy,
    analyzer_version: version,
    findings,
  };
}

/** Judges candidates of one org, reading their episodes and results in one query each. */
async function judgeAll(store: Store, org: string, ids: string[], rewardTolerance: number): Promise<CandidateVerdict[]> {
  const pairs = ids.map((episode) => ({ org, episode }));
  const [episodes, evals, verifications] = await Promise.all([
    store.episodes(pairs),
    store.evalResultsFor(pairs),
    store.verificationResultsFor(pairs),
  ]);
  const out: CandidateVerdict[] = [];
  for (const id of ids) {
    out.push(
      await judge(
        store,
        org,
        id,
        episodes.find((e) => e.episode_id === id),
        evals.filter((e) => e.candidate_episode_id === id),
        verifications.filter((v) => v.candidate_episode_id === id),
        rewardTolerance,
      ),
    );
  }
  return out;
}

export async function verifyRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store } = opts;
  const rewardTolerance = opts.rules?.rewardTolerance ?? DEFAULT_RULE_CONFIG.rewardTolerance;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();

  typed.get(
    '/api/verify/episodes/:id',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['read'],
        summary: "The deploy gate's verdict on one candidate episode (pass, fail with the blocking findings, or unknown and why)",
        response: { 200: Candidate },
      },
    },
    async (request) => {
      const org = oneOrg(request.require('read'), request.query.org);
      const [verdict] = await judgeAll(store, org, [request.params.id], rewardTolerance);
      // A candidate nobody sent: 404, as for any missing subject (and another org's).
      if (!verdict || verdict.episode_status === null) throw notFound(`episode ${request.params.id}`);
      return verdict;
    },
  );

  typed.get(
    '/api/verify/eval-runs/:id',
    {
      schema: {
        params: Id,
        querystring: OrgQuery,
        tags: ['read'],
        summary: "The deploy gate's verdict on every candidate of an eval run (one fail fails the run)",
        response: { 200: EvalRunAnswer },
      },
    },
    async (request) => {
      const org = oneOrg(request.require('read'), request.query.org);
      // Candidates of the run, from its stored eval results.
      const found = await store.evalRunCandidates(org, request.params.id, EVAL_RUN_MAX_CANDIDATES + 1);
      if (found.length === 0) throw notFound(`eval run ${request.params.id}`);
      const ids = found.slice(0, EVAL_RUN_MAX_CANDIDATES);
      const candidates = await judgeAll(store, org, ids, rewardTolerance);
      return {
        eval_run_id: request.params.id,
        verdict: overall(candidates),
        candidates,
        truncated: found.length > EVAL_RUN_MAX_CANDIDATES,
      };
    },
  );
}
