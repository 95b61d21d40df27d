/**
 * Deadline, retries and the breaker: 429 with Retry-After retried when the wait fits in the
 * budget and given up at once when it does not; 5xx and dropped connections retried with
 * backoff; a slow answer times out within the budget; a refused connection fails at once; a
 * 500 streak opens the breaker, which then refuses without a request and lets one trial through.
 */
import { Deadline } from '@faultline/core';
import t from 'tap';
import { type BreakerState, type ExtractOutcome, LlmClient, type LlmClientOptions } from '../src/index.js';
import { extractInput, fakeServer, GOOD, openaiReply, rateLimited, refusedPort, serverError, sleep } from './helpers.js';

const input = extractInput({ tail: 'epoch 1\nKeyError: WANDB_API_KEY' });

function client(baseUrl: string, options: Partial<LlmClientOptions> = {}): LlmClient {
  return new LlmClient({ provider: 'openai', model: 'm', apiKey: 'k', baseUrl, backoffBaseMs: 20, ...options });
}

function failure(t: { fail: (m: string) => void }, outcome: ExtractOutcome): Extract<ExtractOutcome, { ok: false }> {
  if (outcome.ok) {
    t.fail('expected a failure');
    throw new Error('expected a failure');
  }
  return outcome;
}

t.test('429 with Retry-After: 1 inside a 3 s budget: waits, retries, succeeds', async (t) => {
  const server = await fakeServer(t, [rateLimited('1'), openaiReply(GOOD)]);
  const started = Date.now();
  const outcome = await client(server.url).extract(input, new Deadline(3_000));
  const took = Date.now() - started;
  t.ok(outcome.ok, 'the retry succeeded');
  t.equal(outcome.attempts, 2);
  t.equal(server.requests.length, 2);
  t.ok(took >= 950, `waited the second Retry-After asked for (${took} ms)`);
  t.ok(took < 3_000, 'within the budget');
});

t.test('429 with a Retry-After longer than the budget: gives up at once', async (t) => {
  const server = await fakeServer(t, [rateLimited('30'), openaiReply(GOOD)]);
  const outcome = failure(t, await client(server.url).extract(input, new Deadline(3_000)));
  t.equal(outcome.reason, 'rate_limited');
  t.equal(outcome.attempts, 1);
  t.equal(server.requests.length, 1, 'no second request');
  t.ok(outcome.latencyMs < 300, `gave up in ${outcome.latencyMs} ms, not after the budget`);
  t.match(outcome.detail, /Retry-After asks for 30000 ms/);
});

t.test('429 with Retry-After as an HTTP date beyond the budget: gives up at once', async (t) => {
  const server = await fakeServer(t, [rateLimited(new Date(Date.now() + 60_000).toUTCString())]);
  const outcome = failure(t, await client(server.url).extract(input, new Deadline(2_000)));
  t.equal(outcome.reason, 'rate_limited');
  t.ok(outcome.latencyMs < 300);
});

t.test('429 without Retry-After: backoff retries, then rate_limited once retries are spent', async (t) => {
  const server = await fakeServer(t, [rateLimited(), rateLimited(), rateLimited()]);
  const outcome = failure(t, await client(server.url, { maxRetries: 2 }).extract(input, new Deadline(3_000)));
  t.equal(outcome.reason, 'rate_limited');
  t.equal(outcome.attempts, 3, 'first attempt + maxRetries');
  t.equal(server.requests.length, 3);
});

t.test('503 then 502 then an answer: retried with backoff', async (t) => {
  const server = await fakeServer(t, [serverError(503), serverError(502), openaiReply(GOOD)]);
  const outcome = await client(server.url).extract(input, new Deadline(3_000));
  t.ok(outcome.ok);
  t.equal(outcome.attempts, 3);
});

t.test('a 5xx whose backoff does not fit in the budget: upstream_5xx at once', async (t) => {
  const server = await fakeServer(t, [serverError(500), openaiReply(GOOD)]);
  const outcome = failure(t, await client(server.url, { backoffBaseMs: 5_000 }).extract(input, new Deadline(1_000)));
  t.equal(outcome.reason, 'upstream_5xx');
  t.equal(outcome.attempts, 1);
  t.ok(outcome.latencyMs < 300);
});

t.test('a dropped connection is retried', async (t) => {
  const server = await fakeServer(t, [{ destroy: true }, openaiReply(GOOD)]);
  const outcome = await client(server.url).extract(input, new Deadline(3_000));
  t.ok(outcome.ok, 'the second attempt answered');
  t.equal(outcome.attempts, 2);
});

t.test('an answer slower than the budget: timeout within budget + 100 ms', async (t) => {
  const server = await fakeServer(t, [{ ...openaiReply(GOOD), delayMs: 3_000 }]);
  const started = Date.now();
  const outcome = failure(t, await client(server.url).extract(input, new Deadline(500)));
  const took = Date.now() - started;
  t.equal(outcome.reason, 'timeout');
  t.equal(outcome.attempts, 1);
  t.ok(took >= 480, `waited the budget (${took} ms)`);
  t.ok(took <= 600, `and no more than budget + 100 ms (${took} ms)`);
});

t.test('a reply whose body stalls after the headers: timeout within budget + 100 ms', async (t) => {
  const server = await fakeServer(t, [{ ...openaiReply(GOOD), stall: true }]);
  const started = Date.now();
  const outcome = failure(t, await client(server.url).extract(input, new Deadline(500)));
  const took = Date.now() - started;
  t.equal(outcome.reason, 'timeout');
  t.ok(took >= 480 && took <= 600, `${took} ms`);
});

