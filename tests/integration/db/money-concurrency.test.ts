// Concurrency of the money functions: many connections hitting one credit account at once must
// never overspend, never double-apply an idempotency key, and leave the ledger summing to the
// balances. Each call runs in its own transaction on its own connection, like parallel
// Netlify function invocations.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { billing, invariants } from './support/billing';
import { createPool, createUser } from './support/database';

const pool = createPool(24);
const money = billing(pool);
afterAll(() => pool.end());

const settledOrRejected = async <T>(promise: Promise<T>) => {
  try {
    return { ok: true as const, value: await promise };
  } catch (error) {
    return { ok: false as const, code: (error as { code?: string }).code };
  }
};

async function expectConsistent(userId: string) {
  const report = await invariants(pool, userId);
  expect(report.allowance_balance).toBeGreaterThanOrEqual(0);
  expect(report.purchased_balance).toBeGreaterThanOrEqual(0);
  expect(report.ledger_allowance).toBe(report.allowance_balance);
  expect(report.ledger_purchased).toBe(report.purchased_balance);
  expect(report.active_reserved).toBe(report.reserved_balance);
  return report;
}

describe('money functions under concurrency', () => {
  it('parallel reservations never hold more than the account has', async () => {
    const user = await createUser(pool, 'race-reserve');
    // 1,000,000 allowance + 500,000 purchased = 1,500,000 available: room for exactly 15 × 100,000.
    await money.addPurchased(user.id, 500_000, `pack-${randomUUID()}`);
    const results = await Promise.all(
      Array.from({ length: 60 }, () =>
        settledOrRejected(money.reserve(user.id, 100_000, `req-${randomUUID()}`)),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(15);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(Array(45).fill('PT402'));
    expect(await money.balance(user.id)).toMatchObject({ reserved_balance: 1_500_000, available: 0 });
    await expectConsistent(user.id);
  });

  it('interleaved reserve / settle / release / double-settle rounds never overspend', async () => {
    const user = await createUser(pool, 'race-mixed');
    await money.addPurchased(user.id, 2_000_000, `pack-${randomUUID()}`);
    const initial = 3_000_000;
    let charged = 0;

    // Each worker loops: reserve, then settle (sometimes twice, concurrently) or release.
    const worker = async (w: number) => {
      for (let round = 0; round < 8; round += 1) {
        const request = `req-${w}-${round}-${randomUUID()}`;
        const reserve = await settledOrRejected(money.reserve(user.id, 150_000, request));
        if (!reserve.ok) {
          expect(reserve.code).toBe('PT402');
          continue;
        }
        const cost = (w * 7919 + round * 104_729) % 180_000; // sometimes above the reservation
        if (round % 4 === 3) {
          await money.release(request);
          continue;
        }
        // Two settlements race; whichever commits first wins and the other returns its result.
        const [first, second] = await Promise.all([
          money.settle(request, cost),
          money.settle(request, cost + 1),
        ]);
        expect(second).toEqual(first);
        expect([Math.min(cost, 150_000), Math.min(cost + 1, 150_000)]).toContain(first.charged);
        charged += first.charged;
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));

    const report = await expectConsistent(user.id);
    expect(report.reserved_balance).toBe(0);
    expect(report.allowance_balance + report.purchased_balance).toBe(initial - charged);
  });

  it('claw-backs racing settlements never take a bucket below zero', async () => {
    const user = await createUser(pool, 'race-clawback');
    await money.addPurchased(user.id, 1_000_000, `pack-${randomUUID()}`);
    const requests = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const request = `req-${randomUUID()}`;
        await money.reserve(user.id, 200_000, request);
        return request;
      }),
    );
    const outcomes = await Promise.all([
      ...requests.map((request) => money.settle(request, 200_000)),
      ...Array.from({ length: 5 }, () => money.clawBack(user.id, 300_000, `refund-${randomUUID()}`)),
    ]);
    expect(outcomes).toHaveLength(15);
    const report = await expectConsistent(user.id);
    expect(report.purchased_balance).toBe(0);
    expect(report.reserved_balance).toBe(0);
    // Every settled charge and every claw-back is in the ledger; the rest is recorded as shortfall.
    const { rows } = await pool.query(
      `select coalesce(sum((source ->> 'shortfall')::bigint), 0)::int as clawback_shortfall from public.credit_ledger
       where user_id = $1 and kind = 'clawback'`,
      [user.id],
    );
    expect(rows[0].clawback_shortfall).toBeGreaterThan(0);
  });

  it('one idempotency key applied from many connections at once counts once', async () => {
    const user = await createUser(pool, 'race-idempotent');
    const key = `checkout-${randomUUID()}`;
    const rows = await Promise.all(
      Array.from({ length: 20 }, () => money.addPurchased(user.id, 27_000_000, key)),
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(1);
    expect((await money.balance(user.id)).purchased_balance).toBe(27_000_000);

    const allowanceKey = `allowance-${randomUUID()}`;
    const grants = await Promise.all(
      Array.from({ length: 10 }, () =>
        money.grantAllowance(
          user.id,
          20_000_000,
          '2099-01-01T00:00:00Z',
          '2099-02-01T00:00:00Z',
          allowanceKey,
        ),
      ),
    );
    expect(new Set(grants.map((row) => row.id)).size).toBe(1);
    await expectConsistent(user.id);
  });

  it('the sweeper racing settlements releases each hold exactly once', async () => {
    const user = await createUser(pool, 'race-sweeper');
    const requests = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const request = `req-${randomUUID()}`;
        await money.reserve(user.id, 50_000, request, '1 millisecond');
        return request;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([
      money.expire(),
      money.expire(),
      ...requests.map((request) => money.settle(request, 50_000)),
    ]);
    const report = await expectConsistent(user.id);
    expect(report.reserved_balance).toBe(0);
    expect(report.allowance_balance).toBe(1_000_000 - 10 * 50_000);
  });
});
