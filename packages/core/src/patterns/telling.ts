/**
 * Finding the telling lines of a log: the lines that state the failure (exception lines,
 * panics, ERROR/FATAL lines), not the stack frames around them. Huge logs are cut to a
 * head and a tail first, so the work per record stays bounded.
 */

import { cut, cutTail } from '../text.js';
import type { TextSources } from './classify.js';
import { anyOf } from './gate.js';

export const HEAD_CHARS = 16_000;
export const TAIL_CHARS = 96_000;
const MAX_TELLING = 6;

const EXCEPTION_LINE =
  /^\s{0,40}(?:[\w$.]{0,200}\.)?(?:[A-Z]\w{0,80}(?:Error|Exception|Exit|Interrupt|Fault|Failure|Timeout)|(?:exceptions?|errors?)\.[A-Z]\w{0,80}|KeyError|StopIteration|SystemExit)\b(?::|\s{0,40}$)/;
const CAUSED_BY = /^\s{0,80}Caused by: /;
/** libstdc++'s terminate handler: the exception's message, under "terminate called after throwing an instance of". */
const CPP_WHAT = /(?:^|\]\s{0,4})\s{0,40}what\(\):\s/;
const THREAD_EXCEPTION = /Exception in thread /;
const PANIC =
  /^\s{0,80}(?:panic: |fatal error: |FATAL[: ]|Fatal: |Error: |error: |ERROR: |E\d{4} |\[E\]|\[ERROR\]|\[FATAL\]|CRITICAL[: ]|Uncaught )/;
const LEVEL = /\b(?:ERROR|FATAL|CRITICAL|SEVERE|PANIC)\b|\[(?:error|fatal|critical)\]|\blevel=(?:error|fatal)\b/i;
const ERROR_WORD =
  /\b(?:error|exception|failed|failure|fatal|refused|denied|timed out|timeout|cannot|can't|unable|invalid|not found|killed|abort(?:ed)?|exceeded|overloaded|forbidden|unauthori[sz]ed|out of memory|no such|missing)\b/i;
const FRAME =
  /^\s{0,80}(?:File "|at [\w$.<>/\\[\]]{1,300}[ (]|at <anonymous>|at async |at new |\.\.\. \d{1,8} more|Traceback \(most recent call last\)|[\w/.-]{1,300}\.go:\d{1,8}|#\d{1,4} 0x|\^{1,500}\s{0,40}$|~{1,500}\^{0,500}\s{0,40}$|During handling of the above exception|The above exception was the direct cause)/;

/** Whether a line may score: one of the regexes that give a score matches it (one or two calls; most lines of a log match none). */
const MAY_SCORE = anyOf([EXCEPTION_LINE, CAUSED_BY, CPP_WHAT, THREAD_EXCEPTION, PANIC, LEVEL, ERROR_WORD]);

export interface ScoredLine {
  line: string;
  index: number;
  score: number;
}

/** Cuts a huge log to its head and tail (where the start-up context and the failure are); never splits a surrogate pair. */
export function boundedText(text: string): string {
  if (text.length <= HEAD_CHARS + TAIL_CHARS) return text;
  return `${cut(text, HEAD_CHARS)}\n[… ${text.length - HEAD_CHARS - TAIL_CHARS} characters skipped …]\n${cutTail(text, TAIL_CHARS)}`;
}

/** The text's lines, as `text.split(/\r?\n/)` gives them (a split on "\n" then one "\r" off each line's end: the same lines, without a regex split). */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i] as string;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

export function scoreLines(text: string): ScoredLine[] {
  const lines = linesOf(text);
  const n = lines.length;
  const scored: ScoredLine[] = [];
  let lastException = -1;
  // Python's "Exception ignored in: <function X.__del__ …>" announces an exception raised during
  // cleanup, after the failure: its exception line is a follow-on, never the failure's headline.
  let ignoring = false;
  for (let i = 0; i < n; i++) {
    const raw = lines[i] as string;
    const line = cut(raw, 2000);
    if (!line.trim()) continue;
    if (line.startsWith('Exception ignored in')) {
      if (!FRAME.test(line)) ignoring = true;
      continue;
    }
    // A line none of the scoring regexes matches would score 0.
    if (!MAY_SCORE(line) || FRAME.test(line)) continue;
    let score = 0;
    if (EXCEPTION_LINE.test(line)) {
      if (ignoring) {
        ignoring = false;
        scored.push({ line: line.trim(), index: i, score: 1 });
        continue;
      }
      score = 10;
      lastException = scored.length;
    } else if (CAUSED_BY.test(line) || (line.includes('what():') && CPP_WHAT.test(line))) score = 9;
    else if (THREAD_EXCEPTION.test(line) || PANIC.test(line)) score = 8;
    else if (LEVEL.test(line)) score = 6;
    else if (ERROR_WORD.test(line)) score = 3;
    if (score === 0) continue;
    // Later lines are usually closer to the failure.
    score += (2 * i) / Math.max(1, n);
    scored.push({ line: line.trim(), index: i, score });
  }
  const final = scored[lastException];
  if (final) final.score += 4;
  return scored;
}

/** The most telling lines, in log order, and the single best one. */
export function tellingLines(text: string, max = MAX_TELLING): { best: string; lines: string[] } {
  const scored = scoreLines(text);
  if (scored.length === 0) return { best: '', lines: [] };
  const top = [...scored].sort((a, b) => b.score - a.score || b.index - a.index).slice(0, max);
  const best = (top[0] as ScoredLine).line;
  const lines = top.sort((a, b) => a.index - b.index).map((s) => s.line);
  return { best, lines };
}

/** The text sources of a log record: its error message (or the best telling line), the telling lines, the body. */
export function logSources(errorMessage: string | null | undefined, logs: string | null | undefined): TextSources {
  const body = boundedText(logs ?? '');
  const message = (errorMessage ?? '').trim();
  const boundedMessage = boundedText(message);
  const telling = tellingLines(body);
  // A multi-line error message gets the same treatment: its own telling line leads.
  let headline = message;
  const extra: string[] = [];
  if (message.includes('\n')) {
    const own = tellingLines(boundedMessage);
    headline = own.best || message.split('\n')[0] || '';
    extra.push(...own.lines.filter((l) => l !== headline));
  }
  if (!headline) headline = telling.best;
  return {
    headline: cut(headline, 4000),
    telling: [...extra, ...telling.lines.filter((l) => l !== headline)].slice(0, 10),
    body: message.includes('\n') ? `${boundedMessage}\n${body}` : body,
    // The producer's own error message, read by the warning step as the failure reported after every
    // line of the log (classify.ts warningOutlived), wherever it also shows in the log.
    reported: boundedMessage,
  };
}
