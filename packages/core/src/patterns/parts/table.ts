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
}

/** A table: part name (exact, as written in the text) → meaning. */
export type PartTable = Readonly<Record<string, PartMeaning>>;

/** Shorthand for table literals. */
export function m(pair: string, what: string, weight: number, sensorOnly = false): PartMeaning {
  const [category, factor] = pair.split('/') as [string, string];
  return sensorOnly ? { category, factor, what, weight, sensorOnly } : { category, factor, what, weight };
}
