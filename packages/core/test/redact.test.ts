/**
 * Nothing secret may be stored: every excerpt goes through redact(). Each kind of secret is
 * checked in redact() and in excerpt(), and ordinary failure text must survive untouched.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import {
  ALLOWED_ATTRIBUTES,
  admitRecord,
  credentialIn,
  excerpt,
  type FaultlineRecord,
  isAllowedAttribute,
  looseRef,
  MAX_DEPTH,
  MAX_EXCERPT,
  REDACTION_KINDS,
  redact,
  redactDeep,
  redactRecord,
  redactSpans,
  TOO_DEEP,
  validateRecord,
} from '../src/index.js';

interface Case {
  kind: string;
  text: string;
  /** Text that must not survive. */
  secrets: string[];
  /** The marker that must replace it. */
  marker: string;
  /** Text around the secret that must survive. */
  keep: string[];
}

const CASES: Case[] = [
  {
    kind: 'OpenAI key',
    text: 'openai.AuthenticationError: Incorrect API key provided: sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789.',
    secrets: ['AbCdEfGhIjKlMnOp', 'sk-proj-'],
    marker: '[REDACTED:api_key]',
    keep: ['Incorrect API key provided'],
  },
  {
    kind: 'legacy OpenAI key',
    text: 'using key sk-9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c for the call',
    secrets: ['9f8e7d6c5b4a3f2e1d0c'],
    marker: '[REDACTED:api_key]',
    keep: ['using key', 'for the call'],
  },
  {
    kind: 'Anthropic key',
    text: 'ANTHROPIC_API_KEY set to sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe-AbCdEfGh_IjKl in env',
    secrets: ['Zx9Yw8Vu7Ts6Rq5Po4Nm3', 'sk-ant-'],
    marker: '[REDACTED:api_key]',
    keep: ['ANTHROPIC_API_KEY set to', 'in env'],
  },
  {
    kind: 'Bearer token',
    text: 'GET /v1/models -H "Authorization: Bearer abc123def456ghi789jkl012" -> 401',
    secrets: ['abc123def456ghi789jkl012'],
    marker: 'Authorization: Bearer [REDACTED:credentials]',
    keep: ['Authorization', '401'],
  },
  {
    kind: 'password in a URL',
    text: 'could not connect to postgres://user:pass@host:5432/robots (timeout)',
    secrets: [':pass@'],
    marker: 'postgres://user:[REDACTED:password]@host',
    keep: ['could not connect to', '(timeout)'],
  },
  {
    kind: 'AWS access key id',
    text: 'The AWS Access Key Id AKIAIOSFODNN7EXAMPLE you provided does not exist in our records.',
    secrets: ['AKIAIOSFODNN7EXAMPLE'],
    marker: '[REDACTED:aws_access_key]',
    keep: ['you provided does not exist'],
  },
  {
    kind: 'AWS secret access key',
    text: 'boto config: aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY region=us-east-1',
    secrets: ['wJalrXUtnFEMI', 'bPxRfiCYEXAMPLEKEY'],
    marker: 'aws_secret_access_key=[REDACTED:secret]',
    keep: ['region=us-east-1'],
  },
  {
    kind: 'PEM private key',
    text: [
      'loading key:',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
      'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
      '-----END RSA PRIVATE KEY-----',
      'ssl handshake failed',
    ].join('\n'),
    secrets: ['MIIEowIBAAKCAQEAu1SU1', 'VTLw7onLRnrq0', 'BEGIN RSA PRIVATE KEY'],
    marker: '[REDACTED:private_key]',
    keep: ['loading key:', 'ssl handshake failed'],
  },
  {
    kind: 'JWT',
    text: 'token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U expired',
    secrets: ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'dozjgNryP4J3jVmNHl0w5N'],
    marker: '[REDACTED:jwt]',
    keep: ['token', 'expired'],
  },
  {
    kind: 'email',
    text: 'permission denied for user jane.doe+ops@example.co.uk on bucket',
    secrets: ['jane.doe', 'example.co.uk'],
    marker: '[REDACTED:email]',
    keep: ['permission denied for user', 'on bucket'],
  },
  {
    kind: 'IPv4',
    text: 'connect ECONNREFUSED 10.0.3.17:5432 via 192.168.1.254',
    secrets: ['10.0.3.17', '192.168.1.254'],
    marker: '[REDACTED:ip]',
    keep: ['connect ECONNREFUSED', ':5432'],
  },
  {
    kind: 'PGP private key block',
    text: 'gpg failed:\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF8xYz0BCADk9Jq3Lm2Np4Qr6St8Uv0Wx2Yz4Ab6Cd\n=Qw3r\n-----END PGP PRIVATE KEY BLOCK-----\nretrying',
    secrets: ['lQOYBF8xYz0BCADk9Jq3', 'PGP PRIVATE KEY BLOCK', '=Qw3r'],
    marker: '[REDACTED:private_key]',
    keep: ['gpg failed:', 'retrying'],
  },
  {
    kind: 'private key cut off before its END line',
    text: 'loading key\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oy3xGk2mHY',
    secrets: ['MHcCAQEEIBkg4LVWM9nu', 'BEGIN EC PRIVATE KEY'],
    marker: '[REDACTED:private_key]',
    keep: ['loading key'],
  },
  {
    kind: 'private key whose BEGIN line was cut away',
    text: 'tail of the log:\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oy3xGk2mHY\nAwEHoUQDQgAEnS7rjNzq4oX0k1Ml9Qp5x\n-----END EC PRIVATE KEY-----\nexit 1',
    secrets: ['MHcCAQEEIBkg4LVWM9nu', 'AwEHoUQDQgAEnS7rj', 'END EC PRIVATE KEY'],
    marker: '[REDACTED:private_key]',
    keep: ['tail of the log:', 'exit 1'],
  },
  {
    kind: 'Bearer token without digits',
    text: 'HTTPError 401 for Bearer QwErTyUiOpAsDfGhJkLzXcVbNmPlOkIjUhYg on /v1/chat',
    secrets: ['QwErTyUiOpAsDfGhJkLz'],
    marker: 'Bearer [REDACTED:token]',
    keep: ['HTTPError 401 for', 'on /v1/chat'],
  },
  {
    kind: 'Basic credentials in an Authorization header',
    text: 'sent Authorization: Basic cm9ib3Q6aHVudGVyMg==\nresponse 401',
    secrets: ['cm9ib3Q6aHVudGVyMg=='],
    marker: '[REDACTED:credentials]',
    keep: ['response 401'],
  },
  {
    kind: 'password assignment with a prefix',
    text: 'env DB_PASSWORD=correct-horse-battery and PGPASSWORD=tr0ub4dor',
    secrets: ['correct-horse-battery', 'tr0ub4dor'],
    marker: 'DB_PASSWORD=[REDACTED:secret]',
    keep: ['env', 'and'],
  },
  {
    kind: 'GitLab token',
    text: 'clone with glpat-Xy9Zk3Lm7Np2Qr5St8Uv failed',
    secrets: ['Xy9Zk3Lm7Np2Qr5St8Uv'],
    marker: '[REDACTED:token]',
    keep: ['clone with', 'failed'],
  },
  {
    kind: 'Azure storage account key',
    text: 'AccountName=fleet;AccountKey=q1W2e3R4t5Y6u7I8o9P0aSdFgHjKlZxCvBnM12==;EndpointSuffix=core.windows.net',
    secrets: ['q1W2e3R4t5Y6u7I8o9P0'],
    marker: 'AccountKey=[REDACTED:secret]',
    keep: ['EndpointSuffix=core.windows.net'],
  },
  {
    kind: 'card number',
    text: 'declined card 4111-1111-1111-1111 for order 1733300000000',
    secrets: ['4111-1111-1111-1111'],
    marker: '[REDACTED:card]',
    keep: ['declined card', 'for order 1733300000000'],
  },
  {
    kind: 'IPv6',
    text: 'dial tcp [2001:0db8:85a3:0000:0000:8a2e:0370:7334]:443 and 2001:db8::1: connection refused',
    secrets: ['2001:0db8:85a3', '8a2e:0370:7334', '2001:db8::1'],
    marker: '[REDACTED:ip]',
    keep: ['dial tcp', 'connection refused'],
  },
];

