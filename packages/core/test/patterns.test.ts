/**
 * The pattern library: every pattern is well formed (taxonomy words, a meaningful text for
 * users, a confidence in (0,1], linear regexes), each failure family is read the way the
 * taxonomy says on short representative texts (including the traps where the same words mean
 * something else), and a hostile multi-megabyte log is classified quickly.
 *
 * The examples are written for this test in the wording of the tools that print them; they
 * are not the texts of the accuracy dev set (test/accuracy/cases), which measures the library
 * on real published errors.
 */
import t from 'tap';
import { factorBelongs, PATTERN_BY_ID, PATTERNS, type PatternContext } from '../src/index.js';
import { family, readLog, readTrace } from './patterns-read.js';

// ───────────── the library itself ─────────────

/**
 * Problems that make a regex super-linear on long input: unbounded repetition (+, *, {n,})
 * and a repeated group that contains a quantifier.
 */
function nonLinear(source: string): string[] {
  const out: string[] = [];
  const groups: boolean[] = [];
  const quantifierAt = (j: number): 'unbounded' | 'repeat' | 'once' | null => {
    const c = source[j];
    if (c === '+' || c === '*') return 'unbounded';
    if (c === '?') return 'once';
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j));
      if (m) {
        if (m[2] !== undefined && m[3] === '') return 'unbounded';
        return Number(m[3] ?? m[1]) > 1 ? 'repeat' : 'once';
      }
    }
    return null;
  };
  const markGroup = () => {
    if (groups.length) groups[groups.length - 1] = true;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    let end = i;
    if (c === '\\') end = i + 1;
    else if (c === '[') {
      let j = i + 1;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      end = j;
    } else if (c === '(') {
      groups.push(false);
      continue;
    } else if (c === ')') {
      const inner = groups.pop() ?? false;
      const q = quantifierAt(i + 1);
      if (q === 'unbounded') out.push(`unbounded group before ${i}`);
      if (q === 'repeat' && inner) out.push(`repeated group with a quantifier inside, before ${i}`);
      if (inner || q === 'repeat' || q === 'unbounded') markGroup();
      continue;
    } else if (c === '+' || c === '*' || c === '?' || c === '{') continue;
    const q = quantifierAt(end + 1);
    if (q === 'unbounded') out.push(`unbounded repetition at "${source.slice(Math.max(0, i - 20), end + 3)}"`);
    if (q === 'unbounded' || q === 'repeat') markGroup();
    i = end;
  }
  return out;
}

t.test('the linearity check itself catches what it should', async (t) => {
  t.not(nonLinear(/(a+)+/.source).length, 0);
  t.not(nonLinear(/(?:x\d{1,3}){1,4}/.source).length, 0);
  t.not(nonLinear(/a{2,}/.source).length, 0);
  t.not(nonLinear(/[\]]+/.source).length, 0);
  t.same(nonLinear(/(?:ab)?c{1,5}[+*]{1,3}\+\d{3}(?:a|b){1,3}/.source), []);
});

t.test('every pattern is well formed', async (t) => {
  const ids = new Set<string>();
  for (const p of PATTERNS) {
    t.notOk(ids.has(p.id), `${p.id}: id is unique`);
    ids.add(p.id);
    t.ok(factorBelongs(p.category, p.factor), `${p.id}: ${p.category}/${p.factor} is a taxonomy pair`);
    t.ok(p.confidence > 0 && p.confidence <= 1, `${p.id}: confidence ${p.confidence} in (0,1]`);
    t.ok(Number.isFinite(p.priority) && p.priority > 0, `${p.id}: priority is a positive number`);
    t.ok(['critical', 'high', 'medium', 'low'].includes(p.severity), `${p.id}: severity`);
    t.ok(p.title.trim().length > 0, `${p.id}: title`);
    t.ok(p.hypothesis.trim().length > 20, `${p.id}: hypothesis says something`);
    t.ok(p.fix.trim().length > 20, `${p.id}: fix says something`);
    t.ok(p.actions.length > 0 && p.actions.every((a) => a.trim().length > 0), `${p.id}: actions`);
    for (const [role, re] of [
      ['match', p.match],
      ['also', p.also],
      ['unless', p.unless],
    ] as const) {
      if (!re) continue;
      // A g/y flag makes exec() stateful across records.
      t.notOk(re.global || re.sticky, `${p.id}.${role}: no g/y flag`);
      t.same(nonLinear(re.source), [], `${p.id}.${role}: bounded repetition, no nested quantifiers`);
    }
  }
  t.equal(PATTERN_BY_ID.size, PATTERNS.length);
});

