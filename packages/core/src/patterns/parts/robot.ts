/**
 * The generic robot reading: a robot failure never seen before but made of known parts — a log
 * line's level, the component it names and the verb it states ("[ERROR] [imu_node]: no data
 * received", "servo_error_code, servo_id=6, code=18", "Could not open CAN device /dev/can0",
 * "RuntimeError: NavMesh has no navigable area") — is read by its form, not its phrase: the
 * component's class (robot-words.ts: sensor, actuator, command, power, safety, navigation, robot
 * description, device node, setting, file, package, dataset, numeric state, evaluation) with the
 * failure's class (silent, lost, cannot open, absent, fault, limit, NaN, invalid, rejected, low,
 * aborted, corrupt, empty, failed, below) gives a taxonomy pair (robot-pairs.ts).
 *
 * Invariants:
 * - the engine names no word: nouns, verbs and meanings are the tables' data;
 * - a line at INFO/DEBUG level states no failure and is not read (except the verdict verbs: an
 *   evaluation's "success: False" is often logged at INFO);
 * - the reading is one part among the others (parts/read.ts), of low weight: any part that
 *   names its cause (an errno, an HTTP status, a known exception class) outweighs it, and its
 *   confidence stays below 0.8 like every part's;
 * - bounded cost: the lines read are the headline, the telling lines and the last BODY_TAIL
 *   characters of the body (each cut to 2,000 characters); a line is tested for nouns only
 *   once a verb matched; nouns and verbs match as whole words ("stall" is not in "install"),
 *   a CamelCase name's words included (UEyeCamDriver names a camera);
 *   every regex is linear;
 * - on one line, of two components whose readings weigh the same, the one nearest the verb is the
 *   one the verb is said of ("Cannot find "x" plugin (… no .ini file …)" is about the plugin).
 */
import { cut } from '../../text.js';
import { Prefilter } from '../prefilter.js';
import type { PartMeaning } from './table.js';
import { DEVICE_PAIRS, type PairTable, ROBOT_PAIRS, SIMULATED_PAIRS } from './tables/robot-pairs.js';
import {
  CASE_SENSITIVE_VERBS,
  NOUN_CLASSES,
  NOUN_FORMS,
  NOUN_WORDS,
  type NounClass,
  VERB_CLASSES,
  VERB_PHRASES,
  type VerbClass,
} from './tables/robot-words.js';

export type RobotWhere = 'headline' | 'telling' | 'body';

