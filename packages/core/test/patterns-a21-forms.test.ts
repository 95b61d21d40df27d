/**
 * Forms read wrong on agent-21 (released for tuning after its blind measurement), each a library's,
 * provider's or runtime's own message seen in tuned cases of other repositories too, or named by
 * docs/taxonomy.md: DeepSeek's "reasoning_content … must be passed back" (a request built wrong), a
 * provider's "server is busy, try again" (overload), "Invalid <provider> API key", Google's QuotaFailure
 * detail, DeepSpeed's loss-scale overflow (a warning), a plan that does not include a model, Linux's ETIME,
 * a tool error class quoted as an object's type, and a client's "Missing API key". Texts written for these
 * tests in the forms' own words. Every control reaches the changed regex: it matches it (and an unless,
 * priority or the warning step does the work), or, for a narrowing inside the regex, the regex is run on it.
 */
import t, { type Test } from 'tap';
import {
  execsWhileReading,
  familyWithControls,
  type HostileRun,
  patternOf,
  reachesAndIsNotRead,
  readLog,
  readsHostileRuns,
  regexOf,
  rulesOnly,
  runAndNotMatched,
  warningOutlivedIn,
} from './patterns-read.js';

/**
 * Each control is kept from the regex of `id` by the prefilter (the narrowed alternative is a whole sentence whose
 * words the control lacks), the regex run on it here does not match it either, and it is not read as `id`. Before
 * the narrowing the prefilter passed it and the regex matched: the control fails there.
 */
function keptOutAndNotMatched(t: Test, id: string, controls: string[]): void {
  rulesOnly(() => {
    for (const text of controls) {
      t.equal(execsWhileReading(id, text), 0, `the prefilter keeps ${id}'s regex from: ${text.slice(0, 60)}`);
      t.notOk(regexOf(id).test(text), `${id}'s regex, run on it, does not match: ${text.slice(0, 60)}`);
      t.not(readLog(text).code, id, `not read as ${id}: ${text.slice(0, 70)}`);
    }
  });
}

// DeepSeek's 400 when an assistant turn's reasoning was not sent back in thinking mode (agent-18 EchoBot,
// agent-21 oai-compatible-copilot: schema_violation, rule 10), like Kimi's "reasoning_content is missing".
const DS_REASONING =
  'LLM provider request failed: status=400, detail={"error":{"message":"The reasoning_content in the thinking mode must be passed back to the API.","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}';
// The same refusal, then a rejected key on the retry: the key answers (auth.invalid_credentials, priority 86).
const DS_REASONING_THEN_KEY = `${DS_REASONING}\nretrying with the fallback key\nError code: 401 - Incorrect API key provided: sk-abc***. You can find your API key at https://platform.deepseek.com.`;
familyWithControls(
  "DeepSeek's 'reasoning_content in the thinking mode must be passed back' is a message list built wrong",
  [[DS_REASONING, 'validation_error/schema_violation']],
  [[DS_REASONING_THEN_KEY, 'auth_error/invalid_credentials']],
);
t.test('the reasoning_content control reaches llm.tool_pairing', async (t) =>
  reachesAndIsNotRead(t, 'llm.tool_pairing', [DS_REASONING_THEN_KEY]),
);

// "The server is busy. Please try again later." (agent-19 DeepSeek-V3, agent-21 DeepSeek-R1: model_overloaded).
const BUSY = 'Chat failed: The server is busy. Please try again later.';
const SEARCH_BUSY = 'It shows "Sorry, DeepSeek’s search service is busy. Please disable search or try again in a few minutes."';
// "busy" with another goal or command: no provider's capacity (the regex asks for the retry advice).
const ACTION_BUSY =
  '[ERROR] [move_group]: The action server is busy with another goal, rejecting the new goal; try again when it is done';
const SERVICE_BUSY_CALL =
  'rosservice call /arm/home failed: service is busy executing the previous request (retry after it returns)';
// Any other server's "busy" with retry advice (review19 F1): DeepSeek's sentences are read, not the words.
const LICENSE_BUSY =
  'Error: License checkout failed for feature "MATLAB": The license server is busy. Please try again later. (-96,7)';
