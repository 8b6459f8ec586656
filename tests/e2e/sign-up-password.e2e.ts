/**
 * Sign-up refuses common and weak passwords in the browser (zxcvbn, with the strength meter
 * saying why), and the local Auth refuses what is shorter than supabase/config.toml allows.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from './axe';
import { launchBrowser, openPage } from './browser';
import { compilePages, uniqueEmail } from './journeys';

describe('sign-up password strength', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('refuses a common password with the reason, then accepts a strong one', async () => {
    const { page, pageErrors } = await openPage(browser);
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('Ada Lovelace');
    const email = uniqueEmail('weakpw');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('password1234');
    await page.getByRole('meter', { name: 'How hard to guess' }).waitFor();
    await expectNoViolations(page, 'sign-up with a weak password typed');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText(/^Choose a stronger password/).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-up');
    await expectNoViolations(page, 'sign-up refusing a weak password');

    await page.getByLabel('Password').fill('lantern orbit velvet 42');
    await page
      .getByText('Very strong')
      .or(page.getByText('Strong', { exact: true }))
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-up'), { timeout: 60_000 });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the local Auth refuses a password shorter than config.toml allows', async () => {
    const response = await fetch(`${process.env.SUPABASE_URL}/auth/v1/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', apikey: process.env.SUPABASE_ANON_KEY ?? '' },
      body: JSON.stringify({ email: uniqueEmail('shortpw'), password: 'nine char' }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error_code: 'weak_password' });
  });
});
