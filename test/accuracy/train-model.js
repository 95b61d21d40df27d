#!/usr/bin/env node
/**
 * Trains the learned second opinion (issue 13 item 3): a multinomial logistic regression (a
 * linear classifier, softmax over taxonomy pairs) over the features of a record's telling lines
 * — words, word pairs, character 4-grams, structure signals and the parts the structure tables
 * read (@faultline/core modelFeatures + partFeatures, tokenizer "features-3") — on the
 * development set and the blind sets already tuned on, never on a set still blind (held-out set
 * 4, and anything in blind-pending/), which stay for measurement. Writes
 * packages/core/model/second-opinion.json (features, class biases, sparse weights, calibration,
 * the measured verdict), loaded by the workers.
 *
 * Honestly measured: the cases are split into folds by source repository (a case's
 * github.com/owner/repo), so no case is scored by a model that saw its repository. The model is
 * asked only where the rules say "unknown", so it is calibrated and judged where that happens on
 * failures the rules had not seen: the cases of the blind sets that the rules, as they were when
 * each set was first measured (first-answers.json, written by first-answers.js), answered
 * "unknown". On the held-out folds it measures (1) the model alone on every case, (2) on those
 * "asked" cases, the share right per band of its posterior, which becomes the confidence of an
 * answer in that band (capped at 0.75; a band of fewer than MIN_BAND cases or right less than
 * MODEL_MIN_PRECISION of the time gives no answer), and (3) the first rules + the model on the
 * blind sets. The model is switched on (enabled: true) only when (3) beats the first rules alone
 * without lowering the share right at confidence >= 0.8 (the model never answers at 0.8 or more,
 * and only where the rules said unknown, so that share cannot move).
 *
 *   node test/accuracy/train-model.js            train, print cross-validated figures, write the file
 *   node test/accuracy/train-model.js --check    train and print, write nothing
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calibrated, MODEL_MIN_PRECISION, modelFeatures, partFeatures, predictWith } from '@faultline/core';
import { ACCURACY_DIR, evaluate, loadCases, loadFiles, loadSets, modelTextOf as textOf } from './evaluate.js';

/** The rules' first, blind answers per set (first-answers.js). */
const FIRST = JSON.parse(readFileSync(join(ACCURACY_DIR, 'first-answers.json'), 'utf8')).sets;
const featuresOf = (text) => [...modelFeatures(text), ...partFeatures(text)];

export const MODEL_FILE = join(ACCURACY_DIR, '..', '..', 'packages', 'core', 'model', 'second-opinion.json');
const FOLDS = 5;
const MIN_DF = 2;
const MAX_FEATURES = 12000;
const EPOCHS = 8;
const RATE = 0.1;
const L2 = 1e-4;
/** Weights smaller than this are dropped from the committed file (they move no decision). */
const KEEP = 0.05;
/** Posterior bands, coarse: the "asked" cases are about a hundred. */
const BANDS = [0, 0.5, 0.8];
/** A band measured on fewer cases gives no answer. */
const MIN_BAND = 8;
const CAP = 0.75;

function round(x) {
  return Math.round(x * 1e3) / 1e3;
}

