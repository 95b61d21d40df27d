/**
 * The rules' reading of a record: the pattern library, the structure tables, the learned second
 * opinion (classify below).
 *
 * Hedges (parts/tables/hedges.ts): a list of possible causes a package prints with any failure (Ray's
 * "There are some potential root causes. (1) … OOM killer … (2) … (3) …") is blanked from the record's
 * text (withoutHedges, in classify and in modelText) before any reader reads it: the patterns, the
 * structure tables and the learned second opinion read what else the record says, on the same line too:
 * only the list's own items are blanked, each exactly, one cut only where its line ends (blankHedges).
 * Linear: one substring test per hedge and source, then one forward scan of the anchor's occurrences,
 * each reading at most the list's length.
 *
 * Symptoms (Pattern.yieldsTo, and a package message's PartMeaning.yieldsTo): a symptom yields to a cause
 * named before it (docs/taxonomy.md rule 1; yields.ts states the step and its bounds): findHit drops a
 * pattern whose symptom yields, as an `unless` would, and so do ownMessage and parts/read.ts readParts for
 * a package message; the cause's own rule answers. It is decided on the record's text alone, before any
 * ranking, so the ranking below never sees the symptom's reading.
 *
 * Warnings (Pattern.warning): a warning is the cause only when nothing after it names another. For a
 * pattern so marked, a match of the warning's words answers only when, in the lines after the
 * warning's first occurrence in the log (and in the producer's own error message: TextSources.reported
 * when the caller sets it, wherever it also shows in the log; else the headline when it is not a line of
 * the log), there is no raised error or fatal signal that does not repeat the warning (RAISED_LINE: an
 * exception line of any runtime, a Traceback's last line, a segfault, a core dump, an abort, heap
 * corruption, a panic, a glog Check failed, a died process, a fatal exit code; not a user's Ctrl-C), no
 * run that passed or finished (ENDED_LINE), and no line the pattern names as its warning cleared (a
 * refusal, whose own consequence is an error, yields only to the last two, and not when it comes again
 * after its clearing). Otherwise the warning yields: the pattern does not answer for the record, as an
 * `unless` would. It is not kept as a weaker hit or an alternative: the structure tables, which read a
 * segfault or an exit code, are asked only below generic priorities, so a kept warning would still
 * answer there, and a finished run has no later error to answer at all.
 * A raised line that is the warning's own consequence (WarningOptions.consequence: "SVD did not
 * converge" after numpy's invalid value) names no other cause; and when the producer reported the
 * warning itself as the failure (TextSources.reported holds it), nothing outlives it.
 * Invariant: an outlived warning answers through no reader. The step decides once per pattern
 * and record (outlivedIn), and the structure readers take the same decision: the words of a warning it
 * found outlived (the pattern's `form`, else its regex) are blanked for all of them (readParts `mask`:
 * the tables, the known packages' messages, the robot reading, the logging component), so numpy's
 * "invalid value encountered" (parts/tables/robot-words.ts reads it as a NaN verb) no longer reads
 * data_error/nan_or_inf through parts.robot once a later error outlived it, while a fault logged on
 * the same line is still read; a warning not outlived is read by them as any line. A known package's
 * message marked a warning (PartMeaning.warning, parts/table.ts warns: robomimic's optional backbones,
 * roslaunch's network warnings) takes the same step as a pattern's (a WarningRule: its `form`, the
 * message's pieces in order, is its regex too), decided once per record, its words blanked for every
 * reader when outlived (outlivedWarningMask), and ownMessage does not answer it then. A warning no
 * pattern and no package entry marks is no warning to the step. The learned second opinion reads the same masked text
 * (classify: modelText of the masked sources), so the warning's words are not the model's either.
 * Bounded, linear in the text: the warning's words run over the body (then the whole text) to find
 * their first occurrence; one scan by one regex then runs from the next line and, after each line it
 * stops at, resumes at that line's end, never before; a line it stops at is read again to its ends and
 * by the pattern's regex (`same`); a refusal's clearing line is read by `cleared`, and its words are
 * searched forward once from there, the scan resuming after the line they are found on. A scan attempt
 * at a line's start may read up to about 1,100 characters ahead (bounded prefixes, class names) before
 * it fails, so a character is read a bounded number of times, not once. Measured
 * (test/patterns-warnings.test.ts, warningOutlived itself over 1 MB bodies: analyzeLog cuts a log to
 * 112 KB first, telling.ts boundedText): 1 to 80 ms per text, the warning 10,000 times, near-exception,
 * value, timestamped and tally lines, a stop on every line, a refusal and its clearing alternating.
 */
import type { Deadline } from '../deadline.js';
import { redact } from '../redact.js';
import type { Severity } from '../taxonomy.js';
import { cutTail, cutWithEllipsis, singleSpaced } from '../text.js';
import { capConfidence, weakReading } from './calibration.js';
import { PATTERN_BY_ID, PATTERNS, type Pattern, type PatternContext, TRUNCATION } from './library.js';
import { modelOverrulesBelow, type SecondOpinion, saidLength, secondOpinion } from './model/second-opinion.js';
import { explanationOf } from './parts/explain.js';
import { anchorOf, packageMatcher } from './parts/messages.js';
import { PART_REGEXES, type Part, type PartsReading, partConfidence, readParts } from './parts/read.js';
import { VERB_REGEXES } from './parts/robot.js';
import type { PartMeaning } from './parts/table.js';
import { HEDGE_LISTS, type HedgeList } from './parts/tables/hedges.js';
import { PACKAGE_MESSAGES } from './parts/tables/packages/index.js';
import { Prefilter } from './prefilter.js';
import { lineOf } from './resolvers.js';
import type { WarningOptions } from './types.js';
import { wrapperMessages } from './wrappers.js';
import { symptomYields } from './yields.js';

/** Where the text of a record comes from, from most to least telling. */
export interface TextSources {
  /** The error message the producer gave, or else the most telling line. */
  headline: string;
  /** The lines that look most like the failure (exception lines, ERROR/FATAL lines). */
  telling: string[];
  /** Everything else worth searching (capped). */
  body: string;
  /**
   * The error message the producer itself gave, whole, when the caller knows it (the warning step takes
   * it as the failure reported after every line of the log or trace, and a warning it holds as the cause
   * it names: classify.ts warningOutlived); unset when the caller does not say, '' when the producer
   * gave none.
   */
  reported?: string;
}

