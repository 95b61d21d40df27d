/**
 * Forms read wrong or not at all on agent-13 (released for tuning after its blind measurement),
 * each a general form other projects print too, decided by docs/taxonomy.md.
 */
import { familyWithControls } from './patterns-read.js';

// OpenAI-compatible servers (DashScope, vLLM, LiteLLM proxies) quote the field names with double
// quotes in the same tool-pairing refusal OpenAI words with single quotes: a message list the
// client built wrong (rule 10), validation_error/schema_violation whichever quotes.
familyWithControls(
  'tool calls without tool results read as a schema violation in either quoting',
  [
    [
      "openai.BadRequestError: Error code: 400 - {'error': {'code': 'invalid_parameter_error', 'message': '<400> InternalError.Algo.InvalidParameter: An assistant message with \"tool_calls\" must be followed by tool messages responding to each \"tool_call_id\". The following tool_call_ids did not have response messages: message[3].role', 'type': 'invalid_request_error'}}",
      'validation_error/schema_violation',
    ],
    [
      'litellm.BadRequestError: OpenAIException - The following tool_call_ids did not have response messages: call_8fK2xQ1',
      'validation_error/schema_violation',
    ],
  ],
  [
    // A tool the model called that raised: the tool failed, not the message list.
    [
      'Traceback (most recent call last):\n  File "agent/tools.py", line 88, in run_tool\n    result = fn(**args)\nToolException: Error executing tool get_weather: city not found',
      'tool_error/tool_execution_failed',
    ],
  ],
);

// FAISS's Python wrapper checks the query vectors' width against the index with a bare
// `assert d == self.d`: the embedding model used for the query is not the one the index was
// built with (rule 3, a setting), not a program assertion.
familyWithControls(
  "FAISS's query-width assertion reads as an embedding/index size mismatch",
  [
    [
      'Traceback (most recent call last):\n  File "rag/search.py", line 57, in query\n    scores, ids = self.index.search(q_emb, k=5)\n  File "/opt/venv/lib/python3.11/site-packages/faiss/class_wrappers.py", line 343, in replacement_search\n    assert d == self.d\nAssertionError',
      'config_error/invalid_config',
    ],
    [
      '  File "/usr/local/lib/python3.10/dist-packages/faiss/class_wrappers.py", line 228, in replacement_add\n    assert d == self.d\nAssertionError',
      'config_error/invalid_config',
    ],
  ],
  [
    // Any other failed assertion stays an assertion.
    [
      'Traceback (most recent call last):\n  File "train.py", line 40, in <module>\n    assert len(batch) == cfg.batch_size\nAssertionError',
      'runtime_error/assertion_failed',
    ],
  ],
);

// Ollama's runner cuts a prompt longer than the model's num_ctx and logs both sizes: the prompt
// did not fit the context window.
familyWithControls(
  "Ollama's prompt truncation reads as a context overflow",
  [
    [
      'time=2025-03-02T09:12:44.101Z level=WARN source=runner.go:130 msg="truncating input prompt" limit=4096 prompt=7311 keep=4 new=4096',
      'context_overflow/context_length_exceeded',
    ],
    [
      'ollama  | time=2024-11-20T14:03:10.552+01:00 level=WARN source=runner.go:127 msg="truncating input prompt" limit=8192 numKeep=5 prompt=12044',
      'context_overflow/context_length_exceeded',
    ],
  ],
  [
    // Ollama failing to load the model is not about the prompt.
    [
      'time=2025-03-02T09:12:44.101Z level=ERROR source=sched.go:455 msg="error loading llama server" error="llama runner process has terminated: error loading model: unable to allocate CUDA0 buffer"',
      'resource_error/gpu_oom',
    ],
  ],
);

// Hugging Face Trainer refuses --fp16/--bf16 on a host whose device cannot run it: a setting the
// host cannot honour (rule 3), config_error/invalid_config, not a value error in the program.
familyWithControls(
  'mixed precision requested on a host without the device reads as invalid configuration',
  [
    [
      'Traceback (most recent call last):\n  File "finetune.py", line 212, in <module>\n    args = parser.parse_args_into_dataclasses()[0]\n  File "<string>", line 131, in __init__\n  File "/opt/conda/lib/python3.10/site-packages/transformers/training_args.py", line 1579, in __post_init__\n    raise ValueError(\nValueError: FP16 Mixed precision training with AMP or APEX (`--fp16`) and FP16 half precision evaluation (`--fp16_full_eval`) can only be used on CUDA or MLU devices or NPU devices or certain XPU devices (with IPEX).',
      'config_error/invalid_config',
    ],
    [
      "ValueError: Your setup doesn't support bf16/gpu. You need torch>=1.10, using Ampere GPU with cuda>=11.0",
      'config_error/invalid_config',
    ],
  ],
  [
    // A plain value error stays one.
    ["ValueError: invalid literal for int() with base 10: 'abc'", 'runtime_error/value_error'],
  ],
);

