/**
 * Forms read wrong on agent-16 (released for tuning after its blind measurement), each a general
 * form other projects print too, decided by docs/taxonomy.md.
 */
import t from 'tap';
import { familyWithControls, type HostileRun, readLog, readsHostileRuns, regexOf } from './patterns-read.js';

const HF_WARNING =
  'Input length of input_ids is 2400, but `max_length` is set to 2048. This can lead to unexpected behavior. You should consider increasing `max_new_tokens`.';

// Hugging Face transformers' generate() check (a warning, or a ValueError): the prompt fills the
// whole generation length (context_overflow/context_length_exceeded; the tuned cases with the form,
// of two projects, 2 of 2). A CUDA out-of-memory crash after the warning is that crash.
familyWithControls(
  "transformers' 'Input length of input_ids is N, but max_length is set to M' reads as the context exceeded",
  [
    [HF_WARNING, 'context_overflow/context_length_exceeded'],
    [
      'ValueError: Input length of input_ids is 22711, but `max_length` is set to 2048. This can lead to unexpected behavior.',
      'context_overflow/context_length_exceeded',
    ],
    [`知识库的推理demo，连续问几次就报错：\n${HF_WARNING.replace(/`/g, '')}`, 'context_overflow/context_length_exceeded'],
  ],
  [
    [
      `${HF_WARNING}\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 23.69 GiB total capacity)`,
      'resource_error/gpu_oom',
    ],
  ],
);

t.test("the transformers max_length control reaches the new pattern's regex", async (t) => {
  const re = regexOf('llm.hf_input_over_max_length');
  t.ok(re.test(`${HF_WARNING}\ntorch.cuda.OutOfMemoryError: CUDA out of memory.`), 'the OOM control holds the form');
  t.notOk(re.test('Input length of input_ids is 12; max_new_tokens is set to 256'), 'no max_length clause, no match');
});

// The program's own web server's access log, uvicorn's form ('INFO: 127.0.0.1:48524 - "POST /ingest
// HTTP/1.1" 500 Internal Server Error'): this server answered its client 500 after something in it
// failed; the cause is elsewhere in the text (the tuned cases with the line, six projects: never
// upstream_5xx). A provider's 429 before it is the rate limit (rule 1). A gateway's 502 in the same
// form, and a client's log of a provider's own 500 (httpx's 'HTTP Request: POST … "HTTP/1.1 500
// Internal Server Error"'), stay upstream errors. (The HTTP status table, parts.http, leaves the
// line too since session 16: patterns-a17-forms.)
const OWN_500 =
  'INFO:     127.0.0.1:48524 - "POST /ingest HTTP/1.1" 500 Internal Server Error\nERROR:    Exception in ASGI application';
familyWithControls(
  "an app server's own access-log 500 is not an upstream error; the cause before it answers",
  [
    [
      `INFO:httpx:HTTP Request: POST https://api.openai.com/v1/embeddings "HTTP/1.1 429 Too Many Requests"\nINFO:openai._base_client:Retrying request to /embeddings in 0.78 seconds\n${OWN_500}`,
      'rate_limit/provider_rate_limit',
    ],
  ],
  [
    ['INFO:     10.0.0.7:5100 - "POST /v1/chat/completions HTTP/1.1" 502 Bad Gateway', 'upstream_error/upstream_5xx'],
    [
      `INFO:httpx:HTTP Request: POST https://api.openai.com/v1/chat/completions "HTTP/1.1 500 Internal Server Error"\n${OWN_500}`,
      'upstream_error/upstream_5xx',
    ],
  ],
);

t.test("the access-log controls reach upstream.5xx's regex, the own 500 does not", async (t) => {
  const re = regexOf('upstream.5xx');
  t.ok(re.test('INFO:     10.0.0.7:5100 - "POST /v1/chat/completions HTTP/1.1" 502 Bad Gateway'), 'a gateway 502 in the form');
  t.ok(
    re.test('INFO:httpx:HTTP Request: POST https://x/v1 "HTTP/1.1 500 Internal Server Error"'),
    "a client's log of a provider 500",
  );
  t.notOk(re.test(OWN_500), "the server's own 500 line");
});

