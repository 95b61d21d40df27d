/**
 * The access matrix: every /api route (and OTLP's /v1/traces) × every role × own org / another org / a platform-named
 * org, as data. It is the one source of the README's access table (`renderAccessTable`, kept
 * in sync by packages/platform/test/access.test.ts) and of the generated service test
 * (test/service/access-matrix.test.ts), which runs every cell against the real service with
 * two orgs that hold the same ids. The enforcing code (keys.ts `actingOrg`, the routes) does
 * not read this table, so the test compares two independent statements of the rules.
 *
 * How a route picks its org (`org`):
 * - `subject`: the id in the path is looked up in the acting org; another org's subject
 *   answers exactly like a missing one (404, same body).
 * - `listing`: `?org=` filters; an org key sees its own org only (naming another is 403);
 *   a platform key names one org, or `*` for every org (the one explicit cross-org read) unless
 *   the listing is of one org at a time (`oneOrg`: `*` is a 400).
 * - `write`: the records or body name the org (`org_id`, or `?org=`); an org key writes only
 *   to its own org (naming another: 403 for one record, a rejected item in a batch); a
 *   platform key must name one.
 * - `keys`: the body's `org_id` is the org of the new key (see `KEY_GRANTS`).
 * - `session`: the console's session (sign in, who am I, sign out) names no org: it is the key's
 *   own, and a platform key's session names the org on each call like the key would.
 * A platform key that names no org gets 400 on every route (`org_required`).
 */
import type { Role } from './keys.js';

export type OrgSource = 'subject' | 'listing' | 'write' | 'keys' | 'session';

export interface RouteAccess {
  method: 'GET' | 'POST';
  /** As registered in Fastify (`:id` params). */
  path: string;
  /** The roles that may call it (the others get 403). */
  roles: readonly Role[];
  org: OrgSource;
  /** The status of a call that is allowed. */
  ok: 200 | 201 | 202;
  /** The status when an org key reaches for another org (see the module comment). */
  other: 400 | 403 | 404;
  what: string;
  /** A listing of one org at a time (failure groups: a fingerprint within an org): a platform key's `?org=*` is a 400. */
  oneOrg?: true;
}

/** Every role, in the README's column order. */
export const MATRIX_ROLES: readonly Role[] = [
  'producer',
  'member',
  'ml_engineer',
  'oncall',
  'admin',
  'platform_oncall',
  'platform_admin',
  'bootstrap',
];

const WRITERS: readonly Role[] = ['producer', 'admin', 'platform_admin', 'bootstrap'];
const READERS: readonly Role[] = ['member', 'ml_engineer', 'oncall', 'admin', 'platform_oncall', 'platform_admin', 'bootstrap'];
const PATTERN_READERS: readonly Role[] = ['ml_engineer', 'oncall', 'admin', 'platform_oncall', 'platform_admin', 'bootstrap'];
const AUDIT_READERS: readonly Role[] = ['oncall', 'admin', 'platform_oncall', 'platform_admin', 'bootstrap'];
const ADMINS: readonly Role[] = ['admin', 'platform_admin', 'bootstrap'];
const EVERY_ROLE: readonly Role[] = MATRIX_ROLES;

