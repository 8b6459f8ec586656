/**
 * The admin console in a real browser: an admin (made with the production statement,
 * private.set_user_role) watches revenue while a customer, in another browser context, buys a
 * token pack through Stripe Checkout; replays a dead-lettered webhook from the queue; and grants
 * the customer credits, which the customer's own billing page then shows.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

const stat = (page: Page, label: string) =>
  page
    .locator('.stat', { has: page.locator('.stat__label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('.stat__value');
const dollars = (text: string | null) => Number((text ?? '').replace(/[$,]/g, ''));
const credits = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

describe('admin console journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/pricing']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('sees revenue after a purchase in another context, replays a dead letter, grants credits', async () => {
    const staff = await openPage(browser);
    const staffEmail = await signUpNewUser(staff.page, 'admin');
    await asSuperuser((db) => db.query(`select * from private.set_user_role($1, 'admin')`, [staffEmail]));

    await staff.page.goto('/admin/revenue');
    await staff.page.getByRole('heading', { name: 'Revenue', level: 1 }).waitFor({ timeout: 200_000 });
    await stat(staff.page, 'Token packs').waitFor({ timeout: 60_000 });
    const packsBefore = dollars(await stat(staff.page, 'Token packs').textContent());
    // Each figure says how it is computed.
    await staff.page.getByText('amount_total of checkout.session.completed events').waitFor();

    // The customer, elsewhere, buys the 10M pack.
    const customer = await openPage(browser);
    const customerEmail = await signUpNewUser(customer.page, 'customer', '/billing');
    await customer.page.getByRole('heading', { name: /Free plan/ }).waitFor({ timeout: 120_000 });
    await customer.page.getByRole('button', { name: /Buy 10M/ }).click();
    await customer.page.waitForURL('**/checkout/cs_test_*', { timeout: 120_000 });
    await customer.page.getByRole('button', { name: 'Pay' }).click();
    await customer.page.waitForURL('**/billing?checkout=success**', { timeout: 120_000 });
    await customer.page.getByRole('cell', { name: 'Token pack' }).waitFor({ timeout: 90_000 });

    const { cents } = await asSuperuser(async (db) => ({
      cents: Number(
        (await db.query(`select price_cents from public.token_packs where id = 'pack_10m'`)).rows[0]
          .price_cents,
      ),
    }));
    await staff.page.reload();
    await stat(staff.page, 'Token packs').waitFor({ timeout: 60_000 });
    expect(dollars(await stat(staff.page, 'Token packs').textContent())).toBeCloseTo(
      packsBefore + cents / 100,
      2,
    );

    // A dead letter: an event that failed its three deliveries.
    const eventId = `evt_e2e_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await asSuperuser(async (db) => {
      const event = {
        id: eventId,
        object: 'event',
        type: 'customer.created',
        created: Math.floor(Date.now() / 1000),
        data: { object: { id: 'cus_e2e', object: 'customer' } },
      };
      await db.query(
        `insert into public.stripe_events (id, type, status, attempts, last_error, payload, stripe_created_at)
         values ($1, 'customer.created', 'dead_lettered', 3, 'database timeout', $2, now())`,
        [eventId, event],
      );
      await db.query(
        `insert into public.failed_webhook_events (event_id, event_type, failure_count, last_error, payload)
         values ($1, 'customer.created', 3, 'database timeout', $2)`,
        [eventId, event],
      );
    });
    await staff.page.getByRole('link', { name: 'Webhooks' }).click();
    const letter = staff.page.getByRole('listitem', { name: `Dead letter ${eventId}` });
    await letter.waitFor({ timeout: 60_000 });
    await letter.getByText('database timeout').first().waitFor();
    await letter.getByRole('button', { name: 'Replay' }).click();
    await letter.waitFor({ state: 'detached', timeout: 60_000 });
    const replayed = await asSuperuser(async (db) => ({
      status: (await db.query('select status from public.stripe_events where id = $1', [eventId])).rows[0]
        .status,
      audit: (
        await db.query(
          `select count(*)::int as n from public.audit_logs where action = 'admin.webhook_replay' and target_id = $1`,
          [eventId],
        )
      ).rows[0].n,
    }));
    expect(replayed).toEqual({ status: 'ignored', audit: 1 });

    // Credits for the customer: found by email, granted with a reason.
    await staff.page.getByRole('link', { name: 'Users' }).click();
    await staff.page.getByLabel('Email contains').fill(customerEmail);
    await staff.page.getByRole('button', { name: 'Search' }).click();
    await staff.page.getByRole('link', { name: customerEmail }).click();
    await staff.page.getByRole('heading', { name: customerEmail }).waitFor({ timeout: 60_000 });
    const purchasedBefore = credits(await stat(staff.page, 'Purchased').textContent());
    await staff.page.getByLabel('Credits', { exact: true }).fill('5000000');
    await staff.page.getByLabel('Reason', { exact: true }).fill('Goodwill after the outage');
    await staff.page.getByRole('button', { name: 'Apply' }).click();
    await staff.page.getByRole('cell', { name: 'Goodwill after the outage' }).waitFor({ timeout: 60_000 });
    expect(credits(await stat(staff.page, 'Purchased').textContent())).toBe(purchasedBefore + 5_000_000);

    // The customer's billing page shows the new balance.
    await customer.page.goto('/billing');
    await stat(customer.page, 'Purchased credits').waitFor({ timeout: 60_000 });
    const shown = await stat(customer.page, 'Purchased credits').textContent();
    expect(shown).toMatch(/15/);

    // A member is not let into the console.
    await customer.page.goto('/admin');
    await customer.page
      .getByRole('heading', { name: 'We could not find that page' })
      .waitFor({ timeout: 60_000 });
    await staff.page.screenshot({ path: '.local/e2e-admin.png', fullPage: true });
    expect(staff.pageErrors).toEqual([]);
  }, 900_000);
});
