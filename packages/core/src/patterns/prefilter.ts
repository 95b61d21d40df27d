/**
 * The pattern library's prefilter: each record's text is scanned once for the literal words the
 * patterns' regexes cannot match without, and a pattern none of whose words is in the text is
 * not tried (classify.ts). The words are derived from each regex's source when the library
 * loads, never written by hand, so a family edited or added is covered as it is.
 *
 * Invariant (soundness): every text a pattern's `match` matches contains, in lower case, for
 * one of the requirement's alternatives, a word of each of its clauses; a pattern whose regex
 * has an alternative without a mandatory literal (or a construct the reader does not know)
 * gets no requirement and is always tried. The reader is conservative:
 * - a literal run is a sequence of printable ASCII characters (escaped punctuation included),
 *   each matched exactly once; a character class, `.`, an escape such as `\d` or `\b`, an
 *   anchor, a back-reference or a lookaround ends the run;
 * - a quantifier that allows zero (`?`, `*`, `{0,n}`) drops the atom before it; one that
 *   allows repeats (`+`, `{2}`, `{1,n}`) keeps one occurrence and ends the run;
 * - a group the match must pass through contributes its own requirement;
 * - a sequence requires all its parts' requirements (each literal run is a clause of one word),
 *   an alternation any of its alternatives' (alternatives of one clause each are one clause);
 *   past MAX_ALTERNATIVES combinations, a requirement is weakened to one clause, the union of
 *   each alternative's best clause (longest shortest word);
 * - a clause with a word shorter than MIN_WORD is dropped; an alternative left with no clause
 *   leaves the regex always tried.
 * So "(?:sensor|camera) (?:\w{1,80} )?(?:fault|error)" is tried only on a text with sensor or
 * camera and with fault or error, no longer on every text with "error".
 * Case: words are lower-cased and searched in the lower-cased text. The regexes have no `u`
 * flag (checked: a `u` regex gets no words), so a case-insensitive ASCII letter matches only an
 * ASCII letter, whose lower case is the word's.
 *
 * The scan is an Aho-Corasick automaton over the words (one pass over the text, overlapping
 * words found): the cost is one table lookup per character instead of one regex scan per
 * pattern. The scan lists the words it found; only the regexes naming one of them have their
 * requirement evaluated.
 */

/** Words shorter than this are not worth a prefilter: a clause with one is dropped (never required)… */
const MIN_WORD = 3;
/**
 * … unless the alternative keeps no clause: then its clauses of words of at least this many
 * characters are kept ("SR" of eval.zero_success's `success_rate|…|SR`), rather than no
 * requirement for the whole regex (tried on every text).
 */
const SHORT_WORD = 2;
/**
 * The word standing for "a character outside ASCII": a literal outside ASCII (余额不足) cannot
 * be matched by a text without one (without the `u` flag, a case-insensitive character outside
 * ASCII never matches an ASCII one), and lower case keeps such a text outside ASCII (the Kelvin
 * sign, lower-cased to "k", is the one exception, and is never taken). The scan reports whether
 * the text has such a character (WordScanner.nonAscii); the word itself is never scanned for.
 */
export const NON_ASCII = '\u0080\u0080\u0080';

/**
 * What every match of a regex contains, as alternatives (any one of them holds) of conjunctions
 * (all of their clauses hold) of clauses (one of their words occurs): "(?:sensor|camera)
 * (?:fault|error)" requires (sensor or camera) and (fault or error). null: nothing known (always
 * possible).
 */
type Clause = string[];
type Conjunction = Clause[];
type Requirement = Conjunction[] | null;

/** More alternatives than this are weakened into one clause (the requirement stays sound, it only gets looser). */
const MAX_ALTERNATIVES = 64;

interface Cursor {
  src: string;
  i: number;
}

