/**
 * Calibrated confidence of the rules (issue 13): each answer of the pattern library and the
 * structure tables has a code (a pattern id such as `rt.key_error`, or `parts.<kind>`), and that
 * code's confidence is capped by how often the code was measured right — on the labelled sets it
 * was tuned on (test/accuracy cases/ and the blind sets tuned on since; never the sets still
 * blind), and on its first sight of the blind sets tuned on since: the rules' answers when each
 * such set was first measured, before anything was tuned on it (test/accuracy/first-answers.json).
 * The rules were written from the tuned cases, so their share right there is inflated; the first
 * answers are the only out-of-sample measurement of a code. The hand-set confidence of a pattern
 * says how sure its author was; the cap says how sure the measurement allows. The table is written
 * by `node test/accuracy/calibrate.js` into packages/core/model/pattern-calibration.json; `--check`
 * (run by the accuracy tests) fails when it no longer matches the rules or the first answers.
 *
 * Invariants:
 * - a code answers at 0.8 or more (the confident band: taxonomy.md, ">= 80% right") only when both
 *   (1) the lower bound of a 90% Wilson interval of its share right on the tuned cases is at least
 *   0.8 — about a dozen answers all right, or many answers nearly all right — and (2) the same
 *   bound of its combined share is at least 0.8: its first answers (right / n at first sight) with
 *   each tuned answer counted as TUNED_WEIGHT (a quarter) of one. Its cap is the smaller bound.
 *   So a code right 9 of 15 at first sight is not confident however often it is right on the
 *   cases written from, and a code never answered blind needs 44 tuned answers all right;
 * - otherwise its cap is the smaller of its two shares (tuned; combined) each smoothed towards
 *   DEFAULT_CAP by PRIOR_CASES pseudo-answers, at most DEFAULT_CAP, at least the smaller lower bound:
 *   never confident, and lower the more often it was measured wrong, at first sight or after;
 * - a first answer counts for a code only while the code keeps its meaning: a pattern's first
 *   answer counts when it named the category + factor the pattern names today (a pattern since
 *   moved to another reading starts its first-sight record again; its older answers measured
 *   another rule), a structure table's (`parts.<kind>`) counts always (the code is the table's
 *   reading of that kind of part, whatever row answered). A first answer is counted even when the
 *   code was narrowed since to stop answering that case: narrowing after seeing a case does not
 *   show that the code generalizes; the next blind sets will;
 * - the first answers are those of the blind sets tuned on since (sets.json tuned_on): never a set
 *   never tuned on (held-out set 4, robotics-14, agent-8, a set just measured), which stay
 *   measurements; the learned second opinion's and "unknown" first answers name no rule code;
 * - the table is required: a missing, unreadable or malformed file fails each analysis with an
 *   error naming the file (PatternCalibrationError), never "no cap" (only a script measuring the
 *   rules uncapped chooses that: usePatternCalibration(null));
 * - the cap only lowers a confidence: it changes no answer (which code wins is decided before);
 * - episodes (their rule chain fixed by the seed) and the learned second opinion (its own
 *   calibration, model/second-opinion.ts) are not capped here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Classification } from './classify.js';

/** The measurement of one code on the tuned sets and at first sight: its answers, how many right, and its cap. */
export interface CodeCalibration {
  /** Its answers on the tuned cases, and how many right. */
  n: number;
  right: number;
  /** Lower bound of the 90% Wilson interval of right / n. */
  lower: number;
  /** Its first answers to the blind sets tuned on since (same meaning), and how many right. */
  first_n: number;
  first_right: number;
  /** Lower bound of the 90% Wilson interval of the combined share: first answers, and tuned ones at TUNED_WEIGHT. */
  combined_lower: number;
  /** The highest confidence an answer of this code may have (calibrationOf). */
  cap: number;
}

export interface PatternCalibration {
  about: string;
  /** The sets measured (names), and how many cases. */
  measured_on: { cases: number; sets: string[] };
  /** The first answers that measure a code (first-answers.json), and the tuned blind sets they answered. */
  first_answers?: { answers: number; sets: string[] };
  /** The cap of a code absent from `codes` (never answered on the tuned sets). */
  default_cap: number;
  codes: Record<string, CodeCalibration>;
}

