/**
 * Agent, LLM-provider and infrastructure failures read by what they are made of (issue 13): the
 * error types, codes and fixed wordings of model servers (llama.cpp server, TGI, vLLM,
 * TensorRT-LLM), provider bodies (Anthropic, OpenAI, Vertex AI, DashScope), agent frameworks and
 * their tool calls (MCP clients, Qwen-Agent, the Vercel AI SDK, toolbox SDKs), evaluation harnesses
 * (lm-evaluation-harness, OpenCompass), vector stores (Chroma, Pinecone) and schedulers
 * (Kubernetes evictions, exit 137).
 *
 * Every family pairs the texts it must read (positive) with a near text that must not be read that
 * way (negative control), so a pattern that swallowed its neighbours would fail here. The examples
 * are written for this test in the wording those tools print; they are not the accuracy cases.
 */
import t from 'tap';
import { familyWithControls, readLog, readTrace } from './patterns-read.js';

familyWithControls(
  "a model server's context-size refusal is the context window, whatever status wraps it",
  [
    [
      '{"error":{"code":400,"message":"the request exceeds the available context size. try increasing the context size or enable context shift","type":"exceed_context_size_error","n_prompt_tokens":9120,"n_ctx":4096}}',
      'context_overflow/context_length_exceeded',
    ],
    [
      '{"error":{"code":500,"message":"Context size has been exceeded.","type":"server_error"}}',
      'context_overflow/context_length_exceeded',
    ],
    [
      'huggingface_hub.errors.ValidationError: Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 3900 `inputs` tokens and 512 `max_new_tokens`',
      'context_overflow/context_length_exceeded',
    ],
  ],
  [
    // The same server's bare 500 is the server.
    ['{"error":{"code":500,"message":"Internal Server Error","type":"server_error"}}', 'upstream_error/upstream_5xx'],
  ],
);

familyWithControls(
  'a quota counted per minute is a rate limit, also when the metric name spells it with underscores (rule 10)',
  [
    [
      'google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-pro. Please submit a quota increase request.',
      'rate_limit/provider_rate_limit',
    ],
    [
      'the service reports an error with code RESOURCE_EXHAUSTED described as: Quota exceeded for aiplatform.googleapis.com/embed_content_input_tokens_per_minute_per_base_model with base model: text-embedding-005.',
      'rate_limit/provider_rate_limit',
    ],
  ],
  [
    [
      'openai.RateLimitError: Error code: 429 - You exceeded your current quota, please check your plan and billing details.',
      'resource_error/quota_exceeded',
    ],
  ],
);

familyWithControls(
  '"temporarily out of capacity" is an overloaded model, not a quota or a rate limit (rule 10)',
  [
    [
      'com.google.api.gax.rpc.ResourceExhaustedException: io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: Unable to submit request because the service is temporarily out of capacity. Try again later.',
      'upstream_error/model_overloaded',
    ],
  ],
  [['io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: Too many requests, please slow down', 'rate_limit/provider_rate_limit']],
);

familyWithControls(
  'tool calls and tool results that do not pair up are a request the client built wrong (rule 10)',
  [
    [
      "anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': 'invalid_request_error', 'message': 'messages.6: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01AbC. Each `tool_use` block must have a corresponding `tool_result` block in the next message.'}}",
      'validation_error/schema_violation',
    ],
    [
      'Error: messages.0.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_015cq. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
      'validation_error/schema_violation',
    ],
    [
      "openai.BadRequestError: Error code: 400 - {'error': {'message': \"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_9\", 'type': 'invalid_request_error'}}",
      'validation_error/schema_violation',
    ],
    ['Error: 400 No tool output found for function call call_abc123.', 'validation_error/schema_violation'],
  ],
  [
    // A tool that ran and failed, and a call whose arguments did not fit the function, stay tool errors.
    ["ToolException: the weather service answered 'city not found' for Pariss", 'tool_error/tool_execution_failed'],
    ["Error in tool call execution: search() missing 1 required positional argument: 'query'", 'tool_error/invalid_tool_args'],
  ],
);

