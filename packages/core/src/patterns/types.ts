/**
 * The shapes of the pattern library: a pattern, the context it is read in, and a
 * context-dependent reading (see library.ts for how patterns are evaluated).
 */
import type { Severity } from '../taxonomy.js';

export interface PatternContext {
  kind: 'trace' | 'log' | 'episode';
  /** The whole text considered (headline, telling lines and body). */
  text: string;
  /** True when the text is about a model call (LLM SDKs, completions, output parsers). */
  llm: boolean;
  /** True when the text shows a model answer cut by the token limit. */
  truncated: boolean;
  /** True when the text is about an agent's tool call. */
  tool: boolean;
  /** True when the text is about an agent loop / graph. */
  agent: boolean;
  /** `text` in lower case, for the patterns' `needs` (computed once per record when absent). */
  lower?: string;
}

/** A context-dependent reading: read the match as another pattern of the library. */
export interface Resolution {
  as: string;
}

/** Where a pattern matched: the text of the source (headline, telling lines or body) and the match's position in it. */
export interface MatchSite {
  text: string;
  index: number;
  length: number;
}

/**
 * The `match` of a pattern that is a reading only: no text selects it by itself, another
 * pattern's `resolve` answers with its id (a Resolution), so its title, fix and confidence
 * (calibrated under its own id) apply to what that pattern matched. The regex never matches.
 */
export const REACHED_BY_RESOLUTION = /(?!)/;

export interface Pattern {
  id: string;
  category: string;
  factor: string;
  severity: Severity;
  /** How often this pattern is right when it is the headline match, in [0,1]. */
  confidence: number;
  /** Specificity: a higher priority wins over a lower one found in the same source. */
  priority: number;
  match: RegExp;
  also?: RegExp;
  /**
   * Lower-case words of which every text `match` can match contains at least one: the pattern's
   * regex runs only on records whose text contains one of them (a substring test is far cheaper
   * than a scan). Must never exclude a text the regex would match; test/patterns-needs.test.ts
   * checks it on every labelled case and example.
   */
  needs?: string[];
  unless?: RegExp;
  /**
   * The pattern names where a failure surfaced (a tool call that failed), not what caused it:
   * when the structure tables read how the call itself failed (a JSON-RPC/MCP code of weight >=
   * CAUSE_WEIGHT in classify.ts: the peer timed out, has no such method) with another reading,
   * that cause answers and this pattern's reading becomes an alternative.
   */
  surface?: boolean;
  /**
   * The pattern reads only the exception's class (a ValueError, a TypeError, an AssertionError):
   * a known package's own message in the record (parts/messages.ts) of weight >= CAUSE_WEIGHT in
   * classify.ts names the cause ("ValueError: Target modules {} not found in the base model") and
   * answers instead; this pattern's reading becomes an alternative (taxonomy rule 1).
   */
  byClass?: boolean;
  /**
   * The pattern reads a warning: a message the run printed and went on after (numpy's floating-point
   * RuntimeWarning, bitsandbytes' "compiled without GPU support"), a cause only when nothing after it
   * names another. classify.ts (findHit, `outlived`) scans the lines after the warning's first
   * occurrence in the log, once; a raised error or fatal signal there that does not repeat the warning's
   * words (an exception line of any runtime, a segfault, an abort, a panic, a glog Check failed, a died
   * process, a fatal exit code), or a run that passed or finished, and the warning yields: the pattern
   * does not answer for the record (as an `unless` would), and no structure reader reads the lines that
   * hold the warning (`form`, else `match`) either. `true` for the defaults; WarningOptions for
   * a shared pattern, a check that a later line clears, or a refusal (see WarningOptions). A package
   * message takes the same step when its table entry is marked (parts/table.ts warns, PartMeaning.warning).
   */
  warning?: true | WarningOptions;
  /**
   * The pattern reads a symptom that yields to a cause named before it (docs/taxonomy.md rule 1, the
   * cause over the step where it surfaced): OpenCV's empty-image assertion after videoio could not open
   * the camera, SageMaker's unpickling failure over a top-level module missing. When one of the
   * declared causes is found before an occurrence of the symptom (or on the symptom's own line) within
   * its reach, with none of its `between` words after it, the pattern does not answer for the record
   * (as an `unless` would): the cause's own rule answers. Decided by yields.ts (symptomYields), bounded
   * by the reach, not by the text's size.
   */
  yieldsTo?: YieldsTo;
  /** Context-dependent reading of the same text (e.g. a JSON error from a model vs a config file); null keeps this pattern. */
  resolve?: (ctx: PatternContext, site: MatchSite) => Resolution | null;
  /** Title template; $1 is the first capture of `match` (redacted, shortened). */
  title: string;
  hypothesis: string;
  fix: string;
  actions: string[];
}

