/**
 * GET /api/admin/users?email=: accounts whose email contains the term, newest first (50 at most),
 * through the trigram index on profiles.email (a copy of auth.users.email).
 * Service action (admin verified by the pipeline): other users' profiles.
 */
import type { Queryable } from '../../db';
import type { AdminUserSummary } from '../../../../src/shared/admin-users';

export const summaryColumns = `p.id, p.email, p.plan, p.plan_status as "planStatus", p.role,
  p.suspended_at as "suspendedAt", p.created_at as "createdAt"`;

export async function searchUsers(db: Queryable, email: string): Promise<AdminUserSummary[]> {
  const pattern = `%${email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.query<AdminUserSummary>(
    `select ${summaryColumns}
       from public.profiles p
      where p.email ilike $1
      order by p.created_at desc
      limit 50`,
    [pattern],
  );
  return rows;
}