for (const c of CASES) {
  t.test(`${c.kind} is masked`, async (t) => {
    for (const [name, out] of [
      ['redact', redact(c.text)],
      ['excerpt', excerpt(c.text)],
    ] as const) {
      for (const s of c.secrets) t.notOk(out.includes(s), `${name}: ${JSON.stringify(s)} is gone`);
      t.ok(out.includes(c.marker), `${name}: replaced by ${c.marker}`);
      for (const k of c.keep) t.ok(out.includes(k), `${name}: ${JSON.stringify(k)} is kept`);
    }
  });
}

t.test('several secrets on one line are all masked', async (t) => {
  const all = CASES.map((c) => c.text).join(' | ');
  const out = redact(all);
  for (const c of CASES) for (const s of c.secrets) t.notOk(out.includes(s), `${c.kind}: ${s}`);
});

t.test('ordinary failure text is left intact', async (t) => {
  const texts = [
    'CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.20 GiB already allocated)',
    "ModuleNotFoundError: No module named 'torchvision'",
    "KeyError: 'OPENAI_API_KEY'",
    'Traceback (most recent call last):\n  File "/home/robot/train.py", line 42, in <module>',
    'Epoch 3/10 loss=0.4213 lr=3e-4 step 1200/5000 at 2026-11-01T10:00:00Z',
    'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    'Error code: 429 - Rate limit reached for gpt-4o on tokens per min (TPM): Limit 30000, Used 29950',
    'the task-id is 3f2b8c1e-9a7d-4e6f-8b5a-1c2d3e4f5a6b and exit code 137',
  ];
  for (const text of texts) t.equal(redact(text), text, text.slice(0, 50));
  t.equal(excerpt(texts[0] as string), texts[0], 'excerpt of a short single-line text is the text itself');
});

