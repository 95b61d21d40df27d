/** HTTP errors as values: `{ error, message }` bodies with the right status, from one handler. */
import type { IncomingMessage } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { DISK_FULL_RETRY_S, isDiskFull } from './disk.js';

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

/** The most of a refused (too large) body that is read and discarded before the 413 goes out. */
const DRAIN_MAX_BYTES = 256 * 1024 * 1024;
const DRAIN_MAX_MS = 30_000;

/**
 * Reads and discards what is left of a request body, so that a client that writes its
 * whole body before reading gets the answer instead of a broken pipe. Bounded in bytes and time.
 */
function drain(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', done);
      raw.off('error', done);
      raw.off('close', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX_BYTES) done();
    };
    const timer = setTimeout(done, DRAIN_MAX_MS);
    raw.on('data', onData);
    raw.once('end', done);
    raw.once('error', done);
    raw.once('close', done);
    raw.resume();
  });
}

/** One error handler: schema errors name the field, HttpErrors keep their status, the rest are 500s without internals. */
export function installErrorHandler(app: FastifyInstance, opts: { onDiskFull?: () => void } = {}): void {
  app.setErrorHandler(async (err: FastifyError | HttpError, request, reply) => {
    if (!(err instanceof HttpError) && isDiskFull(err)) {
      // The bus or the store could not write for lack of space: retry later, not a server bug.
      opts.onDiskFull?.();
      request.log.warn({ err }, 'disk full');
      return reply
        .code(503)
        .header('retry-after', String(DISK_FULL_RETRY_S))
        .send({ error: 'disk_full', message: `no space left on the data disk; retry in ${DISK_FULL_RETRY_S}s` });
    }
    if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      await drain(request.raw);
      return reply
        .code(413)
        .header('connection', 'close')
        .send({ error: 'too_large', message: `${err.message}; send smaller batches` });
    }
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).headers(err.headers).send({ error: err.code, message: err.message });
    }
    const e = err as FastifyError;
    if (e.validation) {
      const first = e.validation[0];
      const field = first
        ? `${(first.instancePath || '').slice(1).replaceAll('/', '.') || (first.params as { missingProperty?: string })?.missingProperty || e.validationContext}`
        : '';
      const dateTime = first?.keyword === 'format' && (first.params as { format?: string })?.format === 'date-time';
      const problem = dateTime
        ? 'must be an RFC 3339 date-time the store holds (years 1900-2299; no leap second :60, send 23:59:59.999)'
        : (first?.message ?? 'invalid');
      return reply.code(400).send({ error: 'bad_request', message: field ? `${field}: ${problem}` : e.message });
    }
    if (e.statusCode && e.statusCode < 500) {
      return reply.code(e.statusCode).send({ error: e.code ?? 'bad_request', message: e.message });
    }
    request.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
}
