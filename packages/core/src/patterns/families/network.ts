/** Patterns: network. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import { resolveUpload } from '../resolvers.js';
import type { Pattern } from '../types.js';

/*
 * Chromium's net error names ("WebSocket connection to 'ws://…' failed: Error in connection
 * establishment: net::ERR_CONNECTION_REFUSED", a browser page of rosbridge/roslibjs) are read by the
 * pattern of the errno each stands for: ERR_CONNECTION_REFUSED as ECONNREFUSED, ERR_CONNECTION_RESET /
 * _CLOSED / _ABORTED as a reset, ERR_NAME_NOT_RESOLVED as a failed lookup, ERR_CERT_* / ERR_SSL_* as TLS.
 */
/**
 * What net.reset and net.reset_transport say of a connection the other side dropped; they differ in
 * the forms they read and their priority. A child process that could not be spawned closes its pipes
 * next: the spawn is the cause. An MCP client's "Server disconnected" after its stdio server exited is
 * the server (mcp.server_exited).
 */
const CONNECTION_RESET = {
  category: 'network_error',
  factor: 'connection_reset',
  severity: 'medium',
  confidence: 0.88,
  unless:
    /\bspawn(?:Sync)? [\w./\\:-]{1,200} ENOENT\b|Server transport closed unexpectedly, this is likely due to the process exiting early/,
  resolve: resolveUpload,
  title: 'Connection reset by the peer',
  hypothesis:
    'The connection was dropped mid-request (the server or a proxy closed it, a load balancer idle timeout, or a crash on the other side).',
  fix: "Retry idempotent requests with backoff; check proxy/load-balancer idle timeouts and the server's logs at that time.",
  actions: ['Add retries with backoff for idempotent calls', "Check the peer's logs and proxy timeouts"],
} as const satisfies Partial<Pattern>;

