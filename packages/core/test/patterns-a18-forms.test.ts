/**
 * Forms read wrong on agent-18 (released for tuning after its blind measurement) and one misfire of
 * the auth family on robotics-23, each a library's or runtime's own message decided by docs/taxonomy.md.
 */
import t from 'tap';
import { execsWhileReading, familyWithControls, type HostileRun, readLog, readsHostileRuns, regexOf } from './patterns-read.js';

// torch.multinomial refuses to sample from a probability tensor holding inf/nan (or a negative):
// logits gone NaN/Inf during generation (tuned: Orion, baby-llama2-chinese, InternLM: nan_or_inf 3 of 3).
const MULTINOMIAL =
  'Traceback (most recent call last):\n  File "infer.py", line 91, in <module>\n    generated_tokens = model.generate(input_tokens, 1, 256)\n  File "model.py", line 341, in generate\n    idx_next = torch.multinomial(probs, num_samples=1)\nRuntimeError: probability tensor contains either `inf`, `nan` or element < 0';
familyWithControls(
  "torch.multinomial's 'probability tensor contains either inf, nan or element < 0' is NaN/Inf in the logits",
  [
    [MULTINOMIAL, 'data_error/nan_or_inf'],
    [
      '  File "/root/InternLM/tools/transformers/interface.py", line 116, in generate_interactive\n    next_tokens = torch.multinomial(probs, num_samples=1).squeeze(1)\nRuntimeError: probability tensor contains either `inf`, `nan` or element < 0',
      'data_error/nan_or_inf',
    ],
  ],
  [
    // The words of a sampler without torch's message: a shape error in the same call.
    [
      'Traceback (most recent call last):\n  File "model.py", line 341, in generate\n    idx_next = torch.multinomial(probs, num_samples=1)\nRuntimeError: prob_dist must be 1 or 2 dim',
      '!data_error/nan_or_inf',
    ],
  ],
);

// torch_npu (Ascend) prints the CUDA caching allocator's message under its device's name, as HIP and
// XPU do: an accelerator out of memory (agent-18 vllm-ascend).
// An Ascend host whose kernel killed the process: the device's name and "Out of memory" on the host's line.
// Another vendor's NPU compiler that falls back to the CPU and goes on, then an unrelated error (review of 364380c).
const NPU_COMPILER_FALLBACK =
  "intel_npu: NPU out of memory while compiling model; falling back to CPU\nTypeError: unsupported operand type(s) for +: 'int' and 'str'";
const NPU_HOST_OOM =
  'RuntimeError: NPU function error: aclrtSynchronizeDevice, error code is 507899\n[ 8123.1] Out of memory: Killed process 4242 (python3) total-vm:812345kB';
familyWithControls(
  "torch_npu's 'NPU out of memory. Tried to allocate' is the accelerator's memory",
  [
    [
      'RuntimeError: NPU out of memory. Tried to allocate 3.47 GiB (NPU 0; 60.97 GiB total capacity; 58.92 GiB already allocated; 1.66 GiB free; 58.95 GiB reserved in total by PyTorch)',
      'resource_error/gpu_oom',
    ],
  ],
  [
    [NPU_HOST_OOM, '!resource_error/gpu_oom'],
    [NPU_COMPILER_FALLBACK, '!resource_error/gpu_oom'],
  ],
);

// "Login failed: HTTPSConnectionPool(…) (Caused by NameResolutionError(…))": the login never reached
// the server; its own line names the name/connection failure (rule 1: the cause), so the login's
// words do not read it as credentials refused. A login refused on its own line still does.
const LOGIN_DNS =
  "2026-06-19 10:15:03.401 ERROR (SyncWorker_2) [custom_components.vac.protocol] Login failed: HTTPSConnectionPool(host='de.iot.example.tech', port=13267): Max retries exceeded with url: /auth/oauth/token (Caused by NameResolutionError(\"HTTPSConnection(host='de.iot.example.tech', port=13267): Failed to resolve 'de.iot.example.tech' ([Errno -2] Name does not resolve)\"))";
const LOGIN_REFUSED_HERE =
  "2026-06-19 10:15:03.401 ERROR (SyncWorker_2) [custom_components.vac.protocol] Login failed: 401 invalid password for user 'me'\n2026-06-19 10:16:03.401 WARNING retry: NameResolutionError later, DNS flapped";
