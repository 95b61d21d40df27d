/**
 * Forms read wrong on agent-20 (released for tuning after its blind measurement), three of them confident
 * wrong answers: llm.content_filter reading the finish reasons a client's type lists, async-openai's
 * "failed to deserialize api response" (serde's words after it), torchtune's gated-repository wording
 * read as bad credentials by its 401, and a provider's "This request exceeds your quota". With the review's
 * probes (agent18-review F1-F8) as controls that reach each changed regex or condition.
 */
import t from 'tap';
import {
  familyWithControls,
  type HostileRun,
  patternOf,
  readLog,
  readPair,
  readsHostileRuns,
  regexOf,
  warningOutlivedIn,
} from './patterns-read.js';

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
// The reporter's prose in the same words (review F6), then a bad token: credentials.
const HF_BAD_TOKEN =
  'It keeps telling me you are trying to access a gated repository even though I was granted access yesterday.\nhuggingface_hub.errors.HfHubHTTPError: 401 Client Error: Unauthorized for url: https://huggingface.co/api/whoami-v2 (Request ID: Root=1-x)\nInvalid user token. The token from HF_TOKEN environment variable is invalid.';
familyWithControls(
  "torchtune's 'you are trying to access a gated repository' is the repository's gate, even after a 401",
  [[TUNE_GATED, 'auth_error/permission_denied']],
  [[HF_BAD_TOKEN, 'auth_error/invalid_credentials']],
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
// A keepalive timeout the client recovered from, then another cause (review): the later cause answers.
const WS_KEEPALIVE_THEN_BAD_KEY =
  "WARNING websockets: connection closed: sent 1011 (internal error) keepalive ping timeout; no close frame received\nINFO reconnected to wss://api.example.com/stream\nERROR openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-xx', 'code': 'invalid_api_key'}}";
familyWithControls(
  "websockets' 'keepalive ping timeout' and Deepgram's NET-0001 timeout window are heartbeats past their deadline",
  [
    [WS_KEEPALIVE, 'timeout/deadline_exceeded'],
    [DG_WINDOW, 'timeout/deadline_exceeded'],
  ],
  [[WS_KEEPALIVE_THEN_BAD_KEY, 'auth_error/invalid_credentials']],
);

// A missing module whose own line names the installed release as the cause (agent-15 paper-search-mcp,
// vLLM-Kunlun: version_conflict, both labellers); advice to install a version leaves module_not_found.
const MCP_2X =
  "ModuleNotFoundError: No module named 'mcp.server.fastmcp'. This is mcp 2.x, where\nFastMCP was renamed to MCPServer (from mcp.server.mcpserver import MCPServer)";
const TRITON_COMPAT =
  "WARNING [__init__.py:30] Failed to import Triton kernels. Please make sure your triton version is compatible. Error: No module named 'triton.language.target_info'";
// Install advice next to a missing top-level package (review F5): the package is not installed.
const FLASH_ATTN =
  "ModuleNotFoundError: No module named 'flash_attn'. Please make sure your CUDA version is compatible and install flash-attn";
const TORCH_COMPAT =
  "ImportError: No module named 'torch'. Please make sure the torch version is compatible with this package (torch>=2.1).";
familyWithControls(
  'a missing module whose line names the release as the cause is a version conflict',
  [
    [MCP_2X, 'import_error/version_conflict'],
    [TRITON_COMPAT, 'import_error/version_conflict'],
  ],
  [
    [FLASH_ATTN, 'import_error/module_not_found'],
    [TORCH_COMPAT, 'import_error/module_not_found'],
  ],
);

// A provider's 401 saying its OAuth access token expired names the cause of the generic 401s around it
// (agent-17 Clawdmeter: token_expired). An expiry notice that is not the 401 (a refresh that then went on)
// leaves a later bad key to the credentials.
const OAUTH_EXPIRED =
  '[08:07:21] API HTTP 401: {"type":"error","error":{"type":"authentication_error","message":"OAuth access token has expired. Re-authenticate to continue."},"request_id":null}\n[08:07:29] API HTTP 401: {"type":"error","error":{"type":"authentication_error","message":"Invalid authentication credentials"},"request_id":"req_011"}';
const REFRESHED_THEN_BAD_KEY =
  "INFO cached access token has expired, refreshing\nINFO refreshed\nopenai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}";
// The same with a 401 on the expiry line (review F2): the bad key after the refresh is still the cause.
const EXPIRED_401_THEN_BAD_KEY =
  "WARN http 401: access token has expired, refreshing\nINFO token refreshed, retrying\nopenai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: sk-abc. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'code': 'invalid_api_key'}}";
familyWithControls(
  "a provider's 401 'access token has expired' is an expired token, not the credentials of the 401s around it",
  [[OAUTH_EXPIRED, 'auth_error/token_expired']],
  [
    [REFRESHED_THEN_BAD_KEY, 'auth_error/invalid_credentials'],
    [EXPIRED_401_THEN_BAD_KEY, 'auth_error/invalid_credentials'],
  ],
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
  // The IRC text reaches no analysis of the new alternative (it lacks 'keepalive'): a check of the regex only.
  t.ok(/ping timeout/i.test(IRC_PING), "the IRC text holds 'ping timeout'");
  t.notOk(regexOf('timeout.deadline').test(IRC_PING), "timeout.deadline's regex does not read it (regex only)");
  t.ok(regexOf('timeout.deadline').test(WS_KEEPALIVE_THEN_BAD_KEY), "timeout.deadline's regex reads the reconnect control");
  t.not(readLog(WS_KEEPALIVE_THEN_BAD_KEY).code, 'timeout.deadline', 'whose later bad key answers');
  const releaseBefore =
    /\bThis is [\w.-]{1,40} v?\d{1,3}\.x\b|make sure (?:your|the) [\w.-]{1,40} version is compatible|\b[\w.-]{1,40} version is (?:not compatible|incompatible)\b/i;
  for (const [name, text] of [
    ['flash_attn', FLASH_ATTN],
    ['torch', TORCH_COMPAT],
  ] as const) {
    t.ok(regexOf('import.module_not_found').test(text), `import.module_not_found's regex reads the ${name} control`);
    t.ok(releaseBefore.test(text), `the release test before the fix read the ${name} control's advice`);
    t.equal(readLog(text).code, 'import.module_not_found', `the ${name} control is not resolved to a version conflict`);
  }
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
  // The analysis of the pydantic text was tool_error/invalid_tool_args before the change too (tool.invalid_args
  // answers above the filter), so only the regex assertions above test the change on it.
  t.equal(readLog(PYDANTIC_LITERAL).code, 'tool.invalid_args', 'its analysis is tool.invalid_args, as before the change');
  t.ok(filter.test(AZURE_FILTER) && filter.test(FINISH_FILTER), 'a real filter is still read');
  const shape = regexOf('llm.api_response_shape');
  const unparsed = regexOf('llm.api_response_unparsed');
  t.ok(/missing field `/.test(SERDE_FILE), "the file control holds serde's words");
  t.notOk(shape.test(SERDE_FILE), 'llm.api_response_shape does not read them without the prefix');
  t.ok(/failed to deserialize api response: /.test(SERDE_NOT_JSON), 'the syntax control holds the prefix');
  t.notOk(shape.test(SERDE_NOT_JSON), 'llm.api_response_shape does not read a syntax error');
  t.notOk(unparsed.test(SERDE_MISSING), 'llm.api_response_unparsed does not read a missing field');
  const perm = regexOf('auth.permission_denied');
  const gatedBefore = /[Yy]ou are trying to access a gated repository\b/;
  t.ok(gatedBefore.test(HF_BAD_TOKEN), "the alternative before the fix read the reporter's prose");
  t.notOk(perm.test(HF_BAD_TOKEN), "auth.permission_denied's regex does not read the reporter's own words");
  t.notOk(patternOf('auth.invalid_credentials').unless?.test(HF_BAD_TOKEN), "nor does invalid_credentials' unless");
  t.ok(cred.test(HF_BAD_TOKEN), "auth.invalid_credentials's regex reads the 401");
  t.ok(cred.test(TUNE_GATED), "auth.invalid_credentials's regex reads torchtune's 401");
  t.equal(readLog(TUNE_GATED).code, 'auth.permission_denied', 'its unless gives the gate the answer');
  const quota = regexOf('llm.quota_exhausted');
  t.ok(quota.test(PER_MINUTE_QUOTA), "llm.quota_exhausted's regex reads the per-minute control");
  t.not(readLog(PER_MINUTE_QUOTA).code, 'llm.quota_exhausted', 'its unless leaves it to the rate limit');
});

// Review F1: async-openai's error path. A non-2xx reply whose body is not OpenAI's error shape fails to
// deserialize as WrappedError/ApiError after the crate logged it: the status or body is the cause (rule 1).
const AO_502 =
  '2025-03-02T10:00:01Z ERROR async_openai::error: failed deserialization of: <html>\r<head><title>502 Bad Gateway</title></head>\r<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\nError: failed to deserialize api response: expected value at line 1 column 1';
const AO_429 =
  'WARN request failed: HTTP status 429 Too Many Requests\nERROR async_openai::error: failed deserialization of: \nError: failed to deserialize api response: EOF while parsing a value at line 1 column 0';
const AO_401 =
  'HTTP/1.1 401 Unauthorized\nERROR async_openai::error: failed deserialization of: Unauthorized\nError: failed to deserialize api response: expected value at line 1 column 1';
const AO_401_BODY =
  '2025-03-02T10:00:01Z ERROR async_openai::error: failed deserialization of: {"detail":"Invalid API key"}\nError: failed to deserialize api response: missing field `error` at line 1 column 28';
const AO_MODEL =
  '2025-03-02T10:00:01Z ERROR async_openai::error: failed deserialization of: {"error":"model \\"llama3.2\\" not found, try pulling it first"}\nError: failed to deserialize api response: invalid type: string "model \\"llama3.2\\" not found, try pulling it first", expected struct ApiError at line 1 column 58';
const AO_ERROR_PATH: [name: string, text: string, rule: string, expected: string][] = [
  ['502 page', AO_502, 'llm.api_response_unparsed', 'upstream_error/upstream_5xx'],
  ['429 empty body', AO_429, 'llm.api_response_unparsed', 'rate_limit/provider_rate_limit'],
  ['401 status line', AO_401, 'llm.api_response_unparsed', 'auth_error/invalid_credentials'],
  ['401 body', AO_401_BODY, 'llm.api_response_shape', 'auth_error/invalid_credentials'],
  ['model not found', AO_MODEL, 'llm.api_response_shape', 'config_error/invalid_config'],
];
t.test("async-openai's error path is read by its status or body, not as the reply's shape (review F1)", async (t) => {
  for (const [name, text, rule, expected] of AO_ERROR_PATH) {
    t.ok(regexOf(rule).test(text), `${rule}'s regex reads the ${name} control`);
    t.ok(patternOf(rule).unless?.test(text), `its unless steps aside for the ${name} control`);
    t.not(readLog(text).code, rule, `the ${name} control is not read as ${rule}`);
    t.equal(readPair(text), expected, `the ${name} control reads ${expected}`);
  }
  t.notOk(patternOf('llm.api_response_shape').unless?.test(SERDE_VARIANT), "the unless leaves maple-proxy's stream");
  t.notOk(patternOf('llm.api_response_unparsed').unless?.test(SERDE_NOT_JSON), 'and a reply that is not JSON');
});

