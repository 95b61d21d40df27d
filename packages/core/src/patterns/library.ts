/**
 * The pattern library: every heuristic that classifies a log line or a trace's failing
 * span into the taxonomy. One table, one place: adding a pattern touches this file and
 * test/patterns.test.ts.
 *
 * A pattern matches when `match` finds the text in one source (the headline, a telling
 * line or the body), `also` (if any) appears anywhere in the record and `unless` (if any)
 * appears nowhere. The best match wins by `priority` plus the weight of the source it was
 * found in (see classify.ts), so a specific pattern in a stray warning loses to the final
 * exception line, and a trap (quota inside a 429, an env-var KeyError, JSON cut by the
 * token limit) outranks the generic reading of the same line.
 *
 * Regexes are linear (bounded repetition, no nested quantifiers): they run over untrusted
 * multi-megabyte logs.
 */
import type { Severity } from '../taxonomy.js';

export interface PatternContext {
  kind: 'trace' | 'log' | 'episode';
  /** The whole text considered (headline, telling lines and body). */
  text: string;
  /** True when the text is about a model call (LLM SDKs, completions, output parsers). */
  llm: boolean;
  /** True when the text shows a model answer cut by the token limit. */
  truncated: boolean;
  /** True when the text is about an agent's tool call. */
  tool: boolean;
  /** True when the text is about an agent loop / graph. */
  agent: boolean;
}

/** A context-dependent reading: read the match as another pattern of the library. */
export interface Resolution {
  as: string;
}

/** Where a pattern matched: the text of the source (headline, telling lines or body) and the match's position in it. */
export interface MatchSite {
  text: string;
  index: number;
  length: number;
}

/** The line a match is on. */
function lineOf(site: MatchSite): string {
  const start = site.text.lastIndexOf('\n', site.index) + 1;
  const end = site.text.indexOf('\n', site.index + site.length);
  return site.text.slice(start, end < 0 ? undefined : end).slice(0, 2000);
}

/** The text around a match: its own line and a few lines either side. */
function nearby(site: MatchSite, before = 400, after = 300): string {
  return site.text.slice(Math.max(0, site.index - before), site.index + site.length + after);
}

export interface Pattern {
  id: string;
  category: string;
  factor: string;
  severity: Severity;
  /** How often this pattern is right when it is the headline match, in [0,1]. */
  confidence: number;
  /** Specificity: a higher priority wins over a lower one found in the same source. */
  priority: number;
  match: RegExp;
  also?: RegExp;
  unless?: RegExp;
  /** Context-dependent reading of the same text (e.g. a JSON error from a model vs a config file); null keeps this pattern. */
  resolve?: (ctx: PatternContext, site: MatchSite) => Resolution | null;
  /** Title template; $1 is the first capture of `match` (redacted, shortened). */
  title: string;
  hypothesis: string;
  fix: string;
  actions: string[];
}

/** JSON errors: a model's answer cut at max tokens, a model's malformed answer, or a person's file. */
function resolveJson(ctx: PatternContext, site: MatchSite): Resolution | null {
  if (ctx.truncated) return { as: 'llm.truncated_json' };
  if (TOOL_ARGS_JSON.test(ctx.text)) return { as: 'tool.invalid_args' };
  const line = lineOf(site);
  const offset = jsonErrorOffset(line);
  // Cut in the middle: an unterminated string, or a parser that gave up thousands of characters in.
  const cut = CUT_MID_STRING.test(line) || offset >= 2000;
  const modelWords = ctx.llm || MODEL_GENERATION.test(ctx.text) || MODEL_REPLY.test(ctx.text);
  // A JSON file read from disk: cut in the middle it is a damaged data file (a writer killed
  // mid-write), otherwise a syntax error of the file.
  if (JSON_FILE_READ.test(ctx.text) && !modelWords) return cut ? { as: 'data.corrupt' } : null;
  const model = modelWords || ctx.kind === 'trace';
  if (model && cut) return { as: 'llm.truncated_json' };
  // A document of 50,000+ characters cut mid-way with no other context is a generated one.
  if (offset >= 50_000) return { as: 'llm.truncated_json' };
  if (model) return { as: 'llm.output_parser' };
  return null;
}

