/**
 * Brute-force protection for password sign-ins: more than `maxFailures` failed attempts for one
 * key (the caller's IP and the email, see routes/token.ts) within `windowMs` (a sliding window)
 * and further attempts for that key get 429 `over_request_rate_limit` until the oldest failure
 * leaves the window.
 *
 * In memory on purpose: the local API is one process, and a restart clearing the counters is
 * harmless for development. Hosted Supabase enforces its own (per-IP) limits, so nothing here is
 * relied upon in production.
 */
export class FailedLoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(email: string): boolean {
    return this.recent(email).length >= this.maxFailures;
  }

  recordFailure(email: string): void {
    const recent = this.recent(email);
    recent.push(this.now());
    this.failures.set(email, recent);
    if (this.failures.size > 10_000) this.prune();
  }

  /** A successful sign-in proves the password; earlier typos should not count against it. */
  reset(email: string): void {
    this.failures.delete(email);
  }

  private recent(email: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(email) ?? []).filter((at) => at > since);
  }

  private prune(): void {
    for (const email of [...this.failures.keys()]) {
      const recent = this.recent(email);
      if (recent.length === 0) this.failures.delete(email);
      else this.failures.set(email, recent);
    }
  }
}
