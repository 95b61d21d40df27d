/**
 * Package messages: a failure text that shows a message a known package prints — its source's
 * format string, "[ERROR] [controller_server]: Failed to make progress", "[move_group]: Unable to
 * solve the planning problem" — is read through the package tables (tables/packages/), so that
 * a robot or agent failure never seen before is named by what its own software says.
 *
 * Invariants:
 * - the engine names no message: every message and meaning is a table's data;
 * - a message matches one line when its fixed pieces (the text between its `{}` placeholders)
 *   appear in that line in order, exactly (case included); a message is only tried on a record
 *   whose text holds its anchor (its longest ASCII piece, found by one pass over the lines read,
 *   AnchorScanner), so the cost is one scan per record plus a few `indexOf` per candidate line,
 *   whatever the tables' size;
 * - a message is a part (parts/read.ts): it answers where no pattern did, or only a generic one;
 *   with a weight of at least CAUSE_WEIGHT it also answers over a pattern that matched some of its
 *   words on the same line, or over one that read only the exception's class (classify.ts): the
 *   package says what its own message means. A message whose meaning depends on what follows it
 *   (a reflex's name in brackets) has a lower weight;
 * - every message is long enough to name something (checked by test/parts-packages.test.ts:
 *   an anchor of at least ANCHOR_MIN characters and at least two words in its pieces);
 * - a message quoted inside a JSON string (an error body, a serde error, a JSON log line) is read as
 *   printed: a line holding `\"` is also tried with each `\"` read as `"` (ESCAPED_QUOTE), so Ollama's
 *   `model "x" not found` inside `{"error":"model \"x\" not found…"}` is its message; a line without
 *   `\"` is read as it is, and nothing else is unescaped.
 */
import { type PackageMessage, piecesOf } from './table.js';
import { PACKAGE_MESSAGES } from './tables/packages/index.js';

export { piecesOf };

/** The shortest anchor (longest fixed piece) a message may have. */
export const ANCHOR_MIN = 10;

/** A message ready to match: its fixed pieces in order, and the id of its anchor in the scanner. */
interface Compiled {
  entry: PackageMessage;
  pieces: string[];
}

/** The anchor of a message: its longest piece made of ASCII only, lower-cased (for the scanner). */
export function anchorOf(says: string): string | undefined {
  let best: string | undefined;
  for (const piece of piecesOf(says)) {
    if (!/^[\x20-\x7e]+$/.test(piece)) continue;
    const p = piece.trim();
    if (!best || p.length > best.length) best = p;
  }
  return best?.toLowerCase();
}

/** A window's hash: h = h * HASH_BASE + code, modulo 2^32. */
const HASH_BASE = 0x01000193;
/** The window hashes are spread over two bit sets of 2^HASH_BITS bits (32 KiB each), by two multipliers. */
const HASH_BITS = 18;
const SPREAD_1 = 0x9e3779b1;
const SPREAD_2 = 0x85ebca6b;

/**
 * Which of a set of words (each at least `window` characters; every anchor has ANCHOR_MIN) occur
 * in a text, overlaps included: the same answer as an Aho-Corasick automaton over them (prefilter.ts
 * WordScanner), found differently. The anchors are long and many (4,963 of 10-139 characters: an
 * automaton of ~180,000 states, a ~48 MB transition table per thread, whose rows a scan reads out of
 * cache at nearly every character), so the scan keeps a hash of the text's last `window` characters
 * (rolling, modulo 2^32) and looks it up in two bit sets of the words' first `window` characters
 * (each spreads the hash differently: over the mix's texts 83% of the windows the first set let
 * through began no word; both together let through a few in a hundred of those);
 * only where it is set is the window read as a string and the words beginning with it compared
 * (a trie over `window`-character chunks, so the 269 anchors beginning "failed to " are not all
 * compared at every "failed to "). A set bit that no word's start explains costs one lookup.
 */
export class AnchorScanner {
  readonly window: number;
  /** Bit sets of the words' first-window hashes (spread by SPREAD_1, SPREAD_2). */
  private readonly bits = new Int32Array(1 << (HASH_BITS - 5));
  private readonly bits2 = new Int32Array(1 << (HASH_BITS - 5));
  /** HASH_BASE^window (mod 2^32): what the character leaving the window weighs. */
  private readonly outWeight: number;
  /** The words by their first chunk, then by each next chunk (a word lives where its whole chunks lead). */
  private readonly root = new Map<string, ChunkNode>();
  private readonly stamps: Uint32Array;
  private stamp = 0;
  /** The ids of the words the last scan found (each once, in the order found). */
  readonly hits: number[] = [];

  constructor(readonly words: readonly string[]) {
    let window = Number.POSITIVE_INFINITY;
    for (const w of words) window = Math.min(window, w.length);
    if (window < 1) throw new Error('AnchorScanner: an empty word');
    this.window = Number.isFinite(window) ? window : 1;
    let weight = 1;
    for (let k = 0; k < this.window; k++) weight = Math.imul(weight, HASH_BASE);
    this.outWeight = weight;
    words.forEach((w, id) => {
      const { window } = this;
      const first = w.slice(0, window);
      let h = 0;
      for (let k = 0; k < window; k++) h = (Math.imul(h, HASH_BASE) + w.charCodeAt(k)) | 0;
      const slot = Math.imul(h, SPREAD_1) >>> (32 - HASH_BITS);
      this.bits[slot >>> 5] = (this.bits[slot >>> 5] as number) | (1 << (slot & 31));
      const slot2 = Math.imul(h, SPREAD_2) >>> (32 - HASH_BITS);
      this.bits2[slot2 >>> 5] = (this.bits2[slot2 >>> 5] as number) | (1 << (slot2 & 31));
      let node = this.root.get(first);
      if (!node) this.root.set(first, (node = { words: [], next: undefined }));
      for (let at = window; at + window <= w.length; at += window) {
        const chunk = w.slice(at, at + window);
        node.next ??= new Map();
        let child = node.next.get(chunk);
        if (!child) node.next.set(chunk, (child = { words: [], next: undefined }));
        node = child;
      }
      node.words.push(id);
    });
    this.stamps = new Uint32Array(words.length);
  }

