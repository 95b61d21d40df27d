/**
 * Agent and infrastructure failures read by their structure (issue 13, third pass, from the misses
 * of agent-7 in test/accuracy/census-2026-12-06-agent.md): a tool call whose arguments are not
 * JSON, a request path into the tool definitions and a tool-name rule, a conversation history the
 * provider rejects (a thinking model's missing reasoning, a tool call id's format), curl's and
 * c-ares' resolver messages, a "expected X to be a <type>, got" type check, a JSON error of an
 * LLM data binding or of an MCP stdio transport, and an UPPER_CASE environment variable apart from a
 * lower-case request field.
 *
 * Every family pairs the texts it must read (positive) with a near text that must not be read that
 * way (negative control). The examples are written for this test in the wording those tools print;
 * they are not the accuracy cases.
 */
import t from 'tap';
import { familyWithControls, readTrace } from './patterns-read.js';

familyWithControls(
  "a tool call whose arguments are not JSON is the model's tool arguments",
  [
    [
      'WARN agent_providers::openai: Failed to parse tool_call JSON json=<function=search>\n<parameter=q>\nweather\n</parameter>\n</function>',
      'tool_error/invalid_tool_args',
    ],
    [
      "Error: Failed to call chat-completions api\n\nCaused by:\n    0: Tool call 'get_weather' have non-JSON arguments ''\n    1: EOF while parsing a value at line 1 column 0",
      'tool_error/invalid_tool_args',
    ],
    ["error: function call 'lookup' has invalid JSON arguments: expected value at line 1", 'tool_error/invalid_tool_args'],
  ],
  [
    // A JSON file of the program's own that does not parse is its syntax, not a tool call.
    ['Error: failed to parse config.json: EOF while parsing a value at line 1 column 0', '!tool_error/invalid_tool_args'],
  ],
);

familyWithControls(
  'a request path into the tool definitions, or a tool-name rule, is a tool schema the API rejects (rule 10)',
  [
    [
      `{"errors":[{"code":"json_validation_error","message":"Json document validation error: tools[0].function.parameters: at '/properties/a/type': value must be one of 'array', 'boolean', 'integer', 'null', 'number', 'object', 'string'"}],"status_code":400}`,
      'validation_error/schema_violation',
    ],
    ['[warning] Tool "editor+zoomin" is invalid. Tools names may only contain [a-z0-9_-]', 'validation_error/schema_violation'],
    ['Error: function names must only contain a-z, A-Z, 0-9, underscores and dashes', 'validation_error/schema_violation'],
  ],
  [
    // The same status with an argument the API rejects (no tool definition named) stays an argument.
    [
      `{"error":{"message":"Invalid value for 'temperature': must be between 0 and 2.","type":"invalid_request_error","code":"invalid_value"},"status_code":400}`,
      'validation_error/invalid_argument',
    ],
  ],
);

familyWithControls(
  'a conversation history the provider rejects (reasoning missing, a tool call id of the wrong form) is a request built wrong (rule 10)',
  [
    [
      '400 thinking is enabled but reasoning_content is missing in assistant tool call message at index 3',
      'validation_error/schema_violation',
    ],
    [
      `Error code: 400 - {'error': {'message': 'Missing \`reasoning_content\` field in the assistant message at message index 2', 'type': 'invalid_request_error'}}`,
      'validation_error/schema_violation',
    ],
    [
      `{"type":"error","error":{"type":"invalid_request_error","message":"messages.1.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`tool_use\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block."}}`,
      'validation_error/schema_violation',
    ],
    [
      `Mistral API Error: { object: "error", message: "Tool call id was call_search but must be a-z, A-Z, 0-9, with a length of 9.", type: "invalid_request_error" }`,
      'validation_error/schema_violation',
    ],
  ],
  [
    // An UPPER_CASE variable said to be missing is still the environment.
    ['Error: OPENAI_API_KEY is missing', 'config_error/missing_env_var'],
  ],
);

familyWithControls(
  "curl's and c-ares' resolver messages are a DNS failure",
  [
    ['Could not resolve: api.openai.com (Could not contact DNS servers)', 'network_error/dns_failure'],
    ["curl: (6) Couldn't resolve host name", 'network_error/dns_failure'],
    ['Error: querySrv ECONNREFUSED _mongodb._tcp.cluster0.example.net', 'network_error/dns_failure'],
  ],
  [
    // The host resolved and refused the connection: not DNS.
    ['curl: (7) Failed to connect to api.openai.com port 443: Connection refused', '!network_error/dns_failure'],
  ],
);

