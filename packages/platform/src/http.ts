/** HTTP errors as values: `{ error, message }` bodies with the right status, from one handler. */
import type { FastifyError, FastifyInstance } from 'fastify';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function notFound(what: string): HttpError {
  return new HttpError(404, 'not_found', `${what} not found`);
}

/** One error handler: schema errors name the field, HttpErrors keep their status, the rest are 500s without internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).headers(err.headers).send({ error: err.code, message: err.message });
    }
    const e = err as FastifyError;
    if (e.validation) {
      const first = e.validation[0];
      const field = first
        ? `${(first.instancePath || '').slice(1).replaceAll('/', '.') || (first.params as { missingProperty?: string })?.missingProperty || e.validationContext}`
        : '';
      return reply
        .code(400)
        .send({ error: 'bad_request', message: field ? `${field}: ${first?.message ?? 'invalid'}` : e.message });
    }
    if (e.statusCode && e.statusCode < 500) {
      return reply.code(e.statusCode).send({ error: e.code ?? 'bad_request', message: e.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
}