familyWithControls(
  "a tool's argument validation, and tool arguments that are not JSON, are the model's tool arguments",
  [
    [
      'Error: Argument validation failed for tool "search-hotels-by-name":\n - name: Invalid input: expected string, received undefined\n    at callable (file:///app/node_modules/@toolbox-sdk/core/build/tool.js:79:23)',
      'tool_error/invalid_tool_args',
    ],
    [
      '400 Bad Request: {"error":{"code":"invalid_parameter_error","message":"InternalError.Algo.InvalidParameter: The \\"function.arguments\\" parameter of the code model must be in JSON format.","type":"invalid_request_error"}}',
      'tool_error/invalid_tool_args',
    ],
  ],
  [
    // A request parameter the API rejects, with no tool in sight, stays an invalid argument.
    [
      '400 Bad Request: {"error":{"code":"invalid_parameter_error","message":"InternalError.Algo.InvalidParameter: Range of temperature should be [0.0, 2.0)","type":"invalid_request_error"}}',
      'validation_error/invalid_argument',
    ],
  ],
);

t.test("a JSON error where the agent parses a tool call's arguments is the model's tool arguments", async (t) => {
  const stack = (extra: string) =>
    `[WARNING] An error occurred when calling tool \`web_fetch\`:\nJSONDecodeError: Unterminated string starting at: line 1 column 111 (char 110)\nTraceback:\n  File "/opt/app/agent.py", line 178, in _call_tool\n    tool_result = tool.call(tool_args, **kwargs)\n  File "/opt/app/tools/mcp_manager.py", line 179, in call\n    tool_args = json.loads(params)\n  File "/usr/lib/python3.10/json/decoder.py", line 353, in raw_decode\n    obj, end = self.scan_once(s, idx)${extra}`;
  const args = readTrace('JSONDecodeError', 'Unterminated string starting at: line 1 column 111 (char 110)', stack(''));
  t.equal(`${args.category}/${args.factor}`, 'tool_error/invalid_tool_args', `tool arguments (${args.code})`);
  // Negative controls: the same error with the answer cut at max tokens is the truncation; a
  // JSON error of a model's reply outside a tool call stays what it was.
  const cut = readTrace(
    'JSONDecodeError',
    'Unterminated string starting at: line 1 column 111 (char 110)',
    stack('\nfinish_reason: length'),
  );
  t.equal(`${cut.category}/${cut.factor}`, 'context_overflow/max_tokens_truncated', `cut by the token limit (${cut.code})`);
  const reply = readLog(
    'File "/usr/lib/python3/site-packages/langchain_core/output_parsers/json.py", line 86, in parse_result\njson.decoder.JSONDecodeError: Invalid \\escape: line 2 column 7 (char 9)',
  );
  t.equal(`${reply.category}/${reply.factor}`, 'output_parse_error/invalid_json_output', `a model reply (${reply.code})`);
});

familyWithControls(
  'a tool call that got no answer in time is a request timeout, not the tool failing (rule 10)',
  [
    ['错误: Error calling tool: Request timed out after 30000ms', 'timeout/request_timeout'],
    [
      '{"error": "MCP error -32603: MCP error -32603: Error calling tool zhi: MCP error -32001: Request timed out "}',
      'timeout/request_timeout',
    ],
  ],
  [['Error executing tool fetch_page: the page returned an empty body', 'tool_error/tool_execution_failed']],
);

familyWithControls(
  "the Vercel AI SDK's NoObjectGeneratedError is a model answer that did not parse",
  [
    ['AI_NoObjectGeneratedError: No object generated: could not parse the response.', 'output_parse_error/invalid_json_output'],
    [
      'Error: No object generated: could not parse the response.\n    at generateObject (index.mjs:2931:13)',
      'output_parse_error/invalid_json_output',
    ],
  ],
  // Another NoObjectGeneratedError cause (no answer at all) is not read as an unparsable answer.
  [['Error: No object generated: the model did not return a response.', 'runtime_error/unhandled_exception']],
);

