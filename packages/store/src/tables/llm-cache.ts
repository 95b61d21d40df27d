/**
 * LLM answers cached per failure pattern: one row per cache key (fingerprint, analyzer version,
 * provider, model); a newer row for the same key replaces the older one.
 */
import type { Db } from '../db.js';
import { nextVersion } from '../db.js';
import { type RowWriter, writeRows } from '../writer.js';

export interface LlmCacheRow {
  cache_key: string;
  fingerprint: string;
  analyzer_version: string;
  provider: string;
  model: string;
  /** The validated answer (the LLM-authored fields of a pattern). */
  answer: Record<string, unknown>;
  input_tokens: number;
  output_tokens: number;
}

export const LLM_CACHE: RowWriter<LlmCacheRow> = {
  table: 'llm_cache',
  row: (r, now) => ({ ...r, answer: JSON.stringify(r.answer), created_at: now, version: nextVersion() }),
};

export async function llmCacheGet(db: Db, keys: string[]): Promise<Map<string, LlmCacheRow>> {
  const out = new Map<string, LlmCacheRow>();
  if (keys.length === 0) return out;
  const rows = await db.rows<Omit<LlmCacheRow, 'answer'> & { answer: string }>(
    `SELECT cache_key, fingerprint, analyzer_version, provider, model, answer, input_tokens, output_tokens
     FROM ${db.t('llm_cache')} FINAL WHERE cache_key IN {keys:Array(String)}`,
    { keys: [...new Set(keys)] },
  );
  for (const r of rows) out.set(r.cache_key, { ...r, answer: JSON.parse(r.answer) });
  return out;
}

export const llmCachePut = (db: Db, rows: LlmCacheRow[]) => writeRows(db, LLM_CACHE, rows);
