/**
 * The symptom step: a symptom yields to the cause named before it (docs/taxonomy.md rule 1, the cause
 * over the step where it surfaced). A rule (a pattern's `yieldsTo`, types.ts; a package message's,
 * parts/table.ts yieldsTo) declares, as data, which symptom it reads and which earlier causes explain it:
 * OpenCV's empty-image assertion yields to videoio's "can't open camera by index" before it, unless
 * another source was opened or read between them; SageMaker's unpickling failure yields to a top-level
 * module missing, named before it or in its own message. The engine names no symptom and no cause.
 *
 * Invariants:
 * - a symptom yields when, for some occurrence of its form in the record (symptomText: the body, the log
 *   in its own order, when the form is there; else the body, the telling lines and the headline, the
 *   producer's message taken as reported after every line), one of its causes is found ending in the
 *   `within` characters (default REACH, at most REACH_MAX; 'all': anywhere before) before the start of
 *   that occurrence, with no `between` word of that cause starting after the cause's end and before the
 *   symptom. A cause after the symptom (another run, a later line) explains nothing, with two exceptions a
 *   cause declares: `quoted`, a cause on the symptom's own line after its start (a message that quotes its
 *   cause: SageMaker's), with no `between` word of it on the line between the symptom and the cause;
 *   `reported`, a cause in the producer's own message (TextSources.reported, when the caller gives it)
 *   while the symptom is in the log (the failure as the producer reported it: the FTC Driver Station's error);
 * - a cause whose match is longer than MARGIN and ends in reach may be missed: every declared cause's
 *   longest match is at most MARGIN (rosbag2's, the longest, 373 characters; it reads 'all' anyway);
 * - what the step narrowed against the `unless` it replaced (session 21): a cause only after the symptom
 *   in the log no longer counts (the order is read; OpenCV's camera message among the telling lines after
 *   the assertion in the body counted for the old `unless`, over the headline, telling lines and body
 *   together: it no longer does, a fix); the rules whose cause may be far before or only in the producer's
 *   message declare 'all' and `reported` (numpy's float warning, the FTC watchdog, rosbag2's report);
 * - a symptom that yields does not answer for the record, as an `unless` would (classify.ts findHit for a
 *   pattern; parts/read.ts readParts and classify.ts ownMessage for a package message): the cause's own
 *   rule answers, and a cause no rule reads leaves the other readings. The symptom's words are not
 *   masked from the other readers (an outlived warning's are: classify.ts);
 * - bounded and linear: the form is tested once on the body (symptomText) and then run once more over the
 *   text read (each occurrence found once, forward), and the causes and `between` words are read only in
 *   the reach before each occurrence (and MARGIN more, for words across its start), never before the start
 *   of the previous occurrence, up to which the part before it was read (the last cause and the last
 *   `between` word found so far carry over; with 'all' the whole text before is read once, forward), plus,
 *   for a `quoted` cause, the symptom's own line cut to LINE_MAX characters, less what an earlier
 *   occurrence on it read (a `between` word is then read in that part only, before the cause: a cause
 *   after a `between` word there may be missed for a later occurrence on the same line), plus, for a
 *   `reported` cause, the producer's message once: every character of the text is read by a
 *   cause's regex a bounded number of times, whatever the text's size and however often the symptom
 *   repeats. Regexes are the rules' (bounded repetition).
 */
import type { EarlierCause, YieldsTo } from './types.js';

/** The default reach of a cause before its symptom, in characters. */
export const REACH = 2000;
/** The longest reach a cause may declare (a library test holds every declaration to it). */
export const REACH_MAX = 4000;
/** How much of the symptom's own line (from its start) is read for a cause quoted in it. */
const LINE_MAX = 2000;
/**
 * A cause's or `between` word's longest match, read again across the start of a part read: every declared
 * cause's longest match is at most this long (module comment; patterns-yields.test holds rosbag2's).
 */
export const MARGIN = 400;

/** The parts of a record the step reads (classify.ts TextSources). */
export interface SymptomSources {
  headline: string;
  telling: readonly string[];
  body: string;
  /** The producer's own error message, whole, when the caller knows it (classify.ts TextSources.reported). */
  reported?: string;
}

/** Global copies of the forms and causes' regexes, made on first use. */
const GLOBAL = new WeakMap<RegExp, RegExp>();

function globalOf(re: RegExp): RegExp {
  let g = GLOBAL.get(re);
  if (!g) {
    g = new RegExp(re.source, `${re.flags.replace(/[gy]/g, '')}g`);
    GLOBAL.set(re, g);
  }
  return g;
}

