/**
 * The pattern library's prefilter: each record's text is scanned once for the literal words the
 * patterns' regexes cannot match without, and a pattern none of whose words is in the text is
 * not tried (classify.ts). The words are derived from each regex's source when the library
 * loads, never written by hand, so a family edited or added is covered as it is.
 *
 * Invariant (soundness): every text a pattern's `match` matches contains, in lower case, at
 * least one of the pattern's words; a pattern whose regex has an alternative without a
 * mandatory literal (or a construct the reader does not know) gets no words and is always
 * tried. The reader is conservative:
 * - a literal run is a sequence of printable ASCII characters (escaped punctuation included),
 *   each matched exactly once; a character class, `.`, an escape such as `\d` or `\b`, an
 *   anchor, a back-reference or a lookaround ends the run;
 * - a quantifier that allows zero (`?`, `*`, `{0,n}`) drops the atom before it; one that
 *   allows repeats (`+`, `{2}`, `{1,n}`) keeps one occurrence and ends the run;
 * - a group the match must pass through contributes its own words (one per alternative);
 * - a sequence is covered by its best requirement (longest shortest word), an alternation by the
 *   union of its alternatives' requirements.
 * Case: words are lower-cased and searched in the lower-cased text. The regexes have no `u`
 * flag (checked: a `u` regex gets no words), so a case-insensitive ASCII letter matches only an
 * ASCII letter, whose lower case is the word's.
 *
 * The scan is an Aho-Corasick automaton over the words (one pass over the text, overlapping
 * words found): the cost is one table lookup per character instead of one regex scan per
 * pattern.
 */

/** Words shorter than this are not worth a prefilter: the pattern is always tried. */
const MIN_WORD = 3;

/** A set of words one of which the match contains; null: no such set is known. */
type Requirement = string[] | null;

interface Cursor {
  src: string;
  i: number;
}

/** The words one of which every match of `re` contains (lower case), or null when unknown. */
export function requiredWords(re: RegExp): string[] | null {
  if (re.flags.includes('u') || re.flags.includes('v')) return null;
  const cur: Cursor = { src: re.source, i: 0 };
  try {
    const req = alternation(cur);
    if (cur.i !== cur.src.length || !req) return null;
    const words = [...new Set(req.map((w) => w.toLowerCase()))];
    return words.every((w) => w.length >= MIN_WORD) ? words : null;
  } catch {
    return null;
  }
}

/** Alternatives up to `)` or the end: the union of their requirements (null if one has none). */
function alternation(cur: Cursor): Requirement {
  const words: string[] = [];
  let ok = true;
  for (;;) {
    const req = sequence(cur);
    if (req) words.push(...req);
    else ok = false;
    if (cur.src[cur.i] === '|') {
      cur.i++;
      continue;
    }
    break;
  }
  return ok ? words : null;
}

/** The better of two requirements: the one whose shortest word is longer (then: fewer words). */
function better(a: Requirement, b: Requirement): Requirement {
  if (!a) return b;
  if (!b) return a;
  const minA = Math.min(...a.map((w) => w.length));
  const minB = Math.min(...b.map((w) => w.length));
  if (minA !== minB) return minA > minB ? a : b;
  return a.length <= b.length ? a : b;
}

const PRINTABLE = /^[\x20-\x7e]$/;
const SPECIAL = new Set(['\\', '[', ']', '(', ')', '{', '}', '|', '.', '^', '$', '?', '*', '+']);

/** One atom: a literal character, or something else with the requirement it carries (if any). */
type Atom = { literal: string } | { req: Requirement };

/** A sequence up to `|`, `)` or the end: its best requirement. */
function sequence(cur: Cursor): Requirement {
  let best: Requirement = null;
  let run = '';
  const endRun = () => {
    if (run) best = better(best, [run]);
    run = '';
  };
  while (cur.i < cur.src.length && cur.src[cur.i] !== '|' && cur.src[cur.i] !== ')') {
    const atom = readAtom(cur);
    const q = readQuantifier(cur);
    if ('literal' in atom) {
      if (q.min === 0) endRun();
      else if (q.max === 1) run += atom.literal;
      else {
        run += atom.literal;
        endRun();
      }
    } else {
      endRun();
      if (q.min > 0) best = better(best, atom.req);
    }
  }
  endRun();
  return best;
}