const DASHBOARD_BUSY =
  '[ERROR] [1712345678.123] [dashboard_client]: Dashboard server is busy, please retry after the current program stops\n[ERROR] [ur_robot_driver]: Could not start program: robot not in remote control';
familyWithControls(
  "a provider's 'server is busy, please try again' is overload; 'busy' with another goal is not",
  [
    [BUSY, 'upstream_error/model_overloaded'],
    [SEARCH_BUSY, 'upstream_error/model_overloaded'],
  ],
  [
    [ACTION_BUSY, '!upstream_error/model_overloaded'],
    [SERVICE_BUSY_CALL, '!upstream_error/model_overloaded'],
    [LICENSE_BUSY, '!upstream_error/model_overloaded'],
    [DASHBOARD_BUSY, '!upstream_error/model_overloaded'],
  ],
);
t.test("'busy' controls are run through llm.overloaded's regex and not matched", async (t) =>
  keptOutAndNotMatched(t, 'llm.overloaded', [ACTION_BUSY, SERVICE_BUSY_CALL, LICENSE_BUSY, DASHBOARD_BUSY]),
);

// New API's (one-api fork) "upstream load of the group is saturated, try again later", even in its 429
// (agent-18 AIxVuln_Web: model_overloaded).
const NEWAPI_SATURATED =
  '[Agent运行错误]: error, status code: 429, status: 429 Too Many Requests, message: 当前分组上游负载已饱和，请稍后再试 (request id: 2026020311250745)';
// The same message beside a spent quota (llm.quota_exhausted, priority 96): the quota.
const SATURATED_THEN_QUOTA = `${NEWAPI_SATURATED}\nError code: 429 - {'error': {'message': 'You exceeded your current quota', 'type': 'insufficient_quota'}}`;
familyWithControls(
  "New API's '上游负载已饱和' is overload, not a rate limit",
  [[NEWAPI_SATURATED, 'upstream_error/model_overloaded']],
  [[SATURATED_THEN_QUOTA, 'resource_error/quota_exceeded']],
);
t.test('the saturated control reaches llm.overloaded', async (t) =>
  reachesAndIsNotRead(t, 'llm.overloaded', [SATURATED_THEN_QUOTA]),
);

// "Invalid <provider> API key" (agent-21 DemoGPT "Invalid OpenAI API Key", stremio "Invalid Gemini API key").
const OPENAI_KEY = 'Error: Invalid OpenAI API Key. Please check your key and try again.';
const GROQ_KEY = 'streamlit app: Invalid Groq API key';
// The same words before a gated repository's refusal: the gate (auth.invalid_credentials' unless).
const KEY_THEN_GATED =
  'Invalid HuggingFace API key? No:\nhuggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-3.1-8B/resolve/main/config.json.';
// Two words between, or none that is a name: not the form.
const JSON_IN_KEY_FILE = 'Invalid JSON in the API key file ~/.config/app/keys.json: Expecting value: line 1 column 1';
// A sentence end between "Invalid <word>" and "API key" (review19 F7): a config sentence (config.invalid).
const INVALID_CONFIG_SENTENCE =
  'Error: Invalid config. API key must be a string, got number (check settings.yaml line 4: api_key: 12345)';
familyWithControls(
  "'Invalid <provider> API key' is a rejected key",
  [
    [OPENAI_KEY, 'auth_error/invalid_credentials'],
    [GROQ_KEY, 'auth_error/invalid_credentials'],
  ],
  [
    [KEY_THEN_GATED, 'auth_error/permission_denied'],
    [JSON_IN_KEY_FILE, '!auth_error/invalid_credentials'],
    [INVALID_CONFIG_SENTENCE, 'config_error/invalid_config'],
  ],
);
t.test('the provider-key controls reach auth.invalid_credentials', async (t) => {
  reachesAndIsNotRead(t, 'auth.invalid_credentials', [KEY_THEN_GATED]);
  runAndNotMatched(t, 'auth.invalid_credentials', [JSON_IN_KEY_FILE, INVALID_CONFIG_SENTENCE]);
});

