/**
 * Redaction: secrets, credentials, personal data and prompts never reach the bus, the store
 * or an answer.
 *
 * Invariants:
 * - Every record is redacted once, where it enters: `validateRecord` returns `admitRecord`'s
 *   result (`redactRecord`'s, or a refusal when an id carries a credential: ids are kept as
 *   sent), so ingest publishes, and the pipeline analyzes and stores, only redacted records
 *   (records that producers write straight to Kafka are redacted when the pipeline reads them).
 *   The store redacts again (defense in depth); `redact` is idempotent, markers are never
 *   matched again. The second pass is cheap: `redact` remembers (per thread, bounded) the
 *   recent texts in which it found nothing to replace, and answers them as they are — a text is
 *   remembered only once a full pass left it unchanged, never because it was seen.
 * - Redaction runs before any cut. A cut of redacted text can only split a marker, never a
 *   secret; `excerpt` drops the token a pre-cut splits.
 * - Metadata keys are redacted like values; a value under a key that names a secret
 *   (`password`, `api_key`, `clientSecret`, …) is replaced whatever it looks like; a subtree
 *   deeper than the record limit (`MAX_DEPTH`) is replaced, never kept raw.
 * - Span attributes are kept by an allow-list (`ALLOWED_ATTRIBUTES`): everything else —
 *   prompts, completions, tool arguments, inputs and outputs under any name — is dropped.
 * - Patterns are linear (no nested quantifiers, bounded repeats before optional parts) so a
 *   huge log cannot make them backtrack.
 */

import { ID_FIELDS, MAX_DEPTH } from './limits.js';
import { WordScanner } from './patterns/prefilter.js';
import type {
  EpisodeMetadata,
  EpisodeRecord,
  EvalResultRecord,
  FaultlineRecord,
  LogRecord,
  Span,
  SpanEvent,
  TraceRecord,
  VerificationResultRecord,
} from './records.js';
import { cut, cutWithEllipsis, singleSpaced } from './text.js';

interface Redaction {
  name: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
  /**
   * What the lowercased text must contain for the pattern to match at all (any of the
   * strings, or the regex, or what the function says of the lower-cased text): a cheap test
   * that skips the pattern on most strings. It must be a necessary condition of a match:
   * whatever a hint rules out is never redacted. A function hint may use only what
   * lower-casing keeps: the characters `.`, `:`, digits, and the length (`toLowerCase` never
   * shortens a string).
   */
  hint?: string | readonly string[] | RegExp | ((lower: string) => boolean);
}

const R = (name: string) => `[REDACTED:${name}]`;
/** Not a marker already: keeps `redact` idempotent. */
const NOT_MARKER = '(?![\\s"\']{0,3}\\[REDACTED)';

/** Key names whose value is a secret (in `key=value` text and as metadata keys). */
const SECRET_WORDS =
  'password|passwd|passphrase|pwd|secret|secret[_-]?key|secret[_-]?access[_-]?key|client[_-]?secret|api[_-]?key|apikey|x-api-key|access[_-]?key|access[_-]?token|refresh[_-]?token|id[_-]?token|auth[_-]?token|session[_-]?token|security[_-]?token|bearer[_-]?token|private[_-]?token|sas[_-]?token|token|credentials?|private[_-]?key|private[_-]?key[_-]?id|account[_-]?key|accountkey|shared[_-]?access[_-]?key|sharedaccesskey|sharedaccesssignature|signing[_-]?key|encryption[_-]?key|master[_-]?key|webhook[_-]?secret|session[_-]?id|sessionid';

/** Luhn check for card-like digit runs (so order ids and timestamps are left alone). */
function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const CARD_HINT = /\d{4}[ -]?\d{4}/;
const IPV4_HINT = /\d\.\d/;
const IPV6_HINT = /(?:[0-9a-f]{1,4}:){7}/;

/** Whether `text` holds at least `n` colons. */
function colonsAtLeast(text: string, n: number): boolean {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf(':', at + 1);
    if (at < 0) return false;
  }
  return true;
}

/** Lowercase words of 8-20 letters read as prose ("Bearer authentication"), not as a token. */
const PROSE_WORD = /^[a-z]{1,20}$/;

