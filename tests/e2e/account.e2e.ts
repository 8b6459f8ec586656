/**
 * The account journey in a real browser: change the display name and the AI defaults on
 * /settings and see a team run start from them, download the data export and open it, then
 * change the password (a wrong current one first), see this device and the events, delete the
 * account (a wrong password first) and be unable to sign in again.
 */
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

const PASSWORD = 'a long enough password';
const NEW_PASSWORD = 'another long password';

describe('account journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/settings', '/team-runs', '/sign-in']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('edits settings, exports the data, deletes the account and cannot sign in again', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = await signUpNewUser(page, 'account');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();

    // Profile.
    await page.getByLabel('Display name').fill('Grace Hopper');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile is saved.').waitFor();

    // AI defaults: streaming off, a team-run budget of our own.
    await page.getByLabel('Stream answers as they are written').uncheck();
    await page.getByLabel('Default team-run budget (credits)').fill('50000');
    await page.getByRole('button', { name: 'Save AI defaults' }).click();
    await page.getByText('Your AI defaults are saved.').waitFor();

    await page.reload();
    await expect(page.getByLabel('Display name').inputValue({ timeout: 30_000 })).resolves.toBe(
      'Grace Hopper',
    );
    await expect(page.getByLabel('Stream answers as they are written').isChecked()).resolves.toBe(false);

    // A new team run starts from the saved budget (a team needs a hire; an operator adds one).
    await asSuperuser((client) =>
      client.query(
        `insert into public.purchased_employees (user_id, employee_id)
         select u.id, e.id from auth.users u, public.ai_employees e where u.email = $1 and e.slug = 'ada-code-reviewer'`,
        [email],
      ),
    );
    await page.goto('/team-runs');
    await page.getByText('Default 50,000', { exact: false }).first().waitFor({ timeout: 30_000 });
    await expect(page.locator('input[name=budget]').getAttribute('placeholder')).resolves.toBe('50000');

    // Export: the downloaded file is the account's data.
    await page.goto('/settings');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export my data' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^account-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
      export: { account: { email: string } };
      user_profiles: Array<{ display_name: string }>;
      user_settings: Array<{ streaming: boolean; default_run_budget_credits: number }>;
    };
    expect(exported.export.account.email).toBe(email);
    expect(exported.user_profiles[0]?.display_name).toBe('Grace Hopper');
    expect(exported.user_settings[0]).toMatchObject({ streaming: false, default_run_budget_credits: 50000 });

    // The export is now among the recent security events.
    await page.reload();
    await page.getByText('Data export downloaded').waitFor({ timeout: 30_000 });
    // This browser is listed among the signed-in devices, and its sign-in among the events.
    const devices = page.getByRole('list', { name: 'Signed-in devices' });
    await devices.getByText('This device').waitFor();
    await page.locator('.settings-events').getByText('Signed in').first().waitFor();

    // Password: the current one is required; a wrong one changes nothing.
    const passwordCard = page.locator('section', { has: page.getByRole('heading', { name: 'Password' }) });
    await passwordCard.getByLabel('Current password').fill('not my password');
    await passwordCard.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await passwordCard.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    await passwordCard.getByRole('button', { name: 'Change password' }).click();
    await passwordCard.getByText('That is not your current password. Nothing was changed.').waitFor();
    await passwordCard.getByLabel('Current password').fill(PASSWORD);
    await passwordCard.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.', { exact: false }).waitFor();
    await page.reload();
    await page.locator('.settings-events').getByText('Password changed').waitFor({ timeout: 30_000 });

    // Delete: a wrong password is refused and the session stays.
    await page.getByRole('button', { name: 'Delete account…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Current password').fill('not my password');
    await dialog.getByLabel('Type DELETE to confirm').fill('DELETE');
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await dialog.getByText('That password is not correct.').waitFor();
    await dialog.getByLabel('Current password').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();

    const remaining = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from auth.users where email = $1',
        [email],
      );
      return rows[0]?.n;
    });
    expect(remaining).toBe(0);

    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