t.test('every context-dependent reading points at a pattern of the library', async (t) => {
  const texts = [
    '',
    'pydantic_core._pydantic_core.ValidationError: 1 validation error for Out\n  Invalid JSON: expected value [type=json_invalid',
    "1 validation error for Cfg\nport\n  Input should be a valid integer [type=int_parsing, input_value='x']",
    'upload failed: ./a to s3://b/a An error occurred (AccessDenied) when calling the PutObject operation',
    '+ rclone copy /tmp/a remote:bucket/a\nERROR : a: Failed to copy: AccessDenied',
    '[ERROR] [imu_node]: read timed out after 1 s',
    '503 Service Unavailable: The model is overloaded',
    'finish_reason: length',
  ];
  const kinds: PatternContext['kind'][] = ['log', 'trace'];
  let checked = 0;
  for (const p of PATTERNS) {
    if (!p.resolve) continue;
    for (const text of texts) {
      for (const kind of kinds) {
        for (const flags of [0, 1, 2, 4, 8, 15]) {
          const ctx: PatternContext = {
            kind,
            text,
            llm: Boolean(flags & 1),
            tool: Boolean(flags & 2),
            agent: Boolean(flags & 4),
            truncated: Boolean(flags & 8),
          };
          const r = p.resolve(ctx, { text, index: 0, length: Math.min(5, text.length) });
          checked++;
          if (r) t.ok(PATTERN_BY_ID.has(r.as), `${p.id} resolves to ${r.as}, which exists`);
        }
      }
    }
  }
  t.ok(checked > 0);
});

// ───────────── agents and tools ─────────────

family('tool not found: the model called a tool that is not registered (OpenAI Agents SDK, CrewAI, LangChain)', [
  ['agents.exceptions.ModelBehaviorError: Tool lookup_weather not found in agent Weather Agent', 'tool_error/tool_not_found'],
  [
    "Action 'Search the internet(query: news)' don't exist, these are the only available Actions:\nTool Name: Read a file's content",
    'tool_error/tool_not_found',
  ],
  ['`web_search` is not a valid tool, try one of [Search, Calculator].', 'tool_error/tool_not_found'],
  ['ValueError: Tool with name fetch_docs not found', 'tool_error/tool_not_found'],
  ["Tool 'Search the internet' not found. Available tools: Read a file's content", 'tool_error/tool_not_found'],
]);

family('tool execution failed: the tool itself raised (LangChain, MCP, CrewAI)', [
  [
    'langchain_core.tools.base.ToolException: Error executing tool search: HTTP 500 from backend',
    'tool_error/tool_execution_failed',
  ],
  ['agents.exceptions.AgentsException: Error invoking MCP tool query_db: connection closed', 'tool_error/tool_execution_failed'],
  [
    "I encountered an error while trying to use the tool. This was the error: [Errno 2] No such file or directory: 'data.csv'.",
    'tool_error/tool_execution_failed',
  ],
  [
    "smolagents.utils.AgentToolExecutionError: Error executing tool 'web_search' with arguments {}: HTTPError",
    'tool_error/tool_execution_failed',
  ],
]);

family('invalid tool arguments: the call did not fit the tool schema', [
  ['agents.exceptions.ModelBehaviorError: Invalid JSON input for tool get_weather: {"city": ', 'tool_error/invalid_tool_args'],
  [
    'I encountered an error while trying to use the tool. This was the error: Arguments validation failed: 1 validation error for SearchToolSchema\nsearch_query\n  Field required [type=missing, input_value={}, input_type=dict]',
    'tool_error/invalid_tool_args',
  ],
  [
    "Could not parse tool input: {'name': 'search', 'arguments': 'latest news'} because the `arguments` is not valid JSON.",
    'tool_error/invalid_tool_args',
  ],
]);

t.test('tool failures in a trace', async (t) => {
  const r = readTrace('agents.exceptions.ModelBehaviorError', 'Tool get_stock_price not found in agent Analyst');
  t.equal(`${r.category}/${r.factor}`, 'tool_error/tool_not_found');
  const e = readTrace(
    'agents.exceptions.AgentsException',
    'Error invoking MCP tool fetch: GET https://svc/q: 422 Unprocessable Entity',
  );
  t.equal(`${e.category}/${e.factor}`, 'tool_error/tool_execution_failed');
});