t.test('excerpt: at most 300 characters by default, single-spaced', async (t) => {
  t.equal(MAX_EXCERPT, 300);
  const long = `start ${'lorem ipsum dolor sit amet '.repeat(200)} end`;
  const e = excerpt(long);
  t.ok(e.length <= 300, `length ${e.length} ≤ 300`);
  t.ok(e.length >= 290, 'but not needlessly short');
  t.ok(e.startsWith('start lorem'), 'the start of the text');
  t.ok(e.endsWith('…'), 'an ellipsis shows the cut');
  t.ok(excerpt(long, 80).length <= 80, 'a smaller max is honoured');
  for (const n of [299, 300, 301, 320, 400]) {
    const e = excerpt('a'.repeat(n));
    t.equal(e.length, Math.min(n, 300), `${n} characters in, ${Math.min(n, 300)} out`);
  }

  const spaced = excerpt('line one\n\n\tline   two\r\n   line three   ');
  t.equal(spaced, 'line one line two line three');

  const messy = excerpt(`ERROR\n${'   \n'.repeat(500)}  key=${'x'.repeat(2000)}`);
  t.notMatch(messy, /\s{2}|\n|\t/, 'no runs of whitespace, no newlines');
  t.ok(messy.length <= 300);
});

t.test('excerpt: a long text with a secret inside the first 300 characters', async (t) => {
  const text = `request failed with key sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 ${'then more text '.repeat(500)}`;
  const e = excerpt(text);
  t.notMatch(e, /AbCdEfGhIjKl/);
  t.match(e, /\[REDACTED:api_key\]/);
});

t.test('excerpt: a secret cut by the internal pre-cut does not leak in part', async (t) => {
  // Whitespace collapses, so text far into the input can become visible in the excerpt.
  const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  for (let pad = 1180; pad < 1200; pad++) {
    const e = excerpt(`${' '.repeat(pad)}${key} tail`);
    t.notMatch(e, /sk-|AbCd/, `no key prefix with ${pad} spaces before the key`);
  }
  const pem = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'.repeat(100)}-----END PRIVATE KEY-----`;
  const e = excerpt(pem);
  t.notMatch(e, /MIIEvQIBADAN/, 'a PEM key longer than the pre-cut is still masked');
  t.match(e, /\[REDACTED:private_key\]/);
});

t.test('redactDeep masks every string in a JSON value and keeps its shape', async (t) => {
  const value = {
    adapter: 'ros2',
    message: 'PUT https://user:hunter22@r2.example.com/bucket failed',
    nested: [{ owner: 'ops@example.com', count: 3 }, null, true],
  };
  const out = redactDeep(value);
  t.same(out, {
    adapter: 'ros2',
    message: 'PUT https://user:[REDACTED:password]@r2.example.com/bucket failed',
    nested: [{ owner: '[REDACTED:email]', count: 3 }, null, true],
  });
  t.equal(value.nested[0] && (value.nested[0] as { owner: string }).owner, 'ops@example.com', 'input not mutated');
});

t.test('at least 30 kinds of secret are recognised, and redaction is idempotent', async (t) => {
  t.ok(REDACTION_KINDS.length >= 30, `${REDACTION_KINDS.length} kinds`);
  for (const c of CASES) {
    const once = redact(c.text);
    t.equal(redact(once), once, `${c.kind}: redacting twice changes nothing`);
  }
});

t.test('ordinary text that looks a little like a secret is left intact', async (t) => {
  const texts = [
    'Bearer token expired, Basic authentication failed, Token validation error',
    'gen_ai.request.max_tokens=4096 input_tokens: 812 tokens: 100',
    'commit 4f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d5c4b3a21 at 1733300000000 (v1.2.3.4)',
    'Authorization failed: the key does not have access',
  ];
  for (const text of texts) t.equal(redact(text), text, text.slice(0, 50));
});

t.test('redactDeep masks every string in a JSON value and keeps its shape', async (t) => {
  const value = {
    adapter: 'ros2',
    message: 'PUT https://user:hunter22@r2.example.com/bucket failed',
    nested: [{ owner: 'ops@example.com', count: 3 }, null, true],
  };
  const out = redactDeep(value);
  t.same(out, {
    adapter: 'ros2',
    message: 'PUT https://user:[REDACTED:password]@r2.example.com/bucket failed',
    nested: [{ owner: '[REDACTED:email]', count: 3 }, null, true],
  });
  t.equal(value.nested[0] && (value.nested[0] as { owner: string }).owner, 'ops@example.com', 'input not mutated');
});

