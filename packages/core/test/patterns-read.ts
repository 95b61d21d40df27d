/**
 * Shared by the pattern-family tests: read a log or an agent trace through the analyzer
 * (analyzeLog / analyzeTrace, the same entry points the workers use) and compare the reading
 * with the taxonomy pair a person would give it.
 */
import t, { type Test } from 'tap';
import {
  type Analysis,
  analyzeLog,
  analyzeTrace,
  type LogRecord,
  logSources,
  PATTERNS,
  type Pattern,
  patternContext,
  type TraceRecord,
  useSecondOpinionModel,
  warningOutlived,
} from '../src/index.js';
import { anchorOf } from '../src/patterns/parts/messages.js';
import type { PackageMessage } from '../src/patterns/parts/table.js';
import { symptomYields } from '../src/patterns/yields.js';

export interface Reading {
  category: string;
  factor: string;
  confidence: number;
  code: string | undefined;
  rationale: string;
}

export function reading(a: Analysis): Reading {
  const p = a.pattern;
  if (!p) throw new Error('a log or trace analysis always has a pattern');
  return {
    category: p.category,
    factor: p.contributing_factor,
    confidence: p.confidence,
    code: a.findings[0]?.code,
    rationale: p.confidence_rationale ?? '',
  };
}

/**
 * Runs `read` with the learned second opinion switched off, then restores the shipped model: a test's
 * claim about the rules and tables, whose answers the model (measured by test/accuracy) would otherwise
 * fill in where the rules say nothing.
 */
export function rulesOnly<T>(read: () => T): T {
  useSecondOpinionModel(null);
  try {
    return read();
  } finally {
    useSecondOpinionModel(undefined);
  }
}

export function readLog(logs: string, errorMessage = ''): Reading {
  const record: LogRecord = { kind: 'log', log_id: 'patterns-test', logs, error_message: errorMessage };
  return reading(analyzeLog(record));
}

/** A failing agent span whose exception event carries `type: message` and the stack trace. */
export function readTrace(type: string, message: string, stacktrace = `${type}: ${message}`): Reading {
  const record: TraceRecord = {
    kind: 'trace',
    trace_id: 'patterns-test',
    timestamp: '2026-01-01T00:00:00Z',
    spans: [
      { span_id: 'root', parent_span_id: null, name: 'agent.run', status: { code: 'ERROR', message: '' } },
      {
        span_id: 'call',
        parent_span_id: 'root',
        name: 'call',
        status: { code: 'ERROR', message: '' },
        events: [
          {
            name: 'exception',
            attributes: { 'exception.type': type, 'exception.message': message, 'exception.stacktrace': stacktrace },
          },
        ],
      },
    ],
  };
  return reading(analyzeTrace(record));
}

export type Example = [text: string, expected: string];

/** Each log text reads as the expected `category/factor`. */
export function expectReadings(t: Test, examples: Example[]): void {
  for (const [text, expected] of examples) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, expected, `${text.slice(0, 90).replace(/\n/g, ' ⏎ ')} (${r.code}, ${r.confidence})`);
  }
}

/** The reading of a log text as `category/factor`. */
export function readPair(text: string): string {
  const r = readLog(text);
  return `${r.category}/${r.factor}`;
}

/** A family of texts, each read as given: one subtest. */
export function family(name: string, examples: Example[]): void {
  t.test(name, async (t) => expectReadings(t, examples));
}

/**
 * A family with negative controls: its positive texts read as given; its controls read as given
 * too, or, written `!category/factor`, anything but that reading (where the near text's own
 * reading is not the point). A family without both is a test that cannot fail on a neighbour.
 */
export function familyWithControls(name: string, positive: Example[], negative: Example[]): void {
  t.test(name, async (t) => {
    t.ok(positive.length > 0 && negative.length > 0, 'a family has positive texts and negative controls');
    expectReadings(t, positive);
    // The positives too are claims about the rules and tables: a reading the learned second opinion
    // gives (where the rules said nothing) would pass the line above without the rule under test.
    for (const [text] of positive) t.not(readLog(text).code, 'model.second_opinion', `read by the rules: ${text.slice(0, 80)}`);
    // The controls are claims about the rules and tables (they leave this line alone), read with
    // the learned second opinion switched off (its answers are measured by test/accuracy, not here).
    rulesOnly(() => {
      for (const [text, expected] of negative) {
        const r = readLog(text);
        const rules = `${r.category}/${r.factor}`;
        if (expected.startsWith('!'))
          t.not(rules, expected.slice(1), `not ${expected.slice(1)}: ${text.slice(0, 80)} (${r.code})`);
        else t.equal(rules, expected, `${text.slice(0, 90).replace(/\n/g, ' ⏎ ')} (${r.code}, ${r.confidence})`);
      }
    });
  });
}

/**
 * A family of package messages (parts/tables/packages/*.ts): each positive text reads as given and is
 * answered by the package-message part itself (not a pattern that happens to agree); no negative
 * control is answered by it.
 */
export function familyByPackage(name: string, positive: Example[], negative: Example[]): void {
  familyWithControls(name, positive, negative);
  t.test(`${name}: the package message is what answers`, async (t) => {
    for (const [text] of positive) t.equal(readLog(text).code, 'parts.package', text.slice(0, 80));
    for (const [text] of negative) t.not(readLog(text).code, 'parts.package', `control: ${text.slice(0, 80)}`);
  });
}

/** A hostile text for the regex of `pattern` (null: a form read by the parts tables, timed only). */
export type HostileRun = [name: string, text: string, pattern: string | null];

