/**
 * The shape of a structure table: a known part of a failure text (an exception class, an errno
 * name, an HTTP or gRPC status, a signal, a CUDA/NCCL error, a Node.js error code) mapped to its
 * taxonomy pair. Tables are data: each module of tables/ exports one, documented with its
 * source (the language's or protocol's own reference), and the engine (read.ts) never names a
 * class or a code itself.
 *
 * `weight` says how much the part alone pins the failure down, in [0,1]: 1 for a part that
 * names its cause (ENOSPC, CUDA_ERROR_OUT_OF_MEMORY, 429), lower for a part that only narrows it
 * (an HTTP 400, a ValueError). The engine turns it into a confidence that never reaches 0.8: a
 * part read alone is a medium-confidence answer.
 */
import type { EarlierCause, WarningOptions, YieldsTo } from '../types.js';

export interface PartMeaning {
  category: string;
  factor: string;
  /** What the part says, in a few words, for the title ("No space left on device"). */
  what: string;
  weight: number;
  /** Read only in a record about a robot sensor or device (EIO on a disk is not a sensor fault). */
  sensorOnly?: boolean;
  /** Not read in a record that says this (a SIGKILL whose container state says OOMKilled: false). */
  unless?: RegExp;
  /** Read only in a record that says this (MuJoCo's "unrecognized element" with a core element named). */
  when?: RegExp;
  /**
   * With `sensorOnly`: read also in a record about an I2C bus (smbus, i2cdetect) that names no
   * sensor and no actuator, as the actuator's fault at a low weight (an I2C device that did not
   * acknowledge on a robot kit's bus is most often its servo or motor board; parts/read.ts).
   */
  onBareI2cBus?: boolean;
  /**
   * The message is a symptom that yields to a cause named before it (types.ts YieldsTo, yields.ts):
   * not read in a record where one of its causes comes before it. Set by `yieldsTo` below, whose
   * `form` is the message's fixed pieces in order on one line.
   */
  yieldsTo?: YieldsTo;
  /**
   * The message is a warning the package prints and goes on after (types.ts Pattern.warning): the warning
   * step (classify.ts) reads it as a pattern's, its `form` the message's pieces (set by `warns` below); an
   * outlived warning is read by no reader, as a pattern's is.
   */
  warning?: WarningOptions;
}

/** A table: part name (exact, as written in the text) → meaning. */
export type PartTable = Readonly<Record<string, PartMeaning>>;

/** Shorthand for table literals. */
export function m(pair: string, what: string, weight: number, sensorOnly = false): PartMeaning {
  const [category, factor] = pair.split('/') as [string, string];
  return sensorOnly ? { category, factor, what, weight, sensorOnly } : { category, factor, what, weight };
}

/**
 * A message a known package prints (its source's own format string), for a text that shows the
 * message: "[ERROR] [controller_server]: Failed to make progress", "[move_group]: Unable to solve
 * the planning problem". Read by parts/messages.ts; the package tables live in tables/packages/.
 */
export interface PackageMessage {
  /** The package (or program) whose source prints it: "nav2_controller", "moveit_ros_planning". */
  pkg: string;
  /**
   * The message as its source prints it, every variable part written `{}` ("Failed to load
   * controller {}"): the fixed pieces between the `{}` must appear in one line, in order, exactly
   * (case included).
   */
  says: string;
  meaning: PartMeaning;
}

/** Shorthand for package-message tables. */
export function said(pkg: string, says: string, pair: string, what: string, weight: number, sensorOnly = false): PackageMessage {
  return { pkg, says, meaning: m(pair, what, weight, sensorOnly) };
}

/** A package message read only in a record that matches `context` (PartMeaning.when). */
export function onlyWhere(entry: PackageMessage, context: RegExp): PackageMessage {
  return { ...entry, meaning: { ...entry.meaning, when: context } };
}

/** A package message not read in a record that matches `context` (PartMeaning.unless). */
export function unless(entry: PackageMessage, context: RegExp): PackageMessage {
  return { ...entry, meaning: { ...entry.meaning, unless: context } };
}

/** The fixed pieces of a message: the text between its `{}` placeholders, empty pieces dropped. */
export function piecesOf(says: string): string[] {
  return says.split('{}').filter((p) => p.length > 0);
}

/** At most this many characters between two fixed pieces of a message in its symptom form (a line is read cut to 2,000). */
const PIECE_GAP = 2000;

/**
 * A message's form as a regex: its fixed pieces in order on one line, exactly (as parts/messages.ts
 * matches it), each found at its first occurrence after the previous one (a lookahead and its
 * backreference: no backtracking into a gap), each gap bounded by PIECE_GAP. Bound: at each occurrence
 * of the first piece a form reads up to PIECE_GAP characters per later piece, so a scan costs
 * O(occurrences of the first piece × PIECE_GAP), not one pass (a line made of the first piece repeated
 * is read PIECE_GAP times over; analyzeLog's body limit keeps it to tens of milliseconds).
 */
export function messageForm(says: string): RegExp {
  const [first = '', ...rest] = piecesOf(says).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(first + rest.map((p, i) => `(?=([^\\n]{0,${PIECE_GAP}}?${p}))\\${i + 1}`).join(''));
}

/** A package message that is a symptom yielding to causes named before it (PartMeaning.yieldsTo), its form the message's. */
export function yieldsTo(entry: PackageMessage, ...causes: EarlierCause[]): PackageMessage {
  return { ...entry, meaning: { ...entry.meaning, yieldsTo: { form: messageForm(entry.says), causes } } };
}

/**
 * A package message that is a warning the package prints and goes on after (PartMeaning.warning): the
 * warning step reads it (classify.ts), its `form` the message's (options as a pattern's WarningOptions).
 */
export function warns(entry: PackageMessage, options: Omit<WarningOptions, 'form'> = {}): PackageMessage {
  return { ...entry, meaning: { ...entry.meaning, warning: { ...options, form: messageForm(entry.says) } } };
}
