/**
 * Reserve → call → settle (DESIGN.md §5) through the billing.* money functions. The reservation
 * holds the maximum cost before the provider is called; the settlement charges the exact cost
 * priced by billing.price_call at call time and releases the rest; a failed call releases the
 * hold and charges nothing. Both are idempotent by the call id, so retrying either is safe.
 */
import type { DatabaseError } from 'pg';
import { ApiError } from '../http/api-error';
import type { Queryable } from '../db';
import type { LlmProvider, TokenUsage } from './types';
import { usageAlertCtes, usageAlertThresholds } from './usage-alerts';

/** How long a hold lives if the function dies before settling; the sweeper frees it then. */
const reservationTtl = '15 minutes';

const isDatabaseError = (error: unknown): error is DatabaseError =>
  error instanceof Error && typeof (error as Partial<DatabaseError>).code === 'string';

export interface MaxUsage {
  provider: LlmProvider;
  model: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Holds the price of `max` (the most the call can use) for the call. Fails with 400 when the model
 * has no effective price (it is not callable) and 402 when the balance cannot cover the hold.
 */
export async function reserveCredits(db: Queryable, userId: string, callId: string, max: MaxUsage): Promise<void> {
  try {
    await db.query(
      `select 1 from billing.reserve_credits(
         $1::uuid,
         greatest(1, billing.price_call($2::text, $3::text, $4::bigint, $5::bigint, 0)),
         $6::text,
         $7::interval
       )`,
      [userId, max.provider, max.model, max.inputTokens, max.outputTokens, callId, reservationTtl],
    );
  } catch (error) {
    if (isDatabaseError(error) && error.code === 'PT404' && error.message === 'MODEL_NOT_PRICED') {
      throw new ApiError('VALIDATION_FAILED', `Model "${max.model}" is not available from ${max.provider}.`, {
        details: [{ path: 'model', message: 'Not an available model for this provider.' }],
        cause: error,
      });
    }
    if (isDatabaseError(error) && error.code === 'PT402') {
      let details: unknown;
      try {
        details = error.detail ? JSON.parse(error.detail) : undefined;
      } catch {
        details = undefined;
      }
      throw new ApiError('INSUFFICIENT_CREDITS', 'Not enough credits for this request. Buy a token pack or upgrade your plan.', {
        details,
        cause: error,
      });
    }
    throw error;
  }
}

export interface Settlement {
  charged: number;
  chargedAllowance: number;
  allowanceBalance: number;
}

export async function settleCredits(
  db: Queryable,
  call: { callId: string; provider: LlmProvider; model: string; startedAt: Date },
  usage: TokenUsage,
  details: Record<string, unknown>,
): Promise<Settlement> {
  const { rows } = await db.query<{ charged: string; charged_allowance: string; allowance_balance: string }>(
    `select s.charged, s.charged_allowance, s.allowance_balance
     from billing.settle_reservation(
       $1::text,
       billing.price_call($2::text, $3::text, $4::bigint, $5::bigint, $6::bigint, $7::timestamptz),
       $8::jsonb
     ) s`,
    [call.callId, call.provider, call.model, usage.inputTokens, usage.outputTokens, usage.cachedInputTokens, call.startedAt, details],
  );
  const row = rows[0];
  if (!row) throw new Error('settle_reservation returned no row');
  return {
    charged: Number(row.charged),
    chargedAllowance: Number(row.charged_allowance),
    allowanceBalance: Number(row.allowance_balance),
  };
}

export async function releaseCredits(db: Queryable, callId: string): Promise<void> {
  await db.query('select 1 from billing.release_reservation($1::text)', [callId]);
}

export interface UsageRow {
  userId: string;
  callId: string;
  provider: LlmProvider;
  model: string;
  feature: 'proxy' | 'chat';
  usage: TokenUsage;
  creditsCharged: number;
  latencyMs: number;
  status: 'ok' | 'error' | 'stopped';
  estimated: boolean;
  sessionId?: string;
  messageId?: string;
  /** The settlement, when the call was charged: drives the usage alerts. */
  settlement?: Settlement;
}

/**
 * In one round trip: the call's token_usage row, the usage alerts its charge crossed, and the
 * caller's available credits afterwards (read after the settlement, which committed before).
 */
export async function recordUsage(db: Queryable, row: UsageRow): Promise<number> {
  const { rows } = await db.query<{ available: string }>(
    `with usage_row as (
       insert into public.token_usage (
         user_id, request_id, provider, model, feature, input_tokens, output_tokens, cached_tokens,
         credits_charged, latency_ms, status, estimated, session_id, message_id
       ) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       on conflict (request_id) do nothing
     ), ${usageAlertCtes}
     select (billing.get_balance($1::uuid)).available`,
    [
      row.userId,
      row.callId,
      row.provider,
      row.model,
      row.feature,
      row.usage.inputTokens,
      row.usage.outputTokens,
      row.usage.cachedInputTokens,
      row.creditsCharged,
      Math.max(0, Math.round(row.latencyMs)),
      row.status,
      row.estimated,
      row.sessionId ?? null,
      row.messageId ?? null,
      row.settlement?.chargedAllowance ?? 0,
      row.settlement?.allowanceBalance ?? 0,
      [...usageAlertThresholds],
    ],
  );
  return Number(rows[0]?.available ?? 0);
}
