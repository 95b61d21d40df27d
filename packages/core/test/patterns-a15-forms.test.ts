/**
 * Forms read wrong or not at all on agent-15 (released for tuning after its blind measurement),
 * each a general form other projects print too, decided by docs/taxonomy.md.
 */
import t from 'tap';
import { familyWithControls, type HostileRun, readLog, readsHostileRuns } from './patterns-read.js';

// A graph's recursion limit told in prose ("LangGraph hit the safety recursion limit", "Recursion
// limit hit during stream"), as the library's own "Recursion limit of N reached" already was: the
// agent looped until the limit stopped it (agent_loop/recursion_limit; the tuned cases naming a
// recursion limit are labelled so, 23 of 23). Advice to avoid it or a Python recursion depth is not.
familyWithControls(
  'a recursion limit hit, told in prose, reads as the agent graph hitting its recursion limit',
  [
    ['After 50 iterations, LangGraph hit the safety recursion limit and aborted.', 'agent_loop/recursion_limit'],
    ['2025-01-02 10:02:03,039 WARNING: Recursion limit hit during stream for CMSCompOpsAgent', 'agent_loop/recursion_limit'],
    ['the supervisor graph reached its recursion limit without a final answer', 'agent_loop/recursion_limit'],
  ],
  [
    ['To avoid hitting the recursion limit, pass a config with recursion_limit set.', '!agent_loop/recursion_limit'],
    ['I set the recursion limit to 100 in the config and the agent answered.', '!agent_loop/recursion_limit'],
    ['the hit count was zero; no limit reached for recursion tests', '!agent_loop/recursion_limit'],
  ],
);

// vLLM's KV cache check wraps its message over lines in a pasted log ("36.0 GiB KV cache\nis
// needed, which is larger than the available KV cache memory"): the same GPU memory shortfall as
// on one line (resource_error/gpu_oom; the tuned cases with the form: 2 of 2).
familyWithControls(
  "vLLM's KV cache shortfall, wrapped over lines, reads as GPU out of memory",
  [
    [
      "ValueError: To serve at least one request with the model's max seq len (262144), 36.0 GiB KV cache\nis needed, which is larger than the available KV cache memory (11.82 GiB). ... decrease max_model_len.",
      'resource_error/gpu_oom',
    ],
    [
      "ValueError: To serve at least one request with the models's max seq len (131072), (4.11 GiB KV cache is needed, which is larger than the available KV cache memory (4.0 GiB).",
      'resource_error/gpu_oom',
    ],
  ],
  [
    ['the KV cache\nis needed for fast decoding; memory use is fine', '!resource_error/gpu_oom'],
    ['KV cache usage 40%, which is larger than the available prefix cache hit rate', '!resource_error/gpu_oom'],
  ],
);

// A token without the scope the call needs: Slack's Web API "missing_scope" and OAuth's
// "insufficient_scope" (RFC 6750, GitHub, Google): the token is valid, the permission is refused.
familyWithControls(
  "Slack's missing_scope and OAuth's insufficient_scope read as permission denied",
  [
    [
      "The request to the Slack API failed. (url: https://www.slack.com/api/conversations.replies)\nThe server responded with: {'ok': False, 'error': 'missing_scope', 'needed': 'channels:history,groups:history', 'provided': 'chat:write'}",
      'auth_error/permission_denied',
    ],
    ['WWW-Authenticate: Bearer realm="api", error="insufficient_scope", scope="repo read:org"', 'auth_error/permission_denied'],
  ],
  [
    ['the scope is missing from the docs; see the reference', '!auth_error/permission_denied'],
    [
      "slack_sdk.errors.SlackApiError: The request to the Slack API failed.\nThe server responded with: {'ok': False, 'error': 'invalid_auth'}",
      '!auth_error/permission_denied',
    ],
  ],
);

// Hostile input for each regex changed above, with the words the prefilter asks for present, and
// a count of the runs of the pattern's regex (a hostile text its regex is never given proves nothing).
t.test("the agent-15 forms' regexes read hostile runs in bounded work", { timeout: 60_000 }, async (t) => {
  const runs: HostileRun[] = [
    ['hit words', `hit the ${"a-' ".repeat(3000)}recursion limitx`, 'agent.recursion_limit'],
    ['hit hyphens', `hit ${'-'.repeat(4000)} recursion limitx`, 'agent.recursion_limit'],
    ['recursion limit runs', `${'recursion limit '.repeat(600)}hitx`, 'agent.recursion_limit'],
    [
      'KV cache spaces',
      `KV cache${' \t'.repeat(2000)}\nis needed, which is larger than the available KV cache memory`,
      'gpu.oom',
    ],
    [
      'KV cache newlines',
      `${'KV cache \n '.repeat(1000)}is needed, which is larger than the available KV cache memory`,
      'gpu.oom',
    ],
    ['scope underscores', `${'missing_'.repeat(1000)}${'_scope'.repeat(1000)}insufficient_scopex`, 'auth.permission_denied'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});