/** One robot reading: the line's component class and failure class, and what they mean. */
export interface RobotReading {
  noun: NounClass;
  verb: VerbClass;
  /** The words that were read ("imu", "no data received"), for the title and rationale. */
  nounText: string;
  verbText: string;
  where: RobotWhere;
  meaning: PartMeaning;
  /** The pair's weight plus the bonuses of the line's level and source. */
  score: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Whole words: `(?<![A-Za-z])(?:w1|w2|…)(?![A-Za-z])`, the word boundaries once around the
 * alternatives. The same matches as `(?<![A-Za-z])(?:w1)(?![A-Za-z])|(?<![A-Za-z])(?:w2)…` (at
 * each position the alternatives are tried in the same order, backtracking into each before
 * the next), about three times faster in V8 (one lookbehind per position instead of one per
 * alternative).
 */
const wholeWords = (alts: readonly string[]): string => `(?<![A-Za-z])(?:${alts.map((a) => `(?:${a})`).join('|')})(?![A-Za-z])`;

/** A whole-word alternation: `_`, `-`, `/`, `.` and digits separate words; a plural `s` is allowed. */
function wordsRegex(words: readonly string[], form?: string): RegExp | null {
  const alts = [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegex(w).replace(/ /g, '[ _-]'))
    .map((w) => `${w}(?:e?s)?`);
  const parts = alts.length ? [wholeWords(alts)] : [];
  if (form) parts.push(`(?:${form})`);
  return parts.length ? new RegExp(parts.join('|'), 'i') : null;
}

const NOUNS: [NounClass, RegExp][] = NOUN_CLASSES.flatMap((c) => {
  const re = wordsRegex(NOUN_WORDS[c], NOUN_FORMS[c]);
  return re ? [[c, re] as [NounClass, RegExp]] : [];
});
const VERBS: [VerbClass, RegExp][] = VERB_CLASSES.map((c) => [
  c,
  new RegExp(wholeWords(VERB_PHRASES[c]), CASE_SENSITIVE_VERBS.has(c) ? '' : 'i'),
]);
/** The failure classes' regexes, in VERB_CLASSES order (classify.ts reads them through its prefilter). */
export const VERB_REGEXES: readonly RegExp[] = VERBS.map(([, re]) => re);
/**
 * The words each verb class's regex cannot match without (prefilter.ts): a record's lines are
 * scanned once, and a class none of whose words' combinations is in them is tried on none of its
 * lines (unless the caller, which scanned a text holding all the lines, says which may match).
 */
let VERB_PREFILTER: Prefilter | undefined;

/** CamelCase component names (UEyeCamDriver, RealSenseNode) name their words too: the text with them split. */
const withCamelWords = (text: string): string =>
  /[a-z][A-Z]/.test(text) ? `${text}\n${text.replace(/([a-z])([A-Z])/g, '$1 $2')}` : text;

/**
 * The component classes and failure classes a text names anywhere (robot-words.ts, the same
 * words and forms the robot reading matches), whatever their line or level: the vocabulary the
 * learned second opinion reads (model/second-opinion.ts vocabularyFeatures).
 */
export function robotWordClasses(text: string): { nouns: NounClass[]; verbs: VerbClass[] } {
  const words = withCamelWords(text);
  return {
    nouns: NOUNS.filter(([, re]) => re.test(words)).map(([c]) => c),
    verbs: VERBS.filter(([, re]) => re.test(text)).map(([c]) => c),
  };
}

/** Log levels as robot software writes them: ROS 1/2, glog, Python logging, PX4, Isaac/Omniverse, yarp, MAVSDK. */
const ERROR_LEVEL =
  /\[\s?(?:ERROR|FATAL|Error|Err|error|fatal)\s?\]|^\s{0,20}[EF]\d{4} |\bERROR:|\bERROR \[|<ERROR>|\*\*\*ERROR\*\*\*|\bFATAL\b|\bCRITICAL\b|\bPreArm: |\|Error\s{0,2}\]/;
const WARN_LEVEL = /\[\s?(?:WARN(?:ING)?|Wrn|warn(?:ing)?)\s?\]|^\s{0,20}W\d{4} |\bWARN(?:ING)?:|<WARN(?:ING)?>|\|Warn\s{0,2}\]/;
const INFO_LEVEL =
  /\[\s?(?:INFO|DEBUG|Info|Debug|Dbg|Msg)\s?\]|^\s{0,20}[ID]\d{4} |\bINFO:|\bDEBUG:|<INFO>|\|(?:Info|Debug)\s{0,2}\]/;
/** Verbs that state a verdict and are read even at INFO level. */
const VERDICT_VERBS: ReadonlySet<VerbClass> = new Set(['failed', 'below', 'nan']);

const LEVEL_BONUS = { error: 0.05, warn: 0, none: 0 } as const;
const WHERE_BONUS: Record<RobotWhere, number> = { headline: 0.03, telling: 0.02, body: 0 };

function levelOf(line: string): 'error' | 'warn' | 'info' | 'none' {
  if (ERROR_LEVEL.test(line)) return 'error';
  if (WARN_LEVEL.test(line)) return 'warn';
  if (INFO_LEVEL.test(line)) return 'info';
  return 'none';
}

/** What a record is about, for an unnamed device (robot-pairs.ts DEVICE_PAIRS). */
export type DeviceContext = 'sensor' | 'actuator' | undefined;

/** The pairs of one noun class: ROBOT_PAIRS', then the record's device context's, then a simulator's. */
function pairsOf(noun: NounClass, simulated: boolean, about: DeviceContext): PairTable[NounClass] {
  const device = about ? DEVICE_PAIRS[about][noun] : undefined;
  const sim = simulated ? SIMULATED_PAIRS[noun] : undefined;
  return device || sim ? { ...ROBOT_PAIRS[noun], ...device, ...sim } : ROBOT_PAIRS[noun];
}

/**
 * A web address names a place, not a component or a failure the line states: its words (a repository
 * "robotology-dependencies/qpOASES", an issue path ".../not-found") are blanked, the line's length kept
 * (robotics-29b: "dependencies" in a link read with the prose's "couldn't find" as a package not installed).
 */
/* An address whose host is an IP literal, localhost or a *.local name is a device's own (an IP camera's
 * stream, a robot's web interface): the component the line names, kept. */
