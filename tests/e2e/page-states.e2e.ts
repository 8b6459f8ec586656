/**
 * axe on every page state (issue 18): each route signed out and signed in, empty and with data,
 * its error and not-found states, open popovers, the chat with a markdown answer, and the phone
 * layouts (390×844). The journeys check the states they pass through; this file is the list that
 * makes "every" true. Each group collects the violations of all its states and asserts once, so a
 * failure names every state that has one, not just the first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { appUrl, launchBrowser } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const missingId = '00000000-0000-4000-8000-000000000000';

/** Every state checked in this file, so the count can be asserted (issue 18 lists 44). */
const checked: string[] = [];

async function openPage(browser: Browser, viewport = desktop) {
  // bypassCSP: the app's CSP (rightly) refuses the inline script that injects axe.
  const context = await browser.newContext({ baseURL: appUrl(), viewport, bypassCSP: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

/** Waits until the page shows something and nothing is still loading (skeletons, spinners). */
async function settle(page: Page) {
  await page.waitForFunction(
    () =>
      Boolean(document.querySelector('main')?.textContent?.trim()) &&
      !document.querySelector('.skeleton, .page-spinner, [aria-busy="true"], .header-balance--loading'),
    undefined,
    { timeout: 90_000 },
  );
}

/** Collects violations per state; `expectClean` asserts them all at once. */
function collector() {
  const found: Record<string, string[]> = {};
  return {
    async check(page: Page, state: string) {
      checked.push(state);
      const violations = await axeViolations(page);
      if (violations.length) found[state] = violations;
    },
    async visit(page: Page, path: string, state: string) {
      await page.goto(path);
      await settle(page);
      await this.check(page, state);
    },
    expectClean() {
      expect(found).toEqual({});
    },
  };
}

describe('axe on every page state', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, [
      '/',
      '/pricing',
      '/sign-up',
      '/sign-in',
      '/marketplace',
      '/marketplace/ada-code-reviewer',
      '/faq',
      '/blog',
    ]);
  }, 600_000);
  afterAll(() => browser?.close());

  it('signed out: public pages, auth forms and their errors, not found', async () => {
    const { page, pageErrors } = await openPage(browser);
    const axe = collector();
    await axe.visit(page, '/', 'landing');
    await axe.visit(page, '/pricing', 'pricing');
    await axe.visit(page, '/marketplace', 'marketplace');
    await axe.visit(page, '/marketplace/ada-code-reviewer', 'employee page, signed out');
    await axe.visit(page, '/marketplace/no-such-employee', 'employee page, not found');
    await axe.visit(page, '/faq', 'help / FAQ');
    await axe.visit(page, '/contact', 'contact form');
    await axe.visit(page, '/blog', 'blog');
    await axe.visit(page, '/blog/no-such-post', 'blog post, not found');
    await axe.visit(page, '/no-such-page', '404 page');
    await axe.visit(page, '/forgot-password', 'forgot password');
    await axe.visit(page, '/reset-password', 'reset password without a link');

    await axe.visit(page, '/sign-in', 'sign in');
    await page.getByLabel('Email').fill('nobody@example.test');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await axe.check(page, 'sign in, wrong password');

    await axe.visit(page, '/sign-up', 'sign up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Enter your name.').waitFor();
    await axe.check(page, 'sign up, empty form submitted');
    await page.getByLabel('Password').fill('password1234');
    await page.getByRole('meter', { name: 'How hard to guess' }).waitFor();
    await axe.check(page, 'sign up, weak password');

    axe.expectClean();
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('signed out on a phone', async () => {
    const { page, pageErrors } = await openPage(browser, phone);
    const axe = collector();
    await axe.visit(page, '/', 'phone: landing');
    await page.getByRole('button', { name: 'Menu' }).click();
    await axe.check(page, 'phone: landing, menu open');
    await axe.visit(page, '/pricing', 'phone: pricing');
    await axe.visit(page, '/marketplace', 'phone: marketplace');
    await axe.visit(page, '/sign-up', 'phone: sign up');
    axe.expectClean();
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('signed in: a new account (empty states), popovers, missing records; then with data', async () => {
    const { page, pageErrors } = await openPage(browser);
    const axe = collector();
    const email = await signUpNewUser(page, 'axe');
    await settle(page);
    await axe.check(page, 'dashboard, new account');
    await axe.visit(page, '/workforce', 'workforce, no hires');
    await axe.visit(page, '/chat', 'chat, no hires');
    await axe.visit(page, '/team-runs', 'team runs, none');
    await axe.visit(page, '/workflows', 'workflows, none');
    await axe.visit(page, '/billing', 'billing, free plan');
    await axe.visit(page, '/settings', 'settings');
    await axe.visit(page, '/support', 'support, no tickets');
    await axe.visit(page, '/marketplace', 'marketplace, signed in');
    await axe.visit(page, `/chat/${missingId}`, 'chat, missing session');
    await axe.visit(page, `/team-runs/${missingId}`, 'team run, missing');
    await axe.visit(page, `/workflows/${missingId}`, 'workflow, missing');
    await axe.visit(page, `/support/tickets/${missingId}`, 'support ticket, missing');
    await axe.visit(page, '/admin', 'admin area, not an admin (404)');

    await page.goto('/dashboard');
    await settle(page);
    await page.getByRole('button', { name: /available: balance details$/ }).click();
    await page.getByText('Held for answers in progress').waitFor();
    await axe.check(page, 'header balance popover');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('region', { name: 'Notifications' }).waitFor();
    await axe.check(page, 'notifications open');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByText('Signed in as').waitFor();
    await axe.check(page, 'account menu open');
    await page.keyboard.press('Escape');

    // With data: a hire, a chat with a markdown answer (code, table, task list), a ledger.
    await page.goto('/marketplace/ada-code-reviewer');
    await page.getByRole('button', { name: 'Hire Ada' }).click();
    await page.getByRole('link', { name: 'Ada is hired: view your workforce' }).waitFor();
    await axe.check(page, 'employee page, hired');
    await axe.visit(page, '/workforce', 'workforce, one hire');
    await axe.visit(page, '/chat', 'chat, new chat card');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill(
      [
        '## Plan',
        '',
        '- [x] Write the migration',
        '- [ ] Tell the team',
        '',
        '| Step | Owner |',
        '| --- | --- |',
        '| Review | Ada |',
        '',
        '> A quote, with `inline code` and a [link](https://example.com).',
        '',
        '```ts',
        'const answer: number = 42; // the answer',
        '```',
        '',
        '[[llm:echo]]',
      ].join('\n'),
    );
    await box.press('Enter');
    await page.waitForURL('**/chat/*');
    await page.getByRole('checkbox', { name: 'Write the migration, done' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30_000 });
    await page.locator('.hljs-keyword').first().waitFor({ timeout: 30_000 });
    await axe.check(page, 'chat with a markdown answer');
    const chatUrl = page.url();

    await axe.visit(page, '/dashboard', 'dashboard, with activity');
    await axe.visit(page, '/billing', 'billing, with ledger rows');

    // Phone, signed in.
    const cookies = await page.context().storageState();
    const mobile = await browser.newContext({
      baseURL: appUrl(),
      viewport: phone,
      storageState: cookies,
      bypassCSP: true,
    });
    const phonePage = await mobile.newPage();
    phonePage.on('pageerror', (error) => pageErrors.push(error.message));
    await axe.visit(phonePage, '/dashboard', 'phone: dashboard');
    await axe.visit(phonePage, '/billing', 'phone: billing with ledger');
    await axe.visit(phonePage, new URL(chatUrl).pathname, 'phone: chat with a markdown answer');
    await phonePage.getByRole('button', { name: 'Chats' }).click();
    await phonePage.getByRole('navigation', { name: 'Your chats' }).waitFor();
    await axe.check(phonePage, 'phone: chat drawer open');
    await mobile.close();

    // Staff pages, once this account is made an admin.
    await asSuperuser((client) =>
      client.query(
        `update public.profiles set role = 'admin' where id = (select id from auth.users where email = $1)`,
        [email],
      ),
    );
    await axe.visit(page, '/admin', 'admin overview');
    await axe.visit(page, '/admin/users', 'admin users');
    await axe.visit(page, '/admin/revenue', 'admin revenue');

    axe.expectClean();
    expect(pageErrors).toEqual([]);
  }, 480_000);

  it('covers at least the 44 page states of issue 18', () => {
    expect(new Set(checked).size).toBeGreaterThanOrEqual(44);
  });
});