/** Reads one atom at the cursor. Throws on a construct it does not know (the pattern then has no words). */
function readAtom(cur: Cursor): Atom {
  const { src } = cur;
  const c = src[cur.i] as string;
  if (c === '\\') {
    const n = src[cur.i + 1];
    if (n === undefined) throw new Error('trailing backslash');
    cur.i += 2;
    if (PRINTABLE.test(n) && !/[A-Za-z0-9]/.test(n)) return { literal: n };
    if (n === 'x') cur.i += 2;
    else if (n === 'u') cur.i += src[cur.i] === '{' ? src.indexOf('}', cur.i) - cur.i + 1 : 4;
    else if (n === 'c') cur.i += 1;
    else if (n === 'k' && src[cur.i] === '<') cur.i = src.indexOf('>', cur.i) + 1;
    else if (/[0-9]/.test(n)) while (/[0-9]/.test(src[cur.i] ?? '')) cur.i++;
    return { req: null };
  }
  if (c === '[') {
    cur.i++;
    if (src[cur.i] === '^') cur.i++;
    while (cur.i < src.length && src[cur.i] !== ']') cur.i += src[cur.i] === '\\' ? 2 : 1;
    if (cur.i >= src.length) throw new Error('unterminated class');
    cur.i++;
    return { req: null };
  }
  if (c === '(') {
    cur.i++;
    let lookaround = false;
    if (src[cur.i] === '?') {
      const kind = src.slice(cur.i, cur.i + 3);
      if (kind.startsWith('?:')) cur.i += 2;
      else if (kind.startsWith('?=') || kind.startsWith('?!')) {
        cur.i += 2;
        lookaround = true;
      } else if (kind === '?<=' || kind === '?<!') {
        cur.i += 3;
        lookaround = true;
      } else if (kind.startsWith('?<')) cur.i = src.indexOf('>', cur.i) + 1;
      else throw new Error(`unknown group (${kind}`);
    }
    const inner = alternation(cur);
    if (src[cur.i] !== ')') throw new Error('unterminated group');
    cur.i++;
    return { req: lookaround ? null : inner };
  }
  cur.i++;
  if (c === '.' || c === '^' || c === '$') return { req: null };
  if (c === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(cur.i - 1))) throw new Error('quantifier without atom');
  if (SPECIAL.has(c) && c !== '{' && c !== '}' && c !== ']') throw new Error(`unexpected ${c}`);
  return PRINTABLE.test(c) ? { literal: c } : { req: null };
}

/** The quantifier after an atom (none: exactly once). */
function readQuantifier(cur: Cursor): { min: number; max: number } {
  const { src } = cur;
  const c = src[cur.i];
  let q: { min: number; max: number } | null = null;
  if (c === '?') q = { min: 0, max: 1 };
  else if (c === '*') q = { min: 0, max: Number.POSITIVE_INFINITY };
  else if (c === '+') q = { min: 1, max: Number.POSITIVE_INFINITY };
  if (q) cur.i++;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(cur.i));
    if (!m) return { min: 1, max: 1 };
    cur.i += m[0].length;
    const min = Number(m[1]);
    q = { min, max: m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY };
  } else return { min: 1, max: 1 };
  if (src[cur.i] === '?') cur.i++; // lazy: the same bounds
  return q;
}

/**
 * An Aho-Corasick automaton over lower-case ASCII words: `scan(text)` marks which words occur
 * in the text (overlaps included) in one pass.
 *
 * Memory (every thread that classifies or redacts holds its own): the transition table has one
 * column per character the words use (about 55 of ASCII's 128) plus one for every other
 * character, in 16-bit cells while the states fit (the pattern library's ~19,000 states: 2 MiB
 * instead of the 9.3 MiB of a full 128-column Int32 table), and it is built in place, with no
 * per-state arrays to collect afterwards.
 */
