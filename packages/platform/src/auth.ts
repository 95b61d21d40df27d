/**
 * The auth plugin: `Authorization: Bearer <key>` on every /api route. A wrong or missing
 * key answers 401; a role without the right answers 403 (routes call `request.require`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from './http.js';
import { type Capability, can, type KeyRing, type Principal } from './keys.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Throws a 403 unless the caller has the capability; returns the principal. */
    require(capability: Capability): Principal;
  }
}

export interface AuthOptions {
  keys: KeyRing;
  /** Route prefixes that need a key. */
  prefixes?: string[];
}

export const authPlugin = fp(
  async (app: FastifyInstance, opts: AuthOptions) => {
    const prefixes = opts.prefixes ?? ['/api/'];
    app.decorateRequest('principal', null);
    app.decorateRequest('require', function (this: FastifyRequest, capability: Capability): Principal {
      const p = this.principal;
      if (!p) throw new HttpError(401, 'unauthorized', 'missing or invalid API key');
      if (!can(p, capability)) throw new HttpError(403, 'forbidden', `role ${p.role} may not ${capability.replace('_', ' ')}`);
      return p;
    });
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!prefixes.some((p) => request.url.startsWith(p))) return;
      const header = request.headers.authorization ?? '';
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