// Google's QuotaFailure detail on a quota that is not per minute (agent-21 training-data-analyst: Cloud ML
// Engine's accelerator quota; a11 void, ba7 custom-conversation: quota_exceeded), whatever the 429.
const ML_ENGINE_QUOTA =
  '"error": {\n    "code": 429,\n    "message": "Quota failure for project my-proj. The request for 2 K80 accelerators exceeds the allowed maximum of 0 K80, 0 P100, 0 T4 accelerators.",\n    "status": "RESOURCE_EXHAUSTED",\n    "details": [\n      {\n        "@type": "type.googleapis.com/google.rpc.QuotaFailure"';
const DAILY_QUOTA_DETAIL =
  '429 Too Many Requests\n{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaId": "GenerateRequestsPerDayPerProjectPerModel-FreeTier"}]}]}}';
// The same detail on a per-minute quota: a rate limit (llm.quota_exhausted's unless).
const MINUTE_QUOTA_DETAIL =
  '429 Too Many Requests\n{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]}]}}';
familyWithControls(
  "Google's google.rpc.QuotaFailure is a spent quota; per minute, a rate limit",
  [
    [ML_ENGINE_QUOTA, 'resource_error/quota_exceeded'],
    [DAILY_QUOTA_DETAIL, 'resource_error/quota_exceeded'],
  ],
  [[MINUTE_QUOTA_DETAIL, 'rate_limit/provider_rate_limit']],
);
t.test('the per-minute QuotaFailure control reaches llm.quota_exhausted', async (t) =>
  reachesAndIsNotRead(t, 'llm.quota_exhausted', [MINUTE_QUOTA_DETAIL]),
);

// DeepSpeed's loss scaler skipping overflowed steps (agent-21 gpt-neo-fine-tuning-example, a9 hallo: nan_or_inf).
const DS_OVERFLOW = [
  '  0%|          | 9/63645 [00:19<37:53:00,  2.14s/it][2021-06-08 12:02:45,001] [INFO] [stage3.py:2323:_overflow_clean_up] [deepscale] OVERFLOW! Rank 0 Skipping step. Attempted loss scale: 16777216.0, reducing to 8388608.0',
  '  0%|          | 10/63645 [00:21<37:46:42,  2.14s/it][2021-06-08 12:02:47,123] [INFO] [stage3.py:2323:_overflow_clean_up] [deepscale] OVERFLOW! Rank 0 Skipping step. Attempted loss scale: 8388608.0, reducing to 4194304.0',
].join('\n');
const DS_OLD_OVERFLOW =
  '[INFO] [deepspeed_utils.py:211] [deepspeed] fp16 dynamic loss scale overflow! Skipping step. Attempted loss scale: 4294967296, reducing to 2147483648';
// The scaler's calibration, then the run died of another named cause, or finished: the warning yields.
const OVERFLOW_THEN_OOM = `${DS_OVERFLOW}\nTraceback (most recent call last):\n  File "train.py", line 88, in <module>\n    loss.backward()\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB`;
const OVERFLOW_THEN_DONE = `${DS_OLD_OVERFLOW}\nepoch 3/3 loss 1.9021\nTraining finished, saved to ./out`;
// The Hugging Face Trainer's final metrics, how most DeepSpeed runs end (review19 F8): a finished run.
const OVERFLOW_THEN_HF_END = `${DS_OVERFLOW}\n{'loss': 2.1, 'learning_rate': 1e-05, 'epoch': 0.5}\n{'train_runtime': 3600.1, 'train_samples_per_second': 12.3, 'train_loss': 1.87, 'epoch': 3.0}\n100%|██████████| 3000/3000 [1:00:00<00:00, 1.2s/it]`;
familyWithControls(
  "DeepSpeed's 'OVERFLOW! Skipping step. Attempted loss scale' is inf/NaN gradients, a warning",
  [
    [DS_OVERFLOW, 'data_error/nan_or_inf'],
    [DS_OLD_OVERFLOW, 'data_error/nan_or_inf'],
  ],
  [
    [OVERFLOW_THEN_OOM, 'resource_error/gpu_oom'],
    [OVERFLOW_THEN_DONE, '!data_error/nan_or_inf'],
    [OVERFLOW_THEN_HF_END, '!data_error/nan_or_inf'],
  ],
);
t.test('the overflow controls reach data.loss_scale_overflow and the warning step reads them', async (t) => {
  reachesAndIsNotRead(t, 'data.loss_scale_overflow', [OVERFLOW_THEN_OOM, OVERFLOW_THEN_DONE, OVERFLOW_THEN_HF_END]);
  t.ok(warningOutlivedIn('data.loss_scale_overflow', OVERFLOW_THEN_OOM), 'outlived by the raised error');
  t.ok(warningOutlivedIn('data.loss_scale_overflow', OVERFLOW_THEN_DONE), 'outlived by the finished run');
  t.ok(warningOutlivedIn('data.loss_scale_overflow', OVERFLOW_THEN_HF_END), "outlived by the Trainer's final metrics");
  t.notOk(warningOutlivedIn('data.loss_scale_overflow', DS_OVERFLOW), 'not outlived alone');
});