/** A deterministic shuffle (the file is reproducible). */
function shuffled(xs, seed) {
  const out = [...xs];
  let h = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Softmax regression by stochastic gradient descent over binary features; returns the sparse model. */
function train(examples) {
  const df = new Map();
  for (const e of examples) for (const f of e.features) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = [...df]
    .filter(([, n]) => n >= MIN_DF)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_FEATURES)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const classes = [...new Set(examples.map((e) => e.label))].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const K = classes.length;
  const W = new Float64Array(vocab.length * K);
  const bias = new Float64Array(K);
  const rows = examples.map((e) => ({
    y: classIndex.get(e.label),
    x: [...new Set(e.features.map((f) => index.get(f)).filter((i) => i !== undefined))],
  }));
  const scores = new Float64Array(K);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const lr = RATE / (1 + 0.3 * epoch);
    for (const r of shuffled(rows, 17 + epoch)) {
      for (let k = 0; k < K; k++) scores[k] = bias[k];
      for (const i of r.x) for (let k = 0; k < K; k++) scores[k] += W[i * K + k];
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, scores[k]);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        scores[k] = Math.exp(scores[k] - max);
        sum += scores[k];
      }
      for (let k = 0; k < K; k++) {
        const g = scores[k] / sum - (k === r.y ? 1 : 0);
        bias[k] -= lr * g;
        for (const i of r.x) W[i * K + k] -= lr * (g + L2 * W[i * K + k]);
      }
    }
  }
  // The runtime's form (predictWith): bias per class, per feature [class, weight] pairs, unseen 0.
  const lift = vocab.map((_, i) => {
    const pairs = [];
    for (let k = 0; k < K; k++) if (Math.abs(W[i * K + k]) >= KEEP) pairs.push([k, round(W[i * K + k])]);
    return pairs;
  });
  const used = lift.map((l, i) => (l.length ? i : -1)).filter((i) => i >= 0);
  return {
    tokenizer: 'features-3',
    vocab: used.map((i) => vocab[i]),
    classes,
    logprior: [...bias].map(round),
    unseen: classes.map(() => 0),
    lift: used.map((i) => lift[i]),
  };
}

function predict(model, features) {
  return predictWith(model, new Map(model.vocab.map((w, i) => [w, i])), features);
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
const rules = evaluate(cases).rows;
const firstOf = new Map(Object.values(FIRST).flatMap((s) => Object.entries(s.answers)));
const examples = cases.map((c, i) => ({
  id: c.id,
  repo: repoOf(c.source),
  label: `${c.expected.category}/${c.expected.contributing_factor}`,
  features: featuresOf(textOf(c)),
  rules: rules[i],
  first: firstOf.get(c.id),
}));

// Grouped cross-validation: repositories assigned to folds by a hash of their name.
const hash = (s) => [...s].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7);
const bands = BANDS.map(() => ({ n: 0, right: 0 }));
const held = [];
for (let f = 0; f < FOLDS; f++) {
  const test = examples.filter((e) => hash(e.repo) % FOLDS === f);
  const model = train(examples.filter((e) => hash(e.repo) % FOLDS !== f));
  for (const e of test) {
    const p = predict(model, e.features);
    // Calibrated where it is asked: the blind cases the first rules answered "unknown".
    if (e.first?.got === 'unknown/unknown' && p.label !== 'unknown/unknown') {
      const b = bands[bandOf(p.posterior)];
      b.n += 1;
      if (p.label === e.label) b.right += 1;
    }
    held.push({ e, p });
  }
}
const calibration = BANDS.map((min, i) => ({
  min,
  cases: bands[i].n,
  right: bands[i].right,
  confidence: bands[i].n >= MIN_BAND ? round(Math.min(CAP, bands[i].right / bands[i].n)) : 0,
}));
const pct = (n, d) => `${((100 * n) / d).toFixed(1)}%`;
const alone = held.filter((h) => h.p.label === h.e.label).length;

/** Rules + model: the model answers where the rules said unknown (rows: { e: { rules, label }, p }). */
function combined(rows) {
  let right = 0;
  let confident = 0;
  let confidentRight = 0;
  let answered = 0;
  let answeredRight = 0;
  for (const { e, p } of rows) {
    let got = e.rules.got;
    let confidence = e.rules.confidence;
    if (got === 'unknown/unknown' && p.label !== 'unknown/unknown') {
      const c = calibrated({ calibration }, p.posterior);
      if (c > confidence) {
        got = p.label;
        confidence = c;
        answered += 1;
        if (got === e.label) answeredRight += 1;
      }
    }
    if (got === e.label) right += 1;
    if (confidence >= 0.8) {
      confident += 1;
      if (got === e.label) confidentRight += 1;
    }
  }
  return { right, confident, confidentRight, answered, answeredRight };
}
// The blind sets as first measured: the first rules' answer, and the held-out model's where it was unknown.
const firstRows = held
  .filter((h) => h.e.first)
  .map((h) => ({ e: { rules: { got: h.e.first.got, confidence: h.e.first.confidence }, label: h.e.label }, p: h.p }));
