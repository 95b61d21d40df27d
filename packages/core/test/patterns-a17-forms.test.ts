/**
 * Forms read wrong on agent-17 (released for tuning after its blind measurement) and misfires of
 * older agent/infrastructure rules found by session 15's review, each decided by docs/taxonomy.md.
 */
import t from 'tap';
import { PATTERNS } from '../src/index.js';
import { familyWithControls, type HostileRun, readLog, readsHostileRuns } from './patterns-read.js';

const patternOf = (id: string) => {
  const p = PATTERNS.find((x) => x.id === id);
  if (!p) throw new Error(`no pattern ${id}`);
  return p;
};
const regexOf = (id: string): RegExp => patternOf(id).match;

/** How many times the pattern's regex is run while the text is read (0: the text never reached it). */
function execsWhileReading(id: string, text: string): number {
  const regex = regexOf(id);
  const exec = regex.exec;
  let calls = 0;
  regex.exec = function (this: RegExp, s: string) {
    calls += 1;
    return exec.call(this, s);
  };
  try {
    readLog(text);
  } finally {
    Reflect.deleteProperty(regex, 'exec');
  }
  return calls;
}

// gRPC's UNAVAILABLE and an HTTP 503 are statuses; upstream.5xx's regex is case-insensitive, so it
// reads the word only in a status's form (Python's StatusCode.UNAVAILABLE, Go's "code = Unavailable",
// Java's "StatusRuntimeException: UNAVAILABLE", grpc-js's "14 UNAVAILABLE", Google APIs' "503
// UNAVAILABLE" / "status": "UNAVAILABLE", urllib's "HTTP Error 503"). errno 11's "Resource
// temporarily unavailable" (EAGAIN: a non-blocking socket, h5py's file lock) and prose ("Transform
// … was unavailable") are not a server's answer.
const EAGAIN_SOCKET =
  'Traceback (most recent call last):\n  File "bot.py", line 40, in <module>\n    data = sock.recv(4096)\nBlockingIOError: [Errno 11] Resource temporarily unavailable';
const EAGAIN_H5PY =
  "Traceback (most recent call last):\n  File \"train.py\", line 12, in <module>\n    f = h5py.File('data.h5', 'r')\nOSError: Unable to open file (unable to lock file, errno = 11, error message = 'Resource temporarily unavailable')";
const TF_UNAVAILABLE =
  '[ WARN] [1685456729.822960470]: Transform from base_link to map was unavailable for the time requested. Using latest instead.';
familyWithControls(
  "gRPC UNAVAILABLE and HTTP 503 read as upstream 5xx only as statuses, not errno 11's 'Resource temporarily unavailable'",
  [
    [
      'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "Socket closed"\n>',
      'upstream_error/upstream_5xx',
    ],
    ['io.grpc.StatusRuntimeException: UNAVAILABLE: Channel shutdown invoked', 'upstream_error/upstream_5xx'],
    ['Error: 14 UNAVAILABLE: No connection established', 'upstream_error/upstream_5xx'],
    [
      "google.genai.errors.ServerError: 503 UNAVAILABLE. {'error': {'code': 503, 'message': 'Deadline expired before operation could complete.', 'status': 'UNAVAILABLE'}}",
      'upstream_error/upstream_5xx',
    ],
    [
      'Failed to download target platform data for gbpdistro:\n\tHTTP Error 503: Backend unavailable, connection timeout',
      'upstream_error/upstream_5xx',
    ],
  ],
  [
    [EAGAIN_SOCKET, '!upstream_error/upstream_5xx'],
    [EAGAIN_H5PY, '!upstream_error/upstream_5xx'],
    [TF_UNAVAILABLE, '!upstream_error/upstream_5xx'],
  ],
);