// OpenAI's request validation names the JSON path of the message field it rejects: a message
// list the client built wrong (rule 10), validation_error/schema_violation.
familyWithControls(
  "a rejected '$.messages[N]' field reads as a schema violation",
  [
    [
      "openai.BadRequestError: Error code: 400 - {'error': {'message': \"'$.messages[2].content' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.\", 'type': 'invalid_request_error', 'param': None, 'code': None}}",
      'validation_error/schema_violation',
    ],
    [
      "Error: 400 '$.messages[11].tool_calls[0].function.arguments' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
      'validation_error/schema_violation',
    ],
  ],
  [
    // A parameter out of range is a bad argument, not the message list.
    [
      "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3.5 instead.\", 'type': 'invalid_request_error', 'param': 'temperature', 'code': 'decimal_above_max_value'}}",
      'validation_error/invalid_argument',
    ],
  ],
);

// transformers names a tokenizer class its installed release does not have: the model was
// published for a newer transformers (rule 5), import_error/version_conflict.
familyWithControls(
  'an unknown tokenizer class reads as a version conflict',
  [
    [
      'Traceback (most recent call last):\n  File "serve.py", line 14, in <module>\n    tok = AutoTokenizer.from_pretrained(args.model)\n  File "/usr/lib/python3.10/site-packages/transformers/models/auto/tokenization_auto.py", line 748, in from_pretrained\n    raise ValueError(\nValueError: Tokenizer class Qwen2Tokenizer does not exist or is not currently imported.',
      'import_error/version_conflict',
    ],
    ['ValueError: Tokenizer class GemmaTokenizer does not exist or is not currently imported.', 'import_error/version_conflict'],
  ],
  [['ValueError: too many values to unpack (expected 2)', 'runtime_error/value_error']],
);

// An MCP client's log of a stdio server whose process exited ("Server transport closed
// unexpectedly, this is likely due to the process exiting early"): the server failed (rule 10,
// tool_error/tool_execution_failed), not the network, and a cause the server printed to stderr
// before it exited (a module it cannot import, a command Windows cannot find) is the reading (rule 1).
const MCP_OPEN = [
  '2025-06-03T08:14:02.120Z [weather] [info] Initializing server...',
  '2025-06-03T08:14:02.161Z [weather] [info] Server started and connected successfully',
  '2025-06-03T08:14:02.170Z [weather] [info] Message from client: {"method":"initialize","params":{"protocolVersion":"2024-11-05","capabilities":{},"clientInfo":{"name":"claude-ai","version":"0.1.0"}},"jsonrpc":"2.0","id":0}',
].join('\n');
const MCP_CLOSE = [
  '2025-06-03T08:14:02.733Z [weather] [info] Server transport closed',
  '2025-06-03T08:14:02.733Z [weather] [info] Client transport closed',
  "2025-06-03T08:14:02.734Z [weather] [info] Server transport closed unexpectedly, this is likely due to the process exiting early. If you are developing this MCP server you can add output to stderr (i.e. `console.error('...')` in JavaScript, `print('...', file=sys.stderr)` in python) and it will appear in this log.",
  '2025-06-03T08:14:02.734Z [weather] [error] Server disconnected. For troubleshooting guidance, please visit our [debugging documentation](https://modelcontextprotocol.io/docs/tools/debugging) {"context":"connection"}',
].join('\n');
familyWithControls(
  'an MCP server process that exited early reads as the server failing, or as the cause it printed',
  [
    [`${MCP_OPEN}\n${MCP_CLOSE}`, 'tool_error/tool_execution_failed'],
    [`${MCP_OPEN}\nerror: No module named 'weather_server'\n${MCP_CLOSE}`, 'import_error/module_not_found'],
    [
      `${MCP_OPEN}\n'C:\\Users\\Ana' is not recognized as an internal or external command,\noperable program or batch file.\n${MCP_CLOSE}`,
      'config_error/file_not_found',
    ],
  ],
  [
    // A connection the peer dropped, with no MCP process exit, stays a reset.
    [
      "requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
      'network_error/connection_reset',
    ],
    [
      'Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)',
      'network_error/connection_reset',
    ],
  ],
);
