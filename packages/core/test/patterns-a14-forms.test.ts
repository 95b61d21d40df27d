/**
 * Forms read wrong or not at all on agent-14 (released for tuning after its blind measurement),
 * each a general form other projects print too, decided by docs/taxonomy.md.
 */
import t from 'tap';
import { familyByPackage, familyWithControls, readLog } from './patterns-read.js';

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
      'WARN collection_updater: Update operation declined: Wrong input: Vector dimension error: expected dim: 768, got 0',
      'data_error/empty_input',
    ],
  ],
  [
    ['Wrong input: Vector dimension error: expected dim: 768, got 1024', 'config_error/invalid_config'],
    ['ValueError: not enough values to unpack (expected 2, got 0)', '!data_error/empty_input'],
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
  ],
  [
    ['INFO worker 3 was killed by the user request', '!resource_error/host_oom'],
    ['[2] 1234 Terminated python x.py', '!resource_error/host_oom'],
    ['Killed old process 123 before restart: ok', '!resource_error/host_oom'],
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
    ['openai.NotFoundError: 404 Not Found', '!timeout/request_timeout'],
  ],
);

// MCP: the Python SDK's session answers a request it could not validate with -32602 "Invalid
// request parameters" (rule 10: a request the client built wrong); the TypeScript SDK's server
// refuses a tool result without the structured content its output schema requires.
familyByPackage(
  "MCP's request and output-schema refusals read as schema violations",
  [
    [
      'McpError: MCP error -32602: Output validation error: Tool get_status has an output schema but no structured content was provided',
      'validation_error/schema_violation',
    ],
    ['Error calling tool list_files: MCP error -32602: Invalid request parameters', 'validation_error/schema_violation'],
    [
      '{"jsonrpc":"2.0","id":7,"error":{"code":-32602,"message":"Invalid request parameters","data":""}}',
      'validation_error/schema_violation',
    ],
  ],
  [
    ['MCP error -32602: Tool fetch_page not found', 'tool_error/tool_not_found'],
    ['MCP error -32602: Invalid params', 'validation_error/invalid_argument'],
  ],
);

// A port another process holds (rule 3), also as the named cause of an MCP connection that closed
// (rule 1), and a second Telegram bot polling the same token.
familyWithControls(
  'a port still in use and a second bot instance read as the setup',
  [
    ['ERROR: Port 8080 is still in use, despite our checks!\nMCP error -32000: Connection closed', 'config_error/invalid_config'],
    ['Error: port 5173 is already in use', 'config_error/invalid_config'],
    [
      'telegram.error.Conflict: Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      'config_error/invalid_config',
    ],
  ],
  [
    ['MCP error -32000: Connection closed', 'tool_error/tool_execution_failed'],
    ['Error: listen EACCES: permission denied 0.0.0.0:80', 'auth_error/permission_denied'],
    ['INFO: Listening on port 8080; the port is in user space', '!config_error/invalid_config'],
  ],
);

// A program that stops asking for a key ("ValueError: Please set OPENAI_API_KEY") refuses to send
// without it (rule 10); advice to set a variable for an option is not a failure.
familyWithControls(
  "'Please set <NAME>_API_KEY' reads as a missing environment variable",
  [
    ['ValueError: Please set ANTHROPIC_API_KEY', 'config_error/missing_env_var'],
    ['Exception: please set the GROQ_API_KEY.', 'config_error/missing_env_var'],
  ],
  [
    ['Warning: please set HF_TOKEN to enable faster downloads', '!config_error/missing_env_var'],
    ['Please set OMP_NUM_THREADS=1 for best performance', '!config_error/missing_env_var'],
    ['hint: please set TAVILY_API_KEY=your-key in .env if you want search', '!config_error/missing_env_var'],
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
  ],
);

// Hostile input for each regex family above: a few thousand of the form's own punctuation, read
// in bounded work (a regex that backtracks badly stalls a worker and its whole chunk).
t.test("the agent-14 forms' regexes read hostile runs in bounded work", { timeout: 60_000 }, async (t) => {
  const runs: Record<string, string> = {
    'Go JSON quotes': `invalid character ${"'".repeat(4000)} after top-level value`,
    'Go JSON characters': `invalid character '${'\\'.repeat(4000)}`,
    'yaml found character': `found character '${"'".repeat(4000)} that cannot start any token`,
    'yaml node end': `Unexpected ${'scalar '.repeat(600)}at node`,
    'dimensions got': `expected 1536 dimensions, got ${'0 '.repeat(2000)}`,
    'job report spaces': `./run.sh: line 2: ${' '.repeat(4000)}6 Killed`,
    'job report brackets': `[1]${' '.repeat(2000)}${'1 '.repeat(2000)}killed`,
    'port words': `Port ${'is '.repeat(2000)}in`,
    'address runs': `${'address '.repeat(1000)}already`,
    'please set underscores': `Please set ${'A_'.repeat(3000)}`,
    'config lookup dots': `x[config${'.a'.repeat(3000)}\nKeyError: 'a'`,
    'status floats': `${'408.0 '.repeat(1000)}`,
    'task names': `Cannot find tasks ${'a '.repeat(3000)} in`,
  };
  for (const [name, text] of Object.entries(runs)) {
    const start = performance.now();
    readLog(text);
    const ms = performance.now() - start;
    t.ok(ms < 1000, `${name}: ${ms.toFixed(0)} ms`);
  }
});