/** The cap of a code never measured, and the most a code not measured confident may have: below the confident band. */
export const DEFAULT_CAP = 0.75;
/** How many pseudo-answers at DEFAULT_CAP a code's measured share is smoothed with. */
export const PRIOR_CASES = 2;
/** z of a two-sided 90% interval. */
const Z = 1.645;
/** The confident band (taxonomy.md): answers at or above it must be measured right at least this often. */
export const CONFIDENT = 0.8;
/**
 * What one tuned answer weighs beside one first answer in the combined share: the rules were
 * written from the tuned cases. A quarter: measured on the first answers of the tuned blind sets,
 * each set's caps computed without that set's first answers (calibrate.js --first).
 */
export const TUNED_WEIGHT = 0.25;

const floor2 = (x: number) => Math.floor(x * 100 + 1e-9) / 100;

/** The lower bound of the 90% Wilson score interval of `right` successes in `n` (0 for n = 0). */
export function wilsonLower(right: number, n: number): number {
  if (n <= 0) return 0;
  const p = right / n;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * n);
  const spread = Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

/**
 * The cap of one measurement (right of n, possibly weighted): its lower bound when confident, else
 * its smoothed share below the band. Alone on the tuned counts, the rule before first answers were
 * counted (calibrate.js --first compares with it).
 */
export function capOfShare(right: number, n: number): { lower: number; cap: number } {
  const lower = floor2(wilsonLower(right, n));
  const smoothed = (right + PRIOR_CASES * DEFAULT_CAP) / (n + PRIOR_CASES);
  return { lower, cap: lower >= CONFIDENT ? lower : Math.max(lower, floor2(Math.min(DEFAULT_CAP, smoothed))) };
}

/**
 * A code's measurement and cap (the module comment's rule), rounded down to 0.01: `right` of `n`
 * on the tuned cases, `firstRight` of `firstN` at first sight. The cap is the smaller of the
 * tuned measurement's and the combined one's (first answers, tuned ones at TUNED_WEIGHT).
 */
export function calibrationOf(right: number, n: number, firstRight = 0, firstN = 0): CodeCalibration {
  const tuned = capOfShare(right, n);
  const combined = capOfShare(firstRight + TUNED_WEIGHT * right, firstN + TUNED_WEIGHT * n);
  return {
    n,
    right,
    lower: tuned.lower,
    first_n: firstN,
    first_right: firstRight,
    combined_lower: combined.lower,
    cap: Math.min(tuned.cap, combined.cap),
  };
}

/** The committed table: written by test/accuracy/calibrate.js, shipped with the package. */
export const PATTERN_CALIBRATION_FILE = new URL('../../../model/pattern-calibration.json', import.meta.url);

/** Why a calibration table cannot be used: it names the file and the fix. */
export class PatternCalibrationError extends Error {
  constructor(file: URL | string, problem: string) {
    const path = file instanceof URL ? fileURLToPath(file) : file;
    super(
      `the rules' calibration table ${path} ${problem}: without it no confidence is measured, and none may be 0.8 or more; ` +
        'restore the file, or write it with node test/accuracy/calibrate.js',
    );
    this.name = 'PatternCalibrationError';
  }
}

const isShare = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/**
 * Reads and checks a calibration table: a missing, unreadable or malformed file is an error
 * naming the file and the problem (PatternCalibrationError), never "no cap": the ≥ 0.8 guarantee
 * rests on it.
 */
export function readPatternCalibration(file: URL | string): PatternCalibration {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PatternCalibrationError(file, code === 'ENOENT' ? 'is missing' : `cannot be read (${code ?? String(err)})`);
  }
  let table: PatternCalibration;
  try {
    table = JSON.parse(text) as PatternCalibration;
  } catch (err) {
    throw new PatternCalibrationError(file, `is not JSON (${(err as Error).message})`);
  }
  if (!table || typeof table !== 'object' || !isShare(table.default_cap))
    throw new PatternCalibrationError(file, 'has no default_cap between 0 and 1');
  if (!table.codes || typeof table.codes !== 'object' || Array.isArray(table.codes))
    throw new PatternCalibrationError(file, 'has no codes');
  for (const [code, c] of Object.entries(table.codes))
    if (!c || !isShare(c.cap) || !Number.isInteger(c.n) || !Number.isInteger(c.right))
      throw new PatternCalibrationError(file, `gives the code ${JSON.stringify(code)} no counts and cap between 0 and 1`);
  return table;
}