// ───────────── model output and context ─────────────

family('model output: not JSON, wrong shape for the agent, and the context window', [
  [
    'ValueError: Could not extract json string from output: Sure! Here is the summary you asked for.',
    'output_parse_error/invalid_json_output',
  ],
  [
    'ValueError: An output parsing error occurred. In order to pass this error back to the agent and have it try again, pass `handle_parsing_errors=True` to the AgentExecutor. This is the error: Could not parse LLM output: `Thought: I now know the answer`',
    'output_parse_error/schema_mismatch_output',
  ],
  [
    'INFO 05-01 10:00:00 scheduler.py:648] Input prompt (9000 tokens) is too long and exceeds limit of 4096',
    'context_overflow/context_length_exceeded',
  ],
  [
    'time=2024-05-01T10:00:00Z level=WARN source=runner.go:122 msg="input exceeds context length" prompt=5000 limit=4096',
    'context_overflow/context_length_exceeded',
  ],
  [
    'litellm.ServiceUnavailableError: VertexAIException - {\n "error": {"code": 503, "message": "This model is currently experiencing high demand.", "status": "UNAVAILABLE"}}',
    'upstream_error/model_overloaded',
  ],
  [
    '{"error": {"code": 429, "message": "Resource exhausted. Please try again later.", "status": "RESOURCE_EXHAUSTED"}}',
    'rate_limit/provider_rate_limit',
  ],
]);

t.test("pydantic json_invalid on an agent's final output is a model output error, not input validation", async (t) => {
  const text =
    "pydantic_core._pydantic_core.ValidationError: 1 validation error for Answer\n  Invalid JSON: expected value at line 1 column 1 [type=json_invalid, input_value='The answer is 4.', input_type=str]";
  const r = readTrace('pydantic_core._pydantic_core.ValidationError', '1 validation error for Answer', text);
  t.equal(`${r.category}/${r.factor}`, 'output_parse_error/invalid_json_output');
});

// ───────────── upload ─────────────

family('upload to object storage failed, even when the cause is a 403, a bad key or a reset (S3, GCS, R2, rclone, boto3)', [
  [
    'boto3.exceptions.S3UploadFailedError: Failed to upload model.tar.gz to my-bucket/model.tar.gz: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    'upload_error/object_storage_upload',
  ],
  [
    'google.api_core.exceptions.Forbidden: 403 POST https://storage.googleapis.com/upload/storage/v1/b/ml-ckpts/o?uploadType=multipart: trainer@proj.iam.gserviceaccount.com does not have storage.objects.create access',
    'upload_error/object_storage_upload',
  ],
  ['ERROR : episode_0042.mcap: Failed to copy: s3 upload: 403 Forbidden', 'upload_error/object_storage_upload'],
  [
    '+ rclone copyto /data/run7/metrics.db r2:fleet-backups/run7/metrics.db\nERROR : metrics.db: Failed to copy: AccessDenied: Access Denied\n\tstatus code: 403',
    'upload_error/object_storage_upload',
  ],
  [
    'upload failed: ./run/metrics.parquet to s3://fleet-data/run/metrics.parquet An error occurred (SignatureDoesNotMatch) when calling the PutObject operation',
    'upload_error/object_storage_upload',
  ],
  [
    "ERROR uploading episode bag to s3://robot-logs/ep_17.bag: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
    'upload_error/object_storage_upload',
  ],
]);

family('auth errors that are not uploads stay auth errors', [
  [
    'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied',
    'auth_error/permission_denied',
  ],
  [
    `WARNING wandb: Failed to upload crash report\n${'step done\n'.repeat(30)}psycopg2.OperationalError: FATAL:  password authentication failed for user "app"`,
    'auth_error/invalid_credentials',
  ],
  [
    'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
    'auth_error/invalid_credentials',
  ],
  [
    'Error from server (Forbidden): deployments.apps is forbidden: User "system:serviceaccount:ci:deployer" cannot create resource "deployments" in API group "apps"',
    'auth_error/permission_denied',
  ],
]);

// ───────────── JVM, Kotlin, Rust, Go ─────────────

