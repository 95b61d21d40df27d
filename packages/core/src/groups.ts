/**
 * The status of a failure group (a fingerprint within an org) in a time window, from facts the
 * store counts: failures in the window and before it, first and last seen, and a person's mark.
 * Pure: the same facts and settings give the same status.
 *
 * Precedence, first that holds:
 * - `ignored`   a person marked it ignored;
 * - `regressed` a person marked it resolved and a failure occurred after the mark;
 * - `resolved`  marked resolved and not seen since, or not seen for `resolveAfterMs` before `now`;
 * - `regressed` also when it came back inside the window after a silence of `resolveAfterMs` or
 *               more (it had been resolved by time);
 * - `new`       first seen inside the window;
 * - `growing`   the window's count is well above the group's own earlier rate (`isGrowing`);
 * - `ongoing`   otherwise.
 * A mark `open` clears an earlier mark (the group is judged by its failures again).
 */

export const GROUP_STATUSES = ['new', 'growing', 'ongoing', 'resolved', 'regressed', 'ignored'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
export const GROUP_MARKS = ['resolved', 'ignored', 'open'] as const;
export type GroupMark = (typeof GROUP_MARKS)[number];

/** One-sided significance of the growth test: P(X ≥ k) under the earlier rate must be below it. */
export const GROWING_P_VALUE = 0.001;

export interface GroupFacts {
  /** Failures inside [from, to). */
  inRange: number;
  /** Failures before `from` (within the rollups' lifetime). */
  before: number;
  /** Epoch ms of the group's first and last failure. */
  firstSeen: number;
  lastSeen: number;
  /** A person's mark (the newest), if any. */
  mark?: { status: GroupMark; at: number } | undefined;
  /** A failure inside the window came after a silence of at least `resolveAfterMs` (the store reads it from the hourly counts). */
  cameBack?: boolean;
}

export interface GroupStatusSettings {
  from: number;
  to: number;
  now: number;
  /** Not seen for this long before `now`: resolved (FAULTLINE_GROUP_RESOLVE_AFTER). */
  resolveAfterMs: number;
  /** Fewest failures in the window for `growing` (FAULTLINE_GROUP_GROWING_MIN). */
  growingMin: number;
}

const HOUR_MS = 3_600_000;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(X ≥ k) for X ~ Poisson(mu): the terms from k upward, each from the one before, until they no
 * longer change the sum. For k ≤ mu the tail is at least about one half; it is summed the same way.
 */
export function poissonUpperTail(k: number, mu: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  let term = Math.exp(k * Math.log(mu) - mu - logGamma(k + 1));
  let sum = 0;
  for (let j = k; j < k + 1_000_000; j++) {
    sum += term;
    term *= mu / (j + 1);
    if (j > mu && term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

/**
 * The growth test: the group's earlier rate is its failures before the window over the time from
 * its first failure's hour to the window's start (at least one hour); under that rate the window
 * expects mu = rate × window length. Growing when the window holds at least `growingMin` failures
 * and P(X ≥ inRange | Poisson(mu)) < GROWING_P_VALUE.
 */
export function growthTest(facts: GroupFacts, s: Pick<GroupStatusSettings, 'from' | 'to' | 'growingMin'>) {
  const baseline = Math.max(HOUR_MS, s.from - Math.floor(facts.firstSeen / HOUR_MS) * HOUR_MS);
  const expected = (facts.before / baseline) * (s.to - s.from);
  const p = poissonUpperTail(facts.inRange, expected);
  return { expected, p, growing: facts.inRange >= s.growingMin && p < GROWING_P_VALUE };
}

/** The status of a group (see the module comment for the precedence). */
export function groupStatus(facts: GroupFacts, s: GroupStatusSettings): GroupStatus {
  if (facts.mark?.status === 'ignored') return 'ignored';
  if (facts.mark?.status === 'resolved') return facts.lastSeen > facts.mark.at ? 'regressed' : 'resolved';
  if (s.now - facts.lastSeen > s.resolveAfterMs) return 'resolved';
  if (facts.cameBack) return 'regressed';
  if (facts.firstSeen >= s.from) return 'new';
  if (growthTest(facts, s).growing) return 'growing';
  return 'ongoing';
}

/** The masked parts of a signature (`type|template`): which values were replaced, and how often. */
export function maskedParts(signature: string): { error_type: string; template: string; masked: Record<string, number> } {
  const bar = signature.indexOf('|');
  const template = bar >= 0 ? signature.slice(bar + 1) : signature;
  const masked: Record<string, number> = {};
  for (const m of template.matchAll(/<(url|email|secret|uuid|ts|ip|path|hex|id|host|dur|n)>/g))
    masked[m[0]] = (masked[m[0]] ?? 0) + 1;
  return { error_type: bar >= 0 ? signature.slice(0, bar) : '', template, masked };
}
