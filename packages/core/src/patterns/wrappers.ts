/**
 * Generic wrappers and their messages (issue 13; docs/taxonomy.md rule 1, rule 6: "with a cause
 * in the text (a NaN, a description error, an exception's message), the cause"). A wrapper is a
 * failure form that says only *how* the program stopped — C++'s `terminate … what():`, glibc's
 * assert(3), glog's CHECK, an exception of a generic or unknown class (`RuntimeError:`,
 * `Exception:`, `AssertionError:`, JavaScript's `Error:`, Java's `RuntimeException`), a Go or
 * Rust panic — and carries a message of the program's own that often names *why*
 * ("Duration is out of dual 32-bit range", "Invalid (NaN, Inf) point coordinates").
 *
 * This module only finds those messages in a record's lines (linear regexes, bounded repetition,
 * lines cut by recordLines); classify.ts reads each with the same cause readers as the whole
 * record (patterns, then the structure tables) when the rules' answer is the wrapper's generic
 * pair.
 */
import { cut, cutTail } from '../text.js';
import type { PartWhere } from './parts/read.js';

/** One wrapper's message, where its line was found, and the wrapper's form (for the rationale). */
export interface WrapperMessage {
  text: string;
  where: PartWhere;
  form: string;
}

/** C++: libstdc++'s `terminate called after throwing …` then `  what():  <message>`. */
const CPP_WHAT = /\bwhat\(\):\s{0,8}(\S[^\n]{0,300})/;
/** glibc's assert(3) with a message in the condition: `Assertion `p && "message"' failed`. */
const C_ASSERT = /\bAssertion `([^\n]{1,400})' failed/;
const C_STRING = /"([^"\n]{6,200})"/g;
/**
 * glog/absl CHECK: "Check failed: cond (a vs. b) message" or "Check failed: cond message". The
 * condition is code: after "(a vs. b)" the rest is the message; without it, the condition's
 * leading code token(s) are dropped (CODE_HEAD).
 */
const CHECK = /\bCheck failed: ([^\n]{1,400})/;
const CHECK_VS = /\([^()\n]{0,120} vs\. [^()\n]{0,120}\)\s{0,8}(\S[^\n]{0,300})/;
// A code token's characters never begin an operator (`>` only in `->`, `&` only alone), so a run of
// `>` or `&` splits one way: linear, where `[\w.:>…&-]{1,120}` around `>`/`&&` backtracked as n^5.
const CODE_HEAD =
  /^!?(?:[\w.:()[\]*]|->|-(?!>)|&(?!&)){1,120}(?:\s{0,2}(?:==|!=|<=|>=|<|>|&&|\|\|)\s{0,2}(?:[\w.:()[\]*"']|->|-(?!>)|&(?!&)){1,120}){0,4}\s{1,8}/;
/**
 * An exception of a generic or unknown class with its message: Python's `RuntimeError: m`,
 * `Exception: m`, `AssertionError: m`, `foo.bar.SomethingError: m`, JavaScript's `Error: m`,
 * Java's `java.lang.RuntimeException: m`. Known classes (ValueError, KeyError…) are read by
 * their class before this runs: the wrapper step runs only when the answer is generic.
 */
const EXCEPTION_LINE =
  /(?:^|[\s:([>|])((?:[\w$]{1,60}\.){0,8}(?:[A-Z][\w$]{0,60})?(?:Error|Exception|Failure))(?::[ \t]{1,8}(\S[^\n]{0,300})|:?[ \t]*$)/;
/** Go's `panic: message` (not `panic: runtime error:`, a table of its own) and Rust's panics. */
const GO_PANIC = /\bpanic: (?!runtime error:)(\S[^\n]{0,300})/;
const RUST_PANIC = /\bpanicked at '([^\n]{1,300})'|\bpanicked at [^\n]{1,200}?:\d{1,6}:\d{1,6}:\s{0,4}(\S[^\n]{0,300})?$/;
const RUST_UNWRAP = /\bcalled `(?:Option|Result)::(?:unwrap|expect)\(\)` on an `Err` value: (\S[^\n]{0,300})/;

/** A line that is not a message's continuation: a stack frame, a log line, a new exception, a traceback. */
const NOT_CONTINUATION =
  /^\s{0,12}(?:File "|at |@ |#\d|Traceback|During handling|The above exception|\[|\d{2,4}[-/:]\d|[A-Z]\d{4} |\*\*\*|[-=]{4}|>|E\s{2})|(?:Error|Exception):/;
const MESSAGE_CONTINUATIONS = 3;
const MESSAGE_MAX = 400;

/** A message worth reading: some words, not only a code or a path. */
const WORDY = /[A-Za-z]{3,}[^A-Za-z]{1,4}[A-Za-z]{2,}/;

/**
 * The message a line's wrapper carries, with up to three continuation lines when the message
 * goes on below (an empty `AssertionError:` with its text under it, a message wrapped mid-sentence).
 */
function messageOf(lines: readonly { text: string; where: PartWhere }[], i: number): { text: string; form: string }[] {
  const line = (lines[i] as { text: string }).text;
  const out: { text: string; form: string }[] = [];
  const what = CPP_WHAT.exec(line);
  if (what) out.push({ text: what[1] as string, form: 'an uncaught C++ exception' });
  const assert = C_ASSERT.exec(line);
  if (assert) {
    C_STRING.lastIndex = 0;
    for (let s = C_STRING.exec(assert[1] as string); s; s = C_STRING.exec(assert[1] as string))
      out.push({ text: s[1] as string, form: 'a failed assert()' });
  }
  const check = CHECK.exec(line);
  if (check) {
    const rest = check[1] as string;
    const vs = CHECK_VS.exec(rest);
    const said = vs ? (vs[1] as string) : rest.replace(CODE_HEAD, '');
    if (said !== rest || vs) out.push({ text: said, form: 'a failed CHECK' });
  }
  const go = GO_PANIC.exec(line);
  if (go) out.push({ text: go[1] as string, form: 'a panic' });
  const rust = RUST_PANIC.exec(line);
  if (rust) {
    const said = rust[1] ?? rust[2] ?? continuation(lines, i, '');
    if (said) out.push({ text: said, form: 'a panic' });
  }
  const unwrap = RUST_UNWRAP.exec(line);
  if (unwrap) out.push({ text: unwrap[1] as string, form: 'a panic' });
  if (!what && !check && !go) {
    const ex = EXCEPTION_LINE.exec(line);
    if (ex) out.push({ text: continuation(lines, i, (ex[2] ?? '').trim()), form: `an exception (${ex[1]})` });
  }
  return out;
}

/** The message, continued on the lines below while they read as its continuation. */
function continuation(lines: readonly { text: string }[], i: number, first: string): string {
  let text = first;
  for (let k = i + 1; k < lines.length && k <= i + MESSAGE_CONTINUATIONS && text.length < MESSAGE_MAX; k++) {
    const next = (lines[k] as { text: string }).text;
    if (!next.trim() || NOT_CONTINUATION.test(next)) break;
    // A finished sentence is followed by another line of the log, not by more of the message.
    if (text && /[.!?)\]]\s*$/.test(text) && !/^\s{0,8}[a-z]/.test(next)) break;
    text = text ? `${text} ${next.trim()}` : next.trim();
  }
  return text.slice(0, MESSAGE_MAX);
}

/** How much of the body's end is searched for wrappers (as parts/read.ts BODY_TAIL). */
const BODY_TAIL = 8000;
const LINE_MAX = 2000;
const RANK: Record<PartWhere, number> = { headline: 0, telling: 1, body: 2 };

/**
 * The wrappers' messages of a record: its headline and telling lines, and the end of its body in
 * the body's own order (a message goes on below its line), most telling first, each once.
 */
export function wrapperMessages(sources: { headline: string; telling: readonly string[]; body: string }): WrapperMessage[] {
  const headline = new Set(lineList(sources.headline));
  const telling = new Set(sources.telling.flatMap(lineList));
  const where = (line: string): PartWhere => (headline.has(line) ? 'headline' : telling.has(line) ? 'telling' : 'body');
  const body = lineList(cutTail(sources.body, BODY_TAIL));
  const inBody = new Set(body);
  // Lines of the headline or telling lines the body does not hold (an error message sent apart, a trace's exception).
  const apart = [...headline, ...telling].filter((l) => !inBody.has(l));
  const found: WrapperMessage[] = [];
  const seen = new Set<string>();
  for (const lines of [apart.map((text) => ({ text, where: where(text) })), body.map((text) => ({ text, where: where(text) }))]) {
    for (let i = 0; i < lines.length; i++) {
      for (const { text, form } of messageOf(lines, i)) {
        const said = text.trim();
        if (!WORDY.test(said) || seen.has(said)) continue;
        seen.add(said);
        found.push({ text: said, where: (lines[i] as { where: PartWhere }).where, form });
      }
    }
  }
  return found.sort((a, b) => RANK[a.where] - RANK[b.where]);
}

function lineList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => cut(l, LINE_MAX))
    .filter((l) => l.trim());
}
