#!/usr/bin/env node
/**
 * Trains the learned second opinion (issue 13 item 3): a multinomial naive Bayes over the words
 * of a record's telling lines (what the rules read first), on the development set and the
 * blind sets already tuned on — never on a set still blind (held-out set 4, robotics-1), which
 * stay for measurement. Writes packages/core/model/second-opinion.json (vocabulary, class
 * priors, per-word log-likelihoods, calibration), loaded by the workers.
 *
 * Calibration, honestly: the cases are split into folds by source repository (a case's
 * github.com/owner/repo), so no fold is scored by a model that saw its repository; the share
 * right per band of the model's posterior on those held-out folds becomes the confidence of an
 * answer in that band, capped at 0.75 (the model alone never says it is confident); a band
 * right less than half the time gives no answer. It prints the cross-validated figures. The
 * tokenizer and the predictor are the runtime's (@faultline/core modelWords, predictWith).
 *
 *   node test/accuracy/train-model.js            train, print cross-validated figures, write the file
 *   node test/accuracy/train-model.js --check    train and print, write nothing
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { predictWith, modelWords as words } from '@faultline/core';
import { ACCURACY_DIR, loadCases, loadFiles, loadSets, modelTextOf as textOf } from './evaluate.js';

export const MODEL_FILE = join(ACCURACY_DIR, '..', '..', 'packages', 'core', 'model', 'second-opinion.json');
const FOLDS = 5;
const MIN_DF = 2;
const MAX_VOCAB = 4000;
const BANDS = [0, 0.4, 0.6, 0.8, 0.95];
const CAP = 0.75;

function train(examples) {
  const df = new Map();
  for (const e of examples) for (const w of new Set(e.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const vocab = [...df]
    .filter(([, n]) => n >= MIN_DF)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_VOCAB)
    .map(([w]) => w)
    .sort();
  const index = new Map(vocab.map((w, i) => [w, i]));
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const docs = classes.map(() => 0);
  const counts = classes.map(() => new Map());
  const totals = classes.map(() => 0);
  for (const e of examples) {
    const k = classIndex.get(e.label);
    docs[k] += 1;
    for (const w of new Set(e.words)) {
      const i = index.get(w);
      if (i === undefined) continue;
      counts[k].set(i, (counts[k].get(i) ?? 0) + 1);
      totals[k] += 1;
    }
  }
  const V = vocab.length;
  const logprior = docs.map((d) => Math.log(d / examples.length));
  const unseen = totals.map((t) => Math.log(1 / (t + V)));
  // Sparse: word → [[class, log P(word|class) - unseen[class]], ...] for the classes that saw it.
  const lift = vocab.map(() => []);
  counts.forEach((m, k) => {
    for (const [i, n] of m) lift[i].push([k, round(Math.log((n + 1) / (totals[k] + V)) - unseen[k])]);
  });
  return { vocab, classes, logprior: logprior.map(round), unseen: unseen.map(round), lift };
}

function round(x) {
  return Math.round(x * 1e4) / 1e4;
}

function predict(model, ws) {
  return predictWith(model, new Map(model.vocab.map((w, i) => [w, i])), ws);
}

const repoOf = (source) => {
  const m = /github\.com\/([^/]+\/[^/#?]+)/.exec(source ?? '');
  return m ? m[1].toLowerCase() : (source ?? '').replace(/^https?:\/\//, '').split('/')[0];
};

function bandOf(p) {
  let b = 0;
  for (let i = 0; i < BANDS.length; i++) if (p >= BANDS[i]) b = i;
  return b;
}

const registry = loadSets();
const tuned = registry.sets.filter((s) => s.tuned_on && s.files.every((f) => f.startsWith('blind/')));
// Cases labelled unknown stay in, as a class: the model may say "unknown" too.
const cases = [...loadCases(), ...tuned.flatMap((s) => loadFiles(s.files))];
const examples = cases.map((c) => ({
  id: c.id,
  repo: repoOf(c.source),
  label: `${c.expected.category}/${c.expected.contributing_factor}`,
  words: words(textOf(c)),
}));

// Grouped cross-validation: repositories assigned to folds by a hash of their name.
const hash = (s) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
const bands = BANDS.map(() => ({ n: 0, right: 0 }));
let right = 0;
for (let f = 0; f < FOLDS; f++) {
  const test = examples.filter((e) => hash(e.repo) % FOLDS === f);
  const model = train(examples.filter((e) => hash(e.repo) % FOLDS !== f));
  for (const e of test) {
    const p = predict(model, e.words);
    const b = bands[bandOf(p.posterior)];
    b.n += 1;
    if (p.label === e.label) {
      b.right += 1;
      right += 1;
    }
  }
}
const calibration = BANDS.map((min, i) => ({
  min,
  cases: bands[i].n,
  right: bands[i].right,
  confidence: bands[i].n >= 10 ? round(Math.min(CAP, bands[i].right / bands[i].n)) : 0,
}));
console.log(
  `second opinion: ${examples.length} labelled cases (${examples.filter((e) => e.label === 'unknown/unknown').length} labelled unknown), ` +
    `${new Set(examples.map((e) => e.repo)).size} repositories, ${FOLDS} folds by repository`,
);
console.log(`cross-validated, category + factor right: ${((100 * right) / examples.length).toFixed(1)}%`);
for (const c of calibration)
  console.log(`  posterior >= ${c.min.toFixed(2)}: ${c.right}/${c.cases} right → confidence ${c.confidence} (0: not answered)`);

const model = train(examples);
const out = {
  about:
    'Learned second opinion of the faultline analyzer (issue 13 item 3): multinomial naive Bayes over the words of the telling lines. Written by test/accuracy/train-model.js; do not edit.',
  version: `nb-1+${examples.length}`,
  trained_on: { cases: examples.length, sets: ['development set', ...tuned.map((s) => s.name)] },
  cross_validated: { folds: FOLDS, by: 'source repository', right: right, cases: examples.length },
  calibration,
  ...model,
};
if (!process.argv.includes('--check')) {
  writeFileSync(MODEL_FILE, `${JSON.stringify(out)}\n`);
  console.log(`wrote ${MODEL_FILE} (${model.vocab.length} words, ${model.classes.length} classes)`);
}
