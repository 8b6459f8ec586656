/**
 * Storage in a real browser: upload an avatar and see it in the header (loaded from the local
 * Storage server under the app's CSP), and attach a PDF in chat and get an answer that quotes it
 * (the LLM stand-in's [[llm:echo]] answers with what the model received).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../fixtures/pdf';
import { PNG_1X1 } from '../integration/supabase-api/storage/helpers';
import { launchBrowser, openPage } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

describe('storage journeys', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/settings', '/marketplace/ada-code-reviewer', '/chat']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('uploads an avatar and shows it in the header', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = await signUpNewUser(page, 'avatar');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.getByText('Your new avatar is saved.').waitFor({ timeout: 30_000 });

    // The header's account menu shows the uploaded picture, actually loaded (CSP img-src allows it).
    const headerImage = page.getByRole('button', { name: 'Account menu' }).locator('img');
    await headerImage.waitFor();
    expect(await headerImage.getAttribute('src')).toMatch(
      /\/storage\/v1\/object\/public\/avatars\/[0-9a-f-]{36}\/avatar\?v=\d+$/,
    );
    await expect
      .poll(() => headerImage.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 })
      .toBe(1);
    const stored = await asSuperuser(async (client) => {
      const { rows } = await client.query<{ avatar_url: string }>(
        'select p.avatar_url from public.user_profiles p join auth.users u on u.id = p.user_id where u.email = $1',
        [email],
      );
      return rows[0]?.avatar_url;
    });
    expect(stored).toBe(await headerImage.getAttribute('src'));
    await page.screenshot({ path: '.local/e2e-avatar.png' });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('attaches a PDF in chat and gets an answer that quotes it', async () => {
    const { page, pageErrors } = await openPage(browser);
    await signUpNewUser(page, 'attach', '/marketplace/ada-code-reviewer');
    await page.waitForURL('**/marketplace/ada-code-reviewer');
    await page.getByRole('button', { name: 'Hire Ada' }).click();
    await page.getByRole('link', { name: 'Ada is hired: view your workforce' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await page.waitForURL('**/chat');
    // The only hire is chosen: its card, and the composer ready.
    await page.getByRole('heading', { level: 2, name: 'Ada' }).waitFor();

    const quote = 'Quarterly revenue reached 42 million euros in Q3.';
    await page.getByLabel('Attach files').setInputFiles({
      name: 'q3-report.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf([quote]),
    });
    const files = page.getByRole('list', { name: 'Files to send' });
    await files.getByText('q3-report.pdf').waitFor();
    await expect
      .poll(async () => (await files.textContent()) ?? '', { timeout: 30_000 })
      .not.toContain('uploading');

    await page.getByRole('textbox', { name: 'Message' }).fill('What does the report say? [[llm:echo]]');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL('**/chat/*');
    const conversation = page.getByRole('region', { name: 'Conversation' });
    await conversation.getByText('Attached: q3-report.pdf').waitFor({ timeout: 30_000 });
    const answer = conversation.getByRole('listitem').last();
    await answer.getByText(/\d credits$/).waitFor({ timeout: 60_000 });
    expect(await answer.textContent()).toContain(quote);
    await page.screenshot({ path: '.local/e2e-attachment.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