export const ACCESS: readonly RouteAccess[] = [
  { method: 'POST', path: '/api/ingest/episode', roles: WRITERS, org: 'write', ok: 202, other: 403, what: 'start an episode' },
  {
    method: 'POST',
    path: '/api/ingest/episode/:episode_id/finalize',
    roles: WRITERS,
    org: 'write',
    ok: 202,
    other: 403,
    what: 'finalize an episode',
  },
  { method: 'POST', path: '/api/ingest/traces', roles: WRITERS, org: 'write', ok: 202, other: 400, what: 'ingest traces' },
  { method: 'POST', path: '/api/ingest/logs', roles: WRITERS, org: 'write', ok: 202, other: 400, what: 'ingest logs' },
  { method: 'POST', path: '/v1/traces', roles: WRITERS, org: 'write', ok: 200, other: 403, what: 'export OTLP traces' },
  {
    method: 'POST',
    path: '/api/ingest/eval-results',
    roles: WRITERS,
    org: 'write',
    ok: 202,
    other: 400,
    what: 'ingest eval results',
  },
  {
    method: 'POST',
    path: '/api/ingest/verification-results',
    roles: WRITERS,
    org: 'write',
    ok: 202,
    other: 400,
    what: 'ingest verification results',
  },
  {
    method: 'GET',
    path: '/api/episodes',
    roles: READERS,
    org: 'listing',
    ok: 200,
    other: 403,
    what: 'failed episodes, newest first',
  },
  {
    method: 'GET',
    path: '/api/traces',
    roles: PATTERN_READERS,
    org: 'listing',
    ok: 200,
    other: 403,
    what: 'failed traces, newest first',
  },
  {
    method: 'GET',
    path: '/api/logs',
    roles: PATTERN_READERS,
    org: 'listing',
    ok: 200,
    other: 403,
    what: 'failed logs, newest first',
  },
  {
    method: 'GET',
    path: '/api/episodes/:id',
    roles: READERS,
    org: 'subject',
    ok: 200,
    other: 404,
    what: 'an episode and its analysis',
  },
  {
    method: 'GET',
    path: '/api/traces/:id',
    roles: PATTERN_READERS,
    org: 'subject',
    ok: 200,
    other: 404,
    what: "a trace's pattern",
  },
  { method: 'GET', path: '/api/logs/:id', roles: PATTERN_READERS, org: 'subject', ok: 200, other: 404, what: "a log's analysis" },
  {
    method: 'GET',
    path: '/api/groups',
    roles: PATTERN_READERS,
    org: 'listing',
    oneOrg: true,
    ok: 200,
    other: 403,
    what: 'failure groups in a window',
  },
  {
    method: 'GET',
    path: '/api/groups/:id',
    roles: PATTERN_READERS,
    org: 'subject',
    ok: 200,
    other: 404,
    what: 'one failure group, its members and an example',
  },
  {
    method: 'POST',
    path: '/api/groups/:id/status',
    roles: ADMINS,
    org: 'subject',
    ok: 200,
    other: 404,
    what: 'mark a failure group resolved, ignored or open',
  },
  { method: 'GET', path: '/api/trends', roles: READERS, org: 'listing', ok: 200, other: 403, what: 'failure counts over time' },
  {
    method: 'GET',
    path: '/api/insights/dimensions',
    roles: READERS,
    org: 'listing',
    ok: 200,
    other: 403,
    what: 'what failing runs have in common',
  },
  { method: 'GET', path: '/api/audit', roles: AUDIT_READERS, org: 'listing', ok: 200, other: 403, what: 'the audit log' },
  { method: 'GET', path: '/api/runs', roles: PATTERN_READERS, org: 'listing', ok: 200, other: 403, what: 'batch runs' },
  { method: 'GET', path: '/api/runs/:id', roles: PATTERN_READERS, org: 'subject', ok: 200, other: 404, what: 'one batch run' },
  { method: 'POST', path: '/api/runs', roles: ADMINS, org: 'write', ok: 202, other: 403, what: 'start a batch run' },
  {
    method: 'POST',
    path: '/api/episodes/:id/reanalyze',
    roles: ADMINS,
    org: 'subject',
    ok: 202,
    other: 404,
    what: 're-analyze an episode',
  },
  {
    method: 'POST',
    path: '/api/episodes/:id/mark-failed',
    roles: ADMINS,
    org: 'subject',
    ok: 202,
    other: 404,
    what: 'mark an episode failed',
  },
  {
    method: 'GET',
    path: '/api/verify/episodes/:id',
    roles: READERS,
    org: 'subject',
    ok: 200,
    other: 404,
    what: "the deploy gate's verdict on a candidate",
  },
  {
    method: 'GET',
    path: '/api/verify/eval-runs/:id',
    roles: READERS,
    org: 'subject',
    ok: 200,
    other: 404,
    what: "the deploy gate's verdict on an eval run",
  },
  { method: 'POST', path: '/api/admin/keys', roles: ADMINS, org: 'keys', ok: 201, other: 403, what: 'create an API key' },
  {
    method: 'POST',
    path: '/api/session',
    roles: EVERY_ROLE,
    org: 'session',
    ok: 201,
    other: 403,
    what: 'sign in to the console',
  },
  { method: 'GET', path: '/api/session', roles: EVERY_ROLE, org: 'session', ok: 200, other: 403, what: 'who is signed in' },
  { method: 'POST', path: '/api/session/end', roles: EVERY_ROLE, org: 'session', ok: 200, other: 403, what: 'sign out' },
];

