/**
 * The budget a run holds (docs/decisions/0026): the request's, else the user's default, within the
 * plan's cap. The plan is read with the service connection (it bounds the run's hold); the user's
 * default is read through `settings` — the caller's RLS-bound connection when a user starts the run
 * (asUser), the service one for a schedule's or webhook's run (no user request behind it).
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import { planOf } from '../auth/stored-plan';
import { maxRunBudgetByPlan } from '../../../src/shared/runs-contract';

export async function runBudgetFor(
  db: Queryable,
  userId: string,
  asked: number | undefined,
  settings: Queryable = db,
): Promise<number> {
  const cap = maxRunBudgetByPlan[await planOf(db, userId)];
  if (asked !== undefined) {
    if (asked > cap)
      throw new ApiError(
        'VALIDATION_FAILED',
        `Your plan allows a budget of at most ${cap} credits per run.`,
        {
          details: [{ path: 'budget_credits', message: `At most ${cap} on your plan.` }],
        },
      );
    return asked;
  }
  const { rows } = await settings.query<{ budget: string }>(
    'select default_run_budget_credits as budget from public.user_settings where user_id = $1',
    [userId],
  );
  return Math.min(cap, Number(rows[0]?.budget ?? 200_000));
}
