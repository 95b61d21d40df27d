/**
 * Fleet insight: `GET /api/insights/dimensions`, what the selected failures have in common.
 *
 * For every dimension (an episode's tags, a trace's OTel attributes: core tags.ts), the share of
 * each value among the selected failures (of a kind, narrowed by category, contributing factor
 * and/or fingerprint) against its share among all runs of that kind in the same range, successes
 * included; values ranked by lift (the ratio of the two shares), with their counts, a significance
 * test and a plain sentence. Computed by ClickHouse in one query (store tables/dims.ts).
 *
 * Invariants:
 * - One org per call (an org key's own; a platform key names one, or `*` for every org, the one
 *   explicit cross-org read); another org's runs are never counted.
 * - The significance measure is stated in every answer (`test`): a two-proportion z-test of the
 *   value's share among the selected failures against its share among the other runs that carry
 *   the dimension, two-sided, Bonferroni-adjusted over every value tested; a value is tested only
 *   with at least `min_support` selected failures, and is `significant` when over-represented
 *   (lift > 1) with an adjusted p below 0.05.
 * - The range is read in whole hours (`from` rounded down, `to` rounded up); the answer says so.
 * - Shares of a dimension count only the runs that carry it (a fleet that tags half its runs with
 *   `firmware` is compared on that half).
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ORG_MAX_CHARS } from '@faultline/core';
import { actingOrg, HttpError } from '@faultline/platform';
import type { DimensionValue } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ApiOptions } from './common.js';

/** The family-wise error rate of the test. */
export const INSIGHT_ALPHA = 0.05;
export const DEFAULT_MIN_SUPPORT = 5;

export const INSIGHT_TEST =
  'two-proportion z-test (two-sided) of the value among the selected failures against the other runs carrying the dimension; ' +
  `Bonferroni-adjusted over the values tested; tested with at least min_support selected failures; significant: lift > 1 and adjusted p < ${INSIGHT_ALPHA}`;

const Num = Type.Number();
const NullableNum = Type.Union([Type.Number(), Type.Null()]);

const ValueSchema = Type.Object({
  key: Type.String({ description: 'the dimension (tag key)' }),
  value: Type.String(),
  selected: Type.Integer({ description: 'selected failures with this value' }),
  selected_with_key: Type.Integer({ description: 'selected failures carrying this dimension' }),
  runs: Type.Integer({ description: 'all runs of the kind in the range with this value (successes included)' }),
  runs_with_key: Type.Integer({ description: 'all runs of the kind in the range carrying this dimension' }),
  selected_share: Num,
  baseline_share: Num,
  lift: Type.Number({ description: 'selected_share / baseline_share' }),
  z: NullableNum,
  p_value: NullableNum,
  p_adjusted: Type.Union([Type.Number(), Type.Null()], { description: 'Bonferroni: p_value × tested, at most 1' }),
  significant: Type.Boolean(),
  sentence: Type.String(),
});

const InsightResponse = Type.Object({
  kind: Type.String(),
  selection: Type.Object({
    category: Type.Union([Type.String(), Type.Null()]),
    contributing_factor: Type.Union([Type.String(), Type.Null()]),
    fingerprint: Type.Union([Type.String(), Type.Null()]),
  }),
  from: Type.String({ description: 'the first whole hour read' }),
  to: Type.String({ description: 'the end of the last whole hour read' }),
  selected: Type.Integer({ description: 'selected failures in the range' }),
  runs: Type.Integer({ description: 'runs of the kind in the range, successes included' }),
  min_support: Type.Integer(),
  tested: Type.Integer({ description: 'values tested (with at least min_support selected failures)' }),
  test: Type.String({ description: 'the significance measure, in words' }),
  summary: Type.String({ description: 'the answer in one sentence' }),
  dimensions: Type.Array(
    Type.Object({
      key: Type.String(),
      values: Type.Integer({ description: 'values seen among the selected failures' }),
      selected_with_key: Type.Integer(),
      runs_with_key: Type.Integer(),
      significant_values: Type.Integer(),
      top_value: Type.Union([Type.String(), Type.Null()]),
      top_lift: NullableNum,
    }),
  ),
  values: Type.Array(ValueSchema, { description: 'ranked by lift, the most over-represented first' }),
});

/** A share as a person reads it: whole percents, one decimal under 10%. */
export function percent(share: number): string {
  const p = share * 100;
  if (p > 0 && p < 10) return `${Number(p.toFixed(1))}%`;
  return `${Math.round(p)}%`;
}

/** "62% of battery_low failures are on firmware 2.3.1, which runs 9% of episodes". */
export function sentence(v: DimensionValue, selection: string, kind: string): string {
  return `${percent(v.selected_share)} of ${selection} are on ${v.key} ${v.value}, which runs ${percent(v.baseline_share)} of ${kind}s`;
}

export async function insightRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { store } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    '/api/insights/dimensions',
    {
      schema: {
        tags: ['read'],
        summary: 'What the selected failures have in common: every dimension value ranked by lift against all runs',
        description: `Selected failures: of \`kind\` (default episode), narrowed by category, contributing factor and/or fingerprint. The baseline: all runs of that kind in the range, successes included (traces: the stored, failed ones; successful traces are not ingested). Significance: ${INSIGHT_TEST}. The window defaults to the 7 days before now + 1 min, read in whole hours.`,
        querystring: Type.Object({
          kind: Type.Optional(Type.Union([Type.Literal('episode'), Type.Literal('trace')])),
          category: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          factor: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          fingerprint: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          from: Type.Optional(Type.String({ format: 'date-time' })),
          to: Type.Optional(Type.String({ format: 'date-time' })),
          min_support: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })),
        }),
        response: { 200: InsightResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const scope = actingOrg(request.require('read'), q.org, { every: true });
      const to = q.to ?? new Date(Date.now() + 60_000).toISOString();
      const from = q.from ?? new Date(Date.parse(to) - 7 * 86_400_000).toISOString();
      if (Date.parse(from) >= Date.parse(to)) throw new HttpError(400, 'bad_request', 'from: must be before to');
      const kind = q.kind ?? 'episode';
      const minSupport = q.min_support ?? DEFAULT_MIN_SUPPORT;
      const insight = await store.dimensionInsight({
        org: scope,
        kind,
        category: q.category,
        factor: q.factor,
        fingerprint: q.fingerprint,
        from,
        to,
        minSupport,
        alpha: INSIGHT_ALPHA,
        limit: q.limit ?? 50,
      });
      const named = q.factor ?? q.category;
      const selection = q.fingerprint
        ? `${named ? `${named} ` : ''}failures with fingerprint ${q.fingerprint}`
        : named
          ? `${named} failures`
          : 'failures';
      const values = insight.values.map((v) => ({ ...v, sentence: sentence(v, selection, kind) }));
      const top = values.find((v) => v.significant);
      const summary = top
        ? top.sentence
        : insight.selected === 0
          ? `No ${selection} in this range.`
          : `No dimension value is significantly over-represented among the ${insight.selected} ${selection} (at least ${minSupport} needed to test a value).`;
      return {
        kind,
        selection: { category: q.category ?? null, contributing_factor: q.factor ?? null, fingerprint: q.fingerprint ?? null },
        from: insight.from,
        to: insight.to,
        selected: insight.selected,
        runs: insight.runs,
        min_support: minSupport,
        tested: insight.tested,
        test: INSIGHT_TEST,
        summary,
        dimensions: insight.dimensions,
        values,
      };
    },
  );
}
