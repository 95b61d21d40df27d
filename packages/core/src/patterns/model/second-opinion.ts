/**
 * The learned second opinion (issue 13 item 3): a linear classifier (multinomial logistic
 * regression) over the features of a record's headline and telling lines — its words, word
 * pairs, character 4-grams and structure signals (exception class names, errno names, HTTP
 * statuses, ROS log levels) — trained by test/accuracy/train-model.js on the development set and
 * the blind sets already tuned on, and loaded from the committed file
 * packages/core/model/second-opinion.json (features, class biases, sparse weights, calibration,
 * version). The older naive Bayes files (tokenizer "words") are read the same way: both are a
 * bias per class plus the sum of the weights of the features present.
 *
 * classify() asks it only where neither a pattern nor a part of the structure tables answered,
 * and only when the file's measured verdict (`enabled`) switched it on: the training script
 * measures, on held-out folds, whether the blind sets' first measurements plus the model's answers
 * on their "unknown"s beat those first measurements alone without lowering the share right at
 * confidence >= 0.8. The answer says so (answered_by: model).
 *
 * Invariants:
 * - it is meant to be asked only when the rules (patterns and structure tables) have no answer;
 * - its confidence is the share right, measured on folds that held out the case's source
 *   repository, for the band of its posterior; a band measured on fewer than 10 cases, or right
 *   less than MODEL_MIN_PRECISION of the time, gives no answer; it is capped at 0.75, so the
 *   model alone is never "confident";
 * - `modelWords` / `modelFeatures` are the one tokenizer, used by the training script and here.
 */
import { createRequire } from 'node:module';
import { findParts } from '../parts/read.js';

export interface SecondOpinionModel {
  version: string;
  /**
   * How a text becomes features: "words" (modelWords, naive Bayes files), "features-2"
   * (modelFeatures) or "features-3" (modelFeatures and the parts the structure tables read: partFeatures).
   */
  tokenizer?: 'words' | 'features-2' | 'features-3';
  /** Whether the measured verdict of the training script switched the model on. */
  enabled?: boolean;
  vocab: string[];
  classes: string[];
  logprior: number[];
  unseen: number[];
  /** Per word: [class index, log P(word|class) − unseen[class]] for the classes that saw it. */
  lift: [number, number][][];
  calibration: { min: number; cases: number; right: number; confidence: number }[];
}

export interface SecondOpinion {
  category: string;
  factor: string;
  confidence: number;
  posterior: number;
  version: string;
}

/** Below this measured share right, the model's answer is not given. */
export const MODEL_MIN_PRECISION = 0.7;

/** The words of a text (lower case; CamelCase and snake_case also split; digits dropped). */
export function modelWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.match(/[A-Za-z][A-Za-z0-9_]{1,60}/g) ?? []) {
    const lower = raw.toLowerCase();
    if (lower.length <= 40) out.push(lower);
    for (const part of raw.split(/_|(?<=[a-z])(?=[A-Z])/)) {
      const p = part.toLowerCase();
      if (p.length >= 3 && p !== lower) out.push(p);
    }
  }
  return out;
}

/** Structure signals of a text: the parts its rules also read, as features of their own. */
const STRUCTURE =
  /\b([A-Z][A-Za-z0-9]{1,60}(?:Error|Exception|Fault|Failure))\b|\b(E[A-Z]{3,12})\b|\b(?:HTTP|status|code)[ :=]{1,3}([1-5]\d\d)\b|\[(ERROR|WARN|FATAL|INFO)\]/g;

/**
 * The features of a text for the linear model: its words (modelWords), pairs of consecutive
 * words, character 4-grams of its first 1,500 characters (letters only), and structure signals.
 * Each feature counts once (presence, not frequency).
 */
