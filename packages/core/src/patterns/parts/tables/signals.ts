/**
 * POSIX signals (signal(7)) as a process's end shows them: the signal name, a shell exit status
 * of 128 + n, or Python's negative returncode (-9). Only signals that name their cause are
 * mapped: SIGINT/SIGTERM (a stop from outside) and SIGFPE (an arithmetic fault), and SIGKILL
 * with a low weight: a process killed with nothing else said is, far most often, the kernel's
 * OOM killer (every labelled case of a bare "Killed" / exit -9 / 137 is host memory) — a supervisor
 * or a person would say so. SIGSEGV (an invalid memory access) and SIGABRT (an uncaught C++
 * exception or a failed check ends in abort()) are a crash of the program's own native code:
 * runtime_error at a low weight, so that any part or pattern naming a cause inside it wins
 * (docs/taxonomy.md's labelling guidance, rule 6: 14 labelled bare crashes say runtime_error, 8
 * earlier ones unknown). SIGBUS and SIGILL (hardware or binary problems) are left out. Exit
 * status 124 is timeout(1).
 */
import { m, type PartTable } from '../table.js';

/**
 * libstdc++'s "terminate called after throwing an instance of …" whose what() (the next line, a launch
 * prefix or not) does not say the ROS 2 context was shut down: rclcpp's RCLError "… the given context is
 * not valid, either rcl_init() was not called or rcl_shutdown() was called" / "publisher's context is
 * invalid" is the Ctrl-C's own consequence (the node used after rclcpp's signal handler shut it down), so
 * the interrupt stays the answer. Not read as a Ctrl-C's cause by the SIGINT part, nor by abort.manual
 * (families/stops.ts), so both ways of saying the interrupt take the same path. The line is read to its end
 * before the what() is looked at, every repetition bounded.
 */
export const CRASH_NOT_SHUTDOWN =
  /terminate called after throwing an instance of [^\n]{0,200}(?![^\n])(?!\n[^\n]{0,80}what\(\):[^\n]{0,200}?(?:rcl_shutdown\(\) was called|context is (?:not valid|invalid)))/;

export const SIGNALS: PartTable = {
  SIGFPE: m('runtime_error/division_by_zero', 'Arithmetic exception (SIGFPE)', 0.6),
  SIGSEGV: m('runtime_error/unhandled_exception', 'Segmentation fault (SIGSEGV): a crash of native code', 0.3),
  SIGABRT: m('runtime_error/unhandled_exception', 'Aborted (SIGABRT): a failed check or an uncaught exception', 0.25),
  // A user's Ctrl-C in a record where a C++ program died of an uncaught exception (libstdc++'s "terminate
  // called after throwing an instance of …", its what() after it), before or after the interrupt (a node
  // crashing in its shutdown): the crash and its message are the failure (rule 6, rule 1), not the stop
  // (CRASH_NOT_SHUTDOWN).
  SIGINT: { ...m('aborted/manual_abort', 'Interrupted (SIGINT)', 0.7), unless: CRASH_NOT_SHUTDOWN },
  SIGTERM: m('aborted/manual_abort', 'Terminated (SIGTERM)', 0.5),
  SIGKILL: {
    ...m('resource_error/host_oom', 'Killed (SIGKILL), most often by the OOM killer', 0.35),
    unless: /OOMKilled["']?\s{0,2}[:=]\s{0,2}false|\bnot (?:been )?OOM[- ]?killed/i,
  },
};

/** Signal numbers (Linux x86/ARM). */
export const SIGNAL_NAMES: Readonly<Record<string, string>> = {
  '2': 'SIGINT',
  '4': 'SIGILL',
  '6': 'SIGABRT',
  '7': 'SIGBUS',
  '8': 'SIGFPE',
  '9': 'SIGKILL',
  '11': 'SIGSEGV',
  '15': 'SIGTERM',
};

/** Exit statuses that are not 128 + a signal. */
export const EXIT_STATUS: PartTable = {
  '124': m('timeout/deadline_exceeded', 'Exit status 124: killed by timeout(1)', 0.7),
  '127': m('config_error/file_not_found', 'Exit status 127: command not found', 0.7),
};
