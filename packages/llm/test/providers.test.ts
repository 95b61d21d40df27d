/**
 * A good answer, for each of the three providers, against a local server that speaks the
 * provider's API: the request has the right shape (structured-output fields, auth, model, the
 * taxonomy's words, the hint, the redacted and cut text) and the answer comes back validated,
 * with usage and cost.
 */
import { Deadline, SEVERITIES, taxonomy } from '@faultline/core';
import t, { type Test } from 'tap';
import { ANTHROPIC_VERSION, answerSchema, LlmClient } from '../src/index.js';
import {
  anthropicReply,
  extractInput,
  fakeServer,
  GOOD,
  geminiReply,
  keysDeep,
  openaiReply,
  PLANTED_EMAIL,
  PLANTED_KEY,
  type Recorded,
} from './helpers.js';

const PRICING = { inputPerMTok: 3, outputPerMTok: 15 };
const cost = (input: number, output: number) => (input * 3 + output * 15) / 1e6;

/** What every provider's request must carry, whatever its shape: the prompt's text. */
function checkPrompt(t: Test, system: string, user: string, raw: string) {
  const words = [...taxonomy.categories.flatMap((c) => [c.name, ...c.contributing_factors]), ...SEVERITIES];
  t.same(
    words.filter((w) => !new RegExp(`\\b${w}\\b`).test(system)),
    [],
    `the system prompt names all ${words.length} taxonomy words (categories, factors, severities)`,
  );
  for (const c of taxonomy.categories) {
    t.ok(system.includes(`${c.name}: ${c.contributing_factors.join(', ')}`), `${c.name} is listed with its factors`);
  }
  t.match(user, /category=runtime_error, contributing_factor=key_error, severity=high, confidence 0\.55/, 'the heuristic hint');
  t.match(user, /Confirm or correct/, 'asks to confirm or correct');
  t.match(user, /KeyError: 'WANDB_API_KEY'/, 'the telling line is there');
  t.notOk(raw.includes(PLANTED_KEY), 'the planted API key never leaves the process');
  t.notOk(raw.includes('PLANTEDabcdef'), 'not even a piece of it');
  t.notOk(raw.includes(PLANTED_EMAIL), 'nor the planted email');
  t.match(user, /\[REDACTED:api_key\]/, 'the key was replaced');
  t.notOk(user.includes('starting run with'), 'the head of the 5 MB log is not sent');
  t.ok(system.length + user.length < 12_000, `prompt of ${system.length + user.length} chars for a 5 MB log`);
  t.ok(raw.length < 24_000, `request body of ${raw.length} bytes`);
}

t.test('openai-compatible: response_format json_schema strict, Bearer key, usage and cost', async (t) => {
  const server = await fakeServer(t, [openaiReply(GOOD, { prompt_tokens: 2100, completion_tokens: 320 })]);
  const client = new LlmClient({
    provider: 'openai',
    model: 'gpt-test',
    apiKey: 'test-openai-key',
    baseUrl: `${server.url}/v1`,
    pricing: PRICING,
  });
  const outcome = await client.extract(extractInput(), new Deadline(5_000));

  t.ok(outcome.ok, 'a good answer');
  if (!outcome.ok) return;
  t.same(outcome.answer, GOOD, 'the answer as the model wrote it');
  t.same(outcome.usage, { input_tokens: 2100, output_tokens: 320 });
  t.equal(outcome.attempts, 1);
  t.ok(Math.abs(outcome.costUsd - cost(2100, 320)) < 1e-12, `cost ${outcome.costUsd}`);
  t.ok(outcome.latencyMs >= 0 && outcome.latencyMs < 5_000);

  t.equal(server.requests.length, 1);
  const req = server.requests[0] as Recorded;
  t.equal(req.method, 'POST');
  t.equal(req.url, '/v1/chat/completions');
  t.equal(req.headers.authorization, 'Bearer test-openai-key');
  t.match(req.headers['content-type'], /application\/json/);
  t.equal(req.body.model, 'gpt-test');
  t.equal(req.body.messages[0].role, 'system');
  t.equal(req.body.messages[1].role, 'user');
  t.equal(req.body.max_tokens, 2048, 'a server other than api.openai.com gets max_tokens');
  t.notOk('temperature' in req.body, 'no temperature unless configured');
  const rf = req.body.response_format;
  t.equal(rf.type, 'json_schema');
  t.equal(rf.json_schema.name, 'record_failure_pattern');
  t.equal(rf.json_schema.strict, true);
  const schema = rf.json_schema.schema;
  t.equal(schema.additionalProperties, false, 'strict mode: closed object');
  t.same([...schema.required].sort(), Object.keys(schema.properties).sort(), 'strict mode: every property required');
  t.same(
    schema.properties.category.enum,
    taxonomy.categories.map((c) => c.name),
    'category is an enum of the taxonomy',
  );
  t.same(schema.properties.severity.enum, [...SEVERITIES]);
  t.ok(schema.properties.contributing_factor.enum.includes('missing_env_var'));
  const keys = keysDeep(schema);
  for (const k of ['$schema', 'minLength', 'maxLength']) t.notOk(keys.has(k), `no ${k} in a strict schema`);
  checkPrompt(t, req.body.messages[0].content, req.body.messages[1].content, req.raw);
});