// Review F3: timeout.generic's code exclusions keep real timeouts: Go's Client.Timeout, an enum's X.TIMEOUT,
// a test runner's "Failed (timeout)"; they still drop "fut.result(timeout)", "self.timeout)" and "self.timeout,".
const GO_CLIENT_TIMEOUT =
  'error: failed to download: Get "https://example.com/file.tar.gz": net/http: request canceled (Client.Timeout or context cancellation while reading body)';
const ENUM_TIMEOUT = 'ERROR:root:Motion failed with status ResultCode.TIMEOUT after 30 s';
const CTEST_TIMEOUT = '3/5 Test #3: integration_test ...............***Failed (timeout)  60.01 sec';
const DCAM_TIMEOUT = 'Waiting for device...\nerror message:  DCAMERR.TIMEOUT\nWaiting for device...';
const SELF_TIMEOUT_COMMA =
  "    sock = socket.create_connection((self.host,self.port), self.timeout, source_address)\nKeyError: 'host'";
familyWithControls(
  "timeout.generic still reads a timeout after a dot or in parentheses when it is no code's name",
  [
    [GO_CLIENT_TIMEOUT, 'timeout/request_timeout'],
    [ENUM_TIMEOUT, 'timeout/request_timeout'],
    [CTEST_TIMEOUT, 'timeout/request_timeout'],
    [DCAM_TIMEOUT, 'timeout/request_timeout'],
  ],
  [[SELF_TIMEOUT_COMMA, '!timeout/request_timeout']],
);
t.test("timeout.generic's exclusions reach only code (review F3)", async (t) => {
  const generic = regexOf('timeout.generic');
  const branchBefore =
    /(?<!\.)\b((?:timed? ?out|timeout)\b(?!(?<=\(timeout)[),])(?!\s{0,2}=| in (?:milli|micro)?seconds\b|\s{0,2}(?:is )?set to\b)[^\n]{0,60})/i;
  for (const text of [GO_CLIENT_TIMEOUT, ENUM_TIMEOUT, CTEST_TIMEOUT, DCAM_TIMEOUT]) {
    t.notOk(branchBefore.test(text), `the first exclusions dropped: ${text.slice(0, 50)}`);
    t.ok(generic.test(text), 'the fixed regex reads it');
    t.equal(readLog(text).code, 'timeout.generic', 'and timeout.generic answers');
  }
  t.notOk(generic.test(SELF_TIMEOUT_COMMA), 'self.timeout followed by a comma is still code');
  t.notOk(generic.test(FUTURES_TB), 'fut.result(timeout) is still code');
});