/** Which keys a creator may make: for its own org, another org, a named org, and a platform role. */
export const KEY_GRANTS: Readonly<
  Partial<Record<Role, { own?: 201 | 403; other?: 201 | 403; named?: 201 | 403; unnamed?: 400; platform: 201 | 403 }>>
> = {
  admin: { own: 201, other: 403, platform: 403 },
  platform_admin: { named: 201, unnamed: 400, platform: 403 },
  bootstrap: { named: 201, unnamed: 400, platform: 201 },
};

export function isPlatformRole(role: Role): boolean {
  return role === 'platform_oncall' || role === 'platform_admin' || role === 'bootstrap';
}

export type Target = 'own' | 'other' | 'named' | 'unnamed' | 'every';

/** The targets a role is tried with: org keys at their own and another org; platform keys with a named org, none, and `*`. */
export function targetsOf(route: RouteAccess, role: Role): Target[] {
  if (route.org === 'session') return isPlatformRole(role) ? ['unnamed'] : ['own'];
  if (!isPlatformRole(role)) return ['own', 'other'];
  return route.org === 'listing' ? ['named', 'unnamed', 'every'] : ['named', 'unnamed'];
}

/** The status the table promises for one cell. */
export function expectedStatus(route: RouteAccess, role: Role, target: Target): number {
  if (!route.roles.includes(role)) return 403;
  if (target === 'every' && route.oneOrg) return 400;
  if (target === 'own' || target === 'named' || target === 'every') return route.ok;
  if (target === 'unnamed') return route.org === 'session' ? route.ok : 400;
  return route.other;
}

function cell(route: RouteAccess, role: Role): string {
  if (!route.roles.includes(role)) return '—';
  if (route.org === 'keys') {
    const g = KEY_GRANTS[role];
    if (!g) return '—';
    return g.platform === 201 ? 'named org; platform keys' : isPlatformRole(role) ? 'named org' : 'own org';
  }
  if (route.org === 'session') return 'own key';
  if (!isPlatformRole(role)) return 'own org';
  return route.org === 'listing' && !route.oneOrg ? 'named org or `*`' : 'named org';
}

const OTHER: Record<OrgSource, (r: RouteAccess) => string> = {
  subject: () => '404, as if missing',
  listing: () => '403 (`?org=` of another org)',
  write: (r) => (r.other === 400 ? 'item rejected (400 if none accepted)' : '403'),
  keys: () => '403',
  session: () => '— (names no org)',
};

/** The README's access table (markdown), from `ACCESS`. */
export function renderAccessTable(): string {
  const head = `| route | ${MATRIX_ROLES.map((r) => `\`${r}\``).join(' | ')} | another org (org keys) |`;
  const rule = `|${'---|'.repeat(MATRIX_ROLES.length + 2)}`;
  const rows = ACCESS.map(
    (r) =>
      `| \`${r.method} ${r.path}\` ${r.what} | ${MATRIX_ROLES.map((role) => cell(r, role)).join(' | ')} | ${OTHER[r.org](r)} |`,
  );
  return [head, rule, ...rows].join('\n');
}
