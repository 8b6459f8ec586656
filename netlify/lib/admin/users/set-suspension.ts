/**
 * POST /api/admin/users/:id/suspension: suspend or reinstate an account.
 *
 * 1. In one transaction (service action, admin verified by the pipeline): the profile's
 *    suspended_at/suspended_reason and an audit_logs row with before/after. From the commit on,
 *    every /api call of the user answers 403 (auth/caller-standing.ts).
 * 2. Then the Auth admin API bans (or unbans) the user, which ends every session: no refresh
 *    token works any more, so the SPA signs out within the access token's lifetime. This is a
 *    call to another service and cannot share the transaction; if it fails the caller gets 502 and
 *    repeats the request (both steps are idempotent).
 */
import { isIP } from 'node:net';
import type pg from 'pg';
import { withTransaction } from '../../db';
import { ApiError } from '../../http/api-error';
import { supabaseAdmin } from '../../supabase';
import type { Suspension } from '../../../../src/shared/admin-users';

/** GoTrue's ban is a duration; a century stands for "until an admin lifts it". */
const banUntilLifted = '876000h';

export interface SuspensionResult {
  userId: string;
  suspendedAt: string | null;
}

export async function setSuspension(
  db: pg.Pool,
  admin: { id: string; requestId: string; ip: string },
  userId: string,
  body: Suspension,
): Promise<SuspensionResult> {
  if (userId === admin.id && body.suspended) {
    throw new ApiError('CONFLICT', 'You cannot suspend your own account.');
  }
  const result = await withTransaction(db, async (client) => {
    const { rows } = await client.query<{ suspended_at: Date | null; suspended_reason: string | null }>(
      'select suspended_at, suspended_reason from public.profiles where id = $1 for update',
      [userId],
    );
    const before = rows[0];
    if (!before) throw new ApiError('NOT_FOUND', 'No such user.');
    const { rows: after } = await client.query<{
      suspended_at: Date | null;
      suspended_reason: string | null;
    }>(
      `update public.profiles
          set suspended_at = case when $2 then coalesce(suspended_at, now()) end,
              suspended_reason = case when $2 then $3 end
        where id = $1
        returning suspended_at, suspended_reason`,
      [userId, body.suspended, body.reason],
    );
    await client.query(
      `insert into public.audit_logs (actor_id, action, target_type, target_id, ip, request_id, metadata)
       values ($1, $2, 'user', $3, $4, $5, $6)`,
      [
        admin.id,
        body.suspended ? 'admin.user_suspend' : 'admin.user_unsuspend',
        userId,
        isIP(admin.ip) ? admin.ip : null,
        admin.requestId,
        { reason: body.reason, before, after: after[0] },
      ],
    );
    return { userId, suspendedAt: after[0]?.suspended_at?.toISOString() ?? null };
  });

  const { error } = await supabaseAdmin().auth.admin.updateUserById(userId, {
    ban_duration: body.suspended ? banUntilLifted : 'none',
  });
  if (error) {
    throw new ApiError(
      'UPSTREAM_FAILED',
      body.suspended
        ? 'The account is suspended, but its sessions could not be ended. Try again.'
        : 'The account is reinstated, but it could not be unbanned in Auth. Try again.',
      { cause: error },
    );
  }
  return result;
}