t.test("the errno 11 and prose controls reach upstream.5xx's regex, which no longer reads them", async (t) => {
  const re = regexOf('upstream.5xx');
  for (const [name, text] of [
    ['a socket', EAGAIN_SOCKET],
    ["h5py's lock", EAGAIN_H5PY],
    ['a tf warning', TF_UNAVAILABLE],
  ] as const) {
    t.ok(/\bUNAVAILABLE\b/i.test(text), `${name}: holds the word the old branch read`);
    t.ok(execsWhileReading('upstream.5xx', text) > 0, `${name}: the regex is run on it`);
    t.notOk(re.test(text), `${name}: the regex does not read it`);
    t.not(readLog(text).code, 'upstream.5xx', `${name}: not the rule's reading`);
  }
  t.ok(re.test('rpc error: code = Unavailable desc = connection error'), "Go's form");
  t.ok(re.test('"status": "UNAVAILABLE"'), "Google APIs' error object");
});

// llm.error_body (a KeyError on the provider's 'choices' read as the provider's refusal) needs the
// provider's answer: an error object, the SDKs' "Error code: 401", or a 401/403 on a line naming a
// model API's host or endpoint. Another request's refusal in the same text (a package index's or a
// git host's "HTTP 403") is not the model call's answer; nor are the words of a model call
// (openai, llm) alone.
const CHOICES =
  "Traceback (most recent call last):\n  File \"bot.py\", line 30, in ask\n    return r.json()['choices'][0]['message']['content']\nKeyError: 'choices'";
const INDEX_403 = `${CHOICES}\n\nEarlier in the install log: ERROR: HTTP 403 Forbidden while fetching https://mirror.example.org/simple/openai/`;
const GIT_403 = `${CHOICES}\n\ngit clone https://git.example.com/team/bot.git\nremote: HTTP 403: access denied`;
const MODEL_WORDS = `import openai\nllm = openai.OpenAI(base_url="http://localhost:8000/v1")\n${CHOICES}`;
familyWithControls(
  "a KeyError on 'choices' reads as the provider's refusal only beside the model API's answer",
  [
    [`POST /v1/chat/completions -> status 403\n${CHOICES}`, 'auth_error/invalid_credentials'],
    [
      `${CHOICES}\nresponse from https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent: <Response [403]>`,
      'auth_error/invalid_credentials',
    ],
    [`${CHOICES}\nprint(resp) -> Error code: 401 - invalid request`, 'auth_error/invalid_credentials'],
  ],
  [
    [INDEX_403, 'runtime_error/key_error'],
    [GIT_403, 'runtime_error/key_error'],
    [MODEL_WORDS, 'runtime_error/key_error'],
  ],
);

t.test("the unrelated-403 controls reach llm.error_body's regex and fail only its also", async (t) => {
  const p = patternOf('llm.error_body');
  const oldAlso = /\b(?:status(?:[_ ]?code)?|code|HTTP(?:\/\d(?:\.\d)?)?)["']?\s{0,2}[:=]?\s{0,2}40[13]\b/i;
  for (const [name, text] of [
    ['a package index', INDEX_403],
    ['a git host', GIT_403],
  ] as const) {
    t.ok(p.match.test(text), `${name}: the KeyError holds the form`);
    t.ok(oldAlso.test(text), `${name}: holds an HTTP 403`);
    t.notOk(p.also?.test(text), `${name}: no provider's answer`);
  }
  t.ok(p.match.test(MODEL_WORDS), 'model words: the KeyError holds the form');
  t.notOk(p.also?.test(MODEL_WORDS), 'model words: no provider answer');
});

t.test("the agent-17 forms' regexes read hostile runs in bounded work", { timeout: 60_000 }, async (t) => {
  const runs: HostileRun[] = [
    ['grpc status dots', `${'StatusCode.'.repeat(1500)}UNAVAILABLX`, 'upstream.5xx'],
    ['grpc status quotes', `${'"status": "'.repeat(800)}UNAVAILABLX`, 'upstream.5xx'],
    ['grpc code equals', `${'code = '.repeat(1500)}Unavailablx`, 'upstream.5xx'],
    ['error-body 403s', `KeyError: 'choices'\n${'HTTP 403 '.repeat(800)}x`, 'llm.error_body'],
    ['error-body endpoints', `KeyError: 'choices'\n${'/v1/chat/completions '.repeat(400)}x`, 'llm.error_body'],
    ['error-body mixed', `KeyError: 'choices'\n${'status: 401 Unauthorized api.openai.co '.repeat(300)}x`, 'llm.error_body'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});