family('JVM / Kotlin / Jackson / serde / Go decoding errors', [
  [
    'com.fasterxml.jackson.databind.exc.MismatchedInputException: Cannot deserialize value of type `java.util.ArrayList<com.acme.Item>` from Object value (token `JsonToken.START_OBJECT`)',
    'validation_error/type_mismatch',
  ],
  [
    'com.fasterxml.jackson.databind.exc.InvalidFormatException: Cannot deserialize value of type `java.lang.Integer` from String "abc": not a valid Integer value',
    'validation_error/type_mismatch',
  ],
  [
    'com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException: Unrecognized field "colour" (class com.acme.Car), not marked as ignorable',
    'validation_error/schema_violation',
  ],
  [
    'Exception in thread "main" kotlin.UninitializedPropertyAccessException: lateinit property adapter has not been initialized',
    'runtime_error/null_reference',
  ],
  [
    "kotlinx.serialization.MissingFieldException: Field 'id' is required for type with serial name 'com.acme.User', but it was missing",
    'data_error/missing_field',
  ],
  ['Error: missing field `name` at line 3 column 1', 'data_error/missing_field'],
  ['Error("unknown field `colour`, expected one of `color`, `make`", line: 1, column: 10)', 'validation_error/schema_violation'],
  [
    'java.lang.IllegalArgumentException: Parameter specified as non-null is null: method com.acme.A.f, parameter name',
    'runtime_error/null_reference',
  ],
  ['Error: invalid type: string "abc", expected u32 at line 2 column 10', 'validation_error/type_mismatch'],
  ['panic: json: cannot unmarshal string into Go struct field Config.port of type int', 'validation_error/type_mismatch'],
  ["thread 'main' panicked at src/main.rs:10:5:\ncalled `Option::unwrap()` on a `None` value", 'runtime_error/null_reference'],
  ['panic: required key DATABASE_URL missing value', 'config_error/missing_env_var'],
  [
    "APPLICATION FAILED TO START\n\nDescription:\n\nFailed to bind properties under 'app.retry' to com.acme.RetryProperties:\n\n    Reason: java.lang.IllegalStateException: No setter found for property: max-attempts",
    'config_error/invalid_config',
  ],
]);

// ───────────── logic ─────────────

family('logic errors: results not close to the reference, or not better than the baseline', [
  [
    'E   AssertionError: \nE   Not equal to tolerance rtol=1e-07, atol=0\nE   \nE   Mismatched elements: 1 / 3 (33.3%)\nE   Max absolute difference: 0.1',
    'logic_error/wrong_output',
  ],
  [
    'AssertionError: Tensor-likes are not close!\n\nMismatched elements: 3 / 1024 (0.3%)\nGreatest absolute difference: 0.01 at index (0, 7)',
    'logic_error/wrong_output',
  ],
  ["Golden mismatch on 'logits': max_diff=0.5, rtol=0.001, atol=0.001", 'logic_error/wrong_output'],
  ['tests/golden/loop.out: Actual stdout differs from expected stdout:', 'logic_error/wrong_output'],
  ['AssertionError: 0.5 != 0.6 within 7 places (0.1 difference)', 'logic_error/wrong_output'],
  ['Exception: New model does not perform better than the production model; not registering', 'logic_error/below_baseline'],
  ['Evaluation: accuracy 0.71 is below the threshold 0.75', 'logic_error/below_baseline'],
  [
    'Traceback (most recent call last):\n  File "t.py", line 3, in <module>\n    assert len(items) > 0, \'no items\'\nAssertionError: no items',
    'runtime_error/assertion_failed',
  ],
]);

// ───────────── syntax: JSON in Node vs code ─────────────

family('a Node SyntaxError about JSON is a JSON syntax error, not code', [
  [
    'undefined:1\n{"a": 1,}\n        ^\nSyntaxError: Unexpected token } in JSON at position 8\n    at JSON.parse (<anonymous>)',
    'syntax_error/json_syntax',
  ],
  [
    'SyntaxError: /srv/app/config.json: Unexpected string in JSON at position 41\n    at parse (<anonymous>)',
    'syntax_error/json_syntax',
  ],
  [
    "SyntaxError: Expected ',' or '}' after property value in JSON at position 57\n    at JSON.parse (<anonymous>)",
    'syntax_error/json_syntax',
  ],
  [
    "  File \"main.py\", line 12\n    print 'hello'\n          ^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?",
    'syntax_error/python_syntax',
  ],
  ["/app/index.js:1\nexport default foo;\n^^^^^^\nSyntaxError: Unexpected token 'export'", 'syntax_error/python_syntax'],
]);

