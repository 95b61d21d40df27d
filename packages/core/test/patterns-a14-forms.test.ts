/**
 * Forms read wrong or not at all on agent-14 (released for tuning after its blind measurement),
 * each a general form other projects print too, decided by docs/taxonomy.md.
 */
import t from 'tap';
import { familyByPackage, familyWithControls, type HostileRun, readLog, readsHostileRuns, readTrace } from './patterns-read.js';

// Go's encoding/json on a reply that names no file it came from is a reply that did not parse
// (rule 10: a JSON parse error that names no file is invalid_json_output), as Python's decoder
// already was. A named JSON file keeps the syntax reading; a body starting with '<' is an HTML page.
familyWithControls(
  "Go's JSON decoder on an unnamed reply reads as a model/server reply that did not parse",
  [
    [
      "failed to decode chat response: invalid character 'H' looking for beginning of value",
      'output_parse_error/invalid_json_output',
    ],
    ["extract receipt: invalid character 'T' after top-level value", 'output_parse_error/invalid_json_output'],
    ["streaming: invalid character 'd' after object key:value pair", 'output_parse_error/invalid_json_output'],
  ],
  [
    [
      "error loading settings from /etc/app/settings.json: invalid character '}' looking for beginning of object key string",
      'syntax_error/json_syntax',
    ],
    ["request failed: invalid character '<' looking for beginning of value", '!output_parse_error/invalid_json_output'],
    ["2024/01/02 10:00:00 config: invalid character ']' after object key", 'syntax_error/json_syntax'],
    // A Go program's own state and runtime files are files, not replies.
    [
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: unexpected end of JSON input: unknown.',
      '!output_parse_error/invalid_json_output',
    ],
    [
      'level=fatal msg="load state /var/lib/agent/state: unexpected end of JSON input"',
      '!output_parse_error/invalid_json_output',
    ],
  ],
);

// The JavaScript `yaml` package's parse errors (front matter, config), and the scanner's "found
// character 'x' that cannot start any token" with the character quoted (PyYAML, goccy/go-yaml).
familyWithControls(
  "the yaml package's and go-yaml's parse errors read as YAML syntax",
  [
    ['YAMLParseError: Nested mappings are not allowed in compact mappings at line 2, column 8:', 'syntax_error/yaml_syntax'],
    [
      'Error: failed to parse front matter of docs/intro.md: Implicit keys need to be on a single line at line 5, column 1',
      'syntax_error/yaml_syntax',
    ],
    ['prompts/reviewer.prompt.md: Unexpected scalar at node end at line 3, column 41', 'syntax_error/yaml_syntax'],
    ["load config.yaml: [12:1] found character '\\t' that cannot start any token", 'syntax_error/yaml_syntax'],
  ],
  [
    ['SyntaxError: Unexpected token } in JSON at position 12', 'syntax_error/json_syntax'],
    ['Unexpected scalar value in config at line 3', '!syntax_error/yaml_syntax'],
    ['All tests must start at the same time', '!syntax_error/yaml_syntax'],
  ],
);

// An embedding of one size queried against an index of another is the setting (rule 3); a vector of
// no dimensions at all is not a second size but records carrying no vector (the empty input).
familyWithControls(
  'embedding dimension mismatches read as the setting, an empty vector as the empty input',
  [
    ['search tool error: VECTOR_QUERY_ERROR: expected 1536 dimensions, got 3072', 'config_error/invalid_config'],
    [
      'Error upserting documents to ChromaDB: Collection expecting embedding with dimension of 768, got 384',
      'config_error/invalid_config',
    ],
    [
      '  File "/app/store.py", line 40, in add_embeddings\n    cur.executemany(sql, rows)\npsycopg.errors.DataException: expected 1536 dimensions, not 768',
      'config_error/invalid_config',
    ],
    [
      'WARN collection_updater: Update operation declined: Wrong input: Vector dimension error: expected dim: 768, got 0',
      'data_error/empty_input',
    ],
  ],
  [
    ['Wrong input: Vector dimension error: expected dim: 768, got 1024', 'config_error/invalid_config'],
    ['ValueError: not enough values to unpack (expected 2, got 0)', '!data_error/empty_input'],
    // A tensor's rank check in the same words, no vector store near it.
    [
      'Traceback (most recent call last):\n  File "model.py", line 8, in forward\nValueError: expected 4 dimensions, got 3',
      '!config_error/invalid_config',
    ],
    ['RuntimeError: expected 2 dimensions, got 0', '!data_error/empty_input'],
  ],
);

