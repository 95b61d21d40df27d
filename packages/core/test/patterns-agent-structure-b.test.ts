/**
 * Agent and infrastructure failures read by their structure (issue 13, second pass, from the
 * misses of agent-6 and robotics-10 in test/accuracy/census-2026-12-05-agent-b.md): the dynamic
 * linker's versioned requirement, a provider's request path into the tool definitions or the
 * message roles, billing codes and HTTP 402, pydantic-ai's output retries, a test asserting a
 * figure against a decimal threshold, empty retrieval input.
 *
 * Every family pairs the texts it must read (positive) with a near text that must not be read that
 * way (negative control), so a reading that swallowed its neighbours fails here. The examples are
 * written for this test in the wording those tools print; they are not the accuracy cases.
 */
import t from 'tap';
import { familyWithControls, readLog, readTrace } from './patterns-read.js';

familyWithControls(
  "the dynamic linker's versioned requirement is a version conflict, not a missing module (rule 5)",
  [
    [
      "ImportError: /usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /opt/venv/lib/python3.10/site-packages/planner/_native.cpython-310-x86_64-linux-gnu.so)",
      'import_error/version_conflict',
    ],
    [
      "./llama-server: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found (required by ./llama-server)",
      'import_error/version_conflict',
    ],
  ],
  [
    // The library itself absent is a missing native library; a module absent is a missing module.
    ['ImportError: libGL.so.1: cannot open shared object file: No such file or directory', 'import_error/missing_native_lib'],
    ["ModuleNotFoundError: No module named 'planner'", 'import_error/module_not_found'],
  ],
);

familyWithControls(
  'a tool result that answers no tool call is a request the client built wrong (rule 10), in either spelling',
  [
    [
      `Error code: 400 - {"error":{"message":"Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.","type":"invalid_request_error","param":"messages.[4].role"}}`,
      'validation_error/schema_violation',
    ],
    [
      `BadRequestError: Error code: 400 - {'error': {'message': "Messages with role \\"tool\\" must be a response to a preceding message with \\"tool_calls\\"", 'type': 'invalid_request_error'}}`,
      'validation_error/schema_violation',
    ],
  ],
  [
    // Another field of a message refused by the same API is not the pairing.
    [
      `Error code: 400 - {"error":{"message":"Invalid 'messages[2].content': string too long. Expected a string with maximum length 1048576.","type":"invalid_request_error"}}`,
      '!validation_error/schema_violation',
    ],
  ],
);

familyWithControls(
  "a request refused at a path into its tool definitions is the tool's schema (rule 10)",
  [
    [
      `error, status code: 400, message: Invalid 'tools[3].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      'validation_error/schema_violation',
    ],
    [
      "google.genai.errors.ClientError: 400 INVALID_ARGUMENT. {'error': {'code': 400, 'message': '* GenerateContentRequest.tools[0].function_declarations[2].parameters.properties[ids].items: missing field.', 'status': 'INVALID_ARGUMENT'}}",
      'validation_error/schema_violation',
    ],
  ],
  [
    // The same refusal at a path into the messages is not a tool definition.
    [
      "google.genai.errors.ClientError: 400 INVALID_ARGUMENT. {'error': {'code': 400, 'message': '* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.', 'status': 'INVALID_ARGUMENT'}}",
      '!validation_error/schema_violation',
    ],
    [
      `error, status code: 400, message: Invalid 'messages[1].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      '!validation_error/schema_violation',
    ],
  ],
);

familyWithControls(
  'an account that cannot pay is a billing quota: the Arrearage code, HTTP 402, a gateway asking for more credits (rule 10)',
  [
    [
      'com.alibaba.dashscope.exception.ApiException: {"statusCode":400,"message":"Access denied, please make sure your account is in good standing.","code":"Arrearage","isJson":true}',
      'resource_error/quota_exceeded',
    ],
    [
      '[ERROR] call failed, status_code: 400, code: Arrearage, message: Access denied, please make sure your account is in good standing.',
      'resource_error/quota_exceeded',
    ],
    [
      '{"error":{"message":"This request requires more credits, or fewer max_tokens. You requested up to 8192 tokens, but can only afford 2100.","code":402}}',
      'resource_error/quota_exceeded',
    ],
    ['request failed: {"error":{"message":"payment required for this model","code":402}}', 'resource_error/quota_exceeded'],
  ],
  [
    // The same provider's refusal of a parameter is the parameter; a per-minute limit stays a rate limit.
    [
      'com.alibaba.dashscope.exception.ApiException: {"statusCode":400,"message":"Range of input length should be [1, 30720]","code":"InvalidParameter","isJson":true}',
      '!resource_error/quota_exceeded',
    ],
    ['{"error":{"message":"Rate limit exceeded: 20 requests per minute","code":429}}', 'rate_limit/provider_rate_limit'],
  ],
);

