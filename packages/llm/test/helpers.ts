/**
 * Local HTTP servers that speak each provider's API with scripted replies, and the fixtures
 * the tests share (a heuristic pattern, a good answer, a 5 MB log with planted secrets).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FailurePattern } from '@faultline/core';
import type { ExtractAnswer, ExtractInput } from '../src/index.js';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are inspected freely in assertions
  body: any;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
  /** Hold the reply this long. */
  delayMs?: number;
  /** Drop the connection without a reply. */
  destroy?: boolean;
  /** Send the status and the first bytes of the body, then nothing more. */
  stall?: boolean;
}

export type Script = Reply[] | ((req: Recorded, n: number) => Reply);

export interface FakeServer {
  url: string;
  requests: Recorded[];
  /** Replies for the next requests (a list script only). */
  push(...replies: Reply[]): void;
  close(): Promise<void>;
}

interface Teardown {
  teardown: (fn: () => unknown) => void;
}

/** A server on 127.0.0.1 that records every request and answers from the script (500 when it runs dry). */
export async function fakeServer(t: Teardown, script: Script): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const queue = Array.isArray(script) ? [...script] : undefined;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, body };
      requests.push(rec);
      const reply: Reply = queue
        ? (queue.shift() ?? { status: 500, body: { error: { message: 'script ran dry' } } })
        : (script as (r: Recorded, n: number) => Reply)(rec, requests.length);
      const send = () => {
        if (reply.destroy) {
          req.socket.destroy();
          return;
        }
        const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        if (reply.stall) res.write(payload.slice(0, 10));
        else res.end(payload);
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed && !req.socket.destroyed) send();
        }, reply.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  t.teardown(close);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    push: (...replies) => {
      if (!queue) throw new Error('push works on a list script only');
      queue.push(...replies);
    },
    close,
  };
}

/** A port nobody listens on (bound, then closed). */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- provider replies

export function openaiReply(answer: unknown, usage = { prompt_tokens: 1200, completion_tokens: 300 }, finish = 'stop'): Reply {
  return {
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_764_000_000,
      model: 'test-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: typeof answer === 'string' ? answer : JSON.stringify(answer), refusal: null },
          finish_reason: finish,
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

export function anthropicReply(input: unknown, usage = { input_tokens: 1500, output_tokens: 400 }): Reply {
  return {
    body: {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'tool_use', id: 'toolu_test', name: 'record_failure_pattern', input }],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage,
    },
  };
}

export function anthropicText(text: string, usage = { input_tokens: 900, output_tokens: 120 }): Reply {
  return {
    body: {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage,
    },
  };
}

export function geminiReply(
  answer: unknown,
  usage: { promptTokenCount: number; candidatesTokenCount: number; thoughtsTokenCount?: number } = {
    promptTokenCount: 1800,
    candidatesTokenCount: 350,
    thoughtsTokenCount: 50,
  },
): Reply {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return {
    body: {
      candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: {
        ...usage,
        totalTokenCount: usage.promptTokenCount + usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0),
      },
      modelVersion: 'gemini-test',
    },
  };
}

export const rateLimited = (retryAfter?: string): Reply => ({
  status: 429,
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  body: { error: { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' } },
});

export const serverError = (status = 500): Reply => ({ status, body: { error: { message: 'The server had an error' } } });

// ---------------------------------------------------------------- fixtures

export const HEURISTIC: FailurePattern = Object.freeze({
  subject_ref: 'exp-42',
  title: 'Missing key in a mapping',
  category: 'runtime_error',
  contributing_factor: 'key_error',
  severity: 'high',
  summary: "Missing key in a mapping. log: KeyError: 'WANDB_API_KEY'",
  root_cause_hypothesis: 'The program looked up a key that the mapping does not hold.',
  evidence: { signals: [{ name: 'error_type', value: 'KeyError' }], excerpts: ["KeyError: 'WANDB_API_KEY'"] },
  recommended_actions: ['Check that the key exists before reading it'],
  suggested_fix: 'Use .get() with a default or add the key',
  confidence: 0.55,
  confidence_band: 'medium',
  confidence_rationale: 'KeyError matched; the key looks like an environment variable.',
  extracted_at: '2026-11-24T12:00:00.000Z',
  source: 'heuristic',
}) as FailurePattern;

export const GOOD: ExtractAnswer = {
  title: 'WANDB_API_KEY environment variable not set',
  category: 'config_error',
  contributing_factor: 'missing_env_var',
  severity: 'high',
  summary: 'The training job read os.environ["WANDB_API_KEY"] at start-up and the variable was not set, so it stopped.',
  root_cause_hypothesis: 'The job environment (secret mount or .env) does not export WANDB_API_KEY.',
  recommended_actions: [
    'Export WANDB_API_KEY from the secret store in the job spec',
    'Fail fast with a clear message when it is missing',
  ],
  suggested_fix: 'Set WANDB_API_KEY in the job environment, or run with WANDB_MODE=offline.',
  confidence: 0.9,
  confidence_rationale: 'The KeyError names an API-key environment variable read through os.environ.',
};

/** Secrets that must never reach a provider. */
export const PLANTED_KEY = 'sk-proj-PLANTEDabcdefghijklmnopqrstuvwxyz0123456789';
export const PLANTED_EMAIL = 'alice.planted@example.com';

/** A 5 MB training log ending in the failure, with a key planted at its start, in its tail and in the telling lines. */
export function bigLog(bytes = 5 * 1024 * 1024): string {
  const line = 'epoch 3 step 1234 loss=0.4123 lr=3.0e-4 grad_norm=1.02 tokens/s=48211 gpu_mem=71.3GB\n';
  const head = `starting run with OPENAI_API_KEY=${PLANTED_KEY} owner ${PLANTED_EMAIL}\n`;
  const end = [
    'Traceback (most recent call last):',
    '  File "/app/train.py", line 88, in <module>',
    "    wandb.login(key=os.environ['WANDB_API_KEY'])",
    `  debug: client configured with api key ${PLANTED_KEY} for ${PLANTED_EMAIL}`,
    "KeyError: 'WANDB_API_KEY'",
    '',
  ].join('\n');
  return head + line.repeat(Math.ceil((bytes - head.length - end.length) / line.length)) + end;
}

export function extractInput(overrides: Partial<ExtractInput> = {}): ExtractInput {
  return {
    kind: 'log',
    headline: "KeyError: 'WANDB_API_KEY'",
    telling: [
      "    wandb.login(key=os.environ['WANDB_API_KEY'])",
      `  debug: client configured with api key ${PLANTED_KEY}`,
      '  File "/app/train.py", line 88, in <module>',
    ],
    tail: bigLog(),
    heuristic: HEURISTIC,
    ...overrides,
  };
}

/** Every string inside a JSON value (keys included), to look for a keyword anywhere in a schema. */
export function keysDeep(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}