  /** Scans `lower` (already lower case); afterwards `hits` lists the words it holds. */
  scan(lower: string): void {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    if (this.stamp === 1) this.stamps.fill(0);
    this.hits.length = 0;
    const { window, bits, bits2, outWeight } = this;
    const n = lower.length;
    if (this.words.length === 0 || n < window) return;
    let h = 0;
    for (let k = 0; k < n; k++) {
      h = (Math.imul(h, HASH_BASE) + lower.charCodeAt(k)) | 0;
      if (k < window - 1) continue;
      if (k >= window) h = (h - Math.imul(lower.charCodeAt(k - window), outWeight)) | 0;
      const slot = Math.imul(h, SPREAD_1) >>> (32 - HASH_BITS);
      if (((bits[slot >>> 5] as number) & (1 << (slot & 31))) === 0) continue;
      const slot2 = Math.imul(h, SPREAD_2) >>> (32 - HASH_BITS);
      if (((bits2[slot2 >>> 5] as number) & (1 << (slot2 & 31))) !== 0) this.wordsAt(lower, k + 1 - window);
    }
  }

  /** Every word that starts at `start` in `lower`, noted. */
  private wordsAt(lower: string, start: number): void {
    const { window, stamps, stamp, words, hits } = this;
    let node = this.root.get(lower.slice(start, start + window));
    let at = start + window;
    while (node) {
      for (const id of node.words) {
        if (stamps[id] !== stamp && lower.startsWith(words[id] as string, start)) {
          stamps[id] = stamp;
          hits.push(id);
        }
      }
      if (!node.next || at + window > lower.length) return;
      node = node.next.get(lower.slice(at, at + window));
      at += window;
    }
  }
}

interface ChunkNode {
  /** The words whose whole chunks lead here (their rest, shorter than a chunk, compared at the end). */
  words: number[];
  next: Map<string, ChunkNode> | undefined;
}

/** The messages of some tables, indexed by anchor. */
export interface MessageIndex {
  scanner: AnchorScanner;
  /** Per anchor id: the messages anchored on it. */
  byAnchor: Compiled[][];
}

/** Indexes messages by their anchors (a message whose anchor is too short is left out). */
export function indexMessages(messages: readonly PackageMessage[]): MessageIndex {
  const ids = new Map<string, number>();
  const byAnchor: Compiled[][] = [];
  for (const entry of messages) {
    const anchor = anchorOf(entry.says);
    if (!anchor || anchor.length < ANCHOR_MIN) continue; // refused by the tables' test
    let id = ids.get(anchor);
    if (id === undefined) {
      id = ids.size;
      ids.set(anchor, id);
      byAnchor.push([]);
    }
    (byAnchor[id] as Compiled[]).push({ entry, pieces: piecesOf(entry.says) });
  }
  return { scanner: new AnchorScanner([...ids.keys()]), byAnchor };
}

/** A quote as a JSON string escapes it: a message quoted in an error body or a JSON log line. */
const ESCAPED_QUOTE = '\\"';

/** The package tables' index, built on first use (a thread that never classifies never builds it). */
let INDEX: MessageIndex | undefined;

/** Whether the pieces appear in the line in order. */
function saysIn(line: string, pieces: readonly string[]): boolean {
  let at = 0;
  for (const piece of pieces) {
    const found = line.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

/** The messages whose anchor occurs somewhere in these lines (one pass over all of them). */
function candidates(index: MessageIndex, lines: readonly { text: string }[]): Compiled[] {
  const { scanner, byAnchor } = index;
  if (byAnchor.length === 0) return [];
  const text = lines
    .map((l) => l.text)
    .join('\n')
    .toLowerCase();
  // A JSON-escaped quote hides an anchor holding `"`: the unescaped text is scanned too, in the same
  // scan call after the text (a record without `\"` is scanned once, as before).
  scanner.scan(text.includes(ESCAPED_QUOTE) ? `${text}\n${text.replaceAll(ESCAPED_QUOTE, '"')}` : text);
  // The anchors found, in the order of their ids (the tables' order), as a loop over every anchor
  // id gave them: the work follows the anchors found, not the 3,000-odd anchors of the tables.
  const out: Compiled[] = [];
  for (const id of [...scanner.hits].sort((a, b) => a - b)) out.push(...(byAnchor[id] as Compiled[]));
  return out;
}

/**
 * One matcher per record: the candidates found once over its lines, then `messagesOf(line)` per
 * line. `index` defaults to the package tables'.
 */
export function packageMatcher(
  lines: readonly { text: string }[],
  index: MessageIndex = (INDEX ??=
    indexMessages(PACKAGE_MESSAGES)),
): (line: string) => PackageMessage[] {
  const found = candidates(index, lines);
  if (found.length === 0) return () => [];
  return (line) => {
    const unescaped = line.includes(ESCAPED_QUOTE) ? line.replaceAll(ESCAPED_QUOTE, '"') : undefined;
    return found
      .filter((c) => saysIn(line, c.pieces) || (unescaped !== undefined && saysIn(unescaped, c.pieces)))
      .map((c) => c.entry);
  };
}
