/**
 * What the learned second opinion's training script (train-model.js), the rules' calibration
 * (calibrate.js) and the studies beside them (embedding-study.js) must share so that their
 * figures compare: the labelled cases they may learn from (tunedCases), the model file's path,
 * the folds (by source repository, assigned by a hash of its name), the vocabulary rule, the
 * deterministic shuffle, and which text a configuration reads.
 */
import { join } from 'node:path';
import { ACCURACY_DIR, loadCases, loadFiles } from './evaluate.js';

/**
 * The blind sets already tuned on whose files are in blind/ (held-out sets 1-3 are in cases/
 * already). Never a set never tuned on (held-out set 4 in holdout/, the final blind sets), never
 * blind-pending/.
 */
export function tunedBlindSets(registry) {
  return registry.sets.filter((s) => s.tuned_on && s.files.every((f) => f.startsWith('blind/')));
}

/** Every case that may be learned from: the development set (cases/) and the blind sets tuned on since. */
export function tunedCases(registry) {
  return [...loadCases(), ...tunedBlindSets(registry).flatMap((s) => loadFiles(s.files))];
}

export const MODEL_FILE = join(ACCURACY_DIR, '..', '..', 'packages', 'core', 'model', 'second-opinion.json');
export const FOLDS = 5;
export const MIN_DF = 2;
export const MAX_FEATURES = 16000;

/** A deterministic shuffle (the model file is reproducible). */
export function shuffled(xs, seed) {
  const out = [...xs];
  let h = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The vocabulary: features seen in at least MIN_DF examples, the most frequent MAX_FEATURES, most frequent first. */
export function frequentFeatures(examples, minRepos = 0, max = MAX_FEATURES) {
  const df = new Map();
  for (const e of examples) for (const f of e.features) df.set(f, (df.get(f) ?? 0) + 1);
  // With minRepos, a feature must also be seen in that many source repositories (a repository's own paths and names are not learned).
  const repos = new Map();
  if (minRepos > 1)
    for (const e of examples)
      for (const f of e.features) {
        let r = repos.get(f);
        if (!r) repos.set(f, (r = new Set()));
        if (r.size < minRepos) r.add(e.repo);
      }
  return [...df]
    .filter(([f, n]) => n >= MIN_DF && (minRepos <= 1 || (repos.get(f)?.size ?? 0) >= minRepos))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([f]) => f);
}

/** A case's source repository (owner/name on GitHub, else the host): what a fold holds out. */
export function repoOf(source) {
  const m = /github\.com\/([^/]+\/[^/#?]+)/.exec(source ?? '');
  return m ? m[1].toLowerCase() : (source ?? '').replace(/^https?:\/\//, '').split('/')[0];
}

/** The fold of a source: a hash of its repository's name (`salt` 7 is the committed split). */
export function foldOf(source, salt = 7) {
  return [...repoOf(source)].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, salt) % FOLDS;
}

/** modelText's minChars for a configuration's `text`: 'telling' (0), 'tail' (the default) or a number. */
export const minCharsOf = (text) => (text === 'telling' ? 0 : text === 'tail' ? undefined : text);