t.test('a budget already spent: timeout without a request', async (t) => {
  const server = await fakeServer(t, [openaiReply(GOOD)]);
  const outcome = failure(t, await client(server.url).extract(input, new Deadline(1_000, Date.now() - 2_000)));
  t.equal(outcome.reason, 'timeout');
  t.equal(outcome.attempts, 0);
  t.equal(server.requests.length, 0);
});

t.test('a refused connection fails in well under the budget', async (t) => {
  const port = await refusedPort();
  const started = Date.now();
  const outcome = failure(t, await client(`http://127.0.0.1:${port}/v1`).extract(input, new Deadline(5_000)));
  const took = Date.now() - started;
  t.equal(outcome.reason, 'connection');
  t.match(outcome.detail, /ECONNREFUSED/);
  t.equal(outcome.attempts, 1, 'not retried: nobody listens');
  t.ok(took < 500, `failed in ${took} ms of a 5,000 ms budget`);
});

t.test('a 500 streak opens the breaker; after the cool-down one trial call goes through', async (t) => {
  const server = await fakeServer(t, [serverError(), serverError(), serverError()]);
  const states: BreakerState[] = [];
  const c = client(server.url, {
    maxRetries: 0,
    breakerFailures: 3,
    breakerCoolDownMs: 400,
    observer: { call: () => {}, breaker: (_p, _m, state) => states.push(state) },
  });
  for (let i = 0; i < 3; i++) {
    const o = failure(t, await c.extract(input, new Deadline(2_000)));
    t.equal(o.reason, 'upstream_5xx', `call ${i + 1}: upstream_5xx`);
  }
  t.equal(c.breakerState(), 'open');
  t.equal(server.requests.length, 3);

  const refused = failure(t, await c.extract(input, new Deadline(2_000)));
  t.equal(refused.reason, 'breaker_open');
  t.equal(refused.attempts, 0);
  t.ok(refused.latencyMs < 20, 'answered at once');
  t.equal(server.requests.length, 3, 'no request reached the server');

  await sleep(450);
  t.equal(c.breakerState(), 'half_open', 'half-open after the cool-down');
  server.push({ ...openaiReply(GOOD), delayMs: 100 }, openaiReply(GOOD));
  const [trial, concurrent] = await Promise.all([c.extract(input, new Deadline(2_000)), c.extract(input, new Deadline(2_000))]);
  t.ok(trial.ok, 'the trial call went through and succeeded');
  t.equal((concurrent as { reason?: string }).reason, 'breaker_open', 'a second call during the trial is refused');
  t.equal(server.requests.length, 4, 'exactly one trial request');
  t.equal(c.breakerState(), 'closed', 'the trial closed the breaker');
  t.ok((await c.extract(input, new Deadline(2_000))).ok, 'calls flow again');
  t.same(states, ['open', 'half_open', 'closed'], 'the observer saw every transition');
});

t.test('a failed trial call opens the breaker again', async (t) => {
  const server = await fakeServer(t, [serverError(), serverError()]);
  const c = client(server.url, { maxRetries: 0, breakerFailures: 1, breakerCoolDownMs: 200 });
  t.equal(((await c.extract(input, new Deadline(2_000))) as { reason?: string }).reason, 'upstream_5xx');
  t.equal(c.breakerState(), 'open');
  await sleep(250);
  t.equal(((await c.extract(input, new Deadline(2_000))) as { reason?: string }).reason, 'upstream_5xx', 'the trial failed');
  t.equal(c.breakerState(), 'open', 'open again');
  t.equal(((await c.extract(input, new Deadline(2_000))) as { reason?: string }).reason, 'breaker_open');
  t.equal(server.requests.length, 2);
});

t.test('timeouts and refused connections count for the breaker; invalid answers and 4xx do not', async (t) => {
  const port = await refusedPort();
  const down = client(`http://127.0.0.1:${port}`, { breakerFailures: 2 });
  await down.extract(input, new Deadline(1_000));
  await down.extract(input, new Deadline(1_000));
  t.equal(down.breakerState(), 'open', 'two refused connections opened it');

  const slow = await fakeServer(t, [
    { ...openaiReply(GOOD), delayMs: 1_000 },
    { ...openaiReply(GOOD), delayMs: 1_000 },
  ]);
  const timing = client(slow.url, { breakerFailures: 2 });
  await timing.extract(input, new Deadline(100));
  await timing.extract(input, new Deadline(100));
  t.equal(timing.breakerState(), 'open', 'two timeouts opened it');

  const bad = await fakeServer(t, [
    openaiReply('not json'),
    { status: 400, body: { error: { message: 'bad' } } },
    openaiReply({ ...GOOD, category: 'nope' }),
  ]);
  const answering = client(bad.url, { breakerFailures: 1 });
  for (let i = 0; i < 3; i++) await answering.extract(input, new Deadline(1_000));
  t.equal(answering.breakerState(), 'closed', 'an upstream that answers (even badly) keeps it closed');
  t.equal(bad.requests.length, 3);
});

t.test('the observer sees every call; an observer that throws breaks nothing', async (t) => {
  const server = await fakeServer(t, [openaiReply(GOOD), serverError(400)]);
  const seen: [string, string, string, boolean][] = [];
  const c = client(server.url, {
    observer: {
      call: (provider, model, outcome, op) => {
        seen.push([provider, model, op, outcome.ok]);
        throw new Error('metrics exploded');
      },
      breaker: () => {
        throw new Error('metrics exploded');
      },
    },
  });
  t.ok((await c.extract(input, new Deadline(2_000))).ok);
  t.equal(((await c.extract(input, new Deadline(2_000))) as { reason?: string }).reason, 'http_4xx');
  t.same(seen, [
    ['openai', 'm', 'extract', true],
    ['openai', 'm', 'extract', false],
  ]);
});