const REDACTIONS: Redaction[] = [
  // Private keys: PEM (RSA, EC, DSA, OPENSSH, PKCS#8, ENCRYPTED), PGP blocks; a BEGIN line
  // with no END (a cut-off key) redacts to the end of the text.
  {
    name: 'private_key',
    hint: 'private key',
    pattern:
      /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replace: R('private_key'),
  },
  {
    name: 'putty_key',
    hint: 'putty-user-key-file-',
    pattern: /PuTTY-User-Key-File-\d[\s\S]*?(?:Private-MAC: ?[0-9a-fA-F]+|$)/g,
    replace: R('private_key'),
  },
  { name: 'age_key', hint: 'age-secret-key-1', pattern: /\bAGE-SECRET-KEY-1[0-9A-Z]{50,}/g, replace: R('private_key') },
  { name: 'jwt', hint: 'eyj', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: R('jwt') },
  // Headers that carry credentials, whatever the scheme.
  {
    name: 'authorization_header',
    hint: ['authorization', 'auth-token', 'api-key', 'private-token', 'security-token'],
    pattern: new RegExp(
      `\\b((?:proxy-)?authorization|x-auth-token|x-api-key|api-key|private-token|x-goog-api-key|x-amz-security-token)(["']?\\s*[:=]\\s*["']?)(?![\\w-]{0,20}\\s{0,3}\\[REDACTED)((?:Bearer|Basic|Token|Bot|Digest|Negotiate|NTLM|AWS4-HMAC-SHA256|Splunk|SSWS)\\s+)?${NOT_MARKER}([^\\s"',;]{3,}(?:[^"'\\r\\n]{0,1000}(?=["'\\r\\n]|$))?)`,
      'gi',
    ),
    replace: (_m, name, sep, scheme) => `${name}${sep}${scheme ?? ''}${R('credentials')}`,
  },
  {
    name: 'cookie_header',
    hint: 'cookie',
    pattern: new RegExp(`\\b(set-cookie|cookie)(["']?\\s*:\\s*["']?)${NOT_MARKER}([^\\r\\n"']{3,2000})`, 'gi'),
    replace: (_m, name, sep) => `${name}${sep}${R('cookie')}`,
  },
  {
    name: 'bearer',
    hint: ['bearer', 'basic', 'token'],
    pattern: /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{8,})/gi,
    replace: (m, scheme, token) => (PROSE_WORD.test(token) ? m : `${scheme} ${R('token')}`),
  },
  // Passwords and tokens in URLs: scheme://user:password@host, scheme://token@host, ?sig=…
  {
    name: 'url_password',
    hint: '://',
    pattern: /\b([a-z][a-z0-9+.-]{1,20}:\/\/)(?!\[REDACTED)([^\s:/@]{0,128}):([^\s@/]{1,256})@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${R('password')}@`,
  },
  {
    name: 'url_token',
    hint: '://',
    pattern: /\b([a-z][a-z0-9+.-]{1,20}:\/\/)([A-Za-z0-9_-]{20,256})@/gi,
    replace: (_m, scheme) => `${scheme}${R('token')}@`,
  },
  {
    name: 'url_query_secret',
    hint: '=',
    pattern: new RegExp(
      `([?&;](?:access_token|refresh_token|id_token|token|api_key|apikey|key|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|code|client_secret|password|auth|session|sessionid)=)${NOT_MARKER}([^&\\s#"'<>]{4,})`,
      'gi',
    ),
    replace: (_m, name) => `${name}${R('secret')}`,
  },
  {
    name: 'slack_webhook',
    hint: 'hooks.slack.com/',
    pattern: /\bhooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]{10,}/g,
    replace: R('webhook'),
  },
  {
    name: 'discord_webhook',
    hint: 'discord',
    pattern: /\bdiscord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{10,}/g,
    replace: R('webhook'),
  },
  // Provider and platform keys with a recognisable prefix.
  { name: 'anthropic_key', hint: 'sk-ant-', pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g, replace: R('api_key') },
  {
    name: 'openai_key',
    hint: 'sk-',
    pattern: /\bsk-(?:proj-|svcacct-|admin-|or-v1-|None-)?[A-Za-z0-9_-]{16,}/g,
    replace: R('api_key'),
  },
  { name: 'google_api_key', hint: 'aiza', pattern: /\bAIza[0-9A-Za-z_-]{30,}/g, replace: R('api_key') },
  { name: 'google_oauth_token', hint: 'ya29.', pattern: /\bya29\.[0-9A-Za-z_-]{20,}/g, replace: R('token') },
  { name: 'google_refresh_token', hint: '1//0', pattern: /\b1\/\/0[0-9A-Za-z_-]{30,}/g, replace: R('token') },
  { name: 'google_client_secret', hint: 'gocspx-', pattern: /\bGOCSPX-[0-9A-Za-z_-]{20,}/g, replace: R('secret') },
  {
    name: 'github_token',
    hint: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g,
    replace: R('token'),
  },
  {
    name: 'gitlab_token',
    hint: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glimt-', 'glft-', 'glsoat-', 'gloas-'],
    pattern: /\bgl(?:pat|dt|rt|ptt|cbt|imt|ft|soat|oas)-[0-9A-Za-z_-]{20,}/g,
    replace: R('token'),
  },
  { name: 'slack_token', hint: 'xox', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, replace: R('token') },
  { name: 'slack_app_token', hint: 'xapp-', pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g, replace: R('token') },
  {
    name: 'stripe_key',
    hint: ['_live_', '_test_'],
    pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g,
    replace: R('api_key'),
  },
  { name: 'stripe_webhook_secret', hint: 'whsec_', pattern: /\bwhsec_[A-Za-z0-9]{20,}/g, replace: R('secret') },
  { name: 'hf_token', hint: ['hf_', 'api_org_'], pattern: /\b(?:hf_|api_org_)[A-Za-z0-9]{20,}/g, replace: R('token') },
  {
    name: 'aws_access_key',
    hint: ['akia', 'asia', 'agpa', 'aida', 'aroa', 'anpa', 'anva', 'aipa', 'a3t'],
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|A3T[A-Z0-9])[A-Z0-9]{16}/g,
    replace: R('aws_access_key'),
  },
  // Azure AD client secrets: 3 characters, a digit, "Q~", then 31-34 more.
  {
    name: 'azure_client_secret',
    hint: 'q~',
    pattern: /(?<![\w~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/g,
    replace: R('secret'),
  },
  { name: 'npm_token', hint: 'npm_', pattern: /\bnpm_[A-Za-z0-9]{36}/g, replace: R('token') },
  { name: 'pypi_token', hint: 'pypi-age', pattern: /\bpypi-AgE[A-Za-z0-9_-]{40,}/g, replace: R('token') },
  { name: 'sendgrid_key', hint: 'sg.', pattern: /\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g, replace: R('api_key') },
  { name: 'twilio_key', hint: 'sk', pattern: /\bSK[0-9a-fA-F]{32}/g, replace: R('api_key') },
  { name: 'mailgun_key', hint: 'key-', pattern: /\bkey-[0-9a-f]{32}/g, replace: R('api_key') },
  { name: 'telegram_bot_token', hint: ':aa', pattern: /\b\d{8,10}:AA[0-9A-Za-z_-]{33,40}/g, replace: R('token') },
  {
    name: 'discord_bot_token',
    // 1 + 23 + 1 + 6 + 1 + 27 characters at least, two of them dots.
    hint: (lower) => lower.length >= 59 && lower.includes('.'),
    pattern: /\b[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}/g,
    replace: R('token'),
  },
  { name: 'shopify_token', hint: 'shp', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}/g, replace: R('token') },
  { name: 'digitalocean_token', hint: '_v1_', pattern: /\bdo[opr]_v1_[a-f0-9]{64}/g, replace: R('token') },
  { name: 'databricks_token', hint: 'dapi', pattern: /\bdapi[a-f0-9]{32}(?:-\d)?/g, replace: R('token') },
  { name: 'vault_token', hint: ['hvs.', 'hvb.', 'hvr.'], pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g, replace: R('token') },
  {
    name: 'other_prefixed_token',
    hint: [
      'glsa_',
      'glc_',
      'gsk_',
      'xai-',
      'r8_',
      'pplx-',
      'lin_api_',
      'ntn_',
      'secret_',
      'pmak-',
      'atatt3',
      'dp.',
      'pul-',
      'sntrys_',
      'sntryu_',
      'nrak-',
    ],
    // Grafana, Groq, xAI, Replicate, Perplexity, Linear, Notion, Postman, Atlassian, Doppler,
    // Pulumi, Sentry, New Relic.
    pattern:
      /\b(?:glsa_[A-Za-z0-9_]{32,}|glc_[A-Za-z0-9+/=_]{32,}|gsk_[A-Za-z0-9]{40,}|xai-[A-Za-z0-9]{40,}|r8_[A-Za-z0-9]{30,}|pplx-[A-Za-z0-9]{40,}|lin_api_[A-Za-z0-9]{30,}|ntn_[A-Za-z0-9]{40,}|secret_[A-Za-z0-9]{43}\b|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|ATATT3[A-Za-z0-9_=-]{100,}|dp\.(?:st|ct|sa|scim|audit)\.[A-Za-z0-9_.-]{20,}|pul-[a-f0-9]{40}|sntry[su]_[A-Za-z0-9+/=_]{40,}|NRAK-[A-Z0-9]{27})/g,
    replace: R('token'),
  },
  // Secrets given on a command line (--password x) or as key=value, key: value, "key": "value".
  {
    name: 'cli_secret',
    hint: '--',
    pattern: new RegExp(
      `(--(?:password|passwd|token|api-key|apikey|secret|client-secret|access-token|auth-token)(?:=|\\s+))${NOT_MARKER}([^\\s"']{3,})`,
      'gi',
    ),
    replace: (_m, flag) => `${flag}${R('secret')}`,
  },
  {
    name: 'secret_assignment',
    hint: ['pass', 'pwd', 'secret', 'key', 'token', 'credential', 'session', 'signature'],
    pattern: new RegExp(
      `\\b([A-Za-z0-9_]{0,64}?(?:${SECRET_WORDS}))(["']?\\s*(?:[:=]|=>)\\s*)${NOT_MARKER}(?:"[^"\\r\\n]{1,1000}"|'[^'\\r\\n]{1,1000}'|[^\\s"',;&}\\]]{4,})`,
      'gi',
    ),
    replace: (_m, key, sep) => `${key}${sep}${R('secret')}`,
  },
  { name: 'email', hint: '@', pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g, replace: R('email') },
  {
    name: 'credit_card',
    // Eight digits at least; the regex only on texts that long.
    hint: (lower) => lower.length >= 8 && CARD_HINT.test(lower),
    pattern: /(?<![\d.-])(?:\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,7}|\d{4}[ -]\d{6}[ -]\d{5}|[3-6]\d{12,18})(?![\d.-]\d)/g,
    replace: (m) => {
      const digits = m.replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhn(digits) ? R('card') : m;
    },
  },
  {
    name: 'ipv4',
    hint: (lower) => lower.includes('.') && IPV4_HINT.test(lower),
    pattern: /\b(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\b/g,
    replace: R('ip'),
  },
  {
    name: 'ipv6',
    // "::", or seven groups each ending in a colon: the regex (the costliest hint) only on texts
    // with seven colons at least.
    hint: (lower) => lower.includes('::') || (colonsAtLeast(lower, 7) && IPV6_HINT.test(lower)),
    // Not followed by another hex group; a colon after the address ("…::1: refused") is punctuation.
    pattern:
      /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?!\w|:[0-9A-Fa-f])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?!\w|:[0-9A-Fa-f])/g,
    replace: R('ip'),
  },
];

