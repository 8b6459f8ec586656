/**
 * The free plan's allowance every calendar month (DESIGN.md §5: "free — 1,000,000 credits/month").
 * The sign-up grant covers the month of confirmation; this job, run hourly with the yearly grants,
 * grants each confirmed free user the month they are in once their previous allowance has ended.
 * `private.grant_free_allowance` keys the grant by user and month (the sign-up grant's key), so a
 * run that is late, repeated or concurrent grants each month once. Unconfirmed users get nothing
 * (issue 19: sign-ups could be farmed). Batched so one run never holds many account locks at once.
 */
import type pg from 'pg';

export interface FreeAllowanceOptions {
  /** The moment to grant for (tests move it); the month of `now` is granted. */
  now?: Date;
  /** Only these users (support tooling, tests); every due free user when unset. */
  userIds?: string[];
  batchSize?: number;
}

export async function grantFreeAllowances(
  db: pg.Pool,
  { now = new Date(), userIds, batchSize = 500 }: FreeAllowanceOptions = {},
): Promise<{ granted: number }> {
  let granted = 0;
  for (;;) {
    // Service action: the scheduled job grants as the database owner (no user is calling).
    const { rowCount } = await db.query(
      `select private.grant_free_allowance(a.user_id, $3)
         from public.credit_accounts a
         join public.profiles p on p.id = a.user_id
         join auth.users u on u.id = a.user_id
        where p.plan = 'free' and u.email_confirmed_at is not null
          and (a.allowance_period_end is null or a.allowance_period_end <= $3)
          and ($1::uuid[] is null or a.user_id = any($1::uuid[]))
        limit $2`,
      [userIds ?? null, batchSize, now],
    );
    granted += rowCount ?? 0;
    if ((rowCount ?? 0) < batchSize) return { granted };
  }
}
