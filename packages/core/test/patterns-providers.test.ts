/**
 * Model-provider and agent readings added for issue 13 (families config, traps, context,
 * resources, agents, output, timeouts, validation): a model name the endpoint does not serve is
 * a setting; an exhausted balance or cloud service limit is a quota; Bedrock's "too many tokens,
 * please wait" is a rate limit, not the context window; a model server without the RAM for a
 * model is host memory; a cost budget is the agent's iteration limit; a service that did not
 * start in time is a deadline. Written in the providers' wording for this test.
 */
import t from 'tap';
import { expectReadings, readLog, readTrace } from './patterns-read.js';

t.test('a model name the endpoint does not serve is a configuration error', async (t) => {
  expectReadings(t, [
    [
      "Error code: 404 - {'error': {'message': 'model \"llama3:70b\" not found, try pulling it first', 'type': 'api_error'}}",
      'config_error/invalid_config',
    ],
    [
      'Azure.RequestFailedException: The API deployment for this resource does not exist.\nStatus: 404 (DeploymentNotFound)',
      'config_error/invalid_config',
    ],
    [
      '400 Bad Request: {"error":{"message":"registry.ollama.ai/library/phi3:mini does not support tools"}}',
      'config_error/invalid_config',
    ],
  ]);
  const r = readTrace(
    'openai.NotFoundError',
    "Error code: 404 - {'error': {'message': 'The model `gpt-4o-mni` does not exist or you do not have access to it.', 'code': 'model_not_found'}}",
  );
  t.equal(`${r.category}/${r.factor}`, 'config_error/invalid_config', `as a trace too (${r.code})`);
  // "Invalid model output" is about the answer, not the model's name.
  const output = readLog(
    'Invalid model output format. Please follow the correct schema.\n2 validation errors for AgentOutput\naction\n  Field required [type=missing]',
  );
  t.not(output.category, 'config_error', `an invalid model output is not a model name (${output.code})`);
});

t.test('balances and service limits are quotas; a per-minute token throttle is a rate limit', async (t) => {
  expectReadings(t, [
    [
      'litellm.BadRequestError: DeepseekException - {"error":{"message":"Insufficient Balance","type":"unknown_error"}}',
      'resource_error/quota_exceeded',
    ],
    [
      'status: 400 code: LimitExceeded message: The following service limits were exceeded: standard-e4-core-count.',
      'resource_error/quota_exceeded',
    ],
    [
      'Error: An error occurred (ThrottlingException) when calling the ConverseStream operation (reached max retries: 4): Too many tokens, please wait before trying again.',
      'rate_limit/provider_rate_limit',
    ],
  ]);
  const context = readLog(
    "openai.BadRequestError: This model's maximum context length is 8192 tokens. However, you requested 9100 tokens. Too many tokens in the prompt.",
  );
  t.equal(context.category, 'context_overflow', `the context window keeps its reading (${context.code})`);
});

t.test('host memory, cost budgets, start-up deadlines, tool schemas and malformed calls', async (t) => {
  expectReadings(t, [
    [
      'ValueError: Ollama call failed with status code 500. Details: {"error":"model requires more system memory (7.1 GiB) than is available (5.2 GiB)"}',
      'resource_error/host_oom',
    ],
    ['WARNING  Cost limit exceeded\nINFO     Exit due to cost limit\nINFO     exit_cost', 'agent_loop/max_iterations'],
    ['qdrant_client.exceptions.StartUpError: Qdrant did not start up in 10 seconds. Check the URL.', 'timeout/deadline_exceeded'],
    [
      "Error: Invalid schema for function 'read_files': In context=('properties', 'paths'), array schema missing items.",
      'validation_error/schema_violation',
    ],
    [
      'pydantic_ai.exceptions.UnexpectedModelBehavior: Exceeded maximum retries (3) for result validation',
      'output_parse_error/schema_mismatch_output',
    ],
  ]);
});

t.test('a disk quota is a quota (the labels of the blind sets agree)', async (t) => {
  expectReadings(t, [["OSError: [Errno 122] Disk quota exceeded: '/work/ckpt/epoch_12.pth'", 'resource_error/quota_exceeded']]);
});

t.test(
  "a gated repo is a permission whether the hub answers 401 or 403 (taxonomy rule 3); a plain '401 Client Error' is a credential",
  async (t) => {
    const unauthenticated = readLog(
      'huggingface_hub.errors.GatedRepoError: 401 Client Error. (Request ID: Root=1-abc)\nCannot access gated repo for url https://huggingface.co/org/model/resolve/main/config.json.',
    );
    t.equal(
      `${unauthenticated.category}/${unauthenticated.factor}`,
      'auth_error/permission_denied',
      `401 (${unauthenticated.code})`,
    );
    const token = readLog(
      'requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://huggingface.co/api/whoami-v2',
    );
    t.equal(`${token.category}/${token.factor}`, 'auth_error/invalid_credentials', `a plain 401 (${token.code})`);
    const forbidden = readLog(
      'huggingface_hub.errors.GatedRepoError: 403 Client Error. (Request ID: Root=1-abc)\nCannot access gated repo for url https://huggingface.co/org/model. Access to model org/model is restricted and you are not in the authorized list.',
    );
    t.equal(`${forbidden.category}/${forbidden.factor}`, 'auth_error/permission_denied', `403 (${forbidden.code})`);
  },
);

t.test('a TGI input limit, a finishReason of "length", and a tool called with the wrong arguments', async (t) => {
  expectReadings(t, [
    [
      'huggingface_hub.errors.ValidationError: Input validation error: `inputs` must have less than 8191 tokens. Given: 9120',
      'context_overflow/context_length_exceeded',
    ],
    [
      'step 3: generateObject returned early\nresponse.finishReason = "length"\nusage.completionTokens = 4096',
      'context_overflow/max_tokens_truncated',
    ],
    [
      "agent step 4: Error running tool search_docs:\nDocsTool.search_docs() missing 1 required positional argument: 'query'",
      'tool_error/invalid_tool_args',
    ],
  ]);
  // Control: a tool that failed for another reason keeps the execution reading.
  const failed = readLog('agent step 4: Error running tool search_docs:\nConnectionError: index server is down');
  t.not(failed.factor, 'invalid_tool_args', `a tool failure without an argument mismatch (${failed.code})`);
});

t.test('agent limits, Gemini numeric finish reasons, vLLM KV cache', async (t) => {
  expectReadings(t, [
    ['autogen: Maximum number of consecutive auto-replies reached (10), stopping the chat', 'agent_loop/max_iterations'],
    [
      'pydantic_ai.exceptions.UsageLimitExceeded: The next request would exceed the request_limit of 50',
      'agent_loop/max_iterations',
    ],
    [
      "ValueError: The `response.text` quick accessor requires the response to contain a valid `Part`, but none were returned. The candidate's [finish_reason](https://ai.google.dev/api/generate-content#finishreason) is 2.",
      'context_overflow/max_tokens_truncated',
    ],
    [
      "ValueError: The `response.text` quick accessor requires the response to contain a valid `Part`, but none were returned. The candidate's [finish_reason](https://ai.google.dev/api/generate-content#finishreason) is 3.",
      'validation_error/forbidden_operation',
    ],
    [
      'ValueError: No available memory for the cache blocks. Try increasing `gpu_memory_utilization` when initializing the engine.',
      'resource_error/gpu_oom',
    ],
  ]);
});
