/**
 * Live updates in a real browser, two tabs of one signed-in user: buying a token pack in one tab
 * (Stripe Checkout stand-in → signed webhook → ledger) updates the balance in the other without a
 * reload, and a notification the server creates shows in the header bell at once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

const purchasedCredits = (page: Page) =>
  page
    .locator('.stat', { has: page.getByText('Purchased credits', { exact: true }) })
    .locator('.stat__value');

describe('live updates across tabs', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/pricing', '/sign-up']);
  }, 500_000);
  afterAll(() => browser?.close());

  it('a pack bought in one tab shows in the other; a new notification appears in the bell', async () => {
    const { page: buyer, pageErrors } = await openPage(browser);
    const email = await signUpNewUser(buyer, 'live', '/billing');
    await buyer.waitForURL('**/billing', { timeout: 60_000 });

    // The second tab shares the first one's storage, so it is signed in as the same user.
    const watcher = await buyer.context().newPage();
    const watcherErrors: string[] = [];
    watcher.on('pageerror', (error) => watcherErrors.push(error.message));
    await watcher.goto('/dashboard', { timeout: 200_000 });
    await purchasedCredits(watcher).waitFor({ timeout: 120_000 });
    expect(await purchasedCredits(watcher).textContent()).toBe('0');
    await watcher.getByRole('button', { name: 'Notifications' }).waitFor();
    const loadsBefore = await watcher.evaluate(() => performance.getEntriesByType('navigation').length);

    await buyer.getByRole('button', { name: /Buy 10M/ }).click();
    await buyer.waitForURL('**/checkout/cs_test_*', { timeout: 120_000 });
    await buyer.getByRole('button', { name: 'Pay' }).click();
    await buyer.waitForURL('**/billing?checkout=success**', { timeout: 120_000 });

    // Well within the 10 s polling fallback of a view whose live connection is down.
    await watcher.waitForFunction(
      () =>
        [...document.querySelectorAll('.stat')].some(
          (stat) =>
            stat.querySelector('.stat__label')?.textContent === 'Purchased credits' &&
            stat.querySelector('.stat__value')?.textContent === '10M',
        ),
      undefined,
      { timeout: 8_000 },
    );
    expect(await watcher.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loadsBefore);

    await asSuperuser((db) =>
      db.query(
        `insert into public.notifications (user_id, kind, title, body)
         select id, 'billing', 'Your token pack is ready', '10,000,000 credits added' from auth.users where email = $1`,
        [email],
      ),
    );
    const bell = watcher.getByRole('button', { name: 'Notifications, 1 unread' });
    await bell.waitFor({ timeout: 8_000 });
    await bell.click();
    await watcher.getByText('Your token pack is ready').waitFor();
    await watcher.getByRole('button', { name: 'Mark “Your token pack is ready” as read' }).click();
    await watcher.getByRole('button', { name: 'Notifications', exact: true }).waitFor({ timeout: 8_000 });
    await buyer.getByRole('button', { name: 'Notifications', exact: true }).waitFor({ timeout: 8_000 });

    await watcher.screenshot({ path: '.local/e2e-live-updates.png' });
    expect(pageErrors).toEqual([]);
    expect(watcherErrors).toEqual([]);
  }, 600_000);
});