/** Code that reads a JSON file from disk (Python json.load of a file, Node JSON.parse of readFileSync). */
const JSON_FILE_READ = /\bjson\.load\(\s*\w|JSON\.parse\(\s*(?:await\s+)?(?:fs\.)?read(?:File)?(?:Sync)?\(/;

/** A tool call whose JSON arguments did not parse (OpenAI-style `functions.<name>` calls, "invalid JSON input"). */
const TOOL_ARGS_JSON =
  /invalid JSON (?:input|arguments?)\b[^\n]{0,80}|\bfunctions\.\w{1,60}(?::\d{1,6})?[^\n]{0,10}(?:Error|error)[^\n]{0,40}JSON/i;
/** Words of an app reading a model's reply as JSON. */
const MODEL_REPLY =
  /\bassistant[_ ]repl(?:y|ies)|\b(?:model|llm)[_ ](?:reply|response|output|answer)\b|\bLLM\w{0,30}Error\b|\bllm_\w{1,40}|\bStructuredOutputParser\b/i;
/** "Unterminated string": a string that never closed, as when the writer stopped mid-document. */
const CUT_MID_STRING = /Unterminated string|unexpected end of (?:JSON )?(?:input|data|string)|EOF while parsing a string/i;

/** The character offset a JSON error reports ("char 11429", "at position 9145"), or 0. */
function jsonErrorOffset(line: string): number {
  const m = /\(char (\d{1,9})\)|at position (\d{1,9})/.exec(line);
  return m ? Number(m[1] ?? m[2]) : 0;
}

/** Words of an app asking a model to generate something (an answer, a step), around a JSON error in its reply. */
const MODEL_GENERATION =
  /\b(?:generat(?:e|ed|ing)|fail(?:ed)? to generate) (?:the |a |an )?(?:final )?(?:response|answer|step|completion|reply|output|plan|action)\b/i;

/** pydantic's "the input is not JSON at all" error (json_invalid), as opposed to a field-level error. */
const PYDANTIC_JSON_INVALID = /\[type=json_invalid\b|Invalid JSON: [^\n]{0,80}\[type=json_invalid/;
/** Field-level type errors (pydantic v1/v2): a value of the wrong type, not a missing or extra field. */
const FIELD_TYPE_ERROR =
  /(\[type=(?:int|float|bool|string|bytes|list|tuple|dict|set|date|datetime|time|decimal|uuid|url|model)_(?:parsing|type)\b|\(type=type_error\.\w{1,30}\)|Input should be a valid (?:integer|number|string|boolean|dictionary|list|tuple|date|datetime|decimal|UUID|URL|array|set)\b|value is not a valid (?:integer|float|dict|list|boolean|string|enumeration member|uuid|date|datetime))/;
/** jsonschema's wrong-type message: `<value> is not of type 'string'`. */
const JSONSCHEMA_TYPE_ERROR = /\bis not of type [['"]/;
/** Errors of a validation report that are about a missing or extra field rather than a type. */
const FIELD_PRESENCE_ERROR =
  /\[type=(?:missing|extra_forbidden|missing_argument)\b|\(type=value_error\.missing\)|\bfield required\b|extra fields not permitted/i;

/** A settings model (LangChain, pydantic-settings) whose validation error says an environment variable is missing. */
const SCHEMA_MISSING_ENV =
  /Did not find \w{1,80}, please add an environment variable|add an environment variable [`'"]?[A-Z][A-Z0-9_]{2,80}[`'"]? which contains it/;

/** A schema validation failure: of a tool call's arguments, of a model's output, of a non-JSON answer, or of input data with wrong types. */
function resolveSchema(ctx: PatternContext): Resolution | null {
  if (SCHEMA_MISSING_ENV.test(ctx.text)) return { as: 'config.missing_env_var' };
  if (ctx.tool) return { as: 'tool.invalid_args' };
  if (PYDANTIC_JSON_INVALID.test(ctx.text)) {
    if (ctx.llm || ctx.agent || ctx.kind === 'trace')
      return ctx.truncated ? { as: 'llm.truncated_json' } : { as: 'llm.output_parser' };
    return { as: 'json.parse_error' };
  }
  if (ctx.llm) return { as: 'llm.schema_mismatch' };
  if ((FIELD_TYPE_ERROR.test(ctx.text) || JSONSCHEMA_TYPE_ERROR.test(ctx.text)) && !FIELD_PRESENCE_ERROR.test(ctx.text))
    return { as: 'validation.type_mismatch' };
  return null;
}

/**
 * Wording of a failed upload to object storage (S3, GCS, Azure Blob, R2, MinIO) — the words of
 * the upload pattern, shared so that an auth or network error met while uploading is read as
 * the upload failure it caused.
 */
const OBJECT_UPLOAD_FAILED =
  /(S3UploadFailedError[^\n]{0,100}|Failed to upload[^\n]{0,100}|upload (?:has )?failed[^\n]{0,80}|Upload (?:error|interrupted|aborted|incomplete)[^\n]{0,60}|failed to upload part[^\n]{0,60}|(?:error|failure|exception) (?:while |when )?uploading[^\n]{0,80}|could not upload[^\n]{0,60}|unable to upload[^\n]{0,60}|when calling the (?:PutObject|UploadPart|UploadPartCopy|CompleteMultipartUpload|CreateMultipartUpload) operation[^\n]{0,80}|EntityTooLarge|BlobUploadError|ResumableUpload\w{0,30}(?:Error|Exception)[^\n]{0,60}|MultipartUpload[^\n]{0,30}(?:failed|error|aborted)|upload_(?:file|fileobj|blob|artifacts?|part)(?:\(\))? (?:exception|error|failed)[^\n]{0,80}|multipart upload failed[^\n]{0,60}|\/upload\/storage\/v1\/b\/[^\s]{0,100}|uploadType=(?:multipart|resumable)|storage\.objects\.create access|\bs3:(?:PutObject|CreateMultipartUpload|UploadPart|CompleteMultipartUpload)\b[^\n]{0,60}|\bs3 upload: [^\n]{0,60}|(?:GCS|S3|blob|R2|MinIO|object storage) upload (?:error|failed)[^\n]{0,60})/i;
/** A copy command whose source is local and whose destination is a bucket/remote (an upload). */
const UPLOAD_COMMAND =
  /(?:\baws s3 (?:cp|mv|sync)|\bgsutil(?: -m)? (?:cp|mv|rsync)|\bgcloud storage (?:cp|mv|rsync)|\brclone (?:copy|copyto|move|moveto|sync))[ \w=-]{0,60} (?:\/|~\/|\.\.?\/|[A-Za-z]:\\)[^\s]{0,300} (?:s3:\/\/|gs:\/\/|[\w-]{1,60}:)/;
const TRANSFER_FAILED = /\b(?:Failed to (?:copy|move|sync|transfer)|(?:copy|transfer|sync) failed)\b/i;

/**
 * An auth or network error met while shipping data to object storage is an upload failure —
 * when the error's own line (or its neighbours) says the upload, or an upload command's
 * transfer, failed; not when an upload is merely mentioned elsewhere in the log (a side
 * warning such as "failed to upload crash report" does not turn a database login error into
 * an upload error).
 */
function resolveUpload(ctx: PatternContext, site: MatchSite): Resolution | null {
  // Around the match in its own source, and the lines that follow its line in the body (a
  // headline "403" whose body, a few lines down, names the denied s3:PutObject).
  const line = lineOf(site);
  const at = ctx.text.lastIndexOf(line);
  const near = `${nearby(site)}\n${at >= 0 ? ctx.text.slice(at, at + line.length + 300) : ''}`;
  if (OBJECT_UPLOAD_FAILED.test(near)) return { as: 'upload.object_storage' };
  if (TRANSFER_FAILED.test(near) && UPLOAD_COMMAND.test(ctx.text)) return { as: 'upload.object_storage' };
  return null;
}

/**
 * Words of a robot sensor (its driver node, topic or device): a timeout or a device that does
 * not answer, in a record about a sensor, is the sensor failing, not a slow network call.
 */
const SENSOR_CONTEXT =
  /(\b(?:rp)?lidar|\bimu(?:\b|_)|\b(?:lib)?realsense|\bUVCIOC|\buvc_|\bcamera[_/.]|\b(?:usb|cv|depth|stereo)_?cam(?:era)?\b|\bcamera (?:node|driver|stream|device|topic)|\bdepth[ _]?cam|\bvelodyne|\bouster|\bhokuyo|\burg_node|\bsick_scan|\blaser[ _]?scan|\bgnss(?:\b|_)|\bgps(?:\b|_)|\bsonar(?:\b|_)|\bultrasonic|\bsensor(?:s|_msgs|_node)?\b|\bv4l2|\/dev\/video\d)/i;

/** A timeout on a line of a sensor's driver is the sensor not answering; one met while uploading is the upload failing. */
function resolveTimeout(ctx: PatternContext, site: MatchSite): Resolution | null {
  if (SENSOR_CONTEXT.test(lineOf(site))) return { as: 'robot.sensor_timeout' };
  return resolveUpload(ctx, site);
}

/** Source lines that index a loaded dataset, annotation or record by a field name (in a traceback above a KeyError). */
const DATA_RECORD_INDEX =
  /\b(?:dataset|annotations?|anns?|samples?|examples?|metadata|json_data|label_data|coco|manifest)\[['"][^'"\n]{1,60}['"]\]/i;

/** A Python call with missing or unexpected arguments (in an agent trace: the model's tool call). */
const CALL_ARGS_MISMATCH =
  /missing \d{1,3} required (?:positional|keyword-only) arguments?|got an unexpected keyword argument|takes \d{1,3} positional arguments? but \d{1,3} (?:were|was) given/;
/** A lookup in an agent's table of tools (a KeyError there is a tool name the model made up or mistyped). */
const TOOL_TABLE_LOOKUP =
  /\b(?:tool_map|tools_by_name|tool_registry|available_tools|function_map|tools_dict|tool_dict|name_to_tool|tools)\[[^\]\n]{1,80}\]/;

/** An acceptance suite's verdict ("3 scenarios (1 failed, 2 passed)"): the assertions inside it are its steps. */
const SCENARIO_VERDICT = /\d{1,6} scenarios? \([^\n)]{0,40}\d{1,6} failed|Failing Scenarios:/i;

/** One case-insensitive regex matching what any of `parts` matches. */
function anyOf(...parts: RegExp[]): RegExp {
  return new RegExp(parts.map((p) => `(?:${p.source})`).join('|'), 'i');
}

/** A model provider out of capacity (a 503/529 that says so). */
const OVERLOADED =
  /(overloaded_error|Error code: 529|\b529\b[^\n]{0,30}Overloaded|["']Overloaded["']|: Overloaded\b|model is (?:currently )?overloaded|engine is currently overloaded|(?<!Either the )server is (?:currently )?overloaded|currently experiencing high demand|experiencing (?:unusually )?high (?:demand|traffic)|The model is overloaded|model_overloaded|(?:model|engine|service) is (?:currently )?(?:at|over) capacity)/i;

/** A server error from an overloaded model provider reads as overload; one met while uploading, as the upload failure. */
function resolveServerError(ctx: PatternContext, site: MatchSite): Resolution | null {
  if (OVERLOADED.test(ctx.text)) return { as: 'llm.overloaded' };
  return resolveUpload(ctx, site);
}

/** The words that show a model answer was cut by its token limit. */
export const TRUNCATION =
  /(finish_reason["'\s:=]{1,5}length|stop_reason["'\s:=]{1,5}max_tokens|finishReason["'\s:=]{1,5}MAX_TOKENS|LengthFinishReasonError|length limit was reached|max_tokens (?:limit )?(?:was )?reached|(?:output|response|completion|answer) (?:was |is )?(?:cut off|truncated)|truncated (?:because|due to|at) (?:the )?max|hit the max(?:imum)? tokens|incomplete_details[^\n]{0,30}max_output_tokens)/i;

export const PATTERNS: Pattern[] = [
  // ───────────── traps first: the same words mean something else here ─────────────
  {
    id: 'llm.quota_exhausted',
    category: 'resource_error',
    factor: 'quota_exceeded',
    severity: 'high',
    confidence: 0.93,
    priority: 96,
    match:
      /(insufficient_quota|exceeded your current quota|quota (?:has been |was )?(?:exceeded|exhausted)|quotas? (?:were|was|have been|has been) exceeded|quota metrics? exceeds? quota limits?|Quota '[\w-]{1,80}' exceeded|quota_exceeded|QuotaExceeded|Quota exceeded for (?:quota )?metric|out of credits|credit balance is too low|billing hard limit|check your plan and billing|exceeded (?:the |your )?(?:daily|monthly) (?:limit|quota)|ServiceQuotaExceeded|free tier (?:limit|quota)|RESOURCE_EXHAUSTED[^\n]{0,200}quota|You have exhausted)/i,
    // A per-minute/per-second quota is a rate limit by another name (Gemini: RATE_LIMIT_EXCEEDED).
    unless: /per minute|per second|PerMinute|PerSecond|RATE_LIMIT_EXCEEDED|requests per min|tokens per min|\bRPM\b|\bTPM\b/,
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
    id: 'config.missing_env_var',
    category: 'config_error',
    factor: 'missing_env_var',
    severity: 'high',
    confidence: 0.9,
    priority: 90,
    match:
      /((?:environment variable|env var)[^\n]{0,60}(?:is not set|not set|is missing|missing|is required|not defined|not found|undefined|must be set)|(?:missing|required|undefined|unset) (?:required )?(?:environment variable|env var)s?[^\n]{0,60}|(?:please |you must )?set (?:the )?[`'"]?[A-Z][A-Z0-9_]{2,80}[`'"]? (?:environment variable|env)|Did not find \w{1,80}, please add an environment variable|client option must be set either by passing|No API key (?:was )?(?:provided|found)|api[_ ]key (?:must be|is not) (?:set|provided)|\b[A-Z][A-Z0-9]{0,80}_[A-Z0-9_]{1,80} (?:is not set|not set|is missing|must be set|is required|is undefined)|required key [A-Z][A-Z0-9_]{1,80} missing value)/i,
    title: 'A required setting is missing from the environment',
    hypothesis: "A required environment variable or setting is not present in this run's environment.",
    fix: 'Provide the variable named in the message to the job (environment, secret store or config file).',
    actions: [
      'Set the missing variable for this environment',
      'Validate configuration at start-up and name the missing variable',
    ],
  },
  {
    id: 'llm.content_filter',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'medium',
    confidence: 0.88,
    priority: 91,
    match:
      /(content_filter\b[^\n]{0,80}|content management policy[^\n]{0,60}|ResponsibleAIPolicyViolation|finish_?[Rr]eason["'\s:=]{1,5}(?:content_filter|SAFETY|PROHIBITED_CONTENT|BLOCKLIST)|blockReason["'\s:=]{1,5}\w{1,40}|(?:prompt|response|request|output) was blocked (?:due to|because of|by) (?:safety|content|the content)[^\n]{0,40}|flagged (?:as potentially violating|by (?:our|the) (?:content|safety|moderation))[^\n]{0,60}|violat(?:es|ing) (?:our|the) (?:usage|content) polic(?:y|ies)[^\n]{0,40})/i,
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
    also: /\b(?:openai|chatgpt|gpt|anthropic|claude|gemini|llm|completions?|api[_ ]?key|bot\.ask)\b/i,
    title: "The provider's answer had no completion in it",
    hypothesis:
      "The code read the completion out of the provider's answer, but the answer was an error object (most often a wrong, revoked or unfunded API key; sometimes a quota or a bad request) and had no 'choices'; the KeyError is the symptom.",
    fix: "Check the HTTP status and the error body of the provider's answer before reading it (or use the provider's SDK, which raises the real error); check the key and the account's balance.",
    actions: [
      "Log the provider's raw answer when it has no completion",
      'Verify the API key and the account balance/quota in the provider console',
    ],
  },
  // ───────────── context and token limits ─────────────
  {
    id: 'llm.context_length',
    category: 'context_overflow',
    factor: 'context_length_exceeded',
    severity: 'high',
    confidence: 0.94,
    priority: 92,
    match:
      /(context_length_exceeded|maximum context length|context (?:length|window) (?:exceeded|is exceeded|limit)|prompt is too long|exceeds? the (?:model'?s? )?(?:maximum )?context|input (?:length|tokens?)[^\n]{0,40}exceeds?|inputs? tokens \+ `?max_new_tokens`? must be|longer than the (?:model'?s? )?(?:maximum|context)|Token indices sequence length is longer than the specified maximum|reduce the length of the (?:messages|prompt|input)|exceeds the maximum number of tokens|prompt length[^\n]{0,60}exceeds|too many (?:input )?tokens|maximum input length|input is too long|Requested tokens \(\d{1,12}\) exceed context window|exceeds? (?:the )?max(?:imum)? (?:model )?length|(?:prompt|input)[^\n]{0,30}\(\d{1,12} tokens\) is too long|is too long and exceeds (?:the )?(?:limit|max)|(?:input|prompt) exceeds (?:the )?(?:model'?s? )?context(?: length| window| size)?|exceeds? (?:the )?context (?:length|window|size))/i,
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
  // ───────────── agents and tools ─────────────
  {
    id: 'agent.recursion_limit',
    category: 'agent_loop',
    factor: 'recursion_limit',
    severity: 'medium',
    confidence: 0.93,
    priority: 91,
    match:
      /(GraphRecursionError|Recursion limit of \d{1,12} reached|recursion_limit[^\n]{0,40}(?:reached|exceeded)|recursion limit (?:reached|exceeded|of \d{1,12}))/i,
    title: 'Agent graph hit its recursion limit',
    hypothesis:
      "The agent kept cycling between nodes/steps without reaching a stop condition until the graph's recursion limit stopped it.",
    fix: 'Find the loop (usually a tool that keeps failing or a router that never routes to the end) and add a stop condition; raise recursion_limit only if the task really needs more steps.',
    actions: [
      'Look at the last steps of the trace for the repeating node or tool call',
      'Add an exit condition or a max-retries guard on the failing tool',
    ],
  },
  {
    id: 'agent.max_iterations',
    category: 'agent_loop',
    factor: 'max_iterations',
    severity: 'medium',
    confidence: 0.92,
    priority: 90,
    match:
      /(Agent stopped due to (?:iteration limit|max iterations|iteration limit or time limit)|MaxTurnsExceeded|Max(?:imum)? (?:number of )?turns(?: \(\d{1,12}\))? exceeded|max(?:imum)?[_ ]iterations[^\n]{0,40}(?:reached|exceeded)|reached (?:the )?max(?:imum)? (?:number of )?(?:steps|iterations|rounds|turns)|max_rounds[^\n]{0,30}(?:reached|exceeded)|exceeded max_steps|iteration limit (?:reached|exceeded))/i,
    title: 'Agent stopped by its iteration limit',
    hypothesis: 'The agent used all its allowed iterations/turns without producing a final answer.',
    fix: 'Inspect the repeated steps; fix the tool or prompt that keeps the agent from finishing before raising the limit.',
    actions: ['Read the last iterations for a repeating action', 'Give the agent a clearer stop condition or better tool errors'],
  },
  {
    id: 'agent.recursion_error',
    category: 'agent_loop',
    factor: 'recursion_limit',
    severity: 'medium',
    confidence: 0.7,
    priority: 60,
    match: /(RecursionError: maximum recursion depth exceeded[^\n]{0,80})/,
    resolve: (ctx) => (ctx.agent || ctx.llm ? null : { as: 'rt.stack_overflow' }),
    title: 'Agent recursion exceeded the maximum depth',
    hypothesis: "A chain or agent called itself until Python's recursion limit stopped it.",
    fix: 'Find the self-calling step and give it a base case or a depth limit.',
    actions: ['Look for the repeating frames in the stack trace', 'Add a depth limit or base case'],
  },
  {
    id: 'tool.not_found',
    category: 'tool_error',
    factor: 'tool_not_found',
    severity: 'medium',
    confidence: 0.9,
    priority: 88,
    match:
      /(is not a valid tool|Tool (?:with name |named )?[`'"]?[\w.-]{1,80}[`'"]? (?:not found|does not exist|is not available)|Tool [`'"][^`'"\n]{1,80}[`'"] (?:not found|does not exist|is not available)|\bTool [^\s'"`]{1,80} not found\b|(?:Unknown|unregistered) tool|No tool (?:named|found|with name)|ToolNotFound|tool[_ ]not[_ ]found|Function [`'"]?[\w.-]{1,80}[`'"]? (?:not found|is not defined|does not exist)|Unknown function(?: name)?|tool_use[^\n]{0,60}unknown|\bTool\b[^\n]{0,100} not found in (?:the )?(?:agent|toolkit|registry|tool ?set)|(?:don'?t|doesn'?t|do not|does not) exist, these are the only available (?:Actions|tools)|these are the only available (?:Actions|tools))/i,
    title: 'Agent called a tool that does not exist',
    hypothesis: 'The model asked for a tool name that is not registered with the agent (hallucinated or renamed tool).',
    fix: 'Register the tool, or make the tool list in the prompt match the registered names exactly.',
    actions: ['Compare the requested tool name with the registered tools', 'Constrain tool choice to the registered names'],
  },
  {
    id: 'tool.invalid_args',
    category: 'tool_error',
    factor: 'invalid_tool_args',
    severity: 'medium',
    confidence: 0.87,
    priority: 87,
    match:
      /(Invalid (?:arguments|args|parameters) (?:for|to|passed to) (?:tool|function)|invalid tool (?:call )?(?:arguments|args|input)|ToolInputParsingException|Failed to parse (?:tool|function) (?:call )?(?:arguments|args|input)|Error parsing (?:tool|function) (?:call )?arguments|validation errors? for \w{0,80}(?:Schema|Input|Args|Arguments|Tool)\b|tool_input[^\n]{0,40}(?:invalid|validation)|arguments? (?:are|is) not valid JSON[^\n]{0,40}tool|Could not parse (?:tool|function) (?:call )?(?:input|arguments)[^\n]{0,60}|Invalid JSON (?:input|arguments) for (?:tool|function)[^\n]{0,60}|AgentToolCallError[^\n]{0,60}|Arguments validation failed[^\n]{0,60}|(?:Error (?:in|during) tool call execution|tool)[^\n]{0,80}(?:missing \d{1,3} required (?:positional |keyword-only )?arguments?|got an unexpected keyword argument)[^\n]{0,60})/i,
    title: 'Tool call arguments were invalid',
    hypothesis: "The model produced arguments that do not fit the tool's argument schema.",
    fix: 'Tighten the tool schema and its description, return the validation error to the model so it can retry, or use strict function calling.',
    actions: ['Log the raw tool arguments next to the schema', 'Enable strict/structured tool calling'],
  },
  {
    id: 'tool.execution_failed',
    category: 'tool_error',
    factor: 'tool_execution_failed',
    severity: 'medium',
    confidence: 0.85,
    priority: 82,
    match:
      /(ToolException|Error (?:executing|running|calling|invoking) (?:the |an? )?(?:MCP |remote )?tool|McpError[^\n]{0,60}|Tool (?:execution|call|run) (?:failed|error)|tool (?:call )?failed|failed to (?:run|execute|call|invoke) (?:the )?tool|ToolError|tool returned an error|Tool [`'"]?[\w.-]{1,80}[`'"]? (?:raised|failed|errored)|ToolCallError|FunctionCallError|AgentToolExecutionError[^\n]{0,60}|error while trying to use the tool\. This was the error: (?!\d{1,4} validation errors? for|Arguments validation failed)[^\n]{0,80}|Error (?:in|during) tool call execution[^\n]{0,80}|Error (?:occurred )?(?:during|while|in) (?:the )?tool execution[^\n]{0,40}|["']isError["']\s{0,3}:\s{0,3}true|"content":\s?\[\{"type":\s?"text",\s?"text":\s?"Error: [^\n]{0,80}|No tool output found for function call[^\n]{0,40}|`?tool_use`? ids were found without `?tool_result`? blocks[^\n]{0,60}|An assistant message with 'tool_calls' must be followed by tool messages[^\n]{0,60})/i,
    title: 'An agent tool failed while running',
    hypothesis: "A tool the agent called raised an error; the failure is inside the tool, not in the model's choice of tool.",
    fix: 'Fix or harden the tool (see its error in the evidence), and return tool errors to the model as observations instead of failing the run.',
    actions: ['Open the failing tool span and its exception', 'Make the tool return errors as results the agent can act on'],
  },
  // ───────────── model output parsing ─────────────
  {
    id: 'llm.react_format',
    category: 'output_parse_error',
    factor: 'schema_mismatch_output',
    severity: 'medium',
    confidence: 0.86,
    priority: 86,
    match:
      /(Could not parse LLM output: [`'"]?(?:Thought|Action|Question|Observation|Final Answer)\b[^\n]{0,60}|Could not parse LLM output:[^\n]{0,80}|Could not parse output: (?:Thought|Action)\b[^\n]{0,60}|Invalid Format: Missing '(?:Action|Action Input|Final Answer)[^\n]{0,40}|Missing 'Action(?: Input)?:' after '(?:Thought|Action)[^\n]{0,20}|Parsing LLM output produced both a final answer and a parse-able action)/i,
    title: 'Agent answer did not follow the expected Thought/Action format',
    hypothesis:
      "The model answered in prose (a Thought without an Action or a Final Answer), so the agent's text-format parser could not read an action from it; the answer is not malformed JSON but the wrong shape for the agent.",
    fix: 'Pass handle_parsing_errors=True so the agent can retry with the parse error, make the format instructions stricter, or switch to a tool-calling agent that does not parse free text.',
    actions: [
      'Read the raw model answer in the error: which of Action / Action Input / Final Answer is missing',
      'Enable parsing-error retries (handle_parsing_errors) on the agent executor',
      'Prefer native tool calling over text-format ReAct parsing',
    ],
  },
  {
    id: 'llm.output_parser',
    category: 'output_parse_error',
    factor: 'invalid_json_output',
    severity: 'medium',
    confidence: 0.88,
    priority: 85,
    match:
      /(OutputParserException|Could not parse LLM output|Invalid json output|Failed to parse (?:the )?(?:model|LLM|completion) (?:output|response)|could not parse (?:the )?(?:model|llm)'?s? (?:output|response)|Could not (?:extract|find|parse|decode) (?:a |the )?(?:valid )?json(?: string| object| block| data)? (?:from|in) (?:the )?(?:model |llm |agent )?(?:output|response|completion|answer|text)|No (?:valid )?JSON (?:object |block )?(?:was )?(?:found|detected) in (?:the )?(?:model |llm )?(?:output|response|completion))/i,
    unless: /validation errors? for|Field required|missing required field/i,
    title: 'Model output could not be parsed',
    hypothesis: 'The model answered in a form the output parser could not read (not JSON, extra prose, wrong format).',
    fix: "Use the provider's structured output / JSON mode, show the format in the prompt, and retry with the parse error.",
    actions: ['Look at the raw model output in the failing span', 'Switch to structured output (JSON schema response format)'],
  },
  {
    id: 'llm.schema_mismatch',
    category: 'output_parse_error',
    factor: 'schema_mismatch_output',
    severity: 'medium',
    confidence: 0.86,
    priority: 84,
    match:
      /(Failed to parse \w{1,80} from completion|InstructorRetryException|does not match the (?:expected|response) schema|response did not match (?:the )?schema|(?:model|llm) output[^\n]{0,60}(?:validation|schema))/i,
    title: 'Model output does not fit the expected schema',
    hypothesis: 'The model returned JSON, but its fields or types do not match the schema the code expects.',
    fix: 'Use strict structured outputs, simplify the schema, and feed validation errors back for a retry.',
    actions: ['Compare the model output with the schema', 'Enable strict JSON-schema output'],
  },
  {
    id: 'json.parse_error',
    category: 'syntax_error',
    factor: 'json_syntax',
    severity: 'high',
    confidence: 0.75,
    priority: 62,
    match:
      /(JSONDecodeError: [^\n]{0,160}|json\.decoder\.[^\n]{0,120}|SyntaxError: [^\n]{0,200}?(?:\b(?:in|after) JSON at position \d{1,12}|\.json: (?:Unexpected|Expected|Bad|Unterminated)[^\n]{0,80}|is not valid JSON)|SyntaxError: (?:Unexpected token[^\n]{0,80}JSON|Unexpected end of JSON input|JSON\.parse[^\n]{0,80}|Expected [^\n]{0,80} in JSON[^\n]{0,40}|Unterminated string in JSON[^\n]{0,40}|Bad control character[^\n]{0,80}JSON[^\n]{0,40})|JsonParseException[^\n]{0,120}|Unterminated string in JSON at position \d{1,12}|JsonDecodingException: Unexpected JSON token[^\n]{0,80}|MalformedJsonException[^\n]{0,80}|invalid character '.{1,4}' (?:looking for beginning of|after|in)[^\n]{0,60}|unexpected end of JSON input|Expecting (?:value|property name enclosed in double quotes|',' delimiter|':' delimiter): line \d{1,12} column \d{1,12}|JSON\.parse: [^\n]{0,80}|serde_json[^\n]{0,80}|Invalid JSON[^\n]{0,80}|is not valid JSON[^\n]{0,40})/i,
    resolve: resolveJson,
    title: 'JSON could not be parsed',
    hypothesis: 'A JSON document (a config or data file written by a person or tool) has a syntax error.',
    fix: 'Open the file at the reported line/column and fix the syntax (trailing comma, quote, bracket); validate it in CI.',
    actions: ['Go to the line and column in the message', 'Validate JSON files in CI'],
  },
  // ───────────── syntax ─────────────
  {
    id: 'py.indentation',
    category: 'syntax_error',
    factor: 'indentation',
    severity: 'high',
    confidence: 0.95,
    priority: 86,
    match: /\b((?:IndentationError|TabError): [^\n]{0,160})/,
    title: 'Python indentation error',
    hypothesis: 'The code has inconsistent or unexpected indentation and could not be compiled.',
    fix: 'Fix the indentation at the reported line (use spaces consistently).',
    actions: ['Open the file at the reported line', 'Run a formatter/linter on generated code before executing it'],
  },
  {
    id: 'yaml.parse_error',
    category: 'syntax_error',
    factor: 'yaml_syntax',
    severity: 'high',
    confidence: 0.9,
    priority: 84,
    match:
      /(yaml\.(?:scanner|parser|composer|constructor|reader)\.\w{1,80}Error[^\n]{0,100}|(?:ScannerError|ParserError|ComposerError): (?:while|mapping|could not|found|expected)[^\n]{0,100}|mapping values are not allowed (?:here|in this context)|could not find expected ':'|found character that cannot start any token|did not find expected (?:key|node content|<document start>|'-' indicator)|YAMLException[^\n]{0,100}|yaml: (?:line \d{1,12}: )?(?:did not find|could not find|mapping values|found|unmarshal errors)[^\n]{0,100}|error converting YAML to JSON[^\n]{0,100}|while parsing a (?:block mapping|block collection|flow mapping)|while scanning a (?:simple key|quoted scalar|plain scalar))/i,
    title: 'YAML file could not be parsed',
    hypothesis: 'A YAML file (config, manifest or workflow) has a syntax error.',
    fix: 'Fix the YAML at the reported line (indentation, a missing colon or an unquoted special character); lint YAML in CI.',
    actions: ['Open the YAML at the reported line and column', 'Lint YAML files in CI (yamllint)'],
  },
  {
    id: 'py.syntax',
    category: 'syntax_error',
    factor: 'python_syntax',
    severity: 'high',
    confidence: 0.92,
    priority: 80,
    // A JavaScript SyntaxError about JSON (JSON.parse, require() of a .json file) is a JSON error, not code.
    match: /\b(SyntaxError: (?![^\n]{0,200}?(?:\bJSON\b|\.json: ))[^\n]{0,160})/,
    title: 'Syntax error in code',
    hypothesis: 'The code (often written by a person or generated by a model) does not parse.',
    fix: 'Fix the syntax at the reported line; compile/lint generated code before running it.',
    actions: ['Open the code at the reported line', 'Run a syntax check (python -m py_compile, tsc) before executing'],
  },
  {
    id: 'go.syntax',
    category: 'syntax_error',
    factor: 'python_syntax',
    severity: 'high',
    confidence: 0.7,
    priority: 70,
    match: /(syntax error: unexpected [^\n]{0,100}|error: expected (?:';'|'\)'|expression)[^\n]{0,80})/,
    title: 'Syntax error in code',
    hypothesis: 'The source does not compile because of a syntax error.',
    fix: 'Fix the syntax at the reported line.',
    actions: ['Open the source at the reported line'],
  },
  // ───────────── imports and native libraries ─────────────
  {
    id: 'import.native_lib',
    category: 'import_error',
    factor: 'missing_native_lib',
    severity: 'high',
    confidence: 0.92,
    priority: 87,
    match:
      /(cannot open shared object file[^\n]{0,60}|(?:lib[\w.+-]{1,80}\.so[\w.]{0,20}): cannot open|Could not load (?:dynamic )?library '?[\w.+-]{1,80}|DLL load failed[^\n]{0,100}|UnsatisfiedLinkError[^\n]{0,100}|Library not loaded: [^\n]{0,100}|image not found|OSError: [^\n]{0,40}\.so[^\n]{0,40}(?:cannot|not found)|libcudart[^\n]{0,40}not found|error while loading shared libraries: [^\n]{0,100}|Could not locate (?:cudnn|cublas)[^\n]{0,60}|Unable to load (?:any of )?\{?lib[^\n]{0,80})/i,
    title: 'A native library could not be loaded',
    hypothesis:
      'A compiled extension needs a shared library (CUDA, cuDNN, libGL, a system lib) that is not installed or not on the library path.',
    fix: 'Install the missing system library (or the matching CUDA runtime) in the image, or fix LD_LIBRARY_PATH.',
    actions: [
      'Find which package ships the named .so and install it',
      'Match CUDA/cuDNN versions to the installed framework build',
    ],
  },
  {
    id: 'import.version_conflict',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.87,
    priority: 85,
    match:
      /(ImportError: cannot import name [^\n]{0,120}|cannot import name '[\w.]{1,80}' from [^\n]{0,120}|undefined symbol: [^\n]{0,80}|numpy\.core\.multiarray failed to import|module compiled against (?:API|ABI) version[^\n]{0,60}|compiled using NumPy 1\.x cannot be run in[^\n]{0,40}|A module that was compiled using NumPy[^\n]{0,80}|(?:Contextual)?VersionConflict[^\n]{0,120}|ResolutionImpossible|requires [\w.-]{1,60}[<>=!~][<>=!~\d.*,]{1,60}, but you have [^\n]{0,60}|NoSuchMethodError[^\n]{0,120}|NoSuchFieldError[^\n]{0,100}|IncompatibleClassChangeError[^\n]{0,100}|UnsupportedClassVersionError[^\n]{0,120}|has been compiled by a more recent version of the Java Runtime|incompatible (?:version|versions)[^\n]{0,80}|version mismatch[^\n]{0,80}|is not compatible with (?:this|the installed)[^\n]{0,60}|ERESOLVE unable to resolve dependency tree|peer dep(?:endency)? conflict[^\n]{0,60})/i,
    title: 'Incompatible package versions',
    hypothesis:
      'Two packages (or a package and its compiled extension) were built for different versions; the installed combination does not fit together.',
    fix: 'Pin compatible versions (lock file), reinstall the extension against the installed framework, or upgrade/downgrade the package named in the error.',
    actions: ['Compare installed versions with the ones the package requires', 'Pin the environment with a lock file'],
  },
  {
    id: 'import.module_not_found',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.95,
    priority: 83,
    match:
      /(ModuleNotFoundError: [^\n]{0,120}|No module named [^\n]{0,100}|Error: Cannot find module '[^'\n]{1,120}'|Cannot find (?:module|package) '[^'\n]{1,120}'|ERR_MODULE_NOT_FOUND[^\n]{0,100}|(?:java\.lang\.)?(?:ClassNotFoundException|NoClassDefFoundError)[^\n]{0,120}|no required module provides package [^\n]{0,100}|cannot find package "[^"\n]{1,100}"|package [\w./-]{1,100} is not in (?:GOROOT|std)|could not resolve (?:import|dependency)[^\n]{0,80}|Module not found: (?:Error: )?Can't resolve [^\n]{0,100}|unresolved import [^\n]{0,80}|ImportError: No module named[^\n]{0,100})/i,
    title: 'Missing module or package',
    hypothesis: 'The code imports a module that is not installed in this environment (or not on the path).',
    fix: "Add the package to the environment's dependencies and rebuild the image; check the import name.",
    actions: [
      'Install the package named in the error (or add it to requirements/package.json)',
      'Rebuild the environment from the lock file',
    ],
  },
  {
    id: 'py.attribute_module',
    category: 'import_error',
    factor: 'version_conflict',
    severity: 'high',
    confidence: 0.65,
    priority: 58,
    match: /(AttributeError: (?:partially initialized )?module '[\w.]{1,80}' has no attribute '[\w]{1,80}'[^\n]{0,60})/,
    title: 'Module lacks an expected attribute (API/version change)',
    hypothesis:
      'The installed version of the module does not have the attribute the code uses, usually because the API changed between versions.',
    fix: 'Pin the package version the code was written for, or update the code to the new API.',
    actions: ["Check the installed version against the code's expectations"],
  },
  {
    id: 'py.import_error',
    category: 'import_error',
    factor: 'module_not_found',
    severity: 'high',
    confidence: 0.7,
    priority: 55,
    match: /\b(ImportError: [^\n]{0,160})/,
    title: 'Import failed',
    hypothesis: 'A module could not be imported.',
    fix: 'Check that the package is installed in this environment at a compatible version.',
    actions: ['Reinstall the package named in the error'],
  },
  // ───────────── sandbox and validation ─────────────
  {
    id: 'sandbox.forbidden_import',
    category: 'validation_error',
    factor: 'forbidden_import',
    severity: 'high',
    confidence: 0.94,
    priority: 95,
    match:
      /(Forbidden import[^\n]{0,100}|import (?:of |from )?[`'"]?[\w.]{1,80}[`'"]? (?:is )?(?:not allowed|forbidden|prohibited|blocked)|(?:disallowed|unauthorized|blocked|prohibited) import[^\n]{0,80}|Import of [^\n]{0,60} (?:is )?not allowed|ImportError: __import__ not found|module [`'"][\w.]{1,80}[`'"] is not (?:allowed|permitted|whitelisted)|ImportError: Forbidden[^\n]{0,100}|(?:module|import|package)[^\n]{0,60} not in (?:the )?(?:white|allow)[ -]?list)/i,
    title: 'A sandbox blocked an import',
    hypothesis:
      'The code imports a library that the sandbox or code validator does not allow, so the code was rejected before it ran.',
    fix: 'Use only the allowed libraries (tell the code generator the allow-list), or add the library to the allow-list if it is safe.',
    actions: ['Compare the import with the sandbox allow-list', 'Put the allow-list in the code-generation prompt'],
  },
  {
    id: 'sandbox.forbidden_operation',
    category: 'validation_error',
    factor: 'forbidden_operation',
    severity: 'high',
    confidence: 0.9,
    priority: 94,
    match:
      /(Forbidden (?:attribute|operation|function|call|builtin|name)[^\n]{0,100}|(?:is|are) not allowed in (?:restricted|sandbox|safe)[^\n]{0,60}|RestrictedPython[^\n]{0,80}|is an invalid attribute name because it (?:starts|ends) with "_"|not allowed to (?:access|call|use) [^\n]{0,60}(?:sandbox|restricted)?|(?:use|call) of [`'"]?\w{1,40}[`'"]? is (?:not allowed|forbidden|prohibited)|(?:unsafe|disallowed|forbidden) (?:operation|builtin|function call)[^\n]{0,60}|InterpreterError: [^\n]{0,40}(?:Forbidden|not allowed)[^\n]{0,80})/i,
    title: 'A sandbox blocked an operation',
    hypothesis: 'The code used an attribute, builtin or operation that the sandbox forbids.',
    fix: 'Rewrite the code without the forbidden operation, or relax the sandbox policy if it is safe.',
    actions: ['Compare the operation with the sandbox policy', 'Tell the code generator which operations are forbidden'],
  },
  {
    id: 'validation.schema',
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    confidence: 0.8,
    priority: 72,
    match:
      /(\d{1,12} validation errors? for [\w.]{1,80}|pydantic(?:_core)?(?:\._pydantic_core)?\.ValidationError[^\n]{0,80}|jsonschema\.exceptions\.ValidationError[^\n]{0,100}|Failed validating u?'\w{1,80}' in schema|jsonschema\.exceptions\.SchemaError[^\n]{0,80}|\bSchemaError: [^\n]{0,80}|(?:does not|doesn't) (?:match|conform to) (?:the )?schema|must have required property '[^'\n]{1,60}'|Schema validation (?:failed|error)[^\n]{0,80}|ValidationError: [^\n]{0,120}|Field required \[type=missing|UnrecognizedPropertyException[^\n]{0,100}|unknown field `[^`\n]{1,60}`, expected[^\n]{0,60}|Unrecognized field "[^"\n]{1,80}"[^\n]{0,60}not marked as ignorable)/i,
    resolve: resolveSchema,
    title: 'Input failed schema validation',
    hypothesis:
      'Data or configuration did not match the schema it is checked against (a missing field, a wrong type, a value out of range).',
    fix: 'Fix the field named in the validation error at its source, or update the schema if the data is right.',
    actions: ['Read the field path and reason in the validation error', 'Validate the data where it is produced'],
  },
  {
    id: 'validation.type_mismatch',
    category: 'validation_error',
    factor: 'type_mismatch',
    severity: 'high',
    confidence: 0.8,
    priority: 66,
    match:
      /(ERR_INVALID_ARG_TYPE[^\n]{0,120}|argument must be (?:of type|an? |one of type)[^\n]{0,100}|Expected (?:type |an? )?[\w.[\]]{1,40}(?:,| but| and)? (?:got|received|found) [^\n]{0,80}|expected [\w.[\]]{1,40} but (?:got|found|received) [^\n]{0,60}|InvalidTypeError[^\n]{0,80}|(?:argument|parameter|input) type mismatch[^\n]{0,80}|must be (?:a |an )?(?:str|string|int|integer|float|number|bool|boolean|list|dict|array|object), not [^\n]{0,40}|InvalidFormatException[^\n]{0,120}|Cannot deserialize value of type [^\n]{0,120}|not a valid (?:Integer|Long|Short|Double|Float|Boolean|BigDecimal|int|long|double|float|boolean|number) value|invalid type: [\w ]{1,30}(?: [`'"][^\n]{0,40}[`'"])?, expected [^\n]{0,60}|cannot unmarshal \w{1,20} into Go (?:struct field|value of type)[^\n]{0,80}|Expected BEGIN_(?:OBJECT|ARRAY) but was \w{1,20}[^\n]{0,40}|Input should be a valid (?:integer|number|string|boolean|dictionary|list|date|datetime)[^\n]{0,60})/i,
    unless: /\bTypeError: /,
    title: 'Argument of the wrong type rejected',
    hypothesis: 'A value of the wrong type was passed where a validator or API checks the type.',
    fix: 'Convert the value to the expected type where it is produced.',
    actions: ['Check the type of the value named in the error'],
  },
  {
    id: 'validation.invalid_argument',
    category: 'validation_error',
    factor: 'invalid_argument',
    severity: 'high',
    confidence: 0.78,
    priority: 64,
    match:
      /((?:java\.lang\.)?IllegalArgumentException[^\n]{0,120}|InvalidArgumentError[^\n]{0,120}|INVALID_ARGUMENT[^\n]{0,120}|invalid_request_error[^\n]{0,120}|ERR_INVALID_ARG_VALUE[^\n]{0,100}|ArgumentError[^\n]{0,100}|error: (?:argument|unrecognized arguments)[^\n]{0,100}|(?:unrecognized|unknown|unsupported) (?:argument|option|parameter|value)s?[^\n]{0,80}|ValueError: (?!invalid literal)(?:Invalid|Unknown|Unsupported|Unrecognized|Expected|expected|must be|should be|invalid|unknown|unsupported|unrecognized)[^\n]{0,120}|Invalid (?:argument|parameter|value) (?:for|:)[^\n]{0,100}|invalid argument[^\n]{0,80}|Invalid '\w{1,60}': [^\n]{0,100}|Unsupported parameter: [^\n]{0,100})/i,
    // A generic 400 whose message names a more specific cause is that cause.
    unless:
      /maximum context length|context_length_exceeded|quotas? (?:were|was|have been|has been) exceeded|No tool output found for function call|ids were found without [`'"]?tool_result|must be followed by tool messages/i,
    title: 'An argument was rejected as invalid',
    hypothesis: 'A function or API rejected an argument value that is outside what it accepts.',
    fix: 'Pass a value the API accepts (see the allowed values in the message).',
    actions: ['Read the allowed values in the error message', 'Validate arguments where they are built'],
  },
  // ───────────── resources ─────────────
  {
    id: 'gpu.oom',
    category: 'resource_error',
    factor: 'gpu_oom',
    severity: 'high',
    confidence: 0.96,
    priority: 92,
    match:
      /(CUDA out of memory[^\n]{0,100}|torch\.(?:cuda\.)?OutOfMemoryError[^\n]{0,80}|CUDA error: out of memory|CUDA_ERROR_OUT_OF_MEMORY|cudaErrorMemoryAllocation|CUBLAS_STATUS_ALLOC_FAILED|OOM when allocating tensor[^\n]{0,80}|ResourceExhaustedError[^\n]{0,60}OOM|(?:HIP|MPS backend|XPU) out of memory[^\n]{0,60}|out of memory on device[^\n]{0,60}|failed to allocate [^\n]{0,40} on (?:device|GPU)|Not enough memory[^\n]{0,40}GPU|RESOURCE_EXHAUSTED: Out of memory while trying to allocate)/i,
    title: 'GPU out of memory',
    hypothesis: 'The model, batch or activations need more GPU memory than the device has free.',
    fix: 'Lower the batch size or sequence length, enable gradient checkpointing or mixed precision, or use a larger GPU; free other processes on the device.',
    actions: [
      'Reduce batch size / max sequence length',
      'Use mixed precision or gradient checkpointing',
      'Check nvidia-smi for other processes holding memory',
    ],
  },
  {
    id: 'host.oom',
    category: 'resource_error',
    factor: 'host_oom',
    severity: 'high',
    confidence: 0.92,
    priority: 88,
    match:
      /(Out of memory: Killed? process[^\n]{0,60}|oom-kill(?:er)?[^\n]{0,60}|OOMKilled|OOM ?killer|exit(?:ed)? (?:with )?(?:code|status)[:= ]{0,3}137|exit code 137|MemoryError\b[^\n]{0,60}|java\.lang\.OutOfMemoryError[^\n]{0,60}|JavaScript heap out of memory|Cannot allocate memory|\bENOMEM\b|std::bad_alloc|fatal error: runtime: out of memory|runtime: out of memory|Unable to allocate [\d.]{1,20} [KMGT]i?B[^\n]{0,60}|DefaultCPUAllocator: (?:can't allocate|not enough) memory[^\n]{0,40}|memory limit (?:exceeded|reached)|exceeded (?:its |the )?memory limit|Container killed[^\n]{0,60}memory|killed by (?:the )?(?:OOM|out-of-memory)|Worker[^\n]{0,40}exceeded[^\n]{0,40}memory|SIGKILL[^\n]{0,40}memory|DataLoader worker \(pid:? ?\d{1,10}\) is killed by signal: Killed|["']?exitCode["']?\s{0,3}[:=]\s{0,3}137\b|Killed[ \t\r]{0,20}$)/im,
    unless: /OOMKilled["']?[:=]\s{0,3}false/i,
    title: 'Host ran out of memory',
    hypothesis: 'The process used more RAM than the host or container allows, and was killed or failed to allocate.',
    fix: 'Raise the memory limit, stream or shard the data instead of loading it whole, or reduce workers/batch size.',
    actions: ['Check the container memory limit and peak RSS', 'Load data lazily / in chunks', 'Reduce parallel workers'],
  },
  {
    id: 'fd.exhausted',
    category: 'resource_error',
    factor: 'fd_exhausted',
    severity: 'high',
    confidence: 0.92,
    priority: 87,
    match:
      /(Too many open files|\bEMFILE\b|\bENFILE\b|file watchers reached|System limit for number of file watchers|too many open file descriptors)/i,
    title: 'Out of file descriptors',
    hypothesis: 'The process hit its open-file limit (leaked handles or sockets, or a low ulimit).',
    fix: 'Close files/sockets you open (look for leaks), or raise the open-files limit (ulimit -n / LimitNOFILE).',
    actions: ['Count open handles (lsof -p) for the process', 'Raise ulimit -n for the service'],
  },
  {
    id: 'disk.full',
    category: 'resource_error',
    factor: 'disk_full',
    severity: 'critical',
    confidence: 0.94,
    priority: 86,
    match:
      /(No space left on device|\bENOSPC\b|Disk quota exceeded|\bEDQUOT\b|disk (?:is )?full|not enough (?:free )?(?:disk )?space|insufficient (?:disk|storage) space|There is not enough space on the disk|DiskFull)/i,
    title: 'Disk full',
    hypothesis: 'The volume the run writes to (checkpoints, cache, logs, /tmp) has no free space left.',
    fix: 'Free or enlarge the volume; move caches and checkpoints to a larger disk and rotate old ones.',
    actions: ["Check df on the run's volumes", 'Clean caches / old checkpoints', 'Alert on disk usage'],
  },
  // ───────────── network ─────────────
  {
    id: 'net.tls',
    category: 'network_error',
    factor: 'tls_error',
    severity: 'medium',
    confidence: 0.92,
    priority: 86,
    match:
      /(CERTIFICATE_VERIFY_FAILED|certificate verify failed|SSLCertVerificationError|SSLHandshakeException|self[- ]signed certificate|x509: certificate[^\n]{0,80}|unable to get local issuer certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT[\w_]{0,40}|PKIX path building failed|SSL: WRONG_VERSION_NUMBER|tls: (?:handshake failure|bad certificate|failed to verify)[^\n]{0,60}|SSLEOFError|EOF occurred in violation of protocol|certificate has expired|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|SSLError\([^\n]{0,120}|ssl\.SSLError[^\n]{0,100}|TLS handshake (?:timeout|failed|error))/i,
    resolve: resolveUpload,
    title: 'TLS/certificate error',
    hypothesis:
      'The TLS handshake failed: an untrusted, self-signed or expired certificate, a proxy intercepting TLS, or a protocol mismatch.',
    fix: "Install the right CA bundle (or the proxy's CA) in the environment; renew expired certificates; never disable verification in production.",
    actions: [
      'Check the certificate chain of the endpoint (openssl s_client)',
      'Set the CA bundle used by the client (REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS)',
    ],
  },
  {
    id: 'net.dns',
    category: 'network_error',
    factor: 'dns_failure',
    severity: 'medium',
    confidence: 0.92,
    priority: 85,
    match:
      /(\bENOTFOUND\b|\bEAI_AGAIN\b|getaddrinfo (?:failed|ENOTFOUND|EAI_AGAIN)|Name or service not known|Temporary failure in name resolution|nodename nor servname provided|UnknownHostException|no such host|Could not resolve host|NameResolutionError|Name does not resolve|DNS (?:resolution|lookup) failed|failed to resolve (?:host|address|name)|\[Errno -[23]\]|\[Errno 8\] nodename|\[Errno 11001\] getaddrinfo)/i,
    resolve: resolveUpload,
    title: 'DNS lookup failed',
    hypothesis:
      'The host name of a dependency could not be resolved (a typo, a missing DNS record, or no DNS/network in the runtime).',
    fix: "Check the host name in the configuration and the runtime's DNS/network (resolv.conf, VPC DNS, egress rules).",
    actions: ['Resolve the host from the same runtime (nslookup/dig)', 'Check the configured endpoint for typos'],
  },
  {
    id: 'net.refused',
    category: 'network_error',
    factor: 'connection_refused',
    severity: 'medium',
    confidence: 0.92,
    priority: 84,
    match:
      /(\bECONNREFUSED\b[^\n]{0,60}|Connection refused|ConnectionRefusedError[^\n]{0,80}|\[Errno 111\][^\n]{0,60}|\[Errno 61\][^\n]{0,60}|actively refused|No connection could be made because the target machine|connect: connection refused|ConnectException: Connection refused)/i,
    resolve: resolveUpload,
    title: 'Connection refused',
    hypothesis:
      'Nothing is listening at the address the client connects to: the dependency is down, not yet started, or the host/port is wrong.',
    fix: 'Check that the dependency is running and reachable at the configured host and port (and that the client does not point at localhost inside a container).',
    actions: ["Check the dependency's health and the configured host:port", 'Add start-up ordering / readiness checks'],
  },
  {
    id: 'net.reset',
    category: 'network_error',
    factor: 'connection_reset',
    severity: 'medium',
    confidence: 0.88,
    priority: 80,
    match:
      /(\bECONNRESET\b|Connection reset by peer|ConnectionResetError[^\n]{0,60}|Connection aborted[^\n]{0,60}|RemoteDisconnected[^\n]{0,60}|Remote end closed connection[^\n]{0,40}|\bEPIPE\b|Broken pipe|BrokenPipeError|socket hang up|Connection closed prematurely|IncompleteRead[^\n]{0,40}|ChunkedEncodingError[^\n]{0,60}|Server disconnected[^\n]{0,40}|ServerDisconnectedError|connection was forcibly closed|Connection lost[^\n]{0,40}|connection reset|stream (?:was )?reset|peer closed connection|RST_STREAM)/i,
    resolve: resolveUpload,
    title: 'Connection reset by the peer',
    hypothesis:
      'The connection was dropped mid-request (the server or a proxy closed it, a load balancer idle timeout, or a crash on the other side).',
    fix: "Retry idempotent requests with backoff; check proxy/load-balancer idle timeouts and the server's logs at that time.",
    actions: ['Add retries with backoff for idempotent calls', "Check the peer's logs and proxy timeouts"],
  },
  {
    id: 'net.generic',
    category: 'network_error',
    factor: 'connection_reset',
    severity: 'medium',
    confidence: 0.55,
    priority: 40,
    match:
      /(APIConnectionError[^\n]{0,60}|Connection error\.|Network is unreachable|\bENETUNREACH\b|\bEHOSTUNREACH\b|No route to host|fetch failed|NetworkError[^\n]{0,60}|network error[^\n]{0,60})/i,
    resolve: resolveUpload,
    title: 'Network error reaching a dependency',
    hypothesis: 'The client could not complete a network exchange with a dependency; the message does not say exactly why.',
    fix: 'Check connectivity from the runtime to the dependency, and retry with backoff.',
    actions: ['Check egress/network policy from the runtime', 'Look at the underlying cause in the stack trace'],
  },
  // ───────────── auth ─────────────
  {
    id: 'auth.token_expired',
    category: 'auth_error',
    factor: 'token_expired',
    severity: 'high',
    confidence: 0.92,
    priority: 89,
    match:
      /(token (?:has |is )?expired|ExpiredToken(?:Exception)?|jwt expired|TokenExpiredError|expired (?:access |auth |bearer |id )?token|The security token included in the request is expired|RequestExpired|session (?:has |is )?expired|credentials? (?:have |has )?expired|Signature expired|refresh token (?:is )?(?:invalid|expired)|invalid_grant[^\n]{0,60}expired)/i,
    resolve: resolveUpload,
    title: 'Expired token or credentials',
    hypothesis: 'The credentials used for the call (a session token, JWT or OAuth token) have expired.',
    fix: "Refresh the token before it expires (use the SDK's refreshing credential provider); shorten job runtimes or extend the session duration.",
    actions: ["Check the token's expiry time against the failure time", 'Use auto-refreshing credentials'],
  },
  {
    id: 'auth.invalid_credentials',
    category: 'auth_error',
    factor: 'invalid_credentials',
    severity: 'high',
    confidence: 0.9,
    priority: 86,
    match:
      /(Incorrect API key provided|invalid_api_key|Invalid API[ -]?key|invalid x-api-key|API key not valid|AuthenticationError[^\n]{0,80}|authentication_error|Invalid authentication|invalid credentials|InvalidAccessKeyId|SignatureDoesNotMatch|InvalidClientTokenId|UnrecognizedClientException|Bad credentials|Authentication failed[^\n]{0,60}|\b401\b[^\n]{0,40}(?:Unauthorized|Unauthenticated)|(?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|status code)[:= ]{0,3}401\b|\b401 Unauthorized|UNAUTHENTICATED|Unable to locate credentials|NoCredentialsError|could not find default credentials|invalid_client|Login failed|password authentication failed|(?:incorrect|invalid|wrong|bad) (?:username|user name|login|user) or password|unauthorized: authentication required|Permission denied \(publickey[^)\n]{0,40}\)|Host key verification failed)/i,
    resolve: resolveUpload,
    title: 'Invalid or missing credentials',
    hypothesis: 'The service rejected the credentials (a wrong, revoked or mistyped key, or no key sent).',
    fix: 'Check that the right key/secret for this environment is set and has not been revoked or rotated.',
    actions: [
      'Verify the key in the secret store matches an active key',
      'Check which credentials the runtime actually picked up',
    ],
  },
  {
    id: 'auth.permission_denied',
    category: 'auth_error',
    factor: 'permission_denied',
    severity: 'high',
    confidence: 0.86,
    priority: 76,
    match:
      /(\b403\b[^\n]{0,30}Forbidden|(?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|status code)[:= ]{0,3}403\b|\bAccessDenied(?:Exception)?\b|Access Denied|PermissionError[^\n]{0,80}|\bEACCES\b|[Pp]ermission denied|PERMISSION_DENIED|insufficient permissions|not authorized to perform|AuthorizationError|AuthorizationFailed|does not have (?:the )?permission|\bEPERM\b|Operation not permitted|403 Forbidden|Forbidden: |Error from server \(Forbidden\)|is forbidden: User "[^"\n]{1,100}" cannot|cannot (?:list|get|create|delete|patch|update|watch) resource "[^"\n]{1,80}"|Cannot access gated repo|GatedRepoError|you are not in the authorized list|is awaiting a review from the repo authors)/,
    unless: /Permission denied \(publickey/,
    resolve: resolveUpload,
    title: 'Permission denied',
    hypothesis: 'The caller is authenticated but lacks permission for this resource or action (IAM policy, file mode, RBAC).',
    fix: 'Grant the role/service account the permission named in the error, or fix the file ownership/mode.',
    actions: ['Find the principal and the action denied in the message', 'Grant the least privilege that allows it'],
  },
  // ───────────── rate limits and upstream ─────────────
  {
    id: 'llm.overloaded',
    category: 'upstream_error',
    factor: 'model_overloaded',
    severity: 'medium',
    confidence: 0.92,
    priority: 85,
    match: OVERLOADED,
    title: 'Model provider overloaded',
    hypothesis: 'The provider is temporarily out of capacity for this model and rejected the request.',
    fix: 'Retry with exponential backoff and jitter; fall back to another model or region when overload persists.',
    actions: ['Retry with backoff', 'Configure a fallback model/provider'],
  },
  {
    id: 'rate.limit',
    category: 'rate_limit',
    factor: 'provider_rate_limit',
    severity: 'medium',
    confidence: 0.9,
    priority: 81,
    match:
      /(RateLimitError[^\n]{0,80}|Rate limit (?:reached|exceeded)[^\n]{0,80}|rate_limit_exceeded|rate[_ -]limit(?:ed|ing)?\b[^\n]{0,60}|Too Many Requests|(?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|status code|code)["']?[:= ]{0,3}429\b|\b429\b[^\n]{0,40}(?:Too Many|rate|Resource)|rateLimitExceeded|userRateLimitExceeded|Resource exhausted\. Please try again later|Resource has been exhausted|RESOURCE_EXHAUSTED|ThrottlingException|Throttl(?:ed|ing)[^\n]{0,40}|\bSlowDown\b|Please reduce your request rate|TooManyRequests|requests per min(?:ute)?[^\n]{0,40}|tokens per min(?:ute)?[^\n]{0,40}|RequestLimitExceeded|ProvisionedThroughputExceeded)/i,
    title: 'Provider rate limit hit',
    hypothesis: 'Requests were sent faster than the provider allows for this key (requests or tokens per minute).',
    fix: 'Retry with exponential backoff honouring Retry-After, lower concurrency, or request a higher rate limit.',
    actions: ['Honour Retry-After and back off', 'Limit concurrency per key', 'Spread load across keys/regions if allowed'],
  },
  {
    id: 'upstream.5xx',
    category: 'upstream_error',
    factor: 'upstream_5xx',
    severity: 'medium',
    confidence: 0.82,
    priority: 70,
    match:
      /((?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|status code|code)[:= ]{0,3}5(?:0[0-4])\b[^\n]{0,60}|\b50[0-4] (?:Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out|Server Error)|Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out|InternalServerError[^\n]{0,60}|ServiceUnavailable(?:Error|Exception)?|InternalFailure|\bserver_error\b|The server had an error|upstream connect error|no healthy upstream|\bUNAVAILABLE\b[^\n]{0,60}|upstream request timeout|Server error '5\d\d)/i,
    resolve: resolveServerError,
    title: 'Upstream service error (5xx)',
    hypothesis: 'A dependency answered with a server-side error; the request itself may be fine.',
    fix: "Retry idempotent requests with backoff; check the dependency's status page or logs; add a fallback for persistent outages.",
    actions: ['Retry with backoff', "Check the dependency's health at the failure time"],
  },
  // ───────────── timeouts ─────────────
  {
    id: 'timeout.hang',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'high',
    confidence: 0.88,
    priority: 84,
    match:
      /(Watchdog caught collective operation timeout[^\n]{0,60}|collective operation timeout|ProcessGroupNCCL[^\n]{0,80}[Tt]imeout|NCCL[^\n]{0,60}(?:timeout|timed out)|\bdeadlock(?:ed)?\b[^\n]{0,60}|Deadlock found|watchdog (?:timeout|triggered|expired|detected)[^\n]{0,40}|no progress (?:for|in|after)[^\n]{0,40}|(?:process|job|worker|task) (?:appears to be |seems )?(?:hung|stuck)|heartbeat (?:timeout|timed out|missed)|Task was destroyed but it is pending)/i,
    title: 'Hang or deadlock detected',
    hypothesis:
      'Work stopped making progress (a collective that one rank never joined, a lock cycle, or a stuck worker) until a watchdog stopped it.',
    fix: 'Find the rank/thread that did not arrive (mismatched collectives, one rank crashing or on a different code path); take a stack dump while it hangs.',
    actions: [
      "Compare the ranks' last operations",
      'Dump stacks of the stuck process (py-spy dump)',
      'Check for one rank failing earlier',
    ],
  },
  {
    id: 'timeout.deadline',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.88,
    priority: 78,
    match:
      /(DEADLINE_EXCEEDED[^\n]{0,60}|DeadlineExceeded[^\n]{0,60}|context deadline exceeded[^\n]{0,60}|[Dd]eadline [Ee]xceeded|time limit (?:exceeded|reached)|TimeLimitExceeded|DUE TO TIME LIMIT|exceeded (?:the )?(?:maximum )?(?:execution|run|wall[- ]?clock) time|Task timed out after[^\n]{0,40}|activeDeadlineSeconds|Job (?:was )?(?:cancelled|terminated|killed)[^\n]{0,30}time ?limit)/,
    title: 'Deadline exceeded',
    hypothesis: 'The operation or job ran past its deadline or time limit.',
    fix: 'Find the slow step (trace the span timings); raise the deadline only if the work legitimately needs longer.',
    actions: ['Look at span durations to find the slow step', 'Set per-step deadlines below the overall one'],
  },
  {
    id: 'timeout.request',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'medium',
    confidence: 0.88,
    priority: 74,
    match:
      /(ReadTimeout(?:Error)?[^\n]{0,60}|ConnectTimeout(?:Error)?[^\n]{0,60}|Read timed out[^\n]{0,40}|Request timed out[^\n]{0,40}|request timeout[^\n]{0,40}|APITimeoutError[^\n]{0,40}|SocketTimeoutException[^\n]{0,60}|\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|timeout of \d{1,12} ?ms exceeded|httpx\.(?:Read|Connect|Pool|Write)Timeout|The read operation timed out|Connection timed out|connect timed out|TimeoutException[^\n]{0,60}|asyncio\.exceptions\.TimeoutError|concurrent\.futures\._base\.TimeoutError|Timeout(?:Error)?: [^\n]{0,80}|timed out after [\d.]{1,20} ?(?:s|ms|seconds|milliseconds)|Client\.Timeout exceeded)/i,
    resolve: resolveTimeout,
    title: 'Request timed out',
    hypothesis: "A call to a dependency did not answer within the client's timeout.",
    fix: "Check the dependency's latency at the failure time; retry with backoff; raise the timeout only for calls that legitimately take longer (e.g. long generations, use streaming).",
    actions: [
      "Compare the timeout setting with the dependency's latency",
      'Use streaming for long model calls',
      'Retry with backoff',
    ],
  },
  {
    id: 'timeout.generic',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'medium',
    confidence: 0.55,
    priority: 30,
    match: /\b((?:timed? ?out|timeout)\b[^\n]{0,60})/i,
    resolve: resolveTimeout,
    title: 'Timed out',
    hypothesis: 'Something timed out; the message does not say which call or why.',
    fix: 'Find the step that timed out and its limit; check the dependency it waited on.',
    actions: ['Find which call timed out in the surrounding log'],
  },
  // ───────────── robots ─────────────
  {
    id: 'robot.emergency_stop',
    category: 'hardware_fault',
    factor: 'emergency_stop',
    severity: 'high',
    confidence: 0.92,
    priority: 90,
    match:
      /(emergency[ _-]?stop[^\n]{0,40}|\be-?stop(?:ped)?\b[^\n]{0,40}|\bE-?STOP\b|\bEStop\b|protective[ _]stop|PROTECTIVE_STOP|safeguard[ _]stop|SAFEGUARD_STOP|safety stop|Robot is in emergency|emergency button|(?:user|external|safety|emergency) stop (?:button )?(?:was )?(?:pressed|activated|engaged|triggered)|stop button (?:was )?(?:pressed|engaged|activated))/i,
    title: 'Emergency or protective stop',
    hypothesis:
      'The robot was halted by an emergency/protective stop (a button, a safety controller or a collision detector), not by the policy.',
    fix: 'Check the safety controller log for what triggered the stop (operator, collision, joint limit) before blaming the policy.',
    actions: [
      'Read the safety controller / teach pendant log at that time',
      'Check for collisions or limit violations just before the stop',
    ],
  },
  {
    id: 'robot.battery_low',
    category: 'hardware_fault',
    factor: 'battery_low',
    severity: 'medium',
    confidence: 0.9,
    priority: 88,
    match:
      /(battery (?:level |charge |voltage )?(?:is )?(?:low|critical|critically low|empty|depleted)|low battery|battery_low|BATTERY_LOW|battery (?:below|under|at) \d{1,12}(?:\.\d{1,12})? ?%|brown-?out|under-?voltage|voltage (?:too )?low|Battery critical)/i,
    title: 'Battery low',
    hypothesis: 'The robot was running on a low battery; brownout degrades actuation, sensing and comms.',
    fix: 'Charge or swap the battery; gate episodes on a minimum charge level.',
    actions: ['Check the battery level at the start of the episode', 'Refuse to start episodes under a charge threshold'],
  },
  {
    id: 'robot.actuator_fault',
    category: 'hardware_fault',
    factor: 'actuator_fault',
    severity: 'high',
    confidence: 0.82,
    priority: 80,
    match:
      /(over-?current[^\n]{0,40}|over-?heat(?:ing|ed)?[^\n]{0,40}|Overload error|\[TxRxResult\] (?:There is no status packet|Incorrect status packet)[^\n]{0,20}|Hardware error[^\n]{0,60}|Input voltage error|(?:motor|servo|joint|actuator|drive|gripper) (?:\w{1,80} )?(?:fault|error|failure|overload|stall(?:ed)?)[^\n]{0,60}|encoder (?:error|fault|failure)[^\n]{0,40}|joint_position_limits_violation|joint_velocity_violation|cartesian_reflex|joint_reflex|joint_motion_generator[\w_]{0,40}|communication_constraints_violation|ERROR_OVERLOAD|torque (?:limit|error|too high)[^\n]{0,40}|motor stall|EtherCAT[^\n]{0,40}(?:error|fault))/i,
    title: 'Actuator fault',
    hypothesis: 'A motor, servo or joint reported a fault (overload, over-current, over-temperature, encoder or limit error).',
    fix: 'Inspect the named joint/motor: load, temperature, wiring and limits; clear the fault and re-home before the next run.',
    actions: ['Check the motor/joint diagnostics at the failure time', 'Look for collisions or excessive loads'],
  },
  {
    id: 'robot.sensor_fault',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.84,
    priority: 79,
    match:
      /((?:sensor|lidar|imu|camera|realsense|depth camera|encoder) (?:\w{1,80} )?(?:fault|error|failure|timeout|timed out|not (?:found|detected|responding|connected)|disconnected)[^\n]{0,40}|No (?:data|messages?|frames?|scans?) (?:received )?from (?:the )?(?:sensor|lidar|imu|camera)[^\n]{0,40}|Frames? didn'?t arrived? within[^\n]{0,20}|Cannot identify '\/dev\/video\d{1,3}'[^\n]{0,40}|No (?:imu|lidar|camera|scan|laser|image|pointcloud|point cloud|depth)(?: data| messages?| frames?| scans?| images?)? (?:received|published|arriving)[^\n]{0,40}|Frames? Timeout|Hardware Notification[^\n]{0,100}(?:Timeout|Error)|(?:lidar|imu|camera|realsense|sensor|laser|gps|gnss)[\w ]{0,30} (?:timed? ?out|timeout|stopped publishing|not publishing)[^\n]{0,40}|No RealSense devices were found|No (?:camera|sensor|device)s? (?:found|detected)|No (?!CUDA|GPU|NVIDIA)[\w-]{1,30}(?: [\w-]{1,30})? devices? (?:were )?(?:connected|found|detected)[^\n]{0,20}|failed to (?:open|read from|connect to) (?:the )?(?:camera|sensor|lidar|imu|device)[^\n]{0,40}|Cannot open (?:camera|device)[^\n]{0,40}|Couldn'?t open (?:the )?(?:camera|device)[^\n]{0,40}|VIDIOC_\w{1,80}[^\n]{0,40}|\/dev\/video\d[^\n]{0,40}(?:error|fail|busy)|(?:IMU|Lidar|LiDAR|Camera) (?:failed|error|timeout))/i,
    title: 'Sensor fault',
    hypothesis:
      'A sensor (camera, lidar, IMU, encoder) stopped delivering data or could not be opened, so the policy acted on missing or stale observations.',
    fix: "Check the sensor's cable, power and driver; add a watchdog that stops the episode when a sensor stream goes stale.",
    actions: ["Check the sensor's topic rate and driver log", 'Reseat/replace the cable; check USB bandwidth'],
  },
  {
    id: 'robot.sensor_timeout',
    category: 'hardware_fault',
    factor: 'sensor_fault',
    severity: 'high',
    confidence: 0.78,
    priority: 72,
    match:
      /((?:operation |read |device )?(?:timed?[ -]?out|timeout)\b[^\n]{0,60}|RESULT_OPERATION_TIMEOUT|(?:did not|didn'?t|does not|doesn'?t|failed to) respond[^\n]{0,40}|(?:cannot|can'?t|could not|failed to|unable to) (?:bind|open|connect) to (?:the )?(?:specified )?(?:serial )?(?:port|device)[^\n]{0,40}|not responding[^\n]{0,40}|no response from (?:the )?(?:device|sensor)[^\n]{0,40})/i,
    also: SENSOR_CONTEXT,
    title: 'Sensor not answering (timeout or unreachable device)',
    hypothesis:
      'A sensor driver (lidar, camera, IMU, GPS) timed out waiting for its device or could not reach it, so the robot ran without that sensor; a timeout in a sensor driver is a hardware/connection fault of the sensor, not a slow network call.',
    fix: "Check the sensor's power, cable/USB port and baud rate, and that no other process holds the device; restart the driver and add a watchdog on the sensor topic rate.",
    actions: [
      "Check the sensor's power and cable, and the device path/baud rate the driver uses",
      'Check the driver log and the topic rate (ros2 topic hz) around the failure',
      'Stop the episode when a sensor stream goes stale',
    ],
  },
  {
    id: 'ros.package_not_found',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.86,
    priority: 80,
    match:
      /(package '[\w-]{1,80}' not found(?:, searching)?[^\n]{0,40}|PackageNotFoundError: [^\n]{0,80}|\[rospack\] Error: (?:package|stack) '?[\w-]{1,80}'? not found|Package '[\w-]{1,80}' not found|ResourceNotFound: [\w-]{1,80})/,
    title: 'ROS package not found on the package path',
    hypothesis:
      'The launch or run refers to a ROS package that is not on the sourced workspace path: the workspace that holds it was not built or not sourced (install/setup.bash), or the package name is wrong.',
    fix: 'Build the package (colcon build / catkin build) and source the workspace that contains it in the shell or container that launches the robot.',
    actions: [
      'Check `ros2 pkg prefix <package>` (ROS 1: `rospack find`) in the launching environment',
      'Source the overlay workspace in the launch script/container entrypoint',
    ],
  },
  {
    id: 'ros.tf_frame_missing',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.78,
    priority: 74,
    match:
      /(passed to lookupTransform argument (?:target|source)_frame does not exist|"[\w/-]{1,80}" passed to (?:lookupTransform|canTransform) argument \w{1,20} does not exist|[Ff]rame (?:\[|\[?')?[\w/-]{1,80}'?\]? does not exist|Invalid frame ID "[\w/-]{1,80}" passed to)/,
    title: 'A TF frame the node asks for does not exist',
    hypothesis:
      'A node looks up a transform to a frame that is not in the TF tree: the frame name in its configuration does not match the robot description, or the publisher of that frame is not running.',
    fix: 'Set the frame parameter to a frame that exists (view_frames / tf2_echo), or start the node that publishes it (robot_state_publisher, a static transform).',
    actions: [
      'List the TF tree (ros2 run tf2_tools view_frames)',
      'Compare the frame names in the launch parameters with the URDF',
    ],
  },
  {
    id: 'ros2_control.interfaces',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.8,
    priority: 75,
    match:
      /(None of requested interfaces exist[^\n]{0,40}|(?:command|state) interface[^\n]{0,60}(?:does not exist|is not available|not found)|Not existing (?:command|state) interface[^\n]{0,60}|Could not find (?:command|state) interface[^\n]{0,60})/i,
    title: 'Controller interfaces do not match the hardware',
    hypothesis:
      'A ros2_control controller asks for command/state interfaces the hardware description does not export: the controller configuration and the URDF/ros2_control tags disagree (joint names, interface types).',
    fix: 'Make the controller YAML (joints, interfaces) match the <ros2_control> tags of the robot description.',
    actions: [
      'Compare `ros2 control list_hardware_interfaces` with the controller parameters',
      'Check joint names and interface types in the URDF and the controller YAML',
    ],
  },
  {
    id: 'robot.no_motion_plan',
    category: 'policy_failure',
    factor: 'task_not_achieved',
    severity: 'medium',
    confidence: 0.76,
    priority: 73,
    match:
      /(No motion plan found[^\n]{0,40}|Unable to solve the planning problem|PLANNING_FAILED|Motion planning failed[^\n]{0,40}|MoveItErrorCode[^\n]{0,30}(?:PLANNING_FAILED|NO_IK_SOLUTION|-1\b)|No IK solution[^\n]{0,40}|Failed to compute a plan[^\n]{0,40}|planner returned no (?:valid )?plan)/i,
    title: 'The motion planner found no plan',
    hypothesis:
      "The arm's planner could not find a collision-free path to the goal pose (unreachable goal, collision with the scene, too little planning time or a poor start state), so the step was not achieved.",
    fix: 'Check that the goal is reachable and not in collision (the planning scene), allow more planning time or attempts, or add an approach pose; treat a planning failure as a task outcome with a retry policy.',
    actions: [
      'Visualise the goal pose and the planning scene (RViz) at the failing step',
      'Log the planner, planning time and goal for each failed plan',
    ],
  },
  {
    id: 'ros2_control.component_exception',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.72,
    priority: 69,
    match:
      /(Exception of type : \S{1,80} thrown during (?:read|write|activation|configuration|init) of the component '[\w-]{1,80}'[^\n]{0,60})/,
    title: 'A hardware component threw an exception',
    hypothesis:
      'The hardware-interface plugin threw a C++ exception during its read/write cycle, so the controller manager deactivated it: a software error in the driver (its message says which state it was in), not necessarily a physical fault.',
    fix: "Read the exception message and the driver's state machine at that moment (e.g. writing after control stopped); fix the sequencing in the plugin or the order of controller switches.",
    actions: [
      "Read the exception message and the component's last state transitions",
      "Check the driver's issue tracker for the message",
    ],
  },
  {
    id: 'ros.master_unreachable',
    category: 'network_error',
    factor: 'connection_refused',
    severity: 'high',
    confidence: 0.85,
    priority: 78,
    match:
      /(Unable to (?:communicate|register) with (?:the )?master[^\n]{0,40}|Failed to contact master at[^\n]{0,60}|\[master\] is not running|Couldn'?t find an AF_INET address for[^\n]{0,40}|ROS_MASTER_URI[^\n]{0,60}(?:refused|unreachable|not reachable))/i,
    title: 'The ROS master cannot be reached',
    hypothesis:
      'The node could not reach the ROS master (roscore) at ROS_MASTER_URI: it is not running, or ROS_MASTER_URI / ROS_IP point somewhere else.',
    fix: 'Start roscore (or the launch that starts it) before the node, and check ROS_MASTER_URI and ROS_IP/ROS_HOSTNAME on both machines.',
    actions: ['Check that roscore is running and reachable at ROS_MASTER_URI', 'Check ROS_IP / ROS_HOSTNAME on each host'],
  },
  {
    id: 'rt.shape_mismatch',
    category: 'runtime_error',
    factor: 'value_error',
    severity: 'high',
    confidence: 0.8,
    priority: 63,
    match:
      /(mat1 and mat2 shapes cannot be multiplied[^\n]{0,60}|The size of tensor a \(\d{1,9}\) must match the size of tensor b[^\n]{0,60}|shapes? [^\n]{0,40} (?:are )?(?:not aligned|incompatible)[^\n]{0,40}|Incompatible shapes: [^\n]{0,60}|operands could not be broadcast together[^\n]{0,60}|Dimensions must be equal[^\n]{0,60})/,
    title: 'Tensor shapes do not fit',
    hypothesis:
      "Two tensors/arrays reached an operation with shapes that do not fit (a layer's input size, a reshape or a batch dimension); a bug in the model code or its configuration, not in the data.",
    fix: 'Print the shapes entering the failing operation; fix the layer size or the reshape that produces the wrong one.',
    actions: ['Print the shapes at the failing line', "Check the layer's in_features against the previous layer's output"],
  },
  {
    id: 'verify.scenario_failed',
    category: 'verification_failure',
    factor: 'scenario_failed',
    severity: 'high',
    confidence: 0.8,
    priority: 71,
    match:
      /(Failing Scenarios:[^\n]{0,60}|\d{1,6} scenarios? \([^\n)]{0,40}\d{1,6} failed[^\n]{0,40}|Scenario(?: Outline)?: [^\n]{1,80}\s{1,10}(?:FAILED|✗|✘)|scenario [`'"][^`'"\n]{1,80}[`'"] failed)/i,
    title: 'A verification scenario failed',
    hypothesis:
      'A scenario of the acceptance / verification suite failed: the behaviour it checks is not met by this build or candidate.',
    fix: 'Open the failing scenario and its step output; decide whether the candidate regressed or the scenario needs updating.',
    actions: ['Read the failing step of the scenario', 'Compare with the last passing run of the same scenario'],
  },
  // ───────────── data ─────────────
  {
    id: 'data.nan',
    category: 'data_error',
    factor: 'nan_or_inf',
    severity: 'high',
    confidence: 0.9,
    priority: 83,
    match:
      /(loss (?:is|became|=|:) ?nan|\bloss[ \t]{1,20}nan\b|nan loss|NaN or Inf|contains NaN|Input contains (?:NaN|infinity)|infinity or a value too large|non-finite (?:loss|values?)|Detected (?:NaN|inf)|NaN values? (?:found|detected|in)|nan detected|Function '\w{1,80}' returned nan|Found Inf or NaN|Loss became (?:NaN|infinite)|loss[=:] ?nan|gradient overflow|inf or nan|NaN encountered|encountered NaN|\b(?:outputs?|loss(?:es)?|grad(?:ient)?s?|logits|weights?|predictions?|activations?|tensors?)\b[^\n]{0,20}\b(?:is|are|became|become|has|have|contains?) (?:a |an )?(?:nan|inf)\b)/i,
    title: 'NaN or Inf in the data or loss',
    hypothesis: 'A NaN or infinite value appeared (bad input data, a too-high learning rate, or an overflow in mixed precision).',
    fix: 'Check inputs for NaN/Inf, lower the learning rate, add gradient clipping, and use loss scaling in mixed precision.',
    actions: [
      'Scan the input batch for NaN/Inf',
      'Lower the learning rate / clip gradients',
      'Enable anomaly detection to find the first NaN op',
    ],
  },
  {
    id: 'data.corrupt',
    category: 'data_error',
    factor: 'corrupt_input',
    severity: 'high',
    confidence: 0.84,
    priority: 73,
    match:
      /(UnicodeDecodeError[^\n]{0,100}|invalid load key[^\n]{0,40}|not a zip file|BadZipFile[^\n]{0,40}|image file is truncated|truncated file|cannot identify image file[^\n]{0,60}|UnpicklingError[^\n]{0,60}|corrupt(?:ed)? (?:file|data|input|image|archive|record|checkpoint)[^\n]{0,40}|file (?:is |appears )?corrupt(?:ed)?|Invalid (?:magic number|header)[^\n]{0,40}|unexpected end of file|Premature end of[^\n]{0,40}|checksum mismatch|CRC (?:check )?(?:failed|error|mismatch)|Error tokenizing data[^\n]{0,60}|DecompressionError|invalid or corrupt[^\n]{0,40}|EOFError: Ran out of input|(?:malformed|invalid) (?:record|row|input file|data file)[^\n]{0,40}|DataLossError[^\n]{0,60}|PytorchStreamReader failed[^\n]{0,60})/i,
    title: 'Corrupt or unreadable input',
    hypothesis: 'An input file or record could not be read: it is corrupt, truncated or in an unexpected encoding/format.',
    fix: 'Find the offending file (the path in the error), re-download or regenerate it, and validate inputs (checksums) before use.',
    actions: [
      'Locate the file named in the error and check its size/checksum',
      'Skip or quarantine unreadable records instead of failing the run',
    ],
  },
  {
    id: 'data.empty',
    category: 'data_error',
    factor: 'empty_input',
    severity: 'high',
    confidence: 0.8,
    priority: 71,
    match:
      /(num_samples=0|No objects to concatenate|EmptyDataError[^\n]{0,40}|No columns to parse from file|Found array with 0 sample|(?:dataset|dataframe|input|batch|file|list|sequence) (?:is )?empty|empty (?:DataFrame|dataset|input|file|batch|sequence)|contains no (?:data|samples|rows|records)|zero-size array to reduction|max\(\) arg is an empty sequence|min\(\) arg is an empty sequence|no (?:training |input )?(?:data|samples|examples) (?:found|available)|0 (?:samples|examples|records) (?:found|loaded))/i,
    title: 'Empty input',
    hypothesis: 'The run received no data (an empty file, a filter that removed everything, or a wrong path/glob).',
    fix: 'Check the data path/glob and any filters; fail early with a clear message when the input is empty.',
    actions: ['Check that the input path matches files', 'Log the number of records loaded'],
  },
  {
    id: 'data.missing_field',
    category: 'data_error',
    factor: 'missing_field',
    severity: 'high',
    confidence: 0.75,
    priority: 69,
    match:
      /(missing (?:required )?(?:field|column|key)s?[^\n]{0,60}|KeyError: "?\[?'[^'\n]{1,60}'\]? not in index"?|(?:column|field)s? [`'"]?[\w .-]{1,60}[`'"]? (?:not found|does not exist|is missing)|Column not found[^\n]{0,60}|not in index|no such column[^\n]{0,60}|has no column named[^\n]{0,40}|MissingFieldException[^\n]{0,100}|Field '[^'\n]{1,60}' is required for type[^\n]{0,60}|Missing required creator property[^\n]{0,60}|\b(?:field|column|attribute|property) (?:is |was |are )?missing\b[^\n]{0,40})/i,
    title: 'Record or column missing a required field',
    hypothesis: 'The data lacks a field/column the code expects (a schema change upstream or a wrong dataset).',
    fix: "Check the dataset schema against the code's expectations; map or rename the column, or fix the producer.",
    actions: ['Print the columns/keys of the input', 'Validate the data schema at load time'],
  },
  // ───────────── configuration and files ─────────────
  {
    id: 'config.file_not_found',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.88,
    priority: 68,
    match:
      /(FileNotFoundError[^\n]{0,120}|No such file or directory[^\n]{0,60}|\bENOENT\b[^\n]{0,80}|FileNotFoundException[^\n]{0,100}|NoSuchFileException[^\n]{0,100}|cannot find the (?:file|path) specified|(?:file|path|directory|folder|checkpoint) [^\n]{0,80} does not exist|does not appear to have a file named[^\n]{0,60}|Can't load (?:tokenizer|config|the model|weights)[^\n]{0,60}|open [^\n]{0,80}: no such file|Could not find (?:file|the file)[^\n]{0,60}|OSError: [^\n]{0,60}is not a (?:valid )?(?:local folder|directory))/i,
    title: 'A file or path was not found',
    hypothesis: 'The run expects a file or directory (config, checkpoint, dataset, model) at a path where there is none.',
    fix: 'Check the configured path (relative vs absolute, the working directory, mounted volumes) and that the file was produced/uploaded.',
    actions: [
      'Check the path in the error against what exists in the runtime',
      'Make paths absolute or relative to a known root',
    ],
  },
  {
    id: 'config.invalid',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.78,
    priority: 63,
    match:
      /(Invalid (?:configuration|config|setting)s?[^\n]{0,80}|ConfigurationError[^\n]{0,80}|ConfigError[^\n]{0,80}|InvalidConfig[^\n]{0,60}|misconfigur(?:ed|ation)[^\n]{0,60}|(?:Unknown|unrecognized|unsupported) (?:config|configuration|setting)(?: key| option| value)?[^\n]{0,60}|Config validation[^\n]{0,60}|invalid value [^\n]{0,60} for (?:option|setting|flag|config)[^\n]{0,40}|ConfigAttributeError[^\n]{0,60}|ConfigKeyError[^\n]{0,60}|MissingMandatoryValue[^\n]{0,60}|InterpolationResolutionError[^\n]{0,60}|TomlDecodeError[^\n]{0,60}|could not parse (?:config|configuration)[^\n]{0,60}|Error in configuration[^\n]{0,60}|Failed to bind properties under[^\n]{0,80}|Binding to target [^\n]{0,80} failed|Could not override '[^'\n]{1,80}'[^\n]{0,40}|Key '[^'\n]{1,80}' is not in struct|ConfigCompositionException[^\n]{0,60})/i,
    title: 'Invalid configuration',
    hypothesis: 'A setting has a value the program does not accept, or the configuration is inconsistent.',
    fix: 'Correct the setting named in the message; validate configuration at start-up.',
    actions: ['Check the named setting against the documented values', 'Validate config in CI'],
  },
  // ───────────── upload ─────────────
  {
    id: 'upload.object_storage',
    category: 'upload_error',
    factor: 'object_storage_upload',
    severity: 'high',
    confidence: 0.86,
    priority: 79,
    match: OBJECT_UPLOAD_FAILED,
    title: 'Upload to object storage failed',
    hypothesis:
      'The run finished, but its data could not be shipped to object storage; the cause (credentials, bucket policy, connectivity, object size) is in the storage error, not in the policy or model.',
    fix: "Check the uploader's credentials and bucket policy (a 403/InvalidAccessKeyId/SignatureDoesNotMatch), connectivity and object size limits; retry the upload (multipart for large files).",
    actions: [
      'Read the storage error code (AccessDenied, InvalidAccessKeyId, SignatureDoesNotMatch, EntityTooLarge, a reset)',
      "Check the uploader's credentials, bucket policy and reachability",
      'Retry with multipart upload and backoff; keep a local copy until the upload is confirmed',
    ],
  },
  // ───────────── logic ─────────────
  {
    id: 'logic.below_baseline',
    category: 'logic_error',
    factor: 'below_baseline',
    severity: 'low',
    confidence: 0.85,
    priority: 75,
    match:
      /((?:is |was )?not better than[^\n]{0,80}|no better than[^\n]{0,60}|worse than (?:the )?baseline[^\n]{0,40}|below (?:the )?(?:baseline|threshold)[^\n]{0,40}|did not (?:improve|beat|outperform)[^\n]{0,60}|failed to (?:beat|outperform|improve (?:on|over))[^\n]{0,40}|(?:score|accuracy|metric|reward|psnr|bleu|f1)[^\n]{0,40}(?:below|under|lower than) (?:the )?(?:threshold|baseline|target|required)[^\n]{0,40}|underperform(?:s|ed)? (?:the )?baseline|(?:does|did|do) not perform (?:better|as well)[^\n]{0,60}|not (?:performing|performed) better[^\n]{0,60}|no improvement over (?:the )?(?:baseline|current|previous|production|champion)[^\n]{0,40})/i,
    title: 'Result not better than the baseline',
    hypothesis: 'The run completed, but its result did not beat the baseline or threshold it is judged against.',
    fix: "Compare the candidate's metrics with the baseline's; revisit the approach rather than the code.",
    actions: ['Compare candidate and baseline metrics side by side', 'Check the evaluation threshold is the intended one'],
  },
  {
    id: 'logic.not_close',
    category: 'logic_error',
    factor: 'wrong_output',
    severity: 'medium',
    confidence: 0.88,
    priority: 78,
    match:
      /(Tensor-likes are not (?:close|equal)[^\n]{0,40}|Scalars are not (?:close|equal)[^\n]{0,40}|Not equal to tolerance[^\n]{0,60}|Arrays are not (?:almost )?equal[^\n]{0,60}|Mismatched elements: \d{1,12} ?\/ ?\d{1,12}[^\n]{0,40}|Greatest (?:absolute|relative) difference[^\n]{0,60}|(?:values|results|outputs|tensors|arrays) (?:are |were )?not (?:all ?close|close enough|within tolerance)[^\n]{0,40}|golden (?:output |value |result )?mismatch[^\n]{0,60}|!= [^\n]{1,40} within \d{1,3} places[^\n]{0,40}|== [^\n]{1,40} ± [\d.e+-]{1,20}|(?:max(?:imum)?|mean)[ _](?:abs(?:olute)?[ _]|rel(?:ative)?[ _])?(?:diff|difference|error)[^\n]{0,40}(?:exceeds|above|greater than|>) (?:the )?tol(?:erance)?)/i,
    title: 'Numbers differ from the reference beyond the tolerance',
    hypothesis:
      'The program ran, but its numerical result is not close to the reference (golden values, another implementation) within the allowed tolerance: a wrong result, not a crash.',
    fix: 'Look at where the mismatching elements are and how large the difference is: a few elements at rounding size suggest precision/accumulation order; a systematic difference points to a wrong computation.',
    actions: [
      'Read the number of mismatching elements and the greatest absolute/relative difference',
      'Compare against the reference at higher precision (float64) to separate rounding from a real bug',
      'Check whether the tolerance matches the dtype (fp16/bf16 need looser bounds)',
    ],
  },
  {
    id: 'logic.wrong_output',
    category: 'logic_error',
    factor: 'wrong_output',
    severity: 'low',
    confidence: 0.72,
    priority: 65,
    match:
      /(Expected:? [^\n]{1,80}\n[ \t]{0,40}(?:Actual|Received|But was|Got):? [^\n]{0,80}|expected [^\n]{1,60} (?:to equal|to be|to deep equal|but (?:got|was|received|found))[^\n]{0,60}|expect\(received\)\.\w{1,80}\(expected\)|Wrong (?:answer|output|result)[^\n]{0,60}|incorrect (?:output|result|answer)[^\n]{0,60}|output mismatch[^\n]{0,60}|does not match (?:the )?expected[^\n]{0,60}|Expected \S{1,60}, (?:got|but got) \S{1,60}|AssertionError: (?:assert )?[^\n]{1,60} (?:==|!=) [^\n]{1,60}|Arrays are not (?:almost )?equal|Mismatched elements|Not equal to tolerance|(?:actual|output|stdout|stderr|result)[^\n]{0,30} differs? from (?:the )?expected[^\n]{0,40}|\b(?:value|values|metrics?|results?|score|output)s? (?:is |are )?different from (?:the )?expected[^\n]{0,40}|differs? from (?:the )?(?:golden|reference|snapshot)[^\n]{0,40}|does not match (?:the )?(?:golden|reference|snapshot)[^\n]{0,40}|failed to match\. Was [^\n]{1,40}\. Should (?:be|have been) [^\n]{1,40}|\bwas [^\n]{1,30}, (?:but )?should (?:be|have been) [^\n]{1,40})/i,
    unless: anyOf(
      /ERR_INVALID_ARG_TYPE|argument must be|invalid_request_error|BadRequestError|INVALID_ARGUMENT/i,
      SCENARIO_VERDICT,
    ),
    title: 'Output differs from what was expected',
    hypothesis: 'The program ran, but its output did not match the expected result.',
    fix: 'Diff expected and actual output; find the first step where they diverge.',
    actions: ['Diff expected vs actual', 'Add a smaller test that isolates the wrong step'],
  },
  // ───────────── runtime exceptions ─────────────
  {
    id: 'rt.division_by_zero',
    category: 'runtime_error',
    factor: 'division_by_zero',
    severity: 'high',
    confidence: 0.95,
    priority: 77,
    match:
      /(ZeroDivisionError[^\n]{0,80}|ArithmeticException: \/ by zero|integer divide by zero|DivideByZeroException|division by zero|divide by zero)/i,
    title: 'Division by zero',
    hypothesis: 'A value used as a divisor was zero (often an empty count or a zero-length input).',
    fix: 'Guard the division (empty inputs, zero counts) and decide what the result should be in that case.',
    actions: ['Find the divisor at the reported line and why it is zero'],
  },
  {
    id: 'rt.null_reference',
    category: 'runtime_error',
    factor: 'null_reference',
    severity: 'high',
    confidence: 0.9,
    priority: 72,
    match:
      /(AttributeError: 'NoneType' object has no attribute[^\n]{0,60}|'NoneType' object is not (?:subscriptable|iterable|callable)|(?:java\.lang\.)?NullPointerException[^\n]{0,100}|Cannot (?:read|set) propert(?:y|ies) (?:'[^'\n]{0,80}' |"[^"\n]{0,80}" )?of (?:undefined|null)[^\n]{0,60}|Cannot destructure property [^\n]{0,60} of '?(?:undefined|null)|UninitializedPropertyAccessException[^\n]{0,80}|lateinit property \w{1,80} has not been initialized|Parameter specified as non-null is null[^\n]{0,60}|null cannot be cast to non-null type[^\n]{0,60}|NullReferenceException|Unexpectedly found nil while (?:implicitly )?unwrapping|called `Option::unwrap\(\)` on a `None` value|(?:undefined|null) is not an object[^\n]{0,60}|invalid memory address or nil pointer dereference|nil pointer dereference|Object reference not set to an instance|NoneType[^\n]{0,40}has no attribute|KotlinNullPointerException|null reference)/i,
    title: 'Null/None dereference',
    hypothesis:
      'The code used a value that was None/null/undefined as if it were set (a missing result, an unset field or a failed lookup).',
    fix: 'Find where the value should have been set and handle the missing case explicitly.',
    actions: [
      'Find the variable at the reported line and why it is empty',
      'Handle the None/null case where the value is produced',
    ],
  },
  {
    id: 'rt.index_error',
    category: 'runtime_error',
    factor: 'index_error',
    severity: 'high',
    confidence: 0.9,
    priority: 70,
    match:
      /(IndexError: [^\n]{0,100}|(?:ArrayIndexOutOfBounds|StringIndexOutOfBounds|IndexOutOfBounds)Exception[^\n]{0,80}|index out of range[^\n]{0,60}|index [\d-]{1,20} is out of bounds[^\n]{0,60}|list index out of range|RangeError: (?:Invalid array length|Index out of range|offset is out of bounds)[^\n]{0,40}|slice bounds out of range[^\n]{0,40})/i,
    title: 'Index out of range',
    hypothesis: 'The code indexed past the end of a list/array (an empty or shorter collection than assumed).',
    fix: "Check the collection's length before indexing; find why it is shorter than expected.",
    actions: ['Log the length and the index at the failing line'],
  },
  {
    id: 'rt.key_error',
    category: 'runtime_error',
    factor: 'key_error',
    severity: 'high',
    confidence: 0.8,
    priority: 66,
    match: /(KeyError: [^\n]{1,100}|NoSuchElementException: key not found[^\n]{0,60}|key not found: [^\n]{0,60})/,
    // The failing line indexes a loaded dataset / annotation / record: the data lacks a field.
    resolve: (ctx) => {
      const at = ctx.text.lastIndexOf('KeyError');
      if (at < 0) return null;
      const before = ctx.text.slice(Math.max(0, at - 600), at);
      if (TOOL_TABLE_LOOKUP.test(before)) return { as: 'tool.not_found' };
      return DATA_RECORD_INDEX.test(before) ? { as: 'data.missing_field' } : null;
    },
    title: 'Missing key $1',
    hypothesis: 'The code looked up a key that is not in the dictionary/map.',
    fix: 'Check which keys exist at that point; use .get with a default or fix the producer of the mapping.',
    actions: ['Print the available keys at the failing line'],
  },
  {
    id: 'rt.assertion',
    category: 'runtime_error',
    factor: 'assertion_failed',
    severity: 'high',
    confidence: 0.8,
    priority: 64,
    match:
      /(AssertionError[^\n]{0,100}|assertion failed[^\n]{0,80}|Assertion [`'"]?[^\n]{1,80}[`'"]? failed|AssertionFailedError[^\n]{0,80}|device-side assert triggered|Assertion `[^\n]{1,80}` failed|panic: assertion)/i,
    // An assertion inside a failed acceptance scenario: the scenario's verdict is the reading.
    unless: SCENARIO_VERDICT,
    title: 'Assertion failed',
    hypothesis: 'An assertion in the code (or a library) found a state it considers impossible.',
    fix: 'Read the asserted condition and find which input or earlier step violated it.',
    actions: [
      'Read the assertion and its values',
      'For CUDA device-side asserts, rerun with CUDA_LAUNCH_BLOCKING=1 to find the op',
    ],
  },
  {
    id: 'rt.type_error',
    category: 'runtime_error',
    factor: 'type_error',
    severity: 'high',
    confidence: 0.8,
    priority: 62,
    match:
      /(TypeError: [^\n]{0,140}|ClassCastException[^\n]{0,100}|interface conversion: [^\n]{0,80}|InvalidCastException[^\n]{0,80}|is not a function[^\n]{0,40})/,
    resolve: (ctx, site) =>
      (ctx.kind === 'trace' || ctx.tool || ctx.agent) && CALL_ARGS_MISMATCH.test(lineOf(site))
        ? { as: 'tool.invalid_args' }
        : null,
    title: 'Type error',
    hypothesis: 'A value of the wrong type reached an operation (a wrong argument, an API change, or an unexpected None).',
    fix: 'Check the types at the failing call and where the value comes from.',
    actions: ['Print the types of the arguments at the failing line'],
  },
  {
    id: 'rt.value_error',
    category: 'runtime_error',
    factor: 'value_error',
    severity: 'high',
    confidence: 0.78,
    priority: 56,
    match:
      /(ValueError: [^\n]{0,140}|NumberFormatException[^\n]{0,80}|strconv\.\w{1,80}: parsing[^\n]{0,60}|invalid literal for int\(\)[^\n]{0,60}|could not convert string to float[^\n]{0,60})/,
    title: 'Invalid value',
    hypothesis: 'An operation received a value of the right type but an unacceptable content (a shape, range or format).',
    fix: 'Check the value at the failing line and where it is produced.',
    actions: ['Log the offending value and its source'],
  },
  {
    id: 'rt.stack_overflow',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.8,
    priority: 55,
    match: /(Maximum call stack size exceeded|StackOverflowError|stack overflow|goroutine stack exceeds)/i,
    title: 'Stack overflow',
    hypothesis: 'Unbounded recursion exhausted the call stack.',
    fix: 'Find the recursive call without a base case.',
    actions: ['Look for the repeating frames in the stack trace'],
  },
  {
    id: 'rt.unhandled',
    category: 'runtime_error',
    factor: 'unhandled_exception',
    severity: 'high',
    confidence: 0.55,
    priority: 22,
    match:
      /((?!Error: Process completed with exit code)(?:RuntimeError|Exception|Error|panic|UnhandledPromiseRejection\w{0,80}|Uncaught \w{1,80}|Unhandled exception|Exception in thread "[^"\n]{1,40}" [\w.$]{1,100}|fatal error|\b[A-Z][\w.]{0,80}(?:Error|Exception)): [^\n]{1,120}|Traceback \(most recent call last\))/,
    title: 'Unhandled exception',
    hypothesis: 'The program raised an exception that nothing caught; the message names it but no more specific pattern applies.',
    fix: "Read the exception and the top frame of the program's own code in the stack trace.",
    actions: ['Open the stack trace at the first frame in your own code'],
  },
  // ───────────── early stops ─────────────
  {
    id: 'abort.manual',
    category: 'aborted',
    factor: 'manual_abort',
    severity: 'low',
    confidence: 0.75,
    priority: 45,
    match:
      /(KeyboardInterrupt|(?:cancelled|canceled|aborted|stopped|terminated) by (?:the )?(?:user|operator)|manually (?:aborted|stopped|cancelled|canceled|killed)|received SIGINT|Job (?:was )?cancel(?:l)?ed by|The operation was cancell?ed\.?|\*\*\* (?:JOB|STEP) [\d.]{1,20} ON \S{1,60} CANCELLED AT|Job [\w-]{1,80} was cancell?ed|InterruptException)/i,
    title: 'Run stopped by hand',
    hypothesis: 'Someone stopped the run (Ctrl-C, a cancel button or a kill), so there is no failure inside it to fix.',
    fix: 'Confirm who stopped it and why; nothing to fix in the code if the stop was intended.',
    actions: ['Check who cancelled the run'],
  },
];

export const PATTERN_BY_ID = new Map(PATTERNS.map((p) => [p.id, p]));
