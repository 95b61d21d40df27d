/**
 * Forms read wrong on agent-20 (released for tuning after its blind measurement), three of them confident
 * wrong answers: llm.content_filter reading the finish reasons a client's type lists, async-openai's
 * "failed to deserialize api response" (serde's words after it), torchtune's gated-repository wording
 * read as bad credentials by its 401, Azure's InsufficientQuota (a capacity quota counted in tokens per
 * minute) read as a rate limit, and a provider's "This request exceeds your quota".
 */
import t from 'tap';
import { familyWithControls, type HostileRun, patternOf, readLog, readsHostileRuns, regexOf } from './patterns-read.js';

// async-openai on a streamed chunk whose finish_reason is "" (agent-20 maple-proxy): serde lists the
// variants the client accepts, content_filter among them; no filter fired.
const SERDE_VARIANT =
  '2025-11-15T11:18:33.884353Z ERROR app: failed to get token: failed to deserialize api response: unknown variant ``, expected one of `stop`, `length`, `tool_calls`, `content_filter`, `function_call` at line 1 column 213';
const SERDE_MISSING = 'Error: failed to deserialize api response: error:missing field `status`';
const SERDE_TYPE = 'Error: failed to deserialize api response: invalid type: null, expected a string at line 1 column 88';
const SERDE_NOT_JSON = 'Error: failed to deserialize api response: expected value at line 1 column 1';
// pydantic's literal_error on the same enumeration (openai-python's types on a compatible server's reply).
const PYDANTIC_LITERAL =
  "pydantic_core._pydantic_core.ValidationError: 1 validation error for ChatCompletion\nchoices.0.finish_reason\n  Input should be 'stop', 'length', 'tool_calls', 'content_filter' or 'function_call' [type=literal_error, input_value='eos', input_type=str]";
// A real filter: Azure's content_filter code, and the finish reason itself.
const AZURE_FILTER =
  "openai.BadRequestError: Error code: 400 - {'error': {'message': \"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\", 'type': None, 'param': 'prompt', 'code': 'content_filter', 'status': 400}}";
const FINISH_FILTER = 'Warning: the completion stopped early, finish_reason: content_filter';
// serde's words reading a file, not a reply: data (tuned cases code-rust-serde, candle-vllm).
const SERDE_FILE = '500 - IO error: Failed to read JSON: missing field `total_size` at line 1 column 158';
familyWithControls(
  "async-openai's 'failed to deserialize api response' is a reply that did not fit, or was not JSON",
  [
    [SERDE_VARIANT, 'output_parse_error/schema_mismatch_output'],
    [SERDE_MISSING, 'output_parse_error/schema_mismatch_output'],
    [SERDE_TYPE, 'output_parse_error/schema_mismatch_output'],
    [SERDE_NOT_JSON, 'output_parse_error/invalid_json_output'],
    [AZURE_FILTER, 'validation_error/forbidden_operation'],
    [FINISH_FILTER, 'validation_error/forbidden_operation'],
  ],
  [
    [PYDANTIC_LITERAL, '!validation_error/forbidden_operation'],
    [SERDE_FILE, 'data_error/missing_field'],
  ],
);

// torchtune's refusal of a gated Hugging Face repository, after the hub's 401 (agent-20 cruijff_kit):
// the gate, permission_denied (rule 3). A 401 with a bad token and the reporter's own words is credentials.
const TUNE_GATED =
  'requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://huggingface.co/api/models/meta-llama/Llama-3.2-1B-Instruct/revision/main\ntune download: error: It looks like you are trying to access a gated repository. Please ensure you have access to the repository.';
const HF_BAD_TOKEN =
  'I am trying to access a gated repo with my token.\nrequests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://huggingface.co/api/whoami-v2 (Invalid user token.)';
familyWithControls(
  "torchtune's 'you are trying to access a gated repository' is the repository's gate, even after a 401",
  [[TUNE_GATED, 'auth_error/permission_denied']],
  [[HF_BAD_TOKEN, 'auth_error/invalid_credentials']],
);

// Azure's InsufficientQuota: capacity counted in tokens per minute, allotted to deployments (agent-20
// business-process-automation): a capacity quota (rule 10). Azure's 429 for requests sent too fast, which
// points to the quota page, stays a rate limit.
const AZURE_CAPACITY =
  'This operation require 120 new capacity in quota Tokens Per Minute (thousands) - Text-Embedding-Ada-002, which is bigger than the current available capacity 0. The current quota usage is 240 and the quota limit is 240 for quota Tokens Per Minute (thousands) - Text-Embedding-Ada-002. (Code: InsufficientQuota)';
