/**
 * One regex call instead of many, to learn that none of a list of regexes matches a line (issue
 * 18: most lines of a log match none of the structure readers' or telling lines' regexes, and a
 * regex call costs ~20-50 ns on a short line before it reads a character).
 *
 * `anyOf(regexes)` joins the regexes of the same flags into one alternation, `(?:a)|(?:b)|…`: it
 * matches a text iff one of them does (an alternation tries every alternative at every position;
 * `^`, `$`, `\b` and lookarounds mean the same inside a group). The `g` and `y` flags are left
 * out (the gate is a search from the text's start, as `exec` with lastIndex 0 is). A regex whose
 * meaning would change in the alternation — a backreference (numbered by its position) or a named
 * group (names must be unique) — is refused when the module loads.
 */
export function anyOf(regexes: readonly RegExp[]): (text: string) => boolean {
  const byFlags = new Map<string, string[]>();
  for (const re of regexes) {
    if (/\\[1-9]|\\k<|\(\?<(?![=!])/.test(re.source)) throw new Error(`anyOf: ${re} has a backreference or a named group`);
    const flags = re.flags.replace(/[gy]/g, '');
    const sources = byFlags.get(flags) ?? [];
    sources.push(`(?:${re.source})`);
    byFlags.set(flags, sources);
  }
  const unions = [...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags));
  if (unions.length === 1) {
    const only = unions[0] as RegExp;
    return (text) => only.test(text);
  }
  return (text) => unions.some((re) => re.test(text));
}
