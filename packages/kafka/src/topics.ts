/**
 * Distributed mode's names on the wire: one topic per record kind, the findings (output)
 * topic and the dead-letter topic; the registry subjects (topic-name strategy,
 * `<topic>-value`); the message keys.
 *
 * The names start with a prefix, `faultline` unless told otherwise (`topicsFor(prefix)`:
 * isolated topic sets, e.g. one per test): `<prefix>.episodes`, `<prefix>.eval-results`,
 * `<prefix>.verification-results`, `<prefix>.traces`, `<prefix>.logs`, `<prefix>.findings`,
 * `<prefix>.dead-letter`.
 *
 * Retention: the topics faultline creates get `retention.ms` from KAFKA_RETENTION_HOURS
 * (`topicConfigEntries`), so raw records (the input topics, the dead-letter topic) leave the
 * broker after it; topics that already exist keep the retention they were given.
 */
import { type Analysis, type FaultlineRecord, RECORD_KINDS, type RecordKind, recordKey } from '@faultline/core';

export const DEFAULT_TOPIC_PREFIX = 'faultline';

/** The topic suffix of each record kind. */
const KIND_SUFFIX: Readonly<Record<RecordKind, string>> = {
  episode: 'episodes',
  eval_result: 'eval-results',
  verification_result: 'verification-results',
  trace: 'traces',
  log: 'logs',
};

/** One set of topic names. */
export interface FaultlineTopics extends Readonly<Record<RecordKind, string>> {
  readonly prefix: string;
  /** The analyses (findings and patterns), Avro `dev.faultline.v1.Analysis`. */
  readonly findings: string;
  /** Messages that could not be decoded or processed: the original bytes, the reason in headers. */
  readonly deadLetter: string;
  /** The input topics, in RECORD_KINDS order. */
  readonly inputs: readonly string[];
  /** Every topic: inputs, findings, dead letter. */
  readonly all: readonly string[];
}

const cache = new Map<string, FaultlineTopics>();

/** The config of a topic faultline creates: how long the broker keeps its messages. */
export function topicConfigEntries(retentionMs: number): { name: string; value: string }[] {
  if (!Number.isSafeInteger(retentionMs) || retentionMs < 1)
    throw new RangeError(`topic retention: must be a positive whole number of ms, got ${retentionMs}`);
  return [{ name: 'retention.ms', value: String(retentionMs) }];
}

/** The topic names under a prefix (default `faultline`). */
export function topicsFor(prefix: string = DEFAULT_TOPIC_PREFIX): FaultlineTopics {
  const hit = cache.get(prefix);
  if (hit) return hit;
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(prefix)) {
    throw new Error(`topic prefix ${JSON.stringify(prefix)}: use 1-200 characters among letters, digits, '.', '_' and '-'`);
  }
  const byKind = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, `${prefix}.${KIND_SUFFIX[kind]}`])) as Record<
    RecordKind,
    string
  >;
  const inputs = Object.freeze(RECORD_KINDS.map((kind) => byKind[kind]));
  const findings = `${prefix}.findings`;
  const deadLetter = `${prefix}.dead-letter`;
  const topics: FaultlineTopics = Object.freeze({
    ...byKind,
    prefix,
    findings,
    deadLetter,
    inputs,
    all: Object.freeze([...inputs, findings, deadLetter]),
  });
  cache.set(prefix, topics);
  return topics;
}

const DEFAULT_TOPICS = topicsFor();

/** The input topic of each record kind (default prefix). */
export const RECORD_TOPICS: Readonly<Record<RecordKind, string>> = Object.freeze(
  Object.fromEntries(RECORD_KINDS.map((kind) => [kind, DEFAULT_TOPICS[kind]])) as Record<RecordKind, string>,
);

/** `faultline.findings`: the analyses (findings and patterns), Avro `dev.faultline.v1.Analysis`. */
export const FINDINGS_TOPIC = DEFAULT_TOPICS.findings;

/** `faultline.dead-letter`: messages that could not be decoded or processed. */
export const DEAD_LETTER_TOPIC = DEFAULT_TOPICS.deadLetter;

/** Every input topic, in RECORD_KINDS order (default prefix). */
export const INPUT_TOPICS: readonly string[] = DEFAULT_TOPICS.inputs;

/** Every topic faultline uses (default prefix). */
export const ALL_TOPICS: readonly string[] = DEFAULT_TOPICS.all;

/** The topic a record of this kind is published to. */
export function topicOf(kind: RecordKind, prefix: string = DEFAULT_TOPIC_PREFIX): string {
  const topic = topicsFor(prefix)[kind];
  if (!RECORD_KINDS.includes(kind) || !topic) throw new Error(`no topic for record kind ${JSON.stringify(kind)}`);
  return topic;
}

/** The record kind an input topic carries, or undefined for any other topic (findings, dead letter, unknown). */
export function kindOfTopic(topic: string, prefix: string = DEFAULT_TOPIC_PREFIX): RecordKind | undefined {
  const topics = topicsFor(prefix);
  return RECORD_KINDS.find((kind) => topics[kind] === topic);
}

/** The registry subject of a topic's values (Confluent's TopicNameStrategy). */
export function subjectOf(topic: string): string {
  return `${topic}-value`;
}

/** The value subject of each record kind (default prefix). */
export const RECORD_SUBJECTS: Readonly<Record<RecordKind, string>> = Object.freeze(
  Object.fromEntries(RECORD_KINDS.map((kind) => [kind, subjectOf(RECORD_TOPICS[kind])])) as Record<RecordKind, string>,
);

/** The value subject of the findings topic (default prefix). */
export const FINDINGS_SUBJECT = subjectOf(FINDINGS_TOPIC);

/**
 * The message key of a record: episodes by robot_id (per-robot state stays on one
 * consumer), every other record by its own reference (eval results
 * `<eval_run_id>:<candidate_episode_id>`, verification results
 * `<scenario_id>:<candidate_episode_id>`, traces trace_id, logs log_id).
 */
export function keyOf(record: FaultlineRecord): string {
  return recordKey(record);
}

/** The message key of an analysis on the findings topic: `<org_id>:<subject_kind>:<subject_id>`. */
export function analysisKey(analysis: Pick<Analysis, 'org_id' | 'subject_kind' | 'subject_id'>): string {
  return `${analysis.org_id}:${analysis.subject_kind}:${analysis.subject_id}`;
}
