/**
 * The rules' calibrated confidence (patterns/calibration.ts): the arithmetic of the cap (a
 * code is confident only when the lower bound of its measured share right is, on the cases it
 * was tuned on and, combined, at its first sight of the blind sets), and what a user
 * sees — a reading measured often wrong comes with a low confidence that says why, the same
 * reading otherwise, while a reading measured right keeps its confidence — and that a deployment
 * whose table is missing or broken fails each analysis naming the file, never answers uncapped.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import {
  analyzeLog,
  CONFIDENT,
  calibrationOf,
  capOfShare,
  DEFAULT_CAP,
  type LogRecord,
  MODEL_MIN_PRECISION,
  type PatternCalibration,
  patternCalibration,
  usePatternCalibration,
  WEAK_FIRST_MIN,
  WEAK_SHARE,
  weakReading,
  wilsonLower,
  wilsonUpper,
} from '../src/index.js';
import { readLog } from './patterns-read.js';

t.test('the Wilson lower bound and the cap of one measurement', async (t) => {
  t.equal(wilsonLower(0, 0), 0, 'nothing measured: bound 0');
  // Known values of the 90% Wilson interval (z = 1.645): 12 of 12 → 0.816, 10 of 10 → 0.787, 87 of 100 → 0.805.
  t.equal(Math.round(wilsonLower(12, 12) * 1000) / 1000, 0.816);
  t.equal(Math.round(wilsonLower(10, 10) * 1000) / 1000, 0.787);
  t.equal(Math.round(wilsonLower(87, 100) * 1000) / 1000, 0.805);
  t.equal(capOfShare(12, 12).cap, 0.81, 'twelve of twelve right: confident, capped at its lower bound');
  t.ok(capOfShare(10, 10).cap < CONFIDENT, `ten of ten is not yet enough to be confident (${capOfShare(10, 10).cap})`);
  t.equal(capOfShare(1, 1).cap, DEFAULT_CAP, 'one right answer: the default cap, below the confident band');
  t.equal(capOfShare(0, 0).cap, DEFAULT_CAP, 'never measured: the default cap');
  t.equal(calibrationOf(0, 0).cap, DEFAULT_CAP, 'a code never measured at all: the default cap');
  t.ok(capOfShare(9, 44).cap < 0.3, `right 9 of 44: a low cap (${capOfShare(9, 44).cap})`);
  t.ok(capOfShare(1, 3).cap < capOfShare(2, 3).cap, 'more often wrong, lower');
  for (let n = 1; n <= 40; n++)
    for (let right = 0; right <= n; right++) {
      const c = capOfShare(right, n);
      if (c.cap >= CONFIDENT && c.lower < CONFIDENT) t.fail(`${right}/${n} confident with a lower bound ${c.lower}`);
      if (c.cap < c.lower) t.fail(`${right}/${n}: cap ${c.cap} under its lower bound ${c.lower}`);
    }
});

t.test(
  'a code is confident only when it was also right at first sight, on blind sets it had not been written from',
  async (t) => {
    // tool.invalid_args as measured (calibrate.js): right 24 of 25 on the cases it was tuned on, 9 of 15 at first sight.
    t.ok(capOfShare(24, 25).cap >= CONFIDENT, `control: the tuned cases alone make it confident (${capOfShare(24, 25).cap})`);
    const invalidArgs = calibrationOf(24, 25, 9, 15);
    t.ok(invalidArgs.cap < CONFIDENT, `right 9 of 15 at first sight: not confident (${invalidArgs.cap})`);
    // timeout.request: 45 of 50 tuned (lower bound 0.8), 36 of 48 at first sight.
    t.ok(
      calibrationOf(45, 50, 36, 48).cap < CONFIDENT,
      `right 36 of 48 at first sight: not confident (${calibrationOf(45, 50, 36, 48).cap})`,
    );
    // import.version_conflict: as right at first sight as after tuning, keeps its cap.
    t.equal(calibrationOf(66, 67, 53, 54).cap, capOfShare(66, 67).cap, 'right 53 of 54 at first sight: the tuned cap kept');
    t.equal(calibrationOf(12, 12, 12, 12).cap, 0.81, 'right every time both ways: the smaller bound, the tuned one');
    // Never answered blind: its tuned answers count a quarter each.
    t.ok(
      calibrationOf(40, 40).cap < CONFIDENT,
      `never seen blind, 40 of 40 tuned: not yet confident (${calibrationOf(40, 40).cap})`,
    );
    t.ok(calibrationOf(48, 48).cap >= CONFIDENT, `never seen blind, 48 of 48 tuned: confident (${calibrationOf(48, 48).cap})`);
    for (let n = 0; n <= 30; n += 3)
      for (let right = 0; right <= n; right++)
        for (let firstN = 0; firstN <= 20; firstN++)
          for (let firstRight = 0; firstRight <= firstN; firstRight++) {
            const c = calibrationOf(right, n, firstRight, firstN);
            const at = `${right}/${n} tuned, ${firstRight}/${firstN} first`;
            if (c.cap >= CONFIDENT && (c.lower < CONFIDENT || c.combined_lower < CONFIDENT))
              t.fail(`${at}: confident (${c.cap}) with a bound under ${CONFIDENT} (${c.lower}, ${c.combined_lower})`);
            if (c.cap >= CONFIDENT && c.cap !== Math.min(c.lower, c.combined_lower))
              t.fail(`${at}: cap ${c.cap} is not the smaller bound`);
            if (c.cap > capOfShare(right, n).cap) t.fail(`${at}: the first answers raised the cap ${c.cap}`);
          }
  },
);

t.test('a reading measured often wrong is capped and says why; a reading measured right keeps its confidence', async (t) => {
  const table: PatternCalibration = {
    about: 'test',
    measured_on: { cases: 100, sets: ['test'] },
    default_cap: DEFAULT_CAP,
    codes: {
      'rt.index_error': calibrationOf(40, 40, 20, 20),
      'rt.zero_division_test_only': calibrationOf(1, 1),
      'net.dns': calibrationOf(2, 20, 1, 5),
    },
  };
  const text = 'Traceback (most recent call last):\n  File "run.py", line 3, in <module>\nIndexError: list index out of range';
  const dns = 'requests.exceptions.ConnectionError: Failed to resolve api.example.com: [Errno -2] Name or service not known';
  usePatternCalibration(null);
  const uncapped = readLog(text);
  const dnsUncapped = readLog(dns);
  usePatternCalibration(table);
  try {
    const index = readLog(text);
    t.equal(index.code, 'rt.index_error');
    t.equal(
      index.confidence,
      uncapped.confidence,
      `measured right 40 of 40 and 20 of 20 at first sight: unchanged (${index.confidence})`,
    );
    t.ok(index.confidence >= CONFIDENT, 'control: and confident');
    const capped = readLog(dns);
    t.equal(capped.code, 'net.dns', 'the same reading');
    t.equal(`${capped.category}/${capped.factor}`, `${dnsUncapped.category}/${dnsUncapped.factor}`, 'the same pair');
    t.ok(dnsUncapped.confidence >= CONFIDENT, `control: uncapped it was confident (${dnsUncapped.confidence})`);
    t.equal(
      capped.confidence,
      table.codes['net.dns']?.cap,
      `right 2 of 20, 1 of 5 at first sight: capped at ${table.codes['net.dns']?.cap}`,
    );
    t.match(
      capped.rationale,
      /capped at 0\.\d\d: this reading was right 2 of 20 times on the labelled sets, 1 of 5 the first time it met a blind set/,
      'the rationale says why',
    );
    const unmeasured = readLog('Error: EACCES: permission denied, open /var/run/app.sock');
    t.ok(unmeasured.confidence <= DEFAULT_CAP, `a code the table does not list: at most the default (${unmeasured.confidence})`);
    t.match(unmeasured.rationale, /not yet measured/);
  } finally {
    usePatternCalibration(undefined);
  }
});

t.test('a weak reading (surely right under 30% of 20 or more first answers) asks the learned second opinion', async (t) => {
  t.equal(WEAK_SHARE, MODEL_MIN_PRECISION, "the model's least sure answering band is measured right this often");
  // A Python traceback whose only reading is the catch-all: the model's vocabulary (a checkpoint's
  // keys) names a pair of its own.
  const text =
    'Traceback (most recent call last):\n  File "eval.py", line 12, in <module>\n    policy.load_state_dict(ckpt)\nRuntimeError: Error(s) in loading state_dict for Actor:\n\tUnexpected key(s) in state_dict: "head.bias".';
  const record: LogRecord = { kind: 'log', log_id: 'weak-reading', logs: text, error_message: '' };
  const table = (first: [number, number]): PatternCalibration => ({
    about: 'test',
    measured_on: { cases: 100, sets: ['test'] },
    default_cap: DEFAULT_CAP,
    codes: { 'rt.unhandled': calibrationOf(21, 122, first[0], first[1]) },
  });
  try {
    usePatternCalibration(table([19, 246]));
    t.equal(weakReading('rt.unhandled'), true, 'right 19 of 246 at first sight: weak');
    t.equal(weakReading('net.dns'), false, 'a code the table does not list: not weak');
    const weak = analyzeLog(record);
    t.equal(weak.findings[0]?.code, 'model.second_opinion', 'the model answers');
    t.not(
      `${weak.pattern?.category}/${weak.pattern?.contributing_factor}`,
      'runtime_error/unhandled_exception',
      'with a pair of its own',
    );
    t.same(
      weak.findings.slice(1).map((f) => f.code),
      ['rt.unhandled'],
      "the rules' reading kept as the next finding",
    );
    usePatternCalibration(table([15, 51]));
    t.equal(weakReading('rt.unhandled'), false, 'right 15 of 51 (29%): under 30%, but not surely (upper bound 0.40)');
    t.equal(analyzeLog(record).findings[0]?.code, 'rt.unhandled', 'control: then the rules keep their reading');
    usePatternCalibration(table([WEAK_FIRST_MIN - 1, WEAK_FIRST_MIN - 1]));
    t.equal(weakReading('rt.unhandled'), false, 'right every time at first sight: not weak');
    usePatternCalibration(table([0, WEAK_FIRST_MIN - 1]));
    t.equal(weakReading('rt.unhandled'), false, `never right, but fewer than ${WEAK_FIRST_MIN} first answers: not judged`);
    const strong = analyzeLog(record);
    t.equal(strong.findings[0]?.code, 'rt.unhandled', 'control: not weak, the rules keep their reading (the model is not asked)');
  } finally {
    usePatternCalibration(undefined);
  }
  t.equal(weakReading('rt.unhandled'), true, 'the committed table: rt.unhandled is weak');
  t.equal(weakReading('import.module_not_found'), false, 'the committed table: a reading measured right is not');
  t.equal(weakReading('rt.value_error'), false, 'the committed table: right 14 of 60, not surely under 30%');
  t.ok(wilsonUpper(19, 246) < WEAK_SHARE && wilsonUpper(14, 60) > WEAK_SHARE, 'the upper bounds behind them');
  t.equal(wilsonUpper(0, 0), 1, 'nothing measured: upper bound 1');
});

t.test(
  'the committed table is well formed: only codes measured confident, after tuning and at first sight, may answer at 0.8 or more',
  async (t) => {
    const table = patternCalibration();
    if (!table) throw new Error('packages/core/model/pattern-calibration.json is missing: run node test/accuracy/calibrate.js');
    t.ok(table.default_cap < CONFIDENT, `never measured: below the confident band (${table.default_cap})`);
    const codes = Object.entries(table.codes);
    t.ok(codes.length >= 50, `many codes measured (${codes.length})`);
    for (const [code, c] of codes) {
      const again = calibrationOf(c.right, c.n, c.first_right, c.first_n);
      if (again.cap !== c.cap || again.lower !== c.lower || again.combined_lower !== c.combined_lower)
        t.fail(`${code}: ${JSON.stringify(c)} is not calibrationOf(${c.right}, ${c.n}, ${c.first_right}, ${c.first_n})`);
      if (c.cap >= CONFIDENT && (c.lower < CONFIDENT || c.combined_lower < CONFIDENT))
        t.fail(`${code}: confident (${c.cap}) with a bound under ${CONFIDENT}: ${JSON.stringify(c)}`);
    }
    t.ok(
      codes.some(([, c]) => c.first_n > 0),
      'the first answers are counted (first-answers.json: node test/accuracy/first-answers.js)',
    );
    t.ok(
      codes.some(([, c]) => c.cap >= CONFIDENT),
      'control: some codes are measured confident',
    );
  },
);

t.test(
  'a deployment whose calibration table is missing or broken fails each analysis naming the file, never answers uncapped',
  async (t) => {
    // The built package as deployed, in a directory of its own: dist/src and model/, without the table.
    const core = fileURLToPath(new URL('../..', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'faultline-calibration-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const copy = join(dir, 'packages', 'core');
    cpSync(join(core, 'dist', 'src'), join(copy, 'dist', 'src'), { recursive: true });
    cpSync(join(core, 'model', 'second-opinion.json'), join(copy, 'model', 'second-opinion.json'));
    symlinkSync(join(core, '..', '..', 'node_modules'), join(dir, 'node_modules'));
    const deployed = (await import(join(copy, 'dist', 'src', 'index.js'))) as typeof import('../src/index.js');
    const table = join(copy, 'model', 'pattern-calibration.json');
    // A reading the committed table caps (measured right too rarely to be confident uncapped): the
    // first of these that is, so that a recalibration which frees one of them keeps the control.
    const capped = [
      'requests.exceptions.ConnectionError: Failed to resolve api.example.com: [Errno -2] Name or service not known',
      "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=30)",
      "ValueError: invalid literal for int() with base 10: 'abc'",
    ].find((text) => readLog(text).rationale.startsWith('Confidence capped'));
    if (!capped) throw new Error('none of the control texts is capped by the committed table: add one it caps');
    const record: LogRecord = { kind: 'log', log_id: 'calibration-test', logs: capped, error_message: '' };
    const here = readLog(capped);
    const analyze = () => deployed.analyzeLog(record).pattern;

    t.throws(
      analyze,
      /pattern-calibration\.json is missing: .*node test\/accuracy\/calibrate\.js/,
      'missing: the analysis fails naming the file and the fix',
    );
    t.throws(analyze, /is missing/, 'and keeps failing, record after record');
    for (const [content, problem] of [
      ['{"codes": {', /is not JSON/],
      ['{"about": "x", "codes": {}}', /has no default_cap/],
      ['{"default_cap": 0.75}', /has no codes/],
      ['{"default_cap": 0.75, "codes": {"net.dns": {"n": 20, "right": 2}}}', /gives the code "net\.dns" no counts and cap/],
    ] as const) {
      writeFileSync(table, content);
      deployed.usePatternCalibration(undefined);
      t.throws(analyze, problem, `broken (${content}): fails naming the problem`);
    }
    // Control: the same deployment with the committed table answers, capped as here.
    cpSync(join(core, 'model', 'pattern-calibration.json'), table);
    deployed.usePatternCalibration(undefined);
    const answer = analyze();
    t.equal(
      `${answer?.category}/${answer?.contributing_factor}`,
      `${here.category}/${here.factor}`,
      'control: with the table it answers',
    );
    t.equal(answer?.confidence, here.confidence, `control: at the capped confidence (${here.confidence})`);
    t.ok(here.rationale.startsWith('Confidence capped'), 'control: a capped reading');
  },
);
