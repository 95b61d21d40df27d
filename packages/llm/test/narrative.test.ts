/**
 * The narrative: a short plain-text paragraph on top of the findings, for each provider (no
 * structured-output fields in the request), validated as non-empty and ≤ 1,200 characters.
 */
import { Deadline } from '@faultline/core';
import t from 'tap';
import { LlmClient, type NarrativeFinding } from '../src/index.js';
import { anthropicText, extractInput, fakeServer, geminiReply, HEURISTIC, openaiReply, PLANTED_KEY } from './helpers.js';

const PARAGRAPH =
  'The training job stopped at start-up because WANDB_API_KEY was not set in its environment. Export it from the secret store in the job spec, or run with WANDB_MODE=offline.';

const findings: NarrativeFinding[] = [
  { ...HEURISTIC, category: 'config_error', contributing_factor: 'missing_env_var', title: 'WANDB_API_KEY not set' },
];

t.test('openai: plain text, no response_format; the findings are in the prompt', async (t) => {
  const server = await fakeServer(t, [openaiReply(`  ${PARAGRAPH}\n`)]);
  const c = new LlmClient({
    provider: 'openai',
    model: 'm',
    apiKey: 'k',
    baseUrl: server.url,
    pricing: { inputPerMTok: 1, outputPerMTok: 1 },
  });
  const outcome = await c.narrative(extractInput(), findings, new Deadline(5_000));
  t.ok(outcome.ok);
  if (outcome.ok) {
    t.equal(outcome.text, PARAGRAPH, 'trimmed');
    t.same(outcome.usage, { input_tokens: 1200, output_tokens: 300 });
    t.ok(outcome.costUsd > 0);
  }
  const body = server.requests[0]?.body ?? {};
  t.notOk('response_format' in body, 'plain text');
  t.equal(body.max_tokens, 512);
  const user: string = body.messages[1].content;
  t.match(user, /WANDB_API_KEY not set \[config_error\/missing_env_var, high, confidence 0\.55\]/);
  t.match(body.messages[0].content, /at most 120 words/);
  t.notOk(server.requests[0]?.raw.includes(PLANTED_KEY), 'redacted here too');
});

t.test('anthropic and gemini: plain text, no tools, no responseSchema', async (t) => {
  const a = await fakeServer(t, [anthropicText(PARAGRAPH)]);
  const ca = new LlmClient({ provider: 'anthropic', model: 'claude', apiKey: 'k', baseUrl: a.url });
  const oa = await ca.narrative(extractInput(), findings, new Deadline(5_000));
  t.ok(oa.ok && oa.text === PARAGRAPH);
  const ab = a.requests[0]?.body ?? {};
  t.notOk('tools' in ab);
  t.notOk('tool_choice' in ab);

  const g = await fakeServer(t, [geminiReply(PARAGRAPH)]);
  const cg = new LlmClient({ provider: 'gemini', model: 'gemini-x', apiKey: 'k', baseUrl: g.url });
  const og = await cg.narrative(extractInput(), findings, new Deadline(5_000));
  t.ok(og.ok && og.text === PARAGRAPH);
  const gc = g.requests[0]?.body.generationConfig ?? {};
  t.notOk('responseMimeType' in gc);
  t.notOk('responseSchema' in gc);
});

t.test('an empty or overlong narrative is a failure; a secret in it is redacted', async (t) => {
  const server = await fakeServer(t, [
    openaiReply('   '),
    openaiReply('word '.repeat(400)),
    openaiReply(`Contact ops@example.com. ${PARAGRAPH}`),
  ]);
  const c = new LlmClient({ provider: 'openai', model: 'm', baseUrl: server.url });
  const empty = await c.narrative(extractInput(), findings, new Deadline(5_000));
  t.equal(empty.ok ? 'ok' : empty.reason, 'schema_invalid');
  const long = await c.narrative(extractInput(), findings, new Deadline(5_000));
  t.equal(long.ok ? 'ok' : long.reason, 'schema_invalid');
  if (!long.ok) t.match(long.detail, /more than 1200/);
  const withEmail = await c.narrative(extractInput(), findings, new Deadline(5_000));
  t.ok(withEmail.ok && withEmail.text.startsWith('Contact [REDACTED:email].'));
});

t.test('the narrative shares the retry and deadline rules', async (t) => {
  const server = await fakeServer(t, [
    { status: 429, headers: { 'retry-after': '0' }, body: {} },
    { ...openaiReply(PARAGRAPH), delayMs: 2_000 },
  ]);
  const c = new LlmClient({ provider: 'openai', model: 'm', baseUrl: server.url });
  const outcome = await c.narrative(extractInput(), findings, new Deadline(400));
  t.equal(outcome.ok ? 'ok' : outcome.reason, 'timeout');
  t.equal(outcome.attempts, 2, 'retried after the 429, then ran out of budget');
  t.ok(outcome.latencyMs <= 500);
});
