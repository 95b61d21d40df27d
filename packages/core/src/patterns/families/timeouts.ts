/** Patterns: timeouts. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import { fromMatch, resolveTimeout, SERVER_5XX_ANSWER } from '../resolvers.js';
import type { Pattern } from '../types.js';

/** wandb's retry notice naming a TLS failure: "wandb: Network error (SSLError), entering retry loop." */
const WANDB_TLS_RETRY = /\bwandb: Network error \((?:SSLError|SSLEOFError|SSLCertVerificationError)\), entering retry loop/;
/** wandb's own notice that the retried network error cleared: "Network error resolved after 0:00:12.3". */
const WANDB_RETRY_CLEARED = /\bNetwork error resolved after\b/;
/** Name resolution failing in the same record as the init timeout. */
const WANDB_DNS = /Temporary failure in name resolution|Name or service not known|NameResolutionError|Failed to resolve '/;
/** W&B's API refusing the client's credentials. */
const WANDB_AUTH = /\(<Response \[401\]>\)|user is not logged in/;

export const TIMEOUTS: Pattern[] = [
  {
    id: 'timeout.hang',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'high',
    confidence: 0.88,
    priority: 84,
    match:
      /(Watchdog caught collective operation timeout[^\n]{0,60}|collective operation timeout|ProcessGroupNCCL[^\n]{0,80}[Tt]imeout|NCCL[^\n]{0,60}(?:timeout|timed out)|\bdeadlock(?:ed)?\b[^\n]{0,60}|Deadlock found|watchdog (?:timeout|triggered|expired|detected)[^\n]{0,40}|no progress (?:for|in|after)[^\n]{0,40}|(?:process|job|worker|task) (?:appears to be |seems )?(?:hung|stuck)|heartbeat (?:timeout|timed out|missed)|Task was destroyed but it is pending)/i,
    title: 'Hang or deadlock detected',
    hypothesis:
      'Work stopped making progress (a collective that one rank never joined, a lock cycle, or a stuck worker) until a watchdog stopped it.',
    fix: 'Find the rank/thread that did not arrive (mismatched collectives, one rank crashing or on a different code path); take a stack dump while it hangs.',
    actions: [
      "Compare the ranks' last operations",
      'Dump stacks of the stuck process (py-spy dump)',
      'Check for one rank failing earlier',
    ],
  },
  {
    id: 'timeout.hang_prose',
    category: 'timeout',
    factor: 'hang_or_deadlock',
    severity: 'medium',
    // The reporter's words for work that stops making progress with no error printed ("the program gets
    // stuck", "Gets stuck in stopping state", "the teensy code gets stuck at the loop", "the program is
    // blocked forever", "a service method hangs"): docs/taxonomy.md, no progress -> hang_or_deadlock
    // (tuned cases: 7 of 7 labelled so across robotics-9, robotics-21, agent-15, infra). Below the log
    // forms and any named cause. Not a physical body stuck in the world ("the robot gets stuck on the
    // carpet", "got stuck in a local minimum": a motion or planning failure, not a program's progress);
    // "being stuck at full tilt" (a vehicle's state) and "the code hangs after this warning" are not read.
    confidence: 0.62,
    priority: 40,
    match:
      /((?<!\b(?:robot|robots|vehicle|car|cars|drone|rover|wheel|wheels|mower|vacuum|gripper|leg|legs|foot|feet|agent|agents|ego|boat|arm) (?:always |often |sometimes |just |then |still )?)\b(?:gets|got|getting) stuck\b(?! (?:on|against|behind|under|between|in front of|inside|into)\b| (?:in|at) (?:a |the )?(?:corner|wall|mud|grass|carpet|obstacle|doorway|local minim))|\b(?:is|was|are|were|be|being) blocked (?:forever|indefinitely)\b|\b(?:blocks|hangs|waits|loops|hung|waited|looped) (?:forever|indefinitely)\b|\b(?:service|method|call|program|launch) (?:always |sometimes |just )?hangs\b)/i,
    title: 'Work stops making progress',
    hypothesis:
      'The program stopped making progress without an error: a wait that is never satisfied, a loop that never exits, or a lock never released.',
    fix: 'Take a stack dump while it hangs (py-spy dump, gdb, Ctrl-\\) to see which wait or loop it is in, then give that wait a timeout or fix the condition it waits for.',
    actions: ['Dump the stacks of the stuck process', 'Find the wait or loop it never leaves', 'Add a timeout to that wait'],
  },
  {
    id: 'timeout.deadline',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.88,
    priority: 78,
    match:
      /(DEADLINE_EXCEEDED[^\n]{0,60}|DeadlineExceeded[^\n]{0,60}|context deadline exceeded[^\n]{0,60}|[Dd]eadline [Ee]xceeded|time limit (?:exceeded|reached)|TimeLimitExceeded|DUE TO TIME LIMIT|exceeded (?:the )?(?:maximum )?(?:execution|run|wall[- ]?clock) time|Task timed out after[^\n]{0,40}|did not (?:start(?: up)?|become (?:ready|healthy)|come up) (?:in|within) \d{1,6} ?(?:s\b|sec|seconds|ms|minutes)[^\n]{0,40}|activeDeadlineSeconds|Job (?:was )?(?:cancelled|terminated|killed)[^\n]{0,30}time ?limit|\bkeepalive ping timeout\b[^\n]{0,40}|did not receive audio data or a text message within the timeout window)/,
    // Heartbeats not answered in time (rule 2): the websockets library closing with "1011 (internal error)
    // keepalive ping timeout", and Deepgram's NET-0001 closing a stream that sent no audio or keep-alive
    // "within the timeout window" (agent-20 deepgram-python-sdk and pipecat: deadline_exceeded, both labellers).
    title: 'Deadline exceeded',
    hypothesis: 'The operation or job ran past its deadline or time limit.',
    fix: 'Find the slow step (trace the span timings); raise the deadline only if the work legitimately needs longer.',
    actions: ['Look at span durations to find the slow step', 'Set per-step deadlines below the overall one'],
  },
  {
    // Weights & Biases' wandb.init() that did not reach its run within init_timeout: "Run initialization
    // has timed out after 90.0 sec. Please try increasing the timeout with the `init_timeout` setting"
    // (wandb.errors.CommError): a state not reached by its deadline (docs/taxonomy.md rule 2), not one
    // request unanswered (agent-19 deepresearcher, eventclip). When wandb's own retry notice in the same
    // record names a TLS error ("wandb: Network error (SSLError), entering retry loop"), the init timed
    // out retrying that error: the named cause (rule 1), net.tls.
    id: 'timeout.wandb_init',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.75,
    priority: 78,
    needs: ['run initialization has timed out'],
    match: /(Run initialization has timed out after [\d.]{1,12} ?sec[^\n]{0,40})/,
    // A cause the record names beside the deadline (rule 1): name resolution, W&B's 401 / "user is not
    // logged in"; wandb's TLS retry notice only when wandb did not then say the network error cleared.
    resolve: (ctx) => {
      if (WANDB_DNS.test(ctx.text)) return { as: 'net.dns' };
      if (WANDB_AUTH.test(ctx.text)) return { as: 'auth.invalid_credentials' };
      const tls = WANDB_TLS_RETRY.exec(ctx.text);
      if (tls && !WANDB_RETRY_CLEARED.test(ctx.text.slice(tls.index))) return { as: 'net.tls' };
      return null;
    },
    title: 'W&B run initialization timed out',
    hypothesis:
      'wandb.init() could not create or reach its run on the W&B server within init_timeout: the server was slow or unreachable from this host (network, proxy, firewall), or the wandb service process did not start.',
    fix: 'Check that this host reaches the W&B server (api.wandb.ai or your instance) through any proxy; raise init_timeout for slow links, or set WANDB_MODE=offline and sync later.',
    actions: [
      'Run `wandb login` and a test `wandb.init()` from the same host',
      'Check proxy settings (HTTPS_PROXY) and the debug log under wandb/debug-internal.log',
    ],
  },
  {
    id: 'timeout.sandbox_expired',
    category: 'timeout',
    factor: 'deadline_exceeded',
    severity: 'medium',
    confidence: 0.8,
    // Above timeout.request (74): e2b's TimeoutException "The sandbox was not found: This error is
    // likely due to sandbox timeout" is a sandbox whose lifetime ran out, a deadline, not a request
    // that went unanswered. The SDK appends the same hint to other errors (a 502 from the sandbox's
    // gateway), so the pattern needs the sandbox to be gone.
    priority: 80,
    match: /(The sandbox was not found:?[^\n]{0,80}sandbox timeout[^\n]{0,40})/i,
    title: "The remote code sandbox's lifetime ran out",
    hypothesis:
      'The code-execution sandbox the agent was using had been shut down at the end of its timeout, so the next command found no sandbox.',
    fix: "Set the sandbox's timeout to cover the whole session (or extend it before long steps), and recreate the sandbox when it is gone instead of reusing a pooled one.",
    actions: [
      "Compare the sandbox's creation time and timeout with the failure time",
      'Recreate or keep-alive sandboxes held in a pool',
    ],
  },
  {
    id: 'timeout.request',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'medium',
    confidence: 0.88,
    priority: 74,
    match:
      /(ReadTimeout(?:Error)?[^\n]{0,60}|ConnectTimeout(?:Error)?[^\n]{0,60}|Read timed out[^\n]{0,40}|Request timed out[^\n]{0,40}|request timeout[^\n]{0,40}|APITimeoutError[^\n]{0,40}|SocketTimeoutException[^\n]{0,60}|\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|\bTimer expired \(os error 62\)|\[Errno 62\] Timer expired|timeout of \d{1,12} ?ms exceeded|httpx\.(?:Read|Connect|Pool|Write)Timeout|The read operation timed out|Connection timed out|connect timed out|TimeoutException[^\n]{0,60}|asyncio\.exceptions\.TimeoutError|concurrent\.futures\._base\.TimeoutError|Timeout(?:Error)?: [^\n]{0,80}|timed out after [\d.]{1,20} ?(?:s|ms|seconds|milliseconds)|Client\.Timeout exceeded)/i,
    // Linux's ETIME (errno 62, "Timer expired") in Rust's and Python's errno forms: an I/O wait that ran out of time
    // (agent-21 xet-core: hf_xet's CAS download "IO Error: Timer expired (os error 62)", request_timeout; read
    // before as the RuntimeError around it). The number pins Linux (62 is ELOOP on macOS).
    // A timeout whose message is the server's own 5xx page (an SDK guessing "likely a timeout"
    // around nginx's 502 Bad Gateway) is the server's answer (rule 1).
    resolve: (ctx, site) =>
      SERVER_5XX_ANSWER.test(fromMatch(ctx, site, 400)) ? { as: 'upstream.5xx' } : resolveTimeout(ctx, site),
    title: 'Request timed out',
    hypothesis: "A call to a dependency did not answer within the client's timeout.",
    fix: "Check the dependency's latency at the failure time; retry with backoff; raise the timeout only for calls that legitimately take longer (e.g. long generations, use streaming).",
    actions: [
      "Compare the timeout setting with the dependency's latency",
      'Use streaming for long model calls',
      'Retry with backoff',
    ],
  },
  {
    id: 'timeout.generic',
    category: 'timeout',
    factor: 'request_timeout',
    severity: 'medium',
    confidence: 0.55,
    priority: 30,
    // A setting named, not a failure: a keyword argument (`timeout=900s`, `timeout=Duration(sec=5)`),
    // a parameter's description ("timeout in milliseconds") or a program printing its setting
    // ("Timeout set to: 120 seconds").
    // Nor code: a name in a call or an attribute ("return fut.result(timeout)", concurrent.futures' own line in
    // every traceback through ThreadPoolExecutor.map; "self.timeout)", "self.timeout,"): an attribute
    // followed by code punctuation, or the name alone as a call's argument ("f(timeout)", "f(timeout,")
    // (agent-20 ai-eval-system: an OpenCompass assert read as a request timeout). Still read: roslaunch's
    // "(timeout 10.0s)", Go's "Client.Timeout", an enum's "X.TIMEOUT", "openai.error.Timeout", "...timed
    // out", a status "Failed (timeout)" or "(timeout, retrying)".
    match:
      /(?<!\.(?=timeout\s{0,2}[,)\]]))\b((?:timed? ?out|timeout)\b(?!(?<=\w\(timeout)[),])(?!\s{0,2}=| in (?:milli|micro)?seconds\b|\s{0,2}(?:is )?set to\b)[^\n]{0,60})/i,
    resolve: resolveTimeout,
    title: 'Timed out',
    hypothesis: 'Something timed out; the message does not say which call or why.',
    fix: 'Find the step that timed out and its limit; check the dependency it waited on.',
    actions: ['Find which call timed out in the surrounding log'],
  },
];
