/**
 * The learned second opinion (issue 13 item 3): a linear classifier (multinomial logistic
 * regression) over the features of a record's headline and telling lines (or, when those say
 * almost nothing, the end of its body: classify.ts modelText) — its words, word pairs, character
 * 4-grams, structure signals (exception class names, errno names, HTTP statuses, ROS log levels),
 * the parts the structure tables read, and the robot vocabulary of the parts tables (component
 * classes, failure classes, both paired, simulator, log level, the logging node's words, numbers
 * as shapes: vocabularyFeatures) —
 * trained by test/accuracy/train-model.js on every labelled case but the sets still blind, and
 * loaded from the committed file packages/core/model/second-opinion.json (features, class biases,
 * sparse weights, calibration, version). The older naive Bayes files (tokenizer "words") are read
 * the same way: both are a bias per class plus the sum of the weights of the features present.
 *
 * classify() asks it only where neither a pattern nor a part of the structure tables answered
 * (or, when the file's `overrules_below` says so, where they answered below that confidence and
 * the model's band is measured more sure), and only when the file's measured verdict (`enabled`)
 * switched it on: the training script
 * measures, on held-out folds, whether the blind sets' first measurements plus the model's answers
 * on their "unknown"s beat those first measurements alone without lowering the share right at
 * confidence >= 0.8. The answer says so (answered_by: model).
 *
 * Invariants:
 * - it is meant to be asked only when the rules (patterns and structure tables) have no answer, or
 *   a weak one (below overrules_below, at most 0.5) that it was measured to beat;
 * - its confidence is the share right, measured on folds that held out the case's source
 *   repository, on the blind cases the rules first answered "unknown", for the band of its
 *   posterior; a posterior under MODEL_MIN_POSTERIOR, a band measured on fewer than 10 cases, or right less than MODEL_MIN_PRECISION of
 *   the time, gives no answer; it is capped at 0.75, so the model alone is never "confident";
 * - `modelWords` / `modelFeatures` / `partFeatures` / `vocabularyFeatures` are the one tokenizer,
 *   used by the training script and here (featuresFor);
 * - the robot vocabulary is the parts tables' (parts/tables/robot-words.ts): the model names no
 *   component or failure word of its own, so a word added there reaches both readings;
 * - it names a robot failure (ROBOT_ONLY) only for a record with robot context (robotContext),
 *   an LLM provider's overload (LLM_ONLY) only for one with LLM context, in training as at run time.
 */
import { readFileSync } from 'node:fs';
import { findParts } from '../parts/read.js';
import { robotWordClasses } from '../parts/robot.js';
import { SIMULATOR_CONTEXT } from '../parts/tables/robot-pairs.js';