export const NETWORK: Pattern[] = [
  {
    id: 'net.tls',
    category: 'network_error',
    factor: 'tls_error',
    severity: 'medium',
    confidence: 0.92,
    priority: 86,
    match:
      /(CERTIFICATE_VERIFY_FAILED|certificate verify failed|SSLCertVerificationError|SSLHandshakeException|self[- ]signed certificate|x509: certificate[^\n]{0,80}|unable to get local issuer certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_HAS_EXPIRED|ERR_TLS_CERT[\w_]{0,40}|PKIX path building failed|SSL: WRONG_VERSION_NUMBER|tls: (?:handshake failure|bad certificate|failed to verify)[^\n]{0,60}|SSLEOFError|EOF occurred in violation of protocol|certificate has expired|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|SSLError\([^\n]{0,120}|ssl\.SSLError[^\n]{0,100}|TLS handshake (?:timeout|failed|error)|net::ERR_(?:CERT|SSL)_[A-Z_]{1,40})/i,
    resolve: resolveUpload,
    title: 'TLS/certificate error',
    hypothesis:
      'The TLS handshake failed: an untrusted, self-signed or expired certificate, a proxy intercepting TLS, or a protocol mismatch.',
    fix: "Install the right CA bundle (or the proxy's CA) in the environment; renew expired certificates; never disable verification in production.",
    actions: [
      'Check the certificate chain of the endpoint (openssl s_client)',
      'Set the CA bundle used by the client (REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS)',
    ],
  },
  {
    id: 'net.dns',
    category: 'network_error',
    factor: 'dns_failure',
    severity: 'medium',
    confidence: 0.92,
    priority: 85,
    match:
      /(\bENOTFOUND\b|\bEAI_AGAIN\b|getaddrinfo (?:failed|ENOTFOUND|EAI_AGAIN)|Name or service not known|Temporary failure in name resolution|nodename nor servname provided|UnknownHostException|no such host|Could not resolve host|Could(?:n't| not) resolve(?: proxy)?: [\w.-]{1,120}|Couldn't resolve (?:host|proxy) name|Could not contact DNS servers|Timeout while contacting DNS servers|DNS server returned (?:answer with no data|general failure)|DNS server refused query|No such host is known|\bquery(?:A|AAAA|Srv|Txt|Mx|Cname|Any) (?:ESERVFAIL|ENODATA|ETIMEOUT|ECONNREFUSED|EREFUSED|ENOTFOUND)\b|cannot resolve host(?: address)?\b|NameResolutionError|Name does not resolve|DNS (?:resolution|lookup) failed|net::ERR_NAME_NOT_RESOLVED|failed to resolve (?:host|address|name)|\[Errno -[23]\]|\[Errno 8\] nodename|\[Errno 11001\] getaddrinfo|lookup [\w.-]{1,120} on [\w.:[\]]{3,60}: (?:server misbehaving|read udp [^\n]{0,80}(?:i\/o timeout|connection refused)))/i,
    resolve: resolveUpload,
    title: 'DNS lookup failed',
    hypothesis:
      'The host name of a dependency could not be resolved (a typo, a missing DNS record, or no DNS/network in the runtime).',
    fix: "Check the host name in the configuration and the runtime's DNS/network (resolv.conf, VPC DNS, egress rules).",
    actions: ['Resolve the host from the same runtime (nslookup/dig)', 'Check the configured endpoint for typos'],
  },
  {
    id: 'net.refused',
    category: 'network_error',
    factor: 'connection_refused',
    severity: 'medium',
    confidence: 0.92,
    priority: 84,
    match:
      /(\bECONNREFUSED\b[^\n]{0,60}|Connection refused|ConnectionRefusedError[^\n]{0,80}|\[Errno 111\][^\n]{0,60}|\[Errno 61\][^\n]{0,60}|actively refused|No connection could be made because the target machine|connect: connection refused|ConnectException: Connection refused|failed to connect to all addresses[^\n]{0,60}|net::ERR_CONNECTION_REFUSED)/i,
    resolve: resolveUpload,
    title: 'Connection refused',
    hypothesis:
      'Nothing is listening at the address the client connects to: the dependency is down, not yet started, or the host/port is wrong.',
    fix: 'Check that the dependency is running and reachable at the configured host and port (and that the client does not point at localhost inside a container).',
    actions: ["Check the dependency's health and the configured host:port", 'Add start-up ordering / readiness checks'],
  },
  {
    id: 'net.reset',
    ...CONNECTION_RESET,
    priority: 80,
    match:
      /(\bECONNRESET\b|Connection reset by peer|stream disconnected before completion: (?:error sending request|stream closed)|stream closed before (?:response\.)?completed?|ConnectionResetError[^\n]{0,60}|Connection aborted[^\n]{0,60}|RemoteDisconnected[^\n]{0,60}|Remote end closed connection[^\n]{0,40}|\bEPIPE\b|Broken pipe|BrokenPipeError|socket hang up|Connection closed prematurely|IncompleteRead[^\n]{0,40}|ChunkedEncodingError[^\n]{0,60}|Server disconnected[^\n]{0,40}|ServerDisconnectedError|connection was forcibly closed|Connection lost[^\n]{0,40}|connection reset|stream (?:was )?reset|peer closed connection|RST_STREAM|net::ERR_CONNECTION_(?:RESET|CLOSED|ABORTED)|no close frame received or sent)/i,
    // The websockets library's "no close frame received or sent" (code 1006): the peer's connection dropped
    // without a closing handshake (agent-20 pipecat's Cartesia socket: connection_reset, both labellers). Its
    // "keepalive ping timeout; no close frame received" is a heartbeat missing its deadline (timeout.deadline).
  },
  {
    // gRPC-Go's transport cut under a call ("Unavailable: error reading from server: EOF", "code =
    // Unavailable desc = transport is closing": BuildKit, containerd) is the connection, not a 5xx;
    // so is undici's SocketError under Node's fetch ("fetch failed: other side closed", UND_ERR_SOCKET).
    // These are what a client prints when the other side went away, often because it died: a
    // named cause of that death (BuildKit's step killed with exit code 137, Go's "runtime: out of
    // memory") outranks them (rule 1), hence a priority below the named causes, unlike net.reset.
    id: 'net.reset_transport',
    ...CONNECTION_RESET,
    priority: 72,
    match:
      /(error reading from server: EOF|desc = transport is closing|(?:fetch failed|SocketError): other side closed|connection closed via error|\bUND_ERR_SOCKET\b)/i,
  },
  {
    id: 'net.generic',
    category: 'network_error',
    factor: 'connection_reset',
    severity: 'medium',
    confidence: 0.55,
    priority: 40,
    match:
      /(APIConnectionError[^\n]{0,60}|Connection error\.|Network is unreachable|\bENETUNREACH\b|\bEHOSTUNREACH\b|No route to host|fetch failed|NetworkError[^\n]{0,60}|network error[^\n]{0,60})/i,
    resolve: resolveUpload,
    title: 'Network error reaching a dependency',
    hypothesis: 'The client could not complete a network exchange with a dependency; the message does not say exactly why.',
    fix: 'Check connectivity from the runtime to the dependency, and retry with backoff.',
    actions: ['Check egress/network policy from the runtime', 'Look at the underlying cause in the stack trace'],
  },
];