familyWithControls(
  "pydantic-ai giving up on the model's output after its retries is the output's shape, in the old and new wording",
  [
    // Inside an evaluation's assertion report: the model's output is the cause (rule 1), not the assertion.
    [
      'FAILED evals/test_summary.py::test_summary_eval - AssertionError: 1 case(s) failed:\nsummary-case-7: UnexpectedModelBehavior: Exceeded maximum output retries (3)',
      'output_parse_error/schema_mismatch_output',
    ],
    [
      'pydantic_ai.exceptions.UnexpectedModelBehavior: Exceeded maximum retries (1) for result validation',
      'output_parse_error/schema_mismatch_output',
    ],
  ],
  [
    // The same library's HTTP error is the provider's status.
    [
      "pydantic_ai.exceptions.ModelHTTPError: status_code: 429, model_name: gpt-4o, body: {'message': 'Rate limit reached for requests'}",
      'rate_limit/provider_rate_limit',
    ],
  ],
);

familyWithControls(
  'a test asserting a measured figure above a decimal threshold is below its threshold (rule 9), not a bare assertion',
  [
    [
      'E       AssertionError: 0.7125 not greater than or equal to 0.75\ntests/test_train.py:88: AssertionError',
      'logic_error/below_baseline',
    ],
    [
      '    assert mean_return > 180.5\nE   assert 143.25 > 180.5\nFAILED tests/test_ppo.py::test_cartpole',
      'logic_error/below_baseline',
    ],
    // pytest's rewritten line: a measured float, printed at full precision, against an integer threshold.
    [
      '>       assert avg_return > 200\nE       assert 187.31250000000003 > 200\ntests/test_dqn.py:51: AssertionError',
      'logic_error/below_baseline',
    ],
    [
      'Traceback (most recent call last):\n  File "tests/test_bench.py", line 40, in test_scores\n    assert(np.all(0.9 <= scores))\nAssertionError',
      'logic_error/below_baseline',
    ],
  ],
  [
    // A NaN on either side is the NaN (rule 7); a tolerance is a numeric mismatch; a count is no threshold.
    ['E       AssertionError: nan not greater than or equal to 0.75', '!logic_error/below_baseline'],
    [
      'Traceback (most recent call last):\n  File "tests/test_op.py", line 12, in test_op\n    assert abs(out - ref) < 1e-5\nAssertionError',
      '!logic_error/below_baseline',
    ],
    [
      'Traceback (most recent call last):\n  File "tests/test_loader.py", line 9, in test_batches\n    assert len(batch) > 0\nAssertionError',
      'runtime_error/assertion_failed',
    ],
    // Two integers compared for equality are no threshold.
    [
      '>       assert len(batches) == 4\nE       assert 3 == 4\ntests/test_loader.py:20: AssertionError',
      '!logic_error/below_baseline',
    ],
  ],
);

familyWithControls(
  'retrieval given nothing to work on is empty input',
  [
    [
      'Exception: Error while reranking: invalid request: list of documents must not contain only empty strings or only whitespace',
      'data_error/empty_input',
    ],
    ['ERROR - rag.index - No valid documents with embeddings found. Cannot create retriever.', 'data_error/empty_input'],
  ],
  [
    [
      'Exception: Error while reranking: invalid request: list of documents must not contain more than 1000 items',
      '!data_error/empty_input',
    ],
  ],
);

t.test("Azure's deployment wording, for this or the resource, is the configuration (rule 3)", async (t) => {
  const the = readTrace('InvalidRequestError', 'The API deployment for the resource does not exist.');
  t.equal(`${the.category}/${the.factor}`, 'config_error/invalid_config', String(the.code));
  const thisOne = readTrace('InvalidRequestError', 'The API deployment for this resource does not exist.');
  t.equal(`${thisOne.category}/${thisOne.factor}`, 'config_error/invalid_config', String(thisOne.code));
  // Negative control: another refusal by the same class is not the configuration.
  const other = readTrace('InvalidRequestError', 'Unrecognized request argument supplied: functions');
  t.not(`${other.category}/${other.factor}`, 'config_error/invalid_config', String(other.code));
});

