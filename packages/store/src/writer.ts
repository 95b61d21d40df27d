/**
 * The one record writer: a table and a row converter make a `RowWriter`; writing maps each
 * record through the converter with one shared `now` and inserts them in one statement.
 * Converters redact and bound every text they store (defense in depth: records arrive redacted).
 */
import { chTime, type Db } from './db.js';

export interface RowWriter<T> {
  table: string;
  /** The stored row of one record; `now` is the write time (DateTime64 text). */
  row(record: T, now: string): Record<string, unknown>;
  /** Records that have no row in this table (default: all have one). */
  keep?(record: T): boolean;
}

export async function writeRows<T>(db: Db, writer: RowWriter<T>, records: T[]): Promise<void> {
  const now = chTime(new Date()) as string;
  const kept = writer.keep ? records.filter((r) => writer.keep?.(r)) : records;
  await db.insert(
    writer.table,
    kept.map((r) => writer.row(r, now)),
  );
}
