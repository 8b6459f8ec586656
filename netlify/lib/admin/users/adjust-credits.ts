/**
 * POST /api/admin/users/:id/credits: grant or claw back purchased credits with a reason, through
 * billing.adjust_credits (service action: the money path) — ledger row, balance and audit_logs row
 * in one transaction, once per idempotency key.
 */
import type { Queryable } from '../../db';
import type { CreditAdjustment, CreditAdjustmentResult } from '../../../../src/shared/admin-users';
import { adminDbError } from '../db-errors';

export async function adjustCredits(
  db: Queryable,
  adminId: string,
  userId: string,
  body: CreditAdjustment,
  requestId: string,
): Promise<CreditAdjustmentResult> {
  try {
    const { rows } = await db.query<CreditAdjustmentResult>(
      `select id as "ledgerId", amount::float8 as amount, balance_after::float8 as "purchasedBalance"
         from billing.adjust_credits($1, $2, $3, $4, $5, $6)`,
      [adminId, userId, body.amount, `admin:credits:${body.idempotencyKey}`, body.reason, requestId],
    );
    return rows[0] as CreditAdjustmentResult;
  } catch (error) {
    throw adminDbError(error);
  }
}