// Review F4: bitsandbytes' warning at every CPU-only import is not the cause of a later crash of another kind.
const BNB_THEN_SHAPE = `${BNB_WARN}\nTraceback (most recent call last):\n  File "run.py", line 20, in <module>\n    y = x.view(1, 4096)\nRuntimeError: shape '[1, 4096]' is invalid for input of size 8192`;
const BNB_IPYTHON_HEADER = `${BNB_WARN}\n---------------------------------------------------------------------------\nRuntimeError                              Traceback (most recent call last)\n---> 33     model = Idefics3ForConditionalGeneration.from_pretrained(`;
const BNB_THEN_SEGV = `${BNB_WARN}\nLoading checkpoint shards: 100%|##########| 2/2\nSegmentation fault (core dumped)`;
familyWithControls(
  'a build without GPU kernels steps aside for a later raised error or fatal signal',
  [[CT2_CUDA, 'import_error/version_conflict']],
  [
    [BNB_THEN_SHAPE, 'runtime_error/unhandled_exception'],
    [BNB_THEN_SEGV, 'runtime_error/unhandled_exception'],
  ],
);
t.test("import.built_without_cuda's warning step reaches the crashes after the warning (review F4)", async (t) => {
  const cuda = patternOf('import.built_without_cuda');
  const outlived = (text: string) => warningOutlivedIn('import.built_without_cuda', text);
  for (const text of [BNB_THEN_SHAPE, BNB_THEN_SEGV]) {
    t.ok(cuda.match.test(text), "the rule's regex reads the warning");
    t.ok(outlived(text), 'the warning step reads the later crash');
    t.not(readLog(text).code, 'import.built_without_cuda', 'the warning does not answer');
  }
  for (const text of [CT2_CUDA, EXT_CUDA, BNB_WARN]) t.notOk(outlived(text), 'the warning step leaves the form itself');
  t.notOk(outlived(BNB_IPYTHON_HEADER), "nor IPython's traceback header, which is no raised line");
  t.equal(readLog(BNB_IPYTHON_HEADER).code, 'import.built_without_cuda', 'the warning answers a cut traceback');
});

