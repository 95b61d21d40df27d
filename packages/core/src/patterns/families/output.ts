/** Patterns: model output parsing. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import { resolveJson } from '../resolvers.js';
import { type Pattern, REACHED_BY_RESOLUTION } from '../types.js';

/**
 * async-openai's error path, which both of its deserialize readings leave to the status or body: a
 * non-2xx reply whose body is not OpenAI's error shape fails to deserialize as WrappedError/ApiError
 * after the crate logged it ("failed deserialization of: <body>"); the status or body (401, 429, a 502
 * page, a model not found) is the cause (rule 1).
 */
const ASYNC_OPENAI_ERROR_REPLY =
  /expected struct (?:WrappedError|ApiError)\b|failed deserialization of: [^\n]{0,300}?(?:\{\s{0,3}"(?:error|detail)"|<(?:html|!DOCTYPE)|\b(?:Unauthorized|Forbidden|Too Many Requests|Bad Gateway|Service Unavailable|Gateway Time-?out)\b)|\b(?:HTTP|status)[^\n]{0,20}\b(?:401|403|429|50[0234])\b/i;

export const MODEL_OUTPUT: Pattern[] = [
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
    // A provider refusing the body the client sent ("The request body is not valid JSON", a 400):
    // a request the client built wrong (docs/taxonomy.md rule 10), not a model's answer that did
    // not parse. Above llm.output_parser, which its words also match.
    id: 'llm.request_body_invalid',
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    confidence: 0.8,
    priority: 86,
    match: /((?:The )?request body is not valid JSON[^\n]{0,80}|[Cc]ould not parse (?:the )?request body as JSON[^\n]{0,60})/,
    title: 'The provider could not parse the request body',
    hypothesis:
      'The client sent the provider a body that is not valid JSON (an encoding bug, a proxy rewriting it, non-UTF-8 text, a body cut off), so the request was refused before the model saw it.',
    fix: 'Log the exact body the client sends; check its JSON encoding (escaping, character set) and any proxy between the client and the provider.',
    actions: ['Capture the request body (client debug logging)', 'Validate it with a JSON parser before sending'],
  },
  {
    id: 'llm.output_parser',
    // Also Genkit's structured output ("Failed to parse extracted JSON: FormatException …") and
    // browser-use's agent step ("ERROR [agent] … Could not parse response.").
    category: 'output_parse_error',
    factor: 'invalid_json_output',
    severity: 'medium',
    confidence: 0.88,
    priority: 85,
    match:
      /(OutputParserException|OutputParsingException|(?:model|LLM) did not (?:output|return|respond) (?:in |with )?(?:valid )?JSON|(?:AI_)?NoObjectGeneratedError|No object generated: could not parse the response|Could not parse LLM output|Invalid json output|Failed to parse (?:the )?(?:model|LLM|completion) (?:output|response)|could not parse (?:the )?(?:model|llm)'?s? (?:output|response)|Could not (?:extract|find|parse|decode) (?:a |the )?(?:valid )?json(?: string| object| block| data)? (?:from|in) (?:the )?(?:model |llm |agent )?(?:output|response|completion|answer|text)|No (?:valid )?JSON (?:object |block )?(?:was )?(?:found|detected) in (?:the )?(?:model |llm )?(?:output|response|completion)|Failed to parse extracted JSON|\[agent\][^\n]{0,40}\n\s{0,4}Could not parse response)/i,
    unless: /validation errors? for|Field required|missing required field/i,
    title: 'Model output could not be parsed',
    hypothesis: 'The model answered in a form the output parser could not read (not JSON, extra prose, wrong format).',
    fix: "Use the provider's structured output / JSON mode, show the format in the prompt, and retry with the parse error.",
    actions: ['Look at the raw model output in the failing span', 'Switch to structured output (JSON schema response format)'],
  },
  {
    id: 'llm.tool_call_unparsed',
    category: 'output_parse_error',
    factor: 'invalid_json_output',
    severity: 'medium',
    confidence: 0.8,
    // Above upstream.5xx (Ollama answers the parse failure with a 500) and tool.invalid_args: the
    // provider could not read any tool call out of the model's generation (docs/taxonomy.md, rule 10;
    // labels: 5 invalid_json_output, 1 schema_mismatch_output, 1 invalid_tool_args). Groq's
    // "tool call validation failed: parameters ... did not match schema" is the arguments.
    priority: 88,
    needs: ['adjust your prompt', 'tool_use_failed', 'error parsing tool call'],
    match:
      /(Failed to call a function\. Please adjust your prompt[^\n]{0,60}|\btool_use_failed\b|error parsing tool call[^\n]{0,80})/i,
    unless: /tool call validation failed/,
    title: 'The model answer could not be parsed into a tool call',
    hypothesis:
      'The model was to answer with a tool call, but what it generated (text around the call, broken JSON, another call format) could not be parsed into one by the provider or the agent, so no tool ran.',
    fix: "Use a model and chat template with native tool calling, lower the temperature, return the parse error to the model for a retry, or read the raw generation ('failed_generation') to see the format it used.",
    actions: [
      "Read the model's raw generation (failed_generation / raw=...)",
      'Check that the model supports the tool-call format the server parses',
    ],
  },
  {
    id: 'llm.schema_mismatch',
    // Also CrewAI's Converter ("Failed to convert text into a Pydantic model due to … error": the model's
    // answer did not fit the task's output model; its "Agent must be provided" is a setting) and a Go
    // client's json.Unmarshal of the model's reply into its struct failing on a field's type (the
    // reply parsed: its shape is wrong).
    category: 'output_parse_error',
    factor: 'schema_mismatch_output',
    severity: 'medium',
    confidence: 0.86,
    priority: 84,
    match:
      /(Failed to parse \w{1,80} from completion|InstructorRetryException|AdapterParseError[^\n]{0,60}|Adapter \w{1,40} failed to parse the LM response|does not match the (?:expected|response) schema|response did not match (?:the )?schema|(?:model|llm) output[^\n]{0,60}(?:validation|schema)|Exceeded maximum retries \(\d{1,4}\) for (?:result|output) validation|Exceeded maximum (?:output|result) retries \(\d{1,4}\)|is not present in (?:the )?json output|Failed to convert text into a Pydantic model due to (?:the following )?(?:validation )?error(?![^\n]{0,20}Agent must be provided)|(?:parse|decode|unmarshal)[^\n]{0,12} (?:LLM|model) (?:response|output|reply)[^\n]{0,120}cannot unmarshal \w{1,20} into Go (?:struct field|value))/i,
    // Gemini's finish reason MALFORMED_FUNCTION_CALL ("Finish reason: 9. Finish message: Malformed function call") is the
    // model's tool call (tool.invalid_args), also when the SDK wraps it as a response that did not validate.
    unless: /Malformed function call|MALFORMED_FUNCTION_CALL/,
    title: 'Model output does not fit the expected schema',
    hypothesis: 'The model returned JSON, but its fields or types do not match the schema the code expects.',
    fix: 'Use strict structured outputs, simplify the schema, and feed validation errors back for a retry.',
    actions: ['Compare the model output with the schema', 'Enable strict JSON-schema output'],
  },
  {
    id: 'llm.api_response_shape',
    // async-openai (Rust) could not turn the provider's reply into its types: "failed to deserialize api
    // response: " and then serde's words. A reply that parsed but did not fit the client's type (serde's
    // "missing field `status`", "unknown variant ``, expected one of `stop`, …", "invalid type: …") is a
    // reply of the wrong shape: schema_mismatch_output (agent-20 async-openai, maple-proxy; both labellers).
    // Only after the crate's prefix: the same serde words reading a file are data (data.missing_field).
    category: 'output_parse_error',
    factor: 'schema_mismatch_output',
    severity: 'medium',
    confidence: 0.8,
    priority: 84,
    needs: ['failed to deserialize api response'],
    match:
      /(failed to deserialize api response: (?:error: ?)?(?:missing field|unknown variant|unknown field|invalid type|invalid value|invalid length|duplicate field|data did not match any variant)[^\n]{0,120})/i,
    // Not async-openai's error path (the reply's status or body is the cause).
    unless: ASYNC_OPENAI_ERROR_REPLY,
    title: "The provider's reply did not fit the client's types",
    hypothesis:
      "The provider answered with JSON, but a field the client's types require is missing or holds a value they do not accept (a finish reason or status the client does not know): the provider, or an OpenAI-compatible server, departs from the schema the client was written for.",
    fix: "Compare the raw reply with the client's types (update the client, or ask the compatible server's maintainers to follow the schema); make the client's types tolerant of the field (optional, unknown values) where you own them.",
    actions: [
      'Log the raw reply the client failed to deserialize',
      'Check the client version against the API the server implements',
    ],
  },
  {
    id: 'llm.api_response_unparsed',
    // async-openai's prefix before serde_json's syntax errors ("failed to deserialize api response: expected
    // value at line 1 column 1"): the reply was not JSON at all (an error page, an empty body, a proxy's
    // answer), a JSON parse error naming no file: invalid_json_output (docs/taxonomy.md rule 10).
    category: 'output_parse_error',
    factor: 'invalid_json_output',
    severity: 'medium',
    confidence: 0.75,
    priority: 84,
    needs: ['failed to deserialize api response'],
    match:
      /(failed to deserialize api response: (?:error: ?)?(?:expected value|EOF while parsing|expected [`'"]?[,:\]}][`'"]?|trailing characters|key must be a string|control character|invalid escape|invalid unicode code point|expected ident)[^\n]{0,120})/i,
    // Not async-openai's error path (the reply's status or body is the cause).
    unless: ASYNC_OPENAI_ERROR_REPLY,
    title: "The provider's reply was not JSON",
    hypothesis:
      "The client expected a JSON reply and got something else (an HTML error page, an empty or cut body, a proxy's answer), so it could not parse it at all.",
    fix: 'Log the raw body and status of the failing reply; check the base URL and any proxy in between; retry replies cut by the connection.',
    actions: ['Log the raw reply and its HTTP status', 'Check the endpoint and proxy the client talks to'],
  },
  {
    id: 'llm.fenced_json',
    category: 'output_parse_error',
    factor: 'invalid_json_output',
    severity: 'medium',
    confidence: 0.8,
    // Above validation.schema (72, +30 when in the headline: a pydantic json_invalid's first line)
    // and json.parse_error (62): the input the parser was given is
    // itself the tell. A markdown code fence inside a string value (`'```json\n{`, `"\n```json\n`,
    // with the escaped newlines of a repr or a JSON string) is a chat model's answer wrapped for
    // display: the parse failed because of the fence, whatever the parser. A fence that starts a
    // line of an issue's own markdown (a real newline after it) is not read.
    priority: 88,
    match: /(['"](?:\\n|[ \t]){0,3}```(?:json|JSON)?\\n)/,
    also: /Invalid JSON|json_invalid|JSONDecodeError|not valid JSON|Unexpected token|(?:parse|parsing|decode)[^\n]{0,40}(?:failed|error)|(?:Failed|Could not|Unable) to (?:parse|decode)|OutputParserException/i,
    title: 'The model wrapped its JSON answer in a markdown code fence',
    hypothesis:
      'The model answered with its JSON inside a markdown code block (```json ... ```), so the parser met the fence instead of the JSON and failed before reading any field.',
    fix: "Ask for raw JSON with the provider's structured output / JSON mode, or strip a surrounding code fence before parsing.",
    actions: [
      'Look at the first characters of the raw answer in the error',
      'Enable JSON mode or strip ``` fences before parsing',
    ],
  },
  {
    // Reached only through json.parse_error's resolution (resolveJson): Python's decoder on JSON
    // that names no file it came from is a reply that did not parse. A reading, not a matcher, so
    // its confidence is calibrated apart from llm.output_parser's.
    id: 'json.reply_unparsed',
    category: 'output_parse_error',
    factor: 'invalid_json_output',
    severity: 'medium',
    confidence: 0.7,
    priority: 61,
    match: REACHED_BY_RESOLUTION,
    title: 'A reply that should be JSON could not be parsed',
    hypothesis:
      "The program parsed a reply it received (most often a model's answer, or a server's body) as JSON and it was not JSON: prose around it, a code fence, a stray quote, an error page.",
    fix: 'Log the raw reply before parsing it; for a model, use its structured output / JSON mode and retry with the parse error; for a server, check the status and content type first.',
    actions: ['Print the raw text given to json.loads', 'Use structured output or strip code fences before parsing'],
  },
  {
    id: 'json.parse_error',
    category: 'syntax_error',
    factor: 'json_syntax',
    severity: 'high',
    confidence: 0.75,
    priority: 62,
    match:
      /(JSONDecodeError: [^\n]{0,160}|json\.decoder\.[^\n]{0,120}|SyntaxError: [^\n]{0,200}?(?:\b(?:in|after) JSON at position \d{1,12}|\.json: (?:Unexpected|Expected|Bad|Unterminated)[^\n]{0,80}|is not valid JSON)|SyntaxError: (?:Unexpected token[^\n]{0,80}JSON|Unexpected end of JSON input|JSON\.parse[^\n]{0,80}|Expected [^\n]{0,80} in JSON[^\n]{0,40}|Unterminated string in JSON[^\n]{0,40}|Bad control character[^\n]{0,80}JSON[^\n]{0,40})|JsonParseException[^\n]{0,120}|Unterminated string in JSON at position \d{1,12}|JsonDecodingException: Unexpected JSON token[^\n]{0,80}|MalformedJsonException[^\n]{0,80}|invalid character '.{1,4}' (?:looking for beginning of|after|in)[^\n]{0,60}|unexpected end of JSON input|Expecting (?:value|property name enclosed in double quotes|',' delimiter|':' delimiter): line \d{1,12} column \d{1,12}|JSON\.parse: [^\n]{0,80}|serde_json[^\n]{0,80}|Invalid JSON[^\n]{0,80}|is not valid JSON[^\n]{0,40}|The given data was not valid JSON\.?[^\n]{0,40})/i,
    resolve: resolveJson,
    title: 'JSON could not be parsed',
    hypothesis: 'A JSON document (a config or data file written by a person or tool) has a syntax error.',
    fix: 'Open the file at the reported line/column and fix the syntax (trailing comma, quote, bracket); validate it in CI.',
    actions: ['Go to the line and column in the message', 'Validate JSON files in CI'],
  },
];