let loaded: PatternCalibration | Error | null | undefined;

/**
 * Replaces the loaded table (null: no cap, the hand-set confidences alone; undefined: the
 * committed file again). For calibrate.js, which measures the rules uncapped, and for tests.
 */
export function usePatternCalibration(table: PatternCalibration | null | undefined): void {
  loaded = table;
}

/**
 * The committed table (PATTERN_CALIBRATION_FILE), read on first use; null only when a script or
 * test chose "no cap" (usePatternCalibration(null)). A missing, unreadable or malformed file
 * throws its PatternCalibrationError on every use, so each record's analysis fails naming the
 * file (the worker reports it as the record's error) instead of answering uncapped.
 */
export function patternCalibration(): PatternCalibration | null {
  if (loaded === undefined) {
    try {
      loaded = readPatternCalibration(PATTERN_CALIBRATION_FILE);
    } catch (err) {
      loaded = err instanceof Error ? err : new Error(String(err));
    }
  }
  if (loaded instanceof Error) throw loaded;
  return loaded;
}

/** At least this many first answers before a code may be judged a weak reading (weakReading). */
export const WEAK_FIRST_MIN = 20;
/**
 * A code surely right less often than this share at first sight is a weak reading: the learned second
 * opinion's least sure answering band is measured right at least this often (second-opinion.ts
 * MODEL_MIN_PRECISION, the same 0.3; a test holds them equal).
 */
export const WEAK_SHARE = 0.3;

/** The upper bound of the 90% Wilson score interval of `right` successes in `n` (1 for n = 0). */
export function wilsonUpper(right: number, n: number): number {
  if (n <= 0) return 1;
  return 1 - wilsonLower(n - right, n);
}

/**
 * Whether a code's answers are weak readings: over at least WEAK_FIRST_MIN first answers (the
 * table's first_right / first_n: its first sight of the blind sets tuned on since), the upper bound
 * of the 90% Wilson interval of its share right is under WEAK_SHARE — measured surely weak, not a
 * code that fell just under the line (a review found three such codes, narrowed since their first
 * answers, whose overruling broke right readings of JSON files on disk and unpacking errors).
 * classify() then asks the learned second opinion, whose answer, when it gives one more sure than
 * the code's capped confidence and names another pair, is taken, the code's reading kept as the
 * next finding. Today: rt.unhandled, the catch-all "an exception, no more specific pattern", right
 * 19 of 246 times at first sight (upper bound 0.11). False without a table.
 */
export function weakReading(code: string): boolean {
  const c = patternCalibration()?.codes[code];
  if (!c?.first_n || c.first_n < WEAK_FIRST_MIN) return false;
  return wilsonUpper(c.first_right ?? 0, c.first_n) < WEAK_SHARE;
}

/** The highest confidence an answer of this code may have (1 when a script chose no table). */
export function confidenceCap(code: string): number {
  const table = patternCalibration();
  if (!table) return 1;
  return table.codes[code]?.cap ?? table.default_cap;
}

/** The rules' classification with its confidence, and its alternatives', capped by their codes' measurement. */
export function capConfidence(cls: Classification): Classification {
  if (cls.answeredBy === 'none' || cls.answeredBy === 'model') return cls;
  const cap = confidenceCap(cls.id);
  const alternatives = cls.alternatives.map((a) => ({ ...a, confidence: Math.min(a.confidence, confidenceCap(a.id)) }));
  if (cls.confidence <= cap && alternatives.every((a, i) => a.confidence === cls.alternatives[i]?.confidence)) return cls;
  // First in the rationale (cut at 300 characters downstream): it is why the confidence is what it is.
  const why = cls.confidence > cap ? `Confidence capped at ${cap.toFixed(2)}: ${capReason(cls.id)}. ` : '';
  return { ...cls, confidence: Math.min(cls.confidence, cap), rationale: `${why}${cls.rationale}`, alternatives };
}

/** Why a code is capped, for the rationale: its measured share right, or that it was never measured. */
function capReason(code: string): string {
  const c = patternCalibration()?.codes[code];
  if (!c) return 'this reading is not yet measured';
  const first = c.first_n ? `, ${c.first_right} of ${c.first_n} the first time it met a blind set` : '';
  return `this reading was right ${c.right} of ${c.n} times on the labelled sets${first}`;
}