export type MatchSource = 'headline' | 'telling' | 'body' | 'none';

/**
 * Which source answered: the pattern library (a phrase of a known failure), the structure tables
 * (the parts the text is made of: exception class, errno, HTTP/gRPC status, signal…), the
 * learned second opinion (only where both said nothing, when its measured verdict switched it
 * on), or nothing (unknown). An LLM refinement says `source: llm` on the analysis instead.
 */
export type AnsweredBy = 'patterns' | 'structure' | 'model' | 'none';

export interface Classification {
  /** The pattern id, or "unknown". */
  id: string;
  category: string;
  factor: string;
  severity: Severity;
  confidence: number;
  rationale: string;
  title: string;
  hypothesis: string;
  fix: string;
  actions: string[];
  /** The text that matched (raw; redact before storing). */
  matched: string;
  source: MatchSource;
  answeredBy: AnsweredBy;
  /** Other readings, weaker, with different category or factor. */
  alternatives: Classification[];
}

/** The words each pattern's regex cannot match without (prefilter.ts); see prefilter() below. */
let PREFILTER: Prefilter | undefined;

/** Patterns below this priority are generic words (an unhandled exception, a bare timeout): the structure tables may overrule them. */
const GENERIC_PRIORITY = 45;
/**
 * A part at least this telling (its table weight), of a kind that says how the call itself
 * failed (a JSON-RPC/MCP code: the peer timed out, has no such method), overrules a `surface`
 * pattern (where the failure surfaced: "tool call failed"). A part met inside the callee's own
 * error (an errno in a tool's "Details:") does not: the tool ran and failed.
 */
const CAUSE_WEIGHT = 0.8;
const CALL_KINDS: ReadonlySet<string> = new Set(['jsonrpc']);
/** The generic answer: a part read as it names no cause; a pattern read as it loses to any part that names one. */
const GENERIC_PARTS: ReadonlySet<string> = new Set(['runtime_error/unhandled_exception']);

const SOURCE_WEIGHT: Record<MatchSource, number> = { headline: 30, telling: 15, body: 0, none: 0 };
const SOURCE_CONFIDENCE: Record<MatchSource, number> = { headline: 1, telling: 0.95, body: 0.8, none: 0.5 };

/** Words of LLM context (provider, SDK, model output); also read by the second opinion (LLM-only pairs). */
export const LLM_CONTEXT =
  /\b(?:openai|anthropic|gemini|vertexai|bedrock|llm|chat\.completions?|completions?|gpt-[\w.]{1,40}|claude[\w.-]{0,40}|langchain(?:_\w{1,30})?|llama_?index|output_parsers|_?OutputFormatter|OutputParser\w{0,40}|response_format|structured[_ ]output|with_structured_output|tool_calls?|function_call|gen_ai|model (?:output|response|answer)|instructor|ollama|vllm|litellm|mistral|cohere|groq)\b/i;
const TOOL_CONTEXT =
  /(tool_input|tool_calls?|args_schema|StructuredTool|BaseTool|Invalid arguments for tool|\btool\b[^\n]{0,40}\b(?:arguments|args|inputs?)\b|\bfunction[_ ]call\b[^\n]{0,40}\barguments\b|error while (?:trying to )?us(?:e|ing) (?:the |a )?tool)/i;
const AGENT_CONTEXT = /\b(?:agent\w{0,40}|AgentExecutor|langgraph|StateGraph|crewai|autogen|chain|graph)\b/i;

/** The context regexes, read through the patterns' prefilter (after the patterns, in this order). */
const CONTEXTS = [LLM_CONTEXT, TRUNCATION, TOOL_CONTEXT, AGENT_CONTEXT] as const;
/** Where the robot reading's failure classes (parts/robot.ts VERB_REGEXES) start in the prefilter's list. */
const VERBS_AT = PATTERNS.length + CONTEXTS.length;
/** Where the structure readers' regexes (parts/read.ts PART_REGEXES) start in the prefilter's list. */
const PARTS_AT = VERBS_AT + VERB_REGEXES.length;

/**
 * The prefilter of the patterns' regexes and, after them, the context regexes, the robot
 * reading's failure classes and the structure readers' regexes (prefilter.ts): built once on
 * first use (a thread that never classifies, the service's main thread, never builds it). One
 * scan of a record's text serves all four (the lines the robot reading and the structure readers
 * read are pieces of that text).
 */
function prefilter(): Prefilter {
  PREFILTER ??= new Prefilter([...PATTERNS.map((p) => p.match), ...CONTEXTS, ...VERB_REGEXES, ...PART_REGEXES]);
  return PREFILTER;
}

/**
 * Which failure classes of the robot reading may match a line of the record: its text scanned by
 * the prefilter (every line readParts reads is a line of the sources, and ctx.text holds them all:
 * patternContext builds it from the same sources).
 */
function robotVerbs(ctx: PatternContext): boolean[] {
  return openAfterScan(ctx, VERBS_AT, VERB_REGEXES.length);
}

/** Whether each of the prefilter's regexes `from` to `from + count - 1` may match the record's text (one scan serves all). */
function openAfterScan(ctx: PatternContext, from: number, count: number): boolean[] {
  const words = prefilter();
  words.scan((ctx.lower ??= ctx.text.toLowerCase()));
  return Array.from({ length: count }, (_, i) => words.open(from + i));
}

/** Which of the structure readers' regexes (parts/read.ts PART_REGEXES) may match a line of the record: the same scan. */
function partRegexes(ctx: PatternContext): boolean[] {
  return openAfterScan(ctx, PARTS_AT, PART_REGEXES.length);
}

export function patternContext(kind: PatternContext['kind'], sources: TextSources, extra = ''): PatternContext {
  const text = `${sources.headline}\n${sources.telling.join('\n')}\n${sources.body}\n${extra}`;
  const lower = text.toLowerCase();
  const words = prefilter();
  words.scan(lower);
  // A context regex none of whose words' combinations is in the text cannot match it.
  const has = (k: number) => words.open(PATTERNS.length + k) && (CONTEXTS[k] as RegExp).test(text);
  return { kind, text, lower, llm: has(0), truncated: has(1), tool: has(2), agent: has(3) };
}

function shorten(s: string, max: number): string {
  const one = singleSpaced(s).trim();
  return cutWithEllipsis(one, max);
}

