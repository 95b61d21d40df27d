/**
 * What the read API's resource plugins share: the options every one of them receives, the path
 * id and `?org=` schemas, and the response schema of an answer whose shape is open.
 *
 * Response schemas here never strip or reorder a field a client gets today: an open answer is an
 * object that declares no properties and allows any (`additionalProperties: true`), so Fastify's
 * serializer writes every field of the handler's object in its own order.
 */

import type { Runner } from '@faultline/analyzer';
import type { Transport } from '@faultline/bus';
import {
  ANALYZER_VERSION,
  compareVersions,
  type EpisodeRuleConfig,
  ID_MAX_CHARS,
  ORG_MAX_CHARS,
  type SubjectKind,
} from '@faultline/core';
import { HttpError } from '@faultline/platform';
import type { Store, StoredAnalysis } from '@faultline/store';
import { Type } from 'typebox';

export interface ApiOptions {
  store: Store;
  transport: Transport;
  /** Batch runs; without it POST /api/runs answers 503. */
  runner?: Runner;
  /** The episode rules' settings (the deploy gate judges with them); default DEFAULT_RULE_CONFIG. */
  rules?: EpisodeRuleConfig;
  /** Failure groups' settings (FAULTLINE_GROUP_*); default DEFAULT_GROUP_SETTINGS of groups.ts. */
  groups?: GroupSettings;
}

/** What the failure groups need from the configuration. */
export interface GroupSettings {
  /** Not seen for this long: resolved (FAULTLINE_GROUP_RESOLVE_AFTER). */
  resolveAfterMs: number;
  /** Fewest failures in a window for `growing` (FAULTLINE_GROUP_GROWING_MIN). */
  growingMin: number;
}

/** A path id: the ids ingest accepts (limits.ts), so every acknowledged subject can be read. */
export const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: ID_MAX_CHARS }) });
/** `?org=`: names the org (platform keys must; org keys may name only their own). */
export const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: ORG_MAX_CHARS })) });

/** An answer object whose fields are documented by `description` and passed through as they are. */
export const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });

/** The answer of an admin action: accepted, the subject it names, and the status it was queued with. */
export const Accepted = Type.Object(
  {},
  { additionalProperties: true, description: '{accepted: true, ref: the episode id, status: "queued" | "failed"}' },
);

/** The runner, or a 503 in a role without batch runs. */
export function runnerOf(opts: ApiOptions): Runner {
  if (!opts.runner) throw new HttpError(503, 'unavailable', 'batch runs are not available in this role');
  return opts.runner;
}

/** An analysis as the read API answers it: the stored analysis, whether it is stale, and its fingerprint peers. */
function withPeers(s: StoredAnalysis, peers: number) {
  return {
    ...s.analysis,
    stale: compareVersions(s.analysis.analyzer_version, ANALYZER_VERSION) < 0,
    current_analyzer_version: ANALYZER_VERSION,
    fingerprint_peers: peers,
  };
}

/** The analysis of (org, kind, id) as the read API answers it (`withPeers`), in two store reads; null when missing. */
export async function analysisAnswer(store: Store, org: string, kind: SubjectKind, id: string) {
  const found = await store.getAnalysisWithPeers(org, kind, id);
  return found ? withPeers(found.stored, found.peers) : null;
}
