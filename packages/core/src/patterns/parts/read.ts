/**
 * Structure before phrasing: what a failure text is made of — exception classes (with the
 * Python hierarchy behind them), errno names, numbers and texts, Windows system and Winsock
 * errors, HTTP and gRPC statuses, JSON-RPC/MCP error codes, the type/code/status values of
 * provider error bodies (OpenAI, Anthropic, Gemini, Bedrock/AWS, Azure) and their SDKs'
 * exception classes, signals and exit statuses, CUDA/NCCL errors, Node.js error codes, Go and
 * Rust panics, the words of an unknown exception class's name (or of its one-word message),
 * the messages known packages print (tables/packages/, read by messages.ts), and
 * the ROS node that logged the error (read only when nothing else is there) — read
 * with the tables of tables/, so that a failure never seen before but made of known parts is
 * classified.
 *
 * Invariants:
 * - the engine names no class or code itself: every meaning comes from a table (data);
 * - a part read alone is never a confident answer: confidence stays below 0.8 (PARTS_MAX);
 * - parts are looked for in the headline, the telling lines and the last BODY_TAIL characters of
 *   the body, line by line, with linear regexes (bounded repetition), so the cost per record is
 *   bounded whatever the log's size;
 * - a package message that is a symptom yielding to a cause named before it (PartMeaning.yieldsTo,
 *   ../yields.ts) is not read, as under its `unless`;
 * - words the caller masks (readParts `mask`: classify.ts blanks the words of a warning its warning
 *   step found outlived) are read by no reader here, tables, package messages, robot reading and
 *   logging component alike, so what the step decides for a warning's pattern holds for them; the
 *   rest of their line is read as any line (a fault logged on the warning's line still answers).
 */
import { cut, cutTail } from '../../text.js';
import { SENSOR_CONTEXT } from '../resolvers.js';
import { symptomYields } from '../yields.js';
import { packageMatcher } from './messages.js';
import { type RobotReading, readRobot } from './robot.js';
import type { PartMeaning, PartTable } from './table.js';
import { COMPONENT_WORDS, componentWords } from './tables/components.js';
import { C_ASSERT_FAILED, CPP_EXCEPTIONS, UNCAUGHT_CPP } from './tables/cpp.js';
import { ERRNO, type ErrnoEntry, GDB_SOURCE_NOT_FOUND, RESOLVER_ERRORS } from './tables/errno.js';
import { CUDA_ERRORS, NCCL_ERRORS } from './tables/gpu.js';
import { GRPC_CODE_NAMES, GRPC_STATUS } from './tables/grpc.js';
import { HTTP_STATUS } from './tables/http.js';
import { JSONRPC_CODES, JSONRPC_MESSAGES } from './tables/jsonrpc.js';
import { EXCEPTION_CLASSES, RUNTIME_PANICS } from './tables/jvm-go-rust.js';
import { CLASS_NAME_WORDS } from './tables/names.js';
import { NODE_CODES } from './tables/node.js';
import { PROVIDER_CODES, SDK_EXCEPTIONS } from './tables/providers.js';
import { PYTHON_EXCEPTIONS, PYTHON_PARENT } from './tables/python.js';
import { PYTHON_MESSAGES } from './tables/python-messages.js';
import { ACTUATOR_CONTEXT, SIMULATOR_CONTEXT } from './tables/robot-pairs.js';
import { EXIT_STATUS, SIGNAL_NAMES, SIGNALS } from './tables/signals.js';
import { WINDOWS_ERRORS, type WindowsEntry } from './tables/windows.js';

/** The kinds of part, from the most to the least specific (ties are broken in this order). */
export const PART_KINDS = [
  'errno',
  'gpu',
  'package',
  'node_code',
  'panic',
  'jsonrpc',
  'provider',
  'exception',
  'cpp',
  'message',
  'signal',
  'grpc',
  'http',
  'robot',
  'class_words',
  'component',
] as const;
export type PartKind = (typeof PART_KINDS)[number];

export type PartWhere = 'headline' | 'telling' | 'body';

/** One part found in the text, with the meaning its table gives it. */
export interface Part {
  kind: PartKind;
  /** The part as named in its table (ENOSPC, 503, UNAVAILABLE, FileNotFoundError…). */
  name: string;
  where: PartWhere;
  meaning: PartMeaning;
}

/** The reading of a record's parts: the best part, and how sure it makes us. */
export interface PartsReading {
  part: Part;
  confidence: number;
  /** The ROS node (or other component) that logged the error, when the log names one. */
  component?: string;
  parts: Part[];
}

/** How much of the body's end is searched for parts. */
export const BODY_TAIL = 8000;
/** A part read alone stays a medium-confidence answer. */
export const PARTS_MAX = 0.75;
const WHERE_BONUS: Record<PartWhere, number> = { headline: 0.1, telling: 0.05, body: 0 };

