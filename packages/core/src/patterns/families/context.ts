/** Patterns: context and token limits. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import { TRUNCATION } from '../resolvers.js';
import type { Pattern } from '../types.js';

export const CONTEXT_LIMITS: Pattern[] = [
  {
    id: 'llm.context_length',
    category: 'context_overflow',
    factor: 'context_length_exceeded',
    severity: 'high',
    confidence: 0.94,
    priority: 92,
    match:
      /(context_length_exceeded|ContextWindowExceededError|Calculated available context size -\d{1,9} was not non-negative|maximum context length|`?inputs`? must (?:have|be) (?:less|fewer) than \d{1,9} tokens|context (?:length|window) (?:exceeded|is exceeded|limit)|prompt is too long|exceeds? the (?:model'?s? )?(?:maximum )?context|input (?:length|tokens?)\b(?!\s{0,2}(?:\/\s{0,2}min|per (?:min|minute|second|sec)\b))[^\n]{0,40}exceeds?|`?inputs?`? tokens \+ `?max_new_tokens`? must be|exceeds? the available context size|exceed_context_size_error|Context size has been exceeded|longer than the (?:model'?s? )?(?:maximum|context)|Token indices sequence length is longer than the specified maximum|reduce the length of the (?:messages|prompt|input)|exceeds the maximum number of tokens|prompt length[^\n]{0,60}exceeds|too many (?:input )?tokens|maximum input length|input is too long|Requested tokens \(\d{1,12}\) exceed context window|exceeds? (?:the )?max(?:imum)? (?:model )?length|(?:prompt|input)[^\n]{0,30}\(\d{1,12} tokens\) is too long|is too long and exceeds (?:the )?(?:limit|max)|(?:input|prompt) exceeds (?:the )?(?:model'?s? )?context(?: length| window| size)?|exceeds? (?:the )?context (?:length|window|size)|Malformed input request: (?:#\/[\w/]{1,60}: )?expected maxLength: \d{1,9}, actual: \d{1,9}|msg="truncating input prompt"[^\n]{0,40}\bprompt=\d{1,9}|InvalidParameter[^\n]{0,40}Range of input length should be \[\d{1,9}, ?\d{1,9}\])/i,
    // "input tokens" followed by a rate's unit (Anthropic's "40,000 input tokens per minute",
    // "input tokens/min is exceeded") is a rate limit (six projects, provider_rate_limit 6 of 6).
    // Ollama's runner logs msg="truncating input prompt" limit=N prompt=M when the prompt is longer
    // than num_ctx: the prompt did not fit the window (the answer is built on its tail only).
    // Bedrock's "Malformed input request: expected maxLength: 42000, actual: 46735" (a prompt, or an
    // embedding's text, longer than the model accepts; labels 2, no other) is the context too.
    // Bedrock throttling says "Too many tokens, please wait before trying again": a rate limit.
    // Alibaba DashScope (Qwen) refuses a prompt longer than the model accepts with InvalidParameter
    // "Range of input length should be [1, 6000]" (agent-9 qwen-free-api, agent-19 cyberstrikeai:
    // context_length_exceeded 2 of 2); anchored on its error code, not on the words alone.
    unless: /Too many tokens, please wait|ThrottlingException/,
    title: "Prompt longer than the model's context window",
    hypothesis:
      "The request (prompt, history, retrieved documents and the output budget) needs more tokens than the model's context window allows.",
    fix: 'Trim or summarise the history, retrieve fewer/shorter chunks, lower max_tokens, or use a model with a larger window.',
    actions: [
      'Count tokens before the call and cut history to fit',
      'Reduce retrieved context or chunk size',
      'Use a longer-context model for this step',
    ],
  },
  {
    // Hugging Face transformers' generate() check: "Input length of input_ids is 22711, but
    // `max_length` is set to 2048" (a warning, or a ValueError in newer releases): the prompt already
    // fills the whole generation length, so nothing is generated or the answer is cut (the tuned cases
    // with the form, of two projects: context_overflow/context_length_exceeded, 2 of 2). Below the
    // errors that follow such a warning (a CUDA out of memory, gpu.oom 92): the warning is printed
    // on every long prompt, a crash after it is its own failure.
    id: 'llm.hf_input_over_max_length',
    category: 'context_overflow',
    factor: 'context_length_exceeded',
    severity: 'high',
    confidence: 0.85,
    priority: 70,
    match: /(Input length of input_ids is \d{1,9}, but `?max_length`? is set to \d{1,9})/,
    // The warning form is printed on every long prompt and generation goes on (cut): a raised error or
    // fatal signal after it, or a finished run, is what the run ended of (classify.ts, Pattern.warning),
    // but for an empty answer: the warning's own consequence (no room left to generate).
    warning: { consequence: /\bempty (?:answer|output|response)|\bno (?:answer|output) (?:was )?generated/i },
    title: "Prompt longer than the model's generation length",
    hypothesis:
      "The tokenized prompt is as long as or longer than the generation's max_length, so the model has no room left to answer (the history or retrieved documents grew past the model's window).",
    fix: 'Set max_new_tokens instead of max_length, and trim the history or retrieved context to fit the model window.',
    actions: ['Count the prompt tokens before generate()', 'Use max_new_tokens and cut history or retrieved chunks'],
  },
  {
    id: 'llm.max_tokens',
    category: 'context_overflow',
    factor: 'max_tokens_truncated',
    severity: 'medium',
    confidence: 0.88,
    priority: 89,
    match: TRUNCATION,
    title: 'Model output cut at the max-tokens limit',
    hypothesis: 'The model hit its output token limit before finishing its answer.',
    fix: 'Raise max_tokens for this call or ask for a shorter answer.',
    actions: ['Check finish_reason of the failing call', 'Raise the output limit or shorten the requested output'],
  },
];
