/** API keys: only the SHA-256 of a key is stored; a revoked key keeps its row (revoked = 1). */
import { chTime, type Db, isoTime, nextVersion } from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';

export interface ApiKeyRow {
  key_hash: string;
  key_id: string;
  org_id: string;
  role: string;
  label: string;
  created_at: string;
  revoked: boolean;
}

export const API_KEYS: RowWriter<ApiKeyRow> = {
  table: 'api_keys',
  row: (row) => ({ ...row, revoked: row.revoked ? 1 : 0, created_at: chTime(row.created_at), version: nextVersion() }),
};

export const saveKey = (db: Db, row: ApiKeyRow) => writeRows(db, API_KEYS, [row]);

export async function findKey(db: Db, keyHash: string): Promise<ApiKeyRow | null> {
  const rows = await db.rows<Omit<ApiKeyRow, 'revoked'> & { revoked: number }>(
    `SELECT key_hash, key_id, org_id, role, label, created_at, revoked FROM ${db.t('api_keys')} FINAL WHERE key_hash = {h:String} LIMIT 1`,
    { h: keyHash },
  );
  const r = rows[0];
  return r ? { ...r, revoked: Boolean(Number(r.revoked)), created_at: isoTime(r.created_at) as string } : null;
}

export async function countKeys(db: Db, role: string): Promise<number> {
  const rows = await db.rows<{ c: string }>(
    `SELECT count() AS c FROM ${db.t('api_keys')} FINAL WHERE role = {role:String} AND revoked = 0`,
    { role },
  );
  return Number(rows[0]?.c ?? 0);
}
