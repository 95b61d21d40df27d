/**
 * Lists of possible causes a package prints with a failure, whatever the failure: a hedge, not evidence
 * of any of the causes it lists. classify.ts blanks them from a record's text before any reader (the
 * pattern library, the structure tables, the learned second opinion) reads it, so a list that names the
 * OOM killer among three guesses is not read as the OOM killer; a cause the record names elsewhere still
 * answers, and a record that names none is unknown (docs/taxonomy.md: `unknown` is "failed, and nothing
 * above can be pinned down").
 *
 * Data only. Each entry: `anchor`, a literal the text must hold (a substring test, before any regex
 * runs), and `list`, the hedge's words to blank (flags `g` added by the engine; bounded, on one line).
 *
 * Read from the packages' own code:
 * - ray-project/ray (src/ray/raylet/node_manager.cc, a worker whose connection closed): "Worker
 *   unexpectedly exits with a connection error code {}. {}. There are some potential root causes. (1)
 *   The process is killed by SIGKILL by OOM killer due to high memory usage. (2) ray stop --force is
 *   called. (3) The worker is crashed unexpectedly due to SIGSEGV or other unexpected errors." Tuned
 *   cases (agent-11, 13b, 14b, 22b): labels unknown 3, host_oom 1 (the reporter's thread, not the text).
 */
export interface HedgeList {
  anchor: string;
  list: RegExp;
}

export const HEDGE_LISTS: readonly HedgeList[] = [
  {
    anchor: 'There are some potential root causes.',
    // The list as Ray prints it, cut or whole: to the end of its line, at most 400 characters (it has ~230).
    list: /There are some potential root causes\.(?: \(\d\) [^\n]{0,400})?/,
  },
];
