/** Runs `faultline <role>` as a child process, as an operator would, and talks to it over HTTP. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../../apps/faultline/dist/src/main.js', import.meta.url));

export interface Service {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: string | null }>;
}

/** Starts `faultline <command>`; embedded unless `env` names the Kafka settings itself. */
export async function startService(command: string, env: Record<string, string>): Promise<Service> {
  const { KAFKA_BROKERS: _k, SCHEMA_REGISTRY_URL: _r, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN, command], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, PORT: '0', FAULTLINE_RUN_SCHEDULE: 'off', FAULTLINE_LOG_LEVEL: 'warn', ...env },
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`faultline ${command} did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`faultline ${command} exited early: ${out}`));
    });
  });
  return {
    child,
    url,
    exited,
    output: () => out,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A caller of the service's HTTP API with a key: JSON bodies in and out; the answer's body is its
 * JSON, its text when it is not JSON, or null when empty.
 */
export function apiCaller(url: string) {
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
  return async (method: string, path: string, key: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!text) return { status: res.status, body: null };
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      return { status: res.status, body: text };
    }
  };
}

/**
 * Makes org keys through `POST /api/admin/keys` with a bootstrap (or platform admin) key: the
 * key of `role` in `org`; anything but 201 throws with the answer.
 */
export function keyMaker(url: string, bootKey: string) {
  const call = apiCaller(url);
  return async (org: string, role: string): Promise<string> => {
    const r = await call('POST', '/api/admin/keys', bootKey, { org_id: org, role });
    if (r.status !== 201) throw new Error(`creating a ${role} key in ${org} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.key as string;
  };
}

export async function until<T>(what: string, ms: number, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name} ([\\d.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

/** Sum of a labelled metric's series, or NaN when the metric has no series. */
export async function metricSum(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const values = [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} ([\\d.e+-]+)$`, 'gm'))].map((m) => Number(m[1]));
  return values.length ? values.reduce((a, b) => a + b, 0) : Number.NaN;
}

/** A tool from Debian's packages the test needs (path from `env` or the default): fails the test file, naming the setup script, when it is missing. */
export function requireTool(envVar: string, fallback: string, pkg: string, fail: (msg: string) => void): string {
  const bin = process.env[envVar] ?? fallback;
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore' });
  } catch {
    fail(`${bin} not found: run deploy/local/install-checks.sh (installs Debian's ${pkg} package)`);
    process.exit(1);
  }
  return bin;
}

/** A structured answer a good LLM gives for a CUDA out-of-memory log (local provider servers in tests). */
export const GPU_OOM_ANSWER = {
  title: 'Out of GPU memory in the training step',
  category: 'resource_error',
  contributing_factor: 'gpu_oom',
  severity: 'high',
  summary: 'The batch did not fit in GPU memory.',
  root_cause_hypothesis: 'The batch size grew past what the GPU holds.',
  recommended_actions: ['Lower the batch size or enable gradient checkpointing'],
  suggested_fix: 'Halve the batch size.',
  confidence: 0.92,
  confidence_rationale: 'CUDA out of memory is stated.',
};