/** The options of a warning-reading pattern (Pattern.warning). */
export interface WarningOptions {
  /**
   * The warning's own words, when the pattern also reads forms that are no warning (config.port_in_use
   * reads ports in use and PX4's daemon message): only a match holding them is the warning, and the scan
   * starts after their first occurrence; another form of the pattern found in the record still answers
   * when the warning yields. A later line the pattern's `match` reads repeats the warning (default: every
   * match is the warning).
   */
  form?: RegExp;
  /**
   * A later line of the warning's own software saying the condition cleared and the run went on (the
   * vehicle armed after "Bad GPS Health", PX4 "Ready for takeoff" after a stale daemon): the warning
   * yields to it too, unless the warning comes again after it (a refusal: the last attempt was refused).
   * Read with the flags `gm` (so `^` is a line's start): its own flags do not apply, so it has none
   * but `m` (test/patterns-warnings.test.ts); must not match an empty string.
   */
  cleared?: RegExp;
  /**
   * The message is a refusal whose own consequence is an error or an exit (PX4's daemon message ends
   * the new instance: "process has died", exit code 255; an arming check that fails ends a mission
   * script): a later raised error or fatal signal is that consequence, not another cause, so only
   * `cleared` or a run that passed or finished makes it yield.
   */
  refusal?: true;
  /**
   * A raised line that is the warning's own consequence, so no other cause (read as `match` is, on a
   * line the scan stops at): numpy's invalid value, then "LinAlgError: SVD did not converge"; a prompt
   * past max_length, then "Exception: empty answer from model". Such a line does not outlive the warning.
   */
  consequence?: RegExp;
}

/**
 * A symptom's causes (Pattern.yieldsTo, PartMeaning.yieldsTo): the symptom yields to any of them named
 * before it (yields.ts). Data, as Sentry's grouping enhancers are: the rule says which symptom it is and
 * which earlier causes explain it; the engine never names a symptom or a cause itself.
 */
export interface YieldsTo {
  /**
   * The symptom's own words, where the record shows it: default the pattern's `match`; a package
   * message's entry (parts/table.ts yieldsTo) has its fixed pieces in order on one line. Must not match
   * an empty string; its flags `g`/`y` are ignored.
   */
  form?: RegExp;
  /** The causes the symptom yields to (any one of them). */
  causes: readonly EarlierCause[];
}

/** A cause a symptom yields to when it is named before it (YieldsTo). */
export interface EarlierCause {
  /**
   * The cause's words ("can't open camera by index"), found in the `within` characters before the
   * symptom's line. Must not match an empty string, nor more than yields.ts MARGIN characters; no `g`/`y`.
   */
  said: RegExp;
  /**
   * Words that, after the cause and before the symptom, show that another source was opened or read
   * (a program probing cameras went on with the one it found: "Using camera 0", "frame 899"): the symptom
   * is that source's, and does not yield to this cause. No `g`/`y`.
   */
  between?: RegExp;
  /**
   * The cause counts on the symptom's own line after its start too (a message that quotes its cause:
   * SageMaker's "Error when deserializing …: ModuleNotFoundError(…)"), unless a `between` word comes first.
   */
  quoted?: true;
  /**
   * The cause counts in the producer's own message (classify.ts TextSources.reported) while the symptom is in
   * the log: the failure as the producer reported it (the FTC Driver Station's "Unable to find a hardware
   * device …" over the watchdog in the logcat).
   */
  reported?: true;
  /**
   * How far before the symptom the cause may end, in characters: default 2,000, at most 4,000 (yields.ts
   * REACH_MAX); 'all', anywhere before it (read once, forward: a cause a chatty log may print far before).
   */
  within?: number | 'all';
}
