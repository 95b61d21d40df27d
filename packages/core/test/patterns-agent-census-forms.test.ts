/**
 * Agent and LLM forms the census (test/accuracy/agent-census.js) found read wrong or not at all
 * across projects: a JSON-RPC server's own error code beside a message that names the cause,
 * provider wordings of a rate limit and of a server error the SDK raised under another class, and
 * structured output that did not parse in three frameworks' words. Decided by docs/taxonomy.md
 * (rule 1: the cause the text names; rule 10: agent and provider calls).
 */
import { familyWithControls } from './patterns-read.js';

// JSON-RPC reserves -32000..-32099 for servers' own codes; MCP's SDKs give -32001 to a request
// that timed out and -32000 to a closed connection. A server that answers `"code": -32001` with
// its own message ("Invalid or missing API token.") names the cause: that message decides.
familyWithControls(
  "a JSON-RPC server's own -32001/-32000 read by the message it carries",
  [
    ['{"error":{"code":-32001,"message":"Invalid or missing API token."}}', 'auth_error/invalid_credentials'],
    [
      '{"jsonrpc":"2.0","id":3,"error":{"code":-32000,"message":"Invalid or missing bearer token"}}',
      'auth_error/invalid_credentials',
    ],
    [
      '{ "jsonrpc": "2.0", "id": 2, "error": { "code": -32000, "message": "invoke app failed: request failed with status code: 500" } }\nException: Invalid Authorization token.',
      'auth_error/invalid_credentials',
    ],
  ],
  [
    // MCP's own words under its codes keep rule 10's readings.
    ['{"jsonrpc":"2.0","id":7,"error":{"code":-32001,"message":"Request timed out"}}', 'timeout/request_timeout'],
    ['McpError: MCP error -32001: Request timed out', 'timeout/request_timeout'],
    ['Error: MCP error -32000: Connection closed', 'tool_error/tool_execution_failed'],
  ],
);

// openai 0.x raised OpenAI's 500 ("The server had an error while processing your request") as
// RateLimitError; the server's words name the cause. A real 429 under the same class stays a rate
// limit, and OpenAI's "Request rate increased too quickly" (raised as a bare APIError) is one.
familyWithControls(
  "provider wordings decide over the SDK's class: a server error under RateLimitError, rate limits under APIError",
  [
    [
      'openai.error.RateLimitError: The server had an error while processing your request. Sorry about that!',
      'upstream_error/upstream_5xx',
    ],
    [
      'RateLimitError: The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists.',
      'upstream_error/upstream_5xx',
    ],
    [
      'openai.APIError: Request rate increased too quickly. To ensure system stability, please adjust your client logic to scale requests more smoothly over time.',
      'rate_limit/provider_rate_limit',
    ],
    [
      'HTTP=200 {"error":{"message":"Upstream error from Nvidia: ResourceExhausted: Worker local total request limit reached (1)","code":502}}',
      'rate_limit/provider_rate_limit',
    ],
  ],
  [
    [
      "openai.RateLimitError: Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM): Limit 30000, Used 29000, Requested 2000.', 'type': 'tokens', 'code': 'rate_limit_exceeded'}}",
      'rate_limit/provider_rate_limit',
    ],
    // A daily allowance is a quota (rule 10), whatever the words "request limit".
    ['Error: daily request limit reached for this API key, try again tomorrow', 'resource_error/quota_exceeded'],
    [
      'openai.InternalServerError: Error code: 500 - The server had an error while processing your request.',
      'upstream_error/upstream_5xx',
    ],
  ],
);

