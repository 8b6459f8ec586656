/**
 * The billing.* money functions called as the service role, the only role allowed to call them,
 * plus the ledger invariants every money test checks.
 */
import type pg from 'pg';
import { asRole } from './database';

export interface Balance {
  user_id: string;
  allowance_balance: number;
  purchased_balance: number;
  reserved_balance: number;
  available: number;
  frozen: boolean;
}

export interface Settlement {
  request_id: string;
  status: string;
  reserved: number;
  actual_cost: number;
  charged: number;
  charged_allowance: number;
  charged_purchased: number;
  shortfall: number;
  allowance_balance: number;
  purchased_balance: number;
}

export interface LedgerRow {
  id: string;
  user_id: string | null;
  kind: string;
  bucket: string;
  amount: number;
  balance_after: number;
  idempotency_key: string;
  source: Record<string, unknown>;
}

export interface Reservation {
  id: string;
  user_id: string;
  request_id: string;
  amount: number;
  status: string;
}

// bigint columns arrive as strings from pg; the amounts in these tests fit a double exactly.
const numeric = <T extends object>(row: T): T =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
    ]),
  ) as T;

export function billing(pool: pg.Pool) {
  const call = async <T extends object>(sql: string, params: unknown[]): Promise<T> =>
    asRole(pool, 'service_role', null, async (client) => {
      const { rows } = await client.query(sql, params);
      return numeric(rows[0] as T);
    });

  return {
    balance: (userId: string) => call<Balance>('select * from billing.get_balance($1)', [userId]),
    reserve: (userId: string, amount: number, requestId: string, ttl = '10 minutes') =>
      call<Reservation>('select * from billing.reserve_credits($1, $2, $3, $4::interval)', [
        userId,
        amount,
        requestId,
        ttl,
      ]),
    settle: (requestId: string, actualCost: number, details: object = {}) =>
      call<Settlement>('select * from billing.settle_reservation($1, $2, $3)', [
        requestId,
        actualCost,
        details,
      ]),
    release: (requestId: string) =>
      call<Reservation>('select * from billing.release_reservation($1)', [requestId]),
    expire: async () =>
      (await call<{ expire_reservations: number }>('select billing.expire_reservations()', []))
        .expire_reservations,
    addPurchased: (userId: string, amount: number, key: string, source: object = {}) =>
      call<LedgerRow>('select * from billing.add_purchased_credits($1, $2, $3, $4)', [
        userId,
        amount,
        key,
        source,
      ]),
    grantAllowance: (userId: string, amount: number, start: string, end: string, key: string) =>
      call<LedgerRow>('select * from billing.grant_allowance($1, $2, $3, $4, $5)', [
        userId,
        amount,
        start,
        end,
        key,
      ]),
    clawBack: (userId: string, amount: number, key: string, source: object = {}) =>
      call<LedgerRow>('select * from billing.claw_back_purchased($1, $2, $3, $4)', [
        userId,
        amount,
        key,
        source,
      ]),
    setFrozen: (userId: string, frozen: boolean, reason?: string) =>
      call<Balance>('select * from billing.set_credits_frozen($1, $2, $3)', [userId, frozen, reason ?? null]),
    priceCall: async (
      provider: string,
      model: string,
      input: number,
      output: number,
      cached: number,
      at?: string,
    ) =>
      Number(
        (
          await call<{ price: string }>(
            'select billing.price_call($1, $2, $3, $4, $5, coalesce($6::timestamptz, now())) as price',
            [provider, model, input, output, cached, at ?? null],
          )
        ).price,
      ),
  };
}

export interface InvariantReport {
  allowance_balance: number;
  purchased_balance: number;
  reserved_balance: number;
  ledger_allowance: number;
  ledger_purchased: number;
  active_reserved: number;
}

/** Balances as stored next to what the ledger and the active reservations say they must be. */
export async function invariants(db: pg.Pool, userId: string): Promise<InvariantReport> {
  const { rows } = await db.query(
    `select a.allowance_balance, a.purchased_balance, a.reserved_balance,
            coalesce((select sum(amount) from public.credit_ledger l where l.user_id = a.user_id and l.bucket = 'allowance'), 0) as ledger_allowance,
            coalesce((select sum(amount) from public.credit_ledger l where l.user_id = a.user_id and l.bucket = 'purchased'), 0) as ledger_purchased,
            coalesce((select sum(amount) from public.credit_reservations r where r.user_id = a.user_id and r.status = 'active'), 0) as active_reserved
     from public.credit_accounts a where a.user_id = $1`,
    [userId],
  );
  return numeric(rows[0] as InvariantReport);
}