familyWithControls(
  'a model server that cannot reserve its GPU memory at start-up is out of GPU memory',
  [
    [
      'ValueError: Free memory on device (67.24/79.25 GiB) on startup is less than desired GPU memory utilization (0.9, 71.33 GiB). Decrease GPU memory utilization or reduce GPU memory used by other processes.',
      'resource_error/gpu_oom',
    ],
    [
      "ValueError: To serve at least one request with the models's max seq len (131072), (4.11 GiB KV cache is needed, which is larger than the available KV cache memory (4.0 GiB).",
      'resource_error/gpu_oom',
    ],
    [
      "Model 'tensorrt_llm' loading failed with error: version 1 is at UNAVAILABLE state: Internal: [TensorRT-LLM][ERROR] CUDA runtime error in ::cudaMallocAsync(ptr, n, mCudaStream->get()): out of memory (/app/tensorrt_llm/runtime/tllmBuffers.h:112)",
      'resource_error/gpu_oom',
    ],
  ],
  [
    // Triton's model state UNAVAILABLE (the model did not load) is no gRPC/HTTP status answered to a
    // client: upstream.5xx does not read it (the tuned cases with the form: corrupt input, a version
    // conflict, a GPU OOM, never upstream_5xx); without the OOM words it is not gpu_oom either.
    [
      "Model 'tensorrt_llm' loading failed with error: version 1 is at UNAVAILABLE state: Internal: backend crashed",
      '!resource_error/gpu_oom',
    ],
  ],
);

familyWithControls(
  'exit 137 in a parenthesis or a status line is the kernel killing for memory',
  [
    ['[f8107735c673549d7acd-n0-0] terminated with exit code (137). Reason [Error]. Message: \n.', 'resource_error/host_oom'],
    ['Status code 137 indicates OOM error in the docker container.', 'resource_error/host_oom'],
  ],
  [['Exited with status code 1 after 3 retries', 'unknown/unknown']],
);

familyWithControls(
  'a pod evicted for ephemeral storage is a full disk',
  [
    [
      "status:\n  message: 'The node was low on resource: ephemeral-storage. Container worker was using 73712Ki, which exceeds its request of 0. '\n  phase: Failed\n  reason: Evicted",
      'resource_error/disk_full',
    ],
  ],
  [
    [
      "status:\n  message: 'The node was low on resource: memory. Container worker was using 3Gi.'\n  reason: Evicted",
      'resource_error/host_oom',
    ],
  ],
);

familyWithControls(
  'an API key that was never configured is a missing setting, one that was refused is a credential',
  [
    [
      'wandb.errors.UsageError: api_key not configured (no-tty). call wandb.login(key=[your_api_key])',
      'config_error/missing_env_var',
    ],
    ['ValueError: OpenAI API key not set in .env file', 'config_error/missing_env_var'],
  ],
  [['openai.AuthenticationError: Error code: 401 - Incorrect API key provided: sk-abc.', 'auth_error/invalid_credentials']],
);

familyWithControls(
  'a step that found nothing to work on is an empty input',
  [
    ['ValueError: task.build_requests() did not find any docs!', 'data_error/empty_input'],
    ['ValueError: Expected IDs to be a non-empty list, got 0 IDs', 'data_error/empty_input'],
    ['ValueError: Expected Embedings to be non-empty list or numpy array, got []', 'data_error/empty_input'],
    [
      'ERROR: opencompass/tasks/openicl_eval.py - _score - 236 - Task [opt125m/siqa]: No predictions found.',
      'data_error/empty_input',
    ],
  ],
  [['ValueError: Number of embeddings 3 must match number of ids 4', 'runtime_error/value_error']],
);

t.test(
  "a tool the model named that is not registered is a missing tool; a C++ backtrace's <unknown function> is not",
  async (t) => {
    const unavailable = readLog(
      "Error:\nModel tried to call unavailable tool 'web_search'. Available tools: edit_file, glob, grep, read_file.",
    );
    t.equal(
      `${unavailable.category}/${unavailable.factor}`,
      'tool_error/tool_not_found',
      `unavailable tool (${unavailable.code})`,
    );
    // PyTorch's NCCL watchdog prints native frames as "<unknown function>": no tool is involved.
    const frames = readLog(
      'Exception raised from ncclCommWatchdog at ../torch/csrc/distributed/c10d/ProcessGroupNCCL.cpp:1521 (most recent call first):\nframe #2: c10d::ProcessGroupNCCL::watchdogHandler() + 0x233 (0x1554e9e16333 in /env/lib/libtorch_cuda.so)\nframe #4: <unknown function> + 0xdfc74 (0x15554f329c74 in /usr/lib/libstdc++.so.6)\nframe #5: <unknown function> + 0x81ca (0x155554e081ca in /lib64/libpthread.so.0)',
    );
    t.not(frames.category, 'tool_error', `native frames are not a tool (${frames.code}: ${frames.category}/${frames.factor})`);
  },
);