interface Hit {
  pattern: Pattern;
  /** The pattern whose texts and labels apply (after a context-dependent resolution). */
  reading: Pattern;
  source: MatchSource;
  match: RegExpExecArray;
  score: number;
}

/** A decimal, an exponent, NaN or inf: a value (a metric, a solver's residual), not an exception's message. */
const VALUE = String.raw`[-+]?(?:\d{0,20}\.\d|\d{1,20}(?:\.\d{0,20})?[eE][-+]?\d|[Nn]a[Nn]\b|-?inf\b)`;
/**
 * A raised error or a fatal signal, of any runtime, on one line (read with the flags `gm`): an
 * exception line at a line's start after indentation, bracketed log prefixes or a timestamped log
 * line's prefix (Python's last Traceback line, Java's, JavaScript's `pkg.XError: …`, `XException: …`,
 * a bare `Error: …` or `Exception: …`, a module's own `pkg.Error: …` and OpenCV's `cv2.error: …`; not
 * IPython's header "RuntimeError      Traceback (most recent call last)", whose class is followed by
 * spaces; not a value after the colon, "MeanSquaredError: 0.0213", "val.error: 0.031", "Error: 1e-5";
 * a class alone on its line needs a name before Error, so a column header "Error" is none), .NET's
 * "Unhandled exception. System.X: …", Java's uncaught "Exception in thread" and "Caused by: ", a
 * segfault, a core dump, Python's fatal error, an abort, glibc's heap checks, an uncaught C++
 * exception, a Rust or Go panic, a glog Check failed, a ROS process that died, a negative or 128+N exit
 * code but SIGINT's (-2, 130: the user's Ctrl-C stopped the run, which names no other cause). Not a
 * Traceback's first line: it names no cause, and a cut traceback may be the warning's own error
 * (robotics-22 LAV: "Not compiled with CUDA support", then the Traceback of that RuntimeError, cut
 * before its last line).
 */
const RAISED_LINE = [
  String.raw`^[ \t]{0,40}(?:\d{4}-\d\d-\d\d[ T][\d:.,]{8,15}[^\n]{0,60}?[ :-] )?(?:\[[^\]\n]{0,80}\][ \t]{0,4}){0,4}(?:(?:[\w$]{1,80}\.){0,10}(?:[A-Z][\w$]{0,80})?(?:Error|Exception)(?:(?<=[\w$.](?:Error|Exception)):?[ \t]{0,40}$|:[ \t](?!${VALUE}))|(?:[\w$]{1,80}\.){1,10}error:[ \t](?!${VALUE})|Unhandled [Ee]xception[.:] |Caused by: )`,
  'Exception in thread "',
  String.raw`[Ss]egmentation fault|core dumped|Fatal Python error|^Aborted\b|double free|free\(\): invalid|terminate called after throwing`,
  String.raw`panicked at|^panic: |Check failed: |has died \[pid \d{1,10}, exit code (?!-2\b)|exit code (?:-(?!2\b)\d|1(?!30\b)\d\d\b)`,
].join('|');
/**
 * A run that passed or finished (read with the flags `gm`): pytest's tally when nothing on its line
 * failed ("3 failed, 12 passed" is no run that passed), a training loop's end, an IDE's clean exit.
 */
const ENDED_LINE = String.raw`^(?![^\n]*\b[1-9]\d{0,4} (?:failed|errors?)\b)[^\n]*\b[1-9]\d{0,4} passed\b|\b[Tt]raining (?:is |has )?(?:finished|completed|done)\b|^(?:Process )?finished with exit code 0\b`;

/** Each warning pattern's scan regex (RAISED_LINE unless a refusal, ENDED_LINE, its `cleared`), made on first use. */
const WARNING_SCANS = new Map<WarningRule, WarningScan>();

interface WarningScan {
  /** One regex, flags `gm`: the lines that may outlive the warning. */
  scan: RegExp;
  /** A refusal's `cleared` alone (flags `m`), and its `form` (flags `g`): a refusal again after its clearing is current again. */
  cleared: RegExp | null;
  again: RegExp | null;
  /** The warning's own consequences (WarningOptions.consequence): a raised line they read is no other cause. */
  consequence: RegExp | null;
}

/**
 * What the warning step reads of a rule: a pattern, or a package message that is a warning (its
 * PartMeaning.warning, whose `form` is the message's pieces: PACKAGE_WARNINGS below).
 */
type WarningRule = Pick<Pattern, 'match' | 'warning'>;

function warningOptions(pattern: WarningRule): WarningOptions | null {
  const { warning } = pattern;
  return warning === undefined ? null : warning === true ? {} : warning;
}

/** The warning's own words: its `form`, else the pattern's regex. */
function warningForm(pattern: WarningRule, options: WarningOptions): RegExp {
  return options.form ?? pattern.match;
}

function warningScan(pattern: WarningRule, options: WarningOptions): WarningScan {
  let scan = WARNING_SCANS.get(pattern);
  if (!scan) {
    // `cleared` is joined into one regex read with `gm`: its own flags cannot apply (types.ts; a library
    // test holds every `cleared` to none but `m`).
    const parts = [options.refusal ? '' : RAISED_LINE, ENDED_LINE, options.cleared?.source ?? ''].filter(Boolean);
    const form = warningForm(pattern, options);
    scan = {
      scan: new RegExp(parts.map((p) => `(?:${p})`).join('|'), 'gm'),
      cleared: options.refusal && options.cleared ? new RegExp(options.cleared.source, 'm') : null,
      again: options.refusal && options.cleared ? new RegExp(form.source, `${form.flags.replace(/[gy]/g, '')}g`) : null,
      consequence: options.consequence
        ? new RegExp(options.consequence.source, options.consequence.flags.replace(/[gy]/g, ''))
        : null,
    };
    WARNING_SCANS.set(pattern, scan);
  }
  return scan;
}

/**
 * Whether a line of `text` from `from` on outlives the warning: a raised error, a fatal signal, a
 * finished run or the warning's clearing (warningScan) that does not repeat the warning (`same`: the
 * pattern's regex, so a raised form of the same message, "AssertionError: Torch not compiled with CUDA
 * enabled", is no other cause), nor its own consequence (`consequence`: "SVD did not converge" after
 * numpy's invalid value). A refusal's clearing does not when the refusal comes again after it
 * (PX4's daemon message, "Ready for takeoff", the daemon message again: the last launch died of it);
 * the scan then goes on after that occurrence's line. One scan, resumed after the end of each line it
 * stops at (or after the refusal found again), so it never reads a line again; a line it stops at is
 * read once more by `same`. Linear in the text (module comment).
 */
