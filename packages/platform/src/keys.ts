/**
 * API keys, roles and the org a call acts in. A key is shown once, when it is created; only
 * its SHA-256 is stored.
 *
 * Invariants (PRODUCT.md, "Access control"):
 * - An org key (`producer`, `member`, `ml_engineer`, `oncall`, `admin`) belongs to one org and
 *   acts only there: it never names another org, and another org's subject answers exactly
 *   like a missing one.
 * - The platform scope (`platform_oncall` reads, `platform_admin` acts, `bootstrap` is the
 *   operator's key: FAULTLINE_ADMIN_KEY or the key printed at first start) has no home org:
 *   every call that touches org data names the org (`?org=` or `org_id`), else 400. Only the
 *   explicit `org=*` of a listing reads every org.
 * - Platform roles are granted only by the bootstrap key (or the offline `faultline keys
 *   create`, an operator act); an org admin creates keys for its own org only.
 * The route-by-role table built on these rules is ./access.ts.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { cut, wellFormed } from '@faultline/core';
import { EVERY_ORG, type OrgScope, type Store } from '@faultline/store';
import { HttpError } from './http.js';

/** Roles bound to one org. */
export const ORG_ROLES = ['producer', 'member', 'ml_engineer', 'oncall', 'admin'] as const;
/** Roles of the platform scope that a key can be created with (by the bootstrap key or the CLI). */
export const PLATFORM_ROLES = ['platform_oncall', 'platform_admin'] as const;
/** Every role a key may hold; `bootstrap` is made only at first start or by FAULTLINE_ADMIN_KEY. */
export const ROLES = [...ORG_ROLES, ...PLATFORM_ROLES, 'bootstrap'] as const;
export type Role = (typeof ROLES)[number];
export type OrgRole = (typeof ORG_ROLES)[number];

export type Capability = 'ingest' | 'read' | 'read_patterns' | 'read_audit' | 'admin';

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  producer: ['ingest'],
  member: ['read'],
  ml_engineer: ['read', 'read_patterns'],
  oncall: ['read', 'read_patterns', 'read_audit'],
  admin: ['ingest', 'read', 'read_patterns', 'read_audit', 'admin'],
  platform_oncall: ['read', 'read_patterns', 'read_audit'],
  platform_admin: ['ingest', 'read', 'read_patterns', 'read_audit', 'admin'],
  bootstrap: ['ingest', 'read', 'read_patterns', 'read_audit', 'admin'],
};

/** The org column of platform keys (no org of its own). */
export const PLATFORM_ORG = '*';
/** The key id the FAULTLINE_ADMIN_KEY key acts under in the audit log. */
export const BOOTSTRAP_KEY_ID = 'bootstrap-admin';

export interface Principal {
  keyId: string;
  /** The key's org; `*` for the platform scope. */
  org: string;
  role: Role;
}