// A model the account's plan does not include (agent-21 querymt, Z.ai code 1311: permission_denied, rule 3).
const PLAN_ACCESS =
  'LLM retry wait, attempt 2/3: LLM Provider Error: Your current subscription plan does not yet include access to GLM-5.3-FlashX (kind=UnknownTransient, code=1311)';
// The same words, then a rejected key: the key (auth.invalid_credentials outranks permission_denied).
const PLAN_THEN_KEY = `${PLAN_ACCESS}\nswitched key\nError code: 401 - {"error": {"code": "1000", "message": "Invalid API key"}}`;
familyWithControls(
  "'Your subscription plan does not include access to <model>' is a model the account may not use",
  [[PLAN_ACCESS, 'auth_error/permission_denied']],
  [[PLAN_THEN_KEY, 'auth_error/invalid_credentials']],
);
t.test('the plan control reaches auth.permission_denied', async (t) =>
  reachesAndIsNotRead(t, 'auth.permission_denied', [PLAN_THEN_KEY]),
);

// A key refused for the model it asked for, in a 401 body (agent-19 trulens: permission_denied; Bedrock's "You don't
// have access to the model" 5 tuned, all permission_denied): rule 3, a model the account may not use.
const MODEL_NOT_AUTHORISED = `openai request failed <class 'openai.AuthenticationError'>=Error code: 401 - {'error': {'code': 401, 'type': 'NLP API Error', 'message': "NLP API Token is not authorised to use model 'gpt-3.5-turbo'."}}`;
const PLAN_401 = `Error code: 401 - {"error": {"code": "1311", "message": "Your current subscription plan does not yet include access to GLM-5"}}`;
// The same words, then a rejected key: the key (the unless's lookahead).
const MODEL_THEN_KEY = `${MODEL_NOT_AUTHORISED}\nretrying with OPENAI_API_KEY from .env\nError code: 401 - Incorrect API key provided: sk-proj-***`;
familyWithControls(
  'a 401 that says the key may not use the model is permission denied; a bad key after it is credentials',
  [
    [MODEL_NOT_AUTHORISED, 'auth_error/permission_denied'],
    [PLAN_401, 'auth_error/permission_denied'],
  ],
  [[MODEL_THEN_KEY, 'auth_error/invalid_credentials']],
);
t.test('the model-access texts reach auth.invalid_credentials; its unless does the work', async (t) => {
  reachesAndIsNotRead(t, 'auth.invalid_credentials', [MODEL_NOT_AUTHORISED, PLAN_401]);
  t.ok(regexOf('auth.invalid_credentials').test(MODEL_THEN_KEY), 'the key control reaches the regex');
  t.ok(patternOf('auth.invalid_credentials').unless?.test(MODEL_NOT_AUTHORISED), 'the unless reads the model access');
  t.notOk(patternOf('auth.invalid_credentials').unless?.test(MODEL_THEN_KEY), 'not with a bad key after it');
});