/** The kinds of secret `redact` recognises (named in the README and counted by the tests). */
export const REDACTION_KINDS: readonly string[] = [...REDACTIONS.map((r) => r.name), 'private_key_tail'];

const END_LINE = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** A line of a key's body: base64, or a PEM header line ("Proc-Type: 4,ENCRYPTED"). */
const KEY_LINE = /^\s*(?:[A-Za-z0-9+/=]{1,200}|(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset): [^\r\n]{0,200})?\s*$/;

/**
 * The tail of a private key whose BEGIN line was cut away (a text that starts inside a key):
 * from the END line back over the body's lines (real or JSON-escaped newlines).
 */
function redactKeyTails(text: string): string {
  if (!text.includes('PRIVATE KEY')) return text;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(END_LINE)) {
    const before = text.slice(last, m.index);
    const breaks = [...before.matchAll(/\r?\n|\\n/g)];
    let start = before.length;
    let lineEnd = before.length;
    for (let i = breaks.length; i >= 0; i--) {
      const prev = breaks[i - 1];
      const lineStart = prev ? prev.index + prev[0].length : 0;
      if (!KEY_LINE.test(before.slice(lineStart, lineEnd))) break;
      start = lineStart;
      if (prev) lineEnd = prev.index;
    }
    out += `${before.slice(0, start)}${R('private_key')}`;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

/**
 * Each pattern's hint. The literal hints (a word, or several) are found in one pass over the
 * lower-cased text (an Aho-Corasick scan, patterns/prefilter.ts) instead of one substring search
 * per word: `HINT_WORDS[i]` are pattern i's word ids in that scan. A regex or function hint is
 * its own test (`HINT_TESTS[i]`); a pattern with neither is always tried.
 */
const LITERAL_HINTS = new Map<string, number>();
const HINT_WORDS: (readonly number[] | undefined)[] = [];
const HINT_TESTS: (((lower: string) => boolean) | undefined)[] = [];
for (const { hint } of REDACTIONS) {
  let words: readonly number[] | undefined;
  let test: ((lower: string) => boolean) | undefined;
  if (hint instanceof RegExp) test = (lower) => hint.test(lower);
  else if (typeof hint === 'function') test = hint;
  else if (hint !== undefined) {
    words = (typeof hint === 'string' ? [hint] : hint).map((w) => {
      if (!/^[\x00-\x7f]+$/.test(w) || w !== w.toLowerCase())
        throw new Error(`redaction hint ${JSON.stringify(w)}: must be lower-case ASCII`);
      const id = LITERAL_HINTS.get(w) ?? LITERAL_HINTS.size;
      LITERAL_HINTS.set(w, id);
      return id;
    });
  }
  HINT_WORDS.push(words);
  HINT_TESTS.push(test);
}

/** Whether pattern `i` may match the text whose hints `readHints` read last (`lower`: that text lower-cased). */
function hinted(i: number, lower: string): boolean {
  const words = HINT_WORDS[i];
  if (words !== undefined) {
    for (let k = 0; k < words.length; k++) if (HINT_SCANNER.found(words[k] as number)) return true;
    return false;
  }
  const test = HINT_TESTS[i];
  return test === undefined || test(lower);
}
const HINT_SCANNER = new WordScanner([...LITERAL_HINTS.keys()]);

/**
 * Recent texts a full pass of `redact` left unchanged (fixed points: redacting them again gives
 * them back). Bounded by their total length, each text counted as at least CLEAN_MIN_CHARS (the
 * cost of an entry); texts longer than CLEAN_MAX_TEXT are not kept. Short texts are kept too: a
 * record's span names, status codes and attribute values recur from record to record, and a full
 * pass over a short text (lower-casing, the hint scan, the hint tests) cost ~1 µs where the lookup
 * costs tens of nanoseconds (load-tests/README.md, thirteenth landing).
 */
const CLEAN = new Set<string>();
const CLEAN_MAX_TEXT = 256 * 1024;
const CLEAN_MAX_CHARS = 4 * 1024 * 1024;
const CLEAN_MIN_CHARS = 32;
let cleanChars = 0;

function rememberClean(text: string): void {
  if (text.length > CLEAN_MAX_TEXT || text.length === 0) return;
  const chars = Math.max(text.length, CLEAN_MIN_CHARS);
  if (cleanChars + chars > CLEAN_MAX_CHARS) {
    CLEAN.clear();
    cleanChars = 0;
  }
  // A flat copy: a text sliced from a larger one (a line of a log) would otherwise keep its whole
  // parent alive, and the bound above counts the texts' own characters only.
  CLEAN.add(` ${text}`.slice(1));
  cleanChars += chars;
}

/** Replaces every secret, credential, email and IP address in `text`. Idempotent. */
export function redact(text: string): string {
  if (text.length <= CLEAN_MAX_TEXT && CLEAN.has(text)) return text; // a full pass left this very text unchanged
  const out = redactPass(text);
  if (out === text) rememberClean(text);
  return out;
}

/** Reads the hints of `text` (afterwards `hinted(i)` says whether pattern i may match it). */
function readHints(text: string): string {
  const lower = text.toLowerCase();
  HINT_SCANNER.scan(lower);
  return lower;
}

function redactPass(text: string): string {
  let out = text;
  // Hints are read on the text as given: a replacement only removes text, it never makes a
  // later pattern's match possible.
  const lower = readHints(text);
  for (let i = 0; i < REDACTIONS.length; i++) {
    if (!hinted(i, lower)) continue;
    const r = REDACTIONS[i] as Redaction;
    out = out.replace(r.pattern, r.replace as (substring: string, ...args: string[]) => string);
  }
  return redactKeyTails(out);
}

export const MAX_EXCERPT = 300;

/** A short, redacted, single-spaced excerpt (at most `max` characters). */
export function excerpt(text: string, max: number = MAX_EXCERPT): string {
  // Cut generously first so redaction sees whole tokens, then cut to size. The token the
  // cut splits is dropped: a secret cut short no longer matches its pattern, and once
  // whitespace is collapsed its first characters could show in the excerpt.
  let pre = text;
  if (text.length > max * 4) {
    pre = cut(text, max * 4);
    if (/\S/.test(text.charAt(pre.length))) {
      let start = pre.length;
      while (start > pre.length - max && /\S/.test(pre.charAt(start - 1))) start--;
      if (start > pre.length - max) pre = pre.slice(0, start);
    }
  }
  const clean = singleSpaced(redact(pre)).trim();
  return cutWithEllipsis(clean, max);
}

/**
 * A subtree nested deeper than the record limit (limits.ts `MAX_DEPTH`; validation refuses such
 * records, this guards the other callers) is replaced by this, never kept unredacted.
 */
export const TOO_DEEP = R('too_deep');

/** camelCase and separators to snake_case, so `clientSecret` and `client-secret` read alike. */
function keyWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

const SECRET_KEY = new RegExp(`(?:^|[_.\\s-])(?:${SECRET_WORDS}|authorization|cookie|auth)$`);

/** True when a key's name says its value is a secret (`password`, `OPENAI_API_KEY`, `clientSecret`). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(keyWords(key));
}

/**
 * Redacts every string inside a JSON-like value, keys included (for metadata that is stored).
 * A value under a secret-named key is replaced whole; deeper than `MAX_DEPTH`, a subtree is
 * replaced by `TOO_DEEP`.
 */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = uniqueKey(out, redact(k));
    out[key] =
      isSecretKey(k) && (typeof v === 'string' || (v !== null && typeof v === 'object')) ? R('secret') : redactDeep(v, depth + 1);
  }
  return out as T;
}

