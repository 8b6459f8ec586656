/**
 * Reserve → call → settle (DESIGN.md §5) through the billing.* money functions. The reservation
 * holds the maximum cost before the provider is called; the settlement charges the exact cost
 * priced by billing.price_call at call time, releases the rest and writes the call's token_usage
 * row in the same statement (so the ledger and the usage rows always agree); a failed call
 * releases the hold and charges nothing. All are idempotent by the call id, so a retry is safe.
 */
import type { DatabaseError } from 'pg';
import type { Queryable } from '../db';
import { standingRefusal } from '../auth/caller-standing';
import { ApiError } from '../http/api-error';
import type { DeferredRateLimit } from '../rate-limit/rate-limiter';
import type { LlmProvider, TokenUsage } from './types';

const isDatabaseError = (error: unknown): error is DatabaseError =>
  error instanceof Error && typeof (error as Partial<DatabaseError>).code === 'string';

export interface MaxUsage {
  provider: LlmProvider;
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/** The call a reservation is for, recorded with the hold so the sweeper can charge it. */
export interface ReservedCall extends MaxUsage {
  feature: 'proxy' | 'chat';
  sessionId?: string;
  messageId?: string;
}

/**
 * Holds the price of `max` (the most the call can use) for the call and answers the caller's plan
 * (read in the same round trip, for the plan's output cap). Fails with 400 when the model has no
 * effective price (it is not callable) and 402 when the balance cannot cover the hold.
 *
 * The hold records the call (billing.reserve_call): if the function dies before it settles, the
 * sweeper charges the hold in full when it expires, since the provider was called (ADR 0060). Its
 * lifetime is one value, the default of billing.reserve_credits.
 */
export async function reserveCredits(
  db: Queryable,
  userId: string,
  callId: string,
  max: ReservedCall,
): Promise<string | undefined> {
  try {
    // The hold commits without waiting for its WAL flush: it is visible to every concurrent
    // reservation at once (so it still bounds spending), and a crash that lost it could only
    // under-charge the call it belonged to. Saves a disk flush before the provider is called.
    const { rows } = await db.query<{ plan: string | null }>(
      `select set_config('synchronous_commit', 'off', true),
              billing.reserve_call($1::uuid, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::bigint,
                                   $8::uuid, $9::uuid) as plan`,
      [
        userId,
        callId,
        max.provider,
        max.model,
        max.feature,
        max.inputTokens,
        max.outputTokens,
        max.sessionId ?? null,
        max.messageId ?? null,
      ],
    );
    return rows[0]?.plan ?? undefined;
  } catch (error) {
    const retired = retiredModel(max.model, error);
    if (retired) throw retired;
    if (isDatabaseError(error) && error.code === 'PT404' && error.message === 'MODEL_NOT_PRICED') {
      throw notPriced(max, error);
    }
    if (isDatabaseError(error) && error.code === 'PT402') {
      let details: unknown;
      try {
        details = error.detail ? JSON.parse(error.detail) : undefined;
      } catch {
        details = undefined;
      }
      throw insufficient(details, error);
    }
    throw error;
  }
}

const notPriced = (max: MaxUsage, cause?: unknown) =>
  new ApiError('VALIDATION_FAILED', `Model "${max.model}" is not available from ${max.provider}.`, {
    details: [{ path: 'model', message: 'Not an available model for this provider.' }],
    cause,
  });

const insufficient = (details: unknown, cause?: unknown) =>
  new ApiError(
    'INSUFFICIENT_CREDITS',
    'Not enough credits for this request. Buy a token pack or upgrade your plan.',
    {
      details,
      cause,
    },
  );

/** What the call's first statement answers: the plan, and whether the hold was taken. */
export interface BeginOutcome {
  plan: string | undefined;
  /** Undefined when reserved; the error to throw otherwise (400 or 402), after the plan's checks. */
  refusal: ApiError | undefined;
}

/** A model retired by an admin (billing.price_call's PT410): say so, and since when, rather than "unknown". */
function retiredModel(model: string, error: unknown): ApiError | undefined {
  if (!isDatabaseError(error) || error.code !== 'PT410' || error.message !== 'MODEL_RETIRED')
    return undefined;
  return new ApiError(
    'VALIDATION_FAILED',
    `Model "${model}" was retired on ${error.hint}. Choose a current model, or upgrade the employee to its latest version.`,
    { details: [{ path: 'model', message: `Retired on ${error.hint}.` }], cause: error },
  );
}

/**
 * The whole of a call's first round trip (billing.begin_call, ADR 0062 / 0073): the caller's
 * standing — a suspended account (403) or an ended session (401) is refused first, uncounted —
 * then the request counted against the plan's limit — `limit.counted` sets the RateLimit headers
 * and throws 429 — and the call reserved as reserveCredits does. A refused hold (402 / unpriced
 * model) still counted. The database unreachable here is a 503, as in the auth stage.
 */
export async function beginCall(
  db: Queryable,
  userId: string,
  callId: string,
  call: ReservedCall,
  limit: DeferredRateLimit,
): Promise<BeginOutcome> {
  const { rows } = await db
    .query<{
      allowed: boolean | null;
      remaining: number | null;
      reset_at: Date | null;
      retry_after_seconds: number | null;
      request_limit: number | null;
      plan: string | null;
      outcome: 'suspended' | 'session_ended' | 'reserved' | 'rate_limited' | 'insufficient' | 'not_priced';
      available: string | null;
      required: string | null;
    }>(
      `select set_config('synchronous_commit', 'off', true), b.*
     from billing.begin_call($1::text, $2::jsonb, $3::integer, $4::uuid, $5::uuid, $6::text, $7::text, $8::text,
                             $9::text, $10::bigint, $11::bigint, $12::uuid, $13::uuid) b`,
      [
        limit.key,
        limitsJson(limit),
        limit.rule.windowSeconds,
        userId,
        limit.authSessionId,
        callId,
        call.provider,
        call.model,
        call.feature,
        call.inputTokens,
        call.outputTokens,
        call.sessionId ?? null,
        call.messageId ?? null,
      ],
    )
    .catch((error: unknown) => {
      // A retired model fails the statement (its count rolls back with it): a 400, not a 500.
      const retired = retiredModel(call.model, error);
      if (retired) throw retired;
      // As the auth stage's standing check: our outage, never a reason to let a call through.
      if (error instanceof ApiError) throw error;
      throw new ApiError('UNAVAILABLE', 'The service is temporarily unavailable. Try again shortly.', {
        headers: { 'retry-after': '5' },
        cause: error,
      });
    });
  const row = rows[0];
  if (!row) throw new Error('begin_call returned no row');
  if (row.outcome === 'suspended' || row.outcome === 'session_ended') {
    limit.refusedUncounted();
    throw standingRefusal(row.outcome);
  }
  limit.counted(row.request_limit ?? 0, {
    allowed: row.allowed === true,
    remaining: row.remaining ?? 0,
    resetAt: row.reset_at ?? new Date(),
    retryAfterSeconds: row.retry_after_seconds ?? 0,
  });
  const plan = row.plan ?? undefined;
  if (row.outcome === 'not_priced') return { plan, refusal: notPriced(call) };
  if (row.outcome === 'insufficient')
    return {
      plan,
      refusal: insufficient({ available: Number(row.available), required: Number(row.required) }),
    };
  return { plan, refusal: undefined };
}

// The plan limits are constants: their JSON is made once per instance, not per call.
const limitsJsonOf = new WeakMap<object, string>();
function limitsJson(limit: DeferredRateLimit): string {
  let json = limitsJsonOf.get(limit.rule.limitsByPlan);
  if (json === undefined) {
    json = JSON.stringify(limit.rule.limitsByPlan);
    limitsJsonOf.set(limit.rule.limitsByPlan, json);
  }
  return json;
}

/** Drops a hold without recording anything (the request was refused before the call). */
export async function releaseCredits(db: Queryable, callId: string): Promise<void> {
  await db.query('select 1 from billing.release_reservation($1::text)', [callId]);
}

/** What token_usage records about one call. */
export interface CallRecord {
  userId: string;
  callId: string;
  provider: LlmProvider;
  model: string;
  feature: 'proxy' | 'chat';
  usage: TokenUsage;
  latencyMs: number;
  status: 'ok' | 'error' | 'stopped';
  estimated: boolean;
  sessionId?: string;
  messageId?: string;
  startedAt: Date;
}

export interface Settlement {
  charged: number;
  chargedAllowance: number;
  allowanceBalance: number;
}

// billing.settle_call / billing.release_call take the token_usage columns of the call in this order.
const usageArgs = `$1::uuid, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::bigint, $8::bigint,
  $9::integer, $10::text, $11::boolean, $12::uuid, $13::uuid`;
const usageParams = (record: CallRecord) => [
  record.userId,
  record.callId,
  record.provider,
  record.model,
  record.feature,
  record.usage.inputTokens,
  record.usage.outputTokens,
  record.usage.cachedInputTokens,
  Math.max(0, Math.round(record.latencyMs)),
  record.status,
  record.estimated,
  record.sessionId ?? null,
  record.messageId ?? null,
];

/**
 * One round trip, one transaction (billing.settle_call, migration
 * 20261121180000_cache_metering_plans.sql): settle the hold at the exact price, write the usage
 * row and the usage alerts the charge crossed (50/80/100 % of the monthly allowance, purchased
 * credits under 10 % of the balance after the latest purchase), and answer the available credits
 * afterwards — exact unless another call of the same user settled at the same moment; it only
 * informs the caller, the ledger is the authority.
 */
export async function settleAndRecord(
  db: Queryable,
  record: CallRecord,
  details: Record<string, unknown>,
): Promise<{ settlement: Settlement; balance: number }> {
  const { rows } = await db.query<{
    charged: string;
    charged_allowance: string;
    allowance_balance: string;
    available: string;
  }>(
    `select charged, charged_allowance, allowance_balance, available
     from billing.settle_call(${usageArgs}, $14::timestamptz, $15::jsonb)`,
    [...usageParams(record), record.startedAt, details],
  );
  const row = rows[0];
  if (!row) throw new Error('settle_call returned no row');
  return {
    settlement: {
      charged: Number(row.charged),
      chargedAllowance: Number(row.charged_allowance),
      allowanceBalance: Number(row.allowance_balance),
    },
    balance: Number(row.available),
  };
}

/** Releases the hold of a call that produced nothing and records it, charging nothing. */
export async function releaseAndRecord(db: Queryable, record: CallRecord): Promise<number> {
  const { rows } = await db.query<{ available: string | null }>(
    `select billing.release_call(${usageArgs}) as available`,
    usageParams(record),
  );
  return Number(rows[0]?.available ?? 0);
}