familyWithControls(
  "roles out of the order the API requires are a request the client built wrong (rule 10): Mistral's message order",
  [
    [
      `Error: API request failed with status 400. Body: {"object":"error","message":"Unexpected role 'user' after role 'tool'","type":"invalid_request_message_order","param":null,"code":"3230"}`,
      'validation_error/schema_violation',
    ],
    [
      '{"object":"error","message":"Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant","type":"invalid_request_message_order","param":null,"code":"3230"}',
      'validation_error/schema_violation',
    ],
  ],
  [
    // The same API refusing a value is the argument.
    [
      '{"object":"error","message":"Invalid model: mistral-huge-latest","type":"invalid_model","param":null,"code":"1500"}',
      '!validation_error/schema_violation',
    ],
  ],
);

familyWithControls(
  "AutoGen's termination conditions on a turn or message budget are the iteration limit",
  [
    ["TaskResult(messages=[...], stop_reason='Maximum number of turns 5 reached.')", 'agent_loop/max_iterations'],
    ["stop_reason='Maximum number of messages 10 reached, current message count: 10'", 'agent_loop/max_iterations'],
  ],
  [['stop_reason="Text \'TERMINATE\' mentioned"', '!agent_loop/max_iterations']],
);

familyWithControls(
  'documented provider codes and SDK classes: DashScope, Moonshot, OpenAI billing, cohere, LiteLLM, Azure',
  [
    ['{"code":"InvalidApiKey","message":"Invalid API-key provided.","request_id":"a1"}', 'auth_error/invalid_credentials'],
    [
      '{"code":"DataInspectionFailed","message":"Input data may contain inappropriate content.","request_id":"a2"}',
      'validation_error/forbidden_operation',
    ],
    [
      '{"error":{"message":"Your account is suspended, please check your plan and billing details","type":"exceeded_current_quota_error"}}',
      'resource_error/quota_exceeded',
    ],
    [
      '{"error":{"message":"org-xyz request reached organization max RPM: 3","type":"rate_limit_reached_error"}}',
      'rate_limit/provider_rate_limit',
    ],
    [
      '{"error":{"message":"Your account is not active, please check your billing details on our website.","type":"invalid_request_error","code":"billing_not_active"}}',
      'resource_error/quota_exceeded',
    ],
    ['cohere.errors.too_many_requests_error.TooManyRequestsError: status_code: 429, body: {}', 'rate_limit/provider_rate_limit'],
    [
      'litellm.exceptions.UnsupportedParamsError: litellm.UnsupportedParamsError: bedrock does not support parameters: {"seed": 1}',
      'validation_error/invalid_argument',
    ],
    [
      '{"error":{"code":"OperationNotSupported","message":"The embeddings operation does not work with the specified model, gpt-4o."}}',
      'config_error/invalid_config',
    ],
  ],
  [
    // A code of the same bodies that names no cause of these stays with its own reading.
    [
      '{"code":"InvalidParameter","message":"Range of input length should be [1, 6000]","request_id":"a3"}',
      '!auth_error/invalid_credentials',
    ],
    [
      'cohere.errors.bad_request_error.BadRequestError: status_code: 400, body: {"message":"invalid request: texts must not be empty"}',
      '!rate_limit/provider_rate_limit',
    ],
  ],
);

familyWithControls(
  'HTTP statuses and Node.js codes that name their cause: Cloudflare 52x, OpenSSL 3 refusing an old hash, axios 5xx',
  [
    ['Error: Request failed with status code 522', 'upstream_error/upstream_5xx'],
    [
      "Error: error:0308010C:digital envelope routines::unsupported\n  library: 'digital envelope routines',\n  code: 'ERR_OSSL_EVP_UNSUPPORTED'",
      'import_error/version_conflict',
    ],
    ["AxiosError: Request failed\n  code: 'ERR_BAD_RESPONSE'", 'upstream_error/upstream_5xx'],
  ],
  [
    // A 4xx of the same client is not the server.
    ['Error: Request failed with status code 418', '!upstream_error/upstream_5xx'],
    ["AxiosError: Request failed\n  code: 'ERR_CANCELED'", '!upstream_error/upstream_5xx'],
  ],
);