export interface SecondOpinionModel {
  version: string;
  /**
   * How a text becomes features: "words" (modelWords, naive Bayes files), "features-2"
   * (modelFeatures), "features-3" (modelFeatures and the parts the structure tables read: partFeatures)
   * or "features-5" (those and the robot vocabulary of the parts tables: vocabularyFeatures).
   * ("features-4", lr-3's own robot word groups, was replaced by features-5: one vocabulary.)
   */
  tokenizer?: 'words' | 'features-2' | 'features-3' | 'features-5';
  /** Whether the measured verdict of the training script switched the model on. */
  enabled?: boolean;
  /**
   * The rules' answers below this confidence may be overruled by a more sure band of the model
   * (0 or absent: never); set by the training script only when measured to raise the figure.
   */
  overrules_below?: number;
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

/**
 * Below this measured share right, the model's answer is not given. An "unknown" is always wrong
 * when the failure has a cause, so a band right about one time in three is worth answering at its
 * measured (low) confidence; below it (the posterior band under 0.3 was right about one time in
 * ten on the rules' first "unknown"s, no more often than the failures labelled unknown it would
 * turn wrong) the model says nothing. train-model.js prints the bands.
 */
export const MODEL_MIN_PRECISION = 0.3;

/**
 * Below this posterior the model gives no answer, whatever its band measured: among some 67
 * classes a low posterior means no class stands out, and that is where texts stating no failure
 * land ("goal reached", "finished cleanly", a training log's "epoch 3 loss: 0.35 thrust 12.0": the
 * model is taught only on failures). 0.3 until lr-4+2144; retrained on 2,427 cases the model named
 * two negative controls of the core tests between 0.3 and 0.5 (that training line as an actuator
 * fault at 0.45, a bare HTTP 404 of a vector store as invalid_config at 0.32), and its bands there
 * were right about one time in three on the first "unknown"s (train-model.js prints them).
 */
export const MODEL_MIN_POSTERIOR = 0.5;

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

/** Log levels, as the robot stacks print them: "[ERROR]", "ERROR:", glog's "E1205", "[warn]", "level=error". */
const LEVEL =
  /\[(?:(error|fatal|warn|warning|critical)|(ERROR|FATAL|WARN|WARNING|CRITICAL|Error|Fatal|Warn|Warning|Critical))\]|\b(ERROR|FATAL|WARN|WARNING|CRITICAL|SEVERE)\b|^([EFW])\d{4} |level=(error|fatal|warn)/gm;
/** The emitting node or component: "[ERROR] [1699.1] [controller_manager]:", "[gzserver-2]", "[omni.isaac.plugin]". */
const NODE = /\[([A-Za-z][\w./-]{2,60})\]:?/g;
const LEVEL_WORDS = new Set(['error', 'fatal', 'warn', 'warning', 'info', 'debug', 'critical', 'ros', 'e', 'w', 'i']);

/**
 * A text's log level ("&level:error"), the words of the nodes that logged it ("&node:controller"),
 * and its numbers normalized as shapes next to the word before them ("&num:code N", "&num:N %"),
 * so "exit code 255" and "exit code 11" share a feature.
 */
function shapeFeatures(head: string): string[] {
  const out = new Set<string>();
  for (const m of head.matchAll(LEVEL)) {
    const glog = { E: 'error', F: 'fatal', W: 'warn' }[m[4] ?? ''];
    const level = (m[1] ?? m[2] ?? m[3] ?? m[5] ?? glog ?? '').toLowerCase();
    if (level) out.add(`&level:${level.startsWith('warn') ? 'warn' : level}`);
  }
  for (const m of head.matchAll(NODE)) {
    for (const w of (m[1] ?? '').toLowerCase().split(/[^a-z]+/)) {
      if (w.length >= 2 && !LEVEL_WORDS.has(w)) out.add(`&node:${w}`);
    }
  }
  const shapes = head
    .toLowerCase()
    .replace(/0x[0-9a-f]+/g, ' H ')
    .replace(/\d+(?:\.\d+)?/g, ' N ');
  const tokens = shapes.match(/[a-z]{2,30}|[NH]|%/g) ?? [];
  for (let i = 1; i < tokens.length && i < 400; i++) {
    const a = tokens[i - 1] as string;
    const b = tokens[i] as string;
    if ((a === 'N' || a === 'H') !== (b === 'N' || b === 'H' || b === '%')) out.add(`&num:${a} ${b}`);
  }
  return [...out];
}

/**
 * The robot vocabulary of a text as features (tokenizer "features-5"), from the parts tables
 * (parts/tables/robot-words.ts, through parts/robot.ts robotWordClasses): the component classes
 * it names ("&comp:sensor"), the failure classes it states ("&verb:silent"), each paired
 * ("&cv:sensor+silent": what the generic robot reading reads line by line, here over the whole
 * text; a component never seen in training still lands in its class: "velodyne" and "lidar" are
 * both a sensor), whether it shows a simulator (robot-pairs.ts SIMULATOR_CONTEXT), its log level,
 * the logging node's words and its numbers as shapes (shapeFeatures).
 */
export function vocabularyFeatures(text: string): string[] {
  const head = text.slice(0, 1500);
  const out = new Set<string>();
  const { nouns, verbs } = robotWordClasses(head);
  for (const c of nouns) out.add(`&comp:${c}`);
  for (const v of verbs) out.add(`&verb:${v}`);
  for (const c of nouns) for (const v of verbs) out.add(`&cv:${c}+${v}`);
  if (!nouns.length) for (const v of verbs) out.add(`&cv:none+${v}`);
  if (SIMULATOR_CONTEXT.test(head)) out.add('&sim');
  for (const f of shapeFeatures(head)) out.add(f);
  return [...out];
}

/**
 * Words of a line that only reports how a process ended ("Error: Process completed with exit code
 * 1.", "##[error]Command failed with exit status 2", "returned non-zero exit status 1"): such a line
 * names no cause, whatever its number.
 */
const EXIT_WORDS = new Set(['exit', 'exited', 'exiting']);
const EXIT_ONLY_WORDS = new Set([
  ...EXIT_WORDS,
  'code',
  'status',
  'error',
  'err',
  'process',
  'completed',
  'command',
  'failed',
  'with',
  'returned',
  'non',
  'nonzero',
  'zero',
  'the',
  'step',
  'job',
  'run',
]);

/** Whether a line only reports an exit (EXIT_ONLY_WORDS): nothing in it says why. */
export function reportsOnlyAnExit(line: string): boolean {
  const words = line.toLowerCase().match(/[a-z]+/g) ?? [];
  return words.some((w) => EXIT_WORDS.has(w)) && words.every((w) => EXIT_ONLY_WORDS.has(w));
}

/**
 * How much a text says about a failure: its length (trimmed), the lines that only report an
 * exit left out (reportsOnlyAnExit). classify.ts modelText reads the body's end too when this is
 * short, so a record whose only telling line is "Process completed with exit code 1" is read by its
 * log, not by that line — in training as at run time (a training case whose cause was only in the
 * body otherwise taught the model that the exit line itself means its label).
 */
export function saidLength(text: string): number {
  return text
    .split('\n')
    .filter((line) => !reportsOnlyAnExit(line))
    .join('\n')
    .trim().length;
}

/** The features the given model was trained on, for a text. */
export function featuresFor(model: SecondOpinionModel, text: string): string[] {
  if (model.tokenizer === 'features-5') return [...modelFeatures(text), ...partFeatures(text), ...vocabularyFeatures(text)];
  if (model.tokenizer === 'features-3') return [...modelFeatures(text), ...partFeatures(text)];
  if (model.tokenizer === 'features-2') return modelFeatures(text);
  if (model.tokenizer === undefined || model.tokenizer === 'words') return modelWords(text);
  throw new Error(
    `second opinion ${model.version}: tokenizer ${JSON.stringify(model.tokenizer)} is not known here; retrain with node test/accuracy/train-model.js`,
  );
}

/**
 * A model's weights as three flat arrays: row i (the word vocab[i]) is entries start[i] to
 * start[i + 1] - 1 of cls (class index) and value (its weight), in the file's order, so sums come
 * out bit for bit as from the nested pairs. The committed model's ~92,000 pairs take about 1 MiB
 * so, against about 7 MiB of small arrays as parsed from JSON, in every worker thread.
 */
export interface ModelWeights {
  start: Uint32Array;
  cls: Uint16Array;
  value: Float64Array;
}

export function compactWeights(lift: readonly (readonly [number, number])[][]): ModelWeights {
  const start = new Uint32Array(lift.length + 1);
  for (let i = 0; i < lift.length; i++) start[i + 1] = (start[i] as number) + (lift[i]?.length ?? 0);
  const n = start[lift.length] as number;
  const cls = new Uint16Array(n);
  const value = new Float64Array(n);
  let j = 0;
  for (const row of lift) {
    for (const [k, v] of row) {
      cls[j] = k;
      value[j++] = v;
    }
  }
  return { start, cls, value };
}

/** The weights of each model predictWith was given (a model handed in by a script or test: made on first use). */
const WEIGHTS = new WeakMap<SecondOpinionModel, ModelWeights>();

function weightsOf(model: SecondOpinionModel): ModelWeights {
  let w = WEIGHTS.get(model);
  if (!w) {
    w = compactWeights(model.lift);
    WEIGHTS.set(model, w);
  }
  return w;
}

let loaded: { model: SecondOpinionModel; index: Map<string, number> } | null | undefined;

/**
 * Replaces the loaded model (null: none, the rules answer alone; undefined: the committed file
 * again). For the training script, which measures the rules without the model, and for tests.
 */
export function useSecondOpinionModel(model: SecondOpinionModel | null | undefined): void {
  loaded = model ? { model, index: new Map(model.vocab.map((w, i) => [w, i])) } : model;
}

/**
 * The committed model, or null when the file is absent (the rules then answer alone). Loaded on
 * first use (a thread that never asks the model never holds it); its weights are kept only in
 * flat arrays (compactWeights): the loaded model's `lift` is empty.
 */
export function secondOpinionModel(): { model: SecondOpinionModel; index: Map<string, number> } | null {
  if (loaded !== undefined) return loaded;
  try {
    const file = new URL('../../../../model/second-opinion.json', import.meta.url);
    const { lift, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as SecondOpinionModel;
    const model: SecondOpinionModel = { ...rest, lift: [] };
    WEIGHTS.set(model, compactWeights(lift));
    loaded = { model, index: new Map(model.vocab.map((w, i) => [w, i])) };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The model's weights (the committed model's flat arrays, or made from a given model's `lift`). */
export function modelWeights(model: SecondOpinionModel): ModelWeights {
  return weightsOf(model);
}

/** The model's best class for the text and its posterior (softmax of the class scores). */
export function predictWith(model: SecondOpinionModel, index: Map<string, number>, words: string[]) {
  const scores = [...model.logprior];
  const { start, cls, value } = weightsOf(model);
  const seen = new Set<number>();
  for (const w of words) {
    const i = index.get(w);
    if (i === undefined || seen.has(i)) continue;
    seen.add(i);
    const from = start[i] ?? 0;
    const to = start[i + 1] ?? from;
    for (let j = from; j < to; j++) {
      const k = cls[j] as number;
      scores[k] = (scores[k] ?? 0) + (value[j] as number);
    }
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) + seen.size * (model.unseen[k] ?? 0);
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let k = 1; k < exp.length; k++) if ((exp[k] ?? 0) > (exp[best] ?? 0)) best = k;
  return { label: model.classes[best] ?? 'unknown/unknown', posterior: (exp[best] ?? 0) / sum, known: seen.size };
}

/** Below which confidence the switched-on model may overrule the rules' answer (0: never, only their "unknown"s). */
export function modelOverrulesBelow(): number {
  const m = secondOpinionModel();
  return m?.model.enabled ? Math.min(0.5, m.model.overrules_below ?? 0) : 0;
}

/** The calibrated confidence of a posterior: its band's measured share right (0: no answer). */
export function calibrated(model: SecondOpinionModel, posterior: number): number {
  let band = model.calibration[0];
  for (const b of model.calibration) if (posterior >= b.min) band = b;
  if (!band || posterior < MODEL_MIN_POSTERIOR || band.cases < 10 || band.confidence < MODEL_MIN_PRECISION) return 0;
  return Math.min(0.75, band.confidence);
}

/** A line at INFO or DEBUG level states no failure (the robot reading skips them too). */
const QUIET_LINE = /\[(?:INFO|DEBUG|info|debug|Info|Debug)\]|\b(?:INFO|DEBUG)\b[:\] ]|^[ID]\d{4} |level=(?:info|debug)/;
/**
 * Words saying a failure did not happen: "Fault : FAULT_CODE_NONE", "AxisError.NONE", "no error",
 * "success: True", "OOMKilled: false", "goal reached", "finished successfully", and a vectorized
 * environment's normal reset at an episode's terminal state ("Resetting environments (...) due to
 * Termination": gymnasium's terminated, not truncated).
 */
const NEGATION =
  /\b\w+\s{0,20}[:=]\s{0,20}[A-Z_]*NONE\b|(?:^|[^A-Za-z])[A-Z][A-Z_]*_NONE\b|\.NONE\b|\bno (?:errors?|faults?|failures?)\b|\bsuccess(?:ful)?\W{0,4}true\b|\b\w*(?:Killed|Failed|Error|Fault)\w*["']?\s{0,4}[:=]\s{0,4}(?:false|0|none|null)\b|\b(?:goal|target|destination)\s(?:was\s)?reached\b|\breached\s(?:the\s|its\s)?(?:goal|target|destination)\b|\b(?:completed|finished|exited|ended)\s(?:successfully|cleanly|normally)\b|\bresetting environments\b[^\n]{0,80}\bdue to termination\b/gi;
/**
 * A success metric and the rest of its line: a key and its value ("success_rate: 0.82",
 * "'pc_success': 86.0", "Success_Rate\": 0.92") or a rate in words ("success rate over 50
 * episodes: 86%", "success rate 0/50").
 */
const RATE = /(?:pc_)?success(?:[_ ]?(rate))?\b(["']?\s{0,4}[:=]\s{0,4})?([^\n]{0,80})/gi;
const COUNT = /(\d{1,6})\s{0,2}\/\s{0,2}(\d{1,6})/;
const NUMBER = /(\d{1,3}(?:\.\d{1,6})?)(%?)/g;
const LEADING_NUMBER = /^\[?\s{0,2}(\d{1,3}(?:\.\d{1,6})?)(%?)/;

/** Whether the text gives success metrics, all of them half or more (a verdict of success, not of failure). */
function highRates(text: string): boolean {
  let any = false;
  for (const m of text.matchAll(RATE)) {
    const rest = m[3] ?? '';
    // A key's value is the number right after it; a rate in words, its count or its last number.
    const count = m[2] ? null : COUNT.exec(rest);
    const number = m[2] ? LEADING_NUMBER.exec(rest) : m[1] ? [...rest.matchAll(NUMBER)].pop() : null;
    if (!count && !number) continue;
    const n = Number(number?.[1]);
    const share = count ? Number(count[1]) / Math.max(1, Number(count[2])) : number?.[2] || n > 1 ? n / 100 : n;
    if (!(share >= 0.5)) return false;
    any = true;
  }
  return any;
}

/** Words stating a failure. */
const FAILURE_WORD =
  /\b(?:err(?:or|ors)?|exception|fail(?:s|ed|ure|ures)?|fatal|critical|panic|abort(?:ed)?|crash(?:ed)?|died|killed|refused|denied|forbidden|unauthori[sz]ed|invalid|cannot|can't|could not|couldn't|unable|not found|no such|missing|timed? ?out|timeout|exceeded|lost|disconnected|overcurrent|overheat(?:ing)?|fault(?:s|ed)?|nan|diverged|segmentation|traceback|assert(?:ion)?)\b/i;

/**
 * Whether a text says that nothing failed: every line is at INFO or DEBUG level, or it holds a
 * negation ("motor: no error", "FAULT_CODE_NONE", "success: True") or success rates of half or
 * more and, once those are taken out, no line outside INFO/DEBUG holds a failure word. The model,
 * taught only on failures, would read such a text as the failure its words resemble; it gives no
 * answer there (the rules decide a success rate).
 */
export function statesNoFailure(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  const loud = lines.filter((l) => !QUIET_LINE.test(l));
  if (lines.length && !loud.length) return true;
  NEGATION.lastIndex = 0;
  if (!NEGATION.test(text) && !highRates(text)) return false;
  return !loud.some((l) => FAILURE_WORD.test(l.replace(NEGATION, ' ').replace(RATE, ' ')));
}

/**
 * Pairs that name a failure of an LLM provider by a word other failures use too ("overloaded"):
 * the model answers them only when the record has LLM context (classify.ts LLM_CONTEXT), so that
 * a C++ "call of overloaded 'foo'" is not a provider overload. (Widening this to every agent
 * category cost 25 right answers of the 223 first "unknown"s: their texts often name no provider.)
 */
const LLM_ONLY = /^upstream_error\/model_overloaded$/;

/**
 * The robot families' pairs (hardware_fault, policy_failure, verification_failure, regression):
 * the model answers them only for a record with robot context (robotContext). Its words are
 * shared by other software — a Maven "goal", a backup's "read failed: Input/output error", a
 * build's "Tests run … FAILURE" — and a model taught mostly on robot failures read such texts as a
 * robot's task not achieved or a sensor fault (test/model-negative-controls.test.ts).
 */
const ROBOT_ONLY = /^(?:hardware_fault|policy_failure|verification_failure|regression)\//;
/**
 * Words of a robot, its stack or its evaluation: ROS and its log forms (a ROS timestamp after the
 * level, "process[node]", a launch's "[node-N]"), motion planning and navigation, robot learning
 * and its benchmarks, simulators, flight stacks, field buses and sensor interfaces.
 */
const ROBOT_WORDS =
  /\b(?:robot\w*|ros[12]?|rospy|rclpy|rclcpp|roslaunch|rosrun|ros2_control|moveit|move_group|ompl|nav2|costmap|planner\w*|navigat\w*|motion plan|episodes?|success(?:[ _]rate)?|mean_score|policy|policies|reward|scenario\w*|routes?|infractions?|collisions?|environments?|evaluation|subtasks?|grasp\w*|gripper|manipulat\w*|torque|gyro\w*|accelerometer|calibrat\w*|drone|uav|px4|ardupilot|mavlink|can ?bus|can\d|canopen|nmt|i2c|serial|uart|modbus|v4l2\w*|vidioc\w*|x_link\w*|libero|maniskill|robosuite|isaac\w*|simulat\w*|sim-to-real|openpilot|autoware|carla)\b|\[\s?(?:ERROR|WARN|INFO|FATAL|DEBUG)\s?\]\s?\[\d{9,}|process\[[\w/.-]+\]|\[[A-Za-z]\w*-\d+\]/i;
/** Component classes of the parts tables that only a machine has (not a file, a setting, a path or a "goal"). */
const ROBOT_NOUNS: ReadonlySet<string> = new Set(['sensor', 'actuator', 'power', 'safety', 'device_node']);

/**
 * Whether a record's text is about a robot: ROBOT_WORDS, a simulator (SIMULATOR_CONTEXT), or a
 * component of the parts tables' robot vocabulary that only a machine has (ROBOT_NOUNS). Reads
 * the first and last 10,000 characters of a longer text.
 */
export function robotContext(text: string): boolean {
  const head = text.length > 20000 ? `${text.slice(0, 10000)}\n${text.slice(-10000)}` : text;
  if (ROBOT_WORDS.test(head) || SIMULATOR_CONTEXT.test(head)) return true;
  return robotWordClasses(head).nouns.some((n) => ROBOT_NOUNS.has(n));
}

/**
 * The second opinion on a record's model text (classify.ts modelText), or null: no model, no
 * answer, "unknown", a text saying nothing failed (statesNoFailure), an LLM-only pair (LLM_ONLY)
 * while `llmContext` is false, or a robot pair (ROBOT_ONLY) when the record's whole text
 * (`recordText`, default the model text) has no robot context (robotContext).
 */
export function secondOpinion(text: string, evenIfOff = false, llmContext = true, recordText = text): SecondOpinion | null {
  const m = secondOpinionModel();
  if (!m || (!m.model.enabled && !evenIfOff)) return null;
  if (statesNoFailure(text)) return null;
  const p = predictWith(m.model, m.index, featuresFor(m.model, text));
  if (p.known === 0) return null;
  const confidence = calibrated(m.model, p.posterior);
  const [category, factor] = p.label.split('/') as [string, string];
  if (!confidence || category === 'unknown') return null;
  if (!llmContext && LLM_ONLY.test(p.label)) return null;
  if (ROBOT_ONLY.test(p.label) && !robotContext(recordText)) return null;
  return { category, factor, confidence, posterior: p.posterior, version: m.model.version };
}

/**
 * Whether the model may give this pair for a record with or without LLM context (LLM_ONLY) and
 * robot context (ROBOT_ONLY, robotContext).
 */
export function modelMayAnswer(label: string, llmContext: boolean, robot = true): boolean {
  return (llmContext || !LLM_ONLY.test(label)) && (robot || !ROBOT_ONLY.test(label));
}
