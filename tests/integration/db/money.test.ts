// The billing.* money functions (DESIGN.md §5), called as the service role against the real
// schema: amounts, bucket order, idempotency, error codes, and the ledger/balance invariant.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billing, invariants } from './support/billing';
import { asRole, createPool, createUser, sqlState } from './support/database';

const pool = createPool(5);
const money = billing(pool);
const rid = (label: string) => `${label}-${randomUUID()}`;
const FREE_ALLOWANCE = 1_000_000;

afterAll(() => pool.end());

async function expectBalanced(userId: string) {
  const report = await invariants(pool, userId);
  expect(report.ledger_allowance).toBe(report.allowance_balance);
  expect(report.ledger_purchased).toBe(report.purchased_balance);
  expect(report.active_reserved).toBe(report.reserved_balance);
}

describe('a new user', () => {
  it('starts with the free allowance for the current calendar month, recorded in the ledger', async () => {
    const user = await createUser(pool, 'signup');
    const balance = await money.balance(user.id);
    expect(balance).toMatchObject({
      allowance_balance: FREE_ALLOWANCE,
      purchased_balance: 0,
      reserved_balance: 0,
      available: FREE_ALLOWANCE,
    });

    const { rows } = await pool.query(
      `select kind, bucket, amount::int, balance_after::int, idempotency_key,
              allowance_period_start = date_trunc('month', now()) as starts_this_month,
              allowance_period_end = date_trunc('month', now()) + interval '1 month' as ends_next_month
       from public.credit_ledger l join public.credit_accounts a using (user_id) where user_id = $1`,
      [user.id],
    );
    expect(rows).toEqual([
      {
        kind: 'allowance_grant',
        bucket: 'allowance',
        amount: FREE_ALLOWANCE,
        balance_after: FREE_ALLOWANCE,
        idempotency_key: expect.stringMatching(new RegExp(`^allowance:${user.id}:\\d{4}-\\d{2}-01$`)),
        starts_this_month: true,
        ends_next_month: true,
      },
    ]);
  });
});