t.test('redactDeep: secrets as keys, values under secret-named keys, and nesting past the limit', async (t) => {
  const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  const out = redactDeep({
    [key]: 'a key used as a key',
    'ops@example.com': 1,
    'ceo@example.com': 2,
    password: 'hunter2',
    clientSecret: 'plain-looking',
    OPENAI_API_KEY: 'not-recognisable-by-shape',
    credentials: { user: 'bob', pass: 'x' },
    max_tokens: 4096,
    token_count: 'kept',
    battery: 12,
  }) as Record<string, unknown>;
  const json = JSON.stringify(out);
  for (const s of [
    'AbCdEfGhIjKl',
    'ops@example.com',
    'ceo@example.com',
    'hunter2',
    'plain-looking',
    'not-recognisable',
    '"bob"',
  ]) {
    t.notOk(json.includes(s), `${s} is gone`);
  }
  t.equal(out['[REDACTED:api_key]'], 'a key used as a key', 'a secret key name is redacted, its value kept');
  t.equal(out['[REDACTED:email]'], 1, 'two keys that redact alike are both kept');
  t.equal(out['[REDACTED:email]#2'], 2);
  t.equal(out.password, '[REDACTED:secret]');
  t.equal(out.clientSecret, '[REDACTED:secret]');
  t.equal(out.OPENAI_API_KEY, '[REDACTED:secret]');
  t.equal(out.credentials, '[REDACTED:secret]', 'a subtree under a secret-named key is replaced whole');
  t.equal(out.max_tokens, 4096, 'numbers under look-alike keys are kept');
  t.equal(out.token_count, 'kept', 'token_count is not a secret');
  t.equal(out.battery, 12, 'the positive control: ordinary metadata is kept');

  // Past the depth limit with a secret at the bottom: the subtree past the limit is replaced.
  let deep: unknown = { leaf: `password is ${key}`, raw: 'plain secret text' };
  for (let i = 0; i < MAX_DEPTH + 8; i++) deep = { level: deep };
  const cut = JSON.stringify(redactDeep(deep));
  t.notOk(cut.includes('plain secret text'), 'nothing below the depth limit is kept raw');
  t.ok(cut.includes(TOO_DEEP), `replaced by ${TOO_DEEP}`);
  t.equal((cut.match(/"level"/g) ?? []).length, MAX_DEPTH, `the first ${MAX_DEPTH} levels are kept`);
});

t.test('redactSpans keeps allow-listed attributes only: prompts, tool arguments and inputs are dropped', async (t) => {
  const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  const spans = [
    {
      span_id: 's1',
      name: 'llm.chat',
      status: { code: 'ERROR', message: 'auth failed for jane@example.com' },
      attributes: {
        'gen_ai.prompt': 'My patient John Smith has diabetes, what dose?',
        'gen_ai.prompt.0.content': 'system: you are a doctor',
        'gen_ai.completion.0.content': 'Give him 10 units',
        'input.value': 'what is my balance',
        'output.value': 'your balance is 1200 EUR',
        'llm.input_messages.0.message.content': 'hello there',
        'llm.prompt_template.variables': '{"name": "Alice Liddell"}',
        'gen_ai.tool.call.arguments': '{"iban": "DE89370400440532013000"}',
        'tool.parameters': '{"address": "221B Baker Street"}',
        'mlflow.spanInputs': '{"question": "my diagnosis"}',
        'user.note': 'free text nobody listed',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 812,
        'gen_ai.response.finish_reasons': ['length'],
        'http.status_code': 401,
        'service.name': `checkout ${key}`,
      },
      events: [
        {
          name: 'exception',
          attributes: {
            'exception.type': 'openai.AuthenticationError',
            'exception.message': `Incorrect API key provided: ${key}`,
            'exception.stacktrace': 'Traceback (most recent call last):\n  File "/srv/app.py", line 9\nfrom 10.1.2.3',
            'event.payload': 'raw tool output',
          },
        },
      ],
      inputs: { prompt: 'span-level prompt field' },
    },
  ];
  const out = redactSpans(spans);
  const json = JSON.stringify(out);
  for (const content of [
    'John Smith',
    'you are a doctor',
    '10 units',
    'my balance',
    '1200 EUR',
    'hello there',
    'Alice Liddell',
    'DE89370400440532013000',
    'Baker Street',
    'my diagnosis',
    'nobody listed',
    'raw tool output',
    'span-level prompt',
    'AbCdEfGhIjKl',
  ]) {
    t.notOk(json.includes(content), `${JSON.stringify(content)} is gone`);
  }
  const attrs = out[0]?.attributes as Record<string, unknown>;
  t.same(Object.keys(attrs).sort(), [
    'gen_ai.request.model',
    'gen_ai.response.finish_reasons',
    'gen_ai.usage.input_tokens',
    'http.status_code',
    'service.name',
  ]);
  t.equal(attrs['gen_ai.request.model'], 'gpt-4o', 'the model is kept');
  t.equal(attrs['gen_ai.usage.input_tokens'], 812, 'token usage is kept');
  t.same(attrs['gen_ai.response.finish_reasons'], ['length'], 'the finish reason is kept');
  t.equal(attrs['http.status_code'], 401);
  t.equal(attrs['service.name'], 'checkout [REDACTED:api_key]', 'allowed attributes are redacted too');

  const ev = out[0]?.events?.[0]?.attributes as Record<string, string>;
  t.equal(ev['exception.type'], 'openai.AuthenticationError', 'exception.type kept');
  t.equal(ev['exception.message'], 'Incorrect API key provided: [REDACTED:api_key]', 'exception.message kept, redacted');
  t.match(ev['exception.stacktrace'], /File "\/srv\/app.py", line 9/, 'exception.stacktrace kept');
  t.notMatch(ev['exception.stacktrace'], /10\.1\.2\.3/, 'and redacted');
  t.equal(out[0]?.status?.message, 'auth failed for [REDACTED:email]', 'status message redacted');
  t.equal(spans[0]?.attributes['gen_ai.prompt'], 'My patient John Smith has diabetes, what dose?', 'input not mutated');
});

