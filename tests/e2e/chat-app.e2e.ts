/**
 * The chat as an app, in Chromium through the real gateway and the LLM stand-in: the new-chat
 * card, the chat shown in header and sidebar while its first answer streams, markdown answers,
 * the header balance following an answer, Stop keeping what was on screen, the composer pinned
 * after 30 messages, the phone drawer, and the insufficient-credits flow where a shorter answer
 * gets through. axe checks every state on the way.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoViolations } from './axe';
import { appUrl, launchBrowser } from './browser';
import { asSuperuser, compilePages, signUpNewUser } from './journeys';

/** The exact available figure, from the header balance's name ("1.2M credits, 1,234,567 available: …"). */
async function headerBalance(page: Page): Promise<number> {
  const name = await page.getByRole('button', { name: /available: balance details$/ }).textContent();
  return Number(/, ([\d,]+) available/.exec(name ?? '')?.[1]?.replace(/,/g, ''));
}

async function ledgerTotal(email: string): Promise<number> {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<{ total: string; active: string }>(
      `select (select coalesce(sum(amount), 0) from public.credit_ledger l where l.user_id = u.id) as total,
              (select count(*) from public.credit_reservations r where r.user_id = u.id and r.status = 'active') as active
       from auth.users u where u.email = $1`,
      [email],
    );
    return Number(rows[0]?.active) > 0 ? Number.NaN : Number(rows[0]?.total);
  });
}

async function openPage(browser: Browser, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: appUrl(), viewport });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

async function hireAda(page: Page) {
  await page.waitForURL('**/marketplace/ada-code-reviewer');
  await page.getByRole('button', { name: 'Hire Ada' }).click();
  await page.getByRole('link', { name: 'Ada is hired: view your workforce' }).waitFor();
}

const conversation = (page: Page) => page.getByRole('region', { name: 'Conversation' });
const messages = (page: Page) => conversation(page).locator('li.chat-message');
const lastAnswerText = async (page: Page) =>
  (
    await conversation(page).locator('li.chat-message--assistant .chat-message__content').last().textContent()
  )?.trim() ?? '';

