/**
 * The web console, served by the api role: the static build of apps/console (`npm run build`,
 * which `npm install` runs) at `/`, its hashed assets under `/assets/` (cached for a year), and
 * index.html for every other GET that is not an API, docs or health path, so each console URL
 * (/failures?…, /episodes/:id, …) loads the app, which then reads the public API. Nothing is
 * fetched from elsewhere: the Content-Security-Policy allows this origin only.
 * Other unknown paths keep Fastify's 404 answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { consoleDir } from '@faultline/console';
import type { FastifyInstance, FastifyReply } from 'fastify';

const NOT_CONSOLE = /^\/(api|v1|docs|metrics|healthz|readyz)(\/|\?|$)/;
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export async function consoleRoutes(app: FastifyInstance, opts: { dir?: string } = {}): Promise<void> {
  const dir = opts.dir ?? consoleDir;
  const indexFile = join(dir, 'index.html');
  const built = existsSync(indexFile);
  const index = built
    ? readFileSync(indexFile, 'utf8')
    : '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>faultline</title></head><body><main><h1>The console is not built</h1><p>Run <code>npm run build</code> (or <code>npm install</code>) and restart; the API is at <a href="/docs">/docs</a>.</p></main></body></html>';
  if (built && existsSync(join(dir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
    });
  }
  const sendIndex = (reply: FastifyReply) =>
    reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(index);
  app.setNotFoundHandler((request, reply) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !NOT_CONSOLE.test(request.url)) return sendIndex(reply);
    return reply
      .code(404)
      .send({ message: `Route ${request.method}:${request.url} not found`, error: 'Not Found', statusCode: 404 });
  });
}