t.test('the attributes the trace extractor reads are on the allow-list; content attributes are not', async (t) => {
  for (const a of [
    'gen_ai.system',
    'gen_ai.operation.name',
    'gen_ai.request.model',
    'gen_ai.response.model',
    'gen_ai.response.finish_reasons',
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.output_tokens',
    'gen_ai.request.max_tokens',
    'gen_ai.tool.name',
    'http.status_code',
    'http.response.status_code',
    'error.type',
    'rpc.grpc.status_code',
    'exception.type',
    'exception.message',
    'exception.stacktrace',
    'openinference.span.kind',
    'llm.model_name',
    'service.name',
    'deployment.environment',
  ]) {
    t.ok(isAllowedAttribute(a), `${a} is kept`);
  }
  for (const a of [
    'gen_ai.prompt',
    'gen_ai.completion',
    'gen_ai.input.messages',
    'gen_ai.output.messages',
    'gen_ai.system_instructions',
    'gen_ai.tool.call.arguments',
    'gen_ai.tool.call.result',
    'llm.prompt_template.variables',
    'llm.prompt_template.template',
    'llm.input_messages.0.message.content',
    'llm.invocation_parameters',
    'input.value',
    'output.value',
    'tool.parameters',
    'mlflow.spanInputs',
    'mlflow.spanOutputs',
    'db.statement',
    'db.query.text',
    'http.url',
    'url.full',
    'retrieval.documents.0.document.content',
  ]) {
    t.notOk(isAllowedAttribute(a), `${a} is dropped`);
  }
  t.ok(ALLOWED_ATTRIBUTES.length > 20);
});

const key = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const RECORDS: FaultlineRecord[] = [
  {
    kind: 'episode',
    episode_id: 'ep-1',
    robot_id: 'r-1',
    status: 'failed',
    metadata: {
      failure_reason: `gripper lost auth ${key}`,
      typed: [{ type: 'EpisodeOutcome', note: `owner ops@example.com ${key}` }],
      adapter_upload_error: { adapter: 'r2', message: `PUT https://u:p4ssw0rd@r2.example.com failed` },
      [key]: 'key as a key',
    },
  },
  { kind: 'eval_result', eval_run_id: 'ev', candidate_episode_id: 'ep-1', metrics: { success_delta: -0.2, note: key } },
  { kind: 'verification_result', scenario_id: 'sc', candidate_episode_id: 'ep-1', status: 'fail', message: `failed with ${key}` },
  {
    kind: 'trace',
    trace_id: 'tr-1',
    timestamp: '2026-11-01T10:00:00Z',
    service: `svc ${key}`,
    spans: [
      {
        span_id: 's',
        name: `call ${key}`,
        status: { code: 'ERROR', message: key },
        attributes: { 'gen_ai.prompt': 'a prompt', 'gen_ai.request.model': 'gpt-4o' },
        events: [{ name: 'exception', attributes: { 'exception.message': key, 'exception.stacktrace': key } }],
      },
    ],
  },
  {
    kind: 'log',
    log_id: 'lg-1',
    experiment_type: `sweep ${key}`,
    error_message: `RuntimeError: ${key}`,
    logs: `line\n${key}`,
    code_snippet: `client = OpenAI(api_key="${key}")`,
  },
];

