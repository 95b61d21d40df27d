#!/usr/bin/env node
/**
 * Where the rules name a specific cause and it is not the label: `node test/accuracy/rules-census.js`
 * replays the development set and every blind set already tuned on (never the never-tuned sets) and
 * counts the wrong answers the rules gave with confidence > 0.3 that are not the generic reading
 * (runtime_error/unhandled_exception), grouped by the answering rule (a pattern id, or a part's
 * kind and table entry), and the generic answers whose label names a specific cause.
 *   --rule ID   every wrong answer of that rule (id, label, answer, matched text)
 *   --top N     how many rules to list (default 25)
 * A wrong answer whose case the second labeller (agreement/second-labeller.jsonl) labelled
 * otherwise than the first labels is counted apart as a label split.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLog, analyzeTrace } from '@faultline/core';
import { ACCURACY_DIR, loadSets, recordOf } from './evaluate.js';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const GENERIC = 'runtime_error/unhandled_exception';
const neverTuned = new Set(
  loadSets()
    .sets.filter((s) => !s.tuned_on)
    .flatMap((s) => s.files),
);
const files = ['cases', 'blind']
  .flatMap((dir) => readdirSync(join(ACCURACY_DIR, dir)).map((f) => `${dir}/${f}`))
  .filter((f) => f.endsWith('.jsonl') && !neverTuned.has(f));
const second = new Map();
const secondFile = join(ACCURACY_DIR, 'agreement', 'second-labeller.jsonl');
if (existsSync(secondFile))
  for (const line of readFileSync(secondFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())) {
    const s = JSON.parse(line);
    second.set(s.id, `${s.expected.category}/${s.expected.contributing_factor}`);
  }

const wrong = [];
let cases = 0;
let specific = 0;
let genericNamed = 0;
let genericAnswers = 0;
for (const file of files)
  for (const line of readFileSync(join(ACCURACY_DIR, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    cases++;
    const record = recordOf(c);
    const a = record.kind === 'trace' ? analyzeTrace(record) : analyzeLog(record);
    const p = a.pattern;
    const by = String(p.evidence.signals.find((x) => x.name === 'answered_by')?.value ?? p.source);
    if (by !== 'patterns' && by !== 'structure') continue;
    const got = `${p.category}/${p.contributing_factor}`;
    const expected = `${c.expected.category}/${c.expected.contributing_factor}`;
    const f = a.findings[0];
    if (got === GENERIC) {
      genericAnswers++;
      if (expected !== GENERIC && expected !== 'unknown/unknown') genericNamed++;
      continue;
    }
    if (p.confidence <= 0.3) continue;
    specific++;
    if (got === expected) continue;
    // A part answers by its kind and its table entry (the part's name), a pattern by its id.
    const rule = f.code.startsWith('parts.') ? `${f.code} ${String(f.evidence?.matched ?? '').slice(0, 50)}` : f.code;
    const split = second.has(c.id) && second.get(c.id) !== expected;
    wrong.push({
      rule,
      code: f.code,
      id: c.id,
      file,
      expected,
      got,
      confidence: p.confidence,
      split,
      matched: f.evidence?.matched,
    });
  }

const only = arg('--rule');
if (only) {
  for (const w of wrong.filter((x) => x.rule === only || x.code === only))
    console.log(
      `${w.file} ${w.id} expected ${w.expected} got ${w.got} ${w.confidence}${w.split ? ' (label split)' : ''}\n    ${JSON.stringify(w.matched)}`,
    );
  process.exit(0);
}
const byRule = new Map();
for (const w of wrong) byRule.set(w.code, [...(byRule.get(w.code) ?? []), w]);
console.log(
  `${cases} cases (development set and tuned sets): the rules named a specific pair (confidence > 0.3) ${specific} times, ` +
    `wrong ${wrong.length} (${wrong.filter((w) => w.split).length} of them label splits); ` +
    `generic unhandled-exception answers ${genericAnswers}, of which the label names a specific cause ${genericNamed}`,
);
console.log('wrong  split  rule (pattern id or parts.<kind>)  most frequent wrong answer');
for (const [code, ws] of [...byRule].sort((a, b) => b[1].length - a[1].length).slice(0, Number(arg('--top') ?? 25))) {
  const pairs = new Map();
  for (const w of ws) pairs.set(`${w.got} for ${w.expected}`, (pairs.get(`${w.got} for ${w.expected}`) ?? 0) + 1);
  const [pair, n] = [...pairs].sort((a, b) => b[1] - a[1])[0];
  console.log(
    `${String(ws.length).padStart(5)}  ${String(ws.filter((w) => w.split).length).padStart(5)}  ${code.padEnd(44)} ${pair} (${n})`,
  );
}
