/**
 * A circuit breaker per client: `failures` consecutive failed calls open it for `coolDownMs`
 * (calls are refused at once); then it is half-open: one trial call goes through, its success
 * closes the breaker, its failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private consecutive = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    readonly failures: number,
    readonly coolDownMs: number,
    private readonly onChange: (state: BreakerState) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    if (!(failures >= 1)) throw new Error(`breakerFailures must be at least 1 (got ${failures})`);
    if (!(coolDownMs >= 0)) throw new Error(`breakerCoolDownMs must be 0 or more (got ${coolDownMs})`);
  }

  /** The state as of now (an open breaker whose cool-down has passed reads half-open). */
  state(): BreakerState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.coolDownMs) return 'half_open';
    return this.current;
  }

  /** Milliseconds until an open breaker lets a trial call through (0 when it would now). */
  retryInMs(): number {
    return this.current === 'open' ? Math.max(0, this.openedAt + this.coolDownMs - this.now()) : 0;
  }

  /** May a call start now? In half-open, only one (the trial) until its result is in. */
  acquire(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.coolDownMs) return false;
      this.set('half_open');
    }
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** The upstream answered (also with an invalid answer or a 4xx): it is reachable. */
  success(): void {
    if (this.current === 'open') return; // a call from before the breaker opened
    this.consecutive = 0;
    this.trialInFlight = false;
    if (this.current === 'half_open') this.set('closed');
  }

  /** A transport error, timeout, 429 or 5xx. */
  failure(): void {
    if (this.current === 'open') return;
    if (this.current === 'half_open') {
      this.trialInFlight = false;
      this.open();
      return;
    }
    this.consecutive++;
    if (this.consecutive >= this.failures) this.open();
  }

  /** An acquired call that never reached the upstream (no budget left): frees the trial slot. */
  release(): void {
    if (this.current === 'half_open') this.trialInFlight = false;
  }

  private open(): void {
    this.openedAt = this.now();
    this.consecutive = 0;
    this.set('open');
  }

  private set(state: BreakerState): void {
    if (state === this.current) return;
    this.current = state;
    this.onChange(state);
  }
}
