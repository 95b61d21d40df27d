/**
 * What every table repository shares: the handle it reads and writes through, time and version
 * conversions, and tenancy. Invariants: every lookup is by (org, id); the only way to read across
 * orgs is `EVERY_ORG`; row versions only grow (ReplacingMergeTree keeps the newest).
 */

/** The narrow handle the repositories use: typed reads, JSONEachRow inserts, qualified table names. */
export interface Db {
  rows<T>(query: string, params?: Record<string, unknown>): Promise<T[]>;
  insert(table: string, values: Record<string, unknown>[]): Promise<void>;
  /** `database.name`. */
  t(name: string): string;
}

/**
 * A JSON column's value for `Db.insert`: the stored text is `JSON.stringify(value)`. An array or a
 * plain object (its prototype Object.prototype or null, without `toJSON`) is given as it is: the
 * insert's payload serializes it where it stands and the store keeps that text as the String
 * (store.ts WRITE_SETTINGS), instead of the text being made here and escaped again inside the
 * payload (load-tests/README.md, thirteenth landing). Anything else (a string, a number, null, a
 * boxed primitive, which the payload would write as a bare JSON string or number, a Date or another
 * class's instance) is given as its JSON text, which the store would not read back the same.
 */
export function jsonColumn(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if ((proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function')
      return value;
  }
  return JSON.stringify(value);
}

/** A ClickHouse DateTime64(3) literal from a Date, an ISO string or epoch ms. */
export function chTime(value: Date | string | number | undefined | null): string | null {
  if (value === undefined || value === null || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** ClickHouse DateTime64 text (UTC) back to ISO-8601. */
export function isoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  return `${value.replace(' ', 'T')}${value.endsWith('Z') ? '' : 'Z'}`;
}

let lastVersion = 0;
/** A strictly increasing row version (µs since epoch), for ReplacingMergeTree. */
export function nextVersion(): number {
  const v = Date.now() * 1000;
  lastVersion = v > lastVersion ? v : lastVersion + 1;
  return lastVersion;
}

/**
 * Tenancy in the store: every lookup is by (org, id). The only way to read across orgs is to
 * pass `EVERY_ORG`, which the listing methods (trends, audit, runs, subjects to re-run) accept
 * for the platform scope's explicit `org=*` and the scheduler; no `null` or empty org means "any".
 */
export const EVERY_ORG: unique symbol = Symbol('every org');
export type OrgScope = string | typeof EVERY_ORG;
/** The org_id of runs that span every org (the scheduled run, a platform run with `org=*`). */
export const RUNS_OF_EVERY_ORG = '*';

export function requireOrg(org: string): string {
  if (typeof org !== 'string' || !org) throw new TypeError('store: an org is required for this lookup');
  return org;
}

export function orgWhere(org: OrgScope): string {
  if (org === EVERY_ORG) return '1';
  requireOrg(org);
  return 'org_id = {org:String}';
}

export function orgParam(org: OrgScope): string {
  return org === EVERY_ORG ? '' : org;
}

/** The distinct orgs and ids of (org, id) pairs, as query parameters `orgs` and `ids`. */
export function pairParams<P>(pairs: P[], org: (p: P) => string, id: (p: P) => string): { orgs: string[]; ids: string[] } {
  return { orgs: [...new Set(pairs.map(org))], ids: [...new Set(pairs.map(id))] };
}