const AZURE_CODE_ONLY =
  'ERROR: deployment failed: {"code": "InsufficientQuota", "message": "The specified capacity of the deployment exceeds the available quota."}';
const AZURE_429 =
  "openai.RateLimitError: Error code: 429 - {'error': {'code': '429', 'message': 'Requests to the Embeddings_Create Operation under Azure OpenAI API version 2023-05-15 have exceeded call rate limit of your current OpenAI S0 pricing tier. Please retry after 2 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.'}}";
familyWithControls(
  "Azure's InsufficientQuota is a capacity quota, not a rate limit",
  [
    [AZURE_CAPACITY, 'resource_error/quota_exceeded'],
    [AZURE_CODE_ONLY, 'resource_error/quota_exceeded'],
  ],
  [[AZURE_429, 'rate_limit/provider_rate_limit']],
);

// A provider's "This request exceeds your quota" (agent-20 talk-to-chatgpt: ElevenLabs' character quota);
// counted per minute, it is a rate limit (llm.quota_exhausted's unless).
const ELEVEN_QUOTA =
  'ElevenLabs API error: This request exceeds your quota. You have 2 characters remaining, while 6 characters are required for this request.';
const PER_MINUTE_QUOTA = 'Error 429: This request exceeds your quota of 60 requests per minute. Retry in 12 seconds.';
familyWithControls(
  "'This request exceeds your quota' is a spent quota; per minute, a rate limit",
  [[ELEVEN_QUOTA, 'resource_error/quota_exceeded']],
  [[PER_MINUTE_QUOTA, 'rate_limit/provider_rate_limit']],
);

// A binary built without GPU kernels asked to run on the GPU (rule 5, version_conflict: torch extensions,
// CTranslate2, bitsandbytes; robotics-22 LAV, agent-20 ctranslate2 and smollm, both labellers). Its warning
// is not the cause when the run then dies of another named error.
const CT2_CUDA =
  'Traceback (most recent call last):\n  File "/usr/local/lib/python3.10/dist-packages/faster_whisper/transcribe.py", line 647, in __init__\n    self.model = ctranslate2.models.Whisper(\nValueError: This CTranslate2 package was not compiled with CUDA support';
const EXT_CUDA =
  'Stopping the route, the agent has crashed:\n> Not compiled with CUDA support\n\nTraceback (most recent call last):\n  File "agent.py", line 318, in run_step';
const BNB_WARN =
  'WARNING:bitsandbytes.cextension:The installed version of bitsandbytes was compiled without GPU support. 8-bit optimizers, 8-bit multiplication, and GPU quantization are unavailable.';
const BNB_THEN_OOM = `${BNB_WARN}\nTraceback (most recent call last):\n  File "train.py", line 40, in <module>\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 23.69 GiB total capacity; 21.9 GiB already allocated)`;
const BNB_THEN_MISSING = `${BNB_WARN}\nTraceback (most recent call last):\n  File "train.py", line 12, in <module>\nFileNotFoundError: [Errno 2] No such file or directory: 'data/train.jsonl'`;
familyWithControls(
  "'not compiled with CUDA support' / 'compiled without GPU support' is a build without GPU kernels",
  [
    [CT2_CUDA, 'import_error/version_conflict'],
    [EXT_CUDA, 'import_error/version_conflict'],
    [BNB_WARN, 'import_error/version_conflict'],
  ],
  [
    [BNB_THEN_OOM, 'resource_error/gpu_oom'],
    [BNB_THEN_MISSING, 'config_error/file_not_found'],
  ],
);

// Apple Foundation's JSONDecoder on a reply that is not JSON (agent-20 MacPaw/OpenAI's stream): its
// NSCocoaErrorDomain 3840 "Unexpected end of file" is the decoder's, not a corrupt data file; with a JSON
// file named, the file's syntax.
const SWIFT_REPLY =
  'Stream Error: dataCorrupted(Swift.DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: Optional(Error Domain=NSCocoaErrorDomain Code=3840 "Unexpected end of file" UserInfo={NSDebugDescription=Unexpected end of file})))';
