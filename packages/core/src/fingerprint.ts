import { createHash } from 'node:crypto';
import { cut, singleSpaced } from './text.js';

/**
 * The normalized signature of a failure: its error type plus the message template,
 * with numbers, ids, paths, hosts, addresses and quoted values masked, so that one
 * failure on two robots or in two traces gets one fingerprint.
 *
 * Each mask: its regex, its replacement, and optionally texts without which it cannot match (a
 * substring search is cheaper than the regex's scan): a URL's "://", an email's "@", a
 * redaction's "[REDACTED:", a hex number's "0x".
 */
const MASKS: [RegExp, string, needs?: readonly string[]][] = [
  [/\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s'"<>)]+/gi, '<url>', ['://']],
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, '<email>', ['@']],
  [/\[REDACTED:[a-z_]+\]/g, '<secret>', ['[REDACTED:']],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<ts>'],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>'],
  [/(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+){2,}[\\/]?/g, '<path>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>', ['0x', '0X']],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, '<id>'],
  [/\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|ai|dev|cloud|internal|local|svc|cluster|amazonaws|googleapis)\b(?::\d+)?/gi, '<host>'],
  [/\b[A-Za-z]+[-_]?\d[\w-]*\b/g, '<id>'],
  // Durations, whatever their unit ("try again in 2.4s" / "in 380ms" / "in 1m20s" are one failure).
  [
    /\b\d+(?:\.\d+)?\s?(?:ms|us|µs|ns|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)(?:\d+(?:\.\d+)?(?:ms|s|m|h))*\b/gi,
    '<dur>',
  ],
  [/\d+(?:\.\d+)?/g, '<n>'],
];

export function normalizeMessage(message: string): string {
  let out = cut(message, 2000);
  for (const [pattern, replacement, needs] of MASKS) {
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

/** 16 hex characters of SHA-256 over the normalized signature. */
export function fingerprintOf(signatureText: string): string {
  return createHash('sha256').update(signatureText).digest('hex').slice(0, 16);
}
