/**
 * Node.js error codes (nodejs.org/api/errors.html, "Node.js error codes"; undici's UND_ERR_*;
 * OpenSSL's certificate errors as Node reports them; axios's ERR_NETWORK and ERR_BAD_RESPONSE),
 * mapped to the taxonomy. System errors
 * (ECONNREFUSED…) are read by the errno table.
 */
import { m, type PartTable } from '../table.js';

export const NODE_CODES: PartTable = {
  MODULE_NOT_FOUND: m('import_error/module_not_found', 'Cannot find module', 1),
  ERR_MODULE_NOT_FOUND: m('import_error/module_not_found', 'Cannot find module', 1),
  ERR_REQUIRE_ESM: m('import_error/version_conflict', 'require() of an ES module', 0.9),
  ERR_PACKAGE_PATH_NOT_EXPORTED: m('import_error/version_conflict', 'A package path that is not exported', 0.9),
  ERR_UNKNOWN_FILE_EXTENSION: m('config_error/invalid_config', 'Unknown file extension for the loader', 0.8),
  ERR_INVALID_PACKAGE_CONFIG: m('config_error/invalid_config', 'Invalid package.json', 0.9),
  ERR_INVALID_ARG_TYPE: m('validation_error/type_mismatch', 'An argument of the wrong type', 0.8),
  ERR_INVALID_ARG_VALUE: m('validation_error/invalid_argument', 'An invalid argument value', 0.8),
  ERR_OUT_OF_RANGE: m('validation_error/invalid_argument', 'An argument out of range', 0.7),
  ERR_INVALID_URL: m('validation_error/invalid_argument', 'An invalid URL', 0.8),
  ERR_UNHANDLED_REJECTION: m('runtime_error/unhandled_exception', 'An unhandled promise rejection', 0.6),
  ERR_WORKER_OUT_OF_MEMORY: m('resource_error/host_oom', 'A worker ran out of memory', 1),
  ERR_STREAM_PREMATURE_CLOSE: m('network_error/connection_reset', 'A stream closed early', 0.7),
  ERR_SOCKET_CONNECTION_TIMEOUT: m('timeout/request_timeout', 'Socket connection timeout', 0.9),
  UND_ERR_CONNECT_TIMEOUT: m('timeout/request_timeout', 'Connect timeout (undici)', 1),
  UND_ERR_HEADERS_TIMEOUT: m('timeout/request_timeout', 'Headers timeout (undici)', 1),
  UND_ERR_BODY_TIMEOUT: m('timeout/request_timeout', 'Body timeout (undici)', 1),
  UND_ERR_SOCKET: m('network_error/connection_reset', 'Socket closed (undici)', 0.8),
  CERT_HAS_EXPIRED: m('network_error/tls_error', 'Certificate expired', 1),
  DEPTH_ZERO_SELF_SIGNED_CERT: m('network_error/tls_error', 'Self-signed certificate', 1),
  SELF_SIGNED_CERT_IN_CHAIN: m('network_error/tls_error', 'Self-signed certificate in the chain', 1),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: m('network_error/tls_error', 'Certificate cannot be verified', 1),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: m('network_error/tls_error', 'Certificate issuer unknown locally', 1),
  ERR_TLS_CERT_ALTNAME_INVALID: m('network_error/tls_error', 'Certificate does not match the host', 1),
  ERR_SSL_WRONG_VERSION_NUMBER: m('network_error/tls_error', 'TLS spoken to a port that does not speak it', 0.9),
  ERR_OSSL_EVP_UNSUPPORTED: m(
    'import_error/version_conflict',
    'A hash or cipher OpenSSL 3 no longer enables (tooling older than this Node.js)',
    0.9,
  ),
  ERR_UNKNOWN_BUILTIN_MODULE: m('import_error/version_conflict', 'A built-in module this Node.js does not have', 0.9),
  ERR_UNSUPPORTED_DIR_IMPORT: m('import_error/module_not_found', 'A directory imported as an ES module', 0.7),
  ERR_STRING_TOO_LONG: m('resource_error/host_oom', 'A string longer than V8 allows', 0.6),
  ERR_FS_FILE_TOO_LARGE: m('validation_error/invalid_argument', 'A file larger than fs can read at once', 0.7),
  ERR_CHILD_PROCESS_STDIO_MAXBUFFER: m('validation_error/invalid_argument', "A child's output over maxBuffer", 0.6),
  UND_ERR_HEADERS_OVERFLOW: m('validation_error/invalid_argument', 'Response headers over the limit (undici)', 0.6),
  // axios: the request got no answer (ERR_NETWORK) or a 5xx (ERR_BAD_RESPONSE)
  ERR_NETWORK: m('network_error/connection_refused', 'No answer from the server (axios Network Error)', 0.5),
  ERR_BAD_RESPONSE: m('upstream_error/upstream_5xx', 'The server answered 5xx (axios)', 0.7),
};
