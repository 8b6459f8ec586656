/** The plan a user's profile records (public.profiles.plan); undefined when there is no profile. */
import type { Queryable } from '../db';

export async function storedPlan(db: Queryable, userId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ plan: string }>('select plan from public.profiles where id = $1', [
    userId,
  ]);
  return rows[0]?.plan;
}
