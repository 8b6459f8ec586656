/**
 * The marketplace and workforce journey in a real browser: browse and filter the marketplace
 * signed out, sign up from a hire button, hire two employees, see them on the workforce page,
 * upgrade a pinned version after an operator publishes a new one, and review an employee.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { compilePages, completeSignUp, publishEmployeeVersion, uniqueEmail } from './journeys';

describe('marketplace and workforce journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/marketplace', '/marketplace/theo-seo', '/sign-in', '/sign-up']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('browses signed out, signs up, hires two, upgrades a pinned version and writes a review', async () => {
    const { page, pageErrors } = await openPage(browser);

    // Signed out: search, then filter by category; the URL carries both.
    await page.goto('/marketplace');
    await page.getByRole('heading', { level: 1, name: /marketplace/i }).waitFor();
    await page.getByRole('region', { name: 'Results' }).getByRole('link').first().waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('SEO');
    await page.waitForURL('**/marketplace?q=SEO');
    await page.getByRole('heading', { name: 'Theo', exact: true }).waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('combobox', { name: 'Category' }).selectOption('marketing');
    await page.waitForURL(
      (url) => url.searchParams.get('category') === 'marketing' && !url.searchParams.has('q'),
    );
    // Iris is in marketing but not an SEO match: the filtered list, not the previous one.
    await page.getByRole('heading', { name: 'Iris', exact: true }).waitFor();
    const names = await page.getByRole('region', { name: 'Results' }).getByRole('heading').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Maya', 'Theo', 'Iris']));
    expect(names).not.toContain('Ada');

    // Hiring needs an account: the hire button leads to sign-in, and from there to sign-up,
    // back to the same filtered marketplace.
    await page.getByRole('link', { name: 'Sign in to hire Theo' }).click();
    await page.waitForURL('**/sign-in?next=**');
    await page.getByRole('link', { name: 'Create an account' }).click();
    await completeSignUp(page, { name: 'Grace Hopper', email: uniqueEmail('market') });
    await page.waitForURL(
      (url) => url.pathname === '/marketplace' && url.searchParams.get('category') === 'marketing',
    );

    for (const name of ['Theo', 'Maya']) {
      await page.getByRole('button', { name: `Hire ${name}` }).click();
      await page.getByRole('link', { name: `${name} is hired: view your workforce` }).waitFor();
    }

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workforce' }).click();
    await page.waitForURL('**/workforce');
    const theo = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Theo', exact: true }) });
    await theo.waitFor();
    await page.getByRole('heading', { name: 'Maya', exact: true }).waitFor();
    const pinned = Number(
      (
        await theo
          .getByText(/Version \d+/)
          .first()
          .textContent()
      )?.match(/Version (\d+)/)?.[1],
    );
    expect(pinned).toBeGreaterThan(0);

    // An operator publishes a new version; the hire stays pinned until the user upgrades.
    const changelog = `Keyword clusters come with search intent (${Date.now()}).`;
    const published = await publishEmployeeVersion('theo-seo', changelog);
    expect(published).toBe(pinned + 1);
    await page.reload();
    await theo.getByText(`Version ${published} available`).waitFor();
    await theo.getByRole('button', { name: `Review the upgrade of Theo to version ${published}` }).click();
    const dialog = page.getByRole('dialog', { name: `Upgrade Theo to version ${published}` });
    await dialog.getByText(changelog).waitFor();
    await dialog.getByRole('button', { name: `Upgrade to version ${published}` }).click();
    await dialog.waitFor({ state: 'hidden' });
    await theo.getByText(new RegExp(`Version ${published} \\(`)).waitFor();
    await expect(theo.getByText(`Version ${published} available`).count()).resolves.toBe(0);
    await page.reload();
    await theo.getByText(new RegExp(`Version ${published} \\(`)).waitFor();

    // Hired, so the profile offers a review.
    await theo.getByRole('link', { name: 'Theo' }).click();
    await page.waitForURL('**/marketplace/theo-seo');
    const form = page.getByRole('form', { name: 'Review Theo' });
    // The radio sits under its star; choose it from the keyboard, as the stars allow.
    const fourStars = form.getByRole('radio', { name: '4 stars, Very good' });
    await fourStars.focus();
    await page.keyboard.press('Space');
    await expect(fourStars.isChecked()).resolves.toBe(true);
    await form.getByLabel('Title').fill('Clear keyword plans');
    await form.getByLabel('Your review').fill('Turned a messy spreadsheet into a plan we could act on.');
    await form.getByRole('button', { name: 'Post review' }).click();
    await page.getByRole('heading', { name: 'You reviewed this employee' }).waitFor();
    await page.getByText('Turned a messy spreadsheet into a plan we could act on.').waitFor();

    await page.screenshot({ path: '.local/e2e-marketplace.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