familyWithControls(
  "a markdown code fence inside the string a JSON parser was given is the model's answer wrapped for display",
  [
    [
      'pydantic_core._pydantic_core.ValidationError: 1 validation error for PlanOutput\n  Invalid JSON: expected value at line 1 column 1 [type=json_invalid, input_value=\'```json\\n{\\n  "steps": [...]\\n}\\n```\', input_type=str]',
      'output_parse_error/invalid_json_output',
    ],
    [
      'SyntaxError: Unexpected token \'`\', "```json\\n{\\n"... is not valid JSON\n    at JSON.parse (<anonymous>)\n    at parsePlan (/app/dist/agent.js:42:17)',
      'output_parse_error/invalid_json_output',
    ],
  ],
  [
    // A fence that is the issue's own markdown (a real newline after it) is not the parsed input.
    [
      'Got this error:\n```json\n{"error": {"message": "Invalid JSON payload received.", "code": 400}}\n```',
      '!output_parse_error/invalid_json_output',
    ],
    // A fenced string with no parse failure in the record is not a parse failure.
    [
      'INFO agent answer=\'```json\\n{\\n  "ok": true\\n}\\n```\' delivered to the user',
      '!output_parse_error/invalid_json_output',
    ],
  ],
);

t.test("a model's JSON answer that breaks a few characters in is malformed, not cut at the token limit", async (t) => {
  const pair = (r: { category: string; factor: string }) => `${r.category}/${r.factor}`;
  // A chat client parsing a streamed chunk that arrived split (a trace: the answer of a model call).
  const early = readTrace(
    'SyntaxError',
    'Unterminated string in JSON at position 212',
    'SyntaxError: Unterminated string in JSON at position 212\n    at JSON.parse (<anonymous>)\n    at ChatClient.stream (file:///app/src/client.js:120:18)',
  );
  t.equal(pair(early), 'output_parse_error/invalid_json_output', String(early.code));
  const pyEarly = readTrace(
    'JSONDecodeError',
    'Unterminated string starting at: line 2 column 9 (char 11)',
    'Traceback (most recent call last):\n  File "extract.py", line 40, in run\n    data = json.loads(response)\njson.decoder.JSONDecodeError: Unterminated string starting at: line 2 column 9 (char 11)',
  );
  t.equal(pair(pyEarly), 'output_parse_error/invalid_json_output', String(pyEarly.code));
  // The text names the model's output: the answer, even in a log.
  const named = readLog(
    "Failed to decode JSON: Expecting ':' delimiter: line 1 column 26 (char 25)\nmodel's output={ \"plan\" 12 12 12 12",
  );
  t.equal(pair(named), 'output_parse_error/invalid_json_output', String(named.code));
  // Controls: a parser that read thousands of characters in, or the token limit named, is the cut.
  const far = readTrace(
    'SyntaxError',
    'Unterminated string in JSON at position 9145',
    'SyntaxError: Unterminated string in JSON at position 9145\n    at JSON.parse (<anonymous>)\n    at StructuredOutputParser.parse (file:///app/node_modules/langchain/dist/output_parsers/structured.js:38:35)',
  );
  t.equal(pair(far), 'context_overflow/max_tokens_truncated', String(far.code));
  const named_cut = readLog(
    'finish_reason: length\njson.decoder.JSONDecodeError: Unterminated string starting at: line 1 column 40 (char 39)',
  );
  t.equal(pair(named_cut), 'context_overflow/max_tokens_truncated', String(named_cut.code));
  // A file read from disk, cut, stays a damaged file.
  const file = readLog(
    'Traceback (most recent call last):\n  File "cache.py", line 8, in load\n    return json.load(fh)\njson.decoder.JSONDecodeError: Unterminated string starting at: line 1 column 3 (char 2)',
  );
  t.equal(pair(file), 'data_error/corrupt_input', String(file.code));
});

