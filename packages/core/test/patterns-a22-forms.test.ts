/**
 * Forms read wrong on agent-22 (released for tuning after its blind measurement), each a provider's own
 * message that docs/taxonomy.md names: DeepSeek's "Model Not Exist" and OpenRouter's "<id> is not a valid model
 * ID" (rule 3: a model name the API does not know), and DeepSeek's refusals of a message list whose roles are out
 * of the order deepseek-reasoner requires (rule 10: a request the client built wrong). Texts written for these
 * tests in the forms' own words. Every control reaches the changed regex: it matches it and a higher-priority
 * reading does the work, or the regex is run on it and does not match it.
 */
import t from 'tap';
import {
  familyWithControls,
  type HostileRun,
  reachesAndIsNotRead,
  readLog,
  readsHostileRuns,
  runAndNotMatched,
} from './patterns-read.js';

const QUOTA = "Error code: 429 - {'error': {'message': 'You exceeded your current quota', 'type': 'insufficient_quota'}}";

// DeepSeek's 400 for a model name it does not serve, and OpenRouter's for an id it does not list.
const DS_NO_MODEL =
  'Remote sent 400 response: {"error":{"message":"Model Not Exist","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}';
const OR_INVALID_ID =
  'API Error: 400 {"error":{"message":"openai/gpt-5-chat-latest:free is not a valid model ID","code":400},"user_id":"user_123"}';
// The same refusals, then a spent quota on the account the fallback used: the quota (llm.quota_exhausted, 96).
const DS_NO_MODEL_THEN_QUOTA = `${DS_NO_MODEL}\nfalling back to the default model\n${QUOTA}`;
const OR_INVALID_ID_THEN_QUOTA = `${OR_INVALID_ID}\nfalling back to the default model\n${QUOTA}`;
// The words in a reporter's lower case, and an identifier that is not a model's: the regex does not match.
const PROSE_NOT_EXIST = 'Error: invalid_request_error. I think the model not exist anymore? Model does not exist in my list';
const NOT_MODEL_ID = 'ValueError: 42 is not a valid model IDentifier kind (expected one of: name, alias)';
// "Model Not Exist" outside DeepSeek's body: a Go backend's ORM record lookup, and a report quoting the words after
// the fix (review 20 F1). Each also holds the word "message" (not as a JSON key), so that the prefilter lets it
// reach the regex: the regex is run on them and does not match.
const ORM_NOT_EXIST =
  'time=2024-05-01T12:00:01Z level=error message="query failed" err="record lookup: Model Not Exist (table=t_goods id=42)"\n[GIN] 2024/05/01 - 12:00:01 | 500 |  1.2ms | 10.0.0.3 | GET "/api/goods/42"';
const FIXED_NOT_EXIST =
  'Got "Model Not Exist" as the error message from DeepSeek when I used deepseek-v3 as the model name. Fixed now, the name is deepseek-chat. Closing.';
// A device's model id without a provider slash, then the KeyError the setup died of; a registry's id (review 20
// F2): not a model name an LLM API does not know.
const DEVICE_MODEL_ID =
  '2025-01-02 10:11:12 ERROR (MainThread) [custom_components.tuya_local] Device config for bf12345: 0x1F2A is not a valid model ID for this product, using generic profile\nTraceback (most recent call last):\n  File "/config/custom_components/tuya_local/device.py", line 88, in async_setup\nKeyError: \'dps\'';
const REGISTRY_MODEL_ID =
  "mlflow.exceptions.MlflowException: m-3f2a9c is not a valid model ID. Logged model IDs must start with 'm-' followed by 32 hex characters.";
familyWithControls(
  "DeepSeek's 'Model Not Exist' and OpenRouter's 'is not a valid model ID' are a model name the API does not know",
  [
    [DS_NO_MODEL, 'config_error/invalid_config'],
    [OR_INVALID_ID, 'config_error/invalid_config'],
  ],
  [
    [DS_NO_MODEL_THEN_QUOTA, 'resource_error/quota_exceeded'],
    [OR_INVALID_ID_THEN_QUOTA, 'resource_error/quota_exceeded'],
    [PROSE_NOT_EXIST, '!config_error/invalid_config'],
    [DEVICE_MODEL_ID, 'runtime_error/key_error'],
    [ORM_NOT_EXIST, '!config_error/invalid_config'],
    [FIXED_NOT_EXIST, '!config_error/invalid_config'],
  ],
);
t.test('the model-name controls reach llm.model_not_found', async (t) => {
  reachesAndIsNotRead(t, 'llm.model_not_found', [DS_NO_MODEL_THEN_QUOTA, OR_INVALID_ID_THEN_QUOTA]);
  runAndNotMatched(t, 'llm.model_not_found', [
    PROSE_NOT_EXIST,
    NOT_MODEL_ID,
    ORM_NOT_EXIST,
    FIXED_NOT_EXIST,
    DEVICE_MODEL_ID,
    REGISTRY_MODEL_ID,
  ]);
});