familyWithControls(
  'an embedding size the vector index was not built for is the configuration',
  [
    [
      'PineconeBadRequestError: Vector dimension 768 does not match the dimension of the index 1536',
      'config_error/invalid_config',
    ],
    [
      'lightrag - ERROR - Embedding func: Embedding dimension mismatch detected: total elements (1024) cannot be evenly divided by expected dimension (1536).',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      'PineconeBadRequestError: Index name must consist of lower case alphanumeric characters or "-"',
      'runtime_error/unhandled_exception',
    ],
  ],
);

familyWithControls(
  'counts and devices are not types or wrong results: Python and PyTorch built-in messages',
  [
    ['ValueError: not enough values to unpack (expected 2, got 1)', 'runtime_error/value_error'],
    [
      'RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!',
      'runtime_error/unhandled_exception',
    ],
  ],
  [
    ['InvalidTypeError: Expected type int, got str for field "epochs"', 'validation_error/type_mismatch'],
    ['AssertionError: assert 3 == 4', 'logic_error/wrong_output'],
  ],
);

familyWithControls(
  "vLLM's 'set the env var ... to allow overriding' names a setting that is too large, not a missing variable",
  [
    [
      "Value error, User-specified max_model_len (131072) is greater than the derived max_model_len (max_position_embeddings=32768.0 or model_max_length=None in model's config.json). To allow overriding this maximum, set the env var VLLM_ALLOW_LONG_MAX_MODEL_LEN=1.",
      'config_error/invalid_config',
    ],
  ],
  [['RuntimeError: the environment variable VLLM_API_KEY is not set', 'config_error/missing_env_var']],
);

familyWithControls(
  'a benchmark or regression report whose scores fell against its baseline is below the baseline',
  [
    [
      'Some test performance scores *decreased*. Please look at the following table for more details.\nDataset repository branch: `fix-model-regression-tests`',
      'logic_error/below_baseline',
    ],
    [
      'When I conducted a benchmark test, I found that the accuracy decreased, some configs results list:\nModel  Top1 (metric)  Top1 (baseline)\nresnet50  68.1  77.7',
      'logic_error/below_baseline',
    ],
  ],
  // Without a baseline or a regression reference, "accuracy decreased" is a remark, not a verdict.
  [['epoch 12: validation accuracy decreased from 0.81 to 0.79', 'unknown/unknown']],
);

familyWithControls(
  "an evaluation task the harness's index does not hold is the run's setting",
  [
    [
      'ValueError: Tasks claim_binary were not found. Try `lm-eval --tasks list` for list of available tasks.',
      'config_error/invalid_config',
    ],
    [
      'Traceback (most recent call last):\n  File "/env/lib/python3.10/site-packages/lm_eval/tasks/__init__.py", line 420, in get_task_dict\n    task_name_from_string_dict = task_manager.load_task_or_group(\n  File "/env/lib/python3.10/site-packages/lm_eval/tasks/__init__.py", line 117, in _get_tasklist\n    return self.task_index[name]["task"]\nKeyError: \'hendrycksTest-*\'',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      'Traceback (most recent call last):\n  File "train.py", line 40, in <module>\n    y = batch["labels"]\nKeyError: \'labels\'',
      'runtime_error/key_error',
    ],
  ],
);

t.test("a JSON error where a tool call's arguments are loaded, named by the assignment alone", async (t) => {
  const args = readLog(
    'JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n  File "/srv/app/runner.py", line 88, in dispatch\n    tool_args = json.loads(call.arguments)',
  );
  t.equal(`${args.category}/${args.factor}`, 'tool_error/invalid_tool_args', `tool_args = json.loads (${args.code})`);
  // Negative control: the same error loading a settings file is the file's syntax.
  const file = readLog('Loading config.json\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)');
  t.equal(`${file.category}/${file.factor}`, 'syntax_error/json_syntax', `a settings file (${file.code})`);
});