t.test('openai-compatible: no key, no Authorization header; max_completion_tokens on request', async (t) => {
  const server = await fakeServer(t, [openaiReply(GOOD)]);
  const client = new LlmClient({
    provider: 'openai',
    model: 'llama3',
    baseUrl: server.url,
    maxTokensField: 'max_completion_tokens',
    temperature: 0,
  });
  const outcome = await client.extract(extractInput(), new Deadline(5_000));
  t.ok(outcome.ok);
  const req = server.requests[0] as Recorded;
  t.equal(req.url, '/chat/completions');
  t.notOk(req.headers.authorization, 'a local server without a key gets no Authorization header');
  t.equal(req.body.max_completion_tokens, 2048);
  t.notOk('max_tokens' in req.body);
  t.equal(req.body.temperature, 0, 'temperature when configured');
  if (outcome.ok) t.equal(outcome.costUsd, 0, 'no pricing, no cost');
});

t.test('anthropic: one forced tool, x-api-key and anthropic-version, usage and cost', async (t) => {
  const server = await fakeServer(t, [anthropicReply(GOOD, { input_tokens: 2500, output_tokens: 410 })]);
  const client = new LlmClient({
    provider: 'anthropic',
    model: 'claude-test',
    apiKey: 'test-anthropic-key',
    baseUrl: server.url,
    pricing: PRICING,
  });
  const outcome = await client.extract(extractInput(), new Deadline(5_000));

  t.ok(outcome.ok, 'a good answer');
  if (!outcome.ok) return;
  t.same(outcome.answer, GOOD);
  t.same(outcome.usage, { input_tokens: 2500, output_tokens: 410 });
  t.ok(Math.abs(outcome.costUsd - cost(2500, 410)) < 1e-12);

  const req = server.requests[0] as Recorded;
  t.equal(req.url, '/v1/messages');
  t.equal(req.headers['x-api-key'], 'test-anthropic-key');
  t.equal(req.headers['anthropic-version'], ANTHROPIC_VERSION);
  t.notOk(req.headers.authorization);
  t.equal(req.body.model, 'claude-test');
  t.equal(req.body.max_tokens, 2048);
  t.equal(typeof req.body.system, 'string');
  t.equal(req.body.messages.length, 1);
  t.equal(req.body.messages[0].role, 'user');
  t.equal(req.body.tools.length, 1, 'a single tool');
  t.equal(req.body.tools[0].name, 'record_failure_pattern');
  t.same(req.body.tool_choice, { type: 'tool', name: 'record_failure_pattern' }, 'the tool is forced');
  const schema = req.body.tools[0].input_schema;
  t.equal(schema.type, 'object');
  t.same(
    schema.properties.category.enum,
    taxonomy.categories.map((c) => c.name),
  );
  t.notOk('$schema' in schema);
  checkPrompt(t, req.body.system, req.body.messages[0].content, req.raw);
});

t.test('gemini: generateContent with responseSchema in the OpenAPI subset, x-goog-api-key, usageMetadata', async (t) => {
  const server = await fakeServer(t, [
    geminiReply(GOOD, { promptTokenCount: 2600, candidatesTokenCount: 380, thoughtsTokenCount: 120 }),
  ]);
  const client = new LlmClient({
    provider: 'gemini',
    model: 'gemini-2.5-flash',
    apiKey: 'test-gemini-key',
    baseUrl: `${server.url}/`,
    pricing: PRICING,
  });
  const outcome = await client.extract(extractInput(), new Deadline(5_000));

  t.ok(outcome.ok, 'a good answer');
  if (!outcome.ok) return;
  t.same(outcome.answer, GOOD);
  t.same(outcome.usage, { input_tokens: 2600, output_tokens: 500 }, 'thinking tokens count as output');
  t.ok(Math.abs(outcome.costUsd - cost(2600, 500)) < 1e-12);

  const req = server.requests[0] as Recorded;
  t.equal(req.url, '/v1beta/models/gemini-2.5-flash:generateContent', 'the model is in the path');
  t.equal(req.headers['x-goog-api-key'], 'test-gemini-key');
  t.notOk(req.headers.authorization);
  const gc = req.body.generationConfig;
  t.equal(gc.responseMimeType, 'application/json');
  t.equal(gc.maxOutputTokens, 2048);
  const schema = gc.responseSchema;
  t.equal(schema.type, 'OBJECT');
  t.equal(schema.properties.recommended_actions.type, 'ARRAY');
  t.equal(schema.properties.recommended_actions.items.type, 'STRING');
  t.equal(schema.properties.confidence.type, 'NUMBER');
  t.same(
    schema.properties.category.enum,
    taxonomy.categories.map((c) => c.name),
  );
  t.same(schema.propertyOrdering, Object.keys(answerSchema().properties as object));
  const keys = keysDeep(schema);
  for (const k of ['$schema', '$id', 'additionalProperties', 'const', 'minLength', 'maxLength'])
    t.notOk(keys.has(k), `no ${k} for Gemini`);
  t.equal(req.body.contents.length, 1);
  t.equal(req.body.contents[0].role, 'user');
  checkPrompt(t, req.body.systemInstruction.parts[0].text, req.body.contents[0].parts[0].text, req.raw);
});

t.test('gemini: a model given as models/… is not doubled in the path', async (t) => {
  const server = await fakeServer(t, [geminiReply(GOOD)]);
  const client = new LlmClient({ provider: 'gemini', model: 'models/gemini-2.0-flash', apiKey: 'k', baseUrl: server.url });
  t.ok((await client.extract(extractInput(), new Deadline(5_000))).ok);
  t.equal(server.requests[0]?.url, '/v1beta/models/gemini-2.0-flash:generateContent');
});