describe('the chat as an app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await compilePages(browser, ['/sign-up', '/marketplace/ada-code-reviewer', '/chat']);
  }, 600_000);
  afterAll(() => browser?.close());

  it('new chat card, first answer in header and sidebar, markdown, live header balance, Stop keeps the text, composer pinned after 30 messages', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = await signUpNewUser(page, 'chatapp', '/marketplace/ada-code-reviewer');
    await hireAda(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    await page.waitForURL('**/chat');

    // A new chat: the one hired employee as a card with starters, no footer under the app.
    await page.getByRole('heading', { level: 2, name: 'Ada' }).waitFor();
    await page.getByRole('list', { name: 'Start with' }).getByRole('button').first().waitFor();
    expect(await page.locator('footer.site-footer').count()).toBe(0);
    await page.getByText(/held while it answers/).waitFor({ timeout: 30_000 });
    await expectNoViolations(page, 'new chat');

    const before = await headerBalance(page);
    expect(before).toBe(await ledgerTotal(email));

    // The first answer (markdown, echoed back), slow to start: thinking, with the chat already
    // in the header and the sidebar.
    const box = page.getByRole('textbox', { name: 'Message' });
    const markdown = [
      '## Plan',
      '',
      '- [x] Write the migration',
      '- [ ] Tell the team',
      '',
      '| Step | Owner |',
      '| --- | --- |',
      '| Review | Ada |',
      '',
      '```ts',
      'const answer: number = 42; // the answer',
      '```',
      '',
      '[[llm:echo]] [[llm:latency=1500]]',
    ].join('\n');
    await box.fill(markdown);
    await box.press('Enter');
    await page.getByText('Thinking…').waitFor();
    await page.waitForURL('**/chat/*');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Ada');
    await page
      .getByRole('navigation', { name: 'Your chats' })
      .getByRole('link', { name: /## Plan/ })
      .waitFor();
    expect(await box.isDisabled()).toBe(false);
    await page.getByRole('checkbox', { name: 'Write the migration, done' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30_000 });
    await messages(page)
      .last()
      .getByText(/\d credits$/)
      .waitFor({ timeout: 30_000 });
    // Highlighting arrives with its lazily loaded chunk.
    await conversation(page).locator('.hljs-keyword').first().waitFor({ timeout: 30_000 });
    await expectNoViolations(page, 'chat with a markdown answer');

    // The header balance follows the answer, to exactly what the ledger says.
    await expect.poll(() => ledgerTotal(email), { timeout: 30_000 }).toBeLessThan(before);
    const afterFirst = await ledgerTotal(email);
    await expect.poll(() => headerBalance(page), { timeout: 30_000 }).toBe(afterFirst);
    await page.getByRole('button', { name: /available: balance details$/ }).click();
    await page.getByText('Held for answers in progress').waitFor();
    await expectNoViolations(page, 'header balance popover');
    await page.keyboard.press('Escape');

    // Stop: the text on screen stays, marked stopped, with what the charge covers and its amount.
    const previous = await lastAnswerText(page);
    await box.fill('Now explain it line by line. [[llm:tokens=300]] [[llm:rate=10]]');
    await box.press('Enter');
    // The new answer is streaming (not the previous one still last) and has a few words.
    await expect
      .poll(
        async () => {
          const text = await lastAnswerText(page);
          return text !== previous && text.length > 10;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await box.press('Escape');
    await page.getByRole('button', { name: 'Send' }).waitFor();
    const shown = await lastAnswerText(page);
    expect(shown.length).toBeGreaterThan(5);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat-message');
    const last = messages(page).last();
    await last.getByText('Stopped', { exact: true }).waitFor();
    await last.getByText(/until it stopped: [\d,]+ credits\.$/).waitFor({ timeout: 90_000 });
    expect(await lastAnswerText(page)).toBe(shown);
    await expectNoViolations(page, 'stopped answer');

    // 30 messages: the conversation scrolls inside its pane; the composer stays on screen.
    const sessionId = new URL(page.url()).pathname.split('/').pop();
    await asSuperuser((client) =>
      client.query(
        `insert into public.chat_messages (session_id, role, content, status, created_at)
         select $1, case when i % 2 = 0 then 'user' else 'assistant' end,
                'Message ' || i || E'\\n\\nA paragraph long enough to take a few lines on the page, as answers do.',
                'complete', now() - interval '1 hour' + i * interval '1 second'
         from generate_series(1, 26) as i`,
        [sessionId],
      ),
    );
    await page.reload();
    await messages(page).nth(29).waitFor();
    expect(await messages(page).count()).toBeGreaterThanOrEqual(30);
    const layout = await page.evaluate(() => {
      const composer = document.getElementById('chat-message')!.getBoundingClientRect();
      const pane = document.querySelector('.chat-messages')!;
      return {
        composerBottom: composer.bottom,
        viewport: window.innerHeight,
        pageScrolls: document.documentElement.scrollHeight > window.innerHeight + 1,
        paneScrolls: pane.scrollHeight > pane.clientHeight,
        atEnd: Math.abs(pane.scrollHeight - pane.scrollTop - pane.clientHeight) < 2,
      };
    });
    expect(layout).toMatchObject({ pageScrolls: false, paneScrolls: true, atEnd: true });
    expect(layout.composerBottom).toBeLessThanOrEqual(layout.viewport);
    await expectNoViolations(page, 'long conversation');
    await page.screenshot({ path: '.local/e2e-chat-app.png' });
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('on a phone: the chats are a drawer and the composer is on screen', async () => {
    const { page, pageErrors } = await openPage(browser, { width: 390, height: 844 });
    await signUpNewUser(page, 'chatphone', '/marketplace/ada-code-reviewer');
    await hireAda(page);
    await page.goto('/chat');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello [[llm:tokens=5]]');
    await box.press('Enter');
    await page.waitForURL('**/chat/*');
    await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30_000 });

    const sidebar = page.getByRole('complementary', { name: 'Chats' });
    expect(await sidebar.isVisible()).toBe(false);
    const composerBox = await box.boundingBox();
    expect(composerBox!.y + composerBox!.height).toBeLessThanOrEqual(844);
    await expectNoViolations(page, 'phone chat');

    await page.getByRole('button', { name: 'Chats', exact: true }).click();
    await sidebar.waitFor({ state: 'visible' });
    expect(
      await page.evaluate(() => document.activeElement?.closest('aside')?.getAttribute('aria-label')),
    ).toBe('Chats');
    await expectNoViolations(page, 'phone drawer open');
    await page.keyboard.press('Escape');
    await sidebar.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Chats', exact: true }).click();
    await sidebar.getByRole('link', { name: /Hello/ }).click();
    await sidebar.waitFor({ state: 'hidden' });
    await page.screenshot({ path: '.local/e2e-chat-phone.png' });
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('too few credits for a long answer: said before sending, the message stays, a short answer gets through', async () => {
    const { page, pageErrors } = await openPage(browser);
    const email = await signUpNewUser(page, 'chatcredits', '/marketplace/ada-code-reviewer');
    await hireAda(page);
    // Enough for a short answer's hold, not for a long one's: half the long hold's output part.
    await asSuperuser(async (client) => {
      const { rows } = await client.query<{ credits: string }>(
        `select billing.price_call(v.provider, v.model, 2000, 2048, 0) as credits
         from public.ai_employees e join public.ai_employee_versions v on v.id = e.latest_version_id
         where e.slug = 'ada-code-reviewer'`,
      );
      await client.query(
        `select billing.grant_allowance(u.id, $2, now(), now() + interval '1 month', 'e2e-low:' || u.id)
         from auth.users u where u.email = $1`,
        [email, Number(rows[0]!.credits)],
      );
    });
    await page.goto('/chat');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Review my migration plan. [[llm:tokens=20]]');
    await page.getByText(/Not enough credits for a long answer/).waitFor({ timeout: 30_000 });
    await expectNoViolations(page, 'not enough credits, before sending');

    await box.press('Enter');
    const alert = page.getByRole('alert');
    await alert.getByText(/Not enough credits/).waitFor();
    await expect.poll(() => box.inputValue()).toBe('Review my migration plan. [[llm:tokens=20]]');
    await expectNoViolations(page, 'refused for credits');

    await page.getByRole('combobox', { name: 'Answer length' }).selectOption('short');
    await expect.poll(() => page.getByText(/Not enough credits for a/).count(), { timeout: 30_000 }).toBe(0);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await box.press('Enter');
    await page.waitForURL('**/chat/*');
    await messages(page)
      .last()
      .getByText(/\d credits$/)
      .waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