// The model-access words outside the 401's own line (review19 F5): prose beside a real 401, a gated model's note
// before a bad token's 401; and a 401 body's words followed by a provider-named bad key (F7's form): the key.
const PROSE_THEN_401 = `We don't have access to the model gpt-4 in our org, so I switched to gpt-4o-mini and now get:\nopenai.AuthenticationError: Error code: 401 - {'error': {'message': 'Invalid authentication credentials', 'type': 'invalid_request_error'}}`;
const NOTE_THEN_BAD_TOKEN = `Note: you do not have access to the model meta-llama/Llama-2-7b until your request is approved.\nhuggingface_hub.utils._errors.HfHubHTTPError: 401 Client Error: Unauthorized for url: https://huggingface.co/api/whoami-v2 (Request ID: Root=1-abc)\nInvalid user token. If you didn't pass a user token, make sure you are properly logged in`;
const PLAN_401_THEN_NAMED_KEY = `${PLAN_401}\nswitched provider\nError: Invalid OpenAI API Key. Please check your key and try again.`;
const BEDROCK_NO_ACCESS =
  "botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the InvokeModel operation: You don't have access to the model with the specified model ID.";
const BEDROCK_THEN_NAMED_KEY = `${BEDROCK_NO_ACCESS}\nSwitched provider to OpenAI.\nError: Invalid OpenAI API Key. Please check your key and try again.`;
familyWithControls(
  "the model-access words answer only in the 401's own body; a key failure after them is the key",
  [[MODEL_NOT_AUTHORISED, 'auth_error/permission_denied']],
  [
    [PROSE_THEN_401, 'auth_error/invalid_credentials'],
    [NOTE_THEN_BAD_TOKEN, 'auth_error/invalid_credentials'],
    [PLAN_401_THEN_NAMED_KEY, 'auth_error/invalid_credentials'],
  ],
);
t.test('the model-access controls reach auth.invalid_credentials and its unless leaves them', async (t) => {
  for (const text of [PROSE_THEN_401, NOTE_THEN_BAD_TOKEN, PLAN_401_THEN_NAMED_KEY, BEDROCK_THEN_NAMED_KEY]) {
    t.ok(regexOf('auth.invalid_credentials').test(text), `reaches the regex: ${text.slice(0, 60)}`);
    t.notOk(patternOf('auth.invalid_credentials').unless?.test(text), `the unless leaves it: ${text.slice(0, 60)}`);
  }
});

// "does not have access to the model" said by other software or an LLM's reply (review19 F6): Bedrock's sentence
// has the provider's subject, "You".
const GAZEBO_NO_ACCESS =
  '[Err] [ModelPlugin.cc:88] The controller plugin does not have access to the model; robot_description was not loaded\n[gzserver-1] process has died [pid 4242, exit code 255]';
const LLM_REPLY_NO_ACCESS = `assistant: I'm sorry, but I don't have access to the model's internal weights, so I cannot answer that.\nTraceback (most recent call last):\n  File "agent.py", line 88, in parse\n    data = json.loads(reply)\njson.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)`;
familyWithControls(
  "'does not have access to the model' from a plugin or an LLM's reply is no refused permission",
  [[BEDROCK_NO_ACCESS, 'auth_error/permission_denied']],
  [
    [GAZEBO_NO_ACCESS, '!auth_error/permission_denied'],
    [LLM_REPLY_NO_ACCESS, '!auth_error/permission_denied'],
  ],
);
t.test('the no-access controls are run through auth.permission_denied and not matched', async (t) =>
  keptOutAndNotMatched(t, 'auth.permission_denied', [GAZEBO_NO_ACCESS, LLM_REPLY_NO_ACCESS]),
);

// Linux's ETIME (errno 62) in Rust's and Python's forms (agent-21 xet-core: request_timeout).
const XET_TIMER =
  'RuntimeError: Data processing error: CAS service error : IO Error: Timer expired (os error 62)\n  File "/usr/local/lib/python3.10/dist-packages/huggingface_hub/file_download.py", line 629, in xet_get';
