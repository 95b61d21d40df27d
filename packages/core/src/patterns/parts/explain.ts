/**
 * What a reading from the structure tables says to a person: per taxonomy category, the
 * hypothesis, the fix and the first actions. Short and general on purpose — the title carries
 * the part that was read (ENOSPC, HTTP 503, FileNotFoundError), the evidence the line it was
 * read in.
 */
export interface Explanation {
  hypothesis: string;
  fix: string;
  actions: string[];
}

const GENERIC: Explanation = {
  hypothesis: 'The failure text is made of a part whose meaning is known, though no more specific pattern matched.',
  fix: 'Read the line the part was found in and the lines just before it.',
  actions: ['Read the telling lines around the part'],
};

export const CATEGORY_EXPLANATION: Readonly<Record<string, Explanation>> = {
  syntax_error: {
    hypothesis: 'Code or a document could not be parsed: its syntax is invalid.',
    fix: 'Open the file at the reported line and fix the syntax.',
    actions: ['Open the reported file and line'],
  },
  import_error: {
    hypothesis: 'A module, package or native library the code needs is missing or of the wrong version in this environment.',
    fix: 'Install (or pin) the missing package in the environment that runs the code.',
    actions: ['Check the installed packages and versions in the failing environment'],
  },
  validation_error: {
    hypothesis: 'An input was rejected because it does not fit what the callee accepts (type, range or schema).',
    fix: 'Compare the rejected value with what the callee documents; fix the caller.',
    actions: ['Read which argument or field was rejected'],
  },
  runtime_error: {
    hypothesis: 'The code raised an exception of a well-known kind while running.',
    fix: 'Open the stack trace at the first frame in your own code and fix the value or the path that raised.',
    actions: ['Open the first frame of your own code in the stack trace'],
  },
  timeout: {
    hypothesis: 'An operation did not finish within its time limit.',
    fix: 'Find what was slow or unreachable (the dependency, the network, a lock) before raising the limit.',
    actions: ["Check the dependency's latency at that time", 'Check for a hang or deadlock'],
  },
  resource_error: {
    hypothesis: 'A resource ran out: memory, disk, file descriptors or a quota.',
    fix: 'Free or raise the exhausted resource, or make the job use less of it.',
    actions: ["Check the host's memory, disk and limits at the failure time"],
  },
  network_error: {
    hypothesis: 'A network connection failed (refused, reset, unresolvable or with a TLS error).',
    fix: 'Check that the remote end is up and reachable from this host, its address and its certificates.',
    actions: ['Check the remote service is up and reachable', 'Check DNS, proxies and certificates'],
  },
  auth_error: {
    hypothesis: 'The call was refused for its credentials or permissions.',
    fix: 'Check the credentials in use and the permissions of that identity on the resource.',
    actions: ['Check which identity made the call and what it may do'],
  },
  rate_limit: {
    hypothesis: 'Requests were sent faster than the provider allows.',
    fix: 'Back off and retry, honouring Retry-After; lower the concurrency.',
    actions: ['Retry with backoff', 'Lower the concurrency'],
  },
  upstream_error: {
    hypothesis: 'A dependency answered with a server-side error; the request itself may be fine.',
    fix: "Retry idempotent requests with backoff; check the dependency's health.",
    actions: ['Retry with backoff', "Check the dependency's status"],
  },
  context_overflow: {
    hypothesis: "The request does not fit the model's context window.",
    fix: 'Shorten the prompt or history, or use a model with a larger window.',
    actions: ['Count the tokens of the request'],
  },
  output_parse_error: {
    hypothesis: "The model's answer could not be parsed into the expected structure.",
    fix: 'Use structured output or a stricter prompt, and validate and retry on a parse failure.',
    actions: ["Log the model's raw answer"],
  },
  tool_error: {
    hypothesis: "An agent's tool call failed.",
    fix: "Check the tool's arguments and its own error.",
    actions: ['Read the failing tool call and its result'],
  },
  agent_loop: {
    hypothesis: 'The agent did not converge within its limits.',
    fix: 'Find why the agent repeats itself before raising the limit.',
    actions: ["Read the agent's last steps"],
  },
  config_error: {
    hypothesis: 'A setting, a path or an environment variable is wrong or missing.',
    fix: 'Fix the setting the message names in the configuration of the failing environment.',
    actions: ['Compare the configuration with the documented one'],
  },
  data_error: {
    hypothesis: 'The input data is damaged, empty, or holds values the code cannot handle.',
    fix: 'Validate the input before use and find where the bad record came from.',
    actions: ['Inspect the input record or file that failed'],
  },
  hardware_fault: {
    hypothesis: 'A device of the robot (a sensor or an actuator) failed or could not be reached.',
    fix: "Check the device's power, cable, port and driver; restart the driver.",
    actions: ["Check the device's connection (dmesg, the device node)", "Read the driver's log"],
  },
  policy_failure: {
    hypothesis: 'The run ended without achieving its task.',
    fix: 'Replay the episode and compare with a successful one.',
    actions: ['Watch the episode replay'],
  },
  aborted: {
    hypothesis: 'The run was stopped from outside rather than failing on its own.',
    fix: 'Check who or what stopped it (an operator, a scheduler, a supervisor).',
    actions: ['Check the scheduler and supervisor logs'],
  },
};

export function explanationOf(category: string): Explanation {
  return CATEGORY_EXPLANATION[category] ?? GENERIC;
}