// A shell's job report of a child killed by SIGKILL, with nothing else named: the OOM killer
// (rule 6's compiler killed during a build; labels host_oom 4, no other).
familyWithControls(
  "a shell's 'Killed' job report reads as the host out of memory",
  [
    ['./train.sh: line 14: 23817 Killed                  python train.py --bs 64', 'resource_error/host_oom'],
    [
      'Loading checkpoint shards:  67%|██████▋   | 2/3 [00:41<00:20]\n[1]    48211 killed     python app.py --model 13b',
      'resource_error/host_oom',
    ],
    ['[2]+  Killed                  python3 serve.py', 'resource_error/host_oom'],
    [
      '(raylet) node_manager.cc:3277: 2 Workers (tasks / actors) killed due to memory pressure (OOM), 0 Workers crashed due to other reasons at node (ID: 8289f87b, IP: 172.24.0.226)',
      'resource_error/host_oom',
    ],
  ],
  [
    ['INFO worker 3 was killed by the user request', '!resource_error/host_oom'],
    ['[2] 1234 Terminated python x.py', '!resource_error/host_oom'],
    ['Killed old process 123 before restart: ok', '!resource_error/host_oom'],
    [
      '(raylet) node_manager.cc:3277: 0 Workers (tasks / actors) killed due to memory pressure (OOM), 3 Workers crashed due to other reasons at node (ID: 8289f87b, IP: 172.24.0.226)',
      '!resource_error/host_oom',
    ],
    // Who sent the SIGKILL is in the record: a deliberate kill, not the kernel's.
    ['$ python serve.py &\n[1] 4242\n$ kill -9 4242\n[1]+  Killed                  python serve.py', '!resource_error/host_oom'],
    ['./run.sh: line 5: 1234 Killed                  timeout -s KILL 60 python eval.py', '!resource_error/host_oom'],
    ['timeout: sending signal KILL to command\n[2]+  Killed                  ./bench.sh', '!resource_error/host_oom'],
  ],
);

// A server's own 500 body (`"code":"internal_error"`, `"type":"internal_server_error"`) and an
// HTTP 408 written as the SDK prints a float status ("408.0 RequestTimeout").
familyWithControls(
  "a server's internal_error body reads as its 5xx, a 408 as the request timing out",
  [
    ['Error: {"error":{"code":"internal_error","message":"something went wrong on our side"}}', 'upstream_error/upstream_5xx'],
    ['request failed: {"type":"internal_server_error","message":"please retry"}', 'upstream_error/upstream_5xx'],
    ['openai.APIStatusError: 408.0 RequestTimeout', 'timeout/request_timeout'],
  ],
  [
    ['Error: {"error":{"code":"invalid_request_error","message":"messages: field required"}}', '!upstream_error/upstream_5xx'],
    ['[ INFO] Current state: 2 device error: system:0 internal_error: 0 (OK)', '!upstream_error/upstream_5xx'],
    // A planner's or driver's own status word, not a provider's body.
    ['[move_group] plan result type: internal_error', '!upstream_error/upstream_5xx'],
    ['reason: internal_error while executing plan', '!upstream_error/upstream_5xx'],
    ['openai.NotFoundError: 404 Not Found', '!timeout/request_timeout'],
  ],
);

