/** Patterns: configuration and files. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */

import type { Pattern } from '../types.js';

/** An embedding dimension check whose actual size is zero: "expected dim: 1536, got 0", "dimensions, got 0". */
const EMPTY_VECTOR = /\b(?:got|not) 0\b(?!\.\d)|\bdimension: 0 is not equal\b|\bdimension (?:of )?0 does not match\b/;

export const CONFIG: Pattern[] = [
  {
    id: 'config.invalid_choice',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.8,
    priority: 84,
    match:
      /((?:unknown|invalid|unsupported|unrecognized) [\w -]{1,60}[^\n]{0,40}\(valid (?:options|values|choices) are [^\n]{1,120}\)[^\n]{0,40})/i,
    title: 'A setting has a value outside its allowed set',
    hypothesis:
      'A configuration value (a profile, a mode, a plugin option) is not one of the values the component accepts, and the component says which ones it does.',
    fix: 'Set the option to one of the values the message lists (check the spelling and the version of the component, which may have renamed it).',
    actions: [
      'Compare the configured value with the valid options listed',
      "Check the component's version and its documented options",
    ],
  },
  {
    id: 'config.eval_task_unknown',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'medium',
    confidence: 0.72,
    priority: 83,
    // lm-evaluation-harness and the harnesses built on it: a task name the task index does not
    // hold (renamed, removed, misspelt) is the run's setting, whether it surfaces as its own
    // ValueError or as a KeyError in the task index; lighteval's registry says "Cannot find tasks X in
    // task list or in custom task registry".
    match:
      /(Tasks? [^\n]{1,80}? (?:were|was) not found[^\n]{0,60}|Cannot find tasks? [^\n]{1,80}? in (?:the )?(?:task|custom task)[^\n]{0,40}|KeyError: [^\n]{1,80})/,
    also: /Tasks? [^\n]{1,80}? (?:were|was) not found|\btask_index\[|\bget_task_dict\(|lighteval[\\/]tasks[\\/]registry\.py|\bload_task_or_group\(|lm-eval --tasks list/,
    title: 'Evaluation task not found: $1',
    hypothesis:
      "The evaluation was asked for a task (or group) name the harness's task index does not hold: a misspelt name, or one the installed version renamed or removed.",
    fix: 'List the available tasks (lm-eval --tasks list) and use a name the installed version knows; pin the harness version the task names were written for.',
    actions: [
      'List the tasks the installed harness provides',
      'Compare the requested name with the renamed tasks of that version',
    ],
  },
  {
    id: 'config.vector_collection_missing',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.72,
    priority: 82,
    // A retrieval step pointed at a collection or index the vector store does not hold (Qdrant,
    // Chroma, Pinecone, Milvus wordings): the name in the settings, or a collection never created
    // on this server. Sources: qdrant/qdrant#2842 and #1625, kylejtobin/rag_bot#4 (Qdrant);
    // svpino/youtube-rag#3 (Pinecone, labelled invalid_config in agent-4).
    match:
      /(Not found: Collection `[^`\n]{1,80}` doesn\\?'?t exist!?|Collection \[?[\w.-]{1,80}\]? does not exists?\b[^\n]{0,20}|InvalidCollectionException[^\n]{0,60}|Index '[^'\n]{1,80}' not found in your Pinecone project|No active indexes found in your Pinecone project|PineconeNotFoundError: A call to https?:\/\/[\w.-]{1,120}\/indexes\/[\w.-]{1,80} returned HTTP status 404|collection not found\[collection=[^\]\n]{1,80}\])/,
    title: 'The vector store has no such collection or index',
    hypothesis:
      'The retrieval step names a collection (or index) that the vector store does not hold: a wrong name or environment in the settings, or a collection that was never created (or was dropped) on this server.',
    fix: 'List the collections on the server the app connects to and fix the configured name, or create (ingest into) the collection before querying it.',
    actions: ['List the collections/indexes on the configured server', 'Compare them with the collection name in the settings'],
  },
  {
    id: 'llm.model_no_access',
    category: 'auth_error',
    factor: 'permission_denied',
    severity: 'high',
    confidence: 0.66,
    priority: 87,
    // A provider's own, published model "does not exist" for this caller: OpenAI answers
    // model_not_found ("does not exist or you do not have access to it") when the account is not
    // entitled to the model (GPT-4 before the first paid invoice, a new model rolled out by tier).
    // A misspelt or unknown name (gtp-4, gpt-4o-mni, my-model) stays llm.model_not_found. Medium confidence: a wrong endpoint
    // (a proxy that serves other models) reads the same.
    match:
      /(The model:? [`'"]?(?:gpt-4(?:o-mini|o|-turbo-preview|-turbo|-32k|-vision-preview|\.1-mini|\.1-nano|\.1|\.5-preview|-0613|-0314|-1106-preview|-0125-preview)?(?:-20\d\d-\d\d-\d\d)?|gpt-3\.5-turbo(?:-16k|-0613|-1106|-0125|-instruct)?|gpt-5(?:-mini|-nano|-pro)?|o[134](?:-mini|-preview|-pro)?|claude-[\w.-]{1,40}|gemini-[\w.-]{1,40})[`'"]? does not exist[^\n]{0,60})/,
    needs: ['does not exist'],
    title: 'The account has no access to the model',
    hypothesis:
      "The model exists at the provider but this API key's account or project is not entitled to it (a usage tier, a waitlist, a region), so the API answers that it does not exist.",
    fix: "Check the models this key can use (GET /v1/models with the same key) and the account's tier or project settings; pick a model the account may use.",
    actions: ['List the models the key can see', "Check the account's usage tier and project model access"],
  },
  {
    id: 'llm.model_not_found',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.84,
    priority: 86,
    // "model X is not supported/available/found" needs X to be a name: quoted, or holding a digit
    // or . / : @ - (qwen2.5:7b, gpt-4o): an English word after "model" ("Chat model tracing is not
    // supported", "The model streaming is not supported") is a feature, not a model.
    // A gateway's 502 whose message is that it knows no provider for the model named (CLIProxyAPI's "unknown provider
    // for model gemini-claude-sonnet-4-5", agent-21 proxypal) or that the model alias asked for is not configured
    // (obot's "default model alias \"llm\" is not configured", agent ba3): a model name the API does not know, rule 3
    // (both invalid_config), above upstream.5xx's reading of the status.
    // DeepSeek's API refusing a model name it does not serve ("Model Not Exist", an invalid_request_error 400;
    // agent-22 airi) and OpenRouter's "<id> is not a valid model ID" (agent-22 anthropic-proxy): a model name the
    // API does not know (rule 3 names it), read before as validation.invalid_argument's bare 400. Only as DeepSeek's
    // body prints it (the "message" key: "Model Not Exist" in Title Case is how small projects word any "model"
    // lookup, an ORM record's too), and only for an id with OpenRouter's provider slash (vendor/name[:variant]):
    // "model ID" also names a device's, a registry's or an asset's id.
    match:
      /(The model:? [`'"]?[\w./:@-]{1,80}[`'"]? does not exist[^\n]{0,60}|\bmodel [`'"][\w./:@-]{1,80}[`'"] not found[^\n]{0,40}|\bmodel_not_found\b|DeploymentNotFound|The API deployment for (?:this|the) resource does not exist|\bdoes not support tools\b|Could not resolve the foundation model from the provided model identifier|The provided model identifier is invalid|with on-demand throughput isn.t supported|No endpoints found that support tool use|No endpoints found for [\w./:@-]{1,80}|\b(?:Unknown|Unsupported) model: [\w./:@-]{1,80}|LLM Provider NOT provided|ProviderModelNotFoundError|not_found_error["'],\s{0,3}["']message["']:\s{0,3}["']model: [\w./:@-]{1,80}|No allowed providers are available for the selected model|The model [`'"]?[\w./:@-]{1,80}[`'"]? has been (?:deprecated|decommissioned|retired)[^\n]{0,40}|\b(?:Unknown|Invalid|Unsupported) model(?: name| id)?:? [`'"][\w./:@-]{1,80}[`'"]|\b(?:Unknown|Invalid|Unsupported|invalid|unknown) model (?:name|id)\b|model (?:[`'"][\w./:@-]{1,80}[`'"]|(?=[\w./:@-]{0,80}[\d./:@-])[\w./:@-]{1,80}) is not (?:supported|available|found)\b|No such model[^\n]{0,40}|pull model manifest: file does not exist|\b(?:Unknown|Unsupported) model \([\w./:@-]{1,80}\)|\bLLM\([^()\n]{1,120}\) not found|\bmodels\/[\w./:@-]{1,80} is not found\b|\bPublisher Model [`'"]?[\w./:@-]{1,200}[`'"]? (?:was )?not found|\bunknown provider for model [`'"]?[\w./:@-]{1,80}|\bmodel alias [`'"][\w./:@-]{1,80}[`'"] is not configured|["']message\\?["']:\s{0,3}\\?["']Model Not Exist\b|[\w.:@-]{1,60}\/[\w./:@-]{1,80} is not a valid model ID\b)/,
    title: 'Configured model name does not exist for this endpoint',
    hypothesis:
      'The model (or deployment) named in the configuration does not exist on this endpoint, was retired, or cannot do what is asked of it (tools): a setting, not a transient error.',
    fix: 'Fix the model or deployment name in the configuration (list the models the endpoint serves, e.g. GET /v1/models or `ollama list`), or pick a model that supports the requested feature.',
    actions: [
      'List the models the endpoint serves and compare the configured name',
      'Check the deployment name and the API version (Azure)',
    ],
  },
  {
    id: 'llm.model_endpoint_mismatch',
    // OpenAI's API (and servers that copy it) refusing a model on the wrong endpoint: "This is a
    // chat model and not supported in the v1/completions endpoint. Did you mean to use
    // v1/chat/completions?" and the reverse ("This is not a chat model and thus not supported in the
    // v1/chat/completions endpoint"). The request is valid; the client is set up for the other
    // kind of model: rule 3 of docs/taxonomy.md, a setup mismatch (labels: invalid_config 3, no
    // other). Above validation.invalid_argument, which reads its invalid_request_error.
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.8,
    priority: 86,
    needs: ['chat model'],
    match: /(This is (?:a|not a) chat model and (?:thus )?not supported in the v1\/(?:chat\/)?completions endpoint[^\n]{0,60})/,
    title: 'The model is called on the wrong endpoint (chat vs completions)',
    hypothesis:
      'The client sends a chat model to the completions endpoint (or a completions model to the chat endpoint): the code or the library was written for the other kind of model, or the configured model was changed without changing the client.',
    fix: 'Call the endpoint that serves this model (v1/chat/completions for chat models, with messages instead of a prompt), or configure a model of the kind the client uses.',
    actions: [
      'Check which endpoint the client calls and the configured model name',
      "Upgrade or configure the library's chat model class for chat models",
    ],
  },
  {
    id: 'config.file_not_found',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.88,
    priority: 68,
    // gdb's own line when it stops in a frame whose source is not installed ("54\t../sysdeps/unix/sysv/
    // linux/raise.c: No such file or directory.", "3103    malloc.c: ...") is the debugger, not the
    // program missing a file: the lookbehind (m flag: ^ is the line's start) skips only that line, so a
    // real missing file printed before the crash still answers (robotics-23 slambook, robotics-27 Stage).
    // Shared family: only this alternative changed (robot engineer, session 17).
    match:
      /(FileNotFoundError[^\n]{0,120}|(?<!^\d{1,6}[ \t]{1,8}[\w./-]{1,200}\.(?:c|cc|cpp|cxx|S): )No such file or directory[^\n]{0,60}|\bsh: \d{1,6}: Can't open [^\n]{1,120}|\bENOENT\b[^\n]{0,80}|FileNotFoundException[^\n]{0,100}|NoSuchFileException[^\n]{0,100}|cannot find the (?:file|path) specified|(?:file|path|directory|folder|checkpoint) [^\n]{0,80} does not exist|does not appear to have a file named[^\n]{0,60}|Can't load (?:tokenizer|config|the model|weights)[^\n]{0,60}|open [^\n]{0,80}: no such file|Could not find (?:file|the file)[^\n]{0,60}|OSError: [^\n]{0,60}is not a (?:valid )?(?:local folder|directory)|\b\w{1,20}_model_load: failed to open '[^'\n]{1,200}')/im,
    title: 'A file or path was not found',
    hypothesis: 'The run expects a file or directory (config, checkpoint, dataset, model) at a path where there is none.',
    fix: 'Check the configured path (relative vs absolute, the working directory, mounted volumes) and that the file was produced/uploaded.',
    actions: [
      'Check the path in the error against what exists in the runtime',
      'Make paths absolute or relative to a known root',
    ],
  },
  {
    id: 'config.playwright_browser_missing',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    // Playwright's launcher for a browser binary that was never downloaded: "browserType.launch:
    // Executable doesn't exist at …/ms-playwright/chromium-1148/…" (Python prints BrowserType.launch;
    // agent-5 agent-browser and cyberscraper, agent-19 mcp-playwright: file_not_found 3 of 3), also
    // when an MCP tool's JSON-RPC error wraps it. Its own pattern (config.file_not_found's confidence
    // and priority) so that Playwright's installer saying it downloaded the browser in the same record
    // ("Chromium … (playwright build v1148) downloaded to …/ms-playwright/…": the fix done) drops only
    // this reading, and a later failure answers.
    confidence: 0.88,
    priority: 68,
    needs: ['executable doesn'],
    match: /(\bbrowserType\.launch(?:PersistentContext)?: Executable doesn't exist at [^\n]{1,200})/i,
    unless: /\(playwright build v\d{1,6}\) downloaded to|downloaded to [^\n]{0,200}ms-playwright/,
    title: 'The browser Playwright launches is not installed',
    hypothesis:
      "Playwright's browser binary was never downloaded for this Playwright version (or the cache path differs: another user, container or PLAYWRIGHT_BROWSERS_PATH), so the launcher finds no executable.",
    fix: 'Run `npx playwright install` (or `python -m playwright install`) for the same Playwright version and user as the run, or point PLAYWRIGHT_BROWSERS_PATH at the installed browsers.',
    actions: [
      'Check the Playwright version against the browser build in the path',
      'Install the browsers in the image or environment the run uses',
    ],
  },
  {
    id: 'config.port_in_use',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.82,
    // A port already taken (docs/taxonomy.md rule 3; 11 labels, no other), also when it is the named
    // cause of an MCP connection that then closed (above tool.execution_failed, 82: rule 1), and a
    // second instance of a Telegram bot polling the same token ("Conflict: terminated by other
    // getUpdates request"): another process holds what this one needs. "is in use" reads only of a
    // port (an address only with its :port): "Email address is already in use" is an account's. PX4's
    // "PX4 daemon already running for instance N": a second SITL vehicle started on an instance slot
    // a running daemon holds (rule 3 names a second roscore or master). ur_client_library prints its
    // bind failure and the retry with no space between ("Reason: Address already in useRetrying in 1
    // seconds"), so "in use" is read before "Retrying" too.
    priority: 83,
    needs: ['in use', 'eaddrinuse', 'getupdates', 'daemon already running'],
    match:
      /(\b[Pp]orts?\b[^\n]{0,40}?\b(?:is|are) (?:still |already )?in use\b[^\n]{0,40}|\b[Aa]ddress [\w.[\]-]{0,60}:\d{1,5} (?:is|are) (?:still |already )?in use\b[^\n]{0,40}|\b[Aa]ddress already in use(?:\b|(?=Retrying\b))[^\n]{0,20}|\bEADDRINUSE\b[^\n]{0,60}|Conflict: terminated by other getUpdates request[^\n]{0,60}|\bPX4 daemon already running for instance \d{1,3}[^\n]{0,30})/,
    // PX4's daemon message is a refusal (the new instance exits of it: "process has died", exit code
    // 255), cleared when PX4 later came up ("Ready for takeoff": the stale daemon was killed and PX4
    // restarted; what failed after that is the failure). classify.ts, Pattern.warning.
    warning: {
      form: /\bPX4 daemon already running for instance \d/,
      cleared: /Ready for takeoff/,
      refusal: true,
    },
    title: 'Another process holds what this one needs: $1',
    hypothesis:
      "The port (or the bot token's update stream) is already held by another process: a second instance of the same program, an old one still running, or another service on that port.",
    fix: 'Stop the other instance (find it with `lsof -i :<port>` or `ss -ltnp`), or configure a free port; run a single instance per bot token.',
    actions: ['Find the process holding the port', 'Configure another port or stop the duplicate instance'],
  },
  {
    id: 'config.lockfile_out_of_sync',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.8,
    // A locked install refused because the lock file no longer matches the manifest (pnpm's
    // ERR_PNPM_OUTDATED_LOCKFILE, npm ci, yarn --frozen-lockfile, cargo --locked, poetry, bun; uv's
    // --locked is its package message, ml-agents.ts): the project's setup disagrees with itself (rule
    // 3; labels invalid_config 1).
    priority: 76,
    needs: ['lockfile', 'lock file', 'in sync', '.lock'],
    match:
      /(ERR_PNPM_OUTDATED_LOCKFILE[^\n]{0,80}|Cannot install with "frozen-lockfile" because [\w.-]{1,40} is not up to date[^\n]{0,60}|can only install packages when your package\.json and package-lock\.json (?:or npm-shrinkwrap\.json )?are in sync[^\n]{0,20}|Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`|The lockfile would have been modified by this install, which is explicitly forbidden|lock file [^\n]{1,160} needs to be updated but --locked was passed|pyproject\.toml changed significantly since poetry\.lock was last generated[^\n]{0,60}|lockfile had changes, but lockfile is frozen)/,
    title: 'The lock file does not match the manifest: $1',
    hypothesis:
      'The install was run in locked mode (CI, a Docker build) and the lock file was not regenerated after the manifest changed, so the package manager refuses to install.',
    fix: 'Regenerate the lock file with the same package manager version (pnpm install, npm install, uv lock, poetry lock, cargo update) and commit it with the manifest change.',
    actions: [
      'Run the install without the frozen/locked flag locally and commit the updated lock file',
      'Check that CI uses the same package manager version as the one that wrote the lock file',
    ],
  },
  {
    id: 'config.command_not_found',
    category: 'config_error',
    factor: 'file_not_found',
    severity: 'high',
    confidence: 0.88,
    priority: 84,
    // Node's child_process: "spawn npx ENOENT" is the command itself missing from PATH (an MCP
    // server that cannot start), whatever the transport says afterwards ("server disconnected").
    // Windows' cmd.exe says the same of a command it cannot find ("'C:\\Program' is not recognized
    // as an internal or external command": an unquoted path split at a space, a tool not installed).
    match:
      /(\bspawn [\w./\\:-]{1,200} ENOENT\b|\bspawnSync [\w./\\:-]{1,200} ENOENT\b|'[^'\n]{1,200}' is not recognized as an internal or external command)/,
    needs: ['enoent', 'is not recognized as an internal or external command'],
    title: 'A command to run was not found: $1',
    hypothesis: 'The program to start is not installed or not on the PATH of the process that starts it.',
    fix: 'Install the command, or configure its absolute path (a GUI app or service does not see the PATH of your shell).',
    actions: ['Run `which <command>` in the environment of the failing process', 'Use the absolute path in the configuration'],
  },
  {
    id: 'config.embedding_dimension',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.82,
    priority: 78,
    // The embedding model configured and the vector store's collection/index disagree on the
    // vector size (Chroma, pgvector, Pinecone, Qdrant, Milvus, Weaviate, FAISS wordings). The bare
    // "expected N dimensions, got/not M" only near a vector store's words (a tensor's rank check
    // says the same: "ValueError: expected 4 dimensions, got 3").
    match:
      /((?:Embedding|Vector|Query vector) dimension (?:of )?\d{1,6} does not match (?:the )?(?:collection|index)[^\n]{0,60}|Incorrect dimension for field '[\w-]{1,60}'|vector's dimension: \d{1,6} is not equal to field's dimension: \d{1,6}|\bexpected \d{1,6} dimensions, (?:not|got) \d{1,6}(?:(?<=(?:vector|embedding|query|\bindex\b|collection|psycopg)[\s\S]{0,300}expected \d{1,6} dimensions, (?:not|got) \d{1,6})|(?=[^\n]{0,120}(?:vector|embedding|query|\bindex\b|collection|search)))|different vector dimensions \d{1,6} and \d{1,6}|Vector dimension error: expected dim: \d{1,6}, got \d{1,6}|vector dimension mismatch[^\n]{0,60}|Embedding dimension mismatch[^\n]{0,60}|\bdimension \d{1,6} does not match the dimension of the (?:index|collection)[^\n]{0,20}|the dim \(\d{1,6}\) of field data\([^\n]{0,40}\) is not equal to schema dim \(\d{1,6}\)|dimension mismatch[^\n]{0,40}(?:embedding|collection|index)[^\n]{0,40}|Dimensionality of \(\d{1,6}\) does not match index dimensionality \(\d{1,6}\)|Vector inserting error: expected dim: \d{1,6}, got \d{1,6}|Collection expecting embedding with dimension of \d{1,6}, got \d{1,6}|faiss[\\/]class_wrappers\.py[^\n]{0,80}\n\s{0,12}assert d == self\.d)/i,
    // FAISS's Python wrapper checks the query/added vectors' width with a bare `assert d == self.d`.
    needs: ['dimension', 'expected dim:', 'assert d == self.d'],
    // A vector of no dimensions at all ("expected dim: 1536, got 0") is not a second embedding
    // size: the records carry no vector (labels: empty_input 1, no other).
    resolve: (_ctx, site) =>
      EMPTY_VECTOR.test(site.text.slice(site.index, site.index + site.length)) ? { as: 'data.empty' } : null,
    title: 'Embedding size does not match the vector store ($1)',
    hypothesis:
      'The collection or index was built with embeddings of one size and the configured embedding model produces another (a model changed after the data was indexed).',
    fix: 'Use the embedding model the collection was built with, or rebuild the collection with the new model.',
    actions: ['Compare the embedding model in the configuration with the one used to build the index'],
  },
  {
    id: 'config.unbound_env_var',
    category: 'config_error',
    factor: 'missing_env_var',
    severity: 'high',
    confidence: 0.8,
    priority: 70,
    // bash `set -u`: an UPPER_CASE variable (the environment's convention) that was never set.
    // Case-sensitive on purpose: a lower-case one is a script's own variable.
    match: /\b([A-Z][A-Z0-9_]{2,60}): unbound variable\b/,
    needs: ['unbound variable'],
    title: 'Environment variable $1 is not set',
    hypothesis: 'A script run with `set -u` reads an environment variable that this environment does not set.',
    fix: 'Set the variable for the job (or source the setup script that defines it) before the script runs.',
    actions: ['Export the named variable, or source the environment setup that defines it'],
  },
  {
    id: 'config.sim_buffer_size',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.72,
    priority: 66,
    // A physics engine's preallocated buffers (MuJoCo's njmax/nconmax/nstack, its arena) set too
    // small for the scene, also as dm_control's PhysicsError (mjWARN_CONTACTFULL): the model's size settings,
    // not a bug (docs/taxonomy.md, rules 3 and 7).
    match:
      /((?:please )?increase (?:njmax|nconmax|nstack|the (?:memory|arena|stack) size)\b[^\n]{0,40}|Pre-allocated contact buffer is full[^\n]{0,60}|nefc overflow[^\n]{0,60}|mj_stackAlloc: out of memory[^\n]{0,60}|Pre-allocated constraint buffer is full[^\n]{0,60}|mjWARN_(?:CONTACTFULL|CNSTRFULL)\b)/i,
    needs: ['increase', 'pre-allocated', 'nefc', 'mj_stackalloc', 'mjwarn_contactfull', 'mjwarn_cnstrfull'],
    title: "The simulator's preallocated buffers are too small ($1)",
    hypothesis: 'The physics model reserves fixed-size buffers (constraints, contacts, stack memory) that this scene overflows.',
    fix: "Raise the model's size settings (MuJoCo: njmax, nconmax, or <size memory=...>) to what the scene needs.",
    actions: ["Raise the size the message names in the model's settings"],
  },
  {
    id: 'config.checkpoint_shape',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.75,
    priority: 70,
    // A checkpoint loaded into a model built from the run's settings, whose tensor shapes differ
    // (PyTorch load_state_dict): the settings (chunk size, history, head size, vocabulary) do not
    // match the ones the checkpoint was trained with (docs/taxonomy.md, labelling guidance).
    // PyTorch before 1.0 printed "copying a param of torch.Size([..]) from checkpoint, where the
    // shape is torch.Size([..]) in current model" (robotics-24b, pose-interpreter-networks).
    match: /(size mismatch for [\w.]{1,200}: copying a param (?:with shape|of torch\.Size)[^\n]{0,160})/,
    needs: ['size mismatch'],
    title: 'Checkpoint does not fit the model built from this configuration ($1)',
    hypothesis:
      'The model was built with settings (sizes, chunking, history length, number of classes) other than those the checkpoint was trained with, so its tensors have other shapes.',
    fix: "Build the model with the checkpoint's own configuration (load it from the checkpoint), or use a checkpoint trained with these settings.",
    actions: ["Compare the run's model settings with the checkpoint's saved configuration"],
  },
  {
    id: 'k8s.image_pull',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    // Kubernetes container waiting reasons (ErrImagePull, ImagePullBackOff, InvalidImageName) and the
    // kubelet's "Failed to pull image" event; Docker/containerd's "manifest unknown", "pull access
    // denied". The image reference names nothing the registry serves; a registry that refuses the
    // credentials or cannot be reached is read by the auth and network patterns (higher priority).
    confidence: 0.7,
    priority: 55,
    match:
      /(Failed to pull image "[^"\n]{1,200}"[^\n]{0,120}|\bErrImagePull\b|\bImagePullBackOff\b|\bInvalidImageName\b|Back-off pulling image "[^"\n]{1,200}"|manifest (?:for [^\s]{1,200} )?(?:unknown|not found)[^\n]{0,60}|pull access denied for [^\s,]{1,200}[^\n]{0,80})/,
    title: 'The container image could not be pulled',
    hypothesis:
      'The pod or container names an image (repository, tag or digest) the registry does not serve, so the container never starts.',
    fix: 'Correct the image reference (repository, tag) in the pod spec or compose file, or push the image; for a private registry, set imagePullSecrets.',
    actions: ['Run `docker pull` of the exact reference from the event', 'Check the tag exists in the registry'],
  },
  {
    id: 'k8s.container_config',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    // Kubernetes CreateContainerConfigError: a Secret, ConfigMap or key the pod spec references does not exist.
    confidence: 0.75,
    priority: 66,
    match:
      /(CreateContainerConfigError[^\n]{0,100}|couldn't find key [\w.-]{1,100} in (?:Secret|ConfigMap) [^\n]{0,80}|(?:secret|configmap) "[^"\n]{1,100}" not found)/,
    title: "The container's configuration references something missing",
    hypothesis:
      'The pod spec reads an environment variable or a volume from a Secret or ConfigMap (or a key in one) that does not exist in the namespace.',
    fix: "Create the Secret/ConfigMap (and key) in the pod's namespace, or fix the name the pod spec references.",
    actions: ['kubectl describe pod: read the referenced name', 'kubectl get secret,configmap -n <namespace>'],
  },
  {
    id: 'config.invalid',
    category: 'config_error',
    factor: 'invalid_config',
    severity: 'high',
    confidence: 0.78,
    priority: 63,
    match:
      /(Invalid (?:configuration|config|setting)s?[^\n]{0,80}|ConfigurationError[^\n]{0,80}|ConfigError[^\n]{0,80}|InvalidConfig[^\n]{0,60}|misconfigur(?:ed|ation)[^\n]{0,60}|(?:Unknown|unrecognized|unsupported) (?:config|configuration|setting)(?: key| option| value)?[^\n]{0,60}|Config validation[^\n]{0,60}|invalid value [^\n]{0,60} for (?:option|setting|flag|config)[^\n]{0,40}|ConfigAttributeError[^\n]{0,60}|ConfigKeyError[^\n]{0,60}|MissingMandatoryValue[^\n]{0,60}|InterpolationResolutionError[^\n]{0,60}|TomlDecodeError[^\n]{0,60}|could not parse (?:config|configuration)[^\n]{0,60}|Error in configuration[^\n]{0,60}|Failed to bind properties under[^\n]{0,80}|Binding to target [^\n]{0,80} failed|Could not override '[^'\n]{1,80}'[^\n]{0,40}|Key '[^'\n]{1,80}' is not in struct|ConfigCompositionException[^\n]{0,60}|User-specified [\w.]{1,40} \(\d{1,9}\) is greater than the derived [\w.]{1,40}[^\n]{0,60}|(?:FP16|BF16|bf16|fp16) [^\n]{0,160}can only be used on CUDA[^\n]{0,60}|Your setup doesn't support bf16\/(?:gpu|cpu)[^\n]{0,60})/i,
    // Hugging Face's TrainingArguments refuse --fp16/--bf16 on a host whose device cannot run it:
    // a setting the host cannot honour (docs/taxonomy.md rule 3).
    title: 'Invalid configuration',
    hypothesis: 'A setting has a value the program does not accept, or the configuration is inconsistent.',
    fix: 'Correct the setting named in the message; validate configuration at start-up.',
    actions: ['Check the named setting against the documented values', 'Validate config in CI'],
  },
];