/** The name a hostile run is reported under when it has none: its first characters. */
export const hostileName = (text: string): string => `${JSON.stringify(text.slice(0, 24))}…`;

/**
 * Each hostile text is read by `read` within `budgetMs` (a regex that backtracks badly stalls a
 * worker and every record of its chunk), and a run naming a pattern asserts that the pattern's regex
 * was given the text (its exec counted while the text is read): a hostile text its regex is never
 * given, for want of the words the pattern's `needs` and the prefilter ask for, proves nothing.
 */
export function readsHostileRuns(t: Test, runs: HostileRun[], read: (text: string) => void, budgetMs: number): void {
  for (const [name, text, id] of runs) {
    const regex = id === null ? undefined : PATTERNS.find((p) => p.id === id)?.match;
    if (id !== null) t.ok(regex, `${id} exists`);
    let ms = 0;
    const timed = () => {
      const start = performance.now();
      read(text);
      ms = performance.now() - start;
    };
    let calls = 0;
    if (regex) calls = countingExecs(regex, timed);
    else timed();
    t.ok(ms < budgetMs, `${name}: ${ms.toFixed(1)} ms`);
    if (id !== null) t.ok(calls > 0, `${name}: ${id}'s regex is run (${calls})`);
  }
}

/** A pattern of the library; throws naming an id the library does not have. */
export function patternOf(id: string): Pattern {
  const p = PATTERNS.find((x) => x.id === id);
  if (!p) throw new Error(`no pattern ${id}`);
  return p;
}

/**
 * Whether the warning a pattern reads (Pattern.warning) is outlived in a log, as classify reads it
 * (classify.ts warningOutlived over the log's sources): then the pattern does not answer the warning.
 */
export function warningOutlivedIn(id: string, logs: string, errorMessage = ''): boolean {
  const sources = logSources(errorMessage, logs);
  return warningOutlived(patternOf(id), sources, patternContext('log', sources).text);
}

/** The regex of a pattern of the library; throws naming an id the library does not have. */
export const regexOf = (id: string): RegExp => patternOf(id).match;

/** Runs `run` and returns how many times `regex` was run meanwhile (its exec counted, then restored). */
export function countingExecs(regex: RegExp, run: () => void): number {
  const exec = regex.exec;
  let calls = 0;
  regex.exec = function (this: RegExp, s: string) {
    calls += 1;
    return exec.call(this, s);
  };
  try {
    run();
  } finally {
    Reflect.deleteProperty(regex, 'exec');
  }
  return calls;
}

/**
 * How many times a pattern's regex is run while a text is read (by default as a log, readLog): 0 means
 * the text never reached it (the prefilter or `needs` kept it out), so a negative control reading
 * right proves nothing about the regex.
 */
export function execsWhileReading(id: string, text: string, read: (text: string) => void = (x) => void readLog(x)): number {
  return countingExecs(regexOf(id), () => read(text));
}

/** What the robot forms' hostile runs read: the whole analysis, and the pattern reading with a headline. */
export function readWhole(text: string): void {
  analyzeLog({ kind: 'log', log_id: 'hostile', logs: text, error_message: '' });
  readLog(text, text.slice(0, 2000));
}

/** Each control matches the regex of `id` (it reaches the condition under test) and is not read as `id` (rules alone). */
export function reachesAndIsNotRead(t: Test, id: string, controls: string[]): void {
  rulesOnly(() => {
    for (const text of controls) {
      t.ok(regexOf(id).test(text), `reaches ${id}'s regex: ${text.slice(0, 70)}`);
      t.not(readLog(text).code, id, `not read as ${id}: ${text.slice(0, 70)}`);
    }
  });
}

/**
 * Each control is given to the regex of `id` (its words pass `needs` and the prefilter), is not matched by it, and is
 * not read as `id` (rules alone).
 */
export function runAndNotMatched(t: Test, id: string, controls: string[]): void {
  rulesOnly(() => {
    for (const text of controls) {
      t.ok(execsWhileReading(id, text) > 0, `${id}'s regex is run on: ${text.slice(0, 70)}`);
      t.notOk(regexOf(id).test(text), `${id}'s regex does not match: ${text.slice(0, 70)}`);
      t.not(readLog(text).code, id, `not read as ${id}: ${text.slice(0, 70)}`);
    }
  });
}

/**
 * Whether a pattern's symptom yields to a cause named before it in a log (Pattern.yieldsTo, patterns/yields.ts,
 * over the log's sources as classify reads them): then the pattern does not answer.
 */
export function symptomYieldsIn(id: string, logs: string, errorMessage = ''): boolean {
  const p = patternOf(id);
  return Boolean(p.yieldsTo && symptomYields(p.yieldsTo, logSources(errorMessage, logs), p.match));
}

/**
 * Another program's line near a package message: it reaches the anchor (the longest fixed piece) of
 * the first of `entries` whose message holds `piece`, so the table is asked (asserted first), and
 * the table does not answer it (rules alone: the learned second opinion is measured elsewhere).
 */
export function nearLineNotRead(t: Test, entries: readonly PackageMessage[], text: string, piece: string): void {
  const e = entries.find((m) => m.says.includes(piece));
  t.ok(e && text.toLowerCase().includes(anchorOf(e.says) ?? '\0'), `reaches the anchor of "${e?.says}": ${text.slice(0, 60)}`);
  rulesOnly(() => t.not(readLog(text).code, 'parts.package', `not the table's message: ${text.slice(0, 80)}`));
}