function laterLineOutlives(text: string, from: number, scan: WarningScan, same: RegExp): boolean {
  const { scan: lines, cleared, again, consequence } = scan;
  lines.lastIndex = from;
  for (let m = lines.exec(text); m; m = lines.exec(text)) {
    const start = text.lastIndexOf('\n', m.index) + 1;
    const newline = text.indexOf('\n', m.index + m[0].length);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    if (!same.test(line) && !consequence?.test(line)) {
      if (!(cleared && again && cleared.test(line))) return true;
      again.lastIndex = end;
      const refused = again.exec(text);
      if (!refused) return true;
      const refusedEnd = text.indexOf('\n', refused.index + refused[0].length);
      if (refusedEnd < 0) break;
      lines.lastIndex = refusedEnd;
      continue;
    }
    if (end >= text.length) break;
    lines.lastIndex = end;
  }
  return false;
}

/**
 * Whether the warning a pattern reads (Pattern.warning) was outlived in this record: see the module
 * comment. Never when the producer reported the warning itself (`reported` holds it). Else the lines
 * after its first occurrence in the body (the log in its own order), else in the record's whole text
 * (a warning only in the headline or a telling line: a trace's other span; a trace's text is headline,
 * telling lines, body, which is no time order); and the producer's own error message (`reported`, when
 * the caller says which it is: a log's error_message, a trace's failing span's exception event, else
 * its status message), taken as the failure reported after every line of its log or trace, wherever
 * it also shows there (a trace's failing span is the one that ended first among those with no failing
 * child, so its error is taken as last, not known to be). Without `reported`, the headline when it is
 * not a line of the body and the warning is (then the headline can only be the producer's).
 */
export function warningOutlived(pattern: WarningRule, sources: TextSources, text: string): boolean {
  const options = warningOptions(pattern);
  if (!options) return false;
  const form = warningForm(pattern, options);
  const scan = warningScan(pattern, options);
  const inBody = sources.body ? form.exec(sources.body) : null;
  const where = inBody ? sources.body : text;
  const first = inBody ?? form.exec(text);
  if (!first) return false;
  const { headline, reported } = sources;
  // The producer reported the warning itself as the failure (a log's error_message, a trace's failing
  // span's exception event): whatever else its text shows later, that is the cause it names.
  if (reported && form.test(reported)) return false;
  const lineEnd = where.indexOf('\n', first.index + first[0].length);
  if (lineEnd >= 0 && laterLineOutlives(where, lineEnd, scan, pattern.match)) return true;
  if (reported !== undefined) return Boolean(reported) && laterLineOutlives(reported, 0, scan, pattern.match);
  if (!inBody) return false;
  return (
    Boolean(headline && !form.test(headline) && !sources.body.includes(headline)) &&
    laterLineOutlives(headline, 0, scan, pattern.match)
  );
}

/** The warning-reading patterns (Pattern.warning) and their places in PATTERNS (the prefilter's indexes). */
const WARNING_PATTERNS: readonly (readonly [Pattern, number])[] = PATTERNS.flatMap((p, i) =>
  p.warning ? [[p, i] as const] : [],
);

/**
 * The package messages that are warnings (PartMeaning.warning, parts/table.ts warns): each as a rule of
 * the warning step (its `form`, the message's pieces, as its regex too), with its anchor (a record whose
 * lower-cased text lacks it cannot hold the message), made on first use; and each meaning's rule.
 */
interface PackageWarning {
  rule: WarningRule;
  anchor: string;
}
let PACKAGE_WARNINGS: PackageWarning[] | undefined;
const PACKAGE_WARNING_RULE = new WeakMap<PartMeaning, WarningRule>();

function packageWarnings(): PackageWarning[] {
  if (!PACKAGE_WARNINGS) {
    PACKAGE_WARNINGS = [];
    for (const { says, meaning } of PACKAGE_MESSAGES) {
      const anchor = anchorOf(says);
      if (!meaning.warning?.form || !anchor) continue;
      const rule: WarningRule = { match: meaning.warning.form, warning: meaning.warning };
      PACKAGE_WARNING_RULE.set(meaning, rule);
      PACKAGE_WARNINGS.push({ rule, anchor });
    }
  }
  return PACKAGE_WARNINGS;
}

/** Whether a package message that is a warning was outlived in the record of `ctx` (false for any other message). */
function messageOutlived(meaning: PartMeaning, sources: TextSources, ctx: PatternContext): boolean {
  if (!meaning.warning) return false;
  packageWarnings();
  const rule = PACKAGE_WARNING_RULE.get(meaning);
  return Boolean(rule && outlivedIn(rule, sources, ctx));
}

/** Each record's decisions of the warning step, by pattern (findHit and the structure readers ask the same once). */
const OUTLIVED = new WeakMap<PatternContext, Map<WarningRule, boolean>>();

/** warningOutlived for the record of `ctx`, decided once per pattern and record. */
function outlivedIn(pattern: WarningRule, sources: TextSources, ctx: PatternContext): boolean {
  let decided = OUTLIVED.get(ctx);
  if (!decided) {
    decided = new Map();
    OUTLIVED.set(ctx, decided);
  }
  let outlived = decided.get(pattern);
  if (outlived === undefined) {
    outlived = warningOutlived(pattern, sources, ctx.text);
    decided.set(pattern, outlived);
  }
  return outlived;
}

/**
 * What no structure reader may read of a record's lines (parts/read.ts readParts `mask`): the words of
 * each warning (its `form`, else the pattern's regex) that the warning step found outlived, the same
 * decision findHit takes for the pattern (whatever the pattern's `unless` or `also`: the words are
 * still that warning), blanked to spaces of the same length, so the rest of their line (a fault logged
 * on the same line) is read as ever; null when there is none. So an outlived warning answers through
 * no structure reader: numpy's "invalid value encountered" (parts/tables/robot-words.ts, a NaN verb)
 * included.
 */
