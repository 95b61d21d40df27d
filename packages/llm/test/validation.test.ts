/**
 * An invalid answer is a failure with its reason, never a pattern: malformed JSON
 * (`invalid_json`), a shape the schema refuses (`schema_invalid`, naming the field), words
 * outside the taxonomy or a factor of another category (`off_vocabulary`). A 4xx is not retried.
 */
import { Deadline } from '@faultline/core';
import t, { type Test } from 'tap';
import { checkAnswer, type ExtractOutcome, LlmClient, mergePattern } from '../src/index.js';
import {
  anthropicReply,
  anthropicText,
  extractInput,
  fakeServer,
  GOOD,
  geminiReply,
  HEURISTIC,
  openaiReply,
  type Reply,
} from './helpers.js';

async function extractWith(
  t: Tap,
  reply: Reply,
  provider: 'openai' | 'anthropic' | 'gemini' = 'openai',
): Promise<ExtractOutcome> {
  const server = await fakeServer(t, [reply]);
  const client = new LlmClient({
    provider,
    model: 'm',
    apiKey: 'k',
    baseUrl: server.url,
    pricing: { inputPerMTok: 1, outputPerMTok: 2 },
  });
  const outcome = await client.extract(extractInput({ tail: 'short log\nKeyError: x' }), new Deadline(5_000));
  t.equal(server.requests.length, 1, 'one request: an invalid answer is not retried');
  return outcome;
}
type Tap = Test;

function expectFailure(t: Tap, outcome: ExtractOutcome, reason: string, detail?: RegExp) {
  t.equal(outcome.ok, false, 'not a pattern');
  if (outcome.ok) return;
  t.equal(outcome.reason, reason);
  if (detail) t.match(outcome.detail, detail);
  t.notOk('answer' in outcome, 'no answer on a failure');
  const merged = mergePattern(HEURISTIC, outcome, 'm');
  t.equal(merged.source, 'heuristic');
  t.same(merged.pattern, HEURISTIC, 'the heuristic pattern stands');
}

t.test('malformed JSON → invalid_json (tokens still counted)', async (t) => {
  const outcome = await extractWith(t, openaiReply('{"title": "CUDA out of memory", "category": "resource_error", '));
  expectFailure(t, outcome, 'invalid_json');
  if (!outcome.ok) {
    t.same(outcome.usage, { input_tokens: 1200, output_tokens: 300 }, 'a billed answer reports its usage');
    t.ok((outcome.costUsd ?? 0) > 0, 'and its cost');
  }
});

t.test('an answer cut at the token limit → invalid_json that says so', async (t) => {
  const outcome = await extractWith(t, openaiReply('{"title": "CUDA out of mem', undefined, 'length'));
  expectFailure(t, outcome, 'invalid_json', /output-token limit/);
});

t.test('prose instead of JSON (gemini) → invalid_json', async (t) => {
  expectFailure(t, await extractWith(t, geminiReply('The job failed because the key is missing.'), 'gemini'), 'invalid_json');
});

t.test('a reply without the tool_use block (anthropic) → invalid_json', async (t) => {
  expectFailure(t, await extractWith(t, anthropicText('I think it is a config error.'), 'anthropic'), 'invalid_json', /tool_use/);
});

t.test('a 200 whose body is not JSON → invalid_json', async (t) => {
  expectFailure(t, await extractWith(t, { body: '<html>gateway</html>' }), 'invalid_json', /not JSON/);
});

t.test('schema-invalid answers → schema_invalid naming the field', async (t) => {
  const { suggested_fix: _, ...missingFix } = GOOD;
  expectFailure(t, await extractWith(t, openaiReply(missingFix)), 'schema_invalid', /suggested_fix: required field is missing/);
  expectFailure(t, await extractWith(t, openaiReply({ ...GOOD, confidence: 1.7 })), 'schema_invalid', /confidence/);
  expectFailure(
    t,
    await extractWith(t, openaiReply({ ...GOOD, recommended_actions: [] })),
    'schema_invalid',
    /recommended_actions/,
  );
  expectFailure(t, await extractWith(t, openaiReply({ ...GOOD, title: 'x'.repeat(201) })), 'schema_invalid', /title/);
  expectFailure(t, await extractWith(t, openaiReply({ ...GOOD, extra: 1 })), 'schema_invalid', /unexpected field extra/);
  expectFailure(
    t,
    await extractWith(t, anthropicReply({ ...GOOD, confidence: 'high' }), 'anthropic'),
    'schema_invalid',
    /confidence/,
  );
  expectFailure(t, await extractWith(t, openaiReply([GOOD])), 'schema_invalid');
});

t.test('off-vocabulary answers → off_vocabulary', async (t) => {
  expectFailure(
    t,
    await extractWith(t, openaiReply({ ...GOOD, category: 'configuration_problem' })),
    'off_vocabulary',
    /category: "configuration_problem"/,
  );
  expectFailure(t, await extractWith(t, geminiReply({ ...GOOD, severity: 'urgent' }), 'gemini'), 'off_vocabulary', /severity/);
  expectFailure(
    t,
    await extractWith(t, anthropicReply({ ...GOOD, contributing_factor: 'key_error' }), 'anthropic'),
    'off_vocabulary',
    /key_error" is not a factor of category config_error/,
  );
  expectFailure(
    t,
    await extractWith(t, openaiReply({ ...GOOD, contributing_factor: 'cosmic_rays' })),
    'off_vocabulary',
    /contributing_factor/,
  );
});

t.test('a 4xx other than 429 → http_4xx at once, with the provider message', async (t) => {
  const outcome = await extractWith(t, {
    status: 401,
    body: { error: { message: 'Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz' } },
  });
  expectFailure(t, outcome, 'http_4xx', /HTTP 401: Incorrect API key provided/);
  if (!outcome.ok) t.notOk(outcome.detail.includes('abcdefghijklmnop'), 'an echoed key is redacted in the detail');
});

t.test('checkAnswer: a fenced answer from a server without strict output is accepted', async (t) => {
  const fenced = checkAnswer(`\`\`\`json\n${JSON.stringify(GOOD, null, 2)}\n\`\`\``);
  t.ok(fenced.ok);
  t.same(checkAnswer(JSON.stringify(GOOD)), { ok: true, answer: GOOD });
  t.equal((checkAnswer('') as { reason: string }).reason, 'invalid_json');
  t.equal((checkAnswer('null') as { reason: string }).reason, 'schema_invalid');
});
