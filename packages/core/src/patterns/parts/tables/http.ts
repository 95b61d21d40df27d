/**
 * HTTP status codes (RFC 9110, plus 429 of RFC 6585 and the provider-specific 529 "overloaded")
 * mapped to the taxonomy. 404 and 409 are left out: what was not found (a model, a route, a
 * file) or what conflicted decides the reading, so the status alone does not. 402 Payment
 * Required is what model gateways (OpenRouter) and providers (DeepSeek "Insufficient Balance")
 * answer when the account's credit cannot pay for the request: a billing quota (rule 10).
 * Cloudflare's 520-524 (its documented origin errors) are the service behind the proxy.
 */
import { m, type PartTable } from '../table.js';

export const HTTP_STATUS: PartTable = {
  '400': m('validation_error/invalid_argument', 'HTTP 400 Bad Request', 0.5),
  '401': m('auth_error/invalid_credentials', 'HTTP 401 Unauthorized', 0.9),
  '402': m('resource_error/quota_exceeded', 'HTTP 402 Payment Required: the account cannot pay for the request', 0.8),
  '403': m('auth_error/permission_denied', 'HTTP 403 Forbidden', 0.8),
  '408': m('timeout/request_timeout', 'HTTP 408 Request Timeout', 0.9),
  '413': m('validation_error/invalid_argument', 'HTTP 413 Content Too Large', 0.6),
  '422': m('validation_error/schema_violation', 'HTTP 422 Unprocessable Content', 0.6),
  '429': m('rate_limit/provider_rate_limit', 'HTTP 429 Too Many Requests', 0.9),
  '424': m('upstream_error/upstream_5xx', 'HTTP 424 Failed Dependency: a service behind the server failed', 0.5),
  '500': m('upstream_error/upstream_5xx', 'HTTP 500 Internal Server Error', 0.8),
  '502': m('upstream_error/upstream_5xx', 'HTTP 502 Bad Gateway', 0.9),
  '503': m('upstream_error/upstream_5xx', 'HTTP 503 Service Unavailable', 0.9),
  '504': m('upstream_error/upstream_5xx', 'HTTP 504 Gateway Timeout', 0.8),
  '501': m('upstream_error/upstream_5xx', 'HTTP 501 Not Implemented', 0.5),
  // Cloudflare's 52x: the proxy in front of the service could not get an answer from its origin
  '520': m('upstream_error/upstream_5xx', 'HTTP 520: the origin answered nothing usable (Cloudflare)', 0.8),
  '521': m('upstream_error/upstream_5xx', 'HTTP 521: the origin is down (Cloudflare)', 0.8),
  '522': m('upstream_error/upstream_5xx', 'HTTP 522: the origin did not accept the connection in time (Cloudflare)', 0.8),
  '523': m('upstream_error/upstream_5xx', 'HTTP 523: the origin is unreachable (Cloudflare)', 0.8),
  '524': m('upstream_error/upstream_5xx', 'HTTP 524: the origin did not answer in time (Cloudflare)', 0.8),
  '529': m('upstream_error/model_overloaded', 'HTTP 529 Overloaded', 0.9),
};
