/** Raised by a task that ran past its own budget. */
export class DeadlineExceeded extends Error {
  constructor(
    readonly budgetMs: number,
    readonly step: string,
  ) {
    super(`per-record budget of ${budgetMs} ms ran out during ${step}`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * A per-record budget that the work checks itself (piscina's abort would kill the
 * worker thread). `signal` aborts at the deadline for I/O that takes an AbortSignal.
 */
export class Deadline {
  readonly at: number;
  constructor(
    readonly budgetMs: number,
    start: number = Date.now(),
  ) {
    this.at = start + budgetMs;
  }
  static until(at: number, budgetMs: number): Deadline {
    return new Deadline(budgetMs, at - budgetMs);
  }
  remaining(now: number = Date.now()): number {
    return Math.max(0, this.at - now);
  }
  expired(now: number = Date.now()): boolean {
    return now >= this.at;
  }
  check(step: string): void {
    if (this.expired()) throw new DeadlineExceeded(this.budgetMs, step);
  }
  signal(): AbortSignal {
    return AbortSignal.timeout(Math.max(1, this.remaining()));
  }
}
