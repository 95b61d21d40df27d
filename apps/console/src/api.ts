/**
 * The console's only way to the service: the public HTTP API, same origin, with the session
 * cookie (sent by the browser) and, on every POST, the session's CSRF token. Errors carry the
 * API's status and message so pages can say what happened (404 reads as "not found").
 */

export interface Session {
  key_id: string;
  org_id: string;
  role: string;
  csrf_token: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf: string | null = null;
/** The org a platform session acts in (platform keys name it on every call); null for org keys. */
let actingOrg: string | null = null;

export function setCsrf(token: string | null): void {
  csrf = token;
}

export function setActingOrg(org: string | null): void {
  actingOrg = org;
}

/** The org and role of the session's readable companion cookie, or null when signed out (no request needed to know). */
export function signedIn(): Session | null {
  const raw = document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('faultline_signed_in='))
    ?.slice('faultline_signed_in='.length);
  if (!raw) return null;
  const [org, role] = decodeURIComponent(raw).split('|');
  return org && role ? { key_id: '', org_id: org, role, csrf_token: null } : null;
}

async function request<T>(method: string, path: string, headers: Record<string, string> = {}): Promise<T> {
  let url = path;
  if (actingOrg && !path.startsWith('/api/session') && !/[?&]org=/.test(path)) {
    url = `${path}${path.includes('?') ? '&' : '?'}org=${encodeURIComponent(actingOrg)}`;
  }
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(method !== 'GET' && csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const message = (body as { message?: string } | null)?.message ?? `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, message);
  }
  return body as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string) => request<T>('POST', path),
  /** Exchanges an API key for the session cookie. */
  signIn: (key: string) => request<Session>('POST', '/api/session', { authorization: `Bearer ${key}` }),
};

/** What a role may see, as the API decides it (packages/platform keys.ts). */
export function capabilities(role: string) {
  const platform = role.startsWith('platform_') || role === 'bootstrap';
  const admin = role === 'admin' || role === 'platform_admin' || role === 'bootstrap';
  return {
    read: role !== 'producer',
    patterns: ['ml_engineer', 'oncall', 'admin'].includes(role) || platform,
    audit: ['oncall', 'admin'].includes(role) || platform,
    runs: ['ml_engineer', 'oncall', 'admin'].includes(role) || platform,
    admin,
  };
}

export interface Finding {
  code: string;
  title: string;
  description: string;
  category: string;
  contributing_factor: string;
  severity: string;
  confidence: number;
  confidence_band: string;
  evidence: Record<string, unknown>;
  suggested_action: string;
}

export interface FailureRow {
  kind: 'episode' | 'trace' | 'log';
  id: string;
  org_id: string;
  occurred_at: string;
  analyzed_at: string;
  analyzer_version: string;
  stale: boolean;
  robot_id: string;
  service: string;
  fingerprint: string;
  code: string;
  title: string;
  category: string;
  contributing_factor: string;
  severity: string;
  confidence: number;
  confidence_band: string;
  findings_count: number;
  seen: number;
}

export interface Pattern {
  title: string;
  category: string;
  contributing_factor: string;
  severity: string;
  summary: string;
  root_cause_hypothesis: string;
  evidence: { signals: { name?: string; value?: unknown; [k: string]: unknown }[]; excerpts: string[] };
  recommended_actions: string[];
  suggested_fix: string;
  confidence: number;
  confidence_band: string;
  confidence_rationale: string;
  source: string;
}

export interface AnalysisAnswer {
  analyzer_version: string;
  current_analyzer_version: string;
  stale: boolean;
  analyzed_at: string;
  fingerprint: string;
  fingerprint_peers: number;
  findings: Finding[];
  source: string;
  pattern?: Pattern;
  llm?: Record<string, unknown>;
}