familyWithControls(
  "a 403 whose URL is an upload's (a presigned S3 PUT, the Hub's LFS upload store) is the upload (rule 1)",
  [
    [
      'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://my-bucket.s3.eu-west-1.amazonaws.com/runs/42/model.safetensors?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&x-id=PutObject',
      'upload_error/object_storage_upload',
    ],
    [
      'huggingface_hub.errors.HfHubHTTPError: 403 Client Error: Forbidden for url: https://hf-hub-lfs-us-east-1.s3-accelerate.amazonaws.com/repos/aa/bb/aabb/0f1e2d',
      'upload_error/object_storage_upload',
    ],
  ],
  [
    // The same refusal on a download URL is the permission.
    [
      'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://my-bucket.s3.eu-west-1.amazonaws.com/runs/42/model.safetensors?X-Amz-Algorithm=AWS4-HMAC-SHA256&x-id=GetObject',
      'auth_error/permission_denied',
    ],
    [
      'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://cdn-lfs.huggingface.co/repos/aa/bb/aabb/0f1e2d',
      'auth_error/permission_denied',
    ],
  ],
);

familyWithControls(
  "a framework saying the model's output could not be parsed is the output: LangChain4j's OutputParsingException, 'model did not output JSON'",
  [
    [
      'dev.langchain4j.service.output.OutputParsingException: Failed to parse "Sure, here is the plan: {agent: planner}" into com.acme.Plan',
      'output_parse_error/invalid_json_output',
    ],
    [
      'WARNING qa.py 88 : Model did not output in JSON format as expected.\nERROR search.py 270 : Failed to answer',
      'output_parse_error/invalid_json_output',
    ],
  ],
  [
    // The framework's own configuration failing is not the model's output.
    [
      'dev.langchain4j.exception.IllegalConfigurationException: No ChatModel or StreamingChatModel is configured for the AI service',
      '!output_parse_error/invalid_json_output',
    ],
  ],
);

familyWithControls(
  'a provider with no capacity for the model is overloaded (rule 10), whatever its 503 says around it',
  [
    [
      '503 - {"error": {"code": 503, "message": "No capacity available for model gemini-2.5-pro on the server", "status": "UNAVAILABLE"}}',
      'upstream_error/model_overloaded',
    ],
    [
      '{"error":{"code":503,"status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"MODEL_CAPACITY_EXHAUSTED"}]}}',
      'upstream_error/model_overloaded',
    ],
  ],
  [
    [
      '503 - {"error": {"code": 503, "message": "Backend error, please retry.", "status": "UNAVAILABLE"}}',
      'upstream_error/upstream_5xx',
    ],
  ],
);

t.test("a server's 5xx page inside a client-side timeout is the server's (rule 1)", async (t) => {
  const pair = (r: { category: string; factor: string }) => `${r.category}/${r.factor}`;
  const sdkGuess = readTrace(
    'TimeoutError',
    '<html>',
    'TimeoutError: <html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center></body>\n</html>\n: This error is likely due to sandbox timeout.',
  );
  t.equal(pair(sdkGuess), 'upstream_error/upstream_5xx', String(sdkGuess.code));
  // Controls: a TypeError alone, and a timeout beside a 4xx body, keep their own reading.
  const plain = readLog(
    "TypeError: Cannot read properties of undefined (reading 'choices')\n    at parse (/app/dist/client.js:40:12)",
  );
  t.equal(pair(plain), 'runtime_error/null_reference', String(plain.code));
  const realTimeout = readTrace(
    'TimeoutError',
    'Request timed out after 30000ms',
    'TimeoutError: Request timed out after 30000ms\n{"error":{"code":400}}',
  );
  t.equal(pair(realTimeout), 'timeout/request_timeout', String(realTimeout.code));
});

familyWithControls(
  'a cloud API\'s 503 "service is currently unavailable" is the upstream, not a ROS service left waiting',
  [
    [
      "google.genai.errors.ServerError: 503 UNAVAILABLE. {'error': {'code': 503, 'message': 'The service is currently unavailable.', 'status': 'UNAVAILABLE'}}",
      'upstream_error/upstream_5xx',
    ],
    ['google.api_core.exceptions.ServiceUnavailable: 503 The service is currently unavailable.', 'upstream_error/upstream_5xx'],
  ],
  [
    // The ROS wording stays the ROS reading (rule 2: a request left unanswered).
    [
      '[spawn_entity.py-4] [ERROR] [1700000000.1] [spawn_entity]: Service %s/spawn_entity unavailable. Was Gazebo started with GazeboRosFactory?',
      'timeout/request_timeout',
    ],
  ],
);