// Structured output that did not fit or did not parse, in the frameworks' own words: CrewAI's
// Converter, a Go agent unmarshalling the model's reply into its struct, Genkit's Dart client,
// browser-use's agent step.
familyWithControls(
  "structured output failures in CrewAI's, Go clients', Genkit's and browser-use's words",
  [
    [
      'Failed to convert text into a pydantic model due to the following error: Instructor does not support multiple tool calls, use List[Model] instead',
      'output_parse_error/schema_mismatch_output',
    ],
    [
      'ConverterError: Failed to convert text into a Pydantic model due to validation error: 1 validation error for Report\ntitle\n  Field required',
      'output_parse_error/schema_mismatch_output',
    ],
    [
      'discovery run failed: step 14: unable to parse LLM response after 4 attempts: failed to parse action JSON: json: cannot unmarshal object into Go struct field ExplorationAction.query of type string',
      'output_parse_error/schema_mismatch_output',
    ],
    [
      'GenkitException: Google AI Error: FormatException: Failed to parse extracted JSON: FormatException: Unexpected character (at character 12)',
      'output_parse_error/invalid_json_output',
    ],
    [
      'ERROR    [agent] ❌ Result failed 3/3 times:\n Could not parse response.\nERROR    [agent] ❌ Stopping due to 3 consecutive failures',
      'output_parse_error/invalid_json_output',
    ],
  ],
  [
    // CrewAI's converter refusing for its own setup is not the model's output.
    [
      'ConverterError: Failed to convert text into a Pydantic model due to error: Agent must be provided if converter_cls is not specified.',
      '!output_parse_error/schema_mismatch_output',
    ],
    // A Go program's own configuration file with a field of the wrong type is not a model's reply.
    [
      'failed to load config: json: cannot unmarshal string into Go struct field Config.port of type int',
      '!output_parse_error/schema_mismatch_output',
    ],
    // An HTTP client's "Could not parse response" with no agent step around it is not read as a model's output.
    ['WARN http: Could not parse response body from https://example.org/api', '!output_parse_error/invalid_json_output'],
  ],
);

// A message list the client built wrong (rule 10), in Anthropic's words (an empty or whitespace
// content) and openai 0.x's (a content of the wrong JSON type at a path into `messages`). A field
// too long, or a tool argument of the wrong type, is not the message list's form.
familyWithControls(
  "a message list the provider refuses for its contents' form, in Anthropic's and OpenAI's words",
  [
    [
      "anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'messages: text content blocks must contain non-whitespace text'}}",
      'validation_error/schema_violation',
    ],
    [
      'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.3: all messages must have non-empty content except for the optional final assistant message"}}',
      'validation_error/schema_violation',
    ],
    [
      `INFO:openai:error_code=None error_message="[{'type': 'text', 'text': 'hi'}] is not of type 'string' - 'messages.1.content'" error_param=None error_type=invalid_request_error`,
      'validation_error/schema_violation',
    ],
  ],
  [
    ["jsonschema.exceptions.ValidationError: 5 is not of type 'string' - 'query'", 'validation_error/type_mismatch'],
    [
      `openai.BadRequestError: Error code: 400 - {'error': {'message': "Invalid 'messages[2].content': string too long. Expected a string with maximum length 1048576, but got a string with length 2000000 instead.", 'type': 'invalid_request_error', 'param': 'messages[2].content', 'code': 'string_above_max_length'}}`,
      'validation_error/invalid_argument',
    ],
  ],
);

// OpenAI's audio endpoints refuse a file they cannot decode with "Invalid file format" /
// "Unrecognized file format. Supported formats: [...]" (labels: corrupt_input 2, in two projects:
// the recording sent was empty or broken). A loader refusing a document type by its extension is
// an argument.
familyWithControls(
  "OpenAI's audio refusal of a file it cannot decode reads as corrupt input",
  [
    [
      `openai.BadRequestError: Error code: 400 - {'error': {'message': "Unrecognized file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']", 'type': 'invalid_request_error', 'param': None, 'code': None}}`,
      'data_error/corrupt_input',
    ],
    [
      "Error: 400 Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']",
      'data_error/corrupt_input',
    ],
  ],
  [['ValueError: Unsupported file format: .docx. Supported formats: pdf, txt, md', 'validation_error/invalid_argument']],
);

// An MCP client's "MCP error -32603": the tool server's handler raised while running the call
// (MCP's server SDKs wrap a tool's exception as -32603). With no cause in its message the tool
// failed (rule 10); a cause in its message decides (rule 1); a JSON-RPC server's bare -32603
// outside MCP stays its internal (5xx) error.
familyWithControls(
  "an MCP client's -32603 is the tool server failing, unless its message names the cause",
  [
    ['{"error":"MCP error -32603: MCP error -32603: Failed to generate chart: Error"}', 'tool_error/tool_execution_failed'],
    ['Error: MCP error -32603: Failed to fetch transcript: Error', 'tool_error/tool_execution_failed'],
  ],
  [
    ['{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"Internal error"}}', 'upstream_error/upstream_5xx'],
    ['Error: MCP error -32603: MCP error -32001: Request timed out', 'timeout/request_timeout'],
    ["Error: MCP error -32603: EACCES: permission denied, mkdir '/root/.cache/mcp'", 'auth_error/permission_denied'],
  ],
);
