/**
 * Revoked console sessions (0014_revoked_sessions.sql): the SHA-256 of a signed-out session's
 * cookie and when that session would have expired. Reads list only the ones not expired yet:
 * the table holds no more than the sessions signed out within one session lifetime.
 */
import { chTime, type Db } from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';

export interface RevokedSessionRow {
  session_hash: string;
  org_id: string;
  expires_at: string;
}

export const REVOKED_SESSIONS: RowWriter<RevokedSessionRow> = {
  table: 'revoked_sessions',
  row: (row) => ({ ...row, expires_at: chTime(row.expires_at) }),
};

export const revokeSession = (db: Db, row: RevokedSessionRow) => writeRows(db, REVOKED_SESSIONS, [row]);

/** The hashes of the revoked sessions that have not expired yet. */
export async function revokedSessionHashes(db: Db): Promise<string[]> {
  const rows = await db.rows<{ session_hash: string }>(
    `SELECT DISTINCT session_hash FROM ${db.t('revoked_sessions')} WHERE expires_at > now64(3)`,
  );
  return rows.map((r) => r.session_hash);
}
