/**
 * Reserve → call → settle (DESIGN.md §5) through the billing.* money functions. The reservation
 * holds the maximum cost before the provider is called; the settlement charges the exact cost
 * priced by billing.price_call at call time, releases the rest and writes the call's token_usage
 * row in the same statement (so the ledger and the usage rows always agree); a failed call
 * releases the hold and charges nothing. All are idempotent by the call id, so a retry is safe.
 */
import type { DatabaseError } from 'pg';
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
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
export async function reserveCredits(
  db: Queryable,
  userId: string,
  callId: string,
  max: MaxUsage,
): Promise<void> {
  try {
    // The hold commits without waiting for its WAL flush: it is visible to every concurrent
    // reservation at once (so it still bounds spending), and a crash that lost it could only
    // under-charge the call it belonged to. Saves a disk flush before the provider is called.
    await db.query(
      `select set_config('synchronous_commit', 'off', true), 1
       from billing.reserve_credits(
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
      throw new ApiError(
        'INSUFFICIENT_CREDITS',
        'Not enough credits for this request. Buy a token pack or upgrade your plan.',
        { details, cause: error },
      );
    }
    throw error;
  }
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

// token_usage's columns as parameters $1–$13; the credits charged come from the statement.
const usageColumns = `user_id, request_id, provider, model, feature, input_tokens, output_tokens, cached_tokens,
  latency_ms, status, estimated, session_id, message_id, credits_charged`;
const usageValues = `$1::uuid, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::bigint, $8::bigint,
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
 * One statement, one transaction: settle the hold at the exact price, write the usage row and the
 * usage alerts the charge crossed, and answer the available credits afterwards. The final select
 * shares the statement's snapshot (taken before the settlement), so the balance is computed from
 * it: the hold comes back, the charge goes. It is exact unless another call of the same user
 * settled in between, and only informs the caller; the ledger is the authority.
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
    `with hold as (
       select amount, status = 'active' as active from public.credit_reservations where request_id = $2
     ), settled as (
       select * from billing.settle_reservation(
         $2::text,
         billing.price_call($3::text, $4::text, $6::bigint, $7::bigint, $8::bigint, $14::timestamptz),
         $15::jsonb
       )
     ), usage_row as (
       insert into public.token_usage (${usageColumns})
       select ${usageValues}, settled.charged from settled
       on conflict (request_id) do nothing
     ), ${usageAlertCtes('$16')}
     select s.charged, s.charged_allowance, s.allowance_balance,
            greatest(0, (billing.get_balance($1::uuid)).available
              + case when hold.active then hold.amount else 0 end - s.charged) as available
     from settled s, hold`,
    [...usageParams(record), record.startedAt, details, [...usageAlertThresholds]],
  );
  const row = rows[0];
  if (!row) throw new Error('settle_reservation returned no row');
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
  const { rows } = await db.query<{ available: string }>(
    `with hold as (
       select amount, status = 'active' as active from public.credit_reservations where request_id = $2
     ), released as (
       select * from billing.release_reservation($2::text)
     ), usage_row as (
       insert into public.token_usage (${usageColumns})
       select ${usageValues}, 0 from released
       on conflict (request_id) do nothing
     )
     select (billing.get_balance($1::uuid)).available + case when hold.active then hold.amount else 0 end as available
     from released, hold`,
    usageParams(record),
  );
  return Number(rows[0]?.available ?? 0);
}
