/** The rate-limiter seam: the pipeline only knows this interface (Postgres today, Upstash later). */
export interface RateLimitRule {
  /** How many requests the key may make per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  resetAt: Date;
  /** 0 when allowed; otherwise how long to wait before the next request can pass. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly name: string;
  /** Counts one request for `key`; must be atomic under concurrency. Throws when unreachable. */
  limit(key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  /** Throws when the backend cannot be reached (used by GET /api/health). */
  healthCheck(): Promise<void>;
}