/** The end of the last match of `re` in `text` (-1 when none), and, when `starts`, the start of the last one instead. */
function lastIn(re: RegExp, text: string, starts = false): number {
  const g = globalOf(re);
  g.lastIndex = 0;
  let last = -1;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    last = starts ? m.index : m.index + m[0].length;
    if (m[0].length === 0) g.lastIndex++;
  }
  return last;
}

/**
 * The text in which the symptom's order is read: the body when the form is there (a log in its own
 * order), else the body, the telling lines and the headline (a message reported after the log's lines).
 */
function symptomText(form: RegExp, sources: SymptomSources): { text: string; inLog: boolean } {
  if (sources.body && form.test(sources.body)) return { text: sources.body, inLog: true };
  return { text: [sources.body, ...sources.telling, sources.headline].join('\n'), inLog: false };
}

/** Whether `cause` is on `line` (the symptom's own line from its start) with no `between` word before its first match. */
function quotedOn(cause: EarlierCause, line: string): boolean {
  const m = cause.said.exec(line);
  if (!m) return false;
  return !cause.between?.test(line.slice(0, m.index));
}

/** Whether a `reported` cause is in the producer's own message (TextSources.reported: not a line picked from the log). */
function inReport(cause: EarlierCause, sources: SymptomSources): boolean {
  return Boolean(sources.reported && cause.said.test(sources.reported));
}

/** One cause's state while the occurrences are read forward: the last cause's end, the last `between` word's start (absolute; -1: none). */
interface CauseState {
  causeEnd: number;
  betweenStart: number;
}

/**
 * Whether the symptom `yieldsTo` declares (its `form`, else `match`: the pattern's regex) yields in this
 * record to one of its causes (module comment). False when the form is not in the record, or there is none.
 */
export function symptomYields(yieldsTo: YieldsTo, sources: SymptomSources, match?: RegExp): boolean {
  const form = yieldsTo.form ?? match;
  if (!form) return false;
  const { text, inLog } = symptomText(form, sources);
  // The form is in the log: a `reported` cause in the producer's message counts (module comment).
  if (inLog && yieldsTo.causes.some((c) => c.reported && inReport(c, sources))) return true;
  const occurrences = globalOf(form);
  const states: CauseState[] = yieldsTo.causes.map(() => ({ causeEnd: -1, betweenStart: -1 }));
  let readTo = 0;
  let lineReadTo = 0;
  // The end of the line the last occurrence was on (its newline, or the text's end): found once per line.
  let lineEnd = -1;
  occurrences.lastIndex = 0;
  for (let m = occurrences.exec(text); m; m = occurrences.exec(text)) {
    const at = m.index;
    if (m[0].length === 0) occurrences.lastIndex++;
    if (at >= lineEnd) {
      const newline = text.indexOf('\n', at);
      lineEnd = newline < 0 ? text.length : newline;
    }
    // The symptom's own line from its start (cut to LINE_MAX), less what an earlier occurrence on it read.
    const lineTo = Math.min(lineEnd, at + LINE_MAX);
    const lineFrom = Math.max(at, lineReadTo - MARGIN);
    const line = lineFrom < lineTo ? text.slice(lineFrom, lineTo) : '';
    for (let k = 0; k < yieldsTo.causes.length; k++) {
      const cause = yieldsTo.causes[k] as EarlierCause;
      const state = states[k] as CauseState;
      const reach = cause.within === 'all' ? Number.POSITIVE_INFINITY : Math.min(cause.within ?? REACH, REACH_MAX);
      // The part of the reach (and a cause's words straddling its start) not read for an earlier occurrence.
      const from = Math.max(at - reach - MARGIN, readTo);
      if (from < at) {
        const part = text.slice(from, at);
        const end = lastIn(cause.said, part);
        if (end >= 0) state.causeEnd = from + end;
        if (cause.between) {
          // A `between` word is read only after the last cause (state.causeEnd): one before it explains nothing.
          const since = Math.max(0, state.causeEnd - from);
          const start = lastIn(cause.between, part.slice(since), true);
          if (start >= 0) state.betweenStart = from + since + start;
        }
      }
      if (state.causeEnd >= 0 && at - state.causeEnd <= reach && state.betweenStart < state.causeEnd) return true;
      // A cause quoted on the symptom's own line, after its start, with no `between` word before it there.
      if (cause.quoted && line && quotedOn(cause, line)) return true;
    }
    readTo = at;
    lineReadTo = Math.max(lineReadTo, lineTo);
  }
  return false;
}