t.test('redactRecord: every free-text field of every record kind, ids kept, unknown fields dropped', async (t) => {
  for (const record of RECORDS) {
    const sent = { ...record, extra_field: `unknown ${key}` } as unknown as FaultlineRecord;
    const out = redactRecord(sent);
    const json = JSON.stringify(out);
    t.notOk(json.includes('AbCdEfGhIjKl'), `${record.kind}: no key left`);
    t.notOk(json.includes('extra_field'), `${record.kind}: a field outside the contract is not carried`);
    t.notOk(json.includes('a prompt'), `${record.kind}: no prompt`);
    t.ok(json.includes('[REDACTED:'), `${record.kind}: the positive control — markers are there`);
    t.same(redactRecord(out), out, `${record.kind}: redacting twice changes nothing`);
    const v = validateRecord(sent);
    t.ok(v.ok, `${record.kind}: valid`);
    t.same(v.ok && v.record, out, `${record.kind}: validateRecord returns the redacted record`);
  }
  const ep = redactRecord(RECORDS[0] as FaultlineRecord);
  t.equal(ep.kind === 'episode' && ep.episode_id, 'ep-1', 'ids are kept as sent');
  t.equal(ep.kind === 'episode' && ep.status, 'failed');
  const tr = redactRecord(RECORDS[3] as FaultlineRecord);
  t.same(tr.kind === 'trace' && tr.spans?.[0]?.attributes, { 'gen_ai.request.model': 'gpt-4o' });
});

