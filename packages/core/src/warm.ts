/**
 * Warm-up: what the library builds on its first analysis — the patterns' prefilter and regexes,
 * the structure readers, the package-message matcher, the learned second opinion — built ahead,
 * so that a process's first records are not charged for it against their deadline (seconds on a
 * loaded machine: a fresh analyzer worker's first record timed out at a 10 s budget).
 *
 * Invariant: warmUp() only fills the library's caches; an analysis after it is the same as one
 * without it. It analyzes the contract's own log and trace examples and one line no rule names
 * (the path that asks the second opinion), and validates their output; nothing is stored.
 */
import { CONTRACT_EXAMPLES } from './examples.js';
import { analyzeLog } from './extract/log.js';
import { analyzeTrace } from './extract/trace.js';
import { validateAnalysis } from './validate.js';

/** Builds the library's lazily built parts; returns the milliseconds it took. */
export function warmUp(): number {
  const started = performance.now();
  validateAnalysis(analyzeLog(CONTRACT_EXAMPLES.log));
  validateAnalysis(analyzeTrace(CONTRACT_EXAMPLES.trace));
  analyzeLog({ ...CONTRACT_EXAMPLES.log, error_message: '', logs: 'step 3: the gripper did not close on the part' });
  return performance.now() - started;
}
