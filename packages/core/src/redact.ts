/**
 * Redaction of every excerpt that can be stored: API keys and bearer tokens, passwords
 * in URLs, cloud access keys, private keys, JWTs, emails, IP addresses and secrets
 * given as key=value. Patterns are linear (no nested quantifiers) so that a huge log
 * cannot make them backtrack.
 */
import { cut, cutWithEllipsis } from './text.js';

interface Redaction {
  name: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

const R = (name: string) => `[REDACTED:${name}]`;

const REDACTIONS: Redaction[] = [
  {
    name: 'private_key',
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    replace: R('private_key'),
  },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, replace: R('jwt') },
  {
    name: 'bearer',
    pattern: /\b(Bearer|Basic|Token)\s+(?=[A-Za-z0-9._~+/=-]{0,200}\d)[A-Za-z0-9._~+/=-]{8,}/gi,
    replace: (_m, scheme) => `${scheme} ${R('token')}`,
  },
  {
    name: 'url_password',
    pattern: /\b([a-z][a-z0-9+.-]{1,20}:\/\/)([^\s:/@]{1,128}):([^\s@/]{1,256})@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${R('password')}@`,
  },
  // Provider and platform keys with a recognisable prefix.
  { name: 'openai_key', pattern: /\bsk-(?:proj-|ant-|svcacct-|or-v1-)?[A-Za-z0-9_-]{16,}/g, replace: R('api_key') },
  { name: 'google_key', pattern: /\bAIza[0-9A-Za-z_-]{30,}/g, replace: R('api_key') },
  { name: 'github_token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g, replace: R('token') },
  { name: 'slack_token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, replace: R('token') },
  { name: 'hf_token', pattern: /\bhf_[A-Za-z0-9]{20,}/g, replace: R('token') },
  { name: 'stripe_key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g, replace: R('api_key') },
  { name: 'aws_access_key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}\b/g, replace: R('aws_access_key') },
  // Secrets given as key=value or "key": "value".
  {
    name: 'secret_assignment',
    pattern:
      /\b((?:aws_)?(?:secret(?:_access)?_key|api[_-]?key|x-api-key|access[_-]?token|refresh[_-]?token|auth[_-]?token|client[_-]?secret|password|passwd|pwd|secret|token|credentials?))(["']?\s*[:=]\s*["']?)([^\s"',;&}]{4,})/gi,
    replace: (_m, key, sep) => `${key}${sep}${R('secret')}`,
  },
  { name: 'email', pattern: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g, replace: R('email') },
  {
    name: 'ipv4',
    pattern: /\b(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\b/g,
    replace: R('ip'),
  },
  {
    name: 'ipv6',
    // Not followed by another hex group; a colon after the address ("…::1: refused") is punctuation.
    pattern:
      /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?!\w|:[0-9A-Fa-f])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?!\w|:[0-9A-Fa-f])/g,
    replace: R('ip'),
  },
];

/** Replaces every secret, credential, email and IP address in `text`. */
export function redact(text: string): string {
  let out = text;
  for (const r of REDACTIONS) {
    out = out.replace(r.pattern, r.replace as (substring: string, ...args: string[]) => string);
  }
  return out;
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
  const clean = redact(pre).replace(/\s+/g, ' ').trim();
  return cutWithEllipsis(clean, max);
}

/** Redacts every string inside a JSON-like value (for metadata that is stored). */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactDeep(v, depth + 1);
  return out as T;
}

/** Span attributes that carry user prompts or model outputs: never stored, whatever they hold. */
const CONTENT_ATTRIBUTE =
  /(^|\.)(prompt|prompts|completion|completions|input\.value|output\.value|input_messages|output_messages|messages|content|input|output|query|response\.text)(\.|$)|^gen_ai\.(prompt|completion|input|output)|^llm\.(prompts|input|output)/i;

/** Removes prompts and outputs from spans and redacts every remaining string. */
export function redactSpans<T>(spans: T): T {
  const strip = (value: unknown, depth: number): unknown => {
    if (depth > 32 || value === null || typeof value !== 'object') return typeof value === 'string' ? redact(value) : value;
    if (Array.isArray(value)) return value.map((v) => strip(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'attributes' && v && typeof v === 'object' && !Array.isArray(v)) {
        const attrs: Record<string, unknown> = {};
        for (const [ak, av] of Object.entries(v as Record<string, unknown>)) {
          attrs[ak] = CONTENT_ATTRIBUTE.test(ak) && !ak.startsWith('exception.') ? '[REDACTED:content]' : strip(av, depth + 2);
        }
        out[k] = attrs;
      } else out[k] = strip(v, depth + 1);
    }
    return out;
  };
  return strip(spans, 0) as T;
}