// ───────────── validation and runtime ─────────────

family('validation: wrong types vs schema violations; sandbox imports', [
  [
    "pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings\nport\n  Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='abc', input_type=str]",
    'validation_error/type_mismatch',
  ],
  [
    'pydantic_core._pydantic_core.ValidationError: 2 validation errors for User\nname\n  Field required [type=missing, input_value={}, input_type=dict]\nage\n  Input should be a valid integer [type=int_type, input_value=None]',
    'validation_error/schema_violation',
  ],
  ['ImportError: Forbidden: Module<socket> not in whitelist', 'validation_error/forbidden_import'],
]);

family('runtime errors keep their own factor', [
  ["TypeError: Cannot read property 'map' of undefined\n    at App.render (App.js:10:20)", 'runtime_error/null_reference'],
  ["TypeError: Cannot read properties of undefined (reading 'map')", 'runtime_error/null_reference'],
  ["TypeError: unsupported operand type(s) for +: 'int' and 'str'", 'runtime_error/type_error'],
  [
    "Traceback (most recent call last):\n  File \"a.py\", line 2, in <module>\n    x = row['labels']\nKeyError: 'labels'",
    'runtime_error/key_error',
  ],
  ["ValueError: invalid literal for int() with base 10: '0x1f'", 'runtime_error/value_error'],
  ['ValueError: Policy outputs are NaN at step 1200, stopping', 'data_error/nan_or_inf'],
]);

family('config: overrides of keys that do not exist', [
  [
    "Could not override 'trainer.gpus'.\nTo append to your config use +trainer.gpus=2\nKey 'gpus' is not in struct",
    'config_error/invalid_config',
  ],
]);

t.test('a step that only says it exited is unknown, and unknown is never confident', async (t) => {
  for (const text of ['##[group]Run npm test\n  Error: Process completed with exit code 1.', 'Bus error (core dumped)']) {
    const r = readLog(text);
    t.equal(`${r.category}/${r.factor}`, 'unknown/unknown', text);
    t.ok(r.confidence < 0.5, `unknown at ${r.confidence}`);
  }
});

t.test('the word "overloaded" in a compiler error or a web framework\'s 500 page is not a provider overload', async (t) => {
  for (const text of [
    "main.cpp:10:5: error: call of overloaded 'foo(int)' is ambiguous",
    '500 Internal Server Error: Either the server is overloaded or there is an error in the application.',
  ]) {
    const r = readLog(text);
    t.not(`${r.category}/${r.factor}`, 'upstream_error/model_overloaded', text);
  }
});

// ───────────── readings added from the first held-out set's misses ─────────────

family('a generic 400 / INVALID_ARGUMENT yields to the cause its message names', [
  [
    "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Invalid 'n': integer above maximum value. Expected a value <= 128, but got 130 instead.\", 'type': 'invalid_request_error', 'param': 'n'}}",
    'validation_error/invalid_argument',
  ],
  [
    'ERROR: (gcloud.compute.instances.create) INVALID_ARGUMENT: The following quotas were exceeded: GPUS_ALL_REGIONS (quota: 1, used: 1 + needed: 1).',
    'resource_error/quota_exceeded',
  ],
  [
    "Error code: 400 - {'error': {'message': \"This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.\", 'type': 'invalid_request_error'}}",
    'context_overflow/context_length_exceeded',
  ],
]);

family('a per-minute quota is a rate limit; an exhausted account quota is not', [
  [
    "429 RESOURCE_EXHAUSTED. Quota exceeded for quota metric 'Generate Content API requests per minute' and limit 'GenerateContent request limit per minute'",
    'rate_limit/provider_rate_limit',
  ],
  [
    'google.api_core.exceptions.ResourceExhausted: 429 Resource has been exhausted (e.g. check quota).',
    'rate_limit/provider_rate_limit',
  ],
  [
    "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota'}}",
    'resource_error/quota_exceeded',
  ],
]);

family('who may not get in: gated models and SSH keys', [
  [
    'huggingface_hub.errors.GatedRepoError: 403 Client Error. Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-3-8B/resolve/main/config.json.',
    'auth_error/permission_denied',
  ],
  [
    'git@github.com: Permission denied (publickey).\nfatal: Could not read from remote repository.',
    'auth_error/invalid_credentials',
  ],
]);