const PY_TIMER = 'OSError: [Errno 62] Timer expired';
// The same errno, then the run died of a named cause of higher priority: that cause (gpu.oom).
const TIMER_THEN_OOM = `${XET_TIMER}\nretrying on the local copy\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB`;
familyWithControls(
  "ETIME's 'Timer expired (os error 62)' is a request that timed out",
  [
    [XET_TIMER, 'timeout/request_timeout'],
    [PY_TIMER, 'timeout/request_timeout'],
  ],
  [[TIMER_THEN_OOM, 'resource_error/gpu_oom']],
);
// The alternatives are whole literals (the prefilter gives the regex only texts holding one): the control
// that reaches them is the errno beside a cause of higher priority.
t.test('the ETIME control reaches timeout.request', async (t) => reachesAndIsNotRead(t, 'timeout.request', [TIMER_THEN_OOM]));

// A tool error class quoted as an object's type in Python's message (agent-21 omnicoreagent: the agent's own
// code, runtime_error): no tool failed. The class raised is still a tool's failure.
const TOOLERROR_ATTR =
  "2025-05-06 15:17:06 - mcpomni_connect - ERROR - Error in agent state context: 'ToolError' object has no attribute 'tool_name'";
const TOOLEXC_ATTR = "AttributeError: 'ToolException' object has no attribute 'args_schema'";
const TOOLERROR_RAISED = "fastmcp.exceptions.ToolError: Error calling tool 'search_docs': index returned no body";
familyWithControls(
  "'ToolError' object has no attribute is the program's error; a raised ToolError is the tool's",
  [[TOOLERROR_RAISED, 'tool_error/tool_execution_failed']],
  [
    [TOOLERROR_ATTR, '!tool_error/tool_execution_failed'],
    [TOOLEXC_ATTR, '!tool_error/tool_execution_failed'],
  ],
);
t.test('the quoted-class controls are run through tool.execution_failed and not matched', async (t) =>
  runAndNotMatched(t, 'tool.execution_failed', [TOOLERROR_ATTR, TOOLEXC_ATTR]),
);

// The Claude Agent SDK's result subtype error_max_turns, a run that ran out of turn budget (agent-19
// openhpsdr-zeus: max_iterations).
const MAX_TURNS_RESULT =
  '{"type":"result","subtype":"error_max_turns","is_error":true,"num_turns":31,"duration_ms":412233,"session_id":"5b1f"}';
// "ran out of turn budget" was one PR's prose, not a form (review19 F2): an evaluation's episode cut at its turns,
// a game engine's per-move budget. The subtype quoted inside the SDK's type union by a compiler (F3) is no run.
const EVAL_TURN_BUDGET =
  '[eval] task 17 (alfworld pick_and_place): the agent ran out of its turn budget (50 turns) without finishing. success: False\n[eval] success rate: 0.0';
const ENGINE_TURN_BUDGET =
  '[bot] move 34: engine exhausted its turn budget (1000 ms), playing the best move found so far\n[game] White wins by checkmate';
const TSC_UNION = `src/runner.ts(42,9): error TS2367: This comparison appears to be unintentional because the types '"success" | "error_max_turns" | "error_during_execution"' and '"error"' have no overlap.\nFound 1 error in src/runner.ts:42`;
// The same subtype beside a spent quota (llm.quota_exhausted, priority 96): the quota.
const MAX_TURNS_THEN_QUOTA = `${MAX_TURNS_RESULT}\nError: 429 You exceeded your current quota, please check your plan and billing details.`;
familyWithControls(
  'the result subtype error_max_turns is an iteration limit',
  [[MAX_TURNS_RESULT, 'agent_loop/max_iterations']],
  [
    [MAX_TURNS_THEN_QUOTA, 'resource_error/quota_exceeded'],
    [EVAL_TURN_BUDGET, '!agent_loop/max_iterations'],
    [ENGINE_TURN_BUDGET, '!agent_loop/max_iterations'],
    [TSC_UNION, '!agent_loop/max_iterations'],
  ],
);
t.test('the max-turns control reaches agent.max_iterations', async (t) => {
  reachesAndIsNotRead(t, 'agent.max_iterations', [MAX_TURNS_THEN_QUOTA]);
  keptOutAndNotMatched(t, 'agent.max_iterations', [EVAL_TURN_BUDGET, ENGINE_TURN_BUDGET]);
  runAndNotMatched(t, 'agent.max_iterations', [TSC_UNION]);
});

