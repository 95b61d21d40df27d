/**
 * Test helpers: the real schema registry of deploy/local (started here when it does not
 * answer, and then stopped again when the tests end; a stack that was already running is
 * left alone), and small registry REST calls.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const REGISTRY_URL = (process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081').replace(/\/+$/, '');
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

const JSON_TYPE = 'application/vnd.schemaregistry.v1+json';

async function answers(): Promise<boolean> {
  try {
    const res = await fetch(`${REGISTRY_URL}/subjects`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

interface Teardown {
  teardown(fn: () => unknown): void;
  comment(...args: unknown[]): void;
}

/** Makes sure the registry answers; starts deploy/local when it does not, and stops it at the end. */
export async function ensureRegistry(t: Teardown): Promise<string> {
  if (await answers()) return REGISTRY_URL;
  t.comment(`the schema registry at ${REGISTRY_URL} does not answer: starting deploy/local`);
  execFileSync('bash', [`${REPO}deploy/local/start.sh`], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (!(await answers()))
    throw new Error(`the schema registry at ${REGISTRY_URL} still does not answer after deploy/local/start.sh`);
  t.teardown(() => {
    execFileSync('bash', [`${REPO}deploy/local/stop.sh`], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  });
  return REGISTRY_URL;
}

export interface RegistryAnswer {
  status: number;
  body: unknown;
}

export async function registry(method: string, path: string, body?: unknown): Promise<RegistryAnswer> {
  const res = await fetch(`${REGISTRY_URL}${path}`, {
    method,
    headers: { accept: JSON_TYPE, ...(body === undefined ? {} : { 'content-type': JSON_TYPE }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** Deletes a subject (soft, then permanently). */
export async function deleteSubject(subject: string): Promise<void> {
  await registry('DELETE', `/subjects/${encodeURIComponent(subject)}`);
  await registry('DELETE', `/subjects/${encodeURIComponent(subject)}?permanent=true`);
}

export function randomTag(): string {
  return randomBytes(4).toString('hex');
}
