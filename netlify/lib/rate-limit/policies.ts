/**
 * The rate limits of DESIGN.md §6, by name, and how each picks its key and numbers. Limits count
 * per user for signed-in functions and per client IP otherwise (the Stripe webhook).
 */
import type { AuthUser } from '../auth/auth-user';
import { planOf } from '../auth/stored-plan';
import type { ByPlan } from '../../../src/shared/plans';
import type { Queryable } from '../db';
import type { PlanRateLimitRule, RateLimitRule } from './rate-limiter';

/**
 * `account` guards DELETE /api/account (and with it the password re-check), `account_export` the
 * export: separate buckets, so three exports never stop a user from deleting their account.
 */
export type RateLimitPolicyName = 'llm' | 'billing' | 'account' | 'account_export' | 'webhook';

/** A limit for one function that fits none of the named policies. */
export interface CustomRateLimit extends RateLimitRule {
  /** Bucket name; keep it unique per function. */
  name: string;
  by: 'user' | 'ip';
}

export type RateLimitOption = RateLimitPolicyName | CustomRateLimit;

/** LLM and agent calls per minute by plan; unknown or missing plans get the free limit. */
export const llmRequestsPerMinute = { free: 10, pro: 60, max: 120 } as const satisfies ByPlan<number>;

const fixedPolicies: Record<Exclude<RateLimitPolicyName, 'llm'>, Omit<CustomRateLimit, 'name'>> = {
  billing: { limit: 5, windowSeconds: 60, by: 'user' },
  account: { limit: 3, windowSeconds: 3600, by: 'user' },
  account_export: { limit: 3, windowSeconds: 3600, by: 'user' },
  webhook: { limit: 100, windowSeconds: 60, by: 'ip' },
};

export interface ResolvedRateLimit extends RateLimitRule {
  key: string;
}

export interface RateLimitSubject {
  user: AuthUser | null;
  ip: string;
  db: Queryable;
}

const llmKey = (userId: string) => `llm:user:${userId}`;

/**
 * The plan-dependent form of a signed-in caller's `llm` limit, for limiters that read the plan
 * themselves in the same round trip; undefined for every other policy and for anonymous callers.
 */
export function planRateLimit(
  option: RateLimitOption,
  subject: RateLimitSubject,
): { key: string; rule: PlanRateLimitRule } | undefined {
  if (option !== 'llm' || !subject.user) return undefined;
  return {
    key: llmKey(subject.user.id),
    rule: { userId: subject.user.id, limitsByPlan: llmRequestsPerMinute, windowSeconds: 60 },
  };
}

export async function resolveRateLimit(
  option: RateLimitOption,
  subject: RateLimitSubject,
): Promise<ResolvedRateLimit> {
  const keyFor = (name: string, by: 'user' | 'ip') =>
    by === 'user' && subject.user ? `${name}:user:${subject.user.id}` : `${name}:ip:${subject.ip}`;

  if (option === 'llm') {
    const plan = subject.user ? await planOf(subject.db, subject.user.id) : 'free';
    return { key: keyFor('llm', 'user'), limit: llmRequestsPerMinute[plan], windowSeconds: 60 };
  }
  if (typeof option === 'string') {
    const policy = fixedPolicies[option];
    return { key: keyFor(option, policy.by), limit: policy.limit, windowSeconds: policy.windowSeconds };
  }
  return {
    key: keyFor(`custom:${option.name}`, option.by),
    limit: option.limit,
    windowSeconds: option.windowSeconds,
  };
}