// MCP: the Python SDK's session answers a request it could not validate with -32602 "Invalid
// request parameters" (rule 10: a request the client built wrong), also under a tool call that
// surfaced it; the TypeScript SDK's server refuses a tool result without the structured content
// its output schema requires.
familyByPackage(
  "MCP's output-schema refusal and the SDK's request refusal read as schema violations",
  [
    [
      'McpError: MCP error -32602: Output validation error: Tool get_status has an output schema but no structured content was provided',
      'validation_error/schema_violation',
    ],
    [
      '{\n  "jsonrpc": "2.0",\n  "id": 7,\n  "error": {\n    "code": -32602,\n    "message": "Invalid request parameters",\n    "data": ""\n  }\n}',
      'validation_error/schema_violation',
    ],
  ],
  [
    ['MCP error -32602: Tool fetch_page not found', 'tool_error/tool_not_found'],
    ['MCP error -32602: Invalid params', 'validation_error/invalid_argument'],
    // A REST tool's own argument check in the same words, no MCP or JSON-RPC in the record.
    ['weather_tool error: Invalid request parameters', '!validation_error/schema_violation'],
  ],
);
familyWithControls(
  "MCP's -32602 'Invalid request parameters' reads as the request, over the tool call it surfaced in",
  [
    ['Error calling tool list_files: MCP error -32602: Invalid request parameters', 'validation_error/schema_violation'],
    ['Error executing MCP tool:\nMCP error -32602: Invalid request parameters', 'validation_error/schema_violation'],
  ],
  [
    [
      'MCP error -32602: Invalid arguments for tool search: [{"code":"invalid_type","expected":"string","received":"number","path":["query"]}]',
      'tool_error/invalid_tool_args',
    ],
    ['Error executing MCP tool:\nMCP error -32602: Invalid params', '!validation_error/schema_violation'],
  ],
);

// A port another process holds (rule 3), also as the named cause of an MCP connection that closed
// (rule 1), and a second Telegram bot polling the same token.
familyWithControls(
  'a port still in use and a second bot instance read as the setup',
  [
    ['ERROR: Port 8080 is still in use, despite our checks!\nMCP error -32000: Connection closed', 'config_error/invalid_config'],
    ['Error: port 5173 is already in use', 'config_error/invalid_config'],
    ['Error: address 127.0.0.1:8765 is already in use', 'config_error/invalid_config'],
    [
      'telegram.error.Conflict: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      'config_error/invalid_config',
    ],
  ],
  [
    ['MCP error -32000: Connection closed', 'tool_error/tool_execution_failed'],
    ['Error: listen EACCES: permission denied 0.0.0.0:80', 'auth_error/permission_denied'],
    ['INFO: Listening on port 8080; the port is in user space', '!config_error/invalid_config'],
    // An account's address, not a socket's: "in use" reads only of a port (or an address with its :port).
    ['Tool create_user failed: 400 Bad Request: {"error": "Email address is already in use"}', '!config_error/invalid_config'],
  ],
);

// A program that stops asking for a key ("ValueError: Please set OPENAI_API_KEY") refuses to send
// without it (rule 10); advice to set a variable for an option is not a failure.
familyWithControls(
  "'Please set <NAME>_API_KEY' reads as a missing environment variable",
  [
    ['ValueError: Please set ANTHROPIC_API_KEY', 'config_error/missing_env_var'],
    ['Exception: please set the GROQ_API_KEY.', 'config_error/missing_env_var'],
    ['RuntimeError: Please set "TAVILY_API_KEY" environment variable', 'config_error/missing_env_var'],
    ['Please provide OPENAI_API_KEY or pass api_key= to the client', 'config_error/missing_env_var'],
  ],
  [
    ['Warning: please set HF_TOKEN to enable faster downloads', '!config_error/missing_env_var'],
    ['Please set OMP_NUM_THREADS=1 for best performance', '!config_error/missing_env_var'],
    ['hint: please set TAVILY_API_KEY=your-key in .env if you want search', '!config_error/missing_env_var'],
    // Quoted names, and other advice verbs, are advice too.
    ['Warning: please set "HF_TOKEN" to enable faster downloads', '!config_error/missing_env_var'],
    ['note: please set `WANDB_API_KEY` if you want to log runs', '!config_error/missing_env_var'],
    ['Tip: please set WANDB_API_KEY to log metrics to W&B', '!config_error/missing_env_var'],
  ],
);

