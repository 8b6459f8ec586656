/** The plan a user's profile records (public.profiles.plan), as the per-plan limits know it. */
import { asPlanId, type PlanId } from '../../../src/shared/plans';
import type { Queryable } from '../db';

/** The caller's plan for its limits; a missing profile or an unknown plan counts as free. */
export async function planOf(db: Queryable, userId: string): Promise<PlanId> {
  const { rows } = await db.query<{ plan: string }>('select plan from public.profiles where id = $1', [
    userId,
  ]);
  return asPlanId(rows[0]?.plan);
}