const SWIFT_FILE =
  'Failed to load settings.json from the bundle: dataCorrupted(Swift.DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: Optional(Error Domain=NSCocoaErrorDomain Code=3840 "Badly formed object around line 4, column 2.")))';
const GZIP_EOF = 'gzip: dataset/train-00001.gz: unexpected end of file\nOSError: could not read the archive';
familyWithControls(
  "Foundation's 'The given data was not valid JSON' is a reply that did not parse, when no file is named",
  [
    [SWIFT_REPLY, 'output_parse_error/invalid_json_output'],
    [GZIP_EOF, 'data_error/corrupt_input'],
  ],
  [[SWIFT_FILE, '!output_parse_error/invalid_json_output']],
);

// Heartbeats not answered in time (rule 2): websockets' keepalive and Deepgram's NET-0001 timeout window
// (agent-20 deepgram-python-sdk, pipecat; both labellers deadline_exceeded). An IRC server's "Ping timeout"
// and a response not received within a client's timeout are other words.
const WS_KEEPALIVE =
  'websockets.exceptions.ConnectionClosedError: sent 1011 (internal error) keepalive ping timeout; no close frame received';
const DG_WINDOW =
  'send() failed - ConnectionClosed: received 1011 (internal error) Deepgram did not receive audio data or a text message within the timeout window. See https://dpgr.am/net0001';
const IRC_PING = '*** Disconnected: Ping timeout: 250 seconds\nsocket.timeout: timed out';
familyWithControls(
  "websockets' 'keepalive ping timeout' and Deepgram's NET-0001 timeout window are heartbeats past their deadline",
  [
    [WS_KEEPALIVE, 'timeout/deadline_exceeded'],
    [DG_WINDOW, 'timeout/deadline_exceeded'],
  ],
  [[IRC_PING, '!timeout/deadline_exceeded']],
);

// A missing module whose own line names the installed release as the cause (agent-15 paper-search-mcp,
// vLLM-Kunlun: version_conflict, both labellers); advice to install a version leaves module_not_found.
const MCP_2X =
  "ModuleNotFoundError: No module named 'mcp.server.fastmcp'. This is mcp 2.x, where\nFastMCP was renamed to MCPServer (from mcp.server.mcpserver import MCPServer)";
const TRITON_COMPAT =
  "WARNING [__init__.py:30] Failed to import Triton kernels. Please make sure your triton version is compatible. Error: No module named 'triton.language.target_info'";
const INSTALL_VERSION = "ModuleNotFoundError: No module named 'torch'. Please install torch version >= 2.0 first.";
familyWithControls(
  'a missing module whose line names the release as the cause is a version conflict',
  [
    [MCP_2X, 'import_error/version_conflict'],
    [TRITON_COMPAT, 'import_error/version_conflict'],
  ],
  [[INSTALL_VERSION, 'import_error/module_not_found']],
);

// A provider's 401 saying its OAuth access token expired names the cause of the generic 401s around it
// (agent-17 Clawdmeter: token_expired). An expiry notice that is not the 401 (a refresh that then went on)
// leaves a later bad key to the credentials.
const OAUTH_EXPIRED =
  '[08:07:21] API HTTP 401: {"type":"error","error":{"type":"authentication_error","message":"OAuth access token has expired. Re-authenticate to continue."},"request_id":null}\n[08:07:29] API HTTP 401: {"type":"error","error":{"type":"authentication_error","message":"Invalid authentication credentials"},"request_id":"req_011"}';
const REFRESHED_THEN_BAD_KEY =
  "INFO cached access token has expired, refreshing\nINFO refreshed\nopenai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}";
familyWithControls(
  "a provider's 401 'access token has expired' is an expired token, not the credentials of the 401s around it",
  [[OAUTH_EXPIRED, 'auth_error/token_expired']],
  [[REFRESHED_THEN_BAD_KEY, 'auth_error/invalid_credentials']],
);

// timeout.generic does not read "timeout" as code: concurrent.futures' own traceback line "return
// fut.result(timeout)" (agent-20 ai-eval-system), an attribute "self.timeout". roslaunch's "(timeout 10.0s)"
// is still a timeout.
const FUTURES_TB =
  'Traceback (most recent call last):\n  File "/usr/local/lib/python3.10/concurrent/futures/_base.py", line 319, in _result_or_cancel\n    return fut.result(timeout)\n  File "/app/runners/local.py", line 166, in submit\n    assert len(gpus) >= num_gpus\nAssertionError';
