/**
 * Well-formed text, the one definition every layer shares.
 *
 * Invariants:
 * - A *well-formed* string has no lone UTF-16 surrogate (a high surrogate U+D800..U+DBFF not
 *   followed by a low one, or a low surrogate U+DC00..U+DFFF not preceded by a high one) and no
 *   NUL (U+0000). Such a string encodes to valid UTF-8, survives JSON and ClickHouse's JSON
 *   input unchanged, and cannot forge the `org\u0000id` composite keys of the state caches.
 *   `wellFormed` maps every lone surrogate and every NUL to U+FFFD (the replacement character)
 *   and leaves everything else, pairs included, as it is.
 * - `wellFormedDeep` applies that to every string of a JSON value, object keys included, at any
 *   depth (iteratively: no depth overflows the call stack); it returns the same reference when nothing had to change (no copy on the hot path),
 *   and a copy otherwise (the input is never modified). `__proto__` stays an ordinary key.
 * - `cut` and `cutTail` never split a surrogate pair: the result is at most `maxChars` UTF-16
 *   code units and is well-formed whenever the input was. Every cut of text that is stored or
 *   shown goes through them (a plain `.slice` on text can leave half of an emoji, which
 *   ClickHouse refuses).
 */

const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';

// Node 20 has String.prototype.isWellFormed / toWellFormed (ES2024); typed here because the
// project's lib setting predates them.
type Es2024String = string & { isWellFormed(): boolean; toWellFormed(): string };

/** True when `text` has no lone surrogate and no NUL. */
export function isWellFormedText(text: string): boolean {
  return (text as Es2024String).isWellFormed() && !text.includes(NUL);
}

/** `text` with every lone surrogate and every NUL replaced by U+FFFD (the same string when there is none). */
export function wellFormed(text: string): string {
  if (isWellFormedText(text)) return text;
  const fixed = (text as Es2024String).toWellFormed();
  return fixed.includes(NUL) ? fixed.replaceAll(NUL, REPLACEMENT) : fixed;
}

/**
 * A copy of a JSON value whose every string and key is well-formed; the value itself when it
 * already was. Iterative (explicit stack), so a deeply nested value cannot overflow the call stack.
 */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (isWellFormedDeep(value)) return value;
  return rebuild(value) as T;
}

/** True when every string and key of the JSON value is well-formed. */
export function isWellFormedDeep(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (!isWellFormedText(k)) return false;
        stack.push(item);
      }
    }
  }
  return true;
}

function rebuild(root: unknown): unknown {
  const result: { value?: unknown } = {};
  const stack: { src: unknown; put: (v: unknown) => void }[] = [{ src: root, put: (v) => (result.value = v) }];
  while (stack.length > 0) {
    const { src, put } = stack.pop() as { src: unknown; put: (v: unknown) => void };
    if (typeof src === 'string') put(wellFormed(src));
    else if (Array.isArray(src)) {
      const out: unknown[] = new Array(src.length);
      put(out);
      src.forEach((item, i) => {
        stack.push({ src: item, put: (v) => (out[i] = v) });
      });
    } else if (src !== null && typeof src === 'object') {
      const out: Record<string, unknown> = {};
      put(out);
      for (const [k, item] of Object.entries(src)) {
        const key = wellFormed(k);
        // An own data property first, in input order: a `__proto__` key stays data, as JSON.parse made it.
        Object.defineProperty(out, key, { value: undefined, enumerable: true, writable: true, configurable: true });
        stack.push({ src: item, put: (v) => (out[key] = v) });
      }
    } else put(src);
  }
  return result.value;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The first at most `maxChars` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair. */
export function cut(text: string, maxChars: number): string {
  const max = Math.max(0, Math.floor(maxChars));
  if (text.length <= max) return text;
  const end = max > 0 && isHigh(text.charCodeAt(max - 1)) && isLow(text.charCodeAt(max)) ? max - 1 : max;
  return text.slice(0, end);
}

/** The last at most `maxChars` UTF-16 code units of `text`, one fewer when the cut would split a surrogate pair. */
export function cutTail(text: string, maxChars: number): string {
  const max = Math.max(0, Math.floor(maxChars));
  if (text.length <= max) return text;
  if (max === 0) return '';
  const start = text.length - max;
  const from = isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1)) ? start + 1 : start;
  return text.slice(from);
}

/** `text` cut to at most `maxChars` code units with an ellipsis marking the cut (pairs never split). */
export function cutWithEllipsis(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${cut(text, maxChars - 1)}…`;
}

/** A whitespace character other than a space, or a space followed by whitespace: what `singleSpaced` replaces. */
const NOT_SINGLE_SPACED = /[^\S ]| \s/;

/**
 * `text.replace(/\s+/g, ' ')`: every run of whitespace as one space. A text whose every run
 * already is one space comes back as it is, without the replacement's one match per space
 * (issue 18: excerpts and match texts are mostly single-spaced).
 */
export function singleSpaced(text: string): string {
  return NOT_SINGLE_SPACED.test(text) ? text.replace(/\s+/g, ' ') : text;
}