function outlivedWarningMask(ctx: PatternContext, sources: TextSources): ((line: string) => string) | null {
  const words = prefilter();
  const lower = (ctx.lower ??= ctx.text.toLowerCase());
  words.scan(lower);
  const forms: RegExp[] = [];
  for (const [pattern, i] of WARNING_PATTERNS) {
    if (!words.open(i) || (pattern.needs && !pattern.needs.some((w) => lower.includes(w)))) continue;
    const options = warningOptions(pattern);
    if (options && outlivedIn(pattern, sources, ctx)) forms.push(globalForm(pattern, options));
  }
  // The package messages that are warnings: the same step, the same blanking (their words are the message's).
  for (const { rule, anchor } of packageWarnings()) {
    if (!lower.includes(anchor)) continue;
    const options = warningOptions(rule);
    if (options && outlivedIn(rule, sources, ctx)) forms.push(globalForm(rule, options));
  }
  if (!forms.length) return null;
  const blank = (m: string) => ' '.repeat(m.length);
  return (line) => forms.reduce((text, form) => text.replace(form, blank), line);
}

/** A global copy of each warning's `form` (else the pattern's regex), to blank its words (outlivedWarningMask). */
const GLOBAL_FORM = new Map<WarningRule, RegExp>();

function globalForm(pattern: WarningRule, options: WarningOptions): RegExp {
  let all = GLOBAL_FORM.get(pattern);
  if (!all) {
    const form = warningForm(pattern, options);
    all = new RegExp(form.source, form.flags.includes('g') ? form.flags : `${form.flags}g`);
    GLOBAL_FORM.set(pattern, all);
  }
  return all;
}

/** A global copy of each `form`-restricted warning pattern's regex, to read past its warnings (findHit). */
const GLOBAL_MATCH = new Map<Pattern, RegExp>();

/**
 * The first match of the pattern in `text` that is not its warning (Pattern.warning's `form`), once the
 * warning was outlived; null when every match is the warning, or the pattern reads nothing but it.
 */
function matchPastWarning(pattern: Pattern, options: WarningOptions, text: string): RegExpExecArray | null {
  const { form } = options;
  if (!form) return null;
  let all = GLOBAL_MATCH.get(pattern);
  if (!all) {
    all = new RegExp(pattern.match.source, pattern.match.flags.includes('g') ? pattern.match.flags : `${pattern.match.flags}g`);
    GLOBAL_MATCH.set(pattern, all);
  }
  all.lastIndex = 0;
  for (let m = all.exec(text); m; m = all.exec(text)) {
    if (!form.test(m[0])) return m;
    if (m[0].length === 0) all.lastIndex++;
  }
  return null;
}

/**
 * The pattern's first match in the sources (most telling first), when its `also` appears and its
 * `unless` does not appear anywhere in the record, and, for a warning (Pattern.warning), when the
 * warning was not outlived (warningOutlived: then only a match that is not the warning answers).
 * `also`/`unless` read the whole record, so they are tested only once `match` has found something:
 * the same answer, without scanning every record for the context words of patterns that do not
 * match it.
 */
function findHit(
  pattern: Pattern,
  sources: { source: MatchSource; text: string }[],
  ctx: PatternContext,
  record: TextSources,
): Hit | null {
  if (pattern.needs) {
    const lower = (ctx.lower ??= ctx.text.toLowerCase());
    if (!pattern.needs.some((w) => lower.includes(w))) return null;
  }
  const warning = warningOptions(pattern);
  for (const { source, text } of sources) {
    if (!text) continue;
    let match = pattern.match.exec(text);
    if (!match) continue;
    if (pattern.also && !pattern.also.test(ctx.text)) return null;
    if (pattern.unless?.test(ctx.text)) return null;
    // A symptom that yields to a cause named before it answers no more than under an `unless` (yields.ts).
    if (pattern.yieldsTo && symptomYields(pattern.yieldsTo, record, pattern.match)) return null;
    if (warning && (!warning.form || warning.form.test(match[0]))) {
      if (outlivedIn(pattern, record, ctx)) {
        match = matchPastWarning(pattern, warning, text);
        if (!match) continue;
      }
    }
    const resolution = pattern.resolve?.(ctx, { text, index: match.index, length: match[0].length }) ?? null;
    const reading = (resolution && PATTERN_BY_ID.get(resolution.as)) || pattern;
    return { pattern, reading, source, match, score: pattern.priority + SOURCE_WEIGHT[source] };
  }
  return null;
}

function toClassification(hit: Hit, runnerUp: Hit | undefined): Classification {
  const { reading, source, match } = hit;
  let confidence = reading.confidence * SOURCE_CONFIDENCE[source];
  const reasons: string[] = [];
  const what = shorten(redact(match[0]), 60);
  reasons.push(
    source === 'headline'
      ? `"${what}" in the error message`
      : source === 'telling'
        ? `"${what}" in a telling line`
        : `"${what}" only in the body of the log`,
  );
  if (reading !== hit.pattern) {
    confidence *= 0.95;
    reasons.push(`read in context as ${reading.category}`);
  }
  if (runnerUp && runnerUp.score >= hit.score - 10) {
    confidence *= 0.85;
    reasons.push(`competing reading ${runnerUp.reading.category}/${runnerUp.reading.factor}`);
  }
  if (reading.priority < 35) reasons.push('generic wording, weak signal');
  confidence = Math.min(0.97, confidence);
  const capture = match[1] && match[1] !== match[0] ? shorten(redact(match[1]), 80) : what;
  return {
    id: reading.id,
    category: reading.category,
    factor: reading.factor,
    severity: reading.severity,
    confidence,
    rationale: `Matched ${reasons.join('; ')}.`,
    title: shorten(reading.title.replaceAll('$1', capture), 200),
    hypothesis: reading.hypothesis,
    fix: reading.fix.replaceAll('$1', capture),
    actions: reading.actions,
    matched: match[0],
    source,
    answeredBy: 'patterns',
    alternatives: [],
  };
}

