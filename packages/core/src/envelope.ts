/**
 * The message on the bus: the record, the org the producer is authenticated for, and
 * whether it is an episode update to merge. Shared by the producer (ingest) and the
 * consumer (analyzer), so both read one definition.
 */
import { type FaultlineRecord, recordKey } from './records.js';

export interface Envelope {
  record: FaultlineRecord;
  org: string;
  merge?: boolean;
  received_at: string;
  /** Who asked (for admin actions: the actor in the audit log). */
  actor?: string;
  /**
   * An episode finalize that named no robot, whose robot ingest could not find: its record's
   * `robot_id` is empty and it travels under `pendingKey`; the analyzer resolves the robot and
   * forwards it under the robot's key (services/analyzer/src/consumer.ts).
   */
  pendingRobot?: boolean;
  /**
   * The batch run that enqueued it (services/analyzer/src/runs.ts): its result is counted into
   * that run's summary. `org` is the org the run is stored under (`*` for a run over every org).
   */
  run?: { id: string; org: string };
}

/** The bus key of a run's traces and logs: one key per run (one consumer counts them). Episodes keep their robot's key. */
export function runKey(runId: string): string {
  return `run\u0000${runId}`;
}

/** The bus key of a finalize whose robot is not known yet: one key per episode (its finalizes stay in order). */
export function pendingKey(org: string, episodeId: string): string {
  return `pending-episode\u0000${org}\u0000${episodeId}`;
}

/**
 * An envelope as a bus message: its key, its headers, the envelope itself (the object a
 * transport that does not carry JSON encodes directly: Kafka's Avro), and `value`, the envelope
 * as JSON, made on first read and kept (only a transport that stores text reads it: the embedded
 * bus). `value` is an own enumerable getter, so a copy made by spreading has it too.
 */
export interface EnvelopeMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
  readonly envelope: Envelope;
}

export function toMessage(env: Envelope): EnvelopeMessage {
  const key =
    env.record.kind === 'episode'
      ? env.pendingRobot
        ? pendingKey(env.org, env.record.episode_id)
        : recordKey(env.record)
      : env.run
        ? runKey(env.run.id)
        : recordKey(env.record);
  return withEnvelope({ key, headers: { kind: env.record.kind, org: env.org } }, env);
}

/**
 * `message` carrying `env`: `envelope` set, and `value` the envelope's JSON, computed on first
 * read (a delivered message a transport decoded into an object, or one published by toMessage).
 */
export function withEnvelope<M extends object>(
  message: M,
  env: Envelope,
): Omit<M, 'value' | 'envelope'> & { value: string; envelope: Envelope } {
  let json: string | undefined;
  const out = { ...message, envelope: env } as unknown as Omit<M, 'value' | 'envelope'> & { value: string; envelope: Envelope };
  Object.defineProperty(out, 'value', {
    enumerable: true,
    configurable: true,
    get: () => {
      json ??= JSON.stringify(env);
      return json;
    },
  });
  return out;
}

/**
 * The envelope of a message: the one it carries as an object, else parsed from its JSON `value`
 * (a message read back from the embedded bus's files, or one not made by toMessage).
 */
export function envelopeOf(message: { value: string; envelope?: Envelope }): ReturnType<typeof fromMessage> {
  return message.envelope ? { ok: true, envelope: message.envelope } : fromMessage(message.value);
}

/** Parses a delivered value; a value that is not an envelope is reported, never thrown. */
export function fromMessage(value: string): { ok: true; envelope: Envelope } | { ok: false; reason: string } {
  try {
    const v = JSON.parse(value) as Partial<Envelope>;
    if (!v || typeof v !== 'object' || typeof v.org !== 'string' || !v.record || typeof v.record !== 'object') {
      return { ok: false, reason: 'bus message: not an envelope (record and org required)' };
    }
    return { ok: true, envelope: v as Envelope };
  } catch (err) {
    return { ok: false, reason: `bus message: invalid JSON: ${(err as Error).message}` };
  }
}
