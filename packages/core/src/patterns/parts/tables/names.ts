/**
 * The words of an exception class's name, for a class no table knows (a library's own
 * WeaviateStartUpTimeoutError, RateLimitExceededException, VectorStoreConnectionError): a rule
 * matches when its words appear in a row among the name's CamelCase words (lower-cased). The
 * first rule that matches wins, so the more specific words come first. Weights are low: a
 * name is a hint, not a statement. The same rules read a one-to-three-word message of an unknown
 * class ("DuckDuckGoSearchException: Ratelimit").
 */
import { m, type PartMeaning } from '../table.js';

export interface NameRule {
  words: readonly string[];
  meaning: PartMeaning;
}

const r = (words: string, pair: string, what: string, weight: number): NameRule => ({
  words: words.split(' '),
  meaning: m(pair, what, weight),
});

export const CLASS_NAME_WORDS: readonly NameRule[] = [
  r('rate limit', 'rate_limit/provider_rate_limit', 'a rate limit (by its class name)', 0.8),
  r('ratelimit', 'rate_limit/provider_rate_limit', 'a rate limit (by its name)', 0.8),
  r('ratelimited', 'rate_limit/provider_rate_limit', 'a rate limit (by its name)', 0.8),
  r('rate limited', 'rate_limit/provider_rate_limit', 'a rate limit (by its name)', 0.8),
  r('throttled', 'rate_limit/provider_rate_limit', 'throttled (by its name)', 0.7),
  r('too many requests', 'rate_limit/provider_rate_limit', 'too many requests (by its class name)', 0.8),
  r('throttling', 'rate_limit/provider_rate_limit', 'throttled (by its class name)', 0.7),
  r('quota', 'resource_error/quota_exceeded', 'a quota (by its class name)', 0.6),
  r('max tokens', 'context_overflow/max_tokens_truncated', 'the max_tokens limit (by its class name)', 0.7),
  r('structured output', 'output_parse_error/schema_mismatch_output', "a model's structured output (by its class name)", 0.6),
  r('context window', 'context_overflow/context_length_exceeded', 'the context window (by its class name)', 0.7),
  r('context length', 'context_overflow/context_length_exceeded', 'the context length (by its class name)', 0.7),
  r('out of memory', 'resource_error/host_oom', 'out of memory (by its class name)', 0.6),
  r('deadline exceeded', 'timeout/deadline_exceeded', 'a deadline (by its class name)', 0.7),
  r('timeout', 'timeout/request_timeout', 'a timeout (by its class name)', 0.6),
  r('timed out', 'timeout/request_timeout', 'a timeout (by its class name)', 0.6),
  r('authentication', 'auth_error/invalid_credentials', 'authentication (by its class name)', 0.7),
  r('unauthenticated', 'auth_error/invalid_credentials', 'authentication (by its class name)', 0.7),
  r('unauthorized', 'auth_error/invalid_credentials', 'unauthorized (by its class name)', 0.6),
  r('invalid api key', 'auth_error/invalid_credentials', 'an API key (by its class name)', 0.7),
  r('token expired', 'auth_error/token_expired', 'an expired token (by its class name)', 0.7),
  r('expired token', 'auth_error/token_expired', 'an expired token (by its class name)', 0.7),
  r('permission', 'auth_error/permission_denied', 'a permission (by its class name)', 0.6),
  r('access denied', 'auth_error/permission_denied', 'access denied (by its class name)', 0.6),
  r('forbidden', 'auth_error/permission_denied', 'forbidden (by its class name)', 0.6),
  r('connection refused', 'network_error/connection_refused', 'a refused connection (by its class name)', 0.7),
  r('connection reset', 'network_error/connection_reset', 'a reset connection (by its class name)', 0.7),
  r('connection', 'network_error/connection_refused', 'a connection (by its class name)', 0.45),
  r('connect', 'network_error/connection_refused', 'a connection (by its class name)', 0.45),
  r('dns', 'network_error/dns_failure', 'name resolution (by its class name)', 0.6),
  r('ssl', 'network_error/tls_error', 'TLS (by its class name)', 0.6),
  r('tls', 'network_error/tls_error', 'TLS (by its class name)', 0.6),
  r('certificate', 'network_error/tls_error', 'a certificate (by its class name)', 0.6),
  r('service unavailable', 'upstream_error/upstream_5xx', 'a service unavailable (by its class name)', 0.6),
  r('internal server', 'upstream_error/upstream_5xx', 'a server error (by its class name)', 0.6),
  r('overloaded', 'upstream_error/model_overloaded', 'overloaded (by its class name)', 0.6),
  r('configuration', 'config_error/invalid_config', 'the configuration (by its class name)', 0.5),
  r('config', 'config_error/invalid_config', 'the configuration (by its class name)', 0.5),
  r('settings', 'config_error/invalid_config', 'the settings (by its class name)', 0.45),
  r('validation', 'validation_error/schema_violation', 'validation (by its class name)', 0.4),
  r('dimension', 'validation_error/invalid_argument', 'a dimension mismatch (by its class name)', 0.5),
  r('recursion', 'agent_loop/recursion_limit', 'recursion (by its class name)', 0.5),
  r('max iterations', 'agent_loop/max_iterations', 'an iteration limit (by its class name)', 0.6),
  r('file not found', 'config_error/file_not_found', 'a file not found (by its class name)', 0.6),
  r('module not found', 'import_error/module_not_found', 'a module not found (by its class name)', 0.6),
  r('start up', 'timeout/deadline_exceeded', 'a service that did not start (by its class name)', 0.45),
  r('startup', 'timeout/deadline_exceeded', 'a service that did not start (by its class name)', 0.45),
];