/** The answer of the structure tables: the best part read, at medium confidence at most. */
export function partsClassification(reading: PartsReading): Classification {
  const { part } = reading;
  const { category, factor, what } = part.meaning;
  const explanation = explanationOf(category);
  const name = shorten(redact(part.name), 80);
  const where =
    part.where === 'body' ? 'in the body of the log' : `in ${part.where === 'headline' ? 'the error message' : 'a telling line'}`;
  const component = reading.component ? `; logged by ${shorten(reading.component, 60)}` : '';
  return {
    id: `parts.${part.kind}`,
    category,
    factor,
    severity: category === 'hardware_fault' || category === 'resource_error' ? 'high' : 'medium',
    confidence: reading.confidence,
    rationale: `Read from the structure of the text: ${part.kind.replace('_', ' ')} ${name} ${where} (${what})${component}; no phrase of the pattern library matched more specifically.`,
    title: shorten(`${what} (${name})`, 200),
    hypothesis: explanation.hypothesis,
    fix: explanation.fix,
    actions: explanation.actions,
    matched: part.name,
    source: part.where,
    answeredBy: 'structure',
    alternatives: [],
  };
}

/**
 * The learned second opinion's answer: its calibrated confidence (never 0.8 or more), the
 * category's general explanation; `overruled` is the rules' weaker reading it replaces, if any.
 */
export function modelClassification(opinion: SecondOpinion, overruled?: Classification): Classification {
  const explanation = explanationOf(opinion.category);
  const why = overruled
    ? `The rules' reading (${overruled.category}/${overruled.factor}) was weak (confidence ${overruled.confidence.toFixed(2)}); the learned second opinion`
    : 'No pattern or known part matched; the learned second opinion';
  return {
    id: 'model.second_opinion',
    category: opinion.category,
    factor: opinion.factor,
    severity: opinion.category === 'hardware_fault' || opinion.category === 'resource_error' ? 'high' : 'medium',
    confidence: opinion.confidence,
    rationale: `${why} (${opinion.version}) reads the telling lines as ${opinion.category}/${opinion.factor} (posterior ${opinion.posterior.toFixed(2)}; answers of that band were right ${Math.round(100 * opinion.confidence)}% of the time on failures the rules had not seen).`,
    title: `Likely ${opinion.category.replaceAll('_', ' ')} (${opinion.factor.replaceAll('_', ' ')}), by the learned model`,
    hypothesis: explanation.hypothesis,
    fix: explanation.fix,
    actions: explanation.actions,
    matched: '',
    source: 'none',
    answeredBy: 'model',
    alternatives: [],
  };
}

/** Below this many characters of headline and telling lines, the second opinion also reads the body's end. */
const MODEL_TEXT_MIN = 40;
const MODEL_TAIL = 800;

/**
 * The text the second opinion reads (train-model.js trains on the same, through evaluate.js):
 * the headline and the telling lines; when they say almost nothing (a log with no error line),
 * the last 800 characters of the body too, where a log usually ends with its failure. minChars 0
 * gives the older text (headline and telling lines only), which train-model.js compares against. The
 * hedge lists (parts/tables/hedges.ts) are blanked, as for every reader.
 */
export function modelText(record: TextSources, minChars = MODEL_TEXT_MIN): string {
  // Without the hedge lists (withoutHedges), as classify reads the record: train-model.js trains on the same text.
  const sources = withoutHedges(record);
  const text = `${sources.headline}\n${sources.telling.join('\n')}`;
  if (saidLength(text) >= minChars) return text;
  return `${text}\n${cutTail(sources.body, MODEL_TAIL)}`;
}

/** The record's text with `mask` applied to each line whole (outlivedWarningMask), for the second opinion. */
function maskedSources(sources: TextSources, mask: (line: string) => string): TextSources {
  const masked = (text: string) => text.split('\n').map(mask).join('\n');
  return { ...sources, headline: masked(sources.headline), telling: sources.telling.map(masked), body: masked(sources.body) };
}

/** Whether a record has any text to read (else: "no error text", and no structure or model reading). */
const hasTextIn = (sources: TextSources): boolean =>
  Boolean(sources.headline.trim() || sources.body.trim() || sources.telling.length);

export function unknownClassification(hasText: boolean, why: string): Classification {
  return {
    id: 'unknown',
    category: 'unknown',
    factor: 'unknown',
    severity: 'low',
    confidence: hasText ? 0.3 : 0.15,
    rationale: why,
    title: 'Failure with no recognisable cause',
    hypothesis:
      'The record failed, but its text matches no known failure pattern; the cause cannot be pinned down from what was sent.',
    fix: 'Read the telling lines in the evidence; send the full log or the exception event with the failure so it can be classified.',
    actions: [
      'Read the telling lines and the end of the log',
      'Capture the exception (type, message, stack trace) when the run fails',
    ],
    matched: '',
    source: 'none',
    answeredBy: 'none',
    alternatives: [],
  };
}

/**
 * Classifies a record's text: the rules (classifyByRules), their confidence capped by their
 * code's measured share right (calibration.ts; not for episodes), then the learned second opinion,
 * when its file's measured verdict switched it on, where the rules said "unknown", or answered
 * below the file's `overrules_below` (0: never) or with a weak reading (calibration.ts
 * weakReading: a code surely right under 30% of the time over 20 or more first answers) while the model
 * names another pair with a band measured more sure than the rules' capped confidence; the rules'
 * reading is then kept as an alternative. Never for episodes (their rule chain is fixed by the
 * seed) nor without text.
 */
export function classify(
  kind: PatternContext['kind'],
  sources: TextSources,
  deadline?: Deadline,
  extraContext = '',
): Classification {
  // A list of possible causes a package prints with any failure is read by no reader (withoutHedges).
  sources = withoutHedges(sources);
  extraContext = blankHedges(extraContext);
  const ctx = patternContext(kind, sources, extraContext);
  const byRules = classifyByRules(ctx, sources, deadline);
  if (kind === 'episode') return byRules;
  // Each code's confidence capped by its measured share right (calibration.ts).
  const rules = capConfidence(byRules);
  const unknown = rules.answeredBy === 'none';
  // A weak reading (calibration.ts weakReading: surely right under 30% at first sight) asks the model too.
  const asks = unknown || rules.confidence < modelOverrulesBelow() || weakReading(rules.id);
  if (!hasTextIn(sources) || !asks) return rules;
  deadline?.check('second opinion');
  // The model reads the record's text with an outlived warning's words blanked, as the structure readers do.
  const mask = outlivedWarningMask(ctx, sources);
  const opinion = secondOpinion(modelText(mask ? maskedSources(sources, mask) : sources), false, ctx.llm, ctx.text);
  if (!opinion) return rules;
  if (unknown) return modelClassification(opinion);
  if (`${opinion.category}/${opinion.factor}` === `${rules.category}/${rules.factor}` || opinion.confidence <= rules.confidence)
    return rules;
  const overruling = modelClassification(opinion, rules);
  overruling.alternatives.push({ ...rules, alternatives: [] });
  return overruling;
}