t.test("the agent-16 forms' regexes read hostile runs in bounded work", { timeout: 60_000 }, async (t) => {
  const runs: HostileRun[] = [
    [
      'input_ids digits',
      `Input length of input_ids is ${'9'.repeat(4000)}, but max_length is set to 2x`,
      'llm.hf_input_over_max_length',
    ],
    [
      'input_ids repeats',
      `${'Input length of input_ids is 1, but '.repeat(300)}max_length is set to 2x`,
      'llm.hf_input_over_max_length',
    ],
    ['access-log quotes', `${'HTTP/1.1" 500 '.repeat(800)}Internal Server Errox`, 'upstream.5xx'],
    ['access-log dots', `HTTP/${'1.'.repeat(2000)}" 500 Internal Server Error`, 'upstream.5xx'],
    [
      'trainer words',
      `trl ${'Trainer'.repeat(1500)}.__init__() got an unexpected keyword argument 'processing_class'`,
      'import.trainer_kwarg_version',
    ],
    [
      'trainer inits',
      `trl ${'SFTConfig.__init__() '.repeat(500)}got an unexpected keyword argument 'x'`,
      'import.trainer_kwarg_version',
    ],
    [
      'trainer library paths',
      `SFTTrainer.__init__() got an unexpected keyword argument 'x'\n${'/trl.trl: trl '.repeat(800)}x`,
      'import.trainer_kwarg_version',
    ],
    ['error-body keys', `KeyError: 'choices'\n${'api_key token '.repeat(800)}invalidx`, 'llm.error_body'],
    ['error-body statuses', `KeyError: 'choices'\n${'status_code: "'.repeat(800)}40x`, 'llm.error_body'],
    ['error-body objects', `KeyError: 'choices'\n${'"error": '.repeat(800)}null`, 'llm.error_body'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});

// KeyError: 'choices' (or 'candidates', 'completion', 'generated_text') read out of a provider's
// answer is the provider's error answer only when that answer is in the text (an "error" object, a
// 401/403): a bare KeyError in a program that calls a model is labelled runtime_error/key_error in
// the tuned cases, 6 of 7 of six projects, whatever model words (api_key, openai) surround it.
const BARE_CHOICES =
  "File \"apiTest.py\", line 72, in <module>\n    content = response.json()['choices'][0]['message']['content']\nKeyError: 'choices'";
familyWithControls(
  "a KeyError on the provider's 'choices' reads as the provider's error answer only when that answer is shown",
  [
    [
      `${BARE_CHOICES}\nprint(response.json()) -> {'error': {'message': 'request denied', 'code': 401}}`,
      'auth_error/invalid_credentials',
    ],
  ],
  [
    [
      `${BARE_CHOICES}\n\nI changed the ollama config:\n  "ollama": { "base_url": "http://localhost:11434/v1", "api_key": "ollama", "model": "llama3" }`,
      'runtime_error/key_error',
    ],
    [
      'File "xiaogpt/bot/chatgptapi_bot.py", line 24, in ask\n    completion["choices"][0]\nKeyError: \'choices\'',
      'runtime_error/key_error',
    ],
  ],
);

t.test("the KeyError 'choices' controls reach llm.error_body's regex", async (t) => {
  const re = regexOf('llm.error_body');
  t.ok(re.test(BARE_CHOICES), 'the bare KeyError holds the form');
  t.ok(re.test('completion["choices"][0]\nKeyError: \'choices\''), "xiaogpt's form");
});

// A traceback's line numbers (line 401, line 403) and a JSON log field "error": null are not the
// provider's answer: 401/403 count only as an HTTP status, "error" only as an object.
const LINE_403 =
  'Traceback (most recent call last):\n  File "bot/app.py", line 403, in reply\n    text = data["choices"][0]["message"]["content"]\nKeyError: \'choices\'';
const LINE_401 =
  "Traceback (most recent call last):\n  File \"chat.py\", line 401, in ask\n    return r.json()['choices'][0]['text']\nKeyError: 'choices'";
const ERROR_NULL =
  'logging: {"level": "info", "error": null, "model": "local"}\nTraceback (most recent call last):\n  File "run.py", line 88, in main\n    out = resp[\'choices\'][0]\nKeyError: \'choices\'';
familyWithControls(
  'llm.error_body needs an HTTP 401/403 or an error object, not a line number or a null field',
  [
    [`${LINE_403}\nopenai returned: Error code: 401 - invalid request`, 'auth_error/invalid_credentials'],
    [`${LINE_401}\nresponse: {"error": {"message": "request denied"}}`, 'auth_error/invalid_credentials'],
  ],
  [
    [LINE_403, 'runtime_error/key_error'],
    [LINE_401, 'runtime_error/key_error'],
    [ERROR_NULL, 'runtime_error/key_error'],
  ],
);

t.test("the line-number and null-field controls reach llm.error_body's regex", async (t) => {
  const re = regexOf('llm.error_body');
  const controls: [string, string][] = [
    ['line 403', LINE_403],
    ['line 401', LINE_401],
    ['"error": null', ERROR_NULL],
  ];
  for (const [name, text] of controls) {
    t.ok(re.test(text), `${name} holds the form`);
  }
});
// A Hugging Face trainer (TRL's SFTTrainer / ORPOTrainer, transformers' Trainer) or its arguments
// called with a keyword the installed release renamed or moved: code written for another release
// (rule 5, import_error/version_conflict; the tuned cases with the form, three projects, 3 of 3).
// A project's own Trainer class, in a record naming none of the libraries, is its own TypeError.
familyWithControls(
  'a trainer library refusing a keyword it renamed reads as a version conflict',
  [
    [
      '  File "/app/src/autotrain/trainers/clm/train_clm_orpo.py", line 47, in train\n    trainer = ORPOTrainer(\nTypeError: ORPOTrainer.__init__() got an unexpected keyword argument \'tokenizer\'',
      'import_error/version_conflict',
    ],
    [
      "TypeError: SFTTrainer.__init__() got an unexpected keyword argument 'dataset_text_field'\ntrl version: 0.13.0.dev0",
      'import_error/version_conflict',
    ],
    [
      '  File "/usr/lib/python3.10/site-packages/trl/trainer/dpo_trainer.py", line 269, in __init__\n    super().__init__(\nTypeError: Trainer.__init__() got an unexpected keyword argument \'processing_class\'',
      'import_error/version_conflict',
    ],
  ],
  [
    [
      '  File "train.py", line 30, in main\n    t = Trainer(model, lr=0.1)\nTypeError: Trainer.__init__() got an unexpected keyword argument \'lr\'',
      'runtime_error/type_error',
    ],
  ],
);

t.test("the trainer control does not reach import.trainer_kwarg_version's regex", async (t) => {
  const re = regexOf('import.trainer_kwarg_version');
  t.notOk(
    re.test("TypeError: Trainer.__init__() got an unexpected keyword argument 'lr'"),
    'a bare Trainer refusing a keyword transformers never renamed is not the form',
  );
  t.equal(
    readLog("TypeError: SFTTrainer.__init__() got an unexpected keyword argument 'dataset_text_field'\ntrl 0.13").code,
    'import.trainer_kwarg_version',
  );
});

// The library must be named as code (a path, an import, a version), not as an English word
// ("accelerate training", "vision transformers", "transformers-style"); and the class must be one
// of the libraries' trainers or argument classes, not any class ending in Config.
const OWN_TRAINER =
  'Traceback (most recent call last):\n  File "train.py", line 52, in <module>\n    trainer = Trainer(model, tokenizer=tok, epochs=10)\nTypeError: Trainer.__init__() got an unexpected keyword argument \'tokenizer\'';
/** A project's own Trainer refusing its own keyword, in logs that name transformers or accelerate as code anyway. */
const OWN_TRAINER_IN_LIBRARY_LOGS = [
  '/usr/local/lib/python3.10/site-packages/transformers/utils/generic.py:441: UserWarning: torch.utils._pytree._register_pytree_node is deprecated\nTraceback (most recent call last):\n  File "/home/u/proj/train.py", line 40, in <module>\n    trainer = Trainer(cfg, warmup=500)\nTypeError: Trainer.__init__() got an unexpected keyword argument \'warmup\'',
  "torch==2.1.0\ntransformers==4.36.2\nTraceback (most recent call last):\n  File \"/home/u/proj/engine/trainer.py\", line 12, in build\n    return Trainer(model, device='cuda')\nTypeError: Trainer.__init__() got an unexpected keyword argument 'device'",
  "Traceback (most recent call last):\n  File \"/home/u/proj/train.py\", line 77, in <module>\n    trainer = Trainer(model, grad_accum=4)\nTypeError: Trainer.__init__() got an unexpected keyword argument 'grad_accum'\nTraceback (most recent call last):\n  File \"/usr/local/lib/python3.10/site-packages/accelerate/commands/launch.py\", line 1097, in launch_command\n    simple_launcher(args)\nsubprocess.CalledProcessError: Command '['python', 'train.py']' returned non-zero exit status 1.",
];
const OWN_CONFIG =
  "Traceback (most recent call last):\n  File \"main.py\", line 20, in <module>\n    cfg = ExperimentConfig(**yaml.safe_load(open('exp.yaml')))\nTypeError: ExperimentConfig.__init__() got an unexpected keyword argument 'learning_rte'\n(the model is one of the vision transformers from timm)";
const OWN_ENV_CONFIG =
  'Traceback (most recent call last):\n  File "sim/run.py", line 31, in <module>\n    env_cfg = EnvConfig(num_envs=64, render=True)\nTypeError: EnvConfig.__init__() got an unexpected keyword argument \'render\'\nthe policy is a small transformers-style model';
familyWithControls(
  'a trainer keyword refusal reads as a version conflict only with the library named as code',
  [
    [
      "from transformers import TrainingArguments\nTypeError: TrainingArguments.__init__() got an unexpected keyword argument 'evaluation_strategy'",
      'import_error/version_conflict',
    ],
    [
      "TypeError: SFTConfig.__init__() got an unexpected keyword argument 'max_seq_length'\npip list: trl==0.20.0",
      'import_error/version_conflict',
    ],
  ],
  [
    [`${OWN_TRAINER}\n\nI want to accelerate training on my laptop, what am I doing wrong?`, 'runtime_error/type_error'],
    [`${OWN_TRAINER}\n(the model is one of the vision transformers from timm)`, 'runtime_error/type_error'],
    [`${OWN_TRAINER}\nthe policy is a small transformers-style model`, 'runtime_error/type_error'],
    [OWN_CONFIG, 'runtime_error/type_error'],
    [OWN_ENV_CONFIG, 'runtime_error/type_error'],
    ...OWN_TRAINER_IN_LIBRARY_LOGS.map((text): [string, string] => [text, 'runtime_error/type_error']),
  ],
);

t.test("import.trainer_kwarg_version's match takes the libraries' classes only", async (t) => {
  const re = regexOf('import.trainer_kwarg_version');
  t.ok(re.test(OWN_TRAINER), 'a bare Trainer with a renamed keyword reaches the regex (the library words decide)');
  for (const text of OWN_TRAINER_IN_LIBRARY_LOGS)
    t.notOk(re.test(text), `a bare Trainer with its own keyword does not: ${text.slice(-60)}`);
  t.notOk(re.test(OWN_CONFIG), 'a project class ending in Config does not');
  t.notOk(re.test(OWN_ENV_CONFIG), 'nor EnvConfig');
  t.notOk(
    re.test("TypeError: MyTrainer.__init__() got an unexpected keyword argument 'lr'"),
    'nor a project class ending in Trainer',
  );
  for (const cls of ['SFTTrainer', 'ORPOTrainer', 'DPOTrainer', 'SFTConfig', 'LoraConfig']) {
    t.ok(re.test(`TypeError: ${cls}.__init__() got an unexpected keyword argument 'x'`), cls);
  }
  for (const cls of ['Trainer', 'Seq2SeqTrainer', 'TrainingArguments']) {
    t.ok(re.test(`TypeError: ${cls}.__init__() got an unexpected keyword argument 'processing_class'`), cls);
    t.notOk(re.test(`TypeError: ${cls}.__init__() got an unexpected keyword argument 'x'`), `${cls} with its own keyword`);
  }
});