// Review F7 and F8: Foundation's decoder on a file of any name is no reply; data.corrupt's unless is tied to
// Foundation's own line.
const SWIFT_CACHE =
  'Failed to load cached conversations from Application Support/Conversations.dat: dataCorrupted(Swift.DecodingError.Context(codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: Optional(Error Domain=NSCocoaErrorDomain Code=3840 "Unexpected end of file" UserInfo={NSDebugDescription=Unexpected end of file})))';
const GZIP_THEN_QUOTE =
  'gzip: /data/shard-3.gz: unexpected end of file\ntar: Child returned status 1\nnote: an earlier run printed: The given data was not valid JSON';
familyWithControls(
  "Foundation's decoder on a named file is no reply, and a decode message elsewhere leaves a corrupt archive",
  [[GZIP_THEN_QUOTE, 'data_error/corrupt_input']],
  [[SWIFT_CACHE, '!output_parse_error/invalid_json_output']],
);
t.test('the Swift file and the quoted decoder message reach the changed conditions (review F7, F8)', async (t) => {
  t.ok(regexOf('json.parse_error').test(SWIFT_CACHE), "json.parse_error's regex reads the Swift cache control");
  t.not(readLog(SWIFT_CACHE).code, 'json.reply_unparsed', 'whose file path makes it no reply');
  t.equal(readLog(SWIFT_REPLY).code, 'json.reply_unparsed', 'a Swift reply with no file still is one');
  t.ok(regexOf('data.corrupt').test(GZIP_THEN_QUOTE), "data.corrupt's regex reads the gzip control");
  t.notOk(patternOf('data.corrupt').unless?.test(GZIP_THEN_QUOTE), 'its unless does not read the quoted message');
  t.ok(patternOf('data.corrupt').unless?.test(SWIFT_REPLY), "it still reads Foundation's own line");
});