familyWithControls(
  'a 401 in a JSON body, and a key the service calls missing or invalid, are rejected credentials',
  [
    [
      '{\n  "success": false,\n  "error": "unauthorized",\n  "message": "Agent authentication failed",\n  "status_code": 401\n}',
      'auth_error/invalid_credentials',
    ],
    [
      'PineconeError: Failed getting project name. Error: Unauthorized - API key is missing or invalid for the environment "us-west1-gcp".',
      'auth_error/invalid_credentials',
    ],
  ],
  [['{\n  "success": false,\n  "error": "forbidden",\n  "status_code": 403\n}', 'auth_error/permission_denied']],
);

familyWithControls(
  "a remote code sandbox whose lifetime ran out is a deadline; the SDK's hint on a gateway error is not",
  [
    [
      "e2b.exceptions.TimeoutException: The sandbox was not found: This error is likely due to sandbox timeout. You can modify the sandbox timeout by passing 'timeout' when starting the sandbox.",
      'timeout/deadline_exceeded',
    ],
  ],
  [
    [
      'TimeoutError: <html><head><title>502 Bad Gateway</title></head></html>\n: This error is likely due to sandbox timeout.',
      '!timeout/deadline_exceeded',
    ],
  ],
);

familyWithControls(
  'a model name or route the provider cannot serve is the configuration (rule 3)',
  [
    [
      'API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: sonnet"},"request_id":"req_011"}',
      'config_error/invalid_config',
    ],
    [
      'Error [AI_APICallError]: No endpoints found that support tool use. To learn more about provider routing, visit: https://openrouter.ai/docs',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      'API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"file: file_011 not found"},"request_id":"req_012"}',
      '!config_error/invalid_config',
    ],
  ],
);

familyWithControls(
  'a JSON settings file that does not parse is its syntax, also in a model client',
  [
    [
      'Could not load app settings: There was an error reading or parsing claude_desktop_config.json: SyntaxError: Unexpected non-whitespace character after JSON at position 12 (line 1 column 13)',
      'syntax_error/json_syntax',
    ],
  ],
  [
    [
      'claude: OutputParserException: Could not parse LLM output: SyntaxError: Unexpected token < in JSON at position 0',
      '!syntax_error/json_syntax',
    ],
  ],
);

familyWithControls(
  "a tool's parameter schema that the client or the API rejects is a schema violation (rule 10)",
  [
    [
      'Failed to validate tool mcp_petstore_findPets: Error: tool parameters array type must have items. Please open a Github issue for the MCP server or extension which provides this tool',
      'validation_error/schema_violation',
    ],
    [
      'failed to stream completion: error during streamGenerateContent, status code: 400, body: {"error": {"code": 400, "message": "Invalid JSON payload received. Unknown name \\"const\\" at \'tools[0].function_declarations[5].parameters.properties[8].value\': Cannot find field."}}',
      'validation_error/schema_violation',
    ],
  ],
  [
    // The same Gemini wording for a misspelt request field (no tool declaration) is the argument.
    [
      'status code: 400, body: {"error": {"code": 400, "message": "Invalid JSON payload received. Unknown name \\"temprature\\" at \'generation_config\': Cannot find field.", "status": "INVALID_ARGUMENT"}}',
      'validation_error/invalid_argument',
    ],
  ],
);

familyWithControls(
  "LiteLLM's and the agent frameworks' exception classes name their cause",
  [
    [
      'litellm.exceptions.ContextWindowExceededError: litellm.BadRequestError: OpenAIException - Input tokens exceed the configured limit of 272000 tokens.',
      'context_overflow/context_length_exceeded',
    ],
    [
      "Error code: 400 - {'error': {'message': 'Budget has been exceeded! Current cost: 9.76, Max budget: 9.75', 'type': 'budget_exceeded', 'param': None, 'code': '400'}}",
      'resource_error/quota_exceeded',
    ],
    [
      'dspy.utils.exceptions.AdapterParseError: Adapter ChatAdapter failed to parse the LM response.\n\nExpected to find output fields in the LM response: [reasoning, answer]',
      'output_parse_error/schema_mismatch_output',
    ],
    ['smolagents.utils.AgentMaxStepsError: Reached max steps.', 'agent_loop/max_iterations'],
    [
      "haystack.core.errors.PipelineMaxComponentRuns: Maximum run count 100 reached for component 'llm'",
      'agent_loop/max_iterations',
    ],
    [
      'agents.exceptions.InputGuardrailTripwireTriggered: Guardrail InputGuardrail triggered tripwire',
      'validation_error/forbidden_operation',
    ],
    // Read from the exception table alone (no pattern names it).
    [
      'smolagents.utils.AgentParsingError: Error in code parsing: the code blob is invalid',
      'output_parse_error/schema_mismatch_output',
    ],
  ],
  [
    // The same libraries' other errors, and settings named like the limits, are not those causes.
    [
      'litellm.exceptions.RateLimitError: litellm.RateLimitError: OpenAIException - Rate limit reached for gpt-4o',
      'rate_limit/provider_rate_limit',
    ],
    ['ValueError: max_budget must be a positive number', '!resource_error/quota_exceeded'],
    ['ValueError: Signature must have at least one output field', '!output_parse_error/schema_mismatch_output'],
    ['ValueError: max_steps must be a positive integer', '!agent_loop/max_iterations'],
    ['INFO: Guardrail relevance_check passed', '!validation_error/forbidden_operation'],
  ],
);

