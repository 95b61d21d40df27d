/**
 * Merging an episode update (a start, a finalize, a mark-failed requeue) into what is known of
 * the episode.
 *
 * Invariants:
 * - Top-level fields the update sets replace the known ones; fields it leaves out are kept.
 * - Metadata keys merge: the update's keys replace the known ones, the rest are kept. Tags merge
 *   the same way (core `mergeTags`: at most TAGS_MAX_KEYS, the update's first).
 * - Typed payloads accumulate as facts: one the episode already carries is not added again.
 *   Two payloads are the same fact when their canonical JSON is equal (key order ignored).
 *   Both sides are redacted already (validateRecord redacts every record where it enters, and
 *   the store's redaction of metadata is the same, idempotent one), so a stored copy and a
 *   redelivered update compare equal. Each payload is kept as many times as the one of the
 *   two lists that holds it most often (a multiset union), known payloads first and in their
 *   order, new ones after in theirs.
 * - Hence a merge is idempotent: merging an update a second time (a redelivery, a replay, a
 *   replay of the whole stored episode) changes nothing, and a known record that already
 *   holds everything of an update is returned with equal content.
 */
import { type EpisodeMetadata, type EpisodeRecord, mergeTags, type TypedPayload } from '@faultline/core';

/** Merges an episode update into the known episode (see the module comment for the rules). */
export function mergeEpisode(prev: EpisodeRecord, update: EpisodeRecord): EpisodeRecord {
  const merged: EpisodeRecord = { ...prev };
  for (const [k, v] of Object.entries(update))
    if (v !== undefined && k !== 'metadata' && k !== 'tags') (merged as unknown as Record<string, unknown>)[k] = v;
  const tags = mergeTags(prev.tags, update.tags);
  if (tags) merged.tags = tags;
  const pm: EpisodeMetadata = prev.metadata ?? {};
  const um: EpisodeMetadata = update.metadata ?? {};
  const typed = mergeTyped(typedOf(pm), typedOf(um));
  merged.metadata = { ...pm, ...um, ...(typed.length ? { typed } : {}) };
  return merged;
}

/** The multiset union of two lists of typed payloads: `known` as is, then what `update` adds. */
export function mergeTyped(known: TypedPayload[], update: TypedPayload[]): TypedPayload[] {
  const counts = new Map<string, number>();
  for (const p of known) {
    const id = payloadIdentity(p);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const added: TypedPayload[] = [];
  for (const p of update) {
    const id = payloadIdentity(p);
    const left = counts.get(id) ?? 0;
    if (left > 0) counts.set(id, left - 1);
    else added.push(p);
  }
  return added.length ? [...known, ...added] : known;
}

function typedOf(metadata: EpisodeMetadata): TypedPayload[] {
  return Array.isArray(metadata.typed) ? metadata.typed : [];
}

/** What makes two payloads the same fact: their canonical JSON (sorted keys). */
export function payloadIdentity(payload: unknown): string {
  return canonicalJson(payload);
}

function canonicalJson(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object' || depth > 32) return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, depth + 1)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, depth + 1)}`).join(',')}}`;
}