t.test('hostile inputs for the changed alternatives are read quickly', async (t) => {
  const runs: HostileRun[] = [
    ['filter listing runs', `expected one of ${'`content_filter`, '.repeat(600)}`, 'llm.content_filter'],
    ['filter backticks', `content_filter${'`'.repeat(3000)}`, 'llm.content_filter'],
    ['deserialize runs', `${'failed to deserialize api response: error: '.repeat(300)}missing field`, 'llm.api_response_shape'],
    ['deserialize backticks', `failed to deserialize api response: expected ${'`,'.repeat(3000)}`, 'llm.api_response_unparsed'],
    ['gated runs', `${'It looks like you are trying to access a gated '.repeat(300)}repository`, 'auth.permission_denied'],
    ['cuda runs', `${'not compiled with '.repeat(600)}CUDA support`, 'import.built_without_cuda'],
    ['swift runs', `${'The given data was not valid JSON'.repeat(300)}.`, 'json.parse_error'],
    ['keepalive runs', `${'keepalive ping timeout'.repeat(300)};`, 'timeout.deadline'],
    ['release runs', `No module named 'x'. ${'This is x '.repeat(600)}2.x`, 'import.module_not_found'],
    ['expired runs', `${'401 '.repeat(1500)}access token has expire 401 Unauthorized`, 'auth.invalid_credentials'],
    [
      'expired then key runs',
      `401 access token has expired ${'Incorrect API ke '.repeat(300)} 401 Unauthorized`,
      'auth.invalid_credentials',
    ],
    [
      'ao error path runs',
      `failed deserialization of: ${'{ '.repeat(1500)}\nfailed to deserialize api response: EOF while parsing`,
      'llm.api_response_unparsed',
    ],
    ['cuda then lines', `not compiled with CUDA support\n${'x\n'.repeat(3000)}Erro`, 'import.built_without_cuda'],
    [
      'release submodule runs',
      `No module named 'a.${'b.'.repeat(600)}' make sure your x version is compatibl`,
      'import.module_not_found',
    ],
    ['swift path runs', `/${'a '.repeat(1500)} The given data was not valid JSON`, 'json.parse_error'],
    ['timeout parens', `${'(timeout'.repeat(1500)})`, 'timeout.generic'],
    ['timeout dots', `${'.timeout'.repeat(1500)} x`, 'timeout.generic'],
    ['close frame runs', `${'no close frame received or '.repeat(600)}sent`, 'net.reset'],
    ['quota runs', `${'request exceeds your '.repeat(600)}quota`, 'llm.quota_exhausted'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});

t.test('the new unless regexes on hostile texts are quick (review F1, F2, F4)', async (t) => {
  const runs: [id: string, text: string][] = [
    ['auth.invalid_credentials', `401 access token has expired ${'Incorrect API ke '.repeat(20000)}`],
    ['llm.api_response_shape', `failed deserialization of: ${'{ "'.repeat(20000)}\n${'HTTP '.repeat(20000)}`],
    ['data.corrupt', `The given data was not valid JSON${' Unexpected end of fil'.repeat(20000)}`],
  ];
  for (const [id, text] of runs) {
    const unless = patternOf(id).unless;
    t.ok(unless, `${id} has an unless`);
    const start = performance.now();
    unless?.test(text);
    const ms = performance.now() - start;
    t.ok(ms < 200, `${id}'s unless on ${text.length} chars: ${ms.toFixed(1)} ms`);
  }
});

// The scans of import.built_without_cuda's former unless, now the warning step's (classify.ts, Pattern.warning).
t.test("the warning step on import.built_without_cuda's hostile texts is quick (review F4)", async (t) => {
  const texts = [
    `compiled without GPU support\n${'x.Erro\n'.repeat(20000)}`,
    `${'compiled without GPU support\n'.repeat(3000)}${'x.Erro\n'.repeat(3000)}`,
    `compiled without GPU support\n${'ValueError compiled with '.repeat(5000)}\n`.repeat(20),
  ];
  for (const text of texts) {
    const start = performance.now();
    warningOutlivedIn('import.built_without_cuda', text);
    const ms = performance.now() - start;
    t.ok(ms < 200, `the warning step on ${text.length} chars: ${ms.toFixed(1)} ms`);
  }
});