/**
 * The end of the hedge list whose anchor starts at `at` in `text` (parts/tables/hedges.ts): past the anchor
 * and each item that follows exactly, in order; an item cut where the line ends (what is left of the line,
 * less a `\r`, is the item's start) ends the list at the line's end. Reads at most the list's length.
 */
function hedgeEnd(text: string, at: number, hedge: HedgeList): number {
  let end = at + hedge.anchor.length;
  for (const item of hedge.items) {
    if (text.startsWith(item, end)) {
      end += item.length;
      continue;
    }
    const newline = text.indexOf('\n', end);
    const lineEnd = newline < 0 ? text.length : newline;
    // A line longer than the item holds more than the item: not a cut.
    if (lineEnd - end > item.length + 1) break;
    const rest = text.slice(end, lineEnd).replace(/\r$/, '');
    if (rest.length > 0 && item.startsWith(rest)) end += rest.length;
    break;
  }
  return end;
}

/** `text` with each hedge list (parts/tables/hedges.ts) blanked to spaces of the same length; `text` itself when it holds none. */
function blankHedges(text: string): string {
  let out = text;
  for (const hedge of HEDGE_LISTS) {
    let at = out.indexOf(hedge.anchor);
    if (at < 0) continue;
    const pieces: string[] = [];
    let from = 0;
    while (at >= 0) {
      const end = hedgeEnd(out, at, hedge);
      pieces.push(out.slice(from, at), ' '.repeat(end - at));
      from = end;
      at = out.indexOf(hedge.anchor, end);
    }
    pieces.push(out.slice(from));
    out = pieces.join('');
  }
  return out;
}

/**
 * The record's text with the lists of possible causes its packages print blanked (parts/tables/hedges.ts:
 * Ray's "There are some potential root causes. (1) … OOM killer … (2) … (3) …"): a hedge names no cause,
 * so no reader reads it (the patterns, the structure tables, the model), and the record is read by what
 * else it says. The same object when no source holds a hedge's anchor (a substring test per source).
 */
export function withoutHedges(sources: TextSources): TextSources {
  const held = (text: string) => HEDGE_LISTS.some((h) => text.includes(h.anchor));
  if (
    !held(sources.headline) &&
    !held(sources.body) &&
    !sources.telling.some(held) &&
    !(sources.reported && held(sources.reported))
  )
    return sources;
  return {
    ...sources,
    headline: blankHedges(sources.headline),
    telling: sources.telling.map(blankHedges),
    body: blankHedges(sources.body),
    ...(sources.reported === undefined ? {} : { reported: blankHedges(sources.reported) }),
  };
}

/**
 * A known package's message (parts/messages.ts) of weight >= CAUSE_WEIGHT on the very line where
 * the best pattern matched: the pattern read some of its words, the package table says what its
 * software means by the whole message. Messages read only about a sensor, whose `unless` appears
 * in the record or whose `when` does not, are left to readParts.
 */
function ownMessage(best: Hit, ctx: PatternContext, sources: TextSources): PartsReading | null {
  const { text } = ctx;
  const line = lineOf({ text: best.match.input, index: best.match.index, length: best.match[0].length });
  let found: PartsReading | null = null;
  for (const message of packageMatcher([{ text: line }])(line)) {
    const { meaning } = message;
    if (meaning.weight < CAUSE_WEIGHT || meaning.sensorOnly || meaning.unless?.test(text)) continue;
    if (meaning.when && !meaning.when.test(text)) continue;
    if (meaning.yieldsTo && symptomYields(meaning.yieldsTo, sources)) continue;
    // A package warning the warning step found outlived answers through no reader (module comment).
    if (messageOutlived(meaning, sources, ctx)) continue;
    if (found && found.part.meaning.weight >= meaning.weight) continue;
    const where = best.source === 'none' ? 'body' : best.source;
    const part: Part = { kind: 'package', name: `${message.pkg}: ${message.says}`, where, meaning };
    found = { part, confidence: partConfidence(part), parts: [part] };
  }
  return found;
}

/** The generic pairs of a wrapper (an uncaught exception, a failed assertion or CHECK): its message may name the cause. */
const WRAPPER_PAIRS: ReadonlySet<string> = new Set(['runtime_error/unhandled_exception', 'runtime_error/assertion_failed']);
/**
 * An uncaught std::invalid_argument is a wrapper too: libstdc++'s and the program's own argument
 * checks throw it for any cause ("what():  File not found", "what():  stoi"), so its class names
 * only that a check failed; its message, when it names a cause of another kind (a missing file),
 * answers (docs/taxonomy.md rule 6: "with a cause in the text (… an exception's message), the
 * cause"; robotics-20's Fields2Cover, config_error/file_not_found). A message naming no cause
 * leaves the class's reading.
 */
const CPP_CHECK_PAIR = 'validation_error/invalid_argument';
const UNCAUGHT_CPP_CHECK = /\bterminate called after throwing an instance of 'std::invalid_argument'/;
/** At most this many wrapper messages of a record are read (most telling first). */
const WRAPPER_MESSAGES_MAX = 6;

/**
 * Classifies a record's text (its context `ctx`, made once by classify) by the rules, in this
 * order:
 * 1. the pattern library and the structure tables over the whole record (readRules);
 * 2. when their answer is a generic wrapper's pair (an uncaught exception, a failed assertion or
 *    CHECK: WRAPPER_PAIRS), the wrapper's own message (wrappers.ts: C++'s what(), an assert's
 *    string, a CHECK's message, a generic exception's or a panic's message) is read alone by the
 *    same readers, and a specific cause it names answers (docs/taxonomy.md rules 1 and 6: "with a
 *    cause in the text (… an exception's message), the cause"); the wrapper's reading becomes an
 *    alternative. A message that names no cause leaves the wrapper's answer. Never for episodes.
 */
export function classifyByRules(ctx: PatternContext, sources: TextSources, deadline?: Deadline): Classification {
  const answer = readRules(ctx, sources, deadline);
  if (ctx.kind === 'episode') return answer;
  const pair = `${answer.category}/${answer.factor}`;
  if (!WRAPPER_PAIRS.has(pair) && !(pair === CPP_CHECK_PAIR && UNCAUGHT_CPP_CHECK.test(ctx.text))) return answer;
  return wrapperCause(ctx, sources, answer, deadline) ?? answer;
}

