/**
 * Replays labelled cases through the analyzer and scores them: accuracy (category; category +
 * contributing factor) and calibration (mean confidence of right vs wrong answers; the share
 * right among answers with confidence >= 0.8). Shared by report.js (prints) and
 * accuracy.test.js (gates).
 *
 * Two kinds of set, never mixed up:
 * - blind sets (sets.json): each scored once, blind, when it arrived; those first figures are
 *   the only accuracy claims. A set tuned on since (tuned_on) still runs, its first figure then
 *   a floor, not a claim. Sets still to be listed sit in blind/ (blindFilesNotListed).
 * - the development set (cases/*.jsonl): what the pattern library is tuned on; its score is
 *   fit, not accuracy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeLog, analyzeTrace, factorBelongs, logSources, modelText } from '@faultline/core';

export const ACCURACY_DIR = dirname(fileURLToPath(import.meta.url));
export const CASES_DIR = join(ACCURACY_DIR, 'cases');
export const BLIND_DIR = join(ACCURACY_DIR, 'blind');

/**
 * sets.json: the blind sets with their first measurement (counts of cases), and the noise
 * margin in percentage points. Throws naming the problem when an entry is incomplete.
 */
export function loadSets(file = join(ACCURACY_DIR, 'sets.json')) {
  const registry = JSON.parse(readFileSync(file, 'utf8'));
  if (!(registry.margin_points >= 0)) throw new Error(`${file}: margin_points must be a number >= 0`);
  for (const set of registry.sets ?? []) {
    const f = set.first ?? {};
    const counts = ['cases', 'category', 'category_factor', 'confident', 'confident_right'];
    if (!set.name || !Array.isArray(set.files) || !set.files.length || typeof set.tuned_on !== 'boolean')
      throw new Error(`${file}: a set needs name, files and tuned_on (${JSON.stringify(set.name)})`);
    if (!counts.every((k) => Number.isInteger(f[k]) && f[k] >= 0) || !f.date)
      throw new Error(`${file}: ${set.name}: first needs date and the counts ${counts.join(', ')}`);
  }
  return registry;
}

/** The cases of the given files (paths relative to test/accuracy), in order. */
export function loadFiles(files) {
  return files.flatMap((f) => {
    const path = join(ACCURACY_DIR, f);
    if (!existsSync(path)) throw new Error(`${f}: no such case file under test/accuracy`);
    return loadCases(dirname(path), (name) => name === basename(path));
  });
}

/** The first figures of a set as shares, and its gate: the first figure minus the margin. */
export function firstFigures(set, marginPoints) {
  const f = set.first;
  const share = { category: f.category / f.cases, accuracy: f.category_factor / f.cases };
  share.confidentPrecision = f.confident ? f.confident_right / f.confident : Number.NaN;
  // Rounded to 1e-9 so that 75% - 2.5 points is 72.5%, not 72.50000000000001%.
  const minus = (x) => Math.round((x - marginPoints / 100) * 1e9) / 1e9;
  return { ...share, gate: { accuracy: minus(share.accuracy), confidentPrecision: minus(share.confidentPrecision) } };
}

/** blind/*.jsonl files that no set of sets.json lists yet (measured and reported, not gated). */
export function blindFilesNotListed(registry) {
  if (!existsSync(BLIND_DIR)) return [];
  const listed = new Set(registry.sets.flatMap((s) => s.files));
  return readdirSync(BLIND_DIR)
    .filter((f) => f.endsWith('.jsonl') && !listed.has(`blind/${f}`))
    .sort()
    .map((f) => `blind/${f}`);
}

export function loadCases(dir = CASES_DIR, accept = () => true) {
  const cases = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && accept(f))
    .sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        try {
          cases.push({ ...JSON.parse(line), file, fileLine: i + 1 });
        } catch (err) {
          throw new Error(`${file}:${i + 1}: not JSON: ${err.message}`);
        }
      });
  }
  return cases;
}

const EXCEPTION_LINE = /^\s*((?:[\w$]+\.)*[A-Z][\w$]*(?:Error|Exception|Exceeded|Failure|Fault)):\s?(.*)$/;