familyWithControls(
  'a value checked against a list of types ("expected X to be a <type>, got …") is a type mismatch',
  [
    [
      "ValueError: Expected metadata value to be a str, int, float or bool, got [{'doc_id': 'a1', 'range': (0, 252)}] which is a list",
      'validation_error/type_mismatch',
    ],
  ],
  [
    // A test's expected value against the actual one is the program's output.
    ['AssertionError: expected 3 to equal 4', '!validation_error/type_mismatch'],
  ],
);

familyWithControls(
  "a JSON error where an LLM data binding reads the model's reply is the model's output",
  [
    [
      "08:56:27.866 [SimpleAsyncTaskExecutor-1] INFO  LlmDataBindingProperties - Retry attempt 1 of 10 due to: com.fasterxml.jackson.core.JsonParseException: Unrecognized token 'I': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
      'output_parse_error/invalid_json_output',
    ],
  ],
  [
    // The same parser reading a settings file is the file's syntax.
    [
      'com.fasterxml.jackson.core.JsonParseException: Unexpected character (\'}\' (code 125)): was expecting double-quote to start field name\n at [Source: (File)"settings.json"; line: 4, column: 2]',
      '!output_parse_error/invalid_json_output',
    ],
  ],
);

t.test("a JSON error where an MCP client reads its stdio transport is the tool server's channel", async (t) => {
  const stack = `SyntaxError: Unexpected token 'S', "Server sta"... is not valid JSON
    at JSON.parse (<anonymous>)
    at deserializeMessage (node_modules/@modelcontextprotocol/sdk/dist/shared/stdio.js:26:44)
    at ReadBuffer.readMessage (node_modules/@modelcontextprotocol/sdk/dist/shared/stdio.js:19:16)
    at StdioClientTransport.processReadBuffer (node_modules/@modelcontextprotocol/sdk/dist/client/stdio.js:120:50)`;
  const r = readTrace('SyntaxError', `Unexpected token 'S', "Server sta"... is not valid JSON`, stack);
  t.equal(`${r.category}/${r.factor}`, 'tool_error/tool_execution_failed');
  // The same error where an agent parses a model's answer stays the model's output.
  const model = readTrace(
    'SyntaxError',
    `Unexpected token 'S', "Sure, here"... is not valid JSON`,
    `SyntaxError: Unexpected token 'S', "Sure, here"... is not valid JSON\n    at JSON.parse (<anonymous>)\n    at parseModelOutput (src/agent/llm.js:40:17)`,
  );
  t.equal(`${model.category}/${model.factor}`, 'output_parse_error/invalid_json_output');
});

familyWithControls(
  'a model name the endpoint does not serve, unquoted or as an OpenRouter route, is the configuration (rule 3)',
  [
    ['{"error":{"message":"No endpoints found for meta-llama/llama-3-70b.","code":404}}', 'config_error/invalid_config'],
    [
      'ValueError: Unknown model: gpt-4o-mni. Please provide a valid OpenAI model name in: gpt-4o, gpt-4o-mini, o1',
      'config_error/invalid_config',
    ],
  ],
  [
    // An endpoint that serves the model but is over capacity is upstream.
    [
      'openai.InternalServerError: Error code: 503 - {"error":{"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}',
      '!config_error/invalid_config',
    ],
  ],
);

familyWithControls(
  "an output-token limit above the model's maximum, or a gateway's guardrail refusal, is the request",
  [
    [
      'Error: 400 max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens for claude-opus-4-20250514',
      'validation_error/invalid_argument',
    ],
    [
      'litellm.exceptions.RejectedRequestError: litellm.RejectedRequestError: Violated guardrail policy',
      'validation_error/forbidden_operation',
    ],
  ],
  [
    // Input and output together over the window is the context.
    [
      'anthropic.BadRequestError: Error code: 400 - {"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 190000 + 21333 > 200000, decrease input length or `max_tokens` and try again"}}',
      'context_overflow/context_length_exceeded',
    ],
  ],
);