// DeepSeek's 400 for a message list that does not start with a user turn (history trimmed to an assistant turn),
// and for two turns of one role in a row.
const DS_FIRST_USER =
  "Error code: 400 - {'error': {'message': 'The first message (except the system message) of deepseek-reasoner must be a user message, but an assistant message detected.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_request_error'}}";
const DS_SUCCESSIVE =
  "openai.BadRequestError: Error code: 400 - {'error': {'message': 'deepseek-reasoner does not support successive user or assistant messages (messages[1] and messages[2] in your input). You should interleave the user/assistant messages in the message sequence.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_request_error'}}";
// The same refusal, then a rejected key on the retry: the key answers (auth.invalid_credentials, priority 86).
const DS_FIRST_USER_THEN_KEY = `${DS_FIRST_USER}\nretrying with the fallback key\nError code: 401 - Incorrect API key provided: sk-abc***. You can find your API key at https://platform.deepseek.com.`;
const DS_SUCCESSIVE_THEN_KEY = `${DS_SUCCESSIVE.replace('openai.BadRequestError: ', '')}\nretrying with the fallback key\nError code: 401 - Incorrect API key provided: sk-abc***. You can find your API key at https://platform.deepseek.com.`;
// The successive-messages words in an adapter's note, not followed by the API's "(messages[i] and messages[j] …)"
// (review 20 F3; it names the messages later, so that the prefilter lets it reach the regex): the regex is run on
// it and does not match.
const SUCCESSIVE_NOTE =
  'Note: deepseek-reasoner does not support successive user or assistant messages, so our adapter merges consecutive turns (messages[i] into messages[i-1]) before sending. (docs)';
familyWithControls(
  "DeepSeek's message-order refusals are a message list built wrong",
  [
    [DS_FIRST_USER, 'validation_error/schema_violation'],
    [DS_SUCCESSIVE, 'validation_error/schema_violation'],
  ],
  [
    [DS_FIRST_USER_THEN_KEY, 'auth_error/invalid_credentials'],
    [DS_SUCCESSIVE_THEN_KEY, 'auth_error/invalid_credentials'],
    [SUCCESSIVE_NOTE, '!validation_error/schema_violation'],
  ],
);
t.test('the message-order controls reach llm.tool_pairing', async (t) => {
  reachesAndIsNotRead(t, 'llm.tool_pairing', [DS_FIRST_USER_THEN_KEY, DS_SUCCESSIVE_THEN_KEY]);
  runAndNotMatched(t, 'llm.tool_pairing', [SUCCESSIVE_NOTE]);
});

t.test('hostile inputs for the new alternatives are read quickly', async (t) => {
  const runs: HostileRun[] = [
    ['model id chars', `${'a'.repeat(5000)} is not a valid model IDx`, 'llm.model_not_found'],
    ['model id runs', `${'x is not a valid model IDx '.repeat(400)}${'-'.repeat(3000)}`, 'llm.model_not_found'],
    ['not exist runs', `${'"message": Model Not Exis '.repeat(600)}model not exist`, 'llm.model_not_found'],
    ['model id slashes', `${'a/'.repeat(5000)} is not a valid model IDx`, 'llm.model_not_found'],
    ['model id slash runs', `${'a'.repeat(3000)}/${'b'.repeat(3000)} is not a valid model IDx`, 'llm.model_not_found'],
    ['message key runs', `${'"message\\": \\"Model Not Exis '.repeat(400)}"message": Model Not Exist`, 'llm.model_not_found'],
    [
      'first message runs',
      `${'The first message (except the system message) of '.repeat(200)}${'a.'.repeat(2000)} must be a user message`,
      'llm.tool_pairing',
    ],
    [
      'successive chars',
      `(messages[ ${'a-'.repeat(3000)}! does not support successive user or assistant messages (messages(`,
      'llm.tool_pairing',
    ],
    [
      'successive runs',
      `${'x  does not support successive user or assistant messages '.repeat(300)} (messages[`,
      'llm.tool_pairing',
    ],
    [
      'successive paren runs',
      `${'x does not support successive user or assistant messages (messages'.repeat(200)} (messages[`,
      'llm.tool_pairing',
    ],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});
