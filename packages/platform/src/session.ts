/**
 * Console sessions: an API key exchanged for a cookie. The cookie is the key and an expiry sealed
 * with AES-256-GCM under the service's session secret; every request opens it and authenticates
 * the key again, so a session has exactly the key's role and org, and a revoked key ends it.
 *
 * Invariants:
 * - The cookie is HttpOnly, SameSite=Strict, Path=/, `Secure` when the request came over TLS,
 *   and expires (Max-Age and the sealed expiry, whichever is first).
 * - A request authenticated by the cookie that can change state (anything but GET/HEAD/OPTIONS)
 *   must carry the session's CSRF token in `x-csrf-token` (HMAC of the cookie, which a cross-site
 *   page can neither read nor compute) and, when the browser sends one, an Origin of this host.
 * - A cookie that does not open (tampered, another secret, expired) is no session: 401.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'faultline_session';
/**
 * A readable companion of the session cookie (no secret in it: the session's org and role): the
 * console renders at once from it and asks for the CSRF token alongside, instead of first asking
 * who is signed in. The API never reads it.
 */
export const SIGNED_IN_COOKIE = 'faultline_signed_in';
export const CSRF_HEADER = 'x-csrf-token';

export interface Sessions {
  /** The cookie value of a new session for `key`, and when it ends. */
  seal(key: string, now?: number): { value: string; expiresAt: number };
  /** The key of a cookie value, or null when it does not open or has expired. */
  open(value: string, now?: number): string | null;
  /** The CSRF token of a session cookie value. */
  csrfToken(value: string): string;
  /** Whether `token` is the CSRF token of the cookie value (constant time). */
  csrfMatches(value: string, token: string | undefined): boolean;
  readonly ttlMs: number;
}

/** Sessions under `secret` (unset: a random one per process, so sessions end with a restart). */
export function createSessions(opts: { secret?: string | undefined; ttlHours: number }): Sessions {
  const secret = opts.secret ?? randomBytes(32).toString('hex');
  const encKey = createHash('sha256').update(`enc:${secret}`).digest();
  const macKey = createHash('sha256').update(`csrf:${secret}`).digest();
  const ttlMs = opts.ttlHours * 3_600_000;
  const csrfToken = (value: string) => createHmac('sha256', macKey).update(value).digest('base64url');
  return {
    ttlMs,
    seal(key, now = Date.now()) {
      const expiresAt = now + ttlMs;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify({ k: key, e: expiresAt }), 'utf8'), cipher.final()]);
      return { value: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url'), expiresAt };
    },
    open(value, now = Date.now()) {
      if (!/^[A-Za-z0-9_-]{40,4096}$/.test(value)) return null;
      const raw = Buffer.from(value, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        const parsed = JSON.parse(text) as { k?: unknown; e?: unknown };
        if (typeof parsed.k !== 'string' || typeof parsed.e !== 'number' || parsed.e <= now) return null;
        return parsed.k;
      } catch {
        return null;
      }
    },
    csrfToken,
    csrfMatches(value, token) {
      if (!token) return false;
      const want = Buffer.from(csrfToken(value));
      const got = Buffer.from(token);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie headers of a session (or of its end, `maxAgeS` 0): the sealed cookie and its readable companion. */
export function sessionCookies(
  value: string,
  maxAgeS: number,
  secure: boolean,
  who: { org: string; role: string } | null = null,
): string[] {
  const age = Math.max(0, Math.floor(maxAgeS));
  const shown = age > 0 && who ? encodeURIComponent(`${who.org}|${who.role}`) : '';
  return [
    sessionCookie(value, maxAgeS, secure),
    [`${SIGNED_IN_COOKIE}=${shown}`, 'Path=/', `Max-Age=${age}`, 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; '),
  ];
}

/** The Set-Cookie header of the sealed session cookie (or of its end, `maxAgeS` 0). */
export function sessionCookie(value: string, maxAgeS: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAgeS))}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Where revoked sessions are kept (the store's revoked_sessions table). */
export interface RevokedSessionStore {
  revokeSession(row: { session_hash: string; org_id: string; expires_at: string }): Promise<void>;
  revokedSessionHashes(): Promise<string[]>;
}

/**
 * Sign-out on the server: a signed-out session's cookie is refused from then on, also a copy of
 * it. Only the SHA-256 of the cookie is stored, until the session would have expired.
 *
 * Invariants:
 * - on the replica that signed out, the session is refused at once;
 * - on the others, within `refreshMs` (the list is re-read at most that often, on demand);
 * - a store that cannot be read refuses no session it did not see revoked, and says so by
 *   rejecting (the request then fails: 5xx), rather than letting every revoked session back in.
 */
export class SessionRevocations {
  private revoked = new Set<string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly store: RevokedSessionStore,
    private readonly refreshMs = 5_000,
  ) {}

  static hash(cookie: string): string {
    return createHash('sha256').update(cookie).digest('hex');
  }

  async revoke(cookie: string, org: string, expiresAt: number): Promise<void> {
    const session_hash = SessionRevocations.hash(cookie);
    await this.store.revokeSession({ session_hash, org_id: org, expires_at: new Date(expiresAt).toISOString() });
    this.revoked.add(session_hash);
  }

  async isRevoked(cookie: string, now = Date.now()): Promise<boolean> {
    if (now - this.loadedAt >= this.refreshMs) {
      this.loading ??= this.store
        .revokedSessionHashes()
        .then((hashes) => {
          this.revoked = new Set(hashes);
          this.loadedAt = Date.now();
        })
        .finally(() => {
          this.loading = undefined;
        });
      await this.loading;
    }
    return this.revoked.has(SessionRevocations.hash(cookie));
  }
}