/** Two keys that redact alike ("[REDACTED:email]") are both kept, numbered. */
function uniqueKey(into: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(into, key)) return key;
  for (let i = 2; ; i++) if (!Object.hasOwn(into, `${key}#${i}`)) return `${key}#${i}`;
}

/**
 * Span attributes kept (by exact name or by a prefix ending in "."): what analysis, grouping
 * and dashboards use. Everything else is dropped — prompts, completions, messages, tool
 * arguments and results, retrieved documents, inputs and outputs under any name.
 */
export const ALLOWED_ATTRIBUTES: readonly string[] = [
  // resource and deployment
  'service.name',
  'service.version',
  'service.namespace',
  'service.instance.id',
  'deployment.environment',
  'deployment.environment.name',
  'telemetry.sdk.name',
  'telemetry.sdk.language',
  'telemetry.sdk.version',
  // the instrumentation scope (library) that made the span: the agent framework (a trace tag)
  'otel.scope.name',
  'otel.scope.version',
  // HTTP, RPC, databases, messaging: methods and status, never URLs with queries, statements or bodies
  'http.method',
  'http.request.method',
  'http.status_code',
  'http.response.status_code',
  'http.route',
  'url.scheme',
  'server.port',
  'rpc.system',
  'rpc.service',
  'rpc.method',
  'rpc.grpc.status_code',
  'rpc.jsonrpc.error_code',
  'db.system',
  'db.system.name',
  'db.operation',
  'db.operation.name',
  'db.response.status_code',
  'messaging.system',
  'messaging.operation',
  'messaging.operation.type',
  // errors and exceptions
  'exception.',
  'error.type',
  'error.message',
  'otel.status_code',
  'otel.status_description',
  'code.function',
  'code.function.name',
  'code.namespace',
  'code.lineno',
  // GenAI semantic conventions: system, model, operation, usage, finish reasons, response ids
  'gen_ai.system',
  'gen_ai.provider.name',
  'gen_ai.operation.name',
  'gen_ai.request.model',
  'gen_ai.request.max_tokens',
  'gen_ai.request.temperature',
  'gen_ai.request.top_p',
  'gen_ai.request.top_k',
  'gen_ai.request.seed',
  'gen_ai.request.frequency_penalty',
  'gen_ai.request.presence_penalty',
  'gen_ai.request.choice.count',
  'gen_ai.response.model',
  'gen_ai.response.id',
  'gen_ai.response.finish_reasons',
  'gen_ai.usage.input_tokens',
  'gen_ai.usage.output_tokens',
  'gen_ai.usage.prompt_tokens',
  'gen_ai.usage.completion_tokens',
  'gen_ai.usage.total_tokens',
  'gen_ai.tool.name',
  'gen_ai.tool.type',
  'gen_ai.tool.call.id',
  'gen_ai.agent.name',
  'gen_ai.agent.id',
  'gen_ai.output.type',
  'gen_ai.openai.request.service_tier',
  'gen_ai.openai.response.service_tier',
  // OpenInference, OpenLLMetry and MLflow: span kind, model names, token counts
  'openinference.span.kind',
  'llm.system',
  'llm.provider',
  'llm.model_name',
  'llm.request.type',
  'llm.token_count.prompt',
  'llm.token_count.completion',
  'llm.token_count.total',
  'llm.usage.prompt_tokens',
  'llm.usage.completion_tokens',
  'llm.usage.total_tokens',
  'embedding.model_name',
  'reranker.model_name',
  'tool.name',
  'traceloop.span.kind',
  'mlflow.spanType',
];

