/**
 * Lists of possible causes a package prints with a failure, whatever the failure: a hedge, not evidence
 * of any of the causes it lists. classify.ts blanks them from a record's text before any reader (the
 * pattern library, the structure tables, the learned second opinion) reads it, so a list that names the
 * OOM killer among three guesses is not read as the OOM killer; a cause the record names elsewhere still
 * answers, and a record that names none is unknown (docs/taxonomy.md: `unknown` is "failed, and nothing
 * above can be pinned down").
 *
 * Data only. Each entry: `anchor`, a literal the text must hold (a substring test), and `items`, the
 * list's items as the package prints them after the anchor, each with the text before it (" (1) …"). The
 * engine (classify.ts blankHedges) blanks, at each occurrence of the anchor, the anchor and then each item
 * that follows it exactly, in order; an item may be cut only where the line (or the text) ends (a pasted
 * or truncated list: what is left of the line is the start of the item). Nothing past the items is
 * blanked: a cause after the list on the same line (a flattened issue body, a JSON log's escaped
 * newlines) is read, and a text that only starts like the list ("There are some potential root causes.
 * (1) torch.OutOfMemoryError …") keeps all but the anchor. Linear: each occurrence reads at most the
 * list's own length.
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
  items: readonly string[];
}

export const HEDGE_LISTS: readonly HedgeList[] = [
  {
    anchor: 'There are some potential root causes.',
    // The list as Ray prints it (node_manager.cc), item by item.
    items: [
      ' (1) The process is killed by SIGKILL by OOM killer due to high memory usage.',
      ' (2) ray stop --force is called.',
      ' (3) The worker is crashed unexpectedly due to SIGSEGV or other unexpected errors.',
    ],
  },
];