const SELF_TIMEOUT =
  'File "client.py", line 88, in send\n    resp = self.session.post(url, timeout=self.timeout)\nKeyError: \'choices\'';
const ROSLAUNCH_TIMEOUT =
  'The following roslaunch remote processes failed to register: \n * blue_0 (timeout 10.0s)\n\nIf this is a network latency issue, you may wish to consider setting';
familyWithControls(
  "timeout.generic reads a timeout, not the name 'timeout' in a call or an attribute",
  [[ROSLAUNCH_TIMEOUT, 'timeout/request_timeout']],
  [
    [FUTURES_TB, '!timeout/request_timeout'],
    [SELF_TIMEOUT, '!timeout/request_timeout'],
  ],
);

// websockets' "no close frame received or sent": the connection dropped without a close (agent-20 pipecat:
// connection_reset, both labellers); its keepalive timeout with "no close frame received" stays a deadline.
const WS_NO_CLOSE =
  '2024-09-18 09:25:01.202 | ERROR | pipecat.services.cartesia:_receive_task_handler:189 - CartesiaTTSService#0 exception: no close frame received or sent\nTraceback (most recent call last):\n  File "/app/.venv/lib/python3.12/site-packages/websockets/legacy/protocol.py", line 963, in transfer_data';
familyWithControls(
  "websockets' 'no close frame received or sent' is a dropped connection",
  [[WS_NO_CLOSE, 'network_error/connection_reset']],
  [[WS_KEEPALIVE, 'timeout/deadline_exceeded']],
);

