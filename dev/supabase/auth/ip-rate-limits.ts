/**
 * GoTrue's per-IP request limits, with the counts of `[auth.rate_limit]` in supabase/config.toml
 * (the CLI documents each as "per 5 minute interval per IP address"): sign-ups and sign-ins,
 * token refreshes, and OTP / magic-link verifications. Past a limit the request gets 429
 * `over_request_rate_limit` before any work is done, whatever its body — so a 6-digit code cannot
 * be brute-forced, and one machine cannot mint accounts or guess passwords by the thousand.
 *
 * The IP is the socket's peer address: the local API has no proxy in front of it, so a client's
 * X-Forwarded-For is never believed. In memory, like GoTrue's own limiter: a restart clears it.
 */
import { AuthApiError } from './errors';

export type IpLimitedAction = 'sign_in_sign_ups' | 'token_refresh' | 'token_verifications';

export type IpRateLimits = Record<IpLimitedAction, number>;

const WINDOW_MS = 5 * 60_000;

export class IpRateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limits: IpRateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `action` from `ip`; throws 429 when the window is already full. */
  take(action: IpLimitedAction, ip: string | null): void {
    const key = `${action}:${ip ?? 'unknown'}`;
    const since = this.now() - WINDOW_MS;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= this.limits[action]) {
      this.hits.set(key, recent);
      throw new AuthApiError(429, 'over_request_rate_limit', 'Request rate limit reached');
    }
    recent.push(this.now());
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(since);
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) {
      const recent = times.filter((at) => at > since);
      if (recent.length === 0) this.hits.delete(key);
      else this.hits.set(key, recent);
    }
  }
}
