/**
 * Granting a plan's monthly allowance. Keys name the subscription and the month, so the
 * checkout completion, both invoice events and the yearly job all produce the same key for the
 * same month: whichever arrives first grants, the rest change nothing.
 */
import type { Queryable } from '../../db';

export interface AllowanceGrant {
  userId: string;
  /** What the allowance comes from: the subscription id (or `<id>:free` after it ended). */
  origin: string;
  credits: number;
  periodStart: Date;
  periodEnd: Date;
  source: Record<string, unknown>;
}

export const allowanceKey = (userId: string, origin: string, periodStart: Date) =>
  `allowance:${userId}:${origin}:${periodStart.toISOString().slice(0, 10)}`;

/** Adds calendar months in UTC, clamping like Stripe (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/**
 * Grants, or does nothing when the grant exists already or is for a month older than the
 * account's current one (a late event: the newer allowance stands). Returns whether a new
 * ledger row was written.
 */
export async function grantAllowance(
  db: Queryable,
  grant: AllowanceGrant,
): Promise<'granted' | 'already' | 'stale'> {
  const key = allowanceKey(grant.userId, grant.origin, grant.periodStart);
  const existing = await db.query('select 1 from public.credit_ledger where idempotency_key = $1', [key]);
  if (existing.rows.length > 0) return 'already';
  // billing.grant_allowance refuses an older period with PT409; checking under a savepoint keeps
  // the event's transaction usable when that happens.
  await db.query('savepoint grant_allowance');
  try {
    await db.query('select billing.grant_allowance($1, $2, $3, $4, $5, $6)', [
      grant.userId,
      grant.credits,
      grant.periodStart,
      grant.periodEnd,
      key,
      grant.source,
    ]);
    await db.query('release savepoint grant_allowance');
    return 'granted';
  } catch (error) {
    await db.query('rollback to savepoint grant_allowance');
    if ((error as { code?: string }).code === 'PT409') return 'stale';
    throw error;
  }
}