const firstRight = firstRows.filter((r) => r.e.rules.got === r.e.label).length;
const firstConfident = firstRows.filter((r) => r.e.rules.confidence >= 0.8);
const both = combined(firstRows);
const raises = both.right > firstRight;
const keeps =
  both.confidentRight / both.confident >=
  firstConfident.filter((r) => r.e.rules.got === r.e.label).length / firstConfident.length;
const enabled = raises && keeps;
const rulesRight = held.filter((h) => h.e.rules.right).length;

console.log(
  `second opinion: ${examples.length} labelled cases (${examples.filter((e) => e.label === 'unknown/unknown').length} labelled unknown), ` +
    `${new Set(examples.map((e) => e.repo)).size} repositories, ${FOLDS} folds by repository`,
);
console.log(`cross-validated, model alone, category + factor right: ${pct(alone, examples.length)}`);
const asked = firstRows.filter((r) => r.e.rules.got === 'unknown/unknown').length;
console.log(
  `calibrated on the ${asked} blind cases the rules answered "unknown" when first measured (${Object.keys(FIRST).join(', ')}):`,
);
for (const c of calibration)
  console.log(
    `  posterior >= ${c.min.toFixed(2)}: ${c.right}/${c.cases} right → confidence ${c.confidence} (answers only if >= ${MODEL_MIN_PRECISION} on >= ${MIN_BAND} cases)`,
  );
console.log(
  `those blind sets as first measured (${firstRows.length} cases): rules ${pct(firstRight, firstRows.length)}, rules + model ${pct(both.right, firstRows.length)} ` +
    `(model answered ${both.answered} of ${asked} unknowns, ${both.answeredRight} right); right at confidence >= 0.8: ` +
    `${pct(firstConfident.filter((r) => r.e.rules.got === r.e.label).length, firstConfident.length)} -> ${pct(both.confidentRight, both.confident)}`,
);
console.log(`rules now (tuned on all these cases, so fit): ${pct(rulesRight, examples.length)}`);

const model = train(examples);
// Never-tuned blind sets: the model trained on everything above, asked where the rules said unknown.
for (const set of registry.sets.filter((s) => !s.tuned_on)) {
  const setCases = loadFiles(set.files);
  const rows = evaluate(setCases).rows.map((r, i) => ({
    e: { rules: r, label: r.expected },
    p: predict(model, featuresOf(textOf(setCases[i]))),
  }));
  const r = combined(rows);
  console.log(
    `${set.name} (never tuned on): rules ${pct(rows.filter((x) => x.e.rules.right).length, rows.length)}, rules + model ${pct(r.right, rows.length)} ` +
      `(model answered ${r.answered} of ${rows.filter((x) => x.e.rules.got === 'unknown/unknown').length} unknowns, ${r.answeredRight} right)`,
  );
}
console.log(
  `verdict: ${enabled ? 'switched ON' : 'left OFF'} (raises the cross-validated figure: ${raises}; keeps right at confidence >= 0.8: ${keeps})`,
);
const out = {
  about:
    'Learned second opinion of the faultline analyzer (issue 13 item 3): multinomial logistic regression over words, word pairs, character 4-grams and structure signals of the telling lines. Written by test/accuracy/train-model.js; do not edit.',
  version: `lr-2+${examples.length}`,
  enabled,
  trained_on: { cases: examples.length, sets: ['development set', ...tuned.map((s) => s.name)] },
  cross_validated: {
    folds: FOLDS,
    by: 'source repository',
    right: alone,
    cases: examples.length,
    first_rules_right: firstRight,
    first_rules_plus_model_right: both.right,
    blind_cases: firstRows.length,
  },
  calibration,
  ...model,
};
if (!process.argv.includes('--check')) {
  writeFileSync(MODEL_FILE, `${JSON.stringify(out)}\n`);
  console.log(`wrote ${MODEL_FILE} (${model.vocab.length} features, ${model.classes.length} classes)`);
}