t.test('an id that carries a credential is refused, naming the field and the kind, never the value', async (t) => {
  const ids = [
    ['episode_id', key, 'openai_key'],
    ['robot_id', 'ghp_R4nD0mT0k3nV4lu3F0rT3st1ngXyZ1234567', 'github_token'],
    ['log_id', 'AKIAZ7Q3WXYV5R2T8U4M', 'aws_access_key'],
    ['trace_id', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb2JvdCJ9.c2lnbmF0dXJlX2hlcmU', 'jwt'],
  ] as const;
  for (const [field, value, kind] of ids) {
    const kindOf = field === 'log_id' ? 'log' : field === 'trace_id' ? 'trace' : 'episode';
    const base = RECORDS.find((r) => r.kind === kindOf) as FaultlineRecord;
    const v = validateRecord({ ...base, [field]: value });
    t.notOk(v.ok, `${field} with a ${kind}: refused`);
    if (!v.ok) {
      t.match(
        v.reason,
        new RegExp(`^${field}: holds what looks like a credential \\(${kind}\\)`),
        'the reason names field and kind',
      );
      t.notOk(v.reason.includes(value.slice(4, 16)), 'and does not echo the value');
    }
  }
  // Positive control: ordinary ids, and ids with addresses or long numbers, are accepted as sent.
  for (const id of ['ep-2026-11-01-0042', 'robot@fleet-7', '10.0.3.17', '4532015112830366', 'run_token_count']) {
    const v = admitRecord({ ...(RECORDS[0] as FaultlineRecord), episode_id: id } as FaultlineRecord);
    t.ok(v.ok, `episode_id ${id}: accepted`);
    t.equal(v.ok && v.record.kind === 'episode' && v.record.episode_id, id, 'kept as sent');
  }
  t.equal(looseRef({ log_id: key }), '[REDACTED:credential]', 'error reports do not repeat such an id');
  t.equal(looseRef({ log_id: 'ep-2026-11-01-0042' }), 'ep-2026-11-01-0042');
  t.equal(credentialIn('plain words only'), undefined);
  t.equal(credentialIn('-----END RSA PRIVATE KEY-----'), 'private_key');
});

/** One made-up sample per recognised kind, the secret part of it in `secret`. */
const SAMPLES: Record<string, { text: string; secret: string }> = {
  private_key: {
    text: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0\n-----END PRIVATE KEY-----',
    secret: 'MIIEvQIBADANBgkqhkiG9w0',
  },
  putty_key: {
    text: 'PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAAIGx4c2VjcmV0\nPrivate-MAC: 0a1b2c',
    secret: 'AAAAIGx4c2VjcmV0',
  },
  age_key: {
    text: `AGE-SECRET-KEY-1${'QYZ7K3M9P2X8R4T6W5V0N1L3J8H2G4F6D9S7A5Q3E1C8B6Y2U4I6O8P0A2'}`,
    secret: 'QYZ7K3M9P2X8R4T6W5V0',
  },
  jwt: { text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb2JvdCJ9.c2lnbmF0dXJlX2hlcmU', secret: 'eyJzdWIiOiJyb2JvdCJ9' },
  authorization_header: { text: 'X-Api-Key: 9f8e7d6c5b4a3f2e1d0c', secret: '9f8e7d6c5b4a3f2e1d0c' },
  cookie_header: { text: 'Set-Cookie: sid=Zx9Yw8Vu7Ts6Rq5P; HttpOnly', secret: 'Zx9Yw8Vu7Ts6Rq5P' },
  bearer: { text: 'retry with Token Zx9Yw8Vu7Ts6Rq5PoNm', secret: 'Zx9Yw8Vu7Ts6Rq5PoNm' },
  url_password: { text: 'amqp://guest:Gu3stPassw0rd@mq:5672', secret: 'Gu3stPassw0rd' },
  url_token: { text: 'https://0123456789abcdef0123456789abcdef@o4504.ingest.sentry.io/12', secret: '0123456789abcdef0123' },
  url_query_secret: { text: 'GET /cb?code=Q7fLk2mZ9xR4tW8y&state=1', secret: 'Q7fLk2mZ9xR4tW8y' },
  slack_webhook: {
    text: 'hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    secret: 'XXXXXXXXXXXXXXXXXXXX',
  },
  discord_webhook: { text: 'discord.com/api/webhooks/123456789012345678/Zx9Yw8Vu7Ts6Rq5Po4Nm', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  anthropic_key: { text: 'sk-ant-admin01-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  openai_key: { text: 'sk-svcacct-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  google_api_key: { text: 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q', secret: 'SyA1b2C3d4E5f6G7h8I9' },
  google_oauth_token: { text: 'ya29.a0Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk', secret: 'a0Zx9Yw8Vu7Ts6Rq5Po4' },
  google_refresh_token: { text: '1//0gZx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe', secret: 'gZx9Yw8Vu7Ts6Rq5Po4N' },
  google_client_secret: { text: 'GOCSPX-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2J', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  github_token: { text: 'ghs_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  gitlab_token: { text: 'glrt-Zx9Yw8Vu7Ts6Rq5Po4Nm', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  slack_token: { text: 'xoxp-1234567890-Zx9Yw8Vu7Ts6', secret: '1234567890-Zx9Yw8Vu7Ts6' },
  slack_app_token: { text: 'xapp-1-A0123456789-Zx9Yw8Vu7T', secret: 'A0123456789-Zx9Yw8Vu7T' },
  stripe_key: { text: 'rk_test_Zx9Yw8Vu7Ts6Rq5Po4Nm', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  stripe_webhook_secret: { text: 'whsec_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2J', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  hf_token: { text: 'api_org_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  aws_access_key: { text: 'ASIAZ7Q3WXYV5R2T8U4M', secret: 'Z7Q3WXYV5R2T8U4M' },
  azure_client_secret: { text: 'Xy78Q~Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  npm_token: { text: 'npm_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe1a2b', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  pypi_token: { text: 'pypi-AgEIcHlwaS5vcmcCJDZx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeAbCd', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  sendgrid_key: { text: 'SG.Zx9Yw8Vu7Ts6Rq5Po4Nm.Lk2Ji1Hg0FeAbCdEfGhIj', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  twilio_key: { text: 'SK0123456789abcdef0123456789abcdef', secret: '0123456789abcdef0123' },
  mailgun_key: { text: 'key-0123456789abcdef0123456789abcdef', secret: '0123456789abcdef0123' },
  telegram_bot_token: { text: '987654321:AAZx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeQ', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  discord_bot_token: { text: 'MTAxMjM0NTY3ODkwMTIzNDU2.GZx9Yw.Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  shopify_token: { text: 'shpat_0123456789abcdef0123456789abcdef', secret: '0123456789abcdef0123' },
  digitalocean_token: { text: `dop_v1_${'0123456789abcdef'.repeat(4)}`, secret: '0123456789abcdef0123' },
  databricks_token: { text: 'dapi0123456789abcdef0123456789abcdef', secret: '0123456789abcdef0123' },
  vault_token: { text: 'hvb.Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  other_prefixed_token: { text: 'pplx-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeAbCdEfGhIjKl', secret: 'Zx9Yw8Vu7Ts6Rq5Po4Nm' },
  cli_secret: { text: 'run --api-key Zx9Yw8Vu7Ts6Rq5 now', secret: 'Zx9Yw8Vu7Ts6Rq5' },
  secret_assignment: { text: "{'webhook_secret': 'Zx9Yw8 Vu7Ts6'}", secret: 'Zx9Yw8 Vu7Ts6' },
  email: { text: 'mail ops.team@robots.example.org now', secret: 'ops.team@robots' },
  credit_card: { text: 'card 5555555555554444 declined', secret: '5555555555554444' },
  ipv4: { text: 'from 172.16.254.1 port 22', secret: '172.16.254.1' },
  ipv6: { text: 'from fe80::1ff:fe23:4567:890a port 22', secret: 'fe80::1ff:fe23' },
  private_key_tail: { text: 'ZXhhbXBsZWtleWJvZHk=\n-----END OPENSSH PRIVATE KEY-----', secret: 'ZXhhbXBsZWtleWJvZHk=' },
};

t.test('every recognised kind has a sample here, and each sample is redacted (idempotently)', async (t) => {
  t.same(Object.keys(SAMPLES).sort(), [...REDACTION_KINDS].sort(), 'one sample per kind');
  for (const [kind, { text, secret }] of Object.entries(SAMPLES)) {
    const out = redact(`before it:\n${text}\nafter`);
    t.notOk(out.includes(secret), `${kind}: the secret is gone (${out.slice(0, 80)})`);
    t.ok(out.includes('[REDACTED:') && out.startsWith('before'), `${kind}: replaced by a marker, the text around kept`);
    t.equal(redact(out), out, `${kind}: redacting twice changes nothing`);
  }
});

t.test('a text seen before is redacted the same: a remembered clean text answers as it is, a secret never', async (t) => {
  for (const [kind, { text, secret }] of Object.entries(SAMPLES)) {
    const raw = `seen before:\n${text}\nafter`;
    const first = redact(raw);
    t.notOk(first.includes(secret), `${kind}: the secret is gone the first time`);
    for (let i = 0; i < 3; i++) t.equal(redact(raw), first, `${kind}: the same text again, still redacted (${i + 2})`);
    t.equal(redact(first), first, `${kind}: its redacted form is kept as it is`);
  }
  // A clean text, then the same words with a secret in: each answered on its own.
  const clean = 'step 41: loss 0.513, lr 3e-4, no credentials here at all';
  t.equal(redact(clean), clean, 'positive control: a clean text comes back unchanged');
  t.equal(redact(clean), clean, 'and again');
  const withSecret = `${clean} password=hunter2-very-secret`;
  t.notOk(redact(withSecret).includes('hunter2'), 'the same text with a secret appended is redacted');
  // Many distinct clean texts (more than the memory keeps): every one still comes back, and a secret after them is redacted.
  const many = Array.from({ length: 3000 }, (_, i) => `${'x'.repeat(2000)} line ${i} ok`);
  t.ok(
    many.every((m) => redact(m) === m),
    'clean texts past the memory bound come back unchanged',
  );
  t.notOk(
    redact(`after many: ${SAMPLES.jwt?.text ?? ''}`).includes(SAMPLES.jwt?.secret ?? '\u0000'),
    'a secret after the memory was cleared is redacted',
  );
});

t.test('short texts are remembered only when clean: a short secret is redacted every time', async (t) => {
  // Short texts (under 16 characters) are remembered too since the thirteenth landing (load-tests/README.md).
  const shortSecrets = [
    '172.16.254.1',
    '10.0.0.1',
    'ops@robots.io',
    'a@b.example',
    'fe80::1ff:fe23:4567:890a',
    '4111111111111111',
  ];
  for (const s of shortSecrets) {
    const first = redact(s);
    t.not(first, s, `${JSON.stringify(s)}: redacted the first time (${first})`);
    for (let i = 0; i < 3; i++) t.equal(redact(s), first, `${JSON.stringify(s)}: redacted again (${i + 2})`);
    t.equal(redact(first), first, `${JSON.stringify(s)}: its redacted form is kept as it is`);
  }
  for (const [kind, { text, secret }] of Object.entries(SAMPLES)) {
    for (const s of [text, secret]) {
      const first = redact(s);
      for (let i = 0; i < 2; i++) t.equal(redact(s), first, `${kind}: ${JSON.stringify(s.slice(0, 30))} answered the same again`);
    }
    t.notOk(redact(text).includes(secret), `${kind}: the sample alone, seen again, is still redacted`);
  }
  // Clean short texts, then the same texts grown into secrets: each answered on its own.
  for (const clean of ['ERROR', 'agent.run', 'a', '172.16', 'ops@', 'gpt-4o']) {
    t.equal(redact(clean), clean, `${JSON.stringify(clean)}: clean, comes back`);
    t.equal(redact(clean), clean, `${JSON.stringify(clean)}: and again`);
  }
  t.not(redact('172.16.254.1'), '172.16.254.1', 'an address whose first part was seen clean is redacted');
  t.not(redact('ops@robots.io'), 'ops@robots.io', 'an email whose first part was seen clean is redacted');
  t.equal(redact(''), '', 'the empty text');
  // More distinct short clean texts than the memory keeps (each counted as at least 32 characters):
  // every one comes back, and a short secret after them is redacted.
  const many = Array.from({ length: 200_000 }, (_, i) => `s${i}`);
  t.ok(
    many.every((m) => redact(m) === m),
    'short clean texts past the memory bound come back unchanged',
  );
  t.not(redact('192.168.1.20'), '192.168.1.20', 'a short secret after the memory was cleared is redacted');
});

t.test('the remembered clean texts keep copies, not the larger texts they were cut from', async (t) => {
  // A short clean line cut from a 1 MB log (an excerpt, a match) is remembered: kept as the slice it
  // is, it would hold its whole parent alive, ~300 MB for 300 logs, under a bound that counts 300 × 40
  // characters. Measured with the collector forced (V8's --expose-gc, set for this test's context).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 300; i++) {
    const big = `log ${i} `.padEnd(1_000_000, 'x step ok ');
    const piece = big.slice(0, 40);
    t.equal(redact(piece), piece, `piece ${i} is clean`, { diagnostic: false });
  }
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / 1e6;
  t.ok(grown < 60, `the heap grew ${grown.toFixed(0)} MB after 300 pieces of 1 MB logs (under 60 MB)`);
});
