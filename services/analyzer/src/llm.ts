/**
 * The LLM layer in the pipeline (the seeds "Failure Pattern Extraction" and "Log Analysis"):
 * after the pattern library, each trace and log pattern may be refined by a model — never
 * worse: whenever the model is slow, down or wrong, the heuristic result stands and is
 * stored with the reason. One call per pattern: answers are cached in the store by
 * fingerprint, analyzer version, provider and model, so a fleet repeating one failure costs
 * one call; a batch holding the same failure many times makes one call for all of them.
 */

import { createHash } from 'node:crypto';
import type { LlmConfig } from '@faultline/config';
import {
  ANALYZER_VERSION,
  type Analysis,
  cut,
  Deadline,
  type FailurePattern,
  type Finding,
  finding,
  type LogRecord,
  llmInputOf,
  rankFindings,
  type TraceRecord,
  validateAnalysis,
} from '@faultline/core';
import { type ExtractAnswer, type ExtractOutcome, LlmClient, type LlmObserver, mergePattern } from '@faultline/llm';
import type { LlmCacheRow, Store } from '@faultline/store';

export interface RefineItem {
  analysis: Analysis;
  record: TraceRecord | LogRecord;
  /** What is left of the record's budget for the model. */
  remainingMs: number;
}

export interface RefineOutcome {
  analysis: Analysis;
  /** Set when the model's answer was not used: recorded as an analysis error (the heuristic result is stored). */
  error?: { kind: 'llm_failed' | 'llm_invalid'; reason: string };
}

export interface RefinerObserver extends LlmObserver {
  cacheHit?(n: number): void;
}

/** The code of a finding the model wrote (codes never change meaning: this one always means "LLM-extracted pattern"). */
export const LLM_FINDING_CODE = 'llm.pattern';

const INVALID = new Set(['invalid_json', 'schema_invalid', 'off_vocabulary']);

export class LlmRefiner {
  private readonly client: LlmClient;

  constructor(
    private readonly store: Store,
    private readonly config: LlmConfig,
    private readonly observer?: RefinerObserver,
  ) {
    this.client = new LlmClient({
      provider: config.provider,
      model: config.model,
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      pricing: { inputPerMTok: config.priceInPerMTok, outputPerMTok: config.priceOutPerMTok },
      ...(observer ? { observer } : {}),
    });
  }

  cacheKey(fingerprint: string): string {
    return createHash('sha256')
      .update(`${fingerprint}\u0000${ANALYZER_VERSION}\u0000${this.config.provider}\u0000${this.config.model}`)
      .digest('hex')
      .slice(0, 32);
  }

  async refine(items: RefineItem[]): Promise<RefineOutcome[]> {
    const out: RefineOutcome[] = items.map((i) => ({ analysis: i.analysis }));
    // A pattern the rules answered at or above FAULTLINE_LLM_REFINE_BELOW keeps the rules' answer
    // without a call (no `llm` field); unset, every pattern goes to the model.
    const below = this.config.refineBelow;
    const eligible = items
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item.analysis.pattern && (below === undefined || item.analysis.pattern.confidence < below));
    if (eligible.length === 0) return out;
    const keys = eligible.map(({ item }) => this.cacheKey(item.analysis.fingerprint));
    const cached = await this.store.llmCacheGet(keys);
    if (cached.size) this.observer?.cacheHit?.(keys.filter((k) => cached.has(k)).length);

    // Group the misses by pattern: one call per distinct pattern in the batch.
    const groups = new Map<string, { item: RefineItem; index: number }[]>();
    eligible.forEach((e, i) => {
      const key = keys[i] as string;
      const hit = cached.get(key);
      if (hit) {
        const answer = hit.answer as unknown as ExtractAnswer & { narrative?: string };
        out[e.index] = this.apply(
          e.item,
          { ok: true, answer, usage: { input_tokens: 0, output_tokens: 0 }, attempts: 0, latencyMs: 0, costUsd: 0 },
          'cached',
        );
        if (answer.narrative && this.config.narrative) withNarrative(out[e.index] as RefineOutcome, answer.narrative);
        return;
      }
      groups.set(key, [...(groups.get(key) ?? []), e]);
    });

