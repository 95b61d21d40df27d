/** Patterns: agents and tools. Evaluated in the order of library.ts; tested in test/patterns.test.ts and test/patterns-providers.test.ts. */
import { CALL_ARGS_MISMATCH, nearby, TRUNCATION } from '../resolvers.js';
import type { Pattern } from '../types.js';

/** The tool call got no answer in time: a client-side request timeout (MCP -32001), right after the surface words. */
const TOOL_CALL_TIMED_OUT = /^[^\n]{0,80}?(?:Request timed out|MCP error -32001|timed out after \d{1,9} ?(?:ms|s|seconds)\b)/i;
/**
 * A tool call's arguments read by the agent framework (Python json.loads of the tool's params, a JS
 * JSON.parse of a call's function.arguments): a JSON error there is the model's tool arguments.
 */
const TOOL_ARGS_PARSE =
  /\b(?:tool_args|tool_input|function_args|arguments)\s{0,2}=\s{0,2}json\.loads\(|json\.loads\(\s{0,2}[\w.]{0,40}(?:function|tool_call|tool_calls\[\d{1,3}\])\.arguments\b|JSON\.parse\(\s{0,2}[\w.?]{0,40}(?:function|toolCall|tool_call)\??\.arguments\b|\bin _call_tool\b/;

export const AGENTS: Pattern[] = [
  {
    id: 'agent.recursion_limit',
    category: 'agent_loop',
    factor: 'recursion_limit',
    severity: 'medium',
    confidence: 0.93,
    priority: 91,
    // The limit told in prose too ("LangGraph hit the safety recursion limit", "Recursion limit hit
    // during stream"): the tuned cases naming a recursion limit are labelled recursion_limit, 23 of 23.
    match:
      /(GraphRecursionError|Recursion limit of \d{1,12} reached|recursion_limit[^\n]{0,40}(?:reached|exceeded)|recursion limit (?:reached|exceeded|hit\b|was hit\b|of \d{1,12})|\b(?:hit|reached|exhausted) (?:the |its |a )?(?:[\w'-]{1,20} )?recursion limit\b)/i,
    title: 'Agent graph hit its recursion limit',
    hypothesis:
      "The agent kept cycling between nodes/steps without reaching a stop condition until the graph's recursion limit stopped it.",
    fix: 'Find the loop (usually a tool that keeps failing or a router that never routes to the end) and add a stop condition; raise recursion_limit only if the task really needs more steps.',
    actions: [
      'Look at the last steps of the trace for the repeating node or tool call',
      'Add an exit condition or a max-retries guard on the failing tool',
    ],
  },
  {
    id: 'agent.max_iterations',
    category: 'agent_loop',
    factor: 'max_iterations',
    severity: 'medium',
    confidence: 0.92,
    priority: 90,
    // The Claude Agent SDK's (claude-code-action's) result subtype error_max_turns (agent-19 openhpsdr-zeus:
    // max_iterations), not a member of the SDK's type union a compiler or editor quotes ('"success" |
    // "error_max_turns" | …'). "ran out of turn budget" was that PR's prose, not a form: an evaluation's episode
    // cut at its turns (policy_failure) and a game engine's per-move budget say it too (review19 F2, F3).
    // Turns, not steps: a robot rollout's step budget is the episode's limit (robotics prpl-tidybot, odyssey:
    // env_truncated).
    match:
      /(Agent stopped due to (?:iteration limit|max iterations|iteration limit or time limit)|MaxTurnsExceeded|AgentMaxStepsError|PipelineMaxComponentRuns|PipelineMaxLoops|Max(?:imum)? (?:run|loop) count[^\n]{0,30}reached for component|Maximum number of consecutive auto-replies|UsageLimitExceeded[^\n]{0,60}request_limit|Max(?:imum)? (?:number of )?turns(?: \(\d{1,12}\))? exceeded|Maximum number of (?:turns|messages) \d{1,12} reached|max(?:imum)?[_ ]iterations[^\n]{0,40}(?:reached|exceeded)|reached (?:the )?max(?:imum)? (?:number of )?(?:steps|iterations|rounds|turns)|max_rounds[^\n]{0,30}(?:reached|exceeded)|exceeded max_steps|iteration limit (?:reached|exceeded)|[Cc]ost limit (?:exceeded|reached)|Exit due to cost limit|\bexit_cost\b|(?:budget|cost) (?:of [^\n]{0,20})?exceeds? (?:the )?(?:per-instance |instance )?limit|(?<![|]\s{0,2}['"])\berror_max_turns\b(?!['"]\s{0,2}\|))/i,
    title: 'Agent stopped by its iteration limit',
    hypothesis: 'The agent used all its allowed iterations/turns without producing a final answer.',
    fix: 'Inspect the repeated steps; fix the tool or prompt that keeps the agent from finishing before raising the limit.',
    actions: ['Read the last iterations for a repeating action', 'Give the agent a clearer stop condition or better tool errors'],
  },
  {
    id: 'agent.recursion_error',
    category: 'agent_loop',
    factor: 'recursion_limit',
    severity: 'medium',
    confidence: 0.7,
    priority: 60,
    match: /(RecursionError: maximum recursion depth exceeded[^\n]{0,80})/,
    resolve: (ctx) => (ctx.agent || ctx.llm ? null : { as: 'rt.stack_overflow' }),
    title: 'Agent recursion exceeded the maximum depth',
    hypothesis: "A chain or agent called itself until Python's recursion limit stopped it.",
    fix: 'Find the self-calling step and give it a base case or a depth limit.',
    actions: ['Look for the repeating frames in the stack trace', 'Add a depth limit or base case'],
  },
  {
    id: 'tool.not_found',
    category: 'tool_error',
    factor: 'tool_not_found',
    severity: 'medium',
    // CrewAI's own (ungrammatical) wording for an action name the agent does not have: "Action 'Search
    // 10-K form' don't exist, these are the only available Actions:" (agent-7, held-out 3), printed
    // also without its tail when the issue repeats it line after line (agent-19 crewai blogs); only at
    // the end of its clause (a comma or the line's end): "Action 'indexAction' don't exist in controller
    // …" is another product's grammar (review 17).
    confidence: 0.9,
    priority: 88,
    match:
      /(is not a valid tool|Tool (?:with name |named )?[`'"]?[\w.-]{1,80}[`'"]? (?:not found|does not exist|is not available)|Tool [`'"][^`'"\n]{1,80}[`'"] (?:not found|does not exist|is not available)|\bTool [^\s'"`]{1,80} not found\b|(?:Unknown|unregistered) tool|No tool (?:named|found|with name)|ToolNotFound|tool[_ ]not[_ ]found|Function [`'"]?[\w.-]{1,80}[`'"]? (?:not found|is not defined|does not exist)|(?<!<)Unknown function(?: name)?(?!>)|(?:call|use) (?:an? )?unavailable tool|tool_use[^\n]{0,60}unknown|\bTool\b[^\n]{0,100} not found in (?:the )?(?:agent|toolkit|registry|tool ?set)|(?:don'?t|doesn'?t|do not|does not) exist, these are the only available (?:Actions|tools)|these are the only available (?:Actions|tools)|\bAction '[^'\n]{1,120}' don't exist(?=,|[ \t]{0,20}(?:\r?\n|$)))/i,
    title: 'Agent called a tool that does not exist',
    hypothesis: 'The model asked for a tool name that is not registered with the agent (hallucinated or renamed tool).',
    fix: 'Register the tool, or make the tool list in the prompt match the registered names exactly.',
    actions: ['Compare the requested tool name with the registered tools', 'Constrain tool choice to the registered names'],
  },
  {
    id: 'tool.invalid_args',
    category: 'tool_error',
    factor: 'invalid_tool_args',
    severity: 'medium',
    confidence: 0.87,
    priority: 87,
    // The arguments of a call the model made (a schema they do not fit, JSON that does not parse);
    // a model answer no tool call could be parsed from (Groq's tool_use_failed, Ollama's "error
    // parsing tool call") is llm.tool_call_unparsed (docs/taxonomy.md, rule 10).
    match:
      /(Malformed function call|MALFORMED_FUNCTION_CALL|Received tool input did not match expected schema|tool call validation failed: parameters for tool [\w.-]{1,80} did not match schema|\binvalid (?:tool )?args: (?:invalid character|unexpected end of JSON input)[^\n]{0,60}|Missing argument for function parameter|(?:Input|Arguments?|Parameters?) for (?:the )?(?:tool|function) [`'"]?[\w.-]{1,80}[`'"]? (?:is|are) invalid|Invalid (?:arguments|args|parameters) (?:for|to|passed to) (?:tool|function)|invalid tool (?:call )?(?:arguments|args|input)|ToolInputParsingException|Failed to parse (?:tool|function) (?:call )?(?:arguments|args|input)|Error parsing (?:tool|function) (?:call )?arguments|validation errors? for \w{0,80}(?:Schema|Input|Args|Arguments|Tool)\b|tool_input[^\n]{0,40}(?:invalid|validation)|arguments? (?:are|is) not valid JSON[^\n]{0,40}tool|Could not parse (?:tool|function) (?:call )?(?:input|arguments)[^\n]{0,60}|Invalid JSON (?:input|arguments) for (?:tool|function)[^\n]{0,60}|AgentToolCallError[^\n]{0,60}|Arguments? validation failed(?: for tool)?[^\n]{0,60}|["'`]?function\.arguments["'`]?[^\n]{0,60}(?:must be in JSON|is not (?:a )?valid JSON|not valid JSON)[^\n]{0,20}|Failed to parse tool[_ ]calls?(?: JSON| arguments| args)[^\n]{0,60}|(?:tool|function) call [`'"]?[\w.-]{1,80}[`'"]? ha(?:s|ve) (?:non-JSON|invalid JSON|malformed|invalid) arguments[^\n]{0,40}|non-JSON (?:tool |function )?(?:call )?arguments[^\n]{0,40}|(?:Error (?:in|during) tool call execution|tool)[^\n]{0,80}(?:missing \d{1,3} required (?:positional |keyword-only )?arguments?|got an unexpected keyword argument)[^\n]{0,60})/i,
    title: 'Tool call arguments were invalid',
    hypothesis: "The model produced arguments that do not fit the tool's argument schema.",
    fix: 'Tighten the tool schema and its description, return the validation error to the model so it can retry, or use strict function calling.',
    actions: ['Log the raw tool arguments next to the schema', 'Enable strict/structured tool calling'],
  },
  {
    id: 'tool.args_json',
    category: 'tool_error',
    factor: 'invalid_tool_args',
    severity: 'medium',
    confidence: 0.72,
    // Above llm.truncated_json (94): a JSON error raised where the framework parses a tool call's
    // arguments is the model's arguments; a record that says the answer was cut (TRUNCATION) keeps
    // the truncation reading.
    priority: 95,
    match:
      /(JSONDecodeError: [^\n]{0,120}|json\.decoder\.JSONDecodeError[^\n]{0,120}|SyntaxError: [^\n]{0,80}\bJSON\b[^\n]{0,60}|Unterminated string[^\n]{0,60}|Expecting (?:value|property name enclosed in double quotes|',' delimiter|':' delimiter)[^\n]{0,60})/,
    also: TOOL_ARGS_PARSE,
    unless: TRUNCATION,
    title: "The tool call's arguments were not valid JSON",
    hypothesis:
      'The model wrote the arguments of a tool call as malformed JSON (an unterminated string, a stray character), so the agent could not parse them and the tool never ran.',
    fix: 'Return the parse error to the model as the tool result so it can retry, use strict function calling, or repair the arguments (json-repair) before parsing.',
    actions: ['Log the raw arguments string of the failing tool call', 'Enable strict/structured tool calling'],
  },
  {
    id: 'mcp.server_exited',
    category: 'tool_error',
    factor: 'tool_execution_failed',
    severity: 'high',
    // An MCP client's log of a stdio server whose process exited right after it started (Claude
    // Desktop: "Server transport closed unexpectedly, this is likely due to the process exiting
    // early"): the server failed (docs/taxonomy.md rule 10), not the network. Low priority: a
    // cause the server printed to stderr before it exited (a module it cannot import, a command
    // not found) is the reading (rule 1).
    confidence: 0.7,
    priority: 40,
    match: /(Server transport closed unexpectedly, this is likely due to the process exiting early)/,
    title: 'The MCP server process exited right after it started',
    hypothesis:
      'The client started the MCP server as a child process and talked to it over stdio; the process exited (a crash at start-up, a missing dependency, a wrong command or argument), so the transport closed.',
    fix: "Run the server's configured command by hand in a terminal to see the error it prints, then fix that (install the package, correct the command or path).",
    actions: ['Run the configured command and args by hand', "Read the server's stderr lines just before the transport closed"],
  },
  {
    id: 'tool.execution_failed',
    category: 'tool_error',
    factor: 'tool_execution_failed',
    severity: 'medium',
    confidence: 0.85,
    priority: 82,
    // "Tool call failed" says where; an MCP timeout code or an errno in the same record says why.
    // A tool error class quoted as the type of an object in Python's own message ("'ToolError' object has no
    // attribute 'tool_name'", agent-21 omnicoreagent: the agent's code misreading its own error object,
    // runtime_error) names no tool that failed: the class followed by a quote and "object" is not read.
    surface: true,
    match:
      /(ToolException(?!['"] object\b)|MCP error -?\d{1,6}: Connection closed|\[tools?\] [\w.-]{1,40} failed\b[^\n]{0,60}|Execution failed while calling the Tool[^\n]{0,60}|Error (?:executing|running|calling|invoking) (?:the |an? )?(?:MCP |remote )?tool|McpError[^\n]{0,60}|Tool (?:execution|call|run) (?:failed|error)|tool (?:call )?failed|failed to (?:run|execute|call|invoke) (?:the )?tool|ToolError(?!['"] object\b)|tool returned an error|Tool [`'"]?[\w.-]{1,80}[`'"]? (?:raised|failed|errored)|ToolCallError(?!['"] object\b)|FunctionCallError(?!['"] object\b)|AgentToolExecutionError[^\n]{0,60}|error while trying to use the tool\. This was the error: (?!\d{1,4} validation errors? for|Arguments validation failed)[^\n]{0,80}|Error (?:in|during) tool call execution[^\n]{0,80}|Error (?:occurred )?(?:during|while|in) (?:the )?tool execution[^\n]{0,40}|["']isError["']\s{0,3}:\s{0,3}true|"content":\s?\[\{"type":\s?"text",\s?"text":\s?"Error: [^\n]{0,80})/i,
    // A tool that failed because the model's call did not fit the function's signature (missing or
    // unexpected arguments) is the model's arguments, not the tool's execution.
    resolve: (ctx, site) => {
      const at = ctx.text.indexOf(site.text.slice(site.index, site.index + site.length));
      const after = at >= 0 ? ctx.text.slice(at, at + site.length + 300) : '';
      if (CALL_ARGS_MISMATCH.test(nearby(site, 0, 300)) || CALL_ARGS_MISMATCH.test(after)) return { as: 'tool.invalid_args' };
      // The call itself got no answer in time ("Error calling tool: Request timed out after
      // 30000ms", MCP -32001 inside a -32603 wrapper): the timeout, not the tool's execution.
      return TOOL_CALL_TIMED_OUT.test(after) ? { as: 'timeout.request' } : null;
    },
    title: 'An agent tool failed while running',
    hypothesis: "A tool the agent called raised an error; the failure is inside the tool, not in the model's choice of tool.",
    fix: 'Fix or harden the tool (see its error in the evidence), and return tool errors to the model as observations instead of failing the run.',
    actions: ['Open the failing tool span and its exception', 'Make the tool return errors as results the agent can act on'],
  },
];
