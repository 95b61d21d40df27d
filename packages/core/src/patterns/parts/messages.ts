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
 *   whose text holds its anchor (its longest ASCII piece, found by one Aho-Corasick pass over
 *   the lines read, prefilter.ts's WordScanner), so the cost is one scan per record plus a few
 *   `indexOf` per candidate line, whatever the tables' size;
 * - a message is a part (parts/read.ts): it answers where no pattern did, or only a generic one;
 *   with a weight of at least CAUSE_WEIGHT it also answers over a pattern that matched some of its
 *   words on the same line, or over one that read only the exception's class (classify.ts): the
 *   package says what its own message means. A message whose meaning depends on what follows it
 *   (a reflex's name in brackets) has a lower weight;
 * - every message is long enough to name something (checked by test/parts-packages.test.ts:
 *   an anchor of at least ANCHOR_MIN characters and at least two words in its pieces).
 */
import { WordScanner } from '../prefilter.js';
import type { PackageMessage } from './table.js';
import { PACKAGE_MESSAGES } from './tables/packages/index.js';

/** The shortest anchor (longest fixed piece) a message may have. */
export const ANCHOR_MIN = 10;

/** A message ready to match: its fixed pieces in order, and the id of its anchor in the scanner. */
interface Compiled {
  entry: PackageMessage;
  pieces: string[];
}

/** The fixed pieces of a message: the text between its `{}` placeholders, empty pieces dropped. */
export function piecesOf(says: string): string[] {
  return says.split('{}').filter((p) => p.length > 0);
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

/** The messages of some tables, indexed by anchor. */
export interface MessageIndex {
  scanner: WordScanner;
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
  return { scanner: new WordScanner([...ids.keys()]), byAnchor };
}

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
  scanner.scan(
    lines
      .map((l) => l.text)
      .join('\n')
      .toLowerCase(),
  );
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
  return (line) => found.filter((c) => saysIn(line, c.pieces)).map((c) => c.entry);
}
