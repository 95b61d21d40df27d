/**
 * `faultline verify check`: the deploy gate. Asks the read API (`GET /api/verify/episodes/:id`,
 * `GET /api/verify/eval-runs/:id`) for the verdict on candidate episodes or on every candidate of
 * an eval run, and exits:
 *   0  every candidate passes (no `replay_regression` or `verification_failed` finding),
 *   1  at least one is blocked (its blocking findings are printed),
 *   2  it cannot tell: not analyzed yet, a re-analysis pending, not found, no access, the service
 *      unreachable, or a usage error.
 * Invariants: a blocked candidate always wins over an unknown one (1 before 2); the gate never
 * answers 0 unless every candidate it was asked about was judged `pass`; `--wait SECONDS` polls
 * while some verdict is unknown for a reason that can change (never for 401/403), then answers
 * with what it has. Every request has a timeout.
 */
import { parseArgs } from 'node:util';

export const EXIT_PASS = 0;
export const EXIT_BLOCKED = 1;
export const EXIT_UNKNOWN = 2;

export const VERIFY_USAGE = `usage:
  faultline verify check (--candidate EPISODE_ID ... | --eval-run ID) [--url URL] [--api-key KEY] [--org ORG]
                         [--wait SECONDS] [--json] [--timeout-ms N]
      The deploy gate: exit 0 when no candidate has a replay_regression or verification_failed
      finding, 1 when one has (printing the findings), 2 when it cannot tell (not analyzed yet,
      not found, no access). --url/--api-key default to FAULTLINE_URL/FAULTLINE_API_KEY.`;

type Verdict = 'pass' | 'fail' | 'unknown';

interface GateFinding {
  code: string;
  title?: string;
  severity?: string;
  confidence?: number;
  suggested_action?: string;
  evidence?: unknown;
}

/** One candidate's verdict, as the API answers it or as the gate concludes when the API cannot. */
export interface CandidateResult {
  candidate_episode_id: string;
  verdict: Verdict;
  reason: string;
  findings: GateFinding[];
}

/** What one asked-for target (a candidate or an eval run) came to. */
export interface TargetResult {
  target: { candidate: string } | { eval_run: string };
  /** HTTP status, or null when the service could not be reached. */
  http_status: number | null;
  verdict: Verdict;
  reason: string;
  candidates: CandidateResult[];
  /** False when waiting cannot change the answer (no access, refused request). */
  retryable: boolean;
}

export interface GateOptions {
  url: string;
  apiKey: string;
  org?: string;
  candidates: string[];
  evalRun?: string;
  waitSeconds: number;
  timeoutMs: number;
  /** Print the report as one JSON object. */
  json: boolean;
}

export interface GateReport {
  verdict: Verdict;
  exit_code: number;
  targets: TargetResult[];
}

const parseVerifyArgs = (args: string[]) =>
  parseArgs({
    args,
    options: {
      candidate: { type: 'string', multiple: true },
      'eval-run': { type: 'string' },
      url: { type: 'string' },
      'api-key': { type: 'string' },
      org: { type: 'string' },
      wait: { type: 'string' },
      json: { type: 'boolean', default: false },
      'timeout-ms': { type: 'string' },
    },
  });

/** Parses the command line into options, or returns the usage error to print (exit 2). */
export function parseGateArgs(argv: string[], env: NodeJS.ProcessEnv): GateOptions | { error: string } {
  const [sub, ...args] = argv;
  if (sub !== 'check') return { error: `faultline verify: expected "check", got ${JSON.stringify(sub ?? '')}` };
  let values: ReturnType<typeof parseVerifyArgs>['values'];
  try {
    values = parseVerifyArgs(args).values;
  } catch (err) {
    return { error: `faultline verify check: ${err instanceof Error ? err.message : String(err)}` };
  }
  const candidates = values.candidate ?? [];
  const evalRun = values['eval-run'];
  if ((candidates.length === 0) === (evalRun === undefined))
    return { error: 'faultline verify check: give --candidate EPISODE_ID (one or more) or --eval-run ID, not both' };
  if ([...candidates, evalRun ?? 'x'].some((id) => id === '')) return { error: 'faultline verify check: an empty id was given' };
  const url = values.url ?? env.FAULTLINE_URL;
  if (!url) return { error: 'faultline verify check: no service: pass --url or set FAULTLINE_URL' };
  try {
    new URL(url);
  } catch {
    return { error: `faultline verify check: --url/FAULTLINE_URL is not a URL: ${JSON.stringify(url)}` };
  }
  const apiKey = values['api-key'] ?? env.FAULTLINE_API_KEY;
  if (!apiKey) return { error: 'faultline verify check: no API key: pass --api-key or set FAULTLINE_API_KEY' };
  const waitSeconds = values.wait === undefined ? 0 : Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0)
    return { error: `faultline verify check: --wait: must be a number of seconds ≥ 0, got ${JSON.stringify(values.wait)}` };
  const timeoutMs = values['timeout-ms'] === undefined ? 10_000 : Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    return {
      error: `faultline verify check: --timeout-ms: must be a positive integer, got ${JSON.stringify(values['timeout-ms'])}`,
    };
  return {
    url: url.replace(/\/+$/, ''),
    apiKey,
    ...(values.org ? { org: values.org } : {}),
    candidates,
    ...(evalRun !== undefined ? { evalRun } : {}),
    waitSeconds,
    timeoutMs,
    json: values.json ?? false,
  };
}

