/** The rate-limiter seam: the pipeline only knows this interface (Postgres, or Upstash with Postgres as its fallback). */
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

/** A limit that depends on the user's plan (the `llm` policy). */
export interface PlanRateLimitRule {
  userId: string;
  /** Requests per window by plan; plans not named (or no profile) get `free`. */
  limitsByPlan: Readonly<{ free: number } & Record<string, number>>;
  windowSeconds: number;
}

export interface RateLimiter {
  readonly name: string;
  /** Counts one request for `key`; must be atomic under concurrency. Throws when unreachable. */
  limit(key: string, rule: RateLimitRule): Promise<RateLimitResult>;
  /**
   * Reads the user's plan and counts one request in one round trip, for a limiter that can read
   * the plan itself (Postgres). Without it the pipeline looks the plan up first, then calls `limit`.
   */
  limitByPlan?(key: string, rule: PlanRateLimitRule): Promise<RateLimitResult & { limit: number }>;
  /** Throws when the backend cannot be reached (used by GET /api/health). */
  healthCheck(): Promise<void>;
}

/**
 * The `llm` limit handed to a handler that counts it in its own first statement (the gateway's
 * billing.begin_call, ADR 0062) instead of a statement of the pipeline's: only with the Postgres
 * limiter, and only once the request parsed (a malformed one is counted by the pipeline). The
 * caller's standing travels with it (ADR 0073): the same statement refuses a suspended account or
 * an ended session before it counts anything.
 */
export interface DeferredRateLimit {
  key: string;
  rule: PlanRateLimitRule;
  /** The access token's session, to be live (null: the token has none, or liveness is not required). */
  authSessionId: string | null;
  /** Applies the count the handler's statement made: the response's headers; throws 429 if refused. */
  counted(limit: number, result: RateLimitResult): void;
  /** The statement refused the caller's standing before counting: the request is not counted, as in the auth stage. */
  refusedUncounted(): void;
}