familyWithControls(
  "Groq's tool_use_failed is the model's generation (no tool call parsed from it), not the request",
  [
    [
      "groq.BadRequestError: Error code: 400 - {'error': {'message': \"Failed to call a function. Please adjust your prompt. See 'failed_generation' for more details.\", 'type': 'invalid_request_error', 'code': 'tool_use_failed', 'failed_generation': '<function=web_search>{\"query\": \"x\"}</function>'}}",
      'output_parse_error/invalid_json_output',
    ],
    ['{"error":{"type":"invalid_request_error","code":"tool_use_failed"}}', 'output_parse_error/invalid_json_output'],
  ],
  [
    [
      "groq.BadRequestError: Error code: 400 - {'error': {'message': 'messages.1.content must be a string', 'type': 'invalid_request_error'}}",
      'validation_error/invalid_argument',
    ],
  ],
);

familyWithControls(
  'retrieval and structured-output set-ups: a missing collection, a window too small for the prompt, a response schema the API rejects',
  [
    [
      'qdrant_client.http.exceptions.UnexpectedResponse: Unexpected Response: 404 (Not Found)\nRaw response content:\nb\'{"status":{"error":"Not found: Collection `techdocs` doesn\\\'t exist!"},"time":8.2e-06}\'',
      'config_error/invalid_config',
    ],
    [
      "ValueError: Index 'yt-rag' not found in your Pinecone project. Did you mean one of the following indexes: docs",
      'config_error/invalid_config',
    ],
    ['ValueError: Calculated available context size -271 was not non-negative.', 'context_overflow/context_length_exceeded'],
    [
      "AI_APICallError: Invalid schema for response_format 'response': In context=('properties', 'organizations', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'roles'.",
      'validation_error/schema_violation',
    ],
  ],
  [
    // A collection that exists but holds vectors of another size is the embedding dimension (same
    // reading, another rule); a response_format the model does not offer is an argument.
    ['Vector dimension error: expected dim: 384, got 1024', 'config_error/invalid_config'],
    ['qdrant_client.http.exceptions.UnexpectedResponse: Unexpected Response: 404 (Not Found)', '!config_error/invalid_config'],
    [
      "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.\", 'type': 'invalid_request_error'}}",
      'validation_error/invalid_argument',
    ],
  ],
);

familyWithControls(
  'settings never provided, a model identifier Bedrock cannot resolve, a prompt the safety system rejects',
  [
    [
      'pydantic_core._pydantic_core.ValidationError: 2 validation errors for Settings\nAPI_ID\n  Field required [type=missing, input_value={}, input_type=dict]\nAPI_HASH\n  Field required [type=missing, input_value={}, input_type=dict]',
      'config_error/missing_env_var',
    ],
    [
      'botocore.errorfactory.ResourceNotFoundException: An error occurred (ResourceNotFoundException) when calling the InvokeModel operation: Could not resolve the foundation model from the provided model identifier.',
      'config_error/invalid_config',
    ],
    [
      'botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the InvokeModelWithResponseStream operation: Invocation of model ID anthropic.claude-3-5-sonnet-20241022-v2:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
      'config_error/invalid_config',
    ],
    [
      'OpenAI Image Error: 400 - Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
      'validation_error/forbidden_operation',
    ],
  ],
  [
    // A settings model given a value it does not accept is the schema, not a missing variable.
    [
      "pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings\nenable_auto_task\n  Extra inputs are not permitted [type=extra_forbidden, input_value='True', input_type=str]",
      'validation_error/schema_violation',
    ],
    // A request model missing a field the caller built is not the environment.
    [
      "pydantic_core._pydantic_core.ValidationError: 1 validation error for ChatRequest\nmessages\n  Field required [type=missing, input_value={'model': 'gpt-4o'}, input_type=dict]",
      '!config_error/missing_env_var',
    ],
  ],
);