const ALLOWED_EXACT = new Set(ALLOWED_ATTRIBUTES.filter((a) => !a.endsWith('.')));
const ALLOWED_PREFIXES = ALLOWED_ATTRIBUTES.filter((a) => a.endsWith('.'));

/** True when a span attribute of this name is kept (redacted); false: it is dropped. */
export function isAllowedAttribute(name: string): boolean {
  return ALLOWED_EXACT.has(name) || ALLOWED_PREFIXES.some((p) => name.startsWith(p));
}

/** Only allowed attributes, their values redacted. */
function redactAttributes(attrs: unknown): Record<string, unknown> | undefined {
  if (!attrs || typeof attrs !== 'object' || Array.isArray(attrs)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs as Record<string, unknown>)) {
    if (isAllowedAttribute(k)) out[k] = redactDeep(v, 2);
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? redact(v) : undefined);

function redactEvent(ev: unknown): SpanEvent {
  if (!ev || typeof ev !== 'object') return {};
  const e = ev as Record<string, unknown>;
  const out: SpanEvent & Record<string, unknown> = {};
  const name = str(e.name);
  if (name !== undefined) out.name = name;
  const attributes = redactAttributes(e.attributes);
  if (attributes) out.attributes = attributes;
  for (const t of ['time', 'timestamp', 'time_unix_nano']) {
    if (typeof e[t] === 'string' || typeof e[t] === 'number') out[t] = typeof e[t] === 'string' ? redact(e[t]) : e[t];
  }
  return out;
}

