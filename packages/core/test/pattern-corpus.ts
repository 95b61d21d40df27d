/**
 * Shared by the tests that check a shortcut never skips a pattern that would match (a pattern's
 * `needs`, the prefilter's words): every labelled accuracy case (development set, held-out and
 * blind sets; never blind-pending/, which nothing reads before its one measurement) and every
 * string literal of the pattern-family tests, as texts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACCURACY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'test', 'accuracy');
const TEST_SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test');

export function patternCorpus(): string[] {
  const out: string[] = [];
  for (const dir of ['cases', 'holdout', 'blind']) {
    for (const f of readdirSync(join(ACCURACY, dir)).filter((x) => x.endsWith('.jsonl'))) {
      for (const line of readFileSync(join(ACCURACY, dir, f), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const c = JSON.parse(line) as { text: string; error_message?: string };
        out.push(`${c.error_message ?? ''}\n${c.text}`);
      }
    }
  }
  // The family tests' own wording: every string literal of the pattern test files.
  for (const f of readdirSync(TEST_SRC).filter((x) => x.startsWith('patterns') && x.endsWith('.ts'))) {
    const src = readFileSync(join(TEST_SRC, f), 'utf8');
    for (const m of src.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n]){8,})\1/g)) out.push((m[2] ?? '').replace(/\\n/g, '\n'));
  }
  return out;
}