t.test('the controls reach the changed alternatives', async (t) => {
  const cred = regexOf('auth.invalid_credentials');
  const cuda = regexOf('import.built_without_cuda');
  t.ok(cuda.test(BNB_THEN_OOM) && cuda.test(BNB_THEN_MISSING), "import.built_without_cuda's regex reads both controls");
  t.not(readLog(BNB_THEN_OOM).code, 'import.built_without_cuda', 'the OOM after the warning answers');
  t.not(readLog(BNB_THEN_MISSING).code, 'import.built_without_cuda', 'the missing file after the warning answers');
  t.ok(regexOf('json.parse_error').test(SWIFT_FILE), "json.parse_error's regex reads the Swift file control");
  t.not(readLog(SWIFT_FILE).code, 'json.reply_unparsed', 'which names a file, so it is no reply');
  t.ok(/ping timeout/i.test(IRC_PING), "the IRC control holds 'ping timeout'");
  t.notOk(regexOf('timeout.deadline').test(IRC_PING), "timeout.deadline's regex does not read it");
  t.ok(regexOf('import.module_not_found').test(INSTALL_VERSION), "import.module_not_found's regex reads the install control");
  t.ok(/version/.test(INSTALL_VERSION), "which holds the word 'version' on the same line");
  t.ok(/access token has expired/.test(REFRESHED_THEN_BAD_KEY), "the refresh control holds 'access token has expired'");
  t.ok(cred.test(REFRESHED_THEN_BAD_KEY), "auth.invalid_credentials's regex reads it");
  t.notOk(patternOf('auth.invalid_credentials').unless?.test(REFRESHED_THEN_BAD_KEY), 'its unless does not');
  const generic = regexOf('timeout.generic');
  const genericBefore =
    /\b((?:timed? ?out|timeout)\b(?!\s{0,2}=| in (?:milli|micro)?seconds\b|\s{0,2}(?:is )?set to\b)[^\n]{0,60})/i;
  t.ok(
    genericBefore.test(FUTURES_TB) && genericBefore.test(SELF_TIMEOUT),
    'timeout.generic before the change read both code controls',
  );
  t.notOk(generic.test(FUTURES_TB), 'the changed regex does not read fut.result(timeout)');
  t.notOk(generic.test(SELF_TIMEOUT), 'nor self.timeout');
  t.ok(/no close frame received/.test(WS_KEEPALIVE), "the keepalive control holds 'no close frame received'");
  t.notOk(regexOf('net.reset').test(WS_KEEPALIVE), "net.reset's regex does not read it");
  const filter = regexOf('llm.content_filter');
  // The alternative as it was: content_filter anywhere.
  const before = /content_filter\b[^\n]{0,80}/i;
  t.ok(before.test(SERDE_VARIANT) && before.test(PYDANTIC_LITERAL), 'the alternative before the change read both listings');
  t.notOk(filter.test(SERDE_VARIANT), "llm.content_filter's regex does not read serde's listing");
  t.notOk(filter.test(PYDANTIC_LITERAL), "nor pydantic's");
  t.not(readLog(PYDANTIC_LITERAL).code, 'llm.content_filter', 'and the reading is not the filter');
  t.ok(filter.test(AZURE_FILTER) && filter.test(FINISH_FILTER), 'a real filter is still read');
  const shape = regexOf('llm.api_response_shape');
  const unparsed = regexOf('llm.api_response_unparsed');
  t.ok(/missing field `/.test(SERDE_FILE), "the file control holds serde's words");
  t.notOk(shape.test(SERDE_FILE), 'llm.api_response_shape does not read them without the prefix');
  t.ok(/failed to deserialize api response: /.test(SERDE_NOT_JSON), 'the syntax control holds the prefix');
  t.notOk(shape.test(SERDE_NOT_JSON), 'llm.api_response_shape does not read a syntax error');
  t.notOk(unparsed.test(SERDE_MISSING), 'llm.api_response_unparsed does not read a missing field');
  const perm = regexOf('auth.permission_denied');
  t.ok(/trying to access a gated repo/.test(HF_BAD_TOKEN), "the token control holds 'trying to access a gated repo'");
  t.notOk(perm.test(HF_BAD_TOKEN), "auth.permission_denied's regex does not read the reporter's own words");
  t.ok(cred.test(TUNE_GATED), "auth.invalid_credentials's regex reads torchtune's 401");
  t.equal(readLog(TUNE_GATED).code, 'auth.permission_denied', 'its unless gives the gate the answer');
  const capacity = regexOf('azure.capacity_quota');
  t.ok(/quota/i.test(AZURE_429), "the Azure 429 control holds the word 'quota'");
  t.notOk(capacity.test(AZURE_429), "azure.capacity_quota's regex does not read it");
  const quota = regexOf('llm.quota_exhausted');
  t.ok(quota.test(PER_MINUTE_QUOTA), "llm.quota_exhausted's regex reads the per-minute control");
  t.not(readLog(PER_MINUTE_QUOTA).code, 'llm.quota_exhausted', 'its unless leaves it to the rate limit');
});

t.test('hostile inputs for the changed alternatives are read quickly', async (t) => {
  const runs: HostileRun[] = [
    ['filter listing runs', `expected one of ${'`content_filter`, '.repeat(600)}`, 'llm.content_filter'],
    ['filter backticks', `content_filter${'`'.repeat(3000)}`, 'llm.content_filter'],
    ['deserialize runs', `${'failed to deserialize api response: error: '.repeat(300)}missing field`, 'llm.api_response_shape'],
    ['deserialize backticks', `failed to deserialize api response: expected ${'`,'.repeat(3000)}`, 'llm.api_response_unparsed'],
    ['gated runs', `${'you are trying to access a gated '.repeat(400)}repository`, 'auth.permission_denied'],
    ['capacity digits', `This operation require ${'1'.repeat(3000)} new capacity in quota x`, 'azure.capacity_quota'],
    ['capacity runs', `${'InsufficientQuota '.repeat(600)}`, 'azure.capacity_quota'],
    ['cuda runs', `${'not compiled with '.repeat(600)}CUDA support`, 'import.built_without_cuda'],
    ['swift runs', `${'The given data was not valid JSON'.repeat(300)}.`, 'json.parse_error'],
    ['keepalive runs', `${'keepalive ping timeout'.repeat(300)};`, 'timeout.deadline'],
    ['release runs', `No module named 'x'. ${'This is x '.repeat(600)}2.x`, 'import.module_not_found'],
    ['expired runs', `${'401 '.repeat(1500)}access token has expire 401 Unauthorized`, 'auth.invalid_credentials'],
    ['timeout parens', `${'(timeout'.repeat(1500)})`, 'timeout.generic'],
    ['timeout dots', `${'.timeout'.repeat(1500)} x`, 'timeout.generic'],
    ['close frame runs', `${'no close frame received or '.repeat(600)}sent`, 'net.reset'],
    ['quota runs', `${'request exceeds your '.repeat(600)}quota`, 'llm.quota_exhausted'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});