/** A span with only its known fields (names and messages redacted, attributes allow-listed). */
function redactSpan(span: unknown): Span {
  if (!span || typeof span !== 'object' || Array.isArray(span)) return {};
  const s = span as Record<string, unknown>;
  const out: Span & Record<string, unknown> = {};
  for (const f of ['span_id', 'name', 'kind'] as const) {
    const v = str(s[f]);
    if (v !== undefined) out[f] = v;
  }
  if (typeof s.parent_span_id === 'string') out.parent_span_id = redact(s.parent_span_id);
  else if (s.parent_span_id === null) out.parent_span_id = null;
  for (const f of ['start_time', 'end_time'] as const) {
    const v = s[f];
    if (typeof v === 'number') out[f] = v;
    else if (typeof v === 'string') out[f] = redact(v);
  }
  if (s.status && typeof s.status === 'object' && !Array.isArray(s.status)) {
    const st = s.status as Record<string, unknown>;
    const status: NonNullable<Span['status']> = {};
    if (typeof st.code === 'number') status.code = st.code;
    else if (typeof st.code === 'string') status.code = redact(st.code);
    if (typeof st.message === 'string') status.message = redact(st.message);
    else if (st.message === null) status.message = null;
    out.status = status;
  }
  const attributes = redactAttributes(s.attributes);
  if (attributes) out.attributes = attributes;
  if (Array.isArray(s.events)) out.events = s.events.map(redactEvent);
  return out;
}

