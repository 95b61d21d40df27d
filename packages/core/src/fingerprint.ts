import * as crypto from 'node:crypto';
import { cut, singleSpaced } from './text.js';

/**
 * The normalized signature of a failure: its error type plus the message template,
 * with numbers, ids, paths, hosts, addresses and quoted values masked, so that one
 * failure on two robots or in two traces gets one fingerprint.
 *
 * Each mask: its regex, its replacement, and optionally texts without which it cannot match (a
 * substring search is cheaper than the regex's scan): a URL's "://", an email's "@", a
 * redaction's "[REDACTED:", a hex number's "0x"; and whether it needs a digit (`D`: the text is
 * tested once, as no replacement adds a digit).
 */
const DIGIT = /\d/;
/** The mask cannot match a text without an ASCII digit. */
const D = true;
const MASKS: [RegExp, string, needs?: readonly string[], digit?: boolean][] = [
  [/\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s'"<>)]+/gi, '<url>', ['://']],
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, '<email>', ['@']],
  [/\[REDACTED:[a-z_]+\]/g, '<secret>', ['[REDACTED:']],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<ts>', undefined, D],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>', undefined, D],
  [/(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+){2,}[\\/]?/g, '<path>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>', ['0x', '0X']],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<id>', undefined, D],
  [/\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|ai|dev|cloud|internal|local|svc|cluster|amazonaws|googleapis)\b(?::\d+)?/gi, '<host>'],
  [/\b[A-Za-z]+[-_]?\d[\w-]*\b/g, '<id>', undefined, D],
  // Durations, whatever their unit ("try again in 2.4s" / "in 380ms" / "in 1m20s" are one failure).
  [
    /\b\d+(?:\.\d+)?\s?(?:ms|us|µs|ns|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)(?:\d+(?:\.\d+)?(?:ms|s|m|h))*\b/gi,
    '<dur>',
    undefined,
    D,
  ],
  [/\d+(?:\.\d+)?/g, '<n>', undefined, D],
];

export function normalizeMessage(message: string): string {
  let out = cut(message, 2000);
  // A text without a digit keeps none (the masks only take characters away or add "<…>" names).
  const digits = DIGIT.test(out);
  for (const [pattern, replacement, needs, digit] of MASKS) {
    if (digit && !digits) continue;
    if (!needs || needs.some((n) => out.includes(n))) out = out.replace(pattern, replacement);
  }
  // The last mask: every run of whitespace as one space.
  out = singleSpaced(out);
  return cut(out.trim(), 400);
}

/** `type|template`, the text a fingerprint is the hash of. */
export function signature(errorType: string, message: string): string {
  return `${errorType.trim().toLowerCase()}|${normalizeMessage(message)}`;
}

type OneShotHash = (algorithm: string, data: string, encoding: 'hex') => string;
/** node:crypto's one-shot `hash` (Node 20.12+, 21.7+): no Hash object per fingerprint. */
const ONE_SHOT = (crypto as { hash?: OneShotHash }).hash ?? null;

/** SHA-256 of a text (UTF-8) in hex: by `oneShot` when given (null: a Hash object, as Node before 20.12 has only). */
export function sha256Hex(text: string, oneShot: OneShotHash | null = ONE_SHOT): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}

/** 16 hex characters of SHA-256 over the normalized signature. */
export function fingerprintOf(signatureText: string): string {
  return sha256Hex(signatureText).slice(0, 16);
}
