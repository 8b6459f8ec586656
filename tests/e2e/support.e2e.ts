/**
 * Support, help centre, blog and contact in a real browser: a customer opens a billing ticket; a
 * staff member, signed in in a second browser context, finds it in the queue, sees the customer's
 * plan and replies; the reply arrives on the customer's open page, with the in-app notification
 * and the email (delivered by the scheduled sender into the local outbox). Then a visitor searches
 * the FAQ, reads a blog post and sends the contact form.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

describe('support journey', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/faq', '/blog', '/contact']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('a ticket is opened, answered by staff in another browser, and the reply reaches the customer', async () => {
    const customer = await openPage(browser);
    const email = await signUpNewUser(customer.page, 'support', '/support');
    await customer.page.getByRole('heading', { name: 'Support', level: 1 }).waitFor({ timeout: 120_000 });
    await customer.page.getByLabel('Subject').fill('Charged twice this month');
    await customer.page.getByLabel('Category').selectOption('billing');
    await customer.page.getByRole('textbox', { name: 'Message' }).fill('I see **two** charges for November.');
    await customer.page.getByRole('button', { name: 'Open ticket' }).click();
    await customer.page.waitForURL('**/support/tickets/*', { timeout: 60_000 });
    await customer.page
      .getByRole('heading', { name: 'Charged twice this month' })
      .waitFor({ timeout: 60_000 });
    // The customer's markdown is rendered (bold), not shown as asterisks.
    await customer.page.locator('.ticket-message strong', { hasText: 'two' }).waitFor();
    const ticketId = customer.page.url().split('/').at(-1) ?? '';

    // Staff: a second, separate browser context signed in as an admin.
    const staff = await openPage(browser);
    const staffEmail = await signUpNewUser(staff.page, 'staff');
    await asSuperuser((db) =>
      db.query(
        `update public.profiles set role = 'admin' where id = (select id from auth.users where email = $1)`,
        [staffEmail],
      ),
    );
    await staff.page.goto('/admin/support');
    await staff.page.getByRole('heading', { name: 'Support queue' }).waitFor({ timeout: 120_000 });
    await staff.page.getByRole('link', { name: 'Charged twice this month' }).click();
    await staff.page.getByRole('heading', { name: 'Customer billing' }).waitFor({ timeout: 60_000 });
    await staff.page.getByText(email).waitFor();
    await staff.page.getByLabel('Staff reply').fill('Sorry about that — the second charge is **refunded**.');
    await staff.page.getByRole('button', { name: 'Send reply' }).click();
    await staff.page.locator('.ticket-message--staff', { hasText: 'refunded' }).waitFor({ timeout: 60_000 });

    // The customer's open page picks the reply up without a reload.
    await customer.page
      .locator('.ticket-message--staff strong', { hasText: 'refunded' })
      .waitFor({ timeout: 60_000 });
    await customer.page.getByText('Waiting on you').first().waitFor();

    // A member is not let into the staff pages.
    await customer.page.goto('/admin/support');
    await customer.page
      .getByRole('heading', { name: 'We could not find that page' })
      .waitFor({ timeout: 60_000 });

    const { notifications, emails } = await asSuperuser(async (db) => ({
      notifications: (
        await db.query(`select kind, link from public.notifications where link = $1`, [
          `/support/tickets/${ticketId}`,
        ])
      ).rows,
      emails: (
        await db.query(`select template from public.email_outbox where payload ->> 'ticketId' = $1`, [
          ticketId,
        ])
      ).rows,
    }));
    expect(notifications).toEqual([{ kind: 'support', link: `/support/tickets/${ticketId}` }]);
    expect(emails).toEqual([{ template: 'support_reply' }]);

    // The scheduled sender (every minute in the dev process) delivers it to the local outbox.
    const outboxDir = process.env.LOCAL_OUTBOX_DIR ?? '';
    const deadline = Date.now() + 150_000;
    let delivered: { to: string; subject: string } | undefined;
    while (!delivered && Date.now() < deadline) {
      for (const name of await readdir(outboxDir).catch(() => [] as string[])) {
        if (!name.includes('support_reply')) continue;
        const mail = JSON.parse(await readFile(path.join(outboxDir, name), 'utf8')) as {
          to: string;
          subject: string;
        };
        if (mail.to === email) delivered = mail;
      }
      if (!delivered) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(delivered?.subject).toBe('Re: Charged twice this month');

    expect(customer.pageErrors).toEqual([]);
    expect(staff.pageErrors).toEqual([]);
  }, 600_000);

  it('a visitor searches the help centre and follows a deep link to one answer', async () => {
    const { page, pageErrors } = await openPage(browser);
    await page.goto('/faq');
    await page.getByRole('heading', { name: 'Help centre' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Search the help centre').fill('unused credits');
    await page.getByText('1 answer for “unused credits”').waitFor();
    await expect(page.getByText('What is an AI employee?').isVisible()).resolves.toBe(false);
    await page.getByText('What happens to unused credits?').click();
    await page.getByText(/does not roll over/).waitFor();

    await page.goto('/faq#how-do-i-export-or-delete-my-data');
    await page.getByText(/download all your data as JSON/).waitFor({ timeout: 60_000 });
    expect(await page.locator('#how-do-i-export-or-delete-my-data').getAttribute('open')).not.toBeNull();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a visitor reads a blog post: anchors, reading time, next post and its own meta tags', async () => {
    const { page, pageErrors } = await openPage(browser);
    await page.goto('/blog');
    await page.getByRole('heading', { name: 'Blog', level: 1 }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'billing' }).click();
    await page.getByRole('link', { name: 'How token credits work' }).click();
    await page
      .getByRole('heading', { name: 'How token credits work', level: 1 })
      .waitFor({ timeout: 60_000 });
    await page.getByText(/\d+ min read/).waitFor();
    expect(await page.locator('h2#reserve-then-settle').count()).toBe(1);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'How token credits work',
    );
    expect(await page.title()).toBe('How token credits work · AGI Agent Automation');
    // The dev server answers the feeds the build writes, from the same published posts.
    const rss = await (await fetch(new URL('/rss.xml', page.url()))).text();
    expect(rss).toContain('/blog/how-credits-work</link>');
    await page.getByRole('link', { name: /Next: Team runs in practice/ }).click();
    await page.getByRole('heading', { name: /Team runs in practice/, level: 1 }).waitFor({ timeout: 60_000 });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('a visitor sends the contact form', async () => {
    const { page, pageErrors } = await openPage(browser);
    await page.goto('/contact');
    await page.getByRole('heading', { name: 'Contact us' }).waitFor({ timeout: 60_000 });
    const message = `We would like a demo for 40 people (${Date.now()}).`;
    await page.getByLabel('Your name').fill('Katherine Johnson');
    await page.getByLabel('Email').fill('katherine@example.test');
    await page.getByLabel('Topic').selectOption('sales');
    await page.getByRole('textbox', { name: 'Message' }).fill(message);
    // People take a moment; the time-to-submit check refuses forms sent within 3 s of showing.
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 60_000 });
    const rows = await asSuperuser(
      async (db) =>
        (await db.query('select topic from public.contact_submissions where message = $1', [message])).rows,
    );
    expect(rows).toEqual([{ topic: 'sales' }]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