// docs/taxonomy.md rule 10: a request whose tool calls lack their results is a request the
// client built wrong (validation_error/schema_violation), not a tool that failed
// (patterns-agent-structure.test.ts has the family with its controls).
family('a tool call left without its result is a request the client built wrong', [
  [
    'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.12: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01"}}',
    'validation_error/schema_violation',
  ],
  ['Error: 400 No tool output found for function call call_abc123.', 'validation_error/schema_violation'],
  ["Error in tool call execution: search() missing 1 required positional argument: 'query'", 'tool_error/invalid_tool_args'],
]);

family("a model's reply that is not JSON is an output parse error, wherever it is parsed", [
  [
    'Generating response...\nFailed to generate answer after 3 attempts. Error: Expecting value: line 1 column 1 (char 0)',
    'output_parse_error/invalid_json_output',
  ],
  [
    'File "/usr/lib/python3/site-packages/langchain_core/output_parsers/json.py", line 86, in parse_result\njson.decoder.JSONDecodeError: Invalid \\escape: line 2 column 7 (char 9)',
    'output_parse_error/invalid_json_output',
  ],
  ['OutputParserException: Could not parse LLM output: `I think the answer is 42`', 'output_parse_error/schema_mismatch_output'],
  ['Loading config.json\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)', 'syntax_error/json_syntax'],
]);

family('a settings model that names a missing environment variable is a config error', [
  [
    'ValidationError: 1 validation error for ChatOpenAI\n__root__\n  Did not find openai_api_key, please add an environment variable `OPENAI_API_KEY` which contains it (type=value_error)',
    'config_error/missing_env_var',
  ],
]);

family('a KeyError on a loaded record is a missing field of the data', [
  [
    "File \"coco.py\", line 316, in loadRes\n    res.dataset['info'] = copy.deepcopy(self.dataset['info'])\nKeyError: 'info'",
    'data_error/missing_field',
  ],
  ['File "app.py", line 3, in handler\n    value = cache[key]\nKeyError: \'user-42\'', 'runtime_error/key_error'],
]);

family('sensor drivers and uploads in their own words', [
  [
    '[camera.camera]: RealSense ROS v4.55.1\nERROR (librealsense-exception.h:52) set_xu(...). xioctl(UVCIOC_CTRL_QUERY) failed Last Error: Connection timed out',
    'hardware_fault/sensor_fault',
  ],
  ['ResumableUploadAbortException: 408 Upload Client Broken Connection', 'upload_error/object_storage_upload'],
  ['Register 6 failed to match. Was 0. Should be 1234', 'logic_error/wrong_output'],
]);

// ───────────── readings added from the second held-out set's misses ─────────────

family("a provider's content filter is a refusal by policy, not a malformed request", [
  [
    "openai.BadRequestError: Error code: 400 - {'error': {'message': \"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\", 'code': 'content_filter'}}",
    'validation_error/forbidden_operation',
  ],
]);

family('JSON cut in the middle of a long generated document is the token limit', [
  [
    'app.llm_adapter.LLMResponseError: Failed to parse JSON after retry: Expecting value: line 197 column 14 (char 11429)',
    'context_overflow/max_tokens_truncated',
  ],
  [
    'SyntaxError: Unterminated string in JSON at position 9145\n    at StructuredOutputParser.parse (langchain/dist/output_parsers/structured.js:12:3)',
    'context_overflow/max_tokens_truncated',
  ],
  ['Format JSON invalide: Unterminated string in JSON at position 147586', 'context_overflow/max_tokens_truncated'],
  [
    'assistant_reply_json = json.loads(reply)\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    'output_parse_error/invalid_json_output',
  ],
  ['functions.write:3 → Error: invalid JSON input: unexpected end of JSON input', 'tool_error/invalid_tool_args'],
]);

family('tools named in their protocol words', [
  ['Error MCP error -32602: Tool search_files not found', 'tool_error/tool_not_found'],
  ['{"error": "Error occurred during tool execution", "request_id": "req_1"}', 'tool_error/tool_execution_failed'],
]);

