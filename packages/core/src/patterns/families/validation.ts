/** Patterns: sandbox and validation. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import { resolveInvalidArgument, resolveSchema } from '../resolvers.js';
import type { Pattern } from '../types.js';

export const VALIDATION: Pattern[] = [
  {
    id: 'tool.definition_schema',
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    confidence: 0.84,
    priority: 80,
    match:
      /(Invalid schema for function '?[\w.-]{1,80}'?[^\n]{0,80}|Invalid schema for response_format '?[\w.-]{1,80}'?[^\n]{0,80}|Invalid (?:function|tool)s? (?:schema|definition|parameters schema)\b[^\n]{0,60}|invalid_function_parameters[^\n]{0,60}|tools\.\d{1,4}\.(?:custom\.)?input_schema[^\n]{0,60}|Invalid 'tools\[\d{1,4}\]\.function\.(?:parameters|name|description|strict)'[^\n]{0,60}|GenerateContentRequest\.tools\[\d{1,4}\]\.function_declarations\[\d{1,4}\][^\n]{0,100}|Failed to validate tool (?!(?:call|output|result|arguments?|input):)[\w.-]{1,80}:[ \t]{0,4}\n?[ \t]{0,4}\S[^\n]{0,100}|Skipping tool '[^'\n]{1,80}' from MCP server '[^'\n]{1,80}' because it has missing types in its parameter schema|\barray schema missing items\b|Invalid JSON payload received\. Unknown name [^\n]{1,60} at '?tools\[\d{1,4}\]\.function_declarations[^\n]{0,60}|(?:[Vv]alidation error|[Ii]nvalid|[Ee]rror)[^\n]{0,40}\btools\[\d{1,4}\]\.function\.(?:parameters|name|description)\b[^\n]{0,100}|Tool [`'"][^`'"\n]{1,80}[`'"] is invalid\. Tools? names? (?:may|must|can|should) only contain[^\n]{0,40}|(?:[Tt]ool|[Ff]unction) names? (?:may|must|can|should) only contain [^\n]{0,60})/,
    // A client that validates the tools an MCP server lists (VS Code's "Failed to validate tool X:"
    // with its reason on the next line, gemini-cli and qwen-code skipping a tool whose parameter
    // schema lacks types) rejects the same schema before any request (rule 10).
    title: 'Tool definition rejected by the model API ($1)',
    hypothesis:
      "The JSON schema of a tool sent to the model does not satisfy the provider's rules (an array without items, a required list that misses keys, an unsupported keyword): the request is rejected before the model runs.",
    fix: "Fix the tool's parameter schema to the provider's rules (strict mode: every property required, arrays with items, additionalProperties false).",
    actions: [
      "Validate the tool's schema against the provider's function-calling rules",
      'Check the schema the MCP server or tool library generates',
    ],
  },
  {
    id: 'llm.tool_pairing',
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    // docs/taxonomy.md rule 10: a request the client built wrong (tool calls without their tool
    // results, tool results answering no call, roles out of the order the API requires: Mistral's
    // invalid_request_message_order) is validation_error/schema_violation. Labels agree on the category (9 of 11) but
    // split on the factor (invalid_argument 5, schema_violation 3): medium confidence.
    // DeepSeek's 400 "The reasoning_content in the thinking mode must be passed back to the API.": the client
    // dropped the reasoning of an earlier assistant turn that the thinking mode requires back, a message list
    // built wrong like Kimi's "reasoning_content is missing in assistant tool call message" (agent-18 EchoBot,
    // agent-21 oai-compatible-copilot: both schema_violation; read before as parts.http's bare 400).
    // DeepSeek's refusals of a message list out of the order deepseek-reasoner requires ("The first message
    // (except the system message) of deepseek-reasoner must be a user message", agent-22 nonebot-plugin-aitalk,
    // after history trimming; "… does not support successive user or assistant messages"): roles out of order,
    // like Mistral's invalid_request_message_order (read before as validation.invalid_argument's 400). The second
    // only with the API's own "(messages[i] and messages[j] in your input)": the words alone are an adapter's notes.
    confidence: 0.62,
    priority: 84,
    match:
      /(`?tool_use`? ids were found without `?tool_result`? blocks[^\n]{0,60}|unexpected `?tool_use_id`? found in `?tool_result`? blocks[^\n]{0,60}|Each `?tool_result`? block must have a corresponding `?tool_use`? block|An assistant message with ['"]tool_calls['"] must be followed by tool messages[^\n]{0,60}|The following tool_call_ids did not have response messages[^\n]{0,40}|No tool output found for function call[^\n]{0,40}|[Mm]essages with role \\{0,2}['"]tool\\{0,2}['"] must be a response to a prece{1,2}d(?:e|i)?ng message with \\{0,2}['"]tool_calls|Unexpected role '(?:user|assistant|tool|system)' after role '(?:user|assistant|tool|system)'|\binvalid_request_message_order\b|'tool_call_id' of '[^'\n]{1,80}' not found in 'tool_calls'|Tool call id was [^\s]{0,80} but must be [^\n]{0,60}|reasoning_content[`'"]?(?: field)? is missing in (?:the )?assistant[^\n]{0,60}|Missing [`'"]?reasoning_content[`'"]? field in the assistant message[^\n]{0,40}|[Tt]he [`'"]?reasoning_content[`'"]? in the thinking mode must be passed back to the API|When [`'"]?thinking[`'"]? is enabled, a final [`'"]?assistant[`'"]? message must start with a thinking block|Expected [`'"]?thinking[`'"]? or [`'"]?redacted_thinking[`'"]?, but found [`'"]?\w{1,40}[`'"]?|The first message \(except the system message\) of [\w.:-]{1,60} must be a user message|[\w.:-]{1,60} does not support successive user or assistant messages\s\(messages\[)/,
    title: "The request's tool calls and tool results do not pair up",
    hypothesis:
      "The client sent a conversation in which a tool call has no tool result right after it (or a tool result answers no call): the provider rejects the request's message list before the model runs. Usually the agent loop dropped, reordered or interleaved a message (an interrupted run, text inserted before the tool result).",
    fix: 'Send every tool result in the message right after its tool call, with the same id; when a run is interrupted or history is trimmed, drop or complete dangling tool calls before the next request.',
    actions: [
      'Print the message list of the rejected request around the index the error names',
      'Trim history by whole call/result pairs, never between them',
    ],
  },
  {
    id: 'llm.message_list_invalid',
    category: 'validation_error',
    factor: 'schema_violation',
    severity: 'high',
    // OpenAI's request validation names the JSON path of the message field it rejects
    // ("'$.messages[5].content' is invalid. Please check the API reference"): a message list the
    // client built wrong (docs/taxonomy.md rule 10), the same reading as llm.tool_pairing.
    confidence: 0.62,
    priority: 84,
    // Anthropic's and openai 0.x's wordings of the same refusal: a message whose content is empty or
    // whitespace, a content value of the wrong JSON type at a path into `messages`.
    match:
      /('\$\.messages\[\d{1,5}\](?:\.[\w.[\]]{1,60})?' is invalid[^\n]{0,60}|text content blocks must (?:contain non-whitespace text|be non-empty)|all messages must have non-empty content except for the optional final assistant message|is not of type '\w{1,20}' - 'messages\.\d{1,5}(?:\.[\w.]{1,60})?')/,
    title: "The request's message list does not have the form the API requires ($1)",
    hypothesis:
      'The client sent a message whose field (content, role, tool_calls) has a form the provider does not accept: an empty or null content, a list of parts where a string is required, an unsupported part type.',
    fix: 'Print the message at the index the error names and build it in the form the API reference gives (string or parts list, no null content).',
    actions: ['Print the rejected request around the message index the error names'],
  },
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
    // Gemini's MALFORMED_FUNCTION_CALL wrapped as a response that did not validate is the tool call (tool.invalid_args).
    unless: /Malformed function call|MALFORMED_FUNCTION_CALL/,
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
      /(ERR_INVALID_ARG_TYPE[^\n]{0,120}|argument must be (?:of type|an? |one of type)[^\n]{0,100}|Expected (?:type |an? )?[\w.[\]]{1,40}(?:,| but| and)? (?:got|received|found) [^\n]{0,80}|expected [\w.[\]]{1,40} but (?:got|found|received) [^\n]{0,60}|InvalidTypeError[^\n]{0,80}|(?:argument|parameter|input) type mismatch[^\n]{0,80}|must be (?:a |an )?(?:str|string|int|integer|float|number|bool|boolean|list|dict|array|object), not [^\n]{0,40}|InvalidFormatException[^\n]{0,120}|Cannot deserialize value of type [^\n]{0,120}|not a valid (?:Integer|Long|Short|Double|Float|Boolean|BigDecimal|int|long|double|float|boolean|number) value|invalid type: [\w ]{1,30}(?: [`'"][^\n]{0,40}[`'"])?, expected [^\n]{0,60}|cannot unmarshal \w{1,20} into Go (?:struct field|value of type)[^\n]{0,80}|Expected BEGIN_(?:OBJECT|ARRAY) but was \w{1,20}[^\n]{0,40}|Input should be a valid (?:integer|number|string|boolean|dictionary|list|date|datetime)[^\n]{0,60}|Expected [\w .'"]{1,60} to be (?:an? |of type )?(?:str|string|int|integer|float|number|bool|boolean|list|dict|array|object|tuple)\b[^\n]{0,60}\bgot\b[^\n]{0,100})/i,
    // Python's "not enough values to unpack (expected 2, got 1)" is the built-in ValueError (a count), not a type check.
    unless: /\bTypeError: |values to unpack/,
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
      /((?:java\.lang\.)?IllegalArgumentException[^\n]{0,120}|InvalidArgumentError[^\n]{0,120}|INVALID_ARGUMENT[^\n]{0,120}|invalid_request_error[^\n]{0,120}|ERR_INVALID_ARG_VALUE[^\n]{0,100}|ArgumentError[^\n]{0,100}|error: (?:argument|unrecognized arguments)[^\n]{0,100}|error: (?:option -{1,2}\w[\w-]{0,40}: invalid choice|no such option): [^\n]{0,100}|(?:unrecognized|unknown|unsupported) (?:argument|option|parameter|value)s?[^\n]{0,80}|ValueError: (?!invalid literal)(?:Invalid|Unknown|Unsupported|Unrecognized|Expected|expected|must be|should be|invalid|unknown|unsupported|unrecognized)[^\n]{0,120}|Invalid (?:argument|parameter|value) (?:for|:)[^\n]{0,100}|invalid argument[^\n]{0,80}|Invalid '\w{1,60}': [^\n]{0,100}|Unsupported parameter: [^\n]{0,100}|Invalid [\w.]{1,40} value\b[^\n]{0,100}|\bvalid range (?:of [\w.]{1,40} )?is [[(][^\n]{0,60}|max_tokens: \d{1,9} > \d{1,9}, which is the maximum allowed number of output tokens[^\n]{0,60}|can't parse entities: [^\n]{0,100})/i,
    // A generic 400 whose message names a more specific cause is that cause.
    unless:
      /maximum context length|context_length_exceeded|quotas? (?:were|was|have been|has been) exceeded|No tool output found for function call|ids were found without [`'"]?tool_result|must be followed by tool messages/i,
    resolve: resolveInvalidArgument,
    title: 'An argument was rejected as invalid',
    hypothesis: 'A function or API rejected an argument value that is outside what it accepts.',
    fix: 'Pass a value the API accepts (see the allowed values in the message).',
    actions: ['Read the allowed values in the error message', 'Validate arguments where they are built'],
  },
];
