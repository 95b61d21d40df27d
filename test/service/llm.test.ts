/** The service with an LLM configured (a local server speaking the OpenAI-compatible API): attribution, cache and faultline_llm_* metrics. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { GPU_OOM_ANSWER } from './harness.js';
import { startInProcess } from './in-process.js';

let calls = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    calls += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        choices: [
          {
            message: {
              role: 'assistant',
              content: JSON.stringify(GPU_OOM_ANSWER),
            },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 1000, completion_tokens: 200 },
      }),
    );
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const ADMIN = 'llm-admin-key-0123456789';
const { svc } = await startInProcess(t, 'faultline-llm-svc-', {
  FAULTLINE_ADMIN_KEY: ADMIN,
  FAULTLINE_RUN_SCHEDULE: 'off',
  FAULTLINE_LOG_LEVEL: 'warn',
  FAULTLINE_LLM_PROVIDER: 'openai',
  FAULTLINE_LLM_MODEL: 'local-model',
  FAULTLINE_LLM_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
  FAULTLINE_LLM_PRICE_IN: '0.15',
  FAULTLINE_LLM_PRICE_OUT: '0.6',
});
t.teardown(() => {
  server.close();
});
const auth = { authorization: `Bearer ${ADMIN}` };

t.test('logs analyzed by the model, the same failure answered from the cache, metrics under faultline_llm_', async (t) => {
  const logs = ['a', 'b', 'c'].map((x, i) => ({
    log_id: `oom-${x}`,
    error_message: '',
    logs: `epoch ${i}\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate ${i + 2}.00 GiB (GPU 0; 23.65 GiB total capacity)`,
  }));
  const first = await fetch(`${svc.url}/api/ingest/logs?org=default`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(logs.slice(0, 1)),
  });
  t.equal(first.status, 202);
  let body: Record<string, unknown> = {};
  for (let i = 0; i < 50 && !body.pattern; i++) {
    const r = await fetch(`${svc.url}/api/logs/oom-a?org=default`, { headers: auth });
    body = (await r.json()) as Record<string, unknown>;
    if (!body.pattern) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(body.source, 'llm');
  t.same(body.llm, { status: 'answered', provider: 'openai', model: 'local-model' });
  await fetch(`${svc.url}/api/ingest/logs?org=default`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(logs.slice(1)),
  });
  let c: Record<string, unknown> = {};
  for (let i = 0; i < 50 && !c.llm; i++) {
    c = (await (await fetch(`${svc.url}/api/logs/oom-c?org=default`, { headers: auth })).json()) as Record<string, unknown>;
    if (!c.llm) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal((c.llm as { status: string }).status, 'cached');
  t.equal(calls, 1, 'three logs of one failure pattern cost one call');
  const metrics = await (await fetch(`${svc.url}/metrics`)).text();
  t.match(metrics, /^faultline_llm_calls_total\{provider="openai",model="local-model",op="extract",outcome="ok"\} 1$/m);
  t.match(metrics, /^faultline_llm_cache_hits_total 2$/m);
  t.match(metrics, /^faultline_llm_tokens_total\{provider="openai",model="local-model",direction="input"\} 1000$/m);
  t.match(metrics, /^faultline_llm_cost_usd_total\{provider="openai",model="local-model"\} 0\.00027$/m);
  t.match(metrics, /^faultline_llm_latency_seconds_bucket/m);
});
