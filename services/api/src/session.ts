/**
 * The console's session: `POST /api/session` exchanges the API key of its Authorization header for
 * a session cookie (platform session.ts: HttpOnly, SameSite=Strict, Secure over TLS, expiring),
 * `GET /api/session` says who is signed in (and gives a cookie session its CSRF token), and
 * `POST /api/session/end` clears the cookie and ends the session on the server (a copy of the
 * cookie is refused from then on). A session is exactly its key: same role, same org,
 * and it ends when the key is revoked. Sign-in takes a key, never a cookie (a session does not
 * extend itself).
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CSRF_HEADER,
  HttpError,
  type Principal,
  type SessionRevocations,
  type Sessions,
  sessionCookies,
} from '@faultline/platform';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';

const SessionAnswer = Type.Object({
  key_id: Type.String(),
  org_id: Type.String(),
  role: Type.String(),
  csrf_token: Type.Union([Type.String(), Type.Null()], {
    description: `send as the ${CSRF_HEADER} header on every POST made with the cookie; null without a cookie session`,
  }),
  expires_at: Type.Union([Type.String(), Type.Null()]),
});

function principalOf(request: FastifyRequest): Principal {
  const p = request.principal;
  if (!p) throw new HttpError(401, 'unauthorized', 'missing or invalid API key');
  return p;
}

const who = (p: Principal) => ({ key_id: p.keyId, org_id: p.org, role: p.role });

export async function sessionRoutes(
  app: FastifyInstance,
  opts: { sessions: Sessions; revocations?: SessionRevocations },
): Promise<void> {
  const { sessions, revocations } = opts;
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post(
    '/api/session',
    {
      schema: {
        tags: ['console'],
        summary: 'Sign in: the API key of the Authorization header for a session cookie (every role)',
        response: { 201: SessionAnswer },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const m = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (!m) throw new HttpError(400, 'bad_request', 'sign in with Authorization: Bearer <API key>, not with a session');
      const sealed = sessions.seal(m[1] as string);
      reply.header(
        'set-cookie',
        sessionCookies(sealed.value, sessions.ttlMs / 1000, request.protocol === 'https', { org: p.org, role: p.role }),
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send({
        ...who(p),
        csrf_token: sessions.csrfToken(sealed.value),
        expires_at: new Date(sealed.expiresAt).toISOString(),
      });
    },
  );
  typed.get(
    '/api/session',
    {
      schema: {
        tags: ['console'],
        summary: 'Who is signed in, and the CSRF token of a cookie session (every role)',
        response: { 200: SessionAnswer },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      reply.header('cache-control', 'no-store');
      return {
        ...who(p),
        csrf_token: request.sessionCookie ? sessions.csrfToken(request.sessionCookie) : null,
        expires_at: null,
      };
    },
  );
  typed.post(
    '/api/session/end',
    {
      schema: {
        tags: ['console'],
        summary: 'Sign out: clears the session cookie (every role)',
        response: { 200: Type.Object({ signed_out: Type.Boolean() }) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      // The cookie is ended on the server too: a copy of it is refused from now on (until it would
      // have expired; the sealed expiry is at most one session lifetime away).
      if (request.sessionCookie && revocations)
        await revocations.revoke(request.sessionCookie, p.org, Date.now() + sessions.ttlMs);
      reply.header('set-cookie', sessionCookies('', 0, request.protocol === 'https'));
      return { signed_out: true };
    },
  );
}