// A gateway's 5xx whose message is a model name it does not know (agent-21 proxypal: CLIProxyAPI's "unknown
// provider for model"; ba3 obot: "default model alias \"llm\" is not configured"; both invalid_config, rule 3).
const UNKNOWN_PROVIDER =
  'Error 502 Bad Gateway: {"error":{"message":"unknown provider for model gemini-claude-sonnet-4-5","type":"server_error","code":"internal_server_error"}}';
const ALIAS_UNCONFIGURED =
  'failed calling model for completion: error, status code: 502, message: failed to get model: default model alias "llm" is not configured';
// The same words beside a spent quota (llm.quota_exhausted, priority 96): the quota.
const PROVIDER_THEN_QUOTA = `${UNKNOWN_PROVIDER}\nError code: 429 - {'error': {'message': 'You exceeded your current quota', 'type': 'insufficient_quota'}}`;
familyWithControls(
  "a gateway's 5xx naming a model it knows no provider or alias for is the model's name",
  [
    [UNKNOWN_PROVIDER, 'config_error/invalid_config'],
    [ALIAS_UNCONFIGURED, 'config_error/invalid_config'],
  ],
  [[PROVIDER_THEN_QUOTA, 'resource_error/quota_exceeded']],
);
t.test('the unknown-provider control reaches llm.model_not_found', async (t) =>
  reachesAndIsNotRead(t, 'llm.model_not_found', [PROVIDER_THEN_QUOTA]),
);

// A client refusing to start without a key (agent-21 PostHog code; rule 10: missing_env_var); a server's 401
// in the same words is a request sent with no key (invalid_credentials).
const CLIENT_MISSING_KEY =
  "error: Error starting agent: Error invoking remote method 'agent-start': Error: Missing API key for structured extraction. Ensure the LLM gateway is configured.";
const SERVER_401_MISSING = 'POST https://gateway.example.com/v1/chat -> 401 Unauthorized: Missing API key';
const SERVER_MISSING_401 = '{"message":"Missing API key","status":401}';
// The status on another line of a pretty-printed body, and a gateway's 403 (review19 F4).
const SERVER_MISSING_PRETTY_401 = '{\n  "error": "Missing API key",\n  "status": 401\n}';
const GATEWAY_403_MISSING = 'HTTP/1.1 403 Forbidden\n{"message":"Missing API key. Pass it in the x-api-key header."}';
familyWithControls(
  "a client's 'Missing API key' is an unset key; the server's 401 in those words is credentials",
  [[CLIENT_MISSING_KEY, 'config_error/missing_env_var']],
  [
    [SERVER_401_MISSING, 'auth_error/invalid_credentials'],
    [SERVER_MISSING_401, '!config_error/missing_env_var'],
    [SERVER_MISSING_PRETTY_401, 'auth_error/invalid_credentials'],
    [GATEWAY_403_MISSING, 'auth_error/permission_denied'],
  ],
);
t.test("the server's 401 controls are run through config.missing_env_var and not matched", async (t) =>
  runAndNotMatched(t, 'config.missing_env_var', [SERVER_401_MISSING, SERVER_MISSING_401]),
);
// The status on another line: the line alone is read too (a telling line), so the unless reads the record.
t.test("the server's status a line away reaches config.missing_env_var; its unless does the work", async (t) => {
  reachesAndIsNotRead(t, 'config.missing_env_var', [SERVER_MISSING_PRETTY_401, GATEWAY_403_MISSING]);
  t.notOk(patternOf('config.missing_env_var').unless?.test(CLIENT_MISSING_KEY), "not the client's own refusal");
});

