/**
 * The auth plugin: `Authorization: Bearer <key>` on every /api route, or (with `sessions`) the
 * console's session cookie, which stands for the key it was made from (session.ts). A wrong or
 * missing key answers 401; a role without the right answers 403 (routes call `request.require`).
 * A request authenticated by the cookie that can change state needs the session's CSRF token
 * and, when the browser names one, this host as its Origin: a cross-site request is 403. A
 * session ended by sign-out (`revocations`) is refused like an expired one: 401.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './http.js';
import { type Capability, can, type KeyRing, type Principal } from './keys.js';
import { CSRF_HEADER, cookieValue, SESSION_COOKIE, type SessionRevocations, type Sessions } from './session.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** The session cookie's value when the request was authenticated by it (not by a bearer key). */
    sessionCookie: string | null;
    /** Throws a 403 unless the caller has the capability; returns the principal. */
    require(capability: Capability): Principal;
  }
}

export interface AuthOptions {
  keys: KeyRing;
  /** Route prefixes that need a key. */
  prefixes?: string[];
  /** Console sessions: the session cookie authenticates like the key it was made from. */
  sessions?: Sessions;
  /** Sessions ended by sign-out: their cookies (and copies of them) are refused. */
  revocations?: SessionRevocations;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    const prefixes = opts.prefixes ?? ['/api/'];
    app.decorateRequest('principal', null);
    app.decorateRequest('sessionCookie', null);
    app.decorateRequest('require', function (this: FastifyRequest, capability: Capability): Principal {
      const p = this.principal;
      if (!p) throw new HttpError(401, 'unauthorized', 'missing or invalid API key');
      if (!can(p, capability)) throw new HttpError(403, 'forbidden', `role ${p.role} may not ${capability.replace('_', ' ')}`);
      return p;
    });
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!prefixes.some((p) => request.url.startsWith(p))) return;
      const header = request.headers.authorization ?? '';
      const cookie = opts.sessions && !header ? cookieValue(request.headers.cookie, SESSION_COOKIE) : undefined;
      if (opts.sessions && cookie) {
        const key = opts.sessions.open(cookie);
        const ended = key !== null && opts.revocations !== undefined && (await opts.revocations.isRevoked(cookie));
        const principal = key && !ended ? await opts.keys.authenticate(key) : null;
        if (!principal) {
          return reply
            .code(401)
            .send({ error: 'unauthorized', message: 'the session has expired or is not valid: sign in again' });
        }
        if (!SAFE_METHODS.has(request.method)) {
          const origin = request.headers.origin;
          if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) {
            return reply.code(403).send({ error: 'forbidden', message: `cross-site request refused (Origin ${origin})` });
          }
          const token = request.headers[CSRF_HEADER];
          if (!opts.sessions.csrfMatches(cookie, typeof token === 'string' ? token : undefined)) {
            return reply
              .code(403)
              .send({ error: 'forbidden', message: `cross-site request refused: missing or wrong ${CSRF_HEADER} header` });
          }
        }
        request.principal = principal;
        request.sessionCookie = cookie;
        return;
      }
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = m ? await opts.keys.authenticate(m[1] as string) : null;
      if (!principal) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({ error: 'unauthorized', message: header ? 'invalid API key' : 'missing Authorization: Bearer <key> header' });
      }
      request.principal = principal;
    });
  },
  { name: 'faultline-auth' },
);