const URL_FORM =
  /\b(?:https?|ftp):\/\/(?!(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|[\w-]{1,63}\.local)(?:[:/]|$))[^\s<>"'`)\]]{1,800}/g;
const withoutUrls = (line: string): string =>
  line.includes('://') ? line.replace(URL_FORM, (url) => ' '.repeat(url.length)) : line;

/** The best robot reading of one line, or null. */
export function readRobotLine(
  raw: string,
  where: RobotWhere,
  simulated = false,
  verbMayMatch?: readonly boolean[],
  about?: DeviceContext,
): RobotReading | null {
  const line = withoutUrls(cut(raw, 2000));
  const verbs: [VerbClass, string, number][] = [];
  for (let i = 0; i < VERBS.length; i++) {
    if (verbMayMatch && !verbMayMatch[i]) continue;
    const [verb, re] = VERBS[i] as [VerbClass, RegExp];
    const m = re.exec(line);
    if (m) verbs.push([verb, m[0], m.index]);
  }
  if (!verbs.length) return null;
  const level = levelOf(line);
  const words = withCamelWords(line);
  let best: RobotReading | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [noun, re] of NOUNS) {
    const pairs = pairsOf(noun, simulated, about);
    if (!pairs) continue;
    let nm: RegExpExecArray | null = null;
    for (const [verb, verbText, at] of verbs) {
      const meaning = pairs[verb];
      if (!meaning) continue;
      if (level === 'info' && !VERDICT_VERBS.has(verb)) continue;
      nm ??= re.exec(words);
      if (!nm) break;
      const score = meaning.weight + (level === 'info' ? 0 : LEVEL_BONUS[level]) + WHERE_BONUS[where];
      // On a tie, the component nearest the verb is the one the verb is said of ("Cannot find
      // "serialport" plugin (… no .ini file …)" is about the plugin); one inside the verb's words
      // is its object ("connection to controller server failed").
      const inside = nm.index >= at && nm.index < at + verbText.length;
      const distance = nm.index < line.length ? (inside ? 0 : Math.abs(nm.index - at)) : Number.POSITIVE_INFINITY;
      if (!best || score > best.score || (score === best.score && distance < bestDistance)) {
        best = { noun, verb, nounText: nm[0].trim(), verbText: verbText.trim(), where, meaning, score };
        bestDistance = distance;
      }
    }
  }
  return best;
}

const SENSOR_NOUNS = NOUNS.find(([c]) => c === 'sensor')?.[1];
const ACTUATOR_NOUNS = NOUNS.find(([c]) => c === 'actuator')?.[1];

/** The kind of device a record's lines name (robot-words.ts sensor or actuator words), when they name one kind only. */
function deviceNamedIn(lines: { text: string }[]): DeviceContext {
  let sensor = false;
  let actuator = false;
  for (const { text } of lines) {
    const words = withCamelWords(text);
    sensor ||= SENSOR_NOUNS?.test(words) ?? false;
    actuator ||= ACTUATOR_NOUNS?.test(words) ?? false;
    if (sensor && actuator) return undefined;
  }
  return sensor ? 'sensor' : actuator ? 'actuator' : undefined;
}

/**
 * The best robot reading of a record: its headline, telling lines and the end of its body (the
 * same lines the other parts are read in), the highest score winning, a later line on a tie.
 */
export function readRobot(
  lines: { text: string; where: RobotWhere }[],
  simulated = false,
  verbsMayMatch?: readonly boolean[],
  about?: DeviceContext,
): RobotReading | null {
  let best: RobotReading | null = null;
  let verbMayMatch = verbsMayMatch;
  if (!verbMayMatch) {
    const prefilter = (VERB_PREFILTER ??= new Prefilter(VERB_REGEXES));
    prefilter.scan(lines.map((l) => cut(l.text, 2000).toLowerCase()).join('\n'));
    verbMayMatch = VERBS.map((_, i) => prefilter.open(i));
  }
  if (!verbMayMatch.includes(true)) return null;
  // An unnamed device is the sensor or the actuator the record's other lines name, when they name one kind only.
  const device = about ?? deviceNamedIn(lines);
  for (const { text, where } of lines) {
    const r = readRobotLine(text, where, simulated, verbMayMatch, device);
    if (r && (!best || r.score >= best.score)) best = r;
  }
  return best;
}
