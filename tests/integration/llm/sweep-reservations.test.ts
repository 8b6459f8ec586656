/** The scheduled sweeper frees holds whose call never settled, and only those. */
import { afterAll, expect, it } from 'vitest';
import sweep, { config } from '../../../netlify/functions/sweep-reservations.mjs';
import { available, newCaller, testDb } from './harness';

afterAll(async () => {
  await testDb().end();
});

it('expires stale reservations every five minutes and returns their credits', async () => {
  expect(config.schedule).toBe('*/5 * * * *');
  const caller = await newCaller({ allowance: 10_000 });
  const stale = `stale-${crypto.randomUUID()}`;
  const live = `live-${crypto.randomUUID()}`;
  await testDb().query(`select billing.reserve_credits($1, 3000, $2, interval '1 millisecond')`, [
    caller.id,
    stale,
  ]);
  await testDb().query(`select billing.reserve_credits($1, 2000, $2, interval '10 minutes')`, [
    caller.id,
    live,
  ]);
  expect(await available(caller.id)).toBe(5_000);
  await new Promise((resolve) => setTimeout(resolve, 20));

  expect((await sweep()).status).toBe(204);
  const { rows } = await testDb().query<{ request_id: string; status: string }>(
    'select request_id, status from public.credit_reservations where request_id = any($1) order by amount',
    [[stale, live]],
  );
  expect(rows).toEqual([
    { request_id: live, status: 'active' },
    { request_id: stale, status: 'expired' },
  ]);
  expect(await available(caller.id)).toBe(8_000);
});
