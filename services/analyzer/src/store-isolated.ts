/**
 * Step "store, isolating what the store refuses": one write of many rows; when it fails, the
 * rows are split in halves (bisection) until the rows that fail on their own are found. Those
 * come back as `refused`, with the store's reason, for the dead-letter path; every other row is
 * written. So one record the store cannot take never stops the pipeline.
 *
 * Invariants:
 * - A row is refused only when a write of that row alone failed, and either the store named
 *   the data as the problem (a ClickHouse parse / type / encoding error, or a TypeError /
 *   RangeError building the row), or other rows of the same call were written and a second
 *   write of the row alone failed again while the store answers its probe.
 * - Anything else is an outage, not a refusal: the store unreachable (the probe fails), or no
 *   row written at all without the store blaming the data. Then the step throws
 *   `StoreOutageError`, nothing is refused, and the caller's batch is delivered again after a
 *   backoff: an outage never dead-letters a batch.
 * - Writes must be idempotent (the store's ReplacingMergeTree versions): a half written again
 *   after a failure that partly applied changes nothing.
 * - Cost: one bad row among n costs about 2·log2(n) extra writes; an outage stops at the probe,
 *   or after a few blind failures when the probe still answers.
 */

/** A row the store refused on its own, and why. */
export interface Refused<T> {
  row: T;
  reason: string;
}

export type IsolatedWrite<T> =
  /** Every row is written. */
  | { status: 'stored'; rows: number }
  /** `stored` rows are written; the `refused` ones fail on their own. */
  | { status: 'isolated'; stored: number; refused: Refused<T>[] };

/** The store does not take writes at all right now: nothing was refused, retry the whole batch later. */
export class StoreOutageError extends Error {
  override readonly name = 'StoreOutageError';
  constructor(
    readonly table: string,
    cause: unknown,
  ) {
    super(`store outage while writing ${table}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface IsolateOptions {
  /** The table (or row family) written, for messages and metrics. */
  table: string;
  /** Whether the store answers at all (a cheap query). */
  probe: () => Promise<boolean>;
}

/** Failures without a single write succeeding after which the store is taken to be down. */
const BLIND_FAILURES = 6;

/** ClickHouse error types that blame the data of the rows, not the store. */
const DATA_ERROR =
  /^(?:CANNOT_PARSE_\w+|INCORRECT_DATA|TYPE_MISMATCH|CANNOT_CONVERT_TYPE|CANNOT_CONVERT_CHARSET|CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN|TOO_LARGE_STRING_SIZE|VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE|ARGUMENT_OUT_OF_BOUND|INCORRECT_NUMBER_OF_COLUMNS|UNKNOWN_FIELD|DECIMAL_OVERFLOW|TOO_DEEP_RECURSION|ILLEGAL_COLUMN)$/;

/** Whether the error blames the rows written (their data) rather than the store. */
export function isDataError(err: unknown): boolean {
  if (err instanceof TypeError || err instanceof RangeError) return true; // building or encoding the row
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === 'string' && DATA_ERROR.test(type);
}

function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim();
}

/** Writes `rows` with `write`, isolating the rows the store refuses on their own (see the module comment). */
export async function storeIsolated<T>(
  rows: T[],
  write: (rows: T[]) => Promise<void>,
  options: IsolateOptions,
): Promise<IsolatedWrite<T>> {
  if (rows.length === 0) return { status: 'stored', rows: 0 };
  let first: unknown;
  try {
    await write(rows);
    return { status: 'stored', rows: rows.length };
  } catch (err) {
    first = err;
  }
  if (!isDataError(first) && !(await options.probe().catch(() => false))) throw new StoreOutageError(options.table, first);

  let stored = 0;
  let blind = 0;
  const refused: Refused<T>[] = [];
  const suspects: T[] = [];
  const attempt = async (part: T[]): Promise<void> => {
    try {
      await write(part);
      stored += part.length;
      return;
    } catch (err) {
      if (part.length === 1) {
        if (isDataError(err)) refused.push({ row: part[0] as T, reason: reasonOf(err) });
        else suspects.push(part[0] as T);
        return;
      }
      if (!isDataError(err) && stored === 0 && ++blind >= BLIND_FAILURES) throw new StoreOutageError(options.table, err);
    }
    await split(part);
  };
  const split = async (part: T[]): Promise<void> => {
    const mid = Math.ceil(part.length / 2);
    await attempt(part.slice(0, mid));
    await attempt(part.slice(mid));
  };
  if (rows.length === 1) {
    // The one row failed already: the second write below (as a suspect or a refusal) decides.
    if (isDataError(first)) refused.push({ row: rows[0] as T, reason: reasonOf(first) });
    else suspects.push(rows[0] as T);
  } else await split(rows);

  if (suspects.length > 0) {
    // No data error named: refused only if others were written and the row fails again alone.
    if (stored === 0) throw new StoreOutageError(options.table, first);
    for (const row of suspects) {
      try {
        await write([row]);
        stored += 1;
      } catch (err) {
        if (!(await options.probe().catch(() => false))) throw new StoreOutageError(options.table, err);
        refused.push({ row, reason: reasonOf(err) });
      }
    }
  }
  return refused.length === 0 ? { status: 'stored', rows: stored } : { status: 'isolated', stored, refused };
}