export function can(p: Principal, capability: Capability): boolean {
  return CAPABILITIES[p.role].includes(capability);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isPlatform(role: Role): boolean {
  return role === 'bootstrap' || (PLATFORM_ROLES as readonly string[]).includes(role);
}

const ORG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isOrgName(value: string): boolean {
  return ORG.test(value);
}

/**
 * The org a call acts in. An org key: its own org; naming another one is a 403 (whether or not
 * that org exists). A platform key: the org it names; none named is a 400, and `*` (every
 * org) only where `every` allows it, as `EVERY_ORG`.
 */
export function actingOrg(p: Principal, named: string | undefined, opts: { every?: boolean } = {}): OrgScope {
  const name = named === '' ? undefined : named;
  if (!isPlatform(p.role)) {
    if (name !== undefined && name !== p.org) {
      throw new HttpError(403, 'forbidden', `this key acts only in org ${JSON.stringify(p.org)}, not ${JSON.stringify(name)}`);
    }
    return p.org;
  }
  if (name === undefined) {
    throw new HttpError(
      400,
      'org_required',
      `org: a platform key names the org it acts in (?org=ORG or "org_id" in the body${opts.every ? ', or ?org=* for every org' : ''})`,
    );
  }
  if (name === PLATFORM_ORG) {
    if (opts.every) return EVERY_ORG;
    throw new HttpError(400, 'bad_request', 'org: "*" (every org) is allowed only on listings; name one org');
  }
  if (!isOrgName(name)) throw new HttpError(400, 'bad_request', 'org: must be 1-128 letters, digits, ".", "_" or "-"');
  return name;
}

/** `actingOrg` where every org is never allowed: always one org's name. */
export function oneOrg(p: Principal, named: string | undefined): string {
  return actingOrg(p, named) as string;
}

/** Who may create which key: an org admin for its own org, platform_admin for any named org, only bootstrap platform roles. */
export function mayCreateKey(p: Principal, org: string | undefined, role: string): { org: string } | HttpError {
  if (!isRole(role) || role === 'bootstrap') {
    return new HttpError(400, 'bad_request', `role: must be one of ${[...ORG_ROLES, ...PLATFORM_ROLES].join(', ')}`);
  }
  if (isPlatform(role)) {
    if (p.role !== 'bootstrap') return new HttpError(403, 'forbidden', `only the bootstrap key grants the platform role ${role}`);
    if (org !== undefined && org !== '' && org !== PLATFORM_ORG) {
      return new HttpError(400, 'bad_request', `org_id: a ${role} key has no org (omit org_id, or "*")`);
    }
    return { org: PLATFORM_ORG };
  }
  if (p.role !== 'admin' && p.role !== 'platform_admin' && p.role !== 'bootstrap') {
    return new HttpError(403, 'forbidden', `role ${p.role} may not admin`);
  }
  try {
    return { org: oneOrg(p, org) };
  } catch (err) {
    return err as HttpError;
  }
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newKey(): { key: string; keyId: string } {
  const keyId = randomBytes(6).toString('hex');
  return { key: `fl_${keyId}_${randomBytes(24).toString('base64url')}`, keyId };
}

export class KeyError extends Error {
  override readonly name = 'KeyError';
}

/** Creates, stores and looks up keys; lookups are cached briefly (a revoked key stops within `ttlMs`). */
export class KeyRing {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private readonly adminHash: string | undefined;

  constructor(
    private readonly store: Store,
    adminKey?: string,
    private readonly ttlMs = 30_000,
  ) {
    this.adminHash = adminKey ? hashKey(adminKey) : undefined;
  }

  /**
   * Stores a new key. Org roles need an org name; platform roles have none (org `*`).
   * `bootstrap` only with `{ bootstrap: true }` (first start). Who may call this is `mayCreateKey`.
   */
  async create(
    org: string | undefined,
    role: string,
    label = '',
    opts: { bootstrap?: boolean } = {},
  ): Promise<{ key: string; key_id: string; org_id: string; role: Role }> {
    if (!isRole(role) || (role === 'bootstrap' && !opts.bootstrap)) {
      throw new KeyError(`role: must be one of ${[...ORG_ROLES, ...PLATFORM_ROLES].join(', ')}`);
    }
    let orgId: string;
    if (isPlatform(role)) {
      if (org !== undefined && org !== '' && org !== PLATFORM_ORG) {
        throw new KeyError(`org_id: a ${role} key has no org (omit it, or "*")`);
      }
      orgId = PLATFORM_ORG;
    } else {
      if (!org || !ORG.test(org)) throw new KeyError('org_id: must be 1-128 letters, digits, ".", "_" or "-"');
      orgId = org;
    }
    const { key, keyId } = newKey();
    await this.store.saveKey({
      key_hash: hashKey(key),
      key_id: keyId,
      org_id: orgId,
      role,
      label: cut(wellFormed(label), 200),
      created_at: new Date().toISOString(),
      revoked: false,
    });
    return { key, key_id: keyId, org_id: orgId, role };
  }

  /** The principal of a presented key, or null. */
  async authenticate(key: string): Promise<Principal | null> {
    if (!key) return null;
    const h = hashKey(key);
    if (this.adminHash && timingSafeEqual(Buffer.from(h), Buffer.from(this.adminHash))) {
      return { keyId: BOOTSTRAP_KEY_ID, org: PLATFORM_ORG, role: 'bootstrap' };
    }
    const now = Date.now();
    const hit = this.cache.get(h);
    if (hit && hit.until > now) return hit.principal;
    const row = await this.store.findKey(h);
    const principal = row && !row.revoked && isRole(row.role) ? principalOf({ ...row, role: row.role }) : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { principal, until: now + this.ttlMs });
    return principal;
  }
}

/** A stored row as a principal; an org role stored without a valid org, or a platform role with one, is refused. */
function principalOf(row: { key_id: string; org_id: string; role: Role }): Principal | null {
  if (isPlatform(row.role) ? row.org_id !== PLATFORM_ORG : !ORG.test(row.org_id)) return null;
  return { keyId: row.key_id, org: row.org_id, role: row.role };
}
