/**
 * API keys and roles. A key is shown once, when it is created; only its SHA-256 is stored.
 *
 * | role          | may                                                                 |
 * |---------------|---------------------------------------------------------------------|
 * | `producer`    | ingest for its own org                                              |
 * | `member`      | read its own org's episodes, trends and fingerprints                |
 * | `ml_engineer` | what a member may, plus trace patterns, log analyses and runs (FR-013) |
 * | `oncall`      | read every org, patterns, runs and the audit log                    |
 * | `admin`       | everything, in every org: admin actions, batch runs, keys           |
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '@faultline/store';

export const ROLES = ['producer', 'member', 'ml_engineer', 'oncall', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Capability = 'ingest' | 'read' | 'read_patterns' | 'read_audit' | 'admin';

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  producer: ['ingest'],
  member: ['read'],
  ml_engineer: ['read', 'read_patterns'],
  oncall: ['read', 'read_patterns', 'read_audit'],
  admin: ['ingest', 'read', 'read_patterns', 'read_audit', 'admin'],
};

/** Roles that see every org (PRODUCT.md: "admins and on-call read all"). */
const ALL_ORGS: readonly Role[] = ['oncall', 'admin'];

export interface Principal {
  keyId: string;
  org: string;
  role: Role;
}

export function can(p: Principal, capability: Capability): boolean {
  return CAPABILITIES[p.role].includes(capability);
}

/** The org a principal's reads are limited to, or null for every org. */
export function readScope(p: Principal): string | null {
  return ALL_ORGS.includes(p.role) ? null : p.org;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newKey(): { key: string; keyId: string } {
  const keyId = randomBytes(6).toString('hex');
  return { key: `fl_${keyId}_${randomBytes(24).toString('base64url')}`, keyId };
}

const ORG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

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

  async create(org: string, role: string, label = ''): Promise<{ key: string; key_id: string; org_id: string; role: Role }> {
    if (!ORG.test(org)) throw new KeyError('org_id: must be 1-128 letters, digits, ".", "_" or "-"');
    if (!isRole(role)) throw new KeyError(`role: must be one of ${ROLES.join(', ')}`);
    const { key, keyId } = newKey();
    await this.store.saveKey({
      key_hash: hashKey(key),
      key_id: keyId,
      org_id: org,
      role,
      label: label.slice(0, 200),
      created_at: new Date().toISOString(),
      revoked: false,
    });
    return { key, key_id: keyId, org_id: org, role };
  }

  /** The principal of a presented key, or null. */
  async authenticate(key: string): Promise<Principal | null> {
    if (!key) return null;
    const h = hashKey(key);
    if (this.adminHash && timingSafeEqual(Buffer.from(h), Buffer.from(this.adminHash))) {
      return { keyId: 'bootstrap-admin', org: '*', role: 'admin' };
    }
    const now = Date.now();
    const hit = this.cache.get(h);
    if (hit && hit.until > now) return hit.principal;
    const row = await this.store.findKey(h);
    const principal = row && !row.revoked && isRole(row.role) ? { keyId: row.key_id, org: row.org_id, role: row.role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { principal, until: now + this.ttlMs });
    return principal;
  }
}
