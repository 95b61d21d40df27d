/**
 * The LLM client: one structured extraction (or one narrative paragraph) per call, inside the
 * caller's deadline, with retries for what may pass (429, 5xx, a dropped connection), a
 * circuit breaker for an upstream that is down, and validation of every answer. It never
 * throws for a failed call: the outcome says why, and the caller keeps its heuristic result.
 */
import type { Deadline, FailurePattern } from '@faultline/core';
import { cut, redact } from '@faultline/core';
import { checkAnswer, checkNarrative } from './answer.js';
import { type BreakerState, CircuitBreaker } from './breaker.js';
import {
  ANSWER_NAME,
  answerSchema,
  buildExtractPrompt,
  buildNarrativePrompt,
  type ExtractAnswer,
  type ExtractInput,
  type NarrativeFinding,
} from './prompt.js';
import {
  createProvider,
  type Provider,
  type ProviderName,
  type ProviderOptions,
  type ProviderRequest,
  type ProviderResponse,
  type TokenUsage,
} from './providers/index.js';

export type FailureReason =
  | 'timeout'
  | 'rate_limited'
  | 'upstream_5xx'
  | 'http_4xx'
  | 'connection'
  | 'invalid_json'
  | 'schema_invalid'
  | 'off_vocabulary'
  | 'breaker_open';

export const FAILURE_REASONS: readonly FailureReason[] = [
  'timeout',
  'rate_limited',
  'upstream_5xx',
  'http_4xx',
  'connection',
  'invalid_json',
  'schema_invalid',
  'off_vocabulary',
  'breaker_open',
];

export interface LlmFailure {
  ok: false;
  reason: FailureReason;
  /** A short, redacted account (the provider's message, the field, the wait that did not fit). */
  detail: string;
  /** Requests sent (0 for breaker_open or a deadline already spent). */
  attempts: number;
  latencyMs: number;
  /** Tokens spent anyway (an invalid answer is still billed). */
  usage?: TokenUsage;
  costUsd?: number;
}

export type ExtractOutcome =
  | { ok: true; answer: ExtractAnswer; usage: TokenUsage; attempts: number; latencyMs: number; costUsd: number }
  | LlmFailure;

export type NarrativeOutcome =
  | { ok: true; text: string; usage: TokenUsage; attempts: number; latencyMs: number; costUsd: number }
  | LlmFailure;

export type LlmOperation = 'extract' | 'narrative';

/** Hooks for the service's metrics (calls, latency, errors by reason, tokens, cost); errors thrown here are ignored. */
export interface LlmObserver {
  call(provider: ProviderName, model: string, outcome: ExtractOutcome | NarrativeOutcome, op: LlmOperation): void;
  /** The breaker changed state. */
  breaker?(provider: ProviderName, model: string, state: BreakerState): void;
}

export interface LlmClientOptions {
  provider: ProviderName;
  model: string;
  apiKey?: string;
  /** The provider's endpoint (a local vLLM, Ollama or llama.cpp server for `openai`). */
  baseUrl?: string;
  /** Retries after the first attempt, for 429, 5xx and dropped connections. Default 2. */
  maxRetries?: number;
  /** Consecutive failed calls that open the breaker. Default 5. */
  breakerFailures?: number;
  /** How long an open breaker refuses calls before one trial call. Default 30 s. */
  breakerCoolDownMs?: number;
  /** USD per million tokens, for `costUsd` (0 without it). */
  pricing?: { inputPerMTok: number; outputPerMTok: number };
  observer?: LlmObserver;
  /** Output-token limit of an extraction. Default 2048 (room for thinking models). */
  maxOutputTokens?: number;
  /** Output-token limit of a narrative. Default 512. */
  narrativeMaxOutputTokens?: number;
  /** Sent only when set. */
  temperature?: number;
  /** First backoff step (doubled per retry, with jitter). Default 250 ms. */
  backoffBaseMs?: number;
  /** Longest backoff step. Default 4 s. */
  backoffMaxMs?: number;
  /** openai only: see ProviderOptions.maxTokensField. */
  maxTokensField?: ProviderOptions['maxTokensField'];
  /** An adapter to use instead of the built-in one for `provider`. */
  transport?: Provider;
}

/** A retry needs at least this much of the budget left once its wait is over. */
const MIN_ATTEMPT_MS = 100;

/** Connection errors that another attempt a moment later will not cure: fail at once. */
const FATAL_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_FAIL',
  'EAI_NONAME',
  'ERR_INVALID_URL',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Failures the breaker counts: the upstream is down, slow or shedding load (not an invalid answer, not a 4xx). */
const BREAKER_FAILURES = new Set<FailureReason>(['timeout', 'rate_limited', 'upstream_5xx', 'connection']);

/** Retry-After in milliseconds: delay-seconds or an HTTP date (undefined when absent or unreadable). */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // An HTTP date starts with the day's name ("Tue, 24 Nov 2026 12:00:07 GMT"); "-3" is no date.
  const at = /^[A-Za-z]{3}/.test(v) ? Date.parse(v) : Number.NaN;
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function errorCode(err: unknown, depth = 0): string | undefined {
  if (depth > 4 || err === null || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.code)) return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = errorCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return errorCode(e.cause, depth + 1);
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error && err.cause.message ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

