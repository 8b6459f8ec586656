/**
 * GET /api/admin/users?email=: accounts whose email contains the term, newest first (50 at most).
 * Service action (admin verified by the pipeline): emails live in auth.users, which no API role reads.
 */
import type { Queryable } from '../../db';
import type { AdminUserSummary } from '../../../../src/shared/admin-users';

export const summaryColumns = `p.id, u.email, p.plan, p.plan_status as "planStatus", p.role,
  p.suspended_at as "suspendedAt", p.created_at as "createdAt"`;

export async function searchUsers(db: Queryable, email: string): Promise<AdminUserSummary[]> {
  const pattern = `%${email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.query<AdminUserSummary>(
    `select ${summaryColumns}
       from public.profiles p join auth.users u on u.id = p.id
      where u.email ilike $1
      order by p.created_at desc
      limit 50`,
    [pattern],
  );
  return rows;
}
