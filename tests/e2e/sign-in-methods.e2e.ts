/**
 * The other ways in, in a real browser: "Continue with GitHub" through the local GitHub stand-in
 * (pick an identity, come back signed in), and a one-time sign-in link read from the dev outbox.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../dev/outbox';
import { launchBrowser, openPage } from './browser';
import { compilePages, uniqueEmail } from './journeys';

async function latestLink(email: string, kind: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const mail = (await readOutbox(process.env.LOCAL_OUTBOX_DIR!)).filter(
      (sent) => sent.to === email && sent.kind === kind,
    );
    if (mail.at(-1)?.link) return mail.at(-1)!.link!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${kind} email for ${email}`);
}

describe('sign-in methods', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-in', '/sign-up', '/dashboard']);
  }, 400_000);
  afterAll(() => browser?.close());

  it('signs in with GitHub through the stand-in and lands on the dashboard', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = uniqueEmail('github');
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Continue with GitHub' }).click();

    await page.getByRole('heading', { name: 'Sign in with GitHub' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
    await page.getByLabel('Username').fill('ghopper');
    await page.getByRole('button', { name: 'Authorize' }).click();

    await page.waitForURL('**/dashboard', { timeout: 60_000 });
    await page.getByRole('button', { name: /account menu/i }).click();
    await expect(page.getByText(`Signed in as ${email}`).isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('signs up and in with a one-time link from the outbox', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = uniqueEmail('magic');
    await page.goto('/sign-up');
    await page.getByLabel('Address for a one-time sign-in link').fill(email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain(email);

    await page.goto(await latestLink(email, 'magiclink'));
    await page.waitForURL('**/dashboard', { timeout: 60_000 });
    await page.getByRole('button', { name: /account menu/i }).click();
    await expect(page.getByText(`Signed in as ${email}`).isVisible()).resolves.toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