t.test('hostile inputs for the new alternatives are read quickly', async (t) => {
  const runs: HostileRun[] = [
    [
      'reasoning runs',
      `${'The reasoning_content in the thinking mode '.repeat(300)}The reasoning_content in the thinking mode must be passed back to the API`,
      'llm.tool_pairing',
    ],
    [
      'busy runs',
      `${'The server is busy. Please try again later'.repeat(300)}: The server is busy. Please try again later.`,
      'llm.overloaded',
    ],
    [
      'search busy runs',
      `${'search service is busy. Please disable search or try agai '.repeat(300)}search service is busy. Please disable search or try again`,
      'llm.overloaded',
    ],
    ['invalid key runs', `${'Invalid Invalid '.repeat(600)}API ke Invalid OpenAI API key`, 'auth.invalid_credentials'],
    ['quota runs', `${'google.rpc.QuotaFailur '.repeat(300)}Quota failure for project`, 'llm.quota_exhausted'],
    [
      'overflow runs',
      `${'overflow! Rank 0 Skipping step. Attempted loss scale: '.repeat(100)}${'1'.repeat(3000)}`,
      'data.loss_scale_overflow',
    ],
    [
      'overflow digits',
      `overflow! Skipping step. Attempted loss scale: ${'1e+'.repeat(2000)}, reducing to ${'.'.repeat(2000)}`,
      'data.loss_scale_overflow',
    ],
    ['plan runs', `${'subscription plan does not include access to '.repeat(300)}`, 'auth.permission_denied'],
    ['model access runs', `${'not authorised to use the '.repeat(300)}not authorised to use model x`, 'auth.permission_denied'],
    [
      'have access runs',
      `${"You don't have access to the ".repeat(300)}You don't have access to the model`,
      'auth.permission_denied',
    ],
    ['timer runs', `${'Timer expired (os error 6'.repeat(300)}Timer expired (os error 62)`, 'timeout.request'],
    ['tool class quotes', `${"ToolError' objec".repeat(600)}`, 'tool.execution_failed'],
    ['max turns quotes', `${'| "error_max_turns" '.repeat(600)}${' '.repeat(2000)}error_max_turns`, 'agent.max_iterations'],
    ['missing key 403', `${'Forbidden 403 '.repeat(600)}${'Missing API key\n'.repeat(300)}`, 'config.missing_env_var'],
    [
      'missing key spaced',
      `${'Missing API key '.repeat(300)}${' '.repeat(5000)}${'40 Forbidde '.repeat(600)}`,
      'config.missing_env_var',
    ],
    ['provider runs', `${'unknown provider for model '.repeat(300)}${'a'.repeat(3000)}`, 'llm.model_not_found'],
    ['alias runs', `${'model alias "'.repeat(600)}${'a'.repeat(3000)} model alias "x" is not configured`, 'llm.model_not_found'],
    ['saturated runs', `${'当前分组上游负载已'.repeat(600)}上游负载已饱和`, 'llm.overloaded'],
    ['missing key runs', `${'401 '.repeat(1000)}${'Missing API key '.repeat(300)}`, 'config.missing_env_var'],
    ['missing key unauthorized', `${'Missing API key '.repeat(300)}${'Unauthorize '.repeat(1000)}`, 'config.missing_env_var'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});

t.test("auth.invalid_credentials' unless on hostile texts is quick", async (t) => {
  const unless = patternOf('auth.invalid_credentials').unless;
  const texts = [
    `not authorised to use model x ${'Incorrect API ke '.repeat(20000)}`,
    `${"don't have access to the model ".repeat(5000)}${'Invalid API ke'.repeat(5000)}`,
    `401 ${'401 AuthenticationError '.repeat(3000)}${"don't have access to the model ".repeat(3000)}${'Invalid OpenAI API ke '.repeat(3000)}`,
  ];
  for (const text of texts) {
    const start = performance.now();
    unless?.test(text);
    const ms = performance.now() - start;
    t.ok(ms < 300, `the unless on ${text.length} chars: ${ms.toFixed(1)} ms`);
  }
});