export class WordScanner {
  /** Column of each ASCII character (0: a character no word uses). */
  private readonly column = new Uint8Array(128);
  private readonly width: number;
  /** Full transition table: next state = delta[state * width + column[charCode]]. */
  private readonly delta: Uint16Array | Uint32Array;
  /** Per state: the word ids that end here (its own and those of its suffix states). */
  private readonly outputs: (number[] | undefined)[];
  private readonly stamps: Uint32Array;
  private stamp = 0;

  constructor(readonly words: readonly string[]) {
    let width = 1;
    let chars = 1;
    for (const w of words) {
      chars += w.length;
      for (let k = 0; k < w.length; k++) {
        const ch = w.charCodeAt(k);
        if (ch >= 128) throw new Error(`WordScanner: ${JSON.stringify(w)} is not ASCII`);
        if (this.column[ch] === 0) this.column[ch] = width++;
      }
    }
    this.width = width;
    // At most one state per character of the words, plus the root; trimmed once built.
    const Table = chars <= 0xffff ? Uint16Array : Uint32Array;
    const table = new Table(chars * width);
    const own: number[][] = [[]];
    // The trie: 0 in a cell means "no edge" (the root is never a child).
    let n = 1;
    words.forEach((w, id) => {
      let s = 0;
      for (let k = 0; k < w.length; k++) {
        const cell = s * width + (this.column[w.charCodeAt(k)] as number);
        if (table[cell] === 0) {
          table[cell] = n++;
          own.push([]);
        }
        s = table[cell] as number;
      }
      (own[s] as number[]).push(id);
    });
    // Breadth first, each missing edge becomes its failure state's edge (a full automaton).
    const fail = new Uint32Array(n);
    this.outputs = new Array(n);
    const queue: number[] = [];
    for (let c = 0; c < width; c++) if (table[c] !== 0) queue.push(table[c] as number);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      const out = [...(own[s] as number[]), ...(this.outputs[fail[s] as number] ?? [])];
      this.outputs[s] = out.length > 0 ? out : undefined;
      for (let c = 0; c < width; c++) {
        const next = table[s * width + c] as number;
        const viaFail = table[(fail[s] as number) * width + c] as number;
        if (next !== 0) {
          fail[next] = viaFail;
          queue.push(next);
        } else table[s * width + c] = viaFail;
      }
    }
    this.delta = table.slice(0, n * width);
    this.stamps = new Uint32Array(words.length);
  }

  /** Scans `lower` (already lower case); afterwards `found(id)` says whether word `id` occurs in it. */
  scan(lower: string): void {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    if (this.stamp === 1) this.stamps.fill(0);
    const { delta, outputs, stamps, stamp, column, width } = this;
    let s = 0;
    for (let k = 0; k < lower.length; k++) {
      const ch = lower.charCodeAt(k);
      // A character outside ASCII is in no word: back to the root. One no word uses: column 0.
      s = ch < 128 ? (delta[s * width + (column[ch] as number)] as number) : 0;
      const out = outputs[s];
      if (out !== undefined) for (const id of out) stamps[id] = stamp;
    }
  }

  found(id: number): boolean {
    return this.stamps[id] === this.stamp;
  }
}

/** Per pattern (by index in the list): the ids of its words in the scanner, or null (always tried). */
export interface Prefilter {
  scanner: WordScanner;
  wordsOf: (number[] | null)[];
}

export function buildPrefilter(patterns: readonly { match: RegExp }[]): Prefilter {
  const ids = new Map<string, number>();
  const wordsOf = patterns.map((p) => {
    const words = requiredWords(p.match);
    if (!words) return null;
    return words.map((w) => {
      let id = ids.get(w);
      if (id === undefined) {
        id = ids.size;
        ids.set(w, id);
      }
      return id;
    });
  });
  return { scanner: new WordScanner([...ids.keys()]), wordsOf };
}