/** The record a producer would send for this case. */
export function recordOf(c) {
  if (c.kind === 'trace') {
    const lines = c.text.split('\n');
    let type = c.exception_type ?? '';
    let message = '';
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] ?? '';
      if (type && line.includes(`${type.split('.').pop()}:`)) {
        message = line.slice(line.indexOf(`${type.split('.').pop()}:`) + type.split('.').pop().length + 1).trim();
        break;
      }
      const m = !type && EXCEPTION_LINE.exec(line);
      if (m) {
        type = m[1];
        message = m[2];
        break;
      }
    }
    if (!message) message = lines.filter((l) => l.trim()).pop() ?? '';
    return {
      kind: 'trace',
      trace_id: c.id,
      timestamp: '2026-01-01T00:00:00Z',
      service: 'dev-set',
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
              attributes: { 'exception.type': type, 'exception.message': message, 'exception.stacktrace': c.text },
            },
          ],
        },
      ],
    };
  }
  return { kind: 'log', log_id: c.id, error_message: c.error_message ?? '', logs: c.text };
}

/** The text the learned second opinion reads (core's modelText; minChars 0: the older text, headline and telling lines only). */
export function modelTextOf(c, minChars = undefined) {
  const record = recordOf(c);
  if (record.kind === 'trace') {
    const ev = record.spans[1].events[0].attributes;
    const stack = logSources('', ev['exception.stacktrace']);
    const sources = { headline: `${ev['exception.type']}: ${ev['exception.message']}`, telling: stack.telling, body: stack.body };
    return modelText(sources, minChars);
  }
  return modelText(logSources(record.error_message, record.logs), minChars);
}

export function evaluate(cases) {
  const rows = cases.map((c) => {
    const record = recordOf(c);
    const analysis = record.kind === 'trace' ? analyzeTrace(record) : analyzeLog(record);
    const p = analysis.pattern;
    const catRight = p.category === c.expected.category;
    const right = catRight && p.contributing_factor === c.expected.contributing_factor;
    return {
      id: c.id,
      kind: c.kind,
      slice: c.slice ?? 'unsliced',
      expected: `${c.expected.category}/${c.expected.contributing_factor}`,
      got: `${p.category}/${p.contributing_factor}`,
      code: analysis.findings[0]?.code,
      // Which source answered: patterns, structure (parts tables), model (the learned second opinion) or none (unknown).
      answeredBy: String(p.evidence.signals.find((x) => x.name === 'answered_by')?.value ?? p.source),
      confidence: p.confidence,
      catRight,
      right,
    };
  });
  const n = rows.length;
  const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  const confident = rows.filter((r) => r.confidence >= 0.8);
  const unknownAnswers = rows.filter((r) => r.got === 'unknown/unknown');
  return {
    rows,
    cases: n,
    categoryAccuracy: rows.filter((r) => r.catRight).length / n,
    accuracy: rows.filter((r) => r.right).length / n,
    meanConfidenceRight: mean(rows.filter((r) => r.right).map((r) => r.confidence)),
    meanConfidenceWrong: mean(rows.filter((r) => !r.right).map((r) => r.confidence)),
    confidentCount: confident.length,
    confidentPrecision: confident.length ? confident.filter((r) => r.right).length / confident.length : Number.NaN,
    confidentWrong: confident.filter((r) => !r.right),
    unknownAnswers: unknownAnswers.length,
    unknownMaxConfidence: Math.max(0, ...unknownAnswers.map((r) => r.confidence)),
  };
}

/**
 * The form of a case's text: 'output' when it holds any mark of error output, 'prose' when it is
 * the reporter's words alone (users paste "the gripper does not close" as often as a log).
 * A text is 'output' when it has any one of these marks (one regex each in OUTPUT_MARKS):
 *   - a log-level tag or logger prefix: [ERROR] [WARN] [E] ..., `ERROR (`, `E (3350)`, `W - `,
 *     `level=error`, a node prefix `[/dock_drive]` / `[node-1]` at a line's start;
 *   - an error headline: `error:`, `Error at`, `Warning:`, `fatal:`, `FAILURE:`, `usage:`,
 *     `status code 429`;
 *   - a traceback or stack frame: `Traceback (most recent call last)`, `File "x", line N`,
 *     `  at f (file:1:2)`, `#0  0x...`, `frame #3`;
 *   - an exception or error name (`SomeError`, `SomeException`, `Error:`, `Exception:`), `error[E0308]`, `Segmentation
 *     fault`, `core dumped`, `exit code N`, `errno`, `panicked at`, `SIGSEGV`, `No module named`;
 *   - a timestamp: `12:03:04`, `13.42.01`, `2026-01-02`, an epoch stamp `1760378906.949`;
 *   - a shell prompt or a command line: `$ cmd`, `user@host:~$`, `>>> `, `PS C:\>`, a line
 *     starting with a common command (sudo, pip, python, ros2, roslaunch, rosrun, colcon, catkin,
 *     npm, docker, cmake, make, git, export, source, cd, conda, apt);
 *   - a path with a line number (`src/x.cpp:42`, `line 42`) or a hex address (0x7ffd1234);
 *   - a JSON error body: `{"error": ...`, `{"message": ...`;
 *   - a pasted block: a fenced code block, or a quoted message of two words or more in "...",
 *     `...`, '...' or 「...」 (what the software printed, quoted inside the reporter's sentence);
 *   - a logger or component prefix: `SomeComponent: message`, `canTransform: `, `Name:value`, a dotted module
 *     name and a colon (`gymnasium.error.NameNotFound: `);
 *   - a `key: value` / `key=value` dump: two or more lines that are a short key and a value of at
 *     most three short words;
 *   - a log's repetition: three or more lines whose first 12 characters agree;
 *   - none of the marks but no reporter either: a text of fewer than 15 words with no first
 *     person, greeting, "please", "seems" or "tried" is a bare printed message, so 'output'.
 * Everything else (sentences, a question, a description of what the robot does) is 'prose'.
 * report.js --by-form prints each set's cases and share right per form.
 */
