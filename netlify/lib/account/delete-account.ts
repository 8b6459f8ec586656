/**
 * DELETE /api/account (DESIGN.md §6, ADR 0011 and 0046). The steps, each safe to repeat, so a
 * retry after a failure anywhere finishes the job:
 *
 *   1. re-check the password (wrong → 401, nothing changed);
 *   2. record the deletion request (data_requests, audit) — reused by a retry;
 *   3. cancel every Stripe subscription now (before anything is deleted: a crash after this
 *      leaves a user who pays nothing, never a deleted user who is still billed);
 *   4. remove the user's Storage files;
 *   5. one transaction: queue the confirmation email to the bare address, complete the request,
 *      audit, delete the auth user — cascading to everything they own, while ledger, usage
 *      totals, audit entries and data requests are kept with the user id set null.
 *
 * Steps 2 and 5 are service actions (the account-deletion service: audit_logs and data_requests
 * are not user-writable, and auth.users can only be deleted by the service); 4 runs as the user.
 */
import type pg from 'pg';
import type Stripe from 'stripe';
import type { AuthUser } from '../auth/auth-user';
import { withTransaction, type Queryable } from '../db';
import { enqueueEmail } from '../email/enqueue-email';
import { ApiError } from '../http/api-error';
import { supabaseFor } from '../supabase';
import { withStripeFailures } from '../billing/stripe-failure';
import { recordAudit } from './audit';
import { cancelAllSubscriptions } from './cancel-subscriptions';
import { listOwnObjects, removeObjects } from './storage-objects';
import { checkCurrentPassword } from './verify-password';

export interface DeletionRequest {
  user: AuthUser;
  password: string;
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export type DeletionOutcome = 'deleted' | 'already_deleted';

export async function deleteAccount(
  db: pg.Pool,
  stripe: () => Stripe,
  request: DeletionRequest,
): Promise<DeletionOutcome> {
  const { user } = request;
  const check = await checkCurrentPassword(db, user.id, request.password);
  // A retry after step 5 committed: the token is ours, so the account existed and is gone.
  if (check === 'no_user') return 'already_deleted';
  if (check === 'no_password') {
    throw new ApiError(
      'UNAUTHENTICATED',
      'Your account has no password yet. Set one with "Forgot password", then delete the account.',
    );
  }
  if (check === 'mismatch') throw new ApiError('UNAUTHENTICATED', 'That password is not correct.');

  const dataRequestId = await openDeletionRequest(db, request);
  await withStripeFailures(() => cancelAllSubscriptions(db, stripe, user.id));
  await removeObjects(supabaseFor(user), await listOwnObjects(db, user));

  await withTransaction(db, async (client) => {
    const email = await lockedEmail(client, user.id);
    if (email === undefined) return;
    if (email) {
      await enqueueEmail(client, {
        template: 'account_deleted',
        payload: {},
        dedupeKey: `account_deleted:${dataRequestId}`,
        to: { email },
      });
    }
    await client.query(
      `update public.data_requests set status = 'completed', completed_at = now(), error = null where id = $1`,
      [dataRequestId],
    );
    await recordAudit(client, { ...auditFields(request), action: 'account.deleted' });
    // Cascades to every row the user owns; ledger, usage and audit rows are set null (ADR 0011).
    await client.query('delete from auth.users where id = $1', [user.id]);
  });
  return 'deleted';
}

const auditFields = (request: DeletionRequest) => ({
  actorId: request.user.id,
  ip: request.ip,
  userAgent: request.userAgent,
  requestId: request.requestId,
});

/** The open deletion request of the user, or a new one (with its audit entry); serialised per user. */
async function openDeletionRequest(db: pg.Pool, request: DeletionRequest): Promise<string> {
  return withTransaction(db, async (client) => {
    await lockedEmail(client, request.user.id);
    const { rows } = await client.query<{ id: string }>(
      `select id from public.data_requests
        where user_id = $1 and kind = 'deletion' and status in ('pending', 'processing')
        order by requested_at limit 1`,
      [request.user.id],
    );
    if (rows[0]) return rows[0].id;
    const created = await client.query<{ id: string }>(
      `insert into public.data_requests (user_id, kind, status) values ($1, 'deletion', 'processing') returning id`,
      [request.user.id],
    );
    await recordAudit(client, { ...auditFields(request), action: 'account.deletion_requested' });
    return created.rows[0]!.id;
  });
}

/** Locks the auth user's row; undefined when it no longer exists, null when it has no address. */
async function lockedEmail(client: Queryable, userId: string): Promise<string | null | undefined> {
  const { rows } = await client.query<{ email: string | null }>(
    'select email from auth.users where id = $1 for update',
    [userId],
  );
  return rows.length === 0 ? undefined : (rows[0]!.email ?? null);
}