// A registry looked up by a setting's value (`REGISTRY[args.model_name]`) that lacks it: a name the
// program does not know (rule 3), as lighteval's task registry says in its own words.
familyWithControls(
  'a registry lookup by a configured name reads as the setting',
  [
    [
      'Traceback (most recent call last):\n  File "train.py", line 40, in main\n    model_cls = MODEL_REGISTRY[args.model_name]\nKeyError: \'llama-4\'',
      'config_error/invalid_config',
    ],
    [
      'Traceback (most recent call last):\n  File "run.py", line 12, in build\n    return ENVS[self.cfg.env.id](**kwargs)\nKeyError: \'HalfCheetah-v9\'',
      'config_error/invalid_config',
    ],
    // Python 3.11+ points at the failing line with a caret line under it.
    [
      'Traceback (most recent call last):\n  File "train.py", line 40, in main\n    model_cls = MODEL_REGISTRY[args.model_name]\n                ~~~~~~~~~~~~~~^^^^^^^^^^^^^^^^^\nKeyError: \'llama-4\'',
      'config_error/invalid_config',
    ],
    [
      '  File "/src/lighteval/tasks/registry.py", line 151, in get_task_dict\n    task_class = self.get_task_class(task_name)\nValueError: Cannot find tasks leaderboard|arc:easy in task list or in custom task registry',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      'Traceback (most recent call last):\n  File "loop.py", line 88, in step\n    loss = batch[key]\nKeyError: \'labels\'',
      'runtime_error/key_error',
    ],
    [
      'Traceback (most recent call last):\n  File "eval.py", line 30, in main\n    print(config.settings)\n  File "eval.py", line 31, in main\n    x = counts[word]\nKeyError: \'the\'',
      'runtime_error/key_error',
    ],
    ['Error! Cannot find tasks in task list of project 12', '!config_error/invalid_config'],
    // A record indexed by a setting lacks a field (rule 7), whatever names the key.
    [
      'Traceback (most recent call last):\n  File "data.py", line 22, in __getitem__\n    image = sample[self.cfg.image_key]\nKeyError: \'image\'',
      '!config_error/invalid_config',
    ],
  ],
);

// The provider SDKs' APIConnectionError says only "Connection error.": the same reading as the
// class (labels of the bare message: connection_refused 2, connection_reset 1). A reset named
// beside it is the reset.
familyByPackage(
  "the provider clients' bare 'Connection error.' reads as its APIConnectionError",
  [
    ['LLM call failed (provider=anthropic, model=claude-sonnet-4): Connection error.', 'network_error/connection_refused'],
    [
      '2024-05-26 20:40:08.952 | ERROR | app.services.llm:generate_script:259 - failed to generate script: Connection error.',
      'network_error/connection_refused',
    ],
  ],
  [
    ['ERROR: Connection error. Connection reset by peer', 'network_error/connection_reset'],
    [
      'redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.',
      'network_error/connection_refused',
    ],
    // The same two words printed by other software: a device gone silent (rule 2), a router that
    // closed the session (the reset), a broker that refused a client's credentials.
    ['[ros2_bridge] Connection error. Heartbeat lost from /dev/ttyUSB0 after 3000 ms', '!network_error/connection_refused'],
    [
      'ERROR:root:Connection error. The Zenoh router at tcp/192.168.1.10:7447 closed the session',
      'network_error/connection_reset',
    ],
    ['paho.mqtt: Connection error. rc=5 (not authorised)', '!network_error/connection_refused'],
  ],
);

