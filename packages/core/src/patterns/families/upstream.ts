/** Patterns: rate limits and upstream. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import { nearby, OVERLOADED, resolveServerError } from '../resolvers.js';

/** OpenAI's wording of its own 500, whatever class the SDK raised it as. */
const SERVER_HAD_ERROR = /The server had an error (?:while )?processing your request/;

import type { Pattern } from '../types.js';

export const UPSTREAM: Pattern[] = [
  {
    id: 'llm.overloaded',
    category: 'upstream_error',
    factor: 'model_overloaded',
    severity: 'medium',
    confidence: 0.92,
    priority: 85,
    // Vertex AI's RESOURCE_EXHAUSTED "temporarily out of capacity" is overload, not a quota (rule 10);
    // so is Google's 503 "No capacity available for model" (ErrorInfo reason MODEL_CAPACITY_EXHAUSTED).
    // A provider's "server is busy" with its advice to retry later (DeepSeek's "The server is busy. Please
    // try again later.", its "search service is busy. Please disable search or try again in a few
    // minutes."; agent-19 DeepSeek-V3, agent-21 DeepSeek-R1: both model_overloaded): the same overload. DeepSeek's
    // sentences, not the words: "busy" with retry advice is any server's (a license server's "The license server
    // is busy. Please try again later.", a UR dashboard server's "busy, please retry"), and an action server or a
    // device "busy" with another goal is no provider's capacity (review19 F1).
    // New API's (the one-api gateway fork) "当前分组上游负载已饱和，请稍后再试" ("the group's upstream load is
    // saturated, try again later", agent-18 AIxVuln_Web, model_overloaded) says the same, even in its 429.
    match: new RegExp(
      `${OVERLOADED.source}|(?:service|model|region) is temporarily out of capacity|No capacity available for (?:the )?model|MODEL_CAPACITY_EXHAUSTED|(?:^|\\n|["'“”:>]\\s?)The server is busy\\. Please try again later\\.|\\bsearch service is busy\\. Please disable search or try again|上游负载已饱和`,
      'i',
    ),
    title: 'Model provider overloaded',
    hypothesis: 'The provider is temporarily out of capacity for this model and rejected the request.',
    fix: 'Retry with exponential backoff and jitter; fall back to another model or region when overload persists.',
    actions: ['Retry with backoff', 'Configure a fallback model/provider'],
  },
  {
    id: 'rate.daily_limit',
    // A rate limit counted per day ("Rate limit reached for gpt-3.5-turbo … on requests per day.
    // Limit: 200 / day", RPD, "Too many tokens per day"): waiting a minute does not help, the daily
    // allowance is spent (rule 10 of docs/taxonomy.md: a daily, billing or capacity quota is
    // resource_error/quota_exceeded). Above rate.limit, which reads the same RateLimitError.
    category: 'resource_error',
    factor: 'quota_exceeded',
    severity: 'high',
    confidence: 0.8,
    priority: 82,
    needs: ['per day', '/ day', 'rpd', 'daily'],
    match:
      /((?:rate limit|RateLimitError|Too many|Limit)[^\n]{0,160}\b(?:requests|tokens) per day\b[^\n]{0,60}|\b(?:requests|tokens) per day \(RPD\)[^\n]{0,60}|Limit: [\d,]{1,12} \/ day\b[^\n]{0,40}|(?:daily|per-day) (?:request|token|rate) limit (?:reached|exceeded)[^\n]{0,40})/i,
    title: 'Daily request or token quota spent',
    hypothesis:
      "The key's allowance per day (requests or tokens) is used up: the provider refuses until the day's window resets, so retrying with a short backoff does not help.",
    fix: "Wait for the daily window to reset, raise the account's tier or add billing to lift the daily limit, or spread the load over the day (batch, cache results).",
    actions: ["Check the account's daily limits and usage on the provider's dashboard", 'Add billing or raise the tier'],
  },
  {
    id: 'rate.limit',
    category: 'rate_limit',
    factor: 'provider_rate_limit',
    severity: 'medium',
    confidence: 0.9,
    priority: 81,
    // S3's (and GCS', MinIO's) SlowDown is a CamelCase error code, in its SDKs' forms: boto's "An error
    // occurred (SlowDown)", the XML "<Code>SlowDown</Code>", Go v2's "api error SlowDown:", Java's "Error
    // Code: SlowDown", a JSON "SlowDown"; and its message "Please reduce your request rate" wherever it
    // stands. Not the bare word: the regex is case-insensitive, and a navigation log's "Goal slowdown:"
    // is a controller easing to its goal (robotics-30c).
    match:
      /(RateLimitError[^\n]{0,80}|Rate limit (?:reached|exceeded)[^\n]{0,80}|rate_limit_exceeded|rate[_ -]limit(?:ed|ing)?\b[^\n]{0,60}|Too Many Requests|(?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|status code|code)["']?[:= ]{0,3}429\b|\b429\b[^\n]{0,40}(?:Too Many|rate|Resource)|rateLimitExceeded|userRateLimitExceeded|Resource exhausted\. Please try again later|Resource has been exhausted|RESOURCE_EXHAUSTED|ThrottlingException|(?<![/_])Throttl(?:ed|ing)(?! log\b)(?!\/|:=)[^\n]{0,40}|\(SlowDown\)|<Code>SlowDown<\/Code>|\b(?:api error|Error Code:) SlowDown\b|"SlowDown"|Please reduce your request rate|TooManyRequests|requests per min(?:ute)?[^\n]{0,40}|tokens per min(?:ute)?[^\n]{0,40}|RequestLimitExceeded|ProvisionedThroughputExceeded|Request rate increased too quickly|\b(?:total |concurrent )?request limit (?:reached|exceeded))/i,
    // openai 0.x raised RateLimitError on OpenAI's 500 "The server had an error while processing your
    // request": the server's words name the cause, the class does not (rule 1).
    resolve: (_ctx, site) => (SERVER_HAD_ERROR.test(nearby(site, 0, 200)) ? { as: 'upstream.5xx' } : null),
    title: 'Provider rate limit hit',
    hypothesis: 'Requests were sent faster than the provider allows for this key (requests or tokens per minute).',
    fix: 'Retry with exponential backoff honouring Retry-After, lower concurrency, or request a higher rate limit.',
    actions: ['Honour Retry-After and back off', 'Limit concurrency per key', 'Spread load across keys/regions if allowed'],
  },
  {
    id: 'upstream.unavailable_503',
    category: 'upstream_error',
    factor: 'upstream_5xx',
    severity: 'medium',
    confidence: 0.82,
    // A cloud API's 503 saying "The service is currently unavailable" (Google APIs' UNAVAILABLE,
    // api_core's ServiceUnavailable: 503): the status decides. Above ros.service_unavailable (79),
    // whose ROS wording ("Service /spawn_entity unavailable.") the same words would otherwise
    // match; a ROS client waiting for a service prints no 503 and no UNAVAILABLE status.
    priority: 80,
    match:
      /(\b503\b[^\n]{0,80}(?:service|server) is (?:currently |temporarily )?unavailable[^\n]{0,20}|(?:service|server) is (?:currently |temporarily )?unavailable[^\n]{0,80}\b(?:503|UNAVAILABLE)\b|ServiceUnavailable(?:Error|Exception)?: 503\b[^\n]{0,60})/i,
    resolve: resolveServerError,
    title: 'The service answered 503 (unavailable)',
    hypothesis: 'The API answered 503: it is down, overloaded or restarting; the request itself may be fine.',
    fix: "Retry with backoff; check the provider's status page; fall back to another region or model when it persists.",
    actions: ['Retry with backoff', "Check the provider's status at the failure time"],
  },
  {
    id: 'upstream.5xx',
    category: 'upstream_error',
    factor: 'upstream_5xx',
    severity: 'medium',
    confidence: 0.82,
    priority: 70,
    match:
      /(\bModel [\w./-]{1,120} is currently loading\b[^\n]{0,40}|(?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|HTTP Error|status code|code)[:= ]{0,3}5(?:0[0-4])\b[^\n]{0,60}|(?<!HTTP\/[\d.]{1,5}" )\b50[0-4] (?:Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out|Server Error)|An internal (?:server )?error (?:has )?occurred while processing (?:your|the) request|(?<!HTTP\/[\d.]{1,5}" 500 )Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out|InternalServerError[^\n]{0,60}|ServiceUnavailable(?:Error|Exception)?|InternalFailure|\bserver_error\b|The server had an error|upstream connect error|no healthy upstream|StatusCode\.UNAVAILABLE\b[^\n]{0,60}|\bcode ?= ?Unavailable\b[^\n]{0,60}|StatusRuntimeException: UNAVAILABLE\b[^\n]{0,60}|\b503\)?:? UNAVAILABLE\b[^\n]{0,60}|\bError: 14 UNAVAILABLE: [^\n]{0,60}|\b(?:status|code): Unavailable, message: [^\n]{0,60}|\bstatus["']?\s{0,2}[:=]\s{0,2}["']UNAVAILABLE["']|upstream request timeout|Server error '5\d\d)/i,
    // Not the program's own web server's access log ("INFO:     127.0.0.1:48524 - \"POST /ingest
    // HTTP/1.1\" 500 Internal Server Error", uvicorn's form): that 500 is this server's answer to its
    // own client after something in it failed, and the cause is elsewhere in the text (the tuned cases
    // with the line, of six projects: never upstream_5xx; a provider's 429, a Milvus error, an empty
    // input before it). A gateway's 502-504 in such a line is still an upstream's failure.
    // Python urllib's HTTPError reads "HTTP Error 503: Service Unavailable".
    // gRPC's UNAVAILABLE only as a status (the regex is case-insensitive, so the word alone would
    // be any "unavailable"): Python's StatusCode.UNAVAILABLE, Go's "code = Unavailable", Java's
    // "StatusRuntimeException: UNAVAILABLE", grpc-js's "Error: 14 UNAVAILABLE: …" (with the
    // class before it: the regex is case-insensitive, and "Replicas: 14 unavailable: waiting for
    // rollout" is a count), Rust tonic's "status: Unavailable, message: …", Google APIs' "503
    // UNAVAILABLE" and their error object's "status": "UNAVAILABLE". Not errno 11's "Resource
    // temporarily unavailable" (EAGAIN: a BlockingIOError, h5py's file lock), nor prose such as
    // "Transform … was unavailable".
    resolve: resolveServerError,
    title: 'Upstream service error (5xx)',
    hypothesis: 'A dependency answered with a server-side error; the request itself may be fine.',
    fix: "Retry idempotent requests with backoff; check the dependency's status page or logs; add a fallback for persistent outages.",
    actions: ['Retry with backoff', "Check the dependency's health at the failure time"],
  },
];