/** The requirement of a whole regex: null when unknown, or when an alternative keeps no clause of words (MIN_WORD, else SHORT_WORD characters); [] for `(?!)`, which no text matches. */
export function requirementOf(re: RegExp): string[][][] | null {
  if (re.flags.includes('u') || re.flags.includes('v')) return null;
  // The regex that matches nothing (a pattern reached only by another's resolution): no text, no alternative.
  if (re.source === '(?!)') return [];
  const cur: Cursor = { src: re.source, i: 0 };
  try {
    const req = alternation(cur);
    if (cur.i !== cur.src.length || !req) return null;
    const out: string[][][] = [];
    for (const conj of req) {
      const lowered = conj.map((clause) => [...new Set(clause.map((w) => w.toLowerCase()))]);
      let clauses = lowered.filter((clause) => clause.every((w) => w.length >= MIN_WORD));
      if (clauses.length === 0) clauses = lowered.filter((clause) => clause.every((w) => w.length >= SHORT_WORD));
      if (clauses.length === 0) return null;
      out.push(clauses);
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * The words one of which every match of `re` contains (lower case), or null when unknown: the
 * requirement weakened into one clause (each alternative's best clause, their union).
 */
export function requiredWords(re: RegExp): string[] | null {
  const req = requirementOf(re);
  if (!req) return null;
  return [...new Set(req.flatMap((conj) => bestClause(conj)))];
}

/** The shortest word's length of a clause (how selective it is). */
const shortest = (clause: Clause): number => Math.min(...clause.map((w) => w.length));

/** The most selective clause of a conjunction: the one whose shortest word is longest (then: fewer words). */
function bestClause(conj: Conjunction): Clause {
  let best = conj[0] as Clause;
  for (const clause of conj) {
    const a = shortest(clause);
    const b = shortest(best);
    if (a > b || (a === b && clause.length < best.length)) best = clause;
  }
  return best;
}

/** The requirement as one conjunction of one clause: the union of each alternative's best clause (implied by every alternative). */
function weaken(req: Conjunction[]): Conjunction[] {
  return req.length <= 1 ? req : [[[...new Set(req.flatMap((conj) => bestClause(conj)))]]];
}

/** Both requirements: every pair of alternatives (weakened first when there would be too many). */
function both(a: Requirement, b: Requirement): Requirement {
  if (!a) return b;
  if (!b) return a;
  let x = a;
  let y = b;
  if (x.length * y.length > MAX_ALTERNATIVES) {
    if (x.length >= y.length) x = weaken(x);
    if (x.length * y.length > MAX_ALTERNATIVES) y = weaken(y);
  }
  const out: Conjunction[] = [];
  for (const p of x) for (const q of y) out.push([...p, ...q]);
  return out;
}

/** Alternatives up to `)` or the end: the union of their requirements (null if one has none). */
function alternation(cur: Cursor): Requirement {
  let out: Conjunction[] = [];
  let ok = true;
  for (;;) {
    const req = sequence(cur);
    if (req) out.push(...req);
    else ok = false;
    if (cur.src[cur.i] === '|') {
      cur.i++;
      continue;
    }
    break;
  }
  if (!ok) return null;
  // Alternatives of one clause each are one clause ("(?:fault|error)": fault or error), the same requirement.
  if (out.length > 1 && out.every((conj) => conj.length === 1)) return [[[...new Set(out.flatMap((conj) => conj[0] as Clause))]]];
  if (out.length > MAX_ALTERNATIVES) out = weaken(out);
  return out;
}

const PRINTABLE = /^[\x20-\x7e]$/;
const SPECIAL = new Set(['\\', '[', ']', '(', ')', '{', '}', '|', '.', '^', '$', '?', '*', '+']);

/** One atom: a literal character, or something else with the requirement it carries (if any). */
type Atom = { literal: string } | { req: Requirement };

/** A sequence up to `|`, `)` or the end: the requirements of all its parts (each literal run a clause of one word). */
function sequence(cur: Cursor): Requirement {
  let req: Requirement = null;
  let run = '';
  const endRun = () => {
    if (run) req = both(req, [[[run]]]);
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
      if (q.min > 0) req = both(req, atom.req);
    }
  }
  endRun();
  return req;
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
  if (PRINTABLE.test(c)) return { literal: c };
  // A character outside ASCII (not the Kelvin sign): the text must have one.
  return c.charCodeAt(0) >= 128 && c !== '\u212a' ? { req: [[[NON_ASCII]]] } : { req: null };
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
 * per-state arrays to collect afterwards; renumbering its states (those with words last) copies
 * it once, the first copy then left to the collector.
 */
export class WordScanner {
  /** Column of each ASCII character (0: a character no word uses). */
  private readonly column = new Uint8Array(128);
  private readonly width: number;
  /** Full transition table: next state = delta[state * width + column[charCode]]. */
  private readonly delta: Uint16Array | Uint32Array;
  /**
   * The states from this number on have words to report (the others none): the scan tells them
   * by their number, without reading a per-state array at every character.
   */
  private readonly firstOutput: number;
  /** Per state from firstOutput on (at state - firstOutput): the word ids that end there (its own and those of its suffix states). */
  private readonly outputs: number[][];
  private readonly stamps: Uint32Array;
  /** Per state from firstOutput on: the stamp of the last scan that reached it (its words are then found). */
  private readonly reported: Uint32Array;
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
    const outputs: (number[] | undefined)[] = new Array(n);
    const queue: number[] = [];
    for (let c = 0; c < width; c++) if (table[c] !== 0) queue.push(table[c] as number);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      const out = [...(own[s] as number[]), ...(outputs[fail[s] as number] ?? [])];
      outputs[s] = out.length > 0 ? out : undefined;
      for (let c = 0; c < width; c++) {
        const next = table[s * width + c] as number;
        const viaFail = table[(fail[s] as number) * width + c] as number;
        if (next !== 0) {
          fail[next] = viaFail;
          queue.push(next);
        } else table[s * width + c] = viaFail;
      }
    }
    // Renumbered: the states without words first, in their order (the root, without words, stays
    // 0), then those with words.
    const number = new Uint32Array(n);
    let next = 0;
    for (let s = 0; s < n; s++) if (outputs[s] === undefined) number[s] = next++;
    this.firstOutput = next;
    this.outputs = [];
    for (let s = 0; s < n; s++) {
      const out = outputs[s];
      if (out !== undefined) {
        number[s] = next++;
        this.outputs.push(out);
      }
    }
    const delta = new Table(n * width);
    for (let s = 0; s < n; s++) {
      const from = s * width;
      const to = (number[s] as number) * width;
      for (let c = 0; c < width; c++) delta[to + c] = number[table[from + c] as number] as number;
    }
    this.delta = delta;
    this.stamps = new Uint32Array(words.length);
    this.reported = new Uint32Array(this.outputs.length);
  }

  /** Scans `lower` (already lower case); afterwards `found(id)` says whether word `id` occurs in it. */
  scan(lower: string): void {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    if (this.stamp === 1) {
      this.stamps.fill(0);
      this.reported.fill(0);
    }
    const { delta, outputs, firstOutput, stamps, reported, stamp, column, width, hits } = this;
    hits.length = 0;
    let s = 0;
    let nonAscii = false;
    for (let k = 0; k < lower.length; k++) {
      const ch = lower.charCodeAt(k);
      // A character outside ASCII is in no word: back to the root. One no word uses: column 0.
      if (ch < 128) s = delta[s * width + (column[ch] as number)] as number;
      else {
        s = 0;
        nonAscii = true;
      }
      // A state with words, once reached, has reported them all: its words are read once a scan.
      if (s >= firstOutput && reported[s - firstOutput] !== stamp) {
        reported[s - firstOutput] = stamp;
        for (const id of outputs[s - firstOutput] as number[]) {
          if (stamps[id] !== stamp) {
            stamps[id] = stamp;
            hits.push(id);
          }
        }
      }
    }
    this.nonAscii = nonAscii;
  }

  /** The ids of the words the last scan found (each once, in the order found). */
  readonly hits: number[] = [];
  /** Whether the last text scanned has a character outside ASCII. */
  nonAscii = false;

  found(id: number): boolean {
    return this.stamps[id] === this.stamp;
  }
}

/**
 * The prefilter of a list of regexes: `scan(lower)` once per text, then `open(i)` says whether
 * regex i can match it (false only when a clause of each of its alternatives has none of its
 * words in the text).
 *
 * The requirements are evaluated from the words the scan found, by counting: each clause holding
 * a found word is satisfied (once), each alternative counts its satisfied clauses, and a regex is
 * open when one of its alternatives has all of them. The work follows the words found, not the
 * size of the list.
 */
export class Prefilter {
  readonly scanner: WordScanner;
  /** Per regex (by index in the list): its alternatives' clauses as word ids, or null (always tried). */
  readonly requirements: (number[][][] | null)[];
  /** Per word id: the clauses (ids) that name it. */
  private readonly clausesOf: number[][] = [];
  /** Per clause id: the alternatives (ids) it is a clause of. */
  private readonly alternativesOf: number[][] = [];
  /** Per alternative id: how many distinct clauses it has, and its regex. */
  private readonly need: number[] = [];
  private readonly regexOf: number[] = [];
  /** Per-scan state, by stamp: clauses satisfied, alternatives' counts, regexes open. */
  private readonly clauseStamp: Uint32Array;
  private readonly altStamp: Uint32Array;
  private readonly altCount: Uint32Array;
  private readonly openStamp: Uint32Array;
  private stamp = 0;
  /** The text last scanned. */
  private scanned: string | undefined;
  /** The id of NON_ASCII among the words, if a regex requires it. */
  private readonly nonAsciiWord: number | undefined;

  constructor(regexes: readonly RegExp[]) {
    const reqs = regexes.map((re) => requirementOf(re));
    // The words, numbered in the order the regexes name them; NON_ASCII last, and not scanned
    // for (the scanner reports a character outside ASCII).
    const ids = new Map<string, number>();
    for (const req of reqs)
      for (const conj of req ?? [])
        for (const clause of conj) for (const w of clause) if (w !== NON_ASCII && !ids.has(w)) ids.set(w, ids.size);
    this.scanner = new WordScanner([...ids.keys()]);
    if (reqs.some((req) => req?.some((conj) => conj.some((clause) => clause.includes(NON_ASCII))))) {
      this.nonAsciiWord = ids.size;
      ids.set(NON_ASCII, ids.size);
    }
    this.requirements = reqs.map(
      (req) => req?.map((conj) => conj.map((clause) => clause.map((w) => ids.get(w) as number))) ?? null,
    );
    const clauseIds = new Map<string, number>();
    for (let w = 0; w < ids.size; w++) this.clausesOf.push([]);
    this.requirements.forEach((req, i) => {
      for (const conj of req ?? []) {
        const alt = this.need.length;
        const clauses = new Set<number>();
        for (const clause of conj) {
          const words = [...new Set(clause)].sort((a, b) => a - b);
          const key = words.join(',');
          let c = clauseIds.get(key);
          if (c === undefined) {
            c = clauseIds.size;
            clauseIds.set(key, c);
            this.alternativesOf.push([]);
            for (const w of words) (this.clausesOf[w] as number[]).push(c);
          }
          clauses.add(c);
        }
        for (const c of clauses) (this.alternativesOf[c] as number[]).push(alt);
        this.need.push(clauses.size);
        this.regexOf.push(i);
      }
    });
    this.clauseStamp = new Uint32Array(clauseIds.size);
    this.altStamp = new Uint32Array(this.need.length);
    this.altCount = new Uint32Array(this.need.length);
    this.openStamp = new Uint32Array(regexes.length);
  }

  /** Scans `lower` (a text in lower case) for every regex's words, unless it was the last text scanned. */
  scan(lower: string): void {
    if (this.scanned === lower) return;
    this.scanned = lower;
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    const { scanner, clausesOf, alternativesOf, need, regexOf, clauseStamp, altStamp, altCount, openStamp, stamp } = this;
    if (stamp === 1) for (const a of [clauseStamp, altStamp, openStamp]) a.fill(0);
    scanner.scan(lower);
    const found = this.nonAsciiWord !== undefined && scanner.nonAscii ? [...scanner.hits, this.nonAsciiWord] : scanner.hits;
    for (const w of found) {
      for (const c of clausesOf[w] as number[]) {
        if (clauseStamp[c] === stamp) continue;
        clauseStamp[c] = stamp;
        for (const a of alternativesOf[c] as number[]) {
          if (altStamp[a] !== stamp) {
            altStamp[a] = stamp;
            altCount[a] = 0;
          }
          altCount[a] = (altCount[a] as number) + 1;
          if (altCount[a] === need[a]) openStamp[regexOf[a] as number] = stamp;
        }
      }
    }
  }

  /** Whether regex `i` may match the text last scanned. */
  open(i: number): boolean {
    return this.openStamp[i] === this.stamp || this.requirements[i] === null;
  }
}

export function buildPrefilter(patterns: readonly { match: RegExp }[]): Prefilter {
  return new Prefilter(patterns.map((p) => p.match));
}