const EXCEPTION =
  /(?:^|[\s([:'"=])((?:[A-Za-z_$][\w$]{0,60}\.){0,8}((?:[A-Z][\w$]{0,80}(?:Error|Exception|Exit|Interrupt|Timeout|Expired|Disconnected|Failure|V1))|KeyError|gaierror))(?=:|\s*$|\s\(|\)|(?<=Error|Exception) : |(?<=Error|Exception)(?<=^[ \t]{0,40}(?:[\w$]{1,60}\.){0,8}[\w$]{1,140})\((?:'[^'\n]{0,2000}'|"[^"\n]{0,2000}")\)>?[ \t]{0,40}$|(?<=Error|Exception)(?<=\bexception=(?:[\w$]{1,60}\.){0,8}[\w$]{1,140})(?<!\?[^\n]{0,400})(?![^\n]{0,400}\?)\(['"])/;
/** A class of an `exceptions` or `errors` module whose name has no Error suffix (google.api_core.exceptions.ResourceExhausted). */
const MODULE_EXCEPTION = /\b(?:exceptions|errors)\.([A-Z][A-Za-z]{2,60})(?=:|\s*$)/;
/** A C++ exception class: "terminate called after throwing an instance of 'std::out_of_range'", or a qualified name in a message. */
const CPP_CLASS = /\binstance of '([\w:<>, ]{2,160})'|\b((?:std|boost|YAML|pluginlib|class_loader|rclcpp|tf2)::[\w:]{2,120})/;
/** glibc's assert(3): "prog: file.cpp:42: void f(): Assertion `cond' failed." (the condition may be long). */
const C_ASSERT = /\bAssertion `[^\n]{1,400}' failed\b/;
/** An exception line's class and its message, to read a one-word message ("SearchException: Ratelimit"). */
const SHORT_MESSAGE = /(?:Error|Exception|Failure): ([A-Za-z][\w-]{1,30}(?: [\w-]{1,20}){0,2})\s*$/;
/**
 * Python's "[Errno 13]" and the C/C++ forms "errno: 13", "errno = 13" (drivers, agents). npm's
 * "npm ERR! errno 1" is its exit status, not an errno, and is not read.
 */
const PY_ERRNO = /\[Errno (-?\d{1,4})\]|(?<!ERR! )\berrno\s{0,2}[:=]\s{0,2}(\d{1,4})\b/i;
const ERRNO_NAME = /\b(E[A-Z]{2,14}|EAI_[A-Z]{2,10})\b/g;
/** Windows: Python's "[WinError 10061]", "WinError: 5", the WSAE* names. */
const WIN_ERROR = /\[WinError (\d{1,5})\]|\bWSA(?:E[A-Z]{3,20}|HOST_NOT_FOUND|TRY_AGAIN|NO_DATA)\b/;
/** JSON-RPC/MCP: "MCP error -32001", "JSON-RPC error -32601", `"code": -32601`, "McpError: Method not found". */
/** MCP's two codes of the implementation-defined range, and the words MCP's SDKs give them. */
const MCP_RANGE_CODE = /^-3200[01]$/;
const MCP_RANGE_MESSAGE = /\b(?:timed? ?out|timeout|Connection closed|closed)\b/i;
const JSONRPC =
  /\b(?:MCP|JSON-?RPC|RPC) error:? (-3\d{4})\b|["']?code["']?\s{0,2}[:=]\s{0,2}(-32\d{3})\b|\bMcpError: (Parse error|Invalid Request|Method not found|Invalid params|Internal error|Connection closed|Request timed out)\b/i;
/**
 * A provider error body's value: `"type": "insufficient_quota"`, `'code': 'model_not_found'`,
 * `"status": "RESOURCE_EXHAUSTED"`, Go's `map[code:model_not_found`, AWS's "An error occurred
 * (ThrottlingException)". Only values of the provider table count (exact match).
 */
const PROVIDER_VALUE =
  /["']?\b(?:type|code|status|reason|__type|error_code|errorCode)["']?\s{0,2}[:=]\s{0,2}["']?([A-Za-z_]{3,60})\b|\bAn error occurred \((\w{3,60})\) when calling the\b/g;
/**
 * Provider values common outside a provider's body (a planner's "result type: internal_error", a
 * driver's "error code: internal_error"): read only quoted, as a JSON or dict body has them, or on a
 * line that names an API or provider.
 */
const BODY_ONLY_VALUES = new Set(['internal_error', 'internal_server_error']);
const PROVIDER_LINE_WORDS = /\b(?:API|openai|anthropic|dashscope|qwen|gemini|bedrock|azure|provider|gateway|LLM|completions?)\b/i;
const HTTP =
  /(?:\bHTTP(?:\/[\d.]{1,3})?|\b[Ss]tatus(?:[ _]?[Cc]ode)?|\bstatusCode|\bError code|\b[Rr]esponse [Cc]ode|["']code["']|\bcode)["']?\s{0,2}(?:[:=]\s{0,2}|of\s|\s)\s{0,2}(\d{3})\b|\b(\d{3})(?:\.0)? (?:Bad Request|Unauthorized|Forbidden|Request ?Time-?out|Unprocessable (?:Entity|Content)|Too Many Requests|Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out|Content Too Large|Payload Too Large)\b/;
const GRPC =
  /\bStatusCode\.([A-Z_]{2,30})\b|\bcode = ([A-Za-z]{2,30})\b|\bstatus = ([A-Z_]{2,30})\b|\bgrpc[_-]status[:= ]{1,3}(\d{1,2})\b|\bStatus\(StatusCode="?([A-Za-z_]{2,30})/;
const SIGNAL_NAME = /\b(SIG(?:KILL|SEGV|ABRT|BUS|FPE|ILL|INT|TERM))\b/;
const SIGNAL_SENT = /\b(?:[Ss]ending process \d{1,10} closing signal|[Ss]ending (?:signal )?SIG[A-Z]{3,4} to\b)/;
const SIGNAL_WORDS: [RegExp, string][] = [
  [/\bSegmentation fault\b/, 'SIGSEGV'],
  // The shell's report of a child it ran (zsh: "zsh: segmentation fault  python x.py", "[1]  4021 segmentation fault  ./node").
  [/(?:^|\b(?:zsh|bash|sh): |\b\d{1,9}\s{1,4})segmentation fault\b/m, 'SIGSEGV'],
  // bash pads its job report to a column ("1234 Aborted                 (core dumped)").
  [/\bAborted[ \t]{1,40}\(core dumped\)/, 'SIGABRT'],
  // libstdc++'s terminate handler when std::terminate runs with no exception in flight (a joinable
  // std::thread destroyed, a bare `throw;`): it then aborts.
  [/\bterminate called without an active exception\b/, 'SIGABRT'],
  // The shell's report in a translated locale (glibc's strsignal): zh_CN "段错误 (核心已转储)",
  // "已放弃" / "已中止 (核心已转储)"; de "Speicherzugriffsfehler"; fr "Erreur de segmentation"; es
  // "Violación de segmento"; pt "Falha de segmentação"; ja "セグメンテーション違反"; ru "Ошибка сегментирования".
  [
    /段错误|Speicherzugriffsfehler|Erreur de segmentation|Violación de segmento|Falha de segmentação|セグメンテーション違反|Ошибка сегментирования/,
    'SIGSEGV',
  ],
  [/(?:已放弃|已中止) \(核心已转储\)/, 'SIGABRT'],
  [/\bBus error\b/, 'SIGBUS'],
  [/\bIllegal instruction\b/, 'SIGILL'],
  [/\bFloating point exception\b/, 'SIGFPE'],
  [/^\s{0,40}Killed\s{0,4}$/, 'SIGKILL'],
  [/\bKilled signal terminated program\b/, 'SIGKILL'],
  // GCC's driver when the kernel kills its compiler proper (cc1plus, cc1): "internal compiler error: Killed (program cc1plus)".
  [/\binternal compiler error: Killed \(program [\w+-]{1,20}\)/, 'SIGKILL'],
  [/\baborting due to control-C event\b/, 'SIGINT'],
];
const EXIT =
  /\b(?:exit(?:ed)?(?: with)? (?:code|status)|returned non-zero exit status|returned a non-zero code:?|exit_code|exitcode|returncode)[:= ]{0,3}(-?\d{1,3})\b|died with <Signals\.(SIG[A-Z]{2,6})/i;
const SIGNAL_NUMBER = /\b(?:killed by |terminated by |received )?signal (\d{1,2})\b/i;
const GPU =
  /\b(CUDA_ERROR_[A-Z_]{2,40}|cuda(?:Error)[A-Z]\w{2,40}|CUBLAS_STATUS_[A-Z_]{2,30}|CUDNN_STATUS_[A-Z_]{2,30}|nccl[A-Z]\w{2,30})\b/;
const NODE_CODE =
  /\b((?:ERR|UND_ERR)_[A-Z_]{2,50}|MODULE_NOT_FOUND|CERT_HAS_EXPIRED|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\b/;
const PANIC =
  /\bpanic: (?:runtime error: )?([^\n]{1,160})|\bfatal error: (all goroutines are asleep - deadlock!|concurrent map writes)|\bpanicked at [^\n]{0,200}?:\s{0,4}([^\n]{1,160})|^\s{0,20}(called `(?:Option|Result)::unwrap\(\)`[^\n]{0,80}|index out of bounds: the len is[^\n]{0,40}|attempt to [a-z ]{2,30}(?:with overflow|by zero))/;
const ROS_COMPONENT =
  /\[(?:ERROR|FATAL)\]\s{0,3}\[[\d.]{1,25}(?:,\s{0,2}[\d.]{1,25})?\]\s{0,3}\[([\w./-]{1,80})\]|^\[([\w./-]{1,60})-\d{1,4}\]\s{0,3}\[(?:ERROR|FATAL)\]/;

const ERRNO_BY_NAME = new Map<string, ErrnoEntry>([...ERRNO, ...RESOLVER_ERRORS].map((e) => [e.name, e]));
const ERRNO_BY_NUMBER = new Map<number, ErrnoEntry>([...ERRNO, ...RESOLVER_ERRORS].map((e) => [e.number, e]));
/** strerror texts as one regex (built from the table, escaped). */
const STRERROR = new RegExp(
  `(${[...ERRNO, ...RESOLVER_ERRORS]
    .map((e) => e.strerror.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
);
const ERRNO_BY_STRERROR = new Map<string, ErrnoEntry>([...ERRNO, ...RESOLVER_ERRORS].map((e) => [e.strerror, e]));
const WINDOWS_BY_NUMBER = new Map<number, WindowsEntry>(WINDOWS_ERRORS.map((e) => [e.number, e]));
const WINDOWS_BY_NAME = new Map<string, WindowsEntry>(WINDOWS_ERRORS.map((e) => [e.name, e]));
/** Windows message texts as one regex (built from the table, escaped). */
const WINDOWS_TEXT = new RegExp(`(${WINDOWS_ERRORS.map((e) => e.text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})`);
const WINDOWS_BY_TEXT = new Map<string, WindowsEntry>(WINDOWS_ERRORS.map((e) => [e.text, e]));

/** The single regexes whose match adds a part (classParts, codeParts, statusParts), by name. */
const PART_REGEX_BY_NAME = {
  exception: EXCEPTION,
  moduleException: MODULE_EXCEPTION,
  cAssert: C_ASSERT,
  cppClass: CPP_CLASS,
  winError: WIN_ERROR,
  windowsText: WINDOWS_TEXT,
  jsonrpc: JSONRPC,
  providerValue: PROVIDER_VALUE,
  pyErrno: PY_ERRNO,
  errnoName: ERRNO_NAME,
  strerror: STRERROR,
  gpu: GPU,
  nodeCode: NODE_CODE,
  panic: PANIC,
  signalName: SIGNAL_NAME,
  exit: EXIT,
  signalNumber: SIGNAL_NUMBER,
  grpc: GRPC,
  http: HTTP,
} as const;
const PART_REGEX_NAMES = Object.keys(PART_REGEX_BY_NAME) as (keyof typeof PART_REGEX_BY_NAME)[];

/**
 * The regexes whose match adds a part, in one list: PART_REGEX_BY_NAME's, then the Python
 * messages' phrases and the signal words. The patterns' prefilter (classify.ts) scans a record's
 * text once and tells which of them may match one of its lines (`mayMatch`, by index in this
 * list); the others are not tried on any line. The same parts: a regex the prefilter rules out has
 * no match in the record's text, and every line read is a piece of that text. SIGNAL_SENT (read
 * only to refuse a SIGNAL_NAME) and SHORT_MESSAGE (read only after an EXCEPTION) are not in it.
 */
export const PART_REGEXES: readonly RegExp[] = [
  ...PART_REGEX_NAMES.map((name) => PART_REGEX_BY_NAME[name]),
  ...PYTHON_MESSAGES.map(([phrase]) => phrase),
  ...SIGNAL_WORDS.map(([words]) => words),
];

/** Which of PART_REGEXES are tried on a record's lines (null: not tried), and the tables' phrases that are. */
type OpenParts = { [name in keyof typeof PART_REGEX_BY_NAME]: RegExp | null } & {
  pythonMessages: readonly (readonly [phrase: RegExp, cls: string])[];
  signalWords: readonly (readonly [RegExp, string])[];
};

/** The regexes to try on a record's lines: those the prefilter left open (all without `mayMatch`, in PART_REGEXES' order). */
function openParts(mayMatch?: readonly boolean[]): OpenParts {
  const open = (k: number) => !mayMatch || mayMatch[k] === true;
  const named = Object.fromEntries(PART_REGEX_NAMES.map((name, k) => [name, open(k) ? PART_REGEX_BY_NAME[name] : null]));
  const pythonAt = PART_REGEX_NAMES.length;
  const signalAt = pythonAt + PYTHON_MESSAGES.length;
  return {
    ...(named as { [name in keyof typeof PART_REGEX_BY_NAME]: RegExp | null }),
    pythonMessages: PYTHON_MESSAGES.filter((_, k) => open(pythonAt + k)),
    signalWords: SIGNAL_WORDS.filter((_, k) => open(signalAt + k)),
  };
}
const ALL_OPEN = openParts();

/** A Python class read through its hierarchy: its own meaning, or its nearest mapped ancestor's. */
export function pythonMeaning(name: string): PartMeaning | undefined {
  let at: string | undefined = name;
  for (let depth = 0; at && depth < 8; depth++) {
    const own = PYTHON_EXCEPTIONS[at];
    if (own) return own;
    at = PYTHON_PARENT[at];
  }
  return undefined;
}

/** The words of a CamelCase class name (HTTPConnectionTimeoutError → HTTP, Connection, Timeout, Error). */
export function classWords(name: string): string[] {
  return name.match(/[A-Z]{2,}(?=[A-Z][a-z]|\b|\d)|[A-Z]?[a-z]{1,40}|[A-Z]{1,40}|\d{1,10}/g) ?? [];
}

/** The meaning of an unknown class from the words of its name (WeaviateStartUpTimeoutError → a timeout). */
export function classWordsMeaning(name: string): PartMeaning | undefined {
  const words = classWords(name).map((w) => w.toLowerCase());
  for (const rule of CLASS_NAME_WORDS) {
    const n = rule.words.length;
    for (let i = 0; i + n <= words.length; i++) {
      if (rule.words.every((w, j) => words[i + j] === w)) return rule.meaning;
    }
  }
  return undefined;
}

/** The meaning of the component that logged the error, from the words of its name. */
export function componentMeaning(name: string): PartMeaning | undefined {
  const words = componentWords(name);
  for (const rule of COMPONENT_WORDS) if (rule.words.some((w) => words.includes(w))) return rule.meaning;
  return undefined;
}

function lookup(table: PartTable, key: string | undefined): PartMeaning | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A JSON-RPC message as the table spells it ("method not found" → "Method not found"). */
function messageKey(said: string): string {
  const lower = said.toLowerCase();
  return Object.keys(JSONRPC_MESSAGES).find((k) => k.toLowerCase() === lower) ?? said;
}

/** Classes whose meaning depends on their module: torch.cuda.OutOfMemoryError is the GPU's memory, not the heap. */
function qualifiedMeaning(qualified: string): PartMeaning | undefined {
  if (/\b(?:cuda|torch)\.OutOfMemoryError$/.test(qualified)) return CUDA_ERRORS.CUDA_ERROR_OUT_OF_MEMORY;
  return undefined;
}

/** CamelCase gRPC names of Go ("Unavailable", "DeadlineExceeded") as the table's UPPER_SNAKE. */
function grpcName(raw: string): string {
  return raw.includes('_') || raw === raw.toUpperCase() ? raw : raw.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

type Add = (kind: PartKind, name: string, meaning: PartMeaning | undefined) => void;

/** Exception classes (Python, JVM, .NET, SDKs, C++) and, for a line without one, a built-in exception's message. */
function classParts(line: string, add: Add, o: OpenParts): void {
  const ex = o.exception?.exec(line);
  if (ex) {
    const qualified = ex[1] as string;
    const simple = ex[2] as string;
    const sdk = lookup(SDK_EXCEPTIONS, simple) ?? lookup(PROVIDER_CODES, simple);
    const known = qualifiedMeaning(qualified) ?? lookup(EXCEPTION_CLASSES, simple) ?? pythonMeaning(simple);
    if (sdk) add('provider', qualified, sdk);
    else if (known) add('exception', qualified, known);
    else {
      // An unknown class: the words of its name, else the words of a one-word message.
      const short = SHORT_MESSAGE.exec(line);
      add('class_words', qualified, classWordsMeaning(simple) ?? (short ? classWordsMeaning(short[1] as string) : undefined));
    }
  } else {
    const mod = o.moduleException?.exec(line);
    if (mod) add('provider', mod[1] as string, lookup(SDK_EXCEPTIONS, mod[1]));
  }
  if (o.cAssert?.test(line)) add('cpp', 'assert()', C_ASSERT_FAILED);
  const cpp = o.cppClass?.exec(line);
  if (cpp) {
    const name = (cpp[1] ?? cpp[2]) as string;
    add('cpp', name, lookup(CPP_EXCEPTIONS, name) ?? (cpp[1] ? UNCAUGHT_CPP : undefined));
  }
  if (!ex) {
    // A built-in exception's message without its class (re-raised as str(e) by a launcher).
    for (const [phrase, cls] of o.pythonMessages) {
      if (phrase.test(line)) {
        add('message', cls, pythonMeaning(cls));
        break;
      }
    }
  }
}

/** Codes: Windows and POSIX errno, JSON-RPC, provider body values, CUDA/NCCL, Node.js, panics. */
function codeParts(line: string, add: Add, o: OpenParts): void {
  const win = o.winError?.exec(line);
  if (win) {
    const entry = win[1] ? WINDOWS_BY_NUMBER.get(Number(win[1])) : WINDOWS_BY_NAME.get(win[0]);
    if (entry) add('errno', win[1] ? `WinError ${win[1]}` : entry.name, entry);
  }
  const winText = o.windowsText?.exec(line);
  if (winText) {
    const entry = WINDOWS_BY_TEXT.get(winText[1] as string);
    if (entry) add('errno', entry.name, entry);
  }
  const rpc = o.jsonrpc?.exec(line);
  if (rpc) {
    const code = rpc[1] ?? rpc[2] ?? JSONRPC_MESSAGES[messageKey(rpc[3] as string)];
    // A bare `"code": -32001` (or -32000) in an error object is a server's own code of JSON-RPC's
    // implementation-defined range unless its message is MCP's ("Invalid or missing API token."
    // under -32001 is the server's authentication, not MCP's RequestTimeout).
    const serverOwn = !rpc[1] && rpc[2] && MCP_RANGE_CODE.test(rpc[2]) && !MCP_RANGE_MESSAGE.test(line);
    const mcpInternal = code === '-32603' && /^MCP/i.test(rpc[0]);
    const mcpRequest = code === '-32602' && /\bInvalid request parameters\b/.test(line);
    const key = mcpInternal ? 'MCP -32603' : mcpRequest ? 'MCP -32602 request' : code;
    if (code && !serverOwn) add('jsonrpc', `JSON-RPC ${code}`, lookup(JSONRPC_CODES, key));
  }
  // exec in a loop rather than matchAll (which copies the regex on every call): the same matches,
  // none of them empty; lastIndex is back to 0 when exec finds no more.
  if (o.providerValue) PROVIDER_VALUE.lastIndex = 0;
  for (let value = o.providerValue?.exec(line); value; value = PROVIDER_VALUE.exec(line)) {
    const name = (value[1] ?? value[2]) as string;
    const quoted = /["']$/.test(value[0].slice(0, value[0].length - name.length));
    if (BODY_ONLY_VALUES.has(name) && !quoted && !PROVIDER_LINE_WORDS.test(line)) continue;
    add('provider', name, lookup(PROVIDER_CODES, name));
  }
  const pyErrno = o.pyErrno?.exec(line);
  if (pyErrno) {
    const n = pyErrno[1] ?? pyErrno[2];
    add('errno', `Errno ${n}`, ERRNO_BY_NUMBER.get(Number(n)));
  }
  if (o.errnoName) ERRNO_NAME.lastIndex = 0;
  for (let match = o.errnoName?.exec(line); match; match = ERRNO_NAME.exec(line)) {
    const entry = ERRNO_BY_NAME.get(match[1] as string);
    if (entry) add('errno', entry.name, entry);
  }
  const text = o.strerror?.exec(line);
  if (text) {
    const entry = ERRNO_BY_STRERROR.get(text[1] as string);
    if (entry) add('errno', entry.name, entry);
  }
  const gpu = o.gpu?.exec(line);
  if (gpu) add('gpu', gpu[1] as string, lookup(CUDA_ERRORS, gpu[1]) ?? lookup(NCCL_ERRORS, gpu[1]));
  const node = o.nodeCode?.exec(line);
  if (node) add('node_code', node[1] as string, lookup(NODE_CODES, node[1]));
  const panic = o.panic?.exec(line);
  if (panic) {
    const said = (panic[1] ?? panic[2] ?? panic[3] ?? panic[4] ?? '') as string;
    for (const [phrase, meaning] of Object.entries(RUNTIME_PANICS)) {
      if (said.includes(phrase)) {
        add('panic', phrase, meaning);
        break;
      }
    }
  }
}

/**
 * A server's access log's request line answered 500, with the server's prefix: uvicorn's client
 * address ('127.0.0.1:48524 - "POST /v1/chat HTTP/1.1" 500') or the common log format's '- - [date]'
 * (werkzeug): the logging server's own answer. A client's line (urllib3's 'https://api.openai.com:443
 * "POST /v1/chat/completions HTTP/1.1" 500 None') is the upstream's answer and still reads.
 */
const OWN_ACCESS_LOG_500 =
  /(?:\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})? - |- - \[[^\]\n]{1,40}\] )"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) [^"\s]{1,500} HTTP\/[\d.]{1,5}" 500\b/;

/** Signals and exit statuses, gRPC and HTTP statuses. */
function statusParts(line: string, add: Add, o: OpenParts): void {
  // A supervisor sending a signal to the other processes after a failure (torchrun's "Sending
  // process 6832 closing signal SIGTERM", "sending SIGTERM to ...") states how it cleaned up, not
  // why the run failed: no signal part.
  const sig = !o.signalName || SIGNAL_SENT.test(line) ? null : o.signalName.exec(line);
  if (sig) add('signal', sig[1] as string, lookup(SIGNALS, sig[1]));
  for (const [words, name] of o.signalWords) if (words.test(line)) add('signal', name, lookup(SIGNALS, name));
  const exit = o.exit?.exec(line);
  if (exit) {
    if (exit[2]) add('signal', exit[2], lookup(SIGNALS, exit[2]));
    else {
      const code = Number(exit[1]);
      const signal = code < 0 ? SIGNAL_NAMES[String(-code)] : code > 128 ? SIGNAL_NAMES[String(code - 128)] : undefined;
      if (signal) add('signal', signal, lookup(SIGNALS, signal));
      else add('signal', `exit ${code}`, lookup(EXIT_STATUS, String(code)));
    }
  }
  const sigNumber = o.signalNumber?.exec(line);
  if (sigNumber) {
    const name = SIGNAL_NAMES[sigNumber[1] as string];
    if (name) add('signal', name, lookup(SIGNALS, name));
  }
  const grpc = o.grpc?.exec(line);
  if (grpc) {
    const raw = grpc[1] ?? grpc[2] ?? grpc[3] ?? grpc[5];
    const name = raw ? grpcName(raw) : GRPC_CODE_NAMES[grpc[4] as string];
    if (name) add('grpc', name, lookup(GRPC_STATUS, name));
  }
  const http = o.http?.exec(line);
  // Not the program's own web server's access-log 500 ('"POST /ingest HTTP/1.1" 500 Internal
  // Server Error', uvicorn's form; upstream.5xx reads it neither): that server answered its own
  // client after something in it failed, and the cause is elsewhere in the text (the tuned cases
  // with the line, of ten projects: never upstream_5xx). A gateway's 502-504 there still reads.
  const status = http ? ((http[1] ?? http[2]) as string) : undefined;
  if (status && !(status === '500' && OWN_ACCESS_LOG_500.test(line))) add('http', status, lookup(HTTP_STATUS, status));
}

/** The parts of one line. */
function partsOfLine(line: string, where: PartWhere, out: Part[], o: OpenParts): void {
  const add: Add = (kind, name, meaning) => {
    if (meaning) out.push({ kind, name, where, meaning });
  };
  classParts(line, add, o);
  codeParts(line, add, o);
  statusParts(line, add, o);
}

/**
 * The last BODY_TAIL characters of the body, as read (`tail`) and with `mask` applied (`masked`, the
 * same length, line for line): `mask` is applied to each line whole, then the tail is cut from the
 * masked body at the same offset, so a line the tail starts inside is masked by all its words.
 */
function bodyTail(body: string, mask?: (line: string) => string): { tail: string; masked: string } {
  const tail = cutTail(body, BODY_TAIL);
  if (!mask) return { tail, masked: tail };
  const at = body.length - tail.length;
  const start = at > 0 ? body.lastIndexOf('\n', at - 1) + 1 : 0;
  return {
    tail,
    masked: body
      .slice(start)
      .split('\n')
      .map(mask)
      .join('\n')
      .slice(at - start),
  };
}

/**
 * The lines parts are read in: headline, telling lines, then the end of the body (each once, cut to
 * 2,000 characters). `mask` (readParts) is applied to each line whole before it is cut, and to the
 * body's line the end starts inside before that cut too (bodyTail), so words the mask blanks are
 * blanked wherever a cut falls, and the rest of their line is read.
 */
export function recordLines(
  sources: { headline: string; telling: string[]; body: string },
  mask?: (line: string) => string,
): { text: string; where: PartWhere }[] {
  const out: { text: string; where: PartWhere }[] = [];
  const seen = new Set<string>();
  const scan = (text: string, where: PartWhere, masked: boolean) => {
    for (const line of text.split('\n')) {
      const trimmed = cut(mask && !masked ? mask(line) : line, 2000);
      if (!trimmed.trim() || seen.has(trimmed)) continue;
      seen.add(trimmed);
      out.push({ text: trimmed, where });
    }
  };
  scan(sources.headline, 'headline', false);
  for (const line of sources.telling) scan(line, 'telling', false);
  scan(bodyTail(sources.body, mask).masked, 'body', true);
  return out;
}

/** Every part of the given lines, the known packages' messages included. */
function partsOfLines(lines: { text: string; where: PartWhere }[], o: OpenParts = ALL_OPEN): Part[] {
  const out: Part[] = [];
  const messagesOf = packageMatcher(lines);
  for (const { text, where } of lines) {
    partsOfLine(text, where, out, o);
    for (const message of messagesOf(text))
      out.push({ kind: 'package', name: `${message.pkg}: ${message.says}`, where, meaning: message.meaning });
  }
  return out;
}

/** Every part of the record's text: headline, telling lines, then the end of the body. */
export function findParts(sources: { headline: string; telling: string[]; body: string }): Part[] {
  return partsOfLines(recordLines(sources));
}

/**
 * The component (ROS node) that logged the last error line, when the log names one. With `mask`
 * (readParts), a line the mask changes is no error line of its component: its error is the masked
 * warning (decided on the line whole, as recordLines masks it).
 */
export function errorComponent(text: string, mask?: (line: string) => string): string | undefined {
  let found: string | undefined;
  const { tail, masked } = bodyTail(text, mask);
  const maskedLines = masked.split('\n');
  tail.split('\n').forEach((line, i) => {
    const m = ROS_COMPONENT.exec(line);
    if (m && maskedLines[i] === line) found = m[1] ?? m[2];
  });
  return found;
}

/** A robot reading as a part: named by the words read ("imu … no data received"). */
function robotPart(r: RobotReading): Part {
  return { kind: 'robot', name: `${r.nounText} … ${r.verbText}`, where: r.where, meaning: r.meaning };
}

/** How sure a part read alone makes us: by its table weight, lower in the body, never PARTS_MAX or more. */
export function partConfidence(part: Part): number {
  return Math.min(PARTS_MAX, (0.45 + 0.3 * part.meaning.weight) * (part.where === 'body' ? 0.9 : 1));
}

function score(part: Part): number {
  return part.meaning.weight + WHERE_BONUS[part.where] - PART_KINDS.indexOf(part.kind) * 0.001;
}

/** Words of a record about an I2C bus: the kernel's i2c-dev, Python's smbus, i2c-tools. */
const I2C_BUS = /\bi2c|smbus|i2cdetect/i;

/**
 * The best reading of the record's parts, or null when no part has a meaning. `context` is
 * the whole text considered (for parts read only about a sensor); `robot` false leaves the
 * generic robot reading out (a record about a model call: its "param"/"invalid" words are a
 * provider's error body, not a robot's setting). `verbsMayMatch`: which failure classes of the
 * robot reading may match (robot.ts VERB_REGEXES, from a prefilter scan of a text holding all of
 * the record's lines); without it the robot reading scans the lines itself. `partsMayMatch`:
 * which of PART_REGEXES may match (from the same scan); without it all are tried on every line.
 * `mask`: blanks what no reader may read (classify.ts: the words of a warning the warning step found
 * outlived); every reader below (the tables, the package messages, the robot reading, the logging
 * component) reads the lines as masked (recordLines, errorComponent).
 */
export function readParts(
  sources: { headline: string; telling: string[]; body: string },
  context: string,
  robot = true,
  verbsMayMatch?: readonly boolean[],
  partsMayMatch?: readonly boolean[],
  mask?: (line: string) => string,
): PartsReading | null {
  const sensor = SENSOR_CONTEXT.test(context);
  // A device part (EIO, EREMOTEIO…) in a record about an actuator and no sensor: the actuator's fault.
  const actuator = !sensor && ACTUATOR_CONTEXT.test(context);
  // An I2C device that did not acknowledge (EREMOTEIO: PartMeaning.onBareI2cBus) in a record about an I2C bus (smbus,
  // i2cdetect) that names neither: on the robots these texts come from (Raspberry Pi kits), the
  // board on the bus is the servo or motor driver (labels with no device named: actuator_fault 2
  // of 2; 10 of 11 in all), at a low weight. With no bus named it stays no device's.
  const bareI2c = !sensor && !actuator && I2C_BUS.test(context);
  // gdb's "<line>\t<file>.c: No such file or directory." for a frame without installed source is the
  // debugger's, not the program's: neither the errno nor the robot reading ("file" + absent) reads it.
  const lines = recordLines(sources, mask).filter((l) => !GDB_SOURCE_NOT_FOUND.test(l.text));
  const parts = partsOfLines(lines, partsMayMatch ? openParts(partsMayMatch) : ALL_OPEN)
    .filter(
      (p) =>
        (!p.meaning.sensorOnly || sensor || actuator || (bareI2c && p.meaning.onBareI2cBus)) &&
        !p.meaning.unless?.test(context) &&
        (!p.meaning.when || p.meaning.when.test(context)) &&
        // A message that is a symptom yielding to a cause named before it is not read (yields.ts).
        !(p.meaning.yieldsTo && symptomYields(p.meaning.yieldsTo, sources)),
    )
    .map((p) =>
      p.meaning.sensorOnly && actuator
        ? { ...p, meaning: { ...p.meaning, factor: 'actuator_fault' } }
        : p.meaning.sensorOnly && !sensor
          ? { ...p, meaning: { ...p.meaning, factor: 'actuator_fault', weight: Math.min(p.meaning.weight, 0.4) } }
          : p,
    );
  // The generic robot reading (component class + failure verb): one more part, of low weight.
  const about = sensor ? 'sensor' : actuator ? 'actuator' : undefined;
  const reading = robot ? readRobot(lines, SIMULATOR_CONTEXT.test(context), verbsMayMatch, about) : null;
  if (reading) parts.push(robotPart(reading));
  const component = errorComponent(sources.body, mask);
  if (!parts.length) {
    // The weakest part: the node that logged the error, only when nothing else names a cause.
    const meaning = component ? componentMeaning(component) : undefined;
    if (!component || !meaning) return null;
    parts.push({ kind: 'component', name: component, where: 'telling', meaning });
  }
  let best = parts[0] as Part;
  for (const p of parts) if (score(p) > score(best)) best = p;
  const confidence = partConfidence(best);
  return { part: best, confidence, parts, ...(component ? { component } : {}) };
}