const LOGIN_REFUSED =
  'ERROR [custom_components.vac.protocol] Login failed: wrong username or password\nWARNING Integration start failed';
// The review's controls: the resolution/connection words on the login's own line, not as its cause.
const LOGIN_JSON_PREVIOUS_DNS =
  '{"level":"error","msg":"Login failed","user":"admin","reason":"invalid password","previous_attempt_error":"Temporary failure in name resolution"}';
const LOGIN_OTHER_SOCKET =
  "ERROR Login failed for user 'admin' (bad password); metrics exporter: dial tcp 127.0.0.1:9100: connect: Connection refused";
familyWithControls(
  'a login failure whose own line names a name-resolution failure is the DNS failure',
  [
    [LOGIN_DNS, 'network_error/dns_failure'],
    [
      "Login failed: HTTPSConnectionPool(host='api.example.com', port=443): Max retries exceeded with url: /login (Caused by NewConnectionError('<urllib3.connection.HTTPSConnection object>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))",
      'network_error/dns_failure',
    ],
  ],
  [
    [LOGIN_REFUSED_HERE, 'auth_error/invalid_credentials'],
    [LOGIN_REFUSED, 'auth_error/invalid_credentials'],
    [LOGIN_JSON_PREVIOUS_DNS, 'auth_error/invalid_credentials'],
    [LOGIN_OTHER_SOCKET, 'auth_error/invalid_credentials'],
  ],
);

t.test("the controls reach the changed alternatives; the lookahead does the work, bounded to the login's line", async (t) => {
  const auth = regexOf('auth.invalid_credentials');
  t.ok(execsWhileReading('auth.invalid_credentials', LOGIN_DNS) > 0, 'the DNS login reaches the auth regex');
  t.notOk(auth.test(LOGIN_DNS), 'its Login failed is not read');
  t.ok(auth.test(LOGIN_REFUSED_HERE), 'a refusal whose line names no resolution failure is read');
  t.ok(/NameResolutionError/.test(LOGIN_REFUSED_HERE), 'the control holds the resolution word on another line');
  t.equal(readLog(LOGIN_REFUSED_HERE).code, 'auth.invalid_credentials', 'and is the credentials reading');
  const nan = regexOf('data.nan');
  t.ok(nan.test(MULTINOMIAL), "data.nan reads torch's message");
  t.equal(readLog(MULTINOMIAL).code, 'data.nan', 'the reading is data.nan');
  const oom = regexOf('gpu.oom');
  t.ok(/NPU[\s\S]{0,200}out of memory/i.test(NPU_HOST_OOM), 'the NPU control holds the device word and out of memory');
  t.notOk(oom.test(NPU_HOST_OOM), "gpu.oom's regex does not read it");
  t.equal(readLog(NPU_HOST_OOM).code, 'host.oom', "it is the host's memory");
  t.ok(/NPU out of memory/.test(NPU_COMPILER_FALLBACK), 'the compiler control holds the words "NPU out of memory"');
  t.ok(/(?:HIP|MPS backend|XPU|NPU) out of memory/i.test(NPU_COMPILER_FALLBACK), "364380c's alternative read it");
  t.notOk(oom.test(NPU_COMPILER_FALLBACK), "gpu.oom's regex does not");
  for (const text of [LOGIN_JSON_PREVIOUS_DNS, LOGIN_OTHER_SOCKET]) {
    t.ok(
      /Temporary failure in name resolution|Connection refused/.test(text),
      'the control holds a resolution/connection word on the login line',
    );
    t.ok(auth.test(text), 'and its Login failed is read');
  }
});

t.test('hostile inputs for the changed alternatives are read quickly', async (t) => {
  const runs: HostileRun[] = [
    ['login failed runs', `${'Login failed '.repeat(800)}x`, 'auth.invalid_credentials'],
    ['login failed lookahead', `Login failed${' Failed to resolv'.repeat(600)}x`, 'auth.invalid_credentials'],
    ['login failed colons', `${'Login failed: '.repeat(500)}${'('.repeat(2000)}`, 'auth.invalid_credentials'],
    ['probability ticks', `RuntimeError: ${'probability tensor contains either `inf`, `'.repeat(300)}x`, 'data.nan'],
    ['probability inf runs', `probability tensor contains either ${'inf'.repeat(2000)}`, 'data.nan'],
    ['npu runs', `${'NPU out of memory. Tried to allocate '.repeat(800)}x`, 'gpu.oom'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});
