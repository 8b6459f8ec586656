/**
 * The auth journey in a real browser against the local Auth API (cross-origin, so CORS and the
 * exposed headers are exercised): sign up, sign out, sign in, and reset a forgotten password
 * through the link in the dev outbox.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../dev/outbox';
import { launchBrowser, openPage } from './browser';

async function signUp(page: Page, email: string, password: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/dashboard');
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /account menu/i }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
}

async function recoveryLink(email: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const mail = (await readOutbox(process.env.LOCAL_OUTBOX_DIR!)).filter(
      (sent) => sent.to === email && sent.kind === 'recovery',
    );
    if (mail.at(-1)?.link) return mail.at(-1)!.link!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no recovery email for ${email}`);
}

describe('auth journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    // Vite compiles modules on first request; on a busy machine that alone can outlast a test's
    // navigation timeout, so the auth pages are compiled once here, with time to spare.
    const { page } = await openPage(browser);
    for (const path of ['/sign-up', '/sign-in', '/forgot-password', '/reset-password']) {
      await page.goto(path, { timeout: 100_000 });
      await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 });
    }
    await page.context().close();
  }, 300_000);
  afterAll(() => browser?.close());

  it('signs up, signs out and signs back in', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = `e2e-${randomUUID().slice(0, 8)}@example.test`;
    await signUp(page, email, 'first password');
    // The header may show only the avatar at this width; the account menu names the user.
    await page.getByRole('button', { name: /account menu/i }).click();
    await expect(page.getByText(`Signed in as ${email}`).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');

    await signOut(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/do not match/);

    await page.getByLabel('Password').fill('first password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/dashboard');
    expect(pageErrors).toEqual([]);
  });

  it('resets a forgotten password through the emailed link', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = `e2e-reset-${randomUUID().slice(0, 8)}@example.test`;
    await signUp(page, email, 'forgotten password');
    await signOut(page);

    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('status').waitFor();

    await page.goto(await recoveryLink(email));
    await page.waitForURL('**/reset-password**');
    await page.getByLabel(/^New password/).fill('remembered password');
    await page.getByLabel(/^Repeat the new password/).fill('remembered password');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForURL('**/dashboard');

    await signOut(page);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('remembered password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/dashboard');
    expect(pageErrors).toEqual([]);
  });
});