// gRPC-Go's transport cut under a call (BuildKit's "failed to solve: Unavailable: error reading
// from server: EOF", "desc = transport is closing") is the connection, not a server's 5xx; so is
// undici's "other side closed" under Node's fetch.
familyWithControls(
  "gRPC's transport cut reads as the connection reset",
  [
    ['ERROR: failed to solve: Unavailable: error reading from server: EOF', 'network_error/connection_reset'],
    ['rpc error: code = Unavailable desc = transport is closing', 'network_error/connection_reset'],
    ['SSE error: TypeError: fetch failed: other side closed', 'network_error/connection_reset'],
    [
      "ERROR tabby::serve: Failed to fetch model due to 'error sending request for url (https://huggingface.co/x/y/resolve/main/vocab.txt): error trying to connect: connection closed via error'",
      'network_error/connection_reset',
    ],
  ],
  [
    [
      'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.0.0.5:443: connect: connection refused"',
      'network_error/connection_refused',
    ],
    ['ERROR: 503 Service Unavailable: the server is temporarily unavailable', 'upstream_error/upstream_5xx'],
    ["TypeError: Cannot read properties of undefined (reading 'side')", '!network_error/connection_reset'],
    // A named cause of the peer's death outranks the cut it leaves (rule 1).
    [
      'ERROR: failed to solve: process "/bin/sh -c npm run build" did not complete successfully: exit code: 137\nERROR: failed to receive status: rpc error: code = Unavailable desc = error reading from server: EOF',
      'resource_error/host_oom',
    ],
    [
      'fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\nERROR: rpc error: code = Unavailable desc = error reading from server: EOF',
      'resource_error/host_oom',
    ],
  ],
);

// A locked install refused because the lock file no longer matches the manifest: the project's
// setup disagrees with itself (rule 3).
familyWithControls(
  "package managers' locked installs refused for a stale lock file read as the setup",
  [
    [
      ' ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with "frozen-lockfile" because pnpm-lock.yaml is not up to date with <ROOT>/package.json',
      'config_error/invalid_config',
    ],
    [
      'npm ERR! `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.',
      'config_error/invalid_config',
    ],
    [
      'error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided. To update the lockfile, run `uv lock`.',
      'config_error/invalid_config',
    ],
    ['error Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`.', 'config_error/invalid_config'],
  ],
  [
    ['npm WARN deprecated inflight@1.0.6: This module is not supported', '!config_error/invalid_config'],
    ['Lockfile is up to date, resolution step is skipped', '!config_error/invalid_config'],
  ],
);

// ggml's GGML_ASSERT is its CHECK (rule 6: a failed condition); a cause in the text answers.
familyWithControls(
  "ggml's GGML_ASSERT reads as a failed assertion unless a cause is named",
  [
    ['GGML_ASSERT: /tmp/llama.cpp/ggml/src/ggml.c:4325: ggml_nelements(a) == ne0*ne1', 'runtime_error/assertion_failed'],
    ['/app/ggml/src/ggml-cuda/ggml-cuda.cu:1503: GGML_ASSERT(ne00 % 32 == 0) failed', 'runtime_error/assertion_failed'],
  ],
  [
    [
      'ggml_cuda_init: found 1 CUDA devices:\nCUDA error: out of memory\n  current device: 0, in function alloc at ggml-cuda.cu:375\nGGML_ASSERT: ggml-cuda.cu:101: !"CUDA error"',
      'resource_error/gpu_oom',
    ],
    // The macro in compiler output (a source line quoted under an error, its definition) is no failed check.
    [' 3120 |     GGML_ASSERT(ggml_vec_dot_f16(x) == 0);', '!runtime_error/assertion_failed'],
    ['  265 | #define GGML_ASSERT(x) if (!(x)) ggml_abort(__FILE__, __LINE__, #x)', '!runtime_error/assertion_failed'],
  ],
);

