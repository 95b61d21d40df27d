/**
 * A pattern's `needs` (lower-case words, one of which every text its regex matches contains) lets
 * classify() skip the regex on records without any of them. It must never skip a text the regex
 * would match: checked here on every labelled accuracy case (development set, held-out and blind
 * sets; never blind-pending/) and on the family tests' wording, and on a text built to contain
 * only one need (the gate opens) and one built to contain none (the gate closes).
 */
import t from 'tap';
import { analyzeLog, PATTERNS } from '../src/index.js';
import { patternCorpus } from './pattern-corpus.js';

t.test("a pattern's needs are in every text its regex matches", async (t) => {
  const corpus = patternCorpus();
  t.ok(corpus.length > 1000, `a corpus of ${corpus.length} texts`);
  const gated = PATTERNS.filter((p) => p.needs);
  t.ok(gated.length >= 20, `${gated.length} patterns have needs`);
  let matched = 0;
  for (const p of gated) {
    const needs = p.needs ?? [];
    t.ok(
      needs.length > 0 && needs.every((w) => w.length > 0 && w === w.toLowerCase()),
      `${p.id}: needs are non-empty lower-case words`,
    );
    for (const text of corpus) {
      const m = p.match.exec(text);
      if (!m) continue;
      matched++;
      const lower = text.toLowerCase();
      if (!needs.some((w) => lower.includes(w)))
        t.fail(`${p.id} matches "${m[0].slice(0, 80)}" but none of its needs is in the text`);
    }
  }
  t.ok(matched >= gated.length, `the gated patterns matched ${matched} texts of the corpus`);
});

t.test('the gate opens on a need and stays shut without one', async (t) => {
  // Control: the drive error text reads as an actuator fault (its need "motorerror." is there).
  const open = analyzeLog({
    kind: 'log',
    log_id: 'n',
    error_message: '',
    logs: 'axis0\n  motor: Error(s):\n    MotorError.DRV_FAULT',
  });
  t.equal(open.findings[0]?.code, 'robot.drive_error_enum', 'with its need, the pattern is tried and matches');
  // The same words with the dot removed are no enum and carry no need: the pattern is not the answer.
  const shut = analyzeLog({ kind: 'log', log_id: 'n', error_message: '', logs: 'axis0 motor MotorError DRV FAULT' });
  t.not(shut.findings[0]?.code, 'robot.drive_error_enum', 'without a need, the pattern is skipped');
});
