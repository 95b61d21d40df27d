/** Patterns: traps first: the same words mean something else here. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import { TRUNCATION } from '../resolvers.js';
import type { Pattern } from '../types.js';

/**
 * vLLM: "User-specified max_model_len (131072) is greater than the derived max_model_len ... To allow
 * overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1": the setting is too large
 * (config.invalid), not a variable missing; both environment readings below step aside.
 */
const VLLM_MAX_LEN_OVER = /User-specified [\w.]{1,40} \(\d{1,9}\) is greater than the derived/;
/** A server's 401 or 403 within a few lines of its "Missing API key" (config.missing_env_var's unless): a request sent with no key. */
const SERVER_MISSING_KEY =
  /(?:\b40[13]\b|Unauthorized|Forbidden)[\s\S]{0,200}\bMissing API key\b|\bMissing API key\b[\s\S]{0,200}(?:\b40[13]\b|Unauthorized|Forbidden)/;

/**
 * A refusal as an HTTP status: 401/403 after status/code/HTTP ("Status code: 401", "Status: 403"),
 * "Forbidden", "Unauthorized" ("{'detail': 'Unauthorized'}"), requests' `<Response [401]>`.
 */
const REFUSAL_STATUS =
  /\b(?:status(?:[_ ]?code)?|code|HTTP(?:\/\d(?:\.\d)?)?)["']?\s{0,2}[:=]?\s{0,2}40[13]\b|\b40[13] Forbidden\b|\bUnauthorized\b|<Response \[40[13]\]>/
    .source;
/** A line naming another request than the model call: a package index, pip, a git host or git's "remote:", the Hugging Face hub. */
const OTHER_REQUEST =
  /pypi|\/simple\/|pythonhosted|\bpip\b|\bnpm\b|registry\.|anaconda|\bconda\b|github\.com|gitlab|bitbucket|\bgit (?:clone|fetch|pull|push)\b|\bremote:|\.git\b|huggingface\.co|\bhf\.co\b|\bHfHubHTTPError\b/
    .source;

/** What to do about an environment variable that is not set (config.missing_env_var, config.env_name_unset). */
const ENV_UNSET_ADVICE = {
  fix: 'Provide the variable named in the message to the job (environment, secret store or config file).',
  actions: ['Set the missing variable for this environment', 'Validate configuration at start-up and name the missing variable'],
};

export const TRAPS: Pattern[] = [
  {
    id: 'llm.quota_exhausted',
    category: 'resource_error',
    factor: 'quota_exceeded',
    severity: 'high',
    confidence: 0.93,
    priority: 96,
    match:
      /(insufficient_quota|exceeded your current quota|[Ii]nsufficient [Bb]alance|余额不足|无可用资源包|doesn't have a free quota tier|quota (?:has been |was )?(?:exceeded|exhausted)|quotas? (?:were|was|have been|has been) exceeded|quota metrics? exceeds? quota limits?|Quota '[\w-]{1,80}' exceeded|quota_exceeded|QuotaExceeded|Quota exceeded for (?:quota )?metric|out of credits|credit balance is too low|billing hard limit|check your plan and billing|exceeded (?:the |your )?(?:daily|monthly) (?:limit|quota)|ServiceQuotaExceeded|free tier (?:limit|quota)|RESOURCE_EXHAUSTED[^\n]{0,200}quota|google\.rpc\.QuotaFailure\b|Quota failure for project\b|You have exhausted|(?:request|operation) exceeds your (?:current |character |monthly )?quota|Insufficient (?:Balance|account balance|funds|credits?)\b|requires more credits|can only afford \d{1,12}\b|\bbilling_not_active\b|service limits? (?:were |was |has been |have been )?exceeded|\bLimitExceeded\b|Budget has been exceeded|BudgetExceededError|\bExceededBudget\b|\bbudget_exceeded\b|crossed budget)/i,
    // Google's error detail google.rpc.QuotaFailure (and Cloud ML Engine's "Quota failure for project …: The
    // request for 2 K80 accelerators exceeds the allowed maximum") names a quota whatever the 429 around it:
    // tuned a11 void, agent-21 training-data-analyst, ba7 custom-conversation (quota_exceeded 3 of 3); with
    // a per-minute quota id (GenerateRequestsPerMinute…, br2 praisonai: rate limit) the unless below.
    // A per-minute/per-second quota is a rate limit by another name (Gemini: RATE_LIMIT_EXCEEDED).
    unless:
      /per minute|per second|_per_minute|_per_second|PerMinute|PerSecond|RATE_LIMIT_EXCEEDED|requests per min|tokens per min|\bRPM\b|\bTPM\b/,
    title: 'Provider quota or credits exhausted',
    hypothesis:
      'The provider refused the call because the account has used up its quota or credits; retrying will not help until the quota is raised or billing is fixed (a 429 that says "quota" is not a rate limit).',
    fix: 'Raise the quota or add credits for this account/project, or switch the workload to a key with remaining quota.',
    actions: [
      'Check the provider console for the quota that was exhausted and its reset period',
      'Add billing/credits or request a quota increase',
      'Alert on quota usage before it runs out',
    ],
  },
  {
    id: 'llm.truncated_json',
    category: 'context_overflow',
    factor: 'max_tokens_truncated',
    severity: 'high',
    confidence: 0.9,
    priority: 94,
    match:
      /(Unterminated string|Unexpected end of JSON input|EOF while parsing|unexpected end of (?:data|input|stream)|Expecting (?:',' delimiter|value|property name)[^\n]{0,80}|JSONDecodeError[^\n]{0,120}|Invalid json output[^\n]{0,80}|Could not parse (?:LLM output|response content))/i,
    also: TRUNCATION,
    title: 'Model answer cut at the token limit, leaving invalid JSON',
    hypothesis:
      'The model stopped at its max-tokens limit in the middle of its answer, so the JSON it was writing is cut off; the parse error is a symptom, the limit is the cause.',
    fix: 'Raise max_tokens (max_output_tokens) for this call, or ask for a shorter answer (fewer items, terser fields) so it fits.',
    actions: [
      'Check finish_reason / stop_reason of the failing call: "length" / "max_tokens" confirms it',
      'Raise the output token limit or shorten the requested output',
      'Treat finish_reason=length as a retryable failure before parsing',
    ],
  },
  {
    id: 'py.keyerror_env',
    category: 'config_error',
    factor: 'missing_env_var',
    severity: 'high',
    confidence: 0.92,
    priority: 93,
    match: /KeyError: ['"]([A-Z][A-Z0-9]{0,80}_[A-Z0-9_]{1,80}|[A-Z]{4}[A-Z0-9]{0,80})['"]/,
    title: 'Environment variable $1 is not set',
    hypothesis:
      "The program read a required environment variable that is not set in this environment; the KeyError comes from os.environ, not from the program's data.",
    fix: 'Set $1 in the job/container environment (or its secret store), or read it with a default and a clear error.',
    actions: [
      'Set the variable in the deployment/job spec or .env used by this run',
      'Fail fast at start-up with a message naming the missing variable',
    ],
  },
  {
    id: 'config.settings_unset',
    category: 'config_error',
    factor: 'missing_env_var',
    severity: 'high',
    // A settings model (pydantic-settings BaseSettings) that found nothing for its required fields:
    // "N validation errors for Settings / API_ID / Field required [type=missing, input_value={}"
    // (shamhi/YesCoinBot#16, jag-k/pydantic-settings-export#3). The empty input says no value came
    // from the environment or the .env file; a Settings model given other values is validation.schema.
    confidence: 0.75,
    priority: 80,
    match: /(\d{1,3} validation errors? for \w{0,40}(?:Settings|Config)\b)/,
    also: /Field required \[type=missing, input_value=\{\}/,
    title: 'Required settings are not set in the environment',
    hypothesis:
      "The application's settings model requires values (keys, ids, URLs) that neither the environment nor its .env file provide, so it fails at start-up.",
    fix: 'Set the variables the error lists (the field names, with the settings prefix if one is configured) in the environment or the .env file the app reads.',
    actions: [
      'List the fields the error names and the env prefix of the settings model',
      'Check which .env file the process loads',
    ],
  },
  {
    id: 'config.missing_env_var',
    category: 'config_error',
    factor: 'missing_env_var',
    severity: 'high',
    confidence: 0.9,
    priority: 90,
    match:
      /((?:environment variable|env var)[^\n]{0,60}(?:is not set|not set|is missing|missing|is required|not defined|not found|undefined|must be set)|(?:missing|required|undefined|unset) (?:required )?(?:environment variable|env var)s?[^\n]{0,60}|(?:please |you must )?\bset (?:the )?[`'"]?(?!(?:the|your|this|that|these|those|an?|any|all|both|some|other|proxy|additional|custom|extra|multiple|necessary|relevant|following|appropriate|required|correct|proper)\b)[A-Z][A-Z0-9_]{2,80}[`'"]? (?:environment variable|env)|\b(?:please|must) set (?:the |your )?(?:environment variable|env var(?:iable)?) [`'"]?[A-Z][A-Z0-9_]{2,80}|Did not find \w{1,80}, please add an environment variable|client option must be set either by passing|No API key (?:was )?(?:provided|found)|(?<!(?:\b401\b|Unauthorized)[^\n]{0,80})\bMissing API key\b(?![^\n]{0,80}(?:\b401\b|Unauthorized))|api[_ ]key (?:must be|is not) (?:set|provided)|api[_ ]key not configured|API key not set in[^\n]{0,20}\.env|required key [A-Z][A-Z0-9_]{1,80} missing value|Could not resolve authentication method\. Expected either api_key or auth_token to be set)/i,
    // The flag is /i, so the name's [A-Z] reads any word: an article or determiner before "environment
    // variable" ("set the environment variable `RAY_memory_usage_threshold` when starting Ray", Ray's
    // advice under its OOM report; "set the environment variable OPENAI_API_KEY=<API-KEY>") is not a
    // name said to be unset (agent-19 easyr1: a host OOM read as a missing variable); nor are the
    // determiners of "set these/all/both/proxy environment variables", and "reset"/"unset"/"offset"
    // are not "set". The imperative "Please set the environment variable HF_TOKEN" / "You must set the
    // env var `WANDB_API_KEY`" names the variable after the words and reads (review 17).
    // "Missing API key" said by the client before any request (agent-21 PostHog code: "Error: Missing API key for
    // structured extraction. Ensure the LLM gateway is configured."): the client refusing to send without a key,
    // rule 10; a server's 401 in the same words is a request sent with no key (invalid_credentials), a gateway's
    // 403 a refusal (permission_denied): the status within a few lines either side, a pretty-printed body's
    // "status": 401 on the next line too (review19 F4). Read by the unless, on the whole record: `match` is also
    // tried on a headline or telling line alone, where the status on the next line is not in sight.
    unless: new RegExp(`${VLLM_MAX_LEN_OVER.source}|${SERVER_MISSING_KEY.source}`),
    title: 'A required setting is missing from the environment',
    hypothesis: "A required environment variable or setting is not present in this run's environment.",
    ...ENV_UNSET_ADVICE,
  },
  {
    id: 'config.env_name_unset',
    category: 'config_error',
    factor: 'missing_env_var',
    severity: 'high',
    confidence: 0.9,
    priority: 90,
    // An UPPER_CASE name (the environment's convention) said to be unset. Case-sensitive, apart from
    // config.missing_env_var's case-insensitive wordings: a lower-case field said to be missing
    // ("reasoning_content is missing in assistant tool call message") is a request's or a record's
    // field, not the environment. A name the program says it replaced by a default ("QStandardPaths:
    // XDG_RUNTIME_DIR not set, defaulting to '/tmp/runtime-user'", printed by every Qt program such
    // as rviz) is a notice, not the failure: the run went on. A program that stops asking for a key
    // ("ValueError: Please set OPENAI_API_KEY") refuses to send without it (rule 10); advice to set
    // one for an option ("please set HF_TOKEN to enable faster downloads", "to log metrics") is not
    // read: the name's closing quote is its opening one (no backing out of the advice's lookahead),
    // and what follows must end the demand (end of line, punctuation, "environment", "or", "in"…).
    match:
      /(\b[A-Z][A-Z0-9]{0,80}_[A-Z0-9_]{1,80} (?:is not set|not set|is missing|must be set|is required|is undefined)(?![,;.]? {0,2}(?:defaulting|using (?:the )?default|falling back|assuming)\b)|\b[Pp]lease (?:set|provide|export|define) (?:the |your |an? )?([`'"]?)[A-Z][A-Z0-9_]{0,60}_(?:API_KEY|KEY|TOKEN|SECRET)\b\2(?![ \t]{0,2}=| {0,2}(?:if|to (?:use|enable|avoid|speed|silence|disable)|for (?:faster|better))\b)(?=[ \t]{0,2}(?:$|[\r\n.,;:!?)\]}`'"\\]|(?:environment|env|variable|or|in|before|first|and|when)\b)))/,
    unless: VLLM_MAX_LEN_OVER,
    title: 'Environment variable $1',
    hypothesis: "A required environment variable is not present in this run's environment.",
    ...ENV_UNSET_ADVICE,
  },
  {
    id: 'llm.content_filter',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.88,
    priority: 91,
    // Not the name listed among the finish reasons a client's type accepts: serde's "unknown variant ``,
    // expected one of `stop`, `length`, `tool_calls`, `content_filter`, `function_call`" and pydantic's
    // "Input should be 'stop', 'length', 'tool_calls', 'content_filter' or 'function_call'" say the reply
    // did not fit the client's type (agent-20 maple-proxy: schema_mismatch_output), not that a filter fired.
    match:
      /(content_filter\b(?<!(?:expected one of|Input should be)[^\n]{0,160}content_filter)[^\n]{0,80}|Your request was rejected as a result of our safety system|(?:Input|Output)GuardrailTripwireTriggered|Guardrail \w{1,60} triggered tripwire|content management policy[^\n]{0,60}|ResponsibleAIPolicyViolation|finish_?[Rr]eason["'\s:=]{1,5}(?:content_filter|SAFETY|PROHIBITED_CONTENT|BLOCKLIST)|finish_reason\]?(?:\([^)\s]{0,120}\))? is 3\b|blockReason["'\s:=]{1,5}\w{1,40}|(?:prompt|response|request|output) was blocked (?:due to|because of|by) (?:safety|content|the content)[^\n]{0,40}|flagged (?:as potentially violating|by (?:our|the) (?:content|safety|moderation))[^\n]{0,60}|violat(?:es|ing) (?:our|the) (?:usage|content) polic(?:y|ies)[^\n]{0,40})/i,
    title: "The provider's content policy blocked the request",
    hypothesis:
      "The model provider's safety / content filter refused the prompt or the answer; the request is well formed and retrying the same input will be refused again.",
    fix: 'Find the input that triggers the filter (the filter result names the category), rephrase or sanitise it, or route such inputs to a model/deployment with a policy that fits the use case.',
    actions: [
      "Read the filter result in the error (category and severity, e.g. Azure's content_filter_result)",
      'Log which inputs are filtered and how often',
      'Handle a content-filter refusal as a distinct, non-retryable outcome',
    ],
  },
  {
    id: 'llm.error_body',
    category: 'auth_error',
    factor: 'invalid_credentials',
    severity: 'high',
    confidence: 0.6,
    priority: 70,
    match: /(KeyError: ['"](?:choices|candidates|completion|generated_text)['"])/,
    // Only with the provider's error answer in the text (an "error" object, a 401/403, an API-key
    // refusal): a bare KeyError: 'choices' in a program that calls a model is labelled
    // runtime_error/key_error in the tuned cases, 6 of 7 (six projects; the seventh's bad key is
    // known from its thread, not its text), so words of a model call alone leave rt.key_error.
    // "error" counts only as an object: a log's "error": null is not the provider's answer. A 401/403
    // counts as the provider's answer in the SDKs' "Error code: 401" (openai, anthropic), or as an
    // HTTP status (status/code/HTTP before it, "Forbidden"/"Unauthorized": "Status code: 401" on
    // its own line, "Response: {'detail': 'Unauthorized'}") on a line that names no other request:
    // a traceback's "line 403" is no status, and a package index's, a git host's or the model hub's
    // refusal ("HTTP 403" fetching a wheel, git's "remote: HTTP 403", "401 Unauthorized" on a clone)
    // is another request than the model call.
    also: new RegExp(
      `["']error["']\\s{0,2}:\\s{0,2}\\{|\\bError code: 40[13]\\b|(?:^|\\n)(?![^\\n]{0,300}(?:${OTHER_REQUEST}))[^\\n]{0,300}?(?:${REFUSAL_STATUS})|invalid_api_key|Incorrect API key|(?:api[_ ]?key|token)\\b[^\\n]{0,30}\\b(?:invalid|incorrect|expired|revoked)\\b|\\b(?:invalid|incorrect|expired|revoked|wrong) (?:api[_ ]?key|token)\\b`,
      'i',
    ),
    title: "The provider's answer had no completion in it",
    hypothesis:
      "The code read the completion out of the provider's answer, but the answer was an error object (most often a wrong, revoked or unfunded API key; sometimes a quota or a bad request) and had no 'choices'; the KeyError is the symptom.",
    fix: "Check the HTTP status and the error body of the provider's answer before reading it (or use the provider's SDK, which raises the real error); check the key and the account's balance.",
    actions: [
      "Log the provider's raw answer when it has no completion",
      'Verify the API key and the account balance/quota in the provider console',
    ],
  },
];