// llama.cpp refuses a quantized KV-cache type whose block does not divide the model's head size:
// a setting this model cannot use (rule 3).
familyByPackage(
  "llama.cpp's KV-cache block size refusal reads as the setting",
  [
    [
      'llama_init_from_model: V cache type q4_0 with block size 32 does not divide n_embd_head_v=576',
      'config_error/invalid_config',
    ],
    [
      'llama_init_from_model: K cache type turbo4 with block size 128 does not divide n_embd_head_k=576\nllama_params_fit: failed to create llama_context from model',
      'config_error/invalid_config',
    ],
  ],
  [['llama_new_context_with_model: n_ctx = 4096, K cache type q8_0', '!config_error/invalid_config']],
);

// Pinecone's client on an index the project does not have (its REST 404 on /indexes/<name>): the
// configured index name (rule 3), as the vector-store family reads Chroma's and Qdrant's.
familyWithControls(
  "Pinecone's 404 on an index reads as the vector store lacking the configured index",
  [
    [
      'PineconeNotFoundError: A call to https://api.pinecone.io/indexes/docs-index returned HTTP status 404.',
      'config_error/invalid_config',
    ],
  ],
  [
    [
      'PineconeConnectionError: Request failed to reach Pinecone while calling https://api.pinecone.io/indexes/docs-index',
      '!config_error/invalid_config',
    ],
  ],
);

// A client that validates the tools an MCP server lists rejects a tool's parameter schema before
// any request (rule 10: a tool schema the client rejects), whether its reason is on the next line.
familyWithControls(
  "clients refusing an MCP tool's parameter schema read as a schema violation",
  [
    [
      'Failed to validate tool mcp_github_create_issue:\nError: tool parameters array type must have items',
      'validation_error/schema_violation',
    ],
    [
      "Skipping tool 'search_docs' from MCP server 'docs' because it has missing types in its parameter schema. Please file an issue with the owner of the MCP server.",
      'validation_error/schema_violation',
    ],
    ["In context=('properties', 'paths'), array schema missing items.", 'validation_error/schema_violation'],
  ],
  [
    ["Skipping tool 'search_docs' from MCP server 'docs': disabled in settings", '!validation_error/schema_violation'],
    // A generic word in the tool name's place: the model's arguments, not a tool's schema (rule 10).
    ['Failed to validate tool call:\nthe model returned arguments that are not valid JSON', '!validation_error/schema_violation'],
    ['Validated tool search_docs: ok', '!validation_error/schema_violation'],
    ["In context=('properties', 'items'), array schema has items", '!validation_error/schema_violation'],
  ],
);

// A JSON-lines file read line by line (`json.loads(line) for line in f`) that does not parse is
// the file's syntax (rule 10: a JSON file that does not parse), even in an agent's trace.
t.test('a JSON-lines file read line by line reads as the file, not a reply', async (t) => {
  const stack = (code: string) =>
    `Traceback (most recent call last):\n  File "data_loading.py", line 45, in <listcomp>\n    ${code}\n  File "/usr/lib/python3.10/json/decoder.py", line 355, in raw_decode\n    raise JSONDecodeError("Expecting value", s, err.value) from None\njson.decoder.JSONDecodeError: Expecting value: line 2 column 1 (char 2)`;
  const pair = (r: { category: string; factor: string }) => `${r.category}/${r.factor}`;
  const file = stack('samples = [Sample(**json.loads(line)) for line in f]');
  t.equal(pair(readTrace('JSONDecodeError', 'Expecting value: line 2 column 1 (char 2)', file)), 'syntax_error/json_syntax');
  // Control: the same error on a model's reply in a trace stays the reply.
  const reply = stack('plan = json.loads(response.content)');
  t.equal(
    pair(readTrace('JSONDecodeError', 'Expecting value: line 2 column 1 (char 2)', reply)),
    'output_parse_error/invalid_json_output',
  );
});