    const toCache: LlmCacheRow[] = [];
    const queue = [...groups];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, members] = next;
        const first = members[0] as { item: RefineItem; index: number };
        const budget = Math.max(0, Math.min(...members.map((m) => m.item.remainingMs)));
        const started = Date.now();
        const outcome = await this.callModel(first.item, budget);
        for (const m of members) out[m.index] = this.apply(m.item, outcome, 'answered');
        const applied = out[first.index] as RefineOutcome;
        if (outcome.ok && !applied.error && this.config.narrative) {
          const narrative = await this.narrate(first.item, applied.analysis, budget - (Date.now() - started));
          if (narrative) {
            (outcome.answer as ExtractAnswer & { narrative?: string }).narrative = narrative;
            for (const m of members) withNarrative(out[m.index] as RefineOutcome, narrative);
          }
        }
        if (outcome.ok && !applied.error) {
          toCache.push({
            cache_key: key,
            fingerprint: first.item.analysis.fingerprint,
            analyzer_version: ANALYZER_VERSION,
            provider: this.config.provider,
            model: this.config.model,
            answer: outcome.answer as unknown as Record<string, unknown>,
            input_tokens: outcome.usage.input_tokens,
            output_tokens: outcome.usage.output_tokens,
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency, queue.length) }, worker));
    if (toCache.length) await this.store.llmCachePut(toCache);
    return out;
  }

  private async callModel(item: RefineItem, budgetMs: number): Promise<ExtractOutcome> {
    const deadline = new Deadline(Math.max(1, budgetMs));
    const input = llmInputOf(item.record);
    return this.client.extract({ ...input, heuristic: item.analysis.pattern as FailurePattern }, deadline);
  }

  /** The optional narrative paragraph (off by default); a failure leaves the analysis without one. */
  private async narrate(item: RefineItem, analysis: Analysis, budgetMs: number): Promise<string | undefined> {
    if (budgetMs < 50) return undefined;
    const findings = analysis.findings.slice(0, 5).map((f) => ({
      title: f.title,
      category: f.category,
      contributing_factor: f.contributing_factor,
      severity: f.severity,
      confidence: f.confidence,
      description: f.description,
    }));
    const outcome = await this.client.narrative(
      { ...llmInputOf(item.record), heuristic: analysis.pattern as FailurePattern },
      findings,
      new Deadline(budgetMs),
    );
    return outcome.ok ? outcome.text : undefined;
  }

  /** The analysis with the model's pattern (or the heuristic one and the reason), validated again before it may be stored. */
  private apply(item: RefineItem, outcome: ExtractOutcome, how: 'answered' | 'cached'): RefineOutcome {
    const a = item.analysis;
    const heuristic = a.pattern as FailurePattern;
    const merged = mergePattern(heuristic, outcome, this.config.model);
    const note = { provider: this.config.provider, model: this.config.model };
    if (merged.source === 'heuristic') {
      const reason = cut(`${merged.reason}: ${merged.detail ?? ''}`, 500);
      return {
        analysis: { ...a, llm: { status: 'fallback', ...note, reason } },
        error: {
          kind: INVALID.has(merged.reason ?? '') ? 'llm_invalid' : 'llm_failed',
          reason: `LLM answer not used (${reason})`,
        },
      };
    }
    const p = merged.pattern;
    const primary: Finding = finding({
      code: LLM_FINDING_CODE,
      title: p.title,
      description: p.root_cause_hypothesis,
      category: p.category,
      contributing_factor: p.contributing_factor,
      severity: p.severity,
      confidence: p.confidence,
      evidence: {
        ...((a.findings[0]?.evidence as Record<string, unknown>) ?? {}),
        rationale: p.confidence_rationale,
        heuristic: `${heuristic.category}/${heuristic.contributing_factor} at ${heuristic.confidence}`,
      },
      suggested_action: p.suggested_fix,
    });
    // The model's reading leads (the first finding is the pattern); the pattern library's
    // reading stays as an alternative when it disagrees, never ranked above the model's.
    const [heuristicPrimary, ...rest] = a.findings;
    const agrees = heuristicPrimary?.category === p.category && heuristicPrimary?.contributing_factor === p.contributing_factor;
    const alternatives = [
      ...(heuristicPrimary && !agrees
        ? [finding({ ...heuristicPrimary, confidence: Math.min(heuristicPrimary.confidence, Math.max(0, p.confidence - 0.01)) })]
        : []),
      ...rest.map((f) => (f.confidence >= p.confidence ? finding({ ...f, confidence: Math.max(0, p.confidence - 0.01) }) : f)),
    ];
    const refined: Analysis = {
      ...a,
      pattern: p,
      source: 'llm',
      findings: [primary, ...rankFindings(alternatives)].slice(0, 50),
      llm: { status: how, ...note },
    };
    const valid = validateAnalysis(refined);
    if (!valid.ok) {
      const reason = cut(`schema_invalid: the merged analysis failed validation: ${valid.reason}`, 500);
      return {
        analysis: { ...a, llm: { status: 'fallback', ...note, reason } },
        error: { kind: 'llm_invalid', reason: `LLM answer not used (${reason})` },
      };
    }
    return { analysis: refined };
  }
}

function withNarrative(o: RefineOutcome, narrative: string): void {
  if (o.error || !o.analysis.llm) return;
  o.analysis = { ...o.analysis, llm: { ...o.analysis.llm, narrative: cut(narrative, 1200) } };
}