/** The first specific cause a wrapper's message of the record names (classifyByRules, step 2), or null. */
function wrapperCause(
  ctx: PatternContext,
  sources: TextSources,
  wrapper: Classification,
  deadline?: Deadline,
): Classification | null {
  for (const message of wrapperMessages(sources).slice(0, WRAPPER_MESSAGES_MAX)) {
    deadline?.check('wrapper message');
    const alone: TextSources = { headline: message.text, telling: [], body: '' };
    // The message is read in the record's context (its model-call, tool, sensor words).
    const read = readRules(patternContext(ctx.kind, alone, ctx.text), alone, deadline);
    const pair = `${read.category}/${read.factor}`;
    if (read.answeredBy === 'none' || WRAPPER_PAIRS.has(pair) || pair === `${wrapper.category}/${wrapper.factor}`) continue;
    const said = shorten(redact(message.text), 100);
    return {
      ...read,
      confidence: read.confidence * SOURCE_CONFIDENCE[message.where],
      rationale: `The failure is ${message.form} whose message names the cause ("${said}"); read alone: ${read.rationale}`,
      matched: read.matched || message.text,
      source: message.where,
      alternatives: [{ ...wrapper, alternatives: [] }, ...read.alternatives].slice(0, 3),
    };
  }
  return null;
}

/**
 * The pattern library and the structure tables over a record's text: every pattern (that the
 * prefilter does not rule out) is tried on the headline, then the telling lines, then the body;
 * the best hit by priority plus source weight wins, a known package's message or the structure
 * tables may overrule it (below), and weaker readings of another category are kept as alternatives.
 */
function readRules(ctx: PatternContext, sources: TextSources, deadline?: Deadline): Classification {
  const { kind } = ctx;
  const ordered = [
    { source: 'headline' as const, text: sources.headline },
    { source: 'telling' as const, text: sources.telling.join('\n') },
    { source: 'body' as const, text: sources.body },
  ];
  const hits: Hit[] = [];
  // One pass over the text finds which patterns' words it holds; a pattern with words of which
  // none is there cannot match and is not tried (prefilter.ts): the same hits, fewer scans.
  const words = prefilter();
  words.scan((ctx.lower ??= ctx.text.toLowerCase()));
  for (let i = 0; i < PATTERNS.length; i++) {
    if (!words.open(i)) continue;
    deadline?.check('pattern matching');
    const hit = findHit(PATTERNS[i] as Pattern, ordered, ctx, sources);
    if (hit) hits.push(hit);
  }
  const hasText = hasTextIn(sources);
  // The structure tables answer when no pattern does, or when only a generic pattern did
  // (an unhandled exception, a bare timeout or network word): never for episodes, whose rule
  // chain is fixed by the seed.
  // Read only when needed: most records are answered by a specific pattern.
  const structure = () => {
    deadline?.check('structure');
    // The generic robot reading is left out of records about a model call (ctx.llm).
    if (kind === 'episode' || !hasText) return null;
    // The words of an outlived warning are read by no reader (outlivedWarningMask): as for its pattern.
    const mask = outlivedWarningMask(ctx, sources) ?? undefined;
    return readParts(sources, ctx.text, !ctx.llm, robotVerbs(ctx), partRegexes(ctx), mask);
  };
  if (hits.length === 0) {
    const parts = structure();
    if (parts) return partsClassification(parts);
    // Neither rules nor tables: classify() asks the learned second opinion.
    return unknownClassification(hasText, hasText ? 'No known failure pattern in the text.' : 'No error text to analyze.');
  }
  hits.sort((a, b) => b.score - a.score);
  const best = hits[0] as Hit;
  const key = (h: Hit) => `${h.reading.category}/${h.reading.factor}`;
  const others = hits.filter((h) => key(h) !== key(best));
  const result = toClassification(best, others[0]);
  const own = kind === 'episode' ? null : ownMessage(best, ctx, sources);
  if (own && `${own.part.meaning.category}/${own.part.meaning.factor}` !== key(best)) {
    // The pattern read a few words of a known package's own message: the message, as its
    // software means it, answers (rule 1: the cause the text names); the pattern's reading
    // becomes an alternative.
    const structural = partsClassification(own);
    structural.alternatives.push({
      ...result,
      confidence: Math.min(result.confidence, structural.confidence * 0.9),
      alternatives: [],
    });
    return structural;
  }
  const surface = best.reading.surface === true;
  const byClass = best.reading.byClass === true;
  const parts = best.reading.priority < GENERIC_PRIORITY || surface || byClass ? structure() : null;
  if (parts) {
    const structural = partsClassification(parts);
    // Rule 1 (docs/taxonomy.md): a pattern that could only say "an unhandled exception" (an
    // exception class no table names: "RLException: error loading <rosparam> tag:",
    // "RuntimeError: Could not initialize camera") loses to any cause the structure reads on its
    // line or the lines around it ("file does not exist", a camera that cannot start), whatever
    // their hand-set confidences; a part that itself reads as the generic answer (a signal, an
    // uncaught C++ exception) names no cause and overrules nothing. Other generic patterns (a
    // bare timeout, a failed CHECK) keep the comparison of confidences.
    const overrules = surface
      ? parts.part.meaning.weight >= CAUSE_WEIGHT && CALL_KINDS.has(parts.part.kind)
      : byClass
        ? parts.part.meaning.weight >= CAUSE_WEIGHT && parts.part.kind === 'package'
        : !GENERIC_PARTS.has(`${structural.category}/${structural.factor}`) &&
          (GENERIC_PARTS.has(key(best)) || structural.confidence > result.confidence);
    if (`${structural.category}/${structural.factor}` !== key(best) && overrules) {
      structural.alternatives.push({
        ...result,
        confidence: Math.min(result.confidence, structural.confidence * 0.9),
        alternatives: [],
      });
      return structural;
    }
  }
  const seen = new Set([key(best)]);
  for (const h of others) {
    if (seen.has(key(h))) continue;
    seen.add(key(h));
    const alt = toClassification(h, undefined);
    alt.confidence = Math.min(alt.confidence * 0.6, result.confidence * 0.9);
    result.alternatives.push(alt);
    if (result.alternatives.length >= 3) break;
  }
  return result;
}