type Transient = { reason: 'rate_limited' | 'upstream_5xx' | 'connection'; detail: string; retryAfterMs?: number };
type Attempt<T> = { ok: true; value: T } | { ok: false; reason: FailureReason; detail: string };
type Refusal = { ok: false; reason: FailureReason; detail: string };
type Success<T> = { ok: true; value: T; usage: TokenUsage; attempts: number; latencyMs: number; costUsd: number };
/** What one request came to: final (an accepted answer, or a failure a retry would not change) or transient. */
type Sent<T> = { final: Attempt<T> } | { transient: Transient };
/** Tokens billed over a call's attempts (an invalid answer is billed too). */
type Spent = { usage: TokenUsage; billed: boolean };

export class LlmClient {
  readonly provider: ProviderName;
  readonly model: string;
  private readonly transport: Provider;
  private readonly breaker: CircuitBreaker;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxOutputTokens: number;
  private readonly narrativeMaxOutputTokens: number;

  constructor(private readonly options: LlmClientOptions) {
    if (!options.model) throw new Error('LlmClient: model is required');
    this.provider = options.provider;
    this.model = options.model;
    this.transport =
      options.transport ??
      createProvider(options.provider, {
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.maxTokensField ? { maxTokensField: options.maxTokensField } : {}),
      });
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries ?? 2));
    this.backoffBaseMs = Math.max(0, options.backoffBaseMs ?? 250);
    this.backoffMaxMs = Math.max(this.backoffBaseMs, options.backoffMaxMs ?? 4_000);
    this.maxOutputTokens = options.maxOutputTokens ?? 2048;
    this.narrativeMaxOutputTokens = options.narrativeMaxOutputTokens ?? 512;
    this.breaker = new CircuitBreaker(options.breakerFailures ?? 5, options.breakerCoolDownMs ?? 30_000, (state) => {
      try {
        options.observer?.breaker?.(this.provider, this.model, state);
      } catch {
        // metrics never break a call
      }
    });
  }

  /** The breaker's state (for health and metrics). */
  breakerState(): BreakerState {
    return this.breaker.state();
  }

  /** Cost in USD of `usage` at the configured prices (0 without pricing). */
  costOf(usage: TokenUsage): number {
    const p = this.options.pricing;
    if (!p) return 0;
    return (usage.input_tokens * p.inputPerMTok + usage.output_tokens * p.outputPerMTok) / 1_000_000;
  }

  /** One structured pattern for the failure, validated against the schema and the taxonomy. */
  async extract(input: ExtractInput, deadline: Deadline): Promise<ExtractOutcome> {
    const prompt = buildExtractPrompt(input);
    const req: ProviderRequest = {
      model: this.model,
      system: prompt.system,
      user: prompt.user,
      schema: answerSchema(),
      schemaName: ANSWER_NAME,
      maxOutputTokens: this.maxOutputTokens,
      ...(this.options.temperature !== undefined ? { temperature: this.options.temperature } : {}),
    };
    const outcome = await this.run<ExtractAnswer>(req, deadline, (res) => {
      const check = checkAnswer(res.text ?? '', res.truncated);
      return check.ok ? { ok: true, value: check.answer } : check;
    });
    const result: ExtractOutcome = outcome.ok
      ? {
          ok: true,
          answer: outcome.value,
          usage: outcome.usage,
          attempts: outcome.attempts,
          latencyMs: outcome.latencyMs,
          costUsd: outcome.costUsd,
        }
      : outcome;
    this.notify(result, 'extract');
    return result;
  }

  /**
   * A short paragraph (≤ 120 words) explaining the failure on top of the structured findings;
   * plain text, validated as non-empty and at most 1,200 characters, redacted.
   */
  async narrative(
    input: Omit<ExtractInput, 'heuristic'> & { heuristic?: FailurePattern },
    findings: readonly NarrativeFinding[],
    deadline: Deadline,
  ): Promise<NarrativeOutcome> {
    const prompt = buildNarrativePrompt(input, findings);
    const req: ProviderRequest = {
      model: this.model,
      system: prompt.system,
      user: prompt.user,
      maxOutputTokens: this.narrativeMaxOutputTokens,
      ...(this.options.temperature !== undefined ? { temperature: this.options.temperature } : {}),
    };
    const outcome = await this.run<string>(req, deadline, (res) => {
      const check = checkNarrative(redact(res.text ?? ''));
      return check.ok ? { ok: true, value: check.text } : check;
    });
    const result: NarrativeOutcome = outcome.ok
      ? {
          ok: true,
          text: outcome.value,
          usage: outcome.usage,
          attempts: outcome.attempts,
          latencyMs: outcome.latencyMs,
          costUsd: outcome.costUsd,
        }
      : outcome;
    this.notify(result, 'narrative');
    return result;
  }

  private notify(outcome: ExtractOutcome | NarrativeOutcome, op: LlmOperation): void {
    try {
      this.options.observer?.call(this.provider, this.model, outcome, op);
    } catch {
      // metrics never break a call
    }
  }

  private backoff(retry: number): number {
    const step = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (retry - 1));
    return Math.round(step / 2 + (Math.random() * step) / 2);
  }

  /** Attempts, retries, the deadline and the breaker around one logical call. */
  private async run<T>(
    req: ProviderRequest,
    deadline: Deadline,
    accept: (res: ProviderResponse) => Attempt<T>,
  ): Promise<Success<T> | LlmFailure> {
    const start = Date.now();
    const spent: Spent = { usage: { input_tokens: 0, output_tokens: 0 }, billed: false };
    let attempts = 0;
    const fail = (reason: FailureReason, detail: string): LlmFailure => ({
      ok: false,
      reason,
      detail,
      attempts,
      latencyMs: Date.now() - start,
      ...(spent.billed ? { usage: { ...spent.usage }, costUsd: this.costOf(spent.usage) } : {}),
    });

    if (!this.breaker.acquire()) {
      return fail(
        'breaker_open',
        `circuit breaker open after repeated upstream failures; next trial call in ${this.breaker.retryInMs()} ms`,
      );
    }

    let outcome: Success<T> | LlmFailure;
    for (;;) {
      const remaining = deadline.remaining();
      if (remaining <= 0) {
        outcome = fail(
          'timeout',
          `the budget of ${deadline.budgetMs} ms ran out${attempts ? ` after ${attempts} attempt(s)` : ' before the call'}`,
        );
        break;
      }
      attempts++;
      const sent = await this.send(req, deadline, { remaining, attempt: attempts, spent }, accept);
      if ('final' in sent) {
        const { final } = sent;
        outcome = final.ok
          ? {
              ok: true,
              value: final.value,
              usage: { ...spent.usage },
              attempts,
              latencyMs: Date.now() - start,
              costUsd: this.costOf(spent.usage),
            }
          : fail(final.reason, final.detail);
        break;
      }
      const next = this.retryWait(sent.transient, attempts, deadline);
      if (!('wait' in next)) {
        outcome = fail(next.reason, next.detail);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, next.wait));
    }

    if (attempts === 0) this.breaker.release();
    else if (!outcome.ok && BREAKER_FAILURES.has(outcome.reason)) this.breaker.failure();
    else this.breaker.success();
    return outcome;
  }

  /** One request within what is left of the budget; the tokens it was billed are added to `spent`. */
  private async send<T>(
    req: ProviderRequest,
    deadline: Deadline,
    at: { remaining: number; attempt: number; spent: Spent },
    accept: (res: ProviderResponse) => Attempt<T>,
  ): Promise<Sent<T>> {
    let res: ProviderResponse;
    try {
      res = await this.transport.call(req, AbortSignal.timeout(Math.max(1, Math.floor(at.remaining))));
    } catch (err) {
      const name = (err as { name?: unknown })?.name;
      if (name === 'TimeoutError' || name === 'AbortError' || deadline.expired()) {
        return refused('timeout', `no answer within the budget of ${deadline.budgetMs} ms (attempt ${at.attempt})`);
      }
      const code = errorCode(err);
      const detail = cut(redact(`${code ? `${code}: ` : ''}${messageOf(err)}`), 300);
      if (code && FATAL_CODES.has(code)) return refused('connection', detail);
      return { transient: { reason: 'connection', detail } };
    }
    if (res.usage) {
      at.spent.billed = true;
      at.spent.usage.input_tokens += res.usage.input_tokens;
      at.spent.usage.output_tokens += res.usage.output_tokens;
    }
    if (res.ok) {
      if (res.text === undefined) return refused('invalid_json', res.error ?? 'the reply holds no answer');
      return { final: accept(res) };
    }
    const detail = res.error ?? `HTTP ${res.status}`;
    const retryAfterMs = parseRetryAfter(res.retryAfter);
    const after = retryAfterMs !== undefined ? { retryAfterMs } : {};
    if (res.status === 429) return { transient: { reason: 'rate_limited', detail, ...after } };
    if (res.status >= 500) return { transient: { reason: 'upstream_5xx', detail, ...after } };
    return refused('http_4xx', detail);
  }

  /** The wait before the next attempt after a transient failure, or why there is none (retries spent, budget too short). */
  private retryWait(t: Transient, attempts: number, deadline: Deadline): { wait: number } | Refusal {
    if (attempts > this.maxRetries) {
      return { ok: false, reason: t.reason, detail: `${t.detail} (gave up after ${attempts} attempt(s))` };
    }
    const wait = t.retryAfterMs ?? this.backoff(attempts);
    const left = deadline.remaining();
    if (wait + MIN_ATTEMPT_MS > left) {
      const why = t.retryAfterMs !== undefined ? `Retry-After asks for ${wait} ms` : `the next retry would wait ${wait} ms`;
      return { ok: false, reason: t.reason, detail: `${t.detail} (${why}, ${left} ms of the budget left)` };
    }
    return { wait };
  }
}

/** A final failure of one attempt (not retried). */
function refused(reason: FailureReason, detail: string): { final: Refusal } {
  return { final: { ok: false, reason, detail } };
}