// Hostile input for each regex family above: a few thousand of the form's own punctuation, read
// in bounded work (a regex that backtracks badly stalls a worker and its whole chunk). Each text
// carries the words the pattern's `needs` and the prefilter ask for, and the test counts the runs
// of the pattern's regex: a hostile text its regex is never given proves nothing.
t.test("the agent-14 forms' regexes read hostile runs in bounded work", { timeout: 60_000 }, async (t) => {
  const runs: HostileRun[] = [
    ['Go JSON quotes', `invalid character ${"'".repeat(4000)} after top-level value`, 'json.parse_error'],
    ['Go JSON characters', `invalid character '${'\\'.repeat(4000)}`, 'json.parse_error'],
    ['yaml found character', `found character '${"'".repeat(4000)} that cannot start any token`, 'yaml.parse_error'],
    ['yaml node end', `Unexpected ${'scalar '.repeat(600)}at node end`, 'yaml.parse_error'],
    ['dimensions got', `expected 1536 dimensions, got ${'0 '.repeat(2000)}`, 'config.embedding_dimension'],
    [
      'dimensions near vector words',
      `${'vector '.repeat(1000)}${'expected 1 dimensions, got 1 '.repeat(500)}`,
      'config.embedding_dimension',
    ],
    ['job report spaces', `./run.sh: line 2: ${' '.repeat(4000)}6 Killed`, 'host.oom'],
    ['job report brackets', `[1]${' '.repeat(2000)}${'1 '.repeat(2000)}killed`, 'host.oom'],
    ['port words', `Port ${'is '.repeat(2000)}in use`, 'config.port_in_use'],
    ['address runs', `${'address '.repeat(1000)}in use`, 'config.port_in_use'],
    ['address colons', `address ${'a.'.repeat(2000)}:1 is in use`, 'config.port_in_use'],
    ['please set underscores', `Please set ${'A_'.repeat(3000)}KEY to`, 'config.env_name_unset'],
    ['please set quotes', `Please set "${'A_'.repeat(3000)}KEY"${'"'.repeat(2000)}`, 'config.env_name_unset'],
    ['config lookup dots', `x[config${'.a'.repeat(3000)}\nKeyError: 'a'`, 'rt.key_error'],
    ['config lookup carets', `  X = REG[cfg.a]\n${'  ~~~^^^\n'.repeat(2000)}KeyError: 'a'`, 'rt.key_error'],
    ['status floats', `${'408.0 '.repeat(1000)}`, null],
    ['task names', `Cannot find tasks ${'a '.repeat(3000)} in task list`, 'config.eval_task_unknown'],
    [
      'lock file words',
      `lock file ${'a '.repeat(3000)}needs to be updated but --locked was passed`,
      'config.lockfile_out_of_sync',
    ],
    ['lockfile backticks', `The lockfile at \`${'`'.repeat(3000)} needs`, null],
    ['ggml asserts', `GGML_ASSERT${'('.repeat(3000)}`, null],
    ['ggml assert colons', `GGML_ASSERT: ${':1: '.repeat(2000)}`, null],
    ['ggml assert fails', `${'GGML_ASSERT() fail'.repeat(1000)}`, null],
    ['tool validation generic names', `${'Failed to validate tool call:'.repeat(500)}`, null],
    ['grpc EOF', `${'error reading from server: '.repeat(300)}`, null],
    ['pinecone hosts', `PineconeNotFoundError: A call to https://${'a.'.repeat(3000)}/indexes/x returned`, null],
    ['tool validation colons', `Failed to validate tool x:${' '.repeat(3000)}`, null],
    ['skipping tool quotes', `Skipping tool '${"'".repeat(3000)} from MCP server`, null],
    ['json lines reads', `json.loads(line)${' '.repeat(3000)} for line in f`, null],
    ['ray worker counts', `${'1'.repeat(3000)} Workers (tasks / actors) killed due to memory pressure (OOM)`, 'host.oom'],
  ];
  readsHostileRuns(t, runs, (text) => readLog(text), 1000);
});
