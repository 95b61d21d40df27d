/**
 * JSON-RPC 2.0 error codes (jsonrpc.org/specification, "5.1 Error object") and the codes the Model
 * Context Protocol adds (its SDKs' ErrorCode: -32000 ConnectionClosed, -32001 RequestTimeout),
 * as MCP clients, language servers and JSON-RPC APIs show them: "MCP error -32001: Request timed
 * out", `"code": -32601`, "McpError: Method not found". The range -32099..-32000 is reserved for
 * implementation-defined server errors; only MCP's two are mapped. A method that does not exist
 * on an MCP server is a tool (or capability) the client asked for and the server lacks; an MCP
 * "Connection closed" is the tool server's process exiting under the client (stdio servers close
 * their pipe when they die), so the tool failed to run: docs/taxonomy.md's labelling guidance, and
 * every labelled case of it (eight, in five sets).
 */
import { m, type PartTable } from '../table.js';

export const JSONRPC_CODES: PartTable = {
  '-32700': m('output_parse_error/invalid_json_output', 'JSON-RPC -32700: the peer sent JSON that does not parse', 0.5),
  '-32600': m('validation_error/schema_violation', 'JSON-RPC -32600: not a valid request object', 0.6),
  '-32601': m('tool_error/tool_not_found', 'JSON-RPC -32601: method (tool) not found', 0.8),
  '-32602': m('validation_error/invalid_argument', 'JSON-RPC -32602: invalid params', 0.6),
  '-32603': m('upstream_error/upstream_5xx', 'JSON-RPC -32603: internal error of the server', 0.5),
  '-32000': m('tool_error/tool_execution_failed', 'MCP -32000: the tool server closed the connection (its process exited)', 0.6),
  '-32001': m('timeout/request_timeout', 'MCP -32001: request timed out', 0.9),
  // An MCP client's "MCP error -32603: <message>": the tool server's handler raised while running
  // the call (the servers' SDKs wrap a tool's exception as -32603); its message, when it names a
  // cause, is read by the patterns (rule 1), otherwise the tool failed (rule 10), not an upstream 5xx.
  'MCP -32603': m('tool_error/tool_execution_failed', "MCP -32603: the tool server's handler failed", 0.5),
  // MCP's python-sdk session answers a request it could not validate (sent before the initialize
  // handshake completed, or malformed) with -32602 "Invalid request parameters": a request the
  // client built wrong (docs/taxonomy.md rule 10; labels schema_violation 2, no other), not a
  // tool's arguments (those are "Invalid arguments for tool ...").
  'MCP -32602 request': m(
    'validation_error/schema_violation',
    "MCP -32602 'Invalid request parameters': the server could not validate the client's request",
    0.8,
  ),
};

/** The standard messages of those codes, as SDKs print them without the number. */
export const JSONRPC_MESSAGES: Readonly<Record<string, string>> = {
  'Parse error': '-32700',
  'Invalid Request': '-32600',
  'Method not found': '-32601',
  'Invalid params': '-32602',
  'Internal error': '-32603',
  'Connection closed': '-32000',
  'Request timed out': '-32001',
};