/** Removes prompts and outputs from spans (allow-listed attributes only) and redacts the rest. */
export function redactSpans(spans: readonly unknown[]): Span[] {
  return spans.map(redactSpan);
}

/** Copies the named fields that are present (unknown fields are not carried). */
function pick<T extends object>(from: T, fields: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fields) if (from[f] !== undefined) out[f] = from[f];
  return out;
}

/** Redacts a free-text field, keeping null and absence as they are. */
function text<T extends string | null | undefined>(v: T): T {
  return (typeof v === 'string' ? redact(v) : v) as T;
}

/** What an id may not carry: a credential (emails, addresses and card-like numbers are left to the producer). */
const CREDENTIALS = REDACTIONS.flatMap((r, i) => (['email', 'ipv4', 'ipv6', 'credit_card'].includes(r.name) ? [] : [i]));

/** The kind of credential `text` holds, if any (each pattern tried only where its hint is found, as in `redact`). */
export function credentialIn(text: string): string | undefined {
  const lower = readHints(text);
  for (const i of CREDENTIALS) {
    if (!hinted(i, lower)) continue;
    const r = REDACTIONS[i] as Redaction;
    if (text.replace(r.pattern, r.replace as (substring: string, ...args: string[]) => string) !== text) return r.name;
  }
  return redactKeyTails(text) !== text ? 'private_key' : undefined;
}