export function modelFeatures(text: string): string[] {
  const head = text.slice(0, 1500);
  const words = modelWords(head);
  const out = new Set<string>(words);
  const plain = (head.toLowerCase().match(/[a-z]{2,40}/g) ?? []).slice(0, 300);
  for (let i = 1; i < plain.length; i++) out.add(`${plain[i - 1]} ${plain[i]}`);
  const letters = ` ${plain.join(' ')} `;
  for (let i = 0; i + 4 <= letters.length && i < 1500; i++) {
    const g = letters.slice(i, i + 4);
    if (g.trim().length >= 3) out.add(`#${g}`);
  }
  for (const m of head.matchAll(STRUCTURE)) {
    const part = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (part) out.add(`@${part.toLowerCase()}`);
  }
  return [...out];
}

/**
 * The parts of a text the structure tables read (patterns/parts), as features: the part itself
 * ("%exception:filenotfounderror", "%errno:enoent", "%http:503") and the taxonomy pair its table
 * gives it ("%pair:config_error/file_not_found"), so the model can weigh a known part against
 * the words around it.
 */
export function partFeatures(text: string): string[] {
  const out = new Set<string>();
  for (const p of findParts({ headline: '', telling: [], body: text })) {
    out.add(`%${p.kind}:${p.name.toLowerCase()}`);
    out.add(`%pair:${p.meaning.category}/${p.meaning.factor}`);
  }
  return [...out];
}

/** The features the given model was trained on, for a text. */
export function featuresFor(model: SecondOpinionModel, text: string): string[] {
  if (model.tokenizer === 'features-3') return [...modelFeatures(text), ...partFeatures(text)];
  return model.tokenizer === 'features-2' ? modelFeatures(text) : modelWords(text);
}

let loaded: { model: SecondOpinionModel; index: Map<string, number> } | null | undefined;

/** The committed model, or null when the file is absent (the rules then answer alone). */
export function secondOpinionModel(): { model: SecondOpinionModel; index: Map<string, number> } | null {
  if (loaded !== undefined) return loaded;
  try {
    const model = createRequire(import.meta.url)('../../../../model/second-opinion.json') as SecondOpinionModel;
    loaded = { model, index: new Map(model.vocab.map((w, i) => [w, i])) };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The model's best class for the text and its posterior (softmax of the class scores). */
export function predictWith(model: SecondOpinionModel, index: Map<string, number>, words: string[]) {
  const scores = [...model.logprior];
  const seen = new Set<number>();
  for (const w of words) {
    const i = index.get(w);
    if (i === undefined || seen.has(i)) continue;
    seen.add(i);
    for (const [k, v] of model.lift[i] ?? []) scores[k] = (scores[k] ?? 0) + v;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) + seen.size * (model.unseen[k] ?? 0);
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let k = 1; k < exp.length; k++) if ((exp[k] ?? 0) > (exp[best] ?? 0)) best = k;
  return { label: model.classes[best] ?? 'unknown/unknown', posterior: (exp[best] ?? 0) / sum, known: seen.size };
}

/** The calibrated confidence of a posterior: its band's measured share right (0: no answer). */
export function calibrated(model: SecondOpinionModel, posterior: number): number {
  let band = model.calibration[0];
  for (const b of model.calibration) if (posterior >= b.min) band = b;
  if (!band || band.cases < 10 || band.confidence < MODEL_MIN_PRECISION) return 0;
  return Math.min(0.75, band.confidence);
}

/** The second opinion on a record's headline and telling lines, or null (no model, no answer, or "unknown"). */
export function secondOpinion(text: string, evenIfOff = false): SecondOpinion | null {
  const m = secondOpinionModel();
  if (!m || (!m.model.enabled && !evenIfOff)) return null;
  const p = predictWith(m.model, m.index, featuresFor(m.model, text));
  if (p.known === 0) return null;
  const confidence = calibrated(m.model, p.posterior);
  const [category, factor] = p.label.split('/') as [string, string];
  if (!confidence || category === 'unknown') return null;
  return { category, factor, confidence, posterior: p.posterior, version: m.model.version };
}
