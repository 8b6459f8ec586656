/**
 * GET /api/admin/users/:id: one account as support and billing staff need it — plan, status,
 * balance, the latest ledger rows, 30 days of usage, hires and tickets.
 * Service action (admin verified by the pipeline): another user's rows.
 * Every list is bounded and served by an index on (user_id, time).
 */
import type { Queryable } from '../../db';
import { ApiError } from '../../http/api-error';
import type { AdminUserDetail, AdminUserSummary } from '../../../../src/shared/admin-users';
import { summaryColumns } from './search-users';

export async function userDetail(db: Queryable, userId: string): Promise<AdminUserDetail> {
  const { rows } = await db.query<AdminUserSummary & { suspendedReason: string | null }>(
    `select ${summaryColumns}, p.suspended_reason as "suspendedReason"
       from public.profiles p where p.id = $1`,
    [userId],
  );
  const user = rows[0];
  if (!user) throw new ApiError('NOT_FOUND', 'No such user.');

  const [balance, ledger, usage, hires, tickets] = await Promise.all([
    db.query<AdminUserDetail['balance']>(
      `select allowance_balance::float8 as allowance, purchased_balance::float8 as purchased,
              reserved_balance::float8 as reserved, available::float8 as available, frozen
         from billing.get_balance($1)`,
      [userId],
    ),
    db.query<AdminUserDetail['ledger'][number]>(
      `select id, kind, bucket, amount::float8 as amount, balance_after::float8 as "balanceAfter",
              source ->> 'reason' as reason, created_at as "createdAt"
         from public.credit_ledger where user_id = $1 order by created_at desc, id desc limit 50`,
      [userId],
    ),
    db.query<AdminUserDetail['usage'][number]>(
      `select to_char(date_trunc('day', created_at at time zone 'utc'), 'YYYY-MM-DD') as day,
              count(*)::int as requests, sum(credits_charged)::float8 as credits
         from public.token_usage
        where user_id = $1 and created_at >= now() - interval '30 days'
        group by 1 order by 1`,
      [userId],
    ),
    db.query<AdminUserDetail['hires'][number]>(
      `select h.id, e.name as "employeeName", v.version as "versionNumber", h.is_active as "isActive", h.hired_at as "hiredAt"
         from public.purchased_employees h
         join public.ai_employees e on e.id = h.employee_id
         join public.ai_employee_versions v on v.id = h.employee_version_id
        where h.user_id = $1 order by h.hired_at desc limit 100`,
      [userId],
    ),
    db.query<AdminUserDetail['tickets'][number]>(
      `select id, subject, status, last_message_at as "lastMessageAt"
         from public.support_tickets where user_id = $1 order by last_message_at desc limit 20`,
      [userId],
    ),
  ]);
  const emptyBalance = { allowance: 0, purchased: 0, reserved: 0, available: 0, frozen: false };
  return {
    ...user,
    balance: balance.rows[0] ?? emptyBalance,
    ledger: ledger.rows,
    usage: usage.rows,
    hires: hires.rows,
    tickets: tickets.rows,
  };
}