export type AdmittedRecord = { ok: true; record: FaultlineRecord } | { ok: false; reason: string };

/**
 * The record as it may be published and stored (`redactRecord`), or a refusal when one of its
 * ids carries a credential: ids are kept as sent (a user looks the record up by them), so
 * they cannot be redacted. The reason names the field and the kind, never the value.
 */
export function admitRecord(record: FaultlineRecord): AdmittedRecord {
  const fields = [...(ID_FIELDS[record.kind] ?? []), 'org_id'];
  for (const field of fields) {
    const value = (record as unknown as Record<string, unknown>)[field];
    const kind = typeof value === 'string' ? credentialIn(value) : undefined;
    if (kind) {
      return {
        ok: false,
        reason: `${field}: holds what looks like a credential (${kind}); ids are stored and shown as sent, so they may not carry secrets`,
      };
    }
  }
  return { ok: true, record: redactRecord(record) };
}

/**
 * The record as it may be published and stored: every free-text field redacted, metadata and
 * metrics redacted at any depth (keys too), span attributes allow-listed, fields outside the
 * record's contract dropped (as the Avro schemas drop them on Kafka). Ids are kept as sent:
 * they are how a user finds the record again (`admitRecord` refuses ids with credentials).
 */
export function redactRecord(record: FaultlineRecord): FaultlineRecord {
  switch (record.kind) {
    case 'episode': {
      const r = record as EpisodeRecord;
      const out = pick(r, [
        'kind',
        'episode_id',
        'org_id',
        'robot_id',
        'source',
        'status',
        'started_at',
        'ended_at',
        'duration_s',
      ]);
      if (r.metadata !== undefined) out.metadata = redactDeep(r.metadata) as EpisodeMetadata;
      if (r.tags !== undefined && r.tags !== null) out.tags = redactDeep(r.tags);
      return out as EpisodeRecord;
    }
    case 'eval_result': {
      const r = record as EvalResultRecord;
      const out = pick(r, ['kind', 'eval_run_id', 'org_id', 'baseline_episode_id', 'candidate_episode_id']);
      out.metrics = redactDeep(r.metrics);
      return out as EvalResultRecord;
    }
    case 'verification_result': {
      const r = record as VerificationResultRecord;
      const out = pick(r, ['kind', 'scenario_id', 'org_id', 'candidate_episode_id', 'status']);
      if (r.message !== undefined) out.message = redact(r.message);
      return out as VerificationResultRecord;
    }
    case 'trace': {
      const r = record as TraceRecord;
      const out = pick(r, ['kind', 'trace_id', 'timestamp', 'org_id']);
      if (r.service !== undefined) out.service = redact(r.service);
      if (Array.isArray(r.spans)) out.spans = r.spans.map(redactSpan);
      return out as TraceRecord;
    }
    case 'log': {
      const r = record as LogRecord;
      const out = pick(r, ['kind', 'log_id', 'org_id', 'timestamp']);
      if (r.experiment_type !== undefined) out.experiment_type = redact(r.experiment_type);
      if (r.error_message !== undefined) out.error_message = text(r.error_message);
      if (r.logs !== undefined) out.logs = text(r.logs);
      if (r.code_snippet !== undefined) out.code_snippet = text(r.code_snippet);
      return out as LogRecord;
    }
  }
}