family('what a record says about itself outweighs the usual reading of its words', [
  ['State:{\nExitCode:137,\nOOMKilled:false,\nStatus:"exited"\n}', 'unknown/unknown'],
  ['Exit code 137\nOOMKilled: true', 'resource_error/host_oom'],
  ['step 1655 - loss        nan - moving ave loss        nan', 'data_error/nan_or_inf'],
  ['Error: The operation was canceled.', 'aborted/manual_abort'],
  ['AssertionError: Metric value different from expected results!', 'logic_error/wrong_output'],
  [
    "jsonschema.exceptions.SchemaError: [] is too short\n\nFailed validating u'minItems' in schema[u'properties']",
    'validation_error/schema_violation',
  ],
  [
    'RequestFailedException: Request to https://bucket.s3.amazonaws.com/ failed with status code 403\n<Message>User: arn:aws:iam::1:user/ci is not authorized to perform: s3:PutObject on resource</Message>',
    'upload_error/object_storage_upload',
  ],
  [
    'File "bot.py", line 9, in ask\n    return response.json()["choices"][0]["message"]["content"]\nKeyError: \'choices\'\nresponse: {"error": {"message": "Invalid API key", "code": 401}}',
    'auth_error/invalid_credentials',
  ],
]);

// ───────────── readings added from the third held-out set's misses ─────────────

family('a JSON file read from disk is a data file, whatever the process', [
  [
    'File "storage.py", line 30, in __init__\n    self.users = json.load(json_file)\njson.decoder.JSONDecodeError: Unterminated string starting at: line 1 column 65530 (char 65529)',
    'data_error/corrupt_input',
  ],
  [
    'File "settings.py", line 8, in load\n    cfg = json.load(f)\njson.decoder.JSONDecodeError: Expecting \',\' delimiter: line 25 column 9 (char 672)',
    'syntax_error/json_syntax',
  ],
]);

family('processes killed for memory, in the words of their supervisors', [
  ['RuntimeError: DataLoader worker (pid 19597) is killed by signal: Killed.', 'resource_error/host_oom'],
  ['"terminated": {\n    "exitCode": 137,\n    "reason": "Error"\n}', 'resource_error/host_oom'],
]);

family('quotas and cancellations in their own words', [
  [
    '"message": "The following quota metrics exceed quota limits: aiplatform.googleapis.com/custom_model_training_nvidia_a100_gpus", "status": "RESOURCE_EXHAUSTED"',
    'resource_error/quota_exceeded',
  ],
  [
    "ERROR: (gcloud.compute.instances.create) Could not fetch resource:\n - Quota 'GPUS_ALL_REGIONS' exceeded. Limit: 0.0 globally.",
    'resource_error/quota_exceeded',
  ],
  ['slurmstepd: error: *** JOB 3 ON c1 CANCELLED AT 2025-02-13T15:47:35 ***', 'aborted/manual_abort'],
  ['ERROR: InterruptException:', 'aborted/manual_abort'],
]);

family('agents: the model calls tools with the wrong names or arguments', [
  ['    tool_map[call["name"]]\nKeyError: \'serach-tool\'', 'tool_error/tool_not_found'],
  [
    'Could not parse output: Thought: I need a tool.\nAction: search ({"input": "x"})',
    'output_parse_error/schema_mismatch_output',
  ],
  [
    '{"result":{"content":[{"type":"text","text":"Error: Access denied - path outside allowed directories"}],"isError":true}}',
    'tool_error/tool_execution_failed',
  ],
]);

// ───────────── hostile input ─────────────

t.test('a 2 MB adversarial log is classified in well under a second', async (t) => {
  const size = 2 * 1024 * 1024;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const logs: Record<string, string> = {
    'one line of a': fill('a'),
    'one line of A': fill('A'),
    colons: fill(':'),
    equals: fill('='),
    spaces: fill(' '),
    digits: fill('1'),
    'word characters': fill('aB1_'),
    'long lines of a': fill(`${'a'.repeat(5000)}\n`),
    'exception-like lines': fill(`SyntaxError: ${'x'.repeat(3000)}\n`),
    'error words and separators': fill(`Error: ${':::::'.repeat(200)} timeout ${'='.repeat(500)}\n`),
    'dotted names': fill(`${'a.'.repeat(1500)}Error: x\n`),
    quotes: fill(`Cannot read property '${"'".repeat(3000)}\n`),
    'mismatch counts': fill(`Mismatched elements: ${'1'.repeat(3000)}\n`),
    'upload and rclone': fill(`rclone copy ${'-'.repeat(3000)} /${'a'.repeat(500)} Failed to copy\n`),
  };
  for (const [name, text] of Object.entries(logs)) {
    const start = performance.now();
    readLog(text, text.slice(0, 100_000));
    const ms = performance.now() - start;
    t.ok(ms < 1000, `${name}: ${ms.toFixed(0)} ms`);
  }
});
