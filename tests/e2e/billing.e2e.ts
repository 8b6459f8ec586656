/**
 * The billing journey in a real browser: pricing → billing → Stripe Checkout (the local stand-in's
 * hosted page) → "Pay" → the signed webhook reaches the function → the billing page shows the
 * plan; then a token pack, and the ledger lists both.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';

describe('billing journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    // Compile the pages once, with time to spare (Vite compiles on first request).
    const { page } = await openPage(browser);
    for (const path of ['/pricing', '/sign-up']) {
      await page.goto(path, { timeout: 200_000, waitUntil: 'commit' });
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 200_000 });
    }
    await page.context().close();
  }, 500_000);
  afterAll(() => browser?.close());

  it('subscribes to Pro and buys a token pack through Stripe Checkout', async () => {
    const { page, pageErrors } = await openPage(browser);
    await page.goto('/pricing');
    await page.getByRole('heading', { name: 'Pro', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Start with Pro' }).click();

    await page.waitForURL('**/sign-up**');
    await page.getByLabel('Name').fill('Grace Hopper');
    await page.getByLabel('Email').fill(`e2e-billing-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/billing', { timeout: 60_000 });
    await page.getByRole('heading', { name: /Free plan/ }).waitFor({ timeout: 60_000 });

    await page.getByRole('button', { name: 'Subscribe to Pro' }).click();
    await page.waitForURL('**/checkout/cs_test_*', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL('**/billing?checkout=success**', { timeout: 120_000 });
    await page.getByRole('heading', { name: /Pro plan/ }).waitFor({ timeout: 90_000 });
    await expect(page.getByText('Payment received').isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: /Buy 10M/ }).click();
    await page.waitForURL('**/checkout/cs_test_*', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL('**/billing?checkout=success**', { timeout: 120_000 });
    await page.getByRole('cell', { name: 'Token pack' }).waitFor({ timeout: 90_000 });
    await expect(page.getByRole('cell', { name: 'Monthly allowance' }).first().isVisible()).resolves.toBe(
      true,
    );
    await page.screenshot({ path: '.local/e2e-billing.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