describe('billing.price_call', () => {
  const model = `test-model-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // $2 / $8 / $0.50 per 1M tokens until Nov 1st 2026, then a price cut.
    await pool.query(
      `insert into public.model_pricing (provider, model, input_rate, output_rate, cached_input_rate, effective_from, effective_to)
       values ('openai', $1, 2000000, 8000000, 500000, '2026-01-01', '2026-11-01'),
              ('openai', $1, 1000000, 4000000, 250000, '2026-11-01', null)`,
      [model],
    );
  });

  it('charges ceil((in*in_rate + out*out_rate + cached*cached_rate) / 1e6) at the price effective at call time', async () => {
    // 1,234 * 2 + 567 * 8 + 100 * 0.5 = 2,468 + 4,536 + 50 = 7,054 credits.
    expect(await money.priceCall('openai', model, 1234, 567, 100, '2026-06-01T00:00:00Z')).toBe(7054);
    // After the cut: 1,234 + 2,268 + 25 = 3,527.
    expect(await money.priceCall('openai', model, 1234, 567, 100, '2026-11-15T00:00:00Z')).toBe(3527);
    // Fractions of a credit round up: one cached token costs 0.25 credits.
    expect(await money.priceCall('openai', model, 0, 0, 1, '2026-11-15T00:00:00Z')).toBe(1);
    expect(await money.priceCall('openai', model, 0, 0, 0)).toBe(0);
  });

  it('prices the seeded list prices (gpt-4o-mini: $0.15 in, $0.60 out per 1M)', async () => {
    expect(await money.priceCall('openai', 'gpt-4o-mini', 1_000_000, 1_000_000, 0)).toBe(750_000);
  });

  it('refuses models without an effective price (PT404) and negative token counts (22023)', async () => {
    expect(await sqlState(money.priceCall('openai', 'no-such-model', 1, 1, 0))).toBe('PT404');
    expect(await sqlState(money.priceCall('openai', model, 1, 1, 0, '2025-06-01T00:00:00Z'))).toBe('PT404');
    expect(await sqlState(money.priceCall('openai', model, -1, 1, 0))).toBe('22023');
  });

  it('refuses overlapping effective periods for one model', async () => {
    const insert = pool.query(
      `insert into public.model_pricing (provider, model, input_rate, output_rate, cached_input_rate, effective_from)
       values ('openai', $1, 1, 1, 1, '2026-12-01')`,
      [model],
    );
    expect(await sqlState(insert)).toBe('23P01');
  });
});

describe('reserve and settle', () => {
  it('charges the exact cost from the allowance first, then purchased credits, and releases the rest', async () => {
    const user = await createUser(pool, 'settle');
    await money.addPurchased(user.id, 5_000_000, rid('purchase'));
    const request = rid('req');

    const reservation = await money.reserve(user.id, 1_500_000, request);
    expect(reservation).toMatchObject({ amount: 1_500_000, status: 'active' });
    expect(await money.balance(user.id)).toMatchObject({ reserved_balance: 1_500_000, available: 4_500_000 });

    const settlement = await money.settle(request, 1_200_000, { provider: 'openai', model: 'gpt-4o' });
    expect(settlement).toMatchObject({
      status: 'settled',
      reserved: 1_500_000,
      charged: 1_200_000,
      charged_allowance: FREE_ALLOWANCE,
      charged_purchased: 200_000,
      shortfall: 0,
      allowance_balance: 0,
      purchased_balance: 4_800_000,
    });
    expect(await money.balance(user.id)).toMatchObject({ reserved_balance: 0, available: 4_800_000 });

    const { rows } = await pool.query(
      `select bucket, amount::int, balance_after::int, idempotency_key, request_id, source ->> 'model' as model
       from public.credit_ledger where request_id = $1 order by bucket`,
      [request],
    );
    expect(rows).toEqual([
      {
        bucket: 'allowance',
        amount: -FREE_ALLOWANCE,
        balance_after: 0,
        idempotency_key: `usage:${request}:allowance`,
        request_id: request,
        model: 'gpt-4o',
      },
      {
        bucket: 'purchased',
        amount: -200_000,
        balance_after: 4_800_000,
        idempotency_key: `usage:${request}:purchased`,
        request_id: request,
        model: 'gpt-4o',
      },
    ]);
    await expectBalanced(user.id);
  });

  it('is idempotent by request id: settling again returns the first result and charges nothing more', async () => {
    const user = await createUser(pool, 'settle-twice');
    const request = rid('req');
    await money.reserve(user.id, 100_000, request);
    const first = await money.settle(request, 40_000);
    const second = await money.settle(request, 90_000);
    expect(second).toEqual(first);
    expect((await money.balance(user.id)).allowance_balance).toBe(FREE_ALLOWANCE - 40_000);
    await expectBalanced(user.id);
  });

  it('reserving twice with one request id returns the same reservation', async () => {
    const user = await createUser(pool, 'reserve-twice');
    const request = rid('req');
    const first = await money.reserve(user.id, 100_000, request);
    const second = await money.reserve(user.id, 700_000, request);
    expect(second.id).toBe(first.id);
    expect((await money.balance(user.id)).reserved_balance).toBe(100_000);
  });

  it('never charges more than was reserved; the excess is recorded as shortfall', async () => {
    const user = await createUser(pool, 'overrun');
    const request = rid('req');
    await money.reserve(user.id, 50_000, request);
    const settlement = await money.settle(request, 80_000);
    expect(settlement).toMatchObject({ charged: 50_000, shortfall: 30_000 });
    expect((await money.balance(user.id)).allowance_balance).toBe(FREE_ALLOWANCE - 50_000);
    await expectBalanced(user.id);
  });

  it('refuses with PT402 INSUFFICIENT_CREDITS when available credits do not cover the reservation', async () => {
    const user = await createUser(pool, 'broke');
    await money.reserve(user.id, 600_000, rid('req'));
    const error = await money.reserve(user.id, 400_001, rid('req')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PT402', message: 'INSUFFICIENT_CREDITS' });
    expect(JSON.parse((error as { detail: string }).detail)).toEqual({
      available: 400_000,
      required: 400_001,
    });
    await money.reserve(user.id, 400_000, rid('req'));
    expect((await money.balance(user.id)).available).toBe(0);
  });

  it('a zero-cost settlement writes no ledger row', async () => {
    const user = await createUser(pool, 'free-call');
    const request = rid('req');
    await money.reserve(user.id, 10_000, request);
    expect(await money.settle(request, 0)).toMatchObject({ charged: 0 });
    const { rows } = await pool.query(
      'select count(*)::int as n from public.credit_ledger where request_id = $1',
      [request],
    );
    expect(rows[0].n).toBe(0);
  });

  it('validates its arguments and unknown request ids', async () => {
    const user = await createUser(pool, 'args');
    expect(await sqlState(money.reserve(user.id, 0, rid('req')))).toBe('22023');
    expect(await sqlState(money.reserve(user.id, 10, ''))).toBe('22023');
    expect(await sqlState(money.reserve(user.id, 10, rid('req'), '0 seconds'))).toBe('22023');
    expect(await sqlState(money.reserve(randomUUID(), 10, rid('req')))).toBe('PT404');
    expect(await sqlState(money.settle(rid('missing'), 10))).toBe('PT404');
    expect(await sqlState(money.release(rid('missing')))).toBe('PT404');
    const request = rid('req');
    await money.reserve(user.id, 10, request);
    expect(await sqlState(money.settle(request, -1))).toBe('22023');
  });

  it('refuses a request id already used by another account', async () => {
    const [a, b] = [await createUser(pool, 'owner'), await createUser(pool, 'thief')];
    const request = rid('req');
    await money.reserve(a.id, 10, request);
    expect(await sqlState(money.reserve(b.id, 10, request))).toBe('PT409');
  });
});

describe('release and expiry', () => {
  it('release frees the hold and charges nothing; settling a released reservation is refused', async () => {
    const user = await createUser(pool, 'release');
    const request = rid('req');
    await money.reserve(user.id, 300_000, request);
    expect(await money.release(request)).toMatchObject({ status: 'released' });
    expect(await money.release(request)).toMatchObject({ status: 'released' });
    expect(await money.balance(user.id)).toMatchObject({ reserved_balance: 0, available: FREE_ALLOWANCE });
    expect(await sqlState(money.settle(request, 1000))).toBe('PT409');
    await expectBalanced(user.id);
  });

  it('the sweeper expires stale reservations; a late settlement still charges, bounded by the balance', async () => {
    const user = await createUser(pool, 'expire');
    const stale = rid('stale');
    const fresh = rid('fresh');
    await money.reserve(user.id, 200_000, stale, '1 millisecond');
    await money.reserve(user.id, 300_000, fresh);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(await money.expire()).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query(
      'select request_id, status from public.credit_reservations where user_id = $1 order by amount',
      [user.id],
    );
    expect(rows).toEqual([
      { request_id: stale, status: 'expired' },
      { request_id: fresh, status: 'active' },
    ]);
    expect((await money.balance(user.id)).reserved_balance).toBe(300_000);

    expect(await money.settle(stale, 150_000)).toMatchObject({ charged: 150_000, status: 'settled' });
    expect((await money.balance(user.id)).reserved_balance).toBe(300_000);
    await expectBalanced(user.id);
  });
});

describe('allowance periods', () => {
  it('a new grant lapses what is left of the previous allowance, in the ledger', async () => {
    const user = await createUser(pool, 'renew');
    const request = rid('req');
    await money.reserve(user.id, 250_000, request);
    await money.settle(request, 250_000);

    const key = rid('allowance');
    const grant = await money.grantAllowance(
      user.id,
      20_000_000,
      '2099-01-01T00:00:00Z',
      '2099-02-01T00:00:00Z',
      key,
    );
    expect(grant).toMatchObject({ kind: 'allowance_grant', amount: 20_000_000, balance_after: 20_000_000 });
    const { rows } = await pool.query(
      `select kind, amount::int, balance_after::int from public.credit_ledger where idempotency_key = $1`,
      [`${key}:expiry`],
    );
    expect(rows).toEqual([{ kind: 'allowance_expiry', amount: -750_000, balance_after: 0 }]);

    // Same key again: the first result, nothing changes.
    expect(
      await money.grantAllowance(user.id, 5, '2099-03-01T00:00:00Z', '2099-04-01T00:00:00Z', key),
    ).toEqual(grant);
    // A late event for an older period cannot replace the current allowance.
    expect(
      await sqlState(
        money.grantAllowance(user.id, 5, '2098-01-01T00:00:00Z', '2098-02-01T00:00:00Z', rid('old')),
      ),
    ).toBe('PT409');
    expect(await money.balance(user.id)).toMatchObject({ purchased_balance: 0 });
    await expectBalanced(user.id);
  });

  it('an allowance whose period has ended is not spendable', async () => {
    const user = await createUser(pool, 'lapsed');
    // Put the account in a period that ended yesterday, as if the monthly job had not run yet.
    await pool.query(
      `update public.credit_accounts
       set allowance_period_start = now() - interval '1 month', allowance_period_end = now() - interval '1 day'
       where user_id = $1`,
      [user.id],
    );
    expect(await money.balance(user.id)).toMatchObject({ allowance_balance: 0, available: 0 });
    expect(await sqlState(money.reserve(user.id, 1, rid('req')))).toBe('PT402');
  });
});

describe('purchased credits', () => {
  it('adding is idempotent by key', async () => {
    const user = await createUser(pool, 'pack');
    const key = rid('checkout');
    const first = await money.addPurchased(user.id, 10_000_000, key, { payment_intent: 'pi_123' });
    const again = await money.addPurchased(user.id, 10_000_000, key, { payment_intent: 'pi_123' });
    expect(again).toEqual(first);
    expect((await money.balance(user.id)).purchased_balance).toBe(10_000_000);
    expect(await sqlState(money.addPurchased(user.id, 0, rid('zero')))).toBe('22023');
    await expectBalanced(user.id);
  });

  it('a claw-back takes what is left, records the shortfall and never goes below zero', async () => {
    const user = await createUser(pool, 'refund');
    await money.addPurchased(user.id, 10_000_000, rid('checkout'));
    // Spend 9.5M of it (the 1M allowance goes first).
    const request = rid('req');
    await money.reserve(user.id, 10_500_000, request);
    await money.settle(request, 10_500_000);

    const key = rid('refund');
    const row = await money.clawBack(user.id, 10_000_000, key, { charge: 'ch_1' });
    expect(row).toMatchObject({ kind: 'clawback', amount: -500_000, balance_after: 0 });
    expect(row.source).toMatchObject({ charge: 'ch_1', requested: 10_000_000, shortfall: 9_500_000 });
    expect(await money.clawBack(user.id, 10_000_000, key)).toEqual(row);
    expect((await money.balance(user.id)).purchased_balance).toBe(0);
    await expectBalanced(user.id);
  });

  it('frozen purchased credits stay on the books but cannot be reserved', async () => {
    const user = await createUser(pool, 'dispute');
    await money.addPurchased(user.id, 5_000_000, rid('checkout'));
    expect(await money.setFrozen(user.id, true, 'dispute dp_1')).toMatchObject({
      frozen: true,
      purchased_balance: 5_000_000,
      available: FREE_ALLOWANCE,
    });
    expect(await sqlState(money.reserve(user.id, FREE_ALLOWANCE + 1, rid('req')))).toBe('PT402');
    expect(await money.setFrozen(user.id, false)).toMatchObject({ frozen: false, available: 6_000_000 });
    await money.reserve(user.id, FREE_ALLOWANCE + 1, rid('req'));
  });
});

describe('who may move money', () => {
  it('anon and authenticated cannot execute any billing function; service_role can', async () => {
    const user = await createUser(pool, 'attacker');
    for (const role of ['anon', 'authenticated'] as const) {
      const attempts = [
        `select billing.add_purchased_credits('${user.id}', 1000000000, 'mint-${role}')`,
        `select billing.grant_allowance('${user.id}', 1000000000, now(), now() + interval '1 month', 'mint-${role}')`,
        `select billing.get_balance('${user.id}')`,
        `select billing.expire_reservations()`,
      ];
      for (const sql of attempts) {
        expect(await sqlState(asRole(pool, role, user.id, (client) => client.query(sql)))).toBe('42501');
      }
    }
    expect((await money.balance(user.id)).purchased_balance).toBe(0);
  });

  it('nobody, not even the service role, writes balances or the ledger directly', async () => {
    const user = await createUser(pool, 'direct');
    for (const role of ['authenticated', 'service_role'] as const) {
      const attempts = [
        `update public.credit_accounts set purchased_balance = 999999999 where user_id = '${user.id}'`,
        `insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key) values ('${user.id}', 'purchase', 'purchased', 5, 5, 'forged-${role}')`,
        `delete from public.credit_ledger where user_id = '${user.id}'`,
        `insert into public.credit_reservations (user_id, request_id, amount, expires_at) values ('${user.id}', 'forged-${role}', 5, now())`,
      ];
      for (const sql of attempts) {
        expect(await sqlState(asRole(pool, role, user.id, (client) => client.query(sql)))).toBe('42501');
      }
    }
  });

  it('the ledger is append-only even for the table owner', async () => {
    const user = await createUser(pool, 'owner');
    expect(
      await sqlState(pool.query('update public.credit_ledger set amount = 1 where user_id = $1', [user.id])),
    ).toBe('42501');
    expect(await sqlState(pool.query('delete from public.credit_ledger where user_id = $1', [user.id]))).toBe(
      '42501',
    );
    expect(await sqlState(pool.query('truncate public.credit_ledger'))).toBe('42501');
  });
});