familyWithControls(
  "Go's DNS failures and torch.save's interrupted checkpoint writes",
  [
    [
      'docker: Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving.',
      'network_error/dns_failure',
    ],
    [
      'Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 192.168.1.1:53: read udp 192.168.1.20:54328->192.168.1.1:53: i/o timeout',
      'network_error/dns_failure',
    ],
    [
      '  File "/env/lib/python3.11/site-packages/torch/serialization.py", line 1266, in _save\n    zip_file.write_record(name, storage, num_bytes)\nRuntimeError: [enforce fail at inline_container.cc:857] . PytorchStreamWriter failed writing file data/37: file write failed',
      'resource_error/disk_full',
    ],
    [
      'RuntimeError: [enforce fail at inline_container.cc:298] . unexpected pos 322619584 vs 322619472',
      'resource_error/disk_full',
    ],
  ],
  [
    // Reading a checkpoint that was cut short is the damaged file, not the disk.
    [
      'RuntimeError: [enforce fail at inline_container.cc:145] . PytorchStreamReader failed reading zip archive: failed finding central directory',
      'data_error/corrupt_input',
    ],
    // A dial that reached the address and was refused is not DNS.
    ['dial tcp 10.0.0.5:6379: connect: connection refused', 'network_error/connection_refused'],
  ],
);

familyWithControls(
  "provider and tool wordings of agent frameworks: LiteLLM's missing provider, n8n/Flowise tool input, Gemini's malformed call, an MCP server gone",
  [
    [
      'litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM provider you are trying to call. You passed model=llama2',
      'config_error/invalid_config',
    ],
    [
      'ProviderModelNotFoundError: ProviderModelNotFoundError\n data: {\n  providerID: "minimax",\n  modelID: "M2",\n}',
      'config_error/invalid_config',
    ],
    [
      'NodeOperationError: Received tool input did not match expected schema\n✖ Required\n  → at query',
      'tool_error/invalid_tool_args',
    ],
    [
      'vertexai.generative_models._generative_models.ResponseValidationError: The model response did not complete successfully.\nFinish reason: 9.\nFinish message: Malformed function call:\nprint(28 > 30)',
      'tool_error/invalid_tool_args',
    ],
    ['Error: MCP error -1: Connection closed', 'tool_error/tool_execution_failed'],
  ],
  [
    // The same SDK's response that failed validation for another reason stays the model's output.
    [
      'File "/app/chain.py", line 12, in ask\n    answer = llm.with_structured_output(Answer).invoke(q)\nvertexai.generative_models._generative_models.ResponseValidationError: The model response did not complete successfully.\nFinish reason: 2.\nFinish message: ',
      '!tool_error/invalid_tool_args',
    ],
    // A provider that is named but refuses the key is the credential.
    [
      'litellm.AuthenticationError: AuthenticationError: OpenAIException - Incorrect API key provided: sk-xx',
      'auth_error/invalid_credentials',
    ],
  ],
);

familyWithControls(
  "a data loader's workers killed by a bus error for lack of shared memory are out of host memory",
  [
    [
      "RuntimeError: DataLoader worker (pid 46794) is killed by signal: Bus error. It is possible that dataloader's workers are out of shared memory. Please try to raise your shared memory limit.",
      'resource_error/host_oom',
    ],
    [
      'ERROR: Unexpected bus error encountered in worker. This might be caused by insufficient shared memory (shm).',
      'resource_error/host_oom',
    ],
  ],
  [['RuntimeError: DataLoader worker (pid 4242) is killed by signal: Segmentation fault.', '!resource_error/host_oom']],
);
