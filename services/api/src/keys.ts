/**
 * Admin keys: `POST /api/admin/keys` creates an API key and returns it once. Who may create
 * which key is mayCreateKey (packages/platform/src/access.ts): an org admin in its own org, a
 * platform_admin in a named org, a platform role only through the bootstrap key. Every key
 * created is audited (`api_key.created`) before it is returned. Registered in every role: an
 * ingest-only deployment still mints its own keys.
 *
 * The body schema documents the fields but constrains none of them: the handler keeps its own
 * checks (a non-string org_id is a 400 naming it; role and label are taken as they are sent),
 * because Ajv's type coercion would turn `org_id: 5` into "5" rather than refuse it.
 */

import type {} from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { HttpError, KeyError, type KeyRing, mayCreateKey } from '@faultline/platform';
import type { Store } from '@faultline/store';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

export interface KeysOptions {
  store: Store;
  keys: KeyRing;
}

/** The fields a create reads; any of them may be absent or of another type (the handler checks). */
interface CreateKeyFields {
  org_id?: unknown;
  role?: unknown;
  label?: unknown;
}

/**
 * An object with these fields, or anything else: the fields are documented in /docs, and a
 * missing or non-object body is not refused here (it reaches the handler as before and is
 * answered with the role it lacks).
 */
const CreateKeyBody = Type.Union([
  Type.Object({
    org_id: Type.Optional(
      Type.Unknown({ description: 'the org the key acts in (a string; "*" or omitted for a platform role)' }),
    ),
    role: Type.Optional(Type.Unknown({ description: 'the key role (packages/platform/src/access.ts)' })),
    label: Type.Optional(Type.Unknown({ description: 'a free label (ignored unless a string)' })),
  }),
  Type.Unknown(),
]);

const CreatedKey = Type.Object({
  key: Type.String({ description: 'the secret, shown only in this answer' }),
  key_id: Type.String(),
  org_id: Type.String(),
  role: Type.String(),
});

export async function keyRoutes(app: FastifyInstance, opts: KeysOptions): Promise<void> {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.post(
    '/api/admin/keys',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Create an API key {org_id, role}; the key is returned once. Org admins: their own org; platform_admin: a named org; platform roles: the bootstrap key only',
        body: CreateKeyBody,
        response: { 201: CreatedKey },
      },
    },
    async (request, reply) => {
      const p = request.require('admin');
      const body = (request.body ?? {}) as CreateKeyFields;
      if (body.org_id !== undefined && typeof body.org_id !== 'string')
        throw new HttpError(400, 'bad_request', 'org_id: must be a string');
      const grant = mayCreateKey(p, body.org_id as string | undefined, String(body.role ?? ''));
      if (grant instanceof HttpError) throw grant;
      try {
        const created = await opts.keys.create(
          grant.org,
          String(body.role ?? ''),
          typeof body.label === 'string' ? body.label : '',
        );
        await opts.store.writeAudit([
          {
            org_id: created.org_id,
            action: 'api_key.created',
            actor: p.keyId,
            subject_kind: 'api_key',
            subject_id: created.key_id,
            metadata: { role: created.role, actor_role: p.role },
          },
        ]);
        return reply.code(201).send(created);
      } catch (err) {
        if (err instanceof KeyError) throw new HttpError(400, 'bad_request', err.message);
        throw err;
      }
    },
  );
}