/** Asks the API once about one target. Never throws: an unreachable service is an unknown verdict. */
async function ask(opts: GateOptions, target: TargetResult['target']): Promise<TargetResult> {
  const [path, id] = 'candidate' in target ? ['episodes', target.candidate] : ['eval-runs', target.eval_run];
  const query = opts.org ? `?org=${encodeURIComponent(opts.org)}` : '';
  const url = `${opts.url}/api/verify/${path}/${encodeURIComponent(id)}${query}`;
  const unknown = (http_status: number | null, reason: string, retryable: boolean): TargetResult => ({
    target,
    http_status,
    verdict: 'unknown',
    reason,
    candidates: 'candidate' in target ? [{ candidate_episode_id: id, verdict: 'unknown', reason, findings: [] }] : [],
    retryable,
  });
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(url, {
      headers: { authorization: `Bearer ${opts.apiKey}`, accept: 'application/json' },
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    body = await res.json().catch(() => null);
  } catch (err) {
    const why = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs} ms` : String(err);
    return unknown(null, `service ${opts.url} unreachable: ${why}`, true);
  }
  const message = (body as { message?: unknown } | null)?.message;
  const said = typeof message === 'string' ? `: ${message}` : '';
  const what = 'candidate' in target ? `episode ${id}` : `eval run ${id}`;
  if (res.status === 404) return unknown(404, `${what} not found (or not in this key's org)`, true);
  if (res.status === 401 || res.status === 403) return unknown(res.status, `no access (HTTP ${res.status}${said})`, false);
  if (res.status !== 200 || body === null || typeof body !== 'object')
    return unknown(res.status, `unexpected answer HTTP ${res.status}${said}`, res.status >= 500 || res.status === 429);
  if ('candidate' in target) {
    const c = body as CandidateResult;
    return { target, http_status: 200, verdict: c.verdict, reason: c.reason, candidates: [c], retryable: true };
  }
  const run = body as { verdict: Verdict; candidates: CandidateResult[]; truncated?: boolean };
  const blocked = run.candidates.filter((c) => c.verdict === 'fail').length;
  const unknowns = run.candidates.filter((c) => c.verdict === 'unknown').length;
  const reason = `${run.candidates.length} candidate(s): ${blocked} blocked, ${unknowns} unknown${run.truncated ? ' (truncated: only the first were judged)' : ''}`;
  return { target, http_status: 200, verdict: run.verdict, reason, candidates: run.candidates, retryable: true };
}

/** One verdict for all targets: a block wins, then unknown, then pass. */
function combine(targets: readonly TargetResult[]): Verdict {
  if (targets.some((t) => t.verdict === 'fail')) return 'fail';
  if (targets.some((t) => t.verdict === 'unknown')) return 'unknown';
  return 'pass';
}

export const exitCodeOf = (v: Verdict): number => (v === 'pass' ? EXIT_PASS : v === 'fail' ? EXIT_BLOCKED : EXIT_UNKNOWN);

/** Asks about every target, polling while an unknown may still change and the wait allows. */
export async function runGate(
  opts: GateOptions,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<GateReport> {
  const targets: TargetResult['target'][] =
    opts.evalRun !== undefined ? [{ eval_run: opts.evalRun }] : opts.candidates.map((candidate) => ({ candidate }));
  const deadline = Date.now() + opts.waitSeconds * 1000;
  for (;;) {
    const results = await Promise.all(targets.map((t) => ask(opts, t)));
    const verdict = combine(results);
    const canChange = verdict === 'unknown' && results.every((r) => r.verdict !== 'unknown' || r.retryable);
    if (!canChange || Date.now() >= deadline) return { verdict, exit_code: exitCodeOf(verdict), targets: results };
    await sleep(Math.min(1000, Math.max(0, deadline - Date.now())));
  }
}

/** The report for people: one line per candidate, the blocking findings under it, a last line. */
export function renderGate(report: GateReport): string {
  const lines: string[] = [];
  for (const t of report.targets) {
    if ('eval_run' in t.target) lines.push(`eval run ${t.target.eval_run}: ${t.verdict.toUpperCase()} — ${t.reason}`);
    if ('eval_run' in t.target && t.candidates.length === 0) continue;
    for (const c of t.candidates) {
      lines.push(`${'eval_run' in t.target ? '  ' : ''}${c.verdict.toUpperCase()} ${c.candidate_episode_id}: ${c.reason}`);
      for (const f of c.findings) {
        const conf = typeof f.confidence === 'number' ? `, confidence ${f.confidence}` : '';
        lines.push(`    - ${f.code} (${f.severity ?? '?'}${conf}): ${f.title ?? ''}`);
        if (f.evidence !== undefined) lines.push(`      evidence: ${JSON.stringify(f.evidence)}`);
        if (f.suggested_action) lines.push(`      next step: ${f.suggested_action}`);
      }
    }
  }
  const said = { pass: 'pass: no blocking finding', fail: 'blocked', unknown: 'cannot tell yet' }[report.verdict];
  lines.push(`verify check: ${said} (exit ${report.exit_code})`);
  return `${lines.join('\n')}\n`;
}

/** `faultline verify …`: returns the exit code. */
export async function verifyMain(argv: string[]): Promise<number> {
  const opts = parseGateArgs(argv, process.env);
  if ('error' in opts) {
    process.stderr.write(`${opts.error}\n${VERIFY_USAGE}\n`);
    return EXIT_UNKNOWN;
  }
  const report = await runGate(opts);
  process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : renderGate(report));
  return report.exit_code;
}
