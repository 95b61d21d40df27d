/**
 * Start-up against a Kafka that is still coming up. A broker that has just started answers its
 * first requests before it has loaded its partitions: kafkajs then fails with "This server does
 * not host this topic-partition" (UNKNOWN_TOPIC_OR_PARTITION), "There is no leader for this
 * topic-partition", a coordinator that is loading, or a refused connection, after its own few
 * quick retries. `faultline start` launched seconds after the broker used to exit on that.
 *
 * Invariants:
 * - Only errors Kafka or its client mark as transient (kafkajs `retriable`, the broker error
 *   types below, a refused or dropped connection) are tried again; any other error fails the
 *   start at once, as before.
 * - Bounded: waits double from `firstWaitMs` up to `maxWaitMs`, and the start fails once
 *   `giveUpMs` have passed, with an error naming the last cause and how long it waited.
 * - Every retry is one log line naming the error, the attempt and the next wait.
 */

export interface ReadyOptions {
  /** What is being opened, for the log lines and the final error ("Kafka transport"). */
  what: string;
  /** One line per retry. */
  log: (line: string) => void;
  firstWaitMs?: number;
  maxWaitMs?: number;
  /** Give up once this long has passed since the first attempt. */
  giveUpMs?: number;
}

/** Broker error types that mean "not ready yet" (kafkajs names them so on KafkaJSProtocolError). */
const TRANSIENT_TYPES = new Set([
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR',
  'NOT_CONTROLLER',
  'REQUEST_TIMED_OUT',
  'BROKER_NOT_AVAILABLE',
  'REPLICA_NOT_AVAILABLE',
]);

/** The same conditions as the native client words them (it has no `retriable` flag of kafkajs's shape). */
const TRANSIENT_TEXT =
  /does not host this topic-partition|no leader for this topic-partition|leader not available|coordinator (?:is )?(?:not available|loading)|ECONNREFUSED|ECONNRESET|Connection (?:error|refused|timeout)|broker transport failure|all broker connections are down/i;

/** True when the error, or one it wraps (cause, originalError), says Kafka is not ready yet. */
export function kafkaNotReady(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const x = e as {
      retriable?: unknown;
      type?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof x.type === 'string' && TRANSIENT_TYPES.has(x.type)) return true;
    if (x.name === 'KafkaJSConnectionError' || x.name === 'KafkaJSConnectionClosedError') return true;
    if (typeof x.message === 'string' && TRANSIENT_TEXT.test(x.message)) return true;
    if (x.retriable === true && typeof x.name === 'string' && x.name.startsWith('KafkaJS')) return true;
    e = x.originalError ?? x.cause;
  }
  return false;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `open()`, tried again while Kafka is not ready (see the module comment). */
export async function untilKafkaReady<T>(open: () => Promise<T>, opts: ReadyOptions): Promise<T> {
  const first = opts.firstWaitMs ?? 500;
  const most = opts.maxWaitMs ?? 5_000;
  const giveUp = opts.giveUpMs ?? 60_000;
  const started = Date.now();
  let wait = first;
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!kafkaNotReady(err)) throw err;
      const elapsed = Date.now() - started;
      if (elapsed + wait > giveUp) {
        throw new Error(
          `${opts.what}: Kafka was still not ready after ${Math.round(elapsed / 1000)} s and ${attempt} attempts (last: ${message})`,
          { cause: err },
        );
      }
      opts.log(
        `faultline: ${opts.what}: Kafka is not ready yet (${message}); attempt ${attempt} failed, trying again in ${(wait / 1000).toFixed(1)} s (gives up after ${Math.round(giveUp / 1000)} s)`,
      );
      await sleep(wait);
      wait = Math.min(most, wait * 2);
    }
  }
}
