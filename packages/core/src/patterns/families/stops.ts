/** Patterns: early stops. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import { CRASH_NOT_SHUTDOWN } from '../parts/tables/signals.js';
import type { Pattern } from '../types.js';

export const STOPS: Pattern[] = [
  {
    id: 'abort.manual',
    category: 'aborted',
    factor: 'manual_abort',
    severity: 'low',
    confidence: 0.75,
    priority: 45,
    match:
      /(KeyboardInterrupt|(?:cancelled|canceled|aborted|stopped|terminated) by (?:the )?(?:user|operator)|manually (?:aborted|stopped|cancelled|canceled|killed)|received SIGINT|Job (?:was )?cancel(?:l)?ed by|The operation was cancell?ed\.?|\*\*\* (?:JOB|STEP) [\d.]{1,20} ON \S{1,60} CANCELLED AT|Job [\w-]{1,80} was cancell?ed|InterruptException)/i,
    // A C++ program that died of an uncaught exception other than the ROS 2 context's shutdown is the
    // failure, not the stop (parts/tables/signals.ts CRASH_NOT_SHUTDOWN, as the SIGINT part reads it).
    unless: CRASH_NOT_SHUTDOWN,
    title: 'Run stopped by hand',
    hypothesis: 'Someone stopped the run (Ctrl-C, a cancel button or a kill), so there is no failure inside it to fix.',
    fix: 'Confirm who stopped it and why; nothing to fix in the code if the stop was intended.',
    actions: ['Check who cancelled the run'],
  },
];