const OUTPUT_MARKS = [
  // log-level tags and node/logger prefixes
  /\[\s*(?:ERROR|WARN|WARNING|INFO|DEBUG|FATAL|CRITICAL|TRACE|ERR|error|warn|info|debug|fatal|[EWIDF])\s*\]|^\s*(?:ERROR|WARNING|WARN|FATAL|CRITICAL|INFO|DEBUG|[EWIDF])\s{0,2}(?:\(|\[|-\s)|\blevel=\w|^\s*\[\/?[\w./-]{1,60}\]/m,
  // an error / warning headline: `error:`, `Error at`, `Warning: ...`, `usage: ...`
  /\b(?:error|Error|ERROR|warning|Warning|WARNING|fatal|Fatal|FATAL|FAILURE|usage)\s{0,2}(?::|\bat\b)|\bstatus(?: code)?:? \d{3}\b/,
  // tracebacks and stack frames
  /Traceback \(most recent call last\)|File "[^"\n]{1,300}", line \d|^\s*at [\w$.<>]{1,200} ?\(|^\s*at [\w./\\-]{1,200}:\d+|^\s*#\d{1,3}\s+0x[0-9a-f]|frame #\d/m,
  // exception / error names and process-death words
  /\b[A-Z]\w{0,60}(?:Error|Exception|Exeption|Eception)\b|\b(?:Error|Exception):|\berror\[E\d{3,5}\]|[Ss]egmentation fault|core dumped|exit (?:code|status) -?\d|\b[Ee]rrno\b|panicked at|\bSIG(?:SEGV|ABRT|KILL|TERM)\b|\bNo module named\b/,
  // timestamps
  /\b\d{1,2}[:.]\d{2}[:.]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b|\[?\b\d{9,11}\.\d{3,9}\b/,
  // shell prompts and command lines
  /^\s*(?:\$|#|>>>|PS [A-Z]:\\)\s{0,4}\S|[\w.*-]{1,40}@[\w.-]{1,60}:\S{0,200}\s?[$#]|^\s*(?:sudo|pip3?|python3?|ros2|roslaunch|rosrun|colcon|catkin(?:_make)?|npm|npx|yarn|docker|cmake|make|git|export|source|cd|conda|apt(?:-get)?)\s+-{0,2}\w/m,
  // paths with line numbers, hex addresses
  /[\w.\\/-]{1,200}\.(?:py|cpp|cc|c|h|hpp|js|ts|rs|go|java|cs|urdf|xml|yaml|launch|txt):\d+|\bline \d+\b|\b0x[0-9a-fA-F]{6,}\b/,
  // JSON error bodies
  /\{\s{0,20}"(?:error|message|detail|code|status|type)"\s{0,5}:/,
  // a pasted block: a fenced code block, or a quoted message of a few words ("...", `...`, 「...」)
  /```|"[^"\n]{0,200}\s[^"\n]{0,200}"|`[^`\n]{0,200}\s[^`\n]{0,200}`|「[^」\n]{1,200}」|(?:^|[\s(])'[^'\n]{1,200}\s[^'\n]{0,200}'(?![a-z])/m,
  // a logger / component prefix: `SomeComponent: message`, a camelCase identifier and a colon
  /^\s*[A-Z][a-z0-9]{1,30}[A-Z][\w.]{0,60}:\s|\b[a-z]{1,30}[A-Z]\w{0,60}:\s|^[A-Z][A-Za-z]{2,40}:\S|\b[a-z]\w{0,30}(?:\.\w{1,40}){1,6}:\s/m,
];
/** A `key: value` dump line: a short key, a colon or `=`, a value of at most three short words. */
const KEY_VALUE = /^\s*[\w."'[\]/ -]{1,40}\s{0,2}[:=]\s{0,4}\S{1,40}(?:\s\S{1,20}){0,2}\s*$/;
const REPORTER = /\b(?:I|I'm|I've|I'd|we|We|my|My|our|Our|me|us|Hi|Hello|Hey|please|Please|seems?|tried|trying|anyone|Any)\b/;
export function formOf(c) {
  const text = `${c.error_message ?? ''}\n${c.text ?? ''}`;
  if (OUTPUT_MARKS.some((re) => re.test(text))) return 'output';
  const lines = text.split('\n').filter((line) => line.trim());
  if (lines.filter((line) => KEY_VALUE.test(line)).length >= 2) return 'output';
  // the same line start repeated: three or more lines whose first 12 characters agree (a log's lines)
  const starts = new Map();
  for (const line of lines) {
    const k = line.trim().slice(0, 12);
    if (k.length === 12) starts.set(k, (starts.get(k) ?? 0) + 1);
  }
  if ([...starts.values()].some((n) => n >= 3)) return 'output';
  // No mark: the reporter's words when they say so (a first person, a greeting, "please", "seems",
  // "tried") or run to a sentence of 15 words or more; a shorter text with none of those is a bare
  // message the software printed ("IMU not available", "Failsafe enabled: no global position").
  if (REPORTER.test(text) || text.split(/\s+/).filter(Boolean).length >= 15) return 'prose';
  return 'output';
}

/** The slices of a set (robotics, agent, infrastructure: each blind case's `slice` field), each scored apart. */
export const SLICES = ['robotics', 'agent', 'infrastructure'];
export function bySlice(rows) {
  const out = [];
  for (const name of [...SLICES, 'unsliced']) {
    const rs = rows.filter((r) => r.slice === name);
    if (!rs.length) continue;
    const confident = rs.filter((r) => r.confidence >= 0.8);
    out.push({
      slice: name,
      cases: rs.length,
      category: rs.filter((r) => r.catRight).length,
      category_factor: rs.filter((r) => r.right).length,
      confident: confident.length,
      confident_right: confident.filter((r) => r.right).length,
      unknown: rs.filter((r) => r.got === 'unknown/unknown').length,
    });
  }
  return out;
}

/** How many answers each source gave (patterns, structure, none), and how many of those were right. */
export function bySource(rows) {
  const out = {};
  for (const r of rows) {
    const s = (out[r.answeredBy] ??= { answers: 0, right: 0 });
    s.answers += 1;
    if (r.right) s.right += 1;
  }
  return out;
}

/** The counts recorded in sets.json as a set's first measurement (whole set and per slice). */
export function countsOf(r) {
  const count = (pred) => r.rows.filter(pred).length;
  const slices = bySlice(r.rows).filter((s) => s.slice !== 'unsliced');
  return {
    cases: r.cases,
    category: count((x) => x.catRight),
    category_factor: count((x) => x.right),
    confident: r.confidentCount,
    confident_right: count((x) => x.right && x.confidence >= 0.8),
    unknown: r.unknownAnswers,
    ...(slices.length ? { slices: Object.fromEntries(slices.map(({ slice, ...c }) => [slice, c])) } : {}),
  };
}

/** Problems with the set itself: labels off the taxonomy, missing sources, duplicate ids. */
export function auditCases(cases) {
  const problems = [];
  const ids = new Set();
  for (const c of cases) {
    const where = `${c.file}:${c.fileLine}`;
    if (!c.id || ids.has(c.id)) problems.push(`${where}: id missing or duplicated (${c.id})`);
    ids.add(c.id);
    if (!/^https?:\/\/\S+$/.test(c.source ?? '')) problems.push(`${where}: source must be the address the text came from`);
    if (typeof c.text !== 'string' || !c.text.trim()) problems.push(`${where}: text is empty`);
    if (!['log', 'trace'].includes(c.kind)) problems.push(`${where}: kind must be log or trace`);
    const e = c.expected ?? {};
    if (!factorBelongs(e.category, e.contributing_factor)) {
      problems.push(`${where}: ${e.category}/${e.contributing_factor} is not a taxonomy pair`);
    }
  }
  return problems;
}
