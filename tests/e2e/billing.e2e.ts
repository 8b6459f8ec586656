/**
 * The billing journey in a real browser: pricing → billing → Stripe Checkout (the local stand-in's
 * hosted page) → "Pay" → the signed webhook reaches the function → the billing page shows the
 * plan; then a token pack, and the ledger lists both.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from './axe';
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
    // Before checkout: the plan's allowance replaces what is left of the free one.
    await page.getByText(/in place of what is left of your free allowance/).waitFor();
    await expectNoViolations(page, 'billing, free plan');

    await page.getByRole('button', { name: 'Subscribe to Pro' }).click();
    await page.waitForURL('**/checkout/cs_test_*', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL('**/billing?checkout=success**', { timeout: 120_000 });
    // Until the webhook lands the page says it is activating, with nothing to buy; then the plan.
    const activating = page.getByText(/^Activating your plan…/);
    const active = page.getByText(/your new plan is active/);
    await activating.or(active).first().waitFor({ timeout: 30_000 });
    if (await activating.isVisible()) {
      expect(await page.getByRole('button', { name: /Buy 10M/ }).isDisabled()).toBe(true);
      await expectNoViolations(page, 'billing, activating the plan');
    }
    await page.getByRole('heading', { name: /Pro plan/ }).waitFor({ timeout: 90_000 });
    await active.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: /Buy 10M/ }).isDisabled()).toBe(false);
    await expectNoViolations(page, 'billing, plan active');

    await page.getByRole('button', { name: /Buy 10M/ }).click();
    await page.waitForURL('**/checkout/cs_test_*', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Pay' }).click();
    await page.waitForURL('**/billing?checkout=success**', { timeout: 120_000 });
    await page.getByRole('cell', { name: 'Token pack' }).waitFor({ timeout: 90_000 });
    await page.getByText(/your credits are in/).waitFor({ timeout: 30_000 });
    await expectNoViolations(page, 'billing with ledger');
    await expect(page.getByRole('cell', { name: 'Monthly allowance' }).first().isVisible()).resolves.toBe(
      true,
    );
    await page.screenshot({ path: '.local/e2e-billing.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 600_000);
});
