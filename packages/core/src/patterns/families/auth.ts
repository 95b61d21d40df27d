/** Patterns: auth. Evaluated in the order of library.ts; tested in test/patterns.test.ts. */
import { resolveUpload } from '../resolvers.js';
import type { Pattern } from '../types.js';

export const AUTH: Pattern[] = [
  {
    id: 'auth.token_expired',
    category: 'auth_error',
    factor: 'token_expired',
    severity: 'high',
    confidence: 0.92,
    priority: 89,
    match:
      /(token (?:has |is )?expired|ExpiredToken(?:Exception)?|jwt expired|TokenExpiredError|expired (?:access |auth |bearer |id )?token|The security token included in the request is expired|RequestExpired|session (?:has |is )?expired|credentials? (?:have |has )?expired|Signature expired|refresh token (?:is )?(?:invalid|expired)|invalid refresh token|expired (?:activation|licen[cs]e) key|(?:activation|licen[cs]e) key (?:has )?expired|invalid_grant[^\n]{0,60}expired|\bEXPKEYSIG\b|\bKEYEXPIRED\b|\bcookies?\b[^\n]{0,80}?(?<!\bnot |\bnever |n't )\b(?:has |have |is |are )?expired\b)/i,
    // A login cookie (a saved browser session, an auth state file) that expired is the session's token.
    // No upload resolution: an expired token names the cause even when met while uploading
    // (docs/taxonomy.md, labelling guidance: the named cause wins over the step it interrupted).
    title: 'Expired token or credentials',
    hypothesis: 'The credentials used for the call (a session token, JWT or OAuth token) have expired.',
    fix: "Refresh the token before it expires (use the SDK's refreshing credential provider); shorten job runtimes or extend the session duration.",
    actions: ["Check the token's expiry time against the failure time", 'Use auto-refreshing credentials'],
  },
  {
    id: 'auth.invalid_credentials',
    category: 'auth_error',
    factor: 'invalid_credentials',
    severity: 'high',
    confidence: 0.9,
    priority: 86,
    // A gated Hugging Face repository answers 401 to a user who has not been granted access:
    // the repository's gate, auth.permission_denied (its labels: permission_denied 3), also in torchtune's
    // wording ("tune download: error: It looks like you are trying to access a gated repository"; agent-20
    // cruijff_kit, both labellers permission_denied; docs/taxonomy.md rule 3 names the gated repository).
    // A provider's 401 that says on its own line that its access token expired ("OAuth access token has expired. Re-authenticate to
    // continue.", agent-17 Clawdmeter) names the cause of the 401s around it ("Invalid authentication
    // credentials" on the next poll): auth.token_expired (labels with the words: token_expired 4 of 4).
    // Not when a specific key failure follows (a refreshed token, then a bad key: that key is the cause).
    // A key refused for the model it asked for ("NLP API Token is not authorised to use model 'gpt-3.5-turbo'" in
    // a 401 body, agent-19 trulens; Bedrock's "You don't have access to the model with the specified model ID",
    // 5 tuned, all permission_denied) is a model the account may not use, docs/taxonomy.md rule 3, whatever the
    // status: auth.permission_denied reads it. Only the words in the 401's own body, on its line: the same words
    // in prose beside a real 401 ("We don't have access to the model gpt-4 … now get: AuthenticationError: 401 -
    // Invalid authentication credentials", a gated model's note before a bad token's 401) leave the key failure
    // (review19 F5). Not when a specific key failure follows (that key is the cause).
    unless:
      /\bGatedRepoError\b|Cannot access gated repo|You are trying to access a gated repo|It looks like you are trying to access a gated repository\b|(?:\b401\b|authentication_error)[^\n]{0,160}\baccess token has expired\b(?![\s\S]{0,4000}?(?:Incorrect API key provided|invalid_api_key|Invalid (?:[A-Za-z][\w-]{1,24} )?API[ -]?[Kk]ey|invalid x-api-key|API key not valid))|(?:\b401\b|AuthenticationError|authentication_error)[^\n]{0,200}(?:\bnot (?:authori[sz]ed|permitted|entitled) to (?:use|access) (?:the |this )?model\b|\b(?:don't|do not|doesn't|does not) have access to (?:the |this )?model\b|[Ss]ubscription plan does not (?:yet )?include access to)(?![\s\S]{0,4000}?(?:Incorrect API key provided|invalid_api_key|Invalid (?:[A-Za-z][\w-]{1,24} )?API[ -]?[Kk]ey|invalid x-api-key|API key not valid))/,
    // "Login failed: HTTPSConnectionPool(…) (Caused by NameResolutionError(…))": the login never reached the
    // server, the name or connection failed first (rule 1: the cause; robotics-23 dreame-vacuum), so a
    // login failure whose own line says the request itself failed (urllib3's "Max retries exceeded" / "Caused by"
    // and then a resolution/connection failure) is not a credentials answer. A resolution or connection word
    // elsewhere on the line (a JSON log's previous attempt, another service's refused socket) does not count
    // (review of 364380c).
    // "Invalid API key" with the provider's name between ("Invalid OpenAI API Key", "Invalid Gemini API key":
    // agent-21 DemoGPT, stremio-ai-search; both invalid_credentials) is the same refusal. The name is one word
    // without '.': "Invalid config. API key must be a string" is a config sentence (review19 F7).
    match:
      /(Invalid (?:activation|licen[cs]e) key|Incorrect API key provided|invalid_api_key|Invalid (?:[a-z][\w-]{1,24} )?API[ -]?key|invalid x-api-key|API key not valid|AuthenticationError[^\n]{0,80}|authentication_error|Invalid authentication|invalid credentials|InvalidAccessKeyId|SignatureDoesNotMatch|InvalidClientTokenId|UnrecognizedClientException|Bad credentials|Authentication failed[^\n]{0,60}|\b401\b[^\n]{0,40}(?:Unauthorized|Unauthenticated)|\b401 Client Error\b[^\n]{0,60}|(?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|status code)[:= ]{0,3}401\b|["']status(?:_?code)?["']\s{0,3}:\s{0,3}401\b|Unauthorized - API key is missing or invalid|\b401 Unauthorized|UNAUTHENTICATED|Unable to locate credentials|NoCredentialsError|could not find default credentials|invalid_client|Login failed(?![^\n]{0,200}(?:Max retries exceeded|Caused by )[^\n]{0,200}(?:NameResolutionError|Failed to resolve|Name or service not known|Temporary failure in name resolution|getaddrinfo failed|nodename nor servname|NewConnectionError|Connection refused))|password authentication failed|(?:incorrect|invalid|wrong|bad) (?:username|user name|login|user) or password|unauthorized: authentication required|Permission denied \(publickey[^)\n]{0,40}\)|Host key verification failed|Invalid or missing (?:API |access |auth(?:entication|orization)? |bearer )?(?:token|key)\b|Invalid (?:Authorization|Bearer) token\b)/i,
    resolve: resolveUpload,
    title: 'Invalid or missing credentials',
    hypothesis: 'The service rejected the credentials (a wrong, revoked or mistyped key, or no key sent).',
    fix: 'Check that the right key/secret for this environment is set and has not been revoked or rotated.',
    actions: [
      'Verify the key in the secret store matches an active key',
      'Check which credentials the runtime actually picked up',
    ],
  },
  {
    id: 'auth.permission_denied',
    category: 'auth_error',
    factor: 'permission_denied',
    severity: 'high',
    confidence: 0.86,
    priority: 76,
    // VEXos's "Memory Permission Error" (the V5 brain's box when the user program touches memory it may not:
    // its data abort, a crash of native code, docs/taxonomy.md rule 6) refuses no caller: not read here.
    // OAuth's insufficient_scope (RFC 6750) and Slack's missing_scope: the token is valid but was not
    // granted the scope the call needs, a permission refused (docs/taxonomy.md; tuned cases 1 of 1).
    // A model the account's plan does not cover (Z.ai's code 1311 "Your current subscription plan does not yet
    // include access to GLM-…"; agent-21 querymt, permission_denied): docs/taxonomy.md rule 3, a model name the
    // account may not use. Bedrock's sentence ("You don't have access to the model with the specified model ID", 5
    // tuned) has the provider's subject, "You": a plugin that "does not have access to the model" (Gazebo) or an
    // LLM's reply "I don't have access to the model's weights" is no refused permission (review19 F6).
    match:
      /(\b403\b[^\n]{0,30}Forbidden|(?:Error code|status(?:_code)?|HTTP\/[\d.]{1,20}|status code)[:= ]{0,3}403\b|["']status(?:_?code)?["']\s{0,3}:\s{0,3}403\b|\bAccessDenied(?:Exception)?\b|Access Denied|PermissionError[^\n]{0,80}|\bEACCES\b|[Pp]ermission denied|(?<![Nn]o |[Mm]emory )\b[Pp]ermission error\b|PERMISSION_DENIED|insufficient permissions|not authorized to perform|AuthorizationError|AuthorizationFailed|does not have (?:the )?permission|\bEPERM\b|Operation not permitted|403 Forbidden|Forbidden: |Error from server \(Forbidden\)|is forbidden: User "[^"\n]{1,100}" cannot|cannot (?:list|get|create|delete|patch|update|watch) resource "[^"\n]{1,80}"|Cannot access gated repo|GatedRepoError|It looks like you are trying to access a gated repository\b|you are not in the authorized list|is awaiting a review from the repo authors|User location is not supported for the API use|unsupported_country_region_territory|Country, region, or territory not supported|not available in your (?:country|region|location)|\b(?:missing_scope|insufficient_scope)\b|[Ss]ubscription plan does not (?:yet )?include access to [^\n]{1,60}|\bnot (?:authori[sz]ed|permitted|entitled) to (?:use|access) (?:the |this )?model\b[^\n]{0,60}|\b[Yy]ou (?:don't|do not) have access to (?:the |this )?model\b[^\n]{0,60})/,
    unless: /Permission denied \(publickey/,
    resolve: resolveUpload,
    title: 'Permission denied',
    hypothesis: 'The caller is authenticated but lacks permission for this resource or action (IAM policy, file mode, RBAC).',
    fix: 'Grant the role/service account the permission named in the error, or fix the file ownership/mode.',
    actions: ['Find the principal and the action denied in the message', 'Grant the least privilege that allows it'],
  },
];
